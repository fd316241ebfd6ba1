//! The one error type the API returns. Each domain has its own error enum carrying data; `FbsError`
//! wraps them and gives every failure a stable SCREAMING_SNAKE `code` that JS can switch on.

use crate::json::ToJson;

use crate::label::LabelError;
use crate::order::OrderError;
use crate::packing::PackingError;
use crate::printer::PrintError;

pub use fbskit_render::ErrorCode;

/// Any failure of the fbskit API.
#[derive(Debug, Clone, PartialEq, thiserror::Error, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(untagged)]
pub enum FbsError {
    /// An order or posting operation failed.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// A label cannot be rendered.
    #[error(transparent)]
    Label(#[from] LabelError),
    /// A packing check could not run: the packing, profile or barcode areas are malformed.
    #[error(transparent)]
    Packing(#[from] PackingError),
    /// A print job cannot be made.
    #[error(transparent)]
    Print(#[from] PrintError),
    /// One order of a batch failed; the whole batch is refused.
    // Counted from 1 for people; `index` (in `details`) counts from 0 for code.
    #[error("Order {} of the batch: {error}", index + 1)]
    Batch {
        /// Index of the failing order in the batch.
        index: usize,
        /// Why it failed.
        error: Box<FbsError>,
    },
    /// An argument does not have the documented shape (wrong type, unknown enum value, missing field).
    #[error("`{argument}` is not a valid {expected}: {reason} (at `{path}`).")]
    InvalidArgument {
        /// Which argument, e.g. `event`.
        argument: &'static str,
        /// What it should be, e.g. `event object`.
        expected: &'static str,
        /// Where inside the argument, e.g. `packing.labels[0].face` (`.` for the whole value).
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// A result could not be handed back to JS. This is a bug in fbskit; please report it.
    #[error("Internal error: {reason}.")]
    Internal {
        /// What failed.
        reason: String,
    },
}

impl ErrorCode for FbsError {
    fn code(&self) -> &'static str {
        match self {
            FbsError::Order(e) => e.code(),
            FbsError::Label(e) => e.code(),
            FbsError::Print(e) => e.code(),
            FbsError::Batch { error, .. } => error.code(),
            FbsError::Packing(e) => e.code(),
            FbsError::InvalidArgument { argument, .. } => match *argument {
                "order" | "orders" => "INVALID_ORDER",
                "event" => "INVALID_EVENT",
                "now" => "INVALID_TIME",
                "act" => "INVALID_ACT",
                "batch" => "INVALID_BATCH",
                _ => "INVALID_ARGUMENT",
            },
            FbsError::Internal { .. } => "INTERNAL",
        }
    }
}

impl FbsError {
    /// The error's data as JSON text, for the JS `details` property.
    pub fn details_json(&self) -> String {
        crate::json::to_json(self)
    }
}
