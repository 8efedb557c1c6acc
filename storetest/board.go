package storetest

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// board is a product with a team that configured its own board, scale and
// definition of ready, a team that kept the defaults, and a sprint in each
// state.
type board struct {
	mail, chat          *radiator.Product
	inbox, plain, rooms *radiator.Team
	ada, bob            *radiator.Person
	closed, active      *radiator.Sprint
	planned             *radiator.Sprint
	// ready is a story of the active sprint that meets the definition of
	// ready; fresh a new story in Inbox's backlog; old a done story of the
	// closed sprint; plainItem a story of the plain team.
	ready, fresh, old, plainItem *radiator.BacklogItem
}

// inboxReady is Inbox's definition of ready.
var inboxReady = []string{"Value is clear", "Small enough"}

func seedBoard(t testing.TB, e *env) *board {
	t.Helper()
	b := &board{}
	b.mail = e.product(t, "MAIL")
	b.chat = e.product(t, "CHAT")
	b.inbox = &radiator.Team{Name: "Inbox", ProductID: b.mail.ID,
		Columns: []radiator.BoardColumn{
			{Key: "todo", Name: "To do", State: radiator.StateReady},
			{Key: "doing", Name: "Doing", State: radiator.StateInProgress, WIPLimit: 2},
			{Key: "review", Name: "Review", State: radiator.StateInProgress},
			{Key: "done", Name: "Done", State: radiator.StateDone},
		},
		EstimateScale:     []float64{1, 2, 3, 5, 8},
		DefinitionOfReady: inboxReady,
	}
	e.tick()
	must(t, "CreateTeam Inbox", e.store.CreateTeam(e.ctx, b.inbox))
	b.plain = e.team(t, "Plain", b.mail.ID, nil)
	b.rooms = e.team(t, "Rooms", b.chat.ID, nil)
	b.ada = e.person(t, "Ada Lovelace", "ada@example.com")
	b.bob = e.person(t, "Bob Kahn", "bob@example.com")
	b.closed = e.sprint(t, b.inbox.ID, "Inbox 0", "2025-02-17", "2025-02-28", radiator.SprintActive)
	b.active = e.sprint(t, b.inbox.ID, "Inbox 1", "2025-03-03", "2025-03-14", radiator.SprintActive)
	b.planned = e.sprint(t, b.inbox.ID, "Inbox 2", "2025-03-17", "2025-03-28", radiator.SprintPlanned)
	b.old = e.item(t, b.mail.ID, radiator.KindStory, "Old work", withTeam(b.inbox.ID), withSprint(b.closed.ID),
		withState(radiator.StateDone), withEstimate(2))
	e.tick()
	closed, err := e.store.CloseSprint(e.ctx, b.closed.ID, radiator.SprintClose{Version: 1, Unfinished: radiator.UnfinishedToBacklog})
	must(t, "CloseSprint", err)
	b.closed = closed
	b.ready = e.item(t, b.mail.ID, radiator.KindStory, "Read mail", withTeam(b.inbox.ID), withSprint(b.active.ID),
		withColumn("todo"), withEstimate(3), withCriteria("The mail shows."), withChecks(inboxReady...))
	b.fresh = e.item(t, b.mail.ID, radiator.KindStory, "Write mail", withTeam(b.inbox.ID))
	b.plainItem = e.item(t, b.mail.ID, radiator.KindStory, "Plain work", withTeam(b.plain.ID))
	return b
}

