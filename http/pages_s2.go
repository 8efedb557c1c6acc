package http

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/chart"
)

// The pages of the release tier (S2): a release with its burnup, risk,
// what-ifs and readiness; the visual release board the Scrum of Scrums
// stands at; a product's meta-backlog and its multi-release burnup. They
// read through the view loaders of views_s2.go, which the API answers
// too. Every action is a plain form answering 303 with a flash, or the
// page again with why it was refused; releaseboard.js and release.js do
// the same through the API without a reload.

// Conflict messages of the release pages: the page shown with them is the
// fresh state.
const (
	releaseConflict      = "Someone else changed this release meanwhile; the page has been refreshed. Check it and try again."
	releaseBoardConflict = "Someone else changed these stories meanwhile; the board has been refreshed. Check it and try again."
	metaBacklogConflict  = "Someone else changed this feature meanwhile; the meta-backlog has been refreshed. Check it and try again."
)

// releaseNav is the navigation between the pages of a product's release
// tier; Current is one of release, board, meta-backlog and burnup.
type releaseNav struct {
	ProductID int64
	ReleaseID int64 // the release shown, or the product's release in progress; 0 for none
	ForumID   int64 // the product's Scrum of Scrums; 0 for none
	Current   string
}

// releaseHead is what every page of the release tier shows above its own
// content.
type releaseHead struct {
	layout
	notice
	Product *radiator.Product
	Release *radiator.Release // nil on a product page of a product without releases
	Nav     releaseNav
	Heading string
}

// fillReleaseHead fills in the head of a page about the product and, when
// not nil, the release.
func (s *Server) fillReleaseHead(ctx context.Context, h *releaseHead, product *radiator.Product, rel *radiator.Release, current, heading string, n notice) error {
	if err := s.fillLayout(ctx, &h.layout, heading+" · "+product.Name); err != nil {
		return err
	}
	h.notice, h.Product, h.Release, h.Heading = n, product, rel, heading
	h.Nav = releaseNav{ProductID: product.ID, Current: current}
	if rel != nil {
		h.Nav.ReleaseID = rel.ID
	}
	forums, _, err := s.Store.FindForums(ctx, radiator.ForumFilter{Kind: radiator.ForumScrumOfScrums, ProductID: product.ID, Page: radiator.Page{Limit: 1}})
	if err != nil {
		return fmt.Errorf("find scrum of scrums of product %d: %w", product.ID, err)
	}
	if len(forums) > 0 {
		h.Nav.ForumID = forums[0].ID
	}
	return nil
}

// inProgress returns the release a product works towards now: the
// earliest regular release not yet released, nil when every one is.
// releases come in date order.
func inProgress(releases []*radiator.Release) *radiator.Release {
	for _, r := range releases {
		if r.Kind == radiator.ReleaseRegular && r.Phase != radiator.PhaseReleased {
			return r
		}
	}
	return nil
}

// releaseLink names a product's release in progress on the home and forum
// pages.
type releaseLink struct {
	Product *radiator.Product
	Release *radiator.Release
}

// releasesInProgress returns the release in progress of each product that
// has one, by product name; of productID alone when it is not 0.
func (s *Server) releasesInProgress(ctx context.Context, productID int64) ([]releaseLink, error) {
	var products []*radiator.Product
	if productID != 0 {
		p, err := s.Store.FindProductByID(ctx, productID)
		if err != nil {
			return nil, fmt.Errorf("find product %d: %w", productID, err)
		}
		products = []*radiator.Product{p}
	} else {
		var err error
		if products, err = collect(func(after string) ([]*radiator.Product, string, error) {
			return s.Store.FindProducts(ctx, radiator.ProductFilter{Page: allPages(after)})
		}); err != nil {
			return nil, fmt.Errorf("find products: %w", err)
		}
	}
	releases, err := collect(func(after string) ([]*radiator.Release, string, error) {
		return s.Store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: productID, Kind: radiator.ReleaseRegular, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find releases: %w", err)
	}
	byProduct := make(map[int64][]*radiator.Release)
	for _, r := range releases {
		byProduct[r.ProductID] = append(byProduct[r.ProductID], r)
	}
	var links []releaseLink
	for _, p := range products {
		if r := inProgress(byProduct[p.ID]); r != nil {
			links = append(links, releaseLink{Product: p, Release: r})
		}
	}
	slices.SortFunc(links, func(a, b releaseLink) int { return cmp.Compare(a.Product.Name, b.Product.Name) })
	return links, nil
}

// releasePath returns the address of a release's page.
func releasePath(id int64) string { return "/releases/" + strconv.FormatInt(id, 10) }

// The release page.

// releasePage shows a release: where it stands, its burnup and burndown
// with the forecast, its committed features, what changed since the
// baseline, the features at risk, what-ifs and decisions, readiness and
// the capacity hot fixes took.
type releasePage struct {
	releaseHead
	V           *releaseView
	DaysLeft    int // working days to the release date, today included
	SprintsLeft int // sprint windows not yet over before the date
	Burnup      template.HTML
	Burndown    template.HTML
	Features    []featureRow
	Changes     []changeRow
	AtRisk      []riskRow
	Loads       []loadRow
	WhatIf      whatIfForm
	// Result is the what-if just tried, nil when none was.
	Result      *whatIfView
	Reason      string
	Decisions   []*radiator.Decision
	Readiness   []readinessRow
	OpenNeeded  int // required readiness items still open
	People      []*radiator.Person
	Parts       []option
	States      []option
	Phases      []option
	HotfixLoad  []hotfixRow
	Hotfixes    []*radiator.Release
	BaselineFit string // the baseline's scope and date in words
}

// option is one choice of a select.
type option struct {
	Value, Label string
}

// featureRow is a committed feature on the release page or the
// meta-backlog.
type featureRow struct {
	Rank int
	radiator.FeatureProgress
	Teams   string
	Release *radiator.Release // the feature's target release, nil for none
	AtRisk  bool
	Short   float64 // the points of it that do not fit, when at risk
}

// changeRow is one change since the baseline, in words.
type changeRow struct {
	radiator.ReleaseChange
	What  string
	Delta string // "+2", "−1", "" for a date
}

// riskRow is a feature at risk with the teams whose capacity runs out.
type riskRow struct {
	radiator.FeatureRisk
	Teams string
}

// loadRow is a team's load for the release, with its slack in words.
type loadRow struct {
	radiator.TeamLoad
	Over    bool
	Percent int // load as a share of capacity, 0 without capacity
}

// hotfixRow is the capacity hot fixes took of a team's sprint.
type hotfixRow struct {
	radiator.HotfixLoad
	Percent int
}

// readinessRow is one item of the readiness checklist.
type readinessRow struct {
	Item    *radiator.ReadinessItem
	Part    string
	OwnerID int64 // 0 for none
	Owner   string
}

// whatIfForm holds the choices and the values of the what-if form.
type whatIfForm struct {
	Kind      string
	FeatureID int64
	StoryID   int64
	TeamID    int64
	Features  []option
	Stories   []option
	Teams     []option
}

func (s *Server) handleReleasePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderRelease(w, r, http.StatusOK, id, releaseForm{}, notice{Flash: s.takeFlash(w, r)})
}

