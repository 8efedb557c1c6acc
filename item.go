package radiator

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Backlog item kinds, from the team's stories up to the portfolio's
// initiatives.
const (
	KindStory      = "story"      // S1: in a team's product backlog
	KindFeature    = "feature"    // S2: in the meta-backlog, delivered by a release
	KindInitiative = "initiative" // S3 and above: an epic spanning features
)

// ItemKinds lists the backlog item kinds.
var ItemKinds = []string{KindStory, KindFeature, KindInitiative}

// Backlog item states, in the order work moves through them.
const (
	StateNew        = "new"
	StateReady      = "ready"
	StateInProgress = "in_progress"
	StateDone       = "done"
)

// ItemStates lists the backlog item states in order.
var ItemStates = []string{StateNew, StateReady, StateInProgress, StateDone}

// BacklogItem is an entry in a backlog: a story, a feature or an
// initiative. Items are ordered by Rank within their product.
type BacklogItem struct {
	ID          int64    `json:"id"`
	ProductID   int64    `json:"product_id"`
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	ParentID    *int64   `json:"parent_id"`
	Rank        string   `json:"rank"`
	Estimate    *float64 `json:"estimate"` // story points for stories, feature units for features
	// Size is a feature's optional t-shirt size (FeatureSizes); setting it
	// sets the estimate to its feature units.
	Size      string `json:"size"`
	State     string `json:"state"`
	TeamID    *int64 `json:"team_id"`
	SprintID  *int64 `json:"sprint_id"`
	ReleaseID *int64 `json:"release_id"`
	// AcceptanceCriteria say when the item does what it should.
	AcceptanceCriteria string   `json:"acceptance_criteria"`
	Labels             []string `json:"labels"`
	AssigneeID         *int64   `json:"assignee_id"`
	Blocked            bool     `json:"blocked"`
	BlockedReason      string   `json:"blocked_reason"`
	// ReadyChecks are the entries of the team's definition of ready that
	// the item meets.
	ReadyChecks []string `json:"ready_checks"`
	// Column is the key of the board column the card was last moved to.
	Column string `json:"column"`
	// DoneAt is when the item last reached the done state; read-only.
	DoneAt    *time.Time `json:"done_at"`
	Version   int64      `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// parentKind is the kind an item's parent must have.
var parentKind = map[string]string{KindStory: KindFeature, KindFeature: KindInitiative}

// Validate checks the item's fields. An empty rank is left for the store to
// fill with the end of the backlog.
func (it *BacklogItem) Validate() error {
	if err := checkID("product_id", it.ProductID); err != nil {
		return err
	}
	if err := checkOneOf("kind", it.Kind, ItemKinds); err != nil {
		return err
	}
	if err := checkText("title", it.Title, true, 300); err != nil {
		return err
	}
	if err := checkText("description", it.Description, false, 20000); err != nil {
		return err
	}
	if err := checkOptionalID("parent_id", it.ParentID); err != nil {
		return err
	}
	if it.ParentID != nil && it.Kind == KindInitiative {
		return Invalidf("parent_id", "an initiative has no parent")
	}
	if it.ParentID != nil && *it.ParentID == it.ID {
		return Invalidf("parent_id", "an item cannot be its own parent")
	}
	if it.Rank != "" && !ValidRank(it.Rank) {
		return Invalidf("rank", "must be digits and lower-case letters not ending in 0, like \"i\"")
	}
	if e := it.Estimate; e != nil && (*e < 0 || *e > 1000 || math.IsNaN(*e)) {
		return Invalidf("estimate", "must be between 0 and 1000")
	}
	if it.Size != "" {
		if it.Kind != KindFeature {
			return Invalidf("size", "only features have a t-shirt size, not a %s", it.Kind)
		}
		units, ok := FeatureSizes[it.Size]
		if !ok {
			return Invalidf("size", "must be one of %s, not %q", strings.Join(FeatureSizeNames, ", "), it.Size)
		}
		if it.Estimate == nil || *it.Estimate != units {
			return Invalidf("estimate", "a feature of size %s is %s feature units", it.Size, fmtPoints(units))
		}
	}
	if err := checkOneOf("state", it.State, ItemStates); err != nil {
		return err
	}
	for _, ref := range []struct {
		field string
		id    *int64
	}{{"team_id", it.TeamID}, {"sprint_id", it.SprintID}, {"release_id", it.ReleaseID}} {
		if err := checkOptionalID(ref.field, ref.id); err != nil {
			return err
		}
	}
	if it.SprintID != nil && it.TeamID == nil {
		return Invalidf("sprint_id", "needs a team_id: a sprint belongs to a team")
	}
	if it.SprintID != nil && it.Kind != KindStory {
		return Invalidf("sprint_id", "only stories are planned into sprints, not a %s", it.Kind)
	}
	if err := checkText("acceptance_criteria", it.AcceptanceCriteria, false, 20000); err != nil {
		return err
	}
	if err := checkLabels(it.Labels); err != nil {
		return err
	}
	if err := checkOptionalID("assignee_id", it.AssigneeID); err != nil {
		return err
	}
	if err := checkText("blocked_reason", it.BlockedReason, false, 500); err != nil {
		return err
	}
	if it.BlockedReason != "" && !it.Blocked {
		return Invalidf("blocked_reason", "is only kept while the item is blocked")
	}
	if len(it.ReadyChecks) > 12 {
		return Invalidf("ready_checks", "has at most 12 entries")
	}
	for _, c := range it.ReadyChecks {
		if err := checkText("ready_checks", c, true, 200); err != nil {
			return err
		}
	}
	if it.Column != "" && !columnKeyPattern.MatchString(it.Column) {
		return Invalidf("column", "%q is not a column key", it.Column)
	}
	return nil
}

// checkLabels checks an item's labels: at most 20, each a short word or
// phrase without commas (CSV exports join them with commas), no repeats.
func checkLabels(labels []string) error {
	if len(labels) > 20 {
		return Invalidf("labels", "an item has at most 20 labels, not %d", len(labels))
	}
	for i, l := range labels {
		if err := checkText("labels", l, true, 40); err != nil {
			return err
		}
		if strings.ContainsAny(l, ",\n") {
			return Invalidf("labels", "%q must not hold a comma or a line break", l)
		}
		if slices.Index(labels, l) != i {
			return Invalidf("labels", "lists %q twice", l)
		}
	}
	return nil
}

// CheckChange checks a change of a story of the team from old to it, by
// the team's rules, and completes it: a move to another column gives the
// item the column's state; an estimate must be on the team's scale; an
// item becomes ready only when it meets the definition of ready; a closed
// sprint takes no more work and its cards no longer move. sprint is the
// item's sprint after the change, nil if none; old is nil on create.
func (t *Team) CheckChange(old, it *BacklogItem, sprint *Sprint) error {
	if old == nil || it.Column != old.Column {
		if it.Column != "" {
			c, ok := t.Column(it.Column)
			if !ok {
				return Invalidf("column", "the board of %s has no column %q", t.Name, it.Column)
			}
			it.State = c.State
		}
	}
	if old == nil || !sameEstimate(old.Estimate, it.Estimate) {
		if err := t.CheckEstimate(it.Estimate); err != nil {
			return err
		}
	}
	if it.State == StateReady && (old == nil || old.State == StateNew) {
		if p := t.ReadinessProblems(it); len(p) > 0 {
			return Invalidf("state", "is not ready by the definition of ready of %s: %s", t.Name, strings.Join(p, "; "))
		}
	}
	if sprint != nil && sprint.State == SprintClosed {
		moved := old == nil || old.SprintID == nil || *old.SprintID != sprint.ID
		if moved || old.State != it.State || old.Column != it.Column {
			return Invalidf("sprint_id", "sprint %q is closed; plan the work into an open sprint", sprint.Name)
		}
	}
	return nil
}

func sameEstimate(a, b *float64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// CheckParent checks that parent may hold it: a story sits under a feature,
// a feature under an initiative.
func (it *BacklogItem) CheckParent(parent *BacklogItem) error {
	if want := parentKind[it.Kind]; parent.Kind != want {
		return Invalidf("parent_id", "a %s's parent must be a %s, not a %s", it.Kind, want, parent.Kind)
	}
	return nil
}

// BacklogItemUpdate changes a backlog item. Nil fields are left as they are.
type BacklogItemUpdate struct {
	Version     int64             `json:"version"`
	Kind        *string           `json:"kind,omitempty"`
	Title       *string           `json:"title,omitempty"`
	Description *string           `json:"description,omitempty"`
	ParentID    Nullable[int64]   `json:"parent_id,omitzero"`
	Rank        *string           `json:"rank,omitempty"`
	Estimate    Nullable[float64] `json:"estimate,omitzero"`
	Size        *string           `json:"size,omitempty"`
	State       *string           `json:"state,omitempty"`
	TeamID      Nullable[int64]   `json:"team_id,omitzero"`
	SprintID    Nullable[int64]   `json:"sprint_id,omitzero"`
	ReleaseID   Nullable[int64]   `json:"release_id,omitzero"`

	AcceptanceCriteria *string         `json:"acceptance_criteria,omitempty"`
	Labels             *[]string       `json:"labels,omitempty"`
	AssigneeID         Nullable[int64] `json:"assignee_id,omitzero"`
	Blocked            *bool           `json:"blocked,omitempty"`
	BlockedReason      *string         `json:"blocked_reason,omitempty"`
	ReadyChecks        *[]string       `json:"ready_checks,omitempty"`
	Column             *string         `json:"column,omitempty"`
}

// Apply checks the update and applies it to it. It keeps DoneAt true: set
// to now when the item becomes done, cleared when it leaves done.
func (u BacklogItemUpdate) Apply(it *BacklogItem, now time.Time) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	if u.Rank != nil && *u.Rank == "" {
		return Invalidf("rank", "must not be empty")
	}
	wasDone := it.State == StateDone
	setIf(&it.Kind, u.Kind)
	setIf(&it.Title, u.Title)
	setIf(&it.Description, u.Description)
	setNullable(&it.ParentID, u.ParentID)
	setIf(&it.Rank, u.Rank)
	setNullable(&it.Estimate, u.Estimate)
	if u.Estimate.Set {
		it.Size = ""
	}
	if u.Size != nil {
		it.SetSize(*u.Size)
	}
	setIf(&it.State, u.State)
	setNullable(&it.TeamID, u.TeamID)
	setNullable(&it.SprintID, u.SprintID)
	setNullable(&it.ReleaseID, u.ReleaseID)
	setIf(&it.AcceptanceCriteria, u.AcceptanceCriteria)
	setIf(&it.Labels, u.Labels)
	setNullable(&it.AssigneeID, u.AssigneeID)
	setIf(&it.Blocked, u.Blocked)
	setIf(&it.BlockedReason, u.BlockedReason)
	if !it.Blocked {
		it.BlockedReason = ""
	}
	setIf(&it.ReadyChecks, u.ReadyChecks)
	setIf(&it.Column, u.Column)
	it.MarkDone(wasDone, now)
	return it.Validate()
}

// MarkDone keeps DoneAt in step with the state after a change from a state
// that was (or was not) done.
func (it *BacklogItem) MarkDone(wasDone bool, now time.Time) {
	switch {
	case it.State == StateDone && !wasDone:
		t := now.UTC()
		it.DoneAt = &t
	case it.State != StateDone:
		it.DoneAt = nil
	}
}

// BacklogItemFilter selects backlog items; lists come in rank order.
type BacklogItemFilter struct {
	ProductID int64
	Kind      string
	State     string
	TeamID    int64
	SprintID  int64
	ReleaseID int64
	ParentID  int64
	// Backlog selects items planned into no sprint.
	Backlog    bool
	Label      string
	AssigneeID int64
	// Text matches words in the title, description or acceptance criteria.
	Text string
	Page
}

// BacklogMove moves an item in its product's backlog: right before the item
// Before, right after the item After, or to the top or the bottom. Exactly
// one of them is given.
type BacklogMove struct {
	Version  int64  `json:"version"`
	Before   int64  `json:"before,omitempty"`
	After    int64  `json:"after,omitempty"`
	Position string `json:"position,omitempty"` // "top" or "bottom"
}

// Validate checks that the move names exactly one place.
func (m BacklogMove) Validate(id int64) error {
	if err := checkVersion(m.Version); err != nil {
		return err
	}
	n := 0
	for _, set := range []bool{m.Before != 0, m.After != 0, m.Position != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return Invalidf("before", "give exactly one of before, after or position")
	}
	if m.Position != "" && m.Position != "top" && m.Position != "bottom" {
		return Invalidf("position", "must be top or bottom, not %q", m.Position)
	}
	if m.Before == id || m.After == id {
		return Invalidf("before", "an item cannot move next to itself")
	}
	if m.Before < 0 || m.After < 0 {
		return Invalidf("before", "must be an item id")
	}
	return nil
}

// BacklogItemBulkUpdate is one item's part of a bulk edit.
type BacklogItemBulkUpdate struct {
	ID int64 `json:"id"`
	BacklogItemUpdate
}
