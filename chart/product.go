package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/radiator-hq/radiator"
)

// ProductBurnup draws a product's multi-release burnup, after George
// Dinwiddie's: its consecutive releases on one chart, each release's scope
// a horizontal band from its Base to its last scope, labelled with its
// name, its state and its date, and the units done in all of them as one
// line rising through the bands. Released bands are green with a solid
// top, the release in progress blue with a solid top, those still in
// planning grey with a dashed top; their labels say which. Each release's
// date is a diamond on the top of its band: where the line should be by
// then. Today is a dashed line. A product without releases, or whose
// releases have no points, gives an empty chart that says so.
func ProductBurnup(p *radiator.ProductBurnup, today radiator.Date, title string) []byte {
	if title == "" {
		title = "Multi-release burnup"
	}
	var bands []radiator.ReleaseBand
	if p != nil {
		bands = p.Releases
	}
	var dates []radiator.Date
	points := 0
	for _, b := range bands {
		dates = append(dates, b.Start, b.Date)
		for _, pt := range b.Points {
			dates = append(dates, pt.Day)
		}
		points += len(b.Points)
	}
	days := spanOf(dates)

	legend := []legendEntry{
		{"done, all releases", stroke(colBlue, 4, "", true)},
		{"released", bandSymbol(radiator.PhaseReleased)},
		{"in progress", bandSymbol(radiator.PhaseSprinting)},
		{"planned", bandSymbol(radiator.PhasePlanning)},
		{"release date", func(c *canvas, x, y float64) { diamond(c, x+9, y, colText) }},
	}
	c := canvas{f: wallFrame}
	done := cumulativeDone(bands, days)
	note := ""
	if len(done) > 0 {
		note = "as of " + dayName(done[len(done)-1].day)
	}
	header(&c, title, note, legend)
	left, right := c.f.padLeft, c.f.width-c.f.padRight
	if points == 0 || len(days) == 0 {
		baseline(&c, left, right)
		if len(days) > 0 {
			dayAxis{days: days, left: left, right: right}.drawLabels(&c)
		}
		noData(&c, left, right)
		return c.document("product-burnup", title, productDesc(bands, done, title))
	}

	last := done[len(done)-1]
	top := last.units
	for _, b := range bands {
		top = max(top, b.Base, bandTop(b))
	}
	// Some room above the last band for the label of one without scope.
	ya := yAxis{f: c.f, ticks: niceTicks(top * 1.08)}
	ax := dayAxis{days: days, left: left, right: right}
	r := releaseSeries{days: days}

	for _, b := range bands {
		y1, y2 := ya.y(bandTop(b)), ya.y(b.Base)
		c.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="%s">`, coord(left), coord(y1), coord(right-left), coord(y2-y1), bandFill(b.Phase), bandOpacity(b.Phase))
		c.tooltip(b.Name + ": " + bandWords(b))
		c.buf.WriteString("</rect>\n")
	}
	ya.draw(&c, left, right, "feature units")
	baseline(&c, left, right)
	ax.drawLabels(&c)
	for _, b := range bands {
		y := ya.y(bandTop(b))
		attrs := ` stroke="` + bandLine(b.Phase) + `" stroke-width="2.5"`
		if b.Phase == radiator.PhasePlanning {
			attrs += ` stroke-dasharray="` + dashBaseline + `"`
		}
		c.line(left, y, right, y, attrs)
	}
	marks := r.milestones(&c, ax, today)

	line := make([]point, 0, len(done)+1)
	line = append(line, point{ax.at(done[0].day.Time()), ya.y(done[0].units)})
	for _, d := range done {
		line = append(line, point{ax.end(d.day), ya.y(d.units)})
	}
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/>`+"\n", path(line), colBlue)

	for _, b := range bands {
		if !r.within(b.Date) {
			continue
		}
		x, y := ax.end(b.Date), ya.y(bandTop(b))
		c.line(x, ya.y(b.Base), x, y, ` stroke="`+colText+`" stroke-width="1.5" stroke-dasharray="`+dashFuture+`"`)
		diamond(&c, x, y, bandLine(b.Phase))
	}

	end := line[len(line)-1]
	endDot(&c, end, fmt.Sprintf("%s: %s done in all releases", dayName(last.day), units(last.units)))
	pointLabel(&c, end, right, amount(last.units)+" done", true)

	// Each band's label on one line in its middle, or just above its top
	// when the band is too thin for it, moved apart from the others where
	// thin bands lie close: its name and state, then its units, where the
	// done line does not cross them.
	ys := make([]float64, len(bands))
	for i, b := range bands {
		y1, y2 := ya.y(bandTop(b)), ya.y(b.Base)
		ys[i] = (y1+y2)/2 + c.f.drop
		if y2-y1 < c.f.labelSize+6 {
			ys[i] = y1 - 6
		}
	}
	ys = spread(ys, c.f.labelSize+6, c.f.plotTop+c.f.labelSize, c.f.plotBottom-6)
	for i, b := range bands {
		y := ys[i]
		name := fit(b.Name, (right-left)/3, c.f.labelSize*1.1)
		state := " · " + bandState(b) + " · " + bandAmount(b)
		w := 1.1*textWidth(name, c.f.labelSize) + textWidth(state, c.f.labelSize)
		x := labelPlace(line, y-c.f.labelSize, y+4, w, left+12, right-12)
		c.printf(`<text x="%s" y="%s"%s><tspan font-weight="700">`, coord(x), coord(y), halo)
		escape(&c.buf, name)
		c.buf.WriteString("</tspan>")
		escape(&c.buf, fit(state, right-12-x-1.1*textWidth(name, c.f.labelSize), c.f.labelSize))
		c.buf.WriteString("</text>\n")
	}
	drawMarkers(&c, left, marks)
	return c.document("product-burnup", title, productDesc(bands, done, title))
}

