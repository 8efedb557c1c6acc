package radiator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the S2 release computations of progress: burnup,
// throughput, forecast and the changes since a baseline. Their inputs are
// plain values, so the store, the charts and the pages share them.

// BurnupPoint is a release's state at the end of one day.
type BurnupPoint struct {
	Day Date `json:"day"`
	// Scope is the committed feature units, Done those of accepted (done)
	// features, Remaining the difference.
	Scope     float64 `json:"scope"`
	Done      float64 `json:"done"`
	Remaining float64 `json:"remaining"`
	// Added and Removed are the units added to and taken from the scope
	// since the release's start, summed up to this day.
	Added        float64 `json:"added"`
	Removed      float64 `json:"removed"`
	Features     int     `json:"features"`
	FeaturesDone int     `json:"features_done"`
}

// Burnup is a release's progress in feature units, day by day from its
// start to its date (or to asOf, when that comes first).
type Burnup struct {
	ReleaseID int64         `json:"release_id"`
	Start     Date          `json:"start"`
	Date      Date          `json:"date"`
	Points    []BurnupPoint `json:"points"`
}

// NewBurnup computes a release's burnup from its history: events are the
// feature and release events Store.FindReleaseEvents returns for it, in ID
// order. Stories' events are ignored. A day's point is the state at the
// end of that day (UTC); points run from r.Start to the earlier of r.Date
// and asOf's day.
func NewBurnup(r *Release, events []*Event, asOf time.Time) (*Burnup, error) {
	b := &Burnup{ReleaseID: r.ID, Start: r.Start, Date: r.Date, Points: []BurnupPoint{}}
	last := r.Date
	if d := DateOf(asOf.UTC()); d.Before(last) {
		last = d
	}
	if r.Start.IsZero() || last.Before(r.Start) {
		return b, nil
	}
	evs := byID(events)
	// in holds what each feature of the release counts for now; a
	// feature outside the release is not in it.
	in := map[int64]featureSnapshot{}
	var scope, done, added, removed float64
	var features, featuresDone int
	next := 0
	for d := r.Start; !d.After(last); d = d.AddDays(1) {
		end := d.AddDays(1).Time()
		for ; next < len(evs) && !evs[next].At.After(end); next++ {
			e := evs[next]
			if e.EntityKind != EntityBacklogItem {
				continue
			}
			after, err := readFeature(e.ID, e.After)
			if err != nil {
				return nil, err
			}
			old, was := in[e.EntityID]
			var change float64
			if was {
				change -= old.units()
				scope -= old.units()
				features--
				if old.done() {
					done -= old.units()
					featuresDone--
				}
				delete(in, e.EntityID)
			}
			if after.inRelease(r.ID) {
				change += after.units()
				scope += after.units()
				features++
				if after.done() {
					done += after.units()
					featuresDone++
				}
				in[e.EntityID] = after
			}
			// What the release held at the end of its first day is its
			// initial scope; later changes are added or removed.
			if d != r.Start {
				if change > 0 {
					added += change
				} else {
					removed -= change
				}
			}
		}
		b.Points = append(b.Points, BurnupPoint{
			Day: d, Scope: round2(scope), Done: round2(done), Remaining: round2(scope - done),
			Added: round2(added), Removed: round2(removed), Features: features, FeaturesDone: featuresDone,
		})
	}
	return b, nil
}

// featureSnapshot is the part of a backlog item's JSON in an event that
// release burnups read.
type featureSnapshot struct {
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	ReleaseID *int64   `json:"release_id"`
	Estimate  *float64 `json:"estimate"`
	State     string   `json:"state"`
}

// readFeature reads the item in an event's Before or After; a missing or
// null one (before a create, after a delete) is the zero snapshot, in no
// release. Store.FindReleaseEvents cuts a feature's JSON to a flat object
// of the snapshot's fields, which scanFeature reads many times faster than
// encoding/json; a history holds thousands. Whatever it does not take, as
// a whole item with its lists, goes to encoding/json.
func readFeature(eventID int64, raw json.RawMessage) (featureSnapshot, error) {
	if s, ok := scanFeature(raw); ok {
		return s, nil
	}
	var s featureSnapshot
	return s, readJSON(eventID, raw, &s)
}

// snapshotKeys are the JSON names of featureSnapshot's fields.
var snapshotKeys = [][]byte{[]byte("kind"), []byte("title"), []byte("release_id"), []byte("estimate"), []byte("state")}

