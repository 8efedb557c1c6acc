package storetest

import (
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// refusalOf is a write the store must refuse with code (and field, unless
// "*"), writing no event and changing nothing. F is the fixture it runs on.
type refusalOf[F any] struct {
	name  string
	code  string
	field string
	// setup, if set, prepares what the write needs; it may change the
	// store, unlike the write.
	setup func(t testing.TB, e *env, f F)
	write func(e *env, f F) error
}

// refusal is a refusal on the seeded fixture.
type refusal = refusalOf[*fixture]

// checkRefusals runs the refusals on one seeded store, checking after each
// that nothing changed.
func checkRefusals(t *testing.T, open Opener, cases []refusal) {
	e := newEnv(t, open)
	runRefusals(t, e, seed(t, e), cases)
}

// runRefusals runs the refusals on the store of e, checking after each that
// nothing changed.
func runRefusals[F any](t *testing.T, e *env, f F, cases []refusalOf[F]) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.setup != nil {
				c.setup(t, e, f)
			}
			before := e.snapshot(t)
			e.tick()
			wantError(t, c.name, c.write(e, f), c.code, c.field)
			if after := e.snapshot(t); after != before {
				t.Fatalf("the refused write changed the store:\nbefore: %s\n after: %s", before, after)
			}
		})
	}
}

