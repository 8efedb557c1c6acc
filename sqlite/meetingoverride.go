package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// FindMeetingOverrides returns a forum's meeting overrides by ID.
func (db *DB) FindMeetingOverrides(ctx context.Context, forumID int64) ([]*radiator.MeetingOverride, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findForumByID(ctx, tx, forumID); err != nil {
		return nil, fmt.Errorf("find meeting overrides: %w", err)
	}
	list, err := queryList(ctx, tx, scanMeetingOverride,
		`SELECT `+meetingOverrideColumns+` FROM meeting_overrides WHERE forum_id = ? ORDER BY id`, forumID)
	if err != nil {
		return nil, fmt.Errorf("find meeting overrides of forum %d: %w", forumID, err)
	}
	return list, nil
}

// PutMeetingOverride creates or changes the override of a forum's meeting.
func (db *DB) PutMeetingOverride(ctx context.Context, o *radiator.MeetingOverride) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := putMeetingOverride(ctx, tx, o); err != nil {
		return fmt.Errorf("put meeting override: %w", err)
	}
	return tx.commit("put meeting override")
}

// DeleteMeetingOverride deletes a meeting override.
func (db *DB) DeleteMeetingOverride(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	o, err := scanMeetingOverride(tx.QueryRowContext(ctx, `SELECT `+meetingOverrideColumns+` FROM meeting_overrides WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("meeting override", id)
	}
	if err != nil {
		return fmt.Errorf("delete meeting override %d: %w", id, err)
	}
	if err := checkVersion("meeting override", id, o.Version, version); err != nil {
		return err
	}
	if err := removeMeetingOverride(ctx, tx, o); err != nil {
		return fmt.Errorf("delete meeting override %d: %w", id, err)
	}
	return tx.commit("delete meeting override")
}

const meetingOverrideColumns = `id, forum_id, uid, cancelled, start_at, end_at, note, sequence, version, created_at, updated_at`

func scanMeetingOverride(s scanner) (*radiator.MeetingOverride, error) {
	var o radiator.MeetingOverride
	err := s.Scan(&o.ID, &o.ForumID, &o.UID, &o.Cancelled, nullTimeColumn{&o.Start}, nullTimeColumn{&o.End}, &o.Note,
		&o.Sequence, &o.Version, timeColumn{&o.CreatedAt}, timeColumn{&o.UpdatedAt})
	return &o, err
}

func putMeetingOverride(ctx context.Context, tx *Tx, o *radiator.MeetingOverride) error {
	if err := o.Validate(); err != nil {
		return err
	}
	ok, err := exists(ctx, tx, `SELECT 1 FROM forums WHERE id = ?`, o.ForumID)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef("forum_id", "forum", o.ForumID)
	}
	old, err := scanMeetingOverride(tx.QueryRowContext(ctx,
		`SELECT `+meetingOverrideColumns+` FROM meeting_overrides WHERE forum_id = ? AND uid = ?`, o.ForumID, o.UID))
	if errors.Is(err, sql.ErrNoRows) {
		o.Sequence, o.Version, o.CreatedAt, o.UpdatedAt = 1, 1, tx.now, tx.now
		id, err := lastID(tx.ExecContext(ctx, `
			INSERT INTO meeting_overrides (forum_id, uid, cancelled, start_at, end_at, note, sequence, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.ForumID, o.UID, boolInt(o.Cancelled), nullTime(o.Start), nullTime(o.End), o.Note, o.Sequence, o.Version,
			formatTime(o.CreatedAt), formatTime(o.UpdatedAt)))
		if err != nil {
			return mapError(err)
		}
		o.ID = id
		return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionCreate, nil, o)
	}
	if err != nil {
		return err
	}
	if o.Version != old.Version {
		return stale("meeting override", old.ID, old.Version, o.Version)
	}
	o.ID, o.CreatedAt, o.UpdatedAt = old.ID, old.CreatedAt, tx.now
	o.Sequence, o.Version = old.Sequence+1, old.Version+1
	res, err := tx.ExecContext(ctx, `
		UPDATE meeting_overrides SET cancelled = ?, start_at = ?, end_at = ?, note = ?, sequence = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		boolInt(o.Cancelled), nullTime(o.Start), nullTime(o.End), o.Note, o.Sequence, o.Version, formatTime(o.UpdatedAt),
		o.ID, old.Version)
	if err := updated(res, err, "meeting override", o.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionUpdate, old, o)
}

// removeMeetingOverride deletes an override with its event.
func removeMeetingOverride(ctx context.Context, tx *Tx, o *radiator.MeetingOverride) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_overrides WHERE id = ?`, o.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionDelete, o, nil)
}

// removeMeetingOverrides deletes a forum's overrides, each with its event,
// before the forum goes.
func removeMeetingOverrides(ctx context.Context, tx *Tx, forumID int64) error {
	list, err := queryList(ctx, tx, scanMeetingOverride,
		`SELECT `+meetingOverrideColumns+` FROM meeting_overrides WHERE forum_id = ? ORDER BY id`, forumID)
	if err != nil {
		return err
	}
	for _, o := range list {
		if err := removeMeetingOverride(ctx, tx, o); err != nil {
			return err
		}
	}
	return nil
}
