package http

import (
	"context"
	"fmt"
	"time"

	"github.com/radiator-hq/radiator"
)

// comingMeetingsDays is how far ahead a forum page lists meetings: three
// weeks, enough to see the daily window of a release coming.
const comingMeetingsDays = 21

// meetingRow is one coming meeting on a forum page, in the forum's time
// zone, with the move or cancellation made by hand.
type meetingRow struct {
	UID       string
	Date      radiator.Date
	Time      string // "09:00–09:30 CET"
	Phase     string
	Reason    string
	Moved     bool
	Cancelled bool
	Note      string
}

// comingMeetings returns the forum's meetings from now until the end of
// the third week after today, today being the day in the forum's time
// zone, with the overrides made by hand applied. A forum that meets on
// demand has none.
func (s *Server) comingMeetings(ctx context.Context, f *radiator.Forum) ([]meetingRow, error) {
	if f.Cadence.Mode == radiator.CadenceOnDemand {
		return nil, nil
	}
	loc, err := time.LoadLocation(f.Cadence.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("forum %d: time zone: %w", f.ID, err)
	}
	releases, err := s.forumReleases(ctx, f)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now().In(loc)
	end := radiator.DateOf(now).AddDays(comingMeetingsDays + 1)
	ms, err := radiator.Meetings(f, releases, now, time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc))
	if err != nil {
		return nil, fmt.Errorf("forum %d: meetings: %w", f.ID, err)
	}
	overrides, err := s.Store.FindMeetingOverrides(ctx, f.ID)
	if err != nil {
		return nil, fmt.Errorf("forum %d: meeting overrides: %w", f.ID, err)
	}
	rows := make([]meetingRow, 0, len(ms))
	for _, m := range radiator.ApplyOverrides(ms, overrides) {
		start, stop := m.Start.In(loc), m.End.In(loc)
		rows = append(rows, meetingRow{
			UID:       m.UID,
			Date:      radiator.DateOf(start),
			Time:      start.Format("15:04") + "–" + stop.Format("15:04 MST"),
			Phase:     m.Phase,
			Reason:    m.Reason,
			Moved:     m.Moved,
			Cancelled: m.Cancelled,
			Note:      m.Note,
		})
	}
	return rows, nil
}
