package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindTeamByID returns a team.
func (db *DB) FindTeamByID(ctx context.Context, id int64) (*radiator.Team, error) {
	var t *radiator.Team
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		t, err = findTeamByID(ctx, tx, id, "")
		return err
	})
	return t, err
}

// FindTeams returns teams in ID order.
func (db *DB) FindTeams(ctx context.Context, f radiator.TeamFilter) ([]*radiator.Team, string, error) {
	var ts []*radiator.Team
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ts, next, err = findTeams(ctx, tx, f)
		return err
	})
	return ts, next, err
}

// CreateTeam creates a team and its own tier-1 forum.
func (db *DB) CreateTeam(ctx context.Context, t *radiator.Team) error {
	return db.inTx(ctx, func(tx *Tx) error { return createTeam(ctx, tx, t) })
}

// UpdateTeam changes a team, and its forum with it.
func (db *DB) UpdateTeam(ctx context.Context, id int64, upd radiator.TeamUpdate) (*radiator.Team, error) {
	var t *radiator.Team
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		t, err = updateTeam(ctx, tx, id, upd)
		return err
	})
	return t, err
}

// DeleteTeam deletes a team with its forum and the memberships in it.
func (db *DB) DeleteTeam(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deleteTeam(ctx, tx, id, version) })
}

// teamSelect reads teams with the parent of their own forum.
const teamSelect = `
	SELECT t.id, t.product_id, t.name, t.description, t.forum_id, f.parent_id, t.board_columns, t.estimate_scale,
		t.definition_of_ready, t.version, t.created_at, t.updated_at
	FROM teams t JOIN forums f ON f.id = t.forum_id`

func scanTeam(row pgx.Row) (*radiator.Team, error) {
	var t radiator.Team
	if err := row.Scan(&t.ID, &t.ProductID, &t.Name, &t.Description, &t.ForumID, &t.ParentForumID, &t.Columns,
		&t.EstimateScale, &t.DefinitionOfReady, &t.Version, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, err
	}
	t.Columns, t.EstimateScale, t.DefinitionOfReady = unlist(t.Columns), unlist(t.EstimateScale), unlist(t.DefinitionOfReady)
	t.CreatedAt, t.UpdatedAt = t.CreatedAt.UTC(), t.UpdatedAt.UTC()
	return &t, nil
}

// findTeamByID loads a team; a lock of "FOR UPDATE" locks its row and its
// forum's.
func findTeamByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Team, error) {
	t, err := scanTeam(tx.QueryRow(ctx, teamSelect+` WHERE t.id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("team", id)
	} else if err != nil {
		return nil, fmt.Errorf("load team %d: %w", id, err)
	}
	return t, nil
}

func findTeams(ctx context.Context, tx *Tx, f radiator.TeamFilter) ([]*radiator.Team, string, error) {
	n, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("t.id > ?", after)
	if f.ProductID != 0 {
		w.add("t.product_id = ?", f.ProductID)
	}
	if f.ParentForumID != 0 {
		w.add("f.parent_id = ?", f.ParentForumID)
	}
	if f.PersonID != 0 {
		w.add("EXISTS (SELECT 1 FROM memberships m WHERE m.forum_id = t.forum_id AND m.person_id = ?)", f.PersonID)
	}
	rows, err := tx.Query(ctx, teamSelect+` `+w.sql()+` ORDER BY t.id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list teams: %w", err)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Team, error) { return scanTeam(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list teams: %w", err)
	}
	ts, next := page(ts, n, func(t *radiator.Team) string { return radiator.IDCursor(t.ID) })
	return ts, next, nil
}

func createTeam(ctx context.Context, tx *Tx, t *radiator.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := checkRef(ctx, tx, "product_id", "products", "product", t.ProductID); err != nil {
		return err
	}
	forum := t.Forum()
	if err := checkForumRefs(ctx, tx, forum, "parent_forum_id"); err != nil {
		return err
	}
	if err := insertForum(ctx, tx, forum); err != nil {
		return err
	}
	t.ForumID = forum.ID
	t.Version, t.CreatedAt, t.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO teams (product_id, forum_id, name, description, board_columns, estimate_scale, definition_of_ready,
			version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		t.ProductID, t.ForumID, t.Name, t.Description, list(t.Columns), list(t.EstimateScale), list(t.DefinitionOfReady),
		t.Version, t.CreatedAt, t.UpdatedAt).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("insert team: %w", err)
	}
	forum.TeamID = &t.ID
	if err := tx.event(ctx, radiator.EntityForum, forum.ID, radiator.ActionCreate, nil, forum); err != nil {
		return err
	}
	return tx.event(ctx, radiator.EntityTeam, t.ID, radiator.ActionCreate, nil, t)
}

