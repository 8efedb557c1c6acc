package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// screenSizes are the screens the S1 pages are looked at on: a laptop and
// a wall display.
var screenSizes = []struct {
	name          string
	width, height int64
}{{"1366x768", 1366, 768}, {"1920x1080", 1920, 1080}}

// firstTeamPath returns the path of the first team page the home page links.
func firstTeamPath(t *testing.T, ctx context.Context) string {
	t.Helper()
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`section.tier[data-tier="1"] a[href^="/teams/"]`), "href"))
	if err != nil || !href.Exists {
		t.Fatalf("no team link on the home page: %v", err)
	}
	return href.Value
}

// cardIn returns the item id of the first card in the column, "" if none.
func cardIn(t *testing.T, ctx context.Context, column string) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(
		`(document.querySelector('.column[data-column=%q] .card[data-item]') || {dataset: {item: ""}}).dataset.item`, column)))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// movableCard returns a card that has a column to its right: its item id,
// its column and the next column.
func movableCard(t *testing.T, ctx context.Context) (item, from, to string) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const cols = [...document.querySelectorAll('.column[data-column]')].map(c => c.dataset.column);
		for (let i = 0; i < cols.length - 1; i++) {
			const card = document.querySelector('.column[data-column="' + cols[i] + '"] .card[data-item]');
			if (card) return [card.dataset.item, cols[i], cols[i + 1], cols.join(',')];
		}
		return ["", "", "", cols.join(',')];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if v[0] == "" {
		t.Fatalf("no card on the board has a column to its right (columns %s)", v[3])
	}
	return v[0], v[1], v[2]
}

// otherColumn returns a column of the board that is neither a nor b.
func otherColumn(t *testing.T, ctx context.Context, a, b string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(
		`[...document.querySelectorAll('.column[data-column]')].map(c => c.dataset.column).find(k => k !== %q && k !== %q) || ""`, a, b)))
	if err != nil || v == "" {
		t.Fatalf("the board has no third column: %v", err)
	}
	return v
}

// inColumn reports whether the item's card is in the column.
func inColumn(t *testing.T, ctx context.Context, item, column string) bool {
	t.Helper()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`!!document.querySelector('.column[data-column=%q] .card[data-item=%q]')`, column, item)))
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func openBoard(t *testing.T, ctx context.Context, team string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+team+"/board"), chromedp.WaitVisible(chromedp.CSS(`.board .card`))); err != nil {
		t.Fatalf("open the board: %v", err)
	}
}

func TestBoardDragAndDropPersists(t *testing.T) {
	ctx := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx)
	team := firstTeamPath(t, ctx)
	openBoard(t, ctx, team)
	item := cardIn(t, ctx, "todo")
	if item == "" {
		t.Fatal("the demo team's board has no card in To do to move")
	}
	card := fmt.Sprintf(`.card[data-item=%q]`, item)
	err := chromedp.Do(ctx,
		chromedp.DragAndDrop(chromedp.CSS(card), chromedp.CSS(`.column[data-column="in_progress"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.column[data-column="in_progress"] `+card)),
	)
	if err != nil {
		t.Fatalf("drag card %s to In progress: %v", item, err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.board .card`))); err != nil {
		t.Fatal(err)
	}
	if !inColumn(t, ctx, item, "in_progress") {
		t.Errorf("after a reload card %s is not in In progress: the move was not saved", item)
	}
}

func TestBoardKeyboardMove(t *testing.T) {
	ctx := newTab(t)
	signIn(t, ctx)
	team := firstTeamPath(t, ctx)
	openBoard(t, ctx, team)
	item, _, to := movableCard(t, ctx)
	card := fmt.Sprintf(`.card[data-item=%q]`, item)
	err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(card)),
		chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierAlt)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.column[data-column=%q] `, to)+card)),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`.board .card`)),
	)
	if err != nil {
		t.Fatalf("move card %s to %s by keyboard: %v", item, to, err)
	}
	if !inColumn(t, ctx, item, to) {
		t.Errorf("after a reload card %s is not in %s", item, to)
	}
}