// scanFeature reads a flat JSON object, of strings, numbers, true, false
// and null, into a snapshot exactly as encoding/json would. It reports
// false, leaving the reading to encoding/json, for anything else: invalid
// JSON, an object or array inside, a key or a snapshot string with
// escapes, a key that matches a field only in another case, or a value of
// the wrong type.
func scanFeature(raw []byte) (featureSnapshot, bool) {
	var s featureSnapshot
	// A whole item holds lists: it goes to encoding/json before anything
	// is read for nothing, and so does a title with a bracket.
	if bytes.IndexByte(raw, '[') >= 0 || bytes.Count(raw, []byte{'{'}) > 1 {
		return s, false
	}
	p := flatJSON{b: raw}
	p.space()
	if !p.next('{') {
		return s, false
	}
	p.space()
	if p.next('}') {
		return s, p.end()
	}
	for {
		key, plain, ok := p.str()
		p.space()
		if !ok || !plain || !p.next(':') {
			return s, false
		}
		p.space()
		if !p.field(&s, key) {
			return s, false
		}
		p.space()
		if p.next('}') {
			return s, p.end()
		}
		if !p.next(',') {
			return s, false
		}
		p.space()
	}
}

// flatJSON reads a flat JSON object from b, at i.
type flatJSON struct {
	b []byte
	i int
}

func (p *flatJSON) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

// next reads c if it comes next.
func (p *flatJSON) next(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// word reads w if it comes next.
func (p *flatJSON) word(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

func (p *flatJSON) digits() bool {
	start := p.i
	for p.i < len(p.b) && '0' <= p.b[p.i] && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// end reports whether nothing but space is left.
func (p *flatJSON) end() bool {
	p.space()
	return p.i == len(p.b)
}

// str reads a string and returns what is between its quotes; plain
// reports that it holds neither escapes nor invalid UTF-8, so that it is
// its own value.
func (p *flatJSON) str() (s []byte, plain, ok bool) {
	if !p.next('"') {
		return nil, false, false
	}
	start, plain := p.i, true
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			s = p.b[start:p.i]
			p.i++
			return s, plain && utf8.Valid(s), true
		case c < 0x20:
			return nil, false, false
		case c == '\\':
			plain = false
			p.i++
			switch {
			case p.next('u'):
				for range 4 {
					if p.i == len(p.b) || !strings.ContainsRune("0123456789abcdefABCDEF", rune(p.b[p.i])) {
						return nil, false, false
					}
					p.i++
				}
			case p.i < len(p.b) && strings.IndexByte("\"\\/bfnrt", p.b[p.i]) >= 0:
				p.i++
			default:
				return nil, false, false
			}
		default:
			p.i++
		}
	}
	return nil, false, false
}

// number reads a number and returns its text.
func (p *flatJSON) number() ([]byte, bool) {
	start := p.i
	p.next('-')
	if !p.next('0') && !p.digits() {
		return nil, false
	}
	if p.next('.') && !p.digits() {
		return nil, false
	}
	if p.next('e') || p.next('E') {
		if !p.next('+') {
			p.next('-')
		}
		if !p.digits() {
			return nil, false
		}
	}
	return p.b[start:p.i], true
}

// field reads the value of key into the snapshot, or reads past it when
// the snapshot has no such field.
func (p *flatJSON) field(s *featureSnapshot, key []byte) bool {
	switch string(key) {
	case "kind":
		return p.text(&s.Kind)
	case "title":
		return p.text(&s.Title)
	case "state":
		return p.text(&s.State)
	case "release_id":
		if p.word("null") {
			s.ReleaseID = nil
			return true
		}
		n, ok := p.number()
		if !ok {
			return false
		}
		v, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			return false
		}
		s.ReleaseID = &v
		return true
	case "estimate":
		if p.word("null") {
			s.Estimate = nil
			return true
		}
		n, ok := p.number()
		if !ok {
			return false
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return false
		}
		s.Estimate = &v
		return true
	}
	for _, k := range snapshotKeys {
		if bytes.EqualFold(key, k) {
			return false
		}
	}
	if p.word("null") || p.word("true") || p.word("false") {
		return true
	}
	if p.i < len(p.b) && p.b[p.i] == '"' {
		_, _, ok := p.str()
		return ok
	}
	_, ok := p.number()
	return ok
}

// text reads a string into v; null leaves v as it is.
func (p *flatJSON) text(v *string) bool {
	if p.word("null") {
		return true
	}
	s, plain, ok := p.str()
	if !ok || !plain {
		return false
	}
	*v = string(s)
	return true
}

