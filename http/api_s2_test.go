package http

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// releaseFixture is a product with two teams and three releases, made at
// ManualClock times so that its burnup, forecast and risk can be worked
// out by hand:
//
//   - Mail Cloud (MAIL) with the teams Inbox Crew and Delivery Hawks;
//     Calendar (CAL) with the team Owls, its feature Agenda and its
//     release Cal 1.0.
//   - Releases of MAIL: Mail 2.0 (regular, 5 Jan to 27 Feb), Mail 3.0
//     (regular, 2 Feb to 24 Apr) and the hot fix Mail 2.0.1 (2 to 13 Mar).
//   - Sprints of 12 days: Inbox S5 (9 to 20 Feb), S6 (23 Feb to 6 Mar), S7
//     (9 to 20 Mar), S8 (23 Mar to 3 Apr); Hawks H6 (23 Feb to 6 Mar), H7
//     (9 to 20 Mar).
//   - Features in rank order: Threads (M: 2 units) and Search (1) in Mail
//     3.0, Labels (1) in Mail 2.0, Unified inbox (1) in no release, Crash
//     on send (1) in the hot fix.
//   - Stories: A (Threads, Inbox, 5, S6), B (Threads, Hawks, 8, H6), C
//     (Threads, Inbox, 3, no sprint), D (Search, Inbox, 13, S7), E
//     (Labels, Inbox, 8, S5), H (Crash on send, Inbox, 2, S6).
//   - Mon 5 Jan: all of it is made. Mon 9 Feb: S5 starts. Wed 18 Feb: E
//     and Labels are done. Fri 20 Feb: S5 closes (velocity of Inbox: 8).
//     Mon 23 Feb: S6 and H6 start. Wed 25 Feb: A is done. Mon 2 Mar: a
//     baseline of Mail 3.0 is taken. Wed 4 Mar 10:00: now.
type releaseFixture struct {
	mail, cal               *radiator.Product
	inbox, hawks, owls      *radiator.Team
	mail2, mail3, hotfix    *radiator.Release
	cal1                    *radiator.Release
	sprints                 map[string]*radiator.Sprint // S5 to S8, H6, H7
	features                map[string]*radiator.BacklogItem
	stories                 map[string]*radiator.BacklogItem // A to E, H
	baseline                *radiator.Baseline
	threads, search, agenda *radiator.BacklogItem
}

func (e *env) releaseFixture() *releaseFixture {
	e.t.Helper()
	ctx := context.Background()
	check := func(what string, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("release fixture: %s: %v", what, err)
		}
	}
	at := func(s string) {
		e.t.Helper()
		tm, err := time.Parse("2006-01-02 15:04", s)
		check("time", err)
		e.clock.Set(tm)
	}
	f := &releaseFixture{sprints: map[string]*radiator.Sprint{}, features: map[string]*radiator.BacklogItem{}, stories: map[string]*radiator.BacklogItem{}}
	at("2026-01-05 09:00")
	f.mail = &radiator.Product{Key: "MAIL", Name: "Mail Cloud"}
	check("product", e.store.CreateProduct(ctx, f.mail))
	f.cal = &radiator.Product{Key: "CAL", Name: "Calendar"}
	check("product", e.store.CreateProduct(ctx, f.cal))
	team := func(product *radiator.Product, name string) *radiator.Team {
		t := &radiator.Team{ProductID: product.ID, Name: name}
		check("team "+name, e.store.CreateTeam(ctx, t))
		return t
	}
	f.inbox, f.hawks, f.owls = team(f.mail, "Inbox Crew"), team(f.mail, "Delivery Hawks"), team(f.cal, "Owls")
	release := func(product *radiator.Product, name, start, date, kind string) *radiator.Release {
		r := &radiator.Release{ProductID: product.ID, Name: name, Start: radiator.MustDate(start), Date: radiator.MustDate(date),
			Phase: radiator.PhasePlanning, Kind: kind}
		check("release "+name, e.store.CreateRelease(ctx, r))
		return r
	}
	f.mail2 = release(f.mail, "Mail 2.0", "2026-01-05", "2026-02-27", radiator.ReleaseRegular)
	f.mail3 = release(f.mail, "Mail 3.0", "2026-02-02", "2026-04-24", radiator.ReleaseRegular)
	f.hotfix = release(f.mail, "Mail 2.0.1", "2026-03-02", "2026-03-13", radiator.ReleaseHotfix)
	f.cal1 = release(f.cal, "Cal 1.0", "2026-01-05", "2026-05-01", radiator.ReleaseRegular)
	for _, s := range []struct {
		name       string
		team       *radiator.Team
		start, end string
	}{
		{"S5", f.inbox, "2026-02-09", "2026-02-20"},
		{"S6", f.inbox, "2026-02-23", "2026-03-06"},
		{"S7", f.inbox, "2026-03-09", "2026-03-20"},
		{"S8", f.inbox, "2026-03-23", "2026-04-03"},
		{"H6", f.hawks, "2026-02-23", "2026-03-06"},
		{"H7", f.hawks, "2026-03-09", "2026-03-20"},
	} {
		sp := &radiator.Sprint{TeamID: s.team.ID, Name: s.name, Start: radiator.MustDate(s.start), End: radiator.MustDate(s.end), State: radiator.SprintPlanned}
		check("sprint "+s.name, e.store.CreateSprint(ctx, sp))
		f.sprints[s.name] = sp
	}
	for _, ft := range []struct {
		title, size string
		product     *radiator.Product
		release     *radiator.Release
	}{
		{"Threads", "M", f.mail, f.mail3},
		{"Search", "", f.mail, f.mail3},
		{"Labels", "", f.mail, f.mail2},
		{"Unified inbox", "", f.mail, nil},
		{"Crash on send", "", f.mail, f.hotfix},
		{"Agenda", "", f.cal, f.cal1},
	} {
		it := &radiator.BacklogItem{ProductID: ft.product.ID, Kind: radiator.KindFeature, Title: ft.title, State: radiator.StateNew}
		it.SetSize(ft.size)
		if ft.release != nil {
			it.ReleaseID = &ft.release.ID
		}
		check("feature "+ft.title, e.store.CreateBacklogItem(ctx, it))
		f.features[ft.title] = it
	}
	for _, st := range []struct {
		key, feature string
		team         *radiator.Team
		points       float64
		sprint       string
	}{
		{"A", "Threads", f.inbox, 5, "S6"},
		{"B", "Threads", f.hawks, 8, "H6"},
		{"C", "Threads", f.inbox, 3, ""},
		{"D", "Search", f.inbox, 13, "S7"},
		{"E", "Labels", f.inbox, 8, "S5"},
		{"H", "Crash on send", f.inbox, 2, "S6"},
	} {
		feature := f.features[st.feature]
		it := &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "Story " + st.key, State: radiator.StateReady,
			ParentID: &feature.ID, ReleaseID: feature.ReleaseID, TeamID: &st.team.ID, Estimate: &st.points, AcceptanceCriteria: "It works."}
		if st.sprint != "" {
			it.SprintID = &f.sprints[st.sprint].ID
		} else {
			it.State = radiator.StateNew
		}
		check("story "+st.key, e.store.CreateBacklogItem(ctx, it))
		f.stories[st.key] = it
	}
	setState := func(sprint, state string) {
		e.t.Helper()
		sp, err := e.store.UpdateSprint(ctx, f.sprints[sprint].ID, radiator.SprintUpdate{Version: f.sprints[sprint].Version, State: &state})
		check("sprint "+sprint+" "+state, err)
		f.sprints[sprint] = sp
	}
	done := func(items map[string]*radiator.BacklogItem, key string) {
		e.t.Helper()
		it, err := e.store.UpdateBacklogItem(ctx, items[key].ID, radiator.BacklogItemUpdate{Version: items[key].Version, State: ptr(radiator.StateDone)})
		check("done "+key, err)
		items[key] = it
	}
	at("2026-02-09 09:00")
	setState("S5", radiator.SprintActive)
	at("2026-02-18 10:00")
	done(f.stories, "E")
	done(f.features, "Labels")
	at("2026-02-20 17:00")
	sp, err := e.store.CloseSprint(ctx, f.sprints["S5"].ID, radiator.SprintClose{Version: f.sprints["S5"].Version, Unfinished: radiator.UnfinishedToBacklog})
	check("close S5", err)
	f.sprints["S5"] = sp
	at("2026-02-23 09:00")
	setState("S6", radiator.SprintActive)
	setState("H6", radiator.SprintActive)
	at("2026-02-25 10:00")
	done(f.stories, "A")
	at("2026-03-02 09:00")
	f.baseline = &radiator.Baseline{ReleaseID: f.mail3.ID, Note: "Release planning"}
	check("baseline", e.store.CreateBaseline(ctx, f.baseline))
	e.clock.Set(testNow)
	f.threads, f.search, f.agenda = f.features["Threads"], f.features["Search"], f.features["Agenda"]
	return f
}

