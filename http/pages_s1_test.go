package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// postForm sends a page's form as the admin.
func (e *env) postForm(path string, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Authorization", "Bearer "+e.token)
	return e.serve(r)
}

// followFlash checks that a form action answered 303 to location with a
// flash, and returns the page it leads to, which must show the flash once.
func (e *env) followFlash(w *httptest.ResponseRecorder, location, flash string) string {
	e.t.Helper()
	if w.Code != http.StatusSeeOther {
		e.t.Fatalf("form answered %d, want 303; body %s", w.Code, w.Body)
	}
	if got := w.Header().Get("Location"); got != location {
		e.t.Fatalf("form redirects to %q, want %q", got, location)
	}
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == flashCookie {
			cookie = c
		}
	}
	if cookie == nil {
		e.t.Fatalf("form sets no flash; headers %v", w.Header())
	}
	r := e.request("GET", location, "")
	r.AddCookie(cookie)
	page := e.serve(r)
	if page.Code != http.StatusOK {
		e.t.Fatalf("GET %s = %d; body %s", location, page.Code, page.Body)
	}
	body := page.Body.String()
	want := `<p class="flash flash-ok" id="flash" role="status">` + flash + `</p>`
	if !strings.Contains(body, want) {
		e.t.Errorf("GET %s does not show the flash %s:\n%s", location, want, body)
	}
	cleared := false
	for _, c := range page.Result().Cookies() {
		cleared = cleared || c.Name == flashCookie && c.MaxAge < 0
	}
	if !cleared {
		e.t.Errorf("GET %s shows the flash but does not clear it", location)
	}
	return body
}

// item returns a backlog item as stored now.
func (e *env) item(id int64) *radiator.BacklogItem {
	e.t.Helper()
	it, err := e.store.FindBacklogItemByID(context.Background(), id)
	if err != nil {
		e.t.Fatalf("find item %d: %v", id, err)
	}
	return it
}

// sprintNow returns a sprint as stored now.
func (e *env) sprintNow(id int64) *radiator.Sprint {
	e.t.Helper()
	sp, err := e.store.FindSprintByID(context.Background(), id)
	if err != nil {
		e.t.Fatalf("find sprint %d: %v", id, err)
	}
	return sp
}

// backlogTitles returns the titles of a team's backlog in rank order.
func (e *env) backlogTitles(teamID int64) []string {
	e.t.Helper()
	items, err := e.srv.teamBacklog(context.Background(), teamID)
	if err != nil {
		e.t.Fatal(err)
	}
	titles := []string{}
	for _, it := range items {
		titles = append(titles, it.Title)
	}
	return titles
}

// wantParts fails unless body holds the parts in order and none of absent.
func wantParts(t testing.TB, what, body string, parts []string, absent ...string) {
	t.Helper()
	if missing := containsInOrder(body, parts...); missing != "" {
		t.Errorf("%s lacks, in order, %s:\n%s", what, missing, body)
	}
	for _, a := range absent {
		if strings.Contains(body, a) {
			t.Errorf("%s has %s", what, a)
		}
	}
}

var (
	columnPattern = regexp.MustCompile(`(?s)<div class="column[^"]*" data-column="([a-z0-9_]+)"[^>]*>(.*?)</ol>`)
	cardPattern   = regexp.MustCompile(`<li class="card[^"]*" id="card-\d+" data-item="(\d+)" data-version="(\d+)"`)
	rowPattern    = regexp.MustCompile(`<li class="backlog-item[^"]*" id="item-\d+" data-item="(\d+)"`)
)

// boardCards returns the cards of a board page by column key, as
// "ID@version", in the order shown, across all lanes.
func boardCards(body string) map[string][]string {
	cards := map[string][]string{}
	for _, col := range columnPattern.FindAllStringSubmatch(body, -1) {
		for _, c := range cardPattern.FindAllStringSubmatch(col[2], -1) {
			cards[col[1]] = append(cards[col[1]], c[1]+"@"+c[2])
		}
	}
	return cards
}

func cardKey(it *radiator.BacklogItem) string { return fmt.Sprintf("%d@%d", it.ID, it.Version) }

// backlogRows returns the item IDs of a backlog page in the order shown.
func backlogRows(body string) []string {
	ids := []string{}
	for _, m := range rowPattern.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

func ids(items ...*radiator.BacklogItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, strconv.FormatInt(it.ID, 10))
	}
	return out
}

func TestBoardPage(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	it := f.items
	path := fmt.Sprintf("/teams/%d/board", f.team.ID)
	body := e.getPage(path, http.StatusOK)

	wantParts(t, "board", body, []string{
		`<p class="tier-badge tier-1" data-tier="1"><span class="tier-label">S1</span> Scrum team of Mail Cloud</p>`,
		`<h1 id="page-title">Inbox Crew</h1>`,
		fmt.Sprintf(`<a href="/teams/%d/board" id="nav-board" aria-current="page">Board</a>`, f.team.ID),
		`<p class="flash flash-conflict" id="conflict" role="alert" hidden></p>`,
		fmt.Sprintf(`<a href="/sprints/%d" id="board-sprint-link">Sprint 7</a>`, f.sprint.ID),
		`<p class="sprint-state">8 working days left</p>`,
		fmt.Sprintf(`<div class="board" id="board" data-team="%d" data-lanes="none" data-refresh="%s" data-sprint="%d">`, f.team.ID, path, f.sprint.ID),
		`<div class="column-head" data-column="todo" data-wip-limit="0">`,
		`<span class="count">2</span> <span class="count-unit">cards</span> · <span class="column-points">3</span> <span class="points-unit">points</span>`,
		`<div class="column-head" data-column="doing" data-wip-limit="1">`,
		`<span class="count">0</span>`,
		`<p class="wip">WIP limit 1<span class="over-limit-note" hidden> · over the limit</span></p>`,
		`<div class="column-head" data-column="review" data-wip-limit="0">`,
		`<div class="column-head" data-column="done" data-wip-limit="0">`,
		`<span class="count">2</span> <span class="count-unit">cards</span> · <span class="column-points">8</span>`,
		`<section class="lane" data-lane="all" aria-label="Cards">`,
		`<p class="card-title">Story C</p>`,
		`<input type="hidden" name="item" value="` + strconv.FormatInt(it["C"].ID, 10) + `">`,
		`<option value="todo" selected>To do</option><option value="doing">Doing</option>`,
		`<p class="card-parent">Threads</p>`,
		`<p class="card-title">Story A</p>`,
		`<span class="avatar" title="Dana Dev"><span aria-hidden="true">DD</span>`,
		`<script type="module" src="/static/board.js?v=` + e.srv.static["board.js"].sum + `"></script>`,
	}, `id="no-sprint"`, `class="column-head over-limit"`)

	want := map[string][]string{
		"todo": {cardKey(it["C"]), cardKey(it["F"])},
		"done": {cardKey(it["A"]), cardKey(it["B"])},
	}
	if diff := cmp.Diff(want, boardCards(body)); diff != "" {
		t.Errorf("cards by column (-want +got):\n%s", diff)
	}
	if !strings.Contains(body, fmt.Sprintf(`data-url="/api/v1/backlog-items/%d" tabindex="0" draggable="true"`, it["C"].ID)) {
		t.Errorf("card C cannot be focused and dragged, or lacks its API address")
	}
}

