package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/radiator-hq/radiator"
)

// FindOrganisation returns the installation's organisation.
func (db *DB) FindOrganisation(ctx context.Context) (*radiator.Organisation, error) {
	var o *radiator.Organisation
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		o, err = findOrganisation(ctx, tx, "")
		return err
	})
	return o, err
}

// UpdateOrganisation changes the organisation.
func (db *DB) UpdateOrganisation(ctx context.Context, upd radiator.OrganisationUpdate) (*radiator.Organisation, error) {
	var o *radiator.Organisation
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		o, err = updateOrganisation(ctx, tx, upd)
		return err
	})
	return o, err
}

func findOrganisation(ctx context.Context, tx *Tx, lock string) (*radiator.Organisation, error) {
	var o radiator.Organisation
	err := tx.QueryRow(ctx, `
		SELECT id, name, version, created_at, updated_at
		FROM organisations WHERE id = 1 `+lock).
		Scan(&o.ID, &o.Name, &o.Version, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, fmt.Errorf("load organisation: %w", err)
	}
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, nil
}

func updateOrganisation(ctx context.Context, tx *Tx, upd radiator.OrganisationUpdate) (*radiator.Organisation, error) {
	o, err := findOrganisation(ctx, tx, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("organisation", o.ID, o.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *o
	if err := upd.Apply(o); err != nil {
		return nil, err
	}
	o.Version++
	o.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `UPDATE organisations SET name = $1, version = $2, updated_at = $3 WHERE id = 1`,
		o.Name, o.Version, o.UpdatedAt); err != nil {
		return nil, fmt.Errorf("update organisation: %w", err)
	}
	return o, tx.event(ctx, radiator.EntityOrganisation, o.ID, radiator.ActionUpdate, &before, o)
}

// FindProductByID returns a product.
func (db *DB) FindProductByID(ctx context.Context, id int64) (*radiator.Product, error) {
	var p *radiator.Product
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		p, err = findProductByID(ctx, tx, id, "")
		return err
	})
	return p, err
}

// FindProducts returns products in ID order.
func (db *DB) FindProducts(ctx context.Context, f radiator.ProductFilter) ([]*radiator.Product, string, error) {
	var ps []*radiator.Product
	var next string
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		ps, next, err = findProducts(ctx, tx, f)
		return err
	})
	return ps, next, err
}

// CreateProduct creates a product.
func (db *DB) CreateProduct(ctx context.Context, p *radiator.Product) error {
	return db.inTx(ctx, func(tx *Tx) error { return createProduct(ctx, tx, p) })
}

// UpdateProduct changes a product.
func (db *DB) UpdateProduct(ctx context.Context, id int64, upd radiator.ProductUpdate) (*radiator.Product, error) {
	var p *radiator.Product
	err := db.inTx(ctx, func(tx *Tx) (err error) {
		p, err = updateProduct(ctx, tx, id, upd)
		return err
	})
	return p, err
}

// DeleteProduct deletes a product that nothing refers to any more.
func (db *DB) DeleteProduct(ctx context.Context, id, version int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return deleteProduct(ctx, tx, id, version) })
}

const productColumns = `id, key, name, description, version, created_at, updated_at`

func scanProduct(row pgx.Row) (*radiator.Product, error) {
	var p radiator.Product
	if err := row.Scan(&p.ID, &p.Key, &p.Name, &p.Description, &p.Version, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func findProductByID(ctx context.Context, tx *Tx, id int64, lock string) (*radiator.Product, error) {
	p, err := scanProduct(tx.QueryRow(ctx, `SELECT `+productColumns+` FROM products WHERE id = $1 `+lock, id))
	if err == pgx.ErrNoRows {
		return nil, notFound("product", id)
	} else if err != nil {
		return nil, fmt.Errorf("load product %d: %w", id, err)
	}
	return p, nil
}

func findProducts(ctx context.Context, tx *Tx, f radiator.ProductFilter) ([]*radiator.Product, string, error) {
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
	if f.Key != "" {
		w.add("key = ?", f.Key)
	}
	q := `SELECT ` + productColumns + ` FROM products ` + w.sql() + ` ORDER BY id ` + w.limit(n)
	rows, err := tx.Query(ctx, q, w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("list products: %w", err)
	}
	ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*radiator.Product, error) { return scanProduct(r) })
	if err != nil {
		return nil, "", fmt.Errorf("list products: %w", err)
	}
	ps, next := page(ps, n, func(p *radiator.Product) string { return radiator.IDCursor(p.ID) })
	return ps, next, nil
}

