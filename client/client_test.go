package client_test

import (
	"context"
	"errors"
	"go/build"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/client"
)

// TestImports guards the layout: the client knows the domain and the
// standard library, never a store or the server.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") && imp != "github.com/radiator-hq/radiator" {
			t.Errorf("package client imports %q; it may use the root package and the standard library only", imp)
		}
	}
}

// apiErr returns err as the *radiator.Error it must be.
func apiErr(t *testing.T, err error) *radiator.Error {
	t.Helper()
	var e *radiator.Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want a *radiator.Error", err, err)
	}
	return e
}

func titles(items []*radiator.BacklogItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	return out
}

func TestTeamByNameOrID(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// A second team called "rockets" in any case makes the name ambiguous;
	// a team named like a number is found by its name.
	seven := &radiator.Team{ProductID: f.product.ID, Name: "7"}
	must(t, "create team", f.store.CreateTeam(ctx, seven))
	twin := &radiator.Team{ProductID: f.product.ID, Name: "Comets"}
	must(t, "create team", f.store.CreateTeam(ctx, twin))

	tests := []struct {
		name      string
		arg       string
		want      int64
		wantCode  string
		wantInMsg string
	}{
		{name: "id", arg: itoa(f.rockets.ID), want: f.rockets.ID},
		{name: "name", arg: "Rockets", want: f.rockets.ID},
		{name: "name in another case", arg: "  rOCKETS ", want: f.rockets.ID},
		{name: "name that looks like an id", arg: "7", want: seven.ID},
		{name: "unknown name lists the teams", arg: "Rokets", wantCode: radiator.ENOTFOUND, wantInMsg: "Rockets (" + itoa(f.rockets.ID) + ")"},
		{name: "unknown id", arg: "999", wantCode: radiator.ENOTFOUND, wantInMsg: `No team "999"`},
		{name: "ambiguous name", arg: "comets", wantCode: radiator.EINVALID, wantInMsg: "ids " + itoa(f.comets.ID) + ", " + itoa(twin.ID)},
		{name: "empty", arg: " ", wantCode: radiator.EINVALID, wantInMsg: "team name or id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			team, err := f.client.TeamByNameOrID(ctx, tt.arg)
			if tt.wantCode != "" {
				e := apiErr(t, err)
				if e.Code != tt.wantCode || !strings.Contains(e.Message, tt.wantInMsg) {
					t.Fatalf("TeamByNameOrID(%q) error = %v, want %s mentioning %q", tt.arg, err, tt.wantCode, tt.wantInMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("TeamByNameOrID(%q): %v", tt.arg, err)
			}
			if team.ID != tt.want {
				t.Errorf("TeamByNameOrID(%q) = team %d, want %d", tt.arg, team.ID, tt.want)
			}
		})
	}
}

func TestTeams(t *testing.T) {
	f := newFixture(t)
	teams, err := f.client.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tm := range teams {
		names = append(names, tm.Name)
	}
	if diff := cmp.Diff([]string{"Rockets", "Comets"}, names); diff != "" {
		t.Errorf("Teams (-want +got):\n%s", diff)
	}
	if got := teams[0].Columns; !cmp.Equal(got, rocketsColumns) {
		t.Errorf("Teams()[0].Columns = %v, want %v", got, rocketsColumns)
	}
}

func TestBoard(t *testing.T) {
	f := newFixture(t)
	b, err := f.client.Board(context.Background(), f.rockets.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b.Team.ID != f.rockets.ID || b.Sprint == nil || b.Sprint.ID != f.sprint.ID {
		t.Fatalf("Board = team %v, sprint %v; want Rockets in sprint %d", b.Team, b.Sprint, f.sprint.ID)
	}
	// card is what the test compares of a card.
	type card struct {
		Title, Assignee, Parent string
		Blocked                 bool
	}
	type column struct {
		Key       string
		Count     int
		Points    float64
		OverLimit bool
		Cards     []card
	}
	var got []column
	for _, c := range b.Columns {
		col := column{Key: c.Key, Count: c.Count, Points: c.Points, OverLimit: c.OverLimit}
		for _, cd := range c.Cards {
			x := card{Title: cd.Item.Title, Blocked: cd.Item.Blocked}
			if cd.Assignee != nil {
				x.Assignee = cd.Assignee.Initials
			}
			if cd.Parent != nil {
				x.Parent = cd.Parent.Kind + " " + cd.Parent.Title
			}
			col.Cards = append(col.Cards, x)
		}
		got = append(got, col)
	}
	want := []column{
		{Key: "todo", Count: 1, Points: 5, Cards: []card{{Title: "Login form", Assignee: "AL", Parent: "feature Sign-in"}}},
		{Key: "in_progress", Count: 2, Points: 5, OverLimit: true, Cards: []card{
			{Title: "Password reset", Assignee: "BS", Parent: "feature Sign-in", Blocked: true},
			{Title: "Session expiry", Parent: "feature Sign-in"},
		}},
		{Key: "review", Cards: nil},
		{Key: "done", Count: 1, Points: 8, Cards: []card{{Title: "Audit log", Parent: "feature Sign-in"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Board columns (-want +got):\n%s", diff)
	}
	if c := b.Columns[1]; c.Name != "In progress" || c.WIPLimit != 1 || c.State != radiator.StateInProgress {
		t.Errorf("column 2 = %+v, want In progress with limit 1", c.BoardColumn)
	}

	t.Run("another sprint", func(t *testing.T) {
		b, err := f.client.Board(context.Background(), f.rockets.ID, f.next.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Sprint == nil || b.Sprint.ID != f.next.ID || b.Columns[0].Count != 0 {
			t.Errorf("Board(next sprint) = sprint %v, first column %+v; want the empty next sprint", b.Sprint, b.Columns[0])
		}
	})
	t.Run("unknown team", func(t *testing.T) {
		_, err := f.client.Board(context.Background(), 999, 0)
		if e := apiErr(t, err); e.Code != radiator.ENOTFOUND {
			t.Errorf("Board(999) error = %v, want not_found", err)
		}
	})
}

func TestBacklogItems(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		filter radiator.BacklogItemFilter
		want   []string
	}{
		{name: "team backlog", filter: radiator.BacklogItemFilter{TeamID: f.rockets.ID, Backlog: true}, want: f.backlogInOrder},
		{name: "pages of one", filter: radiator.BacklogItemFilter{TeamID: f.rockets.ID, Backlog: true, Page: radiator.Page{Limit: 1}}, want: f.backlogInOrder},
		{name: "sprint", filter: radiator.BacklogItemFilter{SprintID: f.sprint.ID, Page: radiator.Page{Limit: 3}}, want: []string{"Login form", "Password reset", "Session expiry", "Audit log"}},
		{name: "state", filter: radiator.BacklogItemFilter{TeamID: f.rockets.ID, State: radiator.StateInProgress}, want: []string{"Password reset", "Session expiry"}},
		{name: "kind", filter: radiator.BacklogItemFilter{ProductID: f.product.ID, Kind: radiator.KindFeature}, want: []string{"Sign-in"}},
		{name: "assignee", filter: radiator.BacklogItemFilter{AssigneeID: f.bob.ID}, want: []string{"Password reset"}},
		{name: "text", filter: radiator.BacklogItemFilter{Text: "shortcuts"}, want: []string{"Keyboard shortcuts"}},
		{name: "parent", filter: radiator.BacklogItemFilter{ParentID: f.items["Sign-in"].ID, State: radiator.StateDone}, want: []string{"Audit log"}},
		{name: "other team", filter: radiator.BacklogItemFilter{TeamID: f.comets.ID}, want: []string{"Comet tail"}},
		{name: "nothing", filter: radiator.BacklogItemFilter{TeamID: f.comets.ID, State: radiator.StateDone}, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := f.client.BacklogItems(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, titles(items)); diff != "" {
				t.Errorf("BacklogItems(%+v) (-want +got):\n%s", tt.filter, diff)
			}
		})
	}
	t.Run("bad cursor", func(t *testing.T) {
		_, err := f.client.BacklogItems(ctx, radiator.BacklogItemFilter{Page: radiator.Page{After: "nonsense!"}})
		if e := apiErr(t, err); e.Code != radiator.EINVALID || e.Field != "after" {
			t.Errorf("BacklogItems(bad cursor) error = %+v, want invalid after", e)
		}
	})
}

func TestUpdateBacklogItem(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	login := f.items["Login form"]
	got, err := f.client.BacklogItem(ctx, login.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Login form" || got.Version != login.Version || *got.Estimate != 5 || got.Column != "todo" {
		t.Fatalf("BacklogItem(%d) = %+v, want the login form as created", login.ID, got)
	}
	review := "review"
	moved, err := f.client.UpdateBacklogItem(ctx, login.ID, radiator.BacklogItemUpdate{Version: got.Version, Column: &review})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Column != "review" || moved.State != radiator.StateInProgress || moved.Version != got.Version+1 {
		t.Errorf("moved item = column %q, state %q, version %d; want review, in_progress, %d", moved.Column, moved.State, moved.Version, got.Version+1)
	}
	// The update sends only what it sets: the fields it leaves alone keep
	// their values rather than being cleared.
	if moved.Estimate == nil || moved.ParentID == nil || moved.TeamID == nil || moved.SprintID == nil || moved.AssigneeID == nil {
		t.Errorf("moving the card cleared fields: estimate %v, parent %v, team %v, sprint %v, assignee %v",
			moved.Estimate, moved.ParentID, moved.TeamID, moved.SprintID, moved.AssigneeID)
	}

	doing, four := "doing", 4.0
	tests := []struct {
		name  string
		id    int64
		upd   radiator.BacklogItemUpdate
		want  radiator.Error
		field string
	}{
		{name: "stale version", id: login.ID, upd: radiator.BacklogItemUpdate{Version: got.Version, Column: &review},
			want: radiator.Error{Code: radiator.ECONFLICT}},
		{name: "unknown column", id: login.ID, upd: radiator.BacklogItemUpdate{Version: moved.Version, Column: &doing},
			want: radiator.Error{Code: radiator.EINVALID, Field: "column", Message: `the board of Rockets has no column "doing"`}},
		{name: "estimate off the scale", id: login.ID, upd: radiator.BacklogItemUpdate{Version: moved.Version, Estimate: radiator.Nullable[float64]{Set: true, Value: &four}},
			want: radiator.Error{Code: radiator.EINVALID, Field: "estimate"}},
		{name: "unknown item", id: 999, upd: radiator.BacklogItemUpdate{Version: 1, Column: &review},
			want: radiator.Error{Code: radiator.ENOTFOUND}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.client.UpdateBacklogItem(ctx, tt.id, tt.upd)
			e := apiErr(t, err)
			if e.Code != tt.want.Code || e.Field != tt.want.Field || tt.want.Message != "" && e.Message != tt.want.Message || e.Message == "" {
				t.Errorf("UpdateBacklogItem error = %+v, want %+v", e, tt.want)
			}
		})
	}
	after, err := f.client.BacklogItem(ctx, login.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != moved.Version || after.Column != "review" {
		t.Errorf("after refused updates the item is at version %d in %q, want %d in review", after.Version, after.Column, moved.Version)
	}
}

func TestUpdateBacklogItems(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	exp, dark := f.items["Export CSV"], f.items["Dark mode"]
	labels := []string{"ux"}
	items, err := f.client.UpdateBacklogItems(ctx, []radiator.BacklogItemBulkUpdate{
		{ID: exp.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: exp.Version, Labels: &labels}},
		{ID: dark.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: dark.Version, Labels: &labels}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Export CSV", "Dark mode"}, titles(items)); diff != "" {
		t.Errorf("UpdateBacklogItems answered (-want +got):\n%s", diff)
	}
	got, err := f.client.BacklogItems(ctx, radiator.BacklogItemFilter{Label: "ux"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Export CSV", "Dark mode"}, titles(got)); diff != "" {
		t.Errorf("items labelled ux (-want +got):\n%s", diff)
	}

	// A stale version refuses the whole edit.
	_, err = f.client.UpdateBacklogItems(ctx, []radiator.BacklogItemBulkUpdate{
		{ID: f.items["Keyboard shortcuts"].ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: f.items["Keyboard shortcuts"].Version, Labels: &labels}},
		{ID: exp.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: exp.Version, Labels: &labels}},
	})
	if e := apiErr(t, err); e.Code != radiator.ECONFLICT {
		t.Errorf("stale bulk edit error = %v, want conflict", err)
	}
	got, err = f.client.BacklogItems(ctx, radiator.BacklogItemFilter{Label: "ux"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("after a refused bulk edit %d items are labelled ux, want 2", len(got))
	}
}

func TestMoveBacklogItem(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	backlog := radiator.BacklogItemFilter{TeamID: f.rockets.ID, Backlog: true}
	short := f.items["Keyboard shortcuts"]
	if _, err := f.client.MoveBacklogItem(ctx, short.ID, radiator.BacklogMove{Version: short.Version, Position: "top"}); err != nil {
		t.Fatal(err)
	}
	dark := f.items["Dark mode"]
	if _, err := f.client.MoveBacklogItem(ctx, dark.ID, radiator.BacklogMove{Version: dark.Version, Before: short.ID}); err != nil {
		t.Fatal(err)
	}
	items, err := f.client.BacklogItems(ctx, backlog)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Dark mode", "Keyboard shortcuts", "Export CSV"}, titles(items)); diff != "" {
		t.Errorf("backlog after moves (-want +got):\n%s", diff)
	}
	_, err = f.client.MoveBacklogItem(ctx, dark.ID, radiator.BacklogMove{Version: dark.Version + 1, Position: "sideways"})
	if e := apiErr(t, err); e.Code != radiator.EINVALID || e.Field != "position" {
		t.Errorf("bad move error = %+v, want invalid position", e)
	}
}

func TestCloseSprint(t *testing.T) {
	tests := []struct {
		name       string
		unfinished string
		wantNext   int // stories in the next sprint afterwards
		wantTop    []string
	}{
		{name: "to the backlog", unfinished: radiator.UnfinishedToBacklog, wantNext: 0,
			wantTop: []string{"Login form", "Password reset", "Session expiry", "Export CSV"}},
		{name: "to the next sprint", unfinished: radiator.UnfinishedToNext, wantNext: 3,
			wantTop: []string{"Export CSV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			active, err := f.client.Sprints(ctx, radiator.SprintFilter{TeamID: f.rockets.ID, State: radiator.SprintActive})
			if err != nil {
				t.Fatal(err)
			}
			if len(active) != 1 || active[0].ID != f.sprint.ID {
				t.Fatalf("active sprints = %v, want Sprint 14 alone", active)
			}
			closed, err := f.client.CloseSprint(ctx, f.sprint.ID, radiator.SprintClose{Version: active[0].Version, Unfinished: tt.unfinished})
			if err != nil {
				t.Fatal(err)
			}
			want := radiator.SprintResult{Committed: 18, Completed: 8, CarriedOver: 10}
			if closed.State != radiator.SprintClosed || closed.Result == nil || *closed.Result != want {
				t.Errorf("closed sprint = state %q, result %+v; want closed with %+v", closed.State, closed.Result, want)
			}
			next, err := f.client.BacklogItems(ctx, radiator.BacklogItemFilter{SprintID: f.next.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(next) != tt.wantNext {
				t.Errorf("next sprint holds %v, want %d stories", titles(next), tt.wantNext)
			}
			top, err := f.client.BacklogItems(ctx, radiator.BacklogItemFilter{TeamID: f.rockets.ID, Backlog: true, Page: radiator.Page{Limit: len(tt.wantTop)}})
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(top)[:len(tt.wantTop)]; !cmp.Equal(got, tt.wantTop) {
				t.Errorf("top of the backlog = %v, want %v", got, tt.wantTop)
			}
			v, err := f.client.Velocity(ctx, f.rockets.ID, 6)
			if err != nil {
				t.Fatal(err)
			}
			if v.Basis != 1 || v.Mean != 8 || len(v.Sprints) != 1 || v.Sprints[0].Committed != 18 {
				t.Errorf("Velocity = %+v, want a mean of 8 from Sprint 14 alone", v)
			}
			s, err := f.client.Sprint(ctx, f.sprint.ID)
			if err != nil {
				t.Fatal(err)
			}
			if s.State != radiator.SprintClosed || s.Version != closed.Version {
				t.Errorf("Sprint(%d) = %q version %d, want closed at version %d", s.ID, s.State, s.Version, closed.Version)
			}
			_, err = f.client.CloseSprint(ctx, f.sprint.ID, radiator.SprintClose{Version: closed.Version, Unfinished: tt.unfinished})
			if e := apiErr(t, err); e.Code == radiator.EINTERNAL {
				t.Errorf("closing a closed sprint again: %v, want a refusal that says why", err)
			}
		})
	}
}

func TestBurndown(t *testing.T) {
	f := newFixture(t)
	b, err := f.client.Burndown(context.Background(), f.sprint.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.SprintID != f.sprint.ID || b.Committed != 18 || len(b.Points) == 0 {
		t.Fatalf("Burndown = %+v, want Sprint 14 committed at 18 points", b)
	}
	if last := b.Points[len(b.Points)-1]; last.Remaining != 10 || last.Done != 8 {
		t.Errorf("last burndown point = %+v, want 10 remaining and 8 done", last)
	}
}

// TestErrors checks that the client hands back what the server said.
func TestErrors(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	t.Run("not found", func(t *testing.T) {
		_, err := f.client.BacklogItem(ctx, 999)
		want := &radiator.Error{Code: radiator.ENOTFOUND, Message: "No backlog item 999."}
		if diff := cmp.Diff(want, apiErr(t, err)); diff != "" {
			t.Errorf("BacklogItem(999) error (-want +got):\n%s", diff)
		}
	})
	t.Run("bad token", func(t *testing.T) {
		_, err := client.New(f.url, "rdt_wrong").Teams(ctx)
		if e := apiErr(t, err); e.Code != radiator.EUNAUTHORIZED || e.Message == "" {
			t.Errorf("Teams with a wrong token error = %+v, want unauthorized with a message", e)
		}
	})
	t.Run("trailing slash in the URL", func(t *testing.T) {
		if _, err := client.New(f.url+"/", f.token).Teams(ctx); err != nil {
			t.Errorf("Teams via %s/: %v", f.url, err)
		}
	})
	t.Run("not an API answer", func(t *testing.T) {
		proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
		}))
		defer proxy.Close()
		_, err := client.New(proxy.URL, f.token).Teams(ctx)
		var e *radiator.Error
		if err == nil || errors.As(err, &e) || !strings.Contains(err.Error(), "502 Bad Gateway") {
			t.Errorf("Teams through a broken proxy error = %v, want a plain error naming 502 Bad Gateway", err)
		}
	})
	t.Run("no server", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		url := dead.URL
		dead.Close()
		_, err := client.New(url, f.token).Teams(ctx)
		if err == nil || !strings.Contains(err.Error(), url) {
			t.Errorf("Teams of a stopped server error = %v, want one naming %s", err, url)
		}
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
