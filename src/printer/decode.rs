//! Reading print jobs back into bitmaps: TSPL `BITMAP`, ZPL `^GFA` (plain hex, `:Z64:` and `:B64:`, CRC
//! checked), EPL `GW` and ESC/POS `GS v 0` slices (re-assembled per label), with polarity undone, so that
//! decoding an encoded job gives back the rotated labels exactly.
//!
//! These parsers read what this crate's encoders write plus the usual variations (either line ending, lower
//! case commands, extra setup commands, which they skip); they are not full interpreters of the languages.
//! They never panic and never allocate more than the job's own size allows (a Z64 graphic inflates to at
//! most its declared size, itself capped by [`Bitmap::MAX_BYTES`] and a label's sides, and a job's
//! graphics together by [`super::MAX_JOB_RASTER_BYTES`]): any byte string gives labels or an error.

use base64::Engine;
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

use super::escpos::MAX_BYTES_PER_ROW;
use super::zpl::Z64_CRC;
use super::{Bitmap, JobOptions, Language, PrintError};

/// One graphic found in a job, with where and how often it prints.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedLabel {
    /// The image, 1 = black, whatever the language's own polarity.
    pub bitmap: Bitmap,
    /// Horizontal position in dots (TSPL/EPL x, ZPL `^FO` x, ESC/POS `GS L` left margin).
    pub x: u32,
    /// Vertical position in dots (0 for ESC/POS).
    pub y: u32,
    /// How many times it prints: TSPL `PRINT m,n` and EPL `Pm,n` give m×n, ZPL `^PQ` its first
    /// parameter, ESC/POS always 1 (copies there are repeated rasters).
    pub copies: u32,
}

/// Every label in a job of the options' language, as bitmaps of the options' label width.
///
/// This is the inverse of [`super::encode_job`]: `decode_job(&encode_job(labels, o)?, o)` gives each label
/// turned by `o.rotation` (ESC/POS: once per copy).
pub fn decode_job(job: &[u8], options: &JobOptions) -> Result<Vec<Bitmap>, PrintError> {
    let geometry = options.validate()?;
    Ok(decode(options.language, job, Some(geometry.width))?
        .into_iter()
        .map(|label| label.bitmap)
        .collect())
}

/// Every label in a job. `width` is the label width in dots, needed to drop the padding of rows that are
/// sent as whole bytes; without it the width comes from ZPL `^PW` / EPL `q` when they agree with the rows,
/// and is otherwise the whole bytes' width.
pub fn decode(
    language: Language,
    job: &[u8],
    width: Option<u32>,
) -> Result<Vec<DecodedLabel>, PrintError> {
    match language {
        Language::Tspl => decode_tspl(job, width),
        Language::Zpl => decode_zpl(job, width),
        Language::Epl => decode_epl(job, width),
        Language::Escpos => decode_escpos(job, width),
    }
}

fn malformed(offset: usize, reason: impl Into<String>) -> PrintError {
    PrintError::JobMalformed {
        offset,
        reason: reason.into(),
    }
}

/// TSPL `PRINT m[,n]` and EPL `Pm[,n]`: the labels drawn since the last print come out `m × n` times.
fn print_pending(
    reader: &mut Reader<'_>,
    pending: &mut Vec<(u32, u32, Bitmap)>,
    labels: &mut Vec<DecodedLabel>,
) -> Result<(), PrintError> {
    let sets = reader.number("the number of label sets")?;
    let copies = if reader.peek() == Some(b',') {
        reader.advance(1);
        reader.number("the number of copies")?
    } else {
        1
    };
    reader.skip_line();
    let copies = sets.saturating_mul(copies);
    labels.extend(pending.drain(..).map(|(x, y, bitmap)| DecodedLabel {
        bitmap,
        x,
        y,
        copies,
    }));
    Ok(())
}

