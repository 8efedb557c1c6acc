package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// FindTeamByID returns one team.
func (db *DB) FindTeamByID(ctx context.Context, id int64) (*radiator.Team, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := findTeamByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find team %d: %w", id, err)
	}
	return t, nil
}

// FindTeams lists teams in ID order.
func (db *DB) FindTeams(ctx context.Context, f radiator.TeamFilter) ([]*radiator.Team, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findTeams(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find teams: %w", err)
	}
	return list, next, nil
}

// CreateTeam creates a team with its own tier-1 forum.
func (db *DB) CreateTeam(ctx context.Context, t *radiator.Team) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createTeam(ctx, tx, t); err != nil {
		return fmt.Errorf("create team: %w", err)
	}
	return tx.commit("create team")
}

// UpdateTeam changes a team, and its forum with it.
func (db *DB) UpdateTeam(ctx context.Context, id int64, upd radiator.TeamUpdate) (*radiator.Team, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := updateTeam(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update team %d: %w", id, err)
	}
	return t, tx.commit("update team")
}

// DeleteTeam deletes a team without sprints or backlog items, with its
// forum and the memberships in it.
func (db *DB) DeleteTeam(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteTeam(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete team %d: %w", id, err)
	}
	return tx.commit("delete team")
}

const teamSelect = `
	SELECT t.id, t.product_id, t.name, t.description, t.forum_id, f.parent_id, t.board_columns, t.estimate_scale,
		t.definition_of_ready, t.version, t.created_at, t.updated_at
	FROM teams t JOIN forums f ON f.id = t.forum_id`

func scanTeam(s scanner) (*radiator.Team, error) {
	var t radiator.Team
	err := s.Scan(&t.ID, &t.ProductID, &t.Name, &t.Description, &t.ForumID, &t.ParentForumID, listColumn[radiator.BoardColumn]{&t.Columns},
		listColumn[float64]{&t.EstimateScale}, listColumn[string]{&t.DefinitionOfReady}, &t.Version,
		timeColumn{&t.CreatedAt}, timeColumn{&t.UpdatedAt})
	return &t, err
}

