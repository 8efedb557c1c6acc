package storetest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// The Scrum of Scrums tier (S2): release start and readiness, feature
// sizes, breakdowns, baselines, release events, dependencies and
// decisions.

func testReleaseStart(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	// The clock stands on 2025-03-03.
	for i, tt := range []struct {
		name, start, date, want string
	}{
		{"default is today", "", "2025-06-01", "2025-03-03"},
		{"default before a date already past", "", "2025-02-01", "2025-01-31"},
		{"default before a date of today", "", "2025-03-03", "2025-03-02"},
		{"given", "2025-04-01", "2025-06-01", "2025-04-01"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &radiator.Release{ProductID: p.ID, Name: "R" + strconv.Itoa(i), Date: radiator.MustDate(tt.date),
				Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular}
			if tt.start != "" {
				r.Start = radiator.MustDate(tt.start)
			}
			mark := e.mark(t)
			e.tick()
			must(t, "CreateRelease", e.store.CreateRelease(e.ctx, r))
			if r.Start != radiator.MustDate(tt.want) {
				t.Errorf("created start = %s, want %s", r.Start, tt.want)
			}
			got, err := e.store.FindReleaseByID(e.ctx, r.ID)
			must(t, "FindReleaseByID", err)
			same(t, "found release", got, r)
			ev := findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityRelease, r.ID, radiator.ActionCreate})
			same(t, "create event after", ev.After, r)
		})
	}

	r := e.release(t, p.ID, "Later", "2025-09-01", radiator.PhasePlanning, radiator.ReleaseRegular)
	up, err := e.store.UpdateRelease(e.ctx, r.ID, radiator.ReleaseUpdate{Version: 1, Start: ptr(radiator.MustDate("2025-07-01"))})
	must(t, "UpdateRelease start", err)
	got, err := e.store.FindReleaseByID(e.ctx, r.ID)
	must(t, "FindReleaseByID", err)
	if got.Start != radiator.MustDate("2025-07-01") {
		t.Errorf("start after update = %s, want 2025-07-01", got.Start)
	}
	same(t, "found after update", got, up)
	before := e.snapshot(t)
	_, err = e.store.UpdateRelease(e.ctx, r.ID, radiator.ReleaseUpdate{Version: 2, Start: ptr(radiator.MustDate("2025-09-01"))})
	wantError(t, "UpdateRelease start on the date", err, radiator.EINVALID, "date")
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused update changed the store:\nbefore: %s\n after: %s", before, after)
	}
}

// readinessShape is what StandardReadiness decides of an item.
type readinessShape struct {
	ReleaseID int64
	Part      string
	Title     string
	State     string
	Required  bool
	OwnerID   *int64
	Evidence  string
	Version   int64
}

func shapes(items []*radiator.ReadinessItem) []readinessShape {
	var out []readinessShape
	for _, it := range items {
		out = append(out, readinessShape{it.ReleaseID, it.Part, it.Title, it.State, it.Required, it.OwnerID, it.Evidence, it.Version})
	}
	return out
}

func testReadiness(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)

	t.Run("standard", func(t *testing.T) {
		for _, r := range []*radiator.Release{f.rMail2, f.rMailFix} {
			got, err := e.store.FindReadinessItems(e.ctx, r.ID)
			must(t, "FindReadinessItems", err)
			want := radiator.StandardReadiness(r.ID, r.Kind)
			for _, it := range want {
				it.Version = 1
			}
			same(t, "checklist of "+r.Kind+" release "+r.Name, shapes(got), shapes(want))
			for _, it := range got {
				if !it.CreatedAt.Equal(r.CreatedAt) || !it.UpdatedAt.Equal(r.CreatedAt) {
					t.Errorf("readiness item %d made at %v, %v; want %v, with its release", it.ID, it.CreatedAt, it.UpdatedAt, r.CreatedAt)
				}
			}
		}
		if n := len(radiator.StandardReadiness(0, radiator.ReleaseHotfix)); n >= len(radiator.StandardReadiness(0, radiator.ReleaseRegular)) {
			t.Fatalf("a hot fix's checklist has %d items, not fewer than a regular release's", n)
		}
		_, err := e.store.FindReadinessItems(e.ctx, missing)
		wantError(t, "FindReadinessItems of a missing release", err, radiator.ENOTFOUND, "")
	})

	t.Run("order", func(t *testing.T) {
		std, err := e.store.FindReadinessItems(e.ctx, f.rMail2.ID)
		must(t, "FindReadinessItems", err)
		other := &radiator.ReadinessItem{ReleaseID: f.rMail2.ID, Part: radiator.PartOther, Title: "Docs", State: radiator.ReadinessOpen}
		must(t, "CreateReadinessItem", e.store.CreateReadinessItem(e.ctx, other))
		integration := &radiator.ReadinessItem{ReleaseID: f.rMail2.ID, Part: radiator.PartIntegration, Title: "Contract tests",
			State: radiator.ReadinessOpen}
		must(t, "CreateReadinessItem", e.store.CreateReadinessItem(e.ctx, integration))
		got, err := e.store.FindReadinessItems(e.ctx, f.rMail2.ID)
		must(t, "FindReadinessItems", err)
		want := []int64{std[0].ID, integration.ID, std[1].ID, std[2].ID, std[3].ID, other.ID}
		if ids := idsOf(got...); !slices.Equal(ids, want) {
			t.Fatalf("FindReadinessItems = %v, want %v: by part, then ID", ids, want)
		}
	})

	t.Run("owner deleted", func(t *testing.T) {
		p := e.person(t, "Olga Ops", "olga@example.com")
		owned := &radiator.ReadinessItem{ReleaseID: f.rChat1.ID, Part: radiator.PartOperations, Title: "Pager rota",
			OwnerID: &p.ID, State: radiator.ReadinessOpen, Required: true}
		e.tick()
		must(t, "CreateReadinessItem", e.store.CreateReadinessItem(e.ctx, owned))
		mark := e.mark(t)
		at := e.tick()
		must(t, "DeletePerson", e.store.DeletePerson(e.ctx, p.ID, 0))
		evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityPerson, p.ID, radiator.ActionDelete},
			eventKey{radiator.EntityReadiness, owned.ID, radiator.ActionUpdate})
		got, err := e.store.FindReadinessItemByID(e.ctx, owned.ID)
		must(t, "FindReadinessItemByID", err)
		if got.OwnerID != nil || got.Version != 2 || !got.UpdatedAt.Equal(at) {
			t.Fatalf("readiness item after its owner's delete = %+v, want no owner, version 2, updated at %v", got, at)
		}
		ev := findEvent(t, evs, eventKey{radiator.EntityReadiness, owned.ID, radiator.ActionUpdate})
		same(t, "event before", ev.Before, owned)
		same(t, "event after", ev.After, got)
	})
}

