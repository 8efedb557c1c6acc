package http

import (
	"context"
	"fmt"
	"net/http"

	"github.com/radiator-hq/radiator"
)

// The handlers of the release tier under /api/v1: the meta-backlog, the
// release plan with its baselines, charts, forecast, board, risk,
// what-ifs and decisions, readiness, dependencies and hot fixes. They
// parse, call the store or a view loader of views_s2.go, and answer.

// maxStories bounds the stories made from a feature in one step.
const maxStories = 100

// storiesCreate is the body of the breakdown of a feature into stories.
type storiesCreate struct {
	Stories []storyDraft `json:"stories"`
}

// storyDraft is one story of a breakdown, for one team.
type storyDraft struct {
	TeamID             int64    `json:"team_id"`
	Title              string   `json:"title"`
	Estimate           *float64 `json:"estimate"`
	Description        string   `json:"description"`
	AcceptanceCriteria string   `json:"acceptance_criteria"`
}

// featureCommit is the body that commits a feature to a release.
type featureCommit struct {
	FeatureID int64 `json:"feature_id"`
	Version   int64 `json:"version"`
}

// baselineCreate is the body that takes a baseline.
type baselineCreate struct {
	Note string `json:"note"`
}

// releasePlan is a release's plan: its committed features with their
// progress in rank order, the sprints each team has in it, the latest
// baseline (null when none) with the changes since, and the decisions.
type releasePlan struct {
	Release   *radiator.Release          `json:"release"`
	Features  []radiator.FeatureProgress `json:"features"`
	Teams     []teamSprints              `json:"teams"`
	Baseline  *radiator.Baseline         `json:"baseline"`
	Changes   []radiator.ReleaseChange   `json:"changes"`
	Decisions []*radiator.Decision       `json:"decisions"`
}

// teamSprints is one team's sprints in a release, in start order.
type teamSprints struct {
	TeamID  int64              `json:"team_id"`
	Name    string             `json:"name"`
	Sprints []*radiator.Sprint `json:"sprints"`
}

// releaseChanges is what changed in a release since its latest baseline;
// Baseline is null and Changes empty when none was taken.
type releaseChanges struct {
	Baseline *radiator.Baseline       `json:"baseline"`
	Changes  []radiator.ReleaseChange `json:"changes"`
}

// releaseBurndown is a release's feature units remaining day by day.
type releaseBurndown struct {
	ReleaseID int64           `json:"release_id"`
	Points    []burndownPoint `json:"points"`
}

// burndownPoint is a release's remaining units and scope at a day's end.
type burndownPoint struct {
	Day       radiator.Date `json:"day"`
	Remaining float64       `json:"remaining"`
	Scope     float64       `json:"scope"`
}

// releaseBoardMove is the body of a move of a card on the release board:
// the feature's stories, with the versions read, go to the team and the
// sprint (null: into no sprint).
type releaseBoardMove struct {
	FeatureID int64      `json:"feature_id"`
	Stories   []storyRef `json:"stories"`
	TeamID    int64      `json:"team_id"`
	SprintID  *int64     `json:"sprint_id"`
}

// storyRef names a story and the version read of it.
type storyRef struct {
	ID      int64 `json:"id"`
	Version int64 `json:"version"`
}

// decisionCreate is the body that applies a what-if change with a reason.
type decisionCreate struct {
	Change radiator.WhatIf `json:"change"`
	Reason string          `json:"reason"`
}

// entries is the answer of lists that come whole, in one page.
type entries[T any] struct {
	Items []T `json:"items"`
}

// writeEntries answers a whole list, or err.
func writeEntries[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, err error) {
	if items == nil {
		items = []T{}
	}
	s.writeEntity(w, r, entries[T]{Items: items}, err)
}

// pathRelease returns the ID of the release of the path, once found,
// decoding the body into body first unless it is nil. It answers the
// error and returns false otherwise.
func (s *Server) pathRelease(w http.ResponseWriter, r *http.Request, body any) (int64, bool) {
	id, err := pathID(r, "release")
	if err == nil && body != nil {
		err = decode(w, r, body)
	}
	if err == nil {
		_, err = s.Store.FindReleaseByID(r.Context(), id)
	}
	if err != nil {
		s.Error(w, r, err)
		return 0, false
	}
	return id, true
}