// inRelease reports whether the snapshot is a feature committed to the
// release: stories and other kinds never are.
func (s featureSnapshot) inRelease(releaseID int64) bool {
	return s.Kind == KindFeature && s.ReleaseID != nil && *s.ReleaseID == releaseID
}

func (s featureSnapshot) units() float64 { return FeatureUnits(s.Estimate) }
func (s featureSnapshot) done() bool     { return s.State == StateDone }

// byID returns the events in ID order, copying them only when they are
// not in order already.
func byID(events []*Event) []*Event {
	less := func(a, b *Event) int { return cmp.Compare(a.ID, b.ID) }
	if slices.IsSortedFunc(events, less) {
		return events
	}
	evs := slices.Clone(events)
	slices.SortStableFunc(evs, less)
	return evs
}

// ThroughputPeriod is the feature units a product accepted in one period.
type ThroughputPeriod struct {
	Start    Date    `json:"start"`
	End      Date    `json:"end"` // last day, inclusive
	Units    float64 `json:"units"`
	Features int     `json:"features"`
}

// FeatureThroughput counts, for the last n whole periods of periodDays
// days ending with asOf's previous day, the units of features accepted
// (DoneAt) in each, oldest first. features are a product's features of
// regular releases; those not done are skipped.
func FeatureThroughput(features []*BacklogItem, asOf Date, periodDays, n int) []ThroughputPeriod {
	if periodDays <= 0 || n <= 0 {
		return nil
	}
	periods := make([]ThroughputPeriod, n)
	first := asOf.AddDays(-n * periodDays)
	for i := range periods {
		start := first.AddDays(i * periodDays)
		periods[i] = ThroughputPeriod{Start: start, End: start.AddDays(periodDays - 1)}
	}
	for _, f := range features {
		if f.State != StateDone || f.DoneAt == nil {
			continue
		}
		days := first.DaysUntil(DateOf(f.DoneAt.UTC()))
		if days < 0 || days >= n*periodDays {
			continue
		}
		p := &periods[days/periodDays]
		p.Units += FeatureUnits(f.Estimate)
		p.Features++
	}
	for i := range periods {
		periods[i].Units = round2(periods[i].Units)
	}
	return periods
}

// Forecast outcomes.
const (
	OutcomeDone     = "done"      // nothing remains
	OutcomeOnTrack  = "on_track"  // even the pessimistic pace finishes by the date
	OutcomeAtRisk   = "at_risk"   // the likely pace finishes, the pessimistic does not
	OutcomeOffTrack = "off_track" // the likely pace does not finish by the date
	OutcomeNoData   = "no_data"   // no throughput to go by
)

// ForecastRange is one figure in three: from the worst, the median and the
// best of the recent periods.
type ForecastRange struct {
	Pessimistic float64 `json:"pessimistic"`
	Likely      float64 `json:"likely"`
	Optimistic  float64 `json:"optimistic"`
}

// ForecastInput is what a forecast projects: the scope and what is done of
// it as of a day, the release date, and the recent throughput.
type ForecastInput struct {
	AsOf       Date
	Date       Date
	Scope      float64
	Done       float64
	PeriodDays int
	Throughput []ThroughputPeriod
}

// Forecast projects a release from its product's recent feature
// throughput: how much of the scope will be done by the release date, and
// when all of it would be, as a range.
type Forecast struct {
	AsOf       Date          `json:"as_of"`
	Date       Date          `json:"date"`
	Scope      float64       `json:"scope"`
	Done       float64       `json:"done"`
	Remaining  float64       `json:"remaining"`
	PeriodDays int           `json:"period_days"`
	Basis      int           `json:"basis"` // periods of throughput it goes by
	Pace       ForecastRange `json:"pace"`  // units per period
	// ByDate is the units done by the release date, at most the scope.
	ByDate ForecastRange `json:"by_date"`
	// FinishPessimistic and the others are when all the scope would be
	// done; nil when that pace is zero.
	FinishPessimistic *Date  `json:"finish_pessimistic"`
	FinishLikely      *Date  `json:"finish_likely"`
	FinishOptimistic  *Date  `json:"finish_optimistic"`
	Outcome           string `json:"outcome"`
	// Words says it as people do: "At the current pace, 14 to 18 of 20
	// feature units by 12 Mar 2027; all of it between 20 Mar and 17 Apr."
	Words string `json:"words"`
}

