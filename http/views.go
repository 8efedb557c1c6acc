package http

import (
	"context"
	"fmt"
	"slices"

	"github.com/radiator-hq/radiator"
)

// The views of the team tier: the data the S1 API answers and the S1 pages
// render, gathered here once for both. Each builder loads what it needs in a
// few bulk queries, never one per card.

// boardView is a team's sprint board: the stories of one sprint in the
// team's columns. Sprint is nil when the team has no active or planned
// sprint; the columns are then empty.
type boardView struct {
	Team    *radiator.Team   `json:"team"`
	Sprint  *radiator.Sprint `json:"sprint"`
	Columns []boardColumn    `json:"columns"`
}

// boardColumn is one column of a board with its cards, in rank order.
// OverLimit tells that the column holds more cards than its
// work-in-progress limit: shown, not refused.
type boardColumn struct {
	radiator.BoardColumn
	Count     int         `json:"count"`
	Points    float64     `json:"points"`
	OverLimit bool        `json:"over_limit"`
	Cards     []boardCard `json:"cards"`
}

// boardCard is a story on a board or in a list, with who works on it and
// the feature it belongs to, each nil when there is none.
type boardCard struct {
	Item     *radiator.BacklogItem `json:"item"`
	Assignee *personSummary        `json:"assignee"`
	Parent   *itemSummary          `json:"parent"`
}

// personSummary is what a card shows of a person.
type personSummary struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Initials string `json:"initials"`
}

// itemSummary is what a card shows of its parent item.
type itemSummary struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

// refinementView sums up a team's backlog for refinement: how many sprints
// of ready work it holds at the team's velocity, which stories are not
// ready by the definition of ready, and which ready stories the next two
// sprints would take.
type refinementView struct {
	Velocity     radiator.Velocity `json:"velocity"`
	SprintsReady float64           `json:"sprints_ready"`
	ReadyPoints  float64           `json:"ready_points"`
	Flagged      []flaggedItem     `json:"flagged"`
	LookAhead    []lookAhead       `json:"look_ahead"`
}

// flaggedItem is a backlog story with what keeps it from being ready.
type flaggedItem struct {
	Item     *radiator.BacklogItem `json:"item"`
	Problems []string              `json:"problems"`
}

// lookAhead is one of the next sprints as the top of the ready backlog
// would fill it at the team's velocity. Sprint counts from 1.
type lookAhead struct {
	Sprint int                     `json:"sprint"`
	Points float64                 `json:"points"`
	Items  []*radiator.BacklogItem `json:"items"`
}

// planningView is a sprint being planned: its stories, what they add up
// to, and the team's capacity and velocity to hold them against.
// OverCommitted is shown, not enforced, and only when the team has a
// velocity to forecast from.
type planningView struct {
	Sprint        *radiator.Sprint        `json:"sprint"`
	Velocity      radiator.Velocity       `json:"velocity"`
	Capacity      radiator.Capacity       `json:"capacity"`
	Committed     float64                 `json:"committed"`
	OverCommitted bool                    `json:"over_committed"`
	Items         []*radiator.BacklogItem `json:"items"`
}

// flowView is a team's cumulative flow: per day, how many stories of its
// sprints were in each of States.
type flowView struct {
	States []string           `json:"states"`
	Days   []radiator.FlowDay `json:"days"`
}

// Defaults of the chart views.
const (
	// velocitySprints is how many sprints a velocity chart shows unless
	// asked for another number.
	velocitySprints = 6
	// flowSprints is how many of a team's last sprints the cumulative flow
	// spans unless asked for dates.
	flowSprints = 6
	// maxFlowDays bounds the window of a cumulative flow.
	maxFlowDays = 366
)

// allPages is the page size of the queries that collect a whole list.
func allPages(after string) radiator.Page {
	return radiator.Page{After: after, Limit: radiator.MaxLimit}
}

