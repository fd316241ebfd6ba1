//! EPL2 page mode (Zebra/Eltron LP2844, GK420 in EPL mode): one `GW` graphic per label, **0 = black**.
//!
//! ```text
//! ␊ qwidth␊ Qheight,gap␊ Ddensity␊ Sspeed␊                   once
//! N␊ GWx,0,widthBytes,height,<raw rows, inverted>␊ Pcopies,1␊   per label
//! ```
//! `Pp1,p2` prints p1 label sets of p2 copies each; p2 is meant for counters, so copies go in p1 (`Pn,1`).
//! Lines end with a bare LF, as EPL2 documents; the leading LF ends any half-sent command.

use super::{
    check_job_size, extend_inverted, label_raster_bytes, print_width, push_fmt, Bitmap, Encoder,
    JobOptions, LabelGeometry, Language, PrintError,
};

/// The EPL2 encoder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Epl;

/// The widest image buffer of EPL2 printers: 4.09 in (104 mm) heads at 203 and 300 dpi.
const HEAD_WIDTH_MM: f64 = 104.0;

/// The gap `Q` takes, in dots (EPL2 programming guide, `Q`).
const GAP_MIN_DOTS: u32 = 16;
const GAP_MAX_DOTS: u32 = 240;

/// EPL's `S` takes a model-specific speed code; 1–6 is accepted across the desktop range.
const SPEED_CODE_MAX: u32 = 6;

impl Encoder for Epl {
    fn begin(
        &self,
        geometry: &LabelGeometry,
        options: &JobOptions,
        labels: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError> {
        check_job_size(geometry, labels, 1)?;
        let width = print_width(Language::Epl, geometry, options, HEAD_WIDTH_MM)?;
        // `Q`'s gap is 16–240 dots (0: continuous media); outside it the printer misreads the
        // length and a label prints across two.
        if geometry.gap != 0 && !(GAP_MIN_DOTS..=GAP_MAX_DOTS).contains(&geometry.gap) {
            // The range in mm at this dpi, to the hundredth, inside the dot range.
            let per_mm = options.checked_dpi()?.dots_per_mm();
            let hundredths = |dots: u32| f64::from(dots) / per_mm * 100.0;
            return Err(PrintError::InvalidGap {
                value: options.gap_mm.0,
                min: hundredths(GAP_MIN_DOTS).ceil() / 100.0,
                max: hundredths(GAP_MAX_DOTS).floor() / 100.0,
            });
        }
        out.reserve((label_raster_bytes(geometry) + 48) * labels + 64);
        push_fmt(
            out,
            format_args!(
                "\nq{width}\nQ{},{}\nD{}\nS{}\n",
                geometry.height,
                geometry.gap,
                options.density,
                options.speed.min(SPEED_CODE_MAX),
            ),
        );
        Ok(())
    }

    fn label(&self, label: &Bitmap, _: &LabelGeometry, options: &JobOptions, out: &mut Vec<u8>) {
        push_fmt(
            out,
            format_args!(
                "N\nGW{},0,{},{},",
                options.x_offset,
                label.bytes_per_row(),
                label.height()
            ),
        );
        extend_inverted(out, label);
        push_fmt(out, format_args!("\nP{},1\n", options.copies));
    }
}
