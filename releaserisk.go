package radiator

import (
	"fmt"
	"slices"
	"sort"
)

// This file holds the S2 release computations of the plan: the features'
// progress, the features at risk when a team falls behind, what-if changes
// and the capacity hot fixes take.

// FeatureProgress is a feature of the meta-backlog with the progress of
// its stories across the teams.
type FeatureProgress struct {
	Feature     *BacklogItem `json:"feature"`
	Units       float64      `json:"units"`
	Stories     int          `json:"stories"`
	StoriesDone int          `json:"stories_done"`
	Points      float64      `json:"points"`
	PointsDone  float64      `json:"points_done"`
	// Unplanned counts the unfinished stories in no sprint.
	Unplanned int     `json:"unplanned"`
	TeamIDs   []int64 `json:"team_ids"` // teams with stories of it, in ID order
	Flags     []Flag  `json:"flags"`
}

// Flag is something about a feature the Chief Product Owner should look
// at: Code for programs, Text for people.
type Flag struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Feature flag codes.
const (
	FlagNoStories     = "no_stories"      // not broken down into stories yet
	FlagUnplanned     = "unplanned"       // unfinished stories in no sprint
	FlagReadyToAccept = "ready_to_accept" // every story done, the feature not yet accepted
	FlagReopened      = "reopened"        // accepted, but a story is not done
)

// NewFeatureProgress computes the progress of each feature, in the order
// given, from the stories (any order; stories of other features are
// ignored).
// A done feature without stories is not flagged: it waits for no
// breakdown.
func NewFeatureProgress(features, stories []*BacklogItem) []FeatureProgress {
	byFeature := storiesByFeature(stories)
	progress := make([]FeatureProgress, 0, len(features))
	for _, f := range features {
		p := FeatureProgress{Feature: f, Units: FeatureUnits(f.Estimate), TeamIDs: []int64{}, Flags: []Flag{}}
		for _, s := range byFeature[f.ID] {
			points := storyPoints(s)
			p.Stories++
			p.Points += points
			switch {
			case s.State == StateDone:
				p.StoriesDone++
				p.PointsDone += points
			case s.SprintID == nil:
				p.Unplanned++
			}
			if s.TeamID != nil && !slices.Contains(p.TeamIDs, *s.TeamID) {
				p.TeamIDs = append(p.TeamIDs, *s.TeamID)
			}
		}
		slices.Sort(p.TeamIDs)
		p.Points, p.PointsDone = round2(p.Points), round2(p.PointsDone)
		accepted := f.State == StateDone
		open := p.Stories - p.StoriesDone
		if p.Stories == 0 && !accepted {
			p.Flags = append(p.Flags, Flag{FlagNoStories, "Not broken down into stories yet."})
		}
		if p.Unplanned > 0 {
			p.Flags = append(p.Flags, Flag{FlagUnplanned, fmt.Sprintf("%s in no sprint.", plural(p.Unplanned, "unfinished story", "unfinished stories"))})
		}
		if p.Stories > 0 && open == 0 && !accepted {
			p.Flags = append(p.Flags, Flag{FlagReadyToAccept, "Every story is done: ready to accept."})
		}
		if accepted && open > 0 {
			p.Flags = append(p.Flags, Flag{FlagReopened, fmt.Sprintf("Accepted, but %s not done.", plural(open, "story is", "stories are"))})
		}
		progress = append(progress, p)
	}
	return progress
}

// storiesByFeature groups the stories by their feature, in the order
// given.
func storiesByFeature(stories []*BacklogItem) map[int64][]*BacklogItem {
	by := map[int64][]*BacklogItem{}
	for _, s := range stories {
		if s.Kind == KindStory && s.ParentID != nil {
			by[*s.ParentID] = append(by[*s.ParentID], s)
		}
	}
	return by
}

// storyPoints is what a story counts for in loads: its estimate, nothing
// when it has none (an unestimated story's work is unknown, not zero, but
// there is no better figure to add up).
func storyPoints(s *BacklogItem) float64 {
	if s.Estimate == nil {
		return 0
	}
	return *s.Estimate
}