// labelPlace returns the x at which a label w wide, from top to bottom,
// stays clear of the line: from; else right of where the line crosses its
// height; else from, across the line, its halo keeping it legible.
func labelPlace(line []point, top, bottom, w, from, to float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		if max(a.y, b.y) < top || min(a.y, b.y) > bottom {
			continue
		}
		lo, hi = min(lo, a.x, b.x), max(hi, a.x, b.x)
	}
	const gap = 14
	switch {
	case lo > hi || from+w+gap <= lo || from >= hi+gap:
		return from
	case hi+gap+w <= to:
		return hi + gap
	}
	return from
}

// dayDone is the units done in all releases at the end of a day.
type dayDone struct {
	day   radiator.Date
	units float64
}

// cumulativeDone sums, for each day from the first point of any band to
// the last, the units each band had done by then (its last point's, not
// lifted by its Base): the line runs through the bands as the releases
// are done, and below a band's Base while an earlier release is unfinished.
func cumulativeDone(bands []radiator.ReleaseBand, days []radiator.Date) []dayDone {
	var out []dayDone
	next := make([]int, len(bands))
	doneBy := make([]float64, len(bands))
	for _, d := range days {
		started := false
		for i, b := range bands {
			for next[i] < len(b.Points) && !b.Points[next[i]].Day.After(d) {
				doneBy[i] = b.Points[next[i]].Done - b.Base
				next[i]++
			}
			started = started || next[i] > 0
		}
		if !started {
			continue
		}
		sum := 0.0
		for _, u := range doneBy {
			sum += u
		}
		out = append(out, dayDone{d, sum})
	}
	// The line ends with the last point of any band.
	lastDay := radiator.Date{}
	for _, b := range bands {
		if n := len(b.Points); n > 0 && (lastDay.IsZero() || b.Points[n-1].Day.After(lastDay)) {
			lastDay = b.Points[n-1].Day
		}
	}
	for len(out) > 0 && out[len(out)-1].day.After(lastDay) {
		out = out[:len(out)-1]
	}
	return out
}

