//! ESC/POS raster (receipt and hybrid label printers): `GS v 0` slices, **1 = black**.
//!
//! ```text
//! ESC @                                    initialise (1B 40)
//! GS L nL nH                               left margin = x offset in dots, only when it is not 0
//! GS v 0 0 xL xH yL yH <rows>              at most 255 rows per slice (1D 76 30 00 …)
//! ESC J n                                  after each label: feed the gap, n ≤ 255 dots per command
//! ```
//! Clone printers read only the low byte of the slice height, so no slice is taller than 255 rows.
//! Label handling and cutters are vendor-specific in ESC/POS, so the only thing sent between labels is a
//! plain `ESC J` feed of the gap length (at least one `ESC J`, possibly `ESC J 0`, which also marks the end of
//! the label for the decoder); no cut command is sent, since on printers without a cutter some clones print it
//! as garbage. ESC/POS has no portable density or speed command; those options are ignored. Copies are sent
//! as repeated rasters, since there is no copies command either.

use super::{
    check_job_size, label_raster_bytes, Bitmap, Encoder, JobOptions, LabelGeometry, Language,
    PrintError,
};

/// The ESC/POS raster encoder.
#[derive(Debug, Clone, Copy, Default)]
pub struct EscPos;

/// Rows per `GS v 0` slice.
pub(crate) const SLICE_ROWS: u32 = 255;

/// The widest raster, in bytes per row (1024 dots), from Epson's `GS v 0` limit of 128.
pub(crate) const MAX_BYTES_PER_ROW: u32 = 128;

/// `ESC J n` feeds at most 255 dots.
const MAX_FEED: u32 = 255;

impl Encoder for EscPos {
    fn begin(
        &self,
        geometry: &LabelGeometry,
        options: &JobOptions,
        labels: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError> {
        check_job_size(geometry, labels, options.copies)?;
        let width = options.x_offset.saturating_add(geometry.width);
        let max = MAX_BYTES_PER_ROW * 8;
        if width > max {
            return Err(PrintError::LabelTooWide {
                language: Language::Escpos,
                width,
                max,
            });
        }
        let slices_per_label = geometry.height.div_ceil(SLICE_ROWS) as usize;
        let feeds_per_label = (geometry.gap / MAX_FEED + 1) as usize;
        let per_label = label_raster_bytes(geometry) + slices_per_label * 8 + feeds_per_label * 3;
        // Bounded by `check_job_size` above: the raster times the copies is at most 256 MiB.
        out.reserve(
            per_label
                .saturating_mul(labels)
                .saturating_mul(options.copies as usize)
                .saturating_add(8),
        );
        out.extend_from_slice(&[0x1B, b'@']);
        if options.x_offset > 0 {
            let [lo, hi, ..] = options.x_offset.to_le_bytes();
            out.extend_from_slice(&[0x1D, b'L', lo, hi]);
        }
        Ok(())
    }

    fn label(
        &self,
        label: &Bitmap,
        geometry: &LabelGeometry,
        options: &JobOptions,
        out: &mut Vec<u8>,
    ) {
        let row_len = label.bytes_per_row() as usize;
        let [x_lo, x_hi, ..] = label.bytes_per_row().to_le_bytes();
        for _ in 0..options.copies {
            for slice in label.data().chunks(row_len * SLICE_ROWS as usize) {
                // A slice holds at most 255 rows, so its height fits the low byte.
                let rows = (slice.len() / row_len.max(1)) as u32;
                let [y_lo, y_hi, ..] = rows.to_le_bytes();
                out.extend_from_slice(&[0x1D, b'v', b'0', 0, x_lo, x_hi, y_lo, y_hi]);
                out.extend_from_slice(slice);
            }
            push_feed(out, geometry.gap);
        }
    }
}

/// `ESC J` commands feeding `dots` in total; always at least one command.
fn push_feed(out: &mut Vec<u8>, dots: u32) {
    let mut left = dots;
    loop {
        let step = left.min(MAX_FEED);
        out.extend_from_slice(&[0x1B, b'J', u8::try_from(step).unwrap_or(u8::MAX)]);
        left -= step;
        if left == 0 {
            break;
        }
    }
}
