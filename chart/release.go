package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/radiator-hq/radiator"
)

// wallFrame is the frame of the release charts, shown on a wall at the
// Scrum of Scrums: 960 by 540, the shape of the screens they are shown on
// (1920 by 1080, 3840 by 2160), with type that stays legible from across
// the room.
var wallFrame = frame{
	width: 960, height: 540,
	padLeft: 84, padRight: 24, plotTop: 120, plotBottom: 474,
	titleSize: 28, labelSize: 17, smallSize: 15,
	titleY: 42, legendY: 80, drop: 6,
}

// Dashes tell the lines of a release chart apart without their colours.
const (
	dashBaseline = "9 6"
	dashLikely   = "12 6"
	dashRange    = "3 5"
	dashToday    = "5 5"
	dashFuture   = "2 6"
)

// ReleaseBurnup draws a release's burnup in feature units: the units done
// per day (a line rising from the release's start) and the scope (a step
// line, so that scope added or removed shows as a step with its amount
// marked, apart from progress), over every day from the release's start to
// its date. A baseline, if given, is a dashed reference line at its scope,
// and a dashed milestone at its date when the date has moved since. A
// forecast that projects (one with a pace, something left and days to go)
// is a cone from its day's units done to the pessimistic, likely and
// optimistic units done by the release date, each labelled. The release
// date is a labelled milestone line, today a dashed line when it falls
// within the release. A nil burnup or one without points gives an empty
// chart that says so.
func ReleaseBurnup(b *radiator.Burnup, f *radiator.Forecast, base *radiator.Baseline, today radiator.Date, title string) []byte {
	if title == "" {
		title = "Release burnup"
	}
	r := newReleaseSeries(b)
	cone := projects(f) && len(r.pts) > 0
	added, removed := r.changed()

	legend := []legendEntry{
		{"done", stroke(colBlue, 4, "", true)},
		{"scope", stroke(colVermillion, 3, "", false)},
	}
	if base != nil {
		legend = append(legend, legendEntry{"baseline", stroke(colIdeal, 3, dashBaseline, false)})
	}
	if cone {
		legend = append(legend, legendEntry{"forecast", coneSymbol})
	}
	if added {
		legend = append(legend, legendEntry{"added", func(c *canvas, x, y float64) { triangle(c, x+9, y+1, true) }})
	}
	if removed {
		legend = append(legend, legendEntry{"removed", func(c *canvas, x, y float64) { triangle(c, x+9, y-1, false) }})
	}

	c := canvas{f: wallFrame}
	headerWith(&c, title, r.note(), outcomeWords(f), legend)
	left := c.f.padLeft
	if len(r.pts) == 0 {
		right := c.f.width - c.f.padRight
		r.emptyPlot(&c, left, right)
		return c.document("release-burnup", title, burnupDesc(r, f, base, title))
	}

	last := r.pts[len(r.pts)-1]
	var labels []sideLabel
	labels = append(labels, sideLabel{value: last.Scope, text: "scope " + amount(last.Scope), attrs: ` font-weight="600" fill="` + colVermillionText + `"`})
	if base != nil {
		labels = append(labels, sideLabel{value: base.Scope(), text: "baseline " + amount(base.Scope()), attrs: ` fill="` + colMuted + `"`})
	}
	if cone {
		labels = append(labels, rangeLabels(f.ByDate, "")...)
	}
	right := c.f.width - c.f.padRight - sideWidth(&c, labels)

	top := last.Scope
	if f != nil {
		top = max(top, f.Scope)
	}
	for _, p := range r.pts {
		top = max(top, p.Scope, p.Done)
	}
	if base != nil {
		top = max(top, base.Scope())
	}
	if cone {
		top = max(top, f.ByDate.Optimistic)
	}
	// A tenth more at the top leaves room for the marks of scope added.
	ya := yAxis{f: c.f, ticks: niceTicks(top * 1.1)}
	ax := r.axis(left, right)
	ya.draw(&c, left, right, "feature units")
	baseline(&c, left, right)
	ax.drawLabels(&c)

	var planned []marker
	if base != nil {
		y := ya.y(base.Scope())
		c.line(left, y, right, y, ` stroke="`+colIdeal+`" stroke-width="3" stroke-dasharray="`+dashBaseline+`"`)
		if base.Date.Valid() && base.Date != r.date && r.within(base.Date) {
			x := ax.end(base.Date)
			c.line(x, c.f.plotTop, x, c.f.plotBottom, ` stroke="`+colIdeal+`" stroke-width="2" stroke-dasharray="`+dashBaseline+`"`)
			planned = append(planned, marker{x: x, text: "planned " + shortDate(base.Date), attrs: ` fill="` + colMuted + `"`})
		}
	}
	marks := append(r.milestones(&c, ax, today), planned...)

	done := r.line(ax, ya, func(p radiator.BurnupPoint) float64 { return p.Done })
	if cone {
		drawCone(&c, ax, ya, f, f.Done, f.ByDate)
	}
	scope := r.steps(ax, ya, func(p radiator.BurnupPoint) float64 { return p.Scope })
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="3" stroke-linejoin="round"/>`+"\n", path(scope), colVermillion)
	if end := scope[len(scope)-1]; end.x < right {
		// The scope holds until the date unless it changes.
		c.line(end.x, end.y, right, end.y, ` stroke="`+colVermillion+`" stroke-width="3" stroke-dasharray="`+dashFuture+`" stroke-linecap="round"`)
	}

	end := drawProgress(&c, done, c.f.plotBottom,
		fmt.Sprintf("%s: %s of %s done%s", dayName(last.Day), amount(last.Done), units(last.Scope), featureCount(last)))
	r.markChanges(&c, ax, ya)

	doneLabel := amount(last.Done) + " done"
	if end.x >= right-0.5 {
		labels = append(labels, sideLabel{value: last.Done, text: doneLabel, attrs: ` font-weight="700" fill="` + colBlue + `"`})
	} else {
		pointLabel(&c, end, right, doneLabel, !cone)
	}
	drawSideLabels(&c, ya, right, labels)
	drawMarkers(&c, left, marks)
	return c.document("release-burnup", title, burnupDesc(r, f, base, title))
}

// ReleaseBurndown draws a release's burndown in feature units: the units
// remaining per day (a line), with the scope added and removed each day as
// bars under the axis, each marked with its amount, so that a rise of the
// line is told apart from slow progress. A forecast that projects is a
// cone from its day's units remaining to the pessimistic, likely and
// optimistic units remaining at the release date. The release date and
// today are marked as on ReleaseBurnup. A nil burnup or one without points
// gives an empty chart that says so.
func ReleaseBurndown(b *radiator.Burnup, f *radiator.Forecast, today radiator.Date, title string) []byte {
	if title == "" {
		title = "Release burndown"
	}
	r := newReleaseSeries(b)
	cone := projects(f) && len(r.pts) > 0
	added, removed := r.changed()

	legend := []legendEntry{{"remaining", stroke(colBlue, 4, "", true)}}
	if cone {
		legend = append(legend, legendEntry{"forecast", coneSymbol})
	}
	if added {
		legend = append(legend, legendEntry{"scope added", addedSwatch})
	}
	if removed {
		legend = append(legend, legendEntry{"scope removed", removedSwatch})
	}

	c := canvas{f: wallFrame}
	headerWith(&c, title, r.note(), outcomeWords(f), legend)
	left := c.f.padLeft
	if len(r.pts) == 0 {
		r.emptyPlot(&c, left, c.f.width-c.f.padRight)
		return c.document("release-burndown", title, burndownReleaseDesc(r, f, title))
	}

	last := r.pts[len(r.pts)-1]
	var left3 radiator.ForecastRange
	var labels []sideLabel
	if cone {
		left3 = radiator.ForecastRange{
			Pessimistic: max(f.Scope-f.ByDate.Pessimistic, 0),
			Likely:      max(f.Scope-f.ByDate.Likely, 0),
			Optimistic:  max(f.Scope-f.ByDate.Optimistic, 0),
		}
		labels = rangeLabels(left3, " left")
	}
	right := c.f.width - c.f.padRight - sideWidth(&c, labels)

	top := 0.0
	if f != nil {
		top = f.Remaining
	}
	for _, p := range r.pts {
		top = max(top, p.Remaining)
	}
	if cone {
		top = max(top, left3.Pessimistic)
	}
	changes := r.dailyChanges()
	most := 0.0
	for _, ch := range changes {
		most = max(most, ch.added, ch.removed)
	}
	ticks := niceTicks(top * 1.05)
	if most > 0 {
		// Under the axis, room for the largest change and its label: L
		// units below 0 such that the label's room m fits under a bar of
		// most, (L−most)·H/(top+L) = m.
		h, m := c.f.plotBottom-c.f.plotTop, c.f.labelSize+10
		low := (m*ticks[len(ticks)-1] + most*h) / (h - m)
		ticks = append([]float64{-low}, ticks...)
	}
	ya := yAxis{f: c.f, ticks: ticks}
	ax := r.axis(left, right)
	ya.draw(&c, left, right, "units left")
	zero := ya.y(0)
	if most > 0 {
		// The region under the axis is named where its name fits.
		mid := (zero + c.f.plotBottom) / 2
		for _, name := range []string{"scope changes", "changes"} {
			if textWidth(name, c.f.smallSize) <= c.f.plotBottom-zero {
				c.printf(`<text x="20" y="%s" transform="rotate(-90 20 %s)" text-anchor="middle" font-size="%s" fill="%s">%s</text>`+"\n", coord(mid), coord(mid), coord(c.f.smallSize), colVermillionText, name)
				break
			}
		}
		c.line(left, c.f.plotBottom, right, c.f.plotBottom, ` stroke="`+colGrid+`" stroke-width="1"`)
	}
	c.line(left, zero, right, zero, ` stroke="`+colAxis+`" stroke-width="2"`)
	ax.drawLabels(&c)
	marks := r.milestones(&c, ax, today)

	drawChangeBars(&c, ax, ya, changes)
	remaining := r.line(ax, ya, func(p radiator.BurnupPoint) float64 { return p.Remaining })
	if cone {
		drawCone(&c, ax, ya, f, f.Remaining, left3)
	}
	end := drawProgress(&c, remaining, zero,
		fmt.Sprintf("%s: %s of %s left%s", dayName(last.Day), amount(last.Remaining), units(last.Scope), featureCount(last)))

	leftLabel := amount(last.Remaining) + " left"
	if end.x >= right-0.5 {
		labels = append(labels, sideLabel{value: last.Remaining, text: leftLabel, attrs: ` font-weight="700" fill="` + colBlue + `"`})
	} else {
		// A burndown's forecast goes down and to the right: the room
		// above it is free.
		pointLabel(&c, end, right, leftLabel, true)
	}
	drawSideLabels(&c, ya, right, labels)
	drawMarkers(&c, left, marks)
	return c.document("release-burndown", title, burndownReleaseDesc(r, f, title))
}

// drawProgress draws a release chart's line over a light area down to
// floor, with endDot at its end, and returns the end.
func drawProgress(c *canvas, line []point, floor float64, tip string) point {
	area := append([]point{{line[0].x, floor}}, line...)
	area = append(area, point{line[len(line)-1].x, floor})
	c.printf(`<path d="%s Z" fill="%s" fill-opacity="0.1"/>`+"\n", path(area), colBlue)
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/>`+"\n", path(line), colBlue)
	end := line[len(line)-1]
	endDot(c, end, tip)
	return end
}

