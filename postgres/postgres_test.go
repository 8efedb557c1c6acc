package postgres_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/postgres"
	"github.com/radiator-hq/radiator/storetest"
)

// urlVar names the environment variable that holds the URL of the
// PostgreSQL database the tests may use.
const urlVar = "RADIATOR_TEST_POSTGRES"

// testURL returns the test database's URL. Without one the test is
// skipped, except under CI, where that is a failure.
func testURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(urlVar)
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set; CI runs every test on PostgreSQL, e.g. %s='postgres://postgres@127.0.0.1:5432/test?sslmode=disable'", urlVar, urlVar)
		}
		tb.Skipf("PostgreSQL tests skipped: set %s to a database URL, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable", urlVar)
	}
	return u
}

// newSchema creates an empty schema of its own for one test and drops it,
// with everything in it, when the test ends. It returns the database URL
// with that schema as the search path.
func newSchema(tb testing.TB) string {
	tb.Helper()
	base := testURL(tb)
	schema := "rt_" + strings.ToLower(rand.Text()[:16])
	exec(tb, base, `CREATE SCHEMA `+schema)
	tb.Cleanup(func() { exec(tb, base, `DROP SCHEMA `+schema+` CASCADE`) })
	return withSearchPath(tb, base, schema)
}

// withSearchPath returns the connection string with the search path set,
// in either of the forms libpq reads.
func withSearchPath(tb testing.TB, conn, schema string) string {
	tb.Helper()
	if !strings.Contains(conn, "://") {
		return conn + " search_path=" + schema
	}
	u, err := url.Parse(conn)
	if err != nil {
		tb.Fatalf("parse %s: %v", urlVar, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on a connection of its own.
func exec(tb testing.TB, connString, sql string, args ...any) {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// queryInt runs a query returning one number on a connection of its own.
func queryInt(tb testing.TB, connString, sql string) int {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, sql).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return n
}

// mustOpen opens a store on connString and closes it when the test ends.
func mustOpen(tb testing.TB, connString string) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), connString)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// mustOpenMigrated opens a fresh, migrated store in a schema of its own.
func mustOpenMigrated(tb testing.TB, clock radiator.Clock) *postgres.DB {
	tb.Helper()
	db := mustOpen(tb, newSchema(tb))
	db.Clock = clock
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock radiator.Clock) radiator.Store {
		return mustOpenMigrated(t, clock)
	})
}

// latest is the schema version this program migrates to.
func latest(t *testing.T) int {
	t.Helper()
	db := mustOpenMigrated(t, radiator.SystemClock{})
	v, err := db.SchemaVersion(t.Context())
	if err != nil {
		t.Fatalf("SchemaVersion: %v", err)
	}
	if v < 1 {
		t.Fatalf("SchemaVersion after Migrate = %d, want at least 1", v)
	}
	return v
}

func TestMigrate(t *testing.T) {
	want := latest(t)

	t.Run("twice is a no-op", func(t *testing.T) {
		conn := newSchema(t)
		db := mustOpen(t, conn)
		v, err := db.SchemaVersion(t.Context())
		if err != nil || v != 0 {
			t.Fatalf("SchemaVersion of an empty schema = %d, %v; want 0, nil", v, err)
		}
		for i := range 2 {
			if err := db.Migrate(t.Context()); err != nil {
				t.Fatalf("Migrate #%d: %v", i+1, err)
			}
			if v, err := db.SchemaVersion(t.Context()); err != nil || v != want {
				t.Fatalf("SchemaVersion after Migrate #%d = %d, %v; want %d, nil", i+1, v, err, want)
			}
			if n := queryInt(t, conn, `SELECT count(*) FROM schema_migrations`); n != want {
				t.Fatalf("schema_migrations after Migrate #%d holds %d rows, want %d", i+1, n, want)
			}
			if n := queryInt(t, conn, `SELECT count(*) FROM organisations`); n != 1 {
				t.Fatalf("organisations after Migrate #%d holds %d rows, want 1", i+1, n)
			}
		}
	})

	t.Run("newer database refused", func(t *testing.T) {
		conn := newSchema(t)
		db := mustOpen(t, conn)
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		newer := want + 7
		exec(t, conn, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, newer)
		err := db.Migrate(t.Context())
		wantMsg := fmt.Sprintf("database schema version %d is newer than this radiator knows (%d); upgrade radiator", newer, want)
		if err == nil || !strings.Contains(err.Error(), wantMsg) {
			t.Fatalf("Migrate of a newer database = %v, want an error saying %q", err, wantMsg)
		}
		if v, err := db.SchemaVersion(t.Context()); err != nil || v != newer {
			t.Fatalf("SchemaVersion = %d, %v; want %d, nil", v, err, newer)
		}
	})

	t.Run("concurrent servers", func(t *testing.T) {
		conn := newSchema(t)
		dbs := []*postgres.DB{mustOpen(t, conn), mustOpen(t, conn), mustOpen(t, conn)}
		errs := make([]error, len(dbs))
		var wg sync.WaitGroup
		ready := make(chan struct{})
		for i, db := range dbs {
			wg.Go(func() {
				<-ready
				errs[i] = db.Migrate(t.Context())
			})
		}
		close(ready)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("Migrate on server %d: %v", i+1, err)
			}
		}
		if n := queryInt(t, conn, `SELECT count(*) FROM schema_migrations`); n != want {
			t.Fatalf("schema_migrations holds %d rows, want %d", n, want)
		}
	})
}

