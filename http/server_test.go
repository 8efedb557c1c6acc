package http

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
	"github.com/radiator-hq/radiator/sqlite"
)

// testNow is when every test happens: a Wednesday.
var testNow = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

// cheapParams hash the passwords tests set up, so that the tests stay fast;
// CheckPassword reads the parameters from the hash.
var cheapParams = auth.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

// env is a server on a fresh SQLite database with one signed-up
// administrator, who holds an API token.
type env struct {
	t       testing.TB
	srv     *Server
	handler http.Handler
	store   *sqlite.DB
	clock   *radiator.ManualClock
	logs    *bytes.Buffer
	admin   *radiator.Person
	token   string // the admin's API token
}

const adminPassword = "correct horse battery"

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "radiator.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	clock := radiator.NewManualClock(testNow)
	db.Clock = clock
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	logs := &bytes.Buffer{}
	srv := NewServer(db, slog.New(slog.NewJSONHandler(logs, nil)))
	srv.Clock = clock
	e := &env{t: t, srv: srv, handler: srv.Handler(), store: db, clock: clock, logs: logs}
	e.admin = e.person("Ada Admin", "ada@example.com", adminPassword, true)
	e.token = e.newToken(e.admin, nil)
	return e
}

// person creates an active person with a password.
func (e *env) person(name, email, password string, admin bool) *radiator.Person {
	e.t.Helper()
	ctx := context.Background()
	p := &radiator.Person{Name: name, Email: email, Active: true, Admin: admin}
	if err := e.store.CreatePerson(ctx, p); err != nil {
		e.t.Fatalf("create person %s: %v", email, err)
	}
	hash, err := auth.HashPassword(password, cheapParams)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.store.SetPasswordHash(ctx, p.ID, hash); err != nil {
		e.t.Fatalf("set password of %s: %v", email, err)
	}
	return p
}

// newToken makes an API token for p and returns its secret.
func (e *env) newToken(p *radiator.Person, expires *time.Time) string {
	e.t.Helper()
	secret, err := auth.NewSecret(auth.TokenPrefix)
	if err != nil {
		e.t.Fatal(err)
	}
	tok := &radiator.Token{PersonID: p.ID, Name: "test", Hash: auth.HashSecret(secret), ExpiresAt: expires, CreatedAt: testNow}
	if err := e.store.CreateToken(context.Background(), tok); err != nil {
		e.t.Fatalf("create token: %v", err)
	}
	return secret
}

// request returns a request with the admin's token, and a JSON body when
// body is not empty.
func (e *env) request(method, target, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Authorization", "Bearer "+e.token)
	return r
}

func (e *env) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	return w
}

// do serves a request as the admin.
func (e *env) do(method, target, body string) *httptest.ResponseRecorder {
	return e.serve(e.request(method, target, body))
}

// mustDo serves a request as the admin and fails unless it answers want,
// decoding the answer into v unless v is nil.
func (e *env) mustDo(method, target, body string, want int, v any) *httptest.ResponseRecorder {
	e.t.Helper()
	w := e.do(method, target, body)
	if w.Code != want {
		e.t.Fatalf("%s %s = %d, want %d; body %s", method, target, w.Code, want, w.Body)
	}
	if v != nil {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			e.t.Fatalf("%s %s: decode %s: %v", method, target, w.Body, err)
		}
	}
	return w
}

// apiErr decodes an API error answer.
func apiErr(t testing.TB, w *httptest.ResponseRecorder) apiErrorBody {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("error Content-Type = %q, want application/json", ct)
	}
	var body apiError
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("decode error answer %q: %v", w.Body, err)
	}
	return body.Error
}

// fixture is a small organisation: a product with two teams under a
// Scrum of Scrums, a portfolio and a steering forum, and a sprint running
// today with items in it.
type fixture struct {
	product    *radiator.Product
	sos        *radiator.Forum
	portfolio  *radiator.Forum
	steering   *radiator.Forum
	teams      []*radiator.Team
	sprint     *radiator.Sprint
	nextSprint *radiator.Sprint
	items      []*radiator.BacklogItem
	sm, po     *radiator.Person
}

