package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/sqlite"
	"github.com/radiator-hq/radiator/storetest"
)

// mustOpen returns a migrated store in a fresh file, closed when tb ends.
func mustOpen(tb testing.TB, clock radiator.Clock) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "radiator.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	db.Clock = clock
	if err := db.Migrate(tb.Context()); err != nil {
		tb.Fatal(err)
	}
	return db
}

// schemaVersion is the number of migrations the store ships.
const schemaVersion = 6

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock radiator.Clock) radiator.Store {
		return mustOpen(t, clock)
	})
}

func TestOpenCreatesFolder(t *testing.T) {
	// The folder's name holds what a file: URI would take for syntax.
	path := filepath.Join(t.TempDir(), "data 100% #1?", "nested", "radiator.db")
	db, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer db.Close()
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
}

func TestMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	db, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(t.Context()); err != nil || v != 0 {
		t.Fatalf("SchemaVersion() of a new file = %d, %v; want 0, nil", v, err)
	}
	for i := range 2 {
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate() #%d: %v", i+1, err)
		}
		if v, err := db.SchemaVersion(t.Context()); err != nil || v != schemaVersion {
			t.Fatalf("SchemaVersion() after Migrate #%d = %d, %v; want %d, nil", i+1, v, err, schemaVersion)
		}
	}
	raw := openRaw(t, path)
	var migrations, organisations int
	if err := raw.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&migrations); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT count(*) FROM organisations`).Scan(&organisations); err != nil {
		t.Fatal(err)
	}
	if migrations != schemaVersion || organisations != 1 {
		t.Errorf("after migrating twice: %d migrations recorded and %d organisations, want %d and 1", migrations, organisations, schemaVersion)
	}
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	db := mustOpenPath(t, path)
	if _, err := openRaw(t, path).Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (7, '2030-01-01T00:00:00.000000000Z')`); err != nil {
		t.Fatal(err)
	}
	err := db.Migrate(t.Context())
	want := fmt.Sprintf("database schema version 7 is newer than this radiator knows (%d); upgrade radiator", schemaVersion)
	if err == nil || err.Error() != want {
		t.Fatalf("Migrate() on a newer database = %v, want %q", err, want)
	}
}

// TestConcurrentWriters runs transactions that read and then write from
// many goroutines at once: each must wait for the write lock rather than
// fail with SQLITE_BUSY.
func TestConcurrentWriters(t *testing.T) {
	db := mustOpen(t, radiator.SystemClock{})
	const writers, writes = 8, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*writes)
	for w := range writers {
		wg.Go(func() {
			for i := range writes {
				p := &radiator.Product{Key: fmt.Sprintf("P%dX%d", w, i), Name: "Product"}
				if err := db.CreateProduct(t.Context(), p); err != nil {
					errs <- err
					continue
				}
				if _, err := db.UpdateProduct(t.Context(), p.ID, radiator.ProductUpdate{Version: 1, Name: ptr("Renamed")}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	events, _, err := db.FindEvents(t.Context(), radiator.EventFilter{Page: radiator.Page{Limit: radiator.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2*writers*writes {
		t.Errorf("%d events, want %d", len(events), 2*writers*writes)
	}
}

func mustOpenPath(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(tb.Context(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(tb.Context()); err != nil {
		tb.Fatal(err)
	}
	return db
}

// openRaw opens the file with the bare driver, to look under the store.
func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

func ptr[T any](v T) *T { return &v }

// BenchmarkCreateBacklogItem measures appending stories to a backlog that
// grows with every iteration: the checks, the rank look-up, the insert and
// its event, in one transaction.
func BenchmarkCreateBacklogItem(b *testing.B) {
	db := mustOpen(b, radiator.SystemClock{})
	ctx := context.Background()
	p := &radiator.Product{Key: "MAIL", Name: "Mail"}
	team := &radiator.Team{Name: "Inbox"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatal(err)
	}
	team.ProductID = p.ID
	if err := db.CreateTeam(ctx, team); err != nil {
		b.Fatal(err)
	}
	feature := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindFeature, Title: "Search", State: radiator.StateNew}
	if err := db.CreateBacklogItem(ctx, feature); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: "Search by sender", ParentID: &feature.ID,
			TeamID: &team.ID, Estimate: ptr(3.0), State: radiator.StateReady, AcceptanceCriteria: "The sender's mail shows."}
		if err := db.CreateBacklogItem(ctx, it); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindBacklogItems measures reading one page of 100 items of a
// product's backlog of 2000, in rank order, past the first pages.
func BenchmarkFindBacklogItems(b *testing.B) {
	db := mustOpen(b, radiator.NewManualClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)))
	ctx := context.Background()
	var products []*radiator.Product
	for _, key := range []string{"MAIL", "CHAT"} {
		p := &radiator.Product{Key: key, Name: key}
		if err := db.CreateProduct(ctx, p); err != nil {
			b.Fatal(err)
		}
		products = append(products, p)
	}
	for i := range 2000 {
		for _, p := range products {
			it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i), State: radiator.StateNew}
			if err := db.CreateBacklogItem(ctx, it); err != nil {
				b.Fatal(err)
			}
		}
	}
	first, after, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: products[0].ID, Page: radiator.Page{Limit: 500}})
	if err != nil || len(first) != 500 {
		b.Fatalf("first page: %d items, %v", len(first), err)
	}
	for b.Loop() {
		items, _, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: products[0].ID,
			Page: radiator.Page{After: after, Limit: 100}})
		if err != nil || len(items) != 100 {
			b.Fatalf("page: %d items, %v", len(items), err)
		}
	}
}

