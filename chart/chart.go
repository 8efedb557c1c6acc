// Package chart draws the team tier's charts (burndown, velocity and
// cumulative flow) and the release charts of a Scrum of Scrums (release
// burnup and burndown, multi-release burnup) as standalone SVG documents
// from the plain series the radiator package computes. The release charts
// are made for a wall: a 16:9 canvas with larger type.
//
// Output is deterministic: numbers are formatted with a fixed number of
// decimals, nothing iterates over a map and nothing reads the clock, so the
// same series always give the same bytes. Every document carries a <title>
// and a <desc> that says in words what the chart shows, and every piece of
// text that comes from people (titles, sprint names) is escaped.
package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// frame is the size of a kind of chart, in viewBox units, and of its
// type. A document scales to the width of its container, so the sizes are
// those at its native width.
type frame struct {
	width, height float64

	padLeft    float64 // room for the y tick labels and the axis name
	padRight   float64 // plot to the right edge
	plotTop    float64 // below the title and the legend
	plotBottom float64 // above the day labels

	titleSize, labelSize, smallSize float64
	// titleY and legendY are the baselines of the title and the legend;
	// drop is from the middle of a line of label text to its baseline.
	titleY, legendY, drop float64
}

// teamFrame is the frame of the team tier's charts, shown beside a board
// or a sprint's page: 800 by 400.
var teamFrame = frame{
	width: 800, height: 400,
	padLeft: 72, padRight: 28, plotTop: 88, plotBottom: 334,
	titleSize: 20, labelSize: 13, smallSize: 12,
	titleY: 34, legendY: 62, drop: 4.5,
}

// Colours. The series use the Okabe–Ito palette, which stays tellable
// apart with the common kinds of colour blindness; text is dark on white
// (the muted grey still has a contrast ratio above 6:1).
const (
	colBackground = "#ffffff"
	colText       = "#17202b"
	colMuted      = "#556070"
	colGrid       = "#e3e7ed"
	colAxis       = "#8a94a3"
	colWeekend    = "#f2f4f7"
	colBlue       = "#0072b2"
	colSky        = "#56b4e9"
	colGreen      = "#009e73"
	colOrange     = "#e69f00"
	colVermillion = "#d55e00"
	// colVermillionText is vermillion dark enough for small text on white.
	colVermillionText = "#a84a00"
	colGrey           = "#a3adba"
	colIdeal          = "#6b7483"
)

// fontStack is the system font of the reader's platform: no font is
// fetched.
const fontStack = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif`

// canvas collects the body of a document.
type canvas struct {
	f   frame
	buf bytes.Buffer
}

func (c *canvas) printf(format string, args ...any) {
	fmt.Fprintf(&c.buf, format, args...)
}

// text writes s, escaped, at (x, y); attrs are extra attributes written as
// they are.
func (c *canvas) text(x, y float64, attrs, s string) {
	c.printf(`<text x="%s" y="%s"%s>`, coord(x), coord(y), attrs)
	escape(&c.buf, s)
	c.buf.WriteString("</text>\n")
}

// line draws a straight line.
func (c *canvas) line(x1, y1, x2, y2 float64, attrs string) {
	c.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"%s/>`+"\n", coord(x1), coord(y1), coord(x2), coord(y2), attrs)
}

// rect draws a rectangle.
func (c *canvas) rect(x, y, w, h float64, attrs string) {
	c.printf(`<rect x="%s" y="%s" width="%s" height="%s"%s/>`+"\n", coord(x), coord(y), coord(w), coord(h), attrs)
}

// tooltip writes a <title> child that browsers show on hover.
func (c *canvas) tooltip(s string) {
	c.buf.WriteString("<title>")
	escape(&c.buf, s)
	c.buf.WriteString("</title>")
}

// path returns the path data joining the points with straight lines.
func path(pts []point) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(coord(p.x) + "," + coord(p.y))
	}
	return b.String()
}

type point struct{ x, y float64 }

