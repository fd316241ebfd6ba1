//! The embedded label font: glyph outlines and metrics for Latin and Cyrillic text.
//!
//! The font is a subset of DejaVu Sans Condensed Bold (Bitstream Vera licence, see
//! `assets/fonts/DejaVu-LICENSE.txt`; `scripts/subset-font.sh` makes the subset). A condensed bold face
//! keeps long Russian product names short and survives the dot gain and burn of a thermal print head.
//! `build.rs` reads the font file at build time into static tables (`tables`), so the library carries
//! neither the file nor a font parser, and nothing is parsed at start-up.
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
//! as `<use href="#gNN" transform="translate(x y) scale(s)"/>` with `s` = `size / units_per_em` (the
//! SVG writer gives it at most 10 decimals) and the path [`LabelFont::svg_path`] (already y-down) in
//! `<defs>`. On a printer with `dpmm` dots per mm the same glyph is
//! [`LabelFont::glyph_mask`]`(glyph, x * dpmm, y * dpmm, size * dpmm / units_per_em)`.

mod chars;
mod error;
mod outline;
mod raster;
mod shape;
mod tables;

use crate::json::ToJson;

pub use error::FontError;
pub use raster::GlyphMask;
pub use shape::{FittedLine, PlacedGlyph, ShapedGlyph, ShapedLine, MAX_FIT_SIZE_MM};

use outline::Outline;

/// The character drawn at the end of a line cut short by [`LabelFont::fit`].
pub const ELLIPSIS: char = '…';

/// The character whose glyph stands in for characters the font lacks.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The embedded label font.
///
/// Infallible: the font was read and checked when the crate was built (`build.rs` fails the build if
/// it lacks a glyph layout needs), so there is nothing left to go wrong at run time.
pub fn label_font() -> &'static LabelFont {
    static FONT: LabelFont = LabelFont { _tables: () };
    &FONT
}

/// A glyph of the label font, by its index in the font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
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

/// Horizontal metrics of one glyph in font units.
#[derive(Debug, Clone, Copy, Default)]
struct GlyphMetrics {
    /// The advance width.
    advance: u16,
    /// The leftmost and rightmost x of the outline's points (control points included, so the ink lies
    /// within), or `None` for a glyph without outline.
    ink: Option<(i32, i32)>,
}

/// The embedded font with the metrics label layout needs, read from the tables `build.rs` generated.
/// Get it from [`label_font`].
pub struct LabelFont {
    /// Keeps the type constructible only here; the data is in the static tables.
    _tables: (),
}

impl std::fmt::Debug for LabelFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabelFont")
            .field("glyphs", &tables::GLYPH_COUNT)
            .field("units_per_em", &tables::UNITS_PER_EM)
            .field("ascender", &tables::ASCENDER)
            .field("descender", &tables::DESCENDER)
            .field("cap_height", &tables::CAP_HEIGHT)
            .field("kerning_pairs", &tables::KERN_RIGHTS.len())
            .finish_non_exhaustive()
    }
}

impl LabelFont {
    /// Font units per em: glyphs drawn at em size `size` mm are scaled by `size / units_per_em` mm per
    /// unit.
    pub fn units_per_em(&self) -> u16 {
        tables::UNITS_PER_EM
    }

    /// The top of the tallest glyphs above the baseline (positive, font units), from the `hhea` table.
    pub fn ascender(&self) -> i16 {
        tables::ASCENDER
    }

    /// The bottom of the lowest glyphs relative to the baseline (negative, font units), from `hhea`.
    pub fn descender(&self) -> i16 {
        tables::DESCENDER
    }

    /// The extra gap the font asks for between lines (font units); the line height is
    /// `ascender - descender + line_gap`.
    pub fn line_gap(&self) -> i16 {
        tables::LINE_GAP
    }

    /// The height of flat capital letters such as 'H' above the baseline (font units).
    pub fn cap_height(&self) -> i16 {
        tables::CAP_HEIGHT
    }

    /// The height of flat lowercase letters such as 'x' above the baseline (font units).
    pub fn x_height(&self) -> i16 {
        tables::X_HEIGHT
    }

