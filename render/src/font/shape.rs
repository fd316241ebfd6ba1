//! Lines of text: glyphs placed along a baseline in integer font units ([`LabelFont::shape`]), and a line
//! fitted into a box in millimetres by shrinking, then ellipsizing ([`LabelFont::fit`]).
//!
//! Shaping is left to right, one glyph per character, advances plus the font's pair kerning: enough for
//! Latin and Cyrillic, which is all the font has. All positions are integer font units so a line is laid
//! out identically on every platform; floating point appears only when a size in mm is applied.

use std::collections::BinaryHeap;

use crate::json::ToJson;

use super::{chars, tables, CharGlyph, GlyphId, LabelFont};
use crate::units::Mm;

/// A glyph on a shaped line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub struct ShapedGlyph {
    /// The glyph to draw.
    pub glyph: GlyphId,
    /// Its pen position from the start of the line, in font units.
    pub x: i64,
}

/// A line of text shaped at the font's own scale: glyph positions in font units.
#[derive(Debug, Clone, PartialEq, Eq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub struct ShapedLine {
    /// The glyphs in drawing order (controls and invisible characters have none).
    pub glyphs: Vec<ShapedGlyph>,
    /// The pen position after the last glyph: the sum of advances and kerning, in font units.
    pub advance: i64,
    /// The left edge of the line's extent: 0, or less where a glyph's ink reaches left of the start.
    pub left: i64,
    /// The right edge of the line's extent: `advance`, or more where a glyph's ink reaches past it.
    pub right: i64,
    /// The characters the font lacks, drawn as the replacement glyph; each once, in order of appearance.
    pub replaced: Vec<char>,
}

impl ShapedLine {
    /// The width of the line's extent (`right - left`): everything drawn, ink and advances, lies within.
    pub fn width(&self) -> i64 {
        self.right - self.left
    }
}

/// A glyph of a fitted line.
#[derive(Debug, Clone, Copy, PartialEq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub struct PlacedGlyph {
    /// The glyph to draw.
    pub glyph: GlyphId,
    /// Its pen position from the left edge of the line's box (the origin of its outline), in font
    /// units: exact. [`FittedLine::x`] gives it in mm.
    pub units: i64,
}

/// A line of text fitted into a width: what to draw, at what size.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub struct FittedLine {
    /// The glyphs to draw; every glyph's ink and advance lies between 0 and `width`.
    pub glyphs: Vec<PlacedGlyph>,
    /// The em size the glyphs are drawn at, a whole number of hundredths of a millimetre.
    pub size: Mm,
    /// The width of the line as drawn, never more than the width asked for.
    pub width: Mm,
    /// The size is below the largest size allowed.
    pub shrunk: bool,
    /// The text did not fit at the smallest size allowed and was cut, ending in '…' (or, if not even
    /// that fits, dropped entirely).
    pub ellipsized: bool,
    /// The characters the font lacks among those drawn, drawn as the replacement glyph; each once, in
    /// order of appearance.
    pub replaced: Vec<char>,
}

impl FittedLine {
    /// A glyph's pen position from the left edge of the line's box, in mm.
    pub fn x(&self, glyph: &PlacedGlyph) -> Mm {
        Mm(glyph.units as f64 * self.size.0 / f64::from(tables::UNITS_PER_EM))
    }
}

/// The largest em size [`LabelFont::fit`] uses, in mm; larger requests are clamped to it.
pub const MAX_FIT_SIZE_MM: f64 = 1000.0;

/// Sizes are chosen in steps of 1/100 mm, so equal inputs give equal, short `scale(…)` values.
const STEPS_PER_MM: f64 = 100.0;

/// One shaped glyph with what fitting needs to know about it.
#[derive(Debug, Clone, Copy)]
struct RunGlyph {
    glyph: GlyphId,
    ch: char,
    replaced: bool,
    x: i64,
    advance: i64,
    /// The ink's left and right x on the line, if the glyph has ink.
    ink: Option<(i64, i64)>,
}

