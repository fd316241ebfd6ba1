use crate::json::ToJson;
use crate::number::Shortest;

use crate::barcode::BarcodeError;
use crate::font::FontError;
use crate::ErrorCode;

/// Why a label cannot be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum LabelError {
    /// The label size is not a usable size.
    #[error("A label of {} × {} mm cannot be printed: each side must be between {} and {} mm.", Shortest(*width_mm), Shortest(*height_mm), Shortest(*min_mm), Shortest(*max_mm))]
    InvalidSize {
        /// Requested width.
        width_mm: f64,
        /// Requested height.
        height_mm: f64,
        /// Smallest side accepted.
        min_mm: f64,
        /// Largest side accepted.
        max_mm: f64,
    },
    /// The printer resolution is out of range.
    #[error("{} dpi is not a printer resolution this renderer accepts ({min}–{max} dpi).", Shortest(*dpi))]
    InvalidDpi {
        /// Requested resolution.
        dpi: f64,
        /// Lowest accepted.
        min: u32,
        /// Highest accepted.
        max: u32,
    },
    /// An element does not fit on the label; nothing is ever clipped silently.
    #[error("The {element} needs {} mm but the label has {} mm for it.", Shortest(*needed_mm), Shortest(*available_mm))]
    DoesNotFit {
        /// Which element, e.g. `upperBarcode`.
        element: String,
        /// How many mm it needs at least (width for barcodes, height for the stack of elements).
        needed_mm: f64,
        /// How many mm the label has for it.
        available_mm: f64,
    },
    /// A barcode value cannot be encoded.
    #[error("The {role} barcode cannot be encoded: {error}")]
    Barcode {
        /// `upper` or `lower`.
        role: String,
        /// Why.
        error: BarcodeError,
    },
    /// A label option is invalid.
    #[error("The label option `{option}` is invalid: {reason}.")]
    InvalidOption {
        /// The option, e.g. `cluster`.
        option: String,
        /// What is wrong.
        reason: String,
    },
    /// A glyph could not be drawn with the label font (its codes pass through unchanged).
    #[error(transparent)]
    Font(FontError),
}

impl ErrorCode for LabelError {
    fn code(&self) -> &'static str {
        match self {
            LabelError::InvalidSize { .. } => "LABEL_INVALID_SIZE",
            LabelError::InvalidDpi { .. } => "LABEL_INVALID_DPI",
            LabelError::DoesNotFit { .. } => "LABEL_DOES_NOT_FIT",
            LabelError::Barcode { error, .. } => error.code(),
            LabelError::InvalidOption { .. } => "LABEL_INVALID_OPTION",
            LabelError::Font(e) => e.code(),
        }
    }
}

impl From<FontError> for LabelError {
    fn from(e: FontError) -> Self {
        LabelError::Font(e)
    }
}