// releaseForm is what the release page's forms sent back when it is shown
// again: the what-if tried and its result, and the decision's reason.
type releaseForm struct {
	WhatIf radiator.WhatIf
	Result *whatIfView
	Reason string
}

func (s *Server) renderRelease(w http.ResponseWriter, r *http.Request, status int, releaseID int64, form releaseForm, n notice) {
	ctx := r.Context()
	v, err := s.loadReleaseView(ctx, releaseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rel := v.Release
	page := releasePage{V: v, Result: form.Result, Reason: form.Reason, Decisions: v.Decisions, Hotfixes: v.Hotfixes}
	if err := s.fillReleaseHead(ctx, &page.releaseHead, v.Plan.Product, rel, "release", rel.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	if !v.AsOf.After(rel.Date) {
		page.DaysLeft = radiator.WorkingDays(v.AsOf, rel.Date)
	}
	page.SprintsLeft = sprintWindowsLeft(v.Sprints, v.AsOf)
	// Our own SVG, its text escaped by package chart.
	page.Burnup = template.HTML(chart.ReleaseBurnup(v.Burnup, &v.Forecast, v.Baseline, v.AsOf, "Burnup of "+rel.Name))
	page.Burndown = template.HTML(chart.ReleaseBurndown(v.Burnup, &v.Forecast, v.AsOf, "Burndown of "+rel.Name))
	page.Features = featureRows(v.Progress, v.Plan, v.Risk)
	page.Changes = changeRows(v.Changes)
	if b := v.Baseline; b != nil {
		page.BaselineFit = fmt.Sprintf("%s feature units due %s", formatPoints(b.Scope()), formatDate(b.Date))
	}
	page.AtRisk = riskRows(v.Risk, v.Plan)
	page.Loads = loadRows(v.Risk)
	page.WhatIf = newWhatIfForm(v, form.WhatIf)
	if page.People, err = collect(func(after string) ([]*radiator.Person, string, error) {
		return s.Store.FindPeople(ctx, radiator.PersonFilter{Page: allPages(after)})
	}); err != nil {
		s.Error(w, r, fmt.Errorf("find people: %w", err))
		return
	}
	slices.SortFunc(page.People, func(a, b *radiator.Person) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	names := map[int64]string{}
	for _, p := range page.People {
		names[p.ID] = p.Name
	}
	for _, it := range v.Readiness {
		row := readinessRow{Item: it, Part: partTitle(it.Part)}
		if it.OwnerID != nil {
			row.OwnerID, row.Owner = *it.OwnerID, names[*it.OwnerID]
		}
		if it.Required && it.Open() {
			page.OpenNeeded++
		}
		page.Readiness = append(page.Readiness, row)
	}
	for _, p := range radiator.ReadinessParts {
		page.Parts = append(page.Parts, option{p, partTitle(p)})
	}
	for _, st := range radiator.ReadinessStates {
		page.States = append(page.States, option{st, stateTitle(st)})
	}
	for _, ph := range radiator.Phases {
		page.Phases = append(page.Phases, option{ph, stateTitle(ph)})
	}
	for _, l := range v.HotfixLoad {
		page.HotfixLoad = append(page.HotfixLoad, hotfixRow{HotfixLoad: l, Percent: percent(l.Share, 1)})
	}
	s.render(w, r, status, "release", page)
}

// sprintWindowsLeft counts the sprint windows (sprints that start on the
// same day) that have not ended before today.
func sprintWindowsLeft(sprints []*radiator.Sprint, today radiator.Date) int {
	starts := map[radiator.Date]bool{}
	for _, sp := range sprints {
		if !sp.End.Before(today) {
			starts[sp.Start] = true
		}
	}
	return len(starts)
}

// percent returns part of whole as a whole percentage, 0 for no whole.
func percent(part, whole float64) int {
	if whole <= 0 {
		return 0
	}
	return int(part/whole*100 + 0.5)
}

// teamNames writes the names of the teams with the IDs, in the order of
// the product's teams.
func teamNames(plan *productPlan, ids []int64) string {
	var names []string
	for _, t := range plan.Teams {
		if slices.Contains(ids, t.ID) {
			names = append(names, t.Name)
		}
	}
	return strings.Join(names, ", ")
}

// featureRows lays out features with their teams, target release and, when
// risk is not nil, whether they are at risk.
func featureRows(progress []radiator.FeatureProgress, plan *productPlan, risk *radiator.ReleaseRisk) []featureRow {
	short := map[int64]float64{}
	if risk != nil {
		for _, fr := range risk.AtRisk {
			short[fr.FeatureID] = fr.Short
		}
	}
	rows := make([]featureRow, 0, len(progress))
	for i, p := range progress {
		row := featureRow{Rank: i + 1, FeatureProgress: p, Teams: teamNames(plan, p.TeamIDs)}
		if p.Feature.ReleaseID != nil {
			row.Release = plan.release(*p.Feature.ReleaseID)
		}
		row.Short, row.AtRisk = short[p.Feature.ID]
		rows = append(rows, row)
	}
	return rows
}

// changeRows says the changes since the baseline in words, newest first.
func changeRows(changes []radiator.ReleaseChange) []changeRow {
	rows := make([]changeRow, 0, len(changes))
	for _, c := range changes {
		row := changeRow{ReleaseChange: c}
		switch c.Kind {
		case radiator.ChangeFeatureAdded:
			row.What = fmt.Sprintf("Added “%s”", c.Title)
		case radiator.ChangeFeatureRemoved:
			row.What = fmt.Sprintf("Removed “%s”", c.Title)
		case radiator.ChangeFeatureResized:
			row.What = fmt.Sprintf("Re-sized “%s” from %s to %s units", c.Title, c.From, c.To)
		case radiator.ChangeDateMoved:
			row.What = "Moved the date from " + dateText(c.From) + " to " + dateText(c.To)
		default:
			row.What = stateTitle(c.Kind)
		}
		switch {
		case c.Units > 0:
			row.Delta = "+" + formatPoints(c.Units)
		case c.Units < 0:
			row.Delta = "−" + formatPoints(-c.Units)
		}
		rows = append(rows, row)
	}
	slices.Reverse(rows)
	return rows
}

// dateText writes a YYYY-MM-DD date as people read it, or as it is when
// it is not one.
func dateText(s string) string {
	d, err := radiator.ParseDate(s)
	if err != nil {
		return s
	}
	return formatDate(d)
}

// riskRows names the teams of each feature at risk.
func riskRows(risk *radiator.ReleaseRisk, plan *productPlan) []riskRow {
	rows := make([]riskRow, 0, len(risk.AtRisk))
	for _, fr := range risk.AtRisk {
		rows = append(rows, riskRow{FeatureRisk: fr, Teams: teamNames(plan, fr.TeamIDs)})
	}
	return rows
}

// loadRows lists the teams' loads, those with a load or a capacity.
func loadRows(risk *radiator.ReleaseRisk) []loadRow {
	var rows []loadRow
	for _, t := range risk.Teams {
		if t.Load == 0 && t.Capacity == 0 {
			continue
		}
		rows = append(rows, loadRow{TeamLoad: t, Over: t.Slack < 0, Percent: percent(t.Load, t.Capacity)})
	}
	return rows
}

// partTitle names a part of release readiness.
func partTitle(part string) string {
	switch part {
	case radiator.PartIntegration:
		return "Integration testing"
	case radiator.PartRegression:
		return "Regression testing"
	case radiator.PartOperations:
		return "Operational readiness"
	case radiator.PartDeployment:
		return "Deployment"
	}
	return stateTitle(part)
}

// newWhatIfForm offers the release's features, its unfinished stories and
// the product's teams, with the change tried selected.
func newWhatIfForm(v *releaseView, w radiator.WhatIf) whatIfForm {
	f := whatIfForm{Kind: cmp.Or(w.Kind, radiator.WhatIfMoveFeature), TeamID: w.TeamID}
	if f.Kind == radiator.WhatIfMoveStory {
		f.StoryID = w.ItemID
	} else {
		f.FeatureID = w.ItemID
	}
	team := map[int64]string{}
	for _, t := range v.Plan.Teams {
		team[t.ID] = t.Name
		f.Teams = append(f.Teams, option{strconv.FormatInt(t.ID, 10), t.Name})
	}
	for _, ft := range v.Features {
		if ft.State != radiator.StateDone {
			f.Features = append(f.Features, option{strconv.FormatInt(ft.ID, 10), ft.Title})
		}
	}
	for _, st := range v.Stories {
		if st.State == radiator.StateDone {
			continue
		}
		label := st.Title
		if st.TeamID != nil {
			label += " (" + team[*st.TeamID] + ")"
		}
		f.Stories = append(f.Stories, option{strconv.FormatInt(st.ID, 10), label})
	}
	return f
}

// readWhatIf reads the change of the what-if and decision forms: a story
// for a story move, a feature otherwise, and a team unless it is a cut.
func readWhatIf(q *query) radiator.WhatIf {
	w := radiator.WhatIf{Kind: q.oneOf("kind", radiator.WhatIfKinds)}
	switch w.Kind {
	case "":
		q.fail("kind", "choose what to try: move a story, move a feature or cut a feature")
	case radiator.WhatIfMoveStory:
		w.ItemID = q.id("story")
		if w.ItemID == 0 {
			q.fail("story", "choose the story to move")
		}
	default:
		w.ItemID = q.id("feature")
		if w.ItemID == 0 {
			q.fail("feature", "choose the feature")
		}
	}
	if w.Kind != radiator.WhatIfCutFeature {
		w.TeamID = q.id("team")
		if w.TeamID == 0 {
			q.fail("team", "choose the team it moves to")
		}
	}
	return w
}

// handleWhatIfPage tries a change on the release's plan and shows the
// outlook before and after it, changing nothing.
func (s *Server) handleWhatIfPage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	change := readWhatIf(q)
	again := func(status int, n notice) { s.renderRelease(w, r, status, id, releaseForm{WhatIf: change}, n) }
	if q.err != nil {
		s.refuse(w, r, q.err, releaseConflict, again)
		return
	}
	v, err := s.loadWhatIf(r.Context(), id, change)
	if err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.renderRelease(w, r, http.StatusOK, id, releaseForm{WhatIf: change, Result: v}, notice{})
}

// handleDecisionPage applies a what-if change with the reason for it.
func (s *Server) handleDecisionPage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	change := readWhatIf(q)
	reason := strings.TrimSpace(q.text("reason"))
	again := func(status int, n notice) {
		form := releaseForm{WhatIf: change, Reason: reason}
		if q.err == nil {
			if v, err := s.loadWhatIf(r.Context(), id, change); err == nil {
				form.Result = v
			}
		}
		s.renderRelease(w, r, status, id, form, n)
	}
	if q.err != nil {
		s.refuse(w, r, q.err, releaseConflict, again)
		return
	}
	d := &radiator.Decision{ReleaseID: id, Change: change, Reason: reason}
	if err := s.Store.ApplyDecision(r.Context(), d); err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.redirectFlash(w, r, releasePath(id), fmt.Sprintf("Decided: %s.", d.Summary))
}

// handleBaselinePage takes a baseline of the release's plan.
func (s *Server) handleBaselinePage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderRelease(w, r, status, id, releaseForm{}, n) }
	b := &radiator.Baseline{ReleaseID: id, Note: strings.TrimSpace(q.text("note"))}
	if err := s.Store.CreateBaseline(r.Context(), b); err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.redirectFlash(w, r, releasePath(id), fmt.Sprintf("Took a baseline: %s feature units due %s.", formatPoints(b.Scope()), formatDate(b.Date)))
}

