package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// wallSizes are the screens the release board and the burnup hang on.
var wallSizes = []struct {
	name          string
	width, height int64
}{{"1920x1080", 1920, 1080}, {"3840x2160", 3840, 2160}}

// releasePath returns the path of the first release in progress the home
// page links.
func releasePath(t *testing.T, ctx context.Context) string {
	t.Helper()
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#releases-in-progress a.release-link-name`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("no release in progress on the home page: %v", err)
	}
	return href.Value
}

// openReleaseBoard opens the board of the first release in progress in a
// window tall enough to hold the whole board, since a drag does not
// scroll, and returns the board's path.
func openReleaseBoard(t *testing.T, ctx context.Context) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 4000)); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx)
	path := releasePath(t, ctx) + "/board"
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+path), chromedp.WaitVisible(chromedp.CSS(`#release-board .rb-card`))); err != nil {
		t.Fatalf("open the release board: %v", err)
	}
	waitLines(t, ctx)
	return path
}

// waitLines waits until the board has drawn a line for each dependency
// of its list.
func waitLines(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#rb-lines line').length === document.querySelectorAll('#rb-dep-list .rb-dep').length`))
	if err != nil {
		t.Fatalf("the board draws no line for each dependency: %v", err)
	}
}

func evalStrings(t *testing.T, ctx context.Context, js string) []string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	return v
}

// TestReleaseBoardDragTurnsLineRed drags the dependent card of a grey
// dependency line into the sprint of the work it needs, or earlier: the
// move is saved and the line turns red, dashed and thick.
func TestReleaseBoardDragTurnsLineRed(t *testing.T) {
	ctx := newTab(t)
	path := openReleaseBoard(t, ctx)
	// A grey line whose dependent card (From) can move, in its own team,
	// into an open sprint no later than the card it needs (To).
	v := evalStrings(t, ctx, `(() => {
		const card = (key) => document.querySelector('#release-board .rb-card[data-key="' + key + '"]');
		for (const dep of document.querySelectorAll('#rb-dep-list .rb-dep[data-red="false"]')) {
			const from = card(dep.dataset.from), to = card(dep.dataset.to);
			if (!from || !to || from.getAttribute('draggable') !== 'true' || from.closest('tr').dataset.hotfix) continue;
			const limit = Number(to.dataset.column);
			for (let c = limit; c >= 0; c--) {
				const cell = from.closest('tr').querySelector('td.rb-cell.rb-open[data-column="' + c + '"][data-sprint]');
				if (cell) return [dep.dataset.from, dep.dataset.to, from.dataset.feature, from.dataset.team, String(c)];
			}
		}
		return [];
	})()`)
	if len(v) == 0 {
		t.Fatal("the demo's release board has no grey dependency line whose dependent card can move before the work it needs")
	}
	from, feature, team, column := v[0], v[2], v[3], v[4]
	redBefore := evalStrings(t, ctx, `[String(document.querySelectorAll('#rb-lines line.rb-line-red').length)]`)[0]
	cell := fmt.Sprintf(`#release-board tr.rb-row:not([data-hotfix]) td.rb-cell[data-team=%q][data-column=%q]`, team, column)
	err := chromedp.Do(ctx,
		chromedp.DragAndDrop(chromedp.CSS(fmt.Sprintf(`.rb-card[data-key=%q]`, from)), chromedp.CSS(cell)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`%s .rb-card[data-feature=%q]`, cell, feature))),
	)
	if err != nil {
		t.Fatalf("drag card %s to column %s: %v", from, column, err)
	}
	// The board comes back from the server with the line re-computed.
	moved := fmt.Sprintf("f%s-t%s-c%s", feature, team, column)
	redLine := fmt.Sprintf(`#rb-lines line.rb-line-red[data-from=%q]`, moved)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`!!document.querySelector(%q)`, redLine))); err != nil {
		t.Fatalf("after moving %s to column %s no red line starts at %s (red lines before: %s): %v", from, column, moved, redBefore, err)
	}
	style := evalStrings(t, ctx, fmt.Sprintf(`(() => { const s = getComputedStyle(document.querySelector(%q)); return [s.strokeDasharray, s.strokeWidth]; })()`, redLine))
	grey := evalStrings(t, ctx, `(() => { const l = document.querySelector('#rb-lines line:not(.rb-line-red)'); if (!l) return ["", "0"]; const s = getComputedStyle(l); return [s.strokeDasharray, s.strokeWidth]; })()`)
	if style[0] == "none" || style[0] == "" {
		t.Errorf("the red line is not dashed: stroke-dasharray %q", style[0])
	}
	if grey[1] != "0" && !(parsePx(style[1]) > parsePx(grey[1])) {
		t.Errorf("the red line (%s) is not thicker than a grey one (%s)", style[1], grey[1])
	}
	// The move was saved: a reload shows the card and the red line.
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+path), chromedp.WaitVisible(chromedp.CSS(`#release-board .rb-card`))); err != nil {
		t.Fatal(err)
	}
	waitLines(t, ctx)
	if red := evalStrings(t, ctx, fmt.Sprintf(`[document.querySelector('#rb-dep-list .rb-dep[data-from=%q]')?.dataset.red || ""]`, moved))[0]; red != "true" {
		t.Errorf("after a reload the dependency from %s is red=%q, want true", moved, red)
	}
	screenshot(t, ctx, "release-board-red-line")
}