// plural writes a count with the word in the singular or the plural.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// TeamLoad is a team's work for a release against its capacity until the
// release date.
type TeamLoad struct {
	TeamID   int64   `json:"team_id"`
	Name     string  `json:"name"`
	Velocity float64 `json:"velocity"`
	// Sprints is the sprints (fractional for the active one) the team has
	// left before the release date.
	Sprints  float64 `json:"sprints"`
	Capacity float64 `json:"capacity"` // Velocity × Sprints, in points
	Load     float64 `json:"load"`     // unfinished points of the release's stories
	Slack    float64 `json:"slack"`    // Capacity − Load; negative when behind
}

// FeatureRisk is a committed feature whose stories cannot all be finished
// by the release at their teams' velocity.
type FeatureRisk struct {
	FeatureID int64   `json:"feature_id"`
	Title     string  `json:"title"`
	Units     float64 `json:"units"`
	TeamIDs   []int64 `json:"team_ids"` // the teams whose capacity runs out
	Short     float64 `json:"short"`    // the points of it that do not fit
}

// ReleaseRisk tells, at a glance, which committed features are at risk and
// which teams have slack.
type ReleaseRisk struct {
	Teams    []TeamLoad    `json:"teams"`
	AtRisk   []FeatureRisk `json:"at_risk"`
	Scope    float64       `json:"scope"`     // committed feature units
	FitUnits float64       `json:"fit_units"` // of which fit the teams' capacity (done ones included)
	// Words is the capacity forecast as people say it: "At the teams'
	// velocities, 16 of 20 feature units fit by 12 Mar 2027; 2 features
	// at risk." Moving work between teams changes it; the throughput
	// forecast (Forecast) does not see such moves.
	Words string `json:"words"`
}

// RiskInput is a release's plan as the risk view reads it.
type RiskInput struct {
	Release  *Release
	AsOf     Date
	Teams    []*Team        // the product's teams
	Sprints  []*Sprint      // all sprints of those teams
	Features []*BacklogItem // the release's committed features, in rank order
	Stories  []*BacklogItem // the stories of those features
}

// NewReleaseRisk walks the committed features in rank order and gives
// each team's unfinished points of them to the team's capacity (velocity ×
// the sprints left before the release): a feature is at risk when one of
// its teams runs out of capacity before its stories are done.
//
// Velocity is the mean of the team's last finished sprints. The sprints
// left are the working days left of each open sprint up to the release
// date as a share of the sprint's working days (so the active sprint counts
// in part, a planned one before the date as one), plus, when the team has
// not planned sprints up to the date, the working days from asOf or after
// its last open sprint divided by those of its latest sprint (10 without
// sprints); a closed sprint, even one closed early, takes no more work. A
// story without an estimate adds no points: its work is unknown. Stories
// of teams outside Teams, or of none, load no team. An accepted feature is
// never at risk, though its unfinished stories still load their teams.
func NewReleaseRisk(in RiskInput) *ReleaseRisk {
	rk := &ReleaseRisk{Teams: make([]TeamLoad, 0, len(in.Teams)), AtRisk: []FeatureRisk{}}
	sprintsOf := map[int64][]*Sprint{}
	for _, s := range in.Sprints {
		sprintsOf[s.TeamID] = append(sprintsOf[s.TeamID], s)
	}
	index := map[int64]int{}
	for _, t := range in.Teams {
		v := NewVelocity(sprintsOf[t.ID], VelocityWindow).Mean
		n := sprintsLeft(sprintsOf[t.ID], in.AsOf, in.Release.Date)
		index[t.ID] = len(rk.Teams)
		rk.Teams = append(rk.Teams, TeamLoad{TeamID: t.ID, Name: t.Name, Velocity: v, Sprints: round2(n), Capacity: round2(v * n)})
	}
	byFeature := storiesByFeature(in.Stories)
	need := make([]float64, len(rk.Teams)) // the feature's unfinished points per team
	for _, f := range in.Features {
		units := FeatureUnits(f.Estimate)
		rk.Scope += units
		clear(need)
		for _, s := range byFeature[f.ID] {
			if s.State == StateDone || s.TeamID == nil {
				continue
			}
			if i, ok := index[*s.TeamID]; ok {
				need[i] += storyPoints(s)
			}
		}
		risk := FeatureRisk{FeatureID: f.ID, Title: f.Title, Units: units, TeamIDs: []int64{}}
		for i, points := range need {
			if points == 0 {
				continue
			}
			t := &rk.Teams[i]
			t.Load += points
			// The tolerance keeps sums of fractions that just meet the
			// capacity from running over it.
			if over := t.Load - t.Capacity; over > 1e-9 {
				risk.TeamIDs = append(risk.TeamIDs, t.TeamID)
				risk.Short += min(points, over)
			}
		}
		if len(risk.TeamIDs) == 0 || f.State == StateDone {
			rk.FitUnits += units
			continue
		}
		slices.Sort(risk.TeamIDs)
		risk.Short = round2(risk.Short)
		rk.AtRisk = append(rk.AtRisk, risk)
	}
	for i := range rk.Teams {
		t := &rk.Teams[i]
		t.Load = round2(t.Load)
		t.Slack = round2(t.Capacity - t.Load)
	}
	rk.Scope, rk.FitUnits = round2(rk.Scope), round2(rk.FitUnits)
	rk.Words = rk.words(in.Release.Date)
	return rk
}

