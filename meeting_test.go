package radiator_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// meetingLines writes meetings one a line: local start, the same in UTC,
// length, phase and reason.
func meetingLines(ms []radiator.Meeting, loc *time.Location) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s (%s) %v %s | %s",
			m.Start.In(loc).Format("Mon 2006-01-02 15:04 MST"), m.Start.UTC().Format("15:04Z"),
			m.End.Sub(m.Start), m.Phase, m.Reason))
	}
	return out
}

// mailReleases are a product's releases around spring 2026: Mail 8.8 is
// sprinting towards 1 April, Mail 8.9 is being planned, and a hotfix in
// between must not change the rhythm.
func mailReleases() []*radiator.Release {
	return []*radiator.Release{
		{ID: 2, Name: "Mail 8.9", Start: radiator.MustDate("2026-04-20"), Date: radiator.MustDate("2026-07-01"), Phase: radiator.PhasePlanning, Kind: radiator.ReleaseRegular},
		{ID: 1, Name: "Mail 8.8", Start: radiator.MustDate("2026-02-02"), Date: radiator.MustDate("2026-04-01"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular},
		{ID: 3, Name: "Mail 8.7.1", Start: radiator.MustDate("2026-02-16"), Date: radiator.MustDate("2026-02-25"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseHotfix},
	}
}

func releaseForum() *radiator.Forum {
	return &radiator.Forum{ID: 12, Name: "Mail S2", Tier: 2, Kind: radiator.ForumScrumOfScrums, Cadence: radiator.Cadence{
		Mode: radiator.CadenceRelease, Weekdays: []string{"tue", "thu"}, Time: "09:00", Minutes: 30, TimeZone: "Europe/Berlin",
	}}
}

func TestMeetings(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	day := func(s string) time.Time {
		d := radiator.MustDate(s)
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, berlin)
	}
	const (
		planning  = "planning | planning: weekly on Tuesday while release Mail 8.8 is planned"
		sprinting = "sprinting | sprinting: Tuesday and Thursday towards release Mail 8.8"
	)
	tests := []struct {
		name     string
		cadence  *radiator.Cadence // nil: the release cadence of releaseForum
		releases []*radiator.Release
		from, to time.Time
		want     []string
	}{
		{
			name: "planning weeks meet on the first listed weekday", releases: mailReleases(),
			from: day("2026-01-12"), to: day("2026-01-26"),
			want: []string{
				"Tue 2026-01-13 09:00 CET (08:00Z) 30m0s " + planning,
				"Tue 2026-01-20 09:00 CET (08:00Z) 30m0s " + planning,
			},
		},
		{
			name: "sprinting weeks meet on every listed weekday; a hotfix changes nothing", releases: mailReleases(),
			from: day("2026-02-16"), to: day("2026-03-02"),
			want: []string{
				"Tue 2026-02-17 09:00 CET (08:00Z) 30m0s " + sprinting,
				"Thu 2026-02-19 09:00 CET (08:00Z) 30m0s " + sprinting,
				"Tue 2026-02-24 09:00 CET (08:00Z) 30m0s " + sprinting,
				"Thu 2026-02-26 09:00 CET (08:00Z) 30m0s " + sprinting,
			},
		},
		{
			name: "the daily window opens two weeks before the release", releases: mailReleases(),
			from: day("2026-03-16"), to: day("2026-03-23"),
			want: []string{
				"Tue 2026-03-17 09:00 CET (08:00Z) 30m0s " + sprinting,
				"Wed 2026-03-18 09:00 CET (08:00Z) 30m0s release | daily: 14 days before release Mail 8.8",
				"Thu 2026-03-19 09:00 CET (08:00Z) 30m0s release | daily: 13 days before release Mail 8.8",
				"Fri 2026-03-20 09:00 CET (08:00Z) 30m0s release | daily: 12 days before release Mail 8.8",
			},
		},
		{
			name: "a daylight-saving change keeps the local time", releases: mailReleases(),
			from: day("2026-03-26"), to: day("2026-04-01"),
			want: []string{
				"Thu 2026-03-26 09:00 CET (08:00Z) 30m0s release | daily: 6 days before release Mail 8.8",
				"Fri 2026-03-27 09:00 CET (08:00Z) 30m0s release | daily: 5 days before release Mail 8.8",
				"Mon 2026-03-30 09:00 CEST (07:00Z) 30m0s release | daily: 2 days before release Mail 8.8",
				"Tue 2026-03-31 09:00 CEST (07:00Z) 30m0s release | daily: 1 day before release Mail 8.8",
			},
		},
		{
			name: "daily for a week after the release, then planning the next", releases: mailReleases(),
			from: day("2026-04-01"), to: day("2026-04-22"),
			want: []string{
				"Wed 2026-04-01 09:00 CEST (07:00Z) 30m0s release | daily: release day of Mail 8.8",
				"Thu 2026-04-02 09:00 CEST (07:00Z) 30m0s release | daily: 1 day after release Mail 8.8",
				"Fri 2026-04-03 09:00 CEST (07:00Z) 30m0s release | daily: 2 days after release Mail 8.8",
				"Mon 2026-04-06 09:00 CEST (07:00Z) 30m0s release | daily: 5 days after release Mail 8.8",
				"Tue 2026-04-07 09:00 CEST (07:00Z) 30m0s release | daily: 6 days after release Mail 8.8",
				"Wed 2026-04-08 09:00 CEST (07:00Z) 30m0s release | daily: 7 days after release Mail 8.8",
				"Tue 2026-04-14 09:00 CEST (07:00Z) 30m0s planning | planning: weekly on Tuesday while release Mail 8.9 is planned",
				"Tue 2026-04-21 09:00 CEST (07:00Z) 30m0s planning | planning: weekly on Tuesday while release Mail 8.9 is planned",
			},
		},
		{
			name: "with no release ahead the forum plans weekly", releases: mailReleases()[1:],
			from: day("2026-04-08"), to: day("2026-04-15"),
			want: []string{
				"Wed 2026-04-08 09:00 CEST (07:00Z) 30m0s release | daily: 7 days after release Mail 8.8",
				"Tue 2026-04-14 09:00 CEST (07:00Z) 30m0s planning | planning: weekly on Tuesday until a next release is set",
			},
		},
		{
			name: "the window includes a meeting starting at from and excludes one starting at to", releases: mailReleases(),
			from: time.Date(2026, 2, 17, 9, 0, 0, 0, berlin), to: time.Date(2026, 2, 19, 9, 0, 0, 0, berlin),
			want: []string{"Tue 2026-02-17 09:00 CET (08:00Z) 30m0s " + sprinting},
		},
		{
			name:    "weekly across the autumn daylight-saving change",
			cadence: &radiator.Cadence{Mode: radiator.CadenceWeekly, Weekdays: []string{"thu", "mon"}, Time: "16:30", Minutes: 60, TimeZone: "Europe/Berlin"},
			from:    day("2026-10-20"), to: day("2026-10-31"),
			want: []string{
				"Thu 2026-10-22 16:30 CEST (14:30Z) 1h0m0s  | weekly: Thursday and Monday",
				"Mon 2026-10-26 16:30 CET (15:30Z) 1h0m0s  | weekly: Thursday and Monday",
				"Thu 2026-10-29 16:30 CET (15:30Z) 1h0m0s  | weekly: Thursday and Monday",
			},
		},
		{
			name:    "daily meets on working days",
			cadence: &radiator.Cadence{Mode: radiator.CadenceDaily, Time: "09:30", Minutes: 15, TimeZone: "Europe/Berlin"},
			from:    day("2026-10-23"), to: day("2026-10-28"),
			want: []string{
				"Fri 2026-10-23 09:30 CEST (07:30Z) 15m0s  | daily: every working day",
				"Mon 2026-10-26 09:30 CET (08:30Z) 15m0s  | daily: every working day",
				"Tue 2026-10-27 09:30 CET (08:30Z) 15m0s  | daily: every working day",
			},
		},
		{
			name:    "quarterly meets on the first working day of each quarter",
			cadence: &radiator.Cadence{Mode: radiator.CadenceQuarter, Time: "10:00", Minutes: 120, TimeZone: "Europe/Berlin"},
			from:    day("2026-01-01"), to: day("2027-01-01"),
			want: []string{
				"Thu 2026-01-01 10:00 CET (09:00Z) 2h0m0s  | quarterly: first working day of Q1 2026",
				"Wed 2026-04-01 10:00 CEST (08:00Z) 2h0m0s  | quarterly: first working day of Q2 2026",
				"Wed 2026-07-01 10:00 CEST (08:00Z) 2h0m0s  | quarterly: first working day of Q3 2026",
				"Thu 2026-10-01 10:00 CEST (08:00Z) 2h0m0s  | quarterly: first working day of Q4 2026",
			},
		},
		{
			name:    "quarterly skips a weekend at the start of a quarter",
			cadence: &radiator.Cadence{Mode: radiator.CadenceQuarter, Time: "10:00", Minutes: 120, TimeZone: "UTC"},
			from:    day("2027-12-01"), to: day("2028-05-01"),
			want: []string{
				"Mon 2028-01-03 11:00 CET (10:00Z) 2h0m0s  | quarterly: first working day of Q1 2028",
				"Mon 2028-04-03 12:00 CEST (10:00Z) 2h0m0s  | quarterly: first working day of Q2 2028",
			},
		},
		{
			name:    "on demand has no meetings",
			cadence: &radiator.Cadence{Mode: radiator.CadenceOnDemand},
			from:    day("2026-01-01"), to: day("2027-01-01"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := releaseForum()
			if tt.cadence != nil {
				f.Cadence = *tt.cadence
			}
			ms, err := radiator.Meetings(f, tt.releases, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, meetingLines(ms, berlin)); diff != "" {
				t.Errorf("Meetings(%s .. %s) (-want +got):\n%s", tt.from, tt.to, diff)
			}
			for _, m := range ms {
				want := fmt.Sprintf("forum-12-%sT%s@radiator", m.Start.In(mustLoad(t, f.Cadence.TimeZone)).Format(time.DateOnly), f.Cadence.Time)
				if m.UID != want || m.ForumID != 12 {
					t.Errorf("meeting at %s: UID %q, forum %d; want %q, forum 12", m.Start, m.UID, m.ForumID, want)
				}
			}
		})
	}
}

// TestMeetingsMovedRelease moves Mail 8.8 two weeks later: the daily
// window follows the date, and every meeting outside the old and the new
// window keeps its UID, time and reason, so subscribed calendars keep them.
func TestMeetingsMovedRelease(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, berlin), time.Date(2026, 7, 1, 0, 0, 0, 0, berlin)
	before, err := radiator.Meetings(releaseForum(), mailReleases(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	moved := mailReleases()
	moved[1].Date = radiator.MustDate("2026-04-15")
	after, err := radiator.Meetings(releaseForum(), moved, from, to)
	if err != nil {
		t.Fatal(err)
	}

	// The old window opens on 18 March, the new one closes on 22 April.
	changed := func(m radiator.Meeting) bool {
		d := radiator.DateOf(m.Start.In(berlin))
		return !d.Before(radiator.MustDate("2026-03-18")) && !d.After(radiator.MustDate("2026-04-22"))
	}
	outside := func(ms []radiator.Meeting) map[string]radiator.Meeting {
		out := map[string]radiator.Meeting{}
		for _, m := range ms {
			if _, dup := out[m.UID]; dup {
				t.Errorf("UID %s appears twice", m.UID)
			}
			if !changed(m) {
				out[m.UID] = m
			}
		}
		return out
	}
	if diff := cmp.Diff(outside(before), outside(after)); diff != "" {
		t.Errorf("meetings outside the changed window differ after moving the release (-before +after):\n%s", diff)
	}
	if len(outside(before)) < 20 {
		t.Errorf("only %d meetings outside the changed window; the test compares too little", len(outside(before)))
	}

	find := func(ms []radiator.Meeting, uid string) *radiator.Meeting {
		for i := range ms {
			if ms[i].UID == uid {
				return &ms[i]
			}
		}
		return nil
	}
	tests := []struct {
		uid                 string
		wantBefore, wantNow string // reasons; "" for no meeting
	}{
		{"forum-12-2026-03-18T09:00@radiator", "daily: 14 days before release Mail 8.8", ""},
		{"forum-12-2026-03-19T09:00@radiator", "daily: 13 days before release Mail 8.8", "sprinting: Tuesday and Thursday towards release Mail 8.8"},
		{"forum-12-2026-04-01T09:00@radiator", "daily: release day of Mail 8.8", "daily: 14 days before release Mail 8.8"},
		{"forum-12-2026-04-15T09:00@radiator", "", "daily: release day of Mail 8.8"},
		{"forum-12-2026-04-22T09:00@radiator", "", "daily: 7 days after release Mail 8.8"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			ms   []radiator.Meeting
			want string
		}{{before, tt.wantBefore}, {after, tt.wantNow}} {
			got := ""
			if m := find(c.ms, tt.uid); m != nil {
				got = m.Reason
			}
			if got != c.want {
				t.Errorf("meeting %s: reason %q, want %q", tt.uid, got, c.want)
			}
		}
	}
}

func TestMeetingsInvalid(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		cadence   radiator.Cadence
		from, to  time.Time
		wantField string
	}{
		{"to before from", releaseForum().Cadence, from, from.Add(-time.Second), "to"},
		{"an empty window", releaseForum().Cadence, from, from, "to"},
		{"window over 400 days", releaseForum().Cadence, from, from.AddDate(0, 0, 400).Add(time.Second), "to"},
		{"unknown time zone", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "09:00", Minutes: 15, TimeZone: "Mars/Olympus"}, from, from.AddDate(0, 0, 7), "cadence.time_zone"},
		{"bad time of day", radiator.Cadence{Mode: radiator.CadenceDaily, Time: "9am", Minutes: 15, TimeZone: "UTC"}, from, from.AddDate(0, 0, 7), "cadence.time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := releaseForum()
			f.Cadence = tt.cadence
			_, err := radiator.Meetings(f, nil, tt.from, tt.to)
			if radiator.ErrorCode(err) != radiator.EINVALID || radiator.ErrorField(err) != tt.wantField {
				t.Errorf("Meetings = %v, want an invalid error about %s", err, tt.wantField)
			}
		})
	}
	for _, to := range []time.Time{from.Add(time.Second), from.AddDate(0, 0, 400)} {
		if _, err := radiator.Meetings(releaseForum(), nil, from, to); err != nil {
			t.Errorf("Meetings(%s .. %s) = %v, want no error", from, to, err)
		}
	}
}
