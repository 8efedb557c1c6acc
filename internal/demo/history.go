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
		plan(at(r.date, 17, 0), p.csm, "release "+r.name, b.updateRelease(r, radiator.PhaseReleased))
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
			targets[ti] = float64(n) * t.velocity * (0.85 + 0.15*b.rng.Float64())
		}
		var feats []*item
		sums := make([]float64, len(p.teams))
		for more := true; more; {
			more = false
			for ti, t := range p.teams {
				if sums[ti] >= targets[ti] {
					continue
				}
				f := b.newFeature(p, r, t, len(feats))
				for _, st := range f.children {
					sums[ti] += st.estimate
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
	}
}

// newFeature invents the next feature of the product for a team and
// release, with its stories.
func (b *builder) newFeature(p *product, r *release, t *team, seq int) *item {
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
	f := &item{product: p, kind: radiator.KindFeature, title: title, object: object, parent: init, team: t, release: r,
		state: state, key: [4]int{2, r.idx, seq, 0},
		description: fmt.Sprintf("Part of %q. Owned by %s.", init.title, t.rec.Name),
		criteria:    b.criteria(featureCriteria, object), early: true}
	k := 3 + b.rng.IntN(5)
	picks := b.rng.Perm(len(storyTemplates))[:k]
	slices.Sort(picks)
	total := 0.0
	for i, tpl := range picks {
		spec := storyTemplates[tpl]
		st := &item{product: p, kind: radiator.KindStory, title: strings.ReplaceAll(spec.title, "%s", object), parent: f,
			team: t, release: r, state: radiator.StateNew, estimate: b.points(), key: [4]int{2, r.idx, seq, 1 + i},
			labels: spec.labels, criteria: b.criteria(spec.criteria, object), early: b.rng.IntN(5) < 3}
		total += st.estimate
		f.children = append(f.children, st)
		t.queue = append(t.queue, st)
		p.items = append(p.items, st)
	}
	f.estimate = featureUnits(total)
	init.children = append(init.children, f)
	p.features = append(p.features, f)
	p.items = append(p.items, f)
	return f
}
