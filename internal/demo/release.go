package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// The release tier: what each product's Scrum of Scrums does with its
// releases besides sprinting for them. The Chief Product Owner takes a
// baseline at each release planning and changes the scope of the release
// in progress after it: a feature added at customers' request, a feature
// that is not started moved to the next release, one re-sized and, for
// one product, the date moved by a week. The Scrum of Scrums keeps a list
// of dependencies between the teams' work, moves a story from a team that
// is behind to one with slack, works through the readiness checklist
// before each release and runs a hot fix alongside the release.

// s2Meeting returns the first meeting of a Scrum of Scrums after t: they
// meet on Tuesdays and Thursdays at four (radiator.DefaultCadence), and
// settle what they decide in the first ten minutes.
func s2Meeting(t time.Time) time.Time {
	for d := radiator.DateOf(t); ; d = d.AddDays(1) {
		wd := d.Time().Weekday()
		if m := at(d, 16, 10); (wd == time.Tuesday || wd == time.Thursday) && m.After(t) {
			return m
		}
	}
}

// acceptance returns when the Chief Product Owner accepts a feature whose
// last story was done at last: at half past four that day if there is an
// hour left before it, else the next working morning.
func acceptance(last time.Time) time.Time {
	d := radiator.DateOf(last)
	if m := at(d, 16, 30); !weekend(d) && last.Add(time.Hour).Before(m) {
		return m
	}
	return at(addWorkdays(d, 1), 10, 30)
}

// takeBaseline has the store take a baseline of the release as it stands.
func (b *builder) takeBaseline(r *release, note string) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		return s.CreateBaseline(ctx, &radiator.Baseline{ReleaseID: r.id, Note: note})
	}
}

// planLateFeature adds a feature to the release in progress after its
// baseline: customers asked for it, and the Chief Product Owner ranks it a
// third of the way down the release, where the teams reach it in the
// release's first sprints. It needs two or three teams. For the first
// product the date moves a week to make room for it.
func (b *builder) planLateFeature(p *product, r *release, feats []*item) {
	prev := p.releases[r.idx-1]
	k := len(feats) / 3
	t := p.teams[b.rng.IntN(len(p.teams))]
	var others []*team
	for _, o := range p.teams {
		if o != t {
			others = append(others, o)
		}
	}
	f := b.newFeature(p, r, t, 2*k+1, b.partners(others, 1+b.rng.IntN(2)))
	f.state = radiator.StateReady
	f.created = at(addWorkdays(prev.date, 2), 11, 0)
	f.description = "Asked for by enterprise customers after the release planning. " + f.description
	p.late = f
	b.must(f.created, p.cpo, "add feature "+f.title+" to "+r.name, b.createItem(f))
	// Its stories go before those of the features ranked below it.
	for _, st := range f.children {
		q := st.team.queue
		q = slices.DeleteFunc(q, func(x *item) bool { return x == st })
		i := slices.IndexFunc(q, func(x *item) bool { return x.release == r && x.key[2] > f.key[2] })
		if i < 0 {
			i = len(q)
		}
		st.team.queue = slices.Insert(q, i, st)
	}
	if p != b.prods[0] {
		return
	}
	r.initial = r.date.AddDays(-7)
	b.must(s2Meeting(f.created), p.cpo, fmt.Sprintf("move the date of %s from %s to %s", r.name, r.initial, r.date),
		b.changeRelease(r, func(u *radiator.ReleaseUpdate) { u.Date = &r.date }))
}

