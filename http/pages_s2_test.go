package http

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// s2Page is the release fixture with a dependency between two cards of
// Mail 3.0's board: story D (Search, Inbox Crew, S7) needs story B
// (Threads, Delivery Hawks, H6), planned a sprint before it.
type s2Page struct {
	*releaseFixture
	dep *radiator.Dependency
}

func (e *env) s2Fixture() *s2Page {
	e.t.Helper()
	f := &s2Page{releaseFixture: e.releaseFixture()}
	f.dep = &radiator.Dependency{ProductID: f.mail.ID, ItemID: f.stories["D"].ID, DependsOnID: f.stories["B"].ID, State: radiator.DependencyOpen, Note: "Search indexes threads"}
	if err := e.store.CreateDependency(context.Background(), f.dep); err != nil {
		e.t.Fatalf("create dependency: %v", err)
	}
	return f
}

// s2Keys are the board's card keys of the fixture's features.
func (f *s2Page) key(feature string, team *radiator.Team, column string) string {
	return fmt.Sprintf("f%d-t%d-%s", f.features[feature].ID, team.ID, column)
}

var (
	rbCellPattern = regexp.MustCompile(`(?s)<td class="rb-cell[^"]*" data-team="(\d+)" data-column="([a-z0-9]+)"[^>]*>(.*?)</td>`)
	rbCardPattern = regexp.MustCompile(`<li class="rb-card[^"]*" data-key="([^"]+)"`)
	rbLinePattern = regexp.MustCompile(`<li class="rb-dep[^"]*" data-from="([^"]+)" data-to="([^"]+)" data-red="(true|false)"`)
)

// boardCells returns the card keys of a release board page by cell, as
// "team/column", the hot-fix lane's as "0/column".
func boardCells(body string) map[string][]string {
	cells := map[string][]string{}
	for _, c := range rbCellPattern.FindAllStringSubmatch(body, -1) {
		for _, card := range rbCardPattern.FindAllStringSubmatch(c[3], -1) {
			cells[c[1]+"/"+c[2]] = append(cells[c[1]+"/"+c[2]], card[1])
		}
	}
	return cells
}

// boardLines returns the dependency lines of a release board page as
// "from->to red".
func boardLines(body string) []string {
	var lines []string
	for _, m := range rbLinePattern.FindAllStringSubmatch(body, -1) {
		lines = append(lines, m[1]+"->"+m[2]+" "+m[3])
	}
	return lines
}

func idText(n int64) string { return strconv.FormatInt(n, 10) }

func TestReleasePage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releasePath(f.mail3.ID)
	body := e.getPage(path, http.StatusOK)
	v, err := e.srv.loadReleaseView(context.Background(), f.mail3.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantParts(t, "release page", body, []string{
		`<p class="tier-badge tier-2" data-tier="2"><span class="tier-label">S2</span> Scrum of Scrums of Mail Cloud</p>`,
		`<h1 id="page-title">Mail 3.0</h1>`,
		`<a href="` + path + `" id="nav-release" aria-current="page">Release</a>`,
		`<a href="` + path + `/board" id="nav-release-board">Release board</a>`,
		fmt.Sprintf(`<a href="/products/%d/meta-backlog" id="nav-meta-backlog">Meta-backlog</a>`, f.mail.ID),
		`<span class="figure-value" id="release-date">Fri 24 Apr 2026</span>`,
		`<span class="figure-value" id="release-phase">Planning</span>`,
		// Wed 4 Mar to Fri 24 Apr: eight weeks less a day.
		`<span class="figure-value" id="days-left">38</span>`,
		// The windows of S6 and H6 (running), S7 and H7, and S8.
		`<span class="figure-value" id="sprints-left">3</span>`,
		`<span class="figure-value" id="units-done">0 <span class="figure-of">of 3</span></span>`,
		`id="forecast-words">` + v.Forecast.Words + `</p>`,
		`<figure class="chart" id="release-burnup">`, `<svg`, `Burnup of Mail 3.0`,
		`<figure class="chart" id="release-burndown">`, `Burndown of Mail 3.0`,
		`<h2>Committed features <span class="muted">2, in rank order</span></h2>`,
		// Delivery Hawks have no velocity yet, so no capacity for Threads.
		fmt.Sprintf(`<tr data-feature="%d" class="at-risk">`, f.threads.ID), `<td class="feature-title">Threads <span class="risk-marker">At risk</span></td>`,
		`<td class="units">2 <span class="muted">M</span></td>`, `<td class="teams">Inbox Crew, Delivery Hawks</td>`,
		`<progress max="3" value="1" aria-label="Stories done of Threads"></progress>`,
		`<span class="progress-text">1 of 3 · 5/16 pts</span>`,
		`<span class="flag-marker flag-unplanned">1 unfinished story in no sprint.</span>`,
		fmt.Sprintf(`<tr data-feature="%d">`, f.search.ID), `<td class="feature-title">Search</td>`,
		`Baseline of 2 Mar 2026 09:00`, `: 3 feature units due Fri 24 Apr 2026.`, `<span class="muted">“Release planning”</span>`,
		`<p class="empty" id="no-changes">Nothing has changed since.</p>`,
		`<form method="post" action="` + path + `/baselines"`,
		`<p class="risk-fit" id="risk-fit"><strong>` + formatPoints(v.Risk.FitUnits) + ` of 3</strong>`,
		`<form method="post" action="` + path + `/what-if" class="what-if-form" id="what-if-form">`,
		`<option value="` + idText(f.threads.ID) + `">Threads</option>`,
		`<option value="` + idText(f.stories["B"].ID) + `">Story B (Delivery Hawks)</option>`,
		`<div class="what-if-result" id="what-if-result" hidden>`,
		`<p class="empty" id="no-decisions">No decision recorded yet.</p>`,
		`<h2>Release readiness <span class="muted">4 required items open</span></h2>`,
		`<td class="part">Integration testing</td>`, `<td class="part">Regression testing</td>`,
		`<td class="part">Operational readiness</td>`, `<td class="part">Deployment</td>`,
		`<form method="post" action="` + path + `/phase" class="grid-form phase-form" id="phase-form">`,
		`placeholder="Required to release with 4 required items open"`,
		`<a href="/releases/` + idText(f.hotfix.ID) + `">Mail 2.0.1</a>`,
		`<script type="module" src="/static/release.js?v=` + e.srv.static["release.js"].sum + `"></script>`,
	}, `id="no-features"`, `id="no-baseline"`)
	if strings.Contains(body, "Labels") {
		t.Errorf("the release page of Mail 3.0 shows Labels, a feature of Mail 2.0")
	}
}

