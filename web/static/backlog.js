// The backlog: re-order stories by dragging them, with Alt+Up, Alt+Down,
// Alt+Home and Alt+End, or with their arrow buttons, each move one call of
// POST /api/v1/backlog-items/{id}/move. A stale story is not moved: the
// page says so and shows the backlog as it is saved now.

import { api, announce, clearFlash, refresh, say, serial } from "./live.js";

const CONFLICT = "Someone else changed this story meanwhile; the backlog has been refreshed. Try again.";

const status = document.getElementById("backlog-status");
const problem = document.getElementById("problem");
const conflict = document.getElementById("conflict");

const list = () => document.getElementById("backlog");
const itemOf = (el) => (el instanceof Element ? el.closest("#backlog .backlog-item[data-item]") : null);
const titleOf = (item) => item.querySelector(".item-title").textContent.trim();
const items = () => [...list().querySelectorAll(".backlog-item[data-item]")];

// renumber writes the positions after a move, and the neighbours the
// arrow buttons would send without this script.
function renumber() {
  const all = items();
  const filtered = list().dataset.filtered === "true";
  all.forEach((item, i) => {
    // Positions count in the whole backlog; a filtered list keeps them.
    if (!filtered) item.querySelector(".position").textContent = String(i + 1);
    const form = item.querySelector(".move-form");
    form.elements.prev.value = i > 0 ? all[i - 1].dataset.item : "";
    form.elements.next.value = i < all.length - 1 ? all[i + 1].dataset.item : "";
  });
}

function setVersion(item, version) {
  item.dataset.version = String(version);
  item.querySelector(".move-form").elements.version.value = String(version);
  const bulk = item.querySelector(".bulk-version");
  if (bulk) bulk.value = String(version);
}

// shift moves a story on the page and then through the API. where is
// {before: id}, {after: id} or {position: "top"|"bottom"}; put makes the
// same move on the page.
function shift(item, where, put, said) {
  return serial(async () => {
    if (!item.isConnected) return;
    const hadFocus = document.activeElement === item || item.contains(document.activeElement);
    const after = item.nextElementSibling;
    put();
    if (hadFocus) item.focus();
    renumber();
    clearFlash();
    say(problem, "");
    say(conflict, "");
    item.setAttribute("aria-busy", "true");
    try {
      const saved = await api("POST", `${item.dataset.url}/move`, { version: Number(item.dataset.version), ...where });
      setVersion(item, saved.version);
      const at = items().indexOf(item) + 1;
      announce(status, `Moved “${titleOf(item)}”${said ? " " + said : ""}: now ${at} of ${items().length}.`);
    } catch (err) {
      list().insertBefore(item, after && after.parentElement === list() ? after : null);
      if (hadFocus) item.focus();
      renumber();
      if (err.status === 409 || err.status === 404) {
        say(conflict, err.status === 409 ? CONFLICT : err.message + " The backlog has been refreshed.");
        announce(status, conflict.textContent);
        try {
          const el = await refresh("backlog", list().dataset.refresh);
          const again = el && hadFocus && el.querySelector(`.backlog-item[data-item="${CSS.escape(item.dataset.item)}"]`);
          if (again) again.focus();
        } catch {
          say(problem, "The backlog could not be refreshed; reload the page.");
        }
      } else {
        say(problem, err.message);
        announce(status, err.message);
      }
    } finally {
      item.removeAttribute("aria-busy");
    }
  });
}

function up(item) {
  const prev = item.previousElementSibling;
  if (!prev) return announce(status, `“${titleOf(item)}” is at the top already.`);
  shift(item, { before: Number(prev.dataset.item) }, () => list().insertBefore(item, prev), "up");
}

function down(item) {
  const next = item.nextElementSibling;
  if (!next) return announce(status, `“${titleOf(item)}” is at the bottom already.`);
  shift(item, { after: Number(next.dataset.item) }, () => next.after(item), "down");
}

function top(item) {
  if (!item.previousElementSibling) return announce(status, `“${titleOf(item)}” is at the top already.`);
  shift(item, { position: "top" }, () => list().prepend(item), "to the top");
}

function bottom(item) {
  if (!item.nextElementSibling) return announce(status, `“${titleOf(item)}” is at the bottom already.`);
  shift(item, { position: "bottom" }, () => list().append(item), "to the bottom");
}

document.addEventListener("keydown", (e) => {
  const item = itemOf(e.target);
  if (!item || e.target.closest("input, select, textarea, button")) return;
  if (e.altKey) {
    const act = { ArrowUp: up, ArrowDown: down, Home: top, End: bottom }[e.key];
    if (act) {
      e.preventDefault();
      act(item);
    }
  } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
    const sibling = e.key === "ArrowUp" ? item.previousElementSibling : item.nextElementSibling;
    if (sibling) {
      e.preventDefault();
      sibling.focus();
    }
  }
});

// The arrow buttons of each story, without a reload.
document.addEventListener("submit", (e) => {
  const item = itemOf(e.target);
  if (!item || !e.target.matches(".move-form")) return;
  e.preventDefault();
  const to = e.submitter ? e.submitter.value : "";
  ({ up, down, top, bottom })[to]?.(item);
});

// Drag and drop: the story goes before or after the one it is dropped on,
// by the half of it the pointer is in.
let dragged = null;
const half = (target, e) => {
  const r = target.getBoundingClientRect();
  return e.clientY < r.top + r.height / 2 ? "before" : "after";
};
const unmark = () => {
  for (const el of document.querySelectorAll(".drop-before, .drop-after")) el.classList.remove("drop-before", "drop-after");
};

document.addEventListener("dragstart", (e) => {
  const item = itemOf(e.target);
  if (!item) return;
  dragged = item;
  e.dataTransfer.effectAllowed = "move";
  e.dataTransfer.setData("text/plain", item.dataset.item);
  item.classList.add("dragging");
});

document.addEventListener("dragend", () => {
  if (dragged) dragged.classList.remove("dragging");
  dragged = null;
  unmark();
});

document.addEventListener("dragover", (e) => {
  const target = itemOf(e.target);
  if (!dragged || !target || target === dragged) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = "move";
  unmark();
  target.classList.add(half(target, e) === "before" ? "drop-before" : "drop-after");
});

document.addEventListener("drop", (e) => {
  const target = itemOf(e.target);
  if (!dragged || !target || target === dragged) return;
  e.preventDefault();
  unmark();
  const item = dragged;
  dragged = null;
  item.classList.remove("dragging");
  const id = Number(target.dataset.item);
  if (half(target, e) === "before") {
    if (item.nextElementSibling === target) return;
    shift(item, { before: id }, () => list().insertBefore(item, target), "");
  } else {
    if (item.previousElementSibling === target) return;
    shift(item, { after: id }, () => target.after(item), "");
  }
});
