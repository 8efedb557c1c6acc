package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindPersonByID returns a person.
func (db *DB) FindPersonByID(ctx context.Context, id int64) (*radiator.Person, error) {
	var p *radiator.Person
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		p, err = findPersonByID(ctx, tx, id, "")
		return err
	})
	return p, err
}

// FindPersonByEmail returns the person with an e-mail address, in any case.
func (db *DB) FindPersonByEmail(ctx context.Context, email string) (*radiator.Person, error) {
	var p *radiator.Person
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		p, err = scanPerson(tx.QueryRow(ctx, `SELECT `+personColumns+` FROM people WHERE email = $1`, strings.ToLower(email)))
		if err == pgx.ErrNoRows {
			return radiator.Errorf(radiator.ENOTFOUND, "No person with the e-mail address %s.", email)
		} else if err != nil {
			return fmt.Errorf("load person by e-mail: %w", err)
		}
		return nil
	})
	return p, err
}

// FindPeople returns people in ID order.
func (db *DB) FindPeople(ctx context.Context, f radiator.PersonFilter) ([]*radiator.Person, string, error) {
	var ps []*radiator.Person
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ps, next, err = findPeople(ctx, tx, f)
		return err
	})
	return ps, next, err
}

// CreatePerson creates a person.
func (db *DB) CreatePerson(ctx context.Context, p *radiator.Person) error {
	return db.inTx(ctx, func(tx *Tx) error { return createPerson(ctx, tx, p) })
}

// UpdatePerson changes a person.
func (db *DB) UpdatePerson(ctx context.Context, id int64, upd radiator.PersonUpdate) (*radiator.Person, error) {
	var p *radiator.Person
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		p, err = updatePerson(ctx, tx, id, upd)
		return err
	})
	return p, err
}

// DeletePerson deletes a person with their memberships, tokens and
// sessions, and clears their assignments.
func (db *DB) DeletePerson(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deletePerson(ctx, tx, id, version) })
}

// SetPasswordHash stores a person's password hash. The event records that
// the password changed, never the hash.
func (db *DB) SetPasswordHash(ctx context.Context, personID int64, hash string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if hash == "" {
			return radiator.Invalidf("hash", "is required")
		}
		var old string
		err := tx.QueryRow(ctx, `SELECT password_hash FROM people WHERE id = $1 FOR UPDATE`, personID).Scan(&old)
		if err == pgx.ErrNoRows {
			return notFound("person", personID)
		} else if err != nil {
			return fmt.Errorf("load person %d: %w", personID, err)
		}
		if _, err := tx.Exec(ctx, `UPDATE people SET password_hash = $1 WHERE id = $2`, hash, personID); err != nil {
			return fmt.Errorf("set password of person %d: %w", personID, err)
		}
		before := passwordState{Password: "none"}
		if old != "" {
			before.Password = "set"
		}
		return tx.event(ctx, radiator.EntityPerson, personID, radiator.ActionUpdate, before, passwordState{Password: "changed"})
	})
}

// passwordState is what a password event records instead of the hash:
// whether there was one before, and that it changed.
type passwordState struct {
	Password string `json:"password"`
}

// FindPasswordHash returns a person's password hash, "" if none.
func (db *DB) FindPasswordHash(ctx context.Context, personID int64) (string, error) {
	var hash string
	err := db.inTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT password_hash FROM people WHERE id = $1`, personID).Scan(&hash)
		if err == pgx.ErrNoRows {
			return notFound("person", personID)
		} else if err != nil {
			return fmt.Errorf("load password of person %d: %w", personID, err)
		}
		return nil
	})
	return hash, err
}

const personColumns = `id, name, email, active, admin, version, created_at, updated_at`

func scanPerson(row pgx.Row) (*radiator.Person, error) {
	var p radiator.Person
	if err := row.Scan(&p.ID, &p.Name, &p.Email, &p.Active, &p.Admin, &p.Version, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func findPersonByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Person, error) {
	p, err := scanPerson(tx.QueryRow(ctx, `SELECT `+personColumns+` FROM people WHERE id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("person", id)
	} else if err != nil {
		return nil, fmt.Errorf("load person %d: %w", id, err)
	}
	return p, nil
}

