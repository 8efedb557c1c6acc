package postgres_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/radiator-hq/radiator"
)

// TestMigrateS2 upgrades a database of schema 2 that holds releases and
// backlog item events: the releases get a start, and the earlier item
// events their kind and releases, so that release burnups find them.
func TestMigrateS2(t *testing.T) {
	conn := newSchema(t)
	var script string
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_s1.sql"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		script += string(b) + ";\n"
	}
	execScript(t, conn, script+`
		CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
		INSERT INTO schema_migrations VALUES (1, now()), (2, now());
		INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (1, 'P', 'P', '', 1, now(), now());
		INSERT INTO releases (id, product_id, name, date, goal, phase, kind, version, created_at, updated_at) VALUES
			(1, 1, 'Next', '2025-06-01', '', 'planning', 'regular', 1, '2025-03-03T23:30:00-05:00', now()),
			(2, 1, 'Past', '2025-02-01', '', 'released', 'regular', 1, '2025-03-03T09:00:00Z', now());
		INSERT INTO events (id, at, actor_name, entity_kind, entity_id, action, before, after) VALUES
			(1, now(), 'x', 'release', 1, 'create', 'null', '{"id":1}'),
			(2, now(), 'x', 'backlog_item', 10, 'create', 'null', '{"kind":"feature","release_id":1}'),
			(3, now(), 'x', 'backlog_item', 10, 'update', '{"kind":"feature","release_id":1}', '{"kind":"feature","release_id":2}'),
			(4, now(), 'x', 'backlog_item', 11, 'create', 'null', '{"kind":"story","release_id":1}'),
			(5, now(), 'x', 'release', 2, 'update', '{"id":2}', '{"id":2}'),
			(6, now(), 'x', 'backlog_item', 10, 'delete', '{"kind":"feature","release_id":2}', 'null'),
			(7, now(), 'x', 'sprint', 3, 'create', 'null', '{"kind":"feature","release_id":1}');
		SELECT setval(pg_get_serial_sequence('events', 'id'), 7);
	`)
	db := mustOpen(t, conn)
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	for _, tt := range []struct {
		releases []int64
		want     []int64
	}{
		{[]int64{1}, []int64{1, 2, 3}},
		{[]int64{2}, []int64{3, 5, 6}},
		{[]int64{1, 2}, []int64{1, 2, 3, 5, 6}},
		{[]int64{7}, nil},
	} {
		evs, err := db.FindReleaseEvents(t.Context(), tt.releases)
		if err != nil {
			t.Fatalf("FindReleaseEvents(%v): %v", tt.releases, err)
		}
		var ids []int64
		for _, e := range evs {
			ids = append(ids, e.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(tt.want) {
			t.Errorf("FindReleaseEvents(%v) = events %v, want %v", tt.releases, ids, tt.want)
		}
	}
	for _, tt := range []struct {
		id    int64
		start string
	}{
		// Created on 4 March in UTC.
		{1, "2025-03-04"},
		// A release dated before its creation starts the day before its date.
		{2, "2025-01-31"},
	} {
		r, err := db.FindReleaseByID(t.Context(), tt.id)
		if err != nil {
			t.Fatalf("FindReleaseByID(%d): %v", tt.id, err)
		}
		if r.Start != radiator.MustDate(tt.start) || r.OverrideReason != "" {
			t.Errorf("release %d after migrating starts %s with override %q, want %s and none", tt.id, r.Start, r.OverrideReason, tt.start)
		}
	}
}
