// The seller's page: orders by tab, event forms, true-size label preview, packing check, drop-off
// plan and printing over WebUSB. Plain DOM, no framework. All state is one JSON document (store.js)
// rewritten after every change; forms keep what was typed in `state.ui.drafts`, so neither a
// re-render, an error nor a reload loses input.
import {
  importPosting, importPostings, applyEvent, availableEvents, sellerTab, deadline, replay,
  renderLabel, labelLayout, printJob, validatePacking, packingProfiles, dropOffPlan,
  renderHandoverNote, handOver,
} from './pkg/browser.js';
import { UsbPrinter, isWebUsbAvailable } from './pkg/usb.js';
import { t, setLanguage, language, defaultLanguage } from './i18n.js';
import { loadState, keepAside, saveState, emptyState, exportText, parseExport, STORAGE_KEY } from './store.js';

const TABS = ['ready_to_prepare', 'ready_to_ship', 'handed_over', 'in_delivery', 'disputed', 'delivered', 'cancelled', 'other'];
const PLATFORM_EVENTS = new Set(['registered', 'acceptedByCarrier', 'rejectedBySortingCenter', 'disputeResolved', 'delivered', 'cancelledByPlatform', 'statusUpdate']);
// Events that need data from the seller open a small form; the others apply on click.
const FORM_EVENTS = new Set(['registered', 'pack', 'handOver', 'openDispute', 'cancel', 'rejectedBySortingCenter', 'disputeResolved', 'cancelledByPlatform', 'statusUpdate']);
const CANCEL_REASONS = [352, 400, 401, 402, 665, 666, 667];
const LANGUAGES = ['tspl', 'zpl', 'epl', 'escpos'];
// The day the sample postings were written for; loading them moves every date to today.
const SAMPLE_DAY = '2026-11-27';

const now = () => new Date().toISOString();
/** This browser's offset from UTC in minutes: Ozon writes UTC, the seller lives by the local day. */
const utcOffsetMinutes = () => -new Date().getTimezoneOffset();
/** The time now written in this browser's offset (`…+03:00`), so its date is the local date. */
function localNow() {
  const offset = utcOffsetMinutes();
  const local = new Date(Date.now() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
const $ = (id) => document.getElementById(id);

/** Creates an element: h('button', { class: 'x', onclick }, 'text', child, …). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = true;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's children, skipping null, undefined and false, flattening arrays. */
function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
}

// ---------------------------------------------------------------------------------------------
// State

let state = emptyState();
let storageProblem = null; // { key, params } shown until the next successful save
let loadProblem = null; // { key, params }: the saved state could not be read; shown for the whole visit
// Saved text the page could neither read nor copy aside: saving would overwrite it, so nothing is saved
// until the seller has downloaded it.
let unsavedText = null;
const errors = new Map(); // posting number → { event, code, message }
let importMessage = null;
let printer = null;
let printing = null; // { index, count, posting, bytesSent, totalBytes, controller }
let printMessage = null; // { kind, text }
let saveTimer = null;

function ui() {
  state.ui ??= {};
  const u = state.ui;
  u.tab ??= 'ready_to_prepare';
  u.selected ??= [];
  u.drafts ??= {};
  u.openForms ??= {};
  u.openDetails ??= {};
  u.zoom ??= 1;
  u.printer ??= { language: 'tspl', dpi: 203, size: '75x120', density: 8, gapMm: 3 };
  state.ozon ??= {};
  return u;
}

function persist() {
  clearTimeout(saveTimer);
  saveTimer = null;
  if (unsavedText !== null) {
    storageProblem = { key: 'state.savePaused' };
    renderStorage();
    return;
  }
  const error = saveState(state);
  storageProblem = error ? { key: 'state.notSaved', params: { error: `${error.name}: ${error.message}` } } : null;
  renderStorage();
}

/** Saves soon (typing in a form), coalescing keystrokes. */
function persistSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(persist, 250);
}

/** Replaces the orders, saves, re-renders. */
function commit(orders) {
  state.orders = orders;
  persist();
  render();
}

const orderBy = (posting) => state.orders.find((o) => o.postingNumber === posting);

function replaceOrder(order) {
  return state.orders.map((o) => (o.postingNumber === order.postingNumber ? order : o));
}

function draft(key, defaults = {}) {
  const drafts = ui().drafts;
  drafts[key] ??= structuredClone(defaults);
  return drafts[key];
}

function describeError(e) {
  return { code: e?.code ?? e?.name ?? 'ERROR', message: e?.message ?? String(e) };
}

// ---------------------------------------------------------------------------------------------
// Orders in and out

