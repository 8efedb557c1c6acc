package http

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// boardFixture is one team's fortnight, made at ManualClock times so that
// its burndown, flow and velocity can be worked out by hand:
//
//   - Team "Inbox Crew" with columns todo (ready), doing (in_progress, WIP
//     limit 1), review (in_progress) and done, the Fibonacci scale and a
//     one-line definition of ready. Dana is a member, Tess a tester, Olga
//     the product owner (who does not count for capacity).
//   - Fri 27 Feb 10:00: stories A (3, under the feature Threads), B (5,
//     assigned to Dana) and C (2) are planned ready into Sprint 7 (Mon 2 to
//     Fri 13 March); D (8, ready), E (new, no estimate) and F (1, ready)
//     wait in the team's backlog. Sprint 8 (16 to 27 March) is planned, Dana
//     off two days of it.
//   - Mon 2 March 09:00: Sprint 7 starts, committing 10 points.
//     15:00: A moves to doing.
//   - Tue 3 March 11:00: A is done. 14:00: F joins the sprint (+1 point).
//   - Wed 4 March 10:00 (now): B is done.
//
// So at now the sprint holds A and B done (8 points), C and F to do (3).
type boardFixture struct {
	product          *radiator.Product
	team             *radiator.Team
	feature          *radiator.BacklogItem
	dana, tess, olga *radiator.Person
	sprint, next     *radiator.Sprint
	items            map[string]*radiator.BacklogItem // A to F, as last changed
}

func (e *env) boardFixture() *boardFixture {
	e.t.Helper()
	ctx := context.Background()
	check := func(what string, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("board fixture: %s: %v", what, err)
		}
	}
	at := func(s string) {
		e.t.Helper()
		tm, err := time.Parse("2006-01-02 15:04", s)
		check("time", err)
		e.clock.Set(tm)
	}
	f := &boardFixture{items: map[string]*radiator.BacklogItem{}}
	at("2026-02-20 09:00")
	f.product = &radiator.Product{Key: "MAIL", Name: "Mail Cloud"}
	check("product", e.store.CreateProduct(ctx, f.product))
	f.team = &radiator.Team{ProductID: f.product.ID, Name: "Inbox Crew",
		Columns: []radiator.BoardColumn{
			{Key: "todo", Name: "To do", State: radiator.StateReady},
			{Key: "doing", Name: "Doing", State: radiator.StateInProgress, WIPLimit: 1},
			{Key: "review", Name: "Review", State: radiator.StateInProgress},
			{Key: "done", Name: "Done", State: radiator.StateDone},
		},
		DefinitionOfReady: []string{"Small enough"},
	}
	check("team", e.store.CreateTeam(ctx, f.team))
	f.dana = e.person("Dana Dev", "dana@example.com", "dana's password", false)
	f.tess = e.person("Tess Tester", "tess@example.com", "tess's password", false)
	f.olga = e.person("Olga Owner", "olga@example.com", "olga's password", false)
	for _, m := range []*radiator.Membership{
		{PersonID: f.dana.ID, ForumID: f.team.ForumID, Role: radiator.RoleMember},
		{PersonID: f.tess.ID, ForumID: f.team.ForumID, Role: radiator.RoleTester},
		{PersonID: f.olga.ID, ForumID: f.team.ForumID, Role: radiator.RoleProductOwner},
	} {
		check("membership", e.store.CreateMembership(ctx, m))
	}
	f.feature = &radiator.BacklogItem{ProductID: f.product.ID, Kind: radiator.KindFeature, Title: "Threads", State: radiator.StateNew}
	check("feature", e.store.CreateBacklogItem(ctx, f.feature))
	f.sprint = &radiator.Sprint{TeamID: f.team.ID, Name: "Sprint 7", Start: radiator.MustDate("2026-03-02"), End: radiator.MustDate("2026-03-13"), State: radiator.SprintPlanned}
	check("sprint", e.store.CreateSprint(ctx, f.sprint))
	f.next = &radiator.Sprint{TeamID: f.team.ID, Name: "Sprint 8", Start: radiator.MustDate("2026-03-16"), End: radiator.MustDate("2026-03-27"), State: radiator.SprintPlanned,
		DaysOff: []radiator.DaysOff{{PersonID: f.dana.ID, Days: 2}}}
	check("next sprint", e.store.CreateSprint(ctx, f.next))

	at("2026-02-27 10:00")
	for _, s := range []struct {
		key      string
		estimate float64 // 0 for none
		state    string
		sprint   bool
	}{
		{"A", 3, radiator.StateReady, true},
		{"B", 5, radiator.StateReady, true},
		{"C", 2, radiator.StateReady, true},
		{"D", 8, radiator.StateReady, false},
		{"E", 0, radiator.StateNew, false},
		{"F", 1, radiator.StateReady, false},
	} {
		it := &radiator.BacklogItem{ProductID: f.product.ID, Kind: radiator.KindStory, Title: "Story " + s.key, State: s.state, TeamID: &f.team.ID}
		if s.estimate != 0 {
			it.Estimate = &s.estimate
			it.AcceptanceCriteria = "It works."
			it.ReadyChecks = []string{"Small enough"}
		}
		if s.sprint {
			it.SprintID = &f.sprint.ID
		}
		switch s.key {
		case "A":
			it.ParentID = &f.feature.ID
		case "B":
			it.AssigneeID = &f.dana.ID
		}
		check("story "+s.key, e.store.CreateBacklogItem(ctx, it))
		f.items[s.key] = it
	}
	update := func(key string, upd radiator.BacklogItemUpdate) {
		e.t.Helper()
		upd.Version = f.items[key].Version
		it, err := e.store.UpdateBacklogItem(ctx, f.items[key].ID, upd)
		check("update "+key, err)
		f.items[key] = it
	}
	at("2026-03-02 09:00")
	active := radiator.SprintActive
	sp, err := e.store.UpdateSprint(ctx, f.sprint.ID, radiator.SprintUpdate{Version: f.sprint.Version, State: &active})
	check("start sprint", err)
	f.sprint = sp
	at("2026-03-02 15:00")
	update("A", radiator.BacklogItemUpdate{Column: ptr("doing")})
	at("2026-03-03 11:00")
	update("A", radiator.BacklogItemUpdate{Column: ptr("done")})
	at("2026-03-03 14:00")
	update("F", radiator.BacklogItemUpdate{SprintID: radiator.SetTo(f.sprint.ID)})
	e.clock.Set(testNow)
	update("B", radiator.BacklogItemUpdate{Column: ptr("done")})
	return f
}