// TestReleaseBoardPageEscapes checks that the cells and cards, which
// boardCellHTML writes without html/template, escape what people typed:
// a feature's title in the card's text and Move link, a team's name in a
// cell's title attribute.
func TestReleaseBoardPageEscapes(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	ctx := context.Background()
	title := `<script>alert("x")</script> & 'q'`
	if _, err := e.store.UpdateBacklogItem(ctx, f.search.ID, radiator.BacklogItemUpdate{Version: f.search.Version, Title: &title}); err != nil {
		t.Fatal(err)
	}
	team := `Hawks "<b>"`
	if _, err := e.store.UpdateTeam(ctx, f.hawks.ID, radiator.TeamUpdate{Version: f.hawks.Version, Name: &team}); err != nil {
		t.Fatal(err)
	}
	body := e.getPage(releaseBoardPath(f.mail3.ID), http.StatusOK)
	escaped := `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;`
	wantParts(t, "release board", body, []string{
		`data-key="` + f.key("Search", f.inbox, "c2") + `"`,
		`<p class="rb-card-title">` + escaped + `</p>`,
		`<span class="visually-hidden"> ` + escaped + `</span></a>`,
		`<td class="rb-cell rb-shut" data-team="` + idText(f.hawks.ID) + `" data-column="3" title="Hawks &#34;&lt;b&gt;&#34; has no sprint here">`,
	}, `<script>alert`, `"x"`, `'q'`, `"<b>"`)
}

func TestReleasePageNotFound(t *testing.T) {
	e := newEnv(t)
	e.s2Fixture()
	for _, path := range []string{"/releases/999", "/releases/x", "/releases/999/board", "/products/999/meta-backlog", "/products/999/burnup"} {
		if w := e.do("GET", path, ""); w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, w.Code)
		}
	}
}