func TestOpen(t *testing.T) {
	base := testURL(t)
	tests := []struct {
		name string
		url  string
	}{
		{"malformed", "postgres://%zz"},
		{"nobody listening", "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=2"},
		{"bad pool size", withParam(t, base, "pool_max_conns", "none")},
		{"zero pool size", withParam(t, base, "pool_max_conns", "0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := postgres.Open(t.Context(), tt.url)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) = nil error, want one", tt.url)
			}
		})
	}
}

// withParam returns the URL with one more query parameter.
func withParam(tb testing.TB, conn, key, value string) string {
	tb.Helper()
	u, err := url.Parse(conn)
	if err != nil {
		tb.Fatalf("parse %s: %v", urlVar, err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestPoolLimit checks that callers wait for the one connection a pool of
// one holds, rather than failing or opening more.
func TestPoolLimit(t *testing.T) {
	app := "radiator_pool_" + strings.ToLower(rand.Text()[:8])
	conn := withParam(t, withParam(t, newSchema(t), "pool_max_conns", "1"), "application_name", app)
	db := mustOpen(t, conn)
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			errs[i] = db.CreateProduct(t.Context(), &radiator.Product{Key: fmt.Sprintf("P%d", i), Name: "Product"})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("CreateProduct #%d: %v", i, err)
		}
	}
	ps, _, err := db.FindProducts(t.Context(), radiator.ProductFilter{})
	if err != nil || len(ps) != len(errs) {
		t.Fatalf("FindProducts() = %d products, %v; want %d", len(ps), err, len(errs))
	}
	n := queryInt(t, testURL(t), fmt.Sprintf(`SELECT count(*) FROM pg_stat_activity WHERE application_name = '%s'`, app))
	if n != 1 {
		t.Fatalf("the store holds %d connections, want 1 (pool_max_conns=1)", n)
	}
}

// TestDuplicateRace creates two products with one key at the same time:
// whichever check the loser fails, its error is a conflict, never internal.
func TestDuplicateRace(t *testing.T) {
	db := mustOpenMigrated(t, radiator.SystemClock{})
	for round := range 5 {
		key := fmt.Sprintf("RACE%d", round)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		ready := make(chan struct{})
		for i := range errs {
			wg.Go(func() {
				<-ready
				errs[i] = db.CreateProduct(t.Context(), &radiator.Product{Key: key, Name: "Racer"})
			})
		}
		close(ready)
		wg.Wait()
		codes := []string{radiator.ErrorCode(errs[0]), radiator.ErrorCode(errs[1])}
		if !(codes[0] == "" && codes[1] == radiator.ECONFLICT) && !(codes[0] == radiator.ECONFLICT && codes[1] == "") {
			t.Fatalf("racing CreateProduct(%s) = %v, want one success and one conflict", key, errs)
		}
	}
}

// TestRankCollation checks that ranks sort bytewise whatever the
// database's collation, as they do in SQLite.
func TestRankCollation(t *testing.T) {
	db := mustOpenMigrated(t, radiator.SystemClock{})
	ctx := t.Context()
	p := &radiator.Product{Key: "RANK", Name: "Ranked"}
	if err := db.CreateProduct(ctx, p); err != nil {
		t.Fatalf("CreateProduct: %v", err)
	}
	// In most locales "a-z" words sort before or among digits differently
	// from bytes when lengths differ; bytewise, "0z" < "1" < "a" < "a1" < "b".
	want := []string{"0z", "1", "a", "a1", "b"}
	for _, r := range []string{"b", "a1", "1", "a", "0z"} {
		it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: "Rank " + r, Rank: r, State: radiator.StateNew}
		if err := db.CreateBacklogItem(ctx, it); err != nil {
			t.Fatalf("CreateBacklogItem(%s): %v", r, err)
		}
	}
	items, _, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: p.ID})
	if err != nil {
		t.Fatalf("FindBacklogItems: %v", err)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Rank)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("ranks in order = %v, want %v", got, want)
	}
}