// eventCount returns how many events the store holds.
func (e *env) eventCount() int {
	e.t.Helper()
	events, err := collect(func(after string) ([]*radiator.Event, string, error) {
		return e.store.FindEvents(context.Background(), radiator.EventFilter{Page: allPages(after)})
	})
	if err != nil {
		e.t.Fatalf("find events: %v", err)
	}
	return len(events)
}

func featureTitles(fs []radiator.FeatureProgress) []string {
	titles := []string{}
	for _, p := range fs {
		titles = append(titles, p.Feature.Title)
	}
	return titles
}

func TestMetaBacklog(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var mb metaBacklog
	e.mustDo("GET", apiPath("products/%d/meta-backlog", f.mail.ID), "", http.StatusOK, &mb)
	if diff := cmp.Diff([]string{"Threads", "Search", "Labels", "Unified inbox", "Crash on send"}, featureTitles(mb.Features)); diff != "" {
		t.Errorf("meta-backlog of MAIL (-want +got):\n%s", diff)
	}
	threads := mb.Features[0]
	if threads.Units != 2 || threads.Stories != 3 || threads.StoriesDone != 1 || threads.Points != 16 || threads.PointsDone != 5 || threads.Unplanned != 1 {
		t.Errorf("progress of Threads = %+v, want 2 units, 1 of 3 stories and 5 of 16 points done, 1 unplanned", threads)
	}
	if diff := cmp.Diff([]int64{f.inbox.ID, f.hawks.ID}, threads.TeamIDs); diff != "" {
		t.Errorf("teams of Threads (-want +got):\n%s", diff)
	}
	if unified := mb.Features[3]; len(unified.Flags) != 1 || unified.Flags[0].Code != radiator.FlagNoStories {
		t.Errorf("flags of Unified inbox = %+v, want no_stories", unified.Flags)
	}

	e.mustDo("GET", apiPath("products/%d/meta-backlog?release_id=%d", f.mail.ID, f.mail3.ID), "", http.StatusOK, &mb)
	if diff := cmp.Diff([]string{"Threads", "Search"}, featureTitles(mb.Features)); diff != "" {
		t.Errorf("meta-backlog of Mail 3.0 (-want +got):\n%s", diff)
	}
	tests := []struct {
		name, path string
		status     int
		code       string
		field      string
	}{
		{"release of another product", apiPath("products/%d/meta-backlog?release_id=%d", f.mail.ID, f.cal1.ID), 422, radiator.EINVALID, "release_id"},
		{"no such release", apiPath("products/%d/meta-backlog?release_id=999", f.mail.ID), 422, radiator.EINVALID, "release_id"},
		{"bad release", apiPath("products/%d/meta-backlog?release_id=x", f.mail.ID), 422, radiator.EINVALID, "release_id"},
		{"no such product", apiPath("products/999/meta-backlog"), 404, radiator.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("GET", tt.path, ""), tt.status, tt.code, tt.field)
		})
	}
}

