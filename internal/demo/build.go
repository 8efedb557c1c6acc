package demo

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// Building happens in two steps. generate plans the whole organisation and
// its history in memory, as actions stamped with the moment they happen;
// run sorts the actions by that moment and performs them through the
// store with the clock set to it. Planning first lets the history be
// decided as a whole (a feature late for its release moves to the next one)
// while the store sees the changes in the order they happened.

// action is one change to the store, made by actor (nil: the system) at
// the moment at.
type action struct {
	at    time.Time
	actor *person
	what  string
	do    func(ctx context.Context, s radiator.Store) error
}

type person struct {
	id    int64
	name  string
	email string
}

type product struct {
	spec     *productSpec
	rec      radiator.Product
	s2       radiator.Forum
	cpo, csm *person
	testers  []*person
	ops      []*person
	teams    []*team
	// releases are the regular releases in date order; hotfixes the
	// hot-fix releases between them.
	releases    []*release
	hotfixes    []*release
	initiatives []*item
	features    []*item
	late        *item        // the feature added to the release in progress after its baseline
	deps        []dependency // those between the teams' work in the release in progress
	items       []*item      // every backlog item, ranked at the end of planning
	// starts are the first days of the product's sprints up to the
	// active one; every team of the product sprints on them.
	starts       []radiator.Date
	featureOrder []int
	featureNext  int
}

type team struct {
	rec      radiator.Team
	product  *product
	sm, po   *person
	members  []*person
	sprints  []*sprint // the closed ones, the active one, the planned next
	queue    []*item   // stories in the order the team will work them
	hpp      float64   // hours of work per story point
	velocity float64   // the points the team expects to finish per sprint
	// refinement is the team's last refinement before now, after which
	// the backlog is left alone.
	refinement time.Time
	// between are the keys of the board's columns between in progress
	// and done, such as "review"; nil for a board without them.
	between []string
}

// board tells whether the team has a board of its own, on which cards move
// by column rather than by state.
func (t *team) board() bool { return len(t.rec.Columns) > 0 }

type sprint struct {
	id, version int64
	team        *team
	name        string
	start, end  radiator.Date
	goal        string
	// planning is the end of the sprint planning on its first morning,
	// when the sprint starts.
	planning time.Time
	away     []absence
	// hotfixes are the stories of hot-fixes added to the sprint.
	hotfixes []*item
	// completed is the points done in the sprint by its close.
	completed float64
}

// absence is someone away for a number of a sprint's working days.
type absence struct {
	who  *person
	days float64
}

type release struct {
	id, version int64
	product     *product
	idx         int // index among the product's regular releases
	name, goal  string
	kind        string
	date        radiator.Date
	// initial is the date the release was planned for when it was later
	// moved to date; zero when it never moved.
	initial radiator.Date
	// created is its release planning: its start.
	created time.Time
}

type item struct {
	id, version int64
	product     *product
	kind        string
	title       string
	description string
	parent      *item
	team        *team
	release     *release // the release the item is created in
	sprint      *sprint  // the sprint a hot-fix story is created in
	state       string   // the state the item is created in
	estimate    float64
	size        string // a feature's t-shirt size, if its product uses them
	rank        string
	key         [4]int  // rank order within the product
	object      string  // a feature's object, for its stories' titles
	children    []*item // a feature's stories, an initiative's features
	labels      []string
	criteria    string
	// early tells that the Product Owner wrote the acceptance criteria
	// when creating the story, not when refining it.
	early bool
	// Planned moments; zero when not (yet) planned.
	created time.Time
	readyAt time.Time // a story refined to ready
	// started and done are when the item moved to in progress and to
	// done, and moved when it last moved on the board, if that happened
	// before now; assignee is who took it.
	started  time.Time
	done     time.Time
	moved    time.Time
	assignee *person
	// A story's work: begun once someone took it, remaining hours left,
	// and from how many working hours into a sprint it may start (a story
	// added mid-sprint).
	begun     bool
	remaining float64
	from      float64
	// in is the sprint a story is in now, nil for the backlog; rel the
	// release the item belongs to now. Both follow the plan as it is made,
	// so they are read once it is complete.
	in  *sprint
	rel *release
}

