package radiator

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ReleaseBoardColumn is a sprint window on a release board: the sprints of
// the product's teams that start on the same day.
type ReleaseBoardColumn struct {
	Name  string `json:"name"` // "Sprint 7" or the start, "5 Jan"
	Start Date   `json:"start"`
	End   Date   `json:"end"`
}

// CardStory is a story on a release board card, with the version a move
// must name.
type CardStory struct {
	ID       int64    `json:"id"`
	Title    string   `json:"title"`
	Estimate *float64 `json:"estimate"`
	State    string   `json:"state"`
	Version  int64    `json:"version"`
}

// ReleaseCard is a feature's stories that one team plans in one sprint
// window (Column -1: in no sprint yet).
type ReleaseCard struct {
	// Key names the card on the board: "f12-t3-c2", "f12-t3-u" unplanned.
	Key        string      `json:"key"`
	FeatureID  int64       `json:"feature_id"`
	Title      string      `json:"title"`
	ReleaseID  int64       `json:"release_id"`
	TeamID     int64       `json:"team_id"`
	SprintID   int64       `json:"sprint_id"` // 0 when unplanned
	Column     int         `json:"column"`
	Stories    []CardStory `json:"stories"`
	Points     float64     `json:"points"`
	DonePoints float64     `json:"done_points"`
	Done       bool        `json:"done"` // every story of the card is done
}

// ReleaseBoardRow is one team's lane, or the hot-fix lane.
type ReleaseBoardRow struct {
	TeamID int64  `json:"team_id"` // 0 for the hot-fix lane
	Name   string `json:"name"`
	Hotfix bool   `json:"hotfix"`
	// SprintIDs[i] is the team's sprint in column i, 0 for none.
	SprintIDs []int64          `json:"sprint_ids"`
	Cells     [][]*ReleaseCard `json:"cells"`     // per column, in feature rank order
	Unplanned []*ReleaseCard   `json:"unplanned"` // in feature rank order
}

// ReleaseBoardLine is a dependency drawn between two cards: From needs To
// done first. Red when From is planned in the same or an earlier sprint
// than To, or To is in no sprint.
type ReleaseBoardLine struct {
	DependencyID int64  `json:"dependency_id"`
	From         string `json:"from"`
	To           string `json:"to"`
	Red          bool   `json:"red"`
	Note         string `json:"note"`
}

// ReleaseBoard is the visual release board: teams by sprints up to the
// release date, with the feature cards each team plans in each sprint, a
// lane of hot-fix work and the dependencies between cards.
type ReleaseBoard struct {
	ReleaseID int64                `json:"release_id"`
	Date      Date                 `json:"date"` // the milestone after the last column
	Columns   []ReleaseBoardColumn `json:"columns"`
	Rows      []ReleaseBoardRow    `json:"rows"`
	Lines     []ReleaseBoardLine   `json:"lines"`
}

// ReleaseBoardInput is what the release board is drawn from.
type ReleaseBoardInput struct {
	Release  *Release
	Hotfixes []*Release // hot-fix releases of the product open alongside
	Teams    []*Team    // the product's teams, in display order
	Sprints  []*Sprint  // the teams' sprints
	// Features are the release's and the hot fixes' features, in rank
	// order; Stories their stories.
	Features     []*BacklogItem
	Stories      []*BacklogItem
	Dependencies []*Dependency // open ones among the features and stories
}

