package demo

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// Working hours in a sprint: ten working days of eight hours, less the
// morning of the first, which goes to sprint planning.
const (
	dayHours    = 8
	sprintHours = 10*dayHours - 2
)

// simulate plays the team's sprints: each is created when the one before
// it is planned, planned on its first morning with the carried-over and the
// top stories of the backlog, worked by the members one story at a time,
// and closed on the next sprint's first morning. Unfinished stories mostly
// carry over; some go back to the backlog. The sprint that contains today
// is played up to now, and the next one is only prepared.
func (b *builder) simulate(t *team) {
	queue := slices.Clone(t.queue)
	var carried []*item
	active := len(t.sprints) - 2
	for k := 0; k <= active; k++ {
		sp := t.sprints[k]
		if k > 0 {
			prev := t.sprints[k-1]
			b.must(prev.planning.Add(2*time.Hour), t.sm, "create "+sp.name+" of "+t.rec.Name, b.createSprint(sp))
			b.must(at(sp.start, 9, 15), t.sm, "close "+prev.name+" of "+t.rec.Name, b.updateSprint(prev, func(u *radiator.SprintUpdate) {
				u.State = ptr(radiator.SprintClosed)
			}))
		}
		plan := carried
		carried = nil
		var pts float64
		for _, st := range plan {
			pts += st.estimate
		}
		target := t.velocity * (0.85 + 0.25*b.rng.Float64())
		for pts < target && len(queue) > 0 && pullable(queue[0], sp.planning) {
			st := queue[0]
			queue = queue[1:]
			b.prepare(st, sp.planning)
			plan = append(plan, st)
			pts += st.estimate
		}
		// Upkeep fills a sprint the features cannot, and now and then
		// gets a slot of its own.
		for n := 0; n < 3 && (pts < 0.8*target || (n == 0 && b.rng.IntN(4) == 0)); n++ {
			c := b.newChore(t, sp.planning)
			plan = append(plan, c)
			pts += c.estimate
		}
		for i, st := range plan {
			b.maybe(sp.planning.Add(time.Duration(i)*30*time.Second), t.sm, "plan "+st.title+" into "+sp.name,
				b.updateItem(st, setSprint(sp)))
		}
		sp.goal = b.sprintGoal(t, sp, plan, queue)
		b.must(sp.planning.Add(45*time.Minute), t.sm, "start "+sp.name+" of "+t.rec.Name, b.updateSprint(sp, func(u *radiator.SprintUpdate) {
			u.State = ptr(radiator.SprintActive)
			u.Goal = &sp.goal
		}))
		unfinished := b.work(t, sp, plan)
		if k == active {
			break
		}
		closing := at(t.sprints[k+1].start, 9, 16)
		var back []*item
		for i, st := range unfinished {
			keep := 0.5
			if st.begun {
				keep = 0.85
			}
			if b.rng.Float64() < keep {
				carried = append(carried, st)
				continue
			}
			back = append(back, st)
			b.maybe(closing.Add(time.Duration(i)*10*time.Second), t.sm, "return "+st.title+" to the backlog", b.updateItem(st, func(u *radiator.BacklogItemUpdate) {
				u.SprintID = radiator.SetNull[int64]()
				u.State = ptr(radiator.StateReady)
			}))
		}
		queue = append(back, queue...)
	}
	// The next sprint is created after the active one is planned; in
	// the refinement before it starts the Product Owner lines up its
	// first stories.
	cur, next := t.sprints[active], t.sprints[active+1]
	b.must(cur.planning.Add(2*time.Hour), t.sm, "create "+next.name+" of "+t.rec.Name, b.createSprint(next))
	refinement := at(addWorkdays(next.start, -3), 14, 30)
	var plan []*item
	var pts float64
	for pts < 0.6*t.velocity && len(queue) > 0 && pullable(queue[0], next.planning) {
		st := queue[0]
		queue = queue[1:]
		b.prepare(st, next.planning)
		plan = append(plan, st)
		pts += st.estimate
	}
	for i, st := range plan {
		when := later(refinement, st.readyAt.Add(time.Minute)).Add(time.Duration(i) * 30 * time.Second)
		b.maybe(when, t.po, "line up "+st.title+" for "+next.name, b.updateItem(st, setSprint(next)))
	}
	if len(plan) > 0 {
		next.goal = b.sprintGoal(t, next, plan, queue)
		b.maybe(refinement.Add(45*time.Minute), t.po, "draft goal of "+next.name, b.updateSprint(next, func(u *radiator.SprintUpdate) {
			u.Goal = &next.goal
		}))
	}
}

