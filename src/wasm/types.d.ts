// Generated from the Rust types by `cargo test --lib ts_types`; do not edit.
// Regenerate: UPDATE_GOLDEN=1 cargo test --lib ts_types

/** An Ozon posting status; statuses Ozon adds later arrive verbatim as other strings. */
export type OzonStatus = "awaiting_verification" | "awaiting_approve" | "awaiting_packaging" | "awaiting_registration" | "awaiting_deliver" | "acceptance_in_progress" | "driver_pickup" | "delivering" | "not_accepted" | "arbitration" | "client_arbitration" | "sent_by_seller" | "delivered" | "cancelled" | "cancelled_from_split_pending" | (string & {});

/** Posting JSON accepted by `importPostings`: one posting, an array, or a list response. */
export type OzonPostingList = OzonPosting | OzonPosting[] | { result: { postings: OzonPosting[] } | OzonPosting[] | OzonPosting } | { postings: OzonPosting[] };

/** Options of `deadline`; every field may be left out. */
export type DeadlineOptions = Partial<DeadlineOptionsFields>;

/** Options of `renderLabel` and `labelLayout`; every field may be left out. */
export type LabelOptions = Partial<LabelOptionsFields>;

/** Options of `renderHandoverNote`; every field may be left out. */
export type HandoverNoteOptions = Partial<HandoverNoteOptionsFields>;

/** The name of a built-in packing profile. */
export type PackingProfileName = "standard" | "small_label" | "bulky";

/** A drop-off point's limits as `/v1/posting/fbs/restrictions` returns them: grams, centimetres, roubles. */
export type OzonRestrictions = { posting_number?: string, max_posting_weight: number, min_posting_weight?: number, width: number, length: number, height: number, max_posting_price?: number, min_posting_price?: number };

/** A thermal printer language. */
export type PrintLanguage = "tspl" | "zpl" | "epl" | "escpos";

/** A 1-bit label raster: 1 = black, most significant bit leftmost, rows padded to whole bytes. */
export type Bitmap = { widthDots: number, heightDots: number, bytesPerRow: number, data: Uint8Array };

/** Options of `printJob` and `decodeJob`: the printer job and the label design. Defaults: tspl, 203 dpi, 75x120, gap 3 mm, density 8 (0–15), speed 4 ips, 1 copy, rotation 0. */
export type PrintOptions = { language?: PrintLanguage, dpi?: number, size?: LabelSize, gapMm?: number, density?: number, speed?: number, copies?: number, rotation?: 0 | 90 | 180 | 270, xOffset?: number, zplGraphic?: "z64" | "hex", cluster?: string, boxIndex?: number, boxCount?: number, utcOffsetMinutes?: number };

export type Timestamp = string;

export type Order = { 
/**
 * Ozon's posting number, e.g. `23713478-0018-3`: one parcel, one label.
 */
postingNumber: string, 
/**
 * The customer's order number (the posting number without its last `-N`).
 */
orderNumber: string, 
/**
 * Ozon's numeric order id, when the posting carried it.
 */
orderId?: number, 
/**
 * The Ozon status.
 */
status: OzonStatus, 
/**
 * The Ozon substatus, verbatim (an open set).
 */
substatus?: string, 
/**
 * The carrier's tracking number, once registered.
 */
trackingNumber?: string, 
/**
 * The two barcodes printed on the cargo label.
 */
barcodes: Barcodes, 
/**
 * The time by which the parcel must be prepared and handed over.
 */
shipmentDate: Timestamp, 
/**
 * When Ozon started processing the posting.
 */
inProcessAt?: Timestamp, 
/**
 * How and from where the parcel ships.
 */
deliveryMethod: DeliveryMethod, 
/**
 * What is in the parcel.
 */
products: Array<Product>, 
/**
 * The seller's steps within "Ready to be shipped".
 */
progress: Progress, 
/**
 * When the seller pressed "Ready to be prepared", and any package split.
 */
prepared?: Prepared, 
/**
 * The packing description from the last `pack` event.
 */
packing?: Packing, 
/**
 * The signed handover note, once handed over.
 */
handOver?: HandOver, 
/**
 * Why the sorting center rejected the parcel, if it did.
 */
rejection?: Rejection, 
/**
 * The seller's dispute about a rejected parcel.
 */
dispute?: Dispute, 
/**
 * Who cancelled the posting and why.
 */
cancellation?: Cancellation, 
/**
 * The posting's state as imported: what `replay` starts from.
 */
origin: Origin, 
/**
 * Every applied event, in order.
 */
history: Array<OrderEvent>, };