// TestReleaseBoardMoveToAnotherTeam moves a card of a feature at risk to
// the team with the most slack: the strip with what fits the teams'
// capacity changes.
func TestReleaseBoardMoveToAnotherTeam(t *testing.T) {
	ctx := newTab(t)
	openReleaseBoard(t, ctx)
	release := evalStrings(t, ctx, `[document.getElementById('release-board').dataset.release]`)[0]
	v := evalStrings(t, ctx, fmt.Sprintf(`(async () => {
		const risk = await (await fetch('/api/v1/releases/%s/risk', {headers: {Accept: 'application/json'}})).json();
		const teams = [...risk.teams].sort((a, b) => b.slack - a.slack);
		for (const fr of risk.at_risk) {
			for (const over of fr.team_ids) {
				const card = document.querySelector('#release-board tr.rb-row:not([data-hotfix]) .rb-card.at-risk[draggable="true"][data-feature="' + fr.feature_id + '"][data-team="' + over + '"]');
				const slack = teams.find((t) => t.team_id !== over && t.slack > 0 && document.querySelector('#release-board tr.rb-row[data-team="' + t.team_id + '"]'));
				if (card && slack) return [card.dataset.key, String(slack.team_id), card.dataset.feature];
			}
		}
		return [];
	})()`, release))
	if len(v) == 0 {
		t.Fatal("the demo's release board has no card of a feature at risk to move to a team with slack")
	}
	key, team, feature := v[0], v[1], v[2]
	strip := text(t, ctx, `#rb-fit`)
	cell := fmt.Sprintf(`#release-board tr.rb-row:not([data-hotfix]) td.rb-cell[data-team=%q][data-column="unplanned"]`, team)
	err := chromedp.Do(ctx,
		chromedp.DragAndDrop(chromedp.CSS(fmt.Sprintf(`.rb-card[data-key=%q]`, key)), chromedp.CSS(cell)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`%s .rb-card[data-feature=%q]`, cell, feature))),
	)
	if err != nil {
		t.Fatalf("drag card %s to team %s: %v", key, team, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById('rb-fit').textContent.trim() !== %q`, strip))); err != nil {
		t.Fatalf("after moving %s to team %s the strip still says %q: %v", key, team, strip, err)
	}
	t.Logf("strip before: %s; after: %s", strip, text(t, ctx, `#rb-fit`))
}

// TestReleaseBoardKeyboardMove moves a card to its team's next open
// sprint with Alt+Right: the move is saved and the card keeps the focus.
func TestReleaseBoardKeyboardMove(t *testing.T) {
	ctx := newTab(t)
	path := openReleaseBoard(t, ctx)
	// A movable card of a team whose next open cell to the right holds no
	// card of its feature.
	v := evalStrings(t, ctx, `(() => {
		const cols = [...document.querySelectorAll('#release-board th.rb-window')].map((th) => th.dataset.column).concat('unplanned');
		for (const card of document.querySelectorAll('#release-board tr.rb-row:not([data-hotfix]) .rb-card[draggable="true"]')) {
			const row = card.closest('tr');
			for (let i = cols.indexOf(card.dataset.column) + 1; i < cols.length; i++) {
				const cell = row.querySelector('td.rb-cell[data-column="' + cols[i] + '"]');
				if (!cell.classList.contains('rb-open')) continue;
				if (cell.querySelector('.rb-card[data-feature="' + card.dataset.feature + '"]')) break;
				return [card.dataset.key, 'f' + card.dataset.feature + '-t' + card.dataset.team + '-' + (cols[i] === 'unplanned' ? 'u' : 'c' + cols[i])];
			}
		}
		return [];
	})()`)
	if len(v) == 0 {
		t.Fatal("the demo's release board has no card with an open sprint to its right")
	}
	key, moved := v[0], v[1]
	err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(fmt.Sprintf(`.rb-card[data-key=%q]`, key))),
		chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierAlt)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.rb-card[data-key=%q]`, moved))),
	)
	if err != nil {
		t.Fatalf("move card %s with Alt+Right: %v", key, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.activeElement && document.activeElement.dataset.key === %q`, moved))); err != nil {
		t.Errorf("after the move the focus is not on card %s: %v", moved, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+path), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.rb-card[data-key=%q]`, moved)))); err != nil {
		t.Errorf("after a reload card %s is not there: the move was not saved: %v", moved, err)
	}
}

// TestReleaseBoardConflict has two people re-plan the same card: the
// second, whose board is stale, is told so and sees the board as it now
// is.
func TestReleaseBoardConflict(t *testing.T) {
	alice, bob := newTab(t), newTab(t)
	openReleaseBoard(t, alice)
	openReleaseBoard(t, bob)
	// A movable card of a team with two other open cells in its row that
	// hold no card of its feature.
	v := evalStrings(t, alice, `(() => {
		for (const card of document.querySelectorAll('#release-board tr.rb-row:not([data-hotfix]) .rb-card[draggable="true"]')) {
			const cells = [...card.closest('tr').querySelectorAll('td.rb-cell.rb-open')].filter((c) =>
				c.dataset.column !== card.dataset.column && !c.querySelector('.rb-card[data-feature="' + card.dataset.feature + '"]'));
			if (cells.length >= 2) return [card.dataset.key, card.dataset.feature, card.dataset.team, cells[0].dataset.column, cells[1].dataset.column];
		}
		return [];
	})()`)
	if len(v) == 0 {
		t.Fatal("the demo's release board has no card with two other open cells in its row")
	}
	key, feature, team, first, second := v[0], v[1], v[2], v[3], v[4]
	cell := func(column string) string {
		return fmt.Sprintf(`#release-board tr.rb-row:not([data-hotfix]) td.rb-cell[data-team=%q][data-column=%q]`, team, column)
	}
	card := fmt.Sprintf(`.rb-card[data-key=%q]`, key)
	if err := chromedp.Do(alice,
		chromedp.DragAndDrop(chromedp.CSS(card), chromedp.CSS(cell(first))),
		chromedp.WaitVisible(chromedp.CSS(cell(first)+fmt.Sprintf(` .rb-card[data-feature=%q]`, feature))),
	); err != nil {
		t.Fatalf("alice moves card %s: %v", key, err)
	}
	if err := chromedp.Do(bob,
		chromedp.DragAndDrop(chromedp.CSS(card), chromedp.CSS(cell(second))),
		chromedp.WaitVisible(chromedp.CSS(`#conflict`)),
		chromedp.WaitVisible(chromedp.CSS(cell(first)+fmt.Sprintf(` .rb-card[data-feature=%q]`, feature))),
	); err != nil {
		t.Fatalf("bob moves the same card from a stale board: %v", err)
	}
	if msg := text(t, bob, `#conflict`); !strings.Contains(strings.ToLower(msg), "someone else") {
		t.Errorf("conflict message = %q, want it to say someone else changed the stories", msg)
	}
	if n := evalStrings(t, bob, fmt.Sprintf(`[String(document.querySelectorAll(%q).length)]`, cell(second)+fmt.Sprintf(` .rb-card[data-feature=%q]`, feature)))[0]; n != "0" {
		t.Errorf("bob's refused move left the card in column %s", second)
	}
}

