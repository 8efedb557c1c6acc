-- Radiator's first schema. Shipped migrations are never edited: change the
-- schema in a new file with the next number, and its twin in postgres/.
--
-- Every table uses AUTOINCREMENT so that an ID is never handed out twice:
-- events keep naming deleted entities, and a reused ID would mix up their
-- history. Times are UTC text of fixed width (nanoseconds), so that they
-- sort as they compare; dates are YYYY-MM-DD text. Ranks and every other
-- text compare bytewise (SQLite's BINARY collation), as PostgreSQL's
-- COLLATE "C" does.

CREATE TABLE organisations (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	name       TEXT NOT NULL CHECK (name <> ''),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

INSERT INTO organisations (id, name, version, created_at, updated_at)
VALUES (1, 'My organisation', 1,
	strftime('%Y-%m-%dT%H:%M:%S.000000000Z', 'now'),
	strftime('%Y-%m-%dT%H:%M:%S.000000000Z', 'now'));

CREATE TABLE products (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	key         TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL CHECK (name <> ''),
	description TEXT NOT NULL,
	version     INTEGER NOT NULL CHECK (version >= 1),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);

CREATE TABLE forums (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	name       TEXT NOT NULL CHECK (name <> ''),
	tier       INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 9),
	kind       TEXT NOT NULL CHECK (kind IN ('team', 'scrum_of_scrums', 'portfolio', 'steering', 'other')),
	parent_id  INTEGER REFERENCES forums (id),
	product_id INTEGER REFERENCES products (id),
	purpose    TEXT NOT NULL,
	cadence    TEXT NOT NULL CHECK (json_valid(cadence)),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK ((kind = 'team') = (tier = 1))
);
CREATE INDEX forums_parent_id ON forums (parent_id);
CREATE INDEX forums_product_id ON forums (product_id);
CREATE INDEX forums_tier ON forums (tier);

CREATE TABLE teams (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id  INTEGER NOT NULL REFERENCES products (id),
	forum_id    INTEGER NOT NULL UNIQUE REFERENCES forums (id),
	name        TEXT NOT NULL CHECK (name <> ''),
	description TEXT NOT NULL,
	version     INTEGER NOT NULL CHECK (version >= 1),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX teams_product_id ON teams (product_id);

CREATE TABLE people (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT NOT NULL CHECK (name <> ''),
	email         TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
	active        INTEGER NOT NULL CHECK (active IN (0, 1)),
	admin         INTEGER NOT NULL CHECK (admin IN (0, 1)),
	password_hash TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL CHECK (version >= 1),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE TABLE memberships (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	person_id  INTEGER NOT NULL REFERENCES people (id),
	forum_id   INTEGER NOT NULL REFERENCES forums (id),
	role       TEXT NOT NULL CHECK (role IN ('member', 'scrum_master', 'product_owner', 'chief_product_owner',
		'chief_scrum_master', 'tester', 'operations', 'leadership', 'coach')),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (person_id, forum_id, role)
);
CREATE INDEX memberships_forum_id ON memberships (forum_id);

CREATE TABLE releases (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id INTEGER NOT NULL REFERENCES products (id),
	name       TEXT NOT NULL CHECK (name <> ''),
	date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	goal       TEXT NOT NULL,
	phase      TEXT NOT NULL CHECK (phase IN ('planning', 'sprinting', 'hardening', 'released')),
	kind       TEXT NOT NULL CHECK (kind IN ('regular', 'hotfix')),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (product_id, name)
);
CREATE INDEX releases_date ON releases (date, id);

CREATE TABLE sprints (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	team_id    INTEGER NOT NULL REFERENCES teams (id),
	name       TEXT NOT NULL CHECK (name <> ''),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	end_date   TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	goal       TEXT NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('planned', 'active', 'closed')),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date > start_date)
);
CREATE INDEX sprints_team_id ON sprints (team_id, start_date);
CREATE INDEX sprints_start_date ON sprints (start_date, id);

CREATE TABLE backlog_items (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	product_id  INTEGER NOT NULL REFERENCES products (id),
	kind        TEXT NOT NULL CHECK (kind IN ('story', 'feature', 'initiative')),
	title       TEXT NOT NULL CHECK (title <> ''),
	description TEXT NOT NULL,
	parent_id   INTEGER REFERENCES backlog_items (id),
	rank        TEXT NOT NULL CHECK (rank <> ''),
	estimate    REAL CHECK (estimate BETWEEN 0 AND 1000),
	state       TEXT NOT NULL CHECK (state IN ('new', 'ready', 'in_progress', 'done')),
	team_id     INTEGER REFERENCES teams (id),
	sprint_id   INTEGER REFERENCES sprints (id),
	release_id  INTEGER REFERENCES releases (id),
	done_at     TEXT,
	version     INTEGER NOT NULL CHECK (version >= 1),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	CHECK ((state = 'done') = (done_at IS NOT NULL)),
	CHECK (sprint_id IS NULL OR team_id IS NOT NULL)
);
CREATE INDEX backlog_items_product_rank ON backlog_items (product_id, rank, id);
CREATE INDEX backlog_items_rank ON backlog_items (rank, id);
CREATE INDEX backlog_items_parent_id ON backlog_items (parent_id);
CREATE INDEX backlog_items_team_id ON backlog_items (team_id);
CREATE INDEX backlog_items_sprint_id ON backlog_items (sprint_id);
CREATE INDEX backlog_items_release_id ON backlog_items (release_id);

CREATE TABLE tokens (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	person_id    INTEGER NOT NULL REFERENCES people (id),
	name         TEXT NOT NULL CHECK (name <> ''),
	hash         TEXT NOT NULL UNIQUE CHECK (hash <> ''),
	expires_at   TEXT,
	created_at   TEXT NOT NULL,
	last_used_at TEXT
);
CREATE INDEX tokens_person_id ON tokens (person_id);

CREATE TABLE sessions (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	person_id  INTEGER NOT NULL REFERENCES people (id),
	hash       TEXT NOT NULL UNIQUE CHECK (hash <> ''),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_person_id ON sessions (person_id);

-- events is the audit log and the source of every chart. actor_id is not a
-- foreign key: the history of a change outlives the person who made it.
CREATE TABLE events (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	at          TEXT NOT NULL,
	actor_id    INTEGER,
	actor_name  TEXT NOT NULL,
	entity_kind TEXT NOT NULL,
	entity_id   INTEGER NOT NULL,
	action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
	before      TEXT NOT NULL CHECK (json_valid(before)),
	after       TEXT NOT NULL CHECK (json_valid(after))
);
CREATE INDEX events_entity ON events (entity_kind, entity_id);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_actor_id ON events (actor_id);
