package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// releaseCLIFixture adds releases to the CLI fixture, made at times that
// let their forecast and risk be worked out by hand:
//
//   - Mon 5 Jan: Atlas 0.9 (released, 5 to 30 Jan) with the feature
//     Onboarding, accepted on Wed 28 Jan.
//   - Mon 2 Feb: Atlas 1.0 (sprinting, 2 Feb to 24 Apr) with the features
//     Sign-in (M: 2 units; its story Single sign-on, 8 points, in Rockets'
//     backlog) and Profiles (1 unit; Profile page, 5 points, in Comets'
//     sprint C1 of 16 to 27 Feb, and Avatar upload, 3 points, in Comets'
//     backlog). C1 runs and closes with Profile page done: Comets' velocity
//     is 5.
//
// Now (Wed 4 March) Rockets has no velocity, so Sign-in is at risk;
// Comets has 3.8 sprints of 5 points left for 3 points of work.
func releaseCLIFixture(t *testing.T) (*cliFixture, *radiator.Release, *radiator.Release) {
	t.Helper()
	f := newCLIFixture(t)
	ctx := context.Background()
	db := f.store
	clock := db.Clock.(*radiator.ManualClock)
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	at := func(s string) {
		t.Helper()
		tm, err := time.Parse("2006-01-02 15:04", s)
		check("time", err)
		clock.Set(tm)
	}
	teams, _, err := db.FindTeams(ctx, radiator.TeamFilter{ProductID: f.rockets.ProductID})
	check("find teams", err)
	comets := teams[1]
	feature := func(title, size string, release *radiator.Release) *radiator.BacklogItem {
		t.Helper()
		it := &radiator.BacklogItem{ProductID: f.rockets.ProductID, Kind: radiator.KindFeature, Title: title, State: radiator.StateNew, ReleaseID: &release.ID}
		it.SetSize(size)
		check("create feature "+title, db.CreateBacklogItem(ctx, it))
		return it
	}
	story := func(title string, team *radiator.Team, points float64, parent *radiator.BacklogItem, sprint *radiator.Sprint) *radiator.BacklogItem {
		t.Helper()
		it := &radiator.BacklogItem{ProductID: f.rockets.ProductID, Kind: radiator.KindStory, Title: title, State: radiator.StateNew,
			Estimate: &points, TeamID: &team.ID, ParentID: &parent.ID, ReleaseID: parent.ReleaseID}
		if sprint != nil {
			it.SprintID = &sprint.ID
		}
		check("create story "+title, db.CreateBacklogItem(ctx, it))
		return it
	}
	done := func(it *radiator.BacklogItem) {
		t.Helper()
		state := radiator.StateDone
		_, err := db.UpdateBacklogItem(ctx, it.ID, radiator.BacklogItemUpdate{Version: it.Version, State: &state})
		check("finish "+it.Title, err)
	}

	at("2026-01-05 09:00")
	old := &radiator.Release{ProductID: f.rockets.ProductID, Name: "Atlas 0.9", Start: radiator.MustDate("2026-01-05"), Date: radiator.MustDate("2026-01-30"),
		Phase: radiator.PhaseReleased, Kind: radiator.ReleaseRegular}
	check("create release", db.CreateRelease(ctx, old))
	onboarding := feature("Onboarding", "", old)
	at("2026-01-28 12:00")
	done(onboarding)

	at("2026-02-02 09:00")
	rel := &radiator.Release{ProductID: f.rockets.ProductID, Name: "Atlas 1.0", Start: radiator.MustDate("2026-02-02"), Date: radiator.MustDate("2026-04-24"),
		Goal: "People manage their profiles", Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
	check("create release", db.CreateRelease(ctx, rel))
	signIn, profiles := feature("Sign-in", "M", rel), feature("Profiles", "", rel)
	c1 := &radiator.Sprint{TeamID: comets.ID, Name: "C1", Start: radiator.MustDate("2026-02-16"), End: radiator.MustDate("2026-02-27"), State: radiator.SprintPlanned}
	check("create sprint", db.CreateSprint(ctx, c1))
	story("Single sign-on", f.rockets, 8, signIn, nil)
	page := story("Profile page", comets, 5, profiles, c1)
	story("Avatar upload", comets, 3, profiles, nil)
	at("2026-02-16 09:00")
	active := radiator.SprintActive
	c1, err = db.UpdateSprint(ctx, c1.ID, radiator.SprintUpdate{Version: c1.Version, State: &active})
	check("start C1", err)
	at("2026-02-25 10:00")
	done(page)
	at("2026-02-27 17:00")
	_, err = db.CloseSprint(ctx, c1.ID, radiator.SprintClose{Version: c1.Version, Unfinished: radiator.UnfinishedToBacklog})
	check("close C1", err)
	clock.Set(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	return f, old, rel
}

func TestCLIReleaseStatus(t *testing.T) {
	f, _, rel := releaseCLIFixture(t)
	want := `Atlas 1.0 (ATLAS, Atlas)
Date:      24 Apr 2026, started 2 Feb 2026; phase sprinting
Goal:      People manage their profiles
Scope:     3 feature units; 0 done, 3 to go
Forecast:  At the current pace, 0 to 3 of 3 feature units by 24 Apr 2026; all of it on 9 Apr 2026 at the earliest, never at the slowest recent pace.
Capacity:  At the teams' velocities, 1 of 3 feature units fit by 24 Apr 2026; 1 feature at risk.

At risk: 1 feature
  Sign-in  2 units  8 pts short  Rockets

Teams with slack:
  Comets  16 pts of slack  capacity 19 pts, load 3 pts
`
	for _, ref := range []string{"ATLAS/Atlas 1.0", "atlas/atlas 1.0", strconv.FormatInt(rel.ID, 10), "Atlas 1.0"} {
		t.Run(ref, func(t *testing.T) {
			out, err := f.run(f.env(), "release", "status", ref)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("radiator release status %q (-want +got):\n%s", ref, diff)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		out, err := f.run(f.env(), "release", "--json", "status", "ATLAS/Atlas 1.0")
		if err == nil {
			t.Fatalf("release --json status: no error, printed %q; the subcommand comes first", out)
		}
		out, err = f.run(f.env(), "release", "status", "ATLAS/Atlas 1.0", "--json")
		if err != nil {
			t.Fatal(err)
		}
		var st struct {
			Release  radiator.Release     `json:"release"`
			Forecast radiator.Forecast    `json:"forecast"`
			Risk     radiator.ReleaseRisk `json:"risk"`
		}
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatalf("release status --json printed %q: %v", out, err)
		}
		if st.Release.ID != rel.ID || st.Forecast.Scope != 3 || st.Forecast.Outcome != radiator.OutcomeOffTrack || len(st.Risk.AtRisk) != 1 || len(st.Risk.Teams) != 2 {
			t.Errorf("release status --json = %+v, want Atlas 1.0, 3 units off track, Sign-in at risk, two teams", st)
		}
	})
	t.Run("nothing at risk", func(t *testing.T) {
		ctx := context.Background()
		empty := &radiator.Release{ProductID: f.rockets.ProductID, Name: "Atlas 2.0", Start: radiator.MustDate("2026-05-04"), Date: radiator.MustDate("2026-07-31"),
			Phase: radiator.PhasePlanning, Kind: radiator.ReleaseHotfix}
		if err := f.store.CreateRelease(ctx, empty); err != nil {
			t.Fatal(err)
		}
		out, err := f.run(f.env(), "release", "status", "ATLAS/Atlas 2.0")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"Atlas 2.0 (ATLAS, Atlas), a hot fix\n",
			"Scope:     0 feature units; 0 done, 0 to go\n",
			"At risk: none; every committed feature fits the teams' capacity.\n",
			"Teams with slack:\n  Comets  ",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("status of an empty release does not say %q:\n%s", want, out)
			}
		}
	})
}

