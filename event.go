package radiator

import (
	"encoding/json"
	"time"
)

// Entity kinds, as events and the API name them.
const (
	EntityOrganisation    = "organisation"
	EntityProduct         = "product"
	EntityForum           = "forum"
	EntityTeam            = "team"
	EntityPerson          = "person"
	EntityMembership      = "membership"
	EntityRelease         = "release"
	EntitySprint          = "sprint"
	EntityBacklogItem     = "backlog_item"
	EntityBaseline        = "release_baseline"
	EntityDependency      = "dependency"
	EntityReadiness       = "readiness_item"
	EntityDecision        = "release_decision"
	EntityToken           = "token"
	EntitySession         = "session"
	EntityMeetingOverride = "meeting_override"
	EntityFeedSecret      = "feed_secret"
)

// Event actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// Event is one change, written in the same transaction as the change it
// records. The history of events is the audit log and the source of every
// burnup and burndown chart, so every write path records one.
type Event struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	ActorID    *int64    `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	EntityKind string    `json:"entity_kind"`
	EntityID   int64     `json:"entity_id"`
	Action     string    `json:"action"`
	// Before and After are the entity's JSON before and after the change;
	// Before is null on create and After is null on delete.
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
}

// NewEvent returns the event recording a change of one entity by the actor
// of the context, with before and after encoded as JSON (nil for none).
func NewEvent(actor Actor, at time.Time, kind string, id int64, action string, before, after any) (*Event, error) {
	e := &Event{At: at.UTC(), ActorName: actor.Name, EntityKind: kind, EntityID: id, Action: action}
	if actor.PersonID != 0 {
		e.ActorID = &actor.PersonID
	}
	var err error
	if e.Before, err = marshalState(before); err != nil {
		return nil, err
	}
	if e.After, err = marshalState(after); err != nil {
		return nil, err
	}
	return e, nil
}

func marshalState(v any) (json.RawMessage, error) {
	if v == nil {
		return json.RawMessage("null"), nil
	}
	return json.Marshal(v)
}

// EventFilter selects events; lists come in ID order, oldest first.
type EventFilter struct {
	EntityKind string
	EntityID   int64
	ActorID    int64
	Since      time.Time // at or after
	Until      time.Time // before
	Page
}