// pathReleaseView loads the view of the release of the path. It answers
// the error and returns nil otherwise.
func (s *Server) pathReleaseView(w http.ResponseWriter, r *http.Request) *releaseView {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return nil
	}
	v, err := s.loadReleaseView(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return nil
	}
	return v
}

func (s *Server) handleMetaBacklog(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := newQuery(r)
	releaseID := q.id("release_id")
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	mb, err := s.loadMetaBacklog(r.Context(), id, releaseID)
	s.writeEntity(w, r, mb, err)
}

// handleStoriesCreate breaks a feature down into stories for its teams,
// all or none.
func (s *Server) handleStoriesCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "backlog item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var body storiesCreate
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	items, err := s.createStories(r.Context(), id, body.Stories)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, backlogItemsChanged{Items: items})
}

// createStories makes stories of a feature, one per draft, in one step:
// each in the draft's team, under the feature, in its product and its
// release. A team outside the product is EINVALID stories[i].team_id.
func (s *Server) createStories(ctx context.Context, featureID int64, drafts []storyDraft) ([]*radiator.BacklogItem, error) {
	switch n := len(drafts); {
	case n == 0:
		return nil, radiator.Invalidf("stories", "give at least one story")
	case n > maxStories:
		return nil, radiator.Invalidf("stories", "make at most %d stories at once, not %d", maxStories, n)
	}
	feature, err := s.Store.FindBacklogItemByID(ctx, featureID)
	if err != nil {
		return nil, err
	}
	if feature.Kind != radiator.KindFeature {
		return nil, radiator.Invalidf("kind", "item %d is a %s; stories are made from a feature", feature.ID, feature.Kind)
	}
	teams, err := collect(func(after string) ([]*radiator.Team, string, error) {
		return s.Store.FindTeams(ctx, radiator.TeamFilter{ProductID: feature.ProductID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find teams of product %d: %w", feature.ProductID, err)
	}
	items := make([]*radiator.BacklogItem, len(drafts))
	for i, d := range drafts {
		field := func(name string) string { return fmt.Sprintf("stories[%d].%s", i, name) }
		if d.TeamID <= 0 {
			return nil, radiator.Invalidf(field("team_id"), "is required: the team that does the story")
		}
		if !containsTeam(teams, d.TeamID) {
			return nil, radiator.Invalidf(field("team_id"), "team %d is not a team of the feature's product", d.TeamID)
		}
		team := d.TeamID
		it := &radiator.BacklogItem{
			ProductID: feature.ProductID, Kind: radiator.KindStory, Title: d.Title, Description: d.Description,
			ParentID: &feature.ID, Estimate: d.Estimate, State: radiator.StateNew, TeamID: &team,
			ReleaseID: feature.ReleaseID, AcceptanceCriteria: d.AcceptanceCriteria,
		}
		if err := it.Validate(); err != nil {
			return nil, radiator.Invalidf(field(radiator.ErrorField(err)), "%s", radiator.ErrorMessage(err))
		}
		items[i] = it
	}
	if err := s.Store.CreateBacklogItems(ctx, items); err != nil {
		return nil, err
	}
	return items, nil
}

func containsTeam(teams []*radiator.Team, id int64) bool {
	for _, t := range teams {
		if t.ID == id {
			return true
		}
	}
	return false
}

// handleFeatureCommit commits a feature to a release.
func (s *Server) handleFeatureCommit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var body featureCommit
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := s.commitFeature(r.Context(), id, body.FeatureID, body.Version)
	s.writeEntity(w, r, f, err)
}

// commitFeature commits a feature of the release's product to the
// release, with those of its stories that were in the feature's release
// before, in one step. A feature committed to another release must be
// taken out there first (EINVALID feature_id); one committed here already
// is answered as it is.
func (s *Server) commitFeature(ctx context.Context, releaseID, featureID, version int64) (*radiator.BacklogItem, error) {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return nil, err
	}
	f, err := s.releaseFeature(ctx, rel, featureID)
	if err != nil {
		return nil, err
	}
	if f.ReleaseID != nil {
		if *f.ReleaseID == rel.ID {
			return f, nil
		}
		other, err := s.Store.FindReleaseByID(ctx, *f.ReleaseID)
		if err != nil {
			return nil, fmt.Errorf("find release %d of feature %d: %w", *f.ReleaseID, f.ID, err)
		}
		return nil, radiator.Invalidf("feature_id", "%q is committed to release %s; take it out there first", f.Title, other.Name)
	}
	items, err := s.setFeatureRelease(ctx, f, version, radiator.SetTo(rel.ID))
	if err != nil {
		return nil, err
	}
	return items[0], nil
}

// releaseFeature returns the feature featureID, which must be a feature
// of the release's product (EINVALID feature_id otherwise).
func (s *Server) releaseFeature(ctx context.Context, rel *radiator.Release, featureID int64) (*radiator.BacklogItem, error) {
	if featureID <= 0 {
		return nil, radiator.Invalidf("feature_id", "is required: the id of a feature")
	}
	f, err := s.Store.FindBacklogItemByID(ctx, featureID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, radiator.Invalidf("feature_id", "there is no item %d", featureID)
	}
	if err != nil {
		return nil, err
	}
	if f.Kind != radiator.KindFeature {
		return nil, radiator.Invalidf("feature_id", "item %d is a %s, not a feature", f.ID, f.Kind)
	}
	if f.ProductID != rel.ProductID {
		return nil, radiator.Invalidf("feature_id", "%q is a feature of another product than release %s", f.Title, rel.Name)
	}
	return f, nil
}

// setFeatureRelease gives a feature, at the version read, the release, and
// so its stories that were in the feature's release, all or none. It
// answers the feature first, then the stories.
func (s *Server) setFeatureRelease(ctx context.Context, f *radiator.BacklogItem, version int64, release radiator.Nullable[int64]) ([]*radiator.BacklogItem, error) {
	stories, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ParentID: f.ID, Kind: radiator.KindStory, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find stories of feature %d: %w", f.ID, err)
	}
	upds := []radiator.BacklogItemBulkUpdate{{ID: f.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: version, ReleaseID: release}}}
	for _, st := range stories {
		if sameRelease(st.ReleaseID, f.ReleaseID) {
			upds = append(upds, radiator.BacklogItemBulkUpdate{ID: st.ID, BacklogItemUpdate: radiator.BacklogItemUpdate{Version: st.Version, ReleaseID: release}})
		}
	}
	return s.Store.UpdateBacklogItems(ctx, upds)
}

