package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
	rhttp "github.com/radiator-hq/radiator/http"
	"github.com/radiator-hq/radiator/sqlite"
)

// cliFixture is a real server on a fresh SQLite database where the team
// Rockets is in the middle of Sprint 14 (Wednesday 4 March 2026), and the
// environment that points the commands at it.
type cliFixture struct {
	t       testing.TB
	store   *sqlite.DB
	url     string
	token   string
	rockets *radiator.Team
	sprint  *radiator.Sprint
	items   map[string]*radiator.BacklogItem
}

// valueClear is the definition of ready of Rockets.
const valueClear = "The value is clear"

func newCLIFixture(t testing.TB) *cliFixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "radiator.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	clock := radiator.NewManualClock(time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC))
	db.Clock = clock
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	srv := rhttp.NewServer(db, nil)
	srv.Clock = clock
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	f := &cliFixture{t: t, store: db, url: ts.URL, items: map[string]*radiator.BacklogItem{}}
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	ada := &radiator.Person{Name: "Ada Lovelace", Email: "ada@example.com", Active: true, Admin: true}
	check("create person", db.CreatePerson(ctx, ada))
	secret, err := auth.NewSecret(auth.TokenPrefix)
	check("make token", err)
	check("create token", db.CreateToken(ctx, &radiator.Token{PersonID: ada.ID, Name: "cli", Hash: auth.HashSecret(secret), CreatedAt: clock.Now()}))
	f.token = secret

	product := &radiator.Product{Key: "ATLAS", Name: "Atlas"}
	check("create product", db.CreateProduct(ctx, product))
	f.rockets = &radiator.Team{ProductID: product.ID, Name: "Rockets", DefinitionOfReady: []string{valueClear}, Columns: []radiator.BoardColumn{
		{Key: "todo", Name: "To do", State: radiator.StateReady},
		{Key: "in_progress", Name: "In progress", State: radiator.StateInProgress, WIPLimit: 1},
		{Key: "review", Name: "In review", State: radiator.StateInProgress},
		{Key: "done", Name: "Done", State: radiator.StateDone},
	}}
	check("create team", db.CreateTeam(ctx, f.rockets))
	check("create team", db.CreateTeam(ctx, &radiator.Team{ProductID: product.ID, Name: "Comets"}))
	f.sprint = &radiator.Sprint{TeamID: f.rockets.ID, Name: "Sprint 14", Start: radiator.MustDate("2026-03-02"), End: radiator.MustDate("2026-03-13"), Goal: "People sign in", State: radiator.SprintPlanned}
	check("create sprint", db.CreateSprint(ctx, f.sprint))
	check("create sprint", db.CreateSprint(ctx, &radiator.Sprint{TeamID: f.rockets.ID, Name: "Sprint 15", Start: radiator.MustDate("2026-03-16"), End: radiator.MustDate("2026-03-27"), State: radiator.SprintPlanned}))

	for _, it := range []struct {
		title    string
		points   float64 // -1 for none
		column   string
		sprint   bool
		assignee bool
		blocked  string
		criteria string
	}{
		{title: "Login form", points: 5, column: "todo", sprint: true, assignee: true, criteria: "A person signs in"},
		{title: "Password reset", points: 3, column: "in_progress", sprint: true, blocked: "Waiting for the mail relay", criteria: "A mail arrives"},
		{title: "Session expiry", points: 2, column: "in_progress", sprint: true, criteria: "Idle sessions end"},
		{title: "Audit log", points: 8, column: "todo", sprint: true, criteria: "Changes are listed"},
		{title: "Export CSV", points: 3, column: "todo", criteria: "Opens in a spreadsheet"},
		{title: "Dark mode", points: -1},
		{title: "Keyboard shortcuts", points: 1, blocked: "Which keys?"},
	} {
		story := &radiator.BacklogItem{ProductID: product.ID, Kind: radiator.KindStory, Title: it.title, State: radiator.StateNew,
			TeamID: &f.rockets.ID, Column: it.column, AcceptanceCriteria: it.criteria, Blocked: it.blocked != "", BlockedReason: it.blocked}
		if it.points >= 0 {
			story.Estimate = &it.points
		}
		if it.sprint {
			story.SprintID = &f.sprint.ID
		}
		if it.assignee {
			story.AssigneeID = &ada.ID
		}
		if it.criteria != "" {
			story.ReadyChecks = []string{valueClear}
		}
		check("create item "+it.title, db.CreateBacklogItem(ctx, story))
		f.items[it.title] = story
	}
	clock.Set(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	active := radiator.SprintActive
	f.sprint, err = db.UpdateSprint(ctx, f.sprint.ID, radiator.SprintUpdate{Version: f.sprint.Version, State: &active})
	check("start sprint", err)
	// The audit log is done on Tuesday.
	clock.Set(time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC))
	done, audit := "done", f.items["Audit log"]
	f.items["Audit log"], err = db.UpdateBacklogItem(ctx, audit.ID, radiator.BacklogItemUpdate{Version: audit.Version, Column: &done})
	check("finish the audit log", err)
	clock.Set(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	return f
}

