package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func testTeam(t *testing.T, open Opener) {
	e := newEnv(t, open)
	mail := e.product(t, "MAIL")
	chat := e.product(t, "CHAT")
	steering := e.forum(t, "Steering", 4, radiator.ForumSteering, nil, nil)
	sos := e.forum(t, "Mail Scrum of Scrums", 2, radiator.ForumScrumOfScrums, &steering.ID, &mail.ID)

	t.Run("create makes its forum", func(t *testing.T) {
		mark := e.mark(t)
		at := e.tick()
		tm := &radiator.Team{Name: "Inbox", ProductID: mail.ID, ParentForumID: &sos.ID, Description: "Reading mail.",
			ForumID: missing} // ignored: the store makes the forum
		must(t, "CreateTeam", e.store.CreateTeam(e.ctx, tm))
		if tm.ForumID <= 0 || tm.ForumID == missing {
			t.Fatalf("CreateTeam set ForumID %d, want the new forum's", tm.ForumID)
		}
		fo, err := e.store.FindForumByID(e.ctx, tm.ForumID)
		must(t, "FindForumByID", err)
		want := tm.Forum()
		want.ID, want.TeamID, want.Version, want.CreatedAt, want.UpdatedAt = tm.ForumID, &tm.ID, 1, at, at
		same(t, "team's forum", fo, want)
		evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityTeam, tm.ID, radiator.ActionCreate},
			eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionCreate})
		same(t, "forum create event", findEvent(t, evs, eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionCreate}).After, fo)
		got, err := e.store.FindTeamByID(e.ctx, tm.ID)
		must(t, "FindTeamByID", err)
		same(t, "team", got, tm)
		if got.ParentForumID == nil || *got.ParentForumID != sos.ID {
			t.Errorf("ParentForumID = %v, want %d", got.ParentForumID, sos.ID)
		}
	})

	t.Run("update moves its forum", func(t *testing.T) {
		tm := e.team(t, "Outbox", mail.ID, &sos.ID)
		mark := e.mark(t)
		at := e.tick()
		up, err := e.store.UpdateTeam(e.ctx, tm.ID, radiator.TeamUpdate{Version: 1, Name: ptr("Sending"),
			ProductID: &chat.ID, ParentForumID: radiator.SetTo(steering.ID)})
		must(t, "UpdateTeam", err)
		if up.ParentForumID == nil || *up.ParentForumID != steering.ID || up.Name != "Sending" || up.ProductID != chat.ID {
			t.Fatalf("UpdateTeam() = %+v, want name Sending, product %d, parent forum %d", up, chat.ID, steering.ID)
		}
		fo, err := e.store.FindForumByID(e.ctx, tm.ForumID)
		must(t, "FindForumByID", err)
		if fo.ParentID == nil || *fo.ParentID != steering.ID || fo.Name != "Sending" || fo.ProductID == nil || *fo.ProductID != chat.ID ||
			fo.Version != 2 || !fo.UpdatedAt.Equal(at) {
			t.Fatalf("team's forum after UpdateTeam = %+v, want name Sending, parent %d, product %d, version 2, updated %v",
				fo, steering.ID, chat.ID, at)
		}
		evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityTeam, tm.ID, radiator.ActionUpdate},
			eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionUpdate})
		same(t, "forum update event", findEvent(t, evs, eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionUpdate}).After, fo)

		up, err = e.store.UpdateTeam(e.ctx, tm.ID, radiator.TeamUpdate{Version: 2, ParentForumID: radiator.SetNull[int64]()})
		must(t, "UpdateTeam to no parent", err)
		fo, err = e.store.FindForumByID(e.ctx, tm.ForumID)
		must(t, "FindForumByID", err)
		if up.ParentForumID != nil || fo.ParentID != nil {
			t.Fatalf("after clearing the parent: team %v, forum %v; want both nil", up.ParentForumID, fo.ParentID)
		}

		// Moving the team's forum moves the team.
		_, err = e.store.UpdateForum(e.ctx, fo.ID, radiator.ForumUpdate{Version: fo.Version, ParentID: radiator.SetTo(sos.ID),
			Purpose: ptr("Sending mail.")})
		must(t, "UpdateForum of a team's forum", err)
		got, err := e.store.FindTeamByID(e.ctx, tm.ID)
		must(t, "FindTeamByID", err)
		if got.ParentForumID == nil || *got.ParentForumID != sos.ID {
			t.Errorf("team's ParentForumID after moving its forum = %v, want %d", got.ParentForumID, sos.ID)
		}
	})

	t.Run("delete takes its forum and memberships", func(t *testing.T) {
		tm := e.team(t, "Spam", mail.ID, &sos.ID)
		p := e.person(t, "Sam Spade", "sam@example.com")
		m1 := e.membership(t, p.ID, tm.ForumID, radiator.RoleMember)
		m2 := e.membership(t, p.ID, tm.ForumID, radiator.RoleScrumMaster)
		keep := e.membership(t, p.ID, sos.ID, radiator.RoleScrumMaster)
		mark := e.mark(t)
		at := e.tick()
		must(t, "DeleteTeam", e.store.DeleteTeam(e.ctx, tm.ID, 1))
		evs := e.wantEvents(t, mark, at,
			eventKey{radiator.EntityTeam, tm.ID, radiator.ActionDelete},
			eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionDelete},
			eventKey{radiator.EntityMembership, m1.ID, radiator.ActionDelete},
			eventKey{radiator.EntityMembership, m2.ID, radiator.ActionDelete})
		same(t, "membership delete event", findEvent(t, evs, eventKey{radiator.EntityMembership, m1.ID, radiator.ActionDelete}).Before, m1)
		_, err := e.store.FindForumByID(e.ctx, tm.ForumID)
		wantError(t, "find deleted team's forum", err, radiator.ENOTFOUND, "")
		for _, m := range []*radiator.Membership{m1, m2} {
			_, err := e.store.FindMembershipByID(e.ctx, m.ID)
			wantError(t, "find membership of deleted team", err, radiator.ENOTFOUND, "")
		}
		if _, err := e.store.FindMembershipByID(e.ctx, keep.ID); err != nil {
			t.Fatalf("membership in another forum: %v", err)
		}
	})
}

