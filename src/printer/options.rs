//! Print job options as JS sends them (camelCase JSON, every field optional) and their validation.

use std::fmt;
use std::str::FromStr;

use crate::json::{FromJson, ToJson};

use super::bitmap::{Bitmap, Rotation};
use super::error::PrintError;
use crate::json::{from_json, is_object, Raw};
use crate::units::{Dpi, Mm};

/// The printer's command language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// TSC TSPL/TSPL2, spoken by most inexpensive 4" label printers (Xprinter, Rollo, Munbyn, ...).
    #[default]
    Tspl,
    /// Zebra ZPL II.
    Zpl,
    /// Zebra/Eltron EPL2 (page mode).
    Epl,
    /// Epson ESC/POS raster, for receipt and hybrid printers.
    Escpos,
}

impl Language {
    /// Every language, in a stable order.
    pub const ALL: [Language; 4] = [
        Language::Tspl,
        Language::Zpl,
        Language::Epl,
        Language::Escpos,
    ];

    /// The lowercase name used in options: `tspl`, `zpl`, `epl`, `escpos`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Tspl => "tspl",
            Language::Zpl => "zpl",
            Language::Epl => "epl",
            Language::Escpos => "escpos",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::Tspl => "TSPL",
            Language::Zpl => "ZPL",
            Language::Epl => "EPL2",
            Language::Escpos => "ESC/POS",
        })
    }
}

impl FromStr for Language {
    type Err = PrintError;

    fn from_str(name: &str) -> Result<Language, PrintError> {
        Language::ALL
            .into_iter()
            .find(|language| language.name() == name)
            .ok_or_else(|| PrintError::UnknownLanguage {
                value: name.to_owned(),
            })
    }
}

/// How a ZPL job carries its graphic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
pub enum ZplGraphic {
    /// `:Z64:` — zlib-compressed, base64, CRC-checked; small, but not understood by some older printers.
    #[default]
    Z64,
    /// Plain uncompressed ASCII hex, two characters a byte; understood by every ZPL printer and emulation.
    Hex,
}

/// Everything a print job needs besides the label images.
///
/// JSON field names are camelCase and every field is optional (the default is shown on each field);
/// unknown fields are refused so a typo cannot silently fall back to a default.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct JobOptions {
    /// The printer language. Default `tspl`.
    pub language: Language,
    /// The printer resolution, 100–1200 dpi. Default 203.
    pub dpi: Dpi,
    /// Label width across the print head, in mm. Default 75.
    pub width_mm: Mm,
    /// Label length along the feed direction, in mm. Default 120.
    pub height_mm: Mm,
    /// Gap between labels, 0–20 mm (0 = continuous media). Default 3.
    pub gap_mm: Mm,
    /// Print darkness on the TSPL scale 0–15. Default 8. Sent as TSPL `DENSITY n`, ZPL `~SD` 2n (0–30),
    /// EPL `Dn`; ESC/POS has no portable darkness command and ignores it.
    pub density: u32,
    /// Print speed, 1–12 inches per second. Default 4. Sent as TSPL `SPEED n` and ZPL `^PRn`; EPL's `S`
    /// takes a model-specific code, so it gets n clamped to 1–6; ESC/POS ignores it.
    pub speed: u32,
    /// Copies of each label, 1–1000. Default 1.
    pub copies: u32,
    /// Clockwise turn applied to every label bitmap before it is sent. Default 0.
    pub rotation: Rotation,
    /// Horizontal calibration shift in dots, 0–2000, for printers that do not centre narrow media. Default 0.
    pub x_offset: u32,
    /// How ZPL carries the graphic: `z64` or `hex`. Default `z64`.
    pub zpl_graphic: ZplGraphic,
}

impl Default for JobOptions {
    fn default() -> Self {
        JobOptions {
            language: Language::Tspl,
            dpi: Dpi::DPI_203,
            width_mm: Mm(75.0),
            height_mm: Mm(120.0),
            gap_mm: Mm(3.0),
            density: 8,
            speed: 4,
            copies: 1,
            rotation: Rotation::R0,
            x_offset: 0,
            zpl_graphic: ZplGraphic::Z64,
        }
    }
}

/// The label's size in dots at the job's resolution, from validated options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub struct LabelGeometry {
    /// Label width in dots, as sent to the printer.
    pub width: u32,
    /// Label height in dots, as sent to the printer.
    pub height: u32,
    /// Gap between labels in dots (0 = continuous).
    pub gap: u32,
    /// The rotation the bitmaps get before they are sent.
    pub rotation: Rotation,
}

