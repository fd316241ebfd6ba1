//! Label layout: where every bar and every glyph goes, in millimetres on the printer's dot grid.
//!
//! Bars are placed in whole printer dots (module width a whole number of dots, every edge on the
//! grid); text is placed in mm rounded to the SVG's precision. The result, a [`Scene`], is what both
//! the SVG writer and the printer rasterizer draw, so the two cannot disagree.

use crate::json::ToJson;

use super::data::LabelData;
use super::error::LabelError;
use crate::barcode;
use crate::font::{label_font, GlyphId, LabelFont};
use crate::json::{FromJson, ReadError, ReadResult, Reader};
use crate::number::Fixed;
use crate::units::{round_half_away, scale_text, Dpi, Mm};

/// Smallest label side accepted, in mm.
pub const MIN_SIDE_MM: f64 = 20.0;
/// Largest label side accepted, in mm (wider than any 4" head; A5 long side).
pub const MAX_SIDE_MM: f64 = 300.0;
/// Quiet zone each side of a barcode, in modules.
pub const QUIET_ZONE_MODULES: u32 = 10;
/// The preferred module width: 15 mil (3 dots at 203 dpi), the common carrier minimum.
const PREFERRED_MODULE_MM: f64 = 0.375;
/// Bars taller than this scan no better; the height left over becomes space.
const MAX_BAR_HEIGHT_MM: f64 = 35.0;
/// The cluster letter's em size: smaller than this it is refused, smaller than the second warned of
/// (the 58 × 40 label gives 2.5 mm).
const CLUSTER_MIN_MM: f64 = 1.8;
const CLUSTER_SMALL_MM: f64 = 2.4;
/// The narrowest module accepted: 10 mil, never under 2 dots.
const MIN_MODULE_MM: f64 = 0.25;

/// The module width, in dots, of a symbol `total_modules` wide (quiet zones included) given
/// `available_dots`: the widest up to 15 mil that fits, down to 10 mil and never under 2 dots. The
/// label and the handover note share it. `Err` carries the narrowest module, when not even it fits.
#[doc(hidden)] // Shared with fbskit's handover note.
pub fn module_dots(dots_per_mm: f64, total_modules: u32, available_dots: u32) -> Result<u32, u32> {
    let min_dots = ((MIN_MODULE_MM * dots_per_mm - 1e-9).ceil() as u32).max(2);
    let preferred = ((PREFERRED_MODULE_MM * dots_per_mm - 1e-9).ceil() as u32).max(min_dots);
    (min_dots..=preferred)
        .rev()
        .find(|m| total_modules.saturating_mul(*m) <= available_dots)
        .ok_or(min_dots)
}

/// The label's size. Read by hand (below): a name or an object, told apart by the first character.
#[derive(Debug, Clone, Copy, PartialEq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(untagged)]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub enum LabelSize {
    /// `"75x120"` (Ozon's standard label, portrait) or `"58x40"` (the small label).
    Named(NamedSize),
    /// Any size in mm.
    Custom {
        /// Width in mm.
        #[serde(rename = "widthMm")]
        width_mm: f64,
        /// Height in mm.
        #[serde(rename = "heightMm")]
        height_mm: f64,
    },
}

/// The sizes Ozon's carriers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub enum NamedSize {
    /// 75 × 120 mm, portrait: Ozon's standard cargo label.
    #[serde(rename = "75x120")]
    Standard,
    /// 58 × 40 mm, landscape: the small label.
    #[serde(rename = "58x40")]
    Small,
}

impl Default for LabelSize {
    fn default() -> Self {
        LabelSize::Named(NamedSize::Standard)
    }
}

