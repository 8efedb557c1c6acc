package http

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/chart"
)

// The pages of the team tier: the sprint board, the backlog with its
// refinement, sprint planning and a sprint's own page. They read through
// the view builders of views.go, which the API answers too. Every action is
// a plain form that answers 303 with a flash, or shows its page again with
// why it was refused; board.js and backlog.js move cards and re-order the
// backlog through the API without a reload.

// flashCookie carries the message of a form action to the page its
// redirect leads to, which shows it once.
const flashCookie = "radiator_flash"

// flashMaxAge is how long a flash waits for its page, in seconds.
const flashMaxAge = 60

// redirectFlash answers a form action that worked: 303 to target, with
// message to show there.
func (s *Server) redirectFlash(w http.ResponseWriter, r *http.Request, target, message string) {
	http.SetCookie(w, &http.Cookie{
		Name: flashCookie, Value: url.QueryEscape(message), Path: "/", MaxAge: flashMaxAge,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// takeFlash returns the flash waiting for this page, if any, and clears it.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{
		Name: flashCookie, Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// notice is what a page says above its content: the flash of the action
// that led to it, or why the action just sent was refused.
type notice struct {
	Flash    string // what the last action did
	Problem  string // why it was refused: a value or a missing entity
	Conflict string // someone else changed the entity first
}

// Conflict messages: the page shown with them is the fresh state.
const (
	boardConflict    = "Someone else moved this card; the board has been refreshed."
	backlogConflict  = "Someone else changed this item meanwhile; the backlog has been refreshed. Check it and try again."
	planningConflict = "Someone else changed this meanwhile; the plan has been refreshed. Check it and try again."
	sprintConflict   = "Someone else changed this sprint meanwhile; the page has been refreshed. Check it and try again."
)

// refuse answers a form action that failed. A conflict, an invalid value
// or a missing entity shows the page again, fresh, with the reason and the
// status of the error; other errors get the error page.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error, conflict string, again func(status int, n notice)) {
	switch code := radiator.ErrorCode(err); code {
	case radiator.ECONFLICT:
		again(http.StatusConflict, notice{Conflict: conflict})
	case radiator.EINVALID, radiator.ENOTFOUND:
		again(statusOf[code], notice{Problem: problemText(err)})
	default:
		s.Error(w, r, err)
	}
}

// problemText writes a refusal for people, naming the field it is about.
func problemText(err error) string {
	msg := radiator.ErrorMessage(err)
	field := radiator.ErrorField(err)
	if field == "" {
		return msg
	}
	return stateTitle(strings.TrimSuffix(field, "_id")) + ": " + msg
}

// parsePageForm reads the form of a page action. It refuses forms sent
// from other sites, although the session cookie (SameSite=Lax) would not
// go with them either.
func parsePageForm(w http.ResponseWriter, r *http.Request) (*query, error) {
	var origin http.CrossOriginProtection
	if err := origin.Check(r); err != nil {
		return nil, radiator.Errorf(radiator.EFORBIDDEN, "This form was sent from another site.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodySize)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, radiator.Errorf(radiator.ETOOLARGE, "The form is too large.")
		}
		return nil, radiator.Errorf(radiator.EMALFORMED, "The form could not be read.")
	}
	return &query{values: r.PostForm}, nil
}

// pageAction reads the {id} of a page action's path, a kind's, and its
// form; on failure it has answered.
func (s *Server) pageAction(w http.ResponseWriter, r *http.Request, kind string) (int64, *query, bool) {
	id, err := pathID(r, kind)
	if err != nil {
		s.Error(w, r, err)
		return 0, nil, false
	}
	q, err := parsePageForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return 0, nil, false
	}
	return id, q, true
}

// required returns a positive ID that must be given.
func (q *query) required(name string) int64 {
	id := q.id(name)
	if id == 0 {
		q.fail(name, "is required")
	}
	return id
}

// teamNav is the navigation between a team's pages; Current is one of
// overview, board, backlog, planning and settings, or "" for none.
type teamNav struct {
	TeamID  int64
	Current string
}

// teamHead is what every page of a team shows above its own content.
type teamHead struct {
	layout
	notice
	Team    *radiator.Team
	Product *radiator.Product
	Nav     teamNav
}

func (s *Server) fillTeamHead(ctx context.Context, h *teamHead, team *radiator.Team, current, title string, n notice) error {
	if err := s.fillLayout(ctx, &h.layout, title); err != nil {
		return err
	}
	p, err := s.findProduct(ctx, &team.ProductID)
	if err != nil {
		return err
	}
	h.notice, h.Team, h.Product, h.Nav = n, team, p, teamNav{TeamID: team.ID, Current: current}
	return nil
}

// tenths is a number of points shown to a tenth, as velocities and
// forecasts are read: 37.3, not 37.33.
type tenths float64

func (t tenths) String() string { return formatPoints(math.Round(float64(t)*10) / 10) }

// Points returns the card's estimate, 0 when it has none.
func (c boardCard) Points() float64 { return estimate(c.Item) }

// The board.

// laneModes are the swimlanes a board can show: none, one per assignee or
// one per parent feature.
var laneModes = []string{"none", "assignee", "parent"}

// boardArgs are the query of a board page, which its forms send back so
// that the page after an action shows the same board.
type boardArgs struct {
	Lanes    string
	SprintID int64
}

func readBoardArgs(q *query) boardArgs {
	return boardArgs{Lanes: cmp.Or(q.oneOf("lanes", laneModes), "none"), SprintID: q.id("sprint_id")}
}

// path returns the address of the board with these arguments.
func (a boardArgs) path(teamID int64) string {
	v := url.Values{}
	if a.Lanes != "" && a.Lanes != "none" {
		v.Set("lanes", a.Lanes)
	}
	if a.SprintID != 0 {
		v.Set("sprint_id", strconv.FormatInt(a.SprintID, 10))
	}
	p := "/teams/" + strconv.FormatInt(teamID, 10) + "/board"
	if len(v) > 0 {
		p += "?" + v.Encode()
	}
	return p
}

// boardPage is a team's sprint board, its cards in swimlanes.
type boardPage struct {
	teamHead
	Board     *boardView
	Args      boardArgs
	Here      string // the board's address, which board.js reloads
	LaneLinks []laneLink
	Lanes     []boardLane
	// DaysLeft is the working days left in the sprint, today included;
	// Running tells whether the sprint runs today at all.
	DaysLeft int
	Running  bool
}

// laneLink switches the board to other swimlanes.
type laneLink struct {
	Mode, Label, Href string
	Current           bool
}

// boardLane is one swimlane: a cell per column. The board without
// swimlanes has one lane without a title.
type boardLane struct {
	Key    string
	Title  string
	Count  int
	Points float64
	Cells  []boardCell
}

// boardCell is one column of a lane. OverLimit is the column's, over all
// lanes.
type boardCell struct {
	Column    radiator.BoardColumn
	OverLimit bool
	Cards     []boardCard
}

func (s *Server) handleBoardPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := newQuery(r)
	args := readBoardArgs(q)
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	s.renderBoard(w, r, http.StatusOK, id, args, notice{Flash: s.takeFlash(w, r)})
}

