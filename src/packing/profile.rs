//! Packing profiles: the carrier's label size and the parcel limits, as plain data. Built-in profiles
//! follow the general FBS rules; a drop-off point's own limits come from Ozon's
//! `/v1/posting/fbs/restrictions` and turn into a profile with [`PackingProfile::from_ozon_restrictions`].

use crate::json::{FromJson, ToJson};

use super::error::PackingError;
use super::model::Packing;
use crate::json::{from_json, is_object, Raw};

/// What a carrier accepts: the label size and the parcel's weight and size limits.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct PackingProfile {
    /// A name to show, e.g. `standard`.
    pub name: String,
    /// The cargo label the carrier prints.
    pub label: LabelSpec,
    /// Heaviest parcel accepted, in grams.
    pub max_weight_g: f64,
    /// Lightest parcel accepted, in grams, if there is a minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weight_g: Option<f64>,
    /// Largest parcel accepted, mm, three sides in any order (compared largest to largest).
    pub max_dimensions_mm: [f64; 3],
    /// Smallest parcel accepted, mm, three sides in any order (compared largest to largest).
    pub min_dimensions_mm: [f64; 3],
    /// Highest declared value of a posting accepted, in roubles, if limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price_rub: Option<f64>,
    /// Lowest declared value of a posting accepted, in roubles, if limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_price_rub: Option<f64>,
}

/// The label size a carrier prints, in either orientation.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LabelSpec {
    /// Width in mm.
    pub width_mm: f64,
    /// Height in mm.
    pub height_mm: f64,
    /// How far each side may differ, in mm.
    pub tolerance_mm: f64,
}

/// The built-in profile names, in the order [`PackingProfile::builtin`] lists them.
pub const BUILTIN_PROFILES: [&str; 3] = ["standard", "small_label", "bulky"];

const STANDARD_LABEL: LabelSpec = LabelSpec {
    width_mm: 75.0,
    height_mm: 120.0,
    tolerance_mm: 1.0,
};

impl PackingProfile {
    /// Ordinary FBS parcels: the 75 × 120 mm label, up to 25 kg and 1800 × 800 × 800 mm, at least
    /// 150 × 100 × 10 mm.
    pub fn standard() -> PackingProfile {
        PackingProfile {
            name: "standard".into(),
            label: STANDARD_LABEL,
            max_weight_g: 25_000.0,
            min_weight_g: None,
            max_dimensions_mm: [1800.0, 800.0, 800.0],
            min_dimensions_mm: [150.0, 100.0, 10.0],
            max_price_rub: None,
            min_price_rub: None,
        }
    }

    /// The standard limits with the small 58 × 40 mm label.
    pub fn small_label() -> PackingProfile {
        PackingProfile {
            name: "small_label".into(),
            label: LabelSpec {
                width_mm: 58.0,
                height_mm: 40.0,
                tolerance_mm: 1.0,
            },
            ..PackingProfile::standard()
        }
    }

    /// Bulky goods (КГТ): up to 160 kg and 2500 × 2200 × 1200 mm, with the 75 × 120 mm label.
    pub fn bulky() -> PackingProfile {
        PackingProfile {
            name: "bulky".into(),
            max_weight_g: 160_000.0,
            max_dimensions_mm: [2500.0, 2200.0, 1200.0],
            ..PackingProfile::standard()
        }
    }

    /// The profile a packing is judged by when no carrier is named: the small-label one when its
    /// first label is 58 × 40 mm (either way round), the standard one otherwise. The hand-over guard
    /// and `validatePacking` without a profile both use it, so they never disagree.
    pub fn for_packing(packing: &Packing) -> PackingProfile {
        let small = packing
            .labels
            .first()
            .and_then(|l| l.named_size())
            .is_some_and(|(size, _)| size == crate::label::NamedSize::Small);
        if small {
            Self::small_label()
        } else {
            Self::standard()
        }
    }

    /// Every built-in profile.
    pub fn builtins() -> Vec<PackingProfile> {
        vec![Self::standard(), Self::small_label(), Self::bulky()]
    }

    /// A built-in profile by name (`standard`, `small_label`, `bulky`).
    pub fn builtin(name: &str) -> Result<PackingProfile, PackingError> {
        match name {
            "standard" => Ok(Self::standard()),
            "small_label" => Ok(Self::small_label()),
            "bulky" => Ok(Self::bulky()),
            _ => Err(PackingError::UnknownProfile {
                name: name.chars().take(100).collect(),
            }),
        }
    }

