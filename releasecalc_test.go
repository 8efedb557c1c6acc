package radiator_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

// noEstimate stands for a feature without an estimate, which counts one
// unit.
const noEstimate = -1

// itemJSON writes a backlog item as events hold it.
func itemJSON(kind string, item, release int64, estimate float64, state string) json.RawMessage {
	it := radiator.BacklogItem{ID: item, ProductID: 1, Kind: kind, Title: titleOf(item), State: state}
	if release != 0 {
		it.ReleaseID = &release
	}
	if estimate != noEstimate {
		it.Estimate = &estimate
	}
	b, err := json.Marshal(it)
	if err != nil {
		panic(err)
	}
	return b
}

func titleOf(item int64) string { return "Feature " + string(rune('A'+item%26)) }

// featureEvent makes the event of a change of feature item to the release,
// estimate and state; before is the item's JSON before it (nil on create).
func featureEvent(id int64, when string, item, release int64, estimate float64, state string) *radiator.Event {
	return &radiator.Event{
		ID: id, At: at(when), ActorName: "Carla", EntityKind: radiator.EntityBacklogItem, EntityID: item,
		Action: radiator.ActionUpdate, Before: json.RawMessage("null"), After: itemJSON(radiator.KindFeature, item, release, estimate, state),
	}
}

// releaseHistory is a release written out by hand: release 1 starts on
// Monday 1 March 2027; its date, 12 March, moves to 19 March on the 6th.
// Each event's Before is its item's previous After.
func releaseHistory() []*radiator.Event {
	evs := []*radiator.Event{
		featureEvent(1, "2027-02-26 10:00", 10, 1, noEstimate, radiator.StateNew), // 1 unit
		featureEvent(2, "2027-02-26 10:05", 11, 1, 2, radiator.StateNew),
		featureEvent(3, "2027-03-01 09:00", 12, 1, 3, radiator.StateNew), // on the first day: initial scope
		featureEvent(4, "2027-03-02 15:00", 10, 1, noEstimate, radiator.StateDone),
		featureEvent(5, "2027-03-03 11:00", 13, 1, 2, radiator.StateNew), // added mid-release
		{ID: 6, At: at("2027-03-03 12:00"), EntityKind: radiator.EntityBacklogItem, EntityID: 30, Action: radiator.ActionCreate,
			Before: json.RawMessage("null"), After: itemJSON(radiator.KindStory, 30, 1, 8, radiator.StateDone)}, // a story: ignored
		featureEvent(7, "2027-03-04 10:00", 11, 1, 2, radiator.StateDone),
		featureEvent(8, "2027-03-05 16:00", 11, 1, 2, radiator.StateInProgress), // re-opened
		featureEvent(9, "2027-03-05 17:00", 12, 1, 2, radiator.StateNew),        // re-sized 3 -> 2
		{ID: 10, At: at("2027-03-06 09:00"), ActorName: "Dan", EntityKind: radiator.EntityRelease, EntityID: 1, Action: radiator.ActionUpdate,
			Before: json.RawMessage(`{"id":1,"name":"R1","date":"2027-03-12"}`), After: json.RawMessage(`{"id":1,"name":"R1","date":"2027-03-19"}`)},
		featureEvent(11, "2027-03-08 10:00", 14, 2, 5, radiator.StateNew), // another release
		featureEvent(12, "2027-03-08 11:00", 13, 2, 2, radiator.StateNew), // moved to release 2
		featureEvent(13, "2027-03-09 09:00", 12, 1, 2, radiator.StateDone),
		{ID: 14, At: at("2027-03-10 14:00"), ActorName: "Carla", EntityKind: radiator.EntityBacklogItem, EntityID: 10, Action: radiator.ActionDelete,
			After: json.RawMessage("null")},
	}
	last := map[int64]json.RawMessage{}
	for _, e := range evs {
		if e.EntityKind != radiator.EntityBacklogItem {
			continue
		}
		if b, ok := last[e.EntityID]; ok {
			e.Before = b
		}
		last[e.EntityID] = e.After
	}
	return evs
}

