package chart

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

// change is what happened to a release on one day: units and features
// added to the scope (negative: removed) and accepted.
type change struct {
	day                  string
	scope, done          float64
	features, doneOfThem int
}

// burnup builds a release's burnup by hand from its start, date, last day
// and the changes of its days. What the release holds at the end of its
// first day is its initial scope; changes after it count as added or
// removed.
func burnup(start, date, last string, changes ...change) *radiator.Burnup {
	b := &radiator.Burnup{ReleaseID: 2, Start: day(start), Date: day(date)}
	var p radiator.BurnupPoint
	for d := day(start); !d.After(day(last)); d = d.AddDays(1) {
		p.Day = d
		for _, c := range changes {
			if day(c.day) != d {
				continue
			}
			p.Scope += c.scope
			p.Done += c.done
			p.Features += c.features
			p.FeaturesDone += c.doneOfThem
			switch {
			case d == day(start):
			case c.scope > 0:
				p.Added += c.scope
			case c.scope < 0:
				p.Removed -= c.scope
			}
		}
		p.Remaining = p.Scope - p.Done
		b.Points = append(b.Points, p)
	}
	return b
}

// release20 is release 2.0, from Monday 1 February to Friday 12 March
// 2027, seen at the end of Friday 26 February: 8 features of 20 units at
// the start, 3 units added on 10 Feb, 1 removed on 22 Feb and 2 added on
// 24 Feb (24 in all), 13 units of 7 features done.
func release20() *radiator.Burnup {
	return burnup("2027-02-01", "2027-03-12", "2027-02-26",
		change{day: "2027-02-01", scope: 20, features: 8},
		change{day: "2027-02-04", done: 2, doneOfThem: 1},
		change{day: "2027-02-09", done: 1, doneOfThem: 1},
		change{day: "2027-02-10", scope: 3, features: 1},
		change{day: "2027-02-11", done: 3, doneOfThem: 1},
		change{day: "2027-02-16", done: 2, doneOfThem: 1},
		change{day: "2027-02-18", done: 1, doneOfThem: 1},
		change{day: "2027-02-22", scope: -1, features: -1},
		change{day: "2027-02-23", done: 2, doneOfThem: 1},
		change{day: "2027-02-24", scope: 2, features: 1},
		change{day: "2027-02-25", done: 2, doneOfThem: 1},
	)
}

// baseline20 is release 2.0's baseline: 20 units, due on 5 March before
// the date moved to the 12th.
func baseline20() *radiator.Baseline {
	b := &radiator.Baseline{ID: 1, ReleaseID: 2, Date: day("2027-03-05"), TakenByName: "Ana"}
	for i, u := range []float64{3, 3, 2, 2, 3, 3, 2, 2} {
		b.Features = append(b.Features, radiator.BaselineFeature{ID: int64(10 + i), Title: "Feature", Units: u})
	}
	return b
}

// forecast20 is release 2.0's forecast on 26 February from paces of 3, 5
// and 8 units a fortnight, written out by hand: 16, 18 and 21 of 24 units
// by the date, 14 days on; all of it on 18 Mar, 29 Mar or 19 Apr.
func forecast20() *radiator.Forecast {
	finish := func(s string) *radiator.Date { d := day(s); return &d }
	return &radiator.Forecast{
		AsOf: day("2027-02-26"), Date: day("2027-03-12"), Scope: 24, Done: 13, Remaining: 11,
		PeriodDays: 14, Basis: 4,
		Pace:              radiator.ForecastRange{Pessimistic: 3, Likely: 5, Optimistic: 8},
		ByDate:            radiator.ForecastRange{Pessimistic: 16, Likely: 18, Optimistic: 21},
		FinishPessimistic: finish("2027-04-19"), FinishLikely: finish("2027-03-29"), FinishOptimistic: finish("2027-03-18"),
		Outcome: radiator.OutcomeOffTrack,
		Words:   "At the current pace, 16 to 21 of 24 feature units by 12 Mar 2027; all of it between 18 Mar and 19 Apr 2027.",
	}
}

