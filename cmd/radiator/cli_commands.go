package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/client"
)

// boardCommand prints a team's sprint board: one block per column, a line
// per card.
func boardCommand(ctx context.Context, c *client.Client, out *printer, teamArg string, sprintID int64) error {
	team, err := c.TeamByNameOrID(ctx, teamArg)
	if err != nil {
		return err
	}
	b, err := c.Board(ctx, team.ID, sprintID)
	if err != nil {
		return err
	}
	if out.json {
		out.printJSON(b)
		return nil
	}
	if b.Sprint == nil {
		out.printf("%s has no active or planned sprint; plan one to fill its board.\n", team.Name)
		return nil
	}
	s := b.Sprint
	out.printf("%s: %s (%s, %s to %s)\n", team.Name, s.Name, s.State, s.Start, s.End)
	if s.Goal != "" {
		out.printf("Goal: %s\n", oneLine(s.Goal, 100))
	}
	for _, col := range b.Columns {
		out.printf("\n%s  %s\n", col.Name, columnSummary(col))
		if len(col.Cards) == 0 {
			out.printf("  (no cards)\n")
			continue
		}
		var rows [][]string
		for _, card := range col.Cards {
			it := card.Item
			who := "-"
			if card.Assignee != nil {
				who = card.Assignee.Initials
			}
			title := oneLine(it.Title, 70)
			if it.Blocked {
				title += "  [blocked"
				if it.BlockedReason != "" {
					title += ": " + oneLine(it.BlockedReason, 40)
				}
				title += "]"
			}
			rows = append(rows, []string{"#" + strconv.FormatInt(it.ID, 10), estimateText(it.Estimate), who, title})
		}
		out.table("  ", rows)
	}
	return nil
}

// columnSummary tells how full a column is: its cards against its
// work-in-progress limit, when it has one, and their points.
func columnSummary(col client.BoardColumn) string {
	var s string
	switch {
	case col.WIPLimit > 0:
		s = fmt.Sprintf("%d/%d", col.Count, col.WIPLimit)
		if col.OverLimit {
			s += " (over limit)"
		}
	case col.Count == 1:
		s = "1 card"
	default:
		s = fmt.Sprintf("%d cards", col.Count)
	}
	return s + ", " + pointsText(col.Points)
}

// backlogCommand prints a team's backlog: its stories planned into no
// sprint, in rank order, with what keeps them from being ready.
func backlogCommand(ctx context.Context, c *client.Client, out *printer, teamArg string) error {
	team, err := c.TeamByNameOrID(ctx, teamArg)
	if err != nil {
		return err
	}
	items, err := c.BacklogItems(ctx, radiator.BacklogItemFilter{TeamID: team.ID, Kind: radiator.KindStory, Backlog: true, Page: radiator.Page{Limit: radiator.MaxLimit}})
	if err != nil {
		return err
	}
	if out.json {
		if items == nil {
			items = []*radiator.BacklogItem{}
		}
		out.printJSON(struct {
			Items []*radiator.BacklogItem `json:"items"`
		}{items})
		return nil
	}
	if len(items) == 0 {
		out.printf("The backlog of %s is empty.\n", team.Name)
		return nil
	}
	var total, ready float64
	for _, it := range items {
		if it.Estimate != nil {
			total += *it.Estimate
			if it.State == radiator.StateReady {
				ready += *it.Estimate
			}
		}
	}
	stories := "stories"
	if len(items) == 1 {
		stories = "story"
	}
	out.printf("Backlog of %s: %d %s, %s (%s ready)\n\n", team.Name, len(items), stories, pointsText(total), pointsText(ready))
	rows := [][]string{{"RANK", "ID", "STATE", "POINTS", "TITLE", "FLAGS"}}
	for i, it := range items {
		rows = append(rows, []string{strconv.Itoa(i + 1), "#" + strconv.FormatInt(it.ID, 10), strings.ReplaceAll(it.State, "_", " "),
			estimateText(it.Estimate), oneLine(it.Title, 60), strings.Join(itemFlags(team, it), ", ")})
	}
	out.table("", rows)
	return nil
}

// itemFlags lists what a backlog line warns of: a blocked item, and for
// work not yet started, what keeps it from being ready.
func itemFlags(team *radiator.Team, it *radiator.BacklogItem) []string {
	var flags []string
	if it.Blocked {
		flags = append(flags, "blocked")
	}
	if it.State != radiator.StateNew && it.State != radiator.StateReady {
		return flags
	}
	checks := 0
	for _, p := range team.ReadinessProblems(it) {
		if strings.HasPrefix(p, "not checked: ") {
			checks++
			continue
		}
		flags = append(flags, p)
	}
	switch {
	case checks == 1:
		flags = append(flags, "1 ready check open")
	case checks > 1:
		flags = append(flags, fmt.Sprintf("%d ready checks open", checks))
	}
	return flags
}

