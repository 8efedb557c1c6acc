package radiator

import "time"

// Release phases, in the order a release goes through them.
const (
	PhasePlanning  = "planning"
	PhaseSprinting = "sprinting"
	PhaseHardening = "hardening" // integration, regression and operational readiness
	PhaseReleased  = "released"
)

// Phases lists the release phases in order.
var Phases = []string{PhasePlanning, PhaseSprinting, PhaseHardening, PhaseReleased}

// Release kinds.
const (
	ReleaseRegular = "regular"
	ReleaseHotfix  = "hotfix"
)

// ReleaseKinds lists the release kinds.
var ReleaseKinds = []string{ReleaseRegular, ReleaseHotfix}

// Release is a planned delivery of a product to its customers, the driver
// of a Scrum of Scrums.
type Release struct {
	ID        int64  `json:"id"`
	ProductID int64  `json:"product_id"`
	Name      string `json:"name"`
	// Start is the first day of work for the release (its release
	// planning); the store sets it to the day of creation when it is left
	// out. Date is the day it ships.
	Start Date   `json:"start"`
	Date  Date   `json:"date"`
	Goal  string `json:"goal"`
	Phase string `json:"phase"`
	Kind  string `json:"kind"`
	// OverrideReason is why the release was marked released while
	// required readiness items were still open; empty otherwise.
	OverrideReason string    `json:"override_reason"`
	Version        int64     `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Validate checks the release's fields.
func (r *Release) Validate() error {
	if err := checkID("product_id", r.ProductID); err != nil {
		return err
	}
	if err := checkText("name", r.Name, true, 120); err != nil {
		return err
	}
	if !r.Date.Valid() {
		return Invalidf("date", "is required, as YYYY-MM-DD")
	}
	if !r.Start.IsZero() && !r.Start.Valid() {
		return Invalidf("start", "must be a day as YYYY-MM-DD")
	}
	if !r.Start.IsZero() && !r.Date.After(r.Start) {
		return Invalidf("date", "%s is not after the release's start %s", r.Date, r.Start)
	}
	if err := checkText("override_reason", r.OverrideReason, false, 2000); err != nil {
		return err
	}
	if err := checkText("goal", r.Goal, false, 4000); err != nil {
		return err
	}
	if err := checkOneOf("phase", r.Phase, Phases); err != nil {
		return err
	}
	return checkOneOf("kind", r.Kind, ReleaseKinds)
}

// ReleaseUpdate changes a release. Nil fields are left as they are.
type ReleaseUpdate struct {
	Version int64   `json:"version"`
	Name    *string `json:"name,omitempty"`
	Start   *Date   `json:"start,omitempty"`
	Date    *Date   `json:"date,omitempty"`
	Goal    *string `json:"goal,omitempty"`
	Phase   *string `json:"phase,omitempty"`
	Kind    *string `json:"kind,omitempty"`
	// OverrideReason is required to mark a release released while
	// required readiness items are open (see CheckReleased).
	OverrideReason *string `json:"override_reason,omitempty"`
}

// Apply checks the update and applies it to r.
func (u ReleaseUpdate) Apply(r *Release) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&r.Name, u.Name)
	setIf(&r.Start, u.Start)
	setIf(&r.Date, u.Date)
	setIf(&r.Goal, u.Goal)
	setIf(&r.Phase, u.Phase)
	setIf(&r.Kind, u.Kind)
	setIf(&r.OverrideReason, u.OverrideReason)
	return r.Validate()
}

// ReleaseFilter selects releases; lists come in date order.
type ReleaseFilter struct {
	ProductID int64
	Phase     string
	Kind      string
	Page
}

// Sprint states.
const (
	SprintPlanned = "planned"
	SprintActive  = "active"
	SprintClosed  = "closed"
)

// SprintStates lists the sprint states in order.
var SprintStates = []string{SprintPlanned, SprintActive, SprintClosed}

// Sprint is one time-box of a team, from its first day to its last.
type Sprint struct {
	ID     int64  `json:"id"`
	TeamID int64  `json:"team_id"`
	Name   string `json:"name"`
	Start  Date   `json:"start"`
	End    Date   `json:"end"`
	Goal   string `json:"goal"`
	State  string `json:"state"`
	// DaysOff records who of the team is away for how many of the
	// sprint's working days; capacity follows from it.
	DaysOff []DaysOff `json:"days_off"`
	// StartedAt is when the sprint became active: its commitment is what it
	// held then. ClosedAt is when it closed. Both are read-only.
	StartedAt *time.Time `json:"started_at"`
	ClosedAt  *time.Time `json:"closed_at"`
	// Result is kept when the sprint closes and feeds velocity; read-only.
	Result    *SprintResult `json:"result"`
	Version   int64         `json:"version"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// DaysOff is how many working days of a sprint one person is away.
type DaysOff struct {
	PersonID int64   `json:"person_id"`
	Days     float64 `json:"days"`
}

// SprintResult is what a sprint delivered, in story points: what it held
// when it started, what was added and removed after, what was done by its
// close and what was left.
type SprintResult struct {
	Committed   float64 `json:"committed"`
	Added       float64 `json:"added"`
	Removed     float64 `json:"removed"`
	Completed   float64 `json:"completed"`
	CarriedOver float64 `json:"carried_over"`
}

// Validate checks the sprint's fields.
func (s *Sprint) Validate() error {
	if err := checkID("team_id", s.TeamID); err != nil {
		return err
	}
	if err := checkText("name", s.Name, true, 120); err != nil {
		return err
	}
	if !s.Start.Valid() {
		return Invalidf("start", "is required, as YYYY-MM-DD")
	}
	if !s.End.Valid() {
		return Invalidf("end", "is required, as YYYY-MM-DD")
	}
	if !s.End.After(s.Start) {
		return Invalidf("end", "must be after the start (%s)", s.Start)
	}
	if s.Start.DaysUntil(s.End) > 62 {
		return Invalidf("end", "makes a sprint of %d days; a sprint lasts at most two months", s.Start.DaysUntil(s.End)+1)
	}
	if err := checkText("goal", s.Goal, false, 4000); err != nil {
		return err
	}
	if err := checkOneOf("state", s.State, SprintStates); err != nil {
		return err
	}
	work := WorkingDays(s.Start, s.End)
	seen := map[int64]bool{}
	for _, d := range s.DaysOff {
		if err := checkID("days_off", d.PersonID); err != nil {
			return Invalidf("days_off", "each entry needs a person_id")
		}
		if seen[d.PersonID] {
			return Invalidf("days_off", "lists person %d twice", d.PersonID)
		}
		seen[d.PersonID] = true
		if d.Days < 0 || d.Days > float64(work) || d.Days*2 != float64(int(d.Days*2)) {
			return Invalidf("days_off", "person %d: days off must be whole or half days between 0 and the sprint's %d working days", d.PersonID, work)
		}
	}
	return nil
}

// WorkingDays returns the number of weekdays from start to end, both
// included.
func WorkingDays(start, end Date) int {
	n := 0
	for d := start; !d.After(end); d = d.AddDays(1) {
		if wd := d.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}

// MarkState keeps StartedAt and ClosedAt in step with a change of state
// from old to the sprint's current state.
func (s *Sprint) MarkState(old string, now time.Time) {
	now = now.UTC()
	if s.State == SprintActive && old != SprintActive && s.StartedAt == nil {
		s.StartedAt = &now
	}
	if s.State == SprintClosed && old != SprintClosed {
		s.ClosedAt = &now
	}
	if s.State != SprintClosed {
		s.ClosedAt = nil
	}
}

// Contains reports whether d falls within the sprint.
func (s *Sprint) Contains(d Date) bool {
	return !d.Before(s.Start) && !d.After(s.End)
}

// SprintUpdate changes a sprint. Nil fields are left as they are.
type SprintUpdate struct {
	Version int64      `json:"version"`
	Name    *string    `json:"name,omitempty"`
	Start   *Date      `json:"start,omitempty"`
	End     *Date      `json:"end,omitempty"`
	Goal    *string    `json:"goal,omitempty"`
	State   *string    `json:"state,omitempty"`
	DaysOff *[]DaysOff `json:"days_off,omitempty"`
}

// Apply checks the update and applies it to s at the time now. Closing a
// sprint is not an update: CloseSprint closes it and keeps its result.
func (u SprintUpdate) Apply(s *Sprint, now time.Time) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&s.Name, u.Name)
	setIf(&s.Start, u.Start)
	setIf(&s.End, u.End)
	setIf(&s.Goal, u.Goal)
	old := s.State
	setIf(&s.State, u.State)
	if s.State == SprintClosed && old != SprintClosed {
		return Invalidf("state", "close a sprint with the close action, which keeps its result and moves unfinished work")
	}
	if old == SprintClosed && s.State != SprintClosed {
		return Invalidf("state", "a closed sprint stays closed")
	}
	setIf(&s.DaysOff, u.DaysOff)
	s.MarkState(old, now)
	return s.Validate()
}

