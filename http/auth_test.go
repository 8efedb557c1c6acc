package http

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func TestAPINeedsCredentials(t *testing.T) {
	e := newEnv(t)
	expired := testNow.Add(-time.Minute)
	expiredToken := e.newToken(e.admin, &expired)
	inactive := e.person("Ian Inactive", "ian@example.com", "ian's password", false)
	inactiveToken := e.newToken(inactive, nil)
	if _, err := e.store.UpdatePerson(context.Background(), inactive.ID, radiator.PersonUpdate{Version: inactive.Version, Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, authorization string
	}{
		{"none", ""},
		{"unknown token", "Bearer rdt_nobody"},
		{"expired token", "Bearer " + expiredToken},
		{"inactive person", "Bearer " + inactiveToken},
		{"other scheme", "Basic " + e.token},
		{"empty bearer", "Bearer "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/api/v1/teams", "/api/v1/me", "/api/v1/teams/1"} {
				r := httptest.NewRequest("GET", path, nil)
				if tt.authorization != "" {
					r.Header.Set("Authorization", tt.authorization)
				}
				w := e.serve(r)
				if w.Code != http.StatusUnauthorized {
					t.Fatalf("GET %s = %d, want 401", path, w.Code)
				}
				if got := w.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
					t.Errorf("WWW-Authenticate = %q, want Bearer", got)
				}
				if got := apiErr(t, w); got.Code != radiator.EUNAUTHORIZED {
					t.Errorf("error code = %q, want unauthorized", got.Code)
				}
			}
		})
	}
	t.Run("valid token", func(t *testing.T) {
		var me radiator.Person
		e.mustDo("GET", "/api/v1/me", "", http.StatusOK, &me)
		if me.ID != e.admin.ID || me.Email != e.admin.Email {
			t.Errorf("GET /api/v1/me = %+v, want the admin", me)
		}
	})
}

func TestPagesSendToLogin(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/", "/teams/1", "/forums/2?x=1"} {
		t.Run(path, func(t *testing.T) {
			w := e.serve(httptest.NewRequest("GET", path, nil))
			if w.Code != http.StatusSeeOther {
				t.Fatalf("GET %s = %d, want 303", path, w.Code)
			}
			if got, want := w.Header().Get("Location"), "/login?next="+url.QueryEscape(path); got != want {
				t.Errorf("Location = %q, want %q", got, want)
			}
		})
	}
	t.Run("logout without a session", func(t *testing.T) {
		w := e.serve(httptest.NewRequest("POST", "/logout", nil))
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Errorf("POST /logout = %d to %q, want 303 to /login", w.Code, w.Header().Get("Location"))
		}
	})
	for _, path := range []string{"/login", "/healthz", "/readyz", "/static/radiator.css", "/api/v1/openapi.json"} {
		t.Run("public "+path, func(t *testing.T) {
			if w := e.serve(httptest.NewRequest("GET", path, nil)); w.Code != http.StatusOK {
				t.Errorf("GET %s without credentials = %d, want 200", path, w.Code)
			}
		})
	}
}

// login posts the login form and returns the answer.
func (e *env) login(email, password, next string, modify ...func(*http.Request)) *httptest.ResponseRecorder {
	form := url.Values{"email": {email}, "password": {password}, "next": {next}}
	r := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, m := range modify {
		m(r)
	}
	return e.serve(r)
}

// sessionCookieOf returns the session cookie an answer sets, or nil.
func sessionCookieOf(w *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

// page fetches a page with a cookie.
func (e *env) page(path string, c *http.Cookie) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	if c != nil {
		r.AddCookie(c)
	}
	return e.serve(r)
}

func TestLoginFails(t *testing.T) {
	e := newEnv(t)
	quiet := e.person("Quentin Quiet", "quentin@example.com", "quentin's password", false)
	if _, err := e.store.UpdatePerson(context.Background(), quiet.ID, radiator.PersonUpdate{Version: quiet.Version, Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	noPassword := &radiator.Person{Name: "Nina Nopass", Email: "nina@example.com", Active: true}
	if err := e.store.CreatePerson(context.Background(), noPassword); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, email, password string }{
		{"wrong password", "ada@example.com", "not the password"},
		{"unknown e-mail", "nobody@example.com", adminPassword},
		{"inactive person", "quentin@example.com", "quentin's password"},
		{"no password set", "nina@example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.login(tt.email, tt.password, "/teams/1")
			if w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("POST /login = %d, want 422", w.Code)
			}
			body := w.Body.String()
			if !strings.Contains(body, `<p class="flash-error" id="login-error" role="alert">E-mail or password is wrong.</p>`) {
				t.Errorf("login page does not say the one failure message:\n%s", body)
			}
			if !strings.Contains(body, `value="`+tt.email+`"`) || !strings.Contains(body, `name="next" value="/teams/1"`) {
				t.Errorf("login page does not keep the e-mail and next:\n%s", body)
			}
			if c := sessionCookieOf(w); c != nil {
				t.Errorf("failed login set a session cookie %v", c)
			}
		})
	}
}