func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, status int, teamID int64, args boardArgs, n notice) {
	ctx := r.Context()
	v, err := s.boardView(ctx, teamID, args.SprintID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := boardPage{Board: v, Args: args, Here: args.path(teamID), Lanes: boardLanes(v, args.Lanes)}
	if err := s.fillTeamHead(ctx, &page.teamHead, v.Team, "board", "Board · "+v.Team.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	for i, mode := range laneModes {
		a := args
		a.Lanes = mode
		label := []string{"None", "By assignee", "By feature"}[i]
		page.LaneLinks = append(page.LaneLinks, laneLink{Mode: mode, Label: label, Href: a.path(teamID), Current: mode == args.Lanes})
	}
	if sp := v.Sprint; sp != nil {
		today := radiator.DateOf(s.Clock.Now())
		if page.Running = sp.Contains(today); page.Running {
			page.DaysLeft = radiator.WorkingDays(today, sp.End)
		}
	}
	s.render(w, r, status, "board", page)
}

// boardLanes splits a board's cards into swimlanes: by assignee (by name,
// the unassigned last), by parent feature (by title, those without one
// last) or, for mode none, one lane of all.
func boardLanes(v *boardView, mode string) []boardLane {
	newLane := func(key, title string) boardLane {
		l := boardLane{Key: key, Title: title}
		for _, c := range v.Columns {
			l.Cells = append(l.Cells, boardCell{Column: c.BoardColumn, OverLimit: c.OverLimit})
		}
		return l
	}
	var lanes []boardLane
	index := map[string]int{}
	for ci, col := range v.Columns {
		for _, card := range col.Cards {
			key, title := "all", ""
			switch mode {
			case "assignee":
				key, title = "assignee-none", "Unassigned"
				if a := card.Assignee; a != nil {
					key, title = "assignee-"+strconv.FormatInt(a.ID, 10), a.Name
				}
			case "parent":
				key, title = "parent-none", "No feature"
				if p := card.Parent; p != nil {
					key, title = "parent-"+strconv.FormatInt(p.ID, 10), p.Title
				}
			}
			i, ok := index[key]
			if !ok {
				i = len(lanes)
				index[key] = i
				lanes = append(lanes, newLane(key, title))
			}
			l := &lanes[i]
			l.Cells[ci].Cards = append(l.Cells[ci].Cards, card)
			l.Count++
			l.Points += card.Points()
		}
	}
	if len(lanes) == 0 {
		return []boardLane{newLane("all", "")}
	}
	slices.SortStableFunc(lanes, func(a, b boardLane) int {
		aNone, bNone := strings.HasSuffix(a.Key, "-none"), strings.HasSuffix(b.Key, "-none")
		if aNone != bNone {
			if aNone {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Key, b.Key))
	})
	return lanes
}

// handleBoardMove moves a card to another column: the form twin of
// PATCH /api/v1/backlog-items/{id} with {"version","column"}.
func (s *Server) handleBoardMove(w http.ResponseWriter, r *http.Request) {
	teamID, q, ok := s.pageAction(w, r, "team")
	if !ok {
		return
	}
	args := readBoardArgs(q)
	again := func(status int, n notice) { s.renderBoard(w, r, status, teamID, args, n) }
	item, version, column := q.required("item"), q.required("version"), q.text("column")
	if column == "" {
		q.fail("column", "is required")
	}
	if q.err != nil {
		s.refuse(w, r, q.err, boardConflict, again)
		return
	}
	ctx := r.Context()
	it, err := s.Store.UpdateBacklogItem(ctx, item, radiator.BacklogItemUpdate{Version: version, Column: &column})
	if err != nil {
		s.refuse(w, r, err, boardConflict, again)
		return
	}
	name := column
	if team, err := s.Store.FindTeamByID(ctx, teamID); err == nil {
		name = team.ColumnOf(it).Name
	}
	s.redirectFlash(w, r, args.path(teamID), fmt.Sprintf("Moved “%s” to %s.", it.Title, name))
}

// The backlog.

// backlogFilter is the filter form of the backlog page.
type backlogFilter struct {
	Text   string
	State  string
	Label  string
	Parent int64
}

func readBacklogFilter(q *query) backlogFilter {
	return backlogFilter{
		Text:   strings.TrimSpace(q.text("text")),
		State:  q.oneOf("state", radiator.ItemStates),
		Label:  strings.TrimSpace(q.text("label")),
		Parent: q.id("parent"),
	}
}

// Active reports whether the filter hides anything.
func (f backlogFilter) Active() bool { return f != backlogFilter{} }

// path returns the address of the team's backlog with this filter.
func (f backlogFilter) path(teamID int64) string {
	v := url.Values{}
	for name, value := range map[string]string{"text": f.Text, "state": f.State, "label": f.Label} {
		if value != "" {
			v.Set(name, value)
		}
	}
	if f.Parent != 0 {
		v.Set("parent", strconv.FormatInt(f.Parent, 10))
	}
	p := "/teams/" + strconv.FormatInt(teamID, 10) + "/backlog"
	if len(v) > 0 {
		p += "?" + v.Encode() // Encode sorts by name
	}
	return p
}

// backlogPage is a team's backlog in rank order with its refinement.
type backlogPage struct {
	teamHead
	Refinement *refinementView
	Mean       tenths // the velocity
	Filter     backlogFilter
	Here       string // the backlog's address, which backlog.js reloads
	Rows       []backlogRow
	Total      int // stories in the whole backlog
	Flagged    int // of them not ready by the definition of ready
	States     []string
	Labels     []string // every label in the backlog, for the filter
	Parents    []*itemSummary
	Sprints    []*radiator.Sprint // the team's open sprints, for the bulk edit
}

// backlogRow is one story of the backlog. Prev and Next are the stories
// shown above and below it, which its up and down buttons move it past.
// LookAhead is the coming sprint (1 or 2) the story would fill, 0 for none.
type backlogRow struct {
	boardCard
	Position   int
	Problems   []string // what keeps it from being ready, but the checks
	OpenChecks []string // the checks of the definition of ready it misses
	LookAhead  int
	Prev, Next int64
}

func (s *Server) handleBacklogPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := newQuery(r)
	f := readBacklogFilter(q)
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	s.renderBacklog(w, r, http.StatusOK, id, f, notice{Flash: s.takeFlash(w, r)})
}

func (s *Server) renderBacklog(w http.ResponseWriter, r *http.Request, status int, teamID int64, f backlogFilter, n notice) {
	ctx := r.Context()
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	vel, err := s.teamVelocity(ctx, teamID, velocitySprints)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	backlog, err := s.teamBacklog(ctx, teamID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cards, err := s.cardsOf(ctx, team, backlog)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := backlogPage{
		Refinement: newRefinement(team, backlog, vel), Filter: f, Here: f.path(teamID),
		Total: len(backlog), States: radiator.ItemStates,
	}
	if err := s.fillTeamHead(ctx, &page.teamHead, team, "backlog", "Backlog · "+team.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	page.Flagged = len(page.Refinement.Flagged)
	page.Mean = tenths(vel.Mean)
	flagged := map[int64]bool{}
	for _, fl := range page.Refinement.Flagged {
		flagged[fl.Item.ID] = true
	}
	lookAhead := map[int64]int{}
	for _, la := range page.Refinement.LookAhead {
		for _, it := range la.Items {
			lookAhead[it.ID] = la.Sprint
		}
	}
	byID := map[int64]boardCard{}
	seenParent := map[int64]bool{}
	for _, c := range cards {
		byID[c.Item.ID] = c
		for _, l := range c.Item.Labels {
			if !slices.Contains(page.Labels, l) {
				page.Labels = append(page.Labels, l)
			}
		}
		if p := c.Parent; p != nil && !seenParent[p.ID] {
			seenParent[p.ID] = true
			page.Parents = append(page.Parents, p)
		}
	}
	slices.SortFunc(page.Labels, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	slices.SortFunc(page.Parents, func(a, b *itemSummary) int { return cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) })

	shown := cards
	if f.Active() {
		items, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
			return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{
				TeamID: teamID, Kind: radiator.KindStory, Backlog: true,
				State: f.State, Label: f.Label, ParentID: f.Parent, Text: f.Text, Page: allPages(after),
			})
		})
		if err != nil {
			s.Error(w, r, fmt.Errorf("find backlog of team %d: %w", teamID, err))
			return
		}
		shown = nil
		for _, it := range items {
			if c, ok := byID[it.ID]; ok {
				shown = append(shown, c)
			}
		}
	}
	position := map[int64]int{}
	for i, c := range cards {
		position[c.Item.ID] = i + 1
	}
	for i, c := range shown {
		row := backlogRow{boardCard: c, Position: position[c.Item.ID], LookAhead: lookAhead[c.Item.ID]}
		if flagged[c.Item.ID] {
			row.Problems, row.OpenChecks = readiness(team, c.Item)
		}
		if i > 0 {
			row.Prev = shown[i-1].Item.ID
		}
		if i < len(shown)-1 {
			row.Next = shown[i+1].Item.ID
		}
		page.Rows = append(page.Rows, row)
	}
	if page.Sprints, err = s.openSprints(ctx, teamID); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "backlog", page)
}