// Where unfinished work of a closing sprint goes.
const (
	UnfinishedToBacklog = "backlog" // the top of the backlog
	UnfinishedToNext    = "next"    // the team's next sprint
)

// SprintClose closes a sprint.
type SprintClose struct {
	Version int64 `json:"version"`
	// Unfinished says where unfinished items go: UnfinishedToBacklog or
	// UnfinishedToNext.
	Unfinished string `json:"unfinished"`
	// NextSprintID is the sprint that takes unfinished work; by default the
	// team's first planned sprint after this one.
	NextSprintID *int64 `json:"next_sprint_id,omitempty"`
}

// Validate checks the close request.
func (c SprintClose) Validate() error {
	if err := checkVersion(c.Version); err != nil {
		return err
	}
	if err := checkOneOf("unfinished", c.Unfinished, []string{UnfinishedToBacklog, UnfinishedToNext}); err != nil {
		return err
	}
	if c.NextSprintID != nil && c.Unfinished != UnfinishedToNext {
		return Invalidf("next_sprint_id", "is only used when unfinished work goes to the next sprint")
	}
	return checkOptionalID("next_sprint_id", c.NextSprintID)
}

// SprintFilter selects sprints; lists come in start-date order.
type SprintFilter struct {
	TeamID    int64
	ProductID int64
	State     string
	On        Date // sprints that contain this day
	Page
}
