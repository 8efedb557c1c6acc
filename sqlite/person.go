package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/radiator-hq/radiator"
)

// FindPersonByID returns one person.
func (db *DB) FindPersonByID(ctx context.Context, id int64) (*radiator.Person, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findPersonByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find person %d: %w", id, err)
	}
	return p, nil
}

// FindPersonByEmail returns the person with an e-mail address, in any case.
func (db *DB) FindPersonByEmail(ctx context.Context, email string) (*radiator.Person, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE email = ?`, strings.ToLower(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No person with the e-mail address %s.", email)
	}
	if err != nil {
		return nil, fmt.Errorf("find person by email: %w", err)
	}
	return p, nil
}

// FindPeople lists people in ID order.
func (db *DB) FindPeople(ctx context.Context, f radiator.PersonFilter) ([]*radiator.Person, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findPeople(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find people: %w", err)
	}
	return list, next, nil
}

// CreatePerson creates a person.
func (db *DB) CreatePerson(ctx context.Context, p *radiator.Person) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createPerson(ctx, tx, p); err != nil {
		return fmt.Errorf("create person: %w", err)
	}
	return tx.commit("create person")
}

// UpdatePerson changes a person.
func (db *DB) UpdatePerson(ctx context.Context, id int64, upd radiator.PersonUpdate) (*radiator.Person, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := updatePerson(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update person %d: %w", id, err)
	}
	return p, tx.commit("update person")
}

// DeletePerson deletes a person with their memberships, tokens and
// sessions.
func (db *DB) DeletePerson(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deletePerson(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete person %d: %w", id, err)
	}
	return tx.commit("delete person")
}

// SetPasswordHash stores a person's password hash. Its event says that the
// password changed, never what it is.
func (db *DB) SetPasswordHash(ctx context.Context, personID int64, hash string) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setPasswordHash(ctx, tx, personID, hash); err != nil {
		return fmt.Errorf("set password of person %d: %w", personID, err)
	}
	return tx.commit("set password")
}

// FindPasswordHash returns a person's password hash, "" if none.
func (db *DB) FindPasswordHash(ctx context.Context, personID int64) (string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	hash, err := findPasswordHash(ctx, tx, personID)
	if err != nil {
		return "", fmt.Errorf("find password of person %d: %w", personID, err)
	}
	return hash, nil
}

const personColumns = `id, name, email, active, admin, version, created_at, updated_at`

func scanPerson(s scanner) (*radiator.Person, error) {
	var p radiator.Person
	err := s.Scan(&p.ID, &p.Name, &p.Email, &p.Active, &p.Admin, &p.Version, timeColumn{&p.CreatedAt}, timeColumn{&p.UpdatedAt})
	return &p, err
}

func findPersonByID(ctx context.Context, tx *Tx, id int64) (*radiator.Person, error) {
	p, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person", id)
	}
	return p, err
}

func findPeople(ctx context.Context, tx *Tx, f radiator.PersonFilter) ([]*radiator.Person, string, error) {
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
	if f.Email != "" {
		w.add("email = ?", strings.ToLower(f.Email))
	}
	if f.ForumID != 0 {
		w.add("EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = people.id AND m.forum_id = ?)", f.ForumID)
	}
	list, err := queryList(ctx, tx, scanPerson, `SELECT `+personColumns+` FROM people`+w.String()+` ORDER BY id LIMIT ?`,
		append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(p *radiator.Person) string { return radiator.IDCursor(p.ID) })
	return list, next, nil
}

// checkPersonRef checks that a referenced person exists.
func checkPersonRef(ctx context.Context, tx *Tx, field string, id int64) error {
	ok, err := exists(ctx, tx, `SELECT 1 FROM people WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef(field, "person", id)
	}
	return nil
}

func createPerson(ctx context.Context, tx *Tx, p *radiator.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO people (name, email, active, admin, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		p.Name, p.Email, boolInt(p.Active), boolInt(p.Admin), p.Version, formatTime(p.CreatedAt), formatTime(p.UpdatedAt)))
	if err != nil {
		return duplicate(err, "email", "Someone with the e-mail address %s already exists.", p.Email)
	}
	p.ID = id
	return tx.event(ctx, radiator.EntityPerson, p.ID, radiator.ActionCreate, nil, p)
}

func updatePerson(ctx context.Context, tx *Tx, id int64, upd radiator.PersonUpdate) (*radiator.Person, error) {
	p, err := findPersonByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("person", id, p.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *p
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	p.Version++
	p.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE people SET name = ?, email = ?, active = ?, admin = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		p.Name, p.Email, boolInt(p.Active), boolInt(p.Admin), p.Version, formatTime(p.UpdatedAt), id, before.Version)
	if err := updated(res, err, "person", id); err != nil {
		return nil, duplicate(err, "email", "Someone with the e-mail address %s already exists.", p.Email)
	}
	return p, tx.event(ctx, radiator.EntityPerson, id, radiator.ActionUpdate, &before, p)
}

