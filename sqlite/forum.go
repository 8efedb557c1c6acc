package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// FindForumByID returns one forum.
func (db *DB) FindForumByID(ctx context.Context, id int64) (*radiator.Forum, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := findForumByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find forum %d: %w", id, err)
	}
	return f, nil
}

// FindForums lists forums in ID order.
func (db *DB) FindForums(ctx context.Context, f radiator.ForumFilter) ([]*radiator.Forum, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findForums(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find forums: %w", err)
	}
	return list, next, nil
}

// CreateForum creates a forum above tier 1.
func (db *DB) CreateForum(ctx context.Context, f *radiator.Forum) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createForum(ctx, tx, f); err != nil {
		return fmt.Errorf("create forum: %w", err)
	}
	return tx.commit("create forum")
}

// UpdateForum changes a forum.
func (db *DB) UpdateForum(ctx context.Context, id int64, upd radiator.ForumUpdate) (*radiator.Forum, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := updateForum(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update forum %d: %w", id, err)
	}
	return f, tx.commit("update forum")
}

// DeleteForum deletes a forum without forums under it, with its
// memberships.
func (db *DB) DeleteForum(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteForum(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete forum %d: %w", id, err)
	}
	return tx.commit("delete forum")
}

const forumSelect = `
	SELECT f.id, f.name, f.tier, f.kind, f.parent_id, f.product_id, t.id, f.purpose, f.cadence, f.version, f.created_at, f.updated_at
	FROM forums f LEFT JOIN teams t ON t.forum_id = f.id`

func scanForum(s scanner) (*radiator.Forum, error) {
	var f radiator.Forum
	err := s.Scan(&f.ID, &f.Name, &f.Tier, &f.Kind, &f.ParentID, &f.ProductID, &f.TeamID, &f.Purpose,
		jsonColumn{&f.Cadence}, &f.Version, timeColumn{&f.CreatedAt}, timeColumn{&f.UpdatedAt})
	return &f, err
}

