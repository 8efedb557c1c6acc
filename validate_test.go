package radiator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func ptr[T any](v T) *T { return &v }

// checkField asserts that err is an EINVALID error naming field, or nil
// when field is "".
func checkField(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	if code := radiator.ErrorCode(err); code != radiator.EINVALID {
		t.Fatalf("got error %v (code %q), want code invalid", err, code)
	}
	if got := radiator.ErrorField(err); got != field {
		t.Fatalf("got field %q (%v), want %q", got, err, field)
	}
	if radiator.ErrorMessage(err) == "" {
		t.Fatal("error has no message")
	}
}

func TestProductValidate(t *testing.T) {
	tests := []struct {
		name  string
		p     radiator.Product
		field string
	}{
		{"ok", radiator.Product{Key: "MAIL", Name: "Mail"}, ""},
		{"lower key", radiator.Product{Key: "mail", Name: "Mail"}, "key"},
		{"short key", radiator.Product{Key: "M", Name: "Mail"}, "key"},
		{"no name", radiator.Product{Key: "MAIL", Name: " "}, "name"},
		{"padded name", radiator.Product{Key: "MAIL", Name: " Mail"}, "name"},
		{"long name", radiator.Product{Key: "MAIL", Name: strings.Repeat("x", 121)}, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.p.Validate(), tt.field) })
	}
}

func TestForumValidate(t *testing.T) {
	s2 := func(mod func(f *radiator.Forum)) radiator.Forum {
		f := radiator.Forum{Name: "Mail SoS", Tier: 2, Kind: radiator.ForumScrumOfScrums, Cadence: radiator.DefaultCadence(radiator.ForumScrumOfScrums)}
		if mod != nil {
			mod(&f)
		}
		return f
	}
	tests := []struct {
		name  string
		f     radiator.Forum
		field string
	}{
		{"ok", s2(nil), ""},
		{"tier 0", s2(func(f *radiator.Forum) { f.Tier = 0 }), "tier"},
		{"tier 10", s2(func(f *radiator.Forum) { f.Tier = 10 }), "tier"},
		{"bad kind", s2(func(f *radiator.Forum) { f.Kind = "guild" }), "kind"},
		{"team kind at tier 2", s2(func(f *radiator.Forum) { f.Kind = radiator.ForumTeam }), "kind"},
		{"bad parent", s2(func(f *radiator.Forum) { f.ParentID = ptr(int64(-1)) }), "parent_id"},
		{"no cadence mode", s2(func(f *radiator.Forum) { f.Cadence.Mode = "" }), "cadence.mode"},
		{"bad weekday", s2(func(f *radiator.Forum) { f.Cadence.Weekdays = []string{"tuesday"} }), "cadence.weekdays"},
		{"twice a day", s2(func(f *radiator.Forum) { f.Cadence.Weekdays = []string{"tue", "tue"} }), "cadence.weekdays"},
		{"no weekdays", s2(func(f *radiator.Forum) { f.Cadence.Weekdays = nil }), "cadence.weekdays"},
		{"bad time", s2(func(f *radiator.Forum) { f.Cadence.Time = "4pm" }), "cadence.time"},
		{"too long", s2(func(f *radiator.Forum) { f.Cadence.Minutes = 600 }), "cadence.minutes"},
		{"bad zone", s2(func(f *radiator.Forum) { f.Cadence.TimeZone = "Mars/Olympus" }), "cadence.time_zone"},
		{"on demand needs nothing", s2(func(f *radiator.Forum) { f.Cadence = radiator.Cadence{Mode: radiator.CadenceOnDemand} }), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.f.Validate(), tt.field) })
	}
	t.Run("team forum made alone", func(t *testing.T) {
		f := radiator.Forum{Name: "Falcon", Tier: 1, Kind: radiator.ForumTeam, Cadence: radiator.DefaultCadence(radiator.ForumTeam)}
		checkField(t, f.Validate(), "")
		checkField(t, f.ValidateNew(), "kind")
	})
	t.Run("parent tier", func(t *testing.T) {
		f, parent := s2(nil), s2(nil)
		checkField(t, f.CheckParent(&parent), "parent_id")
		parent.Tier = 3
		checkField(t, f.CheckParent(&parent), "")
	})
	t.Run("team forum stays a team forum", func(t *testing.T) {
		f := (&radiator.Team{ProductID: 1, Name: "Falcon"}).Forum()
		checkField(t, radiator.ForumUpdate{Version: 1, Tier: ptr(2)}.Apply(f), "kind")
	})
}

