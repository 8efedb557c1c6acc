package http

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
)

// openAPI is the OpenAPI 3.1 document of /api/v1, written by hand and kept
// true by TestOpenAPI.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// readyTimeout bounds how long /readyz waits for the database.
const readyTimeout = 2 * time.Second

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.Store.Ping(ctx); err != nil {
		s.Logger.WarnContext(ctx, "not ready", "error", err.Error(), "request_id", requestID(ctx))
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unavailable")
		return
	}
	fmt.Fprintln(w, "ok")
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "There is nothing at %s %s.", r.Method, r.URL.Path))
}

func (s *Server) handleOrganisationView(w http.ResponseWriter, r *http.Request) {
	o, err := s.Store.FindOrganisation(r.Context())
	s.writeEntity(w, r, o, err)
}

func (s *Server) handleOrganisationUpdate(w http.ResponseWriter, r *http.Request) {
	var upd radiator.OrganisationUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	o, err := s.Store.UpdateOrganisation(r.Context(), upd)
	s.writeEntity(w, r, o, err)
}

func (s *Server) handleEventList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.EventFilter{
		EntityKind: q.text("entity_kind"),
		EntityID:   q.id("entity_id"),
		ActorID:    q.id("actor_id"),
		Since:      q.time("since"),
		Until:      q.time("until"),
		Page:       q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindEvents(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// tokenCreate is the body of POST /api/v1/tokens.
type tokenCreate struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// tokenCreated answers POST /api/v1/tokens: the token, and its secret,
// which is shown this once and never again.
type tokenCreated struct {
	Token  *radiator.Token `json:"token"`
	Secret string          `json:"secret"`
}

// handleTokenList lists the signed-in person's own tokens, all on one page.
func (s *Server) handleTokenList(w http.ResponseWriter, r *http.Request) {
	items, err := s.Store.FindTokens(r.Context(), personFrom(r.Context()).ID)
	writeList(s, w, r, items, "", err)
}

// handleTokenCreate makes a token for the signed-in person.
func (s *Server) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	var body tokenCreate
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	if body.ExpiresAt != nil && !body.ExpiresAt.After(s.Clock.Now()) {
		s.Error(w, r, radiator.Invalidf("expires_at", "must be in the future"))
		return
	}
	secret, err := auth.NewSecret(auth.TokenPrefix)
	if err != nil {
		s.Error(w, r, fmt.Errorf("make token secret: %w", err))
		return
	}
	t := &radiator.Token{
		PersonID:  personFrom(r.Context()).ID,
		Name:      body.Name,
		Hash:      auth.HashSecret(secret),
		ExpiresAt: body.ExpiresAt,
		CreatedAt: s.Clock.Now(),
	}
	err = s.Store.CreateToken(r.Context(), t)
	s.writeCreated(w, r, "tokens", t.ID, tokenCreated{Token: t, Secret: secret}, err)
}

// handleTokenDelete deletes one of the signed-in person's own tokens.
// Others' tokens are not found, not forbidden: their IDs are not told.
func (s *Server) handleTokenDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "token")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	own, err := s.Store.FindTokens(r.Context(), personFrom(r.Context()).ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !slices.ContainsFunc(own, func(t *radiator.Token) bool { return t.ID == id }) {
		s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "No token %d of yours.", id))
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteToken(r.Context(), id))
}
