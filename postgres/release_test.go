package postgres_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/postgres"
	"github.com/radiator-hq/radiator/storetest"
)

// TestMigrateS2 upgrades a database of schema 2 that holds releases and
// backlog item events: the releases get a start, and their histories are
// copied into release_events, the features' JSON cut, so that release
// burnups find them.
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
	const (
		inNext = `{"id":10,"kind":"feature","title":"Search","description":"Find mail.","release_id":1,"estimate":3,"state":"ready","labels":["x"]}`
		inPast = `{"id":10,"kind":"feature","title":"Search","description":"Find mail.","release_id":2,"estimate":2.5,"state":"in_progress","labels":["x"]}`
	)
	execScript(t, conn, script+`
		CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
		INSERT INTO schema_migrations VALUES (1, now()), (2, now());
		INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (1, 'P', 'P', '', 1, now(), now());
		INSERT INTO releases (id, product_id, name, date, goal, phase, kind, version, created_at, updated_at) VALUES
			(1, 1, 'Next', '2025-06-01', '', 'planning', 'regular', 1, '2025-03-03T23:30:00-05:00', now()),
			(2, 1, 'Past', '2025-02-01', '', 'released', 'regular', 1, '2025-03-03T09:00:00Z', now());
		INSERT INTO events (id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after) VALUES
			(1, '2025-03-03T09:00:00Z', 7, 'Ada', 'release', 1, 'create', 'null', '{"id":1,"name":"Next"}'),
			(2, now(), NULL, 'x', 'backlog_item', 10, 'create', 'null', '`+inNext+`'),
			(3, now(), NULL, 'x', 'backlog_item', 10, 'update', '`+inNext+`', '`+inPast+`'),
			(4, now(), NULL, 'x', 'backlog_item', 11, 'create', 'null', '{"kind":"story","release_id":1}'),
			(5, now(), NULL, 'x', 'release', 2, 'update', '{"id":2,"name":"Past"}', '{"id":2,"name":"Past","goal":"Ship"}'),
			(6, now(), NULL, 'x', 'backlog_item', 10, 'delete', '`+inPast+`', 'null'),
			(7, now(), NULL, 'x', 'sprint', 3, 'create', 'null', '{"kind":"feature","release_id":1}');
		SELECT setval(pg_get_serial_sequence('events', 'id'), 7);
	`)
	db := mustOpen(t, conn)
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	const (
		cutNext = `{"kind":"feature","title":"Search","release_id":1,"estimate":3,"state":"ready"}`
		cutPast = `{"kind":"feature","title":"Search","release_id":2,"estimate":2.5,"state":"in_progress"}`
	)
	// JSON before and after of each event the histories hold.
	history := map[int64][2]string{
		1: {`null`, `{"id":1,"name":"Next"}`},
		2: {`null`, cutNext},
		3: {cutNext, cutPast},
		5: {`{"id":2,"name":"Past"}`, `{"id":2,"name":"Past","goal":"Ship"}`},
		6: {cutPast, `null`},
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
			want := history[e.ID]
			if !sameJSON(t, e.Before, want[0]) || !sameJSON(t, e.After, want[1]) {
				t.Errorf("FindReleaseEvents(%v) after migrating: event %d from %s to %s, want from %s to %s",
					tt.releases, e.ID, e.Before, e.After, want[0], want[1])
			}
		}
		if fmt.Sprint(ids) != fmt.Sprint(tt.want) {
			t.Errorf("FindReleaseEvents(%v) = events %v, want %v", tt.releases, ids, tt.want)
		}
	}
	evs, err := db.FindReleaseEvents(t.Context(), []int64{1})
	if err != nil {
		t.Fatalf("FindReleaseEvents: %v", err)
	}
	if e := evs[0]; e.ActorID == nil || *e.ActorID != 7 || e.ActorName != "Ada" || e.EntityKind != radiator.EntityRelease ||
		e.EntityID != 1 || e.Action != radiator.ActionCreate || !e.At.Equal(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("first event of release 1 after migrating = %+v, want its create by Ada (7) on 3 March 2025 at 9:00", e)
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

// sameJSON reports whether raw holds the same JSON as want.
func sameJSON(t testing.TB, raw json.RawMessage, want string) bool {
	t.Helper()
	var got, w any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("decode %s: %v", want, err)
	}
	return reflect.DeepEqual(got, w)
}

