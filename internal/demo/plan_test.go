package demo

import (
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/radiator-hq/radiator"
)

func TestTeamCounts(t *testing.T) {
	tests := []struct {
		teams int
		want  []int
	}{
		{0, []int{4, 3, 5}},
		{3, []int{1, 1, 1}},
		{4, []int{1, 1, 2}},
		{9, []int{3, 2, 4}},
		{12, []int{4, 3, 5}},
		{120, []int{40, 30, 50}},
		{MaxTeams, []int{333, 250, 417}},
	}
	for _, tt := range tests {
		if got, err := teamCounts(tt.teams); err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("teamCounts(%d) = %v, %v; want %v", tt.teams, got, err, tt.want)
		}
	}
	for n := 3; n <= MaxTeams; n++ {
		got, err := teamCounts(n)
		if err != nil {
			t.Fatalf("teamCounts(%d): %v", n, err)
		}
		sum := 0
		for _, c := range got {
			sum += c
			if c < 1 {
				t.Errorf("teamCounts(%d) = %v, leaves a product without a team", n, got)
			}
		}
		if sum != n {
			t.Errorf("teamCounts(%d) = %v, %d teams in all", n, got, sum)
		}
	}
}

func TestPassword(t *testing.T) {
	if a, b := password(1), password(1); a != b {
		t.Errorf("password(1) = %q, then %q; want the same", a, b)
	}
	if a, b := password(1), password(2); a == b {
		t.Errorf("password(1) = password(2) = %q, want them to differ", a)
	}
	for seed := range int64(50) {
		if p := password(seed); len(p) < 10 {
			t.Errorf("password(%d) = %q, shorter than 10", seed, p)
		}
	}
}

// TestPlan plans the default organisation ending on each day of two weeks,
// at midnight and just before the next: every action lies in the past, in
// order, and the sprints and releases fall where the issue wants them.
func TestPlan(t *testing.T) {
	start := time.Date(2025, 6, 16, 0, 0, 0, 0, time.UTC)
	for d := range 14 {
		for _, now := range []time.Time{start.AddDate(0, 0, d), start.AddDate(0, 0, d+1).Add(-time.Second)} {
			counts, err := teamCounts(0)
			if err != nil {
				t.Fatal(err)
			}
			b := newBuilder(Options{Seed: int64(d), Today: now}, counts, "hash")
			if err := b.generate(); err != nil {
				t.Errorf("today %v: generate: %v", now, err)
				continue
			}
			first := radiator.DateOf(now.AddDate(0, -5, 0)).Time()
			for i, a := range b.actions {
				if !a.at.Before(now) || a.at.Before(first) {
					t.Errorf("today %v: %s at %v, want within the five months before", now, a.what, a.at)
				}
				if i > 0 && a.at.Before(b.actions[i-1].at) {
					t.Errorf("today %v: %s at %v after %s at %v", now, a.what, a.at, b.actions[i-1].what, b.actions[i-1].at)
				}
			}
			day := radiator.DateOf(now)
			for _, p := range b.prods {
				var phases []bool
				for _, r := range p.releases {
					phases = append(phases, r.date.Before(day))
				}
				if want := []bool{true, true, false, false}; !cmp.Equal(phases, want) {
					t.Errorf("today %v: product %s releases in the past: %v, want %v", now, p.spec.key, phases, want)
				}
				for _, tm := range p.teams {
					active := tm.sprints[len(tm.sprints)-2]
					if day.Before(active.start) || day.After(active.end) || !day.After(active.start) {
						t.Errorf("today %v: team %s's active sprint runs %s to %s, want it to have started before today and to contain it",
							now, tm.rec.Name, active.start, active.end)
					}
				}
				checkReleasePlan(t, now, p)
			}
			if b.decided == nil {
				t.Errorf("today %v: no story moved from a team that is behind", now)
			}
		}
	}
}