func findTeamByID(ctx context.Context, tx *Tx, id int64) (*radiator.Team, error) {
	t, err := scanTeam(tx.QueryRowContext(ctx, teamSelect+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("team", id)
	}
	return t, err
}

func findTeams(ctx context.Context, tx *Tx, f radiator.TeamFilter) ([]*radiator.Team, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
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
	list, err := queryList(ctx, tx, scanTeam, teamSelect+w.String()+` ORDER BY t.id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(t *radiator.Team) string { return radiator.IDCursor(t.ID) })
	return list, next, nil
}

// checkTeamRefs checks what a team refers to: its product, and a parent
// forum above tier 1.
func checkTeamRefs(ctx context.Context, tx *Tx, t *radiator.Team) error {
	if err := checkProductRef(ctx, tx, "product_id", t.ProductID); err != nil {
		return err
	}
	if t.ParentForumID == nil {
		return nil
	}
	parent, err := findForumByID(ctx, tx, *t.ParentForumID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return missingRef("parent_forum_id", "forum", *t.ParentForumID)
	}
	if err != nil {
		return err
	}
	if parent.Tier < 2 {
		return radiator.Invalidf("parent_forum_id", "must be a forum above tier 1, not %s %q", parent.Label(), parent.Name)
	}
	return nil
}

func createTeam(ctx context.Context, tx *Tx, t *radiator.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := checkTeamRefs(ctx, tx, t); err != nil {
		return err
	}
	f := t.Forum()
	if err := insertForum(ctx, tx, f); err != nil {
		return err
	}
	t.ForumID, t.Version, t.CreatedAt, t.UpdatedAt = f.ID, 1, tx.now, tx.now
	b, err := encodeBoard(t)
	if err != nil {
		return err
	}
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO teams (product_id, forum_id, name, description, board_columns, estimate_scale, definition_of_ready,
			version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ProductID, t.ForumID, t.Name, t.Description, b.columns, b.scale, b.ready, t.Version, formatTime(t.CreatedAt), formatTime(t.UpdatedAt)))
	if err != nil {
		return mapError(err)
	}
	t.ID = id
	f.TeamID = &t.ID
	if err := tx.event(ctx, radiator.EntityTeam, t.ID, radiator.ActionCreate, nil, t); err != nil {
		return err
	}
	return tx.event(ctx, radiator.EntityForum, f.ID, radiator.ActionCreate, nil, f)
}

func updateTeam(ctx context.Context, tx *Tx, id int64, upd radiator.TeamUpdate) (*radiator.Team, error) {
	t, err := findTeamByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("team", id, t.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *t
	if err := upd.Apply(t); err != nil {
		return nil, err
	}
	if err := checkTeamRefs(ctx, tx, t); err != nil {
		return nil, err
	}
	if t.ProductID != before.ProductID {
		used, err := exists(ctx, tx, `SELECT 1 FROM backlog_items WHERE team_id = ? AND product_id <> ? LIMIT 1`, id, t.ProductID)
		if err != nil {
			return nil, err
		}
		if used {
			return nil, radiator.Invalidf("product_id", "the team still has backlog items of product %d; move them first", before.ProductID)
		}
	}
	t.Version++
	t.UpdatedAt = tx.now
	b, err := encodeBoard(t)
	if err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE teams SET product_id = ?, name = ?, description = ?, board_columns = ?, estimate_scale = ?, definition_of_ready = ?,
			version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		t.ProductID, t.Name, t.Description, b.columns, b.scale, b.ready, t.Version, formatTime(t.UpdatedAt), id, before.Version)
	if err := updated(res, err, "team", id); err != nil {
		return nil, mapError(err)
	}
	if err := tx.event(ctx, radiator.EntityTeam, id, radiator.ActionUpdate, &before, t); err != nil {
		return nil, err
	}
	return t, followTeam(ctx, tx, t, upd)
}

// followTeam makes the team's forum follow the fields the update changed:
// its name, product and parent.
func followTeam(ctx context.Context, tx *Tx, t *radiator.Team, upd radiator.TeamUpdate) error {
	f, err := findForumByID(ctx, tx, t.ForumID)
	if err != nil {
		return err
	}
	before := *f
	changed := false
	if upd.Name != nil && f.Name != t.Name {
		f.Name, changed = t.Name, true
	}
	if f.ProductID == nil || *f.ProductID != t.ProductID {
		f.ProductID, changed = &t.ProductID, true
	}
	if upd.ParentForumID.Set && !sameID(f.ParentID, t.ParentForumID) {
		f.ParentID, changed = t.ParentForumID, true
	}
	if !changed {
		return nil
	}
	if err := saveForum(ctx, tx, f, before.Version); err != nil {
		return err
	}
	return tx.event(ctx, radiator.EntityForum, f.ID, radiator.ActionUpdate, &before, f)
}

// boardColumns are the column values of a team's board settings.
type boardColumns struct{ columns, scale, ready string }

// encodeBoard returns the column values of the team's board settings, and
// sets its empty lists to nil as a read would give them.
func encodeBoard(t *radiator.Team) (boardColumns, error) {
	t.Columns, t.EstimateScale, t.DefinitionOfReady = emptyAsNil(t.Columns), emptyAsNil(t.EstimateScale), emptyAsNil(t.DefinitionOfReady)
	var b boardColumns
	var err error
	if b.columns, err = listJSON(t.Columns); err != nil {
		return b, err
	}
	if b.scale, err = listJSON(t.EstimateScale); err != nil {
		return b, err
	}
	b.ready, err = listJSON(t.DefinitionOfReady)
	return b, err
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func deleteTeam(ctx context.Context, tx *Tx, id, version int64) error {
	t, err := findTeamByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("team", id, t.Version, version); err != nil {
		return err
	}
	for _, ref := range []struct{ query, what string }{
		{`SELECT 1 FROM sprints WHERE team_id = ? LIMIT 1`, "sprints"},
		{`SELECT 1 FROM backlog_items WHERE team_id = ? LIMIT 1`, "backlog items"},
	} {
		used, err := exists(ctx, tx, ref.query, id)
		if err != nil {
			return err
		}
		if used {
			return stillUsed("The team %s still has %s; move or delete them first.", t.Name, ref.what)
		}
	}
	f, err := findForumByID(ctx, tx, t.ForumID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM teams WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	if err := tx.event(ctx, radiator.EntityTeam, id, radiator.ActionDelete, t, nil); err != nil {
		return err
	}
	return removeForum(ctx, tx, f)
}
