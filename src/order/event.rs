use crate::json::ToJson;

use super::model::{Actor, Barcodes};
use super::status::Status;
use crate::json::{FromJson, ReadError, ReadResult, Reader};
use crate::packing::Packing;
use crate::timestamp::Timestamp;

/// Something that happens to an order: a seller action or a marketplace report. In JS an event is a
/// plain object `{ type: "markPrepared", at: "2026-11-27T09:30:00Z", ...its data }`.
///
/// Read by hand in one pass over the object, `type` anywhere in it (see `EventFields`).
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
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
    /// A raw Ozon status and/or substatus, from the API or a push notification, mapped onto the lifecycle;
    /// or a new shipment date (Ozon moves it: push `TYPE_CUTOFF_DATE_CHANGED`, `shipment_date` of a
    /// fresh `/v3/posting/fbs/get`).
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
        /// The new shipment date (the deadline to bring the parcel), if Ozon moved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shipment_date: Option<Timestamp>,
    },
}

/// How the marketplace resolved a dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
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
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackageSplit {
    /// The products in this package.
    pub products: Vec<PackageItem>,
}

/// A product and quantity within a package.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson)]
        #[cfg_attr(test, derive(serde::Serialize))]
        #[serde(rename_all = "camelCase")]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[allow(missing_docs)]
        pub enum EventType { $($variant,)* }

        impl EventType {
            /// Every event type, seller actions first.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// Their JS `type` strings, in the same order (for "unknown variant" errors).
            const NAMES: &'static [&'static str] = &[$($name),*];

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

impl EventType {
    /// The JSON fields an event of this type may have besides `type`, as the derived reader would
    /// list them in an "unknown field" error.
    fn fields(self) -> &'static [&'static str] {
        match self {
            EventType::MarkPrepared => &["at", "packages"],
            EventType::Registered => &["at", "trackingNumber", "barcodes"],
            EventType::Pack => &["at", "packing"],
            EventType::HandOver => &["at", "actNumber", "collectionPoint"],
            EventType::RejectedBySortingCenter => &["at", "reason"],
            EventType::OpenDispute => &["at", "comment"],
            EventType::DisputeResolved => &["at", "outcome"],
            EventType::Cancel | EventType::CancelledByPlatform => &["at", "reasonId", "message"],
            EventType::StatusUpdate => &["at", "status", "substatus", "shipmentDate"],
            EventType::PrintLabel
            | EventType::AcceptedByCarrier
            | EventType::Reship
            | EventType::Delivered => &["at"],
        }
    }
}

impl<'a> FromJson<'a> for Event {
    /// Reads an event object's fields in any order (`type` need not come first), then builds the
    /// event its `type` names: a field of another type is an unknown field, a required one missing is
    /// named.
    fn read(r: &mut Reader<'a>) -> ReadResult<Event> {
        r.begin_object(&"an event object ({ type, at, ...data })")?;
        let mut f = EventFields::default();
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            let key = &*key;
            if key == "type" {
                let name = String::read(r).map_err(|e| e.at_key(key))?;
                let kind = EventType::ALL
                    .iter()
                    .copied()
                    .find(|kind| kind.as_str() == name)
                    .ok_or_else(|| {
                        ReadError::unknown_variant(&name, EventType::NAMES).at_key(key)
                    })?;
                if f.kind.replace(kind).is_some() {
                    return Err(ReadError::duplicate_field(key).at_key(key));
                }
                continue;
            }
            // Once the type is known, a field it does not have is refused at its key.
            if let Some(kind) = f.kind {
                if !kind.fields().contains(&key) {
                    return Err(ReadError::unknown_field(key, kind.fields()));
                }
            }
            match key {
                "at" => r.member(&mut f.at, key)?,
                "packages" => r.member(&mut f.packages, key)?,
                "trackingNumber" => r.member(&mut f.tracking_number, key)?,
                "barcodes" => r.member(&mut f.barcodes, key)?,
                "packing" => r.member(&mut f.packing, key)?,
                "actNumber" => r.member(&mut f.act_number, key)?,
                "collectionPoint" => r.member(&mut f.collection_point, key)?,
                "reason" => r.member(&mut f.reason, key)?,
                "comment" => r.member(&mut f.comment, key)?,
                "outcome" => r.member(&mut f.outcome, key)?,
                // Optional for `cancelledByPlatform`, required by `cancel`, where `null` counts as
                // absent: the same answer whether the key comes before `type` or after it.
                "reasonId" => r.member(&mut f.reason_id, key)?,
                "message" => r.member(&mut f.message, key)?,
                "status" => r.member(&mut f.status, key)?,
                "substatus" => r.member(&mut f.substatus, key)?,
                "shipmentDate" => r.member(&mut f.shipment_date, key)?,
                _ => r.skip().map_err(|e| e.at_key(key))?,
            }
            // Checked against the type once it is known (keys after `type` were checked above).
            if f.kind.is_none() {
                f.keys.push(key.to_owned());
            }
        }
        f.build()
    }
}

