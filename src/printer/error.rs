//! The printer domain's error type: every way a print job can be refused or a job's bytes can fail to parse.

use crate::json::ToJson;
use crate::number::Shortest;

use super::options::Language;

/// Why a bitmap, a set of job options, an encode or a decode was refused.
///
/// Serialized for JS as `{ "kind": "densityOutOfRange", "value": 20, "min": 0, "max": 15 }`; the stable
/// machine-readable code comes from [`crate::error::ErrorCode`].
#[derive(Debug, Clone, PartialEq, thiserror::Error, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PrintError {
    /// The printer resolution is outside the supported range.
    #[error("The printer resolution {value} dpi is not supported: it must be between {min} and {max} dpi.")]
    InvalidDpi {
        /// The resolution given.
        value: u32,
        /// The lowest resolution accepted.
        min: u32,
        /// The highest resolution accepted.
        max: u32,
    },

    /// A label side is not a finite length within the supported range.
    #[error("The label {side} of {} mm is not valid: it must be a number between {} and {} mm.", Shortest(*value), Shortest(*min), Shortest(*max))]
    InvalidLabelSize {
        /// Which side: `width` or `height`.
        side: &'static str,
        /// The length given, in millimetres (may be NaN or infinite).
        value: f64,
        /// The shortest side accepted, in millimetres.
        min: f64,
        /// The longest side accepted at this resolution, in millimetres.
        max: f64,
    },

    /// The gap between labels is not a finite length within the supported range.
    #[error("The gap between labels of {} mm is not valid: it must be a number between {} and {} mm.", Shortest(*value), Shortest(*min), Shortest(*max))]
    InvalidGap {
        /// The gap given, in millimetres (may be NaN, infinite or negative).
        value: f64,
        /// The smallest gap accepted (0 is continuous media).
        min: f64,
        /// The largest gap accepted.
        max: f64,
    },

    /// The print density (darkness) is outside the documented 0–15 scale.
    #[error("The print density {value} is out of range: it must be between {min} and {max}.")]
    DensityOutOfRange {
        /// The density given.
        value: u32,
        /// The lightest setting.
        min: u32,
        /// The darkest setting.
        max: u32,
    },

    /// The print speed is outside the supported range of inches per second.
    #[error(
        "The print speed {value} in/s is out of range: it must be between {min} and {max} in/s."
    )]
    SpeedOutOfRange {
        /// The speed given, in inches per second.
        value: u32,
        /// The slowest speed accepted.
        min: u32,
        /// The fastest speed accepted.
        max: u32,
    },

    /// The number of copies of each label is outside the supported range.
    #[error("{value} copies of each label cannot be printed: the number of copies must be between {min} and {max}.")]
    CopiesOutOfRange {
        /// The number of copies given.
        value: u32,
        /// The fewest copies accepted.
        min: u32,
        /// The most copies accepted.
        max: u32,
    },

    /// The horizontal calibration offset is larger than supported.
    #[error("The horizontal offset of {value} dots is too large: it must be at most {max} dots.")]
    XOffsetOutOfRange {
        /// The offset given, in dots.
        value: u32,
        /// The largest offset accepted, in dots.
        max: u32,
    },

    /// The printer language is not one of `tspl`, `zpl`, `epl` or `escpos`.
    #[error(
        "The printer language \"{value}\" is not supported: use one of tspl, zpl, epl or escpos."
    )]
    UnknownLanguage {
        /// The language name given.
        value: String,
    },

    /// The label rotation is not a quarter turn.
    #[error("The rotation {value} is not supported: use 0, 90, 180 or 270 degrees clockwise.")]
    InvalidRotation {
        /// The rotation given, in degrees.
        value: u32,
    },

    /// The job options could not be read (a wrong type, an unknown field, a fractional number, ...).
    #[error("The print options are not valid at `{field}`: {reason}.")]
    InvalidOptions {
        /// The path of the offending field, e.g. `copies`.
        field: String,
        /// What was wrong with it.
        reason: String,
    },

    /// A bitmap's dimensions are zero or beyond the supported maximum.
    #[error("A bitmap of {width}×{height} dots cannot be created: each side must be between 1 and {max_side} dots and the data at most {max_bytes} bytes.")]
    InvalidBitmapSize {
        /// The width asked for, in dots.
        width: u32,
        /// The height asked for, in dots.
        height: u32,
        /// The longest side accepted, in dots.
        max_side: u32,
        /// The largest packed data accepted, in bytes.
        max_bytes: usize,
    },

    /// Packed bitmap data does not have the length its dimensions call for.
    #[error("The bitmap data has {actual} bytes, but a bitmap of {width}×{height} dots needs exactly {expected}.")]
    BitmapDataLength {
        /// The width, in dots.
        width: u32,
        /// The height, in dots.
        height: u32,
        /// The number of bytes required (bytes per row × height).
        expected: usize,
        /// The number of bytes given.
        actual: usize,
    },

    /// A job was asked for with no labels in it.
    #[error("The print job has no labels: give at least one bitmap.")]
    NoLabels,

    /// The job's raster would be larger than one job may be: it is built whole in memory.
    #[error("The print job would carry {bytes} bytes of raster; at most {max} fit in one job. Print the labels in smaller batches (or fewer ESC/POS copies).")]
    JobTooLarge {
        /// The raster bytes the job would carry (labels × copies where the language repeats them).
        bytes: u64,
        /// The most one job may carry.
        max: u64,
    },

    /// A label bitmap, once rotated, does not have the size of the label at the job's resolution.
    #[error("Label {index} is {actual_width}×{actual_height} dots after rotation, but the label is {expected_width}×{expected_height} dots at this resolution.")]
    LabelSizeMismatch {
        /// The position of the label in the job, from 0.
        index: usize,
        /// The label width at the job's resolution, in dots.
        expected_width: u32,
        /// The label height at the job's resolution, in dots.
        expected_height: u32,
        /// The bitmap width after rotation, in dots.
        actual_width: u32,
        /// The bitmap height after rotation, in dots.
        actual_height: u32,
    },

    /// The label plus its offset is wider than the printer language or its print heads allow.
    #[error("The label is {width} dots wide including its offset, but {language} allows at most {max} dots.")]
    LabelTooWide {
        /// The language that refuses it.
        language: Language,
        /// The width needed (offset plus label width), in dots.
        width: u32,
        /// The widest image the language or head takes, in dots.
        max: u32,
    },

    /// Printer-language bytes could not be parsed back into bitmaps.
    #[error("The print job is malformed at byte {offset}: {reason}.")]
    JobMalformed {
        /// The byte offset in the job where the problem was found.
        offset: usize,
        /// What was wrong.
        reason: String,
    },

    /// A ZPL `:Z64:` or `:B64:` graphic's CRC does not match its base64 text.
    #[error("The ZPL graphic at byte {offset} is corrupt: its CRC is {found:04x} but its data gives {computed:04x}.")]
    ChecksumMismatch {
        /// The byte offset of the graphic data in the job.
        offset: usize,
        /// The CRC written in the job.
        found: u16,
        /// The CRC computed over the base64 text.
        computed: u16,
    },
}