func TestBoardPageLanes(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	tests := []struct {
		lanes string
		parts []string
	}{
		{"assignee", []string{
			fmt.Sprintf(`<a href="/teams/%d/board?lanes=assignee" data-lanes="assignee" aria-current="true">By assignee</a>`, f.team.ID),
			fmt.Sprintf(`<section class="lane" data-lane="assignee-%d" aria-label="Dana Dev">`, f.dana.ID),
			`<h3 class="lane-title">Dana Dev <span class="lane-stats">1 card · 5 points</span></h3>`,
			`<p class="card-title">Story B</p>`,
			`<section class="lane" data-lane="assignee-none" aria-label="Unassigned">`,
			`<span class="lane-stats">3 cards · 6 points</span>`,
			`<p class="card-title">Story C</p>`,
			`<input type="hidden" name="lanes" value="assignee">`,
		}},
		{"parent", []string{
			fmt.Sprintf(`<section class="lane" data-lane="parent-%d" aria-label="Threads">`, f.feature.ID),
			`<p class="card-title">Story A</p>`,
			`<section class="lane" data-lane="parent-none" aria-label="No feature">`,
			`<p class="card-title">Story C</p>`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lanes, func(t *testing.T) {
			path := fmt.Sprintf("/teams/%d/board?lanes=%s", f.team.ID, tt.lanes)
			body := e.getPage(path, http.StatusOK)
			wantParts(t, path, body, tt.parts)
			// Lanes never lose a card.
			all := 0
			for _, cards := range boardCards(body) {
				all += len(cards)
			}
			if all != 4 {
				t.Errorf("%s shows %d cards, want 4", path, all)
			}
		})
	}
}

func TestBoardPageStates(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	ctx := context.Background()
	for _, key := range []string{"C", "F"} {
		if _, err := e.store.UpdateBacklogItem(ctx, f.items[key].ID, radiator.BacklogItemUpdate{Version: f.items[key].Version, Column: ptr("doing")}); err != nil {
			t.Fatal(err)
		}
	}
	other := &radiator.Team{ProductID: f.product.ID, Name: "Delivery Hawks"}
	if err := e.store.CreateTeam(ctx, other); err != nil {
		t.Fatal(err)
	}
	otherSprint := &radiator.Sprint{TeamID: other.ID, Name: "Hawks 1", Start: radiator.MustDate("2026-03-02"), End: radiator.MustDate("2026-03-13"), State: radiator.SprintPlanned}
	if err := e.store.CreateSprint(ctx, otherSprint); err != nil {
		t.Fatal(err)
	}

	t.Run("over the WIP limit", func(t *testing.T) {
		body := e.getPage(fmt.Sprintf("/teams/%d/board", f.team.ID), http.StatusOK)
		wantParts(t, "board", body, []string{
			`<div class="column-head over-limit" data-column="doing" data-wip-limit="1">`,
			`<span class="count">2</span>`,
			`<p class="wip">WIP limit 1<span class="over-limit-note"> · over the limit</span></p>`,
			`<div class="column" data-column="todo"`,
			`<div class="column over-limit" data-column="doing"`,
			`<div class="column" data-column="review"`,
		})
	})
	t.Run("the next sprint", func(t *testing.T) {
		body := e.getPage(fmt.Sprintf("/teams/%d/board?sprint_id=%d", f.team.ID, f.next.ID), http.StatusOK)
		wantParts(t, "board of sprint 8", body, []string{`id="board-sprint-link">Sprint 8</a>`, `<p class="sprint-state">Planned</p>`})
		if cards := boardCards(body); len(cards) != 0 {
			t.Errorf("sprint 8 shows cards %v, want none", cards)
		}
	})
	t.Run("a team without sprints", func(t *testing.T) {
		if err := e.store.DeleteSprint(ctx, otherSprint.ID, 0); err != nil {
			t.Fatal(err)
		}
		body := e.getPage(fmt.Sprintf("/teams/%d/board", other.ID), http.StatusOK)
		wantParts(t, "empty board", body, []string{
			`<p class="empty" id="no-sprint">Delivery Hawks has no active or planned sprint.`,
			`<div class="column-head" data-column="todo"`,
			`<div class="column-head" data-column="in_progress"`,
			`<div class="column-head" data-column="done"`,
		}, `<li class="card`)
	})
	for _, tt := range []struct {
		name, path string
		status     int
	}{
		{"unknown swimlanes", fmt.Sprintf("/teams/%d/board?lanes=colour", f.team.ID), http.StatusUnprocessableEntity},
		{"another team's sprint", fmt.Sprintf("/teams/%d/board?sprint_id=%d", f.team.ID, otherSprint.ID), http.StatusUnprocessableEntity},
		{"unknown team", "/teams/999/board", http.StatusNotFound},
		{"backlog of an unknown team", "/teams/999/backlog", http.StatusNotFound},
		{"planning of an unknown team", "/teams/999/planning", http.StatusNotFound},
		{"unknown sprint", "/sprints/999", http.StatusNotFound},
		{"malformed sprint", "/sprints/x", http.StatusNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := e.getPage(tt.path, tt.status)
			if !strings.Contains(body, `<p id="error-message">`) {
				t.Errorf("GET %s shows no error:\n%s", tt.path, body)
			}
		})
	}
}