// handlePhasePage moves the release to another phase; releasing it with
// required readiness items open needs a reason.
func (s *Server) handlePhasePage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderRelease(w, r, status, id, releaseForm{}, n) }
	upd := radiator.ReleaseUpdate{Version: q.required("version")}
	phase := q.oneOf("phase", radiator.Phases)
	if phase == "" {
		q.fail("phase", "choose the phase")
	}
	upd.Phase = &phase
	if reason := strings.TrimSpace(q.text("override_reason")); reason != "" {
		upd.OverrideReason = &reason
	}
	if q.err != nil {
		s.refuse(w, r, q.err, releaseConflict, again)
		return
	}
	rel, err := s.Store.UpdateRelease(r.Context(), id, upd)
	if err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.redirectFlash(w, r, releasePath(id), fmt.Sprintf("%s is now %s.", rel.Name, strings.ToLower(stateTitle(rel.Phase))))
}

// handleReadinessCreatePage adds an item to the release's checklist.
func (s *Server) handleReadinessCreatePage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderRelease(w, r, status, id, releaseForm{}, n) }
	it := &radiator.ReadinessItem{
		ReleaseID: id, Part: q.oneOf("part", radiator.ReadinessParts), Title: strings.TrimSpace(q.text("title")),
		State: radiator.ReadinessOpen, Evidence: strings.TrimSpace(q.text("evidence")), Required: q.text("required") == "true",
	}
	if owner := q.id("owner"); owner != 0 {
		it.OwnerID = &owner
	}
	if q.err == nil {
		q.err = it.Validate()
	}
	if q.err != nil {
		s.refuse(w, r, q.err, releaseConflict, again)
		return
	}
	if err := s.Store.CreateReadinessItem(r.Context(), it); err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.redirectFlash(w, r, releasePath(id)+"#readiness", fmt.Sprintf("Added “%s” to the checklist.", it.Title))
}