// builder plans the demo organisation.
type builder struct {
	rng      *rand.Rand
	now      time.Time
	first    radiator.Date
	counts   []int
	hash     string
	actions  []action
	cursor   time.Time // the next moment of the first day's set-up
	setupEnd time.Time
	err      error // the first action planned for after now

	names  map[string]bool
	emails map[string]bool

	admin     *person
	leaders   []*person // in the order of leadership titles
	coaches   []*person
	prods     []*product
	steering  radiator.Forum
	portfolio radiator.Forum
	teamCount int
	choreNext int

	sessions    map[sessionKey]*session // nil for a session after now
	sessionList []*session

	decided *item // the story the Scrum of Scrums moved to another team
}

// sessionKey tells a team's refinement sessions apart by their moment.
type sessionKey struct {
	team *team
	at   int64 // Unix nanoseconds
}

func newBuilder(opts Options, counts []int, hash string) *builder {
	now := opts.Today.UTC()
	first := radiator.DateOf(now.AddDate(0, -5, 0))
	return &builder{
		rng:      rand.New(rand.NewPCG(uint64(opts.Seed), 0x6b65737472656c)),
		now:      now,
		first:    first,
		counts:   counts,
		hash:     hash,
		cursor:   at(first, 8, 0),
		names:    map[string]bool{},
		emails:   map[string]bool{},
		sessions: map[sessionKey]*session{},
	}
}

// at returns the moment of day d at hh:mm UTC.
func at(d radiator.Date, hh, mm int) time.Time {
	return d.Time().Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// must plans an action that has to happen. The timeline puts all of those
// in the past; one planned for now or later is a mistake of the plan,
// which generate reports.
func (b *builder) must(t time.Time, actor *person, what string, do func(context.Context, radiator.Store) error) {
	if !t.Before(b.now) && b.err == nil {
		b.err = fmt.Errorf("demo: planned %s at %s, not before %s", what, t.Format(time.DateTime), b.now.Format(time.DateTime))
	}
	b.actions = append(b.actions, action{at: t, actor: actor, what: what, do: do})
}

// maybe plans an action that happens only if its moment has passed, and
// reports whether it does.
func (b *builder) maybe(t time.Time, actor *person, what string, do func(context.Context, radiator.Store) error) bool {
	if !t.Before(b.now) {
		return false
	}
	b.actions = append(b.actions, action{at: t, actor: actor, what: what, do: do})
	return true
}

// setup plans an action of the first day's set-up, a second after the
// previous one.
func (b *builder) setup(actor *person, what string, do func(context.Context, radiator.Store) error) {
	b.must(b.cursor, actor, what, do)
	b.cursor = b.cursor.Add(time.Second)
}

// generate plans the organisation and its history, its actions in the
// order they happen.
func (b *builder) generate() error {
	b.planPeople()
	b.planStructure()
	for _, p := range b.prods {
		b.planTimeline(p)
	}
	for _, p := range b.prods {
		b.planReleases(p)
	}
	for _, p := range b.prods {
		b.planFeatures(p)
	}
	b.setupEnd = b.cursor
	for _, p := range b.prods {
		b.planHotfixes(p)
	}
	for _, p := range b.prods {
		for _, t := range p.teams {
			b.simulate(t)
		}
	}
	for _, p := range b.prods {
		b.planFeatureStates(p)
		b.planScopeChanges(p)
	}
	b.planDecision()
	for _, p := range b.prods {
		b.planDependencies(p)
		b.rank(p)
	}
	b.describeSessions()
	slices.SortStableFunc(b.actions, func(x, y action) int { return x.at.Compare(y.at) })
	return b.err
}

// run performs the planned actions in the order they happen.
func (b *builder) run(ctx context.Context, s radiator.Store, clock *radiator.ManualClock) error {
	for i := range b.actions {
		a := &b.actions[i]
		clock.Set(a.at)
		actx := ctx
		if a.actor != nil {
			actx = radiator.NewContextWithActor(ctx, radiator.Actor{PersonID: a.actor.id, Name: a.actor.name})
		}
		if err := a.do(actx, s); err != nil {
			return fmt.Errorf("demo: %s at %s: %w", a.what, a.at.Format(time.DateTime), err)
		}
	}
	return nil
}

// emailFold spells names in e-mail addresses.
var emailFold = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ë", "e", "ö", "o", "ø", "o",
	"ć", "c", "č", "c", "ñ", "n", "'", "", " ", "",
)