func deletePerson(ctx context.Context, tx *Tx, id, version int64) error {
	p, err := findPersonByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("person", id, p.Version, version); err != nil {
		return err
	}
	ms, err := queryList(ctx, tx, scanMembership, `SELECT `+membershipColumns+` FROM memberships WHERE person_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := removeMembership(ctx, tx, m); err != nil {
			return err
		}
	}
	tokens, err := findTokens(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if err := removeToken(ctx, tx, t); err != nil {
			return err
		}
	}
	if err := removeFeedSecrets(ctx, tx, "person_id", id); err != nil {
		return err
	}
	sessions, err := queryList(ctx, tx, scanSession, `SELECT `+sessionColumns+` FROM sessions WHERE person_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	for _, s := range sessions {
		if err := removeSession(ctx, tx, s); err != nil {
			return err
		}
	}
	if err := clearAssignments(ctx, tx, id); err != nil {
		return err
	}
	if err := clearReadinessOwners(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM people WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityPerson, id, radiator.ActionDelete, p, nil)
}

// passwordState is what a password event records instead of the hash.
type passwordState struct {
	Password string `json:"password"`
}

func setPasswordHash(ctx context.Context, tx *Tx, id int64, hash string) error {
	if hash == "" {
		return radiator.Invalidf("hash", "is required")
	}
	old, err := findPasswordHash(ctx, tx, id)
	if err != nil {
		return err
	}
	before := passwordState{Password: "none"}
	if old != "" {
		before.Password = "set"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE people SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityPerson, id, radiator.ActionUpdate, before, passwordState{Password: "changed"})
}

func findPasswordHash(ctx context.Context, tx *Tx, id int64) (string, error) {
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT password_hash FROM people WHERE id = ?`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("person", id)
	}
	return hash, err
}

// FindMembershipByID returns one membership.
func (db *DB) FindMembershipByID(ctx context.Context, id int64) (*radiator.Membership, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findMembershipByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find membership %d: %w", id, err)
	}
	return m, nil
}

// FindMemberships lists memberships in ID order.
func (db *DB) FindMemberships(ctx context.Context, f radiator.MembershipFilter) ([]*radiator.Membership, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findMemberships(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find memberships: %w", err)
	}
	return list, next, nil
}

// CreateMembership places a person in a forum with a role.
func (db *DB) CreateMembership(ctx context.Context, m *radiator.Membership) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createMembership(ctx, tx, m); err != nil {
		return fmt.Errorf("create membership: %w", err)
	}
	return tx.commit("create membership")
}

// UpdateMembership changes a membership's role.
func (db *DB) UpdateMembership(ctx context.Context, id int64, upd radiator.MembershipUpdate) (*radiator.Membership, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := updateMembership(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update membership %d: %w", id, err)
	}
	return m, tx.commit("update membership")
}

// DeleteMembership deletes a membership.
func (db *DB) DeleteMembership(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteMembership(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete membership %d: %w", id, err)
	}
	return tx.commit("delete membership")
}

const membershipColumns = `id, person_id, forum_id, role, version, created_at, updated_at`

func scanMembership(s scanner) (*radiator.Membership, error) {
	var m radiator.Membership
	err := s.Scan(&m.ID, &m.PersonID, &m.ForumID, &m.Role, &m.Version, timeColumn{&m.CreatedAt}, timeColumn{&m.UpdatedAt})
	return &m, err
}

func findMembershipByID(ctx context.Context, tx *Tx, id int64) (*radiator.Membership, error) {
	m, err := scanMembership(tx.QueryRowContext(ctx, `SELECT `+membershipColumns+` FROM memberships WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("membership", id)
	}
	return m, err
}

func findMemberships(ctx context.Context, tx *Tx, f radiator.MembershipFilter) ([]*radiator.Membership, string, error) {
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
	list, err := queryList(ctx, tx, scanMembership,
		`SELECT `+membershipColumns+` FROM memberships`+w.String()+` ORDER BY id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(m *radiator.Membership) string { return radiator.IDCursor(m.ID) })
	return list, next, nil
}

func createMembership(ctx context.Context, tx *Tx, m *radiator.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := checkPersonRef(ctx, tx, "person_id", m.PersonID); err != nil {
		return err
	}
	ok, err := exists(ctx, tx, `SELECT 1 FROM forums WHERE id = ?`, m.ForumID)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef("forum_id", "forum", m.ForumID)
	}
	m.Version, m.CreatedAt, m.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO memberships (person_id, forum_id, role, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		m.PersonID, m.ForumID, m.Role, m.Version, formatTime(m.CreatedAt), formatTime(m.UpdatedAt)))
	if err != nil {
		return duplicate(err, "role", "The person already holds the role %s in that forum.", radiator.RoleTitle(m.Role))
	}
	m.ID = id
	return tx.event(ctx, radiator.EntityMembership, m.ID, radiator.ActionCreate, nil, m)
}

func updateMembership(ctx context.Context, tx *Tx, id int64, upd radiator.MembershipUpdate) (*radiator.Membership, error) {
	m, err := findMembershipByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("membership", id, m.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *m
	if err := upd.Apply(m); err != nil {
		return nil, err
	}
	m.Version++
	m.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `UPDATE memberships SET role = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		m.Role, m.Version, formatTime(m.UpdatedAt), id, before.Version)
	if err := updated(res, err, "membership", id); err != nil {
		return nil, duplicate(err, "role", "The person already holds the role %s in that forum.", radiator.RoleTitle(m.Role))
	}
	return m, tx.event(ctx, radiator.EntityMembership, id, radiator.ActionUpdate, &before, m)
}

func deleteMembership(ctx context.Context, tx *Tx, id, version int64) error {
	m, err := findMembershipByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("membership", id, m.Version, version); err != nil {
		return err
	}
	return removeMembership(ctx, tx, m)
}

// removeMembership deletes a membership and writes its event.
func removeMembership(ctx context.Context, tx *Tx, m *radiator.Membership) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE id = ?`, m.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityMembership, m.ID, radiator.ActionDelete, m, nil)
}
