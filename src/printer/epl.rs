//! EPL2 page mode (Zebra/Eltron LP2844, GK420 in EPL mode): one `GW` graphic per label, **0 = black**.
//!
//! ```text
//! ␊ qwidth␊ Qheight,gap␊ Ddensity␊ Sspeed␊                   once
//! N␊ GWx,0,widthBytes,height,<raw rows, inverted>␊ Pcopies,1␊   per label
//! ```
//! `Pp1,p2` prints p1 label sets of p2 copies each; p2 is meant for counters, so copies go in p1 (`Pn,1`).
//! Lines end with a bare LF, as EPL2 documents; the leading LF ends any half-sent command.

use super::{
    check_job_size, extend_inverted, label_raster_bytes, push_fmt, Bitmap, Encoder, JobOptions,
    LabelGeometry, Language, PrintError,
};
use crate::units::Mm;

/// The EPL2 encoder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Epl;

/// The widest image buffer of EPL2 printers: 4.09 in (104 mm) heads at 203 and 300 dpi.
const HEAD_WIDTH_MM: f64 = 104.0;

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
        let max = options.checked_dpi()?.to_dots(Mm(HEAD_WIDTH_MM)).0;
        let width = options.x_offset.saturating_add(geometry.width);
        if width > max {
            return Err(PrintError::LabelTooWide {
                language: Language::Epl,
                width,
                max,
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