func TestCLIReleaseList(t *testing.T) {
	f, old, rel := releaseCLIFixture(t)
	ctx := context.Background()
	other := &radiator.Product{Key: "BETA", Name: "Beta"}
	if err := f.store.CreateProduct(ctx, other); err != nil {
		t.Fatal(err)
	}
	beta := &radiator.Release{ProductID: other.ID, Name: "Beta 1", Start: radiator.MustDate("2026-03-02"), Date: radiator.MustDate("2026-03-13"),
		Phase: radiator.PhasePlanning, Kind: radiator.ReleaseHotfix}
	if err := f.store.CreateRelease(ctx, beta); err != nil {
		t.Fatal(err)
	}
	id := func(r *radiator.Release) string { return strconv.FormatInt(r.ID, 10) }
	out, err := f.run(f.env(), "release", "list")
	if err != nil {
		t.Fatal(err)
	}
	want := `ID  PRODUCT  NAME       KIND     PHASE      START       DATE
` + id(old) + `   ATLAS    Atlas 0.9  regular  released   2026-01-05  2026-01-30
` + id(beta) + `   BETA     Beta 1     hotfix   planning   2026-03-02  2026-03-13
` + id(rel) + `   ATLAS    Atlas 1.0  regular  sprinting  2026-02-02  2026-04-24
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("radiator release list (-want +got):\n%s", diff)
	}
	out, err = f.run(f.env(), "release", "list", "atlas", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Items []radiator.Release `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("release list --json printed %q: %v", out, err)
	}
	if len(list.Items) != 2 || list.Items[0].ID != old.ID || list.Items[1].ID != rel.ID {
		t.Errorf("release list atlas --json = %+v, want Atlas 0.9 and 1.0", list.Items)
	}
	empty := &radiator.Product{Key: "GAMMA", Name: "Gamma"}
	if err := f.store.CreateProduct(ctx, empty); err != nil {
		t.Fatal(err)
	}
	if out, err := f.run(f.env(), "release", "list", "Gamma"); err != nil || out != "No releases yet.\n" {
		t.Errorf("release list Gamma = %q, %v; want none", out, err)
	}
}

func TestCLIReleaseErrors(t *testing.T) {
	f, _, _ := releaseCLIFixture(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"release"}, `try "radiator release status RELEASE"`},
		{[]string{"release", "show", "1"}, `unknown "release" command`},
		{[]string{"release", "status"}, "release status: give RELEASE"},
		{[]string{"release", "status", "Atlas", "1.0"}, "quote a name that has spaces"},
		{[]string{"release", "status", "ATLAS/Atlas 3.0"}, `No release "ATLAS/Atlas 3.0". Releases: Atlas 0.9 (`},
		{[]string{"release", "status", "NOPE/Atlas 1.0"}, `No product "NOPE". Products: ATLAS (Atlas).`},
		{[]string{"release", "list", "Nope"}, `No product "Nope"`},
		{[]string{"release", "list", "a", "b"}, "one argument only"},
		{[]string{"release", "list", "--colour"}, "flag provided but not defined: -colour"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := f.run(f.env(), tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("radiator %q error = %v, want one containing %q", tt.args, err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "(not_found)") {
				t.Errorf("radiator %q error = %v; it shows the error code", tt.args, err)
			}
		})
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"help"}, env(nil), strings.NewReader(""), &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "radiator release status RELEASE") || !strings.Contains(out.String(), "radiator release list [PRODUCT]") {
		t.Errorf("help does not tell of the release commands:\n%s", out.String())
	}
}