// endDot marks the last point of a line with a dot that tells its tip.
func endDot(c *canvas, p point, tip string) {
	c.printf(`<circle cx="%s" cy="%s" r="6" fill="%s" stroke="%s" stroke-width="2.5">`, coord(p.x), coord(p.y), colBlue, colBackground)
	c.tooltip(tip)
	c.buf.WriteString("</circle>\n")
}

// releaseSeries is a burnup made ready to draw: its days and its points.
type releaseSeries struct {
	start, date radiator.Date
	days        []radiator.Date
	pts         []radiator.BurnupPoint
}

// newReleaseSeries lays a burnup out over the days from its start to its
// date, or over those of its points when a date is missing or they fall
// outside. Points are dropped when there are no days to put them on.
func newReleaseSeries(b *radiator.Burnup) releaseSeries {
	if b == nil {
		return releaseSeries{}
	}
	r := releaseSeries{start: b.Start, date: b.Date, pts: b.Points}
	var dates []radiator.Date
	if b.Start.Valid() && b.Date.Valid() && !b.Date.Before(b.Start) {
		dates = append(dates, b.Start, b.Date)
	}
	for _, p := range b.Points {
		dates = append(dates, p.Day)
	}
	r.days = spanOf(dates)
	if len(r.days) == 0 {
		r.pts = nil
	}
	return r
}

