// Labels through the built package, as a Node user calls them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { importPosting, renderLabel, labelLayout } from 'fbskit';

const v4 = JSON.parse(readFileSync(new URL('../fixtures/posting-v4-item.json', import.meta.url), 'utf8'));
const golden = (name) => readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8');

test('renderLabel in Node is byte-identical to the native render', () => {
  const order = importPosting(v4);
  assert.equal(renderLabel(order, { size: '75x120', dpi: 203, cluster: 'B' }), golden('label-75x120-203dpi.svg'));
  assert.equal(renderLabel(order, { size: '58x40', dpi: 300, cluster: 'B' }), golden('label-58x40-300dpi.svg'));
});

test('labelLayout gives the barcode rectangles in mm', () => {
  const layout = labelLayout(importPosting(v4));
  assert.equal(layout.widthMm, 75);
  assert.equal(layout.heightMm, 120);
  assert.deepEqual(layout.barcodes.map((b) => [b.role, b.value]), [['upper', '%101%806044518'], ['lower', '23024930500000']]);
  for (const b of layout.barcodes) {
    assert.ok(b.xMm - b.quietZoneMm >= 0 && b.xMm + b.widthMm + b.quietZoneMm <= 75);
  }
  assert.deepEqual(layout.warnings, []);
});

test('label errors carry codes', () => {
  const order = importPosting(v4);
  assert.throws(() => renderLabel(order, { size: { widthMm: 30, heightMm: 60 } }), (e) => e.code === 'LABEL_DOES_NOT_FIT' && e.details.element === 'upperBarcode');
  assert.throws(() => renderLabel(order, { dpi: -5 }), { code: 'LABEL_INVALID_DPI' });
  assert.throws(() => renderLabel({ ...order, barcodes: { upper: 'Жук' } }), { code: 'BARCODE_UNENCODABLE_CHAR' });
});

test('a label reads only the fields it shows, and names a bad one', () => {
  const order = importPosting(v4);
  const { postingNumber, trackingNumber, barcodes, shipmentDate, deliveryMethod, products } = order;
  const fields = { postingNumber, trackingNumber, barcodes, shipmentDate, deliveryMethod, products };
  // The rest of the order (status, history, origin, …) does not change the label.
  assert.equal(renderLabel(fields, { cluster: 'B' }), renderLabel(order, { cluster: 'B' }));
  assert.equal(renderLabel({ ...order, history: 'not read' }), renderLabel(order));
  assert.throws(() => renderLabel({ ...order, products: undefined }), (e) => e.code === 'INVALID_ORDER' && /missing field `products`/.test(e.message));
  assert.throws(() => renderLabel({ ...order, shipmentDate: 'soon' }), (e) => e.code === 'INVALID_ORDER' && e.details.path === 'shipmentDate');
  assert.throws(() => labelLayout({ ...order, products: [{ name: 'x', quantity: -1 }] }), (e) => e.code === 'INVALID_ORDER' && e.details.path === 'products[0].quantity');
  // Messages name the order's own types, not the label's view of them.
  assert.throws(() => renderLabel([]), (e) => e.code === 'INVALID_ORDER' && /expected struct Order\b/.test(e.message));
  assert.throws(() => renderLabel({ ...order, products: [[]] }), (e) => /expected struct Product\b/.test(e.message));
});
