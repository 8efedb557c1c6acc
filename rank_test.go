package radiator_test

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/radiator-hq/radiator"
)

func TestRankBetween(t *testing.T) {
	tests := []struct {
		a, b, want string
	}{
		{"", "", "i"},
		{"i", "", "i001"},
		{"", "i", "hzzz"},
		{"i001x", "", "i002"},
		{"", "i0011", "i"},
		{"zzzz", "", "zzzzi"},
		{"", "0001", "0000i"},
		{"1", "2", "1i"},
		{"1", "12", "11"},
		{"1", "101", "100i"},
		{"z", "", "z001"},
		{"y", "z", "yi"},
		{"a", "c", "b"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			got := radiator.RankBetween(tt.a, tt.b)
			if got != tt.want {
				t.Errorf("RankBetween(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
			}
			if !radiator.ValidRank(got) {
				t.Errorf("RankBetween(%q, %q) = %q, which is not a valid rank", tt.a, tt.b, got)
			}
			if tt.a != "" && got <= tt.a || tt.b != "" && got >= tt.b {
				t.Errorf("RankBetween(%q, %q) = %q, not strictly between", tt.a, tt.b, got)
			}
		})
	}
}

// TestRankBetweenRandomMoves inserts at random places many times and checks
// the list stays strictly ordered, as it must for drag-and-drop moves.
func TestRankBetweenRandomMoves(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ranks := []string{radiator.RankBetween("", "")}
	for range 2000 {
		i := r.IntN(len(ranks) + 1)
		var a, b string
		if i > 0 {
			a = ranks[i-1]
		}
		if i < len(ranks) {
			b = ranks[i]
		}
		n := radiator.RankBetween(a, b)
		if !radiator.ValidRank(n) {
			t.Fatalf("RankBetween(%q, %q) = %q, not valid", a, b, n)
		}
		ranks = append(ranks[:i], append([]string{n}, ranks[i:]...)...)
	}
	if !sort.StringsAreSorted(ranks) {
		t.Fatal("ranks are not sorted after random inserts")
	}
	for i := 1; i < len(ranks); i++ {
		if ranks[i] == ranks[i-1] {
			t.Fatalf("duplicate rank %q", ranks[i])
		}
	}
}

// TestRankAppendsStayShort appends and prepends many items, as backlogs
// grow, and checks that ranks stay short.
func TestRankAppendsStayShort(t *testing.T) {
	last, first := radiator.RankBetween("", ""), radiator.RankBetween("", "")
	for range 5000 {
		next := radiator.RankBetween(last, "")
		prev := radiator.RankBetween("", first)
		if next <= last || prev >= first {
			t.Fatalf("append after %q gave %q, prepend before %q gave %q", last, next, first, prev)
		}
		last, first = next, prev
	}
	if len(last) > 4 || len(first) > 4 {
		t.Errorf("after 5000 appends and prepends the ranks are %q and %q; want at most 4 characters", last, first)
	}
}

func TestSpreadRanks(t *testing.T) {
	for _, n := range []int{0, 1, 2, 35, 36, 1000, 50000} {
		ranks := radiator.SpreadRanks(n)
		if len(ranks) != n {
			t.Fatalf("SpreadRanks(%d) gave %d ranks", n, len(ranks))
		}
		for i, r := range ranks {
			if !radiator.ValidRank(r) {
				t.Fatalf("SpreadRanks(%d)[%d] = %q, not valid", n, i, r)
			}
			if i > 0 && r <= ranks[i-1] {
				t.Fatalf("SpreadRanks(%d) not increasing at %d: %q after %q", n, i, r, ranks[i-1])
			}
		}
		if n > 0 && len(ranks[n-1]) > 5 {
			t.Errorf("SpreadRanks(%d) made ranks of length %d; want short ranks", n, len(ranks[n-1]))
		}
	}
}

func TestValidRank(t *testing.T) {
	for r, want := range map[string]bool{"i": true, "0i": true, "": false, "i0": false, "I": false, "a-b": false, "zz9": true} {
		if got := radiator.ValidRank(r); got != want {
			t.Errorf("ValidRank(%q) = %v, want %v", r, got, want)
		}
	}
}