// spanOf lists the days from the earliest valid date to the latest.
func spanOf(dates []radiator.Date) []radiator.Date {
	var first, last radiator.Date
	for _, d := range dates {
		if !d.Valid() {
			continue
		}
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || d.After(last) {
			last = d
		}
	}
	return daysFrom(first, last)
}

func (r releaseSeries) axis(left, right float64) dayAxis {
	return dayAxis{days: r.days, left: left, right: right}
}

// within reports whether d is one of the chart's days.
func (r releaseSeries) within(d radiator.Date) bool {
	return len(r.days) > 0 && d.Valid() && !d.Before(r.days[0]) && !d.After(r.days[len(r.days)-1])
}

// end returns the x of the end of day d, where its state is drawn.
func (a dayAxis) end(d radiator.Date) float64 { return a.at(d.AddDays(1).Time()) }

// changed reports whether any scope was added or removed after the start.
func (r releaseSeries) changed() (added, removed bool) {
	if len(r.pts) == 0 {
		return false, false
	}
	last := r.pts[len(r.pts)-1]
	return last.Added > 0, last.Removed > 0
}

// line returns the points of a series at the ends of their days, held
// flat over the first day: a release's first day's state is its start.
func (r releaseSeries) line(ax dayAxis, ya yAxis, v func(radiator.BurnupPoint) float64) []point {
	pts := []point{{ax.at(r.pts[0].Day.Time()), ya.y(v(r.pts[0]))}}
	for _, p := range r.pts {
		pts = append(pts, point{ax.end(p.Day), ya.y(v(p))})
	}
	return pts
}