// noThroughput is the forecast of a release whose product has accepted nothing
// yet.
func noThroughput(b *radiator.Burnup) *radiator.Forecast {
	last := b.Points[len(b.Points)-1]
	return &radiator.Forecast{
		AsOf: last.Day, Date: b.Date, Scope: last.Scope, Done: last.Done, Remaining: last.Remaining,
		ByDate:  radiator.ForecastRange{Pessimistic: last.Done, Likely: last.Done, Optimistic: last.Done},
		Outcome: radiator.OutcomeNoData,
		Words:   "No feature throughput yet to forecast from; " + num(last.Done) + " of " + units(last.Scope) + " done.",
	}
}

// lift raises a burnup's points by base, as radiator.NewProductBurnup
// does.
func lift(b *radiator.Burnup, base float64) []radiator.BurnupPoint {
	var pts []radiator.BurnupPoint
	for _, p := range b.Points {
		p.Scope += base
		p.Done += base
		pts = append(pts, p)
	}
	return pts
}

// product is a product's four releases: 1.0 (16 units, released 16 Oct
// 2026), 1.1 (12 units, 10 done by its date, 11 Dec, then 2 moved out),
// 2.0 in progress (release20) and 2.1 in planning, without points yet.
func product() *radiator.ProductBurnup {
	r10 := burnup("2026-09-07", "2026-10-16", "2026-10-16",
		change{day: "2026-09-07", scope: 14, features: 6},
		change{day: "2026-09-15", done: 3, doneOfThem: 1},
		change{day: "2026-09-22", done: 2, doneOfThem: 1},
		change{day: "2026-09-24", scope: 2, features: 1},
		change{day: "2026-09-30", done: 4, doneOfThem: 2},
		change{day: "2026-10-07", done: 4, doneOfThem: 2},
		change{day: "2026-10-14", done: 3, doneOfThem: 1},
	)
	r11 := burnup("2026-10-19", "2026-12-11", "2026-12-11",
		change{day: "2026-10-19", scope: 12, features: 5},
		change{day: "2026-10-30", done: 2, doneOfThem: 1},
		change{day: "2026-11-12", done: 3, doneOfThem: 1},
		change{day: "2026-11-20", done: 2, doneOfThem: 1},
		change{day: "2026-12-03", done: 3, doneOfThem: 1},
		change{day: "2026-12-11", scope: -2, features: -1},
	)
	r20 := release20()
	return &radiator.ProductBurnup{ProductID: 1, Releases: []radiator.ReleaseBand{
		{ReleaseID: 1, Name: "1.0", Start: r10.Start, Date: r10.Date, Phase: radiator.PhaseReleased, Base: 0, Points: lift(r10, 0)},
		{ReleaseID: 3, Name: "1.1", Start: r11.Start, Date: r11.Date, Phase: radiator.PhaseReleased, Base: 16, Points: lift(r11, 16)},
		{ReleaseID: 2, Name: "2.0", Start: r20.Start, Date: r20.Date, Phase: radiator.PhaseSprinting, Base: 26, Points: lift(r20, 26)},
		{ReleaseID: 4, Name: "2.1", Start: day("2027-03-15"), Date: day("2027-04-30"), Phase: radiator.PhasePlanning, Base: 50},
	}}
}

