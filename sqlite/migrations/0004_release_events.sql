-- release_events holds, release by release, the history that release
-- burnups and the changes since a baseline read (FindReleaseEvents): the
-- release's own events, and every event of a feature whose release_id was
-- the release before or after the change. An event that moves a feature
-- from one release to another is under both. A feature's JSON is cut to
-- the fields those computations read: kind, title, release_id, estimate
-- and state; a release's is whole.
--
-- The rows are copies of events rows, written with them and never
-- changed; events stays the record. In events a release's rows lie one to
-- a page among everything else the organisation did; here its history is
-- one range of the primary key, on a few pages.
CREATE TABLE release_events (
	release_id  INTEGER NOT NULL,
	event_id    INTEGER NOT NULL REFERENCES events (id),
	at          TEXT NOT NULL,
	actor_id    INTEGER,
	actor_name  TEXT NOT NULL,
	entity_kind TEXT NOT NULL,
	entity_id   INTEGER NOT NULL,
	action      TEXT NOT NULL,
	before      TEXT NOT NULL CHECK (json_valid(before)),
	after       TEXT NOT NULL CHECK (json_valid(after)),
	PRIMARY KEY (release_id, event_id)
) WITHOUT ROWID;

INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
SELECT entity_id, id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
FROM events WHERE entity_kind = 'release';

WITH features AS (
	SELECT id, at, actor_id, actor_name, entity_kind, entity_id, action,
		before ->> 'release_id' AS release_before, after ->> 'release_id' AS release_after,
		CASE WHEN json_type(before) = 'object' THEN json_object('kind', before -> 'kind', 'title', before -> 'title',
			'release_id', before -> 'release_id', 'estimate', before -> 'estimate', 'state', before -> 'state') ELSE before END AS before,
		CASE WHEN json_type(after) = 'object' THEN json_object('kind', after -> 'kind', 'title', after -> 'title',
			'release_id', after -> 'release_id', 'estimate', after -> 'estimate', 'state', after -> 'state') ELSE after END AS after
	FROM events
	WHERE entity_kind = 'backlog_item' AND coalesce(after ->> 'kind', before ->> 'kind') = 'feature'
)
INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
SELECT release_before, id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
FROM features WHERE release_before IS NOT NULL
UNION ALL
SELECT release_after, id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
FROM features WHERE release_after IS NOT NULL AND release_after IS NOT release_before;
