package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// openAPIDoc is the part of the OpenAPI document the tests check.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
		Parameters map[string]json.RawMessage `json:"parameters"`
		Responses  map[string]json.RawMessage `json:"responses"`
	} `json:"components"`
}

func loadOpenAPI(t testing.TB) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	return doc
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// TestOpenAPIRoutes checks that the document describes every route under
// /api/v1 of the route table, and no other.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	var routes, documented []string
	for _, rt := range NewServer(nil, nil).routes() {
		if strings.HasPrefix(rt.path, "/api/v1/") {
			routes = append(routes, rt.method+" "+rt.path)
		}
	}
	for path, item := range doc.Paths {
		for key := range item {
			if slices.Contains(httpMethods, key) {
				documented = append(documented, strings.ToUpper(key)+" "+path)
			}
		}
	}
	slices.Sort(routes)
	slices.Sort(documented)
	if diff := cmp.Diff(routes, documented); diff != "" {
		t.Errorf("routes under /api/v1 (-routes.go +openapi.json):\n%s", diff)
	}
}

// schemaTypes names the Go type of each component schema.
var schemaTypes = map[string]any{
	"Error":              apiError{},
	"ErrorBody":          apiErrorBody{},
	"Organisation":       radiator.Organisation{},
	"OrganisationUpdate": radiator.OrganisationUpdate{},
	"Product":            radiator.Product{},
	"ProductUpdate":      radiator.ProductUpdate{},
	"ProductList":        list[*radiator.Product]{},
	"Cadence":            radiator.Cadence{},
	"Forum":              radiator.Forum{},
	"ForumUpdate":        radiator.ForumUpdate{},
	"ForumList":          list[*radiator.Forum]{},
	"Meeting":            radiator.ScheduledMeeting{},
	"MeetingList":        list[radiator.ScheduledMeeting]{},
	"MeetingOverride":    radiator.MeetingOverride{},
	"MeetingChange":      meetingChange{},
	"FeedCreated":        feedCreated{},
	"Team":               radiator.Team{},
	"TeamUpdate":         radiator.TeamUpdate{},
	"TeamList":           list[*radiator.Team]{},
	"Person":             radiator.Person{},
	"PersonCreate":       personCreate{},
	"PersonUpdate":       radiator.PersonUpdate{},
	"PersonList":         list[*radiator.Person]{},
	"PasswordSet":        passwordSet{},
	"Membership":         radiator.Membership{},
	"MembershipUpdate":   radiator.MembershipUpdate{},
	"MembershipList":     list[*radiator.Membership]{},
	"Release":            radiator.Release{},
	"ReleaseUpdate":      radiator.ReleaseUpdate{},
	"ReleaseList":        list[*radiator.Release]{},
	"Sprint":             radiator.Sprint{},
	"SprintUpdate":       radiator.SprintUpdate{},
	"SprintList":         list[*radiator.Sprint]{},
	"BacklogItem":        radiator.BacklogItem{},
	"BacklogItemUpdate":  radiator.BacklogItemUpdate{},
	"BacklogItemList":    list[*radiator.BacklogItem]{},
	"Event":              radiator.Event{},
	"EventList":          list[*radiator.Event]{},
	"Token":              radiator.Token{},
	"TokenCreate":        tokenCreate{},
	"TokenCreated":       tokenCreated{},
	"TokenList":          list[*radiator.Token]{},

	"BoardColumn":           radiator.BoardColumn{},
	"DaysOff":               radiator.DaysOff{},
	"SprintResult":          radiator.SprintResult{},
	"SprintClose":           radiator.SprintClose{},
	"BacklogMove":           radiator.BacklogMove{},
	"BacklogItemBulkUpdate": radiator.BacklogItemBulkUpdate{},
	"BacklogItemBulk":       backlogItemBulk{},
	"BacklogItemsChanged":   backlogItemsChanged{},
	"Board":                 boardView{},
	"BoardColumnView":       boardColumn{},
	"Card":                  boardCard{},
	"PersonSummary":         personSummary{},
	"ItemSummary":           itemSummary{},
	"Refinement":            refinementView{},
	"FlaggedItem":           flaggedItem{},
	"LookAhead":             lookAhead{},
	"Planning":              planningView{},
	"Capacity":              radiator.Capacity{},
	"Velocity":              radiator.Velocity{},
	"VelocitySprint":        radiator.VelocitySprint{},
	"Burndown":              radiator.Burndown{},
	"BurndownPoint":         radiator.BurndownPoint{},
	"Flow":                  flowView{},
	"FlowDay":               radiator.FlowDay{},

	"Flag":                 radiator.Flag{},
	"FeatureProgress":      radiator.FeatureProgress{},
	"MetaBacklog":          metaBacklog{},
	"StoryDraft":           storyDraft{},
	"StoriesCreate":        storiesCreate{},
	"FeatureCommit":        featureCommit{},
	"Baseline":             radiator.Baseline{},
	"BaselineFeature":      radiator.BaselineFeature{},
	"BaselineCreate":       baselineCreate{},
	"BaselineList":         entries[*radiator.Baseline]{},
	"ReleaseChange":        radiator.ReleaseChange{},
	"ReleaseChanges":       releaseChanges{},
	"TeamSprints":          teamSprints{},
	"ReleasePlan":          releasePlan{},
	"BurnupPoint":          radiator.BurnupPoint{},
	"Burnup":               radiator.Burnup{},
	"ReleaseBurndownPoint": burndownPoint{},
	"ReleaseBurndown":      releaseBurndown{},
	"ForecastRange":        radiator.ForecastRange{},
	"Forecast":             radiator.Forecast{},
	"ReleaseBand":          radiator.ReleaseBand{},
	"ProductBurnup":        radiator.ProductBurnup{},
	"ReleaseBoardColumn":   radiator.ReleaseBoardColumn{},
	"CardStory":            radiator.CardStory{},
	"ReleaseCard":          radiator.ReleaseCard{},
	"ReleaseBoardRow":      radiator.ReleaseBoardRow{},
	"ReleaseBoardLine":     radiator.ReleaseBoardLine{},
	"ReleaseBoard":         radiator.ReleaseBoard{},
	"StoryRef":             storyRef{},
	"ReleaseBoardMove":     releaseBoardMove{},
	"TeamLoad":             radiator.TeamLoad{},
	"FeatureRisk":          radiator.FeatureRisk{},
	"ReleaseRisk":          radiator.ReleaseRisk{},
	"WhatIf":               radiator.WhatIf{},
	"Outlook":              outlook{},
	"WhatIfResult":         whatIfView{},
	"Decision":             radiator.Decision{},
	"DecisionCreate":       decisionCreate{},
	"DecisionList":         entries[*radiator.Decision]{},
	"HotfixLoad":           radiator.HotfixLoad{},
	"HotfixLoadList":       entries[radiator.HotfixLoad]{},
	"ReadinessItem":        radiator.ReadinessItem{},
	"ReadinessItemUpdate":  radiator.ReadinessItemUpdate{},
	"ReadinessItemList":    entries[*radiator.ReadinessItem]{},
	"Dependency":           radiator.Dependency{},
	"DependencyUpdate":     radiator.DependencyUpdate{},
	"DependencyList":       list[*radiator.Dependency]{},
}

