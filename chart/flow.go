package chart

import (
	"fmt"
	"strings"

	"github.com/radiator-hq/radiator"
)

// CumulativeFlow draws a cumulative flow diagram: for each day, the items
// in each state of radiator.ItemStates stacked as areas, done at the
// bottom and new at the top, with the latest count of each state labelled
// at the right. No days, or days without items, give an empty chart that
// says so.
func CumulativeFlow(days []radiator.FlowDay, title string) []byte {
	if title == "" {
		title = "Cumulative flow"
	}
	states := radiator.ItemStates
	legend := make([]legendEntry, len(states))
	for i, st := range states {
		legend[i] = legendEntry{stateName(st), swatch(stateColour(i))}
	}

	c := canvas{f: teamFrame}
	header(&c, title, "", legend)
	left, right := c.f.padLeft, c.f.width-c.f.padRight

	// count returns the items of day d in state i; a short Counts is read
	// as zeros.
	count := func(d, i int) int {
		if i < len(days[d].Counts) {
			return days[d].Counts[i]
		}
		return 0
	}
	total := func(d int) int {
		n := 0
		for i := range states {
			n += count(d, i)
		}
		return n
	}
	top := 0
	for d := range days {
		top = max(top, total(d))
	}

	var labels []string
	if top > 0 {
		for i, st := range states {
			if n := count(len(days)-1, i); n > 0 {
				labels = append(labels, fmt.Sprintf("%d %s", n, stateName(st)))
			}
		}
		w := 0.0
		for _, l := range labels {
			w = max(w, textWidth(l, c.f.labelSize))
		}
		right -= w + 12
	}

	axisDays := make([]radiator.Date, len(days))
	for i, d := range days {
		axisDays[i] = d.Day
	}
	// No weekend shading: the areas fill the plot and would hide it.
	ax := dayAxis{days: axisDays, left: left, right: right}
	if top == 0 {
		baseline(&c, left, right)
		if len(days) > 0 {
			ax.drawLabels(&c)
		}
		noData(&c, left, right)
		return c.document("flow", title, flowDesc(days, states, title, count, total))
	}

	ya := yAxis{f: c.f, ticks: niceTicks(float64(top))}
	// Each day's value sits in the middle of its band, held flat to the
	// edges of the first and last bands.
	xs := []float64{left}
	for d := range days {
		xs = append(xs, ax.centre(d))
	}
	xs = append(xs, right)
	dayOf := func(k int) int { return min(max(k-1, 0), len(days)-1) }

	// Layers from the bottom: the last state (done) first.
	below := make([]int, len(xs))
	type layer struct {
		state     int
		low, high []int
	}
	var layers []layer
	for i := len(states) - 1; i >= 0; i-- {
		high := make([]int, len(xs))
		for k := range xs {
			high[k] = below[k] + count(dayOf(k), i)
		}
		layers = append(layers, layer{i, below, high})
		below = high
	}
	for _, l := range layers {
		outline := make([]point, 0, 2*len(xs))
		for k, x := range xs {
			outline = append(outline, point{x, ya.y(float64(l.high[k]))})
		}
		for k := len(xs) - 1; k >= 0; k-- {
			outline = append(outline, point{xs[k], ya.y(float64(l.low[k]))})
		}
		c.printf(`<path d="%s Z" fill="%s">`, path(outline), stateColour(l.state))
		c.tooltip(fmt.Sprintf("%s: %d on %s", stateName(states[l.state]), count(len(days)-1, l.state), shortDate(days[len(days)-1].Day)))
		c.buf.WriteString("</path>\n")
	}
	// Thin separators between the layers keep neighbouring colours apart.
	for _, l := range layers {
		edge := make([]point, len(xs))
		for k, x := range xs {
			edge[k] = point{x, ya.y(float64(l.high[k]))}
		}
		c.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="1.5" stroke-linejoin="round"/>`+"\n", path(edge), colBackground)
	}

	ya.draw(&c, left, right, "items")
	baseline(&c, left, right)
	ax.drawLabels(&c)

	// The latest count of each state beside its layer, where the layer is
	// thick enough for a line of text.
	end := len(xs) - 1
	for _, l := range layers {
		n := l.high[end] - l.low[end]
		y1, y2 := ya.y(float64(l.high[end])), ya.y(float64(l.low[end]))
		if n == 0 || y2-y1 < 15 {
			continue
		}
		c.text(right+8, (y1+y2)/2+4.5, ` font-weight="600"`, fmt.Sprintf("%d %s", n, stateName(states[l.state])))
	}
	return c.document("flow", title, flowDesc(days, states, title, count, total))
}

// stateName is the name of an item state as the chart shows it.
func stateName(state string) string {
	return strings.ReplaceAll(state, "_", " ")
}

// stateColour returns the fill of the i-th state of radiator.ItemStates:
// grey for new work, then blue, orange and green towards done.
func stateColour(i int) string {
	colours := []string{"#c5ccd6", colSky, colOrange, colGreen, "#cc79a7", colBlue}
	return colours[i%len(colours)]
}

// flowDesc summarises a cumulative flow in words: the span and the items
// by state on its first and last days.
func flowDesc(days []radiator.FlowDay, states []string, title string, count func(d, i int) int, total func(d int) int) string {
	var s strings.Builder
	s.WriteString(title + ": ")
	if len(days) == 0 {
		s.WriteString("no data yet.")
		return s.String()
	}
	first, last := 0, len(days)-1
	fmt.Fprintf(&s, "items by state from %s", span(days[first].Day, days[last].Day))
	day := func(d int) {
		fmt.Fprintf(&s, "%s, %d items", shortDate(days[d].Day), total(d))
		for i, st := range states {
			fmt.Fprintf(&s, ", %d %s", count(d, i), stateName(st))
		}
	}
	s.WriteString(". On ")
	day(first)
	if last != first {
		s.WriteString(". On ")
		day(last)
	}
	s.WriteString(".")
	return s.String()
}
