// fbskit/usb: sends printer jobs (the bytes `printJob` returns) to a USB label printer from a web
// page over WebUSB. Plain JS with no dependency on the wasm module, so it loads even where
// WebAssembly does not, and any page can use it with jobs from elsewhere.
//
// Why it is shaped this way (see the project's printing reference, section 3):
// - Printers are found by the USB printer class (7), not by a vendor table; a few vendor ids are a
//   fallback for printers that announce the class only on an interface.
// - Jobs go out in chunks, one awaited transfer at a time: operating systems limit pending transfer
//   sizes and cheap printers have small buffers.
// - The usual failures are the OS printer driver holding the interface (Windows `usbprint.sys`,
//   Linux `usblp`) and a cable pulled mid-job; each gets its own error code and an explanation.
// - A batch is sent label by label, so after a failure the caller knows which labels went out.

/** The USB interface class of printers. */
export const PRINTER_CLASS = 0x07;

/** The default transfer size: small enough for OS limits and printer buffers, large enough to be quick. */
export const DEFAULT_CHUNK_SIZE = 16 * 1024;

/**
 * Vendors of label and receipt printers, offered in the device chooser as well as every printer-class
 * device. The chosen device must still have a printer-class interface (unless `anyInterface` is set).
 */
export const KNOWN_PRINTER_VENDORS = Object.freeze([
  Object.freeze({ vendorId: 0x0a5f, name: 'Zebra' }),
  Object.freeze({ vendorId: 0x1203, name: 'TSC' }),
  Object.freeze({ vendorId: 0x04b8, name: 'Epson' }),
  Object.freeze({ vendorId: 0x0519, name: 'Star Micronics' }),
  Object.freeze({ vendorId: 0x1d90, name: 'Citizen' }),
  Object.freeze({ vendorId: 0x1fc9, name: 'Xprinter (NXP chip)' }),
  Object.freeze({ vendorId: 0x2016, name: 'Xprinter' }),
  Object.freeze({ vendorId: 0x0483, name: 'Generic label printers (STMicroelectronics chip)' }),
]);

// Interface classes Chrome refuses to let a page claim; never worth trying.
const PROTECTED_CLASSES = new Set([0x01, 0x03, 0x08, 0x0b, 0x0e, 0x10, 0xe0]);

const HINTS = {
  unsupported:
    'This browser has no WebUSB. Use Chrome or Edge (desktop or Android) on an https:// or localhost page, ' +
    'or download the job as a .prn file and send it to the printer with its own tools.',
  windowsDriver:
    'On Windows the printer driver (usbprint) keeps the device: replace it with WinUSB using Zadig ' +
    '(the Windows print queue for this printer stops working until you reinstall its driver).',
  linuxDriver:
    'On Linux the usblp kernel driver holds the printer: unbind it (echo the interface id into ' +
    '/sys/bus/usb/drivers/usblp/unbind), or blacklist usblp, or enable chrome://flags/#automatic-usb-detach; ' +
    'also make sure your user may open /dev/bus/usb (a udev rule).',
  otherApp: 'Close other tabs or programs that use the printer.',
  partialLabel:
    'The printer may keep a half-received label: switch it off and on before printing again.',
};

/** The OS-specific explanations the error messages use, for pages that show them separately. */
export const USB_HINTS = Object.freeze({ ...HINTS });

/** An error from this module: `code` is stable, `details` carries data, `cause` the browser's error. */
export class UsbPrinterError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {object} [details]
   * @param {unknown} [cause]
   */
  constructor(code, message, details = {}, cause = undefined) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'UsbPrinterError';
    this.code = code;
    this.details = details;
  }
}

/** Whether this browser exposes WebUSB (it needs a secure context: https, localhost or 127.0.0.1). */
export function isWebUsbAvailable(nav = globalThis.navigator) {
  return Boolean(nav && nav.usb && typeof nav.usb.requestDevice === 'function');
}

/** The filters for `navigator.usb.requestDevice`: the printer class, then the known vendors. */
export function printerFilters({ vendors = true } = {}) {
  const filters = [{ classCode: PRINTER_CLASS }];
  if (vendors) for (const { vendorId } of KNOWN_PRINTER_VENDORS) filters.push({ vendorId });
  return filters;
}

function usbOf(usb) {
  const api = usb ?? globalThis.navigator?.usb;
  if (!api || typeof api.requestDevice !== 'function') {
    throw new UsbPrinterError('USB_UNSUPPORTED', HINTS.unsupported);
  }
  return api;
}

/**
 * Asks the user to choose a printer (must run in a click handler). Resolves to a `USBDevice`.
 * @param {{ usb?: USB, filters?: USBDeviceFilter[] }} [options]
 */
