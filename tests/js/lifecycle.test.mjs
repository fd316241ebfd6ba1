// The built npm package, imported the way a user imports it (`import ... from 'fbskit'`, Node condition).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  importPosting, importPostings, applyEvent, availableEvents, sellerTab, deadline, replay, version,
} from 'fbskit';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const v3 = fixture('posting-v3.json');
const v4 = fixture('posting-v4-item.json');
const packing = {
  package: { lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 900, kind: 'box', color: 'brown' },
  labels: [{ widthMm: 75, heightMm: 120, fragments: 1, face: 'top', xMm: 20, yMm: 20, rotationDeg: 0 }],
  printMethod: 'thermal',
  labelSurface: 'matte',
  tape: [],
};

const walk = (order, events) => events.reduce((o, e) => applyEvent(o, e), order);

test('the package version matches package.json', () => {
  const manifest = JSON.parse(readFileSync(new URL('../node_modules/fbskit/package.json', import.meta.url), 'utf8'));
  assert.equal(version(), manifest.version);
});

test('an order walks from import to delivered', () => {
  let order = importPosting(v3);
  assert.equal(sellerTab(order), 'ready_to_prepare');
  assert.deepEqual(availableEvents(order, { actor: 'seller' }), ['markPrepared', 'cancel']);
  order = applyEvent(order, { type: 'markPrepared', at: '2026-11-27T09:30:00Z' });
  assert.equal(sellerTab(order), 'ready_to_ship');
  assert.ok(!availableEvents(order).includes('printLabel'), 'no label before registration');
  order = walk(order, [
    { type: 'registered', at: '2026-11-27T09:31:00Z', trackingNumber: 'TRK1', barcodes: { upper: '%101%806044518', lower: '23024930500000' } },
    { type: 'printLabel', at: '2026-11-27T09:32:00Z' },
    { type: 'pack', at: '2026-11-27T09:40:00Z', packing },
    { type: 'handOver', at: '2026-11-27T12:00:00Z', actNumber: 'A-77', collectionPoint: 'СЦ Хоругвино' },
  ]);
  assert.equal(sellerTab(order), 'handed_over');
  assert.deepEqual(order.progress, { registered: true, labelPrinted: true, packed: true, handedOver: true });
  order = walk(order, [
    { type: 'acceptedByCarrier', at: '2026-11-27T13:00:00Z' },
    { type: 'delivered', at: '2026-11-29T13:00:00Z' },
  ]);
  assert.equal(order.status, 'delivered');
  assert.equal(sellerTab(order), 'delivered');
  assert.deepEqual(order.history.map((e) => e.type), [
    'markPrepared', 'registered', 'printLabel', 'pack', 'handOver', 'acceptedByCarrier', 'delivered',
  ]);
  assert.deepEqual(replay(order), order);
  // A plain JSON round trip (what a page stores) loses nothing.
  assert.deepEqual(replay(JSON.parse(JSON.stringify(order))), order);
});

test('rejected by the sorting center, dispute, reship', () => {
  let order = walk(importPosting(v4), [
    { type: 'printLabel', at: '2026-11-27T09:32:00Z' },
    { type: 'pack', at: '2026-11-27T09:40:00Z', packing },
    { type: 'handOver', at: '2026-11-27T12:00:00Z', actNumber: 'A-1', collectionPoint: 'ПВЗ' },
    { type: 'rejectedBySortingCenter', at: '2026-11-28T09:00:00Z', reason: 'не отсканирован' },
  ]);
  assert.equal(order.status, 'not_accepted');
  assert.equal(sellerTab(order), 'disputed');
  order = applyEvent(order, { type: 'openDispute', at: '2026-11-28T10:00:00Z', comment: 'акт A-1' });
  assert.equal(order.status, 'arbitration');
  order = applyEvent(order, { type: 'reship', at: '2026-11-29T10:00:00Z' });
  assert.equal(order.status, 'awaiting_deliver');
  assert.equal(sellerTab(order), 'ready_to_ship');
  assert.equal(order.progress.labelPrinted, false);
  assert.deepEqual(replay(order), order);
});

test('errors are Error objects with a stable code and details', () => {
  const order = importPosting(v3);
  assert.throws(() => applyEvent(order, { type: 'printLabel', at: '2026-11-27T09:32:00Z' }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'TRANSITION_NOT_ALLOWED');
    assert.equal(e.details.status, 'awaiting_packaging');
    assert.equal(e.details.event, 'printLabel');
    return true;
  });
  assert.throws(() => importPosting({ ...v4, posting_number: undefined }), { code: 'POSTING_MISSING_FIELD' });
  assert.throws(() => applyEvent(order, { type: 'cancel', at: '2026-11-27T09:32:00Z', reasonId: 402 }), { code: 'EVENT_INVALID' });
  assert.throws(() => applyEvent(order, { type: 'nope', at: 'x' }), { code: 'INVALID_EVENT' });
  assert.throws(() => deadline(order, 'not a time'), { code: 'INVALID_TIME' });
  assert.throws(() => applyEvent(order, { type: 'markPrepared', at: 10n }), { code: 'INVALID_EVENT' });
  // The module still works after rejected calls.
  assert.equal(applyEvent(order, { type: 'markPrepared', at: '2026-11-27T09:30:00Z' }).status, 'awaiting_deliver');
});

test('lists and deadlines', () => {
  const orders = importPostings({ result: { postings: [v3.result, v4] } });
  assert.deepEqual(orders.map((o) => o.postingNumber), ['23713478-0018-3', '0208194185-0001-1']);
  assert.deepEqual(deadline(orders[0], '2026-11-27T13:00:00Z'), { state: 'due_soon', minutesLeft: 60, shipmentDate: '2026-11-27T14:00:00Z' });
  assert.equal(deadline(orders[0], '2026-11-27T13:00:00Z', { dueSoonMinutes: 30 }).state, 'on_time');
  assert.equal(deadline(orders[0], '2026-11-27T15:00:00Z').state, 'overdue');
  // A bad posting fails the whole list, naming its position and field.
  const { status, ...noStatus } = v4;
  assert.throws(() => importPostings([v4, noStatus]), (e) =>
    e.code === 'POSTING_MISSING_FIELD' && e.details.index === 1 && e.details.error.field === '[1].status');
});

test('the generated typings type every export without any', () => {
  const dts = readFileSync(new URL('../node_modules/fbskit/fbskit.d.ts', import.meta.url), 'utf8');
  // Every exported function and type is typed; only wasm-bindgen's raw `InitOutput` table uses `any`.
  const api = dts.split('export interface InitOutput')[0];
  const code = api.split('\n').filter((l) => !/^\s*(\*|\/)/.test(l)).join('\n');
  assert.doesNotMatch(code, /\bany\b/);
  assert.ok(dts.split('export interface InitOutput')[1].length > 0, 'InitOutput comes after the API');
  assert.match(dts, /export function applyEvent\(order: Order, event: OrderEvent\): Order;/);
  assert.match(dts, /export type OzonStatus = /);
});