// releaseCharts are the golden cases of the release charts.
var releaseCharts = []struct {
	name   string
	render func() []byte
}{
	{"release-burnup", func() []byte {
		return ReleaseBurnup(release20(), forecast20(), baseline20(), day("2027-02-26"), "Release 2.0 burnup")
	}},
	{"release-burnup-empty", func() []byte {
		return ReleaseBurnup(&radiator.Burnup{ReleaseID: 2, Start: day("2027-02-01"), Date: day("2027-03-12")}, nil, nil, day("2027-01-28"), "Release 2.0 burnup")
	}},
	{"release-burnup-first-day", func() []byte {
		b := burnup("2027-02-01", "2027-03-12", "2027-02-01", change{day: "2027-02-01", scope: 20, features: 8})
		return ReleaseBurnup(b, noThroughput(b), baseline20(), day("2027-02-01"), "Release 2.0 burnup")
	}},
	{"release-burnup-done", func() []byte {
		b := burnup("2027-02-01", "2027-03-12", "2027-03-12",
			change{day: "2027-02-01", scope: 6, features: 3},
			change{day: "2027-02-17", done: 2, doneOfThem: 1},
			change{day: "2027-03-03", done: 4, doneOfThem: 2},
		)
		return ReleaseBurnup(b, nil, nil, day("2027-03-20"), "Release 2.0 burnup")
	}},
	{"release-burndown", func() []byte {
		return ReleaseBurndown(release20(), forecast20(), day("2027-02-26"), "Release 2.0 burndown")
	}},
	{"release-burndown-empty", func() []byte {
		return ReleaseBurndown(nil, nil, radiator.Date{}, "Release 2.0 burndown")
	}},
	{"product-burnup", func() []byte {
		return ProductBurnup(product(), day("2027-02-26"), "Releases of the Otters' product")
	}},
	{"product-burnup-empty", func() []byte {
		return ProductBurnup(&radiator.ProductBurnup{ProductID: 1}, day("2027-02-26"), "Releases of the Otters' product")
	}},
}

// checkWallDocument checks a release chart as checkDocument does, in the
// wall's frame.
func checkWallDocument(t testing.TB, doc []byte, title string) node {
	t.Helper()
	return checkFramed(t, doc, title, wallFrame)
}

func TestReleaseBurnupContent(t *testing.T) {
	doc := ReleaseBurnup(release20(), forecast20(), baseline20(), day("2027-02-26"), "Release 2.0")
	root := checkWallDocument(t, doc, "Release 2.0")
	texts := root.texts()
	for _, want := range []string{
		"done", "scope", "baseline", "forecast", "added", "removed",
		"scope 24", "baseline 20", "optimistic 21", "likely 18", "pessimistic 16", "13 done",
		"release 12 Mar", "planned 5 Mar", "today", "+3", "+2", "−1",
		"as of Fri 26 Feb · off track", "feature units", "1 Feb", "8 Feb", "1 Mar", "8 Mar",
	} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	wantDesc := "Release 2.0: 24 feature units in scope, 13 done, 11 remaining (7 of 9 features done), 5 added and 1 removed since the start, as of Friday 26 February; the baseline had 20 feature units and the date 5 Mar 2027; the release runs 1 Feb – 12 Mar 2027. At the current pace, 16 to 21 of 24 feature units by 12 Mar 2027; all of it between 18 Mar and 19 Apr 2027."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}
	// The baseline is dashed, and so are the three lines of the cone.
	if n := bytes.Count(doc, []byte(`stroke-dasharray="`+dashBaseline+`"`)); n != 3 {
		t.Errorf("%d lines dashed as the baseline, want 3 (its scope, its date, the legend)", n)
	}
	if n := bytes.Count(doc, []byte(`stroke-dasharray="`+dashRange+`"`)); n != 2 {
		t.Errorf("%d lines dashed as a forecast's bounds, want 2", n)
	}
	if n := bytes.Count(doc, []byte(`stroke-dasharray="`+dashLikely+`"`)); n != 1 {
		t.Errorf("%d lines dashed as the likely forecast, want 1", n)
	}
}

