use serde::{Deserialize, Serialize};

use super::model::{Actor, Barcodes};
use super::status::Status;
use crate::packing::Packing;
use crate::timestamp::Timestamp;

/// Something that happens to an order: a seller action or a marketplace report. In JS an event is a
/// plain object `{ type: "markPrepared", at: "2026-11-27T09:30:00Z", ...its data }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OrderEvent", optional_fields))]
pub enum Event {
    /// The seller pressed "Ready to be prepared"; the order moves to "Ready to be shipped".
    MarkPrepared {
        /// When.
        at: Timestamp,
        /// How the products are split into packages, if they are (each package becomes a posting at Ozon).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        packages: Option<Vec<PackageSplit>>,
    },
    /// Ozon registered the posting: a tracking number and the label barcodes are known.
    Registered {
        /// When.
        at: Timestamp,
        /// The tracking number (may be empty for Ozon's own delivery, where the barcodes identify the parcel).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking_number: Option<String>,
        /// The label barcodes.
        #[serde(default)]
        barcodes: Barcodes,
    },
    /// The seller printed the cargo label.
    PrintLabel {
        /// When.
        at: Timestamp,
    },
    /// The seller packed the parcel.
    Pack {
        /// When.
        at: Timestamp,
        /// What the seller did.
        packing: Packing,
    },
    /// The seller handed the parcel over at the collection point and signed the handover note.
    HandOver {
        /// When.
        at: Timestamp,
        /// The act (handover note) number.
        act_number: String,
        /// Where.
        collection_point: String,
    },
    /// The carrier took the parcel on.
    AcceptedByCarrier {
        /// When.
        at: Timestamp,
    },
    /// The sorting center did not accept the parcel.
    RejectedBySortingCenter {
        /// When.
        at: Timestamp,
        /// The reason given, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The seller opened a dispute about the rejection.
    OpenDispute {
        /// When.
        at: Timestamp,
        /// The seller's comment.
        #[serde(default)]
        comment: String,
    },
    /// The marketplace closed the dispute.
    DisputeResolved {
        /// When.
        at: Timestamp,
        /// How.
        outcome: DisputeOutcome,
    },
    /// The seller ships a rejected or disputed parcel again: back to "Ready to be shipped".
    Reship {
        /// When.
        at: Timestamp,
    },
    /// The seller cancelled the posting.
    Cancel {
        /// When.
        at: Timestamp,
        /// Ozon's cancel reason id (`/v1/posting/fbs/cancel-reason`): 352 out of stock, 400 only defective
        /// left, 401 seller declined arbitration, 402 other (needs a message), …
        reason_id: u32,
        /// The reason in words; required for reason 402.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// The marketplace cancelled the posting.
    CancelledByPlatform {
        /// When.
        at: Timestamp,
        /// Ozon's cancel reason id, if reported.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason_id: Option<u32>,
        /// The reason in words, if reported.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// The customer received the parcel.
    Delivered {
        /// When.
        at: Timestamp,
    },
    /// A raw Ozon status and/or substatus, from the API or a push notification, mapped onto the lifecycle.
    StatusUpdate {
        /// When.
        at: Timestamp,
        /// The Ozon status, if reported (push notifications report only a substatus).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(type = "OzonStatus"))]
        status: Option<Status>,
        /// The Ozon substatus, if reported.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        substatus: Option<String>,
    },
}

/// How the marketplace resolved a dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DisputeOutcome {
    /// The parcel was found at the sorting center; delivery goes on.
    Found,
    /// The seller is to ship the parcel again.
    Reship,
    /// The posting is cancelled.
    Cancelled,
}

/// One package of a split posting: which products, how many of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackageSplit {
    /// The products in this package.
    pub products: Vec<PackageItem>,
}

/// A product and quantity within a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackageItem {
    /// Ozon SKU.
    #[cfg_attr(test, ts(type = "number"))]
    pub sku: u64,
    /// How many.
    pub quantity: u32,
}

macro_rules! event_types {
    ($($variant:ident => $name:literal, $actor:ident;)*) => {
        /// The kind of an event, as its JS `type` string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[allow(missing_docs)]
        pub enum EventType { $($variant,)* }

        impl EventType {
            /// Every event type, seller actions first.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// The JS `type` string.
            pub fn as_str(self) -> &'static str {
                match self { $(EventType::$variant => $name,)* }
            }

            /// Who causes events of this type.
            pub fn actor(self) -> Actor {
                match self { $(EventType::$variant => Actor::$actor,)* }
            }
        }

        impl Event {
            /// This event's type.
            pub fn event_type(&self) -> EventType {
                match self { $(Event::$variant { .. } => EventType::$variant,)* }
            }
        }
    };
}

event_types! {
    MarkPrepared => "markPrepared", Seller;
    PrintLabel => "printLabel", Seller;
    Pack => "pack", Seller;
    HandOver => "handOver", Seller;
    OpenDispute => "openDispute", Seller;
    Reship => "reship", Seller;
    Cancel => "cancel", Seller;
    Registered => "registered", Platform;
    AcceptedByCarrier => "acceptedByCarrier", Platform;
    RejectedBySortingCenter => "rejectedBySortingCenter", Platform;
    DisputeResolved => "disputeResolved", Platform;
    Delivered => "delivered", Platform;
    CancelledByPlatform => "cancelledByPlatform", Platform;
    StatusUpdate => "statusUpdate", Platform;
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Event {
    /// When the event happened, as the caller said.
    pub fn at(&self) -> &Timestamp {
        match self {
            Event::MarkPrepared { at, .. }
            | Event::Registered { at, .. }
            | Event::PrintLabel { at }
            | Event::Pack { at, .. }
            | Event::HandOver { at, .. }
            | Event::AcceptedByCarrier { at }
            | Event::RejectedBySortingCenter { at, .. }
            | Event::OpenDispute { at, .. }
            | Event::DisputeResolved { at, .. }
            | Event::Reship { at }
            | Event::Cancel { at, .. }
            | Event::CancelledByPlatform { at, .. }
            | Event::Delivered { at }
            | Event::StatusUpdate { at, .. } => at,
        }
    }
}
