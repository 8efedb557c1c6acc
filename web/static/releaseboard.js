// The release board: dependency lines drawn between the cards, and
// re-planning by dragging a card to another team or sprint (each card's
// Move link leads to a form that does the same without a mouse), each move one
// POST /api/v1/releases/{id}/board/move with the versions of the card's
// unfinished stories. After a move the board, its lines and the forecast
// strip are shown as the server has them now; a move someone else beat
// is not made, and the board says so.

import { api, announce, clearFlash, refresh, say, serial } from "./live.js";

const CONFLICT = "Someone else changed these stories meanwhile; the board has been refreshed. Check it and try again.";
const SVG = "http://www.w3.org/2000/svg";

const status = document.getElementById("board-status");
const problem = document.getElementById("problem");
const conflict = document.getElementById("conflict");

const area = () => document.getElementById("release-board-area");
const cardOf = (el) => (el instanceof Element ? el.closest("#release-board .rb-card[data-key]") : null);
const cellOf = (el) => (el instanceof Element ? el.closest("#release-board td.rb-cell") : null);
const titleOf = (card) => card.querySelector(".rb-card-title").textContent.trim();

// clip returns where the segment from the centre of box a towards point p
// leaves a, with a small gap, so that lines end at the cards' edges.
function clip(a, p) {
  const cx = a.x + a.w / 2, cy = a.y + a.h / 2;
  const dx = p.x - cx, dy = p.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const tx = dx === 0 ? Infinity : (a.w / 2 + 4) / Math.abs(dx);
  const ty = dy === 0 ? Infinity : (a.h / 2 + 4) / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: cx + dx * t, y: cy + dy * t };
}

// drawLines draws each dependency of the list as a line with an arrowhead
// from the card depended on to the card that needs it: red, dashed and
// thicker where the needed work is planned too late.
function drawLines() {
  const scroll = document.getElementById("rb-scroll");
  const svg = document.getElementById("rb-lines");
  if (!scroll || !svg) return;
  const box = scroll.getBoundingClientRect();
  const w = scroll.scrollWidth, h = scroll.scrollHeight;
  svg.setAttribute("width", String(w));
  svg.setAttribute("height", String(h));
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.replaceChildren();
  const defs = document.createElementNS(SVG, "defs");
  for (const [id, cls] of [["rb-arrow", "rb-arrow"], ["rb-arrow-red", "rb-arrow rb-arrow-red"]]) {
    const m = document.createElementNS(SVG, "marker");
    m.setAttribute("id", id);
    m.setAttribute("viewBox", "0 0 10 10");
    m.setAttribute("refX", "9");
    m.setAttribute("refY", "5");
    m.setAttribute("markerWidth", "5");
    m.setAttribute("markerHeight", "5");
    m.setAttribute("markerUnits", "strokeWidth");
    m.setAttribute("orient", "auto-start-reverse");
    const p = document.createElementNS(SVG, "path");
    p.setAttribute("d", "M0 0 L10 5 L0 10 Z");
    p.setAttribute("class", cls);
    m.append(p);
    defs.append(m);
  }
  svg.append(defs);
  const rect = (card) => {
    const r = card.getBoundingClientRect();
    return { x: r.left - box.left + scroll.scrollLeft, y: r.top - box.top + scroll.scrollTop, w: r.width, h: r.height };
  };
  const find = (key) => document.querySelector(`#release-board .rb-card[data-key="${CSS.escape(key)}"]`);
  // Red lines last, so that they lie on top.
  const deps = [...document.querySelectorAll("#rb-dep-list .rb-dep")].sort((a, b) => (a.dataset.red === "true") - (b.dataset.red === "true"));
  for (const dep of deps) {
    const from = find(dep.dataset.from), to = find(dep.dataset.to);
    if (!from || !to) continue;
    const a = rect(to), b = rect(from);
    const start = clip(a, { x: b.x + b.w / 2, y: b.y + b.h / 2 });
    const end = clip(b, { x: a.x + a.w / 2, y: a.y + a.h / 2 });
    const red = dep.dataset.red === "true";
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", start.x.toFixed(1));
    line.setAttribute("y1", start.y.toFixed(1));
    line.setAttribute("x2", end.x.toFixed(1));
    line.setAttribute("y2", end.y.toFixed(1));
    line.setAttribute("class", red ? "rb-line rb-line-red" : "rb-line");
    line.setAttribute("marker-end", red ? "url(#rb-arrow-red)" : "url(#rb-arrow)");
    line.dataset.from = dep.dataset.from;
    line.dataset.to = dep.dataset.to;
    line.dataset.red = String(red);
    svg.append(line);
  }
}

// targetOf finds where a card goes for a team and a column: that team's
// open sprint in the column (null for unplanned), and the cell the card
// shows in, in the hot-fix lane for a hot-fix card. It returns null when
// the team has no open sprint there.
function targetOf(card, team, column) {
  const own = document.querySelector(`#release-board tr.rb-row:not([data-hotfix]) td.rb-cell[data-team="${CSS.escape(team)}"][data-column="${CSS.escape(column)}"]`);
  if (!own || !own.classList.contains("rb-open")) return null;
  const lane = card.closest("tr");
  const cell = lane.dataset.hotfix === "true" ? lane.querySelector(`td.rb-cell[data-column="${CSS.escape(column)}"]`) : own;
  return { team, column, sprint: column === "unplanned" ? null : Number(own.dataset.sprint), cell };
}

// target finds where a card dropped on a cell goes: a team's card to the
// cell's team, a hot-fix card along its own lane.
function target(card, cell) {
  const hotfix = cell.closest("tr").dataset.hotfix === "true";
  if (hotfix !== (card.closest("tr").dataset.hotfix === "true")) return null;
  return targetOf(card, hotfix ? card.dataset.team : cell.dataset.team, cell.dataset.column);
}

