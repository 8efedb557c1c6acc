package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// CreateBacklogItems creates several items at once, all or none.
func (db *DB) CreateBacklogItems(ctx context.Context, items []*radiator.BacklogItem) error {
	return db.inTx(ctx, func(tx *Tx) error { return createBacklogItems(ctx, tx, items) })
}

// CreateBaseline takes a baseline of a release's plan as it stands.
func (db *DB) CreateBaseline(ctx context.Context, b *radiator.Baseline) error {
	return db.inTx(ctx, func(tx *Tx) error { return createBaseline(ctx, tx, b) })
}

// FindBaselines returns a release's baselines, oldest first.
func (db *DB) FindBaselines(ctx context.Context, releaseID int64) ([]*radiator.Baseline, error) {
	var bs []*radiator.Baseline
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		if _, err := findReleaseByID(ctx, tx, releaseID, ""); err != nil {
			return err
		}
		bs, err = findBaselines(ctx, tx, releaseID)
		return err
	})
	return bs, err
}

// FindReleaseEvents returns, in ID order, the events of the releases and
// of the features that were in one of them before or after a change; the
// features' JSON cut to what release computations read.
func (db *DB) FindReleaseEvents(ctx context.Context, releaseIDs []int64) ([]*radiator.Event, error) {
	var es []*radiator.Event
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		es, err = findReleaseEvents(ctx, tx, releaseIDs)
		return err
	})
	return es, err
}

// FindDependencyByID returns a dependency.
func (db *DB) FindDependencyByID(ctx context.Context, id int64) (*radiator.Dependency, error) {
	var d *radiator.Dependency
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		d, err = findDependencyByID(ctx, tx, id, "")
		return err
	})
	return d, err
}

// FindDependencies returns dependencies in ID order.
func (db *DB) FindDependencies(ctx context.Context, f radiator.DependencyFilter) ([]*radiator.Dependency, string, error) {
	var ds []*radiator.Dependency
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ds, next, err = findDependencies(ctx, tx, f)
		return err
	})
	return ds, next, err
}

// CreateDependency records that one item of a product depends on another.
func (db *DB) CreateDependency(ctx context.Context, d *radiator.Dependency) error {
	return db.inTx(ctx, func(tx *Tx) error { return createDependency(ctx, tx, d) })
}

// UpdateDependency changes a dependency's note or state.
func (db *DB) UpdateDependency(ctx context.Context, id int64, upd radiator.DependencyUpdate) (*radiator.Dependency, error) {
	var d *radiator.Dependency
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		d, err = updateDependency(ctx, tx, id, upd)
		return err
	})
	return d, err
}

// DeleteDependency deletes a dependency.
func (db *DB) DeleteDependency(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		d, err := findDependencyByID(ctx, tx, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := checkVersion("dependency", id, d.Version, version); err != nil {
			return err
		}
		return removeDependency(ctx, tx, d)
	})
}

// FindReadinessItemByID returns a readiness item.
func (db *DB) FindReadinessItemByID(ctx context.Context, id int64) (*radiator.ReadinessItem, error) {
	var r *radiator.ReadinessItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		r, err = findReadinessItemByID(ctx, tx, id, "")
		return err
	})
	return r, err
}

// FindReadinessItems returns a release's checklist, by part then ID.
func (db *DB) FindReadinessItems(ctx context.Context, releaseID int64) ([]*radiator.ReadinessItem, error) {
	var rs []*radiator.ReadinessItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		if _, err := findReleaseByID(ctx, tx, releaseID, ""); err != nil {
			return err
		}
		rs, err = findReadinessItems(ctx, tx, releaseID)
		return err
	})
	return rs, err
}

// CreateReadinessItem adds an item to a release's checklist.
func (db *DB) CreateReadinessItem(ctx context.Context, r *radiator.ReadinessItem) error {
	return db.inTx(ctx, func(tx *Tx) error { return createReadinessItem(ctx, tx, r) })
}