// planScopeChanges changes the scope of the release in progress after
// the late feature: the Chief Product Owner moves the last feature no team
// has started to the next release, as the chapter says late features go
// (once that release exists), and re-sizes a feature in progress whose
// stories turned out larger.
func (b *builder) planScopeChanges(p *product) {
	r, next, prev := p.releases[2], p.releases[3], p.releases[1]
	// At a meeting a week into the release, once the next release is
	// planned, or at the end of that planning.
	when := s2Meeting(later(at(addWorkdays(prev.date, 5), 9, 0), next.created.Add(2*time.Hour)))
	if !when.Before(b.now) {
		when = next.created.Add(2 * time.Hour)
	}
	var cut *item
	for _, f := range slices.Backward(p.features) {
		if f.rel != r || f.release != r || f == p.late || !f.done.IsZero() && f.done.Before(when) {
			continue
		}
		if cut == nil {
			cut = f // the last, if every feature has begun
		}
		if !slices.ContainsFunc(f.children, func(st *item) bool { return !st.started.IsZero() }) {
			cut = f
			break
		}
	}
	if cut != nil {
		edits := []edit{{cut, setRelease(next)}}
		cut.rel = next
		for _, st := range cut.children {
			switch {
			case st.created.IsZero() || !st.created.Before(when):
				st.release, st.rel = next, next
			case st.done.IsZero() || st.done.After(when):
				edits = append(edits, edit{st, setRelease(next)})
				st.rel = next
			}
		}
		b.must(when, p.cpo, fmt.Sprintf("move %s and %d of its stories to %s", cut.title, len(edits)-1, next.name), b.updateItems(&edits))
	}
	for _, f := range p.features {
		if f.rel != r || f.started.IsZero() {
			continue
		}
		when := s2Meeting(later(f.started, at(prev.date.AddDays(1), 9, 0)))
		if !when.Before(b.now) || !f.done.IsZero() && f.done.Before(when) {
			continue
		}
		if p.spec.sizes {
			i := slices.Index(radiator.FeatureSizeNames, f.size)
			if i < 0 || i == len(radiator.FeatureSizeNames)-1 {
				continue
			}
			size := radiator.FeatureSizeNames[i+1]
			b.must(when, p.cpo, fmt.Sprintf("re-size %s from %s to %s", f.title, f.size, size), b.updateItem(f, func(u *radiator.BacklogItemUpdate) {
				u.Size = &size
			}))
		} else {
			i, _ := slices.BinarySearch(unitSteps, f.estimate)
			if i >= len(unitSteps)-1 {
				continue
			}
			units := unitSteps[i+1]
			b.must(when, p.cpo, fmt.Sprintf("re-size %s from %v to %v units", f.title, f.estimate, units), b.updateItem(f, func(u *radiator.BacklogItemUpdate) {
				u.Estimate = radiator.SetTo(units)
			}))
		}
		break
	}
}

// unitSteps are the feature units a re-sized feature goes up by, one step
// at a time.
var unitSteps = []float64{1, 2, 3, 5, 8, 13}

// dependency is one the Scrum of Scrums records: from needs to done first.
type dependency struct {
	from, to *item
	at       time.Time
	resolved time.Time // zero while open
	note     string
}