// steps returns a step line of a series: each day's value from the day's
// start, as it changed during the day.
func (r releaseSeries) steps(ax dayAxis, ya yAxis, v func(radiator.BurnupPoint) float64) []point {
	pts := []point{{ax.at(r.pts[0].Day.Time()), ya.y(v(r.pts[0]))}}
	for i := 1; i < len(r.pts); i++ {
		if v(r.pts[i]) != v(r.pts[i-1]) {
			x := ax.at(r.pts[i].Day.Time())
			pts = append(pts, point{x, ya.y(v(r.pts[i-1]))}, point{x, ya.y(v(r.pts[i]))})
		}
	}
	return append(pts, point{ax.end(r.pts[len(r.pts)-1].Day), ya.y(v(r.pts[len(r.pts)-1]))})
}

// markChanges marks the scope added (a triangle up) and removed (down)
// after the start on the scope line, with the amounts; changes on days
// close together are marked once, summed.
func (r releaseSeries) markChanges(c *canvas, ax dayAxis, ya yAxis) {
	for _, g := range groupChanges(r.dailyChanges(), ax, 3*c.f.labelSize) {
		first, last := g[0], g[len(g)-1]
		x := (ax.at(first.day.Time()) + ax.at(last.day.Time())) / 2
		hi, lo := r.pts[first.i-1].Scope, r.pts[first.i-1].Scope
		for _, p := range r.pts[first.i : last.i+1] {
			hi, lo = max(hi, p.Scope), min(lo, p.Scope)
		}
		added, removed := total(g)
		if added > 0 {
			y := ya.y(hi)
			triangle(c, x, y-10, true)
			c.text(x, y-21, ` text-anchor="middle" font-weight="700" fill="`+colVermillionText+`"`+halo, "+"+amount(added))
		}
		if removed > 0 {
			y := ya.y(lo)
			triangle(c, x, y+10, false)
			c.text(x, y+21+c.f.labelSize*0.8, ` text-anchor="middle" font-weight="700" fill="`+colVermillionText+`"`+halo, "−"+amount(removed))
		}
	}
}

// dayChange is the scope added and removed on one day after the start; i
// is the index of the day's point.
type dayChange struct {
	i              int
	day            radiator.Date
	added, removed float64
}

