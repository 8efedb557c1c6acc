package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/radiator-hq/radiator"
)

func TestForumPageComingMeetings(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	// Today is Wednesday 4 March 2026, 11:00 in Berlin: the page lists
	// the meetings of the next three weeks, sprinting ones and then, from
	// two weeks before Mail 8.8 ships on 1 April, daily ones.
	row := func(day, date, time, phase, reason string) string {
		return fmt.Sprintf(`<tr data-uid="forum-%d-%sT09:00@radiator" class="phase-%s"><td class="date">%s</td><td class="time">%s</td><td class="reason">%s</td></tr>`,
			f.ID, day, phase, date, time, reason)
	}
	const sprinting = "sprinting: Tuesday and Thursday towards release Mail 8.8"
	want := []string{
		`<section class="meetings" id="coming-meetings">`,
		fmt.Sprintf(`<a id="meetings-ics" href="/api/v1/forums/%d/meetings.ics">`, f.ID),
		fmt.Sprintf(`<a id="meetings-json" href="/api/v1/forums/%d/meetings">`, f.ID),
		`<th>Time (Europe/Berlin)</th>`,
		row("2026-03-05", "Thu 5 Mar 2026", "09:00–09:30 CET", "sprinting", sprinting),
		row("2026-03-10", "Tue 10 Mar 2026", "09:00–09:30 CET", "sprinting", sprinting),
		row("2026-03-12", "Thu 12 Mar 2026", "09:00–09:30 CET", "sprinting", sprinting),
		row("2026-03-17", "Tue 17 Mar 2026", "09:00–09:30 CET", "sprinting", sprinting),
		row("2026-03-18", "Wed 18 Mar 2026", "09:00–09:30 CET", "release", "daily: 14 days before release Mail 8.8"),
		row("2026-03-19", "Thu 19 Mar 2026", "09:00–09:30 CET", "release", "daily: 13 days before release Mail 8.8"),
		row("2026-03-20", "Fri 20 Mar 2026", "09:00–09:30 CET", "release", "daily: 12 days before release Mail 8.8"),
		row("2026-03-23", "Mon 23 Mar 2026", "09:00–09:30 CET", "release", "daily: 9 days before release Mail 8.8"),
		row("2026-03-24", "Tue 24 Mar 2026", "09:00–09:30 CET", "release", "daily: 8 days before release Mail 8.8"),
		row("2026-03-25", "Wed 25 Mar 2026", "09:00–09:30 CET", "release", "daily: 7 days before release Mail 8.8"),
		`</table>`,
	}
	body := e.getPage(fmt.Sprintf("/forums/%d", f.ID), http.StatusOK)
	if missing := containsInOrder(body, want...); missing != "" {
		t.Fatalf("forum page lacks, in order, %s:\n%s", missing, body)
	}
	section := body[strings.Index(body, `id="coming-meetings"`):]
	section = section[:strings.Index(section, `</section>`)]
	if n := strings.Count(section, "<tr data-uid="); n != 10 {
		t.Errorf("%d coming meetings, want the 10 from Thursday 5 to Wednesday 25 March:\n%s", n, section)
	}
	for _, past := range []string{"2026-03-03", "2026-03-26"} {
		if strings.Contains(section, past) {
			t.Errorf("coming meetings list %s, outside today to three weeks ahead", past)
		}
	}
}

