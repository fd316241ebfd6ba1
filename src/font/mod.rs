//! The embedded label font: glyph outlines and metrics for Latin and Cyrillic text.
//!
//! The font is a subset of DejaVu Sans Condensed Bold (Bitstream Vera licence, see
//! `assets/fonts/DejaVu-LICENSE.txt`; `scripts/subset-font.sh` makes the subset). A condensed bold face
//! keeps long Russian product names short and survives the dot gain and burn of a thermal print head.
//!
//! This module owns everything about text that the label and printer stages share:
//! - which characters reach the font ([`LabelFont::glyph`]: controls and bidi marks are dropped, letters the
//!   font lacks are drawn as the replacement glyph and reported);
//! - where glyphs go on a line ([`LabelFont::shape`], in integer font units, with pair kerning) and at what
//!   size a line fits a box ([`LabelFont::fit`], shrinking, then ellipsizing);
//! - what a glyph looks like, once as SVG path data ([`LabelFont::svg_path`]) and once as a 1-bit printer
//!   mask ([`LabelFont::glyph_mask`]) filled from the same integer outline, so the SVG a browser draws and
//!   the bitmap a printer prints differ at most at glyph edge pixels.
//!
//! # Placing a glyph
//! Font units have y pointing up; the label has y pointing down. A glyph whose pen position is `x` mm
//! from the label's left edge, on a baseline `y` mm from its top, at em size `size` mm, is drawn in SVG
//! as `<use href="#gNN" transform="translate(x y) scale(s)"/>` with `s` = [`LabelFont::svg_scale`]`(size)`
//! and the path [`LabelFont::svg_path`] (already y-down) in `<defs>`. On a printer with `dpmm` dots per
//! mm the same glyph is [`LabelFont::glyph_mask`]`(glyph, x * dpmm, y * dpmm, size * dpmm / units_per_em)`.

mod chars;
mod error;
mod outline;
mod raster;
mod shape;

use std::sync::OnceLock;

use serde::Serialize;
use ttf_parser::{kern, Face};

pub use error::FontError;
pub use raster::GlyphMask;
pub use shape::{FittedLine, PlacedGlyph, ShapedGlyph, ShapedLine, MAX_FIT_SIZE_MM};

use crate::units::Mm;
use outline::Outline;

/// Characters below this code point (ASCII, Latin-1, Cyrillic) have their glyph ids cached.
const CMAP_CACHE: u32 = 0x500;

/// The embedded subset font file.
static EMBEDDED_FONT: &[u8] =
    include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold-subset.ttf");

/// The character drawn at the end of a line cut short by [`LabelFont::fit`].
pub const ELLIPSIS: char = '…';

/// The character whose glyph stands in for characters the font lacks.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The embedded label font, parsed on first use and kept for the life of the program.
///
/// Fails only if the embedded asset is broken, a build bug that this module's tests catch; callers
/// propagate the error instead of panicking.
pub fn label_font() -> Result<&'static LabelFont, FontError> {
    static FONT: OnceLock<Result<LabelFont, FontError>> = OnceLock::new();
    FONT.get_or_init(|| LabelFont::parse(EMBEDDED_FONT))
        .as_ref()
        .map_err(Clone::clone)
}

/// A glyph of the label font, by its index in the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct GlyphId(u16);

impl GlyphId {
    /// A glyph id from its index (for walking every glyph of the embedded font).
    pub(crate) fn from_raw(id: u16) -> GlyphId {
        GlyphId(id)
    }

    /// The glyph's index in the font (stable for a given embedded font file; SVG ids can use it).
    pub fn get(self) -> u16 {
        self.0
    }

    fn ttf(self) -> ttf_parser::GlyphId {
        ttf_parser::GlyphId(self.0)
    }
}

/// How the font draws one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharGlyph {
    /// The font has a glyph for the character (line breaks, tabs and Unicode spaces map to the space).
    Found(GlyphId),
    /// The font lacks the character; the replacement glyph (U+FFFD, a visible mark) is drawn instead.
    Replaced(GlyphId),
    /// A control, bidi or other invisible format character: nothing is drawn.
    Dropped,
}

