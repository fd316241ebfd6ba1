// The example Worker (www/worker/) on the real workerd runtime, with the package as users install it
// (tests/node_modules/fbskit, its `workerd` export condition). The test writes a workerd config that
// embeds the Worker's modules and the package's, starts the workerd binary itself on a free
// 127.0.0.1 port, sends real HTTP requests, and stops workerd by pid even when a test fails.
//
// Prints the cold start (spawn → first successful response) and the size of the wasm the Worker uploads.
//
// Printer jobs are read back in this process: TSPL by a small parser written here (independent of
// fbskit's decoder), the other languages by the package's `decodeJob`; both are compared dot for dot
// with the package's `rasterize` of the same orders (fbskit imported here resolves to its `node` entry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { dropOffPlan, importPostings, rasterize, renderLabel } from 'fbskit';
import { decodeJob } from 'fbskit/inspect';

const tests = fileURLToPath(new URL('../', import.meta.url));
const workerDir = fileURLToPath(new URL('../../www/worker/', import.meta.url));
const packageDir = join(tests, 'node_modules/fbskit');
const workerdBin = join(tests, 'node_modules/.bin/workerd');
const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const fixture = JSON.parse(readFileSync(join(tests, 'fixtures/posting-v3.json'), 'utf8'));
/** A second posting of the same order, with barcodes, so its label differs from the first one's. */
const second = {
  ...fixture.result,
  posting_number: '23713478-0018-4',
  barcodes: { upper_barcode: '%101%806044518', lower_barcode: '23024930500000' },
};

let workerd;          // the child process
let output = '';      // workerd's stdout and stderr, shown when something fails
let base;             // http://127.0.0.1:<port>
let scratch;          // the temporary directory holding the config and the embedded files

/** The package entry for the `workerd` condition, and every module it imports relatively. */
function packageModules() {
  if (!existsSync(join(packageDir, 'package.json'))) {
    throw new Error(`${packageDir} is missing: run scripts/test.sh (it installs the packed package) first`);
  }
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const entry = manifest.exports?.['.']?.workerd;
  assert.ok(entry, 'package.json has a `workerd` export condition');
  const modules = [{ name: 'fbskit', file: join(packageDir, entry) }];
  const seen = new Set();
  const visit = (file) => {
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.\/[^'"]+)['"]/g)) {
      const name = spec.slice(2);
      if (seen.has(name)) continue;
      seen.add(name);
      const path = join(dirname(file), name);
      modules.push({ name, file: path });
      if (name.endsWith('.js')) visit(path);
    }
  };
  visit(modules[0].file);
  return modules;
}

/** The Worker's own modules: every .js file in www/worker/src, `index.js` (the main module) first. */
function workerModules() {
  const src = join(workerDir, 'src');
  const names = readdirSync(src).filter((f) => f.endsWith('.js')).sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)));
  assert.equal(names[0], 'index.js', 'www/worker/src/index.js exists');
  return names.map((name) => ({ name, file: join(src, name) }));
}

/**
 * A workerd config: one service running the Worker, one HTTP socket on 127.0.0.1:port. Module names
 * are how workerd resolves imports: `fbskit` is the package entry, and its `./fbskit.js` and
 * `./fbskit_bg.wasm` resolve next to it, at the top level, like the Worker's `./http.js`.
 */
