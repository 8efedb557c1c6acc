package radiator_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// featureJSONs are features' JSON as the release computations get it: cut
// by the stores (PostgreSQL's json keeps Go's text, its jsonb spaced and
// in its own order), whole, and odd or broken.
var featureJSONs = []string{
	`{"kind":"feature","title":"Search","release_id":1,"estimate":3,"state":"done"}`,
	`{"kind":"feature","title":"Search","release_id":1,"estimate":null,"state":"ready"}`,
	`{"kind": "feature", "state": "in_progress", "title": "Search", "estimate": 2.5, "release_id": 1}`,
	` { "kind" : "feature" , "release_id" : 1 } `,
	`{"id":10,"product_id":1,"kind":"feature","title":"Search","description":"Find mail.","parent_id":null,"rank":"a0",` +
		`"estimate":3,"size":"M","state":"done","release_id":1,"labels":["x"],"ready_checks":[],"blocked":false,"done_at":"2027-03-01T10:00:00Z"}`,
	`{"kind":"story","title":"Search","release_id":1,"estimate":3,"state":"done"}`,
	`{"kind":"feature","title":"Search","release_id":2,"estimate":3,"state":"done"}`,
	`{"kind":"feature","title":"Search \"fast\" \u00e9 \ud83d\ude00","release_id":1}`,
	`{"kind":"feature","title":"Søk i posten","release_id":1}`,
	`{"kind":"feature","title":"[Beta] Search {fast}","release_id":1}`,
	"{\"kind\":\"feature\",\"title\":\"Bad \xff byte\",\"release_id\":1}",
	`{"kind":"feature","release_id":1,"release_id":null}`,
	`{"kind":"feature","kind":null,"release_id":1}`,
	`{"KIND":"feature","Release_ID":1}`,
	`{"kind":"feature","release_id":1,"other":"\u0041\n","more":-0.5e+3,"flag":true,"none":null}`,
	`{"kind":"feature","release_id":1.0}`,
	`{"kind":"feature","release_id":1e0}`,
	`{"kind":"feature","release_id":99999999999999999999}`,
	`{"kind":"feature","release_id":1,"estimate":1e400}`,
	`{"kind":"feature","release_id":"1"}`,
	`{"kind":3,"release_id":1}`,
	`{"kind":"feature","release_id":1,"estimate":-0}`,
	`{"kind":"feature","release_id":01}`,
	`{"kind":"feature","release_id":1,}`,
	`{"kind":"feature","release_id":1} x`,
	`{"kind":"feature","release_id":1`,
	`{"kind":"feature","release_id":nul}`,
	`{"kind":"feature","title":"tab	inside","release_id":1}`,
	`{"kind":"feature","release_id":1,"x":"\q"}`,
	`{}`,
	`null`,
	``,
	`[]`,
	`"feature"`,
}

// TestReadFeatureJSON checks that the release computations read every one
// of featureJSONs as encoding/json does.
func TestReadFeatureJSON(t *testing.T) {
	for i, raw := range featureJSONs {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkFeatureJSON(t, raw) })
	}
}

// FuzzReadFeatureJSON checks that the release computations read any JSON
// of a feature as encoding/json does: the same release, units, state and
// title, or an error.
func FuzzReadFeatureJSON(f *testing.F) {
	for _, raw := range featureJSONs {
		f.Add(raw)
	}
	f.Fuzz(checkFeatureJSON)
}

// checkFeatureJSON fails t unless NewBurnup and ChangesSinceBaseline read
// raw, the JSON of an item after an event, as encoding/json reads it.
func checkFeatureJSON(t *testing.T, raw string) {
	var want struct {
		Kind      string   `json:"kind"`
		Title     string   `json:"title"`
		ReleaseID *int64   `json:"release_id"`
		Estimate  *float64 `json:"estimate"`
		State     string   `json:"state"`
	}
	var wantErr error
	if raw != "" && raw != "null" {
		wantErr = json.Unmarshal([]byte(raw), &want)
	}
	day := radiator.MustDate("2027-03-01")
	r := &radiator.Release{ID: 1, Start: day, Date: day.AddDays(1)}
	ev := &radiator.Event{ID: 1, At: day.Time().Add(time.Hour), EntityKind: radiator.EntityBacklogItem, EntityID: 10,
		Action: radiator.ActionUpdate, Before: json.RawMessage("null"), After: json.RawMessage(raw)}
	b, err := radiator.NewBurnup(r, []*radiator.Event{ev}, day.Time().Add(2*time.Hour))
	changes, cerr := radiator.ChangesSinceBaseline(&radiator.Baseline{ReleaseID: 1, TakenAt: day.Time()}, []*radiator.Event{ev})
	if (err != nil) != (wantErr != nil) || (cerr != nil) != (wantErr != nil) {
		t.Fatalf("%q: NewBurnup error %v, ChangesSinceBaseline error %v; encoding/json error %v", raw, err, cerr, wantErr)
	}
	if wantErr != nil {
		return
	}
	in := want.Kind == radiator.KindFeature && want.ReleaseID != nil && *want.ReleaseID == 1
	units := radiator.FeatureUnits(want.Estimate)
	var wantPoint radiator.BurnupPoint
	wantChanges := []radiator.ReleaseChange{}
	if in {
		wantPoint = radiator.BurnupPoint{Features: 1, Scope: math.Round(units*100) / 100}
		if want.State == radiator.StateDone {
			wantPoint.FeaturesDone, wantPoint.Done = 1, wantPoint.Scope
		}
		wantChanges = []radiator.ReleaseChange{{At: ev.At, ItemID: 10, Title: want.Title, Kind: radiator.ChangeFeatureAdded, Units: units}}
	}
	got := b.Points[0]
	got.Day, got.Remaining = radiator.Date{}, 0
	if got != wantPoint {
		t.Errorf("%q: first point %+v, want %+v", raw, got, wantPoint)
	}
	if fmt.Sprintf("%+v", changes) != fmt.Sprintf("%+v", wantChanges) {
		t.Errorf("%q: changes %+v, want %+v", raw, changes, wantChanges)
	}
}

// TestReadCutFeatureJSONQuickly checks that the cut JSON the stores
// return is read without encoding/json: NewBurnup allocates about 5 times
// an event so, 15 times through encoding/json.
func TestReadCutFeatureJSONQuickly(t *testing.T) {
	day := radiator.MustDate("2027-03-01")
	r := &radiator.Release{ID: 1, Start: day, Date: day.AddDays(1)}
	var evs []*radiator.Event
	for i := range 100 {
		evs = append(evs, &radiator.Event{ID: int64(i + 1), At: day.Time().Add(time.Hour), EntityKind: radiator.EntityBacklogItem,
			EntityID: int64(i + 1), Action: radiator.ActionUpdate,
			After: json.RawMessage(fmt.Sprintf(`{"kind":"feature","title":"Feature %d","release_id":1,"estimate":%d,"state":"ready"}`, i, i%5))})
	}
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := radiator.NewBurnup(r, evs, day.Time().Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	})
	if perEvent := allocs / float64(len(evs)); perEvent > 8 {
		t.Errorf("NewBurnup allocates %.1f times an event of cut JSON, want at most 8", perEvent)
	}
}
