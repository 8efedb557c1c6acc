package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
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

// simulate plays the team's sprints. Each is created when the one before
// it is planned, and planned on its first morning: the Scrum Master closes
// the sprint before, its unfinished stories going into the new one (or, now
// and then, back to the top of the backlog), records who is away, pulls in
// the top stories of the backlog and starts the sprint at ten. The members
// work the stories one at a time; now and then the Product Owner adds a
// story mid-sprint, and a story turning out larger or smaller than thought
// is estimated anew. The sprint that contains today is played up to now;
// after its planning the team refines the backlog ahead and lines up the
// first stories of the next sprint.
func (b *builder) simulate(t *team) {
	queue := slices.Clone(t.queue)
	var carried []*item
	active := len(t.sprints) - 2
	for k := 0; k <= active; k++ {
		sp := t.sprints[k]
		if k > 0 {
			prev := t.sprints[k-1]
			b.must(prev.planning.Add(2*time.Hour), t.sm, "create "+sp.name+" of "+t.rec.Name, b.createSprint(sp))
		}
		hours := b.absences(t, sp, 0.12, 5)
		if len(sp.away) > 0 {
			b.must(at(sp.start, 9, 20), t.sm, "record days off in "+sp.name+" of "+t.rec.Name, b.recordDaysOff(sp))
		}
		plan := carried
		carried = nil
		var pts float64
		for _, st := range plan {
			pts += st.estimate
		}
		var pulled []*item
		// The team plans by yesterday's weather: the points it finished
		// in its last three sprints, once it has them.
		target := t.velocity * (0.85 + 0.2*b.rng.Float64())
		if k >= radiator.VelocityWindow {
			var mean float64
			for _, prev := range t.sprints[k-radiator.VelocityWindow : k] {
				mean += prev.completed / radiator.VelocityWindow
			}
			target = mean * (0.95 + 0.2*b.rng.Float64())
		}
		for pts < target && len(queue) > 0 && pullable(queue[0], sp.planning) {
			st := queue[0]
			queue = queue[1:]
			b.prepare(st, sp.planning, time.Time{})
			pulled = append(pulled, st)
			pts += st.estimate
		}
		// Upkeep fills a sprint the features cannot, and now and then
		// gets a slot of its own.
		for n := 0; n < 3 && (pts < 0.8*target || (n == 0 && b.rng.IntN(4) == 0)); n++ {
			c := b.newChore(t, sp.planning)
			pulled = append(pulled, c)
			pts += c.estimate
		}
		if len(pulled) > 0 {
			b.must(sp.planning.Add(-30*time.Minute), t.sm, "plan "+titles(pulled)+" into "+sp.name+" of "+t.rec.Name, b.planInto(sp, pulled))
		}
		plan = append(plan, pulled...)
		sp.goal = b.sprintGoal(t, sp, plan, queue)
		b.must(sp.planning, t.sm, "start "+sp.name+" of "+t.rec.Name, b.updateSprint(sp, func(u *radiator.SprintUpdate) {
			u.State = ptr(radiator.SprintActive)
			u.Goal = &sp.goal
		}))
		// The Product Owner adds a story mid-sprint, at eleven on one of
		// its middle days: the team starts on it from then.
		if day := 2 + b.rng.IntN(4); b.rng.IntN(4) == 0 && len(queue) > 0 && pullable(queue[0], sp.planning) {
			when := at(addWorkdays(sp.start, day), 11, 0)
			if when.Before(b.now) {
				st := queue[0]
				queue = queue[1:]
				b.prepare(st, sp.planning, time.Time{})
				st.from = float64(day * dayHours)
				st.in = sp
				b.must(when, t.po, "add "+st.title+" to "+sp.name, b.updateItem(st, setSprint(sp)))
				plan = append(plan, st)
			}
		}
		plan, unfinished := b.work(t, sp, plan, hours, &queue)
		for _, st := range plan {
			st.from = 0
		}
		if k == active {
			b.block(t, plan)
			b.topUp(t, sp, plan, &queue)
			break
		}
		for _, st := range plan {
			if !st.done.IsZero() {
				sp.completed += st.estimate
			}
		}
		for _, st := range sp.hotfixes {
			sp.completed += st.estimate
		}
		// Unfinished work mostly goes on in the next sprint; now and
		// then the team hands it back to the Product Owner to rank anew.
		to := radiator.UnfinishedToNext
		next := t.sprints[k+1]
		if b.rng.IntN(5) == 0 {
			to = radiator.UnfinishedToBacklog
			queue = append(slices.Clone(unfinished), queue...)
		} else {
			carried = unfinished
		}
		for _, st := range unfinished {
			st.in = nil
			if to == radiator.UnfinishedToNext {
				st.in = next
			}
		}
		b.must(at(next.start, 9, 0), t.sm, "close "+sp.name+" of "+t.rec.Name+", unfinished to "+to, b.closeSprint(sp, to, unfinished))
	}
	b.lookAhead(t, queue)
}

