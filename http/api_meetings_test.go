package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

// meetingForum makes a Scrum of Scrums meeting on Tuesdays and Thursdays
// at 09:00 Berlin time, whose product's release Mail 8.8 ships on 1 April
// 2026; a hotfix of the same product must not change its rhythm.
func (e *env) meetingForum() *radiator.Forum {
	e.t.Helper()
	ctx := context.Background()
	check := func(what string, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("meeting fixture: %s: %v", what, err)
		}
	}
	p := &radiator.Product{Key: "MAIL", Name: "Mail Cloud"}
	check("product", e.store.CreateProduct(ctx, p))
	f := &radiator.Forum{Name: "Mail S2", Tier: 2, Kind: radiator.ForumScrumOfScrums, ProductID: &p.ID, Cadence: radiator.Cadence{
		Mode: radiator.CadenceRelease, Weekdays: []string{"tue", "thu"}, Time: "09:00", Minutes: 30, TimeZone: "Europe/Berlin",
	}}
	check("forum", e.store.CreateForum(ctx, f))
	for _, r := range []*radiator.Release{
		{ProductID: p.ID, Name: "Mail 8.8", Start: radiator.MustDate("2026-02-02"), Date: radiator.MustDate("2026-04-01"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseRegular},
		{ProductID: p.ID, Name: "Mail 8.7.1", Start: radiator.MustDate("2026-03-02"), Date: radiator.MustDate("2026-03-12"), Phase: radiator.PhaseSprinting, Kind: radiator.ReleaseHotfix},
	} {
		check("release "+r.Name, e.store.CreateRelease(ctx, r))
	}
	return f
}

// meetingLine writes a meeting as its local start, UID and reason.
func meetingLine(m radiator.Meeting) string {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%s %s %s | %s", m.Start.In(berlin).Format("Mon 2006-01-02 15:04 MST"), m.UID, m.Phase, m.Reason)
}

func TestForumMeetings(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	uid := func(day string) string { return fmt.Sprintf("forum-%d-%sT09:00@radiator", f.ID, day) }
	var got list[radiator.Meeting]
	e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings?from=2026-03-16&to=2026-03-20", f.ID), "", http.StatusOK, &got)
	var lines []string
	for _, m := range got.Items {
		lines = append(lines, meetingLine(m))
	}
	want := []string{
		"Tue 2026-03-17 09:00 CET " + uid("2026-03-17") + " sprinting | sprinting: Tuesday and Thursday towards release Mail 8.8",
		"Wed 2026-03-18 09:00 CET " + uid("2026-03-18") + " release | daily: 14 days before release Mail 8.8",
		"Thu 2026-03-19 09:00 CET " + uid("2026-03-19") + " release | daily: 13 days before release Mail 8.8",
		"Fri 2026-03-20 09:00 CET " + uid("2026-03-20") + " release | daily: 12 days before release Mail 8.8",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("meetings from 16 to 20 March, both included (-want +got):\n%s", diff)
	}

	// Today is Wednesday 4 March 2026: by default a week back, 60 days ahead.
	e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings", f.ID), "", http.StatusOK, &got)
	if n := len(got.Items); n < 2 ||
		!strings.HasPrefix(meetingLine(got.Items[0]), "Thu 2026-02-26 09:00") ||
		!strings.HasPrefix(meetingLine(got.Items[n-1]), "Tue 2026-04-28 09:00 CEST") {
		t.Errorf("default window runs from %v to %v; want Thu 26 February to Tue 28 April", got.Items[0].Start, got.Items[n-1].Start)
	}
}

func TestForumMeetingsNone(t *testing.T) {
	e := newEnv(t)
	fx := e.fixture()
	w := e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings", fx.portfolio.ID), "", http.StatusOK, nil)
	if got := strings.TrimSpace(w.Body.String()); got != `{"items":[]}` {
		t.Errorf("meetings of an on-demand forum = %s, want an empty list", got)
	}
}

