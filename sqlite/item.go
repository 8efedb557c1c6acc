package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/radiator-hq/radiator"
)

// FindBacklogItemByID returns one backlog item.
func (db *DB) FindBacklogItemByID(ctx context.Context, id int64) (*radiator.BacklogItem, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	it, err := findBacklogItemByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find backlog item %d: %w", id, err)
	}
	return it, nil
}

// FindBacklogItems lists backlog items by rank, then ID.
func (db *DB) FindBacklogItems(ctx context.Context, f radiator.BacklogItemFilter) ([]*radiator.BacklogItem, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findBacklogItems(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find backlog items: %w", err)
	}
	return list, next, nil
}

// CreateBacklogItem creates a backlog item; one without a rank goes to the
// end of its product's backlog.
func (db *DB) CreateBacklogItem(ctx context.Context, it *radiator.BacklogItem) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createBacklogItem(ctx, tx, it); err != nil {
		return fmt.Errorf("create backlog item: %w", err)
	}
	return tx.commit("create backlog item")
}

// UpdateBacklogItem changes a backlog item.
func (db *DB) UpdateBacklogItem(ctx context.Context, id int64, upd radiator.BacklogItemUpdate) (*radiator.BacklogItem, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	it, err := updateBacklogItem(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update backlog item %d: %w", id, err)
	}
	return it, tx.commit("update backlog item")
}

// UpdateBacklogItems changes several backlog items, all or none.
func (db *DB) UpdateBacklogItems(ctx context.Context, upds []radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	items, err := updateBacklogItems(ctx, tx, upds)
	if err != nil {
		return nil, fmt.Errorf("update backlog items: %w", err)
	}
	return items, tx.commit("update backlog items")
}

// MoveBacklogItem re-ranks an item next to another of its product, or at
// the top or bottom of the product's backlog.
func (db *DB) MoveBacklogItem(ctx context.Context, id int64, m radiator.BacklogMove) (*radiator.BacklogItem, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	it, err := moveBacklogItem(ctx, tx, id, m)
	if err != nil {
		return nil, fmt.Errorf("move backlog item %d: %w", id, err)
	}
	return it, tx.commit("move backlog item")
}

// DeleteBacklogItem deletes a backlog item without children.
func (db *DB) DeleteBacklogItem(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteBacklogItem(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete backlog item %d: %w", id, err)
	}
	return tx.commit("delete backlog item")
}

const itemColumns = `id, product_id, kind, title, description, parent_id, rank, estimate, size, state, team_id, sprint_id, release_id,
	acceptance_criteria, labels, assignee_id, blocked, blocked_reason, ready_checks, column_key,
	done_at, version, created_at, updated_at`

func scanBacklogItem(s scanner) (*radiator.BacklogItem, error) {
	var it radiator.BacklogItem
	err := s.Scan(&it.ID, &it.ProductID, &it.Kind, &it.Title, &it.Description, &it.ParentID, &it.Rank, &it.Estimate, &it.Size, &it.State,
		&it.TeamID, &it.SprintID, &it.ReleaseID, &it.AcceptanceCriteria, listColumn[string]{&it.Labels}, &it.AssigneeID, &it.Blocked,
		&it.BlockedReason, listColumn[string]{&it.ReadyChecks}, &it.Column, nullTimeColumn{&it.DoneAt}, &it.Version,
		timeColumn{&it.CreatedAt}, timeColumn{&it.UpdatedAt})
	return &it, err
}

// itemLists are the column values of an item's lists.
type itemLists struct{ labels, readyChecks string }

// encodeItemLists returns the column values of the item's lists, and sets
// its empty lists to nil as a read would give them.
func encodeItemLists(it *radiator.BacklogItem) (itemLists, error) {
	it.Labels, it.ReadyChecks = emptyAsNil(it.Labels), emptyAsNil(it.ReadyChecks)
	var l itemLists
	var err error
	if l.labels, err = listJSON(it.Labels); err != nil {
		return l, err
	}
	l.readyChecks, err = listJSON(it.ReadyChecks)
	return l, err
}

