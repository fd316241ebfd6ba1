//! The packing rules: [`validate_packing`] checks a packed parcel against a carrier profile and
//! returns every problem it finds, each with a stable code, a severity, a message in English and
//! Russian, and the field it concerns.
//!
//! | code | severity | rule |
//! |---|---|---|
//! | `LABEL_COUNT` | error | exactly one label per package |
//! | `LABEL_SIZE_MISMATCH` | error | the label is the profile's size within its tolerance, in either orientation |
//! | `LABEL_FRAGMENTED` | error | the label is one whole piece |
//! | `PRINT_METHOD_NOT_THERMAL` | error | thermal or thermal-transfer printing, not inkjet or laser |
//! | `LABEL_SURFACE_GLOSSY` | warning | matte or semi-gloss stock; glossy glares but often still scans |
//! | `LABEL_NOT_ON_LARGEST_FACE` | warning | the label is on a largest face (a secondary source's rule, not confirmed by Ozon) |
//! | `LABEL_OVERHANGS_FACE` | error | the label lies wholly within its face |
//! | `FACE_SMALLER_THAN_LABEL` | error | the label fits on a largest face at some angle |
//! | `TAPE_OVER_BARCODE` | error | no tape strip overlaps a barcode or its quiet zones (as printed at 203 or 300 dpi) |
//! | `LABEL_ON_FACTORY_PACKAGING` | warning | the parcel has outer packaging (factory packaging is allowed for some goods, but must not be damaged) |
//! | `WEIGHT_OVER_LIMIT` / `WEIGHT_UNDER_MINIMUM` | error | the weight is within the profile's limits |
//! | `DIMENSIONS_OVER_LIMIT` / `DIMENSIONS_UNDER_MINIMUM` | error | the sides, sorted, are within the sorted limits |
//! | `BLACK_PACKAGING` | error | the packaging is not black |
//! | `PRICE_OVER_LIMIT` / `PRICE_UNDER_MINIMUM` | error | the posting's value is within a drop-off point's price limits, when the profile has them |
//!
//! Errors block hand-over; warnings do not.
//!
//! Geometry: a face is measured from its top-left corner, x across and y down; top and bottom are
//! length × width, front and back length × height, left and right width × height (the first figure
//! across). A label's `xMm`, `yMm` are its top-left corner before turning; `rotationDeg` turns it
//! clockwise **about its own centre**, as CSS `transform: rotate()` does, so a page can draw it as
//! given. Tape strips are rectangles on the labelled face in the same coordinates; with several
//! labels each strip is checked against each label.

use crate::json::{FromJson, ToJson};

use super::barcode_area::{BarcodeArea, BarcodeRole};
use super::error::PackingError;
use super::geometry::{bounds, fits_at_some_angle, overlaps, Placement, Rect, EPS};
use super::profile::{sorted_desc, PackingProfile};
use super::{Face, LabelSurface, Package, PackageKind, Packing, PrintMethod};
use crate::number::{parse_f64, Fixed};
use crate::order::Order;

/// How much a violation matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ViolationSeverity"))]
pub enum Severity {
    /// The parcel cannot be handed over like this.
    Error,
    /// Worth fixing; hand-over is not blocked.
    Warning,
}

macro_rules! violation_codes {
    ($($variant:ident => $name:literal, $severity:ident;)*) => {
        /// A packing rule, by its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson, FromJson)]
        #[cfg_attr(test, derive(serde::Serialize))]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[allow(missing_docs)]
        pub enum ViolationCode { $($variant,)* }

        impl ViolationCode {
            /// Every rule.
            pub const ALL: &'static [ViolationCode] = &[$(ViolationCode::$variant),*];

            /// The stable code, e.g. `LABEL_SIZE_MISMATCH`.
            pub fn as_str(self) -> &'static str {
                match self { $(ViolationCode::$variant => $name,)* }
            }

            /// Whether breaking the rule blocks hand-over.
            pub fn severity(self) -> Severity {
                match self { $(ViolationCode::$variant => Severity::$severity,)* }
            }
        }
    };
}