export type Barcodes = { 
/**
 * The upper barcode (`%101%806044518`): the one warehouses scan.
 */
upper?: string, 
/**
 * The lower barcode (`23024930500000`): for Ozon's internal system.
 */
lower?: string, };

export type DeliveryMethod = { 
/**
 * Delivery method id.
 */
id?: number, 
/**
 * Delivery method name, e.g. "Ozon Логистика курьеру, Москва".
 */
name: string, 
/**
 * Warehouse id.
 */
warehouseId?: number, 
/**
 * Warehouse name.
 */
warehouse: string, 
/**
 * The carrier (third-party logistics provider), e.g. "Ozon Логистика".
 */
tplProvider: string, };

export type Product = { 
/**
 * Ozon SKU.
 */
sku: number, 
/**
 * Product name (often Cyrillic).
 */
name: string, 
/**
 * The seller's article code.
 */
offerId: string, 
/**
 * How many items.
 */
quantity: number, 
/**
 * Price per item.
 */
price?: Money, };

export type Money = { 
/**
 * Decimal amount, e.g. "1259.00".
 */
amount: string, 
/**
 * ISO 4217 currency code, e.g. "RUB".
 */
currency: string, };

export type Progress = { 
/**
 * Ozon registered the posting: tracking number or barcodes are known, so a label can be printed.
 */
registered: boolean, 
/**
 * The cargo label was printed.
 */
labelPrinted: boolean, 
/**
 * The parcel was packed.
 */
packed: boolean, 
/**
 * The parcel was handed over at the collection point.
 */
handedOver: boolean, };

export type Prepared = { 
/**
 * When.
 */
at: Timestamp, 
/**
 * How the products were split into packages, if they were.
 */
packages?: Array<PackageSplit>, };

export type HandOver = { 
/**
 * The act (handover note) number.
 */
actNumber: string, 
/**
 * Where the parcel was handed over.
 */
collectionPoint: string, 
/**
 * When.
 */
at: Timestamp, };

export type Rejection = { 
/**
 * When.
 */
at: Timestamp, 
/**
 * The reason given, if any.
 */
reason?: string, };

export type Dispute = { 
/**
 * When it was opened.
 */
openedAt: Timestamp, 
/**
 * The seller's comment.
 */
comment: string, 
/**
 * How the marketplace resolved it, once it did.
 */
outcome?: DisputeOutcome, 
/**
 * When it was resolved.
 */
resolvedAt?: Timestamp, };

export type Cancellation = { 
/**
 * `seller` or `platform`.
 */
by: Actor, 
/**
 * Ozon's cancel reason id (352 out of stock, 402 other, …).
 */
reasonId?: number, 
/**
 * The free-text reason.
 */
message?: string, 
/**
 * When.
 */
at: Timestamp, };

export type Actor = "seller" | "platform";

export type Origin = { 
/**
 * Status at import.
 */
status: OzonStatus, 
/**
 * Substatus at import.
 */
substatus?: string, 
/**
 * Tracking number at import.
 */
trackingNumber?: string, 
/**
 * Barcodes at import.
 */
barcodes: Barcodes, };

