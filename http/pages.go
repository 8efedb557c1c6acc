package http

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/radiator-hq/radiator"
)

// The pages. Each handler gathers a typed data struct from the store and
// renders its template; the templates hold no logic beyond loops and
// conditions.

// homePage lists the organisation's forums, a section per tier.
type homePage struct {
	layout
	Tiers    []tierSection
	Releases []releaseLink // each product's release in progress
}

// tierSection is one tier of the home page. The teams of tier 1 come in
// a group per product; the forums of other tiers in one group.
type tierSection struct {
	Tier   int
	Groups []forumGroup
}

type forumGroup struct {
	Name  string // the product of a group of teams, "" otherwise
	Cards []forumCard
}

// forumCard shows a forum in a list, linking to its team's page for a
// team forum and to its own page otherwise.
type forumCard struct {
	Forum   *radiator.Forum
	Href    string
	Members int
}

func newForumCard(f *radiator.Forum, members int) forumCard {
	href := "/forums/" + strconv.FormatInt(f.ID, 10)
	if f.TeamID != nil {
		href = "/teams/" + strconv.FormatInt(*f.TeamID, 10)
	}
	return forumCard{Forum: f, Href: href, Members: members}
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page := homePage{}
	if err := s.fillLayout(ctx, &page.layout, "Forums"); err != nil {
		s.Error(w, r, err)
		return
	}
	forums, err := collect(func(after string) ([]*radiator.Forum, string, error) {
		return s.Store.FindForums(ctx, radiator.ForumFilter{Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	memberships, err := collect(func(after string) ([]*radiator.Membership, string, error) {
		return s.Store.FindMemberships(ctx, radiator.MembershipFilter{Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	products, err := collect(func(after string) ([]*radiator.Product, string, error) {
		return s.Store.FindProducts(ctx, radiator.ProductFilter{Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page.Tiers = tierSections(forums, memberships, products)
	if page.Releases, err = s.releasesInProgress(ctx, 0); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", page)
}

// tierSections groups forums for the home page: tiers from S1 up, team
// forums by product, each group by name.
func tierSections(forums []*radiator.Forum, memberships []*radiator.Membership, products []*radiator.Product) []tierSection {
	members := map[int64]map[int64]bool{} // forum -> people
	for _, m := range memberships {
		if members[m.ForumID] == nil {
			members[m.ForumID] = map[int64]bool{}
		}
		members[m.ForumID][m.PersonID] = true
	}
	productName := map[int64]string{}
	for _, p := range products {
		productName[p.ID] = p.Name
	}
	slices.SortFunc(forums, func(a, b *radiator.Forum) int {
		return cmp.Or(cmp.Compare(a.Tier, b.Tier), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	var tiers []tierSection
	for _, f := range forums {
		if len(tiers) == 0 || tiers[len(tiers)-1].Tier != f.Tier {
			tiers = append(tiers, tierSection{Tier: f.Tier})
		}
		t := &tiers[len(tiers)-1]
		group := ""
		if f.Tier == 1 {
			group = "Other teams"
			if f.ProductID != nil && productName[*f.ProductID] != "" {
				group = productName[*f.ProductID]
			}
		}
		i := slices.IndexFunc(t.Groups, func(g forumGroup) bool { return g.Name == group })
		if i < 0 {
			t.Groups = append(t.Groups, forumGroup{Name: group})
			i = len(t.Groups) - 1
		}
		t.Groups[i].Cards = append(t.Groups[i].Cards, newForumCard(f, len(members[f.ID])))
	}
	for _, t := range tiers {
		slices.SortStableFunc(t.Groups, func(a, b forumGroup) int { return cmp.Compare(a.Name, b.Name) })
	}
	return tiers
}

// forumPage shows one forum: what it is, who takes part, and the forums
// it connects.
type forumPage struct {
	layout
	Forum    *radiator.Forum
	Product  *radiator.Product
	Parent   *forumCard
	Children []forumCard
	Members  []memberRow
	Releases []releaseLink // the product's release in progress, for a Scrum of Scrums
	Meetings []meetingRow  // the coming meetings, for a forum that meets on a cadence
	// FeedURL is the secret subscription address just made, shown once.
	FeedURL string
}

func (s *Server) handleForumPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderForumPage(w, r, id, "")
}

// handleForumFeedPage makes a secret subscription address of the forum's
// meeting feed (replacing the last one) and shows it on the forum page.
func (s *Server) handleForumFeedPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := parsePageForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := s.Store.FindForumByID(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	url, err := s.newFeed(r, &radiator.FeedSecret{ForumID: &id})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderForumPage(w, r, id, url)
}

// renderForumPage shows the forum, with a feed address just made if any.
func (s *Server) renderForumPage(w http.ResponseWriter, r *http.Request, id int64, feedURL string) {
	ctx := r.Context()
	f, err := s.Store.FindForumByID(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := forumPage{Forum: f, FeedURL: feedURL}
	if err := s.fillLayout(ctx, &page.layout, f.Name); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Product, err = s.findProduct(ctx, f.ProductID); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Parent, err = s.findParent(ctx, f.ParentID); err != nil {
		s.Error(w, r, err)
		return
	}
	children, err := collect(func(after string) ([]*radiator.Forum, string, error) {
		return s.Store.FindForums(ctx, radiator.ForumFilter{ParentID: id, Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	slices.SortFunc(children, func(a, b *radiator.Forum) int {
		return cmp.Or(cmp.Compare(b.Tier, a.Tier), cmp.Compare(a.Name, b.Name))
	})
	for _, c := range children {
		page.Children = append(page.Children, newForumCard(c, 0))
	}
	if page.Members, err = s.members(ctx, id); err != nil {
		s.Error(w, r, err)
		return
	}
	if f.Kind == radiator.ForumScrumOfScrums && f.ProductID != nil {
		if page.Releases, err = s.releasesInProgress(ctx, *f.ProductID); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if page.Meetings, err = s.comingMeetings(ctx, f); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "forum", page)
}

// teamPage shows one team: its product, members and sprints, with the
// items of the sprint running today.
type teamPage struct {
	layout
	Team     *radiator.Team
	Product  *radiator.Product
	Forum    *radiator.Forum
	Parent   *forumCard
	Members  []memberRow
	Today    radiator.Date
	Current  *radiator.Sprint
	Items    []*radiator.BacklogItem
	Done     float64 // estimate of the current sprint's done items
	Total    float64 // estimate of all its items
	Upcoming []*radiator.Sprint
	Past     []*radiator.Sprint // most recent first
	Charts   teamCharts
}

// sprintsShown is how many upcoming and past sprints the team page lists.
const sprintsShown = 3

func (s *Server) handleTeamPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	t, err := s.Store.FindTeamByID(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := teamPage{Team: t, Today: radiator.DateOf(s.Clock.Now())}
	if err := s.fillLayout(ctx, &page.layout, t.Name); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Product, err = s.findProduct(ctx, &t.ProductID); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Forum, err = s.Store.FindForumByID(ctx, t.ForumID); err != nil {
		s.Error(w, r, fmt.Errorf("find forum of team %d: %w", t.ID, err))
		return
	}
	if page.Parent, err = s.findParent(ctx, t.ParentForumID); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Members, err = s.members(ctx, t.ForumID); err != nil {
		s.Error(w, r, err)
		return
	}
	sprints, err := collect(func(after string) ([]*radiator.Sprint, string, error) {
		return s.Store.FindSprints(ctx, radiator.SprintFilter{TeamID: id, Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page.Current, page.Upcoming, page.Past = splitSprints(sprints, page.Today)
	if page.Charts, err = s.teamChartsOf(ctx, t); err != nil {
		s.Error(w, r, err)
		return
	}
	if page.Current != nil {
		page.Items, err = collect(func(after string) ([]*radiator.BacklogItem, string, error) {
			return s.Store.FindBacklogItems(ctx, radiator.BacklogItemFilter{SprintID: page.Current.ID, Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
		})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, it := range page.Items {
			if it.Estimate == nil {
				continue
			}
			page.Total += *it.Estimate
			if it.State == radiator.StateDone {
				page.Done += *it.Estimate
			}
		}
	}
	s.render(w, r, http.StatusOK, "team", page)
}

// splitSprints finds the sprint containing today (the latest to start, if
// several do), the next sprints to start and the last to have ended.
func splitSprints(sprints []*radiator.Sprint, today radiator.Date) (current *radiator.Sprint, upcoming, past []*radiator.Sprint) {
	slices.SortFunc(sprints, func(a, b *radiator.Sprint) int {
		return cmp.Or(cmp.Compare(a.Start.String(), b.Start.String()), cmp.Compare(a.ID, b.ID))
	})
	for _, sp := range sprints {
		switch {
		case sp.Contains(today):
			current = sp
		case sp.Start.After(today) && len(upcoming) < sprintsShown:
			upcoming = append(upcoming, sp)
		case sp.End.Before(today):
			past = append(past, sp)
		}
	}
	slices.Reverse(past)
	if len(past) > sprintsShown {
		past = past[:sprintsShown]
	}
	return current, upcoming, past
}

// memberRow is one person of a forum with all the roles they hold there.
type memberRow struct {
	Person *radiator.Person
	Roles  []string
}

// members returns the people of a forum, those with the leading roles
// first (in the order of radiator.Roles), then by name.
func (s *Server) members(ctx context.Context, forumID int64) ([]memberRow, error) {
	ms, err := collect(func(after string) ([]*radiator.Membership, string, error) {
		return s.Store.FindMemberships(ctx, radiator.MembershipFilter{ForumID: forumID, Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		return nil, fmt.Errorf("find memberships of forum %d: %w", forumID, err)
	}
	people, err := collect(func(after string) ([]*radiator.Person, string, error) {
		return s.Store.FindPeople(ctx, radiator.PersonFilter{ForumID: forumID, Page: radiator.Page{After: after, Limit: radiator.MaxLimit}})
	})
	if err != nil {
		return nil, fmt.Errorf("find people of forum %d: %w", forumID, err)
	}
	var rows []memberRow
	for _, p := range people {
		row := memberRow{Person: p}
		for _, m := range ms {
			if m.PersonID == p.ID {
				row.Roles = append(row.Roles, m.Role)
			}
		}
		slices.SortFunc(row.Roles, func(a, b string) int {
			return cmp.Compare(slices.Index(radiator.Roles, a), slices.Index(radiator.Roles, b))
		})
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b memberRow) int {
		return cmp.Or(cmp.Compare(leadingRole(a.Roles), leadingRole(b.Roles)), cmp.Compare(a.Person.Name, b.Person.Name))
	})
	return rows, nil
}

// leadingRole returns the position in radiator.Roles of the first of
// sorted roles.
func leadingRole(roles []string) int {
	if len(roles) == 0 {
		return len(radiator.Roles)
	}
	return slices.Index(radiator.Roles, roles[0])
}

// fillLayout fills in what the header shows.
func (s *Server) fillLayout(ctx context.Context, l *layout, title string) error {
	o, err := s.Store.FindOrganisation(ctx)
	if err != nil {
		return fmt.Errorf("find organisation: %w", err)
	}
	*l = layout{Title: title, Organisation: o.Name, Person: personFrom(ctx)}
	return nil
}

// findProduct returns the product with the id, nil for none.
func (s *Server) findProduct(ctx context.Context, id *int64) (*radiator.Product, error) {
	if id == nil {
		return nil, nil
	}
	p, err := s.Store.FindProductByID(ctx, *id)
	if err != nil {
		return nil, fmt.Errorf("find product %d: %w", *id, err)
	}
	return p, nil
}

// findParent returns the card of the parent forum with the id, nil for none.
func (s *Server) findParent(ctx context.Context, id *int64) (*forumCard, error) {
	if id == nil {
		return nil, nil
	}
	f, err := s.Store.FindForumByID(ctx, *id)
	if err != nil {
		return nil, fmt.Errorf("find parent forum %d: %w", *id, err)
	}
	c := newForumCard(f, 0)
	return &c, nil
}

// collect gathers every page of a list.
func collect[T any](find func(after string) ([]T, string, error)) ([]T, error) {
	var all []T
	after := ""
	for {
		items, next, err := find(after)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if next == "" {
			return all, nil
		}
		after = next
	}
}