// handleReadinessPage saves an item of the release's checklist: its
// state, owner, evidence and whether it is required.
func (s *Server) handleReadinessPage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderRelease(w, r, status, id, releaseForm{}, n) }
	itemID, err := pathIDOf(r, "item", "readiness item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	upd := radiator.ReadinessItemUpdate{Version: q.required("version"), OwnerID: radiator.SetNull[int64]()}
	if st := q.oneOf("state", radiator.ReadinessStates); st != "" {
		upd.State = &st
	}
	if owner := q.id("owner"); owner != 0 {
		upd.OwnerID = radiator.SetTo(owner)
	}
	evidence, required := strings.TrimSpace(q.text("evidence")), q.text("required") == "true"
	upd.Evidence, upd.Required = &evidence, &required
	if q.err != nil {
		s.refuse(w, r, q.err, releaseConflict, again)
		return
	}
	ctx := r.Context()
	old, err := s.Store.FindReadinessItemByID(ctx, itemID)
	if err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	if old.ReleaseID != id {
		s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "Release %d has no readiness item %d.", id, itemID))
		return
	}
	it, err := s.Store.UpdateReadinessItem(ctx, itemID, upd)
	if err != nil {
		s.refuse(w, r, err, releaseConflict, again)
		return
	}
	s.redirectFlash(w, r, releasePath(id)+"#readiness", fmt.Sprintf("Saved “%s”: %s.", it.Title, strings.ToLower(stateTitle(it.State))))
}

// The release board.

// releaseBoardPage is the visual release board: teams by sprint windows,
// with the feature cards, the hot-fix lane and the dependencies, under a
// strip with the forecast and what fits the teams' capacity.
type releaseBoardPage struct {
	releaseHead
	Here     string // the board's address, which releaseboard.js reloads
	Columns  []boardWindow
	Rows     []boardRowView
	Lines    []boardLineView
	RedLines int
	Forecast radiator.Forecast
	Risk     *radiator.ReleaseRisk
	Teams    []*radiator.Team
	Today    radiator.Date
	Move     string // the API address of a move
}

