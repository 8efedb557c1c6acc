package sqlite

import (
	"context"

	"github.com/radiator-hq/radiator"
)

func notImplemented() error { return radiator.Errorf(radiator.EINTERNAL, "not implemented") }

// CreateBacklogItems creates several items at once, all or nothing.
func (db *DB) CreateBacklogItems(ctx context.Context, items []*radiator.BacklogItem) error {
	return notImplemented()
}

// CreateBaseline takes a baseline of a release.
func (db *DB) CreateBaseline(ctx context.Context, b *radiator.Baseline) error {
	return notImplemented()
}

// FindBaselines returns a release's baselines, oldest first.
func (db *DB) FindBaselines(ctx context.Context, releaseID int64) ([]*radiator.Baseline, error) {
	return nil, notImplemented()
}

// FindReleaseEvents returns the events of releases and their features.
func (db *DB) FindReleaseEvents(ctx context.Context, releaseIDs []int64) ([]*radiator.Event, error) {
	return nil, notImplemented()
}

// FindDependencyByID returns a dependency.
func (db *DB) FindDependencyByID(ctx context.Context, id int64) (*radiator.Dependency, error) {
	return nil, notImplemented()
}

// FindDependencies returns dependencies.
func (db *DB) FindDependencies(ctx context.Context, f radiator.DependencyFilter) ([]*radiator.Dependency, string, error) {
	return nil, "", notImplemented()
}

// CreateDependency creates a dependency.
func (db *DB) CreateDependency(ctx context.Context, d *radiator.Dependency) error {
	return notImplemented()
}

// UpdateDependency updates a dependency.
func (db *DB) UpdateDependency(ctx context.Context, id int64, upd radiator.DependencyUpdate) (*radiator.Dependency, error) {
	return nil, notImplemented()
}

// DeleteDependency deletes a dependency.
func (db *DB) DeleteDependency(ctx context.Context, id, version int64) error { return notImplemented() }

// FindReadinessItemByID returns a readiness item.
func (db *DB) FindReadinessItemByID(ctx context.Context, id int64) (*radiator.ReadinessItem, error) {
	return nil, notImplemented()
}

// FindReadinessItems returns a release's checklist.
func (db *DB) FindReadinessItems(ctx context.Context, releaseID int64) ([]*radiator.ReadinessItem, error) {
	return nil, notImplemented()
}

// CreateReadinessItem creates a readiness item.
func (db *DB) CreateReadinessItem(ctx context.Context, r *radiator.ReadinessItem) error {
	return notImplemented()
}

// UpdateReadinessItem updates a readiness item.
func (db *DB) UpdateReadinessItem(ctx context.Context, id int64, upd radiator.ReadinessItemUpdate) (*radiator.ReadinessItem, error) {
	return nil, notImplemented()
}

// DeleteReadinessItem deletes a readiness item.
func (db *DB) DeleteReadinessItem(ctx context.Context, id, version int64) error {
	return notImplemented()
}

// ApplyDecision applies a what-if change and records the decision.
func (db *DB) ApplyDecision(ctx context.Context, d *radiator.Decision) error { return notImplemented() }

// FindDecisions returns a release's decisions, oldest first.
func (db *DB) FindDecisions(ctx context.Context, releaseID int64) ([]*radiator.Decision, error) {
	return nil, notImplemented()
}
