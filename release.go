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
	ID        int64     `json:"id"`
	ProductID int64     `json:"product_id"`
	Name      string    `json:"name"`
	Date      Date      `json:"date"`
	Goal      string    `json:"goal"`
	Phase     string    `json:"phase"`
	Kind      string    `json:"kind"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
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
	Date    *Date   `json:"date,omitempty"`
	Goal    *string `json:"goal,omitempty"`
	Phase   *string `json:"phase,omitempty"`
	Kind    *string `json:"kind,omitempty"`
}

// Apply checks the update and applies it to r.
func (u ReleaseUpdate) Apply(r *Release) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&r.Name, u.Name)
	setIf(&r.Date, u.Date)
	setIf(&r.Goal, u.Goal)
	setIf(&r.Phase, u.Phase)
	setIf(&r.Kind, u.Kind)
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
	ID        int64     `json:"id"`
	TeamID    int64     `json:"team_id"`
	Name      string    `json:"name"`
	Start     Date      `json:"start"`
	End       Date      `json:"end"`
	Goal      string    `json:"goal"`
	State     string    `json:"state"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
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
	return checkOneOf("state", s.State, SprintStates)
}

// Contains reports whether d falls within the sprint.
func (s *Sprint) Contains(d Date) bool {
	return !d.Before(s.Start) && !d.After(s.End)
}

// SprintUpdate changes a sprint. Nil fields are left as they are.
type SprintUpdate struct {
	Version int64   `json:"version"`
	Name    *string `json:"name,omitempty"`
	Start   *Date   `json:"start,omitempty"`
	End     *Date   `json:"end,omitempty"`
	Goal    *string `json:"goal,omitempty"`
	State   *string `json:"state,omitempty"`
}

// Apply checks the update and applies it to s.
func (u SprintUpdate) Apply(s *Sprint) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&s.Name, u.Name)
	setIf(&s.Start, u.Start)
	setIf(&s.End, u.End)
	setIf(&s.Goal, u.Goal)
	setIf(&s.State, u.State)
	return s.Validate()
}

// SprintFilter selects sprints; lists come in start-date order.
type SprintFilter struct {
	TeamID    int64
	ProductID int64
	State     string
	On        Date // sprints that contain this day
	Page
}
