package radiator_test

import (
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func TestCadenceValidate(t *testing.T) {
	release := func(mod func(c *radiator.Cadence)) radiator.Cadence {
		c := releaseForum().Cadence
		mod(&c)
		return c
	}
	tests := []struct {
		name  string
		c     radiator.Cadence
		field string
	}{
		{"defaults for the daily window", release(func(*radiator.Cadence) {}), ""},
		{"one week before, two after", release(func(c *radiator.Cadence) { c.DailyWeeksBefore, c.DailyDaysAfter = 1, 14 }), ""},
		{"two weeks before, one day after", release(func(c *radiator.Cadence) { c.DailyWeeksBefore, c.DailyDaysAfter = 2, 1 }), ""},
		{"three weeks before", release(func(c *radiator.Cadence) { c.DailyWeeksBefore = 3 }), "cadence.daily_weeks_before"},
		{"negative weeks before", release(func(c *radiator.Cadence) { c.DailyWeeksBefore = -1 }), "cadence.daily_weeks_before"},
		{"15 days after", release(func(c *radiator.Cadence) { c.DailyDaysAfter = 15 }), "cadence.daily_days_after"},
		{"negative days after", release(func(c *radiator.Cadence) { c.DailyDaysAfter = -1 }), "cadence.daily_days_after"},
		// Rules that would give no meetings at all.
		{"a release cadence with no weekdays", release(func(c *radiator.Cadence) { c.Weekdays = nil }), "cadence.weekdays"},
		{"a weekly cadence with no weekdays", radiator.Cadence{Mode: radiator.CadenceWeekly, Time: "14:00", Minutes: 60, TimeZone: "UTC"}, "cadence.weekdays"},
		// Rules that would give overlapping meetings: a meeting longer
		// than the cap could run into the next day's.
		{"the longest meeting", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "23:00", Minutes: radiator.MaxMeetingMinutes, TimeZone: "UTC"}, ""},
		{"a daily meeting of a day", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "09:00", Minutes: 24 * 60, TimeZone: "UTC"}, "cadence.minutes"},
		{"one minute over the cap", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "23:00", Minutes: radiator.MaxMeetingMinutes + 1, TimeZone: "UTC"}, "cadence.minutes"},
		{"too short", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "09:00", Minutes: 4, TimeZone: "UTC"}, "cadence.minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkField(t, tt.c.Validate(), tt.field) })
	}
}

// TestMeetingsNeverOverlap holds the cap on a meeting's length to its
// promise: the longest meetings, late in the day, across a daylight-saving
// change that shortens a day to 23 hours, each end before the next starts.
func TestMeetingsNeverOverlap(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	for _, mode := range []string{radiator.CadenceDaily, radiator.CadenceWeekly, radiator.CadenceRelease} {
		t.Run(mode, func(t *testing.T) {
			f := releaseForum()
			f.Cadence = radiator.Cadence{Mode: mode, Weekdays: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
				Time: "23:30", Minutes: radiator.MaxMeetingMinutes, TimeZone: "Europe/Berlin"}
			ms, err := radiator.Meetings(f, mailReleases(), time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 4, 30, 0, 0, 0, 0, berlin))
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) < 30 {
				t.Fatalf("%d meetings, want more than half the days", len(ms))
			}
			for i := 1; i < len(ms); i++ {
				if ms[i].Start.Before(ms[i-1].End) {
					t.Errorf("meeting at %v starts before the one at %v ends (%v)", ms[i].Start, ms[i-1].Start, ms[i-1].End)
				}
			}
		})
	}
}

func TestMeetingsDailyWindow(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	// Mail 8.8 is released on Wednesday 1 April 2026.
	tests := []struct {
		name                 string
		weeksBefore, daysAft int
		first, last          string // first and last daily meeting around Mail 8.8
	}{
		{"the defaults: two weeks before, a week after", 0, 0, "2026-03-18", "2026-04-08"},
		{"one week before", 1, 0, "2026-03-25", "2026-04-08"},
		{"two weeks before, set", 2, 0, "2026-03-18", "2026-04-08"},
		{"one day after", 0, 1, "2026-03-18", "2026-04-02"},
		{"two weeks after", 1, 14, "2026-03-25", "2026-04-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := releaseForum()
			f.Cadence.DailyWeeksBefore, f.Cadence.DailyDaysAfter = tt.weeksBefore, tt.daysAft
			ms, err := radiator.Meetings(f, mailReleases(), time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 4, 30, 0, 0, 0, 0, berlin))
			if err != nil {
				t.Fatal(err)
			}
			var daily []string
			for _, m := range ms {
				if m.Phase == radiator.MeetingRelease {
					daily = append(daily, radiator.DateOf(m.Start.In(berlin)).String())
				}
			}
			if len(daily) == 0 {
				t.Fatal("no daily meetings")
			}
			if daily[0] != tt.first || daily[len(daily)-1] != tt.last {
				t.Errorf("daily from %s to %s, want %s to %s", daily[0], daily[len(daily)-1], tt.first, tt.last)
			}
		})
	}
}