// saveBacklogItem writes a changed item over the version it was read at,
// moving its version and update time on.
func saveBacklogItem(ctx context.Context, tx *Tx, it *radiator.BacklogItem, version int64) error {
	it.Version = version + 1
	it.UpdatedAt = tx.now
	l, err := encodeItemLists(it)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE backlog_items SET kind = ?, title = ?, description = ?, parent_id = ?, rank = ?, estimate = ?, size = ?, state = ?,
			team_id = ?, sprint_id = ?, release_id = ?, acceptance_criteria = ?, labels = ?, assignee_id = ?, blocked = ?,
			blocked_reason = ?, ready_checks = ?, column_key = ?, done_at = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.Size, it.State, it.TeamID, it.SprintID, it.ReleaseID,
		it.AcceptanceCriteria, l.labels, it.AssigneeID, boolInt(it.Blocked), it.BlockedReason, l.readyChecks, it.Column,
		nullTime(it.DoneAt), it.Version, formatTime(it.UpdatedAt), it.ID, version)
	if err := updated(res, err, "backlog item", it.ID); err != nil {
		return mapError(err)
	}
	return nil
}

func findBacklogItemByID(ctx context.Context, tx *Tx, id int64) (*radiator.BacklogItem, error) {
	it, err := scanBacklogItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM backlog_items WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("backlog item", id)
	}
	return it, err
}

