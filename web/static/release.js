// The release page: a what-if tried through POST /api/v1/releases/{id}/what-if
// shows the outlook before and after side by side without a reload, and
// Apply records it through POST .../decisions; the readiness checklist is
// saved row by row through PATCH /api/v1/readiness-items/{id} with the
// version read; a baseline is taken through POST .../baselines and the
// phase changed through PATCH /api/v1/releases/{id}. Every form also
// works without this script.

import { api, announce, clearFlash, refresh, say, serial } from "./live.js";

const CONFLICT = "Someone else changed this item meanwhile; the checklist has been refreshed. Check it and try again.";

const status = document.getElementById("release-status");
const problem = document.getElementById("problem");
const conflict = document.getElementById("conflict");
const page = () => document.getElementById("release");

// The what-if form shows the item select its kind needs.
function showItemFields(form) {
  const kind = form.elements.kind.value;
  const toggle = (name, on) => {
    const el = form.elements[name];
    el.disabled = !on;
    const label = form.querySelector(`label[for="${el.id}"]`);
    el.hidden = !on;
    if (label) label.hidden = !on;
  };
  toggle("story", kind === "move_story");
  toggle("feature", kind !== "move_story");
  toggle("team", kind !== "cut_feature");
}

// outlook writes a release's outlook as the page's "outlook" template does.
function outlook(title, o, id) {
  const box = document.createElement("div");
  box.className = `outlook ${id}`;
  box.id = id;
  const h = document.createElement("h3");
  h.textContent = title;
  const words = document.createElement("p");
  words.className = "outlook-words";
  words.dataset.part = "words";
  words.textContent = o.forecast.words;
  const fit = document.createElement("p");
  fit.className = "outlook-fit";
  fit.dataset.part = "fit";
  fit.textContent = o.risk.words;
  box.append(h, words, fit);
  if (o.risk.at_risk.length > 0) {
    const ul = document.createElement("ul");
    ul.className = "outlook-risk";
    ul.dataset.part = "risk";
    for (const r of o.risk.at_risk) {
      const li = document.createElement("li");
      const short = document.createElement("span");
      short.className = "muted";
      short.textContent = `${r.short} points short`;
      li.append(r.title + " ", short);
      ul.append(li);
    }
    box.append(ul);
  } else {
    const p = document.createElement("p");
    p.className = "outlook-risk outlook-none";
    p.dataset.part = "risk";
    p.textContent = "No feature at risk.";
    box.append(p);
  }
  return box;
}

// change reads the change a what-if or apply form describes.
function change(form) {
  const kind = form.elements.kind.value;
  const item = kind === "move_story" ? form.elements.story.value : form.elements.feature.value;
  const c = { kind, item_id: Number(item) };
  if (kind !== "cut_feature" && form.elements.team) c.team_id = Number(form.elements.team.value);
  return c;
}

// showResult puts the before and after of a tried change on the page,
// with the form that applies it.
function showResult(view, tried) {
  const result = document.getElementById("what-if-result");
  const summary = document.createElement("p");
  summary.className = "what-if-summary";
  summary.id = "what-if-summary";
  summary.textContent = view.summary;
  const both = document.createElement("div");
  both.className = "outlooks";
  both.append(outlook("Before", view.before, "outlook-before"), outlook("After", view.after, "outlook-after"));
  const apply = document.createElement("form");
  apply.method = "post";
  apply.action = `${page().dataset.refresh}/decisions`;
  apply.className = "grid-form apply-form";
  apply.id = "apply-form";
  const hidden = (name, value) => {
    const i = document.createElement("input");
    i.type = "hidden";
    i.name = name;
    i.value = String(value);
    apply.append(i);
  };
  hidden("kind", tried.kind);
  hidden(tried.kind === "move_story" ? "story" : "feature", tried.item_id);
  if (tried.team_id) hidden("team", tried.team_id);
  const label = document.createElement("label");
  label.htmlFor = "decision-reason";
  label.textContent = "Reason";
  const reason = document.createElement("input");
  reason.type = "text";
  reason.id = "decision-reason";
  reason.name = "reason";
  reason.required = true;
  reason.maxLength = 2000;
  reason.placeholder = "Why the Scrum of Scrums decided this";
  const button = document.createElement("button");
  button.type = "submit";
  button.className = "primary";
  button.id = "apply-what-if";
  button.textContent = "Apply";
  apply.append(label, reason, button);
  result.replaceChildren(summary, both, apply);
  result.hidden = false;
}

