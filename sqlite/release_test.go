package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// TestMigrateS2 migrates a database of schema 2 that holds releases and
// backlog item events: migration 3 must start the releases and fill in
// the release and kind of each item event, so that release burnups keep
// the history from before it.
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
	stmts = append(stmts,
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, '`+at+`'), (2, '`+at+`')`,
		`INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (1, 'P', 'P', '', 1, '`+at+`', '`+at+`')`,
		`INSERT INTO releases (id, product_id, name, date, goal, phase, kind, version, created_at, updated_at) VALUES
			(1, 1, 'Next', '2025-06-01', '', 'planning', 'regular', 1, '`+at+`', '`+at+`'),
			(2, 1, 'Past', '2025-02-01', '', 'released', 'regular', 1, '`+at+`', '`+at+`')`,
		`INSERT INTO events (at, actor_name, entity_kind, entity_id, action, before, after) VALUES
			('`+at+`', 'x', 'release', 1, 'create', 'null', '{"id":1}'),
			('`+at+`', 'x', 'backlog_item', 10, 'create', 'null', '{"kind":"feature","release_id":1}'),
			('`+at+`', 'x', 'backlog_item', 10, 'update', '{"kind":"feature","release_id":1}', '{"kind":"feature","release_id":2}'),
			('`+at+`', 'x', 'backlog_item', 11, 'create', 'null', '{"kind":"story","release_id":1}'),
			('`+at+`', 'x', 'release', 2, 'update', '{"id":2}', '{"id":2}'),
			('`+at+`', 'x', 'backlog_item', 10, 'delete', '{"kind":"feature","release_id":2}', 'null'),
			('`+at+`', 'x', 'sprint', 3, 'create', 'null', '{"kind":"feature","release_id":1}')`,
	)
	for _, stmt := range stmts {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db := mustOpenPath(t, path)
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
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("FindReleaseEvents(%v) after migrating = %v, want %v", tt.releases, ids, tt.want)
		}
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

// TestReleaseEventsUseIndexes checks that the query of FindReleaseEvents
// picks its events out by index alone, reading no other event: a scan
// would grow with the whole history of the organisation. The query here
// is the store's, with the columns cut short.
func TestReleaseEventsUseIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	mustOpenPath(t, path)
	rows, err := openRaw(t, path).Query(`EXPLAIN QUERY PLAN
		SELECT id, before, after FROM events WHERE id IN (
			SELECT id FROM events WHERE entity_kind = 'release' AND entity_id IN (1, 2)
			UNION ALL
			SELECT id FROM events WHERE item_kind = 'feature' AND release_before IN (1, 2)
			UNION ALL
			SELECT id FROM events WHERE item_kind = 'feature' AND release_after IN (1, 2))
		ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
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
	text := strings.Join(plan, "\n")
	for _, index := range []string{"events_entity", "events_release_before", "events_release_after"} {
		if !strings.Contains(text, "COVERING INDEX "+index) {
			t.Errorf("the plan does not pick the events out by index %s alone:\n%s", index, text)
		}
	}
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN events") {
			t.Errorf("the plan scans the events:\n%s", text)
		}
	}
}

