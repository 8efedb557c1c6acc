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

	"github.com/chromedp/cdproto/runtime"
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
	if err := chromedp.Run(browserCtx); err != nil {
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
	if cred, err = demo.Credentials(ctx, db, opts); err != nil {
		return nil, err
	}
	s := rhttp.NewServer(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Clock = clock
	app = httptest.NewServer(s.Handler())
	return func() { app.Close(); db.Close() }, nil
}

// newTab opens a tab that fails the test on any JavaScript exception or
// console error, and closes with the test.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			problems = append(problems, "exception: "+ev.ExceptionDetails.Error())
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("console.error: %v", ev.Args))
				mu.Unlock()
			}
		}
	})
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page JavaScript: %s", p)
		}
	})
	return ctx
}

// screenshot saves the full page as <name>.png for people to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 90)); err != nil {
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
	err := chromedp.Run(ctx,
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(`#email`, chromedp.ByQuery),
		chromedp.SendKeys(`#email`, cred.Email, chromedp.ByQuery),
		chromedp.SendKeys(`#password`, cred.Password, chromedp.ByQuery),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`section.tier[data-tier="2"]`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
}

func TestSignInShowsTheFourTiers(t *testing.T) {
	ctx := newTab(t)
	var login string
	if err := chromedp.Run(ctx, chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(`#email`, chromedp.ByQuery), chromedp.Location(&login)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(login, "/login") {
		t.Fatalf("a visitor who is not signed in landed on %s, want the login page", login)
	}
	screenshot(t, ctx, "login")
	signIn(t, ctx)
	for tier := 1; tier <= 4; tier++ {
		var heading string
		sel := fmt.Sprintf(`section.tier[data-tier="%d"] h2`, tier)
		if err := chromedp.Run(ctx, chromedp.Text(sel, &heading, chromedp.ByQuery)); err != nil {
			t.Fatalf("tier %d section: %v", tier, err)
		}
		if want := fmt.Sprintf("S%d", tier); !strings.Contains(heading, want) {
			t.Errorf("tier %d heading = %q, want it to say %s", tier, heading, want)
		}
	}
	screenshot(t, ctx, "home")
}

func TestWrongPasswordIsRefused(t *testing.T) {
	ctx := newTab(t)
	var msg, loc string
	err := chromedp.Run(ctx,
		chromedp.Navigate(app.URL+"/login"),
		chromedp.WaitVisible(`#email`, chromedp.ByQuery),
		chromedp.SendKeys(`#email`, cred.Email, chromedp.ByQuery),
		chromedp.SendKeys(`#password`, "not the password", chromedp.ByQuery),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.flash-error, .error`, chromedp.ByQuery),
		chromedp.Text(`.flash-error, .error`, &msg, chromedp.ByQuery),
		chromedp.Location(&loc),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "wrong") || !strings.Contains(loc, "/login") {
		t.Errorf("after a wrong password: message %q at %s; want the login page saying the password is wrong", msg, loc)
	}
}

func TestOpenTeamAndForumPages(t *testing.T) {
	ctx := newTab(t)
	signIn(t, ctx)
	var team, title string
	err := chromedp.Run(ctx,
		chromedp.Text(`section.tier[data-tier="1"] a[href^="/teams/"]`, &team, chromedp.ByQuery),
		chromedp.Click(`section.tier[data-tier="1"] a[href^="/teams/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#members`, chromedp.ByQuery),
		chromedp.Text(`#page-title`, &title, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("open a team page: %v", err)
	}
	if strings.TrimSpace(team) == "" || !strings.Contains(title, strings.TrimSpace(team)) {
		t.Errorf("clicked team %q, page title %q", team, title)
	}
	var members int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('#members tbody tr').length`, &members)); err != nil {
		t.Fatal(err)
	}
	if members < 6 {
		t.Errorf("team page lists %d members, want a Scrum Master, a Product Owner and at least 4 more", members)
	}
	screenshot(t, ctx, "team")

	var forumTitle string
	err = chromedp.Run(ctx,
		chromedp.Navigate(app.URL+"/"),
		chromedp.Click(`section.tier[data-tier="2"] a[href^="/forums/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#members`, chromedp.ByQuery),
		chromedp.Text(`#page-title`, &forumTitle, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("open an S2 forum page: %v", err)
	}
	if forumTitle == "" {
		t.Error("forum page has no title")
	}
	screenshot(t, ctx, "forum-s2")
}
