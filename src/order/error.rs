use crate::json::ToJson;

use super::event::EventType;
use crate::error::ErrorCode;
use crate::packing::{Violation, ViolationCode};

/// Why an order or posting operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum OrderError {
    /// The posting JSON lacks a field an order cannot do without.
    #[error("The posting has no `{field}`; an order needs it.")]
    MissingField {
        /// The field's path in the posting JSON, e.g. `posting_number`.
        field: String,
    },
    /// A posting field has the wrong type or an unusable value.
    #[error("The posting's `{field}` is invalid: {reason}.")]
    InvalidField {
        /// The field's path in the posting JSON, e.g. `products[0].quantity`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The posting JSON is larger than fbskit accepts; it is refused before it is parsed.
    #[error("The {field} JSON is at least {bytes} bytes; at most {max} bytes are accepted.")]
    TooLarge {
        /// What was too large: `posting`, `postings`, or a list item such as `postings[3]`.
        field: String,
        /// Its size in bytes (as compact JSON for a posting inside a list). Text refused before it is
        /// copied into wasm gives its UTF-16 length, which is at most its size in bytes.
        bytes: usize,
        /// The most accepted.
        max: usize,
    },
    /// The order's history is full: no more events can be applied to it, or it cannot be replayed.
    #[error("The order's history has {len} events; at most {max} are kept.")]
    HistoryTooLong {
        /// How many events the history has.
        len: usize,
        /// The most an order keeps.
        max: usize,
    },
    /// The event may not happen to an order in this state.
    #[error("{event} is not allowed for an order in status {status}: {refusal}.")]
    NotAllowed {
        /// The order's Ozon status.
        status: String,
        /// The event that was refused.
        event: EventType,
        /// Why, precisely.
        refusal: Refusal,
    },
    /// The event's own data is unusable.
    #[error("The {event} event's `{field}` is invalid: {reason}.")]
    InvalidEvent {
        /// The event type.
        event: EventType,
        /// The field's name, e.g. `message`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The stored packing breaks packing rules of `error` severity, so the parcel cannot be handed over.
    #[error("The parcel cannot be handed over: its packing breaks {}.", .codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "))]
    PackingViolations {
        /// The codes of the blocking violations, in the order found.
        codes: Vec<ViolationCode>,
        /// The blocking violations themselves, with their messages and fields.
        violations: Vec<Violation>,
    },
    /// One posting of a list cannot be imported; the whole list is refused.
    // Counted from 1 for people; `index` (in `details`) counts from 0 for code.
    #[error("Posting {} of the list: {error}", index + 1)]
    InList {
        /// Its position in the list, from 0.
        index: usize,
        /// Why it cannot be imported (its `field` names the path within the list).
        error: Box<OrderError>,
    },
    /// An entry of the order's history cannot be applied when replaying it from the imported posting.
    #[error("History entry {index} cannot be replayed: {error}")]
    ReplayFailed {
        /// Index of the history entry.
        index: usize,
        /// Why it failed.
        error: Box<OrderError>,
    },
    /// Replaying the history from the imported posting does not give this order: it was edited by hand.
    #[error("Replaying the history does not reproduce the order: `{field}` differs.")]
    ReplayMismatch {
        /// The first top-level field that differs.
        field: String,
    },
}

/// Why the lifecycle refuses an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The event does not apply to this status at all.
    WrongStatus,
    /// Delivered and cancelled orders never change.
    Terminal,
    /// The posting is not registered yet: no tracking number or barcodes, so no label.
    NotRegistered,
    /// The posting is already registered.
    AlreadyRegistered,
    /// Hand-over needs a printed label.
    LabelNotPrinted,
    /// Hand-over needs the parcel packed.
    NotPacked,
    /// The parcel is already with the carrier.
    AlreadyHandedOver,
    /// The parcel has not been handed over yet.
    NotHandedOver,
    /// The dispute has been resolved already; a new one must be opened first.
    DisputeResolved,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::WrongStatus => "the event does not apply in this status",
            Refusal::Terminal => "the order is closed and cannot change",
            Refusal::NotRegistered => {
                "the marketplace has not registered the posting yet (no tracking number or barcodes)"
            }
            Refusal::AlreadyRegistered => "the posting is already registered",
            Refusal::LabelNotPrinted => "the cargo label has not been printed",
            Refusal::NotPacked => "the parcel has not been packed",
            Refusal::AlreadyHandedOver => "the parcel has already been handed over",
            Refusal::NotHandedOver => "the parcel has not been handed over",
            Refusal::DisputeResolved => "the dispute has been resolved already",
        })
    }
}

impl ErrorCode for OrderError {
    fn code(&self) -> &'static str {
        match self {
            OrderError::MissingField { .. } => "POSTING_MISSING_FIELD",
            OrderError::InvalidField { .. } => "POSTING_INVALID_FIELD",
            OrderError::TooLarge { .. } => "POSTING_TOO_LARGE",
            OrderError::HistoryTooLong { .. } => "ORDER_HISTORY_TOO_LONG",
            OrderError::NotAllowed { refusal, .. } => match refusal {
                Refusal::WrongStatus => "TRANSITION_NOT_ALLOWED",
                Refusal::Terminal => "ORDER_CLOSED",
                Refusal::NotRegistered => "ORDER_NOT_REGISTERED",
                Refusal::AlreadyRegistered => "ORDER_ALREADY_REGISTERED",
                Refusal::LabelNotPrinted => "LABEL_NOT_PRINTED",
                Refusal::NotPacked => "ORDER_NOT_PACKED",
                Refusal::AlreadyHandedOver => "ORDER_ALREADY_HANDED_OVER",
                Refusal::NotHandedOver => "ORDER_NOT_HANDED_OVER",
                Refusal::DisputeResolved => "DISPUTE_ALREADY_RESOLVED",
            },
            OrderError::InvalidEvent { .. } => "EVENT_INVALID",
            OrderError::PackingViolations { .. } => "PACKING_VIOLATIONS",
            OrderError::ReplayFailed { .. } => "REPLAY_FAILED",
            OrderError::InList { error, .. } => error.code(),
            OrderError::ReplayMismatch { .. } => "REPLAY_MISMATCH",
        }
    }
}
