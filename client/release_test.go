package client_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/client"
)

// releaseFixture adds to the fixture the release Atlas 1.0 (2 Feb to 30
// Apr) of Atlas, and a product Beta with a release of the same name.
func releaseFixture(t *testing.T) (*fixture, *radiator.Release, *radiator.Release) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	atlas := &radiator.Release{ProductID: f.product.ID, Name: "Atlas 1.0", Start: radiator.MustDate("2026-02-02"), Date: radiator.MustDate("2026-04-30"),
		Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular}
	must(t, "create release", f.store.CreateRelease(ctx, atlas))
	beta := &radiator.Product{Key: "BETA", Name: "Beta"}
	must(t, "create product", f.store.CreateProduct(ctx, beta))
	twin := &radiator.Release{ProductID: beta.ID, Name: "atlas 1.0", Date: radiator.MustDate("2026-06-30"), Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular}
	must(t, "create release", f.store.CreateRelease(ctx, twin))
	return f, atlas, twin
}

func TestReleaseByRef(t *testing.T) {
	f, atlas, twin := releaseFixture(t)
	tests := []struct {
		ref    string
		want   int64
		code   string
		detail string // a part of the error message
	}{
		{ref: itoa(atlas.ID), want: atlas.ID},
		{ref: "ATLAS/Atlas 1.0", want: atlas.ID},
		{ref: "atlas/ATLAS 1.0", want: atlas.ID},
		{ref: "Beta/Atlas 1.0", want: twin.ID},
		{ref: itoa(f.product.ID) + "/atlas 1.0", want: atlas.ID},
		{ref: " BETA / atlas 1.0 ", want: twin.ID},
		{ref: "Atlas 1.0", code: radiator.EINVALID, detail: "2 releases are named"},
		{ref: "ATLAS/Atlas 2.0", code: radiator.ENOTFOUND, detail: "Releases: Atlas 1.0 (" + itoa(atlas.ID) + ")."},
		{ref: "GAMMA/Atlas 1.0", code: radiator.ENOTFOUND, detail: "Products: ATLAS (Atlas), BETA (Beta)."},
		{ref: "999", code: radiator.ENOTFOUND, detail: `No release "999"`},
		{ref: " ", code: radiator.EINVALID, detail: "PRODUCT/NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			r, err := f.client.ReleaseByRef(context.Background(), tt.ref)
			if tt.code == "" {
				if err != nil || r.ID != tt.want {
					t.Errorf("ReleaseByRef(%q) = %v, %v; want release %d", tt.ref, r, err, tt.want)
				}
				return
			}
			if e := apiErr(t, err); e.Code != tt.code || !strings.Contains(e.Message, tt.detail) {
				t.Errorf("ReleaseByRef(%q) error = %+v, want %s saying %q", tt.ref, e, tt.code, tt.detail)
			}
		})
	}
}

func TestReleases(t *testing.T) {
	f, atlas, twin := releaseFixture(t)
	ctx := context.Background()
	all, err := f.client.Releases(ctx, radiator.ReleaseFilter{Page: radiator.Page{Limit: 1}})
	if err != nil || len(all) != 2 || all[0].ID != atlas.ID || all[1].ID != twin.ID {
		t.Errorf("Releases, a page of one at a time = %v, %v; want Atlas 1.0 then Beta's, by date", all, err)
	}
	beta, err := f.client.Releases(ctx, radiator.ReleaseFilter{ProductID: twin.ProductID})
	if err != nil || len(beta) != 1 || beta[0].ID != twin.ID {
		t.Errorf("Releases of Beta = %v, %v; want its one", beta, err)
	}
}