func sameRelease(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// handleFeatureUncommit takes a feature out of a release, with its
// stories in the release.
func (s *Server) handleFeatureUncommit(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	featureID, err := pathIDOf(r, "feature_id", "feature")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.uncommitFeature(r.Context(), id, featureID, version))
}

// uncommitFeature takes a feature committed to the release out of it, at
// the version read (0: any). A feature not committed to it is not found.
func (s *Server) uncommitFeature(ctx context.Context, releaseID, featureID, version int64) error {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return err
	}
	f, err := s.Store.FindBacklogItemByID(ctx, featureID)
	if err != nil {
		return err
	}
	if f.Kind != radiator.KindFeature || f.ReleaseID == nil || *f.ReleaseID != rel.ID {
		return radiator.Errorf(radiator.ENOTFOUND, "Item %d is not a feature committed to release %s.", f.ID, rel.Name)
	}
	if version == 0 {
		version = f.Version
	}
	_, err = s.setFeatureRelease(ctx, f, version, radiator.SetNull[int64]())
	return err
}

func (s *Server) handleReleasePlan(w http.ResponseWriter, r *http.Request) {
	v := s.pathReleaseView(w, r)
	if v == nil {
		return
	}
	s.writeJSON(w, r, http.StatusOK, newReleasePlan(v))
}

