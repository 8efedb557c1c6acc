package client_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
	"github.com/radiator-hq/radiator/client"
	rhttp "github.com/radiator-hq/radiator/http"
	"github.com/radiator-hq/radiator/sqlite"
)

// fixture is a real server on a fresh SQLite database holding one team,
// Rockets, in the middle of its sprint (Wednesday 4 March 2026), and a
// client of it with an administrator's token.
type fixture struct {
	t      testing.TB
	store  *sqlite.DB
	clock  *radiator.ManualClock
	url    string
	token  string
	client *client.Client

	ada, bob       *radiator.Person
	product        *radiator.Product
	rockets        *radiator.Team
	comets         *radiator.Team
	sprint, next   *radiator.Sprint
	items          map[string]*radiator.BacklogItem // by title
	backlogInOrder []string                         // titles of Rockets' backlog in rank order
}

// rocketsColumns is Rockets' board: a review column sharing the in
// progress state, and a work-in-progress limit of 1 its sprint exceeds.
var rocketsColumns = []radiator.BoardColumn{
	{Key: "todo", Name: "To do", State: radiator.StateReady},
	{Key: "in_progress", Name: "In progress", State: radiator.StateInProgress, WIPLimit: 1},
	{Key: "review", Name: "In review", State: radiator.StateInProgress},
	{Key: "done", Name: "Done", State: radiator.StateDone},
}

const valueClear = "The value is clear"

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "radiator.db"))
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	// The sprint's stories are planned before it starts on Monday 2 March.
	clock := radiator.NewManualClock(time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC))
	db.Clock = clock
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	srv := rhttp.NewServer(db, nil)
	srv.Clock = clock
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	f := &fixture{t: t, store: db, clock: clock, url: ts.URL, items: map[string]*radiator.BacklogItem{}}

	f.ada = f.person("Ada Lovelace", "ada@example.com")
	f.bob = f.person("Bob Stone", "bob@example.com")
	secret, err := auth.NewSecret(auth.TokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	tok := &radiator.Token{PersonID: f.ada.ID, Name: "cli", Hash: auth.HashSecret(secret), CreatedAt: clock.Now()}
	if err := db.CreateToken(ctx, tok); err != nil {
		t.Fatalf("create token: %v", err)
	}
	f.token = secret
	f.client = client.New(ts.URL, secret)

	f.product = &radiator.Product{Key: "ATLAS", Name: "Atlas"}
	must(t, "create product", db.CreateProduct(ctx, f.product))
	f.rockets = &radiator.Team{ProductID: f.product.ID, Name: "Rockets", Columns: rocketsColumns, DefinitionOfReady: []string{valueClear}}
	must(t, "create team", db.CreateTeam(ctx, f.rockets))
	f.comets = &radiator.Team{ProductID: f.product.ID, Name: "Comets"}
	must(t, "create team", db.CreateTeam(ctx, f.comets))
	feature := f.item(&radiator.BacklogItem{Kind: radiator.KindFeature, Title: "Sign-in", State: radiator.StateNew})

	f.sprint = &radiator.Sprint{TeamID: f.rockets.ID, Name: "Sprint 14", Start: radiator.MustDate("2026-03-02"), End: radiator.MustDate("2026-03-13"), Goal: "People sign in", State: radiator.SprintPlanned}
	must(t, "create sprint", db.CreateSprint(ctx, f.sprint))
	f.next = &radiator.Sprint{TeamID: f.rockets.ID, Name: "Sprint 15", Start: radiator.MustDate("2026-03-16"), End: radiator.MustDate("2026-03-27"), State: radiator.SprintPlanned}
	must(t, "create sprint", db.CreateSprint(ctx, f.next))

	sp := &f.sprint.ID
	for _, it := range []struct {
		title    string
		points   float64
		column   string
		assignee *radiator.Person
		blocked  string
	}{
		{"Login form", 5, "todo", f.ada, ""},
		{"Password reset", 3, "in_progress", f.bob, "Waiting for the mail relay"},
		{"Session expiry", 2, "in_progress", nil, ""},
		{"Audit log", 8, "todo", nil, ""},
	} {
		story := f.story(it.title, &it.points, true)
		story.SprintID, story.Column, story.ParentID = sp, it.column, &feature.ID
		if it.assignee != nil {
			story.AssigneeID = &it.assignee.ID
		}
		story.Blocked, story.BlockedReason = it.blocked != "", it.blocked
		f.item(story)
	}
	three, two := 3.0, 2.0
	export := f.story("Export CSV", &three, true)
	export.Column = "todo"
	f.item(export)
	f.item(f.story("Dark mode", nil, false))
	shortcuts := f.story("Keyboard shortcuts", &two, false)
	shortcuts.AcceptanceCriteria, shortcuts.Blocked = "Alt+Up moves a story up", true
	f.item(shortcuts)
	f.backlogInOrder = []string{"Export CSV", "Dark mode", "Keyboard shortcuts"}
	f.item(&radiator.BacklogItem{Kind: radiator.KindStory, Title: "Comet tail", State: radiator.StateNew, TeamID: &f.comets.ID})

	// The sprint starts on Monday; the audit log is done on Tuesday.
	clock.Set(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	active := radiator.SprintActive
	f.sprint, err = db.UpdateSprint(ctx, f.sprint.ID, radiator.SprintUpdate{Version: f.sprint.Version, State: &active})
	must(t, "start sprint", err)
	clock.Set(time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC))
	done := "done"
	audit := f.items["Audit log"]
	f.items["Audit log"], err = db.UpdateBacklogItem(ctx, audit.ID, radiator.BacklogItemUpdate{Version: audit.Version, Column: &done})
	must(t, "finish the audit log", err)
	clock.Set(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	return f
}

func must(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func (f *fixture) person(name, email string) *radiator.Person {
	f.t.Helper()
	p := &radiator.Person{Name: name, Email: email, Active: true, Admin: true}
	must(f.t, "create person "+name, f.store.CreatePerson(context.Background(), p))
	return p
}

// story returns a story of Rockets, ready by its definition of ready when
// ready is set.
func (f *fixture) story(title string, points *float64, ready bool) *radiator.BacklogItem {
	it := &radiator.BacklogItem{Kind: radiator.KindStory, Title: title, Estimate: points, State: radiator.StateNew, TeamID: &f.rockets.ID}
	if ready {
		it.AcceptanceCriteria = "It works for " + title
		it.ReadyChecks = []string{valueClear}
	}
	return it
}

// item creates an item of the product and keeps it by title.
func (f *fixture) item(it *radiator.BacklogItem) *radiator.BacklogItem {
	f.t.Helper()
	it.ProductID = f.product.ID
	must(f.t, "create item "+it.Title, f.store.CreateBacklogItem(context.Background(), it))
	f.items[it.Title] = it
	return it
}
