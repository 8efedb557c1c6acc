package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"go/build"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/radiator-hq/radiator"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func day(s string) radiator.Date { return radiator.MustDate(s) }

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// sprint34 is a burndown written out by hand: a two-week sprint from
// Monday 16 to Friday 27 November 2026, started at 09:00 with 34 points,
// 5 points added on Wednesday, 3 removed on Friday, 2 added the next
// Tuesday, seen at the end of the second Wednesday.
func sprint34() *radiator.Burndown {
	type row struct {
		at, day                              string
		scope, remaining, added, removed, id float64
	}
	rows := []row{
		{"2026-11-16 09:00", "2026-11-16", 34, 34, 0, 0, 34},
		{"2026-11-17 00:00", "2026-11-16", 34, 34, 0, 0, 30.6},
		{"2026-11-18 00:00", "2026-11-17", 34, 29, 0, 0, 27.2},
		{"2026-11-19 00:00", "2026-11-18", 39, 31, 5, 0, 23.8},
		{"2026-11-20 00:00", "2026-11-19", 39, 26, 5, 0, 20.4},
		{"2026-11-21 00:00", "2026-11-20", 36, 21, 5, 3, 17},
		{"2026-11-22 00:00", "2026-11-21", 36, 21, 5, 3, 17},
		{"2026-11-23 00:00", "2026-11-22", 36, 21, 5, 3, 17},
		{"2026-11-24 00:00", "2026-11-23", 36, 16, 5, 3, 13.6},
		{"2026-11-25 00:00", "2026-11-24", 38, 15, 7, 3, 10.2},
		{"2026-11-26 00:00", "2026-11-25", 38, 10, 7, 3, 6.8},
	}
	b := &radiator.Burndown{SprintID: 34, Start: day("2026-11-16"), End: day("2026-11-27"), Committed: 34}
	for _, r := range rows {
		b.Points = append(b.Points, radiator.BurndownPoint{
			At: at(r.at), Day: day(r.day), Scope: r.scope, Remaining: r.remaining, Done: r.scope - r.remaining,
			Added: r.added, Removed: r.removed, Ideal: r.id,
		})
	}
	return b
}

// velocity is six closed sprints, the last three (26, 31 and 33 points
// completed) making a mean of 30.
func velocity() radiator.Velocity {
	v := radiator.Velocity{Mean: 30, Min: 26, Max: 33, Basis: 3}
	for i, s := range []struct{ committed, completed float64 }{{30, 24}, {32, 30}, {28, 28}, {35, 26}, {34, 31}, {36, 33}} {
		v.Sprints = append(v.Sprints, radiator.VelocitySprint{
			SprintID: int64(29 + i), Name: "Sprint " + num(float64(29+i)), End: day("2026-09-11").AddDays(14 * i),
			Committed: s.committed, Completed: s.completed,
		})
	}
	return v
}

// flow is three weeks of a team's items by state (new, ready, in progress,
// done), work flowing from ready to done and a few items arriving.
func flow() []radiator.FlowDay {
	counts := [][]int{
		{2, 14, 0, 0}, {2, 12, 2, 0}, {2, 10, 3, 1}, {3, 9, 3, 2}, {3, 8, 3, 3}, {3, 8, 3, 3}, {3, 8, 3, 3},
		{3, 7, 3, 4}, {3, 6, 3, 5}, {4, 5, 4, 6}, {4, 4, 4, 7}, {4, 3, 4, 8}, {4, 3, 4, 8}, {4, 3, 4, 8},
		{2, 5, 3, 11}, {2, 4, 4, 12}, {2, 3, 4, 13}, {2, 2, 4, 14}, {2, 2, 3, 15}, {2, 2, 3, 15}, {2, 2, 3, 15},
	}
	var days []radiator.FlowDay
	for i, c := range counts {
		days = append(days, radiator.FlowDay{Day: day("2026-11-16").AddDays(i), Counts: c})
	}
	return days
}

// charts are the golden cases: each renders testdata/<name>.svg.
var charts = []struct {
	name   string
	render func() []byte
}{
	{"burndown", func() []byte { return Burndown(sprint34(), "Sprint 34 burndown") }},
	{"burndown-empty", func() []byte {
		return Burndown(&radiator.Burndown{SprintID: 35, Start: day("2026-11-30"), End: day("2026-12-11")}, "Sprint 35 burndown")
	}},
	{"velocity", func() []byte { return Velocity(velocity(), "Velocity of the Otters") }},
	{"velocity-empty", func() []byte { return Velocity(radiator.Velocity{}, "Velocity of the Otters") }},
	{"flow", func() []byte { return CumulativeFlow(flow(), "Cumulative flow of the Otters") }},
}

