package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// FindReleaseByID returns one release.
func (db *DB) FindReleaseByID(ctx context.Context, id int64) (*radiator.Release, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := findReleaseByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find release %d: %w", id, err)
	}
	return r, nil
}

// FindReleases lists releases by date, then ID.
func (db *DB) FindReleases(ctx context.Context, f radiator.ReleaseFilter) ([]*radiator.Release, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findReleases(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find releases: %w", err)
	}
	return list, next, nil
}

// CreateRelease creates a release.
func (db *DB) CreateRelease(ctx context.Context, r *radiator.Release) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createRelease(ctx, tx, r); err != nil {
		return fmt.Errorf("create release: %w", err)
	}
	return tx.commit("create release")
}

// UpdateRelease changes a release.
func (db *DB) UpdateRelease(ctx context.Context, id int64, upd radiator.ReleaseUpdate) (*radiator.Release, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := updateRelease(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update release %d: %w", id, err)
	}
	return r, tx.commit("update release")
}

// DeleteRelease deletes a release no backlog item is planned for.
func (db *DB) DeleteRelease(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteRelease(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete release %d: %w", id, err)
	}
	return tx.commit("delete release")
}

const releaseColumns = `id, product_id, name, start, date, goal, phase, kind, override_reason, version, created_at, updated_at`

func scanRelease(s scanner) (*radiator.Release, error) {
	var r radiator.Release
	err := s.Scan(&r.ID, &r.ProductID, &r.Name, dateColumn{&r.Start}, dateColumn{&r.Date}, &r.Goal, &r.Phase, &r.Kind,
		&r.OverrideReason, &r.Version, timeColumn{&r.CreatedAt}, timeColumn{&r.UpdatedAt})
	return &r, err
}

func findReleaseByID(ctx context.Context, tx *Tx, id int64) (*radiator.Release, error) {
	r, err := scanRelease(tx.QueryRowContext(ctx, `SELECT `+releaseColumns+` FROM releases WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("release", id)
	}
	return r, err
}

func findReleases(ctx context.Context, tx *Tx, f radiator.ReleaseFilter) ([]*radiator.Release, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	afterDate, afterID, err := radiator.ParseKeyCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	if f.After != "" {
		w.add("(date > ? OR (date = ? AND id > ?))", afterDate, afterDate, afterID)
	}
	if f.ProductID != 0 {
		w.add("product_id = ?", f.ProductID)
	}
	if f.Phase != "" {
		w.add("phase = ?", f.Phase)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	list, err := queryList(ctx, tx, scanRelease,
		`SELECT `+releaseColumns+` FROM releases`+w.String()+` ORDER BY date, id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(r *radiator.Release) string { return radiator.KeyCursor(r.Date.String(), r.ID) })
	return list, next, nil
}

func createRelease(ctx context.Context, tx *Tx, r *radiator.Release) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := checkProductRef(ctx, tx, "product_id", r.ProductID); err != nil {
		return err
	}
	if r.Start.IsZero() {
		r.Start = radiator.DefaultReleaseStart(radiator.DateOf(tx.now.UTC()), r.Date)
	}
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO releases (product_id, name, start, date, goal, phase, kind, override_reason, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ProductID, r.Name, r.Start.String(), r.Date.String(), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version,
		formatTime(r.CreatedAt), formatTime(r.UpdatedAt)))
	if err != nil {
		return duplicate(err, "name", "The product already has a release named %s.", r.Name)
	}
	r.ID = id
	if err := tx.event(ctx, radiator.EntityRelease, r.ID, radiator.ActionCreate, nil, r); err != nil {
		return err
	}
	for _, it := range radiator.StandardReadiness(r.ID, r.Kind) {
		if err := insertReadinessItem(ctx, tx, it); err != nil {
			return err
		}
	}
	return nil
}