violation_codes! {
    LabelCount => "LABEL_COUNT", Error;
    LabelSizeMismatch => "LABEL_SIZE_MISMATCH", Error;
    LabelFragmented => "LABEL_FRAGMENTED", Error;
    PrintMethodNotThermal => "PRINT_METHOD_NOT_THERMAL", Error;
    LabelSurfaceGlossy => "LABEL_SURFACE_GLOSSY", Warning;
    LabelNotOnLargestFace => "LABEL_NOT_ON_LARGEST_FACE", Warning;
    LabelOverhangsFace => "LABEL_OVERHANGS_FACE", Error;
    FaceSmallerThanLabel => "FACE_SMALLER_THAN_LABEL", Error;
    TapeOverBarcode => "TAPE_OVER_BARCODE", Error;
    LabelOnFactoryPackaging => "LABEL_ON_FACTORY_PACKAGING", Warning;
    WeightOverLimit => "WEIGHT_OVER_LIMIT", Error;
    WeightUnderMinimum => "WEIGHT_UNDER_MINIMUM", Error;
    DimensionsOverLimit => "DIMENSIONS_OVER_LIMIT", Error;
    DimensionsUnderMinimum => "DIMENSIONS_UNDER_MINIMUM", Error;
    BlackPackaging => "BLACK_PACKAGING", Error;
    PriceOverLimit => "PRICE_OVER_LIMIT", Error;
    PriceUnderMinimum => "PRICE_UNDER_MINIMUM", Error;
}

impl std::fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message for the seller, in English and Russian: full sentences with the numbers involved.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ViolationMessage"))]
pub struct Message {
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

/// One broken packing rule.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Violation {
    /// The rule.
    pub code: ViolationCode,
    /// `error` blocks hand-over, `warning` does not.
    pub severity: Severity,
    /// What is wrong and what to do, in English and Russian.
    pub message: Message,
    /// The field it concerns, a path into the packing such as `labels[0].widthMm`
    /// (`order.products` for the posting's value).
    pub field: String,
}

/// Checks a packed parcel against a profile: every broken rule, in a fixed order (package, then each
/// label, then tape), or a [`PackingError`] when the packing, the profile or the barcode areas are
/// malformed. `barcodes` are the label's barcode areas in label coordinates (see
/// [`label_barcode_areas`](super::label_barcode_areas)); `order` supplies the posting's value for
/// a profile with price limits.
pub fn validate_packing(
    order: &Order,
    packing: &Packing,
    profile: &PackingProfile,
    barcodes: &[BarcodeArea],
) -> Result<Vec<Violation>, PackingError> {
    packing
        .check_well_formed()
        .map_err(|m| PackingError::Malformed {
            field: m.field,
            reason: m.reason.into(),
        })?;
    profile.check()?;
    BarcodeArea::check(barcodes)?;

    let mut out = Vec::new();
    package_rules(packing, profile, &mut out);
    price_rules(order, profile, &mut out);
    label_rules(packing, profile, &mut out);
    tape_rules(packing, barcodes, &mut out);
    Ok(out)
}

/// [`validate_packing`] with the barcode areas of the order's own label
/// ([`label_barcode_areas`](super::label_barcode_areas)), laid out only when there is tape for the tape
/// rule to check them against: the layout is most of a packing check's time.
pub fn validate_order_packing(
    order: &Order,
    packing: &Packing,
    profile: &PackingProfile,
) -> Result<Vec<Violation>, PackingError> {
    let areas = if packing.tape.is_empty() {
        Vec::new()
    } else {
        super::label_barcode_areas(order, packing)
    };
    validate_packing(order, packing, profile, &areas)
}

/// Records a violation in both languages. Not inlined, like [`ru`]: each message would carry a copy.
#[inline(never)]
fn push(
    out: &mut Vec<Violation>,
    code: ViolationCode,
    field: impl Into<String>,
    en: String,
    ru: String,
) {
    out.push(Violation {
        code,
        severity: code.severity(),
        message: Message { en, ru },
        field: field.into(),
    });
}