func TestGolden(t *testing.T) {
	for _, tt := range slices.Concat(charts, releaseCharts) {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.render()
			file := filepath.Join("testdata", tt.name+".svg")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./chart -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (run go test ./chart -update and look at it):\n%s", file, cmp.Diff(string(want), string(got)))
			}
			if again := tt.render(); !bytes.Equal(got, again) {
				t.Errorf("two renderings differ: the output is not deterministic")
			}
		})
	}
}

// node is any XML element, for walking a parsed document.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
	Inner    string     `xml:",innerxml"`
}

// content returns the character data of n and its children, in order.
func (n node) content() string {
	var b strings.Builder
	d := xml.NewDecoder(strings.NewReader("<x>" + n.Inner + "</x>"))
	for {
		tok, err := d.Token()
		if err != nil {
			return b.String()
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name && (a.Name.Space == "" || name == "xmlns") {
			return a.Value
		}
	}
	return ""
}

// find returns the elements under n (n included) with the given id.
func (n node) find(id string) []node {
	var found []node
	if n.attr("id") == id {
		found = append(found, n)
	}
	for _, c := range n.Children {
		found = append(found, c.find(id)...)
	}
	return found
}

// texts returns the text of every <text> element under n, that of its
// <tspan>s included.
func (n node) texts() []string {
	var s []string
	if n.XMLName.Local == "text" {
		s = append(s, n.content())
	}
	for _, c := range n.Children {
		s = append(s, c.texts()...)
	}
	return s
}

// parse checks that doc is one well-formed XML element and returns it.
func parse(t testing.TB, doc []byte) node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
	}
	var root node
	if err := xml.Unmarshal(doc, &root); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return root
}

// checkDocument checks what every team chart must be: a standalone,
// labelled SVG image whose title is the one given.
func checkDocument(t testing.TB, doc []byte, title string) node {
	t.Helper()
	return checkFramed(t, doc, title, teamFrame)
}

// checkFramed checks a chart as checkDocument does, in the frame given.
func checkFramed(t testing.TB, doc []byte, title string, f frame) node {
	t.Helper()
	root := parse(t, doc)
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is %v, want svg in the SVG namespace", root.XMLName)
	}
	for attr, want := range map[string]string{"viewBox": "0 0 " + coord(f.width) + " " + coord(f.height), "width": "100%", "role": "img"} {
		if got := root.attr(attr); got != want {
			t.Errorf("svg %s = %q, want %q", attr, got, want)
		}
	}
	if len(root.Children) < 2 || root.Children[0].XMLName.Local != "title" || root.Children[1].XMLName.Local != "desc" {
		t.Fatalf("the svg does not start with <title> and <desc>")
	}
	ids := strings.Fields(root.attr("aria-labelledby"))
	if len(ids) != 2 {
		t.Fatalf("aria-labelledby = %q, want the ids of the title and the desc", root.attr("aria-labelledby"))
	}
	for i, id := range ids {
		found := root.find(id)
		if len(found) != 1 || found[0].XMLName.Local != root.Children[i].XMLName.Local {
			t.Errorf("aria-labelledby names %q, found %d elements, want the svg's <%s>", id, len(found), root.Children[i].XMLName.Local)
		}
	}
	if got := root.Children[0].Text; got != title {
		t.Errorf("<title> = %q, want %q", got, title)
	}
	if got := root.Children[1].Text; !strings.HasPrefix(got, title+": ") || len(got) < len(title)+12 {
		t.Errorf("<desc> = %q, want the title and a summary of the data", got)
	}
	return root
}