func TestReleaseBurnupEdges(t *testing.T) {
	first := burnup("2027-02-01", "2027-03-12", "2027-02-01", change{day: "2027-02-01", scope: 20, features: 8})
	nilFinish := forecast20()
	nilFinish.Pace.Pessimistic, nilFinish.ByDate.Pessimistic, nilFinish.FinishPessimistic = 0, 13, nil
	nilFinish.Words = "At the current pace, 13 to 21 of 24 feature units by 12 Mar 2027; all of it on 18 Mar 2027 at the earliest, never at the slowest recent pace."
	noneFinish := forecast20()
	noneFinish.Pace, noneFinish.ByDate = radiator.ForecastRange{}, radiator.ForecastRange{Pessimistic: 13, Likely: 13, Optimistic: 13}
	noneFinish.FinishPessimistic, noneFinish.FinishLikely, noneFinish.FinishOptimistic = nil, nil, nil
	zero := burnup("2027-02-01", "2027-03-12", "2027-02-10")
	done := release20()
	for i := range done.Points {
		done.Points[i].Done, done.Points[i].Remaining = done.Points[i].Scope, 0
	}

	for _, tt := range []struct {
		name       string
		b          *radiator.Burnup
		f          *radiator.Forecast
		base       *radiator.Baseline
		want       []string
		wantNot    []string
		wantInDesc string
	}{
		{name: "nil", want: []string{"No data yet"}, wantNot: []string{"today"}, wantInDesc: "Release 2.0: no data yet."},
		{name: "no points", b: &radiator.Burnup{Start: day("2027-02-01"), Date: day("2027-03-12")}, want: []string{"No data yet", "1 Feb", "8 Mar"},
			wantInDesc: "no data yet; the release runs 1 Feb – 12 Mar 2027."},
		{name: "no dates", b: &radiator.Burnup{Points: release20().Points}, want: []string{"13 done", "1 Feb", "22 Feb"}, wantNot: []string{"8 Mar"}},
		{name: "one point", b: first, f: noThroughput(first), base: baseline20(),
			want: []string{"scope 20", "baseline 20", "0 done", "as of Mon 1 Feb · no forecast yet"}, wantNot: []string{"forecast", "likely 0", "No data yet"},
			wantInDesc: "No feature throughput yet to forecast from; 0 of 20 feature units done."},
		{name: "scope zero", b: zero, want: []string{"scope 0", "0 done", "0", "1"}, wantNot: []string{"No data yet"},
			wantInDesc: "0 feature units in scope, 0 done, 0 remaining"},
		{name: "finish never at the slowest pace", b: release20(), f: nilFinish,
			want: []string{"pessimistic 13", "likely 18", "optimistic 21"}, wantInDesc: "never at the slowest recent pace"},
		{name: "no finish at all", b: release20(), f: noneFinish, want: []string{"pessimistic 13", "likely 13", "optimistic 13"}},
		{name: "all done", b: done, f: &radiator.Forecast{AsOf: day("2027-02-26"), Date: day("2027-03-12"), Scope: 24, Done: 24, Outcome: radiator.OutcomeDone, Words: "All 24 feature units done."},
			want: []string{"24 done", "as of Fri 26 Feb · all done"}, wantNot: []string{"forecast", "likely 24"}, wantInDesc: "All 24 feature units done."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := ReleaseBurnup(tt.b, tt.f, tt.base, day("2027-02-26"), "Release 2.0")
			root := checkWallDocument(t, doc, "Release 2.0")
			texts := root.texts()
			for _, want := range tt.want {
				if !slicesContain(texts, want) {
					t.Errorf("no text %q in the chart; texts: %q", want, texts)
				}
			}
			for _, not := range tt.wantNot {
				if slicesContain(texts, not) {
					t.Errorf("text %q in the chart; texts: %q", not, texts)
				}
			}
			if desc := root.Children[1].Text; !strings.Contains(desc, tt.wantInDesc) {
				t.Errorf("desc = %q, want it to hold %q", desc, tt.wantInDesc)
			}
		})
	}
}