// BenchmarkFindReleaseEvents measures reading the history of a release of
// 200 features and 3,000 stories from a database of 100,000 events
// (storetest.History).
func BenchmarkFindReleaseEvents(b *testing.B) {
	db, h := openHistory(b)
	release := h.Releases[0].ID
	for b.Loop() {
		if _, err := db.FindReleaseEvents(b.Context(), []int64{release}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(h.Want), "events/op")
}

// BenchmarkReleaseProgress measures the release tier's performance target
// end to end, under 50 ms: the burnup and forecast of the release of
// storetest.History, from reading its history and the product's features
// to the burnup, the feature throughput of the last six two-week periods
// and the forecast.
func BenchmarkReleaseProgress(b *testing.B) {
	db, h := openHistory(b)
	r, err := db.FindReleaseByID(b.Context(), h.Releases[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	storetest.ReleaseProgress(b, db, r, h.AsOf).Check(b, h)
	for b.Loop() {
		storetest.ReleaseProgress(b, db, r, h.AsOf)
	}
}

// openHistory writes storetest.History into a database of schema 3, as an
// organisation's history stood before migration 4, and opens and migrates
// it. It checks that FindReleaseEvents finds the release's history.
func openHistory(b *testing.B) (*postgres.DB, *storetest.History) {
	b.Helper()
	h := storetest.NewHistory(b)
	conn := newSchema(b)
	var script string
	for _, name := range []string{"migrations/0001_init.sql", "migrations/0002_s1.sql", "migrations/0003_s2.sql"} {
		s, err := os.ReadFile(name)
		if err != nil {
			b.Fatalf("read %s: %v", name, err)
		}
		script += string(s) + ";\n"
	}
	execScript(b, conn, script+`
		CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
		INSERT INTO schema_migrations VALUES (1, now()), (2, now()), (3, now());`)
	ctx := b.Context()
	pg, err := pgx.Connect(ctx, conn)
	if err != nil {
		b.Fatalf("connect: %v", err)
	}
	defer pg.Close(ctx)
	p := h.Product
	if _, err := pg.Exec(ctx, `INSERT INTO products (id, key, name, description, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.ID, p.Key, p.Name, p.Description, p.Version, p.CreatedAt, p.UpdatedAt); err != nil {
		b.Fatalf("insert product: %v", err)
	}
	copyRows := func(table string, columns []string, n int, row func(i int) []any) {
		b.Helper()
		got, err := pg.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromSlice(n, func(i int) ([]any, error) { return row(i), nil }))
		if err != nil || got != int64(n) {
			b.Fatalf("copy %d rows into %s: %d, %v", n, table, got, err)
		}
	}
	copyRows("releases", []string{"id", "product_id", "name", "start", "date", "goal", "phase", "kind", "override_reason", "version",
		"created_at", "updated_at"}, len(h.Releases), func(i int) []any {
		r := h.Releases[i]
		return []any{r.ID, r.ProductID, r.Name, r.Start.Time(), r.Date.Time(), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version,
			r.CreatedAt, r.UpdatedAt}
	})
	copyRows("backlog_items", []string{"id", "product_id", "kind", "title", "description", "parent_id", "rank", "estimate", "state",
		"release_id", "labels", "done_at", "version", "created_at", "updated_at"}, len(h.Items), func(i int) []any {
		it := h.Items[i]
		return []any{it.ID, it.ProductID, it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.State,
			it.ReleaseID, list(it.Labels), it.DoneAt, it.Version, it.CreatedAt, it.UpdatedAt}
	})
	copyRows("events", []string{"id", "at", "actor_id", "actor_name", "entity_kind", "entity_id", "action", "before", "after"},
		len(h.Events), func(i int) []any {
			e := h.Events[i]
			return []any{e.ID, e.At, e.ActorID, e.ActorName, e.EntityKind, e.EntityID, e.Action, e.Before, e.After}
		})
	db := mustOpen(b, conn)
	if err := db.Migrate(ctx); err != nil {
		b.Fatalf("Migrate: %v", err)
	}
	execScript(b, conn, `ANALYZE`)
	evs, err := db.FindReleaseEvents(ctx, []int64{h.Releases[0].ID})
	if err != nil {
		b.Fatalf("FindReleaseEvents: %v", err)
	}
	if len(evs) != h.Want {
		b.Fatalf("FindReleaseEvents = %d events, want %d", len(evs), h.Want)
	}
	return db, h
}

// list returns a nil list as an empty one, as the labels column takes it.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
