// The sprint board: move cards between columns by dragging them or with
// Alt+Left and Alt+Right, each move one PATCH of the item with its version
// and the new column. A card someone else moved first is not overwritten:
// the board says so and shows what is saved now.

import { api, announce, clearFlash, refresh, say, serial } from "./live.js";

const CONFLICT = "Someone else moved this card; the board has been refreshed.";

const status = document.getElementById("board-status");
const problem = document.getElementById("problem");
const conflict = document.getElementById("conflict");

const board = () => document.getElementById("board");
const cardOf = (el) => (el instanceof Element ? el.closest(".board .card[data-item]") : null);
const columnKeys = () => [...board().querySelectorAll(".column-head")].map((h) => h.dataset.column);
const columnName = (key) => {
  const head = board().querySelector(`.column-head[data-column="${CSS.escape(key)}"] .column-name`);
  return head ? head.textContent.trim() : key;
};
const titleOf = (card) => card.querySelector(".card-title").textContent.trim();

// place puts a card into a column of its own lane, among the cards by
// rank as the server orders them.
function place(card, key) {
  const lane = card.closest(".lane");
  const list = lane && lane.querySelector(`.column[data-column="${CSS.escape(key)}"] .cards`);
  if (!list) return false;
  const rank = card.dataset.rank;
  const next = [...list.children].find((c) => c !== card && c.dataset.rank > rank);
  list.insertBefore(card, next || null);
  return true;
}

// recount writes each column's cards and points, and marks a column over
// its work-in-progress limit.
function recount() {
  for (const head of board().querySelectorAll(".column-head")) {
    const cards = board().querySelectorAll(`.column[data-column="${CSS.escape(head.dataset.column)}"] .card`);
    const points = [...cards].reduce((sum, c) => sum + (Number(c.dataset.points) || 0), 0);
    const set = (sel, text) => {
      const el = head.querySelector(sel);
      if (el) el.textContent = text;
    };
    set(".count", String(cards.length));
    set(".count-unit", cards.length === 1 ? "card" : "cards");
    set(".column-points", String(Math.round(points * 100) / 100));
    set(".points-unit", points === 1 ? "point" : "points");
    const limit = Number(head.dataset.wipLimit) || 0;
    const over = limit > 0 && cards.length > limit;
    head.classList.toggle("over-limit", over);
    for (const cell of board().querySelectorAll(`.column[data-column="${CSS.escape(head.dataset.column)}"]`)) {
      cell.classList.toggle("over-limit", over);
    }
    const note = head.querySelector(".over-limit-note");
    if (note) note.hidden = !over;
  }
}

// reload fetches the board as it is saved now, keeping the focus on the
// card that had it.
async function reload(focusItem) {
  const el = await refresh("board", board().dataset.refresh);
  if (el && focusItem) {
    const card = el.querySelector(`.card[data-item="${CSS.escape(focusItem)}"]`);
    if (card) card.focus();
  }
}

// move moves a card to the column with the key: at once on the page, then
// through the API, back again if the server refuses.
function move(card, key) {
  return serial(async () => {
    if (!card.isConnected) return;
    const from = card.closest(".column").dataset.column;
    if (key === from) return;
    const hadFocus = document.activeElement === card || card.contains(document.activeElement);
    const home = card.parentElement;
    const after = card.nextElementSibling;
    if (!place(card, key)) return;
    if (hadFocus) card.focus();
    recount();
    clearFlash();
    say(problem, "");
    say(conflict, "");
    card.setAttribute("aria-busy", "true");
    try {
      const item = await api("PATCH", card.dataset.url, { version: Number(card.dataset.version), column: key });
      card.dataset.version = String(item.version);
      card.classList.toggle("done", item.state === "done");
      const form = card.querySelector(".move-form");
      if (form) {
        form.elements.version.value = String(item.version);
        form.elements.column.value = key;
      }
      announce(status, `Moved “${titleOf(card)}” to ${columnName(key)}.`);
    } catch (err) {
      home.insertBefore(card, after && after.parentElement === home ? after : null);
      if (hadFocus) card.focus();
      recount();
      if (err.status === 409 || err.status === 404) {
        say(conflict, err.status === 409 ? CONFLICT : err.message + " The board has been refreshed.");
        announce(status, conflict.textContent);
        try {
          await reload(hadFocus ? card.dataset.item : "");
        } catch {
          say(problem, "The board could not be refreshed; reload the page.");
        }
      } else {
        say(problem, err.message);
        announce(status, err.message);
      }
    } finally {
      card.removeAttribute("aria-busy");
    }
  });
}

// Keyboard: Alt+Left and Alt+Right move the focused card a column; Up and
// Down go to the card above or below.
document.addEventListener("keydown", (e) => {
  const card = cardOf(e.target);
  if (!card || e.target.closest("select, input, textarea, summary, button")) return;
  const keys = columnKeys();
  const at = keys.indexOf(card.closest(".column").dataset.column);
  if (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
    e.preventDefault();
    const to = at + (e.key === "ArrowRight" ? 1 : -1);
    if (to < 0 || to >= keys.length) {
      announce(status, `“${titleOf(card)}” is in the ${to < 0 ? "first" : "last"} column already.`);
      return;
    }
    move(card, keys[to]);
  } else if (!e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
    const sibling = e.key === "ArrowUp" ? card.previousElementSibling : card.nextElementSibling;
    if (sibling) {
      e.preventDefault();
      sibling.focus();
    }
  }
});

// The Move menu of each card, without a reload.
document.addEventListener("submit", (e) => {
  const card = cardOf(e.target);
  if (!card || !e.target.matches(".move-form")) return;
  e.preventDefault();
  const key = e.target.elements.column.value;
  e.target.closest("details").open = false;
  move(card, key);
});

// Drag and drop.
let dragged = null;
const dropZone = (el) => (el instanceof Element ? el.closest(".board .column, .board .column-head") : null);

document.addEventListener("dragstart", (e) => {
  const card = cardOf(e.target);
  if (!card) return;
  dragged = card;
  e.dataTransfer.effectAllowed = "move";
  e.dataTransfer.setData("text/plain", card.dataset.item);
  card.classList.add("dragging");
});

document.addEventListener("dragend", () => {
  if (dragged) dragged.classList.remove("dragging");
  dragged = null;
  for (const el of document.querySelectorAll(".drop-target")) el.classList.remove("drop-target");
});

document.addEventListener("dragover", (e) => {
  const zone = dropZone(e.target);
  if (!dragged || !zone) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = "move";
  for (const el of document.querySelectorAll(".drop-target")) if (el !== zone) el.classList.remove("drop-target");
  zone.classList.add("drop-target");
});

document.addEventListener("dragleave", (e) => {
  const zone = dropZone(e.target);
  if (zone && !zone.contains(e.relatedTarget)) zone.classList.remove("drop-target");
});

document.addEventListener("drop", (e) => {
  const zone = dropZone(e.target);
  if (!dragged || !zone) return;
  e.preventDefault();
  zone.classList.remove("drop-target");
  const card = dragged;
  dragged = null;
  card.classList.remove("dragging");
  move(card, zone.dataset.column);
});