func TestReleaseBurndownContent(t *testing.T) {
	doc := ReleaseBurndown(release20(), forecast20(), day("2027-02-26"), "Release 2.0")
	root := checkWallDocument(t, doc, "Release 2.0")
	texts := root.texts()
	for _, want := range []string{
		"remaining", "forecast", "scope added", "scope removed", "units left",
		"optimistic 3 left", "likely 6 left", "pessimistic 8 left", "11 left",
		"+3", "+2 −1", "release 12 Mar", "today", "as of Fri 26 Feb · off track",
	} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	wantDesc := "Release 2.0: 11 of 24 feature units remaining, 5 added and 1 removed since the start, as of Friday 26 February; the release runs 1 Feb – 12 Mar 2027. At the current pace, 16 to 21 of 24 feature units by 12 Mar 2027; all of it between 18 Mar and 19 Apr 2027."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}
	// One bar per day of change: two of scope added (filled), one of
	// scope removed (outlined).
	if n := bytes.Count(doc, []byte(`fill="`+colVermillion+`"><title>`)); n != 2 {
		t.Errorf("%d filled bars of scope added, want 2", n)
	}
	if n := bytes.Count(doc, []byte(`fill="`+colBackground+`" stroke="`+colVermillion+`" stroke-width="2" stroke-dasharray="4 2"><title>`)); n != 1 {
		t.Errorf("%d outlined bars of scope removed, want 1", n)
	}

	// Without changes of scope nothing is drawn under the axis.
	plain := burnup("2027-02-01", "2027-03-12", "2027-02-10", change{day: "2027-02-01", scope: 5}, change{day: "2027-02-05", done: 1})
	texts = checkWallDocument(t, ReleaseBurndown(plain, noThroughput(plain), radiator.Date{}, "Plain"), "Plain").texts()
	for _, not := range []string{"scope added", "scope removed", "scope changes", "changes", "forecast", "today"} {
		if slicesContain(texts, not) {
			t.Errorf("a release without changes or forecast: text %q; texts %q", not, texts)
		}
	}
	if !slicesContain(texts, "4 left") {
		t.Errorf("texts %q, want \"4 left\"", texts)
	}
}

func TestProductBurnupContent(t *testing.T) {
	doc := ProductBurnup(product(), day("2027-02-26"), "Otters")
	root := checkWallDocument(t, doc, "Otters")
	texts := root.texts()
	for _, want := range []string{
		"done, all releases", "released", "in progress", "planned", "release date",
		"1.0 · released 16 Oct · 16 of 16 done", "1.1 · released 11 Dec · 10 of 10 done",
		"2.0 · in progress, due 12 Mar · 13 of 24 done", "2.1 · planned, due 30 Apr · no scope yet",
		"39 done", "today", "as of Fri 26 Feb",
	} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	// Band names are bold.
	for _, name := range []string{"1.0", "1.1", "2.0", "2.1"} {
		if !bytes.Contains(doc, []byte(`<tspan font-weight="700">`+name+`</tspan>`)) {
			t.Errorf("band %s: no bold name", name)
		}
	}
	wantDesc := "Otters: 4 releases, 39 feature units done in all as of Friday 26 February. 1.0: released 16 Oct, 16 of 16 done. 1.1: released 11 Dec, 10 of 10 done. 2.0: in progress, due 12 Mar, 13 of 24 done. 2.1: planned, due 30 Apr, no scope yet."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}
	// Planned bands are told from the others by a dashed top, not their
	// colour alone.
	if n := bytes.Count(doc, []byte(`stroke="`+colIdeal+`" stroke-width="2.5" stroke-dasharray="`+dashBaseline+`"`)); n != 1 {
		t.Errorf("%d dashed band tops, want 1 (2.1)", n)
	}
	if n := bytes.Count(doc, []byte("<rect x=\""+coord(wallFrame.padLeft)+"\"")); n != 4 {
		t.Errorf("%d bands, want 4", n)
	}

	empty := checkWallDocument(t, ProductBurnup(nil, radiator.Date{}, ""), "Multi-release burnup")
	if !slicesContain(empty.texts(), "No data yet") {
		t.Errorf("a nil product burnup does not say it has no data")
	}
	planned := &radiator.ProductBurnup{Releases: []radiator.ReleaseBand{{Name: "3.0", Start: day("2027-05-03"), Date: day("2027-06-25"), Phase: radiator.PhasePlanning}}}
	root = checkWallDocument(t, ProductBurnup(planned, day("2027-02-26"), "P"), "P")
	if texts := root.texts(); !slicesContain(texts, "No data yet") || !slicesContain(texts, "3 May") {
		t.Errorf("releases without points: texts %q, want \"No data yet\" and their days", texts)
	}
	if got, want := root.Children[1].Text, "P: no data yet for its 1 release."; got != want {
		t.Errorf("desc = %q, want %q", got, want)
	}
}

