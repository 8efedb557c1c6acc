package radiator

import (
	"regexp"
	"slices"
)

// BoardColumn is a column of a team's sprint board. Moving a card into a
// column gives the item the column's state, so several columns may share a
// state (for example "In review" and "In progress" both in_progress).
type BoardColumn struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	State    string `json:"state"`     // ready, in_progress or done
	WIPLimit int    `json:"wip_limit"` // 0 for none
}

// DefaultColumns are the columns of a board nobody has configured.
func DefaultColumns() []BoardColumn {
	return []BoardColumn{
		{Key: "todo", Name: "To do", State: StateReady},
		{Key: "in_progress", Name: "In progress", State: StateInProgress},
		{Key: "done", Name: "Done", State: StateDone},
	}
}

// FibonacciScale is the estimate scale of a team that has not chosen one.
func FibonacciScale() []float64 { return []float64{0, 1, 2, 3, 5, 8, 13, 21} }

// DefaultDefinitionOfReady is the checklist a new team starts with.
func DefaultDefinitionOfReady() []string {
	return []string{
		"The value to the user is clear",
		"Dependencies on other teams are known",
		"Small enough to finish in one sprint",
	}
}

var columnKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,29}$`)

// validateBoard checks a team's columns, scale and definition of ready.
func validateBoard(columns []BoardColumn, scale []float64, dor []string) error {
	if len(columns) > 12 {
		return Invalidf("columns", "a board has at most 12 columns, not %d", len(columns))
	}
	keys := map[string]bool{}
	states := map[string]bool{}
	for i, c := range columns {
		if !columnKeyPattern.MatchString(c.Key) {
			return Invalidf("columns", "column %d: the key %q must be lower-case letters, digits and _ (at most 30), starting with a letter", i+1, c.Key)
		}
		if keys[c.Key] {
			return Invalidf("columns", "the key %q is used by two columns", c.Key)
		}
		keys[c.Key] = true
		if err := checkText("columns", c.Name, true, 40); err != nil {
			return Invalidf("columns", "column %q: the name %s", c.Key, err.(*Error).Message)
		}
		if c.State != StateReady && c.State != StateInProgress && c.State != StateDone {
			return Invalidf("columns", "column %q: the state must be ready, in_progress or done, not %q", c.Key, c.State)
		}
		states[c.State] = true
		if c.WIPLimit < 0 || c.WIPLimit > 999 {
			return Invalidf("columns", "column %q: the work-in-progress limit must be between 0 (none) and 999", c.Key)
		}
	}
	if len(columns) > 0 && (!states[StateReady] || !states[StateDone]) {
		return Invalidf("columns", "a board needs a column for ready work and one for done work")
	}
	if len(scale) > 20 {
		return Invalidf("estimate_scale", "has at most 20 values, not %d", len(scale))
	}
	for i, v := range scale {
		if v < 0 || v > 1000 {
			return Invalidf("estimate_scale", "values must be between 0 and 1000, not %v", v)
		}
		if i > 0 && v <= scale[i-1] {
			return Invalidf("estimate_scale", "values must rise: %v comes after %v", v, scale[i-1])
		}
	}
	if len(dor) > 12 {
		return Invalidf("definition_of_ready", "has at most 12 entries, not %d", len(dor))
	}
	for i, d := range dor {
		if err := checkText("definition_of_ready", d, true, 200); err != nil {
			return Invalidf("definition_of_ready", "entry %d %s", i+1, err.(*Error).Message)
		}
		if slices.Index(dor, d) != i {
			return Invalidf("definition_of_ready", "lists %q twice", d)
		}
	}
	return nil
}

// Board returns the team's columns: its own, or the default ones.
func (t *Team) Board() []BoardColumn {
	if len(t.Columns) > 0 {
		return t.Columns
	}
	return DefaultColumns()
}

// Scale returns the team's estimate scale: its own, or Fibonacci.
func (t *Team) Scale() []float64 {
	if len(t.EstimateScale) > 0 {
		return t.EstimateScale
	}
	return FibonacciScale()
}

// Column returns the team's column with the key, if there is one.
func (t *Team) Column(key string) (BoardColumn, bool) {
	for _, c := range t.Board() {
		if c.Key == key {
			return c, true
		}
	}
	return BoardColumn{}, false
}

// ColumnOf returns the column a card shows in: the one it was moved to
// while that column holds its state, else the first column of its state.
// New items show in the first column.
func (t *Team) ColumnOf(it *BacklogItem) BoardColumn {
	board := t.Board()
	if c, ok := t.Column(it.Column); ok && c.State == it.State {
		return c
	}
	for _, c := range board {
		if c.State == it.State {
			return c
		}
	}
	return board[0]
}

// CheckEstimate checks that an estimate is on the team's scale.
func (t *Team) CheckEstimate(e *float64) error {
	if e == nil || slices.Contains(t.Scale(), *e) {
		return nil
	}
	return Invalidf("estimate", "%v is not on the team's scale %v", *e, t.Scale())
}

// ReadinessProblems lists what keeps an item from being ready by the
// team's definition of ready: an estimate, acceptance criteria, and every
// entry of the checklist ticked. An empty list means it is ready.
func (t *Team) ReadinessProblems(it *BacklogItem) []string {
	var problems []string
	if it.Estimate == nil {
		problems = append(problems, "no estimate")
	}
	if it.AcceptanceCriteria == "" {
		problems = append(problems, "no acceptance criteria")
	}
	for _, d := range t.DefinitionOfReady {
		if !slices.Contains(it.ReadyChecks, d) {
			problems = append(problems, "not checked: "+d)
		}
	}
	return problems
}
