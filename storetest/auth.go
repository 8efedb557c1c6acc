package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func testToken(t *testing.T, open Opener) {
	e := newEnv(t, open)
	ada := e.person(t, "Ada Lovelace", "ada@example.com")
	bob := e.person(t, "Bob Kahn", "bob@example.com")

	mark := e.mark(t)
	at := e.tick()
	expires := at.Add(24 * time.Hour)
	tok := &radiator.Token{PersonID: ada.ID, Name: "CLI", Hash: "token-secret-1", ExpiresAt: &expires}
	must(t, "CreateToken", e.store.CreateToken(e.ctx, tok))
	if tok.ID <= 0 || !tok.CreatedAt.Equal(at) || tok.LastUsedAt != nil {
		t.Fatalf("CreateToken() = %+v, want an ID, CreatedAt %v and no LastUsedAt", tok, at)
	}
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityToken, tok.ID, radiator.ActionCreate})
	same(t, "token create event", evs[0].After, tok)
	if strings.Contains(string(evs[0].After), "token-secret") {
		t.Errorf("token event holds the hash: %s", evs[0].After)
	}

	forever := &radiator.Token{PersonID: ada.ID, Name: "Wall display", Hash: "token-secret-2"}
	must(t, "CreateToken without expiry", e.store.CreateToken(e.ctx, forever))
	bobs := &radiator.Token{PersonID: bob.ID, Name: "CLI", Hash: "token-secret-3"}
	must(t, "CreateToken for Bob", e.store.CreateToken(e.ctx, bobs))

	before := e.snapshot(t)
	wantError(t, "CreateToken with a hash in use", e.store.CreateToken(e.ctx,
		&radiator.Token{PersonID: bob.ID, Name: "Copy", Hash: "token-secret-1"}), radiator.ECONFLICT, "*")
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused CreateToken changed the store")
	}

	list, err := e.store.FindTokens(e.ctx, ada.ID)
	must(t, "FindTokens", err)
	same(t, "Ada's tokens", list, []*radiator.Token{tok, forever})

	mark = e.mark(t)
	used := e.tick()
	got, err := e.store.FindTokenByHash(e.ctx, "token-secret-1")
	must(t, "FindTokenByHash", err)
	if got.ID != tok.ID || got.PersonID != ada.ID || got.LastUsedAt == nil || !got.LastUsedAt.Equal(used) {
		t.Fatalf("FindTokenByHash() = %+v, want token %d of person %d last used at %v", got, tok.ID, ada.ID, used)
	}
	if evs := e.eventsAfter(t, mark); len(evs) != 0 {
		t.Errorf("using a token wrote %d events, want none", len(evs))
	}
	list, err = e.store.FindTokens(e.ctx, ada.ID)
	must(t, "FindTokens", err)
	if list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(used) {
		t.Errorf("LastUsedAt after use = %v, want %v", list[0].LastUsedAt, used)
	}

	_, err = e.store.FindTokenByHash(e.ctx, "no-such-token")
	wantError(t, "FindTokenByHash of an unknown hash", err, radiator.ENOTFOUND, "")

	e.clock.Set(expires)
	_, err = e.store.FindTokenByHash(e.ctx, "token-secret-1")
	wantError(t, "FindTokenByHash of an expired token", err, radiator.ENOTFOUND, "")
	if _, err := e.store.FindTokenByHash(e.ctx, "token-secret-2"); err != nil {
		t.Errorf("FindTokenByHash of a token without expiry: %v", err)
	}

	list, err = e.store.FindTokens(e.ctx, ada.ID)
	must(t, "FindTokens", err)
	mark = e.mark(t)
	at = e.tick()
	must(t, "DeleteToken", e.store.DeleteToken(e.ctx, tok.ID))
	evs = e.wantEvents(t, mark, at, eventKey{radiator.EntityToken, tok.ID, radiator.ActionDelete})
	same(t, "token delete event", evs[0].Before, list[0])
	same(t, "token delete event after", evs[0].After, nil)
	wantError(t, "DeleteToken again", e.store.DeleteToken(e.ctx, tok.ID), radiator.ENOTFOUND, "")
	list, err = e.store.FindTokens(e.ctx, ada.ID)
	must(t, "FindTokens", err)
	if got := idsOf(list...); !slices.Equal(got, []int64{forever.ID}) {
		t.Errorf("Ada's tokens after delete = %v, want %v", got, []int64{forever.ID})
	}
}

func testSession(t *testing.T, open Opener) {
	e := newEnv(t, open)
	ada := e.person(t, "Ada Lovelace", "ada@example.com")

	mark := e.mark(t)
	at := e.tick()
	s := &radiator.Session{PersonID: ada.ID, Hash: "session-secret-1", ExpiresAt: at.Add(time.Hour)}
	must(t, "CreateSession", e.store.CreateSession(e.ctx, s))
	if s.ID <= 0 || !s.CreatedAt.Equal(at) {
		t.Fatalf("CreateSession() = %+v, want an ID and CreatedAt %v", s, at)
	}
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntitySession, s.ID, radiator.ActionCreate})
	same(t, "session create event", evs[0].After, s)
	if strings.Contains(string(evs[0].After), "session-secret") {
		t.Errorf("session event holds the hash: %s", evs[0].After)
	}

	before := e.snapshot(t)
	wantError(t, "CreateSession with a hash in use", e.store.CreateSession(e.ctx,
		&radiator.Session{PersonID: ada.ID, Hash: "session-secret-1", ExpiresAt: at.Add(time.Hour)}), radiator.ECONFLICT, "*")
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused CreateSession changed the store")
	}

	e.clock.Set(s.ExpiresAt.Add(-time.Second))
	got, err := e.store.FindSessionByHash(e.ctx, "session-secret-1")
	must(t, "FindSessionByHash", err)
	same(t, "session", got, s)
	if got.PersonID != ada.ID {
		t.Errorf("session person = %d, want %d", got.PersonID, ada.ID)
	}
	_, err = e.store.FindSessionByHash(e.ctx, "no-such-session")
	wantError(t, "FindSessionByHash of an unknown hash", err, radiator.ENOTFOUND, "")

	e.clock.Set(s.ExpiresAt)
	_, err = e.store.FindSessionByHash(e.ctx, "session-secret-1")
	wantError(t, "FindSessionByHash of an expired session", err, radiator.ENOTFOUND, "")

	mark = e.mark(t)
	at = e.tick()
	must(t, "DeleteSession", e.store.DeleteSession(e.ctx, s.ID))
	evs = e.wantEvents(t, mark, at, eventKey{radiator.EntitySession, s.ID, radiator.ActionDelete})
	same(t, "session delete event", evs[0].Before, s)
	wantError(t, "DeleteSession again", e.store.DeleteSession(e.ctx, s.ID), radiator.ENOTFOUND, "")
}