/// Shaped glyphs and the line's extent so far.
#[derive(Debug, Default)]
struct Run {
    glyphs: Vec<RunGlyph>,
    pen: i64,
    /// The leftmost and rightmost ink x so far, once a glyph with ink has been shaped.
    ink: Option<(i64, i64)>,
    /// Every character was shaped (shaping may stop early once the line is known to be too wide).
    complete: bool,
}

impl Run {
    /// The extent of the whole run: `(left, right)` in font units.
    fn extent(&self) -> (i64, i64) {
        let (left, right) = self.ink.unwrap_or((0, 0));
        (left.min(0), right.max(self.pen))
    }
}

impl LabelFont {
    /// Shapes one line of text: one glyph per visible character (see [`LabelFont::glyph`]; a letter
    /// followed by a combining accent becomes the precomposed letter), placed by advance and pair
    /// kerning, in font units. Line breaks become spaces: this is a single line.
    pub fn shape(&self, text: &str) -> ShapedLine {
        let run = self.run(text, None);
        let (left, right) = run.extent();
        ShapedLine {
            replaced: replaced_chars(&run.glyphs),
            glyphs: run
                .glyphs
                .iter()
                .map(|g| ShapedGlyph {
                    glyph: g.glyph,
                    x: g.x,
                })
                .collect(),
            advance: run.pen,
            left,
            right,
        }
    }

    /// Fits one line of text into `max_width`: the largest em size from `max_size` down to `min_size`
    /// (in steps of 0.01 mm) at which the whole line fits; if it does not fit even at `min_size`, the
    /// longest start of the line that fits with a trailing '…' at `min_size` (spaces before the '…' are
    /// dropped). If not even '…' alone fits, no glyphs.
    ///
    /// The width is the line's extent: advances and every glyph's ink (see [`ShapedLine::width`]), so
    /// nothing drawn crosses the box. Total: non-finite or negative lengths count as 0 (an infinite width
    /// as unlimited), `min_size` above `max_size` is lowered to it, sizes are clamped to
    /// 0.01..=[`MAX_FIT_SIZE_MM`] mm, and a `max_size` under 0.01 mm draws nothing.
    pub fn fit(&self, text: &str, max_width: Mm, max_size: Mm, min_size: Mm) -> FittedLine {
        let max_width = if max_width.0 > 0.0 { max_width.0 } else { 0.0 };
        let max_steps = size_steps(max_size.0).floor() as i64;
        let min_steps = (size_steps(min_size.0).ceil() as i64).clamp(1, max_steps.max(1));
        let fitter = Fitter {
            max_width,
            units_per_mm_step: f64::from(self.units_per_em()) * STEPS_PER_MM,
        };
        if max_steps < 1 {
            let run = self.run(text, Some(0));
            return fitter.line(&[], (0, 0), 0, false, !run.glyphs.is_empty());
        }

        // Shaping stops once the line is wider than the box at the smallest size: nothing past that can
        // be drawn, however long the text.
        let run = self.run(text, Some(fitter.units_limit(min_steps)));
        let extent = run.extent();
        if run.complete {
            let width = extent.1 - extent.0;
            if let Some(steps) = fitter.largest_fitting(width, min_steps, max_steps) {
                return fitter.line(&run.glyphs, extent, steps, steps < max_steps, false);
            }
        }
        self.ellipsize(&fitter, &run.glyphs, min_steps, min_steps < max_steps)
    }

