package storetest

import (
	"testing"

	"github.com/radiator-hq/radiator"
)

// The builders create one valid entity, moving the clock on first, and
// fail the test when the store refuses it.

func (e *env) product(t testing.TB, key string) *radiator.Product {
	t.Helper()
	p := &radiator.Product{Key: key, Name: "Product " + key, Description: "Everything about " + key + "."}
	e.tick()
	must(t, "CreateProduct "+key, e.store.CreateProduct(e.ctx, p))
	return p
}

func (e *env) forum(t testing.TB, name string, tier int, kind string, parent, product *int64) *radiator.Forum {
	t.Helper()
	f := &radiator.Forum{Name: name, Tier: tier, Kind: kind, ParentID: parent, ProductID: product,
		Purpose: "The " + name + " conversation.", Cadence: radiator.DefaultCadence(kind)}
	e.tick()
	must(t, "CreateForum "+name, e.store.CreateForum(e.ctx, f))
	return f
}

func (e *env) team(t testing.TB, name string, product int64, parentForum *int64) *radiator.Team {
	t.Helper()
	tm := &radiator.Team{Name: name, ProductID: product, ParentForumID: parentForum, Description: name + " builds things."}
	e.tick()
	must(t, "CreateTeam "+name, e.store.CreateTeam(e.ctx, tm))
	return tm
}

func (e *env) person(t testing.TB, name, email string) *radiator.Person {
	t.Helper()
	p := &radiator.Person{Name: name, Email: email, Active: true}
	e.tick()
	must(t, "CreatePerson "+name, e.store.CreatePerson(e.ctx, p))
	return p
}

func (e *env) membership(t testing.TB, person, forum int64, role string) *radiator.Membership {
	t.Helper()
	m := &radiator.Membership{PersonID: person, ForumID: forum, Role: role}
	e.tick()
	must(t, "CreateMembership", e.store.CreateMembership(e.ctx, m))
	return m
}

func (e *env) release(t testing.TB, product int64, name, date, phase, kind string) *radiator.Release {
	t.Helper()
	r := &radiator.Release{ProductID: product, Name: name, Date: radiator.MustDate(date), Goal: "Ship " + name + ".", Phase: phase, Kind: kind}
	e.tick()
	must(t, "CreateRelease "+name, e.store.CreateRelease(e.ctx, r))
	return r
}

func (e *env) sprint(t testing.TB, team int64, name, from, to, state string) *radiator.Sprint {
	t.Helper()
	s := &radiator.Sprint{TeamID: team, Name: name, Start: radiator.MustDate(from), End: radiator.MustDate(to), Goal: "Finish " + name + ".", State: state}
	e.tick()
	must(t, "CreateSprint "+name, e.store.CreateSprint(e.ctx, s))
	return s
}

// item creates a backlog item; opts fill in the optional fields.
func (e *env) item(t testing.TB, product int64, kind, title string, opts ...func(*radiator.BacklogItem)) *radiator.BacklogItem {
	t.Helper()
	it := &radiator.BacklogItem{ProductID: product, Kind: kind, Title: title, State: radiator.StateNew}
	for _, o := range opts {
		o(it)
	}
	e.tick()
	must(t, "CreateBacklogItem "+title, e.store.CreateBacklogItem(e.ctx, it))
	return it
}

func withParent(id int64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.ParentID = &id }
}

func withTeam(id int64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.TeamID = &id }
}

func withSprint(id int64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.SprintID = &id }
}

func withRelease(id int64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.ReleaseID = &id }
}

func withState(s string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.State = s }
}

func withRank(r string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.Rank = r }
}

func withEstimate(v float64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.Estimate = &v }
}

func withCriteria(c string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.AcceptanceCriteria = c }
}

func withLabels(labels ...string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.Labels = labels }
}

func withAssignee(id int64) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.AssigneeID = &id }
}

func withChecks(checks ...string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.ReadyChecks = checks }
}

func withColumn(key string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.Column = key }
}

func withDescription(d string) func(*radiator.BacklogItem) {
	return func(it *radiator.BacklogItem) { it.Description = d }
}

// fixture is a small organisation with two products, every tier and
// entities in most states, for the tests of rules, filters and pages.
type fixture struct {
	mail, chat               *radiator.Product
	steering, portfolio      *radiator.Forum
	sosMail, sosChat         *radiator.Forum
	tMailA, tMailB           *radiator.Team
	tChatA, tChatB           *radiator.Team
	ada, bob, cy, dee        *radiator.Person
	adaMember, adaTester     *radiator.Membership
	bobPO, bobMember         *radiator.Membership
	cyMember, cyCoach        *radiator.Membership
	adaSM, deeLead           *radiator.Membership
	rMail1, rMail2, rMailFix *radiator.Release
	rChat1                   *radiator.Release
	sA1, sA2, sA3, sChat     *radiator.Sprint
	initiative               *radiator.BacklogItem
	feat1, feat2, feat3      *radiator.BacklogItem
	story1, story2, story3   *radiator.BacklogItem
	story4, story5           *radiator.BacklogItem
}