export async function requestPrinter({ usb, filters } = {}) {
  const api = usbOf(usb);
  try {
    return await api.requestDevice({ filters: filters ?? printerFilters() });
  } catch (e) {
    if (e?.name === 'NotFoundError') {
      throw new UsbPrinterError('USB_NO_DEVICE_SELECTED', 'No printer was chosen.', {}, e);
    }
    if (e?.name === 'SecurityError') {
      throw new UsbPrinterError(
        'USB_NOT_ALLOWED',
        'The browser refused to show the USB device chooser: it needs a click on the page, a secure context ' +
          '(https or localhost) and no permissions policy blocking "usb".',
        {},
        e,
      );
    }
    throw new UsbPrinterError('USB_REQUEST_FAILED', `Could not list USB devices: ${e?.message ?? e}`, {}, e);
  }
}

/** Devices the user already allowed this site to use that look like printers. */
export async function pairedPrinters({ usb } = {}) {
  const api = usbOf(usb);
  const devices = await api.getDevices();
  return devices.filter((d) => findPrinterInterface(d, { anyInterface: false }) !== null ||
    KNOWN_PRINTER_VENDORS.some((v) => v.vendorId === d.vendorId));
}

function interfaceClasses(device) {
  const out = [];
  for (const config of device.configurations ?? []) {
    for (const iface of config.interfaces ?? []) {
      for (const alt of iface.alternates ?? [iface.alternate]) if (alt) out.push(alt.interfaceClass);
    }
  }
  return out;
}

/**
 * The interface to print through and its bulk OUT endpoint: a printer-class interface (or, with
 * `anyInterface`, any claimable interface with a bulk OUT endpoint). Null when there is none.
 */
export function findPrinterInterface(device, { anyInterface = false } = {}) {
  const configs = device.configuration ? [device.configuration, ...(device.configurations ?? [])] : device.configurations ?? [];
  for (const wantPrinter of anyInterface ? [true, false] : [true]) {
    for (const config of configs) {
      for (const iface of config.interfaces ?? []) {
        const alternates = iface.alternates?.length ? iface.alternates : [iface.alternate];
        for (const alt of alternates) {
          if (!alt) continue;
          if (wantPrinter ? alt.interfaceClass !== PRINTER_CLASS : PROTECTED_CLASSES.has(alt.interfaceClass)) continue;
          const out = (alt.endpoints ?? []).find((ep) => ep.direction === 'out' && ep.type === 'bulk');
          if (!out) continue;
          const input = (alt.endpoints ?? []).find((ep) => ep.direction === 'in' && ep.type === 'bulk');
          return {
            configurationValue: config.configurationValue,
            interfaceNumber: iface.interfaceNumber,
            alternateSetting: alt.alternateSetting ?? 0,
            endpointOut: out.endpointNumber,
            endpointIn: input?.endpointNumber,
            packetSize: out.packetSize,
          };
        }
      }
    }
  }
  return null;
}

function describe(device) {
  const name = [device.manufacturerName, device.productName].filter(Boolean).join(' ');
  const ids = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
  return name ? `${name} (${ids})` : ids;
}

function hex4(n) {
  return typeof n === 'number' ? n.toString(16).padStart(4, '0') : '????';
}

/** What `#transferOut` throws when the signal aborts a transfer in progress. */
const CANCELLED = Symbol('cancelled');

/** `promise`'s value, or `undefined` once `ms` have passed without it. */
function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function abortError(signal, details) {
  const where = details.labelCount !== undefined ? ` ${sentSummary(details)}` : '';
  return new UsbPrinterError('USB_ABORTED', `Printing was cancelled.${where}`, details, signal.reason);
}

function sentSummary({ labelsSent, labelCount, failedLabel, labelBytesSent }) {
  const sent = labelsSent === 0 ? 'No label was sent completely' :
    labelsSent === 1 ? 'Label 1 was sent' : `Labels 1–${labelsSent} were sent`;
  let text = `${sent} (of ${labelCount}).`;
  if (failedLabel !== undefined && labelBytesSent > 0) text += ` Label ${failedLabel + 1} was cut short. ${HINTS.partialLabel}`;
  return text;
}

/** An open, claimed printer. Create it with `UsbPrinter.request()` or `UsbPrinter.open(device)`. */
export class UsbPrinter {
  #device;
  #target;
  #busy = false;

  constructor(device, target) {
    this.#device = device;
    this.#target = target;
  }

  /** Asks the user for a printer, then opens it. Must run in a click handler. */
  static async request(options = {}) {
    const device = await requestPrinter(options);
    return UsbPrinter.open(device, options);
  }

