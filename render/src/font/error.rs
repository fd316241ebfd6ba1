//! Failures of the font module. The embedded font cannot fail to load: `build.rs` reads and checks it
//! when the crate is built. Rasterizing a glyph can fail only on a placement the caller computed badly.

use crate::json::ToJson;
use crate::number::Shortest;

use crate::ErrorCode;

/// A failure to rasterize a glyph of the label font.
#[derive(Debug, Clone, PartialEq, thiserror::Error, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FontError {
    /// A glyph was to be rasterized at a placement or scale that is not a finite, positive number.
    #[error(
        "A glyph cannot be rasterized at origin ({}, {}) with {} dots per font unit: each must be finite and the scale positive.", Shortest(*origin_x), Shortest(*baseline_y), Shortest(*dots_per_unit)
    )]
    InvalidPlacement {
        /// The requested left edge of the glyph's advance box, in dots.
        origin_x: f64,
        /// The requested baseline, in dots from the top.
        baseline_y: f64,
        /// The requested scale, in printer dots per font unit.
        dots_per_unit: f64,
    },
    /// A glyph was to be rasterized so large that its bitmap would exceed the size limit.
    #[error(
        "A glyph rasterized at this scale would be {width}×{height} dots, over the limit of {limit} dots a side."
    )]
    MaskTooLarge {
        /// The width the glyph's bitmap would have, in dots.
        width: u64,
        /// The height the glyph's bitmap would have, in dots.
        height: u64,
        /// The largest width or height accepted, in dots.
        limit: u32,
    },
}

impl ErrorCode for FontError {
    fn code(&self) -> &'static str {
        match self {
            FontError::InvalidPlacement { .. } => "FONT_INVALID_PLACEMENT",
            FontError::MaskTooLarge { .. } => "FONT_MASK_TOO_LARGE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_distinct() {
        let errors = [
            FontError::InvalidPlacement {
                origin_x: 0.0,
                baseline_y: 0.0,
                dots_per_unit: -1.0,
            },
            FontError::MaskTooLarge {
                width: 9000,
                height: 10,
                limit: 8192,
            },
        ];
        let codes: Vec<&str> = errors.iter().map(ErrorCode::code).collect();
        assert_eq!(codes, ["FONT_INVALID_PLACEMENT", "FONT_MASK_TOO_LARGE"]);
    }

    #[test]
    fn serializes_with_kind_tag_and_camel_case_fields() {
        let json = serde_json::to_value(FontError::MaskTooLarge {
            width: 9000,
            height: 10,
            limit: 8192,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "maskTooLarge", "width": 9000, "height": 10, "limit": 8192})
        );
    }

    #[test]
    fn messages_are_sentences() {
        let message = FontError::MaskTooLarge {
            width: 9000,
            height: 10,
            limit: 8192,
        }
        .to_string();
        assert_eq!(
            message,
            "A glyph rasterized at this scale would be 9000×10 dots, over the limit of 8192 dots a side."
        );
    }
}
