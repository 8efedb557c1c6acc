package demo_test

import (
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

// checkMeetings checks that each Scrum of Scrums follows its release and
// that its feed over the coming 60 days has a busy week: the daily window
// before the release in progress, four meetings or more.
func checkMeetings(t *testing.T, s *snapshot, now time.Time) {
	for _, f := range s.Forums {
		if f.Kind != radiator.ForumScrumOfScrums {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			if f.Cadence.Mode != radiator.CadenceRelease {
				t.Fatalf("cadence mode %q, want %q", f.Cadence.Mode, radiator.CadenceRelease)
			}
			regular, _ := productReleases(s, *f.ProductID)
			ms, err := radiator.Meetings(f, regular, now, now.AddDate(0, 0, 60))
			if err != nil {
				t.Fatalf("Meetings: %v", err)
			}
			perWeek := map[[2]int]int{}
			var busiest [2]int
			for _, m := range ms {
				y, w := m.Start.ISOWeek()
				perWeek[[2]int{y, w}]++
				if perWeek[[2]int{y, w}] > perWeek[busiest] {
					busiest = [2]int{y, w}
				}
			}
			if perWeek[busiest] < 4 {
				t.Errorf("busiest week %d-W%02d holds %d meetings, want at least 4 (%d meetings in 60 days)", busiest[0], busiest[1], perWeek[busiest], len(ms))
			}
			daily := 0
			for _, m := range ms {
				if m.Phase == radiator.MeetingRelease {
					daily++
				}
			}
			if daily == 0 {
				t.Errorf("no daily meeting around a release in the next 60 days (%d meetings)", len(ms))
			}
		})
	}
}
