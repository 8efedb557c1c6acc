package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func testBacklogItemRank(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	other := e.product(t, "CHAT")
	e.item(t, other.ID, radiator.KindStory, "elsewhere", withRank("zzz"))
	z := e.item(t, p.ID, radiator.KindStory, "z", withRank("z"))
	i := e.item(t, p.ID, radiator.KindStory, "i", withRank("i"))
	oi := e.item(t, p.ID, radiator.KindStory, "0i", withRank("0i"))
	iz := e.item(t, p.ID, radiator.KindStory, "iz", withRank("iz"))

	list := func() []int64 {
		t.Helper()
		items, _, err := e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{ProductID: p.ID})
		must(t, "FindBacklogItems", err)
		return idsOf(items...)
	}
	if got, want := list(), []int64{oi.ID, i.ID, iz.ID, z.ID}; !slices.Equal(got, want) {
		t.Fatalf("items in rank order = %v, want %v (0i < i < iz < z)", got, want)
	}

	last := e.item(t, p.ID, radiator.KindStory, "appended")
	if want := radiator.RankBetween("z", ""); last.Rank != want {
		t.Errorf("rank of an item created without one = %q, want %q: after the product's last item", last.Rank, want)
	}
	got, err := e.store.FindBacklogItemByID(e.ctx, last.ID)
	must(t, "FindBacklogItemByID", err)
	same(t, "appended item", got, last)

	// Each product's backlog has its own end.
	otherLast := e.item(t, other.ID, radiator.KindStory, "appended elsewhere")
	if want := radiator.RankBetween("zzz", ""); otherLast.Rank != want {
		t.Errorf("rank of an item appended to another product = %q, want %q", otherLast.Rank, want)
	}
	empty := e.product(t, "EMPTY")
	only := e.item(t, empty.ID, radiator.KindStory, "only")
	if want := radiator.RankBetween("", ""); only.Rank != want {
		t.Errorf("rank of the first item of a product = %q, want %q", only.Rank, want)
	}

	// Moving an item rewrites its rank alone.
	up, err := e.store.UpdateBacklogItem(e.ctx, z.ID, radiator.BacklogItemUpdate{Version: 1, Rank: ptr(radiator.RankBetween("", "0i"))})
	must(t, "UpdateBacklogItem rank", err)
	if got, want := list(), []int64{z.ID, oi.ID, i.ID, iz.ID, last.ID}; !slices.Equal(got, want) {
		t.Fatalf("items after moving %q to the top = %v, want %v", up.Title, got, want)
	}

	// Equal ranks fall back to ID order.
	tie := e.item(t, p.ID, radiator.KindStory, "tie", withRank("i"))
	if got, want := list(), []int64{z.ID, oi.ID, i.ID, tie.ID, iz.ID, last.ID}; !slices.Equal(got, want) {
		t.Fatalf("items with a tied rank = %v, want %v", got, want)
	}
}

func testBacklogItemDone(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	done := e.item(t, p.ID, radiator.KindStory, "born done", withState(radiator.StateDone))
	if done.DoneAt == nil || !done.DoneAt.Equal(e.clock.Now()) {
		t.Errorf("DoneAt of an item created done = %v, want %v", done.DoneAt, e.clock.Now())
	}
	it := e.item(t, p.ID, radiator.KindStory, "work", withDone(start.Add(-time.Hour)))
	if it.DoneAt != nil {
		t.Errorf("DoneAt of a new item = %v, want nil: DoneAt is read-only", it.DoneAt)
	}

	steps := []struct {
		state    string
		wantDone bool
	}{
		{radiator.StateInProgress, false},
		{radiator.StateDone, true},
		{radiator.StateReady, false},
		{radiator.StateDone, true},
	}
	version := int64(1)
	for _, s := range steps {
		at := e.tick()
		up, err := e.store.UpdateBacklogItem(e.ctx, it.ID, radiator.BacklogItemUpdate{Version: version, State: ptr(s.state)})
		must(t, "UpdateBacklogItem state "+s.state, err)
		version = up.Version
		switch {
		case s.wantDone && (up.DoneAt == nil || !up.DoneAt.Equal(at)):
			t.Errorf("DoneAt after moving to %s = %v, want %v", s.state, up.DoneAt, at)
		case !s.wantDone && up.DoneAt != nil:
			t.Errorf("DoneAt after moving to %s = %v, want nil", s.state, up.DoneAt)
		}
		got, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		same(t, "item after moving to "+s.state, got, up)
	}

	// A change that keeps the item done keeps when it was done.
	doneAt := e.clock.Now()
	e.tick()
	up, err := e.store.UpdateBacklogItem(e.ctx, it.ID, radiator.BacklogItemUpdate{Version: version, Title: ptr("work, retitled")})
	must(t, "UpdateBacklogItem title", err)
	if up.DoneAt == nil || !up.DoneAt.Equal(doneAt) {
		t.Errorf("DoneAt after retitling a done item = %v, want %v", up.DoneAt, doneAt)
	}
}

