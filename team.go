package radiator

import "time"

// Team is a Scrum team. It belongs to one product and has its own tier-1
// forum, made and removed with it, where its members hold their roles.
type Team struct {
	ID          int64  `json:"id"`
	ProductID   int64  `json:"product_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// ForumID is the team's own S1 forum; read-only.
	ForumID int64 `json:"forum_id"`
	// ParentForumID is the forum above the team's own, usually its
	// product's Scrum of Scrums.
	ParentForumID *int64 `json:"parent_forum_id"`
	// Columns are the team's board columns; empty means DefaultColumns.
	Columns []BoardColumn `json:"columns"`
	// EstimateScale lists the story points the team estimates in; empty
	// means FibonacciScale.
	EstimateScale []float64 `json:"estimate_scale"`
	// DefinitionOfReady is the checklist a story must meet, with an
	// estimate and acceptance criteria, before it may become ready.
	DefinitionOfReady []string  `json:"definition_of_ready"`
	Version           int64     `json:"version"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// Validate checks the team's fields.
func (t *Team) Validate() error {
	if err := checkID("product_id", t.ProductID); err != nil {
		return err
	}
	if err := checkText("name", t.Name, true, 120); err != nil {
		return err
	}
	if err := checkOptionalID("parent_forum_id", t.ParentForumID); err != nil {
		return err
	}
	if err := checkText("description", t.Description, false, 4000); err != nil {
		return err
	}
	return validateBoard(t.Columns, t.EstimateScale, t.DefinitionOfReady)
}

// Forum returns the team's own tier-1 forum as it is created with the team.
func (t *Team) Forum() *Forum {
	return &Forum{
		Name:      t.Name,
		Tier:      1,
		Kind:      ForumTeam,
		ParentID:  t.ParentForumID,
		ProductID: &t.ProductID,
		Purpose:   "Sprint execution and backlog refinement of " + t.Name + ".",
		Cadence:   DefaultCadence(ForumTeam),
	}
}

// TeamUpdate changes a team. Nil fields are left as they are.
type TeamUpdate struct {
	Version           int64           `json:"version"`
	ProductID         *int64          `json:"product_id,omitempty"`
	Name              *string         `json:"name,omitempty"`
	Description       *string         `json:"description,omitempty"`
	ParentForumID     Nullable[int64] `json:"parent_forum_id,omitzero"`
	Columns           *[]BoardColumn  `json:"columns,omitempty"`
	EstimateScale     *[]float64      `json:"estimate_scale,omitempty"`
	DefinitionOfReady *[]string       `json:"definition_of_ready,omitempty"`
}

// Apply checks the update and applies it to t.
func (u TeamUpdate) Apply(t *Team) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&t.ProductID, u.ProductID)
	setIf(&t.Name, u.Name)
	setIf(&t.Description, u.Description)
	setNullable(&t.ParentForumID, u.ParentForumID)
	setIf(&t.Columns, u.Columns)
	setIf(&t.EstimateScale, u.EstimateScale)
	setIf(&t.DefinitionOfReady, u.DefinitionOfReady)
	return t.Validate()
}

// TeamFilter selects teams.
type TeamFilter struct {
	ProductID     int64
	ParentForumID int64
	PersonID      int64 // teams the person is a member of
	Page
}
