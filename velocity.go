package radiator

import (
	"fmt"
	"sort"
)

// VelocityWindow is how many finished sprints velocity averages.
const VelocityWindow = 3

// VelocitySprint is one sprint's commitment and delivery.
type VelocitySprint struct {
	SprintID  int64   `json:"sprint_id"`
	Name      string  `json:"name"`
	End       Date    `json:"end"`
	Committed float64 `json:"committed"`
	Completed float64 `json:"completed"`
}

// Velocity is a team's pace: the mean points completed by its last finished
// sprints, with the range, and the sprints it was computed from.
type Velocity struct {
	Mean    float64          `json:"mean"`
	Min     float64          `json:"min"`
	Max     float64          `json:"max"`
	Basis   int              `json:"basis"` // sprints in the mean, at most VelocityWindow
	Sprints []VelocitySprint `json:"sprints"`
}

// NewVelocity computes velocity from a team's sprints: the closed ones
// with a result, the last n of them in the chart (oldest first), the last
// VelocityWindow of them in the mean.
func NewVelocity(sprints []*Sprint, n int) Velocity {
	var closed []*Sprint
	for _, s := range sprints {
		if s.State == SprintClosed && s.Result != nil {
			closed = append(closed, s)
		}
	}
	sort.SliceStable(closed, func(i, j int) bool { return closed[i].Start.Before(closed[j].Start) })
	var v Velocity
	for i, s := range closed {
		if i >= len(closed)-n {
			v.Sprints = append(v.Sprints, VelocitySprint{SprintID: s.ID, Name: s.Name, End: s.End, Committed: s.Result.Committed, Completed: s.Result.Completed})
		}
		if i >= len(closed)-VelocityWindow {
			c := s.Result.Completed
			if v.Basis == 0 || c < v.Min {
				v.Min = c
			}
			if v.Basis == 0 || c > v.Max {
				v.Max = c
			}
			v.Mean += c
			v.Basis++
		}
	}
	if v.Basis > 0 {
		v.Mean = round2(v.Mean / float64(v.Basis))
	}
	return v
}

// String describes the velocity as people say it.
func (v Velocity) String() string {
	if v.Basis == 0 {
		return "no finished sprint yet"
	}
	return fmt.Sprintf("%s points (%s–%s over %d sprints)", fmtPoints(v.Mean), fmtPoints(v.Min), fmtPoints(v.Max), v.Basis)
}

func fmtPoints(p float64) string {
	if p == float64(int64(p)) {
		return fmt.Sprintf("%d", int64(p))
	}
	return fmt.Sprintf("%.1f", p)
}

// SprintsReady tells how many sprints of work the ready items hold at the
// team's velocity: the refinement view's "2.5 sprints ready". It is 0 when
// the team has no velocity yet.
func SprintsReady(items []*BacklogItem, v Velocity) float64 {
	if v.Mean <= 0 {
		return 0
	}
	var ready float64
	for _, it := range items {
		if it.State == StateReady && it.SprintID == nil && it.Estimate != nil {
			ready += *it.Estimate
		}
	}
	return float64(int(ready/v.Mean*10)) / 10
}

// Capacity is how much a team can take on in a sprint, in person-days,
// against what it usually has.
type Capacity struct {
	People      int     `json:"people"`
	WorkingDays int     `json:"working_days"`
	DaysOff     float64 `json:"days_off"`
	PersonDays  float64 `json:"person_days"`
	// Share is the person-days available as a share of a sprint with
	// nobody away: 0.9 means the sprint has 90 % of the team's usual time.
	Share float64 `json:"share"`
	// Forecast is the velocity scaled by Share: what the team can expect
	// to finish.
	Forecast float64 `json:"forecast"`
}

// NewCapacity computes a sprint's capacity for the people who do the
// sprint's work (the team's members, testers and Scrum Master, say), and the
// forecast from the team's velocity.
func NewCapacity(s *Sprint, people []int64, v Velocity) Capacity {
	c := Capacity{People: len(people), WorkingDays: WorkingDays(s.Start, s.End)}
	in := map[int64]bool{}
	for _, p := range people {
		in[p] = true
	}
	for _, d := range s.DaysOff {
		if in[d.PersonID] {
			c.DaysOff += d.Days
		}
	}
	full := float64(c.People * c.WorkingDays)
	c.PersonDays = full - c.DaysOff
	if full > 0 {
		c.Share = round2(c.PersonDays / full)
	}
	c.Forecast = round2(v.Mean * c.Share)
	return c
}

// FlowDay is one day of a cumulative flow diagram: how many items were in
// each state at its end, in the order of ItemStates.
type FlowDay struct {
	Day    Date  `json:"day"`
	Counts []int `json:"counts"`
}

// CumulativeFlow counts, at the end of each day from first to last, the
// items that were in any of the sprints by state. events are those of the
// sprints' items in order, as Store.FindSprintEvents returns them.
func CumulativeFlow(sprintIDs []int64, events []*Event, first, last Date) ([]FlowDay, error) {
	in := map[int64]bool{}
	for _, id := range sprintIDs {
		in[id] = true
	}
	evs := append([]*Event(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
	fold := newSprintFold()
	var days []FlowDay
	next := 0
	for d := first; !d.After(last); d = d.AddDays(1) {
		end := d.AddDays(1).Time()
		for ; next < len(evs) && !evs[next].At.After(end); next++ {
			if err := fold.apply(evs[next]); err != nil {
				return nil, err
			}
		}
		counts := make([]int, len(ItemStates))
		for _, s := range fold.items {
			if s.SprintID == nil || !in[*s.SprintID] {
				continue
			}
			for i, st := range ItemStates {
				if s.State == st {
					counts[i]++
				}
			}
		}
		days = append(days, FlowDay{Day: d, Counts: counts})
	}
	return days, nil
}
