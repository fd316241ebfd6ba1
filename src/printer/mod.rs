//! Thermal printer jobs: 1-bit bitmaps and the TSPL, ZPL, EPL and ESC/POS encoders that wrap them, plus
//! decoders that read those jobs back into bitmaps (for tests and for checking what a printer will get).
//!
//! The label is rasterized elsewhere to a [`Bitmap`] at the printer's resolution; every language here only
//! wraps that raster in its bitmap command, so output is identical on every printer that speaks the language.
//! Each encoder checks the options and every bitmap before it writes a byte: on error, `out` is untouched.
//! [`print_job`] writes a job label by label as it draws them, holding one bitmap at a time.

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
/// be written while its labels are drawn, holding one bitmap at a time.
pub trait Encoder {
    /// Checks what the language itself limits (e.g. the widest image) and appends the job's opening
    /// commands, reserving room for `labels` labels; on error it has written nothing. `geometry` is
    /// `options.validate()`'s.
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

    /// Appends a job printing `labels` (each turned by `options.rotation`, then `options.copies` times) to `out`.
    ///
    /// Everything is validated first — the options, and that every bitmap, once rotated, has the label's size
    /// in dots and fits the language's limits — so on error nothing has been written to `out`.
    fn encode(
        &self,
        labels: &[Bitmap],
        options: &JobOptions,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError> {
        let geometry = validate_labels(labels, options)?;
        self.begin(&geometry, options, labels.len(), out)?;
        for label in labels {
            self.label(&label.rotated(options.rotation), &geometry, options, out);
        }
        Ok(())
    }
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
    let mut out = Vec::new();
    encoder_for(options.language).encode(labels, options, &mut out)?;
    Ok(out)
}

/// The checks every encoder shares: valid options, at least one label, and every label the label's size
/// after rotation. Returns the label geometry in dots.
fn validate_labels(labels: &[Bitmap], options: &JobOptions) -> Result<LabelGeometry, PrintError> {
    let geometry = options.validate()?;
    if labels.is_empty() {
        return Err(PrintError::NoLabels);
    }
    check_job_size(&geometry, labels.len(), options)?;
    for (index, label) in labels.iter().enumerate() {
        check_label_size(index, label, &geometry)?;
    }
    Ok(geometry)
}

/// That label `index`, once turned by the job's rotation, has the label's size in dots.
pub(crate) fn check_label_size(
    index: usize,
    label: &Bitmap,
    geometry: &LabelGeometry,
) -> Result<(), PrintError> {
    let (actual_width, actual_height) = if geometry.rotation.swaps_sides() {
        (label.height(), label.width())
    } else {
        (label.width(), label.height())
    };
    if (actual_width, actual_height) != (geometry.width, geometry.height) {
        return Err(PrintError::LabelSizeMismatch {
            index,
            expected_width: geometry.width,
            expected_height: geometry.height,
            actual_width,
            actual_height,
        });
    }
    Ok(())
}

/// The raster bytes of one label as sent (rows padded to whole bytes).
fn label_raster_bytes(geometry: &LabelGeometry) -> usize {
    geometry.width.div_ceil(8) as usize * geometry.height as usize
}

/// The most raster bytes one job may carry: a job is built whole in memory and wasm32 has at most
/// 4 GB (a Worker far less). 256 MiB is about 3,600 standard 75 × 120 mm labels at 203 dpi.
pub const MAX_JOB_RASTER_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a job of `labels` labels whose raster would exceed [`MAX_JOB_RASTER_BYTES`], before any is
/// drawn. ESC/POS repeats the raster for each copy; the other languages send a copy count.
pub(crate) fn check_job_size(
    geometry: &LabelGeometry,
    labels: usize,
    options: &JobOptions,
) -> Result<(), PrintError> {
    let repeats = if options.language == Language::Escpos {
        u64::from(options.copies)
    } else {
        1
    };
    let bytes = u64::from(geometry.width.div_ceil(8))
        .saturating_mul(u64::from(geometry.height))
        .saturating_mul(labels as u64)
        .saturating_mul(repeats);
    if bytes > MAX_JOB_RASTER_BYTES {
        return Err(PrintError::JobTooLarge {
            bytes,
            max: MAX_JOB_RASTER_BYTES,
        });
    }
    Ok(())
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
    // Adding 0.0 turns -0.0 into 0.0.
    let text = format!("{:.2}", mm + 0.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

#[cfg(test)]
mod tests;
