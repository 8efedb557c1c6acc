package http

import (
	"net/http"

	"github.com/radiator-hq/radiator"
)

// The handlers of the entities under /api/v1: for each a list, create,
// view, update and delete. They parse, call the store and answer.

func (s *Server) handleProductList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.ProductFilter{Key: q.text("key"), Page: q.page()}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindProducts(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

func (s *Server) handleProductCreate(w http.ResponseWriter, r *http.Request) {
	var p radiator.Product
	if err := decode(w, r, &p); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateProduct(r.Context(), &p)
	s.writeCreated(w, r, "products", p.ID, &p, err)
}

func (s *Server) handleProductView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Store.FindProductByID(r.Context(), id)
	s.writeEntity(w, r, p, err)
}

func (s *Server) handleProductUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.ProductUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Store.UpdateProduct(r.Context(), id, upd)
	s.writeEntity(w, r, p, err)
}

func (s *Server) handleProductDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "product")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteProduct(r.Context(), id, version))
}

func (s *Server) handleForumList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.ForumFilter{
		Tier:      q.number("tier", 1, radiator.MaxTier),
		Kind:      q.oneOf("kind", radiator.ForumKinds),
		ProductID: q.id("product_id"),
		ParentID:  q.id("parent_id"),
		TeamID:    q.id("team_id"),
		Page:      q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindForums(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handleForumCreate gives a forum sent without a cadence the default
// cadence of its kind.
func (s *Server) handleForumCreate(w http.ResponseWriter, r *http.Request) {
	var f radiator.Forum
	if err := decode(w, r, &f); err != nil {
		s.Error(w, r, err)
		return
	}
	if f.Cadence.Mode == "" {
		f.Cadence = radiator.DefaultCadence(f.Kind)
	}
	err := s.Store.CreateForum(r.Context(), &f)
	s.writeCreated(w, r, "forums", f.ID, &f, err)
}

func (s *Server) handleForumView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := s.Store.FindForumByID(r.Context(), id)
	s.writeEntity(w, r, f, err)
}

func (s *Server) handleForumUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.ForumUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := s.Store.UpdateForum(r.Context(), id, upd)
	s.writeEntity(w, r, f, err)
}

func (s *Server) handleForumDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteForum(r.Context(), id, version))
}

func (s *Server) handleTeamList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.TeamFilter{
		ProductID:     q.id("product_id"),
		ParentForumID: q.id("parent_forum_id"),
		PersonID:      q.id("person_id"),
		Page:          q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindTeams(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

func (s *Server) handleTeamCreate(w http.ResponseWriter, r *http.Request) {
	var t radiator.Team
	if err := decode(w, r, &t); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateTeam(r.Context(), &t)
	s.writeCreated(w, r, "teams", t.ID, &t, err)
}

func (s *Server) handleTeamView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	t, err := s.Store.FindTeamByID(r.Context(), id)
	s.writeEntity(w, r, t, err)
}

func (s *Server) handleTeamUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.TeamUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	t, err := s.Store.UpdateTeam(r.Context(), id, upd)
	s.writeEntity(w, r, t, err)
}

func (s *Server) handleTeamDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteTeam(r.Context(), id, version))
}

func (s *Server) handleMembershipList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.MembershipFilter{
		PersonID: q.id("person_id"),
		ForumID:  q.id("forum_id"),
		TeamID:   q.id("team_id"),
		Role:     q.oneOf("role", radiator.Roles),
		Page:     q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindMemberships(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

func (s *Server) handleMembershipCreate(w http.ResponseWriter, r *http.Request) {
	var m radiator.Membership
	if err := decode(w, r, &m); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateMembership(r.Context(), &m)
	s.writeCreated(w, r, "memberships", m.ID, &m, err)
}

func (s *Server) handleMembershipView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "membership")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Store.FindMembershipByID(r.Context(), id)
	s.writeEntity(w, r, m, err)
}

func (s *Server) handleMembershipUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "membership")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.MembershipUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Store.UpdateMembership(r.Context(), id, upd)
	s.writeEntity(w, r, m, err)
}

func (s *Server) handleMembershipDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "membership")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteMembership(r.Context(), id, version))
}

