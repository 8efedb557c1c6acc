package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindBacklogItemByID returns a backlog item.
func (db *DB) FindBacklogItemByID(ctx context.Context, id int64) (*radiator.BacklogItem, error) {
	var it *radiator.BacklogItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		it, err = findBacklogItemByID(ctx, tx, id, "")
		return err
	})
	return it, err
}

// FindBacklogItems returns backlog items in rank order.
func (db *DB) FindBacklogItems(ctx context.Context, f radiator.BacklogItemFilter) ([]*radiator.BacklogItem, string, error) {
	var its []*radiator.BacklogItem
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		its, next, err = findBacklogItems(ctx, tx, f)
		return err
	})
	return its, next, err
}

// CreateBacklogItem creates a backlog item by the rules of its team, ranked
// at the end of its product's backlog when it has no rank.
func (db *DB) CreateBacklogItem(ctx context.Context, it *radiator.BacklogItem) error {
	return db.inTx(ctx, func(tx *Tx) error { return createBacklogItem(ctx, tx, it) })
}

// UpdateBacklogItem changes a backlog item by the rules of its team, whose
// board may set its state, and checks that its assignee exists.
func (db *DB) UpdateBacklogItem(ctx context.Context, id int64, upd radiator.BacklogItemUpdate) (*radiator.BacklogItem, error) {
	var it *radiator.BacklogItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		it, err = updateBacklogItem(ctx, tx, id, upd)
		return err
	})
	return it, err
}

// DeleteBacklogItem deletes a backlog item without items under it.
func (db *DB) DeleteBacklogItem(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		it, err := findBacklogItemByID(ctx, tx, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := checkVersion("backlog item", id, it.Version, version); err != nil {
			return err
		}
		if err := checkUnreferenced(ctx, tx, fmt.Sprintf("backlog item %d", id), id, []reference{
			{"backlog_items", "parent_id", "item under it"},
		}); err != nil {
			return err
		}
		if err := deleteItemDependencies(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM backlog_items WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete backlog item %d: %w", id, err)
		}
		return tx.event(ctx, radiator.EntityBacklogItem, id, radiator.ActionDelete, it, nil)
	})
}

const itemColumns = `id, product_id, kind, title, description, parent_id, rank, estimate, size, state, team_id, sprint_id,
	release_id, acceptance_criteria, labels, assignee_id, blocked, blocked_reason, ready_checks, column_key, done_at,
	version, created_at, updated_at`

func scanBacklogItem(row pgx.Row) (*radiator.BacklogItem, error) {
	var it radiator.BacklogItem
	if err := row.Scan(&it.ID, &it.ProductID, &it.Kind, &it.Title, &it.Description, &it.ParentID, &it.Rank, &it.Estimate,
		&it.Size, &it.State, &it.TeamID, &it.SprintID, &it.ReleaseID, &it.AcceptanceCriteria, &it.Labels, &it.AssigneeID,
		&it.Blocked, &it.BlockedReason, &it.ReadyChecks, &it.Column, &it.DoneAt, &it.Version, &it.CreatedAt,
		&it.UpdatedAt); err != nil {
		return nil, err
	}
	it.DoneAt = utc(it.DoneAt)
	it.Labels, it.ReadyChecks = unlist(it.Labels), unlist(it.ReadyChecks)
	it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
	return &it, nil
}

// collectBacklogItems reads the rows of a query of itemColumns.
func collectBacklogItems(rows pgx.Rows) ([]*radiator.BacklogItem, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.BacklogItem, error) { return scanBacklogItem(r) })
}

func findBacklogItemByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.BacklogItem, error) {
	it, err := scanBacklogItem(tx.QueryRow(ctx, `SELECT `+itemColumns+` FROM backlog_items WHERE id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("backlog item", id)
	} else if err != nil {
		return nil, fmt.Errorf("load backlog item %d: %w", id, err)
	}
	return it, nil
}

func findBacklogItems(ctx context.Context, tx *Tx, f radiator.BacklogItemFilter) ([]*radiator.BacklogItem, string, error) {
	n, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	afterRank, afterID, err := radiator.ParseRankCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	if f.After != "" {
		w.addPair("(rank, id) > (?, ?)", afterRank, afterID)
	}
	for _, c := range []struct {
		column string
		value  any
		set    bool
	}{
		{"product_id", f.ProductID, f.ProductID != 0},
		{"kind", f.Kind, f.Kind != ""},
		{"state", f.State, f.State != ""},
		{"team_id", f.TeamID, f.TeamID != 0},
		{"sprint_id", f.SprintID, f.SprintID != 0},
		{"release_id", f.ReleaseID, f.ReleaseID != 0},
		{"parent_id", f.ParentID, f.ParentID != 0},
		{"assignee_id", f.AssigneeID, f.AssigneeID != 0},
	} {
		if c.set {
			w.add(c.column+" = ?", c.value)
		}
	}
	if f.Backlog {
		w.conds = append(w.conds, "sprint_id IS NULL")
	}
	if f.Label != "" {
		w.add("labels @> ?::text[]", []string{f.Label}) // @> uses the GIN index, = ANY would not
	}
	// Each word of the text appears, in any case, in the title, the
	// description or the acceptance criteria.
	for _, word := range strings.Fields(f.Text) {
		w.add(`strpos(lower(title || ' ' || description || ' ' || acceptance_criteria), lower(?)) > 0`, word)
	}
	rows, err := tx.Query(ctx, `SELECT `+itemColumns+` FROM backlog_items `+w.sql()+` ORDER BY rank, id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list backlog items: %w", err)
	}
	its, err := collectBacklogItems(rows)
	if err != nil {
		return nil, "", fmt.Errorf("list backlog items: %w", err)
	}
	its, next := page(its, n, func(it *radiator.BacklogItem) string { return radiator.RankCursor(it.Rank, it.ID) })
	return its, next, nil
}

// checkBacklogItem checks a new or changed item against what it refers to
// and against its team's rules, which may complete it (a column sets the
// state). old is nil on create. It locks the item's sprint against closing
// meanwhile.
func checkBacklogItem(ctx context.Context, tx *Tx, old, it *radiator.BacklogItem) error {
	if it.ParentID != nil {
		parent, err := findBacklogItemByID(ctx, tx, *it.ParentID, "")
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return radiator.Invalidf("parent_id", "there is no backlog item %d", *it.ParentID)
		} else if err != nil {
			return err
		}
		if err := it.CheckParent(parent); err != nil {
			return err
		}
		if parent.ProductID != it.ProductID {
			return radiator.Invalidf("parent_id", "backlog item %d belongs to product %d, not to the item's product %d",
				parent.ID, parent.ProductID, it.ProductID)
		}
	}
	var team *radiator.Team
	if it.TeamID != nil {
		t, err := findTeamByID(ctx, tx, *it.TeamID, "FOR SHARE OF t")
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return radiator.Invalidf("team_id", "there is no team %d", *it.TeamID)
		} else if err != nil {
			return err
		}
		if t.ProductID != it.ProductID {
			return radiator.Invalidf("team_id", "team %d works on product %d, not on the item's product %d", t.ID, t.ProductID, it.ProductID)
		}
		team = t
	}
	var sprint *radiator.Sprint
	if it.SprintID != nil {
		s, err := findSprintByID(ctx, tx, *it.SprintID, "FOR SHARE")
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return radiator.Invalidf("sprint_id", "there is no sprint %d", *it.SprintID)
		} else if err != nil {
			return err
		}
		if it.TeamID == nil || s.TeamID != *it.TeamID {
			return radiator.Invalidf("sprint_id", "sprint %d belongs to team %d, not to the item's team", s.ID, s.TeamID)
		}
		sprint = s
	}
	if it.ReleaseID != nil {
		var productID int64
		err := tx.QueryRow(ctx, `SELECT product_id FROM releases WHERE id = $1`, *it.ReleaseID).Scan(&productID)
		if err == pgx.ErrNoRows {
			return radiator.Invalidf("release_id", "there is no release %d", *it.ReleaseID)
		} else if err != nil {
			return fmt.Errorf("load release %d: %w", *it.ReleaseID, err)
		}
		if productID != it.ProductID {
			return radiator.Invalidf("release_id", "release %d is a release of product %d, not of the item's product %d", *it.ReleaseID, productID, it.ProductID)
		}
	}
	if it.AssigneeID != nil && (old == nil || !sameID(old.AssigneeID, it.AssigneeID)) {
		// FOR KEY SHARE keeps the person from being deleted meanwhile.
		ok, err := tx.exists(ctx, `SELECT 1 FROM people WHERE id = $1 FOR KEY SHARE`, *it.AssigneeID)
		if err != nil {
			return fmt.Errorf("look up person %d: %w", *it.AssigneeID, err)
		}
		if !ok {
			return radiator.Invalidf("assignee_id", "there is no person %d", *it.AssigneeID)
		}
	}
	// The team's board rules are for its stories: features are sized in
	// their own units and never sit on a sprint board.
	if team == nil || it.Kind != radiator.KindStory {
		return nil
	}
	wasDone := old != nil && old.State == radiator.StateDone
	if err := team.CheckChange(old, it, sprint); err != nil {
		return err
	}
	it.MarkDone(wasDone, tx.now) // the column may have changed the state
	return nil
}