// TestBoardConflict has two people move the same card: the second, whose
// page is stale, is told so and sees the board as it now is.
func TestBoardConflict(t *testing.T) {
	alice, bob := newTab(t), newTab(t)
	signIn(t, alice)
	signIn(t, bob)
	team := firstTeamPath(t, alice)
	openBoard(t, alice, team)
	openBoard(t, bob, team)
	item, from, to := movableCard(t, alice)
	card := fmt.Sprintf(`.card[data-item=%q]`, item)
	if err := chromedp.Do(alice,
		chromedp.Focus(chromedp.CSS(card)),
		chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierAlt)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.column[data-column=%q] `, to)+card)),
	); err != nil {
		t.Fatalf("alice moves card %s: %v", item, err)
	}
	// Bob's page still shows the card where it was, at its old version.
	if !inColumn(t, bob, item, from) {
		t.Fatal("bob's page already changed; the test needs a stale page")
	}
	third := otherColumn(t, bob, from, to)
	if err := chromedp.Do(bob,
		chromedp.DragAndDrop(chromedp.CSS(card), chromedp.CSS(fmt.Sprintf(`.column[data-column=%q]`, third))),
		chromedp.WaitVisible(chromedp.CSS(`#conflict`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.column[data-column=%q] `, to)+card)),
	); err != nil {
		t.Fatalf("bob moves the same card from a stale page: %v", err)
	}
	msg := text(t, bob, `#conflict`)
	if !strings.Contains(strings.ToLower(msg), "someone else") {
		t.Errorf("conflict message = %q, want it to say someone else changed the card", msg)
	}
	screenshot(t, bob, "board-conflict")
}

func TestBacklogKeyboardReorder(t *testing.T) {
	ctx := newTab(t)
	signIn(t, ctx)
	team := firstTeamPath(t, ctx)
	order := func() []string {
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.backlog-item[data-item]')].map(e => e.dataset.item)`))
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+team+"/backlog"), chromedp.WaitVisible(chromedp.CSS(`.backlog-item[data-item]`))); err != nil {
		t.Fatalf("open the backlog: %v", err)
	}
	before := order()
	if len(before) < 3 {
		t.Fatalf("backlog has %d items, want at least 3", len(before))
	}
	third := fmt.Sprintf(`.backlog-item[data-item=%q]`, before[2])
	at := func(pos int) string {
		return fmt.Sprintf(`document.querySelectorAll('.backlog-item[data-item]')[%d].dataset.item === %q`, pos, before[2])
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(third)), chromedp.KeyEvent(kb.ArrowUp, chromedp.KeyModifiers(chromedp.ModifierAlt))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](at(1))); err != nil {
		t.Fatalf("Alt+ArrowUp did not move item %s up: %v", before[2], err)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(third)), chromedp.KeyEvent(kb.Home, chromedp.KeyModifiers(chromedp.ModifierAlt))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](at(0))); err != nil {
		t.Fatalf("Alt+Home did not move item %s to the top: %v", before[2], err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.backlog-item[data-item]`))); err != nil {
		t.Fatal(err)
	}
	after := order()
	want := append([]string{before[2], before[0], before[1]}, before[3:]...)
	if strings.Join(after, ",") != strings.Join(want, ",") {
		t.Errorf("after moving item %s up and then to the top, the saved order is %v, want %v", before[2], after, want)
	}
}

// TestS1Screenshots takes the pictures of the S1 pages that people look at
// before a release, at laptop and wall sizes.
func TestS1Screenshots(t *testing.T) {
	for _, size := range screenSizes {
		t.Run(size.name, func(t *testing.T) {
			ctx := newTab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)); err != nil {
				t.Fatal(err)
			}
			signIn(t, ctx)
			team := firstTeamPath(t, ctx)
			for _, page := range []struct{ name, path, wait string }{
				{"board", team + "/board", `.board .card`},
				{"backlog", team + "/backlog", `.backlog-item`},
				{"planning", team + "/planning", `main`},
				{"team", team, `#members`},
			} {
				if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+page.path), chromedp.WaitVisible(chromedp.CSS(page.wait))); err != nil {
					t.Fatalf("open %s: %v", page.path, err)
				}
				screenshot(t, ctx, page.name+"-"+size.name)
			}
			sprint, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`a[href^="/sprints/"]`), "href"))
			if err != nil || !sprint.Exists {
				t.Fatalf("team page links no sprint: %v", err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(app.URL+sprint.Value), chromedp.WaitVisible(chromedp.CSS(`svg`))); err != nil {
				t.Fatalf("open %s: %v", sprint.Value, err)
			}
			screenshot(t, ctx, "burndown-"+size.name)
		})
	}
}
