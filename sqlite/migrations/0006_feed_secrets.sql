-- feed_secrets open one iCalendar feed, a forum's or a person's, to a
-- calendar application that cannot sign in. Only a hash of the secret is
-- kept; each forum and person has at most one.
CREATE TABLE feed_secrets (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	forum_id   INTEGER UNIQUE REFERENCES forums (id),
	person_id  INTEGER UNIQUE REFERENCES people (id),
	hash       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	CHECK ((forum_id IS NULL) <> (person_id IS NULL))
);
