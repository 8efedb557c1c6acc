// Package demo fills an empty store with the demo organisation: the
// chapter's hypothetical company, three products integrated into one SaaS
// offering with three to six Scrum teams each, their Scrums of Scrums, a
// portfolio forum and an agile steering forum, and five months of history.
//
// Each team works as a Scrum team does: a definition of ready and a board
// of its own (some with review or testing columns and limits on work in
// progress), stories refined with estimates and acceptance criteria,
// sprints planned by yesterday's weather, started after planning, worked
// card by card and closed with their results kept, unfinished work going
// on in the next sprint. Today falls in a sprint in progress, with the next
// one lined up and two or so sprints of ready work in the backlog.
//
// Each product's Scrum of Scrums plays the release tier: features break
// down into stories for several teams and are accepted by the Chief
// Product Owner once all are done; each release gets a baseline at its
// planning, and the release in progress changes after it (a feature added,
// one moved to the next release, one re-sized, for one product the date
// moved); dependencies between the teams' work are recorded and resolved;
// readiness checklists are worked through before each release; a hot fix
// runs alongside; and one story moves from a team that is behind to one
// with slack.
//
// Everything is written through radiator.Store by plausible people, with the
// clock moved through the past, so that the event history reads as if the
// company had used Radiator all along. The content depends only on the
// options: the same seed, number of teams and day give the same
// organisation, down to its IDs in a fresh store.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
)

// MaxTeams is the largest organisation Build makes.
const MaxTeams = 1000

// ScrumOfScrumsCadence returns when each demo Scrum of Scrums meets: following
// its release, on Tuesday and Thursday mornings in Berlin while the teams
// sprint, and daily on working days from two weeks before the release
// date to a week after it.
func ScrumOfScrumsCadence() radiator.Cadence {
	return radiator.Cadence{Mode: radiator.CadenceRelease, Weekdays: []string{"tue", "thu"},
		Time: "09:30", Minutes: 30, TimeZone: "Europe/Berlin"}
}

// Options say which demo organisation to build.
type Options struct {
	// Seed makes the content: the same seed (and Today) gives the same
	// organisation.
	Seed int64
	// Teams is the number of teams, spread over the three products; 0
	// means the chapter's company of twelve teams.
	Teams int
	// Today is the day the history ends: "now" for the demo. The history
	// covers the five months before it.
	Today time.Time
}

// Credentials let someone sign in to the demo as its Chief Scrum Master.
type Credentials struct {
	Email string
	// Password follows from the seed: the same for every start.
	Password string
	// Token is the secret of a new API token, sent as
	// "Authorization: Bearer <Token>".
	Token string
}

// Build fills an empty store with the demo organisation. clock must be the
// clock the store was opened with: Build moves it through the past so that
// every event carries its real past date, and leaves it at opts.Today.
// A store that already holds products is refused with ECONFLICT.
func Build(ctx context.Context, store radiator.Store, clock *radiator.ManualClock, opts Options) error {
	if clock == nil {
		return errors.New("demo: build needs the store's manual clock")
	}
	if opts.Today.IsZero() {
		return radiator.Invalidf("today", "is required: the day the demo's history ends")
	}
	counts, err := teamCounts(opts.Teams)
	if err != nil {
		return err
	}
	exists, err := Exists(ctx, store)
	if err != nil {
		return err
	}
	if exists {
		return radiator.Errorf(radiator.ECONFLICT, "The store already holds an organisation; the demo fills only an empty one.")
	}
	pw := password(opts.Seed)
	hash, err := auth.HashPassword(pw, auth.DefaultParams)
	if err != nil {
		return fmt.Errorf("demo: hash password: %w", err)
	}
	b := newBuilder(opts, counts, hash)
	if err := b.generate(); err != nil {
		return err
	}
	defer clock.Set(opts.Today)
	return b.run(ctx, store, clock)
}

// Exists reports whether the store already holds an organisation, which
// Build takes to be the case as soon as it holds a product.
func Exists(ctx context.Context, store radiator.Store) (bool, error) {
	ps, _, err := store.FindProducts(ctx, radiator.ProductFilter{Page: radiator.Page{Limit: 1}})
	if err != nil {
		return false, fmt.Errorf("demo: find products: %w", err)
	}
	return len(ps) > 0, nil
}

