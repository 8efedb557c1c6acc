// Package ical writes iCalendar (RFC 5545) feeds that calendar
// applications subscribe to: a calendar of events in UTC, text escaped,
// lines folded at 75 octets and ended by CRLF.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ProdID names the program that writes the calendars (RFC 5545 3.7.3).
const ProdID = "-//Radiator//Radiator//EN"

// maxLine is the longest a content line may be, in octets, without its CRLF.
const maxLine = 75

// Calendar is one feed: a named list of events.
type Calendar struct {
	Name   string // shown by calendar applications (X-WR-CALNAME)
	Events []Event
}

// Event is one VEVENT.
type Event struct {
	// UID stays the same for the same event in every version of the feed;
	// calendars match updates by it.
	UID         string
	Stamp       time.Time // when this version of the event was made (DTSTAMP)
	Start, End  time.Time
	Summary     string
	Description string
	URL         string
	// Sequence counts the revisions of the event; a calendar takes the
	// version with the highest.
	Sequence  int
	Cancelled bool
}

// Write writes cal to w as an iCalendar stream. Times are written in UTC,
// so no VTIMEZONE is needed; calendars show them in their own zone.
func Write(w io.Writer, cal Calendar) error {
	var b bytes.Buffer
	line := func(name, value string) { fold(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if cal.Name != "" {
		line("X-WR-CALNAME", Escape(cal.Name))
	}
	for _, e := range cal.Events {
		if e.UID == "" {
			return fmt.Errorf("ical: event at %s has no UID", e.Start)
		}
		if e.End.Before(e.Start) {
			return fmt.Errorf("ical: event %s ends before it starts", e.UID)
		}
		if strings.ContainsFunc(e.URL, func(r rune) bool { return unicode.IsControl(r) || r == ' ' }) {
			return fmt.Errorf("ical: event %s: URL %q holds spaces or control characters", e.UID, e.URL)
		}
		status := "CONFIRMED"
		if e.Cancelled {
			status = "CANCELLED"
		}
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", utc(e.Stamp))
		line("DTSTART", utc(e.Start))
		line("DTEND", utc(e.End))
		line("SUMMARY", Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", Escape(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("SEQUENCE", fmt.Sprint(e.Sequence))
		line("STATUS", status)
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

// utc writes t as an RFC 5545 DATE-TIME in UTC ("Z" form).
func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Escape writes s as an RFC 5545 TEXT value: backslash, semicolon and comma
// are escaped, line breaks (CRLF, CR or LF) become \n, other control
// characters, which TEXT may not hold, are dropped, and invalid UTF-8
// becomes U+FFFD.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || !unicode.IsControl(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line to b, folded so that no line is longer than
// 75 octets: a continuation line starts with a space, and a UTF-8 sequence
// is never split.
func fold(b *bytes.Buffer, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
