package radiator

import (
	"math"
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
	State       string   `json:"state"`
	TeamID      *int64   `json:"team_id"`
	SprintID    *int64   `json:"sprint_id"`
	ReleaseID   *int64   `json:"release_id"`
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
	return nil
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
	ParentID    Nullable[int64]   `json:"parent_id"`
	Rank        *string           `json:"rank,omitempty"`
	Estimate    Nullable[float64] `json:"estimate"`
	State       *string           `json:"state,omitempty"`
	TeamID      Nullable[int64]   `json:"team_id"`
	SprintID    Nullable[int64]   `json:"sprint_id"`
	ReleaseID   Nullable[int64]   `json:"release_id"`
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
	setIf(&it.State, u.State)
	setNullable(&it.TeamID, u.TeamID)
	setNullable(&it.SprintID, u.SprintID)
	setNullable(&it.ReleaseID, u.ReleaseID)
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
	Page
}
