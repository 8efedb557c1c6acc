-- The team tier (S1), twin of sqlite/migrations/0002_s1.sql: boards,
-- estimate scales and definitions of ready of teams; days off, start, close
-- and result of sprints; the working fields of backlog items; and the
-- sprint of each backlog item event, so that the sprint charts find their
-- history by index.
--
-- Lists and objects are jsonb, except labels: text[] with a GIN index (which
-- SQLite has no twin of), so that the label filter, labels @> ARRAY[label],
-- is an index look-up. Sprints started or closed before this migration get
-- their times from their history.

ALTER TABLE teams
	ADD COLUMN board_columns       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(board_columns) = 'array'),
	ADD COLUMN estimate_scale      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(estimate_scale) = 'array'),
	ADD COLUMN definition_of_ready jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(definition_of_ready) = 'array');

ALTER TABLE sprints
	ADD COLUMN days_off   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(days_off) = 'array'),
	ADD COLUMN started_at timestamptz,
	ADD COLUMN closed_at  timestamptz,
	ADD COLUMN result     jsonb CHECK (result IS NULL OR jsonb_typeof(result) = 'object');
-- A sprint started or closed when its history first shows it so; a closed
-- sprint without that history closed when it last changed.
UPDATE sprints SET
	started_at = (SELECT min(e.at) FROM events e
		WHERE e.entity_kind = 'sprint' AND e.entity_id = sprints.id AND e.after->>'state' IN ('active', 'closed')),
	closed_at = CASE WHEN state = 'closed' THEN coalesce((SELECT min(e.at) FROM events e
		WHERE e.entity_kind = 'sprint' AND e.entity_id = sprints.id AND e.after->>'state' = 'closed'), updated_at) END
WHERE state <> 'planned';
ALTER TABLE sprints ADD CHECK ((state = 'closed') = (closed_at IS NOT NULL));

-- assignee_id has no ON DELETE action: DeletePerson clears it item by item,
-- so that each item's history records the change.
ALTER TABLE backlog_items
	ADD COLUMN acceptance_criteria text NOT NULL DEFAULT '',
	ADD COLUMN labels              text[] NOT NULL DEFAULT '{}',
	ADD COLUMN assignee_id         bigint REFERENCES people (id),
	ADD COLUMN blocked             boolean NOT NULL DEFAULT false,
	ADD COLUMN blocked_reason      text NOT NULL DEFAULT '',
	ADD COLUMN ready_checks        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(ready_checks) = 'array'),
	ADD COLUMN column_key          text NOT NULL DEFAULT '',
	ADD CHECK (blocked OR blocked_reason = '');
CREATE INDEX backlog_items_labels ON backlog_items USING gin (labels);
CREATE INDEX backlog_items_assignee_id ON backlog_items (assignee_id);

ALTER TABLE events
	ADD COLUMN sprint_before bigint,
	ADD COLUMN sprint_after  bigint;
UPDATE events SET sprint_before = (before->>'sprint_id')::bigint, sprint_after = (after->>'sprint_id')::bigint
WHERE entity_kind = 'backlog_item';
CREATE INDEX events_sprint_before ON events (sprint_before) WHERE sprint_before IS NOT NULL;
CREATE INDEX events_sprint_after ON events (sprint_after) WHERE sprint_after IS NOT NULL;