    /// A profile from JSON text in this type's camelCase shape, checked.
    pub fn from_json(json: &str) -> Result<PackingProfile, PackingError> {
        let profile: PackingProfile =
            from_json(json).map_err(|e| PackingError::ProfileInvalid {
                field: e.path,
                reason: e.reason,
            })?;
        profile.check()?;
        Ok(profile)
    }

    /// A profile from the drop-off point's limits as `/v1/posting/fbs/restrictions` returns them (the
    /// whole response or its `result`): weights in grams, sides in centimetres, prices in roubles.
    /// The label is the standard 75 × 120 mm one; the minimum size is the standard minimum, capped
    /// at the maximum.
    pub fn from_ozon_restrictions(json: &str) -> Result<PackingProfile, PackingError> {
        let outer = restrictions(json, ".")?;
        let result = match outer.result.text().filter(|&text| text != "null") {
            Some(result) => restrictions(result, "result")?,
            None => outer,
        };
        let number = |key: &str, required: bool| -> Result<Option<f64>, PackingError> {
            let invalid = |reason: &str| PackingError::ProfileInvalid {
                field: key.to_owned(),
                reason: reason.to_owned(),
            };
            match result.field(key) {
                None | Some("null") if required => {
                    Err(invalid("is missing; Ozon's restrictions always carry it"))
                }
                None | Some("null") => Ok(None),
                Some(v) => crate::json::from_json::<f64>(v)
                    .map(Some)
                    .map_err(|_| invalid("must be a number")),
            }
        };
        let cm = |key: &str| -> Result<f64, PackingError> {
            Ok(number(key, true)?.unwrap_or_default() * 10.0)
        };
        let max_dimensions_mm = [cm("length")?, cm("width")?, cm("height")?];
        let standard = PackingProfile::standard();
        let (max_sorted, _) = sorted_desc(max_dimensions_mm);
        let (min_sorted, _) = sorted_desc(standard.min_dimensions_mm);
        let min_dimensions_mm = [
            min_sorted[0].min(max_sorted[0]),
            min_sorted[1].min(max_sorted[1]),
            min_sorted[2].min(max_sorted[2]),
        ];
        let posting = result
            .posting_number
            .text()
            .and_then(|raw| crate::json::from_json::<String>(raw).ok())
            .filter(|s| !s.is_empty());
        let profile = PackingProfile {
            name: match posting {
                Some(p) => format!(
                    "ozon_restrictions {}",
                    p.chars().take(60).collect::<String>()
                ),
                None => "ozon_restrictions".into(),
            },
            label: STANDARD_LABEL,
            max_weight_g: number("max_posting_weight", true)?.unwrap_or_default(),
            min_weight_g: number("min_posting_weight", false)?,
            max_dimensions_mm,
            min_dimensions_mm,
            max_price_rub: number("max_posting_price", false)?.filter(|&p| p > 0.0),
            min_price_rub: number("min_posting_price", false)?,
        };
        profile.check().map_err(|e| match e {
            // Name the restrictions' own field rather than the profile's.
            PackingError::ProfileInvalid { field, reason } => PackingError::ProfileInvalid {
                field: match field.as_str() {
                    "maxWeightG" => "max_posting_weight".into(),
                    "minWeightG" => "min_posting_weight".into(),
                    "maxPriceRub" => "max_posting_price".into(),
                    "minPriceRub" => "min_posting_price".into(),
                    f if f.starts_with("maxDimensionsMm") => "length/width/height".into(),
                    _ => field,
                },
                reason,
            },
            other => other,
        })?;
        Ok(profile)
    }