// document wraps the canvas's body in a complete SVG document. kind names
// the chart and prefixes the element IDs, which also hold a hash of the
// content so that several charts can be inlined in one page without
// clashing IDs.
func (c *canvas) document(kind, title, desc string) []byte {
	body := c.buf.Bytes()
	h := fnv.New32a()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(desc))
	h.Write([]byte{0})
	h.Write(body)
	id := fmt.Sprintf("%s-%08x", kind, h.Sum32())

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-family="%s" font-size="%s" fill="%s">`+"\n",
		coord(c.f.width), coord(c.f.height), id, id, fontStack, coord(c.f.labelSize), colText)
	fmt.Fprintf(&b, `<title id="%s-title">`, id)
	escape(&b, title)
	b.WriteString("</title>\n")
	fmt.Fprintf(&b, `<desc id="%s-desc">`, id)
	escape(&b, desc)
	b.WriteString("</desc>\n")
	b.Write(body)
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// escape writes s as XML character data. Text comes from people: a sprint
// may be called "<script>".
func escape(b *bytes.Buffer, s string) {
	// EscapeText only fails when the writer does; a bytes.Buffer does not.
	_ = xml.EscapeText(b, []byte(s))
}

// header draws the background, the visible title (cut to fit before the
// note on its right, if any) and the legend below it.
func header(c *canvas, title, note string, legend []legendEntry) {
	headerWith(c, title, note, "", legend)
}

// headerWith draws a header as header does, with strong after the note,
// in bold: what a chart's reader should see first.
func headerWith(c *canvas, title, note, strong string, legend []legendEntry) {
	f := c.f
	c.rect(0, 0, f.width, f.height, ` fill="`+colBackground+`"`)
	room := f.width - 2*24
	switch {
	case strong != "":
		c.printf(`<text x="%s" y="%s" text-anchor="end" fill="%s">`, coord(f.width-24), coord(f.titleY), colMuted)
		if note != "" {
			note += " · "
			escape(&c.buf, note)
		}
		c.printf(`<tspan font-weight="700" fill="%s">`, colText)
		escape(&c.buf, strong)
		c.buf.WriteString("</tspan></text>\n")
		room -= textWidth(note, f.labelSize) + 1.1*textWidth(strong, f.labelSize) + 24
	case note != "":
		c.text(f.width-24, f.titleY, ` text-anchor="end" fill="`+colMuted+`"`, note)
		room -= textWidth(note, f.labelSize) + 24
	}
	// Bold is wider: by a fifth in the widest of the usual sans-serifs.
	c.text(24, f.titleY, ` font-size="`+coord(f.titleSize)+`" font-weight="600"`, fit(title, room/1.2, f.titleSize))
	drawLegend(c, 24, f.legendY, legend)
}

// legendEntry is one series in a legend, with the symbol it is drawn with.
type legendEntry struct {
	label  string
	symbol func(c *canvas, x, y float64) // centred on (x+9, y)
}

func drawLegend(c *canvas, x, y float64, entries []legendEntry) {
	for _, e := range entries {
		e.symbol(c, x, y)
		c.text(x+24, y+c.f.drop, "", e.label)
		x += 24 + textWidth(e.label, c.f.labelSize) + 22
	}
}

// swatch is the legend symbol of a filled area or bar.
func swatch(fill string) func(c *canvas, x, y float64) {
	return func(c *canvas, x, y float64) {
		c.rect(x+1, y-7, 16, 14, ` rx="3" fill="`+fill+`"`)
	}
}

// stroke is the legend symbol of a line; dash is its stroke-dasharray or "".
func stroke(colour string, w float64, dash string, dot bool) func(c *canvas, x, y float64) {
	return func(c *canvas, x, y float64) {
		attrs := ` stroke="` + colour + `" stroke-width="` + coord(w) + `" stroke-linecap="round"`
		if dash != "" {
			attrs += ` stroke-dasharray="` + dash + `"`
		}
		c.line(x, y, x+18, y, attrs)
		if dot {
			c.printf(`<circle cx="%s" cy="%s" r="4" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", coord(x+9), coord(y), colour, colBackground)
		}
	}
}

