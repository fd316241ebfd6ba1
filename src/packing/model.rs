use crate::json::{FromJson, ToJson};

use super::error::PackingError;
use crate::json::from_json;
use crate::label::{LabelSize, NamedSize};

/// A packed parcel as the seller describes it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Packing {
    /// The outer package.
    pub package: Package,
    /// Every label stuck on the package.
    pub labels: Vec<AttachedLabel>,
    /// How the labels were printed.
    pub print_method: PrintMethod,
    /// The label stock's surface.
    pub label_surface: LabelSurface,
    /// Tape strips on the labelled face, in the same coordinates as the label position.
    #[serde(default)]
    pub tape: Vec<TapeStrip>,
}

/// The outer package: size in millimetres, weight in grams.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct Package {
    /// Length in mm (faces: top/bottom = length × width, front/back = length × height).
    pub length_mm: f64,
    /// Width in mm (left/right = width × height).
    pub width_mm: f64,
    /// Height in mm.
    pub height_mm: f64,
    /// Weight in grams.
    pub weight_g: f64,
    /// What the package is.
    pub kind: PackageKind,
    /// Its colour where known, e.g. "brown", "white", "black".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// What kind of package the parcel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum PackageKind {
    /// A carton box.
    Box,
    /// A courier bag.
    Bag,
    /// The goods' own factory packaging, with nothing around it.
    FactoryPackaging,
}

/// One label on the package.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AttachedLabel {
    /// Label width in mm.
    pub width_mm: f64,
    /// Label height in mm.
    pub height_mm: f64,
    /// How many pieces the label is made of (1 = whole).
    #[serde(default = "one")]
    pub fragments: u32,
    /// The face it is stuck on.
    pub face: Face,
    /// Left edge of the label on the face, mm from the face's left edge.
    pub x_mm: f64,
    /// Top edge of the label on the face, mm from the face's top edge.
    pub y_mm: f64,
    /// Rotation of the label on the face, degrees clockwise, about the label's centre (as CSS
    /// `transform: rotate()` turns an element); `xMm`, `yMm` are its corner before turning.
    #[serde(default)]
    pub rotation_deg: f64,
}

impl AttachedLabel {
    /// The Ozon label size this label is (each side within 1 mm), and whether it is described the
    /// other way round from its design (120 × 75, 40 × 58: the same label turned a quarter turn).
    /// `None` for any other size.
    pub fn named_size(&self) -> Option<(NamedSize, bool)> {
        let near = |a: f64, b: f64| (a - b).abs() <= 1.0;
        let is = |w: f64, h: f64| near(self.width_mm, w) && near(self.height_mm, h);
        [NamedSize::Standard, NamedSize::Small]
            .into_iter()
            .find_map(|size| {
                let (w, h) = LabelSize::Named(size).mm();
                if is(w, h) {
                    Some((size, false))
                } else if is(h, w) {
                    Some((size, true))
                } else {
                    None
                }
            })
    }
}

fn one() -> u32 {
    1
}

/// A face of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[allow(missing_docs)]
pub enum Face {
    Top,
    Bottom,
    Front,
    Back,
    Left,
    Right,
}

impl Face {
    /// Every face, in a fixed order.
    pub const ALL: [Face; 6] = [
        Face::Top,
        Face::Bottom,
        Face::Front,
        Face::Back,
        Face::Left,
        Face::Right,
    ];
}

/// How a label was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[allow(missing_docs)]
pub enum PrintMethod {
    Thermal,
    ThermalTransfer,
    Inkjet,
    Laser,
}

/// The surface of the label stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[allow(missing_docs)]
pub enum LabelSurface {
    Matte,
    SemiGloss,
    Glossy,
}