// boardWindow is a column of the release board.
type boardWindow struct {
	radiator.ReleaseBoardColumn
	Index   int
	Past    bool   // ended before today
	Current bool   // runs today
	Dates   string // "5 Jan – 16 Jan"
}

// boardRowView is a lane of the release board with its cells.
type boardRowView struct {
	radiator.ReleaseBoardRow
	Cells     []boardCellView
	Unplanned boardCellView
	Cards     int
}

// boardCellView is one cell: a team's sprint in a window, or its
// unplanned work. Open tells whether cards may be dropped in it.
type boardCellView struct {
	TeamID   int64
	Column   int    // -1 for unplanned
	At       string // the column as the move form sends it
	SprintID int64
	Sprint   string // the team's sprint's name, "" for none
	Open     bool
	Why      string // why no card may go here, when not Open
	Cards    []boardCardView
	HTML     template.HTML // the cell with its cards, as writeBoardCell writes it
}

// boardCardView is a card of the release board with the unfinished
// stories a move takes. Its fields are its own, not embedded, since the
// move page's template finds embedded fields slowly.
type boardCardView struct {
	Card      *radiator.ReleaseCard
	Key       string
	FeatureID int64
	TeamID    int64
	Title     string
	Stories   int
	Size      string // "3 stories · 13 pts"
	Done      bool
	Team      string
	Where     string // the card's sprint window, or "unplanned"
	Hotfix    bool   // in the hot-fix lane
	Open      []radiator.CardStory
	Movable   bool   // it has unfinished stories
	Refs      string // the open stories as "id:version,…", for releaseboard.js
	AtRisk    bool
	At        string // the card's column as the move form sends it
	BoardID   int64  // the release whose board it is on
	MoveURL   string // the card's move form
}

// boardLineView is a dependency line in words.
type boardLineView struct {
	FromKey, ToKey string // the cards it joins
	From, To       string // the cards in words: "“Title” (Team, Sprint 3)"
	Red            bool
	Note           string
}

func (s *Server) handleReleaseBoardPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderReleaseBoard(w, r, http.StatusOK, id, notice{Flash: s.takeFlash(w, r)})
}

// plural writes a count with the word in the singular or the plural.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// shortDay writes a day as "5 Jan".
func shortDay(d radiator.Date) string { return d.Time().Format("2 Jan") }

// releaseBoardPath returns the address of a release's board.
func releaseBoardPath(id int64) string { return releasePath(id) + "/board" }

