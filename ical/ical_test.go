package ical_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator/ical"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sample is a feed with what a forum's feed holds: plain events, text that
// needs escaping, long multi-byte text that needs folding, a cancelled
// event.
func sample() ical.Calendar {
	stamp := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return ical.Calendar{
		Name: "Mail S2, Scrum of Scrums",
		Events: []ical.Event{
			{
				UID:   "forum-12-2026-03-27T09:00@radiator",
				Stamp: stamp,
				Start: time.Date(2026, 3, 27, 9, 0, 0, 0, berlin), End: time.Date(2026, 3, 27, 9, 30, 0, 0, berlin),
				Summary:     "Mail S2",
				Description: "daily: 5 days before release Mail 8.8\nhttps://radiator.example/forums/12",
				URL:         "https://radiator.example/forums/12",
			},
			{
				UID:   "forum-12-2026-03-30T09:00@radiator",
				Stamp: stamp,
				Start: time.Date(2026, 3, 30, 9, 0, 0, 0, berlin), End: time.Date(2026, 3, 30, 9, 30, 0, 0, berlin),
				Summary:     `Mail S2; Größenänderung, "Übergabe" \ Zusammenführung`,
				Description: strings.Repeat("Prüfung der Abhängigkeiten für die Veröffentlichung — 🚀 ", 4),
				URL:         "https://radiator.example/forums/12",
				Sequence:    2,
				Cancelled:   true,
			},
		},
	}
}

func TestWriteGolden(t *testing.T) {
	var b bytes.Buffer
	if err := ical.Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "forum.ics")
	if *update {
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./ical -update to write it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs from the golden file (run go test ./ical -update and look at it):\n%s", file, cmp.Diff(string(want), b.String()))
	}
	checkLines(t, b.Bytes())
}

// checkLines checks the rules every content line follows: CRLF ends, at
// most 75 octets, valid UTF-8 in every physical line.
func checkLines(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("output does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
	}
}

