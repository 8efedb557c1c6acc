package chart

import (
	"fmt"
	"strings"

	"github.com/radiator-hq/radiator"
)

// halo outlines text in the background colour so that it stays legible
// where it crosses a line.
const halo = ` stroke="` + colBackground + `" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`

// Burndown draws a sprint's burndown: the remaining points at the start
// and at the end of each day so far (a line with dots), the ideal line
// (dashed), the scope as a step line with the points added and removed
// after the start marked where they happened. The x axis shows every day of
// the sprint, the days still to come included, with weekends shaded. A nil
// or empty burndown gives an empty chart that says so.
func Burndown(b *radiator.Burndown, title string) []byte {
	if title == "" {
		title = "Burndown"
	}
	var pts []radiator.BurndownPoint
	var days []radiator.Date
	if b != nil {
		pts = b.Points
		days = daysFrom(b.Start, b.End)
		if len(days) == 0 && len(pts) > 0 {
			days = daysFrom(pts[0].Day, pts[len(pts)-1].Day)
		}
	}
	if len(days) == 0 {
		pts = nil
	}
	removed := len(pts) > 0 && pts[len(pts)-1].Removed > 0

	legend := []legendEntry{
		{"remaining", stroke(colBlue, 3, "", true)},
		{"ideal", stroke(colIdeal, 2, "6 5", false)},
		{"scope", stroke(colVermillion, 2, "", false)},
		{"scope added", func(c *canvas, x, y float64) { triangle(c, x+9, y+1, true) }},
	}
	if removed {
		legend = append(legend, legendEntry{"scope removed", func(c *canvas, x, y float64) { triangle(c, x+9, y-1, false) }})
	}

	c := canvas{f: teamFrame}
	header(&c, title, burndownProgress(b, days, pts), legend)
	left, right := c.f.padLeft, c.f.width-c.f.padRight
	ax := dayAxis{days: days, left: left, right: right}
	if len(days) > 0 {
		ax.shadeWeekends(&c)
	}
	if len(pts) == 0 {
		baseline(&c, left, right)
		if len(days) > 0 {
			ax.drawLabels(&c)
		}
		noData(&c, left, right)
		return c.document("burndown", title, burndownDesc(b, title, days, pts))
	}

	top := b.Committed
	for _, p := range pts {
		top = max(top, p.Scope, p.Remaining)
	}
	// A tenth more at the top leaves room for the marks of scope added.
	ya := yAxis{f: c.f, ticks: niceTicks(top * 1.1)}
	ya.draw(&c, left, right, "points")
	baseline(&c, left, right)
	ax.drawLabels(&c)

	xs := make([]float64, len(pts))
	for i, p := range pts {
		xs[i] = ax.at(p.At)
	}

	// The ideal line runs from the start over the whole sprint, the days to
	// come included, and rests over weekends as
	// radiator.BurndownPoint.Ideal does.
	if total := radiator.WorkingDays(days[0], days[len(days)-1]); total > 0 {
		ideal := []point{{xs[0], ya.y(b.Committed)}}
		for i, d := range days {
			x := ax.left + float64(i+1)*ax.band()
			if x <= xs[0] {
				continue
			}
			left := b.Committed * (1 - float64(radiator.WorkingDays(days[0], d))/float64(total))
			ideal = append(ideal, point{x, ya.y(left)})
		}
		c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="6 5"/>`+"\n", path(ideal), colIdeal)
	}

	remaining := make([]point, len(pts))
	for i, p := range pts {
		remaining[i] = point{xs[i], ya.y(p.Remaining)}
	}
	area := append([]point{{xs[0], c.f.plotBottom}}, remaining...)
	area = append(area, point{xs[len(xs)-1], c.f.plotBottom})
	c.printf(`<path d="%s Z" fill="%s" fill-opacity="0.08"/>`+"\n", path(area), colBlue)

	scope := []point{{xs[0], ya.y(pts[0].Scope)}}
	for i := 1; i < len(pts); i++ {
		if pts[i].Scope != pts[i-1].Scope {
			scope = append(scope, point{xs[i], ya.y(pts[i-1].Scope)})
		}
		if pts[i].Scope != pts[i-1].Scope || i == len(pts)-1 {
			scope = append(scope, point{xs[i], ya.y(pts[i].Scope)})
		}
	}
	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"/>`+"\n", path(scope), colVermillion)

	c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`+"\n", path(remaining), colBlue)
	for i, p := range pts {
		c.printf(`<circle cx="%s" cy="%s" r="4.5" fill="%s" stroke="%s" stroke-width="2">`, coord(remaining[i].x), coord(remaining[i].y), colBlue, colBackground)
		if i == 0 {
			c.tooltip(fmt.Sprintf("Start: %s committed", points(b.Committed)))
		} else {
			c.tooltip(fmt.Sprintf("%s: %s remaining of %s", p.Day.Time().Format("Mon 2 Jan"), num(p.Remaining), points(p.Scope)))
		}
		c.buf.WriteString("</circle>\n")
	}

	// Changes of scope after the start, where they happened.
	for i := 1; i < len(pts); i++ {
		x, y := xs[i], ya.y(pts[i].Scope)
		if d := pts[i].Added - pts[i-1].Added; d > 0 {
			triangle(&c, x, y-9, true)
			c.text(x, y-19, ` text-anchor="middle" font-weight="600" fill="`+colVermillionText+`"`+halo, "+"+num(d))
		}
		if d := pts[i].Removed - pts[i-1].Removed; d > 0 {
			triangle(&c, x, y+9, false)
			c.text(x, y+29, ` text-anchor="middle" font-weight="600" fill="`+colVermillionText+`"`+halo, "−"+num(d))
		}
	}

	// What is left, beside the last dot: to its right while the sprint
	// runs, else to its left and above the line.
	last := remaining[len(remaining)-1]
	label := num(pts[len(pts)-1].Remaining) + " left"
	w := 1.1 * textWidth(label, c.f.labelSize) // bold
	if last.x+10+w <= right {
		c.text(last.x+10, last.y-10, ` font-weight="700" fill="`+colBlue+`"`+halo, label)
	} else {
		y := max(c.f.plotTop+12, min(last.y-10, lineY(remaining, last.x-10-w)-8))
		c.text(last.x-10, y, ` text-anchor="end" font-weight="700" fill="`+colBlue+`"`+halo, label)
	}
	return c.document("burndown", title, burndownDesc(b, title, days, pts))
}

// lineY returns the y of a polyline, whose points go from left to right,
// at x; beyond its ends, the y of the nearest end.
func lineY(pts []point, x float64) float64 {
	if x <= pts[0].x {
		return pts[0].y
	}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if x <= b.x {
			if b.x == a.x {
				return min(a.y, b.y)
			}
			return a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)
		}
	}
	return pts[len(pts)-1].y
}

// triangle draws the marker of scope added (pointing up) or removed
// (pointing down) centred on (x, y).
func triangle(c *canvas, x, y float64, up bool) {
	h := 6.0
	if !up {
		h = -h
	}
	c.printf(`<path d="M%s,%s L%s,%s L%s,%s Z" fill="%s" stroke="%s" stroke-width="1.5" stroke-linejoin="round"/>`+"\n",
		coord(x), coord(y-h), coord(x+6.5), coord(y+h*0.8), coord(x-6.5), coord(y+h*0.8), colVermillion, colBackground)
}

// burndownProgress tells how far into the sprint the last point is:
// "day 5 of 10 · as of Sat 21 Nov".
func burndownProgress(b *radiator.Burndown, days []radiator.Date, pts []radiator.BurndownPoint) string {
	if len(pts) == 0 {
		return ""
	}
	last := pts[len(pts)-1].Day
	s := "as of " + last.Time().Format("Mon 2 Jan")
	if total := radiator.WorkingDays(days[0], days[len(days)-1]); total > 0 {
		s = fmt.Sprintf("day %d of %d · %s", radiator.WorkingDays(days[0], last), total, s)
	}
	return s
}

// burndownDesc summarises a burndown in words: "Sprint 34: 16 points
// committed, 7 done, 5 remaining, 2 added after the start, as of ...".
func burndownDesc(b *radiator.Burndown, title string, days []radiator.Date, pts []radiator.BurndownPoint) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(pts) == 0 {
		s.WriteString("no data yet")
	} else {
		last := pts[len(pts)-1]
		fmt.Fprintf(&s, "%s committed, %s done, %s remaining", points(b.Committed), num(last.Done), num(last.Remaining))
		switch {
		case last.Added > 0 && last.Removed > 0:
			fmt.Fprintf(&s, ", %s added and %s removed after the start", num(last.Added), num(last.Removed))
		case last.Added > 0:
			fmt.Fprintf(&s, ", %s added after the start", num(last.Added))
		case last.Removed > 0:
			fmt.Fprintf(&s, ", %s removed after the start", num(last.Removed))
		}
		s.WriteString(", as of " + last.Day.Time().Format("Monday 2 January"))
	}
	if len(days) > 0 {
		s.WriteString("; the sprint runs " + span(days[0], days[len(days)-1]))
	}
	s.WriteString(".")
	return s.String()
}

// points writes an amount of story points with its unit.
func points(v float64) string {
	if v == 1 {
		return "1 point"
	}
	return num(v) + " points"
}