// newReleasePlan answers a release's plan from its view: every team of the
// product, with its sprints in the release.
func newReleasePlan(v *releaseView) *releasePlan {
	p := &releasePlan{
		Release: v.Release, Features: v.Progress, Baseline: v.Baseline, Changes: v.Changes,
		Decisions: v.Decisions, Teams: []teamSprints{},
	}
	for _, t := range v.Plan.Teams {
		ts := teamSprints{TeamID: t.ID, Name: t.Name, Sprints: []*radiator.Sprint{}}
		for _, sp := range v.Sprints {
			if sp.TeamID == t.ID {
				ts.Sprints = append(ts.Sprints, sp)
			}
		}
		p.Teams = append(p.Teams, ts)
	}
	if p.Features == nil {
		p.Features = []radiator.FeatureProgress{}
	}
	if p.Decisions == nil {
		p.Decisions = []*radiator.Decision{}
	}
	return p
}

func (s *Server) handleBaselineList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRelease(w, r, nil)
	if !ok {
		return
	}
	items, err := s.Store.FindBaselines(r.Context(), id)
	writeEntries(s, w, r, items, err)
}

func (s *Server) handleBaselineCreate(w http.ResponseWriter, r *http.Request) {
	var body baselineCreate
	id, ok := s.pathRelease(w, r, &body)
	if !ok {
		return
	}
	b := &radiator.Baseline{ReleaseID: id, Note: body.Note}
	if err := s.Store.CreateBaseline(r.Context(), b); err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, b)
}

func (s *Server) handleReleaseChanges(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := s.loadReleaseChanges(r.Context(), id)
	s.writeEntity(w, r, c, err)
}

// loadReleaseChanges loads the changes of a release since its latest
// baseline.
func (s *Server) loadReleaseChanges(ctx context.Context, releaseID int64) (*releaseChanges, error) {
	if _, err := s.Store.FindReleaseByID(ctx, releaseID); err != nil {
		return nil, err
	}
	baselines, err := s.Store.FindBaselines(ctx, releaseID)
	if err != nil {
		return nil, fmt.Errorf("find baselines of release %d: %w", releaseID, err)
	}
	c := &releaseChanges{Changes: []radiator.ReleaseChange{}}
	if len(baselines) == 0 {
		return c, nil
	}
	c.Baseline = baselines[len(baselines)-1]
	events, err := s.Store.FindReleaseEvents(ctx, []int64{releaseID})
	if err != nil {
		return nil, fmt.Errorf("find events of release %d: %w", releaseID, err)
	}
	changes, err := radiator.ChangesSinceBaseline(c.Baseline, events)
	if err != nil {
		return nil, fmt.Errorf("changes of release %d: %w", releaseID, err)
	}
	if changes != nil {
		c.Changes = changes
	}
	return c, nil
}

func (s *Server) handleReleaseBurnup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, b, err := s.loadReleaseBurnup(r.Context(), id)
	s.writeEntity(w, r, b, err)
}

func (s *Server) handleReleaseBurndown(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, b, err := s.loadReleaseBurnup(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	bd := releaseBurndown{ReleaseID: b.ReleaseID, Points: make([]burndownPoint, len(b.Points))}
	for i, p := range b.Points {
		bd.Points[i] = burndownPoint{Day: p.Day, Remaining: p.Remaining, Scope: p.Scope}
	}
	s.writeJSON(w, r, http.StatusOK, bd)
}

func (s *Server) handleReleaseForecast(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := s.loadReleaseForecast(r.Context(), id)
	s.writeEntity(w, r, f, err)
}

func (s *Server) handleProductBurnup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, b, err := s.loadProductBurnup(r.Context(), id)
	s.writeEntity(w, r, b, err)
}

func (s *Server) handleReleaseBoard(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.loadReleaseBoard(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, v.Board)
}

// handleReleaseBoardMove moves a card of the release board and answers the
// board as it is then.
func (s *Server) handleReleaseBoardMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var m releaseBoardMove
	if err := decode(w, r, &m); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.moveReleaseCard(r.Context(), id, m); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.loadReleaseBoard(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, v.Board)
}

