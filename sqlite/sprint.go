package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/radiator-hq/radiator"
)

// CloseSprint closes a sprint, keeps its result and moves its unfinished
// work to the top of the backlog or into the next sprint.
func (db *DB) CloseSprint(ctx context.Context, id int64, c radiator.SprintClose) (*radiator.Sprint, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := closeSprint(ctx, tx, id, c)
	if err != nil {
		return nil, fmt.Errorf("close sprint %d: %w", id, err)
	}
	return s, tx.commit("close sprint")
}

// FindSprintEvents returns the backlog item events that have one of the
// sprints before or after them, in ID order.
func (db *DB) FindSprintEvents(ctx context.Context, sprintIDs []int64) ([]*radiator.Event, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	evs, err := findSprintEvents(ctx, tx, sprintIDs)
	if err != nil {
		return nil, fmt.Errorf("find sprint events: %w", err)
	}
	return evs, nil
}

// findSprintEvents looks the events up by the indexed sprint columns, once
// for the sprint before and once for the sprint after.
func findSprintEvents(ctx context.Context, tx *Tx, sprintIDs []int64) ([]*radiator.Event, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(sprintIDs)))
	if len(ids) == 0 {
		return nil, nil
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	args := make([]any, 0, 2*len(ids))
	for range 2 {
		for _, id := range ids {
			args = append(args, id)
		}
	}
	const columns = `id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after`
	return queryList(ctx, tx, scanEvent, `
		SELECT `+columns+` FROM events WHERE sprint_before IN (`+in+`)
		UNION
		SELECT `+columns+` FROM events WHERE sprint_after IN (`+in+`)
		ORDER BY id`, args...)
}

// nextSprint returns the sprint that takes the unfinished work of s: the
// one named, or the team's first open sprint starting after s.
func nextSprint(ctx context.Context, tx *Tx, s *radiator.Sprint, named *int64) (*radiator.Sprint, error) {
	if named == nil {
		next, err := scanSprint(tx.QueryRowContext(ctx, `
			SELECT `+sprintColumns+` FROM sprints WHERE team_id = ? AND start_date > ? AND state <> 'closed'
			ORDER BY start_date, id LIMIT 1`, s.TeamID, s.Start.String()))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, radiator.Invalidf("unfinished", "the team has no open sprint after %q to take the unfinished work; plan one, or send the work to the backlog", s.Name)
		}
		return next, err
	}
	next, err := findSprintByID(ctx, tx, *named)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, missingRef("next_sprint_id", "sprint", *named)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case next.ID == s.ID:
		return nil, radiator.Invalidf("next_sprint_id", "is the sprint being closed")
	case next.TeamID != s.TeamID:
		return nil, radiator.Invalidf("next_sprint_id", "sprint %q belongs to another team", next.Name)
	case next.State == radiator.SprintClosed:
		return nil, radiator.Invalidf("next_sprint_id", "sprint %q is closed", next.Name)
	}
	return next, nil
}

func closeSprint(ctx context.Context, tx *Tx, id int64, c radiator.SprintClose) (*radiator.Sprint, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s, err := findSprintByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("sprint", id, s.Version, c.Version); err != nil {
		return nil, err
	}
	if s.State == radiator.SprintClosed {
		return nil, radiator.Invalidf("state", "sprint %q is closed already", s.Name)
	}
	var next *radiator.Sprint
	if c.Unfinished == radiator.UnfinishedToNext {
		if next, err = nextSprint(ctx, tx, s, c.NextSprintID); err != nil {
			return nil, err
		}
	}

	// The result comes from the history as it stands before the close
	// moves anything.
	events, err := findSprintEvents(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	before := *s
	s.State = radiator.SprintClosed
	s.MarkState(before.State, tx.now)
	b, err := radiator.NewBurndown(s, events, tx.now)
	if err != nil {
		return nil, err
	}
	result := b.Result()
	s.Result = &result
	if err := saveSprint(ctx, tx, s, before.Version); err != nil {
		return nil, err
	}
	if err := tx.event(ctx, radiator.EntitySprint, id, radiator.ActionUpdate, &before, s); err != nil {
		return nil, err
	}

	unfinished, err := queryList(ctx, tx, scanBacklogItem, `SELECT `+itemColumns+` FROM backlog_items
		WHERE sprint_id = ? AND state <> 'done' ORDER BY rank, id`, id)
	if err != nil {
		return nil, err
	}
	if next != nil {
		for _, it := range unfinished {
			before := *it
			it.SprintID, it.Column = &next.ID, ""
			if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
				return nil, err
			}
			if err := tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, &before, it); err != nil {
				return nil, err
			}
		}
		return s, nil
	}
	return s, toBacklogTop(ctx, tx, unfinished)
}

// toBacklogTop takes items out of their sprint and off the board, and puts
// them at the top of their product's backlog in their order.
func toBacklogTop(ctx context.Context, tx *Tx, items []*radiator.BacklogItem) error {
	byProduct := map[int64][]*radiator.BacklogItem{}
	var products []int64
	for _, it := range items {
		if byProduct[it.ProductID] == nil {
			products = append(products, it.ProductID)
		}
		byProduct[it.ProductID] = append(byProduct[it.ProductID], it)
	}
	unplan := func(it *radiator.BacklogItem) { it.SprintID, it.Column = nil, "" }
	for _, p := range products {
		moving := byProduct[p]
		ids := make([]any, 0, len(moving)+1)
		ids = append(ids, p)
		for _, it := range moving {
			ids = append(ids, it.ID)
		}
		notIn := `id NOT IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(moving)), ", ") + `)`
		var first string
		err := tx.QueryRowContext(ctx, `SELECT rank FROM backlog_items WHERE product_id = ? AND `+notIn+` ORDER BY rank, id LIMIT 1`,
			ids...).Scan(&first)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		// Each rank goes before the one after it, from the last item up.
		ranks := make([]string, len(moving))
		r := first
		for i := len(moving) - 1; i >= 0; i-- {
			r = radiator.RankBetween("", r)
			ranks[i] = r
		}
		if len(ranks[0]) > maxRankLen {
			rest, err := queryList(ctx, tx, scanBacklogItem,
				`SELECT `+itemColumns+` FROM backlog_items WHERE product_id = ? AND `+notIn+` ORDER BY rank, id`, ids...)
			if err != nil {
				return err
			}
			changed := map[int64]func(*radiator.BacklogItem){}
			for _, it := range moving {
				changed[it.ID] = unplan
			}
			if err := spreadRanks(ctx, tx, append(moving, rest...), changed); err != nil {
				return err
			}
			continue
		}
		for i, it := range moving {
			before := *it
			unplan(it)
			it.Rank = ranks[i]
			if err := saveBacklogItem(ctx, tx, it, before.Version); err != nil {
				return err
			}
			if err := tx.event(ctx, radiator.EntityBacklogItem, it.ID, radiator.ActionUpdate, &before, it); err != nil {
				return err
			}
		}
	}
	return nil
}
