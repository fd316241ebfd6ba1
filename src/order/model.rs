use crate::json::{FromJson, ToJson};

use super::event::{DisputeOutcome, Event, PackageSplit};
use super::status::Status;
use crate::packing::Packing;
use crate::timestamp::Timestamp;

/// A posting as the seller works with it: what Ozon reported, the seller's progress within
/// "Ready to be shipped", and every event applied since import.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Order {
    /// Ozon's posting number, e.g. `23713478-0018-3`: one parcel, one label.
    pub posting_number: String,
    /// The customer's order number (the posting number without its last `-N`).
    pub order_number: String,
    /// Ozon's numeric order id, when the posting carried it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "number"))]
    pub order_id: Option<u64>,
    /// The Ozon status.
    #[cfg_attr(test, ts(type = "OzonStatus"))]
    pub status: Status,
    /// The Ozon substatus, verbatim (an open set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substatus: Option<String>,
    /// The carrier's tracking number, once registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// The two barcodes printed on the cargo label.
    #[serde(default)]
    pub barcodes: Barcodes,
    /// The time by which the parcel must be prepared and handed over.
    pub shipment_date: Timestamp,
    /// When Ozon started processing the posting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_process_at: Option<Timestamp>,
    /// How and from where the parcel ships.
    #[serde(default)]
    pub delivery_method: DeliveryMethod,
    /// What is in the parcel.
    pub products: Vec<Product>,
    /// The seller's steps within "Ready to be shipped".
    #[serde(default)]
    pub progress: Progress,
    /// When the seller pressed "Ready to be prepared", and any package split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared: Option<Prepared>,
    /// The packing description from the last `pack` event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packing: Option<Packing>,
    /// The signed handover note, once handed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hand_over: Option<HandOver>,
    /// Why the sorting center rejected the parcel, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<Rejection>,
    /// The seller's dispute about a rejected parcel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute: Option<Dispute>,
    /// Who cancelled the posting and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation: Option<Cancellation>,
    /// The posting's state as imported: what `replay` starts from.
    pub origin: Origin,
    /// Every applied event, in order.
    #[serde(default)]
    pub history: Vec<Event>,
}

/// The two barcodes Ozon assigns to a registered posting.
#[derive(Debug, Clone, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Barcodes {
    /// The upper barcode (`%101%806044518`): the one warehouses scan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<String>,
    /// The lower barcode (`23024930500000`): for Ozon's internal system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<String>,
}

/// How the parcel ships: the delivery method, its carrier and the seller's warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct DeliveryMethod {
    /// Delivery method id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "number"))]
    pub id: Option<u64>,
    /// Delivery method name, e.g. "Ozon Логистика курьеру, Москва".
    #[serde(default)]
    pub name: String,
    /// Warehouse id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "number"))]
    pub warehouse_id: Option<u64>,
    /// Warehouse name.
    #[serde(default)]
    pub warehouse: String,
    /// The carrier (third-party logistics provider), e.g. "Ozon Логистика".
    #[serde(default)]
    pub tpl_provider: String,
}

/// One product line of the posting.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Product {
    /// Ozon SKU.
    #[cfg_attr(test, ts(type = "number"))]
    pub sku: u64,
    /// Product name (often Cyrillic).
    pub name: String,
    /// The seller's article code.
    #[serde(default)]
    pub offer_id: String,
    /// How many items.
    pub quantity: u32,
    /// Price per item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
}

/// An amount of money, as a decimal string (never a float: prices must not drift).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Money {
    /// Decimal amount, e.g. "1259.00".
    pub amount: String,
    /// ISO 4217 currency code, e.g. "RUB".
    pub currency: String,
}

/// The seller's steps within "Ready to be shipped".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Progress {
    /// Ozon registered the posting: tracking number or barcodes are known, so a label can be printed.
    pub registered: bool,
    /// The cargo label was printed.
    pub label_printed: bool,
    /// The parcel was packed.
    pub packed: bool,
    /// The parcel was handed over at the collection point.
    pub handed_over: bool,
}

/// The seller's "Ready to be prepared" press.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Prepared {
    /// When.
    pub at: Timestamp,
    /// How the products were split into packages, if they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packages: Option<Vec<PackageSplit>>,
}

/// A signed handover note.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HandOver {
    /// The act (handover note) number.
    pub act_number: String,
    /// Where the parcel was handed over.
    pub collection_point: String,
    /// When.
    pub at: Timestamp,
}

/// A sorting center's rejection.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Rejection {
    /// When.
    pub at: Timestamp,
    /// The reason given, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The seller's dispute about a rejected parcel.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Dispute {
    /// When it was opened.
    pub opened_at: Timestamp,
    /// The seller's comment.
    pub comment: String,
    /// How the marketplace resolved it, once it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<DisputeOutcome>,
    /// When it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Timestamp>,
}

/// Who cancelled a posting and why.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Cancellation {
    /// `seller` or `platform`.
    pub by: Actor,
    /// Ozon's cancel reason id (352 out of stock, 402 other, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_id: Option<u32>,
    /// The free-text reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When.
    pub at: Timestamp,
}

/// Who causes an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Actor {
    /// The seller, through this tool.
    Seller,
    /// The marketplace or its carriers.
    Platform,
}

/// The posting's state as imported, which `replay` starts from.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Origin {
    /// Status at import.
    #[cfg_attr(test, ts(type = "OzonStatus"))]
    pub status: Status,
    /// Substatus at import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substatus: Option<String>,
    /// Tracking number at import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// Barcodes at import.
    #[serde(default)]
    pub barcodes: Barcodes,
}

impl Order {
    /// Puts the order back into its imported state, with an empty history.
    pub(crate) fn reset_to_origin(&mut self) {
        let origin = self.origin.clone();
        self.status = origin.status;
        self.substatus = origin.substatus;
        self.tracking_number = origin.tracking_number;
        self.barcodes = origin.barcodes;
        self.progress = Progress {
            registered: self.has_registration(),
            ..Progress::default()
        };
        self.prepared = None;
        self.packing = None;
        self.hand_over = None;
        self.rejection = None;
        self.dispute = None;
        self.cancellation = None;
        self.history.clear();
    }

    /// Ozon has registered the posting: it is past preparation and a tracking number or an upper
    /// barcode is known (a label needs one of them).
    pub(crate) fn has_registration(&self) -> bool {
        let has_id = self
            .barcodes
            .upper
            .as_deref()
            .is_some_and(|s| !s.is_empty())
            || self
                .tracking_number
                .as_deref()
                .is_some_and(|s| !s.is_empty());
        has_id
            && !matches!(
                self.status,
                Status::AwaitingVerification
                    | Status::AwaitingApprove
                    | Status::AwaitingPackaging
                    | Status::AwaitingRegistration
            )
    }

    /// Total number of items over all product lines.
    pub fn item_count(&self) -> u64 {
        self.products.iter().map(|p| u64::from(p.quantity)).sum()
    }
}