func withDone(at time.Time) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.DoneAt = &at }
}

// filterCase lists with one filter and the IDs it must return, in order.
type filterCase struct {
	name string
	list func(e *env, f *fixture) (any, error)
	want func(f *fixture) []int64
}

// idsOf returns the IDs of entities.
func idsOf[T any](vs ...*T) []int64 {
	out := make([]int64, 0, len(vs))
	for _, v := range vs {
		out = append(out, reflect.ValueOf(v).Elem().FieldByName("ID").Int())
	}
	return out
}

// listIDs returns the IDs of a list of entities.
func listIDs(v any) []int64 {
	list := reflect.ValueOf(v)
	out := make([]int64, 0, list.Len())
	for i := range list.Len() {
		out = append(out, list.Index(i).Elem().FieldByName("ID").Int())
	}
	return out
}

func strip[T any](list []T, _ string, err error) (any, error) { return list, err }

func testFilters(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	ctx := e.ctx
	teamForums := func(f *fixture) []int64 {
		return []int64{f.tMailA.ForumID, f.tMailB.ForumID, f.tChatA.ForumID, f.tChatB.ForumID}
	}
	cases := []filterCase{
		{"products/all", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindProducts(ctx, radiator.ProductFilter{}))
		}, func(f *fixture) []int64 { return idsOf(f.mail, f.chat) }},
		{"products/key", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindProducts(ctx, radiator.ProductFilter{Key: "CHAT"}))
		}, func(f *fixture) []int64 { return idsOf(f.chat) }},
		{"products/key unknown", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindProducts(ctx, radiator.ProductFilter{Key: "NONE"}))
		}, func(f *fixture) []int64 { return nil }},

		{"forums/all", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{}))
		}, func(f *fixture) []int64 {
			return append(idsOf(f.steering, f.portfolio, f.sosMail, f.sosChat), teamForums(f)...)
		}},
		{"forums/tier 1", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{Tier: 1}))
		}, teamForums},
		{"forums/tier 2", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{Tier: 2}))
		}, func(f *fixture) []int64 { return idsOf(f.sosMail, f.sosChat) }},
		{"forums/kind", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{Kind: radiator.ForumSteering}))
		}, func(f *fixture) []int64 { return idsOf(f.steering) }},
		{"forums/product", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{ProductID: f.chat.ID}))
		}, func(f *fixture) []int64 { return []int64{f.sosChat.ID, f.tChatA.ForumID, f.tChatB.ForumID} }},
		{"forums/parent", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{ParentID: f.sosMail.ID}))
		}, func(f *fixture) []int64 { return []int64{f.tMailA.ForumID, f.tMailB.ForumID} }},
		{"forums/team", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{TeamID: f.tChatA.ID}))
		}, func(f *fixture) []int64 { return []int64{f.tChatA.ForumID} }},
		{"forums/tier and product", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindForums(ctx, radiator.ForumFilter{Tier: 1, ProductID: f.mail.ID}))
		}, func(f *fixture) []int64 { return []int64{f.tMailA.ForumID, f.tMailB.ForumID} }},

		{"teams/all", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindTeams(ctx, radiator.TeamFilter{}))
		}, func(f *fixture) []int64 { return idsOf(f.tMailA, f.tMailB, f.tChatA, f.tChatB) }},
		{"teams/product", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindTeams(ctx, radiator.TeamFilter{ProductID: f.chat.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.tChatA, f.tChatB) }},
		{"teams/parent forum", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindTeams(ctx, radiator.TeamFilter{ParentForumID: f.sosMail.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.tMailA, f.tMailB) }},
		{"teams/person", func(e *env, f *fixture) (any, error) {
			// Ada holds two roles in one team: the team comes once.
			return strip(e.store.FindTeams(ctx, radiator.TeamFilter{PersonID: f.ada.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.tMailA) }},
		{"teams/person in two", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindTeams(ctx, radiator.TeamFilter{PersonID: f.bob.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.tMailA, f.tMailB) }},

		{"people/all", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindPeople(ctx, radiator.PersonFilter{}))
		}, func(f *fixture) []int64 { return idsOf(f.ada, f.bob, f.cy, f.dee) }},
		{"people/email", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindPeople(ctx, radiator.PersonFilter{Email: "Bob@Example.com"}))
		}, func(f *fixture) []int64 { return idsOf(f.bob) }},
		{"people/forum", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindPeople(ctx, radiator.PersonFilter{ForumID: f.tMailA.ForumID}))
		}, func(f *fixture) []int64 { return idsOf(f.ada, f.bob) }},

		{"memberships/all", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{}))
		}, func(f *fixture) []int64 {
			return idsOf(f.adaMember, f.adaTester, f.adaSM, f.bobPO, f.bobMember, f.cyMember, f.cyCoach, f.deeLead)
		}},
		{"memberships/person", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{PersonID: f.ada.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.adaMember, f.adaTester, f.adaSM) }},
		{"memberships/forum", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{ForumID: f.tMailA.ForumID}))
		}, func(f *fixture) []int64 { return idsOf(f.adaMember, f.adaTester, f.bobPO) }},
		{"memberships/team", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{TeamID: f.tMailB.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.bobMember) }},
		{"memberships/role", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{Role: radiator.RoleMember}))
		}, func(f *fixture) []int64 { return idsOf(f.adaMember, f.bobMember, f.cyMember) }},
		{"memberships/person and role", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindMemberships(ctx, radiator.MembershipFilter{PersonID: f.ada.ID, Role: radiator.RoleTester}))
		}, func(f *fixture) []int64 { return idsOf(f.adaTester) }},

		{"releases/all by date", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindReleases(ctx, radiator.ReleaseFilter{}))
		}, func(f *fixture) []int64 { return idsOf(f.rMail1, f.rMailFix, f.rChat1, f.rMail2) }},
		{"releases/product", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: f.mail.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.rMail1, f.rMailFix, f.rMail2) }},
		{"releases/phase", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindReleases(ctx, radiator.ReleaseFilter{Phase: radiator.PhasePlanning}))
		}, func(f *fixture) []int64 { return idsOf(f.rMailFix, f.rChat1) }},
		{"releases/kind", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindReleases(ctx, radiator.ReleaseFilter{Kind: radiator.ReleaseHotfix}))
		}, func(f *fixture) []int64 { return idsOf(f.rMailFix) }},

		{"sprints/all by start", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{}))
		}, func(f *fixture) []int64 { return idsOf(f.sA1, f.sA2, f.sChat, f.sA3) }},
		{"sprints/team", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{TeamID: f.tMailA.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.sA1, f.sA2, f.sA3) }},
		{"sprints/product", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{ProductID: f.chat.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.sChat) }},
		{"sprints/state", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{State: radiator.SprintActive}))
		}, func(f *fixture) []int64 { return idsOf(f.sA2, f.sChat) }},
		{"sprints/on first day", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{On: radiator.MustDate("2025-02-17")}))
		}, func(f *fixture) []int64 { return idsOf(f.sA2, f.sChat) }},
		{"sprints/on last day", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{On: radiator.MustDate("2025-02-16")}))
		}, func(f *fixture) []int64 { return idsOf(f.sA1) }},
		{"sprints/on and team", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindSprints(ctx, radiator.SprintFilter{On: radiator.MustDate("2025-03-01"), TeamID: f.tChatA.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.sChat) }},

		{"items/all by rank", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: f.mail.ID}))
		}, func(f *fixture) []int64 {
			return idsOf(f.initiative, f.feat1, f.feat2, f.story1, f.story2, f.story3, f.story4)
		}},
		{"items/kind", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{Kind: radiator.KindFeature}))
		}, func(f *fixture) []int64 {
			// Across products, ranks interleave: Chat's first feature
			// ranks "i", below Mail's features.
			return idsOf(f.feat3, f.feat1, f.feat2)
		}},
		{"items/state", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{State: radiator.StateNew, Kind: radiator.KindStory}))
		}, func(f *fixture) []int64 { return idsOf(f.story5, f.story4) }},
		{"items/team", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{TeamID: f.tMailA.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.story1, f.story2) }},
		{"items/sprint", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{SprintID: f.sA3.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.story2) }},
		{"items/release", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ReleaseID: f.rMail2.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.feat1, f.feat2) }},
		{"items/parent", func(e *env, f *fixture) (any, error) {
			return strip(e.store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ParentID: f.feat1.ID}))
		}, func(f *fixture) []int64 { return idsOf(f.story1, f.story2) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			list, err := c.list(e, f)
			must(t, c.name, err)
			got := listIDs(list)
			if want := c.want(f); !slices.Equal(got, want) {
				t.Fatalf("%s = %v, want %v", c.name, got, want)
			}
		})
	}
}

