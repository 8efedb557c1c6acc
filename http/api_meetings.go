package http

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/ical"
)

// handleForumMeetings answers a forum's meetings from ?from to ?to (days,
// both included), by default from a week back to 60 days ahead, with the
// moves and cancellations made by hand.
func (s *Server) handleForumMeetings(w http.ResponseWriter, r *http.Request) {
	_, ms, err := s.forumMeetings(r, 7, 60)
	writeList(s, w, r, ms, "", err)
}

// Feed windows: a subscribed calendar keeps recent meetings and sees the
// coming ones.
const (
	feedDaysBack  = 30
	feedDaysAhead = 120
)

// handleForumMeetingsICS answers a forum's meetings as an iCalendar feed,
// by default from 30 days back to 120 ahead.
func (s *Server) handleForumMeetingsICS(w http.ResponseWriter, r *http.Request) {
	f, ms, err := s.forumMeetings(r, feedDaysBack, feedDaysAhead)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeFeed(w, r, f.Name+" meetings", []forumMeetings{{f, ms}})
}

// forumMeetings is a forum with its meetings.
type forumMeetings struct {
	forum    *radiator.Forum
	meetings []radiator.ScheduledMeeting
}

// writeFeed answers the meetings of one or more forums as an iCalendar
// feed. A moved meeting carries its sequence; a cancelled one stays, with
// STATUS:CANCELLED, so that subscribed calendars follow.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, name string, forums []forumMeetings) {
	cal := ical.Calendar{Name: name}
	stamp := s.Clock.Now()
	for _, fm := range forums {
		f := fm.forum
		page := s.baseURL(r) + fmt.Sprintf("/forums/%d", f.ID)
		for _, m := range fm.meetings {
			desc := m.Reason + "\n" + f.Name + " (" + f.Label() + ")"
			if m.Phase != "" {
				desc += ", phase: " + m.Phase
			}
			if m.Note != "" {
				desc += "\n" + m.Note
			}
			cal.Events = append(cal.Events, ical.Event{
				UID: m.UID, Stamp: stamp, Start: m.Start, End: m.End,
				Summary:     f.Name,
				Description: desc + "\n" + page,
				URL:         page,
				Sequence:    m.Sequence,
				Cancelled:   m.Cancelled,
			})
		}
	}
	var buf bytes.Buffer
	if err := ical.Write(&buf, cal); err != nil {
		s.Error(w, r, fmt.Errorf("write feed %q: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Write(buf.Bytes())
}

// forumMeetings reads the forum of the path and the window of the query,
// and returns the forum's meetings in it. Without from or to, the window
// runs from back days before today to ahead days after it, today being
// the day in the forum's time zone.
func (s *Server) forumMeetings(r *http.Request, back, ahead int) (*radiator.Forum, []radiator.ScheduledMeeting, error) {
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
	loc, err := forumLocation(f)
	if err != nil {
		return nil, nil, err
	}
	today := radiator.DateOf(s.Clock.Now().In(loc))
	if from.IsZero() {
		from = today.AddDays(-back)
	}
	if to.IsZero() {
		to = today.AddDays(ahead)
	}
	ms, err := s.scheduledMeetings(ctx, f, from, to)
	return f, ms, err
}

// forumLocation returns the time zone of the forum's cadence, UTC if none.
func forumLocation(f *radiator.Forum) (*time.Location, error) {
	if f.Cadence.TimeZone == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(f.Cadence.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("forum %d: time zone: %w", f.ID, err)
	}
	return loc, nil
}

// scheduledMeetings returns the forum's meetings from day from to day to,
// both included, in the forum's time zone, with its overrides applied: a
// meeting moved into the window from a day outside it is there, one moved
// out of it is not.
func (s *Server) scheduledMeetings(ctx context.Context, f *radiator.Forum, from, to radiator.Date) ([]radiator.ScheduledMeeting, error) {
	loc, err := forumLocation(f)
	if err != nil {
		return nil, err
	}
	releases, err := s.forumReleases(ctx, f)
	if err != nil {
		return nil, err
	}
	midnight := func(d radiator.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc) }
	start, end := midnight(from), midnight(to.AddDays(1))
	ms, err := radiator.Meetings(f, releases, start, end)
	if err != nil {
		return nil, err
	}
	overrides, err := s.Store.FindMeetingOverrides(ctx, f.ID)
	if err != nil {
		return nil, err
	}
	for _, o := range overrides {
		if o.Start == nil || o.Start.Before(start) || !o.Start.Before(end) ||
			slices.ContainsFunc(ms, func(m radiator.Meeting) bool { return m.UID == o.UID }) {
			continue
		}
		day, ok := uidDay(f.ID, o.UID)
		if !ok {
			continue
		}
		there, err := radiator.Meetings(f, releases, midnight(day), midnight(day.AddDays(1)))
		if err != nil {
			return nil, err
		}
		for _, m := range there {
			if m.UID == o.UID {
				ms = append(ms, m)
			}
		}
	}
	var out []radiator.ScheduledMeeting
	for _, m := range radiator.ApplyOverrides(ms, overrides) {
		if !m.Start.Before(start) && m.Start.Before(end) {
			out = append(out, m)
		}
	}
	return out, nil
}

// uidDay returns the local day a meeting UID of forum id names.
func uidDay(id int64, uid string) (radiator.Date, bool) {
	rest, ok := strings.CutPrefix(uid, fmt.Sprintf("forum-%d-", id))
	if !ok || len(rest) < 10 {
		return radiator.Date{}, false
	}
	day, err := radiator.ParseDate(rest[:10])
	return day, err == nil
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

// meetingChange is the body of a move or cancellation of one meeting.
// Version is the meeting's version as listed, 0 for one never changed.
type meetingChange struct {
	Start     *time.Time `json:"start"`
	End       *time.Time `json:"end"`
	Cancelled bool       `json:"cancelled"`
	Note      string     `json:"note"`
	Version   int64      `json:"version"`
}

// handleMeetingPut moves or cancels one meeting of a forum's cadence, and
// answers the override that does it.
func (s *Server) handleMeetingPut(w http.ResponseWriter, r *http.Request) {
	f, uid, err := s.pathMeeting(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var c meetingChange
	if err := decode(w, r, &c); err != nil {
		s.Error(w, r, err)
		return
	}
	o := &radiator.MeetingOverride{ForumID: f.ID, UID: uid, Cancelled: c.Cancelled, Start: c.Start, End: c.End, Note: c.Note, Version: c.Version}
	err = s.Store.PutMeetingOverride(r.Context(), o)
	s.writeEntity(w, r, o, err)
}

// handleMeetingRestore gives a moved or cancelled meeting back to its
// cadence. It keeps the override, empty, so that the meeting's sequence
// goes on rising: calendars ignore an update of a lower sequence.
func (s *Server) handleMeetingRestore(w http.ResponseWriter, r *http.Request) {
	f, uid, err := s.pathMeeting(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, version, err := deleteArgs(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if version == 0 {
		s.Error(w, r, radiator.Invalidf("version", "is required: the version of the meeting you read"))
		return
	}
	ctx := r.Context()
	overrides, err := s.Store.FindMeetingOverrides(ctx, f.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	changed := false
	for _, o := range overrides {
		changed = changed || o.UID == uid
	}
	if !changed {
		s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "Meeting %s of forum %d was never moved or cancelled.", uid, f.ID))
		return
	}
	err = s.Store.PutMeetingOverride(ctx, &radiator.MeetingOverride{ForumID: f.ID, UID: uid, Version: version})
	s.writeNoContent(w, r, err)
}

// pathMeeting returns the forum of the path and the UID of one of the
// meetings its cadence generates, moved or not; ENOTFOUND when there is
// no such meeting. A UID names the local day of the meeting, so only that
// day's meetings are generated to look for it.
func (s *Server) pathMeeting(r *http.Request) (*radiator.Forum, string, error) {
	id, err := pathID(r, "forum")
	if err != nil {
		return nil, "", err
	}
	ctx := r.Context()
	f, err := s.Store.FindForumByID(ctx, id)
	if err != nil {
		return nil, "", err
	}
	uid := r.PathValue("uid")
	notFound := radiator.Errorf(radiator.ENOTFOUND, "Forum %d has no meeting %q.", id, uid)
	day, ok := uidDay(id, uid)
	if !ok {
		return nil, "", notFound
	}
	loc, err := forumLocation(f)
	if err != nil {
		return nil, "", err
	}
	releases, err := s.forumReleases(ctx, f)
	if err != nil {
		return nil, "", err
	}
	start := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, loc)
	ms, err := radiator.Meetings(f, releases, start, start.AddDate(0, 0, 1))
	if err != nil {
		return nil, "", err
	}
	for _, m := range ms {
		if m.UID == uid {
			return f, uid, nil
		}
	}
	return nil, "", notFound
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
