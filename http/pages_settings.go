package http

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/radiator-hq/radiator"
)

// The settings of a team's board: its columns, its estimate scale and its
// definition of ready, in one plain form. Saving sends them all in one
// TeamUpdate, so that the store validates the board as a whole.

// settingsConflict is what the settings page says when someone else saved
// first; the page shown with it holds their settings.
const settingsConflict = "Someone else changed the team's settings; here they are now."

// newColumnRows is how many empty rows the form offers for new columns.
const newColumnRows = 2

// maxColumnRows bounds the rows a settings form may send: the most
// columns a board has, and the empty rows.
const maxColumnRows = 12 + newColumnRows

// settingsPage shows the form with the team's settings, or with what was
// sent when it was refused as invalid.
type settingsPage struct {
	teamHead
	Form   settingsForm
	States []string
}

// settingsForm holds the fields of the settings form as text, as they are
// shown and sent.
type settingsForm struct {
	Version int64
	Rows    []columnRow
	Scale   string // comma-separated points
	Ready   string // the definition of ready, an entry per line
}

// columnRow is one column of the form. Existing columns keep their key,
// which cards refer to; new rows let it be typed.
type columnRow struct {
	Index  int
	Label  string // what its fields are labelled for screen readers
	New    bool
	Key    string
	Name   string
	State  string
	WIP    string
	Order  string
	Remove bool
}

// settingsFormOf fills the form with a team's settings and empty rows for
// new columns.
func settingsFormOf(team *radiator.Team) settingsForm {
	f := settingsForm{Version: team.Version, Ready: strings.Join(team.DefinitionOfReady, "\n")}
	board := team.Board()
	for i, c := range board {
		f.Rows = append(f.Rows, columnRow{
			Index: i, Key: c.Key, Name: c.Name, State: c.State,
			WIP: strconv.Itoa(c.WIPLimit), Order: strconv.Itoa(i + 1),
		})
	}
	for i := range newColumnRows {
		n := len(board) + i
		f.Rows = append(f.Rows, columnRow{Index: n, New: true, State: radiator.StateInProgress, WIP: "0", Order: strconv.Itoa(n + 1)})
	}
	scale := make([]string, 0, len(team.Scale()))
	for _, v := range team.Scale() {
		scale = append(scale, formatPoints(v))
	}
	f.Scale = strings.Join(scale, ", ")
	f.label()
	return f
}

// label names each row for its fields' labels: an existing column by its
// name as stored or sent, a new row by its place among the new rows.
func (f *settingsForm) label() {
	n := 0
	for i := range f.Rows {
		row := &f.Rows[i]
		if row.New {
			n++
			row.Label = "new column " + strconv.Itoa(n)
		} else {
			row.Label = cmp.Or(row.Name, row.Key)
		}
	}
}

// readSettingsForm reads the form as sent, to show it again if refused.
// Rows are numbered from 0 and end at the first number missing.
func readSettingsForm(q *query) settingsForm {
	f := settingsForm{Version: q.required("version"), Scale: q.text("estimate_scale"), Ready: q.text("definition_of_ready")}
	for i := range maxColumnRows {
		p := "col-" + strconv.Itoa(i) + "-"
		if _, ok := q.values[p+"key"]; !ok {
			break
		}
		f.Rows = append(f.Rows, columnRow{
			Index:  i,
			New:    q.text(p+"new") == "true",
			Key:    strings.TrimSpace(q.text(p + "key")),
			Name:   strings.TrimSpace(q.text(p + "name")),
			State:  q.text(p + "state"),
			WIP:    strings.TrimSpace(q.text(p + "wip")),
			Order:  strings.TrimSpace(q.text(p + "order")),
			Remove: q.text(p+"remove") == "true",
		})
	}
	f.label()
	return f
}

