// What the board and the backlog share: calling the API as the signed-in
// person, running one change at a time, telling people what happened and
// fetching a fresh copy of part of the page. The pages work without any
// of this; it only spares them a reload.

// APIError is a refusal of the API, with its HTTP status and error code.
export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// api sends one JSON request with the session cookie and returns the
// decoded answer, or throws an APIError.
export async function api(method, url, body) {
  let res;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new APIError(0, "network", "The server could not be reached. Check the connection and try again.");
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    // An answer without a JSON body: the status says enough.
  }
  if (!res.ok) {
    const e = (data && data.error) || {};
    throw new APIError(res.status, e.code || "", e.message || `The server answered ${res.status}.`);
  }
  return data;
}

// serial runs changes one after another, so that a change reads the
// version its predecessor left, never a stale one.
let queue = Promise.resolve();
export function serial(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

// say puts text in an element and shows it; an empty text hides it.
export function say(el, text) {
  if (!el) return;
  el.textContent = text;
  el.hidden = text === "";
}

// announce tells screen readers through an aria-live region. Emptying it
// first makes a repeated message heard again.
export function announce(el, text) {
  if (!el) return;
  el.textContent = "";
  setTimeout(() => { el.textContent = text; }, 50);
}

// refresh replaces the element with the id by its copy in a fresh load of
// url, and returns the new element (null if either is missing).
export async function refresh(id, url) {
  const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!res.ok) throw new Error(`reload ${url}: ${res.status}`);
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const fresh = doc.getElementById(id);
  const old = document.getElementById(id);
  if (!fresh || !old) return null;
  const el = document.importNode(fresh, true);
  old.replaceWith(el);
  return el;
}

// clearFlash hides the flash of the page's last form action once people
// act on the page again.
export function clearFlash() {
  const flash = document.getElementById("flash");
  if (flash) flash.hidden = true;
}