// reload fetches the board, its lines and the strip as saved now.
async function reload(focusKey) {
  const el = await refresh("release-board-area", area().dataset.refresh);
  drawLines();
  if (el && focusKey) {
    const card = el.querySelector(`.rb-card[data-key="${CSS.escape(focusKey)}"]`);
    if (card) card.focus();
  }
}

// move re-plans a card's unfinished stories: at once on the page, then
// through the API, then the board as the server has it.
function move(card, to) {
  return serial(async () => {
    if (!card.isConnected) return;
    const stories = (card.dataset.stories || "").split(",").filter(Boolean).map((s) => {
      const [id, version] = s.split(":");
      return { id: Number(id), version: Number(version) };
    });
    if (stories.length === 0) return;
    if (to.team === card.dataset.team && to.column === card.dataset.column) return;
    const title = titleOf(card);
    const hadFocus = document.activeElement === card;
    const list = to.cell.querySelector(".rb-cards");
    if (list) list.append(card);
    drawLines();
    clearFlash();
    say(problem, "");
    say(conflict, "");
    card.setAttribute("aria-busy", "true");
    const body = { feature_id: Number(card.dataset.feature), stories, team_id: Number(to.team), sprint_id: to.sprint };
    try {
      await api("POST", area().dataset.move, body);
      const teamName = document.querySelector(`#release-board tr[data-team="${CSS.escape(to.team)}"] .rb-team-name`);
      const where = to.column === "unplanned" ? "unplanned" : document.querySelector(`#release-board th.rb-window[data-column="${CSS.escape(to.column)}"] .rb-window-name`).textContent.trim();
      const key = `f${card.dataset.feature}-t${to.team}-${to.column === "unplanned" ? "u" : "c" + to.column}`;
      await reload(hadFocus ? key : "");
      announce(status, `Moved “${title}” to ${teamName ? teamName.textContent.trim() : "the team"}, ${where}.`);
    } catch (err) {
      if (err.status === 409 || err.status === 404) {
        say(conflict, err.status === 409 ? CONFLICT : err.message + " The board has been refreshed.");
      } else {
        say(problem, err.message);
      }
      announce(status, err.message);
      try {
        await reload(card.dataset.key);
      } catch {
        say(problem, "The board could not be refreshed; reload the page.");
      }
    }
  });
}

// Keyboard: Alt+Left and Alt+Right move the focused card to the previous
// or next sprint of its team (or unplanned) that is open, Alt+Up and
// Alt+Down to the team above or below in the same sprint.
const columns = () => [...document.querySelectorAll("#release-board th.rb-window")].map((th) => th.dataset.column).concat("unplanned");

function keyTarget(card, key) {
  const hotfix = card.closest("tr").dataset.hotfix === "true";
  if (key === "ArrowLeft" || key === "ArrowRight") {
    const cols = columns();
    const step = key === "ArrowRight" ? 1 : -1;
    for (let i = cols.indexOf(card.dataset.column) + step; i >= 0 && i < cols.length; i += step) {
      const to = targetOf(card, card.dataset.team, cols[i]);
      if (to) return to;
    }
    return null;
  }
  if (hotfix) return null;
  const rows = [...document.querySelectorAll("#release-board tr.rb-row:not([data-hotfix])")];
  const step = key === "ArrowDown" ? 1 : -1;
  for (let i = rows.indexOf(card.closest("tr")) + step; i >= 0 && i < rows.length; i += step) {
    const to = targetOf(card, rows[i].dataset.team, card.dataset.column);
    if (to) return to;
  }
  return null;
}

document.addEventListener("keydown", (e) => {
  const card = cardOf(e.target);
  if (!card || e.target !== card || !e.altKey || card.getAttribute("draggable") !== "true") return;
  if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(e.key)) return;
  e.preventDefault();
  const to = keyTarget(card, e.key);
  if (!to) {
    announce(status, `“${titleOf(card)}” has no open sprint that way.`);
    return;
  }
  move(card, to);
});

// Drag and drop.
let dragged = null;

document.addEventListener("dragstart", (e) => {
  const card = cardOf(e.target);
  if (!card) return;
  dragged = card;
  e.dataTransfer.effectAllowed = "move";
  e.dataTransfer.setData("text/plain", card.dataset.key);
  card.classList.add("dragging");
});

document.addEventListener("dragend", () => {
  if (dragged) dragged.classList.remove("dragging");
  dragged = null;
  for (const el of document.querySelectorAll(".drop-target")) el.classList.remove("drop-target");
});

document.addEventListener("dragover", (e) => {
  const cell = cellOf(e.target);
  if (!dragged || !cell || !target(dragged, cell)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = "move";
  for (const el of document.querySelectorAll(".drop-target")) if (el !== cell) el.classList.remove("drop-target");
  cell.classList.add("drop-target");
});

document.addEventListener("dragleave", (e) => {
  const cell = cellOf(e.target);
  if (cell && !cell.contains(e.relatedTarget)) cell.classList.remove("drop-target");
});

document.addEventListener("drop", (e) => {
  const cell = cellOf(e.target);
  if (!dragged || !cell) return;
  const to = target(dragged, cell);
  if (!to) return;
  e.preventDefault();
  cell.classList.remove("drop-target");
  const card = dragged;
  dragged = null;
  card.classList.remove("dragging");
  move(card, to);
});

// Lines follow the layout: on load, when the board is resized and once the
// fonts have settled the cards' sizes.
drawLines();
new ResizeObserver(() => drawLines()).observe(document.body);
document.fonts.ready.then(drawLines);
