package http

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/radiator-hq/radiator"
)

// getPage fetches a page as the admin and fails unless it answers want.
func (e *env) getPage(path string, want int) string {
	e.t.Helper()
	w := e.do("GET", path, "")
	if w.Code != want {
		e.t.Fatalf("GET %s = %d, want %d; body %s", path, w.Code, want, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		e.t.Errorf("GET %s Content-Type = %q, want HTML", path, ct)
	}
	return w.Body.String()
}

// containsInOrder reports the first of parts not found in s after the
// previous one, or "" when all are there in order.
func containsInOrder(s string, parts ...string) string {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return p
		}
		s = s[i+len(p):]
	}
	return ""
}

var sectionPattern = regexp.MustCompile(`(?s)<section class="tier tier-(\d)" data-tier="(\d)" id="tier-\d">(.*?)</section>`)

func TestHomePage(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	body := e.getPage("/", http.StatusOK)

	sections := sectionPattern.FindAllStringSubmatch(body, -1)
	if len(sections) != 4 {
		t.Fatalf("home page has %d tier sections, want 4:\n%s", len(sections), body)
	}
	titles := []string{"Scrum teams", "Scrum of Scrums", "Project and portfolio planning", "Agile steering"}
	for i, s := range sections {
		tier := fmt.Sprint(i + 1)
		if s[1] != tier || s[2] != tier {
			t.Errorf("section %d is tier %s/%s, want %s", i, s[1], s[2], tier)
		}
		heading := fmt.Sprintf(`<h2><span class="tier-label">S%s</span> — %s</h2>`, tier, titles[i])
		if !strings.Contains(s[3], heading) {
			t.Errorf("tier %s section lacks %s:\n%s", tier, heading, s[3])
		}
	}
	tests := []struct {
		name  string
		tier  int
		parts []string
	}{
		{"teams grouped by product, by name", 1, []string{
			`<h3 class="product-name">Mail Cloud</h3>`,
			fmt.Sprintf(`<a class="card-title" href="/teams/%d">Delivery Hawks</a>`, f.teams[1].ID),
			`<p class="member-count">0 members</p>`,
			fmt.Sprintf(`<a class="card-title" href="/teams/%d">Inbox Crew</a>`, f.teams[0].ID),
			`<p class="kind">Scrum team</p>`,
			`<p class="cadence">Daily at 09:30 UTC, 15 min</p>`,
			`<p class="member-count">2 members</p>`,
		}},
		{"scrum of scrums", 2, []string{
			fmt.Sprintf(`<a class="card-title" href="/forums/%d">Mail Scrum of Scrums</a>`, f.sos.ID),
			`<p class="cadence">With the release: Tue and Thu while sprinting at 16:00 UTC, 30 min</p>`,
			`<p class="member-count">1 member</p>`,
		}},
		{"portfolio", 3, []string{fmt.Sprintf(`href="/forums/%d">Portfolio Board</a>`, f.portfolio.ID), `<p class="cadence">On demand</p>`}},
		{"steering", 4, []string{fmt.Sprintf(`href="/forums/%d">Agile Steering</a>`, f.steering.ID), `<p class="cadence">Quarterly at 10:00 UTC, 120 min</p>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if missing := containsInOrder(sections[tt.tier-1][3], tt.parts...); missing != "" {
				t.Errorf("S%d section lacks, in order, %s:\n%s", tt.tier, missing, sections[tt.tier-1][3])
			}
		})
	}
	if missing := containsInOrder(body, `<a class="brand" href="/" id="organisation-name">My organisation</a>`,
		`<span id="signed-in-person">Ada Admin</span>`, `<form method="post" action="/logout"`, `<h1 id="page-title">Forums</h1>`); missing != "" {
		t.Errorf("home page lacks %s", missing)
	}
	if !strings.Contains(body, `<link rel="stylesheet" href="/static/radiator.css?v=`+e.srv.static["radiator.css"].sum+`">`) {
		t.Errorf("home page does not link the stylesheet with its checksum")
	}
}

func TestHomePageEmpty(t *testing.T) {
	e := newEnv(t)
	body := e.getPage("/", http.StatusOK)
	if !strings.Contains(body, `id="no-forums"`) || strings.Contains(body, `class="tier `) {
		t.Errorf("home page without forums:\n%s", body)
	}
}

func TestForumPage(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	tests := []struct {
		name  string
		path  string
		parts []string
	}{
		{"scrum of scrums", fmt.Sprintf("/forums/%d", f.sos.ID), []string{
			`<p class="tier-badge tier-2" data-tier="2"><span class="tier-label">S2</span> Scrum of Scrums</p>`,
			`<h1 id="page-title">Mail Scrum of Scrums</h1>`,
			`<dd id="forum-kind">Scrum of Scrums</dd>`,
			`<dd id="forum-product">Mail Cloud</dd>`,
			`<p class="cadence-note" id="cadence-note">Its rhythm follows the release`,
			`<p class="purpose" id="forum-purpose">Hold the release goal of Mail Cloud.</p>`,
			fmt.Sprintf(`<a id="parent-forum" href="/forums/%d"><span class="tier-label tier-3">S3</span> Portfolio Board</a>`, f.portfolio.ID),
			fmt.Sprintf(`<a href="/teams/%d"><span class="tier-label tier-1">S1</span> Delivery Hawks</a>`, f.teams[1].ID),
			fmt.Sprintf(`<a href="/teams/%d"><span class="tier-label tier-1">S1</span> Inbox Crew</a>`, f.teams[0].ID),
			`<table id="members">`,
			fmt.Sprintf(`<tr data-person-id="%d">`, f.sm.ID),
			`<td class="name">Sam Master</td>`,
			`<span class="role role-chief_scrum_master">Chief Scrum Master</span>`,
		}},
		{"steering, at the top", fmt.Sprintf("/forums/%d", f.steering.ID), []string{
			`<h1 id="page-title">Agile Steering</h1>`,
			fmt.Sprintf(`<a href="/forums/%d"><span class="tier-label tier-3">S3</span> Portfolio Board</a>`, f.portfolio.ID),
			`<p class="empty" id="no-members">`,
		}},
		{"a team's forum", fmt.Sprintf("/forums/%d", f.teams[0].ForumID), []string{
			`<h1 id="page-title">Inbox Crew</h1>`,
			fmt.Sprintf(`<a id="forum-team" href="/teams/%d">`, f.teams[0].ID),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := e.getPage(tt.path, http.StatusOK)
			if missing := containsInOrder(body, tt.parts...); missing != "" {
				t.Errorf("GET %s lacks, in order, %s:\n%s", tt.path, missing, body)
			}
		})
	}
}

func TestTeamPage(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	tests := []struct {
		name   string
		team   *radiator.Team
		parts  []string
		absent []string
	}{
		{"with a sprint running", f.teams[0], []string{
			`<h1 id="page-title">Inbox Crew</h1>`,
			`<dd id="team-product">Mail Cloud <span class="key">MAIL</span></dd>`,
			fmt.Sprintf(`<a id="parent-forum" href="/forums/%d"><span class="tier-label tier-2">S2</span> Mail Scrum of Scrums</a>`, f.sos.ID),
			`<p class="sprint-name" id="sprint-name">Sprint 7</p>`,
			`<p class="sprint-dates" id="sprint-dates">Mon 23 Feb 2026 – Fri 6 Mar 2026</p>`,
			`<p class="sprint-goal" id="sprint-goal">Threads load in under a second.</p>`,
			`<p class="progress" id="sprint-progress">3 of 8 points done</p>`,
			fmt.Sprintf(`<tr data-item-id="%d" data-state="done">`, f.items[0].ID),
			`<td class="title">Cache thread lists</td>`,
			`<span class="state state-done">Done</span>`,
			fmt.Sprintf(`<tr data-item-id="%d" data-state="in_progress">`, f.items[1].ID),
			`<span class="state state-in_progress">In progress</span>`,
			fmt.Sprintf(`<tr data-sprint-id="%d">`, f.nextSprint.ID),
			`<table id="members">`,
			`<td class="name">Olga Owner</td>`,
			`<span class="role role-product_owner">Product Owner</span>, <span class="role role-member">Member</span>`,
			`<td class="name">Sam Master</td>`,
			`<span class="role role-scrum_master">Scrum Master</span>`,
		}, []string{`id="no-sprint"`}},
		{"without a sprint", f.teams[1], []string{
			`<h1 id="page-title">Delivery Hawks</h1>`,
			`<p class="empty" id="no-sprint">No sprint running today (Wed 4 Mar 2026).</p>`,
			`<p class="empty" id="no-members">`,
		}, []string{`id="sprint-items"`, `id="sprints"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := fmt.Sprintf("/teams/%d", tt.team.ID)
			body := e.getPage(path, http.StatusOK)
			if missing := containsInOrder(body, tt.parts...); missing != "" {
				t.Errorf("GET %s lacks, in order, %s:\n%s", path, missing, body)
			}
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("GET %s has %s", path, a)
				}
			}
		})
	}
}

func TestPageNotFound(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/teams/999", "/teams/x", "/forums/999", "/forums/-1", "/nowhere"} {
		t.Run(path, func(t *testing.T) {
			body := e.getPage(path, http.StatusNotFound)
			if !strings.Contains(body, `<p id="error-message">`) {
				t.Errorf("GET %s does not show an error page:\n%s", path, body)
			}
		})
	}
}

func TestSplitSprints(t *testing.T) {
	mk := func(id int64, start, end string) *radiator.Sprint {
		return &radiator.Sprint{ID: id, Start: radiator.MustDate(start), End: radiator.MustDate(end)}
	}
	var sprints []*radiator.Sprint
	for i := range 8 { // two-week sprints from 5 January 2026
		start := radiator.MustDate("2026-01-05").AddDays(14 * i)
		sprints = append(sprints, mk(int64(8-i), start.String(), start.AddDays(11).String()))
	}
	ids := func(ss []*radiator.Sprint) []int64 {
		var out []int64
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	tests := []struct {
		today          string
		current        int64
		upcoming, past []int64
	}{
		{"2026-02-04", 6, []int64{5, 4, 3}, []int64{7, 8}},
		{"2026-02-14", 0, []int64{5, 4, 3}, []int64{6, 7, 8}}, // a weekend between sprints
		{"2026-05-01", 0, nil, []int64{1, 2, 3}},
		{"2025-12-01", 0, []int64{8, 7, 6}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.today, func(t *testing.T) {
			cur, up, past := splitSprints(append([]*radiator.Sprint(nil), sprints...), radiator.MustDate(tt.today))
			var curID int64
			if cur != nil {
				curID = cur.ID
			}
			if curID != tt.current || fmt.Sprint(ids(up)) != fmt.Sprint(tt.upcoming) || fmt.Sprint(ids(past)) != fmt.Sprint(tt.past) {
				t.Errorf("splitSprints = %d, %v, %v; want %d, %v, %v", curID, ids(up), ids(past), tt.current, tt.upcoming, tt.past)
			}
		})
	}
}

func TestStatic(t *testing.T) {
	e := newEnv(t)
	sum := e.srv.static["radiator.css"].sum
	tests := []struct {
		name, path   string
		status       int
		cacheControl string
	}{
		{"current checksum", "/static/radiator.css?v=" + sum, 200, "public, max-age=31536000, immutable"},
		{"old checksum", "/static/radiator.css?v=0000", 200, "no-cache"},
		{"no checksum", "/static/radiator.css", 200, "no-cache"},
		{"svg", "/static/favicon.svg", 200, "no-cache"},
		{"unknown file", "/static/nothing.css", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(httptest.NewRequest("GET", tt.path, nil))
			if w.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d", tt.path, w.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := w.Header().Get("Cache-Control"); got != tt.cacheControl {
				t.Errorf("Cache-Control = %q, want %q", got, tt.cacheControl)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") && !strings.HasPrefix(ct, "image/svg+xml") {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
	t.Run("not modified", func(t *testing.T) {
		r := httptest.NewRequest("GET", "/static/radiator.css", nil)
		r.Header.Set("If-None-Match", `"`+sum+`"`)
		if w := e.serve(r); w.Code != http.StatusNotModified {
			t.Errorf("GET with the current ETag = %d, want 304", w.Code)
		}
	})
}

func TestCadenceSummary(t *testing.T) {
	tests := []struct {
		c    radiator.Cadence
		want string
	}{
		{radiator.Cadence{Mode: radiator.CadenceWeekly, Weekdays: []string{"wed"}, Time: "14:00", Minutes: 60, TimeZone: "Europe/Berlin"}, "Wed at 14:00 Europe/Berlin, 60 min"},
		{radiator.Cadence{Mode: radiator.CadenceWeekly, Weekdays: []string{"mon", "wed", "fri"}, Time: "09:00", Minutes: 15, TimeZone: "UTC"}, "Mon, Wed and Fri at 09:00 UTC, 15 min"},
		{radiator.DefaultCadence(radiator.ForumPortfolio), "On demand"},
	}
	for _, tt := range tests {
		if got := cadenceSummary(tt.c); got != tt.want {
			t.Errorf("cadenceSummary(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}