impl<'a> FromJson<'a> for LabelSize {
    fn read(r: &mut Reader<'a>) -> ReadResult<LabelSize> {
        match r.peek() {
            Some(b'"') => NamedSize::read(r).map(LabelSize::Named),
            Some(b'{') => {
                r.begin_object(&EXPECTED_SIZE)?;
                let (mut width_mm, mut height_mm) = (None, None);
                let mut first = true;
                while let Some(key) = r.next_key(&mut first)? {
                    match &*key {
                        "widthMm" => r.member(&mut width_mm, &key)?,
                        "heightMm" => r.member(&mut height_mm, &key)?,
                        _ => r.skip().map_err(|e| e.at_key(&key))?,
                    }
                }
                Ok(LabelSize::Custom {
                    width_mm: width_mm.ok_or_else(|| ReadError::missing_field("widthMm"))?,
                    height_mm: height_mm.ok_or_else(|| ReadError::missing_field("heightMm"))?,
                })
            }
            _ => Err(r.invalid_type(&EXPECTED_SIZE)),
        }
    }
}

const EXPECTED_SIZE: &str = "\"75x120\", \"58x40\" or { widthMm, heightMm }";

impl LabelSize {
    /// Width and height in mm.
    pub fn mm(self) -> (f64, f64) {
        match self {
            LabelSize::Named(NamedSize::Standard) => (75.0, 120.0),
            LabelSize::Named(NamedSize::Small) => (58.0, 40.0),
            LabelSize::Custom {
                width_mm,
                height_mm,
            } => (width_mm, height_mm),
        }
    }
}

/// How to render a label.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(rename = "LabelOptionsFields", optional_fields)
)]
pub struct LabelOptions {
    /// The label size (default `"75x120"`).
    pub size: LabelSize,
    /// The printer resolution the bars are snapped to (default 203: 8 dots/mm).
    pub dpi: f64,
    /// The customer's Ozon cluster letter, A–F.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// This box's number, from 1 (default 1).
    pub box_index: u32,
    /// How many boxes the posting has (default 1).
    pub box_count: u32,
    /// The seller's offset from UTC in minutes, for the shipment date printed on the label (Ozon
    /// writes UTC: 21:30 UTC is already the next day in Moscow, +180). Default: the date's own offset.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::json::utc_offset"
    )]
    pub utc_offset_minutes: Option<i32>,
}

impl Default for LabelOptions {
    fn default() -> Self {
        LabelOptions {
            size: LabelSize::default(),
            dpi: 203.0,
            cluster: None,
            box_index: 1,
            box_count: 1,
            utc_offset_minutes: None,
        }
    }
}

impl LabelOptions {
    /// The validated size (mm) and resolution.
    pub fn checked(&self) -> Result<((f64, f64), Dpi), LabelError> {
        let (w, h) = self.size.mm();
        let ok = |v: f64| v.is_finite() && (MIN_SIDE_MM..=MAX_SIDE_MM).contains(&v);
        if !ok(w) || !ok(h) {
            return Err(LabelError::InvalidSize {
                width_mm: w,
                height_mm: h,
                min_mm: MIN_SIDE_MM,
                max_mm: MAX_SIDE_MM,
            });
        }
        let dpi = (self.dpi.is_finite() && self.dpi.fract() == 0.0 && self.dpi >= 0.0)
            .then(|| Dpi::new(self.dpi as u32))
            .flatten()
            .ok_or(LabelError::InvalidDpi {
                dpi: self.dpi,
                min: Dpi::MIN,
                max: Dpi::MAX,
            })?;
        Ok(((w, h), dpi))
    }

    /// The validated cluster letter.
    pub fn cluster_letter(&self) -> Result<Option<char>, LabelError> {
        let Some(text) = self
            .cluster
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            return Ok(None);
        };
        let mut chars = text.chars();
        match (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) {
            (Some(c @ 'A'..='F'), None) => Ok(Some(c)),
            _ => Err(LabelError::InvalidOption {
                option: "cluster".into(),
                reason: format!("`{text}` is not a cluster letter A–F"),
            }),
        }
    }

    /// The validated box numbering.
    pub fn boxes(&self) -> Result<(u32, u32), LabelError> {
        if self.box_count == 0 || self.box_index == 0 || self.box_index > self.box_count {
            return Err(LabelError::InvalidOption {
                option: "boxIndex".into(),
                reason: format!(
                    "box {} of {} does not exist",
                    self.box_index, self.box_count
                ),
            });
        }
        Ok((self.box_index, self.box_count))
    }
}