func TestStoriesCreate(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	path := apiPath("backlog-items/%d/stories", f.search.ID)
	body := fmt.Sprintf(`{"stories":[
		{"team_id":%d,"title":"Index mail bodies","estimate":8,"acceptance_criteria":"Words in bodies are found."},
		{"team_id":%d,"title":"Search box","description":"At the top."}]}`, f.inbox.ID, f.hawks.ID)
	var got backlogItemsChanged
	e.mustDo("POST", path, body, http.StatusCreated, &got)
	if len(got.Items) != 2 {
		t.Fatalf("created %d stories, want 2", len(got.Items))
	}
	for i, want := range []struct {
		title string
		team  int64
	}{{"Index mail bodies", f.inbox.ID}, {"Search box", f.hawks.ID}} {
		it := e.item(got.Items[i].ID)
		if it.Title != want.title || it.Kind != radiator.KindStory || *it.TeamID != want.team || *it.ParentID != f.search.ID ||
			it.ProductID != f.mail.ID || it.ReleaseID == nil || *it.ReleaseID != f.mail3.ID || it.State != radiator.StateNew {
			t.Errorf("story %d = %+v, want %q of team %d under Search, in MAIL and Mail 3.0, new", i, it, want.title, want.team)
		}
	}

	count := func() int {
		items, _, err := e.store.FindBacklogItems(context.Background(), radiator.BacklogItemFilter{ParentID: f.search.ID})
		if err != nil {
			t.Fatal(err)
		}
		return len(items)
	}
	before := count()
	tests := []struct {
		name, path, body string
		status           int
		code, field      string
	}{
		{"team outside the product", path, fmt.Sprintf(`{"stories":[{"team_id":%d,"title":"One"},{"team_id":%d,"title":"Two"}]}`, f.inbox.ID, f.owls.ID),
			422, radiator.EINVALID, "stories[1].team_id"},
		{"no team", path, `{"stories":[{"title":"One"}]}`, 422, radiator.EINVALID, "stories[0].team_id"},
		{"no title", path, fmt.Sprintf(`{"stories":[{"team_id":%d,"title":"One"},{"team_id":%d,"title":" "}]}`, f.inbox.ID, f.inbox.ID),
			422, radiator.EINVALID, "stories[1].title"},
		{"estimate off the scale", path, fmt.Sprintf(`{"stories":[{"team_id":%d,"title":"One"},{"team_id":%d,"title":"Two","estimate":4}]}`, f.inbox.ID, f.inbox.ID),
			422, radiator.EINVALID, "estimate"},
		{"no stories", path, `{"stories":[]}`, 422, radiator.EINVALID, "stories"},
		{"a story is no feature", apiPath("backlog-items/%d/stories", f.stories["A"].ID), fmt.Sprintf(`{"stories":[{"team_id":%d,"title":"One"}]}`, f.inbox.ID),
			422, radiator.EINVALID, "kind"},
		{"no such item", apiPath("backlog-items/999/stories"), fmt.Sprintf(`{"stories":[{"team_id":%d,"title":"One"}]}`, f.inbox.ID), 404, radiator.ENOTFOUND, ""},
		{"unknown field", path, `{"stories":[{"team":1}]}`, 400, radiator.EMALFORMED, "team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("POST", tt.path, tt.body), tt.status, tt.code, tt.field)
			if n := count(); n != before {
				t.Errorf("Search has %d stories after a refused breakdown, want %d: all or nothing", n, before)
			}
		})
	}
}

func TestFeatureCommit(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	unified := f.features["Unified inbox"]
	// A story of Unified inbox in no release follows it into the release.
	story := &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "Merge inboxes", State: radiator.StateNew,
		ParentID: &unified.ID, TeamID: &f.hawks.ID}
	if err := e.store.CreateBacklogItem(context.Background(), story); err != nil {
		t.Fatal(err)
	}
	commit := func(id, version int64) string {
		return fmt.Sprintf(`{"feature_id":%d,"version":%d}`, id, version)
	}
	var got radiator.BacklogItem
	e.mustDo("POST", apiPath("releases/%d/features", f.mail3.ID), commit(unified.ID, unified.Version), http.StatusOK, &got)
	if got.ReleaseID == nil || *got.ReleaseID != f.mail3.ID || got.Version != unified.Version+1 {
		t.Errorf("committed feature release %v version %d, want %d and %d", got.ReleaseID, got.Version, f.mail3.ID, unified.Version+1)
	}
	if s := e.item(story.ID); s.ReleaseID == nil || *s.ReleaseID != f.mail3.ID {
		t.Errorf("story of the committed feature in release %v, want %d", s.ReleaseID, f.mail3.ID)
	}
	t.Run("again to the same release", func(t *testing.T) {
		var again radiator.BacklogItem
		e.mustDo("POST", apiPath("releases/%d/features", f.mail3.ID), commit(unified.ID, got.Version), http.StatusOK, &again)
		if again.Version != got.Version {
			t.Errorf("version after committing again = %d, want %d unchanged", again.Version, got.Version)
		}
	})

	tests := []struct {
		name, path, body string
		status           int
		code, field      string
		message          string
	}{
		{"in two releases of the product", apiPath("releases/%d/features", f.mail2.ID), commit(unified.ID, got.Version),
			422, radiator.EINVALID, "feature_id", "committed to release Mail 3.0; take it out there first"},
		{"feature of another product", apiPath("releases/%d/features", f.mail3.ID), commit(f.agenda.ID, f.agenda.Version),
			422, radiator.EINVALID, "feature_id", "another product"},
		{"a story", apiPath("releases/%d/features", f.mail3.ID), commit(f.stories["C"].ID, f.stories["C"].Version),
			422, radiator.EINVALID, "feature_id", "not a feature"},
		{"no such item", apiPath("releases/%d/features", f.mail3.ID), commit(999, 1), 422, radiator.EINVALID, "feature_id", "999"},
		{"no feature", apiPath("releases/%d/features", f.mail3.ID), `{"version":1}`, 422, radiator.EINVALID, "feature_id", ""},
		{"in a regular release and a hot fix", apiPath("releases/%d/features", f.hotfix.ID), commit(f.features["Labels"].ID, 1), 422, radiator.EINVALID, "feature_id", "Mail 2.0"},
		{"no such release", apiPath("releases/999/features"), commit(unified.ID, got.Version), 404, radiator.ENOTFOUND, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := wantAPIError(t, e.do("POST", tt.path, tt.body), tt.status, tt.code, tt.field)
			if !strings.Contains(w.Message, tt.message) {
				t.Errorf("message %q does not say %q", w.Message, tt.message)
			}
		})
	}
	t.Run("stale version of an uncommitted feature", func(t *testing.T) {
		other := &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindFeature, Title: "Snooze", State: radiator.StateNew}
		if err := e.store.CreateBacklogItem(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		wantAPIError(t, e.do("POST", apiPath("releases/%d/features", f.mail3.ID), commit(other.ID, 7)), 409, radiator.ECONFLICT, "")
	})

	t.Run("take out", func(t *testing.T) {
		path := apiPath("releases/%d/features/%d", f.mail3.ID, unified.ID)
		wantAPIError(t, e.do("DELETE", path+"?version=1", ""), 409, radiator.ECONFLICT, "")
		e.mustDo("DELETE", path+fmt.Sprintf("?version=%d", got.Version), "", http.StatusNoContent, nil)
		if it := e.item(unified.ID); it.ReleaseID != nil {
			t.Errorf("feature taken out is in release %d, want none", *it.ReleaseID)
		}
		if s := e.item(story.ID); s.ReleaseID != nil {
			t.Errorf("its story is in release %d, want none", *s.ReleaseID)
		}
		wantAPIError(t, e.do("DELETE", path, ""), 404, radiator.ENOTFOUND, "")
		// Now it may go to Mail 2.0.
		it := e.item(unified.ID)
		e.mustDo("POST", apiPath("releases/%d/features", f.mail2.ID), commit(it.ID, it.Version), http.StatusOK, nil)
		wantAPIError(t, e.do("DELETE", apiPath("releases/%d/features/abc", f.mail2.ID), ""), 404, radiator.ENOTFOUND, "")
	})
}