// testTeamSettings pins down how the new lists of teams, items and sprints
// are kept: as given, and an empty list reads back as nil.
func testTeamSettings(t *testing.T, open Opener) {
	e := newEnv(t, open)
	b := seedBoard(t, e)

	got, err := e.store.FindTeamByID(e.ctx, b.inbox.ID)
	must(t, "FindTeamByID", err)
	same(t, "team with its own board", got, b.inbox)
	if !slices.Equal(got.DefinitionOfReady, inboxReady) || len(got.Columns) != 4 || got.Columns[1].WIPLimit != 2 {
		t.Fatalf("team settings read back as %+v", got)
	}

	// Empty lists read back as nil, the same as lists never given.
	bare := &radiator.Team{Name: "Bare", ProductID: b.mail.ID, Columns: []radiator.BoardColumn{}, EstimateScale: []float64{},
		DefinitionOfReady: []string{}}
	must(t, "CreateTeam", e.store.CreateTeam(e.ctx, bare))
	got, err = e.store.FindTeamByID(e.ctx, bare.ID)
	must(t, "FindTeamByID", err)
	if got.Columns != nil || got.EstimateScale != nil || got.DefinitionOfReady != nil {
		t.Errorf("empty team lists read back as %#v, %#v, %#v; want nil", got.Columns, got.EstimateScale, got.DefinitionOfReady)
	}
	it := e.item(t, b.mail.ID, radiator.KindStory, "Bare", withLabels(), withChecks())
	gotItem, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
	must(t, "FindBacklogItemByID", err)
	if gotItem.Labels != nil || gotItem.ReadyChecks != nil {
		t.Errorf("empty item lists read back as %#v, %#v; want nil", gotItem.Labels, gotItem.ReadyChecks)
	}
	sp := &radiator.Sprint{TeamID: bare.ID, Name: "Bare 1", Start: radiator.MustDate("2025-03-03"), End: radiator.MustDate("2025-03-14"),
		State: radiator.SprintPlanned, DaysOff: []radiator.DaysOff{}}
	must(t, "CreateSprint", e.store.CreateSprint(e.ctx, sp))
	gotSprint, err := e.store.FindSprintByID(e.ctx, sp.ID)
	must(t, "FindSprintByID", err)
	if gotSprint.DaysOff != nil || gotSprint.Result != nil || gotSprint.StartedAt != nil || gotSprint.ClosedAt != nil {
		t.Errorf("new planned sprint read back as %+v; want no days off, result or times", gotSprint)
	}

	// Updates replace the lists and the event carries them.
	mark := e.mark(t)
	at := e.tick()
	cols := []radiator.BoardColumn{{Key: "next", Name: "Next", State: radiator.StateReady}, {Key: "shipped", Name: "Shipped", State: radiator.StateDone}}
	up, err := e.store.UpdateTeam(e.ctx, bare.ID, radiator.TeamUpdate{Version: 1, Columns: &cols, EstimateScale: &[]float64{1, 2, 4},
		DefinitionOfReady: &[]string{"Mock-up agreed"}})
	must(t, "UpdateTeam", err)
	got, err = e.store.FindTeamByID(e.ctx, bare.ID)
	must(t, "FindTeamByID", err)
	same(t, "updated team", got, up)
	if !reflect.DeepEqual(got.Columns, cols) || !slices.Equal(got.EstimateScale, []float64{1, 2, 4}) {
		t.Errorf("updated team = %+v, want columns %v and scale [1 2 4]", got, cols)
	}
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityTeam, bare.ID, radiator.ActionUpdate})
	same(t, "team event after", evs[0].After, up)

	before := e.snapshot(t)
	_, err = e.store.UpdateTeam(e.ctx, bare.ID, radiator.TeamUpdate{Version: 2,
		Columns: &[]radiator.BoardColumn{{Key: "only", Name: "Only", State: radiator.StateReady}}})
	wantError(t, "UpdateTeam with a board without done", err, radiator.EINVALID, "columns")
	_, err = e.store.UpdateTeam(e.ctx, bare.ID, radiator.TeamUpdate{Version: 2, EstimateScale: &[]float64{3, 2}})
	wantError(t, "UpdateTeam with a falling scale", err, radiator.EINVALID, "estimate_scale")
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused team update changed the store")
	}
}