fn package_rules(packing: &Packing, profile: &PackingProfile, out: &mut Vec<Violation>) {
    let p = &packing.package;
    if p.kind == PackageKind::FactoryPackaging {
        push(
            out,
            ViolationCode::LabelOnFactoryPackaging,
            "package.kind",
            "The label goes straight onto the goods' factory packaging; put the goods in a box or a courier bag and label that, or make sure the label does not damage the packaging.".into(),
            "Этикетка наклеивается прямо на заводскую упаковку товара; упакуйте товар в коробку или курьерский пакет и наклейте этикетку на них либо убедитесь, что этикетка не повредит упаковку.".into(),
        );
    }
    if p.color.as_deref().is_some_and(is_black) {
        push(
            out,
            ViolationCode::BlackPackaging,
            "package.color",
            "The packaging is black; Ozon does not accept black packaging, black tape or black courier bags.".into(),
            "Упаковка чёрная; Ozon не принимает чёрную упаковку, чёрный скотч и чёрные курьерские пакеты.".into(),
        );
    }
    if p.weight_g > profile.max_weight_g {
        push(
            out,
            ViolationCode::WeightOverLimit,
            "package.weightG",
            format!(
                "The parcel weighs {} kg; this carrier accepts at most {} kg.",
                kg(p.weight_g),
                kg(profile.max_weight_g)
            ),
            format!(
                "Посылка весит {} кг; этот перевозчик принимает не более {} кг.",
                ru(&kg(p.weight_g)),
                ru(&kg(profile.max_weight_g))
            ),
        );
    }
    if let Some(min) = profile.min_weight_g.filter(|&min| p.weight_g < min) {
        push(
            out,
            ViolationCode::WeightUnderMinimum,
            "package.weightG",
            format!(
                "The parcel weighs {} kg; this carrier accepts at least {} kg.",
                kg(p.weight_g),
                kg(min)
            ),
            format!(
                "Посылка весит {} кг; этот перевозчик принимает не менее {} кг.",
                ru(&kg(p.weight_g)),
                ru(&kg(min))
            ),
        );
    }
    let fields = ["package.lengthMm", "package.widthMm", "package.heightMm"];
    let (sides, from) = sorted_desc([p.length_mm, p.width_mm, p.height_mm]);
    let field_of = |i: usize| {
        let source = from.get(i).copied().unwrap_or_default();
        fields.get(source).copied().unwrap_or("package")
    };
    let (max, _) = sorted_desc(profile.max_dimensions_mm);
    let (min, _) = sorted_desc(profile.min_dimensions_mm);
    if let Some(i) = sides.iter().zip(max.iter()).position(|(s, m)| s > m) {
        push(
            out,
            ViolationCode::DimensionsOverLimit,
            field_of(i),
            format!(
                "The package is {} mm; this carrier accepts at most {} mm (sides compared largest to largest).",
                dims(&sides, false),
                dims(&max, false)
            ),
            format!(
                "Размеры упаковки {} мм; этот перевозчик принимает не более {} мм (стороны сравниваются от большей к меньшей).",
                dims(&sides, true),
                dims(&max, true)
            ),
        );
    }
    if let Some(i) = sides.iter().zip(min.iter()).position(|(s, m)| s < m) {
        push(
            out,
            ViolationCode::DimensionsUnderMinimum,
            field_of(i),
            format!(
                "The package is {} mm; this carrier accepts at least {} mm (sides compared largest to largest).",
                dims(&sides, false),
                dims(&min, false)
            ),
            format!(
                "Размеры упаковки {} мм; этот перевозчик принимает не менее {} мм (стороны сравниваются от большей к меньшей).",
                dims(&sides, true),
                dims(&min, true)
            ),
        );
    }
}

/// Black in English or Russian, any case, alone or among other words: `black`, `Black bag`,
/// `чёрный матовый`, `черного цвета`, `#000000`. Words are compared whole (`blackberry` is not
/// black); a Russian one by its stem `черн` and an adjective ending.
fn is_black(color: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ый", "ая", "ое", "ые", "ого", "ому", "ом", "ой", "ую", "ых", "ым", "ыми",
    ];
    let c = crate::text::lower_case(color.trim()).replace('ё', "е");
    c.split(|ch: char| !(ch.is_alphanumeric() || ch == '#'))
        .any(|word| {
            word == "black"
                || matches!(word, "#000" | "#000000")
                || word
                    .strip_prefix("черн")
                    .is_some_and(|ending| ENDINGS.contains(&ending))
        })
}