// BenchmarkMoveBacklogItem measures re-ordering a product's backlog of
// 2000 evenly ranked items: each move puts an item before another, both
// picked by a fixed random sequence.
func BenchmarkMoveBacklogItem(b *testing.B) {
	db := mustOpen(b, radiator.NewManualClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)))
	ctx := context.Background()
	p := &radiator.Product{Key: "MAIL", Name: "Mail"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatal(err)
	}
	const n = 2000
	ids := make([]int64, n)
	// Appending halves the room left at the end each time, so 2000 appends
	// make ranks hundreds of characters long, and the first move near them
	// would spread them all; start from spread ranks instead.
	ranks := radiator.SpreadRanks(n)
	for i := range ids {
		it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i), State: radiator.StateNew,
			Rank: ranks[i]}
		if err := db.CreateBacklogItem(ctx, it); err != nil {
			b.Fatal(err)
		}
		ids[i] = it.ID
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		id, before := ids[rng.IntN(n)], ids[rng.IntN(n)]
		if id == before {
			continue
		}
		it, err := db.FindBacklogItemByID(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.MoveBacklogItem(ctx, id, radiator.BacklogMove{Version: it.Version, Before: before}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMoveCard measures moving a card across a board of 60 cards: the
// update of its column with the team's rules and the event.
func BenchmarkMoveCard(b *testing.B) {
	db := mustOpen(b, radiator.NewManualClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)))
	ctx := context.Background()
	p := &radiator.Product{Key: "MAIL", Name: "Mail"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatal(err)
	}
	team := &radiator.Team{Name: "Inbox", ProductID: p.ID, DefinitionOfReady: radiator.DefaultDefinitionOfReady()}
	if err := db.CreateTeam(ctx, team); err != nil {
		b.Fatal(err)
	}
	s := &radiator.Sprint{TeamID: team.ID, Name: "Inbox 1", Start: radiator.MustDate("2025-03-03"), End: radiator.MustDate("2025-03-14"),
		State: radiator.SprintActive}
	if err := db.CreateSprint(ctx, s); err != nil {
		b.Fatal(err)
	}
	var card *radiator.BacklogItem
	for i := range 60 {
		card = &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Card %d", i), TeamID: &team.ID,
			SprintID: &s.ID, State: radiator.StateNew, Column: "todo", Estimate: ptr(3.0), AcceptanceCriteria: "Works.", ReadyChecks: team.DefinitionOfReady}
		if err := db.CreateBacklogItem(ctx, card); err != nil {
			b.Fatal(err)
		}
	}
	columns := []string{"in_progress", "done", "todo"}
	i := 0
	for b.Loop() {
		up, err := db.UpdateBacklogItem(ctx, card.ID, radiator.BacklogItemUpdate{Version: card.Version, Column: &columns[i%len(columns)]})
		if err != nil {
			b.Fatal(err)
		}
		card = up
		i++
	}
}

// TestMigrateBackfillsSprintEvents migrates a database of schema 1 that
// holds backlog item events: migration 2 must fill in their sprints, so
// that the charts of sprints from before it keep their history.
func TestMigrateBackfillsSprintEvents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "radiator.db")
	raw := openRaw(t, path)
	schema, err := os.ReadFile(filepath.Join("migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	const at = "2025-03-03T09:00:00.000000000Z"
	for _, stmt := range []string{
		string(schema),
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, '` + at + `')`,
		`INSERT INTO events (at, actor_name, entity_kind, entity_id, action, before, after) VALUES
			('` + at + `', 'system', 'backlog_item', 1, 'create', 'null', '{"id":1,"sprint_id":5}'),
			('` + at + `', 'system', 'backlog_item', 1, 'update', '{"id":1,"sprint_id":5}', '{"id":1,"sprint_id":6}'),
			('` + at + `', 'system', 'backlog_item', 2, 'create', 'null', '{"id":2,"sprint_id":null}'),
			('` + at + `', 'system', 'sprint', 5, 'create', 'null', '{"id":5,"sprint_id":5}'),
			('` + at + `', 'system', 'backlog_item', 1, 'delete', '{"id":1,"sprint_id":6}', 'null')`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db := mustOpenPath(t, path)
	for _, tt := range []struct {
		sprints []int64
		want    []int64
	}{
		{[]int64{5}, []int64{1, 2}},
		{[]int64{6}, []int64{2, 5}},
		{[]int64{5, 6}, []int64{1, 2, 5}},
		{[]int64{7}, nil},
	} {
		evs, err := db.FindSprintEvents(t.Context(), tt.sprints)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("FindSprintEvents(%v) after migrating = %v, want %v", tt.sprints, ids, tt.want)
		}
	}
}

// TestTextFilterFoldsEveryScript checks that the text filter ignores case
// beyond ASCII, which SQLite's own lower() does not.
func TestTextFilterFoldsEveryScript(t *testing.T) {
	db := mustOpen(t, radiator.SystemClock{})
	p := &radiator.Product{Key: "BANK", Name: "Bank"}
	if err := db.CreateProduct(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: "Überweisung prüfen", State: radiator.StateNew,
		AcceptanceCriteria: "Ein Fehler zeigt ΣΦΑΛΜΑ."}
	if err := db.CreateBacklogItem(t.Context(), it); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"überweisung", "ÜBERWEISUNG PRÜFEN", "σφαλμα"} {
		items, _, err := db.FindBacklogItems(t.Context(), radiator.BacklogItemFilter{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 1 {
			t.Errorf("FindBacklogItems(text %q) found %d items, want 1", text, len(items))
		}
	}
}
