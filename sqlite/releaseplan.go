package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/radiator-hq/radiator"
)

// CreateBacklogItems creates several items at once, all or none.
func (db *DB) CreateBacklogItems(ctx context.Context, items []*radiator.BacklogItem) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createBacklogItems(ctx, tx, items); err != nil {
		return fmt.Errorf("create backlog items: %w", err)
	}
	return tx.commit("create backlog items")
}

// CreateBaseline takes a baseline of a release's plan as it stands.
func (db *DB) CreateBaseline(ctx context.Context, b *radiator.Baseline) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createBaseline(ctx, tx, b); err != nil {
		return fmt.Errorf("create baseline: %w", err)
	}
	return tx.commit("create baseline")
}

// FindBaselines returns a release's baselines, oldest first.
func (db *DB) FindBaselines(ctx context.Context, releaseID int64) ([]*radiator.Baseline, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findReleaseByID(ctx, tx, releaseID); err != nil {
		return nil, fmt.Errorf("find baselines: %w", err)
	}
	list, err := findBaselines(ctx, tx, releaseID)
	if err != nil {
		return nil, fmt.Errorf("find baselines of release %d: %w", releaseID, err)
	}
	return list, nil
}

// FindReleaseEvents returns, in ID order, the events of the releases and
// of the features that were in one of them before or after a change; the
// features' JSON cut to what release computations read.
func (db *DB) FindReleaseEvents(ctx context.Context, releaseIDs []int64) ([]*radiator.Event, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	evs, err := findReleaseEvents(ctx, tx, releaseIDs)
	if err != nil {
		return nil, fmt.Errorf("find events of releases %v: %w", releaseIDs, err)
	}
	return evs, nil
}

// FindDependencyByID returns one dependency.
func (db *DB) FindDependencyByID(ctx context.Context, id int64) (*radiator.Dependency, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := findDependencyByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find dependency %d: %w", id, err)
	}
	return d, nil
}

// FindDependencies lists dependencies by ID.
func (db *DB) FindDependencies(ctx context.Context, f radiator.DependencyFilter) ([]*radiator.Dependency, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findDependencies(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find dependencies: %w", err)
	}
	return list, next, nil
}

// CreateDependency records that one item of a product depends on another.
func (db *DB) CreateDependency(ctx context.Context, d *radiator.Dependency) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createDependency(ctx, tx, d); err != nil {
		return fmt.Errorf("create dependency: %w", err)
	}
	return tx.commit("create dependency")
}

// UpdateDependency changes a dependency's note or state.
func (db *DB) UpdateDependency(ctx context.Context, id int64, upd radiator.DependencyUpdate) (*radiator.Dependency, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := updateDependency(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update dependency %d: %w", id, err)
	}
	return d, tx.commit("update dependency")
}

// DeleteDependency deletes a dependency.
func (db *DB) DeleteDependency(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteDependency(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete dependency %d: %w", id, err)
	}
	return tx.commit("delete dependency")
}

// FindReadinessItemByID returns one readiness item.
func (db *DB) FindReadinessItemByID(ctx context.Context, id int64) (*radiator.ReadinessItem, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := findReadinessItemByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find readiness item %d: %w", id, err)
	}
	return r, nil
}

// FindReadinessItems returns a release's checklist, by part then ID.
func (db *DB) FindReadinessItems(ctx context.Context, releaseID int64) ([]*radiator.ReadinessItem, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findReleaseByID(ctx, tx, releaseID); err != nil {
		return nil, fmt.Errorf("find readiness items: %w", err)
	}
	list, err := findReadinessItems(ctx, tx, releaseID)
	if err != nil {
		return nil, fmt.Errorf("find readiness items of release %d: %w", releaseID, err)
	}
	return list, nil
}

// CreateReadinessItem adds an item to a release's checklist.
func (db *DB) CreateReadinessItem(ctx context.Context, r *radiator.ReadinessItem) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createReadinessItem(ctx, tx, r); err != nil {
		return fmt.Errorf("create readiness item: %w", err)
	}
	return tx.commit("create readiness item")
}

// UpdateReadinessItem changes a readiness item.
func (db *DB) UpdateReadinessItem(ctx context.Context, id int64, upd radiator.ReadinessItemUpdate) (*radiator.ReadinessItem, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := updateReadinessItem(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update readiness item %d: %w", id, err)
	}
	return r, tx.commit("update readiness item")
}

