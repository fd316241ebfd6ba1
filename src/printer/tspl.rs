//! TSPL/TSPL2 (TSC and the many printers that copy it): one `BITMAP` per label, **0 = black**.
//!
//! ```text
//! SIZE 75 mm,120 mm␍␊ GAP 3 mm,0 mm␍␊ DENSITY 8␍␊ SPEED 4␍␊ DIRECTION 0,0␍␊
//! CLS␍␊ BITMAP x,0,widthBytes,height,0,<raw rows, inverted>␍␊ PRINT 1,copies␍␊   (per label)
//! ```

use super::{
    check_job_size, extend_inverted, format_mm, label_raster_bytes, print_width, push_fmt, Bitmap,
    Encoder, JobOptions, LabelGeometry, Language, PrintError, WIDE_HEAD_MM,
};

/// The TSPL encoder. `PRINT 1,n` prints one set of n copies of each label.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tspl;

/// Room for one label's commands around its raster.
const PER_LABEL_OVERHEAD: usize = 64;

impl Encoder for Tspl {
    fn begin(
        &self,
        geometry: &LabelGeometry,
        options: &JobOptions,
        labels: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError> {
        check_job_size(geometry, labels, 1)?;
        // The image sits `x_offset` dots in; TSPL prints only `SIZE` wide, so the size takes the
        // offset in (as EPL's `q` does) rather than cutting the label's right edge off.
        print_width(Language::Tspl, geometry, options, WIDE_HEAD_MM)?;
        let offset_mm = f64::from(options.x_offset) / options.checked_dpi()?.dots_per_mm();
        out.reserve((label_raster_bytes(geometry) + PER_LABEL_OVERHEAD) * labels + 128);
        push_fmt(
            out,
            format_args!(
                "SIZE {} mm,{} mm\r\nGAP {} mm,0 mm\r\nDENSITY {}\r\nSPEED {}\r\nDIRECTION 0,0\r\n",
                format_mm(options.width_mm.0 + offset_mm),
                format_mm(options.height_mm.0),
                format_mm(options.gap_mm.0),
                options.density,
                options.speed,
            ),
        );
        Ok(())
    }

    fn label(&self, label: &Bitmap, _: &LabelGeometry, options: &JobOptions, out: &mut Vec<u8>) {
        push_fmt(
            out,
            format_args!(
                "CLS\r\nBITMAP {},0,{},{},0,",
                options.x_offset,
                label.bytes_per_row(),
                label.height()
            ),
        );
        // Padding bits are 0 in the bitmap and so become 1, white, here.
        extend_inverted(out, label);
        push_fmt(out, format_args!("\r\nPRINT 1,{}\r\n", options.copies));
    }
}