// planDependencies has the Chief Scrum Master record dependencies
// between the teams' work in the release in progress, at the meetings of
// the Scrum of Scrums once both items exist: a feature on an earlier one,
// stories on stories of other teams, mostly within a feature. The
// dependencies whose story is done are resolved at the next meeting; of
// the open ones some are planned badly, the dependent story in the same
// sprint as the one it needs, or an earlier one.
func (b *builder) planDependencies(p *product) {
	r := p.releases[2]
	exists := func(it *item) bool { return !it.created.IsZero() && it.created.Before(b.now) }
	var feats []*item
	for _, f := range p.features {
		if f.rel == r && exists(f) {
			feats = append(feats, f)
		}
	}
	var deps []dependency
	// A feature planned at the release planning on the first such
	// feature of another team, neither done.
	var planned []*item
	for _, f := range feats {
		if f.release == r && f != p.late && f.done.IsZero() {
			planned = append(planned, f)
		}
	}
	for i, f := range planned {
		if i == 0 || f.team == planned[0].team {
			continue
		}
		if when := s2Meeting(f.created); when.Before(b.now) {
			deps = append(deps, dependency{from: f, to: planned[0], at: when, note: fmt.Sprintf("%s builds on the %s", f.title, planned[0].object)})
		}
		break
	}
	// Stories on stories of other teams, of the same feature first, each
	// story in one dependency at most: two resolved, three planned badly
	// and three planned well at most.
	var resolved, red, green []dependency
	full := func() bool { return len(resolved) == 2 && len(red) == 3 && len(green) == 3 }
	used := map[*item]bool{}
	consider := func(x, y *item) {
		if x.team == y.team || x == b.decided || y == b.decided || used[x] || used[y] || !exists(x) || !exists(y) || x.rel != r || y.rel != r {
			return
		}
		when := s2Meeting(later(x.created, y.created))
		if !when.Before(b.now) {
			return
		}
		d := dependency{from: x, to: y, at: when, note: fmt.Sprintf("%s needs %q of %s first", x.team.rec.Name, y.title, y.team.rec.Name)}
		switch {
		case !y.done.IsZero():
			d.resolved = s2Meeting(y.done)
			if y.done.Before(when) || !x.done.IsZero() && x.done.Before(y.done) || !d.resolved.Before(b.now) || len(resolved) == 2 {
				return
			}
			resolved = append(resolved, d)
		case !x.done.IsZero():
			return
		case x.in != nil && (y.in == nil || !x.in.start.After(y.in.start)):
			if len(red) == 3 {
				return
			}
			red = append(red, d)
		default:
			if len(green) == 3 {
				return
			}
			green = append(green, d)
		}
		used[x], used[y] = true, true
	}
	for _, f := range feats {
		for i, x := range f.children {
			for _, y := range f.children[:i] {
				consider(x, y)
			}
		}
	}
	for i, fx := range feats {
		for _, fy := range feats[:i] {
			if full() {
				break
			}
			for _, x := range fx.children {
				for _, y := range fy.children {
					consider(x, y)
				}
			}
		}
	}
	deps = slices.Concat(deps, resolved, red, green)
	slices.SortStableFunc(deps, func(x, y dependency) int { return x.at.Compare(y.at) })
	p.deps = deps
	for i, d := range deps {
		rec := &radiator.Dependency{}
		b.must(d.at.Add(time.Duration(i)*time.Minute), p.csm, fmt.Sprintf("record that %s depends on %s", d.from.title, d.to.title),
			func(ctx context.Context, s radiator.Store) error {
				*rec = radiator.Dependency{ProductID: p.rec.ID, ItemID: d.from.id, DependsOnID: d.to.id, Note: d.note, State: radiator.DependencyOpen}
				return s.CreateDependency(ctx, rec)
			})
		if d.resolved.IsZero() {
			continue
		}
		b.must(d.resolved.Add(time.Duration(i)*time.Minute), p.csm, fmt.Sprintf("resolve the dependency of %s on %s", d.from.title, d.to.title),
			func(ctx context.Context, s radiator.Store) error {
				_, err := s.UpdateDependency(ctx, rec.ID, radiator.DependencyUpdate{Version: rec.Version, State: ptr(radiator.DependencyResolved)})
				return err
			})
	}
}

// planDecision has the Scrum of Scrums of the first product that can
// decide so move a story of the release in progress from a team that is
// behind (or nearly), by the unfinished points of its stories against its
// velocity in the sprints left, to a team with slack, at the first meeting
// after the first team's last refinement: a story that it has not started,
// in its backlog or lined up for its next sprint with others. The ready
// work of both teams stays between one and a half and three sprints.
func (b *builder) planDecision() {
	today := radiator.DateOf(b.now)
	for _, p := range b.prods {
		r := p.releases[2]
		left := float64(today.DaysUntil(r.date)) / 14
		if len(p.teams) < 2 || left <= 0 {
			continue
		}
		load := map[*team]float64{}
		ready := map[*team]float64{}
		for _, it := range p.items {
			if it.kind != radiator.KindStory || it.team == nil || !it.done.IsZero() || it.created.IsZero() || !it.created.Before(b.now) {
				continue
			}
			if it.rel == r {
				load[it.team] += it.estimate
			}
			if it.in == nil && !it.readyAt.IsZero() && it.readyAt.Before(b.now) && it.started.IsZero() {
				ready[it.team] += it.estimate
			}
		}
		ratio := func(t *team) float64 { return load[t] / (velocity(t) * left) }
		teams := slices.Clone(p.teams)
		slices.SortStableFunc(teams, func(x, y *team) int { return cmp.Compare(ratio(x), ratio(y)) })
		for fi := len(teams) - 1; fi > 0 && ratio(teams[fi]) > 0.75; fi-- {
			if b.decide(p, r, teams[fi], teams[:fi], ratio, ready, load[teams[fi]], left) {
				return
			}
		}
	}
}