func testBoardRules(t *testing.T, open Opener) {
	inv := radiator.EINVALID
	story := func(b *board, team int64, opts ...func(*radiator.BacklogItem)) *radiator.BacklogItem {
		it := &radiator.BacklogItem{ProductID: b.mail.ID, Kind: radiator.KindStory, Title: "New story", State: radiator.StateNew, TeamID: &team}
		for _, o := range opts {
			o(it)
		}
		return it
	}
	update := func(e *env, it *radiator.BacklogItem, upd radiator.BacklogItemUpdate) error {
		upd.Version = it.Version
		_, err := e.store.UpdateBacklogItem(e.ctx, it.ID, upd)
		return err
	}
	cases := []refusalOf[*board]{
		{name: "estimate off the team's scale", code: inv, field: "estimate", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.inbox.ID, withEstimate(13)))
		}},
		{name: "estimate off the default scale", code: inv, field: "estimate", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.plain.ID, withEstimate(4)))
		}},
		{name: "update estimate off the scale", code: inv, field: "estimate", write: func(e *env, b *board) error {
			return update(e, b.fresh, radiator.BacklogItemUpdate{Estimate: radiator.SetTo(21.0)})
		}},
		{name: "create ready without the checklist", code: inv, field: "state", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.inbox.ID, withState(radiator.StateReady), withEstimate(3),
				withCriteria("Works."), withChecks(inboxReady[0])))
		}},
		{name: "ready without acceptance criteria", code: inv, field: "state", write: func(e *env, b *board) error {
			return update(e, b.fresh, radiator.BacklogItemUpdate{State: ptr(radiator.StateReady), Estimate: radiator.SetTo(3.0),
				ReadyChecks: &inboxReady})
		}},
		{name: "ready without an estimate on the default board", code: inv, field: "state", write: func(e *env, b *board) error {
			return update(e, b.plainItem, radiator.BacklogItemUpdate{State: ptr(radiator.StateReady), AcceptanceCriteria: ptr("Works.")})
		}},
		{name: "column of ready work without the checklist", code: inv, field: "state", write: func(e *env, b *board) error {
			return update(e, b.fresh, radiator.BacklogItemUpdate{Column: ptr("todo")})
		}},
		{name: "unknown column", code: inv, field: "column", write: func(e *env, b *board) error {
			return update(e, b.ready, radiator.BacklogItemUpdate{Column: ptr("qa")})
		}},
		{name: "create in an unknown column", code: inv, field: "column", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.inbox.ID, withColumn("qa")))
		}},
		{name: "column of another team's board", code: inv, field: "column", write: func(e *env, b *board) error {
			return update(e, b.plainItem, radiator.BacklogItemUpdate{Column: ptr("review")})
		}},
		{name: "create in a closed sprint", code: inv, field: "sprint_id", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.inbox.ID, withSprint(b.closed.ID)))
		}},
		{name: "plan into a closed sprint", code: inv, field: "sprint_id", write: func(e *env, b *board) error {
			return update(e, b.ready, radiator.BacklogItemUpdate{SprintID: radiator.SetTo(b.closed.ID)})
		}},
		{name: "move a card of a closed sprint", code: inv, field: "sprint_id", write: func(e *env, b *board) error {
			return update(e, b.old, radiator.BacklogItemUpdate{Column: ptr("doing")})
		}},
		{name: "change the state in a closed sprint", code: inv, field: "sprint_id", write: func(e *env, b *board) error {
			return update(e, b.old, radiator.BacklogItemUpdate{State: ptr(radiator.StateInProgress)})
		}},
		{name: "create with a missing assignee", code: inv, field: "assignee_id", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, story(b, b.inbox.ID, withAssignee(missing)))
		}},
		{name: "assign to a missing person", code: inv, field: "assignee_id", write: func(e *env, b *board) error {
			return update(e, b.fresh, radiator.BacklogItemUpdate{AssigneeID: radiator.SetTo(missing)})
		}},
		{name: "assign an item without a team to a missing person", code: inv, field: "assignee_id", write: func(e *env, b *board) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: b.mail.ID, Kind: radiator.KindFeature, Title: "F",
				State: radiator.StateNew, AssigneeID: ptr(missing)})
		}},
		{name: "label with a comma", code: inv, field: "labels", write: func(e *env, b *board) error {
			return update(e, b.fresh, radiator.BacklogItemUpdate{Labels: &[]string{"a,b"}})
		}},
		{name: "close a sprint by update", code: inv, field: "state", write: func(e *env, b *board) error {
			_, err := e.store.UpdateSprint(e.ctx, b.active.ID, radiator.SprintUpdate{Version: b.active.Version, State: ptr(radiator.SprintClosed)})
			return err
		}},
		{name: "reopen a sprint by update", code: inv, field: "state", write: func(e *env, b *board) error {
			_, err := e.store.UpdateSprint(e.ctx, b.closed.ID, radiator.SprintUpdate{Version: b.closed.Version, State: ptr(radiator.SprintActive)})
			return err
		}},
	}
	e := newEnv(t, open)
	runRefusals(t, e, seedBoard(t, e), cases)
}