impl CharGlyph {
    /// The glyph to draw, if any.
    pub fn glyph(self) -> Option<GlyphId> {
        match self {
            CharGlyph::Found(glyph) | CharGlyph::Replaced(glyph) => Some(glyph),
            CharGlyph::Dropped => None,
        }
    }
}

/// Horizontal metrics of one glyph in font units, computed once when the font is loaded.
#[derive(Debug, Clone, Copy, Default)]
struct GlyphMetrics {
    /// The advance width.
    advance: u16,
    /// The leftmost and rightmost x of the outline's points (control points included, so the ink lies
    /// within), or `None` for a glyph without outline.
    ink: Option<(i32, i32)>,
}

/// The parsed embedded font with the metrics label layout needs. Get it from [`label_font`].
pub struct LabelFont {
    face: Face<'static>,
    kerning: Option<kern::Subtable<'static>>,
    /// Kerning pairs by left glyph id: (right glyph id, value), sorted. Read once from `kerning`, because
    /// looking pairs up in the table itself dominated label layout time.
    kern_pairs: Vec<Vec<(u16, i16)>>,
    /// Glyph ids of the characters below [`CMAP_CACHE`] (0 = the font lacks it), for the same reason.
    cmap_cache: Vec<u16>,
    /// Indexed by glyph id.
    metrics: Vec<GlyphMetrics>,
    /// Every glyph's outline, parsed once (printing fills hundreds of glyphs per label).
    outlines: Vec<Outline>,
    units_per_em: u16,
    ascender: i16,
    descender: i16,
    line_gap: i16,
    cap_height: i16,
    x_height: i16,
    space: GlyphId,
    ellipsis: GlyphId,
    replacement: GlyphId,
}

impl std::fmt::Debug for LabelFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabelFont")
            .field("glyphs", &self.metrics.len())
            .field("units_per_em", &self.units_per_em)
            .field("ascender", &self.ascender)
            .field("descender", &self.descender)
            .field("cap_height", &self.cap_height)
            .field("kerning", &self.kerning.is_some())
            .finish_non_exhaustive()
    }
}

impl LabelFont {
    /// Parses a font file and checks that it has what label layout needs.
    fn parse(data: &'static [u8]) -> Result<LabelFont, FontError> {
        let face = Face::parse(data, 0).map_err(|error| FontError::EmbeddedFontUnreadable {
            reason: error.to_string(),
        })?;
        let required = |ch: char| {
            face.glyph_index(ch)
                .filter(|id| id.0 != 0)
                .map(|id| GlyphId(id.0))
                .ok_or(FontError::EmbeddedFontIncomplete { ch })
        };
        let space = required(' ')?;
        let ellipsis = required(ELLIPSIS)?;
        let replacement = required(REPLACEMENT)?;

        // The subset's OS/2 table predates cap and x heights, so they are measured on 'H' and 'x'.
        let top_of = |ch: char| {
            required(ch).and_then(|glyph| {
                face.glyph_bounding_box(glyph.ttf())
                    .map(|rect| rect.y_max)
                    .ok_or(FontError::EmbeddedFontIncomplete { ch })
            })
        };
        let cap_height = match face.capital_height() {
            Some(height) => height,
            None => top_of('H')?,
        };
        let x_height = match face.x_height() {
            Some(height) => height,
            None => top_of('x')?,
        };

        let outlines: Vec<Outline> = (0..face.number_of_glyphs())
            .map(|index| Outline::of(&face, GlyphId(index)))
            .collect();
        let metrics = outlines
            .iter()
            .enumerate()
            .map(|(index, outline)| GlyphMetrics {
                advance: face
                    .glyph_hor_advance(ttf_parser::GlyphId(index as u16))
                    .unwrap_or(0),
                ink: outline.x_range(),
            })
            .collect();
        let kerning = face.tables().kern.and_then(|table| {
            table.subtables.into_iter().find(|subtable| {
                subtable.horizontal
                    && !subtable.variable
                    && !subtable.has_cross_stream
                    && !subtable.has_state_machine
            })
        });

        let glyph_count = face.number_of_glyphs();
        let mut kern_pairs: Vec<Vec<(u16, i16)>> = vec![Vec::new(); usize::from(glyph_count)];
        if let Some(kern::Format::Format0(table)) = kerning.as_ref().map(|s| &s.format) {
            for pair in table.pairs {
                if let Some(list) = kern_pairs.get_mut(usize::from(pair.left().0)) {
                    list.push((pair.right().0, pair.value));
                }
            }
        }
        for list in &mut kern_pairs {
            list.sort_unstable_by_key(|&(right, _)| right);
        }
        let cmap_cache = (0..CMAP_CACHE)
            .map(|code| {
                char::from_u32(code)
                    .and_then(|ch| face.glyph_index(ch))
                    .map_or(0, |id| id.0)
            })
            .collect();

        Ok(LabelFont {
            outlines,
            kern_pairs,
            cmap_cache,
            units_per_em: face.units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            line_gap: face.line_gap(),
            cap_height,
            x_height,
            kerning,
            metrics,
            space,
            ellipsis,
            replacement,
            face,
        })
    }