// newPerson invents someone with a name no one else in the company has.
func (b *builder) newPerson() *person {
	var first, middle, last string
	for try := 0; ; try++ {
		first = firstNames[b.rng.IntN(len(firstNames))]
		last = lastNames[b.rng.IntN(len(lastNames))]
		if try > 20 {
			// A large organisation runs out of pairs; a middle initial
			// tells people apart, as it does in real companies.
			middle = string(rune('A' + b.rng.IntN(26)))
		}
		if !b.names[fullName(first, middle, last)] {
			break
		}
	}
	name := fullName(first, middle, last)
	b.names[name] = true
	local := emailFold.Replace(strings.ToLower(first))
	if middle != "" {
		local += "." + strings.ToLower(middle)
	}
	local += "." + emailFold.Replace(strings.ToLower(last))
	email := local + "@" + domain
	for n := 2; b.emails[email]; n++ {
		email = local + strconv.Itoa(n) + "@" + domain
	}
	b.emails[email] = true
	return &person{name: name, email: email}
}

func fullName(first, middle, last string) string {
	if middle == "" {
		return first + " " + last
	}
	return first + " " + middle + ". " + last
}

// planPeople invents the organisation's people and their places in it.
func (b *builder) planPeople() {
	for range leadership {
		b.leaders = append(b.leaders, b.newPerson())
	}
	b.coaches = []*person{b.newPerson(), b.newPerson()}
	codes := slices.Clone(codenames)
	b.rng.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	teamNames := map[string]bool{}
	for pi := range products {
		spec := &products[pi]
		p := &product{spec: spec}
		p.cpo, p.csm = b.newPerson(), b.newPerson()
		n := b.counts[pi]
		for range max(spec.testers, (n+3)/4) {
			p.testers = append(p.testers, b.newPerson())
		}
		for range max(spec.operations, (n+5)/6) {
			p.ops = append(p.ops, b.newPerson())
		}
		for i := range n {
			ar := spec.areas[i%len(spec.areas)]
			name := codes[b.teamCount%len(codes)] + " " + ar.name
			for k := 2; teamNames[name]; k++ {
				name = codes[b.teamCount%len(codes)] + " " + ar.name + " " + strconv.Itoa(k)
			}
			teamNames[name] = true
			t := &team{product: p, rec: radiator.Team{Name: name, Description: ar.description}}
			b.setBoard(t)
			b.teamCount++
			// A Scrum Master serving two teams, as in the chapter's
			// closing story: the fourth team of every five shares the
			// third one's.
			if i%5 == 3 {
				t.sm = p.teams[i-1].sm
			} else {
				t.sm = b.newPerson()
			}
			t.po = b.newPerson()
			for range 4 + b.rng.IntN(4) {
				t.members = append(t.members, b.newPerson())
			}
			// Someone splitting their time between two teams: the
			// second team of every four borrows one of the first's.
			if i%4 == 1 {
				shared := p.teams[i-1].members[0]
				if len(t.members) == 7 {
					t.members[6] = shared
				} else {
					t.members = append(t.members, shared)
				}
			}
			t.hpp = 8 + 6*b.rng.Float64()
			t.velocity = float64(len(t.members)) * 74 / (t.hpp * 1.05)
			p.teams = append(p.teams, t)
		}
		b.prods = append(b.prods, p)
	}
	// The first product's Chief Scrum Master set Radiator up and
	// administers it.
	b.admin = b.prods[0].csm
}