// DeleteReadinessItem deletes a readiness item.
func (db *DB) DeleteReadinessItem(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteReadinessItem(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete readiness item %d: %w", id, err)
	}
	return tx.commit("delete readiness item")
}

// ApplyDecision applies a what-if change to a release's plan and records
// the decision.
func (db *DB) ApplyDecision(ctx context.Context, d *radiator.Decision) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := applyDecision(ctx, tx, d); err != nil {
		return fmt.Errorf("apply decision: %w", err)
	}
	return tx.commit("apply decision")
}

// FindDecisions returns a release's decisions, oldest first.
func (db *DB) FindDecisions(ctx context.Context, releaseID int64) ([]*radiator.Decision, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findReleaseByID(ctx, tx, releaseID); err != nil {
		return nil, fmt.Errorf("find decisions: %w", err)
	}
	list, err := findDecisions(ctx, tx, releaseID)
	if err != nil {
		return nil, fmt.Errorf("find decisions of release %d: %w", releaseID, err)
	}
	return list, nil
}

// actorOf returns the ID and name of the actor of ctx, the ID nil for a
// system actor.
func actorOf(ctx context.Context) (*int64, string) {
	a := radiator.ActorFromContext(ctx)
	if a.PersonID == 0 {
		return nil, a.Name
	}
	return &a.PersonID, a.Name
}

// inList returns the placeholders of an IN list of ids, sorted and without
// repeats, and the ids as arguments.
func inList(ids []int64) (string, []any) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}

// findReleaseEvents reads the releases' histories from release_events, a
// range of its primary key each. An event under two of the releases comes
// twice in ID order, and is kept once.
func findReleaseEvents(ctx context.Context, tx *Tx, releaseIDs []int64) ([]*radiator.Event, error) {
	if len(releaseIDs) == 0 {
		return nil, nil
	}
	in, ids := inList(releaseIDs)
	evs, err := queryList(ctx, tx, scanEvent, `
		SELECT event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after FROM release_events
		WHERE release_id IN (`+in+`) ORDER BY event_id`, ids...)
	if err != nil {
		return nil, err
	}
	return slices.CompactFunc(evs, func(a, b *radiator.Event) bool { return a.ID == b.ID }), nil
}

const baselineColumns = `id, release_id, taken_at, taken_by_id, taken_by_name, note, date, features`

func scanBaseline(s scanner) (*radiator.Baseline, error) {
	var b radiator.Baseline
	err := s.Scan(&b.ID, &b.ReleaseID, timeColumn{&b.TakenAt}, &b.TakenByID, &b.TakenByName, &b.Note, dateColumn{&b.Date},
		listColumn[radiator.BaselineFeature]{&b.Features})
	return &b, err
}

func findBaselines(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.Baseline, error) {
	return queryList(ctx, tx, scanBaseline,
		`SELECT `+baselineColumns+` FROM release_baselines WHERE release_id = ? ORDER BY id`, releaseID)
}

func createBaseline(ctx context.Context, tx *Tx, b *radiator.Baseline) error {
	if err := b.Validate(); err != nil {
		return err
	}
	r, err := findReleaseByID(ctx, tx, b.ReleaseID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return missingRef("release_id", "release", b.ReleaseID)
	}
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT id, title, estimate FROM backlog_items WHERE release_id = ? AND kind = ? ORDER BY rank, id`,
		r.ID, radiator.KindFeature)
	if err != nil {
		return err
	}
	defer rows.Close()
	b.Features = nil
	for rows.Next() {
		var f radiator.BaselineFeature
		var estimate *float64
		if err := rows.Scan(&f.ID, &f.Title, &estimate); err != nil {
			return err
		}
		f.Units = radiator.FeatureUnits(estimate)
		b.Features = append(b.Features, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	features, err := listJSON(b.Features)
	if err != nil {
		return err
	}
	b.Date, b.TakenAt = r.Date, tx.now
	b.TakenByID, b.TakenByName = actorOf(ctx)
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO release_baselines (release_id, taken_at, taken_by_id, taken_by_name, note, date, features)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		b.ReleaseID, formatTime(b.TakenAt), b.TakenByID, b.TakenByName, b.Note, b.Date.String(), features))
	if err != nil {
		return mapError(err)
	}
	b.ID = id
	return tx.event(ctx, radiator.EntityBaseline, b.ID, radiator.ActionCreate, nil, b)
}

const dependencyColumns = `id, product_id, item_id, depends_on_id, note, state, version, created_at, updated_at`

func scanDependency(s scanner) (*radiator.Dependency, error) {
	var d radiator.Dependency
	err := s.Scan(&d.ID, &d.ProductID, &d.ItemID, &d.DependsOnID, &d.Note, &d.State, &d.Version,
		timeColumn{&d.CreatedAt}, timeColumn{&d.UpdatedAt})
	return &d, err
}

func findDependencyByID(ctx context.Context, tx *Tx, id int64) (*radiator.Dependency, error) {
	d, err := scanDependency(tx.QueryRowContext(ctx, `SELECT `+dependencyColumns+` FROM dependencies WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("dependency", id)
	}
	return d, err
}

