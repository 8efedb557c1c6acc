package http

import (
	"context"
	"fmt"
	"html"
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

// settingsTeam creates a team nobody has configured, with a story in its
// backlog that has an estimate and acceptance criteria.
func (e *env) settingsTeam() (*radiator.Team, *radiator.BacklogItem) {
	e.t.Helper()
	ctx := context.Background()
	p := &radiator.Product{Key: "CAL", Name: "Calendar"}
	if err := e.store.CreateProduct(ctx, p); err != nil {
		e.t.Fatalf("create product: %v", err)
	}
	team := &radiator.Team{ProductID: p.ID, Name: "Agenda"}
	if err := e.store.CreateTeam(ctx, team); err != nil {
		e.t.Fatalf("create team: %v", err)
	}
	it := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindStory, Title: "Week view", State: radiator.StateNew,
		TeamID: &team.ID, Estimate: ptr(8.0), AcceptanceCriteria: "Seven days show."}
	if err := e.store.CreateBacklogItem(ctx, it); err != nil {
		e.t.Fatalf("create story: %v", err)
	}
	return team, it
}

// team returns a team as stored now.
func (e *env) team(id int64) *radiator.Team {
	e.t.Helper()
	team, err := e.store.FindTeamByID(context.Background(), id)
	if err != nil {
		e.t.Fatalf("find team %d: %v", id, err)
	}
	return team
}

// settingsValues is the settings form as the page sends it for a team,
// unchanged: its columns, two empty rows, its scale and its checklist.
func settingsValues(team *radiator.Team) url.Values {
	v := url.Values{"version": {strconv.FormatInt(team.Version, 10)}}
	board := team.Board()
	for i, c := range board {
		p := fmt.Sprintf("col-%d-", i)
		v.Set(p+"key", c.Key)
		v.Set(p+"name", c.Name)
		v.Set(p+"state", c.State)
		v.Set(p+"wip", strconv.Itoa(c.WIPLimit))
		v.Set(p+"order", strconv.Itoa(i+1))
	}
	for i := len(board); i < len(board)+2; i++ {
		p := fmt.Sprintf("col-%d-", i)
		v.Set(p+"new", "true")
		v.Set(p+"key", "")
		v.Set(p+"name", "")
		v.Set(p+"state", radiator.StateInProgress)
		v.Set(p+"wip", "0")
		v.Set(p+"order", strconv.Itoa(i+1))
	}
	var scale []string
	for _, s := range team.Scale() {
		scale = append(scale, formatPoints(s))
	}
	v.Set("estimate_scale", strings.Join(scale, ", "))
	v.Set("definition_of_ready", strings.Join(team.DefinitionOfReady, "\n"))
	return v
}

// settingsOf is what the settings page changes of a team.
type settingsOf struct {
	Columns []radiator.BoardColumn
	Scale   []float64
	Ready   []string
	Version int64
}

func settingsNow(team *radiator.Team) settingsOf {
	return settingsOf{team.Board(), team.Scale(), team.DefinitionOfReady, team.Version}
}

var columnHeadPattern = regexp.MustCompile(`<div class="column-head[^"]*" data-column="([a-z0-9_]+)" data-wip-limit="(\d+)">\s*<h2 class="column-name">([^<]*)</h2>`)

// boardColumns returns the column heads of a board page as key:name:limit.
func boardColumns(body string) []string {
	var cols []string
	for _, m := range columnHeadPattern.FindAllStringSubmatch(body, -1) {
		cols = append(cols, m[1]+":"+html.UnescapeString(m[3])+":"+m[2])
	}
	return cols
}

