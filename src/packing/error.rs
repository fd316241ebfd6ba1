//! Why a packing check could not run: the input itself is unusable. A packing mistake the seller can
//! fix is a [`Violation`](super::Violation), not an error.

use crate::json::ToJson;

use crate::error::ErrorCode;

/// Malformed input to the packing checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PackingError {
    /// The packing description is malformed: a number that is not finite, a negative size, an unknown
    /// enum value, a missing field.
    #[error("The packing description's `{field}` is malformed: {reason}.")]
    Malformed {
        /// Path of the field, e.g. `labels[0].widthMm` (`.` for the whole value).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A packing profile has numbers that make no sense (a zero label, a minimum above the maximum,
    /// a limit that is not finite), or Ozon restrictions JSON lacks a limit.
    #[error("The packing profile's `{field}` is invalid: {reason}.")]
    ProfileInvalid {
        /// Path of the field, e.g. `label.widthMm` or `max_posting_weight`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No built-in profile has this name.
    #[error("There is no built-in packing profile named `{name}`; the built-in ones are standard, small_label and bulky.")]
    UnknownProfile {
        /// The name asked for.
        name: String,
    },
    /// A barcode area of the label layout is unusable.
    #[error("Barcode area {index}'s `{field}` is invalid: {reason}.")]
    BarcodeAreaInvalid {
        /// Index of the area in the list given.
        index: usize,
        /// The field, e.g. `widthMm`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl ErrorCode for PackingError {
    fn code(&self) -> &'static str {
        match self {
            PackingError::Malformed { .. } => "PACKING_MALFORMED",
            PackingError::ProfileInvalid { .. } => "PROFILE_INVALID",
            PackingError::UnknownProfile { .. } => "PROFILE_UNKNOWN",
            PackingError::BarcodeAreaInvalid { .. } => "BARCODE_AREA_INVALID",
        }
    }
}

impl PackingError {
    /// The path of the offending field, and why, for errors that name one.
    pub fn field_and_reason(&self) -> (String, String) {
        match self {
            PackingError::Malformed { field, reason }
            | PackingError::ProfileInvalid { field, reason } => (field.clone(), reason.clone()),
            PackingError::UnknownProfile { name } => {
                ("profile".into(), format!("unknown `{name}`"))
            }
            PackingError::BarcodeAreaInvalid {
                index,
                field,
                reason,
            } => (format!("barcodes[{index}].{field}"), reason.clone()),
        }
    }
}