func (e *env) fixture() *fixture {
	e.t.Helper()
	ctx := context.Background()
	check := func(what string, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("fixture: %s: %v", what, err)
		}
	}
	f := &fixture{}
	f.product = &radiator.Product{Key: "MAIL", Name: "Mail Cloud"}
	check("product", e.store.CreateProduct(ctx, f.product))
	f.steering = &radiator.Forum{Name: "Agile Steering", Tier: 4, Kind: radiator.ForumSteering, Cadence: radiator.DefaultCadence(radiator.ForumSteering)}
	check("steering", e.store.CreateForum(ctx, f.steering))
	f.portfolio = &radiator.Forum{Name: "Portfolio Board", Tier: 3, Kind: radiator.ForumPortfolio, ParentID: &f.steering.ID, Cadence: radiator.DefaultCadence(radiator.ForumPortfolio)}
	check("portfolio", e.store.CreateForum(ctx, f.portfolio))
	f.sos = &radiator.Forum{Name: "Mail Scrum of Scrums", Tier: 2, Kind: radiator.ForumScrumOfScrums, ParentID: &f.portfolio.ID, ProductID: &f.product.ID,
		Purpose: "Hold the release goal of Mail Cloud.", Cadence: radiator.DefaultCadence(radiator.ForumScrumOfScrums)}
	check("scrum of scrums", e.store.CreateForum(ctx, f.sos))
	for _, name := range []string{"Inbox Crew", "Delivery Hawks"} {
		t := &radiator.Team{ProductID: f.product.ID, Name: name, ParentForumID: &f.sos.ID}
		check("team "+name, e.store.CreateTeam(ctx, t))
		f.teams = append(f.teams, t)
	}
	f.sm = e.person("Sam Master", "sam@example.com", "sam's password", false)
	f.po = e.person("Olga Owner", "olga@example.com", "olga's password", false)
	for _, m := range []*radiator.Membership{
		{PersonID: f.sm.ID, ForumID: f.teams[0].ForumID, Role: radiator.RoleScrumMaster},
		{PersonID: f.po.ID, ForumID: f.teams[0].ForumID, Role: radiator.RoleProductOwner},
		{PersonID: f.po.ID, ForumID: f.teams[0].ForumID, Role: radiator.RoleMember},
		{PersonID: f.sm.ID, ForumID: f.sos.ID, Role: radiator.RoleChiefScrumMaster},
	} {
		check("membership", e.store.CreateMembership(ctx, m))
	}
	f.sprint = &radiator.Sprint{TeamID: f.teams[0].ID, Name: "Sprint 7", Start: radiator.MustDate("2026-02-23"), End: radiator.MustDate("2026-03-06"),
		Goal: "Threads load in under a second.", State: radiator.SprintActive}
	check("sprint", e.store.CreateSprint(ctx, f.sprint))
	f.nextSprint = &radiator.Sprint{TeamID: f.teams[0].ID, Name: "Sprint 8", Start: radiator.MustDate("2026-03-09"), End: radiator.MustDate("2026-03-20"), State: radiator.SprintPlanned}
	check("next sprint", e.store.CreateSprint(ctx, f.nextSprint))
	for i, st := range []string{radiator.StateDone, radiator.StateInProgress} {
		est := float64(3 + 2*i)
		it := &radiator.BacklogItem{ProductID: f.product.ID, Kind: radiator.KindStory, Title: []string{"Cache thread lists", "Stream large threads"}[i],
			Estimate: &est, State: st, TeamID: &f.teams[0].ID, SprintID: &f.sprint.ID}
		check("item", e.store.CreateBacklogItem(ctx, it))
		f.items = append(f.items, it)
	}
	return f
}

func TestStatusOfEveryCode(t *testing.T) {
	for _, code := range radiator.Codes {
		if _, ok := statusOf[code]; !ok {
			t.Errorf("error code %q has no HTTP status in statusOf", code)
		}
	}
}

func TestError(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		status      int
		code, field string
		message     string
		logged      bool
	}{
		{"invalid", radiator.Invalidf("name", "is required"), 422, "invalid", "name", "is required", false},
		{"not found", radiator.Errorf(radiator.ENOTFOUND, "No team 3."), 404, "not_found", "", "No team 3.", false},
		{"wrapped conflict", fmt.Errorf("update team 3: %w", radiator.Errorf(radiator.ECONFLICT, "Stale.")), 409, "conflict", "", "Stale.", false},
		{"other error", io.ErrClosedPipe, 500, "internal", "", "Internal error.", true},
		{"internal *Error", &radiator.Error{Code: radiator.EINTERNAL, Message: "secret detail"}, 500, "internal", "", "Internal error.", true},
	}
	e := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.logs.Reset()
			w := httptest.NewRecorder()
			r := httptest.NewRequest("GET", "/api/v1/anything", nil)
			e.srv.Error(w, r, tt.err)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d", w.Code, tt.status)
			}
			got := apiErr(t, w)
			if want := (apiErrorBody{Code: tt.code, Message: tt.message, Field: tt.field}); got != want {
				t.Errorf("error = %+v, want %+v", got, want)
			}
			if logged := strings.Contains(e.logs.String(), `"msg":"internal error"`); logged != tt.logged {
				t.Errorf("logged = %v, want %v; logs: %s", logged, tt.logged, e.logs)
			}
		})
	}
}

func TestErrorPage(t *testing.T) {
	e := newEnv(t)
	w := httptest.NewRecorder()
	e.srv.Error(w, httptest.NewRequest("GET", "/teams/9", nil), radiator.Errorf(radiator.ENOTFOUND, "No team 9."))
	if w.Code != 404 {
		t.Errorf("status = %d, want 404", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q, want HTML", ct)
	}
	if body := w.Body.String(); !strings.Contains(body, `<p id="error-message">No team 9.</p>`) {
		t.Errorf("error page does not show the message:\n%s", body)
	}
}