func TestDefaultCadencesAreValid(t *testing.T) {
	for _, kind := range radiator.ForumKinds {
		c := radiator.DefaultCadence(kind)
		checkField(t, c.Validate(), "")
	}
}

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name, email, field, wantEmail string
	}{
		{"ok", "Ada.Lovelace@Example.com", "", "ada.lovelace@example.com"},
		{"missing", "", "email", ""},
		{"not an address", "ada", "email", ""},
		{"with display name", "Ada <ada@example.com>", "email", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := radiator.Person{Name: "Ada Lovelace", Email: tt.email}
			checkField(t, p.Validate(), tt.field)
			if tt.field == "" && p.Email != tt.wantEmail {
				t.Errorf("Email = %q, want %q", p.Email, tt.wantEmail)
			}
		})
	}
	if got := (&radiator.Person{Name: "Ada King Lovelace"}).Initials(); got != "AL" {
		t.Errorf("Initials = %q, want AL", got)
	}
}

func TestMembershipValidate(t *testing.T) {
	checkField(t, (&radiator.Membership{PersonID: 1, ForumID: 2, Role: radiator.RoleChiefScrumMaster}).Validate(), "")
	checkField(t, (&radiator.Membership{PersonID: 1, ForumID: 2, Role: "boss"}).Validate(), "role")
	checkField(t, (&radiator.Membership{ForumID: 2, Role: radiator.RoleMember}).Validate(), "person_id")
	for _, r := range radiator.Roles {
		if radiator.RoleTitle(r) == r {
			t.Errorf("RoleTitle(%q) has no title", r)
		}
	}
}

func TestReleaseAndSprintValidate(t *testing.T) {
	rel := func(mod func(r *radiator.Release)) radiator.Release {
		r := radiator.Release{ProductID: 1, Name: "2026.4", Date: radiator.MustDate("2026-12-15"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
		mod(&r)
		return r
	}
	spr := func(mod func(s *radiator.Sprint)) radiator.Sprint {
		s := radiator.Sprint{TeamID: 1, Name: "Sprint 12", Start: radiator.MustDate("2026-11-16"), End: radiator.MustDate("2026-11-27"), State: radiator.SprintActive}
		mod(&s)
		return s
	}
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"release ok", func() error { r := rel(func(*radiator.Release) {}); return r.Validate() }(), ""},
		{"release no date", func() error { r := rel(func(r *radiator.Release) { r.Date = radiator.Date{} }); return r.Validate() }(), "date"},
		{"release bad phase", func() error { r := rel(func(r *radiator.Release) { r.Phase = "done" }); return r.Validate() }(), "phase"},
		{"release bad kind", func() error { r := rel(func(r *radiator.Release) { r.Kind = "major" }); return r.Validate() }(), "kind"},
		{"release no product", func() error { r := rel(func(r *radiator.Release) { r.ProductID = 0 }); return r.Validate() }(), "product_id"},
		{"sprint ok", func() error { s := spr(func(*radiator.Sprint) {}); return s.Validate() }(), ""},
		{"sprint ends before start", func() error {
			s := spr(func(s *radiator.Sprint) { s.End = s.Start.AddDays(-1) })
			return s.Validate()
		}(), "end"},
		{"sprint one day", func() error { s := spr(func(s *radiator.Sprint) { s.End = s.Start }); return s.Validate() }(), "end"},
		{"sprint too long", func() error { s := spr(func(s *radiator.Sprint) { s.End = s.Start.AddDays(90) }); return s.Validate() }(), "end"},
		{"sprint bad state", func() error { s := spr(func(s *radiator.Sprint) { s.State = "open" }); return s.Validate() }(), "state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.err, tt.field) })
	}
	s := spr(func(*radiator.Sprint) {})
	if !s.Contains(s.Start) || !s.Contains(s.End) || s.Contains(s.End.AddDays(1)) {
		t.Error("Sprint.Contains wrong at the edges")
	}
}

func TestBaselineValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		b     radiator.Baseline
		field string
	}{
		{"ok without a note", radiator.Baseline{ReleaseID: 4}, ""},
		{"ok with a note of 2000 characters", radiator.Baseline{ReleaseID: 4, Note: strings.Repeat("é", 2000)}, ""},
		{"no release", radiator.Baseline{Note: "Planning."}, "release_id"},
		{"note too long", radiator.Baseline{ReleaseID: 4, Note: strings.Repeat("é", 2001)}, "note"},
		{"note with spaces around", radiator.Baseline{ReleaseID: 4, Note: " Planning."}, "note"},
		{"note not UTF-8", radiator.Baseline{ReleaseID: 4, Note: "Plan\xffning."}, "note"},
	} {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.b.Validate(), tt.field) })
	}
}

