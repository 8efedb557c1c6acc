package radiator

import "time"

// This file holds the S2 release computations. Signatures are the contract
// between the store, the charts and the pages; bodies are filled in by the
// release calculations work.

// BurnupPoint is a release's state at the end of one day.
type BurnupPoint struct {
	Day Date `json:"day"`
	// Scope is the committed feature units, Done those of accepted (done)
	// features, Remaining the difference.
	Scope     float64 `json:"scope"`
	Done      float64 `json:"done"`
	Remaining float64 `json:"remaining"`
	// Added and Removed are the units added to and taken from the scope
	// since the release's start, summed up to this day.
	Added        float64 `json:"added"`
	Removed      float64 `json:"removed"`
	Features     int     `json:"features"`
	FeaturesDone int     `json:"features_done"`
}

// Burnup is a release's progress in feature units, day by day from its
// start to its date (or to asOf, when that comes first).
type Burnup struct {
	ReleaseID int64         `json:"release_id"`
	Start     Date          `json:"start"`
	Date      Date          `json:"date"`
	Points    []BurnupPoint `json:"points"`
}

// NewBurnup computes a release's burnup from its history: events are the
// feature and release events Store.FindReleaseEvents returns for it, in ID
// order. Stories' events are ignored. A day's point is the state at the
// end of that day (UTC); points run from r.Start to the earlier of r.Date
// and asOf's day.
func NewBurnup(r *Release, events []*Event, asOf time.Time) (*Burnup, error) {
	panic("not yet")
}

// ThroughputPeriod is the feature units a product accepted in one period.
type ThroughputPeriod struct {
	Start    Date    `json:"start"`
	End      Date    `json:"end"` // last day, inclusive
	Units    float64 `json:"units"`
	Features int     `json:"features"`
}

// FeatureThroughput counts, for the last n whole periods of periodDays
// days ending with asOf's previous day, the units of features accepted
// (DoneAt) in each, oldest first. features are a product's features of
// regular releases; those not done are skipped.
func FeatureThroughput(features []*BacklogItem, asOf Date, periodDays, n int) []ThroughputPeriod {
	panic("not yet")
}

// Forecast outcomes.
const (
	OutcomeDone     = "done"      // nothing remains
	OutcomeOnTrack  = "on_track"  // even the pessimistic pace finishes by the date
	OutcomeAtRisk   = "at_risk"   // the likely pace finishes, the pessimistic does not
	OutcomeOffTrack = "off_track" // the likely pace does not finish by the date
	OutcomeNoData   = "no_data"   // no throughput to go by
)

// ForecastRange is one figure in three: from the worst, the median and the
// best of the recent periods.
type ForecastRange struct {
	Pessimistic float64 `json:"pessimistic"`
	Likely      float64 `json:"likely"`
	Optimistic  float64 `json:"optimistic"`
}

// ForecastInput is what a forecast projects: the scope and what is done of
// it as of a day, the release date, and the recent throughput.
type ForecastInput struct {
	AsOf       Date
	Date       Date
	Scope      float64
	Done       float64
	PeriodDays int
	Throughput []ThroughputPeriod
}

// Forecast projects a release from its product's recent feature
// throughput: how much of the scope will be done by the release date, and
// when all of it would be, as a range.
type Forecast struct {
	AsOf       Date          `json:"as_of"`
	Date       Date          `json:"date"`
	Scope      float64       `json:"scope"`
	Done       float64       `json:"done"`
	Remaining  float64       `json:"remaining"`
	PeriodDays int           `json:"period_days"`
	Basis      int           `json:"basis"` // periods of throughput it goes by
	Pace       ForecastRange `json:"pace"`  // units per period
	// ByDate is the units done by the release date, at most the scope.
	ByDate ForecastRange `json:"by_date"`
	// FinishPessimistic and the others are when all the scope would be
	// done; nil when that pace is zero.
	FinishPessimistic *Date  `json:"finish_pessimistic"`
	FinishLikely      *Date  `json:"finish_likely"`
	FinishOptimistic  *Date  `json:"finish_optimistic"`
	Outcome           string `json:"outcome"`
	// Words says it as people do: "At the current pace, 14 to 18 of 20
	// feature units by 12 Mar 2027; all of it between 20 Mar and 17 Apr."
	Words string `json:"words"`
}

// NewForecast projects the input.
func NewForecast(in ForecastInput) Forecast {
	panic("not yet")
}

// ReleaseBand is one release on a product's multi-release burnup: its
// points lifted by Base, the scope of the releases before it.
type ReleaseBand struct {
	ReleaseID int64         `json:"release_id"`
	Name      string        `json:"name"`
	Start     Date          `json:"start"`
	Date      Date          `json:"date"`
	Phase     string        `json:"phase"`
	Base      float64       `json:"base"`
	Points    []BurnupPoint `json:"points"`
}

// ProductBurnup is the multi-release burnup of a product: consecutive
// releases on one chart, each with its own scope band, so that the teams
// see where the next release starts.
type ProductBurnup struct {
	ProductID int64         `json:"product_id"`
	Releases  []ReleaseBand `json:"releases"`
}

// NewProductBurnup stacks the burnups of a product's regular releases, in
// date order: each band's Base is the last scope of the bands before it,
// and its Scope and Done are lifted by it. burnups[i] is releases[i]'s.
func NewProductBurnup(productID int64, releases []*Release, burnups []*Burnup) *ProductBurnup {
	panic("not yet")
}

// ChangesSinceBaseline lists, oldest first, the changes of the release's
// scope and date after the baseline was taken: features added, removed and
// re-sized, and date moves, with who and when. events are as for NewBurnup.
func ChangesSinceBaseline(b *Baseline, events []*Event) ([]ReleaseChange, error) {
	panic("not yet")
}

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
func NewFeatureProgress(features, stories []*BacklogItem) []FeatureProgress {
	panic("not yet")
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
func NewReleaseRisk(in RiskInput) *ReleaseRisk {
	panic("not yet")
}

// ApplyWhatIf returns the features and stories as they would be after the
// change: copies, the inputs untouched. A cut feature leaves features; a
// moved story or feature's unfinished stories get the team and leave
// their sprint. It refuses (EINVALID naming the field) an item that is not
// a story (move_story) or a feature (move_feature, cut_feature) of the
// lists.
func ApplyWhatIf(w WhatIf, features, stories []*BacklogItem) ([]*BacklogItem, []*BacklogItem, error) {
	panic("not yet")
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
func NewHotfixLoad(hotfixes []*Release, teams []*Team, sprints []*Sprint, features, stories []*BacklogItem) []HotfixLoad {
	panic("not yet")
}