    /// The number of glyphs in the font; every [`GlyphId`] the font hands out is below it.
    pub fn glyph_count(&self) -> u16 {
        tables::GLYPH_COUNT
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
            chars::CharClass::Space => CharGlyph::Found(GlyphId(tables::SPACE)),
            chars::CharClass::Visible(ch) => self.lookup(ch),
        }
    }

    /// The glyph for a character already classified visible (a space included): found, or replaced.
    fn lookup(&self, ch: char) -> CharGlyph {
        let id = match tables::CMAP_DIRECT.get(ch as usize) {
            Some(&id) => Some(id).filter(|&id| id != 0),
            None => tables::CMAP_CHARS
                .binary_search(&ch)
                .ok()
                .and_then(|index| tables::CMAP_GLYPHS.get(index).copied()),
        };
        match id {
            Some(id) => CharGlyph::Found(GlyphId(id)),
            None => CharGlyph::Replaced(self.replacement_glyph()),
        }
    }

    /// The glyph drawn for characters the font lacks (U+FFFD).
    pub fn replacement_glyph(&self) -> GlyphId {
        GlyphId(tables::REPLACEMENT)
    }

    /// The glyph drawn at the end of a line cut short (U+2026 '…').
    pub fn ellipsis_glyph(&self) -> GlyphId {
        GlyphId(tables::ELLIPSIS)
    }

    /// The glyph's advance width in font units (0 for an id the font does not have).
    pub fn advance(&self, glyph: GlyphId) -> u16 {
        self.metrics_of(glyph).advance
    }

    /// The pair kerning between two adjacent glyphs in font units (negative moves `right` closer).
    pub fn kerning(&self, left: GlyphId, right: GlyphId) -> i16 {
        let left_index = usize::from(left.0);
        let (Some(&start), Some(&end)) = (
            tables::KERN_STARTS.get(left_index),
            tables::KERN_STARTS.get(left_index + 1),
        ) else {
            return 0;
        };
        let (start, end) = (usize::from(start), usize::from(end));
        tables::KERN_RIGHTS
            .get(start..end)
            .and_then(|rights| rights.binary_search(&right.0).ok())
            .and_then(|index| tables::KERN_VALUES.get(start + index))
            .map_or(0, |&value| value)
    }

    /// The glyph's outline; empty for an id the font does not have.
    fn outline(&self, glyph: GlyphId) -> Outline {
        let index = usize::from(glyph.0);
        let span = |starts: &[u16]| {
            let start = usize::from(*starts.get(index)?);
            let end = usize::from(*starts.get(index + 1)?);
            Some(start..end)
        };
        let ops = span(tables::OUTLINE_OP_STARTS).and_then(|span| tables::OUTLINE_OPS.get(span));
        let points =
            span(tables::OUTLINE_POINT_STARTS).and_then(|span| tables::OUTLINE_POINTS.get(span));
        match (ops, points) {
            (Some(ops), Some(points)) => Outline::new(ops, points),
            _ => Outline::EMPTY,
        }
    }

    fn metrics_of(&self, glyph: GlyphId) -> GlyphMetrics {
        let index = usize::from(glyph.0);
        let ink = match (tables::INK_LEFT.get(index), tables::INK_RIGHT.get(index)) {
            (Some(&left), Some(&right)) if left <= right => {
                Some((i32::from(left), i32::from(right)))
            }
            _ => None,
        };
        GlyphMetrics {
            advance: tables::ADVANCES.get(index).copied().unwrap_or(0),
            ink,
        }
    }

    /// SVG path data for the glyph's outline in font units, y pointing down (the font's y negated),
    /// integers only, an absolute `M` then relative `m l h v q c z` in the shortest form; empty for a
    /// glyph without outline (space)
    /// or an id the font does not have. The same glyph gives the same bytes on every platform.
    pub fn svg_path(&self, glyph: GlyphId) -> String {
        self.outline(glyph).to_svg_path()
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
        raster::fill(&self.outline(glyph), origin_x, baseline_y, dots_per_unit)
    }
}

