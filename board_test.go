package radiator_test

import (
	"testing"

	"github.com/radiator-hq/radiator"
)

func TestTeamBoardValidate(t *testing.T) {
	team := func(mod func(t *radiator.Team)) radiator.Team {
		tm := radiator.Team{ProductID: 1, Name: "Falcon"}
		mod(&tm)
		return tm
	}
	review := radiator.BoardColumn{Key: "review", Name: "In review", State: radiator.StateInProgress, WIPLimit: 3}
	tests := []struct {
		name  string
		team  radiator.Team
		field string
	}{
		{"defaults", team(func(*radiator.Team) {}), ""},
		{"extra column", team(func(t *radiator.Team) { t.Columns = append(radiator.DefaultColumns(), review) }), ""},
		{"bad key", team(func(t *radiator.Team) {
			t.Columns = []radiator.BoardColumn{{Key: "To Do", Name: "x", State: radiator.StateReady}}
		}), "columns"},
		{"twice", team(func(t *radiator.Team) { t.Columns = append(radiator.DefaultColumns(), radiator.DefaultColumns()[0]) }), "columns"},
		{"no done column", team(func(t *radiator.Team) { t.Columns = radiator.DefaultColumns()[:2] }), "columns"},
		{"new state column", team(func(t *radiator.Team) {
			t.Columns = append(radiator.DefaultColumns(), radiator.BoardColumn{Key: "inbox", Name: "Inbox", State: radiator.StateNew})
		}), "columns"},
		{"negative limit", team(func(t *radiator.Team) { c := review; c.WIPLimit = -1; t.Columns = append(radiator.DefaultColumns(), c) }), "columns"},
		{"falling scale", team(func(t *radiator.Team) { t.EstimateScale = []float64{1, 3, 2} }), "estimate_scale"},
		{"dor twice", team(func(t *radiator.Team) { t.DefinitionOfReady = []string{"a", "a"} }), "definition_of_ready"},
		{"dor empty entry", team(func(t *radiator.Team) { t.DefinitionOfReady = []string{""} }), "definition_of_ready"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.team.Validate(), tt.field) })
	}
}

func TestTeamCheckChange(t *testing.T) {
	review := radiator.BoardColumn{Key: "review", Name: "In review", State: radiator.StateInProgress}
	tm := &radiator.Team{ID: 1, Name: "Falcon", Columns: append(radiator.DefaultColumns(), review), DefinitionOfReady: []string{"Small enough"}}
	open := &radiator.Sprint{ID: 5, Name: "Sprint 5", State: radiator.SprintActive}
	closed := &radiator.Sprint{ID: 4, Name: "Sprint 4", State: radiator.SprintClosed}
	est := func(p float64) *float64 { return &p }
	story := func(mod func(it *radiator.BacklogItem)) *radiator.BacklogItem {
		it := &radiator.BacklogItem{Kind: radiator.KindStory, Title: "x", State: radiator.StateReady, Estimate: est(3), AcceptanceCriteria: "works", ReadyChecks: []string{"Small enough"}, SprintID: ptr(int64(5))}
		if mod != nil {
			mod(it)
		}
		return it
	}
	tests := []struct {
		name      string
		old, it   *radiator.BacklogItem
		sprint    *radiator.Sprint
		field     string
		wantState string
	}{
		{"move to review", story(nil), story(func(it *radiator.BacklogItem) { it.Column = "review" }), open, "", radiator.StateInProgress},
		{"move to done", story(nil), story(func(it *radiator.BacklogItem) { it.Column = "done" }), open, "", radiator.StateDone},
		{"no such column", story(nil), story(func(it *radiator.BacklogItem) { it.Column = "qa" }), open, "column", ""},
		{"estimate off scale", story(nil), story(func(it *radiator.BacklogItem) { it.Estimate = est(4) }), open, "estimate", ""},
		{"unchanged estimate off scale is kept", story(func(it *radiator.BacklogItem) { it.Estimate = est(4) }), story(func(it *radiator.BacklogItem) { it.Estimate = est(4); it.Title = "y" }), open, "", radiator.StateReady},
		{"ready when refined", story(func(it *radiator.BacklogItem) { it.State = radiator.StateNew }), story(nil), nil, "", radiator.StateReady},
		{"not ready without criteria", story(func(it *radiator.BacklogItem) { it.State = radiator.StateNew }), story(func(it *radiator.BacklogItem) { it.AcceptanceCriteria = "" }), nil, "state", ""},
		{"not ready unchecked", story(func(it *radiator.BacklogItem) { it.State = radiator.StateNew }), story(func(it *radiator.BacklogItem) { it.ReadyChecks = nil }), nil, "state", ""},
		{"into a closed sprint", story(func(it *radiator.BacklogItem) { it.SprintID = nil }), story(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(4)) }), closed, "sprint_id", ""},
		{"card of a closed sprint", story(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(4)) }), story(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(4)); it.Column = "done" }), closed, "sprint_id", ""},
		{"retitle in a closed sprint", story(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(4)) }), story(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(4)); it.Title = "better" }), closed, "", radiator.StateReady},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkField(t, tm.CheckChange(tt.old, tt.it, tt.sprint), tt.field)
			if tt.field == "" && tt.it.State != tt.wantState {
				t.Errorf("state = %q, want %q", tt.it.State, tt.wantState)
			}
		})
	}
	if c := tm.ColumnOf(story(func(it *radiator.BacklogItem) { it.State = radiator.StateInProgress; it.Column = "review" })); c.Key != "review" {
		t.Errorf("ColumnOf a card moved to review = %q", c.Key)
	}
	if c := tm.ColumnOf(story(func(it *radiator.BacklogItem) { it.State = radiator.StateDone; it.Column = "review" })); c.Key != "done" {
		t.Errorf("ColumnOf a done card last moved to review = %q, want done", c.Key)
	}
	if c := tm.ColumnOf(story(func(it *radiator.BacklogItem) { it.State = radiator.StateNew })); c.Key != "todo" {
		t.Errorf("ColumnOf a new card = %q, want the first column", c.Key)
	}
}