// setBoard gives a team its way of working: the Fibonacci scale, the
// default definition of ready or one with an entry of the team's own, and
// for some teams a board of their own: a work-in-progress limit, a column
// for review or testing, or both.
func (b *builder) setBoard(t *team) {
	t.rec.EstimateScale = radiator.FibonacciScale()
	t.rec.DefinitionOfReady = radiator.DefaultDefinitionOfReady()
	if b.rng.IntN(2) == 0 {
		t.rec.DefinitionOfReady = append(t.rec.DefinitionOfReady, extraReadiness[b.rng.IntN(len(extraReadiness))])
	}
	todo := radiator.BoardColumn{Key: "todo", Name: "To do", State: radiator.StateReady}
	doing := radiator.BoardColumn{Key: "in_progress", Name: "In progress", State: radiator.StateInProgress}
	review := radiator.BoardColumn{Key: "review", Name: "In review", State: radiator.StateInProgress, WIPLimit: 3}
	testing := radiator.BoardColumn{Key: "testing", Name: "Testing", State: radiator.StateInProgress, WIPLimit: 2}
	done := radiator.BoardColumn{Key: "done", Name: "Done", State: radiator.StateDone}
	var between []radiator.BoardColumn
	switch b.teamCount % 6 {
	case 0, 4:
		return
	case 1:
		doing.WIPLimit = 4
		between = []radiator.BoardColumn{review}
	case 2:
		doing.WIPLimit = 3 + b.rng.IntN(2)
	case 3:
		between = []radiator.BoardColumn{testing}
	case 5:
		between = []radiator.BoardColumn{review, testing}
	}
	t.rec.Columns = append(append([]radiator.BoardColumn{todo, doing}, between...), done)
	for _, c := range between {
		t.between = append(t.between, c.Key)
	}
}

// forumMembers collects a forum's memberships without duplicates.
type forumMembers struct {
	list []radiator.Membership
	who  []*person
	seen map[string]bool
}

func (fm *forumMembers) add(p *person, role string) {
	if fm.seen == nil {
		fm.seen = map[string]bool{}
	}
	k := p.email + " " + role
	if fm.seen[k] {
		return
	}
	fm.seen[k] = true
	fm.list = append(fm.list, radiator.Membership{Role: role})
	fm.who = append(fm.who, p)
}