/// A cursor over job bytes that never reads out of bounds.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.bytes.len());
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.rest().get(..n)?;
        self.advance(n);
        Some(taken)
    }

    fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> &'a [u8] {
        let rest = self.rest();
        let len = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        self.advance(len);
        rest.get(..len).unwrap_or_default()
    }

    fn skip_blanks(&mut self) {
        self.take_while(|b| matches!(b, b' ' | b'\t'));
    }

    /// Skips the rest of the line, including its LF.
    fn skip_line(&mut self) {
        self.take_while(|b| b != b'\n');
        self.advance(1);
    }

    /// A decimal number, with optional blanks around it.
    fn number(&mut self, what: &str) -> Result<u32, PrintError> {
        self.skip_blanks();
        let start = self.pos;
        let digits = self.take_while(|b| b.is_ascii_digit());
        let value =
            parse_u32(digits).ok_or_else(|| malformed(start, format!("expected {what}")))?;
        self.skip_blanks();
        Ok(value)
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), PrintError> {
        if self.peek() == Some(byte) {
            self.advance(1);
            Ok(())
        } else {
            Err(malformed(self.pos, format!("expected {what}")))
        }
    }

    /// `N` comma-separated numbers, named for error messages.
    fn numbers<const N: usize>(&mut self, names: [&str; N]) -> Result<[u32; N], PrintError> {
        let mut values = [0; N];
        for (index, (value, name)) in values.iter_mut().zip(names).enumerate() {
            if index > 0 {
                self.expect(b',', &format!("a comma before {name}"))?;
            }
            *value = self.number(name)?;
        }
        Ok(values)
    }
}

/// An unsigned decimal with surrounding ASCII whitespace, or `None`.
fn parse_u32(text: &[u8]) -> Option<u32> {
    let text = text.trim_ascii();
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.iter().try_fold(0u32, |acc, &digit| {
        acc.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    })
}

/// The byte length of `bytes_per_row × rows`, refused when it is zero or a side is over a label's.
fn raster_len(bytes_per_row: u32, rows: u32, offset: usize) -> Result<usize, PrintError> {
    let len = u64::from(bytes_per_row) * u64::from(rows);
    if len == 0 {
        return Err(malformed(
            offset,
            "the graphic has no rows or no bytes per row",
        ));
    }
    // No side of a label bitmap is over `Bitmap::MAX_SIDE` dots: refused before anything is read.
    if rows > Bitmap::MAX_SIDE || bytes_per_row > Bitmap::MAX_SIDE.div_ceil(8) {
        return Err(malformed(
            offset,
            format!(
                "the graphic of {bytes_per_row} bytes × {rows} rows is larger than a label can be ({} dots a side)",
                Bitmap::MAX_SIDE
            ),
        ));
    }
    // Within those sides the graphic is at most 2,500 × 20,000 bytes, under `Bitmap::MAX_BYTES`.
    const _: () = assert!(
        Bitmap::MAX_SIDE.div_ceil(8) as usize * Bitmap::MAX_SIDE as usize <= Bitmap::MAX_BYTES
    );
    Ok(usize::try_from(len).unwrap_or(usize::MAX))
}

/// A bitmap from rows in this crate's polarity, with the width picked as [`decode`] documents.
fn build(
    rows: Vec<u8>,
    bytes_per_row: u32,
    height: u32,
    width: Option<u32>,
    declared: Option<u32>,
    offset: usize,
) -> Result<Bitmap, PrintError> {
    let fits = |w: u32| w > 0 && w.div_ceil(8) == bytes_per_row;
    let width = match (width, declared) {
        (Some(w), _) if fits(w) => w,
        (Some(w), _) => {
            return Err(malformed(
                offset,
                format!(
                "the rows are {bytes_per_row} bytes wide, which cannot hold a label {w} dots wide"
            ),
            ))
        }
        (None, Some(w)) if fits(w) => w,
        (None, _) => bytes_per_row.saturating_mul(8),
    };
    Bitmap::from_packed(width, height, rows).map_err(|err| malformed(offset, err.to_string()))
}