func TestReleaseStartAndDate(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var rel radiator.Release
	e.mustDo("POST", "/api/v1/releases", fmt.Sprintf(`{"product_id":%d,"name":"Mail 4.0","start":"2026-05-04","date":"2026-07-31"}`, f.mail.ID), http.StatusCreated, &rel)
	if rel.Start != radiator.MustDate("2026-05-04") || rel.Date != radiator.MustDate("2026-07-31") {
		t.Errorf("new release from %s to %s, want 2026-05-04 to 2026-07-31", rel.Start, rel.Date)
	}
	tests := []struct {
		name, method, path, body string
		field                    string
	}{
		{"create with the date before the start", "POST", "/api/v1/releases",
			fmt.Sprintf(`{"product_id":%d,"name":"Mail 5.0","start":"2026-09-01","date":"2026-08-31"}`, f.mail.ID), "date"},
		{"move the date before the start", "PATCH", apiPath("releases/%d", rel.ID), `{"version":1,"date":"2026-05-01"}`, "date"},
		{"move the start after the date", "PATCH", apiPath("releases/%d", rel.ID), `{"version":1,"start":"2026-08-03"}`, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do(tt.method, tt.path, tt.body), 422, radiator.EINVALID, tt.field)
		})
	}
	var moved radiator.Release
	e.mustDo("PATCH", apiPath("releases/%d", rel.ID), `{"version":1,"start":"2026-05-11","date":"2026-08-07"}`, http.StatusOK, &moved)
	if moved.Start != radiator.MustDate("2026-05-11") || moved.Date != radiator.MustDate("2026-08-07") {
		t.Errorf("moved release from %s to %s, want 2026-05-11 to 2026-08-07", moved.Start, moved.Date)
	}
}

func TestReleasePlan(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	unified := f.features["Unified inbox"]
	e.mustDo("POST", apiPath("releases/%d/features", f.mail3.ID), fmt.Sprintf(`{"feature_id":%d,"version":%d}`, unified.ID, unified.Version), http.StatusOK, nil)

	var p releasePlan
	e.mustDo("GET", apiPath("releases/%d/plan", f.mail3.ID), "", http.StatusOK, &p)
	if p.Release.ID != f.mail3.ID {
		t.Errorf("plan of release %d, want %d", p.Release.ID, f.mail3.ID)
	}
	if diff := cmp.Diff([]string{"Threads", "Search", "Unified inbox"}, featureTitles(p.Features)); diff != "" {
		t.Errorf("committed features (-want +got):\n%s", diff)
	}
	type team struct {
		Name    string
		Sprints []string
	}
	var teams []team
	for _, ts := range p.Teams {
		tm := team{Name: ts.Name, Sprints: []string{}}
		for _, sp := range ts.Sprints {
			tm.Sprints = append(tm.Sprints, sp.Name)
		}
		teams = append(teams, tm)
	}
	if diff := cmp.Diff([]team{{"Inbox Crew", []string{"S5", "S6", "S7", "S8"}}, {"Delivery Hawks", []string{"H6", "H7"}}}, teams); diff != "" {
		t.Errorf("teams' sprints in the release (-want +got):\n%s", diff)
	}
	if p.Baseline == nil || p.Baseline.ID != f.baseline.ID || p.Baseline.Scope() != 3 {
		t.Fatalf("baseline = %+v, want %d with 3 units", p.Baseline, f.baseline.ID)
	}
	if len(p.Changes) != 1 || p.Changes[0].Kind != radiator.ChangeFeatureAdded || p.Changes[0].ItemID != unified.ID ||
		p.Changes[0].Units != 1 || p.Changes[0].ActorName != "Ada Admin" {
		t.Errorf("changes since the baseline = %+v, want Unified inbox added (1 unit) by Ada Admin", p.Changes)
	}
	if p.Decisions == nil || len(p.Decisions) != 0 {
		t.Errorf("decisions = %v, want []", p.Decisions)
	}

	var c releaseChanges
	e.mustDo("GET", apiPath("releases/%d/changes", f.mail3.ID), "", http.StatusOK, &c)
	if diff := cmp.Diff(p.Changes, c.Changes); diff != "" || c.Baseline == nil || c.Baseline.ID != f.baseline.ID {
		t.Errorf("GET changes: baseline %v, changes differ from the plan's (-plan +changes):\n%s", c.Baseline, diff)
	}
	e.mustDo("GET", apiPath("releases/%d/changes", f.mail2.ID), "", http.StatusOK, &c)
	if c.Baseline != nil || c.Changes == nil || len(c.Changes) != 0 {
		t.Errorf("changes of a release without baseline = %+v, want null and []", c)
	}
}

func TestBaselines(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	e.clock.Set(testNow.Add(time.Hour))
	var b radiator.Baseline
	w := e.mustDo("POST", apiPath("releases/%d/baselines", f.mail3.ID), `{"note":"After the review"}`, http.StatusCreated, &b)
	want := []radiator.BaselineFeature{{ID: f.threads.ID, Title: "Threads", Units: 2}, {ID: f.search.ID, Title: "Search", Units: 1}}
	if diff := cmp.Diff(want, b.Features); diff != "" {
		t.Errorf("baseline features (-want +got):\n%s", diff)
	}
	if b.Note != "After the review" || b.Date != f.mail3.Date || b.TakenByName != "Ada Admin" || !b.TakenAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("baseline = %+v, want the note, the release date, Ada and the time", b)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var list entries[*radiator.Baseline]
	e.mustDo("GET", apiPath("releases/%d/baselines", f.mail3.ID), "", http.StatusOK, &list)
	if len(list.Items) != 2 || list.Items[0].ID != f.baseline.ID || list.Items[1].ID != b.ID {
		t.Errorf("baselines = %+v, want the fixture's then the new one", list.Items)
	}
	wantAPIError(t, e.do("POST", apiPath("releases/999/baselines"), `{}`), 404, radiator.ENOTFOUND, "")
	wantAPIError(t, e.do("GET", apiPath("releases/999/baselines"), ""), 404, radiator.ENOTFOUND, "")
	wantAPIError(t, e.do("POST", apiPath("releases/%d/baselines", f.mail3.ID), `{"note":"`+strings.Repeat("n", 3000)+`"}`), 422, radiator.EINVALID, "note")
}

