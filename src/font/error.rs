//! Failures of the font module. The embedded font is checked when it is first used; rasterizing a glyph
//! can fail only on a placement the caller computed badly.

use serde::Serialize;

use crate::error::ErrorCode;

/// A failure to load the embedded label font or to rasterize one of its glyphs.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FontError {
    /// The embedded font file is not a font `ttf-parser` can read (a build or asset bug).
    #[error("The embedded label font could not be parsed: {reason}.")]
    EmbeddedFontUnreadable {
        /// What the parser reported.
        reason: String,
    },
    /// The embedded font lacks a glyph that text layout depends on (a subsetting bug).
    #[error("The embedded label font has no glyph for {ch:?}, which label text layout needs.")]
    EmbeddedFontIncomplete {
        /// The character whose glyph is missing.
        ch: char,
    },
    /// A glyph was to be rasterized at a placement or scale that is not a finite, positive number.
    #[error(
        "A glyph cannot be rasterized at origin ({origin_x}, {baseline_y}) with {dots_per_unit} dots per font unit: each must be finite and the scale positive."
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
            FontError::EmbeddedFontUnreadable { .. } => "FONT_EMBEDDED_UNREADABLE",
            FontError::EmbeddedFontIncomplete { .. } => "FONT_EMBEDDED_INCOMPLETE",
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
            FontError::EmbeddedFontUnreadable {
                reason: "unknown magic".into(),
            },
            FontError::EmbeddedFontIncomplete { ch: '…' },
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
        assert_eq!(
            codes,
            [
                "FONT_EMBEDDED_UNREADABLE",
                "FONT_EMBEDDED_INCOMPLETE",
                "FONT_INVALID_PLACEMENT",
                "FONT_MASK_TOO_LARGE"
            ]
        );
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
        let json = serde_json::to_value(FontError::EmbeddedFontIncomplete { ch: '…' }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "embeddedFontIncomplete", "ch": "…"})
        );
    }

    #[test]
    fn messages_are_sentences() {
        let message = FontError::EmbeddedFontIncomplete { ch: '…' }.to_string();
        assert_eq!(
            message,
            "The embedded label font has no glyph for '…', which label text layout needs."
        );
    }
}
