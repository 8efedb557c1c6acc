package http

import (
	"context"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
)

// maxPasswordLength bounds passwords so that hashing one stays cheap.
const maxPasswordLength = 1000

// personCreate is the body of POST /api/v1/people: a person, and the
// password they sign in with, if any.
type personCreate struct {
	radiator.Person
	Password *string `json:"password,omitempty"`
}

// passwordSet is the body of PUT /api/v1/people/{id}/password.
type passwordSet struct {
	Password string `json:"password"`
}

func (s *Server) handlePersonList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.PersonFilter{Email: q.text("email"), ForumID: q.id("forum_id"), Page: q.page()}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindPeople(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handlePersonCreate creates a person, active unless the body says
// otherwise, and sets their password when the body has one.
func (s *Server) handlePersonCreate(w http.ResponseWriter, r *http.Request) {
	body := personCreate{Person: radiator.Person{Active: true}}
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	var hash string
	if body.Password != nil {
		var err error
		if hash, err = hashPassword(*body.Password); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	p := &body.Person
	if err := s.Store.CreatePerson(r.Context(), p); err != nil {
		s.Error(w, r, err)
		return
	}
	if hash != "" {
		if err := s.Store.SetPasswordHash(r.Context(), p.ID, hash); err != nil {
			s.Error(w, r, fmt.Errorf("set password of new person %d: %w", p.ID, err))
			return
		}
	}
	s.writeCreated(w, r, "people", p.ID, p, nil)
}

func (s *Server) handlePersonView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "person")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Store.FindPersonByID(r.Context(), id)
	s.writeEntity(w, r, p, err)
}

func (s *Server) handlePersonUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "person")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.PersonUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Store.UpdatePerson(r.Context(), id, upd)
	s.writeEntity(w, r, p, err)
}

func (s *Server) handlePersonDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "person")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeletePerson(r.Context(), id, version))
}

// handlePasswordSet sets a person's password. Administrators may set
// anyone's; everyone else only their own.
func (s *Server) handlePasswordSet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "person")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := mayManage(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	var body passwordSet
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	hash, err := hashPassword(body.Password)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.SetPasswordHash(r.Context(), id, hash))
}

// mayManage reports, as an EFORBIDDEN error, whether the signed-in person
// may not manage the account of the person with the id.
func mayManage(ctx context.Context, personID int64) error {
	if me := personFrom(ctx); me == nil || (!me.Admin && me.ID != personID) {
		return radiator.Errorf(radiator.EFORBIDDEN, "Only an administrator or the person themself may do this.")
	}
	return nil
}

// hashPassword checks a new password's length and hashes it.
func hashPassword(pw string) (string, error) {
	switch n := utf8.RuneCountInString(pw); {
	case n < auth.MinPasswordLength:
		return "", radiator.Invalidf("password", "must be at least %d characters long", auth.MinPasswordLength)
	case n > maxPasswordLength:
		return "", radiator.Invalidf("password", "must be at most %d characters long", maxPasswordLength)
	}
	hash, err := auth.HashPassword(pw, auth.DefaultParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return hash, nil
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, personFrom(r.Context()))
}