func (s *Server) handleReleaseList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.ReleaseFilter{
		ProductID: q.id("product_id"),
		Phase:     q.oneOf("phase", radiator.Phases),
		Kind:      q.oneOf("kind", radiator.ReleaseKinds),
		Page:      q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindReleases(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handleReleaseCreate starts a release sent without phase or kind as a
// regular release in planning.
func (s *Server) handleReleaseCreate(w http.ResponseWriter, r *http.Request) {
	rel := radiator.Release{Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular}
	if err := decode(w, r, &rel); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateRelease(r.Context(), &rel)
	s.writeCreated(w, r, "releases", rel.ID, &rel, err)
}

func (s *Server) handleReleaseView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rel, err := s.Store.FindReleaseByID(r.Context(), id)
	s.writeEntity(w, r, rel, err)
}

func (s *Server) handleReleaseUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.ReleaseUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	rel, err := s.Store.UpdateRelease(r.Context(), id, upd)
	s.writeEntity(w, r, rel, err)
}

func (s *Server) handleReleaseDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "release")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteRelease(r.Context(), id, version))
}

func (s *Server) handleSprintList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.SprintFilter{
		TeamID:    q.id("team_id"),
		ProductID: q.id("product_id"),
		State:     q.oneOf("state", radiator.SprintStates),
		On:        q.date("on"),
		Page:      q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindSprints(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handleSprintCreate plans a sprint sent without a state.
func (s *Server) handleSprintCreate(w http.ResponseWriter, r *http.Request) {
	sp := radiator.Sprint{State: radiator.SprintPlanned}
	if err := decode(w, r, &sp); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateSprint(r.Context(), &sp)
	s.writeCreated(w, r, "sprints", sp.ID, &sp, err)
}

func (s *Server) handleSprintView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	sp, err := s.Store.FindSprintByID(r.Context(), id)
	s.writeEntity(w, r, sp, err)
}

func (s *Server) handleSprintUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.SprintUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	sp, err := s.Store.UpdateSprint(r.Context(), id, upd)
	s.writeEntity(w, r, sp, err)
}

func (s *Server) handleSprintDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "sprint")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteSprint(r.Context(), id, version))
}

func (s *Server) handleBacklogItemList(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := radiator.BacklogItemFilter{
		ProductID:  q.id("product_id"),
		Kind:       q.oneOf("kind", radiator.ItemKinds),
		State:      q.oneOf("state", radiator.ItemStates),
		TeamID:     q.id("team_id"),
		SprintID:   q.id("sprint_id"),
		ReleaseID:  q.id("release_id"),
		ParentID:   q.id("parent_id"),
		Backlog:    q.flag("backlog"),
		Label:      q.text("label"),
		AssigneeID: q.id("assignee_id"),
		Text:       q.text("text"),
		Page:       q.page(),
	}
	if q.err != nil {
		s.Error(w, r, q.err)
		return
	}
	items, next, err := s.Store.FindBacklogItems(r.Context(), f)
	writeList(s, w, r, items, next, err)
}

// handleBacklogItemCreate starts an item sent without a state as new.
func (s *Server) handleBacklogItemCreate(w http.ResponseWriter, r *http.Request) {
	it := radiator.BacklogItem{State: radiator.StateNew}
	if err := decode(w, r, &it); err != nil {
		s.Error(w, r, err)
		return
	}
	err := s.Store.CreateBacklogItem(r.Context(), &it)
	s.writeCreated(w, r, "backlog-items", it.ID, &it, err)
}

func (s *Server) handleBacklogItemView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "backlog item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	it, err := s.Store.FindBacklogItemByID(r.Context(), id)
	s.writeEntity(w, r, it, err)
}

func (s *Server) handleBacklogItemUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "backlog item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var upd radiator.BacklogItemUpdate
	if err := decode(w, r, &upd); err != nil {
		s.Error(w, r, err)
		return
	}
	it, err := s.Store.UpdateBacklogItem(r.Context(), id, upd)
	s.writeEntity(w, r, it, err)
}

func (s *Server) handleBacklogItemDelete(w http.ResponseWriter, r *http.Request) {
	id, version, err := deleteArgs(r, "backlog item")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeNoContent(w, r, s.Store.DeleteBacklogItem(r.Context(), id, version))
}