  /**
   * Opens a device, selects its configuration and claims its printer interface.
   * @param {USBDevice} device
   * @param {{ anyInterface?: boolean }} [options]
   */
  static async open(device, { anyInterface = false } = {}) {
    const target = findPrinterInterface(device, { anyInterface });
    if (!target) {
      throw new UsbPrinterError(
        'USB_NO_PRINTER_INTERFACE',
        `${describe(device)} has no printer-class interface with a bulk OUT endpoint (interface classes: ` +
          `${interfaceClasses(device).map((c) => '0x' + c.toString(16).padStart(2, '0')).join(', ') || 'none'}).`,
        { device: describe(device), interfaceClasses: interfaceClasses(device) },
      );
    }
    const details = { device: describe(device), interfaceNumber: target.interfaceNumber };
    try {
      if (!device.opened) await device.open();
    } catch (e) {
      throw new UsbPrinterError(
        'USB_ACCESS_DENIED',
        `Could not open ${describe(device)}: ${e?.message ?? e}. ${HINTS.windowsDriver} ${HINTS.linuxDriver}`,
        details,
        e,
      );
    }
    try {
      if (!device.configuration || device.configuration.configurationValue !== target.configurationValue) {
        await device.selectConfiguration(target.configurationValue ?? 1);
      }
      await device.claimInterface(target.interfaceNumber);
      if (target.alternateSetting) await device.selectAlternateInterface(target.interfaceNumber, target.alternateSetting);
    } catch (e) {
      try { await device.close(); } catch { /* the claim error below is the one to report */ }
      throw new UsbPrinterError(
        'USB_BUSY',
        `${describe(device)} is busy: its printer interface is claimed by the operating system's driver or another program ` +
          `(${e?.message ?? e}). ${HINTS.linuxDriver} ${HINTS.windowsDriver} ${HINTS.otherApp}`,
        details,
        e,
      );
    }
    return new UsbPrinter(device, target);
  }

  /** The underlying `USBDevice`. */
  get device() {
    return this.#device;
  }

