package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/radiator-hq/radiator"
)

// maxBodySize limits request bodies to 1 MiB.
const maxBodySize = 1 << 20

// list is the answer of every list route. Next is the cursor of the next
// page, left out on the last page.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// decode reads a request body holding one JSON object into v. It refuses
// other content types (which also keeps cross-site HTML forms out of the
// API), bodies over maxBodySize, unknown fields and trailing data.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return radiator.Errorf(radiator.EMALFORMED, "Send the body as JSON, with Content-Type: application/json.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBodySize)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return decodeError(err)
		}
		return radiator.Errorf(radiator.EMALFORMED, "The body holds more than one JSON value; send one object.")
	}
	return nil
}

// decodeError turns an error of the JSON decoder into an error that says
// what is wrong with the body, naming the field when the decoder knows it.
func decodeError(err error) error {
	var (
		tooLarge *http.MaxBytesError
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooLarge):
		return radiator.Errorf(radiator.ETOOLARGE, "The body is larger than %d bytes.", tooLarge.Limit)
	case errors.Is(err, io.EOF):
		return radiator.Errorf(radiator.EMALFORMED, "The body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return radiator.Errorf(radiator.EMALFORMED, "The body ends before its JSON does.")
	case errors.As(err, &syntax):
		return radiator.Errorf(radiator.EMALFORMED, "The body is not valid JSON: %s (at byte %d).", strings.TrimPrefix(syntax.Error(), "json: "), syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return radiator.Errorf(radiator.EMALFORMED, "The body must be a JSON object, not %s.", typ.Value)
	case errors.As(err, &typ):
		return &radiator.Error{Code: radiator.EMALFORMED, Field: jsonPath(typ.Field), Message: fmt.Sprintf("must be %s, not %s", jsonType(typ.Type.String()), typ.Value)}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return &radiator.Error{Code: radiator.EMALFORMED, Field: name, Message: fmt.Sprintf("Unknown field %q.", name)}
	}
	// What is left comes from the UnmarshalJSON methods of our types, such
	// as a date that is not YYYY-MM-DD; their messages are written for people.
	return radiator.Errorf(radiator.EMALFORMED, "The body holds a bad value: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonPath drops from a decoder's field path the names of embedded Go
// structs ("Person.active" is "active"): every JSON name of the API is
// lower case.
func jsonPath(path string) string {
	var names []string
	for _, n := range strings.Split(path, ".") {
		if n != "" && !unicode.IsUpper([]rune(n)[0]) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ".")
}

// jsonType names a Go type as JSON writes its values.
func jsonType(goType string) string {
	goType = strings.TrimLeft(goType, "*")
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "an integer"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	}
	return "an object"
}

// query reads the query parameters of a list. It keeps the first bad value
// it meets in err, an EINVALID error naming the parameter.
type query struct {
	values url.Values
	err    error
}

func newQuery(r *http.Request) *query { return &query{values: r.URL.Query()} }

func (q *query) fail(name, format string, args ...any) {
	if q.err == nil {
		q.err = radiator.Invalidf(name, format, args...)
	}
}

// text returns the parameter as given.
func (q *query) text(name string) string { return q.values.Get(name) }

// id returns a positive ID, 0 when the parameter is absent.
func (q *query) id(name string) int64 {
	v := q.values.Get(name)
	if v == "" {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		q.fail(name, "must be a positive integer id, not %q", v)
	}
	return id
}

// number returns an integer between min and max, 0 when absent.
func (q *query) number(name string, min, max int) int {
	v := q.values.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		q.fail(name, "must be an integer from %d to %d, not %q", min, max, v)
	}
	return n
}

// oneOf returns one of the allowed values, "" when absent.
func (q *query) oneOf(name string, allowed []string) string {
	v := q.values.Get(name)
	if v == "" {
		return ""
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	q.fail(name, "must be one of %s, not %q", strings.Join(allowed, ", "), v)
	return ""
}

// flag returns a parameter written as true or false, false when absent.
func (q *query) flag(name string) bool {
	switch v := q.values.Get(name); v {
	case "", "false":
		return false
	case "true":
		return true
	default:
		q.fail(name, "must be true or false, not %q", v)
		return false
	}
}

// date returns a date written as YYYY-MM-DD, the zero date when absent.
func (q *query) date(name string) radiator.Date {
	v := q.values.Get(name)
	if v == "" {
		return radiator.Date{}
	}
	d, err := radiator.ParseDate(v)
	if err != nil {
		q.fail(name, "must be a date as YYYY-MM-DD, not %q", v)
	}
	return d
}

// time returns a time written as RFC 3339, the zero time when absent.
func (q *query) time(name string) time.Time {
	v := q.values.Get(name)
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		q.fail(name, "must be a time as RFC 3339, like 2026-01-31T09:30:00Z, not %q", v)
	}
	return t
}

// page returns the limit and after parameters. Limits above
// radiator.MaxLimit are lowered to it by the store.
func (q *query) page() radiator.Page {
	v := q.values.Get("limit")
	limit := 0
	if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			q.fail("limit", "must be a positive integer, not %q", v)
		}
		limit = n
	}
	return radiator.Page{After: q.values.Get("after"), Limit: limit}
}

// pathID returns the {id} of the path. A value that is not a positive
// integer cannot name anything, so it is not found.
func pathID(r *http.Request, kind string) (int64, error) {
	return pathIDOf(r, "id", kind)
}

// pathIDOf returns the path value name, an ID of a kind of entity; a value
// that is not a positive integer cannot name anything, so it is not found.
func pathIDOf(r *http.Request, name, kind string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, radiator.Errorf(radiator.ENOTFOUND, "No %s %q.", kind, v)
	}
	return id, nil
}

// deleteArgs returns the {id} of the path and the version to delete, from
// ?version=N or If-Match: "N"; 0, which deletes any version, when neither
// is given.
func deleteArgs(r *http.Request, kind string) (id, version int64, err error) {
	if id, err = pathID(r, kind); err != nil {
		return 0, 0, err
	}
	v, field := r.URL.Query().Get("version"), "version"
	if v == "" {
		v, field = strings.Trim(strings.TrimPrefix(r.Header.Get("If-Match"), "W/"), `"`), "If-Match"
	}
	if v == "" {
		return id, 0, nil
	}
	version, err = strconv.ParseInt(v, 10, 64)
	if err != nil || version <= 0 {
		return 0, 0, radiator.Invalidf(field, "must be the version you read, a positive integer, not %q", v)
	}
	return id, version, nil
}

// writeList answers one page of a list, or err.
func writeList[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, next string, err error) {
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if items == nil {
		items = []T{}
	}
	s.writeJSON(w, r, http.StatusOK, list[T]{Items: items, Next: next})
}

// writeEntity answers an entity with 200, or err.
func (s *Server) writeEntity(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, v)
}

// writeCreated answers a new entity with 201 and its address, or err.
func (s *Server) writeCreated(w http.ResponseWriter, r *http.Request, collection string, id int64, v any, err error) {
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/%s/%d", collection, id))
	s.writeJSON(w, r, http.StatusCreated, v)
}

// writeNoContent answers 204 with no body, or err.
func (s *Server) writeNoContent(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
