package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

func decodeInto(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", w.Body, err)
	}
}

// TestCRUD takes each entity through create, view, update, a stale update,
// list and delete.
func TestCRUD(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	tests := []struct {
		plural string
		create string
		patch  string // fields to change, without the version
		field  string // the field the patch changes
		want   any    // its value after
	}{
		{"products", `{"key":"CAL","name":"Calendar"}`, `"name":"Calendar Pro"`, "name", "Calendar Pro"},
		{"forums", fmt.Sprintf(`{"name":"Release Sync","tier":2,"kind":"other","parent_id":%d}`, f.portfolio.ID), `"purpose":"Sync releases."`, "purpose", "Sync releases."},
		{"teams", fmt.Sprintf(`{"product_id":%d,"name":"Search Owls","parent_forum_id":%d}`, f.product.ID, f.sos.ID), `"name":"Search Eagles"`, "name", "Search Eagles"},
		{"people", `{"name":"Pat Person","email":"pat@example.com"}`, `"name":"Pat Persson"`, "name", "Pat Persson"},
		{"memberships", fmt.Sprintf(`{"person_id":%d,"forum_id":%d,"role":"tester"}`, f.po.ID, f.sos.ID), `"role":"coach"`, "role", "coach"},
		{"releases", fmt.Sprintf(`{"product_id":%d,"name":"2026.2","date":"2026-06-30"}`, f.product.ID), `"date":"2026-07-07"`, "date", "2026-07-07"},
		{"sprints", fmt.Sprintf(`{"team_id":%d,"name":"Sprint 1","start":"2026-03-02","end":"2026-03-13"}`, f.teams[1].ID), `"goal":"Ship search."`, "goal", "Ship search."},
		{"backlog-items", fmt.Sprintf(`{"product_id":%d,"kind":"feature","title":"Shared inboxes","estimate":8}`, f.product.ID), `"state":"ready","estimate":null`, "state", "ready"},
	}
	for _, tt := range tests {
		t.Run(tt.plural, func(t *testing.T) {
			collection := "/api/v1/" + tt.plural
			var created map[string]any
			w := e.mustDo("POST", collection, tt.create, http.StatusCreated, &created)
			id := int64(created["id"].(float64))
			item := fmt.Sprintf("%s/%d", collection, id)
			if got := w.Header().Get("Location"); got != item {
				t.Errorf("Location = %q, want %q", got, item)
			}
			if created["version"] != float64(1) {
				t.Errorf("created version = %v, want 1", created["version"])
			}

			var viewed map[string]any
			e.mustDo("GET", item, "", http.StatusOK, &viewed)
			if diff := cmp.Diff(created, viewed); diff != "" {
				t.Errorf("GET %s differs from the created entity (-created +viewed):\n%s", item, diff)
			}

			var updated map[string]any
			e.mustDo("PATCH", item, `{"version":1,`+tt.patch+`}`, http.StatusOK, &updated)
			if updated[tt.field] != tt.want || updated["version"] != float64(2) {
				t.Errorf("after PATCH %s = %v, version %v; want %v, version 2", tt.field, updated[tt.field], updated["version"], tt.want)
			}
			w = e.mustDo("PATCH", item, `{"version":1,`+tt.patch+`}`, http.StatusConflict, nil)
			if got := apiErr(t, w); got.Code != radiator.ECONFLICT {
				t.Errorf("stale PATCH error = %+v, want conflict", got)
			}

			var page list[map[string]any]
			e.mustDo("GET", collection+"?limit=1000", "", http.StatusOK, &page)
			if !slices.ContainsFunc(page.Items, func(m map[string]any) bool { return m["id"] == created["id"] }) {
				t.Errorf("GET %s does not list %d", collection, id)
			}

			e.mustDo("DELETE", item+"?version=1", "", http.StatusConflict, nil)
			r := e.request("DELETE", item, "")
			r.Header.Set("If-Match", `"2"`)
			if w := e.serve(r); w.Code != http.StatusNoContent || w.Body.Len() != 0 {
				t.Fatalf("DELETE %s with If-Match = %d %q, want 204 and no body", item, w.Code, w.Body)
			}
			e.mustDo("GET", item, "", http.StatusNotFound, nil)
		})
	}
	t.Run("delete without version", func(t *testing.T) {
		var p radiator.Product
		e.mustDo("POST", "/api/v1/products", `{"key":"TMP","name":"Temporary"}`, http.StatusCreated, &p)
		e.mustDo("PATCH", fmt.Sprintf("/api/v1/products/%d", p.ID), `{"version":1,"name":"Still temporary"}`, http.StatusOK, nil)
		e.mustDo("DELETE", fmt.Sprintf("/api/v1/products/%d", p.ID), "", http.StatusNoContent, nil)
	})
}

