package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// day returns a moment of March 2025, the month of the sprint tests.
func day(d, hour int) time.Time { return time.Date(2025, 3, d, hour, 0, 0, 0, time.UTC) }

// testCloseSprint closes a sprint with a small history whose result is
// counted by hand, sending unfinished work to the top of the backlog.
func testCloseSprint(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	team := e.team(t, "Inbox", mail.ID, nil)
	other := e.team(t, "Outbox", mail.ID, nil)
	s := e.sprint(t, team.ID, "Inbox 1", "2025-03-03", "2025-03-14", radiator.SprintPlanned)
	ready := func(points float64) []func(*radiator.BacklogItem) {
		return []func(*radiator.BacklogItem){withTeam(team.ID), withSprint(s.ID), withState(radiator.StateReady),
			withEstimate(points), withCriteria("Works.")}
	}
	// Committed at the start: A 5, B 3, C 8 and E 1, 17 points.
	a := e.item(t, mail.ID, radiator.KindStory, "A", ready(5)...)
	b := e.item(t, mail.ID, radiator.KindStory, "B", ready(3)...)
	c := e.item(t, mail.ID, radiator.KindStory, "C", ready(8)...)
	x := e.item(t, mail.ID, radiator.KindStory, "E", ready(1)...)
	backlog := e.item(t, mail.ID, radiator.KindStory, "Backlog", withTeam(team.ID))
	elsewhere := e.item(t, mail.ID, radiator.KindStory, "Elsewhere", withTeam(other.ID))

	update := func(when time.Time, it *radiator.BacklogItem, upd radiator.BacklogItemUpdate) *radiator.BacklogItem {
		t.Helper()
		e.clock.Set(when)
		cur, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		upd.Version = cur.Version
		up, err := e.store.UpdateBacklogItem(e.ctx, it.ID, upd)
		must(t, "UpdateBacklogItem "+it.Title, err)
		return up
	}
	e.clock.Set(day(3, 10))
	s, err := e.store.UpdateSprint(e.ctx, s.ID, radiator.SprintUpdate{Version: 1, State: ptr(radiator.SprintActive)})
	must(t, "start the sprint", err)
	update(day(4, 11), c, radiator.BacklogItemUpdate{Column: ptr("in_progress")})
	update(day(5, 10), a, radiator.BacklogItemUpdate{Column: ptr("done")})
	update(day(6, 10), x, radiator.BacklogItemUpdate{SprintID: radiator.SetNull[int64]()}) // removed: 1
	e.clock.Set(day(6, 11))
	d := e.item(t, mail.ID, radiator.KindStory, "D", ready(2)...) // added: 2

	refusals := []refusalOf[*radiator.Sprint]{
		{name: "stale version", code: radiator.ECONFLICT, field: "*", write: func(e *env, s *radiator.Sprint) error {
			_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToBacklog})
			return err
		}},
		{name: "no version", code: radiator.EINVALID, field: "version", write: func(e *env, s *radiator.Sprint) error {
			_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Unfinished: radiator.UnfinishedToBacklog})
			return err
		}},
		{name: "missing sprint", code: radiator.ENOTFOUND, field: "", write: func(e *env, s *radiator.Sprint) error {
			_, err := e.store.CloseSprint(e.ctx, missing, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToBacklog})
			return err
		}},
		{name: "unknown place for unfinished work", code: radiator.EINVALID, field: "unfinished", write: func(e *env, s *radiator.Sprint) error {
			_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: "later"})
			return err
		}},
		{name: "next sprint while sending to the backlog", code: radiator.EINVALID, field: "next_sprint_id",
			write: func(e *env, s *radiator.Sprint) error {
				_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: radiator.UnfinishedToBacklog,
					NextSprintID: &s.ID})
				return err
			}},
		{name: "to the next sprint without one", code: radiator.EINVALID, field: "unfinished", write: func(e *env, s *radiator.Sprint) error {
			_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: radiator.UnfinishedToNext})
			return err
		}},
	}
	runRefusals(t, e, s, refusals)

	closeAt := day(10, 12)
	e.clock.Set(closeAt)
	mark := e.mark(t)
	closed, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: radiator.UnfinishedToBacklog})
	must(t, "CloseSprint", err)
	want := *s
	want.State, want.ClosedAt, want.Version, want.UpdatedAt = radiator.SprintClosed, &closeAt, s.Version+1, closeAt
	want.Result = &radiator.SprintResult{Committed: 17, Added: 2, Removed: 1, Completed: 5, CarriedOver: 13}
	same(t, "closed sprint", closed, &want)
	got, err := e.store.FindSprintByID(e.ctx, s.ID)
	must(t, "FindSprintByID", err)
	same(t, "closed sprint found", got, closed)
	if got.StartedAt == nil || !got.StartedAt.Equal(day(3, 10)) {
		t.Errorf("StartedAt = %v, want %v", got.StartedAt, day(3, 10))
	}

	// Unfinished work goes to the top of the product's backlog, in its
	// order, out of the sprint and off the board, keeping its state.
	evs := e.wantEvents(t, mark, closeAt, eventKey{radiator.EntitySprint, s.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, b.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, c.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, d.ID, radiator.ActionUpdate})
	same(t, "close event after", findEvent(t, evs, eventKey{radiator.EntitySprint, s.ID, radiator.ActionUpdate}).After, closed)
	wantStates := map[int64]string{b.ID: radiator.StateReady, c.ID: radiator.StateInProgress, d.ID: radiator.StateReady}
	for _, id := range []int64{b.ID, c.ID, d.ID} {
		it, err := e.store.FindBacklogItemByID(e.ctx, id)
		must(t, "FindBacklogItemByID", err)
		if it.SprintID != nil || it.Column != "" || it.State != wantStates[id] || !it.UpdatedAt.Equal(closeAt) {
			t.Errorf("unfinished %q after close: sprint %v, column %q, state %q, updated %v; want no sprint, no column, state %q, updated %v",
				it.Title, it.SprintID, it.Column, it.State, it.UpdatedAt, wantStates[id], closeAt)
		}
		same(t, "unfinished item event", findEvent(t, evs, eventKey{radiator.EntityBacklogItem, id, radiator.ActionUpdate}).After, it)
	}
	e.checkRanks(t, mail.ID, idsOf(b, c, d, a, x, backlog, elsewhere))
	teamBacklog, _, err := e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{TeamID: team.ID, Backlog: true})
	must(t, "FindBacklogItems", err)
	if ids, want := idsOf(teamBacklog...), idsOf(b, c, d, x, backlog); !slices.Equal(ids, want) {
		t.Errorf("team backlog after close = %v, want %v", ids, want)
	}
	done, err := e.store.FindBacklogItemByID(e.ctx, a.ID)
	must(t, "FindBacklogItemByID", err)
	if done.SprintID == nil || *done.SprintID != s.ID || done.Version != 2 {
		t.Errorf("done item after close: sprint %v, version %d; want it left in sprint %d at version 2", done.SprintID, done.Version, s.ID)
	}

	// The sprint's result is what its burndown says at the close.
	sevs, err := e.store.FindSprintEvents(e.ctx, []int64{s.ID})
	must(t, "FindSprintEvents", err)
	var before []*radiator.Event
	for _, ev := range sevs {
		if ev.At.Before(closeAt) {
			before = append(before, ev)
		}
	}
	bd, err := radiator.NewBurndown(got, before, closeAt.Add(time.Hour))
	must(t, "NewBurndown", err)
	same(t, "burndown result", bd.Result(), got.Result)

	e.tick()
	_, err = e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: closed.Version, Unfinished: radiator.UnfinishedToBacklog})
	wantError(t, "close a closed sprint", err, radiator.EINVALID, "state")
}

