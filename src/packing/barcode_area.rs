//! Where the barcodes sit on a label, as the tape check needs them. The label layout owns the real
//! geometry: [`label_barcode_areas`] asks it for the order's label at the size found on the package.

use crate::json::{FromJson, ToJson};

use super::error::PackingError;
use super::geometry::Rect;
use super::Packing;
use crate::units::Mm;

/// One barcode of a label, in label coordinates: mm from the label's top-left corner, in the label's
/// frame as the packing describes it (`widthMm` across, `heightMm` down, before `rotationDeg`).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct BarcodeArea {
    /// Which barcode.
    pub role: BarcodeRole,
    /// Left edge of the bars, mm.
    pub x_mm: f64,
    /// Top edge of the bars, mm.
    pub y_mm: f64,
    /// Width of the bars alone, mm.
    pub width_mm: f64,
    /// Height of the bars, mm.
    pub height_mm: f64,
    /// The blank margin a scanner needs on both ends of the code, mm.
    pub quiet_zone_mm: f64,
    /// Which way the code reads; the quiet zones lie at its two ends.
    #[serde(default)]
    pub reads: ReadDirection,
}

/// Which of the label's two barcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum BarcodeRole {
    /// The upper barcode (`%101%…`), the one warehouses scan.
    Upper,
    /// The lower barcode.
    Lower,
}

/// The direction a barcode reads in label coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ReadDirection {
    /// Bars upright, quiet zones left and right (the usual case).
    #[default]
    LeftToRight,
    /// The code turned a quarter turn: quiet zones above and below.
    TopToBottom,
}

impl BarcodeArea {
    fn new(role: BarcodeRole, x: f64, y: f64, w: f64, h: f64, quiet: f64) -> BarcodeArea {
        BarcodeArea {
            role,
            x_mm: x,
            y_mm: y,
            width_mm: w,
            height_mm: h,
            quiet_zone_mm: quiet,
            reads: ReadDirection::LeftToRight,
        }
    }

    /// A plausible layout of the 75 × 120 mm label (portrait): the upper code 50 mm wide near the top,
    /// the lower one 40 mm wide near the bottom, 5 mm quiet zones.
    pub fn standard_75x120() -> Vec<BarcodeArea> {
        vec![
            Self::new(BarcodeRole::Upper, 12.5, 8.0, 50.0, 25.0, 5.0),
            Self::new(BarcodeRole::Lower, 17.5, 92.0, 40.0, 18.0, 5.0),
        ]
    }

    /// A plausible layout of the 58 × 40 mm label (landscape): the upper code 44 mm wide near the top,
    /// the lower one 40 mm wide near the bottom, 3 mm quiet zones.
    pub fn standard_58x40() -> Vec<BarcodeArea> {
        vec![
            Self::new(BarcodeRole::Upper, 7.0, 3.0, 44.0, 12.0, 3.0),
            Self::new(BarcodeRole::Lower, 9.0, 25.0, 40.0, 10.0, 3.0),
        ]
    }

    /// This area on the same label turned a quarter turn clockwise, for a label `label_height` tall
    /// before turning (it becomes the turned label's width).
    pub fn turned_clockwise(&self, label_height: Mm) -> BarcodeArea {
        BarcodeArea {
            role: self.role,
            x_mm: label_height.0 - self.y_mm - self.height_mm,
            y_mm: self.x_mm,
            width_mm: self.height_mm,
            height_mm: self.width_mm,
            quiet_zone_mm: self.quiet_zone_mm,
            reads: match self.reads {
                ReadDirection::LeftToRight => ReadDirection::TopToBottom,
                ReadDirection::TopToBottom => ReadDirection::LeftToRight,
            },
        }
    }

    /// The bars alone, in label coordinates.
    pub(crate) fn bars(&self) -> Rect {
        Rect {
            x: self.x_mm,
            y: self.y_mm,
            w: self.width_mm,
            h: self.height_mm,
        }
    }

    /// The bars with their quiet zones, in label coordinates.
    pub(crate) fn with_quiet_zone(&self) -> Rect {
        let q = self.quiet_zone_mm;
        match self.reads {
            ReadDirection::LeftToRight => Rect {
                x: self.x_mm - q,
                y: self.y_mm,
                w: self.width_mm + 2.0 * q,
                h: self.height_mm,
            },
            ReadDirection::TopToBottom => Rect {
                x: self.x_mm,
                y: self.y_mm - q,
                w: self.width_mm,
                h: self.height_mm + 2.0 * q,
            },
        }
    }

    /// Every number finite, sizes not negative.
    pub(crate) fn check(areas: &[BarcodeArea]) -> Result<(), PackingError> {
        for (index, a) in areas.iter().enumerate() {
            let fields = [
                ("xMm", a.x_mm, false),
                ("yMm", a.y_mm, false),
                ("widthMm", a.width_mm, true),
                ("heightMm", a.height_mm, true),
                ("quietZoneMm", a.quiet_zone_mm, true),
            ];
            for (field, value, size) in fields {
                let reason = if !value.is_finite() {
                    "must be a finite number"
                } else if size && value < 0.0 {
                    "must not be negative"
                } else {
                    continue;
                };
                return Err(PackingError::BarcodeAreaInvalid {
                    index,
                    field: field.into(),
                    reason: reason.into(),
                });
            }
        }
        Ok(())
    }
}