func TestDocuments(t *testing.T) {
	for _, tt := range slices.Concat(charts, releaseCharts) {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.render()
			root := parse(t, doc)
			f := teamFrame
			if strings.HasPrefix(tt.name, "release-") || strings.HasPrefix(tt.name, "product-") {
				f = wallFrame
			}
			checkFramed(t, doc, root.Children[0].Text, f)
			if got := root.attr("font-family"); !strings.Contains(got, "system-ui") {
				t.Errorf("font-family = %q, want the system font stack", got)
			}
			if empty := strings.HasSuffix(tt.name, "-empty"); empty != slicesContain(root.texts(), "No data yet") {
				t.Errorf("the chart says \"No data yet\": %v, want %v", !empty, empty)
			}
		})
	}
	t.Run("nil burndown", func(t *testing.T) {
		root := checkDocument(t, Burndown(nil, "Sprint 36 burndown"), "Sprint 36 burndown")
		if !slicesContain(root.texts(), "No data yet") {
			t.Errorf("a nil burndown does not say it has no data")
		}
	})
	t.Run("no flow days", func(t *testing.T) {
		root := checkDocument(t, CumulativeFlow(nil, "Flow"), "Flow")
		if !slicesContain(root.texts(), "No data yet") {
			t.Errorf("an empty flow does not say it has no data")
		}
	})
	t.Run("burndown of one point", func(t *testing.T) {
		b := sprint34()
		b.Points = b.Points[:1]
		root := checkDocument(t, Burndown(b, "Sprint 34"), "Sprint 34")
		if texts := root.texts(); !slicesContain(texts, "34 left") || !slicesContain(texts, "day 1 of 10 · as of Mon 16 Nov") {
			t.Errorf("texts %q, want \"34 left\" and the progress at the start", texts)
		}
	})
	t.Run("burndown without dates", func(t *testing.T) {
		b := sprint34()
		b.Start, b.End = radiator.Date{}, radiator.Date{}
		root := checkDocument(t, Burndown(b, "Sprint 34"), "Sprint 34")
		if texts := root.texts(); !slicesContain(texts, "16 Nov") || !slicesContain(texts, "25 Nov") || slicesContain(texts, "26 Nov") {
			t.Errorf("texts %q, want the days of the points on the axis", texts)
		}
	})
	t.Run("default titles", func(t *testing.T) {
		checkDocument(t, Burndown(nil, ""), "Burndown")
		checkDocument(t, Velocity(radiator.Velocity{}, ""), "Velocity")
		checkDocument(t, CumulativeFlow(nil, ""), "Cumulative flow")
	})
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestEscapesText(t *testing.T) {
	const hostile = "<script>&"
	v := velocity()
	v.Sprints[0].Name = `"><script>alert(1)</script>`
	flowDays := flow()
	for _, tt := range []struct {
		name string
		doc  []byte
	}{
		{"burndown", Burndown(sprint34(), hostile)},
		{"burndown empty", Burndown(nil, hostile)},
		{"velocity", Velocity(v, hostile)},
		{"velocity empty", Velocity(radiator.Velocity{}, hostile)},
		{"flow", CumulativeFlow(flowDays, hostile)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Contains(bytes.ToLower(tt.doc), []byte("<script")) {
				t.Errorf("the output holds a raw <script")
			}
			if !bytes.Contains(tt.doc, []byte("&lt;script&gt;&amp;")) {
				t.Errorf("the output does not hold the escaped title")
			}
			checkDocument(t, tt.doc, hostile)
		})
	}
}

func TestBurndownContent(t *testing.T) {
	doc := Burndown(sprint34(), "Sprint 34")
	root := checkDocument(t, doc, "Sprint 34")
	texts := root.texts()
	// Every day of the sprint is on the axis, the days to come included.
	for d := day("2026-11-16"); !d.After(day("2026-11-27")); d = d.AddDays(1) {
		if !slicesContain(texts, shortDate(d)) {
			t.Errorf("the x axis has no label %q", shortDate(d))
		}
	}
	for _, want := range []string{"remaining", "ideal", "scope", "scope added", "scope removed", "+5", "+2", "−3", "10 left", "points", "day 8 of 10 · as of Wed 25 Nov"} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	for _, tick := range []string{"0", "10", "20", "30", "40"} {
		if !slicesContain(texts, tick) {
			t.Errorf("no y tick %q", tick)
		}
	}
	wantDesc := "Sprint 34: 34 points committed, 28 done, 10 remaining, 7 added and 3 removed after the start, as of Wednesday 25 November; the sprint runs 16–27 Nov 2026."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}
	if n := bytes.Count(doc, []byte(`fill="`+colWeekend+`"`)); n != 1 {
		t.Errorf("%d weekend bands, want 1 (21–22 Nov)", n)
	}
	if n := bytes.Count(doc, []byte("<circle")); n != len(sprint34().Points)+1 {
		t.Errorf("%d dots, want one per point and one in the legend", n)
	}

	noRemoval := sprint34()
	noRemoval.Points = noRemoval.Points[:4]
	texts = parse(t, Burndown(noRemoval, "Sprint 34")).texts()
	if slicesContain(texts, "scope removed") || !slicesContain(texts, "scope added") {
		t.Errorf("legend of a sprint with scope added only: %q, want \"scope added\" and no \"scope removed\"", texts)
	}
}