/// A barcode as placed on the label.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub struct BarcodeBox {
    /// `upper` (warehouse scans) or `lower` (Ozon's internal system).
    pub role: BarcodeRole,
    /// The encoded value.
    pub value: String,
    /// Left edge of the first bar, mm from the label's left edge.
    pub x_mm: f64,
    /// Top of the bars, mm from the label's top edge.
    pub y_mm: f64,
    /// Width of the bars alone (no quiet zones).
    pub width_mm: f64,
    /// Height of the bars.
    pub height_mm: f64,
    /// Module (narrowest bar) width in printer dots.
    pub module_dots: u32,
    /// Clear space kept left and right of the bars.
    pub quiet_zone_mm: f64,
}

/// Which of the two barcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub enum BarcodeRole {
    /// The upper barcode.
    Upper,
    /// The lower barcode.
    Lower,
}

/// A line of text as placed on the label.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub struct TextBox {
    /// What the line is, e.g. `postingNumber`.
    pub role: String,
    /// The text asked for (before shrinking or cutting).
    pub text: String,
    /// Left edge of the line, mm.
    pub x_mm: f64,
    /// Baseline, mm from the top.
    pub baseline_mm: f64,
    /// Width as drawn, mm.
    pub width_mm: f64,
    /// Font em size, mm.
    pub size_mm: f64,
    /// Drawn smaller than its preferred size to fit.
    pub shrunk: bool,
    /// Cut short with "…" to fit.
    pub ellipsized: bool,
}

/// Something the caller should know about a label that still rendered.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub struct LabelWarning {
    /// Stable code, e.g. `UPPER_BARCODE_FALLBACK`.
    pub code: String,
    /// What happened, in English.
    pub message: String,
}

/// The geometry a label is drawn from (all lengths in mm from the top-left corner).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS)
)]
pub struct LabelLayout {
    /// Label width.
    pub width_mm: f64,
    /// Label height.
    pub height_mm: f64,
    /// The printer resolution the bars are snapped to.
    pub dpi: u32,
    /// The barcodes, upper first.
    pub barcodes: Vec<BarcodeBox>,
    /// The text lines.
    pub texts: Vec<TextBox>,
    /// What the caller should know.
    pub warnings: Vec<LabelWarning>,
}

/// Everything to draw: rectangles in whole dots, glyph runs in mm. The SVG writer and the rasterizer
/// both draw exactly this.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Label width, mm.
    pub width_mm: f64,
    /// Label height, mm.
    pub height_mm: f64,
    /// Dots per mm of the printer the bars are snapped to.
    pub dots_per_mm: f64,
    /// Filled rectangles in dots (bars and rules).
    pub rects: Vec<DotRect>,
    /// Lines of text.
    pub runs: Vec<GlyphRun>,
}

/// A filled rectangle, in printer dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct DotRect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// A line of glyphs at one size. Positions are exactly the numbers the SVG writes.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// Pen origin of the line, mm, rounded to the SVG precision.
    pub x_mm: f64,
    /// Baseline, mm, rounded to the SVG precision.
    pub baseline_mm: f64,
    /// `scale(…)` as written in the SVG: mm per font unit.
    pub scale_text: String,
    /// The same scale as a number.
    pub scale: f64,
    /// Each glyph and its pen offset from the line origin, in font units.
    pub glyphs: Vec<(GlyphId, i64)>,
}

/// Rounds to the SVG's precision (0.001 mm), so every stage uses the numbers the SVG states.
pub fn round_mm(v: f64) -> f64 {
    round_half_away(v * 1000.0) / 1000.0
}

struct Builder<'a> {
    font: &'a LabelFont,
    k: f64,
    width_dots: u32,
    height_dots: u32,
    margin_mm: f64,
    scene: Scene,
    layout: LabelLayout,
    /// Whether to fill `layout`'s barcode and text boxes; drawing needs only the scene, and the boxes'
    /// strings were a twentieth of an SVG label's time in wasm.
    record: bool,
}