func testReleasedOverride(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	released := radiator.PhaseReleased

	before := e.snapshot(t)
	e.tick()
	_, err := e.store.UpdateRelease(e.ctx, f.rMail2.ID, radiator.ReleaseUpdate{Version: 1, Phase: &released})
	wantError(t, "release with open readiness items", err, radiator.EINVALID, "override_reason")
	if msg := radiator.ErrorMessage(err); !strings.Contains(msg, "4 required readiness items are open") {
		t.Errorf("error message %q does not say that 4 required items are open", msg)
	}
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused release changed the store:\nbefore: %s\n after: %s", before, after)
	}

	mark := e.mark(t)
	at := e.tick()
	up, err := e.store.UpdateRelease(e.ctx, f.rMail2.ID, radiator.ReleaseUpdate{Version: 1, Phase: &released,
		OverrideReason: ptr("The customer's deadline; operations signs off next week.")})
	must(t, "release with a reason", err)
	if up.Phase != released || up.OverrideReason != "The customer's deadline; operations signs off next week." {
		t.Fatalf("released release = %+v, want phase released and the reason", up)
	}
	e.wantEvents(t, mark, at, eventKey{radiator.EntityRelease, f.rMail2.ID, radiator.ActionUpdate})
	got, err := e.store.FindReleaseByID(e.ctx, f.rMail2.ID)
	must(t, "FindReleaseByID", err)
	same(t, "found released release", got, up)

	// Done, waived and optional items need no reason.
	items, err := e.store.FindReadinessItems(e.ctx, f.rChat1.ID)
	must(t, "FindReadinessItems", err)
	for i, it := range items {
		state := radiator.ReadinessDone
		if i == 0 {
			state = radiator.ReadinessWaived
		}
		_, err := e.store.UpdateReadinessItem(e.ctx, it.ID, radiator.ReadinessItemUpdate{Version: it.Version, State: &state})
		must(t, "UpdateReadinessItem", err)
	}
	optional := &radiator.ReadinessItem{ReleaseID: f.rChat1.ID, Part: radiator.PartOther, Title: "Blog post", State: radiator.ReadinessOpen}
	must(t, "CreateReadinessItem", e.store.CreateReadinessItem(e.ctx, optional))
	up, err = e.store.UpdateRelease(e.ctx, f.rChat1.ID, radiator.ReleaseUpdate{Version: 1, Phase: &released})
	must(t, "release with the checklist done", err)
	if up.OverrideReason != "" {
		t.Errorf("override reason = %q, want none", up.OverrideReason)
	}
}