func TestLoginLogout(t *testing.T) {
	e := newEnv(t)
	w := e.login("ADA@example.com ", adminPassword, "/teams/1?tab=x")
	if w.Code != http.StatusSeeOther {
		t.Fatalf("POST /login = %d, want 303; body %s", w.Code, w.Body)
	}
	if got := w.Header().Get("Location"); got != "/teams/1?tab=x" {
		t.Errorf("Location = %q, want the next path", got)
	}
	c := sessionCookieOf(w)
	if c == nil {
		t.Fatal("no session cookie")
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.MaxAge != int(DefaultSessionTTL.Seconds()) || c.Secure {
		t.Errorf("cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, Max-Age 12h, not Secure on plain HTTP", c)
	}

	home := e.page("/", c)
	if home.Code != http.StatusOK {
		t.Fatalf("GET / with the session = %d, want 200", home.Code)
	}
	if !strings.Contains(home.Body.String(), `<span id="signed-in-person">Ada Admin</span>`) {
		t.Errorf("home page does not show who is signed in:\n%s", home.Body)
	}
	if w := e.page("/login?next=/forums/3", c); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/forums/3" {
		t.Errorf("GET /login while signed in = %d to %q, want 303 to /forums/3", w.Code, w.Header().Get("Location"))
	}
	var me radiator.Person
	r := httptest.NewRequest("GET", "/api/v1/me", nil)
	r.AddCookie(c)
	if w := e.serve(r); w.Code != http.StatusOK {
		t.Errorf("GET /api/v1/me with the session cookie = %d, want 200", w.Code)
	} else if decodeInto(t, w, &me); me.ID != e.admin.ID {
		t.Errorf("GET /api/v1/me = %+v, want the admin", me)
	}

	r = httptest.NewRequest("POST", "/logout", nil)
	r.AddCookie(c)
	out := e.serve(r)
	if out.Code != http.StatusSeeOther || out.Header().Get("Location") != "/login" {
		t.Errorf("POST /logout = %d to %q, want 303 to /login", out.Code, out.Header().Get("Location"))
	}
	if cleared := sessionCookieOf(out); cleared == nil || cleared.MaxAge >= 0 || cleared.Value != "" {
		t.Errorf("logout cookie = %+v, want it cleared", cleared)
	}
	if w := e.page("/", c); w.Code != http.StatusSeeOther {
		t.Errorf("GET / with the old session after logout = %d, want 303 to the login page", w.Code)
	}

	var events list[radiator.Event]
	e.mustDo("GET", "/api/v1/events?entity_kind=session", "", http.StatusOK, &events)
	if len(events.Items) != 2 || events.Items[0].Action != "create" || events.Items[1].Action != "delete" ||
		events.Items[1].ActorID == nil || *events.Items[1].ActorID != e.admin.ID {
		t.Errorf("session events = %+v, want a create and a delete by the admin", events.Items)
	}
}

func TestSessionExpires(t *testing.T) {
	e := newEnv(t)
	e.srv.SessionTTL = time.Hour
	c := sessionCookieOf(e.login("ada@example.com", adminPassword, "/"))
	if c == nil || c.MaxAge != 3600 {
		t.Fatalf("cookie = %+v, want one lasting an hour", c)
	}
	if w := e.page("/", c); w.Code != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", w.Code)
	}
	e.clock.Advance(time.Hour + time.Second)
	w := e.page("/", c)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("GET / after the session ended = %d, want 303", w.Code)
	}
	if cleared := sessionCookieOf(w); cleared == nil || cleared.MaxAge >= 0 {
		t.Errorf("redirect cookie = %+v, want the ended session's cookie cleared", cleared)
	}
}

func TestSecureCookie(t *testing.T) {
	tests := []struct {
		name   string
		secure bool // Server.SecureCookies
		modify func(*http.Request)
		want   bool
	}{
		{"plain HTTP", false, func(*http.Request) {}, false},
		{"behind a TLS proxy", false, func(r *http.Request) { r.Header.Set("X-Forwarded-Proto", "https") }, true},
		{"SecureCookies", true, func(*http.Request) {}, true},
		{"TLS", false, func(r *http.Request) { r.TLS = &tls.ConnectionState{} }, true},
	}
	e := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.srv.SecureCookies = tt.secure
			c := sessionCookieOf(e.login("ada@example.com", adminPassword, "/", tt.modify))
			if c == nil || c.Secure != tt.want {
				t.Errorf("cookie = %+v, want Secure %v", c, tt.want)
			}
		})
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"", "/"},
		{"/teams/3", "/teams/3"},
		{"/forums/2?view=wall", "/forums/2?view=wall"},
		{"https://evil.example/", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"teams/3", "/"},
	}
	for _, tt := range tests {
		if got := localPath(tt.next); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