func findDependencies(ctx context.Context, tx *Tx, f radiator.DependencyFilter) ([]*radiator.Dependency, string, error) {
	limit, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	w := &where{}
	w.add("id > ?", after)
	if f.ProductID != 0 {
		w.add("product_id = ?", f.ProductID)
	}
	if f.State != "" {
		w.add("state = ?", f.State)
	}
	if len(f.ItemIDs) > 0 {
		in, ids := inList(f.ItemIDs)
		w.add("(item_id IN ("+in+") OR depends_on_id IN ("+in+"))", append(ids, ids...)...)
	}
	list, err := queryList(ctx, tx, scanDependency,
		`SELECT `+dependencyColumns+` FROM dependencies`+w.String()+` ORDER BY id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(d *radiator.Dependency) string { return radiator.IDCursor(d.ID) })
	return list, next, nil
}

// checkDependencyEnd checks that one end of a dependency is an item of the
// dependency's product.
func checkDependencyEnd(ctx context.Context, tx *Tx, field string, d *radiator.Dependency, id int64) error {
	it, err := findBacklogItemByID(ctx, tx, id)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return missingRef(field, "backlog item", id)
	}
	if err != nil {
		return err
	}
	if it.ProductID != d.ProductID {
		return radiator.Invalidf(field, "backlog item %d belongs to another product", id)
	}
	return nil
}

func createDependency(ctx context.Context, tx *Tx, d *radiator.Dependency) error {
	d.ID = 0
	if err := d.Validate(); err != nil {
		return err
	}
	if err := checkProductRef(ctx, tx, "product_id", d.ProductID); err != nil {
		return err
	}
	if err := checkDependencyEnd(ctx, tx, "item_id", d, d.ItemID); err != nil {
		return err
	}
	if err := checkDependencyEnd(ctx, tx, "depends_on_id", d, d.DependsOnID); err != nil {
		return err
	}
	var item, on int64
	err := tx.QueryRowContext(ctx, `
		SELECT item_id, depends_on_id FROM dependencies
		WHERE (item_id = ? AND depends_on_id = ?) OR (item_id = ? AND depends_on_id = ?)`,
		d.ItemID, d.DependsOnID, d.DependsOnID, d.ItemID).Scan(&item, &on)
	switch {
	case err == nil:
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "depends_on_id",
			Message: fmt.Sprintf("Item %d already depends on item %d.", item, on)}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	d.Version, d.CreatedAt, d.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO dependencies (product_id, item_id, depends_on_id, note, state, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ProductID, d.ItemID, d.DependsOnID, d.Note, d.State, d.Version, formatTime(d.CreatedAt), formatTime(d.UpdatedAt)))
	if err != nil {
		return duplicate(err, "depends_on_id", "Item %d already depends on item %d, or the other way round.", d.ItemID, d.DependsOnID)
	}
	d.ID = id
	return tx.event(ctx, radiator.EntityDependency, d.ID, radiator.ActionCreate, nil, d)
}

func updateDependency(ctx context.Context, tx *Tx, id int64, upd radiator.DependencyUpdate) (*radiator.Dependency, error) {
	d, err := findDependencyByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("dependency", id, d.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *d
	if err := upd.Apply(d); err != nil {
		return nil, err
	}
	d.Version++
	d.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE dependencies SET note = ?, state = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		d.Note, d.State, d.Version, formatTime(d.UpdatedAt), id, before.Version)
	if err := updated(res, err, "dependency", id); err != nil {
		return nil, mapError(err)
	}
	return d, tx.event(ctx, radiator.EntityDependency, id, radiator.ActionUpdate, &before, d)
}

func deleteDependency(ctx context.Context, tx *Tx, id, version int64) error {
	d, err := findDependencyByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("dependency", id, d.Version, version); err != nil {
		return err
	}
	return removeDependency(ctx, tx, d)
}

func removeDependency(ctx context.Context, tx *Tx, d *radiator.Dependency) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM dependencies WHERE id = ?`, d.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityDependency, d.ID, radiator.ActionDelete, d, nil)
}