func testS2Rules(t *testing.T, open Opener) {
	inv, conf := radiator.EINVALID, radiator.ECONFLICT
	released := radiator.PhaseReleased
	firstReadiness := func(e *env, f *fixture) *radiator.ReadinessItem {
		items, err := e.store.FindReadinessItems(e.ctx, f.rMail2.ID)
		if err != nil || len(items) == 0 {
			panic("no readiness items")
		}
		return items[0]
	}
	dep := func(f *fixture, item, on int64) *radiator.Dependency {
		return &radiator.Dependency{ProductID: f.mail.ID, ItemID: item, DependsOnID: on, State: radiator.DependencyOpen}
	}
	decide := func(e *env, release int64, w radiator.WhatIf) error {
		return e.store.ApplyDecision(e.ctx, &radiator.Decision{ReleaseID: release, Change: w, Reason: "Inbox is behind."})
	}
	cases := []refusal{
		{name: "release/start after date", code: inv, field: "date", write: func(e *env, f *fixture) error {
			return e.store.CreateRelease(e.ctx, &radiator.Release{ProductID: f.mail.ID, Name: "Late", Start: radiator.MustDate("2025-07-01"),
				Date: radiator.MustDate("2025-06-01"), Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular})
		}},
		{name: "release/released with open readiness", code: inv, field: "override_reason", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateRelease(e.ctx, f.rMailFix.ID, radiator.ReleaseUpdate{Version: 1, Phase: &released, OverrideReason: ptr(" ")})
			return err
		}},

		{name: "readiness/release missing", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			return e.store.CreateReadinessItem(e.ctx, &radiator.ReadinessItem{ReleaseID: missing, Part: radiator.PartOther, Title: "T",
				State: radiator.ReadinessOpen})
		}},
		{name: "readiness/owner missing", code: inv, field: "owner_id", write: func(e *env, f *fixture) error {
			return e.store.CreateReadinessItem(e.ctx, &radiator.ReadinessItem{ReleaseID: f.rMail2.ID, Part: radiator.PartOther, Title: "T",
				OwnerID: ptr(missing), State: radiator.ReadinessOpen})
		}},
		{name: "readiness/bad part", code: inv, field: "part", write: func(e *env, f *fixture) error {
			return e.store.CreateReadinessItem(e.ctx, &radiator.ReadinessItem{ReleaseID: f.rMail2.ID, Part: "marketing", Title: "T",
				State: radiator.ReadinessOpen})
		}},
		{name: "readiness/update owner missing", code: inv, field: "owner_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateReadinessItem(e.ctx, firstReadiness(e, f).ID, radiator.ReadinessItemUpdate{Version: 1,
				OwnerID: radiator.SetTo(missing)})
			return err
		}},
		{name: "readiness/update stale", code: conf, field: "*", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateReadinessItem(e.ctx, firstReadiness(e, f).ID, radiator.ReadinessItemUpdate{Version: 2,
				State: ptr(radiator.ReadinessDone)})
			return err
		}},
		{name: "readiness/delete stale", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteReadinessItem(e.ctx, firstReadiness(e, f).ID, 2)
		}},

		{name: "baseline/release missing", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBaseline(e.ctx, &radiator.Baseline{ReleaseID: missing})
		}},
		{name: "baseline/note too long", code: inv, field: "note", write: func(e *env, f *fixture) error {
			return e.store.CreateBaseline(e.ctx, &radiator.Baseline{ReleaseID: f.rMail2.ID, Note: strings.Repeat("é", 2001)})
		}},

		{name: "dependency/product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			d := dep(f, f.story4.ID, f.story3.ID)
			d.ProductID = missing
			return e.store.CreateDependency(e.ctx, d)
		}},
		{name: "dependency/item missing", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return e.store.CreateDependency(e.ctx, dep(f, missing, f.story3.ID))
		}},
		{name: "dependency/item of other product", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return e.store.CreateDependency(e.ctx, dep(f, f.story5.ID, f.story3.ID))
		}},
		{name: "dependency/depends on item of other product", code: inv, field: "depends_on_id", write: func(e *env, f *fixture) error {
			return e.store.CreateDependency(e.ctx, dep(f, f.story3.ID, f.feat3.ID))
		}},
		{name: "dependency/on itself", code: inv, field: "depends_on_id", write: func(e *env, f *fixture) error {
			return e.store.CreateDependency(e.ctx, dep(f, f.story3.ID, f.story3.ID))
		}},
		{name: "dependency/bad state", code: inv, field: "state", write: func(e *env, f *fixture) error {
			d := dep(f, f.story4.ID, f.story3.ID)
			d.State = "blocked"
			return e.store.CreateDependency(e.ctx, d)
		}},
		{name: "dependency/duplicate", code: conf, field: "*",
			setup: func(t testing.TB, e *env, f *fixture) {
				must(t, "CreateDependency", e.store.CreateDependency(e.ctx, dep(f, f.story4.ID, f.story3.ID)))
			},
			write: func(e *env, f *fixture) error {
				return e.store.CreateDependency(e.ctx, dep(f, f.story4.ID, f.story3.ID))
			}},
		{name: "dependency/reverse", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.CreateDependency(e.ctx, dep(f, f.story3.ID, f.story4.ID))
		}},

		{name: "item/feature done with stories open", code: inv, field: "state", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.feat1.ID, radiator.BacklogItemUpdate{Version: 1, State: ptr(radiator.StateDone)})
			return err
		}},
		{name: "item/size of a story", code: inv, field: "size", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.story3.ID, radiator.BacklogItemUpdate{Version: 1, Size: ptr("M")})
			return err
		}},
		{name: "items/third of another product's team", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItems(e.ctx, []*radiator.BacklogItem{
				{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "A", ParentID: &f.feat2.ID, TeamID: &f.tMailA.ID, State: radiator.StateNew},
				{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "B", ParentID: &f.feat2.ID, TeamID: &f.tMailB.ID, State: radiator.StateNew},
				{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "C", ParentID: &f.feat2.ID, TeamID: &f.tChatA.ID, State: radiator.StateNew},
			})
		}},

		{name: "decision/release missing", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			return decide(e, missing, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.story2.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/no reason", code: inv, field: "reason", write: func(e *env, f *fixture) error {
			return e.store.ApplyDecision(e.ctx, &radiator.Decision{ReleaseID: f.rMail2.ID,
				Change: radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.story2.ID, TeamID: f.tMailB.ID}})
		}},
		{name: "decision/bad kind", code: inv, field: "kind", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: "add_team", ItemID: f.story2.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/item missing", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: missing, TeamID: f.tMailB.ID})
		}},
		{name: "decision/item of other product", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.story5.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/move story names a feature", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.feat1.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/move feature names a story", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveFeature, ItemID: f.story2.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/cut names a story", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: f.story2.ID})
		}},
		{name: "decision/cut a feature of another release", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMailFix.ID, radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: f.feat1.ID})
		}},
		{name: "decision/move a done story", code: inv, field: "item_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.story1.ID, TeamID: f.tMailB.ID})
		}},
		{name: "decision/team missing", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveFeature, ItemID: f.feat1.ID, TeamID: missing})
		}},
		{name: "decision/team of other product", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return decide(e, f.rMail2.ID, radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: f.story2.ID, TeamID: f.tChatA.ID})
		}},
	}
	checkRefusals(t, open, cases)
}