// moveReleaseCard moves stories of a feature on the release board (or of
// a hot fix alongside it) to a team of the product and one of its open
// sprints, or into no sprint, all or none. A stale story version is
// ECONFLICT; a team outside the product is EINVALID team_id, a sprint of
// another team or a closed one EINVALID sprint_id.
func (s *Server) moveReleaseCard(ctx context.Context, releaseID int64, m releaseBoardMove) error {
	rel, err := s.Store.FindReleaseByID(ctx, releaseID)
	if err != nil {
		return err
	}
	f, err := s.releaseFeature(ctx, rel, m.FeatureID)
	if err != nil {
		return err
	}
	if err := s.checkOnBoard(ctx, rel, f); err != nil {
		return err
	}
	switch n := len(m.Stories); {
	case n == 0:
		return radiator.Invalidf("stories", "name at least one story to move")
	case n > maxBulkItems:
		return radiator.Invalidf("stories", "move at most %d stories at once, not %d", maxBulkItems, n)
	}
	team, err := s.Store.FindTeamByID(ctx, m.TeamID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return radiator.Invalidf("team_id", "there is no team %d", m.TeamID)
	}
	if err != nil {
		return err
	}
	if team.ProductID != rel.ProductID {
		return radiator.Invalidf("team_id", "%s is not a team of the product of release %s", team.Name, rel.Name)
	}
	sprint := radiator.SetNull[int64]()
	if m.SprintID != nil {
		sp, err := s.Store.FindSprintByID(ctx, *m.SprintID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return radiator.Invalidf("sprint_id", "there is no sprint %d", *m.SprintID)
		}
		if err != nil {
			return err
		}
		if sp.TeamID != team.ID {
			return radiator.Invalidf("sprint_id", "sprint %q is not a sprint of %s", sp.Name, team.Name)
		}
		if sp.State == radiator.SprintClosed {
			return radiator.Invalidf("sprint_id", "sprint %q is closed; plan the work into an open sprint", sp.Name)
		}
		sprint = radiator.SetTo(sp.ID)
	}
	stories, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ParentID: f.ID, Kind: radiator.KindStory, Page: allPages(after)})
	})
	if err != nil {
		return fmt.Errorf("find stories of feature %d: %w", f.ID, err)
	}
	ofFeature := map[int64]*radiator.BacklogItem{}
	for _, st := range stories {
		ofFeature[st.ID] = st
	}
	upds := make([]radiator.BacklogItemBulkUpdate, len(m.Stories))
	for i, ref := range m.Stories {
		st := ofFeature[ref.ID]
		if st == nil {
			return radiator.Invalidf("stories", "item %d is not a story of %q", ref.ID, f.Title)
		}
		upd := radiator.BacklogItemUpdate{Version: ref.Version, TeamID: radiator.SetTo(team.ID), SprintID: sprint}
		// A story that moves to another team leaves its column: the
		// columns are the old team's.
		if st.TeamID == nil || *st.TeamID != team.ID {
			upd.Column = new(string)
		}
		upds[i] = radiator.BacklogItemBulkUpdate{ID: ref.ID, BacklogItemUpdate: upd}
	}
	_, err = s.Store.UpdateBacklogItems(ctx, upds)
	return err
}

// checkOnBoard checks that a feature is on the release's board: committed
// to it, or to a hot fix of its product (EINVALID feature_id otherwise).
func (s *Server) checkOnBoard(ctx context.Context, rel *radiator.Release, f *radiator.BacklogItem) error {
	if f.ReleaseID != nil && *f.ReleaseID == rel.ID {
		return nil
	}
	if f.ReleaseID != nil {
		other, err := s.Store.FindReleaseByID(ctx, *f.ReleaseID)
		if err != nil {
			return fmt.Errorf("find release %d of feature %d: %w", *f.ReleaseID, f.ID, err)
		}
		if other.Kind == radiator.ReleaseHotfix {
			return nil
		}
	}
	return radiator.Invalidf("feature_id", "%q is not on the board of release %s; commit it first", f.Title, rel.Name)
}

func (s *Server) handleReleaseRisk(w http.ResponseWriter, r *http.Request) {
	v := s.pathReleaseView(w, r)
	if v == nil {
		return
	}
	s.writeJSON(w, r, http.StatusOK, v.Risk)
}

// handleWhatIf answers the release's outlook before and after a change,
// writing nothing.
func (s *Server) handleWhatIf(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var change radiator.WhatIf
	if err := decode(w, r, &change); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.loadWhatIf(r.Context(), id, change)
	s.writeEntity(w, r, v, err)
}

