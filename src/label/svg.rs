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

/// Writes `v` with at most 3 decimals and no trailing zeros ("12.5", "0.125", "-3"). Hand-rolled
/// because a label writes ~700 numbers and `format!` per number dominated the render time.
pub(crate) fn num(out: &mut String, v: f64) {
    let thousandths = (v * 1000.0).round();
    let n = if thousandths.is_finite() {
        thousandths as i64
    } else {
        0
    };
    if n < 0 {
        out.push('-');
    }
    let a = n.unsigned_abs();
    int(out, a / 1000);
    let mut frac = a % 1000;
    if frac != 0 {
        out.push('.');
        let mut div = 100;
        while frac != 0 {
            out.push(char::from(b'0' + (frac / div) as u8));
            frac %= div;
            div /= 10;
        }
    }
}

/// Writes an unsigned integer in decimal.
fn int(out: &mut String, v: u64) {
    let mut divisor = 1;
    while v / divisor >= 10 {
        divisor *= 10;
    }
    while divisor > 0 {
        out.push(char::from(b'0' + (v / divisor % 10) as u8));
        divisor /= 10;
    }
}

/// Writes a signed integer in decimal.
fn signed(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    int(out, v.unsigned_abs());
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

/// Each glyph's path data, made once: the same few hundred glyphs recur on every label.
fn glyph_paths(font: &LabelFont) -> &'static [String] {
    static PATHS: OnceLock<Vec<String>> = OnceLock::new();
    PATHS.get_or_init(|| {
        (0..font.glyph_count())
            .map(|g| font.svg_path(GlyphId::from_raw(g)))
            .collect()
    })
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
    let paths = glyph_paths(font);
    let mut used = vec![false; paths.len()];
    out.push_str("<defs>");
    for run in &scene.runs {
        for (glyph, _) in &run.glyphs {
            let id = usize::from(glyph.get());
            if let (Some(seen @ false), Some(d)) = (used.get_mut(id), paths.get(id)) {
                *seen = true;
                if !d.is_empty() {
                    out.push_str("<path id=\"g");
                    int(&mut out, id as u64);
                    out.push_str("\" d=\"");
                    out.push_str(d);
                    out.push_str("\"/>");
                }
            }
        }
    }
    out.push_str("</defs>");

    // All bars and rules as one path, every edge on the printer's dot grid.
    if !scene.rects.is_empty() {
        out.push_str("<path shape-rendering=\"crispEdges\" d=\"");
        let k = scene.dots_per_mm;
        for r in &scene.rects {
            out.push('M');
            num(&mut out, f64::from(r.x) / k);
            out.push(' ');
            num(&mut out, f64::from(r.y) / k);
            out.push('h');
            num(&mut out, f64::from(r.w) / k);
            out.push('v');
            num(&mut out, f64::from(r.h) / k);
            out.push('h');
            num(&mut out, -f64::from(r.w) / k);
            out.push('z');
        }
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
        for (glyph, x) in &run.glyphs {
            let id = usize::from(glyph.get());
            if paths.get(id).is_some_and(|d| !d.is_empty()) {
                out.push_str("<use href=\"#g");
                int(&mut out, id as u64);
                out.push_str("\" x=\"");
                signed(&mut out, *x);
                out.push_str("\"/>");
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}
