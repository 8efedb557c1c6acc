package demo_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
	"github.com/radiator-hq/radiator/internal/demo"
	"github.com/radiator-hq/radiator/sqlite"
)

// today is the day the test organisations' history ends, mid-afternoon.
var today = time.Date(2025, 6, 18, 15, 30, 0, 0, time.UTC)

// openStore returns a fresh, migrated SQLite store in a temporary folder
// that uses clock, and the path of its file.
func openStore(tb testing.TB, clock radiator.Clock) (*sqlite.DB, string) {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "radiator.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	db.Clock = clock
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db, path
}

// mustBuild builds the demo organisation into a fresh store.
func mustBuild(tb testing.TB, opts demo.Options) (*sqlite.DB, *radiator.ManualClock) {
	tb.Helper()
	clock := radiator.NewManualClock(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	db, _ := openStore(tb, clock)
	if err := demo.Build(context.Background(), db, clock, opts); err != nil {
		tb.Fatalf("Build(%+v): %v", opts, err)
	}
	return db, clock
}

// all collects every page of a list.
func all[T any](tb testing.TB, what string, list func(radiator.Page) ([]T, string, error)) []T {
	tb.Helper()
	var out []T
	page := radiator.Page{Limit: radiator.MaxLimit}
	for {
		got, next, err := list(page)
		if err != nil {
			tb.Fatalf("find %s: %v", what, err)
		}
		out = append(out, got...)
		if next == "" {
			return out
		}
		page.After = next
	}
}

// snapshot is everything a store holds, as lists in the stores' order.
type snapshot struct {
	Products    []*radiator.Product
	Forums      []*radiator.Forum
	Teams       []*radiator.Team
	People      []*radiator.Person
	Memberships []*radiator.Membership
	Releases    []*radiator.Release
	Sprints     []*radiator.Sprint
	Items       []*radiator.BacklogItem
	Events      []*radiator.Event
}

func takeSnapshot(tb testing.TB, s radiator.Store) *snapshot {
	tb.Helper()
	ctx := context.Background()
	return &snapshot{
		Products: all(tb, "products", func(p radiator.Page) ([]*radiator.Product, string, error) {
			return s.FindProducts(ctx, radiator.ProductFilter{Page: p})
		}),
		Forums: all(tb, "forums", func(p radiator.Page) ([]*radiator.Forum, string, error) {
			return s.FindForums(ctx, radiator.ForumFilter{Page: p})
		}),
		Teams: all(tb, "teams", func(p radiator.Page) ([]*radiator.Team, string, error) {
			return s.FindTeams(ctx, radiator.TeamFilter{Page: p})
		}),
		People: all(tb, "people", func(p radiator.Page) ([]*radiator.Person, string, error) {
			return s.FindPeople(ctx, radiator.PersonFilter{Page: p})
		}),
		Memberships: all(tb, "memberships", func(p radiator.Page) ([]*radiator.Membership, string, error) {
			return s.FindMemberships(ctx, radiator.MembershipFilter{Page: p})
		}),
		Releases: all(tb, "releases", func(p radiator.Page) ([]*radiator.Release, string, error) {
			return s.FindReleases(ctx, radiator.ReleaseFilter{Page: p})
		}),
		Sprints: all(tb, "sprints", func(p radiator.Page) ([]*radiator.Sprint, string, error) {
			return s.FindSprints(ctx, radiator.SprintFilter{Page: p})
		}),
		Items: all(tb, "backlog items", func(p radiator.Page) ([]*radiator.BacklogItem, string, error) {
			return s.FindBacklogItems(ctx, radiator.BacklogItemFilter{Page: p})
		}),
		Events: all(tb, "events", func(p radiator.Page) ([]*radiator.Event, string, error) {
			return s.FindEvents(ctx, radiator.EventFilter{Page: p})
		}),
	}
}

// index holds the snapshot's entities by ID and the memberships by forum.
type index struct {
	forums  map[int64]*radiator.Forum
	teams   map[int64]*radiator.Team
	people  map[int64]*radiator.Person
	items   map[int64]*radiator.BacklogItem
	sprints map[int64]*radiator.Sprint
	roles   map[int64]map[int64][]string // forum, person: roles
}

func newIndex(s *snapshot) *index {
	ix := &index{forums: map[int64]*radiator.Forum{}, teams: map[int64]*radiator.Team{}, people: map[int64]*radiator.Person{},
		items: map[int64]*radiator.BacklogItem{}, sprints: map[int64]*radiator.Sprint{}, roles: map[int64]map[int64][]string{}}
	for _, f := range s.Forums {
		ix.forums[f.ID] = f
		ix.roles[f.ID] = map[int64][]string{}
	}
	for _, t := range s.Teams {
		ix.teams[t.ID] = t
	}
	for _, p := range s.People {
		ix.people[p.ID] = p
	}
	for _, it := range s.Items {
		ix.items[it.ID] = it
	}
	for _, sp := range s.Sprints {
		ix.sprints[sp.ID] = sp
	}
	for _, m := range s.Memberships {
		ix.roles[m.ForumID][m.PersonID] = append(ix.roles[m.ForumID][m.PersonID], m.Role)
	}
	return ix
}

// holders returns the people holding role in the forum, in ID order.
func (ix *index) holders(forumID int64, role string) []int64 {
	var out []int64
	for pid, roles := range ix.roles[forumID] {
		if slices.Contains(roles, role) {
			out = append(out, pid)
		}
	}
	slices.Sort(out)
	return out
}

// teamSprints returns the team's sprints in the order they run.
func teamSprints(s *snapshot, teamID int64) []*radiator.Sprint {
	var out []*radiator.Sprint
	for _, sp := range s.Sprints {
		if sp.TeamID == teamID {
			out = append(out, sp)
		}
	}
	return out
}

// scrumOfScrums returns the product's tier-2 forums.
func (s *snapshot) scrumOfScrums(productID int64) []*radiator.Forum {
	var out []*radiator.Forum
	for _, f := range s.Forums {
		if f.Kind == radiator.ForumScrumOfScrums && f.ProductID != nil && *f.ProductID == productID {
			out = append(out, f)
		}
	}
	return out
}

// itemState is the part of a backlog item's event JSON the tests read.
type itemState struct {
	Kind     string `json:"kind"`
	State    string `json:"state"`
	Column   string `json:"column"`
	TeamID   *int64 `json:"team_id"`
	SprintID *int64 `json:"sprint_id"`
}

func decodeItem(tb testing.TB, raw json.RawMessage) *itemState {
	tb.Helper()
	var st *itemState
	if err := json.Unmarshal(raw, &st); err != nil {
		tb.Fatalf("decode backlog item %s: %v", raw, err)
	}
	return st
}

// TestDefault builds the default organisation once and checks it from
// every side the issue names.
func TestDefault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := demo.Options{Seed: 1, Today: today}
	db, clock := mustBuild(t, opts)
	s := takeSnapshot(t, db)
	ix := newIndex(s)
	day := radiator.DateOf(today)

	t.Run("Clock", func(t *testing.T) {
		if got := clock.Now(); !got.Equal(today) {
			t.Errorf("clock after Build = %v, want %v", got, today)
		}
	})

	t.Run("Organisation", func(t *testing.T) {
		o, err := db.FindOrganisation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if o.Name == "My organisation" || o.Name == "" {
			t.Errorf("organisation name = %q, want the demo company's", o.Name)
		}
		if len(s.Products) != 3 {
			t.Errorf("%d products, want 3", len(s.Products))
		}
	})

	t.Run("Teams", func(t *testing.T) {
		if len(s.Teams) < 9 {
			t.Errorf("%d teams, want at least 9", len(s.Teams))
		}
		perProduct := map[int64]int{}
		names := map[string]bool{}
		for _, tm := range s.Teams {
			perProduct[tm.ProductID]++
			if names[tm.Name] {
				t.Errorf("two teams named %q", tm.Name)
			}
			names[tm.Name] = true
			if n := len(ix.holders(tm.ForumID, radiator.RoleScrumMaster)); n != 1 {
				t.Errorf("team %q has %d Scrum Masters, want 1", tm.Name, n)
			}
			if n := len(ix.holders(tm.ForumID, radiator.RoleProductOwner)); n != 1 {
				t.Errorf("team %q has %d Product Owners, want 1", tm.Name, n)
			}
			if n := len(ix.holders(tm.ForumID, radiator.RoleMember)); n < 4 || n > 7 {
				t.Errorf("team %q has %d members, want 4 to 7", tm.Name, n)
			}
			s2 := s.scrumOfScrums(tm.ProductID)
			if len(s2) != 1 || tm.ParentForumID == nil || *tm.ParentForumID != s2[0].ID {
				t.Errorf("team %q sits under forum %v, want its product's Scrum of Scrums", tm.Name, tm.ParentForumID)
			}
		}
		for _, p := range s.Products {
			if n := perProduct[p.ID]; n < 3 || n > 6 {
				t.Errorf("product %s has %d teams, want 3 to 6", p.Key, n)
			}
		}
	})

	t.Run("SharedPeople", func(t *testing.T) {
		// The chapter's closing story: some people work for two teams.
		teamsOf := map[int64]int{}
		for _, tm := range s.Teams {
			for pid := range ix.roles[tm.ForumID] {
				teamsOf[pid]++
			}
		}
		shared := 0
		for _, n := range teamsOf {
			if n > 1 {
				shared++
			}
		}
		if shared == 0 {
			t.Error("no one works in two teams")
		}
	})

	t.Run("Forums", func(t *testing.T) {
		if len(s.Forums) < 5 {
			t.Errorf("%d forums, want at least 5", len(s.Forums))
		}
		byKind := map[string][]*radiator.Forum{}
		for _, f := range s.Forums {
			byKind[f.Kind] = append(byKind[f.Kind], f)
		}
		wantTier := map[string]int{radiator.ForumTeam: 1, radiator.ForumScrumOfScrums: 2, radiator.ForumPortfolio: 3, radiator.ForumSteering: 4}
		for kind, tier := range wantTier {
			if len(byKind[kind]) == 0 {
				t.Errorf("no %s forum (tier %d)", kind, tier)
			}
			for _, f := range byKind[kind] {
				if f.Tier != tier {
					t.Errorf("forum %q of kind %s at tier %d, want %d", f.Name, kind, f.Tier, tier)
				}
				if f.Purpose == "" {
					t.Errorf("forum %q has no purpose", f.Name)
				}
				wantCadence := radiator.DefaultCadence(kind)
				if kind == radiator.ForumScrumOfScrums {
					wantCadence = demo.ScrumOfScrumsCadence()
				}
				if f.Tier > 1 && !cmp.Equal(f.Cadence, wantCadence) {
					t.Errorf("forum %q cadence = %+v, want %+v", f.Name, f.Cadence, wantCadence)
				}
				if f.Tier < 4 && (f.ParentID == nil || ix.forums[*f.ParentID].Tier != tier+1) {
					t.Errorf("forum %q (S%d) has parent %v, want a forum of tier %d", f.Name, tier, f.ParentID, tier+1)
				}
			}
		}
		if len(byKind[radiator.ForumPortfolio]) != 1 || len(byKind[radiator.ForumSteering]) != 1 {
			t.Fatalf("%d portfolio and %d steering forums, want one each", len(byKind[radiator.ForumPortfolio]), len(byKind[radiator.ForumSteering]))
		}
		s3, s4 := byKind[radiator.ForumPortfolio][0], byKind[radiator.ForumSteering][0]
		for _, c := range []struct {
			forum *radiator.Forum
			role  string
			min   int
		}{
			{s3, radiator.RoleLeadership, 3},
			{s3, radiator.RoleChiefProductOwner, 3},
			{s4, radiator.RoleLeadership, 2},
			{s4, radiator.RoleCoach, 1},
		} {
			if n := len(ix.holders(c.forum.ID, c.role)); n < c.min {
				t.Errorf("forum %q has %d people as %s, want at least %d", c.forum.Name, n, c.role, c.min)
			}
		}
	})

	t.Run("ScrumOfScrums", func(t *testing.T) {
		for _, p := range s.Products {
			s2 := s.scrumOfScrums(p.ID)
			if len(s2) != 1 {
				t.Errorf("product %s has %d Scrums of Scrums, want 1", p.Key, len(s2))
				continue
			}
			f := s2[0]
			for _, role := range []string{radiator.RoleChiefProductOwner, radiator.RoleChiefScrumMaster, radiator.RoleTester, radiator.RoleOperations} {
				if len(ix.holders(f.ID, role)) == 0 {
					t.Errorf("%q has no %s", f.Name, role)
				}
			}
			for _, tm := range s.Teams {
				if tm.ProductID != p.ID {
					continue
				}
				for _, role := range []string{radiator.RoleScrumMaster, radiator.RoleProductOwner} {
					for _, pid := range ix.holders(tm.ForumID, role) {
						if !slices.Contains(ix.roles[f.ID][pid], role) {
							t.Errorf("%s of team %q is not in %q as %s", role, tm.Name, f.Name, role)
						}
					}
				}
			}
		}
	})

	t.Run("Releases", func(t *testing.T) {
		// Hot fixes have shipped, and some are in progress, due after
		// today.
		shipped := 0
		for _, p := range s.Products {
			var released, sprinting, planning int
			for _, r := range s.Releases {
				if r.ProductID != p.ID {
					continue
				}
				if !r.Start.Valid() || !r.Date.After(r.Start) || r.Start != radiator.DateOf(r.CreatedAt) {
					t.Errorf("release %q starts %s and is due %s, want a start on the day it was created (%s), before its date", r.Name, r.Start, r.Date, r.CreatedAt)
				}
				if r.Kind == radiator.ReleaseHotfix {
					switch {
					case r.Phase == radiator.PhaseReleased && r.Date.Before(day):
						shipped++
					case r.Phase != radiator.PhaseReleased && r.Date.After(day):
					default:
						t.Errorf("hot-fix %q is %s on %s, want released before %s or open after it", r.Name, r.Phase, r.Date, day)
					}
					continue
				}
				switch {
				case r.Phase == radiator.PhaseReleased && r.Date.Before(day):
					released++
				case r.Phase == radiator.PhaseSprinting && r.Date.After(day):
					sprinting++
				case r.Phase == radiator.PhasePlanning && r.Date.After(day):
					planning++
				default:
					t.Errorf("release %q is %s on %s", r.Name, r.Phase, r.Date)
				}
				if r.Goal == "" {
					t.Errorf("release %q has no goal", r.Name)
				}
			}
			if released != 2 || sprinting != 1 || planning != 1 {
				t.Errorf("product %s has %d released, %d sprinting and %d planned releases, want 2, 1 and 1", p.Key, released, sprinting, planning)
			}
		}
		if shipped == 0 {
			t.Error("no hot fix shipped")
		}
	})

	t.Run("Sprints", func(t *testing.T) {
		first := radiator.DateOf(today.AddDate(0, -5, 0))
		for _, tm := range s.Teams {
			var sprints []*radiator.Sprint
			for _, sp := range s.Sprints {
				if sp.TeamID == tm.ID {
					sprints = append(sprints, sp)
				}
			}
			states := map[string]int{}
			for i, sp := range sprints {
				states[sp.State]++
				if sp.Start.AddDays(13) != sp.End {
					t.Errorf("team %q %s runs %s to %s, want two weeks", tm.Name, sp.Name, sp.Start, sp.End)
				}
				if i > 0 && sprints[i-1].End.AddDays(1) != sp.Start {
					t.Errorf("team %q %s starts %s, want the day after %s ends", tm.Name, sp.Name, sp.Start, sprints[i-1].Name)
				}
				if sp.Start.Before(first) {
					t.Errorf("team %q %s starts %s, before the five months of history", tm.Name, sp.Name, sp.Start)
				}
				want := radiator.SprintClosed
				switch {
				case i == len(sprints)-1:
					want = radiator.SprintPlanned
				case i == len(sprints)-2:
					want = radiator.SprintActive
					if !sp.Contains(day) {
						t.Errorf("team %q active %s runs %s to %s, not containing %s", tm.Name, sp.Name, sp.Start, sp.End, day)
					}
				}
				if sp.State != want {
					t.Errorf("team %q %s (%s) is %s, want %s", tm.Name, sp.Name, sp.Start, sp.State, want)
				}
				if sp.State != radiator.SprintPlanned && sp.Goal == "" {
					t.Errorf("team %q %s has no goal", tm.Name, sp.Name)
				}
			}
			if states[radiator.SprintClosed] < 8 {
				t.Errorf("team %q has %d closed sprints, want five months of them", tm.Name, states[radiator.SprintClosed])
			}
		}
	})

	t.Run("Items", func(t *testing.T) {
		kinds := map[string]int{}
		storyStates := map[string]int{}
		for _, it := range s.Items {
			kinds[it.Kind]++
			// Unfinished work handed back to the backlog goes to its top,
			// so the first ranks grow longer than the spread ones.
			if !radiator.ValidRank(it.Rank) || len(it.Rank) > 12 {
				t.Errorf("item %d has rank %q, want a short valid rank", it.ID, it.Rank)
			}
			var parentKind string
			if it.ParentID != nil {
				parentKind = ix.items[*it.ParentID].Kind
			}
			switch it.Kind {
			case radiator.KindStory:
				storyStates[it.State]++
				if it.TeamID == nil {
					t.Errorf("story %q has no team", it.Title)
				}
				if it.State != radiator.StateNew && (it.Estimate == nil || *it.Estimate == 0 || ix.teams[*it.TeamID].CheckEstimate(it.Estimate) != nil) {
					t.Errorf("%s story %q has estimate %v, want points on its team's scale", it.State, it.Title, it.Estimate)
				}
				if it.ParentID != nil && parentKind != radiator.KindFeature {
					t.Errorf("story %q sits under a %s", it.Title, parentKind)
				}
			case radiator.KindInitiative:
				if it.Estimate != nil {
					t.Errorf("initiative %q has estimate %v, want none: its features are sized", it.Title, *it.Estimate)
				}
			case radiator.KindFeature:
				if it.ReleaseID == nil || it.Estimate == nil {
					t.Errorf("feature %q has release %v and estimate %v, want both", it.Title, it.ReleaseID, it.Estimate)
				}
				if it.ParentID != nil && parentKind != radiator.KindInitiative {
					t.Errorf("feature %q sits under a %s", it.Title, parentKind)
				}
			}
			if it.State == radiator.StateDone && (it.DoneAt == nil || it.DoneAt.After(today)) {
				t.Errorf("done item %q was done at %v, want a past moment", it.Title, it.DoneAt)
			}
		}
		for _, k := range radiator.ItemKinds {
			if kinds[k] == 0 {
				t.Errorf("no %s", k)
			}
		}
		for _, st := range radiator.ItemStates {
			if storyStates[st] == 0 {
				t.Errorf("no story is %s", st)
			}
		}
	})

	t.Run("ActiveSprints", func(t *testing.T) {
		// Today is mid-sprint: some of its stories are done, some not.
		states := map[string]int{}
		for _, it := range s.Items {
			if it.SprintID != nil && ix.sprints[*it.SprintID].State == radiator.SprintActive {
				states[it.State]++
			}
		}
		if states[radiator.StateDone] == 0 || states[radiator.StateInProgress]+states[radiator.StateReady] == 0 {
			t.Errorf("stories of active sprints by state: %v, want some done and some still to do", states)
		}
	})

	t.Run("Boards", func(t *testing.T) {
		// Every team estimates in Fibonacci points and has a definition
		// of ready; some have a board of their own, with limits on work in
		// progress and columns for review or testing.
		var own, limited, between int
		for _, tm := range s.Teams {
			if !slices.Equal(tm.EstimateScale, radiator.FibonacciScale()) {
				t.Errorf("team %q estimates on %v, want the Fibonacci scale", tm.Name, tm.EstimateScale)
			}
			if len(tm.DefinitionOfReady) < len(radiator.DefaultDefinitionOfReady()) {
				t.Errorf("team %q has the definition of ready %q, want at least the default one", tm.Name, tm.DefinitionOfReady)
			}
			keys := map[string]bool{}
			for _, c := range tm.Board() {
				keys[c.Key] = true
				if c.WIPLimit > 0 {
					limited++
				}
				if c.State == radiator.StateInProgress && c.Key != "in_progress" {
					between++
				}
			}
			// The board's first, middle and last columns keep the
			// default keys, so cards move alike on every board.
			for _, k := range []string{"todo", "in_progress", "done"} {
				if !keys[k] {
					t.Errorf("team %q has no column %q: %+v", tm.Name, k, tm.Board())
				}
			}
			if len(tm.Columns) > 0 {
				own++
			}
		}
		if own == 0 || own == len(s.Teams) || limited == 0 || between == 0 {
			t.Errorf("%d of %d teams have a board of their own, %d columns a limit, %d columns between in progress and done; want some of each",
				own, len(s.Teams), limited, between)
		}
	})

	t.Run("Stories", func(t *testing.T) {
		// Stories carry labels; refined ones acceptance criteria and
		// ready checks; those in progress an assignee of their team; and
		// cards sit in a column of their team's board that holds their
		// state.
		for _, it := range s.Items {
			if it.Kind != radiator.KindStory {
				continue
			}
			tm := ix.teams[*it.TeamID]
			if len(it.Labels) == 0 {
				t.Errorf("story %q has no labels", it.Title)
			}
			if it.State != radiator.StateNew && (it.AcceptanceCriteria == "" || len(it.ReadyChecks) == 0) {
				t.Errorf("%s story %q has acceptance criteria %q and ready checks %q, want both", it.State, it.Title, it.AcceptanceCriteria, it.ReadyChecks)
			}
			if it.State == radiator.StateInProgress || it.State == radiator.StateDone {
				if it.AssigneeID == nil || len(ix.roles[tm.ForumID][*it.AssigneeID]) == 0 {
					t.Errorf("%s story %q is assigned to %v, want someone of team %q", it.State, it.Title, it.AssigneeID, tm.Name)
				}
			}
			if c := tm.ColumnOf(it); it.State != radiator.StateNew && c.State != it.State {
				t.Errorf("%s story %q shows in column %q of state %s", it.State, it.Title, c.Key, c.State)
			}
			if _, ok := tm.Column(it.Column); it.Column != "" && !ok {
				t.Errorf("story %q is in column %q, not one of team %q's", it.Title, it.Column, tm.Name)
			}
		}
	})

	t.Run("Readiness", func(t *testing.T) {
		// Every ready story meets its team's definition of ready, and
		// the refinement view flags backlog stories that do not yet.
		problems := map[string]int{}
		for _, it := range s.Items {
			if it.Kind != radiator.KindStory {
				continue
			}
			p := ix.teams[*it.TeamID].ReadinessProblems(it)
			if it.State == radiator.StateReady && len(p) > 0 {
				t.Errorf("ready story %q is not ready by its team's definition: %q", it.Title, p)
			}
			if it.State == radiator.StateNew && it.SprintID == nil {
				for _, x := range p {
					problems[x]++
				}
			}
		}
		if problems["no estimate"] == 0 || problems["no acceptance criteria"] == 0 {
			t.Errorf("backlog stories' readiness problems: %v, want some without an estimate and some without acceptance criteria", problems)
		}
	})

	t.Run("Blocked", func(t *testing.T) {
		blocked := 0
		for _, it := range s.Items {
			if !it.Blocked {
				continue
			}
			blocked++
			if it.BlockedReason == "" || it.State != radiator.StateInProgress || it.SprintID == nil || ix.sprints[*it.SprintID].State != radiator.SprintActive {
				t.Errorf("blocked %s story %q in sprint %v for %q, want a story in progress in an active sprint, with a reason", it.State, it.Title, it.SprintID, it.BlockedReason)
			}
		}
		if blocked == 0 || blocked > len(s.Teams) {
			t.Errorf("%d blocked stories, want a few", blocked)
		}
	})

	t.Run("SprintResults", func(t *testing.T) {
		// A closed sprint keeps what NewBurndown computes from its events
		// at the close, and that agrees with its stories as they are:
		// the done ones stayed in it.
		var added, carried int
		for _, sp := range s.Sprints {
			if sp.State != radiator.SprintClosed {
				continue
			}
			if sp.Result == nil || sp.StartedAt == nil || sp.ClosedAt == nil {
				t.Errorf("closed %s has result %v, started %v and closed %v, want all three", sp.Name, sp.Result, sp.StartedAt, sp.ClosedAt)
				continue
			}
			if want := radiator.DateOf(*sp.StartedAt); want != sp.Start || sp.StartedAt.Hour() != 10 {
				t.Errorf("%s started at %v, want the end of planning on its first day, %s", sp.Name, sp.StartedAt, sp.Start)
			}
			events, err := db.FindSprintEvents(ctx, []int64{sp.ID})
			if err != nil {
				t.Fatal(err)
			}
			b, err := radiator.NewBurndown(sp, events, *sp.ClosedAt)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Result(); got != *sp.Result {
				t.Errorf("%s of team %d: result %+v, want %+v as its burndown says", sp.Name, sp.TeamID, *sp.Result, got)
			}
			var done float64
			for _, it := range s.Items {
				if it.SprintID != nil && *it.SprintID == sp.ID {
					if it.State != radiator.StateDone {
						t.Errorf("closed %s still holds %s story %q", sp.Name, it.State, it.Title)
					}
					done += *it.Estimate
				}
			}
			r := sp.Result
			if r.Committed <= 0 || r.Completed != done || r.Committed+r.Added-r.Removed != r.Completed+r.CarriedOver {
				t.Errorf("%s of team %d: result %+v with %v points of done stories, want a commitment and sums that agree", sp.Name, sp.TeamID, *r, done)
			}
			if r.Added > 0 {
				added++
			}
			if r.CarriedOver > 0 {
				carried++
			}
		}
		if added == 0 || carried == 0 {
			t.Errorf("%d closed sprints had scope added, %d carried work over; want some of both", added, carried)
		}
	})

	t.Run("Velocity", func(t *testing.T) {
		// Velocity comes from three or more closed sprints of every team,
		// varies from sprint to sprint and from team to team, and the
		// backlog holds ready work for one and a half to three sprints of
		// it.
		means := map[float64]bool{}
		for _, tm := range s.Teams {
			sprints := teamSprints(s, tm.ID)
			v := radiator.NewVelocity(sprints, 6)
			completed := map[float64]bool{}
			for _, vs := range v.Sprints {
				completed[vs.Completed] = true
			}
			if v.Basis != radiator.VelocityWindow || v.Mean <= 0 || len(v.Sprints) < 3 || len(completed) < 3 {
				t.Errorf("team %q velocity %v from %+v, want a mean of three sprints that varies", tm.Name, v, v.Sprints)
			}
			means[v.Mean] = true
			var backlog []*radiator.BacklogItem
			for _, it := range s.Items {
				if it.Kind == radiator.KindStory && *it.TeamID == tm.ID && it.SprintID == nil {
					backlog = append(backlog, it)
				}
			}
			if n := radiator.SprintsReady(backlog, v); n < 1.5 || n > 3 {
				t.Errorf("team %q has %v sprints of ready work at %v, want 1.5 to 3", tm.Name, n, v)
			}
		}
		if len(means) < len(s.Teams)/2 {
			t.Errorf("%d different mean velocities among %d teams, want them to differ", len(means), len(s.Teams))
		}
	})

	t.Run("CurrentSprints", func(t *testing.T) {
		// The active sprint started on its first day, committed to work
		// and burns it down; the next holds the first stories lined up,
		// all ready. Some people are away in either.
		var awayNow, awayNext int
		for _, tm := range s.Teams {
			sprints := teamSprints(s, tm.ID)
			cur, next := sprints[len(sprints)-2], sprints[len(sprints)-1]
			if cur.State != radiator.SprintActive || next.State != radiator.SprintPlanned {
				t.Errorf("team %q: last sprints %s and %s, want active and planned", tm.Name, cur.State, next.State)
				continue
			}
			if cur.StartedAt == nil || radiator.DateOf(*cur.StartedAt) != cur.Start {
				t.Errorf("team %q: %s started at %v, want on %s", tm.Name, cur.Name, cur.StartedAt, cur.Start)
			}
			events, err := db.FindSprintEvents(ctx, []int64{cur.ID})
			if err != nil {
				t.Fatal(err)
			}
			b, err := radiator.NewBurndown(cur, events, today)
			if err != nil {
				t.Fatal(err)
			}
			last := b.Points[len(b.Points)-1]
			if b.Committed <= 0 || last.Done <= 0 || last.Remaining <= 0 {
				t.Errorf("team %q: %s burndown committed %v, done %v, remaining %v; want work committed, some done and some left",
					tm.Name, cur.Name, b.Committed, last.Done, last.Remaining)
			}
			lined := 0
			for _, it := range s.Items {
				if it.SprintID != nil && *it.SprintID == next.ID {
					lined++
					if it.State != radiator.StateReady {
						t.Errorf("team %q: %s story %q lined up for %s, want it ready", tm.Name, it.State, it.Title, next.Name)
					}
				}
			}
			if lined == 0 {
				t.Errorf("team %q: nothing lined up for %s", tm.Name, next.Name)
			}
			if len(cur.DaysOff) > 0 {
				awayNow++
			}
			if len(next.DaysOff) > 0 {
				awayNext++
			}
			for _, d := range append(slices.Clone(cur.DaysOff), next.DaysOff...) {
				if !slices.Contains(ix.roles[tm.ForumID][d.PersonID], radiator.RoleMember) {
					t.Errorf("team %q: days off %+v for someone not of the team", tm.Name, d)
				}
			}
		}
		if awayNow == 0 || awayNext == 0 {
			t.Errorf("%d active and %d planned sprints record days off, want some of both", awayNow, awayNext)
		}
	})

	t.Run("History", func(t *testing.T) {
		if len(s.Events) < 2000 {
			t.Fatalf("%d events, want a history of thousands", len(s.Events))
		}
		start := today.AddDate(0, -5, -1)
		days := map[radiator.Date]bool{}
		months := make([]int, 5)
		system := 0
		for i, e := range s.Events {
			if e.At.After(today) || e.At.Before(start) {
				t.Errorf("event %d at %v, want within the five months before %v", e.ID, e.At, today)
			}
			if i > 0 && e.At.Before(s.Events[i-1].At) {
				t.Errorf("event %d at %v comes after event %d at %v", e.ID, e.At, s.Events[i-1].ID, s.Events[i-1].At)
			}
			days[radiator.DateOf(e.At)] = true
			if m := int(today.Sub(e.At).Hours() / 24 / 30.5); m < len(months) {
				months[m]++
			}
			if e.ActorID == nil {
				system++
			}
		}
		for m, n := range months {
			if n < 100 {
				t.Errorf("%d events %d months before today, want a history spread over five months (%v)", n, m, months)
			}
		}
		if len(days) < 100 {
			t.Errorf("events on %d days, want most days of five months", len(days))
		}
		if system != 1 {
			t.Errorf("%d events by the system, want only the administrator's creation", system)
		}
	})

	t.Run("Moves", func(t *testing.T) {
		// Stories move through every state in their sprints, moved by
		// their team's members, and some carry over to the next sprint.
		moves := map[[2]string]int{}
		columns := map[string]int{}
		carried := 0
		for _, e := range s.Events {
			if e.EntityKind != radiator.EntityBacklogItem || e.Action != radiator.ActionUpdate {
				continue
			}
			before, after := decodeItem(t, e.Before), decodeItem(t, e.After)
			if after.Kind != radiator.KindStory {
				continue
			}
			if before.SprintID != nil && after.SprintID != nil && *before.SprintID != *after.SprintID {
				carried++
			}
			if after.Column != before.Column && after.Column != "" {
				columns[after.Column]++
			}
			if before.State == after.State {
				continue
			}
			moves[[2]string{before.State, after.State}]++
			if after.State == radiator.StateDone {
				forum := ix.teams[*after.TeamID].ForumID
				if e.ActorID == nil || !slices.Contains(ix.roles[forum][*e.ActorID], radiator.RoleMember) {
					t.Errorf("event %d: story %d done by %v %q, not a member of its team", e.ID, e.EntityID, e.ActorID, e.ActorName)
				}
				sp := ix.sprints[*after.SprintID]
				if !sp.Contains(radiator.DateOf(e.At)) {
					t.Errorf("event %d: story %d done on %s, outside its sprint %s to %s", e.ID, e.EntityID, e.At, sp.Start, sp.End)
				}
			}
		}
		for _, m := range [][2]string{
			{radiator.StateNew, radiator.StateReady},
			{radiator.StateReady, radiator.StateInProgress},
			{radiator.StateInProgress, radiator.StateDone},
		} {
			if moves[m] < 100 {
				t.Errorf("%d stories moved from %s to %s, want hundreds (%v)", moves[m], m[0], m[1], moves)
			}
		}
		if carried == 0 {
			t.Error("no story carried over to another sprint")
		}
		for _, c := range []string{"in_progress", "review", "testing", "done"} {
			if columns[c] == 0 {
				t.Errorf("no card moved to column %q (%v)", c, columns)
			}
		}
	})

	t.Run("ReleaseTier", func(t *testing.T) { checkReleaseTier(t, db, s, ix, today) })
	t.Run("Meetings", func(t *testing.T) { checkMeetings(t, s, today) })

	t.Run("NewCredentials", func(t *testing.T) {
		c, err := demo.NewCredentials(ctx, db, opts)
		if err != nil {
			t.Fatalf("NewCredentials: %v", err)
		}
		p, err := db.FindPersonByEmail(ctx, c.Email)
		if err != nil {
			t.Fatalf("FindPersonByEmail(%q): %v", c.Email, err)
		}
		s2 := s.scrumOfScrums(s.Products[0].ID)[0]
		if !slices.Contains(ix.roles[s2.ID][p.ID], radiator.RoleChiefScrumMaster) {
			t.Errorf("%s is not the Chief Scrum Master of %q", c.Email, s2.Name)
		}
		if len(c.Password) < auth.MinPasswordLength {
			t.Errorf("password %q is shorter than %d", c.Password, auth.MinPasswordLength)
		}
		hash, err := db.FindPasswordHash(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := auth.CheckPassword(hash, c.Password); err != nil {
			t.Errorf("CheckPassword(%q) = %v, want a match", c.Password, err)
		}
		tok, err := db.FindTokenByHash(ctx, auth.HashSecret(c.Token))
		if err != nil {
			t.Fatalf("FindTokenByHash: %v", err)
		}
		if tok.PersonID != p.ID || tok.Name != "demo token 2025-06-18" {
			t.Errorf("token of person %d named %q, want person %d's \"demo token 2025-06-18\"", tok.PersonID, tok.Name, p.ID)
		}
		again, err := demo.NewCredentials(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		if again.Token == c.Token || again.Password != c.Password || again.Email != c.Email {
			t.Errorf("second credentials %+v, want the same sign-in with a new token than %+v", again, c)
		}
		if _, err := demo.NewCredentials(ctx, db, demo.Options{Seed: 2, Today: today}); err == nil {
			t.Error("NewCredentials with another seed succeeded, want an error")
		}
	})

	t.Run("Exists", func(t *testing.T) {
		ok, err := demo.Exists(ctx, db)
		if err != nil || !ok {
			t.Errorf("Exists = %v, %v; want true", ok, err)
		}
		err = demo.Build(ctx, db, clock, opts)
		if code := radiator.ErrorCode(err); code != radiator.ECONFLICT {
			t.Errorf("Build into a full store = %v, want %s", err, radiator.ECONFLICT)
		}
	})
}

func TestExistsEmpty(t *testing.T) {
	db, _ := openStore(t, radiator.NewManualClock(today))
	ok, err := demo.Exists(context.Background(), db)
	if err != nil || ok {
		t.Errorf("Exists on an empty store = %v, %v; want false", ok, err)
	}
	if _, err := demo.NewCredentials(context.Background(), db, demo.Options{Seed: 1}); radiator.ErrorCode(err) != radiator.ENOTFOUND {
		t.Errorf("NewCredentials on an empty store = %v, want %s", err, radiator.ENOTFOUND)
	}
}

func TestBuildRefuses(t *testing.T) {
	tests := []struct {
		name  string
		opts  demo.Options
		field string
	}{
		{"no today", demo.Options{Seed: 1}, "today"},
		{"too few teams", demo.Options{Teams: 2, Today: today}, "teams"},
		{"negative teams", demo.Options{Teams: -1, Today: today}, "teams"},
		{"too many teams", demo.Options{Teams: demo.MaxTeams + 1, Today: today}, "teams"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := radiator.NewManualClock(today)
			db, _ := openStore(t, clock)
			err := demo.Build(context.Background(), db, clock, tt.opts)
			if radiator.ErrorCode(err) != radiator.EINVALID || radiator.ErrorField(err) != tt.field {
				t.Errorf("Build(%+v) = %v, want %s on %s", tt.opts, err, radiator.EINVALID, tt.field)
			}
			if ok, err := demo.Exists(context.Background(), db); ok || err != nil {
				t.Errorf("after a refused Build, Exists = %v, %v; want false", ok, err)
			}
		})
	}
}

// BenchmarkBuild measures a build of the default organisation and of a
// large one, with the size of the database it leaves:
//
//	go test -run '^$' -bench Build -benchtime 1x ./internal/demo/
func BenchmarkBuild(b *testing.B) {
	for _, bc := range []struct {
		name  string
		teams int
	}{{"default", 0}, {"120teams", 120}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				clock := radiator.NewManualClock(today)
				db, path := openStore(b, clock)
				if err := demo.Build(context.Background(), db, clock, demo.Options{Seed: 1, Teams: bc.teams, Today: today}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				var size int64
				for _, f := range []string{path, path + "-wal"} {
					if fi, err := os.Stat(f); err == nil {
						size += fi.Size()
					}
				}
				b.ReportMetric(float64(size)/(1<<20), "MiB")
				b.StartTimer()
			}
		})
	}
}