// testColumnMoves moves cards across a board: a column gives its state,
// and the rules hold for the team that configured them.
func testColumnMoves(t *testing.T, open Opener) {
	e := newEnv(t, open)
	b := seedBoard(t, e)

	it := b.ready
	for _, step := range []struct {
		column, state string
		done          bool
	}{
		{"doing", radiator.StateInProgress, false},
		{"review", radiator.StateInProgress, false},
		{"done", radiator.StateDone, true},
		{"todo", radiator.StateReady, false},
	} {
		mark := e.mark(t)
		at := e.tick()
		up, err := e.store.UpdateBacklogItem(e.ctx, it.ID, radiator.BacklogItemUpdate{Version: it.Version, Column: ptr(step.column)})
		must(t, "move to "+step.column, err)
		if up.Column != step.column || up.State != step.state || up.Version != it.Version+1 {
			t.Fatalf("after moving to %s: column %q, state %q, version %d; want %q, %q, %d",
				step.column, up.Column, up.State, up.Version, step.column, step.state, it.Version+1)
		}
		if step.done != (up.DoneAt != nil) || (step.done && !up.DoneAt.Equal(at)) {
			t.Fatalf("DoneAt after moving to %s = %v, want done %v at %v", step.column, up.DoneAt, step.done, at)
		}
		evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate})
		same(t, "move event before", evs[0].Before, it)
		same(t, "move event after", evs[0].After, up)
		got, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		same(t, "card after moving to "+step.column, got, up)
		it = up
	}

	t.Run("create in a column", func(t *testing.T) {
		c := e.item(t, b.mail.ID, radiator.KindStory, "Straight to work", withTeam(b.inbox.ID), withSprint(b.active.ID), withColumn("review"))
		if c.State != radiator.StateInProgress || c.Column != "review" {
			t.Fatalf("created in review: state %q, column %q; want in_progress, review", c.State, c.Column)
		}
		got, err := e.store.FindBacklogItemByID(e.ctx, c.ID)
		must(t, "FindBacklogItemByID", err)
		same(t, "created card", got, c)
	})
	t.Run("default board", func(t *testing.T) {
		up, err := e.store.UpdateBacklogItem(e.ctx, b.plainItem.ID, radiator.BacklogItemUpdate{Version: 1, Column: ptr("in_progress")})
		must(t, "move on the default board", err)
		if up.State != radiator.StateInProgress {
			t.Fatalf("state after moving to in_progress on the default board = %q", up.State)
		}
		up, err = e.store.UpdateBacklogItem(e.ctx, b.plainItem.ID, radiator.BacklogItemUpdate{Version: 2, Estimate: radiator.SetTo(13.0)})
		must(t, "estimate on the Fibonacci scale", err)
		if up.Estimate == nil || *up.Estimate != 13 {
			t.Fatalf("estimate = %v, want 13", up.Estimate)
		}
	})
	t.Run("ready by the definition of ready", func(t *testing.T) {
		up, err := e.store.UpdateBacklogItem(e.ctx, b.fresh.ID, radiator.BacklogItemUpdate{Version: 1, State: ptr(radiator.StateReady),
			Estimate: radiator.SetTo(5.0), AcceptanceCriteria: ptr("Mail leaves."), ReadyChecks: &inboxReady})
		must(t, "make ready", err)
		if up.State != radiator.StateReady {
			t.Fatalf("state = %q, want ready", up.State)
		}
	})
	t.Run("edit in a closed sprint", func(t *testing.T) {
		// Only the plan and the cards of a closed sprint are frozen.
		up, err := e.store.UpdateBacklogItem(e.ctx, b.old.ID, radiator.BacklogItemUpdate{Version: 1, Title: ptr("Old work, renamed"),
			Labels: &[]string{"history"}})
		must(t, "retitle in a closed sprint", err)
		if up.Title != "Old work, renamed" || up.State != radiator.StateDone {
			t.Fatalf("retitled item = %+v", up)
		}
	})
	t.Run("features keep their own units", func(t *testing.T) {
		// The team's rules are for its stories: a feature it delivers is
		// sized in feature units, off the story point scale.
		f := e.item(t, b.mail.ID, radiator.KindFeature, "Mail rules", withTeam(b.inbox.ID), withEstimate(40), withState(radiator.StateReady))
		up, err := e.store.UpdateBacklogItem(e.ctx, f.ID, radiator.BacklogItemUpdate{Version: 1, Estimate: radiator.SetTo(60.0)})
		must(t, "estimate a feature", err)
		if *up.Estimate != 60 || up.State != radiator.StateReady {
			t.Fatalf("feature after estimating = %+v", up)
		}
	})
	t.Run("assign and unassign", func(t *testing.T) {
		up, err := e.store.UpdateBacklogItem(e.ctx, b.ready.ID, radiator.BacklogItemUpdate{Version: it.Version, AssigneeID: radiator.SetTo(b.bob.ID),
			Blocked: ptr(true), BlockedReason: ptr("Waiting for the mail server.")})
		must(t, "assign", err)
		if up.AssigneeID == nil || *up.AssigneeID != b.bob.ID || !up.Blocked {
			t.Fatalf("assigned item = %+v", up)
		}
		up, err = e.store.UpdateBacklogItem(e.ctx, b.ready.ID, radiator.BacklogItemUpdate{Version: up.Version, AssigneeID: radiator.SetNull[int64](),
			Blocked: ptr(false)})
		must(t, "unassign", err)
		got, err := e.store.FindBacklogItemByID(e.ctx, b.ready.ID)
		must(t, "FindBacklogItemByID", err)
		if got.AssigneeID != nil || got.Blocked || got.BlockedReason != "" {
			t.Fatalf("unassigned, unblocked item = %+v", got)
		}
		same(t, "unassigned item", got, up)
	})
}