// lister lists one page of one kind of entity, returning the IDs.
type lister struct {
	name string
	list func(e *env, f *fixture, p radiator.Page) ([]int64, string, error)
}

func pageIDs[T any](list []*T, next string, err error) ([]int64, string, error) {
	if err != nil {
		return nil, "", err
	}
	return idsOf(list...), next, nil
}

func listers() []lister {
	return []lister{
		{"products", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindProducts(e.ctx, radiator.ProductFilter{Page: p}))
		}},
		{"forums", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindForums(e.ctx, radiator.ForumFilter{Page: p}))
		}},
		{"forums of a product", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindForums(e.ctx, radiator.ForumFilter{ProductID: f.mail.ID, Page: p}))
		}},
		{"teams", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindTeams(e.ctx, radiator.TeamFilter{Page: p}))
		}},
		{"people", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindPeople(e.ctx, radiator.PersonFilter{Page: p}))
		}},
		{"memberships", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindMemberships(e.ctx, radiator.MembershipFilter{Page: p}))
		}},
		{"releases", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindReleases(e.ctx, radiator.ReleaseFilter{Page: p}))
		}},
		{"sprints", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindSprints(e.ctx, radiator.SprintFilter{Page: p}))
		}},
		{"items", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{Page: p}))
		}},
		{"items of a product", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{ProductID: f.mail.ID, Page: p}))
		}},
		{"events", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindEvents(e.ctx, radiator.EventFilter{Page: p}))
		}},
		{"events of a kind", func(e *env, f *fixture, p radiator.Page) ([]int64, string, error) {
			return pageIDs(e.store.FindEvents(e.ctx, radiator.EventFilter{EntityKind: radiator.EntityBacklogItem, Page: p}))
		}},
	}
}