// lookAhead plays the refinement after the active sprint's planning: the
// team refines ready work for two or three sprints at its velocity,
// estimates a few stories still without acceptance criteria, and the
// Product Owner lines up the first stories of the next sprint, which is
// created after the active one is planned, and records who will be away.
func (b *builder) lookAhead(t *team, queue []*item) {
	active := len(t.sprints) - 2
	cur, next := t.sprints[active], t.sprints[active+1]
	b.must(cur.planning.Add(2*time.Hour), t.sm, "create "+next.name+" of "+t.rec.Name, b.createSprint(next))
	// The refinement is the latest of the sprint's sessions that lies
	// three hours before now: the first day's is at the latest on the
	// evening before today.
	refinement := at(cur.start, 14, 0)
	for _, d := range []int{5, 2} {
		if m := at(addWorkdays(cur.start, d), 14, 0); m.Add(3 * time.Hour).Before(b.now) {
			refinement = m
			break
		}
	}
	t.refinement = refinement
	var velocity float64
	for _, sp := range t.sprints[active-radiator.VelocityWindow : active] {
		velocity += sp.completed / radiator.VelocityWindow
	}
	var plan []*item
	var pts float64
	for pts < 0.6*velocity && len(queue) > 0 && pullable(queue[0], refinement) {
		st := queue[0]
		queue = queue[1:]
		b.prepare(st, next.planning, refinement)
		plan = append(plan, st)
		pts += st.estimate
	}
	if len(plan) > 0 {
		b.must(refinement.Add(time.Hour), t.po, "line up "+titles(plan)+" for "+next.name+" of "+t.rec.Name, b.planInto(next, plan))
		next.goal = b.sprintGoal(t, next, plan, queue)
		b.must(refinement.Add(105*time.Minute), t.po, "draft goal of "+next.name, b.updateSprint(next, func(u *radiator.SprintUpdate) {
			u.Goal = &next.goal
		}))
	}
	b.absences(t, next, 0.2, 3)
	if len(next.away) > 0 {
		b.must(refinement.Add(50*time.Minute), t.sm, "record days off in "+next.name+" of "+t.rec.Name, b.recordDaysOff(next))
	}

	// Ready work beyond the next sprint, for one and a half to two and a
	// half sprints at the velocity of the last three, three at most.
	ready := 0.0
	target := velocity * (1.5 + b.rng.Float64())
	for ready < target && len(queue) > 0 && ready+queue[0].estimate <= 3*velocity && pullable(queue[0], refinement) {
		st := queue[0]
		queue = queue[1:]
		b.prepare(st, next.planning.AddDate(0, 0, 14), refinement)
		ready += st.estimate
	}
	// Below the ready work the backlog holds stories still to refine,
	// those of the next feature at least: refinement flags them. The team
	// estimated a few, but their acceptance criteria are still to be
	// written.
	for i, st := range queue {
		if i == 6 {
			break
		}
		if st.created.IsZero() && st.parent != nil && pullable(st, refinement) {
			b.breakDown(st.parent, t, refinement.Add(-time.Hour))
		}
	}
	n := 0
	for i, st := range queue {
		if n == 3 || i > 10 {
			break
		}
		if st.created.IsZero() || st.early || !st.readyAt.IsZero() || !st.created.Before(refinement) {
			continue
		}
		est, checks := st.estimate, t.rec.DefinitionOfReady[:1]
		b.must(refinement.Add(30*time.Minute+time.Duration(n)*20*time.Second), t.sm, fmt.Sprintf("estimate %s: %v points", st.title, est), b.updateItem(st, func(u *radiator.BacklogItemUpdate) {
			u.Estimate = radiator.SetTo(est)
			u.ReadyChecks = &checks
		}))
		n++
	}
}

