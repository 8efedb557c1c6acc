package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindSprintByID returns a sprint.
func (db *DB) FindSprintByID(ctx context.Context, id int64) (*radiator.Sprint, error) {
	var s *radiator.Sprint
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		s, err = findSprintByID(ctx, tx, id, "")
		return err
	})
	return s, err
}

// FindSprints returns sprints in order of their start.
func (db *DB) FindSprints(ctx context.Context, f radiator.SprintFilter) ([]*radiator.Sprint, string, error) {
	var ss []*radiator.Sprint
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ss, next, err = findSprints(ctx, tx, f)
		return err
	})
	return ss, next, err
}

// CreateSprint creates a sprint; one created active starts at once.
func (db *DB) CreateSprint(ctx context.Context, s *radiator.Sprint) error {
	return db.inTx(ctx, func(tx *Tx) error { return createSprint(ctx, tx, s) })
}

// UpdateSprint changes a sprint.
func (db *DB) UpdateSprint(ctx context.Context, id int64, upd radiator.SprintUpdate) (*radiator.Sprint, error) {
	var s *radiator.Sprint
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		s, err = updateSprint(ctx, tx, id, upd)
		return err
	})
	return s, err
}

// CloseSprint closes a sprint, keeps its result and moves its unfinished
// stories to the top of the backlog or into the next sprint.
func (db *DB) CloseSprint(ctx context.Context, id int64, c radiator.SprintClose) (*radiator.Sprint, error) {
	var s *radiator.Sprint
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		s, err = closeSprint(ctx, tx, id, c)
		return err
	})
	return s, err
}

// DeleteSprint deletes a sprint no backlog item is planned into.
func (db *DB) DeleteSprint(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		s, err := findSprintByID(ctx, tx, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := checkVersion("sprint", id, s.Version, version); err != nil {
			return err
		}
		if err := checkUnreferenced(ctx, tx, fmt.Sprintf("sprint %d", id), id, []reference{
			{"backlog_items", "sprint_id", "backlog item"},
		}); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sprints WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete sprint %d: %w", id, err)
		}
		return tx.event(ctx, radiator.EntitySprint, id, radiator.ActionDelete, s, nil)
	})
}

const sprintColumns = `s.id, s.team_id, s.name, s.start_date, s.end_date, s.goal, s.state, s.days_off, s.started_at,
	s.closed_at, s.result, s.version, s.created_at, s.updated_at`

func scanSprint(row pgx.Row) (*radiator.Sprint, error) {
	var s radiator.Sprint
	var start, end time.Time
	if err := row.Scan(&s.ID, &s.TeamID, &s.Name, &start, &end, &s.Goal, &s.State, &s.DaysOff, &s.StartedAt,
		&s.ClosedAt, &s.Result, &s.Version, &s.CreatedAt, &s.UpdatedAt); err != nil {
		return nil, err
	}
	s.Start, s.End = radiator.DateOf(start), radiator.DateOf(end)
	s.StartedAt, s.ClosedAt = utc(s.StartedAt), utc(s.ClosedAt)
	s.DaysOff = unlist(s.DaysOff)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return &s, nil
}

func findSprintByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Sprint, error) {
	s, err := scanSprint(tx.QueryRow(ctx, `SELECT `+sprintColumns+` FROM sprints s WHERE s.id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("sprint", id)
	} else if err != nil {
		return nil, fmt.Errorf("load sprint %d: %w", id, err)
	}
	return s, nil
}

func findSprints(ctx context.Context, tx *Tx, f radiator.SprintFilter) ([]*radiator.Sprint, string, error) {
	n, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	afterDate, afterID, err := parseDateCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	if f.After != "" {
		w.addPair("(s.start_date, s.id) > (?, ?)", dateArg(afterDate), afterID)
	}
	if f.TeamID != 0 {
		w.add("s.team_id = ?", f.TeamID)
	}
	if f.ProductID != 0 {
		w.add("s.team_id IN (SELECT id FROM teams WHERE product_id = ?)", f.ProductID)
	}
	if f.State != "" {
		w.add("s.state = ?", f.State)
	}
	if !f.On.IsZero() {
		w.addPair("s.start_date <= ? AND s.end_date >= ?", dateArg(f.On), dateArg(f.On))
	}
	rows, err := tx.Query(ctx, `SELECT `+sprintColumns+` FROM sprints s `+w.sql()+` ORDER BY s.start_date, s.id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list sprints: %w", err)
	}
	ss, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Sprint, error) { return scanSprint(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list sprints: %w", err)
	}
	ss, next := page(ss, n, func(s *radiator.Sprint) string { return radiator.KeyCursor(s.Start.String(), s.ID) })
	return ss, next, nil
}

// checkSprintDates checks that the sprint's team exists and that none of
// its other sprints overlaps this one. It locks the team's row, so that two
// sprints written at the same time cannot overlap either.
func checkSprintDates(ctx context.Context, tx *Tx, s *radiator.Sprint) error {
	ok, err := tx.exists(ctx, `SELECT 1 FROM teams WHERE id = $1 FOR NO KEY UPDATE`, s.TeamID)
	if err != nil {
		return fmt.Errorf("look up team %d: %w", s.TeamID, err)
	}
	if !ok {
		return radiator.Invalidf("team_id", "there is no team %d", s.TeamID)
	}
	var name string
	var start, end time.Time
	err = tx.QueryRow(ctx, `
		SELECT name, start_date, end_date FROM sprints
		WHERE team_id = $1 AND id <> $2 AND start_date <= $4 AND end_date >= $3
		ORDER BY start_date, id LIMIT 1`,
		s.TeamID, s.ID, dateArg(s.Start), dateArg(s.End)).Scan(&name, &start, &end)
	if err == nil {
		return radiator.Invalidf("start", "the sprint overlaps the team's sprint %q, %s to %s",
			name, radiator.DateOf(start), radiator.DateOf(end))
	} else if err != pgx.ErrNoRows {
		return fmt.Errorf("look for overlapping sprints: %w", err)
	}
	return nil
}

func createSprint(ctx context.Context, tx *Tx, s *radiator.Sprint) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := checkSprintDates(ctx, tx, s); err != nil {
		return err
	}
	// When a sprint started and closed, and what it delivered, is the
	// store's to record.
	s.StartedAt, s.ClosedAt, s.Result = nil, nil, nil
	s.MarkState("", tx.now)
	s.Version, s.CreatedAt, s.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO sprints (team_id, name, start_date, end_date, goal, state, days_off, started_at, closed_at,
			version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		s.TeamID, s.Name, dateArg(s.Start), dateArg(s.End), s.Goal, s.State, list(s.DaysOff), s.StartedAt, s.ClosedAt,
		s.Version, s.CreatedAt, s.UpdatedAt).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("insert sprint: %w", err)
	}
	return tx.event(ctx, radiator.EntitySprint, s.ID, radiator.ActionCreate, nil, s)
}

func updateSprint(ctx context.Context, tx *Tx, id int64, upd radiator.SprintUpdate) (*radiator.Sprint, error) {
	s, err := findSprintByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("sprint", id, s.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *s
	if err := upd.Apply(s, tx.now); err != nil {
		return nil, err
	}
	if err := checkSprintDates(ctx, tx, s); err != nil {
		return nil, err
	}
	if err := saveSprint(ctx, tx, s); err != nil {
		return nil, err
	}
	return s, tx.event(ctx, radiator.EntitySprint, id, radiator.ActionUpdate, &before, s)
}

// saveSprint writes a changed sprint as its next version.
func saveSprint(ctx context.Context, tx *Tx, s *radiator.Sprint) error {
	s.Version++
	s.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `
		UPDATE sprints SET name = $1, start_date = $2, end_date = $3, goal = $4, state = $5, days_off = $6,
			started_at = $7, closed_at = $8, result = $9, version = $10, updated_at = $11
		WHERE id = $12`,
		s.Name, dateArg(s.Start), dateArg(s.End), s.Goal, s.State, list(s.DaysOff), s.StartedAt, s.ClosedAt, s.Result,
		s.Version, s.UpdatedAt, s.ID); err != nil {
		return fmt.Errorf("update sprint %d: %w", s.ID, err)
	}
	return nil
}

