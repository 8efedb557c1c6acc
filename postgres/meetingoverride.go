package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindMeetingOverrides returns a forum's meeting overrides by ID.
func (db *DB) FindMeetingOverrides(ctx context.Context, forumID int64) ([]*radiator.MeetingOverride, error) {
	var list []*radiator.MeetingOverride
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		if _, err := findForumByID(ctx, tx, forumID, ""); err != nil {
			return err
		}
		list, err = findMeetingOverrides(ctx, tx, forumID, "")
		return err
	})
	return list, err
}

// PutMeetingOverride creates or changes the override of a forum's meeting.
func (db *DB) PutMeetingOverride(ctx context.Context, o *radiator.MeetingOverride) error {
	return db.inTx(ctx, func(tx *Tx) error { return putMeetingOverride(ctx, tx, o) })
}

// DeleteMeetingOverride deletes a meeting override.
func (db *DB) DeleteMeetingOverride(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		list, err := queryMeetingOverrides(ctx, tx, `WHERE id = $1 FOR UPDATE`, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return notFound("meeting override", id)
		}
		if err := checkVersion("meeting override", id, list[0].Version, version); err != nil {
			return err
		}
		return removeMeetingOverride(ctx, tx, list[0])
	})
}

const meetingOverrideColumns = `id, forum_id, uid, cancelled, start_at, end_at, note, sequence, version, created_at, updated_at`

func scanMeetingOverride(row pgx.CollectableRow) (*radiator.MeetingOverride, error) {
	var o radiator.MeetingOverride
	if err := row.Scan(&o.ID, &o.ForumID, &o.UID, &o.Cancelled, &o.Start, &o.End, &o.Note, &o.Sequence, &o.Version,
		&o.CreatedAt, &o.UpdatedAt); err != nil {
		return nil, err
	}
	o.Start, o.End = utc(o.Start), utc(o.End)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, nil
}

func queryMeetingOverrides(ctx context.Context, tx *Tx, cond string, args ...any) ([]*radiator.MeetingOverride, error) {
	rows, err := tx.Query(ctx, `SELECT `+meetingOverrideColumns+` FROM meeting_overrides `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("load meeting overrides: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanMeetingOverride)
	if err != nil {
		return nil, fmt.Errorf("load meeting overrides: %w", err)
	}
	return list, nil
}

func findMeetingOverrides(ctx context.Context, tx *Tx, forumID int64, lock string) ([]*radiator.MeetingOverride, error) {
	return queryMeetingOverrides(ctx, tx, `WHERE forum_id = $1 ORDER BY id `+lock, forumID)
}

// micro returns t cut to the microsecond PostgreSQL keeps, nil for nil.
func micro(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

func putMeetingOverride(ctx context.Context, tx *Tx, o *radiator.MeetingOverride) error {
	if err := o.Validate(); err != nil {
		return err
	}
	ok, err := tx.exists(ctx, `SELECT 1 FROM forums WHERE id = $1 FOR KEY SHARE`, o.ForumID)
	if err != nil {
		return fmt.Errorf("look up forum %d: %w", o.ForumID, err)
	}
	if !ok {
		return radiator.Invalidf("forum_id", "there is no forum %d", o.ForumID)
	}
	o.Start, o.End = micro(o.Start), micro(o.End)
	// Concurrent first overrides of one meeting take turns on the
	// transaction lock of its forum and UID, so the second one updates.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, o.UID, o.ForumID); err != nil {
		return fmt.Errorf("lock meeting %s: %w", o.UID, err)
	}
	list, err := queryMeetingOverrides(ctx, tx, `WHERE forum_id = $1 AND uid = $2 FOR UPDATE`, o.ForumID, o.UID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		o.Sequence, o.Version, o.CreatedAt, o.UpdatedAt = 1, 1, tx.now, tx.now
		err := tx.QueryRow(ctx, `
			INSERT INTO meeting_overrides (forum_id, uid, cancelled, start_at, end_at, note, sequence, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			o.ForumID, o.UID, o.Cancelled, o.Start, o.End, o.Note, o.Sequence, o.Version, o.CreatedAt, o.UpdatedAt).Scan(&o.ID)
		if err != nil {
			return fmt.Errorf("insert meeting override: %w", err)
		}
		return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionCreate, nil, o)
	}
	old := list[0]
	if o.Version != old.Version {
		return radiator.Errorf(radiator.ECONFLICT,
			"Meeting override %d was changed by someone else since you read it (it is at version %d, you read %d); reload and try again.",
			old.ID, old.Version, o.Version)
	}
	o.ID, o.CreatedAt, o.UpdatedAt = old.ID, old.CreatedAt, tx.now
	o.Sequence, o.Version = old.Sequence+1, old.Version+1
	if _, err := tx.Exec(ctx, `
		UPDATE meeting_overrides SET cancelled = $1, start_at = $2, end_at = $3, note = $4, sequence = $5, version = $6, updated_at = $7
		WHERE id = $8`,
		o.Cancelled, o.Start, o.End, o.Note, o.Sequence, o.Version, o.UpdatedAt, o.ID); err != nil {
		return fmt.Errorf("update meeting override %d: %w", o.ID, err)
	}
	return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionUpdate, old, o)
}

// removeMeetingOverride deletes an override with its event.
func removeMeetingOverride(ctx context.Context, tx *Tx, o *radiator.MeetingOverride) error {
	if _, err := tx.Exec(ctx, `DELETE FROM meeting_overrides WHERE id = $1`, o.ID); err != nil {
		return fmt.Errorf("delete meeting override %d: %w", o.ID, err)
	}
	return tx.event(ctx, radiator.EntityMeetingOverride, o.ID, radiator.ActionDelete, o, nil)
}

// removeMeetingOverrides deletes a forum's overrides, each with its event,
// before the forum goes.
func removeMeetingOverrides(ctx context.Context, tx *Tx, forumID int64) error {
	list, err := findMeetingOverrides(ctx, tx, forumID, "FOR UPDATE")
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
