package radiator

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
func NewReleaseBoard(in ReleaseBoardInput) *ReleaseBoard {
	panic("not yet")
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
