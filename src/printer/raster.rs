//! Rasterizes a label [`Scene`] into a 1-bit [`Bitmap`] at the printer's resolution: bars are whole-dot
//! rectangles filled exactly (no anti-aliasing), glyphs are filled from the same outlines the SVG uses
//! and thresholded at half coverage, at exactly the positions the SVG states.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{Bitmap, PrintError};
use crate::font::{FontError, GlyphMask, LabelFont};
use crate::label::Scene;

/// Why a scene could not be rasterized.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RasterError {
    /// The bitmap could not be made (size limits).
    #[error(transparent)]
    Bitmap(#[from] PrintError),
    /// A glyph could not be filled.
    #[error(transparent)]
    Font(#[from] FontError),
}

/// The scene drawn at its own dot grid (`scene.dots_per_mm`).
pub fn rasterize_scene(scene: &Scene, font: &LabelFont) -> Result<Bitmap, RasterError> {
    let k = scene.dots_per_mm;
    let width = (scene.width_mm * k).round() as u32;
    let height = (scene.height_mm * k).round() as u32;
    let mut bitmap = Bitmap::new(width, height)?;
    for r in &scene.rects {
        bitmap.fill_rect(r.x, r.y, r.w, r.h);
    }
    for run in &scene.runs {
        let baseline = run.baseline_mm * k;
        let dots_per_unit = run.scale * k;
        for &(glyph, x_units) in &run.glyphs {
            let origin = (run.x_mm + x_units as f64 * run.scale) * k;
            let mask = cached_mask(font, glyph, origin, baseline, dots_per_unit)?;
            blit(&mut bitmap, &mask);
        }
    }
    Ok(bitmap)
}

/// Glyph masks already filled, by glyph and exact placement. A batch of labels repeats most of its
/// words at the same places ("Отгрузка", the carrier, the warehouse), and filling outlines is most of
/// the raster's cost. Same inputs, same mask: the cache changes speed, never output.
type MaskKey = (u16, u64, u64, u64);

thread_local! {
    static MASKS: RefCell<HashMap<MaskKey, Rc<GlyphMask>>> = RefCell::new(HashMap::new());
}

/// At most this many masks are kept; the cache starts over when full.
const MASK_CACHE_LIMIT: usize = 4096;

fn cached_mask(
    font: &LabelFont,
    glyph: crate::font::GlyphId,
    origin: f64,
    baseline: f64,
    dots_per_unit: f64,
) -> Result<Rc<GlyphMask>, FontError> {
    let key = (
        glyph.get(),
        origin.to_bits(),
        baseline.to_bits(),
        dots_per_unit.to_bits(),
    );
    if let Some(mask) = MASKS.with(|m| m.borrow().get(&key).cloned()) {
        return Ok(mask);
    }
    let mask = Rc::new(font.glyph_mask(glyph, origin, baseline, dots_per_unit)?);
    MASKS.with(|m| {
        let mut masks = m.borrow_mut();
        if masks.len() >= MASK_CACHE_LIMIT {
            masks.clear();
        }
        masks.insert(key, Rc::clone(&mask));
    });
    Ok(mask)
}

/// ORs a glyph mask into the bitmap, clipped to it.
fn blit(bitmap: &mut Bitmap, mask: &GlyphMask) {
    bitmap.or_packed(mask.left(), mask.top(), mask.stride(), mask.bits());
}