    /// Font units per em: glyphs drawn at em size `size` mm are scaled by `size / units_per_em` mm per
    /// unit.
    pub fn units_per_em(&self) -> u16 {
        self.units_per_em
    }

    /// The top of the tallest glyphs above the baseline (positive, font units), from the `hhea` table.
    pub fn ascender(&self) -> i16 {
        self.ascender
    }

    /// The bottom of the lowest glyphs relative to the baseline (negative, font units), from `hhea`.
    pub fn descender(&self) -> i16 {
        self.descender
    }

    /// The extra gap the font asks for between lines (font units); the line height is
    /// `ascender - descender + line_gap`.
    pub fn line_gap(&self) -> i16 {
        self.line_gap
    }

    /// The height of flat capital letters such as 'H' above the baseline (font units).
    pub fn cap_height(&self) -> i16 {
        self.cap_height
    }

    /// The height of flat lowercase letters such as 'x' above the baseline (font units).
    pub fn x_height(&self) -> i16 {
        self.x_height
    }

    /// The number of glyphs in the font; every [`GlyphId`] the font hands out is below it.
    pub fn glyph_count(&self) -> u16 {
        self.face.number_of_glyphs()
    }

    /// How the font draws `ch`. Deterministic: the same character always gives the same answer.
    ///
    /// Controls (C0, C1, DEL), bidi controls and marks, zero-width and other invisible format characters
    /// are [`CharGlyph::Dropped`]; tab, line breaks and Unicode spaces are drawn as a plain space; a
    /// character the font lacks is [`CharGlyph::Replaced`] by the visible replacement glyph (U+FFFD).
    /// Combining accents are composed only by [`LabelFont::shape`], which sees the letter before them.
    pub fn glyph(&self, ch: char) -> CharGlyph {
        match chars::classify(ch) {
            chars::CharClass::Dropped => CharGlyph::Dropped,
            chars::CharClass::Space => CharGlyph::Found(self.space),
            chars::CharClass::Visible(ch) => {
                let id = match self.cmap_cache.get(ch as usize) {
                    Some(&id) => id,
                    None => self.face.glyph_index(ch).map_or(0, |id| id.0),
                };
                if id != 0 {
                    CharGlyph::Found(GlyphId(id))
                } else {
                    CharGlyph::Replaced(self.replacement)
                }
            }
        }
    }

    /// The glyph drawn for characters the font lacks (U+FFFD).
    pub fn replacement_glyph(&self) -> GlyphId {
        self.replacement
    }

    /// The glyph drawn at the end of a line cut short (U+2026 '…').
    pub fn ellipsis_glyph(&self) -> GlyphId {
        self.ellipsis
    }

    /// The glyph's advance width in font units (0 for an id the font does not have).
    pub fn advance(&self, glyph: GlyphId) -> u16 {
        self.metrics_of(glyph).advance
    }

    /// The pair kerning between two adjacent glyphs in font units (negative moves `right` closer).
    pub fn kerning(&self, left: GlyphId, right: GlyphId) -> i16 {
        let pairs = self
            .kern_pairs
            .get(usize::from(left.0))
            .map_or(&[][..], Vec::as_slice);
        pairs
            .binary_search_by_key(&right.0, |&(r, _)| r)
            .ok()
            .and_then(|i| pairs.get(i))
            .map_or(0, |&(_, value)| value)
    }

    fn outline(&self, glyph: GlyphId) -> &Outline {
        static EMPTY: Outline = Outline::EMPTY;
        self.outlines.get(usize::from(glyph.0)).unwrap_or(&EMPTY)
    }

