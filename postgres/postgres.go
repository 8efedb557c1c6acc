// Package postgres implements radiator.Store on PostgreSQL through pgx, for
// organisations that run several Radiator servers on one database.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/radiator-hq/radiator"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a radiator.Store on a PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool

	// Clock tells the time of every change. Set it before first use; it
	// defaults to the system clock.
	Clock radiator.Clock
}

var _ radiator.Store = (*DB)(nil)

// Open connects to the PostgreSQL database at url, a URL or key=value
// connection string as libpq reads them, and checks that it answers.
// The pool settings of pgxpool (pool_max_conns and others) apply; other
// settings the driver does not know, such as search_path, become the
// session's defaults. Call Migrate before using the store.
func Open(ctx context.Context, url string) (*DB, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse postgres url: %w", err)
	}
	p, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	db := &DB{pool: p, Clock: radiator.SystemClock{}}
	if err := db.Ping(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return db, nil
}

// Close closes the database's connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.pool.Ping(ctx)
}

// migration is one embedded schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their names start
// with their version, from 1 up without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		prefix, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(prefix)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want its name to start with %04d_", base, i+1)
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// migrateLockKey is the first half of the advisory lock key that Migrate
// holds; the second is a hash of the schema, so that servers sharing one
// schema take turns while separate schemas (as the tests use) do not wait
// for each other.
const migrateLockKey = 0x52414449 // "RADI"

// Migrate brings the schema up to date, applying each embedded migration
// the database lacks in its own transaction. Servers starting at the same
// time on one database take turns under an advisory lock, so each migration
// is applied once. It refuses a database whose schema is newer than this
// program knows.
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	pconn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer pconn.Release()
	conn := pconn.Conn()

	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, migrateLockKey); err != nil {
		return fmt.Errorf("migrate: take lock: %w", err)
	}
	defer func() {
		// A failed unlock leaves the session holding the lock; closing
		// the connection releases it.
		if _, err := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, migrateLockKey); err != nil {
			_ = conn.Close(context.WithoutCancel(ctx)) // the pool drops closed connections
		}
	}()

	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		applied_at timestamptz NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	current, err := schemaVersion(ctx, conn)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this radiator knows (%d); upgrade radiator", current, len(ms))
	}
	for _, m := range ms[current:] {
		if err := db.apply(ctx, conn, m); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
	}
	return nil
}