func (rk *ReleaseRisk) words(date Date) string {
	s := fmt.Sprintf("At the teams' velocities, %s of %s fit by %s", fmtPoints(rk.FitUnits), unitsOf(rk.Scope), dayWords(date))
	switch n := len(rk.AtRisk); n {
	case 0:
		return s + "; no feature at risk."
	case 1:
		return s + "; 1 feature at risk."
	default:
		return s + fmt.Sprintf("; %d features at risk.", n)
	}
}

// usualSprintDays is the working days of a sprint of a team that has none
// to go by: two weeks.
const usualSprintDays = 10

// sprintsLeft counts the sprints a team has from asOf up to the release
// date, as NewReleaseRisk describes.
func sprintsLeft(sprints []*Sprint, asOf, date Date) float64 {
	var n float64
	var latest *Sprint
	planned := asOf.AddDays(-1) // the last day the team's sprints reach
	for _, s := range sprints {
		if latest == nil || s.Start.After(latest.Start) {
			latest = s
		}
		if s.State == SprintClosed {
			continue
		}
		if s.End.After(planned) {
			planned = s.End
		}
		from, to := s.Start, s.End
		if from.Before(asOf) {
			from = asOf
		}
		if to.After(date) {
			to = date
		}
		if whole := WorkingDays(s.Start, s.End); whole > 0 && !to.Before(from) {
			n += float64(WorkingDays(from, to)) / float64(whole)
		}
	}
	if planned.Before(date) {
		usual := usualSprintDays
		if latest != nil {
			if w := WorkingDays(latest.Start, latest.End); w > 0 {
				usual = w
			}
		}
		n += float64(WorkingDays(planned.AddDays(1), date)) / float64(usual)
	}
	return n
}