func testPagination(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	// Ties in the sort keys must not lose or repeat entries across pages.
	e.item(t, f.mail.ID, radiator.KindStory, "tied 1", withRank("k"))
	e.item(t, f.mail.ID, radiator.KindStory, "tied 2", withRank("k"))
	e.item(t, f.mail.ID, radiator.KindStory, "tied 3", withRank("k"))
	e.release(t, f.chat.ID, "same day", "2025-02-01", radiator.PhaseReleased, radiator.ReleaseRegular)
	e.sprint(t, f.tChatB.ID, "same start", "2025-02-17", "2025-03-02", radiator.SprintClosed)

	for _, l := range listers() {
		t.Run(l.name, func(t *testing.T) {
			full, next, err := l.list(e, f, radiator.Page{})
			must(t, "full list", err)
			if next != "" {
				t.Fatalf("full list of %d has next cursor %q, want \"\"", len(full), next)
			}
			if len(full) < 2 {
				t.Fatalf("full list has %d entries; the fixture should give more", len(full))
			}
			if n := len(slices.Compact(slices.Sorted(slices.Values(full)))); n != len(full) {
				t.Fatalf("full list repeats entries: %v", full)
			}
			for _, limit := range []int{1, 2, 3, len(full), len(full) + 1} {
				got := walk(t, l.name, limit, func(p radiator.Page) ([]int64, string, error) { return l.list(e, f, p) })
				if !slices.Equal(got, full) {
					t.Errorf("pages of %d = %v, want %v", limit, got, full)
				}
			}
			_, _, err = l.list(e, f, radiator.Page{Limit: -1})
			wantError(t, "negative limit", err, radiator.EINVALID, "limit")
			_, _, err = l.list(e, f, radiator.Page{After: "not a cursor!"})
			wantError(t, "bad cursor", err, radiator.EINVALID, "after")
		})
	}
}

func testDefaultLimit(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := e.forum(t, "Town hall", 4, radiator.ForumOther, nil, nil)
	for i := range radiator.DefaultLimit + 1 {
		p := e.person(t, fmt.Sprintf("Person %d", i), fmt.Sprintf("p%03d@example.com", i))
		e.membership(t, p.ID, f.ID, radiator.RoleMember)
	}
	people, next, err := e.store.FindPeople(e.ctx, radiator.PersonFilter{ForumID: f.ID})
	must(t, "FindPeople", err)
	if len(people) != radiator.DefaultLimit || next == "" {
		t.Fatalf("FindPeople without a limit returned %d and next %q, want %d and a cursor", len(people), next, radiator.DefaultLimit)
	}
	rest, next, err := e.store.FindPeople(e.ctx, radiator.PersonFilter{ForumID: f.ID, Page: radiator.Page{After: next}})
	must(t, "FindPeople second page", err)
	if len(rest) != 1 || next != "" {
		t.Fatalf("second page has %d and next %q, want 1 and \"\"", len(rest), next)
	}
	all, _, err := e.store.FindPeople(e.ctx, radiator.PersonFilter{Page: radiator.Page{Limit: radiator.MaxLimit + 1}})
	must(t, "FindPeople above the maximum limit", err)
	if len(all) != radiator.DefaultLimit+1 {
		t.Fatalf("FindPeople with a limit above the maximum returned %d, want all %d", len(all), radiator.DefaultLimit+1)
	}
}
