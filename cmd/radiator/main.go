// Command radiator runs Radiator: the server, the demo organisation, schema
// migrations and a few administrative tasks. Run "radiator help" for usage.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // cadences name IANA zones; ship them so minimal hosts work
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "radiator:", err)
		os.Exit(1)
	}
}

const usage = `Radiator runs the Scrum of Scrums: team boards, release plans, portfolio and steering.

Usage:
  radiator serve   [flags]   run the server
  radiator demo    [flags]   run the server on a demo organisation, built on first start
  radiator migrate [flags]   apply database migrations and exit
  radiator user add --email E --name N [--admin] [flags]
                             create a person who can sign in; the password is read
                             from RADIATOR_PASSWORD, --password-file, or standard input
  radiator version           print the version
  radiator board | backlog | item move | sprint close | release ...
                             talk to a running server (radiator help tells more)

Common flags (each also read from its environment variable):
  --addr        RADIATOR_ADDR        listen address (default 127.0.0.1:8080)
  --data        RADIATOR_DATA        data folder (default ./radiator-data; demo: ./radiator-demo)
  --db          RADIATOR_DB          SQLite file path, or a postgres:// URL (default <data>/radiator.db)
                RADIATOR_DB_FILE     a file holding the --db value (for URLs with passwords)
  --log-level   RADIATOR_LOG_LEVEL   debug, info, warn or error (default info)
  --secure-cookies RADIATOR_SECURE_COOKIES  mark session cookies Secure even on plain HTTP (default false)
Demo flags:
  --seed        RADIATOR_SEED        seed of the demo content (default 1)
  --teams       RADIATOR_TEAMS       number of teams (default 0: the chapter's company)
`

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		cfg, err := parseConfig(cmd, rest, getenv, stderr)
		if err != nil {
			return err
		}
		return serve(ctx, cfg, stdout)
	case "demo":
		cfg, err := parseConfig(cmd, rest, getenv, stderr)
		if err != nil {
			return err
		}
		return runDemo(ctx, cfg, stdout)
	case "migrate":
		cfg, err := parseConfig(cmd, rest, getenv, stderr)
		if err != nil {
			return err
		}
		return migrate(ctx, cfg, stdout)
	case "user":
		if len(rest) == 0 || rest[0] != "add" {
			return fmt.Errorf(`unknown "user" command; try "radiator user add --email E --name N"`)
		}
		cfg, err := parseConfig("user add", rest[1:], getenv, stderr)
		if err != nil {
			return err
		}
		return addUser(ctx, cfg, getenv, stdin, stdout)
	case "version":
		fmt.Fprintln(stdout, "radiator", version)
		return nil
	case "board", "backlog", "item", "sprint":
		return runClientCommand(ctx, cmd, rest, getenv, stdout, stderr)
	case "release":
		return runReleaseCommand(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage+"\n"+cliUsage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