// NewReleaseBoard lays out the board. Columns are the sprint windows that
// end on or after the release's start and start before its date. A
// dependency between stories joins their cards; one naming a feature joins
// the feature's latest card (as the work depended on) or earliest card (as
// the dependent work).
//
// A column is named after the sprint name most of its sprints share,
// else after its start. The stories of a card are in rank order. Stories
// in no sprint, or in one outside the columns (after the release date,
// say), make the team's unplanned cards; so an unplanned card is the
// latest of its feature and never the earliest while the feature has
// planned ones. The hot-fix lane, last, holds the cards of the hot fixes'
// features and is there whenever Hotfixes is not empty. Resolved
// dependencies, ones without a card at either end and ones within a card
// draw no line; of several between the same two cards the first is drawn.
func NewReleaseBoard(in ReleaseBoardInput) *ReleaseBoard {
	r := in.Release
	b := &ReleaseBoard{ReleaseID: r.ID, Date: r.Date, Columns: []ReleaseBoardColumn{}, Rows: []ReleaseBoardRow{}, Lines: []ReleaseBoardLine{}}
	rowOf := make(map[int64]int, len(in.Teams))
	for i, t := range in.Teams {
		rowOf[t.ID] = i
	}

	var window []*Sprint
	for _, s := range in.Sprints {
		if _, ok := rowOf[s.TeamID]; ok && !s.End.Before(r.Start) && s.Start.Before(r.Date) {
			window = append(window, s)
		}
	}
	slices.SortStableFunc(window, func(a, b *Sprint) int { return a.Start.Time().Compare(b.Start.Time()) })
	colOf := map[Date]int{}
	var names [][]string
	for _, s := range window {
		i, ok := colOf[s.Start]
		if !ok {
			i = len(b.Columns)
			colOf[s.Start] = i
			b.Columns = append(b.Columns, ReleaseBoardColumn{Start: s.Start, End: s.End})
			names = append(names, nil)
		}
		if s.End.After(b.Columns[i].End) {
			b.Columns[i].End = s.End
		}
		names[i] = append(names[i], s.Name)
	}
	nameColumns(b.Columns, names)

	newRow := func(teamID int64, name string, hotfix bool) ReleaseBoardRow {
		row := ReleaseBoardRow{TeamID: teamID, Name: name, Hotfix: hotfix, SprintIDs: make([]int64, len(b.Columns)),
			Cells: make([][]*ReleaseCard, len(b.Columns)), Unplanned: []*ReleaseCard{}}
		for i := range row.Cells {
			row.Cells[i] = []*ReleaseCard{}
		}
		return row
	}
	for _, t := range in.Teams {
		b.Rows = append(b.Rows, newRow(t.ID, t.Name, false))
	}
	sprintCol := make(map[int64]int, len(window))
	for _, s := range window {
		col := colOf[s.Start]
		sprintCol[s.ID] = col
		if ids := b.Rows[rowOf[s.TeamID]].SprintIDs; ids[col] == 0 {
			ids[col] = s.ID
		}
	}
	sprintTeam := make(map[int64]int64, len(in.Sprints))
	for _, s := range in.Sprints {
		sprintTeam[s.ID] = s.TeamID
	}
	hot := map[int64]bool{}
	for _, h := range in.Hotfixes {
		hot[h.ID] = true
	}
	hotRow := -1
	if len(in.Hotfixes) > 0 {
		hotRow = len(b.Rows)
		b.Rows = append(b.Rows, newRow(0, "Hot fixes", true))
	}

	type cardKey struct {
		feature, team int64
		col           int
	}
	cards := map[cardKey]*ReleaseCard{}
	storyCard := make(map[int64]*ReleaseCard, len(in.Stories))
	featureCards := make(map[int64][]*ReleaseCard, len(in.Features))
	byFeature := storiesByFeature(in.Stories)
	for _, f := range in.Features {
		stories := byFeature[f.ID]
		slices.SortStableFunc(stories, func(a, b *BacklogItem) int {
			return cmp.Or(strings.Compare(a.Rank, b.Rank), cmp.Compare(a.ID, b.ID))
		})
		releaseID := r.ID
		if f.ReleaseID != nil {
			releaseID = *f.ReleaseID
		}
		for _, s := range stories {
			var team int64
			switch {
			case s.TeamID != nil:
				team = *s.TeamID
			case s.SprintID != nil:
				team = sprintTeam[*s.SprintID]
			}
			row, ok := rowOf[team]
			if !ok {
				continue
			}
			if hot[releaseID] {
				row = hotRow
			}
			col, sprintID := -1, int64(0)
			if s.SprintID != nil {
				if c, ok := sprintCol[*s.SprintID]; ok {
					col, sprintID = c, *s.SprintID
				}
			}
			k := cardKey{f.ID, team, col}
			c := cards[k]
			if c == nil {
				c = &ReleaseCard{FeatureID: f.ID, Title: f.Title, ReleaseID: releaseID, TeamID: team, SprintID: sprintID,
					Column: col, Stories: []CardStory{}, Done: true}
				cards[k] = c
				featureCards[f.ID] = append(featureCards[f.ID], c)
				if col < 0 {
					c.Key = fmt.Sprintf("f%d-t%d-u", f.ID, team)
					b.Rows[row].Unplanned = append(b.Rows[row].Unplanned, c)
				} else {
					c.Key = fmt.Sprintf("f%d-t%d-c%d", f.ID, team, col)
					b.Rows[row].Cells[col] = append(b.Rows[row].Cells[col], c)
				}
			}
			c.Stories = append(c.Stories, CardStory{ID: s.ID, Title: s.Title, Estimate: s.Estimate, State: s.State, Version: s.Version})
			points := storyPoints(s)
			c.Points += points
			if s.State == StateDone {
				c.DonePoints += points
			} else {
				c.Done = false
			}
			storyCard[s.ID] = c
		}
	}
	for _, c := range cards {
		c.Points, c.DonePoints = round2(c.Points), round2(c.DonePoints)
	}

	// end finds the card an end of a dependency joins: a story's own, or
	// the latest or earliest of a feature's.
	end := func(id int64, latest bool) *ReleaseCard {
		if c, ok := storyCard[id]; ok {
			return c
		}
		var pick *ReleaseCard
		for _, c := range featureCards[id] {
			if pick == nil || latest && later(c, pick) || !latest && later(pick, c) {
				pick = c
			}
		}
		return pick
	}
	seen := map[[2]string]bool{}
	for _, d := range in.Dependencies {
		if d.State == DependencyResolved {
			continue
		}
		from, to := end(d.ItemID, false), end(d.DependsOnID, true)
		if from == nil || to == nil || from == to || seen[[2]string{from.Key, to.Key}] {
			continue
		}
		seen[[2]string{from.Key, to.Key}] = true
		red := to.Column < 0 || from.Column >= 0 && from.Column <= to.Column
		b.Lines = append(b.Lines, ReleaseBoardLine{DependencyID: d.ID, From: from.Key, To: to.Key, Red: red, Note: d.Note})
	}
	return b
}