// boardView returns the board of a team: the sprint sprintID, or with 0 the
// team's active sprint, else its next planned one. A sprint of another team
// or none at all is EINVALID sprint_id.
func (s *Server) boardView(ctx context.Context, teamID, sprintID int64) (*boardView, error) {
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, err
	}
	sprint, err := s.teamSprint(ctx, team, sprintID, radiator.SprintActive, radiator.SprintPlanned)
	if err != nil {
		return nil, err
	}
	v := &boardView{Team: team, Sprint: sprint}
	var cards []boardCard
	if sprint != nil {
		items, err := s.sprintItems(ctx, sprint.ID)
		if err != nil {
			return nil, err
		}
		if cards, err = s.cardsOf(ctx, team, items); err != nil {
			return nil, err
		}
	}
	index := map[string]int{}
	for i, c := range team.Board() {
		index[c.Key] = i
		v.Columns = append(v.Columns, boardColumn{BoardColumn: c, Cards: []boardCard{}})
	}
	for _, card := range cards {
		col := &v.Columns[index[team.ColumnOf(card.Item).Key]]
		col.Cards = append(col.Cards, card)
		col.Count++
		if card.Item.Estimate != nil {
			col.Points += *card.Item.Estimate
		}
	}
	for i := range v.Columns {
		c := &v.Columns[i]
		c.OverLimit = c.WIPLimit > 0 && c.Count > c.WIPLimit
	}
	return v, nil
}

// refinementView returns the refinement summary of a team's backlog.
func (s *Server) refinementView(ctx context.Context, teamID int64) (*refinementView, error) {
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, err
	}
	vel, err := s.teamVelocity(ctx, teamID, velocitySprints)
	if err != nil {
		return nil, err
	}
	backlog, err := s.teamBacklog(ctx, teamID)
	if err != nil {
		return nil, err
	}
	return newRefinement(team, backlog, vel), nil
}

// newRefinement sums up a team's backlog (its stories in no sprint, in rank
// order) at the velocity vel. The look-ahead fills sprint 1 with the top
// ready stories up to the mean velocity, then sprint 2; a story too big to
// fit still fills an empty sprint on its own, and the first story that does
// not fit sprint 2 ends it. Without a velocity both sprints stay empty.
func newRefinement(team *radiator.Team, backlog []*radiator.BacklogItem, vel radiator.Velocity) *refinementView {
	v := &refinementView{
		Velocity:     vel,
		SprintsReady: radiator.SprintsReady(backlog, vel),
		Flagged:      []flaggedItem{},
		LookAhead: []lookAhead{
			{Sprint: 1, Items: []*radiator.BacklogItem{}},
			{Sprint: 2, Items: []*radiator.BacklogItem{}},
		},
	}
	next := 0
	for _, it := range backlog {
		if it.Kind != radiator.KindStory {
			continue
		}
		if it.State == radiator.StateNew || it.State == radiator.StateReady {
			if p := team.ReadinessProblems(it); len(p) > 0 {
				v.Flagged = append(v.Flagged, flaggedItem{Item: it, Problems: p})
			}
		}
		if it.State != radiator.StateReady {
			continue
		}
		points := estimate(it)
		v.ReadyPoints += points
		for vel.Mean > 0 && next < len(v.LookAhead) {
			la := &v.LookAhead[next]
			if len(la.Items) == 0 || la.Points+points <= vel.Mean {
				la.Items = append(la.Items, it)
				la.Points += points
				break
			}
			next++
		}
	}
	return v
}