func testRules(t *testing.T, open Opener) {
	inv, conf := radiator.EINVALID, radiator.ECONFLICT
	cases := []refusal{
		// Products.
		{name: "product/key lower-case", code: inv, field: "key", write: func(e *env, f *fixture) error {
			return e.store.CreateProduct(e.ctx, &radiator.Product{Key: "mail", Name: "Mail"})
		}},
		{name: "product/name missing", code: inv, field: "name", write: func(e *env, f *fixture) error {
			return e.store.CreateProduct(e.ctx, &radiator.Product{Key: "NEW"})
		}},
		{name: "product/key taken", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.CreateProduct(e.ctx, &radiator.Product{Key: "MAIL", Name: "Other mail"})
		}},
		{name: "product/update to key taken", code: conf, field: "*", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateProduct(e.ctx, f.chat.ID, radiator.ProductUpdate{Version: 1, Key: ptr("MAIL")})
			return err
		}},
		{name: "product/update without version", code: inv, field: "version", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateProduct(e.ctx, f.chat.ID, radiator.ProductUpdate{Name: ptr("Chat")})
			return err
		}},
		{name: "product/update invalid", code: inv, field: "name", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateProduct(e.ctx, f.chat.ID, radiator.ProductUpdate{Version: 1, Name: ptr(" padded")})
			return err
		}},

		// Forums.
		{name: "forum/create team forum", code: inv, field: "kind", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Loose team", Tier: 1, Kind: radiator.ForumTeam,
				Cadence: radiator.DefaultCadence(radiator.ForumTeam)})
		}},
		{name: "forum/tier out of range", code: inv, field: "tier", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Too high", Tier: radiator.MaxTier + 1, Kind: radiator.ForumOther,
				Cadence: radiator.DefaultCadence(radiator.ForumOther)})
		}},
		{name: "forum/bad cadence", code: inv, field: "cadence.time_zone", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Lost", Tier: 2, Kind: radiator.ForumOther,
				Cadence: radiator.Cadence{Mode: radiator.CadenceDaily, Time: "10:00", Minutes: 15, TimeZone: "Mars/Olympus"}})
		}},
		{name: "forum/parent of same tier", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Sibling", Tier: 2, Kind: radiator.ForumOther,
				ParentID: &f.sosMail.ID, Cadence: radiator.DefaultCadence(radiator.ForumOther)})
		}},
		{name: "forum/parent of lower tier", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Upside down", Tier: 3, Kind: radiator.ForumPortfolio,
				ParentID: &f.sosMail.ID, Cadence: radiator.DefaultCadence(radiator.ForumPortfolio)})
		}},
		{name: "forum/parent missing", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Orphan", Tier: 2, Kind: radiator.ForumOther,
				ParentID: ptr(missing), Cadence: radiator.DefaultCadence(radiator.ForumOther)})
		}},
		{name: "forum/product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			return e.store.CreateForum(e.ctx, &radiator.Forum{Name: "Nowhere", Tier: 2, Kind: radiator.ForumOther,
				ProductID: ptr(missing), Cadence: radiator.DefaultCadence(radiator.ForumOther)})
		}},
		{name: "forum/update tier to parent's", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.portfolio.ID, radiator.ForumUpdate{Version: 1, Tier: ptr(4)})
			return err
		}},
		{name: "forum/update tier to children's", code: inv, field: "tier", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.portfolio.ID, radiator.ForumUpdate{Version: 1, Tier: ptr(2)})
			return err
		}},
		{name: "forum/update parent missing", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.sosChat.ID, radiator.ForumUpdate{Version: 1, ParentID: radiator.SetTo(missing)})
			return err
		}},
		{name: "forum/update parent lower", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.portfolio.ID, radiator.ForumUpdate{Version: 1, ParentID: radiator.SetTo(f.sosChat.ID)})
			return err
		}},
		{name: "forum/update product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.sosChat.ID, radiator.ForumUpdate{Version: 1, ProductID: radiator.SetTo(missing)})
			return err
		}},
		{name: "forum/team forum to other product", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.tMailA.ForumID, radiator.ForumUpdate{Version: 1, ProductID: radiator.SetTo(f.chat.ID)})
			return err
		}},
		{name: "forum/team forum to tier 2", code: inv, field: "kind", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateForum(e.ctx, f.tMailA.ForumID, radiator.ForumUpdate{Version: 1, Tier: ptr(2)})
			return err
		}},

		// Teams.
		{name: "team/name missing", code: inv, field: "name", write: func(e *env, f *fixture) error {
			return e.store.CreateTeam(e.ctx, &radiator.Team{ProductID: f.mail.ID})
		}},
		{name: "team/product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			return e.store.CreateTeam(e.ctx, &radiator.Team{Name: "Lost", ProductID: missing})
		}},
		{name: "team/parent forum missing", code: inv, field: "parent_forum_id", write: func(e *env, f *fixture) error {
			return e.store.CreateTeam(e.ctx, &radiator.Team{Name: "Lost", ProductID: f.mail.ID, ParentForumID: ptr(missing)})
		}},
		{name: "team/parent forum of tier 1", code: inv, field: "parent_forum_id", write: func(e *env, f *fixture) error {
			return e.store.CreateTeam(e.ctx, &radiator.Team{Name: "Nested", ProductID: f.mail.ID, ParentForumID: &f.tMailA.ForumID})
		}},
		{name: "team/update product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateTeam(e.ctx, f.tChatB.ID, radiator.TeamUpdate{Version: 1, ProductID: ptr(missing)})
			return err
		}},
		{name: "team/update parent forum of tier 1", code: inv, field: "parent_forum_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateTeam(e.ctx, f.tChatB.ID, radiator.TeamUpdate{Version: 1, ParentForumID: radiator.SetTo(f.tChatA.ForumID)})
			return err
		}},
		{name: "team/update parent forum missing", code: inv, field: "parent_forum_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateTeam(e.ctx, f.tChatB.ID, radiator.TeamUpdate{Version: 1, ParentForumID: radiator.SetTo(missing)})
			return err
		}},
		{name: "team/move with items of its product", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateTeam(e.ctx, f.tMailB.ID, radiator.TeamUpdate{Version: 1, ProductID: &f.chat.ID})
			return err
		}},

		// People.
		{name: "person/bad email", code: inv, field: "email", write: func(e *env, f *fixture) error {
			return e.store.CreatePerson(e.ctx, &radiator.Person{Name: "Eve", Email: "eve at example.com"})
		}},
		{name: "person/email taken", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.CreatePerson(e.ctx, &radiator.Person{Name: "Ada Two", Email: "ADA@Example.COM"})
		}},
		{name: "person/update to email taken", code: conf, field: "*", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdatePerson(e.ctx, f.bob.ID, radiator.PersonUpdate{Version: 1, Email: ptr("Cy@example.com")})
			return err
		}},

		// Memberships.
		{name: "membership/person missing", code: inv, field: "person_id", write: func(e *env, f *fixture) error {
			return e.store.CreateMembership(e.ctx, &radiator.Membership{PersonID: missing, ForumID: f.steering.ID, Role: radiator.RoleCoach})
		}},
		{name: "membership/forum missing", code: inv, field: "forum_id", write: func(e *env, f *fixture) error {
			return e.store.CreateMembership(e.ctx, &radiator.Membership{PersonID: f.ada.ID, ForumID: missing, Role: radiator.RoleCoach})
		}},
		{name: "membership/bad role", code: inv, field: "role", write: func(e *env, f *fixture) error {
			return e.store.CreateMembership(e.ctx, &radiator.Membership{PersonID: f.ada.ID, ForumID: f.steering.ID, Role: "boss"})
		}},
		{name: "membership/duplicate", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.CreateMembership(e.ctx, &radiator.Membership{PersonID: f.ada.ID, ForumID: f.tMailA.ForumID, Role: radiator.RoleMember})
		}},
		{name: "membership/update to duplicate", code: conf, field: "*", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateMembership(e.ctx, f.adaTester.ID, radiator.MembershipUpdate{Version: 1, Role: ptr(radiator.RoleMember)})
			return err
		}},

		// Releases.
		{name: "release/product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			return e.store.CreateRelease(e.ctx, &radiator.Release{ProductID: missing, Name: "1.0", Date: radiator.MustDate("2025-06-01"),
				Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular})
		}},
		{name: "release/no date", code: inv, field: "date", write: func(e *env, f *fixture) error {
			return e.store.CreateRelease(e.ctx, &radiator.Release{ProductID: f.mail.ID, Name: "1.0",
				Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular})
		}},
		{name: "release/name taken in product", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.CreateRelease(e.ctx, &radiator.Release{ProductID: f.mail.ID, Name: "2025.2", Date: radiator.MustDate("2025-06-01"),
				Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular})
		}},
		{name: "release/update to name taken", code: conf, field: "*", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateRelease(e.ctx, f.rMailFix.ID, radiator.ReleaseUpdate{Version: 1, Name: ptr("2025.1")})
			return err
		}},

		// Sprints.
		{name: "sprint/team missing", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return e.store.CreateSprint(e.ctx, &radiator.Sprint{TeamID: missing, Name: "S", Start: radiator.MustDate("2025-05-01"),
				End: radiator.MustDate("2025-05-14"), State: radiator.SprintPlanned})
		}},
		{name: "sprint/end before start", code: inv, field: "end", write: func(e *env, f *fixture) error {
			return e.store.CreateSprint(e.ctx, &radiator.Sprint{TeamID: f.tMailA.ID, Name: "S", Start: radiator.MustDate("2025-05-14"),
				End: radiator.MustDate("2025-05-01"), State: radiator.SprintPlanned})
		}},
		{name: "sprint/overlaps", code: inv, field: "start", write: func(e *env, f *fixture) error {
			return e.store.CreateSprint(e.ctx, &radiator.Sprint{TeamID: f.tMailA.ID, Name: "Clash", Start: radiator.MustDate("2025-03-16"),
				End: radiator.MustDate("2025-03-29"), State: radiator.SprintPlanned})
		}},
		{name: "sprint/contains another", code: inv, field: "start", write: func(e *env, f *fixture) error {
			return e.store.CreateSprint(e.ctx, &radiator.Sprint{TeamID: f.tMailA.ID, Name: "Wide", Start: radiator.MustDate("2025-01-20"),
				End: radiator.MustDate("2025-03-20"), State: radiator.SprintPlanned})
		}},
		{name: "sprint/update to overlap", code: inv, field: "start", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateSprint(e.ctx, f.sA3.ID, radiator.SprintUpdate{Version: 1, Start: ptr(radiator.MustDate("2025-03-02"))})
			return err
		}},

		// Backlog items.
		{name: "item/product missing", code: inv, field: "product_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: missing, Kind: radiator.KindStory, Title: "T", State: radiator.StateNew})
		}},
		{name: "item/bad rank", code: inv, field: "rank", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T", Rank: "A",
				State: radiator.StateNew})
		}},
		{name: "item/parent missing", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				ParentID: ptr(missing), State: radiator.StateNew})
		}},
		{name: "item/parent in other product", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				ParentID: &f.feat3.ID, State: radiator.StateNew})
		}},
		{name: "item/story under initiative", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				ParentID: &f.initiative.ID, State: radiator.StateNew})
		}},
		{name: "item/feature under story", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindFeature, Title: "T",
				ParentID: &f.story3.ID, State: radiator.StateNew})
		}},
		{name: "item/team missing", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				TeamID: ptr(missing), State: radiator.StateNew})
		}},
		{name: "item/team of other product", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				TeamID: &f.tChatA.ID, State: radiator.StateNew})
		}},
		{name: "item/sprint missing", code: inv, field: "sprint_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				TeamID: &f.tMailA.ID, SprintID: ptr(missing), State: radiator.StateNew})
		}},
		{name: "item/sprint of other team", code: inv, field: "sprint_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindStory, Title: "T",
				TeamID: &f.tMailB.ID, SprintID: &f.sA2.ID, State: radiator.StateNew})
		}},
		{name: "item/release missing", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindFeature, Title: "T",
				ReleaseID: ptr(missing), State: radiator.StateNew})
		}},
		{name: "item/release of other product", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			return e.store.CreateBacklogItem(e.ctx, &radiator.BacklogItem{ProductID: f.mail.ID, Kind: radiator.KindFeature, Title: "T",
				ReleaseID: &f.rChat1.ID, State: radiator.StateNew})
		}},
		{name: "item/update parent to itself", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.feat2.ID, radiator.BacklogItemUpdate{Version: 1, ParentID: radiator.SetTo(f.feat2.ID)})
			return err
		}},
		{name: "item/update parent to other product", code: inv, field: "parent_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.story4.ID, radiator.BacklogItemUpdate{Version: 1, ParentID: radiator.SetTo(f.feat3.ID)})
			return err
		}},
		{name: "item/update sprint to other team's", code: inv, field: "sprint_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.story3.ID, radiator.BacklogItemUpdate{Version: 1, SprintID: radiator.SetTo(f.sA3.ID)})
			return err
		}},
		{name: "item/update team to other product's", code: inv, field: "team_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.story4.ID, radiator.BacklogItemUpdate{Version: 1, TeamID: radiator.SetTo(f.tChatB.ID)})
			return err
		}},
		{name: "item/update release to other product's", code: inv, field: "release_id", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.feat2.ID, radiator.BacklogItemUpdate{Version: 1, ReleaseID: radiator.SetTo(f.rChat1.ID)})
			return err
		}},
		{name: "item/update kind of a parent", code: inv, field: "kind", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.feat2.ID, radiator.BacklogItemUpdate{Version: 1, Kind: ptr(radiator.KindInitiative)})
			return err
		}},
		{name: "item/update empty rank", code: inv, field: "rank", write: func(e *env, f *fixture) error {
			_, err := e.store.UpdateBacklogItem(e.ctx, f.feat2.ID, radiator.BacklogItemUpdate{Version: 1, Rank: ptr("")})
			return err
		}},

		// Tokens and sessions.
		{name: "token/person missing", code: inv, field: "person_id", write: func(e *env, f *fixture) error {
			return e.store.CreateToken(e.ctx, &radiator.Token{PersonID: missing, Name: "CLI", Hash: "h-missing"})
		}},
		{name: "token/no hash", code: inv, field: "hash", write: func(e *env, f *fixture) error {
			return e.store.CreateToken(e.ctx, &radiator.Token{PersonID: f.ada.ID, Name: "CLI"})
		}},
		{name: "session/person missing", code: inv, field: "person_id", write: func(e *env, f *fixture) error {
			return e.store.CreateSession(e.ctx, &radiator.Session{PersonID: missing, Hash: "s-missing", ExpiresAt: start.Add(time.Hour)})
		}},
		{name: "session/no hash", code: inv, field: "hash", write: func(e *env, f *fixture) error {
			return e.store.CreateSession(e.ctx, &radiator.Session{PersonID: f.ada.ID, ExpiresAt: start.Add(time.Hour)})
		}},
		{name: "session/no expiry", code: inv, field: "expires_at", write: func(e *env, f *fixture) error {
			return e.store.CreateSession(e.ctx, &radiator.Session{PersonID: f.ada.ID, Hash: "s-forever"})
		}},
	}
	checkRefusals(t, open, cases)
}

