package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/radiator-hq/radiator"
)

// anonymous serves a request that carries no credentials, as a calendar
// application sends it.
func (e *env) anonymous(target string) *httptest.ResponseRecorder {
	return e.serve(httptest.NewRequest("GET", target, nil))
}

type feedAnswer struct {
	ID       int64  `json:"id"`
	ForumID  *int64 `json:"forum_id"`
	PersonID *int64 `json:"person_id"`
	URL      string `json:"url"`
}

func TestForumFeed(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	var first feedAnswer
	e.mustDo("POST", fmt.Sprintf("/api/v1/forums/%d/feed", f.ID), "", http.StatusCreated, &first)
	path, ok := strings.CutPrefix(first.URL, "http://example.com/feeds/rdf_")
	if !ok || !strings.HasSuffix(path, ".ics") || first.ForumID == nil || *first.ForumID != f.ID || first.PersonID != nil {
		t.Fatalf("feed answer = %+v, want a forum %d feed at http://example.com/feeds/rdf_....ics", first, f.ID)
	}
	feedPath := strings.TrimPrefix(first.URL, "http://example.com")
	w := e.anonymous(feedPath)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("GET %s without credentials = %d %s; body %s", feedPath, w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	body := w.Body.String()
	for _, want := range []string{"X-WR-CALNAME:Mail S2 meetings", fmt.Sprintf("UID:forum-%d-2026-03-26T09:00@radiator", f.ID)} {
		if !strings.Contains(body, want) {
			t.Errorf("forum feed lacks %q", want)
		}
	}

	// The secret opens the feed and nothing else.
	secret := strings.TrimSuffix(strings.TrimPrefix(feedPath, "/feeds/"), ".ics")
	r := httptest.NewRequest("GET", "/api/v1/me", nil)
	r.Header.Set("Authorization", "Bearer "+secret)
	if w := e.serve(r); w.Code != http.StatusUnauthorized {
		t.Errorf("the feed secret as an API token = %d, want 401", w.Code)
	}

	// A new address replaces the last.
	var second feedAnswer
	e.mustDo("POST", fmt.Sprintf("/api/v1/forums/%d/feed", f.ID), "", http.StatusCreated, &second)
	if w := e.anonymous(feedPath); w.Code != http.StatusNotFound {
		t.Errorf("replaced feed = %d, want 404", w.Code)
	}
	if w := e.anonymous(strings.TrimPrefix(second.URL, "http://example.com")); w.Code != http.StatusOK {
		t.Errorf("new feed = %d, want 200", w.Code)
	}
}

func TestPersonalFeed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	f := e.meetingForum()
	weekly := &radiator.Forum{Name: "Steering", Tier: 4, Kind: radiator.ForumSteering, Cadence: radiator.Cadence{
		Mode: radiator.CadenceWeekly, Weekdays: []string{"mon"}, Time: "16:00", Minutes: 60, TimeZone: "Europe/Berlin",
	}}
	if err := e.store.CreateForum(ctx, weekly); err != nil {
		t.Fatal(err)
	}
	other := &radiator.Forum{Name: "Not mine", Tier: 4, Kind: radiator.ForumSteering, Cadence: weekly.Cadence}
	if err := e.store.CreateForum(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{f.ID, weekly.ID} {
		if err := e.store.CreateMembership(ctx, &radiator.Membership{PersonID: e.admin.ID, ForumID: id, Role: radiator.RoleMember}); err != nil {
			t.Fatal(err)
		}
	}
	var got feedAnswer
	e.mustDo("POST", "/api/v1/me/feed", "", http.StatusCreated, &got)
	if got.PersonID == nil || *got.PersonID != e.admin.ID || got.ForumID != nil {
		t.Fatalf("feed answer = %+v, want the admin's personal feed", got)
	}
	w := e.anonymous(strings.TrimPrefix(got.URL, "http://example.com"))
	if w.Code != http.StatusOK {
		t.Fatalf("personal feed = %d; body %s", w.Code, w.Body)
	}
	body := w.Body.String()
	for _, want := range []string{
		"X-WR-CALNAME:Ada Admin's meetings",
		fmt.Sprintf("UID:forum-%d-2026-03-26T09:00@radiator", f.ID),
		fmt.Sprintf("UID:forum-%d-2026-03-09T16:00@radiator", weekly.ID),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("personal feed lacks %q", want)
		}
	}
	if strings.Contains(body, fmt.Sprintf("UID:forum-%d-", other.ID)) {
		t.Errorf("personal feed holds meetings of a forum the person is not a member of")
	}
}

func TestFeedNotFound(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/feeds/rdf_unknown.ics", "/feeds/rdf_unknown", "/feeds/" + e.token + ".ics", "/feeds/"} {
		if w := e.anonymous(path); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, w.Code)
		}
	}
	w := e.do("POST", "/api/v1/forums/999/feed", "")
	if got := apiErr(t, w); w.Code != http.StatusNotFound || got.Code != radiator.ENOTFOUND {
		t.Errorf("feed of an unknown forum = %d %+v, want 404", w.Code, got)
	}
}