impl LabelGeometry {
    /// The size (width, height) in dots to render a label bitmap at, before the job's rotation turns it.
    pub fn bitmap_size(&self) -> (u32, u32) {
        if self.rotation.swaps_sides() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

impl JobOptions {
    /// The lightest density.
    pub const DENSITY_MIN: u32 = 0;
    /// The darkest density.
    pub const DENSITY_MAX: u32 = 15;
    /// The slowest speed, in inches per second.
    pub const SPEED_MIN: u32 = 1;
    /// The fastest speed, in inches per second.
    pub const SPEED_MAX: u32 = 12;
    /// The fewest copies of each label.
    pub const COPIES_MIN: u32 = 1;
    /// The most copies of each label.
    pub const COPIES_MAX: u32 = 1000;
    /// The largest gap between labels, in mm.
    pub const GAP_MAX_MM: f64 = 20.0;
    /// The largest horizontal offset, in dots.
    pub const X_OFFSET_MAX: u32 = 2000;
    /// The shortest label side, in mm.
    pub const LABEL_MIN_MM: f64 = 5.0;
    /// The widest label, in mm (an 8.5" industrial head is 216 mm).
    pub const LABEL_MAX_WIDTH_MM: f64 = 300.0;
    /// The longest label, in mm.
    pub const LABEL_MAX_HEIGHT_MM: f64 = 2000.0;

    /// Options from a JSON value as JS sends them, with a [`PrintError`] (and its code) for every way it can
    /// be wrong: an unknown language is [`PrintError::UnknownLanguage`], a rotation that is not a quarter turn
    /// [`PrintError::InvalidRotation`], anything else unreadable [`PrintError::InvalidOptions`] naming the field.
    /// The values are not range-checked here; [`JobOptions::validate`] does that.
    pub fn from_json(json: &str) -> Result<JobOptions, PrintError> {
        /// The fields with codes of their own, checked before the rest.
        #[derive(FromJson)]
        struct Coded<'a> {
            #[serde(default, borrow)]
            language: Raw<'a>,
            #[serde(default, borrow)]
            rotation: Raw<'a>,
        }
        let coded = crate::json::from_json::<Coded>(json).ok();
        if let Some(coded) = coded.filter(|_| is_object(json)) {
            if let Some(Ok(name)) = coded.language.text().map(crate::json::from_json::<String>) {
                name.parse::<Language>()?;
            }
            if let Some(Ok(degrees)) = coded.rotation.text().map(crate::json::from_json::<u64>) {
                Rotation::try_from(u32::try_from(degrees).unwrap_or(u32::MAX))?;
            }
        }
        from_json(json).map_err(|err| PrintError::InvalidOptions {
            field: err.path,
            reason: err.reason,
        })
    }

    /// Every problem with these options, in field order; empty when they are valid.
    pub fn problems(&self) -> Vec<PrintError> {
        let mut problems = Vec::new();
        let dpi = Dpi::new(self.dpi.get());
        if dpi.is_none() {
            problems.push(PrintError::InvalidDpi {
                value: self.dpi.get(),
                min: Dpi::MIN,
                max: Dpi::MAX,
            });
        }
        for (side, value, max_mm) in [
            ("width", self.width_mm.0, Self::LABEL_MAX_WIDTH_MM),
            ("height", self.height_mm.0, Self::LABEL_MAX_HEIGHT_MM),
        ] {
            // The bitmap's side limit caps the label too, tighter at high resolutions.
            let max = dpi.map_or(max_mm, |dpi| {
                max_mm.min(dpi.to_mm(crate::units::Dots(Bitmap::MAX_SIDE)).0.floor())
            });
            // `contains` is false for NaN, so NaN and ±inf are refused here.
            if !(Self::LABEL_MIN_MM..=max).contains(&value) {
                problems.push(PrintError::InvalidLabelSize {
                    side,
                    value,
                    min: Self::LABEL_MIN_MM,
                    max,
                });
            }
        }
        if !(0.0..=Self::GAP_MAX_MM).contains(&self.gap_mm.0) {
            problems.push(PrintError::InvalidGap {
                value: self.gap_mm.0,
                min: 0.0,
                max: Self::GAP_MAX_MM,
            });
        }
        if !(Self::DENSITY_MIN..=Self::DENSITY_MAX).contains(&self.density) {
            problems.push(PrintError::DensityOutOfRange {
                value: self.density,
                min: Self::DENSITY_MIN,
                max: Self::DENSITY_MAX,
            });
        }
        if !(Self::SPEED_MIN..=Self::SPEED_MAX).contains(&self.speed) {
            problems.push(PrintError::SpeedOutOfRange {
                value: self.speed,
                min: Self::SPEED_MIN,
                max: Self::SPEED_MAX,
            });
        }
        if !(Self::COPIES_MIN..=Self::COPIES_MAX).contains(&self.copies) {
            problems.push(PrintError::CopiesOutOfRange {
                value: self.copies,
                min: Self::COPIES_MIN,
                max: Self::COPIES_MAX,
            });
        }
        if self.x_offset > Self::X_OFFSET_MAX {
            problems.push(PrintError::XOffsetOutOfRange {
                value: self.x_offset,
                max: Self::X_OFFSET_MAX,
            });
        }
        problems
    }

    /// The label's geometry in dots, or the first problem [`JobOptions::problems`] finds.
    pub fn validate(&self) -> Result<LabelGeometry, PrintError> {
        if let Some(problem) = self.problems().into_iter().next() {
            return Err(problem);
        }
        let dpi = Dpi::new(self.dpi.get()).ok_or(PrintError::InvalidDpi {
            value: self.dpi.get(),
            min: Dpi::MIN,
            max: Dpi::MAX,
        })?;
        Ok(LabelGeometry {
            width: dpi.to_dots(self.width_mm).0,
            height: dpi.to_dots(self.height_mm).0,
            gap: dpi.to_dots(self.gap_mm).0,
            rotation: self.rotation,
        })
    }

    /// The validated resolution (callers run [`JobOptions::validate`] first; this repeats the check).
    pub(crate) fn checked_dpi(&self) -> Result<Dpi, PrintError> {
        Dpi::new(self.dpi.get()).ok_or(PrintError::InvalidDpi {
            value: self.dpi.get(),
            min: Dpi::MIN,
            max: Dpi::MAX,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use serde_json::json;

    fn codes(options: &JobOptions) -> Vec<&'static str> {
        options.problems().iter().map(ErrorCode::code).collect()
    }

    #[test]
    fn defaults_are_a_75_by_120_label_at_203_dpi() {
        let geometry = JobOptions::default().validate().unwrap();
        assert_eq!(
            (geometry.width, geometry.height, geometry.gap),
            (600, 960, 24)
        );
        let options = JobOptions::from_json(&json!({}).to_string()).unwrap();
        assert_eq!(options, JobOptions::default());
    }

    #[test]
    fn json_is_camel_case() {
        let options = JobOptions::from_json(&json!({
            "language": "zpl", "dpi": 300, "widthMm": 58, "heightMm": 40, "gapMm": 2.5,
            "density": 10, "speed": 3, "copies": 2, "rotation": 90, "xOffset": 16, "zplGraphic": "hex"
        }).to_string())
        .unwrap();
        assert_eq!(options.language, Language::Zpl);
        assert_eq!(options.rotation, Rotation::R90);
        assert_eq!(options.zpl_graphic, ZplGraphic::Hex);
        let geometry = options.validate().unwrap();
        assert_eq!((geometry.width, geometry.height), (685, 472));
        assert_eq!(geometry.bitmap_size(), (472, 685));
        let back = serde_json::to_value(&options).unwrap();
        assert_eq!(back["xOffset"], 16);
        assert_eq!(back["rotation"], 90);
    }

    #[test]
    fn unknown_language_has_its_own_code() {
        let err = JobOptions::from_json(&json!({ "language": "dpl" }).to_string()).unwrap_err();
        assert_eq!(err.code(), "PRINT_UNKNOWN_LANGUAGE");
        assert_eq!(
            err,
            PrintError::UnknownLanguage {
                value: "dpl".into()
            }
        );
    }

    #[test]
    fn unreadable_fields_name_the_field() {
        let err = JobOptions::from_json(&json!({ "copies": 1.5 }).to_string()).unwrap_err();
        assert_eq!(err.code(), "PRINT_INVALID_OPTIONS");
        assert!(matches!(&err, PrintError::InvalidOptions { field, .. } if field == "copies"));
        let err = JobOptions::from_json(&json!({ "copys": 2 }).to_string()).unwrap_err();
        assert_eq!(err.code(), "PRINT_INVALID_OPTIONS");
        let err = JobOptions::from_json(&json!({ "gapMm": -1 }).to_string()).unwrap();
        assert_eq!(codes(&err), ["PRINT_INVALID_GAP"]);
        let err = JobOptions::from_json(&json!({ "rotation": 45 }).to_string()).unwrap_err();
        assert_eq!(err.code(), "PRINT_INVALID_ROTATION");
        let err = JobOptions::from_json(&json!({ "language": 3 }).to_string()).unwrap_err();
        assert_eq!(err.code(), "PRINT_INVALID_OPTIONS");
    }

    #[test]
    fn every_problem_is_reported() {
        let options = JobOptions {
            dpi: crate::json::from_value(json!(0)).unwrap(),
            width_mm: Mm(f64::INFINITY),
            height_mm: Mm(f64::NAN),
            gap_mm: Mm(f64::NAN),
            density: 16,
            speed: 0,
            copies: 0,
            x_offset: 5000,
            ..JobOptions::default()
        };
        assert_eq!(
            codes(&options),
            [
                "PRINT_INVALID_DPI",
                "PRINT_INVALID_LABEL_SIZE",
                "PRINT_INVALID_LABEL_SIZE",
                "PRINT_INVALID_GAP",
                "PRINT_DENSITY_OUT_OF_RANGE",
                "PRINT_SPEED_OUT_OF_RANGE",
                "PRINT_COPIES_OUT_OF_RANGE",
                "PRINT_X_OFFSET_OUT_OF_RANGE",
            ]
        );
        assert_eq!(options.validate().unwrap_err().code(), "PRINT_INVALID_DPI");
    }

    #[test]
    fn label_size_limit_tightens_with_resolution() {
        let options = JobOptions {
            dpi: Dpi::new(1200).unwrap(),
            height_mm: Mm(500.0),
            ..JobOptions::default()
        };
        assert!(matches!(
            options.validate(),
            Err(PrintError::InvalidLabelSize { side: "height", max, .. }) if max == 423.0
        ));
    }
}