impl crate::error::ErrorCode for PrintError {
    fn code(&self) -> &'static str {
        match self {
            PrintError::InvalidDpi { .. } => "PRINT_INVALID_DPI",
            PrintError::InvalidLabelSize { .. } => "PRINT_INVALID_LABEL_SIZE",
            PrintError::InvalidGap { .. } => "PRINT_INVALID_GAP",
            PrintError::DensityOutOfRange { .. } => "PRINT_DENSITY_OUT_OF_RANGE",
            PrintError::SpeedOutOfRange { .. } => "PRINT_SPEED_OUT_OF_RANGE",
            PrintError::CopiesOutOfRange { .. } => "PRINT_COPIES_OUT_OF_RANGE",
            PrintError::XOffsetOutOfRange { .. } => "PRINT_X_OFFSET_OUT_OF_RANGE",
            PrintError::UnknownLanguage { .. } => "PRINT_UNKNOWN_LANGUAGE",
            PrintError::InvalidRotation { .. } => "PRINT_INVALID_ROTATION",
            PrintError::InvalidOptions { .. } => "PRINT_INVALID_OPTIONS",
            PrintError::InvalidBitmapSize { .. } => "PRINT_INVALID_BITMAP_SIZE",
            PrintError::BitmapDataLength { .. } => "PRINT_BITMAP_DATA_LENGTH",
            PrintError::NoLabels => "PRINT_NO_LABELS",
            PrintError::JobTooLarge { .. } => "PRINT_JOB_TOO_LARGE",
            PrintError::LabelSizeMismatch { .. } => "PRINT_LABEL_SIZE_MISMATCH",
            PrintError::LabelTooWide { .. } => "PRINT_LABEL_TOO_WIDE",
            PrintError::JobMalformed { .. } => "PRINT_JOB_MALFORMED",
            PrintError::ChecksumMismatch { .. } => "PRINT_CHECKSUM_MISMATCH",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn serializes_with_kind_and_camel_case_fields() {
        let err = PrintError::LabelSizeMismatch {
            index: 2,
            expected_width: 600,
            expected_height: 960,
            actual_width: 960,
            actual_height: 600,
        };
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "labelSizeMismatch");
        assert_eq!(json["expectedWidth"], 600);
        assert_eq!(err.code(), "PRINT_LABEL_SIZE_MISMATCH");
        assert!(err.to_string().contains("960×600"));
    }

    #[test]
    fn messages_are_full_sentences_with_data() {
        let err = PrintError::DensityOutOfRange {
            value: 20,
            min: 0,
            max: 15,
        };
        assert_eq!(
            err.to_string(),
            "The print density 20 is out of range: it must be between 0 and 15."
        );
    }
}
