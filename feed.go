package radiator

import "time"

// FeedSecret lets a calendar application read one iCalendar feed without
// signing in: the feed of a forum, or the personal feed of a person (the
// meetings of every forum they are a member of), at /feeds/<secret>.ics.
// Only a hash of the secret is stored; it is shown once, at creation. The
// secret opens that feed and nothing else: it is no API token.
type FeedSecret struct {
	ID        int64     `json:"id"`
	ForumID   *int64    `json:"forum_id"`
	PersonID  *int64    `json:"person_id"`
	Hash      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks that the secret opens exactly one feed.
func (s *FeedSecret) Validate() error {
	if (s.ForumID == nil) == (s.PersonID == nil) {
		return Invalidf("forum_id", "a feed secret opens the feed of one forum or of one person")
	}
	if err := checkOptionalID("forum_id", s.ForumID); err != nil {
		return err
	}
	if err := checkOptionalID("person_id", s.PersonID); err != nil {
		return err
	}
	if s.Hash == "" {
		return Invalidf("hash", "is required")
	}
	return nil
}
