package radiator

import (
	"slices"
	"time"
)

// MeetingOverride moves, cancels or restores one generated meeting of a
// forum, named by its UID. The store keeps one per forum and UID, and bumps Sequence on
// every change so that subscribed calendars take the new state.
type MeetingOverride struct {
	ID        int64  `json:"id"`
	ForumID   int64  `json:"forum_id"`
	UID       string `json:"uid"`
	Cancelled bool   `json:"cancelled"`
	// Start and End are the moved times; nil leaves the generated ones.
	Start     *time.Time `json:"start"`
	End       *time.Time `json:"end"`
	Note      string     `json:"note"`
	Sequence  int        `json:"sequence"`
	Version   int64      `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Validate checks the override's fields: a move gives start and end
// together, end after start. An override that neither moves nor cancels
// restores the generated meeting while keeping its sequence, so that
// calendars, which ignore a lower SEQUENCE, take the restore too.
func (o *MeetingOverride) Validate() error {
	if err := checkID("forum_id", o.ForumID); err != nil {
		return err
	}
	if err := checkText("uid", o.UID, true, 200); err != nil {
		return err
	}
	switch {
	case o.Start == nil && o.End != nil:
		return Invalidf("start", "is required with end")
	case o.Start != nil && o.End == nil:
		return Invalidf("end", "is required with start")
	case o.Start != nil && !o.End.After(*o.Start):
		return Invalidf("end", "must come after start")
	}
	return checkText("note", o.Note, false, 2000)
}

// ScheduledMeeting is a generated meeting with its override applied.
// Sequence is 0 and Version 0 for a meeting never changed by hand;
// otherwise Version is the override's, for the next change to name.
type ScheduledMeeting struct {
	Meeting
	Cancelled bool   `json:"cancelled"`
	Moved     bool   `json:"moved"`
	Sequence  int    `json:"sequence"`
	Note      string `json:"note"`
	Version   int64  `json:"version"`
}

// ApplyOverrides returns the meetings with the overrides of their UIDs
// applied, in order of start: a moved meeting keeps its UID and takes
// the new times, a cancelled one stays with Cancelled set, so that feeds
// can tell calendars. Overrides of other UIDs are ignored.
func ApplyOverrides(ms []Meeting, overrides []*MeetingOverride) []ScheduledMeeting {
	byUID := make(map[string]*MeetingOverride, len(overrides))
	for _, o := range overrides {
		byUID[o.UID] = o
	}
	out := make([]ScheduledMeeting, 0, len(ms))
	for _, m := range ms {
		s := ScheduledMeeting{Meeting: m}
		if o, ok := byUID[m.UID]; ok {
			s.Cancelled, s.Sequence, s.Note, s.Version = o.Cancelled, o.Sequence, o.Note, o.Version
			if o.Start != nil && o.End != nil {
				s.Start, s.End = o.Start.In(m.Start.Location()), o.End.In(m.Start.Location())
				s.Moved = true
			}
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b ScheduledMeeting) int { return a.Start.Compare(b.Start) })
	return out
}