func TestReleaseCharts(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var b radiator.Burnup
	e.mustDo("GET", apiPath("releases/%d/burnup", f.mail3.ID), "", http.StatusOK, &b)
	// From Mon 2 Feb to today, Wed 4 Mar: 31 days, 3 units in scope all along.
	if b.ReleaseID != f.mail3.ID || len(b.Points) != 31 {
		t.Fatalf("burnup of release %d with %d points, want %d with 31", b.ReleaseID, len(b.Points), f.mail3.ID)
	}
	first, last := b.Points[0], b.Points[30]
	if first.Day != radiator.MustDate("2026-02-02") || last.Day != radiator.MustDate("2026-03-04") || last.Scope != 3 || last.Done != 0 || last.Features != 2 {
		t.Errorf("burnup from %+v to %+v, want 2 Feb to 4 Mar, 3 units of 2 features, none done", first, last)
	}
	var bd releaseBurndown
	e.mustDo("GET", apiPath("releases/%d/burndown", f.mail2.ID), "", http.StatusOK, &bd)
	// Mail 2.0 runs from 5 Jan to 27 Feb, Labels done on 18 Feb.
	if bd.ReleaseID != f.mail2.ID || len(bd.Points) != 54 {
		t.Fatalf("burndown of release %d with %d points, want %d with 54", bd.ReleaseID, len(bd.Points), f.mail2.ID)
	}
	for _, p := range bd.Points {
		want := 1.0
		if !p.Day.Before(radiator.MustDate("2026-02-18")) {
			want = 0
		}
		if p.Remaining != want || p.Scope != 1 {
			t.Errorf("burndown on %s: %v of %v remaining, want %v of 1", p.Day, p.Remaining, p.Scope, want)
		}
	}

	var pb radiator.ProductBurnup
	e.mustDo("GET", apiPath("products/%d/burnup", f.mail.ID), "", http.StatusOK, &pb)
	if len(pb.Releases) != 2 {
		t.Fatalf("product burnup has %d releases, want Mail 2.0 and Mail 3.0", len(pb.Releases))
	}
	r2, r3 := pb.Releases[0], pb.Releases[1]
	if r2.Name != "Mail 2.0" || r3.Name != "Mail 3.0" || r2.Base != 0 || r3.Base != 1 || len(r2.Points) != 54 || len(r3.Points) != 31 {
		t.Errorf("bands %s (base %v, %d points), %s (base %v, %d points); want Mail 2.0 (0, 54), Mail 3.0 (1, 31)",
			r2.Name, r2.Base, len(r2.Points), r3.Name, r3.Base, len(r3.Points))
	}
	if p := r3.Points[len(r3.Points)-1]; p.Scope != 4 || p.Done != 1 {
		t.Errorf("last point of Mail 3.0's band: scope %v done %v, want 4 and 1 (lifted by Mail 2.0's 1)", p.Scope, p.Done)
	}

	for _, path := range []string{"releases/999/burnup", "releases/999/burndown", "products/999/burnup", "releases/x/burnup"} {
		wantAPIError(t, e.do("GET", apiPath("%s", path), ""), 404, radiator.ENOTFOUND, "")
	}
}

func TestReleaseForecast(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var fc radiator.Forecast
	e.mustDo("GET", apiPath("releases/%d/forecast", f.mail3.ID), "", http.StatusOK, &fc)
	// Periods of 12 days, the teams' sprints; of the last six, one saw a
	// feature unit accepted (Labels, 18 Feb).
	finish := radiator.MustDate("2026-04-09")
	want := radiator.Forecast{
		AsOf: radiator.MustDate("2026-03-04"), Date: radiator.MustDate("2026-04-24"), Scope: 3, Done: 0, Remaining: 3,
		PeriodDays: 12, Basis: 6, Pace: radiator.ForecastRange{Pessimistic: 0, Likely: 0, Optimistic: 1},
		ByDate: radiator.ForecastRange{Pessimistic: 0, Likely: 0, Optimistic: 3}, FinishOptimistic: &finish,
		Outcome: radiator.OutcomeOffTrack,
	}
	fc.Words = ""
	if diff := cmp.Diff(want, fc); diff != "" {
		t.Errorf("forecast of Mail 3.0 (-want +got):\n%s", diff)
	}
	wantAPIError(t, e.do("GET", apiPath("releases/999/forecast"), ""), 404, radiator.ENOTFOUND, "")
}

func TestReleaseBoard(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	// B (Hawks, H6) depends on D (Inbox, S7): planned before the work it
	// needs, so its line is red.
	var dep radiator.Dependency
	e.mustDo("POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d,"note":"Needs the index"}`, f.stories["B"].ID, f.stories["D"].ID), http.StatusCreated, &dep)

	var b radiator.ReleaseBoard
	e.mustDo("GET", apiPath("releases/%d/board", f.mail3.ID), "", http.StatusOK, &b)
	var starts []string
	for _, c := range b.Columns {
		starts = append(starts, c.Start.String())
	}
	if diff := cmp.Diff([]string{"2026-02-09", "2026-02-23", "2026-03-09", "2026-03-23"}, starts); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	var rows []string
	for _, r := range b.Rows {
		rows = append(rows, r.Name)
	}
	if len(b.Rows) != 3 || b.Rows[0].TeamID != f.inbox.ID || b.Rows[1].TeamID != f.hawks.ID || !b.Rows[2].Hotfix {
		t.Errorf("rows %q, want Inbox Crew, Delivery Hawks and the hot-fix lane", rows)
	}
	key := func(feature *radiator.BacklogItem, team *radiator.Team, column int) string {
		return fmt.Sprintf("f%d-t%d-c%d", feature.ID, team.ID, column)
	}
	if len(b.Lines) != 1 || b.Lines[0].DependencyID != dep.ID || b.Lines[0].From != key(f.threads, f.hawks, 1) ||
		b.Lines[0].To != key(f.search, f.inbox, 2) || !b.Lines[0].Red {
		t.Errorf("lines = %+v, want one red line from Threads of Hawks in column 1 to Search of Inbox in column 2", b.Lines)
	}

	c := f.stories["C"]
	move := func(team, sprint string, version int64) string {
		return fmt.Sprintf(`{"feature_id":%d,"stories":[{"id":%d,"version":%d}],"team_id":%s,"sprint_id":%s}`, f.threads.ID, c.ID, version, team, sprint)
	}
	id := func(v int64) string { return fmt.Sprint(v) }
	path := apiPath("releases/%d/board/move", f.mail3.ID)
	tests := []struct {
		name, body  string
		status      int
		code, field string
	}{
		{"team outside the product", move(id(f.owls.ID), "null", c.Version), 422, radiator.EINVALID, "team_id"},
		{"no such team", move("999", "null", c.Version), 422, radiator.EINVALID, "team_id"},
		{"sprint of another team", move(id(f.hawks.ID), id(f.sprints["S7"].ID), c.Version), 422, radiator.EINVALID, "sprint_id"},
		{"closed sprint", move(id(f.inbox.ID), id(f.sprints["S5"].ID), c.Version), 422, radiator.EINVALID, "sprint_id"},
		{"stale story version", move(id(f.hawks.ID), id(f.sprints["H7"].ID), c.Version+5), 409, radiator.ECONFLICT, ""},
		{"story of another feature", fmt.Sprintf(`{"feature_id":%d,"stories":[{"id":%d,"version":1}],"team_id":%d,"sprint_id":null}`, f.search.ID, c.ID, f.inbox.ID),
			422, radiator.EINVALID, "stories"},
		{"feature not on the board", fmt.Sprintf(`{"feature_id":%d,"stories":[{"id":%d,"version":1}],"team_id":%d}`, f.features["Labels"].ID, f.stories["E"].ID, f.inbox.ID),
			422, radiator.EINVALID, "feature_id"},
		{"no stories", fmt.Sprintf(`{"feature_id":%d,"stories":[],"team_id":%d}`, f.threads.ID, f.inbox.ID), 422, radiator.EINVALID, "stories"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("POST", path, tt.body), tt.status, tt.code, tt.field)
			if it := e.item(c.ID); it.Version != c.Version || *it.TeamID != f.inbox.ID || it.SprintID != nil {
				t.Errorf("C after a refused move: version %d team %d sprint %v; want unchanged", it.Version, *it.TeamID, it.SprintID)
			}
		})
	}
	wantAPIError(t, e.do("POST", apiPath("releases/999/board/move"), move(id(f.hawks.ID), "null", c.Version)), 404, radiator.ENOTFOUND, "")

	var after radiator.ReleaseBoard
	e.mustDo("POST", path, move(id(f.hawks.ID), id(f.sprints["H7"].ID), c.Version), http.StatusOK, &after)
	card, ok := after.CardByKey(key(f.threads, f.hawks, 2))
	if !ok || len(card.Stories) != 1 || card.Stories[0].ID != c.ID || card.SprintID != f.sprints["H7"].ID {
		t.Errorf("card of Threads for Hawks in column 2 = %+v, want C in H7", card)
	}
	if _, ok := after.CardByKey(fmt.Sprintf("f%d-t%d-u", f.threads.ID, f.inbox.ID)); ok {
		t.Errorf("Inbox still has an unplanned card of Threads after C moved")
	}
	if it := e.item(c.ID); *it.TeamID != f.hawks.ID || it.SprintID == nil || *it.SprintID != f.sprints["H7"].ID {
		t.Errorf("C after the move: team %d sprint %v, want Hawks in H7", *it.TeamID, it.SprintID)
	}
	t.Run("back into no sprint", func(t *testing.T) {
		it := e.item(c.ID)
		e.mustDo("POST", path, move(id(f.hawks.ID), "null", it.Version), http.StatusOK, &after)
		if _, ok := after.CardByKey(fmt.Sprintf("f%d-t%d-u", f.threads.ID, f.hawks.ID)); !ok {
			t.Errorf("no unplanned card of Threads for Hawks after moving C out of its sprint")
		}
	})
}