    fn metrics_of(&self, glyph: GlyphId) -> GlyphMetrics {
        self.metrics
            .get(usize::from(glyph.0))
            .copied()
            .unwrap_or_default()
    }

    /// SVG path data for the glyph's outline in font units, y pointing down (the font's y negated),
    /// integers only, absolute `M`/`L`/`Q`/`C`/`Z` commands; empty for a glyph without outline (space)
    /// or an id the font does not have. The same glyph gives the same bytes on every platform.
    pub fn svg_path(&self, glyph: GlyphId) -> String {
        self.outline(glyph).to_svg_path()
    }

    /// The SVG `scale(…)` factor for glyphs drawn at em size `size` (mm per font unit), written with at
    /// most 10 decimals and no trailing zeros, so equal sizes always give equal text; "0" for a size
    /// that is not a finite number.
    pub fn svg_scale(&self, size: Mm) -> String {
        let scale = size.0 / f64::from(self.units_per_em);
        let scale = if scale.is_finite() { scale } else { 0.0 };
        let text = format!("{scale:.10}");
        match text.trim_end_matches('0').trim_end_matches('.') {
            "" | "-" | "-0" => "0".to_owned(),
            trimmed => trimmed.to_owned(),
        }
    }

    /// The glyph filled as a 1-bit printer mask, in printer dots with y pointing down.
    ///
    /// `origin_x` is the glyph's pen position and `baseline_y` the baseline, both in dots from the
    /// bitmap's top-left corner; `dots_per_unit` is `size_mm * dots_per_mm / units_per_em`. The outline
    /// is the one [`LabelFont::svg_path`] writes, filled with `ab_glyph_rasterizer` (non-zero winding, as
    /// SVG fills); a dot is ink when at least half of it is covered.
    ///
    /// Fails if a placement value is not finite, the scale is not positive, or the mask would be more
    /// than [`GlyphMask::MAX_SIDE`] dots wide or high.
    pub fn glyph_mask(
        &self,
        glyph: GlyphId,
        origin_x: f64,
        baseline_y: f64,
        dots_per_unit: f64,
    ) -> Result<GlyphMask, FontError> {
        raster::fill(self.outline(glyph), origin_x, baseline_y, dots_per_unit)
    }
}