func TestReleaseBoardPage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releaseBoardPath(f.mail3.ID)
	body := e.getPage(path, http.StatusOK)
	v, err := e.srv.loadReleaseView(context.Background(), f.mail3.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantParts(t, "release board", body, []string{
		`<h1 id="page-title">Mail 3.0: release board</h1>`,
		`<a href="` + path + `" id="nav-release-board" aria-current="page">Release board</a>`,
		fmt.Sprintf(`<div class="release-board-page" id="release-board-area" data-refresh="%s" data-move="/api/v1/releases/%d/board/move">`, path, f.mail3.ID),
		`<p class="rb-forecast forecast-` + v.Forecast.Outcome + `" id="rb-forecast">` + v.Forecast.Words + `</p>`,
		`<strong id="rb-fit-units">` + formatPoints(v.Risk.FitUnits) + ` of 3</strong> feature units fit the teams' capacity`,
		// S5 ran alone; S6 and H6 share a start, so their column is named
		// after it, and so are S7 and H7's.
		`<th scope="col" class="rb-window past" data-column="0"><span class="rb-window-name">S5</span> <span class="rb-window-dates">9 Feb – 20 Feb</span></th>`,
		`<th scope="col" class="rb-window current" data-column="1"><span class="rb-window-name">23 Feb</span>`, `<span class="rb-now">now</span>`,
		`<th scope="col" class="rb-window" data-column="2"><span class="rb-window-name">9 Mar</span>`,
		`<th scope="col" class="rb-window" data-column="3"><span class="rb-window-name">S8</span>`,
		`<span class="rb-milestone-name">Release</span> <span class="rb-window-dates">Fri 24 Apr 2026</span>`,
		`<tr class="rb-row" data-team="` + idText(f.inbox.ID) + `">`, `<span class="rb-team-name">Inbox Crew</span> <span class="rb-team-count">3 cards</span>`,
		`<td class="rb-cell rb-shut" data-team="` + idText(f.inbox.ID) + `" data-column="0" data-sprint="` + idText(f.sprints["S5"].ID) + `" title="S5 is closed">`,
		`<tr class="rb-row" data-team="` + idText(f.hawks.ID) + `">`,
		`<td class="rb-cell rb-shut" data-team="` + idText(f.hawks.ID) + `" data-column="3" title="Delivery Hawks has no sprint here">`,
		`<tr class="rb-row rb-hotfix" data-team="0" data-hotfix="true">`, `<span class="rb-team-name">Hot fixes</span>`,
		`<li class="rb-dep" data-from="` + f.key("Search", f.inbox, "c2") + `" data-to="` + f.key("Threads", f.hawks, "c1") + `" data-red="false">“Search” (Inbox Crew, 9 Mar) needs “Threads” (Delivery Hawks, 23 Feb)`,
		`<span class="muted">Search indexes threads</span>`,
		`<script type="module" src="/static/releaseboard.js?v=` + e.srv.static["releaseboard.js"].sum + `"></script>`,
	}, `rb-red-count`)

	want := map[string][]string{
		idText(f.inbox.ID) + "/1":         {f.key("Threads", f.inbox, "c1")},
		idText(f.inbox.ID) + "/2":         {f.key("Search", f.inbox, "c2")},
		idText(f.inbox.ID) + "/unplanned": {f.key("Threads", f.inbox, "u")},
		idText(f.hawks.ID) + "/1":         {f.key("Threads", f.hawks, "c1")},
		"0/1":                             {f.key("Crash on send", f.inbox, "c1")},
	}
	if diff := cmp.Diff(want, boardCells(body)); diff != "" {
		t.Errorf("cards by cell (-want +got):\n%s", diff)
	}
	// A card whose stories are all done cannot move; one with unfinished
	// stories can, by drag or with its form naming their versions.
	done := `data-key="` + f.key("Threads", f.inbox, "c1") + `"`
	if i := strings.Index(body, done); i < 0 || strings.Contains(body[i:i+300], `draggable="true"`) {
		t.Errorf("the done card of Threads is draggable or missing")
	}
	d := f.stories["D"]
	search := f.key("Search", f.inbox, "c2")
	wantParts(t, "card of Search", body, []string{
		`data-key="` + search + `" data-feature="` + idText(f.search.ID) + `" data-team="` + idText(f.inbox.ID) + `" data-column="2" data-stories="` + fmt.Sprintf("%d:%d", d.ID, d.Version) + `" tabindex="0" draggable="true"`,
		`<a class="card-move" href="/releases/` + idText(f.mail3.ID) + `/board/move?card=` + search + `">Move<span class="visually-hidden"> Search</span></a>`,
	})

	// The Move link leads to the card's move form.
	move := e.getPage(path+"/move?card="+search, http.StatusOK)
	wantParts(t, "move form of Search", move, []string{
		`<h1 id="page-title">Move “Search”</h1>`,
		`<p class="section-note">Inbox Crew, 9 Mar: 1 unfinished story goes to the team and sprint you choose.</p>`,
		`<li>Story D <span class="muted">13 pts</span></li>`,
		`<form method="post" action="/releases/` + idText(f.mail3.ID) + `/board/move" class="grid-form move-form" id="move-form">`,
		`<input type="hidden" name="feature" value="` + idText(f.search.ID) + `">`,
		`<input type="hidden" name="story" value="` + idText(d.ID) + `"><input type="hidden" name="version-` + idText(d.ID) + `" value="` + idText(d.Version) + `">`,
		`<option value="` + idText(f.inbox.ID) + `" selected>Inbox Crew</option>`,
		`<option value="2" selected>9 Mar (9 Mar – 20 Mar)</option>`,
	})
	for _, card := range []string{f.key("Threads", f.inbox, "c1"), "f999-t1-c1", ""} {
		if w := e.do("GET", path+"/move?card="+card, ""); w.Code != http.StatusNotFound {
			t.Errorf("move form of card %q = %d, want 404: a done card or none has no move", card, w.Code)
		}
	}
}

// moveForm is the move form of a card of the release board.
func moveForm(feature int64, team int64, column string, stories ...*radiator.BacklogItem) url.Values {
	form := url.Values{"feature": {idText(feature)}, "team": {idText(team)}, "column": {column}}
	for _, s := range stories {
		form.Add("story", idText(s.ID))
		form.Set("version-"+idText(s.ID), idText(s.Version))
	}
	return form
}