// TestTimesInUTC checks that times read back in UTC even when the
// session's time zone is another.
func TestTimesInUTC(t *testing.T) {
	conn := withParam(t, newSchema(t), "timezone", "America/Sao_Paulo")
	db := mustOpen(t, conn)
	at := time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC)
	db.Clock = radiator.NewManualClock(at)
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	r := &radiator.Product{Key: "TZ", Name: "Zones"}
	if err := db.CreateProduct(t.Context(), r); err != nil {
		t.Fatalf("CreateProduct: %v", err)
	}
	rel := &radiator.Release{ProductID: r.ID, Name: "Midsummer", Date: radiator.MustDate("2025-06-30"),
		Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular}
	if err := db.CreateRelease(t.Context(), rel); err != nil {
		t.Fatalf("CreateRelease: %v", err)
	}
	got, err := db.FindReleaseByID(t.Context(), rel.ID)
	if err != nil {
		t.Fatalf("FindReleaseByID: %v", err)
	}
	if got.Date != rel.Date || !got.CreatedAt.Equal(at) || got.CreatedAt.Location() != time.UTC {
		t.Fatalf("FindReleaseByID() date %v, created %v; want %v, %v in UTC", got.Date, got.CreatedAt, rel.Date, at)
	}
}

func BenchmarkCreateBacklogItem(b *testing.B) {
	db := mustOpenMigrated(b, radiator.SystemClock{})
	ctx := context.Background()
	p := &radiator.Product{Key: "BENCH", Name: "Benchmark"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatalf("CreateProduct: %v", err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i), State: radiator.StateNew}
		if err := db.CreateBacklogItem(ctx, it); err != nil {
			b.Fatalf("CreateBacklogItem: %v", err)
		}
	}
}

// TestConcurrentMoves moves many items of one product to the top at the
// same time: moves take turns, so each lands above the one before and no
// two share a rank.
func TestConcurrentMoves(t *testing.T) {
	db := mustOpenMigrated(t, radiator.SystemClock{})
	ctx := t.Context()
	p := &radiator.Product{Key: "MOVE", Name: "Moves"}
	if err := db.CreateProduct(ctx, p); err != nil {
		t.Fatalf("CreateProduct: %v", err)
	}
	items := make([]*radiator.BacklogItem, 12)
	for i := range items {
		items[i] = &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i), State: radiator.StateNew}
		if err := db.CreateBacklogItem(ctx, items[i]); err != nil {
			t.Fatalf("CreateBacklogItem: %v", err)
		}
	}
	moved := items[4:]
	errs := make([]error, len(moved))
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for i, it := range moved {
		wg.Go(func() {
			<-ready
			_, errs[i] = db.MoveBacklogItem(ctx, it.ID, radiator.BacklogMove{Version: it.Version, Position: "top"})
		})
	}
	close(ready)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("MoveBacklogItem(%d) = %v", moved[i].ID, err)
		}
	}
	got, _, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: p.ID})
	if err != nil {
		t.Fatalf("FindBacklogItems: %v", err)
	}
	top := map[int64]bool{}
	for i, it := range got {
		if i > 0 && it.Rank <= got[i-1].Rank {
			t.Errorf("item %d has rank %q after %q: moves raced", it.ID, it.Rank, got[i-1].Rank)
		}
		if i < len(moved) {
			top[it.ID] = true
		}
	}
	for _, it := range moved {
		if !top[it.ID] {
			t.Errorf("moved item %d is not among the top %d: its move was lost", it.ID, len(moved))
		}
	}
}