// dailyChanges lists the days on which scope was added or removed, in
// order.
func (r releaseSeries) dailyChanges() []dayChange {
	var changes []dayChange
	for i := 1; i < len(r.pts); i++ {
		p, prev := r.pts[i], r.pts[i-1]
		ch := dayChange{i: i, day: p.Day, added: max(p.Added-prev.Added, 0), removed: max(p.Removed-prev.Removed, 0)}
		if ch.added > 0 || ch.removed > 0 {
			changes = append(changes, ch)
		}
	}
	return changes
}

// groupChanges gathers the changes of days less than gap apart on the
// axis, from the first of each group, so that their marks do not pile up.
func groupChanges(changes []dayChange, ax dayAxis, gap float64) [][]dayChange {
	var groups [][]dayChange
	for _, ch := range changes {
		if n := len(groups); n > 0 && ax.at(ch.day.Time())-ax.at(groups[n-1][0].day.Time()) < gap {
			groups[n-1] = append(groups[n-1], ch)
			continue
		}
		groups = append(groups, []dayChange{ch})
	}
	return groups
}

// total sums the changes of a group.
func total(g []dayChange) (added, removed float64) {
	for _, ch := range g {
		added += ch.added
		removed += ch.removed
	}
	return added, removed
}

// drawChangeBars draws each day's change of scope as bars hanging under
// the axis, added filled and removed outlined, side by side on a day with
// both; under them the amounts, once for days close together. An amount
// that would overlap the one before it goes a line lower.
func drawChangeBars(c *canvas, ax dayAxis, ya yAxis, changes []dayChange) {
	w := min(max(ax.band()*0.7, 4), 30)
	zero := ya.y(0)
	for _, ch := range changes {
		centre := ax.centre(ax.days[0].DaysUntil(ch.day))
		type bar struct {
			v             float64
			what          string
			fill, outline string
		}
		var bars []bar
		if ch.added > 0 {
			bars = append(bars, bar{ch.added, "added", ` fill="` + colVermillion + `"`, ""})
		}
		if ch.removed > 0 {
			bars = append(bars, bar{ch.removed, "removed", ` fill="` + colBackground + `"`, ` stroke="` + colVermillion + `" stroke-width="2" stroke-dasharray="4 2"`})
		}
		bw := w / float64(len(bars))
		for k, b := range bars {
			x := centre - w/2 + float64(k)*bw
			h := ya.y(-b.v) - zero
			c.printf(`<rect x="%s" y="%s" width="%s" height="%s"%s%s>`, coord(x+1), coord(zero+1), coord(bw-2), coord(h-1), b.fill, b.outline)
			c.tooltip(fmt.Sprintf("%s: %s %s", dayName(ch.day), units(b.v), b.what))
			c.buf.WriteString("</rect>\n")
		}
	}
	lastEnd, lastRow := math.Inf(-1), 0
	for _, g := range groupChanges(changes, ax, 3*c.f.labelSize) {
		first, last := g[0], g[len(g)-1]
		centre := (ax.centre(ax.days[0].DaysUntil(first.day)) + ax.centre(ax.days[0].DaysUntil(last.day))) / 2
		added, removed := total(g)
		deepest := 0.0
		for _, ch := range g {
			deepest = max(deepest, ch.added, ch.removed)
		}
		var words []string
		if added > 0 {
			words = append(words, "+"+amount(added))
		}
		if removed > 0 {
			words = append(words, "−"+amount(removed))
		}
		text := strings.Join(words, " ")
		tw := 1.1 * textWidth(text, c.f.labelSize)
		row := 0
		if centre-tw/2 < lastEnd+6 {
			row = lastRow + 1
		}
		y := ya.y(-deepest) + c.f.labelSize + 2 + float64(row)*(c.f.labelSize+2)
		c.text(centre, min(y, c.f.plotBottom-4), ` text-anchor="middle" font-weight="700" fill="`+colVermillionText+`"`+halo, text)
		lastEnd, lastRow = centre+tw/2, row
	}
}