func (s *Server) renderReleaseBoard(w http.ResponseWriter, r *http.Request, status int, releaseID int64, n notice) {
	ctx := r.Context()
	bv, err := s.loadReleaseBoard(ctx, releaseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v := boardOutlook(bv, s.Clock.Now())
	page := releaseBoardPage{Here: releaseBoardPath(releaseID), Forecast: v.Forecast, Risk: v.Risk, Teams: bv.Plan.Teams, Today: v.AsOf,
		Move: "/api/v1/releases/" + strconv.FormatInt(releaseID, 10) + "/board/move"}
	if err := s.fillReleaseHead(ctx, &page.releaseHead, bv.Plan.Product, bv.Release, "board", bv.Release.Name+": release board", n); err != nil {
		s.Error(w, r, err)
		return
	}
	layoutReleaseBoard(&page, bv, v)
	s.render(w, r, status, "releaseboard", page)
}

// boardOutlook is the forecast and the risk of the release of a board,
// from the plan the board was loaded with: the board needs neither the
// release's history nor its checklist.
func boardOutlook(bv *releaseBoardView, now time.Time) *releaseView {
	v := newReleaseView(bv.Release, bv.Plan, now)
	v.Stories = bv.Plan.storiesOf(v.Features)
	v.Risk = v.risk(v.Features, v.Stories)
	return v
}

// layoutReleaseBoard fills in the page's columns, lanes and lines from the
// board and the release's risk.
func layoutReleaseBoard(page *releaseBoardPage, bv *releaseBoardView, v *releaseView) {
	b := bv.Board
	for i, c := range b.Columns {
		page.Columns = append(page.Columns, boardWindow{ReleaseBoardColumn: c, Index: i,
			Past: c.End.Before(page.Today), Current: !page.Today.Before(c.Start) && !page.Today.After(c.End),
			Dates: shortDay(c.Start) + " – " + shortDay(c.End)})
	}
	sprints := map[int64]*radiator.Sprint{}
	for _, sp := range bv.Plan.Sprints {
		sprints[sp.ID] = sp
	}
	teamName := map[int64]string{}
	for _, t := range bv.Plan.Teams {
		teamName[t.ID] = t.Name
	}
	atRisk := map[int64]bool{}
	for _, fr := range v.Risk.AtRisk {
		atRisk[fr.FeatureID] = true
	}
	where := map[string]string{}
	card := func(c *radiator.ReleaseCard, hotfix bool) boardCardView {
		// A done card needs no more capacity: it is at risk no longer.
		cv := boardCardView{Card: c, Key: c.Key, FeatureID: c.FeatureID, TeamID: c.TeamID, Title: c.Title, Stories: len(c.Stories),
			Size: plural(len(c.Stories), "story", "stories") + " · " + formatPoints(c.Points) + " pts",
			Done: c.Done, Team: teamName[c.TeamID], Where: "unplanned", Hotfix: hotfix,
			AtRisk: atRisk[c.FeatureID] && !c.Done, At: "unplanned", BoardID: b.ReleaseID,
			MoveURL: releaseBoardPath(b.ReleaseID) + "/move?card=" + url.QueryEscape(c.Key)}
		if c.Column >= 0 {
			cv.At, cv.Where = strconv.Itoa(c.Column), b.Columns[c.Column].Name
		}
		var refs []string
		for _, st := range c.Stories {
			if st.State != radiator.StateDone {
				cv.Open = append(cv.Open, st)
				refs = append(refs, fmt.Sprintf("%d:%d", st.ID, st.Version))
			}
		}
		cv.Movable, cv.Refs = len(cv.Open) > 0, strings.Join(refs, ",")
		where[c.Key] = fmt.Sprintf("“%s” (%s, %s)", c.Title, cv.Team, cv.Where)
		return cv
	}
	for _, row := range b.Rows {
		rv := boardRowView{ReleaseBoardRow: row}
		for i, cards := range row.Cells {
			cell := boardCellView{TeamID: row.TeamID, Column: i, At: strconv.Itoa(i), Open: true}
			if !row.Hotfix {
				cell.SprintID = row.SprintIDs[i]
				switch sp := sprints[cell.SprintID]; {
				case sp == nil:
					cell.Open, cell.Why = false, row.Name+" has no sprint here"
				case sp.State == radiator.SprintClosed:
					cell.Sprint, cell.Open, cell.Why = sp.Name, false, sp.Name+" is closed"
				default:
					cell.Sprint = sp.Name
				}
			}
			for _, c := range cards {
				cell.Cards = append(cell.Cards, card(c, row.Hotfix))
			}
			cell.HTML = boardCellHTML(&cell)
			rv.Cards += len(cards)
			rv.Cells = append(rv.Cells, cell)
		}
		rv.Unplanned = boardCellView{TeamID: row.TeamID, Column: -1, At: "unplanned", Open: true}
		for _, c := range row.Unplanned {
			rv.Unplanned.Cards = append(rv.Unplanned.Cards, card(c, row.Hotfix))
		}
		rv.Unplanned.HTML = boardCellHTML(&rv.Unplanned)
		rv.Cards += len(row.Unplanned)
		page.Rows = append(page.Rows, rv)
	}
	for _, l := range b.Lines {
		page.Lines = append(page.Lines, boardLineView{FromKey: l.From, ToKey: l.To, From: where[l.From], To: where[l.To], Red: l.Red, Note: l.Note})
		if l.Red {
			page.RedLines++
		}
	}
}

// boardCellHTML writes a cell of the release board with its cards: the
// <td> and the <li> of each card that releaseboard.js and the e2e tests
// read. It is Go rather than a template for speed: with 1,200 cards (12
// teams by 6 sprints) html/template's escaper calls, made by reflection
// for each of a card's dozen values, took half of the page's 25-34 ms;
// written here the page renders in 7-8 ms (BenchmarkReleaseBoardPage).
// The markup is the one the template wrote, and every text and attribute
// value that is not a number goes through template.HTMLEscapeString:
// nothing unescaped reaches the template.HTML.
func boardCellHTML(cell *boardCellView) template.HTML {
	var b strings.Builder
	b.Grow(200 + 550*len(cell.Cards))
	b.WriteString("\n<td class=\"rb-cell")
	if cell.Open {
		b.WriteString(" rb-open")
	} else {
		b.WriteString(" rb-shut")
	}
	if cell.Column < 0 {
		b.WriteString(" rb-unplanned")
	}
	b.WriteString(`" data-team="`)
	writeInt(&b, cell.TeamID)
	b.WriteString(`" data-column="`)
	b.WriteString(template.HTMLEscapeString(cell.At))
	b.WriteByte('"')
	if cell.SprintID != 0 {
		b.WriteString(` data-sprint="`)
		writeInt(&b, cell.SprintID)
		b.WriteByte('"')
	}
	if cell.Why != "" {
		b.WriteString(` title="`)
		b.WriteString(template.HTMLEscapeString(cell.Why))
		b.WriteByte('"')
	}
	b.WriteString(">\n  <ul class=\"rb-cards\">")
	for i := range cell.Cards {
		writeBoardCard(&b, &cell.Cards[i])
	}
	b.WriteString("</ul>\n</td>\n")
	return template.HTML(b.String())
}

// writeBoardCard writes a card of the release board as its <li>, for
// boardCellHTML.
func writeBoardCard(b *strings.Builder, c *boardCardView) {
	title := template.HTMLEscapeString(c.Title)
	b.WriteString("\n<li class=\"rb-card")
	if c.Done {
		b.WriteString(" done")
	}
	if c.AtRisk {
		b.WriteString(" at-risk")
	}
	if c.Hotfix {
		b.WriteString(" hotfix")
	}
	b.WriteString(`" data-key="`)
	b.WriteString(template.HTMLEscapeString(c.Key))
	b.WriteString(`" data-feature="`)
	writeInt(b, c.FeatureID)
	b.WriteString(`" data-team="`)
	writeInt(b, c.TeamID)
	b.WriteString(`" data-column="`)
	b.WriteString(template.HTMLEscapeString(c.At))
	b.WriteString(`" data-stories="`)
	b.WriteString(template.HTMLEscapeString(c.Refs))
	b.WriteString(`" tabindex="0"`)
	if c.Movable {
		b.WriteString(` draggable="true" aria-describedby="rb-keys"`)
	}
	b.WriteString(">\n  <p class=\"rb-card-title\">")
	b.WriteString(title)
	b.WriteString("</p>\n  <p class=\"rb-card-meta\">")
	if c.Hotfix {
		b.WriteString(`<span class="rb-card-team">`)
		b.WriteString(template.HTMLEscapeString(c.Team))
		b.WriteString("</span> ")
	}
	b.WriteString(`<span class="rb-card-size">`)
	b.WriteString(template.HTMLEscapeString(c.Size))
	b.WriteString("</span>")
	if c.Done {
		b.WriteString(` <span class="done-marker" title="Done">✓<span class="visually-hidden"> Done</span></span>`)
	}
	if c.AtRisk {
		b.WriteString(` <span class="risk-marker">At risk</span>`)
	}
	b.WriteString("</p>\n  ")
	if c.Movable {
		b.WriteString(`<a class="card-move" href="`)
		b.WriteString(template.HTMLEscapeString(c.MoveURL))
		b.WriteString(`">Move<span class="visually-hidden"> `)
		b.WriteString(title)
		b.WriteString("</span></a>")
	}
	b.WriteString("\n</li>\n")
}

// writeInt writes a number in decimal.
func writeInt(b *strings.Builder, n int64) {
	var digits [20]byte
	b.Write(strconv.AppendInt(digits[:0], n, 10))
}

// releaseMovePage is the form that moves one card of the release board,
// for people without a mouse or without scripts.
type releaseMovePage struct {
	releaseHead
	Card *cardMove
}

// cardMove is a card with the choices of its move.
type cardMove struct {
	boardCardView
	Windows []boardWindow
	Teams   []*radiator.Team
}

// handleReleaseCardMovePage shows the move form of the card named by the
// query's card.
func (s *Server) handleReleaseCardMovePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	bv, err := s.loadReleaseBoard(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v := boardOutlook(bv, s.Clock.Now())
	board := releaseBoardPage{Teams: bv.Plan.Teams, Today: v.AsOf, Risk: v.Risk}
	layoutReleaseBoard(&board, bv, v)
	key := r.URL.Query().Get("card")
	page := releaseMovePage{}
	for _, row := range board.Rows {
		for _, cell := range append(slices.Clone(row.Cells), row.Unplanned) {
			for _, c := range cell.Cards {
				if c.Key == key && c.Movable {
					page.Card = &cardMove{boardCardView: c, Windows: board.Columns, Teams: board.Teams}
				}
			}
		}
	}
	if page.Card == nil {
		s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "The board of %s has no card %q with work left to move.", bv.Release.Name, key))
		return
	}
	if err := s.fillReleaseHead(ctx, &page.releaseHead, bv.Plan.Product, bv.Release, "board", "Move “"+page.Card.Title+"”", notice{}); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "releasemove", page)
}