func TestForumPageMovedAndCancelledMeetings(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	uid := func(day string) string { return fmt.Sprintf("forum-%d-%sT09:00@radiator", f.ID, day) }
	start, end := time.Date(2026, 3, 13, 14, 0, 0, 0, berlin), time.Date(2026, 3, 13, 15, 0, 0, 0, berlin)
	for _, o := range []*radiator.MeetingOverride{
		{ForumID: f.ID, UID: uid("2026-03-10"), Cancelled: true, Note: "Team day"},
		{ForumID: f.ID, UID: uid("2026-03-12"), Start: &start, End: &end},
	} {
		if err := e.store.PutMeetingOverride(ctx, o); err != nil {
			t.Fatalf("PutMeetingOverride(%s): %v", o.UID, err)
		}
	}
	const sprinting = "sprinting: Tuesday and Thursday towards release Mail 8.8"
	body := e.getPage(fmt.Sprintf("/forums/%d", f.ID), http.StatusOK)
	if missing := containsInOrder(body,
		fmt.Sprintf(`<tr data-uid="%s" class="phase-sprinting"><td class="date">Thu 5 Mar 2026</td><td class="time">09:00–09:30 CET</td><td class="reason">%s</td></tr>`, uid("2026-03-05"), sprinting),
		fmt.Sprintf(`<tr data-uid="%s" class="phase-sprinting"><td class="date"><del>Tue 10 Mar 2026</del></td><td class="time"><del>09:00–09:30 CET</del></td><td class="reason">%s <strong class="override">cancelled</strong> <span class="muted note">Team day</span></td></tr>`, uid("2026-03-10"), sprinting),
		fmt.Sprintf(`<tr data-uid="%s" class="phase-sprinting"><td class="date">Fri 13 Mar 2026</td><td class="time">14:00–15:00 CET</td><td class="reason">%s <strong class="override">moved</strong></td></tr>`, uid("2026-03-12"), sprinting),
		fmt.Sprintf(`<tr data-uid="%s" class="phase-sprinting"><td class="date">Tue 17 Mar 2026</td>`, uid("2026-03-17")),
	); missing != "" {
		t.Fatalf("forum page lacks, in order, %s:\n%s", missing, body)
	}
}

func TestForumPageOnDemandHasNoMeetings(t *testing.T) {
	e := newEnv(t)
	f := e.fixture()
	body := e.getPage(fmt.Sprintf("/forums/%d", f.portfolio.ID), http.StatusOK)
	if strings.Contains(body, `id="coming-meetings"`) {
		t.Errorf("the page of a forum meeting on demand lists coming meetings:\n%s", body)
	}
}

func TestForumPageFeedAddress(t *testing.T) {
	e := newEnv(t)
	f := e.meetingForum()
	path := fmt.Sprintf("/forums/%d/feed", f.ID)

	w := e.postForm(path, url.Values{})
	if w.Code != http.StatusOK {
		t.Fatalf("POST %s = %d, want 200; body %s", path, w.Code, w.Body)
	}
	m := regexp.MustCompile(`<input id="feed-url" type="text" readonly value="(http://[^"]+/feeds/(rdf_[^".]+)\.ics)"`).FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("forum page shows no feed address after making one:\n%s", w.Body)
	}
	if !strings.Contains(w.Body.String(), `id="coming-meetings"`) {
		t.Errorf("the page with the new address lacks the coming meetings")
	}
	feed := httptest.NewRequest("GET", "/feeds/"+m[2]+".ics", nil)
	got := e.serve(feed)
	if got.Code != http.StatusOK || !strings.HasPrefix(got.Header().Get("Content-Type"), "text/calendar") ||
		!strings.Contains(got.Body.String(), fmt.Sprintf("UID:forum-%d-", f.ID)) {
		t.Fatalf("the shown address answers %d %q without the forum's meetings:\n%s", got.Code, got.Header().Get("Content-Type"), got.Body)
	}

	// A second address replaces the first.
	if w := e.postForm(path, url.Values{}); w.Code != http.StatusOK {
		t.Fatalf("second POST %s = %d, want 200", path, w.Code)
	}
	if got := e.serve(httptest.NewRequest("GET", "/feeds/"+m[2]+".ics", nil)); got.Code != http.StatusNotFound {
		t.Errorf("the replaced address answers %d, want 404", got.Code)
	}

	cross := httptest.NewRequest("POST", path, strings.NewReader(""))
	cross.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	cross.Header.Set("Authorization", "Bearer "+e.token)
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	if w := e.serve(cross); w.Code != http.StatusForbidden {
		t.Errorf("cross-site POST %s = %d, want 403", path, w.Code)
	}
	if w := e.postForm("/forums/999999/feed", url.Values{}); w.Code != http.StatusNotFound {
		t.Errorf("POST feed of an unknown forum = %d, want 404", w.Code)
	}
}
