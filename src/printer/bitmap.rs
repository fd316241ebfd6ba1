//! The 1-bit label image every printer language wraps: packed rows, 1 = black, and its quarter-turn rotations.

use std::borrow::Cow;

use crate::json::{FromJson, ToJson};

use super::error::PrintError;

/// A 1-bit image at printer resolution.
///
/// Layout (the same as a binary PBM, `P4`): one bit per pixel, **1 = black**, the most significant bit is the
/// leftmost pixel, rows run top to bottom and each row is padded to a whole number of bytes. Padding bits are
/// always 0 (white), so two bitmaps showing the same pixels compare equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bitmap {
    width: u32,
    height: u32,
    bytes_per_row: u32,
    data: Vec<u8>,
}

/// A clockwise quarter turn, as a number of degrees: `0`, `90`, `180` or `270` (JSON numbers, not strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(try_from = "u32", into = "u32")]
pub enum Rotation {
    /// Upright.
    #[default]
    R0,
    /// A quarter turn clockwise: the top edge becomes the right edge.
    R90,
    /// A half turn.
    R180,
    /// Three quarter turns clockwise (a quarter turn counter-clockwise): the top edge becomes the left edge.
    R270,
}

impl Rotation {
    /// The turn that undoes this one.
    pub fn inverse(self) -> Rotation {
        match self {
            Rotation::R0 => Rotation::R0,
            Rotation::R90 => Rotation::R270,
            Rotation::R180 => Rotation::R180,
            Rotation::R270 => Rotation::R90,
        }
    }

    /// The rotation in degrees clockwise.
    pub fn degrees(self) -> u32 {
        match self {
            Rotation::R0 => 0,
            Rotation::R90 => 90,
            Rotation::R180 => 180,
            Rotation::R270 => 270,
        }
    }

    /// Whether the rotation swaps width and height.
    pub fn swaps_sides(self) -> bool {
        matches!(self, Rotation::R90 | Rotation::R270)
    }
}

impl TryFrom<u32> for Rotation {
    type Error = PrintError;

    fn try_from(degrees: u32) -> Result<Self, PrintError> {
        match degrees {
            0 => Ok(Rotation::R0),
            90 => Ok(Rotation::R90),
            180 => Ok(Rotation::R180),
            270 => Ok(Rotation::R270),
            value => Err(PrintError::InvalidRotation { value }),
        }
    }
}

impl From<Rotation> for u32 {
    fn from(rotation: Rotation) -> u32 {
        rotation.degrees()
    }
}

impl Bitmap {
    /// The longest side accepted, in dots (over 2.5 m at 203 dpi, 42 cm at 1200 dpi).
    pub const MAX_SIDE: u32 = 20_000;
    /// The largest packed image accepted, in bytes.
    pub const MAX_BYTES: usize = 64 * 1024 * 1024;

    /// Bytes per row and total bytes for a size, or the error explaining why the size is refused.
    fn layout(width: u32, height: u32) -> Result<(u32, usize), PrintError> {
        let refuse = || PrintError::InvalidBitmapSize {
            width,
            height,
            max_side: Self::MAX_SIDE,
            max_bytes: Self::MAX_BYTES,
        };
        if width == 0 || height == 0 || width > Self::MAX_SIDE || height > Self::MAX_SIDE {
            return Err(refuse());
        }
        let bytes_per_row = width.div_ceil(8);
        let len =
            usize::try_from(u64::from(bytes_per_row) * u64::from(height)).map_err(|_| refuse())?;
        if len > Self::MAX_BYTES {
            return Err(refuse());
        }
        Ok((bytes_per_row, len))
    }

    /// An all-white bitmap.
    pub fn new(width: u32, height: u32) -> Result<Bitmap, PrintError> {
        let (bytes_per_row, len) = Self::layout(width, height)?;
        Ok(Bitmap {
            width,
            height,
            bytes_per_row,
            data: vec![0; len],
        })
    }

    /// A bitmap from packed rows in this type's layout (1 = black, MSB leftmost, rows padded to bytes).
    /// `data` must hold exactly `ceil(width / 8) × height` bytes; padding bits are cleared to white.
    pub fn from_packed(width: u32, height: u32, data: Vec<u8>) -> Result<Bitmap, PrintError> {
        let (bytes_per_row, len) = Self::layout(width, height)?;
        if data.len() != len {
            return Err(PrintError::BitmapDataLength {
                width,
                height,
                expected: len,
                actual: data.len(),
            });
        }
        let mut bitmap = Bitmap {
            width,
            height,
            bytes_per_row,
            data,
        };
        bitmap.clear_padding();
        Ok(bitmap)
    }