// readiness splits what keeps a story from being ready into the missing
// estimate or criteria and the open checks of the definition of ready,
// which a row shows as a count.
func readiness(team *radiator.Team, it *radiator.BacklogItem) (problems, open []string) {
	for _, d := range team.DefinitionOfReady {
		if !slices.Contains(it.ReadyChecks, d) {
			open = append(open, d)
		}
	}
	for _, p := range team.ReadinessProblems(it) {
		if !strings.HasPrefix(p, "not checked: ") {
			problems = append(problems, p)
		}
	}
	return problems, open
}

// openSprints returns a team's planned and active sprints in start order.
func (s *Server) openSprints(ctx context.Context, teamID int64) ([]*radiator.Sprint, error) {
	sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: teamID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find sprints of team %d: %w", teamID, err)
	}
	return slices.DeleteFunc(sprints, func(sp *radiator.Sprint) bool { return sp.State == radiator.SprintClosed }), nil
}

// handleBacklogMove re-ranks a story one place up or down, or to the top
// or the bottom: the form twin of POST /api/v1/backlog-items/{id}/move.
func (s *Server) handleBacklogMove(w http.ResponseWriter, r *http.Request) {
	teamID, q, ok := s.pageAction(w, r, "team")
	if !ok {
		return
	}
	f := readBacklogFilter(q)
	again := func(status int, n notice) { s.renderBacklog(w, r, status, teamID, f, n) }
	item, version := q.required("item"), q.required("version")
	m := radiator.BacklogMove{Version: version}
	var done string
	switch to := q.oneOf("to", []string{"up", "down", "top", "bottom"}); to {
	case "up":
		m.Before, done = q.id("prev"), "up"
		if m.Before == 0 {
			q.fail("to", "the item is at the top already")
		}
	case "down":
		m.After, done = q.id("next"), "down"
		if m.After == 0 {
			q.fail("to", "the item is at the bottom already")
		}
	case "top", "bottom":
		m.Position, done = to, "to the "+to
	default:
		q.fail("to", "is required")
	}
	if q.err != nil {
		s.refuse(w, r, q.err, backlogConflict, again)
		return
	}
	it, err := s.Store.MoveBacklogItem(r.Context(), item, m)
	if err != nil {
		s.refuse(w, r, err, backlogConflict, again)
		return
	}
	s.redirectFlash(w, r, f.path(teamID), fmt.Sprintf("Moved “%s” %s.", it.Title, done))
}

