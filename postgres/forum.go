package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindForumByID returns a forum.
func (db *DB) FindForumByID(ctx context.Context, id int64) (*radiator.Forum, error) {
	var f *radiator.Forum
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		f, err = findForumByID(ctx, tx, id, "")
		return err
	})
	return f, err
}

// FindForums returns forums in ID order.
func (db *DB) FindForums(ctx context.Context, filter radiator.ForumFilter) ([]*radiator.Forum, string, error) {
	var fs []*radiator.Forum
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		fs, next, err = findForums(ctx, tx, filter)
		return err
	})
	return fs, next, err
}

// CreateForum creates a forum; team forums are made by CreateTeam.
func (db *DB) CreateForum(ctx context.Context, f *radiator.Forum) error {
	return db.inTx(ctx, func(tx *Tx) error { return createForum(ctx, tx, f) })
}

// UpdateForum changes a forum.
func (db *DB) UpdateForum(ctx context.Context, id int64, upd radiator.ForumUpdate) (*radiator.Forum, error) {
	var f *radiator.Forum
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		f, err = updateForum(ctx, tx, id, upd)
		return err
	})
	return f, err
}

// DeleteForum deletes a forum without sub-forums, with the memberships in
// it; a team's own forum goes with its team.
func (db *DB) DeleteForum(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deleteForum(ctx, tx, id, version) })
}

// forumSelect reads forums with the team whose own forum each is.
const forumSelect = `
	SELECT f.id, f.name, f.tier, f.kind, f.parent_id, f.product_id, t.id, f.purpose, f.cadence,
		f.version, f.created_at, f.updated_at
	FROM forums f LEFT JOIN teams t ON t.forum_id = f.id`

func scanForum(row pgx.Row) (*radiator.Forum, error) {
	var f radiator.Forum
	if err := row.Scan(&f.ID, &f.Name, &f.Tier, &f.Kind, &f.ParentID, &f.ProductID, &f.TeamID, &f.Purpose, &f.Cadence,
		&f.Version, &f.CreatedAt, &f.UpdatedAt); err != nil {
		return nil, err
	}
	f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
	return &f, nil
}

