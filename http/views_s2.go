package http

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/radiator-hq/radiator"
)

// The views of the release tier (S2): the data the S2 API answers and the
// S2 pages render, gathered here once for both. A product's items come in
// one query, never one per feature.

// Defaults of the release views.
const (
	// throughputPeriods is how many recent periods a forecast goes by.
	throughputPeriods = 6
	// defaultPeriodDays is the length of a throughput period when the
	// product's teams have no sprints to take it from.
	defaultPeriodDays = 14
)

// productPlan is what a product holds for its releases: its teams with
// their sprints, its releases, and its features and stories.
type productPlan struct {
	Product  *radiator.Product
	Teams    []*radiator.Team        // in ID order
	Sprints  []*radiator.Sprint      // of the teams, in start order
	Releases []*radiator.Release     // in date order
	Features []*radiator.BacklogItem // in rank order
	Stories  []*radiator.BacklogItem // in rank order
}

// releaseView is everything a release's pages and API views show, as of
// AsOf: its plan, progress, forecast, risk, hot fixes and readiness.
type releaseView struct {
	AsOf    radiator.Date
	Release *radiator.Release
	Plan    *productPlan
	// Features are the release's committed features in rank order,
	// Stories the stories of those features, Progress each feature's.
	Features []*radiator.BacklogItem
	Stories  []*radiator.BacklogItem
	Progress []radiator.FeatureProgress
	// Sprints are the sprints of the product's teams that fall in the
	// release: ending on or after its start, starting before its date.
	Sprints []*radiator.Sprint
	// Events are the history of the release and its features, as
	// Store.FindReleaseEvents returns it.
	Events     []*radiator.Event
	Burnup     *radiator.Burnup
	PeriodDays int
	Throughput []radiator.ThroughputPeriod
	Forecast   radiator.Forecast
	// Baseline is the latest baseline, nil when none was taken; Changes
	// are those since it, empty without one.
	Baseline   *radiator.Baseline
	Changes    []radiator.ReleaseChange
	Risk       *radiator.ReleaseRisk
	Hotfixes   []*radiator.Release
	HotfixLoad []radiator.HotfixLoad
	Readiness  []*radiator.ReadinessItem
	Decisions  []*radiator.Decision
}

// releaseBoardView is a release's visual board with the release and the
// product it belongs to.
type releaseBoardView struct {
	Release *radiator.Release
	Plan    *productPlan
	Board   *radiator.ReleaseBoard
}

// metaBacklog is a product's meta-backlog: its features in rank order with
// the progress of their stories.
type metaBacklog struct {
	Features []radiator.FeatureProgress `json:"features"`
}

// whatIfView is a what-if change to a release plan with the release's
// outlook before and after it, computed without writing anything.
type whatIfView struct {
	Change  radiator.WhatIf `json:"change"`
	Summary string          `json:"summary"`
	Before  outlook         `json:"before"`
	After   outlook         `json:"after"`
}

// outlook is a release's risk and forecast.
type outlook struct {
	Risk     *radiator.ReleaseRisk `json:"risk"`
	Forecast radiator.Forecast     `json:"forecast"`
}

// loadProductPlan loads a product with its teams, their sprints, its
// releases and all its backlog items, in five queries.
func (s *Server) loadProductPlan(ctx context.Context, productID int64) (*productPlan, error) {
	return s.loadPlanOf(ctx, productID, "")
}