func ptr[T any](v T) *T { return &v }

func setSprint(sp *sprint) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) { u.SprintID = radiator.SetTo(sp.id) }
}

// planInto plans stories into a sprint in one bulk edit, as a team does in
// sprint planning; the edit is to happen.
func (b *builder) planInto(sp *sprint, sts []*item) func(context.Context, radiator.Store) error {
	edits := make([]edit, len(sts))
	for i, st := range sts {
		edits[i] = edit{st, setSprint(sp)}
		st.in = sp
	}
	return b.updateItems(&edits)
}

// titles lists the stories' titles, in quotes.
func titles(sts []*item) string {
	q := make([]string, len(sts))
	for i, st := range sts {
		q[i] = strconv.Quote(st.title)
	}
	return strings.Join(q, ", ")
}

// absences draws who of the team is away for a few days of the sprint, each
// member with the chance given and for one day up to most, and returns
// every member's working hours in it.
func (b *builder) absences(t *team, sp *sprint, chance float64, most int) []float64 {
	hours := make([]float64, len(t.members))
	for j, m := range t.members {
		hours[j] = sprintHours
		if b.rng.Float64() < chance {
			days := 1 + b.rng.IntN(most)
			hours[j] -= float64(dayHours * days)
			sp.away = append(sp.away, absence{who: m, days: float64(days)})
		}
	}
	return hours
}

// recordDaysOff records the sprint's absences.
func (b *builder) recordDaysOff(sp *sprint) func(context.Context, radiator.Store) error {
	return b.updateSprint(sp, func(u *radiator.SprintUpdate) {
		off := make([]radiator.DaysOff, len(sp.away))
		for i, a := range sp.away {
			off[i] = radiator.DaysOff{PersonID: a.who.id, Days: a.days}
		}
		u.DaysOff = &off
	})
}

// pullable reports whether a story can be planned at the moment: its
// feature must have been in the backlog for a while.
func pullable(st *item, planning time.Time) bool {
	return st.parent == nil || !st.parent.created.Add(3*time.Hour).After(planning)
}

// prepare gets a story ready for the sprint planned at the moment
// planning: the Product Owner breaks its feature down into stories in the
// refinement two weeks before, and the team refines it (estimate,
// acceptance criteria, the definition of ready ticked off) in the
// refinement three days before. A refinement by, if given, does it all
// by then at the latest.
func (b *builder) prepare(st *item, planning, by time.Time) {
	t := st.team
	day := radiator.DateOf(planning)
	if st.created.IsZero() && st.parent != nil {
		c := later(at(addWorkdays(day, -8), 11, 0), st.parent.created.Add(time.Hour))
		if !by.IsZero() {
			c = earlier(c, by.Add(-time.Hour))
		}
		b.breakDown(st.parent, t, c)
	}
	if !st.readyAt.IsZero() {
		return
	}
	st.readyAt = later(at(addWorkdays(day, -3), 14, 0), st.created.Add(30*time.Minute))
	if !by.IsZero() {
		st.readyAt = earlier(st.readyAt, by)
	}
	est, criteria := st.estimate, st.criteria
	b.refine(t, st.readyAt, st, func(u *radiator.BacklogItemUpdate) {
		u.State = ptr(radiator.StateReady)
		u.Estimate = radiator.SetTo(est)
		u.ReadyChecks = &t.rec.DefinitionOfReady
		if !st.early {
			u.AcceptanceCriteria = &criteria
		}
	})
}

