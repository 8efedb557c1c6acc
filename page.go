package radiator

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Page limits of list queries.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Page selects one page of a list: the entries after the opaque cursor
// After (from the previous page's Next), at most Limit of them.
type Page struct {
	After string
	Limit int
}

// Normalize returns the page's limit bounded to 1..MaxLimit, DefaultLimit
// when unset, or an EINVALID error for a negative limit.
func (p Page) Normalize() (int, error) {
	switch {
	case p.Limit < 0:
		return 0, Invalidf("limit", "must not be negative")
	case p.Limit == 0:
		return DefaultLimit, nil
	case p.Limit > MaxLimit:
		return MaxLimit, nil
	}
	return p.Limit, nil
}

// IDCursor encodes the cursor of a list ordered by ID.
func IDCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10)))
}

// ParseIDCursor decodes a cursor made by IDCursor; "" decodes as 0.
func ParseIDCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, Invalidf("after", "is not a cursor this server made")
	}
	id, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || id < 0 {
		return 0, Invalidf("after", "is not a cursor this server made")
	}
	return id, nil
}

// RankCursor encodes the cursor of a list ordered by rank, then ID.
func RankCursor(rank string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(rank + " " + strconv.FormatInt(id, 10)))
}

// ParseRankCursor decodes a cursor made by RankCursor; "" decodes as ("", 0).
func ParseRankCursor(c string) (string, int64, error) {
	if c == "" {
		return "", 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, Invalidf("after", "is not a cursor this server made")
	}
	rank, idText, ok := strings.Cut(string(b), " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || !ValidRank(rank) {
		return "", 0, Invalidf("after", "is not a cursor this server made")
	}
	return rank, id, nil
}

// KeyCursor encodes the cursor of a list ordered by a text key, then ID,
// such as releases by date or sprints by start. The key may hold any text.
func KeyCursor(key string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(key + " " + strconv.FormatInt(id, 10)))
}

// ParseKeyCursor decodes a cursor made by KeyCursor; "" decodes as ("", 0).
func ParseKeyCursor(c string) (string, int64, error) {
	if c == "" {
		return "", 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, Invalidf("after", "is not a cursor this server made")
	}
	i := strings.LastIndexByte(string(b), ' ')
	if i < 0 {
		return "", 0, Invalidf("after", "is not a cursor this server made")
	}
	id, err := strconv.ParseInt(string(b[i+1:]), 10, 64)
	if err != nil || id < 0 {
		return "", 0, Invalidf("after", "is not a cursor this server made")
	}
	return string(b[:i]), id, nil
}
