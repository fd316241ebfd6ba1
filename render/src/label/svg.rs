//! Writes a [`Scene`] as SVG at its physical size.
//!
//! Written directly rather than through the `svg` crate's document tree: the output must be
//! byte-identical on every runtime with a fixed number precision, and a label is a few hundred
//! elements written in one pass; building a node tree with string attribute maps for that measured
//! slower and gave no control over number formatting. The only text taken from the order (the title)
//! is escaped here; every visible character is a glyph outline, never markup.

use std::sync::OnceLock;

use super::layout::Scene;
use crate::font::{GlyphId, LabelFont};
use crate::units::round_half_away;

/// Writes `v` with at most 3 decimals and no trailing zeros ("12.5", "0.125", "-3"). Hand-rolled
/// because a label writes ~700 numbers and `format!` per number dominated the render time.
pub(crate) fn num(out: &mut String, v: f64) {
    thousandths(out, to_thousandths(v));
}

/// `v` in whole thousandths.
fn to_thousandths(v: f64) -> i64 {
    whole(v * 1000.0)
}

/// `v` rounded half away from zero to a whole number (0 for a value that is not finite).
fn whole(v: f64) -> i64 {
    let rounded = round_half_away(v);
    if rounded.is_finite() {
        rounded as i64
    } else {
        0
    }
}

/// Writes `n` thousandths as a decimal with at most 3 decimals and no trailing zeros.
fn thousandths(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let a = n.unsigned_abs();
    int(out, a / 1000);
    let frac = (a % 1000) as usize;
    if frac != 0 {
        // ".5", ".25", ".125": the three digits without their trailing zeros.
        let digits = [
            b'.',
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let len = if frac % 100 == 0 {
            2
        } else if frac % 10 == 0 {
            3
        } else {
            4
        };
        if let Some(Ok(text)) = digits.get(..len).map(std::str::from_utf8) {
            out.push_str(text);
        }
    }
}

/// Writes an unsigned integer in decimal.
fn int(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Appends `text` escaped for XML character data and attribute values; characters XML 1.0 forbids
/// (most C0 controls, U+FFFE, U+FFFF) are dropped.
pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// What the SVG writes for each glyph, made once: the same few hundred glyphs recur on every label.
struct GlyphText {
    /// `<path id="gN" d="…"/>`, or empty for a glyph without outline (nothing is drawn).
    def: String,
    /// `"/><use href="#gN" x="`: closes the previous `<use>` (skip the first 3 bytes for the first one
    /// of a run) and opens this one, so each placed glyph costs two appends and one number.
    use_prefix: String,
}

fn glyph_texts(font: &LabelFont) -> &'static [GlyphText] {
    static TEXTS: OnceLock<Vec<GlyphText>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        (0..font.glyph_count())
            .map(|g| {
                let d = font.svg_path(GlyphId::from_raw(g));
                if d.is_empty() {
                    return GlyphText {
                        def: String::new(),
                        use_prefix: String::new(),
                    };
                }
                GlyphText {
                    def: format!("<path id=\"g{g}\" d=\"{d}\"/>"),
                    use_prefix: format!("\"/><use href=\"#g{g}\" x=\""),
                }
            })
            .collect()
    })
}

/// The bar path's numbers, each written once per label: a barcode's bars repeat a handful of widths
/// and one height (measured: without the cache `renderLabel` took 20.0 µs instead of 18.8 in Node). Positions are rounded to thousandths of a mm as absolute values and the path moves
/// by their differences, so a viewer adding the moves up lands exactly on the rounded grid (rounding
/// each move instead lets the error grow along a barcode at 300 dpi).
struct DotText {
    /// Thousandths of a mm per dot.
    thousandths_per_dot: f64,
    /// The texts of the values written so far, end to end.
    arena: String,
    /// Each value in thousandths and where its text lies in `arena`.
    written: Vec<(i64, u32, u32)>,
    /// The bar body by (w, h, level) in thousandths: a few entries, searched linearly.
    bodies: Vec<((i64, i64, bool), String)>,
}

impl DotText {
    fn new(dots_per_mm: f64) -> DotText {
        DotText {
            thousandths_per_dot: 1000.0 / dots_per_mm,
            arena: String::with_capacity(256),
            written: Vec::with_capacity(32),
            bodies: Vec::new(),
        }
    }

    /// A position in dots, in thousandths of a mm.
    fn at(&self, dots: u32) -> i64 {
        whole(f64::from(dots) * self.thousandths_per_dot)
    }