    /// The longest start of `glyphs` that fits at `steps` with the ellipsis after it.
    fn ellipsize(
        &self,
        fitter: &Fitter,
        glyphs: &[RunGlyph],
        steps: i64,
        shrunk: bool,
    ) -> FittedLine {
        let ellipsis = self.ellipsis_glyph();
        let ellipsis_metrics = self.metrics_of(ellipsis);
        let ellipsis_advance = i64::from(ellipsis_metrics.advance);
        let units_limit = fitter.units_limit(steps);

        let mut best: Option<(usize, RunGlyph, (i64, i64))> = None;
        let (mut ink_left, mut ink_right) = (0i64, 0i64);
        for kept in 0..=glyphs.len() {
            let last = kept.checked_sub(1).and_then(|index| glyphs.get(index));
            if let Some(last) = last {
                if let Some((left, right)) = last.ink {
                    ink_left = ink_left.min(left);
                    ink_right = ink_right.max(right);
                }
                if last.ch.is_whitespace() {
                    continue;
                }
            }
            let x = last.map_or(0, |g| {
                g.x + g.advance + i64::from(self.kerning(g.glyph, ellipsis))
            });
            let ink = ellipsis_metrics
                .ink
                .map(|(left, right)| (x + i64::from(left), x + i64::from(right)));
            let left = ink_left.min(ink.map_or(0, |ink| ink.0)).min(0);
            let right = ink_right
                .max(ink.map_or(0, |ink| ink.1))
                .max(x + ellipsis_advance);
            if fitter.fits(right - left, steps) {
                let glyph = RunGlyph {
                    glyph: ellipsis,
                    ch: super::ELLIPSIS,
                    replaced: false,
                    x,
                    advance: ellipsis_advance,
                    ink,
                };
                best = Some((kept, glyph, (left, right)));
            } else if ink_right - ink_left.min(0) > units_limit {
                // Longer starts only add ink, so none of them fits either.
                break;
            }
        }
        match best {
            Some((kept, ellipsis, extent)) => {
                let mut line: Vec<RunGlyph> = glyphs.get(..kept).unwrap_or_default().to_vec();
                line.push(ellipsis);
                fitter.line(&line, extent, steps, shrunk, true)
            }
            None => fitter.line(&[], (0, 0), steps, shrunk, true),
        }
    }

    /// Shapes `text`, stopping early (with `complete` false) once the extent is wider than `stop_after`
    /// font units.
    fn run(&self, text: &str, stop_after: Option<i64>) -> Run {
        // One glyph per character at most: sized once rather than grown glyph by glyph.
        let mut run = Run {
            glyphs: Vec::with_capacity(text.len().min(1024)),
            ..Run::default()
        };
        let mut previous: Option<GlyphId> = None;
        // `visible_chars` has classified every character already: look each up directly.
        for ch in chars::visible_chars(text) {
            let (glyph, replaced) = match self.lookup(ch) {
                CharGlyph::Found(glyph) => (glyph, false),
                CharGlyph::Replaced(glyph) => (glyph, true),
                CharGlyph::Dropped => continue,
            };
            if let Some(previous) = previous {
                run.pen += i64::from(self.kerning(previous, glyph));
            }
            let metrics = self.metrics_of(glyph);
            let x = run.pen;
            let ink = metrics
                .ink
                .map(|(left, right)| (x + i64::from(left), x + i64::from(right)));
            if let Some((left, right)) = ink {
                run.ink = Some(match run.ink {
                    None => (left, right),
                    Some((min, max)) => (min.min(left), max.max(right)),
                });
            }
            let advance = i64::from(metrics.advance);
            run.glyphs.push(RunGlyph {
                glyph,
                ch,
                replaced,
                x,
                advance,
                ink,
            });
            run.pen += advance;
            previous = Some(glyph);
            if let Some(limit) = stop_after {
                let (left, right) = run.extent();
                if right - left > limit {
                    return run;
                }
            }
        }
        run.complete = true;
        run
    }
}

/// The box a line is fitted into and the arithmetic of sizes in steps of 1/100 mm.
struct Fitter {
    max_width: f64,
    /// Font units per em times steps per mm: a width of `u` font units at `s` steps is
    /// `u * s / units_per_mm_step` mm.
    units_per_mm_step: f64,
}

impl Fitter {
    fn mm(&self, units: i64, steps: i64) -> f64 {
        // Exact in f64 while the product is below 2^53 (text is at most a few thousand glyphs of
        // ~2000 units, sizes at most 10^5 steps); an overflow-checked i64 multiply is a 128-bit
        // libcall in wasm32, once per glyph.
        (units as f64 * steps as f64) / self.units_per_mm_step
    }

