//! Thermal printer jobs: 1-bit bitmaps and the TSPL, ZPL, EPL and ESC/POS encoders that wrap them, plus
//! decoders that read those jobs back into bitmaps (for tests and for checking what a printer will get).
//!
//! The label is rasterized elsewhere to a [`Bitmap`] at the printer's resolution; every language here only
//! wraps that raster in its bitmap command, so output is identical on every printer that speaks the language.
//! [`write_job`] drives an encoder label by label ([`print_job`] draws each label just before it is
//! written, so one bitmap is held at a time); a job is returned only whole, never part of one.

use crate::number::Fixed;
use std::borrow::Borrow;

mod bitmap;
pub mod decode;
mod epl;
mod error;
mod escpos;
mod job;
mod options;
mod raster;
mod tspl;
mod zpl;

pub use bitmap::{Bitmap, Rotation};
pub use epl::Epl;
pub use error::PrintError;
pub use escpos::EscPos;
pub use job::{print_job, print_request, rasterize, PrintRequest, MAX_BATCH};
pub use options::{JobOptions, LabelGeometry, Language, ZplGraphic};
pub use raster::{rasterize_scene, RasterError};
pub use tspl::Tspl;
pub use zpl::Zpl;

/// A printer language's job writer: the job's opening commands, then each label in turn, so a job can
/// be written while its labels are drawn ([`write_job`]), holding one bitmap at a time.
pub trait Encoder {
    /// Checks the job's size ([`check_job_size`]) and what the language itself limits (e.g. the widest
    /// image), then appends the job's opening commands, reserving room for `labels` labels; on error it
    /// has written nothing. `geometry` is `options.validate()`'s.
    fn begin(
        &self,
        geometry: &LabelGeometry,
        options: &JobOptions,
        labels: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError>;

    /// Appends one label: `label` is already turned by `options.rotation`, and the label's size.
    fn label(
        &self,
        label: &Bitmap,
        geometry: &LabelGeometry,
        options: &JobOptions,
        out: &mut Vec<u8>,
    );
}

/// The encoder for a language.
pub fn encoder_for(language: Language) -> &'static dyn Encoder {
    match language {
        Language::Tspl => &Tspl,
        Language::Zpl => &Zpl,
        Language::Epl => &Epl,
        Language::Escpos => &EscPos,
    }
}

/// A whole print job in `options.language`: the labels, each turned by `options.rotation`, ready to send.
pub fn encode_job(labels: &[Bitmap], options: &JobOptions) -> Result<Vec<u8>, PrintError> {
    write_job(labels.len(), options, |index| {
        labels.get(index).ok_or(PrintError::NoLabels)
    })
}

/// A job of `count` labels in `options.language`, asking `label(index)` for each bitmap only when it is
/// written, so one bitmap is held at a time. The options, the job's size and every bitmap's size are
/// checked (the bitmap against the label's size in dots once turned); on any error no job is returned.
pub(crate) fn write_job<B: Borrow<Bitmap>, E: From<PrintError>>(
    count: usize,
    options: &JobOptions,
    mut label: impl FnMut(usize) -> Result<B, E>,
) -> Result<Vec<u8>, E> {
    let geometry = options.validate()?;
    if count == 0 {
        return Err(PrintError::NoLabels.into());
    }
    let encoder = encoder_for(options.language);
    let mut out = Vec::new();
    encoder.begin(&geometry, options, count, &mut out)?;
    for index in 0..count {
        let bitmap = label(index)?;
        let bitmap = bitmap.borrow();
        // The bitmap's sides once turned, against the label's in dots.
        let (actual_width, actual_height) = if geometry.rotation.swaps_sides() {
            (bitmap.height(), bitmap.width())
        } else {
            (bitmap.width(), bitmap.height())
        };
        if (actual_width, actual_height) != (geometry.width, geometry.height) {
            return Err(PrintError::LabelSizeMismatch {
                index,
                expected_width: geometry.width,
                expected_height: geometry.height,
                actual_width,
                actual_height,
            }
            .into());
        }
        encoder.label(
            &bitmap.rotated(options.rotation),
            &geometry,
            options,
            &mut out,
        );
    }
    Ok(out)
}

/// The raster bytes of one label as sent (rows padded to whole bytes).
fn label_raster_bytes(geometry: &LabelGeometry) -> usize {
    geometry.width.div_ceil(8) as usize * geometry.height as usize
}

/// The most raster bytes one job may carry: a job is built whole in memory and wasm32 has at most
/// 4 GB (a Worker far less). 256 MiB is about 3,600 standard 75 × 120 mm labels at 203 dpi.
pub const MAX_JOB_RASTER_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a job of `labels` labels, each sent `repeats` times, whose raster would exceed
/// [`MAX_JOB_RASTER_BYTES`]. Every encoder's `begin` calls it first, so it comes before any label is
/// drawn, and bounds the sizes the encoders reserve.
fn check_job_size(geometry: &LabelGeometry, labels: usize, repeats: u32) -> Result<(), PrintError> {
    let bytes = (label_raster_bytes(geometry) as u64)
        .saturating_mul(labels as u64)
        .saturating_mul(u64::from(repeats));
    if bytes > MAX_JOB_RASTER_BYTES {
        return Err(PrintError::JobTooLarge {
            bytes,
            max: MAX_JOB_RASTER_BYTES,
        });
    }
    Ok(())
}

/// The widest head of the ZPL and TSPL printer families: 8.5" industrial printers (216 mm). A label
/// plus offset wider than this is cut off by every printer of the language, with no error from it.
const WIDE_HEAD_MM: f64 = 216.0;

/// The label plus its offset in dots, refused when it is wider than a `head_mm` print head.
fn print_width(
    language: Language,
    geometry: &LabelGeometry,
    options: &JobOptions,
    head_mm: f64,
) -> Result<u32, PrintError> {
    let max = options.checked_dpi()?.to_dots(crate::units::Mm(head_mm)).0;
    let width = options.x_offset.saturating_add(geometry.width);
    if width > max {
        return Err(PrintError::LabelTooWide {
            language,
            width,
            max,
        });
    }
    Ok(width)
}

/// Appends every packed row of `bitmap`, inverted (for languages where 0 is black), byte by byte.
fn extend_inverted(out: &mut Vec<u8>, bitmap: &Bitmap) {
    out.extend(bitmap.data().iter().map(|byte| !byte));
}

/// Appends formatted text; writing to a `Vec` cannot fail, so there is no error to return.
fn push_fmt(out: &mut Vec<u8>, args: std::fmt::Arguments<'_>) {
    let _ = std::io::Write::write_fmt(out, args);
}

/// A millimetre length for a command: at most two decimals, no trailing zeros (`75`, `2.5`).
fn format_mm(mm: f64) -> String {
    Fixed(mm, 2).to_string()
}

#[cfg(test)]
mod tests;
