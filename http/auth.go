package http

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
)

// sessionCookie names the cookie that carries a session's secret.
const sessionCookie = "radiator_session"

type personKey struct{}

// withPerson returns a context carrying the signed-in person, and the
// actor that events record for them.
func withPerson(ctx context.Context, p *radiator.Person) context.Context {
	ctx = radiator.NewContextWithActor(ctx, radiator.Actor{PersonID: p.ID, Name: p.Name})
	return context.WithValue(ctx, personKey{}, p)
}

// personFrom returns the signed-in person of ctx, nil on public routes.
// Later checks of roles start from here.
func personFrom(ctx context.Context) *radiator.Person {
	p, _ := ctx.Value(personKey{}).(*radiator.Person)
	return p
}

// requireAuth lets through requests with a valid session cookie or bearer
// token of an active person, with that person in the context. Others are
// answered 401 under /api/ and sent to the login page elsewhere.
func (s *Server) requireAuth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := s.authenticate(r)
		switch {
		case err == nil:
			if info, ok := r.Context().Value(requestKey{}).(*requestInfo); ok {
				info.personID = p.ID
			}
			next(w, r.WithContext(withPerson(r.Context(), p)))
		case radiator.ErrorCode(err) != radiator.EUNAUTHORIZED:
			s.Error(w, r, err)
		case isAPI(r):
			w.Header().Set("WWW-Authenticate", `Bearer realm="radiator"`)
			s.Error(w, r, err)
		default:
			if _, err := r.Cookie(sessionCookie); err == nil {
				s.clearSessionCookie(w, r)
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		}
	}
}

// authenticate returns the person a request comes from: the owner of its
// bearer token when it sends an Authorization header, else the owner of its
// session cookie. It answers EUNAUTHORIZED for missing, unknown or expired
// credentials and for inactive people.
func (s *Server) authenticate(r *http.Request) (*radiator.Person, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, _ := strings.Cut(h, " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || secret == "" {
			return nil, radiator.Errorf(radiator.EUNAUTHORIZED, "Send the token as Authorization: Bearer <token>.")
		}
		t, err := s.Store.FindTokenByHash(ctx, auth.HashSecret(secret))
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return nil, radiator.Errorf(radiator.EUNAUTHORIZED, "The token is unknown or has expired.")
		} else if err != nil {
			return nil, fmt.Errorf("find token: %w", err)
		}
		return s.activePerson(ctx, t.PersonID)
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, radiator.Errorf(radiator.EUNAUTHORIZED, "Sign in, or send Authorization: Bearer <token>.")
	}
	sess, err := s.Store.FindSessionByHash(ctx, auth.HashSecret(c.Value))
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, radiator.Errorf(radiator.EUNAUTHORIZED, "The session has ended; sign in again.")
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return s.activePerson(ctx, sess.PersonID)
}

// activePerson returns the person with the id if they may still sign in.
func (s *Server) activePerson(ctx context.Context, id int64) (*radiator.Person, error) {
	p, err := s.Store.FindPersonByID(ctx, id)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND || (err == nil && !p.Active) {
		return nil, radiator.Errorf(radiator.EUNAUTHORIZED, "This account is not active.")
	} else if err != nil {
		return nil, fmt.Errorf("find signed-in person %d: %w", id, err)
	}
	return p, nil
}

// loginPage is the data of the login page.
type loginPage struct {
	layout
	Email string
	Next  string
	Error string
}

// errLogin is the one message of a failed login, whatever failed, so that
// it does not tell which e-mail addresses have accounts.
const errLogin = "E-mail or password is wrong."

func (s *Server) handleLoginView(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if _, err := s.authenticate(r); err == nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginPage{Next: next})
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodySize)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.Error(w, r, radiator.Errorf(radiator.ETOOLARGE, "The form is too large."))
			return
		}
		s.Error(w, r, radiator.Errorf(radiator.EMALFORMED, "The form could not be read."))
		return
	}
	page := loginPage{
		Email: strings.ToLower(strings.TrimSpace(r.PostForm.Get("email"))),
		Next:  localPath(r.PostForm.Get("next")),
	}
	p, err := s.checkLogin(r.Context(), page.Email, r.PostForm.Get("password"))
	if radiator.ErrorCode(err) == radiator.EUNAUTHORIZED {
		page.Error = errLogin
		s.renderLogin(w, r, http.StatusUnprocessableEntity, page)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	secret, err := auth.NewSecret("")
	if err != nil {
		s.Error(w, r, fmt.Errorf("make session secret: %w", err))
		return
	}
	now := s.Clock.Now()
	sess := &radiator.Session{PersonID: p.ID, Hash: auth.HashSecret(secret), CreatedAt: now, ExpiresAt: now.Add(s.SessionTTL)}
	if err := s.Store.CreateSession(withPerson(r.Context(), p), sess); err != nil {
		s.Error(w, r, fmt.Errorf("create session: %w", err))
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    secret,
		Path:     "/",
		MaxAge:   int(s.SessionTTL.Seconds()),
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
}

// checkLogin returns the active person with the e-mail address and
// password, or EUNAUTHORIZED. It checks a password even for an unknown
// address, against auth.DummyHash, so that both take the same time.
func (s *Server) checkLogin(ctx context.Context, email, password string) (*radiator.Person, error) {
	hash := auth.DummyHash
	p, err := s.Store.FindPersonByEmail(ctx, email)
	switch {
	case radiator.ErrorCode(err) == radiator.ENOTFOUND:
		p = nil
	case err != nil:
		return nil, fmt.Errorf("find person by e-mail: %w", err)
	case p.Active:
		h, err := s.Store.FindPasswordHash(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("find password hash of person %d: %w", p.ID, err)
		}
		if h != "" {
			hash = h
		}
	}
	err = auth.CheckPassword(hash, password)
	switch {
	case errors.Is(err, auth.ErrMismatch):
		return nil, radiator.Errorf(radiator.EUNAUTHORIZED, errLogin)
	case err != nil:
		return nil, fmt.Errorf("check password: %w", err)
	case p == nil || hash == auth.DummyHash || !p.Active:
		return nil, radiator.Errorf(radiator.EUNAUTHORIZED, errLogin)
	}
	return p, nil
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, err := s.Store.FindSessionByHash(r.Context(), auth.HashSecret(c.Value))
		switch {
		case radiator.ErrorCode(err) == radiator.ENOTFOUND:
		case err != nil:
			s.Error(w, r, fmt.Errorf("find session: %w", err))
			return
		default:
			ctx := r.Context()
			if p, err := s.Store.FindPersonByID(ctx, sess.PersonID); err == nil {
				ctx = withPerson(ctx, p)
			}
			if err := s.Store.DeleteSession(ctx, sess.ID); err != nil && radiator.ErrorCode(err) != radiator.ENOTFOUND {
				s.Error(w, r, fmt.Errorf("delete session: %w", err))
				return
			}
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.secure(r),
		SameSite: http.SameSiteLaxMode,
	})
}

// secure reports whether the session cookie gets the Secure attribute.
func (s *Server) secure(r *http.Request) bool {
	return s.SecureCookies || r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// localPath returns next if it is a path on this server, and "/" for
// anything else, so that the login page cannot send people elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
