-- The Scrum of Scrums tier (S2): the start and override reason of
-- releases, the t-shirt sizes of features, and release baselines,
-- dependencies, readiness checklists and release decisions.

-- start is the release's first day. A release made before this migration
-- started the day it was created, or the day before its date when that
-- came first: a release's date follows its start.
ALTER TABLE releases ADD COLUMN start TEXT NOT NULL DEFAULT ''
	CHECK (start = '' OR start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
ALTER TABLE releases ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
UPDATE releases SET start = min(substr(created_at, 1, 10), date(date, '-1 day'));

ALTER TABLE backlog_items ADD COLUMN size TEXT NOT NULL DEFAULT ''
	CHECK (size IN ('', 'XS', 'S', 'M', 'L', 'XL') AND (size = '' OR kind = 'feature'));

-- A baseline is never changed: it has no version. taken_by_id, like
-- events.actor_id, is not a reference. features is the JSON list of the
-- committed features with their units.
CREATE TABLE release_baselines (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	release_id    INTEGER NOT NULL REFERENCES releases (id),
	taken_at      TEXT NOT NULL,
	taken_by_id   INTEGER,
	taken_by_name TEXT NOT NULL,
	note          TEXT NOT NULL,
	date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	features      TEXT NOT NULL CHECK (json_valid(features))
);
CREATE INDEX release_baselines_release_id ON release_baselines (release_id, id);

-- A pair of items has one dependency at most, whichever way round:
-- dependencies_pair refuses the reverse of an existing one too.
CREATE TABLE dependencies (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id    INTEGER NOT NULL REFERENCES products (id),
	item_id       INTEGER NOT NULL REFERENCES backlog_items (id),
	depends_on_id INTEGER NOT NULL REFERENCES backlog_items (id),
	note          TEXT NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
	version       INTEGER NOT NULL CHECK (version >= 1),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE (item_id, depends_on_id),
	CHECK (item_id <> depends_on_id)
);
CREATE UNIQUE INDEX dependencies_pair ON dependencies (min(item_id, depends_on_id), max(item_id, depends_on_id));
CREATE INDEX dependencies_depends_on_id ON dependencies (depends_on_id);
CREATE INDEX dependencies_product_id ON dependencies (product_id, id);

-- owner_id has no ON DELETE action: DeletePerson clears it item by item,
-- so that each item's history records the change.
CREATE TABLE readiness_items (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	release_id INTEGER NOT NULL REFERENCES releases (id),
	part       TEXT NOT NULL CHECK (part IN ('integration_testing', 'regression_testing', 'operational_readiness',
		'deployment', 'other')),
	title      TEXT NOT NULL CHECK (title <> ''),
	owner_id   INTEGER REFERENCES people (id),
	state      TEXT NOT NULL CHECK (state IN ('open', 'in_progress', 'done', 'waived')),
	evidence   TEXT NOT NULL,
	required   INTEGER NOT NULL CHECK (required IN (0, 1)),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX readiness_items_release_id ON readiness_items (release_id);
CREATE INDEX readiness_items_owner_id ON readiness_items (owner_id);

-- A decision is never changed. change is the JSON of a radiator.WhatIf;
-- actor_id, like events.actor_id, is not a reference.
CREATE TABLE release_decisions (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	release_id INTEGER NOT NULL REFERENCES releases (id),
	change     TEXT NOT NULL CHECK (json_valid(change)),
	summary    TEXT NOT NULL,
	reason     TEXT NOT NULL CHECK (reason <> ''),
	actor_id   INTEGER,
	actor_name TEXT NOT NULL,
	at         TEXT NOT NULL
);
CREATE INDEX release_decisions_release_id ON release_decisions (release_id, id);