func TestReleaseBoardMovePage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releaseBoardPath(f.mail3.ID)
	move := path + "/move"

	// Search's story D goes into S6, the sprint of Threads' story B it
	// needs: the line turns red.
	w := e.postForm(move, moveForm(f.search.ID, f.inbox.ID, "1", f.stories["D"]))
	body := e.followFlash(w, path, "Moved “Search” to Inbox Crew, 23 Feb.")
	if got := e.item(f.stories["D"].ID); got.SprintID == nil || *got.SprintID != f.sprints["S6"].ID {
		t.Errorf("after the move story D is in sprint %v, want S6 (%d)", got.SprintID, f.sprints["S6"].ID)
	}
	wantLines := []string{f.key("Search", f.inbox, "c1") + "->" + f.key("Threads", f.hawks, "c1") + " true"}
	if diff := cmp.Diff(wantLines, boardLines(body)); diff != "" {
		t.Errorf("lines after the move (-want +got):\n%s", diff)
	}
	wantParts(t, "board after the move", body, []string{`<span class="rb-red-count">1 dependency planned too late</span>`, `— <strong>planned too late</strong>`})

	tests := []struct {
		name    string
		form    url.Values
		status  int
		message string
	}{
		{"stale version", moveForm(f.search.ID, f.inbox.ID, "2", f.stories["D"]), http.StatusConflict, releaseBoardConflict},
		{"team without a sprint there", moveForm(f.threads.ID, f.hawks.ID, "3", f.stories["B"]), http.StatusUnprocessableEntity, "Column: Delivery Hawks has no sprint in S8"},
		{"closed sprint", moveForm(f.threads.ID, f.inbox.ID, "0", f.stories["B"]), http.StatusUnprocessableEntity, "Sprint: sprint &#34;S5&#34; is closed; plan the work into an open sprint"},
		{"column off the board", moveForm(f.threads.ID, f.inbox.ID, "9", f.stories["B"]), http.StatusUnprocessableEntity, "Column: &#34;9&#34; is not a sprint of the board"},
		{"no story", moveForm(f.threads.ID, f.inbox.ID, "2"), http.StatusUnprocessableEntity, "Story: the card has no unfinished story to move"},
		{"team of another product", moveForm(f.threads.ID, f.owls.ID, "2", f.stories["B"]), http.StatusUnprocessableEntity, fmt.Sprintf("Team: team %d is not a team of Mail Cloud", f.owls.ID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.eventCount()
			w := e.postForm(move, tt.form)
			if w.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d; body %s", move, w.Code, tt.status, w.Body)
			}
			id := "problem"
			if tt.status == http.StatusConflict {
				id = "conflict"
			}
			wantParts(t, "refused move", w.Body.String(), []string{
				`id="` + id + `" role="alert">` + tt.message,
				// The page shown is the fresh board: D is in S6 now.
				`data-key="` + f.key("Search", f.inbox, "c1") + `"`,
			})
			if n := e.eventCount(); n != before {
				t.Errorf("a refused move wrote %d events", n-before)
			}
		})
	}
}

func TestWhatIfPage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releasePath(f.mail3.ID)
	before := e.eventCount()
	form := url.Values{"kind": {radiator.WhatIfCutFeature}, "feature": {idText(f.threads.ID)}}
	w := e.postForm(path+"/what-if", form)
	if w.Code != http.StatusOK {
		t.Fatalf("what-if = %d, want 200; body %s", w.Code, w.Body)
	}
	v, err := e.srv.loadWhatIf(context.Background(), f.mail3.ID, radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: f.threads.ID})
	if err != nil {
		t.Fatal(err)
	}
	if v.Before.Forecast.Words == v.After.Forecast.Words || v.Before.Risk.Words == v.After.Risk.Words {
		t.Fatalf("cutting Threads leaves the outlook as it was: %q, %q", v.Before.Forecast.Words, v.Before.Risk.Words)
	}
	wantParts(t, "what-if", w.Body.String(), []string{
		`<input type="radio" name="kind" value="cut_feature" checked>`,
		`<option value="` + idText(f.threads.ID) + `" selected>Threads</option>`,
		`<div class="what-if-result" id="what-if-result">`,
		`<p class="what-if-summary" id="what-if-summary">Cut &#34;Threads&#34; from the release</p>`,
		`<div class="outlook outlook-before" id="outlook-before"><h3>Before</h3>`, v.Before.Forecast.Words, template.HTMLEscapeString(v.Before.Risk.Words),
		`<div class="outlook outlook-after" id="outlook-after"><h3>After</h3>`, v.After.Forecast.Words, template.HTMLEscapeString(v.After.Risk.Words),
		`<form method="post" action="` + path + `/decisions" class="grid-form apply-form" id="apply-form">`,
		`<input type="hidden" name="kind" value="cut_feature">`, `<input type="hidden" name="feature" value="` + idText(f.threads.ID) + `">`,
		`<button type="submit" class="primary" id="apply-what-if">Apply</button>`,
	})
	if n := e.eventCount(); n != before {
		t.Errorf("trying a what-if wrote %d events", n-before)
	}
	if got := e.item(f.threads.ID); got.ReleaseID == nil || *got.ReleaseID != f.mail3.ID {
		t.Errorf("after the what-if Threads is in release %v, want still Mail 3.0", got.ReleaseID)
	}

	tests := []struct {
		name    string
		form    url.Values
		message string
	}{
		{"no kind", url.Values{"feature": {idText(f.threads.ID)}}, "Kind: choose what to try"},
		{"no team", url.Values{"kind": {radiator.WhatIfMoveFeature}, "feature": {idText(f.threads.ID)}}, "Team: choose the team it moves to"},
		{"no story", url.Values{"kind": {radiator.WhatIfMoveStory}, "team": {idText(f.hawks.ID)}}, "Story: choose the story to move"},
		{"team of another product", url.Values{"kind": {radiator.WhatIfMoveFeature}, "feature": {idText(f.threads.ID)}, "team": {idText(f.owls.ID)}}, fmt.Sprintf("Team: team %d is not a team of Mail Cloud", f.owls.ID)},
		{"feature of another release", url.Values{"kind": {radiator.WhatIfCutFeature}, "feature": {idText(f.features["Labels"].ID)}}, "Item: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.postForm(path+"/what-if", tt.form)
			if w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("what-if = %d, want 422; body %s", w.Code, w.Body)
			}
			wantParts(t, "refused what-if", w.Body.String(), []string{`id="problem" role="alert">` + tt.message, `id="what-if-result" hidden>`})
		})
	}
}