export type OrderEvent = { "type": "markPrepared", 
/**
 * When.
 */
at: Timestamp, 
/**
 * How the products are split into packages, if they are (each package becomes a posting at Ozon).
 */
packages?: Array<PackageSplit>, } | { "type": "registered", 
/**
 * When.
 */
at: Timestamp, 
/**
 * The tracking number (may be empty for Ozon's own delivery, where the barcodes identify the parcel).
 */
trackingNumber?: string, 
/**
 * The label barcodes.
 */
barcodes: Barcodes, } | { "type": "printLabel", 
/**
 * When.
 */
at: Timestamp, } | { "type": "pack", 
/**
 * When.
 */
at: Timestamp, 
/**
 * What the seller did.
 */
packing: Packing, } | { "type": "handOver", 
/**
 * When.
 */
at: Timestamp, 
/**
 * The act (handover note) number.
 */
actNumber: string, 
/**
 * Where.
 */
collectionPoint: string, } | { "type": "acceptedByCarrier", 
/**
 * When.
 */
at: Timestamp, } | { "type": "rejectedBySortingCenter", 
/**
 * When.
 */
at: Timestamp, 
/**
 * The reason given, if any.
 */
reason?: string, } | { "type": "openDispute", 
/**
 * When.
 */
at: Timestamp, 
/**
 * The seller's comment.
 */
comment: string, } | { "type": "disputeResolved", 
/**
 * When.
 */
at: Timestamp, 
/**
 * How.
 */
outcome: DisputeOutcome, } | { "type": "reship", 
/**
 * When.
 */
at: Timestamp, } | { "type": "cancel", 
/**
 * When.
 */
at: Timestamp, 
/**
 * Ozon's cancel reason id (`/v1/posting/fbs/cancel-reason`): 352 out of stock, 400 only defective
 * left, 401 seller declined arbitration, 402 other (needs a message), …
 */
reasonId: number, 
/**
 * The reason in words; required for reason 402.
 */
message?: string, } | { "type": "cancelledByPlatform", 
/**
 * When.
 */
at: Timestamp, 
/**
 * Ozon's cancel reason id, if reported.
 */
reasonId?: number, 
/**
 * The reason in words, if reported.
 */
message?: string, } | { "type": "delivered", 
/**
 * When.
 */
at: Timestamp, } | { "type": "statusUpdate", 
/**
 * When.
 */
at: Timestamp, 
/**
 * The Ozon status, if reported (push notifications report only a substatus).
 */
status?: OzonStatus, 
/**
 * The Ozon substatus, if reported.
 */
substatus?: string, 
/**
 * The new shipment date (the deadline to bring the parcel), if Ozon moved it.
 */
shipmentDate?: Timestamp, };

export type EventType = "markPrepared" | "printLabel" | "pack" | "handOver" | "openDispute" | "reship" | "cancel" | "registered" | "acceptedByCarrier" | "rejectedBySortingCenter" | "disputeResolved" | "delivered" | "cancelledByPlatform" | "statusUpdate";

export type DisputeOutcome = "found" | "reship" | "cancelled";

export type PackageSplit = { 
/**
 * The products in this package.
 */
products: Array<PackageItem>, };

export type PackageItem = { 
/**
 * Ozon SKU.
 */
sku: number, 
/**
 * How many.
 */
quantity: number, };

export type SellerTab = "ready_to_prepare" | "ready_to_ship" | "handed_over" | "in_delivery" | "disputed" | "delivered" | "cancelled" | "other";

export type DeadlineState = "on_time" | "due_soon" | "overdue" | "not_applicable";

export type DeadlineOptionsFields = { 
/**
 * How many minutes before the shipment date an order counts as due soon (default 120).
 */
dueSoonMinutes: number, };

export type Deadline = { 
/**
 * On time, due soon, overdue, or not applicable.
 */
state: DeadlineState, 
/**
 * Whole minutes left until the shipment date (negative once overdue).
 */
minutesLeft: number, 
/**
 * The shipment date.
 */
shipmentDate: Timestamp, };