// breakDown has the Product Owner of a team write its stories of a
// feature into the backlog at the moment c, those not written yet. Each
// team breaks down its part of a feature when it gets to it: teams are
// played one after the other, so one team cannot write another's stories.
func (b *builder) breakDown(f *item, t *team, c time.Time) {
	for i, s := range f.children {
		if s.created.IsZero() && s.team == t {
			s.created = c.Add(time.Duration(i) * 20 * time.Second)
			b.maybe(s.created, t.po, "create story "+s.title, b.createItem(s))
		}
	}
}

// session is a refinement session of a team: the stories it makes ready at
// one moment, in one bulk edit.
type session struct {
	team   *team
	action int // the index of its action among the builder's
	edits  []edit
}

// refine adds a story to the team's refinement session at the moment,
// planning the session if it is the first story of it.
func (b *builder) refine(t *team, when time.Time, st *item, upd func(*radiator.BacklogItemUpdate)) {
	key := sessionKey{t, when.UnixNano()}
	s, ok := b.sessions[key]
	if !ok {
		s = &session{team: t, action: len(b.actions)}
		if !b.maybe(when, t.sm, "refine", b.updateItems(&s.edits)) {
			s = nil
		}
		b.sessions[key] = s
		if s != nil {
			b.sessionList = append(b.sessionList, s)
		}
	}
	if s != nil {
		s.edits = append(s.edits, edit{st, upd})
	}
}

// describeSessions names the stories of each refinement session in its
// action, once every story is planned.
func (b *builder) describeSessions() {
	for _, s := range b.sessionList {
		var sts []*item
		for _, e := range s.edits {
			sts = append(sts, e.it)
		}
		b.actions[s.action].what = "refine " + titles(sts) + " in a refinement of " + s.team.rec.Name
	}
}

// newChore adds a story of upkeep to the team's backlog before the sprint
// planned at the moment planning.
func (b *builder) newChore(t *team, planning time.Time) *item {
	p := t.product
	spec := chores[b.rng.IntN(len(chores))]
	c := &item{product: p, kind: radiator.KindStory, title: spec.title, team: t, state: radiator.StateNew,
		estimate: []float64{1, 2, 3}[b.rng.IntN(3)], key: [4]int{3, b.choreNext},
		labels: spec.labels, criteria: b.criteria(spec.criteria, ""), early: true}
	b.choreNext++
	c.created = later(at(addWorkdays(radiator.DateOf(planning), -3), 13, 0), b.setupEnd)
	b.maybe(c.created, t.sm, "create chore "+c.title, b.createItem(c))
	b.prepare(c, planning, time.Time{})
	p.items = append(p.items, c)
	return c
}

// work plays a sprint: the next story of the plan goes to the members
// free first (two of them swarm on a 5 or 8, three on a 13), who work it
// until done or until their hours run out; the first of them takes it.
// When the plan is done and someone has a day or more left, they pull in
// a story of the backlog they can finish, four at most. It returns the
// stories the sprint held, and those not done by its end.
func (b *builder) work(t *team, sp *sprint, plan []*item, hours []float64, queue *[]*item) (held, unfinished []*item) {
	free := make([]float64, len(t.members))
	for i, pulls := 0, 0; ; i++ {
		if i == len(plan) {
			if pulls == 4 {
				break
			}
			st := b.pull(t, sp, free, hours, queue)
			if st == nil {
				break
			}
			pulls++
			plan = append(plan, st)
		}
		if st := plan[i]; !b.workOn(t, sp, st, free, hours) {
			unfinished = append(unfinished, st)
		}
	}
	return plan, unfinished
}

