package storetest

import (
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// testMeetingOverrides checks the moves and cancellations of single
// meetings: one override per forum and UID, Sequence from 1 up by one on
// each change, versions checked, an event for every write, and the
// overrides going with their forum.
func testMeetingOverrides(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	f := e.forum(t, "SoS", 2, radiator.ForumScrumOfScrums, nil, &p.ID)
	other := e.forum(t, "Other", 2, radiator.ForumScrumOfScrums, nil, &p.ID)
	start := time.Date(2025, 3, 4, 13, 0, 0, 0, time.UTC)
	end := start.Add(30 * time.Minute)

	list, err := e.store.FindMeetingOverrides(e.ctx, f.ID)
	must(t, "FindMeetingOverrides of none", err)
	if len(list) != 0 {
		t.Fatalf("overrides of a new forum = %d, want none", len(list))
	}
	_, err = e.store.FindMeetingOverrides(e.ctx, missing)
	wantError(t, "FindMeetingOverrides of a missing forum", err, radiator.ENOTFOUND, "")

	mark := e.mark(t)
	e.tick()
	moved := &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Start: &start, End: &end, Note: "room taken"}
	must(t, "PutMeetingOverride create", e.store.PutMeetingOverride(e.ctx, moved))
	if moved.ID == 0 || moved.Sequence != 1 || moved.Version != 1 || !moved.CreatedAt.Equal(e.clock.Now()) {
		t.Fatalf("created override = %+v, want an ID, sequence 1, version 1, created now", moved)
	}
	ev := findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityMeetingOverride, moved.ID, radiator.ActionCreate})
	same(t, "create event after", ev.After, moved)
	cancelled := &radiator.MeetingOverride{ForumID: other.ID, UID: "m1", Cancelled: true}
	must(t, "PutMeetingOverride same UID in another forum", e.store.PutMeetingOverride(e.ctx, cancelled))
	list, err = e.store.FindMeetingOverrides(e.ctx, f.ID)
	must(t, "FindMeetingOverrides", err)
	same(t, "overrides of the forum", list, []*radiator.MeetingOverride{moved})

	// A second writer who has not read the override is refused.
	before := e.snapshot(t)
	mark = e.mark(t)
	err = e.store.PutMeetingOverride(e.ctx, &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Cancelled: true})
	wantError(t, "PutMeetingOverride without the version", err, radiator.ECONFLICT, "*")
	err = e.store.PutMeetingOverride(e.ctx, &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Cancelled: true, Version: 7})
	wantError(t, "PutMeetingOverride with a stale version", err, radiator.ECONFLICT, "*")
	err = e.store.PutMeetingOverride(e.ctx, &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Start: &end, End: &start, Version: 1})
	wantError(t, "PutMeetingOverride ending before it starts", err, radiator.EINVALID, "end")
	err = e.store.PutMeetingOverride(e.ctx, &radiator.MeetingOverride{ForumID: missing, UID: "m1", Cancelled: true})
	wantError(t, "PutMeetingOverride of a missing forum", err, radiator.EINVALID, "forum_id")
	same(t, "store after refused writes", e.snapshot(t), before)
	if evs := e.eventsAfter(t, mark); len(evs) != 0 {
		t.Fatalf("refused writes wrote %d events", len(evs))
	}

	e.tick()
	upd := &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Cancelled: true, Version: 1}
	must(t, "PutMeetingOverride update", e.store.PutMeetingOverride(e.ctx, upd))
	if upd.ID != moved.ID || upd.Sequence != 2 || upd.Version != 2 || upd.Start != nil || !upd.CreatedAt.Equal(moved.CreatedAt) ||
		!upd.UpdatedAt.Equal(e.clock.Now()) {
		t.Fatalf("updated override = %+v, want ID %d, sequence 2, version 2, no move, updated now", upd, moved.ID)
	}
	ev = findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityMeetingOverride, moved.ID, radiator.ActionUpdate})
	same(t, "update event before", ev.Before, moved)
	same(t, "update event after", ev.After, upd)
	restore := &radiator.MeetingOverride{ForumID: f.ID, UID: "m1", Version: 2}
	must(t, "PutMeetingOverride restore", e.store.PutMeetingOverride(e.ctx, restore))
	if restore.Sequence != 3 {
		t.Errorf("restored override's sequence = %d, want 3", restore.Sequence)
	}

	err = e.store.DeleteMeetingOverride(e.ctx, restore.ID, 2)
	wantError(t, "DeleteMeetingOverride stale", err, radiator.ECONFLICT, "*")
	err = e.store.DeleteMeetingOverride(e.ctx, missing, 0)
	wantError(t, "DeleteMeetingOverride missing", err, radiator.ENOTFOUND, "")
	mark = e.mark(t)
	must(t, "DeleteMeetingOverride", e.store.DeleteMeetingOverride(e.ctx, restore.ID, 3))
	ev = findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityMeetingOverride, restore.ID, radiator.ActionDelete})
	same(t, "delete event before", ev.Before, restore)
	list, err = e.store.FindMeetingOverrides(e.ctx, f.ID)
	must(t, "FindMeetingOverrides after delete", err)
	if len(list) != 0 {
		t.Fatalf("overrides after delete = %d, want none", len(list))
	}

	// Deleting a forum deletes its overrides, each with its event.
	mark = e.mark(t)
	must(t, "DeleteForum", e.store.DeleteForum(e.ctx, other.ID, 0))
	findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityMeetingOverride, cancelled.ID, radiator.ActionDelete})
}
