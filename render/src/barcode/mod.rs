//! Barcode symbologies: Code 128 with the fewest symbol characters, as dark bars in module units.
//!
//! This module owns the step "label data → barcode modules". It knows nothing of millimetres or dots:
//! a later stage scales the module widths it returns to the printer's resolution.

pub mod code128;

pub use code128::{encode, Bar, Code128, MAX_LEN};

use crate::json::ToJson;

use crate::ErrorCode;

/// Why a value cannot be drawn as a barcode.
#[derive(Debug, Clone, PartialEq, thiserror::Error, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BarcodeError {
    /// The value to encode has no characters; a barcode needs at least one.
    #[error("The barcode value is empty; a barcode needs at least one character.")]
    Empty,
    /// A character lies outside ASCII 0..=127, the only characters Code 128 code sets A, B and C hold.
    #[error(
        "The character {ch:?} at position {index} cannot be put in a Code 128 barcode, which holds only ASCII characters (codes 0 to 127)."
    )]
    Unencodable {
        /// The offending character.
        ch: char,
        /// Its position in the value, counted in characters from 0.
        index: usize,
    },
    /// The value has more characters than a label barcode may hold.
    #[error("The barcode value has {len} characters, but at most {max} fit in one barcode.")]
    TooLong {
        /// The number of characters in the value.
        len: usize,
        /// The most characters allowed.
        max: usize,
    },
}

impl ErrorCode for BarcodeError {
    fn code(&self) -> &'static str {
        match self {
            BarcodeError::Empty => "BARCODE_EMPTY",
            BarcodeError::Unencodable { .. } => "BARCODE_UNENCODABLE_CHAR",
            BarcodeError::TooLong { .. } => "BARCODE_TOO_LONG",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_stable_codes_and_camel_case_json() {
        let cases = [
            (
                BarcodeError::Empty,
                "BARCODE_EMPTY",
                serde_json::json!({ "kind": "empty" }),
            ),
            (
                BarcodeError::Unencodable { ch: 'Ж', index: 3 },
                "BARCODE_UNENCODABLE_CHAR",
                serde_json::json!({ "kind": "unencodable", "ch": "Ж", "index": 3 }),
            ),
            (
                BarcodeError::TooLong { len: 81, max: 80 },
                "BARCODE_TOO_LONG",
                serde_json::json!({ "kind": "tooLong", "len": 81, "max": 80 }),
            ),
        ];
        for (error, code, json) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(serde_json::to_value(&error).unwrap(), json);
        }
    }

    #[test]
    fn messages_are_sentences_naming_the_data() {
        let message = BarcodeError::Unencodable { ch: 'é', index: 5 }.to_string();
        assert_eq!(
            message,
            "The character 'é' at position 5 cannot be put in a Code 128 barcode, which holds only ASCII characters (codes 0 to 127)."
        );
        for error in [
            BarcodeError::Empty,
            BarcodeError::TooLong { len: 81, max: 80 },
        ] {
            let message = error.to_string();
            assert!(
                message.starts_with("The ") && message.ends_with('.'),
                "{message}"
            );
        }
        assert!(BarcodeError::TooLong { len: 81, max: 80 }
            .to_string()
            .contains("81 characters, but at most 80"));
    }
}