// milestones draws the release date (solid) and today (dashed) as lines
// over the plot and returns their labels in that order.
func (r releaseSeries) milestones(c *canvas, ax dayAxis, today radiator.Date) []marker {
	var marks []marker
	if r.within(today) {
		x := ax.end(today)
		c.line(x, c.f.plotTop, x, c.f.plotBottom, ` stroke="`+colText+`" stroke-width="2" stroke-dasharray="`+dashToday+`"`)
		marks = append(marks, marker{x: x, text: "today", attrs: ` fill="` + colText + `"`})
	}
	if r.within(r.date) {
		x := ax.end(r.date)
		c.line(x, c.f.plotTop-4, x, c.f.plotBottom, ` stroke="`+colText+`" stroke-width="3"`)
		// The release is first: it wins the place above its line.
		marks = append([]marker{{x: x, text: "release " + shortDate(r.date), attrs: ` font-weight="700"`, last: true}}, marks...)
	}
	return marks
}

// marker is the label of a vertical line, written above the plot; last
// marks the end of the time axis, whose label goes right of its line
// first.
type marker struct {
	x           float64
	text, attrs string
	last        bool
}

// drawMarkers writes the markers' labels in a row above the plot, each
// centred on its line, else ending or starting at it (starting first for
// the last one), else left out where it would overlap one written before
// it.
func drawMarkers(c *canvas, left float64, marks []marker) {
	type span struct{ a, b float64 }
	var taken []span
	free := func(s span) bool {
		if s.a < left-c.f.padLeft+8 || s.b > c.f.width-8 {
			return false
		}
		for _, t := range taken {
			if s.a < t.b+10 && t.a < s.b+10 {
				return false
			}
		}
		return true
	}
	y := c.f.plotTop - 12
	for _, m := range marks {
		w := 1.1 * textWidth(m.text, c.f.labelSize)
		type place struct {
			s      span
			x      float64
			anchor string
		}
		places := []place{
			{span{m.x - w/2, m.x + w/2}, m.x, "middle"},
			{span{m.x - 6 - w, m.x - 6}, m.x - 6, "end"},
			{span{m.x + 6, m.x + 6 + w}, m.x + 6, "start"},
		}
		if m.last {
			places = append(places[2:], places[:2]...)
		}
		for _, place := range places {
			if free(place.s) {
				c.text(place.x, y, ` text-anchor="`+place.anchor+`"`+m.attrs, m.text)
				taken = append(taken, place.s)
				break
			}
		}
	}
}

// emptyPlot draws the plot of a release without points: its days, if it
// has any, and the note that there is no data.
func (r releaseSeries) emptyPlot(c *canvas, left, right float64) {
	baseline(c, left, right)
	if len(r.days) > 0 {
		r.axis(left, right).drawLabels(c)
	}
	noData(c, left, right)
}

// note is the header's note: the day of the last point, "as of Wed 3
// Mar".
func (r releaseSeries) note() string {
	if len(r.pts) == 0 {
		return ""
	}
	return "as of " + dayName(r.pts[len(r.pts)-1].Day)
}

// outcomeWords says a forecast's outcome in words; "" without a
// forecast.
func outcomeWords(f *radiator.Forecast) string {
	if f == nil {
		return ""
	}
	switch f.Outcome {
	case radiator.OutcomeDone:
		return "all done"
	case radiator.OutcomeOnTrack:
		return "on track"
	case radiator.OutcomeAtRisk:
		return "at risk"
	case radiator.OutcomeOffTrack:
		return "off track"
	case radiator.OutcomeNoData:
		return "no forecast yet"
	}
	return ""
}

// projects reports whether a forecast has a range to draw: a pace to go
// by, something left to do and days left before the date.
func projects(f *radiator.Forecast) bool {
	if f == nil {
		return false
	}
	switch f.Outcome {
	case radiator.OutcomeOnTrack, radiator.OutcomeAtRisk, radiator.OutcomeOffTrack:
		return f.AsOf.Valid() && f.Date.Valid() && f.AsOf.Before(f.Date)
	}
	return false
}