// TestWhatIfShowsBeforeAndAfter tries cutting a feature on the release
// page: the outlook before and after differ side by side, nothing changes
// until Apply, and Apply records the decision.
func TestWhatIfShowsBeforeAndAfter(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx)
	path := releasePath(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+path), chromedp.WaitVisible(chromedp.CSS(`#what-if-form`))); err != nil {
		t.Fatalf("open the release page: %v", err)
	}
	// count says how many features the release has and how many decisions.
	count := func() string {
		return evalStrings(t, ctx, `[document.querySelectorAll('#features tbody tr').length + "/" + document.querySelectorAll('#decision-list li').length]`)[0]
	}
	before := count()
	// The last feature of the list: the lowest ranked.
	feature := evalStrings(t, ctx, `[[...document.querySelectorAll('#what-if-feature option[value]:not([value=""])')].pop()?.value || ""]`)[0]
	if feature == "" {
		t.Fatal("the release has no feature to try a cut on")
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#what-if-form input[value="cut_feature"]`)),
		chromedp.SetValue(chromedp.CSS(`#what-if-feature`), feature),
		chromedp.Click(chromedp.CSS(`#try-what-if`)),
		chromedp.WaitVisible(chromedp.CSS(`#outlook-after`)),
	)
	if err != nil {
		t.Fatalf("try cutting feature %s: %v", feature, err)
	}
	if loc := location(t, ctx); !strings.HasSuffix(loc, path) {
		t.Errorf("trying a what-if left the page for %s", loc)
	}
	b, a := text(t, ctx, `#outlook-before .outlook-words`), text(t, ctx, `#outlook-after .outlook-words`)
	if b == a {
		t.Errorf("before and after a cut read the same: %q", b)
	}
	if fb, fa := text(t, ctx, `#outlook-before .outlook-fit`), text(t, ctx, `#outlook-after .outlook-fit`); fb == fa {
		t.Errorf("the units that fit read the same before and after a cut: %q", fb)
	}
	screenshot(t, ctx, "release-what-if")
	// Nothing changed: a reload shows the same features and decisions.
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#what-if-form`))); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != before {
		t.Fatalf("trying a what-if changed the release: features/decisions %s, were %s", got, before)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#what-if-form input[value="cut_feature"]`)),
		chromedp.SetValue(chromedp.CSS(`#what-if-feature`), feature),
		chromedp.Click(chromedp.CSS(`#try-what-if`)),
		chromedp.WaitVisible(chromedp.CSS(`#apply-what-if`)),
	)
	if err != nil {
		t.Fatalf("try the cut again: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#decision-reason`), "The e2e suite cuts the lowest feature to hold the date"),
		chromedp.Click(chromedp.CSS(`#apply-what-if`)),
		chromedp.WaitVisible(chromedp.CSS(`#decided`)),
	)
	if err != nil {
		t.Fatalf("apply the cut: %v", err)
	}
	if got := text(t, ctx, `#decision-list li:last-child`); !strings.Contains(got, "The e2e suite cuts the lowest feature") {
		t.Errorf("the last decision reads %q, want the cut with its reason", got)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#what-if-form`))); err != nil {
		t.Fatal(err)
	}
	if got := count(); got == before {
		t.Errorf("after applying the cut the release still has features/decisions %s", got)
	}
}

