package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// config is everything the commands can be told. Flags beat environment
// variables, which beat defaults.
type config struct {
	Addr          string
	Data          string
	DB            string
	LogLevel      slog.Level
	SecureCookies bool
	Seed          int64
	Teams         int

	// user add
	Email        string
	Name         string
	Admin        bool
	PasswordFile string
}

// parseConfig reads the flags of a command over its environment variables.
// A bad value stops the command with a message that says how to fix it.
func parseConfig(cmd string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	dataDefault := "./radiator-data"
	if cmd == "demo" {
		dataDefault = "./radiator-demo"
	}
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	fs := flag.NewFlagSet("radiator "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	var logLevel, secure, seed, teams string
	fs.StringVar(&cfg.Addr, "addr", env("RADIATOR_ADDR", "127.0.0.1:8080"), "listen address")
	fs.StringVar(&cfg.Data, "data", env("RADIATOR_DATA", dataDefault), "data folder")
	fs.StringVar(&cfg.DB, "db", getenv("RADIATOR_DB"), "SQLite file path or postgres:// URL")
	fs.StringVar(&logLevel, "log-level", env("RADIATOR_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&secure, "secure-cookies", env("RADIATOR_SECURE_COOKIES", "false"), "mark session cookies Secure on plain HTTP too")
	fs.StringVar(&seed, "seed", env("RADIATOR_SEED", "1"), "seed of the demo content")
	fs.StringVar(&teams, "teams", env("RADIATOR_TEAMS", "0"), "number of demo teams (0: the chapter's company)")
	fs.StringVar(&cfg.Email, "email", "", "e-mail address of the new person")
	fs.StringVar(&cfg.Name, "name", "", "name of the new person")
	fs.BoolVar(&cfg.Admin, "admin", false, "make the new person an organisation admin")
	fs.StringVar(&cfg.PasswordFile, "password-file", "", "file holding the new person's password")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q; flags are written --name value", fs.Arg(0))
	}
	if cfg.DB == "" {
		if f := getenv("RADIATOR_DB_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return cfg, fmt.Errorf("RADIATOR_DB_FILE: %w", err)
			}
			cfg.DB = strings.TrimSpace(string(b))
		}
	}
	if cfg.DB == "" {
		cfg.DB = filepath.Join(cfg.Data, "radiator.db")
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(logLevel)); err != nil {
		return cfg, fmt.Errorf("--log-level %q: use debug, info, warn or error", logLevel)
	}
	var err error
	if cfg.SecureCookies, err = strconv.ParseBool(secure); err != nil {
		return cfg, fmt.Errorf("--secure-cookies %q: use true or false", secure)
	}
	if cfg.Seed, err = strconv.ParseInt(seed, 10, 64); err != nil {
		return cfg, fmt.Errorf("--seed %q: use a whole number", seed)
	}
	if cfg.Teams, err = strconv.Atoi(teams); err != nil || cfg.Teams < 0 || cfg.Teams > 2000 {
		return cfg, fmt.Errorf("--teams %q: use a whole number from 0 to 2000 (0 builds the chapter's company)", teams)
	}
	if cfg.Teams > 0 && cfg.Teams < 3 {
		return cfg, errors.New("--teams: use at least 3, one for each product, or 0 for the chapter's company")
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return cfg, fmt.Errorf("--addr %q: use host:port, for example 127.0.0.1:8080 or :8080", cfg.Addr)
	}
	return cfg, nil
}

// isPostgres reports whether the --db value names a PostgreSQL database.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}