// findForumByID loads a forum; a lock of "FOR UPDATE" locks its row.
func findForumByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Forum, error) {
	if lock != "" {
		lock += " OF f"
	}
	f, err := scanForum(tx.QueryRow(ctx, forumSelect+` WHERE f.id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("forum", id)
	} else if err != nil {
		return nil, fmt.Errorf("load forum %d: %w", id, err)
	}
	return f, nil
}

func findForums(ctx context.Context, tx *Tx, filter radiator.ForumFilter) ([]*radiator.Forum, string, error) {
	n, err := filter.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(filter.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("f.id > ?", after)
	if filter.Tier != 0 {
		w.add("f.tier = ?", filter.Tier)
	}
	if filter.Kind != "" {
		w.add("f.kind = ?", filter.Kind)
	}
	if filter.ProductID != 0 {
		w.add("f.product_id = ?", filter.ProductID)
	}
	if filter.ParentID != 0 {
		w.add("f.parent_id = ?", filter.ParentID)
	}
	if filter.TeamID != 0 {
		w.add("t.id = ?", filter.TeamID)
	}
	rows, err := tx.Query(ctx, forumSelect+` `+w.sql()+` ORDER BY f.id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list forums: %w", err)
	}
	fs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Forum, error) { return scanForum(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list forums: %w", err)
	}
	fs, next := page(fs, n, func(f *radiator.Forum) string { return radiator.IDCursor(f.ID) })
	return fs, next, nil
}

// checkRef returns an EINVALID error about field when table has no row id.
func checkRef(ctx context.Context, tx *Tx, field, table, noun string, id int64) error {
	ok, err := tx.exists(ctx, `SELECT 1 FROM `+table+` WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("look up %s %d: %w", noun, id, err)
	}
	if !ok {
		return radiator.Invalidf(field, "there is no %s %d", noun, id)
	}
	return nil
}

// checkForumRefs checks that the forum's parent and product exist and that
// the parent sits at a higher tier. field names the parent as the input
// spells it.
func checkForumRefs(ctx context.Context, tx *Tx, f *radiator.Forum, field string) error {
	if f.ParentID != nil {
		parent, err := findForumByID(ctx, tx, *f.ParentID, "")
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return radiator.Invalidf(field, "there is no forum %d", *f.ParentID)
		} else if err != nil {
			return err
		}
		if err := f.CheckParent(parent); err != nil {
			return radiator.Invalidf(field, "%s", radiator.ErrorMessage(err))
		}
	}
	if f.ProductID != nil {
		return checkRef(ctx, tx, "product_id", "products", "product", *f.ProductID)
	}
	return nil
}

func createForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	if err := f.ValidateNew(); err != nil {
		return err
	}
	if err := checkForumRefs(ctx, tx, f, "parent_id"); err != nil {
		return err
	}
	if err := insertForum(ctx, tx, f); err != nil {
		return err
	}
	return tx.event(ctx, radiator.EntityForum, f.ID, radiator.ActionCreate, nil, f)
}

// insertForum inserts a checked forum, setting its ID, version and times.
func insertForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	f.Version, f.CreatedAt, f.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO forums (name, tier, kind, parent_id, product_id, purpose, cadence, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		f.Name, f.Tier, f.Kind, f.ParentID, f.ProductID, f.Purpose, f.Cadence, f.Version, f.CreatedAt, f.UpdatedAt).
		Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("insert forum: %w", err)
	}
	return nil
}

// saveForum writes a changed forum back, with the next version.
func saveForum(ctx context.Context, tx *Tx, f *radiator.Forum) error {
	f.Version++
	f.UpdatedAt = tx.now
	_, err := tx.Exec(ctx, `
		UPDATE forums SET name = $1, tier = $2, kind = $3, parent_id = $4, product_id = $5, purpose = $6,
			cadence = $7, version = $8, updated_at = $9
		WHERE id = $10`,
		f.Name, f.Tier, f.Kind, f.ParentID, f.ProductID, f.Purpose, f.Cadence, f.Version, f.UpdatedAt, f.ID)
	if err != nil {
		return fmt.Errorf("update forum %d: %w", f.ID, err)
	}
	return nil
}

func updateForum(ctx context.Context, tx *Tx, id int64, upd radiator.ForumUpdate) (*radiator.Forum, error) {
	f, err := findForumByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("forum", id, f.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *f
	if err := upd.Apply(f); err != nil {
		return nil, err
	}
	if err := checkForumRefs(ctx, tx, f, "parent_id"); err != nil {
		return nil, err
	}
	if f.TeamID != nil {
		var productID int64
		if err := tx.QueryRow(ctx, `SELECT product_id FROM teams WHERE id = $1`, *f.TeamID).Scan(&productID); err != nil {
			return nil, fmt.Errorf("load team %d: %w", *f.TeamID, err)
		}
		if f.ProductID == nil || *f.ProductID != productID {
			return nil, radiator.Invalidf("product_id", "a team's forum has its team's product (%d); change the team instead", productID)
		}
	}
	if f.Tier < before.Tier {
		var name string
		var tier int
		err := tx.QueryRow(ctx, `SELECT name, tier FROM forums WHERE parent_id = $1 AND tier >= $2 ORDER BY tier DESC, id LIMIT 1`,
			id, f.Tier).Scan(&name, &tier)
		if err == nil {
			return nil, radiator.Invalidf("tier", "must stay above its sub-forum %q (%s)", name, radiator.TierLabel(tier))
		} else if err != pgx.ErrNoRows {
			return nil, fmt.Errorf("check sub-forums of forum %d: %w", id, err)
		}
	}
	if err := saveForum(ctx, tx, f); err != nil {
		return nil, err
	}
	return f, tx.event(ctx, radiator.EntityForum, id, radiator.ActionUpdate, &before, f)
}

func deleteForum(ctx context.Context, tx *Tx, id, version int64) error {
	f, err := findForumByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return err
	}
	if err := checkVersion("forum", id, f.Version, version); err != nil {
		return err
	}
	if f.TeamID != nil {
		return radiator.Errorf(radiator.ECONFLICT, "Forum %d is team %d's own forum; delete the team instead.", id, *f.TeamID)
	}
	if err := checkUnreferenced(ctx, tx, fmt.Sprintf("forum %d", id), id, []reference{
		{"forums", "parent_id", "sub-forum"},
	}); err != nil {
		return err
	}
	ms, err := lockMemberships(ctx, tx, "forum_id", id)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := removeMembership(ctx, tx, m); err != nil {
			return err
		}
	}
	if err := removeMeetingOverrides(ctx, tx, id); err != nil {
		return err
	}
	if err := removeFeedSecrets(ctx, tx, "forum_id", id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM forums WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete forum %d: %w", id, err)
	}
	return tx.event(ctx, radiator.EntityForum, id, radiator.ActionDelete, f, nil)
}