// jsonFields returns the names encoding/json gives the fields of a struct
// type, following embedded structs.
func jsonFields(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-" || !f.IsExported() && !f.Anonymous:
		case f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct:
			names = append(names, jsonFields(f.Type)...)
		case tag != "":
			names = append(names, tag)
		default:
			names = append(names, f.Name)
		}
	}
	slices.Sort(names)
	return names
}

// TestOpenAPISchemas checks that each component schema has exactly the
// JSON fields of its Go type, so that a field added to a type without
// being documented fails.
func TestOpenAPISchemas(t *testing.T) {
	doc := loadOpenAPI(t)
	for name, schema := range doc.Components.Schemas {
		t.Run(name, func(t *testing.T) {
			v, ok := schemaTypes[name]
			if !ok {
				t.Fatalf("schema %s has no Go type in schemaTypes", name)
			}
			var documented []string
			for p := range schema.Properties {
				documented = append(documented, p)
			}
			slices.Sort(documented)
			if diff := cmp.Diff(jsonFields(reflect.TypeOf(v)), documented); diff != "" {
				t.Errorf("fields of %T (-Go +openapi.json):\n%s", v, diff)
			}
		})
	}
	for name := range schemaTypes {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("schemaTypes names %s, which openapi.json does not define", name)
		}
	}
}

// TestOpenAPIRefs checks that every $ref of the document points at a
// component it defines.
func TestOpenAPIRefs(t *testing.T) {
	doc := loadOpenAPI(t)
	var all any
	if err := json.Unmarshal(openAPI, &all); err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for name := range doc.Components.Schemas {
		defined["#/components/schemas/"+name] = true
	}
	for name := range doc.Components.Parameters {
		defined["#/components/parameters/"+name] = true
	}
	for name := range doc.Components.Responses {
		defined["#/components/responses/"+name] = true
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && !defined[ref] {
				t.Errorf("$ref %s points at nothing", ref)
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(all)
}

func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t)
	w := e.serve(httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" || !bytes.Equal(w.Body.Bytes(), openAPI) {
		t.Errorf("GET /api/v1/openapi.json = %d %q, want 200 and the document", w.Code, w.Header().Get("Content-Type"))
	}
}