func (s *Server) handleDecisionList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRelease(w, r, nil)
	if !ok {
		return
	}
	items, err := s.Store.FindDecisions(r.Context(), id)
	writeEntries(s, w, r, items, err)
}

// handleDecisionCreate applies a what-if change and records why.
func (s *Server) handleDecisionCreate(w http.ResponseWriter, r *http.Request) {
	var body decisionCreate
	id, ok := s.pathRelease(w, r, &body)
	if !ok {
		return
	}
	d := &radiator.Decision{ReleaseID: id, Change: body.Change, Reason: body.Reason}
	if err := s.Store.ApplyDecision(r.Context(), d); err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, d)
}

func (s *Server) handleHotfixLoad(w http.ResponseWriter, r *http.Request) {
	v := s.pathReleaseView(w, r)
	if v == nil {
		return
	}
	writeEntries(s, w, r, v.HotfixLoad, nil)
}

func (s *Server) handleReadinessList(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRelease(w, r, nil)
	if !ok {
		return
	}
	items, err := s.Store.FindReadinessItems(r.Context(), id)
	writeEntries(s, w, r, items, err)
}

// handleReadinessCreate adds an item to a release's checklist; sent
// without a state it is open, without required it is required.
func (s *Server) handleReadinessCreate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathRelease(w, r, nil)
	if !ok {
		return
	}
	it := radiator.ReadinessItem{State: radiator.ReadinessOpen, Required: true}
	if err := decode(w, r, &it); err != nil {
		s.Error(w, r, err)
		return
	}
	if it.ReleaseID != 0 && it.ReleaseID != id {
		s.Error(w, r, radiator.Invalidf("release_id", "is %d in the path; leave it out", id))
		return
	}
	it.ReleaseID = id
	err := s.Store.CreateReadinessItem(r.Context(), &it)
	s.writeCreated(w, r, "readiness-items", it.ID, &it, err)
}

func (s *Server) handleReadinessView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "readiness item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	it, err := s.Store.FindReadinessItemByID(r.Context(), id)
	s.writeEntity(w, r, it, err)
}

func (s *Server) handleReadinessUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "readiness item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.ReadinessItemUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	it, err := s.Store.UpdateReadinessItem(r.Context(), id, upd)
	s.writeEntity(w, r, it, err)
}

func (s *Server) handleReadinessDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "readiness item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteReadinessItem(r.Context(), id, version))
}

func (s *Server) handleDependencyList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.DependencyFilter{
		ProductID: q.id("product_id"),
		State:     q.oneOf("state", radiator.DependencyStates),
		Page:      q.page(),
	}
	if id := q.id("item_id"); id != 0 {
		f.ItemIDs = []int64{id}
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindDependencies(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handleDependencyCreate records a dependency; sent without a state it is
// open, without a product it is in the product of the dependent item.
func (s *Server) handleDependencyCreate(w http.ResponseWriter, r *http.Request) {
	d := radiator.Dependency{State: radiator.DependencyOpen}
	if err := decode(w, r, &d); err != nil {
		s.Error(w, r, err)
		return
	}
	if d.ProductID == 0 && d.ItemID > 0 {
		it, err := s.Store.FindBacklogItemByID(r.Context(), d.ItemID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			s.Error(w, r, radiator.Invalidf("item_id", "there is no item %d", d.ItemID))
			return
		}
		if err != nil {
			s.Error(w, r, err)
			return
		}
		d.ProductID = it.ProductID
	}
	err := s.Store.CreateDependency(r.Context(), &d)
	s.writeCreated(w, r, "dependencies", d.ID, &d, err)
}

func (s *Server) handleDependencyView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "dependency")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	d, err := s.Store.FindDependencyByID(r.Context(), id)
	s.writeEntity(w, r, d, err)
}

func (s *Server) handleDependencyUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "dependency")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.DependencyUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	d, err := s.Store.UpdateDependency(r.Context(), id, upd)
	s.writeEntity(w, r, d, err)
}

func (s *Server) handleDependencyDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "dependency")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteDependency(r.Context(), id, version))
}