func findForumByID(ctx context.Context, tx *Tx, id int64) (*radiator.Forum, error) {
	f, err := scanForum(tx.QueryRowContext(ctx, forumSelect+` WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("forum", id)
	}
	return f, err
}

func findForums(ctx context.Context, tx *Tx, f radiator.ForumFilter) ([]*radiator.Forum, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	w.add("f.id > ?", after)
	if f.Tier != 0 {
		w.add("f.tier = ?", f.Tier)
	}
	if f.Kind != "" {
		w.add("f.kind = ?", f.Kind)
	}
	if f.ProductID != 0 {
		w.add("f.product_id = ?", f.ProductID)
	}
	if f.ParentID != 0 {
		w.add("f.parent_id = ?", f.ParentID)
	}
	if f.TeamID != 0 {
		w.add("t.id = ?", f.TeamID)
	}
	list, err := queryList(ctx, tx, scanForum, forumSelect+w.String()+` ORDER BY f.id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(f *radiator.Forum) string { return radiator.IDCursor(f.ID) })
	return list, next, nil
}

// checkForumRefs checks what a forum refers to: its product, and a parent
// at a higher tier.
func checkForumRefs(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	if f.ProductID != nil {
		if err := checkProductRef(ctx, tx, "product_id", *f.ProductID); err != nil {
			return err
		}
	}
	if f.ParentID != nil {
		parent, err := findForumByID(ctx, tx, *f.ParentID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return missingRef("parent_id", "forum", *f.ParentID)
		}
		if err != nil {
			return err
		}
		if err := f.CheckParent(parent); err != nil {
			return err
		}
	}
	return nil
}

// checkProductRef checks that a referenced product exists.
func checkProductRef(ctx context.Context, tx *Tx, field string, id int64) error {
	ok, err := exists(ctx, tx, `SELECT 1 FROM products WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef(field, "product", id)
	}
	return nil
}

func createForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	f.TeamID = nil
	if err := f.ValidateNew(); err != nil {
		return err
	}
	if err := checkForumRefs(ctx, tx, f); err != nil {
		return err
	}
	if err := insertForum(ctx, tx, f); err != nil {
		return err
	}
	return tx.event(ctx, radiator.EntityForum, f.ID, radiator.ActionCreate, nil, f)
}

// insertForum inserts a forum row, without its event.
func insertForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	cadence, err := json.Marshal(f.Cadence)
	if err != nil {
		return fmt.Errorf("encode cadence: %w", err)
	}
	f.Version, f.CreatedAt, f.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO forums (name, tier, kind, parent_id, product_id, purpose, cadence, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Name, f.Tier, f.Kind, f.ParentID, f.ProductID, f.Purpose, string(cadence), f.Version,
		formatTime(f.CreatedAt), formatTime(f.UpdatedAt)))
	if err != nil {
		return mapError(err)
	}
	f.ID = id
	return nil
}

func updateForum(ctx context.Context, tx *Tx, id int64, upd radiator.ForumUpdate) (*radiator.Forum, error) {
	f, err := findForumByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("forum", id, f.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *f
	if err := upd.Apply(f); err != nil {
		return nil, err
	}
	if err := checkForumRefs(ctx, tx, f); err != nil {
		return nil, err
	}
	if f.TeamID != nil {
		// A team's forum belongs to its team's product.
		var product int64
		if err := tx.QueryRowContext(ctx, `SELECT product_id FROM teams WHERE id = ?`, *f.TeamID).Scan(&product); err != nil {
			return nil, err
		}
		if f.ProductID == nil || *f.ProductID != product {
			return nil, radiator.Invalidf("product_id", "a team's forum belongs to its team's product %d; move the team instead", product)
		}
	}
	var childTier sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(tier) FROM forums WHERE parent_id = ?`, id).Scan(&childTier); err != nil {
		return nil, err
	}
	if childTier.Valid && int64(f.Tier) <= childTier.Int64 {
		return nil, radiator.Invalidf("tier", "must stay above the tier of the forums under it (%s)", radiator.TierLabel(int(childTier.Int64)))
	}
	if err := saveForum(ctx, tx, f, before.Version); err != nil {
		return nil, err
	}
	return f, tx.event(ctx, radiator.EntityForum, id, radiator.ActionUpdate, &before, f)
}

// saveForum writes a changed forum read at version, without its event.
func saveForum(ctx context.Context, tx *Tx, f *radiator.Forum, version int64) error {
	cadence, err := json.Marshal(f.Cadence)
	if err != nil {
		return fmt.Errorf("encode cadence: %w", err)
	}
	f.Version = version + 1
	f.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE forums SET name = ?, tier = ?, kind = ?, parent_id = ?, product_id = ?, purpose = ?, cadence = ?,
			version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		f.Name, f.Tier, f.Kind, f.ParentID, f.ProductID, f.Purpose, string(cadence), f.Version, formatTime(f.UpdatedAt),
		f.ID, version)
	return mapError(updated(res, err, "forum", f.ID))
}

func deleteForum(ctx context.Context, tx *Tx, id, version int64) error {
	f, err := findForumByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("forum", id, f.Version, version); err != nil {
		return err
	}
	if f.TeamID != nil {
		return stillUsed("The forum %q is team %d's own; delete the team instead.", f.Name, *f.TeamID)
	}
	used, err := exists(ctx, tx, `SELECT 1 FROM forums WHERE parent_id = ? LIMIT 1`, id)
	if err != nil {
		return err
	}
	if used {
		return stillUsed("The forum %q still has forums under it; move or delete them first.", f.Name)
	}
	return removeForum(ctx, tx, f)
}

// removeForum deletes a forum with its memberships and meeting overrides,
// writing their events.
func removeForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	ms, err := queryList(ctx, tx, scanMembership, `SELECT `+membershipColumns+` FROM memberships WHERE forum_id = ? ORDER BY id`, f.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := removeMembership(ctx, tx, m); err != nil {
			return err
		}
	}
	if err := removeMeetingOverrides(ctx, tx, f.ID); err != nil {
		return err
	}
	if err := removeFeedSecrets(ctx, tx, "forum_id", f.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM forums WHERE id = ?`, f.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityForum, f.ID, radiator.ActionDelete, f, nil)
}