func updateRelease(ctx context.Context, tx *Tx, id int64, upd radiator.ReleaseUpdate) (*radiator.Release, error) {
	r, err := findReleaseByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("release", id, r.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *r
	if err := upd.Apply(r); err != nil {
		return nil, err
	}
	items, err := findReadinessItems(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := radiator.CheckReleased(&before, r, items); err != nil {
		return nil, err
	}
	r.Version++
	r.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE releases SET name = ?, start = ?, date = ?, goal = ?, phase = ?, kind = ?, override_reason = ?, version = ?,
			updated_at = ?
		WHERE id = ? AND version = ?`,
		r.Name, r.Start.String(), r.Date.String(), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version, formatTime(r.UpdatedAt),
		id, before.Version)
	if err := updated(res, err, "release", id); err != nil {
		return nil, duplicate(err, "name", "The product already has a release named %s.", r.Name)
	}
	return r, tx.event(ctx, radiator.EntityRelease, id, radiator.ActionUpdate, &before, r)
}

func deleteRelease(ctx context.Context, tx *Tx, id, version int64) error {
	r, err := findReleaseByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("release", id, r.Version, version); err != nil {
		return err
	}
	used, err := exists(ctx, tx, `SELECT 1 FROM backlog_items WHERE release_id = ? LIMIT 1`, id)
	if err != nil {
		return err
	}
	if used {
		return stillUsed("Backlog items are still planned for release %s; move them first.", r.Name)
	}
	if err := deleteReleasePlan(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM releases WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityRelease, id, radiator.ActionDelete, r, nil)
}

// FindSprintByID returns one sprint.
func (db *DB) FindSprintByID(ctx context.Context, id int64) (*radiator.Sprint, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := findSprintByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find sprint %d: %w", id, err)
	}
	return s, nil
}

// FindSprints lists sprints by start, then ID.
func (db *DB) FindSprints(ctx context.Context, f radiator.SprintFilter) ([]*radiator.Sprint, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findSprints(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find sprints: %w", err)
	}
	return list, next, nil
}

// CreateSprint creates a sprint that overlaps none of its team's.
func (db *DB) CreateSprint(ctx context.Context, s *radiator.Sprint) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createSprint(ctx, tx, s); err != nil {
		return fmt.Errorf("create sprint: %w", err)
	}
	return tx.commit("create sprint")
}

// UpdateSprint changes a sprint.
func (db *DB) UpdateSprint(ctx context.Context, id int64, upd radiator.SprintUpdate) (*radiator.Sprint, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := updateSprint(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update sprint %d: %w", id, err)
	}
	return s, tx.commit("update sprint")
}

// DeleteSprint deletes a sprint without backlog items.
func (db *DB) DeleteSprint(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteSprint(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete sprint %d: %w", id, err)
	}
	return tx.commit("delete sprint")
}

const sprintColumns = `id, team_id, name, start_date, end_date, goal, state, days_off, started_at, closed_at, result,
	version, created_at, updated_at`

func scanSprint(s scanner) (*radiator.Sprint, error) {
	var sp radiator.Sprint
	err := s.Scan(&sp.ID, &sp.TeamID, &sp.Name, dateColumn{&sp.Start}, dateColumn{&sp.End}, &sp.Goal, &sp.State,
		listColumn[radiator.DaysOff]{&sp.DaysOff}, nullTimeColumn{&sp.StartedAt}, nullTimeColumn{&sp.ClosedAt}, resultColumn{&sp.Result},
		&sp.Version, timeColumn{&sp.CreatedAt}, timeColumn{&sp.UpdatedAt})
	return &sp, err
}

// resultColumn scans a sprint's result, NULL until it closes.
type resultColumn struct{ r **radiator.SprintResult }

func (c resultColumn) Scan(v any) error {
	if v == nil {
		*c.r = nil
		return nil
	}
	var r radiator.SprintResult
	if err := (jsonColumn{&r}).Scan(v); err != nil {
		return err
	}
	*c.r = &r
	return nil
}

// sprintValues are the column values of a sprint's lists and result.
type sprintValues struct {
	daysOff string
	result  any
}

// encodeSprint returns the column values of the sprint's days off and
// result, and sets an empty list of days off to nil as a read would.
func encodeSprint(s *radiator.Sprint) (sprintValues, error) {
	s.DaysOff = emptyAsNil(s.DaysOff)
	var v sprintValues
	var err error
	if v.daysOff, err = listJSON(s.DaysOff); err != nil {
		return v, err
	}
	if s.Result != nil {
		b, err := json.Marshal(s.Result)
		if err != nil {
			return v, fmt.Errorf("encode sprint result: %w", err)
		}
		v.result = string(b)
	}
	return v, nil
}

// saveSprint writes a changed sprint over the version it was read at,
// moving its version and update time on.
func saveSprint(ctx context.Context, tx *Tx, s *radiator.Sprint, version int64) error {
	s.Version = version + 1
	s.UpdatedAt = tx.now
	v, err := encodeSprint(s)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE sprints SET name = ?, start_date = ?, end_date = ?, goal = ?, state = ?, days_off = ?, started_at = ?, closed_at = ?,
			result = ?, version = ?, updated_at = ?
		WHERE id = ? AND version = ?`,
		s.Name, s.Start.String(), s.End.String(), s.Goal, s.State, v.daysOff, nullTime(s.StartedAt), nullTime(s.ClosedAt),
		v.result, s.Version, formatTime(s.UpdatedAt), s.ID, version)
	if err := updated(res, err, "sprint", s.ID); err != nil {
		return mapError(err)
	}
	return nil
}

func findSprintByID(ctx context.Context, tx *Tx, id int64) (*radiator.Sprint, error) {
	s, err := scanSprint(tx.QueryRowContext(ctx, `SELECT `+sprintColumns+` FROM sprints WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("sprint", id)
	}
	return s, err
}

func findSprints(ctx context.Context, tx *Tx, f radiator.SprintFilter) ([]*radiator.Sprint, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	afterStart, afterID, err := radiator.ParseKeyCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	if f.After != "" {
		w.add("(start_date > ? OR (start_date = ? AND id > ?))", afterStart, afterStart, afterID)
	}
	if f.TeamID != 0 {
		w.add("team_id = ?", f.TeamID)
	}
	if f.ProductID != 0 {
		w.add("team_id IN (SELECT id FROM teams WHERE product_id = ?)", f.ProductID)
	}
	if f.State != "" {
		w.add("state = ?", f.State)
	}
	if !f.On.IsZero() {
		w.add("start_date <= ? AND end_date >= ?", f.On.String(), f.On.String())
	}
	list, err := queryList(ctx, tx, scanSprint,
		`SELECT `+sprintColumns+` FROM sprints`+w.String()+` ORDER BY start_date, id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(s *radiator.Sprint) string { return radiator.KeyCursor(s.Start.String(), s.ID) })
	return list, next, nil
}

// checkSprintOverlap refuses a sprint sharing a day with another sprint of
// its team.
func checkSprintOverlap(ctx context.Context, tx *Tx, s *radiator.Sprint) error {
	var name, start, end string
	err := tx.QueryRowContext(ctx, `
		SELECT name, start_date, end_date FROM sprints
		WHERE team_id = ? AND id <> ? AND start_date <= ? AND end_date >= ?
		ORDER BY start_date LIMIT 1`,
		s.TeamID, s.ID, s.End.String(), s.Start.String()).Scan(&name, &start, &end)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return radiator.Invalidf("start", "the sprint overlaps the team's sprint %q (%s to %s)", name, start, end)
}

func createSprint(ctx context.Context, tx *Tx, s *radiator.Sprint) error {
	if err := s.Validate(); err != nil {
		return err
	}
	ok, err := exists(ctx, tx, `SELECT 1 FROM teams WHERE id = ?`, s.TeamID)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef("team_id", "team", s.TeamID)
	}
	s.ID = 0
	if err := checkSprintOverlap(ctx, tx, s); err != nil {
		return err
	}
	// The times and the result are the store's to set.
	s.StartedAt, s.ClosedAt, s.Result = nil, nil, nil
	s.MarkState("", tx.now)
	s.Version, s.CreatedAt, s.UpdatedAt = 1, tx.now, tx.now
	v, err := encodeSprint(s)
	if err != nil {
		return err
	}
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO sprints (team_id, name, start_date, end_date, goal, state, days_off, started_at, closed_at, result,
			version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TeamID, s.Name, s.Start.String(), s.End.String(), s.Goal, s.State, v.daysOff, nullTime(s.StartedAt), nullTime(s.ClosedAt),
		v.result, s.Version, formatTime(s.CreatedAt), formatTime(s.UpdatedAt)))
	if err != nil {
		return mapError(err)
	}
	s.ID = id
	return tx.event(ctx, radiator.EntitySprint, s.ID, radiator.ActionCreate, nil, s)
}

func updateSprint(ctx context.Context, tx *Tx, id int64, upd radiator.SprintUpdate) (*radiator.Sprint, error) {
	s, err := findSprintByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("sprint", id, s.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *s
	if err := upd.Apply(s, tx.now); err != nil {
		return nil, err
	}
	if err := checkSprintOverlap(ctx, tx, s); err != nil {
		return nil, err
	}
	if err := saveSprint(ctx, tx, s, before.Version); err != nil {
		return nil, err
	}
	return s, tx.event(ctx, radiator.EntitySprint, id, radiator.ActionUpdate, &before, s)
}

func deleteSprint(ctx context.Context, tx *Tx, id, version int64) error {
	s, err := findSprintByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("sprint", id, s.Version, version); err != nil {
		return err
	}
	used, err := exists(ctx, tx, `SELECT 1 FROM backlog_items WHERE sprint_id = ? LIMIT 1`, id)
	if err != nil {
		return err
	}
	if used {
		return stillUsed("The sprint %s still has backlog items; move them first.", s.Name)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sprints WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntitySprint, id, radiator.ActionDelete, s, nil)
}