func TestDecisionPage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releasePath(f.mail3.ID)
	form := url.Values{"kind": {radiator.WhatIfMoveFeature}, "feature": {idText(f.threads.ID)}, "team": {idText(f.hawks.ID)}}

	w := e.postForm(path+"/decisions", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("decision without a reason = %d, want 422; body %s", w.Code, w.Body)
	}
	// Refused, the page keeps the change with its before and after.
	wantParts(t, "decision without a reason", w.Body.String(), []string{`id="problem" role="alert">Reason: is required</p>`, `id="outlook-after"`, `<input type="hidden" name="team" value="` + idText(f.hawks.ID) + `">`})
	if got := e.item(f.stories["C"].ID); *got.TeamID != f.inbox.ID {
		t.Fatalf("a refused decision moved story C to team %d", *got.TeamID)
	}

	form.Set("reason", "Inbox Crew is full with Search")
	w = e.postForm(path+"/decisions", form)
	body := e.followFlash(w, path, "Decided: Move the unfinished stories of &#34;Threads&#34; to Delivery Hawks.")
	wantParts(t, "page after the decision", body, []string{
		`<ol class="decision-list" id="decision-list">`, `<strong>Move the unfinished stories of &#34;Threads&#34; to Delivery Hawks</strong> <span class="muted">Ada Admin, 4 Mar 2026 10:00</span>`,
		`<span class="decision-reason">Inbox Crew is full with Search</span>`,
	}, `id="no-decisions"`)
	if got := e.item(f.stories["C"].ID); *got.TeamID != f.hawks.ID {
		t.Errorf("after the decision story C is in team %d, want Delivery Hawks (%d)", *got.TeamID, f.hawks.ID)
	}
}

func TestBaselineAndPhasePages(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releasePath(f.mail3.ID)
	w := e.postForm(path+"/baselines", url.Values{"note": {"Re-plan after Search grew"}})
	body := e.followFlash(w, path, "Took a baseline: 3 feature units due Fri 24 Apr 2026.")
	wantParts(t, "page after the baseline", body, []string{`Baseline of 4 Mar 2026 10:00 by Ada Admin: 3 feature units due Fri 24 Apr 2026.`, `“Re-plan after Search grew”`})

	rel := f.mail3
	tests := []struct {
		name    string
		form    url.Values
		status  int
		message string
	}{
		{"released with items open", url.Values{"version": {idText(rel.Version)}, "phase": {"released"}}, 422, "Override reason: 4 required readiness items are open"},
		{"no phase", url.Values{"version": {idText(rel.Version)}}, 422, "Phase: choose the phase"},
		{"unknown phase", url.Values{"version": {idText(rel.Version)}, "phase": {"shipped"}}, 422, "Phase: must be one of planning, sprinting, hardening, released"},
		{"stale version", url.Values{"version": {idText(rel.Version + 7)}, "phase": {"sprinting"}}, 409, releaseConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.postForm(path+"/phase", tt.form)
			if w.Code != tt.status {
				t.Fatalf("phase = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), `role="alert">`+tt.message) {
				t.Errorf("refused phase change does not say %q:\n%s", tt.message, w.Body)
			}
		})
	}
	w = e.postForm(path+"/phase", url.Values{"version": {idText(rel.Version)}, "phase": {"released"}, "override_reason": {"Customers need Threads now"}})
	body = e.followFlash(w, path, "Mail 3.0 is now released.")
	wantParts(t, "released page", body, []string{`id="release-phase">Released</span>`, `<p class="release-override" id="release-override">Released with readiness items open: Customers need Threads now</p>`})
}

// toReadiness checks that a readiness form leads back to the checklist
// of the release page at path, and drops the fragment, which a browser
// keeps to itself, so that followFlash can load the page.
func toReadiness(t *testing.T, w *httptest.ResponseRecorder, path string) *httptest.ResponseRecorder {
	t.Helper()
	if got := w.Header().Get("Location"); got != path+"#readiness" {
		t.Fatalf("readiness form redirects to %q, want %q", got, path+"#readiness")
	}
	w.Header().Set("Location", path)
	return w
}

