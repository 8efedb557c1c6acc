package storetest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/radiator-hq/radiator"
)

// maxRank is the longest rank a move leaves; a longer one makes the store
// spread the product's ranks anew.
const maxRank = 24

// productOrder returns a product's items in backlog order.
func (e *env) productOrder(t testing.TB, product int64) []*radiator.BacklogItem {
	t.Helper()
	return walk(t, "FindBacklogItems", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.BacklogItem, string, error) {
		return e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{ProductID: product, Page: p})
	})
}

// checkRanks fails unless the product's ranks are distinct, at most
// maxRank long, and the items come in the order want.
func (e *env) checkRanks(t testing.TB, product int64, want []int64) {
	t.Helper()
	items := e.productOrder(t, product)
	if got := idsOf(items...); !slices.Equal(got, want) {
		t.Fatalf("backlog order = %v, want %v", got, want)
	}
	for i, it := range items {
		if len(it.Rank) > maxRank || !radiator.ValidRank(it.Rank) {
			t.Fatalf("item %d has rank %q: want a valid rank of at most %d characters", it.ID, it.Rank, maxRank)
		}
		if i > 0 && items[i-1].Rank >= it.Rank {
			t.Fatalf("ranks %q (item %d) and %q (item %d) do not rise", items[i-1].Rank, items[i-1].ID, it.Rank, it.ID)
		}
	}
}

// moveFixture is a backlog of five items, one item of another product and
// two items tied on one rank.
type moveFixture struct {
	mail, chat    *radiator.Product
	a, b, c, d, x *radiator.BacklogItem
	other         *radiator.BacklogItem
}

func testMoveBacklogItem(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := &moveFixture{}
	f.mail = e.product(t, "MAIL")
	f.chat = e.product(t, "CHAT")
	f.a = e.item(t, f.mail.ID, radiator.KindStory, "a")
	f.b = e.item(t, f.mail.ID, radiator.KindStory, "b")
	f.c = e.item(t, f.mail.ID, radiator.KindStory, "c")
	f.d = e.item(t, f.mail.ID, radiator.KindStory, "d")
	f.x = e.item(t, f.mail.ID, radiator.KindStory, "x")
	f.other = e.item(t, f.chat.ID, radiator.KindStory, "other")
	inv := radiator.EINVALID
	move := func(e *env, id int64, m radiator.BacklogMove) error {
		_, err := e.store.MoveBacklogItem(e.ctx, id, m)
		return err
	}
	refusals := []refusalOf[*moveFixture]{
		{name: "before an item of another product", code: inv, field: "before", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, Before: f.other.ID})
		}},
		{name: "after an item of another product", code: inv, field: "after", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, After: f.other.ID})
		}},
		{name: "before a missing item", code: inv, field: "before", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, Before: missing})
		}},
		{name: "after a missing item", code: inv, field: "after", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, After: missing})
		}},
		{name: "stale version", code: radiator.ECONFLICT, field: "*", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 2, Before: f.c.ID})
		}},
		{name: "no version", code: inv, field: "version", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Before: f.c.ID})
		}},
		{name: "missing item", code: radiator.ENOTFOUND, field: "", write: func(e *env, f *moveFixture) error {
			return move(e, missing, radiator.BacklogMove{Version: 1, Position: "top"})
		}},
		{name: "two places", code: inv, field: "before", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, Before: f.c.ID, Position: "top"})
		}},
		{name: "no place", code: inv, field: "before", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1})
		}},
		{name: "next to itself", code: inv, field: "before", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, After: f.a.ID})
		}},
		{name: "unknown position", code: inv, field: "position", write: func(e *env, f *moveFixture) error {
			return move(e, f.a.ID, radiator.BacklogMove{Version: 1, Position: "middle"})
		}},
	}
	runRefusals(t, e, f, refusals)

	steps := []struct {
		name string
		item *radiator.BacklogItem
		move func(f *moveFixture) radiator.BacklogMove
		want func(f *moveFixture) []*radiator.BacklogItem
	}{
		{"before", f.x, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{Before: f.b.ID} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.a, f.x, f.b, f.c, f.d} }},
		{"after", f.a, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{After: f.c.ID} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.x, f.b, f.c, f.a, f.d} }},
		{"after the last", f.b, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{After: f.d.ID} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.x, f.c, f.a, f.d, f.b} }},
		{"before the first", f.d, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{Before: f.x.ID} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.d, f.x, f.c, f.a, f.b} }},
		{"top", f.a, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{Position: "top"} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.a, f.d, f.x, f.c, f.b} }},
		{"bottom", f.d, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{Position: "bottom"} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.a, f.x, f.c, f.b, f.d} }},
		{"top when first", f.a, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{Position: "top"} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.a, f.x, f.c, f.b, f.d} }},
		{"where it is", f.c, func(f *moveFixture) radiator.BacklogMove { return radiator.BacklogMove{After: f.x.ID} },
			func(f *moveFixture) []*radiator.BacklogItem { return []*radiator.BacklogItem{f.a, f.x, f.c, f.b, f.d} }},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			before, err := e.store.FindBacklogItemByID(e.ctx, s.item.ID)
			must(t, "FindBacklogItemByID", err)
			m := s.move(f)
			m.Version = before.Version
			mark := e.mark(t)
			at := e.tick()
			moved, err := e.store.MoveBacklogItem(e.ctx, s.item.ID, m)
			must(t, "MoveBacklogItem", err)
			want := *before
			want.Rank, want.Version, want.UpdatedAt = moved.Rank, before.Version+1, at
			same(t, "moved item", moved, &want)
			// A move rewrites the moved item's rank alone.
			evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, s.item.ID, radiator.ActionUpdate})
			same(t, "move event before", evs[0].Before, before)
			same(t, "move event after", evs[0].After, moved)
			got, err := e.store.FindBacklogItemByID(e.ctx, s.item.ID)
			must(t, "FindBacklogItemByID", err)
			same(t, "item after the move", got, moved)
			e.checkRanks(t, f.mail.ID, idsOf(s.want(f)...))
		})
	}
	other, err := e.store.FindBacklogItemByID(e.ctx, f.other.ID)
	must(t, "FindBacklogItemByID", err)
	same(t, "item of another product", other, f.other)

	t.Run("between tied ranks", func(t *testing.T) {
		p := e.product(t, "TIE")
		t1 := e.item(t, p.ID, radiator.KindStory, "t1", withRank("k"))
		t2 := e.item(t, p.ID, radiator.KindStory, "t2", withRank("k"))
		t3 := e.item(t, p.ID, radiator.KindStory, "t3", withRank("k"))
		m := e.item(t, p.ID, radiator.KindStory, "m")
		_, err := e.store.MoveBacklogItem(e.ctx, m.ID, radiator.BacklogMove{Version: 1, After: t1.ID})
		must(t, "MoveBacklogItem between tied ranks", err)
		e.checkRanks(t, p.ID, idsOf(t1, m, t2, t3))
	})
}

