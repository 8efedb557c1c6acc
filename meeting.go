package radiator

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// MaxMeetingWindowDays is the longest span Meetings generates at once:
// a year and some slack, enough for any calendar view or feed.
const MaxMeetingWindowDays = 400

// Meeting phases: why the release cadence puts a meeting where it is.
// Meetings of the other cadences have no phase.
const (
	MeetingPlanning  = "planning"  // weekly while the next release is planned
	MeetingSprinting = "sprinting" // on the listed weekdays while teams sprint
	MeetingRelease   = "release"   // daily around a release date
)

// Meeting is one occurrence of a forum's meeting, generated from its
// cadence.
type Meeting struct {
	ForumID int64 `json:"forum_id"`
	// UID names the meeting for calendars across regenerations: it
	// depends only on the forum and the local date and time of the
	// meeting, so that a change elsewhere in the schedule leaves it alone.
	UID   string    `json:"uid"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Reason says why the meeting is there, for example
	// "daily: 9 days before release Mail 8.8".
	Reason string `json:"reason"`
	Phase  string `json:"phase"`
}

// Meetings returns the meetings of forum f that start in [from, to), in
// order, generated from its cadence. The window must not be empty nor
// longer than MaxMeetingWindowDays. Times of day are kept in the cadence's
// time zone, so a 09:00 meeting stays at 09:00 across a daylight-saving
// change. releases are the regular releases of the forum's product; only
// the release cadence reads them, and other kinds among them are ignored.
func Meetings(f *Forum, releases []*Release, from, to time.Time) ([]Meeting, error) {
	if !to.After(from) {
		return nil, Invalidf("to", "must come after from")
	}
	if to.After(from.AddDate(0, 0, MaxMeetingWindowDays)) {
		return nil, Invalidf("to", "makes a window longer than %d days; ask for a shorter one", MaxMeetingWindowDays)
	}
	c := f.Cadence
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.Mode == CadenceOnDemand {
		return nil, nil
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return nil, Invalidf("cadence.time_zone", "%q is not a known time zone", c.TimeZone)
	}
	clock, err := time.Parse("15:04", c.Time)
	if err != nil {
		return nil, Invalidf("cadence.time", "must be a time of day as HH:MM, not %q", c.Time)
	}
	s := schedule{cadence: c, releases: regularByDate(releases)}
	var out []Meeting
	last := DateOf(to.In(loc))
	for d := DateOf(from.In(loc)); !d.After(last); d = d.AddDays(1) {
		reason, phase, ok := s.on(d)
		if !ok {
			continue
		}
		start := time.Date(d.Year, d.Month, d.Day, clock.Hour(), clock.Minute(), 0, 0, loc)
		if start.Before(from) || !start.Before(to) {
			continue
		}
		out = append(out, Meeting{
			ForumID: f.ID,
			UID:     fmt.Sprintf("forum-%d-%sT%s@radiator", f.ID, d, c.Time),
			Start:   start,
			End:     start.Add(time.Duration(c.Minutes) * time.Minute),
			Reason:  reason,
			Phase:   phase,
		})
	}
	return out, nil
}

// regularByDate returns the regular releases of rs in date order.
func regularByDate(rs []*Release) []*Release {
	var out []*Release
	for _, r := range rs {
		if r.Kind == ReleaseRegular {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *Release) int { return a.Date.Time().Compare(b.Date.Time()) })
	return out
}

// schedule decides, day by day, whether a cadence meets.
type schedule struct {
	cadence  Cadence
	releases []*Release // regular, in date order
}

// on reports whether the cadence meets on day d, and why.
func (s schedule) on(d Date) (reason, phase string, ok bool) {
	c := s.cadence
	wd := d.Time().Weekday()
	switch c.Mode {
	case CadenceWeekly:
		return "weekly: " + dayList(c.Weekdays), "", listed(c.Weekdays, wd)
	case CadenceDaily:
		return "daily: every working day", "", workingDay(wd)
	case CadenceQuarter:
		first := firstWorkingDayOfQuarter(d)
		return fmt.Sprintf("quarterly: first working day of Q%d %d", (int(d.Month)+2)/3, d.Year), "", d == first
	case CadenceRelease:
		return s.onRelease(d)
	}
	return "", "", false
}

// onRelease follows the chapter: daily on working days around a release
// date; otherwise, towards the next release, on the first listed weekday
// while it is planned and on all listed weekdays once its teams sprint.
func (s schedule) onRelease(d Date) (reason, phase string, ok bool) {
	c := s.cadence
	wd := d.Time().Weekday()
	before, after := c.DailyWindow()
	for _, r := range s.releases {
		if d.Before(r.Date.AddDays(-before)) || d.After(r.Date.AddDays(after)) {
			continue
		}
		if !workingDay(wd) {
			return "", "", false
		}
		switch n := d.DaysUntil(r.Date); {
		case n > 0:
			reason = fmt.Sprintf("daily: %s before release %s", days(n), r.Name)
		case n == 0:
			reason = "daily: release day of " + r.Name
		default:
			reason = fmt.Sprintf("daily: %s after release %s", days(-n), r.Name)
		}
		return reason, MeetingRelease, true
	}
	weekly := c.Weekdays[:1]
	for _, r := range s.releases {
		if !r.Date.After(d) {
			continue
		}
		if r.Phase == PhasePlanning || d.Before(r.Start) {
			return fmt.Sprintf("planning: weekly on %s while release %s is planned", dayList(weekly), r.Name), MeetingPlanning, listed(weekly, wd)
		}
		return fmt.Sprintf("sprinting: %s towards release %s", dayList(c.Weekdays), r.Name), MeetingSprinting, listed(c.Weekdays, wd)
	}
	return fmt.Sprintf("planning: weekly on %s until a next release is set", dayList(weekly)), MeetingPlanning, listed(weekly, wd)
}

// days writes a count of days.
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func workingDay(wd time.Weekday) bool { return wd != time.Saturday && wd != time.Sunday }

// listed reports whether wd is among the cadence weekdays names.
func listed(names []string, wd time.Weekday) bool {
	return slices.Contains(names, weekdayNames[wd])
}

// dayList writes weekday names as a person reads them: "Tuesday and Thursday".
func dayList(names []string) string {
	var full []string
	for _, n := range names {
		if i := slices.Index(weekdayNames, n); i >= 0 {
			full = append(full, time.Weekday(i).String())
		}
	}
	switch len(full) {
	case 0:
		return ""
	case 1:
		return full[0]
	}
	return strings.Join(full[:len(full)-1], ", ") + " and " + full[len(full)-1]
}

// firstWorkingDayOfQuarter returns the first Monday-to-Friday day of d's
// quarter.
func firstWorkingDayOfQuarter(d Date) Date {
	q := Date{d.Year, time.Month((int(d.Month)-1)/3*3 + 1), 1}
	for !workingDay(q.Time().Weekday()) {
		q = q.AddDays(1)
	}
	return q
}
