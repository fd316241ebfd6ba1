// Types of `fbskit/usb` (hand-written: the module is plain JS, not generated from Rust).
// WebUSB's own types (USBDevice, USB, USBDeviceFilter) come from `@types/w3c-web-usb` when a project
// has it; the shapes used here are declared structurally so the package needs no extra dependency.

/** The parts of a WebUSB `USBDevice` this module uses. */
export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturerName?: string;
  readonly productName?: string;
  readonly opened: boolean;
  readonly configuration: UsbConfigurationLike | null;
  readonly configurations: UsbConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  clearHalt(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: BufferSource): Promise<{ bytesWritten: number; status: 'ok' | 'stall' | 'babble' }>;
}

export interface UsbConfigurationLike {
  readonly configurationValue: number;
  readonly interfaces: Array<{
    readonly interfaceNumber: number;
    readonly alternate: UsbAlternateLike;
    readonly alternates: UsbAlternateLike[];
  }>;
}

export interface UsbAlternateLike {
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly endpoints: Array<{ readonly endpointNumber: number; readonly direction: 'in' | 'out'; readonly type: 'bulk' | 'interrupt' | 'isochronous'; readonly packetSize: number }>;
}

/** The parts of `navigator.usb` this module uses. */
export interface UsbLike {
  requestDevice(options: { filters: UsbDeviceFilter[] }): Promise<UsbDeviceLike>;
  getDevices(): Promise<UsbDeviceLike[]>;
}

export type UsbDeviceFilter = { vendorId?: number; productId?: number; classCode?: number; subclassCode?: number; protocolCode?: number; serialNumber?: string };

/** The USB interface class of printers (7). */
export const PRINTER_CLASS: 7;

/** The default transfer size, 16 KiB. */
export const DEFAULT_CHUNK_SIZE: number;

/** Printer vendors offered in the chooser besides every printer-class device. */
export const KNOWN_PRINTER_VENDORS: ReadonlyArray<{ readonly vendorId: number; readonly name: string }>;

/** The explanations the error messages use: no WebUSB, the Windows and Linux drivers, a half-sent label. */
export const USB_HINTS: Readonly<{ unsupported: string; windowsDriver: string; linuxDriver: string; otherApp: string; partialLabel: string }>;

/** Stable error codes of `UsbPrinterError`. */
export type UsbPrinterErrorCode =
  | 'USB_UNSUPPORTED'          // no navigator.usb: another browser, or not a secure context
  | 'USB_NOT_ALLOWED'          // requestDevice refused: no user gesture, or a permissions policy
  | 'USB_NO_DEVICE_SELECTED'   // the user closed the chooser
  | 'USB_REQUEST_FAILED'       // requestDevice failed otherwise
  | 'USB_NO_PRINTER_INTERFACE' // the device has no printer-class interface with a bulk OUT endpoint
  | 'USB_ACCESS_DENIED'        // open() failed: Windows usbprint driver, Linux permissions
  | 'USB_BUSY'                 // claimInterface() failed: Linux usblp, another program
  | 'USB_DISCONNECTED'         // the device went away mid-job
  | 'USB_TRANSFER_FAILED'      // stalls, babble, a printer that accepts no bytes
  | 'USB_ABORTED'              // the AbortSignal fired (checked between chunks)
  | 'USB_PRINTER_BUSY'         // a batch is already being sent to this printer
  | 'USB_INVALID_ARGUMENT';

/** Where a batch stopped: labels 0 … labelsSent − 1 were sent whole. */
export interface UsbBatchDetails {
  labelsSent: number;
  labelCount: number;
  /** The label being sent when it stopped (from 0). */
  failedLabel?: number;
  /** How many bytes of that label went out (more than 0: the printer may hold half a label). */
  labelBytesSent: number;
  bytesSent: number;
}

export class UsbPrinterError extends Error {
  readonly name: 'UsbPrinterError';
  readonly code: UsbPrinterErrorCode;
  /** `UsbBatchDetails` for USB_DISCONNECTED, USB_TRANSFER_FAILED and USB_ABORTED during a batch. */
  readonly details: Partial<UsbBatchDetails> & { device?: string; interfaceNumber?: number; interfaceClasses?: number[] };
  constructor(code: UsbPrinterErrorCode, message: string, details?: object, cause?: unknown);
}

export interface UsbPrinterTarget {
  configurationValue: number;
  interfaceNumber: number;
  alternateSetting: number;
  endpointOut: number;
  endpointIn?: number;
  packetSize?: number;
}

export interface LabelProgress {
  /** The label being sent, from 0. */
  label: number;
  labelCount: number;
  labelBytesSent: number;
  labelBytes: number;
  bytesSent: number;
  totalBytes: number;
}

export interface SendOptions {
  /** Bytes per transfer (default 16 KiB). */
  chunkSize?: number;
  /** Cancels between chunks; the promise then rejects with `USB_ABORTED`. */
  signal?: AbortSignal;
}

/** Whether `navigator.usb` exists (Chrome/Edge in a secure context). */
export function isWebUsbAvailable(nav?: { usb?: unknown }): boolean;

/** `[{ classCode: 7 }, ...known vendors]`, or the class alone with `{ vendors: false }`. */
export function printerFilters(options?: { vendors?: boolean }): UsbDeviceFilter[];

/** Shows the browser's device chooser (call it from a click handler). */
export function requestPrinter(options?: { usb?: UsbLike; filters?: UsbDeviceFilter[] }): Promise<UsbDeviceLike>;

/** Devices this site may already use that look like printers. */
export function pairedPrinters(options?: { usb?: UsbLike }): Promise<UsbDeviceLike[]>;

/** The printer interface and bulk OUT endpoint of a device, or null. */
export function findPrinterInterface(device: UsbDeviceLike, options?: { anyInterface?: boolean }): UsbPrinterTarget | null;

/** An open printer with its interface claimed. */
export class UsbPrinter {
  private constructor(device: UsbDeviceLike, target: UsbPrinterTarget);
  /** Chooser, then `open`. */
  static request(options?: { usb?: UsbLike; filters?: UsbDeviceFilter[]; anyInterface?: boolean }): Promise<UsbPrinter>;
  /** Opens the device, selects its configuration and claims the printer interface. */
  static open(device: UsbDeviceLike, options?: { anyInterface?: boolean }): Promise<UsbPrinter>;
  readonly device: UsbDeviceLike;
  /** Manufacturer, product and `vvvv:pppp` ids. */
  readonly name: string;
  readonly opened: boolean;
  /** Sends one job in chunks. */
  send(bytes: Uint8Array, options?: SendOptions & { onProgress?: (p: { bytesSent: number; totalBytes: number }) => void }): Promise<{ bytesWritten: number }>;
  /** Sends one job per label, in order; a failure's `details` say which labels went out. */
  printLabels(jobs: Uint8Array[], options?: SendOptions & { onProgress?: (p: LabelProgress) => void }): Promise<{ labelsSent: number; bytesWritten: number }>;
  /** Releases the interface and closes the device. */
  close(): Promise<void>;
}