// NewForecast projects the input.
// The pace of a period is the units accepted in it, the likely pace the
// median of them (the mean of the middle two for an even count). Figures
// are rounded to two decimals. When nothing remains, every finish is
// AsOf.
func NewForecast(in ForecastInput) Forecast {
	f := Forecast{
		AsOf: in.AsOf, Date: in.Date, Scope: round2(in.Scope), Done: round2(in.Done),
		Remaining: round2(math.Max(in.Scope-in.Done, 0)), PeriodDays: in.PeriodDays,
	}
	done := math.Min(f.Done, f.Scope)
	f.ByDate = ForecastRange{done, done, done}
	if f.Remaining == 0 {
		f.Outcome = OutcomeDone
		p, l, o := f.AsOf, f.AsOf, f.AsOf
		f.FinishPessimistic, f.FinishLikely, f.FinishOptimistic = &p, &l, &o
		f.Words = fmt.Sprintf("All %s done.", unitsOf(f.Scope))
		return f
	}
	if in.PeriodDays <= 0 || len(in.Throughput) == 0 {
		f.Outcome = OutcomeNoData
		f.Words = fmt.Sprintf("No feature throughput yet to forecast from; %s of %s done.", fmtPoints(f.Done), unitsOf(f.Scope))
		return f
	}
	f.Basis = len(in.Throughput)
	units := make([]float64, len(in.Throughput))
	for i, p := range in.Throughput {
		units[i] = p.Units
	}
	sort.Float64s(units)
	mid := len(units) / 2
	median := units[mid]
	if len(units)%2 == 0 {
		median = (units[mid-1] + units[mid]) / 2
	}
	f.Pace = ForecastRange{round2(units[0]), round2(median), round2(units[len(units)-1])}

	days := max(in.AsOf.DaysUntil(in.Date), 0)
	byDate := func(pace float64) float64 {
		return round2(math.Min(done+pace*float64(days)/float64(in.PeriodDays), f.Scope))
	}
	f.ByDate = ForecastRange{byDate(f.Pace.Pessimistic), byDate(f.Pace.Likely), byDate(f.Pace.Optimistic)}
	finish := func(pace float64) *Date {
		if pace <= 0 {
			return nil
		}
		// The tolerance keeps a float just over a whole day from adding
		// a day.
		d := in.AsOf.AddDays(int(math.Ceil(f.Remaining/pace*float64(in.PeriodDays) - 1e-9)))
		return &d
	}
	f.FinishPessimistic, f.FinishLikely, f.FinishOptimistic = finish(f.Pace.Pessimistic), finish(f.Pace.Likely), finish(f.Pace.Optimistic)
	byTheDate := func(d *Date) bool { return d != nil && !d.After(in.Date) }
	switch {
	case byTheDate(f.FinishPessimistic):
		f.Outcome = OutcomeOnTrack
	case byTheDate(f.FinishLikely):
		f.Outcome = OutcomeAtRisk
	default:
		f.Outcome = OutcomeOffTrack
	}
	f.Words = f.words()
	return f
}

// words says the forecast as people do.
func (f *Forecast) words() string {
	amount := fmtPoints(f.ByDate.Pessimistic)
	if f.ByDate.Optimistic != f.ByDate.Pessimistic {
		amount += " to " + fmtPoints(f.ByDate.Optimistic)
	}
	s := fmt.Sprintf("At the current pace, %s of %s by %s", amount, unitsOf(f.Scope), dayWords(f.Date))
	early, late := f.FinishOptimistic, f.FinishPessimistic
	switch {
	case early == nil:
		return s + "; no feature was accepted in the recent periods, so there is no telling when all of it would be done."
	case late == nil:
		return s + fmt.Sprintf("; all of it on %s at the earliest, never at the slowest recent pace.", dayWords(*early))
	case *early == *late:
		return s + fmt.Sprintf("; all of it on %s.", dayWords(*early))
	case early.Year == late.Year:
		return s + fmt.Sprintf("; all of it between %s and %s.", early.Time().Format("2 Jan"), dayWords(*late))
	default:
		return s + fmt.Sprintf("; all of it between %s and %s.", dayWords(*early), dayWords(*late))
	}
}

// dayWords writes a day as "12 Mar 2027".
func dayWords(d Date) string { return d.Time().Format("2 Jan 2006") }

// unitsOf writes an amount of feature units: "20 feature units".
func unitsOf(u float64) string {
	if u == 1 {
		return "1 feature unit"
	}
	return fmtPoints(u) + " feature units"
}