// planningView returns the planning of the sprint sprintID of a team, or
// with 0 of its next planned sprint, else its active one.
func (s *Server) planningView(ctx context.Context, teamID, sprintID int64) (*planningView, error) {
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, err
	}
	sprint, err := s.teamSprint(ctx, team, sprintID, radiator.SprintPlanned, radiator.SprintActive)
	if err != nil {
		return nil, err
	}
	vel, err := s.teamVelocity(ctx, teamID, velocitySprints)
	if err != nil {
		return nil, err
	}
	v := &planningView{Sprint: sprint, Velocity: vel, Items: []*radiator.BacklogItem{}}
	if sprint == nil {
		return v, nil
	}
	if v.Items, err = s.sprintItems(ctx, sprint.ID); err != nil {
		return nil, err
	}
	for _, it := range v.Items {
		v.Committed += estimate(it)
	}
	people, err := s.sprintPeople(ctx, team)
	if err != nil {
		return nil, err
	}
	v.Capacity = radiator.NewCapacity(sprint, people, vel)
	v.OverCommitted = vel.Basis > 0 && v.Committed > v.Capacity.Forecast
	return v, nil
}

// burndownOf returns a sprint and its burndown as of now (its close, once
// closed), computed from the history of its items.
func (s *Server) burndownOf(ctx context.Context, sprintID int64) (*radiator.Sprint, *radiator.Burndown, error) {
	sprint, err := s.Store.FindSprintByID(ctx, sprintID)
	if err != nil {
		return nil, nil, err
	}
	events, err := s.Store.FindSprintEvents(ctx, []int64{sprintID})
	if err != nil {
		return nil, nil, fmt.Errorf("find events of sprint %d: %w", sprintID, err)
	}
	b, err := radiator.NewBurndown(sprint, events, s.Clock.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("burndown of sprint %d: %w", sprintID, err)
	}
	return sprint, b, nil
}

// velocityOf returns a team and its velocity over its last n closed
// sprints.
func (s *Server) velocityOf(ctx context.Context, teamID int64, n int) (*radiator.Team, radiator.Velocity, error) {
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, radiator.Velocity{}, err
	}
	v, err := s.teamVelocity(ctx, teamID, n)
	return team, v, err
}

// flowOf returns a team and the cumulative flow of its sprints' stories
// from one day to another, both included. A zero from or to stands for
// the span of the team's last flowSprints sprints that have started, up to
// today; a team without any sprint gets the last two weeks.
func (s *Server) flowOf(ctx context.Context, teamID int64, from, to radiator.Date) (*radiator.Team, *flowView, error) {
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		return nil, nil, err
	}
	sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: teamID, Page: allPages(after)})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("find sprints of team %d: %w", teamID, err)
	}
	today := radiator.DateOf(s.Clock.Now())
	defFrom, defTo := flowWindow(sprints, today)
	if from.IsZero() {
		from = defFrom
	}
	if to.IsZero() {
		to = defTo
	}
	if to.Before(from) {
		return nil, nil, radiator.Invalidf("to", "must not be before from (%s)", from)
	}
	if from.DaysUntil(to) >= maxFlowDays {
		return nil, nil, radiator.Invalidf("to", "makes a window of %d days; a cumulative flow spans at most %d", from.DaysUntil(to)+1, maxFlowDays)
	}
	var ids []int64
	for _, sp := range sprints {
		if !sp.Start.After(to) && !sp.End.Before(from) {
			ids = append(ids, sp.ID)
		}
	}
	var events []*radiator.Event
	if len(ids) > 0 {
		if events, err = s.Store.FindSprintEvents(ctx, ids); err != nil {
			return nil, nil, fmt.Errorf("find events of the sprints of team %d: %w", teamID, err)
		}
	}
	days, err := radiator.CumulativeFlow(ids, events, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("cumulative flow of team %d: %w", teamID, err)
	}
	return team, &flowView{States: radiator.ItemStates, Days: days}, nil
}

// flowWindow returns the default window of a cumulative flow: from the
// start of the earliest of the last flowSprints sprints that have started
// by today to the end of the latest, but no later than today.
func flowWindow(sprints []*radiator.Sprint, today radiator.Date) (from, to radiator.Date) {
	var started []*radiator.Sprint
	for _, sp := range sprints {
		if !sp.Start.After(today) {
			started = append(started, sp)
		}
	}
	if len(started) == 0 {
		return today.AddDays(-13), today
	}
	slices.SortStableFunc(started, func(a, b *radiator.Sprint) int { return a.Start.Time().Compare(b.Start.Time()) })
	started = started[max(0, len(started)-flowSprints):]
	from, to = started[0].Start, started[0].End
	for _, sp := range started {
		if sp.End.After(to) {
			to = sp.End
		}
	}
	if to.After(today) {
		to = today
	}
	return from, to
}