// apiPath returns a path under /api/v1.
func apiPath(format string, args ...any) string { return "/api/v1/" + fmt.Sprintf(format, args...) }

// wantAPIError checks that w answers the status with the code and field.
func wantAPIError(t testing.TB, w *httptest.ResponseRecorder, status int, code, field string) apiErrorBody {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status = %d, want %d; body %s", w.Code, status, w.Body)
	}
	got := apiErr(t, w)
	if got.Code != code || got.Field != field {
		t.Errorf("error = %+v, want code %s field %q", got, code, field)
	}
	return got
}

// cardTitles returns the titles of a column's cards.
func cardTitles(c boardColumn) []string {
	titles := []string{}
	for _, card := range c.Cards {
		titles = append(titles, card.Item.Title)
	}
	return titles
}

func TestBoard(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	// C and F both move into doing, one over its limit of 1. C goes to
	// Ada, who is not in the team.
	for key, extra := range map[string]string{"C": fmt.Sprintf(`,"assignee_id":%d`, e.admin.ID), "F": ""} {
		var it radiator.BacklogItem
		e.mustDo("PATCH", apiPath("backlog-items/%d", f.items[key].ID), fmt.Sprintf(`{"version":%d,"column":"doing"%s}`, f.items[key].Version, extra), http.StatusOK, &it)
		if it.State != radiator.StateInProgress || it.Column != "doing" || it.Version != f.items[key].Version+1 {
			t.Errorf("moved %s: state %q column %q version %d, want in_progress, doing, %d", key, it.State, it.Column, it.Version, f.items[key].Version+1)
		}
	}

	var b boardView
	e.mustDo("GET", apiPath("teams/%d/board", f.team.ID), "", http.StatusOK, &b)
	if b.Team.ID != f.team.ID || b.Sprint == nil || b.Sprint.ID != f.sprint.ID {
		t.Fatalf("board of team %d, sprint %v; want team %d, sprint %d", b.Team.ID, b.Sprint, f.team.ID, f.sprint.ID)
	}
	type column struct {
		Key       string
		Count     int
		Points    float64
		OverLimit bool
		Titles    []string
	}
	var got []column
	for _, c := range b.Columns {
		got = append(got, column{c.Key, c.Count, c.Points, c.OverLimit, cardTitles(c)})
	}
	want := []column{
		{"todo", 0, 0, false, []string{}},
		{"doing", 2, 3, true, []string{"Story C", "Story F"}},
		{"review", 0, 0, false, []string{}},
		{"done", 2, 8, false, []string{"Story A", "Story B"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("board columns (-want +got):\n%s", diff)
	}
	done := b.Columns[3]
	if diff := cmp.Diff(&itemSummary{ID: f.feature.ID, Kind: radiator.KindFeature, Title: "Threads"}, done.Cards[0].Parent); diff != "" {
		t.Errorf("parent of A (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&personSummary{ID: f.dana.ID, Name: "Dana Dev", Initials: "DD"}, done.Cards[1].Assignee); diff != "" {
		t.Errorf("assignee of B (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&personSummary{ID: e.admin.ID, Name: "Ada Admin", Initials: "AA"}, b.Columns[1].Cards[0].Assignee); diff != "" {
		t.Errorf("assignee of C, from outside the team (-want +got):\n%s", diff)
	}
	if done.Cards[0].Assignee != nil || done.Cards[1].Parent != nil {
		t.Errorf("A has assignee %v, B parent %v; want none", done.Cards[0].Assignee, done.Cards[1].Parent)
	}

	t.Run("reload shows the move", func(t *testing.T) {
		var it radiator.BacklogItem
		e.mustDo("GET", apiPath("backlog-items/%d", f.items["C"].ID), "", http.StatusOK, &it)
		if it.Column != "doing" {
			t.Errorf("C after reload in column %q, want doing", it.Column)
		}
	})
	t.Run("JSON null sprint and empty cards", func(t *testing.T) {
		var raw map[string]any
		e.mustDo("GET", apiPath("teams/%d/board?sprint_id=%d", f.team.ID, f.next.ID), "", http.StatusOK, &raw)
		cols := raw["columns"].([]any)
		if len(cols) != 4 || cols[0].(map[string]any)["cards"] == nil {
			t.Errorf("columns of the empty sprint = %v, want 4 with cards []", cols)
		}
	})
	t.Run("no sprint", func(t *testing.T) {
		other := &radiator.Team{ProductID: f.product.ID, Name: "Delivery Hawks"}
		if err := e.store.CreateTeam(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		e.mustDo("GET", apiPath("teams/%d/board", other.ID), "", http.StatusOK, &raw)
		var cols []boardColumn
		if err := json.Unmarshal(raw["columns"], &cols); err != nil {
			t.Fatal(err)
		}
		if string(raw["sprint"]) != "null" || len(cols) != 3 || cols[0].Key != "todo" {
			t.Errorf("board without sprints: sprint %s, columns %v; want null and the 3 default columns", raw["sprint"], cols)
		}
		w := e.do("GET", apiPath("teams/%d/board?sprint_id=%d", other.ID, f.sprint.ID), "")
		wantAPIError(t, w, http.StatusUnprocessableEntity, radiator.EINVALID, "sprint_id")
	})
	t.Run("errors", func(t *testing.T) {
		wantAPIError(t, e.do("GET", apiPath("teams/9999/board"), ""), http.StatusNotFound, radiator.ENOTFOUND, "")
		wantAPIError(t, e.do("GET", apiPath("teams/%d/board?sprint_id=9999", f.team.ID), ""), http.StatusUnprocessableEntity, radiator.EINVALID, "sprint_id")
		wantAPIError(t, e.do("GET", apiPath("teams/%d/board?sprint_id=x", f.team.ID), ""), http.StatusUnprocessableEntity, radiator.EINVALID, "sprint_id")
	})
}

// TestCardMoveErrors checks each refused change of a card, and that none
// changes the item.
func TestCardMoveErrors(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	c := f.items["C"]
	tests := []struct {
		name   string
		path   string
		body   string
		status int
		code   string
		field  string
	}{
		{"no such item", apiPath("backlog-items/99999"), `{"version":1,"column":"doing"}`, 404, radiator.ENOTFOUND, ""},
		{"no such column", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"column":"qa"}`, c.Version), 422, radiator.EINVALID, "column"},
		{"estimate off the scale", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"estimate":4}`, c.Version), 422, radiator.EINVALID, "estimate"},
		{"not ready by the definition", apiPath("backlog-items/%d", f.items["E"].ID), fmt.Sprintf(`{"version":%d,"state":"ready"}`, f.items["E"].Version), 422, radiator.EINVALID, "state"},
		{"stale version", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"column":"doing"}`, c.Version+5), 409, radiator.ECONFLICT, ""},
		{"column not a string", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"column":3}`, c.Version), 400, radiator.EMALFORMED, "column"},
		{"not JSON", apiPath("backlog-items/%d", c.ID), `{"version":1,"column":`, 400, radiator.EMALFORMED, ""},
		{"unknown field", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"lane":"doing"}`, c.Version), 400, radiator.EMALFORMED, "lane"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("PATCH", tt.path, tt.body), tt.status, tt.code, tt.field)
		})
	}
	for _, key := range []string{"C", "E"} {
		got, err := e.store.FindBacklogItemByID(context.Background(), f.items[key].ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f.items[key], got); diff != "" {
			t.Errorf("story %s changed after refused changes (-before +after):\n%s", key, diff)
		}
	}
}

func TestBacklogItemMove(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	d, ee := f.items["D"], f.items["E"]
	backlog := func() []string {
		t.Helper()
		var page list[*radiator.BacklogItem]
		e.mustDo("GET", apiPath("backlog-items?team_id=%d&backlog=true", f.team.ID), "", http.StatusOK, &page)
		var titles []string
		for _, it := range page.Items {
			titles = append(titles, it.Title)
		}
		return titles
	}
	if diff := cmp.Diff([]string{"Story D", "Story E"}, backlog()); diff != "" {
		t.Fatalf("backlog before the move (-want +got):\n%s", diff)
	}
	var moved radiator.BacklogItem
	e.mustDo("POST", apiPath("backlog-items/%d/move", ee.ID), fmt.Sprintf(`{"version":%d,"before":%d}`, ee.Version, d.ID), http.StatusOK, &moved)
	if moved.Version != ee.Version+1 || moved.Rank >= d.Rank {
		t.Errorf("moved E: version %d rank %q; want version %d and a rank before D's %q", moved.Version, moved.Rank, ee.Version+1, d.Rank)
	}
	if diff := cmp.Diff([]string{"Story E", "Story D"}, backlog()); diff != "" {
		t.Errorf("backlog after moving E before D (-want +got):\n%s", diff)
	}
	tests := []struct {
		name   string
		id     int64
		body   string
		status int
		code   string
		field  string
	}{
		{"no such item", 99999, `{"version":1,"position":"top"}`, 404, radiator.ENOTFOUND, ""},
		{"stale version", d.ID, fmt.Sprintf(`{"version":%d,"position":"top"}`, d.Version+5), 409, radiator.ECONFLICT, ""},
		{"two places", d.ID, fmt.Sprintf(`{"version":%d,"position":"top","before":%d}`, d.Version, ee.ID), 422, radiator.EINVALID, "before"},
		{"bad position", d.ID, fmt.Sprintf(`{"version":%d,"position":"middle"}`, d.Version), 422, radiator.EINVALID, "position"},
		{"next to an item of another product", d.ID, fmt.Sprintf(`{"version":%d,"after":99999}`, d.Version), 422, radiator.EINVALID, "after"},
		{"malformed", d.ID, `{"version":"one"}`, 400, radiator.EMALFORMED, "version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("POST", apiPath("backlog-items/%d/move", tt.id), tt.body), tt.status, tt.code, tt.field)
		})
	}
	if diff := cmp.Diff([]string{"Story E", "Story D"}, backlog()); diff != "" {
		t.Errorf("backlog after refused moves (-want +got):\n%s", diff)
	}
}

func TestBacklogItemListFilters(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	var it radiator.BacklogItem
	e.mustDo("PATCH", apiPath("backlog-items/%d", f.items["D"].ID), fmt.Sprintf(`{"version":%d,"labels":["search","mobile"],"description":"Find threads by sender"}`, f.items["D"].Version), http.StatusOK, &it)
	tests := []struct {
		query string
		want  []string
	}{
		{fmt.Sprintf("team_id=%d&backlog=true", f.team.ID), []string{"Story D", "Story E"}},
		{fmt.Sprintf("team_id=%d&backlog=false&kind=story", f.team.ID), []string{"Story A", "Story B", "Story C", "Story D", "Story E", "Story F"}},
		{"label=mobile", []string{"Story D"}},
		{"label=desktop", nil},
		{fmt.Sprintf("assignee_id=%d", f.dana.ID), []string{"Story B"}},
		{"text=sender", []string{"Story D"}},
		{"text=Threads&kind=feature", []string{"Threads"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var page list[*radiator.BacklogItem]
			e.mustDo("GET", apiPath("backlog-items?%s", tt.query), "", http.StatusOK, &page)
			var got []string
			for _, it := range page.Items {
				got = append(got, it.Title)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("GET backlog-items?%s (-want +got):\n%s", tt.query, diff)
			}
		})
	}
	for _, q := range []string{"backlog=yes", "assignee_id=0"} {
		t.Run(q, func(t *testing.T) {
			field, _, _ := strings.Cut(q, "=")
			wantAPIError(t, e.do("GET", apiPath("backlog-items?%s", q), ""), http.StatusUnprocessableEntity, radiator.EINVALID, field)
		})
	}
}

func TestBacklogItemBulk(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	c, d := f.items["C"], f.items["D"]
	t.Run("all or nothing", func(t *testing.T) {
		body := fmt.Sprintf(`{"items":[{"id":%d,"version":%d,"labels":["ux"]},{"id":%d,"version":%d,"estimate":4}]}`, c.ID, c.Version, d.ID, d.Version)
		got := wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), body), http.StatusUnprocessableEntity, radiator.EINVALID, "estimate")
		if want := fmt.Sprintf("item %d", d.ID); !strings.Contains(got.Message, want) {
			t.Errorf("message %q does not name %q", got.Message, want)
		}
		for _, it := range []*radiator.BacklogItem{c, d} {
			after, err := e.store.FindBacklogItemByID(context.Background(), it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(it, after); diff != "" {
				t.Errorf("item %d changed by a refused bulk edit (-before +after):\n%s", it.ID, diff)
			}
		}
	})
	t.Run("stale version", func(t *testing.T) {
		body := fmt.Sprintf(`{"items":[{"id":%d,"version":%d,"labels":["ux"]}]}`, c.ID, c.Version+3)
		wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), body), http.StatusConflict, radiator.ECONFLICT, "")
	})
	t.Run("bad bodies", func(t *testing.T) {
		wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), `{"items":[]}`), http.StatusUnprocessableEntity, radiator.EINVALID, "items")
		wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), `{"items":{}}`), http.StatusBadRequest, radiator.EMALFORMED, "items")
		wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), `[]`), http.StatusBadRequest, radiator.EMALFORMED, "")
	})
	t.Run("applied", func(t *testing.T) {
		body := fmt.Sprintf(`{"items":[{"id":%d,"version":%d,"labels":["ux"]},{"id":%d,"version":%d,"labels":["ux"],"sprint_id":%d}]}`, d.ID, d.Version, c.ID, c.Version, f.next.ID)
		var got backlogItemsChanged
		e.mustDo("POST", apiPath("backlog-items/bulk"), body, http.StatusOK, &got)
		if len(got.Items) != 2 || got.Items[0].ID != d.ID || got.Items[1].ID != c.ID {
			t.Fatalf("bulk answered %d items, want D and C in order", len(got.Items))
		}
		for i, before := range []*radiator.BacklogItem{d, c} {
			it := got.Items[i]
			if !slices.Equal(it.Labels, []string{"ux"}) || it.Version != before.Version+1 {
				t.Errorf("item %s: labels %v version %d, want [ux] and version %d", it.Title, it.Labels, it.Version, before.Version+1)
			}
		}
		if got.Items[1].SprintID == nil || *got.Items[1].SprintID != f.next.ID {
			t.Errorf("C in sprint %v, want %d", got.Items[1].SprintID, f.next.ID)
		}
	})
}

func TestSprintCloseAndVelocity(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	var v radiator.Velocity
	e.mustDo("GET", apiPath("teams/%d/velocity", f.team.ID), "", http.StatusOK, &v)
	if diff := cmp.Diff(radiator.Velocity{Sprints: []radiator.VelocitySprint{}}, v); diff != "" {
		t.Errorf("velocity before any close (-want +got):\n%s", diff)
	}

	wantAPIError(t, e.do("POST", apiPath("sprints/%d/close", f.sprint.ID), fmt.Sprintf(`{"version":%d,"unfinished":"later"}`, f.sprint.Version)), 422, radiator.EINVALID, "unfinished")
	wantAPIError(t, e.do("POST", apiPath("sprints/%d/close", f.sprint.ID), fmt.Sprintf(`{"version":%d,"unfinished":"backlog"}`, f.sprint.Version+1)), 409, radiator.ECONFLICT, "")
	wantAPIError(t, e.do("POST", apiPath("sprints/99999/close"), `{"version":1,"unfinished":"backlog"}`), 404, radiator.ENOTFOUND, "")
	wantAPIError(t, e.do("POST", apiPath("sprints/%d/close", f.sprint.ID), `{"version":1,"unfinished":1}`), 400, radiator.EMALFORMED, "unfinished")

	var closed radiator.Sprint
	e.mustDo("POST", apiPath("sprints/%d/close", f.sprint.ID), fmt.Sprintf(`{"version":%d,"unfinished":"backlog"}`, f.sprint.Version), http.StatusOK, &closed)
	want := &radiator.SprintResult{Committed: 10, Added: 1, Completed: 8, CarriedOver: 3}
	if closed.State != radiator.SprintClosed || closed.ClosedAt == nil || !closed.ClosedAt.Equal(testNow) {
		t.Errorf("closed sprint: state %q closed at %v, want closed at %v", closed.State, closed.ClosedAt, testNow)
	}
	if diff := cmp.Diff(want, closed.Result); diff != "" {
		t.Errorf("result of Sprint 7 (-want +got):\n%s", diff)
	}

	e.mustDo("GET", apiPath("teams/%d/velocity", f.team.ID), "", http.StatusOK, &v)
	wantV := radiator.Velocity{Mean: 8, Min: 8, Max: 8, Basis: 1, Sprints: []radiator.VelocitySprint{
		{SprintID: f.sprint.ID, Name: "Sprint 7", End: radiator.MustDate("2026-03-13"), Committed: 10, Completed: 8},
	}}
	if diff := cmp.Diff(wantV, v); diff != "" {
		t.Errorf("velocity after closing Sprint 7 (-want +got):\n%s", diff)
	}

	t.Run("closed sprint takes no work", func(t *testing.T) {
		d := f.items["D"]
		wantAPIError(t, e.do("PATCH", apiPath("backlog-items/%d", d.ID), fmt.Sprintf(`{"version":%d,"sprint_id":%d}`, d.Version, f.sprint.ID)), 422, radiator.EINVALID, "sprint_id")
		a, err := e.store.FindBacklogItemByID(context.Background(), f.items["A"].ID)
		if err != nil {
			t.Fatal(err)
		}
		wantAPIError(t, e.do("PATCH", apiPath("backlog-items/%d", a.ID), fmt.Sprintf(`{"version":%d,"column":"todo"}`, a.Version)), 422, radiator.EINVALID, "sprint_id")
		body := fmt.Sprintf(`{"items":[{"id":%d,"version":%d,"sprint_id":%d}]}`, d.ID, d.Version, f.sprint.ID)
		wantAPIError(t, e.do("POST", apiPath("backlog-items/bulk"), body), 422, radiator.EINVALID, "sprint_id")
	})
	t.Run("unfinished back to the top of the backlog", func(t *testing.T) {
		var page list[*radiator.BacklogItem]
		e.mustDo("GET", apiPath("backlog-items?team_id=%d&backlog=true", f.team.ID), "", http.StatusOK, &page)
		var got []string
		for _, it := range page.Items {
			got = append(got, it.Title)
		}
		if diff := cmp.Diff([]string{"Story C", "Story F", "Story D", "Story E"}, got); diff != "" {
			t.Errorf("backlog after the close (-want +got):\n%s", diff)
		}
	})
	t.Run("refinement", func(t *testing.T) {
		var r refinementView
		e.mustDo("GET", apiPath("teams/%d/refinement", f.team.ID), "", http.StatusOK, &r)
		// Ready: C 2, F 1, D 8 = 11 points at 8 a sprint: 1.375, cut to 1.3.
		// Sprint 1 takes C and F (3), D does not fit (11 > 8) and fills sprint 2.
		type summary struct {
			SprintsReady, ReadyPoints float64
			Flagged                   map[string][]string
			LookAhead                 [][]string
			Points                    []float64
		}
		got := summary{SprintsReady: r.SprintsReady, ReadyPoints: r.ReadyPoints, Flagged: map[string][]string{}}
		for _, fl := range r.Flagged {
			got.Flagged[fl.Item.Title] = fl.Problems
		}
		for _, la := range r.LookAhead {
			titles := []string{}
			for _, it := range la.Items {
				titles = append(titles, it.Title)
			}
			got.LookAhead = append(got.LookAhead, titles)
			got.Points = append(got.Points, la.Points)
		}
		want := summary{
			SprintsReady: 1.3, ReadyPoints: 11,
			Flagged:   map[string][]string{"Story E": {"no estimate", "no acceptance criteria", "not checked: Small enough"}},
			LookAhead: [][]string{{"Story C", "Story F"}, {"Story D"}},
			Points:    []float64{3, 8},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("refinement (-want +got):\n%s", diff)
		}
		if r.Velocity.Mean != 8 {
			t.Errorf("refinement velocity mean = %v, want 8", r.Velocity.Mean)
		}
	})
	t.Run("planning", func(t *testing.T) {
		d := f.items["D"]
		e.mustDo("PATCH", apiPath("backlog-items/%d", d.ID), fmt.Sprintf(`{"version":%d,"sprint_id":%d}`, d.Version, f.next.ID), http.StatusOK, nil)
		var p planningView
		e.mustDo("GET", apiPath("teams/%d/planning", f.team.ID), "", http.StatusOK, &p)
		if p.Sprint == nil || p.Sprint.ID != f.next.ID {
			t.Fatalf("planning sprint = %v, want Sprint 8", p.Sprint)
		}
		// Dana and Tess, 10 working days each, Dana 2 off: 18 of 20
		// person-days, 0.9 of the velocity 8.
		wantCap := radiator.Capacity{People: 2, WorkingDays: 10, DaysOff: 2, PersonDays: 18, Share: 0.9, Forecast: 7.2}
		if diff := cmp.Diff(wantCap, p.Capacity); diff != "" {
			t.Errorf("capacity (-want +got):\n%s", diff)
		}
		if p.Committed != 8 || !p.OverCommitted || len(p.Items) != 1 || p.Items[0].ID != d.ID {
			t.Errorf("planning: committed %v over %v with %d items; want 8, over-committed, D alone", p.Committed, p.OverCommitted, len(p.Items))
		}
	})
}

func TestPlanningWithoutVelocity(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	var p planningView
	e.mustDo("GET", apiPath("teams/%d/planning?sprint_id=%d", f.team.ID, f.sprint.ID), "", http.StatusOK, &p)
	// A 3, B 5, C 2, F 1; no velocity, so no forecast and never over.
	if p.Sprint.ID != f.sprint.ID || p.Committed != 11 || p.OverCommitted || len(p.Items) != 4 || p.Capacity.Forecast != 0 || p.Capacity.People != 2 {
		t.Errorf("planning of Sprint 7: sprint %d committed %v over %v items %d capacity %+v", p.Sprint.ID, p.Committed, p.OverCommitted, len(p.Items), p.Capacity)
	}
	var r refinementView
	e.mustDo("GET", apiPath("teams/%d/refinement", f.team.ID), "", http.StatusOK, &r)
	if r.SprintsReady != 0 || r.ReadyPoints != 8 || len(r.LookAhead) != 2 || len(r.LookAhead[0].Items)+len(r.LookAhead[1].Items) != 0 {
		t.Errorf("refinement without velocity: %+v; want 0 sprints ready, 8 ready points, two empty look-aheads", r)
	}
	wantAPIError(t, e.do("GET", apiPath("teams/9999/planning"), ""), 404, radiator.ENOTFOUND, "")
	wantAPIError(t, e.do("GET", apiPath("teams/9999/refinement"), ""), 404, radiator.ENOTFOUND, "")
}

// TestBurndown checks the burndown of the fixture against the numbers
// worked out by hand: Sprint 7 starts Monday 09:00 with 10 points over 10
// working days, so the ideal line falls by 1 a working day.
func TestBurndown(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	var b radiator.Burndown
	e.mustDo("GET", apiPath("sprints/%d/burndown", f.sprint.ID), "", http.StatusOK, &b)
	day := radiator.MustDate
	want := radiator.Burndown{SprintID: f.sprint.ID, Start: day("2026-03-02"), End: day("2026-03-13"), Committed: 10, Points: []radiator.BurndownPoint{
		// The start.
		{At: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Day: day("2026-03-02"), Scope: 10, Remaining: 10, Ideal: 10},
		// End of Monday: A in progress.
		{At: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), Day: day("2026-03-02"), Scope: 10, Remaining: 10, Ideal: 9},
		// End of Tuesday: A done (3), F added (1).
		{At: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), Day: day("2026-03-03"), Scope: 11, Remaining: 8, Done: 3, Added: 1, Ideal: 8},
		// Now: B done (5).
		{At: testNow, Day: day("2026-03-04"), Scope: 11, Remaining: 3, Done: 8, Added: 1, Ideal: 7},
	}}
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("burndown of Sprint 7 (-want +got):\n%s", diff)
	}
	wantAPIError(t, e.do("GET", apiPath("sprints/99999/burndown"), ""), 404, radiator.ENOTFOUND, "")
}

func TestFlow(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	day := radiator.MustDate
	tests := []struct {
		query string
		want  []radiator.FlowDay
	}{
		// By default the span of Sprint 7 up to today. Counts are new,
		// ready, in progress, done.
		{"", []radiator.FlowDay{
			{Day: day("2026-03-02"), Counts: []int{0, 2, 1, 0}},
			{Day: day("2026-03-03"), Counts: []int{0, 3, 0, 1}},
			{Day: day("2026-03-04"), Counts: []int{0, 2, 0, 2}},
		}},
		{"?from=2026-03-03&to=2026-03-03", []radiator.FlowDay{{Day: day("2026-03-03"), Counts: []int{0, 3, 0, 1}}}},
		// Before the sprint nothing is in it yet: A, B and C are planned
		// into it on Friday.
		{"?from=2026-02-26&to=2026-02-27", []radiator.FlowDay{
			{Day: day("2026-02-26"), Counts: []int{0, 0, 0, 0}},
			{Day: day("2026-02-27"), Counts: []int{0, 0, 0, 0}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got flowView
			e.mustDo("GET", apiPath("teams/%d/flow%s", f.team.ID, tt.query), "", http.StatusOK, &got)
			want := flowView{States: radiator.ItemStates, Days: tt.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("flow (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("team without sprints", func(t *testing.T) {
		other := &radiator.Team{ProductID: f.product.ID, Name: "Delivery Hawks"}
		if err := e.store.CreateTeam(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		var got flowView
		e.mustDo("GET", apiPath("teams/%d/flow", other.ID), "", http.StatusOK, &got)
		if len(got.Days) != 14 || got.Days[13].Day != day("2026-03-04") || !slices.Equal(got.Days[13].Counts, []int{0, 0, 0, 0}) {
			t.Errorf("flow of a team without sprints = %+v, want the last 14 days, empty", got.Days)
		}
	})
	for _, tt := range []struct{ query, field string }{
		{"?from=2026-03-04&to=2026-03-03", "to"},
		{"?from=2025-01-01&to=2026-03-03", "to"},
		{"?from=3 March", "from"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			wantAPIError(t, e.do("GET", apiPath("teams/%d/flow%s", f.team.ID, strings.ReplaceAll(tt.query, " ", "%20")), ""), 422, radiator.EINVALID, tt.field)
		})
	}
}

// TestFlowWindow checks the default window of a cumulative flow.
func TestFlowWindow(t *testing.T) {
	day := radiator.MustDate
	sprint := func(start, end string) *radiator.Sprint { return &radiator.Sprint{Start: day(start), End: day(end)} }
	var many []*radiator.Sprint
	for i := range 8 {
		start := day("2026-01-05").AddDays(14 * i)
		many = append(many, &radiator.Sprint{Start: start, End: start.AddDays(11)})
	}
	tests := []struct {
		name     string
		sprints  []*radiator.Sprint
		today    string
		from, to string
	}{
		{"no sprints: two weeks", nil, "2026-03-04", "2026-02-19", "2026-03-04"},
		{"only future sprints", []*radiator.Sprint{sprint("2026-03-09", "2026-03-20")}, "2026-03-04", "2026-02-19", "2026-03-04"},
		{"running sprint ends today", []*radiator.Sprint{sprint("2026-03-02", "2026-03-13")}, "2026-03-04", "2026-03-02", "2026-03-04"},
		{"past sprints", []*radiator.Sprint{sprint("2026-02-02", "2026-02-13"), sprint("2026-01-19", "2026-01-30")}, "2026-03-04", "2026-01-19", "2026-02-13"},
		// Sprints start every 14 days from 5 January; the last six started
		// by 1 May are the 3rd to the 8th.
		{"last six", many, "2026-05-01", "2026-02-02", "2026-04-24"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := flowWindow(tt.sprints, day(tt.today))
			if from != day(tt.from) || to != day(tt.to) {
				t.Errorf("flowWindow = %s to %s, want %s to %s", from, to, tt.from, tt.to)
			}
		})
	}
}

// TestNewRefinement checks how the look-ahead fills the next two sprints.
func TestNewRefinement(t *testing.T) {
	team := &radiator.Team{Name: "Crew"}
	story := func(title string, points float64, state string) *radiator.BacklogItem {
		return &radiator.BacklogItem{Kind: radiator.KindStory, Title: title, Estimate: &points, State: state, AcceptanceCriteria: "Works."}
	}
	tests := []struct {
		name    string
		mean    float64
		backlog []*radiator.BacklogItem
		want    [][]string
	}{
		{"fills sprint 1 then 2", 5, []*radiator.BacklogItem{story("a", 3, "ready"), story("b", 2, "ready"), story("c", 3, "ready"), story("d", 3, "ready"), story("e", 1, "ready")},
			[][]string{{"a", "b"}, {"c"}}},
		{"skips items not ready", 5, []*radiator.BacklogItem{story("a", 3, "new"), story("b", 5, "ready"), story("c", 5, "in_progress"), story("d", 2, "ready")},
			[][]string{{"b"}, {"d"}}},
		{"an item over the velocity fills an empty sprint", 5, []*radiator.BacklogItem{story("a", 8, "ready"), story("b", 13, "ready"), story("c", 1, "ready")},
			[][]string{{"a"}, {"b"}}},
		{"no velocity", 0, []*radiator.BacklogItem{story("a", 3, "ready")}, [][]string{{}, {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRefinement(team, tt.backlog, radiator.Velocity{Mean: tt.mean, Basis: 1})
			var got [][]string
			for i, la := range r.LookAhead {
				if la.Sprint != i+1 {
					t.Errorf("look-ahead %d numbered %d", i, la.Sprint)
				}
				titles := []string{}
				var points float64
				for _, it := range la.Items {
					titles = append(titles, it.Title)
					points += *it.Estimate
				}
				if points != la.Points {
					t.Errorf("look-ahead %d: points %v, items add up to %v", i+1, la.Points, points)
				}
				got = append(got, titles)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("look-ahead (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChartSVG checks that each chart route answers a standalone SVG
// document that parses as XML, and JSON errors.
func TestChartSVG(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	tests := []struct {
		path  string
		title string
	}{
		{apiPath("sprints/%d/burndown.svg", f.sprint.ID), "Burndown of Sprint 7"},
		{apiPath("teams/%d/velocity.svg?n=3", f.team.ID), "Velocity of Inbox Crew"},
		{apiPath("teams/%d/flow.svg?from=2026-03-02&to=2026-03-04", f.team.ID), "Cumulative flow of Inbox Crew"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := e.mustDo("GET", tt.path, "", http.StatusOK, nil)
			if ct := w.Header().Get("Content-Type"); ct != "image/svg+xml; charset=utf-8" {
				t.Errorf("Content-Type = %q, want image/svg+xml; charset=utf-8", ct)
			}
			if cc := w.Header().Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("Cache-Control = %q, want no-cache", cc)
			}
			root, title := parseSVG(t, w.Body.Bytes())
			if root != "svg" || !strings.Contains(title, tt.title) {
				t.Errorf("root element %q with title %q, want svg titled %q", root, title, tt.title)
			}
		})
	}
	for _, tt := range []struct {
		path   string
		status int
		code   string
		field  string
	}{
		{apiPath("sprints/99999/burndown.svg"), 404, radiator.ENOTFOUND, ""},
		{apiPath("teams/99999/velocity.svg"), 404, radiator.ENOTFOUND, ""},
		{apiPath("teams/%d/velocity.svg?n=0", f.team.ID), 422, radiator.EINVALID, "n"},
		{apiPath("teams/%d/velocity?n=53", f.team.ID), 422, radiator.EINVALID, "n"},
		{apiPath("teams/%d/flow.svg?to=2026-01-01", f.team.ID), 422, radiator.EINVALID, "to"},
		{apiPath("teams/99999/flow"), 404, radiator.ENOTFOUND, ""},
	} {
		t.Run(tt.path, func(t *testing.T) {
			wantAPIError(t, e.do("GET", tt.path, ""), tt.status, tt.code, tt.field)
		})
	}
}

// parseSVG parses a document as XML and returns the name of its root
// element and the text of its first title element.
func parseSVG(t testing.TB, doc []byte) (root, title string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	inTitle := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return root, title
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
			inTitle = tok.Name.Local == "title" && title == ""
		case xml.CharData:
			if inTitle {
				title += string(tok)
			}
		case xml.EndElement:
			inTitle = false
		}
	}
}

// TestAPIRoutesNeedAuth checks that every route under /api/v1 not marked
// public answers 401 to a request without credentials.
func TestAPIRoutesNeedAuth(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.srv.routes() {
		if rt.public || !strings.HasPrefix(rt.path, "/api/v1/") {
			continue
		}
		t.Run(rt.pattern(), func(t *testing.T) {
			path := strings.ReplaceAll(rt.path, "{id}", "1")
			r := httptest.NewRequest(rt.method, path, strings.NewReader("{}"))
			r.Header.Set("Content-Type", "application/json")
			wantAPIError(t, e.serve(r), http.StatusUnauthorized, radiator.EUNAUTHORIZED, "")
		})
	}
}

// benchBoard makes a board of 60 cards for benchmarks: three people, four
// features, cards spread over the four columns.
func benchBoard(b *testing.B) (*env, *boardFixture) {
	b.Helper()
	e := newEnv(b)
	f := e.boardFixture()
	ctx := context.Background()
	features := []int64{f.feature.ID}
	for i := range 3 {
		ft := &radiator.BacklogItem{ProductID: f.product.ID, Kind: radiator.KindFeature, Title: "Feature " + strconv.Itoa(i), State: radiator.StateNew}
		if err := e.store.CreateBacklogItem(ctx, ft); err != nil {
			b.Fatal(err)
		}
		features = append(features, ft.ID)
	}
	people := []int64{f.dana.ID, f.tess.ID, f.olga.ID}
	columns := []string{"todo", "doing", "review", "done"}
	states := []string{radiator.StateReady, radiator.StateInProgress, radiator.StateInProgress, radiator.StateDone}
	for i := 4; i < 60; i++ { // the fixture's sprint holds A, B, C and F
		est := radiator.FibonacciScale()[1+i%6]
		it := &radiator.BacklogItem{ProductID: f.product.ID, Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d of the board benchmark", i),
			Description: strings.TrimSpace(strings.Repeat("Some words about the story. ", 10)), Estimate: &est, State: states[i%4], Column: columns[i%4],
			TeamID: &f.team.ID, SprintID: &f.sprint.ID, ParentID: &features[i%4], AssigneeID: &people[i%3],
			AcceptanceCriteria: "It works.", ReadyChecks: []string{"Small enough"}, Labels: []string{"bench"}}
		if err := e.store.CreateBacklogItem(ctx, it); err != nil {
			b.Fatal(err)
		}
	}
	return e, f
}

// BenchmarkBoardJSON loads a board of 60 cards from SQLite and encodes it.
func BenchmarkBoardJSON(b *testing.B) {
	e, f := benchBoard(b)
	r := httptest.NewRequest("GET", apiPath("teams/%d/board", f.team.ID), nil)
	r.SetPathValue("id", strconv.FormatInt(f.team.ID, 10))
	var v boardView
	w := httptest.NewRecorder()
	e.srv.handleTeamBoard(w, r)
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || w.Code != 200 {
		b.Fatalf("board = %d %s", w.Code, w.Body)
	}
	cards := 0
	for _, c := range v.Columns {
		cards += len(c.Cards)
	}
	if cards != 60 {
		b.Fatalf("board holds %d cards, want 60", cards)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		e.srv.handleTeamBoard(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("board = %d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkCardMove moves a card to and fro between two columns with a
// PATCH each, on SQLite.
func BenchmarkCardMove(b *testing.B) {
	e, f := benchBoard(b)
	it := f.items["C"]
	id := strconv.FormatInt(it.ID, 10)
	version := it.Version
	columns := []string{"doing", "review"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		body := fmt.Sprintf(`{"version":%d,"column":%q}`, version, columns[i%2])
		r := httptest.NewRequest("PATCH", "/api/v1/backlog-items/"+id, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.SetPathValue("id", id)
		w := httptest.NewRecorder()
		e.srv.handleBacklogItemUpdate(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("move = %d %s", w.Code, w.Body)
		}
		version++
		i++
	}
}

// TestS1UpdateFields checks that the PATCH routes of teams and sprints take
// the fields of the team tier, and their rules.
func TestS1UpdateFields(t *testing.T) {
	e := newEnv(t)
	f := e.boardFixture()
	team := apiPath("teams/%d", f.team.ID)
	var got radiator.Team
	e.mustDo("PATCH", team, fmt.Sprintf(`{"version":%d,"columns":[{"key":"todo","name":"Next","state":"ready"},{"key":"doing","name":"Doing","state":"in_progress","wip_limit":3},{"key":"done","name":"Done","state":"done"}],"estimate_scale":[1,2,4,8],"definition_of_ready":[]}`, f.team.Version), http.StatusOK, &got)
	if len(got.Columns) != 3 || got.Columns[1].WIPLimit != 3 || !slices.Equal(got.EstimateScale, []float64{1, 2, 4, 8}) || len(got.DefinitionOfReady) != 0 {
		t.Errorf("team after PATCH: columns %v scale %v definition %v", got.Columns, got.EstimateScale, got.DefinitionOfReady)
	}
	var b boardView
	e.mustDo("GET", team+"/board", "", http.StatusOK, &b)
	if len(b.Columns) != 3 || b.Columns[0].Name != "Next" || b.Columns[1].OverLimit {
		t.Errorf("board after the new columns: %+v", b.Columns)
	}
	// 4 is on the new scale.
	c := f.items["C"]
	e.mustDo("PATCH", apiPath("backlog-items/%d", c.ID), fmt.Sprintf(`{"version":%d,"estimate":4}`, c.Version), http.StatusOK, nil)

	tests := []struct {
		name, path, body, field string
	}{
		{"column without a done state", team, fmt.Sprintf(`{"version":%d,"columns":[{"key":"todo","name":"To do","state":"ready"}]}`, got.Version), "columns"},
		{"falling scale", team, fmt.Sprintf(`{"version":%d,"estimate_scale":[3,2]}`, got.Version), "estimate_scale"},
		{"closing by PATCH", apiPath("sprints/%d", f.sprint.ID), fmt.Sprintf(`{"version":%d,"state":"closed"}`, f.sprint.Version), "state"},
		{"days off over the sprint", apiPath("sprints/%d", f.next.ID), fmt.Sprintf(`{"version":%d,"days_off":[{"person_id":%d,"days":11}]}`, f.next.Version, f.dana.ID), "days_off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("PATCH", tt.path, tt.body), http.StatusUnprocessableEntity, radiator.EINVALID, tt.field)
		})
	}
	var sp radiator.Sprint
	e.mustDo("PATCH", apiPath("sprints/%d", f.next.ID), fmt.Sprintf(`{"version":%d,"days_off":[{"person_id":%d,"days":1.5}]}`, f.next.Version, f.tess.ID), http.StatusOK, &sp)
	if diff := cmp.Diff([]radiator.DaysOff{{PersonID: f.tess.ID, Days: 1.5}}, sp.DaysOff); diff != "" {
		t.Errorf("days off after PATCH (-want +got):\n%s", diff)
	}
}
