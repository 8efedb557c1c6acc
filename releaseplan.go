package radiator

import (
	"fmt"
	"strings"
	"time"
)

// Baseline is a release plan as it stood when it was taken (at release
// planning): the date and the committed features with their units. Later
// changes of scope and date are measured against the latest baseline.
// Baselines are never changed once taken.
type Baseline struct {
	ID          int64             `json:"id"`
	ReleaseID   int64             `json:"release_id"`
	TakenAt     time.Time         `json:"taken_at"`
	TakenByID   *int64            `json:"taken_by_id"`
	TakenByName string            `json:"taken_by_name"`
	Note        string            `json:"note"`
	Date        Date              `json:"date"`
	Features    []BaselineFeature `json:"features"`
}

// BaselineFeature is a committed feature in a baseline.
type BaselineFeature struct {
	ID    int64   `json:"id"`
	Title string  `json:"title"`
	Units float64 `json:"units"`
}

// Validate checks what the taker of a baseline gives: the release and an
// optional note. The store fills in the rest.
func (b *Baseline) Validate() error {
	if err := checkID("release_id", b.ReleaseID); err != nil {
		return err
	}
	return checkText("note", b.Note, false, 2000)
}

// Scope is the baseline's committed feature units.
func (b *Baseline) Scope() float64 {
	var sum float64
	for _, f := range b.Features {
		sum += f.Units
	}
	return sum
}

// Kinds of change to a release plan since its baseline.
const (
	ChangeFeatureAdded   = "feature_added"
	ChangeFeatureRemoved = "feature_removed"
	ChangeFeatureResized = "feature_resized"
	ChangeDateMoved      = "date_moved"
)

// ReleaseChange is one change of a release's scope or date since its
// baseline, with who made it and when. From and To are the units of a
// re-sized feature or the dates of a moved date, as text.
type ReleaseChange struct {
	At        time.Time `json:"at"`
	ActorName string    `json:"actor_name"`
	Kind      string    `json:"kind"`
	ItemID    int64     `json:"item_id,omitempty"`
	Title     string    `json:"title,omitempty"`
	Units     float64   `json:"units"` // scope added (positive) or removed (negative)
	From      string    `json:"from,omitempty"`
	To        string    `json:"to,omitempty"`
}

// Dependency states.
const (
	DependencyOpen     = "open"
	DependencyResolved = "resolved"
)

// DependencyStates lists the dependency states.
var DependencyStates = []string{DependencyOpen, DependencyResolved}

// Dependency says that one backlog item needs another done first: ItemID
// depends on DependsOnID. Both items belong to Product. The S2 sync keeps
// the list of them current; the release board draws them as lines.
type Dependency struct {
	ID          int64     `json:"id"`
	ProductID   int64     `json:"product_id"`
	ItemID      int64     `json:"item_id"`
	DependsOnID int64     `json:"depends_on_id"`
	Note        string    `json:"note"`
	State       string    `json:"state"`
	Version     int64     `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate checks the dependency's fields.
func (d *Dependency) Validate() error {
	if err := checkID("product_id", d.ProductID); err != nil {
		return err
	}
	if err := checkID("item_id", d.ItemID); err != nil {
		return err
	}
	if err := checkID("depends_on_id", d.DependsOnID); err != nil {
		return err
	}
	if d.ItemID == d.DependsOnID {
		return Invalidf("depends_on_id", "an item cannot depend on itself")
	}
	if err := checkText("note", d.Note, false, 2000); err != nil {
		return err
	}
	return checkOneOf("state", d.State, DependencyStates)
}

// DependencyUpdate changes a dependency. Nil fields are left as they are.
type DependencyUpdate struct {
	Version int64   `json:"version"`
	Note    *string `json:"note,omitempty"`
	State   *string `json:"state,omitempty"`
}

// Apply checks the update and applies it to d.
func (u DependencyUpdate) Apply(d *Dependency) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&d.Note, u.Note)
	setIf(&d.State, u.State)
	return d.Validate()
}

// DependencyFilter selects dependencies; lists come in ID order. ItemIDs
// selects those with either end among the items.
type DependencyFilter struct {
	ProductID int64
	State     string
	ItemIDs   []int64
	Page
}

// Parts of release readiness, after the chapter: the work between the last
// sprint and the release.
const (
	PartIntegration = "integration_testing"
	PartRegression  = "regression_testing"
	PartOperations  = "operational_readiness"
	PartDeployment  = "deployment"
	PartOther       = "other"
)

// ReadinessParts lists the parts of release readiness in order.
var ReadinessParts = []string{PartIntegration, PartRegression, PartOperations, PartDeployment, PartOther}

// Readiness item states.
const (
	ReadinessOpen       = "open"
	ReadinessInProgress = "in_progress"
	ReadinessDone       = "done"
	ReadinessWaived     = "waived" // decided not needed for this release
)

// ReadinessStates lists the readiness item states.
var ReadinessStates = []string{ReadinessOpen, ReadinessInProgress, ReadinessDone, ReadinessWaived}

// ReadinessItem is one entry of a release's readiness checklist.
type ReadinessItem struct {
	ID        int64  `json:"id"`
	ReleaseID int64  `json:"release_id"`
	Part      string `json:"part"`
	Title     string `json:"title"`
	OwnerID   *int64 `json:"owner_id"`
	State     string `json:"state"`
	// Evidence is a link or a note that shows the item is done.
	Evidence  string    `json:"evidence"`
	Required  bool      `json:"required"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the readiness item's fields.
func (r *ReadinessItem) Validate() error {
	if err := checkID("release_id", r.ReleaseID); err != nil {
		return err
	}
	if err := checkOneOf("part", r.Part, ReadinessParts); err != nil {
		return err
	}
	if err := checkText("title", r.Title, true, 200); err != nil {
		return err
	}
	if err := checkOptionalID("owner_id", r.OwnerID); err != nil {
		return err
	}
	if err := checkOneOf("state", r.State, ReadinessStates); err != nil {
		return err
	}
	return checkText("evidence", r.Evidence, false, 2000)
}

// Open reports whether the item still stands between the release and its
// customers.
func (r *ReadinessItem) Open() bool {
	return r.State == ReadinessOpen || r.State == ReadinessInProgress
}

// ReadinessItemUpdate changes a readiness item. Nil fields are left as
// they are.
type ReadinessItemUpdate struct {
	Version  int64           `json:"version"`
	Part     *string         `json:"part,omitempty"`
	Title    *string         `json:"title,omitempty"`
	OwnerID  Nullable[int64] `json:"owner_id,omitzero"`
	State    *string         `json:"state,omitempty"`
	Evidence *string         `json:"evidence,omitempty"`
	Required *bool           `json:"required,omitempty"`
}

// Apply checks the update and applies it to r.
func (u ReadinessItemUpdate) Apply(r *ReadinessItem) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&r.Part, u.Part)
	setIf(&r.Title, u.Title)
	setNullable(&r.OwnerID, u.OwnerID)
	setIf(&r.State, u.State)
	setIf(&r.Evidence, u.Evidence)
	setIf(&r.Required, u.Required)
	return r.Validate()
}

