// Package storetest is the contract suite every radiator.Store must pass.
// The SQLite and PostgreSQL stores run it from their tests:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T, clock radiator.Clock) radiator.Store {
//			return mustOpen(t, clock) // fresh, migrated, empty; closed by t.Cleanup
//		})
//	}
//
// Besides the rules in package radiator, the suite pins down what a store
// decides on its own:
//
//   - Every create, update and delete writes one event per entity it
//     touches, in the same transaction: CreateTeam writes one for the team
//     and one for its forum; DeleteTeam, DeleteForum and DeletePerson write
//     one for every row they remove with them. A refused write writes none
//     and changes nothing. FindTokenByHash records LastUsedAt without an
//     event: using a token is not a change.
//   - Deleting a person removes their memberships, tokens and sessions.
//     Deleting a team removes its forum and the memberships in it; deleting
//     a forum removes the memberships in it.
//   - A delete of something still referred to is ECONFLICT: a product with
//     forums, teams, releases or backlog items; a forum with forums under
//     it; a team's own forum (delete the team); a team with sprints or
//     backlog items; a release or sprint with backlog items; a backlog item
//     with children.
//   - A reference to a missing row is EINVALID naming the field, never
//     internal. events.actor_id is not a reference: history outlives people.
//   - A team's forum follows its team: UpdateTeam renames it, moves it to
//     the team's product and under the team's parent forum, writing the
//     forum's event too. UpdateForum cannot move a team's forum to another
//     product.
//   - Lists come in a stable order: by ID, except releases (date, ID),
//     sprints (start, ID) and backlog items (rank bytewise, ID).
//   - Times come from the store's clock and read back in UTC.
//
// For the team tier (S1):
//
//   - Lists kept as JSON (team columns, estimate scale and definition of
//     ready; item labels and ready checks; sprint days off) read back as
//     given, and an empty list reads back as nil.
//   - CreateBacklogItem and UpdateBacklogItem apply Team.CheckChange for a
//     story with a team (old is nil on create; the sprint is the item's
//     sprint after the change), so a column gives its state and DoneAt
//     follows that state; features and initiatives keep their own units
//     and skip it. Then a new assignee who does not exist is EINVALID
//     assignee_id, for every kind.
//   - Deleting a person clears the assignee of each item assigned to them:
//     version +1 and an update event per item, like the other cascades.
//   - UpdateBacklogItems runs in one transaction and returns the items in
//     the order asked; the first refusal refuses all, keeping its code and
//     field with the message prefixed "item <id>: ". An empty list changes
//     nothing.
//   - MoveBacklogItem looks up the neighbours in the product's backlog in
//     (rank, id) order without the moved item and gives it
//     RankBetween(previous, next). When that rank would be longer than 24
//     characters, or the neighbours' ranks tie, it spreads the whole
//     product's ranks with SpreadRanks in the new order, with an update
//     event (version +1) for each item whose rank changed. A neighbour
//     missing or of another product is EINVALID before/after; a stale
//     version is ECONFLICT. Moves in one product are serialised.
//   - CloseSprint computes the result with NewBurndown from the sprint's
//     events before it moves anything. Unfinished items (state not done)
//     keep their state, lose their column and either leave the sprint for
//     the top of the product's backlog in their (rank, id) order, or move
//     to the next sprint keeping their rank; each gets an update event.
//     The next sprint by default is the team's first planned or active
//     sprint starting after this one; without one the close is refused
//     (EINVALID unfinished) whether or not work is unfinished. A closed
//     sprint cannot close again (EINVALID state).
//   - CreateSprint ignores StartedAt, ClosedAt and Result; a sprint created
//     active starts at once. UpdateSprint sets StartedAt when it becomes
//     active and keeps it after.
//   - The Backlog filter selects items in no sprint; Label matches one
//     label whole and exactly; Text matches every whitespace-separated word
//     (case-insensitively, % and _ literally) somewhere in the title,
//     description or acceptance criteria.
//
// For the Scrum of Scrums tier (S2):
//
//   - CreateRelease without a start starts the release on the day of the
//     store's clock (UTC), or on the day before its date when that is not
//     after today, and writes the release's StandardReadiness checklist
//     with an event per item. DeleteRelease deletes the release's
//     checklist, baselines and decisions, each with its event.
//     UpdateRelease applies CheckReleased to the checklist it reads.
//   - Readiness items come by part in the order of ReadinessParts, then by
//     ID; deleting a person clears the owner of their items, version +1
//     and an event each, as with assignees.
//   - A feature's move to done, by UpdateBacklogItem or UpdateBacklogItems,
//     is refused (EINVALID state) while stories under it are not done;
//     later changes of a done feature are not checked.
//   - CreateBacklogItems creates the items in order, each as
//     CreateBacklogItem would; the first refusal refuses all, keeping its
//     code and field with the message prefixed "item <n>: ", n counting
//     from 1, and leaves the items' IDs 0.
//   - CreateBaseline lists the release's features (kind feature, release
//     the release) in rank order with FeatureUnits of their estimate; an
//     actor without a person is taken as by nobody (TakenByID nil).
//     FindBaselines, FindReadinessItems and FindDecisions of a missing
//     release are ENOTFOUND.
//   - FindReleaseEvents returns exactly the release events of the
//     releases and the events of items whose kind (after, else before)
//     is feature with a release_id, before or after, among them; each
//     event once. Those items' Before and After hold only their kind,
//     title, release_id, estimate and state, or null; release events are
//     as FindEvents returns them.
//   - Deleting a backlog item deletes the dependencies at either end of
//     it, each with its event.
//   - ApplyDecision checks, in order, the release (EINVALID release_id),
//     the item (EINVALID item_id: missing, of another product, of the
//     wrong kind, a done story to move, a feature to cut that is not the
//     release's) and the team of a move (EINVALID team_id). Each item it
//     changes gets an update event as UpdateBacklogItem writes it: a moved
//     story gets the team, no sprint and no column; a moved feature gets
//     the team and so do its stories not done; a cut feature and its
//     stories whose release was this one get no release.
//   - PutMeetingOverride keeps one override per forum and UID: it creates
//     one at Sequence 1 whatever the version, and changes the one there is
//     only when o names its version (ECONFLICT otherwise), Sequence and
//     Version one up. Deleting a forum deletes its overrides, each with
//     its event.
//   - A forum or person has at most one feed secret: CreateFeedSecret
//     deletes the last one, with its event. Deleting the forum or person
//     deletes it too.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// Opener returns a fresh, migrated and empty store that uses clock, and
// closes it and removes its data when t ends.
type Opener func(t *testing.T, clock radiator.Clock) radiator.Store