func release1() *radiator.Release {
	return &radiator.Release{ID: 1, ProductID: 1, Name: "R1", Start: radiator.MustDate("2027-03-01"), Date: radiator.MustDate("2027-03-19"),
		Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
}

type burnupRow struct {
	Day                                    string
	Scope, Done, Remaining, Added, Removed float64
	Features, FeaturesDone                 int
}

func burnupRows(b *radiator.Burnup) []burnupRow {
	var rows []burnupRow
	for _, p := range b.Points {
		rows = append(rows, burnupRow{p.Day.String(), p.Scope, p.Done, p.Remaining, p.Added, p.Removed, p.Features, p.FeaturesDone})
	}
	return rows
}

func TestBurnup(t *testing.T) {
	b, err := radiator.NewBurnup(release1(), releaseHistory(), at("2027-03-10 15:00"))
	if err != nil {
		t.Fatal(err)
	}
	want := []burnupRow{
		{"2027-03-01", 6, 0, 6, 0, 0, 3, 0}, // 1 + 2 + 3
		{"2027-03-02", 6, 1, 5, 0, 0, 3, 1},
		{"2027-03-03", 8, 1, 7, 2, 0, 4, 1}, // feature 13 added
		{"2027-03-04", 8, 3, 5, 2, 0, 4, 2},
		{"2027-03-05", 7, 1, 6, 2, 1, 4, 1}, // 11 re-opened, 12 re-sized
		{"2027-03-06", 7, 1, 6, 2, 1, 4, 1}, // the date moved: no change of scope
		{"2027-03-07", 7, 1, 6, 2, 1, 4, 1},
		{"2027-03-08", 5, 1, 4, 2, 3, 3, 1}, // 13 moved to release 2
		{"2027-03-09", 5, 3, 2, 2, 3, 3, 2},
		{"2027-03-10", 4, 2, 2, 2, 4, 2, 1}, // 10, done, deleted
	}
	if diff := cmp.Diff(want, burnupRows(b)); diff != "" {
		t.Errorf("burnup points (-want +got):\n%s", diff)
	}
	if b.ReleaseID != 1 || b.Start != radiator.MustDate("2027-03-01") || b.Date != radiator.MustDate("2027-03-19") {
		t.Errorf("burnup = release %d from %s to %s, want release 1 from 2027-03-01 to 2027-03-19", b.ReleaseID, b.Start, b.Date)
	}
}

func TestBurnupSpan(t *testing.T) {
	tests := []struct {
		name        string
		asOf        string
		first, last string
		points      int
	}{
		{"before the start", "2027-02-28 23:59", "", "", 0},
		{"on the first day", "2027-03-01 08:00", "2027-03-01", "2027-03-01", 1},
		{"after the moved date", "2027-04-30 12:00", "2027-03-01", "2027-03-19", 19},
		{"late on the second day", "2027-03-02 23:30", "2027-03-01", "2027-03-02", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := radiator.NewBurnup(release1(), releaseHistory(), at(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Points) != tt.points {
				t.Fatalf("%d points, want %d", len(b.Points), tt.points)
			}
			if b.Points == nil {
				t.Error("Points is nil, want an empty list")
			}
			if tt.points > 0 {
				if first, last := b.Points[0].Day.String(), b.Points[len(b.Points)-1].Day.String(); first != tt.first || last != tt.last {
					t.Errorf("points from %s to %s, want %s to %s", first, last, tt.first, tt.last)
				}
			}
		})
	}
	// A time in another zone is taken as its UTC day: 01:30 in Berlin on
	// the 3rd is still the 2nd in UTC.
	berlin := time.FixedZone("CET", 3600)
	b, err := radiator.NewBurnup(release1(), releaseHistory(), time.Date(2027, 3, 3, 0, 30, 0, 0, berlin))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Points[len(b.Points)-1].Day.String(); got != "2027-03-02" {
		t.Errorf("last point on %s, want the UTC day 2027-03-02", got)
	}
}

func TestBurnupBadEvent(t *testing.T) {
	evs := []*radiator.Event{{ID: 1, At: at("2027-03-01 10:00"), EntityKind: radiator.EntityBacklogItem, EntityID: 3, After: json.RawMessage(`{"estimate":"big"}`)}}
	if _, err := radiator.NewBurnup(release1(), evs, at("2027-03-05 10:00")); err == nil {
		t.Error("NewBurnup read an unreadable event without error")
	}
}

// TestBurnupDoneNeverExceedsScope replays random histories of features
// joining, leaving, growing, shrinking, finishing and re-opening.
func TestBurnupDoneNeverExceedsScope(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 5))
	states := radiator.ItemStates
	r := release1()
	for round := range 300 {
		var evs []*radiator.Event
		start := r.Start.Time().Add(-48 * time.Hour)
		for i := range 60 {
			estimate := float64(rng.IntN(11)) / 2
			if rng.IntN(5) == 0 {
				estimate = noEstimate
			}
			e := featureEvent(int64(i+1), "2027-03-01 00:00", int64(rng.IntN(8)+1), int64(rng.IntN(2)+1), estimate, states[rng.IntN(len(states))])
			e.At = start.Add(time.Duration(i) * 8 * time.Hour)
			if rng.IntN(10) == 0 {
				e.Action, e.After = radiator.ActionDelete, json.RawMessage("null")
			}
			evs = append(evs, e)
		}
		b, err := radiator.NewBurnup(r, evs, at("2027-03-30 00:00"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range b.Points {
			if p.Done > p.Scope || p.Done < 0 || p.FeaturesDone > p.Features || p.Remaining != p.Scope-p.Done {
				t.Fatalf("round %d, %s: done %v of scope %v (%d of %d features), remaining %v",
					round, p.Day, p.Done, p.Scope, p.FeaturesDone, p.Features, p.Remaining)
			}
		}
		if n := len(b.Points); n > 1 {
			first, last := b.Points[0], b.Points[n-1]
			if got := first.Scope + last.Added - last.Removed; got != last.Scope {
				t.Fatalf("round %d: first scope %v + added %v - removed %v = %v, want the last scope %v",
					round, first.Scope, last.Added, last.Removed, got, last.Scope)
			}
		}
	}
}

func TestFeatureThroughput(t *testing.T) {
	done := func(id int64, when string, estimate float64) *radiator.BacklogItem {
		it := &radiator.BacklogItem{ID: id, Kind: radiator.KindFeature, State: radiator.StateDone}
		if when != "" {
			doneAt := at(when)
			it.DoneAt = &doneAt
		}
		if estimate != noEstimate {
			it.Estimate = &estimate
		}
		return it
	}
	reopened := done(7, "2027-02-20 10:00", 3)
	reopened.State = radiator.StateInProgress
	features := []*radiator.BacklogItem{
		done(1, "2027-02-08 00:30", noEstimate), // first day of the first period
		done(2, "2027-02-14 23:59", 2),          // its last day
		done(3, "2027-02-15 09:00", 0.5),
		done(4, "2027-03-01 08:00", 5), // asOf's own day: not a whole period yet
		done(5, "2027-02-07 18:00", 8), // before the first period
		done(6, "", 1),                 // done without a time
		reopened,
	}
	got := radiator.FeatureThroughput(features, radiator.MustDate("2027-03-01"), 7, 3)
	want := []radiator.ThroughputPeriod{
		{Start: radiator.MustDate("2027-02-08"), End: radiator.MustDate("2027-02-14"), Units: 3, Features: 2},
		{Start: radiator.MustDate("2027-02-15"), End: radiator.MustDate("2027-02-21"), Units: 0.5, Features: 1},
		{Start: radiator.MustDate("2027-02-22"), End: radiator.MustDate("2027-02-28"), Units: 0, Features: 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FeatureThroughput (-want +got):\n%s", diff)
	}
	if got := radiator.FeatureThroughput(features, radiator.MustDate("2027-03-01"), 0, 3); got != nil {
		t.Errorf("FeatureThroughput with 0-day periods = %v, want nil", got)
	}
}

// throughput makes periods of 14 days with the given units.
func throughput(units ...float64) []radiator.ThroughputPeriod {
	var ps []radiator.ThroughputPeriod
	for _, u := range units {
		ps = append(ps, radiator.ThroughputPeriod{Units: u})
	}
	return ps
}

func datep(s string) *radiator.Date {
	d := radiator.MustDate(s)
	return &d
}

func TestForecast(t *testing.T) {
	// From Monday 1 March 2027 to 29 March: 28 days, two periods of 14.
	tests := []struct {
		name       string
		scope      float64
		done       float64
		throughput []radiator.ThroughputPeriod
		want       radiator.Forecast
	}{
		{
			name: "off track", scope: 20, done: 6, throughput: throughput(2, 5, 3, 4),
			want: radiator.Forecast{
				Remaining: 14, Basis: 4,
				Pace:   radiator.ForecastRange{Pessimistic: 2, Likely: 3.5, Optimistic: 5},
				ByDate: radiator.ForecastRange{Pessimistic: 10, Likely: 13, Optimistic: 16},
				// 14 / 2 × 14 = 98 days; 14 / 3.5 × 14 = 56; 14 / 5 × 14 = 39.2, so 40.
				FinishPessimistic: datep("2027-06-07"), FinishLikely: datep("2027-04-26"), FinishOptimistic: datep("2027-04-10"),
				Outcome: radiator.OutcomeOffTrack,
				Words:   "At the current pace, 10 to 16 of 20 feature units by 29 Mar 2027; all of it between 10 Apr and 7 Jun 2027.",
			},
		},
		{
			name: "on track", scope: 10, done: 6, throughput: throughput(4, 6, 4),
			want: radiator.Forecast{
				Remaining: 4, Basis: 3,
				Pace:              radiator.ForecastRange{Pessimistic: 4, Likely: 4, Optimistic: 6},
				ByDate:            radiator.ForecastRange{Pessimistic: 10, Likely: 10, Optimistic: 10}, // capped at the scope
				FinishPessimistic: datep("2027-03-15"), FinishLikely: datep("2027-03-15"), FinishOptimistic: datep("2027-03-11"),
				Outcome: radiator.OutcomeOnTrack,
				Words:   "At the current pace, 10 of 10 feature units by 29 Mar 2027; all of it between 11 Mar and 15 Mar 2027.",
			},
		},
		{
			name: "at risk, the likely pace finishing on the date", scope: 10, done: 2, throughput: throughput(8, 1, 4),
			want: radiator.Forecast{
				Remaining: 8, Basis: 3,
				Pace:              radiator.ForecastRange{Pessimistic: 1, Likely: 4, Optimistic: 8},
				ByDate:            radiator.ForecastRange{Pessimistic: 4, Likely: 10, Optimistic: 10},
				FinishPessimistic: datep("2027-06-21"), FinishLikely: datep("2027-03-29"), FinishOptimistic: datep("2027-03-15"),
				Outcome: radiator.OutcomeAtRisk,
				Words:   "At the current pace, 4 to 10 of 10 feature units by 29 Mar 2027; all of it between 15 Mar and 21 Jun 2027.",
			},
		},
		{
			name: "a period without features", scope: 10, done: 2, throughput: throughput(0, 2),
			want: radiator.Forecast{
				Remaining: 8, Basis: 2,
				Pace:              radiator.ForecastRange{Pessimistic: 0, Likely: 1, Optimistic: 2},
				ByDate:            radiator.ForecastRange{Pessimistic: 2, Likely: 4, Optimistic: 6},
				FinishPessimistic: nil, FinishLikely: datep("2027-06-21"), FinishOptimistic: datep("2027-04-26"),
				Outcome: radiator.OutcomeOffTrack,
				Words:   "At the current pace, 2 to 6 of 10 feature units by 29 Mar 2027; all of it on 26 Apr 2027 at the earliest, never at the slowest recent pace.",
			},
		},
		{
			name: "no feature accepted lately", scope: 10, done: 2, throughput: throughput(0, 0),
			want: radiator.Forecast{
				Remaining: 8, Basis: 2,
				ByDate:  radiator.ForecastRange{Pessimistic: 2, Likely: 2, Optimistic: 2},
				Outcome: radiator.OutcomeOffTrack,
				Words:   "At the current pace, 2 of 10 feature units by 29 Mar 2027; no feature was accepted in the recent periods, so there is no telling when all of it would be done.",
			},
		},
		{
			name: "no data", scope: 10, done: 2.5,
			want: radiator.Forecast{
				Remaining: 7.5,
				ByDate:    radiator.ForecastRange{Pessimistic: 2.5, Likely: 2.5, Optimistic: 2.5},
				Outcome:   radiator.OutcomeNoData,
				Words:     "No feature throughput yet to forecast from; 2.5 of 10 feature units done.",
			},
		},
		{
			name: "done", scope: 1, done: 1, throughput: throughput(3),
			want: radiator.Forecast{
				ByDate:            radiator.ForecastRange{Pessimistic: 1, Likely: 1, Optimistic: 1},
				FinishPessimistic: datep("2027-03-01"), FinishLikely: datep("2027-03-01"), FinishOptimistic: datep("2027-03-01"),
				Outcome: radiator.OutcomeDone,
				Words:   "All 1 feature unit done.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := radiator.ForecastInput{AsOf: radiator.MustDate("2027-03-01"), Date: radiator.MustDate("2027-03-29"),
				Scope: tt.scope, Done: tt.done, PeriodDays: 14, Throughput: tt.throughput}
			want := tt.want
			want.AsOf, want.Date, want.Scope, want.Done, want.PeriodDays = in.AsOf, in.Date, tt.scope, tt.done, 14
			if diff := cmp.Diff(want, radiator.NewForecast(in)); diff != "" {
				t.Errorf("NewForecast (-want +got):\n%s", diff)
			}
		})
	}
}

func TestForecastAcrossYears(t *testing.T) {
	f := radiator.NewForecast(radiator.ForecastInput{AsOf: radiator.MustDate("2027-12-01"), Date: radiator.MustDate("2027-12-15"),
		Scope: 10, Done: 4, PeriodDays: 14, Throughput: throughput(1, 3)})
	want := "At the current pace, 5 to 7 of 10 feature units by 15 Dec 2027; all of it between 29 Dec 2027 and 23 Feb 2028."
	if f.Words != want {
		t.Errorf("Words = %q, want %q", f.Words, want)
	}
}

// TestForecastRangeOrdered checks, on random inputs, that the pessimistic
// figure never beats the likely one, nor the likely the optimistic.
func TestForecastRangeOrdered(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	before := func(a, b *radiator.Date) bool { // a finishes no later than b
		return b == nil || a != nil && !a.After(*b)
	}
	for i := range 2000 {
		asOf := radiator.MustDate("2027-01-04").AddDays(rng.IntN(60))
		scope := float64(rng.IntN(81)) / 2
		in := radiator.ForecastInput{
			AsOf: asOf, Date: asOf.AddDays(rng.IntN(120) - 10), Scope: scope, Done: scope * rng.Float64(),
			PeriodDays: 1 + rng.IntN(28),
		}
		for range rng.IntN(7) {
			in.Throughput = append(in.Throughput, radiator.ThroughputPeriod{Units: float64(rng.IntN(25)) / 2})
		}
		f := radiator.NewForecast(in)
		ordered := f.Pace.Pessimistic <= f.Pace.Likely && f.Pace.Likely <= f.Pace.Optimistic &&
			f.ByDate.Pessimistic <= f.ByDate.Likely && f.ByDate.Likely <= f.ByDate.Optimistic &&
			f.ByDate.Optimistic <= f.Scope && f.ByDate.Pessimistic >= 0 &&
			before(f.FinishOptimistic, f.FinishLikely) && before(f.FinishLikely, f.FinishPessimistic)
		if !ordered {
			t.Fatalf("case %d: %+v gives an unordered forecast %+v", i, in, f)
		}
	}
}

func TestProductBurnup(t *testing.T) {
	r1, r2 := release1(), release1()
	r2.ID, r2.Name, r2.Start, r2.Date = 2, "R2", radiator.MustDate("2027-03-20"), radiator.MustDate("2027-04-30")
	hot := release1()
	hot.ID, hot.Name, hot.Kind, hot.Date = 3, "Hot fix", radiator.ReleaseHotfix, radiator.MustDate("2027-03-05")
	pt := func(day string, scope, done float64) radiator.BurnupPoint {
		return radiator.BurnupPoint{Day: radiator.MustDate(day), Scope: scope, Done: done, Remaining: scope - done, Added: 1}
	}
	b1 := &radiator.Burnup{ReleaseID: 1, Points: []radiator.BurnupPoint{pt("2027-03-01", 5, 2), pt("2027-03-19", 6, 6)}}
	b2 := &radiator.Burnup{ReleaseID: 2, Points: []radiator.BurnupPoint{pt("2027-03-20", 3, 0), pt("2027-03-21", 4, 1)}}
	bh := &radiator.Burnup{ReleaseID: 3, Points: []radiator.BurnupPoint{pt("2027-03-02", 1, 0)}}

	got := radiator.NewProductBurnup(1, []*radiator.Release{r2, hot, r1}, []*radiator.Burnup{b2, bh, b1})
	want := &radiator.ProductBurnup{ProductID: 1, Releases: []radiator.ReleaseBand{
		{ReleaseID: 1, Name: "R1", Start: r1.Start, Date: r1.Date, Phase: r1.Phase, Base: 0,
			Points: []radiator.BurnupPoint{pt("2027-03-01", 5, 2), pt("2027-03-19", 6, 6)}},
		{ReleaseID: 2, Name: "R2", Start: r2.Start, Date: r2.Date, Phase: r2.Phase, Base: 6, Points: []radiator.BurnupPoint{
			{Day: radiator.MustDate("2027-03-20"), Scope: 9, Done: 6, Remaining: 3, Added: 1},
			{Day: radiator.MustDate("2027-03-21"), Scope: 10, Done: 7, Remaining: 3, Added: 1},
		}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewProductBurnup (-want +got):\n%s", diff)
	}
	if b2.Points[0].Scope != 3 {
		t.Errorf("NewProductBurnup changed its input: R2's first scope is %v, want 3", b2.Points[0].Scope)
	}

	// A release not begun yet has no points and lifts nothing.
	got = radiator.NewProductBurnup(1, []*radiator.Release{r1, r2}, []*radiator.Burnup{{ReleaseID: 1}, b2})
	if n, base := len(got.Releases[0].Points), got.Releases[1].Base; n != 0 || base != 0 {
		t.Errorf("after a release without points: %d points and next base %v, want 0 and 0", n, base)
	}
}

func TestChangesSinceBaseline(t *testing.T) {
	b := &radiator.Baseline{ID: 1, ReleaseID: 1, TakenAt: at("2027-03-01 12:00"), Date: radiator.MustDate("2027-03-12")}
	got, err := radiator.ChangesSinceBaseline(b, releaseHistory())
	if err != nil {
		t.Fatal(err)
	}
	want := []radiator.ReleaseChange{
		{At: at("2027-03-03 11:00"), ActorName: "Carla", Kind: radiator.ChangeFeatureAdded, ItemID: 13, Title: "Feature N", Units: 2},
		{At: at("2027-03-05 17:00"), ActorName: "Carla", Kind: radiator.ChangeFeatureResized, ItemID: 12, Title: "Feature M", Units: -1, From: "3", To: "2"},
		{At: at("2027-03-06 09:00"), ActorName: "Dan", Kind: radiator.ChangeDateMoved, From: "2027-03-12", To: "2027-03-19"},
		{At: at("2027-03-08 11:00"), ActorName: "Carla", Kind: radiator.ChangeFeatureRemoved, ItemID: 13, Title: "Feature N", Units: -2},
		{At: at("2027-03-10 14:00"), ActorName: "Carla", Kind: radiator.ChangeFeatureRemoved, ItemID: 10, Title: "Feature K", Units: -1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChangesSinceBaseline (-want +got):\n%s", diff)
	}

	b.TakenAt = at("2027-03-20 00:00")
	if got, err := radiator.ChangesSinceBaseline(b, releaseHistory()); err != nil || got == nil || len(got) != 0 {
		t.Errorf("ChangesSinceBaseline after the last event = %v, %v; want an empty list", got, err)
	}

	bad := []*radiator.Event{{ID: 1, At: at("2027-03-21 10:00"), EntityKind: radiator.EntityRelease, EntityID: 1, Before: json.RawMessage(`{"date":"12 March"}`)}}
	if _, err := radiator.ChangesSinceBaseline(b, bad); err == nil {
		t.Error("ChangesSinceBaseline read an unreadable date without error")
	}
}
