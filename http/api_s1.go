package http

import (
	"net/http"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/chart"
)

// The handlers of the team tier under /api/v1: moving and bulk-editing
// backlog items, closing sprints, and the board, refinement, planning and
// chart views of a team. They parse, call the store or a view builder of
// views.go, and answer.

// maxBulkItems bounds the items of one bulk edit.
const maxBulkItems = 500

// backlogItemBulk is the body of a bulk edit of backlog items.
type backlogItemBulk struct {
	Items []radiator.BacklogItemBulkUpdate `json:"items"`
}

// backlogItemsChanged answers a bulk edit: every item as changed, in the
// order of the request.
type backlogItemsChanged struct {
	Items []*radiator.BacklogItem `json:"items"`
}

func (s *Server) handleBacklogItemMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "backlog item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var m radiator.BacklogMove
	if err := decode(w, r, &m); err != nil {
		s.Error(w, r, err)
		return
	}
	it, err := s.Store.MoveBacklogItem(r.Context(), id, m)
	s.writeEntity(w, r, it, err)
}

// handleBacklogItemBulk applies every update of the body or none.
func (s *Server) handleBacklogItemBulk(w http.ResponseWriter, r *http.Request) {
	var body backlogItemBulk
	if err := decode(w, r, &body); err != nil {
		s.Error(w, r, err)
		return
	}
	switch n := len(body.Items); {
	case n == 0:
		s.Error(w, r, radiator.Invalidf("items", "name at least one item to change"))
		return
	case n > maxBulkItems:
		s.Error(w, r, radiator.Invalidf("items", "change at most %d items at once, not %d", maxBulkItems, n))
		return
	}
	items, err := s.Store.UpdateBacklogItems(r.Context(), body.Items)
	s.writeEntity(w, r, backlogItemsChanged{Items: items}, err)
}

func (s *Server) handleSprintClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var c radiator.SprintClose
	if err := decode(w, r, &c); err != nil {
		s.Error(w, r, err)
		return
	}
	sp, err := s.Store.CloseSprint(r.Context(), id, c)
	s.writeEntity(w, r, sp, err)
}

func (s *Server) handleTeamBoard(w http.ResponseWriter, r *http.Request) {
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
	v, err := s.boardView(r.Context(), id, sprintID)
	s.writeEntity(w, r, v, err)
}

func (s *Server) handleTeamRefinement(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.refinementView(r.Context(), id)
	s.writeEntity(w, r, v, err)
}

func (s *Server) handleTeamPlanning(w http.ResponseWriter, r *http.Request) {
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
	v, err := s.planningView(r.Context(), id, sprintID)
	s.writeEntity(w, r, v, err)
}

// maxVelocitySprints bounds the sprints of a velocity chart.
const maxVelocitySprints = 52

// velocityArgs reads the team and the ?n= of the velocity routes.
func velocityArgs(r *http.Request) (id int64, n int, err error) {
	if id, err = pathID(r, "team"); err != nil {
		return 0, 0, err
	}
	q := newQuery(r)
	n = q.number("n", 1, maxVelocitySprints)
	if q.err != nil {
		return 0, 0, q.err
	}
	if n == 0 {
		n = velocitySprints
	}
	return id, n, nil
}

func (s *Server) handleTeamVelocity(w http.ResponseWriter, r *http.Request) {
	id, n, err := velocityArgs(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, v, err := s.velocityOf(r.Context(), id, n)
	s.writeEntity(w, r, v, err)
}

func (s *Server) handleTeamVelocitySVG(w http.ResponseWriter, r *http.Request) {
	id, n, err := velocityArgs(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	team, v, err := s.velocityOf(r.Context(), id, n)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeSVG(w, chart.Velocity(v, "Velocity of "+team.Name))
}

func (s *Server) handleSprintBurndown(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, b, err := s.burndownOf(r.Context(), id)
	s.writeEntity(w, r, b, err)
}

func (s *Server) handleSprintBurndownSVG(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	sp, b, err := s.burndownOf(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeSVG(w, chart.Burndown(b, "Burndown of "+sp.Name))
}

// flowArgs reads the team and the ?from=&to= of the flow routes.
func flowArgs(r *http.Request) (id int64, from, to radiator.Date, err error) {
	if id, err = pathID(r, "team"); err != nil {
		return 0, from, to, err
	}
	q := newQuery(r)
	from, to = q.date("from"), q.date("to")
	return id, from, to, q.err
}

func (s *Server) handleTeamFlow(w http.ResponseWriter, r *http.Request) {
	id, from, to, err := flowArgs(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, v, err := s.flowOf(r.Context(), id, from, to)
	s.writeEntity(w, r, v, err)
}

func (s *Server) handleTeamFlowSVG(w http.ResponseWriter, r *http.Request) {
	id, from, to, err := flowArgs(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	team, v, err := s.flowOf(r.Context(), id, from, to)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeSVG(w, chart.CumulativeFlow(v.Days, "Cumulative flow of "+team.Name))
}

// writeSVG answers a chart. Charts follow the events, so caches must ask
// again each time.
func writeSVG(w http.ResponseWriter, svg []byte) {
	w.Header().Set("Content-Type", "image/svg+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(svg)
}
