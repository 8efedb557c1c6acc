package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/client"
)

// cliUsage describes the commands that talk to a running server.
const cliUsage = `Commands that talk to a running server (flags may follow the arguments):
  radiator board TEAM [--sprint ID]           print the team's sprint board
  radiator backlog TEAM                       print the team's backlog in rank order
  radiator item move ITEM --to COLUMN         move a card to a board column (key or name)
  radiator sprint close TEAM [--unfinished backlog|next]
                                              close the team's active sprint; unfinished
                                              work goes to the top of the backlog (default)
                                              or into the next sprint
  radiator release status RELEASE             print the release's date, scope, what is done and
                                              the forecast in feature units, the features at
                                              risk and the teams with slack
  radiator release list [PRODUCT]             list the releases, of one product if given
TEAM is a team id or name (any case); ITEM is an item number like 12 or #12.
RELEASE is a release id or PRODUCT/NAME, like MAIL/"Mail 3.0"; PRODUCT is a
product key, name or id.
  --url     RADIATOR_URL     the server, like http://127.0.0.1:8080
  --token   RADIATOR_TOKEN   an API token (or RADIATOR_TOKEN_FILE, a file holding it)
  --json                     print the API's JSON instead of a table
`

// cliFlags are the flags every client command takes.
type cliFlags struct {
	url, token string
	json       bool
}

// runClientCommand runs one of the commands that talk to a running server
// through its API: board, backlog, item move and sprint close.
func runClientCommand(ctx context.Context, cmd string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	name := cmd
	if cmd == "item" || cmd == "sprint" {
		want := map[string]string{"item": "move", "sprint": "close"}[cmd]
		if len(args) == 0 || args[0] != want {
			return fmt.Errorf("unknown %q command; try \"radiator %s %s\" (see radiator help)", cmd, cmd, want)
		}
		name, args = cmd+" "+want, args[1:]
	}
	fs := flag.NewFlagSet("radiator "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, cliUsage) }
	var cf cliFlags
	fs.StringVar(&cf.url, "url", "", "the server's URL")
	fs.StringVar(&cf.token, "token", "", "an API token")
	fs.BoolVar(&cf.json, "json", false, "print JSON")
	var (
		sprintID   int64
		to         string
		unfinished string
	)
	switch name {
	case "board":
		fs.Int64Var(&sprintID, "sprint", 0, "the id of the sprint to show")
	case "item move":
		fs.StringVar(&to, "to", "", "the column to move the card to")
	case "sprint close":
		fs.StringVar(&unfinished, "unfinished", radiator.UnfinishedToBacklog, "where unfinished work goes: backlog or next")
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		what := map[string]string{"board": "TEAM", "backlog": "TEAM", "item move": "ITEM", "sprint close": "TEAM"}[name]
		if len(pos) == 0 {
			return fmt.Errorf("%s: give %s (see radiator help)", name, what)
		}
		return fmt.Errorf("%s: one %s only, got %q; quote a name that has spaces", name, what, pos)
	}
	if sprintID < 0 {
		return fmt.Errorf("--sprint %d: give a sprint id", sprintID)
	}
	if name == "sprint close" && unfinished != radiator.UnfinishedToBacklog && unfinished != radiator.UnfinishedToNext {
		return fmt.Errorf("--unfinished %q: use backlog (the top of the backlog) or next (the next sprint)", unfinished)
	}
	c, err := newCLIClient(cf, getenv)
	if err != nil {
		return err
	}
	out := &printer{w: stdout, json: cf.json}
	switch name {
	case "board":
		err = boardCommand(ctx, c, out, pos[0], sprintID)
	case "backlog":
		err = backlogCommand(ctx, c, out, pos[0])
	case "item move":
		err = moveCommand(ctx, c, out, pos[0], to)
	case "sprint close":
		err = closeCommand(ctx, c, out, pos[0], unfinished)
	}
	if err != nil {
		return explain(err)
	}
	return out.err
}

// parseInterspersed parses flags that may come before, between and after
// the positional arguments, which it returns. Everything after "--" is
// positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newCLIClient makes a client from the flags over the environment, or says
// how to give what is missing.
func newCLIClient(cf cliFlags, getenv func(string) string) (*client.Client, error) {
	base := cf.url
	if base == "" {
		base = getenv("RADIATOR_URL")
	}
	if base == "" {
		return nil, errors.New("no server given: set RADIATOR_URL or pass --url, for example --url http://127.0.0.1:8080")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server URL %q: use http:// or https:// and the host, for example http://127.0.0.1:8080", base)
	}
	token := cf.token
	if token == "" {
		token = getenv("RADIATOR_TOKEN")
	}
	if token == "" {
		if f := getenv("RADIATOR_TOKEN_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("RADIATOR_TOKEN_FILE: %w", err)
			}
			token = strings.TrimSpace(string(b))
		}
	}
	if token == "" {
		return nil, errors.New("no API token given: set RADIATOR_TOKEN (or RADIATOR_TOKEN_FILE) or pass --token; make a token with POST /api/v1/tokens while signed in")
	}
	return client.New(base, token), nil
}

// problem is an error of the server as people read it: the field it is
// about and the message, without the code, and a hint when one helps.
type problem struct {
	err  *radiator.Error
	hint string
}

func (p *problem) Error() string {
	msg := p.err.Message
	if p.err.Field != "" {
		msg = p.err.Field + ": " + msg
	}
	if p.hint != "" {
		msg += " (" + p.hint + ")"
	}
	return msg
}

func (p *problem) Unwrap() error { return p.err }

// explain presents an error of the API without its code.
func explain(err error) error {
	var e *radiator.Error
	if !errors.As(err, &e) {
		return err
	}
	p := &problem{err: e}
	if e.Code == radiator.EUNAUTHORIZED {
		p.hint = "check the token in RADIATOR_TOKEN or --token"
	}
	return p
}

// printer writes a command's answer as text or as JSON, keeping the first
// write error.
type printer struct {
	w    io.Writer
	json bool
	err  error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// printJSON writes v as indented JSON.
func (p *printer) printJSON(v any) {
	if p.err != nil {
		return
	}
	enc := json.NewEncoder(p.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	p.err = enc.Encode(v)
}

// table writes rows as aligned columns, each line after indent, without
// the padding tabwriter leaves at the ends of lines.
func (p *printer) table(indent string, rows [][]string) {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, row := range rows {
		fmt.Fprintln(tw, indent+strings.Join(row, "\t"))
	}
	// A tabwriter on a buffer cannot fail.
	tw.Flush()
	for line := range strings.Lines(buf.String()) {
		p.printf("%s\n", strings.TrimRight(line, " \n"))
	}
}

// parseItemID reads an item number written as 12 or #12.
func parseItemID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("item %q: give the item's number, like 12 or #12", s)
	}
	return id, nil
}