func createBacklogItem(ctx context.Context, tx *Tx, it *radiator.BacklogItem) error {
	if err := it.Validate(); err != nil {
		return err
	}
	// Lock the product while ranking, so that items created at the same
	// time at the end of one backlog get ranks of their own.
	lock := "FOR KEY SHARE"
	if it.Rank == "" {
		lock = "FOR NO KEY UPDATE"
	}
	ok, err := tx.exists(ctx, `SELECT 1 FROM products WHERE id = $1 `+lock, it.ProductID)
	if err != nil {
		return fmt.Errorf("look up product %d: %w", it.ProductID, err)
	}
	if !ok {
		return radiator.Invalidf("product_id", "there is no product %d", it.ProductID)
	}
	it.MarkDone(false, tx.now)
	if err := checkBacklogItem(ctx, tx, nil, it); err != nil {
		return err
	}
	if it.Rank == "" {
		var last string
		err := tx.QueryRow(ctx, `SELECT coalesce(max(rank), '') FROM backlog_items WHERE product_id = $1`, it.ProductID).Scan(&last)
		if err != nil {
			return fmt.Errorf("rank new backlog item: %w", err)
		}
		it.Rank = radiator.RankBetween(last, "")
	}
	it.Version, it.CreatedAt, it.UpdatedAt = 1, tx.now, tx.now
	err = tx.QueryRow(ctx, `
		INSERT INTO backlog_items (product_id, kind, title, description, parent_id, rank, estimate, size, state, team_id,
			sprint_id, release_id, acceptance_criteria, labels, assignee_id, blocked, blocked_reason, ready_checks,
			column_key, done_at, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
		RETURNING id`,
		it.ProductID, it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.Size, it.State, it.TeamID,
		it.SprintID, it.ReleaseID, it.AcceptanceCriteria, list(it.Labels), it.AssigneeID, it.Blocked, it.BlockedReason,
		list(it.ReadyChecks), it.Column, it.DoneAt, it.Version, it.CreatedAt, it.UpdatedAt).Scan(&it.ID)
	if err != nil {
		return fmt.Errorf("insert backlog item: %w", err)
	}
	return tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionCreate, nil, it)
}

