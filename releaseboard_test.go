package radiator_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

// boardInput is a release board written out by hand: release 1 runs from
// 1 March to 9 April 2027, alongside hot fix 9. Backend and Apps sprint
// in step, Data two weeks from its own days.
func boardInput() radiator.ReleaseBoardInput {
	sp := func(id, team int64, name, start string) *radiator.Sprint {
		s := openSprint(id, team, start, radiator.MustDate(start).AddDays(11).String(), radiator.SprintPlanned)
		s.Name = name
		return s
	}
	fix := feature(200, "Crash fix", 1, radiator.StateInProgress)
	fix.ReleaseID = ptr(int64(9))
	ranked := func(s *radiator.BacklogItem, rank string) *radiator.BacklogItem {
		s.Rank = rank
		return s
	}
	const (
		nw   = radiator.StateNew
		prog = radiator.StateInProgress
		done = radiator.StateDone
	)
	dep := func(id, item, dependsOn int64, state string) *radiator.Dependency {
		return &radiator.Dependency{ID: id, ItemID: item, DependsOnID: dependsOn, State: state, Note: "needs it"}
	}
	return radiator.ReleaseBoardInput{
		Release:  &radiator.Release{ID: 1, Start: radiator.MustDate("2027-03-01"), Date: radiator.MustDate("2027-04-09")},
		Hotfixes: []*radiator.Release{{ID: 9, Kind: radiator.ReleaseHotfix}},
		Teams:    []*radiator.Team{{ID: 1, Name: "Backend"}, {ID: 2, Name: "Apps"}, {ID: 3, Name: "Data"}},
		Sprints: []*radiator.Sprint{
			sp(11, 1, "Sprint 6", "2027-02-15"), // ends before the release starts
			sp(12, 1, "Sprint 7", "2027-03-01"),
			sp(13, 1, "Sprint 8", "2027-03-15"),
			sp(14, 1, "Sprint 9", "2027-03-29"),
			sp(15, 1, "Sprint 10", "2027-04-12"), // after the date
			sp(21, 2, "Iteration 7", "2027-03-01"),
			sp(22, 2, "Sprint 8", "2027-03-15"),
			sp(23, 2, "Sprint 9", "2027-03-29"),
			sp(31, 3, "Data 1", "2027-03-15"),
			sp(32, 3, "Data 2", "2027-03-31"),
			sp(41, 4, "Other 1", "2027-03-03"), // a team not on the board
		},
		Features: []*radiator.BacklogItem{
			feature(100, "Search", 2, prog), feature(101, "Export", 1, nw), fix, feature(300, "Not broken down", 1, nw),
		},
		Stories: []*radiator.BacklogItem{
			ranked(story(1001, 100, 1, 12, 3, done), "b"),
			ranked(story(1002, 100, 1, 12, 5, prog), "a"),
			ranked(story(1003, 100, 2, 22, 2, nw), "c"),
			ranked(story(1004, 100, 3, 0, 1, nw), "d"),
			ranked(story(1005, 101, 1, 13, 8, nw), "e"),
			ranked(story(1006, 101, 1, 15, 3, nw), "f"), // in a sprint after the date
			ranked(story(1007, 101, 3, 32, 2, done), "g"),
			ranked(story(1008, 200, 2, 21, 1, prog), "h"),
			ranked(story(1009, 200, 1, 12, 2, nw), "i"),
			ranked(story(1010, 100, 7, 0, 5, nw), "j"),  // a team not on the board
			ranked(story(1011, 100, 0, 22, 1, nw), "k"), // no team: its sprint's
		},
		Dependencies: []*radiator.Dependency{
			dep(1, 1005, 1003, radiator.DependencyOpen),     // the same sprint: red
			dep(2, 1007, 1003, radiator.DependencyOpen),     // a later sprint: green
			dep(3, 101, 100, radiator.DependencyOpen),       // features: 101's earliest on 100's latest, unplanned: red
			dep(4, 1003, 200, radiator.DependencyOpen),      // on a hot fix planned earlier: green
			dep(5, 101, 1004, radiator.DependencyOpen),      // the same cards as 3: drawn once
			dep(6, 1002, 1003, radiator.DependencyResolved), // resolved
			dep(7, 1001, 1002, radiator.DependencyOpen),     // within a card
			dep(8, 1003, 300, radiator.DependencyOpen),      // a feature without cards
			dep(9, 1006, 1001, radiator.DependencyOpen),     // unplanned on planned: green
		},
	}
}