func TestRiskWhatIfDecisions(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var rk radiator.ReleaseRisk
	e.mustDo("GET", apiPath("releases/%d/risk", f.mail3.ID), "", http.StatusOK, &rk)
	// Inbox: velocity 8 (S5) over 3.8 sprints left (3 of S6's 10 working
	// days, S7, S8 and 15 working days after S8 at 10 a sprint): 30.4
	// points for C and D (16). Hawks has no velocity yet, so B (8) of
	// Threads does not fit.
	wantTeams := []radiator.TeamLoad{
		{TeamID: f.inbox.ID, Name: "Inbox Crew", Velocity: 8, Sprints: 3.8, Capacity: 30.4, Load: 16, Slack: 14.4},
		{TeamID: f.hawks.ID, Name: "Delivery Hawks", Velocity: 0, Sprints: 3.8, Capacity: 0, Load: 8, Slack: -8},
	}
	if diff := cmp.Diff(wantTeams, rk.Teams); diff != "" {
		t.Errorf("team loads (-want +got):\n%s", diff)
	}
	wantRisk := []radiator.FeatureRisk{{FeatureID: f.threads.ID, Title: "Threads", Units: 2, TeamIDs: []int64{f.hawks.ID}, Short: 8}}
	if diff := cmp.Diff(wantRisk, rk.AtRisk); diff != "" || rk.Scope != 3 || rk.FitUnits != 1 {
		t.Errorf("at risk (-want +got):\n%s\nscope %v fit %v, want 3 and 1", diff, rk.Scope, rk.FitUnits)
	}

	events := e.eventCount()
	path := apiPath("releases/%d/what-if", f.mail3.ID)
	t.Run("move a story", func(t *testing.T) {
		var wi whatIfView
		e.mustDo("POST", path, fmt.Sprintf(`{"kind":"move_story","item_id":%d,"team_id":%d}`, f.stories["B"].ID, f.inbox.ID), http.StatusOK, &wi)
		if wi.Summary != `Move story "Story B" to Inbox Crew` {
			t.Errorf("summary = %q", wi.Summary)
		}
		if len(wi.Before.Risk.AtRisk) != 1 || len(wi.After.Risk.AtRisk) != 0 || wi.After.Risk.FitUnits != 3 || wi.After.Risk.Teams[0].Load != 24 {
			t.Errorf("risk before %+v, after %+v; want Threads at risk before, nothing after with Inbox loaded 24", wi.Before.Risk, wi.After.Risk)
		}
		if diff := cmp.Diff(wi.Before.Forecast, wi.After.Forecast); diff != "" {
			t.Errorf("a move changed the forecast, which goes by throughput (-before +after):\n%s", diff)
		}
	})
	t.Run("cut a feature", func(t *testing.T) {
		var wi whatIfView
		e.mustDo("POST", path, fmt.Sprintf(`{"kind":"cut_feature","item_id":%d}`, f.threads.ID), http.StatusOK, &wi)
		if wi.Before.Forecast.Scope != 3 || wi.After.Forecast.Scope != 1 || wi.After.Risk.Scope != 1 || len(wi.After.Risk.AtRisk) != 0 {
			t.Errorf("cut Threads: forecast scope %v -> %v, risk after %+v; want 3 -> 1 and nothing at risk", wi.Before.Forecast.Scope, wi.After.Forecast.Scope, wi.After.Risk)
		}
		if wi.Change.Kind != radiator.WhatIfCutFeature || wi.Change.ItemID != f.threads.ID {
			t.Errorf("change = %+v", wi.Change)
		}
	})
	tests := []struct {
		name, body  string
		status      int
		code, field string
	}{
		{"team outside the product", fmt.Sprintf(`{"kind":"move_story","item_id":%d,"team_id":%d}`, f.stories["B"].ID, f.owls.ID), 422, radiator.EINVALID, "team_id"},
		{"story of another release", fmt.Sprintf(`{"kind":"move_story","item_id":%d,"team_id":%d}`, f.stories["E"].ID, f.hawks.ID), 422, radiator.EINVALID, "item_id"},
		{"feature as a story", fmt.Sprintf(`{"kind":"move_story","item_id":%d,"team_id":%d}`, f.threads.ID, f.hawks.ID), 422, radiator.EINVALID, "item_id"},
		{"bad kind", fmt.Sprintf(`{"kind":"split","item_id":%d}`, f.threads.ID), 422, radiator.EINVALID, "kind"},
		{"cut with a team", fmt.Sprintf(`{"kind":"cut_feature","item_id":%d,"team_id":%d}`, f.threads.ID, f.hawks.ID), 422, radiator.EINVALID, "team_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do("POST", path, tt.body), tt.status, tt.code, tt.field)
		})
	}
	wantAPIError(t, e.do("POST", apiPath("releases/999/what-if"), `{"kind":"cut_feature","item_id":1}`), 404, radiator.ENOTFOUND, "")
	if n := e.eventCount(); n != events {
		t.Errorf("events after what-ifs = %d, want %d: a what-if writes nothing", n, events)
	}

	t.Run("decide", func(t *testing.T) {
		decisions := apiPath("releases/%d/decisions", f.mail3.ID)
		wantAPIError(t, e.do("POST", decisions, fmt.Sprintf(`{"change":{"kind":"cut_feature","item_id":%d},"reason":""}`, f.search.ID)), 422, radiator.EINVALID, "reason")
		wantAPIError(t, e.do("POST", apiPath("releases/999/decisions"), fmt.Sprintf(`{"change":{"kind":"cut_feature","item_id":%d},"reason":"Late"}`, f.search.ID)), 404, radiator.ENOTFOUND, "")
		var d radiator.Decision
		e.mustDo("POST", decisions, fmt.Sprintf(`{"change":{"kind":"move_story","item_id":%d,"team_id":%d},"reason":"Hawks have no velocity yet."}`,
			f.stories["B"].ID, f.inbox.ID), http.StatusCreated, &d)
		if d.ID == 0 || d.ReleaseID != f.mail3.ID || d.Reason != "Hawks have no velocity yet." || d.ActorName != "Ada Admin" ||
			d.Summary != `Move story "Story B" to Inbox Crew` || !d.At.Equal(testNow) {
			t.Errorf("decision = %+v, want it recorded with the reason, Ada and now", d)
		}
		if b := e.item(f.stories["B"].ID); *b.TeamID != f.inbox.ID || b.SprintID != nil {
			t.Errorf("B after the decision: team %d sprint %v, want Inbox and no sprint", *b.TeamID, b.SprintID)
		}
		var list entries[*radiator.Decision]
		e.mustDo("GET", decisions, "", http.StatusOK, &list)
		if len(list.Items) != 1 || list.Items[0].ID != d.ID || list.Items[0].Reason != d.Reason {
			t.Errorf("decisions = %+v, want the one made", list.Items)
		}
		e.mustDo("GET", apiPath("releases/%d/risk", f.mail3.ID), "", http.StatusOK, &rk)
		if len(rk.AtRisk) != 0 {
			t.Errorf("at risk after the decision: %+v, want none", rk.AtRisk)
		}
	})
}