/** Moves every date-time in the sample postings by whole days so that SAMPLE_DAY becomes today. */
function rebaseSampleDates(doc) {
  const today = new Date();
  const base = new Date(`${SAMPLE_DAY}T00:00:00Z`);
  const days = Math.round((Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - base.getTime()) / 864e5);
  const shift = (value) => {
    const m = /^(\d{4}-\d{2}-\d{2})(T.*)$/.exec(value);
    if (!m) return value;
    const d = new Date(`${m[1]}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10) + m[2];
  };
  const walk = (v) => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? shift(x) : walk(x)]));
    return v;
  };
  return walk(doc);
}

/** The sample postings (`www/samples.json`). */
async function samplesDoc() {
  const response = await fetch('./samples.json');
  if (!response.ok) throw new Error(`samples.json: HTTP ${response.status}`);
  return response.json();
}

/** Imports the sample postings and remembers their numbers, so "Remove sample orders" finds them. */
async function loadSamples() {
  const result = importPostingsText(JSON.stringify(rebaseSampleDates(await samplesDoc())));
  state.samples = [...new Set([...(state.samples ?? []), ...result.postings])];
  return result;
}

/** The sample postings' numbers, for a state saved before the page kept them. */
async function sampleNumbers() {
  return importPostings(await samplesDoc()).map((o) => o.postingNumber);
}

/** Takes the sample orders out (after asking), leaving the seller's own, and all the page kept on them. */
function removeSamples() {
  const samples = new Set(state.samples ?? []);
  const gone = state.orders.filter((o) => samples.has(o.postingNumber));
  if (!gone.length || !window.confirm(t('samples.removeConfirm', { n: gone.length }))) return;
  const u = ui();
  u.selected = u.selected.filter((pn) => !samples.has(pn));
  if (samples.has(u.focus)) u.focus = undefined;
  for (const pn of samples) {
    delete state.ozon[pn];
    delete u.openForms[pn];
    delete u.openDetails[pn];
    errors.delete(pn);
    for (const key of Object.keys(u.drafts)) if (key.startsWith(`${pn}:`)) delete u.drafts[key];
  }
  state.samples = [];
  // The button goes away with the samples: focus moves to the one that brings them back.
  focusNext = '#samples';
  importMessage = { kind: 'ok', text: t('samples.removed', { n: gone.length }) };
  commit(state.orders.filter((o) => !samples.has(o.postingNumber)));
}

/**
 * What a fresh copy of a posting from Ozon changes: a `statusUpdate` when Ozon reports a status
 * other than the last one it reported or moved the shipment date (while it still matters), then
 * `registered` when it now carries barcodes or a tracking number. Throws the first library error;
 * applies nothing unless every event applies.
 */
function applyFresh(order, fresh) {
  const seen = state.ozon[order.postingNumber] ?? { status: order.origin.status, substatus: order.origin.substatus ?? '' };
  let next = order;
  const at = now();
  if (fresh.status !== seen.status || (fresh.substatus ?? '') !== (seen.substatus ?? '')) {
    if (fresh.status !== next.status || (fresh.substatus ?? '') !== (next.substatus ?? '')) {
      next = applyEvent(next, { type: 'statusUpdate', at, status: fresh.status, substatus: fresh.substatus });
    }
  }
  // Ozon moved the shipment date: the deadline and the drop-off plan follow it.
  const open = deadline(next, at).state !== 'not_applicable';
  if (open && fresh.shipmentDate && fresh.shipmentDate !== next.shipmentDate) {
    try {
      next = applyEvent(next, { type: 'statusUpdate', at, shipmentDate: fresh.shipmentDate });
    } catch (e) {
      // Once the order is assembled Ozon's moved dates are to be ignored (the library refuses them).
      if (!(e.code === 'EVENT_INVALID' && e.details?.field === 'shipmentDate')) throw e;
    }
  }
  const hasRegistration = Boolean(fresh.trackingNumber || fresh.barcodes?.upper || fresh.barcodes?.lower);
  // Also when a registration by tracking number alone is followed by the barcodes.
  const news = !next.progress.registered || (!next.barcodes.upper && fresh.barcodes?.upper);
  if (hasRegistration && news && availableEvents(next).includes('registered')) {
    const event = { type: 'registered', at, barcodes: {} };
    if (fresh.trackingNumber) event.trackingNumber = fresh.trackingNumber;
    if (fresh.barcodes?.upper) event.barcodes.upper = fresh.barcodes.upper;
    if (fresh.barcodes?.lower) event.barcodes.lower = fresh.barcodes.lower;
    next = applyEvent(next, event);
  }
  return next;
}

function rememberOzon(fresh) {
  state.ozon[fresh.postingNumber] = { status: fresh.status, substatus: fresh.substatus ?? '' };
}

/**
 * Imports posting JSON text: new postings are added, known ones updated from the fresh copy. A known
 * posting whose fresh copy the lifecycle refuses (e.g. Ozon reports a closed order moving on) does not
 * stop the others: it is left as it is and named in `refused` with the library's code.
 */
function importPostingsText(text) {
  const incoming = importPostings(text);
  let orders = [...state.orders];
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const refused = [];
  const applied = [];
  for (const fresh of incoming) {
    const index = orders.findIndex((o) => o.postingNumber === fresh.postingNumber);
    if (index < 0) {
      orders.push(fresh);
      counts.added++;
      applied.push(fresh);
      continue;
    }
    let next;
    try {
      next = applyFresh(orders[index], fresh);
    } catch (e) {
      const { code, message } = describeError(e);
      refused.push(t('import.refused', { posting: fresh.postingNumber, error: `${code}: ${message}` }));
      continue;
    }
    if (next === orders[index]) counts.unchanged++;
    else counts.updated++;
    orders = orders.map((o, i) => (i === index ? next : o));
    applied.push(fresh);
  }
  // Only what was applied counts as seen: a refused copy is tried again, whole, next time.
  for (const fresh of applied) rememberOzon(fresh);
  return { orders, counts, refused, postings: incoming.map((o) => o.postingNumber) };
}

// ---------------------------------------------------------------------------------------------
// Events

function eventFromDraft(type, d) {
  const text = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  switch (type) {
    case 'registered': {
      const event = { barcodes: {} };
      if (text(d.trackingNumber)) event.trackingNumber = text(d.trackingNumber);
      if (text(d.upper)) event.barcodes.upper = text(d.upper);
      if (text(d.lower)) event.barcodes.lower = text(d.lower);
      return event;
    }
    case 'handOver': return { actNumber: d.actNumber ?? '', collectionPoint: d.collectionPoint ?? '' };
    case 'cancel': return { reasonId: Number(d.reasonId ?? 352), ...(text(d.message) ? { message: text(d.message) } : {}) };
    case 'openDispute': return { comment: d.comment ?? '' };
    case 'rejectedBySortingCenter': return text(d.reason) ? { reason: text(d.reason) } : {};
    case 'disputeResolved': return { outcome: d.outcome ?? 'found' };
    case 'cancelledByPlatform': return { ...(d.reasonId ? { reasonId: Number(d.reasonId) } : {}), ...(text(d.message) ? { message: text(d.message) } : {}) };
    case 'statusUpdate': return { ...(text(d.status) ? { status: text(d.status) } : {}), ...(text(d.substatus) ? { substatus: text(d.substatus) } : {}) };
    case 'pack': return { packing: packingFromDraft(d) };
    default: return {};
  }
}

/** Applies an event to one order. On error the form and its input stay; the error shows beside it. */
function act(posting, type) {
  const order = orderBy(posting);
  const u = ui();
  const key = `${posting}:${type}`;
  try {
    const event = { type, at: now(), ...eventFromDraft(type, u.drafts[key] ?? {}) };
    const next = applyEvent(order, event);
    errors.delete(posting);
    delete u.drafts[key];
    delete u.openForms[posting];
    commit(replaceOrder(next));
  } catch (e) {
    errors.set(posting, { event: type, ...describeError(e) });
    render();
  }
}

function actFresh(posting, formType) {
  const order = orderBy(posting);
  const key = `${posting}:fresh`;
  const u = ui();
  try {
    const fresh = importPosting(u.drafts[key]?.json ?? '');
    if (fresh.postingNumber !== order.postingNumber) {
      throw Object.assign(new Error(t('form.freshMismatch', { other: fresh.postingNumber, posting })), { code: 'FRESH_POSTING_MISMATCH' });
    }
    const next = applyFresh(order, fresh);
    if (next === order) throw Object.assign(new Error(t('form.freshNothing')), { code: 'FRESH_POSTING_UNCHANGED' });
    rememberOzon(fresh);
    errors.delete(posting);
    delete u.drafts[key];
    delete u.openForms[posting];
    commit(replaceOrder(next));
  } catch (e) {
    errors.set(posting, { event: formType, ...describeError(e) });
    render();
  }
}

// ---------------------------------------------------------------------------------------------
// Packing

function packingDefaults() {
  const size = ui().printer.size === '58x40' ? [58, 40] : [75, 120];
  return {
    profile: size[0] === 58 ? 'small_label' : 'standard',
    lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 900, kind: 'box', color: 'brown',
    face: 'top', xMm: 20, yMm: 20, rotationDeg: 0, labelWidthMm: size[0], labelHeightMm: size[1], fragments: 1,
    printMethod: 'thermal', labelSurface: 'matte', tape: [],
  };
}

function packingFromDraft(d) {
  const n = (v) => Number(v);
  const pkg = { lengthMm: n(d.lengthMm), widthMm: n(d.widthMm), heightMm: n(d.heightMm), weightG: n(d.weightG), kind: d.kind };
  if (d.color) pkg.color = d.color;
  return {
    package: pkg,
    labels: [{ widthMm: n(d.labelWidthMm), heightMm: n(d.labelHeightMm), fragments: n(d.fragments), face: d.face, xMm: n(d.xMm), yMm: n(d.yMm), rotationDeg: n(d.rotationDeg) }],
    printMethod: d.printMethod,
    labelSurface: d.labelSurface,
    tape: (d.tape ?? []).map((s) => ({ xMm: n(s.xMm), yMm: n(s.yMm), widthMm: n(s.widthMm), heightMm: n(s.heightMm) })),
  };
}

function renderViolations(order, d, list) {
  fill(list);
  let violations;
  let guard;
  try {
    const packing = packingFromDraft(d);
    violations = validatePacking(order, packing, d.profile);
    // Hand-over checks against the profile for the label's size (no carrier is stored with the
    // order): what it would refuse is shown too when the profile chosen here is another.
    guard = validatePacking(order, packing)
      .filter((v) => v.severity === 'error' && !violations.some((w) => w.code === v.code && w.field === v.field));
  } catch (e) {
    const { code, message } = describeError(e);
    list.append(h('li', { class: 'error' }, h('code', {}, code), ' ', message));
    return;
  }
  if (violations.length === 0 && guard.length === 0) list.append(h('li', { class: 'ok' }, t('pack.ok')));
  const item = (v, note) => h('li', { class: v.severity, dataset: { code: v.code } },
    h('strong', {}, `${note ?? t(`severity.${v.severity}`)}: `), v.message[language()] ?? v.message.en, ' ', h('code', { class: 'small' }, v.code));
  for (const v of violations) list.append(item(v));
  for (const v of guard) list.append(item(v, t('pack.handOverRefuses')));
}

function packingForm(order) {
  const key = `${order.postingNumber}:pack`;
  const d = draft(key, order.packing ? packingDraftFrom(order.packing) : packingDefaults());
  const list = h('ul', { class: 'violations', 'aria-live': 'polite' });
  const update = () => { renderViolations(order, d, list); persistSoon(); };
  const num = (name, label, attrs = {}) => h('label', {}, t(label),
    h('input', { type: 'number', name, value: d[name], step: 'any', ...attrs, oninput: (e) => { d[name] = e.target.value; update(); } }));
  const sel = (name, label, options, prefix) => h('label', {}, t(label),
    h('select', { name, onchange: (e) => { d[name] = e.target.value; update(); } },
      options.map((o) => h('option', { value: o, selected: d[name] === o }, prefix ? t(`${prefix}.${o}`) : o))));
  const tapeRows = h('div', {});
  const drawTape = () => {
    fill(tapeRows, ...d.tape.map((strip, i) => h('div', { class: 'tape-row' },
      ['xMm', 'yMm', 'widthMm', 'heightMm'].map((f) => h('input', { type: 'number', step: 'any', 'aria-label': t(`tape.${f}`, { n: i + 1 }), name: `tape${i}.${f}`, value: strip[f],
        oninput: (e) => { strip[f] = e.target.value; update(); } })),
      h('button', { type: 'button', onclick: () => { d.tape.splice(i, 1); drawTape(); update(); } }, t('pack.remove')))));
  };
  drawTape();
  renderViolations(order, d, list);
  const canPack = availableEvents(order).includes('pack');
  return h('div', { class: 'form', dataset: { form: 'pack' } },
    h('h3', {}, t('pack.title')),
    h('div', { class: 'fields' },
      sel('profile', 'pack.profile', packingProfiles().map((p) => p.name))),
    h('fieldset', {}, h('legend', {}, t('pack.package')),
      h('div', { class: 'fields' },
        num('lengthMm', 'pack.length'), num('widthMm', 'pack.width'), num('heightMm', 'pack.height'), num('weightG', 'pack.weight'),
        sel('kind', 'pack.kind', ['box', 'bag', 'factory_packaging'], 'kind'),
        sel('color', 'pack.color', ['brown', 'white', 'grey', 'transparent', 'black'], 'color'))),
    h('fieldset', {}, h('legend', {}, t('pack.label')),
      h('div', { class: 'fields' },
        sel('face', 'pack.face', ['top', 'bottom', 'front', 'back', 'left', 'right'], 'face'),
        num('xMm', 'pack.x'), num('yMm', 'pack.y'), num('rotationDeg', 'pack.rotation'),
        num('labelWidthMm', 'pack.labelWidth'), num('labelHeightMm', 'pack.labelHeight'), num('fragments', 'pack.fragments', { min: 1, step: 1 }),
        sel('printMethod', 'pack.printMethod', ['thermal', 'thermal_transfer', 'inkjet', 'laser'], 'method'),
        sel('labelSurface', 'pack.surface', ['matte', 'semi_gloss', 'glossy'], 'surface')),
      h('div', { class: 'small muted', style: 'margin-top:.4rem' }, t('pack.tape')),
      tapeRows,
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => { d.tape.push({ xMm: d.xMm, yMm: d.yMm, widthMm: 50, heightMm: 20 }); drawTape(); update(); } }, t('pack.addTape')))),
    list,
    h('div', { class: 'row' },
      canPack
        ? h('button', { type: 'button', class: 'primary', dataset: { apply: 'pack' }, onclick: () => act(order.postingNumber, 'pack') }, t('pack.store'))
        : h('span', { class: 'muted small' }, t('pack.notAvailable')),
      order.packing && order.progress.packed ? h('span', { class: 'muted small' }, t('pack.stored', { date: formatDate(order.history.findLast((e) => e.type === 'pack')?.at) })) : null),
    errorLine(order, 'pack'));
}

function packingDraftFrom(p) {
  const label = p.labels[0] ?? {};
  return {
    ...packingDefaults(),
    ...p.package, color: p.package.color ?? '',
    face: label.face, xMm: label.xMm, yMm: label.yMm, rotationDeg: label.rotationDeg, labelWidthMm: label.widthMm, labelHeightMm: label.heightMm, fragments: label.fragments,
    printMethod: p.printMethod, labelSurface: p.labelSurface, tape: structuredClone(p.tape ?? []),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language() === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

function formatMinutes(minutes) {
  const m = Math.abs(minutes);
  const days = Math.floor(m / 1440), hours = Math.floor((m % 1440) / 60), mins = m % 60;
  const u = language() === 'ru' ? { d: 'д', h: 'ч', m: 'мин' } : { d: 'd', h: 'h', m: 'min' };
  if (days) return `${days} ${u.d} ${hours} ${u.h}`;
  if (hours) return `${hours} ${u.h} ${mins} ${u.m}`;
  return `${mins} ${u.m}`;
}

function deadlineBadge(order) {
  const d = deadline(order, now());
  if (d.state === 'not_applicable') return null;
  const time = formatMinutes(d.minutesLeft);
  const detail = d.minutesLeft >= 0 ? t('deadline.left', { time }) : t('deadline.late', { time });
  return h('span', { class: `badge ${d.state}`, dataset: { deadline: d.state }, title: t('order.shipBy', { date: formatDate(d.shipmentDate) }) },
    `${t(`deadline.${d.state}`)} · ${detail}`);
}

function errorLine(order, type) {
  const e = errors.get(order.postingNumber);
  if (!e || (type && e.event !== type)) return null;
  return h('div', { class: 'error', role: 'alert', dataset: { errorCode: e.code } }, h('code', {}, e.code), ': ', e.message);
}

function field(key, name, label, { type = 'text', options, rows, placeholder, hint } = {}) {
  const d = ui().drafts[key] ??= {};
  const oninput = (e) => { d[name] = e.target.value; persistSoon(); };
  let input;
  if (options) {
    d[name] ??= String(options[0][0]);
    input = h('select', { name, onchange: oninput }, options.map(([v, text]) => h('option', { value: v, selected: String(d[name]) === String(v) }, text)));
  } else if (rows) {
    input = h('textarea', { name, rows, placeholder, oninput, spellcheck: 'false' });
    input.value = d[name] ?? '';
  } else {
    input = h('input', { type, name, placeholder, oninput, value: d[name] ?? '' });
  }
  return h('label', {}, hint ? `${t(label)} (${t(hint)})` : t(label), input);
}

function freshJsonForm(order, formType) {
  const key = `${order.postingNumber}:fresh`;
  return h('div', { style: 'margin-top:.6rem' },
    field(key, 'json', 'form.freshJson', { rows: 3, placeholder: '{"result": {"posting_number": "…", "status": "awaiting_deliver", "barcodes": {…}}}' }),
    h('div', { class: 'row' }, h('button', { type: 'button', dataset: { applyFresh: formType }, onclick: () => actFresh(order.postingNumber, formType) }, t('form.applyJson'))));
}

function eventForm(order, type) {
  if (type === 'pack') return packingForm(order);
  const key = `${order.postingNumber}:${type}`;
  let fields = [];
  let extra = null;
  switch (type) {
    case 'registered':
      fields = [field(key, 'trackingNumber', 'form.trackingNumber'), field(key, 'upper', 'form.upper', { placeholder: '%101%806044518' }), field(key, 'lower', 'form.lower', { placeholder: '23024930500000' })];
      extra = freshJsonForm(order, type);
      break;
    case 'handOver':
      fields = [field(key, 'actNumber', 'form.actNumber'), field(key, 'collectionPoint', 'form.collectionPoint')];
      break;
    case 'cancel':
    case 'cancelledByPlatform':
      fields = [field(key, 'reasonId', 'form.reason', { options: CANCEL_REASONS.map((r) => [r, t(`reason.${r}`)]) }), field(key, 'message', 'form.message', { hint: 'form.messageHint' })];
      break;
    case 'openDispute':
      fields = [field(key, 'comment', 'form.comment', { rows: 2 })];
      break;
    case 'rejectedBySortingCenter':
      fields = [field(key, 'reason', 'form.reason')];
      break;
    case 'disputeResolved':
      fields = [field(key, 'outcome', 'form.outcome', { options: ['found', 'reship', 'cancelled'].map((o) => [o, t(`outcome.${o}`)]) })];
      break;
    case 'statusUpdate':
      fields = [field(key, 'status', 'form.status', { placeholder: 'delivering' }), field(key, 'substatus', 'form.substatus', { placeholder: 'posting_in_courier_service' })];
      extra = freshJsonForm(order, type);
      break;
    default:
  }
  return h('div', { class: 'form', dataset: { form: type } },
    h('div', { class: 'fields' }, fields),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', dataset: { apply: type }, onclick: () => act(order.postingNumber, type) }, t('form.apply')),
      h('button', { type: 'button', onclick: () => { delete ui().openForms[order.postingNumber]; errors.delete(order.postingNumber); persist(); render(); } }, t('form.close'))),
    extra,
    errorLine(order, type));
}

function productsLine(order) {
  const [first, ...rest] = order.products;
  if (!first) return '';
  const more = rest.length ? ` · ${t('order.more', { n: rest.length })}` : '';
  return `${first.name} — ${t('order.items', { n: first.quantity })}${more}`;
}

function orderCard(order) {
  const u = ui();
  const pn = order.postingNumber;
  const seller = availableEvents(order, { actor: 'seller' });
  const platform = availableEvents(order, { actor: 'platform' }).filter((e) => PLATFORM_EVENTS.has(e));
  const open = u.openForms[pn];
  const button = (type, cls) => h('button', {
    type: 'button', class: cls, dataset: { event: type }, 'aria-expanded': FORM_EVENTS.has(type) ? String(open === type) : null,
    onclick: () => {
      u.focus = pn;
      if (FORM_EVENTS.has(type)) {
        u.openForms[pn] = open === type ? undefined : type;
        errors.delete(pn);
        if (open !== type) {
          focusNext = `article[data-posting="${CSS.escape(pn)}"] .form :is(input, select, textarea):not([type=hidden])`;
        }
        persist();
        render();
      } else act(pn, type);
    },
  }, t(`event.${type}`));
  const selected = u.selected.includes(pn);
  const e = errors.get(pn);
  const barcodes = [order.barcodes.upper, order.barcodes.lower].filter(Boolean);
  return h('article', {
    class: `order${u.focus === pn ? ' focused' : ''}`, dataset: { posting: pn },
    onclick: (ev) => {
      if (ev.target.closest('button, input, select, textarea, label, summary, a')) return;
      if (u.focus !== pn) { u.focus = pn; persist(); render(); }
    },
  },
    h('div', { class: 'order-head' },
      h('input', { type: 'checkbox', class: 'select', 'aria-label': t('order.selectOne', { posting: pn }), title: t('order.select'), checked: selected,
        onchange: (ev) => {
          u.selected = ev.target.checked ? [...new Set([...u.selected, pn])] : u.selected.filter((x) => x !== pn);
          persist();
          render();
        } }),
      h('span', { class: 'pn mono' }, pn),
      h('span', { class: 'grow' }),
      deadlineBadge(order),
      h('button', { type: 'button', class: 'link small', dataset: { preview: pn }, onclick: () => { u.focus = pn; persist(); render(); } }, t('order.preview'))),
    h('div', { class: 'products' }, productsLine(order)),
    h('div', { class: 'meta small' },
      `${order.deliveryMethod.warehouse} · ${order.deliveryMethod.name} · ${t('order.shipBy', { date: formatDate(order.shipmentDate) })} · `,
      h('code', { title: t('order.status') }, order.status + (order.substatus ? ` / ${order.substatus}` : ''))),
    h('div', { class: 'meta small' },
      `${t('order.barcodes')}: `, barcodes.length ? h('code', {}, barcodes.join('  ')) : h('em', {}, t('order.notRegistered')),
      order.trackingNumber ? [` · ${t('order.tracking')}: `, h('code', {}, order.trackingNumber)] : null),
    h('div', { class: 'chips' }, ['registered', 'labelPrinted', 'packed', 'handedOver'].map((k) =>
      h('span', { class: `chip${order.progress[k] ? ' done' : ''}` }, `${order.progress[k] ? '✓ ' : ''}${t(`progress.${k}`)}`))),
    h('div', { class: 'actions' },
      seller.map((type) => button(type, type === 'markPrepared' || (type === 'printLabel' && !order.progress.labelPrinted) ? 'primary' : '')),
      platform.length ? h('span', { class: 'sep' }, `${t('order.marketplace')}:`) : null,
      platform.map((type) => button(type, 'platform'))),
    open ? eventForm(order, open) : null,
    e && e.event !== open ? errorLine(order) : null,
    historyDetails(order));
}

function historyDetails(order) {
  const u = ui();
  const pn = order.postingNumber;
  const details = h('details', { class: 'small', open: Boolean(u.openDetails[pn]), ontoggle: (e) => { u.openDetails[pn] = e.target.open || undefined; persistSoon(); } },
    h('summary', {}, `${t('order.history')} (${order.history.length})`),
    order.history.length
      ? h('ol', { class: 'history' }, order.history.map((ev) => h('li', { dataset: { type: ev.type } }, `${formatDate(ev.at)} — ${t(`history.${ev.type}`, { fallback: t(`event.${ev.type}`).replace(/…$/, '') })}`, eventSummary(ev))))
      : h('p', { class: 'muted' }, t('order.historyEmpty')));
  return details;
}

function eventSummary(ev) {
  const bits = [];
  if (ev.trackingNumber) bits.push(ev.trackingNumber);
  if (ev.barcodes) bits.push(...[ev.barcodes.upper, ev.barcodes.lower].filter(Boolean));
  if (ev.actNumber) bits.push(ev.actNumber, ev.collectionPoint);
  if (ev.reasonId) bits.push(String(ev.reasonId));
  if (ev.outcome) bits.push(t(`outcome.${ev.outcome}`));
  if (ev.shipmentDate) bits.push(`${t('history.shipmentDate')} ${formatDate(ev.shipmentDate)}`);
  for (const k of ['message', 'comment', 'reason', 'status', 'substatus']) if (ev[k]) bits.push(ev[k]);
  return bits.length ? h('span', { class: 'muted' }, ` (${bits.join(', ')})`) : null;
}

function renderStatic() {
  document.title = t('title');
  $('title').textContent = t('title');
  $('subtitle').textContent = t('subtitle');
  $('lang').textContent = t('lang.switch');
  $('export').textContent = t('state.export');
  $('import-state-label').querySelector('span').textContent = t('state.import');
  $('samples').textContent = t('state.samples');
  const samples = new Set(state.samples ?? []);
  const removable = state.orders.some((o) => samples.has(o.postingNumber));
  $('remove-samples').hidden = !removable;
  $('remove-samples').textContent = t('samples.remove');
  $('import-title').textContent = t('import.title');
  $('import-hint').textContent = t('import.hint');
  $('import-btn').textContent = t('import.button');
  $('import-file-text').textContent = t('import.file');
  $('drop-hint').textContent = t('import.drop');
  $('tabs').setAttribute('aria-label', t('tabs.label'));
  const msg = $('import-msg');
  fill(msg);
  if (importMessage) msg.append(importMessage.kind === 'error'
    ? h('div', { class: 'error', role: 'alert' }, h('code', {}, importMessage.code), ': ', importMessage.text)
    : h('div', { class: 'msg ok' }, importMessage.text));
}

function renderStorage() {
  const box = $('storage');
  // A saved state that could not be read stays reported after later saves succeed.
  const problems = [loadProblem, storageProblem].filter(Boolean);
  const keep = unsavedText !== null && h('button', {
    type: 'button', id: 'download-unreadable',
    onclick: () => {
      download(`fbskit-unreadable-${now().slice(0, 10)}.json`, 'application/json', unsavedText);
      unsavedText = null;
      persist();
    },
  }, t('state.downloadUnreadable'));
  fill(box, ...(problems.length
    ? problems.map((p) => h('div', { class: 'banner bad', role: 'alert', dataset: { storage: 'error' } }, t(p.key, p.params)))
    : [h('div', { class: 'banner ok small', dataset: { storage: 'ok' } }, t('state.saved', { n: state.orders.length }))]), ...(keep ? [keep] : []));
}

function renderTabs() {
  const u = ui();
  const counts = Object.fromEntries(TABS.map((tab) => [tab, 0]));
  for (const order of state.orders) counts[sellerTab(order)] = (counts[sellerTab(order)] ?? 0) + 1;
  const shown = TABS.filter((tab) => tab !== 'other' || counts.other > 0);
  if (!shown.includes(u.tab)) u.tab = 'ready_to_prepare';
  $('tabs').replaceChildren(...shown.map((tab) => h('button', {
    type: 'button', role: 'tab', 'aria-selected': String(u.tab === tab), dataset: { tab, count: counts[tab] },
    onclick: () => { u.tab = tab; persist(); render(); },
  }, t(`tab.${tab}`), ' ', h('span', { class: 'count' }, counts[tab]))));
}

function renderOrders() {
  const u = ui();
  const list = state.orders.filter((o) => sellerTab(o) === u.tab);
  const section = $('orders');
  const allSelected = list.length > 0 && list.every((o) => u.selected.includes(o.postingNumber));
  fill(section,
    h('div', { class: 'list-head' },
      h('label', { class: 'small' }, h('input', { type: 'checkbox', id: 'select-all', checked: allSelected, disabled: list.length === 0,
        onchange: (e) => {
          const pns = list.map((o) => o.postingNumber);
          u.selected = e.target.checked ? [...new Set([...u.selected, ...pns])] : u.selected.filter((p) => !pns.includes(p));
          persist();
          render();
        } }), ' ', t('orders.selectAll')),
      h('span', { class: 'small muted' }, t('orders.selected', { n: selectedOrders().length }))),
    ...(list.length ? list.map(orderCard) : [h('p', { class: 'muted' }, t('orders.none'))]));
}

function labelOptions() {
  const p = ui().printer;
  return { size: p.size, dpi: Number(p.dpi), utcOffsetMinutes: utcOffsetMinutes() };
}

function svgElement(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') throw new Error('renderLabel returned no SVG');
  return document.importNode(root, true);
}

function renderLabelPanel() {
  const u = ui();
  const panel = $('label-panel');
  const order = u.focus ? orderBy(u.focus) : undefined;
  const sizeSelect = h('select', { id: 'label-size', onchange: (e) => { u.printer.size = e.target.value; persist(); render(); } },
    ['75x120', '58x40'].map((s) => h('option', { value: s, selected: u.printer.size === s }, s.replace('x', ' × ') + ' mm')));
  const zoomSelect = h('select', { id: 'zoom', onchange: (e) => { u.zoom = Number(e.target.value); persist(); renderLabelPanel(); } },
    [0.5, 0.75, 1, 1.5, 2].map((z) => h('option', { value: z, selected: u.zoom === z }, `${z * 100}%`)));
  const head = h('div', { class: 'label-tools' },
    h('h2', { style: 'margin:0' }, t('label.title'), order ? [' ', h('span', { class: 'mono' }, order.postingNumber)] : null),
    h('label', { class: 'small' }, `${t('label.size')} `, sizeSelect),
    h('label', { class: 'small' }, `${t('label.zoom')} `, zoomSelect));
  if (!order) {
    fill(panel, head, h('p', { class: 'muted' }, t('label.none')));
    return;
  }
  let body;
  try {
    const options = labelOptions();
    const layout = labelLayout(order, options);
    const svg = svgElement(renderLabel(order, options));
    const sheet = h('div', { class: 'label-sheet', id: 'label-preview', style: `width: calc(${layout.widthMm}mm * ${u.zoom}); height: calc(${layout.heightMm}mm * ${u.zoom})` }, svg);
    body = [
      h('div', { class: 'label-frame' }, sheet),
      h('p', { class: 'small muted' }, t('label.trueSize')),
      layout.warnings.length ? h('ul', { class: 'warnings small', id: 'label-warnings' }, layout.warnings.map((w) => h('li', { dataset: { code: w.code } }, h('code', {}, w.code), ': ', w.message))) : null,
    ];
  } catch (e) {
    const { code, message } = describeError(e);
    body = [h('div', { class: 'error', role: 'alert' }, h('code', {}, code), ': ', message)];
  }
  fill(panel, head, ...body,
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'browser-print', onclick: browserPrint }, t('label.browserPrint'))),
    h('p', { class: 'small muted' }, t('label.browserPrintHint')));
}

/** The ticked orders of the tab on show: an order that moves to another tab (cancelled, handed over)
 *  leaves the selection with it. */
function selectedOrders() {
  const u = ui();
  const set = new Set(u.selected);
  return state.orders.filter((o) => set.has(o.postingNumber) && sellerTab(o) === u.tab);
}

/** `orders` split into those whose label may be printed now and, for the others, the library's reason. */
function printable(orders) {
  const ok = [];
  const refused = [];
  for (const order of orders) {
    try {
      applyEvent(order, { type: 'printLabel', at: now() });
      ok.push(order);
    } catch (e) {
      const { code, message } = describeError(e);
      refused.push(t('printer.refused', { posting: order.postingNumber, error: `${code}: ${message}` }));
    }
  }
  return { ok, refused };
}

function renderPrinterPanel() {
  const u = ui();
  const p = u.printer;
  const panel = $('printer-panel');
  const selected = selectedOrders();
  const set = (name, cast = String) => (e) => { p[name] = cast(e.target.value); persist(); render(); };
  const usbOk = isWebUsbAvailable();
  fill(panel,
    h('h2', {}, t('printer.title')),
    usbOk ? null : h('p', { class: 'error', id: 'no-webusb' }, t('printer.noWebUsb')),
    h('div', { class: 'row' },
      printer
        ? [h('span', { id: 'printer-name' }, t('printer.connected', { name: printer.name })), h('button', { type: 'button', id: 'disconnect', onclick: disconnectPrinter, disabled: Boolean(printing) }, t('printer.disconnect'))]
        : [h('span', { class: 'muted' }, t('printer.notConnected')), h('button', { type: 'button', id: 'connect', onclick: connectPrinter, disabled: !usbOk }, t('printer.connect'))]),
    h('div', { class: 'printer-grid' },
      h('label', {}, t('printer.language'), h('select', { id: 'print-language', onchange: set('language') }, LANGUAGES.map((v) => h('option', { value: v, selected: p.language === v }, t(`printerLanguage.${v}`))))),
      h('label', {}, t('printer.dpi'), h('select', { id: 'print-dpi', onchange: set('dpi', Number) }, [203, 300].map((d) => h('option', { value: d, selected: Number(p.dpi) === d }, `${d} dpi`)))),
      h('label', {}, t('label.size'), h('select', { id: 'print-size', onchange: set('size') }, ['75x120', '58x40'].map((s) => h('option', { value: s, selected: p.size === s }, s.replace('x', ' × ') + ' mm')))),
      h('label', {}, t('printer.density'), h('input', { id: 'print-density', type: 'number', min: 0, max: 15, step: 1, value: p.density, onchange: set('density', Number) })),
      h('label', {}, t('printer.gap'), h('input', { id: 'print-gap', type: 'number', min: 0, max: 20, step: 0.5, value: p.gapMm, onchange: set('gapMm', Number) }))),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'print', disabled: !usbOk || selected.length === 0 || Boolean(printing), onclick: printSelected },
        selected.length ? t('printer.print', { n: selected.length }) : t('printer.printNone')),
      h('button', { type: 'button', id: 'download-prn', disabled: selected.length === 0, onclick: downloadPrn }, t('printer.download'))),
    printing ? h('div', { id: 'print-progress-box' },
      h('progress', { id: 'print-progress', max: printing.totalBytes || 1, value: printing.bytesSent }),
      h('div', { class: 'row' }, h('span', { id: 'print-status', class: 'small' }, t('printer.sending', { i: printing.index + 1, n: printing.count, posting: printing.posting })),
        h('button', { type: 'button', id: 'print-cancel', onclick: () => printing?.controller.abort() }, t('printer.cancel')))) : null,
    printMessage ? h('div', { id: 'print-msg', role: printMessage.kind === 'error' ? 'alert' : 'status', class: printMessage.kind === 'error' ? 'error' : 'msg ok', dataset: { code: printMessage.code ?? '' } },
      printMessage.code ? [h('code', {}, printMessage.code), ': '] : null, printMessage.text) : null);
}

function renderPlan() {
  const section = $('plan');
  let plan;
  try {
    plan = dropOffPlan(state.orders, now(), { utcOffsetMinutes: utcOffsetMinutes() });
  } catch (e) {
    const { code, message } = describeError(e);
    fill(section, h('h2', {}, t('plan.title')), h('div', { class: 'error' }, h('code', {}, code), ': ', message));
    return;
  }
  const u = ui();
  fill(section, h('h2', {}, t('plan.title')), plan.groups.length === 0 ? h('p', { class: 'muted' }, t('plan.none')) :
    h('table', { id: 'plan-table' },
      h('thead', {}, h('tr', {}, ['plan.warehouse', 'plan.date', 'plan.first', 'plan.postings', 'plan.late', 'plan.dueSoon'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, plan.groups.map((g) => h('tr', {},
        h('td', {}, g.warehouse), h('td', {}, g.date), h('td', {}, formatDate(g.firstShipmentDate)),
        h('td', {}, g.postingNumbers.map((pn, i) => [i ? ', ' : '', h('button', { type: 'button', class: 'link mono', onclick: () => {
          const order = orderBy(pn);
          if (order) { u.tab = sellerTab(order); u.focus = pn; persist(); render(); }
        } }, pn)])),
        h('td', { class: `num${g.late ? ' bad' : ''}` }, g.late ? h('span', { class: 'badge overdue' }, g.late) : '0'),
        h('td', { class: 'num' }, g.dueSoon ? h('span', { class: 'badge due_soon' }, g.dueSoon) : '0'))))));
}

let notePages = null;
let noteKey = null; // the selection and act the preview was made for
let noteMessage = null;

/** The handover note and the all-or-nothing hand-over of the selected orders. */
function renderHandover() {
  const section = $('handover');
  const selected = selectedOrders();
  const d = draft('handover', { actNumber: '', collectionPoint: '', barcode: '' });
  const input = (key, label) => h('label', {}, label, h('input', { id: `note-${key}`, value: d[key] ?? '', oninput: (e) => { d[key] = e.target.value; persistSoon(); } }));
  // In the local offset: the note prints the act's date, which is the seller's day.
  const act = () => ({ actNumber: d.actNumber, collectionPoint: d.collectionPoint, date: localNow(), ...(d.barcode?.trim() ? { barcode: d.barcode.trim() } : {}) });
  // A preview of other orders or another act is not this note.
  const key = () => JSON.stringify([selected.map((o) => o.postingNumber), d.actNumber, d.collectionPoint, d.barcode]);
  if (key() !== noteKey) notePages = null;
  const fail = (e) => {
    const { code, message } = describeError(e);
    const posting = selected[e.details?.index]?.postingNumber;
    noteMessage = { kind: 'error', code, text: posting ? t('note.failed', { posting, message }) : message };
    render();
  };
  fill(section,
    h('h2', {}, t('note.title')),
    h('p', { class: 'small muted' }, selected.length ? t('note.hint') : t('note.none')),
    h('div', { class: 'printer-grid' }, input('actNumber', t('note.act')), input('collectionPoint', t('note.point')), input('barcode', t('note.barcode'))),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'note-preview', disabled: !selected.length, onclick: () => {
        try { notePages = renderHandoverNote(selected, act()); noteKey = key(); noteMessage = null; } catch (e) { notePages = null; fail(e); return; }
        render();
      } }, t('note.preview', { n: selected.length })),
      h('button', { type: 'button', id: 'note-print', disabled: !notePages, onclick: () => {
        // Printed from the act fields as they are now (typing does not re-render the preview).
        let pages;
        try { pages = renderHandoverNote(selected, act()); } catch (e) { fail(e); return; }
        $('page-size').textContent = '@page { size: 210mm 297mm; margin: 0 }';
        fill($('print-area'), ...pages.map((svg) => h('div', { class: 'print-page', style: 'width:210mm;height:297mm' }, svgElement(svg))));
        window.print();
      } }, t('note.print')),
      h('button', { type: 'button', class: 'primary', id: 'note-handover', disabled: !selected.length, onclick: () => {
        let done;
        try { done = handOver(selected, act()); } catch (e) { fail(e); return; }
        const byPosting = new Map(done.map((o) => [o.postingNumber, o]));
        noteMessage = { kind: 'ok', text: t('note.done', { n: done.length, act: d.actNumber }) };
        commit(state.orders.map((o) => byPosting.get(o.postingNumber) ?? o));
      } }, t('note.handOver', { n: selected.length }))),
    noteMessage ? h('div', { id: 'note-msg', role: noteMessage.kind === 'error' ? 'alert' : 'status', class: noteMessage.kind === 'error' ? 'error' : 'msg ok' },
      noteMessage.code ? [h('code', {}, noteMessage.code), ': '] : null, noteMessage.text) : null,
    notePages ? h('div', { id: 'note-pages', class: 'note-pages' }, notePages.map((svg) => h('div', { class: 'note-page' }, svgElement(svg)))) : null);
}

/** A selector that finds `el` again once the page is rebuilt: by id, else by its order and role. */
function focusKey(el) {
  if (!el || el === document.body || !el.isConnected) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  const card = el.closest('article[data-posting]');
  const within = card ? `article[data-posting="${CSS.escape(card.dataset.posting)}"] ` : '';
  if (el.dataset.event) return `${within}button[data-event="${CSS.escape(el.dataset.event)}"]`;
  if (el.dataset.tab) return `button[data-tab="${CSS.escape(el.dataset.tab)}"]`;
  if (el.dataset.preview) return `button[data-preview="${CSS.escape(el.dataset.preview)}"]`;
  if (el.classList.contains('select')) return `${within}input.select`;
  if (el.name) return `${within}[name="${CSS.escape(el.name)}"]`;
  return null;
}

/** Where focus goes after the next render instead of back to the element that had it (a form just
 *  opened: its first field). */
let focusNext = null;

function render() {
  // The page is rebuilt from state: keyboard and screen-reader users keep their place.
  const key = focusNext ?? focusKey(document.activeElement);
  focusNext = null;
  const u = ui();
  // The selection is the tab's own: another tab's orders, and an order that left this one (cancelled,
  // handed over), leave it for good.
  const inTab = new Set(state.orders.filter((o) => sellerTab(o) === u.tab).map((o) => o.postingNumber));
  u.selected = u.selected.filter((pn) => inTab.has(pn));
  renderStatic();
  renderStorage();
  renderTabs();
  renderOrders();
  renderLabelPanel();
  renderPrinterPanel();
  renderHandover();
  renderPlan();
  if (key) document.querySelector(key)?.focus();
}

// ---------------------------------------------------------------------------------------------
// Printing

function printOptions() {
  const p = ui().printer;
  return { language: p.language, dpi: Number(p.dpi), size: p.size, density: Number(p.density), gapMm: Number(p.gapMm), utcOffsetMinutes: utcOffsetMinutes() };
}

/** One job per label, so a failed batch can say which labels went out. Throws naming the posting. */
function labelJobs(orders) {
  const options = printOptions();
  return orders.map((order) => {
    try {
      return printJob([order], options);
    } catch (e) {
      const { code, message } = describeError(e);
      throw Object.assign(new Error(t('printer.jobFailed', { posting: order.postingNumber, error: message })), { code });
    }
  });
}

async function connectPrinter() {
  printMessage = null;
  try {
    printer = await UsbPrinter.request();
  } catch (e) {
    printer = null;
    printMessage = usbMessage(e);
  }
  render();
  return printer;
}

async function disconnectPrinter() {
  const p = printer;
  printer = null;
  try {
    await p?.close();
  } catch (e) {
    printMessage = usbMessage(e);
  }
  render();
}

function usbMessage(e) {
  const code = e?.code ?? e?.name ?? 'ERROR';
  // The translated advice, and the library's own message, which names the device or the browser's reason.
  const text = e?.code?.startsWith('USB_') ? `${t(`usb.${e.code}`)} (${e.message})` : e?.message ?? String(e);
  return { kind: 'error', code, text };
}

/** Records `printLabel` on the orders whose labels went out; where the lifecycle refuses, says why. */
function markPrinted(orders) {
  const problems = [];
  let all = state.orders;
  for (const order of orders) {
    const current = all.find((o) => o.postingNumber === order.postingNumber);
    try {
      const next = applyEvent(current, { type: 'printLabel', at: now() });
      all = all.map((o) => (o.postingNumber === next.postingNumber ? next : o));
    } catch (e) {
      problems.push(t('printer.markFailed', { posting: order.postingNumber, error: `${e.code}: ${e.message}` }));
    }
  }
  state.orders = all;
  persist();
  return problems;
}

async function printSelected() {
  const { ok: orders, refused } = printable(selectedOrders());
  printMessage = null;
  if (!orders.length) {
    printMessage = { kind: 'error', code: 'NOTHING_TO_PRINT', text: refused.join(' ') };
    render();
    return;
  }
  let jobs;
  try {
    jobs = labelJobs(orders);
  } catch (e) {
    printMessage = { kind: 'error', code: e.code, text: e.message };
    render();
    return;
  }
  if (!printer && !(await connectPrinter())) return;
  const controller = new AbortController();
  printing = { index: 0, count: orders.length, posting: orders[0].postingNumber, bytesSent: 0, totalBytes: jobs.reduce((n, j) => n + j.length, 0), controller };
  render();
  let sent = 0;
  let failure = null;
  try {
    const result = await printer.printLabels(jobs, {
      signal: controller.signal,
      onProgress: (p) => {
        Object.assign(printing, { index: p.label, posting: orders[p.label].postingNumber, bytesSent: p.bytesSent, totalBytes: p.totalBytes });
        const bar = $('print-progress');
        if (bar) bar.value = p.bytesSent;
        const status = $('print-status');
        if (status) status.textContent = t('printer.sending', { i: p.label + 1, n: orders.length, posting: printing.posting });
      },
    });
    sent = result.labelsSent;
  } catch (e) {
    failure = e;
    sent = e?.details?.labelsSent ?? 0;
    if (e?.code === 'USB_DISCONNECTED') printer = null;
  }
  printing = null;
  const printed = orders.slice(0, sent);
  const problems = markPrinted(printed);
  if (failure) {
    const details = failure.details ?? {};
    const notPrinted = orders.slice(sent).map((o, i) =>
      i === 0 && details.failedLabel === sent && details.labelBytesSent > 0 ? t('printer.cutShort', { posting: o.postingNumber }) : o.postingNumber);
    const base = usbMessage(failure);
    printMessage = { ...base, text: [t('printer.failed', {
      reason: base.text,
      printed: printed.map((o) => o.postingNumber).join(', ') || t('printer.nothing'),
      notPrinted: notPrinted.join(', ') || t('printer.nothing'),
    }), ...problems, ...refused].join(' ') };
  } else {
    const trouble = [...problems, ...refused];
    printMessage = { kind: trouble.length ? 'error' : 'ok', text: [t('printer.done', { n: printed.length, postings: printed.map((o) => o.postingNumber).join(', ') }), ...trouble].join(' ') };
  }
  render();
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function downloadPrn() {
  const { ok: orders, refused } = printable(selectedOrders());
  if (!orders.length) {
    printMessage = { kind: 'error', code: 'NOTHING_TO_PRINT', text: refused.join(' ') };
    render();
    return;
  }
  try {
    const jobs = labelJobs(orders);
    const file = `ozon-labels-${orders.length}-${ui().printer.language}.prn`;
    download(file, 'application/octet-stream', new Blob(jobs));
    printMessage = { kind: refused.length ? 'error' : 'ok', text: [t('printer.downloaded', { file }), ...refused].join(' ') };
  } catch (e) {
    printMessage = { kind: 'error', code: e.code, text: e.message };
  }
  render();
}

/** Prints the selected labels (or the one shown) through the browser's print dialog, one per page. */
function browserPrint() {
  const u = ui();
  const { ok: orders, refused } = printable(selectedOrders().length ? selectedOrders() : [orderBy(u.focus)].filter(Boolean));
  if (refused.length) {
    printMessage = { kind: 'error', code: orders.length ? 'PRINT_PARTIAL' : 'NOTHING_TO_PRINT', text: refused.join(' ') };
    render();
  }
  const options = labelOptions();
  const area = $('print-area');
  try {
    const pages = orders.map((order) => {
      const layout = labelLayout(order, options);
      return h('div', { class: 'print-page', style: `width:${layout.widthMm}mm;height:${layout.heightMm}mm` }, svgElement(renderLabel(order, options)));
    });
    if (!pages.length) return;
    const { widthMm, heightMm } = labelLayout(orders[0], options);
    $('page-size').textContent = `@page { size: ${widthMm}mm ${heightMm}mm; margin: 0 }`;
    fill(area, ...pages);
    window.print();
  } catch (e) {
    printMessage = { kind: 'error', ...describeError(e), text: describeError(e).message };
    render();
  }
}

// ---------------------------------------------------------------------------------------------
// Import, export, language

function runImport(text) {
  if (!text.trim()) {
    importMessage = { kind: 'error', code: 'EMPTY', text: t('import.empty') };
    render();
    return;
  }
  try {
    const { orders, counts, refused } = importPostingsText(text);
    importMessage = refused.length
      ? { kind: 'error', code: 'IMPORT_PARTIAL', text: [t('import.result', counts), ...refused].join(' ') }
      : { kind: 'ok', text: t('import.result', counts) };
    $('import-text').value = '';
    ui().drafts.importText = '';
    commit(orders);
  } catch (e) {
    // The pasted text stays in the box.
    importMessage = { kind: 'error', ...describeError(e), text: describeError(e).message };
    render();
  }
}

/** The orders that replay, for a state from a file or from storage: a hand-edited order whose replay
 *  differs is kept with a note; one that cannot be read at all is left out with a note. */
function checkedOrders(orders) {
  const kept = [];
  const notes = [];
  for (const order of orders) {
    try {
      replay(order);
      kept.push(order);
    } catch (e) {
      if (e.code === 'REPLAY_MISMATCH') {
        kept.push(order);
        notes.push(`${order.postingNumber}: ${e.code}`);
      } else notes.push(t('state.orderSkipped', { posting: order?.postingNumber ?? '?', error: `${e.code}: ${e.message}` }));
    }
  }
  return { kept, notes };
}

function importStateText(text) {
  let doc;
  try {
    doc = parseExport(text);
  } catch (e) {
    importMessage = { kind: 'error', code: 'STATE_INVALID', text: t('state.importFailed', { error: e.message }) };
    render();
    return;
  }
  const { kept, notes } = checkedOrders(doc.orders);
  if (state.orders.length && !window.confirm(t('state.replaceConfirm', { n: state.orders.length, m: kept.length }))) return;
  const lang = ui().lang;
  state = { ...emptyState(), ...doc, orders: kept, ui: { ...(doc.ui ?? {}), lang } };
  importMessage = { kind: notes.length ? 'error' : 'ok', code: notes.length ? 'STATE_PARTIAL' : undefined, text: [t('state.imported', { n: kept.length }), ...notes].join(' ') };
  persist();
  render();
}

function wireStatic() {
  $('lang').addEventListener('click', () => {
    ui().lang = language() === 'ru' ? 'en' : 'ru';
    setLanguage(ui().lang);
    persist();
    render();
  });
  $('export').addEventListener('click', () => {
    download(`fbskit-state-${now().slice(0, 10)}.json`, 'application/json', exportText(state));
  });
  $('import-state').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    const text = file && await readFile(file);
    if (text != null) importStateText(text);
  });
  $('remove-samples').addEventListener('click', removeSamples);
  $('samples').addEventListener('click', async () => {
    try {
      const { orders, counts } = await loadSamples();
      importMessage = { kind: 'ok', text: `${t('import.result', counts)} ${t('samples.note')}` };
      commit(orders);
    } catch (e) {
      importMessage = { kind: 'error', ...describeError(e), text: describeError(e).message };
      render();
    }
  });
  const box = $('import-text');
  box.value = ui().drafts.importText ?? '';
  box.addEventListener('input', () => { ui().drafts.importText = box.value; persistSoon(); });
  $('import-btn').addEventListener('click', () => runImport(box.value));
  $('import-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    const text = file && await readFile(file);
    if (text == null) return;
    box.value = text;
    ui().drafts.importText = box.value;
    runImport(box.value);
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer.files[0];
    const text = file ? await readFile(file) : e.dataTransfer.getData('text/plain');
    if (!text) return;
    box.value = text;
    ui().drafts.importText = text;
    $('import-box').open = true;
    runImport(text);
  });
  // Deadlines move with the clock: refresh the badges every minute without touching the forms.
  setInterval(() => {
    for (const el of document.querySelectorAll('article.order')) {
      const order = orderBy(el.dataset.posting);
      const old = el.querySelector('.badge');
      const fresh = order && deadlineBadge(order);
      if (old && fresh) old.replaceWith(fresh);
    }
  }, 60_000);
  window.addEventListener('beforeunload', () => { if (saveTimer) persist(); });
}

/** A chosen or dropped file's text, or null after saying why it could not be read (moved, deleted,
 *  no permission, a folder). */
async function readFile(file) {
  try {
    return await file.text();
  } catch (e) {
    importMessage = { kind: 'error', code: 'FILE_UNREADABLE', text: t('import.readFailed', { name: file.name, error: `${e.name}: ${e.message}` }) };
    $('import-box').open = true;
    render();
    return null;
  }
}

async function start() {
  const loaded = loadState();
  if (loaded.state) state = loaded.state;
  ui().lang ??= defaultLanguage();
  setLanguage(ui().lang);
  // Orders the library cannot read would stop every render: they are left out, and the saved text,
  // which still has them, is kept aside.
  const { kept, notes } = checkedOrders(state.orders);
  if (kept.length < state.orders.length) {
    const aside = keepAside(loaded.text);
    if (aside === null) unsavedText = loaded.text;
    loadProblem = { key: 'state.ordersLeftOut', params: { notes: notes.join(' '), key: aside ?? STORAGE_KEY } };
    state.orders = kept;
  }
  if (loaded.error) {
    storageProblem = loaded.unavailable
      ? { key: 'state.noStorage', params: { error: `${loaded.error.name}: ${loaded.error.message}` } }
      : null;
    if (!loaded.unavailable) {
      loadProblem = { key: 'state.loadFailed', params: { error: loaded.error.message, key: loaded.aside ?? STORAGE_KEY } };
      if (loaded.aside === null) unsavedText = loaded.text;
    }
  }
  wireStatic();
  if (!loaded.state) {
    try {
      const { orders } = await loadSamples();
      state.orders = orders;
      const first = orders.find((o) => sellerTab(o) === 'ready_to_ship' && o.progress.registered);
      ui().focus = first?.postingNumber;
      importMessage = { kind: 'ok', text: t('samples.note') };
      persist();
    } catch (e) {
      importMessage = { kind: 'error', ...describeError(e), text: describeError(e).message };
    }
  } else if (state.samples === undefined) {
    // Saved before the page kept the samples' numbers: find them, so they can still be removed.
    try {
      const numbers = new Set(await sampleNumbers());
      state.samples = state.orders.map((o) => o.postingNumber).filter((pn) => numbers.has(pn));
    } catch {
      state.samples = [];
    }
  }
  render();
  if (storageProblem) renderStorage();
  document.body.dataset.ready = 'true';
  // An error from a handler while the samples loaded is not a failed start.
  $('startup-error').hidden = true;
}

start().catch((e) => window.startupFailed?.(`${e.name}: ${e.message}`));
