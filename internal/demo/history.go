package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// The history: releases with their features and initiatives, and each
// team's sprints, in which stories are refined, planned, worked and done
// (or carried over), with the moments all that happened.

// storyPoints are the estimates stories get, with how often teams use each.
var storyPoints = []struct {
	points float64
	weight int
}{{1, 8}, {2, 16}, {3, 26}, {5, 28}, {8, 17}, {13, 5}}

func (b *builder) points() float64 {
	total := 0
	for _, p := range storyPoints {
		total += p.weight
	}
	n := b.rng.IntN(total)
	for _, p := range storyPoints {
		if n < p.weight {
			return p.points
		}
		n -= p.weight
	}
	return storyPoints[len(storyPoints)-1].points
}

// criteria writes acceptance criteria from templates, where %s stands for
// object: three of them, or all if there are fewer, in their order.
func (b *builder) criteria(templates []string, object string) string {
	picks := b.rng.Perm(len(templates))[:min(3, len(templates))]
	slices.Sort(picks)
	lines := make([]string, len(picks))
	for i, k := range picks {
		lines[i] = "- " + strings.ReplaceAll(templates[k], "%s", object)
	}
	return strings.Join(lines, "\n")
}

// featureUnits sizes a feature for the release burnup from its stories'
// points.
func featureUnits(points float64) float64 {
	switch {
	case points <= 10:
		return 1
	case points <= 18:
		return 2
	case points <= 28:
		return 3
	case points <= 40:
		return 5
	}
	return 8
}

// featureSize sizes a feature in t-shirt sizes from its stories' points,
// for a product that sizes its features so.
func featureSize(points float64) string {
	switch {
	case points <= 10:
		return "S"
	case points <= 18:
		return "M"
	case points <= 28:
		return "L"
	}
	return "XL"
}

// weekend reports whether d is a Saturday or Sunday.
func weekend(d radiator.Date) bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// addWorkdays returns the n-th working day after d (before d for negative n).
func addWorkdays(d radiator.Date, n int) radiator.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if !weekend(d) {
			n--
		}
	}
	return d
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// joinAnd joins words as in "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// planReleases plans the product's initiatives and releases: two
// released, the one the teams sprint for, and the next, in planning. The
// first release was already underway when the history starts; each next one
// is prepared four weeks before the previous ships (the last one, whose
// features the teams refine ahead, a little earlier if need be) and starts
// sprinting the day after. Each goes into hardening a week before its date.
func (b *builder) planReleases(p *product) {
	vp := b.leaders[1] // VP Product
	for i, spec := range p.spec.initiatives {
		it := &item{product: p, kind: radiator.KindInitiative, title: spec.title, description: spec.description,
			state: radiator.StateReady, key: [4]int{0, i}}
		p.initiatives = append(p.initiatives, it)
		p.items = append(p.items, it)
		if i < len(p.spec.initiatives)-1 {
			it.created = b.cursor
			b.setup(vp, "create initiative "+it.title, b.createItem(it))
		}
	}
	active := p.starts[len(p.starts)-1]
	for i, r := range p.releases {
		phase := radiator.PhasePlanning
		if i == 0 {
			r.created = b.cursor
			phase = radiator.PhaseSprinting
			b.setup(p.cpo, "create release "+r.name, b.createRelease(r, phase))
		} else {
			prev := p.releases[i-1]
			r.created = at(prev.date.AddDays(-28), 10, 0)
			if i == len(p.releases)-1 {
				r.created = earlier(r.created, at(addWorkdays(active, -3), 10, 0))
			}
			b.must(r.created, p.cpo, "create release "+r.name, b.createRelease(r, phase))
			b.maybe(at(prev.date.AddDays(1), 10, 0), p.csm, "start sprinting for "+r.name, b.updateRelease(r, radiator.PhaseSprinting))
		}
		plan := b.must
		if r.date.After(radiator.DateOf(b.now)) {
			plan = func(t time.Time, a *person, what string, do func(context.Context, radiator.Store) error) {
				b.maybe(t, a, what, do)
			}
		}
		plan(at(r.date.AddDays(-7), 9, 0), p.csm, "harden "+r.name, b.updateRelease(r, radiator.PhaseHardening))
		override := b.planReadiness(p, r)
		plan(at(r.date, 17, 0), p.csm, "release "+r.name, b.changeRelease(r, func(u *radiator.ReleaseUpdate) {
			u.Phase = ptr(radiator.PhaseReleased)
			if override != "" {
				u.OverrideReason = &override
			}
		}))
	}
	// The last initiative is the theme of the release the teams sprint
	// for, drawn up the hour before the release is.
	last := p.initiatives[len(p.initiatives)-1]
	last.created = p.releases[2].created.Add(-30 * time.Minute)
	b.must(last.created, vp, "create initiative "+last.title, b.createItem(last))
}