// planStructure plans the first day's set-up: the administrator creates the
// people, products, forums, teams and memberships.
func (b *builder) planStructure() {
	admin := b.admin
	b.setup(nil, "create administrator", func(ctx context.Context, s radiator.Store) error {
		rec := &radiator.Person{Name: admin.name, Email: admin.email, Active: true, Admin: true}
		if err := s.CreatePerson(ctx, rec); err != nil {
			return err
		}
		admin.id = rec.ID
		return nil
	})
	b.setup(admin, "name organisation", func(ctx context.Context, s radiator.Store) error {
		o, err := s.FindOrganisation(ctx)
		if err != nil {
			return err
		}
		name := orgName
		_, err = s.UpdateOrganisation(ctx, radiator.OrganisationUpdate{Version: o.Version, Name: &name})
		return err
	})
	created := map[*person]bool{admin: true}
	createPerson := func(p *person) {
		if created[p] {
			return
		}
		created[p] = true
		b.setup(admin, "create person "+p.email, func(ctx context.Context, s radiator.Store) error {
			rec := &radiator.Person{Name: p.name, Email: p.email, Active: true}
			if err := s.CreatePerson(ctx, rec); err != nil {
				return err
			}
			p.id = rec.ID
			return nil
		})
	}
	for _, p := range b.leaders {
		createPerson(p)
	}
	for _, p := range b.coaches {
		createPerson(p)
	}
	for _, pr := range b.prods {
		for _, p := range append([]*person{pr.cpo, pr.csm}, append(pr.testers, pr.ops...)...) {
			createPerson(p)
		}
		for _, t := range pr.teams {
			createPerson(t.sm)
			createPerson(t.po)
			for _, m := range t.members {
				createPerson(m)
			}
		}
	}

	for _, pr := range b.prods {
		b.setup(admin, "create product "+pr.spec.key, func(ctx context.Context, s radiator.Store) error {
			pr.rec = radiator.Product{Key: pr.spec.key, Name: pr.spec.name, Description: pr.spec.description}
			return s.CreateProduct(ctx, &pr.rec)
		})
	}
	b.setup(admin, "create steering forum", func(ctx context.Context, s radiator.Store) error {
		b.steering = radiator.Forum{Name: "Agile Steering", Tier: 4, Kind: radiator.ForumSteering,
			Purpose: purposeSteering, Cadence: radiator.DefaultCadence(radiator.ForumSteering)}
		return s.CreateForum(ctx, &b.steering)
	})
	b.setup(admin, "create portfolio forum", func(ctx context.Context, s radiator.Store) error {
		b.portfolio = radiator.Forum{Name: "Portfolio Planning", Tier: 3, Kind: radiator.ForumPortfolio,
			ParentID: &b.steering.ID, Purpose: purposePortfolio, Cadence: radiator.DefaultCadence(radiator.ForumPortfolio)}
		return s.CreateForum(ctx, &b.portfolio)
	})
	for _, pr := range b.prods {
		b.setup(admin, "create scrum of scrums of "+pr.spec.key, func(ctx context.Context, s radiator.Store) error {
			pr.s2 = radiator.Forum{Name: pr.spec.short + " Scrum of Scrums", Tier: 2, Kind: radiator.ForumScrumOfScrums,
				ParentID: &b.portfolio.ID, ProductID: &pr.rec.ID, Purpose: fmt.Sprintf(purposeScrumOfScrums, pr.spec.name),
				Cadence: ScrumOfScrumsCadence()}
			return s.CreateForum(ctx, &pr.s2)
		})
		for _, t := range pr.teams {
			b.setup(pr.csm, "create team "+t.rec.Name, func(ctx context.Context, s radiator.Store) error {
				t.rec.ProductID = pr.rec.ID
				t.rec.ParentForumID = &pr.s2.ID
				return s.CreateTeam(ctx, &t.rec)
			})
		}
	}

	var steering, portfolio forumMembers
	for i, p := range b.leaders {
		portfolio.add(p, radiator.RoleLeadership)
		if i < 3 {
			steering.add(p, radiator.RoleLeadership)
		}
	}
	for _, p := range b.coaches {
		steering.add(p, radiator.RoleCoach)
	}
	for _, pr := range b.prods {
		portfolio.add(pr.cpo, radiator.RoleChiefProductOwner)
		steering.add(pr.cpo, radiator.RoleChiefProductOwner)
		steering.add(pr.csm, radiator.RoleChiefScrumMaster)
	}
	b.planMemberships(admin, &b.steering, &steering)
	b.planMemberships(admin, &b.portfolio, &portfolio)
	for _, pr := range b.prods {
		var s2 forumMembers
		s2.add(pr.cpo, radiator.RoleChiefProductOwner)
		s2.add(pr.csm, radiator.RoleChiefScrumMaster)
		for _, t := range pr.teams {
			s2.add(t.sm, radiator.RoleScrumMaster)
			s2.add(t.po, radiator.RoleProductOwner)
		}
		for _, p := range pr.testers {
			s2.add(p, radiator.RoleTester)
		}
		for _, p := range pr.ops {
			s2.add(p, radiator.RoleOperations)
		}
		b.planMemberships(pr.csm, &pr.s2, &s2)
		for _, t := range pr.teams {
			var tm forumMembers
			tm.add(t.sm, radiator.RoleScrumMaster)
			tm.add(t.po, radiator.RoleProductOwner)
			for _, m := range t.members {
				tm.add(m, radiator.RoleMember)
			}
			b.planMembershipsOfTeam(t.sm, t, &tm)
		}
	}

	// The administrator gives the leaders a first password: the demo's.
	withPassword := []*person{admin}
	for _, pr := range b.prods {
		withPassword = append(withPassword, pr.cpo)
		if pr.csm != admin {
			withPassword = append(withPassword, pr.csm)
		}
	}
	withPassword = append(withPassword, b.leaders[:3]...)
	for _, p := range withPassword {
		b.setup(admin, "set password of "+p.email, func(ctx context.Context, s radiator.Store) error {
			return s.SetPasswordHash(ctx, p.id, b.hash)
		})
	}
}

func (b *builder) planMemberships(actor *person, f *radiator.Forum, fm *forumMembers) {
	for i := range fm.list {
		m, p := &fm.list[i], fm.who[i]
		b.setup(actor, "add "+p.email+" to "+f.Name, func(ctx context.Context, s radiator.Store) error {
			m.PersonID, m.ForumID = p.id, f.ID
			return s.CreateMembership(ctx, m)
		})
	}
}