// handleReleaseBoardMovePage moves a card's unfinished stories to a team
// and one of its sprints, or into no sprint: the form twin of
// POST /api/v1/releases/{id}/board/move. The form names the sprint window
// (column), which the team's sprint in it stands for.
func (s *Server) handleReleaseBoardMovePage(w http.ResponseWriter, r *http.Request) {
	id, q, ok := s.pageAction(w, r, "release")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderReleaseBoard(w, r, status, id, n) }
	m := releaseBoardMove{FeatureID: q.required("feature"), TeamID: q.required("team")}
	column := q.text("column")
	if column == "" {
		q.fail("column", "choose the sprint")
	}
	for _, v := range q.values["story"] {
		sid, err := strconv.ParseInt(v, 10, 64)
		if err != nil || sid <= 0 {
			q.fail("story", "%q is not a story id", v)
			break
		}
		m.Stories = append(m.Stories, storyRef{ID: sid, Version: q.required("version-" + v)})
	}
	if len(m.Stories) == 0 {
		q.fail("story", "the card has no unfinished story to move")
	}
	if q.err != nil {
		s.refuse(w, r, q.err, releaseBoardConflict, again)
		return
	}
	ctx := r.Context()
	bv, err := s.loadReleaseBoard(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	team := bv.Plan.team(m.TeamID)
	if team == nil {
		s.refuse(w, r, radiator.Invalidf("team", "team %d is not a team of %s", m.TeamID, bv.Plan.Product.Name), releaseBoardConflict, again)
		return
	}
	to := "unplanned"
	if column != "unplanned" {
		col, err := strconv.Atoi(column)
		if err != nil || col < 0 || col >= len(bv.Board.Columns) {
			s.refuse(w, r, radiator.Invalidf("column", "%q is not a sprint of the board", column), releaseBoardConflict, again)
			return
		}
		var sprintID int64
		for _, row := range bv.Board.Rows {
			if row.TeamID == team.ID && !row.Hotfix {
				sprintID = row.SprintIDs[col]
			}
		}
		if sprintID == 0 {
			s.refuse(w, r, radiator.Invalidf("column", "%s has no sprint in %s", team.Name, bv.Board.Columns[col].Name), releaseBoardConflict, again)
			return
		}
		m.SprintID, to = &sprintID, bv.Board.Columns[col].Name
	}
	if err := s.moveReleaseCard(ctx, id, m); err != nil {
		s.refuse(w, r, err, releaseBoardConflict, again)
		return
	}
	title := ""
	for _, f := range bv.Plan.Features {
		if f.ID == m.FeatureID {
			title = f.Title
		}
	}
	s.redirectFlash(w, r, releaseBoardPath(id), fmt.Sprintf("Moved “%s” to %s, %s.", title, team.Name, to))
}

// The meta-backlog.

// metaBacklogPage is a product's features in rank order with their
// progress, and the forms that break a feature into stories and commit it
// to a release.
type metaBacklogPage struct {
	releaseHead
	Features []featureRow // those not yet accepted
	Accepted []featureRow
	Total    int
	Teams    []*radiator.Team
	Releases []*radiator.Release // the regular releases not yet released
	Drafts   []int               // the rows of the breakdown form
	Units    float64
	Flagged  int
}

// breakdownRows is how many stories the breakdown form offers at once.
const breakdownRows = 4

func (s *Server) handleMetaBacklogPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderMetaBacklog(w, r, http.StatusOK, id, notice{Flash: s.takeFlash(w, r)})
}

// metaBacklogPath returns the address of a product's meta-backlog.
func metaBacklogPath(productID int64) string {
	return "/products/" + strconv.FormatInt(productID, 10) + "/meta-backlog"
}

