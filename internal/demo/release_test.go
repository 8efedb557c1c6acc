package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// productReleases returns a product's regular releases in date order, and
// its hot fixes.
func productReleases(s *snapshot, productID int64) (regular, hotfixes []*radiator.Release) {
	for _, r := range s.Releases {
		switch {
		case r.ProductID != productID:
		case r.Kind == radiator.ReleaseHotfix:
			hotfixes = append(hotfixes, r)
		default:
			regular = append(regular, r)
		}
	}
	return regular, hotfixes
}

// releaseFeatures returns the features of a release, in rank order, and
// their stories.
func releaseFeatures(s *snapshot, releaseID int64) (features, stories []*radiator.BacklogItem) {
	ids := map[int64]bool{}
	for _, it := range s.Items {
		if it.Kind == radiator.KindFeature && it.ReleaseID != nil && *it.ReleaseID == releaseID {
			features = append(features, it)
			ids[it.ID] = true
		}
	}
	for _, it := range s.Items {
		if it.Kind == radiator.KindStory && it.ParentID != nil && ids[*it.ParentID] {
			stories = append(stories, it)
		}
	}
	return features, stories
}

// checkReleaseTier checks the demo's release tier (S2): each product's
// release in progress has a baseline with changes after it, a burnup of
// features done on many days with a forecast, dependencies, a readiness
// checklist under way and a hot fix alongside; the shipped releases went
// out with their checklists done or an override; one story moved from a
// team that is behind to one with slack.
func checkReleaseTier(t *testing.T, db radiator.Store, s *snapshot, ix *index, now time.Time) {
	ctx := context.Background()
	day := radiator.DateOf(now)
	cpo := func(productID int64) []int64 {
		return ix.holders(s.scrumOfScrums(productID)[0].ID, radiator.RoleChiefProductOwner)
	}
	events := func(t *testing.T, r *radiator.Release) []*radiator.Event {
		t.Helper()
		evs, err := db.FindReleaseEvents(ctx, []int64{r.ID})
		if err != nil {
			t.Fatalf("FindReleaseEvents(%d): %v", r.ID, err)
		}
		return evs
	}

	t.Run("Baselines", func(t *testing.T) {
		moved := 0
		for _, p := range s.Products {
			regular, _ := productReleases(s, p.ID)
			for _, r := range regular {
				bs, err := db.FindBaselines(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(bs) == 0 {
					t.Errorf("release %q has no baseline", r.Name)
					continue
				}
				b := bs[0]
				if b.TakenByID == nil || !slices.Contains(cpo(p.ID), *b.TakenByID) || radiator.DateOf(b.TakenAt) != r.Start || len(b.Features) == 0 {
					t.Errorf("release %q: baseline taken by %v on %s with %d features, want one by the Chief Product Owner at the release planning on %s",
						r.Name, b.TakenByID, b.TakenAt, len(b.Features), r.Start)
				}
				if r.Phase != radiator.PhaseSprinting {
					continue
				}
				changes, err := radiator.ChangesSinceBaseline(bs[len(bs)-1], events(t, r))
				if err != nil {
					t.Fatal(err)
				}
				kinds := map[string]int{}
				for _, c := range changes {
					kinds[c.Kind]++
					if c.ActorName == "" || !c.At.After(b.TakenAt) {
						t.Errorf("release %q: change %+v, want one by someone after the baseline", r.Name, c)
					}
					if c.Kind == radiator.ChangeFeatureRemoved {
						// A late feature goes to the next release.
						if f := ix.items[c.ItemID]; f.ReleaseID == nil || *f.ReleaseID != regular[len(regular)-1].ID {
							t.Errorf("release %q: removed feature %q went to release %v, want the next one", r.Name, f.Title, f.ReleaseID)
						}
					}
				}
				for _, k := range []string{radiator.ChangeFeatureAdded, radiator.ChangeFeatureRemoved, radiator.ChangeFeatureResized} {
					if kinds[k] == 0 {
						t.Errorf("release %q: changes since the baseline %v, want some of kind %s", r.Name, kinds, k)
					}
				}
				moved += kinds[radiator.ChangeDateMoved]
			}
		}
		if moved == 0 {
			t.Error("no release in progress had its date moved")
		}
	})

	t.Run("Burnups", func(t *testing.T) {
		for _, p := range s.Products {
			regular, _ := productReleases(s, p.ID)
			burnups := make([]*radiator.Burnup, len(regular))
			var features []*radiator.BacklogItem
			for i, r := range regular {
				b, err := radiator.NewBurnup(r, events(t, r), now)
				if err != nil {
					t.Fatal(err)
				}
				burnups[i] = b
				fs, _ := releaseFeatures(s, r.ID)
				features = append(features, fs...)
				if r.Phase == radiator.PhasePlanning {
					continue
				}
				if len(b.Points) < 10 {
					t.Errorf("release %q: burnup of %d points, want ten at least", r.Name, len(b.Points))
					continue
				}
				rises := 0
				for k, pt := range b.Points {
					if pt.Done > pt.Scope {
						t.Errorf("release %q on %s: %v done of a scope of %v", r.Name, pt.Day, pt.Done, pt.Scope)
					}
					if k > 0 && pt.Done > b.Points[k-1].Done {
						rises++
					}
				}
				if rises < 3 {
					t.Errorf("release %q: features done on %d days, want many", r.Name, rises)
				}
				if r.Phase == radiator.PhaseSprinting {
					if last := b.Points[len(b.Points)-1]; last.Day != day || last.Remaining <= 0 {
						t.Errorf("release %q: burnup ends %s with %v remaining, want today with work left", r.Name, last.Day, last.Remaining)
					}
					f := radiator.NewForecast(radiator.ForecastInput{AsOf: day, Date: r.Date, Scope: b.Points[len(b.Points)-1].Scope,
						Done: b.Points[len(b.Points)-1].Done, PeriodDays: 14, Throughput: radiator.FeatureThroughput(features, day, 14, 3)})
					if f.Outcome == radiator.OutcomeNoData || f.Words == "" {
						t.Errorf("release %q: forecast %+v, want one from the product's throughput", r.Name, f)
					}
				}
			}
			pb := radiator.NewProductBurnup(p.ID, regular, burnups)
			if len(pb.Releases) != 4 {
				t.Fatalf("product %s: multi-release burnup of %d releases, want 4", p.Key, len(pb.Releases))
			}
			for i, band := range pb.Releases[:3] {
				if len(band.Points) == 0 || i > 0 && band.Base <= pb.Releases[i-1].Base {
					t.Errorf("product %s: band %q based on %v with %d points, want points above the band before", p.Key, band.Name, band.Base, len(band.Points))
				}
			}
		}
	})

	t.Run("CrossTeamFeatures", func(t *testing.T) {
		// A feature breaks down into stories for several teams.
		var features, cross int
		for _, p := range s.Products {
			regular, _ := productReleases(s, p.ID)
			for _, r := range regular {
				fs, sts := releaseFeatures(s, r.ID)
				for _, f := range fs {
					teams := map[int64]bool{}
					for _, st := range sts {
						if *st.ParentID == f.ID {
							teams[*st.TeamID] = true
						}
					}
					if len(teams) == 0 {
						continue
					}
					features++
					if len(teams) > 1 {
						cross++
					}
					if len(teams) > 3 {
						t.Errorf("feature %q has stories in %d teams, want three at most", f.Title, len(teams))
					}
				}
			}
		}
		if cross*4 < features {
			t.Errorf("%d of %d features have stories in several teams, want a quarter at least", cross, features)
		}
	})

	t.Run("FeatureAcceptance", func(t *testing.T) {
		// The Chief Product Owner accepts a feature once all its stories
		// are done.
		stories := map[int64][]*radiator.BacklogItem{}
		for _, it := range s.Items {
			if it.Kind == radiator.KindStory && it.ParentID != nil {
				stories[*it.ParentID] = append(stories[*it.ParentID], it)
			}
		}
		for _, e := range s.Events {
			if e.EntityKind != radiator.EntityBacklogItem || e.Action != radiator.ActionUpdate {
				continue
			}
			before, after := decodeItem(t, e.Before), decodeItem(t, e.After)
			if after.Kind != radiator.KindFeature || after.State != radiator.StateDone || before.State == radiator.StateDone {
				continue
			}
			f := ix.items[e.EntityID]
			if e.ActorID == nil || !slices.Contains(cpo(f.ProductID), *e.ActorID) {
				t.Errorf("feature %q accepted by %q, want the Chief Product Owner", f.Title, e.ActorName)
			}
			for _, st := range stories[f.ID] {
				if st.DoneAt == nil || st.DoneAt.After(e.At) {
					t.Errorf("feature %q accepted at %s, its story %q done at %v", f.Title, e.At, st.Title, st.DoneAt)
				}
			}
		}
	})

	t.Run("Dependencies", func(t *testing.T) {
		for _, p := range s.Products {
			deps, _, err := db.FindDependencies(ctx, radiator.DependencyFilter{ProductID: p.ID, Page: radiator.Page{Limit: radiator.MaxLimit}})
			if err != nil {
				t.Fatal(err)
			}
			var resolved, features, red int
			for _, d := range deps {
				from, to := ix.items[d.ItemID], ix.items[d.DependsOnID]
				if from.Kind == radiator.KindFeature && to.Kind == radiator.KindFeature {
					features++
				}
				if *from.TeamID == *to.TeamID {
					t.Errorf("%q depends on %q of the same team", from.Title, to.Title)
				}
				if d.State == radiator.DependencyResolved {
					resolved++
					if to.State != radiator.StateDone {
						t.Errorf("dependency of %q on %s %q resolved, want it done", from.Title, to.State, to.Title)
					}
					continue
				}
				// Red on the release board: the dependent story is
				// planned in the same sprint as the one it needs, or in
				// an earlier one, or that one is in no sprint.
				if from.Kind == radiator.KindStory && from.SprintID != nil &&
					(to.SprintID == nil || !ix.sprints[*from.SprintID].Start.After(ix.sprints[*to.SprintID].Start)) {
					red++
				}
			}
			if len(deps) < 5 || len(deps) > 10 || resolved == 0 || features == 0 || red == 0 {
				t.Errorf("product %s: %d dependencies, %d resolved, %d between features, %d planned badly; want 5 to 10 with some of each",
					p.Key, len(deps), resolved, features, red)
			}
		}
	})

	t.Run("Readiness", func(t *testing.T) {
		overridden := 0
		for _, p := range s.Products {
			s2 := s.scrumOfScrums(p.ID)[0]
			regular, hotfixes := productReleases(s, p.ID)
			for _, r := range append(regular, hotfixes...) {
				items, err := db.FindReadinessItems(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				states := map[string]int{}
				open := 0
				for _, it := range items {
					states[it.State]++
					if it.Required && it.Open() {
						open++
					}
					if it.State == radiator.ReadinessDone {
						roles := ix.roles[s2.ID][*it.OwnerID]
						if it.Evidence == "" || !slices.Contains(roles, radiator.RoleTester) && !slices.Contains(roles, radiator.RoleOperations) {
							t.Errorf("release %q: %q done by %v with evidence %q, want a tester or operations with evidence", r.Name, it.Title, roles, it.Evidence)
						}
					}
				}
				switch {
				case r.Phase == radiator.PhaseReleased && r.OverrideReason != "":
					overridden++
					if open == 0 {
						t.Errorf("release %q released with the override %q and no required item open", r.Name, r.OverrideReason)
					}
				case r.Phase == radiator.PhaseReleased && open > 0:
					t.Errorf("release %q released with %d required items open and no override", r.Name, open)
				case r.Kind == radiator.ReleaseRegular && r.Phase == radiator.PhaseSprinting:
					if states[radiator.ReadinessDone] == 0 || states[radiator.ReadinessInProgress] == 0 || states[radiator.ReadinessOpen] == 0 {
						t.Errorf("release %q: readiness items by state %v, want some done, in progress and open", r.Name, states)
					}
				}
			}
		}
		if overridden != 1 {
			t.Errorf("%d releases shipped with an override, want 1", overridden)
		}
	})

	t.Run("Hotfixes", func(t *testing.T) {
		for _, p := range s.Products {
			_, hotfixes := productReleases(s, p.ID)
			open := 0
			for _, hf := range hotfixes {
				if hf.Phase == radiator.PhaseReleased {
					continue
				}
				fs, sts := releaseFeatures(s, hf.ID)
				states := map[string]int{}
				for _, st := range sts {
					states[st.State]++
					if st.ReleaseID == nil || *st.ReleaseID != hf.ID || st.SprintID == nil || ix.sprints[*st.SprintID].State != radiator.SprintActive {
						t.Errorf("hot fix %q: story %q of release %v in sprint %v, want it in the hot fix and an active sprint", hf.Name, st.Title, st.ReleaseID, st.SprintID)
					}
				}
				if len(fs) != 1 || states[radiator.StateDone] == 0 || states[radiator.StateDone] == len(sts) {
					t.Errorf("hot fix %q: %d features with stories by state %v, want one with some done and some not", hf.Name, len(fs), states)
				}
				open++
			}
			if open != 1 {
				t.Errorf("product %s has %d hot fixes in progress, want 1", p.Key, open)
			}
		}
	})

	t.Run("Decision", func(t *testing.T) {
		var decisions []*radiator.Decision
		for _, r := range s.Releases {
			ds, err := db.FindDecisions(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			decisions = append(decisions, ds...)
		}
		if len(decisions) != 1 {
			t.Fatalf("%d decisions, want 1", len(decisions))
		}
		d := decisions[0]
		st := ix.items[d.Change.ItemID]
		if d.Change.Kind != radiator.WhatIfMoveStory || d.Reason == "" || d.ActorName == "" || *st.TeamID != d.Change.TeamID || st.SprintID != nil {
			t.Errorf("decision %+v leaves story %q in team %d and sprint %v, want a story moved with a reason", d, st.Title, *st.TeamID, st.SprintID)
		}
	})
}