// TestReleasePlanning takes a release through the calls of the release
// tier: commit a feature, break it down, read the meta-backlog, the
// forecast, the risk and the charts, move a card, try and apply a change.
func TestReleasePlanning(t *testing.T) {
	f, atlas, _ := releaseFixture(t)
	ctx := context.Background()
	c := f.client
	signIn := f.items["Sign-in"]
	committed, err := c.CommitFeature(ctx, atlas.ID, signIn.ID, signIn.Version)
	if err != nil || committed.ReleaseID == nil || *committed.ReleaseID != atlas.ID {
		t.Fatalf("CommitFeature = %v, %v; want Sign-in in Atlas 1.0", committed, err)
	}
	eight := 8.0
	stories, err := c.CreateStories(ctx, signIn.ID, []client.StoryDraft{
		{TeamID: f.rockets.ID, Title: "Remember me", Estimate: &eight, AcceptanceCriteria: "A week without signing in"},
		{TeamID: f.comets.ID, Title: "Sign-in telemetry"},
	})
	if err != nil || len(stories) != 2 {
		t.Fatalf("CreateStories = %v, %v; want two stories", stories, err)
	}
	if s := stories[1]; *s.TeamID != f.comets.ID || *s.ParentID != signIn.ID || *s.ReleaseID != atlas.ID {
		t.Errorf("story for Comets = %+v, want Comets', under Sign-in, in Atlas 1.0", s)
	}
	_, err = c.CreateStories(ctx, signIn.ID, []client.StoryDraft{{Title: "No team"}})
	if e := apiErr(t, err); e.Code != radiator.EINVALID || e.Field != "stories[0].team_id" {
		t.Errorf("CreateStories without a team error = %+v, want invalid stories[0].team_id", e)
	}

	features, err := c.MetaBacklog(ctx, f.product.ID, atlas.ID)
	if err != nil || len(features) != 1 || features[0].Feature.ID != signIn.ID || features[0].Stories != 6 || features[0].StoriesDone != 1 {
		t.Fatalf("MetaBacklog of Atlas 1.0 = %+v, %v; want Sign-in with 1 of 6 stories done", features, err)
	}
	fc, err := c.ReleaseForecast(ctx, atlas.ID)
	if err != nil || fc.Scope != 1 || fc.Done != 0 || fc.Date != atlas.Date || fc.Words == "" {
		t.Errorf("ReleaseForecast = %+v, %v; want 1 unit, none done, by 30 Apr, in words", fc, err)
	}
	rk, err := c.ReleaseRisk(ctx, atlas.ID)
	if err != nil || len(rk.Teams) != 2 || len(rk.AtRisk) != 1 || rk.AtRisk[0].FeatureID != signIn.ID {
		t.Errorf("ReleaseRisk = %+v, %v; want both teams and Sign-in at risk (no velocity yet)", rk, err)
	}
	b, err := c.ReleaseBurnup(ctx, atlas.ID)
	// From 2 Feb to today, 4 March; Sign-in joined today.
	if err != nil || len(b.Points) != 31 || b.Points[30].Scope != 1 || b.Points[29].Scope != 0 {
		t.Errorf("ReleaseBurnup = %+v, %v; want 31 points, the scope 1 only today", b, err)
	}
	pb, err := c.ProductBurnup(ctx, f.product.ID)
	if err != nil || len(pb.Releases) != 1 || pb.Releases[0].ReleaseID != atlas.ID {
		t.Errorf("ProductBurnup = %+v, %v; want one band, Atlas 1.0", pb, err)
	}

	board, err := c.ReleaseBoard(ctx, atlas.ID)
	if err != nil || len(board.Rows) < 2 || board.ReleaseID != atlas.ID {
		t.Fatalf("ReleaseBoard = %+v, %v; want the teams' rows", board, err)
	}
	telemetry := stories[1]
	moved, err := c.MoveCard(ctx, atlas.ID, client.CardMove{FeatureID: signIn.ID, Stories: []client.StoryVersion{{ID: telemetry.ID, Version: telemetry.Version}},
		TeamID: f.comets.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := moved.CardByKey("f" + itoa(signIn.ID) + "-t" + itoa(f.comets.ID) + "-u"); !ok {
		t.Errorf("MoveCard into no sprint: no unplanned card of Sign-in for Comets")
	}
	_, err = c.MoveCard(ctx, atlas.ID, client.CardMove{FeatureID: signIn.ID, Stories: []client.StoryVersion{{ID: telemetry.ID, Version: telemetry.Version}},
		TeamID: f.rockets.ID, SprintID: &f.sprint.ID})
	if e := apiErr(t, err); e.Code != radiator.ECONFLICT {
		t.Errorf("MoveCard with a stale version error = %+v, want conflict", e)
	}

	cut := radiator.WhatIf{Kind: radiator.WhatIfCutFeature, ItemID: signIn.ID}
	wi, err := c.WhatIf(ctx, atlas.ID, cut)
	if err != nil || wi.Before.Forecast.Scope != 1 || wi.After.Forecast.Scope != 0 || len(wi.After.Risk.AtRisk) != 0 || wi.Summary != `Cut "Sign-in" from the release` {
		t.Errorf("WhatIf(cut Sign-in) = %+v, %v; want the scope from 1 to 0 and nothing at risk", wi, err)
	}
	d, err := c.Decide(ctx, atlas.ID, cut, "The login provider is late.")
	if err != nil || d.Reason != "The login provider is late." || d.Summary != wi.Summary || d.ActorName != "Ada Lovelace" {
		t.Errorf("Decide = %+v, %v; want the cut recorded with its reason by Ada", d, err)
	}
	if it, err := c.BacklogItem(ctx, signIn.ID); err != nil || it.ReleaseID != nil {
		t.Errorf("Sign-in after the cut = %v, %v; want in no release", it, err)
	}

	items, err := c.ReadinessItems(ctx, atlas.ID)
	if err != nil || len(items) != 4 {
		t.Fatalf("ReadinessItems = %v, %v; want the standard four", items, err)
	}
	released := radiator.PhaseReleased
	_, err = c.UpdateRelease(ctx, atlas.ID, radiator.ReleaseUpdate{Version: atlas.Version, Phase: &released})
	if e := apiErr(t, err); e.Code != radiator.EINVALID || e.Field != "override_reason" {
		t.Errorf("UpdateRelease to released with open items error = %+v, want invalid override_reason", e)
	}
	reason := "Hot fix for a customer"
	r, err := c.UpdateRelease(ctx, atlas.ID, radiator.ReleaseUpdate{Version: atlas.Version, Phase: &released, OverrideReason: &reason})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{released, reason}, []string{r.Phase, r.OverrideReason}); diff != "" {
		t.Errorf("UpdateRelease with a reason: phase and reason (-want +got):\n%s", diff)
	}
}