// checkProductKey refuses a key another product has.
func checkProductKey(ctx context.Context, tx *Tx, p *radiator.Product) error {
	taken, err := tx.exists(ctx, `SELECT 1 FROM products WHERE key = $1 AND id <> $2`, p.Key, p.ID)
	if err != nil {
		return fmt.Errorf("check product key: %w", err)
	}
	if taken {
		return &radiator.Error{Code: radiator.ECONFLICT, Field: "key", Message: fmt.Sprintf("Another product has the key %s.", p.Key)}
	}
	return nil
}

func createProduct(ctx context.Context, tx *Tx, p *radiator.Product) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkProductKey(ctx, tx, p); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	err := tx.QueryRow(ctx, `
		INSERT INTO products (key, name, description, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		p.Key, p.Name, p.Description, p.Version, p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert product: %w", err)
	}
	return tx.event(ctx, radiator.EntityProduct, p.ID, radiator.ActionCreate, nil, p)
}

func updateProduct(ctx context.Context, tx *Tx, id int64, upd radiator.ProductUpdate) (*radiator.Product, error) {
	p, err := findProductByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return nil, err
	}
	if err := checkVersion("product", id, p.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *p
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	if err := checkProductKey(ctx, tx, p); err != nil {
		return nil, err
	}
	p.Version++
	p.UpdatedAt = tx.now
	if _, err := tx.Exec(ctx, `
		UPDATE products SET key = $1, name = $2, description = $3, version = $4, updated_at = $5
		WHERE id = $6`,
		p.Key, p.Name, p.Description, p.Version, p.UpdatedAt, id); err != nil {
		return nil, fmt.Errorf("update product %d: %w", id, err)
	}
	return p, tx.event(ctx, radiator.EntityProduct, id, radiator.ActionUpdate, &before, p)
}

func deleteProduct(ctx context.Context, tx *Tx, id, version int64) error {
	p, err := findProductByID(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return err
	}
	if err := checkVersion("product", id, p.Version, version); err != nil {
		return err
	}
	if err := checkUnreferenced(ctx, tx, fmt.Sprintf("product %d", id), id, []reference{
		{"teams", "product_id", "team"},
		{"releases", "product_id", "release"},
		{"backlog_items", "product_id", "backlog item"},
		{"forums", "product_id", "forum"},
	}); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM products WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete product %d: %w", id, err)
	}
	return tx.event(ctx, radiator.EntityProduct, id, radiator.ActionDelete, p, nil)
}

// reference is a column of another table that may refer to a row; noun
// names one row of that table.
type reference struct {
	table, column, noun string
}

// checkUnreferenced returns ECONFLICT when any of refs still refers to id.
func checkUnreferenced(ctx context.Context, tx *Tx, name string, id int64, refs []reference) error {
	for _, ref := range refs {
		var n int
		q := `SELECT count(*) FROM ` + ref.table + ` WHERE ` + ref.column + ` = $1`
		if err := tx.QueryRow(ctx, q, id).Scan(&n); err != nil {
			return fmt.Errorf("count %ss of %s: %w", ref.noun, name, err)
		}
		if n > 0 {
			noun := ref.noun
			if n > 1 {
				noun += "s"
			}
			return radiator.Errorf(radiator.ECONFLICT, "%s still has %d %s; move or delete those first.", capitalize(name), n, noun)
		}
	}
	return nil
}