// unfold returns the content lines of out, folded lines joined again.
func unfold(out []byte) []string {
	s := strings.ReplaceAll(string(out), "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

// unescape reads an RFC 5545 TEXT value.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\tkept, bell\a dropped", `tab` + "\t" + `kept\, bell dropped`},
		{"Größe €5 🚀", "Größe €5 🚀"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{`\n is not a newline`, `\\n is not a newline`},
	}
	for _, tt := range tests {
		if got := ical.Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteFolds(t *testing.T) {
	tests := []struct {
		name    string
		summary string
		want    []string // the physical SUMMARY lines
	}{
		{
			name:    "a line of exactly 75 octets stays whole",
			summary: strings.Repeat("a", 75-len("SUMMARY:")),
			want:    []string{"SUMMARY:" + strings.Repeat("a", 67)},
		},
		{
			name:    "one octet more folds, the continuation starting with a space",
			summary: strings.Repeat("a", 68),
			want:    []string{"SUMMARY:" + strings.Repeat("a", 67), " a"},
		},
		{
			name:    "continuation lines hold 74 octets after their space",
			summary: strings.Repeat("a", 67+74+1),
			want:    []string{"SUMMARY:" + strings.Repeat("a", 67), " " + strings.Repeat("a", 74), " a"},
		},
		{
			name:    "a two-octet character at the limit moves to the next line",
			summary: strings.Repeat("a", 66) + "ü" + "b",
			want:    []string{"SUMMARY:" + strings.Repeat("a", 66), " üb"},
		},
		{
			name:    "a four-octet character is never split",
			summary: strings.Repeat("a", 65) + "🚀🚀",
			want:    []string{"SUMMARY:" + strings.Repeat("a", 65), " 🚀🚀"},
		},
		{
			name:    "escapes count towards the length",
			summary: strings.Repeat("a", 66) + ",",
			want:    []string{"SUMMARY:" + strings.Repeat("a", 66) + `\`, " ,"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := ical.Write(&b, ical.Calendar{Events: []ical.Event{{UID: "u", Summary: tt.summary}}})
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, b.Bytes())
			lines := strings.Split(b.String(), "\r\n")
			var got []string
			for i, l := range lines {
				if strings.HasPrefix(l, "SUMMARY:") {
					got = append(got, l)
					for _, c := range lines[i+1:] {
						if !strings.HasPrefix(c, " ") {
							break
						}
						got = append(got, c)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("SUMMARY lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteRejects(t *testing.T) {
	at := time.Date(2026, 3, 30, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		e    ical.Event
	}{
		{"no UID", ical.Event{Start: at, End: at.Add(time.Hour)}},
		{"end before start", ical.Event{UID: "u", Start: at, End: at.Add(-time.Hour)}},
		{"URL with a line break", ical.Event{UID: "u", Start: at, End: at, URL: "https://x.example/\r\nX-EVIL:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ical.Write(&b, ical.Calendar{Events: []ical.Event{tt.e}}); err == nil {
				t.Errorf("Write = nil error, want one; wrote:\n%s", b.String())
			}
			if b.Len() != 0 {
				t.Errorf("Write wrote %d bytes of a broken calendar", b.Len())
			}
		})
	}
}

// FuzzWrite writes any summary and description and reads them back from
// the unfolded, unescaped lines: nothing is lost but what TEXT cannot hold.
func FuzzWrite(f *testing.F) {
	f.Add("Mail S2", "daily: 9 days before release Mail 8.8")
	f.Add(`a;b,c\d`, "line\r\nbreak\rand\nmore")
	f.Add(strings.Repeat("é", 80), strings.Repeat("🚀,", 50))
	f.Add("\x00\x7f\u0085", "\xff\xfe")
	f.Fuzz(func(t *testing.T, summary, description string) {
		var b bytes.Buffer
		err := ical.Write(&b, ical.Calendar{Events: []ical.Event{{UID: "u", Summary: summary, Description: description}}})
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, b.Bytes())
		got := map[string]string{}
		for _, l := range unfold(b.Bytes()) {
			name, value, _ := strings.Cut(l, ":")
			got[name] = unescape(value)
		}
		if want := representable(summary); got["SUMMARY"] != want {
			t.Errorf("SUMMARY read back %q, want %q", got["SUMMARY"], want)
		}
		if want := representable(description); got["DESCRIPTION"] != want {
			t.Errorf("DESCRIPTION read back %q, want %q", got["DESCRIPTION"], want)
		}
	})
}

// representable returns what a TEXT value can carry of s: valid UTF-8,
// newlines for every line break, no other control characters but tab.
func representable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// parseScript reads an iCalendar stream from stdin with the icalendar
// library, written independently of this package, and prints what it
// found as JSON.
const parseScript = `
import json, sys
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": str(cal.get("X-WR-CALNAME")), "method": str(cal.get("METHOD")), "events": []}
for ev in cal.walk("VEVENT"):
    out["events"].append({
        "uid": str(ev.get("UID")),
        "stamp": ev.decoded("DTSTAMP").isoformat(),
        "start": ev.decoded("DTSTART").isoformat(),
        "end": ev.decoded("DTEND").isoformat(),
        "summary": str(ev.get("SUMMARY")),
        "description": str(ev.get("DESCRIPTION")),
        "url": str(ev.get("URL")),
        "sequence": int(ev.get("SEQUENCE")),
        "status": str(ev.get("STATUS")),
    })
json.dump(out, sys.stdout)
`

type parsedEvent struct {
	UID         string `json:"uid"`
	Stamp       string `json:"stamp"`
	Start       string `json:"start"`
	End         string `json:"end"`
	Summary     string `json:"summary"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Sequence    int    `json:"sequence"`
	Status      string `json:"status"`
}

type parsedCalendar struct {
	Name   string        `json:"name"`
	Method string        `json:"method"`
	Events []parsedEvent `json:"events"`
}

// icalendarPython returns a Python that imports the icalendar library:
// python3 on the PATH, or Debian's own /usr/bin/python3, where the package
// python3-icalendar installs it when the PATH leads to another Python
// (pyenv, a virtualenv).
func icalendarPython() (string, error) {
	var err error
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if err = exec.Command(py, "-c", "import icalendar").Run(); err == nil {
			return py, nil
		}
	}
	return "", err
}

// TestWriteIndependentParser reads the output with Python's icalendar
// library (Debian package python3-icalendar). Without it the test skips,
// except under CI=true, where a skipped check would pass unnoticed.
func TestWriteIndependentParser(t *testing.T) {
	python, err := icalendarPython()
	if err != nil {
		msg := "python3 with the icalendar library is needed to check the output with an independent parser; install the Debian package python3-icalendar (scripts/test.sh does)"
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %v", msg, err)
		}
		t.Skipf("%s: %v", msg, err)
	}
	cal := sample()
	var b bytes.Buffer
	if err := ical.Write(&b, cal); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", parseScript)
	cmd.Stdin = &b
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 icalendar could not read the output: %v\n%s", err, stderr.String())
	}
	var got parsedCalendar
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	iso := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05-07:00") }
	want := parsedCalendar{Name: cal.Name, Method: "PUBLISH"}
	for _, e := range cal.Events {
		status := "CONFIRMED"
		if e.Cancelled {
			status = "CANCELLED"
		}
		want.Events = append(want.Events, parsedEvent{
			UID: e.UID, Stamp: iso(e.Stamp), Start: iso(e.Start), End: iso(e.End),
			Summary: e.Summary, Description: e.Description, URL: e.URL, Sequence: e.Sequence, Status: status,
		})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("python3 icalendar read (-want +got):\n%s", diff)
	}
}
