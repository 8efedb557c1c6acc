package radiator

import (
	"fmt"
	"time"
)

// Forum kinds: which conversation of the chapter a forum is.
const (
	ForumTeam          = "team"            // S1: a Scrum team
	ForumScrumOfScrums = "scrum_of_scrums" // S2: teams working towards one release
	ForumPortfolio     = "portfolio"       // S3: project and portfolio planning
	ForumSteering      = "steering"        // S4: agile steering
	ForumOther         = "other"           // any other recurring conversation
)

// ForumKinds lists the forum kinds.
var ForumKinds = []string{ForumTeam, ForumScrumOfScrums, ForumPortfolio, ForumSteering, ForumOther}

// MaxTier is the highest tier a forum may sit at.
const MaxTier = 9

// Forum is a recurring or on-demand conversation at one tier of the Scrum
// of Scrums: a team's own Scrum (tier 1), a Scrum of Scrums (tier 2), the
// portfolio (tier 3), agile steering (tier 4) and any above. Forums nest
// through Parent; the tiers are conversations, not an org chart.
type Forum struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Tier      int       `json:"tier"`
	Kind      string    `json:"kind"`
	ParentID  *int64    `json:"parent_id"`
	ProductID *int64    `json:"product_id"`
	TeamID    *int64    `json:"team_id"` // set, and only set, on a team's own forum; read-only
	Purpose   string    `json:"purpose"`
	Cadence   Cadence   `json:"cadence"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Label returns the forum's tier as the chapter writes it: S1, S2, ...
func (f *Forum) Label() string { return TierLabel(f.Tier) }

// TierLabel returns "S" followed by the tier.
func TierLabel(tier int) string { return fmt.Sprintf("S%d", tier) }

// Validate checks the forum's fields.
func (f *Forum) Validate() error {
	if err := checkText("name", f.Name, true, 120); err != nil {
		return err
	}
	if f.Tier < 1 || f.Tier > MaxTier {
		return Invalidf("tier", "must be between 1 and %d, not %d", MaxTier, f.Tier)
	}
	if err := checkOneOf("kind", f.Kind, ForumKinds); err != nil {
		return err
	}
	if (f.Kind == ForumTeam) != (f.Tier == 1) {
		return Invalidf("kind", "team forums, and only they, sit at tier 1")
	}
	if err := checkOptionalID("parent_id", f.ParentID); err != nil {
		return err
	}
	if f.ParentID != nil && *f.ParentID == f.ID {
		return Invalidf("parent_id", "a forum cannot be its own parent")
	}
	if err := checkOptionalID("product_id", f.ProductID); err != nil {
		return err
	}
	if err := checkText("purpose", f.Purpose, false, 4000); err != nil {
		return err
	}
	return f.Cadence.Validate()
}

// ValidateNew checks a forum about to be created on its own: a team's forum
// is made with its team, never alone.
func (f *Forum) ValidateNew() error {
	if f.Kind == ForumTeam {
		return Invalidf("kind", "a team's forum is made by creating the team")
	}
	return f.Validate()
}

// CheckParent checks that parent may hold f: it must sit at a higher tier.
func (f *Forum) CheckParent(parent *Forum) error {
	if parent.Tier <= f.Tier {
		return Invalidf("parent_id", "must be a forum of a higher tier than %s, not %s %q", f.Label(), parent.Label(), parent.Name)
	}
	return nil
}

// ForumUpdate changes a forum. Nil fields are left as they are.
type ForumUpdate struct {
	Version   int64           `json:"version"`
	Name      *string         `json:"name,omitempty"`
	Tier      *int            `json:"tier,omitempty"`
	Kind      *string         `json:"kind,omitempty"`
	ParentID  Nullable[int64] `json:"parent_id,omitzero"`
	ProductID Nullable[int64] `json:"product_id,omitzero"`
	Purpose   *string         `json:"purpose,omitempty"`
	Cadence   *Cadence        `json:"cadence,omitempty"`
}

// Apply checks the update and applies it to f.
func (u ForumUpdate) Apply(f *Forum) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	if f.Kind == ForumTeam && ((u.Kind != nil && *u.Kind != ForumTeam) || (u.Tier != nil && *u.Tier != 1)) {
		return Invalidf("kind", "a team's forum stays a tier 1 team forum")
	}
	setIf(&f.Name, u.Name)
	setIf(&f.Tier, u.Tier)
	setIf(&f.Kind, u.Kind)
	setNullable(&f.ParentID, u.ParentID)
	setNullable(&f.ProductID, u.ProductID)
	setIf(&f.Purpose, u.Purpose)
	setIf(&f.Cadence, u.Cadence)
	return f.Validate()
}

// ForumFilter selects forums.
type ForumFilter struct {
	Tier      int
	Kind      string
	ProductID int64
	ParentID  int64
	TeamID    int64
	Page
}

// Cadence modes: how often a forum meets.
const (
	CadenceWeekly   = "weekly"    // on the listed weekdays every week
	CadenceDaily    = "daily"     // every working day
	CadenceRelease  = "release"   // follows the release: weekly while planning, on the listed days while sprinting, daily near the release
	CadenceQuarter  = "quarterly" // once a quarter
	CadenceOnDemand = "on_demand" // called when needed
)

// CadenceModes lists the cadence modes.
var CadenceModes = []string{CadenceWeekly, CadenceDaily, CadenceRelease, CadenceQuarter, CadenceOnDemand}

// Cadence says when a forum meets.
type Cadence struct {
	Mode     string   `json:"mode"`
	Weekdays []string `json:"weekdays"` // "mon".."sun"
	Time     string   `json:"time"`     // local start, HH:MM
	Minutes  int      `json:"minutes"`  // length of a meeting
	TimeZone string   `json:"time_zone"`
	// DailyWeeksBefore and DailyDaysAfter set the daily window of the
	// release cadence: daily from this many weeks (1 or 2) before a
	// release date until this many days (up to 14) after it. Zero means
	// the default: DefaultDailyWeeksBefore and DefaultDailyDaysAfter.
	DailyWeeksBefore int `json:"daily_weeks_before,omitzero"`
	DailyDaysAfter   int `json:"daily_days_after,omitzero"`
}

// The daily window of the release cadence. The chapter moves the Scrum of
// Scrums to a daily meeting "somewhere between 1-2 weeks before our
// release" and keeps it daily after the release "until the release
// stabilized; usually around a week or so". By default Radiator takes the
// wide end before, so that the decisions of release readiness all have a
// meeting; a forum may choose one week before and up to two after.
const (
	DefaultDailyWeeksBefore = 2
	DefaultDailyDaysAfter   = 7
	MaxDailyDaysAfter       = 14
)

// DailyWindow returns the days before and after a release date on which
// the release cadence meets daily.
func (c *Cadence) DailyWindow() (before, after int) {
	before, after = DefaultDailyWeeksBefore*7, DefaultDailyDaysAfter
	if c.DailyWeeksBefore != 0 {
		before = c.DailyWeeksBefore * 7
	}
	if c.DailyDaysAfter != 0 {
		after = c.DailyDaysAfter
	}
	return before, after
}

// MaxMeetingMinutes is the longest meeting a cadence may set. Meetings of
// one cadence start at least a day apart, and a day is never shorter than
// 23 hours, even on a daylight-saving change; eight hours keeps every
// meeting well clear of the next.
const MaxMeetingMinutes = 480

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate checks the cadence's fields.
func (c *Cadence) Validate() error {
	if err := checkOneOf("cadence.mode", c.Mode, CadenceModes); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, d := range c.Weekdays {
		if err := checkOneOf("cadence.weekdays", d, weekdayNames); err != nil {
			return err
		}
		if seen[d] {
			return Invalidf("cadence.weekdays", "lists %s twice", d)
		}
		seen[d] = true
	}
	if (c.Mode == CadenceWeekly || c.Mode == CadenceRelease) && len(c.Weekdays) == 0 {
		return Invalidf("cadence.weekdays", "must name at least one day for the %s cadence", c.Mode)
	}
	if c.Mode == CadenceOnDemand {
		return nil
	}
	if _, err := time.Parse("15:04", c.Time); err != nil {
		return Invalidf("cadence.time", "must be a time of day as HH:MM, not %q", c.Time)
	}
	if c.DailyWeeksBefore < 0 || c.DailyWeeksBefore > 2 {
		return Invalidf("cadence.daily_weeks_before", "must be 1 or 2 weeks (0 for the default of %d), not %d", DefaultDailyWeeksBefore, c.DailyWeeksBefore)
	}
	if c.DailyDaysAfter < 0 || c.DailyDaysAfter > MaxDailyDaysAfter {
		return Invalidf("cadence.daily_days_after", "must be between 1 and %d days (0 for the default of %d), not %d", MaxDailyDaysAfter, DefaultDailyDaysAfter, c.DailyDaysAfter)
	}
	if c.Minutes < 5 || c.Minutes > MaxMeetingMinutes {
		return Invalidf("cadence.minutes", "must be between 5 and %d, not %d: a longer meeting could run into the next one of its cadence, a day later", MaxMeetingMinutes, c.Minutes)
	}
	if c.TimeZone == "" {
		return Invalidf("cadence.time_zone", "is required, for example Europe/Berlin or UTC")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return Invalidf("cadence.time_zone", "%q is not a known time zone", c.TimeZone)
	}
	return nil
}

// DefaultCadence returns the cadence a new forum of the given kind starts
// with, following the chapter: daily team stand-ups, a Scrum of Scrums whose
// rhythm follows the release (Tuesday and Thursday while sprinting), an S3
// that meets on demand and an S4 on a quarterly tempo.
func DefaultCadence(kind string) Cadence {
	switch kind {
	case ForumTeam:
		return Cadence{Mode: CadenceDaily, Time: "09:30", Minutes: 15, TimeZone: "UTC"}
	case ForumScrumOfScrums:
		return Cadence{Mode: CadenceRelease, Weekdays: []string{"tue", "thu"}, Time: "16:00", Minutes: 30, TimeZone: "UTC"}
	case ForumPortfolio:
		return Cadence{Mode: CadenceOnDemand}
	case ForumSteering:
		return Cadence{Mode: CadenceQuarter, Time: "10:00", Minutes: 120, TimeZone: "UTC"}
	default:
		return Cadence{Mode: CadenceWeekly, Weekdays: []string{"wed"}, Time: "14:00", Minutes: 60, TimeZone: "UTC"}
	}
}