func testFeatureSize(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	feat := &radiator.BacklogItem{ProductID: p.ID, Kind: radiator.KindFeature, Title: "Search", State: radiator.StateNew}
	feat.SetSize("M")
	mark := e.mark(t)
	e.tick()
	must(t, "CreateBacklogItem", e.store.CreateBacklogItem(e.ctx, feat))
	if feat.Size != "M" || feat.Estimate == nil || *feat.Estimate != 2 {
		t.Fatalf("created feature of size M: size %q, estimate %v; want M and 2", feat.Size, feat.Estimate)
	}
	got, err := e.store.FindBacklogItemByID(e.ctx, feat.ID)
	must(t, "FindBacklogItemByID", err)
	same(t, "found feature", got, feat)
	same(t, "create event after", findEvent(t, e.eventsAfter(t, mark), eventKey{radiator.EntityBacklogItem, feat.ID, radiator.ActionCreate}).After, feat)

	for _, tt := range []struct {
		name     string
		upd      radiator.BacklogItemUpdate
		size     string
		estimate float64
	}{
		{"resize", radiator.BacklogItemUpdate{Size: ptr("XL")}, "XL", 5},
		{"estimate drops the size", radiator.BacklogItemUpdate{Estimate: radiator.SetTo(4.0)}, "", 4},
		{"size again", radiator.BacklogItemUpdate{Size: ptr("XS")}, "XS", 0.5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.upd.Version = got.Version
			up, err := e.store.UpdateBacklogItem(e.ctx, feat.ID, tt.upd)
			must(t, "UpdateBacklogItem", err)
			if up.Size != tt.size || up.Estimate == nil || *up.Estimate != tt.estimate {
				t.Fatalf("after %s: size %q, estimate %v; want %q and %v", tt.name, up.Size, up.Estimate, tt.size, tt.estimate)
			}
			got, err = e.store.FindBacklogItemByID(e.ctx, feat.ID)
			must(t, "FindBacklogItemByID", err)
			same(t, "found after "+tt.name, got, up)
		})
	}
}

func testFeatureDone(t *testing.T, open Opener) {
	e := newEnv(t, open)
	p := e.product(t, "MAIL")
	feat := e.item(t, p.ID, radiator.KindFeature, "Search")
	done := e.item(t, p.ID, radiator.KindStory, "By sender", withParent(feat.ID), withState(radiator.StateDone))
	fresh := e.item(t, p.ID, radiator.KindStory, "By date", withParent(feat.ID))
	doing := e.item(t, p.ID, radiator.KindStory, "By size", withParent(feat.ID), withState(radiator.StateInProgress))
	toDone := func(id, version int64) radiator.BacklogItemBulkUpdate {
		return radiator.BacklogItemBulkUpdate{ID: id, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: version, State: ptr(radiator.StateDone)}}
	}

	before := e.snapshot(t)
	e.tick()
	_, err := e.store.UpdateBacklogItem(e.ctx, feat.ID, toDone(feat.ID, 1).BacklogItemUpdate)
	wantError(t, "feature done", err, radiator.EINVALID, "state")
	if msg := radiator.ErrorMessage(err); !strings.Contains(msg, "2 of its 3 stories are not done") {
		t.Errorf("error message %q does not say that 2 of its 3 stories are not done", msg)
	}
	_, err = e.store.UpdateBacklogItems(e.ctx, []radiator.BacklogItemBulkUpdate{toDone(fresh.ID, 1), toDone(feat.ID, 1)})
	wantError(t, "bulk with the feature done", err, radiator.EINVALID, "state")
	if msg, prefix := radiator.ErrorMessage(err), "item "+strconv.FormatInt(feat.ID, 10)+": 1 of its 3 stories"; !strings.HasPrefix(msg, prefix) {
		t.Errorf("error message %q does not start with %q", msg, prefix)
	}
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused update changed the store:\nbefore: %s\n after: %s", before, after)
	}

	at := e.tick()
	got, err := e.store.UpdateBacklogItems(e.ctx, []radiator.BacklogItemBulkUpdate{toDone(fresh.ID, 1), toDone(doing.ID, 1), toDone(feat.ID, 1)})
	must(t, "bulk with the stories first", err)
	if f := got[2]; f.State != radiator.StateDone || f.DoneAt == nil || !f.DoneAt.Equal(at) {
		t.Fatalf("feature after its stories = %+v, want done at %v", f, at)
	}
	// Only the move to done is checked: a done feature keeps changing when
	// a story reopens.
	_, err = e.store.UpdateBacklogItem(e.ctx, done.ID, radiator.BacklogItemUpdate{Version: 1, State: ptr(radiator.StateInProgress)})
	must(t, "reopen a story", err)
	_, err = e.store.UpdateBacklogItem(e.ctx, feat.ID, radiator.BacklogItemUpdate{Version: 2, Title: ptr("Search everything")})
	must(t, "rename the done feature", err)
	// A feature without stories may be done.
	empty := e.item(t, p.ID, radiator.KindFeature, "Nothing yet")
	_, err = e.store.UpdateBacklogItem(e.ctx, empty.ID, radiator.BacklogItemUpdate{Version: 1, State: ptr(radiator.StateDone)})
	must(t, "feature without stories done", err)
}

func testCreateBacklogItems(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	story := func(title string, team int64) *radiator.BacklogItem {
		return &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: title, ParentID: &f.feat2.ID,
			TeamID: &team, ReleaseID: &f.rMail2.ID, Estimate: ptr(3.0), State: radiator.StateNew}
	}

	refused := []*radiator.BacklogItem{story("A", f.tMailA.ID), story("B", f.tMailB.ID), story("C", f.tMailA.ID)}
	refused[2].Estimate = ptr(4.0) // not on the Fibonacci scale
	before := e.snapshot(t)
	e.tick()
	err := e.store.CreateBacklogItems(e.ctx, refused)
	wantError(t, "CreateBacklogItems", err, radiator.EINVALID, "estimate")
	if msg := radiator.ErrorMessage(err); !strings.HasPrefix(msg, "item 3: ") {
		t.Errorf("error message %q does not start with %q", msg, "item 3: ")
	}
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused breakdown changed the store:\nbefore: %s\n after: %s", before, after)
	}
	if refused[0].ID != 0 {
		t.Errorf("the first item of a refused breakdown has ID %d, want 0", refused[0].ID)
	}

	mark := e.mark(t)
	at := e.tick()
	items := []*radiator.BacklogItem{story("Filter by sender", f.tMailA.ID), story("Filter server-side", f.tMailB.ID),
		story("Filter in the app", f.tMailA.ID)}
	must(t, "CreateBacklogItems", e.store.CreateBacklogItems(e.ctx, items))
	var want []eventKey
	for i, it := range items {
		if it.ID == 0 || it.Version != 1 || !it.CreatedAt.Equal(at) {
			t.Fatalf("item %d = %+v, want an ID, version 1 and created at %v", i+1, it, at)
		}
		if i > 0 && (it.ID <= items[i-1].ID || it.Rank <= items[i-1].Rank) {
			t.Errorf("item %d: ID %d, rank %q; want both after item %d's (%d, %q)", i+1, it.ID, it.Rank, i, items[i-1].ID, items[i-1].Rank)
		}
		got, err := e.store.FindBacklogItemByID(e.ctx, it.ID)
		must(t, "FindBacklogItemByID", err)
		same(t, "found item", got, it)
		want = append(want, eventKey{radiator.EntityBacklogItem, it.ID, radiator.ActionCreate})
	}
	e.wantEvents(t, mark, at, want...)
	last, _, err := e.store.FindBacklogItems(e.ctx, radiator.BacklogItemFilter{ProductID: f.mail.ID, Page: radiator.Page{Limit: radiator.MaxLimit}})
	must(t, "FindBacklogItems", err)
	if got := last[len(last)-1].ID; got != items[2].ID {
		t.Errorf("last item of the backlog = %d, want the breakdown's last %d", got, items[2].ID)
	}

	mark = e.mark(t)
	must(t, "CreateBacklogItems()", e.store.CreateBacklogItems(e.ctx, nil))
	if evs := e.eventsAfter(t, mark); len(evs) != 0 {
		t.Fatalf("an empty breakdown wrote %d events", len(evs))
	}
}