// Run runs the contract suite against the stores open makes.
func Run(t *testing.T, open func(t *testing.T, clock radiator.Clock) radiator.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, open Opener)
	}{
		{"Ping", testPing},
		{"Organisation", testOrganisation},
		{"Lifecycle", testLifecycle},
		{"ConcurrentUpdate", testConcurrentUpdate},
		{"Rules", testRules},
		{"DeleteReferenced", testDeleteReferenced},
		{"DeletePerson", testDeletePerson},
		{"Team", testTeam},
		{"DeleteForum", testDeleteForum},
		{"Person", testPerson},
		{"Password", testPassword},
		{"BacklogItemRank", testBacklogItemRank},
		{"BacklogItemDone", testBacklogItemDone},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"DefaultLimit", testDefaultLimit},
		{"Token", testToken},
		{"Session", testSession},
		{"Events", testEvents},
		{"TeamSettings", testTeamSettings},
		{"BoardRules", testBoardRules},
		{"ColumnMoves", testColumnMoves},
		{"BulkUpdate", testBulkUpdate},
		{"MoveBacklogItem", testMoveBacklogItem},
		{"MoveRebalance", testMoveRebalance},
		{"ConcurrentMove", testConcurrentMove},
		{"CloseSprint", testCloseSprint},
		{"CloseSprintToNext", testCloseSprintToNext},
		{"SprintEvents", testSprintEvents},
		{"S1Filters", testS1Filters},
		{"DeletePersonAssignments", testDeletePersonAssignments},
		{"SprintTimes", testSprintTimes},
		{"ReleaseStart", testReleaseStart},
		{"Readiness", testReadiness},
		{"ReleasedOverride", testReleasedOverride},
		{"S2Rules", testS2Rules},
		{"FeatureSize", testFeatureSize},
		{"FeatureDone", testFeatureDone},
		{"CreateBacklogItems", testCreateBacklogItems},
		{"Baseline", testBaseline},
		{"ReleaseEvents", testReleaseEvents},
		{"Dependencies", testDependencies},
		{"Decisions", testDecisions},
		{"DeleteReleasePlan", testDeleteReleasePlan},
		{"MeetingOverrides", testMeetingOverrides},
		{"FeedSecrets", testFeedSecrets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open) })
	}
}

// start is when every test's clock starts: whole seconds, so that every
// database keeps the times exactly.
var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// testActor makes the suite's changes. Its person does not exist: events
// keep the actor of a change even after that person is gone.
var testActor = radiator.Actor{PersonID: 7001, Name: "Test Actor"}

// missing is an ID no test creates.
const missing int64 = 987654

// env is one fresh store with its clock and a context carrying testActor.
type env struct {
	store radiator.Store
	clock *radiator.ManualClock
	ctx   context.Context
}

func newEnv(t *testing.T, open Opener) *env {
	t.Helper()
	clock := radiator.NewManualClock(start)
	s := open(t, clock)
	return &env{store: s, clock: clock, ctx: radiator.NewContextWithActor(t.Context(), testActor)}
}