func findPeople(ctx context.Context, tx *Tx, f radiator.PersonFilter) ([]*radiator.Person, string, error) {
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
	if f.Email != "" {
		w.add("email = ?", strings.ToLower(f.Email))
	}
	if f.ForumID != 0 {
		w.add("EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = people.id AND m.forum_id = ?)", f.ForumID)
	}
	rows, err := tx.Query(ctx, `SELECT `+personColumns+` FROM people `+w.sql()+` ORDER BY id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list people: %w", err)
	}
	ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Person, error) { return scanPerson(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list people: %w", err)
	}
	ps, next := page(ps, n, func(p *radiator.Person) string { return radiator.IDCursor(p.ID) })
	return ps, next, nil
}

// checkEmail refuses an e-mail address another person has.
func checkEmail(ctx context.Context, tx *Tx, p *radiator.Person) error {
	taken, err := tx.exists(ctx, `SELECT 1 FROM people WHERE email = $1 AND id <> $2`, p.Email, p.ID)
	if err != nil {
		return fmt.Errorf("check e-mail address: %w", err)
	}
	if taken {
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "email", Message: fmt.Sprintf("Someone else has the e-mail address %s.", p.Email)}
	}
	return nil
}

func createPerson(ctx context.Context, tx *Tx, p *radiator.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkEmail(ctx, tx, p); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO people (name, email, active, admin, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		p.Name, p.Email, p.Active, p.Admin, p.Version, p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert person: %w", err)
	}
	return tx.event(ctx, radiator.EntityPerson, p.ID, radiator.ActionCreate, nil, p)
}

func updatePerson(ctx context.Context, tx *Tx, id int64, upd radiator.PersonUpdate) (*radiator.Person, error) {
	p, err := findPersonByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("person", id, p.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *p
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	if err := checkEmail(ctx, tx, p); err != nil {
		return nil, err
	}
	p.Version++
	p.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `
		UPDATE people SET name = $1, email = $2, active = $3, admin = $4, version = $5, updated_at = $6
		WHERE id = $7`,
		p.Name, p.Email, p.Active, p.Admin, p.Version, p.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update person %d: %w", id, err)
	}
	return p, tx.event(ctx, radiator.EntityPerson, id, radiator.ActionUpdate, &before, p)
}

func deletePerson(ctx context.Context, tx *Tx, id, version int64) error {
	// Lock the person's items before the person, in the order an item
	// change locks them, so that the two wait rather than deadlock.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM backlog_items WHERE assignee_id = $1 ORDER BY id FOR UPDATE`, id); err != nil {
		return fmt.Errorf("lock the work of person %d: %w", id, err)
	}
	p, err := findPersonByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return err
	}
	if err := checkVersion("person", id, p.Version, version); err != nil {
		return err
	}
	ms, err := lockMemberships(ctx, tx, "person_id", id)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := removeMembership(ctx, tx, m); err != nil {
			return err
		}
	}
	if err := unassign(ctx, tx, id); err != nil {
		return err
	}
	tokens, err := findTokens(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if err := deleteToken(ctx, tx, t.ID); err != nil {
			return err
		}
	}
	if err := removeFeedSecrets(ctx, tx, "person_id", id); err != nil {
		return err
	}
	sessions, err := personSessions(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		if err := deleteSession(ctx, tx, s.ID); err != nil {
			return err
		}
	}
	if err := clearReadinessOwners(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM people WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete person %d: %w", id, err)
	}
	return tx.event(ctx, radiator.EntityPerson, id, radiator.ActionDelete, p, nil)
}

// unassign clears a person's assignments, writing an event for each item.
func unassign(ctx context.Context, tx *Tx, personID int64) error {
	rows, err := tx.Query(ctx, `SELECT `+itemColumns+` FROM backlog_items WHERE assignee_id = $1 ORDER BY id FOR UPDATE`, personID)
	if err != nil {
		return fmt.Errorf("load the work of person %d: %w", personID, err)
	}
	its, err := collectBacklogItems(rows)
	if err != nil {
		return fmt.Errorf("load the work of person %d: %w", personID, err)
	}
	changes := make([]itemChange, len(its))
	for i, it := range its {
		before := *it
		it.AssigneeID = nil
		changes[i] = itemChange{&before, it}
	}
	return saveBacklogItems(ctx, tx, changes)
}
