//! Print jobs from orders: each order's label scene → 1-bit bitmap at the printer's dpi → one job in
//! the printer's language, labels in order, one label per posting.

use super::raster::{rasterize_scene, RasterError};
use super::{Bitmap, JobOptions, PrintError};
use crate::error::FbsError;
use crate::font::label_font;
use crate::json::{from_json, is_object, Members};
use crate::label::{label_scene, LabelOptions};
use crate::order::Order;
use crate::units::Mm;

/// Most labels in one job: a morning's batch is hundreds; a job of more is almost surely a mistake,
/// and its bytes would not fit a printer's buffer anyway.
pub const MAX_BATCH: usize = 10_000;

/// What a print request asks for: the printer job's settings and the label's design.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintRequest {
    /// Printer language, dpi, media size (the label size, turned by the rotation), gap, darkness, …
    pub job: JobOptions,
    /// Label size, dpi, cluster letter, box numbering.
    pub label: LabelOptions,
}

/// Reads print options as JS gives them: the job fields of [`JobOptions`] (`language`, `dpi`, `gapMm`,
/// `density`, `speed`, `copies`, `rotation`, `xOffset`, `zplGraphic`) plus the label's `size`
/// (`"75x120"`, `"58x40"` or `{ widthMm, heightMm }`), `cluster`, `boxIndex`, `boxCount`,
/// `utcOffsetMinutes`.
pub fn print_request(options: &str) -> Result<PrintRequest, FbsError> {
    let invalid = |field: &str, reason: String| PrintError::InvalidOptions {
        field: field.into(),
        reason,
    };
    // Sorted by key, so the first bad field reported does not depend on the caller's key order.
    let mut fields: Members = if options.trim() == "null" {
        Members::default()
    } else if is_object(options) {
        crate::json::from_json(options).map_err(|e| invalid(".", e.to_string()))?
    } else {
        return Err(invalid(".", "options must be an object".into()).into());
    };
    for media in ["widthMm", "heightMm"] {
        if fields.get(media).is_some() {
            return Err(invalid(
                media,
                "give the label size as `size` (\"75x120\", \"58x40\" or { widthMm, heightMm })"
                    .into(),
            )
            .into());
        }
    }
    let mut label = Members::default();
    for key in [
        "size",
        "cluster",
        "boxIndex",
        "boxCount",
        "utcOffsetMinutes",
    ] {
        if let Some(v) = fields.remove(key) {
            label.insert(key, v);
        }
    }
    if let Some(dpi) = fields.get("dpi") {
        label.insert("dpi", dpi);
    }
    let label: LabelOptions =
        from_json(&label.object_text()).map_err(|e| invalid(&e.path, e.reason))?;
    let mut job = JobOptions::from_json(&fields.object_text())?;
    let (w, h) = label.size.mm();
    let (media_w, media_h) = if job.rotation.swaps_sides() {
        (h, w)
    } else {
        (w, h)
    };
    job.width_mm = Mm(media_w);
    job.height_mm = Mm(media_h);
    Ok(PrintRequest { job, label })
}

/// An order's label as a 1-bit bitmap at the label's dpi (upright, before any job rotation).
pub fn rasterize(order: &Order, label: &LabelOptions) -> Result<Bitmap, FbsError> {
    let scene = label_scene(order, label)?;
    rasterize_scene(&scene, label_font()).map_err(raster_error)
}

fn raster_error(e: RasterError) -> FbsError {
    match e {
        RasterError::Bitmap(p) => p.into(),
        RasterError::Font(f) => crate::label::LabelError::from(f).into(),
    }
}

/// One job printing every order's label, in order. A bad order fails the whole job, naming its index:
/// no partial job is ever returned.
pub fn print_job(orders: &[Order], request: &PrintRequest) -> Result<Vec<u8>, FbsError> {
    if orders.is_empty() {
        return Err(PrintError::NoLabels.into());
    }
    if orders.len() > MAX_BATCH {
        return Err(PrintError::InvalidOptions {
            field: "orders".into(),
            reason: format!("{} orders in one job; at most {MAX_BATCH}", orders.len()),
        }
        .into());
    }
    // Each label is drawn just before it is written and dropped after: one bitmap at a time, not the
    // whole batch's (a thousand 203-dpi labels are 72 MB of raster besides the job itself).
    super::write_job(orders.len(), &request.job, |index| {
        let order = orders.get(index).ok_or(PrintError::NoLabels)?;
        rasterize(order, &request.label).map_err(|error| FbsError::Batch {
            index,
            error: Box::new(error),
        })
    })
}

#[cfg(test)]
mod tests;
