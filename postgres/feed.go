package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// CreateFeedSecret stores a feed secret in place of its owner's last one.
func (db *DB) CreateFeedSecret(ctx context.Context, s *radiator.FeedSecret) error {
	return db.inTx(ctx, func(tx *Tx) error { return createFeedSecret(ctx, tx, s) })
}

// FindFeedSecretByHash returns the feed secret of a hash.
func (db *DB) FindFeedSecretByHash(ctx context.Context, hash string) (*radiator.FeedSecret, error) {
	var s *radiator.FeedSecret
	err := db.inTx(ctx, func(tx *Tx) error {
		list, err := queryFeedSecrets(ctx, tx, `WHERE hash = $1`, hash)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return radiator.Errorf(radiator.ENOTFOUND, "No such feed.")
		}
		s = list[0]
		return nil
	})
	return s, err
}

func scanFeedSecret(row pgx.CollectableRow) (*radiator.FeedSecret, error) {
	var s radiator.FeedSecret
	if err := row.Scan(&s.ID, &s.ForumID, &s.PersonID, &s.Hash, &s.CreatedAt); err != nil {
		return nil, err
	}
	s.CreatedAt = s.CreatedAt.UTC()
	return &s, nil
}

func queryFeedSecrets(ctx context.Context, tx *Tx, cond string, args ...any) ([]*radiator.FeedSecret, error) {
	rows, err := tx.Query(ctx, `SELECT id, forum_id, person_id, hash, created_at FROM feed_secrets `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("load feed secrets: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanFeedSecret)
	if err != nil {
		return nil, fmt.Errorf("load feed secrets: %w", err)
	}
	return list, nil
}

func createFeedSecret(ctx context.Context, tx *Tx, s *radiator.FeedSecret) error {
	if err := s.Validate(); err != nil {
		return err
	}
	column, table, what, owner := "forum_id", "forums", "forum", s.ForumID
	if s.PersonID != nil {
		column, table, what, owner = "person_id", "people", "person", s.PersonID
	}
	// The owner's row lock makes concurrent creates take turns.
	ok, err := tx.exists(ctx, `SELECT 1 FROM `+table+` WHERE id = $1 FOR UPDATE`, *owner)
	if err != nil {
		return fmt.Errorf("look up %s %d: %w", what, *owner, err)
	}
	if !ok {
		return radiator.Invalidf(column, "there is no %s %d", what, *owner)
	}
	if err := removeFeedSecrets(ctx, tx, column, *owner); err != nil {
		return err
	}
	s.CreatedAt = tx.now
	if err := tx.QueryRow(ctx, `INSERT INTO feed_secrets (forum_id, person_id, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		s.ForumID, s.PersonID, s.Hash, s.CreatedAt).Scan(&s.ID); err != nil {
		return fmt.Errorf("insert feed secret: %w", err)
	}
	return tx.event(ctx, radiator.EntityFeedSecret, s.ID, radiator.ActionCreate, nil, s)
}

// removeFeedSecrets deletes the feed secret of a forum or person (column
// forum_id or person_id), with its event.
func removeFeedSecrets(ctx context.Context, tx *Tx, column string, owner int64) error {
	list, err := queryFeedSecrets(ctx, tx, `WHERE `+column+` = $1 ORDER BY id FOR UPDATE`, owner)
	if err != nil {
		return err
	}
	for _, s := range list {
		if _, err := tx.Exec(ctx, `DELETE FROM feed_secrets WHERE id = $1`, s.ID); err != nil {
			return fmt.Errorf("delete feed secret %d: %w", s.ID, err)
		}
		if err := tx.event(ctx, radiator.EntityFeedSecret, s.ID, radiator.ActionDelete, s, nil); err != nil {
			return err
		}
	}
	return nil
}