func TestReadinessPages(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := releasePath(f.mail3.ID)
	items, err := e.store.FindReadinessItems(context.Background(), f.mail3.ID)
	if err != nil || len(items) == 0 {
		t.Fatalf("find readiness: %v, %d items", err, len(items))
	}
	it := items[0]
	save := path + "/readiness/" + idText(it.ID)
	w := e.postForm(save, url.Values{"version": {idText(it.Version)}, "state": {"done"}, "owner": {idText(e.admin.ID)}, "evidence": {"https://ci.example/run/12"}, "required": {"true"}})
	body := e.followFlash(toReadiness(t, w, path), path, "Saved “"+template.HTMLEscapeString(it.Title)+"”: done.")
	wantParts(t, "page after saving", body, []string{
		`<h2>Release readiness <span class="muted">3 required items open</span></h2>`,
		`<tr class="readiness-item" data-state="done" id="readiness-item-` + idText(it.ID) + `" data-item="` + idText(it.ID) + `" data-version="` + idText(it.Version+1) + `">`,
		`<option value="` + idText(e.admin.ID) + `" selected>Ada Admin</option>`,
		`value="https://ci.example/run/12"`,
	})

	tests := []struct {
		name, path string
		form       url.Values
		status     int
		message    string
	}{
		{"stale version", save, url.Values{"version": {idText(it.Version)}, "state": {"open"}}, 409, releaseConflict},
		{"unknown state", save, url.Values{"version": {idText(it.Version + 1)}, "state": {"finished"}}, 422, "State: must be one of open, in_progress, done, waived"},
		{"new item without a title", path + "/readiness", url.Values{"part": {"deployment"}}, 422, "Title: is required"},
		{"new item without a part", path + "/readiness", url.Values{"title": {"Dry run"}}, 422, "Part: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.postForm(tt.path, tt.form)
			if w.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d; body %s", tt.path, w.Code, tt.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), `role="alert">`+tt.message) {
				t.Errorf("refusal does not say %q:\n%s", tt.message, w.Body)
			}
		})
	}
	w = e.postForm(path+"/readiness", url.Values{"part": {"deployment"}, "title": {"Dry run on staging"}, "required": {"true"}})
	body = e.followFlash(toReadiness(t, w, path), path, "Added “Dry run on staging” to the checklist.")
	wantParts(t, "page after adding", body, []string{`<td class="readiness-title">Dry run on staging</td>`, `4 required items open`})

	// An item of another release is not found through this release.
	other, err := e.store.FindReadinessItems(context.Background(), f.mail2.ID)
	if err != nil || len(other) == 0 {
		t.Fatalf("find readiness of Mail 2.0: %v", err)
	}
	if w := e.postForm(path+"/readiness/"+idText(other[0].ID), url.Values{"version": {idText(other[0].Version)}, "state": {"done"}}); w.Code != http.StatusNotFound {
		t.Errorf("saving an item of Mail 2.0 through Mail 3.0 = %d, want 404", w.Code)
	}
}

func TestMetaBacklogPage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	path := metaBacklogPath(f.mail.ID)
	body := e.getPage(path, http.StatusOK)
	wantParts(t, "meta-backlog", body, []string{
		`<h1 id="page-title">Meta-backlog</h1>`,
		// Mail 2.0 is the release in progress: the earliest not released.
		`<a href="/releases/` + idText(f.mail2.ID) + `" id="nav-release">Release</a>`,
		`<a href="` + path + `" id="nav-meta-backlog" aria-current="page">Meta-backlog</a>`,
		`5 features, 6 feature units, 2 flagged; 1 accepted, listed last.`,
		`<td class="feature-title">Threads</td>`, `<a href="/releases/` + idText(f.mail3.ID) + `">Mail 3.0</a>`,
		`<td class="feature-title">Search</td>`,
		`<td class="feature-title">Unified inbox</td>`, `<span class="flag-marker flag-no_stories">Not broken down into stories yet.</span>`,
		`<form method="post" action="` + path + `/commit" class="commit-form">`,
		`<td class="feature-title">Crash on send</td>`, `<a href="/releases/` + idText(f.hotfix.ID) + `">Mail 2.0.1</a>`,
		// Accepted features come last, out of the way.
		`<details class="accepted-features" id="accepted-features">`, `<summary>1 accepted feature</summary>`,
		`<td class="position">3</td>`, `<td class="feature-title">Labels <span class="done-marker">✓ Accepted</span></td>`,
	}, "Agenda")

	// An accepted feature needs no more stories.
	for title, want := range map[string]bool{"Labels": false, "Search": true} {
		row := body[strings.Index(body, `id="feature-`+idText(f.features[title].ID)+`"`):]
		row = row[:strings.Index(row, "</tr>")]
		if got := strings.Contains(row, `class="breakdown-form"`); got != want {
			t.Errorf("the row of %s offers a breakdown: %v, want %v", title, got, want)
		}
	}

	unified := f.features["Unified inbox"]
	w := e.postForm(path+"/stories", url.Values{"feature": {idText(unified.ID)},
		"team-0": {idText(f.inbox.ID)}, "title-0": {"Merge the inboxes"}, "estimate-0": {"5"},
		"team-1": {idText(f.hawks.ID)}, "title-1": {"Deliver to the merged inbox"},
		"team-2": {idText(f.inbox.ID)}, "title-2": {""}})
	body = e.followFlash(w, path, "Made 2 stories.")
	wantParts(t, "after the breakdown", body, []string{`<td class="feature-title">Unified inbox</td>`, `<td class="teams">Inbox Crew, Delivery Hawks</td>`, `<span class="progress-text">0 of 2</span>`})

	w = e.postForm(path+"/commit", url.Values{"feature": {idText(unified.ID)}, "version": {idText(unified.Version)}, "release": {idText(f.mail3.ID)}})
	e.followFlash(w, path, "Committed “Unified inbox” to Mail 3.0.")
	if got := e.item(unified.ID); got.ReleaseID == nil || *got.ReleaseID != f.mail3.ID {
		t.Errorf("after the commit Unified inbox is in release %v, want Mail 3.0", got.ReleaseID)
	}

	tests := []struct {
		name, action string
		form         url.Values
		status       int
		message      string
	}{
		{"no story titled", "/stories", url.Values{"feature": {idText(f.search.ID)}}, 422, "Stories: give at least one story a title"},
		{"bad estimate", "/stories", url.Values{"feature": {idText(f.search.ID)}, "team-0": {idText(f.inbox.ID)}, "title-0": {"Index"}, "estimate-0": {"lots"}}, 422, "Estimate-0: &#34;lots&#34; is not a number of points"},
		{"team of another product", "/stories", url.Values{"feature": {idText(f.search.ID)}, "team-0": {idText(f.owls.ID)}, "title-0": {"Index"}}, 422, "Stories[0].team: team " + idText(f.owls.ID) + " is not a team of the feature&#39;s product"},
		{"feature in another release", "/commit", url.Values{"feature": {idText(f.features["Labels"].ID)}, "version": {idText(f.features["Labels"].Version)}, "release": {idText(f.mail3.ID)}}, 422, "Feature: &#34;Labels&#34; is committed to release Mail 2.0; take it out there first"},
		{"release of another product", "/commit", url.Values{"feature": {idText(f.search.ID)}, "version": {idText(f.search.Version)}, "release": {idText(f.cal1.ID)}}, 422, "Release: Cal 1.0 is a release of another product"},
		{"stale version", "/commit", url.Values{"feature": {idText(unified.ID)}, "version": {idText(unified.Version)}, "release": {idText(f.mail2.ID)}}, 422, "Feature: &#34;Unified inbox&#34; is committed to release Mail 3.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.postForm(path+tt.action, tt.form)
			if w.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d; body %s", tt.action, w.Code, tt.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), `role="alert">`+tt.message) {
				t.Errorf("refusal does not say %q:\n%s", tt.message, w.Body)
			}
		})
	}
}

