package radiator_test

import (
	"encoding/json"
	"testing"

	"github.com/radiator-hq/radiator"
)

func TestDateJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    radiator.Date
		wantErr bool
	}{
		{`"2026-11-25"`, radiator.Date{Year: 2026, Month: 11, Day: 25}, false},
		{`null`, radiator.Date{}, false},
		{`"2026-02-30"`, radiator.Date{}, true},
		{`"25.11.2026"`, radiator.Date{}, true},
		{`20261125`, radiator.Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var d radiator.Date
			err := json.Unmarshal([]byte(tt.in), &d)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if d != tt.want {
				t.Errorf("Unmarshal(%s) = %v, want %v", tt.in, d, tt.want)
			}
			if tt.wantErr {
				return
			}
			b, _ := json.Marshal(d)
			if string(b) != tt.in {
				t.Errorf("Marshal(%v) = %s, want %s", d, b, tt.in)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	d := radiator.MustDate("2026-02-27")
	if got := d.AddDays(2).String(); got != "2026-03-01" {
		t.Errorf("AddDays(2) = %s, want 2026-03-01", got)
	}
	if got := d.DaysUntil(radiator.MustDate("2026-03-13")); got != 14 {
		t.Errorf("DaysUntil = %d, want 14", got)
	}
	if !d.Before(d.AddDays(1)) || d.After(d) {
		t.Error("Before/After wrong")
	}
	if (radiator.Date{Year: 2026, Month: 2, Day: 29}).Valid() {
		t.Error("2026-02-29 reported valid")
	}
}

func TestNullableJSON(t *testing.T) {
	var u radiator.BacklogItemUpdate
	if err := json.Unmarshal([]byte(`{"version":3,"sprint_id":null,"team_id":7}`), &u); err != nil {
		t.Fatal(err)
	}
	if !u.SprintID.Set || u.SprintID.Value != nil {
		t.Errorf("sprint_id = %+v, want set to null", u.SprintID)
	}
	if !u.TeamID.Set || u.TeamID.Value == nil || *u.TeamID.Value != 7 {
		t.Errorf("team_id = %+v, want set to 7", u.TeamID)
	}
	if u.ReleaseID.Set {
		t.Errorf("release_id = %+v, want not set", u.ReleaseID)
	}
}