    /// Whether a line `units` wide fits the box at `steps`; exact, the test every result passes.
    fn fits(&self, units: i64, steps: i64) -> bool {
        self.mm(units, steps) <= self.max_width
    }

    /// A bound just above the widest line, in font units, that fits at `steps` (for stopping early).
    fn units_limit(&self, steps: i64) -> i64 {
        let limit = (self.max_width * self.units_per_mm_step / steps.max(1) as f64).floor();
        // `as` saturates: an unlimited width gives i64::MAX.
        (limit as i64).saturating_add(1)
    }

    /// The largest size in `min..=max` steps at which a line `units` wide fits (fitting only gets
    /// easier as the size goes down, so a binary search finds it).
    fn largest_fitting(&self, units: i64, min: i64, max: i64) -> Option<i64> {
        if !self.fits(units, min) {
            return None;
        }
        let (mut fitting, mut too_big) = (min, max + 1);
        while too_big - fitting > 1 {
            let middle = fitting + (too_big - fitting) / 2;
            if self.fits(units, middle) {
                fitting = middle;
            } else {
                too_big = middle;
            }
        }
        Some(fitting)
    }

    /// The fitted line of `glyphs` with extent `(left, right)` at `steps`.
    fn line(
        &self,
        glyphs: &[RunGlyph],
        (left, right): (i64, i64),
        steps: i64,
        shrunk: bool,
        ellipsized: bool,
    ) -> FittedLine {
        FittedLine {
            glyphs: glyphs
                .iter()
                .map(|g| PlacedGlyph {
                    glyph: g.glyph,
                    units: g.x - left,
                })
                .collect(),
            size: Mm(steps as f64 / STEPS_PER_MM),
            width: Mm(self.mm(right - left, steps)),
            shrunk,
            ellipsized,
            replaced: replaced_chars(glyphs),
        }
    }
}

/// An em size in steps of 1/100 mm, clamped to 0..=[`MAX_FIT_SIZE_MM`] (NaN counts as 0), nudged by a
/// millionth of a step towards the nearest whole step, so that 2.9 mm is 290 steps for `floor` and `ceil`
/// alike although 2.9 × 100 is 289.99999999999997 in floating point.
fn size_steps(size_mm: f64) -> f64 {
    let size = if size_mm > 0.0 {
        size_mm.min(MAX_FIT_SIZE_MM)
    } else {
        0.0
    };
    let steps = size * STEPS_PER_MM;
    let nearest = crate::units::round_half_away(steps);
    if (steps - nearest).abs() < 1e-6 {
        nearest
    } else {
        steps
    }
}

