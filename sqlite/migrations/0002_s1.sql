-- The team tier (S1): boards, estimate scales and definitions of ready of
-- teams; acceptance criteria, labels, assignees, blocks and board columns
-- of backlog items; days off, start, close and result of sprints; and the
-- sprint of each backlog item event, for the sprint charts.
--
-- Lists are JSON text and never NULL: an empty list is '[]'.

ALTER TABLE teams ADD COLUMN board_columns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(board_columns));
ALTER TABLE teams ADD COLUMN estimate_scale TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(estimate_scale));
ALTER TABLE teams ADD COLUMN definition_of_ready TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(definition_of_ready));

-- assignee_id has no ON DELETE action: DeletePerson clears it item by item,
-- so that each item's history records the change.
ALTER TABLE backlog_items ADD COLUMN acceptance_criteria TEXT NOT NULL DEFAULT '';
ALTER TABLE backlog_items ADD COLUMN labels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(labels));
ALTER TABLE backlog_items ADD COLUMN assignee_id INTEGER REFERENCES people (id);
ALTER TABLE backlog_items ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1));
ALTER TABLE backlog_items ADD COLUMN blocked_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE backlog_items ADD COLUMN ready_checks TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ready_checks));
ALTER TABLE backlog_items ADD COLUMN column_key TEXT NOT NULL DEFAULT '';
CREATE INDEX backlog_items_assignee_id ON backlog_items (assignee_id);

-- result is the JSON of a radiator.SprintResult, NULL until the close.
ALTER TABLE sprints ADD COLUMN days_off TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(days_off));
ALTER TABLE sprints ADD COLUMN started_at TEXT;
ALTER TABLE sprints ADD COLUMN closed_at TEXT;
ALTER TABLE sprints ADD COLUMN result TEXT CHECK (result IS NULL OR json_valid(result));

-- sprint_before and sprint_after are the sprint_id of a backlog item event's
-- before and after, NULL for none and for events of other entities.
ALTER TABLE events ADD COLUMN sprint_before INTEGER;
ALTER TABLE events ADD COLUMN sprint_after INTEGER;
UPDATE events SET
	sprint_before = json_extract(before, '$.sprint_id'),
	sprint_after = json_extract(after, '$.sprint_id')
WHERE entity_kind = 'backlog_item';
CREATE INDEX events_sprint_before ON events (sprint_before) WHERE sprint_before IS NOT NULL;
CREATE INDEX events_sprint_after ON events (sprint_after) WHERE sprint_after IS NOT NULL;
