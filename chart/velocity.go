package chart

import (
	"fmt"
	"strings"

	"github.com/radiator-hq/radiator"
)

// Velocity draws a team's velocity: the points committed and completed by
// each sprint as grouped bars, oldest first, with the mean the velocity is
// computed from as a horizontal line over the range of its sprints. A
// velocity without sprints gives an empty chart that says so.
func Velocity(v radiator.Velocity, title string) []byte {
	if title == "" {
		title = "Velocity"
	}
	sprints := v.Sprints
	hasMean := v.Basis > 0 && len(sprints) > 0
	meanText := meanLabel(v)

	legend := []legendEntry{
		{"committed", swatch(colGrey)},
		{"completed", swatch(colBlue)},
	}
	if hasMean {
		basis := "mean of last sprint"
		if v.Basis > 1 {
			basis = fmt.Sprintf("mean of last %d sprints", v.Basis)
		}
		legend = append(legend, legendEntry{basis, func(c *canvas, x, y float64) {
			c.rect(x, y-7, 18, 14, ` fill="`+colVermillion+`" fill-opacity="0.12"`)
			c.line(x, y, x+18, y, ` stroke="`+colVermillion+`" stroke-width="2.5"`)
		}})
	}

	c := canvas{f: teamFrame}
	header(&c, title, "", legend)
	left, right := c.f.padLeft, c.f.width-c.f.padRight
	if hasMean {
		right -= 1.1*textWidth(meanText, c.f.labelSize) + 16 // bold
	}
	if len(sprints) == 0 {
		baseline(&c, left, right)
		noData(&c, left, right)
		return c.document("velocity", title, velocityDesc(v, title))
	}

	top := v.Max
	for _, s := range sprints {
		top = max(top, s.Committed, s.Completed)
	}
	ya := yAxis{f: c.f, ticks: niceTicks(top)}
	ya.draw(&c, left, right, "points")

	if hasMean {
		y1, y2 := ya.y(v.Max), ya.y(v.Min)
		c.rect(left, y1, right-left, y2-y1, ` fill="`+colVermillion+`" fill-opacity="0.12"`)
	}

	// Bars first, then the mean line over them, then the numbers over both.
	group := (right - left) / float64(len(sprints))
	bar := min(group*0.32, 56)
	names, ends := axisNames(sprints, group-8), endLabels(sprints, group-8)
	// When the bars are too narrow for their numbers, only the completed
	// ones are written: they are what velocity is made of.
	labelAll := true
	for _, s := range sprints {
		if 1.1*textWidth(num(max(s.Committed, s.Completed)), c.f.smallSize) > bar+2 {
			labelAll = false
		}
	}
	type barLabel struct {
		x, y   float64
		text   string
		weight string
	}
	var labels []barLabel
	for i, s := range sprints {
		centre := left + (float64(i)+0.5)*group
		for _, b := range []struct {
			x      float64
			value  float64
			fill   string
			what   string
			weight string
		}{
			{centre - 2 - bar, s.Committed, colGrey, "committed", ""},
			{centre + 2, s.Completed, colBlue, "completed", ` font-weight="700"`},
		} {
			y := ya.y(b.value)
			c.printf(`<path d="%s" fill="%s">`, topRounded(b.x, y, bar, c.f.plotBottom-y, 3), b.fill)
			c.tooltip(fmt.Sprintf("%s: %s %s", s.Name, points(b.value), b.what))
			c.buf.WriteString("</path>\n")
			if labelAll || b.what == "completed" {
				labels = append(labels, barLabel{b.x + bar/2, y - 7, num(b.value), b.weight})
			}
		}
		c.text(centre, c.f.plotBottom+20, ` text-anchor="middle"`, names[i])
		if ends[i] != "" {
			c.text(centre, c.f.plotBottom+37, ` text-anchor="middle" font-size="`+coord(c.f.smallSize)+`" fill="`+colMuted+`"`, ends[i])
		}
	}
	baseline(&c, left, right)
	if hasMean {
		y := ya.y(v.Mean)
		c.line(left, y, right, y, ` stroke="`+colVermillion+`" stroke-width="2.5"`)
		c.text(right+8, y+4.5, ` font-weight="700" fill="`+colVermillionText+`"`, meanText)
	}
	for _, l := range labels {
		c.text(l.x, l.y, ` text-anchor="middle" font-size="`+coord(c.f.smallSize)+`"`+l.weight+halo, l.text)
	}
	return c.document("velocity", title, velocityDesc(v, title))
}