/// What the font's test modules share: the font, and a glyph that must be in it.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{label_font, CharGlyph, GlyphId, LabelFont};

    pub(crate) fn font() -> &'static LabelFont {
        label_font()
    }

    /// The font file itself, read with `ttf-parser`: what the generated tables are checked against.
    pub(crate) fn face() -> ttf_parser::Face<'static> {
        static FILE: &[u8] =
            include_bytes!("../../../assets/fonts/DejaVuSansCondensed-Bold-subset.ttf");
        ttf_parser::Face::parse(FILE, 0).unwrap()
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
    use super::test_support::{face, font, found};
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
        assert!(
            tables::KERN_RIGHTS.len() > 500,
            "the subset keeps its kern table"
        );
        assert!(font.glyph_count() > 300);
    }

    #[test]
    fn generated_metrics_are_the_font_files() {
        let (face, font) = (face(), font());
        assert_eq!(font.units_per_em(), face.units_per_em());
        assert_eq!(font.ascender(), face.ascender());
        assert_eq!(font.descender(), face.descender());
        assert_eq!(font.line_gap(), face.line_gap());
        assert_eq!(font.glyph_count(), face.number_of_glyphs());
        for id in 0..=font.glyph_count() {
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(id));
            assert_eq!(
                font.advance(GlyphId(id)),
                advance.unwrap_or(0),
                "glyph {id}"
            );
        }
    }

    #[test]
    fn generated_cmap_is_the_font_files() {
        let (face, font) = (face(), font());
        assert!(tables::CMAP_CHARS.windows(2).all(|w| w[0] < w[1]), "sorted");
        assert_eq!(tables::CMAP_CHARS.len(), tables::CMAP_GLYPHS.len());
        // Every scalar value up to the end of the BMP and a few beyond, in the tables (`CMAP_DIRECT`
        // below U+0500, the sorted table above) and, for the characters `glyph` looks up, through it.
        let chars = (0..=0xFFFFu32)
            .chain([0x1F600, 0x10FFFF])
            .filter_map(char::from_u32);
        let mut mapped = 0;
        for ch in chars {
            let expected = face.glyph_index(ch).map_or(0, |id| id.0);
            let actual = match tables::CMAP_DIRECT.get(ch as usize) {
                Some(&id) => id,
                None => match tables::CMAP_CHARS.binary_search(&ch) {
                    Ok(index) => tables::CMAP_GLYPHS[index],
                    Err(_) => 0,
                },
            };
            assert_eq!(actual, expected, "U+{:04X}", u32::from(ch));
            if let chars::CharClass::Visible(_) = chars::classify(ch) {
                let through_lookup = match font.glyph(ch) {
                    CharGlyph::Found(glyph) => glyph.0,
                    _ => 0,
                };
                assert_eq!(through_lookup, expected, "glyph(U+{:04X})", u32::from(ch));
            }
            mapped += usize::from(expected != 0);
        }
        let direct = tables::CMAP_DIRECT.iter().filter(|&&id| id != 0).count();
        assert_eq!(mapped, direct + tables::CMAP_CHARS.len());
        assert!(tables::CMAP_CHARS
            .iter()
            .all(|&ch| ch as usize >= tables::CMAP_DIRECT.len()));
        assert_eq!(
            font.glyph(ELLIPSIS),
            CharGlyph::Found(font.ellipsis_glyph())
        );
    }

    #[test]
    fn shaping_looks_up_what_glyph_would() {
        // `shape` looks up `visible_chars`' output without classifying it again.
        let font = font();
        let text: String = (0..0x2100u32).filter_map(char::from_u32).collect();
        for ch in chars::visible_chars(&text) {
            assert_eq!(font.lookup(ch), font.glyph(ch), "U+{:04X}", u32::from(ch));
        }
    }

    #[test]
    fn generated_kerning_is_the_font_files() {
        let face = face();
        let font = font();
        for left in tables::KERN_STARTS.windows(2) {
            let rights = &tables::KERN_RIGHTS[usize::from(left[0])..usize::from(left[1])];
            assert!(rights.windows(2).all(|w| w[0] < w[1]), "sorted");
        }
        assert_eq!(tables::KERN_RIGHTS.len(), tables::KERN_VALUES.len());
        let table = face
            .tables()
            .kern
            .unwrap()
            .subtables
            .into_iter()
            .next()
            .unwrap();
        let ttf_parser::kern::Format::Format0(pairs) = table.format else {
            panic!("the kern table is format 0");
        };
        let mut count = 0;
        for pair in pairs.pairs {
            let (left, right) = (GlyphId(pair.left().0), GlyphId(pair.right().0));
            assert_eq!(font.kerning(left, right), pair.value, "{left:?} {right:?}");
            count += 1;
        }
        assert_eq!(count, tables::KERN_RIGHTS.len());
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
            let rect = face()
                .glyph_bounding_box(ttf_parser::GlyphId(found(ch).get()))
                .unwrap();
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
}