// pull plans a story of the backlog into the sprint when a member who has
// a day or more left runs out of work: the first of the top five that the
// member can finish alone in the time left. It returns the story, nil if
// there was none to pull.
func (b *builder) pull(t *team, sp *sprint, free, hours []float64, queue *[]*item) *item {
	idle := -1
	for j := range free {
		if hours[j]-free[j] >= dayHours && (idle < 0 || free[j] < free[idle]) {
			idle = j
		}
	}
	if idle < 0 {
		return nil
	}
	when := workTime(sp, free[idle])
	if !when.Before(b.now) {
		return nil
	}
	pick := -1
	for i, st := range (*queue)[:min(5, len(*queue))] {
		if st.estimate*t.hpp <= hours[idle]-free[idle] && pullable(st, sp.planning) {
			pick = i
			break
		}
	}
	if pick < 0 {
		return nil
	}
	st := (*queue)[pick]
	*queue = slices.Delete(*queue, pick, pick+1)
	b.prepare(st, sp.planning, time.Time{})
	st.from = free[idle] + 0.25
	st.in = sp
	b.must(when, t.members[idle], "pull "+st.title+" into "+sp.name, b.updateItem(st, setSprint(sp)))
	return st
}

// workOn works a story of the sprint until it is done, or until the
// hours of the members on it run out, and reports whether it is done. A
// story that turns out much larger or smaller than its estimate is
// estimated anew soon after it starts. On a board with columns between in
// progress and done the story passes through them in its last hours.
func (b *builder) workOn(t *team, sp *sprint, st *item, free, hours []float64) bool {
	crew := b.crew(free, hours, swarm(st.estimate))
	if len(crew) == 0 {
		return false
	}
	begin := max(st.from, free[crew[0]])
	if begin >= hours[crew[0]] {
		return false
	}
	who := t.members[crew[0]]
	fresh := !st.begun
	factor := 1.0
	if fresh {
		st.begun = true
		factor = 0.75 + 0.6*b.rng.Float64()
		st.remaining = st.estimate * t.hpp * factor
	}
	start := workTime(sp, begin)
	if st.started.IsZero() && b.maybe(start, who, "start "+st.title, b.updateItem(st, take(t, who))) {
		st.started, st.moved, st.assignee = start, start, who
	}
	end, ok := finish(crew, free, hours, begin, st.remaining)
	if h := begin + 1.5; fresh && h < end-0.5 {
		to := st.estimate
		switch {
		case factor > 1.28:
			to = step(t, st.estimate, 1)
		case factor < 0.79 && st.estimate >= 3:
			to = step(t, st.estimate, -1)
		}
		if to != st.estimate && b.maybe(workTime(sp, h), who, fmt.Sprintf("estimate %s anew: %v points, not %v", st.title, to, st.estimate),
			b.updateItem(st, func(u *radiator.BacklogItemUpdate) { u.Estimate = radiator.SetTo(to) })) {
			st.estimate = to
		}
	}
	for _, j := range crew {
		if max(begin, free[j]) < end {
			st.remaining -= min(end, hours[j]) - max(begin, free[j])
			free[j] = end
		}
	}
	if !ok {
		return false
	}
	st.remaining = 0
	done := workTime(sp, end)
	if !done.After(start) {
		done = start.Add(time.Minute)
	}
	for i, key := range t.between {
		h := end - (end-begin)*0.3*float64(len(t.between)-i)/float64(len(t.between))
		when := workTime(sp, h)
		if when.After(st.moved) && done.After(when) && b.maybe(when, who, "move "+st.title+" to "+key, b.updateItem(st, move(t, key, radiator.StateInProgress))) {
			st.moved = when
		}
	}
	if b.maybe(done, who, "finish "+st.title, b.updateItem(st, move(t, "done", radiator.StateDone))) {
		st.done, st.moved = done, done
	}
	return true
}

// finish tells when the crew is done with work hours of work on a story
// from begin, each member joining when free and leaving when their hours
// in the sprint run out; if they run out first, it returns the moment the
// last one leaves and false.
func finish(crew []int, free, hours []float64, begin, work float64) (float64, bool) {
	var marks []float64
	for _, j := range crew {
		if from := max(begin, free[j]); from < hours[j] {
			marks = append(marks, from, hours[j])
		}
	}
	slices.Sort(marks)
	at := begin
	for _, m := range marks {
		rate := 0
		for _, j := range crew {
			if max(begin, free[j]) <= at && at < hours[j] {
				rate++
			}
		}
		if rate > 0 && at+work/float64(rate) <= m {
			return at + work/float64(rate), true
		}
		work -= float64(rate) * (m - at)
		at = m
	}
	return at, false
}