func TestCreateDefaults(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	var forum radiator.Forum
	e.mustDo("POST", "/api/v1/forums", `{"name":"Architecture","tier":3,"kind":"portfolio"}`, http.StatusCreated, &forum)
	if diff := cmp.Diff(radiator.DefaultCadence(radiator.ForumPortfolio), forum.Cadence); diff != "" {
		t.Errorf("forum without cadence (-want +got):\n%s", diff)
	}
	var p radiator.Person
	e.mustDo("POST", "/api/v1/people", `{"name":"Pat Person","email":"Pat@Example.com"}`, http.StatusCreated, &p)
	if !p.Active || p.Admin || p.Email != "pat@example.com" {
		t.Errorf("new person = %+v, want active, not admin, e-mail lower-cased", p)
	}
	var rel radiator.Release
	e.mustDo("POST", "/api/v1/releases", fmt.Sprintf(`{"product_id":%d,"name":"2026.3","date":"2026-09-30"}`, f.product.ID), http.StatusCreated, &rel)
	if rel.Phase != radiator.PhasePlanning || rel.Kind != radiator.ReleaseRegular {
		t.Errorf("new release phase %q kind %q, want planning, regular", rel.Phase, rel.Kind)
	}
	var sp radiator.Sprint
	e.mustDo("POST", "/api/v1/sprints", fmt.Sprintf(`{"team_id":%d,"name":"S","start":"2026-03-23","end":"2026-04-03"}`, f.teams[1].ID), http.StatusCreated, &sp)
	if sp.State != radiator.SprintPlanned {
		t.Errorf("new sprint state %q, want planned", sp.State)
	}
	var it radiator.BacklogItem
	e.mustDo("POST", "/api/v1/backlog-items", fmt.Sprintf(`{"product_id":%d,"kind":"story","title":"Undo send"}`, f.product.ID), http.StatusCreated, &it)
	if it.State != radiator.StateNew || it.Rank == "" {
		t.Errorf("new item state %q rank %q, want new and a rank", it.State, it.Rank)
	}
}