// deleteItemDependencies deletes the dependencies of an item, either way
// round, each with its event, before the item goes.
func deleteItemDependencies(ctx context.Context, tx *Tx, itemID int64) error {
	deps, err := queryList(ctx, tx, scanDependency,
		`SELECT `+dependencyColumns+` FROM dependencies WHERE item_id = ? OR depends_on_id = ? ORDER BY id`, itemID, itemID)
	if err != nil {
		return err
	}
	for _, d := range deps {
		if err := removeDependency(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

const readinessColumns = `id, release_id, part, title, owner_id, state, evidence, required, version, created_at, updated_at`

func scanReadinessItem(s scanner) (*radiator.ReadinessItem, error) {
	var r radiator.ReadinessItem
	err := s.Scan(&r.ID, &r.ReleaseID, &r.Part, &r.Title, &r.OwnerID, &r.State, &r.Evidence, &r.Required, &r.Version,
		timeColumn{&r.CreatedAt}, timeColumn{&r.UpdatedAt})
	return &r, err
}

func findReadinessItemByID(ctx context.Context, tx *Tx, id int64) (*radiator.ReadinessItem, error) {
	r, err := scanReadinessItem(tx.QueryRowContext(ctx, `SELECT `+readinessColumns+` FROM readiness_items WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("readiness item", id)
	}
	return r, err
}

// findReadinessItems returns a release's checklist in the order of
// radiator.ReadinessParts, then by ID.
func findReadinessItems(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.ReadinessItem, error) {
	list, err := queryList(ctx, tx, scanReadinessItem,
		`SELECT `+readinessColumns+` FROM readiness_items WHERE release_id = ? ORDER BY id`, releaseID)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(list, func(a, b *radiator.ReadinessItem) int {
		return slices.Index(radiator.ReadinessParts, a.Part) - slices.Index(radiator.ReadinessParts, b.Part)
	})
	return list, nil
}

// insertReadinessItem writes a new, valid readiness item with its event.
func insertReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO readiness_items (release_id, part, title, owner_id, state, evidence, required, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ReleaseID, r.Part, r.Title, r.OwnerID, r.State, r.Evidence, boolInt(r.Required), r.Version,
		formatTime(r.CreatedAt), formatTime(r.UpdatedAt)))
	if err != nil {
		return mapError(err)
	}
	r.ID = id
	return tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionCreate, nil, r)
}

func createReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	r.ID = 0
	if err := r.Validate(); err != nil {
		return err
	}
	ok, err := exists(ctx, tx, `SELECT 1 FROM releases WHERE id = ?`, r.ReleaseID)
	if err != nil {
		return err
	}
	if !ok {
		return missingRef("release_id", "release", r.ReleaseID)
	}
	if r.OwnerID != nil {
		if err := checkPersonRef(ctx, tx, "owner_id", *r.OwnerID); err != nil {
			return err
		}
	}
	return insertReadinessItem(ctx, tx, r)
}

// saveReadinessItem writes a changed readiness item over the version it
// was read at, moving its version and update time on.
func saveReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem, version int64) error {
	r.Version = version + 1
	r.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE readiness_items SET part = ?, title = ?, owner_id = ?, state = ?, evidence = ?, required = ?, version = ?,
			updated_at = ?
		WHERE id = ? AND version = ?`,
		r.Part, r.Title, r.OwnerID, r.State, r.Evidence, boolInt(r.Required), r.Version, formatTime(r.UpdatedAt), r.ID, version)
	if err := updated(res, err, "readiness item", r.ID); err != nil {
		return mapError(err)
	}
	return nil
}

func updateReadinessItem(ctx context.Context, tx *Tx, id int64, upd radiator.ReadinessItemUpdate) (*radiator.ReadinessItem, error) {
	r, err := findReadinessItemByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("readiness item", id, r.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *r
	if err := upd.Apply(r); err != nil {
		return nil, err
	}
	if r.OwnerID != nil && !sameID(before.OwnerID, r.OwnerID) {
		if err := checkPersonRef(ctx, tx, "owner_id", *r.OwnerID); err != nil {
			return nil, err
		}
	}
	if err := saveReadinessItem(ctx, tx, r, before.Version); err != nil {
		return nil, err
	}
	return r, tx.event(ctx, radiator.EntityReadiness, id, radiator.ActionUpdate, &before, r)
}

func deleteReadinessItem(ctx context.Context, tx *Tx, id, version int64) error {
	r, err := findReadinessItemByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("readiness item", id, r.Version, version); err != nil {
		return err
	}
	return removeReadinessItem(ctx, tx, r)
}

func removeReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM readiness_items WHERE id = ?`, r.ID); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionDelete, r, nil)
}

// clearReadinessOwners takes a person off every readiness item they own,
// each with its event, before the person goes.
func clearReadinessOwners(ctx context.Context, tx *Tx, personID int64) error {
	items, err := queryList(ctx, tx, scanReadinessItem,
		`SELECT `+readinessColumns+` FROM readiness_items WHERE owner_id = ? ORDER BY id`, personID)
	if err != nil {
		return err
	}
	for _, r := range items {
		before := *r
		r.OwnerID = nil
		if err := saveReadinessItem(ctx, tx, r, before.Version); err != nil {
			return err
		}
		if err := tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionUpdate, &before, r); err != nil {
			return err
		}
	}
	return nil
}

// deleteReleasePlan deletes a release's checklist, baselines and
// decisions, each with its event, before the release goes.
func deleteReleasePlan(ctx context.Context, tx *Tx, releaseID int64) error {
	items, err := findReadinessItems(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, r := range items {
		if err := removeReadinessItem(ctx, tx, r); err != nil {
			return err
		}
	}
	baselines, err := findBaselines(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, b := range baselines {
		if _, err := tx.ExecContext(ctx, `DELETE FROM release_baselines WHERE id = ?`, b.ID); err != nil {
			return mapError(err)
		}
		if err := tx.event(ctx, radiator.EntityBaseline, b.ID, radiator.ActionDelete, b, nil); err != nil {
			return err
		}
	}
	decisions, err := findDecisions(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, d := range decisions {
		if _, err := tx.ExecContext(ctx, `DELETE FROM release_decisions WHERE id = ?`, d.ID); err != nil {
			return mapError(err)
		}
		if err := tx.event(ctx, radiator.EntityDecision, d.ID, radiator.ActionDelete, d, nil); err != nil {
			return err
		}
	}
	return nil
}

const decisionColumns = `id, release_id, change, summary, reason, actor_id, actor_name, at`

func scanDecision(s scanner) (*radiator.Decision, error) {
	var d radiator.Decision
	err := s.Scan(&d.ID, &d.ReleaseID, jsonColumn{&d.Change}, &d.Summary, &d.Reason, &d.ActorID, &d.ActorName, timeColumn{&d.At})
	return &d, err
}

func findDecisions(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.Decision, error) {
	return queryList(ctx, tx, scanDecision,
		`SELECT `+decisionColumns+` FROM release_decisions WHERE release_id = ? ORDER BY id`, releaseID)
}

// decisionTarget checks what a decision's change names, the item and for
// a move the team, against the release, and returns them.
func decisionTarget(ctx context.Context, tx *Tx, r *radiator.Release, w radiator.WhatIf) (*radiator.BacklogItem, *radiator.Team, error) {
	it, err := findBacklogItemByID(ctx, tx, w.ItemID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, nil, missingRef("item_id", "backlog item", w.ItemID)
	}
	if err != nil {
		return nil, nil, err
	}
	if it.ProductID != r.ProductID {
		return nil, nil, radiator.Invalidf("item_id", "backlog item %d belongs to another product than release %s", it.ID, r.Name)
	}
	want := radiator.KindFeature
	if w.Kind == radiator.WhatIfMoveStory {
		want = radiator.KindStory
	}
	if it.Kind != want {
		return nil, nil, radiator.Invalidf("item_id", "a %s takes a %s, and backlog item %d is a %s", w.Kind, want, it.ID, it.Kind)
	}
	switch {
	case w.Kind == radiator.WhatIfMoveStory && it.State == radiator.StateDone:
		return nil, nil, radiator.Invalidf("item_id", "story %q is done; only unfinished work moves", it.Title)
	case w.Kind == radiator.WhatIfCutFeature && (it.ReleaseID == nil || *it.ReleaseID != r.ID):
		return nil, nil, radiator.Invalidf("item_id", "feature %q is not planned for release %s", it.Title, r.Name)
	case w.Kind == radiator.WhatIfCutFeature:
		return it, nil, nil
	}
	team, err := findTeamByID(ctx, tx, w.TeamID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, nil, missingRef("team_id", "team", w.TeamID)
	}
	if err != nil {
		return nil, nil, err
	}
	if team.ProductID != r.ProductID {
		return nil, nil, radiator.Invalidf("team_id", "team %s works on another product than release %s", team.Name, r.Name)
	}
	return it, team, nil
}

// changeItems applies one update to each item, each as UpdateBacklogItem
// would, naming the item in an error.
func changeItems(ctx context.Context, tx *Tx, items []*radiator.BacklogItem, upd radiator.BacklogItemUpdate) error {
	for _, it := range items {
		upd.Version = it.Version
		if _, err := updateBacklogItem(ctx, tx, it.ID, upd); err != nil {
			return itemError(it.ID, err)
		}
	}
	return nil
}

// applyChange changes the items a decision names, as the contract says.
func applyChange(ctx context.Context, tx *Tx, r *radiator.Release, it *radiator.BacklogItem, team *radiator.Team, w radiator.WhatIf) error {
	// A story that moves to another team leaves its sprint and its
	// column: the new team plans it.
	noColumn := ""
	leave := radiator.BacklogItemUpdate{SprintID: radiator.SetNull[int64](), Column: &noColumn}
	switch w.Kind {
	case radiator.WhatIfMoveStory:
		leave.TeamID = radiator.SetTo(team.ID)
		return changeItems(ctx, tx, []*radiator.BacklogItem{it}, leave)
	case radiator.WhatIfMoveFeature:
		if err := changeItems(ctx, tx, []*radiator.BacklogItem{it}, radiator.BacklogItemUpdate{TeamID: radiator.SetTo(team.ID)}); err != nil {
			return err
		}
		stories, err := queryList(ctx, tx, scanBacklogItem, `SELECT `+itemColumns+` FROM backlog_items
			WHERE parent_id = ? AND state <> ? ORDER BY rank, id`, it.ID, radiator.StateDone)
		if err != nil {
			return err
		}
		leave.TeamID = radiator.SetTo(team.ID)
		return changeItems(ctx, tx, stories, leave)
	default:
		stories, err := queryList(ctx, tx, scanBacklogItem, `SELECT `+itemColumns+` FROM backlog_items
			WHERE parent_id = ? AND release_id = ? ORDER BY rank, id`, it.ID, r.ID)
		if err != nil {
			return err
		}
		return changeItems(ctx, tx, append([]*radiator.BacklogItem{it}, stories...),
			radiator.BacklogItemUpdate{ReleaseID: radiator.SetNull[int64]()})
	}
}

func applyDecision(ctx context.Context, tx *Tx, d *radiator.Decision) error {
	d.ID = 0
	if err := d.Validate(); err != nil {
		return err
	}
	r, err := findReleaseByID(ctx, tx, d.ReleaseID)
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return missingRef("release_id", "release", d.ReleaseID)
	}
	if err != nil {
		return err
	}
	it, team, err := decisionTarget(ctx, tx, r, d.Change)
	if err != nil {
		return err
	}
	if err := applyChange(ctx, tx, r, it, team, d.Change); err != nil {
		return err
	}
	teamName := ""
	if team != nil {
		teamName = team.Name
	}
	d.Summary = d.Change.Describe(it.Title, teamName)
	d.ActorID, d.ActorName = actorOf(ctx)
	d.At = tx.now
	change, err := json.Marshal(d.Change)
	if err != nil {
		return fmt.Errorf("encode change: %w", err)
	}
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO release_decisions (release_id, change, summary, reason, actor_id, actor_name, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		d.ReleaseID, string(change), d.Summary, d.Reason, d.ActorID, d.ActorName, formatTime(d.At)))
	if err != nil {
		return mapError(err)
	}
	d.ID = id
	return tx.event(ctx, radiator.EntityDecision, d.ID, radiator.ActionCreate, nil, d)
}