// take returns the update of a member taking a story: it moves to in
// progress and is assigned to them.
func take(t *team, who *person) func(*radiator.BacklogItemUpdate) {
	return func(u *radiator.BacklogItemUpdate) {
		move(t, "in_progress", radiator.StateInProgress)(u)
		u.AssigneeID = radiator.SetTo(who.id)
	}
}

// step returns the estimate n steps up (or down) the team's scale from e,
// staying on the scale.
func step(t *team, e float64, n int) float64 {
	scale := t.rec.EstimateScale
	i := slices.Index(scale, e)
	if i < 0 {
		return e
	}
	return scale[max(1, min(len(scale)-1, i+n))]
}

// block marks one of the active sprint's stories in progress as blocked,
// for some teams: its assignee does it halfway between its last move and
// now.
func (b *builder) block(t *team, plan []*item) {
	var open []*item
	for _, st := range plan {
		if !st.moved.IsZero() && st.done.IsZero() && !b.lastWorkday(st.moved.Add(time.Hour), 10, 30).IsZero() {
			open = append(open, st)
		}
	}
	if len(open) == 0 || b.rng.IntN(5) < 2 {
		return
	}
	st := open[b.rng.IntN(len(open))]
	when := b.lastWorkday(st.moved.Add(time.Hour), 10, 30)
	reason := blockedReasons[b.rng.IntN(len(blockedReasons))]
	b.must(when, st.assignee, "block "+st.title, b.updateItem(st, func(u *radiator.BacklogItemUpdate) {
		u.Blocked = ptr(true)
		u.BlockedReason = &reason
	}))
}

// topUp keeps work in the To do column of the active sprint: at the last
// daily scrum before now, with two days or more of the sprint left, the
// team pulls in stories until three wait there.
func (b *builder) topUp(t *team, sp *sprint, plan []*item, queue *[]*item) {
	if radiator.WorkingDays(radiator.DateOf(b.now), sp.end) < 3 {
		return
	}
	waiting := 0
	for _, st := range plan {
		if st.started.IsZero() {
			waiting++
		}
	}
	scrum := b.lastWorkday(sp.planning, 9, 15)
	var pulled []*item
	for ; waiting < 3 && !scrum.IsZero() && len(*queue) > 0 && pullable((*queue)[0], sp.planning); waiting++ {
		st := (*queue)[0]
		*queue = (*queue)[1:]
		b.prepare(st, sp.planning, time.Time{})
		pulled = append(pulled, st)
	}
	if len(pulled) > 0 {
		b.must(scrum, t.sm, "pull "+titles(pulled)+" into "+sp.name+" at the daily scrum", b.planInto(sp, pulled))
	}
}