// handleBacklogBulk changes the state, sprint or labels of the ticked
// stories at once, all or none, through Store.UpdateBacklogItems.
func (s *Server) handleBacklogBulk(w http.ResponseWriter, r *http.Request) {
	teamID, q, ok := s.pageAction(w, r, "team")
	if !ok {
		return
	}
	f := readBacklogFilter(q)
	again := func(status int, n notice) { s.renderBacklog(w, r, status, teamID, f, n) }
	state := q.oneOf("set_state", radiator.ItemStates)
	sprint := q.id("set_sprint")
	add, remove := strings.TrimSpace(q.text("add_label")), strings.TrimSpace(q.text("remove_label"))
	var ids []int64
	for _, v := range q.values["item"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			q.fail("item", "%q is not an item id", v)
			break
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case q.err != nil:
	case len(ids) == 0:
		q.fail("item", "tick the items to change")
	case len(ids) > maxBulkItems:
		q.fail("item", "change at most %d items at once, not %d", maxBulkItems, len(ids))
	case state == "" && sprint == 0 && add == "" && remove == "":
		q.fail("set_state", "choose a state, a sprint or a label to change")
	}
	if q.err != nil {
		s.refuse(w, r, q.err, backlogConflict, again)
		return
	}
	ctx := r.Context()
	upds := make([]radiator.BacklogItemBulkUpdate, 0, len(ids))
	for _, id := range ids {
		u := radiator.BacklogItemBulkUpdate{ID: id}
		u.Version = q.required("version-" + strconv.FormatInt(id, 10))
		if state != "" {
			u.State = &state
		}
		if sprint != 0 {
			u.SprintID = radiator.SetTo(sprint)
		}
		if add != "" || remove != "" {
			it, err := s.Store.FindBacklogItemByID(ctx, id)
			if err != nil {
				s.refuse(w, r, err, backlogConflict, again)
				return
			}
			labels := slices.DeleteFunc(slices.Clone(it.Labels), func(l string) bool { return l == remove })
			if add != "" && !slices.Contains(labels, add) {
				labels = append(labels, add)
			}
			u.Labels = &labels
		}
		upds = append(upds, u)
	}
	if q.err != nil {
		s.refuse(w, r, q.err, backlogConflict, again)
		return
	}
	items, err := s.Store.UpdateBacklogItems(ctx, upds)
	if err != nil {
		s.refuse(w, r, err, backlogConflict, again)
		return
	}
	msg := "Changed 1 item."
	if len(items) != 1 {
		msg = fmt.Sprintf("Changed %d items.", len(items))
	}
	s.redirectFlash(w, r, f.path(teamID), msg)
}