/// A barcode prepared for placement: its bars and module width chosen to fit the width.
struct PreparedBarcode {
    role: BarcodeRole,
    value: String,
    bars: Vec<barcode::Bar>,
    modules: u32,
    module_dots: u32,
}

impl PreparedBarcode {
    fn symbol_dots(&self) -> u32 {
        self.modules * self.module_dots
    }
    fn min_height_dots(&self, k: f64, floor_mm: f64) -> u32 {
        // At least 15 % of the symbol length (quiet zones included), and never under `floor_mm`.
        let symbol = f64::from((self.modules + 2 * QUIET_ZONE_MODULES) * self.module_dots);
        (symbol * 0.15).max(floor_mm * k).ceil() as u32
    }
}

/// A block of the vertical stack.
enum Block {
    Text {
        role: &'static str,
        text: String,
        size: f64,
        min_size: f64,
        center: bool,
    },
    Barcode {
        index: usize,
        floor_mm: f64,
        weight: f64,
    },
    Gap(f64),
    /// A gap that also takes the height the barcodes leave unused, pushing what follows to the bottom.
    Spring(f64),
}

/// Lays out a label. The layout adapts to the size: tall labels (≥ 80 mm) carry every field, short
/// ones the posting number, both barcodes and one summary line.
pub fn layout(
    data: &LabelData,
    options: &LabelOptions,
) -> Result<(LabelLayout, Scene), LabelError> {
    lay_out(data, options, true)
}

/// The scene alone, for drawing: the same as [`layout`]'s, without building the layout's boxes.
pub fn scene(data: &LabelData, options: &LabelOptions) -> Result<Scene, LabelError> {
    Ok(lay_out(data, options, false)?.1)
}

fn lay_out(
    data: &LabelData,
    options: &LabelOptions,
    record: bool,
) -> Result<(LabelLayout, Scene), LabelError> {
    let ((w, h), dpi) = options.checked()?;
    let font = label_font();
    let k = dpi.dots_per_mm();
    let width_dots = dpi.to_dots(Mm(w)).0;
    let height_dots = dpi.to_dots(Mm(h)).0;
    let margin_mm = (w.min(h) * 0.04).clamp(1.5, 3.0);
    let mut b = Builder {
        font,
        k,
        width_dots,
        height_dots,
        margin_mm,
        scene: Scene {
            width_mm: w,
            height_mm: h,
            dots_per_mm: k,
            rects: Vec::with_capacity(160),
            runs: Vec::new(),
        },
        layout: LabelLayout {
            width_mm: w,
            height_mm: h,
            dpi: dpi.get(),
            barcodes: Vec::new(),
            texts: Vec::new(),
            warnings: Vec::new(),
        },
        record,
    };
    if record && data.upper_is_fallback {
        b.layout.warnings.push(LabelWarning {
            code: "UPPER_BARCODE_FALLBACK".into(),
            message: "Ozon supplied no barcodes for this posting; the upper barcode encodes the posting number. Print the label again once the posting is registered.".into(),
        });
    }
    let mut codes = vec![b.prepare(BarcodeRole::Upper, &data.upper_barcode)?];
    if let Some(lower) = &data.lower_barcode {
        codes.push(b.prepare(BarcodeRole::Lower, lower)?);
    }
    let tall = h >= 80.0;
    let blocks = blocks(data, tall, codes.len() > 1);
    b.stack(&blocks, &codes, data.cluster)?;
    Ok((b.layout, b.scene))
}

