package radiator

// DefaultReleaseStart is the start of a release created without one:
// today, or the day before the release's date when that date is not after
// today, so that a release recorded after the fact is valid too (a
// release's date follows its start).
func DefaultReleaseStart(today, date Date) Date {
	if !date.After(today) {
		return date.AddDays(-1)
	}
	return today
}
