package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// History is a product's history at the scale of the release tier's
// performance target: a release of 200 features and 3,000 stories among
// 100,000 events. The stores' benchmarks write it straight into their
// tables, as schema 3 held them, and migrate.
//
// Its features are 200 of the release and 200 of two other releases; a
// fifth of each visit another release and come back. Under each feature
// of the release are 15 stories, the first of them in the release too.
// After their creation every item is changed in turn, through the states
// ready, in progress and done, until the events number 100,000: many
// more of them stories' than features'. Events are 100 seconds apart, so
// the history spans four months.
type History struct {
	Product *radiator.Product
	// Releases are the release measured, then the two others.
	Releases []*radiator.Release
	// Items are the backlog items as they end, in ID order.
	Items []*radiator.BacklogItem
	// Events are all events, in ID order, the items' JSON whole.
	Events []*radiator.Event
	// Want is how many events FindReleaseEvents returns for Releases[0]:
	// its create and the events of the features in it before or after.
	Want int
	// AsOf is an hour after the last event.
	AsOf time.Time
}

// Sizes of History.
const (
	historyFeatures   = 200
	historyStoriesPer = 15
	historyEvents     = 100000
)

// NewHistory builds the History; its IDs count from 1.
func NewHistory(tb testing.TB) *History {
	tb.Helper()
	start := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	at := start
	h := &History{Product: &radiator.Product{ID: 1, Key: "MAIL", Name: "Mail", Version: 1, CreatedAt: at, UpdatedAt: at}}
	actor := radiator.Actor{PersonID: 7, Name: "Ada Lovelace"}
	record := func(kind string, id int64, action string, before, after any) {
		e, err := radiator.NewEvent(actor, at, kind, id, action, before, after)
		if err != nil {
			tb.Fatal(err)
		}
		e.ID = int64(len(h.Events) + 1)
		h.Events = append(h.Events, e)
		at = at.Add(100 * time.Second)
	}
	record(radiator.EntityProduct, 1, radiator.ActionCreate, nil, h.Product)
	for i := range 3 {
		r := &radiator.Release{ID: int64(i + 1), ProductID: 1, Name: fmt.Sprintf("2025.%d", i+1), Start: radiator.DateOf(start),
			Date: radiator.MustDate("2025-07-31"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular,
			Version: 1, CreatedAt: at, UpdatedAt: at}
		h.Releases = append(h.Releases, r)
		record(radiator.EntityRelease, r.ID, radiator.ActionCreate, nil, r)
	}
	release, other1, other2 := int64(1), int64(2), int64(3)
	h.Want = 1
	inRelease := func(it *radiator.BacklogItem) bool {
		return it != nil && it.Kind == radiator.KindFeature && it.ReleaseID != nil && *it.ReleaseID == release
	}
	create := func(it *radiator.BacklogItem) {
		it.ID = int64(len(h.Items) + 1)
		it.ProductID, it.State, it.Version, it.CreatedAt, it.UpdatedAt = 1, radiator.StateNew, 1, at, at
		h.Items = append(h.Items, it)
		if inRelease(it) {
			h.Want++
		}
		record(radiator.EntityBacklogItem, it.ID, radiator.ActionCreate, nil, it)
	}
	update := func(it *radiator.BacklogItem, change func(*radiator.BacklogItem)) {
		before := *it
		change(it)
		it.Version++
		it.UpdatedAt = at
		if inRelease(&before) || inRelease(it) {
			h.Want++
		}
		record(radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, &before, it)
	}

	for i := range 2 * historyFeatures {
		rel := release
		if i >= historyFeatures {
			rel = []int64{other1, other2}[i%2]
		}
		f := &radiator.BacklogItem{Kind: radiator.KindFeature, Title: fmt.Sprintf("Feature %d", i),
			Rank: fmt.Sprintf("f%04d", i), Estimate: ptr(float64(1 + i%5)), ReleaseID: &rel}
		create(f)
		if i%5 == 0 {
			to := other1
			if rel != release {
				to = release
			}
			update(f, func(it *radiator.BacklogItem) { it.ReleaseID = &to })
			update(f, func(it *radiator.BacklogItem) { it.ReleaseID = &rel })
		}
		update(f, func(it *radiator.BacklogItem) { it.Description = "What customers get from " + it.Title + "." })
		if i >= historyFeatures {
			continue
		}
		for s := range historyStoriesPer {
			st := &radiator.BacklogItem{Kind: radiator.KindStory, Title: fmt.Sprintf("Story %d of feature %d", s, i),
				ParentID: &f.ID, Rank: fmt.Sprintf("s%04d%02d", i, s), Estimate: ptr(3.0)}
			if s == 0 {
				st.ReleaseID = &rel
			}
			create(st)
		}
	}
	states := []string{radiator.StateReady, radiator.StateInProgress, radiator.StateDone}
	for i := 0; len(h.Events) < historyEvents; i++ {
		it := h.Items[i%len(h.Items)]
		update(it, func(it *radiator.BacklogItem) {
			it.State = states[i%len(states)]
			it.DoneAt = nil
			if it.State == radiator.StateDone {
				it.DoneAt = ptr(at)
			}
			it.Labels = []string{"release", fmt.Sprintf("week-%d", i%12)}
		})
	}
	h.AsOf = at.Add(time.Hour)
	return h
}

// Progress is what a release's progress page computes from the store.
type Progress struct {
	Burnup     *radiator.Burnup
	Throughput []radiator.ThroughputPeriod
	Forecast   radiator.Forecast
}

// ReleaseProgress computes a release's progress as of asOf, as the
// stores' benchmarks of the performance target measure it: the release's
// history read from the store and its burnup, the product's features read
// from the store and their throughput in the last six two-week periods,
// and the forecast.
func ReleaseProgress(tb testing.TB, s radiator.Store, r *radiator.Release, asOf time.Time) Progress {
	ctx := tb.Context()
	events, err := s.FindReleaseEvents(ctx, []int64{r.ID})
	must(tb, "FindReleaseEvents", err)
	var p Progress
	p.Burnup, err = radiator.NewBurnup(r, events, asOf)
	must(tb, "NewBurnup", err)
	features := walk(tb, "FindBacklogItems", radiator.MaxLimit, func(pg radiator.Page) ([]*radiator.BacklogItem, string, error) {
		return s.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: r.ProductID, Kind: radiator.KindFeature, Page: pg})
	})
	day := radiator.DateOf(asOf)
	p.Throughput = radiator.FeatureThroughput(features, day, 14, 6)
	last := p.Burnup.Points[len(p.Burnup.Points)-1]
	p.Forecast = radiator.NewForecast(radiator.ForecastInput{
		AsOf: day, Date: r.Date, Scope: last.Scope, Done: last.Done, PeriodDays: 14, Throughput: p.Throughput,
	})
	return p
}

// Check fails tb unless p, the progress of h's release as of h.AsOf, has
// what the benchmarks mean to measure: a burnup over the whole history,
// of most of the release's features and some of them done, with scope
// added and removed, and a forecast from throughput.
func (p Progress) Check(tb testing.TB, h *History) {
	tb.Helper()
	days := h.Releases[0].Start.DaysUntil(radiator.DateOf(h.AsOf)) + 1
	if n := len(p.Burnup.Points); n != days {
		tb.Fatalf("burnup of %d points, want %d, a day each from the start", n, days)
	}
	last := p.Burnup.Points[len(p.Burnup.Points)-1]
	if last.Features < historyFeatures*3/4 || last.FeaturesDone == 0 || last.Added == 0 || last.Removed == 0 {
		tb.Fatalf("last point of the burnup %+v, want most of %d features, some done, scope added and removed", last, historyFeatures)
	}
	var units float64
	for _, t := range p.Throughput {
		units += t.Units
	}
	if units == 0 || p.Forecast.Basis != 6 || p.Forecast.Outcome == radiator.OutcomeNoData {
		tb.Fatalf("forecast %+v from throughput %+v, want one from six periods with features accepted", p.Forecast, p.Throughput)
	}
}