func TestBacklogItemValidate(t *testing.T) {
	item := func(mod func(it *radiator.BacklogItem)) radiator.BacklogItem {
		it := radiator.BacklogItem{ProductID: 1, Kind: radiator.KindStory, Title: "Send a test mail", State: radiator.StateNew}
		mod(&it)
		return it
	}
	tests := []struct {
		name  string
		it    radiator.BacklogItem
		field string
	}{
		{"ok", item(func(*radiator.BacklogItem) {}), ""},
		{"no title", item(func(it *radiator.BacklogItem) { it.Title = "" }), "title"},
		{"bad kind", item(func(it *radiator.BacklogItem) { it.Kind = "epic" }), "kind"},
		{"bad rank", item(func(it *radiator.BacklogItem) { it.Rank = "A" }), "rank"},
		{"negative estimate", item(func(it *radiator.BacklogItem) { it.Estimate = ptr(-1.0) }), "estimate"},
		{"bad state", item(func(it *radiator.BacklogItem) { it.State = "closed" }), "state"},
		{"sprint without team", item(func(it *radiator.BacklogItem) { it.SprintID = ptr(int64(3)) }), "sprint_id"},
		{"feature in a sprint", item(func(it *radiator.BacklogItem) {
			it.Kind, it.TeamID, it.SprintID = radiator.KindFeature, ptr(int64(2)), ptr(int64(3))
		}), "sprint_id"},
		{"initiative with parent", item(func(it *radiator.BacklogItem) { it.Kind, it.ParentID = radiator.KindInitiative, ptr(int64(2)) }), "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.it.Validate(), tt.field) })
	}
	t.Run("parent kinds", func(t *testing.T) {
		story, feature, initiative := item(func(*radiator.BacklogItem) {}), item(func(it *radiator.BacklogItem) { it.Kind = radiator.KindFeature }), item(func(it *radiator.BacklogItem) { it.Kind = radiator.KindInitiative })
		checkField(t, story.CheckParent(&feature), "")
		checkField(t, story.CheckParent(&initiative), "parent_id")
		checkField(t, feature.CheckParent(&initiative), "")
		checkField(t, feature.CheckParent(&story), "parent_id")
	})
}

func TestBacklogItemUpdateDoneAt(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	it := radiator.BacklogItem{ProductID: 1, Kind: radiator.KindStory, Title: "x", State: radiator.StateInProgress, Version: 4}
	if err := (radiator.BacklogItemUpdate{Version: 4, State: ptr(radiator.StateDone)}).Apply(&it, now); err != nil {
		t.Fatal(err)
	}
	if it.DoneAt == nil || !it.DoneAt.Equal(now) {
		t.Fatalf("DoneAt = %v, want %v", it.DoneAt, now)
	}
	if err := (radiator.BacklogItemUpdate{Version: 5, Title: ptr("y")}).Apply(&it, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if it.DoneAt == nil || !it.DoneAt.Equal(now) {
		t.Fatalf("DoneAt moved on an edit that kept the item done: %v", it.DoneAt)
	}
	if err := (radiator.BacklogItemUpdate{Version: 6, State: ptr(radiator.StateInProgress)}).Apply(&it, now); err != nil {
		t.Fatal(err)
	}
	if it.DoneAt != nil {
		t.Fatalf("DoneAt = %v after reopening, want nil", it.DoneAt)
	}
	checkField(t, radiator.BacklogItemUpdate{}.Apply(&it, now), "version")
}

func TestErrorHelpers(t *testing.T) {
	err := radiator.Invalidf("name", "is required")
	if got := err.Error(); got != "name: is required (invalid)" {
		t.Errorf("Error() = %q", got)
	}
	if radiator.ErrorCode(nil) != "" || radiator.ErrorMessage(nil) != "" {
		t.Error("nil error has a code or message")
	}
	plain := errAssert("disk on fire")
	if radiator.ErrorCode(plain) != radiator.EINTERNAL || radiator.ErrorMessage(plain) != "Internal error." {
		t.Error("a plain error must read as internal and reveal nothing")
	}
}

type errAssert string

func (e errAssert) Error() string { return string(e) }
