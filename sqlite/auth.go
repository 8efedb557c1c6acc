package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// CreateToken stores a new API token.
func (db *DB) CreateToken(ctx context.Context, t *radiator.Token) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createToken(ctx, tx, t); err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	return tx.commit("create token")
}

// FindTokenByHash returns the unexpired token with the hash and records
// that it was used. Using a token is not a change, so it writes no event.
func (db *DB) FindTokenByHash(ctx context.Context, hash string) (*radiator.Token, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := useToken(ctx, tx, hash)
	if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	return t, tx.commit("find token")
}

// FindTokens lists a person's tokens in ID order.
func (db *DB) FindTokens(ctx context.Context, personID int64) ([]*radiator.Token, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findTokens(ctx, tx, personID)
	if err != nil {
		return nil, fmt.Errorf("find tokens of person %d: %w", personID, err)
	}
	return list, nil
}

// DeleteToken deletes a token.
func (db *DB) DeleteToken(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("token", id)
	}
	if err != nil {
		return fmt.Errorf("delete token %d: %w", id, err)
	}
	if err := removeToken(ctx, tx, t); err != nil {
		return fmt.Errorf("delete token %d: %w", id, err)
	}
	return tx.commit("delete token")
}

const tokenColumns = `id, person_id, name, hash, expires_at, created_at, last_used_at`

func scanToken(s scanner) (*radiator.Token, error) {
	var t radiator.Token
	err := s.Scan(&t.ID, &t.PersonID, &t.Name, &t.Hash, nullTimeColumn{&t.ExpiresAt}, timeColumn{&t.CreatedAt},
		nullTimeColumn{&t.LastUsedAt})
	return &t, err
}

func findTokens(ctx context.Context, tx *Tx, personID int64) ([]*radiator.Token, error) {
	return queryList(ctx, tx, scanToken, `SELECT `+tokenColumns+` FROM tokens WHERE person_id = ? ORDER BY id`, personID)
}

func createToken(ctx context.Context, tx *Tx, t *radiator.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if err := checkPersonRef(ctx, tx, "person_id", t.PersonID); err != nil {
		return err
	}
	t.CreatedAt, t.LastUsedAt = tx.now, nil
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO tokens (person_id, name, hash, expires_at, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, NULL)`,
		t.PersonID, t.Name, t.Hash, nullTime(t.ExpiresAt), formatTime(t.CreatedAt)))
	if err != nil {
		return duplicate(err, "hash", "That token exists already.")
	}
	t.ID = id
	return tx.event(ctx, radiator.EntityToken, t.ID, radiator.ActionCreate, nil, t)
}

func useToken(ctx context.Context, tx *Tx, hash string) (*radiator.Token, error) {
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.Expired(tx.now)) {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No such token, or it has expired.")
	}
	if err != nil {
		return nil, err
	}
	used := tx.now
	t.LastUsedAt = &used
	if _, err := tx.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ?`, formatTime(used), t.ID); err != nil {
		return nil, err
	}
	return t, nil
}

// removeToken deletes a token and writes its event.
func removeToken(ctx context.Context, tx *Tx, t *radiator.Token) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE id = ?`, t.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityToken, t.ID, radiator.ActionDelete, t, nil)
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *radiator.Session) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createSession(ctx, tx, s); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return tx.commit("create session")
}

// FindSessionByHash returns the unexpired session with the hash.
func (db *DB) FindSessionByHash(ctx context.Context, hash string) (*radiator.Session, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && s.Expired(tx.now)) {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No such session, or it has expired.")
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return s, nil
}

// DeleteSession deletes a session.
func (db *DB) DeleteSession(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("session", id)
	}
	if err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	if err := removeSession(ctx, tx, s); err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	return tx.commit("delete session")
}

const sessionColumns = `id, person_id, hash, created_at, expires_at`

func scanSession(s scanner) (*radiator.Session, error) {
	var se radiator.Session
	err := s.Scan(&se.ID, &se.PersonID, &se.Hash, timeColumn{&se.CreatedAt}, timeColumn{&se.ExpiresAt})
	return &se, err
}

func createSession(ctx context.Context, tx *Tx, s *radiator.Session) error {
	if s.PersonID <= 0 {
		return radiator.Invalidf("person_id", "is required")
	}
	if s.Hash == "" {
		return radiator.Invalidf("hash", "is required")
	}
	if s.ExpiresAt.IsZero() {
		return radiator.Invalidf("expires_at", "is required")
	}
	if err := checkPersonRef(ctx, tx, "person_id", s.PersonID); err != nil {
		return err
	}
	s.CreatedAt = tx.now
	id, err := lastID(tx.ExecContext(ctx, `INSERT INTO sessions (person_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		s.PersonID, s.Hash, formatTime(s.CreatedAt), formatTime(s.ExpiresAt)))
	if err != nil {
		return duplicate(err, "hash", "That session exists already.")
	}
	s.ID = id
	return tx.event(ctx, radiator.EntitySession, s.ID, radiator.ActionCreate, nil, s)
}

// removeSession deletes a session and writes its event.
func removeSession(ctx context.Context, tx *Tx, s *radiator.Session) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, s.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntitySession, s.ID, radiator.ActionDelete, s, nil)
}

// FindEvents lists events in ID order.
func (db *DB) FindEvents(ctx context.Context, f radiator.EventFilter) ([]*radiator.Event, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findEvents(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find events: %w", err)
	}
	return list, next, nil
}

func scanEvent(s scanner) (*radiator.Event, error) {
	var e radiator.Event
	err := s.Scan(&e.ID, timeColumn{&e.At}, &e.ActorID, &e.ActorName, &e.EntityKind, &e.EntityID, &e.Action,
		rawJSONColumn{&e.Before}, rawJSONColumn{&e.After})
	return &e, err
}

func findEvents(ctx context.Context, tx *Tx, f radiator.EventFilter) ([]*radiator.Event, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	w.add("id > ?", after)
	if f.EntityKind != "" {
		w.add("entity_kind = ?", f.EntityKind)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", formatTime(f.Until))
	}
	list, err := queryList(ctx, tx, scanEvent, `
		SELECT id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after FROM events`+w.String()+`
		ORDER BY id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(e *radiator.Event) string { return radiator.IDCursor(e.ID) })
	return list, next, nil
}
