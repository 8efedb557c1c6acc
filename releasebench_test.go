package radiator_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// benchRelease is a release of 200 features over four months, 1 February
// to 28 May 2027, seen on 20 May.
var (
	benchRelease = &radiator.Release{ID: 1, ProductID: 1, Name: "4.0", Start: radiator.MustDate("2027-02-01"),
		Date: radiator.MustDate("2027-05-28"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
	benchAsOf = at("2027-05-20 12:00")
)

// releaseEvents builds the history the store hands NewBurnup for a release
// of 200 features: about ten events a feature (created, sized, committed,
// described, made ready, re-ranked, started, renamed, done; some re-sized, re-opened, moved
// out or added late), with every event carrying the whole item's JSON as
// the store writes it, and the release's own events. Of a product's
// 100,000 events, FindReleaseEvents selects these; the stories' events
// stay in the database.
func releaseEvents(tb testing.TB) []*radiator.Event {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var evs []*radiator.Event
	add := func(at time.Time, kind string, id int64, before, after any) {
		e, err := radiator.NewEvent(radiator.Actor{PersonID: 3, Name: "Carla Chief"}, at, kind, id, radiator.ActionUpdate, before, after)
		if err != nil {
			tb.Fatal(err)
		}
		e.ID = int64(len(evs) + 1)
		evs = append(evs, e)
	}
	start := benchRelease.Start.Time()
	span := benchAsOf.Sub(start)
	type change struct {
		at   time.Time
		do   func(*radiator.BacklogItem)
		item *radiator.BacklogItem
	}
	var changes []change
	for i := range 200 {
		f := &radiator.BacklogItem{ID: int64(1000 + i), ProductID: 1, Kind: radiator.KindFeature, Title: fmt.Sprintf("Feature %d", i),
			Description: "As a customer I want the thing, so that the other thing happens; see the product brief for the details.",
			Rank:        fmt.Sprintf("i%04d", i), State: radiator.StateNew, AcceptanceCriteria: "Works on all supported browsers.",
			Labels: []string{"release-4"}, Version: 1, CreatedAt: start, UpdatedAt: start}
		created := start.Add(-time.Duration(rng.IntN(30*24)) * time.Hour)
		committed := created.Add(time.Hour)
		if i%10 == 0 { // added mid-release
			committed = start.Add(time.Duration(rng.Int64N(int64(span / 2))))
		}
		done := committed.Add(time.Duration(rng.Int64N(int64(benchAsOf.Sub(committed)))))
		ready := committed.Add(done.Sub(committed) / 4)
		started := committed.Add(done.Sub(committed) / 2)
		size := radiator.FeatureSizeNames[rng.IntN(len(radiator.FeatureSizeNames))]
		steps := []change{
			{at: created, do: func(it *radiator.BacklogItem) {}},
			{at: created.Add(time.Minute), do: func(it *radiator.BacklogItem) { it.SetSize(size) }},
			{at: committed, do: func(it *radiator.BacklogItem) { it.ReleaseID = &benchRelease.ID }},
			{at: committed.Add(time.Hour), do: func(it *radiator.BacklogItem) { it.Description += " More detail." }},
			{at: ready, do: func(it *radiator.BacklogItem) { it.State = radiator.StateReady }},
			{at: ready.Add(time.Hour), do: func(it *radiator.BacklogItem) { it.Rank += "m" }},
			{at: started, do: func(it *radiator.BacklogItem) { it.State = radiator.StateInProgress }},
			{at: started.Add(time.Hour), do: func(it *radiator.BacklogItem) { it.Title += " (v2)" }},
			{at: started.Add(90 * time.Minute), do: func(it *radiator.BacklogItem) { it.AcceptanceCriteria += " And on phones." }},
		}
		switch {
		case i%7 == 0: // re-sized
			steps = append(steps, change{at: started.Add(2 * time.Hour), do: func(it *radiator.BacklogItem) { it.SetSize("L") }})
		case i%13 == 0: // moved out
			steps = append(steps, change{at: started.Add(2 * time.Hour), do: func(it *radiator.BacklogItem) { it.ReleaseID = nil }})
		}
		if rng.IntN(3) > 0 {
			steps = append(steps, change{at: done, do: func(it *radiator.BacklogItem) { it.State = radiator.StateDone }})
			if i%11 == 0 { // re-opened
				steps = append(steps, change{at: done.Add(time.Hour), do: func(it *radiator.BacklogItem) { it.State = radiator.StateInProgress }})
			}
		}
		for _, s := range steps {
			s.item = f
			changes = append(changes, s)
		}
	}
	// Replay in time order, as the store recorded them.
	slices.SortStableFunc(changes, func(a, b change) int { return a.at.Compare(b.at) })
	last := map[int64]radiator.BacklogItem{}
	for _, c := range changes {
		var before any
		if b, ok := last[c.item.ID]; ok {
			before = b
		}
		c.do(c.item)
		c.item.Version++
		add(c.at, radiator.EntityBacklogItem, c.item.ID, before, *c.item)
		last[c.item.ID] = *c.item
	}
	r := *benchRelease
	for i := range 10 {
		old := r
		r.Goal = fmt.Sprintf("Goal, take %d", i)
		add(start.Add(time.Duration(i)*24*time.Hour), radiator.EntityRelease, r.ID, old, r)
	}
	return evs
}

// productFeatures is the product's features as FeatureThroughput reads
// them: those of the release and 400 of earlier releases, done over the
// last year.
func productFeatures(rng *rand.Rand) []*radiator.BacklogItem {
	var fs []*radiator.BacklogItem
	for i := range 600 {
		f := feature(int64(1000+i), "Feature", float64(1+rng.IntN(3)), radiator.StateDone)
		doneAt := benchAsOf.Add(-time.Duration(rng.IntN(365*24)) * time.Hour)
		f.DoneAt = &doneAt
		if i < 200 && rng.IntN(3) == 0 {
			f.State, f.DoneAt = radiator.StateInProgress, nil
		}
		fs = append(fs, f)
	}
	return fs
}

// BenchmarkReleaseBurnup computes what the release's progress page shows:
// the burnup from the release's history, the product's feature throughput
// over the last six two-week periods and the forecast.
func BenchmarkReleaseBurnup(b *testing.B) {
	evs := releaseEvents(b)
	features := productFeatures(rand.New(rand.NewPCG(3, 4)))
	for b.Loop() {
		bu, err := radiator.NewBurnup(benchRelease, evs, benchAsOf)
		if err != nil {
			b.Fatal(err)
		}
		last := bu.Points[len(bu.Points)-1]
		asOf := radiator.DateOf(benchAsOf)
		f := radiator.NewForecast(radiator.ForecastInput{
			AsOf: asOf, Date: benchRelease.Date, Scope: last.Scope, Done: last.Done, PeriodDays: 14,
			Throughput: radiator.FeatureThroughput(features, asOf, 14, 6),
		})
		if f.Outcome == "" {
			b.Fatal("no forecast")
		}
	}
	b.ReportMetric(float64(len(evs)), "events")
}

// boardBench is a release board of 12 teams sprinting in step through six
// two-week sprints, 200 features of 15 stories each spread over two to
// four teams (3,000 stories), a hot fix of five features and 300
// dependencies.
func boardBench() radiator.ReleaseBoardInput {
	rng := rand.New(rand.NewPCG(5, 6))
	in := radiator.ReleaseBoardInput{
		Release:  &radiator.Release{ID: 1, Start: radiator.MustDate("2027-02-01"), Date: radiator.MustDate("2027-04-26")},
		Hotfixes: []*radiator.Release{{ID: 9, Kind: radiator.ReleaseHotfix}},
	}
	for t := range 12 {
		team := int64(t + 1)
		in.Teams = append(in.Teams, &radiator.Team{ID: team, Name: fmt.Sprintf("Team %d", team)})
		for s := range 6 {
			start := in.Release.Start.AddDays(14 * s)
			sp := openSprint(team*100+int64(s), team, start.String(), start.AddDays(11).String(), radiator.SprintPlanned)
			sp.Name = fmt.Sprintf("Sprint %d", 20+s)
			in.Sprints = append(in.Sprints, sp)
		}
	}
	states := radiator.ItemStates
	for i := range 205 {
		f := feature(int64(10000+i), fmt.Sprintf("Feature %d", i), 1, radiator.StateInProgress)
		if i >= 200 {
			f.ReleaseID = ptr(int64(9))
		}
		in.Features = append(in.Features, f)
		teams := 2 + rng.IntN(3)
		first := rng.IntN(12)
		n := 15
		if i >= 200 {
			n = 2
		}
		for s := range n {
			team := int64((first+s%teams)%12 + 1)
			sprint := team*100 + int64(rng.IntN(6))
			if rng.IntN(8) == 0 {
				sprint = 0
			}
			st := story(int64(100000+15*i+s), f.ID, team, sprint, float64(1+rng.IntN(8)), states[rng.IntN(len(states))])
			st.Rank = fmt.Sprintf("r%05d", 15*i+s)
			in.Stories = append(in.Stories, st)
		}
	}
	for d := range 300 {
		from, to := in.Stories[rng.IntN(len(in.Stories))].ID, in.Stories[rng.IntN(len(in.Stories))].ID
		if d%3 == 0 {
			to = in.Features[rng.IntN(len(in.Features))].ID
		}
		in.Dependencies = append(in.Dependencies, &radiator.Dependency{ID: int64(d + 1), ItemID: from, DependsOnID: to, State: radiator.DependencyOpen})
	}
	return in
}

// BenchmarkReleaseBoard lays out the release board of boardBench.
func BenchmarkReleaseBoard(b *testing.B) {
	in := boardBench()
	for b.Loop() {
		board := radiator.NewReleaseBoard(in)
		if len(board.Columns) != 6 || len(board.Rows) != 13 {
			b.Fatalf("board of %d columns and %d rows, want 6 and 13", len(board.Columns), len(board.Rows))
		}
	}
	b.ReportMetric(float64(len(in.Stories)), "stories")
}

// TestBenchmarkInputs checks that the benchmarks measure what they claim.
func TestBenchmarkInputs(t *testing.T) {
	evs := releaseEvents(t)
	if n := len(evs); n < 1800 || n > 2200 {
		t.Errorf("%d release events, want about 2,000 (200 features × 10)", n)
	}
	bu, err := radiator.NewBurnup(benchRelease, evs, benchAsOf)
	if err != nil {
		t.Fatal(err)
	}
	last := bu.Points[len(bu.Points)-1]
	if last.Features < 150 || last.FeaturesDone == 0 || last.Added == 0 || last.Removed == 0 {
		t.Errorf("last point %+v, want most of 200 features, some done, some added and removed", last)
	}
	raw, _ := json.Marshal(evs[0])
	if len(raw) < 500 {
		t.Errorf("an event is %d bytes of JSON, want a whole item's", len(raw))
	}
	in := boardBench()
	if n := len(in.Stories); n < 3000 {
		t.Errorf("%d stories, want 3,000", n)
	}
}