fn blocks(data: &LabelData, tall: bool, has_lower: bool) -> Vec<Block> {
    use Block::*;
    let mut out = Vec::new();
    let text = |role, text: String, size, center| Text {
        role,
        text,
        size,
        min_size: size * 0.6,
        center,
    };
    if tall {
        let carrier = if data.delivery_method.is_empty() {
            data.carrier.clone()
        } else if data.carrier.is_empty() {
            data.delivery_method.clone()
        } else {
            format!("{} · {}", data.carrier, data.delivery_method)
        };
        if !carrier.is_empty() {
            out.push(text("carrier", carrier, 3.6, false));
            out.push(Gap(1.0));
        }
        out.push(Barcode {
            index: 0,
            floor_mm: 20.0,
            weight: 3.0,
        });
        out.push(Gap(0.6));
        out.push(text("upperText", data.upper_barcode.clone(), 3.6, true));
        out.push(Gap(1.2));
        out.push(text(
            "postingNumber",
            data.posting_number.clone(),
            7.0,
            true,
        ));
        out.push(Gap(1.2));
        out.push(text(
            "shipment",
            format!(
                "Отгрузка {}   Товаров {}   Место {}/{}",
                data.shipment_date, data.item_count, data.box_index, data.box_count
            ),
            3.4,
            false,
        ));
        if let Some(t) = data.tracking_number.as_deref().filter(|t| !t.is_empty()) {
            out.push(Gap(0.6));
            out.push(text("tracking", format!("Трек {t}"), 3.4, false));
        }
        if !data.warehouse.is_empty() {
            out.push(Gap(0.6));
            out.push(text(
                "warehouse",
                warehouse_line(&data.warehouse),
                3.0,
                false,
            ));
        }
        if !data.contents.is_empty() {
            out.push(Gap(0.6));
            out.push(text("contents", data.contents.clone(), 3.0, false));
        }
        if has_lower {
            out.push(Spring(1.5));
            out.push(Barcode {
                index: 1,
                floor_mm: 8.0,
                weight: 1.0,
            });
            out.push(Gap(0.5));
            out.push(text(
                "lowerText",
                data.lower_barcode.clone().unwrap_or_default(),
                3.0,
                true,
            ));
        }
    } else {
        out.push(text(
            "postingNumber",
            data.posting_number.clone(),
            4.6,
            true,
        ));
        out.push(Gap(0.5));
        out.push(Barcode {
            index: 0,
            floor_mm: 8.0,
            weight: 2.0,
        });
        out.push(Gap(0.3));
        out.push(text("upperText", data.upper_barcode.clone(), 2.6, true));
        if has_lower {
            out.push(Gap(0.6));
            out.push(Barcode {
                index: 1,
                floor_mm: 5.0,
                weight: 1.0,
            });
            out.push(Gap(0.3));
            out.push(text(
                "lowerText",
                data.lower_barcode.clone().unwrap_or_default(),
                2.2,
                true,
            ));
        }
        out.push(Gap(0.5));
        out.push(text(
            "shipment",
            format!(
                "{}  {} шт  {}/{}",
                data.shipment_date, data.item_count, data.box_index, data.box_count
            ),
            2.6,
            true,
        ));
    }
    out
}

