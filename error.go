package radiator

import (
	"errors"
	"fmt"
)

// Error codes. The list is append-only: clients and the HTTP status table
// depend on every code keeping its meaning.
const (
	EINVALID      = "invalid"      // a value breaks a rule; Field names it
	EUNAUTHORIZED = "unauthorized" // no valid session or token
	EFORBIDDEN    = "forbidden"    // authenticated, but not allowed
	ENOTFOUND     = "not_found"    // no such entity
	ECONFLICT     = "conflict"     // stale version, duplicate, or still referenced
	EINTERNAL     = "internal"     // anything unexpected; details are logged, not shown
	EMALFORMED    = "malformed"    // a request body that cannot be parsed
	ETOOLARGE     = "too_large"    // a request body over the limit
)

// Codes lists every error code, in the order they were added.
var Codes = []string{EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, ECONFLICT, EINTERNAL, EMALFORMED, ETOOLARGE}

// Error is the one error type the program shows to people. Message is meant
// for the person who made the request; Field, when set, names the input
// field (as spelled in the API) the message is about.
type Error struct {
	Code    string
	Message string
	Field   string
	Err     error
}

// Error implements the error interface.
func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return fmt.Sprintf("%s (%s): %v", msg, e.Code, e.Err)
	}
	return fmt.Sprintf("%s (%s)", msg, e.Code)
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns an EINVALID error about one field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message that reveals nothing of an unexpected error.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e) && e.Code != EINTERNAL:
		return e.Message
	default:
		return "Internal error."
	}
}

// ErrorField returns the field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