// velocity is what the team finished in its last three sprints, on
// average: what it plans by.
func velocity(t *team) float64 {
	active := len(t.sprints) - 2
	var v float64
	for _, sp := range t.sprints[active-radiator.VelocityWindow : active] {
		v += sp.completed / radiator.VelocityWindow
	}
	return v
}

// decide has the Scrum of Scrums move a story from a team that is behind
// to one of those before it, as planDecision says, and reports whether it
// found one to move. ratio is a team's load against its capacity, ready
// its ready work in points; from has load points left for left sprints.
func (b *builder) decide(p *product, r *release, from *team, others []*team, ratio func(*team) float64, ready map[*team]float64, load, left float64) bool {
	next := from.sprints[len(from.sprints)-1]
	lined := 0
	for _, it := range from.queue {
		if it.in == next {
			lined++
		}
	}
	for _, f := range p.features {
		for _, st := range f.children {
			refined := !st.readyAt.IsZero() && st.readyAt.Before(b.now)
			if st.team != from || st.rel != r || !st.started.IsZero() || st.created.IsZero() || !st.created.Before(b.now) ||
				st.in == nil && refined && (ready[from]-st.estimate)/velocity(from) < 1.6 || st.in != nil && (st.in != next || lined < 2) {
				continue
			}
			when := s2Meeting(later(from.refinement, st.created).Add(time.Hour))
			if !when.Before(b.now) {
				when = later(from.refinement, st.created).Add(2 * time.Hour)
			}
			if !when.Add(10 * time.Minute).Before(b.now) {
				continue
			}
			for _, to := range others {
				if ratio(to) >= 1 || ratio(to) > ratio(from)-0.25 || refined && (ready[to]+st.estimate)/velocity(to) > 2.9 {
					continue
				}
				reason := fmt.Sprintf("%s has %v points of %s left for %.1f sprints at a velocity of %.0f; %s has room for %q.",
					from.rec.Name, load, r.name, left, velocity(from), to.rec.Name, st.title)
				b.must(when, p.cpo, fmt.Sprintf("decide to move %s from %s to %s", st.title, from.rec.Name, to.rec.Name), func(ctx context.Context, s radiator.Store) error {
					err := s.ApplyDecision(ctx, &radiator.Decision{ReleaseID: r.id, Reason: reason,
						Change: radiator.WhatIf{Kind: radiator.WhatIfMoveStory, ItemID: st.id, TeamID: to.rec.ID}})
					if err != nil {
						return err
					}
					rec, err := s.FindBacklogItemByID(ctx, st.id)
					if err != nil {
						return err
					}
					st.version = rec.Version
					return nil
				})
				// The team that takes a refined story checks it against
				// its own definition of ready.
				if refined && slices.ContainsFunc(to.rec.DefinitionOfReady, func(c string) bool { return !slices.Contains(from.rec.DefinitionOfReady, c) }) {
					b.must(when.Add(10*time.Minute), to.po, "check "+st.title+" against the definition of ready of "+to.rec.Name,
						b.updateItem(st, func(u *radiator.BacklogItemUpdate) { u.ReadyChecks = &to.rec.DefinitionOfReady }))
				}
				b.decided = st
				return true
			}
		}
	}
	return false
}

// checkItem names an item of a release's readiness checklist: a standard
// one by its part, one the Scrum of Scrums added by its title too.
type checkItem struct{ part, title string }

// updateReadiness updates an item of the release's checklist.
func (b *builder) updateReadiness(r *release, c checkItem, upd func(*radiator.ReadinessItemUpdate)) func(context.Context, radiator.Store) error {
	return func(ctx context.Context, s radiator.Store) error {
		items, err := s.FindReadinessItems(ctx, r.id)
		if err != nil {
			return err
		}
		for _, it := range items {
			if it.Part == c.part && (c.title == "" || it.Title == c.title) {
				u := radiator.ReadinessItemUpdate{Version: it.Version}
				upd(&u)
				_, err := s.UpdateReadinessItem(ctx, it.ID, u)
				return err
			}
		}
		return fmt.Errorf("no readiness item %q of part %s in %s", c.title, c.part, r.name)
	}
}