// Planning.

// planningPage plans a team's next sprint: its commitment against the
// team's capacity and velocity, the ready stories to pull in, and a form
// for a new sprint.
type planningPage struct {
	teamHead
	Plan      *planningView
	Cards     []boardCard // the sprint's stories
	Ready     []boardCard // the ready stories of the backlog
	People    []capacityPerson
	Bar       commitmentBar
	Mean      tenths             // the velocity
	Forecast  tenths             // the velocity at the sprint's capacity
	Share     string             // the capacity's share of the usual, "94 %"
	Sprints   []*radiator.Sprint // the team's open sprints
	NewSprint sprintForm
}

// capacityPerson is one person doing the sprint's work and their days off.
type capacityPerson struct {
	Person  *radiator.Person
	DaysOff float64
}

// sprintForm holds the fields of the form that creates a sprint.
type sprintForm struct {
	Name, Start, End, Goal string
}

// commitmentBar draws the commitment against the forecast in a viewBox
// barWidth wide: the bar, the forecast's mark and the velocity's range
// scaled to the sprint's capacity.
type commitmentBar struct {
	Committed, RangeX, RangeW, ForecastX float64
	// CommittedLabel and ForecastLabel are where the labels go, kept
	// inside the picture.
	CommittedLabel, ForecastLabel float64
	HasForecast                   bool
}

// barWidth is the width of the commitment bar's viewBox.
const barWidth = 600.0

func newCommitmentBar(p *planningView) commitmentBar {
	share := p.Capacity.Share
	lo, hi := p.Velocity.Min*share, p.Velocity.Max*share
	top := max(p.Committed, hi, p.Capacity.Forecast, 1) * 1.15
	scale := func(v float64) float64 { return float64(int(v/top*barWidth*10)) / 10 }
	inside := func(x float64) float64 { return min(max(x, 70), barWidth-70) }
	b := commitmentBar{
		Committed: scale(p.Committed), RangeX: scale(lo), RangeW: scale(hi) - scale(lo),
		ForecastX: scale(p.Capacity.Forecast), HasForecast: p.Velocity.Basis > 0,
	}
	b.CommittedLabel, b.ForecastLabel = inside(b.Committed), inside(b.ForecastX)
	return b
}

func (s *Server) handlePlanningPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := newQuery(r)
	sprintID := q.id("sprint_id")
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	s.renderPlanning(w, r, http.StatusOK, id, sprintID, nil, notice{Flash: s.takeFlash(w, r)})
}