func TestProductBurnupPage(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	body := e.getPage("/products/"+idText(f.mail.ID)+"/burnup", http.StatusOK)
	wantParts(t, "product burnup", body, []string{
		`<h1 id="page-title">All releases</h1>`,
		`<figure class="chart" id="product-burnup">`, `<svg`, `Releases of Mail Cloud`,
		`<tr data-release="` + idText(f.mail2.ID) + `">`, `<a href="/releases/` + idText(f.mail2.ID) + `">Mail 2.0</a>`, `<td>1</td>`, `<td>1 feature units</td>`,
		`<tr data-release="` + idText(f.mail3.ID) + `">`, `<a href="/releases/` + idText(f.mail3.ID) + `">Mail 3.0</a>`, `<td>0</td>`, `<td>3 feature units</td>`,
	}, "Mail 2.0.1")
}

func TestReleaseLinks(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	sos := &radiator.Forum{Name: "Mail Scrum of Scrums", Tier: 2, Kind: radiator.ForumScrumOfScrums, ProductID: &f.mail.ID, Cadence: radiator.DefaultCadence(radiator.ForumScrumOfScrums)}
	if err := e.store.CreateForum(context.Background(), sos); err != nil {
		t.Fatal(err)
	}
	link := `<a class="release-link-name" href="/releases/` + idText(f.mail2.ID) + `">Mail Cloud: Mail 2.0</a>`
	wantParts(t, "home", e.getPage("/", http.StatusOK), []string{`<section class="releases-now" id="releases-in-progress"`, `Calendar: Cal 1.0`, link})
	wantParts(t, "S2 forum", e.getPage("/forums/"+idText(sos.ID), http.StatusOK), []string{`<section class="releases-now" id="forum-releases">`, link}, "Cal 1.0")
	wantParts(t, "release page", e.getPage(releasePath(f.mail3.ID), http.StatusOK), []string{`<a href="/forums/` + idText(sos.ID) + `" id="nav-forum">Forum</a>`})
}

// TestReleaseFormsRefuseOtherSites sends every form of the release pages
// from another site: each is refused before it changes anything.
func TestReleaseFormsRefuseOtherSites(t *testing.T) {
	e := newEnv(t)
	f := e.s2Fixture()
	rel, product := releasePath(f.mail3.ID), "/products/"+idText(f.mail.ID)
	for _, path := range []string{
		rel + "/what-if", rel + "/decisions", rel + "/baselines", rel + "/phase", rel + "/readiness", rel + "/readiness/1",
		rel + "/board/move", product + "/meta-backlog/stories", product + "/meta-backlog/commit",
	} {
		before := e.eventCount()
		r := e.request("POST", path, "")
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		if w := e.serve(r); w.Code != http.StatusForbidden {
			t.Errorf("POST %s from another site = %d, want 403", path, w.Code)
		}
		if n := e.eventCount(); n != before {
			t.Errorf("POST %s from another site wrote %d events", path, n-before)
		}
	}
}