async function tryWhatIf(form) {
  clearFlash();
  say(problem, "");
  say(conflict, "");
  const tried = change(form);
  try {
    const view = await api("POST", page().dataset.whatIf, tried);
    showResult(view, tried);
    announce(status, `${view.summary}: after it, ${view.after.forecast.words}`);
  } catch (err) {
    say(problem, err.message);
    announce(status, err.message);
  }
}

async function applyWhatIf(form) {
  clearFlash();
  say(problem, "");
  const reason = form.elements.reason.value.trim();
  if (reason === "") {
    say(problem, "Reason: give the reason for the decision.");
    form.elements.reason.focus();
    return;
  }
  try {
    const d = await api("POST", page().dataset.decisions, { change: change(form), reason });
    await refresh("release", page().dataset.refresh);
    setUp();
    const flash = document.getElementById("release-status");
    announce(flash, `Decided: ${d.summary}.`);
    say(document.getElementById("decided"), `Decided: ${d.summary}.`);
  } catch (err) {
    say(problem, err.message);
    announce(status, err.message);
  }
}

// saveReadiness saves a row of the checklist.
function saveReadiness(form) {
  return serial(async () => {
    const row = document.getElementById(`readiness-item-${form.id.replace("readiness-", "")}`);
    const field = (name) => form.elements[name] || row.querySelector(`[name="${name}"]`);
    const owner = field("owner").value;
    const body = {
      version: Number(row.dataset.version),
      owner_id: owner === "" ? null : Number(owner),
      state: field("state").value,
      evidence: field("evidence").value.trim(),
      required: field("required").checked,
    };
    clearFlash();
    say(problem, "");
    say(conflict, "");
    row.setAttribute("aria-busy", "true");
    try {
      const it = await api("PATCH", document.getElementById("readiness-items").dataset.api + row.dataset.item, body);
      row.dataset.version = String(it.version);
      form.elements.version.value = String(it.version);
      row.dataset.state = it.state;
      row.classList.toggle("open-required", it.required && (it.state === "open" || it.state === "in_progress"));
      announce(status, `Saved “${it.title}”.`);
    } catch (err) {
      if (err.status === 409) {
        say(conflict, CONFLICT);
        try {
          await refresh("readiness", page().dataset.refresh);
        } catch {
          say(problem, "The checklist could not be refreshed; reload the page.");
        }
      } else {
        say(problem, err.message);
      }
      announce(status, err.message);
    } finally {
      row.removeAttribute("aria-busy");
    }
  });
}

// changeRelease sends the baseline or the phase form through the API and
// shows the release as it is then.
async function changeRelease(form, method, url, body, done) {
  clearFlash();
  say(problem, "");
  say(conflict, "");
  try {
    const answer = await api(method, url, body);
    await refresh("release", page().dataset.refresh);
    setUp();
    const message = done(answer);
    say(document.getElementById("release-done"), message);
    announce(status, message);
  } catch (err) {
    if (err.status === 409) {
      say(conflict, "Someone else changed this release meanwhile; the page has been refreshed. Check it and try again.");
      try {
        await refresh("release", page().dataset.refresh);
        setUp();
      } catch {
        say(problem, "The page could not be refreshed; reload it.");
      }
    } else {
      say(problem, err.message);
    }
    announce(status, err.message);
  }
}

document.addEventListener("submit", (e) => {
  const form = e.target;
  const api = page().dataset.api;
  if (form.id === "baseline-form") {
    e.preventDefault();
    changeRelease(form, "POST", `${api}/baselines`, { note: form.elements.note.value.trim() },
      (b) => `Took a baseline: ${b.features.reduce((sum, f) => sum + f.units, 0)} feature units due ${b.date}.`);
    return;
  }
  if (form.id === "phase-form") {
    e.preventDefault();
    const body = { version: Number(form.elements.version.value), phase: form.elements.phase.value };
    const reason = form.elements.override_reason.value.trim();
    if (reason !== "") body.override_reason = reason;
    changeRelease(form, "PATCH", api, body, (r) => `${r.name} is now ${r.phase}.`);
    return;
  }
  if (form.id === "what-if-form") {
    e.preventDefault();
    tryWhatIf(form);
  } else if (form.id === "apply-form") {
    e.preventDefault();
    applyWhatIf(form);
  } else if (form.matches(".readiness-form")) {
    e.preventDefault();
    saveReadiness(form);
  }
});

document.addEventListener("change", (e) => {
  const form = e.target.closest("#what-if-form");
  if (form && e.target.name === "kind") showItemFields(form);
});

function setUp() {
  const form = document.getElementById("what-if-form");
  if (form) showItemFields(form);
}
setUp();
