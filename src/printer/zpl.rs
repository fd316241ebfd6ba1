//! ZPL II (Zebra and its emulations): one `^XA … ^XZ` format per label with a `^GFA` graphic, **1 = black**.
//!
//! ```text
//! ~SD16                                  darkness 0–30, once, before the first format
//! ^XA ^PWwidth ^LLheight ^LH0,0 ^PRspeed ^MNY|^MNN
//! ^FOx,0^GFA,bytes,bytes,bytesPerRow,:Z64:<base64(zlib(rows))>:<crc16>^FS   (or plain uppercase hex)
//! ^PQcopies ^XZ
//! ```
//! The Z64 CRC is CRC-16/XMODEM (poly 0x1021, init 0, no reflection) over the base64 text, written as four
//! lowercase hex digits — the variant Zebra printers and metafloor/zpl-image use.

use base64::Engine;

use super::{
    check_job_size, label_raster_bytes, print_width, push_fmt, Bitmap, Encoder, JobOptions,
    LabelGeometry, Language, PrintError, ZplGraphic, WIDE_HEAD_MM,
};

/// The ZPL encoder; `options.zpl_graphic` picks `:Z64:` or plain hex for the graphic data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Zpl;

/// The CRC Zebra puts after `:Z64:` and `:B64:` data.
pub(crate) const Z64_CRC: crc::Crc<u16> = crc::Crc::<u16>::new(&crc::CRC_16_XMODEM);

/// The uppercase ASCII hex digit of a nibble (the low 4 bits of `nibble`).
fn hex_digit(nibble: u8) -> u8 {
    match nibble & 0x0F {
        n @ 0..=9 => b'0' + n,
        n => b'A' + (n - 10),
    }
}

/// `:Z64:<base64(zlib(data))>:<crc>` for a graphic's packed rows.
pub(crate) fn z64(data: &[u8]) -> String {
    // Level 1: a label bitmap is long runs of white, which the fastest level already packs to a few
    // kilobytes (5.4 KB at level 6 vs 6.1 KB here), at a fraction of the time.
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(data, 1);
    let text = base64::engine::general_purpose::STANDARD.encode(compressed);
    let crc = Z64_CRC.checksum(text.as_bytes());
    format!(":Z64:{text}:{crc:04x}")
}

impl Encoder for Zpl {
    fn begin(
        &self,
        geometry: &LabelGeometry,
        options: &JobOptions,
        labels: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PrintError> {
        check_job_size(geometry, labels, 1)?;
        // `^PW` wider than the head is cut off by the printer without a word.
        print_width(Language::Zpl, geometry, options, WIDE_HEAD_MM)?;
        // Z64 text is a small part of the raster (long white runs; an eighth is room enough); hex is exactly
        // twice it.
        let graphic_bytes = match options.zpl_graphic {
            ZplGraphic::Z64 => label_raster_bytes(geometry) / 8,
            ZplGraphic::Hex => label_raster_bytes(geometry) * 2,
        };
        out.reserve((graphic_bytes + 128) * labels + 16);
        push_fmt(out, format_args!("~SD{:02}\n", options.density * 2));
        Ok(())
    }

    fn label(
        &self,
        label: &Bitmap,
        geometry: &LabelGeometry,
        options: &JobOptions,
        out: &mut Vec<u8>,
    ) {
        let print_width = options.x_offset.saturating_add(geometry.width);
        let media = if geometry.gap > 0 { 'Y' } else { 'N' };
        let total = label.data().len();
        push_fmt(
            out,
            format_args!(
                "^XA\n^PW{print_width}\n^LL{}\n^LH0,0\n^PR{}\n^MN{media}\n^FO{},0^GFA,{total},{total},{},",
                geometry.height,
                options.speed,
                options.x_offset,
                label.bytes_per_row(),
            ),
        );
        match options.zpl_graphic {
            ZplGraphic::Z64 => out.extend_from_slice(z64(label.data()).as_bytes()),
            ZplGraphic::Hex => {
                for &byte in label.data() {
                    out.push(hex_digit(byte >> 4));
                    out.push(hex_digit(byte & 0x0F));
                }
            }
        }
        push_fmt(out, format_args!("^FS\n^PQ{}\n^XZ\n", options.copies));
    }
}