// benchBoardPage is the page of a release board of 12 teams by 6 sprints:
// 200 features broken into 3,000 stories, each feature's for three teams
// over two sprints (1,200 cards), 100 dependencies and a hot fix.
func benchBoardPage(b *testing.B) (*Server, *releaseBoardPage, *releaseBoardView, *releaseView) {
	b.Helper()
	rel := &radiator.Release{ID: 1, ProductID: 1, Name: "4.0", Start: radiator.MustDate("2027-02-01"), Date: radiator.MustDate("2027-04-30"),
		Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
	hot := &radiator.Release{ID: 2, ProductID: 1, Name: "3.9.1", Start: radiator.MustDate("2027-02-01"), Date: radiator.MustDate("2027-02-12"),
		Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseHotfix}
	plan := &productPlan{Product: &radiator.Product{ID: 1, Key: "BIG", Name: "Big Product"}, Releases: []*radiator.Release{rel, hot}}
	for t := range 12 {
		team := &radiator.Team{ID: int64(t + 1), ProductID: 1, Name: fmt.Sprintf("Team %02d", t+1)}
		plan.Teams = append(plan.Teams, team)
		for s := range 6 {
			start := rel.Start.AddDays(14 * s)
			state := radiator.SprintPlanned
			if s < 2 {
				state = radiator.SprintClosed
			}
			plan.Sprints = append(plan.Sprints, &radiator.Sprint{ID: int64(100*t + s + 1), TeamID: team.ID, Name: fmt.Sprintf("Sprint %d", s+1),
				Start: start, End: start.AddDays(11), State: state})
		}
	}
	var deps []*radiator.Dependency
	for f := range 200 {
		release := rel.ID
		if f%50 == 0 {
			release = hot.ID
		}
		feature := &radiator.BacklogItem{ID: int64(10000 + f), ProductID: 1, Kind: radiator.KindFeature, Title: fmt.Sprintf("Feature %d of the big release", f),
			Rank: fmt.Sprintf("f%04d", f), State: radiator.StateNew, ReleaseID: &release}
		plan.Features = append(plan.Features, feature)
		for s := range 15 {
			// Three teams work on a feature, over two sprints.
			t := (f + s%3) % 12
			team := plan.Teams[t]
			sprint := plan.Sprints[t*6+(f/40+s%2)%6]
			est := float64(1 + s%5)
			st := &radiator.BacklogItem{ID: int64(100000 + 15*f + s), ProductID: 1, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d.%d", f, s),
				Rank: fmt.Sprintf("s%04d%02d", f, s), State: radiator.StateReady, ParentID: &feature.ID, TeamID: &team.ID, SprintID: &sprint.ID,
				Estimate: &est, Version: 3}
			if sprint.State == radiator.SprintClosed {
				st.State = radiator.StateDone
			}
			plan.Stories = append(plan.Stories, st)
		}
		if f%2 == 1 && len(deps) < 300 {
			deps = append(deps, &radiator.Dependency{ID: int64(len(deps) + 1), ProductID: 1, ItemID: int64(100000 + 15*f + 3), DependsOnID: int64(100000 + 15*(f-1) + 7), State: radiator.DependencyOpen})
		}
	}
	board := radiator.NewReleaseBoard(radiator.ReleaseBoardInput{Release: rel, Hotfixes: []*radiator.Release{hot}, Teams: plan.Teams, Sprints: plan.Sprints,
		Features: plan.Features, Stories: plan.Stories, Dependencies: deps})
	v := &releaseView{AsOf: radiator.MustDate("2027-03-03"), Release: rel, Plan: plan, Features: plan.committed(rel.ID)}
	v.Stories = plan.storiesOf(v.Features)
	v.Risk = v.risk(v.Features, v.Stories)
	s := NewServer(nil, nil)
	page := &releaseBoardPage{releaseHead: releaseHead{Product: plan.Product, Release: rel, Heading: rel.Name + ": release board"},
		Here: releaseBoardPath(rel.ID), Risk: v.Risk, Teams: plan.Teams, Today: v.AsOf}
	return s, page, &releaseBoardView{Release: rel, Plan: plan, Board: board}, v
}

// BenchmarkReleaseBoardPage lays out and renders the page of a release
// board of 12 teams by 6 sprints, from the board laid out already: the
// page's own share of its time.
func BenchmarkReleaseBoardPage(b *testing.B) {
	s, page, bv, v := benchBoardPage(b)
	if n := len(bv.Board.Rows); n != 13 || len(bv.Board.Columns) != 6 || len(bv.Board.Lines) == 0 {
		b.Fatalf("board of %d rows, %d columns and %d lines, want 13, 6 and some", n, len(bv.Board.Columns), len(bv.Board.Lines))
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		p := *page
		layoutReleaseBoard(&p, bv, v)
		buf.Reset()
		if err := s.pages["releaseboard"].ExecuteTemplate(&buf, "base", p); err != nil {
			b.Fatal(err)
		}
	}
	cards := 0
	for _, row := range bv.Board.Rows {
		cards += len(row.Unplanned)
		for _, cell := range row.Cells {
			cards += len(cell)
		}
	}
	b.ReportMetric(float64(cards), "cards")
	b.ReportMetric(float64(buf.Len())/1e6, "MB/page")
}