func findBacklogItems(ctx context.Context, tx *Tx, f radiator.BacklogItemFilter) ([]*radiator.BacklogItem, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	afterRank, afterID, err := radiator.ParseRankCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	if f.After != "" {
		w.add("(rank > ? OR (rank = ? AND id > ?))", afterRank, afterRank, afterID)
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
		w.add("sprint_id IS NULL")
	}
	if f.Label != "" {
		w.add("EXISTS (SELECT 1 FROM json_each(backlog_items.labels) WHERE json_each.value = ?)", f.Label)
	}
	for _, word := range strings.Fields(f.Text) {
		word = strings.ToLower(word)
		w.add(`(instr(`+foldFunc+`(title), ?) > 0 OR instr(`+foldFunc+`(description), ?) > 0
			OR instr(`+foldFunc+`(acceptance_criteria), ?) > 0)`, word, word, word)
	}
	list, err := queryList(ctx, tx, scanBacklogItem,
		`SELECT `+itemColumns+` FROM backlog_items`+w.String()+` ORDER BY rank, id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(it *radiator.BacklogItem) string { return radiator.RankCursor(it.Rank, it.ID) })
	return list, next, nil
}

// checkItemRefs checks what an item refers to: a parent of the right kind
// in its product, a team of its product, a sprint of that team and a
// release of its product.
func checkItemRefs(ctx context.Context, tx *Tx, it *radiator.BacklogItem) error {
	if it.ParentID != nil {
		parent, err := findBacklogItemByID(ctx, tx, *it.ParentID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return missingRef("parent_id", "backlog item", *it.ParentID)
		}
		if err != nil {
			return err
		}
		if parent.ProductID != it.ProductID {
			return radiator.Invalidf("parent_id", "the parent %q belongs to another product", parent.Title)
		}
		if err := it.CheckParent(parent); err != nil {
			return err
		}
	}
	if it.TeamID != nil {
		var product int64
		err := tx.QueryRowContext(ctx, `SELECT product_id FROM teams WHERE id = ?`, *it.TeamID).Scan(&product)
		if errors.Is(err, sql.ErrNoRows) {
			return missingRef("team_id", "team", *it.TeamID)
		}
		if err != nil {
			return err
		}
		if product != it.ProductID {
			return radiator.Invalidf("team_id", "team %d works on another product", *it.TeamID)
		}
	}
	if it.SprintID != nil {
		var team int64
		err := tx.QueryRowContext(ctx, `SELECT team_id FROM sprints WHERE id = ?`, *it.SprintID).Scan(&team)
		if errors.Is(err, sql.ErrNoRows) {
			return missingRef("sprint_id", "sprint", *it.SprintID)
		}
		if err != nil {
			return err
		}
		if it.TeamID == nil || team != *it.TeamID {
			return radiator.Invalidf("sprint_id", "sprint %d belongs to another team", *it.SprintID)
		}
	}
	if it.ReleaseID != nil {
		var product int64
		err := tx.QueryRowContext(ctx, `SELECT product_id FROM releases WHERE id = ?`, *it.ReleaseID).Scan(&product)
		if errors.Is(err, sql.ErrNoRows) {
			return missingRef("release_id", "release", *it.ReleaseID)
		}
		if err != nil {
			return err
		}
		if product != it.ProductID {
			return radiator.Invalidf("release_id", "release %d belongs to another product", *it.ReleaseID)
		}
	}
	return nil
}

// checkTeamRules applies the rules of the item's team to a change of a
// story from old (nil on create), and checks the assignee. Features and
// initiatives are estimated in their own units and are not cards.
func checkTeamRules(ctx context.Context, tx *Tx, old, it *radiator.BacklogItem) error {
	if it.TeamID != nil && it.Kind == radiator.KindStory {
		team, err := findTeamByID(ctx, tx, *it.TeamID)
		if err != nil {
			return err
		}
		var sprint *radiator.Sprint
		if it.SprintID != nil {
			if sprint, err = findSprintByID(ctx, tx, *it.SprintID); err != nil {
				return err
			}
		}
		if err := team.CheckChange(old, it, sprint); err != nil {
			return err
		}
	}
	if it.AssigneeID != nil && (old == nil || !sameID(old.AssigneeID, it.AssigneeID)) {
		return checkPersonRef(ctx, tx, "assignee_id", *it.AssigneeID)
	}
	return nil
}

func createBacklogItem(ctx context.Context, tx *Tx, it *radiator.BacklogItem) error {
	it.ID = 0
	if err := it.Validate(); err != nil {
		return err
	}
	if err := checkProductRef(ctx, tx, "product_id", it.ProductID); err != nil {
		return err
	}
	if err := checkItemRefs(ctx, tx, it); err != nil {
		return err
	}
	if err := checkTeamRules(ctx, tx, nil, it); err != nil {
		return err
	}
	if it.Rank == "" {
		var last string
		err := tx.QueryRowContext(ctx, `SELECT rank FROM backlog_items WHERE product_id = ? ORDER BY rank DESC, id DESC LIMIT 1`,
			it.ProductID).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		it.Rank = radiator.RankBetween(last, "")
	}
	it.DoneAt = nil
	it.MarkDone(false, tx.now)
	it.Version, it.CreatedAt, it.UpdatedAt = 1, tx.now, tx.now
	l, err := encodeItemLists(it)
	if err != nil {
		return err
	}
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO backlog_items (product_id, kind, title, description, parent_id, rank, estimate, size, state, team_id, sprint_id,
			release_id, acceptance_criteria, labels, assignee_id, blocked, blocked_reason, ready_checks, column_key,
			done_at, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.ProductID, it.Kind, it.Title, it.Description, it.ParentID, it.Rank, it.Estimate, it.Size, it.State, it.TeamID, it.SprintID,
		it.ReleaseID, it.AcceptanceCriteria, l.labels, it.AssigneeID, boolInt(it.Blocked), it.BlockedReason, l.readyChecks, it.Column,
		nullTime(it.DoneAt), it.Version, formatTime(it.CreatedAt), formatTime(it.UpdatedAt)))
	if err != nil {
		return mapError(err)
	}
	it.ID = id
	return tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionCreate, nil, it)
}

func updateBacklogItem(ctx context.Context, tx *Tx, id int64, upd radiator.BacklogItemUpdate) (*radiator.BacklogItem, error) {
	it, err := findBacklogItemByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("backlog item", id, it.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *it
	if err := upd.Apply(it, tx.now); err != nil {
		return nil, err
	}
	if err := checkItemRefs(ctx, tx, it); err != nil {
		return nil, err
	}
	if it.Kind != before.Kind {
		used, err := exists(ctx, tx, `SELECT 1 FROM backlog_items WHERE parent_id = ? LIMIT 1`, id)
		if err != nil {
			return nil, err
		}
		if used {
			return nil, radiator.Invalidf("kind", "stays %s while items sit under it", before.Kind)
		}
	}
	if err := checkTeamRules(ctx, tx, &before, it); err != nil {
		return nil, err
	}
	// The team's column may have changed the state.
	it.MarkDone(before.State == radiator.StateDone, tx.now)
	if it.Kind == radiator.KindFeature && it.State == radiator.StateDone && before.State != radiator.StateDone {
		if err := checkStoriesDone(ctx, tx, it); err != nil {
			return nil, err
		}
	}
	if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
		return nil, err
	}
	return it, tx.event(ctx, radiator.EntityBacklogItem, id, radiator.ActionUpdate, &before, it)
}

// updateBacklogItems applies the updates in order, naming the item of the
// first refused one in its error.
func updateBacklogItems(ctx context.Context, tx *Tx, upds []radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
	if len(upds) > radiator.MaxLimit {
		return nil, radiator.Invalidf("items", "a bulk edit changes at most %d items, not %d", radiator.MaxLimit, len(upds))
	}
	out := make([]*radiator.BacklogItem, 0, len(upds))
	for _, u := range upds {
		it, err := updateBacklogItem(ctx, tx, u.ID, u.BacklogItemUpdate)
		if err != nil {
			return nil, itemError(u.ID, err)
		}
		out = append(out, it)
	}
	return out, nil
}

// checkStoriesDone refuses to mark a feature done while stories under it
// are not.
func checkStoriesDone(ctx context.Context, tx *Tx, feature *radiator.BacklogItem) error {
	var all, open int
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE state <> 'done') FROM backlog_items WHERE parent_id = ?`,
		feature.ID).Scan(&all, &open); err != nil {
		return err
	}
	if open > 0 {
		return radiator.Invalidf("state", "%d of its %d stories are not done", open, all)
	}
	return nil
}

