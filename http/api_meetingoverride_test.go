package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// feedLines returns the UID, DTSTART, SEQUENCE and STATUS lines of a feed,
// unfolded, one string per event.
func feedLines(body string) []string {
	var out []string
	for _, ev := range strings.Split(strings.ReplaceAll(body, "\r\n ", ""), "BEGIN:VEVENT")[1:] {
		var keep []string
		for _, l := range strings.Split(ev, "\r\n") {
			for _, p := range []string{"UID:", "DTSTART:", "SEQUENCE:", "STATUS:"} {
				if strings.HasPrefix(l, p) {
					keep = append(keep, l)
				}
			}
		}
		out = append(out, strings.Join(keep, " "))
	}
	return out
}

func TestMeetingOverrides(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	uid := func(day string) string { return fmt.Sprintf("forum-%d-%sT09:00@radiator", f.ID, day) }
	path := func(day string) string { return fmt.Sprintf("/api/v1/forums/%d/meetings/%s", f.ID, uid(day)) }

	var o radiator.MeetingOverride
	e.mustDo("PUT", path("2026-03-26"), `{"start":"2026-03-26T14:00:00+01:00","end":"2026-03-26T14:30:00+01:00","note":"room taken"}`, http.StatusOK, &o)
	if o.UID != uid("2026-03-26") || o.Sequence != 1 || o.Version != 1 || o.Note != "room taken" {
		t.Errorf("move answered %+v, want the override at sequence 1, version 1", o)
	}
	e.mustDo("PUT", path("2026-03-27"), `{"cancelled":true}`, http.StatusOK, &o)

	var got list[radiator.ScheduledMeeting]
	e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings?from=2026-03-26&to=2026-03-30", f.ID), "", http.StatusOK, &got)
	var lines []string
	for _, m := range got.Items {
		lines = append(lines, fmt.Sprintf("%s %s moved=%t cancelled=%t seq=%d v=%d %s",
			m.UID, m.Start.UTC().Format("01-02T15:04"), m.Moved, m.Cancelled, m.Sequence, m.Version, m.Note))
	}
	want := []string{
		uid("2026-03-26") + " 03-26T13:00 moved=true cancelled=false seq=1 v=1 room taken",
		uid("2026-03-27") + " 03-27T08:00 moved=false cancelled=true seq=1 v=1 ",
		uid("2026-03-30") + " 03-30T07:00 moved=false cancelled=false seq=0 v=0 ",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("meetings after a move and a cancel (-want +got):\n%s", diff)
	}

	ics := func() []string {
		t.Helper()
		return feedLines(e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings.ics?from=2026-03-26&to=2026-03-30", f.ID), "", http.StatusOK, nil).Body.String())
	}
	want = []string{
		"UID:" + uid("2026-03-26") + " DTSTART:20260326T130000Z SEQUENCE:1 STATUS:CONFIRMED",
		"UID:" + uid("2026-03-27") + " DTSTART:20260327T080000Z SEQUENCE:1 STATUS:CANCELLED",
		"UID:" + uid("2026-03-30") + " DTSTART:20260330T070000Z SEQUENCE:0 STATUS:CONFIRMED",
	}
	if diff := cmp.Diff(want, ics()); diff != "" {
		t.Errorf("feed after a move and a cancel (-want +got):\n%s", diff)
	}

	// A change must name the version it read.
	w := e.do("PUT", path("2026-03-26"), `{"cancelled":true}`)
	if w.Code != http.StatusConflict {
		t.Errorf("change without the version = %d, want 409; body %s", w.Code, w.Body)
	}
	e.mustDo("PUT", path("2026-03-26"), `{"cancelled":true,"version":1}`, http.StatusOK, &o)
	if o.Sequence != 2 || o.Version != 2 || o.Start != nil {
		t.Errorf("second change answered %+v, want sequence 2, version 2, not moved", o)
	}

	// A restore puts the meeting back at its time, with a higher sequence.
	e.mustDo("DELETE", path("2026-03-26")+"?version=2", "", http.StatusNoContent, nil)
	want[0] = "UID:" + uid("2026-03-26") + " DTSTART:20260326T080000Z SEQUENCE:3 STATUS:CONFIRMED"
	if diff := cmp.Diff(want, ics()); diff != "" {
		t.Errorf("feed after a restore (-want +got):\n%s", diff)
	}
	evs, _, err := e.store.FindEvents(t.Context(), radiator.EventFilter{EntityKind: radiator.EntityMeetingOverride})
	if err != nil || len(evs) != 4 {
		t.Errorf("meeting override events = %d, %v; want 4 (two creates, a change, a restore)", len(evs), err)
	}
}

// TestMeetingMovedAcrossWindows moves a meeting to another week: it leaves
// the window of its day and joins that of its new day, and can still be
// changed by its UID.
func TestMeetingMovedAcrossWindows(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	uid := fmt.Sprintf("forum-%d-2026-03-17T09:00@radiator", f.ID)
	path := fmt.Sprintf("/api/v1/forums/%d/meetings/%s", f.ID, uid)
	e.mustDo("PUT", path, `{"start":"2026-03-25T15:00:00Z","end":"2026-03-25T16:00:00Z"}`, http.StatusOK, nil)
	uids := func(from, to string) []string {
		t.Helper()
		var got list[radiator.ScheduledMeeting]
		e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings?from=%s&to=%s", f.ID, from, to), "", http.StatusOK, &got)
		var out []string
		for _, m := range got.Items {
			out = append(out, m.UID+" "+m.Start.UTC().Format("01-02T15:04"))
		}
		return out
	}
	if got := uids("2026-03-17", "2026-03-17"); len(got) != 0 {
		t.Errorf("meetings of 17 March after the move = %v, want none", got)
	}
	want := []string{
		fmt.Sprintf("forum-%d-2026-03-25T09:00@radiator 03-25T08:00", f.ID),
		uid + " 03-25T15:00",
	}
	if diff := cmp.Diff(want, uids("2026-03-25", "2026-03-25")); diff != "" {
		t.Errorf("meetings of 25 March after the move (-want +got):\n%s", diff)
	}
	e.mustDo("PUT", path, `{"cancelled":true,"version":1}`, http.StatusOK, nil)
	e.mustDo("DELETE", path+"?version=2", "", http.StatusNoContent, nil)
	if got := uids("2026-03-17", "2026-03-17"); len(got) != 1 || got[0] != uid+" 03-17T08:00" {
		t.Errorf("meetings of 17 March after the restore = %v, want the meeting back at 08:00 UTC", got)
	}
}

func TestMeetingOverridesBadInput(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	meeting := fmt.Sprintf("/api/v1/forums/%d/meetings/forum-%d-2026-03-26T09:00@radiator", f.ID, f.ID)
	e.mustDo("PUT", meeting, `{"cancelled":true}`, http.StatusOK, nil)
	tests := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"unknown forum", "PUT", "/api/v1/forums/999/meetings/forum-999-2026-03-26T09:00@radiator", `{"cancelled":true}`, 404, radiator.ENOTFOUND, ""},
		{"uid of another forum", "PUT", fmt.Sprintf("/api/v1/forums/%d/meetings/forum-999-2026-03-26T09:00@radiator", f.ID), `{"cancelled":true}`, 404, radiator.ENOTFOUND, ""},
		{"no meeting that day", "PUT", fmt.Sprintf("/api/v1/forums/%d/meetings/forum-%d-2026-03-28T09:00@radiator", f.ID, f.ID), `{"cancelled":true}`, 404, radiator.ENOTFOUND, ""},
		{"not a uid", "PUT", fmt.Sprintf("/api/v1/forums/%d/meetings/tomorrow", f.ID), `{"cancelled":true}`, 404, radiator.ENOTFOUND, ""},
		{"end before start", "PUT", meeting, `{"start":"2026-03-26T10:00:00Z","end":"2026-03-26T09:00:00Z","version":1}`, 422, radiator.EINVALID, "end"},
		{"start without end", "PUT", meeting, `{"start":"2026-03-26T10:00:00Z","version":1}`, 422, radiator.EINVALID, "end"},
		{"end without start", "PUT", meeting, `{"end":"2026-03-26T10:00:00Z","version":1}`, 422, radiator.EINVALID, "start"},
		{"stale version", "PUT", meeting, `{"cancelled":false,"version":5}`, 409, radiator.ECONFLICT, ""},
		{"start not a time", "PUT", meeting, `{"start":"soon","end":"2026-03-26T10:00:00Z","version":1}`, 400, radiator.EMALFORMED, ""},
		{"restore without version", "DELETE", meeting, "", 422, radiator.EINVALID, "version"},
		{"restore stale version", "DELETE", meeting + "?version=4", "", 409, radiator.ECONFLICT, ""},
		{"restore of an unchanged meeting", "DELETE", fmt.Sprintf("/api/v1/forums/%d/meetings/forum-%d-2026-03-27T09:00@radiator?version=1", f.ID, f.ID), "", 404, radiator.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.do(tt.method, tt.path, tt.body)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if got := apiErr(t, w); got.Code != tt.code || got.Field != tt.field {
				t.Errorf("error = %+v, want code %s, field %q", got, tt.code, tt.field)
			}
		})
	}
}
