package radiator_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func TestMeetingOverrideValidate(t *testing.T) {
	at := func(h int) *time.Time { v := time.Date(2026, 3, 3, h, 0, 0, 0, time.UTC); return &v }
	tests := []struct {
		name  string
		o     radiator.MeetingOverride
		field string
	}{
		{"cancel", radiator.MeetingOverride{ForumID: 1, UID: "u", Cancelled: true}, ""},
		{"move", radiator.MeetingOverride{ForumID: 1, UID: "u", Start: at(9), End: at(10)}, ""},
		{"move and cancel", radiator.MeetingOverride{ForumID: 1, UID: "u", Start: at(9), End: at(10), Cancelled: true}, ""},
		{"restore", radiator.MeetingOverride{ForumID: 1, UID: "u"}, ""},
		{"no forum", radiator.MeetingOverride{UID: "u", Cancelled: true}, "forum_id"},
		{"no uid", radiator.MeetingOverride{ForumID: 1, Cancelled: true}, "uid"},
		{"start alone", radiator.MeetingOverride{ForumID: 1, UID: "u", Start: at(9)}, "end"},
		{"end alone", radiator.MeetingOverride{ForumID: 1, UID: "u", End: at(9)}, "start"},
		{"end before start", radiator.MeetingOverride{ForumID: 1, UID: "u", Start: at(10), End: at(9)}, "end"},
		{"end at start", radiator.MeetingOverride{ForumID: 1, UID: "u", Start: at(10), End: at(10)}, "end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.o.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if radiator.ErrorCode(err) != radiator.EINVALID || radiator.ErrorField(err) != tt.field {
				t.Fatalf("Validate = %v, want EINVALID on %s", err, tt.field)
			}
		})
	}
}

func TestApplyOverrides(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, loc) }
	ms := []radiator.Meeting{
		{ForumID: 1, UID: "a", Start: at(3, 9), End: at(3, 10), Reason: "r"},
		{ForumID: 1, UID: "b", Start: at(5, 9), End: at(5, 10), Reason: "r"},
		{ForumID: 1, UID: "c", Start: at(10, 9), End: at(10, 10), Reason: "r"},
	}
	movedStart, movedEnd := at(12, 14).UTC(), at(12, 15).UTC()
	tests := []struct {
		name      string
		overrides []*radiator.MeetingOverride
		want      []string // uid/sequence/cancelled/moved in order
	}{
		{"none", nil, []string{"a 0 false false", "b 0 false false", "c 0 false false"}},
		{"cancel", []*radiator.MeetingOverride{{UID: "b", Cancelled: true, Sequence: 1}},
			[]string{"a 0 false false", "b 1 true false", "c 0 false false"}},
		{"move past another", []*radiator.MeetingOverride{{UID: "a", Start: &movedStart, End: &movedEnd, Sequence: 2}},
			[]string{"b 0 false false", "c 0 false false", "a 2 false true"}},
		{"restored", []*radiator.MeetingOverride{{UID: "c", Sequence: 3}},
			[]string{"a 0 false false", "b 0 false false", "c 3 false false"}},
		{"unknown uid", []*radiator.MeetingOverride{{UID: "z", Cancelled: true, Sequence: 1}},
			[]string{"a 0 false false", "b 0 false false", "c 0 false false"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := radiator.ApplyOverrides(ms, tt.overrides)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d meetings, want %d", len(got), len(tt.want))
			}
			for i, m := range got {
				if s := fmt.Sprintf("%s %d %t %t", m.UID, m.Sequence, m.Cancelled, m.Moved); s != tt.want[i] {
					t.Errorf("meeting %d = %q, want %q", i, s, tt.want[i])
				}
			}
		})
	}
	got := radiator.ApplyOverrides(ms, []*radiator.MeetingOverride{{UID: "a", Start: &movedStart, End: &movedEnd, Sequence: 1, Version: 4, Note: "n"}})
	if m := got[2]; m.Version != 4 || m.Note != "n" || m.Reason != "r" {
		t.Errorf("moved meeting has version %d, note %q, reason %q; want 4, n, r", m.Version, m.Note, m.Reason)
	}
	if m := got[2]; !m.Start.Equal(movedStart) || !m.End.Equal(movedEnd) || m.Start.Location() != loc {
		t.Errorf("moved meeting runs %v to %v, want %v to %v in %v", m.Start, m.End, movedStart, movedEnd, loc)
	}
	if ms[0].Start != at(3, 9) {
		t.Errorf("ApplyOverrides changed its input: %v", ms[0].Start)
	}
}