// takeCheck has who own an item of the checklist and start on it.
func takeCheck(who *person, evidence string) func(*radiator.ReadinessItemUpdate) {
	return func(u *radiator.ReadinessItemUpdate) {
		u.OwnerID = radiator.SetTo(who.id)
		u.State = ptr(radiator.ReadinessInProgress)
		if evidence != "" {
			u.Evidence = &evidence
		}
	}
}

// finishCheck marks an item of the checklist done, with its evidence.
func finishCheck(evidence string) func(*radiator.ReadinessItemUpdate) {
	return func(u *radiator.ReadinessItemUpdate) {
		u.State = ptr(radiator.ReadinessDone)
		u.Evidence = &evidence
	}
}

// slug names a release in links: "mail-8.4".
func slug(r *release) string {
	return strings.ReplaceAll(strings.ToLower(r.name), " ", "-")
}

// planReadiness plans the work through a regular release's readiness
// checklist, which the store gives it: for a shipped release the testers
// and operations people take the items in the hardening week and finish
// them with their evidence before the release, except for one release of
// the organisation, which ships with its operational review open and a
// reason, returned. For the release in progress the integration testing
// and the operational review are under way, a security review the Scrum
// of Scrums added is done and the rest is open.
func (b *builder) planReadiness(p *product, r *release) string {
	integration, regression := checkItem{part: radiator.PartIntegration}, checkItem{part: radiator.PartRegression}
	ops, deploy := checkItem{part: radiator.PartOperations}, checkItem{part: radiator.PartDeployment}
	tester, tester2 := p.testers[0], p.testers[len(p.testers)-1]
	op, op2 := p.ops[0], p.ops[len(p.ops)-1]
	d := r.date
	if d.Before(radiator.DateOf(b.now)) {
		run := 1000 + b.rng.IntN(9000)
		b.must(at(addWorkdays(d, -5), 9, 30), tester, "take integration testing of "+r.name, b.updateReadiness(r, integration, takeCheck(tester, "")))
		b.must(at(addWorkdays(d, -4), 10, 0), op, "take operational readiness of "+r.name, b.updateReadiness(r, ops, takeCheck(op, "")))
		b.must(at(addWorkdays(d, -3), 15, 0), tester, "finish integration testing of "+r.name, b.updateReadiness(r, integration, finishCheck(
			fmt.Sprintf("https://ci.%s/%s/integration/%d: every team's suites green on the release candidate", domain, slug(r), run))))
		b.must(at(addWorkdays(d, -3), 15, 30), tester2, "take regression testing of "+r.name, b.updateReadiness(r, regression, takeCheck(tester2, "")))
		b.must(at(addWorkdays(d, -2), 11, 0), op2, "take deployment of "+r.name, b.updateReadiness(r, deploy, takeCheck(op2, "")))
		b.must(at(addWorkdays(d, -1), 12, 0), tester2, "finish regression testing of "+r.name, b.updateReadiness(r, regression, finishCheck(
			fmt.Sprintf("https://ci.%s/%s/regression/%d: %d tests passed, none failed", domain, slug(r), run+7, 1800+b.rng.IntN(900)))))
		b.must(at(addWorkdays(d, -1), 16, 0), op2, "finish deployment of "+r.name, b.updateReadiness(r, deploy, finishCheck(
			fmt.Sprintf("Rehearsed on staging: deployed in %d minutes, rolled back in %d. Plan: https://wiki.%s/releases/%s/deploy",
				10+b.rng.IntN(15), 4+b.rng.IntN(6), domain, slug(r)))))
		if p == b.prods[len(b.prods)-1] && r.idx == 1 {
			return "The date is promised to customers at their conference; the capacity review of the new features is booked for the week after, with operations on call."
		}
		b.must(at(addWorkdays(d, -1), 14, 0), op, "finish operational readiness of "+r.name, b.updateReadiness(r, ops, finishCheck(
			fmt.Sprintf("Runbooks and dashboards of the new features reviewed, capacity checked for the launch week: https://wiki.%s/ops/%s", domain, slug(r)))))
		return ""
	}
	if r.idx != 2 {
		return ""
	}
	prev := p.releases[r.idx-1]
	planning := radiator.DateOf(r.created)
	b.must(at(planning, 14, 0), p.csm, "give the readiness checklist of "+r.name+" its owners", func(ctx context.Context, s radiator.Store) error {
		for _, c := range []struct {
			check checkItem
			who   *person
		}{{integration, tester}, {regression, tester2}, {ops, op}, {deploy, op2}} {
			if err := b.updateReadiness(r, c.check, func(u *radiator.ReadinessItemUpdate) { u.OwnerID = radiator.SetTo(c.who.id) })(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	security := checkItem{radiator.PartOther, "Security review of the new data flows"}
	notes := checkItem{radiator.PartOther, "Release notes drafted with customer success"}
	b.must(at(addWorkdays(prev.date, 1), 14, 0), p.csm, "add checks to the readiness checklist of "+r.name, func(ctx context.Context, s radiator.Store) error {
		for _, it := range []*radiator.ReadinessItem{
			{ReleaseID: r.id, Part: security.part, Title: security.title, OwnerID: &op.id, State: radiator.ReadinessOpen, Required: true},
			{ReleaseID: r.id, Part: notes.part, Title: notes.title, OwnerID: &p.cpo.id, State: radiator.ReadinessOpen},
		} {
			if err := s.CreateReadinessItem(ctx, it); err != nil {
				return err
			}
		}
		return nil
	})
	b.must(at(addWorkdays(prev.date, 2), 10, 0), tester, "start integration testing of "+r.name, b.updateReadiness(r, integration, takeCheck(tester,
		fmt.Sprintf("Nightly integration runs of every team's work on staging: https://ci.%s/%s/integration", domain, slug(r)))))
	b.must(at(addWorkdays(prev.date, 3), 11, 0), op, "start operational readiness of "+r.name, b.updateReadiness(r, ops, takeCheck(op,
		"Capacity review booked for the hardening week; runbooks of the first features drafted.")))
	b.must(at(addWorkdays(prev.date, 6), 15, 0), op, "finish the security review of "+r.name, b.updateReadiness(r, security, finishCheck(
		fmt.Sprintf("Threat model reviewed with the teams, no findings above low: https://wiki.%s/security/%s", domain, slug(r)))))
	return ""
}

// planOpenHotfix plans the hot fix in progress: operations reported a
// fault of the last release on the last working day before today (or on
// the first afternoon of the sprint); a team reproduced it in its active
// sprint and is fixing it, another adds an alert for it, and the fix ships
// in two working days. The testers have started the regression testing.
func (b *builder) planOpenHotfix(p *product) {
	shipped := p.releases[1]
	t := p.teams[b.rng.IntN(len(p.teams))]
	other := p.teams[(slices.Index(p.teams, t)+1)%len(p.teams)]
	active := t.sprints[len(t.sprints)-2]
	today := radiator.DateOf(b.now)
	when := at(active.start, 13, 0)
	for d := today.AddDays(-1); d.After(active.start); d = d.AddDays(-1) {
		if !weekend(d) {
			when = at(d, 9, 30)
			break
		}
	}
	var bug string
	first := b.rng.IntN(len(p.spec.bugs))
	for i := range p.spec.bugs {
		bug = p.spec.bugs[(first+i)%len(p.spec.bugs)]
		if !slices.ContainsFunc(p.hotfixes, func(h *release) bool { return strings.Contains(h.goal, strings.TrimPrefix(bug, "Hot-fix: ")) }) {
			break
		}
	}
	summary := strings.TrimPrefix(bug, "Hot-fix: ")
	n := 1
	for _, h := range p.hotfixes {
		if strings.HasPrefix(h.name, shipped.name+".") {
			n++
		}
	}
	hf := &release{product: p, idx: -1, name: fmt.Sprintf("%s.%d", shipped.name, n), kind: radiator.ReleaseHotfix,
		date: addWorkdays(today, 2), goal: "Fix in production: " + summary + ".", created: when}
	p.hotfixes = append(p.hotfixes, hf)
	b.must(hf.created, p.csm, "create release "+hf.name, b.createRelease(hf, radiator.PhaseSprinting))
	f := &item{product: p, kind: radiator.KindFeature, title: bug, team: t, release: hf, rel: hf, state: radiator.StateInProgress,
		estimate: 1, key: [4]int{1, len(p.hotfixes)}, created: when.Add(20 * time.Minute),
		labels: []string{"bug", "hot-fix"}, criteria: "- Fixed in production\n- No customer reports of it for a week", early: true}
	b.must(f.created, p.cpo, "create feature "+f.title, b.createItem(f))
	p.items = append(p.items, f)
	object := strings.ToLower(summary[:1]) + summary[1:]
	steps := []struct {
		title  string
		team   *team
		points float64
	}{
		{"Reproduce: " + summary, t, 2},
		{"Fix and verify on staging: " + summary, t, 3},
		{"Alert on: " + summary, other, 1},
	}
	var sts []*item
	for i, s := range steps {
		sp := s.team.sprints[len(s.team.sprints)-2]
		st := &item{product: p, kind: radiator.KindStory, title: s.title, parent: f, team: s.team, release: hf, rel: hf, sprint: sp, in: sp,
			state: radiator.StateReady, estimate: s.points, key: [4]int{1, len(p.hotfixes), 1 + i},
			created: f.created.Add(time.Duration(i+1) * 10 * time.Minute),
			labels:  []string{"bug", "hot-fix"}, criteria: b.criteria(hotfixCriteria, object)}
		b.must(st.created, s.team.po, "create story "+st.title, b.createItem(st))
		p.items = append(p.items, st)
		f.children = append(f.children, st)
		sp.hotfixes = append(sp.hotfixes, st)
		sts = append(sts, st)
	}
	one, two := t.members[0], t.members[1%len(t.members)]
	reproduced := when.Add(3 * time.Hour)
	b.must(when.Add(time.Hour), one, "start "+sts[0].title, b.updateItem(sts[0], take(t, one)))
	b.must(reproduced, one, "finish "+sts[0].title, b.updateItem(sts[0], move(t, "done", radiator.StateDone)))
	b.must(reproduced.Add(15*time.Minute), two, "start "+sts[1].title, b.updateItem(sts[1], take(t, two)))
	tester, op := p.testers[0], p.ops[0]
	b.must(when.Add(90*time.Minute), op, "take deployment of "+hf.name, b.updateReadiness(hf, checkItem{part: radiator.PartDeployment}, func(u *radiator.ReadinessItemUpdate) {
		u.OwnerID = radiator.SetTo(op.id)
	}))
	b.must(reproduced.Add(30*time.Minute), tester, "start regression testing of "+hf.name, b.updateReadiness(hf, checkItem{part: radiator.PartRegression}, takeCheck(tester,
		fmt.Sprintf("The failing test of the fault is in the regression suite: https://ci.%s/%s/regression", domain, slug(hf)))))
}

// planHotfixReadiness finishes a shipped hot fix's checklist on its day:
// regression testing, then the deployment.
func (b *builder) planHotfixReadiness(p *product, hf *release) {
	tester, op := p.testers[0], p.ops[0]
	regression, deploy := checkItem{part: radiator.PartRegression}, checkItem{part: radiator.PartDeployment}
	b.must(at(hf.date, 9, 30), tester, "take regression testing of "+hf.name, b.updateReadiness(hf, regression, takeCheck(tester, "")))
	b.must(at(hf.date, 11, 30), tester, "finish regression testing of "+hf.name, b.updateReadiness(hf, regression, finishCheck(
		fmt.Sprintf("https://ci.%s/%s/regression/%d: all green, the new test of the fault included", domain, slug(hf), 1000+b.rng.IntN(9000)))))
	b.must(at(hf.date, 12, 0), op, "take deployment of "+hf.name, b.updateReadiness(hf, deploy, takeCheck(op, "")))
	b.must(at(hf.date, 13, 30), op, "finish deployment of "+hf.name, b.updateReadiness(hf, deploy, finishCheck(
		"Canary on 5% of accounts for an hour, then everywhere; rollback plan as for the release.")))
}