func TestVelocityContent(t *testing.T) {
	root := checkDocument(t, Velocity(velocity(), "Velocity"), "Velocity")
	texts := root.texts()
	for _, want := range []string{"mean 30 (26–33)", "mean of last 3 sprints", "committed", "completed", "Sprint 29", "Sprint 34", "ended 20 Nov", "36", "33"} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	wantDesc := "Velocity: mean 30 points completed (26 to 33) over the last 3 sprints. Sprint 29: 30 committed, 24 completed. Sprint 30: 32 committed, 30 completed. Sprint 31: 28 committed, 28 completed. Sprint 32: 35 committed, 26 completed. Sprint 33: 34 committed, 31 completed. Sprint 34: 36 committed, 33 completed."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}

	one := radiator.Velocity{Mean: 12.5, Min: 12.5, Max: 12.5, Basis: 1, Sprints: []radiator.VelocitySprint{{Name: "Sprint 1", Committed: 13, Completed: 12.5}}}
	texts = parse(t, Velocity(one, "One")).texts()
	for _, want := range []string{"mean 12.5", "mean of last sprint", "12.5"} {
		if !slicesContain(texts, want) {
			t.Errorf("one sprint: no text %q; texts: %q", want, texts)
		}
	}
	long := velocity()
	long.Sprints[2].Name = "A sprint with a name far too long for its place on the axis"
	for _, s := range parse(t, Velocity(long, "Long")).texts() {
		if strings.HasPrefix(s, "A sprint") && (!strings.HasSuffix(s, "…") || textWidth(s, teamFrame.labelSize) > (teamFrame.width-teamFrame.padLeft)/6) {
			t.Errorf("long sprint name drawn as %q, want it cut to fit with an ellipsis", s)
		}
	}
}

