package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// maxRankLen is the longest rank a move writes; a longer one spreads the
// product's ranks anew instead.
const maxRankLen = 24

// MoveBacklogItem re-ranks an item next to another item of its product, or
// to the top or bottom of the product's backlog.
func (db *DB) MoveBacklogItem(ctx context.Context, id int64, m radiator.BacklogMove) (*radiator.BacklogItem, error) {
	var it *radiator.BacklogItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		it, err = moveBacklogItem(ctx, tx, id, m)
		return err
	})
	return it, err
}

// ranked is an item's place in its product's backlog; the zero value is
// the open end of the list.
type ranked struct {
	rank string
	id   int64
}

func moveBacklogItem(ctx context.Context, tx *Tx, id int64, m radiator.BacklogMove) (*radiator.BacklogItem, error) {
	if err := m.Validate(id); err != nil {
		return nil, err
	}
	var productID int64
	err := tx.QueryRow(ctx, `SELECT product_id FROM backlog_items WHERE id = $1`, id).Scan(&productID)
	if err == pgx.ErrNoRows {
		return nil, notFound("backlog item", id)
	} else if err != nil {
		return nil, fmt.Errorf("load backlog item %d: %w", id, err)
	}
	if err := lockRanks(ctx, tx, productID); err != nil {
		return nil, err
	}
	it, err := findBacklogItemByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("backlog item", id, it.Version, m.Version); err != nil {
		return nil, err
	}
	lo, hi, err := moveBounds(ctx, tx, it, m)
	if err != nil {
		return nil, err
	}
	if lo.rank != "" && hi.rank != "" && lo.rank >= hi.rank {
		// Neighbours of equal rank leave no room between them.
		return it, moveAndSpread(ctx, tx, it, lo)
	}
	rank := radiator.RankBetween(lo.rank, hi.rank)
	if len(rank) > maxRankLen {
		return it, moveAndSpread(ctx, tx, it, lo)
	}
	before := *it
	it.Rank = rank
	return it, saveBacklogItem(ctx, tx, &before, it)
}