func testBulkUpdate(t *testing.T, open Opener) {
	e := newEnv(t, open)
	b := seedBoard(t, e)
	bulk := func(upds ...radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
		return e.store.UpdateBacklogItems(e.ctx, upds)
	}
	labels := func(id, version int64, l ...string) radiator.BacklogItemBulkUpdate {
		return radiator.BacklogItemBulkUpdate{ID: id, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: version, Labels: &l}}
	}

	refusals := []struct {
		name         string
		second       radiator.BacklogItemBulkUpdate
		code, field  string
		secondItemID int64
	}{
		{"second invalid", radiator.BacklogItemBulkUpdate{ID: b.fresh.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: 1,
			Estimate: radiator.SetTo(13.0)}}, radiator.EINVALID, "estimate", b.fresh.ID},
		{"second stale", labels(b.fresh.ID, 7, "x"), radiator.ECONFLICT, "", b.fresh.ID},
		{"second missing", labels(missing, 1, "x"), radiator.ENOTFOUND, "", missing},
		{"second without version", labels(b.fresh.ID, 0, "x"), radiator.EINVALID, "version", b.fresh.ID},
	}
	for _, r := range refusals {
		t.Run(r.name, func(t *testing.T) {
			before := e.snapshot(t)
			e.tick()
			_, err := bulk(labels(b.ready.ID, 1, "bulk"), r.second)
			wantError(t, "UpdateBacklogItems", err, r.code, r.field)
			if msg, prefix := radiator.ErrorMessage(err), "item "+strconv.FormatInt(r.secondItemID, 10)+": "; !strings.HasPrefix(msg, prefix) {
				t.Errorf("error message %q does not start with %q", msg, prefix)
			}
			if after := e.snapshot(t); after != before {
				t.Fatalf("a refused bulk update changed the store:\nbefore: %s\n after: %s", before, after)
			}
		})
	}

	t.Run("empty", func(t *testing.T) {
		mark := e.mark(t)
		got, err := bulk()
		must(t, "UpdateBacklogItems()", err)
		if len(got) != 0 || len(e.eventsAfter(t, mark)) != 0 {
			t.Fatalf("an empty bulk update returned %d items and wrote %d events", len(got), len(e.eventsAfter(t, mark)))
		}
	})

	t.Run("all", func(t *testing.T) {
		mark := e.mark(t)
		at := e.tick()
		got, err := bulk(labels(b.fresh.ID, 1, "bulk", "mail"),
			radiator.BacklogItemBulkUpdate{ID: b.ready.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: 1,
				SprintID: radiator.SetTo(b.planned.ID), Column: ptr("doing")}})
		must(t, "UpdateBacklogItems", err)
		if len(got) != 2 || got[0].ID != b.fresh.ID || got[1].ID != b.ready.ID {
			t.Fatalf("UpdateBacklogItems returned %v, want items %d and %d in the order asked", idsOf(got...), b.fresh.ID, b.ready.ID)
		}
		if !slices.Equal(got[0].Labels, []string{"bulk", "mail"}) || got[0].Version != 2 {
			t.Errorf("first item = %+v, want labels [bulk mail] and version 2", got[0])
		}
		// The team's rules apply to each item, here the column's state.
		if got[1].SprintID == nil || *got[1].SprintID != b.planned.ID || got[1].State != radiator.StateInProgress || got[1].Version != 2 {
			t.Errorf("second item = %+v, want sprint %d, state in_progress and version 2", got[1], b.planned.ID)
		}
		e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, b.fresh.ID, radiator.ActionUpdate},
			eventKey{radiator.EntityBacklogItem, b.ready.ID, radiator.ActionUpdate})
		for _, it := range got {
			found, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
			must(t, "FindBacklogItemByID", err)
			same(t, "bulk-updated item", found, it)
		}
	})
}