func ptr[T any](v T) *T { return &v }

func setSprint(sp *sprint) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) { u.SprintID = radiator.SetTo(sp.id) }
}

// pullable reports whether a story can be planned at the moment: its
// feature must have been in the backlog for a while.
func pullable(st *item, planning time.Time) bool {
	return st.parent == nil || !st.parent.created.Add(3*time.Hour).After(planning)
}

// prepare gets a story ready for the sprint planned at the moment
// planning: the Product Owner breaks its feature down into stories in the
// refinement two weeks before, and the team estimates it in the refinement
// three days before.
func (b *builder) prepare(st *item, planning time.Time) {
	t := st.team
	day := radiator.DateOf(planning)
	if f := st.parent; st.created.IsZero() && f != nil {
		c := later(at(addWorkdays(day, -8), 11, 0), f.created.Add(time.Hour))
		for i, s := range f.children {
			if s.created.IsZero() {
				s.created = c.Add(time.Duration(i) * 20 * time.Second)
				b.maybe(s.created, t.po, "create story "+s.title, b.createItem(s))
			}
		}
	}
	if st.readyAt.IsZero() {
		st.readyAt = later(at(addWorkdays(day, -3), 14, 0), st.created.Add(30*time.Minute))
		b.maybe(st.readyAt, t.sm, "refine "+st.title, b.updateItem(st, func(u *radiator.BacklogItemUpdate) {
			u.State = ptr(radiator.StateReady)
			u.Estimate = radiator.SetTo(st.estimate)
		}))
	}
}

// newChore adds a story of upkeep to the team's backlog before the sprint
// planned at the moment planning.
func (b *builder) newChore(t *team, planning time.Time) *item {
	p := t.product
	c := &item{product: p, kind: radiator.KindStory, title: chores[b.rng.IntN(len(chores))], team: t,
		state: radiator.StateNew, estimate: []float64{1, 2, 3}[b.rng.IntN(3)], key: [4]int{3, b.choreNext}}
	b.choreNext++
	c.created = later(at(addWorkdays(radiator.DateOf(planning), -3), 13, 0), b.setupEnd)
	b.maybe(c.created, t.sm, "create chore "+c.title, b.createItem(c))
	b.prepare(c, planning)
	p.items = append(p.items, c)
	return c
}

// work plays a sprint: the next story of the plan goes to the members
// free first (two of them swarm on a 5 or 8, three on a 13), who work it
// until done or until their hours run out; some members are away for a few
// days. It returns the stories not done by the end.
func (b *builder) work(t *team, sp *sprint, plan []*item) []*item {
	free := make([]float64, len(t.members))
	limit := make([]float64, len(t.members))
	for j := range limit {
		limit[j] = sprintHours
		if b.rng.Float64() < 0.12 {
			limit[j] -= float64(dayHours * (1 + b.rng.IntN(5)))
		}
	}
	var unfinished []*item
	for _, st := range plan {
		crew := b.crew(free, limit, swarm(st.estimate))
		if len(crew) == 0 {
			unfinished = append(unfinished, st)
			continue
		}
		who := t.members[crew[0]]
		begin, stop := 0.0, sprintHours+0.0
		for _, j := range crew {
			begin = max(begin, free[j])
			stop = min(stop, limit[j])
		}
		if !st.begun {
			st.begun = true
			st.remaining = st.estimate * t.hpp * (0.75 + 0.6*b.rng.Float64())
		}
		start := workTime(sp, begin)
		if st.started.IsZero() && b.maybe(start, who, "start "+st.title, b.updateItem(st, setState(radiator.StateInProgress))) {
			st.started = start
		}
		end := begin + st.remaining/float64(len(crew))
		if end > stop {
			st.remaining = (end - stop) * float64(len(crew))
			for _, j := range crew {
				free[j] = max(free[j], stop)
			}
			unfinished = append(unfinished, st)
			continue
		}
		st.remaining = 0
		for _, j := range crew {
			free[j] = end
		}
		finish := workTime(sp, end)
		if !finish.After(start) {
			finish = start.Add(time.Minute)
		}
		if b.maybe(finish, who, "finish "+st.title, b.updateItem(st, setState(radiator.StateDone))) {
			st.done = finish
		}
	}
	return unfinished
}