func testBaseline(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	unsized := e.item(t, f.mail.ID, radiator.KindFeature, "Rules", withRelease(f.rMail2.ID))
	sized := e.item(t, f.mail.ID, radiator.KindFeature, "Snooze", withRelease(f.rMail2.ID), func(it *radiator.BacklogItem) { it.SetSize("M") })
	e.item(t, f.mail.ID, radiator.KindStory, "A story of the release", withRelease(f.rMail2.ID), withEstimate(8))
	e.item(t, f.mail.ID, radiator.KindFeature, "In the hot fix", withRelease(f.rMailFix.ID), withEstimate(3))
	top, err := e.store.MoveBacklogItem(e.ctx, sized.ID, radiator.BacklogMove{Version: 1, Position: "top"})
	must(t, "MoveBacklogItem", err)

	mark := e.mark(t)
	at := e.tick()
	b := &radiator.Baseline{ReleaseID: f.rMail2.ID, Note: "Release planning, all teams."}
	must(t, "CreateBaseline", e.store.CreateBaseline(e.ctx, b))
	want := &radiator.Baseline{ID: b.ID, ReleaseID: f.rMail2.ID, TakenAt: at, TakenByID: ptr(testActor.PersonID),
		TakenByName: testActor.Name, Note: "Release planning, all teams.", Date: f.rMail2.Date,
		Features: []radiator.BaselineFeature{{ID: top.ID, Title: "Snooze", Units: 2}, {ID: f.feat1.ID, Title: "Search", Units: 8},
			{ID: f.feat2.ID, Title: "Filters", Units: 5}, {ID: unsized.ID, Title: "Rules", Units: 1}}}
	if b.ID <= 0 {
		t.Fatalf("baseline ID = %d, want > 0", b.ID)
	}
	same(t, "baseline", b, want)
	if b.Scope() != 16 {
		t.Errorf("baseline scope = %v, want 16", b.Scope())
	}
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityBaseline, b.ID, radiator.ActionCreate})
	same(t, "event after", evs[0].After, b)

	// A later baseline, by the system, after a feature left.
	_, err = e.store.UpdateBacklogItem(e.ctx, f.feat2.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetNull[int64]()})
	must(t, "UpdateBacklogItem", err)
	at = e.tick()
	b2 := &radiator.Baseline{ReleaseID: f.rMail2.ID}
	must(t, "CreateBaseline by the system", e.store.CreateBaseline(t.Context(), b2))
	if b2.TakenByID != nil || b2.TakenByName != "system" || !b2.TakenAt.Equal(at) || len(b2.Features) != 3 {
		t.Fatalf("system baseline = %+v, want no person, name system, taken at %v, 3 features", b2, at)
	}
	got, err := e.store.FindBaselines(e.ctx, f.rMail2.ID)
	must(t, "FindBaselines", err)
	same(t, "baselines", got, []*radiator.Baseline{b, b2})

	empty := &radiator.Baseline{ReleaseID: f.rChat1.ID}
	f3, err := e.store.UpdateBacklogItem(e.ctx, f.feat3.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetNull[int64]()})
	must(t, "UpdateBacklogItem", err)
	must(t, "CreateBaseline of a release without features", e.store.CreateBaseline(e.ctx, empty))
	if empty.Features != nil {
		t.Errorf("baseline of a release without features has features %v (feature %d left it)", empty.Features, f3.ID)
	}
	got, err = e.store.FindBaselines(e.ctx, f.rMailFix.ID)
	must(t, "FindBaselines", err)
	if len(got) != 0 {
		t.Errorf("FindBaselines of a release without baselines = %v", got)
	}
	_, err = e.store.FindBaselines(e.ctx, missing)
	wantError(t, "FindBaselines of a missing release", err, radiator.ENOTFOUND, "")
}

// inReleases reports whether FindReleaseEvents should return the event
// for the releases: an event of one of them, or of a feature that was in
// one of them before or after.
func inReleases(t testing.TB, ev *radiator.Event, releases []int64) bool {
	t.Helper()
	if ev.EntityKind == radiator.EntityRelease {
		return slices.Contains(releases, ev.EntityID)
	}
	if ev.EntityKind != radiator.EntityBacklogItem {
		return false
	}
	var before, after struct {
		Kind      string `json:"kind"`
		ReleaseID *int64 `json:"release_id"`
	}
	if err := json.Unmarshal(ev.Before, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ev.After, &after); err != nil {
		t.Fatal(err)
	}
	kind := after.Kind
	if kind == "" {
		kind = before.Kind
	}
	in := func(id *int64) bool { return id != nil && slices.Contains(releases, *id) }
	return kind == radiator.KindFeature && (in(before.ReleaseID) || in(after.ReleaseID))
}