// testS1Filters lists backlog items by backlog, label, assignee and text.
func testS1Filters(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	team := e.team(t, "Inbox", mail.ID, nil)
	s := e.sprint(t, team.ID, "Inbox 1", "2025-03-03", "2025-03-14", radiator.SprintActive)
	ada := e.person(t, "Ada Lovelace", "ada@example.com")
	bob := e.person(t, "Bob Kahn", "bob@example.com")
	f1 := e.item(t, mail.ID, radiator.KindStory, "Search by sender", withTeam(team.ID), withLabels("ui", "search"), withAssignee(ada.ID))
	f2 := e.item(t, mail.ID, radiator.KindStory, "Sort results", withTeam(team.ID), withSprint(s.ID), withDescription("Sort by Sender name."),
		withLabels("search"), withAssignee(bob.ID))
	f3 := e.item(t, mail.ID, radiator.KindStory, "Archive", withTeam(team.ID), withLabels("uix"),
		withCriteria("Archived mail can be SEARCHED by sender."))
	f4 := e.item(t, mail.ID, radiator.KindFeature, "Search everything", withLabels("UI"))
	f5 := e.item(t, mail.ID, radiator.KindFeature, "100% uptime", withDescription("Under_score"))
	other := e.product(t, "CHAT")
	rooms := e.item(t, other.ID, radiator.KindStory, "Search rooms", withLabels("ui"))

	cases := []struct {
		name   string
		filter radiator.BacklogItemFilter
		want   []*radiator.BacklogItem
	}{
		{"team backlog", radiator.BacklogItemFilter{TeamID: team.ID, Backlog: true}, []*radiator.BacklogItem{f1, f3}},
		{"product backlog", radiator.BacklogItemFilter{ProductID: mail.ID, Backlog: true}, []*radiator.BacklogItem{f1, f3, f4, f5}},
		// Labels match whole and exactly.
		{"label", radiator.BacklogItemFilter{ProductID: mail.ID, Label: "ui"}, []*radiator.BacklogItem{f1}},
		{"label on two", radiator.BacklogItemFilter{Label: "search"}, []*radiator.BacklogItem{f1, f2}},
		{"label of none", radiator.BacklogItemFilter{Label: "u"}, nil},
		{"assignee", radiator.BacklogItemFilter{AssigneeID: ada.ID}, []*radiator.BacklogItem{f1}},
		{"other assignee", radiator.BacklogItemFilter{AssigneeID: bob.ID}, []*radiator.BacklogItem{f2}},
		// Text matches parts of words in any case, in the title, the
		// description or the acceptance criteria.
		{"text", radiator.BacklogItemFilter{ProductID: mail.ID, Text: "search"}, []*radiator.BacklogItem{f1, f3, f4}},
		{"text words all match", radiator.BacklogItemFilter{ProductID: mail.ID, Text: "SEARCH sender"}, []*radiator.BacklogItem{f1, f3}},
		{"text words across fields", radiator.BacklogItemFilter{Text: "  sender   sort "}, []*radiator.BacklogItem{f2}},
		{"text percent is literal", radiator.BacklogItemFilter{Text: "%"}, []*radiator.BacklogItem{f5}},
		{"text underscore is literal", radiator.BacklogItemFilter{Text: "r_s"}, []*radiator.BacklogItem{f5}},
		{"text of none", radiator.BacklogItemFilter{Text: "search nothing-like-this"}, nil},
		// Ranks tie across products: f1 and rooms both rank first.
		{"text and label", radiator.BacklogItemFilter{Text: "search", Label: "ui"}, []*radiator.BacklogItem{f1, rooms}},
		{"text, label and product", radiator.BacklogItemFilter{Text: "sender", Label: "ui", ProductID: mail.ID}, []*radiator.BacklogItem{f1}},
		{"blank text", radiator.BacklogItemFilter{ProductID: mail.ID, Text: "   "}, []*radiator.BacklogItem{f1, f2, f3, f4, f5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := walk(t, "FindBacklogItems", 1, func(p radiator.Page) ([]*radiator.BacklogItem, string, error) {
				f := c.filter
				f.Page = p
				return e.store.FindBacklogItems(e.ctx, f)
			})
			if ids, want := idsOf(got...), idsOf(c.want...); !slices.Equal(ids, want) {
				t.Fatalf("FindBacklogItems(%s) = %v, want %v", c.name, ids, want)
			}
		})
	}
}