// BenchmarkFindReleaseEvents measures reading the history of a release of
// 200 features and 3,000 stories from a database of 100,000 events: the
// features' events (a fifth of them moved in from or out to another
// release), the stories' many more, and the events of other releases.
func BenchmarkFindReleaseEvents(b *testing.B) {
	path := filepath.Join(b.TempDir(), "radiator.db")
	db := mustOpenPath(b, path)
	ctx := b.Context()
	p := &radiator.Product{Key: "MAIL", Name: "Mail"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatal(err)
	}
	var releases []*radiator.Release
	for i := range 4 {
		r := &radiator.Release{ProductID: p.ID, Name: fmt.Sprintf("2025.%d", i+1), Date: radiator.MustDate("2025-12-01"),
			Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
		if err := db.CreateRelease(ctx, r); err != nil {
			b.Fatal(err)
		}
		releases = append(releases, r)
	}
	release := releases[0].ID
	want := seedReleaseHistory(b, openRaw(b, path), p.ID, release, releases[1].ID, releases[2].ID)
	evs, err := db.FindReleaseEvents(ctx, []int64{release})
	if err != nil {
		b.Fatal(err)
	}
	if len(evs) != want {
		b.Fatalf("FindReleaseEvents = %d events, want %d", len(evs), want)
	}
	for b.Loop() {
		if _, err := db.FindReleaseEvents(ctx, []int64{release}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(want), "events/op")
}

// seedReleaseHistory writes, straight into the tables, 200 features of
// the release and 200 of two others, 15 stories under each feature of the
// release, and events for them up to 100,000 in all. It returns how many
// events FindReleaseEvents should find for the release.
func seedReleaseHistory(b *testing.B, raw *sql.DB, product, release, other1, other2 int64) int {
	b.Helper()
	const features, storiesPer, total = 200, 15, 100000
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	insertItem, err := tx.Prepare(`INSERT INTO backlog_items (product_id, kind, title, description, parent_id, rank, estimate, state,
		release_id, version, created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, ?, 'new', ?, 1, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	insertEvent, err := tx.Prepare(`INSERT INTO events (at, actor_id, actor_name, entity_kind, entity_id, action, before, after,
		sprint_before, sprint_after, item_kind, release_before, release_after)
		VALUES (?, 7, 'Ada Lovelace', 'backlog_item', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM events`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	want := 1 // the release's create
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	stamp := func() string {
		at = at.Add(time.Second)
		return at.Format("2006-01-02T15:04:05.000000000Z")
	}
	encode := func(it *radiator.BacklogItem) string {
		if it == nil {
			return "null"
		}
		j, err := json.Marshal(it)
		if err != nil {
			b.Fatal(err)
		}
		return string(j)
	}
	ref := func(it *radiator.BacklogItem, f func(*radiator.BacklogItem) *int64) *int64 {
		if it == nil {
			return nil
		}
		return f(it)
	}
	write := func(before, after *radiator.BacklogItem, action string) {
		it := after
		if it == nil {
			it = before
		}
		sprint := func(x *radiator.BacklogItem) *int64 { return x.SprintID }
		rel := func(x *radiator.BacklogItem) *int64 { return x.ReleaseID }
		if _, err := insertEvent.Exec(stamp(), it.ID, action, encode(before), encode(after), ref(before, sprint), ref(after, sprint),
			it.Kind, ref(before, rel), ref(after, rel)); err != nil {
			b.Fatal(err)
		}
		n++
		in := func(x *int64) bool { return x != nil && *x == release }
		if it.Kind == radiator.KindFeature && (in(ref(before, rel)) || in(ref(after, rel))) {
			want++
		}
	}
	create := func(it *radiator.BacklogItem) {
		created := stamp()
		res, err := insertItem.Exec(product, it.Kind, it.Title, it.ParentID, it.Rank, it.Estimate, it.ReleaseID, created, created)
		if err != nil {
			b.Fatal(err)
		}
		if it.ID, err = res.LastInsertId(); err != nil {
			b.Fatal(err)
		}
		it.State, it.Version = radiator.StateNew, 1
		write(nil, it, radiator.ActionCreate)
	}
	update := func(it *radiator.BacklogItem, change func(*radiator.BacklogItem)) {
		before := *it
		change(it)
		it.Version++
		write(&before, it, radiator.ActionUpdate)
	}

	var items []*radiator.BacklogItem
	for i := range 2 * features {
		rel := release
		if i >= features {
			rel = []int64{other1, other2}[i%2]
		}
		f := &radiator.BacklogItem{ProductID: product, Kind: radiator.KindFeature, Title: fmt.Sprintf("Feature %d", i),
			Rank: fmt.Sprintf("f%04d", i), Estimate: ptr(float64(1 + i%5)), ReleaseID: &rel}
		create(f)
		items = append(items, f)
		if i%5 == 0 {
			// A fifth of the features visit another release and come back.
			to := other1
			if rel != release {
				to = release
			}
			update(f, func(it *radiator.BacklogItem) { it.ReleaseID = &to })
			update(f, func(it *radiator.BacklogItem) { it.ReleaseID = &rel })
		}
		update(f, func(it *radiator.BacklogItem) { it.Description = "What customers get from " + it.Title + "." })
		if i >= features {
			continue
		}
		for s := range storiesPer {
			st := &radiator.BacklogItem{ProductID: product, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d of feature %d", s, i),
				ParentID: &f.ID, Rank: fmt.Sprintf("s%04d%02d", i, s), Estimate: ptr(3.0)}
			if s == 0 {
				st.ReleaseID = &rel
			}
			create(st)
			items = append(items, st)
		}
	}
	states := []string{radiator.StateReady, radiator.StateInProgress, radiator.StateDone}
	for i := 0; n < total; i++ {
		it := items[i%len(items)]
		update(it, func(it *radiator.BacklogItem) {
			it.State = states[i%len(states)]
			it.Labels = []string{"release", fmt.Sprintf("week-%d", i%12)}
		})
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return want
}