// featureFields are the fields of a feature's JSON that FindReleaseEvents
// keeps.
var featureFields = []string{"kind", "title", "release_id", "estimate", "state"}

// releaseHistoryEvent returns the event as FindReleaseEvents should return
// it: a backlog item's JSON before and after cut to featureFields, null
// staying null; any other event whole.
func releaseHistoryEvent(t testing.TB, ev *radiator.Event) *radiator.Event {
	t.Helper()
	if ev.EntityKind != radiator.EntityBacklogItem {
		return ev
	}
	cut := func(raw json.RawMessage) json.RawMessage {
		var whole map[string]any
		if err := json.Unmarshal(raw, &whole); err != nil {
			t.Fatal(err)
		}
		if whole == nil {
			return raw
		}
		kept := map[string]any{}
		for _, f := range featureFields {
			v, ok := whole[f]
			if !ok {
				t.Fatalf("event %d: the item's JSON has no %s: %s", ev.ID, f, raw)
			}
			kept[f] = v
		}
		b, err := json.Marshal(kept)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c := *ev
	c.Before, c.After = cut(ev.Before), cut(ev.After)
	return &c
}

func testReleaseEvents(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	r, hotfix := f.rMail2, f.rMailFix
	mail := f.mail.ID

	moved := e.item(t, mail, radiator.KindFeature, "Moved to the hot fix", withRelease(r.ID))
	mv, err := e.store.UpdateBacklogItem(e.ctx, moved.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetTo(hotfix.ID)})
	must(t, "move feature to the hot fix", err)
	joined := e.item(t, mail, radiator.KindFeature, "Joined from the hot fix", withRelease(hotfix.ID))
	_, err = e.store.UpdateBacklogItem(e.ctx, joined.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetTo(r.ID)})
	must(t, "move feature to the release", err)
	left := e.item(t, mail, radiator.KindFeature, "Left", withRelease(r.ID), withEstimate(2))
	_, err = e.store.UpdateBacklogItem(e.ctx, left.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetNull[int64]()})
	must(t, "feature leaves", err)
	_, err = e.store.UpdateBacklogItem(e.ctx, left.ID, radiator.BacklogItemUpdate{Version: 2, Title: ptr("Left for good")})
	must(t, "feature renamed after it left", err)
	gone := e.item(t, mail, radiator.KindFeature, "Deleted", withRelease(r.ID))
	must(t, "delete feature", e.store.DeleteBacklogItem(e.ctx, gone.ID, 0))
	_, err = e.store.UpdateBacklogItem(e.ctx, f.feat1.ID, radiator.BacklogItemUpdate{Version: 1, Size: ptr("L")})
	must(t, "resize feature", err)
	storyOfRelease := e.item(t, mail, radiator.KindStory, "A story of the release", withRelease(r.ID))
	_, err = e.store.UpdateRelease(e.ctx, r.ID, radiator.ReleaseUpdate{Version: 1, Date: ptr(radiator.MustDate("2025-05-15"))})
	must(t, "move the release's date", err)
	items, err := e.store.FindReadinessItems(e.ctx, r.ID)
	must(t, "FindReadinessItems", err)
	_, err = e.store.UpdateReadinessItem(e.ctx, items[0].ID, radiator.ReadinessItemUpdate{Version: 1, State: ptr(radiator.ReadinessDone)})
	must(t, "UpdateReadinessItem", err)
	e.item(t, mail, radiator.KindFeature, "Unplanned")

	all := e.allEvents(t)
	for _, tt := range []struct {
		name     string
		releases []int64
		must     []eventKey
		mustNot  []eventKey
	}{
		{"release", []int64{r.ID},
			[]eventKey{{radiator.EntityBacklogItem, mv.ID, radiator.ActionUpdate}, {radiator.EntityBacklogItem, gone.ID, radiator.ActionDelete},
				{radiator.EntityRelease, r.ID, radiator.ActionCreate}, {radiator.EntityRelease, r.ID, radiator.ActionUpdate}},
			[]eventKey{{radiator.EntityBacklogItem, storyOfRelease.ID, radiator.ActionCreate}, {radiator.EntityReadiness, items[0].ID, radiator.ActionUpdate}}},
		{"hot fix", []int64{hotfix.ID},
			[]eventKey{{radiator.EntityBacklogItem, mv.ID, radiator.ActionUpdate}, {radiator.EntityBacklogItem, joined.ID, radiator.ActionCreate}},
			[]eventKey{{radiator.EntityRelease, r.ID, radiator.ActionCreate}}},
		{"both", []int64{hotfix.ID, r.ID, r.ID}, nil, nil},
		{"none", nil, nil, nil},
		{"missing", []int64{missing}, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.store.FindReleaseEvents(e.ctx, tt.releases)
			must(t, "FindReleaseEvents", err)
			var want []*radiator.Event
			for _, ev := range all {
				if inReleases(t, ev, tt.releases) {
					want = append(want, releaseHistoryEvent(t, ev))
				}
			}
			same(t, "FindReleaseEvents", got, want)
			keys := map[eventKey]bool{}
			for _, ev := range got {
				keys[eventKey{ev.EntityKind, ev.EntityID, ev.Action}] = true
			}
			for _, k := range tt.must {
				if !keys[k] {
					t.Errorf("FindReleaseEvents(%v) lacks event %v", tt.releases, k)
				}
			}
			for _, k := range tt.mustNot {
				if keys[k] {
					t.Errorf("FindReleaseEvents(%v) holds event %v", tt.releases, k)
				}
			}
		})
	}
}