// lockRanks takes the product's row, so that moves in one product take
// turns: each reads the neighbours the one before it left, and no move is
// lost. Creating an item at the end of the backlog takes the same lock.
func lockRanks(ctx context.Context, tx *Tx, productID int64) error {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM products WHERE id = $1 FOR NO KEY UPDATE`, productID); err != nil {
		return fmt.Errorf("lock the ranks of product %d: %w", productID, err)
	}
	return nil
}

// moveBounds returns the places in the product's backlog, the moved item
// left out, right before and right after where the move puts it.
func moveBounds(ctx context.Context, tx *Tx, it *radiator.BacklogItem, m radiator.BacklogMove) (lo, hi ranked, err error) {
	switch {
	case m.Position == "top":
		hi, err = neighbour(ctx, tx, it, ranked{}, true)
	case m.Position == "bottom":
		lo, err = neighbour(ctx, tx, it, ranked{}, false)
	case m.Before != 0:
		if hi, err = moveTarget(ctx, tx, it, "before", m.Before); err == nil {
			lo, err = neighbour(ctx, tx, it, hi, false)
		}
	default:
		if lo, err = moveTarget(ctx, tx, it, "after", m.After); err == nil {
			hi, err = neighbour(ctx, tx, it, lo, true)
		}
	}
	return lo, hi, err
}

// moveTarget returns the place of the item a move names, which must be
// another item of the moved item's product.
func moveTarget(ctx context.Context, tx *Tx, it *radiator.BacklogItem, field string, id int64) (ranked, error) {
	var productID int64
	r := ranked{id: id}
	err := tx.QueryRow(ctx, `SELECT product_id, rank FROM backlog_items WHERE id = $1`, id).Scan(&productID, &r.rank)
	if err == pgx.ErrNoRows {
		return r, radiator.Invalidf(field, "there is no backlog item %d", id)
	} else if err != nil {
		return r, fmt.Errorf("load backlog item %d: %w", id, err)
	}
	if productID != it.ProductID {
		return r, radiator.Invalidf(field, "backlog item %d belongs to product %d, not to the moved item's product %d",
			id, productID, it.ProductID)
	}
	return r, nil
}

// neighbour returns the place of the item of it's product, it left out,
// right after (or, when after is false, right before) the place from;
// from's zero value stands for the start (or the end) of the list. It
// returns the zero value when there is no such item.
func neighbour(ctx context.Context, tx *Tx, it *radiator.BacklogItem, from ranked, after bool) (ranked, error) {
	var w where
	w.add("product_id = ?", it.ProductID)
	w.add("id <> ?", it.ID)
	order := "rank, id"
	switch {
	case from != (ranked{}) && after:
		w.addPair("(rank, id) > (?, ?)", from.rank, from.id)
	case from != (ranked{}):
		w.addPair("(rank, id) < (?, ?)", from.rank, from.id)
		order = "rank DESC, id DESC"
	case !after:
		order = "rank DESC, id DESC"
	}
	var r ranked
	err := tx.QueryRow(ctx, `SELECT rank, id FROM backlog_items `+w.sql()+` ORDER BY `+order+` LIMIT 1`, w.args...).Scan(&r.rank, &r.id)
	if err == pgx.ErrNoRows {
		return ranked{}, nil
	} else if err != nil {
		return ranked{}, fmt.Errorf("find the neighbour of backlog item %d: %w", it.ID, err)
	}
	return r, nil
}

// moveAndSpread puts it right after the place lo (first for the zero
// value) and spreads its product's ranks anew.
func moveAndSpread(ctx context.Context, tx *Tx, it *radiator.BacklogItem, lo ranked) error {
	others, err := backlogWithout(ctx, tx, it.ProductID, []int64{it.ID})
	if err != nil {
		return err
	}
	at := 0
	if lo != (ranked{}) {
		at = slices.IndexFunc(others, func(o *radiator.BacklogItem) bool { return o.ID == lo.id }) + 1
	}
	before := *it
	order := slices.Concat(others[:at], []*radiator.BacklogItem{it}, others[at:])
	return spreadRanks(ctx, tx, order, map[int64]*radiator.BacklogItem{it.ID: &before})
}

// backlogWithout loads and locks a product's items in backlog order, but
// those listed.
func backlogWithout(ctx context.Context, tx *Tx, productID int64, except []int64) ([]*radiator.BacklogItem, error) {
	rows, err := tx.Query(ctx, `
		SELECT `+itemColumns+` FROM backlog_items WHERE product_id = $1 AND NOT (id = ANY($2))
		ORDER BY rank, id FOR UPDATE`, productID, except)
	if err != nil {
		return nil, fmt.Errorf("load the backlog of product %d: %w", productID, err)
	}
	its, err := collectBacklogItems(rows)
	if err != nil {
		return nil, fmt.Errorf("load the backlog of product %d: %w", productID, err)
	}
	return its, nil
}

// spreadRanks gives the items of order, a product's whole backlog in its
// new order, evenly spaced ranks. It saves, each with its event, the items
// changed holds (by ID, as they were before) and every other item whose
// rank it changes.
func spreadRanks(ctx context.Context, tx *Tx, order []*radiator.BacklogItem, changed map[int64]*radiator.BacklogItem) error {
	var changes []itemChange
	for i, rank := range radiator.SpreadRanks(len(order)) {
		it := order[i]
		before, ok := changed[it.ID]
		if !ok {
			if it.Rank == rank {
				continue
			}
			copied := *it
			before = &copied
		}
		it.Rank = rank
		changes = append(changes, itemChange{before, it})
	}
	return saveBacklogItems(ctx, tx, changes)
}

// topRanks returns n ranks in increasing order above every item of the
// product but those listed, which are about to take them. When those would
// be longer than maxRankLen it returns nil: the ranks need spreading.
func topRanks(ctx context.Context, tx *Tx, productID int64, except []int64, n int) ([]string, error) {
	var first string
	err := tx.QueryRow(ctx, `
		SELECT rank FROM backlog_items WHERE product_id = $1 AND NOT (id = ANY($2))
		ORDER BY rank, id LIMIT 1`, productID, except).Scan(&first)
	if err != nil && err != pgx.ErrNoRows {
		return nil, fmt.Errorf("find the top of the backlog of product %d: %w", productID, err)
	}
	// A rank between the start and the first item is below the first
	// item at a digit of its own, so any digits after it stay below too.
	prefix := ""
	if first != "" {
		prefix = radiator.RankBetween("", first)
	}
	ranks := radiator.SpreadRanks(n)
	for i := range ranks {
		ranks[i] = prefix + ranks[i]
		if len(ranks[i]) > maxRankLen {
			return nil, nil
		}
	}
	return ranks, nil
}
