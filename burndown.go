package radiator

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"
)

// itemSnapshot is the part of a backlog item's JSON in an event that the
// sprint charts read.
type itemSnapshot struct {
	SprintID *int64   `json:"sprint_id"`
	Estimate *float64 `json:"estimate"`
	State    string   `json:"state"`
}

// sprintFold replays backlog item events and tells, at any moment, which
// items are in which sprint with which estimate and state.
type sprintFold struct {
	items map[int64]itemSnapshot
}

func newSprintFold() *sprintFold { return &sprintFold{items: map[int64]itemSnapshot{}} }

// apply replays one event. Events of other entities are ignored.
func (f *sprintFold) apply(e *Event) error {
	if e.EntityKind != EntityBacklogItem {
		return nil
	}
	if e.Action == ActionDelete || len(e.After) == 0 || string(e.After) == "null" {
		delete(f.items, e.EntityID)
		return nil
	}
	var s itemSnapshot
	if err := json.Unmarshal(e.After, &s); err != nil {
		return fmt.Errorf("event %d: read backlog item: %w", e.ID, err)
	}
	f.items[e.EntityID] = s
	return nil
}

// points returns the scope and the remaining (not done) points of a sprint.
func (f *sprintFold) points(sprintID int64) (scope, remaining float64) {
	for _, s := range f.items {
		if s.SprintID == nil || *s.SprintID != sprintID || s.Estimate == nil {
			continue
		}
		scope += *s.Estimate
		if s.State != StateDone {
			remaining += *s.Estimate
		}
	}
	return scope, remaining
}

// leavesSprint reports whether the event takes a backlog item out of the
// sprint.
func leavesSprint(e *Event, sprintID int64) bool {
	var before, after itemSnapshot
	if json.Unmarshal(e.Before, &before) != nil || before.SprintID == nil || *before.SprintID != sprintID {
		return false
	}
	return json.Unmarshal(e.After, &after) != nil || after.SprintID == nil || *after.SprintID != sprintID
}

// BurndownPoint is the state of a sprint at one moment: the first point is
// the sprint's start, each later one the end of a day.
type BurndownPoint struct {
	At        time.Time `json:"at"`
	Day       Date      `json:"day"`
	Scope     float64   `json:"scope"`
	Remaining float64   `json:"remaining"`
	Done      float64   `json:"done"`
	// Added and Removed are the scope added to and removed from the sprint
	// since it started, in points, summed up to this moment.
	Added   float64 `json:"added"`
	Removed float64 `json:"removed"`
	// Ideal is the remaining work of a steady burn from the commitment to
	// nothing on the last day, going flat over weekends.
	Ideal float64 `json:"ideal"`
}

// Burndown is a sprint's remaining work, day by day.
type Burndown struct {
	SprintID  int64           `json:"sprint_id"`
	Start     Date            `json:"start"`
	End       Date            `json:"end"`
	Committed float64         `json:"committed"`
	Points    []BurndownPoint `json:"points"`
}

// Result returns what the sprint delivered as of its last point.
func (b *Burndown) Result() SprintResult {
	if len(b.Points) == 0 {
		return SprintResult{}
	}
	last := b.Points[len(b.Points)-1]
	return SprintResult{Committed: b.Committed, Added: last.Added, Removed: last.Removed, Completed: last.Done, CarriedOver: last.Remaining}
}

// NewBurndown computes a sprint's burndown from the history of its items:
// events is every backlog item event that has the sprint before or after
// it, in order (as Store.FindSprintEvents returns them). The sprint's
// commitment is what it held when it started (StartedAt, or the start of its
// first day if it was never started), and points follow at the end of each
// day of the sprint up to asOf (the close, for a closed sprint, whose own
// moves of unfinished work at the close are left out). Points and days are
// in UTC.
func NewBurndown(s *Sprint, events []*Event, asOf time.Time) (*Burndown, error) {
	b := &Burndown{SprintID: s.ID, Start: s.Start, End: s.End}
	started := s.Start.Time()
	if s.StartedAt != nil {
		started = s.StartedAt.UTC()
	}
	if s.ClosedAt != nil && s.ClosedAt.Before(asOf) {
		asOf = s.ClosedAt.UTC()
	}
	var evs []*Event
	for _, e := range events {
		if s.ClosedAt != nil && !e.At.Before(*s.ClosedAt) {
			// After the close nothing counts; at the close, its own
			// moves of unfinished work out of the sprint are its
			// result, not a change of its scope.
			if e.At.After(*s.ClosedAt) || leavesSprint(e, s.ID) {
				continue
			}
		}
		evs = append(evs, e)
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })

	// Moments to sample: the start, then the end of each day.
	moments := []time.Time{started}
	days := []Date{DateOf(started)}
	for d := s.Start; !d.After(s.End); d = d.AddDays(1) {
		end := d.AddDays(1).Time()
		if !end.After(started) {
			continue
		}
		if end.After(asOf) {
			if asOf.After(started) {
				moments, days = append(moments, asOf), append(days, d)
			}
			break
		}
		moments, days = append(moments, end), append(days, d)
	}
	if started.After(asOf) {
		return b, nil
	}

	fold := newSprintFold()
	var added, removed, lastScope float64
	next := 0
	for i, at := range moments {
		for ; next < len(evs) && !evs[next].At.After(at); next++ {
			if err := fold.apply(evs[next]); err != nil {
				return nil, err
			}
			if i == 0 {
				continue
			}
			scope, _ := fold.points(s.ID)
			if d := scope - lastScope; d > 0 {
				added += d
			} else {
				removed -= d
			}
			lastScope = scope
		}
		scope, remaining := fold.points(s.ID)
		if i == 0 {
			b.Committed, lastScope = scope, scope
		}
		b.Points = append(b.Points, BurndownPoint{
			At: at, Day: days[i], Scope: scope, Remaining: remaining, Done: scope - remaining,
			Added: added, Removed: removed,
		})
	}
	total := WorkingDays(s.Start, s.End)
	for i := range b.Points {
		p := &b.Points[i]
		burnt := 0
		if i > 0 {
			burnt = WorkingDays(s.Start, p.Day)
		}
		if total > 0 {
			p.Ideal = round2(b.Committed * (1 - float64(burnt)/float64(total)))
		}
	}
	return b, nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
