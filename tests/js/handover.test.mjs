// The handover note and batch hand-over through the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importPosting, applyEvent, renderHandoverNote, handOver } from 'fbskit';

const v4 = JSON.parse(readFileSync(new URL('../fixtures/posting-v4-item.json', import.meta.url), 'utf8'));
const packing = {
  package: { lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 950, kind: 'box' },
  labels: [{ widthMm: 75, heightMm: 120, face: 'top', xMm: 20, yMm: 20 }],
  printMethod: 'thermal',
  labelSurface: 'matte',
};
const act = { actNumber: 'A-2026-1127', collectionPoint: 'ПВЗ Ozon, Казань, ул. Баумана 1', date: '2026-11-27T12:00:00+03:00' };

const ready = (i) => {
  const posting = { ...v4, posting_number: `02081941${String(i).padStart(2, '0')}-0001-1`, barcodes: { upper_barcode: `%101%8060445${String(i).padStart(2, '0')}`, lower_barcode: '23024930500000' } };
  let order = importPosting(posting);
  order = applyEvent(order, { type: 'printLabel', at: '2026-11-27T09:00:00Z' });
  return applyEvent(order, { type: 'pack', at: '2026-11-27T09:10:00Z', packing });
};

test('a 14-posting note is two A4 pages, identical to the native render', () => {
  const orders = Array.from({ length: 14 }, (_, i) => ready(i));
  const pages = renderHandoverNote(orders, act);
  assert.equal(pages.length, 2);
  assert.match(pages[0], /width="210mm" height="297mm"/);
  assert.equal(pages[1], readFileSync(new URL('../golden/handover-note-page2.svg', import.meta.url), 'utf8'));
});

test('hand-over is all or nothing', () => {
  const orders = [ready(1), ready(2)];
  const done = handOver(orders, act);
  assert.ok(done.every((o) => o.progress.handedOver && o.handOver.actNumber === act.actNumber));
  const notLabelled = importPosting(v4);
  assert.throws(() => handOver([ready(3), notLabelled], act), (e) => e.code === 'LABEL_NOT_PRINTED' && e.details.index === 1);
  assert.throws(() => renderHandoverNote([], act), { code: 'INVALID_BATCH' });
  assert.throws(() => renderHandoverNote(orders, { ...act, actNumber: '' }), { code: 'INVALID_ACT' });
});