// apply runs one migration and records it, in one transaction.
func (db *DB) apply(ctx context.Context, conn *pgx.Conn, m migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }() // after Commit, a no-op
	if _, err := tx.Exec(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`,
		m.version, db.Clock.Now().UTC()); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// SchemaVersion returns the version of the database's schema: the number of
// the last migration applied, 0 for an empty database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	pconn, err := db.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	defer pconn.Release()
	v, err := schemaVersion(ctx, pconn.Conn())
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

func schemaVersion(ctx context.Context, conn *pgx.Conn) (int, error) {
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, err
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Tx is one transaction of a store method. Helpers take it, so that a
// public method is one transaction with its events included.
type Tx struct {
	pgx.Tx
	// now is the time of every change in the transaction, to the
	// microsecond that PostgreSQL keeps.
	now time.Time
}

// inTx runs fn in a transaction, commits it when fn succeeds and rolls it
// back otherwise. It turns database errors into *radiator.Error values
// where they have a meaning for people.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	ptx, err := db.pool.Begin(ctx)
	if err != nil {
		return formatError(err)
	}
	tx := &Tx{Tx: ptx, now: db.Clock.Now().UTC().Truncate(time.Microsecond)}
	if err := fn(tx); err != nil {
		_ = ptx.Rollback(context.WithoutCancel(ctx)) // a failed rollback closes the connection, which the pool discards
		return formatError(err)
	}
	return formatError(ptx.Commit(ctx))
}

// insertEvent records an event, and copies it into the history of each
// release it belongs to; eventArgs gives its arguments.
const insertEvent = `
	WITH e AS (
		INSERT INTO events (at, actor_id, actor_name, entity_kind, entity_id, action, before, after, sprint_before, sprint_after)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING id, at, actor_id, actor_name, entity_kind, entity_id, action)
	INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
	SELECT r, e.id, e.at, e.actor_id, e.actor_name, e.entity_kind, e.entity_id, e.action, $11::json, $12::json
	FROM e, unnest($13::bigint[]) AS r`

// event records a change of an entity by the actor of ctx.
func (tx *Tx) event(ctx context.Context, kind string, id int64, action string, before, after any) error {
	args, err := tx.eventArgs(ctx, kind, id, action, before, after)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, insertEvent, args...); err != nil {
		return fmt.Errorf("record %s %d event: %w", kind, id, err)
	}
	return nil
}

// eventArgs returns the arguments of insertEvent for a change of an entity
// by the actor of ctx.
func (tx *Tx) eventArgs(ctx context.Context, kind string, id int64, action string, before, after any) ([]any, error) {
	e, err := radiator.NewEvent(radiator.ActorFromContext(ctx), tx.now, kind, id, action, before, after)
	if err != nil {
		return nil, fmt.Errorf("encode %s %d event: %w", kind, id, err)
	}
	h, err := releaseHistoryOf(e, before, after)
	if err != nil {
		return nil, fmt.Errorf("encode %s %d event: %w", kind, id, err)
	}
	b, a := itemOf(before), itemOf(after)
	return []any{e.At, e.ActorID, e.ActorName, e.EntityKind, e.EntityID, e.Action, e.Before, e.After,
		b.SprintID, a.SprintID, h.before, h.after, h.releases}, nil
}

// itemOf returns the backlog item an event records before or after the
// change; for anything else, or none, an empty item. FindSprintEvents looks
// events up by its sprint.
func itemOf(v any) *radiator.BacklogItem {
	if it, ok := v.(*radiator.BacklogItem); ok && it != nil {
		return it
	}
	return &radiator.BacklogItem{}
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

// cutFeature returns the JSON release_events keeps of an item before or
// after a change: null for none.
func cutFeature(v any) ([]byte, error) {
	it, ok := v.(*radiator.BacklogItem)
	if !ok || it == nil {
		return []byte("null"), nil
	}
	return json.Marshal(featureCut{Kind: it.Kind, Title: it.Title, ReleaseID: it.ReleaseID, Estimate: it.Estimate, State: it.State})
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
func releaseHistoryOf(e *radiator.Event, before, after any) (releaseHistory, error) {
	if e.EntityKind == radiator.EntityRelease {
		return releaseHistory{releases: []int64{e.EntityID}, before: e.Before, after: e.After}, nil
	}
	b, a := itemOf(before), itemOf(after)
	if kind := itemKind(b, a); e.EntityKind != radiator.EntityBacklogItem || kind == nil || *kind != radiator.KindFeature {
		return releaseHistory{}, nil
	}
	var h releaseHistory
	for _, id := range []*int64{b.ReleaseID, a.ReleaseID} {
		if id != nil && !slices.Contains(h.releases, *id) {
			h.releases = append(h.releases, *id)
		}
	}
	var err error
	if h.before, err = cutFeature(before); err != nil {
		return h, err
	}
	h.after, err = cutFeature(after)
	return h, err
}

// itemKind returns the kind of the item an event records, nil when the
// event is not about a backlog item.
func itemKind(before, after *radiator.BacklogItem) *string {
	switch {
	case after.Kind != "":
		return &after.Kind
	case before.Kind != "":
		return &before.Kind
	}
	return nil
}

// SQLSTATE codes that mean something to the people making a change.
const (
	codeUniqueViolation      = "23505"
	codeForeignKeyViolation  = "23503"
	codeCheckViolation       = "23514"
	codeSerializationFailure = "40001"
	codeDeadlockDetected     = "40P01"
)

// formatError turns a PostgreSQL error whose SQLSTATE has a meaning for
// people into a *radiator.Error. Store methods check uniqueness and
// references themselves first, to name the field; these codes remain for
// changes racing each other.
func formatError(err error) error {
	var pgErr *pgconn.PgError
	if err == nil || !errors.As(err, &pgErr) {
		return err
	}
	switch pgErr.Code {
	case codeUniqueViolation:
		return &radiator.Error{Code: radiator.ECONFLICT, Message: "That already exists.", Err: err}
	case codeForeignKeyViolation:
		return &radiator.Error{Code: radiator.ECONFLICT, Message: "Something this change refers to, or that refers to it, was changed at the same time; reload and try again.", Err: err}
	case codeCheckViolation:
		return &radiator.Error{Code: radiator.EINVALID, Message: "A value breaks a rule of the database.", Err: err}
	case codeSerializationFailure, codeDeadlockDetected:
		return &radiator.Error{Code: radiator.ECONFLICT, Message: "Someone else changed this at the same time; try again.", Err: err}
	}
	return err
}

// notFound returns the ENOTFOUND error for a missing entity.
func notFound(what string, id int64) error {
	return radiator.Errorf(radiator.ENOTFOUND, "No %s %d.", what, id)
}

// checkVersion returns ECONFLICT when the version a change names is not
// the version stored. A version of 0 checks nothing, as deletes allow.
func checkVersion(what string, id, stored, named int64) error {
	if named != 0 && named != stored {
		return radiator.Errorf(radiator.ECONFLICT,
			"%s %d was changed by someone else since you read it (it is at version %d, you read %d); reload and try again.",
			capitalize(what), id, stored, named)
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// where gathers the conditions of a list query with their arguments,
// numbering the placeholders.
type where struct {
	conds []string
	args  []any
}

// add adds a condition in which ? stands for arg.
func (w *where) add(cond string, arg any) {
	w.args = append(w.args, arg)
	w.conds = append(w.conds, strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1))
}

// addPair adds a condition in which the first ? stands for a and the
// second for b.
func (w *where) addPair(cond string, a, b any) {
	w.args = append(w.args, a, b)
	n := len(w.args)
	cond = strings.Replace(cond, "?", "$"+strconv.Itoa(n-1), 1)
	w.conds = append(w.conds, strings.Replace(cond, "?", "$"+strconv.Itoa(n), 1))
}

// sql returns the WHERE clause, or "" for no conditions.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.conds, " AND ")
}

// limit returns a LIMIT clause for one more row than a page holds, which
// tells whether another page follows.
func (w *where) limit(n int) string {
	w.args = append(w.args, n+1)
	return "LIMIT $" + strconv.Itoa(len(w.args))
}

// page cuts a list fetched with one row too many down to n, returning the
// cursor of the next page or "" when there is none.
func page[T any](items []T, n int, cursor func(T) string) ([]T, string) {
	if len(items) <= n {
		return items, ""
	}
	items = items[:n]
	return items, cursor(items[n-1])
}

// exists reports whether a query returns a row.
func (tx *Tx) exists(ctx context.Context, query string, args ...any) (bool, error) {
	var ok bool
	err := tx.QueryRow(ctx, "SELECT EXISTS ("+query+")", args...).Scan(&ok)
	return ok, err
}

// utc returns t in UTC, and nil for nil.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// list returns s, or an empty list for nil, for a NOT NULL list column.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// unlist returns nil for an empty list read from a list column: an empty
// list reads back as none, as in the SQLite store.
func unlist[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// dateArg returns d as a value for a date column.
func dateArg(d radiator.Date) time.Time { return d.Time() }