func testDeleteForum(t *testing.T, open Opener) {
	e := newEnv(t, open)
	fo := e.forum(t, "Guild", 2, radiator.ForumOther, nil, nil)
	other := e.forum(t, "Other guild", 2, radiator.ForumOther, nil, nil)
	p := e.person(t, "Sam Spade", "sam@example.com")
	m := e.membership(t, p.ID, fo.ID, radiator.RoleCoach)
	keep := e.membership(t, p.ID, other.ID, radiator.RoleCoach)
	mark := e.mark(t)
	at := e.tick()
	must(t, "DeleteForum", e.store.DeleteForum(e.ctx, fo.ID, 1))
	e.wantEvents(t, mark, at, eventKey{radiator.EntityForum, fo.ID, radiator.ActionDelete},
		eventKey{radiator.EntityMembership, m.ID, radiator.ActionDelete})
	_, err := e.store.FindMembershipByID(e.ctx, m.ID)
	wantError(t, "find membership of deleted forum", err, radiator.ENOTFOUND, "")
	if _, err := e.store.FindMembershipByID(e.ctx, keep.ID); err != nil {
		t.Fatalf("membership in another forum: %v", err)
	}
}

func testDeletePerson(t *testing.T, open Opener) {
	e := newEnv(t, open)
	fo := e.forum(t, "Guild", 2, radiator.ForumOther, nil, nil)
	p := e.person(t, "Sam Spade", "sam@example.com")
	other := e.person(t, "Nick Charles", "nick@example.com")
	m1 := e.membership(t, p.ID, fo.ID, radiator.RoleCoach)
	m2 := e.membership(t, p.ID, fo.ID, radiator.RoleMember)
	keep := e.membership(t, other.ID, fo.ID, radiator.RoleMember)
	tok := &radiator.Token{PersonID: p.ID, Name: "CLI", Hash: "token-hash-secret"}
	must(t, "CreateToken", e.store.CreateToken(e.ctx, tok))
	ses := &radiator.Session{PersonID: p.ID, Hash: "session-hash-secret", ExpiresAt: start.Add(24 * time.Hour)}
	must(t, "CreateSession", e.store.CreateSession(e.ctx, ses))
	must(t, "SetPasswordHash", e.store.SetPasswordHash(e.ctx, p.ID, "password-hash-secret"))

	mark := e.mark(t)
	at := e.tick()
	must(t, "DeletePerson", e.store.DeletePerson(e.ctx, p.ID, 1))
	evs := e.wantEvents(t, mark, at,
		eventKey{radiator.EntityPerson, p.ID, radiator.ActionDelete},
		eventKey{radiator.EntityMembership, m1.ID, radiator.ActionDelete},
		eventKey{radiator.EntityMembership, m2.ID, radiator.ActionDelete},
		eventKey{radiator.EntityToken, tok.ID, radiator.ActionDelete},
		eventKey{radiator.EntitySession, ses.ID, radiator.ActionDelete})
	for _, ev := range evs {
		for _, secret := range []string{"token-hash-secret", "session-hash-secret", "password-hash-secret"} {
			if strings.Contains(string(ev.Before), secret) || strings.Contains(string(ev.After), secret) {
				t.Errorf("event %v holds a secret hash: %s", ev.EntityKind, ev.Before)
			}
		}
	}
	_, err := e.store.FindMembershipByID(e.ctx, m1.ID)
	wantError(t, "find membership of deleted person", err, radiator.ENOTFOUND, "")
	_, err = e.store.FindTokenByHash(e.ctx, tok.Hash)
	wantError(t, "find token of deleted person", err, radiator.ENOTFOUND, "")
	_, err = e.store.FindSessionByHash(e.ctx, ses.Hash)
	wantError(t, "find session of deleted person", err, radiator.ENOTFOUND, "")
	if _, err := e.store.FindMembershipByID(e.ctx, keep.ID); err != nil {
		t.Fatalf("another person's membership: %v", err)
	}
	// The e-mail address is free again.
	e.person(t, "Sam Spade", "sam@example.com")
}