// swarm is how many people work a story of the given points together.
func swarm(points float64) int {
	switch {
	case points >= 13:
		return 3
	case points >= 5:
		return 2
	}
	return 1
}

// crew returns up to n members with hours left, those free first.
func (b *builder) crew(free, limit []float64, n int) []int {
	var idle []int
	for j := range free {
		if free[j] < limit[j] {
			idle = append(idle, j)
		}
	}
	slices.SortStableFunc(idle, func(x, y int) int { return cmp.Compare(free[x], free[y]) })
	return idle[:min(n, len(idle))]
}

// workTime returns the moment the team has worked h hours into the sprint.
func workTime(sp *sprint, h float64) time.Time {
	h += 10*dayHours - sprintHours
	day := int(h / dayHours)
	if day > 9 {
		day = 9
	}
	within := h - float64(day*dayHours)
	return at(addWorkdays(sp.start, day), 9, 0).Add(time.Duration(within * float64(time.Hour))).Truncate(time.Minute)
}

// sprintGoal words the goal of a sprint from the features most of its
// stories belong to, and from the release it leads up to.
func (b *builder) sprintGoal(t *team, sp *sprint, plan, queue []*item) string {
	var feats []*item
	var pts []float64
	for _, st := range plan {
		if st.parent == nil {
			continue
		}
		i := slices.Index(feats, st.parent)
		if i < 0 {
			feats = append(feats, st.parent)
			pts = append(pts, 0)
			i = len(feats) - 1
		}
		pts[i] += st.estimate
	}
	if len(feats) == 0 {
		return "Pay down technical debt and keep the pipeline green"
	}
	main := 0
	for i := range feats {
		if pts[i] > pts[main] {
			main = i
		}
	}
	first := "the " + feats[main].object
	second := ""
	for _, f := range feats {
		if f != feats[main] {
			second = "the " + f.object
			break
		}
	}
	if second == "" && len(queue) > 0 && queue[0].parent != nil && queue[0].parent != feats[main] {
		second = "the " + queue[0].parent.object
	}
	for _, r := range t.product.releases {
		if !r.date.Before(sp.end) && sp.end.DaysUntil(r.date) <= 10 {
			return fmt.Sprintf("Harden %s: finish %s and fix what regression testing finds", r.name, first)
		}
	}
	if second == "" {
		return fmt.Sprintf("Get %s ready for beta customers", first)
	}
	return fmt.Sprintf(sprintGoals[b.rng.IntN(len(sprintGoals))], first, second)
}

// planFeatureStates moves features and initiatives along with their
// stories, and moves features not done three days before their release's
// date to the next release: the scope adjustment the chapter describes.
func (b *builder) planFeatureStates(p *product) {
	for _, f := range p.features {
		var first, last time.Time
		all := true
		for _, st := range f.children {
			if !st.started.IsZero() && (first.IsZero() || st.started.Before(first)) {
				first = st.started
			}
			if st.done.IsZero() {
				all = false
			} else if st.done.After(last) {
				last = st.done
			}
		}
		po := f.team.po
		if f.state == radiator.StateNew {
			ready := at(p.releases[f.release.idx-1].date.AddDays(1), 10, 5)
			if !first.IsZero() && first.Add(-time.Hour).Before(ready) {
				ready = first.Add(-time.Hour)
			}
			ready = later(ready, f.created.Add(5*time.Minute))
			b.maybe(ready, p.cpo, "commit feature "+f.title, b.updateItem(f, setState(radiator.StateReady)))
		}
		if !first.IsZero() && b.maybe(first.Add(5*time.Minute), po, "start feature "+f.title, b.updateItem(f, setState(radiator.StateInProgress))) {
			f.started = first.Add(5 * time.Minute)
		}
		if all && b.maybe(last.Add(30*time.Minute), po, "finish feature "+f.title, b.updateItem(f, setState(radiator.StateDone))) {
			f.done = last.Add(30 * time.Minute)
		}
		for r := f.release; r.idx < len(p.releases)-1; {
			freeze := at(r.date.AddDays(-3), 16, 0)
			if !f.done.IsZero() && f.done.Before(freeze) {
				break
			}
			next := p.releases[r.idx+1]
			b.must(freeze, p.cpo, "move "+f.title+" to "+next.name, b.updateItem(f, setRelease(next)))
			for i, st := range f.children {
				switch {
				case st.created.IsZero():
				case !st.created.Before(freeze):
					st.release = next
				case st.done.IsZero() || st.done.After(freeze):
					b.must(freeze.Add(time.Duration(i+1)*10*time.Second), po, "move "+st.title+" to "+next.name, b.updateItem(st, setRelease(next)))
				}
			}
			r = next
		}
	}
	vp := b.leaders[1]
	for _, in := range p.initiatives {
		var first, last time.Time
		all := len(in.children) > 0
		for _, f := range in.children {
			if !f.started.IsZero() && (first.IsZero() || f.started.Before(first)) {
				first = f.started
			}
			if f.done.IsZero() {
				all = false
			} else if f.done.After(last) {
				last = f.done
			}
		}
		if !first.IsZero() {
			b.maybe(later(first, in.created).Add(time.Hour), vp, "start initiative "+in.title, b.updateItem(in, setState(radiator.StateInProgress)))
		}
		if all {
			b.maybe(at(radiator.DateOf(last).AddDays(1), 10, 0), vp, "finish initiative "+in.title, b.updateItem(in, setState(radiator.StateDone)))
		}
	}
}