func (b *builder) planMembershipsOfTeam(actor *person, t *team, fm *forumMembers) {
	for i := range fm.list {
		m, p := &fm.list[i], fm.who[i]
		b.setup(actor, "add "+p.email+" to team "+t.rec.Name, func(ctx context.Context, s radiator.Store) error {
			m.PersonID, m.ForumID = p.id, t.rec.ForumID
			return s.CreateMembership(ctx, m)
		})
	}
}

// planTimeline lays out the product's sprints and release dates. The
// active sprint contains today (and started at least two days before it);
// the third release is due two to four weeks after it ends, each other one
// eight weeks (four sprints) from the one before.
func (b *builder) planTimeline(p *product) {
	today := radiator.DateOf(b.now)
	s := today.AddDays(-1)
	for int(s.Time().Weekday()) != p.spec.weekday {
		s = s.AddDays(-1)
	}
	// A sprint that started yesterday has nothing done yet: the active
	// sprint is one that has run for two days at least.
	if s.DaysUntil(today) < 2 || s.DaysUntil(today) <= 6 && b.rng.IntN(2) == 0 {
		s = s.AddDays(-7)
	}
	for d := s; d.After(b.first); d = d.AddDays(-14) {
		p.starts = append(p.starts, d)
	}
	slices.Reverse(p.starts)
	end := s.AddDays(13)
	due := end.AddDays(14*(1+b.rng.IntN(2)) + 2)
	minor := 2 + b.rng.IntN(6)
	for i := range 4 {
		p.releases = append(p.releases, &release{
			product: p,
			idx:     i,
			name:    fmt.Sprintf("%s %d.%d", p.spec.short, p.spec.major, minor+i),
			kind:    radiator.ReleaseRegular,
			date:    due.AddDays(56 * (i - 2)),
		})
	}
	p.featureOrder = b.rng.Perm(len(p.spec.features))
	for _, t := range p.teams {
		base := 20 + b.rng.IntN(40)
		for i, st := range append(slices.Clone(p.starts), s.AddDays(14)) {
			t.sprints = append(t.sprints, &sprint{
				team:     t,
				name:     "Sprint " + strconv.Itoa(base+i),
				start:    st,
				end:      st.AddDays(13),
				planning: at(st, 10, 0),
			})
		}
		b.setup(t.sm, "create first sprint of "+t.rec.Name, b.createSprint(t.sprints[0]))
	}
}

func (b *builder) createSprint(sp *sprint) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		rec := &radiator.Sprint{TeamID: sp.team.rec.ID, Name: sp.name, Start: sp.start, End: sp.end, State: radiator.SprintPlanned}
		if err := s.CreateSprint(ctx, rec); err != nil {
			return err
		}
		sp.id, sp.version = rec.ID, rec.Version
		return nil
	}
}

func (b *builder) updateSprint(sp *sprint, upd func(*radiator.SprintUpdate)) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		u := radiator.SprintUpdate{Version: sp.version}
		upd(&u)
		got, err := s.UpdateSprint(ctx, sp.id, u)
		if err != nil {
			return err
		}
		sp.version = got.Version
		return nil
	}
}

func (b *builder) updateRelease(r *release, phase string) func(context.Context, radiator.Store) error {
	return b.changeRelease(r, func(u *radiator.ReleaseUpdate) { u.Phase = &phase })
}

func (b *builder) changeRelease(r *release, upd func(*radiator.ReleaseUpdate)) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		u := radiator.ReleaseUpdate{Version: r.version}
		upd(&u)
		got, err := s.UpdateRelease(ctx, r.id, u)
		if err != nil {
			return err
		}
		r.version = got.Version
		return nil
	}
}

func (b *builder) createRelease(r *release, phase string) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		date := r.date
		if !r.initial.IsZero() {
			date = r.initial
		}
		rec := &radiator.Release{ProductID: r.product.rec.ID, Name: r.name, Start: radiator.DateOf(r.created), Date: date,
			Goal: r.goal, Phase: phase, Kind: r.kind}
		if err := s.CreateRelease(ctx, rec); err != nil {
			return err
		}
		r.id, r.version = rec.ID, rec.Version
		return nil
	}
}