/// The posting's declared value against the profile's price limits, when every product line has a
/// price in roubles (otherwise the value is unknown and the rule is skipped).
fn price_rules(order: &Order, profile: &PackingProfile, out: &mut Vec<Violation>) {
    if profile.max_price_rub.is_none() && profile.min_price_rub.is_none() {
        return;
    }
    let value: Option<f64> = order
        .products
        .iter()
        .map(|p| {
            let price = p.price.as_ref()?;
            if !price.currency.eq_ignore_ascii_case("RUB") {
                return None;
            }
            let each = parse_f64(&price.amount)?;
            Some(each * f64::from(p.quantity))
        })
        .sum();
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return;
    };
    let rub = |x: f64| num(x, 2);
    if let Some(max) = profile.max_price_rub.filter(|&max| value > max) {
        push(
            out,
            ViolationCode::PriceOverLimit,
            "order.products",
            format!(
                "The posting is worth {} RUB; this drop-off point accepts postings worth at most {} RUB.",
                rub(value),
                rub(max)
            ),
            format!(
                "Стоимость отправления {} ₽; этот пункт приёма принимает отправления стоимостью не более {} ₽.",
                ru(&rub(value)),
                ru(&rub(max))
            ),
        );
    }
    if let Some(min) = profile.min_price_rub.filter(|&min| value < min) {
        push(
            out,
            ViolationCode::PriceUnderMinimum,
            "order.products",
            format!(
                "The posting is worth {} RUB; this drop-off point accepts postings worth at least {} RUB.",
                rub(value),
                rub(min)
            ),
            format!(
                "Стоимость отправления {} ₽; этот пункт приёма принимает отправления стоимостью не менее {} ₽.",
                ru(&rub(value)),
                ru(&rub(min))
            ),
        );
    }
}