func TestBacklogMoveValidate(t *testing.T) {
	tests := []struct {
		name  string
		m     radiator.BacklogMove
		field string
	}{
		{"before", radiator.BacklogMove{Version: 1, Before: 3}, ""},
		{"top", radiator.BacklogMove{Version: 1, Position: "top"}, ""},
		{"none", radiator.BacklogMove{Version: 1}, "before"},
		{"two", radiator.BacklogMove{Version: 1, Before: 3, After: 4}, "before"},
		{"itself", radiator.BacklogMove{Version: 1, After: 9}, "before"},
		{"middle", radiator.BacklogMove{Version: 1, Position: "middle"}, "position"},
		{"no version", radiator.BacklogMove{Before: 3}, "version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.m.Validate(9), tt.field) })
	}
	checkField(t, radiator.SprintClose{Version: 1, Unfinished: "backlog"}.Validate(), "")
	checkField(t, radiator.SprintClose{Version: 1, Unfinished: "trash"}.Validate(), "unfinished")
	checkField(t, radiator.SprintClose{Version: 1, Unfinished: "backlog", NextSprintID: ptr(int64(3))}.Validate(), "next_sprint_id")
}

func TestSprintUpdateStates(t *testing.T) {
	now := at("2026-11-16 09:00")
	s := &radiator.Sprint{TeamID: 1, Name: "S", Start: radiator.MustDate("2026-11-16"), End: radiator.MustDate("2026-11-27"), State: radiator.SprintPlanned}
	if err := (radiator.SprintUpdate{Version: 1, State: ptr(radiator.SprintActive)}).Apply(s, now); err != nil {
		t.Fatal(err)
	}
	if s.StartedAt == nil || !s.StartedAt.Equal(now) {
		t.Errorf("StartedAt = %v, want %v", s.StartedAt, now)
	}
	checkField(t, radiator.SprintUpdate{Version: 2, State: ptr(radiator.SprintClosed)}.Apply(s, now), "state")
	checkField(t, radiator.SprintUpdate{Version: 2, DaysOff: &[]radiator.DaysOff{{PersonID: 1, Days: 11}}}.Apply(s, now), "days_off")
	checkField(t, radiator.SprintUpdate{Version: 2, DaysOff: &[]radiator.DaysOff{{PersonID: 1, Days: 0.3}}}.Apply(s, now), "days_off")
	checkField(t, radiator.SprintUpdate{Version: 2, DaysOff: &[]radiator.DaysOff{{PersonID: 1, Days: 1.5}, {PersonID: 2, Days: 10}}}.Apply(s, now), "")
}

func TestItemLabels(t *testing.T) {
	it := radiator.BacklogItem{ProductID: 1, Kind: radiator.KindStory, Title: "x", State: radiator.StateNew}
	for labels, field := range map[string]string{"ok": "", "a,b": "labels", "": "labels"} {
		it.Labels = []string{labels}
		checkField(t, it.Validate(), field)
	}
	it.Labels = []string{"api", "api"}
	checkField(t, it.Validate(), "labels")
	it.Labels, it.BlockedReason = nil, "waiting"
	checkField(t, it.Validate(), "blocked_reason")
}