// update turns the form into the team's update. A new row left without a
// name is no column; one without a key gets a key made from its name.
// Failures go to q as invalid, naming the column.
func (f settingsForm) update(q *query) radiator.TeamUpdate {
	type ordered struct {
		order float64
		col   radiator.BoardColumn
	}
	var cols []ordered
	for i, row := range f.Rows {
		if row.Remove || row.New && row.Name == "" && row.Key == "" {
			continue
		}
		if row.New && row.Key == "" {
			row.Key = columnKey(row.Name)
		}
		what := strconv.Quote(cmp.Or(row.Name, row.Key))
		wip := 0
		if row.WIP != "" {
			n, err := strconv.Atoi(row.WIP)
			if err != nil {
				q.fail("columns", "column %s: the WIP limit %q is not a whole number", what, row.WIP)
			}
			wip = n
		}
		order := float64(i + 1)
		if row.Order != "" {
			n, err := strconv.ParseFloat(row.Order, 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				q.fail("columns", "column %s: the order %q is not a number", what, row.Order)
			}
			order = n
		}
		cols = append(cols, ordered{order, radiator.BoardColumn{Key: row.Key, Name: row.Name, State: row.State, WIPLimit: wip}})
	}
	if len(cols) == 0 {
		q.fail("columns", "a board needs a column for ready work and one for done work")
	}
	slices.SortStableFunc(cols, func(a, b ordered) int { return cmp.Compare(a.order, b.order) })
	columns := make([]radiator.BoardColumn, 0, len(cols))
	for _, c := range cols {
		columns = append(columns, c.col)
	}

	scale := []float64{}
	for _, v := range strings.FieldsFunc(f.Scale, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			q.fail("estimate_scale", "%q is not a number", v)
			continue
		}
		scale = append(scale, n)
	}

	ready := []string{}
	for line := range strings.Lines(f.Ready) {
		if line = strings.TrimSpace(line); line != "" {
			ready = append(ready, line)
		}
	}
	return radiator.TeamUpdate{Version: f.Version, Columns: &columns, EstimateScale: &scale, DefinitionOfReady: &ready}
}

// columnKey makes the key of a new column from its name: "In review"
// becomes in_review. Keys are at most 30 characters.
func columnKey(name string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && b.Len() > 0:
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		default:
			gap = true
		}
	}
	return strings.TrimSuffix(b.String()[:min(b.Len(), 30)], "_")
}

// settingsPath returns the address of a team's settings.
func settingsPath(teamID int64) string {
	return "/teams/" + strconv.FormatInt(teamID, 10) + "/settings"
}

func (s *Server) handleSettingsPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "team")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderSettings(w, r, http.StatusOK, id, nil, notice{Flash: s.takeFlash(w, r)})
}

// renderSettings shows the settings page; form holds the form as sent,
// nil for the team's settings as stored.
func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, status int, teamID int64, form *settingsForm, n notice) {
	ctx := r.Context()
	team, err := s.Store.FindTeamByID(ctx, teamID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := settingsPage{Form: settingsFormOf(team), States: []string{radiator.StateReady, radiator.StateInProgress, radiator.StateDone}}
	if form != nil {
		page.Form = *form
	}
	if err := s.fillTeamHead(ctx, &page.teamHead, team, "settings", "Settings · "+team.Name, n); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "settings", page)
}

// handleSettings saves a team's columns, estimate scale and definition of
// ready: the form twin of PATCH /api/v1/teams/{id} with those fields.
func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) {
	teamID, q, ok := s.pageAction(w, r, "team")
	if !ok {
		return
	}
	form := readSettingsForm(q)
	again := func(status int, n notice) {
		if n.Conflict != "" {
			s.renderSettings(w, r, status, teamID, nil, n)
			return
		}
		s.renderSettings(w, r, status, teamID, &form, n)
	}
	upd := form.update(q)
	if q.err != nil {
		s.refuse(w, r, q.err, settingsConflict, again)
		return
	}
	team, err := s.Store.UpdateTeam(r.Context(), teamID, upd)
	if err != nil {
		s.refuse(w, r, err, settingsConflict, again)
		return
	}
	s.redirectFlash(w, r, settingsPath(teamID), fmt.Sprintf("Saved the settings of %s.", team.Name))
}