// TestReleaseReadinessAndBaseline saves a readiness item and takes a
// baseline on the release page, without a reload: both are kept.
func TestReleaseReadinessAndBaseline(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx)
	path := releasePath(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+path), chromedp.WaitVisible(chromedp.CSS(`#readiness-items`))); err != nil {
		t.Fatalf("open the release page: %v", err)
	}
	// An open item: mark it done with evidence.
	item := evalStrings(t, ctx, `[document.querySelector('#readiness-items tr[data-state="open"]')?.dataset.item || ""]`)[0]
	if item == "" {
		t.Fatal("the release has no open readiness item")
	}
	row := fmt.Sprintf(`#readiness-item-%s`, item)
	version := evalStrings(t, ctx, fmt.Sprintf(`[document.querySelector(%q).dataset.version]`, row))[0]
	err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(row+` select[name="state"]`), "done"),
		chromedp.SetValue(chromedp.CSS(row+` input[name="evidence"]`), "https://ci.example/e2e"),
		chromedp.Click(chromedp.CSS(row+` button[type="submit"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector(%q).dataset.version !== %q`, row, version))); err != nil {
		t.Fatalf("saving readiness item %s gave it no new version: %v", item, err)
	}
	if loc := location(t, ctx); !strings.HasSuffix(loc, path) {
		t.Errorf("saving a readiness item left the page for %s", loc)
	}
	baselines := text(t, ctx, `#changes`)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#baseline-note`), "Re-plan in the e2e suite"),
		chromedp.Click(chromedp.CSS(`#take-baseline`)),
		chromedp.WaitVisible(chromedp.CSS(`#release-done`)),
	)
	if err != nil {
		t.Fatalf("take a baseline: %v", err)
	}
	if got := text(t, ctx, `#baseline`); !strings.Contains(got, "Re-plan in the e2e suite") {
		t.Errorf("after taking a baseline the page shows %q (before: %q)", got, baselines)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#readiness-items`))); err != nil {
		t.Fatal(err)
	}
	state := evalStrings(t, ctx, fmt.Sprintf(`[document.querySelector(%q).dataset.state, document.querySelector(%q).value]`, row, row+` input[name="evidence"]`))
	if state[0] != "done" || state[1] != "https://ci.example/e2e" {
		t.Errorf("after a reload readiness item %s is %q with evidence %q, want done with the link", item, state[0], state[1])
	}
	if got := text(t, ctx, `#baseline`); !strings.Contains(got, "Re-plan in the e2e suite") {
		t.Errorf("after a reload the baseline reads %q", got)
	}
}