    /// Checks that every number makes sense: finite, positive sizes and limits, minimums not above
    /// maximums, a tolerance smaller than the label.
    pub fn check(&self) -> Result<(), PackingError> {
        let invalid = |field: &str, reason: &str| PackingError::ProfileInvalid {
            field: field.to_owned(),
            reason: reason.to_owned(),
        };
        let positive = |field: &str, v: f64| {
            if !v.is_finite() {
                Err(invalid(field, "must be a finite number"))
            } else if v <= 0.0 {
                Err(invalid(field, "must be greater than zero"))
            } else {
                Ok(())
            }
        };
        let non_negative = |field: &str, v: f64| {
            if !v.is_finite() {
                Err(invalid(field, "must be a finite number"))
            } else if v < 0.0 {
                Err(invalid(field, "must not be negative"))
            } else {
                Ok(())
            }
        };
        let l = &self.label;
        positive("label.widthMm", l.width_mm)?;
        positive("label.heightMm", l.height_mm)?;
        non_negative("label.toleranceMm", l.tolerance_mm)?;
        if l.tolerance_mm >= l.width_mm.min(l.height_mm) {
            return Err(invalid(
                "label.toleranceMm",
                "must be smaller than the label's shorter side",
            ));
        }
        positive("maxWeightG", self.max_weight_g)?;
        if let Some(min) = self.min_weight_g {
            non_negative("minWeightG", min)?;
            if min > self.max_weight_g {
                return Err(invalid("minWeightG", "must not exceed maxWeightG"));
            }
        }
        for (i, &v) in self.max_dimensions_mm.iter().enumerate() {
            positive(&format!("maxDimensionsMm[{i}]"), v)?;
        }
        for (i, &v) in self.min_dimensions_mm.iter().enumerate() {
            non_negative(&format!("minDimensionsMm[{i}]"), v)?;
        }
        let (max, _) = sorted_desc(self.max_dimensions_mm);
        let (min, _) = sorted_desc(self.min_dimensions_mm);
        if min.iter().zip(max.iter()).any(|(lo, hi)| lo > hi) {
            return Err(invalid(
                "minDimensionsMm",
                "must fit within maxDimensionsMm (sides compared largest to largest)",
            ));
        }
        if let Some(max) = self.max_price_rub {
            positive("maxPriceRub", max)?;
        }
        if let Some(min) = self.min_price_rub {
            non_negative("minPriceRub", min)?;
            if self.max_price_rub.is_some_and(|max| min > max) {
                return Err(invalid("minPriceRub", "must not exceed maxPriceRub"));
            }
        }
        Ok(())
    }
}

impl Default for PackingProfile {
    fn default() -> Self {
        PackingProfile::standard()
    }
}

/// Three sides sorted largest first, with the index each came from.
pub(crate) fn sorted_desc(sides: [f64; 3]) -> ([f64; 3], [usize; 3]) {
    let mut order = [0usize, 1, 2];
    let at = |i: usize| sides.get(i).copied().unwrap_or_default();
    // Three compare-and-swaps, each only on a strictly larger side: stable, and no sort instantiated for
    // three items (a general sort costs kilobytes of wasm per element type).
    for (i, j) in [(0, 1), (1, 2), (0, 1)] {
        if let (Some(&a), Some(&b)) = (order.get(i), order.get(j)) {
            if at(b).total_cmp(&at(a)).is_gt() {
                order.swap(i, j);
            }
        }
    }
    (order.map(at), order)
}

/// The fields of Ozon's `/v1/posting/fbs/restrictions` response (or of its `result`) that make a
/// profile, as JSON text: each is checked by [`PackingProfile::from_ozon_restrictions`].
#[derive(Default, FromJson)]
struct OzonRestrictions<'a> {
    #[serde(default, borrow)]
    result: Raw<'a>,
    #[serde(default, borrow)]
    posting_number: Raw<'a>,
    #[serde(default, borrow)]
    max_posting_weight: Raw<'a>,
    #[serde(default, borrow)]
    min_posting_weight: Raw<'a>,
    #[serde(default, borrow)]
    width: Raw<'a>,
    #[serde(default, borrow)]
    height: Raw<'a>,
    #[serde(default, borrow)]
    length: Raw<'a>,
    #[serde(default, borrow)]
    max_posting_price: Raw<'a>,
    #[serde(default, borrow)]
    min_posting_price: Raw<'a>,
}

impl<'a> OzonRestrictions<'a> {
    fn field(&self, key: &str) -> Option<&'a str> {
        let raw = match key {
            "max_posting_weight" => &self.max_posting_weight,
            "min_posting_weight" => &self.min_posting_weight,
            "width" => &self.width,
            "height" => &self.height,
            "length" => &self.length,
            "max_posting_price" => &self.max_posting_price,
            "min_posting_price" => &self.min_posting_price,
            _ => return None,
        };
        raw.text()
    }
}

/// The restrictions fields of JSON text at `field`, which must be an object.
fn restrictions<'a>(json: &'a str, field: &str) -> Result<OzonRestrictions<'a>, PackingError> {
    let invalid = |reason: String| PackingError::ProfileInvalid {
        field: field.to_owned(),
        reason,
    };
    if !is_object(json) {
        return Err(invalid("must be a JSON object".into()));
    }
    crate::json::from_json(json).map_err(|e| invalid(e.to_string()))
}
