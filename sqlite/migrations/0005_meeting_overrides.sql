-- meeting_overrides moves, cancels or restores single generated meetings
-- of a forum, one row per forum and meeting UID. sequence is the
-- iCalendar SEQUENCE of the meeting: 1 on creation, one more on each
-- change, so that subscribed calendars follow.
CREATE TABLE meeting_overrides (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	forum_id   INTEGER NOT NULL REFERENCES forums (id),
	uid        TEXT NOT NULL CHECK (uid <> ''),
	cancelled  INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
	start_at   TEXT,
	end_at     TEXT,
	note       TEXT NOT NULL,
	sequence   INTEGER NOT NULL CHECK (sequence >= 1),
	version    INTEGER NOT NULL CHECK (version >= 1),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (forum_id, uid),
	CHECK ((start_at IS NULL) = (end_at IS NULL))
);