// yAxis maps values to the plot's height of its frame from the first tick
// (0, or below 0 for a chart that draws under its axis) to the last.
type yAxis struct {
	f     frame
	ticks []float64
}

func (a yAxis) top() float64 { return a.ticks[len(a.ticks)-1] }

func (a yAxis) y(v float64) float64 {
	low := a.ticks[0]
	return a.f.plotBottom - (v-low)/(a.top()-low)*(a.f.plotBottom-a.f.plotTop)
}

// draw draws the grid lines, the tick labels and the axis name from left
// to right. Ticks below zero are left bare: what a chart draws there is not
// the axis's quantity.
func (a yAxis) draw(c *canvas, left, right float64, name string) {
	for _, t := range a.ticks {
		if t < 0 {
			continue
		}
		y := a.y(t)
		if t != 0 {
			c.line(left, y, right, y, ` stroke="`+colGrid+`" stroke-width="1"`)
		}
		c.text(left-10, y+c.f.drop, ` text-anchor="end" fill="`+colMuted+`"`, num(t))
	}
	mid := (a.y(0) + a.y(a.top())) / 2
	c.printf(`<text x="20" y="%s" transform="rotate(-90 20 %s)" text-anchor="middle" fill="%s">`, coord(mid), coord(mid), colMuted)
	escape(&c.buf, name)
	c.buf.WriteString("</text>\n")
}

// baseline draws the x axis line.
func baseline(c *canvas, left, right float64) {
	c.line(left, c.f.plotBottom, right, c.f.plotBottom, ` stroke="`+colAxis+`" stroke-width="1.5"`)
}

// noData writes the note of a chart without data in the middle of the plot.
func noData(c *canvas, left, right float64) {
	c.text((left+right)/2, (c.f.plotTop+c.f.plotBottom)/2+6, ` text-anchor="middle" font-size="`+coord(c.f.labelSize+5)+`" fill="`+colMuted+`"`, "No data yet")
}

// dayAxis lays consecutive days out as equal bands from left to right.
type dayAxis struct {
	days        []radiator.Date
	left, right float64
}

// daysFrom lists the days from first to last; none if last is before
// first or either is not a real date.
func daysFrom(first, last radiator.Date) []radiator.Date {
	if !first.Valid() || !last.Valid() || last.Before(first) {
		return nil
	}
	var days []radiator.Date
	for d := first; !d.After(last); d = d.AddDays(1) {
		days = append(days, d)
	}
	return days
}

func (a dayAxis) band() float64 { return (a.right - a.left) / float64(len(a.days)) }

// centre returns the x of the middle of day i.
func (a dayAxis) centre(i int) float64 { return a.left + (float64(i)+0.5)*a.band() }

// at returns the x of a moment, kept inside the axis.
func (a dayAxis) at(t time.Time) float64 {
	days := t.Sub(a.days[0].Time()).Hours() / 24
	x := a.left + days*a.band()
	return math.Max(a.left, math.Min(a.right, x))
}

// shadeWeekends draws a light band behind each weekend.
func (a dayAxis) shadeWeekends(c *canvas) {
	for i := 0; i < len(a.days); i++ {
		if !weekend(a.days[i]) {
			continue
		}
		j := i
		for j+1 < len(a.days) && weekend(a.days[j+1]) {
			j++
		}
		x := a.left + float64(i)*a.band()
		c.rect(x, c.f.plotTop, float64(j-i+1)*a.band(), c.f.plotBottom-c.f.plotTop, ` fill="`+colWeekend+`"`)
		i = j
	}
}