// nextFixture is a team with a sprint in each state, and another team.
type nextFixture struct {
	old, current, next, later, otherTeams *radiator.Sprint
	done, doing, todo                     *radiator.BacklogItem
}

func testCloseSprintToNext(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	team := e.team(t, "Inbox", mail.ID, nil)
	other := e.team(t, "Outbox", mail.ID, nil)
	f := &nextFixture{}
	f.old = e.sprint(t, team.ID, "Inbox 0", "2025-02-17", "2025-02-28", radiator.SprintClosed)
	f.current = e.sprint(t, team.ID, "Inbox 1", "2025-03-03", "2025-03-14", radiator.SprintActive)
	f.later = e.sprint(t, team.ID, "Inbox 3", "2025-03-31", "2025-04-11", radiator.SprintPlanned)
	f.next = e.sprint(t, team.ID, "Inbox 2", "2025-03-17", "2025-03-28", radiator.SprintPlanned)
	f.otherTeams = e.sprint(t, other.ID, "Outbox 2", "2025-03-17", "2025-03-28", radiator.SprintPlanned)
	in := func(s int64, opts ...func(*radiator.BacklogItem)) []func(*radiator.BacklogItem) {
		return append([]func(*radiator.BacklogItem){withTeam(team.ID), withSprint(s), withEstimate(3), withCriteria("Works.")}, opts...)
	}
	f.done = e.item(t, mail.ID, radiator.KindStory, "Done", in(f.current.ID, withColumn("done"))...)
	f.doing = e.item(t, mail.ID, radiator.KindStory, "Doing", in(f.current.ID, withColumn("in_progress"))...)
	f.todo = e.item(t, mail.ID, radiator.KindStory, "To do", in(f.current.ID, withColumn("todo"))...)

	closeTo := func(e *env, s *radiator.Sprint, next *int64) error {
		_, err := e.store.CloseSprint(e.ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: radiator.UnfinishedToNext, NextSprintID: next})
		return err
	}
	inv := radiator.EINVALID
	refusals := []refusalOf[*nextFixture]{
		{name: "next of another team", code: inv, field: "next_sprint_id", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.current, &f.otherTeams.ID)
		}},
		{name: "next closed", code: inv, field: "next_sprint_id", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.current, &f.old.ID)
		}},
		{name: "next is itself", code: inv, field: "next_sprint_id", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.current, &f.current.ID)
		}},
		{name: "next missing", code: inv, field: "next_sprint_id", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.current, ptr(missing))
		}},
		{name: "no sprint after the last", code: inv, field: "unfinished", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.later, nil)
		}},
		{name: "close a closed sprint", code: inv, field: "state", write: func(e *env, f *nextFixture) error {
			return closeTo(e, f.old, nil)
		}},
	}
	runRefusals(t, e, f, refusals)

	// By default the team's first sprint after this one takes the work.
	mark := e.mark(t)
	at := e.tick()
	closed, err := e.store.CloseSprint(e.ctx, f.current.ID, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToNext})
	must(t, "CloseSprint to the next sprint", err)
	if closed.State != radiator.SprintClosed || closed.Result == nil || closed.Result.Completed != 3 || closed.Result.CarriedOver != 6 {
		t.Fatalf("closed sprint = %+v, result %+v; want closed with 3 points completed and 6 carried over", closed, closed.Result)
	}
	e.wantEvents(t, mark, at, eventKey{radiator.EntitySprint, f.current.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, f.doing.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, f.todo.ID, radiator.ActionUpdate})
	for _, it := range []*radiator.BacklogItem{f.doing, f.todo} {
		got, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		want := *it
		want.SprintID, want.Column, want.Version, want.UpdatedAt = &f.next.ID, "", 2, at
		same(t, "unfinished item moved on", got, &want)
	}

	// A named sprint takes it, and a planned sprint may close.
	mark = e.mark(t)
	at = e.tick()
	_, err = e.store.CloseSprint(e.ctx, f.next.ID, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToNext,
		NextSprintID: &f.later.ID})
	must(t, "CloseSprint to a named sprint", err)
	e.wantEvents(t, mark, at, eventKey{radiator.EntitySprint, f.next.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, f.doing.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, f.todo.ID, radiator.ActionUpdate})
	items, _, err := e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{SprintID: f.later.ID})
	must(t, "FindBacklogItems", err)
	if ids, want := idsOf(items...), idsOf(f.doing, f.todo); !slices.Equal(ids, want) {
		t.Fatalf("items of the later sprint = %v, want %v", ids, want)
	}
}