// UpdateReadinessItem changes a readiness item.
func (db *DB) UpdateReadinessItem(ctx context.Context, id int64, upd radiator.ReadinessItemUpdate) (*radiator.ReadinessItem, error) {
	var r *radiator.ReadinessItem
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		r, err = updateReadinessItem(ctx, tx, id, upd)
		return err
	})
	return r, err
}

// DeleteReadinessItem deletes a readiness item.
func (db *DB) DeleteReadinessItem(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		r, err := lockReadinessItem(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("readiness item", id, r.Version, version); err != nil {
			return err
		}
		return removeReadinessItem(ctx, tx, r)
	})
}

// ApplyDecision applies a what-if change to a release's plan and records
// the decision.
func (db *DB) ApplyDecision(ctx context.Context, d *radiator.Decision) error {
	return db.inTx(ctx, func(tx *Tx) error { return applyDecision(ctx, tx, d) })
}

// FindDecisions returns a release's decisions, oldest first.
func (db *DB) FindDecisions(ctx context.Context, releaseID int64) ([]*radiator.Decision, error) {
	var ds []*radiator.Decision
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		if _, err := findReleaseByID(ctx, tx, releaseID, ""); err != nil {
			return err
		}
		ds, err = findDecisions(ctx, tx, releaseID)
		return err
	})
	return ds, err
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

// findReleaseEvents reads the releases' histories from release_events, a
// range of its primary key each. An event under two of the releases comes
// twice in ID order, and is kept once.
func findReleaseEvents(ctx context.Context, tx *Tx, releaseIDs []int64) ([]*radiator.Event, error) {
	if len(releaseIDs) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `
		SELECT event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after FROM release_events
		WHERE release_id = ANY($1) ORDER BY event_id`, releaseIDs)
	if err != nil {
		return nil, fmt.Errorf("list events of releases %v: %w", releaseIDs, err)
	}
	es, err := pgx.CollectRows(rows, scanEvent)
	if err != nil {
		return nil, fmt.Errorf("list events of releases %v: %w", releaseIDs, err)
	}
	return slices.CompactFunc(es, func(a, b *radiator.Event) bool { return a.ID == b.ID }), nil
}

const baselineColumns = `id, release_id, taken_at, taken_by_id, taken_by_name, note, date, features`

func scanBaseline(row pgx.CollectableRow) (*radiator.Baseline, error) {
	var b radiator.Baseline
	var date time.Time
	if err := row.Scan(&b.ID, &b.ReleaseID, &b.TakenAt, &b.TakenByID, &b.TakenByName, &b.Note, &date, &b.Features); err != nil {
		return nil, err
	}
	b.TakenAt, b.Date, b.Features = b.TakenAt.UTC(), radiator.DateOf(date), unlist(b.Features)
	return &b, nil
}

// lockRelease finds a release that a change refers to through field, and
// locks it against changes until the transaction ends.
func findBaselines(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.Baseline, error) {
	rows, err := tx.Query(ctx, `SELECT `+baselineColumns+` FROM release_baselines WHERE release_id = $1 ORDER BY id`, releaseID)
	if err != nil {
		return nil, fmt.Errorf("list baselines of release %d: %w", releaseID, err)
	}
	bs, err := pgx.CollectRows(rows, scanBaseline)
	if err != nil {
		return nil, fmt.Errorf("list baselines of release %d: %w", releaseID, err)
	}
	return bs, nil
}

func lockRelease(ctx context.Context, tx *Tx, field string, id int64) (*radiator.Release, error) {
	r, err := findReleaseByID(ctx, tx, id, "FOR SHARE")
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, radiator.Invalidf(field, "there is no release %d", id)
	}
	return r, err
}