// axisNames returns the sprints' names as the x axis shows them in px
// each: whole when they fit, else without the words they all begin with
// ("Sprint 34" becomes "34"), cut with an ellipsis if they still do not fit.
func axisNames(sprints []radiator.VelocitySprint, px float64) []string {
	names := make([]string, len(sprints))
	fits := true
	for i, s := range sprints {
		names[i] = s.Name
		fits = fits && textWidth(s.Name, teamFrame.labelSize) <= px
	}
	if !fits {
		prefix := sprints[0].Name
		for _, s := range sprints[1:] {
			for !strings.HasPrefix(s.Name, prefix) {
				prefix = prefix[:len(prefix)-1]
			}
		}
		prefix = prefix[:strings.LastIndex(prefix, " ")+1]
		for i := range names {
			if rest := strings.TrimPrefix(names[i], prefix); rest != "" {
				names[i] = rest
			}
		}
	}
	for i := range names {
		names[i] = fit(names[i], px, teamFrame.labelSize)
	}
	return names
}

// endLabels tell when each sprint ended in at most px, all in the same
// words: "ended 20 Nov" if every one fits, else "20 Nov", else nothing.
func endLabels(sprints []radiator.VelocitySprint, px float64) []string {
	for _, format := range []func(radiator.Date) string{
		func(d radiator.Date) string { return "ended " + shortDate(d) },
		shortDate,
	} {
		labels := make([]string, len(sprints))
		fits := true
		for i, s := range sprints {
			if !s.End.IsZero() {
				labels[i] = format(s.End)
			}
			fits = fits && textWidth(labels[i], teamFrame.smallSize) <= px
		}
		if fits {
			return labels
		}
	}
	return make([]string, len(sprints))
}

// topRounded returns the path of a bar with its top corners rounded.
func topRounded(x, y, w, h, r float64) string {
	r = min(r, h, w/2)
	return fmt.Sprintf("M%s,%s V%s Q%s,%s %s,%s H%s Q%s,%s %s,%s V%s Z",
		coord(x), coord(y+h), coord(y+r),
		coord(x), coord(y), coord(x+r), coord(y),
		coord(x+w-r),
		coord(x+w), coord(y), coord(x+w), coord(y+r),
		coord(y+h))
}

// meanLabel writes the mean with its range: "mean 30 (20–40)".
func meanLabel(v radiator.Velocity) string {
	if v.Min == v.Max {
		return "mean " + num(v.Mean)
	}
	return fmt.Sprintf("mean %s (%s–%s)", num(v.Mean), num(v.Min), num(v.Max))
}

// velocityDesc summarises a velocity in words.
func velocityDesc(v radiator.Velocity, title string) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(v.Sprints) == 0 {
		s.WriteString("no data yet, no finished sprint.")
		return s.String()
	}
	if v.Basis > 0 {
		fmt.Fprintf(&s, "mean %s completed", points(v.Mean))
		if v.Min != v.Max {
			fmt.Fprintf(&s, " (%s to %s)", num(v.Min), num(v.Max))
		}
		if v.Basis == 1 {
			s.WriteString(" in the last sprint.")
		} else {
			fmt.Fprintf(&s, " over the last %d sprints.", v.Basis)
		}
	}
	for _, sp := range v.Sprints {
		fmt.Fprintf(&s, " %s: %s committed, %s completed.", sp.Name, num(sp.Committed), num(sp.Completed))
	}
	return s.String()
}