func setRelease(r *release) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) { u.ReleaseID = radiator.SetTo(r.id) }
}

// planHotfixes plans the hot-fix releases that follow some regular
// releases: operations and the Chief Scrum Master ship a fix a week or so
// after the release, worked by one team inside its sprint.
func (b *builder) planHotfixes(p *product) {
	for ri, r := range p.releases[:len(p.releases)-1] {
		// The first product always had one: a hot-fix stream is what
		// the chapter's Scrum of Scrums watches besides the release.
		if !(p == b.prods[0] && ri == 0) && b.rng.Float64() >= 0.35 {
			continue
		}
		date := r.date.AddDays(5 + b.rng.IntN(5))
		for weekend(date) {
			date = date.AddDays(1)
		}
		bug := p.spec.bugs[(ri+b.rng.IntN(len(p.spec.bugs)))%len(p.spec.bugs)]
		summary := strings.TrimPrefix(bug, "Hot-fix: ")
		hf := &release{product: p, idx: -1, name: r.name + ".1", kind: radiator.ReleaseHotfix, date: date,
			goal: "Fix in production: " + summary + "."}
		hf.created = at(addWorkdays(r.date, 2), 9, 30)
		p.hotfixes = append(p.hotfixes, hf)
		b.must(hf.created, p.csm, "create release "+hf.name, b.createRelease(hf, radiator.PhaseHardening))
		b.must(at(date, 15, 0), p.ops[0], "release "+hf.name, b.updateRelease(hf, radiator.PhaseReleased))

		t := p.teams[b.rng.IntN(len(p.teams))]
		var sp *sprint
		day := radiator.DateOf(hf.created)
		for _, s := range t.sprints {
			if !day.Before(s.start) && !day.After(s.end) {
				sp = s
			}
		}
		f := &item{product: p, kind: radiator.KindFeature, title: bug, team: t, release: hf, state: radiator.StateInProgress,
			estimate: 1, key: [4]int{1, len(p.hotfixes)}, created: hf.created.Add(20 * time.Minute)}
		b.must(f.created, p.cpo, "create feature "+f.title, b.createItem(f))
		p.items = append(p.items, f)
		steps := []string{"Reproduce: " + summary, "Fix and verify on staging: " + summary}
		moments := []time.Time{f.created.Add(2 * time.Hour), at(addWorkdays(date, -1), 15, 0)}
		start := f.created.Add(40 * time.Minute)
		for i, title := range steps {
			st := &item{product: p, kind: radiator.KindStory, title: title, parent: f, team: t, release: hf, sprint: sp,
				state: radiator.StateReady, estimate: float64(2 + i), key: [4]int{1, len(p.hotfixes), 1 + i},
				created: f.created.Add(time.Duration(i+1) * 10 * time.Minute)}
			who := t.members[i%len(t.members)]
			b.must(st.created, t.po, "create story "+st.title, b.createItem(st))
			b.must(start, who, "start "+st.title, b.updateItem(st, setState(radiator.StateInProgress)))
			b.must(moments[i], who, "finish "+st.title, b.updateItem(st, setState(radiator.StateDone)))
			start = moments[i]
			p.items = append(p.items, st)
		}
		b.must(moments[1].Add(30*time.Minute), p.cpo, "finish feature "+f.title, b.updateItem(f, setState(radiator.StateDone)))
	}
}