func testEvents(t *testing.T, open Opener) {
	e := newEnv(t, open)
	bee := radiator.Actor{PersonID: 7002, Name: "Bee"}
	beeCtx := radiator.NewContextWithActor(t.Context(), bee)
	systemCtx := t.Context()

	t1 := e.tick()
	p1 := &radiator.Product{Key: "MAIL", Name: "Mail"}
	must(t, "CreateProduct", e.store.CreateProduct(e.ctx, p1))
	t2 := e.tick()
	p2 := &radiator.Product{Key: "CHAT", Name: "Chat"}
	must(t, "CreateProduct by Bee", e.store.CreateProduct(beeCtx, p2))
	t3 := e.tick()
	_, err := e.store.UpdateProduct(systemCtx, p1.ID, radiator.ProductUpdate{Version: 1, Name: ptr("Mail and calendar")})
	must(t, "UpdateProduct by the system", err)
	t4 := e.tick()
	tm := &radiator.Team{Name: "Inbox", ProductID: p1.ID}
	must(t, "CreateTeam", e.store.CreateTeam(e.ctx, tm))

	all, next, err := e.store.FindEvents(e.ctx, radiator.EventFilter{})
	must(t, "FindEvents", err)
	if len(all) != 5 || next != "" {
		t.Fatalf("FindEvents() returned %d events and next %q, want 5 and \"\"", len(all), next)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID {
			t.Fatalf("events not in ID order: %d after %d", all[i].ID, all[i-1].ID)
		}
	}
	wantMeta := []struct {
		key   eventKey
		at    time.Time
		actor *int64
		name  string
	}{
		{eventKey{radiator.EntityProduct, p1.ID, radiator.ActionCreate}, t1, &testActor.PersonID, testActor.Name},
		{eventKey{radiator.EntityProduct, p2.ID, radiator.ActionCreate}, t2, &bee.PersonID, bee.Name},
		{eventKey{radiator.EntityProduct, p1.ID, radiator.ActionUpdate}, t3, nil, "system"},
	}
	for i, w := range wantMeta {
		ev := all[i]
		if got := (eventKey{ev.EntityKind, ev.EntityID, ev.Action}); got != w.key {
			t.Errorf("event %d = %v, want %v", i, got, w.key)
		}
		if !ev.At.Equal(w.at) {
			t.Errorf("event %d at %v, want %v", i, ev.At, w.at)
		}
		if (ev.ActorID == nil) != (w.actor == nil) || (w.actor != nil && *ev.ActorID != *w.actor) || ev.ActorName != w.name {
			t.Errorf("event %d actor = %v %q, want %v %q", i, ev.ActorID, ev.ActorName, w.actor, w.name)
		}
	}

	evID := func(i int) int64 { return all[i].ID }
	cases := []struct {
		name   string
		filter radiator.EventFilter
		want   []int64
	}{
		{"kind", radiator.EventFilter{EntityKind: radiator.EntityProduct}, []int64{evID(0), evID(1), evID(2)}},
		{"kind and id", radiator.EventFilter{EntityKind: radiator.EntityProduct, EntityID: p1.ID}, []int64{evID(0), evID(2)}},
		{"team", radiator.EventFilter{EntityKind: radiator.EntityTeam, EntityID: tm.ID}, []int64{findEvent(t, all,
			eventKey{radiator.EntityTeam, tm.ID, radiator.ActionCreate}).ID}},
		{"actor", radiator.EventFilter{ActorID: bee.PersonID}, []int64{evID(1)}},
		{"since", radiator.EventFilter{Since: t2}, []int64{evID(1), evID(2), evID(3), evID(4)}},
		{"until", radiator.EventFilter{Until: t2}, []int64{evID(0)}},
		{"since and until", radiator.EventFilter{Since: t2, Until: t4}, []int64{evID(1), evID(2)}},
		{"actor and kind", radiator.EventFilter{ActorID: testActor.PersonID, EntityKind: radiator.EntityForum},
			[]int64{findEvent(t, all, eventKey{radiator.EntityForum, tm.ForumID, radiator.ActionCreate}).ID}},
		{"nothing", radiator.EventFilter{EntityKind: radiator.EntitySprint}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := walk(t, "FindEvents", 1, func(p radiator.Page) ([]*radiator.Event, string, error) {
				f := c.filter
				f.Page = p
				return e.store.FindEvents(e.ctx, f)
			})
			if ids := idsOf(got...); !slices.Equal(ids, c.want) {
				t.Fatalf("FindEvents(%s) = %v, want %v", c.name, ids, c.want)
			}
		})
	}
}
