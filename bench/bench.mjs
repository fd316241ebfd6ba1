// fbskit against what a JS developer would pick instead, in one Node process and one run.
// Same work for everyone: one 75 × 120 mm SVG per label with two Code 128 barcodes and the same text lines.
// Run: scripts/bench.sh (builds the package, installs it here from its tarball, runs this with
// --expose-gc, so every measuring round starts from a clean heap).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);

const t0 = performance.now();
const fbs = await import('fbskit');
const importMs = performance.now() - t0;

const bwipjs = require('bwip-js');
const JsBarcode = require('jsbarcode');
const { DOMImplementation, XMLSerializer } = require('@xmldom/xmldom');

// 64 realistic postings from a fixed seed.
let seed = 20261127;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const names = ['Мяч футбольный, размер 5', 'Чехол для телефона «Город», чёрный', 'Кружка керамическая 350 мл', 'Набор отвёрток, 24 предмета', 'Футболка хлопковая, размер M', 'Насос для мячей ручной', 'Книга «Война и мир», том 1', 'Зарядное устройство USB-C 65 Вт'];
const warehouses = ['Склад на Ленина', 'Казань Главный', 'Новосибирск Северный', 'Екатеринбург-2'];
const postings = Array.from({ length: 64 }, (_, i) => ({
  posting_number: `${digits(8)}-${digits(4)}-${1 + (i % 3)}`,
  order_number: `${digits(8)}-${digits(4)}`,
  status: 'awaiting_deliver',
  substatus: 'posting_not_in_carriage',
  delivery_method: { id: 1000 + i, name: 'Ozon Логистика самостоятельно', warehouse_id: 22, warehouse: warehouses[i % warehouses.length], tpl_provider: 'Ozon Логистика' },
  tracking_number: '',
  shipment_date: '2026-11-28T10:00:00Z',
  products: [{ sku: 100000 + i, name: names[i % names.length], offer_id: `SKU-${i}`, quantity: 1 + (i % 3), price: '499.00', currency_code: 'RUB' }],
  barcodes: { upper_barcode: `%101%${digits(9 + (i % 3))}`, lower_barcode: digits(14) },
}));
const orders = postings.map((p) => fbs.importPosting(p));
const lines = (p) => [
  `${p.delivery_method.tpl_provider} · ${p.delivery_method.name}`,
  p.posting_number,
  `Отгрузка 28.11.2026   Товаров ${p.products[0].quantity}   Место 1/1`,
  `Склад ${p.delivery_method.warehouse}`,
  p.products[0].name,
];
const escapeXml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const renderers = {
  fbskit: (i) => fbs.renderLabel(orders[i]),
  JsBarcode: (i) => {
    const p = postings[i];
    const doc = new DOMImplementation().createDocument('http://www.w3.org/2000/svg', 'svg', null);
    const svg = doc.documentElement;
    svg.setAttribute('width', '75mm');
    svg.setAttribute('height', '120mm');
    svg.setAttribute('viewBox', '0 0 283 453');
    for (const [value, y] of [[p.barcodes.upper_barcode, 20], [p.barcodes.lower_barcode, 330]]) {
      const inner = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
      inner.setAttribute('y', String(y));
      JsBarcode(inner, value, { xmlDocument: doc, format: 'CODE128', width: 1.4, height: 90, margin: 10 });
      svg.appendChild(inner);
    }
    lines(p).forEach((text, k) => {
      const t = doc.createElementNS('http://www.w3.org/2000/svg', 'text');
      t.setAttribute('x', '10');
      t.setAttribute('y', String(170 + k * 22));
      t.appendChild(doc.createTextNode(text));
      svg.appendChild(t);
    });
    return new XMLSerializer().serializeToString(svg);
  },
  'bwip-js': (i) => {
    const p = postings[i];
    const upper = bwipjs.toSVG({ bcid: 'code128', text: p.barcodes.upper_barcode, height: 25, includetext: true });
    const lower = bwipjs.toSVG({ bcid: 'code128', text: p.barcodes.lower_barcode, height: 12, includetext: true });
    const text = lines(p).map((t, k) => `<text x="10" y="${170 + k * 22}">${escapeXml(t)}</text>`).join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="75mm" height="120mm" viewBox="0 0 283 453"><g transform="translate(10 20)">${upper}</g>${text}<g transform="translate(10 330)">${lower}</g></svg>`;
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * µs per call of each `fn(i)` over the 64 inputs: warm-up, then rounds of at least `minMs`, the
 * functions' rounds interleaved. Each one's median round, and for each but the first the median over
 * rounds of its time over the first's.
 */
function measureSideBySide(fns, { rounds = 7, minMs = 300, settleMs = 100, count = 64 } = {}) {
  const names = Object.keys(fns);
  for (const name of names) for (let i = 0; i < 3 * count; i++) fns[name](i % count);
  const perRound = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const fn = fns[name];
      // Each round starts with a clean heap, so no renderer pays for the garbage another one left,
      // then runs untimed until the heap is back to its steady state for this renderer.
      globalThis.gc?.();
      const settle = performance.now();
      while (performance.now() - settle < settleMs) for (let i = 0; i < count; i++) fn(i);
      let calls = 0;
      const start = performance.now();
      while (performance.now() - start < minMs) {
        for (let i = 0; i < count; i++) fn(i);
        calls += count;
      }
      perRound[name].push(((performance.now() - start) * 1000) / calls);
    }
  }
  const [first, ...others] = names;
  return {
    median: Object.fromEntries(names.map((name) => [name, median(perRound[name])])),
    ratio: Object.fromEntries(
      others.map((name) => [name, median(perRound[name].map((us, r) => us / perRound[first][r]))]),
    ),
  };
}

const fmt = (n, d = 1) => n.toFixed(d).padStart(10);
console.log(`fbskit ${fbs.version()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log('\nSVG label (75 × 120 mm, two Code 128 barcodes, five text lines), median of 7 interleaved rounds:');
console.log(`${'renderer'.padEnd(12)}${'µs/label'.padStart(10)}${'labels/s'.padStart(10)}${'fbskit is'.padStart(14)}`);
// Rounds interleave the renderers (one round of each in turn), so a machine that slows down or speeds
// up during the run weighs on all of them alike; each ratio is the median of its per-round ratios.
const { median: results, ratio } = measureSideBySide(renderers);
for (const [name, us] of Object.entries(results)) {
  const times = name === 'fbskit' ? '' : `${ratio[name].toFixed(1)}× faster`;
  console.log(`${name.padEnd(12)}${fmt(us)}${fmt(1e6 / us, 0)}${times.padStart(14)}`);
}

console.log('\nPrinter jobs (203 dpi, 75 × 120 mm, rasterize + encode), median of 7 rounds:');
const tsplUs = {};
for (const language of ['tspl', 'zpl']) {
  const bytes = fbs.printJob([orders[0]], { language }).length;
  const us = measureSideBySide({ job: (i) => fbs.printJob([orders[i]], { language }) }).median.job;
  if (language === 'tspl') tsplUs.value = us;
  console.log(`${language.toUpperCase().padEnd(12)}${fmt(us)} µs/label${fmt(bytes, 0)} bytes/label`);
}
const thousand = Array.from({ length: 1000 }, (_, i) => orders[i % 64]);
const batch = [];
for (let r = 0; r < 3; r++) {
  const s = performance.now();
  const job = fbs.printJob(thousand, { language: 'tspl' });
  batch.push([performance.now() - s, job.length]);
}
const [batchMs, batchBytes] = batch.sort((a, b) => a[0] - b[0])[1];
console.log(`1,000-label TSPL job: ${batchMs.toFixed(0)} ms end to end, ${(batchBytes / 1e6).toFixed(1)} MB (median of 3)`);

const pkgDir = new URL('./node_modules/fbskit/', import.meta.url);
const wasm = readFileSync(new URL('fbskit_bg.wasm', pkgDir));
const glue = readFileSync(new URL('fbskit.js', pkgDir));
const compile = [];
for (let r = 0; r < 5; r++) {
  const s = performance.now();
  await WebAssembly.compile(wasm);
  compile.push(performance.now() - s);
}
console.log(`\nModule: import of 'fbskit' (compile + instantiate) ${importMs.toFixed(1)} ms; WebAssembly.compile ${median(compile).toFixed(1)} ms (median of 5)`);
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`Size: .wasm ${wasm.length} bytes raw, ${gz} gzipped; JS glue ${glue.length} bytes raw, ${gzipSync(glue, { level: 9 }).length} gzipped`);
const inspectWasm = readFileSync(new URL('inspect/fbskit_bg.wasm', pkgDir));
console.log(`      fbskit/inspect (the whole API plus decodeJob, loaded only by who imports it): .wasm ${inspectWasm.length} bytes raw, ${gzipSync(inspectWasm, { level: 9 }).length} gzipped`);

// The targets of issue 7, judged on this run's own figures.
const check = (ok, text) => console.log(`${ok ? 'met   ' : 'MISSED'}  ${text}`);
console.log('\nTargets:');
check(ratio.JsBarcode >= 10, `SVG labels ≥ 10× JsBarcode's labels/s (${ratio.JsBarcode.toFixed(1)}×)`);
check(ratio['bwip-js'] >= 50, `SVG labels ≥ 50× bwip-js's labels/s (${ratio['bwip-js'].toFixed(1)}×)`);
check(tsplUs.value < 1000, `raster + TSPL of one 203-dpi 75 × 120 label < 1 ms (${tsplUs.value.toFixed(0)} µs)`);
check(batchMs < 1000, `1,000-label TSPL batch < 1 s (${batchMs.toFixed(0)} ms)`);
check(gz < 200 * 1024, `.wasm < 200 KB gzipped (${(gz / 1024).toFixed(0)} KB)`);