func testDependencies(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	dep := func(product, item, on int64, state string) *radiator.Dependency {
		d := &radiator.Dependency{ProductID: product, ItemID: item, DependsOnID: on, State: state}
		e.tick()
		must(t, "CreateDependency", e.store.CreateDependency(e.ctx, d))
		return d
	}
	d1 := dep(f.mail.ID, f.story4.ID, f.story3.ID, radiator.DependencyOpen)
	d2 := dep(f.mail.ID, f.story2.ID, f.story3.ID, radiator.DependencyResolved)
	d3 := dep(f.mail.ID, f.feat2.ID, f.feat1.ID, radiator.DependencyOpen)
	d4 := dep(f.chat.ID, f.story5.ID, f.feat3.ID, radiator.DependencyOpen)

	for _, tt := range []struct {
		name   string
		filter radiator.DependencyFilter
		want   []int64
	}{
		{"all", radiator.DependencyFilter{}, idsOf(d1, d2, d3, d4)},
		{"product", radiator.DependencyFilter{ProductID: f.mail.ID}, idsOf(d1, d2, d3)},
		{"state", radiator.DependencyFilter{State: radiator.DependencyOpen}, idsOf(d1, d3, d4)},
		{"product and state", radiator.DependencyFilter{ProductID: f.mail.ID, State: radiator.DependencyResolved}, idsOf(d2)},
		{"item at the far end", radiator.DependencyFilter{ItemIDs: []int64{f.story3.ID}}, idsOf(d1, d2)},
		{"items at either end", radiator.DependencyFilter{ItemIDs: []int64{f.feat1.ID, f.story5.ID}}, idsOf(d3, d4)},
		{"items and product", radiator.DependencyFilter{ItemIDs: []int64{f.feat1.ID, f.story5.ID}, ProductID: f.chat.ID}, idsOf(d4)},
		{"no such item", radiator.DependencyFilter{ItemIDs: []int64{missing}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, limit := range []int{1, 3, radiator.MaxLimit} {
				got := walk(t, "FindDependencies", limit, func(p radiator.Page) ([]*radiator.Dependency, string, error) {
					filter := tt.filter
					filter.Page = p
					return e.store.FindDependencies(e.ctx, filter)
				})
				if ids := idsOf(got...); !slices.Equal(ids, tt.want) {
					t.Fatalf("FindDependencies(%s, limit %d) = %v, want %v", tt.name, limit, ids, tt.want)
				}
			}
		})
	}
	got, err := e.store.FindDependencyByID(e.ctx, d2.ID)
	must(t, "FindDependencyByID", err)
	same(t, "found dependency", got, d2)

	// Deleting an item deletes its dependencies, either way round.
	mark := e.mark(t)
	at := e.tick()
	must(t, "DeleteBacklogItem", e.store.DeleteBacklogItem(e.ctx, f.story3.ID, 0))
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, f.story3.ID, radiator.ActionDelete},
		eventKey{radiator.EntityDependency, d1.ID, radiator.ActionDelete}, eventKey{radiator.EntityDependency, d2.ID, radiator.ActionDelete})
	same(t, "dependency delete event before", findEvent(t, evs, eventKey{radiator.EntityDependency, d1.ID, radiator.ActionDelete}).Before, d1)
	for _, d := range []*radiator.Dependency{d1, d2} {
		_, err := e.store.FindDependencyByID(e.ctx, d.ID)
		wantError(t, "FindDependencyByID of a deleted item's dependency", err, radiator.ENOTFOUND, "")
	}
	left, _, err := e.store.FindDependencies(e.ctx, radiator.DependencyFilter{})
	must(t, "FindDependencies", err)
	if ids := idsOf(left...); !slices.Equal(ids, idsOf(d3, d4)) {
		t.Fatalf("dependencies left = %v, want %v", ids, idsOf(d3, d4))
	}
	// The pair is free again, either way round.
	dep(f.mail.ID, f.feat1.ID, f.story4.ID, radiator.DependencyOpen)
}