func TestReadiness(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	path := apiPath("releases/%d/readiness", f.mail3.ID)
	var list entries[*radiator.ReadinessItem]
	e.mustDo("GET", path, "", http.StatusOK, &list)
	var parts []string
	for _, it := range list.Items {
		parts = append(parts, it.Part)
		if !it.Required || it.State != radiator.ReadinessOpen {
			t.Errorf("standard item %+v, want required and open", it)
		}
	}
	if diff := cmp.Diff([]string{radiator.PartIntegration, radiator.PartRegression, radiator.PartOperations, radiator.PartDeployment}, parts); diff != "" {
		t.Errorf("standard checklist (-want +got):\n%s", diff)
	}

	var it radiator.ReadinessItem
	w := e.mustDo("POST", path, `{"part":"other","title":"Release notes written"}`, http.StatusCreated, &it)
	if it.ReleaseID != f.mail3.ID || it.State != radiator.ReadinessOpen || !it.Required || it.Version != 1 {
		t.Errorf("new item = %+v, want open, required, in Mail 3.0", it)
	}
	item := apiPath("readiness-items/%d", it.ID)
	if loc := w.Header().Get("Location"); loc != item {
		t.Errorf("Location = %q, want %q", loc, item)
	}
	var viewed radiator.ReadinessItem
	e.mustDo("GET", item, "", http.StatusOK, &viewed)
	if diff := cmp.Diff(it, viewed); diff != "" {
		t.Errorf("GET %s (-created +viewed):\n%s", item, diff)
	}
	e.mustDo("PATCH", item, fmt.Sprintf(`{"version":1,"state":"done","evidence":"https://wiki/notes","owner_id":%d}`, e.admin.ID), http.StatusOK, &viewed)
	if viewed.State != radiator.ReadinessDone || viewed.Evidence != "https://wiki/notes" || viewed.OwnerID == nil || *viewed.OwnerID != e.admin.ID {
		t.Errorf("patched item = %+v", viewed)
	}
	wantAPIError(t, e.do("PATCH", item, `{"version":1,"state":"done"}`), 409, radiator.ECONFLICT, "")
	wantAPIError(t, e.do("POST", path, `{"part":"testing","title":"X"}`), 422, radiator.EINVALID, "part")
	wantAPIError(t, e.do("POST", path, fmt.Sprintf(`{"release_id":%d,"part":"other","title":"X"}`, f.mail2.ID)), 422, radiator.EINVALID, "release_id")
	wantAPIError(t, e.do("POST", apiPath("releases/999/readiness"), `{"part":"other","title":"X"}`), 404, radiator.ENOTFOUND, "")
	wantAPIError(t, e.do("GET", apiPath("releases/999/readiness"), ""), 404, radiator.ENOTFOUND, "")
	e.mustDo("DELETE", item+"?version=2", "", http.StatusNoContent, nil)
	e.mustDo("GET", item, "", http.StatusNotFound, nil)

	t.Run("release with required items open", func(t *testing.T) {
		rel := apiPath("releases/%d", f.mail3.ID)
		w := wantAPIError(t, e.do("PATCH", rel, `{"version":1,"phase":"released"}`), 422, radiator.EINVALID, "override_reason")
		if !strings.Contains(w.Message, "4 required readiness items are open") {
			t.Errorf("message %q does not count the open items", w.Message)
		}
		var r radiator.Release
		e.mustDo("PATCH", rel, `{"version":1,"phase":"released","override_reason":"Customers wait for Threads; ops signs off tomorrow."}`, http.StatusOK, &r)
		if r.Phase != radiator.PhaseReleased || r.OverrideReason != "Customers wait for Threads; ops signs off tomorrow." {
			t.Errorf("released release = phase %q reason %q", r.Phase, r.OverrideReason)
		}
	})
}