/// Decodes a TSPL job: `BITMAP` graphics since the last `CLS`, emitted by `PRINT m[,n]`.
pub fn decode_tspl(job: &[u8], width: Option<u32>) -> Result<Vec<DecodedLabel>, PrintError> {
    let mut reader = Reader::new(job);
    let mut labels = Vec::new();
    let mut pending: Vec<(u32, u32, Bitmap)> = Vec::new();
    loop {
        reader.take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0));
        if reader.at_end() {
            break;
        }
        let start = reader.pos;
        let word = reader.take_while(|b| b.is_ascii_alphabetic());
        if word.eq_ignore_ascii_case(b"BITMAP") {
            let [x, y, bytes_per_row, rows, _mode] =
                reader.numbers(["x", "y", "the width in bytes", "the height", "the mode"])?;
            reader.expect(b',', "a comma before the bitmap data")?;
            let len = raster_len(bytes_per_row, rows, start)?;
            let data_at = reader.pos;
            let data = reader.take(len).ok_or_else(|| {
                malformed(
                    data_at,
                    format!("the bitmap needs {len} bytes of data, the job ends first"),
                )
            })?;
            // TSPL burns 0 bits: invert back to 1 = black.
            let rows_data = data.iter().map(|byte| !byte).collect();
            let bitmap = build(rows_data, bytes_per_row, rows, width, None, start)?;
            pending.push((x, y, bitmap));
        } else if word.eq_ignore_ascii_case(b"CLS") {
            pending.clear();
            reader.skip_line();
        } else if word.eq_ignore_ascii_case(b"PRINT") {
            print_pending(&mut reader, &mut pending, &mut labels)?;
        } else if word.is_empty() {
            return Err(malformed(start, "expected a TSPL command"));
        } else {
            reader.skip_line();
        }
    }
    if pending.is_empty() {
        Ok(labels)
    } else {
        Err(malformed(
            job.len(),
            "the job ends with a bitmap that is never printed",
        ))
    }
}

/// Decodes an EPL2 job: `GW` graphics since the last `N`, emitted by `Pm[,n]`.
pub fn decode_epl(job: &[u8], width: Option<u32>) -> Result<Vec<DecodedLabel>, PrintError> {
    let mut reader = Reader::new(job);
    let mut labels = Vec::new();
    let mut pending: Vec<(u32, u32, Bitmap)> = Vec::new();
    let mut label_width: Option<u32> = None;
    loop {
        reader.take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
        let start = reader.pos;
        let rest = reader.rest();
        match rest {
            [] => break,
            [b'G', b'W', ..] => {
                reader.advance(2);
                let [x, y, bytes_per_row, rows] =
                    reader.numbers(["x", "y", "the width in bytes", "the height"])?;
                // The data follows a comma or a line break.
                match reader.rest() {
                    [b',', ..] | [b'\n', ..] => reader.advance(1),
                    [b'\r', b'\n', ..] => reader.advance(2),
                    _ => {
                        return Err(malformed(
                            reader.pos,
                            "expected a comma before the graphic data",
                        ))
                    }
                }
                let len = raster_len(bytes_per_row, rows, start)?;
                let data_at = reader.pos;
                let data = reader.take(len).ok_or_else(|| {
                    malformed(
                        data_at,
                        format!("the graphic needs {len} bytes of data, the job ends first"),
                    )
                })?;
                // EPL burns 0 bits: invert back to 1 = black.
                let rows_data = data.iter().map(|byte| !byte).collect();
                let declared = label_width.and_then(|q| q.checked_sub(x));
                let bitmap = build(rows_data, bytes_per_row, rows, width, declared, start)?;
                pending.push((x, y, bitmap));
            }
            [b'N', ..] => {
                pending.clear();
                reader.skip_line();
            }
            [b'q', ..] => {
                reader.advance(1);
                label_width = Some(reader.number("the label width")?);
                reader.skip_line();
            }
            [b'P', digit, ..] if digit.is_ascii_digit() => {
                reader.advance(1);
                print_pending(&mut reader, &mut pending, &mut labels)?;
            }
            [first, ..] if first.is_ascii_alphabetic() => reader.skip_line(),
            _ => return Err(malformed(start, "expected an EPL command")),
        }
    }
    if pending.is_empty() {
        Ok(labels)
    } else {
        Err(malformed(
            job.len(),
            "the job ends with a graphic that is never printed",
        ))
    }
}

