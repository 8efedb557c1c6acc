package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// CreateFeedSecret stores a feed secret in place of its owner's last one.
func (db *DB) CreateFeedSecret(ctx context.Context, s *radiator.FeedSecret) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createFeedSecret(ctx, tx, s); err != nil {
		return fmt.Errorf("create feed secret: %w", err)
	}
	return tx.commit("create feed secret")
}

// FindFeedSecretByHash returns the feed secret of a hash.
func (db *DB) FindFeedSecretByHash(ctx context.Context, hash string) (*radiator.FeedSecret, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := scanFeedSecret(tx.QueryRowContext(ctx, `SELECT `+feedSecretColumns+` FROM feed_secrets WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No such feed.")
	}
	if err != nil {
		return nil, fmt.Errorf("find feed secret: %w", err)
	}
	return s, nil
}

const feedSecretColumns = `id, forum_id, person_id, hash, created_at`

func scanFeedSecret(s scanner) (*radiator.FeedSecret, error) {
	var f radiator.FeedSecret
	err := s.Scan(&f.ID, &f.ForumID, &f.PersonID, &f.Hash, timeColumn{&f.CreatedAt})
	return &f, err
}

func createFeedSecret(ctx context.Context, tx *Tx, s *radiator.FeedSecret) error {
	if err := s.Validate(); err != nil {
		return err
	}
	column, table, what, owner := "forum_id", "forums", "forum", s.ForumID
	if s.PersonID != nil {
		column, table, what, owner = "person_id", "people", "person", s.PersonID
	}
	ok, err := exists(ctx, tx, `SELECT 1 FROM `+table+` WHERE id = ?`, *owner)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef(column, what, *owner)
	}
	if err := removeFeedSecrets(ctx, tx, column, *owner); err != nil {
		return err
	}
	s.CreatedAt = tx.now
	id, err := lastID(tx.ExecContext(ctx, `INSERT INTO feed_secrets (forum_id, person_id, hash, created_at) VALUES (?, ?, ?, ?)`,
		s.ForumID, s.PersonID, s.Hash, formatTime(s.CreatedAt)))
	if err != nil {
		return mapError(err)
	}
	s.ID = id
	return tx.event(ctx, radiator.EntityFeedSecret, s.ID, radiator.ActionCreate, nil, s)
}

// removeFeedSecrets deletes the feed secret of a forum or person (column
// forum_id or person_id), with its event.
func removeFeedSecrets(ctx context.Context, tx *Tx, column string, owner int64) error {
	list, err := queryList(ctx, tx, scanFeedSecret, `SELECT `+feedSecretColumns+` FROM feed_secrets WHERE `+column+` = ? ORDER BY id`, owner)
	if err != nil {
		return err
	}
	for _, s := range list {
		if _, err := tx.ExecContext(ctx, `DELETE FROM feed_secrets WHERE id = ?`, s.ID); err != nil {
			return mapError(err)
		}
		if err := tx.event(ctx, radiator.EntityFeedSecret, s.ID, radiator.ActionDelete, s, nil); err != nil {
			return err
		}
	}
	return nil
}
