package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"slices"
	"strings"

	"github.com/radiator-hq/radiator"
	"modernc.org/sqlite"
)

// maxRankLen is the longest rank a move writes; past it the product's
// ranks are spread anew.
const maxRankLen = 24

// foldFunc names the SQL function that lower-cases text as Go does, for
// every script: SQLite's own lower() folds ASCII letters only.
const foldFunc = "radiator_fold"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(foldFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, ok := args[0].(string)
		if !ok {
			return args[0], nil
		}
		return strings.ToLower(s), nil
	})
}

// neighbour returns the item a move names, which must be of the product.
func neighbour(ctx context.Context, tx *Tx, field string, id, product int64) (*radiator.BacklogItem, error) {
	n, err := findBacklogItemByID(ctx, tx, id)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, missingRef(field, "backlog item", id)
	}
	if err != nil {
		return nil, err
	}
	if n.ProductID != product {
		return nil, radiator.Invalidf(field, "item %d belongs to another product", id)
	}
	return n, nil
}

// rankNear returns the rank of the product's item right before (or, with
// after, right after) the place (rank, id) in backlog order, leaving out
// the item skip; "" when there is none. An empty rank means the start of
// the list for after, and its end otherwise.
func rankNear(ctx context.Context, tx *Tx, product, skip int64, rank string, id int64, after bool) (string, error) {
	var query string
	var args []any
	switch {
	case after && rank == "":
		query = `SELECT rank FROM backlog_items WHERE product_id = ? AND id <> ? ORDER BY rank, id LIMIT 1`
		args = []any{product, skip}
	case after:
		query = `SELECT rank FROM backlog_items WHERE product_id = ? AND id <> ? AND (rank > ? OR (rank = ? AND id > ?))
			ORDER BY rank, id LIMIT 1`
		args = []any{product, skip, rank, rank, id}
	case rank == "":
		query = `SELECT rank FROM backlog_items WHERE product_id = ? AND id <> ? ORDER BY rank DESC, id DESC LIMIT 1`
		args = []any{product, skip}
	default:
		query = `SELECT rank FROM backlog_items WHERE product_id = ? AND id <> ? AND (rank < ? OR (rank = ? AND id < ?))
			ORDER BY rank DESC, id DESC LIMIT 1`
		args = []any{product, skip, rank, rank, id}
	}
	var r string
	err := tx.QueryRowContext(ctx, query, args...).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return r, err
}

func moveBacklogItem(ctx context.Context, tx *Tx, id int64, m radiator.BacklogMove) (*radiator.BacklogItem, error) {
	if err := m.Validate(id); err != nil {
		return nil, err
	}
	it, err := findBacklogItemByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if m.Version != it.Version {
		return nil, stale("backlog item", id, it.Version, m.Version)
	}
	// prev and next are the ranks around the new place ("" for the ends
	// of the list); at is the item the moved one goes next to, if any.
	var prev, next string
	var at *radiator.BacklogItem
	switch {
	case m.Before != 0:
		if at, err = neighbour(ctx, tx, "before", m.Before, it.ProductID); err != nil {
			return nil, err
		}
		next = at.Rank
		prev, err = rankNear(ctx, tx, it.ProductID, id, at.Rank, at.ID, false)
	case m.After != 0:
		if at, err = neighbour(ctx, tx, "after", m.After, it.ProductID); err != nil {
			return nil, err
		}
		prev = at.Rank
		next, err = rankNear(ctx, tx, it.ProductID, id, at.Rank, at.ID, true)
	case m.Position == "top":
		next, err = rankNear(ctx, tx, it.ProductID, id, "", 0, true)
	default:
		prev, err = rankNear(ctx, tx, it.ProductID, id, "", 0, false)
	}
	if err != nil {
		return nil, err
	}
	if next == "" || prev < next {
		if rank := radiator.RankBetween(prev, next); len(rank) <= maxRankLen {
			before := *it
			it.Rank = rank
			if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
				return nil, err
			}
			return it, tx.event(ctx, radiator.EntityBacklogItem, id, radiator.ActionUpdate, &before, it)
		}
	}
	// No room between the neighbours: spread the product's ranks anew,
	// in the order the move makes.
	others, err := queryList(ctx, tx, scanBacklogItem,
		`SELECT `+itemColumns+` FROM backlog_items WHERE product_id = ? AND id <> ? ORDER BY rank, id`, it.ProductID, id)
	if err != nil {
		return nil, err
	}
	where := len(others)
	switch {
	case m.Position == "top":
		where = 0
	case at != nil:
		where = slices.IndexFunc(others, func(o *radiator.BacklogItem) bool { return o.ID == at.ID })
		if m.After != 0 {
			where++
		}
	}
	order := slices.Insert(others, where, it)
	if err := spreadRanks(ctx, tx, order, map[int64]func(*radiator.BacklogItem){id: func(*radiator.BacklogItem) {}}); err != nil {
		return nil, err
	}
	return it, nil
}

// spreadRanks gives the items, in order, evenly spread ranks. It saves and
// records every item whose rank changes, and every item of changed, after
// applying its change.
func spreadRanks(ctx context.Context, tx *Tx, order []*radiator.BacklogItem, changed map[int64]func(*radiator.BacklogItem)) error {
	ranks := radiator.SpreadRanks(len(order))
	for i, it := range order {
		change, ok := changed[it.ID]
		if !ok && it.Rank == ranks[i] {
			continue
		}
		before := *it
		if ok {
			change(it)
		}
		it.Rank = ranks[i]
		if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
			return err
		}
		if err := tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, &before, it); err != nil {
			return err
		}
	}
	return nil
}