func (s *Server) renderMetaBacklog(w http.ResponseWriter, r *http.Request, status int, productID int64, n notice) {
	ctx := r.Context()
	plan, err := s.loadProductPlan(ctx, productID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := metaBacklogPage{Teams: plan.Teams}
	for i := range breakdownRows {
		page.Drafts = append(page.Drafts, i)
	}
	if err := s.fillReleaseHead(ctx, &page.releaseHead, plan.Product, inProgress(plan.Releases), "meta-backlog", "Meta-backlog", n); err != nil {
		s.Error(w, r, err)
		return
	}
	for _, rel := range plan.Releases {
		if rel.Kind == radiator.ReleaseRegular && rel.Phase != radiator.PhaseReleased {
			page.Releases = append(page.Releases, rel)
		}
	}
	for _, f := range featureRows(radiator.NewFeatureProgress(plan.Features, plan.Stories), plan, nil) {
		page.Units += f.Units
		page.Total++
		if len(f.Flags) > 0 {
			page.Flagged++
		}
		if f.Feature.State == radiator.StateDone {
			page.Accepted = append(page.Accepted, f)
		} else {
			page.Features = append(page.Features, f)
		}
	}
	s.render(w, r, status, "metabacklog", page)
}

// handleStoriesPage breaks a feature into stories for several teams in one
// step: the form twin of POST /api/v1/backlog-items/{id}/stories. Rows
// without a title are left out.
func (s *Server) handleStoriesPage(w http.ResponseWriter, r *http.Request) {
	productID, q, ok := s.pageAction(w, r, "product")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderMetaBacklog(w, r, status, productID, n) }
	feature := q.required("feature")
	var drafts []storyDraft
	for i := range breakdownRows {
		n := strconv.Itoa(i)
		title := strings.TrimSpace(q.text("title-" + n))
		if title == "" {
			continue
		}
		d := storyDraft{TeamID: q.required("team-" + n), Title: title}
		if est := strings.TrimSpace(q.text("estimate-" + n)); est != "" {
			v, err := strconv.ParseFloat(est, 64)
			if err != nil {
				q.fail("estimate-"+n, "%q is not a number of points", est)
			}
			d.Estimate = &v
		}
		drafts = append(drafts, d)
	}
	if q.err != nil {
		s.refuse(w, r, q.err, metaBacklogConflict, again)
		return
	}
	if len(drafts) == 0 {
		s.refuse(w, r, radiator.Invalidf("stories", "give at least one story a title"), metaBacklogConflict, again)
		return
	}
	items, err := s.createStories(r.Context(), feature, drafts)
	if err != nil {
		s.refuse(w, r, err, metaBacklogConflict, again)
		return
	}
	msg := "Made 1 story."
	if len(items) != 1 {
		msg = fmt.Sprintf("Made %d stories.", len(items))
	}
	s.redirectFlash(w, r, metaBacklogPath(productID), msg)
}

// handleCommitPage commits a feature to a release: the form twin of
// POST /api/v1/releases/{id}/features.
func (s *Server) handleCommitPage(w http.ResponseWriter, r *http.Request) {
	productID, q, ok := s.pageAction(w, r, "product")
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderMetaBacklog(w, r, status, productID, n) }
	feature, version, release := q.required("feature"), q.required("version"), q.required("release")
	if q.err != nil {
		s.refuse(w, r, q.err, metaBacklogConflict, again)
		return
	}
	ctx := r.Context()
	rel, err := s.Store.FindReleaseByID(ctx, release)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		err = radiator.Invalidf("release", "there is no release %d", release)
	}
	if err == nil && rel.ProductID != productID {
		err = radiator.Invalidf("release", "%s is a release of another product", rel.Name)
	}
	if err != nil {
		s.refuse(w, r, err, metaBacklogConflict, again)
		return
	}
	f, err := s.commitFeature(ctx, rel.ID, feature, version)
	if err != nil {
		s.refuse(w, r, err, metaBacklogConflict, again)
		return
	}
	s.redirectFlash(w, r, metaBacklogPath(productID), fmt.Sprintf("Committed “%s” to %s.", f.Title, rel.Name))
}

// The multi-release burnup.

// productBurnupPage is a product's releases on one burnup.
type productBurnupPage struct {
	releaseHead
	Chart template.HTML
	Bands []bandRow
}

// bandRow is a release of the multi-release burnup in figures.
type bandRow struct {
	radiator.ReleaseBand
	Scope, Done float64
}

func (s *Server) handleProductBurnupPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	product, pb, err := s.loadProductBurnup(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	releases, err := collect(func(after string) ([]*radiator.Release, string, error) {
		return s.Store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: id, Kind: radiator.ReleaseRegular, Page: allPages(after)})
	})
	if err != nil {
		s.Error(w, r, fmt.Errorf("find releases of product %d: %w", id, err))
		return
	}
	page := productBurnupPage{}
	if err := s.fillReleaseHead(ctx, &page.releaseHead, product, inProgress(releases), "burnup", "All releases", notice{}); err != nil {
		s.Error(w, r, err)
		return
	}
	today := radiator.DateOf(s.Clock.Now())
	// Our own SVG, its text escaped by package chart.
	page.Chart = template.HTML(chart.ProductBurnup(pb, today, "Releases of "+product.Name))
	for _, b := range pb.Releases {
		row := bandRow{ReleaseBand: b}
		if n := len(b.Points); n > 0 {
			last := b.Points[n-1]
			row.Scope, row.Done = math.Round((last.Scope-b.Base)*100)/100, math.Round((last.Done-b.Base)*100)/100
		}
		page.Bands = append(page.Bands, row)
	}
	s.render(w, r, http.StatusOK, "productburnup", page)
}