// planningPath returns the address of the planning of a team's sprint, of
// its default sprint for 0.
func planningPath(teamID, sprintID int64) string {
	p := "/teams/" + strconv.FormatInt(teamID, 10) + "/planning"
	if sprintID != 0 {
		p += "?sprint_id=" + strconv.FormatInt(sprintID, 10)
	}
	return p
}

// renderPlanning shows the planning page; form holds the new sprint form
// as sent, nil for its defaults.
func (s *Server) renderPlanning(w http.ResponseWriter, r *http.Request, status int, teamID, sprintID int64, form *sprintForm, n notice) {
	ctx := r.Context()
	plan, err := s.planningView(ctx, teamID, sprintID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := planningPage{Plan: plan, Bar: newCommitmentBar(plan),
		Mean: tenths(plan.Velocity.Mean), Forecast: tenths(plan.Capacity.Forecast),
		Share: strconv.Itoa(int(math.Round(plan.Capacity.Share*100))) + " %"}
	if err := s.fillTeamHead(ctx, &page.teamHead, team, "planning", "Planning · "+team.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: teamID, Page: allPages(after)})
	})
	if err != nil {
		s.Error(w, r, fmt.Errorf("find sprints of team %d: %w", teamID, err))
		return
	}
	if form != nil {
		page.NewSprint = *form
	} else {
		page.NewSprint = nextSprintForm(sprints, radiator.DateOf(s.Clock.Now()))
	}
	for _, sp := range sprints {
		if sp.State != radiator.SprintClosed {
			page.Sprints = append(page.Sprints, sp)
		}
	}
	if page.Cards, err = s.cardsOf(ctx, team, plan.Items); err != nil {
		s.Error(w, r, err)
		return
	}
	backlog, err := s.teamBacklog(ctx, teamID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ready := slices.DeleteFunc(backlog, func(it *radiator.BacklogItem) bool { return it.State != radiator.StateReady })
	if page.Ready, err = s.cardsOf(ctx, team, ready); err != nil {
		s.Error(w, r, err)
		return
	}
	if plan.Sprint != nil {
		if page.People, err = s.capacityPeople(ctx, team, plan.Sprint); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.render(w, r, status, "planning", page)
}

// capacityPeople returns the people who do a team's sprint work with their
// days off in the sprint, by name.
func (s *Server) capacityPeople(ctx context.Context, team *radiator.Team, sp *radiator.Sprint) ([]capacityPerson, error) {
	ids, err := s.sprintPeople(ctx, team)
	if err != nil {
		return nil, err
	}
	people, err := collect(func(after string) ([]*radiator.Person, string, error) {
		return s.Store.FindPeople(ctx, radiator.PersonFilter{ForumID: team.ForumID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find people of team %d: %w", team.ID, err)
	}
	var out []capacityPerson
	for _, p := range people {
		if !slices.Contains(ids, p.ID) {
			continue
		}
		c := capacityPerson{Person: p}
		for _, d := range sp.DaysOff {
			if d.PersonID == p.ID {
				c.DaysOff = d.Days
			}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b capacityPerson) int {
		return cmp.Or(cmp.Compare(a.Person.Name, b.Person.Name), cmp.Compare(a.Person.ID, b.Person.ID))
	})
	return out, nil
}

// sprintNumber finds the number that ends a sprint's name, "Sprint 12".
var sprintNumber = regexp.MustCompile(`^(.*?)(\d+)$`)

// nextSprintForm proposes the team's next sprint: from the first working
// day after its last sprint (today with none) for two weeks, ending on a
// working day, named after the last one with its number counted on.
func nextSprintForm(sprints []*radiator.Sprint, today radiator.Date) sprintForm {
	var last *radiator.Sprint
	for _, sp := range sprints {
		if last == nil || sp.End.After(last.End) {
			last = sp
		}
	}
	start, name := today, "Sprint 1"
	if last != nil {
		start = last.End.AddDays(1)
		name = fmt.Sprintf("Sprint %d", len(sprints)+1)
		if m := sprintNumber.FindStringSubmatch(last.Name); m != nil {
			if n, err := strconv.Atoi(m[2]); err == nil {
				name = m[1] + strconv.Itoa(n+1)
			}
		}
	}
	for weekend(start) {
		start = start.AddDays(1)
	}
	end := start.AddDays(13)
	for weekend(end) {
		end = end.AddDays(-1)
	}
	return sprintForm{Name: name, Start: start.String(), End: end.String()}
}

func weekend(d radiator.Date) bool {
	wd := d.Time().Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// handleSprintCreatePage creates a team's next sprint from the planning
// page's form.
func (s *Server) handleSprintCreatePage(w http.ResponseWriter, r *http.Request) {
	teamID, q, ok := s.pageAction(w, r, "team")
	if !ok {
		return
	}
	form := sprintForm{
		Name:  strings.TrimSpace(q.text("name")),
		Start: strings.TrimSpace(q.text("start")),
		End:   strings.TrimSpace(q.text("end")),
		Goal:  strings.TrimSpace(q.text("goal")),
	}
	again := func(status int, n notice) { s.renderPlanning(w, r, status, teamID, 0, &form, n) }
	sp := &radiator.Sprint{TeamID: teamID, Name: form.Name, Goal: form.Goal, State: radiator.SprintPlanned, Start: q.date("start"), End: q.date("end")}
	if q.err != nil {
		s.refuse(w, r, q.err, planningConflict, again)
		return
	}
	if err := s.Store.CreateSprint(r.Context(), sp); err != nil {
		s.refuse(w, r, err, planningConflict, again)
		return
	}
	s.redirectFlash(w, r, planningPath(teamID, sp.ID), fmt.Sprintf("Created %s, %s – %s.", sp.Name, formatDate(sp.Start), formatDate(sp.End)))
}

// sprintAction reads the sprint of a sprint action and its form; on
// failure it has answered.
func (s *Server) sprintAction(w http.ResponseWriter, r *http.Request) (*radiator.Sprint, *query, bool) {
	id, q, ok := s.pageAction(w, r, "sprint")
	if !ok {
		return nil, nil, false
	}
	sp, err := s.Store.FindSprintByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, false
	}
	return sp, q, true
}

// handleSprintStart starts a planned sprint.
func (s *Server) handleSprintStart(w http.ResponseWriter, r *http.Request) {
	sp, q, ok := s.sprintAction(w, r)
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderPlanning(w, r, status, sp.TeamID, sp.ID, nil, n) }
	version := q.required("version")
	if q.err != nil {
		s.refuse(w, r, q.err, planningConflict, again)
		return
	}
	active := radiator.SprintActive
	started, err := s.Store.UpdateSprint(r.Context(), sp.ID, radiator.SprintUpdate{Version: version, State: &active})
	if err != nil {
		s.refuse(w, r, err, planningConflict, again)
		return
	}
	s.redirectFlash(w, r, boardArgs{}.path(started.TeamID), fmt.Sprintf("%s has started.", started.Name))
}

// handleSprintDaysOff sets the days off of the people of a sprint's team:
// the form has a field days-ID per person.
func (s *Server) handleSprintDaysOff(w http.ResponseWriter, r *http.Request) {
	sp, q, ok := s.sprintAction(w, r)
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderPlanning(w, r, status, sp.TeamID, sp.ID, nil, n) }
	version := q.required("version")
	var days []radiator.DaysOff
	for name, values := range q.values {
		idText, ok := strings.CutPrefix(name, "days-")
		if !ok {
			continue
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || id <= 0 {
			q.fail("days_off", "%q names no person", name)
			continue
		}
		text := strings.TrimSpace(values[0])
		if text == "" {
			continue
		}
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			q.fail("days_off", "%q is not a number of days", text)
			continue
		}
		if n != 0 {
			days = append(days, radiator.DaysOff{PersonID: id, Days: n})
		}
	}
	if q.err != nil {
		s.refuse(w, r, q.err, planningConflict, again)
		return
	}
	slices.SortFunc(days, func(a, b radiator.DaysOff) int { return cmp.Compare(a.PersonID, b.PersonID) })
	saved, err := s.Store.UpdateSprint(r.Context(), sp.ID, radiator.SprintUpdate{Version: version, DaysOff: &days})
	if err != nil {
		s.refuse(w, r, err, planningConflict, again)
		return
	}
	s.redirectFlash(w, r, planningPath(saved.TeamID, saved.ID), fmt.Sprintf("Saved the days off in %s.", saved.Name))
}

// handleSprintPull pulls a story into the sprint.
func (s *Server) handleSprintPull(w http.ResponseWriter, r *http.Request) {
	s.planItem(w, r, true)
}

// handleSprintReturn returns a story of the sprint to the backlog.
func (s *Server) handleSprintReturn(w http.ResponseWriter, r *http.Request) {
	s.planItem(w, r, false)
}

func (s *Server) planItem(w http.ResponseWriter, r *http.Request, pull bool) {
	sp, q, ok := s.sprintAction(w, r)
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderPlanning(w, r, status, sp.TeamID, sp.ID, nil, n) }
	item, version := q.required("item"), q.required("version")
	if q.err != nil {
		s.refuse(w, r, q.err, planningConflict, again)
		return
	}
	upd := radiator.BacklogItemUpdate{Version: version, SprintID: radiator.SetNull[int64]()}
	if pull {
		upd.SprintID = radiator.SetTo(sp.ID)
	}
	it, err := s.Store.UpdateBacklogItem(r.Context(), item, upd)
	if err != nil {
		s.refuse(w, r, err, planningConflict, again)
		return
	}
	msg := fmt.Sprintf("Returned “%s” to the backlog.", it.Title)
	if pull {
		msg = fmt.Sprintf("Pulled “%s” into %s.", it.Title, sp.Name)
	}
	s.redirectFlash(w, r, planningPath(sp.TeamID, sp.ID), msg)
}

// The sprint page.

// sprintPage shows one sprint: its burndown, its stories done and not
// done, its result once closed and the form that closes it.
type sprintPage struct {
	teamHead
	Sprint      *radiator.Sprint
	Burndown    template.HTML
	BurndownURL string
	Done, Open  []boardCard
	DonePoints  float64
	OpenPoints  float64
	// Next is the sprint unfinished work goes to when the sprint closes
	// into the next one, nil if the team has none planned after it.
	Next *radiator.Sprint
}

func (s *Server) handleSprintPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderSprint(w, r, http.StatusOK, id, notice{Flash: s.takeFlash(w, r)})
}

