// Packing checks, profiles, the hand-over guard and the drop-off plan, through the built npm package
// imported the way a user imports it (`import ... from 'fbskit'`, Node condition).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  importPosting, applyEvent, validatePacking, packingProfiles, profileFromOzonRestrictions, dropOffPlan, labelLayout,
} from 'fbskit';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const v3 = fixture('posting-v3.json');
const v4 = fixture('posting-v4-item.json');
const good = {
  package: { lengthMm: 300, widthMm: 200, heightMm: 100, weightG: 900, kind: 'box', color: 'brown' },
  labels: [{ widthMm: 75, heightMm: 120, fragments: 1, face: 'top', xMm: 20, yMm: 20, rotationDeg: 0 }],
  printMethod: 'thermal',
  labelSurface: 'matte',
  tape: [],
};
const edit = (changes) => ({ ...structuredClone(good), ...changes });
const codes = (violations) => violations.map((v) => v.code);

test('a good parcel has no violations', () => {
  assert.deepEqual(validatePacking(importPosting(v3), good), []);
  assert.deepEqual(validatePacking(importPosting(v3), good, 'standard'), []);
});

test('violations are plain objects with code, severity, en/ru message and field', () => {
  const found = validatePacking(importPosting(v3), edit({
    labels: [{ ...good.labels[0], widthMm: 58, heightMm: 40 }],
    labelSurface: 'glossy',
  }), 'standard');
  assert.deepEqual(found, [
    {
      code: 'LABEL_SURFACE_GLOSSY',
      severity: 'warning',
      message: {
        en: 'The label stock is glossy; use matte or semi-gloss labels, because glare can stop the barcodes from scanning.',
        ru: 'Этикетка глянцевая; используйте матовые или полуглянцевые этикетки: блики мешают сканировать штрихкоды.',
      },
      field: 'labelSurface',
    },
    {
      code: 'LABEL_SIZE_MISMATCH',
      severity: 'error',
      message: {
        en: 'The label is 58 × 40 mm; this carrier needs 75 × 120 mm (±1 mm).',
        ru: 'Этикетка размером 58 × 40 мм; этому перевозчику нужна 75 × 120 мм (±1 мм).',
      },
      field: 'labels[0].widthMm',
    },
  ]);
  // The same label is right for the small-label profile, by name or as an object.
  const small = edit({ labels: [{ ...good.labels[0], widthMm: 58, heightMm: 40 }] });
  assert.deepEqual(validatePacking(importPosting(v3), small, 'small_label'), []);
  const profile = packingProfiles().find((p) => p.name === 'small_label');
  assert.deepEqual(validatePacking(importPosting(v3), small, profile), []);
  // Without a profile, the one the hand-over check uses: small_label for this label, so the check the
  // seller sees and the one that guards hand-over agree.
  assert.deepEqual(validatePacking(importPosting(v3), small), []);
  assert.deepEqual(codes(validatePacking(importPosting(v3), small, 'standard')), ['LABEL_SIZE_MISMATCH']);
});

test('tape over only the quiet zone of the upper barcode, as labelLayout places it', () => {
  const order = importPosting(v3);
  const label = { ...good.labels[0], xMm: 20, yMm: 20, rotationDeg: 0 };
  assert.deepEqual(validatePacking(order, edit({ labels: [label] })), []);
  const [upper] = labelLayout(order).barcodes;
  const strip = { xMm: 20 + upper.xMm - upper.quietZoneMm + 0.2, yMm: 20 + upper.yMm, widthMm: upper.quietZoneMm - 0.4, heightMm: 5 };
  const [violation] = validatePacking(order, edit({ labels: [label], tape: [strip] }));
  assert.equal(violation.code, 'TAPE_OVER_BARCODE');
  assert.equal(violation.field, 'tape[0]');
  assert.match(violation.message.en, /quiet zone/);
  // The same strip moved just left of the quiet zone is clear.
  const clear = { ...strip, xMm: strip.xMm - upper.quietZoneMm };
  assert.deepEqual(validatePacking(order, edit({ labels: [label], tape: [clear] })), []);
});

test('several problems come back together', () => {
  const found = validatePacking(importPosting(v3), edit({
    package: { ...good.package, weightG: 30000, color: 'black', kind: 'factory_packaging' },
    printMethod: 'inkjet',
    labels: [],
  }));
  assert.deepEqual(codes(found).sort(), [
    'BLACK_PACKAGING', 'LABEL_COUNT', 'LABEL_ON_FACTORY_PACKAGING', 'PRINT_METHOD_NOT_THERMAL', 'WEIGHT_OVER_LIMIT',
  ]);
});