func updateTeam(ctx context.Context, tx *Tx, id int64, upd radiator.TeamUpdate) (*radiator.Team, error) {
	t, err := findTeamByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("team", id, t.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *t
	if err := upd.Apply(t); err != nil {
		return nil, err
	}
	if t.ProductID != before.ProductID {
		if err := checkRef(ctx, tx, "product_id", "products", "product", t.ProductID); err != nil {
			return nil, err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM backlog_items WHERE team_id = $1 AND product_id <> $2`,
			id, t.ProductID).Scan(&n); err != nil {
			return nil, fmt.Errorf("count backlog items of team %d: %w", id, err)
		}
		if n > 0 {
			return nil, radiator.Invalidf("product_id", "the team still has %d backlog items of product %d; move them first", n, before.ProductID)
		}
	}
	// The team's forum follows the team: its name, product and parent.
	forum, err := findForumByID(ctx, tx, t.ForumID, "")
	if err != nil {
		return nil, err
	}
	forumBefore := *forum
	forum.Name, forum.ProductID, forum.ParentID = t.Name, &t.ProductID, t.ParentForumID
	if !sameID(forum.ParentID, forumBefore.ParentID) {
		if err := checkForumRefs(ctx, tx, forum, "parent_forum_id"); err != nil {
			return nil, err
		}
	}
	t.Version++
	t.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `
		UPDATE teams SET product_id = $1, name = $2, description = $3, board_columns = $4, estimate_scale = $5,
			definition_of_ready = $6, version = $7, updated_at = $8
		WHERE id = $9`,
		t.ProductID, t.Name, t.Description, list(t.Columns), list(t.EstimateScale), list(t.DefinitionOfReady),
		t.Version, t.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update team %d: %w", id, err)
	}
	if forum.Name != forumBefore.Name || !sameID(forum.ProductID, forumBefore.ProductID) || !sameID(forum.ParentID, forumBefore.ParentID) {
		if err := saveForum(ctx, tx, forum); err != nil {
			return nil, err
		}
		if err := tx.event(ctx, radiator.EntityForum, forum.ID, radiator.ActionUpdate, &forumBefore, forum); err != nil {
			return nil, err
		}
	}
	return t, tx.event(ctx, radiator.EntityTeam, id, radiator.ActionUpdate, &before, t)
}

// sameID reports whether two optional references are equal.
func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func deleteTeam(ctx context.Context, tx *Tx, id, version int64) error {
	t, err := findTeamByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return err
	}
	if err := checkVersion("team", id, t.Version, version); err != nil {
		return err
	}
	if err := checkUnreferenced(ctx, tx, fmt.Sprintf("team %d", id), id, []reference{
		{"sprints", "team_id", "sprint"},
		{"backlog_items", "team_id", "backlog item"},
	}); err != nil {
		return err
	}
	forum, err := findForumByID(ctx, tx, t.ForumID, "")
	if err != nil {
		return err
	}
	ms, err := lockMemberships(ctx, tx, "forum_id", t.ForumID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := removeMembership(ctx, tx, m); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM teams WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete team %d: %w", id, err)
	}
	if err := tx.event(ctx, radiator.EntityTeam, id, radiator.ActionDelete, t, nil); err != nil {
		return err
	}
	if err := removeMeetingOverrides(ctx, tx, forum.ID); err != nil {
		return err
	}
	if err := removeFeedSecrets(ctx, tx, "forum_id", forum.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM forums WHERE id = $1`, forum.ID); err != nil {
		return fmt.Errorf("delete forum %d of team %d: %w", forum.ID, id, err)
	}
	return tx.event(ctx, radiator.EntityForum, forum.ID, radiator.ActionDelete, forum, nil)
}
