// The example Worker (www/worker/) on the real workerd runtime, with the package as users install it
// (tests/node_modules/fbskit, its `workerd` export condition). The test writes a workerd config that
// embeds the Worker's modules and the package's, starts the workerd binary itself on a free
// 127.0.0.1 port, sends real HTTP requests, and stops workerd by pid even when a test fails.
//
// Prints the cold start (spawn → first successful response) and the size of the wasm the Worker uploads.
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

const tests = fileURLToPath(new URL('../', import.meta.url));
const workerDir = fileURLToPath(new URL('../../www/worker/', import.meta.url));
const packageDir = join(tests, 'node_modules/fbskit');
const workerdBin = join(tests, 'node_modules/.bin/workerd');
const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const fixture = JSON.parse(readFileSync(join(tests, 'fixtures/posting-v3.json'), 'utf8'));

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

test('workerd is still the process answering', () => {
  assert.equal(workerd.exitCode, null, output);
});