// testDeletePersonAssignments deletes a person with assigned items: each
// loses its assignee, with an event.
func testDeletePersonAssignments(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	p := e.person(t, "Sam Spade", "sam@example.com")
	q := e.person(t, "Nick Charles", "nick@example.com")
	i1 := e.item(t, mail.ID, radiator.KindStory, "One", withAssignee(p.ID))
	i2 := e.item(t, mail.ID, radiator.KindFeature, "Two", withAssignee(p.ID), withLabels("kept"))
	i3 := e.item(t, mail.ID, radiator.KindStory, "Three", withAssignee(q.ID))

	mark := e.mark(t)
	at := e.tick()
	must(t, "DeletePerson", e.store.DeletePerson(e.ctx, p.ID, 1))
	evs := e.wantEvents(t, mark, at,
		eventKey{radiator.EntityPerson, p.ID, radiator.ActionDelete},
		eventKey{radiator.EntityBacklogItem, i1.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, i2.ID, radiator.ActionUpdate})
	for _, it := range []*radiator.BacklogItem{i1, i2} {
		got, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		want := *it
		want.AssigneeID, want.Version, want.UpdatedAt = nil, 2, at
		same(t, "unassigned item", got, &want)
		ev := findEvent(t, evs, eventKey{radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate})
		same(t, "unassign event before", ev.Before, it)
		same(t, "unassign event after", ev.After, got)
	}
	got, err := e.store.FindBacklogItemByID(e.ctx, i3.ID)
	must(t, "FindBacklogItemByID", err)
	same(t, "another person's item", got, i3)
}