// moveStep checks one move of item after the item prev: when the rank
// RankBetween gives fits, only the moved item changes, to that rank; else
// the product's ranks are spread anew, each re-ranked item with its event.
// It reports whether the move spread the ranks.
func (e *env) moveStep(t testing.TB, product, id, prev int64) bool {
	t.Helper()
	order := e.productOrder(t, product)
	var moved *radiator.BacklogItem
	var rest []*radiator.BacklogItem
	for _, it := range order {
		if it.ID == id {
			moved = it
		} else {
			rest = append(rest, it)
		}
	}
	i := slices.IndexFunc(rest, func(it *radiator.BacklogItem) bool { return it.ID == prev })
	next := ""
	if i+1 < len(rest) {
		next = rest[i+1].Rank
	}
	// RankBetween needs rising ranks: tied neighbours leave no room.
	want, fits := "", false
	if next == "" || rest[i].Rank < next {
		want = radiator.RankBetween(rest[i].Rank, next)
		fits = len(want) <= maxRank
	}
	mark := e.mark(t)
	at := e.tick()
	got, err := e.store.MoveBacklogItem(e.ctx, id, radiator.BacklogMove{Version: moved.Version, After: prev})
	must(t, "MoveBacklogItem", err)
	evs := e.eventsAfter(t, mark)
	if fits {
		if got.Rank != want || len(evs) != 1 {
			t.Fatalf("move of %d after %d: rank %q with %d events, want %q with 1 event", id, prev, got.Rank, len(evs), want)
		}
		return false
	}
	byID := map[int64]*radiator.BacklogItem{}
	for _, it := range order {
		byID[it.ID] = it
	}
	seen := map[int64]bool{}
	for _, ev := range evs {
		checkEventMeta(t, ev, at)
		old := byID[ev.EntityID]
		if ev.EntityKind != radiator.EntityBacklogItem || ev.Action != radiator.ActionUpdate || old == nil || seen[ev.EntityID] {
			t.Fatalf("spreading ranks wrote event %s %d %s, want one update per re-ranked item of the product",
				ev.EntityKind, ev.EntityID, ev.Action)
		}
		seen[ev.EntityID] = true
		var before, after radiator.BacklogItem
		must(t, "decode event", json.Unmarshal(ev.Before, &before))
		must(t, "decode event", json.Unmarshal(ev.After, &after))
		if before.Rank != old.Rank || after.Rank == old.Rank || after.Version != old.Version+1 {
			t.Fatalf("re-rank event of %d: rank %q -> %q, version %d; want from %q to another rank, version %d",
				ev.EntityID, before.Rank, after.Rank, after.Version, old.Rank, old.Version+1)
		}
	}
	if !seen[id] {
		t.Fatalf("spreading ranks wrote no event for the moved item %d", id)
	}
	for _, it := range e.productOrder(t, product) {
		if old := byID[it.ID]; !seen[it.ID] && (it.Rank != old.Rank || it.Version != old.Version) {
			t.Fatalf("item %d changed from rank %q to %q without an event", it.ID, old.Rank, it.Rank)
		}
		if len(it.Rank) > maxRank {
			t.Fatalf("after spreading the ranks, item %d has rank %q of more than %d characters", it.ID, it.Rank, maxRank)
		}
	}
	return true
}