/// The replaced characters among `glyphs`, each once, in order of appearance. Usually there are none:
/// the common case allocates nothing; otherwise each is keyed by (character, position) and sorted
/// (a heap sort: `BinaryHeap` compiles to far less code than `slice::sort` in this speed-built crate),
/// which finds each one's first appearance, so hostile text of many distinct unknown characters stays
/// `n log n`.
fn replaced_chars(glyphs: &[RunGlyph]) -> Vec<char> {
    let keyed = |high: u64, low: u64| (high << 32) | low;
    let mut seen: Vec<u64> = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| g.replaced)
        .map(|(i, g)| keyed(u64::from(g.ch), i as u64))
        .collect();
    if seen.len() > 1 {
        seen = BinaryHeap::from(seen).into_sorted_vec();
        seen.dedup_by_key(|key| *key >> 32);
    }
    let mut by_position: Vec<u64> = seen
        .iter()
        .map(|key| keyed(key & 0xffff_ffff, key >> 32))
        .collect();
    if by_position.len() > 1 {
        by_position = BinaryHeap::from(by_position).into_sorted_vec();
    }
    by_position
        .into_iter()
        .filter_map(|key| char::from_u32((key & 0xffff_ffff) as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::test_support::{font, found as glyph};
    use super::super::GlyphId;
    use super::*;

    fn ids(line: &ShapedLine) -> Vec<u16> {
        line.glyphs.iter().map(|g| g.glyph.get()).collect()
    }

    /// Asserts what every fitted line promises.
    fn check_fitted(line: &FittedLine, max_width: f64, max_size: f64, min_size: f64) {
        let font = font();
        assert!(
            line.width.0 <= max_width,
            "{} wider than {max_width}",
            line.width.0
        );
        let steps = line.size.0 * 100.0;
        assert!(
            (steps - steps.round()).abs() < 1e-9,
            "size {} on the 0.01 grid",
            line.size.0
        );
        if max_size >= 0.01 {
            assert!(line.size.0 <= max_size + 1e-9 && line.size.0 >= min_size.min(max_size) - 0.01);
        }
        let scale = line.size.0 / f64::from(font.units_per_em());
        for placed in &line.glyphs {
            let x = line.x(placed).0;
            assert!(x >= 0.0);
            let advance_end = x + f64::from(font.advance(placed.glyph)) * scale;
            assert!(
                advance_end <= line.width.0 + 1e-9,
                "advance inside the line"
            );
            if let Some((left, right)) = font.metrics_of(placed.glyph).ink {
                assert!(x + f64::from(left) * scale >= -1e-9, "ink left of the line");
                assert!(
                    x + f64::from(right) * scale <= line.width.0 + 1e-9,
                    "ink right of the line"
                );
            }
        }
        let ellipsis = font.ellipsis_glyph();
        if line.ellipsized {
            if let Some(last) = line.glyphs.last() {
                assert_eq!(last.glyph, ellipsis, "an ellipsized line ends in '…'");
            }
            if line.glyphs.len() >= 2 {
                let before = line.glyphs[line.glyphs.len() - 2].glyph;
                assert_ne!(before, glyph(' '), "no space before '…'");
            }
        }
    }

    #[test]
    fn glyphs_are_placed_by_advance_and_kerning() {
        let font = font();
        let line = font.shape("HH");
        let h = glyph('H');
        assert_eq!(ids(&line), [h.get(), h.get()]);
        assert_eq!(line.glyphs[1].x, i64::from(font.advance(h)));
        assert_eq!(line.advance, 2 * i64::from(font.advance(h)));
        assert_eq!(
            (line.left, line.right),
            (0, line.advance),
            "H's ink is inside its advance"
        );

        let line = font.shape("AV");
        assert_eq!(line.glyphs[1].x, i64::from(font.advance(glyph('A'))) - 139);
        assert_eq!(
            line.advance,
            i64::from(font.advance(glyph('A'))) - 139 + i64::from(font.advance(glyph('V')))
        );
    }

    #[test]
    fn the_extent_covers_ink_outside_the_advances() {
        let font = font();
        let line = font.shape("Jf");
        let (j, f) = (font.metrics_of(glyph('J')), font.metrics_of(glyph('f')));
        assert_eq!(
            line.left,
            i64::from(j.ink.unwrap().0),
            "'J' hangs left of the start"
        );
        assert!(line.left < 0);
        let f_right = line.glyphs[1].x + i64::from(f.ink.unwrap().1);
        assert_eq!(line.right, f_right, "'f' hangs past the advance");
        assert!(line.right > line.advance);
        assert_eq!(line.width(), line.right - line.left);
    }

    #[test]
    fn kerning_never_moves_the_pen_backwards() {
        // `fit` stops shaping once a line is too wide; that is exact because every advance plus kerning
        // is non-negative, so a line only grows to the right.
        let font = font();
        for left in 0..font.glyph_count() {
            let advance = i64::from(font.advance(GlyphId(left)));
            for right in 0..font.glyph_count() {
                let kern = i64::from(font.kerning(GlyphId(left), GlyphId(right)));
                assert!(advance + kern >= 0, "glyphs {left}, {right}");
            }
        }
    }

    #[test]
    fn shaping_drops_controls_and_bidi_marks() {
        let font = font();
        let clean = font.shape("Заказ 12345");
        let dirty =
            font.shape("\u{202E}За\u{0}ка\u{200F}з\u{1B} \u{2066}12\u{AD}345\u{2069}\u{FEFF}");
        assert_eq!(dirty, clean);
        assert!(dirty.replaced.is_empty());
    }

    #[test]
    fn markup_is_shaped_like_any_text() {
        let font = font();
        let text = "</text><script>alert(1)</script>";
        let line = font.shape(text);
        assert_eq!(line.glyphs.len(), text.chars().count());
        assert!(line.replaced.is_empty());
        assert_eq!(line.glyphs[0].glyph, glyph('<'));
    }

    #[test]
    fn missing_characters_are_reported_once_in_order() {
        let font = font();
        let line = font.shape("a字b😀c字");
        assert_eq!(line.glyphs.len(), 6);
        assert_eq!(line.replaced, ['字', '😀']);
        assert_eq!(line.glyphs[1].glyph, font.replacement_glyph());
        // Order of appearance, not of code point.
        assert_eq!(font.shape("😀x字😀字").replaced, ['😀', '字']);
        // Many distinct unknown characters (hostile text) each come back once, in order.
        let many: String = ('\u{4E00}'..'\u{9FA5}')
            .rev()
            .chain('\u{4E00}'..'\u{4E10}')
            .collect();
        let replaced = font.shape(&many).replaced;
        assert_eq!(replaced.len(), 0x9FA5 - 0x4E00);
        assert!(replaced
            .iter()
            .eq(('\u{4E00}'..'\u{9FA5}').rev().collect::<Vec<_>>().iter()));
    }

    #[test]
    fn decomposed_letters_shape_as_precomposed() {
        let font = font();
        assert_eq!(font.shape("Бои\u{306}ко Е\u{308}"), font.shape("Бойко Ё"));
    }

    #[test]
    fn empty_and_invisible_text_shape_to_nothing() {
        let font = font();
        for text in ["", "\u{200B}\u{202E}\u{0}"] {
            let line = font.shape(text);
            assert!(line.glyphs.is_empty());
            assert_eq!((line.advance, line.width()), (0, 0));
        }
    }

    #[test]
    fn short_text_keeps_the_largest_size() {
        let font = font();
        let line = font.fit("Ozon FBS", Mm(50.0), Mm(4.0), Mm(2.0));
        assert_eq!(line.size, Mm(4.0));
        assert!(!line.shrunk && !line.ellipsized);
        assert_eq!(line.glyphs.len(), 8);
        let shaped = font.shape("Ozon FBS");
        let expected = shaped.width() as f64 * 4.0 / 2048.0;
        assert!((line.width.0 - expected).abs() < 1e-9);
        check_fitted(&line, 50.0, 4.0, 2.0);
    }

    #[test]
    fn text_too_wide_at_the_largest_size_shrinks() {
        let font = font();
        let text = "Получатель: Иванов Иван Иванович";
        let width_at_4 = font.shape(text).width() as f64 * 4.0 / 2048.0;
        let line = font.fit(text, Mm(width_at_4 * 0.75), Mm(4.0), Mm(2.0));
        assert_eq!(line.size, Mm(3.0), "width is proportional to size");
        assert!(line.shrunk && !line.ellipsized);
        assert_eq!(line.glyphs.len(), text.chars().count());
        check_fitted(&line, width_at_4 * 0.75, 4.0, 2.0);

        let line = font.fit(text, Mm(width_at_4 * 0.75 - 0.001), Mm(4.0), Mm(2.0));
        assert_eq!(line.size, Mm(2.99), "a hair narrower, one step smaller");
    }

    #[test]
    fn ten_thousand_characters_are_ellipsized_within_the_width() {
        let font = font();
        let name: String = "Очень длинное название товара «Ёлка» №5 "
            .chars()
            .cycle()
            .take(10_000)
            .collect();
        let line = font.fit(&name, Mm(70.0), Mm(4.0), Mm(2.5));
        assert!(line.ellipsized && line.shrunk);
        assert_eq!(line.size, Mm(2.5));
        assert!(line.width.0 <= 70.0);
        assert!(
            line.width.0 > 70.0 - 2.5,
            "the cut uses the width: {}",
            line.width.0
        );
        assert_eq!(
            line.glyphs.last().map(|g| g.glyph),
            Some(font.ellipsis_glyph())
        );
        assert!(line.glyphs.len() < 100);
        check_fitted(&line, 70.0, 4.0, 2.5);

        let prefix: String = name.chars().take(400).collect();
        assert_eq!(
            font.fit(&prefix, Mm(70.0), Mm(4.0), Mm(2.5)),
            line,
            "only the start matters"
        );
    }

    #[test]
    fn no_space_is_left_before_the_ellipsis() {
        let font = font();
        let mut ends_after_word = 0;
        for quarter_mm in 20..160 {
            let width = f64::from(quarter_mm) / 4.0;
            let line = font.fit(
                "Иванов Иван Иванович, Москва, ул. Льва Толстого, 16",
                Mm(width),
                Mm(3.0),
                Mm(3.0),
            );
            check_fitted(&line, width, 3.0, 3.0);
            if line.ellipsized && line.glyphs.len() >= 2 {
                ends_after_word += 1;
            }
        }
        assert!(ends_after_word > 100);
    }

    #[test]
    fn nothing_is_drawn_when_not_even_the_ellipsis_fits() {
        let font = font();
        let line = font.fit("Hello", Mm(0.5), Mm(3.0), Mm(3.0));
        assert!(line.glyphs.is_empty() && line.ellipsized);
        assert_eq!(line.width, Mm(0.0));
        for width in [0.0, -5.0, f64::NAN] {
            let line = font.fit("Hello", Mm(width), Mm(3.0), Mm(2.0));
            assert!(line.glyphs.is_empty() && line.ellipsized, "{width}");
        }
    }

    #[test]
    fn degenerate_sizes_are_clamped() {
        let font = font();
        let line = font.fit("x", Mm(50.0), Mm(2.0), Mm(4.0));
        assert_eq!(line.size, Mm(2.0), "min above max is lowered to max");
        let line = font.fit("x", Mm(50.0), Mm(0.0), Mm(0.0));
        assert!(line.glyphs.is_empty() && line.ellipsized && line.size == Mm(0.0));
        let line = font.fit("x", Mm(f64::INFINITY), Mm(f64::INFINITY), Mm(1.0));
        assert_eq!(line.size, Mm(MAX_FIT_SIZE_MM));
        assert!(!line.ellipsized);
        let line = font.fit("", Mm(10.0), Mm(3.0), Mm(2.0));
        assert!(line.glyphs.is_empty() && !line.ellipsized && !line.shrunk);
        assert_eq!(font.fit("x", Mm(50.0), Mm(2.9), Mm(1.0)).size, Mm(2.9));
    }

    #[test]
    fn replaced_characters_are_reported_only_if_drawn() {
        let font = font();
        let line = font.fit("字 abc", Mm(100.0), Mm(3.0), Mm(3.0));
        assert_eq!(line.replaced, ['字']);
        let long: String = format!("{}字", "abc ".repeat(100));
        let line = font.fit(&long, Mm(20.0), Mm(3.0), Mm(3.0));
        assert!(
            line.ellipsized && line.replaced.is_empty(),
            "the cut-off 字 is not on the label"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn fitted_lines_keep_their_promises(
            text in "[a-zA-Zа-яА-ЯёЁ0-9 .,«»№\\-—…\u{0}-\u{1F}\u{202E}\u{200B}字😀]{0,120}",
            max_width in 0.0f64..90.0,
            max_size in 0.0f64..8.0,
            min_size in 0.0f64..8.0,
        ) {
            let font = font();
            let line = font.fit(&text, Mm(max_width), Mm(max_size), Mm(min_size));
            check_fitted(&line, max_width, max_size, min_size);
            prop_assert_eq!(&line, &font.fit(&text, Mm(max_width), Mm(max_size), Mm(min_size)));
            if !line.ellipsized {
                prop_assert_eq!(line.glyphs.len(), font.shape(&text).glyphs.len());
            }
        }
    }
}