// drawCone draws a forecast as a shaded cone from (its day, from) to the
// three figures at its date, with the likely line long-dashed and the
// other two short-dashed.
func drawCone(c *canvas, ax dayAxis, ya yAxis, f *radiator.Forecast, from float64, to radiator.ForecastRange) {
	x0, x1 := ax.end(f.AsOf), ax.end(f.Date)
	if x1 <= x0 {
		return
	}
	y0 := ya.y(from)
	yp, yl, yo := ya.y(to.Pessimistic), ya.y(to.Likely), ya.y(to.Optimistic)
	c.printf(`<path d="%s Z" fill="%s" fill-opacity="0.3"/>`+"\n", path([]point{{x0, y0}, {x1, yo}, {x1, yp}}), colSky)
	for _, l := range []struct {
		y     float64
		width string
		dash  string
		what  string
		value float64
	}{
		{yp, "2.5", dashRange, "pessimistic", to.Pessimistic},
		{yo, "2.5", dashRange, "optimistic", to.Optimistic},
		{yl, "3.5", dashLikely, "likely", to.Likely},
	} {
		c.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s" stroke-dasharray="%s" stroke-linecap="round">`, coord(x0), coord(y0), coord(x1), coord(l.y), colBlue, l.width, l.dash)
		c.tooltip(fmt.Sprintf("%s: %s by %s", l.what, amount(l.value), shortDate(f.Date)))
		c.buf.WriteString("</line>\n")
	}
}

// coneSymbol is the legend symbol of a forecast: a shaded wedge with a
// dashed line through it.
func coneSymbol(c *canvas, x, y float64) {
	c.printf(`<path d="M%s,%s L%s,%s L%s,%s Z" fill="%s" fill-opacity="0.3"/>`+"\n", coord(x), coord(y), coord(x+18), coord(y-8), coord(x+18), coord(y+8), colSky)
	c.line(x, y, x+18, y, ` stroke="`+colBlue+`" stroke-width="2.5" stroke-dasharray="5 3"`)
}

// addedSwatch and removedSwatch are the legend symbols of the bars of
// scope added (filled) and removed (outlined).
func addedSwatch(c *canvas, x, y float64) {
	c.rect(x+3, y-8, 12, 16, ` fill="`+colVermillion+`"`)
}

func removedSwatch(c *canvas, x, y float64) {
	c.rect(x+4, y-7, 10, 14, ` fill="`+colBackground+`" stroke="`+colVermillion+`" stroke-width="2" stroke-dasharray="4 2"`)
}

// sideLabel is a label in the column right of the plot, at the height of
// a value where it fits.
type sideLabel struct {
	value       float64
	text, attrs string
}

// rangeLabels are the labels of a forecast's three figures, unit after
// each value: "optimistic 18", "likely 4 left".
func rangeLabels(r radiator.ForecastRange, unit string) []sideLabel {
	attrs := ` font-weight="600" fill="` + colBlue + `"`
	return []sideLabel{
		{value: r.Optimistic, text: "optimistic " + amount(r.Optimistic) + unit, attrs: attrs},
		{value: r.Likely, text: "likely " + amount(r.Likely) + unit, attrs: ` font-weight="700" fill="` + colBlue + `"`},
		{value: r.Pessimistic, text: "pessimistic " + amount(r.Pessimistic) + unit, attrs: attrs},
	}
}

// sideWidth is the room the side labels take right of the plot.
func sideWidth(c *canvas, labels []sideLabel) float64 {
	w := 0.0
	for _, l := range labels {
		w = max(w, 1.1*textWidth(l.text, c.f.labelSize)+12)
	}
	return w
}

// drawSideLabels writes the labels right of the plot, each at its value's
// height, moved apart where they would overlap.
func drawSideLabels(c *canvas, ya yAxis, right float64, labels []sideLabel) {
	ys := make([]float64, len(labels))
	for i, l := range labels {
		ys[i] = ya.y(l.value)
	}
	ys = spread(ys, c.f.labelSize+3, c.f.plotTop+c.f.labelSize/2, c.f.plotBottom-c.f.labelSize/2)
	for i, l := range labels {
		c.text(right+10, ys[i]+c.f.drop, l.attrs, l.text)
	}
}

// spread moves the values apart, keeping their order, so that no two are
// closer than gap, as far as they fit between lo and hi.
func spread(ys []float64, gap, lo, hi float64) []float64 {
	order := make([]int, len(ys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ys[order[a]] < ys[order[b]] })
	out := make([]float64, len(ys))
	copy(out, ys)
	prev := math.Inf(-1)
	for _, i := range order {
		out[i] = max(out[i], lo, prev+gap)
		prev = out[i]
	}
	next := math.Inf(1)
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		out[i] = min(out[i], hi, next-gap)
		next = out[i]
	}
	return out
}