// loadPlanOf loads a product's plan with only its items of the kind, or
// all of them when kind is "".
func (s *Server) loadPlanOf(ctx context.Context, productID int64, kind string) (*productPlan, error) {
	product, err := s.Store.FindProductByID(ctx, productID)
	if err != nil {
		return nil, err
	}
	p := &productPlan{Product: product}
	if p.Teams, err = collect(func(after string) ([]*radiator.Team, string, error) {
		return s.Store.FindTeams(ctx, radiator.TeamFilter{ProductID: productID, Page: allPages(after)})
	}); err != nil {
		return nil, fmt.Errorf("find teams of product %d: %w", productID, err)
	}
	if p.Sprints, err = collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{ProductID: productID, Page: allPages(after)})
	}); err != nil {
		return nil, fmt.Errorf("find sprints of product %d: %w", productID, err)
	}
	if p.Releases, err = collect(func(after string) ([]*radiator.Release, string, error) {
		return s.Store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: productID, Page: allPages(after)})
	}); err != nil {
		return nil, fmt.Errorf("find releases of product %d: %w", productID, err)
	}
	items, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: productID, Kind: kind, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find backlog of product %d: %w", productID, err)
	}
	for _, it := range items {
		switch it.Kind {
		case radiator.KindFeature:
			p.Features = append(p.Features, it)
		case radiator.KindStory:
			p.Stories = append(p.Stories, it)
		}
	}
	return p, nil
}