func (s *Server) renderSprint(w http.ResponseWriter, r *http.Request, status int, sprintID int64, n notice) {
	ctx := r.Context()
	sp, b, err := s.burndownOf(ctx, sprintID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	team, err := s.Store.FindTeamByID(ctx, sp.TeamID)
	if err != nil {
		s.Error(w, r, fmt.Errorf("find team of sprint %d: %w", sp.ID, err))
		return
	}
	page := sprintPage{
		Sprint:      sp,
		Burndown:    template.HTML(chart.Burndown(b, "Burndown of "+sp.Name)), // our own escaped SVG
		BurndownURL: "/api/v1/sprints/" + strconv.FormatInt(sp.ID, 10) + "/burndown",
	}
	if err := s.fillTeamHead(ctx, &page.teamHead, team, "", sp.Name+" · "+team.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	items, err := s.sprintItems(ctx, sp.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	cards, err := s.cardsOf(ctx, team, items)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	for _, c := range cards {
		if c.Item.State == radiator.StateDone {
			page.Done, page.DonePoints = append(page.Done, c), page.DonePoints+c.Points()
		} else {
			page.Open, page.OpenPoints = append(page.Open, c), page.OpenPoints+c.Points()
		}
	}
	if sp.State != radiator.SprintClosed {
		open, err := s.openSprints(ctx, team.ID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, o := range open {
			if o.ID != sp.ID && o.Start.After(sp.Start) {
				page.Next = o
				break
			}
		}
	}
	s.render(w, r, status, "sprint", page)
}

// handleSprintClosePage closes a sprint, sending its unfinished stories
// to the backlog or the next sprint: the form twin of
// POST /api/v1/sprints/{id}/close.
func (s *Server) handleSprintClosePage(w http.ResponseWriter, r *http.Request) {
	sp, q, ok := s.sprintAction(w, r)
	if !ok {
		return
	}
	again := func(status int, n notice) { s.renderSprint(w, r, status, sp.ID, n) }
	c := radiator.SprintClose{
		Version:    q.required("version"),
		Unfinished: q.oneOf("unfinished", []string{radiator.UnfinishedToBacklog, radiator.UnfinishedToNext}),
	}
	if c.Unfinished == "" {
		q.fail("unfinished", "choose where the unfinished items go")
	}
	if q.err != nil {
		s.refuse(w, r, q.err, sprintConflict, again)
		return
	}
	closed, err := s.Store.CloseSprint(r.Context(), sp.ID, c)
	if err != nil {
		s.refuse(w, r, err, sprintConflict, again)
		return
	}
	msg := fmt.Sprintf("Closed %s.", closed.Name)
	if res := closed.Result; res != nil {
		msg = fmt.Sprintf("Closed %s: %s of %s points done, %s carried over.", closed.Name,
			formatPoints(res.Completed), formatPoints(res.Committed+res.Added-res.Removed), formatPoints(res.CarriedOver))
	}
	s.redirectFlash(w, r, "/sprints/"+strconv.FormatInt(closed.ID, 10), msg)
}

// The team page's part of the team tier.

// teamCharts is what the team page shows of the team tier: the links to
// its pages and its velocity and cumulative flow.
type teamCharts struct {
	Nav      teamNav
	Velocity template.HTML
	Flow     template.HTML
}

// teamChartsOf draws a team's velocity and cumulative flow charts.
func (s *Server) teamChartsOf(ctx context.Context, team *radiator.Team) (teamCharts, error) {
	c := teamCharts{Nav: teamNav{TeamID: team.ID, Current: "overview"}}
	vel, err := s.teamVelocity(ctx, team.ID, velocitySprints)
	if err != nil {
		return c, err
	}
	_, flow, err := s.flowOf(ctx, team.ID, radiator.Date{}, radiator.Date{})
	if err != nil {
		return c, err
	}
	// Our own SVG, its text escaped by package chart.
	c.Velocity = template.HTML(chart.Velocity(vel, "Velocity of "+team.Name))
	c.Flow = template.HTML(chart.CumulativeFlow(flow.Days, "Cumulative flow of "+team.Name))
	return c, nil
}