func createBaseline(ctx context.Context, tx *Tx, b *radiator.Baseline) error {
	if err := b.Validate(); err != nil {
		return err
	}
	r, err := lockRelease(ctx, tx, "release_id", b.ReleaseID)
	if err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `
		SELECT id, title, estimate FROM backlog_items WHERE release_id = $1 AND kind = $2 ORDER BY rank, id`,
		r.ID, radiator.KindFeature)
	if err != nil {
		return fmt.Errorf("list features of release %d: %w", r.ID, err)
	}
	b.Features, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (radiator.BaselineFeature, error) {
		var f radiator.BaselineFeature
		var estimate *float64
		err := row.Scan(&f.ID, &f.Title, &estimate)
		f.Units = radiator.FeatureUnits(estimate)
		return f, err
	})
	if err != nil {
		return fmt.Errorf("list features of release %d: %w", r.ID, err)
	}
	b.Features = unlist(b.Features)
	b.Date, b.TakenAt = r.Date, tx.now
	b.TakenByID, b.TakenByName = actorOf(ctx)
	err = tx.QueryRow(ctx, `
		INSERT INTO release_baselines (release_id, taken_at, taken_by_id, taken_by_name, note, date, features)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		b.ReleaseID, b.TakenAt, b.TakenByID, b.TakenByName, b.Note, dateArg(b.Date), list(b.Features)).Scan(&b.ID)
	if err != nil {
		return fmt.Errorf("insert baseline: %w", err)
	}
	return tx.event(ctx, radiator.EntityBaseline, b.ID, radiator.ActionCreate, nil, b)
}

const dependencyColumns = `id, product_id, item_id, depends_on_id, note, state, version, created_at, updated_at`

func scanDependency(row pgx.CollectableRow) (*radiator.Dependency, error) {
	var d radiator.Dependency
	if err := row.Scan(&d.ID, &d.ProductID, &d.ItemID, &d.DependsOnID, &d.Note, &d.State, &d.Version,
		&d.CreatedAt, &d.UpdatedAt); err != nil {
		return nil, err
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	return &d, nil
}

func findDependencyByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Dependency, error) {
	rows, err := tx.Query(ctx, `SELECT `+dependencyColumns+` FROM dependencies WHERE id = $1 `+lock, id)
	if err != nil {
		return nil, fmt.Errorf("load dependency %d: %w", id, err)
	}
	d, err := pgx.CollectExactlyOneRow(rows, scanDependency)
	if err == pgx.ErrNoRows {
		return nil, notFound("dependency", id)
	} else if err != nil {
		return nil, fmt.Errorf("load dependency %d: %w", id, err)
	}
	return d, nil
}

func findDependencies(ctx context.Context, tx *Tx, f radiator.DependencyFilter) ([]*radiator.Dependency, string, error) {
	n, err := f.Normalize()
	if err != nil {
		return nil, "", err
	}
	after, err := radiator.ParseIDCursor(f.After)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("id > ?", after)
	if f.ProductID != 0 {
		w.add("product_id = ?", f.ProductID)
	}
	if f.State != "" {
		w.add("state = ?", f.State)
	}
	if len(f.ItemIDs) > 0 {
		w.addPair("(item_id = ANY(?) OR depends_on_id = ANY(?))", f.ItemIDs, f.ItemIDs)
	}
	rows, err := tx.Query(ctx, `SELECT `+dependencyColumns+` FROM dependencies `+w.sql()+` ORDER BY id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list dependencies: %w", err)
	}
	ds, err := pgx.CollectRows(rows, scanDependency)
	if err != nil {
		return nil, "", fmt.Errorf("list dependencies: %w", err)
	}
	ds, next := page(ds, n, func(d *radiator.Dependency) string { return radiator.IDCursor(d.ID) })
	return ds, next, nil
}

// checkDependencyEnd checks that one end of a dependency is an item of the
// dependency's product, and keeps the item from being deleted meanwhile.
func checkDependencyEnd(ctx context.Context, tx *Tx, field string, d *radiator.Dependency, id int64) error {
	it, err := findBacklogItemByID(ctx, tx, id, "FOR KEY SHARE")
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return radiator.Invalidf(field, "there is no backlog item %d", id)
	} else if err != nil {
		return err
	}
	if it.ProductID != d.ProductID {
		return radiator.Invalidf(field, "backlog item %d belongs to product %d, not to the dependency's product %d", id, it.ProductID, d.ProductID)
	}
	return nil
}