// lastWorkday returns the last moment at hh:mm of a working day that lies
// after from and before now, zero if there is none.
func (b *builder) lastWorkday(from time.Time, hh, mm int) time.Time {
	for day := radiator.DateOf(b.now); !day.Before(radiator.DateOf(from)); day = day.AddDays(-1) {
		if m := at(day, hh, mm); !weekend(day) && m.After(from) && m.Before(b.now) {
			return m
		}
	}
	return time.Time{}
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
// The Chief Product Owner accepts a feature once all its stories are done.
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
			b.maybe(ready, p.cpo, "commit feature "+f.title, b.updateItem(f, func(u *radiator.BacklogItemUpdate) {
				u.State = ptr(radiator.StateReady)
				u.ReadyChecks = &f.team.rec.DefinitionOfReady
			}))
		}
		if !first.IsZero() && b.maybe(first.Add(5*time.Minute), po, "start feature "+f.title, b.updateItem(f, setState(radiator.StateInProgress))) {
			f.started = first.Add(5 * time.Minute)
		}
		if all {
			// A feature ready before its release's freeze is accepted
			// before it, so as not to slip to the next release.
			accepted := acceptance(last)
			if freeze := at(f.release.date.AddDays(-3), 16, 0); last.Before(freeze.Add(-time.Hour)) {
				accepted = earlier(accepted, freeze.Add(-30*time.Minute))
			}
			if b.maybe(accepted, p.cpo, "accept feature "+f.title, b.updateItem(f, setState(radiator.StateDone))) {
				f.done = accepted
			}
		}
		for r := f.release; r.idx < len(p.releases)-1; {
			freeze := at(r.date.AddDays(-3), 16, 0)
			if !freeze.Before(b.now) || !f.done.IsZero() && f.done.Before(freeze) {
				break
			}
			next := p.releases[r.idx+1]
			edits := []edit{{f, setRelease(next)}}
			f.rel = next
			for _, st := range f.children {
				switch {
				case st.created.IsZero():
					st.release, st.rel = next, next
				case !st.created.Before(freeze):
					st.release, st.rel = next, next
				case st.done.IsZero() || st.done.After(freeze):
					edits = append(edits, edit{st, setRelease(next)})
					st.rel = next
				}
			}
			b.must(freeze, p.cpo, fmt.Sprintf("move %s and %d of its stories to %s", f.title, len(edits)-1, next.name), b.updateItems(&edits))
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

// planHotfixes plans the hot-fix releases that follow some of the shipped
// releases: operations and the Chief Scrum Master ship a fix a week or so
// after the release, worked by one team inside its sprint, once the
// regression testing and the deployment are done. Then comes the hot fix
// in progress.
func (b *builder) planHotfixes(p *product) {
	for ri, r := range p.releases[:2] {
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
		b.planHotfixReadiness(p, hf)
		b.must(at(date, 15, 0), p.ops[0], "release "+hf.name, b.updateRelease(hf, radiator.PhaseReleased))

		t := p.teams[b.rng.IntN(len(p.teams))]
		var sp *sprint
		day := radiator.DateOf(hf.created)
		for _, s := range t.sprints {
			if !day.Before(s.start) && !day.After(s.end) {
				sp = s
			}
		}
		f := &item{product: p, kind: radiator.KindFeature, title: bug, team: t, release: hf, rel: hf, state: radiator.StateInProgress,
			estimate: 1, key: [4]int{1, len(p.hotfixes)}, created: hf.created.Add(20 * time.Minute),
			labels: []string{"bug", "hot-fix"}, criteria: "- Fixed in production\n- No customer reports of it for a week", early: true}
		b.must(f.created, p.cpo, "create feature "+f.title, b.createItem(f))
		p.items = append(p.items, f)
		steps := []string{"Reproduce: " + summary, "Fix and verify on staging: " + summary}
		moments := []time.Time{f.created.Add(2 * time.Hour), at(addWorkdays(date, -1), 15, 0)}
		start := f.created.Add(40 * time.Minute)
		for i, title := range steps {
			st := &item{product: p, kind: radiator.KindStory, title: title, parent: f, team: t, release: hf, rel: hf, sprint: sp, in: sp,
				state: radiator.StateReady, estimate: float64(2 + i), key: [4]int{1, len(p.hotfixes), 1 + i},
				created: f.created.Add(time.Duration(i+1) * 10 * time.Minute),
				labels:  []string{"bug", "hot-fix"}, criteria: b.criteria(hotfixCriteria, strings.ToLower(summary[:1])+summary[1:])}
			who := t.members[i%len(t.members)]
			b.must(st.created, t.po, "create story "+st.title, b.createItem(st))
			b.must(start, who, "start "+st.title, b.updateItem(st, take(t, who)))
			b.must(moments[i], who, "finish "+st.title, b.updateItem(st, move(t, "done", radiator.StateDone)))
			start = moments[i]
			p.items = append(p.items, st)
			sp.hotfixes = append(sp.hotfixes, st)
		}
		b.must(moments[1].Add(30*time.Minute), p.cpo, "accept feature "+f.title, b.updateItem(f, setState(radiator.StateDone)))
	}
	b.planOpenHotfix(p)
}