export type OzonPosting = { posting_number?: string, order_id: number | string, order_number?: string, status?: string, substatus?: string, tracking_number?: string, delivery_method?: OzonDeliveryMethod, in_process_at?: string, shipment_date?: string, products?: Array<OzonProduct>, barcodes?: OzonBarcodes, };

export type OzonDeliveryMethod = { id: number | string, name?: string, warehouse_id: number | string, warehouse?: string, tpl_provider?: string, };

export type OzonProduct = { sku: number | string, name?: string, offer_id?: string, quantity?: number, price: string | number | { amount: string | number, currency?: string }, currency_code?: string, };

export type OzonBarcodes = { upper_barcode?: string, lower_barcode?: string, };

export type LabelOptionsFields = { 
/**
 * The label size (default `"75x120"`).
 */
size: LabelSize, 
/**
 * The printer resolution the bars are snapped to (default 203: 8 dots/mm).
 */
dpi: number, 
/**
 * The customer's Ozon cluster letter, A–F.
 */
cluster?: string, 
/**
 * This box's number, from 1 (default 1).
 */
boxIndex: number, 
/**
 * How many boxes the posting has (default 1).
 */
boxCount: number, 
/**
 * The seller's offset from UTC in minutes, for the shipment date printed on the label (Ozon
 * writes UTC: 21:30 UTC is already the next day in Moscow, +180). Default: the date's own offset.
 */
utcOffsetMinutes?: number, };

export type LabelSize = NamedSize | { 
/**
 * Width in mm.
 */
widthMm: number, 
/**
 * Height in mm.
 */
heightMm: number, };

export type NamedSize = "75x120" | "58x40";

export type LabelLayout = { 
/**
 * Label width.
 */
widthMm: number, 
/**
 * Label height.
 */
heightMm: number, 
/**
 * The printer resolution the bars are snapped to.
 */
dpi: number, 
/**
 * The barcodes, upper first.
 */
barcodes: Array<BarcodeBox>, 
/**
 * The text lines.
 */
texts: Array<TextBox>, 
/**
 * What the caller should know.
 */
warnings: Array<LabelWarning>, };

export type BarcodeBox = { 
/**
 * `upper` (warehouse scans) or `lower` (Ozon's internal system).
 */
role: BarcodeRole, 
/**
 * The encoded value.
 */
value: string, 
/**
 * Left edge of the first bar, mm from the label's left edge.
 */
xMm: number, 
/**
 * Top of the bars, mm from the label's top edge.
 */
yMm: number, 
/**
 * Width of the bars alone (no quiet zones).
 */
widthMm: number, 
/**
 * Height of the bars.
 */
heightMm: number, 
/**
 * Module (narrowest bar) width in printer dots.
 */
moduleDots: number, 
/**
 * Clear space kept left and right of the bars.
 */
quietZoneMm: number, };

export type BarcodeRole = "upper" | "lower";

export type TextBox = { 
/**
 * What the line is, e.g. `postingNumber`.
 */
role: string, 
/**
 * The text asked for (before shrinking or cutting).
 */
text: string, 
/**
 * Left edge of the line, mm.
 */
xMm: number, 
/**
 * Baseline, mm from the top.
 */
baselineMm: number, 
/**
 * Width as drawn, mm.
 */
widthMm: number, 
/**
 * Font em size, mm.
 */
sizeMm: number, 
/**
 * Drawn smaller than its preferred size to fit.
 */
shrunk: boolean, 
/**
 * Cut short with "…" to fit.
 */
ellipsized: boolean, };

export type LabelWarning = { 
/**
 * Stable code, e.g. `UPPER_BARCODE_FALLBACK`.
 */
code: string, 
/**
 * What happened, in English.
 */
message: string, };