func TestBoardMoveForm(t *testing.T) {
	tests := []struct {
		name     string
		form     func(f *boardFixture) url.Values
		status   int
		location string // relative to the team's board, for 303
		flash    string
		problem  string // shown on the page again
		column   string // where C is afterwards
	}{
		{"to another column", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}, "column": {"doing"}, "lanes": {"none"}}
		}, 303, "", "Moved “Story C” to Doing.", "", "doing"},
		{"keeping the swimlanes", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}, "column": {"done"}, "lanes": {"assignee"}}
		}, 303, "?lanes=assignee", "Moved “Story C” to Done.", "", "done"},
		{"after someone else moved it", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}, "column": {"doing"}}
		}, 409, "", "", "", "review"},
		{"an unknown column", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}, "column": {"limbo"}}
		}, 422, "", "", `<p class="flash flash-problem" id="problem" role="alert">Column: the board of Inbox Crew has no column &#34;limbo&#34;</p>`, ""},
		{"an unknown item", func(f *boardFixture) url.Values {
			return url.Values{"item": {"999"}, "version": {"1"}, "column": {"doing"}}
		}, 404, "", "", `id="problem" role="alert">`, ""},
		{"no version", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "column": {"doing"}}
		}, 422, "", "", `id="problem" role="alert">Version: is required</p>`, ""},
		{"no column", func(f *boardFixture) url.Values {
			return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}}
		}, 422, "", "", `id="problem" role="alert">Column: is required</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.boardFixture()
			board := fmt.Sprintf("/teams/%d/board", f.team.ID)
			form := tt.form(f)
			before := f.items["C"]
			if tt.status == http.StatusConflict {
				// Someone else moves C first: the form's version is stale.
				var err error
				before, err = e.store.UpdateBacklogItem(context.Background(), before.ID, radiator.BacklogItemUpdate{Version: before.Version, Column: ptr("review")})
				if err != nil {
					t.Fatal(err)
				}
			}
			w := e.postForm(board+"/move", form)
			c := e.item(f.items["C"].ID)
			if tt.status == http.StatusSeeOther {
				body := e.followFlash(w, board+tt.location, tt.flash)
				if c.Column != tt.column {
					t.Errorf("C is in column %q, want %q", c.Column, tt.column)
				}
				if cards := boardCards(body)[tt.column]; !slices.Contains(cards, cardKey(c)) {
					t.Errorf("the board after the move shows %v in %s, want C at version %d", cards, tt.column, c.Version)
				}
				return
			}
			if w.Code != tt.status {
				t.Fatalf("move = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if c.Version != before.Version {
				t.Errorf("a refused move changed C to version %d", c.Version)
			}
			body := w.Body.String()
			if tt.status == http.StatusConflict {
				wantParts(t, "board after a conflict", body, []string{
					`<p class="flash flash-conflict" id="conflict" role="alert">Someone else moved this card; the board has been refreshed.</p>`,
				})
			} else {
				wantParts(t, "board after a refused move", body, []string{tt.problem}, `id="conflict" role="alert">S`)
			}
			// The page shown again is the board as stored.
			column := tt.column
			if column == "" {
				column = "todo"
			}
			if cards := boardCards(body)[column]; !slices.Contains(cards, cardKey(c)) {
				t.Errorf("the board shown again has %v in %s, want C at version %d", cards, column, c.Version)
			}
		})
	}
}

func id(it *radiator.BacklogItem) string  { return strconv.FormatInt(it.ID, 10) }
func ver(it *radiator.BacklogItem) string { return strconv.FormatInt(it.Version, 10) }

func TestPageFormsRefuseOtherSites(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	c := f.items["C"]
	form := url.Values{"item": {id(c)}, "version": {ver(c)}, "column": {"doing"}}
	r := httptest.NewRequest("POST", fmt.Sprintf("/teams/%d/board/move", f.team.ID), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Authorization", "Bearer "+e.token)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if w := e.serve(r); w.Code != http.StatusForbidden {
		t.Errorf("a form from another site = %d, want 403", w.Code)
	}
	if got := e.item(c.ID); got.Version != c.Version {
		t.Errorf("a form from another site moved the card")
	}
}

func TestS1PagesNeedSignIn(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.srv.routes() {
		if rt.public || strings.HasPrefix(rt.path, "/api/") || !strings.Contains(rt.path, "{id}/") && !strings.HasPrefix(rt.path, "/sprints/") {
			continue
		}
		t.Run(rt.pattern(), func(t *testing.T) {
			path := strings.ReplaceAll(rt.path, "{id}", "1")
			w := e.serve(httptest.NewRequest(rt.method, path, nil))
			if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
				t.Errorf("%s %s without signing in = %d to %q, want 303 to the login page", rt.method, path, w.Code, w.Header().Get("Location"))
			}
		})
	}
}

func TestBacklogPage(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	ctx := context.Background()
	d, ee := f.items["D"], f.items["E"]
	d, err := e.store.UpdateBacklogItem(ctx, d.ID, radiator.BacklogItemUpdate{Version: d.Version, Labels: &[]string{"mobile"}, Description: ptr("Offline drafts for the train.")})
	if err != nil {
		t.Fatal(err)
	}
	ee, err = e.store.UpdateBacklogItem(ctx, ee.ID, radiator.BacklogItemUpdate{Version: ee.Version, ParentID: radiator.SetTo(f.feature.ID)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/teams/%d/backlog", f.team.ID)

	t.Run("all", func(t *testing.T) {
		body := e.getPage(path, http.StatusOK)
		wantParts(t, "backlog", body, []string{
			fmt.Sprintf(`<a href="/teams/%d/backlog" id="nav-backlog" aria-current="page">Backlog</a>`, f.team.ID),
			`<span class="figure-value" id="sprints-ready">–</span> <span class="figure-label">sprints ready</span>`,
			`<span class="figure-value" id="ready-points">8</span>`,
			`<p class="figure figure-warn"><span class="figure-value" id="flagged-count">1</span>`,
			`No velocity yet`,
			`2 stories in the backlog, 1 not ready.`,
			`<option value="mobile">mobile</option>`,
			fmt.Sprintf(`<option value="%d">Threads</option>`, f.feature.ID),
			fmt.Sprintf(`<option value="%d">Sprint 7 (Active)</option><option value="%d">Sprint 8 (Planned)</option>`, f.sprint.ID, f.next.ID),
			fmt.Sprintf(`<ol class="backlog-list" id="backlog" data-team="%d" data-refresh="%s" data-filtered="false">`, f.team.ID, path),
			fmt.Sprintf(`<li class="backlog-item" id="item-%d" data-item="%d" data-version="%d"`, d.ID, d.ID, d.Version),
			fmt.Sprintf(`<input type="checkbox" name="item" value="%d" form="bulk-form"`, d.ID),
			fmt.Sprintf(`<input type="hidden" name="version-%d" value="%d" form="bulk-form"`, d.ID, d.Version),
			`<span class="position">1</span>`,
			`<p class="item-title">Story D</p>`,
			`<span class="label">mobile</span>`,
			`<span class="item-points" title="Story points">8</span>`,
			`<input type="hidden" name="prev" value="">`,
			fmt.Sprintf(`<input type="hidden" name="next" value="%d">`, ee.ID),
			fmt.Sprintf(`<li class="backlog-item flagged" id="item-%d" data-item="%d"`, ee.ID, ee.ID),
			`<span class="position">2</span>`,
			`<span class="item-parent">Threads</span>`,
			`<p class="item-flags"><span class="flag-marker">Not ready:</span> no estimate; no acceptance criteria; <span class="open-checks" title="Not ticked: Small enough">1 check of the definition of ready not ticked</span></p>`,
			fmt.Sprintf(`<input type="hidden" name="prev" value="%d">`, d.ID),
			`<script type="module" src="/static/backlog.js?v=` + e.srv.static["backlog.js"].sum + `"></script>`,
		}, `id="look-ahead"`, `id="clear-filters"`)
		if diff := cmp.Diff(ids(d, ee), backlogRows(body)); diff != "" {
			t.Errorf("backlog order (-want +got):\n%s", diff)
		}
	})

	filters := []struct {
		name, query string
		want        []string
	}{
		{"state", "state=new", ids(ee)},
		{"label", "label=mobile", ids(d)},
		{"text", "text=drafts", ids(d)},
		{"parent", fmt.Sprintf("parent=%d", f.feature.ID), ids(ee)},
		{"nothing matches", "state=done", []string{}},
	}
	for _, tt := range filters {
		t.Run("filter by "+tt.name, func(t *testing.T) {
			body := e.getPage(path+"?"+tt.query, http.StatusOK)
			if diff := cmp.Diff(tt.want, backlogRows(body)); diff != "" {
				t.Errorf("?%s shows (-want +got):\n%s", tt.query, diff)
			}
			wantParts(t, "?"+tt.query, body, []string{`id="clear-filters">Show all</a>`})
			if len(tt.want) == 0 && !strings.Contains(body, `<p class="empty" id="no-items">No story matches the filter.</p>`) {
				t.Errorf("?%s does not say that nothing matches", tt.query)
			}
			if len(tt.want) > 0 && !strings.Contains(body, fmt.Sprintf(`Filtered: %d of 2 stories shown.`, len(tt.want))) {
				t.Errorf("?%s does not say how many of the stories it shows", tt.query)
			}
		})
	}
	t.Run("a bad filter", func(t *testing.T) {
		e.getPage(path+"?state=lost", http.StatusUnprocessableEntity)
	})

	t.Run("with a velocity", func(t *testing.T) {
		// Closing sprint 7 at now: A and B are done (8 points), C and F go
		// back to the top of the backlog.
		sp := e.sprintNow(f.sprint.ID)
		e.clock.Advance(time.Hour) // the team closes the sprint after its last move
		if _, err := e.store.CloseSprint(ctx, sp.ID, radiator.SprintClose{Version: sp.Version, Unfinished: radiator.UnfinishedToBacklog}); err != nil {
			t.Fatal(err)
		}
		body := e.getPage(path, http.StatusOK)
		wantParts(t, "backlog with a velocity", body, []string{
			`id="sprints-ready">1.3</span>`, // 11 ready points at 8
			`id="ready-points">11</span>`,
			`id="velocity">8</span>`,
			`<p class="figure look-ahead-sprint" data-sprint="1"><span class="figure-value"><span class="look-ahead-points">3</span><span class="figure-of"> / 8</span></span> <span class="figure-label">next sprint, 2 stories</span></p>`,
			`<p class="figure look-ahead-sprint" data-sprint="2"><span class="figure-value"><span class="look-ahead-points">8</span><span class="figure-of"> / 8</span></span> <span class="figure-label">sprint after, 1 story</span></p>`,
			`1.3 sprints of ready work at a velocity of 8 points (8–8 over 1 sprints).`,
			fmt.Sprintf(`id="item-%d"`, f.items["C"].ID),
			`<span class="look-ahead-tag" data-sprint="1">Next sprint</span>`,
			fmt.Sprintf(`id="item-%d"`, f.items["F"].ID),
			`<span class="look-ahead-tag" data-sprint="1">Next sprint</span>`,
			fmt.Sprintf(`id="item-%d"`, d.ID),
			`<span class="look-ahead-tag" data-sprint="2">Sprint after</span>`,
		})
		if diff := cmp.Diff(ids(f.items["C"], f.items["F"], d, ee), backlogRows(body)); diff != "" {
			t.Errorf("backlog order after the close (-want +got):\n%s", diff)
		}
	})
}

func TestBacklogMoveForm(t *testing.T) {
	tests := []struct {
		name    string
		form    func(d, e *radiator.BacklogItem) url.Values
		status  int
		query   string
		flash   string
		problem string
		order   []string
	}{
		{"up", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(e)}, "version": {ver(e)}, "to": {"up"}, "prev": {id(d)}, "next": {""}}
		}, 303, "", "Moved “Story E” up.", "", []string{"Story E", "Story D"}},
		{"down, keeping the filter", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(d)}, "version": {ver(d)}, "to": {"down"}, "prev": {""}, "next": {id(e)}, "text": {"story"}, "state": {"ready"}}
		}, 303, "?state=ready&text=story", "Moved “Story D” down.", "", []string{"Story E", "Story D"}},
		{"to the top", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(e)}, "version": {ver(e)}, "to": {"top"}}
		}, 303, "", "Moved “Story E” to the top.", "", []string{"Story E", "Story D"}},
		{"to the bottom", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(d)}, "version": {ver(d)}, "to": {"bottom"}}
		}, 303, "", "Moved “Story D” to the bottom.", "", []string{"Story E", "Story D"}},
		{"a stale version", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(e)}, "version": {"1"}, "to": {"top"}}
		}, 409, "", "", `<p class="flash flash-conflict" id="conflict" role="alert">Someone else changed this item meanwhile; the backlog has been refreshed.`, []string{"Story D", "Story E"}},
		{"up from the top", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(d)}, "version": {ver(d)}, "to": {"up"}, "prev": {""}}
		}, 422, "", "", `id="problem" role="alert">To: the item is at the top already</p>`, []string{"Story D", "Story E"}},
		{"nowhere", func(d, e *radiator.BacklogItem) url.Values {
			return url.Values{"item": {id(d)}, "version": {ver(d)}}
		}, 422, "", "", `id="problem" role="alert">To: is required</p>`, []string{"Story D", "Story E"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.boardFixture()
			d, ee := f.items["D"], f.items["E"]
			ctx := context.Background()
			ee, err := e.store.UpdateBacklogItem(ctx, ee.ID, radiator.BacklogItemUpdate{Version: ee.Version, Title: ptr("Story E")})
			if err != nil {
				t.Fatal(err)
			}
			backlog := fmt.Sprintf("/teams/%d/backlog", f.team.ID)
			w := e.postForm(backlog+"/move", tt.form(d, ee))
			if tt.status == http.StatusSeeOther {
				e.followFlash(w, backlog+tt.query, tt.flash)
			} else {
				if w.Code != tt.status {
					t.Fatalf("move = %d, want %d; body %s", w.Code, tt.status, w.Body)
				}
				wantParts(t, "backlog shown again", w.Body.String(), []string{tt.problem})
			}
			if diff := cmp.Diff(tt.order, e.backlogTitles(f.team.ID)); diff != "" {
				t.Errorf("backlog order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBacklogBulkForm(t *testing.T) {
	tests := []struct {
		name    string
		form    func(f *boardFixture) url.Values
		status  int
		flash   string
		problem string
		check   func(t *testing.T, d, e *radiator.BacklogItem, f *boardFixture)
	}{
		{"add a label", func(f *boardFixture) url.Values {
			return withValues(bulkForm(f, "D", "E"), "add_label", "mobile")
		}, 303, "Changed 2 items.", "", func(t *testing.T, d, e *radiator.BacklogItem, f *boardFixture) {
			if !slices.Equal(d.Labels, []string{"mobile"}) || !slices.Equal(e.Labels, []string{"mobile"}) {
				t.Errorf("labels = %v and %v, want mobile on both", d.Labels, e.Labels)
			}
		}},
		{"into a sprint", func(f *boardFixture) url.Values {
			return withValues(bulkForm(f, "D"), "set_sprint", strconv.FormatInt(f.next.ID, 10))
		}, 303, "Changed 1 item.", "", func(t *testing.T, d, e *radiator.BacklogItem, f *boardFixture) {
			if d.SprintID == nil || *d.SprintID != f.next.ID || e.SprintID != nil {
				t.Errorf("sprints = %v and %v, want D alone in sprint %d", d.SprintID, e.SprintID, f.next.ID)
			}
		}},
		{"a state refused for one refuses all", func(f *boardFixture) url.Values {
			return withValues(bulkForm(f, "D", "E"), "set_state", "ready")
		}, 422, "", `id="problem" role="alert">State: item %d: is not ready`, func(t *testing.T, d, e *radiator.BacklogItem, f *boardFixture) {
			if d.Version != f.items["D"].Version || e.Version != f.items["E"].Version {
				t.Errorf("a refused bulk edit changed D or E")
			}
		}},
		{"a stale version", func(f *boardFixture) url.Values {
			return withValues(bulkForm(f, "D", "E"), "add_label", "mobile", "version-"+id(f.items["E"]), "9")
		}, 409, "", `id="conflict" role="alert">Someone else changed this item meanwhile`, func(t *testing.T, d, e *radiator.BacklogItem, f *boardFixture) {
			if len(d.Labels) != 0 {
				t.Errorf("a refused bulk edit labelled D %v", d.Labels)
			}
		}},
		{"nothing ticked", func(f *boardFixture) url.Values {
			return url.Values{"add_label": {"mobile"}}
		}, 422, "", `id="problem" role="alert">Item: tick the items to change</p>`, nil},
		{"nothing to change", func(f *boardFixture) url.Values {
			return bulkForm(f, "D")
		}, 422, "", `id="problem" role="alert">Set state: choose a state, a sprint or a label to change</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.boardFixture()
			backlog := fmt.Sprintf("/teams/%d/backlog", f.team.ID)
			w := e.postForm(backlog+"/bulk", tt.form(f))
			if tt.status == http.StatusSeeOther {
				e.followFlash(w, backlog, tt.flash)
			} else {
				if w.Code != tt.status {
					t.Fatalf("bulk edit = %d, want %d; body %s", w.Code, tt.status, w.Body)
				}
				problem := tt.problem
				if strings.Contains(problem, "%d") {
					problem = fmt.Sprintf(problem, f.items["E"].ID)
				}
				wantParts(t, "backlog shown again", w.Body.String(), []string{problem})
			}
			if tt.check != nil {
				tt.check(t, e.item(f.items["D"].ID), e.item(f.items["E"].ID), f)
			}
		})
	}
}

