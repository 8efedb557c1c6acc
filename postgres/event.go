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
		SELECT id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
		FROM events `+w.sql()+` ORDER BY id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	es, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Event, error) {
		var e radiator.Event
		if err := r.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.EntityKind, &e.EntityID, &e.Action, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		return &e, nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("list events: %w", err)
	}
	es, next := page(es, n, func(e *radiator.Event) string { return radiator.IDCursor(e.ID) })
	return es, next, nil
}