func seed(t testing.TB, e *env) *fixture {
	t.Helper()
	f := &fixture{}
	f.mail = e.product(t, "MAIL")
	f.chat = e.product(t, "CHAT")

	f.steering = e.forum(t, "Agile steering", 4, radiator.ForumSteering, nil, nil)
	f.portfolio = e.forum(t, "Portfolio", 3, radiator.ForumPortfolio, &f.steering.ID, nil)
	f.sosMail = e.forum(t, "Mail Scrum of Scrums", 2, radiator.ForumScrumOfScrums, &f.portfolio.ID, &f.mail.ID)
	f.sosChat = e.forum(t, "Chat Scrum of Scrums", 2, radiator.ForumScrumOfScrums, &f.portfolio.ID, &f.chat.ID)

	f.tMailA = e.team(t, "Inbox", f.mail.ID, &f.sosMail.ID)
	f.tMailB = e.team(t, "Delivery", f.mail.ID, &f.sosMail.ID)
	f.tChatA = e.team(t, "Rooms", f.chat.ID, &f.sosChat.ID)
	f.tChatB = e.team(t, "Presence", f.chat.ID, nil)

	f.ada = e.person(t, "Ada Lovelace", "ada@example.com")
	f.bob = e.person(t, "Bob Kahn", "bob@example.com")
	f.cy = e.person(t, "Cy Young", "cy@example.com")
	f.dee = e.person(t, "Dee Hock", "dee@example.com")

	f.adaMember = e.membership(t, f.ada.ID, f.tMailA.ForumID, radiator.RoleMember)
	f.adaTester = e.membership(t, f.ada.ID, f.tMailA.ForumID, radiator.RoleTester)
	f.adaSM = e.membership(t, f.ada.ID, f.sosMail.ID, radiator.RoleScrumMaster)
	f.bobPO = e.membership(t, f.bob.ID, f.tMailA.ForumID, radiator.RoleProductOwner)
	f.bobMember = e.membership(t, f.bob.ID, f.tMailB.ForumID, radiator.RoleMember)
	f.cyMember = e.membership(t, f.cy.ID, f.tChatA.ForumID, radiator.RoleMember)
	f.cyCoach = e.membership(t, f.cy.ID, f.portfolio.ID, radiator.RoleCoach)
	f.deeLead = e.membership(t, f.dee.ID, f.steering.ID, radiator.RoleLeadership)

	f.rMail1 = e.release(t, f.mail.ID, "2025.1", "2025-02-01", radiator.PhaseReleased, radiator.ReleaseRegular)
	f.rMail2 = e.release(t, f.mail.ID, "2025.2", "2025-05-01", radiator.PhaseSprinting, radiator.ReleaseRegular)
	f.rMailFix = e.release(t, f.mail.ID, "2025.1.1", "2025-03-15", radiator.PhasePlanning, radiator.ReleaseHotfix)
	f.rChat1 = e.release(t, f.chat.ID, "2025.1", "2025-04-01", radiator.PhasePlanning, radiator.ReleaseRegular)

	f.sA3 = e.sprint(t, f.tMailA.ID, "Inbox 3", "2025-03-03", "2025-03-16", radiator.SprintPlanned)
	f.sA1 = e.sprint(t, f.tMailA.ID, "Inbox 1", "2025-02-03", "2025-02-16", radiator.SprintClosed)
	f.sA2 = e.sprint(t, f.tMailA.ID, "Inbox 2", "2025-02-17", "2025-03-02", radiator.SprintActive)
	f.sChat = e.sprint(t, f.tChatA.ID, "Rooms 1", "2025-02-17", "2025-03-02", radiator.SprintActive)

	f.initiative = e.item(t, f.mail.ID, radiator.KindInitiative, "Mail everywhere")
	f.feat1 = e.item(t, f.mail.ID, radiator.KindFeature, "Search", withParent(f.initiative.ID), withRelease(f.rMail2.ID), withEstimate(8))
	f.feat2 = e.item(t, f.mail.ID, radiator.KindFeature, "Filters", withRelease(f.rMail2.ID), withEstimate(5))
	f.story1 = e.item(t, f.mail.ID, radiator.KindStory, "Search by sender", withParent(f.feat1.ID), withTeam(f.tMailA.ID),
		withSprint(f.sA2.ID), withState(radiator.StateDone), withEstimate(3))
	f.story2 = e.item(t, f.mail.ID, radiator.KindStory, "Search by date", withParent(f.feat1.ID), withTeam(f.tMailA.ID),
		withSprint(f.sA3.ID), withState(radiator.StateInProgress), withEstimate(5))
	f.story3 = e.item(t, f.mail.ID, radiator.KindStory, "Faster delivery", withTeam(f.tMailB.ID), withState(radiator.StateReady),
		withEstimate(2), withCriteria("Mail arrives within a second."))
	f.story4 = e.item(t, f.mail.ID, radiator.KindStory, "Filter by label", withParent(f.feat2.ID))
	f.feat3 = e.item(t, f.chat.ID, radiator.KindFeature, "Threads", withRelease(f.rChat1.ID))
	f.story5 = e.item(t, f.chat.ID, radiator.KindStory, "Reply in thread", withParent(f.feat3.ID), withTeam(f.tChatA.ID), withSprint(f.sChat.ID))
	return f
}