func TestForumMeetingsBadInput(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	tests := []struct {
		name, query   string
		status        int
		code, field   string
		forum         string // path segment; the meeting forum when empty
		wantInMessage string
	}{
		{name: "unknown forum", forum: "999", status: 404, code: radiator.ENOTFOUND},
		{name: "malformed forum id", forum: "mail", status: 404, code: radiator.ENOTFOUND},
		{name: "from is no date", query: "from=1%2F3%2F2026", status: 422, code: radiator.EINVALID, field: "from"},
		{name: "to is no date", query: "to=soon", status: 422, code: radiator.EINVALID, field: "to"},
		{name: "to before from", query: "from=2026-03-10&to=2026-03-09", status: 422, code: radiator.EINVALID, field: "to"},
		{name: "window over 400 days", query: "from=2026-01-01&to=2027-02-05", status: 422, code: radiator.EINVALID, field: "to", wantInMessage: "400 days"},
	}
	for _, path := range []string{"meetings", "meetings.ics"} {
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				forum := tt.forum
				if forum == "" {
					forum = fmt.Sprint(f.ID)
				}
				w := e.do("GET", "/api/v1/forums/"+forum+"/"+path+"?"+tt.query, "")
				if w.Code != tt.status {
					t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
				}
				got := apiErr(t, w)
				if got.Code != tt.code || got.Field != tt.field || !strings.Contains(got.Message, tt.wantInMessage) {
					t.Errorf("error = %+v, want code %s, field %q, a message with %q", got, tt.code, tt.field, tt.wantInMessage)
				}
			})
		}
	}
	// The longest window allowed: 400 days, both ends included.
	e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings?from=2026-01-01&to=2027-02-04", f.ID), "", http.StatusOK, nil)
	e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings?from=2026-03-10&to=2026-03-10", f.ID), "", http.StatusOK, nil)
}

func TestForumMeetingsICS(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	w := e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings.ics?from=2026-03-26&to=2026-03-30", f.ID), "", http.StatusOK, nil)
	if ct := w.Header().Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/calendar; charset=utf-8", ct)
	}
	body := w.Body.String()
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Errorf("the calendar has a line not ended by CRLF")
	}
	// Keep the event lines, unfolded, leaving out DTSTAMP, which is now.
	var events []string
	for _, l := range strings.Split(strings.ReplaceAll(body, "\r\n ", ""), "\r\n") {
		if strings.HasPrefix(l, "X-WR-CALNAME:") || strings.HasPrefix(l, "BEGIN:VEVENT") || strings.HasPrefix(l, "UID:") ||
			strings.HasPrefix(l, "DTSTART:") || strings.HasPrefix(l, "DTEND:") || strings.HasPrefix(l, "SUMMARY:") ||
			strings.HasPrefix(l, "DESCRIPTION:") || strings.HasPrefix(l, "URL:") || strings.HasPrefix(l, "SEQUENCE:") || strings.HasPrefix(l, "STATUS:") {
			events = append(events, l)
		}
	}
	page := fmt.Sprintf("http://example.com/forums/%d", f.ID)
	event := func(day, start, end, reason string) []string {
		return []string{
			"BEGIN:VEVENT",
			fmt.Sprintf("UID:forum-%d-%sT09:00@radiator", f.ID, day),
			"DTSTART:" + start, "DTEND:" + end,
			"SUMMARY:Mail S2",
			`DESCRIPTION:` + reason + `\nMail S2 (S2)\, phase: release\n` + page,
			"URL:" + page,
			"SEQUENCE:0", "STATUS:CONFIRMED",
		}
	}
	want := []string{"X-WR-CALNAME:Mail S2 meetings"}
	want = append(want, event("2026-03-26", "20260326T080000Z", "20260326T083000Z", "daily: 6 days before release Mail 8.8")...)
	want = append(want, event("2026-03-27", "20260327T080000Z", "20260327T083000Z", "daily: 5 days before release Mail 8.8")...)
	want = append(want, event("2026-03-30", "20260330T070000Z", "20260330T073000Z", "daily: 2 days before release Mail 8.8")...)
	if diff := cmp.Diff(want, events); diff != "" {
		t.Errorf("calendar (-want +got):\n%s", diff)
	}
	if !strings.Contains(body, "\r\nDTSTAMP:20260304T100000Z\r\n") {
		t.Errorf("DTSTAMP is not the time of the request, 20260304T100000Z:\n%s", body)
	}

	// By default 30 days back and 120 ahead of Wednesday 4 March 2026.
	body = e.mustDo("GET", fmt.Sprintf("/api/v1/forums/%d/meetings.ics", f.ID), "", http.StatusOK, nil).Body.String()
	first, last := strings.Index(body, "DTSTART:"), strings.LastIndex(body, "DTSTART:")
	if got := body[first : first+len("DTSTART:20260203")]; got != "DTSTART:20260203" {
		t.Errorf("first meeting of the default window %s, want Tuesday 3 February", got)
	}
	if got := body[last : last+len("DTSTART:20260630")]; got != "DTSTART:20260630" {
		t.Errorf("last meeting of the default window %s, want Tuesday 30 June", got)
	}
}