function writeConfig(dir, modules, port, compatibilityDate) {
  const lines = modules.map(({ name, file }, i) => {
    const embedded = `m${i}-${name}`;
    copyFileSync(file, join(dir, embedded));
    const kind = name.endsWith('.wasm') ? 'wasm' : 'esModule';
    return `    (name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(embedded)}),`;
  });
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "${HOST}:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${lines.join('\n')}
  ],
  compatibilityDate = "${compatibilityDate}",
);
`;
  const path = join(dir, 'config.capnp');
  writeFileSync(path, config);
  return path;
}

/** A port nobody listens on now (the OS picks it), or FBSKIT_WORKERD_PORT. */
async function freePort() {
  if (process.env.FBSKIT_WORKERD_PORT) return Number(process.env.FBSKIT_WORKERD_PORT);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when something accepts connections on the port. */
function portTaken(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    const done = (taken) => { socket.destroy(); resolve(taken); };
    socket.setTimeout(1000, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls /health until it answers 200; fails when workerd exits or the timeout passes. */
async function waitForHealth(started) {
  const deadline = started + STARTUP_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (workerd.exitCode !== null || workerd.signalCode !== null) {
      throw new Error(`workerd exited (${workerd.exitCode ?? workerd.signalCode}) before answering:\n${output}`);
    }
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return response;
      await response.body?.cancel();
    } catch {
      // Not listening yet.
    }
    await sleep(20);
  }
  throw new Error(`workerd did not answer ${base}/health within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
}

async function stopWorkerd() {
  if (!workerd || workerd.exitCode !== null || workerd.signalCode !== null) return;
  const exited = new Promise((resolve) => workerd.once('exit', resolve));
  process.kill(workerd.pid, 'SIGTERM');
  let timer;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise((resolve) => { timer = setTimeout(resolve, 5000, false); }),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    process.kill(workerd.pid, 'SIGKILL');
    await exited;
  }
}