/// A strip of tape on the labelled face, as a rectangle in mm.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[allow(missing_docs)]
pub struct TapeStrip {
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// A malformed packing description: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedPacking {
    /// Path of the field, e.g. `labels[0].widthMm`.
    pub field: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Packing {
    /// Most labels described on one package.
    pub const MAX_LABELS: usize = 100;
    /// Most tape strips described on one package.
    pub const MAX_TAPE: usize = 1000;
    /// Longest package colour accepted, in characters.
    pub const MAX_COLOR_CHARS: usize = 100;

    /// A packing description from JSON text, checked: an unknown enum value, a missing field or a
    /// number that is not finite is a [`PackingError::Malformed`] naming the field.
    pub fn from_json(json: &str) -> Result<Packing, PackingError> {
        let packing: Packing = from_json(json).map_err(|e| PackingError::Malformed {
            field: e.path,
            reason: e.reason,
        })?;
        packing
            .check_well_formed()
            .map_err(|m| PackingError::Malformed {
                field: m.field,
                reason: m.reason.into(),
            })?;
        Ok(packing)
    }

    /// Checks that every number is finite, every size non-negative and every label in at least one
    /// piece: a NaN or a negative length is a malformed description, not a packing mistake.
    pub fn check_well_formed(&self) -> Result<(), MalformedPacking> {
        if self.labels.len() > Self::MAX_LABELS {
            return Err(MalformedPacking {
                field: "labels".into(),
                reason: "at most 100 labels are accepted",
            });
        }
        if self.tape.len() > Self::MAX_TAPE {
            return Err(MalformedPacking {
                field: "tape".into(),
                reason: "at most 1000 tape strips are accepted",
            });
        }
        if let Some(color) = &self.package.color {
            if color.chars().count() > Self::MAX_COLOR_CHARS {
                return Err(MalformedPacking {
                    field: "package.color".into(),
                    reason: "must be at most 100 characters",
                });
            }
        }
        if let Some(i) = self.labels.iter().position(|l| l.fragments == 0) {
            return Err(MalformedPacking {
                field: format!("labels[{i}].fragments"),
                reason: "must be at least 1",
            });
        }
        let p = &self.package;
        let mut numbers: Vec<(String, f64, bool)> = vec![
            ("package.lengthMm".into(), p.length_mm, true),
            ("package.widthMm".into(), p.width_mm, true),
            ("package.heightMm".into(), p.height_mm, true),
            ("package.weightG".into(), p.weight_g, true),
        ];
        for (i, l) in self.labels.iter().enumerate() {
            numbers.push((format!("labels[{i}].widthMm"), l.width_mm, true));
            numbers.push((format!("labels[{i}].heightMm"), l.height_mm, true));
            numbers.push((format!("labels[{i}].xMm"), l.x_mm, false));
            numbers.push((format!("labels[{i}].yMm"), l.y_mm, false));
            numbers.push((format!("labels[{i}].rotationDeg"), l.rotation_deg, false));
        }
        for (i, t) in self.tape.iter().enumerate() {
            numbers.push((format!("tape[{i}].xMm"), t.x_mm, false));
            numbers.push((format!("tape[{i}].yMm"), t.y_mm, false));
            numbers.push((format!("tape[{i}].widthMm"), t.width_mm, true));
            numbers.push((format!("tape[{i}].heightMm"), t.height_mm, true));
        }
        for (field, value, non_negative) in numbers {
            if !value.is_finite() {
                return Err(MalformedPacking {
                    field,
                    reason: "must be a finite number",
                });
            }
            if non_negative && value < 0.0 {
                return Err(MalformedPacking {
                    field,
                    reason: "must not be negative",
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_knows_its_named_size_and_whether_it_is_turned() {
        let label = |w: f64, h: f64| {
            let mut l = sample().labels.remove(0);
            l.width_mm = w;
            l.height_mm = h;
            l.named_size()
        };
        assert_eq!(label(75.0, 120.0), Some((NamedSize::Standard, false)));
        assert_eq!(label(120.0, 75.0), Some((NamedSize::Standard, true)));
        assert_eq!(label(58.5, 39.0), Some((NamedSize::Small, false)));
        assert_eq!(label(40.0, 58.0), Some((NamedSize::Small, true)));
        assert_eq!(label(76.5, 120.0), None);
        assert_eq!(label(100.0, 150.0), None);
    }

    fn sample() -> Packing {
        crate::json::from_value(serde_json::json!({
            "package": { "lengthMm": 300, "widthMm": 200, "heightMm": 100, "weightG": 1200, "kind": "box", "color": "brown" },
            "labels": [{ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 10, "yMm": 10 }],
            "printMethod": "thermal",
            "labelSurface": "matte"
        }))
        .unwrap()
    }

    #[test]
    fn parses_the_documented_shape_with_defaults() {
        let p = sample();
        assert_eq!(p.labels[0].fragments, 1);
        assert_eq!(p.labels[0].rotation_deg, 0.0);
        assert!(p.tape.is_empty());
        assert_eq!(p.check_well_formed(), Ok(()));
    }

    #[test]
    fn unknown_enum_values_are_rejected() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["printMethod"] = "crayon".into();
        assert!(crate::json::from_value::<Packing>(v).is_err());
    }

    #[test]
    fn numbers_round_trip_through_json_exactly() {
        // Found by the validate_packing fuzz target: serde_json's default float parser read this
        // back one ulp off, so a packed order no longer equalled itself after a JSON round trip.
        let mut p = sample();
        p.labels[0].width_mm = 1.4046060028955937e-96;
        p.package.weight_g = f64::MAX;
        p.labels[0].rotation_deg = -f64::MIN_POSITIVE;
        let json = crate::json::to_json(&p);
        assert_eq!(crate::json::from_json::<Packing>(&json).unwrap(), p);
    }

    #[test]
    fn too_many_labels_or_strips_and_long_colours_are_malformed() {
        let mut p = sample();
        p.labels = vec![p.labels[0].clone(); Packing::MAX_LABELS + 1];
        assert_eq!(p.check_well_formed().unwrap_err().field, "labels");
        let mut p = sample();
        let strip = TapeStrip {
            x_mm: 0.0,
            y_mm: 0.0,
            width_mm: 1.0,
            height_mm: 1.0,
        };
        p.tape = vec![strip; Packing::MAX_TAPE + 1];
        assert_eq!(p.check_well_formed().unwrap_err().field, "tape");
        let mut p = sample();
        p.package.color = Some("ч".repeat(Packing::MAX_COLOR_CHARS + 1));
        assert_eq!(p.check_well_formed().unwrap_err().field, "package.color");
        p.package.color = Some("ч".repeat(Packing::MAX_COLOR_CHARS));
        p.labels = vec![p.labels[0].clone(); Packing::MAX_LABELS];
        assert_eq!(p.check_well_formed(), Ok(()));
    }

    #[test]
    fn nan_and_negative_sizes_are_malformed() {
        let mut p = sample();
        p.package.weight_g = f64::NAN;
        assert_eq!(p.check_well_formed().unwrap_err().field, "package.weightG");
        let mut p = sample();
        p.labels[0].height_mm = -1.0;
        assert_eq!(
            p.check_well_formed().unwrap_err().reason,
            "must not be negative"
        );
        let mut p = sample();
        p.labels[0].x_mm = -3.0; // a label may start left of the face: that is an overhang, not malformed
        assert_eq!(p.check_well_formed(), Ok(()));
    }
}
