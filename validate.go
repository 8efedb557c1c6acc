package radiator

import (
	"strings"
	"unicode/utf8"
)

// checkText checks a free-text field: trimmed, required when min > 0, and at
// most max characters long.
func checkText(field, s string, required bool, max int) error {
	if required && strings.TrimSpace(s) == "" {
		return Invalidf(field, "is required")
	}
	if s != strings.TrimSpace(s) {
		return Invalidf(field, "must not start or end with spaces")
	}
	if !utf8.ValidString(s) {
		return Invalidf(field, "must be valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return Invalidf(field, "must be at most %d characters, not %d", max, n)
	}
	return nil
}

// checkOneOf checks that v is one of the allowed values.
func checkOneOf(field, v string, allowed []string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	if v == "" {
		return Invalidf(field, "is required; one of %s", strings.Join(allowed, ", "))
	}
	return Invalidf(field, "must be one of %s, not %q", strings.Join(allowed, ", "), v)
}

// checkID checks a reference to another entity.
func checkID(field string, id int64) error {
	if id <= 0 {
		return Invalidf(field, "is required")
	}
	return nil
}

// checkOptionalID checks an optional reference to another entity.
func checkOptionalID(field string, id *int64) error {
	if id != nil && *id <= 0 {
		return Invalidf(field, "must be a positive id or null")
	}
	return nil
}

// checkVersion checks the version an update names.
func checkVersion(v int64) error {
	if v <= 0 {
		return Invalidf("version", "is required: the version you read, so that a change made since is not overwritten")
	}
	return nil
}
