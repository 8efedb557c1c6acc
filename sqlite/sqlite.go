// Package sqlite implements radiator.Store on SQLite, through the pure-Go
// driver modernc.org/sqlite: one file in the data folder, no cgo.
//
// Each public method is one transaction, its events included; the helpers
// it calls take the *Tx.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// busyTimeout is how long a statement waits for another connection's lock
// before it fails with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// DB is a radiator.Store on one SQLite file.
type DB struct {
	db *sql.DB

	// Clock tells the time of every change. Set it before first use; it
	// defaults to the system clock.
	Clock radiator.Clock
}

var _ radiator.Store = (*DB)(nil)

// Open opens the SQLite database at path, creating the file and its folder
// when they do not exist. Call Migrate before using the store.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open sqlite: no path given")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create database folder: %w", err)
	}
	sqldb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db := &DB{db: sqldb, Clock: radiator.SystemClock{}}
	if err := db.Ping(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// dsn returns the data source name of the file at path. The pragmas go in
// the DSN because database/sql pools connections: the driver runs them on
// every connection it opens, where a one-off PRAGMA would reach only one.
//
//   - journal_mode=WAL lets readers go on while one writer writes.
//   - busy_timeout makes a connection wait for another's lock instead of
//     failing at once with SQLITE_BUSY.
//   - foreign_keys=ON, because SQLite, for backwards compatibility, does not
//     enforce REFERENCES clauses unless each connection asks it to. The
//     store checks references itself to name the field at fault; the keys
//     are the net under that check.
//   - synchronous=NORMAL is safe in WAL mode: a power cut may lose the last
//     transactions but never corrupts the file, and commits skip an fsync.
//
// _txlock=immediate starts every read-write transaction with BEGIN
// IMMEDIATE, taking the write lock up front. A deferred transaction that
// reads and then writes must upgrade its lock, and SQLite fails such an
// upgrade with SQLITE_BUSY at once, without waiting for busy_timeout, when
// another writer went first. Read-only transactions still begin deferred.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + uriPath.Replace(path) + "?" + q.Encode()
}

// uriPath escapes what SQLite's file: URIs would take for syntax in a path.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// Close closes the database.
func (db *DB) Close() error {
	return db.db.Close()
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping sqlite: %w", err)
	}
	return nil
}

// migration is one embedded schema change.
type migration struct {
	version int
	name    string
}

// migrations returns the embedded migrations in order. Their names start
// with their version, from 1 up without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	var out []migration
	for i, name := range names {
		prefix, _, _ := strings.Cut(filepath.Base(name), "_")
		v, err := strconv.Atoi(prefix)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d as its name's prefix", name, i+1)
		}
		out = append(out, migration{version: v, name: name})
	}
	return out, nil
}

// Migrate brings the schema up to date, applying each embedded migration
// not yet applied in its own transaction. It refuses a database whose
// schema is newer than this program knows.
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return newerSchemaError(current, len(ms))
	}
	for _, m := range ms {
		if err := db.migrate(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func newerSchemaError(have, know int) error {
	return fmt.Errorf("database schema version %d is newer than this radiator knows (%d); upgrade radiator", have, know)
}

// migrate applies one migration unless it is applied already; checking
// inside the transaction lets two servers start on one file at once.
func (db *DB) migrate(ctx context.Context, m migration) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(m.name)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, formatTime(db.now())); err != nil {
		return fmt.Errorf("record migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration %s: %w", m.name, err)
	}
	return nil
}

// SchemaVersion returns the version of the newest migration applied, 0 for
// a new database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var exists int
	if err := db.db.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if exists == 0 {
		return 0, nil
	}
	var v int
	if err := db.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

func (db *DB) now() time.Time {
	return db.Clock.Now().UTC()
}

// Tx is one transaction, with the time its changes are stamped with.
type Tx struct {
	*sql.Tx
	now time.Time
}

// begin starts a read-write transaction, which waits for the write lock.
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, now: db.now()}, nil
}

// read starts a read-only transaction, which sees one snapshot and takes
// no write lock.
func (db *DB) read(ctx context.Context) (*Tx, error) {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	return &Tx{Tx: tx, now: db.now()}, nil
}

// commit commits tx, naming what it did in an error.
func (tx *Tx) commit(what string) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", what, err)
	}
	return nil
}