func createDependency(ctx context.Context, tx *Tx, d *radiator.Dependency) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if err := checkRef(ctx, tx, "product_id", "products", "product", d.ProductID); err != nil {
		return err
	}
	if err := checkDependencyEnd(ctx, tx, "item_id", d, d.ItemID); err != nil {
		return err
	}
	if err := checkDependencyEnd(ctx, tx, "depends_on_id", d, d.DependsOnID); err != nil {
		return err
	}
	var item, on int64
	err := tx.QueryRow(ctx, `
		SELECT item_id, depends_on_id FROM dependencies
		WHERE (item_id = $1 AND depends_on_id = $2) OR (item_id = $2 AND depends_on_id = $1)`,
		d.ItemID, d.DependsOnID).Scan(&item, &on)
	switch {
	case err == nil:
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "depends_on_id",
			Message: fmt.Sprintf("Item %d already depends on item %d.", item, on)}
	case err != pgx.ErrNoRows:
		return fmt.Errorf("look for dependencies between items %d and %d: %w", d.ItemID, d.DependsOnID, err)
	}
	d.Version, d.CreatedAt, d.UpdatedAt = 1, tx.now, tx.now
	err = tx.QueryRow(ctx, `
		INSERT INTO dependencies (product_id, item_id, depends_on_id, note, state, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		d.ProductID, d.ItemID, d.DependsOnID, d.Note, d.State, d.Version, d.CreatedAt, d.UpdatedAt).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("insert dependency: %w", err)
	}
	return tx.event(ctx, radiator.EntityDependency, d.ID, radiator.ActionCreate, nil, d)
}

func updateDependency(ctx context.Context, tx *Tx, id int64, upd radiator.DependencyUpdate) (*radiator.Dependency, error) {
	d, err := findDependencyByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("dependency", id, d.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *d
	if err := upd.Apply(d); err != nil {
		return nil, err
	}
	d.Version++
	d.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `UPDATE dependencies SET note = $1, state = $2, version = $3, updated_at = $4 WHERE id = $5`,
		d.Note, d.State, d.Version, d.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update dependency %d: %w", id, err)
	}
	return d, tx.event(ctx, radiator.EntityDependency, id, radiator.ActionUpdate, &before, d)
}

func removeDependency(ctx context.Context, tx *Tx, d *radiator.Dependency) error {
	if _, err := tx.Exec(ctx, `DELETE FROM dependencies WHERE id = $1`, d.ID); err != nil {
		return fmt.Errorf("delete dependency %d: %w", d.ID, err)
	}
	return tx.event(ctx, radiator.EntityDependency, d.ID, radiator.ActionDelete, d, nil)
}

// deleteItemDependencies deletes the dependencies of an item, either way
// round, each with its event, before the item goes.
func deleteItemDependencies(ctx context.Context, tx *Tx, itemID int64) error {
	rows, err := tx.Query(ctx, `
		SELECT `+dependencyColumns+` FROM dependencies WHERE item_id = $1 OR depends_on_id = $1 ORDER BY id FOR UPDATE`, itemID)
	if err != nil {
		return fmt.Errorf("load dependencies of backlog item %d: %w", itemID, err)
	}
	ds, err := pgx.CollectRows(rows, scanDependency)
	if err != nil {
		return fmt.Errorf("load dependencies of backlog item %d: %w", itemID, err)
	}
	for _, d := range ds {
		if err := removeDependency(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

const readinessColumns = `id, release_id, part, title, owner_id, state, evidence, required, version, created_at, updated_at`

func scanReadinessItem(row pgx.CollectableRow) (*radiator.ReadinessItem, error) {
	var r radiator.ReadinessItem
	if err := row.Scan(&r.ID, &r.ReleaseID, &r.Part, &r.Title, &r.OwnerID, &r.State, &r.Evidence, &r.Required, &r.Version,
		&r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

func findReadinessItemByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.ReadinessItem, error) {
	rows, err := tx.Query(ctx, `SELECT `+readinessColumns+` FROM readiness_items WHERE id = $1 `+lock, id)
	if err != nil {
		return nil, fmt.Errorf("load readiness item %d: %w", id, err)
	}
	r, err := pgx.CollectExactlyOneRow(rows, scanReadinessItem)
	if err == pgx.ErrNoRows {
		return nil, notFound("readiness item", id)
	} else if err != nil {
		return nil, fmt.Errorf("load readiness item %d: %w", id, err)
	}
	return r, nil
}

// lockReadinessItem finds a readiness item to change and locks it. It
// locks the item's release first, so that a change of the checklist and a
// release's move to released, which checks the checklist, take turns.
func lockReadinessItem(ctx context.Context, tx *Tx, id int64) (*radiator.ReadinessItem, error) {
	r, err := findReadinessItemByID(ctx, tx, id, "")
	if err != nil {
		return nil, err
	}
	if _, err := findReleaseByID(ctx, tx, r.ReleaseID, "FOR SHARE"); err != nil {
		return nil, err
	}
	return findReadinessItemByID(ctx, tx, id, "FOR UPDATE")
}

// findReadinessItems returns a release's checklist in the order of
// radiator.ReadinessParts, then by ID.
func findReadinessItems(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.ReadinessItem, error) {
	rows, err := tx.Query(ctx, `SELECT `+readinessColumns+` FROM readiness_items WHERE release_id = $1 ORDER BY id`, releaseID)
	if err != nil {
		return nil, fmt.Errorf("list readiness items of release %d: %w", releaseID, err)
	}
	rs, err := pgx.CollectRows(rows, scanReadinessItem)
	if err != nil {
		return nil, fmt.Errorf("list readiness items of release %d: %w", releaseID, err)
	}
	slices.SortStableFunc(rs, func(a, b *radiator.ReadinessItem) int {
		return slices.Index(radiator.ReadinessParts, a.Part) - slices.Index(radiator.ReadinessParts, b.Part)
	})
	return rs, nil
}

// insertReadinessItem writes a new, valid readiness item with its event.
func insertReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO readiness_items (release_id, part, title, owner_id, state, evidence, required, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		r.ReleaseID, r.Part, r.Title, r.OwnerID, r.State, r.Evidence, r.Required, r.Version, r.CreatedAt, r.UpdatedAt).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert readiness item: %w", err)
	}
	return tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionCreate, nil, r)
}

// checkOwner checks that a readiness item's new owner exists, and keeps
// the person from being deleted meanwhile.
func checkOwner(ctx context.Context, tx *Tx, id int64) error {
	ok, err := tx.exists(ctx, `SELECT 1 FROM people WHERE id = $1 FOR KEY SHARE`, id)
	if err != nil {
		return fmt.Errorf("look up person %d: %w", id, err)
	}
	if !ok {
		return radiator.Invalidf("owner_id", "there is no person %d", id)
	}
	return nil
}

func createReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if _, err := lockRelease(ctx, tx, "release_id", r.ReleaseID); err != nil {
		return err
	}
	if r.OwnerID != nil {
		if err := checkOwner(ctx, tx, *r.OwnerID); err != nil {
			return err
		}
	}
	return insertReadinessItem(ctx, tx, r)
}

// saveReadinessItem writes a changed readiness item as its next version,
// with the event from before.
func saveReadinessItem(ctx context.Context, tx *Tx, before, r *radiator.ReadinessItem) error {
	r.Version++
	r.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `
		UPDATE readiness_items SET part = $1, title = $2, owner_id = $3, state = $4, evidence = $5, required = $6, version = $7,
			updated_at = $8
		WHERE id = $9`,
		r.Part, r.Title, r.OwnerID, r.State, r.Evidence, r.Required, r.Version, r.UpdatedAt, r.ID); err != nil {
		return fmt.Errorf("update readiness item %d: %w", r.ID, err)
	}
	return tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionUpdate, before, r)
}

func updateReadinessItem(ctx context.Context, tx *Tx, id int64, upd radiator.ReadinessItemUpdate) (*radiator.ReadinessItem, error) {
	r, err := lockReadinessItem(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkVersion("readiness item", id, r.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *r
	if err := upd.Apply(r); err != nil {
		return nil, err
	}
	if r.OwnerID != nil && !sameID(before.OwnerID, r.OwnerID) {
		if err := checkOwner(ctx, tx, *r.OwnerID); err != nil {
			return nil, err
		}
	}
	return r, saveReadinessItem(ctx, tx, &before, r)
}

func removeReadinessItem(ctx context.Context, tx *Tx, r *radiator.ReadinessItem) error {
	if _, err := tx.Exec(ctx, `DELETE FROM readiness_items WHERE id = $1`, r.ID); err != nil {
		return fmt.Errorf("delete readiness item %d: %w", r.ID, err)
	}
	return tx.event(ctx, radiator.EntityReadiness, r.ID, radiator.ActionDelete, r, nil)
}

// clearReadinessOwners takes a person off every readiness item they own,
// each with its event, before the person goes.
func clearReadinessOwners(ctx context.Context, tx *Tx, personID int64) error {
	rows, err := tx.Query(ctx, `SELECT `+readinessColumns+` FROM readiness_items WHERE owner_id = $1 ORDER BY id FOR UPDATE`, personID)
	if err != nil {
		return fmt.Errorf("load the readiness items of person %d: %w", personID, err)
	}
	rs, err := pgx.CollectRows(rows, scanReadinessItem)
	if err != nil {
		return fmt.Errorf("load the readiness items of person %d: %w", personID, err)
	}
	for _, r := range rs {
		before := *r
		r.OwnerID = nil
		if err := saveReadinessItem(ctx, tx, &before, r); err != nil {
			return err
		}
	}
	return nil
}

// deleteReleasePlan deletes a release's checklist, baselines and
// decisions, each with its event, before the release goes.
func deleteReleasePlan(ctx context.Context, tx *Tx, releaseID int64) error {
	rs, err := findReadinessItems(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := removeReadinessItem(ctx, tx, r); err != nil {
			return err
		}
	}
	bs, err := findBaselines(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if _, err := tx.Exec(ctx, `DELETE FROM release_baselines WHERE id = $1`, b.ID); err != nil {
			return fmt.Errorf("delete baseline %d: %w", b.ID, err)
		}
		if err := tx.event(ctx, radiator.EntityBaseline, b.ID, radiator.ActionDelete, b, nil); err != nil {
			return err
		}
	}
	ds, err := findDecisions(ctx, tx, releaseID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if _, err := tx.Exec(ctx, `DELETE FROM release_decisions WHERE id = $1`, d.ID); err != nil {
			return fmt.Errorf("delete decision %d: %w", d.ID, err)
		}
		if err := tx.event(ctx, radiator.EntityDecision, d.ID, radiator.ActionDelete, d, nil); err != nil {
			return err
		}
	}
	return nil
}

const decisionColumns = `id, release_id, change, summary, reason, actor_id, actor_name, at`

func scanDecision(row pgx.CollectableRow) (*radiator.Decision, error) {
	var d radiator.Decision
	if err := row.Scan(&d.ID, &d.ReleaseID, &d.Change, &d.Summary, &d.Reason, &d.ActorID, &d.ActorName, &d.At); err != nil {
		return nil, err
	}
	d.At = d.At.UTC()
	return &d, nil
}

func findDecisions(ctx context.Context, tx *Tx, releaseID int64) ([]*radiator.Decision, error) {
	rows, err := tx.Query(ctx, `SELECT `+decisionColumns+` FROM release_decisions WHERE release_id = $1 ORDER BY id`, releaseID)
	if err != nil {
		return nil, fmt.Errorf("list decisions of release %d: %w", releaseID, err)
	}
	ds, err := pgx.CollectRows(rows, scanDecision)
	if err != nil {
		return nil, fmt.Errorf("list decisions of release %d: %w", releaseID, err)
	}
	return ds, nil
}

// decisionTarget checks what a decision's change names, the item and for
// a move the team, against the release, and returns them.
func decisionTarget(ctx context.Context, tx *Tx, r *radiator.Release, w radiator.WhatIf) (*radiator.BacklogItem, *radiator.Team, error) {
	it, err := findBacklogItemByID(ctx, tx, w.ItemID, "")
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, nil, radiator.Invalidf("item_id", "there is no backlog item %d", w.ItemID)
	} else if err != nil {
		return nil, nil, err
	}
	if it.ProductID != r.ProductID {
		return nil, nil, radiator.Invalidf("item_id", "backlog item %d belongs to product %d, not to the release's product %d",
			it.ID, it.ProductID, r.ProductID)
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
	team, err := findTeamByID(ctx, tx, w.TeamID, "FOR SHARE OF t")
	if radiator.ErrorCode(err) == radiator.ENOTFOUND {
		return nil, nil, radiator.Invalidf("team_id", "there is no team %d", w.TeamID)
	} else if err != nil {
		return nil, nil, err
	}
	if team.ProductID != r.ProductID {
		return nil, nil, radiator.Invalidf("team_id", "team %d works on product %d, not on the release's product %d",
			team.ID, team.ProductID, r.ProductID)
	}
	return it, team, nil
}

// changeItems applies one update to each item, each as UpdateBacklogItem
// would, naming the item in an error.
func changeItems(ctx context.Context, tx *Tx, ids []int64, upd radiator.BacklogItemUpdate) error {
	// Lock the items in ID order first, as bulk edits do, so that they
	// wait for each other rather than deadlock.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM backlog_items WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids); err != nil {
		return fmt.Errorf("lock backlog items: %w", err)
	}
	for _, id := range ids {
		it, err := findBacklogItemByID(ctx, tx, id, "")
		if err != nil {
			return err
		}
		upd.Version = it.Version
		if _, err := updateBacklogItem(ctx, tx, id, upd); err != nil {
			return itemError(id, err)
		}
	}
	return nil
}

// childIDs returns the IDs of the items under parent that match cond, in
// rank order.
func childIDs(ctx context.Context, tx *Tx, parent int64, cond string, arg any) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT id FROM backlog_items WHERE parent_id = $1 AND `+cond+` ORDER BY rank, id`, parent, arg)
	if err != nil {
		return nil, fmt.Errorf("list items under %d: %w", parent, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("list items under %d: %w", parent, err)
	}
	return ids, nil
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
		return changeItems(ctx, tx, []int64{it.ID}, leave)
	case radiator.WhatIfMoveFeature:
		if err := changeItems(ctx, tx, []int64{it.ID}, radiator.BacklogItemUpdate{TeamID: radiator.SetTo(team.ID)}); err != nil {
			return err
		}
		stories, err := childIDs(ctx, tx, it.ID, "state <> $2", radiator.StateDone)
		if err != nil {
			return err
		}
		leave.TeamID = radiator.SetTo(team.ID)
		return changeItems(ctx, tx, stories, leave)
	default:
		stories, err := childIDs(ctx, tx, it.ID, "release_id = $2", r.ID)
		if err != nil {
			return err
		}
		return changeItems(ctx, tx, append([]int64{it.ID}, stories...), radiator.BacklogItemUpdate{ReleaseID: radiator.SetNull[int64]()})
	}
}

func applyDecision(ctx context.Context, tx *Tx, d *radiator.Decision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	r, err := lockRelease(ctx, tx, "release_id", d.ReleaseID)
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
	err = tx.QueryRow(ctx, `
		INSERT INTO release_decisions (release_id, change, summary, reason, actor_id, actor_name, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		d.ReleaseID, d.Change, d.Summary, d.Reason, d.ActorID, d.ActorName, d.At).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("insert decision: %w", err)
	}
	return tx.event(ctx, radiator.EntityDecision, d.ID, radiator.ActionCreate, nil, d)
}