func (b *builder) createItem(it *item) func(context.Context, radiator.Store) error {
	// Features come with their size in feature units, stories are
	// estimated when refined, and initiatives are sized by their
	// features. A story created past new comes refined.
	var estimate *float64
	if it.kind == radiator.KindFeature || (it.kind == radiator.KindStory && it.state != radiator.StateNew) {
		estimate = ptr(it.estimate)
	}
	criteria := ""
	var checks []string
	if it.early || it.state != radiator.StateNew {
		criteria = it.criteria
	}
	if it.team != nil && it.state != radiator.StateNew {
		checks = it.team.rec.DefinitionOfReady
	}
	return func(ctx context.Context, s radiator.Store) error {
		rec := &radiator.BacklogItem{
			ProductID:          it.product.rec.ID,
			Kind:               it.kind,
			Title:              it.title,
			Description:        it.description,
			Rank:               it.rank,
			State:              it.state,
			Estimate:           estimate,
			Size:               it.size,
			AcceptanceCriteria: criteria,
			Labels:             it.labels,
			ReadyChecks:        checks,
		}
		if it.parent != nil {
			rec.ParentID = &it.parent.id
		}
		if it.team != nil {
			rec.TeamID = &it.team.rec.ID
		}
		if it.release != nil {
			rec.ReleaseID = &it.release.id
		}
		if it.sprint != nil {
			rec.SprintID = &it.sprint.id
		}
		if err := s.CreateBacklogItem(ctx, rec); err != nil {
			return err
		}
		it.id, it.version = rec.ID, rec.Version
		return nil
	}
}

// edit is one item's part of a bulk edit.
type edit struct {
	it  *item
	upd func(*radiator.BacklogItemUpdate)
}

// updateItems makes the edits in one bulk edit. They are read when it is
// made, so edits planned after it was planned count.
func (b *builder) updateItems(edits *[]edit) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		upds := make([]radiator.BacklogItemBulkUpdate, len(*edits))
		byID := make(map[int64]*item, len(*edits))
		for i, e := range *edits {
			upds[i] = radiator.BacklogItemBulkUpdate{ID: e.it.id, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: e.it.version}}
			e.upd(&upds[i].BacklogItemUpdate)
			byID[e.it.id] = e.it
		}
		got, err := s.UpdateBacklogItems(ctx, upds)
		if err != nil {
			return err
		}
		for _, it := range got {
			byID[it.ID].version = it.Version
		}
		return nil
	}
}

func (b *builder) updateItem(it *item, upd func(*radiator.BacklogItemUpdate)) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		u := radiator.BacklogItemUpdate{Version: it.version}
		upd(&u)
		got, err := s.UpdateBacklogItem(ctx, it.id, u)
		if err != nil {
			return err
		}
		it.version = got.Version
		return nil
	}
}

// setState returns the update of an item to a state.
func setState(state string) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) { u.State = &state }
}

// move returns the update that moves a story of the team to a column of its
// board, or, on a team without a board of its own, to the column's state.
func move(t *team, column, state string) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) {
		if t.board() {
			u.Column = &column
		} else {
			u.State = &state
		}
	}
}

// closeSprint closes a sprint, its unfinished stories going where
// unfinished says. The store moves those stories, so their versions are
// read anew.
func (b *builder) closeSprint(sp *sprint, unfinished string, left []*item) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		got, err := s.CloseSprint(ctx, sp.id, radiator.SprintClose{Version: sp.version, Unfinished: unfinished})
		if err != nil {
			return err
		}
		sp.version = got.Version
		for _, it := range left {
			rec, err := s.FindBacklogItemByID(ctx, it.id)
			if err != nil {
				return err
			}
			it.version = rec.Version
		}
		return nil
	}
}

// rank gives the product's items their ranks, spread evenly in the order of
// their keys: initiatives, hot-fixes, then features with their stories
// release by release, then chores.
func (b *builder) rank(p *product) {
	slices.SortStableFunc(p.items, func(x, y *item) int {
		for i := range x.key {
			if c := cmp.Compare(x.key[i], y.key[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	ranks := radiator.SpreadRanks(len(p.items))
	for i, it := range p.items {
		it.rank = ranks[i]
	}
}
