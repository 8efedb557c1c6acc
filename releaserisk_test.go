package radiator_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

// feature makes a feature of release 1 with the units (noEstimate for
// none) and state.
func feature(id int64, title string, units float64, state string) *radiator.BacklogItem {
	f := &radiator.BacklogItem{ID: id, ProductID: 1, Kind: radiator.KindFeature, Title: title, State: state, ReleaseID: ptr(int64(1))}
	if units != noEstimate {
		f.Estimate = &units
	}
	return f
}

// story makes a story of the feature for the team (0 for none) in the
// sprint (0 for none) with the points (noEstimate for none) and state.
func story(id, featureID, team, sprint int64, points float64, state string) *radiator.BacklogItem {
	s := &radiator.BacklogItem{ID: id, ProductID: 1, Kind: radiator.KindStory, Title: "Story", State: state, Version: id * 10}
	if featureID != 0 {
		s.ParentID = &featureID
	}
	if team != 0 {
		s.TeamID = &team
	}
	if sprint != 0 {
		s.SprintID = &sprint
	}
	if points != noEstimate {
		s.Estimate = &points
	}
	return s
}

func TestFeatureProgress(t *testing.T) {
	const (
		nw   = radiator.StateNew
		rdy  = radiator.StateReady
		prog = radiator.StateInProgress
		done = radiator.StateDone
	)
	f1 := feature(1, "Search", 2, prog)
	f2 := feature(2, "Export", noEstimate, nw)
	f3 := feature(3, "Legacy", 1, done)
	f4 := feature(4, "Login", 3, prog)
	f5 := feature(5, "Billing", 5, done)
	notAStory := feature(40, "Sub-feature", 1, nw)
	notAStory.ParentID = ptr(int64(1))
	stories := []*radiator.BacklogItem{
		story(10, 1, 3, 7, 3, done),
		story(11, 1, 2, 0, 5, nw),
		story(12, 1, 3, 7, noEstimate, prog),
		story(13, 4, 1, 0, 2, done), // done without a sprint: not unplanned
		story(14, 5, 1, 7, 1, done),
		story(15, 5, 2, 0, 2, rdy),
		story(16, 5, 2, 8, 3, prog),
		story(17, 99, 1, 7, 8, nw), // another feature's
		notAStory,
	}
	got := radiator.NewFeatureProgress([]*radiator.BacklogItem{f2, f1, f3, f4, f5}, stories)
	want := []radiator.FeatureProgress{
		{Feature: f2, Units: 1, TeamIDs: []int64{}, Flags: []radiator.Flag{{Code: radiator.FlagNoStories, Text: "Not broken down into stories yet."}}},
		{Feature: f1, Units: 2, Stories: 3, StoriesDone: 1, Points: 8, PointsDone: 3, Unplanned: 1, TeamIDs: []int64{2, 3},
			Flags: []radiator.Flag{{Code: radiator.FlagUnplanned, Text: "1 unfinished story in no sprint."}}},
		{Feature: f3, Units: 1, TeamIDs: []int64{}, Flags: []radiator.Flag{}},
		{Feature: f4, Units: 3, Stories: 1, StoriesDone: 1, Points: 2, PointsDone: 2, TeamIDs: []int64{1},
			Flags: []radiator.Flag{{Code: radiator.FlagReadyToAccept, Text: "Every story is done: ready to accept."}}},
		{Feature: f5, Units: 5, Stories: 3, StoriesDone: 1, Points: 6, PointsDone: 1, Unplanned: 1, TeamIDs: []int64{1, 2},
			Flags: []radiator.Flag{
				{Code: radiator.FlagUnplanned, Text: "1 unfinished story in no sprint."},
				{Code: radiator.FlagReopened, Text: "Accepted, but 2 stories are not done."},
			}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewFeatureProgress (-want +got):\n%s", diff)
	}
}

// closedSprint is a finished sprint of the team that completed the points.
func closedSprint(id, team int64, start string, completed float64) *radiator.Sprint {
	s := &radiator.Sprint{ID: id, TeamID: team, Name: "Sprint", Start: radiator.MustDate(start), State: radiator.SprintClosed,
		Result: &radiator.SprintResult{Completed: completed}}
	s.End = s.Start.AddDays(11)
	return s
}

func openSprint(id, team int64, start, end, state string) *radiator.Sprint {
	return &radiator.Sprint{ID: id, TeamID: team, Name: "Sprint", Start: radiator.MustDate(start), End: radiator.MustDate(end), State: state}
}

func TestReleaseRisk(t *testing.T) {
	const (
		act  = radiator.SprintActive
		plan = radiator.SprintPlanned
		nw   = radiator.StateNew
		prog = radiator.StateInProgress
		done = radiator.StateDone
	)
	// Monday 8 March 2027, with the release on Friday 26 March: three
	// working weeks left.
	in := radiator.RiskInput{
		Release: &radiator.Release{ID: 1, Start: radiator.MustDate("2027-01-04"), Date: radiator.MustDate("2027-03-26")},
		AsOf:    radiator.MustDate("2027-03-08"),
		Teams: []*radiator.Team{
			{ID: 1, Name: "Backend"}, {ID: 2, Name: "Apps"}, {ID: 3, Name: "Data"}, {ID: 4, Name: "Platform"},
		},
		Sprints: []*radiator.Sprint{
			// Backend: velocity 30 (20, 30, 40); half its active sprint
			// left and a planned one up to the date: 1.5 sprints.
			closedSprint(11, 1, "2027-01-04", 10), closedSprint(12, 1, "2027-01-18", 20),
			closedSprint(13, 1, "2027-02-01", 30), closedSprint(14, 1, "2027-02-15", 40),
			openSprint(15, 1, "2027-03-01", "2027-03-12", act), openSprint(16, 1, "2027-03-15", "2027-03-26", plan),
			// Apps: velocity 15; half its active sprint, then no sprint
			// yet: 10 working days at its usual 10 a sprint make 1.5.
			closedSprint(21, 2, "2027-02-01", 12), closedSprint(22, 2, "2027-02-15", 18),
			openSprint(23, 2, "2027-03-01", "2027-03-12", act),
			// Data: velocity 8; a planned sprint, then one running past
			// the date, of which half counts: 1.5.
			closedSprint(31, 3, "2027-02-22", 8),
			openSprint(32, 3, "2027-03-08", "2027-03-19", plan), openSprint(33, 3, "2027-03-22", "2027-04-02", plan),
			// Platform: velocity 10 and no open sprint: 15 working days
			// at 10 a sprint.
			closedSprint(41, 4, "2027-02-22", 10),
		},
		Features: []*radiator.BacklogItem{
			feature(1, "Search", 2, prog),
			feature(2, "Export", 1, nw),
			feature(3, "Legacy", 3, done), // accepted, with a re-opened story
			feature(4, "Login", noEstimate, nw),
			feature(5, "Billing", 2, nw),
		},
		Stories: []*radiator.BacklogItem{
			story(101, 1, 1, 15, 20, prog),
			story(102, 1, 2, 23, 10, nw),
			story(103, 1, 3, 32, 5, done),
			story(201, 2, 1, 16, 20, nw),
			story(202, 2, 2, 0, 15, nw), // Apps: 25 of 22.5
			story(301, 3, 1, 16, 10, prog),
			story(401, 4, 3, 32, noEstimate, nw), // no estimate: no points
			story(402, 4, 9, 0, 8, nw),           // a team outside the product
			story(403, 4, 0, 0, 8, nw),           // no team
			story(501, 5, 1, 16, 3, nw),          // Backend: 53 of 45
			story(502, 5, 3, 33, 13, nw),         // Data: 13 of 12
			story(503, 5, 4, 0, 0, nw),           // Platform: no points
		},
	}
	got := radiator.NewReleaseRisk(in)
	want := &radiator.ReleaseRisk{
		Teams: []radiator.TeamLoad{
			{TeamID: 1, Name: "Backend", Velocity: 30, Sprints: 1.5, Capacity: 45, Load: 53, Slack: -8},
			{TeamID: 2, Name: "Apps", Velocity: 15, Sprints: 1.5, Capacity: 22.5, Load: 25, Slack: -2.5},
			{TeamID: 3, Name: "Data", Velocity: 8, Sprints: 1.5, Capacity: 12, Load: 13, Slack: -1},
			{TeamID: 4, Name: "Platform", Velocity: 10, Sprints: 1.5, Capacity: 15, Load: 0, Slack: 15},
		},
		AtRisk: []radiator.FeatureRisk{
			{FeatureID: 2, Title: "Export", Units: 1, TeamIDs: []int64{2}, Short: 2.5},
			{FeatureID: 5, Title: "Billing", Units: 2, TeamIDs: []int64{1, 3}, Short: 4}, // 3 of Backend, 1 of Data
		},
		Scope:    9,
		FitUnits: 6,
		Words:    "At the teams' velocities, 6 of 9 feature units fit by 26 Mar 2027; 2 features at risk.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewReleaseRisk (-want +got):\n%s", diff)
	}
}

