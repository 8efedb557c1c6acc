-- release_events, twin of sqlite/migrations/0004_release_events.sql,
-- holds release by release the history that release burnups and the
-- changes since a baseline read (FindReleaseEvents): the release's own
-- events, and every event of a feature whose release_id was the release
-- before or after the change. An event that moves a feature from one
-- release to another is under both. A feature's JSON is cut to the fields
-- those computations read: kind, title, release_id, estimate and state; a
-- release's is whole.
--
-- The rows are copies of events rows, written with them and never
-- changed; events stays the record. A release's history is read here by
-- one range of the primary key from rows a fraction of the size of
-- events' whole items. before and after are json, not jsonb: they are read
-- whole and never queried into, and json is sent as it is stored, where
-- jsonb is written out as text anew on every read.
CREATE TABLE release_events (
	release_id  bigint NOT NULL,
	event_id    bigint NOT NULL REFERENCES events (id),
	at          timestamptz NOT NULL,
	actor_id    bigint,
	actor_name  text NOT NULL,
	entity_kind text NOT NULL,
	entity_id   bigint NOT NULL,
	action      text NOT NULL,
	before      json NOT NULL,
	after       json NOT NULL,
	PRIMARY KEY (release_id, event_id)
);

INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
SELECT entity_id, id, at, actor_id, actor_name, entity_kind, entity_id, action, before::json, after::json
FROM events WHERE entity_kind = 'release';

WITH features AS (
	SELECT id, at, actor_id, actor_name, entity_kind, entity_id, action,
		(before ->> 'release_id')::bigint AS release_before, (after ->> 'release_id')::bigint AS release_after,
		CASE WHEN jsonb_typeof(before) = 'object' THEN jsonb_build_object('kind', before -> 'kind', 'title', before -> 'title',
			'release_id', before -> 'release_id', 'estimate', before -> 'estimate', 'state', before -> 'state')::json ELSE before::json END AS before,
		CASE WHEN jsonb_typeof(after) = 'object' THEN jsonb_build_object('kind', after -> 'kind', 'title', after -> 'title',
			'release_id', after -> 'release_id', 'estimate', after -> 'estimate', 'state', after -> 'state')::json ELSE after::json END AS after
	FROM events
	WHERE entity_kind = 'backlog_item' AND coalesce(after ->> 'kind', before ->> 'kind') = 'feature'
)
INSERT INTO release_events (release_id, event_id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after)
SELECT release_before, id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
FROM features WHERE release_before IS NOT NULL
UNION ALL
SELECT release_after, id, at, actor_id, actor_name, entity_kind, entity_id, action, before, after
FROM features WHERE release_after IS NOT NULL AND release_after IS DISTINCT FROM release_before;