func TestCumulativeDone(t *testing.T) {
	pt := func(d string, scope, done float64) radiator.BurnupPoint {
		return radiator.BurnupPoint{Day: day(d), Scope: scope, Done: done}
	}
	bands := []radiator.ReleaseBand{
		{Name: "A", Base: 0, Points: []radiator.BurnupPoint{pt("2027-01-04", 4, 1), pt("2027-01-05", 4, 3), pt("2027-01-06", 4, 4)}},
		// B overlaps A: work on it is done while A is not finished.
		{Name: "B", Base: 4, Points: []radiator.BurnupPoint{pt("2027-01-05", 7, 5), pt("2027-01-06", 7, 5), pt("2027-01-07", 7, 6)}},
		{Name: "C", Base: 7},
	}
	days := spanOf([]radiator.Date{day("2027-01-01"), day("2027-01-10")})
	got := cumulativeDone(bands, days)
	want := []dayDone{{day("2027-01-04"), 1}, {day("2027-01-05"), 4}, {day("2027-01-06"), 5}, {day("2027-01-07"), 6}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(dayDone{}, radiator.Date{})); diff != "" {
		t.Errorf("cumulativeDone (-want +got):\n%s", diff)
	}
	if got := cumulativeDone(bands[2:], days); len(got) != 0 {
		t.Errorf("cumulativeDone of a band without points = %v, want none", got)
	}
}

func TestSpread(t *testing.T) {
	for _, tt := range []struct {
		name string
		ys   []float64
		want []float64
	}{
		{"apart already", []float64{10, 50, 30}, []float64{10, 50, 30}},
		{"pushed down in order", []float64{40, 30, 35}, []float64{50, 30, 40}},
		{"held above the floor", []float64{95, 98}, []float64{90, 100}},
		{"held below the ceiling", []float64{-5, 2}, []float64{0, 10}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, spread(tt.ys, 10, 0, 100)); diff != "" {
				t.Errorf("spread(%v) (-want +got):\n%s", tt.ys, diff)
			}
		})
	}
}

func TestReleaseEscapesText(t *testing.T) {
	const hostile = "<script>&"
	p := product()
	p.Releases[1].Name = `"><script>alert(1)</script>`
	for _, tt := range []struct {
		name string
		doc  []byte
	}{
		{"burnup", ReleaseBurnup(release20(), forecast20(), baseline20(), day("2027-02-26"), hostile)},
		{"burndown", ReleaseBurndown(release20(), forecast20(), day("2027-02-26"), hostile)},
		{"product", ProductBurnup(p, day("2027-02-26"), hostile)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Contains(bytes.ToLower(tt.doc), []byte("<script")) {
				t.Errorf("the output holds a raw <script")
			}
			checkWallDocument(t, tt.doc, hostile)
		})
	}
}

func TestReleaseDefaultTitles(t *testing.T) {
	checkWallDocument(t, ReleaseBurnup(nil, nil, nil, radiator.Date{}, ""), "Release burnup")
	checkWallDocument(t, ReleaseBurndown(nil, nil, radiator.Date{}, ""), "Release burndown")
	checkWallDocument(t, ProductBurnup(nil, radiator.Date{}, ""), "Multi-release burnup")
}

// TestWallType guards readability on a wall: no text in a release chart
// is smaller than 14 units at its native width.
func TestWallType(t *testing.T) {
	for _, tt := range releaseCharts {
		t.Run(tt.name, func(t *testing.T) {
			var walk func(n node, size string)
			walk = func(n node, size string) {
				if s := n.attr("font-size"); s != "" {
					size = s
				}
				if n.XMLName.Local == "text" || n.XMLName.Local == "tspan" {
					if px, err := strconv.ParseFloat(size, 64); err != nil || px < 14 {
						t.Errorf("text %q at font-size %q, want at least 14", n.Text, size)
					}
				}
				for _, c := range n.Children {
					walk(c, size)
				}
			}
			walk(parse(t, tt.render()), "")
		})
	}
}