// ApplyWhatIf returns the features and stories as they would be after the
// change: copies, the inputs untouched. A cut feature leaves features, and
// its stories leave stories; a moved story or feature's unfinished stories
// get the team and leave their sprint, and a moved feature gets the team,
// as Store.ApplyDecision does. It refuses (EINVALID naming the field) a
// change that does not validate and an item that is not a story
// (move_story) or a feature (move_feature, cut_feature) of the lists.
func ApplyWhatIf(w WhatIf, features, stories []*BacklogItem) ([]*BacklogItem, []*BacklogItem, error) {
	if err := w.Validate(); err != nil {
		return nil, nil, err
	}
	list, kind := features, KindFeature
	if w.Kind == WhatIfMoveStory {
		list, kind = stories, KindStory
	}
	if !slices.ContainsFunc(list, func(it *BacklogItem) bool { return it.ID == w.ItemID && it.Kind == kind }) {
		return nil, nil, Invalidf("item_id", "%d is not a %s of the release", w.ItemID, kind)
	}
	moveTo := func(it *BacklogItem) {
		team := w.TeamID
		it.TeamID, it.SprintID = &team, nil
	}
	ofFeature := func(s *BacklogItem) bool { return s.ParentID != nil && *s.ParentID == w.ItemID }
	fs := make([]*BacklogItem, 0, len(features))
	for _, f := range features {
		if f.ID == w.ItemID && w.Kind == WhatIfCutFeature {
			continue
		}
		c := *f
		if f.ID == w.ItemID && w.Kind == WhatIfMoveFeature {
			team := w.TeamID
			c.TeamID = &team
		}
		fs = append(fs, &c)
	}
	ss := make([]*BacklogItem, 0, len(stories))
	for _, s := range stories {
		if w.Kind == WhatIfCutFeature && ofFeature(s) {
			continue
		}
		c := *s
		switch {
		case w.Kind == WhatIfMoveStory && s.ID == w.ItemID,
			w.Kind == WhatIfMoveFeature && ofFeature(s) && s.State != StateDone:
			moveTo(&c)
		}
		ss = append(ss, &c)
	}
	return fs, ss, nil
}

// HotfixLoad is how much of a team's sprint went to hot fixes.
type HotfixLoad struct {
	TeamID   int64   `json:"team_id"`
	SprintID int64   `json:"sprint_id"`
	Team     string  `json:"team"`
	Sprint   string  `json:"sprint"`
	Points   float64 `json:"points"` // of hot-fix stories
	Total    float64 `json:"total"`  // of all stories in the sprint
	Share    float64 `json:"share"`  // Points / Total, 0 for an empty sprint
}

// NewHotfixLoad sums, per team and sprint, the points of stories that
// belong to a hot-fix release (their own release_id, or their feature's),
// against all points in the sprint. Only sprints with hot-fix work are
// listed, by sprint start then team name.
// Sprints of teams outside teams are left out.
func NewHotfixLoad(hotfixes []*Release, teams []*Team, sprints []*Sprint, features, stories []*BacklogItem) []HotfixLoad {
	hot := map[int64]bool{}
	for _, r := range hotfixes {
		hot[r.ID] = true
	}
	hotFeature := map[int64]bool{}
	for _, f := range features {
		if f.ReleaseID != nil && hot[*f.ReleaseID] {
			hotFeature[f.ID] = true
		}
	}
	teamName := map[int64]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	sprintByID := map[int64]*Sprint{}
	for _, s := range sprints {
		if _, ok := teamName[s.TeamID]; ok {
			sprintByID[s.ID] = s
		}
	}
	loads := map[int64]*HotfixLoad{}
	withHotfixes := map[int64]bool{} // sprints with hot-fix stories, even unestimated ones
	for _, s := range stories {
		if s.SprintID == nil || sprintByID[*s.SprintID] == nil {
			continue
		}
		sp := sprintByID[*s.SprintID]
		l := loads[sp.ID]
		if l == nil {
			l = &HotfixLoad{TeamID: sp.TeamID, SprintID: sp.ID, Team: teamName[sp.TeamID], Sprint: sp.Name}
			loads[sp.ID] = l
		}
		points := storyPoints(s)
		l.Total += points
		if s.ReleaseID != nil && hot[*s.ReleaseID] || s.ParentID != nil && hotFeature[*s.ParentID] {
			l.Points += points
			withHotfixes[sp.ID] = true
		}
	}
	list := []HotfixLoad{}
	for id, l := range loads {
		if !withHotfixes[id] {
			continue
		}
		l.Points, l.Total = round2(l.Points), round2(l.Total)
		if l.Total > 0 {
			l.Share = round2(l.Points / l.Total)
		}
		list = append(list, *l)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		sa, sb := sprintByID[a.SprintID].Start, sprintByID[b.SprintID].Start
		if sa != sb {
			return sa.Before(sb)
		}
		if a.Team != b.Team {
			return a.Team < b.Team
		}
		return a.SprintID < b.SprintID
	})
	return list
}
