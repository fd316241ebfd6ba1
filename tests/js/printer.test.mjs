// Printer jobs through the built package: what a page sends to the printer, read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as main from 'fbskit';
import { importPosting, rasterize, printJob, printerLanguages } from 'fbskit';
import * as inspect from 'fbskit/inspect';

const { decodeJob } = inspect;

const v4 = JSON.parse(readFileSync(new URL('../fixtures/posting-v4-item.json', import.meta.url), 'utf8'));

test('every language decodes back to the label raster', () => {
  const order = importPosting(v4);
  assert.deepEqual(printerLanguages(), ['tspl', 'zpl', 'epl', 'escpos']);
  const raster = rasterize(order);
  assert.deepEqual([raster.widthDots, raster.heightDots, raster.bytesPerRow], [600, 960, 75]);
  assert.ok(raster.data instanceof Uint8Array);
  const refused = [];
  for (const language of printerLanguages()) {
    for (const rotation of [0, 90, 180, 270]) {
      const options = { language, rotation };
      let job;
      try {
        job = printJob([order, order], options);
      } catch (e) {
        assert.equal(e.code, 'PRINT_LABEL_TOO_WIDE');
        refused.push(`${language} ${rotation}`);
        continue;
      }
      assert.ok(job instanceof Uint8Array);
      const labels = decodeJob(job, options);
      assert.equal(labels.length, 2);
      for (const label of labels) assert.deepEqual(label, raster, `${language} ${rotation}`);
    }
  }
  // Only EPL's 104 mm head cannot take the label turned (120 mm wide).
  assert.deepEqual(refused, ['epl 90', 'epl 270']);
});

test('decodeJob is in fbskit/inspect only, which has the whole API besides', () => {
  assert.equal(main.decodeJob, undefined);
  assert.equal(typeof inspect.decodeJob, 'function');
  const functions = (m) => Object.keys(m).filter((k) => typeof m[k] === 'function' && k !== 'default' && k !== 'initSync').sort();
  assert.deepEqual(functions(inspect).filter((k) => k !== 'decodeJob'), functions(main));
  // Two modules, two memories: orders are plain data, so one made by either works in the other.
  const order = main.importPosting(v4);
  const options = { language: 'zpl' };
  assert.deepEqual(inspect.decodeJob(main.printJob([order], options), options), [inspect.rasterize(order)]);
});

test('a bad order in a batch names its index', () => {
  const order = importPosting(v4);
  const bad = { ...order, barcodes: { upper: 'Ж' } };
  assert.throws(() => printJob([order, order, bad], { language: 'zpl' }), (e) => e.code === 'BARCODE_UNENCODABLE_CHAR' && e.details.index === 2);
  assert.throws(() => printJob([order], { density: 99 }), { code: 'PRINT_DENSITY_OUT_OF_RANGE' });
  assert.throws(() => printJob([order], { gapMm: -1 }), { code: 'PRINT_INVALID_GAP' });
  assert.throws(() => printJob([], {}), { code: 'PRINT_NO_LABELS' });
  assert.throws(() => printJob([order, { not: 'an order' }], {}), (e) => e.code === 'INVALID_ORDER' && e.details.index === 1);
});