// tick moves the clock on, so that each write has its own time.
func (e *env) tick() time.Time {
	e.clock.Advance(time.Minute)
	return e.clock.Now()
}

// wantError checks that err is a *radiator.Error with the code, and with
// the field unless field is "*" (any).
func wantError(t testing.TB, what string, err error, code, field string) {
	t.Helper()
	var rerr *radiator.Error
	if !errors.As(err, &rerr) {
		t.Fatalf("%s: error = %v, want a *radiator.Error with code %q", what, err, code)
	}
	if rerr.Code != code {
		t.Fatalf("%s: error code = %q (%v), want %q", what, rerr.Code, err, code)
	}
	if field != "*" && rerr.Field != field {
		t.Fatalf("%s: error field = %q (%v), want %q", what, rerr.Field, err, field)
	}
}

// must fails the test on err.
func must(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// tree returns v as a decoded JSON value, with empty lists as null: stores
// need not tell an empty list from none.
func tree(t testing.TB, v any) any {
	t.Helper()
	var b []byte
	switch raw := v.(type) {
	case json.RawMessage:
		b = raw
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			t.Fatalf("encode %T: %v", v, err)
		}
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return normalize(out)
}

func normalize(v any) any {
	switch v := v.(type) {
	case []any:
		if len(v) == 0 {
			return nil
		}
		for i := range v {
			v[i] = normalize(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = normalize(v[k])
		}
	}
	return v
}

// diff returns "" when got and want are the same JSON, and both otherwise.
func diff(t testing.TB, got, want any) string {
	t.Helper()
	g, w := tree(t, got), tree(t, want)
	if reflect.DeepEqual(g, w) {
		return ""
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	return fmt.Sprintf("\n got: %s\nwant: %s", gb, wb)
}

// same fails the test when got and want differ.
func same(t testing.TB, what string, got, want any) {
	t.Helper()
	if d := diff(t, got, want); d != "" {
		t.Fatalf("%s differs:%s", what, d)
	}
}

// field returns one top-level field of v's JSON.
func field(t testing.TB, v any, name string) any {
	t.Helper()
	m, ok := tree(t, v).(map[string]any)
	if !ok {
		t.Fatalf("%T is not a JSON object", v)
	}
	return m[name]
}

// allEvents returns every event, walking the pages.
func (e *env) allEvents(t testing.TB) []*radiator.Event {
	t.Helper()
	return walk(t, "FindEvents", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Event, string, error) {
		return e.store.FindEvents(e.ctx, radiator.EventFilter{Page: p})
	})
}

// mark returns the ID of the last event so far.
func (e *env) mark(t testing.TB) int64 {
	t.Helper()
	evs := e.allEvents(t)
	if len(evs) == 0 {
		return 0
	}
	return evs[len(evs)-1].ID
}

// eventsAfter returns the events after the mark.
func (e *env) eventsAfter(t testing.TB, mark int64) []*radiator.Event {
	t.Helper()
	var out []*radiator.Event
	for _, ev := range e.allEvents(t) {
		if ev.ID > mark {
			out = append(out, ev)
		}
	}
	return out
}

// wantEvents checks that the events after mark are exactly the listed
// kind/id/action triples, in any order, each by testActor at the time at.
func (e *env) wantEvents(t testing.TB, mark int64, at time.Time, want ...eventKey) []*radiator.Event {
	t.Helper()
	evs := e.eventsAfter(t, mark)
	var got []eventKey
	for _, ev := range evs {
		got = append(got, eventKey{ev.EntityKind, ev.EntityID, ev.Action})
		checkEventMeta(t, ev, at)
	}
	if !sameKeys(got, want) {
		t.Fatalf("events written = %v, want %v", got, want)
	}
	return evs
}

// checkEventMeta checks who and when of an event made by the suite.
func checkEventMeta(t testing.TB, ev *radiator.Event, at time.Time) {
	t.Helper()
	if ev.ActorID == nil || *ev.ActorID != testActor.PersonID || ev.ActorName != testActor.Name {
		t.Errorf("event %d actor = %v %q, want %d %q", ev.ID, ev.ActorID, ev.ActorName, testActor.PersonID, testActor.Name)
	}
	if !ev.At.Equal(at) || ev.At.Location() != time.UTC {
		t.Errorf("event %d at = %v, want %v in UTC", ev.ID, ev.At, at)
	}
}

// eventKey names an event by what it is about.
type eventKey struct {
	Kind   string
	ID     int64
	Action string
}

func (k eventKey) String() string { return fmt.Sprintf("%s %d %s", k.Kind, k.ID, k.Action) }

func sameKeys(a, b []eventKey) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[eventKey]int{}
	for _, k := range a {
		count[k]++
	}
	for _, k := range b {
		count[k]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// findEvent returns the one event of the list about kind/id with action.
func findEvent(t testing.TB, evs []*radiator.Event, k eventKey) *radiator.Event {
	t.Helper()
	for _, ev := range evs {
		if ev.EntityKind == k.Kind && ev.EntityID == k.ID && ev.Action == k.Action {
			return ev
		}
	}
	t.Fatalf("no event %v", k)
	return nil
}

// walk collects every entry of a list, page by page, checking that pages
// respect the limit and that the last one says there is no more.
func walk[T any](t testing.TB, what string, limit int, list func(radiator.Page) ([]T, string, error)) []T {
	t.Helper()
	var all []T
	after := ""
	for range 100000 {
		page, next, err := list(radiator.Page{After: after, Limit: limit})
		if err != nil {
			t.Fatalf("%s(after %q, limit %d): %v", what, after, limit, err)
		}
		if len(page) > limit {
			t.Fatalf("%s(limit %d) returned %d entries", what, limit, len(page))
		}
		all = append(all, page...)
		if next == "" {
			return all
		}
		if len(page) == 0 || next == after {
			t.Fatalf("%s(after %q) returned %d entries and next cursor %q: the cursor does not move on", what, after, len(page), next)
		}
		after = next
	}
	t.Fatalf("%s: more than 100000 pages", what)
	return nil
}

// snapshot returns everything the store holds, for checking that a
// refused write changed nothing.
func (e *env) snapshot(t testing.TB) string {
	t.Helper()
	s := e.store
	ctx := e.ctx
	org, err := s.FindOrganisation(ctx)
	must(t, "FindOrganisation", err)
	people := walk(t, "FindPeople", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Person, string, error) {
		return s.FindPeople(ctx, radiator.PersonFilter{Page: p})
	})
	var tokens [][]*radiator.Token
	var hashes []string
	for _, p := range people {
		ts, err := s.FindTokens(ctx, p.ID)
		must(t, "FindTokens", err)
		tokens = append(tokens, ts)
		h, err := s.FindPasswordHash(ctx, p.ID)
		must(t, "FindPasswordHash", err)
		hashes = append(hashes, h)
	}
	releases := walk(t, "FindReleases", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Release, string, error) {
		return s.FindReleases(ctx, radiator.ReleaseFilter{Page: p})
	})
	var readiness [][]*radiator.ReadinessItem
	var baselines [][]*radiator.Baseline
	var decisions [][]*radiator.Decision
	for _, r := range releases {
		rs, err := s.FindReadinessItems(ctx, r.ID)
		must(t, "FindReadinessItems", err)
		bs, err := s.FindBaselines(ctx, r.ID)
		must(t, "FindBaselines", err)
		ds, err := s.FindDecisions(ctx, r.ID)
		must(t, "FindDecisions", err)
		readiness, baselines, decisions = append(readiness, rs), append(baselines, bs), append(decisions, ds)
	}
	all := map[string]any{
		"readiness": readiness,
		"baselines": baselines,
		"decisions": decisions,
		"dependencies": walk(t, "FindDependencies", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Dependency, string, error) {
			return s.FindDependencies(ctx, radiator.DependencyFilter{Page: p})
		}),
		"organisation": org,
		"people":       people,
		"tokens":       tokens,
		"hashes":       hashes,
		"products": walk(t, "FindProducts", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Product, string, error) {
			return s.FindProducts(ctx, radiator.ProductFilter{Page: p})
		}),
		"forums": walk(t, "FindForums", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Forum, string, error) {
			return s.FindForums(ctx, radiator.ForumFilter{Page: p})
		}),
		"teams": walk(t, "FindTeams", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Team, string, error) {
			return s.FindTeams(ctx, radiator.TeamFilter{Page: p})
		}),
		"memberships": walk(t, "FindMemberships", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Membership, string, error) {
			return s.FindMemberships(ctx, radiator.MembershipFilter{Page: p})
		}),
		"releases": releases,
		"sprints": walk(t, "FindSprints", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.Sprint, string, error) {
			return s.FindSprints(ctx, radiator.SprintFilter{Page: p})
		}),
		"items": walk(t, "FindBacklogItems", radiator.MaxLimit, func(p radiator.Page) ([]*radiator.BacklogItem, string, error) {
			return s.FindBacklogItems(ctx, radiator.BacklogItemFilter{Page: p})
		}),
		"events": e.allEvents(t),
	}
	b, err := json.Marshal(all)
	must(t, "encode snapshot", err)
	return string(b)
}

func testPing(t *testing.T, open Opener) {
	e := newEnv(t, open)
	if err := e.store.Ping(e.ctx); err != nil {
		t.Fatalf("Ping() = %v, want nil", err)
	}
}

func ptr[T any](v T) *T { return &v }
