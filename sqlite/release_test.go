package sqlite_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/sqlite"
	"github.com/radiator-hq/radiator/storetest"
)

// TestMigrateS2 migrates a database of schema 2 that holds releases and
// backlog item events: migrations 3 and 4 must start the releases and copy
// the history of each into release_events, the features' JSON cut, so
// that release burnups keep the history from before them.
func TestMigrateS2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	raw := openRaw(t, path)
	const at = "2025-03-03T09:00:00.000000000Z"
	stmts := []string{}
	for _, name := range []string{"0001_init.sql", "0002_s1.sql"} {
		b, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b))
	}
	const (
		inNext = `{"id":10,"kind":"feature","title":"Search","description":"Find mail.","release_id":1,"estimate":3,"state":"ready","labels":["x"]}`
		inPast = `{"id":10,"kind":"feature","title":"Search","description":"Find mail.","release_id":2,"estimate":2.5,"state":"in_progress","labels":["x"]}`
	)
	stmts = append(stmts,
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, '`+at+`'), (2, '`+at+`')`,
		`INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (1, 'P', 'P', '', 1, '`+at+`', '`+at+`')`,
		`INSERT INTO releases (id, product_id, name, date, goal, phase, kind, version, created_at, updated_at) VALUES
			(1, 1, 'Next', '2025-06-01', '', 'planning', 'regular', 1, '`+at+`', '`+at+`'),
			(2, 1, 'Past', '2025-02-01', '', 'released', 'regular', 1, '`+at+`', '`+at+`')`,
		`INSERT INTO events (at, actor_id, actor_name, entity_kind, entity_id, action, before, after) VALUES
			('`+at+`', 7, 'Ada', 'release', 1, 'create', 'null', '{"id":1,"name":"Next"}'),
			('`+at+`', NULL, 'x', 'backlog_item', 10, 'create', 'null', '`+inNext+`'),
			('`+at+`', NULL, 'x', 'backlog_item', 10, 'update', '`+inNext+`', '`+inPast+`'),
			('`+at+`', NULL, 'x', 'backlog_item', 11, 'create', 'null', '{"kind":"story","release_id":1}'),
			('`+at+`', NULL, 'x', 'release', 2, 'update', '{"id":2,"name":"Past"}', '{"id":2,"name":"Past","goal":"Ship"}'),
			('`+at+`', NULL, 'x', 'backlog_item', 10, 'delete', '`+inPast+`', 'null'),
			('`+at+`', NULL, 'x', 'sprint', 3, 'create', 'null', '{"kind":"feature","release_id":1}')`,
	)
	for _, stmt := range stmts {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db := mustOpenPath(t, path)
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
			t.Fatal(err)
		}
		var ids []int64
		for _, ev := range evs {
			ids = append(ids, ev.ID)
			want := history[ev.ID]
			if !sameJSON(t, ev.Before, want[0]) || !sameJSON(t, ev.After, want[1]) {
				t.Errorf("FindReleaseEvents(%v) after migrating: event %d from %s to %s, want from %s to %s",
					tt.releases, ev.ID, ev.Before, ev.After, want[0], want[1])
			}
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("FindReleaseEvents(%v) after migrating = %v, want %v", tt.releases, ids, tt.want)
		}
	}
	evs, err := db.FindReleaseEvents(t.Context(), []int64{1})
	if err != nil {
		t.Fatal(err)
	}
	if e := evs[0]; e.ActorID == nil || *e.ActorID != 7 || e.ActorName != "Ada" || e.EntityKind != radiator.EntityRelease ||
		e.EntityID != 1 || e.Action != radiator.ActionCreate || e.At != time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC) {
		t.Errorf("first event of release 1 after migrating = %+v, want its create by Ada (7) at %s", e, at)
	}
	for _, tt := range []struct {
		id    int64
		start string
	}{
		{1, "2025-03-03"},
		// A release dated before its creation starts the day before its date.
		{2, "2025-01-31"},
	} {
		r, err := db.FindReleaseByID(t.Context(), tt.id)
		if err != nil {
			t.Fatal(err)
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

// TestReleaseEventsUseIndexes checks that the query of FindReleaseEvents
// reads each release's history as a range of release_events' primary key,
// and one release's in ID order as it lies: a scan would grow with the
// history of the organisation, a sort with that of the release. The query
// here is the store's, with the columns cut short.
func TestReleaseEventsUseIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	mustOpenPath(t, path)
	raw := openRaw(t, path)
	for _, tt := range []struct {
		releases string
		sorts    bool
	}{
		{"1", false},
		{"1, 2", true},
	} {
		rows, err := raw.Query(`EXPLAIN QUERY PLAN
			SELECT event_id, before, after FROM release_events WHERE release_id IN (` + tt.releases + `) ORDER BY event_id`)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		if !strings.Contains(text, "SEARCH release_events USING PRIMARY KEY (release_id=?)") {
			t.Errorf("releases %s: the plan does not read a range of the primary key:\n%s", tt.releases, text)
		}
		if sorts := strings.Contains(text, "TEMP B-TREE"); sorts != tt.sorts {
			t.Errorf("releases %s: the plan sorts %t, want %t:\n%s", tt.releases, sorts, tt.sorts, text)
		}
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN") {
				t.Errorf("releases %s: the plan scans:\n%s", tt.releases, text)
			}
		}
	}
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
func openHistory(b *testing.B) (*sqlite.DB, *storetest.History) {
	b.Helper()
	h := storetest.NewHistory(b)
	path := filepath.Join(b.TempDir(), "radiator.db")
	raw := openRaw(b, path)
	for _, name := range []string{"0001_init.sql", "0002_s1.sql", "0003_s2.sql"} {
		script, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := raw.Exec(string(script)); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
	}
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }
	exec := func(query string, args ...any) {
		if _, err := tx.Exec(query, args...); err != nil {
			b.Fatalf("%s: %v", query, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`)
	exec(`INSERT INTO schema_migrations VALUES (1, ?), (2, ?), (3, ?)`, stamp(h.AsOf), stamp(h.AsOf), stamp(h.AsOf))
	p := h.Product
	exec(`INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Key, p.Name, p.Description, p.Version, stamp(p.CreatedAt), stamp(p.UpdatedAt))
	for _, r := range h.Releases {
		exec(`INSERT INTO releases (id, product_id, name, start, date, goal, phase, kind, override_reason, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, r.ProductID, r.Name, r.Start.String(), r.Date.String(), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version,
			stamp(r.CreatedAt), stamp(r.UpdatedAt))
	}
	item, err := tx.Prepare(`INSERT INTO backlog_items (id, product_id, kind, title, description, parent_id, rank, estimate, state,
		release_id, labels, done_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, it := range h.Items {
		labels, err := json.Marshal(it.Labels)
		if err != nil {
			b.Fatal(err)
		}
		var doneAt *string
		if it.DoneAt != nil {
			doneAt = ptr(stamp(*it.DoneAt))
		}
		if _, err := item.Exec(it.ID, it.ProductID, it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.State,
			it.ReleaseID, string(labels), doneAt, it.Version, stamp(it.CreatedAt), stamp(it.UpdatedAt)); err != nil {
			b.Fatal(err)
		}
	}
	event, err := tx.Prepare(`INSERT INTO events (id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after,
		sprint_before, sprint_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range h.Events {
		if _, err := event.Exec(e.ID, stamp(e.At), e.ActorID, e.ActorName, e.EntityKind, e.EntityID, e.Action,
			string(e.Before), string(e.After)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	db := mustOpenPath(b, path)
	evs, err := db.FindReleaseEvents(b.Context(), []int64{h.Releases[0].ID})
	if err != nil {
		b.Fatal(err)
	}
	if len(evs) != h.Want {
		b.Fatalf("FindReleaseEvents = %d events, want %d", len(evs), h.Want)
	}
	return db, h
}
