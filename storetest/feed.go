package storetest

import (
	"testing"

	"github.com/radiator-hq/radiator"
)

// testFeedSecrets checks that a forum or person has one feed secret at a
// time, found by its hash, and that it goes with its owner.
func testFeedSecrets(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	f := e.forum(t, "SoS", 2, radiator.ForumScrumOfScrums, nil, &p.ID)
	ada := e.person(t, "Ada", "ada@example.com")

	_, err := e.store.FindFeedSecretByHash(e.ctx, "none")
	wantError(t, "FindFeedSecretByHash unknown", err, radiator.ENOTFOUND, "")
	for _, tt := range []struct {
		name  string
		s     radiator.FeedSecret
		field string
	}{
		{"no owner", radiator.FeedSecret{Hash: "h"}, "forum_id"},
		{"two owners", radiator.FeedSecret{ForumID: &f.ID, PersonID: &ada.ID, Hash: "h"}, "forum_id"},
		{"missing forum", radiator.FeedSecret{ForumID: ptr(missing), Hash: "h"}, "forum_id"},
		{"missing person", radiator.FeedSecret{PersonID: ptr(missing), Hash: "h"}, "person_id"},
		{"no hash", radiator.FeedSecret{ForumID: &f.ID}, "hash"},
	} {
		err := e.store.CreateFeedSecret(e.ctx, &tt.s)
		wantError(t, "CreateFeedSecret "+tt.name, err, radiator.EINVALID, tt.field)
	}

	mark := e.mark(t)
	e.tick()
	first := &radiator.FeedSecret{ForumID: &f.ID, Hash: "forum-1"}
	must(t, "CreateFeedSecret forum", e.store.CreateFeedSecret(e.ctx, first))
	mine := &radiator.FeedSecret{PersonID: &ada.ID, Hash: "ada-1"}
	must(t, "CreateFeedSecret person", e.store.CreateFeedSecret(e.ctx, mine))
	got, err := e.store.FindFeedSecretByHash(e.ctx, "forum-1")
	must(t, "FindFeedSecretByHash", err)
	if got.ID != first.ID || got.ForumID == nil || *got.ForumID != f.ID || got.PersonID != nil || got.Hash != "forum-1" ||
		!got.CreatedAt.Equal(e.clock.Now()) {
		t.Fatalf("found %+v, want %+v", got, first)
	}
	findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityFeedSecret, first.ID, radiator.ActionCreate})

	// A new secret replaces the forum's last one.
	mark = e.mark(t)
	second := &radiator.FeedSecret{ForumID: &f.ID, Hash: "forum-2"}
	must(t, "CreateFeedSecret again", e.store.CreateFeedSecret(e.ctx, second))
	findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityFeedSecret, first.ID, radiator.ActionDelete})
	_, err = e.store.FindFeedSecretByHash(e.ctx, "forum-1")
	wantError(t, "FindFeedSecretByHash replaced", err, radiator.ENOTFOUND, "")
	_, err = e.store.FindFeedSecretByHash(e.ctx, "forum-2")
	must(t, "FindFeedSecretByHash new", err)

	mark = e.mark(t)
	must(t, "DeleteForum", e.store.DeleteForum(e.ctx, f.ID, 0))
	must(t, "DeletePerson", e.store.DeletePerson(e.ctx, ada.ID, 0))
	evs := e.eventsAfter(t, mark)
	findEvent(t, evs, eventKey{radiator.EntityFeedSecret, second.ID, radiator.ActionDelete})
	findEvent(t, evs, eventKey{radiator.EntityFeedSecret, mine.ID, radiator.ActionDelete})
	for _, h := range []string{"forum-2", "ada-1"} {
		_, err = e.store.FindFeedSecretByHash(e.ctx, h)
		wantError(t, "FindFeedSecretByHash after its owner went", err, radiator.ENOTFOUND, "")
	}
}