func TestReleaseRiskSprintsLeft(t *testing.T) {
	tests := []struct {
		name    string
		asOf    string
		sprints []*radiator.Sprint
		want    float64
	}{
		{"no sprints: the usual two weeks", "2027-03-08", nil, 1.5},
		{"active sprint on its last day", "2027-03-12", []*radiator.Sprint{openSprint(1, 1, "2027-03-01", "2027-03-12", radiator.SprintActive),
			openSprint(2, 1, "2027-03-15", "2027-03-26", radiator.SprintPlanned)}, 1.1},
		{"one-week sprints", "2027-03-08", []*radiator.Sprint{openSprint(1, 1, "2027-03-08", "2027-03-12", radiator.SprintActive)}, 3},
		{"active sprint past the date", "2027-03-22", []*radiator.Sprint{openSprint(1, 1, "2027-03-15", "2027-03-30", radiator.SprintActive)}, 0.42},
		{"after the date", "2027-03-29", []*radiator.Sprint{openSprint(1, 1, "2027-03-15", "2027-03-26", radiator.SprintActive)}, 0},
		{"a sprint closed early leaves its days open", "2027-03-08", []*radiator.Sprint{openSprint(1, 1, "2027-03-08", "2027-03-19", radiator.SprintClosed)}, 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := radiator.RiskInput{
				Release: &radiator.Release{ID: 1, Date: radiator.MustDate("2027-03-26")},
				AsOf:    radiator.MustDate(tt.asOf),
				Teams:   []*radiator.Team{{ID: 1, Name: "Backend"}},
				Sprints: tt.sprints,
			}
			if got := radiator.NewReleaseRisk(in).Teams[0].Sprints; got != tt.want {
				t.Errorf("Sprints = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestApplyWhatIf(t *testing.T) {
	items := func() ([]*radiator.BacklogItem, []*radiator.BacklogItem) {
		return []*radiator.BacklogItem{feature(1, "Search", 2, radiator.StateInProgress), feature(2, "Export", 1, radiator.StateNew)},
			[]*radiator.BacklogItem{
				story(10, 1, 1, 5, 3, radiator.StateInProgress),
				story(11, 1, 1, 5, 2, radiator.StateDone),
				story(12, 2, 2, 6, 5, radiator.StateNew),
			}
	}
	moved := func(it *radiator.BacklogItem, team int64) *radiator.BacklogItem {
		it.TeamID, it.SprintID = &team, nil
		return it
	}
	tests := []struct {
		name     string
		w        radiator.WhatIf
		features func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem
		stories  func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem
		field    string // of the error; "" for none
	}{
		{
			name:     "move a story",
			w:        radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: 12, TeamID: 3},
			features: func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem { return f },
			stories: func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem {
				return []*radiator.BacklogItem{s[0], s[1], moved(s[2], 3)}
			},
		},
		{
			name: "move a feature: its unfinished stories go along",
			w:    radiator.WhatIf{Kind: radiator.WhatIfMoveFeature, ItemID: 1, TeamID: 3},
			features: func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem {
				f[0].TeamID = ptr(int64(3))
				return f
			},
			stories: func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem {
				return []*radiator.BacklogItem{moved(s[0], 3), s[1], s[2]}
			},
		},
		{
			name:     "cut a feature",
			w:        radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: 2},
			features: func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem { return f[:1] },
			stories:  func(f, s []*radiator.BacklogItem) []*radiator.BacklogItem { return s[:2] },
		},
		{name: "move a feature as a story", w: radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: 1, TeamID: 3}, field: "item_id"},
		{name: "move a story as a feature", w: radiator.WhatIf{Kind: radiator.WhatIfMoveFeature, ItemID: 10, TeamID: 3}, field: "item_id"},
		{name: "cut a feature not in the release", w: radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: 99}, field: "item_id"},
		{name: "a move without a team", w: radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: 12}, field: "team_id"},
		{name: "an unknown kind", w: radiator.WhatIf{Kind: "merge", ItemID: 12}, field: "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			features, stories := items()
			gotF, gotS, err := radiator.ApplyWhatIf(tt.w, features, stories)
			if tt.field != "" {
				var e *radiator.Error
				if !errors.As(err, &e) || e.Code != radiator.EINVALID || e.Field != tt.field {
					t.Fatalf("ApplyWhatIf(%+v) error = %v, want invalid %s", tt.w, err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			inF, inS := items()
			if diff := cmp.Diff(inF, features); diff != "" {
				t.Errorf("ApplyWhatIf changed the features it was given (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(inS, stories); diff != "" {
				t.Errorf("ApplyWhatIf changed the stories it was given (-before +after):\n%s", diff)
			}
			wantF, wantS := items()
			if diff := cmp.Diff(tt.features(wantF, wantS), gotF); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.stories(wantF, wantS), gotS); diff != "" {
				t.Errorf("stories (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHotfixLoad(t *testing.T) {
	hotfix := &radiator.Release{ID: 9, Name: "2.1.1", Kind: radiator.ReleaseHotfix}
	teams := []*radiator.Team{{ID: 1, Name: "Backend"}, {ID: 2, Name: "Apps"}}
	sp := func(id, team int64, name, start string) *radiator.Sprint {
		s := openSprint(id, team, start, radiator.MustDate(start).AddDays(11).String(), radiator.SprintActive)
		s.Name = name
		return s
	}
	sprints := []*radiator.Sprint{
		sp(7, 1, "Sprint 6", "2027-03-15"), sp(5, 1, "Sprint 5", "2027-03-01"),
		sp(6, 2, "Sprint 5", "2027-03-01"), sp(8, 2, "Sprint 6", "2027-03-15"),
		sp(9, 3, "Sprint 5", "2027-03-01"), // another product's team
	}
	fix := feature(20, "Crash on login", 1, radiator.StateInProgress)
	fix.ReleaseID = ptr(int64(9))
	features := []*radiator.BacklogItem{fix, feature(21, "Search", 2, radiator.StateInProgress)}
	ownRelease := story(3, 0, 2, 6, 2, radiator.StateNew)
	ownRelease.ReleaseID = ptr(int64(9))
	stories := []*radiator.BacklogItem{
		story(1, 20, 1, 5, 3, radiator.StateDone),
		story(2, 21, 1, 5, 5, radiator.StateNew),
		ownRelease, // a hot-fix story by its own release
		story(4, 21, 2, 6, 6, radiator.StateNew),
		story(5, 20, 1, 7, noEstimate, radiator.StateNew), // hot-fix work without points
		story(6, 21, 1, 7, 4, radiator.StateNew),
		story(7, 21, 2, 8, 8, radiator.StateNew), // a sprint without hot fixes
		story(8, 20, 1, 0, 5, radiator.StateNew), // in no sprint
		story(9, 20, 3, 9, 5, radiator.StateNew), // outside the teams
	}
	got := radiator.NewHotfixLoad([]*radiator.Release{hotfix}, teams, sprints, features, stories)
	want := []radiator.HotfixLoad{
		{TeamID: 2, SprintID: 6, Team: "Apps", Sprint: "Sprint 5", Points: 2, Total: 8, Share: 0.25},
		{TeamID: 1, SprintID: 5, Team: "Backend", Sprint: "Sprint 5", Points: 3, Total: 8, Share: 0.38},
		{TeamID: 1, SprintID: 7, Team: "Backend", Sprint: "Sprint 6", Points: 0, Total: 4, Share: 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewHotfixLoad (-want +got):\n%s", diff)
	}
	if got := radiator.NewHotfixLoad(nil, teams, sprints, features, stories); got == nil || len(got) != 0 {
		t.Errorf("NewHotfixLoad without hot fixes = %v, want an empty list", got)
	}
}