func TestDependencies(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var d radiator.Dependency
	w := e.mustDo("POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d}`, f.threads.ID, f.search.ID), http.StatusCreated, &d)
	if d.ProductID != f.mail.ID || d.State != radiator.DependencyOpen || d.Version != 1 {
		t.Errorf("new dependency = %+v, want open, in MAIL", d)
	}
	item := apiPath("dependencies/%d", d.ID)
	if loc := w.Header().Get("Location"); loc != item {
		t.Errorf("Location = %q, want %q", loc, item)
	}
	var other radiator.Dependency
	e.mustDo("POST", "/api/v1/dependencies", fmt.Sprintf(`{"product_id":%d,"item_id":%d,"depends_on_id":%d,"state":"resolved"}`, f.mail.ID, f.stories["A"].ID, f.stories["C"].ID), http.StatusCreated, &other)

	lists := []struct {
		query string
		want  []int64
	}{
		{"", []int64{d.ID, other.ID}},
		{fmt.Sprintf("?product_id=%d", f.cal.ID), []int64{}},
		{"?state=open", []int64{d.ID}},
		{fmt.Sprintf("?item_id=%d", f.search.ID), []int64{d.ID}},
		{fmt.Sprintf("?item_id=%d&state=open", f.stories["C"].ID), []int64{}},
	}
	for _, l := range lists {
		var page list[*radiator.Dependency]
		e.mustDo("GET", "/api/v1/dependencies"+l.query, "", http.StatusOK, &page)
		got := []int64{}
		for _, x := range page.Items {
			got = append(got, x.ID)
		}
		if !slices.Equal(got, l.want) {
			t.Errorf("GET dependencies%s = %v, want %v", l.query, got, l.want)
		}
	}
	t.Run("pages", func(t *testing.T) {
		var page list[*radiator.Dependency]
		e.mustDo("GET", "/api/v1/dependencies?limit=1", "", http.StatusOK, &page)
		if len(page.Items) != 1 || page.Next == "" {
			t.Fatalf("first page = %+v, want one and a cursor", page)
		}
		e.mustDo("GET", "/api/v1/dependencies?limit=1&after="+page.Next, "", http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].ID != other.ID {
			t.Errorf("second page = %+v, want the second dependency", page.Items)
		}
	})

	var viewed radiator.Dependency
	e.mustDo("GET", item, "", http.StatusOK, &viewed)
	if diff := cmp.Diff(d, viewed); diff != "" {
		t.Errorf("GET %s (-created +viewed):\n%s", item, diff)
	}
	e.mustDo("PATCH", item, `{"version":1,"state":"resolved","note":"Search shipped first"}`, http.StatusOK, &viewed)
	if viewed.State != radiator.DependencyResolved || viewed.Note != "Search shipped first" || viewed.Version != 2 {
		t.Errorf("patched dependency = %+v", viewed)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"stale update", "PATCH", item, `{"version":1,"note":"x"}`, 409, radiator.ECONFLICT, ""},
		{"bad state", "PATCH", item, `{"version":2,"state":"done"}`, 422, radiator.EINVALID, "state"},
		{"duplicate", "POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d}`, f.threads.ID, f.search.ID), 409, radiator.ECONFLICT, "depends_on_id"},
		{"reverse", "POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d}`, f.search.ID, f.threads.ID), 409, radiator.ECONFLICT, "depends_on_id"},
		{"on itself", "POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d}`, f.search.ID, f.search.ID), 422, radiator.EINVALID, "depends_on_id"},
		{"another product's item", "POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":%d,"depends_on_id":%d}`, f.search.ID, f.agenda.ID), 422, radiator.EINVALID, "depends_on_id"},
		{"no such item", "POST", "/api/v1/dependencies", fmt.Sprintf(`{"item_id":999,"depends_on_id":%d}`, f.search.ID), 422, radiator.EINVALID, "item_id"},
		{"bad filter", "GET", "/api/v1/dependencies?state=closed", "", 422, radiator.EINVALID, "state"},
		{"bad item filter", "GET", "/api/v1/dependencies?item_id=x", "", 422, radiator.EINVALID, "item_id"},
		{"no such dependency", "GET", apiPath("dependencies/999"), "", 404, radiator.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantAPIError(t, e.do(tt.method, tt.path, tt.body), tt.status, tt.code, tt.field)
		})
	}
	e.mustDo("DELETE", item+"?version=2", "", http.StatusNoContent, nil)
	e.mustDo("GET", item, "", http.StatusNotFound, nil)
}

func TestHotfixLoad(t *testing.T) {
	e := newEnv(t)
	f := e.releaseFixture()
	var got entries[radiator.HotfixLoad]
	e.mustDo("GET", apiPath("releases/%d/hotfix-load", f.mail3.ID), "", http.StatusOK, &got)
	// S6 of Inbox holds A (5) and the hot fix's H (2).
	want := []radiator.HotfixLoad{{TeamID: f.inbox.ID, SprintID: f.sprints["S6"].ID, Team: "Inbox Crew", Sprint: "S6", Points: 2, Total: 7, Share: 0.29}}
	if diff := cmp.Diff(want, got.Items); diff != "" {
		t.Errorf("hot-fix load (-want +got):\n%s", diff)
	}
	// Once released, a hot fix dated before Mail 2.0's window no longer
	// counts for it; Mail 2.0 runs to 27 Feb, the hot fix is dated 13 Mar.
	if _, err := e.store.UpdateRelease(context.Background(), f.hotfix.ID, radiator.ReleaseUpdate{Version: f.hotfix.Version, Phase: ptr(radiator.PhaseReleased), OverrideReason: ptr("Urgent")}); err != nil {
		t.Fatal(err)
	}
	e.mustDo("GET", apiPath("releases/%d/hotfix-load", f.mail2.ID), "", http.StatusOK, &got)
	if got.Items == nil || len(got.Items) != 0 {
		t.Errorf("hot-fix load of Mail 2.0 = %+v, want []", got.Items)
	}
	e.mustDo("GET", apiPath("releases/%d/hotfix-load", f.mail3.ID), "", http.StatusOK, &got)
	if diff := cmp.Diff(want, got.Items); diff != "" {
		t.Errorf("hot-fix load of Mail 3.0 once the hot fix is released within it (-want +got):\n%s", diff)
	}
	wantAPIError(t, e.do("GET", apiPath("releases/999/hotfix-load"), ""), 404, radiator.ENOTFOUND, "")
}

// TestReleaseRoutesNotFound checks that every release route answers 404
// for a release that does not exist.
func TestReleaseRoutesNotFound(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.srv.routes() {
		if !strings.HasPrefix(rt.path, "/api/v1/releases/{id}/") || rt.method != "GET" {
			continue
		}
		t.Run(rt.path, func(t *testing.T) {
			path := strings.Replace(rt.path, "{id}", "999", 1)
			wantAPIError(t, e.do("GET", path, ""), 404, radiator.ENOTFOUND, "")
		})
	}
}