// NewCredentials returns the sign-in of the first product's Chief Scrum
// Master and creates a new API token for them, named "demo token" and the day.
// opts must be those Build was given: the password follows from the seed,
// and a store built with another seed is refused.
func NewCredentials(ctx context.Context, store radiator.Store, opts Options) (*Credentials, error) {
	p, err := chiefScrumMaster(ctx, store)
	if err != nil {
		return nil, err
	}
	pw := password(opts.Seed)
	hash, err := store.FindPasswordHash(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("demo: find password of %s: %w", p.Email, err)
	}
	if err := auth.CheckPassword(hash, pw); err != nil {
		return nil, fmt.Errorf("demo: %s has not the password of seed %d; was the demo built with another seed? %w", p.Email, opts.Seed, err)
	}
	secret, err := auth.NewSecret(auth.TokenPrefix)
	if err != nil {
		return nil, fmt.Errorf("demo: make token: %w", err)
	}
	name := "demo token"
	if !opts.Today.IsZero() {
		name += " " + radiator.DateOf(opts.Today.UTC()).String()
	}
	tok := &radiator.Token{PersonID: p.ID, Name: name, Hash: auth.HashSecret(secret)}
	actx := radiator.NewContextWithActor(ctx, radiator.Actor{PersonID: p.ID, Name: p.Name})
	if err := store.CreateToken(actx, tok); err != nil {
		return nil, fmt.Errorf("demo: create token: %w", err)
	}
	return &Credentials{Email: p.Email, Password: pw, Token: secret}, nil
}

// chiefScrumMaster finds the Chief Scrum Master of the first product's
// Scrum of Scrums.
func chiefScrumMaster(ctx context.Context, store radiator.Store) (*radiator.Person, error) {
	key := products[0].key
	ps, _, err := store.FindProducts(ctx, radiator.ProductFilter{Key: key})
	if err != nil {
		return nil, fmt.Errorf("demo: find product %s: %w", key, err)
	}
	if len(ps) == 0 {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No product %s: the store holds no demo organisation.", key)
	}
	fs, _, err := store.FindForums(ctx, radiator.ForumFilter{Kind: radiator.ForumScrumOfScrums, ProductID: ps[0].ID})
	if err != nil {
		return nil, fmt.Errorf("demo: find scrum of scrums of %s: %w", key, err)
	}
	if len(fs) == 0 {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No Scrum of Scrums for product %s.", key)
	}
	ms, _, err := store.FindMemberships(ctx, radiator.MembershipFilter{ForumID: fs[0].ID, Role: radiator.RoleChiefScrumMaster})
	if err != nil {
		return nil, fmt.Errorf("demo: find chief scrum master of %s: %w", key, err)
	}
	if len(ms) == 0 {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No Chief Scrum Master in %q.", fs[0].Name)
	}
	p, err := store.FindPersonByID(ctx, ms[0].PersonID)
	if err != nil {
		return nil, fmt.Errorf("demo: find person %d: %w", ms[0].PersonID, err)
	}
	return p, nil
}

// password returns the demo password of a seed: three words and a number,
// readable enough to type from a terminal. It has a random source of its
// own so that it does not change with the number of teams.
func password(seed int64) string {
	r := rand.New(rand.NewPCG(uint64(seed), 0x70617373776f7264))
	words := make([]string, 3)
	for i := range words {
		words[i] = passwordWords[r.IntN(len(passwordWords))]
	}
	return fmt.Sprintf("%s-%02d", strings.Join(words, "-"), 10+r.IntN(90))
}

// teamCounts spreads n teams over the products in the proportion of the
// default organisation, by largest remainder, which leaves every product
// a team from three teams up; 0 gives the default.
func teamCounts(n int) ([]int, error) {
	counts := make([]int, len(products))
	total := 0
	for i, p := range products {
		counts[i] = p.defaultTeams
		total += p.defaultTeams
	}
	if n == 0 {
		return counts, nil
	}
	if n < len(products) || n > MaxTeams {
		return nil, radiator.Invalidf("teams", "must be between %d and %d, not %d", len(products), MaxTeams, n)
	}
	left := n
	rems := make([]int, len(products))
	for i, p := range products {
		counts[i] = n * p.defaultTeams / total
		rems[i] = n * p.defaultTeams % total
		left -= counts[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rems {
			if rems[i] > rems[best] {
				best = i
			}
		}
		counts[best]++
		rems[best] = -1
	}
	return counts, nil
}