export type LabelData = { 
/**
 * The posting number.
 */
postingNumber: string, 
/**
 * The upper barcode's value: the one warehouses scan.
 */
upperBarcode: string, 
/**
 * The lower barcode's value, for Ozon's internal system, if Ozon supplied one.
 */
lowerBarcode?: string, 
/**
 * The tracking number, if any.
 */
trackingNumber?: string, 
/**
 * The carrier's name (e.g. "Ozon Логистика").
 */
carrier: string, 
/**
 * The delivery method's name.
 */
deliveryMethod: string, 
/**
 * The seller's warehouse.
 */
warehouse: string, 
/**
 * The shipment date as printed, `DD.MM.YYYY`.
 */
shipmentDate: string, 
/**
 * How many items the parcel holds.
 */
itemCount: number, 
/**
 * What is in the parcel, in one line (the first product, and how many more).
 */
contents: string, 
/**
 * This box's number, from 1.
 */
boxIndex: number, 
/**
 * How many boxes the posting has.
 */
boxCount: number, 
/**
 * The customer's Ozon cluster letter (A–F), shown at the bottom right of the upper barcode.
 */
cluster?: string, 
/**
 * The upper barcode is the posting number because Ozon supplied no barcodes.
 */
upperIsFallback: boolean, };

export type HandoverAct = { 
/**
 * The act (handover note) number.
 */
actNumber: string, 
/**
 * Where the parcels are handed over.
 */
collectionPoint: string, 
/**
 * When (ISO 8601 date-time): the note's date and the hand-over time.
 */
date: Timestamp, 
/**
 * The carriage's barcode, as Ozon gives it (`/v2/posting/fbs/act/get-barcode/text`, e.g.
 * `%303%24276481394`): printed at the top of every page, for the collection point to scan.
 */
barcode?: string | null, };

export type HandoverNoteOptionsFields = { 
/**
 * The resolution of the printer the note goes to (barcode bars snap to its dots). Default 300.
 */
dpi: number, };

export type Packing = { 
/**
 * The outer package.
 */
package: Package, 
/**
 * Every label stuck on the package.
 */
labels: Array<AttachedLabel>, 
/**
 * How the labels were printed.
 */
printMethod: PrintMethod, 
/**
 * The label stock's surface.
 */
labelSurface: LabelSurface, 
/**
 * Tape strips on the labelled face, in the same coordinates as the label position.
 */
tape: Array<TapeStrip>, };

export type Package = { 
/**
 * Length in mm (faces: top/bottom = length × width, front/back = length × height).
 */
lengthMm: number, 
/**
 * Width in mm (left/right = width × height).
 */
widthMm: number, 
/**
 * Height in mm.
 */
heightMm: number, 
/**
 * Weight in grams.
 */
weightG: number, 
/**
 * What the package is.
 */
kind: PackageKind, 
/**
 * Its colour where known, e.g. "brown", "white", "black".
 */
color?: string, };

export type PackageKind = "box" | "bag" | "factory_packaging";

export type AttachedLabel = { 
/**
 * Label width in mm.
 */
widthMm: number, 
/**
 * Label height in mm.
 */
heightMm: number, 
/**
 * How many pieces the label is made of (1 = whole).
 */
fragments: number, 
/**
 * The face it is stuck on.
 */
face: Face, 
/**
 * Left edge of the label on the face, mm from the face's left edge.
 */
xMm: number, 
/**
 * Top edge of the label on the face, mm from the face's top edge.
 */
yMm: number, 
/**
 * Rotation of the label on the face, degrees clockwise, about the label's centre (as CSS
 * `transform: rotate()` turns an element); `xMm`, `yMm` are its corner before turning.
 */
rotationDeg: number, };

export type Face = "top" | "bottom" | "front" | "back" | "left" | "right";

export type PrintMethod = "thermal" | "thermal_transfer" | "inkjet" | "laser";