/// Every field any event may have, as read so far.
#[derive(Default)]
struct EventFields {
    kind: Option<EventType>,
    at: Option<Timestamp>,
    packages: Option<Option<Vec<PackageSplit>>>,
    tracking_number: Option<Option<String>>,
    barcodes: Option<Barcodes>,
    packing: Option<Packing>,
    act_number: Option<String>,
    collection_point: Option<String>,
    reason: Option<Option<String>>,
    comment: Option<String>,
    outcome: Option<DisputeOutcome>,
    reason_id: Option<Option<u32>>,
    message: Option<Option<String>>,
    status: Option<Option<Status>>,
    substatus: Option<Option<String>>,
    shipment_date: Option<Option<Timestamp>>,
    /// Every key before `type`, in order, to refuse the first one the type does not have.
    keys: Vec<String>,
}

impl EventFields {
    fn build(self) -> ReadResult<Event> {
        let kind = self.kind.ok_or_else(|| ReadError::missing_field("type"))?;
        let fields = kind.fields();
        if let Some(key) = self.keys.iter().find(|k| !fields.contains(&k.as_str())) {
            return Err(ReadError::unknown_field(key, fields));
        }
        let at = self.at.ok_or_else(|| ReadError::missing_field("at"))?;
        let required = |value: Option<String>, name: &'static str| {
            value.ok_or_else(|| ReadError::missing_field(name))
        };
        Ok(match kind {
            EventType::MarkPrepared => Event::MarkPrepared {
                at,
                packages: self.packages.flatten(),
            },
            EventType::Registered => Event::Registered {
                at,
                tracking_number: self.tracking_number.flatten(),
                barcodes: self.barcodes.unwrap_or_default(),
            },
            EventType::PrintLabel => Event::PrintLabel { at },
            EventType::Pack => Event::Pack {
                at,
                packing: self
                    .packing
                    .ok_or_else(|| ReadError::missing_field("packing"))?,
            },
            EventType::HandOver => Event::HandOver {
                at,
                act_number: required(self.act_number, "actNumber")?,
                collection_point: required(self.collection_point, "collectionPoint")?,
            },
            EventType::AcceptedByCarrier => Event::AcceptedByCarrier { at },
            EventType::RejectedBySortingCenter => Event::RejectedBySortingCenter {
                at,
                reason: self.reason.flatten(),
            },
            EventType::OpenDispute => Event::OpenDispute {
                at,
                comment: self.comment.unwrap_or_default(),
            },
            EventType::DisputeResolved => Event::DisputeResolved {
                at,
                outcome: self
                    .outcome
                    .ok_or_else(|| ReadError::missing_field("outcome"))?,
            },
            EventType::Reship => Event::Reship { at },
            EventType::Cancel => Event::Cancel {
                at,
                reason_id: self
                    .reason_id
                    .flatten()
                    .ok_or_else(|| ReadError::missing_field("reasonId"))?,
                message: self.message.flatten(),
            },
            EventType::CancelledByPlatform => Event::CancelledByPlatform {
                at,
                reason_id: self.reason_id.flatten(),
                message: self.message.flatten(),
            },
            EventType::Delivered => Event::Delivered { at },
            EventType::StatusUpdate => Event::StatusUpdate {
                at,
                status: self.status.flatten(),
                substatus: self.substatus.flatten(),
                shipment_date: self.shipment_date.flatten(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_field_of_a_type_is_read_for_it() {
        // A field a type lists must reach its reader: never "unknown field" for that type.
        for &kind in EventType::ALL {
            for &field in kind.fields() {
                let json = format!(r#"{{"type":"{kind}","{field}":null}}"#);
                let error = crate::json::from_json::<Event>(&json)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                assert!(!error.starts_with("unknown field"), "{json}: {error}");
            }
        }
    }
}