// TestCloseWhileWorking closes a sprint while its cards move and more work
// is planned into it. Each change waits for the close or the close for it,
// never a deadlock, and the closed sprint holds no unfinished work.
func TestCloseWhileWorking(t *testing.T) {
	db := mustOpenMigrated(t, radiator.SystemClock{})
	ctx := t.Context()
	p := &radiator.Product{Key: "CLOSE", Name: "Closing"}
	if err := db.CreateProduct(ctx, p); err != nil {
		t.Fatalf("CreateProduct: %v", err)
	}
	team := &radiator.Team{Name: "Closers", ProductID: p.ID}
	if err := db.CreateTeam(ctx, team); err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	for round := range 4 {
		s := &radiator.Sprint{TeamID: team.ID, Name: fmt.Sprintf("Sprint %d", round), State: radiator.SprintActive,
			Start: radiator.MustDate("2025-03-03").AddDays(14 * round), End: radiator.MustDate("2025-03-14").AddDays(14 * round)}
		if err := db.CreateSprint(ctx, s); err != nil {
			t.Fatalf("CreateSprint: %v", err)
		}
		var items []*radiator.BacklogItem
		for i := range 8 {
			it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i),
				State: radiator.StateNew, TeamID: &team.ID}
			if i%2 == 0 {
				it.SprintID = &s.ID
			}
			if err := db.CreateBacklogItem(ctx, it); err != nil {
				t.Fatalf("CreateBacklogItem: %v", err)
			}
			items = append(items, it)
		}
		errs := make([]error, len(items)+1)
		var wg sync.WaitGroup
		ready := make(chan struct{})
		for i, it := range items {
			wg.Go(func() {
				<-ready
				upd := radiator.BacklogItemUpdate{Version: 1, Column: ptr("in_progress")}
				if it.SprintID == nil {
					upd.SprintID = radiator.SetTo(s.ID)
				}
				_, errs[i] = db.UpdateBacklogItem(ctx, it.ID, upd)
			})
		}
		wg.Go(func() {
			<-ready
			_, errs[len(items)] = db.CloseSprint(ctx, s.ID, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToBacklog})
		})
		close(ready)
		wg.Wait()
		if errs[len(items)] != nil {
			t.Fatalf("CloseSprint: %v", errs[len(items)])
		}
		for i, err := range errs[:len(items)] {
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) {
				t.Errorf("update of item %d raced the close into SQLSTATE %s: %v", items[i].ID, pgErr.Code, err)
			} else if code := radiator.ErrorCode(err); code != "" && code != radiator.ECONFLICT && code != radiator.EINVALID {
				t.Errorf("update of item %d = %v, want it done, or refused for a stale version or the closed sprint", items[i].ID, err)
			}
		}
		left, _, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{SprintID: s.ID})
		if err != nil {
			t.Fatalf("FindBacklogItems: %v", err)
		}
		for _, it := range left {
			if it.State != radiator.StateDone {
				t.Errorf("closed sprint %d holds item %d in state %s", s.ID, it.ID, it.State)
			}
		}
	}
}