/// The barcode areas of the order's label as stuck on this packing, in the label's frame as described:
/// the geometry the label renderer draws (`labelLayout`) for the first label's size, each area
/// covering the barcode as printed at 203 and at 300 dpi (the packing does not say which). A label described
/// the other way round from its design (120 × 75 for the standard 75 × 120, 40 × 58 for the small
/// 58 × 40) is the same label turned a quarter turn clockwise. When the order's label cannot be laid
/// out at that size (it does not fit), the standard geometry for the named sizes is used, and no areas
/// for other sizes (the size rule then reports the label). No label, no areas.
pub fn label_barcode_areas(order: &crate::order::Order, packing: &Packing) -> Vec<BarcodeArea> {
    let Some(label) = packing.labels.first() else {
        return Vec::new();
    };
    // The design orientation: the named sizes as Ozon prints them; any other size as described.
    let named = label.named_size();
    let turned = named.is_some_and(|(_, turned)| turned);
    let (w, h) = if turned {
        (label.height_mm, label.width_mm)
    } else {
        (label.width_mm, label.height_mm)
    };
    // The packing does not say at which resolution its label was printed, and the bars sit
    // differently at 203 and 300 dpi (whole dots): tape must keep clear of either.
    let at = |dpi: f64| {
        let options = crate::label::LabelOptions {
            size: crate::label::LabelSize::Custom {
                width_mm: w,
                height_mm: h,
            },
            dpi,
            ..crate::label::LabelOptions::default()
        };
        crate::label::label_layout(order, &options).map(|layout| {
            layout
                .barcodes
                .iter()
                .map(|b| BarcodeArea {
                    role: match b.role {
                        crate::label::BarcodeRole::Upper => BarcodeRole::Upper,
                        crate::label::BarcodeRole::Lower => BarcodeRole::Lower,
                    },
                    x_mm: b.x_mm,
                    y_mm: b.y_mm,
                    width_mm: b.width_mm,
                    height_mm: b.height_mm,
                    quiet_zone_mm: b.quiet_zone_mm,
                    reads: ReadDirection::default(),
                })
                .collect::<Vec<_>>()
        })
    };
    let upright = match (at(203.0), at(300.0)) {
        (Ok(a), Ok(b)) if a.len() == b.len() => {
            a.iter().zip(&b).map(|(a, b)| a.covering(b)).collect()
        }
        (Ok(a), _) => a,
        (Err(_), _) => standard_areas(named),
    };
    as_described(label, turned, upright)
}

impl BarcodeArea {
    /// The smallest area whose bars and quiet zones cover both `self`'s and `other`'s (the same
    /// barcode drawn at two resolutions).
    fn covering(&self, other: &BarcodeArea) -> BarcodeArea {
        let left = self.x_mm.min(other.x_mm);
        let right = (self.x_mm + self.width_mm).max(other.x_mm + other.width_mm);
        let top = self.y_mm.min(other.y_mm);
        let bottom = (self.y_mm + self.height_mm).max(other.y_mm + other.height_mm);
        let quiet_left = (self.x_mm - self.quiet_zone_mm).min(other.x_mm - other.quiet_zone_mm);
        let quiet_right = (self.x_mm + self.width_mm + self.quiet_zone_mm)
            .max(other.x_mm + other.width_mm + other.quiet_zone_mm);
        BarcodeArea {
            x_mm: left,
            y_mm: top,
            width_mm: right - left,
            height_mm: bottom - top,
            quiet_zone_mm: (left - quiet_left).max(quiet_right - right),
            ..self.clone()
        }
    }
}

/// Upright areas in the frame the label is described in (`turned`: described the other way round).
fn as_described(
    label: &super::AttachedLabel,
    turned: bool,
    upright: Vec<BarcodeArea>,
) -> Vec<BarcodeArea> {
    if turned {
        upright
            .iter()
            .map(|a| a.turned_clockwise(Mm(label.width_mm)))
            .collect()
    } else {
        upright
    }
}

/// The standard geometry of the first label as described (turned when described the other way round):
/// fixed numbers, which the packing rule tests measure against.
#[cfg(test)]
pub(crate) fn standard_label_areas(packing: &Packing) -> Vec<BarcodeArea> {
    let Some(label) = packing.labels.first() else {
        return Vec::new();
    };
    let named = label.named_size();
    as_described(
        label,
        named.is_some_and(|(_, turned)| turned),
        standard_areas(named),
    )
}

/// The standard geometry for the named label sizes, upright (see [`BarcodeArea::standard_75x120`]).
fn standard_areas(named: Option<(crate::label::NamedSize, bool)>) -> Vec<BarcodeArea> {
    match named {
        Some((crate::label::NamedSize::Standard, _)) => BarcodeArea::standard_75x120(),
        Some((crate::label::NamedSize::Small, _)) => BarcodeArea::standard_58x40(),
        None => Vec::new(),
    }
}
