package http

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/ical"
)

// handleForumMeetings answers a forum's meetings from ?from to ?to (days,
// both included), by default from a week back to 60 days ahead.
func (s *Server) handleForumMeetings(w http.ResponseWriter, r *http.Request) {
	_, ms, err := s.forumMeetings(r, 7, 60)
	writeList(s, w, r, ms, "", err)
}

// handleForumMeetingsICS answers a forum's meetings as an iCalendar feed,
// by default from 30 days back to 120 ahead, so that a subscribed
// calendar keeps recent meetings and sees the coming ones.
func (s *Server) handleForumMeetingsICS(w http.ResponseWriter, r *http.Request) {
	f, ms, err := s.forumMeetings(r, 30, 120)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := s.baseURL(r) + fmt.Sprintf("/forums/%d", f.ID)
	cal := ical.Calendar{Name: f.Name + " meetings"}
	stamp := s.Clock.Now()
	for _, m := range ms {
		desc := m.Reason + "\n" + f.Name + " (" + f.Label() + ")"
		if m.Phase != "" {
			desc += ", phase: " + m.Phase
		}
		cal.Events = append(cal.Events, ical.Event{
			UID: m.UID, Stamp: stamp, Start: m.Start, End: m.End,
			Summary:     f.Name,
			Description: desc + "\n" + page,
			URL:         page,
		})
	}
	var buf bytes.Buffer
	if err := ical.Write(&buf, cal); err != nil {
		s.Error(w, r, fmt.Errorf("write meetings of forum %d: %w", f.ID, err))
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Write(buf.Bytes())
}

// forumMeetings reads the forum of the path and the window of the query,
// and generates the forum's meetings in it. Without from or to, the window
// runs from back days before today to ahead days after it, today being
// the day in the forum's time zone.
func (s *Server) forumMeetings(r *http.Request, back, ahead int) (*radiator.Forum, []radiator.Meeting, error) {
	id, err := pathID(r, "forum")
	if err != nil {
		return nil, nil, err
	}
	ctx := r.Context()
	f, err := s.Store.FindForumByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	q := newQuery(r)
	from, to := q.date("from"), q.date("to")
	if q.err != nil {
		return nil, nil, q.err
	}
	loc := time.UTC
	if f.Cadence.TimeZone != "" {
		if loc, err = time.LoadLocation(f.Cadence.TimeZone); err != nil {
			return nil, nil, fmt.Errorf("forum %d: time zone: %w", f.ID, err)
		}
	}
	today := radiator.DateOf(s.Clock.Now().In(loc))
	if from.IsZero() {
		from = today.AddDays(-back)
	}
	if to.IsZero() {
		to = today.AddDays(ahead)
	}
	releases, err := s.forumReleases(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	midnight := func(d radiator.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc) }
	ms, err := radiator.Meetings(f, releases, midnight(from), midnight(to.AddDays(1)))
	return f, ms, err
}

// forumReleases returns the regular releases of the forum's product, none
// for a forum of no product.
func (s *Server) forumReleases(ctx context.Context, f *radiator.Forum) ([]*radiator.Release, error) {
	if f.ProductID == nil {
		return nil, nil
	}
	return collect(func(after string) ([]*radiator.Release, string, error) {
		return s.Store.FindReleases(ctx, radiator.ReleaseFilter{ProductID: *f.ProductID, Kind: radiator.ReleaseRegular, Page: allPages(after)})
	})
}

// baseURL returns the address of this server as the request reached it,
// for links that leave the page: in a calendar application, say.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