// TestCloseSprintCrowdedTop closes a sprint when the top of the backlog has
// no room for its unfinished work in short ranks: the product's ranks are
// spread anew with that work first, each change with its event.
func TestCloseSprintCrowdedTop(t *testing.T) {
	conn := newSchema(t)
	db := mustOpen(t, conn)
	ctx := t.Context()
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	p := &radiator.Product{Key: "TOP", Name: "Crowded"}
	if err := db.CreateProduct(ctx, p); err != nil {
		t.Fatalf("CreateProduct: %v", err)
	}
	team := &radiator.Team{Name: "Toppers", ProductID: p.ID}
	if err := db.CreateTeam(ctx, team); err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	s := &radiator.Sprint{TeamID: team.ID, Name: "Sprint 1", State: radiator.SprintActive,
		Start: radiator.MustDate("2025-03-03"), End: radiator.MustDate("2025-03-14")}
	if err := db.CreateSprint(ctx, s); err != nil {
		t.Fatalf("CreateSprint: %v", err)
	}
	item := func(title, rank string, sprint *int64) *radiator.BacklogItem {
		t.Helper()
		it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: title, Rank: rank, State: radiator.StateNew,
			TeamID: &team.ID, SprintID: sprint}
		if err := db.CreateBacklogItem(ctx, it); err != nil {
			t.Fatalf("CreateBacklogItem: %v", err)
		}
		return it
	}
	first := item("first", strings.Repeat("0", 22)+"1", nil)
	second := item("second", "i", nil)
	a := item("a", "k", &s.ID)
	b := item("b", "m", &s.ID)
	mark := queryInt(t, conn, `SELECT max(id) FROM events`)
	if _, err := db.CloseSprint(ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: radiator.UnfinishedToBacklog}); err != nil {
		t.Fatalf("CloseSprint: %v", err)
	}
	got, _, err := db.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: p.ID})
	if err != nil {
		t.Fatalf("FindBacklogItems: %v", err)
	}
	var ids []int64
	for i, it := range got {
		ids = append(ids, it.ID)
		if len(it.Rank) > 24 {
			t.Errorf("item %d has rank %q, longer than 24 characters", it.ID, it.Rank)
		}
		if i > 0 && it.Rank <= got[i-1].Rank {
			t.Errorf("item %d has rank %q after %q: ranks do not rise", it.ID, it.Rank, got[i-1].Rank)
		}
	}
	if want := []int64{a.ID, b.ID, first.ID, second.ID}; fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("backlog after the close = %v, want %v", ids, want)
	}
	evs, _, err := db.FindEvents(ctx, radiator.EventFilter{EntityKind: radiator.EntityBacklogItem, Page: radiator.Page{After: radiator.IDCursor(int64(mark))}})
	if err != nil {
		t.Fatalf("FindEvents: %v", err)
	}
	changed := map[int64]int{}
	for _, e := range evs {
		changed[e.EntityID]++
	}
	for _, it := range got {
		moved := it.ID == a.ID || it.ID == b.ID
		if want := it.Version - 1; int64(changed[it.ID]) != want || (moved && want != 1) {
			t.Errorf("item %d at version %d has %d events since the close, want one per new version and one for each moved item",
				it.ID, it.Version, changed[it.ID])
		}
	}
}

// execScript runs SQL of several statements on a connection of its own.
func execScript(tb testing.TB, connString, sql string) {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, connString)
	if err != nil {
		tb.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.PgConn().Exec(ctx, sql).ReadAll(); err != nil {
		tb.Fatalf("run script: %v", err)
	}
}