func TestSettingsPage(t *testing.T) {
	e := newEnv(t)
	team, _ := e.settingsTeam()
	body := e.getPage(settingsPath(team.ID), http.StatusOK)
	wantParts(t, "settings", body, []string{
		`<h1 id="page-title">Agenda</h1>`,
		fmt.Sprintf(`<a href="/teams/%d/settings" id="nav-settings" aria-current="page">Settings</a>`, team.ID),
		fmt.Sprintf(`<form method="post" action="/teams/%d/settings" class="settings" id="settings-form">`, team.ID),
		fmt.Sprintf(`<input type="hidden" name="version" value="%d">`, team.Version),
		`<tr class="column-row" data-column="todo">`,
		`name="col-0-order" value="1"`, `name="col-0-name" value="To do"`,
		`<input type="hidden" name="col-0-key" value="todo">`, `<code class="column-key">todo</code>`,
		`<option value="ready" selected>Ready</option>`, `name="col-0-wip" value="0"`, `name="col-0-remove" value="true"`,
		`<tr class="column-row" data-column="in_progress">`, `name="col-1-name" value="In progress"`,
		`<option value="in_progress" selected>In progress</option>`,
		`<tr class="column-row" data-column="done">`, `name="col-2-name" value="Done"`,
		`<option value="done" selected>Done</option>`,
		`<tr class="column-row new-column">`, `name="col-3-order" value="4"`,
		`aria-label="Name of new column 1"`, `<input type="hidden" name="col-3-new" value="true">`, `name="col-3-key" value=""`,
		`<tr class="column-row new-column">`, `name="col-4-key" value=""`, `aria-label="Key of new column 2"`,
		`name="estimate_scale" value="0, 1, 2, 3, 5, 8, 13, 21"`,
		`<textarea id="definition-of-ready" name="definition_of_ready" rows="6" aria-describedby="ready-note"></textarea>`,
		`<button type="submit" class="primary" id="save-settings">Save settings</button>`,
	}, `name="col-5-key"`, `name="col-3-remove"`, `id="flash"`)

	// Every team page links to the settings.
	board := e.getPage(fmt.Sprintf("/teams/%d/board", team.ID), http.StatusOK)
	wantParts(t, "board", board, []string{fmt.Sprintf(`<a href="/teams/%d/settings" id="nav-settings">Settings</a>`, team.ID)})
}