// event records a change of one entity by the actor of ctx, and copies
// it into the history of each release it belongs to.
func (tx *Tx) event(ctx context.Context, kind string, id int64, action string, before, after any) error {
	e, err := radiator.NewEvent(radiator.ActorFromContext(ctx), tx.now, kind, id, action, before, after)
	if err != nil {
		return fmt.Errorf("encode %s %d event: %w", kind, id, err)
	}
	var ref itemRefs
	if kind == radiator.EntityBacklogItem {
		if ref, err = itemRefsOf(e.Before, e.After); err != nil {
			return fmt.Errorf("%s %d event: %w", kind, id, err)
		}
	}
	e.ID, err = lastID(tx.ExecContext(ctx, `
		INSERT INTO events (at, actor_id, actor_name, entity_kind, entity_id, action, before, after, sprint_before, sprint_after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), e.ActorID, e.ActorName, e.EntityKind, e.EntityID, e.Action, string(e.Before), string(e.After),
		ref.sprintBefore, ref.sprintAfter))
	if err != nil {
		return fmt.Errorf("write %s %d event: %w", kind, id, err)
	}
	h, err := releaseHistoryOf(e, ref)
	if err != nil {
		return fmt.Errorf("%s %d event: %w", kind, id, err)
	}
	for _, release := range h.releases {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			release, e.ID, formatTime(e.At), e.ActorID, e.ActorName, e.EntityKind, e.EntityID, e.Action,
			string(h.before), string(h.after)); err != nil {
			return fmt.Errorf("write %s %d event of release %d: %w", kind, id, release, err)
		}
	}
	return nil
}

// itemRefs are what a backlog item event is looked up by: the item's
// sprint before and after the change, for FindSprintEvents, and the item
// as release histories keep it.
type itemRefs struct {
	sprintBefore, sprintAfter *int64
	before, after             *featureCut
}

// featureCut is the part of a feature's JSON that release burnups and
// the changes since a baseline read; release_events keeps only it.
type featureCut struct {
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	ReleaseID *int64   `json:"release_id"`
	Estimate  *float64 `json:"estimate"`
	State     string   `json:"state"`
}

// itemState is the part of a backlog item's JSON that itemRefs come from.
type itemState struct {
	featureCut
	SprintID *int64 `json:"sprint_id"`
}

// itemRefsOf reads the refs of a backlog item event from the item's JSON
// before and after the change, either of which may be null.
func itemRefsOf(before, after json.RawMessage) (itemRefs, error) {
	var b, a *itemState
	if err := json.Unmarshal(before, &b); err != nil {
		return itemRefs{}, fmt.Errorf("read item before: %w", err)
	}
	if err := json.Unmarshal(after, &a); err != nil {
		return itemRefs{}, fmt.Errorf("read item after: %w", err)
	}
	var ref itemRefs
	if b != nil {
		ref.sprintBefore, ref.before = b.SprintID, &b.featureCut
	}
	if a != nil {
		ref.sprintAfter, ref.after = a.SprintID, &a.featureCut
	}
	return ref, nil
}

// kind is the item's kind after the change, else before it.
func (ref itemRefs) kind() string {
	if ref.after != nil && ref.after.Kind != "" {
		return ref.after.Kind
	}
	if ref.before != nil {
		return ref.before.Kind
	}
	return ""
}

// releaseHistory is where an event goes in release_events: the releases
// whose history it is part of, and the JSON kept there.
type releaseHistory struct {
	releases      []int64
	before, after json.RawMessage
}

// releaseHistoryOf returns where the event goes in release_events: a
// release's event whole under the release; a feature's, cut to
// featureCut, under its release before and after the change; nowhere
// for anything else.
func releaseHistoryOf(e *radiator.Event, ref itemRefs) (releaseHistory, error) {
	if e.EntityKind == radiator.EntityRelease {
		return releaseHistory{releases: []int64{e.EntityID}, before: e.Before, after: e.After}, nil
	}
	if e.EntityKind != radiator.EntityBacklogItem || ref.kind() != radiator.KindFeature {
		return releaseHistory{}, nil
	}
	var h releaseHistory
	for _, c := range []*featureCut{ref.before, ref.after} {
		if c != nil && c.ReleaseID != nil && !slices.Contains(h.releases, *c.ReleaseID) {
			h.releases = append(h.releases, *c.ReleaseID)
		}
	}
	var err error
	if h.before, err = json.Marshal(ref.before); err != nil {
		return h, err
	}
	h.after, err = json.Marshal(ref.after)
	return h, err
}

// timeLayout writes times in UTC with a fixed width, so that the text
// sorts in time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime returns the column value of an optional time.
func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// timeColumn scans a time column into *T.
type timeColumn struct{ t *time.Time }

func (c timeColumn) Scan(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("time column holds %T, want text", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time column: %w", err)
	}
	*c.t = t.UTC()
	return nil
}

// nullTimeColumn scans an optional time column.
type nullTimeColumn struct{ t **time.Time }

func (c nullTimeColumn) Scan(v any) error {
	if v == nil {
		*c.t = nil
		return nil
	}
	var t time.Time
	if err := (timeColumn{&t}).Scan(v); err != nil {
		return err
	}
	*c.t = &t
	return nil
}

// dateColumn scans a date column written as YYYY-MM-DD.
type dateColumn struct{ d *radiator.Date }

func (c dateColumn) Scan(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("date column holds %T, want text", v)
	}
	d, err := radiator.ParseDate(s)
	if err != nil {
		return fmt.Errorf("date column: %w", err)
	}
	*c.d = d
	return nil
}

// jsonColumn scans a column of JSON text into a value.
type jsonColumn struct{ v any }

func (c jsonColumn) Scan(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("json column holds %T, want text", v)
	}
	return json.Unmarshal([]byte(s), c.v)
}

// listJSON returns the column value of a list: JSON text, "[]" for an
// empty or nil list.
func listJSON[T any](list []T) (string, error) {
	if len(list) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", list, err)
	}
	return string(b), nil
}

// listColumn scans a list kept as JSON text; an empty list reads as nil.
type listColumn[T any] struct{ l *[]T }

func (c listColumn[T]) Scan(v any) error {
	var list []T
	if err := (jsonColumn{&list}).Scan(v); err != nil {
		return err
	}
	if len(list) == 0 {
		list = nil
	}
	*c.l = list
	return nil
}

// emptyAsNil returns nil for an empty list, so that what a write returns
// equals what a read gives.
func emptyAsNil[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// rawJSONColumn scans a column of JSON text as it is.
type rawJSONColumn struct{ v *json.RawMessage }

func (c rawJSONColumn) Scan(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("json column holds %T, want text", v)
	}
	*c.v = json.RawMessage(s)
	return nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// queryList runs a query and scans every row.
func queryList[T any](ctx context.Context, tx *Tx, scan func(scanner) (*T, error), query string, args ...any) ([]*T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// exists reports whether a query returns a row.
func exists(ctx context.Context, tx *Tx, query string, args ...any) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// where collects the conditions of a filtered list.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page trims a list fetched with one row more than the limit and returns
// the cursor of the next page, "" when there is none.
func page[T any](list []*T, limit int, cursor func(*T) string) ([]*T, string) {
	if len(list) <= limit {
		return list, ""
	}
	list = list[:limit]
	return list, cursor(list[limit-1])
}

// notFound returns the ENOTFOUND error of a missing entity.
func notFound(what string, id int64) error {
	return radiator.Errorf(radiator.ENOTFOUND, "No %s %d.", what, id)
}

// missingRef returns the EINVALID error of a reference to a missing row.
func missingRef(field, what string, id int64) error {
	return radiator.Invalidf(field, "no %s %d", what, id)
}

// stale returns the ECONFLICT error of an update or delete naming a version
// other than the current one.
func stale(what string, id, have, want int64) error {
	return radiator.Errorf(radiator.ECONFLICT,
		"The %s %d was changed by someone else (now version %d, not %d); reload it and try again.", what, id, have, want)
}

// checkVersion refuses a delete naming a stale version; 0 skips the check.
func checkVersion(what string, id, have, want int64) error {
	if want != 0 && want != have {
		return stale(what, id, have, want)
	}
	return nil
}

// checkUpdateVersion refuses an update naming a stale version. A missing
// version is left for the update's Apply to report.
func checkUpdateVersion(what string, id, have, want int64) error {
	if want > 0 && want != have {
		return stale(what, id, have, want)
	}
	return nil
}

// stillUsed returns the ECONFLICT error of a delete of something others
// refer to.
func stillUsed(format string, args ...any) error {
	return radiator.Errorf(radiator.ECONFLICT, format, args...)
}

// sqliteCode returns the extended result code of a driver error, 0 for
// any other error.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// duplicate turns a unique-constraint failure into an ECONFLICT error
// about field, and maps any other error with mapError.
func duplicate(err error, field, format string, args ...any) error {
	if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_UNIQUE {
		return &radiator.Error{Code: radiator.ECONFLICT, Field: field, Message: fmt.Sprintf(format, args...), Err: err}
	}
	return mapError(err)
}

// mapError turns the constraint failures of the schema, the net under the
// store's own checks, into the codes the contract names: a broken CHECK is
// an invalid value, a duplicate or a dangling reference a conflict. Other
// errors are left as they are.
func mapError(err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &radiator.Error{Code: radiator.ECONFLICT, Message: "That already exists.", Err: err}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &radiator.Error{Code: radiator.ECONFLICT, Message: "That refers to, or is referred to by, something else.", Err: err}
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return &radiator.Error{Code: radiator.EINVALID, Message: "A value breaks a rule of the database.", Err: err}
	}
	return err
}

// lastID returns the ID an INSERT made.
func lastID(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updated checks that an UPDATE or DELETE guarded by the version it read
// touched its row; with write transactions taken up front it always does,
// and a miss means the row changed under the transaction.
func updated(res sql.Result, err error, what string, id int64) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return radiator.Errorf(radiator.ECONFLICT, "The %s %d was changed by someone else; reload it and try again.", what, id)
	}
	return nil
}

// boolInt returns the column value of a boolean.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