/// Decodes a ZPL job: `^GFA` graphics inside `^XA … ^XZ`, placed by `^FO`, printed `^PQ` times.
pub fn decode_zpl(job: &[u8], width: Option<u32>) -> Result<Vec<DecodedLabel>, PrintError> {
    let is_prefix = |b: &u8| *b == b'^' || *b == b'~';
    let mut labels = Vec::new();
    let mut pending: Vec<(u32, u32, Bitmap)> = Vec::new();
    let mut in_format = false;
    let (mut print_width, mut x, mut y, mut copies) = (None, 0u32, 0u32, 1u32);
    // Raster bytes the job's graphics have declared so far, against the encoders' own limit.
    let mut declared_bytes = 0_u64;
    let mut pos = 0;
    loop {
        let rest = job.get(pos..).unwrap_or_default();
        let Some(gap) = rest.iter().position(is_prefix) else {
            if rest.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            return Err(malformed(pos, "text outside any ZPL command"));
        };
        if !rest
            .get(..gap)
            .unwrap_or_default()
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            return Err(malformed(pos, "text outside any ZPL command"));
        }
        let start = pos + gap;
        let code = job
            .get(start + 1..start + 3)
            .ok_or_else(|| malformed(start, "the job ends inside a command name"))?;
        let params_at = start + 3;
        let after = job.get(params_at..).unwrap_or_default();
        let params_len = after.iter().position(is_prefix).unwrap_or(after.len());
        let params = after.get(..params_len).unwrap_or_default();
        pos = params_at + params_len;
        let numbers = |count: usize| -> Vec<Option<u32>> {
            params
                .split(|&b| b == b',')
                .take(count)
                .map(parse_u32)
                .collect()
        };
        match code.to_ascii_uppercase().as_slice() {
            b"XA" => {
                in_format = true;
                (print_width, x, y, copies) = (None, 0, 0, 1);
                pending.clear();
            }
            b"XZ" => {
                if !in_format {
                    return Err(malformed(start, "^XZ without ^XA"));
                }
                in_format = false;
                labels.extend(pending.drain(..).map(|(x, y, bitmap)| DecodedLabel {
                    bitmap,
                    x,
                    y,
                    copies,
                }));
            }
            b"PW" => {
                print_width = numbers(1).first().copied().flatten();
            }
            b"FO" => {
                let values = numbers(2);
                x = values.first().copied().flatten().unwrap_or(0);
                y = values.get(1).copied().flatten().unwrap_or(0);
            }
            b"PQ" => {
                copies = numbers(1)
                    .first()
                    .copied()
                    .flatten()
                    .ok_or_else(|| malformed(params_at, "^PQ needs a quantity"))?;
            }
            b"GF" => {
                if !in_format {
                    return Err(malformed(start, "^GF outside ^XA … ^XZ"));
                }
                let declared = print_width.and_then(|w: u32| w.checked_sub(x));
                let bitmap = zpl_graphic(params, params_at, width, declared, &mut declared_bytes)?;
                pending.push((x, y, bitmap));
            }
            _ => {}
        }
    }
    if in_format {
        Err(malformed(
            job.len(),
            "the job ends inside a format (no ^XZ)",
        ))
    } else {
        Ok(labels)
    }
}

/// The bitmap of a `^GF` command's parameters `A,bytes,total,bytesPerRow,data`.
fn zpl_graphic(
    params: &[u8],
    offset: usize,
    width: Option<u32>,
    declared: Option<u32>,
    job_bytes: &mut u64,
) -> Result<Bitmap, PrintError> {
    let mut fields = params.splitn(5, |&b| b == b',');
    let kind = fields.next().unwrap_or_default().trim_ascii();
    if !kind.eq_ignore_ascii_case(b"A") {
        return Err(malformed(
            offset,
            "only ASCII (^GFA) graphics are supported",
        ));
    }
    let mut number = |what: &str| {
        fields
            .next()
            .and_then(parse_u32)
            .ok_or_else(|| malformed(offset, format!("^GFA needs {what}")))
    };
    let _transmitted = number("the byte count")?;
    let total = number("the total byte count")?;
    let bytes_per_row = number("the bytes per row")?;
    let data = fields
        .next()
        .ok_or_else(|| malformed(offset, "^GFA has no data"))?
        .trim_ascii();
    if bytes_per_row == 0 || total % bytes_per_row != 0 {
        return Err(malformed(
            offset,
            format!("{total} bytes are not a whole number of {bytes_per_row}-byte rows"),
        ));
    }
    let rows = total / bytes_per_row;
    let len = raster_len(bytes_per_row, rows, offset)?;
    // Z64 graphics inflate: a small job could otherwise declare gigabytes across many graphics.
    *job_bytes = job_bytes.saturating_add(len as u64);
    if *job_bytes > super::MAX_JOB_RASTER_BYTES {
        return Err(PrintError::JobTooLarge {
            bytes: *job_bytes,
            max: super::MAX_JOB_RASTER_BYTES,
        });
    }
    let raster = match data {
        [b':', b'Z', b'6', b'4', b':', encoded @ ..] => {
            inflate(&base64_payload(encoded, offset)?, len, offset)?
        }
        [b':', b'B', b'6', b'4', b':', encoded @ ..] => base64_payload(encoded, offset)?,
        hex => unhex(hex, len, offset)?,
    };
    if raster.len() != len {
        return Err(malformed(
            offset,
            format!(
                "the graphic holds {} bytes, not the declared {len}",
                raster.len()
            ),
        ));
    }
    build(raster, bytes_per_row, rows, width, declared, offset)
}

