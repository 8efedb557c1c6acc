package radiator_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// itemEvent makes the event of a change of backlog item id to the given
// sprint, estimate and state at the time.
func itemEvent(id int64, when string, item, sprint int64, estimate float64, state string) *radiator.Event {
	after := map[string]any{"state": state, "estimate": estimate, "sprint_id": nil}
	if sprint != 0 {
		after["sprint_id"] = sprint
	}
	b, _ := json.Marshal(after)
	return &radiator.Event{ID: id, At: at(when), EntityKind: radiator.EntityBacklogItem, EntityID: item, Action: radiator.ActionUpdate, After: b}
}

// history is a small sprint written out by hand: sprint 7 runs from Monday
// 16 to Friday 27 November 2026 (10 working days) and starts at 09:00.
var history = []*radiator.Event{
	itemEvent(1, "2026-11-16 08:00", 1, 7, 5, radiator.StateReady),
	itemEvent(2, "2026-11-16 08:30", 2, 7, 3, radiator.StateReady),
	itemEvent(3, "2026-11-16 08:45", 3, 7, 8, radiator.StateReady),
	itemEvent(4, "2026-11-17 10:00", 1, 7, 5, radiator.StateDone),
	itemEvent(5, "2026-11-18 14:00", 4, 7, 2, radiator.StateReady),      // added mid-sprint
	itemEvent(6, "2026-11-19 09:00", 3, 7, 5, radiator.StateInProgress), // re-estimated 8 -> 5
	itemEvent(7, "2026-11-20 16:00", 2, 0, 3, radiator.StateReady),      // taken out of the sprint
	itemEvent(8, "2026-11-20 17:00", 4, 7, 2, radiator.StateDone),
	itemEvent(9, "2026-11-20 18:00", 9, 8, 13, radiator.StateReady), // another sprint
}

func sprint7() *radiator.Sprint {
	started := at("2026-11-16 09:00")
	return &radiator.Sprint{ID: 7, TeamID: 1, Name: "Sprint 7", Start: radiator.MustDate("2026-11-16"), End: radiator.MustDate("2026-11-27"), State: radiator.SprintActive, StartedAt: &started}
}