// testSprintEvents checks that FindSprintEvents returns exactly the item
// events that have one of the sprints before or after them.
func testSprintEvents(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	team := e.team(t, "Inbox", mail.ID, nil)
	s1 := e.sprint(t, team.ID, "Inbox 1", "2025-03-03", "2025-03-14", radiator.SprintActive)
	s2 := e.sprint(t, team.ID, "Inbox 2", "2025-03-17", "2025-03-28", radiator.SprintPlanned)
	last := func() int64 { t.Helper(); return e.mark(t) }
	update := func(it *radiator.BacklogItem, upd radiator.BacklogItemUpdate) int64 {
		t.Helper()
		cur, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		upd.Version = cur.Version
		e.tick()
		_, err = e.store.UpdateBacklogItem(e.ctx, it.ID, upd)
		must(t, "UpdateBacklogItem", err)
		return last()
	}

	i1 := e.item(t, mail.ID, radiator.KindStory, "in s1", withTeam(team.ID), withSprint(s1.ID))
	e1 := last()
	i2 := e.item(t, mail.ID, radiator.KindStory, "planned later", withTeam(team.ID))
	e3 := update(i2, radiator.BacklogItemUpdate{SprintID: radiator.SetTo(s1.ID)})
	i4 := e.item(t, mail.ID, radiator.KindStory, "never planned", withTeam(team.ID))
	update(i4, radiator.BacklogItemUpdate{Title: ptr("still never planned")})
	e6 := update(i2, radiator.BacklogItemUpdate{SprintID: radiator.SetTo(s2.ID)})
	i3 := e.item(t, mail.ID, radiator.KindStory, "in s2", withTeam(team.ID), withSprint(s2.ID))
	e7 := last()
	e8 := update(i3, radiator.BacklogItemUpdate{SprintID: radiator.SetNull[int64]()})
	i5 := e.item(t, mail.ID, radiator.KindStory, "deleted", withTeam(team.ID), withSprint(s1.ID))
	e9 := last()
	e.tick()
	must(t, "DeleteBacklogItem", e.store.DeleteBacklogItem(e.ctx, i5.ID, 1))
	e10 := last()
	e11 := update(i1, radiator.BacklogItemUpdate{Column: ptr("in_progress")})
	e.tick()
	_, err := e.store.UpdateSprint(e.ctx, s1.ID, radiator.SprintUpdate{Version: 1, Goal: ptr("Another goal.")})
	must(t, "UpdateSprint", err)
	e.item(t, mail.ID, radiator.KindStory, "created after", withTeam(team.ID))

	all := map[int64]*radiator.Event{}
	for _, ev := range e.allEvents(t) {
		all[ev.ID] = ev
	}
	cases := []struct {
		name    string
		sprints []int64
		want    []int64
	}{
		{"one sprint", []int64{s1.ID}, []int64{e1, e3, e6, e9, e10, e11}},
		{"the other", []int64{s2.ID}, []int64{e6, e7, e8}},
		{"both, each event once", []int64{s2.ID, s1.ID}, []int64{e1, e3, e6, e7, e8, e9, e10, e11}},
		{"none", nil, nil},
		{"missing", []int64{missing}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := e.store.FindSprintEvents(e.ctx, c.sprints)
			must(t, "FindSprintEvents", err)
			if ids := idsOf(got...); !slices.Equal(ids, c.want) {
				t.Fatalf("FindSprintEvents(%v) = %v, want %v", c.sprints, ids, c.want)
			}
			for _, ev := range got {
				same(t, "sprint event", ev, all[ev.ID])
			}
		})
	}
}
