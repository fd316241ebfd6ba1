// fbskit/usb against a fake WebUSB printer: chunking, progress per label, cancelling, and the errors
// a seller meets (no WebUSB, the OS driver holding the printer, a cable pulled mid-batch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsbPrinter, UsbPrinterError, requestPrinter, printerFilters, isWebUsbAvailable, findPrinterInterface, PRINTER_CLASS, DEFAULT_CHUNK_SIZE } from 'fbskit/usb';
import { fakeUsb } from '../support/fake-usb.mjs';

const job = (n, fill) => new Uint8Array(n).fill(fill);

test('asks for printer-class devices and claims the printer interface', async () => {
  const { usb, device, state } = fakeUsb();
  const printer = await UsbPrinter.request({ usb });
  assert.equal(state.lastFilters[0].classCode, PRINTER_CLASS);
  assert.deepEqual(printerFilters({ vendors: false }), [{ classCode: 7 }]);
  assert.ok(device.opened);
  assert.equal(device.configuration.configurationValue, 1);
  assert.equal(device.configurations[0].interfaces[0].claimed, true);
  assert.match(printer.name, /TSC TE200.*1203:0230/);
  assert.deepEqual(findPrinterInterface(device), { configurationValue: 1, interfaceNumber: 0, alternateSetting: 0, endpointOut: 1, endpointIn: 2, packetSize: 64 });
  await printer.close();
  assert.equal(device.opened, false);
});

test('sends each label in chunks of at most 16 KiB, one transfer at a time, with progress', async () => {
  const { usb, state } = fakeUsb();
  const printer = await UsbPrinter.request({ usb });
  const jobs = [job(40000, 1), job(5, 2), job(DEFAULT_CHUNK_SIZE, 3)];
  const progress = [];
  const result = await printer.printLabels(jobs, { onProgress: (p) => progress.push(p) });
  assert.deepEqual(result, { labelsSent: 3, bytesWritten: 40005 + DEFAULT_CHUNK_SIZE });
  assert.deepEqual(state.transfers.map((t) => t.size), [16384, 16384, 7232, 5, 16384]);
  assert.equal(state.maxInFlight, 1);
  assert.deepEqual(Buffer.from(state.bytes), Buffer.concat(jobs.map((j) => Buffer.from(j))));
  assert.deepEqual(progress.map((p) => [p.label, p.labelBytesSent]), [[0, 16384], [0, 32768], [0, 40000], [1, 5], [2, 16384]]);
  assert.equal(progress.at(-1).bytesSent, progress.at(-1).totalBytes);
});

test('short writes are resumed and a stalled endpoint is cleared and retried', async () => {
  const { usb, state } = fakeUsb({ config: { maxWrite: 1000, stalls: 1 } });
  const printer = await UsbPrinter.request({ usb });
  const data = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
  await printer.send(data, { chunkSize: 4096 });
  assert.deepEqual(Buffer.from(state.bytes), Buffer.from(data));
  assert.ok(state.transfers.some((t) => t.clearHalt));
});

test('bytes a transfer took before it stalled are not sent again', async () => {
  // Resent bytes would shift a raster and turn the rest of the label into image data.
  const { usb, state } = fakeUsb({ config: { stalls: 2, stallTakes: 100 } });
  const printer = await UsbPrinter.request({ usb });
  const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  const progress = [];
  const result = await printer.printLabels([data], { onProgress: (p) => progress.push(p.labelBytesSent) });
  assert.deepEqual(result, { labelsSent: 1, bytesWritten: 1000 });
  assert.deepEqual(Buffer.from(state.bytes), Buffer.from(data));
  assert.deepEqual(progress, [100, 200, 1000]);
});

test('stall retries count per chunk: a long label survives a stall on every other transfer, a stuck chunk does not', async () => {
  const flaky = fakeUsb({ config: { stallEvery: 2 } });
  const printer = await UsbPrinter.request({ usb: flaky.usb });
  const data = Uint8Array.from({ length: 40000 }, (_, i) => i % 253);
  const result = await printer.printLabels([data], { chunkSize: 4096 });
  assert.equal(result.bytesWritten, 40000);
  assert.deepEqual(Buffer.from(flaky.state.bytes), Buffer.from(data));
  assert.ok(flaky.state.transfers.filter((t) => t.status === 'stall').length > 2);

  const stuck = fakeUsb({ config: { stalls: 3 } });
  const other = await UsbPrinter.request({ usb: stuck.usb });
  const err = await other.printLabels([data], { chunkSize: 4096 }).catch((e) => e);
  assert.ok(err instanceof UsbPrinterError, String(err));
  assert.match(err.message, /kept stalling/);
});