// TestMigrateS1 upgrades a database of the first schema that holds a
// history: the sprints of earlier item events are filled in, so that the
// sprint charts find them, and started and closed sprints get their times.
func TestMigrateS1(t *testing.T) {
	conn := newSchema(t)
	init, err := os.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatalf("read the first migration: %v", err)
	}
	started := time.Date(2025, 2, 3, 9, 0, 0, 0, time.UTC)
	closed := started.AddDate(0, 0, 11)
	execScript(t, conn, string(init)+`
		CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
		INSERT INTO schema_migrations VALUES (1, now());
		INSERT INTO products (id, key, name, description, version, created_at, updated_at) VALUES (1, 'P', 'P', '', 1, now(), now());
		INSERT INTO forums (id, name, tier, kind, purpose, cadence, version, created_at, updated_at)
			VALUES (1, 'T', 1, 'team', '', '{}', 1, now(), now());
		INSERT INTO teams (id, product_id, forum_id, name, description, version, created_at, updated_at) VALUES (1, 1, 1, 'T', '', 1, now(), now());
		INSERT INTO sprints (id, team_id, name, start_date, end_date, goal, state, version, created_at, updated_at) VALUES
			(1, 1, 'One', '2025-02-03', '2025-02-14', '', 'closed', 3, now(), '2025-03-01T00:00:00Z'),
			(2, 1, 'Two', '2025-02-17', '2025-02-28', '', 'planned', 1, now(), now()),
			(3, 1, 'Three', '2025-03-03', '2025-03-14', '', 'closed', 1, now(), '2025-03-20T00:00:00Z');
		INSERT INTO events (id, at, actor_name, entity_kind, entity_id, action, before, after) VALUES
			(1, '2025-02-01T00:00:00Z', 'x', 'sprint', 1, 'create', 'null', '{"state":"planned"}'),
			(2, '`+started.Format(time.RFC3339)+`', 'x', 'sprint', 1, 'update', '{"state":"planned"}', '{"state":"active"}'),
			(3, '`+closed.Format(time.RFC3339)+`', 'x', 'sprint', 1, 'update', '{"state":"active"}', '{"state":"closed"}'),
			(4, now(), 'x', 'backlog_item', 10, 'create', 'null', '{"sprint_id":1}'),
			(5, now(), 'x', 'backlog_item', 10, 'update', '{"sprint_id":1}', '{"sprint_id":2}'),
			(6, now(), 'x', 'backlog_item', 11, 'create', 'null', '{"sprint_id":null}'),
			(7, now(), 'x', 'backlog_item', 10, 'delete', '{"sprint_id":2}', 'null'),
			(8, now(), 'x', 'sprint', 2, 'update', '{"sprint_id":1}', '{"sprint_id":1}');
		SELECT setval(pg_get_serial_sequence('events', 'id'), 8);
	`)
	db := mustOpen(t, conn)
	if err := db.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	for _, tt := range []struct {
		sprints []int64
		want    []int64
	}{
		{[]int64{1}, []int64{4, 5}},
		{[]int64{2}, []int64{5, 7}},
		{[]int64{1, 2}, []int64{4, 5, 7}},
		{[]int64{3}, nil},
	} {
		evs, err := db.FindSprintEvents(t.Context(), tt.sprints)
		if err != nil {
			t.Fatalf("FindSprintEvents(%v): %v", tt.sprints, err)
		}
		var ids []int64
		for _, e := range evs {
			ids = append(ids, e.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(tt.want) {
			t.Errorf("FindSprintEvents(%v) = events %v, want %v", tt.sprints, ids, tt.want)
		}
	}
	for _, tt := range []struct {
		id              int64
		started, closed *time.Time
	}{
		{1, &started, &closed},
		{2, nil, nil},
		// Without a history, a closed sprint closed when it last changed.
		{3, nil, ptr(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC))},
	} {
		s, err := db.FindSprintByID(t.Context(), tt.id)
		if err != nil {
			t.Fatalf("FindSprintByID(%d): %v", tt.id, err)
		}
		if fmt.Sprint(s.StartedAt) != fmt.Sprint(tt.started) || fmt.Sprint(s.ClosedAt) != fmt.Sprint(tt.closed) {
			t.Errorf("sprint %d started %v, closed %v; want %v, %v", tt.id, s.StartedAt, s.ClosedAt, tt.started, tt.closed)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// BenchmarkMoveBacklogItem moves items of a backlog of 500 to the top, one
// after another, so that ranks grow and now and then spread anew.
func BenchmarkMoveBacklogItem(b *testing.B) {
	db := mustOpenMigrated(b, radiator.SystemClock{})
	ctx := context.Background()
	p := &radiator.Product{Key: "BENCH", Name: "Benchmark"}
	if err := db.CreateProduct(ctx, p); err != nil {
		b.Fatalf("CreateProduct: %v", err)
	}
	items := make([]*radiator.BacklogItem, 500)
	for i := range items {
		items[i] = &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d", i), State: radiator.StateNew}
		if err := db.CreateBacklogItem(ctx, items[i]); err != nil {
			b.Fatalf("CreateBacklogItem: %v", err)
		}
	}
	for i := 0; b.Loop(); i++ {
		// The last item goes to the top: each move takes the next one up.
		it := items[len(items)-1-i%len(items)]
		b.StopTimer() // spreading ranks changes versions: read the current one
		cur, err := db.FindBacklogItemByID(ctx, it.ID)
		if err != nil {
			b.Fatalf("FindBacklogItemByID: %v", err)
		}
		b.StartTimer()
		if _, err := db.MoveBacklogItem(ctx, it.ID, radiator.BacklogMove{Version: cur.Version, Position: "top"}); err != nil {
			b.Fatalf("MoveBacklogItem: %v", err)
		}
	}
}