impl Builder<'_> {
    fn mm(&self, dots: u32) -> f64 {
        f64::from(dots) / self.k
    }

    /// Encodes a barcode and picks the widest module (up to the preferred 15 mil) that fits the label
    /// with its quiet zones.
    fn prepare(&self, role: BarcodeRole, value: &str) -> Result<PreparedBarcode, LabelError> {
        let name = match role {
            BarcodeRole::Upper => "upper",
            BarcodeRole::Lower => "lower",
        };
        let code = barcode::encode(value).map_err(|error| LabelError::Barcode {
            role: name.into(),
            error,
        })?;
        let modules = code.module_count();
        let total = modules + 2 * QUIET_ZONE_MODULES;
        let module_dots = module_dots(self.k, total, self.width_dots).map_err(|min_dots| {
            LabelError::DoesNotFit {
                element: format!("{name}Barcode"),
                needed_mm: round_mm(self.mm(total.saturating_mul(min_dots))),
                available_mm: self.layout.width_mm,
            }
        })?;
        Ok(PreparedBarcode {
            role,
            value: value.to_owned(),
            bars: code.bars(),
            modules,
            module_dots,
        })
    }

    fn line_height(&self, size: f64) -> f64 {
        line_height(self.font, size)
    }

    /// Stacks the blocks top to bottom; the barcodes share the height left over, by weight.
    fn stack(
        &mut self,
        blocks: &[Block],
        codes: &[PreparedBarcode],
        cluster: Option<char>,
    ) -> Result<(), LabelError> {
        let top = self.margin_mm;
        let available = self.layout.height_mm - 2.0 * self.margin_mm;
        let mut fixed = 0.0;
        let mut flex_min = 0.0;
        let mut weights = 0.0;
        let mut needed_by: Vec<(&str, f64)> = Vec::new();
        for block in blocks {
            match block {
                Block::Text { role, min_size, .. } => {
                    fixed += self.line_height(*min_size);
                    needed_by.push((role, fixed + flex_min));
                }
                Block::Gap(g) | Block::Spring(g) => fixed += g,
                Block::Barcode {
                    index,
                    floor_mm,
                    weight,
                } => {
                    let code = codes.get(*index);
                    let min = code.map_or(0, |c| c.min_height_dots(self.k, *floor_mm));
                    flex_min += self.mm(min);
                    weights += weight;
                    needed_by.push((
                        if *index == 0 {
                            "upperBarcode"
                        } else {
                            "lowerBarcode"
                        },
                        fixed + flex_min,
                    ));
                }
            }
        }
        if fixed + flex_min > available {
            let element = needed_by
                .iter()
                .find(|(_, n)| *n > available)
                .map_or("label", |(e, _)| *e);
            return Err(LabelError::DoesNotFit {
                element: element.to_owned(),
                needed_mm: round_mm(fixed + flex_min + 2.0 * self.margin_mm),
                available_mm: self.layout.height_mm,
            });
        }
        // Text lines grow back toward their preferred size with what is left (line height is
        // proportional to size), then the barcodes share the rest by weight, up to a useful height.
        let mm_per_size = self.line_height(1.0);
        let mut spare = available - fixed - flex_min;
        let mut sizes: Vec<f64> = Vec::new();
        for block in blocks {
            if let Block::Text { size, min_size, .. } = block {
                let grow = ((size - min_size) * mm_per_size).min(spare.max(0.0));
                spare -= grow;
                sizes.push(min_size + grow / mm_per_size);
            }
        }
        let k = self.k;
        let bar_height = move |code: &PreparedBarcode, floor_mm: f64, weight: f64| {
            let min = f64::from(code.min_height_dots(k, floor_mm)) / k;
            let share = min
                + if weights > 0.0 {
                    spare * weight / weights
                } else {
                    0.0
                };
            (share, share.min(min.max(MAX_BAR_HEIGHT_MM)))
        };
        // Height the barcodes leave unused (tall bars are capped), for the spring.
        let unused: f64 = blocks
            .iter()
            .filter_map(|block| match block {
                Block::Barcode {
                    index,
                    floor_mm,
                    weight,
                } => codes.get(*index).map(|c| bar_height(c, *floor_mm, *weight)),
                _ => None,
            })
            .map(|(share, height)| share - height)
            .sum();
        let mut y = top;
        let mut text_index = 0;
        // The upper barcode's bottom and the lower one's top: the cluster frame goes between them.
        let mut upper_bottom = None;
        let mut lower_top = None;
        for block in blocks {
            match block {
                Block::Gap(g) => y += g,
                Block::Spring(g) => y += g + unused,
                Block::Text {
                    role, text, center, ..
                } => {
                    let size = sizes.get(text_index).copied().unwrap_or(2.0);
                    text_index += 1;
                    let reserve = if *role == "upperText" && cluster.is_some() {
                        self.line_height(size) * 2.2
                    } else {
                        0.0
                    };
                    self.text(role, text, y, size, *center, reserve);
                    y += self.line_height(size);
                }
                Block::Barcode {
                    index,
                    floor_mm,
                    weight,
                } => {
                    let Some(code) = codes.get(*index) else {
                        continue;
                    };
                    let (_, height) = bar_height(code, *floor_mm, *weight);
                    if *index == 1 {
                        lower_top = Some(y);
                    }
                    let bottom = self.place_barcode(code, y, height);
                    if *index == 0 {
                        upper_bottom = Some(bottom);
                    }
                    y = bottom;
                }
            }
        }
        if let (Some(letter), Some(bottom)) = (cluster, upper_bottom) {
            let limit = lower_top.unwrap_or(self.layout.height_mm - self.margin_mm);
            self.cluster(letter, bottom, limit)?;
        }
        Ok(())
    }

    /// Places a barcode's bars, centred, top at `y_mm`; returns the bottom in mm.
    fn place_barcode(&mut self, code: &PreparedBarcode, y_mm: f64, height_mm: f64) -> f64 {
        let m = code.module_dots;
        let x0 = (self.width_dots - code.symbol_dots()) / 2;
        let y0 = (y_mm * self.k).ceil() as u32;
        let h = ((height_mm * self.k).floor() as u32).min(self.height_dots.saturating_sub(y0));
        for bar in &code.bars {
            self.scene.rects.push(DotRect {
                x: x0 + bar.start * m,
                y: y0,
                w: bar.width * m,
                h,
            });
        }
        if self.record {
            self.layout.barcodes.push(BarcodeBox {
                role: code.role,
                value: code.value.clone(),
                x_mm: round_mm(self.mm(x0)),
                y_mm: round_mm(self.mm(y0)),
                width_mm: round_mm(self.mm(code.symbol_dots())),
                height_mm: round_mm(self.mm(h)),
                module_dots: m,
                quiet_zone_mm: round_mm(self.mm(QUIET_ZONE_MODULES * m)),
            });
        }
        self.mm(y0 + h)
    }

    /// The cluster letter in a frame at the bottom right of the upper barcode, on its text line,
    /// 5 mm tall where there is room; smaller when the frame would otherwise reach `limit_mm` (the
    /// lower barcode's top on a short label, whose quiet zone and bars it must not cover).
    fn cluster(
        &mut self,
        letter: char,
        barcode_bottom_mm: f64,
        limit_mm: f64,
    ) -> Result<(), LabelError> {
        // Frame: 0.3 mm below the barcode, the line plus 0.4 mm tall, then 0.3 mm clear of the limit.
        let room = limit_mm - barcode_bottom_mm - 1.0;
        let per_mm = self.line_height(1.0);
        let size = (room / per_mm).min(5.0);
        // A letter asked for is drawn legibly or refused, never left out.
        if size < CLUSTER_MIN_MM {
            return Err(LabelError::DoesNotFit {
                element: "cluster".into(),
                needed_mm: round_mm(CLUSTER_MIN_MM * per_mm + 1.0),
                available_mm: round_mm((limit_mm - barcode_bottom_mm).max(0.0)),
            });
        }
        if self.record && size < CLUSTER_SMALL_MM {
            self.layout.warnings.push(LabelWarning {
                code: "CLUSTER_LETTER_SMALL".into(),
                message: format!(
                    "The cluster letter is only {} mm tall on this label size (5 mm where there is room); check that sorting staff can read it.",
                    Fixed(size, 1)
                ),
            });
        }
        let line = self.line_height(size);
        let fitted = self
            .font
            .fit(&letter.to_string(), Mm(size), Mm(size), Mm(size));
        let frame_w = ((fitted.width.0 + 1.6) * self.k).ceil() as u32;
        let frame_h = ((line + 0.4) * self.k).ceil() as u32;
        let right = self.width_dots - ((self.margin_mm * self.k).ceil() as u32);
        let x = right.saturating_sub(frame_w);
        let y = ((barcode_bottom_mm + 0.3) * self.k).ceil() as u32;
        let t = (0.3 * self.k).ceil().max(1.0) as u32;
        self.scene.rects.extend([
            DotRect {
                x,
                y,
                w: frame_w,
                h: t,
            },
            DotRect {
                x,
                y: y + frame_h - t,
                w: frame_w,
                h: t,
            },
            DotRect {
                x,
                y,
                w: t,
                h: frame_h,
            },
            DotRect {
                x: x + frame_w - t,
                y,
                w: t,
                h: frame_h,
            },
        ]);
        let x_mm = self.mm(x) + (self.mm(frame_w) - fitted.width.0) / 2.0;
        let top = self.mm(y) + 0.2;
        self.push_run("cluster", &letter.to_string(), &fitted, x_mm, top, size);
        Ok(())
    }

    /// Fits and places one line of text whose box starts at `top_mm`.
    fn text(
        &mut self,
        role: &'static str,
        text: &str,
        top_mm: f64,
        size: f64,
        center: bool,
        reserve_right: f64,
    ) {
        let content = self.layout.width_mm - 2.0 * self.margin_mm;
        let width = if center {
            content - 2.0 * reserve_right
        } else {
            content - reserve_right
        };
        let fitted = self
            .font
            .fit(text, Mm(width.max(0.0)), Mm(size), Mm(size * 0.6));
        if self.record && fitted.ellipsized {
            self.layout.warnings.push(LabelWarning {
                code: "TEXT_SHORTENED".into(),
                message: format!("The {role} line was too long for the label and was cut short."),
            });
        }
        if self.record && !fitted.replaced.is_empty() {
            let chars: String = fitted.replaced.iter().collect();
            self.layout.warnings.push(LabelWarning {
                code: "TEXT_CHARACTERS_REPLACED".into(),
                message: format!("The {role} line has characters the label font lacks ({chars:?}); they print as \u{FFFD}."),
            });
        }
        let x = if center {
            self.margin_mm + (content - fitted.width.0) / 2.0
        } else {
            self.margin_mm
        };
        self.push_run(role, text, &fitted, x, top_mm, fitted.size.0);
    }

    fn push_run(
        &mut self,
        role: &str,
        text: &str,
        fitted: &crate::font::FittedLine,
        x: f64,
        top: f64,
        size: f64,
    ) {
        let run = glyph_run(self.font, fitted, x, top, size);
        let (x, baseline) = (run.x_mm, run.baseline_mm);
        if self.record {
            self.layout.texts.push(TextBox {
                role: role.to_owned(),
                text: text.to_owned(),
                x_mm: x,
                baseline_mm: baseline,
                width_mm: round_mm(fitted.width.0),
                size_mm: fitted.size.0,
                shrunk: fitted.shrunk,
                ellipsized: fitted.ellipsized,
            });
        }
        if !run.glyphs.is_empty() {
            self.scene.runs.push(run);
        }
    }
}