// StandardReadiness is the checklist a new release starts with: the
// chapter's integration testing, regression testing, operational readiness
// and deployment, all required. A hot fix needs regression testing and
// deployment only.
func StandardReadiness(releaseID int64, kind string) []*ReadinessItem {
	std := []struct{ part, title string }{
		{PartIntegration, "Integration tests of all teams' work pass on the release candidate"},
		{PartRegression, "Regression suite passes on the release candidate"},
		{PartOperations, "Operations has reviewed monitoring, runbooks and capacity"},
		{PartDeployment, "Deployment rehearsed, with a rollback plan"},
	}
	var items []*ReadinessItem
	for _, s := range std {
		if kind == ReleaseHotfix && s.part != PartRegression && s.part != PartDeployment {
			continue
		}
		items = append(items, &ReadinessItem{ReleaseID: releaseID, Part: s.part, Title: s.title, State: ReadinessOpen, Required: true})
	}
	return items
}

// CheckReleased checks a change of a release's phase to released: with
// required readiness items open, it needs an override reason, and the
// error names them. It accepts every other change.
func CheckReleased(old, r *Release, items []*ReadinessItem) error {
	if r.Phase != PhaseReleased || old.Phase == PhaseReleased {
		return nil
	}
	var open []string
	for _, it := range items {
		if it.Required && it.Open() {
			open = append(open, it.Title)
		}
	}
	if len(open) > 0 && strings.TrimSpace(r.OverrideReason) == "" {
		return Invalidf("override_reason", "%d required readiness items are open (%s): give a reason to release anyway",
			len(open), strings.Join(open, "; "))
	}
	return nil
}

// What-if change kinds: the moves the chapter names when a team falls
// behind.
const (
	WhatIfMoveStory   = "move_story"   // a story goes to another team
	WhatIfMoveFeature = "move_feature" // a feature's unfinished stories go to another team
	WhatIfCutFeature  = "cut_feature"  // a feature leaves the release
)

// WhatIfKinds lists the what-if change kinds.
var WhatIfKinds = []string{WhatIfMoveStory, WhatIfMoveFeature, WhatIfCutFeature}

// WhatIf is a change to a release plan to try before deciding: ItemID is
// the story or feature, TeamID the team it moves to (moves only).
type WhatIf struct {
	Kind   string `json:"kind"`
	ItemID int64  `json:"item_id"`
	TeamID int64  `json:"team_id,omitempty"`
}

// Validate checks the change's fields; the store checks that the item
// and team exist and belong to the release's product.
func (w WhatIf) Validate() error {
	if err := checkOneOf("kind", w.Kind, WhatIfKinds); err != nil {
		return err
	}
	if err := checkID("item_id", w.ItemID); err != nil {
		return err
	}
	if w.Kind == WhatIfCutFeature {
		if w.TeamID != 0 {
			return Invalidf("team_id", "a cut names no team")
		}
		return nil
	}
	return checkID("team_id", w.TeamID)
}

// Decision is a what-if change that was applied to a release, with the
// reason, who decided and when.
type Decision struct {
	ID        int64     `json:"id"`
	ReleaseID int64     `json:"release_id"`
	Change    WhatIf    `json:"change"`
	Summary   string    `json:"summary"` // the change in words, written when applied
	Reason    string    `json:"reason"`
	ActorID   *int64    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	At        time.Time `json:"at"`
}

// Validate checks the decision's fields.
func (d *Decision) Validate() error {
	if err := checkID("release_id", d.ReleaseID); err != nil {
		return err
	}
	if err := d.Change.Validate(); err != nil {
		return err
	}
	return checkText("reason", d.Reason, true, 2000)
}

// Describe says the change in words, given the names of its item and team.
func (w WhatIf) Describe(item, team string) string {
	switch w.Kind {
	case WhatIfMoveStory:
		return fmt.Sprintf("Move story %q to %s", item, team)
	case WhatIfMoveFeature:
		return fmt.Sprintf("Move the unfinished stories of %q to %s", item, team)
	default:
		return fmt.Sprintf("Cut %q from the release", item)
	}
}