func closeSprint(ctx context.Context, tx *Tx, id int64, c radiator.SprintClose) (*radiator.Sprint, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := lockSprintWork(ctx, tx, id, c.Unfinished == radiator.UnfinishedToBacklog); err != nil {
		return nil, err
	}
	s, err := findSprintByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("sprint", id, s.Version, c.Version); err != nil {
		return nil, err
	}
	if s.State == radiator.SprintClosed {
		return nil, radiator.Invalidf("state", "sprint %q is already closed", s.Name)
	}
	var next *radiator.Sprint
	if c.Unfinished == radiator.UnfinishedToNext {
		if next, err = nextSprint(ctx, tx, s, c.NextSprintID); err != nil {
			return nil, err
		}
	}
	// The result is the sprint's burndown at the close, before its
	// unfinished work leaves it.
	events, err := findSprintEvents(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	before := *s
	s.State = radiator.SprintClosed
	s.MarkState(before.State, tx.now)
	b, err := radiator.NewBurndown(s, events, tx.now)
	if err != nil {
		return nil, fmt.Errorf("burndown of sprint %d: %w", id, err)
	}
	result := b.Result()
	s.Result = &result
	if err := saveSprint(ctx, tx, s); err != nil {
		return nil, err
	}
	if err := tx.event(ctx, radiator.EntitySprint, id, radiator.ActionUpdate, &before, s); err != nil {
		return nil, err
	}
	return s, moveUnfinished(ctx, tx, s, next)
}

// nextSprint returns the sprint that takes a closing sprint's unfinished
// work: the one named, which must be an open sprint of the same team, or
// else the team's first open sprint starting after the closing one.
func nextSprint(ctx context.Context, tx *Tx, s *radiator.Sprint, named *int64) (*radiator.Sprint, error) {
	if named != nil {
		next, err := findSprintByID(ctx, tx, *named, "FOR SHARE")
		if radiator.ErrorCode(err) == radiator.ENOTFOUND {
			return nil, radiator.Invalidf("next_sprint_id", "there is no sprint %d", *named)
		} else if err != nil {
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
	next, err := scanSprint(tx.QueryRow(ctx, `
		SELECT `+sprintColumns+` FROM sprints s
		WHERE s.team_id = $1 AND s.start_date > $2 AND s.state <> $3
		ORDER BY s.start_date, s.id LIMIT 1 FOR SHARE`,
		s.TeamID, dateArg(s.Start), radiator.SprintClosed))
	if err == pgx.ErrNoRows {
		return nil, radiator.Invalidf("unfinished", "the team has no sprint after %q to take the unfinished work; plan one, or move the work to the backlog", s.Name)
	} else if err != nil {
		return nil, fmt.Errorf("find the sprint after sprint %d: %w", s.ID, err)
	}
	return next, nil
}

// lockSprintWork locks what closing a sprint changes before the sprint
// itself, in the order moves and item changes lock them: the ranks of the
// team's product (when unfinished work goes to the backlog), then the
// sprint's items. A change that plans an item into the sprint meanwhile
// waits for the close, then finds the sprint closed.
func lockSprintWork(ctx context.Context, tx *Tx, id int64, ranks bool) error {
	if ranks {
		var productID int64
		err := tx.QueryRow(ctx, `SELECT t.product_id FROM sprints s JOIN teams t ON t.id = s.team_id WHERE s.id = $1`, id).Scan(&productID)
		if err == pgx.ErrNoRows {
			return notFound("sprint", id)
		} else if err != nil {
			return fmt.Errorf("load the product of sprint %d: %w", id, err)
		}
		if err := lockRanks(ctx, tx, productID); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM backlog_items WHERE sprint_id = $1 ORDER BY id FOR UPDATE`, id); err != nil {
		return fmt.Errorf("lock the items of sprint %d: %w", id, err)
	}
	return nil
}

// moveUnfinished moves the stories of a closed sprint that are not done
// into the next sprint, or with next nil to the top of their product's
// backlog in their order. They keep their state and leave the board.
func moveUnfinished(ctx context.Context, tx *Tx, s, next *radiator.Sprint) error {
	rows, err := tx.Query(ctx, `
		SELECT `+itemColumns+` FROM backlog_items WHERE sprint_id = $1 AND state <> $2
		ORDER BY rank, id FOR UPDATE`, s.ID, radiator.StateDone)
	if err != nil {
		return fmt.Errorf("load unfinished work of sprint %d: %w", s.ID, err)
	}
	its, err := collectBacklogItems(rows)
	if err != nil {
		return fmt.Errorf("load unfinished work of sprint %d: %w", s.ID, err)
	}
	changes := make([]itemChange, len(its))
	for i, it := range its {
		before := *it
		it.Column = "" // off the board, keeping its state
		if next != nil {
			it.SprintID = &next.ID
		} else {
			it.SprintID = nil
		}
		changes[i] = itemChange{&before, it}
	}
	if next != nil || len(its) == 0 {
		return saveBacklogItems(ctx, tx, changes)
	}
	// The stories of a sprint are all of its team's product.
	productID := its[0].ProductID
	ids := make([]int64, len(its))
	for i, it := range its {
		ids[i] = it.ID
	}
	ranks, err := topRanks(ctx, tx, productID, ids, len(its))
	if err != nil {
		return err
	}
	if ranks == nil {
		// No room at the top: the work goes first in ranks spread anew.
		others, err := backlogWithout(ctx, tx, productID, ids)
		if err != nil {
			return err
		}
		befores := map[int64]*radiator.BacklogItem{}
		for _, c := range changes {
			befores[c.after.ID] = c.before
		}
		return spreadRanks(ctx, tx, slices.Concat(its, others), befores)
	}
	for i, it := range its {
		it.Rank = ranks[i]
	}
	return saveBacklogItems(ctx, tx, changes)
}