test('profiles are data; Ozon restrictions become a profile', () => {
  const profiles = packingProfiles();
  assert.deepEqual(profiles.map((p) => p.name), ['standard', 'small_label', 'bulky']);
  assert.deepEqual(profiles[0], {
    name: 'standard',
    label: { widthMm: 75, heightMm: 120, toleranceMm: 1 },
    maxWeightG: 25000,
    maxDimensionsMm: [1800, 800, 800],
    minDimensionsMm: [150, 100, 10],
  });
  const restricted = profileFromOzonRestrictions({ result: {
    posting_number: '76673629-0020-1', max_posting_weight: 40000, min_posting_weight: 0,
    width: 20, height: 15, length: 25, max_posting_price: 500000, min_posting_price: 0,
  } });
  assert.deepEqual(restricted.maxDimensionsMm, [250, 200, 150]);
  assert.equal(restricted.maxWeightG, 40000);
  assert.deepEqual(codes(validatePacking(importPosting(v3), good, restricted)), ['DIMENSIONS_OVER_LIMIT']);
  assert.deepEqual(validatePacking(importPosting(v3), good, profiles[2]), []);
});

test('malformed input throws coded errors', () => {
  const order = importPosting(v3);
  assert.throws(() => validatePacking(order, edit({ printMethod: 'crayon' })), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'PACKING_MALFORMED');
    assert.equal(e.details.kind, 'malformed');
    assert.equal(e.details.field, 'printMethod');
    return true;
  });
  assert.throws(() => validatePacking(order, edit({ package: { ...good.package, lengthMm: NaN } })),
    { code: 'PACKING_MALFORMED' });
  assert.throws(() => validatePacking(order, edit({ labels: [{ ...good.labels[0], heightMm: -1 }] })),
    { code: 'PACKING_MALFORMED' });
  assert.throws(() => validatePacking(order, good, 'enormous'), { code: 'PROFILE_UNKNOWN' });
  assert.throws(() => validatePacking(order, good, { ...packingProfiles()[0], maxWeightG: -1 }), { code: 'PROFILE_INVALID' });
  assert.throws(() => profileFromOzonRestrictions({ width: 50 }), { code: 'PROFILE_INVALID' });
});

test('hand-over is refused while the packing breaks a rule', () => {
  const labelled = applyEvent(importPosting(v4), { type: 'printLabel', at: '2026-11-27T09:32:00Z' });
  const handOver = { type: 'handOver', at: '2026-11-27T12:00:00Z', actNumber: 'A-1', collectionPoint: 'ПВЗ' };
  const bad = applyEvent(labelled, { type: 'pack', at: '2026-11-27T09:40:00Z',
    packing: edit({ package: { ...good.package, color: 'чёрный' }, labelSurface: 'glossy' }) });
  assert.throws(() => applyEvent(bad, handOver), (e) => {
    assert.equal(e.code, 'PACKING_VIOLATIONS');
    assert.deepEqual(e.details.codes, ['BLACK_PACKAGING']); // the glossy warning does not block
    assert.equal(e.details.violations[0].field, 'package.color');
    return true;
  });
  // Repacking fixes it.
  const repacked = applyEvent(bad, { type: 'pack', at: '2026-11-27T10:00:00Z', packing: good });
  assert.equal(applyEvent(repacked, handOver).progress.handedOver, true);
});

test('the drop-off plan groups by warehouse and day', () => {
  const late = importPosting(v3); // Склад на Ленина, 2026-11-27T14:00:00Z
  const soon = importPosting(v4); // Казань Главный, 2026-11-28T08:00:00+03:00
  const later = importPosting({ ...v4, posting_number: '0208194185-0002-1', shipment_date: '2026-11-28T11:00:00+03:00' });
  const shipped = applyEvent(importPosting({ ...v4, posting_number: '0208194185-0003-1' }), { type: 'cancel', at: '2026-11-27T10:00:00Z', reasonId: 352 });
  const plan = dropOffPlan([soon, later, late, shipped], '2026-11-28T04:30:00Z');
  assert.deepEqual(plan, { groups: [
    { warehouseId: 15110442724000, warehouse: 'Склад на Ленина', date: '2026-11-27', firstShipmentDate: '2026-11-27T14:00:00Z',
      postingNumbers: ['23713478-0018-3'], late: 1, dueSoon: 0 },
    { warehouseId: 22, warehouse: 'Казань Главный', date: '2026-11-28', firstShipmentDate: '2026-11-28T08:00:00+03:00',
      postingNumbers: ['0208194185-0001-1', '0208194185-0002-1'], late: 0, dueSoon: 1 },
  ] });
  assert.equal(dropOffPlan([soon, later], '2026-11-28T04:30:00Z', { windowMinutes: 240 }).groups[0].dueSoon, 2);
  assert.throws(() => dropOffPlan([soon], 'now'), { code: 'INVALID_TIME' });
});

test('the typings declare the packing API without any', () => {
  const dts = readFileSync(new URL('../node_modules/fbskit/fbskit.d.ts', import.meta.url), 'utf8');
  assert.match(dts, /export function validatePacking\(order: Order, packing: Packing, profile\?: PackingProfileName \| PackingProfile\): Violation\[\];/);
  assert.match(dts, /export function packingProfiles\(\): PackingProfile\[\];/);
  assert.match(dts, /export function dropOffPlan\(orders: Order\[\], nowIso: string, options\?: DropOffOptions\): DropOffPlan;/);
  assert.match(dts, /export type ViolationCode = /);
});
