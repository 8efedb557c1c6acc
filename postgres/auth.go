package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// CreateToken stores a new API token.
func (db *DB) CreateToken(ctx context.Context, t *radiator.Token) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := t.Validate(); err != nil {
			return err
		}
		if err := checkRef(ctx, tx, "person_id", "people", "person", t.PersonID); err != nil {
			return err
		}
		t.CreatedAt, t.LastUsedAt = tx.now, nil
		if t.ExpiresAt != nil {
			exp := t.ExpiresAt.UTC().Truncate(time.Microsecond)
			t.ExpiresAt = &exp
		}
		err := tx.QueryRow(ctx, `
			INSERT INTO tokens (person_id, name, hash, expires_at, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			t.PersonID, t.Name, t.Hash, t.ExpiresAt, t.CreatedAt).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		return tx.event(ctx, radiator.EntityToken, t.ID, radiator.ActionCreate, nil, t)
	})
}

// FindTokenByHash returns the unexpired token with the hash and records
// that it was used.
func (db *DB) FindTokenByHash(ctx context.Context, hash string) (*radiator.Token, error) {
	var t *radiator.Token
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		t, err = scanToken(tx.QueryRow(ctx, `
			UPDATE tokens SET last_used_at = $2
			WHERE hash = $1 AND (expires_at IS NULL OR expires_at > $2)
			RETURNING `+tokenColumns, hash, tx.now))
		if err == pgx.ErrNoRows {
			return radiator.Errorf(radiator.ENOTFOUND, "No such token, or it has expired.")
		} else if err != nil {
			return fmt.Errorf("load token: %w", err)
		}
		return nil
	})
	return t, err
}

// FindTokens returns a person's tokens in ID order.
func (db *DB) FindTokens(ctx context.Context, personID int64) ([]*radiator.Token, error) {
	var ts []*radiator.Token
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ts, err = findTokens(ctx, tx, personID)
		return err
	})
	return ts, err
}

// DeleteToken deletes a token.
func (db *DB) DeleteToken(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deleteToken(ctx, tx, id) })
}

const tokenColumns = `id, person_id, name, hash, expires_at, created_at, last_used_at`

func scanToken(row pgx.Row) (*radiator.Token, error) {
	var t radiator.Token
	if err := row.Scan(&t.ID, &t.PersonID, &t.Name, &t.Hash, &t.ExpiresAt, &t.CreatedAt, &t.LastUsedAt); err != nil {
		return nil, err
	}
	t.ExpiresAt, t.LastUsedAt, t.CreatedAt = utc(t.ExpiresAt), utc(t.LastUsedAt), t.CreatedAt.UTC()
	return &t, nil
}

func findTokens(ctx context.Context, tx *Tx, personID int64) ([]*radiator.Token, error) {
	rows, err := tx.Query(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE person_id = $1 ORDER BY id`, personID)
	if err != nil {
		return nil, fmt.Errorf("list tokens of person %d: %w", personID, err)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Token, error) { return scanToken(r) })
	if err != nil {
		return nil, fmt.Errorf("list tokens of person %d: %w", personID, err)
	}
	return ts, nil
}

func deleteToken(ctx context.Context, tx *Tx, id int64) error {
	t, err := scanToken(tx.QueryRow(ctx, `DELETE FROM tokens WHERE id = $1 RETURNING `+tokenColumns, id))
	if err == pgx.ErrNoRows {
		return notFound("token", id)
	} else if err != nil {
		return fmt.Errorf("delete token %d: %w", id, err)
	}
	return tx.event(ctx, radiator.EntityToken, id, radiator.ActionDelete, t, nil)
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *radiator.Session) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if s.Hash == "" {
			return radiator.Invalidf("hash", "is required")
		}
		if s.ExpiresAt.IsZero() {
			return radiator.Invalidf("expires_at", "is required")
		}
		if err := checkRef(ctx, tx, "person_id", "people", "person", s.PersonID); err != nil {
			return err
		}
		s.CreatedAt = tx.now
		s.ExpiresAt = s.ExpiresAt.UTC().Truncate(time.Microsecond)
		err := tx.QueryRow(ctx, `
			INSERT INTO sessions (person_id, hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4) RETURNING id`,
			s.PersonID, s.Hash, s.CreatedAt, s.ExpiresAt).Scan(&s.ID)
		if err != nil {
			return fmt.Errorf("insert session: %w", err)
		}
		return tx.event(ctx, radiator.EntitySession, s.ID, radiator.ActionCreate, nil, s)
	})
}

// FindSessionByHash returns the unexpired session with the hash.
func (db *DB) FindSessionByHash(ctx context.Context, hash string) (*radiator.Session, error) {
	var s *radiator.Session
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		s, err = scanSession(tx.QueryRow(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE hash = $1 AND expires_at > $2`,
			hash, tx.now))
		if err == pgx.ErrNoRows {
			return radiator.Errorf(radiator.ENOTFOUND, "No such session, or it has expired.")
		} else if err != nil {
			return fmt.Errorf("load session: %w", err)
		}
		return nil
	})
	return s, err
}

// DeleteSession deletes a session.
func (db *DB) DeleteSession(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deleteSession(ctx, tx, id) })
}

const sessionColumns = `id, person_id, hash, created_at, expires_at`

func scanSession(row pgx.Row) (*radiator.Session, error) {
	var s radiator.Session
	if err := row.Scan(&s.ID, &s.PersonID, &s.Hash, &s.CreatedAt, &s.ExpiresAt); err != nil {
		return nil, err
	}
	s.CreatedAt, s.ExpiresAt = s.CreatedAt.UTC(), s.ExpiresAt.UTC()
	return &s, nil
}

// personSessions returns all of a person's sessions.
func personSessions(ctx context.Context, tx *Tx, personID int64) ([]*radiator.Session, error) {
	rows, err := tx.Query(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE person_id = $1 ORDER BY id`, personID)
	if err != nil {
		return nil, fmt.Errorf("list sessions of person %d: %w", personID, err)
	}
	ss, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Session, error) { return scanSession(r) })
	if err != nil {
		return nil, fmt.Errorf("list sessions of person %d: %w", personID, err)
	}
	return ss, nil
}

func deleteSession(ctx context.Context, tx *Tx, id int64) error {
	s, err := scanSession(tx.QueryRow(ctx, `DELETE FROM sessions WHERE id = $1 RETURNING `+sessionColumns, id))
	if err == pgx.ErrNoRows {
		return notFound("session", id)
	} else if err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	return tx.event(ctx, radiator.EntitySession, id, radiator.ActionDelete, s, nil)
}
