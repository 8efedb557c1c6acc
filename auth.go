package radiator

import "time"

// Token is an API token a person uses as "Authorization: Bearer <token>".
// Only a hash of the secret is stored; the secret is shown once, at creation.
type Token struct {
	ID         int64      `json:"id"`
	PersonID   int64      `json:"person_id"`
	Name       string     `json:"name"`
	Hash       string     `json:"-"`
	ExpiresAt  *time.Time `json:"expires_at"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

// Validate checks the token's fields.
func (t *Token) Validate() error {
	if err := checkID("person_id", t.PersonID); err != nil {
		return err
	}
	if err := checkText("name", t.Name, true, 120); err != nil {
		return err
	}
	if t.Hash == "" {
		return Invalidf("hash", "is required")
	}
	return nil
}

// Expired reports whether the token has expired at now.
func (t *Token) Expired(now time.Time) bool {
	return t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)
}

// Session is a signed-in browser. Only a hash of the cookie's secret is
// stored.
type Session struct {
	ID        int64     `json:"id"`
	PersonID  int64     `json:"person_id"`
	Hash      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Expired reports whether the session has expired at now.
func (s *Session) Expired(now time.Time) bool { return !now.Before(s.ExpiresAt) }