// testSprintTimes pins down when a sprint's read-only times are set.
func testSprintTimes(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	team := e.team(t, "Inbox", mail.ID, nil)
	away := e.person(t, "Ada Lovelace", "ada@example.com")
	at := e.tick()
	faked := start.Add(-100 * time.Hour)
	active := &radiator.Sprint{TeamID: team.ID, Name: "Inbox 1", Start: radiator.MustDate("2025-03-03"), End: radiator.MustDate("2025-03-14"),
		State: radiator.SprintActive, StartedAt: &faked, ClosedAt: &faked, Result: &radiator.SprintResult{Committed: 99}}
	must(t, "CreateSprint", e.store.CreateSprint(e.ctx, active))
	got, err := e.store.FindSprintByID(e.ctx, active.ID)
	must(t, "FindSprintByID", err)
	if got.StartedAt == nil || !got.StartedAt.Equal(at) || got.ClosedAt != nil || got.Result != nil {
		t.Fatalf("sprint created active = started %v, closed %v, result %v; want started %v and the rest ignored",
			got.StartedAt, got.ClosedAt, got.Result, at)
	}
	same(t, "created sprint", got, active)

	planned := e.sprint(t, team.ID, "Inbox 2", "2025-03-17", "2025-03-28", radiator.SprintPlanned)
	if planned.StartedAt != nil {
		t.Fatalf("planned sprint started at %v, want nil", planned.StartedAt)
	}
	began := e.tick()
	up, err := e.store.UpdateSprint(e.ctx, planned.ID, radiator.SprintUpdate{Version: 1, State: ptr(radiator.SprintActive),
		DaysOff: &[]radiator.DaysOff{{PersonID: away.ID, Days: 1.5}}})
	must(t, "UpdateSprint to active", err)
	if up.StartedAt == nil || !up.StartedAt.Equal(began) {
		t.Fatalf("StartedAt after starting = %v, want %v", up.StartedAt, began)
	}
	e.tick()
	up, err = e.store.UpdateSprint(e.ctx, planned.ID, radiator.SprintUpdate{Version: 2, Goal: ptr("Later goal.")})
	must(t, "UpdateSprint goal", err)
	if up.StartedAt == nil || !up.StartedAt.Equal(began) {
		t.Fatalf("StartedAt after a later update = %v, want %v kept", up.StartedAt, began)
	}
	got, err = e.store.FindSprintByID(e.ctx, planned.ID)
	must(t, "FindSprintByID", err)
	same(t, "started sprint", got, up)
}
