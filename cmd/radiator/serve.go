package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
	rhttp "github.com/radiator-hq/radiator/http"
	"github.com/radiator-hq/radiator/internal/demo"
	"github.com/radiator-hq/radiator/postgres"
	"github.com/radiator-hq/radiator/sqlite"
)

// database is a store that also manages its schema.
type database interface {
	radiator.Store
	Migrate(ctx context.Context) error
	SchemaVersion(ctx context.Context) (int, error)
}

// openDB opens the database the configuration names, with the clock that
// stamps its changes, and brings its schema up to date.
func openDB(ctx context.Context, cfg config, clock radiator.Clock) (database, error) {
	var db database
	if isPostgres(cfg.DB) {
		pg, err := postgres.Open(ctx, cfg.DB)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL: %w", err)
		}
		pg.Clock = clock
		db = pg
	} else {
		lite, err := sqlite.Open(ctx, cfg.DB)
		if err != nil {
			return nil, fmt.Errorf("open SQLite database %s: %w", cfg.DB, err)
		}
		lite.Clock = clock
		db = lite
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: cfg.LogLevel}))
}

func migrate(ctx context.Context, cfg config, stdout io.Writer) error {
	db, err := openDB(ctx, cfg, radiator.SystemClock{})
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database schema is at version %d\n", v)
	return nil
}

func serve(ctx context.Context, cfg config, stdout io.Writer) error {
	db, err := openDB(ctx, cfg, radiator.SystemClock{})
	if err != nil {
		return err
	}
	defer db.Close()
	return listenAndServe(ctx, cfg, db, stdout, nil)
}

// listenAndServe serves until ctx is done, then lets requests in flight
// finish. Once it listens it prints the URL, and then the banner lines.
func listenAndServe(ctx context.Context, cfg config, db radiator.Store, stdout io.Writer, banner []string) error {
	logger := newLogger(cfg, stdout)
	s := rhttp.NewServer(db, logger)
	s.SecureCookies = cfg.SecureCookies
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running? choose another --addr)", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Radiator is running at %s\n", serverURL(ln.Addr()))
	for _, line := range banner {
		fmt.Fprintln(stdout, line)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace_seconds", 30)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// serverURL returns the URL a person opens for a listening address.
func serverURL(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func runDemo(ctx context.Context, cfg config, stdout io.Writer) error {
	if !isPostgres(cfg.DB) {
		if err := os.MkdirAll(cfg.Data, 0o750); err != nil {
			return err
		}
	}
	y, m, d := time.Now().UTC().Date()
	opts := demo.Options{Seed: cfg.Seed, Teams: cfg.Teams, Today: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	clock := radiator.NewManualClock(opts.Today)
	db, err := openDB(ctx, cfg, clock)
	if err != nil {
		return err
	}
	exists, err := demo.Exists(ctx, db)
	if err == nil && !exists {
		fmt.Fprintf(stdout, "Building the demo organisation in %s ...\n", describeDB(cfg))
		started := time.Now()
		err = demo.Build(ctx, db, clock, opts)
		if err == nil {
			fmt.Fprintf(stdout, "Built the demo organisation in %.1f s.\n", time.Since(started).Seconds())
		}
	}
	db.Close()
	if err != nil {
		return fmt.Errorf("build the demo organisation: %w", err)
	}
	// From here on changes are stamped with the wall clock.
	if db, err = openDB(ctx, cfg, radiator.SystemClock{}); err != nil {
		return err
	}
	defer db.Close()
	cred, err := demo.NewCredentials(ctx, db, opts)
	if err != nil {
		return fmt.Errorf("demo credentials: %w", err)
	}
	return listenAndServe(ctx, cfg, db, stdout, []string{
		fmt.Sprintf("Sign in as the Chief Scrum Master: %s  password: %s", cred.Email, cred.Password),
		fmt.Sprintf("API token: Authorization: Bearer %s", cred.Token),
	})
}

func describeDB(cfg config) string {
	if isPostgres(cfg.DB) {
		return "PostgreSQL"
	}
	return cfg.DB
}

func addUser(ctx context.Context, cfg config, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	password := getenv("RADIATOR_PASSWORD")
	switch {
	case cfg.PasswordFile != "":
		b, err := os.ReadFile(cfg.PasswordFile)
		if err != nil {
			return fmt.Errorf("--password-file: %w", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	case password == "":
		fmt.Fprint(stdout, "Password: ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password given: set RADIATOR_PASSWORD, use --password-file, or type it")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if len(password) < auth.MinPasswordLength {
		return fmt.Errorf("the password must be at least %d characters", auth.MinPasswordLength)
	}
	db, err := openDB(ctx, cfg, radiator.SystemClock{})
	if err != nil {
		return err
	}
	defer db.Close()
	p := &radiator.Person{Name: cfg.Name, Email: cfg.Email, Active: true, Admin: cfg.Admin}
	if err := db.CreatePerson(ctx, p); err != nil {
		return fmt.Errorf("create person: %w", err)
	}
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		return err
	}
	if err := db.SetPasswordHash(ctx, p.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s <%s> (person %d).\n", p.Name, p.Email, p.ID)
	return nil
}