    /// Width in dots.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in dots (rows).
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes in each packed row: `ceil(width / 8)`.
    pub fn bytes_per_row(&self) -> u32 {
        self.bytes_per_row
    }

    /// The packed rows, top to bottom.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The packed rows, consuming the bitmap.
    pub fn into_data(self) -> Vec<u8> {
        self.data
    }

    /// The packed rows, one slice per row, top to bottom.
    pub fn rows(&self) -> std::slice::ChunksExact<'_, u8> {
        self.data.chunks_exact(self.row_len())
    }

    /// Whether no pixel is black.
    pub fn is_blank(&self) -> bool {
        self.data.iter().all(|&b| b == 0)
    }

    fn row_len(&self) -> usize {
        // A u32 below MAX_SIDE / 8 always fits a usize; max(1) keeps chunks_exact well-defined.
        (self.bytes_per_row as usize).max(1)
    }

    /// Mask of the real pixels in the last byte of each row.
    fn last_byte_mask(&self) -> u8 {
        match self.width % 8 {
            0 => 0xFF,
            used => 0xFF << (8 - used),
        }
    }

    fn clear_padding(&mut self) {
        let mask = self.last_byte_mask();
        if mask == 0xFF {
            return;
        }
        let row_len = self.row_len();
        for row in self.data.chunks_exact_mut(row_len) {
            if let Some(last) = row.last_mut() {
                *last &= mask;
            }
        }
    }

    /// Byte index and bit mask of a pixel, or `None` outside the bitmap.
    fn locate(&self, x: u32, y: u32) -> Option<(usize, u8)> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let index = y as usize * self.row_len() + (x / 8) as usize;
        Some((index, 0x80 >> (x % 8)))
    }

    /// Whether the pixel at (x, y) is black; pixels outside the bitmap are white.
    pub fn get(&self, x: u32, y: u32) -> bool {
        self.locate(x, y)
            .and_then(|(index, mask)| self.data.get(index).map(|b| b & mask != 0))
            .unwrap_or(false)
    }

    /// Paints the pixel at (x, y) black (`true`) or white (`false`); pixels outside the bitmap are ignored.
    pub fn set(&mut self, x: u32, y: u32, black: bool) {
        if let Some((index, mask)) = self.locate(x, y) {
            if let Some(byte) = self.data.get_mut(index) {
                if black {
                    *byte |= mask;
                } else {
                    *byte &= !mask;
                }
            }
        }
    }

    /// ORs a packed 1-bit image (1 = black, MSB leftmost, `stride` bytes a row, padding bits clear) into
    /// the bitmap with its top-left corner at (`left`, `top`), clipped. Bytes are shifted into place
    /// whole where they fall inside the bitmap, which is what makes printing text fast.
    pub fn or_packed(&mut self, left: i32, top: i32, stride: usize, bits: &[u8]) {
        if stride == 0 {
            return;
        }
        let (width, height) = (i64::from(self.width), i64::from(self.height));
        let row_len = self.row_len();
        for (row_index, source) in bits.chunks(stride).enumerate() {
            let y = i64::from(top) + row_index as i64;
            if y < 0 || y >= height {
                continue;
            }
            let start = y as usize * row_len;
            let Some(row) = self.data.get_mut(start..start + row_len) else {
                continue;
            };
            for (i, &byte) in source.iter().enumerate() {
                if byte == 0 {
                    continue;
                }
                let x0 = i64::from(left) + 8 * i as i64;
                if x0 >= 0 && x0 + 8 <= width {
                    let (index, shift) = ((x0 / 8) as usize, (x0 % 8) as u32);
                    if let Some(d) = row.get_mut(index) {
                        *d |= byte >> shift;
                    }
                    if shift > 0 {
                        if let Some(d) = row.get_mut(index + 1) {
                            *d |= byte << (8 - shift);
                        }
                    }
                } else {
                    for bit in 0..8 {
                        let x = x0 + bit;
                        if byte & (0x80 >> bit) != 0 && x >= 0 && x < width {
                            if let Some(d) = row.get_mut((x / 8) as usize) {
                                *d |= 0x80 >> (x % 8);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Paints a rectangle black, clipped to the bitmap. Whole bytes are written at once.
    pub fn fill_rect(&mut self, x: u32, y: u32, w: u32, h: u32) {
        let x0 = x.min(self.width);
        let x1 = x.saturating_add(w).min(self.width);
        let y0 = y.min(self.height);
        let y1 = y.saturating_add(h).min(self.height);
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let first = (x0 / 8) as usize;
        let last = ((x1 - 1) / 8) as usize;
        let lead: u8 = 0xFF >> (x0 % 8);
        let tail: u8 = 0xFF << (7 - (x1 - 1) % 8);
        let row_len = self.row_len();
        let rows = self
            .data
            .chunks_exact_mut(row_len)
            .skip(y0 as usize)
            .take((y1 - y0) as usize);
        for row in rows {
            let Some(span) = row.get_mut(first..=last) else {
                continue;
            };
            match span {
                [only] => *only |= lead & tail,
                [head, middle @ .., end] => {
                    *head |= lead;
                    middle.fill(0xFF);
                    *end |= tail;
                }
                [] => {}
            }
        }
    }

    /// The bitmap turned clockwise by `rotation`; a quarter turn swaps width and height.
    pub fn rotate(&self, rotation: Rotation) -> Bitmap {
        let (width, height) = if rotation.swaps_sides() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        };
        if rotation == Rotation::R0 {
            return self.clone();
        }
        let bytes_per_row = width.div_ceil(8);
        let mut out = Bitmap {
            width,
            height,
            bytes_per_row,
            data: vec![0; bytes_per_row as usize * height as usize],
        };
        let (w, h) = (self.width, self.height);
        for (y, row) in (0u32..).zip(self.rows()) {
            for (bx, &byte) in (0u32..).zip(row) {
                // Labels are mostly white: skip empty bytes outright.
                if byte == 0 {
                    continue;
                }
                for bit in 0..8u32 {
                    if byte & (0x80 >> bit) == 0 {
                        continue;
                    }
                    let x = bx * 8 + bit;
                    let (nx, ny) = match rotation {
                        Rotation::R0 => (x, y),
                        Rotation::R90 => (h - 1 - y, x),
                        Rotation::R180 => (w - 1 - x, h - 1 - y),
                        Rotation::R270 => (y, w - 1 - x),
                    };
                    out.set(nx, ny, true);
                }
            }
        }
        out
    }

    /// The bitmap turned by `rotation`, borrowing it unchanged when there is nothing to turn.
    pub(crate) fn rotated(&self, rotation: Rotation) -> Cow<'_, Bitmap> {
        match rotation {
            Rotation::R0 => Cow::Borrowed(self),
            turn => Cow::Owned(self.rotate(turn)),
        }
    }

    /// The bitmap as a binary PBM (`P4`) file, for debugging and snapshots; PBM shares this type's layout.
    pub fn to_pbm(&self) -> Vec<u8> {
        let header = format!("P4\n{} {}\n", self.width, self.height);
        let mut out = Vec::with_capacity(header.len() + self.data.len());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&self.data);
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A deterministic, non-trivial test image: xorshift noise in the top half, rectangles, a border.
    pub(crate) fn pattern(width: u32, height: u32, seed: u32) -> Bitmap {
        let mut bitmap = Bitmap::new(width, height).unwrap();
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        for y in 0..height / 2 {
            for x in 0..width {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                if state % 3 == 0 {
                    bitmap.set(x, y, true);
                }
            }
        }
        bitmap.fill_rect(3, height / 2 + 5, width / 3, 17);
        bitmap.fill_rect(width / 2 + 1, height * 3 / 4, width, 9);
        bitmap.fill_rect(0, height - 1, width, 1);
        bitmap.fill_rect(width - 1, 0, 1, height);
        bitmap
    }

    fn naive_fill(bitmap: &mut Bitmap, x: u32, y: u32, w: u32, h: u32) {
        let (width, height) = (bitmap.width(), bitmap.height());
        for yy in y.min(height)..y.saturating_add(h).min(height) {
            for xx in x.min(width)..x.saturating_add(w).min(width) {
                bitmap.set(xx, yy, true);
            }
        }
    }

    #[test]
    fn sizes_are_validated() {
        assert!(Bitmap::new(0, 10).is_err());
        assert!(Bitmap::new(10, 0).is_err());
        assert!(Bitmap::new(Bitmap::MAX_SIDE + 1, 1).is_err());
        let bitmap = Bitmap::new(886, 1417).unwrap();
        assert_eq!(bitmap.bytes_per_row(), 111);
        assert_eq!(bitmap.data().len(), 111 * 1417);
        assert!(bitmap.is_blank());
    }

    #[test]
    fn from_packed_checks_length_and_clears_padding() {
        assert_eq!(
            Bitmap::from_packed(9, 2, vec![0; 3]),
            Err(PrintError::BitmapDataLength {
                width: 9,
                height: 2,
                expected: 4,
                actual: 3
            })
        );
        let bitmap = Bitmap::from_packed(9, 2, vec![0xFF; 4]).unwrap();
        assert_eq!(bitmap.data(), &[0xFF, 0x80, 0xFF, 0x80]);
    }

    #[test]
    fn set_and_get_use_msb_first_one_is_black() {
        let mut bitmap = Bitmap::new(10, 2).unwrap();
        bitmap.set(0, 0, true);
        bitmap.set(9, 1, true);
        assert_eq!(bitmap.data(), &[0x80, 0x00, 0x00, 0x40]);
        assert!(bitmap.get(0, 0));
        assert!(!bitmap.get(1, 0));
        assert!(!bitmap.get(100, 100));
        bitmap.set(0, 0, false);
        bitmap.set(100, 100, true);
        assert_eq!(bitmap.data(), &[0x00, 0x00, 0x00, 0x40]);
    }

    #[test]
    fn or_packed_matches_pixel_by_pixel_and_clips() {
        // A 13-dot-wide pattern, 2 bytes a row, placed at offsets that cross every byte boundary and edge.
        let pattern: Vec<u8> = (0..6)
            .flat_map(|r: u8| [0xA5u8.rotate_left(u32::from(r)), 0xF8])
            .collect();
        for (left, top) in [(0, 0), (3, 1), (-5, -2), (18, 4), (25, 7), (-20, 0)] {
            let mut fast = Bitmap::new(30, 9).unwrap();
            fast.or_packed(left, top, 2, &pattern);
            let mut slow = Bitmap::new(30, 9).unwrap();
            for (r, row) in pattern.chunks(2).enumerate() {
                for x in 0..13i32 {
                    let on = row[(x / 8) as usize] & (0x80 >> (x % 8)) != 0;
                    let (px, py) = (left + x, top + r as i32);
                    if on && px >= 0 && py >= 0 && px < 30 && py < 9 {
                        slow.set(px as u32, py as u32, true);
                    }
                }
            }
            assert_eq!(fast, slow, "at ({left}, {top})");
        }
    }

    #[test]
    fn fill_rect_matches_pixel_by_pixel_fill() {
        let cases = [
            (0, 0, 1, 1),
            (3, 2, 4, 3),
            (5, 1, 30, 2),
            (8, 0, 16, 5),
            (0, 0, 1000, 1000),
            (37, 7, 10, 10),
            (38, 0, 0, 5),
            (u32::MAX, 0, 5, 5),
            (2, 2, u32::MAX, u32::MAX),
        ];
        for (x, y, w, h) in cases {
            let mut fast = Bitmap::new(39, 9).unwrap();
            let mut slow = fast.clone();
            fast.fill_rect(x, y, w, h);
            naive_fill(&mut slow, x, y, w, h);
            assert_eq!(fast, slow, "fill_rect({x}, {y}, {w}, {h})");
        }
    }

    #[test]
    fn rotations_move_the_corner_pixel_clockwise() {
        let mut bitmap = Bitmap::new(5, 3).unwrap();
        bitmap.set(0, 0, true);
        let r90 = bitmap.rotate(Rotation::R90);
        assert_eq!((r90.width(), r90.height()), (3, 5));
        assert!(r90.get(2, 0));
        let r180 = bitmap.rotate(Rotation::R180);
        assert!(r180.get(4, 2));
        let r270 = bitmap.rotate(Rotation::R270);
        assert_eq!((r270.width(), r270.height()), (3, 5));
        assert!(r270.get(0, 4));
    }

    #[test]
    fn rotations_compose() {
        let bitmap = pattern(37, 21, 7);
        let r90 = bitmap.rotate(Rotation::R90);
        assert_eq!(r90.rotate(Rotation::R90), bitmap.rotate(Rotation::R180));
        assert_eq!(r90.rotate(Rotation::R180), bitmap.rotate(Rotation::R270));
        assert_eq!(r90.rotate(Rotation::R270), bitmap);
        assert_eq!(bitmap.rotate(Rotation::R0), bitmap);
    }

    #[test]
    fn rotation_serde_is_degrees() {
        assert_eq!(crate::json::to_json(&Rotation::R270), "270");
        let r: Rotation = crate::json::from_json("90").unwrap();
        assert_eq!(r, Rotation::R90);
        assert!(crate::json::from_json::<Rotation>("45").is_err());
        assert!(crate::json::from_json::<Rotation>("\"90\"").is_err());
    }

    #[test]
    fn pbm_is_p4() {
        let mut bitmap = Bitmap::new(9, 1).unwrap();
        bitmap.set(8, 0, true);
        assert_eq!(bitmap.to_pbm(), b"P4\n9 1\n\x00\x80".to_vec());
    }
}