fn label_rules(packing: &Packing, profile: &PackingProfile, out: &mut Vec<Violation>) {
    let count = packing.labels.len();
    if count != 1 {
        let (en, ru_text) = if count == 0 {
            (
                "The package has no label; it needs exactly one.".to_owned(),
                "На упаковке нет этикетки; нужна ровно одна.".to_owned(),
            )
        } else {
            (
                format!("The package has {count} labels; it needs exactly one."),
                format!(
                    "На упаковке {count} {}; нужна ровно одна.",
                    ru_plural(count, "этикетка", "этикетки", "этикеток")
                ),
            )
        };
        push(out, ViolationCode::LabelCount, "labels", en, ru_text);
    }
    match packing.print_method {
        PrintMethod::Thermal | PrintMethod::ThermalTransfer => {}
        method => {
            let (en, ru_name) = match method {
                PrintMethod::Inkjet => ("an inkjet", "струйном"),
                _ => ("a laser", "лазерном"),
            };
            push(
                out,
                ViolationCode::PrintMethodNotThermal,
                "printMethod",
                format!("The label was printed on {en} printer; Ozon requires thermal or thermal-transfer printing."),
                format!("Этикетка напечатана на {ru_name} принтере; Ozon требует термо- или термотрансферную печать."),
            );
        }
    }
    if packing.label_surface == LabelSurface::Glossy {
        push(
            out,
            ViolationCode::LabelSurfaceGlossy,
            "labelSurface",
            "The label stock is glossy; use matte or semi-gloss labels, because glare can stop the barcodes from scanning.".into(),
            "Этикетка глянцевая; используйте матовые или полуглянцевые этикетки: блики мешают сканировать штрихкоды.".into(),
        );
    }

    let pkg = &packing.package;
    let largest = largest_faces(pkg);
    let spec = profile.label;
    for (i, label) in packing.labels.iter().enumerate() {
        let (name_en, name_ru) = label_name(i, count);
        let (w, h) = (label.width_mm, label.height_mm);
        let near = |a: f64, b: f64| (a - b).abs() <= spec.tolerance_mm + EPS;
        let size_ok = (near(w, spec.width_mm) && near(h, spec.height_mm))
            || (near(w, spec.height_mm) && near(h, spec.width_mm));
        if !size_ok {
            push(
                out,
                ViolationCode::LabelSizeMismatch,
                format!("labels[{i}].widthMm"),
                format!(
                    "{name_en} is {} × {} mm; this carrier needs {} × {} mm (±{} mm).",
                    num(w, 1),
                    num(h, 1),
                    num(spec.width_mm, 1),
                    num(spec.height_mm, 1),
                    num(spec.tolerance_mm, 1)
                ),
                format!(
                    "{name_ru} размером {} × {} мм; этому перевозчику нужна {} × {} мм (±{} мм).",
                    ru(&num(w, 1)),
                    ru(&num(h, 1)),
                    ru(&num(spec.width_mm, 1)),
                    ru(&num(spec.height_mm, 1)),
                    ru(&num(spec.tolerance_mm, 1))
                ),
            );
        }
        if label.fragments > 1 {
            push(
                out,
                ViolationCode::LabelFragmented,
                format!("labels[{i}].fragments"),
                format!(
                    "{name_en} is made of {} pieces; it must be one whole label.",
                    label.fragments
                ),
                format!(
                    "{name_ru} состоит из {} частей; она должна быть целой.",
                    label.fragments
                ),
            );
        }

        let fits_largest = largest.iter().any(|&f| {
            let (fw, fh) = face_size(pkg, f);
            fits_at_some_angle(w, h, fw, fh)
        });
        if !fits_largest {
            let (fw, fh) = largest
                .first()
                .map(|&f| face_size(pkg, f))
                .unwrap_or_default();
            let small_fits = fits_at_some_angle(58.0, 40.0, fw, fh);
            let is_small = w.max(h) <= 58.0 + EPS && w.min(h) <= 40.0 + EPS;
            let (advice_en, advice_ru) = if small_fits && !is_small {
                (
                    "use the small 58 × 40 mm label",
                    "используйте маленькую этикетку 58 × 40 мм",
                )
            } else {
                ("use a larger package", "используйте упаковку побольше")
            };
            push(
                out,
                ViolationCode::FaceSmallerThanLabel,
                format!("labels[{i}].widthMm"),
                format!(
                    "The package's largest face ({} × {} mm) is smaller than the {} × {} mm label at any angle; {advice_en}.",
                    num(fw, 1),
                    num(fh, 1),
                    num(w, 1),
                    num(h, 1)
                ),
                format!(
                    "Самая большая грань упаковки ({} × {} мм) меньше этикетки {} × {} мм при любом повороте; {advice_ru}.",
                    ru(&num(fw, 1)),
                    ru(&num(fh, 1)),
                    ru(&num(w, 1)),
                    ru(&num(h, 1))
                ),
            );
        } else if !largest.contains(&label.face) {
            let (fw, fh) = face_size(pkg, label.face);
            let (lw, lh) = largest
                .first()
                .map(|&f| face_size(pkg, f))
                .unwrap_or_default();
            let names_en: Vec<&str> = largest.iter().map(|&f| face_words(f).0).collect();
            let names_ru: Vec<&str> = largest.iter().map(|&f| face_words(f).2).collect();
            let (_, on_ru, _) = face_words(label.face);
            push(
                out,
                ViolationCode::LabelNotOnLargestFace,
                format!("labels[{i}].face"),
                format!(
                    "{name_en} is on the {} face ({} × {} mm); put it on the largest face: {} ({} × {} mm).",
                    face_words(label.face).0,
                    num(fw, 1),
                    num(fh, 1),
                    join(&names_en, " or "),
                    num(lw, 1),
                    num(lh, 1)
                ),
                format!(
                    "{name_ru} наклеена на {on_ru} грани ({} × {} мм); наклейте её на самую большую грань: {} ({} × {} мм).",
                    ru(&num(fw, 1)),
                    ru(&num(fh, 1)),
                    join(&names_ru, " или "),
                    ru(&num(lw, 1)),
                    ru(&num(lh, 1))
                ),
            );
        }

        let (fw, fh) = face_size(pkg, label.face);
        let placed = Placement::new(label.x_mm, label.y_mm, w, h, label.rotation_deg);
        let (x0, y0, x1, y1) = bounds(&placed.outline());
        let across = (-x0).max(x1 - fw);
        let down = (-y0).max(y1 - fh);
        let by = across.max(down);
        if by > EPS {
            let field = if across > EPS { "xMm" } else { "yMm" };
            let (face_en, on_ru, _) = face_words(label.face);
            push(
                out,
                ViolationCode::LabelOverhangsFace,
                format!("labels[{i}].{field}"),
                format!(
                    "{name_en} overhangs the {face_en} face ({} × {} mm) by {} mm; it must lie wholly within the face.",
                    num(fw, 1),
                    num(fh, 1),
                    num(by, 1)
                ),
                format!(
                    "{name_ru} выступает за край {on_ru} грани ({} × {} мм) на {} мм; она должна целиком лежать на грани.",
                    ru(&num(fw, 1)),
                    ru(&num(fh, 1)),
                    ru(&num(by, 1))
                ),
            );
        }
    }
}