func parsePx(s string) float64 {
	var v float64
	fmt.Sscanf(strings.TrimSuffix(s, "px"), "%g", &v)
	return v
}

// TestS2Screenshots takes the pictures of the release pages as they hang
// on the wall of the Scrum of Scrums.
func TestS2Screenshots(t *testing.T) {
	for _, size := range wallSizes {
		t.Run(size.name, func(t *testing.T) {
			ctx := newTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)); err != nil {
				t.Fatal(err)
			}
			signIn(t, ctx)
			rel := releasePath(t, ctx)
			product, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#releases-in-progress a[href$="/burnup"]`), "href"))
			if err != nil || !product.Exists {
				t.Fatalf("no product burnup link on the home page: %v", err)
			}
			for _, page := range []struct{ name, path, wait string }{
				{"release-board", rel + "/board", `#release-board .rb-card`},
				{"release", rel, `#release-burnup svg`},
				{"product-burnup", product.Value, `#product-burnup svg`},
			} {
				if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+page.path), chromedp.WaitVisible(chromedp.CSS(page.wait))); err != nil {
					t.Fatalf("open %s: %v", page.path, err)
				}
				if page.name == "release-board" {
					waitLines(t, ctx)
				}
				wall(t, ctx, page.name+"-"+size.name)
				screenshot(t, ctx, page.name+"-full-"+size.name)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+rel), chromedp.WaitVisible(chromedp.CSS(`#release-burnup svg`))); err != nil {
				t.Fatal(err)
			}
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`#release-burnup`)))
			if err != nil {
				t.Fatalf("screenshot the release burnup: %v", err)
			}
			save(t, "release-burnup-"+size.name, png)
		})
	}
}

// wall saves what the screen shows, without scrolling: what people see
// from across the room.
func wall(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	save(t, name, png)
}

// save saves a picture as <name>.png beside the other screenshots.
func save(t *testing.T, name string, png []byte) {
	t.Helper()
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*shots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