func TestBurndown(t *testing.T) {
	b, err := radiator.NewBurndown(sprint7(), history, at("2026-11-21 12:00"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Day                                           string
		Scope, Remaining, Done, Added, Removed, Ideal float64
	}
	want := []row{
		{"2026-11-16", 16, 16, 0, 0, 0, 16},   // the start: the commitment
		{"2026-11-16", 16, 16, 0, 0, 0, 14.4}, // end of Monday
		{"2026-11-17", 16, 11, 5, 0, 0, 12.8},
		{"2026-11-18", 18, 13, 5, 2, 0, 11.2},
		{"2026-11-19", 15, 10, 5, 2, 3, 9.6},
		{"2026-11-20", 12, 5, 7, 2, 6, 8},
		{"2026-11-21", 12, 5, 7, 2, 6, 8}, // Saturday noon: the ideal line rests
	}
	var got []row
	for _, p := range b.Points {
		got = append(got, row{p.Day.String(), p.Scope, p.Remaining, p.Done, p.Added, p.Removed, p.Ideal})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("burndown points (-want +got):\n%s", diff)
	}
	if b.Committed != 16 {
		t.Errorf("Committed = %v, want 16", b.Committed)
	}
	wantResult := radiator.SprintResult{Committed: 16, Added: 2, Removed: 6, Completed: 7, CarriedOver: 5}
	if got := b.Result(); got != wantResult {
		t.Errorf("Result() = %+v, want %+v", got, wantResult)
	}
	if !b.Points[len(b.Points)-1].At.Equal(at("2026-11-21 12:00")) {
		t.Errorf("last point at %v, want asOf", b.Points[len(b.Points)-1].At)
	}
}

func TestBurndownClosedAndNotStarted(t *testing.T) {
	s := sprint7()
	closed := at("2026-11-17 12:00")
	s.State, s.ClosedAt = radiator.SprintClosed, &closed
	b, err := radiator.NewBurndown(s, history, at("2026-12-24 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.Points); n != 3 {
		t.Fatalf("closed sprint has %d points, want start, end of Monday and the close", n)
	}
	if got := b.Result(); got.Completed != 5 || got.CarriedOver != 11 {
		t.Errorf("result at close = %+v, want 5 completed and 11 carried over", got)
	}
	// The close moves the unfinished work out at the very moment of the
	// close; drawn later, the burndown must still end with it remaining.
	out := func(id int64, item int64, estimate float64) *radiator.Event {
		e := itemEvent(id, "2026-11-17 12:00", item, 0, estimate, radiator.StateReady)
		e.Before = []byte(`{"sprint_id": 7, "state": "ready", "estimate": 3}`)
		return e
	}
	moves := append(append([]*radiator.Event(nil), history...), out(20, 2, 3), out(21, 3, 8))
	b, err = radiator.NewBurndown(s, moves, at("2026-12-24 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Result(); got.Removed != 0 || got.CarriedOver != 11 {
		t.Errorf("redrawn after the close's own moves: %+v, want nothing removed and 11 carried over", got)
	}

	s = sprint7()
	s.StartedAt = nil
	b, err = radiator.NewBurndown(s, history, at("2026-11-15 12:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Points) != 0 {
		t.Errorf("a sprint that has not begun has %d points, want none", len(b.Points))
	}
	b, _ = radiator.NewBurndown(s, history, at("2026-11-16 12:00"))
	if b.Committed != 0 || len(b.Points) != 2 || b.Points[1].Added != 16 {
		t.Errorf("never started: committed %v, points %+v; want 0 committed (its start is midnight) and all 16 points added", b.Committed, b.Points)
	}
}

func TestVelocity(t *testing.T) {
	var sprints []*radiator.Sprint
	for i, done := range []float64{10, 20, 30, 40} {
		start := radiator.MustDate("2026-09-07").AddDays(14 * i)
		sprints = append(sprints, &radiator.Sprint{ID: int64(i + 1), Start: start, End: start.AddDays(13), State: radiator.SprintClosed,
			Result: &radiator.SprintResult{Committed: done + 5, Completed: done}})
	}
	sprints = append(sprints, &radiator.Sprint{ID: 9, Start: radiator.MustDate("2026-11-02"), State: radiator.SprintActive})
	v := radiator.NewVelocity(sprints, 2)
	if v.Mean != 30 || v.Min != 20 || v.Max != 40 || v.Basis != 3 {
		t.Errorf("velocity = %+v, want mean 30 (20..40) over 3", v)
	}
	if len(v.Sprints) != 2 || v.Sprints[0].SprintID != 3 || v.Sprints[1].Committed != 45 {
		t.Errorf("chart sprints = %+v, want sprints 3 and 4", v.Sprints)
	}
	if got := v.String(); got != "30 points (20–40 over 3 sprints)" {
		t.Errorf("String() = %q", got)
	}
	if got := radiator.NewVelocity(nil, 5).String(); got != "no finished sprint yet" {
		t.Errorf("empty velocity = %q", got)
	}

	est := func(p float64) *float64 { return &p }
	items := []*radiator.BacklogItem{
		{State: radiator.StateReady, Estimate: est(5)},
		{State: radiator.StateReady, Estimate: est(8)},
		{State: radiator.StateReady, Estimate: est(2)},
		{State: radiator.StateNew, Estimate: est(13)},
		{State: radiator.StateReady, Estimate: est(3), SprintID: ptr(int64(9))},
		{State: radiator.StateReady},
	}
	if got := radiator.SprintsReady(items, radiator.Velocity{Mean: 10}); got != 1.5 {
		t.Errorf("SprintsReady = %v, want 1.5 (15 ready points at 10 a sprint)", got)
	}

	s := sprint7()
	s.DaysOff = []radiator.DaysOff{{PersonID: 1, Days: 2}, {PersonID: 9, Days: 3}}
	c := radiator.NewCapacity(s, []int64{1, 2, 3, 4}, v)
	want := radiator.Capacity{People: 4, WorkingDays: 10, DaysOff: 2, PersonDays: 38, Share: 0.95, Forecast: 28.5}
	if c != want {
		t.Errorf("capacity = %+v, want %+v", c, want)
	}
}

func TestCumulativeFlow(t *testing.T) {
	days, err := radiator.CumulativeFlow([]int64{7}, history, radiator.MustDate("2026-11-16"), radiator.MustDate("2026-11-19"))
	if err != nil {
		t.Fatal(err)
	}
	want := []radiator.FlowDay{
		{Day: radiator.MustDate("2026-11-16"), Counts: []int{0, 3, 0, 0}},
		{Day: radiator.MustDate("2026-11-17"), Counts: []int{0, 2, 0, 1}},
		{Day: radiator.MustDate("2026-11-18"), Counts: []int{0, 3, 0, 1}},
		{Day: radiator.MustDate("2026-11-19"), Counts: []int{0, 2, 1, 1}},
	}
	if diff := cmp.Diff(want, days); diff != "" {
		t.Errorf("flow (-want +got):\n%s", diff)
	}
}

func TestWorkingDays(t *testing.T) {
	for _, tt := range []struct {
		start, end string
		want       int
	}{
		{"2026-11-16", "2026-11-27", 10},
		{"2026-11-21", "2026-11-22", 0},
		{"2026-11-20", "2026-11-23", 2},
	} {
		if got := radiator.WorkingDays(radiator.MustDate(tt.start), radiator.MustDate(tt.end)); got != tt.want {
			t.Errorf("WorkingDays(%s, %s) = %d, want %d", tt.start, tt.end, got, tt.want)
		}
	}
}

// BenchmarkBurndown computes the burndown of a two-week sprint of 60
// stories, each planned, started and finished: 180 events.
func BenchmarkBurndown(b *testing.B) {
	var events []*radiator.Event
	id := int64(0)
	states := []string{radiator.StateReady, radiator.StateInProgress, radiator.StateDone}
	for step, state := range states {
		for item := int64(1); item <= 60; item++ {
			id++
			day := 16 + step*4 + int(item%4)
			events = append(events, itemEvent(id, fmt.Sprintf("2026-11-%02d 10:%02d", day, item%60), item, 7, float64(item%8+1), state))
		}
	}
	s := sprint7()
	s.StartedAt = nil
	asOf := at("2026-11-28 00:00")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := radiator.NewBurndown(s, events, asOf); err != nil {
			b.Fatal(err)
		}
	}
}