func testMoveRebalance(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	other := e.product(t, "CHAT")
	elsewhere := e.item(t, other.ID, radiator.KindStory, "elsewhere")
	// a and b leave a gap narrow enough that a few moves into it outgrow
	// the longest rank; from ranks like "i" and "r" it takes about 125.
	a := e.item(t, p.ID, radiator.KindStory, "a", withRank("i"))
	b := e.item(t, p.ID, radiator.KindStory, "b", withRank("i"+strings.Repeat("0", 20)+"1"))
	const n = 40
	var movers []*radiator.BacklogItem
	for i := range n {
		movers = append(movers, e.item(t, p.ID, radiator.KindStory, fmt.Sprintf("m%03d", i)))
	}
	// Each mover goes right after a, into the gap the one before left.
	spreads := 0
	for _, m := range movers {
		if e.moveStep(t, p.ID, m.ID, a.ID) {
			spreads++
		}
	}
	if spreads == 0 {
		t.Fatalf("%d moves into one gap never spread the ranks", n)
	}
	t.Logf("%d moves into one gap spread the ranks %d times", n, spreads)
	want := []int64{a.ID}
	for i := n - 1; i >= 0; i-- {
		want = append(want, movers[i].ID)
	}
	e.checkRanks(t, p.ID, append(want, b.ID))
	got, err := e.store.FindBacklogItemByID(e.ctx, elsewhere.ID)
	must(t, "FindBacklogItemByID", err)
	same(t, "item of another product", got, elsewhere)
}

// testConcurrentMove moves several items next to one item at once: every
// move lands, none overwrites another.
func testConcurrentMove(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	a := e.item(t, p.ID, radiator.KindStory, "a")
	b := e.item(t, p.ID, radiator.KindStory, "b")
	c := e.item(t, p.ID, radiator.KindStory, "c")
	var movers []*radiator.BacklogItem
	for i := range 6 {
		movers = append(movers, e.item(t, p.ID, radiator.KindStory, fmt.Sprintf("m%d", i)))
	}
	mark := e.mark(t)
	at := e.tick()
	var wg sync.WaitGroup
	errs := make([]error, len(movers))
	ready := make(chan struct{})
	for i, m := range movers {
		wg.Go(func() {
			<-ready
			_, errs[i] = e.store.MoveBacklogItem(e.ctx, m.ID, radiator.BacklogMove{Version: 1, Before: b.ID})
		})
	}
	close(ready)
	wg.Wait()
	var keys []eventKey
	for i, err := range errs {
		must(t, fmt.Sprintf("concurrent move %d", i), err)
		keys = append(keys, eventKey{radiator.EntityBacklogItem, movers[i].ID, radiator.ActionUpdate})
	}
	e.wantEvents(t, mark, at, keys...)
	order := idsOf(e.productOrder(t, p.ID)...)
	if len(order) != 3+len(movers) || order[0] != a.ID || order[len(order)-2] != b.ID || order[len(order)-1] != c.ID {
		t.Fatalf("order after concurrent moves = %v, want %d, the movers, %d, %d", order, a.ID, b.ID, c.ID)
	}
	middle := slices.Sorted(slices.Values(order[1 : len(order)-2]))
	if !slices.Equal(middle, idsOf(movers...)) {
		t.Fatalf("items between %d and %d = %v, want the movers %v", a.ID, b.ID, middle, idsOf(movers...))
	}
	e.checkRanks(t, p.ID, order)
}