// teamSprint returns the sprint sprintID, checking that it is the team's,
// or with 0 the team's default sprint: the first state of states that any
// of its sprints is in decides, taking the latest active sprint or the
// earliest planned one. It returns nil when the team has none.
func (s *Server) teamSprint(ctx context.Context, team *radiator.Team, sprintID int64, states ...string) (*radiator.Sprint, error) {
	if sprintID != 0 {
		sp, err := s.Store.FindSprintByID(ctx, sprintID)
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return nil, radiator.Invalidf("sprint_id", "there is no sprint %d", sprintID)
		}
		if err != nil {
			return nil, err
		}
		if sp.TeamID != team.ID {
			return nil, radiator.Invalidf("sprint_id", "sprint %q is not a sprint of %s", sp.Name, team.Name)
		}
		return sp, nil
	}
	for _, state := range states {
		sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
			return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: team.ID, State: state, Page: allPages(after)})
		})
		if err != nil {
			return nil, fmt.Errorf("find %s sprints of team %d: %w", state, team.ID, err)
		}
		if len(sprints) == 0 {
			continue
		}
		// Lists come in start order.
		if state == radiator.SprintPlanned {
			return sprints[0], nil
		}
		return sprints[len(sprints)-1], nil
	}
	return nil, nil
}

// teamVelocity returns a team's velocity over its last n closed sprints.
func (s *Server) teamVelocity(ctx context.Context, teamID int64, n int) (radiator.Velocity, error) {
	sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: teamID, State: radiator.SprintClosed, Page: allPages(after)})
	})
	if err != nil {
		return radiator.Velocity{}, fmt.Errorf("find closed sprints of team %d: %w", teamID, err)
	}
	v := radiator.NewVelocity(sprints, n)
	if v.Sprints == nil {
		v.Sprints = []radiator.VelocitySprint{}
	}
	return v, nil
}

// teamBacklog returns a team's backlog: its stories in no sprint, in rank
// order.
func (s *Server) teamBacklog(ctx context.Context, teamID int64) ([]*radiator.BacklogItem, error) {
	items, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{TeamID: teamID, Kind: radiator.KindStory, Backlog: true, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find backlog of team %d: %w", teamID, err)
	}
	return items, nil
}

// sprintItems returns the stories of a sprint in rank order, never nil.
func (s *Server) sprintItems(ctx context.Context, sprintID int64) ([]*radiator.BacklogItem, error) {
	items, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{SprintID: sprintID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find items of sprint %d: %w", sprintID, err)
	}
	if items == nil {
		items = []*radiator.BacklogItem{}
	}
	return items, nil
}

// sprintRoles are the roles of the people who do a sprint's work and so
// make its capacity.
var sprintRoles = []string{radiator.RoleMember, radiator.RoleTester, radiator.RoleScrumMaster}