// team returns the product's team with the ID, nil when it has none.
func (p *productPlan) team(id int64) *radiator.Team {
	for _, t := range p.Teams {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// release returns the product's release with the ID, nil when it has none.
func (p *productPlan) release(id int64) *radiator.Release {
	for _, r := range p.Releases {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// committed returns the features committed to one of the releases, in
// rank order.
func (p *productPlan) committed(releaseIDs ...int64) []*radiator.BacklogItem {
	var out []*radiator.BacklogItem
	for _, f := range p.Features {
		if f.ReleaseID != nil && slices.Contains(releaseIDs, *f.ReleaseID) {
			out = append(out, f)
		}
	}
	return out
}

// storiesOf returns the stories whose parent is one of the features, in
// rank order.
func (p *productPlan) storiesOf(features []*radiator.BacklogItem) []*radiator.BacklogItem {
	ids := map[int64]bool{}
	for _, f := range features {
		ids[f.ID] = true
	}
	var out []*radiator.BacklogItem
	for _, st := range p.Stories {
		if st.ParentID != nil && ids[*st.ParentID] {
			out = append(out, st)
		}
	}
	return out
}

// regularFeatures returns the features committed to the product's regular
// releases: those whose throughput forecasts go by.
func (p *productPlan) regularFeatures() []*radiator.BacklogItem {
	var ids []int64
	for _, r := range p.Releases {
		if r.Kind == radiator.ReleaseRegular {
			ids = append(ids, r.ID)
		}
	}
	return p.committed(ids...)
}

// hotfixesOf returns the product's hot-fix releases that run alongside
// the release: those not yet released, and those released (dated) within
// its window from start to date.
func (p *productPlan) hotfixesOf(rel *radiator.Release) []*radiator.Release {
	var out []*radiator.Release
	for _, r := range p.Releases {
		if r.Kind != radiator.ReleaseHotfix || r.ID == rel.ID {
			continue
		}
		if r.Phase != radiator.PhaseReleased || !r.Date.Before(rel.Start) && !r.Date.After(rel.Date) {
			out = append(out, r)
		}
	}
	return out
}

// sprintsIn returns the sprints that fall in the release: ending on or
// after its start and starting before its date.
func (p *productPlan) sprintsIn(rel *radiator.Release) []*radiator.Sprint {
	var out []*radiator.Sprint
	for _, sp := range p.Sprints {
		if !sp.End.Before(rel.Start) && sp.Start.Before(rel.Date) {
			out = append(out, sp)
		}
	}
	return out
}

// periodDays returns the most common sprint length of the product's
// teams, in days, the shorter on a tie; defaultPeriodDays without sprints.
func (p *productPlan) periodDays() int {
	count := map[int]int{}
	for _, sp := range p.Sprints {
		count[sp.Start.DaysUntil(sp.End)+1]++
	}
	best, n := defaultPeriodDays, 0
	for _, days := range slices.Sorted(maps.Keys(count)) {
		if count[days] > n {
			best, n = days, count[days]
		}
	}
	return best
}

// loadRelease loads a release and its product's plan.
func (s *Server) loadRelease(ctx context.Context, releaseID int64) (*radiator.Release, *productPlan, error) {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return nil, nil, err
	}
	plan, err := s.loadProductPlan(ctx, rel.ProductID)
	if err != nil {
		return nil, nil, err
	}
	return rel, plan, nil
}

// loadReleaseView loads a release with everything its views show: the
// committed features with their progress, the burnup from its history,
// the forecast from the product's feature throughput over the last
// throughputPeriods periods of its teams' usual sprint length, the latest
// baseline and the changes since, the risk, the hot fixes alongside and
// the capacity they took, the readiness checklist and the decisions.
func (s *Server) loadReleaseView(ctx context.Context, releaseID int64) (*releaseView, error) {
	rel, plan, err := s.loadRelease(ctx, releaseID)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	v := newReleaseView(rel, plan, now)
	v.Sprints = plan.sprintsIn(rel)
	v.Stories = plan.storiesOf(v.Features)
	v.Progress = radiator.NewFeatureProgress(v.Features, v.Stories)
	if v.Events, err = s.Store.FindReleaseEvents(ctx, []int64{rel.ID}); err != nil {
		return nil, fmt.Errorf("find events of release %d: %w", rel.ID, err)
	}
	if v.Burnup, err = radiator.NewBurnup(rel, v.Events, now); err != nil {
		return nil, fmt.Errorf("burnup of release %d: %w", rel.ID, err)
	}
	baselines, err := s.Store.FindBaselines(ctx, rel.ID)
	if err != nil {
		return nil, fmt.Errorf("find baselines of release %d: %w", rel.ID, err)
	}
	v.Changes = []radiator.ReleaseChange{}
	if n := len(baselines); n > 0 {
		v.Baseline = baselines[n-1]
		changes, err := radiator.ChangesSinceBaseline(v.Baseline, v.Events)
		if err != nil {
			return nil, fmt.Errorf("changes of release %d: %w", rel.ID, err)
		}
		if changes != nil {
			v.Changes = changes
		}
	}
	v.Risk = v.risk(v.Features, v.Stories)
	v.Hotfixes = plan.hotfixesOf(rel)
	v.HotfixLoad = radiator.NewHotfixLoad(v.Hotfixes, plan.Teams, v.Sprints, plan.Features, plan.Stories)
	if v.HotfixLoad == nil {
		v.HotfixLoad = []radiator.HotfixLoad{}
	}
	if v.Readiness, err = s.Store.FindReadinessItems(ctx, rel.ID); err != nil {
		return nil, fmt.Errorf("find readiness of release %d: %w", rel.ID, err)
	}
	if v.Decisions, err = s.Store.FindDecisions(ctx, rel.ID); err != nil {
		return nil, fmt.Errorf("find decisions of release %d: %w", rel.ID, err)
	}
	return v, nil
}

// newReleaseView starts the view of a release as of now: its committed
// features and its forecast.
func newReleaseView(rel *radiator.Release, plan *productPlan, now time.Time) *releaseView {
	v := &releaseView{AsOf: radiator.DateOf(now), Release: rel, Plan: plan, Features: plan.committed(rel.ID), PeriodDays: plan.periodDays()}
	v.Throughput = radiator.FeatureThroughput(plan.regularFeatures(), v.AsOf, v.PeriodDays, throughputPeriods)
	v.Forecast = v.forecast(v.Features)
	return v
}

// loadReleaseForecast loads a release's forecast, reading the product's
// features but not its stories.
func (s *Server) loadReleaseForecast(ctx context.Context, releaseID int64) (radiator.Forecast, error) {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return radiator.Forecast{}, err
	}
	plan, err := s.loadPlanOf(ctx, rel.ProductID, radiator.KindFeature)
	if err != nil {
		return radiator.Forecast{}, err
	}
	return newReleaseView(rel, plan, s.Clock.Now()).Forecast, nil
}

// forecast projects the release with the features as committed: their
// units make the scope, those of the done ones what is done.
func (v *releaseView) forecast(features []*radiator.BacklogItem) radiator.Forecast {
	var scope, done float64
	for _, f := range features {
		u := radiator.FeatureUnits(f.Estimate)
		scope += u
		if f.State == radiator.StateDone {
			done += u
		}
	}
	return radiator.NewForecast(radiator.ForecastInput{
		AsOf: v.AsOf, Date: v.Release.Date, Scope: scope, Done: done,
		PeriodDays: v.PeriodDays, Throughput: v.Throughput,
	})
}

// risk tells which of the features are at risk with the stories as
// planned, and which teams have slack.
func (v *releaseView) risk(features, stories []*radiator.BacklogItem) *radiator.ReleaseRisk {
	return radiator.NewReleaseRisk(radiator.RiskInput{
		Release: v.Release, AsOf: v.AsOf, Teams: v.Plan.Teams, Sprints: v.Plan.Sprints,
		Features: features, Stories: stories,
	})
}

// whatIf tries a change on the release's plan in memory: the risk and the
// forecast before and after it. A move to a team outside the product is
// EINVALID team_id; an item that is not a story or feature of the release
// as the change needs is EINVALID item_id.
func (v *releaseView) whatIf(w radiator.WhatIf) (*whatIfView, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	var team *radiator.Team
	if w.Kind != radiator.WhatIfCutFeature {
		if team = v.Plan.team(w.TeamID); team == nil {
			return nil, radiator.Invalidf("team_id", "team %d is not a team of %s", w.TeamID, v.Plan.Product.Name)
		}
	}
	features, stories, err := radiator.ApplyWhatIf(w, v.Features, v.Stories)
	if err != nil {
		return nil, err
	}
	title := ""
	for _, it := range slices.Concat(v.Features, v.Stories) {
		if it.ID == w.ItemID {
			title = it.Title
		}
	}
	teamName := ""
	if team != nil {
		teamName = team.Name
	}
	return &whatIfView{
		Change:  w,
		Summary: w.Describe(title, teamName),
		Before:  outlook{Risk: v.Risk, Forecast: v.Forecast},
		After:   outlook{Risk: v.risk(features, stories), Forecast: v.forecast(features)},
	}, nil
}

// loadWhatIf loads a release and tries the change on its plan; see
// releaseView.whatIf.
func (s *Server) loadWhatIf(ctx context.Context, releaseID int64, w radiator.WhatIf) (*whatIfView, error) {
	v, err := s.loadReleaseView(ctx, releaseID)
	if err != nil {
		return nil, err
	}
	return v.whatIf(w)
}

// loadReleaseBurnup loads a release and its burnup as of now, from the
// release's history.
func (s *Server) loadReleaseBurnup(ctx context.Context, releaseID int64) (*radiator.Release, *radiator.Burnup, error) {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return nil, nil, err
	}
	events, err := s.Store.FindReleaseEvents(ctx, []int64{rel.ID})
	if err != nil {
		return nil, nil, fmt.Errorf("find events of release %d: %w", rel.ID, err)
	}
	b, err := radiator.NewBurnup(rel, events, s.Clock.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("burnup of release %d: %w", rel.ID, err)
	}
	return rel, b, nil
}

// loadReleaseBoard loads a release's visual board: the product's teams by
// the sprints up to the release date, with the cards of the release's
// features and of the hot fixes alongside, and the open dependencies
// among them.
func (s *Server) loadReleaseBoard(ctx context.Context, releaseID int64) (*releaseBoardView, error) {
	rel, plan, err := s.loadRelease(ctx, releaseID)
	if err != nil {
		return nil, err
	}
	hotfixes := plan.hotfixesOf(rel)
	ids := []int64{rel.ID}
	for _, h := range hotfixes {
		ids = append(ids, h.ID)
	}
	features := plan.committed(ids...)
	stories := plan.storiesOf(features)
	// A hot fix's stories may stand on their own, without a feature.
	for _, st := range plan.Stories {
		if st.ParentID == nil && st.ReleaseID != nil && slices.Contains(ids, *st.ReleaseID) {
			stories = append(stories, st)
		}
	}
	deps, err := s.openDependencies(ctx, plan.Product.ID, slices.Concat(features, stories))
	if err != nil {
		return nil, err
	}
	board := radiator.NewReleaseBoard(radiator.ReleaseBoardInput{
		Release: rel, Hotfixes: hotfixes, Teams: plan.Teams, Sprints: plan.Sprints,
		Features: features, Stories: stories, Dependencies: deps,
	})
	return &releaseBoardView{Release: rel, Plan: plan, Board: board}, nil
}

// openDependencies returns the product's open dependencies whose both ends
// are among the items.
func (s *Server) openDependencies(ctx context.Context, productID int64, items []*radiator.BacklogItem) ([]*radiator.Dependency, error) {
	deps, err := collect(func(after string) ([]*radiator.Dependency, string, error) {
		return s.Store.FindDependencies(ctx, radiator.DependencyFilter{ProductID: productID, State: radiator.DependencyOpen, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find dependencies of product %d: %w", productID, err)
	}
	in := map[int64]bool{}
	for _, it := range items {
		in[it.ID] = true
	}
	var out []*radiator.Dependency
	for _, d := range deps {
		if in[d.ItemID] && in[d.DependsOnID] {
			out = append(out, d)
		}
	}
	return out, nil
}

// loadProductBurnup loads a product and its multi-release burnup: its
// regular releases in date order, each with its burnup as of now, from
// one query of their history.
func (s *Server) loadProductBurnup(ctx context.Context, productID int64) (*radiator.Product, *radiator.ProductBurnup, error) {
	product, err := s.Store.FindProductByID(ctx, productID)
	if err != nil {
		return nil, nil, err
	}
	releases, err := collect(func(after string) ([]*radiator.Release, string, error) {
		return s.Store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: productID, Kind: radiator.ReleaseRegular, Page: allPages(after)})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("find releases of product %d: %w", productID, err)
	}
	burnups := make([]*radiator.Burnup, len(releases))
	if len(releases) > 0 {
		ids := make([]int64, len(releases))
		for i, r := range releases {
			ids[i] = r.ID
		}
		events, err := s.Store.FindReleaseEvents(ctx, ids)
		if err != nil {
			return nil, nil, fmt.Errorf("find events of the releases of product %d: %w", productID, err)
		}
		now := s.Clock.Now()
		// NewBurnup counts only the features of its own release.
		for i, r := range releases {
			if burnups[i], err = radiator.NewBurnup(r, events, now); err != nil {
				return nil, nil, fmt.Errorf("burnup of release %d: %w", r.ID, err)
			}
		}
	}
	return product, radiator.NewProductBurnup(productID, releases, burnups), nil
}

// loadMetaBacklog loads a product's meta-backlog: its features in rank
// order with their progress, only those committed to the release when
// releaseID is not 0. A release of another product is EINVALID release_id.
func (s *Server) loadMetaBacklog(ctx context.Context, productID, releaseID int64) (*metaBacklog, error) {
	product, err := s.Store.FindProductByID(ctx, productID)
	if err != nil {
		return nil, err
	}
	if releaseID != 0 {
		rel, err := s.Store.FindReleaseByID(ctx, releaseID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return nil, radiator.Invalidf("release_id", "there is no release %d", releaseID)
		}
		if err != nil {
			return nil, err
		}
		if rel.ProductID != productID {
			return nil, radiator.Invalidf("release_id", "release %q is not a release of %s", rel.Name, product.Name)
		}
	}
	items, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: productID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find backlog of product %d: %w", productID, err)
	}
	var features, stories []*radiator.BacklogItem
	for _, it := range items {
		switch {
		case it.Kind == radiator.KindStory:
			stories = append(stories, it)
		case it.Kind != radiator.KindFeature:
		case releaseID == 0 || it.ReleaseID != nil && *it.ReleaseID == releaseID:
			features = append(features, it)
		}
	}
	mb := &metaBacklog{Features: radiator.NewFeatureProgress(features, stories)}
	if mb.Features == nil {
		mb.Features = []radiator.FeatureProgress{}
	}
	return mb, nil
}