/// The bytes of `base64:crc`, after checking the CRC over the base64 text.
fn base64_payload(encoded: &[u8], offset: usize) -> Result<Vec<u8>, PrintError> {
    let split = encoded
        .iter()
        .position(|&b| b == b':')
        .ok_or_else(|| malformed(offset, "the base64 graphic has no :crc"))?;
    let (text, crc_text) = encoded.split_at(split);
    let crc_text = crc_text.get(1..).unwrap_or_default().trim_ascii();
    let found = (crc_text.len() == 4)
        .then(|| std::str::from_utf8(crc_text).ok())
        .flatten()
        .and_then(|hex| u16::from_str_radix(hex, 16).ok())
        .ok_or_else(|| malformed(offset, "the graphic's CRC is not four hex digits"))?;
    let computed = Z64_CRC.checksum(text);
    if found != computed {
        return Err(PrintError::ChecksumMismatch {
            offset,
            found,
            computed,
        });
    }
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|err| malformed(offset, format!("the graphic is not valid base64: {err}")))
}

/// zlib-inflates at most `len + 1` bytes (one more than allowed, to notice overlong data).
fn inflate(compressed: &[u8], len: usize, offset: usize) -> Result<Vec<u8>, PrintError> {
    match decompress_to_vec_zlib_with_limit(compressed, len.saturating_add(1)) {
        Ok(out) => Ok(out),
        // Longer than that: the caller reports the length against the declared one.
        Err(err) if err.status == TINFLStatus::HasMoreOutput => Ok(err.output),
        Err(err) => Err(malformed(
            offset,
            format!("the Z64 graphic does not inflate: {err}"),
        )),
    }
}

/// Plain ASCII hex (whitespace allowed between digits) of exactly `len` bytes.
fn unhex(hex: &[u8], len: usize, offset: usize) -> Result<Vec<u8>, PrintError> {
    let mut digits = hex.iter().filter(|b| !b.is_ascii_whitespace());
    if let Some(bad) = digits.clone().find(|b| !b.is_ascii_hexdigit()) {
        return Err(malformed(
            offset,
            format!(
                "the graphic data has '{}', which is not a hex digit (compressed ACS hex is not supported)",
                char::from(*bad).escape_default()
            ),
        ));
    }
    let count = digits.clone().count();
    if count != len * 2 {
        return Err(malformed(
            offset,
            format!(
                "the graphic has {count} hex digits, not the {} its size needs",
                len * 2
            ),
        ));
    }
    let nibble = |b: u8| match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    };
    let mut out = Vec::with_capacity(len);
    while let (Some(&high), Some(&low)) = (digits.next(), digits.next()) {
        out.push(nibble(high) << 4 | nibble(low));
    }
    Ok(out)
}

/// A label being assembled from `GS v 0` slices.
struct Slices {
    start: usize,
    bytes_per_row: u32,
    rows: u32,
    data: Vec<u8>,
}