// drawLabels labels the days under the plot: every day with its weekday
// when there is room, else the Mondays of every week or every few weeks.
func (a dayAxis) drawLabels(c *canvas) {
	f := c.f
	band := a.band()
	// The room a label needs grows with the type: 46 and 64 are the
	// widths for the team charts' 13-unit labels.
	scale := f.labelSize / teamFrame.labelSize
	tick := ` stroke="` + colAxis + `" stroke-width="1"`
	if band >= 46*scale {
		for i, d := range a.days {
			x := a.left + float64(i)*band
			c.line(x, f.plotBottom, x, f.plotBottom+5, tick)
			c.text(a.centre(i), f.plotBottom+f.smallSize+8, ` text-anchor="middle" font-size="`+coord(f.smallSize)+`" fill="`+colMuted+`"`, d.Time().Format("Mon"))
			c.text(a.centre(i), f.plotBottom+f.smallSize+f.labelSize+12, ` text-anchor="middle"`, shortDate(d))
		}
		c.line(a.right, f.plotBottom, a.right, f.plotBottom+5, tick)
		return
	}
	weeks := 1
	for float64(7*weeks)*band < 64*scale {
		weeks *= 2
	}
	labelled := 0
	for i, d := range a.days {
		if d.Time().Weekday() != time.Monday && i != 0 {
			continue
		}
		if d.Time().Weekday() != time.Monday {
			// The first day is labelled only when it is far enough
			// from the first Monday.
			if next := (8 - int(d.Time().Weekday())) % 7; float64(next)*band < 64*scale {
				continue
			}
		} else {
			labelled++
			if (labelled-1)%weeks != 0 {
				continue
			}
		}
		x := a.centre(i)
		c.line(x, f.plotBottom, x, f.plotBottom+5, tick)
		c.text(x, f.plotBottom+f.labelSize+9, ` text-anchor="middle"`, shortDate(d))
	}
}

func weekend(d radiator.Date) bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// shortDate writes a day as "16 Nov".
func shortDate(d radiator.Date) string { return d.Time().Format("2 Jan") }

// longDate writes a day as "16 Nov 2026".
func longDate(d radiator.Date) string { return d.Time().Format("2 Jan 2006") }

// span writes a range of days as people say it: "16–27 Nov 2026",
// "30 Nov – 4 Dec 2026" or "28 Dec 2026 – 8 Jan 2027".
func span(first, last radiator.Date) string {
	switch {
	case first == last:
		return longDate(first)
	case first.Year != last.Year:
		return longDate(first) + " – " + longDate(last)
	case first.Month != last.Month:
		return shortDate(first) + " – " + longDate(last)
	default:
		return strconv.Itoa(first.Day) + "–" + longDate(last)
	}
}

// niceTicks returns the ticks of an axis from 0 to at least max, at a
// round step (1, 2 or 5 times a power of ten, at least 1) giving about five
// intervals.
func niceTicks(max float64) []float64 {
	if !(max > 0) || math.IsInf(max, 0) {
		return []float64{0, 1}
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	var step float64
	switch n := raw / mag; {
	case n <= 1:
		step = mag
	case n <= 2:
		step = 2 * mag
	case n <= 5:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	step = math.Max(step, 1)
	n := int(math.Ceil(max/step - 1e-9))
	ticks := make([]float64, n+1)
	for i := range ticks {
		ticks[i] = float64(i) * step
	}
	return ticks
}

// num formats a value for people: at most two decimals, no trailing zeros.
func num(v float64) string { return formatFloat(v, 2) }

// coord formats a coordinate: one decimal is finer than a pixel on any
// screen the chart is shown on.
func coord(v float64) string { return formatFloat(v, 1) }

func formatFloat(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// textWidth estimates the width of s in the system sans-serif at size.
// It errs on the wide side so that what fits by it fits on screen.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("il.,:;'|!() ", r):
			w += 0.32
		case r >= 'A' && r <= 'Z', r == 'm', r == 'w', r == '–', r == '—':
			w += 0.72
		default:
			w += 0.56
		}
	}
	return w * size
}

// fit cuts s with an ellipsis so that it is at most px wide at size.
func fit(s string, px, size float64) string {
	if textWidth(s, size) <= px {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		t := strings.TrimRight(string(runes[:n]), " ") + "…"
		if textWidth(t, size) <= px {
			return t
		}
	}
	return "…"
}

// amount formats a forecast or a feature count for people: at most one
// decimal, as precise as the projection it comes from deserves.
func amount(v float64) string { return formatFloat(v, 1) }