export type LabelSurface = "matte" | "semi_gloss" | "glossy";

export type TapeStrip = { xMm: number, yMm: number, widthMm: number, heightMm: number, };

export type PackingProfile = { 
/**
 * A name to show, e.g. `standard`.
 */
name: string, 
/**
 * The cargo label the carrier prints.
 */
label: LabelSpec, 
/**
 * Heaviest parcel accepted, in grams.
 */
maxWeightG: number, 
/**
 * Lightest parcel accepted, in grams, if there is a minimum.
 */
minWeightG?: number, 
/**
 * Largest parcel accepted, mm, three sides in any order (compared largest to largest).
 */
maxDimensionsMm: [number, number, number], 
/**
 * Smallest parcel accepted, mm, three sides in any order (compared largest to largest).
 */
minDimensionsMm: [number, number, number], 
/**
 * Highest declared value of a posting accepted, in roubles, if limited.
 */
maxPriceRub?: number, 
/**
 * Lowest declared value of a posting accepted, in roubles, if limited.
 */
minPriceRub?: number, };

export type LabelSpec = { 
/**
 * Width in mm.
 */
widthMm: number, 
/**
 * Height in mm.
 */
heightMm: number, 
/**
 * How far each side may differ, in mm.
 */
toleranceMm: number, };

export type Violation = { 
/**
 * The rule.
 */
code: ViolationCode, 
/**
 * `error` blocks hand-over, `warning` does not.
 */
severity: ViolationSeverity, 
/**
 * What is wrong and what to do, in English and Russian.
 */
message: ViolationMessage, 
/**
 * The field it concerns, a path into the packing such as `labels[0].widthMm`
 * (`order.products` for the posting's value).
 */
field: string, };

export type ViolationCode = "LABEL_COUNT" | "LABEL_SIZE_MISMATCH" | "LABEL_FRAGMENTED" | "PRINT_METHOD_NOT_THERMAL" | "LABEL_SURFACE_GLOSSY" | "LABEL_NOT_ON_LARGEST_FACE" | "LABEL_OVERHANGS_FACE" | "FACE_SMALLER_THAN_LABEL" | "TAPE_OVER_BARCODE" | "LABEL_ON_FACTORY_PACKAGING" | "WEIGHT_OVER_LIMIT" | "WEIGHT_UNDER_MINIMUM" | "DIMENSIONS_OVER_LIMIT" | "DIMENSIONS_UNDER_MINIMUM" | "BLACK_PACKAGING" | "PRICE_OVER_LIMIT" | "PRICE_UNDER_MINIMUM";

export type ViolationSeverity = "error" | "warning";

export type ViolationMessage = { 
/**
 * English.
 */
en: string, 
/**
 * Russian.
 */
ru: string, };

export type DropOffOptions = { 
/**
 * How many minutes before its shipment date an order counts as due soon (default 120).
 */
windowMinutes: number, 
/**
 * The seller's offset from UTC in minutes, which decides the day an order is grouped under
 * (Ozon writes UTC). Default: each shipment date's own offset.
 */
utcOffsetMinutes?: number, };

export type DropOffPlan = { 
/**
 * One group per warehouse and shipment day, earliest shipment date first.
 */
groups: Array<DropOffGroup>, };

export type DropOffGroup = { 
/**
 * The warehouse id, when the postings carry one.
 */
warehouseId?: number, 
/**
 * The warehouse name (of the group's first order).
 */
warehouse: string, 
/**
 * The shipment day, `YYYY-MM-DD`, in the shipment date's own offset.
 */
date: string, 
/**
 * The group's earliest shipment date.
 */
firstShipmentDate: Timestamp, 
/**
 * The posting numbers, by shipment date, then posting number.
 */
postingNumbers: Array<string>, 
/**
 * How many orders are past their shipment date.
 */
late: number, 
/**
 * How many are due within the window (and not late).
 */
dueSoon: number, };

