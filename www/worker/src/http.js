// The HTTP plumbing of the example Worker: a route table, JSON bodies read under a size limit, and
// every failure as `{ error: { code, message, details } }`. Nothing here knows about orders.

/** Request bodies above this many bytes are refused with 413, whatever Content-Length says. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** A failure the client caused (or a missing route); `status` is the HTTP status to answer with. */
export class HttpError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Answers a request from a route table: `{ '/path': { METHOD: handler } }`. A handler gets
 * `(request, env, ctx)` and returns a Response. Unknown paths are 404, known paths with another
 * method 405 (with `Allow`), and thrown errors become JSON error responses.
 */
export async function route(routes, request, env, ctx) {
  try {
    const { pathname } = new URL(request.url);
    const methods = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (!methods) {
      throw new HttpError(404, 'NOT_FOUND', `No route ${pathname}.`, { path: pathname });
    }
    const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!handler) {
      const allowed = Object.keys(methods);
      const error = new HttpError(405, 'METHOD_NOT_ALLOWED', `${pathname} accepts ${allowed.join(', ')}, not ${request.method}.`,
        { method: request.method, allowed });
      return errorResponse(error, { allow: allowed.join(', ') });
    }
    return await handler(request, env, ctx);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Wraps `handler(body, request, env, ctx)` into a route handler for a JSON object body. The handler
 * returns either a Response (for SVG, printer bytes, …) or a JSON-compatible value, sent as JSON.
 */
export function jsonBody(handler) {
  return async (request, env, ctx) => {
    const body = parseJsonObject(await readBody(request));
    const result = await handler(body, request, env, ctx);
    return result instanceof Response ? result : Response.json(result);
  };
}

/** Throws a 400 `INVALID_ARGUMENT` naming the fields of `body` that are missing. */
export function requireFields(body, ...fields) {
  const missing = fields.filter((field) => body[field] === undefined);
  if (missing.length > 0) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `The request body lacks ${missing.map((f) => `\`${f}\``).join(', ')}.`,
      { missing });
  }
}

/**
 * The body's bytes, refused with 413 when Content-Length announces more than the limit or when more
 * bytes than the limit actually arrive (a client may send a wrong length or none, with chunked encoding).
 */
async function readBody(request) {
  const announced = request.headers.get('content-length');
  if (announced !== null && Number(announced) > MAX_BODY_BYTES) {
    throw tooLarge(Number(announced));
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge(size);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(bytes) {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
    { limit: MAX_BODY_BYTES, received: bytes });
}

function parseJsonObject(bytes) {
  let body;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new HttpError(400, 'INVALID_JSON', 'The request body is not valid UTF-8 JSON.', { reason: error.message });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'INVALID_ARGUMENT', 'The request body must be a JSON object.',
      { received: body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body });
  }
  return body;
}

/**
 * The JSON error response for anything thrown: our HttpErrors with their status, fbskit's `FbsError`s
 * (bad input, so 400; `INTERNAL` is a bug, so 500) and anything else as a 500 that leaks no internals.
 */
function errorResponse(error, headers = {}) {
  let status;
  let body;
  if (error instanceof HttpError) {
    status = error.status;
    body = { code: error.code, message: error.message, details: error.details };
  } else if (error?.name === 'FbsError' && typeof error.code === 'string') {
    status = error.code === 'INTERNAL' ? 500 : 400;
    body = { code: error.code, message: error.message, details: error.details ?? {} };
  } else {
    console.error(error);
    status = 500;
    body = { code: 'INTERNAL', message: 'The Worker failed to answer this request.', details: {} };
  }
  return Response.json({ error: body }, { status, headers });
}