/// What the font's test modules share: the font, and a glyph that must be in it.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{label_font, CharGlyph, GlyphId, LabelFont};

    pub(crate) fn font() -> &'static LabelFont {
        label_font().unwrap()
    }

    /// The glyph of `ch`, failing the test if the font lacks it.
    pub(crate) fn found(ch: char) -> GlyphId {
        match font().glyph(ch) {
            CharGlyph::Found(glyph) => glyph,
            other => panic!(
                "{ch:?} (U+{:04X}) is not in the font: {other:?}",
                u32::from(ch)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{font, found};
    use super::*;

    #[test]
    fn embedded_font_loads_with_sane_metrics() {
        let font = font();
        assert_eq!(font.units_per_em(), 2048);
        assert_eq!(font.cap_height(), 1493, "the top of 'H'");
        assert_eq!(font.x_height(), 1120, "the top of 'x'");
        assert!(font.ascender() > font.cap_height());
        assert!(font.cap_height() > font.x_height());
        assert!(font.descender() < 0);
        assert!(font.kerning.is_some(), "the subset keeps its kern table");
        assert!(font.glyph_count() > 300);
    }

    #[test]
    fn label_font_is_parsed_once() {
        assert!(std::ptr::eq(font(), label_font().unwrap()));
    }

    #[test]
    fn broken_font_data_is_an_error_not_a_panic() {
        let error = LabelFont::parse(b"not a font").unwrap_err();
        assert!(matches!(error, FontError::EmbeddedFontUnreadable { .. }));
        assert!(LabelFont::parse(&[]).is_err());
        // A cut-off file may parse or not; either way it must not panic.
        for len in [12, 200, EMBEDDED_FONT.len() / 2] {
            let _ = LabelFont::parse(EMBEDDED_FONT.get(..len).unwrap());
        }
    }

    #[test]
    fn ascii_cyrillic_and_label_punctuation_have_real_glyphs() {
        let font = font();
        let ascii = (0x20u8..=0x7E).map(char::from);
        let cyrillic = ('\u{0410}'..='\u{044F}').chain("ЁёЂЃЄЅІЇЈЉЊЋЌЎЏђѓєѕіїјљњћќўџ".chars());
        let cis = "ҐґҒғҚқҢңҮүҰұҺһӘәӨөʻʼ".chars();
        let latin1 = ('\u{00C0}'..='\u{00FF}').chain("©®°±·«»×÷".chars());
        let punctuation = "№₽€™«»—–‐…×°·'\"‘’‚“”„•−‹›".chars();
        for ch in ascii
            .chain(cyrillic)
            .chain(cis)
            .chain(latin1)
            .chain(punctuation)
        {
            let glyph = found(ch);
            assert_ne!(glyph, font.replacement_glyph(), "{ch:?}");
            assert!(
                ch == ' ' || !font.svg_path(glyph).is_empty(),
                "{ch:?} has an outline"
            );
            assert!(font.advance(glyph) > 0, "{ch:?} has an advance");
        }
        assert!(font.svg_path(found('Ж')).starts_with('M'));
    }

    #[test]
    fn missing_characters_get_the_visible_replacement_glyph() {
        let font = font();
        for ch in ['字', '😀', '\u{E000}', 'ק', '\u{20D7}', '\u{FFFF}'] {
            assert_eq!(
                font.glyph(ch),
                CharGlyph::Replaced(font.replacement_glyph()),
                "{ch:?}"
            );
        }
        assert!(!font.svg_path(font.replacement_glyph()).is_empty());
        assert_eq!(
            font.glyph(REPLACEMENT),
            CharGlyph::Found(font.replacement_glyph())
        );
    }

    #[test]
    fn controls_and_bidi_marks_are_dropped_and_spaces_kept() {
        let font = font();
        for ch in [
            '\u{0}', '\u{7}', '\u{1B}', '\u{7F}', '\u{80}', '\u{9F}', '\u{AD}', '\u{200B}',
            '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{FEFF}',
        ] {
            assert_eq!(
                font.glyph(ch),
                CharGlyph::Dropped,
                "U+{:04X}",
                u32::from(ch)
            );
        }
        for ch in ['\t', '\n', '\r', '\u{2003}', '\u{3000}'] {
            assert_eq!(font.glyph(ch), CharGlyph::Found(found(' ')));
        }
    }

    #[test]
    fn markup_characters_are_ordinary_glyphs() {
        let font = font();
        for ch in "</text><script>alert(\"&amp;\")</script>".chars() {
            assert_ne!(found(ch), font.replacement_glyph());
        }
        assert!(!font.svg_path(found('<')).is_empty());
    }

    #[test]
    fn ink_extents_come_from_the_outline() {
        let font = font();
        let ink = |ch: char| font.metrics_of(found(ch)).ink;
        assert_eq!(ink('H'), Some((169, 1373)), "the stems' outer edges");
        assert_eq!(ink(' '), None);
        for ch in ['J', 'f', 'Ж', 'j', 'W'] {
            let rect = font.face.glyph_bounding_box(found(ch).ttf()).unwrap();
            assert_eq!(
                ink(ch),
                Some((i32::from(rect.x_min), i32::from(rect.x_max))),
                "{ch:?}"
            );
        }
        assert!(ink('J').unwrap().0 < 0, "'J' reaches left of its origin");
        assert!(
            ink('f').unwrap().1 > i32::from(font.advance(found('f'))),
            "'f' reaches past its advance"
        );
    }

    #[test]
    fn kerning_comes_from_the_kern_table() {
        let font = font();
        assert_eq!(font.kerning(found('A'), found('V')), -139);
        assert_eq!(font.kerning(found('L'), found('T')), -339);
        assert_eq!(font.kerning(found('H'), found('H')), 0);
    }

    #[test]
    fn svg_scale_is_fixed_precision_text() {
        let font = font();
        assert_eq!(font.svg_scale(Mm(2.048)), "0.001");
        assert_eq!(font.svg_scale(Mm(3.0)), "0.0014648438");
        assert_eq!(font.svg_scale(Mm(0.0)), "0");
        assert_eq!(font.svg_scale(Mm(f64::NAN)), "0");
    }
}