    /// Appends `n` thousandths.
    fn push(&mut self, out: &mut String, n: i64) {
        let span = match self.written.iter().find(|(value, ..)| *value == n) {
            Some(&(_, start, end)) => (start, end),
            None => {
                let start = self.arena.len();
                thousandths(&mut self.arena, n);
                let span = (start as u32, self.arena.len() as u32);
                self.written.push((n, span.0, span.1));
                span
            }
        };
        out.push_str(
            self.arena
                .get(span.0 as usize..span.1 as usize)
                .unwrap_or_default(),
        );
    }

    /// Appends the rest of a bar after its `x`: ` 0` when it starts level with the previous bar (every
    /// bar of a barcode does), then `h{w}v{h}h-{w}z`, then the next bar's `m` (the last one is removed).
    fn push_body(&mut self, out: &mut String, level: bool, w: i64, h: i64) {
        let key = (w, h, level);
        if let Some((_, body)) = self.bodies.iter().find(|(k, _)| *k == key) {
            out.push_str(body);
            return;
        }
        // Room for ` 0h`, three numbers and the letters: one allocation, no growing.
        let mut body = String::with_capacity(48);
        body.push_str(if level { " 0h" } else { "h" });
        self.push(&mut body, w);
        body.push('v');
        self.push(&mut body, h);
        body.push('h');
        self.push(&mut body, -w);
        body.push_str("zm");
        out.push_str(&body);
        self.bodies.push((key, body));
    }
}

/// The SVG document for a scene. `title` names the label for screen readers and file browsers.
pub fn write_svg(scene: &Scene, font: &LabelFont, title: &str) -> String {
    let mut out = String::with_capacity(24 * 1024);
    let (w, h) = (scene.width_mm, scene.height_mm);
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    num(&mut out, w);
    out.push_str("mm\" height=\"");
    num(&mut out, h);
    out.push_str("mm\" viewBox=\"0 0 ");
    num(&mut out, w);
    out.push(' ');
    num(&mut out, h);
    out.push_str("\"><title>");
    escape(&mut out, title);
    out.push_str("</title><rect width=\"");
    num(&mut out, w);
    out.push_str("\" height=\"");
    num(&mut out, h);
    out.push_str("\" fill=\"#fff\"/>");

    // Glyphs used, defined once each, in order of first use.
    let texts = glyph_texts(font);
    let mut used = vec![false; texts.len()];
    out.push_str("<defs>");
    for run in &scene.runs {
        for (glyph, _) in &run.glyphs {
            let id = usize::from(glyph.get());
            if let (Some(seen @ false), Some(text)) = (used.get_mut(id), texts.get(id)) {
                *seen = true;
                out.push_str(&text.def);
            }
        }
    }
    out.push_str("</defs>");

    // All bars and rules as one path, every edge on the printer's dot grid. Each rectangle is a
    // subpath moved relative to the previous one's start (where `z` leaves the pen), so a barcode's
    // bars are a few repeated strings.
    if !scene.rects.is_empty() {
        out.push_str("<path shape-rendering=\"crispEdges\" d=\"");
        let mut dots = DotText::new(scene.dots_per_mm);
        let mut pen = (0_i64, 0_i64);
        out.push('m');
        for r in &scene.rects {
            let (x, y) = (dots.at(r.x), dots.at(r.y));
            let right = dots.at(r.x.saturating_add(r.w));
            let bottom = dots.at(r.y.saturating_add(r.h));
            dots.push(&mut out, x - pen.0);
            let level = y == pen.1;
            if !level {
                out.push(' ');
                dots.push(&mut out, y - pen.1);
            }
            dots.push_body(&mut out, level, right - x, bottom - y);
            pen = (x, y);
        }
        // The last body opened a subpath that never comes.
        out.pop();
        out.push_str("\"/>");
    }

    for run in &scene.runs {
        out.push_str("<g transform=\"translate(");
        num(&mut out, run.x_mm);
        out.push(' ');
        num(&mut out, run.baseline_mm);
        out.push_str(") scale(");
        out.push_str(&run.scale_text);
        out.push_str(")\">");
        let mut first = true;
        for (glyph, x) in &run.glyphs {
            let Some(prefix) = texts
                .get(usize::from(glyph.get()))
                .map(|text| text.use_prefix.as_str())
                .filter(|prefix| !prefix.is_empty())
            else {
                continue;
            };
            // `"/>` closes the previous `<use>`; the first one has none to close.
            out.push_str(if first {
                prefix.get(3..).unwrap_or(prefix)
            } else {
                prefix
            });
            first = false;
            out.push_str(itoa::Buffer::new().format(*x));
        }
        if !first {
            out.push_str("\"/>");
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}
