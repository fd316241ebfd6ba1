// Where the page keeps its state: one JSON document in localStorage, written after every change.
// A failed write (quota, private mode) is reported to the caller, never swallowed, and the state
// stays in memory so the seller can export it.

export const STORAGE_KEY = 'fbskit.page.v1';
export const STATE_FORMAT = 'fbskit-page-state';

/** An empty state. */
export function emptyState() {
  return { format: STATE_FORMAT, version: 1, orders: [], ui: {} };
}

function storage() {
  // Reading `localStorage` itself throws a SecurityError where storage is blocked.
  return globalThis.localStorage;
}

/**
 * The saved state: `{ state, text }`, `{ state: null }` when nothing is saved, or `{ state: null, error }`
 * when storage is unusable or the saved text is unreadable. Unreadable text is copied aside (`aside`
 * names the key) and returned as `text`; `aside` is null when even the copy failed.
 */
export function loadState() {
  let text;
  try {
    text = storage().getItem(STORAGE_KEY);
  } catch (e) {
    return { state: null, error: e, unavailable: true };
  }
  if (text === null) return { state: null };
  try {
    const state = JSON.parse(text);
    if (state?.format !== STATE_FORMAT || !Array.isArray(state.orders)) throw new Error('not an fbskit page state');
    state.ui ??= {};
    return { state, text };
  } catch (e) {
    return { state: null, error: e, aside: keepAside(text), text };
  }
}

/** Copies saved text the page cannot use under a key of its own; returns the key, or null when it could
 *  not be written (the text then stays only under STORAGE_KEY until the next save). */
export function keepAside(text) {
  const aside = `${STORAGE_KEY}.unreadable.${Date.now()}`;
  try {
    storage().setItem(aside, text);
    return aside;
  } catch {
    return null;
  }
}

/** Writes the state; returns null, or the error (e.g. a QuotaExceededError). */
export function saveState(state) {
  try {
    storage().setItem(STORAGE_KEY, JSON.stringify({ ...state, savedAt: new Date().toISOString() }));
    return null;
  } catch (e) {
    return e;
  }
}

/** The state as an export file's text. */
export function exportText(state) {
  return JSON.stringify({ ...state, exportedAt: new Date().toISOString() }, null, 2);
}

/** Parses an export file; throws an Error with a readable message when it is not one. */
export function parseExport(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${e.message})`);
  }
  if (doc?.format !== STATE_FORMAT) throw new Error(`not an fbskit state file (format "${doc?.format ?? 'missing'}")`);
  if (!Array.isArray(doc.orders)) throw new Error('the file has no "orders" list');
  return doc;
}