  /** A name to show: manufacturer, product and vendor:product ids. */
  get name() {
    return describe(this.#device);
  }

  /** Whether the device is still open. */
  get opened() {
    return Boolean(this.#device.opened);
  }

  /**
   * Sends one job. `onProgress({ bytesSent, totalBytes })` after every chunk.
   * @param {Uint8Array} bytes
   */
  async send(bytes, { chunkSize = DEFAULT_CHUNK_SIZE, signal, onProgress } = {}) {
    const result = await this.printLabels([bytes], {
      chunkSize,
      signal,
      onProgress: onProgress && ((p) => onProgress({ bytesSent: p.bytesSent, totalBytes: p.totalBytes })),
    });
    return { bytesWritten: result.bytesWritten };
  }

  /**
   * Sends one job per label, in order, so a failure says which labels went out. `onProgress` gets
   * `{ label, labelCount, labelBytesSent, labelBytes, bytesSent, totalBytes }` after every chunk
   * (`label` counts from 0). Resolves to `{ labelsSent, bytesWritten }`; rejects with a
   * `UsbPrinterError` whose `details` hold `labelsSent` (labels 0 … labelsSent − 1 went out whole),
   * `failedLabel`, `labelBytesSent` and `labelCount`.
   * @param {Uint8Array[]} jobs
   */
  async printLabels(jobs, { chunkSize = DEFAULT_CHUNK_SIZE, signal, onProgress } = {}) {
    if (!Array.isArray(jobs) || jobs.length === 0 || !jobs.every((j) => j instanceof Uint8Array)) {
      throw new UsbPrinterError('USB_INVALID_ARGUMENT', 'printLabels needs a non-empty array of Uint8Array jobs.');
    }
    if (!(Number.isInteger(chunkSize) && chunkSize > 0)) {
      throw new UsbPrinterError('USB_INVALID_ARGUMENT', `chunkSize must be a positive integer, not ${chunkSize}.`);
    }
    if (this.#busy) throw new UsbPrinterError('USB_PRINTER_BUSY', 'This printer is already printing a batch.');
    this.#busy = true;
    const totalBytes = jobs.reduce((n, j) => n + j.length, 0);
    let bytesSent = 0;
    const state = { labelsSent: 0, labelCount: jobs.length, failedLabel: undefined, labelBytesSent: 0 };
    try {
      for (let label = 0; label < jobs.length; label++) {
        const job = jobs[label];
        state.failedLabel = label;
        state.labelBytesSent = 0;
        let offset = 0;
        let stalls = 0;
        let emptyWrites = 0;
        while (offset < job.length) {
          if (signal?.aborted) throw abortError(signal, { ...state, bytesSent });
          const chunk = job.subarray(offset, Math.min(offset + chunkSize, job.length));
          let result;
          try {
            result = await this.#transferOut(chunk, signal);
          } catch (e) {
            if (e === CANCELLED) {
              // Part of the chunk may have reached the printer: the label counts as cut short.
              throw abortError(signal, { ...state, bytesSent, labelBytesSent: Math.max(offset, 1), transferStopped: true });
            }
            throw this.#transferError(e, { ...state, bytesSent });
          }
          if (result?.status === 'stall') {
            // A halted endpoint: the bytes it took before stalling are in the printer (resending them
            // would shift a raster and turn the rest of the label into image data). Count them, clear
            // the halt and send the rest, a couple of times at most.
            const before = Math.min(Math.max(Number(result.bytesWritten ?? 0), 0), chunk.length);
            if (before > 0) {
              offset += before;
              bytesSent += before;
              // Bytes went out: as below, the retry limit counts failures in a row.
              stalls = 0;
              emptyWrites = 0;
              state.labelBytesSent = offset;
              onProgress?.({ label, labelCount: jobs.length, labelBytesSent: offset, labelBytes: job.length, bytesSent, totalBytes });
            }
            if (++stalls > 2) throw this.#failed('the printer kept stalling the transfer', { ...state, bytesSent });
            try {
              await this.#device.clearHalt('out', this.#target.endpointOut);
            } catch (e) {
              throw this.#transferError(e, { ...state, bytesSent });
            }
            continue;
          }
          if (result?.status !== 'ok') {
            throw this.#failed(`the transfer ended with status "${result?.status}"`, { ...state, bytesSent });
          }
          const written = Number(result.bytesWritten ?? 0);
          if (written <= 0) {
            if (++emptyWrites > 2) throw this.#failed('the printer accepted no bytes', { ...state, bytesSent });
            continue;
          }
          offset += Math.min(written, chunk.length);
          bytesSent += Math.min(written, chunk.length);
          // The retry limits count failures in a row: once bytes go out, the count starts afresh.
          stalls = 0;
          emptyWrites = 0;
          state.labelBytesSent = offset;
          onProgress?.({ label, labelCount: jobs.length, labelBytesSent: offset, labelBytes: job.length, bytesSent, totalBytes });
        }
        state.labelsSent = label + 1;
      }
      return { labelsSent: jobs.length, bytesWritten: bytesSent };
    } finally {
      this.#busy = false;
    }
  }

  /**
   * One `transferOut`, given up when `signal` aborts: a printer out of paper or with a full buffer
   * can hold a transfer for as long as it likes, and Cancel must still work. A transfer that ends
   * within a second of the abort is let be; one still held then is stopped by resetting the device,
   * whose interface is then claimed again. Neither wait is unbounded.
   */
  async #transferOut(chunk, signal) {
    const transfer = this.#device.transferOut(this.#target.endpointOut, chunk);
    if (!signal) return transfer;
    let onAbort;
    const cancelled = new Promise((_, reject) => {
      onAbort = () => reject(CANCELLED);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([transfer, cancelled]);
    } catch (e) {
      if (e === CANCELLED) {
        const settled = await within(transfer.then(() => true, () => true), 1000);
        if (!settled) {
          transfer.catch(() => {});
          await within(this.#resetAndReclaim(), 3000);
        }
      }
      throw e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Resets the device (stopping a held transfer) and claims its printer interface again. */
  async #resetAndReclaim() {
    try {
      await this.#device.reset();
      const { interfaceNumber, alternateSetting } = this.#target;
      const iface = this.#device.configuration?.interfaces?.find((i) => i.interfaceNumber === interfaceNumber);
      if (iface && !iface.claimed) {
        await this.#device.claimInterface(interfaceNumber);
        if (alternateSetting) await this.#device.selectAlternateInterface(interfaceNumber, alternateSetting);
      }
    } catch { /* the next batch reports a printer that did not come back */ }
  }

  #transferError(e, details) {
    const gone = e?.name === 'NotFoundError' || e?.name === 'NetworkError' || e?.name === 'InvalidStateError' || !this.#device.opened;
    if (gone) {
      return new UsbPrinterError(
        'USB_DISCONNECTED',
        `The printer stopped answering (unplugged or switched off?) while label ${details.failedLabel + 1} was being sent. ` +
          sentSummary(details),
        details,
        e,
      );
    }
    return this.#failed(e?.message ?? String(e), details, e);
  }

  #failed(reason, details, cause) {
    return new UsbPrinterError('USB_TRANSFER_FAILED', `Sending to the printer failed: ${reason}. ${sentSummary(details)}`, details, cause);
  }

  /** Releases the interface and closes the device; a device already gone is not an error. */
  async close() {
    if (!this.#device.opened) return;
    try {
      await this.#device.releaseInterface(this.#target.interfaceNumber);
    } catch {
      // Closing releases it too; the close below reports a real problem.
    }
    await this.#device.close();
  }
}
