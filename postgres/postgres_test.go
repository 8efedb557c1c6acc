package postgres_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
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
