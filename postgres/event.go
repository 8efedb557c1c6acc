package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindEvents returns events in ID order, oldest first.
func (db *DB) FindEvents(ctx context.Context, f radiator.EventFilter) ([]*radiator.Event, string, error) {
	var es []*radiator.Event
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		es, next, err = findEvents(ctx, tx, f)
		return err
	})
	return es, next, err
}

const eventColumns = `id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after`

// scanEvent scans an event. Its JSON goes into plain byte slices: into a
// json.RawMessage, an Unmarshaler, pgx would have encoding/json check
// what PostgreSQL already did, at a cost above the rest of the read.
func scanEvent(row pgx.CollectableRow) (*radiator.Event, error) {
	var e radiator.Event
	var before, after []byte
	if err := row.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.EntityKind, &e.EntityID, &e.Action, &before, &after); err != nil {
		return nil, err
	}
	e.At, e.Before, e.After = e.At.UTC(), before, after
	return &e, nil
}

func findEvents(ctx context.Context, tx *Tx, f radiator.EventFilter) ([]*radiator.Event, string, error) {
	n, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("id > ?", after)
	if f.EntityKind != "" {
		w.add("entity_kind = ?", f.EntityKind)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		w.add("at < ?", f.Until.UTC())
	}
	rows, err := tx.Query(ctx, `
		SELECT `+eventColumns+` FROM events `+w.sql()+` ORDER BY id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	es, err := pgx.CollectRows(rows, scanEvent)
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	es, next := page(es, n, func(e *radiator.Event) string { return radiator.IDCursor(e.ID) })
	return es, next, nil
}

// FindSprintEvents returns, in ID order, the backlog item events whose item
// was in one of the sprints before or after the change.
func (db *DB) FindSprintEvents(ctx context.Context, sprintIDs []int64) ([]*radiator.Event, error) {
	var es []*radiator.Event
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		es, err = findSprintEvents(ctx, tx, sprintIDs)
		return err
	})
	return es, err
}

// findSprintEvents finds the events by the sprints that sprintOf recorded
// with them, through the partial indexes on each.
func findSprintEvents(ctx context.Context, tx *Tx, sprintIDs []int64) ([]*radiator.Event, error) {
	if len(sprintIDs) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `
		SELECT `+eventColumns+` FROM events
		WHERE entity_kind = $1 AND (sprint_before = ANY($2) OR sprint_after = ANY($2))
		ORDER BY id`, radiator.EntityBacklogItem, sprintIDs)
	if err != nil {
		return nil, fmt.Errorf("list events of sprints %v: %w", sprintIDs, err)
	}
	es, err := pgx.CollectRows(rows, scanEvent)
	if err != nil {
		return nil, fmt.Errorf("list events of sprints %v: %w", sprintIDs, err)
	}
	return es, nil
}