func testDecisions(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	r := f.rMail2
	doing := e.item(t, f.mail.ID, radiator.KindStory, "Search in attachments", withParent(f.feat1.ID), withTeam(f.tMailA.ID),
		withSprint(f.sA3.ID), withEstimate(5), withColumn("in_progress"))
	ofRelease := e.item(t, f.mail.ID, radiator.KindStory, "Filter by size", withParent(f.feat2.ID), withRelease(r.ID))
	decide := func(w radiator.WhatIf, reason string) (*radiator.Decision, time.Time, int64) {
		t.Helper()
		mark := e.mark(t)
		at := e.tick()
		d := &radiator.Decision{ReleaseID: r.ID, Change: w, Reason: reason}
		must(t, "ApplyDecision", e.store.ApplyDecision(e.ctx, d))
		if d.ID <= 0 || d.ActorID == nil || *d.ActorID != testActor.PersonID || d.ActorName != testActor.Name || !d.At.Equal(at) {
			t.Fatalf("decision = %+v, want an ID, by %v at %v", d, testActor, at)
		}
		return d, at, mark
	}
	find := func(id int64) *radiator.BacklogItem {
		t.Helper()
		it, err := e.store.FindBacklogItemByID(e.ctx, id)
		must(t, "FindBacklogItemByID", err)
		return it
	}
	checkItemEvents := func(evs []*radiator.Event, items ...*radiator.BacklogItem) {
		t.Helper()
		for _, it := range items {
			same(t, "event after", findEvent(t, evs, eventKey{radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate}).After, it)
		}
	}

	// A story moves to another team, out of its sprint and column, in its
	// state.
	d1, at, mark := decide(radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: doing.ID, TeamID: f.tMailB.ID}, "Inbox is behind.")
	if want := `Move story "Search in attachments" to Delivery`; d1.Summary != want {
		t.Errorf("summary = %q, want %q", d1.Summary, want)
	}
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, doing.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityDecision, d1.ID, radiator.ActionCreate})
	same(t, "decision event after", findEvent(t, evs, eventKey{radiator.EntityDecision, d1.ID, radiator.ActionCreate}).After, d1)
	moved := find(doing.ID)
	if *moved.TeamID != f.tMailB.ID || moved.SprintID != nil || moved.Column != "" || moved.State != radiator.StateInProgress || moved.Version != 2 {
		t.Fatalf("moved story = %+v, want team %d, no sprint or column, in progress, version 2", moved, f.tMailB.ID)
	}
	checkItemEvents(evs, moved)

	// A feature moves with its unfinished stories.
	d2, at, mark := decide(radiator.WhatIf{Kind: radiator.WhatIfMoveFeature, ItemID: f.feat1.ID, TeamID: f.tMailB.ID}, "Delivery knows search.")
	if want := `Move the unfinished stories of "Search" to Delivery`; d2.Summary != want {
		t.Errorf("summary = %q, want %q", d2.Summary, want)
	}
	evs = e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, f.feat1.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, f.story2.ID, radiator.ActionUpdate}, eventKey{radiator.EntityBacklogItem, doing.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityDecision, d2.ID, radiator.ActionCreate})
	feat1, story1, story2 := find(f.feat1.ID), find(f.story1.ID), find(f.story2.ID)
	if feat1.TeamID == nil || *feat1.TeamID != f.tMailB.ID || feat1.ReleaseID == nil || *feat1.ReleaseID != r.ID {
		t.Errorf("moved feature = %+v, want team %d in release %d", feat1, f.tMailB.ID, r.ID)
	}
	if *story2.TeamID != f.tMailB.ID || story2.SprintID != nil || story2.State != radiator.StateInProgress {
		t.Errorf("unfinished story of the moved feature = %+v, want team %d, no sprint, in progress", story2, f.tMailB.ID)
	}
	same(t, "done story of the moved feature", story1, f.story1)
	checkItemEvents(evs, feat1, story2, find(doing.ID))

	// A cut feature leaves the release with its stories of the release.
	d3, at, mark := decide(radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: f.feat2.ID}, "No time for filters.")
	if want := `Cut "Filters" from the release`; d3.Summary != want {
		t.Errorf("summary = %q, want %q", d3.Summary, want)
	}
	evs = e.wantEvents(t, mark, at, eventKey{radiator.EntityBacklogItem, f.feat2.ID, radiator.ActionUpdate},
		eventKey{radiator.EntityBacklogItem, ofRelease.ID, radiator.ActionUpdate}, eventKey{radiator.EntityDecision, d3.ID, radiator.ActionCreate})
	feat2, cutStory := find(f.feat2.ID), find(ofRelease.ID)
	if feat2.ReleaseID != nil || cutStory.ReleaseID != nil {
		t.Errorf("after the cut: feature in release %v, story in release %v; want none", feat2.ReleaseID, cutStory.ReleaseID)
	}
	same(t, "story of the cut feature in no release", find(f.story4.ID), f.story4)
	checkItemEvents(evs, feat2, cutStory)
	relEvents, err := e.store.FindReleaseEvents(e.ctx, []int64{r.ID})
	must(t, "FindReleaseEvents", err)
	if last := relEvents[len(relEvents)-1]; last.EntityKind != radiator.EntityBacklogItem || last.EntityID != f.feat2.ID ||
		field(t, last.After, "release_id") != nil {
		t.Errorf("last event of the release = %s %d after %s, want the cut of feature %d", last.EntityKind, last.EntityID, last.After, f.feat2.ID)
	}

	got, err := e.store.FindDecisions(e.ctx, r.ID)
	must(t, "FindDecisions", err)
	same(t, "decisions", got, []*radiator.Decision{d1, d2, d3})
	got, err = e.store.FindDecisions(e.ctx, f.rMailFix.ID)
	must(t, "FindDecisions", err)
	if len(got) != 0 {
		t.Errorf("decisions of a release without any = %v", got)
	}
	_, err = e.store.FindDecisions(e.ctx, missing)
	wantError(t, "FindDecisions of a missing release", err, radiator.ENOTFOUND, "")
}

// testDeleteReleasePlan deletes a release with its checklist, baselines
// and decisions, once no item is planned for it.
func testDeleteReleasePlan(t *testing.T, open Opener) {
	e := newEnv(t, open)
	f := seed(t, e)
	r := f.rChat1
	b := &radiator.Baseline{ReleaseID: r.ID}
	must(t, "CreateBaseline", e.store.CreateBaseline(e.ctx, b))
	d := &radiator.Decision{ReleaseID: r.ID, Change: radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: f.feat3.ID}, Reason: "Threads wait."}
	must(t, "ApplyDecision", e.store.ApplyDecision(e.ctx, d))
	items, err := e.store.FindReadinessItems(e.ctx, r.ID)
	must(t, "FindReadinessItems", err)

	mark := e.mark(t)
	at := e.tick()
	must(t, "DeleteRelease", e.store.DeleteRelease(e.ctx, r.ID, 0))
	want := []eventKey{{radiator.EntityRelease, r.ID, radiator.ActionDelete}, {radiator.EntityBaseline, b.ID, radiator.ActionDelete},
		{radiator.EntityDecision, d.ID, radiator.ActionDelete}}
	want = append(want, readinessKeysOf(items, radiator.ActionDelete)...)
	evs := e.wantEvents(t, mark, at, want...)
	same(t, "baseline delete event before", findEvent(t, evs, want[1]).Before, b)
	same(t, "decision delete event before", findEvent(t, evs, want[2]).Before, d)
	_, err = e.store.FindReadinessItemByID(e.ctx, items[0].ID)
	wantError(t, "FindReadinessItemByID of a deleted release's item", err, radiator.ENOTFOUND, "")
}

func readinessKeysOf(items []*radiator.ReadinessItem, action string) []eventKey {
	var keys []eventKey
	for _, it := range items {
		keys = append(keys, eventKey{radiator.EntityReadiness, it.ID, action})
	}
	return keys
}