// ReleaseBand is one release on a product's multi-release burnup: its
// points lifted by Base, the scope of the releases before it.
type ReleaseBand struct {
	ReleaseID int64         `json:"release_id"`
	Name      string        `json:"name"`
	Start     Date          `json:"start"`
	Date      Date          `json:"date"`
	Phase     string        `json:"phase"`
	Base      float64       `json:"base"`
	Points    []BurnupPoint `json:"points"`
}

// ProductBurnup is the multi-release burnup of a product: consecutive
// releases on one chart, each with its own scope band, so that the teams
// see where the next release starts.
type ProductBurnup struct {
	ProductID int64         `json:"product_id"`
	Releases  []ReleaseBand `json:"releases"`
}

// NewProductBurnup stacks the burnups of a product's regular releases, in
// date order: each band's Base is the last scope of the bands before it,
// and its Scope and Done are lifted by it. burnups[i] is releases[i]'s.
// Hot-fix releases are left out; a release without a burnup (nil) gets a
// band without points.
func NewProductBurnup(productID int64, releases []*Release, burnups []*Burnup) *ProductBurnup {
	pb := &ProductBurnup{ProductID: productID, Releases: []ReleaseBand{}}
	order := make([]int, 0, len(releases))
	for i, r := range releases {
		if r.Kind != ReleaseHotfix {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return releases[order[a]].Date.Before(releases[order[b]].Date) })
	var base float64
	for _, i := range order {
		r := releases[i]
		band := ReleaseBand{ReleaseID: r.ID, Name: r.Name, Start: r.Start, Date: r.Date, Phase: r.Phase, Base: base, Points: []BurnupPoint{}}
		if i < len(burnups) && burnups[i] != nil {
			for _, p := range burnups[i].Points {
				p.Scope = round2(p.Scope + base)
				p.Done = round2(p.Done + base)
				band.Points = append(band.Points, p)
			}
		}
		if n := len(band.Points); n > 0 {
			base = band.Points[n-1].Scope
		}
		pb.Releases = append(pb.Releases, band)
	}
	return pb
}

// ChangesSinceBaseline lists, oldest first, the changes of the release's
// scope and date after the baseline was taken: features added, removed and
// re-sized, and date moves, with who and when. events are as for NewBurnup.
// A feature's units are FeatureUnits of its estimate; a date is written
// YYYY-MM-DD.
func ChangesSinceBaseline(b *Baseline, events []*Event) ([]ReleaseChange, error) {
	changes := []ReleaseChange{}
	for _, e := range byID(events) {
		if !e.At.After(b.TakenAt) {
			continue
		}
		c := ReleaseChange{At: e.At, ActorName: e.ActorName}
		switch e.EntityKind {
		case EntityRelease:
			if e.EntityID != b.ReleaseID {
				continue
			}
			var before, after struct {
				Date Date `json:"date"`
			}
			if err := readJSON(e.ID, e.Before, &before); err != nil {
				return nil, err
			}
			if err := readJSON(e.ID, e.After, &after); err != nil {
				return nil, err
			}
			if before.Date.IsZero() || after.Date.IsZero() || before.Date == after.Date {
				continue
			}
			c.Kind, c.From, c.To = ChangeDateMoved, before.Date.String(), after.Date.String()
		case EntityBacklogItem:
			before, err := readFeature(e.ID, e.Before)
			if err != nil {
				return nil, err
			}
			after, err := readFeature(e.ID, e.After)
			if err != nil {
				return nil, err
			}
			was, is := before.inRelease(b.ReleaseID), after.inRelease(b.ReleaseID)
			c.ItemID, c.Title = e.EntityID, after.Title
			switch {
			case !was && is:
				c.Kind, c.Units = ChangeFeatureAdded, after.units()
			case was && !is:
				c.Kind, c.Units = ChangeFeatureRemoved, -before.units()
				if c.Title == "" {
					c.Title = before.Title
				}
			case was && is && before.units() != after.units():
				c.Kind, c.Units = ChangeFeatureResized, round2(after.units()-before.units())
				c.From, c.To = fmtPoints(before.units()), fmtPoints(after.units())
			default:
				continue
			}
		default:
			continue
		}
		changes = append(changes, c)
	}
	return changes, nil
}

// readJSON reads an entity's JSON in an event into v; null or nothing
// leaves v as it is.
func readJSON(eventID int64, raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("event %d: read its JSON: %w", eventID, err)
	}
	return nil
}