// withValues sets name and value pairs in a form.
func withValues(v url.Values, pairs ...string) url.Values {
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v
}

// bulkForm ticks the fixture's stories with their versions.
func bulkForm(f *boardFixture, keys ...string) url.Values {
	v := url.Values{}
	for _, k := range keys {
		v.Add("item", id(f.items[k]))
		v.Set("version-"+id(f.items[k]), ver(f.items[k]))
	}
	return v
}

func TestPlanningPage(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	path := fmt.Sprintf("/teams/%d/planning", f.team.ID)

	t.Run("the next sprint", func(t *testing.T) {
		body := e.getPage(path, http.StatusOK)
		wantParts(t, "planning", body, []string{
			fmt.Sprintf(`<a href="/teams/%d/planning" id="nav-planning" aria-current="page">Planning</a>`, f.team.ID),
			fmt.Sprintf(`<a href="/teams/%d/planning?sprint_id=%d">Sprint 7</a>`, f.team.ID, f.sprint.ID),
			fmt.Sprintf(`<a href="/teams/%d/planning?sprint_id=%d" aria-current="true">Sprint 8</a>`, f.team.ID, f.next.ID),
			fmt.Sprintf(`<h2 class="sprint-name" id="plan-sprint"><a href="/sprints/%d">Sprint 8</a></h2>`, f.next.ID),
			fmt.Sprintf(`<form method="post" action="/sprints/%d/start" class="inline-form" id="start-form">`, f.next.ID),
			fmt.Sprintf(`<input type="hidden" name="version" value="%d">`, f.next.Version),
			`<span class="figure-value" id="committed">0</span>`,
			`<span class="figure-value" id="forecast">–</span>`,
			`<span class="figure-value" id="capacity">18</span>`, // two people, ten days, Dana off two
			`Capacity: 2 people, 10 working days, 2 days off.`,
			`<p class="empty" id="no-sprint-items">`,
			fmt.Sprintf(`<form method="post" action="/sprints/%d/days-off" id="days-off-form">`, f.next.ID),
			fmt.Sprintf(`<input type="number" id="days-%d" name="days-%d" value="2"`, f.dana.ID, f.dana.ID),
			fmt.Sprintf(`<input type="number" id="days-%d" name="days-%d" value="0"`, f.tess.ID, f.tess.ID),
			`<input type="text" id="sprint-name" name="name" value="Sprint 9"`,
			`<input type="date" id="sprint-start" name="start" value="2026-03-30"`,
			`<input type="date" id="sprint-end" name="end" value="2026-04-10"`,
			fmt.Sprintf(`<li class="plan-item" data-item="%d">`, f.items["D"].ID),
			fmt.Sprintf(`<form method="post" action="/sprints/%d/pull" class="inline-form pull-form">`, f.next.ID),
		}, `id="over-committed"`, fmt.Sprintf(`name="days-%d"`, f.olga.ID), `class="commitment-bar"`)
	})
	t.Run("a team without sprints", func(t *testing.T) {
		other := &radiator.Team{ProductID: f.product.ID, Name: "Delivery Hawks"}
		if err := e.store.CreateTeam(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		body := e.getPage(fmt.Sprintf("/teams/%d/planning", other.ID), http.StatusOK)
		wantParts(t, "planning without sprints", body, []string{
			`<p class="empty" id="no-sprint">Delivery Hawks has no planned or active sprint. Create the next one.</p>`,
			fmt.Sprintf(`<form method="post" action="/teams/%d/sprints" id="new-sprint-form"`, other.ID),
			`name="name" value="Sprint 1"`,
			`name="start" value="2026-03-04"`,
			`name="end" value="2026-03-17"`,
		}, `id="commitment"`, `id="days-off"`)
	})
	t.Run("the active sprint", func(t *testing.T) {
		body := e.getPage(fmt.Sprintf("%s?sprint_id=%d", path, f.sprint.ID), http.StatusOK)
		wantParts(t, "planning of sprint 7", body, []string{
			`id="plan-sprint"><a href="/sprints/`,
			`<span class="figure-value" id="committed">11</span>`,
			`In Sprint 7 <span class="muted">4 stories</span>`,
			fmt.Sprintf(`<form method="post" action="/sprints/%d/return" class="inline-form return-form">`, f.sprint.ID),
		}, `id="start-form"`)
	})
	t.Run("over-committed", func(t *testing.T) {
		ctx := context.Background()
		sp := e.sprintNow(f.sprint.ID)
		e.clock.Advance(time.Hour) // the team closes the sprint after its last move
		if _, err := e.store.CloseSprint(ctx, sp.ID, radiator.SprintClose{Version: sp.Version, Unfinished: radiator.UnfinishedToBacklog}); err != nil {
			t.Fatal(err)
		}
		d := f.items["D"]
		if _, err := e.store.UpdateBacklogItem(ctx, d.ID, radiator.BacklogItemUpdate{Version: d.Version, SprintID: radiator.SetTo(f.next.ID)}); err != nil {
			t.Fatal(err)
		}
		body := e.getPage(path, http.StatusOK)
		wantParts(t, "over-committed planning", body, []string{
			`<div class="commitment over-committed" id="commitment">`,
			`<span class="figure-value" id="committed">8</span>`,
			`<span class="figure-value" id="forecast">7.2</span>`, // velocity 8 at 90 % capacity
			`<p class="over-commitment" id="over-committed" role="status">Over-committed: 8 points planned against a forecast of 7.2.</p>`,
			`<svg class="commitment-bar"`,
			`Velocity 8 points (8–8 over 1 sprints). Capacity: 2 people, 10 working days, 2 days off: 90 % of the usual time.`,
		})
	})
}

func TestPlanningForms(t *testing.T) {
	tests := []struct {
		name     string
		path     func(f *boardFixture) string
		form     func(f *boardFixture) url.Values
		status   int
		location func(f *boardFixture) string
		flash    string
		problem  string
		check    func(t *testing.T, e *env, f *boardFixture)
	}{
		{
			"create a sprint",
			func(f *boardFixture) string { return fmt.Sprintf("/teams/%d/sprints", f.team.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"name": {"Sprint 9"}, "start": {"2026-03-30"}, "end": {"2026-04-10"}, "goal": {"Search in a blink."}}
			},
			303, nil, "Created Sprint 9, Mon 30 Mar 2026 – Fri 10 Apr 2026.", "",
			func(t *testing.T, e *env, f *boardFixture) {
				sprints, err := e.srv.openSprints(context.Background(), f.team.ID)
				if err != nil {
					t.Fatal(err)
				}
				last := sprints[len(sprints)-1]
				if last.Name != "Sprint 9" || last.Goal != "Search in a blink." || last.State != radiator.SprintPlanned || last.End.String() != "2026-04-10" {
					t.Errorf("created sprint = %+v", last)
				}
			},
		},
		{
			"create a sprint that ends before it starts",
			func(f *boardFixture) string { return fmt.Sprintf("/teams/%d/sprints", f.team.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"name": {"Sprint 9"}, "start": {"2026-04-10"}, "end": {"2026-03-30"}, "goal": {"Kept as typed."}}
			},
			422, nil, "", `id="problem" role="alert">End: must be after the start (2026-04-10)</p>`,
			func(t *testing.T, e *env, f *boardFixture) {
				if sprints, _ := e.srv.openSprints(context.Background(), f.team.ID); len(sprints) != 2 {
					t.Errorf("the team has %d open sprints, want the fixture's 2", len(sprints))
				}
			},
		},
		{
			"create a sprint with a malformed date",
			func(f *boardFixture) string { return fmt.Sprintf("/teams/%d/sprints", f.team.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"name": {"Sprint 9"}, "start": {"30/03/2026"}, "end": {"2026-04-10"}}
			},
			422, nil, "", `id="problem" role="alert">Start: `, nil,
		},
		{
			"pull a story in",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/pull", f.next.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"item": {id(f.items["D"])}, "version": {ver(f.items["D"])}}
			},
			303, nil, "Pulled “Story D” into Sprint 8.", "",
			func(t *testing.T, e *env, f *boardFixture) {
				if d := e.item(f.items["D"].ID); d.SprintID == nil || *d.SprintID != f.next.ID {
					t.Errorf("D is in sprint %v, want %d", d.SprintID, f.next.ID)
				}
			},
		},
		{
			"pull a stale story",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/pull", f.next.ID) },
			func(f *boardFixture) url.Values { return url.Values{"item": {id(f.items["D"])}, "version": {"9"}} },
			409, nil, "", `id="conflict" role="alert">Someone else changed this meanwhile; the plan has been refreshed.`,
			func(t *testing.T, e *env, f *boardFixture) {
				if d := e.item(f.items["D"].ID); d.SprintID != nil {
					t.Errorf("a refused pull put D into sprint %d", *d.SprintID)
				}
			},
		},
		{
			"return a story",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/return", f.sprint.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"item": {id(f.items["C"])}, "version": {ver(f.items["C"])}}
			},
			303, func(f *boardFixture) string {
				return fmt.Sprintf("/teams/%d/planning?sprint_id=%d", f.team.ID, f.sprint.ID)
			},
			"Returned “Story C” to the backlog.", "",
			func(t *testing.T, e *env, f *boardFixture) {
				if c := e.item(f.items["C"].ID); c.SprintID != nil {
					t.Errorf("C is still in sprint %d", *c.SprintID)
				}
			},
		},
		{
			"days off",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/days-off", f.next.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"version": {strconv.FormatInt(f.next.Version, 10)}, "days-" + strconv.FormatInt(f.dana.ID, 10): {"0"}, "days-" + strconv.FormatInt(f.tess.ID, 10): {"1.5"}}
			},
			303, nil, "Saved the days off in Sprint 8.", "",
			func(t *testing.T, e *env, f *boardFixture) {
				want := []radiator.DaysOff{{PersonID: f.tess.ID, Days: 1.5}}
				if diff := cmp.Diff(want, e.sprintNow(f.next.ID).DaysOff); diff != "" {
					t.Errorf("days off (-want +got):\n%s", diff)
				}
			},
		},
		{
			"days off in thirds",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/days-off", f.next.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"version": {strconv.FormatInt(f.next.Version, 10)}, "days-" + strconv.FormatInt(f.tess.ID, 10): {"0.3"}}
			},
			422, nil, "", `id="problem" role="alert">Days off: person `, nil,
		},
		{
			"days off in words",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/days-off", f.next.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"version": {strconv.FormatInt(f.next.Version, 10)}, "days-" + strconv.FormatInt(f.tess.ID, 10): {"two"}}
			},
			422, nil, "", `id="problem" role="alert">Days off: &#34;two&#34; is not a number of days</p>`, nil,
		},
		{
			"start the sprint",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/start", f.next.ID) },
			func(f *boardFixture) url.Values {
				return url.Values{"version": {strconv.FormatInt(f.next.Version, 10)}}
			},
			303, func(f *boardFixture) string { return fmt.Sprintf("/teams/%d/board", f.team.ID) },
			"Sprint 8 has started.", "",
			func(t *testing.T, e *env, f *boardFixture) {
				if sp := e.sprintNow(f.next.ID); sp.State != radiator.SprintActive || sp.StartedAt == nil {
					t.Errorf("sprint 8 is %s, started at %v; want active and started", sp.State, sp.StartedAt)
				}
			},
		},
		{
			"start a stale sprint",
			func(f *boardFixture) string { return fmt.Sprintf("/sprints/%d/start", f.next.ID) },
			func(f *boardFixture) url.Values { return url.Values{"version": {"9"}} },
			409, nil, "", `id="conflict" role="alert">Someone else changed this meanwhile`,
			func(t *testing.T, e *env, f *boardFixture) {
				if sp := e.sprintNow(f.next.ID); sp.State != radiator.SprintPlanned {
					t.Errorf("a refused start left sprint 8 %s", sp.State)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.boardFixture()
			w := e.postForm(tt.path(f), tt.form(f))
			if tt.status == http.StatusSeeOther {
				location := fmt.Sprintf("/teams/%d/planning?sprint_id=%d", f.team.ID, f.next.ID)
				if tt.location != nil {
					location = tt.location(f)
				} else if strings.HasSuffix(tt.path(f), "/sprints") {
					sprints, _ := e.srv.openSprints(context.Background(), f.team.ID)
					location = fmt.Sprintf("/teams/%d/planning?sprint_id=%d", f.team.ID, sprints[len(sprints)-1].ID)
				}
				e.followFlash(w, location, tt.flash)
			} else {
				if w.Code != tt.status {
					t.Fatalf("POST %s = %d, want %d; body %s", tt.path(f), w.Code, tt.status, w.Body)
				}
				wantParts(t, "planning shown again", w.Body.String(), []string{tt.problem})
			}
			if tt.check != nil {
				tt.check(t, e, f)
			}
		})
	}
}

func TestPlanningFormKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	w := e.postForm(fmt.Sprintf("/teams/%d/sprints", f.team.ID), url.Values{"name": {"Sprint <9>"}, "start": {"2026-04-10"}, "end": {"2026-03-30"}, "goal": {"Kept as typed."}})
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("create = %d, want 422", w.Code)
	}
	wantParts(t, "planning shown again", w.Body.String(), []string{
		`name="name" value="Sprint &lt;9&gt;"`,
		`name="start" value="2026-04-10"`,
		`name="end" value="2026-03-30"`,
		`name="goal" rows="2" maxlength="4000">Kept as typed.</textarea>`,
	})
}

func TestNextSprintForm(t *testing.T) {
	mk := func(name, start, end string) *radiator.Sprint {
		return &radiator.Sprint{Name: name, Start: radiator.MustDate(start), End: radiator.MustDate(end)}
	}
	tests := []struct {
		name    string
		sprints []*radiator.Sprint
		today   string
		want    sprintForm
	}{
		{"the first sprint starts today", nil, "2026-03-04", sprintForm{Name: "Sprint 1", Start: "2026-03-04", End: "2026-03-17"}},
		{"not on a Saturday", nil, "2026-03-07", sprintForm{Name: "Sprint 1", Start: "2026-03-09", End: "2026-03-20"}},
		{"after the last sprint, counting on", []*radiator.Sprint{
			mk("Sprint 12", "2026-03-02", "2026-03-13"), mk("Sprint 11", "2026-02-16", "2026-02-27"),
		}, "2026-03-04", sprintForm{Name: "Sprint 13", Start: "2026-03-16", End: "2026-03-27"}},
		{"a sprint without a number", []*radiator.Sprint{
			mk("Autumn", "2026-03-02", "2026-03-11"), mk("Summer", "2026-02-16", "2026-02-27"),
		}, "2026-03-04", sprintForm{Name: "Sprint 3", Start: "2026-03-12", End: "2026-03-25"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextSprintForm(tt.sprints, radiator.MustDate(tt.today)); got != tt.want {
				t.Errorf("nextSprintForm = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSprintPage(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	path := fmt.Sprintf("/sprints/%d", f.sprint.ID)
	body := e.getPage(path, http.StatusOK)
	wantParts(t, "sprint page", body, []string{
		`<h1 id="page-title">Inbox Crew</h1>`,
		`<h2 class="sprint-name" id="sprint-name">Sprint 7</h2>`,
		`<p class="sprint-dates" id="sprint-dates">Mon 2 Mar 2026 – Fri 13 Mar 2026</p>`,
		`<span class="state state-sprint-active" id="sprint-state">Active</span>`,
		`<figure class="chart" id="burndown">`,
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		`Burndown of Sprint 7</title>`,
		fmt.Sprintf(`<a href="/api/v1/sprints/%d/burndown.svg" id="burndown-svg">SVG</a>`, f.sprint.ID),
		fmt.Sprintf(`<form method="post" action="/sprints/%d/close" id="close-form">`, f.sprint.ID),
		`<legend>The 2 unfinished stories go</legend>`,
		`<input type="radio" name="unfinished" value="next"> into the next sprint, Sprint 8</label>`,
		`Not done <span class="muted">2 stories, 3 points</span>`,
		fmt.Sprintf(`<li class="plan-item" data-item="%d" data-state="ready">`, f.items["C"].ID),
		`Done <span class="muted">2 stories, 8 points</span>`,
	}, `id="sprint-result"`)
	if strings.Contains(body, "<script") {
		t.Errorf("the sprint page runs a script; the chart is to be inline SVG alone")
	}

	t.Run("the last sprint", func(t *testing.T) {
		body := e.getPage(fmt.Sprintf("/sprints/%d", f.next.ID), http.StatusOK)
		wantParts(t, "sprint 8", body, []string{
			`<legend>Unfinished stories would go</legend>`,
			`<input type="radio" name="unfinished" value="next" disabled> into the next sprint (there is none yet`,
		})
	})
}

func TestSprintCloseForm(t *testing.T) {
	tests := []struct {
		name       string
		unfinished string
		version    func(sp *radiator.Sprint) int64
		sprint     func(f *boardFixture) *radiator.Sprint
		status     int
		problem    string
		carriedTo  func(f *boardFixture) *int64 // the sprint of C and F afterwards
	}{
		{"into the next sprint", "next", nil, nil, 303, "", func(f *boardFixture) *int64 { return &f.next.ID }},
		{"to the backlog", "backlog", nil, nil, 303, "", func(*boardFixture) *int64 { return nil }},
		{"a stale version", "backlog", func(sp *radiator.Sprint) int64 { return sp.Version + 1 }, nil, 409,
			`id="conflict" role="alert">Someone else changed this sprint meanwhile`, func(f *boardFixture) *int64 { return &f.sprint.ID }},
		{"nowhere", "", nil, nil, 422, `id="problem" role="alert">Unfinished: choose where the unfinished items go</p>`, func(f *boardFixture) *int64 { return &f.sprint.ID }},
		{"the last sprint into a next one", "next", nil, func(f *boardFixture) *radiator.Sprint { return f.next }, 422, `id="problem" role="alert">Unfinished: `, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			f := e.boardFixture()
			sp := f.sprint
			if tt.sprint != nil {
				sp = tt.sprint(f)
			}
			version := sp.Version
			if tt.version != nil {
				version = tt.version(sp)
			}
			path := fmt.Sprintf("/sprints/%d", sp.ID)
			e.clock.Advance(time.Hour) // the team closes the sprint after its last move
			w := e.postForm(path+"/close", url.Values{"version": {strconv.FormatInt(version, 10)}, "unfinished": {tt.unfinished}})
			if tt.status == http.StatusSeeOther {
				body := e.followFlash(w, path, "Closed Sprint 7: 8 of 11 points done, 3 carried over.")
				wantParts(t, "closed sprint", body, []string{
					`<span class="state state-sprint-closed" id="sprint-state">Closed</span>`,
					`<span class="figure-value" id="result-committed">10</span>`,
					`<span class="figure-value" id="result-added">1</span>`,
					`<span class="figure-value" id="result-completed">8</span>`,
					`<span class="figure-value" id="result-carried-over">3</span>`,
					`<p class="empty" id="no-open-items">The unfinished stories, 3 points, left the sprint when it closed.</p>`,
				}, `id="close-form"`)
				if got := e.sprintNow(sp.ID); got.State != radiator.SprintClosed {
					t.Errorf("sprint is %s, want closed", got.State)
				}
			} else {
				if w.Code != tt.status {
					t.Fatalf("close = %d, want %d; body %s", w.Code, tt.status, w.Body)
				}
				wantParts(t, "sprint shown again", w.Body.String(), []string{tt.problem, `id="close-form"`})
				if got := e.sprintNow(sp.ID); got.State == radiator.SprintClosed {
					t.Errorf("a refused close closed the sprint")
				}
			}
			if tt.carriedTo == nil {
				return
			}
			want := tt.carriedTo(f)
			for _, key := range []string{"C", "F"} {
				got := e.item(f.items[key].ID).SprintID
				if (got == nil) != (want == nil) || got != nil && *got != *want {
					t.Errorf("%s is in sprint %v, want %v", key, got, want)
				}
			}
		})
	}
}

func TestTeamPageS1(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	body := e.getPage(fmt.Sprintf("/teams/%d", f.team.ID), http.StatusOK)
	wantParts(t, "team page", body, []string{
		`<h1 id="page-title">Inbox Crew</h1>`,
		fmt.Sprintf(`<a href="/teams/%d" id="nav-overview" aria-current="page">Overview</a>`, f.team.ID),
		fmt.Sprintf(`<a href="/teams/%d/board" id="nav-board">Board</a>`, f.team.ID),
		fmt.Sprintf(`<a href="/teams/%d/backlog" id="nav-backlog">Backlog</a>`, f.team.ID),
		fmt.Sprintf(`<a href="/teams/%d/planning" id="nav-planning">Planning</a>`, f.team.ID),
		fmt.Sprintf(`<a href="/sprints/%d" id="current-sprint-link">Burndown</a>`, f.sprint.ID),
		`<figure class="chart" id="velocity-chart">`,
		`Velocity of Inbox Crew</title>`,
		fmt.Sprintf(`<a href="/api/v1/teams/%d/velocity.svg">SVG</a>`, f.team.ID),
		`<figure class="chart" id="flow-chart">`,
		`Cumulative flow of Inbox Crew</title>`,
		fmt.Sprintf(`<a href="/api/v1/teams/%d/flow.svg">SVG</a>`, f.team.ID),
		fmt.Sprintf(`<td><a href="/sprints/%d">Sprint 8</a></td>`, f.next.ID),
	})
}

// BenchmarkBoardPage loads the board of 60 cards from SQLite and renders
// its page.
func BenchmarkBoardPage(b *testing.B) {
	e, f := benchBoard(b)
	path := fmt.Sprintf("/teams/%d/board", f.team.ID)
	if cards := boardCards(e.getPage(path, http.StatusOK)); len(cards["todo"])+len(cards["doing"])+len(cards["review"])+len(cards["done"]) != 60 {
		b.Fatalf("board page shows %v, want 60 cards", cards)
	}
	r := httptest.NewRequest("GET", path, nil)
	r.SetPathValue("id", strconv.FormatInt(f.team.ID, 10))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		e.srv.handleBoardPage(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("board page = %d", w.Code)
		}
	}
}