/// Decodes an ESC/POS job: consecutive `GS v 0` slices form one label, ended by a feed or cut
/// (`ESC J`, `ESC d`, `GS V`, LF or FF).
pub fn decode_escpos(job: &[u8], width: Option<u32>) -> Result<Vec<DecodedLabel>, PrintError> {
    let mut reader = Reader::new(job);
    let mut labels = Vec::new();
    let mut current: Option<Slices> = None;
    let mut margin = 0u32;
    let mut finish = |current: &mut Option<Slices>, margin: u32| -> Result<(), PrintError> {
        if let Some(label) = current.take() {
            let bitmap = build(
                label.data,
                label.bytes_per_row,
                label.rows,
                width,
                None,
                label.start,
            )?;
            labels.push(DecodedLabel {
                bitmap,
                x: margin,
                y: 0,
                copies: 1,
            });
        }
        Ok(())
    };
    while !reader.at_end() {
        let start = reader.pos;
        match reader.rest() {
            [0x1B, b'@', ..] => {
                if current.is_some() {
                    return Err(malformed(start, "ESC @ inside a label"));
                }
                margin = 0;
                reader.advance(2);
            }
            [0x1D, b'L', low, high, ..] => {
                if current.is_some() {
                    return Err(malformed(start, "GS L inside a label"));
                }
                margin = u32::from(u16::from_le_bytes([*low, *high]));
                reader.advance(4);
            }
            [0x1D, b'v', b'0', mode, x_low, x_high, y_low, y_high, ..] => {
                if *mode != 0 {
                    return Err(malformed(start, "scaled raster modes are not supported"));
                }
                let bytes_per_row = u32::from(u16::from_le_bytes([*x_low, *x_high]));
                let rows = u32::from(u16::from_le_bytes([*y_low, *y_high]));
                if bytes_per_row > MAX_BYTES_PER_ROW {
                    return Err(malformed(
                        start,
                        format!("a raster of {bytes_per_row} bytes per row is wider than {MAX_BYTES_PER_ROW}"),
                    ));
                }
                let len = raster_len(bytes_per_row, rows, start)?;
                reader.advance(8);
                let data = reader.take(len).ok_or_else(|| {
                    malformed(
                        start,
                        format!("the raster needs {len} bytes, the job ends first"),
                    )
                })?;
                let label = current.get_or_insert_with(|| Slices {
                    start,
                    bytes_per_row,
                    rows: 0,
                    data: Vec::new(),
                });
                if label.bytes_per_row != bytes_per_row {
                    return Err(malformed(
                        start,
                        "raster slices of one label differ in width",
                    ));
                }
                label.rows = label.rows.saturating_add(rows);
                if label.data.len() + data.len() > Bitmap::MAX_BYTES {
                    return Err(malformed(start, "the label is larger than a bitmap can be"));
                }
                label.data.extend_from_slice(data);
            }
            [0x1B, b'J' | b'd', _, ..] => {
                finish(&mut current, margin)?;
                reader.advance(3);
            }
            [0x1D, b'V', b'A' | b'B', _, ..] => {
                finish(&mut current, margin)?;
                reader.advance(4);
            }
            [0x1D, b'V', 0 | 1 | b'0' | b'1', ..] => {
                finish(&mut current, margin)?;
                reader.advance(3);
            }
            [b'\n' | 0x0C, ..] => {
                finish(&mut current, margin)?;
                reader.advance(1);
            }
            [byte, ..] => {
                return Err(malformed(
                    start,
                    format!("unsupported ESC/POS byte 0x{byte:02x}"),
                ))
            }
            [] => break,
        }
    }
    if current.is_some() {
        return Err(malformed(
            job.len(),
            "the job ends inside a label (no feed after the raster)",
        ));
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn graphics_draw_on_one_budget_for_the_whole_job() {
        let params = b"A,4,4,2,00FF00FF";
        let max = crate::printer::MAX_JOB_RASTER_BYTES;
        let mut job_bytes = max - 4;
        assert!(zpl_graphic(params, 0, None, None, &mut job_bytes).is_ok());
        assert_eq!(job_bytes, max, "the graphic's 4 bytes are counted");
        let err = zpl_graphic(params, 0, None, None, &mut job_bytes).unwrap_err();
        assert!(
            matches!(err, PrintError::JobTooLarge { bytes, .. } if bytes == max + 4),
            "{err:?}"
        );
    }

    #[test]
    fn a_graphic_larger_than_a_label_is_refused_before_it_is_read() {
        // One byte a row, 64 million rows: within the byte limit, not a label; nothing is inflated.
        let err = raster_len(1, 64_000_000, 7).unwrap_err();
        assert_eq!(err.code(), "PRINT_JOB_MALFORMED");
        assert!(err.to_string().contains("a side"), "{err}");
        assert!(raster_len(2500, 20_000, 0).is_ok());
        assert!(raster_len(2501, 1, 0).is_err());
    }
}
