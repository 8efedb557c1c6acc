package radiator_test

import (
	"testing"

	"github.com/radiator-hq/radiator"
)

func TestDefaultReleaseStart(t *testing.T) {
	for _, tt := range []struct {
		name, today, date, want string
	}{
		{"date ahead", "2027-02-01", "2027-05-28", "2027-02-01"},
		{"date tomorrow", "2027-02-01", "2027-02-02", "2027-02-01"},
		{"date today", "2027-02-01", "2027-02-01", "2027-01-31"},
		{"date past", "2027-02-01", "2026-12-24", "2026-12-23"},
		{"date past, across a month", "2027-03-15", "2027-03-01", "2027-02-28"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := radiator.DefaultReleaseStart(radiator.MustDate(tt.today), radiator.MustDate(tt.date))
			if want := radiator.MustDate(tt.want); got != want {
				t.Errorf("DefaultReleaseStart(%s, %s) = %s, want %s", tt.today, tt.date, got, want)
			}
		})
	}
}
