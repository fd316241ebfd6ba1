// An example Cloudflare Worker over fbskit: the order lifecycle as a small JSON API.
//
//   GET  /health                        → { ok, version }
//   POST /import      { postings }      → Order[]   (a posting array or an Ozon list response)
//   POST /transition  { order, event }  → Order     (the order with the event applied)
//
// Errors are `{ error: { code, message, details } }`: fbskit's `FbsError` codes and bad requests are
// 400, an unknown path 404, a wrong method 405, a body over 5 MB 413.
//
// A new endpoint is one handler and one line in `routes`. A handler wrapped in `jsonBody` gets the
// parsed body; it returns a JSON-compatible value, or its own Response for other content types
// (an SVG label as image/svg+xml, printer job bytes as application/octet-stream).
import { applyEvent, importPostings, version } from 'fbskit';
import { jsonBody, requireFields, route } from './http.js';

const health = () => Response.json({ ok: true, version: version() });

function importOrders(body) {
  requireFields(body, 'postings');
  return importPostings(body.postings);
}

function transition(body) {
  requireFields(body, 'order', 'event');
  return applyEvent(body.order, body.event);
}

const routes = {
  '/health': { GET: health },
  '/import': { POST: jsonBody(importOrders) },
  '/transition': { POST: jsonBody(transition) },
};

export default {
  fetch: (request, env, ctx) => route(routes, request, env, ctx),
};
