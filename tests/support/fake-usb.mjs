// A fake WebUSB printer for tests: one configuration, a printer-class (7) interface with a bulk OUT
// and a bulk IN endpoint. Self-contained (no imports, no outer names) so Playwright can serialise it
// into a page with `page.addInitScript(fakeUsb, { install: true })`; Node tests call it directly.
//
// Every byte `transferOut` accepts is appended to `state.bytes` (a plain array of numbers; in a page
// also `window.__usbBytes`). `state.config` steers failures, and may be changed while running:
//   failAfterBytes  the transfer that would go past this many bytes rejects with a NetworkError
//                   DOMException and the device counts as unplugged from then on
//   claimError      a DOMException name claimInterface rejects with (e.g. 'NetworkError')
//   openError       a DOMException name open rejects with (e.g. 'SecurityError')
//   stalls          how many transfers answer { status: 'stall' } first
//   stallEvery      from then on, every n-th transfer answers { status: 'stall' } (n ≥ 2)
//   stallTakes      how many bytes of the chunk a stalling transfer took before it stalled
//   hangAfterBytes  once the printer has this many bytes, transfers never finish (out of paper)
//                   until reset() stops them
//   maxWrite        the most bytes one transfer accepts (short writes)
//   delayMs         how long each transfer takes
//   noPrinterClass  the interface is vendor-specific (0xff) instead of a printer
export function fakeUsb({ install = false, config = {} } = {}) {
  const state = { bytes: [], transfers: [], maxInFlight: 0, inFlight: 0, unplugged: false, chooserShown: 0, config: { ...config } };
  const fail = (name, message) => Promise.reject(new DOMException(message, name));
  const endpoints = [
    { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 64 },
    { endpointNumber: 2, direction: 'in', type: 'bulk', packetSize: 64 },
  ];
  const alternate = {
    alternateSetting: 0, interfaceSubclass: 1, interfaceProtocol: 2, interfaceName: 'Printer', endpoints,
    get interfaceClass() { return state.config.noPrinterClass ? 0xff : 7; },
  };
  const iface = { interfaceNumber: 0, alternate, alternates: [alternate], claimed: false };
  const configuration = { configurationValue: 1, configurationName: '', interfaces: [iface] };
  const device = {
    vendorId: 0x1203, productId: 0x0230, manufacturerName: 'TSC', productName: 'TE200 (test double)',
    serialNumber: 'FAKE0001', opened: false, configuration: null, configurations: [configuration],
    async open() {
      if (state.unplugged) return fail('NotFoundError', 'The device was disconnected.');
      if (state.config.openError) return fail(state.config.openError, 'Access denied.');
      device.opened = true;
    },
    async close() { device.opened = false; iface.claimed = false; },
    async selectConfiguration(value) {
      if (!device.opened) return fail('InvalidStateError', 'The device must be opened first.');
      if (value !== 1) return fail('NotFoundError', 'The configuration value provided is not supported by the device.');
      device.configuration = configuration;
    },
    async claimInterface(number) {
      if (!device.opened || !device.configuration) return fail('InvalidStateError', 'The device must be opened first.');
      if (number !== 0) return fail('NotFoundError', 'The interface number provided is not supported by the device in its current configuration.');
      if (state.config.claimError) return fail(state.config.claimError, 'Unable to claim interface.');
      iface.claimed = true;
    },
    async releaseInterface() { iface.claimed = false; },
    async selectAlternateInterface() {},
    async clearHalt() { state.transfers.push({ clearHalt: true }); },
    async reset() {
      state.resets = (state.resets ?? 0) + 1;
      for (const stop of state.hanging ?? []) stop();
      state.hanging = [];
      state.config.hangAfterBytes = undefined;
    },
    async transferOut(endpoint, data) {
      if (state.unplugged) return fail('NotFoundError', 'The device was disconnected.');
      if (!iface.claimed) return fail('InvalidStateError', 'The specified interface has not been claimed.');
      if (endpoint !== 1) return fail('NotFoundError', 'The specified endpoint is not part of a claimed and selected alternate interface.');
      const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        if (state.config.delayMs) await new Promise((r) => setTimeout(r, state.config.delayMs));
        if (state.config.failAfterBytes !== undefined && state.bytes.length + view.length > state.config.failAfterBytes) {
          state.unplugged = true;
          device.opened = false;
          return fail('NetworkError', 'A transfer error has occurred.');
        }
        if (state.config.hangAfterBytes !== undefined && state.bytes.length >= state.config.hangAfterBytes) {
          await new Promise((_, reject) => {
            (state.hanging ??= []).push(() => reject(Object.assign(new Error('The transfer was cancelled.'), { name: 'AbortError' })));
          });
        }
        state.attempts = (state.attempts ?? 0) + 1;
        if (state.config.stalls > 0 || (state.config.stallEvery && state.attempts % state.config.stallEvery === 0)) {
          if (state.config.stalls > 0) state.config.stalls--;
          const taken = Math.min(view.length, state.config.stallTakes ?? 0);
          for (let i = 0; i < taken; i++) state.bytes.push(view[i]);
          state.transfers.push({ size: view.length, status: 'stall', written: taken });
          return { status: 'stall', bytesWritten: taken };
        }
        const n = Math.min(view.length, state.config.maxWrite ?? Infinity);
        for (let i = 0; i < n; i++) state.bytes.push(view[i]);
        state.transfers.push({ size: view.length, written: n });
        return { status: 'ok', bytesWritten: n };
      } finally {
        state.inFlight--;
      }
    },
  };
  const usb = {
    async requestDevice(options) {
      state.chooserShown++;
      state.lastFilters = options?.filters;
      if (state.config.noDevice) return fail('NotFoundError', 'No device selected.');
      return device;
    },
    async getDevices() { return [device]; },
    addEventListener() {}, removeEventListener() {},
  };
  if (install) {
    globalThis.__usb = state;
    Object.defineProperty(globalThis, '__usbBytes', { configurable: true, get: () => state.bytes });
    Object.defineProperty(Navigator.prototype, 'usb', { configurable: true, get: () => usb });
  }
  return { usb, device, state };
}