test('a cable pulled mid-batch says which labels went out', async () => {
  const { usb } = fakeUsb({ config: { failAfterBytes: 25000 } });
  const printer = await UsbPrinter.request({ usb });
  const err = await printer.printLabels([job(10000, 1), job(10000, 2), job(10000, 3), job(10000, 4)], { chunkSize: 4096 }).catch((e) => e);
  assert.ok(err instanceof UsbPrinterError, String(err));
  assert.equal(err.code, 'USB_DISCONNECTED');
  assert.equal(err.details.labelsSent, 2);
  assert.equal(err.details.failedLabel, 2);
  assert.equal(err.details.labelCount, 4);
  assert.ok(err.details.labelBytesSent > 0);
  assert.match(err.message, /Labels 1–2 were sent \(of 4\)\. Label 3 was cut short/);
  assert.equal(err.cause.name, 'NetworkError');
});

test('an AbortSignal cancels between chunks', async () => {
  const { usb, state } = fakeUsb({ config: { delayMs: 5 } });
  const printer = await UsbPrinter.request({ usb });
  const controller = new AbortController();
  const err = await printer.printLabels([job(8192, 1), job(8192, 2)], {
    chunkSize: 1024,
    signal: controller.signal,
    onProgress: (p) => { if (p.label === 1 && p.labelBytesSent === 2048) controller.abort(); },
  }).catch((e) => e);
  assert.equal(err.code, 'USB_ABORTED');
  assert.equal(err.details.labelsSent, 1);
  assert.equal(state.bytes.length, 8192 + 2048);
  // The printer is free again for the next batch.
  await printer.printLabels([job(10, 9)]);
});

test('Cancel works while the printer holds a transfer (out of paper), and resets it', async () => {
  const { usb, state } = fakeUsb({ config: { hangAfterBytes: 3000 } });
  const printer = await UsbPrinter.request({ usb });
  const controller = new AbortController();
  const printing = printer.printLabels([job(2000, 1), job(2000, 2)], { chunkSize: 1000, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const err = await printing.catch((e) => e);
  assert.equal(err.code, 'USB_ABORTED');
  assert.equal(err.details.labelsSent, 1);
  assert.equal(err.details.failedLabel, 1);
  assert.ok(err.details.transferStopped);
  assert.match(err.message, /Label 2 was cut short/);
  assert.equal(state.resets, 1);
  // The printer is usable again.
  assert.deepEqual(await printer.printLabels([job(10, 9)]), { labelsSent: 1, bytesWritten: 10 });
});

test('a transfer that is only slow is let finish after Cancel, without a reset', async () => {
  const { usb, state } = fakeUsb({ config: { delayMs: 60 } });
  const printer = await UsbPrinter.request({ usb });
  const controller = new AbortController();
  const printing = printer.printLabels([job(2000, 1)], { chunkSize: 1000, signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  const err = await printing.catch((e) => e);
  assert.equal(err.code, 'USB_ABORTED');
  assert.equal(state.resets ?? 0, 0);
});

test('the known failures have their own codes and explanations', async () => {
  assert.equal(isWebUsbAvailable({}), false);
  await assert.rejects(requestPrinter({ usb: null }), (e) => e.code === 'USB_UNSUPPORTED' && /Chrome or Edge/.test(e.message) && /\.prn/.test(e.message));

  const busy = fakeUsb({ config: { claimError: 'NetworkError' } });
  await assert.rejects(UsbPrinter.request({ usb: busy.usb }), (e) => e.code === 'USB_BUSY' && /usblp/.test(e.message) && /automatic-usb-detach/.test(e.message) && /Zadig/.test(e.message));
  assert.equal(busy.device.opened, false);

  const denied = fakeUsb({ config: { openError: 'SecurityError' } });
  await assert.rejects(UsbPrinter.request({ usb: denied.usb }), (e) => e.code === 'USB_ACCESS_DENIED' && /WinUSB/.test(e.message));

  const none = fakeUsb({ config: { noDevice: true } });
  await assert.rejects(UsbPrinter.request({ usb: none.usb }), { code: 'USB_NO_DEVICE_SELECTED' });

  const vendor = fakeUsb({ config: { noPrinterClass: true } });
  await assert.rejects(UsbPrinter.request({ usb: vendor.usb }), (e) => e.code === 'USB_NO_PRINTER_INTERFACE' && /0xff/.test(e.message));
  const anyway = await UsbPrinter.request({ usb: vendor.usb, anyInterface: true });
  await anyway.send(job(3, 7));
  assert.deepEqual(vendor.state.bytes, [7, 7, 7]);

  const { usb } = fakeUsb();
  const printer = await UsbPrinter.request({ usb });
  await assert.rejects(printer.printLabels([]), { code: 'USB_INVALID_ARGUMENT' });
  await assert.rejects(printer.printLabels([job(3, 1)], { chunkSize: 0 }), { code: 'USB_INVALID_ARGUMENT' });
});