// later reports whether card a is planned later than b; a card in no
// sprint is later than any planned one.
func later(a, b *ReleaseCard) bool {
	switch {
	case a.Column < 0:
		return b.Column >= 0
	case b.Column < 0:
		return false
	}
	return a.Column > b.Column
}

// nameColumns names each column after the name most of its sprints share
// ("Sprint 7"), else, or when another column has the name already, after
// its start ("5 Jan").
func nameColumns(cols []ReleaseBoardColumn, names [][]string) {
	used := map[string]bool{}
	for i := range cols {
		count := map[string]int{}
		best := ""
		for _, n := range names[i] {
			count[n]++
			if count[n] > count[best] || count[n] == count[best] && n < best {
				best = n
			}
		}
		if 2*count[best] > len(names[i]) && !used[best] {
			cols[i].Name = best
		} else {
			cols[i].Name = cols[i].Start.Time().Format("2 Jan")
		}
		used[cols[i].Name] = true
	}
}

// CardByKey finds a card on the board.
func (b *ReleaseBoard) CardByKey(key string) (*ReleaseCard, bool) {
	for _, r := range b.Rows {
		for _, cell := range r.Cells {
			for _, c := range cell {
				if c.Key == key {
					return c, true
				}
			}
		}
		for _, c := range r.Unplanned {
			if c.Key == key {
				return c, true
			}
		}
	}
	return nil, false
}
