package radiator

import (
	"bytes"
	"encoding/json"
)

// Nullable is a field of an update that can also clear a value. Set reports
// whether the field was given at all; when it was, Value is nil for an
// explicit null and points at the new value otherwise. Plain pointer fields
// cannot tell "leave alone" from "clear". Tag the field omitzero, so that
// an update a Go client encodes leaves out the fields it does not set
// instead of sending them as null.
type Nullable[T any] struct {
	Set   bool
	Value *T
}

// SetTo returns a Nullable that sets the value v.
func SetTo[T any](v T) Nullable[T] { return Nullable[T]{Set: true, Value: &v} }

// SetNull returns a Nullable that clears the value.
func SetNull[T any]() Nullable[T] { return Nullable[T]{Set: true} }

// UnmarshalJSON records that the field was given, and its value or null.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		n.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	n.Value = &v
	return nil
}

// MarshalJSON writes the value, or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.Value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*n.Value)
}
