package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/radiator-hq/radiator"
)

// FindOrganisation returns the organisation.
func (db *DB) FindOrganisation(ctx context.Context) (*radiator.Organisation, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	o, err := findOrganisation(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("find organisation: %w", err)
	}
	return o, nil
}

// UpdateOrganisation changes the organisation.
func (db *DB) UpdateOrganisation(ctx context.Context, upd radiator.OrganisationUpdate) (*radiator.Organisation, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	o, err := updateOrganisation(ctx, tx, upd)
	if err != nil {
		return nil, fmt.Errorf("update organisation: %w", err)
	}
	return o, tx.commit("update organisation")
}

func findOrganisation(ctx context.Context, tx *Tx) (*radiator.Organisation, error) {
	var o radiator.Organisation
	err := tx.QueryRowContext(ctx, `SELECT id, name, version, created_at, updated_at FROM organisations WHERE id = 1`).
		Scan(&o.ID, &o.Name, &o.Version, timeColumn{&o.CreatedAt}, timeColumn{&o.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errors.New("the organisation row is missing; was the database migrated?")
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func updateOrganisation(ctx context.Context, tx *Tx, upd radiator.OrganisationUpdate) (*radiator.Organisation, error) {
	o, err := findOrganisation(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("organisation", o.ID, o.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *o
	if err := upd.Apply(o); err != nil {
		return nil, err
	}
	o.Version++
	o.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `UPDATE organisations SET name = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		o.Name, o.Version, formatTime(o.UpdatedAt), o.ID, before.Version)
	if err := updated(res, err, "organisation", o.ID); err != nil {
		return nil, mapError(err)
	}
	return o, tx.event(ctx, radiator.EntityOrganisation, o.ID, radiator.ActionUpdate, &before, o)
}

// FindProductByID returns one product.
func (db *DB) FindProductByID(ctx context.Context, id int64) (*radiator.Product, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findProductByID(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("find product %d: %w", id, err)
	}
	return p, nil
}

// FindProducts lists products in ID order.
func (db *DB) FindProducts(ctx context.Context, f radiator.ProductFilter) ([]*radiator.Product, string, error) {
	tx, err := db.read(ctx)
	if err != nil {
		return nil, "", err
	}
	defer tx.Rollback()
	list, next, err := findProducts(ctx, tx, f)
	if err != nil {
		return nil, "", fmt.Errorf("find products: %w", err)
	}
	return list, next, nil
}

// CreateProduct creates a product.
func (db *DB) CreateProduct(ctx context.Context, p *radiator.Product) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createProduct(ctx, tx, p); err != nil {
		return fmt.Errorf("create product: %w", err)
	}
	return tx.commit("create product")
}

// UpdateProduct changes a product.
func (db *DB) UpdateProduct(ctx context.Context, id int64, upd radiator.ProductUpdate) (*radiator.Product, error) {
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := updateProduct(ctx, tx, id, upd)
	if err != nil {
		return nil, fmt.Errorf("update product %d: %w", id, err)
	}
	return p, tx.commit("update product")
}

// DeleteProduct deletes a product that nothing refers to.
func (db *DB) DeleteProduct(ctx context.Context, id, version int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := deleteProduct(ctx, tx, id, version); err != nil {
		return fmt.Errorf("delete product %d: %w", id, err)
	}
	return tx.commit("delete product")
}

const productColumns = `id, key, name, description, version, created_at, updated_at`

func scanProduct(s scanner) (*radiator.Product, error) {
	var p radiator.Product
	err := s.Scan(&p.ID, &p.Key, &p.Name, &p.Description, &p.Version, timeColumn{&p.CreatedAt}, timeColumn{&p.UpdatedAt})
	return &p, err
}

func findProductByID(ctx context.Context, tx *Tx, id int64) (*radiator.Product, error) {
	p, err := scanProduct(tx.QueryRowContext(ctx, `SELECT `+productColumns+` FROM products WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("product", id)
	}
	return p, err
}

func findProducts(ctx context.Context, tx *Tx, f radiator.ProductFilter) ([]*radiator.Product, string, error) {
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
	if f.Key != "" {
		w.add("key = ?", f.Key)
	}
	list, err := queryList(ctx, tx, scanProduct,
		`SELECT `+productColumns+` FROM products`+w.String()+` ORDER BY id LIMIT ?`, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	list, next := page(list, limit, func(p *radiator.Product) string { return radiator.IDCursor(p.ID) })
	return list, next, nil
}

func createProduct(ctx context.Context, tx *Tx, p *radiator.Product) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	id, err := lastID(tx.ExecContext(ctx, `
		INSERT INTO products (key, name, description, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.Key, p.Name, p.Description, p.Version, formatTime(p.CreatedAt), formatTime(p.UpdatedAt)))
	if err != nil {
		return duplicate(err, "key", "A product with the key %s already exists.", p.Key)
	}
	p.ID = id
	return tx.event(ctx, radiator.EntityProduct, p.ID, radiator.ActionCreate, nil, p)
}

func updateProduct(ctx context.Context, tx *Tx, id int64, upd radiator.ProductUpdate) (*radiator.Product, error) {
	p, err := findProductByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := checkUpdateVersion("product", id, p.Version, upd.Version); err != nil {
		return nil, err
	}
	before := *p
	if err := upd.Apply(p); err != nil {
		return nil, err
	}
	p.Version++
	p.UpdatedAt = tx.now
	res, err := tx.ExecContext(ctx, `
		UPDATE products SET key = ?, name = ?, description = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		p.Key, p.Name, p.Description, p.Version, formatTime(p.UpdatedAt), id, before.Version)
	if err := updated(res, err, "product", id); err != nil {
		return nil, duplicate(err, "key", "A product with the key %s already exists.", p.Key)
	}
	return p, tx.event(ctx, radiator.EntityProduct, id, radiator.ActionUpdate, &before, p)
}

func deleteProduct(ctx context.Context, tx *Tx, id, version int64) error {
	p, err := findProductByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := checkVersion("product", id, p.Version, version); err != nil {
		return err
	}
	for _, ref := range []struct{ query, what string }{
		{`SELECT 1 FROM teams WHERE product_id = ? LIMIT 1`, "teams"},
		{`SELECT 1 FROM forums WHERE product_id = ? LIMIT 1`, "forums"},
		{`SELECT 1 FROM releases WHERE product_id = ? LIMIT 1`, "releases"},
		{`SELECT 1 FROM backlog_items WHERE product_id = ? LIMIT 1`, "backlog items"},
	} {
		used, err := exists(ctx, tx, ref.query, id)
		if err != nil {
			return err
		}
		if used {
			return stillUsed("The product %s still has %s; move or delete them first.", p.Key, ref.what)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM products WHERE id = ?`, id); err != nil {
		return mapError(err)
	}
	return tx.event(ctx, radiator.EntityProduct, id, radiator.ActionDelete, p, nil)
}