before(async () => {
  const wrangler = readFileSync(join(workerDir, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1];
  assert.ok(compatibilityDate, 'wrangler.toml sets compatibility_date');

  const modules = [...workerModules(), ...packageModules()];
  const names = modules.map((m) => m.name);
  assert.equal(new Set(names).size, names.length, `module names collide: ${names.join(', ')}`);

  const port = await freePort();
  if (await portTaken(port)) {
    throw new Error(`port ${port} on ${HOST} is taken: is a stale workerd or server still running?`);
  }
  base = `http://${HOST}:${port}`;
  scratch = mkdtempSync(join(tmpdir(), 'fbskit-workerd-'));
  const config = writeConfig(scratch, modules, port, compatibilityDate);

  const wasm = readFileSync(modules.find((m) => m.name.endsWith('.wasm')).file);
  const all = Buffer.concat(modules.map((m) => readFileSync(m.file)));

  const started = performance.now();
  workerd = spawn(workerdBin, ['serve', config], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
  workerd.stdout.on('data', (chunk) => { output += chunk; });
  workerd.stderr.on('data', (chunk) => { output += chunk; });
  // Last resort if the test process dies without running `after`: never leave workerd behind.
  process.once('exit', () => { if (workerd.exitCode === null) workerd.kill('SIGKILL'); });
  const spawnFailed = new Promise((_, reject) => workerd.once('error', reject));
  try {
    await Promise.race([waitForHealth(started), spawnFailed]);
  } catch (error) {
    await stopWorkerd();
    throw error;
  }
  const coldStart = performance.now() - started;
  console.log(`workerd pid ${workerd.pid} on ${base}; cold start (spawn → first 200): ${coldStart.toFixed(0)} ms`);
  console.log(`uploaded wasm: ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} gzipped; `
    + `all ${modules.length} modules: ${all.length} bytes, ${gzipSync(all, { level: 9 }).length} gzipped`);
});

after(async () => {
  await stopWorkerd();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const post = (path, body, init = {}) => fetch(`${base}${path}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  ...init,
});

/** Asserts the JSON error shape and returns its `error` object. */
async function expectError(response, status, code) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const { error } = JSON.parse(text);
  assert.equal(error.code, code, text);
  assert.equal(typeof error.message, 'string');
  assert.equal(typeof error.details, 'object');
  return error;
}

test('GET /health answers with the package version', async () => {
  const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  assert.equal(response.status, 200);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.deepEqual(await response.json(), { ok: true, version: manifest.version });
});

test('POST /import turns postings into orders, then /transition applies events', async () => {
  const imported = await post('/import', { postings: [fixture.result] });
  assert.equal(imported.status, 200);
  const [order, ...rest] = await imported.json();
  assert.equal(rest.length, 0);
  assert.equal(order.postingNumber, '23713478-0018-3');
  assert.equal(order.status, 'awaiting_packaging');

  const prepared = await post('/transition', { order, event: { type: 'markPrepared', at: '2026-11-27T09:30:00Z' } });
  assert.equal(prepared.status, 200);
  const next = await prepared.json();
  assert.equal(next.status, 'awaiting_deliver');
  assert.deepEqual(next.history.map((e) => e.type), ['markPrepared']);

  // An Ozon list response works as well as an array.
  const list = await post('/import', { postings: { result: { postings: [fixture.result] } } });
  assert.equal(list.status, 200);
  assert.equal((await list.json())[0].postingNumber, '23713478-0018-3');
});

test('an event the status does not allow is 400 TRANSITION_NOT_ALLOWED', async () => {
  const [order] = await (await post('/import', { postings: [fixture.result] })).json();
  const response = await post('/transition', { order, event: { type: 'printLabel', at: '2026-11-27T09:32:00Z' } });
  const error = await expectError(response, 400, 'TRANSITION_NOT_ALLOWED');
  assert.equal(error.details.status, 'awaiting_packaging');
  assert.equal(error.details.event, 'printLabel');
});

test('bad input is 400 with the FbsError code, never 500', async () => {
  const [order] = await (await post('/import', { postings: [fixture.result] })).json();
  await expectError(await post('/transition', { order, event: { type: 'nope', at: 'x' } }), 400, 'INVALID_EVENT');
  await expectError(await post('/transition', { order: { hello: 1 }, event: { type: 'markPrepared', at: '2026-11-27T09:30:00Z' } }), 400, 'INVALID_ORDER');
  await expectError(await post('/import', { postings: [{ ...fixture.result, posting_number: undefined }] }), 400, 'POSTING_MISSING_FIELD');
  const missing = await expectError(await post('/transition', { order }), 400, 'INVALID_ARGUMENT');
  assert.deepEqual(missing.details.missing, ['event']);
  await expectError(await post('/import', '[1, 2]'), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/import', 'null'), 400, 'INVALID_ARGUMENT');
});

test('a malformed JSON body is 400 INVALID_JSON', async () => {
  await expectError(await post('/transition', '{"order": '), 400, 'INVALID_JSON');
  await expectError(await post('/import', ''), 400, 'INVALID_JSON');
  await expectError(await post('/import', new Uint8Array([0x7b, 0xff, 0x7d])), 400, 'INVALID_JSON');
});

/**
 * A POST through node:http that stops sending as soon as the response arrives, the way a real client
 * sees a server that refuses a body early (fetch would fail with EPIPE instead). Sends `chunks`, then
 * ends the request unless `end` is false (a Content-Length that promises bytes never sent).
 */
function postEarlyAnswer(path, { headers = {}, chunks = [], end = true }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: 'POST', headers });
    let answered = false;
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
    const fail = (error) => { clearTimeout(timer); reject(error); };
    req.on('error', (error) => { if (!answered) fail(error); });
    req.on('response', (res) => {
      answered = true;
      const parts = [];
      res.on('data', (part) => parts.push(part));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve(new Response(Buffer.concat(parts), { status: res.statusCode, headers: { 'content-type': res.headers['content-type'] ?? '', ...(res.headers.allow ? { allow: res.headers.allow } : {}) } }));
      });
    });
    req.flushHeaders();
    (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) {
          await new Promise((resume) => {
            const done = () => { req.off('drain', done); req.off('close', done); resume(); };
            req.on('drain', done);
            req.on('close', done);
          });
        }
      }
      if (end && !answered && !req.destroyed) req.end();
    })();
  });
}

test('a body over 5 MB is 413, by Content-Length and by the bytes that arrive (chunked)', async () => {
  // The announced length alone is refused: the body is never sent, so only the header check can answer.
  const announced = await postEarlyAnswer('/import', {
    headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
    end: false,
  });
  const byLength = await expectError(announced, 413, 'PAYLOAD_TOO_LARGE');
  assert.equal(byLength.details.limit, MAX_BODY_BYTES);

  // No Content-Length, chunked encoding: only counting the bytes read can catch it.
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const chunks = Array.from({ length: Math.ceil(MAX_BODY_BYTES / chunk.length) + 4 }, () => chunk);
  const chunked = await postEarlyAnswer('/import', { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks });
  const error = await expectError(chunked, 413, 'PAYLOAD_TOO_LARGE');
  assert.ok(error.details.received > MAX_BODY_BYTES);

  // Exactly at the limit is read (and then refused for its content, not its size).
  const json = '{"unrelated": 1}';
  const atLimit = json + ' '.repeat(MAX_BODY_BYTES - json.length);
  assert.equal(Buffer.byteLength(atLimit), MAX_BODY_BYTES);
  const atLimitError = await expectError(await post('/import', atLimit), 400, 'INVALID_ARGUMENT');
  assert.deepEqual(atLimitError.details.missing, ['postings']);
});

test('an unknown route is 404 and a wrong method 405 with Allow', async () => {
  await expectError(await post('/nowhere', {}), 404, 'NOT_FOUND');
  await expectError(await fetch(`${base}/`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }), 404, 'NOT_FOUND');
  const wrong = await fetch(`${base}/transition`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  assert.equal(wrong.headers.get('allow'), 'POST');
  await expectError(wrong, 405, 'METHOD_NOT_ALLOWED');
  await expectError(await post('/health', {}), 405, 'METHOD_NOT_ALLOWED');
});

// ---- Labels, packing checks and the drop-off plan ----

const bytesOf = async (response) => new Uint8Array(await response.arrayBuffer());

/** Asserts a successful printer-job response and returns its bytes. */
async function expectJob(response, labels) {
  if (response.status !== 200) assert.fail(`${response.status}: ${await response.text()}`);
  assert.equal(response.headers.get('content-type'), 'application/octet-stream');
  assert.equal(response.headers.get('content-disposition'), `attachment; filename="labels-${labels}.prn"`);
  return bytesOf(response);
}

/**
 * Reads a TSPL job the way a TSC printer does, without fbskit: text commands ending in CRLF, and
 * `BITMAP x,y,widthBytes,height,mode,<widthBytes × height raw bytes>` where a 0 bit prints (black) and
 * bytes run left to right, most significant bit first. `CLS` clears the label canvas (the `SIZE` in
 * force at `dotsPerMm`), `PRINT m[,n]` prints it. Returns the printed labels as bitmaps in `rasterize`'s
 * form (1 = black, rows padded to whole bytes) with the settings they were printed with.
 */
function parseTspl(bytes, dotsPerMm) {
  const text = (from, to) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  const settings = {};
  const labels = [];
  let canvas = null; // { width, height, dots: Uint8Array, one byte per dot, 1 = black }
  let pos = 0;
  const number = (value, what) => {
    assert.match(value, /^-?\d+(\.\d+)?$/, `${what}: a number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const millimetres = (value, what) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*mm\s*$/.exec(value);
    assert.ok(match, `${what}: a length in mm, got ${JSON.stringify(value)}`);
    return Number(match[1]);
  };
  while (pos < bytes.length) {
    if (text(pos, pos + 7) === 'BITMAP ') {
      // Six comma-separated fields; the sixth is binary, so the length comes from the first five.
      const fields = [];
      let start = pos + 7;
      for (let i = 0; i < 5; i++) {
        const comma = bytes.indexOf(0x2c, start);
        assert.ok(comma > 0, 'BITMAP has six fields');
        fields.push(number(text(start, comma).trim(), `BITMAP field ${i + 1}`));
        start = comma + 1;
      }
      const [x, y, widthBytes, height, mode] = fields;
      const end = start + widthBytes * height;
      assert.ok(end <= bytes.length, `BITMAP announces ${widthBytes * height} bytes; the job ends first`);
      assert.equal(text(end, end + 2), '\r\n', 'BITMAP data ends with CRLF');
      assert.ok(canvas, 'BITMAP after CLS');
      assert.ok([0, 1, 2].includes(mode), `BITMAP mode ${mode} is overwrite (0), OR (1) or XOR (2)`);
      for (let row = 0; row < height; row++) {
        for (let col = 0; col < widthBytes * 8; col++) {
          const byte = bytes[start + row * widthBytes + (col >> 3)];
          const black = ((byte >> (7 - (col & 7))) & 1) === 0;
          const [cx, cy] = [x + col, y + row];
          if (cx >= canvas.width || cy >= canvas.height) {
            assert.ok(!black, `BITMAP prints a dot at ${cx},${cy}, outside the ${canvas.width}×${canvas.height} label`);
            continue;
          }
          const at = cy * canvas.width + cx;
          if (mode === 0) canvas.dots[at] = black ? 1 : 0;
          else if (black) canvas.dots[at] = mode === 1 ? 1 : canvas.dots[at] ^ 1;
        }
      }
      pos = end + 2;
      continue;
    }
    const eol = bytes.indexOf(0x0a, pos);
    const line = text(pos, eol < 0 ? bytes.length : eol).replace(/\r$/, '');
    pos = eol < 0 ? bytes.length : eol + 1;
    if (line.trim() === '') continue;
    const [, command, args = ''] = /^([A-Z]+)\s*(.*)$/.exec(line) ?? [];
    const list = args.split(',');
    switch (command) {
      case 'SIZE':
        settings.size = { widthMm: millimetres(list[0], 'SIZE width'), heightMm: millimetres(list[1], 'SIZE height') };
        break;
      case 'GAP':
        settings.gap = { gapMm: millimetres(list[0], 'GAP'), offsetMm: millimetres(list[1], 'GAP offset') };
        break;
      case 'DENSITY': settings.density = number(args, 'DENSITY'); break;
      case 'SPEED': settings.speed = number(args, 'SPEED'); break;
      case 'DIRECTION': settings.direction = list.map((v) => number(v.trim(), 'DIRECTION')); break;
      case 'REFERENCE': settings.reference = list.map((v) => number(v.trim(), 'REFERENCE')); break;
      case 'OFFSET': case 'SHIFT': case 'SET': case 'CODEPAGE': break;
      case 'CLS': {
        assert.ok(settings.size, 'SIZE before CLS');
        const width = Math.round(settings.size.widthMm * dotsPerMm);
        const height = Math.round(settings.size.heightMm * dotsPerMm);
        canvas = { width, height, dots: new Uint8Array(width * height) };
        break;
      }
      case 'PRINT': {
        assert.ok(canvas, 'PRINT after CLS');
        const [sets, copies = 1] = list.map((v) => number(v.trim(), 'PRINT'));
        const bytesPerRow = Math.ceil(canvas.width / 8);
        const data = new Uint8Array(bytesPerRow * canvas.height);
        canvas.dots.forEach((dot, i) => {
          if (dot) data[Math.floor(i / canvas.width) * bytesPerRow + ((i % canvas.width) >> 3)] |= 0x80 >> ((i % canvas.width) & 7);
        });
        labels.push({
          bitmap: { widthDots: canvas.width, heightDots: canvas.height, bytesPerRow, data },
          settings: structuredClone(settings),
          sets,
          copies,
        });
        break;
      }
      default:
        assert.fail(`unexpected TSPL command ${JSON.stringify(line.slice(0, 40))}`);
    }
  }
  return labels;
}

/** Asserts two bitmaps are the same, naming the first differing dot instead of dumping the bytes. */
function assertSameBitmap(actual, expected, what) {
  assert.deepEqual([actual.widthDots, actual.heightDots, actual.bytesPerRow], [expected.widthDots, expected.heightDots, expected.bytesPerRow],
    `${what}: size`);
  const a = Buffer.from(actual.data);
  const b = Buffer.from(expected.data);
  if (a.equals(b)) return;
  const i = a.findIndex((byte, k) => byte !== b[k]);
  const row = Math.floor(i / expected.bytesPerRow);
  assert.fail(`${what}: dots differ first in row ${row}, near x = ${(i % expected.bytesPerRow) * 8}`);
}

const blackDots = (bitmap) => bitmap.data.reduce((n, byte) => n + byte.toString(2).split('1').length - 1, 0);

test('POST /labels format svg answers one label as an SVG document', async () => {
  const response = await post('/labels', { postings: fixture.result, format: 'svg' });
  const svg = await response.text();
  assert.equal(response.status, 200, svg);
  assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
  assert.ok(svg.startsWith('<svg'), svg.slice(0, 80));
  assert.match(svg, /^<svg[^>]* width="75mm"/);
  assert.match(svg, /^<svg[^>]* height="120mm"/);
  // The same bytes as the package renders in Node: the core is deterministic across runtimes.
  assert.equal(svg, renderLabel(importPostings(fixture.result)[0]));

  // Label options pass through: a small label, from an already imported order.
  const [order] = importPostings(fixture.result);
  const small = await post('/labels', { orders: [order], format: 'svg', size: '58x40' });
  assert.equal(small.status, 200);
  assert.match(await small.text(), /^<svg[^>]* width="58mm" height="40mm"/);
});

test('POST /labels format tspl: one job, a label per posting in order, equal to rasterize', async () => {
  const postings = [fixture.result, second];
  const orders = importPostings(postings);
  const job = await expectJob(await post('/labels', { postings, format: 'tspl' }), 2);
  const labels = parseTspl(job, 8); // 203 dpi: 8 dots per mm
  assert.equal(labels.length, 2);
  const rasters = orders.map((order) => rasterize(order));
  assert.notDeepEqual(rasters[0].data, rasters[1].data, 'the two postings have different labels');
  labels.forEach((label, i) => {
    assert.deepEqual(label.settings.size, { widthMm: 75, heightMm: 120 });
    assert.deepEqual(label.settings.gap, { gapMm: 3, offsetMm: 0 });
    assert.equal(label.sets, 1);
    assert.equal(label.copies, 1);
    assert.ok(blackDots(label.bitmap) > 1000, `label ${i} has print on it`);
    assertSameBitmap(label.bitmap, rasters[i], `label ${i}`);
  });

  // Already imported orders give the same job; print options pass through.
  const same = await expectJob(await post('/labels', { orders, format: 'tspl' }), 2);
  assert.ok(Buffer.from(same).equals(Buffer.from(job)), '`orders` and `postings` give the same job');
  const tuned = parseTspl(await expectJob(await post('/labels', { postings: [second], format: 'tspl', size: '58x40', gapMm: 2, density: 12, copies: 3 }), 1), 8);
  assert.equal(tuned.length, 1);
  assert.deepEqual(tuned[0].settings.size, { widthMm: 58, heightMm: 40 });
  assert.equal(tuned[0].settings.gap.gapMm, 2);
  assert.equal(tuned[0].settings.density, 12);
  assert.equal(tuned[0].sets * tuned[0].copies, 3);
  assertSameBitmap(tuned[0].bitmap, rasterize(orders[1], { size: '58x40' }), '58x40 label');
});

test('POST /labels in ZPL, EPL and ESC/POS decodes back to the rasters', async () => {
  const postings = { result: { postings: [fixture.result, second] } };
  const orders = importPostings(postings);
  const zpl = await expectJob(await post('/labels', { postings, format: 'zpl' }), 2);
  const zplText = Buffer.from(zpl).toString('latin1');
  assert.equal(zplText.match(/\^XA/g)?.length, 2, 'two ^XA … ^XZ formats');
  assert.equal(zplText.match(/\^XZ/g)?.length, 2);
  assert.match(zplText, /:Z64:/);
  for (const [language, options] of [['zpl', {}], ['epl', {}], ['escpos', { size: '58x40' }], ['epl', { size: '58x40', dpi: 300 }]]) {
    const job = language === 'zpl' && Object.keys(options).length === 0
      ? zpl
      : await expectJob(await post('/labels', { postings, format: language, ...options }), 2);
    const labels = decodeJob(job, { language, ...options });
    assert.equal(labels.length, 2, language);
    labels.forEach((label, i) => assertSameBitmap(label, rasterize(orders[i], options), `${language} ${JSON.stringify(options)} label ${i}`));
  }
});

test('POST /labels refuses bad input with 400 and the code, never 500', async () => {
  const svgTwo = await expectError(await post('/labels', { postings: [fixture.result, second], format: 'svg' }), 400, 'SVG_NEEDS_ONE_POSTING');
  assert.equal(svgTwo.details.count, 2);
  await expectError(await post('/labels', { postings: [], format: 'svg' }), 400, 'SVG_NEEDS_ONE_POSTING');

  // A bad posting in a batch names its position, whatever shape the list has.
  const missing = { ...second, posting_number: undefined };
  const inArray = await expectError(await post('/labels', { postings: [fixture.result, missing], format: 'tspl' }), 400, 'POSTING_MISSING_FIELD');
  assert.equal(inArray.details.index, 1);
  const inList = await expectError(await post('/labels', { postings: { result: { postings: [fixture.result, second, { ...second, shipment_date: 'soon' }] } }, format: 'zpl' }),
    400, 'POSTING_INVALID_FIELD');
  assert.equal(inList.details.index, 2);

  // So does a bad order: one that is no order, and one whose label cannot be drawn.
  const [order] = importPostings(fixture.result);
  const notAnOrder = await expectError(await post('/labels', { orders: [order, { hello: 1 }], format: 'epl' }), 400, 'INVALID_ORDER');
  assert.equal(notAnOrder.details.index, 1);
  const undrawable = { ...order, barcodes: { upper: 'Ж' } };
  const barcode = await expectError(await post('/labels', { orders: [order, order, undrawable], format: 'escpos' }), 400, 'BARCODE_UNENCODABLE_CHAR');
  assert.equal(barcode.details.index, 2);

  const format = await expectError(await post('/labels', { postings: [fixture.result], format: 'pdf' }), 400, 'INVALID_ARGUMENT');
  assert.deepEqual(format.details.allowed, ['svg', 'tspl', 'zpl', 'epl', 'escpos']);
  const noFormat = await expectError(await post('/labels', { postings: [fixture.result] }), 400, 'INVALID_ARGUMENT');
  assert.deepEqual(noFormat.details.missing, ['format']);
  await expectError(await post('/labels', { postings: [fixture.result], orders: [order], format: 'tspl' }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/labels', { format: 'tspl' }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/labels', { orders: order, format: 'tspl' }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/labels', { postings: [fixture.result], format: 'tspl', language: 'zpl' }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/labels', { postings: [], format: 'tspl' }), 400, 'PRINT_NO_LABELS');
  await expectError(await post('/labels', { postings: [fixture.result], format: 'tspl', dpi: 0 }), 400, 'PRINT_INVALID_DPI');
  await expectError(await post('/labels', { postings: [fixture.result], format: 'zpl', density: 99 }), 400, 'PRINT_DENSITY_OUT_OF_RANGE');
  await expectError(await post('/labels', { postings: [fixture.result], format: 'tspl', size: '1x1' }), 400, 'PRINT_INVALID_OPTIONS');
  // Printer-only options mean nothing to an SVG.
  await expectError(await post('/labels', { postings: fixture.result, format: 'svg', gapMm: 3 }), 400, 'INVALID_ARGUMENT');
});

const goodPacking = {
  package: { lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 900, kind: 'box', color: 'brown' },
  labels: [{ widthMm: 75, heightMm: 120, fragments: 1, face: 'top', xMm: 20, yMm: 20, rotationDeg: 0 }],
  printMethod: 'thermal',
  labelSurface: 'matte',
  tape: [],
};

test('POST /validate-packing answers every violation and whether hand-over may go ahead', async () => {
  const [order] = importPostings(fixture.result);
  const good = await post('/validate-packing', { order, packing: goodPacking });
  assert.equal(good.status, 200);
  assert.deepEqual(await good.json(), { violations: [], ok: true });

  const bad = { ...goodPacking, package: { ...goodPacking.package, weightG: 30000 }, printMethod: 'inkjet', labelSurface: 'glossy' };
  const refused = await post('/validate-packing', { posting: fixture.result, packing: bad });
  assert.equal(refused.status, 200);
  const result = await refused.json();
  assert.equal(result.ok, false);
  assert.deepEqual(result.violations.map((v) => v.code).sort(), ['LABEL_SURFACE_GLOSSY', 'PRINT_METHOD_NOT_THERMAL', 'WEIGHT_OVER_LIMIT']);
  assert.ok(result.violations.every((v) => typeof v.message.en === 'string' && typeof v.message.ru === 'string'));

  // Warnings alone do not block hand-over; a profile may be named.
  const glossy = await (await post('/validate-packing', { order, packing: { ...goodPacking, labelSurface: 'glossy' } })).json();
  assert.equal(glossy.ok, true);
  assert.deepEqual(glossy.violations.map((v) => [v.code, v.severity]), [['LABEL_SURFACE_GLOSSY', 'warning']]);
  const small = await (await post('/validate-packing', { order, packing: goodPacking, profile: 'small_label' })).json();
  assert.equal(small.ok, false);
  assert.ok(small.violations.some((v) => v.code === 'LABEL_SIZE_MISMATCH'));

  await expectError(await post('/validate-packing', { order, packing: { package: {} } }), 400, 'PACKING_MALFORMED');
  await expectError(await post('/validate-packing', { order, packing: goodPacking, profile: 'nope' }), 400, 'PROFILE_UNKNOWN');
  await expectError(await post('/validate-packing', { packing: goodPacking }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/validate-packing', { order }), 400, 'INVALID_ARGUMENT');
  await expectError(await post('/validate-packing', { posting: { ...fixture.result, posting_number: undefined }, packing: goodPacking }), 400, 'POSTING_MISSING_FIELD');
});

test('POST /drop-off-plan groups the orders still to ship', async () => {
  const postings = [fixture.result, second];
  const now = '2026-11-27T13:00:00Z';
  const response = await post('/drop-off-plan', { postings, now, windowMinutes: 90 });
  assert.equal(response.status, 200);
  const plan = await response.json();
  assert.deepEqual(plan, dropOffPlan(importPostings(postings), now, { windowMinutes: 90 }));
  assert.equal(plan.groups.length, 1);
  assert.deepEqual(plan.groups[0].postingNumbers, ['23713478-0018-3', '23713478-0018-4']);
  assert.equal(plan.groups[0].dueSoon, 2);

  const fromOrders = await post('/drop-off-plan', { orders: importPostings(postings), now: '2026-11-27T15:00:00Z' });
  assert.equal((await fromOrders.json()).groups[0].late, 2);

  await expectError(await post('/drop-off-plan', { postings, now: 'tomorrow' }), 400, 'INVALID_TIME');
  const noNow = await expectError(await post('/drop-off-plan', { postings }), 400, 'INVALID_ARGUMENT');
  assert.deepEqual(noNow.details.missing, ['now']);
});

// Last: every request above was answered by the same workerd process, which never crashed.
test('workerd is still the process answering', () => {
  assert.equal(workerd.exitCode, null, output);
});