// itemError names the item an error is about, keeping its code and field.
func itemError(id int64, err error) error {
	var e *radiator.Error
	if errors.As(err, &e) {
		return &radiator.Error{Code: e.Code, Field: e.Field, Message: fmt.Sprintf("item %d: %s", id, e.Message), Err: e.Err}
	}
	return fmt.Errorf("item %d: %w", id, err)
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

// clearAssignments unassigns a person from every item, each with its
// event, before the person goes.
func clearAssignments(ctx context.Context, tx *Tx, personID int64) error {
	items, err := queryList(ctx, tx, scanBacklogItem, `SELECT `+itemColumns+` FROM backlog_items WHERE assignee_id = ? ORDER BY id`, personID)
	if err != nil {
		return err
	}
	for _, it := range items {
		before := *it
		it.AssigneeID = nil
		if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
			return err
		}
		if err := tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, &before, it); err != nil {
			return err
		}
	}
	return nil
}

func deleteBacklogItem(ctx context.Context, tx *Tx, id, version int64) error {
	it, err := findBacklogItemByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("backlog item", id, it.Version, version); err != nil {
		return err
	}
	used, err := exists(ctx, tx, `SELECT 1 FROM backlog_items WHERE parent_id = ? LIMIT 1`, id)
	if err != nil {
		return err
	}
	if used {
		return stillUsed("The %s %q still has items under it; move or delete them first.", it.Kind, it.Title)
	}
	if err := deleteItemDependencies(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM backlog_items WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityBacklogItem, id, radiator.ActionDelete, it, nil)
}
