// Package e2e drives Radiator in a real Chromium, as a person would: it
// signs in, reads the pages and clicks through them. One browser serves the
// whole test binary; each test opens its own tab.
package e2e

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/radiator-hq/radiator"
	rhttp "github.com/radiator-hq/radiator/http"
	"github.com/radiator-hq/radiator/internal/demo"
	"github.com/radiator-hq/radiator/sqlite"
)

var shots = flag.String("screenshots", "screenshots", "folder the browser tests save their screenshots in")

var (
	browserCtx context.Context // the one browser; tests open tabs in it
	app        *httptest.Server
	cred       *demo.Credentials
	today      = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	exe := chromiumPath()
	if exe == "" {
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "e2e: no Chromium found (set RADIATOR_CHROMIUM or install the chromium package); CI must not skip the browser suite")
			return 1
		}
		fmt.Fprintln(os.Stderr, "e2e: skipping the browser suite: no Chromium found; set RADIATOR_CHROMIUM or install the chromium package")
		return 0
	}
	dir, err := os.MkdirTemp("", "radiator-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	stop, err := startApp(filepath.Join(dir, "radiator.db"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start the server:", err)
		return 1
	}
	defer stop()

	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(dir, "chromium")),
		chromedp.WindowSize(1400, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	var cancelBrowser context.CancelFunc
	browserCtx, cancelBrowser = chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if _, err := chromedp.Run(browserCtx, chromedp.Title()); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start Chromium:", err)
		return 1
	}
	return m.Run()
}

func chromiumPath() string {
	if p := os.Getenv("RADIATOR_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startApp builds the demo organisation in a fresh SQLite database and
// serves Radiator on it, exactly as "radiator demo" does.
func startApp(path string) (func(), error) {
	ctx := context.Background()
	clock := radiator.NewManualClock(today)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	db.Clock = clock
	if err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	opts := demo.Options{Seed: 1, Today: today}
	if err := demo.Build(ctx, db, clock, opts); err != nil {
		return nil, err
	}
	if cred, err = demo.NewCredentials(ctx, db, opts); err != nil {
		return nil, err
	}
	s := rhttp.NewServer(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Clock = clock
	app = httptest.NewServer(s.Handler())
	return func() { app.Close(); db.Close() }, nil
}

// newTab opens a tab, with cookies of its own, that fails the test on any JavaScript exception or
// error in the console, and closes with the test.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext()) // its own cookies
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	messages := chromedp.Console(ctx)
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// HTTP error statuses are the tests' business (a refused
			// login answers 422); scripts and the page must not fail.
			if m.IsException() || m.Type == "error" && m.Source != "network" {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser console: %s", p)
		}
	})
	return ctx
}

// text returns the text of the first element matching the CSS selector.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// location returns the URL of the tab.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// screenshot saves the full page as <name>.png for people to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*shots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// signIn signs in through the login page as the demo's Chief Scrum Master.
func signIn(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), cred.Email),
		chromedp.SendKeys(chromedp.CSS(`#password`), cred.Password),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.tier[data-tier="2"]`)),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
}

func TestSignInShowsTheFourTiers(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`#email`))); err != nil {
		t.Fatal(err)
	}
	if loc := location(t, ctx); !strings.Contains(loc, "/login") {
		t.Fatalf("a visitor who is not signed in landed on %s, want the login page", loc)
	}
	screenshot(t, ctx, "login")
	signIn(t, ctx)
	for tier := 1; tier <= 4; tier++ {
		heading := text(t, ctx, fmt.Sprintf(`section.tier[data-tier="%d"] h2`, tier))
		if want := fmt.Sprintf("S%d", tier); !strings.Contains(heading, want) {
			t.Errorf("tier %d heading = %q, want it to say %s", tier, heading, want)
		}
	}
	screenshot(t, ctx, "home")
}

func TestWrongPasswordIsRefused(t *testing.T) {
	ctx := newTab(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(app.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), cred.Email),
		chromedp.SendKeys(chromedp.CSS(`#password`), "not the password"),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-error`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	msg, loc := text(t, ctx, `.flash-error`), location(t, ctx)
	if !strings.Contains(msg, "wrong") || !strings.Contains(loc, "/login") {
		t.Errorf("after a wrong password: message %q at %s; want the login page saying the password is wrong", msg, loc)
	}
	screenshot(t, ctx, "login-refused")
}

func TestOpenTeamAndForumPages(t *testing.T) {
	ctx := newTab(t)
	signIn(t, ctx)
	const teamLink = `section.tier[data-tier="1"] a[href^="/teams/"]`
	team := text(t, ctx, teamLink)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(teamLink)), chromedp.WaitVisible(chromedp.CSS(`#members`))); err != nil {
		t.Fatalf("open a team page: %v", err)
	}
	if title := text(t, ctx, `#page-title`); team == "" || !strings.Contains(title, team) {
		t.Errorf("clicked team %q, page title %q", team, title)
	}
	members, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#members tbody tr').length`))
	if err != nil {
		t.Fatal(err)
	}
	if members < 6 {
		t.Errorf("team page lists %d members, want a Scrum Master, a Product Owner and at least 4 more", members)
	}
	screenshot(t, ctx, "team")

	const forumLink = `section.tier[data-tier="2"] a[href^="/forums/"]`
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(chromedp.CSS(forumLink))); err != nil {
		t.Fatal(err)
	}
	forum := text(t, ctx, forumLink)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(forumLink)), chromedp.WaitVisible(chromedp.CSS(`#members`))); err != nil {
		t.Fatalf("open an S2 forum page: %v", err)
	}
	if title := text(t, ctx, `#page-title`); forum == "" || !strings.Contains(title, forum) {
		t.Errorf("clicked forum %q, page title %q", forum, title)
	}
	screenshot(t, ctx, "forum-s2")
}