// planFeatures fills each release with features, team by team, until each
// team has the work its velocity can do in the release's sprints, and
// breaks every feature down into stories.
func (b *builder) planFeatures(p *product) {
	for ri, r := range p.releases {
		lo := p.starts[0]
		if ri > 0 {
			lo = p.releases[ri-1].date.AddDays(-7)
		}
		hi := r.date.AddDays(-7)
		targets := make([]float64, len(p.teams))
		for ti, t := range p.teams {
			n := 0
			for s := p.starts[0]; s.Before(hi); s = s.AddDays(14) {
				if !s.Before(lo) {
					n++
				}
			}
			// The Chief Product Owner plans a release at about the pace
			// the teams have kept (three quarters of what they hope
			// for), some teams more, some less. The last release is
			// planned full: teams ahead of plan start on it.
			factor := 0.62 + 0.3*b.rng.Float64()
			if ri == len(p.releases)-1 {
				factor += 0.4
			}
			targets[ti] = float64(n) * t.velocity * factor
		}
		var feats []*item
		sums := make([]float64, len(p.teams))
		for more := true; more; {
			more = false
			for ti, t := range p.teams {
				if sums[ti] >= targets[ti] {
					continue
				}
				// A third of the features need work of one or two other
				// teams, those with room left in the release.
				var room []*team
				for tj, o := range p.teams {
					if tj != ti && sums[tj] < targets[tj] {
						room = append(room, o)
					}
				}
				var partners []*team
				if len(room) > 0 && b.rng.IntN(3) == 0 {
					partners = b.partners(room, 1+b.rng.IntN(2))
				}
				f := b.newFeature(p, r, t, 2*len(feats), partners)
				for _, st := range f.children {
					sums[slices.Index(p.teams, st.team)] += st.estimate
				}
				feats = append(feats, f)
				more = true
			}
		}
		objects := make([]string, 0, 3)
		for _, f := range feats[:min(3, len(feats))] {
			objects = append(objects, "the "+f.object)
		}
		r.goal = fmt.Sprintf("Deliver %s to every %s customer, with integration and regression tests green across the suite and operations ready to deploy.",
			joinAnd(objects), p.spec.name)
		for i, f := range feats {
			if ri == 0 {
				f.created = b.cursor
				b.setup(p.cpo, "create feature "+f.title, b.createItem(f))
			} else {
				f.created = r.created.Add(30*time.Minute + time.Duration(i)*time.Minute)
				b.must(f.created, p.cpo, "create feature "+f.title, b.createItem(f))
			}
		}
		// The Chief Product Owner takes the baseline at the end of the
		// release planning, once the features are in.
		note := fmt.Sprintf("Release planning of %s: %d features committed by the Scrum of Scrums.", r.name, len(feats))
		if ri == 0 {
			b.setup(p.cpo, "take baseline of "+r.name, b.takeBaseline(r, note))
		} else {
			b.must(r.created.Add(40*time.Minute+time.Duration(len(feats))*time.Minute), p.cpo, "take baseline of "+r.name, b.takeBaseline(r, note))
		}
		if ri == 2 {
			b.planLateFeature(p, r, feats)
		}
	}
}

// partners draws n of the teams, fewer if there are not so many.
func (b *builder) partners(teams []*team, n int) []*team {
	picks := b.rng.Perm(len(teams))[:min(n, len(teams))]
	slices.Sort(picks)
	out := make([]*team, len(picks))
	for i, k := range picks {
		out[i] = teams[k]
	}
	return out
}

// newFeature invents the next feature of the product for a team and
// release, with its stories; seq orders it among the release's features.
// The last stories, and some others, go to the partner teams, if any.
func (b *builder) newFeature(p *product, r *release, t *team, seq int, partners []*team) *item {
	n := len(p.spec.features)
	title, object, _ := strings.Cut(p.spec.features[p.featureOrder[p.featureNext%n]], "|")
	if cycle := p.featureNext / n; cycle > 0 {
		title += " (" + featureQualifiers[(cycle-1)%len(featureQualifiers)] + ")"
	}
	p.featureNext++
	init := p.initiatives[min(r.idx+b.rng.IntN(2), len(p.initiatives)-1)]
	state := radiator.StateNew
	if r.idx == 0 {
		state = radiator.StateReady
	}
	description := fmt.Sprintf("Part of %q. Owned by %s.", init.title, t.rec.Name)
	if len(partners) > 0 {
		names := make([]string, len(partners))
		for i, o := range partners {
			names[i] = o.rec.Name
		}
		description = fmt.Sprintf("Part of %q. Owned by %s, with %s.", init.title, t.rec.Name, joinAnd(names))
	}
	f := &item{product: p, kind: radiator.KindFeature, title: title, object: object, parent: init, team: t, release: r,
		state: state, key: [4]int{2, r.idx, seq, 0}, description: description, rel: r,
		criteria: b.criteria(featureCriteria, object), early: true}
	k := 3 + b.rng.IntN(5)
	picks := b.rng.Perm(len(storyTemplates))[:k]
	slices.Sort(picks)
	total := 0.0
	for i, tpl := range picks {
		spec := storyTemplates[tpl]
		owner := t
		if j := k - 1 - i; j < len(partners) {
			owner = partners[j]
		} else if i > 0 && len(partners) > 0 && b.rng.IntN(3) == 0 {
			owner = partners[b.rng.IntN(len(partners))]
		}
		st := &item{product: p, kind: radiator.KindStory, title: strings.ReplaceAll(spec.title, "%s", object), parent: f,
			team: owner, release: r, rel: r, state: radiator.StateNew, estimate: b.points(), key: [4]int{2, r.idx, seq, 1 + i},
			labels: spec.labels, criteria: b.criteria(spec.criteria, object), early: b.rng.IntN(5) < 3}
		total += st.estimate
		f.children = append(f.children, st)
		owner.queue = append(owner.queue, st)
		p.items = append(p.items, st)
	}
	f.estimate = featureUnits(total)
	if p.spec.sizes {
		f.size = featureSize(total)
		f.estimate = radiator.FeatureSizes[f.size]
	}
	init.children = append(init.children, f)
	p.features = append(p.features, f)
	p.items = append(p.items, f)
	return f
}