// pointLabel writes the label of the last point above it: to its right
// when the plot goes on there and nothing is drawn from it rightwards and
// upwards (a burnup's forecast), else to its left.
func pointLabel(c *canvas, p point, right float64, text string, rightFree bool) {
	w := 1.1 * textWidth(text, c.f.labelSize)
	attrs := ` font-weight="700" fill="` + colBlue + `"` + halo
	y := max(p.y-14, c.f.plotTop+c.f.labelSize)
	if rightFree && p.x+12+w <= right {
		c.text(p.x+12, y, attrs, text)
		return
	}
	c.text(p.x-10, y, ` text-anchor="end"`+attrs, text)
}

// dayName writes a day as "Mon 2 Jan".
func dayName(d radiator.Date) string { return d.Time().Format("Mon 2 Jan") }

// fullDayName writes a day as "Monday 2 January".
func fullDayName(d radiator.Date) string { return d.Time().Format("Monday 2 January") }

// units writes an amount of feature units with its unit.
func units(v float64) string {
	if v == 1 {
		return "1 feature unit"
	}
	return amount(v) + " feature units"
}

// featureCount writes " (5 of 9 features)" for a point with features.
func featureCount(p radiator.BurnupPoint) string {
	if p.Features == 0 {
		return ""
	}
	noun := "features"
	if p.Features == 1 {
		noun = "feature"
	}
	return fmt.Sprintf(" (%d of %d %s done)", p.FeaturesDone, p.Features, noun)
}

// burnupDesc summarises a release burnup in words: the scope, what is
// done and remains, the changes since the start, the baseline and the
// forecast's words.
func burnupDesc(r releaseSeries, f *radiator.Forecast, base *radiator.Baseline, title string) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(r.pts) == 0 {
		s.WriteString("no data yet")
	} else {
		last := r.pts[len(r.pts)-1]
		fmt.Fprintf(&s, "%s in scope, %s done, %s remaining%s", units(last.Scope), amount(last.Done), amount(last.Remaining), featureCount(last))
		s.WriteString(changeWords(last))
		s.WriteString(", as of " + fullDayName(last.Day))
	}
	if base != nil {
		fmt.Fprintf(&s, "; the baseline had %s", units(base.Scope()))
		if base.Date.Valid() && base.Date != r.date {
			s.WriteString(" and the date " + longDate(base.Date))
		}
	}
	s.WriteString(releaseSpan(r))
	s.WriteString(forecastWords(f))
	return s.String()
}

// burndownReleaseDesc summarises a release burndown in words.
func burndownReleaseDesc(r releaseSeries, f *radiator.Forecast, title string) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(r.pts) == 0 {
		s.WriteString("no data yet")
	} else {
		last := r.pts[len(r.pts)-1]
		fmt.Fprintf(&s, "%s of %s remaining", amount(last.Remaining), units(last.Scope))
		s.WriteString(changeWords(last))
		s.WriteString(", as of " + fullDayName(last.Day))
	}
	s.WriteString(releaseSpan(r))
	s.WriteString(forecastWords(f))
	return s.String()
}

// changeWords says the scope added and removed since the start.
func changeWords(p radiator.BurnupPoint) string {
	switch {
	case p.Added > 0 && p.Removed > 0:
		return fmt.Sprintf(", %s added and %s removed since the start", amount(p.Added), amount(p.Removed))
	case p.Added > 0:
		return fmt.Sprintf(", %s added since the start", amount(p.Added))
	case p.Removed > 0:
		return fmt.Sprintf(", %s removed since the start", amount(p.Removed))
	}
	return ""
}

// releaseSpan says when the release runs: "; the release runs 1 Feb –
// 12 Mar 2027." or just "." without its dates.
func releaseSpan(r releaseSeries) string {
	if r.start.Valid() && r.date.Valid() && !r.date.Before(r.start) {
		return "; the release runs " + span(r.start, r.date) + "."
	}
	return "."
}

// forecastWords is the forecast's words after a space, if it has any.
func forecastWords(f *radiator.Forecast) string {
	if f == nil || f.Words == "" {
		return ""
	}
	return " " + f.Words
}
