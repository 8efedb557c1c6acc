package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindMembershipByID returns a membership.
func (db *DB) FindMembershipByID(ctx context.Context, id int64) (*radiator.Membership, error) {
	var m *radiator.Membership
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		m, err = findMembershipByID(ctx, tx, id, "")
		return err
	})
	return m, err
}

// FindMemberships returns memberships in ID order.
func (db *DB) FindMemberships(ctx context.Context, f radiator.MembershipFilter) ([]*radiator.Membership, string, error) {
	var ms []*radiator.Membership
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ms, next, err = findMemberships(ctx, tx, f)
		return err
	})
	return ms, next, err
}

// CreateMembership places a person in a forum with a role.
func (db *DB) CreateMembership(ctx context.Context, m *radiator.Membership) error {
	return db.inTx(ctx, func(tx *Tx) error { return createMembership(ctx, tx, m) })
}

// UpdateMembership changes a membership's role.
func (db *DB) UpdateMembership(ctx context.Context, id int64, upd radiator.MembershipUpdate) (*radiator.Membership, error) {
	var m *radiator.Membership
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		m, err = updateMembership(ctx, tx, id, upd)
		return err
	})
	return m, err
}

// DeleteMembership deletes a membership.
func (db *DB) DeleteMembership(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		m, err := findMembershipByID(ctx, tx, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := checkVersion("membership", id, m.Version, version); err != nil {
			return err
		}
		return removeMembership(ctx, tx, m)
	})
}

const membershipColumns = `id, person_id, forum_id, role, version, created_at, updated_at`

func scanMembership(row pgx.Row) (*radiator.Membership, error) {
	var m radiator.Membership
	if err := row.Scan(&m.ID, &m.PersonID, &m.ForumID, &m.Role, &m.Version, &m.CreatedAt, &m.UpdatedAt); err != nil {
		return nil, err
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	return &m, nil
}

func findMembershipByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Membership, error) {
	m, err := scanMembership(tx.QueryRow(ctx, `SELECT `+membershipColumns+` FROM memberships WHERE id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("membership", id)
	} else if err != nil {
		return nil, fmt.Errorf("load membership %d: %w", id, err)
	}
	return m, nil
}

func collectMemberships(rows pgx.Rows) ([]*radiator.Membership, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Membership, error) { return scanMembership(r) })
}

func findMemberships(ctx context.Context, tx *Tx, f radiator.MembershipFilter) ([]*radiator.Membership, string, error) {
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
	if f.PersonID != 0 {
		w.add("person_id = ?", f.PersonID)
	}
	if f.ForumID != 0 {
		w.add("forum_id = ?", f.ForumID)
	}
	if f.TeamID != 0 {
		w.add("forum_id = (SELECT forum_id FROM teams WHERE id = ?)", f.TeamID)
	}
	if f.Role != "" {
		w.add("role = ?", f.Role)
	}
	rows, err := tx.Query(ctx, `SELECT `+membershipColumns+` FROM memberships `+w.sql()+` ORDER BY id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list memberships: %w", err)
	}
	ms, err := collectMemberships(rows)
	if err != nil {
		return nil, "", fmt.Errorf("list memberships: %w", err)
	}
	ms, next := page(ms, n, func(m *radiator.Membership) string { return radiator.IDCursor(m.ID) })
	return ms, next, nil
}

// lockMemberships returns, locked, all the memberships whose column
// (person_id or forum_id) is id, for deleting them with what they belong to.
func lockMemberships(ctx context.Context, tx *Tx, column string, id int64) ([]*radiator.Membership, error) {
	rows, err := tx.Query(ctx, `SELECT `+membershipColumns+` FROM memberships WHERE `+column+` = $1 ORDER BY id FOR UPDATE`, id)
	if err != nil {
		return nil, fmt.Errorf("list memberships with %s %d: %w", column, id, err)
	}
	ms, err := collectMemberships(rows)
	if err != nil {
		return nil, fmt.Errorf("list memberships with %s %d: %w", column, id, err)
	}
	return ms, nil
}

// checkMembership checks that the person and forum exist and that the
// person does not already hold the role there.
func checkMembership(ctx context.Context, tx *Tx, m *radiator.Membership) error {
	if err := checkRef(ctx, tx, "person_id", "people", "person", m.PersonID); err != nil {
		return err
	}
	if err := checkRef(ctx, tx, "forum_id", "forums", "forum", m.ForumID); err != nil {
		return err
	}
	taken, err := tx.exists(ctx, `SELECT 1 FROM memberships WHERE person_id = $1 AND forum_id = $2 AND role = $3 AND id <> $4`,
		m.PersonID, m.ForumID, m.Role, m.ID)
	if err != nil {
		return fmt.Errorf("check membership: %w", err)
	}
	if taken {
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "role",
			Message: fmt.Sprintf("Person %d is already %s in forum %d.", m.PersonID, radiator.RoleTitle(m.Role), m.ForumID)}
	}
	return nil
}

func createMembership(ctx context.Context, tx *Tx, m *radiator.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := checkMembership(ctx, tx, m); err != nil {
		return err
	}
	m.Version, m.CreatedAt, m.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO memberships (person_id, forum_id, role, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		m.PersonID, m.ForumID, m.Role, m.Version, m.CreatedAt, m.UpdatedAt).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("insert membership: %w", err)
	}
	return tx.event(ctx, radiator.EntityMembership, m.ID, radiator.ActionCreate, nil, m)
}

func updateMembership(ctx context.Context, tx *Tx, id int64, upd radiator.MembershipUpdate) (*radiator.Membership, error) {
	m, err := findMembershipByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("membership", id, m.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *m
	if err := upd.Apply(m); err != nil {
		return nil, err
	}
	if err := checkMembership(ctx, tx, m); err != nil {
		return nil, err
	}
	m.Version++
	m.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `UPDATE memberships SET role = $1, version = $2, updated_at = $3 WHERE id = $4`,
		m.Role, m.Version, m.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update membership %d: %w", id, err)
	}
	return m, tx.event(ctx, radiator.EntityMembership, id, radiator.ActionUpdate, &before, m)
}

// removeMembership deletes a loaded membership and records it.
func removeMembership(ctx context.Context, tx *Tx, m *radiator.Membership) error {
	if _, err := tx.Exec(ctx, `DELETE FROM memberships WHERE id = $1`, m.ID); err != nil {
		return fmt.Errorf("delete membership %d: %w", m.ID, err)
	}
	return tx.event(ctx, radiator.EntityMembership, m.ID, radiator.ActionDelete, m, nil)
}
