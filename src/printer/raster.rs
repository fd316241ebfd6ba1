//! Rasterizes a label [`Scene`] into a 1-bit [`Bitmap`] at the printer's resolution: bars are whole-dot
//! rectangles filled exactly (no anti-aliasing), glyphs are filled from the same outlines the SVG uses
//! and thresholded at half coverage, at exactly the positions the SVG states.

use super::{Bitmap, PrintError};
use crate::font::{FontError, LabelFont};
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
            let mask = font.glyph_mask(glyph, origin, baseline, dots_per_unit)?;
            blit(&mut bitmap, &mask);
        }
    }
    Ok(bitmap)
}

/// ORs a glyph mask into the bitmap, clipped to it.
fn blit(bitmap: &mut Bitmap, mask: &crate::font::GlyphMask) {
    bitmap.or_packed(mask.left(), mask.top(), mask.stride(), mask.bits());
}