func TestAPIErrors(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	product := fmt.Sprintf("/api/v1/products/%d", f.product.ID)
	forum := fmt.Sprintf("/api/v1/forums/%d", f.sos.ID)
	tests := []struct {
		name         string
		method, path string
		body         string
		contentType  string // application/json when empty
		status       int
		code, field  string
		message      string // a part of the message
	}{
		{"truncated JSON", "POST", "/api/v1/products", `{"key":`, "", 400, "malformed", "", "ends before"},
		{"bad JSON", "POST", "/api/v1/products", `{"key" "AB"}`, "", 400, "malformed", "", "not valid JSON"},
		{"unknown field", "POST", "/api/v1/products", `{"key":"AB","name":"X","colour":"red"}`, "", 400, "malformed", "colour", `"colour"`},
		{"unknown field of update", "PATCH", product, `{"version":1,"nmae":"X"}`, "", 400, "malformed", "nmae", `"nmae"`},
		{"trailing data", "POST", "/api/v1/products", `{"key":"AB","name":"X"} {}`, "", 400, "malformed", "", "more than one"},
		{"trailing garbage", "POST", "/api/v1/products", `{"key":"AB","name":"X"}x`, "", 400, "malformed", "", "more than one"},
		{"wrong type", "POST", "/api/v1/products", `{"key":"AB","name":5}`, "", 400, "malformed", "name", "string"},
		{"wrong nested type", "PATCH", forum, `{"version":1,"cadence":{"mode":"daily","minutes":"15"}}`, "", 400, "malformed", "cadence.minutes", "integer"},
		{"string for an array", "PATCH", forum, `{"version":1,"cadence":{"mode":"weekly","weekdays":"tue"}}`, "", 400, "malformed", "cadence.weekdays", "an array"},
		{"string for a bool", "POST", "/api/v1/people", `{"name":"P","email":"p@example.com","active":"yes"}`, "", 400, "malformed", "active", "true or false"},
		{"not an object", "POST", "/api/v1/products", `[1,2]`, "", 400, "malformed", "", "object"},
		{"empty body", "POST", "/api/v1/products", ``, "application/json", 400, "malformed", "", "empty"},
		{"bad date", "POST", "/api/v1/releases", fmt.Sprintf(`{"product_id":%d,"name":"R","date":"30/06/2026"}`, f.product.ID), "", 400, "malformed", "", "YYYY-MM-DD"},
		{"no content type", "POST", "/api/v1/products", `{"key":"AB","name":"X"}`, "none", 400, "malformed", "", "application/json"},
		{"form content type", "POST", "/api/v1/products", `key=AB`, "application/x-www-form-urlencoded", 400, "malformed", "", "application/json"},
		{"too large", "POST", "/api/v1/products", `{"key":"AB","name":"` + strings.Repeat("a", 1<<20) + `"}`, "", 413, "too_large", "", "larger"},
		{"too large trailing", "POST", "/api/v1/products", `{"key":"AB","name":"X"}` + strings.Repeat(" ", 1<<20) + "{}", "", 413, "too_large", "", "larger"},
		{"no such id", "GET", "/api/v1/products/999", "", "", 404, "not_found", "", ""},
		{"id not a number", "GET", "/api/v1/products/abc", "", "", 404, "not_found", "", "abc"},
		{"id not positive", "DELETE", "/api/v1/teams/0", "", "", 404, "not_found", "", ""},
		{"no such route", "GET", "/api/v1/nothing", "", "", 404, "not_found", "", ""},
		{"no such method", "PUT", "/api/v1/products", `{}`, "", 404, "not_found", "", ""},
		{"stale version", "PATCH", product, `{"version":7,"name":"Mail"}`, "", 409, "conflict", "", ""},
		{"duplicate key", "POST", "/api/v1/products", `{"key":"MAIL","name":"Mail again"}`, "", 409, "conflict", "key", ""},
		{"delete still referred to", "DELETE", product, "", "", 409, "conflict", "", ""},
		{"invalid value", "POST", "/api/v1/products", `{"key":"mail","name":"Mail"}`, "", 422, "invalid", "key", ""},
		{"invalid update", "PATCH", forum, `{"version":1,"tier":1}`, "", 422, "invalid", "kind", ""},
		{"no version", "PATCH", product, `{"name":"Mail"}`, "", 422, "invalid", "version", ""},
		{"bad delete version", "DELETE", product + "?version=two", "", "", 422, "invalid", "version", "two"},
		{"bad If-Match", "DELETE", product, "", "", 422, "invalid", "If-Match", ""},
		{"bad tier", "GET", "/api/v1/forums?tier=x", "", "", 422, "invalid", "tier", ""},
		{"tier out of range", "GET", "/api/v1/forums?tier=10", "", "", 422, "invalid", "tier", ""},
		{"bad kind", "GET", "/api/v1/forums?kind=guild", "", "", 422, "invalid", "kind", "guild"},
		{"bad id filter", "GET", "/api/v1/teams?product_id=-1", "", "", 422, "invalid", "product_id", ""},
		{"bad limit", "GET", "/api/v1/teams?limit=0", "", "", 422, "invalid", "limit", ""},
		{"bad cursor", "GET", "/api/v1/teams?after=%21%21", "", "", 422, "invalid", "after", ""},
		{"bad state", "GET", "/api/v1/backlog-items?state=closed", "", "", 422, "invalid", "state", ""},
		{"bad role", "GET", "/api/v1/memberships?role=boss", "", "", 422, "invalid", "role", ""},
		{"bad day", "GET", "/api/v1/sprints?on=today", "", "", 422, "invalid", "on", ""},
		{"bad phase", "GET", "/api/v1/releases?phase=done", "", "", 422, "invalid", "phase", ""},
		{"bad since", "GET", "/api/v1/events?since=yesterday", "", "", 422, "invalid", "since", "RFC 3339"},
		{"bad forum filter", "GET", "/api/v1/people?forum_id=x", "", "", 422, "invalid", "forum_id", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.request(tt.method, tt.path, tt.body)
			switch tt.contentType {
			case "":
			case "none":
				r.Header.Del("Content-Type")
			default:
				r.Header.Set("Content-Type", tt.contentType)
			}
			if tt.name == "bad If-Match" {
				r.Header.Set("If-Match", `"one"`)
			}
			w := e.serve(r)
			if w.Code != tt.status {
				t.Errorf("%s %s = %d, want %d; body %.300s", tt.method, tt.path, w.Code, tt.status, w.Body)
			}
			got := apiErr(t, w)
			if got.Code != tt.code || got.Field != tt.field || !strings.Contains(got.Message, tt.message) || got.Message == "" {
				t.Errorf("error = %+v, want code %q, field %q, a message with %q", got, tt.code, tt.field, tt.message)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t)
	var want []int64
	for i := range 5 {
		var p radiator.Product
		e.mustDo("POST", "/api/v1/products", fmt.Sprintf(`{"key":"P%d","name":"Product %d"}`, i, i), http.StatusCreated, &p)
		want = append(want, p.ID)
	}
	var got []int64
	var sizes []int
	path := "/api/v1/products?limit=2"
	for range 10 {
		w := e.mustDo("GET", path, "", http.StatusOK, nil)
		var page list[radiator.Product]
		decodeInto(t, w, &page)
		for _, p := range page.Items {
			got = append(got, p.ID)
		}
		sizes = append(sizes, len(page.Items))
		if page.Next == "" {
			var raw map[string]json.RawMessage
			decodeInto(t, w, &raw)
			if n, ok := raw["next"]; ok && string(n) != `""` {
				t.Errorf("last page has next %s", n)
			}
			break
		}
		path = "/api/v1/products?limit=2&after=" + page.Next
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paged through products (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 2, 1}, sizes); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
}

func TestListFilters(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	tests := []struct {
		path string
		want int // entries
	}{
		{"/api/v1/forums", 5},
		{"/api/v1/forums?tier=1", 2},
		{"/api/v1/forums?tier=2&kind=scrum_of_scrums", 1},
		{fmt.Sprintf("/api/v1/forums?parent_id=%d", f.sos.ID), 2},
		{fmt.Sprintf("/api/v1/teams?product_id=%d", f.product.ID), 2},
		{fmt.Sprintf("/api/v1/memberships?team_id=%d", f.teams[0].ID), 3},
		{"/api/v1/memberships?role=chief_scrum_master", 1},
		{fmt.Sprintf("/api/v1/people?forum_id=%d", f.teams[0].ForumID), 2},
		{fmt.Sprintf("/api/v1/sprints?team_id=%d&on=2026-03-04", f.teams[0].ID), 1},
		{"/api/v1/sprints?state=planned", 1},
		{fmt.Sprintf("/api/v1/backlog-items?sprint_id=%d&state=done", f.sprint.ID), 1},
		{"/api/v1/releases?kind=hotfix", 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var page list[map[string]any]
			e.mustDo("GET", tt.path, "", http.StatusOK, &page)
			if len(page.Items) != tt.want {
				t.Errorf("GET %s lists %d, want %d", tt.path, len(page.Items), tt.want)
			}
		})
	}
}

// TestChangesAreEvents checks that a change made through the API shows in
// the history with who made it and the state before and after.
func TestChangesAreEvents(t *testing.T) {
	e := newEnv(t)
	var p radiator.Product
	e.mustDo("POST", "/api/v1/products", `{"key":"CAL","name":"Calendar"}`, http.StatusCreated, &p)
	e.clock.Advance(time.Hour)
	e.mustDo("PATCH", fmt.Sprintf("/api/v1/products/%d", p.ID), `{"version":1,"name":"Calendar Pro"}`, http.StatusOK, nil)

	var events list[radiator.Event]
	e.mustDo("GET", fmt.Sprintf("/api/v1/events?entity_kind=product&entity_id=%d", p.ID), "", http.StatusOK, &events)
	if len(events.Items) != 2 {
		t.Fatalf("events of the product = %d, want 2: %+v", len(events.Items), events.Items)
	}
	upd := events.Items[1]
	if upd.Action != radiator.ActionUpdate || upd.ActorID == nil || *upd.ActorID != e.admin.ID || upd.ActorName != "Ada Admin" {
		t.Errorf("update event = %+v, want an update by the admin", upd)
	}
	var before, after radiator.Product
	if err := json.Unmarshal(upd.Before, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(upd.After, &after); err != nil {
		t.Fatal(err)
	}
	if before.Name != "Calendar" || after.Name != "Calendar Pro" || after.Version != 2 {
		t.Errorf("event before %+v after %+v, want the name changing from Calendar to Calendar Pro", before, after)
	}
	if create := events.Items[0]; create.Action != radiator.ActionCreate || string(create.Before) != "null" {
		t.Errorf("create event = %+v, want a create with before null", create)
	}

	if upd.At != testNow.Add(time.Hour) {
		t.Errorf("update event at %v, want the clock's %v", upd.At, testNow.Add(time.Hour))
	}
	halfway := testNow.Add(30 * time.Minute).Format(time.RFC3339)
	tests := []struct {
		query string
		want  []string // actions
	}{
		{"since=" + halfway, []string{"update"}},
		{"until=" + halfway + "&entity_kind=product", []string{"create"}},
		{"since=" + testNow.Add(2*time.Hour).Format(time.RFC3339), nil},
	}
	for _, tt := range tests {
		var page list[radiator.Event]
		e.mustDo("GET", "/api/v1/events?"+tt.query, "", http.StatusOK, &page)
		var got []string
		for _, ev := range page.Items {
			got = append(got, ev.Action)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("events?%s (-want +got):\n%s", tt.query, diff)
		}
	}
	e.mustDo("GET", fmt.Sprintf("/api/v1/events?actor_id=%d&entity_kind=product", e.admin.ID), "", http.StatusOK, &events)
	if len(events.Items) != 2 {
		t.Errorf("events of the admin on products = %d, want 2", len(events.Items))
	}
}

func TestOrganisation(t *testing.T) {
	e := newEnv(t)
	var o radiator.Organisation
	e.mustDo("GET", "/api/v1/organisation", "", http.StatusOK, &o)
	if o.ID != 1 || o.Version != 1 || o.Name == "" {
		t.Errorf("organisation = %+v, want the one, at version 1", o)
	}
	e.mustDo("PATCH", "/api/v1/organisation", `{"version":1,"name":"Northwind Mail"}`, http.StatusOK, &o)
	if o.Name != "Northwind Mail" || o.Version != 2 {
		t.Errorf("organisation after PATCH = %+v", o)
	}
	e.mustDo("PATCH", "/api/v1/organisation", `{"version":1,"name":"Other"}`, http.StatusConflict, nil)
	w := e.mustDo("PATCH", "/api/v1/organisation", `{"version":2,"name":""}`, http.StatusUnprocessableEntity, nil)
	if got := apiErr(t, w); got.Field != "name" {
		t.Errorf("empty name error = %+v, want field name", got)
	}
}

func TestTokens(t *testing.T) {
	e := newEnv(t)
	w := e.mustDo("POST", "/api/v1/tokens", `{"name":"cli"}`, http.StatusCreated, nil)
	var answer struct {
		Token  radiator.Token `json:"token"`
		Secret string         `json:"secret"`
	}
	decodeInto(t, w, &answer)
	if !strings.HasPrefix(answer.Secret, "rdt_") || answer.Token.Name != "cli" || answer.Token.PersonID != e.admin.ID {
		t.Errorf("created token = %+v, want a rdt_ secret for the admin", answer)
	}
	var raw struct {
		Token map[string]any `json:"token"`
	}
	decodeInto(t, w, &raw)
	if _, ok := raw.Token["hash"]; ok {
		t.Errorf("token JSON holds its hash: %s", w.Body)
	}

	r := httptest.NewRequest("GET", "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer "+answer.Secret)
	if w := e.serve(r); w.Code != http.StatusOK {
		t.Fatalf("GET /api/v1/me with the new token = %d, want 200", w.Code)
	}

	var tokens list[radiator.Token]
	e.mustDo("GET", "/api/v1/tokens", "", http.StatusOK, &tokens)
	if len(tokens.Items) != 2 {
		t.Errorf("admin's tokens = %d, want 2", len(tokens.Items))
	}

	other := e.person("Olga Other", "olga@example.com", "olga's password", false)
	otherToken := e.newToken(other, nil)
	r = e.request("GET", "/api/v1/tokens", "")
	r.Header.Set("Authorization", "Bearer "+otherToken)
	var theirs list[radiator.Token]
	decodeInto(t, e.serve(r), &theirs)
	if len(theirs.Items) != 1 {
		t.Errorf("Olga's tokens = %d, want only her own 1", len(theirs.Items))
	}
	e.mustDo("DELETE", fmt.Sprintf("/api/v1/tokens/%d", theirs.Items[0].ID), "", http.StatusNotFound, nil)

	e.mustDo("DELETE", fmt.Sprintf("/api/v1/tokens/%d", answer.Token.ID), "", http.StatusNoContent, nil)
	r = httptest.NewRequest("GET", "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer "+answer.Secret)
	if w := e.serve(r); w.Code != http.StatusUnauthorized {
		t.Errorf("GET /api/v1/me with a deleted token = %d, want 401", w.Code)
	}

	w = e.mustDo("POST", "/api/v1/tokens", `{"name":"old","expires_at":"2020-01-01T00:00:00Z"}`, http.StatusUnprocessableEntity, nil)
	if got := apiErr(t, w); got.Field != "expires_at" {
		t.Errorf("past expiry error = %+v, want field expires_at", got)
	}
	w = e.mustDo("POST", "/api/v1/tokens", `{"name":""}`, http.StatusUnprocessableEntity, nil)
	if got := apiErr(t, w); got.Field != "name" {
		t.Errorf("empty name error = %+v, want field name", got)
	}
}

func TestPasswords(t *testing.T) {
	e := newEnv(t)
	sam := e.person("Sam Master", "sam@example.com", "sam's password", false)
	olga := e.person("Olga Owner", "olga@example.com", "olga's password", false)
	samToken := e.newToken(sam, nil)
	as := func(token, method, path, body string) *httptest.ResponseRecorder {
		r := e.request(method, path, body)
		r.Header.Set("Authorization", "Bearer "+token)
		return e.serve(r)
	}

	w := as(samToken, "PUT", fmt.Sprintf("/api/v1/people/%d/password", olga.ID), `{"password":"a long new password"}`)
	if w.Code != http.StatusForbidden || apiErr(t, w).Code != radiator.EFORBIDDEN {
		t.Errorf("setting another's password = %d %s, want 403 forbidden", w.Code, w.Body)
	}
	w = as(samToken, "PUT", fmt.Sprintf("/api/v1/people/%d/password", sam.ID), `{"password":"short"}`)
	if w.Code != http.StatusUnprocessableEntity || apiErr(t, w).Field != "password" {
		t.Errorf("short password = %d %s, want 422 naming password", w.Code, w.Body)
	}
	if w := as(samToken, "PUT", fmt.Sprintf("/api/v1/people/%d/password", sam.ID), `{"password":"a long new password"}`); w.Code != http.StatusNoContent {
		t.Fatalf("setting one's own password = %d %s, want 204", w.Code, w.Body)
	}
	if w := e.login("sam@example.com", "a long new password", "/"); w.Code != http.StatusSeeOther {
		t.Errorf("login with the new password = %d, want 303", w.Code)
	}
	if w := e.login("sam@example.com", "sam's password", "/"); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("login with the old password = %d, want 422", w.Code)
	}

	var created map[string]any
	e.mustDo("POST", "/api/v1/people", `{"name":"Nia New","email":"nia@example.com","password":"nia's long password"}`, http.StatusCreated, &created)
	var viewed map[string]any
	e.mustDo("GET", fmt.Sprintf("/api/v1/people/%v", created["id"]), "", http.StatusOK, &viewed)
	for _, m := range []map[string]any{created, viewed} {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if diff := cmp.Diff([]string{"active", "admin", "created_at", "email", "id", "name", "updated_at", "version"}, keys); diff != "" {
			t.Errorf("person JSON fields (-want +got):\n%s", diff)
		}
	}
	if w := e.login("nia@example.com", "nia's long password", "/"); w.Code != http.StatusSeeOther {
		t.Errorf("login with the password given at creation = %d, want 303", w.Code)
	}
	w = e.mustDo("POST", "/api/v1/people", `{"name":"Ned","email":"ned@example.com","password":"123"}`, http.StatusUnprocessableEntity, nil)
	if got := apiErr(t, w); got.Field != "password" {
		t.Errorf("short password at creation = %+v, want field password", got)
	}
	var ned list[radiator.Person]
	e.mustDo("GET", "/api/v1/people?email=ned@example.com", "", http.StatusOK, &ned)
	if len(ned.Items) != 0 {
		t.Errorf("a person refused for a short password was created: %+v", ned.Items)
	}
}