fn tape_rules(packing: &Packing, barcodes: &[BarcodeArea], out: &mut Vec<Violation>) {
    let count = packing.labels.len();
    for (t, strip) in packing.tape.iter().enumerate() {
        let tape = Rect {
            x: strip.x_mm,
            y: strip.y_mm,
            w: strip.width_mm,
            h: strip.height_mm,
        }
        .corners();
        for (i, label) in packing.labels.iter().enumerate() {
            let placed = Placement::new(
                label.x_mm,
                label.y_mm,
                label.width_mm,
                label.height_mm,
                label.rotation_deg,
            );
            for area in barcodes {
                let zone = placed.rect_to_face(&area.with_quiet_zone());
                if !overlaps(&tape, &zone) {
                    continue;
                }
                let on_bars = overlaps(&tape, &placed.rect_to_face(&area.bars()));
                let (code_en, code_ru) = match area.role {
                    BarcodeRole::Upper => ("upper", "верхний"),
                    BarcodeRole::Lower => ("lower", "нижний"),
                };
                let of_label_en = if count > 1 {
                    format!(" of label {}", i + 1)
                } else {
                    String::new()
                };
                let of_label_ru = if count > 1 {
                    format!(" этикетки {}", i + 1)
                } else {
                    String::new()
                };
                let (en, ru_text) = if on_bars {
                    (
                        format!("Tape strip {} covers the {code_en} barcode{of_label_en}; keep tape off the barcodes and the blank margins beside them.", t + 1),
                        format!("Полоса скотча {} закрывает {code_ru} штрихкод{of_label_ru}; скотч не должен заходить на штрихкоды и свободные поля рядом с ними.", t + 1),
                    )
                } else {
                    (
                        format!("Tape strip {} covers the blank margin (quiet zone) beside the {code_en} barcode{of_label_en}; scanners need it clear.", t + 1),
                        format!("Полоса скотча {} закрывает свободное поле рядом с {}штрихкодом{of_label_ru}; оно нужно сканеру чистым.", t + 1, match area.role {
                            BarcodeRole::Upper => "верхним ",
                            BarcodeRole::Lower => "нижним ",
                        }),
                    )
                };
                push(
                    out,
                    ViolationCode::TapeOverBarcode,
                    format!("tape[{t}]"),
                    en,
                    ru_text,
                );
            }
        }
    }
}

/// The faces with the largest area (several when areas are equal), in a fixed order.
fn largest_faces(p: &Package) -> Vec<Face> {
    let area = |f: Face| {
        let (w, h) = face_size(p, f);
        w * h
    };
    let max = Face::ALL.iter().map(|&f| area(f)).fold(0.0, f64::max);
    Face::ALL
        .into_iter()
        .filter(|&f| area(f) >= max - EPS * max.max(1.0))
        .collect()
}

/// A face's size: across, then down.
pub(crate) fn face_size(p: &Package, face: Face) -> (f64, f64) {
    match face {
        Face::Top | Face::Bottom => (p.length_mm, p.width_mm),
        Face::Front | Face::Back => (p.length_mm, p.height_mm),
        Face::Left | Face::Right => (p.width_mm, p.height_mm),
    }
}

/// A face's name: English, Russian "на … грани" (prepositional), Russian "… грань" (accusative).
fn face_words(face: Face) -> (&'static str, &'static str, &'static str) {
    match face {
        Face::Top => ("top", "верхней", "верхнюю"),
        Face::Bottom => ("bottom", "нижней", "нижнюю"),
        Face::Front => ("front", "передней", "переднюю"),
        Face::Back => ("back", "задней", "заднюю"),
        Face::Left => ("left", "левой", "левую"),
        Face::Right => ("right", "правой", "правую"),
    }
}

fn label_name(i: usize, count: usize) -> (String, String) {
    if count > 1 {
        (format!("Label {}", i + 1), format!("Этикетка {}", i + 1))
    } else {
        ("The label".into(), "Этикетка".into())
    }
}

/// `a, b or c`.
fn join(items: &[&str], last: &str) -> String {
    match items.split_last() {
        Some((tail, rest)) if !rest.is_empty() => format!("{}{last}{tail}", rest.join(", ")),
        Some((only, _)) => (*only).to_owned(),
        None => String::new(),
    }
}

fn ru_plural<'a>(n: usize, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped: `75`, `12.5`, `0.25`.
fn num(x: f64, decimals: u32) -> String {
    Fixed(x, decimals).to_string()
}

/// Grams as kilograms, up to three decimals.
fn kg(grams: f64) -> String {
    num(grams / 1000.0, 3)
}

/// The Russian decimal comma. Not inlined: the dozens of messages would each carry a copy.
#[inline(never)]
fn ru(number: &str) -> String {
    number.replace('.', ",")
}

/// Three sides as `1800 × 800 × 800`.
fn dims(sides: &[f64; 3], russian: bool) -> String {
    sides
        .iter()
        .map(|&s| {
            let n = num(s, 1);
            if russian {
                ru(&n)
            } else {
                n
            }
        })
        .collect::<Vec<_>>()
        .join(" × ")
}