// plan returns the plan of an organisation as lines of moment, actor and
// action.
func plan(t *testing.T, opts Options) []string {
	t.Helper()
	counts, err := teamCounts(opts.Teams)
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(opts, counts, "hash")
	if err := b.generate(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range b.actions {
		who := "system"
		if a.actor != nil {
			who = a.actor.email
		}
		lines = append(lines, a.at.Format(time.DateTime)+" "+who+" "+a.what)
	}
	return lines
}

// TestDeterministic plans organisations twice with the same options: the
// plans are the same, action for action. Build performs a plan's actions
// in order, with the clock at each one's moment, so the same plan gives
// the same store, down to its IDs.
func TestDeterministic(t *testing.T) {
	today := time.Date(2025, 6, 18, 15, 30, 0, 0, time.UTC)
	for _, opts := range []Options{{Seed: 1, Today: today}, {Seed: 7, Teams: 3, Today: today}, {Seed: 7, Teams: 120, Today: today}} {
		if diff := cmp.Diff(plan(t, opts), plan(t, opts)); diff != "" {
			t.Errorf("two plans of %+v differ (-first +second):\n%s", opts, diff)
		}
	}
}

func TestSeeds(t *testing.T) {
	today := time.Date(2025, 6, 18, 15, 30, 0, 0, time.UTC)
	one, two := plan(t, Options{Seed: 1, Today: today}), plan(t, Options{Seed: 2, Today: today})
	same := 0
	for i := range min(len(one), len(two)) {
		if one[i] == two[i] {
			same++
		}
	}
	if same > len(one)/10 {
		t.Errorf("plans of seeds 1 and 2 share %d of %d actions, want them to differ", same, len(one))
	}
}

// TestPeople invents the people of the largest organisation: names and
// e-mail addresses are unique, and the addresses plain ASCII.
func TestPeople(t *testing.T) {
	b := newBuilder(Options{Seed: 3}, nil, "")
	names, emails := map[string]bool{}, map[string]bool{}
	for range MaxTeams * 9 {
		p := b.newPerson()
		a, err := mail.ParseAddress(p.email)
		if err != nil || a.Address != p.email || !strings.HasSuffix(p.email, "@"+domain) {
			t.Fatalf("%s has address %q (%v), want one at %s", p.name, p.email, err, domain)
		}
		for _, r := range p.email {
			if r > unicode.MaxASCII || unicode.IsUpper(r) {
				t.Fatalf("%s has address %q, want lower-case ASCII", p.name, p.email)
			}
		}
		if names[p.name] || emails[p.email] {
			t.Fatalf("%s <%s> invented twice", p.name, p.email)
		}
		names[p.name], emails[p.email] = true, true
	}
}

// checkReleasePlan checks a product's plan of its release in progress: a
// feature added after the baseline for several teams, one moved to the
// next release, five to ten dependencies between the teams' work with
// some resolved, and a hot fix in progress.
func checkReleasePlan(t *testing.T, now time.Time, p *product) {
	t.Helper()
	r, next := p.releases[2], p.releases[3]
	teams := map[*team]bool{}
	for _, st := range p.late.children {
		teams[st.team] = true
	}
	if !p.late.created.After(r.created) || len(teams) < 2 {
		t.Errorf("today %v: product %s added %q at %v for %d teams, want it after the release planning for several", now, p.spec.key, p.late.title, p.late.created, len(teams))
	}
	if !slices.ContainsFunc(p.features, func(f *item) bool { return f.release == r && f.rel == next }) {
		t.Errorf("today %v: product %s moved no feature of %s to %s", now, p.spec.key, r.name, next.name)
	}
	resolved := 0
	for _, d := range p.deps {
		if d.from.team == d.to.team || d.from.rel != r || d.to.rel != r {
			t.Errorf("today %v: product %s: %q depends on %q, want work of two teams in %s", now, p.spec.key, d.from.title, d.to.title, r.name)
		}
		if !d.resolved.IsZero() {
			resolved++
		}
	}
	if len(p.deps) < 5 || len(p.deps) > 10 || resolved == 0 {
		t.Errorf("today %v: product %s has %d dependencies, %d resolved; want 5 to 10, some resolved", now, p.spec.key, len(p.deps), resolved)
	}
	if hf := p.hotfixes[len(p.hotfixes)-1]; !hf.date.After(radiator.DateOf(now)) || !hf.created.Before(now) {
		t.Errorf("today %v: product %s's last hot fix %s was created %v and is due %s, want one in progress", now, p.spec.key, hf.name, hf.created, hf.date)
	}
}