func TestSettingsForm(t *testing.T) {
	tests := []struct {
		name    string
		form    func(v url.Values) url.Values
		columns []string // the board's column heads after, key:name:limit
		want    func(before *radiator.Team) settingsOf
	}{
		{
			name: "a column between In progress and Done",
			form: func(v url.Values) url.Values {
				return withValues(v, "col-3-name", "In review", "col-3-state", "in_progress", "col-3-wip", "3", "col-3-order", "2.5")
			},
			columns: []string{"todo:To do:0", "in_progress:In progress:0", "in_review:In review:3", "done:Done:0"},
		},
		{
			name: "a new column with its own key, moved to the front",
			form: func(v url.Values) url.Values {
				return withValues(v, "col-4-name", "Ideas", "col-4-key", "inbox", "col-4-state", "ready", "col-4-order", "0")
			},
			columns: []string{"inbox:Ideas:0", "todo:To do:0", "in_progress:In progress:0", "done:Done:0"},
		},
		{
			name:    "a column renamed, with a WIP limit",
			form:    func(v url.Values) url.Values { return withValues(v, "col-1-name", "Doing", "col-1-wip", "2") },
			columns: []string{"todo:To do:0", "in_progress:Doing:2", "done:Done:0"},
		},
		{
			name:    "a column removed",
			form:    func(v url.Values) url.Values { return withValues(v, "col-1-remove", "true") },
			columns: []string{"todo:To do:0", "done:Done:0"},
		},
		{
			name:    "columns re-ordered",
			form:    func(v url.Values) url.Values { return withValues(v, "col-0-order", "3", "col-2-order", "1") },
			columns: []string{"done:Done:0", "in_progress:In progress:0", "todo:To do:0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			team, _ := e.settingsTeam()
			w := e.postForm(settingsPath(team.ID), tt.form(settingsValues(team)))
			body := e.followFlash(w, settingsPath(team.ID), "Saved the settings of Agenda.")
			saved := e.team(team.ID)
			if saved.Version != team.Version+1 {
				t.Errorf("team version = %d, want %d", saved.Version, team.Version+1)
			}
			var got []string
			for _, c := range saved.Board() {
				got = append(got, fmt.Sprintf("%s:%s:%d", c.Key, c.Name, c.WIPLimit))
			}
			if diff := cmp.Diff(tt.columns, got); diff != "" {
				t.Errorf("stored columns (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.columns, boardColumns(e.getPage(fmt.Sprintf("/teams/%d/board", team.ID), http.StatusOK))); diff != "" {
				t.Errorf("board page columns (-want +got):\n%s", diff)
			}
			if !strings.Contains(body, fmt.Sprintf(`<input type="hidden" name="version" value="%d">`, saved.Version)) {
				t.Errorf("the settings page after saving does not carry version %d", saved.Version)
			}
			if diff := cmp.Diff(radiator.FibonacciScale(), saved.Scale()); diff != "" {
				t.Errorf("the scale changed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSettingsFormInReviewOnTheBoard(t *testing.T) {
	e := newEnv(t)
	team, _ := e.settingsTeam()
	w := e.postForm(settingsPath(team.ID), withValues(settingsValues(team),
		"col-3-name", "In review", "col-3-state", "in_progress", "col-3-wip", "3", "col-3-order", "2.5"))
	e.followFlash(w, settingsPath(team.ID), "Saved the settings of Agenda.")
	board := e.getPage(fmt.Sprintf("/teams/%d/board", team.ID), http.StatusOK)
	wantParts(t, "board", board, []string{
		`data-column="in_progress" data-wip-limit="0">`,
		`<div class="column-head" data-column="in_review" data-wip-limit="3">`,
		`<h2 class="column-name">In review</h2>`,
		`<p class="wip">WIP limit 3<span class="over-limit-note" hidden> · over the limit</span></p>`,
		`data-column="done" data-wip-limit="0">`,
	})
}

func TestSettingsFormScaleAndReadiness(t *testing.T) {
	e := newEnv(t)
	team, story := e.settingsTeam()
	w := e.postForm(settingsPath(team.ID), withValues(settingsValues(team),
		"estimate_scale", "1, 2, 4, 8,16", "definition_of_ready", "Designed with the users\r\n\r\n  Test data ready  \n"))
	body := e.followFlash(w, settingsPath(team.ID), "Saved the settings of Agenda.")
	wantParts(t, "settings after saving", body, []string{
		`name="estimate_scale" value="1, 2, 4, 8, 16"`,
		">Designed with the users\nTest data ready</textarea>",
	})
	saved := e.team(team.ID)
	want := settingsOf{radiator.DefaultColumns(), []float64{1, 2, 4, 8, 16}, []string{"Designed with the users", "Test data ready"}, team.Version + 1}
	if diff := cmp.Diff(want, settingsNow(saved)); diff != "" {
		t.Errorf("saved settings (-want +got):\n%s", diff)
	}

	// The API now takes estimates on the new scale only.
	path := apiPath("backlog-items/%d", story.ID)
	wantAPIError(t, e.do("PATCH", path, fmt.Sprintf(`{"version":%d,"estimate":3}`, story.Version)), http.StatusUnprocessableEntity, radiator.EINVALID, "estimate")
	var got radiator.BacklogItem
	e.mustDo("PATCH", path, fmt.Sprintf(`{"version":%d,"estimate":4}`, story.Version), http.StatusOK, &got)
	if got.Estimate == nil || *got.Estimate != 4 {
		t.Errorf("estimate = %v, want 4", got.Estimate)
	}

	// The backlog flags the story for the new checklist.
	backlog := e.getPage(fmt.Sprintf("/teams/%d/backlog", team.ID), http.StatusOK)
	wantParts(t, "backlog", backlog, []string{
		`<span class="figure-value" id="flagged-count">1</span>`,
		fmt.Sprintf(`id="item-%d"`, story.ID),
		`<span class="flag-marker">Not ready:</span>`,
		`title="Not ticked: Designed with the users; Test data ready">2 checks of the definition of ready not ticked</span>`,
	})
}

func TestSettingsFormRefused(t *testing.T) {
	tests := []struct {
		name    string
		form    func(v url.Values) url.Values
		status  int
		message string
		shown   []string // parts of the page shown again
	}{
		{
			name:    "stale version",
			form:    func(v url.Values) url.Values { return withValues(v, "version", "1", "col-1-name", "Doing") },
			status:  http.StatusConflict,
			message: `<p class="flash flash-conflict" id="conflict" role="alert">Someone else changed the team&#39;s settings; here they are now.</p>`,
			shown:   []string{`name="version" value="2"`, `name="col-1-name" value="Underway"`},
		},
		{
			name: "duplicate key",
			form: func(v url.Values) url.Values {
				return withValues(v, "col-3-name", "Also to do", "col-3-key", "todo", "col-3-state", "ready")
			},
			status:  http.StatusUnprocessableEntity,
			message: `Columns: the key &#34;todo&#34; is used by two columns`,
			shown:   []string{`name="col-3-name" value="Also to do"`, `name="col-3-key" value="todo"`},
		},
		{
			name:    "no done column",
			form:    func(v url.Values) url.Values { return withValues(v, "col-2-remove", "true") },
			status:  http.StatusUnprocessableEntity,
			message: `Columns: a board needs a column for ready work and one for done work`,
			shown:   []string{`name="col-2-remove" value="true" checked`},
		},
		{
			name: "every column removed",
			form: func(v url.Values) url.Values {
				return withValues(v, "col-0-remove", "true", "col-1-remove", "true", "col-2-remove", "true")
			},
			status:  http.StatusUnprocessableEntity,
			message: `Columns: a board needs a column for ready work and one for done work`,
		},
		{
			name:    "WIP limit not a number",
			form:    func(v url.Values) url.Values { return withValues(v, "col-1-wip", "three") },
			status:  http.StatusUnprocessableEntity,
			message: `Columns: column &#34;Underway&#34;: the WIP limit &#34;three&#34; is not a whole number`,
			shown:   []string{`name="col-1-wip" value="three"`},
		},
		{
			name:    "WIP limit out of range",
			form:    func(v url.Values) url.Values { return withValues(v, "col-1-wip", "-1") },
			status:  http.StatusUnprocessableEntity,
			message: `Columns: column &#34;in_progress&#34;: the work-in-progress limit must be between 0 (none) and 999`,
		},
		{
			name:    "order not a number",
			form:    func(v url.Values) url.Values { return withValues(v, "col-0-order", "first") },
			status:  http.StatusUnprocessableEntity,
			message: `Columns: column &#34;To do&#34;: the order &#34;first&#34; is not a number`,
		},
		{
			name:    "scale entry not a number",
			form:    func(v url.Values) url.Values { return withValues(v, "estimate_scale", "1, 2, big") },
			status:  http.StatusUnprocessableEntity,
			message: `Estimate scale: &#34;big&#34; is not a number`,
			shown:   []string{`name="estimate_scale" value="1, 2, big"`},
		},
		{
			name:    "scale not rising",
			form:    func(v url.Values) url.Values { return withValues(v, "estimate_scale", "1, 5, 3") },
			status:  http.StatusUnprocessableEntity,
			message: `Estimate scale: values must rise: 3 comes after 5`,
		},
		{
			name:    "checklist entry twice",
			form:    func(v url.Values) url.Values { return withValues(v, "definition_of_ready", "Designed\nDesigned") },
			status:  http.StatusUnprocessableEntity,
			message: `Definition of ready: lists &#34;Designed&#34; twice`,
			shown:   []string{">Designed\nDesigned</textarea>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			team, _ := e.settingsTeam()
			form := settingsValues(team)
			// Someone else renames a column first: the form's version is stale.
			team, err := e.store.UpdateTeam(context.Background(), team.ID, radiator.TeamUpdate{Version: team.Version,
				Columns: &[]radiator.BoardColumn{
					{Key: "todo", Name: "To do", State: radiator.StateReady},
					{Key: "in_progress", Name: "Underway", State: radiator.StateInProgress},
					{Key: "done", Name: "Done", State: radiator.StateDone},
				}})
			if err != nil {
				t.Fatal(err)
			}
			if tt.status != http.StatusConflict {
				form = settingsValues(team)
			}
			before := settingsNow(team)
			w := e.postForm(settingsPath(team.ID), tt.form(form))
			if w.Code != tt.status {
				t.Fatalf("POST settings = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			body := w.Body.String()
			wantParts(t, "refused settings", body, append([]string{tt.message}, tt.shown...))
			if diff := cmp.Diff(before, settingsNow(e.team(team.ID))); diff != "" {
				t.Errorf("a refused form changed the team (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSettingsFormRefusesOtherSites(t *testing.T) {
	e := newEnv(t)
	team, _ := e.settingsTeam()
	form := withValues(settingsValues(team), "col-1-name", "Doing")
	r := httptest.NewRequest("POST", settingsPath(team.ID), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Authorization", "Bearer "+e.token)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if w := e.serve(r); w.Code != http.StatusForbidden {
		t.Errorf("a form from another site = %d, want 403", w.Code)
	}
	if got := e.team(team.ID); got.Version != team.Version {
		t.Errorf("a form from another site changed the team to version %d", got.Version)
	}
}

func TestColumnKey(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"In review", "in_review"},
		{"  QA / Test  ", "qa_test"},
		{"2nd review", "nd_review"},
		{"Ready for release 2", "ready_for_release_2"},
		{"Über-prüfung", "ber_pr_fung"},
		{strings.Repeat("abcde ", 10), "abcde_abcde_abcde_abcde_abcde"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := columnKey(tt.name); got != tt.want {
				t.Errorf("columnKey(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