func testDeleteReferenced(t *testing.T, open Opener) {
	conf := radiator.ECONFLICT
	// p is a product that only one kind of row refers to.
	var p *radiator.Product
	cases := []refusal{
		{name: "product with everything", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteProduct(e.ctx, f.mail.ID, 0)
		}},
		{name: "product with a forum", code: conf, field: "*",
			setup: func(t testing.TB, e *env, f *fixture) {
				p = e.product(t, "FORUM")
				e.forum(t, "Forum of FORUM", 2, radiator.ForumOther, nil, &p.ID)
			},
			write: func(e *env, f *fixture) error { return e.store.DeleteProduct(e.ctx, p.ID, 0) }},
		{name: "product with a team", code: conf, field: "*",
			setup: func(t testing.TB, e *env, f *fixture) {
				p = e.product(t, "TEAM")
				e.team(t, "Team of TEAM", p.ID, nil)
			},
			write: func(e *env, f *fixture) error { return e.store.DeleteProduct(e.ctx, p.ID, 0) }},
		{name: "product with a release", code: conf, field: "*",
			setup: func(t testing.TB, e *env, f *fixture) {
				p = e.product(t, "RELEASE")
				e.release(t, p.ID, "1.0", "2025-09-01", radiator.PhasePlanning, radiator.ReleaseRegular)
			},
			write: func(e *env, f *fixture) error { return e.store.DeleteProduct(e.ctx, p.ID, 0) }},
		{name: "product with an item", code: conf, field: "*",
			setup: func(t testing.TB, e *env, f *fixture) {
				p = e.product(t, "ITEM")
				e.item(t, p.ID, radiator.KindInitiative, "Grow")
			},
			write: func(e *env, f *fixture) error { return e.store.DeleteProduct(e.ctx, p.ID, 0) }},
		{name: "forum with forums under it", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteForum(e.ctx, f.portfolio.ID, 0)
		}},
		{name: "forum with team forums under it", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteForum(e.ctx, f.sosMail.ID, 0)
		}},
		{name: "team's own forum", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteForum(e.ctx, f.tChatB.ForumID, 0)
		}},
		{name: "team with sprints", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteTeam(e.ctx, f.tMailA.ID, 0)
		}},
		{name: "team with items", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteTeam(e.ctx, f.tMailB.ID, 0)
		}},
		{name: "release with items", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteRelease(e.ctx, f.rMail2.ID, 0)
		}},
		{name: "sprint with items", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteSprint(e.ctx, f.sA2.ID, 0)
		}},
		{name: "item with children", code: conf, field: "*", write: func(e *env, f *fixture) error {
			return e.store.DeleteBacklogItem(e.ctx, f.feat1.ID, 0)
		}},
	}
	checkRefusals(t, open, cases)
}