// sprintPeople returns the people who do the team's sprint work: those
// holding one of sprintRoles in the team's forum, each once, in order of
// their first such membership.
func (s *Server) sprintPeople(ctx context.Context, team *radiator.Team) ([]int64, error) {
	ms, err := collect(func(after string) ([]*radiator.Membership, string, error) {
		return s.Store.FindMemberships(ctx, radiator.MembershipFilter{ForumID: team.ForumID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find memberships of team %d: %w", team.ID, err)
	}
	var people []int64
	for _, m := range ms {
		if slices.Contains(sprintRoles, m.Role) && !slices.Contains(people, m.PersonID) {
			people = append(people, m.PersonID)
		}
	}
	return people, nil
}

// cardsOf returns the cards of a team's items, in their order. It loads
// the assignees with the team's people and the parents with the features
// of the team's product, one query each, and looks up on their own only
// those found elsewhere.
func (s *Server) cardsOf(ctx context.Context, team *radiator.Team, items []*radiator.BacklogItem) ([]boardCard, error) {
	people, err := s.assignees(ctx, team, items)
	if err != nil {
		return nil, err
	}
	parents, err := s.parents(ctx, team, items)
	if err != nil {
		return nil, err
	}
	cards := make([]boardCard, len(items))
	for i, it := range items {
		cards[i].Item = it
		if it.AssigneeID != nil {
			cards[i].Assignee = people[*it.AssigneeID]
		}
		if it.ParentID != nil {
			cards[i].Parent = parents[*it.ParentID]
		}
	}
	return cards, nil
}

// assignees returns the summaries of the people the items are assigned
// to, by ID. A person deleted since is left out.
func (s *Server) assignees(ctx context.Context, team *radiator.Team, items []*radiator.BacklogItem) (map[int64]*personSummary, error) {
	byID := map[int64]*personSummary{}
	var wanted []int64
	for _, it := range items {
		if it.AssigneeID != nil && !slices.Contains(wanted, *it.AssigneeID) {
			wanted = append(wanted, *it.AssigneeID)
		}
	}
	if len(wanted) == 0 {
		return byID, nil
	}
	add := func(p *radiator.Person) {
		byID[p.ID] = &personSummary{ID: p.ID, Name: p.Name, Initials: p.Initials()}
	}
	people, err := collect(func(after string) ([]*radiator.Person, string, error) {
		return s.Store.FindPeople(ctx, radiator.PersonFilter{ForumID: team.ForumID, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find people of team %d: %w", team.ID, err)
	}
	for _, p := range people {
		add(p)
	}
	for _, id := range wanted {
		if byID[id] != nil {
			continue
		}
		p, err := s.Store.FindPersonByID(ctx, id)
		switch {
		case radiator.ErrorCode(err) == radiator.ENOTFOUND:
		case err != nil:
			return nil, fmt.Errorf("find assignee %d: %w", id, err)
		default:
			add(p)
		}
	}
	return byID, nil
}

// parents returns the summaries of the items' parents, by ID. A parent
// deleted since is left out.
func (s *Server) parents(ctx context.Context, team *radiator.Team, items []*radiator.BacklogItem) (map[int64]*itemSummary, error) {
	byID := map[int64]*itemSummary{}
	var wanted []int64
	for _, it := range items {
		if it.ParentID != nil && !slices.Contains(wanted, *it.ParentID) {
			wanted = append(wanted, *it.ParentID)
		}
	}
	if len(wanted) == 0 {
		return byID, nil
	}
	add := func(it *radiator.BacklogItem) {
		byID[it.ID] = &itemSummary{ID: it.ID, Kind: it.Kind, Title: it.Title}
	}
	features, err := collect(func(after string) ([]*radiator.BacklogItem, string, error) {
		return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{ProductID: team.ProductID, Kind: radiator.KindFeature, Page: allPages(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("find features of product %d: %w", team.ProductID, err)
	}
	for _, f := range features {
		if slices.Contains(wanted, f.ID) {
			add(f)
		}
	}
	for _, id := range wanted {
		if byID[id] != nil {
			continue
		}
		it, err := s.Store.FindBacklogItemByID(ctx, id)
		switch {
		case radiator.ErrorCode(err) == radiator.ENOTFOUND:
		case err != nil:
			return nil, fmt.Errorf("find parent item %d: %w", id, err)
		default:
			add(it)
		}
	}
	return byID, nil
}

// estimate returns an item's estimate, 0 when it has none.
func estimate(it *radiator.BacklogItem) float64 {
	if it.Estimate == nil {
		return 0
	}
	return *it.Estimate
}