// boardRow is a row of the board with its cards by key.
type boardRow struct {
	Name      string
	Hotfix    bool
	SprintIDs []int64
	Cells     [][]string
	Unplanned []string
}

func boardRows(b *radiator.ReleaseBoard) []boardRow {
	keys := func(cards []*radiator.ReleaseCard) []string {
		ks := []string{}
		for _, c := range cards {
			ks = append(ks, c.Key)
		}
		return ks
	}
	var rows []boardRow
	for _, r := range b.Rows {
		row := boardRow{Name: r.Name, Hotfix: r.Hotfix, SprintIDs: r.SprintIDs, Unplanned: keys(r.Unplanned)}
		for _, cell := range r.Cells {
			row.Cells = append(row.Cells, keys(cell))
		}
		rows = append(rows, row)
	}
	return rows
}

func TestReleaseBoard(t *testing.T) {
	b := radiator.NewReleaseBoard(boardInput())
	if b.ReleaseID != 1 || b.Date != radiator.MustDate("2027-04-09") {
		t.Errorf("board of release %d up to %s, want release 1 up to 2027-04-09", b.ReleaseID, b.Date)
	}
	d := radiator.MustDate
	wantCols := []radiator.ReleaseBoardColumn{
		{Name: "1 Mar", Start: d("2027-03-01"), End: d("2027-03-12")}, // Sprint 7 and Iteration 7: no majority
		{Name: "Sprint 8", Start: d("2027-03-15"), End: d("2027-03-26")},
		{Name: "Sprint 9", Start: d("2027-03-29"), End: d("2027-04-09")},
		{Name: "Data 2", Start: d("2027-03-31"), End: d("2027-04-11")},
	}
	if diff := cmp.Diff(wantCols, b.Columns); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	wantRows := []boardRow{
		{Name: "Backend", SprintIDs: []int64{12, 13, 14, 0},
			Cells: [][]string{{"f100-t1-c0"}, {"f101-t1-c1"}, {}, {}}, Unplanned: []string{"f101-t1-u"}},
		{Name: "Apps", SprintIDs: []int64{21, 22, 23, 0},
			Cells: [][]string{{}, {"f100-t2-c1"}, {}, {}}, Unplanned: []string{}},
		{Name: "Data", SprintIDs: []int64{0, 31, 0, 32},
			Cells: [][]string{{}, {}, {}, {"f101-t3-c3"}}, Unplanned: []string{"f100-t3-u"}},
		{Name: "Hot fixes", Hotfix: true, SprintIDs: []int64{0, 0, 0, 0},
			Cells: [][]string{{"f200-t2-c0", "f200-t1-c0"}, {}, {}, {}}, Unplanned: []string{}},
	}
	if diff := cmp.Diff(wantRows, boardRows(b)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}

	five, three, two, one := 5.0, 3.0, 2.0, 1.0
	wantCards := []*radiator.ReleaseCard{
		{Key: "f100-t1-c0", FeatureID: 100, Title: "Search", ReleaseID: 1, TeamID: 1, SprintID: 12, Column: 0,
			Stories: []radiator.CardStory{
				{ID: 1002, Title: "Story", Estimate: &five, State: radiator.StateInProgress, Version: 10020},
				{ID: 1001, Title: "Story", Estimate: &three, State: radiator.StateDone, Version: 10010},
			}, Points: 8, DonePoints: 3},
		{Key: "f100-t2-c1", FeatureID: 100, Title: "Search", ReleaseID: 1, TeamID: 2, SprintID: 22, Column: 1,
			Stories: []radiator.CardStory{
				{ID: 1003, Title: "Story", Estimate: &two, State: radiator.StateNew, Version: 10030},
				{ID: 1011, Title: "Story", Estimate: &one, State: radiator.StateNew, Version: 10110},
			}, Points: 3},
		{Key: "f101-t1-u", FeatureID: 101, Title: "Export", ReleaseID: 1, TeamID: 1, Column: -1,
			Stories: []radiator.CardStory{{ID: 1006, Title: "Story", Estimate: &three, State: radiator.StateNew, Version: 10060}}, Points: 3},
		{Key: "f101-t3-c3", FeatureID: 101, Title: "Export", ReleaseID: 1, TeamID: 3, SprintID: 32, Column: 3,
			Stories: []radiator.CardStory{{ID: 1007, Title: "Story", Estimate: &two, State: radiator.StateDone, Version: 10070}},
			Points:  2, DonePoints: 2, Done: true},
		{Key: "f200-t1-c0", FeatureID: 200, Title: "Crash fix", ReleaseID: 9, TeamID: 1, SprintID: 12, Column: 0,
			Stories: []radiator.CardStory{{ID: 1009, Title: "Story", Estimate: &two, State: radiator.StateNew, Version: 10090}}, Points: 2},
	}
	for _, want := range wantCards {
		got, ok := b.CardByKey(want.Key)
		if !ok {
			t.Errorf("no card %s", want.Key)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("card %s (-want +got):\n%s", want.Key, diff)
		}
	}

	wantLines := []radiator.ReleaseBoardLine{
		{DependencyID: 1, From: "f101-t1-c1", To: "f100-t2-c1", Red: true, Note: "needs it"},
		{DependencyID: 2, From: "f101-t3-c3", To: "f100-t2-c1", Red: false, Note: "needs it"},
		{DependencyID: 3, From: "f101-t1-c1", To: "f100-t3-u", Red: true, Note: "needs it"},
		{DependencyID: 4, From: "f100-t2-c1", To: "f200-t2-c0", Red: false, Note: "needs it"},
		{DependencyID: 9, From: "f101-t1-u", To: "f100-t1-c0", Red: false, Note: "needs it"},
	}
	if diff := cmp.Diff(wantLines, b.Lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestReleaseBoardReplan re-plans the two ends of a dependency: the line
// stays green while the dependent work comes later, and turns red once it
// is planned before the work it needs. Without hot fixes there is no
// hot-fix lane.
func TestReleaseBoardReplan(t *testing.T) {
	in := boardInput()
	in.Hotfixes = nil
	in.Features = in.Features[:2]
	in.Dependencies = in.Dependencies[1:2] // 1007 in Data 2 needs 1003 in Sprint 8
	before := radiator.NewReleaseBoard(in)
	if len(before.Lines) != 1 || before.Lines[0].Red {
		t.Fatalf("lines before = %+v, want one green line", before.Lines)
	}
	if n := len(before.Rows); n != 3 || before.Rows[n-1].Hotfix {
		t.Errorf("rows without hot fixes: %+v, want the three teams", boardRows(before))
	}
	for _, s := range in.Stories {
		if s.ID == 1003 {
			s.SprintID = ptr(int64(23)) // Apps' Sprint 9, before Data 2 starts
		}
	}
	after := radiator.NewReleaseBoard(in)
	want := []radiator.ReleaseBoardLine{{DependencyID: 2, From: "f101-t3-c3", To: "f100-t2-c2", Red: false, Note: "needs it"}}
	if diff := cmp.Diff(want, after.Lines); diff != "" {
		t.Errorf("lines after the move to Sprint 9 (-want +got):\n%s", diff)
	}
	for _, s := range in.Stories {
		if s.ID == 1007 {
			s.SprintID = ptr(int64(22)) // now planned before what it needs
			s.TeamID = ptr(int64(2))
		}
	}
	after = radiator.NewReleaseBoard(in)
	want = []radiator.ReleaseBoardLine{{DependencyID: 2, From: "f101-t2-c1", To: "f100-t2-c2", Red: true, Note: "needs it"}}
	if diff := cmp.Diff(want, after.Lines); diff != "" {
		t.Errorf("lines after planning the dependent work earlier (-want +got):\n%s", diff)
	}
}

func TestReleaseBoardEmpty(t *testing.T) {
	b := radiator.NewReleaseBoard(radiator.ReleaseBoardInput{
		Release: &radiator.Release{ID: 1, Start: radiator.MustDate("2027-03-01"), Date: radiator.MustDate("2027-04-09")},
		Teams:   []*radiator.Team{{ID: 1, Name: "Backend"}},
	})
	if len(b.Columns) != 0 || len(b.Rows) != 1 || len(b.Rows[0].Cells) != 0 || b.Lines == nil || b.Columns == nil {
		t.Errorf("board without sprints = %+v, want one row, no columns and empty lists", b)
	}
}