// bandTop is the top of a band: its last scope, lifted; its Base when it
// has no points yet.
func bandTop(b radiator.ReleaseBand) float64 {
	if n := len(b.Points); n > 0 {
		return max(b.Points[n-1].Scope, b.Base)
	}
	return b.Base
}

// bandAmount says a band's progress: "18 of 20 done".
func bandAmount(b radiator.ReleaseBand) string {
	n := len(b.Points)
	if n == 0 {
		return "no scope yet"
	}
	return fmt.Sprintf("%s of %s done", amount(b.Points[n-1].Done-b.Base), amount(b.Points[n-1].Scope-b.Base))
}

// bandState says where a release is: "released 15 Jan", "in progress,
// due 12 Mar", "hardening, due 12 Mar", "planned, due 30 Jun".
func bandState(b radiator.ReleaseBand) string {
	due := ""
	if b.Date.Valid() {
		due = ", due " + shortDate(b.Date)
	}
	switch b.Phase {
	case radiator.PhaseReleased:
		if b.Date.Valid() {
			return "released " + shortDate(b.Date)
		}
		return "released"
	case radiator.PhaseHardening:
		return "hardening" + due
	case radiator.PhasePlanning:
		return "planned" + due
	}
	return "in progress" + due
}

// bandWords says a band in words for its tooltip and the description:
// "released 15 Jan, 20 of 20 done".
func bandWords(b radiator.ReleaseBand) string {
	return bandState(b) + ", " + bandAmount(b)
}

// The fills and lines of the bands by phase: green for released, blue for
// in progress, grey for planned.
func bandFill(phase string) string {
	switch phase {
	case radiator.PhaseReleased:
		return colGreen
	case radiator.PhasePlanning:
		return colGrey
	}
	return colSky
}

func bandOpacity(phase string) string {
	switch phase {
	case radiator.PhaseReleased:
		return "0.16"
	case radiator.PhasePlanning:
		return "0.22"
	}
	return "0.3"
}

func bandLine(phase string) string {
	switch phase {
	case radiator.PhaseReleased:
		return "#007a5a" // green dark enough for a thin line on its band
	case radiator.PhasePlanning:
		return colIdeal
	}
	return colBlue
}

// bandSymbol is the legend symbol of a band of a phase: its fill with its
// top line.
func bandSymbol(phase string) func(c *canvas, x, y float64) {
	return func(c *canvas, x, y float64) {
		c.rect(x, y-6, 18, 14, ` fill="`+bandFill(phase)+`" fill-opacity="`+bandOpacity(phase)+`"`)
		attrs := ` stroke="` + bandLine(phase) + `" stroke-width="2.5"`
		if phase == radiator.PhasePlanning {
			attrs += ` stroke-dasharray="4 3"`
		}
		c.line(x, y-6, x+18, y-6, attrs)
	}
}

// diamond draws the milestone of a release's date centred on (x, y).
func diamond(c *canvas, x, y float64, fill string) {
	c.printf(`<path d="M%s,%s L%s,%s L%s,%s L%s,%s Z" fill="%s" stroke="%s" stroke-width="2"/>`+"\n",
		coord(x), coord(y-9), coord(x+9), coord(y), coord(x), coord(y+9), coord(x-9), coord(y), fill, colBackground)
}

// productDesc summarises a multi-release burnup in words: the units done
// in all, then each release.
func productDesc(bands []radiator.ReleaseBand, done []dayDone, title string) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(done) == 0 {
		s.WriteString("no data yet")
		if len(bands) > 0 {
			s.WriteString(" for its " + releaseCount(len(bands)))
		}
		s.WriteString(".")
		return s.String()
	}
	last := done[len(done)-1]
	fmt.Fprintf(&s, "%s, %s done in all as of %s.", releaseCount(len(bands)), units(last.units), fullDayName(last.day))
	for _, b := range bands {
		fmt.Fprintf(&s, " %s: %s.", b.Name, bandWords(b))
	}
	return s.String()
}

func releaseCount(n int) string {
	if n == 1 {
		return "1 release"
	}
	return fmt.Sprintf("%d releases", n)
}
