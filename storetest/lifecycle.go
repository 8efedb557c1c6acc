package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// entity drives the create, find, update and delete of one entity kind
// through the same checks. The fixture provides what the new entity refers
// to.
type entity struct {
	kind string
	// create makes a new entity and returns its ID and the value the
	// store filled in.
	create func(t testing.TB, e *env, f *fixture) (int64, any)
	find   func(e *env, id int64) (any, error)
	// update changes one field of the entity read at version.
	update func(e *env, id, version int64) (any, error)
	delete func(e *env, id, version int64) error
	// alsoCreated lists the other events a create writes, asked after
	// the create.
	alsoCreated func(t testing.TB, e *env, v any) []eventKey
	// alsoDeleted lists the other events a delete writes, asked before
	// the delete.
	alsoDeleted func(t testing.TB, e *env, v any) []eventKey
}

func entities() []entity {
	return []entity{
		{
			kind: radiator.EntityProduct,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				p := &radiator.Product{Key: "NEW", Name: "New product", Description: "Fresh."}
				must(t, "CreateProduct", e.store.CreateProduct(e.ctx, p))
				return p.ID, p
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindProductByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateProduct(e.ctx, id, radiator.ProductUpdate{Version: v, Name: ptr("Renamed product")})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteProduct(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityForum,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				fo := &radiator.Forum{Name: "Design guild", Tier: 2, Kind: radiator.ForumOther, ParentID: &f.portfolio.ID,
					ProductID: &f.mail.ID, Purpose: "Look and feel.", Cadence: radiator.Cadence{Mode: radiator.CadenceWeekly,
						Weekdays: []string{"mon", "thu"}, Time: "13:00", Minutes: 45, TimeZone: "Europe/Berlin"}}
				must(t, "CreateForum", e.store.CreateForum(e.ctx, fo))
				return fo.ID, fo
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindForumByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateForum(e.ctx, id, radiator.ForumUpdate{Version: v, Purpose: ptr("Consistent look and feel."),
					Cadence: &radiator.Cadence{Mode: radiator.CadenceOnDemand}})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteForum(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityTeam,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				tm := &radiator.Team{Name: "Calendar", ProductID: f.mail.ID, ParentForumID: &f.sosMail.ID, Description: "Dates.",
					Columns: []radiator.BoardColumn{
						{Key: "todo", Name: "To do", State: radiator.StateReady},
						{Key: "doing", Name: "Doing", State: radiator.StateInProgress, WIPLimit: 3},
						{Key: "done", Name: "Done", State: radiator.StateDone},
					},
					EstimateScale:     []float64{0.5, 1, 2, 4, 8},
					DefinitionOfReady: []string{"Designs attached"}}
				must(t, "CreateTeam", e.store.CreateTeam(e.ctx, tm))
				return tm.ID, tm
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindTeamByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateTeam(e.ctx, id, radiator.TeamUpdate{Version: v, Description: ptr("Dates and times.")})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteTeam(e.ctx, id, v) },
			alsoCreated: func(_ testing.TB, _ *env, v any) []eventKey {
				return []eventKey{{radiator.EntityForum, v.(*radiator.Team).ForumID, radiator.ActionCreate}}
			},
			alsoDeleted: func(_ testing.TB, _ *env, v any) []eventKey {
				return []eventKey{{radiator.EntityForum, v.(*radiator.Team).ForumID, radiator.ActionDelete}}
			},
		},
		{
			kind: radiator.EntityPerson,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				p := &radiator.Person{Name: "Grace Hopper", Email: "grace@example.com", Active: true, Admin: true}
				must(t, "CreatePerson", e.store.CreatePerson(e.ctx, p))
				return p.ID, p
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindPersonByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdatePerson(e.ctx, id, radiator.PersonUpdate{Version: v, Name: ptr("Grace B. Hopper"), Active: ptr(false)})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeletePerson(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityMembership,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				m := &radiator.Membership{PersonID: f.dee.ID, ForumID: f.sosChat.ID, Role: radiator.RoleChiefProductOwner}
				must(t, "CreateMembership", e.store.CreateMembership(e.ctx, m))
				return m.ID, m
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindMembershipByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateMembership(e.ctx, id, radiator.MembershipUpdate{Version: v, Role: ptr(radiator.RoleChiefScrumMaster)})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteMembership(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityRelease,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				r := &radiator.Release{ProductID: f.chat.ID, Name: "2025.2", Date: radiator.MustDate("2025-07-01"),
					Goal: "Video calls.", Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular}
				must(t, "CreateRelease", e.store.CreateRelease(e.ctx, r))
				return r.ID, r
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindReleaseByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateRelease(e.ctx, id, radiator.ReleaseUpdate{Version: v, Date: ptr(radiator.MustDate("2025-07-15")),
					Phase: ptr(radiator.PhaseSprinting)})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteRelease(e.ctx, id, v) },
			// A release comes with its standard readiness checklist and
			// goes with it.
			alsoCreated: func(t testing.TB, e *env, v any) []eventKey {
				return readinessKeys(t, e, v.(*radiator.Release).ID, radiator.ActionCreate)
			},
			alsoDeleted: func(t testing.TB, e *env, v any) []eventKey {
				return readinessKeys(t, e, v.(*radiator.Release).ID, radiator.ActionDelete)
			},
		},
		{
			kind: radiator.EntitySprint,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				s := &radiator.Sprint{TeamID: f.tChatB.ID, Name: "Presence 1", Start: radiator.MustDate("2025-03-03"),
					End: radiator.MustDate("2025-03-14"), Goal: "Status dots.", State: radiator.SprintPlanned,
					DaysOff: []radiator.DaysOff{{PersonID: f.cy.ID, Days: 1.5}}}
				must(t, "CreateSprint", e.store.CreateSprint(e.ctx, s))
				return s.ID, s
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindSprintByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateSprint(e.ctx, id, radiator.SprintUpdate{Version: v, End: ptr(radiator.MustDate("2025-03-16")),
					State: ptr(radiator.SprintActive), DaysOff: &[]radiator.DaysOff{}})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteSprint(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityBacklogItem,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				it := &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "Search attachments",
					Description: "Find words in PDFs.", ParentID: &f.feat1.ID, Rank: "zz", Estimate: ptr(2.0),
					State: radiator.StateReady, TeamID: &f.tMailA.ID, SprintID: &f.sA3.ID, ReleaseID: &f.rMail2.ID,
					AcceptanceCriteria: "A word of a PDF finds the mail.", Labels: []string{"search", "pdf"}, AssigneeID: &f.ada.ID,
					Blocked: true, BlockedReason: "Waiting for the PDF library.", ReadyChecks: []string{"Sized by the team"}, Column: "todo"}
				must(t, "CreateBacklogItem", e.store.CreateBacklogItem(e.ctx, it))
				return it.ID, it
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindBacklogItemByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateBacklogItem(e.ctx, id, radiator.BacklogItemUpdate{Version: v, Title: ptr("Search attached PDFs"),
					Estimate: radiator.SetNull[float64](), SprintID: radiator.SetNull[int64](), Labels: &[]string{"pdf"},
					AssigneeID: radiator.SetNull[int64](), Blocked: ptr(false), Column: ptr("in_progress")})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteBacklogItem(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityDependency,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				d := &radiator.Dependency{ProductID: f.mail.ID, ItemID: f.story4.ID, DependsOnID: f.story3.ID,
					Note: "Labels need the faster delivery.", State: radiator.DependencyOpen}
				must(t, "CreateDependency", e.store.CreateDependency(e.ctx, d))
				return d.ID, d
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindDependencyByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateDependency(e.ctx, id, radiator.DependencyUpdate{Version: v, State: ptr(radiator.DependencyResolved),
					Note: ptr("Delivery shipped.")})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteDependency(e.ctx, id, v) },
		},
		{
			kind: radiator.EntityReadiness,
			create: func(t testing.TB, e *env, f *fixture) (int64, any) {
				r := &radiator.ReadinessItem{ReleaseID: f.rChat1.ID, Part: radiator.PartOther, Title: "Release notes translated",
					OwnerID: &f.cy.ID, State: radiator.ReadinessInProgress, Evidence: "Half of them.", Required: true}
				must(t, "CreateReadinessItem", e.store.CreateReadinessItem(e.ctx, r))
				return r.ID, r
			},
			find: func(e *env, id int64) (any, error) { return e.store.FindReadinessItemByID(e.ctx, id) },
			update: func(e *env, id, v int64) (any, error) {
				return e.store.UpdateReadinessItem(e.ctx, id, radiator.ReadinessItemUpdate{Version: v, State: ptr(radiator.ReadinessDone),
					Evidence: ptr("https://example.com/notes"), OwnerID: radiator.SetNull[int64](), Required: ptr(false)})
			},
			delete: func(e *env, id, v int64) error { return e.store.DeleteReadinessItem(e.ctx, id, v) },
		},
	}
}

func testLifecycle(t *testing.T, open Opener) {
	for _, en := range entities() {
		t.Run(en.kind, func(t *testing.T) {
			e := newEnv(t, open)
			f := seed(t, e)

			mark := e.mark(t)
			created := e.tick()
			id, v := en.create(t, e, f)
			if id <= 0 {
				t.Fatalf("create set ID %d, want > 0", id)
			}
			if got := field(t, v, "version"); got != 1.0 {
				t.Errorf("created version = %v, want 1", got)
			}
			for _, name := range []string{"created_at", "updated_at"} {
				if got, want := field(t, v, name), created.Format(time.RFC3339); got != want {
					t.Errorf("created %s = %v, want %v (the clock)", name, got, want)
				}
			}
			wantKeys := []eventKey{{en.kind, id, radiator.ActionCreate}}
			if en.alsoCreated != nil {
				wantKeys = append(wantKeys, en.alsoCreated(t, e, v)...)
			}
			evs := e.wantEvents(t, mark, created, wantKeys...)
			ev := findEvent(t, evs, wantKeys[0])
			same(t, "create event before", ev.Before, nil)
			same(t, "create event after", ev.After, v)

			got, err := en.find(e, id)
			must(t, "find created", err)
			same(t, "found after create", got, v)

			_, err = en.find(e, missing)
			wantError(t, "find missing", err, radiator.ENOTFOUND, "")
			_, err = en.update(e, missing, 1)
			wantError(t, "update missing", err, radiator.ENOTFOUND, "")
			wantError(t, "delete missing", en.delete(e, missing, 0), radiator.ENOTFOUND, "")

			mark = e.mark(t)
			updated := e.tick()
			up, err := en.update(e, id, 1)
			must(t, "update", err)
			if got := field(t, up, "version"); got != 2.0 {
				t.Errorf("updated version = %v, want 2", got)
			}
			if got, want := field(t, up, "updated_at"), updated.Format(time.RFC3339); got != want {
				t.Errorf("updated_at = %v, want %v (the clock)", got, want)
			}
			if got, want := field(t, up, "created_at"), created.Format(time.RFC3339); got != want {
				t.Errorf("created_at after update = %v, want %v", got, want)
			}
			if diff(t, up, v) == "" {
				t.Errorf("update changed nothing: %v", up)
			}
			evs = e.wantEvents(t, mark, updated, eventKey{en.kind, id, radiator.ActionUpdate})
			same(t, "update event before", evs[0].Before, got)
			same(t, "update event after", evs[0].After, up)
			got, err = en.find(e, id)
			must(t, "find updated", err)
			same(t, "found after update", got, up)

			before := e.snapshot(t)
			e.tick()
			_, err = en.update(e, id, 1)
			wantError(t, "update with stale version", err, radiator.ECONFLICT, "*")
			wantError(t, "delete with stale version", en.delete(e, id, 1), radiator.ECONFLICT, "*")
			if after := e.snapshot(t); after != before {
				t.Fatalf("a stale update or delete changed the store:\nbefore: %s\n after: %s", before, after)
			}

			wantKeys = []eventKey{{en.kind, id, radiator.ActionDelete}}
			if en.alsoDeleted != nil {
				wantKeys = append(wantKeys, en.alsoDeleted(t, e, up)...)
			}
			mark = e.mark(t)
			deleted := e.tick()
			must(t, "delete", en.delete(e, id, 2))
			evs = e.wantEvents(t, mark, deleted, wantKeys...)
			ev = findEvent(t, evs, wantKeys[0])
			same(t, "delete event before", ev.Before, up)
			same(t, "delete event after", ev.After, nil)
			_, err = en.find(e, id)
			wantError(t, "find deleted", err, radiator.ENOTFOUND, "")
			wantError(t, "delete deleted", en.delete(e, id, 0), radiator.ENOTFOUND, "")

			// Version 0 deletes whatever version there is.
			id, _ = en.create(t, e, f)
			if _, err := en.update(e, id, 1); err != nil {
				t.Fatalf("update second: %v", err)
			}
			must(t, "delete with version 0", en.delete(e, id, 0))
			_, err = en.find(e, id)
			wantError(t, "find deleted with version 0", err, radiator.ENOTFOUND, "")
		})
	}
}

// testConcurrentUpdate races two updates naming the same version: one
// wins, the other gets a conflict, and one event is written.
func testConcurrentUpdate(t *testing.T, open Opener) {
	for _, en := range entities() {
		t.Run(en.kind, func(t *testing.T) {
			e := newEnv(t, open)
			f := seed(t, e)
			id, _ := en.create(t, e, f)
			mark := e.mark(t)
			at := e.tick()

			var wg sync.WaitGroup
			errs := make([]error, 2)
			ready := make(chan struct{})
			for i := range errs {
				wg.Go(func() {
					<-ready
					_, errs[i] = en.update(e, id, 1)
				})
			}
			close(ready)
			wg.Wait()

			var ok, conflicts int
			for _, err := range errs {
				switch radiator.ErrorCode(err) {
				case "":
					ok++
				case radiator.ECONFLICT:
					conflicts++
				default:
					t.Errorf("concurrent update: %v", err)
				}
			}
			if ok != 1 || conflicts != 1 {
				t.Fatalf("concurrent updates: %d succeeded and %d conflicted (%v), want 1 and 1", ok, conflicts, errs)
			}
			e.wantEvents(t, mark, at, eventKey{en.kind, id, radiator.ActionUpdate})
			got, err := en.find(e, id)
			must(t, "find", err)
			if v := field(t, got, "version"); v != 2.0 {
				t.Errorf("version after the race = %v, want 2", v)
			}
		})
	}
}

func testOrganisation(t *testing.T, open Opener) {
	e := newEnv(t, open)
	org, err := e.store.FindOrganisation(e.ctx)
	must(t, "FindOrganisation", err)
	if org.ID != 1 || org.Name != "My organisation" || org.Version != 1 {
		t.Fatalf("FindOrganisation() = %+v, want ID 1, name %q, version 1", org, "My organisation")
	}

	mark := e.mark(t)
	at := e.tick()
	up, err := e.store.UpdateOrganisation(e.ctx, radiator.OrganisationUpdate{Version: 1, Name: ptr("Northwind Mail")})
	must(t, "UpdateOrganisation", err)
	want := *org
	want.Name, want.Version, want.UpdatedAt = "Northwind Mail", 2, at
	same(t, "updated organisation", up, &want)
	evs := e.wantEvents(t, mark, at, eventKey{radiator.EntityOrganisation, 1, radiator.ActionUpdate})
	same(t, "event before", evs[0].Before, org)
	same(t, "event after", evs[0].After, up)

	before := e.snapshot(t)
	_, err = e.store.UpdateOrganisation(e.ctx, radiator.OrganisationUpdate{Version: 1, Name: ptr("Stale")})
	wantError(t, "stale UpdateOrganisation", err, radiator.ECONFLICT, "*")
	_, err = e.store.UpdateOrganisation(e.ctx, radiator.OrganisationUpdate{Version: 2, Name: ptr("")})
	wantError(t, "UpdateOrganisation without name", err, radiator.EINVALID, "name")
	_, err = e.store.UpdateOrganisation(e.ctx, radiator.OrganisationUpdate{Name: ptr("No version")})
	wantError(t, "UpdateOrganisation without version", err, radiator.EINVALID, "version")
	if after := e.snapshot(t); after != before {
		t.Fatalf("a refused update changed the store:\nbefore: %s\n after: %s", before, after)
	}
	got, err := e.store.FindOrganisation(e.ctx)
	must(t, "FindOrganisation", err)
	same(t, "organisation", got, up)
}

// readinessKeys returns the events of a release's readiness items with
// the action.
func readinessKeys(t testing.TB, e *env, releaseID int64, action string) []eventKey {
	t.Helper()
	items, err := e.store.FindReadinessItems(e.ctx, releaseID)
	must(t, "FindReadinessItems", err)
	if len(items) == 0 {
		t.Fatalf("release %d has no readiness items", releaseID)
	}
	return readinessKeysOf(items, action)
}