// moveCommand moves a card to a column of its team's board, given by key
// or by name; the server refuses a column the board does not have.
func moveCommand(ctx context.Context, c *client.Client, out *printer, itemArg, to string) error {
	id, err := parseItemID(itemArg)
	if err != nil {
		return err
	}
	if to == "" {
		return fmt.Errorf("item move %s: give the column with --to, for example --to in_progress", itemArg)
	}
	it, err := c.BacklogItem(ctx, id)
	if err != nil {
		return err
	}
	var team *radiator.Team
	key := to
	if it.TeamID != nil {
		if team, err = c.Team(ctx, *it.TeamID); err != nil {
			return err
		}
		key = columnKey(team, to)
	}
	moved, err := c.UpdateBacklogItem(ctx, id, radiator.BacklogItemUpdate{Version: it.Version, Column: &key})
	if err != nil {
		return err
	}
	if out.json {
		out.printJSON(moved)
		return nil
	}
	name := key
	if team != nil {
		name = team.ColumnOf(moved).Name
	}
	out.printf("Moved #%d to %s\n", moved.ID, name)
	return nil
}

// columnKey finds the column that s names on the team's board: by its key,
// or by its name or key in any case. A column it cannot find is left as
// given for the server to refuse.
func columnKey(team *radiator.Team, s string) string {
	if _, ok := team.Column(s); ok {
		return s
	}
	for _, col := range team.Board() {
		if strings.EqualFold(col.Name, s) || strings.EqualFold(col.Key, s) {
			return col.Key
		}
	}
	return s
}

// closeCommand closes a team's active sprint and prints its result.
func closeCommand(ctx context.Context, c *client.Client, out *printer, teamArg, unfinished string) error {
	team, err := c.TeamByNameOrID(ctx, teamArg)
	if err != nil {
		return err
	}
	active, err := c.Sprints(ctx, radiator.SprintFilter{TeamID: team.ID, State: radiator.SprintActive})
	if err != nil {
		return err
	}
	switch len(active) {
	case 0:
		return radiator.Errorf(radiator.ENOTFOUND, "%s has no active sprint to close.", team.Name)
	case 1:
	default:
		names := make([]string, len(active))
		for i, s := range active {
			names[i] = fmt.Sprintf("%s (%d)", s.Name, s.ID)
		}
		return radiator.Errorf(radiator.ECONFLICT, "%s has %d active sprints: %s; close one in the browser or with POST /api/v1/sprints/{id}/close.", team.Name, len(active), strings.Join(names, ", "))
	}
	s := active[0]
	closed, err := c.CloseSprint(ctx, s.ID, radiator.SprintClose{Version: s.Version, Unfinished: unfinished})
	if err != nil {
		return err
	}
	if out.json {
		out.printJSON(closed)
		return nil
	}
	out.printf("Closed %s of %s (%s to %s).\n\n", closed.Name, team.Name, closed.Start, closed.End)
	var res radiator.SprintResult
	if closed.Result != nil {
		res = *closed.Result
	}
	where := ""
	if res.CarriedOver > 0 {
		where = "moved to the top of the backlog"
		if unfinished == radiator.UnfinishedToNext {
			if where, err = nextSprintText(ctx, c, closed); err != nil {
				return err
			}
		}
	}
	for _, row := range []struct {
		name   string
		points float64
		note   string
	}{
		{"Committed", res.Committed, "at the start"},
		{"Added", res.Added, "during the sprint"},
		{"Removed", res.Removed, "during the sprint"},
		{"Completed", res.Completed, ""},
		{"Carried over", res.CarriedOver, where},
	} {
		out.printf("%s\n", strings.TrimRight(fmt.Sprintf("%-13s %8s  %s", row.name, pointsText(row.points), row.note), " "))
	}
	v, err := c.Velocity(ctx, team.ID, 0)
	if err != nil {
		return err
	}
	out.printf("\nVelocity of %s: %s\n", team.Name, velocityText(v))
	return nil
}

// velocityText says a team's velocity: the mean of its last finished
// sprints, with their range when there are several.
func velocityText(v radiator.Velocity) string {
	switch v.Basis {
	case 0:
		return "none yet, no sprint has finished"
	case 1:
		return pointsText(v.Mean) + " (from 1 finished sprint)"
	}
	return fmt.Sprintf("%s (mean of the last %d sprints, %s to %s)", pointsText(v.Mean), v.Basis,
		strconv.FormatFloat(v.Min, 'f', -1, 64), pointsText(v.Max))
}

// nextSprintText names the sprint that took the unfinished work of a
// closed sprint: the team's first open sprint starting after it, as the
// server chooses.
func nextSprintText(ctx context.Context, c *client.Client, closed *radiator.Sprint) (string, error) {
	sprints, err := c.Sprints(ctx, radiator.SprintFilter{TeamID: closed.TeamID})
	if err != nil {
		return "", err
	}
	for _, s := range sprints {
		if s.State != radiator.SprintClosed && s.Start.After(closed.Start) {
			return "moved into " + s.Name, nil
		}
	}
	return "moved into the next sprint", nil
}

// estimateText writes an estimate for a table: "5 pts", or "-" when the
// item has none.
func estimateText(e *float64) string {
	if e == nil {
		return "-"
	}
	return pointsText(*e)
}

// pointsText writes story points as people say them: "1 pt", "0.5 pts",
// "13 pts".
func pointsText(p float64) string {
	n := numberText(p)
	if p == 1 {
		return n + " pt"
	}
	return n + " pts"
}

// oneLine shortens text to one line of at most n characters, marking a
// cut with an ellipsis.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
