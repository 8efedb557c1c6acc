package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindReleaseByID returns a release.
func (db *DB) FindReleaseByID(ctx context.Context, id int64) (*radiator.Release, error) {
	var r *radiator.Release
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		r, err = findReleaseByID(ctx, tx, id, "")
		return err
	})
	return r, err
}

// FindReleases returns releases in date order.
func (db *DB) FindReleases(ctx context.Context, f radiator.ReleaseFilter) ([]*radiator.Release, string, error) {
	var rs []*radiator.Release
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		rs, next, err = findReleases(ctx, tx, f)
		return err
	})
	return rs, next, err
}

// CreateRelease creates a release.
func (db *DB) CreateRelease(ctx context.Context, r *radiator.Release) error {
	return db.inTx(ctx, func(tx *Tx) error { return createRelease(ctx, tx, r) })
}

// UpdateRelease changes a release.
func (db *DB) UpdateRelease(ctx context.Context, id int64, upd radiator.ReleaseUpdate) (*radiator.Release, error) {
	var r *radiator.Release
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		r, err = updateRelease(ctx, tx, id, upd)
		return err
	})
	return r, err
}

// DeleteRelease deletes a release no backlog item is planned into.
func (db *DB) DeleteRelease(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		r, err := findReleaseByID(ctx, tx, id, "FOR UPDATE")
		if err != nil {
			return err
		}
		if err := checkVersion("release", id, r.Version, version); err != nil {
			return err
		}
		if err := checkUnreferenced(ctx, tx, fmt.Sprintf("release %d", id), id, []reference{
			{"backlog_items", "release_id", "backlog item"},
		}); err != nil {
			return err
		}
		if err := deleteReleasePlan(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM releases WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete release %d: %w", id, err)
		}
		return tx.event(ctx, radiator.EntityRelease, id, radiator.ActionDelete, r, nil)
	})
}

const releaseColumns = `id, product_id, name, start, date, goal, phase, kind, override_reason, version, created_at, updated_at`

func scanRelease(row pgx.Row) (*radiator.Release, error) {
	var r radiator.Release
	var start, date time.Time
	if err := row.Scan(&r.ID, &r.ProductID, &r.Name, &start, &date, &r.Goal, &r.Phase, &r.Kind, &r.OverrideReason, &r.Version,
		&r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.Start, r.Date = radiator.DateOf(start), radiator.DateOf(date)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return &r, nil
}

func findReleaseByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Release, error) {
	r, err := scanRelease(tx.QueryRow(ctx, `SELECT `+releaseColumns+` FROM releases WHERE id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("release", id)
	} else if err != nil {
		return nil, fmt.Errorf("load release %d: %w", id, err)
	}
	return r, nil
}

// parseDateCursor decodes a cursor made by radiator.KeyCursor from a date
// and an ID.
func parseDateCursor(c string) (radiator.Date, int64, error) {
	key, id, err := radiator.ParseKeyCursor(c)
	if err != nil || c == "" {
		return radiator.Date{}, 0, err
	}
	d, err := radiator.ParseDate(key)
	if err != nil {
		return radiator.Date{}, 0, radiator.Invalidf("after", "is not a cursor this server made")
	}
	return d, id, nil
}

func findReleases(ctx context.Context, tx *Tx, f radiator.ReleaseFilter) ([]*radiator.Release, string, error) {
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
		w.addPair("(date, id) > (?, ?)", dateArg(afterDate), afterID)
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
	rows, err := tx.Query(ctx, `SELECT `+releaseColumns+` FROM releases `+w.sql()+` ORDER BY date, id `+w.limit(n), w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list releases: %w", err)
	}
	rs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Release, error) { return scanRelease(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list releases: %w", err)
	}
	rs, next := page(rs, n, func(r *radiator.Release) string { return radiator.KeyCursor(r.Date.String(), r.ID) })
	return rs, next, nil
}

// checkReleaseName refuses a name another release of the product has.
func checkReleaseName(ctx context.Context, tx *Tx, r *radiator.Release) error {
	taken, err := tx.exists(ctx, `SELECT 1 FROM releases WHERE product_id = $1 AND name = $2 AND id <> $3`, r.ProductID, r.Name, r.ID)
	if err != nil {
		return fmt.Errorf("check release name: %w", err)
	}
	if taken {
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "name",
			Message: fmt.Sprintf("Product %d already has a release named %s.", r.ProductID, r.Name)}
	}
	return nil
}

func createRelease(ctx context.Context, tx *Tx, r *radiator.Release) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := checkRef(ctx, tx, "product_id", "products", "product", r.ProductID); err != nil {
		return err
	}
	if err := checkReleaseName(ctx, tx, r); err != nil {
		return err
	}
	if r.Start.IsZero() {
		r.Start = radiator.DefaultReleaseStart(radiator.DateOf(tx.now.UTC()), r.Date)
	}
	r.Version, r.CreatedAt, r.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO releases (product_id, name, start, date, goal, phase, kind, override_reason, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		r.ProductID, r.Name, dateArg(r.Start), dateArg(r.Date), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version,
		r.CreatedAt, r.UpdatedAt).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert release: %w", err)
	}
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
	r, err := findReleaseByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("release", id, r.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *r
	if err := upd.Apply(r); err != nil {
		return nil, err
	}
	if err := checkReleaseName(ctx, tx, r); err != nil {
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
	if _, err := tx.Exec(ctx, `
		UPDATE releases SET name = $1, start = $2, date = $3, goal = $4, phase = $5, kind = $6, override_reason = $7,
			version = $8, updated_at = $9
		WHERE id = $10`,
		r.Name, dateArg(r.Start), dateArg(r.Date), r.Goal, r.Phase, r.Kind, r.OverrideReason, r.Version, r.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update release %d: %w", id, err)
	}
	return r, tx.event(ctx, radiator.EntityRelease, id, radiator.ActionUpdate, &before, r)
}
