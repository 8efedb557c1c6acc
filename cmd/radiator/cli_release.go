package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/client"
)

// runReleaseCommand runs "release status RELEASE" and "release list
// [PRODUCT]" against a running server.
func runReleaseCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "status" && args[0] != "list" {
		return errors.New(`unknown "release" command; try "radiator release status RELEASE" or "radiator release list" (see radiator help)`)
	}
	name := "release " + args[0]
	fs := flag.NewFlagSet("radiator "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, cliUsage) }
	var cf cliFlags
	fs.StringVar(&cf.url, "url", "", "the server's URL")
	fs.StringVar(&cf.token, "token", "", "an API token")
	fs.BoolVar(&cf.json, "json", false, "print JSON")
	pos, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case name == "release status" && len(pos) == 0:
		return errors.New("release status: give RELEASE, an id or PRODUCT/NAME like MAIL/\"Mail 3.0\" (see radiator help)")
	case len(pos) > 1:
		return fmt.Errorf("%s: one argument only, got %q; quote a name that has spaces", name, pos)
	}
	c, err := newCLIClient(cf, getenv)
	if err != nil {
		return err
	}
	out := &printer{w: stdout, json: cf.json}
	if name == "release status" {
		err = releaseStatusCommand(ctx, c, out, pos[0])
	} else {
		product := ""
		if len(pos) == 1 {
			product = pos[0]
		}
		err = releaseListCommand(ctx, c, out, product)
	}
	if err != nil {
		return explain(err)
	}
	return out.err
}

// releaseStatus is what release status --json prints.
type releaseStatus struct {
	Release  *radiator.Release     `json:"release"`
	Forecast radiator.Forecast     `json:"forecast"`
	Risk     *radiator.ReleaseRisk `json:"risk"`
}

// releaseStatusCommand prints where a release stands: its date and phase,
// its scope and what is done of it in feature units, the forecast in
// words, the features at risk with the teams that fall short, and the
// teams with slack to help.
func releaseStatusCommand(ctx context.Context, c *client.Client, out *printer, ref string) error {
	r, err := c.ReleaseByRef(ctx, ref)
	if err != nil {
		return err
	}
	fc, err := c.ReleaseForecast(ctx, r.ID)
	if err != nil {
		return err
	}
	risk, err := c.ReleaseRisk(ctx, r.ID)
	if err != nil {
		return err
	}
	if out.json {
		out.printJSON(releaseStatus{Release: r, Forecast: fc, Risk: risk})
		return nil
	}
	p, err := c.Product(ctx, r.ProductID)
	if err != nil {
		return err
	}
	kind := ""
	if r.Kind == radiator.ReleaseHotfix {
		kind = ", a hot fix"
	}
	out.printf("%s (%s, %s)%s\n", r.Name, p.Key, p.Name, kind)
	out.printf("Date:      %s, started %s; phase %s\n", dayText(r.Date), dayText(r.Start), r.Phase)
	if r.Goal != "" {
		out.printf("Goal:      %s\n", oneLine(r.Goal, 100))
	}
	out.printf("Scope:     %s; %s done, %s to go\n", unitsText(fc.Scope, "feature unit"), numberText(fc.Done), numberText(fc.Remaining))
	out.printf("Forecast:  %s\n", fc.Words)
	out.printf("Capacity:  %s\n", risk.Words)

	names := map[int64]string{}
	for _, t := range risk.Teams {
		names[t.TeamID] = t.Name
	}
	if len(risk.AtRisk) == 0 {
		out.printf("\nAt risk: none; every committed feature fits the teams' capacity.\n")
	} else {
		out.printf("\nAt risk: %s\n", unitsText(float64(len(risk.AtRisk)), "feature"))
		var rows [][]string
		for _, fr := range risk.AtRisk {
			short := make([]string, len(fr.TeamIDs))
			for i, id := range fr.TeamIDs {
				short[i] = names[id]
			}
			rows = append(rows, []string{oneLine(fr.Title, 60), unitsText(fr.Units, "unit"), pointsText(fr.Short) + " short", strings.Join(short, ", ")})
		}
		out.table("  ", rows)
	}
	var rows [][]string
	for _, t := range risk.Teams {
		if t.Slack > 0 {
			rows = append(rows, []string{t.Name, pointsText(t.Slack) + " of slack", fmt.Sprintf("capacity %s, load %s", pointsText(t.Capacity), pointsText(t.Load))})
		}
	}
	if len(rows) == 0 {
		out.printf("\nTeams with slack: none.\n")
		return nil
	}
	out.printf("\nTeams with slack:\n")
	out.table("  ", rows)
	return nil
}

// releaseListCommand prints the releases, of one product when product
// names one, in date order.
func releaseListCommand(ctx context.Context, c *client.Client, out *printer, product string) error {
	var f radiator.ReleaseFilter
	if product != "" {
		p, err := c.ProductByRef(ctx, product)
		if err != nil {
			return err
		}
		f.ProductID = p.ID
	}
	releases, err := c.Releases(ctx, f)
	if err != nil {
		return err
	}
	if out.json {
		if releases == nil {
			releases = []*radiator.Release{}
		}
		out.printJSON(struct {
			Items []*radiator.Release `json:"items"`
		}{releases})
		return nil
	}
	if len(releases) == 0 {
		out.printf("No releases yet.\n")
		return nil
	}
	products, err := c.Products(ctx)
	if err != nil {
		return err
	}
	keys := map[int64]string{}
	for _, p := range products {
		keys[p.ID] = p.Key
	}
	rows := [][]string{{"ID", "PRODUCT", "NAME", "KIND", "PHASE", "START", "DATE"}}
	for _, r := range releases {
		rows = append(rows, []string{strconv.FormatInt(r.ID, 10), keys[r.ProductID], oneLine(r.Name, 40), r.Kind, r.Phase, r.Start.String(), r.Date.String()})
	}
	out.table("", rows)
	return nil
}

// dayText writes a day as people read it: "24 Apr 2026".
func dayText(d radiator.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.Time().Format("2 Jan 2006")
}

// numberText writes an amount to one decimal, without trailing zeros.
func numberText(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// unitsText writes an amount of a unit: "1 feature", "2.5 feature units".
func unitsText(v float64, unit string) string {
	if v == 1 {
		return "1 " + unit
	}
	return numberText(v) + " " + unit + "s"
}