/// A fitted line placed with its box top at `top` (mm): the run the SVG and the raster draw, with
/// positions rounded to the SVG's precision.
#[doc(hidden)] // Shared with fbskit's handover note.
pub fn glyph_run(
    font: &LabelFont,
    fitted: &crate::font::FittedLine,
    x: f64,
    top: f64,
    size: f64,
) -> GlyphRun {
    let baseline =
        round_mm(top + size * f64::from(font.ascender()) / f64::from(font.units_per_em()));
    let (scale_text, scale) = scale_text(fitted.size.0 / f64::from(font.units_per_em()));
    // Positions in font units straight from shaping: converting the mm back through the rounded
    // scale gave the same integers at any readable size, with a division per glyph.
    let glyphs = fitted
        .glyphs
        .iter()
        .map(|g| (g.glyph, if scale > 0.0 { g.units } else { 0 }))
        .collect();
    GlyphRun {
        x_mm: round_mm(x),
        baseline_mm: baseline,
        scale_text,
        scale,
        glyphs,
    }
}

/// The line height of text at em size `size` (mm): ascender to descender.
#[doc(hidden)] // Shared with fbskit's handover note.
pub fn line_height(font: &LabelFont, size: f64) -> f64 {
    size * f64::from(i32::from(font.ascender()) - i32::from(font.descender()))
        / f64::from(font.units_per_em())
}

/// "Склад <name>", unless the name already says it is a warehouse ("Склад на Ленина").
fn warehouse_line(name: &str) -> String {
    let says_warehouse = crate::text::lower_case(name.trim_start()).starts_with("склад");
    if says_warehouse {
        name.to_owned()
    } else {
        format!("Склад {name}")
    }
}
