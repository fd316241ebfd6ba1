// An example Cloudflare Worker over fbskit: the order lifecycle, cargo labels and packing checks as a
// small HTTP API.
//
//   GET  /health                                          → { ok, version }
//   POST /import          { postings }                    → Order[]   (a posting array or an Ozon list response)
//   POST /transition      { order, event }                → Order     (the order with the event applied)
//   POST /labels          { postings | orders, format, size?, dpi?, ...print options }
//                                                         → one SVG label, or one printer job with a label per posting
//   POST /validate-packing { order | posting, packing, profile? } → { violations, ok }
//   POST /drop-off-plan   { orders | postings, now, windowMinutes?, utcOffsetMinutes? } → { groups }
//
// Errors are `{ error: { code, message, details } }`: fbskit's `FbsError` codes and bad requests are
// 400, an unknown path 404, a wrong method 405, a body over 5 MB 413.
//
// A new endpoint is one handler and one line in `routes`. A handler wrapped in `jsonBody` gets the
// parsed body; it returns a JSON-compatible value, or its own Response for other content types
// (an SVG label as image/svg+xml, printer job bytes as application/octet-stream).
import {
  applyEvent, dropOffPlan, importPosting, importPostings, printJob, printerLanguages, renderLabel, sellerTab,
  validatePacking, version,
} from 'fbskit';
import { HttpError, jsonBody, requireFields, route } from './http.js';

const health = () => Response.json({ ok: true, version: version() });

function importOrders(body) {
  requireFields(body, 'postings');
  return importPostings(body.postings);
}

function transition(body) {
  requireFields(body, 'order', 'event');
  return applyEvent(body.order, body.event);
}

/**
 * The one field of `fields` the body has; a 400 when it has none or several. Requests name their
 * subject in either of two forms (`postings` or `orders`, `order` or `posting`).
 */
function oneOf(body, ...fields) {
  const given = fields.filter((field) => body[field] !== undefined);
  if (given.length !== 1) {
    const names = fields.map((f) => `\`${f}\``).join(' or ');
    throw new HttpError(400, 'INVALID_ARGUMENT', given.length === 0
      ? `The request body needs ${names}.`
      : `The request body has ${names}; send only one of them.`, { oneOf: fields, given });
  }
  return given[0];
}

/**
 * The orders a request is about: `postings` (Ozon posting JSON in any shape `importPostings` takes)
 * or `orders` (already imported). A bad one fails with its batch position in `details.index`.
 */
function ordersOf(body) {
  if (oneOf(body, 'postings', 'orders') === 'postings') {
    // A bad posting fails the call with its position in `details.index`.
    return importPostings(body.postings);
  }
  if (!Array.isArray(body.orders)) {
    throw new HttpError(400, 'INVALID_ARGUMENT', '`orders` must be an array of orders.', { field: 'orders' });
  }
  // Batch calls (printJob, dropOffPlan) name a bad order's index themselves, but renderLabel takes one
  // order; reading each one first (sellerTab is the cheapest call that does) gives every route the index.
  body.orders.forEach((order, index) => {
    try {
      sellerTab(order);
    } catch (error) {
      throw atIndex(error, index);
    }
  });
  return body.orders;
}

function atIndex(error, index) {
  if (error?.name === 'FbsError') error.details = { ...error.details, index };
  return error;
}

/**
 * Labels for postings: `format: "svg"` is one label as an SVG document (exactly one posting); a printer
 * language is one job with a label per posting, in order. Every other body field is a print option
 * (`size`, `dpi`, `gapMm`, `density`, …; for SVG only the label options `size`, `dpi`, `cluster`,
 * `boxIndex`, `boxCount`, `utcOffsetMinutes`), checked by fbskit.
 */
function labels(body) {
  requireFields(body, 'format');
  const { postings, orders: given, format, ...options } = body;
  const formats = ['svg', ...printerLanguages()];
  if (!formats.includes(format)) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `\`format\` must be one of ${formats.join(', ')}.`,
      { field: 'format', value: format, allowed: formats });
  }
  if (options.language !== undefined) {
    throw new HttpError(400, 'INVALID_ARGUMENT', 'Name the printer language in `format`, not `language`.', { field: 'language' });
  }
  const orders = ordersOf({ postings, orders: given });
  if (format === 'svg') {
    if (orders.length !== 1) {
      throw new HttpError(400, 'SVG_NEEDS_ONE_POSTING', `An SVG holds one label, for exactly one posting; the request has ${orders.length}. Use a printer format for several.`,
        { count: orders.length });
    }
    return new Response(renderLabel(orders[0], options), {
      headers: { 'content-type': 'image/svg+xml; charset=utf-8' },
    });
  }
  const job = printJob(orders, { ...options, language: format });
  return new Response(job, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="labels-${orders.length}.prn"`,
    },
  });
}

/** Checks a packed parcel: every violation, and `ok` when none of them blocks hand-over. */
function checkPacking(body) {
  requireFields(body, 'packing');
  const order = oneOf(body, 'order', 'posting') === 'order' ? body.order : importPosting(body.posting);
  const violations = validatePacking(order, body.packing, body.profile);
  return { violations, ok: !violations.some((violation) => violation.severity === 'error') };
}

/** The orders still to ship, by warehouse and shipment day, against the caller's `now`. */
function planDropOff(body) {
  requireFields(body, 'now');
  const orders = ordersOf(body);
  const options = {};
  for (const key of ['windowMinutes', 'utcOffsetMinutes']) if (body[key] !== undefined) options[key] = body[key];
  return dropOffPlan(orders, body.now, options);
}

const routes = {
  '/health': { GET: health },
  '/import': { POST: jsonBody(importOrders) },
  '/transition': { POST: jsonBody(transition) },
  '/labels': { POST: jsonBody(labels) },
  '/validate-packing': { POST: jsonBody(checkPacking) },
  '/drop-off-plan': { POST: jsonBody(planDropOff) },
};

export default {
  fetch: (request, env, ctx) => route(routes, request, env, ctx),
};