func testPerson(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.person(t, "Ada Lovelace", "Ada.Lovelace@Example.COM")
	if p.Email != "ada.lovelace@example.com" {
		t.Errorf("CreatePerson email = %q, want it lower-cased", p.Email)
	}
	for _, email := range []string{"ada.lovelace@example.com", "ADA.LOVELACE@EXAMPLE.COM"} {
		got, err := e.store.FindPersonByEmail(e.ctx, email)
		must(t, "FindPersonByEmail "+email, err)
		same(t, "FindPersonByEmail "+email, got, p)
	}
	_, err := e.store.FindPersonByEmail(e.ctx, "nobody@example.com")
	wantError(t, "FindPersonByEmail of nobody", err, radiator.ENOTFOUND, "")

	up, err := e.store.UpdatePerson(e.ctx, p.ID, radiator.PersonUpdate{Version: 1, Email: ptr("ADA@Example.com")})
	must(t, "UpdatePerson", err)
	if up.Email != "ada@example.com" {
		t.Errorf("UpdatePerson email = %q, want it lower-cased", up.Email)
	}
	got, err := e.store.FindPersonByEmail(e.ctx, "Ada@example.com")
	must(t, "FindPersonByEmail after update", err)
	same(t, "person after update", got, up)
}

func testPassword(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.person(t, "Ada Lovelace", "ada@example.com")
	h, err := e.store.FindPasswordHash(e.ctx, p.ID)
	must(t, "FindPasswordHash", err)
	if h != "" {
		t.Fatalf("FindPasswordHash of a new person = %q, want \"\"", h)
	}

	for _, hash := range []string{"$argon2id$first-secret-hash", "$argon2id$second-secret-hash"} {
		mark := e.mark(t)
		at := e.tick()
		must(t, "SetPasswordHash", e.store.SetPasswordHash(e.ctx, p.ID, hash))
		evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityPerson, p.ID, radiator.ActionUpdate})
		for _, raw := range []json.RawMessage{evs[0].Before, evs[0].After} {
			if strings.Contains(string(raw), "secret-hash") {
				t.Errorf("password event holds the hash: %s", raw)
			}
			if _, ok := tree(t, raw).(map[string]any); !ok {
				t.Errorf("password event state = %s, want a JSON object saying what changed", raw)
			}
		}
		got, err := e.store.FindPasswordHash(e.ctx, p.ID)
		must(t, "FindPasswordHash", err)
		if got != hash {
			t.Fatalf("FindPasswordHash() = %q, want %q", got, hash)
		}
	}
	wantError(t, "SetPasswordHash of nobody", e.store.SetPasswordHash(e.ctx, missing, "x"), radiator.ENOTFOUND, "")
	_, err = e.store.FindPasswordHash(e.ctx, missing)
	wantError(t, "FindPasswordHash of nobody", err, radiator.ENOTFOUND, "")
}