func TestAxisNames(t *testing.T) {
	sprints := func(names ...string) []radiator.VelocitySprint {
		var s []radiator.VelocitySprint
		for i, n := range names {
			s = append(s, radiator.VelocitySprint{Name: n, End: day("2026-11-20").AddDays(14 * i)})
		}
		return s
	}
	for _, tt := range []struct {
		name      string
		sprints   []radiator.VelocitySprint
		px        float64
		wantNames []string
		wantEnds  []string
	}{
		{"room for all", sprints("Sprint 33", "Sprint 34"), 100, []string{"Sprint 33", "Sprint 34"}, []string{"ended 20 Nov", "ended 4 Dec"}},
		{"common words dropped", sprints("Sprint 33", "Sprint 34"), 40, []string{"33", "34"}, []string{"20 Nov", "4 Dec"}},
		{"words differ", sprints("Otters 3", "Sprint 34"), 40, []string{"Otte…", "Spri…"}, []string{"20 Nov", "4 Dec"}},
		{"no room for dates", sprints("S 1", "S 2"), 20, []string{"1", "2"}, []string{"", ""}},
		{"common words up to the last space", sprints("Team A", "Team A 2"), 30, []string{"A", "A 2"}, []string{"", ""}},
		{"a name made of the common words", sprints("Team A", "Team A 2", "Team "), 30, []string{"A", "A 2", "Te…"}, []string{"", "", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.wantNames, axisNames(tt.sprints, tt.px)); diff != "" {
				t.Errorf("axisNames (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantEnds, endLabels(tt.sprints, tt.px)); diff != "" {
				t.Errorf("endLabels (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlowContent(t *testing.T) {
	root := checkDocument(t, CumulativeFlow(flow(), "Flow"), "Flow")
	texts := root.texts()
	for _, want := range []string{"new", "ready", "in progress", "done", "15 done", "3 in progress", "items", "16 Nov", "23 Nov", "30 Nov"} {
		if !slicesContain(texts, want) {
			t.Errorf("no text %q in the chart; texts: %q", want, texts)
		}
	}
	wantDesc := "Flow: items by state from 16 Nov – 6 Dec 2026. On 16 Nov, 16 items, 2 new, 14 ready, 0 in progress, 0 done. On 6 Dec, 22 items, 2 new, 2 ready, 3 in progress, 15 done."
	if got := root.Children[1].Text; got != wantDesc {
		t.Errorf("desc = %q, want %q", got, wantDesc)
	}
	// Done is the bottom layer: drawn first, starting on the axis.
	doc := string(CumulativeFlow(flow(), "Flow"))
	first := strings.Index(doc, `fill="`+stateColour(3)+`"`)
	for i := 0; i < 3; i++ {
		if j := strings.Index(doc, `fill="`+stateColour(i)+`"><title>`); j < first {
			t.Errorf("layer %s is drawn before done", radiator.ItemStates[i])
		}
	}

	short := []radiator.FlowDay{{Day: day("2026-11-16"), Counts: []int{1}}}
	texts = checkDocument(t, CumulativeFlow(short, "Short"), "Short").texts()
	if !slicesContain(texts, "1 new") {
		t.Errorf("a day with fewer counts than states: texts %q, want \"1 new\"", texts)
	}
	zero := []radiator.FlowDay{{Day: day("2026-11-16"), Counts: []int{0, 0, 0, 0}}}
	if texts := parse(t, CumulativeFlow(zero, "Zero")).texts(); !slicesContain(texts, "No data yet") {
		t.Errorf("days without items do not say there is no data")
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tt := range []struct {
		max  float64
		want []float64
	}{
		{-3, []float64{0, 1}},
		{0, []float64{0, 1}},
		{0.5, []float64{0, 1}},
		{1, []float64{0, 1}},
		{3, []float64{0, 1, 2, 3}},
		{5, []float64{0, 1, 2, 3, 4, 5}},
		{7, []float64{0, 2, 4, 6, 8}},
		{10, []float64{0, 2, 4, 6, 8, 10}},
		{16, []float64{0, 5, 10, 15, 20}},
		{18.5, []float64{0, 5, 10, 15, 20}},
		{20, []float64{0, 5, 10, 15, 20}},
		{39, []float64{0, 10, 20, 30, 40}},
		{45, []float64{0, 10, 20, 30, 40, 50}},
		{101, []float64{0, 50, 100, 150}},
		{250, []float64{0, 50, 100, 150, 200, 250}},
		{1000, []float64{0, 200, 400, 600, 800, 1000}},
	} {
		t.Run(num(tt.max), func(t *testing.T) {
			if diff := cmp.Diff(tt.want, niceTicks(tt.max)); diff != "" {
				t.Errorf("niceTicks(%v) (-want +got):\n%s", tt.max, diff)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		v           float64
		num, coord  string
		description string
	}{
		{0, "0", "0", "zero"},
		{-0.001, "0", "0", "negative zero"},
		{30, "30", "30", "integer"},
		{12.5, "12.5", "12.5", "half"},
		{6.8, "6.8", "6.8", "one decimal"},
		{10.26, "10.26", "10.3", "two decimals"},
		{1.0 / 3, "0.33", "0.3", "repeating"},
		{88.04999, "88.05", "88", "rounds away trailing zeros"},
		{-12.75, "-12.75", "-12.8", "negative"},
		{1e6, "1000000", "1000000", "large"},
	} {
		t.Run(tt.description, func(t *testing.T) {
			if got := num(tt.v); got != tt.num {
				t.Errorf("num(%v) = %q, want %q", tt.v, got, tt.num)
			}
			if got := coord(tt.v); got != tt.coord {
				t.Errorf("coord(%v) = %q, want %q", tt.v, got, tt.coord)
			}
		})
	}
}

func TestLineY(t *testing.T) {
	line := []point{{10, 100}, {20, 50}, {20, 40}, {40, 80}}
	for _, tt := range []struct{ x, want float64 }{
		{0, 100}, {10, 100}, {15, 75}, {20, 50}, {30, 60}, {40, 80}, {50, 80},
	} {
		if got := lineY(line, tt.x); got != tt.want {
			t.Errorf("lineY(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestSpan(t *testing.T) {
	for _, tt := range []struct{ first, last, want string }{
		{"2026-11-16", "2026-11-16", "16 Nov 2026"},
		{"2026-11-16", "2026-11-27", "16–27 Nov 2026"},
		{"2026-11-30", "2026-12-11", "30 Nov – 11 Dec 2026"},
		{"2026-12-28", "2027-01-08", "28 Dec 2026 – 8 Jan 2027"},
	} {
		if got := span(day(tt.first), day(tt.last)); got != tt.want {
			t.Errorf("span(%s, %s) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

// TestImports guards the architecture: charts are drawn from the domain's
// series with the standard library alone.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") && imp != "github.com/radiator-hq/radiator" {
			t.Errorf("package chart imports %q; it may use the radiator package and the standard library only", imp)
		}
	}
}