func updateBacklogItem(ctx context.Context, tx *Tx, id int64, upd radiator.BacklogItemUpdate) (*radiator.BacklogItem, error) {
	it, err := findBacklogItemByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("backlog item", id, it.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *it
	if err := upd.Apply(it, tx.now); err != nil {
		return nil, err
	}
	if err := checkBacklogItem(ctx, tx, &before, it); err != nil {
		return nil, err
	}
	if it.Kind == radiator.KindFeature && it.State == radiator.StateDone && before.State != radiator.StateDone {
		if err := checkStoriesDone(ctx, tx, it); err != nil {
			return nil, err
		}
	}
	if it.Kind != before.Kind {
		var childID int64
		err := tx.QueryRow(ctx, `SELECT id FROM backlog_items WHERE parent_id = $1 ORDER BY id LIMIT 1`, id).Scan(&childID)
		if err == nil {
			return nil, radiator.Invalidf("kind", "cannot change while item %d sits under this %s", childID, before.Kind)
		} else if err != pgx.ErrNoRows {
			return nil, fmt.Errorf("look for items under backlog item %d: %w", id, err)
		}
	}
	if err := saveBacklogItem(ctx, tx, &before, it); err != nil {
		return nil, err
	}
	return it, nil
}

// saveBacklogItem writes a changed item as its next version, with the
// event from before.
func saveBacklogItem(ctx context.Context, tx *Tx, before, it *radiator.BacklogItem) error {
	return saveBacklogItems(ctx, tx, []itemChange{{before, it}})
}

// itemChange is a change of one backlog item: as it was, and as it is to be
// written.
type itemChange struct {
	before, after *radiator.BacklogItem
}

// saveBacklogItems writes changed items as their next versions, with their
// events, in one round trip.
func saveBacklogItems(ctx context.Context, tx *Tx, changes []itemChange) error {
	var b pgx.Batch
	for _, c := range changes {
		it := c.after
		it.Version++
		it.UpdatedAt = tx.now
		b.Queue(`
			UPDATE backlog_items SET kind = $1, title = $2, description = $3, parent_id = $4, rank = $5, estimate = $6,
				size = $7, state = $8, team_id = $9, sprint_id = $10, release_id = $11, acceptance_criteria = $12,
				labels = $13, assignee_id = $14, blocked = $15, blocked_reason = $16, ready_checks = $17,
				column_key = $18, done_at = $19, version = $20, updated_at = $21
			WHERE id = $22`,
			it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.Size, it.State, it.TeamID,
			it.SprintID, it.ReleaseID, it.AcceptanceCriteria, list(it.Labels), it.AssigneeID, it.Blocked,
			it.BlockedReason, list(it.ReadyChecks), it.Column, it.DoneAt, it.Version, it.UpdatedAt, it.ID)
		args, err := tx.eventArgs(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, c.before, it)
		if err != nil {
			return err
		}
		b.Queue(insertEvent, args...)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return fmt.Errorf("update backlog items: %w", err)
	}
	return nil
}

// UpdateBacklogItems changes several backlog items at once, all or none.
func (db *DB) UpdateBacklogItems(ctx context.Context, upds []radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
	var its []*radiator.BacklogItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		its, err = updateBacklogItems(ctx, tx, upds)
		return err
	})
	return its, err
}

func updateBacklogItems(ctx context.Context, tx *Tx, upds []radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
	ids := make([]int64, len(upds))
	for i, u := range upds {
		ids[i] = u.ID
	}
	// Lock the items in ID order first, so that two bulk edits of the
	// same items wait for each other rather than deadlock.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM backlog_items WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids); err != nil {
		return nil, fmt.Errorf("lock backlog items: %w", err)
	}
	its := make([]*radiator.BacklogItem, 0, len(upds))
	for _, u := range upds {
		it, err := updateBacklogItem(ctx, tx, u.ID, u.BacklogItemUpdate)
		if err != nil {
			return nil, itemError(u.ID, err)
		}
		its = append(its, it)
	}
	return its, nil
}

// itemError names the item a refused update of a bulk edit was about,
// keeping the error's code and field.
func itemError(id int64, err error) error {
	var rerr *radiator.Error
	if errors.As(err, &rerr) {
		named := *rerr
		named.Message = fmt.Sprintf("item %d: %s", id, rerr.Message)
		return &named
	}
	return fmt.Errorf("item %d: %w", id, err)
}

// checkStoriesDone refuses to mark a feature done while stories under it
// are not.
func checkStoriesDone(ctx context.Context, tx *Tx, feature *radiator.BacklogItem) error {
	var all, open int
	if err := tx.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE state <> 'done') FROM backlog_items WHERE parent_id = $1`,
		feature.ID).Scan(&all, &open); err != nil {
		return fmt.Errorf("count the stories of feature %d: %w", feature.ID, err)
	}
	if open > 0 {
		return radiator.Invalidf("state", "%d of its %d stories are not done", open, all)
	}
	return nil
}

// createBacklogItems creates the items in order, naming the first refused
// one by its place in the list (from 1) in its error.
func createBacklogItems(ctx context.Context, tx *Tx, items []*radiator.BacklogItem) error {
	if len(items) > radiator.MaxLimit {
		return radiator.Invalidf("items", "a breakdown creates at most %d items, not %d", radiator.MaxLimit, len(items))
	}
	for i, it := range items {
		if err := createBacklogItem(ctx, tx, it); err != nil {
			// None of them was created.
			for _, it := range items[:i] {
				it.ID = 0
			}
			return itemError(int64(i+1), err)
		}
	}
	return nil
}
