package radiator

import "strings"

// A rank orders backlog items. It is a fraction in base 36 written without
// its leading "0.": "i" is one half, "0i" one seventy-second. Between any two
// ranks there is another, so moving an item rewrites that item alone; ranks
// compare bytewise, which is why stores sort them in the "C" collation.
const rankDigits = "0123456789abcdefghijklmnopqrstuvwxyz"

// ValidRank reports whether r is a well-formed rank: not empty, only the
// digits 0-9 and a-z, and not ending in 0 (a trailing zero would leave no
// room below it).
func ValidRank(r string) bool {
	if r == "" || r[len(r)-1] == '0' {
		return false
	}
	for i := 0; i < len(r); i++ {
		if strings.IndexByte(rankDigits, r[i]) < 0 {
			return false
		}
	}
	return true
}

// RankBetween returns a rank that sorts after a and before b. An empty a
// means "the start of the list" and an empty b "its end". It requires a < b
// when both are given. At an open end it steps by a fixed small amount
// rather than halving the room left, so that appending item after item
// keeps ranks short (halving would add a character every few appends).
func RankBetween(a, b string) string {
	if a != "" && b == "" {
		if r, ok := rankStep(a, 1); ok {
			return r
		}
	}
	if a == "" && b != "" {
		if r, ok := rankStep(b, -1); ok {
			return r
		}
	}
	return rankMidpoint(a, b)
}

// rankStepDigits is the precision of rankStep: one step is 36^-4, leaving
// room for over a million appends before ranks grow.
const rankStepDigits = 4

// rankStep returns the rank one step above (dir 1) or below (dir -1) the
// first rankStepDigits digits of r, which sorts after (before) r itself.
// It reports false when the step leaves the range of ranks.
func rankStep(r string, dir int) (string, bool) {
	digits := make([]int, rankStepDigits)
	for i := range digits {
		if i < len(r) {
			digits[i] = strings.IndexByte(rankDigits, r[i])
		}
	}
	for i := rankStepDigits - 1; i >= 0; i-- {
		digits[i] += dir
		if digits[i] >= 0 && digits[i] < len(rankDigits) {
			break
		}
		if i == 0 {
			return "", false
		}
		digits[i] = (digits[i] + len(rankDigits)) % len(rankDigits)
	}
	out := make([]byte, rankStepDigits)
	for i, d := range digits {
		out[i] = rankDigits[d]
	}
	s := strings.TrimRight(string(out), "0")
	return s, s != ""
}

// rankMidpoint returns the rank halfway between a and b.
func rankMidpoint(a, b string) string {
	var out []byte
	for i := 0; ; i++ {
		da := 0
		if i < len(a) {
			da = strings.IndexByte(rankDigits, a[i])
		}
		db := len(rankDigits)
		if b != "" {
			db = 0
			if i < len(b) {
				db = strings.IndexByte(rankDigits, b[i])
			}
		}
		switch {
		case da == db:
			out = append(out, rankDigits[da])
		case db-da > 1:
			return string(append(out, rankDigits[(da+db)/2]))
		default:
			// Adjacent digits: keep a's digit; from here on any
			// continuation above a's stays below b.
			out = append(out, rankDigits[da])
			b = ""
		}
	}
}

// SpreadRanks returns n ranks in increasing order, evenly spaced and of equal
// length, leaving room between neighbours for later moves. It is used when
// many items are ranked at once and to rebalance a crowded list.
func SpreadRanks(n int) []string {
	if n <= 0 {
		return nil
	}
	width, space := 1, 36
	for space < (n+1)*36 {
		width++
		space *= 36
	}
	step := space / (n + 1)
	ranks := make([]string, n)
	buf := make([]byte, width)
	for i := range ranks {
		v := (i + 1) * step
		for j := width - 1; j >= 0; j-- {
			buf[j] = rankDigits[v%36]
			v /= 36
		}
		ranks[i] = strings.TrimRight(string(buf), "0")
	}
	return ranks
}