// env returns the environment that points the commands at the server.
func (f *cliFixture) env() map[string]string {
	return map[string]string{"RADIATOR_URL": f.url, "RADIATOR_TOKEN": f.token}
}

// run runs the command line args with the environment vars and returns
// what it printed and its error.
func (f *cliFixture) run(vars map[string]string, args ...string) (string, error) {
	f.t.Helper()
	var out strings.Builder
	err := run(context.Background(), args, env(vars), strings.NewReader(""), &out, io.Discard)
	return out.String(), err
}

// id returns the number of the item with the title, as the CLI writes it.
func (f *cliFixture) id(title string) string {
	return strconv.FormatInt(f.items[title].ID, 10)
}

func TestCLIBoard(t *testing.T) {
	f := newCLIFixture(t)
	out, err := f.run(f.env(), "board", "rockets")
	if err != nil {
		t.Fatal(err)
	}
	want := `Rockets: Sprint 14 (active, 2026-03-02 to 2026-03-13)
Goal: People sign in

To do  1 card, 5 pts
  #` + f.id("Login form") + `  5 pts  AL  Login form

In progress  2/1 (over limit), 5 pts
  #` + f.id("Password reset") + `  3 pts  -  Password reset  [blocked: Waiting for the mail relay]
  #` + f.id("Session expiry") + `  2 pts  -  Session expiry

In review  0 cards, 0 pts
  (no cards)

Done  1 card, 8 pts
  #` + f.id("Audit log") + `  8 pts  -  Audit log
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("radiator board rockets (-want +got):\n%s", diff)
	}

	t.Run("json", func(t *testing.T) {
		out, err := f.run(f.env(), "board", "--json", strconv.FormatInt(f.rockets.ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		var b struct {
			Team   struct{ Name string }
			Sprint struct{ Name string }
			// Columns as the API spells them.
			Columns []struct {
				Key       string `json:"key"`
				Count     int    `json:"count"`
				OverLimit bool   `json:"over_limit"`
				Cards     []struct {
					Item struct {
						Title string `json:"title"`
					} `json:"item"`
				} `json:"cards"`
			} `json:"columns"`
		}
		if err := json.Unmarshal([]byte(out), &b); err != nil {
			t.Fatalf("board --json printed %q: %v", out, err)
		}
		var got []string
		for _, c := range b.Columns {
			got = append(got, c.Key+" "+strconv.Itoa(c.Count)+" "+strconv.FormatBool(c.OverLimit))
			for _, cd := range c.Cards {
				got = append(got, "  "+cd.Item.Title)
			}
		}
		want := []string{"todo 1 false", "  Login form", "in_progress 2 true", "  Password reset", "  Session expiry", "review 0 false", "done 1 false", "  Audit log"}
		if diff := cmp.Diff(want, got); diff != "" || b.Team.Name != "Rockets" || b.Sprint.Name != "Sprint 14" {
			t.Errorf("board --json = team %q, sprint %q, columns (-want +got):\n%s", b.Team.Name, b.Sprint.Name, diff)
		}
	})
	t.Run("another sprint", func(t *testing.T) {
		sprints, _, err := f.store.FindSprints(context.Background(), radiator.SprintFilter{TeamID: f.rockets.ID, State: radiator.SprintPlanned})
		if err != nil || len(sprints) != 1 {
			t.Fatalf("planned sprints = %v, %v", sprints, err)
		}
		out, err := f.run(f.env(), "board", "Rockets", "--sprint", strconv.FormatInt(sprints[0].ID, 10))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, "Rockets: Sprint 15 (planned,") || strings.Count(out, "(no cards)") != 4 {
			t.Errorf("board of the next sprint =\n%s\nwant Sprint 15 with four empty columns", out)
		}
	})
	t.Run("team without a sprint", func(t *testing.T) {
		out, err := f.run(f.env(), "board", "Comets")
		if err != nil {
			t.Fatal(err)
		}
		if want := "Comets has no active or planned sprint; plan one to fill its board.\n"; out != want {
			t.Errorf("board of Comets = %q, want %q", out, want)
		}
	})
}

func TestCLIBacklog(t *testing.T) {
	f := newCLIFixture(t)
	out, err := f.run(f.env(), "backlog", "ROCKETS")
	if err != nil {
		t.Fatal(err)
	}
	want := `Backlog of Rockets: 3 stories, 4 pts (3 pts ready)

RANK  ID  STATE  POINTS  TITLE               FLAGS
1     #` + f.id("Export CSV") + `  ready  3 pts   Export CSV
2     #` + f.id("Dark mode") + `  new    -       Dark mode           no estimate, no acceptance criteria, 1 ready check open
3     #` + f.id("Keyboard shortcuts") + `  new    1 pt    Keyboard shortcuts  blocked, no acceptance criteria, 1 ready check open
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("radiator backlog ROCKETS (-want +got):\n%s", diff)
	}

	out, err = f.run(f.env(), "backlog", "Rockets", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []radiator.BacklogItem `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("backlog --json printed %q: %v", out, err)
	}
	var titles []string
	for _, it := range list.Items {
		titles = append(titles, it.Title)
	}
	if diff := cmp.Diff([]string{"Export CSV", "Dark mode", "Keyboard shortcuts"}, titles); diff != "" {
		t.Errorf("backlog --json items (-want +got):\n%s", diff)
	}

	out, err = f.run(f.env(), "backlog", "Comets", "--json")
	if err != nil || strings.TrimSpace(out) != `{
  "items": []
}` {
		t.Errorf("backlog Comets --json = %q, %v; want an empty list", out, err)
	}
	out, err = f.run(f.env(), "backlog", "Comets")
	if err != nil || out != "The backlog of Comets is empty.\n" {
		t.Errorf("backlog Comets = %q, %v; want it said empty", out, err)
	}
}

func TestCLIItemMove(t *testing.T) {
	f := newCLIFixture(t)
	ctx := context.Background()
	login := f.id("Login form")
	tests := []struct {
		name       string
		args       []string
		want       string
		wantColumn string
	}{
		{name: "by key", args: []string{"item", "move", login, "--to", "in_progress"}, want: "Moved #" + login + " to In progress\n", wantColumn: "in_progress"},
		{name: "by name, flag first", args: []string{"item", "move", "--to", "in review", "#" + login}, want: "Moved #" + login + " to In review\n", wantColumn: "review"},
		{name: "key in capitals", args: []string{"item", "move", login, "--to=DONE"}, want: "Moved #" + login + " to Done\n", wantColumn: "done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := f.run(f.env(), tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if out != tt.want {
				t.Errorf("%v printed %q, want %q", tt.args, out, tt.want)
			}
			it, err := f.store.FindBacklogItemByID(ctx, f.items["Login form"].ID)
			if err != nil {
				t.Fatal(err)
			}
			if it.Column != tt.wantColumn {
				t.Errorf("after %v the item is in %q, want %q", tt.args, it.Column, tt.wantColumn)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		out, err := f.run(f.env(), "item", "move", login, "--to", "todo", "--json")
		if err != nil {
			t.Fatal(err)
		}
		var it radiator.BacklogItem
		if err := json.Unmarshal([]byte(out), &it); err != nil {
			t.Fatalf("item move --json printed %q: %v", out, err)
		}
		if it.Column != "todo" || it.State != radiator.StateReady || it.Title != "Login form" {
			t.Errorf("item move --json = column %q, state %q, title %q; want the login form to do and ready", it.Column, it.State, it.Title)
		}
	})
}

// TestCLIErrors checks that each mistake stops the command with a message
// that says what is wrong, and changes nothing.
func TestCLIErrors(t *testing.T) {
	f := newCLIFixture(t)
	login := f.id("Login form")
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(f.token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		vars map[string]string
		args []string
		want string // in the error; "" for success
	}{
		{name: "unknown team", args: []string{"board", "Nope"}, want: `No team "Nope". Teams: Rockets (` + strconv.FormatInt(f.rockets.ID, 10) + `), Comets (`},
		{name: "unknown column", args: []string{"item", "move", login, "--to", "doing"}, want: `column: the board of Rockets has no column "doing"`},
		{name: "unknown item", args: []string{"item", "move", "999", "--to", "done"}, want: "No backlog item 999."},
		{name: "item that is no number", args: []string{"item", "move", "login", "--to", "done"}, want: `item "login": give the item's number`},
		{name: "no column", args: []string{"item", "move", login}, want: "give the column with --to"},
		{name: "no team", args: []string{"backlog"}, want: "backlog: give TEAM"},
		{name: "two teams", args: []string{"backlog", "Team", "Rocket"}, want: "quote a name that has spaces"},
		{name: "unknown item command", args: []string{"item", "delete", login}, want: `try "radiator item move"`},
		{name: "unknown sprint command", args: []string{"sprint"}, want: `try "radiator sprint close"`},
		{name: "bad unfinished", vars: map[string]string{}, args: []string{"sprint", "close", "Rockets", "--unfinished", "later"}, want: `--unfinished "later": use backlog`},
		{name: "negative sprint", vars: map[string]string{}, args: []string{"board", "Rockets", "--sprint", "-2"}, want: "--sprint -2: give a sprint id"},
		{name: "unknown flag", args: []string{"board", "Rockets", "--colour"}, want: "flag provided but not defined: -colour"},
		{name: "no sprint to close", args: []string{"sprint", "close", "Comets"}, want: "Comets has no active sprint to close."},
		{name: "missing token", vars: map[string]string{"RADIATOR_URL": f.url}, args: []string{"board", "Rockets"}, want: "no API token given: set RADIATOR_TOKEN"},
		{name: "missing URL", vars: map[string]string{"RADIATOR_TOKEN": f.token}, args: []string{"board", "Rockets"}, want: "no server given: set RADIATOR_URL or pass --url"},
		{name: "URL without scheme", vars: map[string]string{"RADIATOR_URL": "127.0.0.1:8080", "RADIATOR_TOKEN": f.token}, args: []string{"board", "Rockets"}, want: `server URL "127.0.0.1:8080": use http:// or https://`},
		{name: "wrong token", vars: map[string]string{"RADIATOR_URL": f.url, "RADIATOR_TOKEN": "rdt_wrong"}, args: []string{"board", "Rockets"}, want: "(check the token in RADIATOR_TOKEN or --token)"},
		{name: "flags beat the environment", vars: map[string]string{"RADIATOR_URL": "http://127.0.0.1:1", "RADIATOR_TOKEN": "rdt_wrong"}, args: []string{"board", "Rockets", "--url", f.url, "--token", f.token}},
		{name: "token file", vars: map[string]string{"RADIATOR_URL": f.url, "RADIATOR_TOKEN_FILE": tokenFile}, args: []string{"backlog", "Rockets"}},
		{name: "missing token file", vars: map[string]string{"RADIATOR_URL": f.url, "RADIATOR_TOKEN_FILE": tokenFile + ".gone"}, args: []string{"backlog", "Rockets"}, want: "RADIATOR_TOKEN_FILE: open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := tt.vars
			if vars == nil {
				vars = f.env()
			}
			_, err := f.run(vars, tt.args...)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("radiator %v: %v", tt.args, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("radiator %v error = %v, want one containing %q", tt.args, err, tt.want)
			case err != nil && strings.Contains(err.Error(), "(invalid)"):
				t.Errorf("radiator %v error = %v; it shows the error code, not just the message", tt.args, err)
			}
		})
	}
	it, err := f.store.FindBacklogItemByID(context.Background(), f.items["Login form"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if it.Version != f.items["Login form"].Version || it.Column != "todo" {
		t.Errorf("after the refused commands the login form is at version %d in %q, want unchanged", it.Version, it.Column)
	}
}

func TestCLISprintClose(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCarry  string
		wantInNext int
	}{
		{name: "to the backlog", args: []string{"sprint", "close", "Rockets"}, wantCarry: "moved to the top of the backlog"},
		{name: "to the next sprint", args: []string{"sprint", "close", "--unfinished", "next", "Rockets"}, wantCarry: "moved into Sprint 15", wantInNext: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCLIFixture(t)
			out, err := f.run(f.env(), tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			want := `Closed Sprint 14 of Rockets (2026-03-02 to 2026-03-13).

Committed       18 pts  at the start
Added            0 pts  during the sprint
Removed          0 pts  during the sprint
Completed        8 pts
Carried over    10 pts  ` + tt.wantCarry + `

Velocity of Rockets: 8 pts (from 1 finished sprint)
`
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("%v (-want +got):\n%s", tt.args, diff)
			}
			sprints, _, err := f.store.FindSprints(context.Background(), radiator.SprintFilter{TeamID: f.rockets.ID, State: radiator.SprintPlanned})
			if err != nil || len(sprints) != 1 {
				t.Fatalf("planned sprints = %v, %v", sprints, err)
			}
			next, _, err := f.store.FindBacklogItems(context.Background(), radiator.BacklogItemFilter{SprintID: sprints[0].ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(next) != tt.wantInNext {
				t.Errorf("Sprint 15 holds %d stories, want %d", len(next), tt.wantInNext)
			}
			_, err = f.run(f.env(), "sprint", "close", "Rockets")
			if err == nil || !strings.Contains(err.Error(), "Rockets has no active sprint to close.") {
				t.Errorf("closing again: %v, want no active sprint", err)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		f := newCLIFixture(t)
		out, err := f.run(f.env(), "sprint", "close", "Rockets", "--json")
		if err != nil {
			t.Fatal(err)
		}
		var s radiator.Sprint
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("sprint close --json printed %q: %v", out, err)
		}
		if s.ID != f.sprint.ID || s.State != radiator.SprintClosed || s.Result == nil || s.Result.Completed != 8 {
			t.Errorf("sprint close --json = %+v, want Sprint 14 closed with 8 points completed", s)
		}
	})
}

func TestCLIHelp(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"help"}, env(nil), strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"radiator board TEAM", "radiator item move ITEM --to COLUMN", "RADIATOR_TOKEN"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help does not mention %q", want)
		}
	}
	var usage strings.Builder
	if err := run(context.Background(), []string{"board", "-h"}, env(nil), strings.NewReader(""), io.Discard, &usage); err != nil {
		t.Errorf("board -h: %v, want usage and no error", err)
	}
	if !strings.Contains(usage.String(), "radiator sprint close TEAM") {
		t.Errorf("board -h printed %q, want the usage of the client commands", usage.String())
	}
}
