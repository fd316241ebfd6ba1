//! Glyph outlines filled as 1-bit printer masks. The fill is `ab_glyph_rasterizer`'s exact-area coverage
//! of the same integer outline the SVG path is written from, thresholded at one half, which is what an
//! antialiasing browser's coverage would round to; so the two agree except on glyph edge pixels.

use ab_glyph_rasterizer::{point, Point as RasterPoint, Rasterizer};

use super::outline::{Outline, Point, Segment};
use super::FontError;

/// A glyph as printer dots: `width` × `height` dots whose top-left dot is at (`left`, `top`) in the
/// bitmap the glyph is drawn into (may be negative or past its edges: the caller clips).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlyphMask {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    /// Rows top to bottom, each `stride` bytes, the leftmost dot in the most significant bit; 1 is ink.
    bits: Vec<u8>,
}

impl GlyphMask {
    /// The largest width or height of a mask, in dots: a glyph 120 mm tall at 1200 dpi is 5,670 dots.
    pub const MAX_SIDE: u32 = 8192;

    fn empty(left: i32, top: i32) -> GlyphMask {
        GlyphMask {
            left,
            top,
            width: 0,
            height: 0,
            bits: Vec::new(),
        }
    }

    /// The x of the mask's leftmost column, in dots.
    pub fn left(&self) -> i32 {
        self.left
    }

    /// The y of the mask's top row, in dots (y pointing down).
    pub fn top(&self) -> i32 {
        self.top
    }

    /// The width in dots (0 for a glyph without ink).
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The height in dots (0 for a glyph without ink).
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes per row: `ceil(width / 8)`.
    pub fn stride(&self) -> usize {
        (self.width as usize).div_ceil(8)
    }

    /// The packed rows: [`GlyphMask::stride`] bytes per row, leftmost dot in the most significant bit,
    /// 1 for ink, padding bits 0.
    pub fn bits(&self) -> &[u8] {
        &self.bits
    }

    /// One packed row, or `None` past the last.
    pub fn row(&self, y: u32) -> Option<&[u8]> {
        let stride = self.stride();
        let start = (y as usize).checked_mul(stride)?;
        (y < self.height).then(|| self.bits.get(start..start + stride))?
    }

    /// Whether the dot at (`x`, `y`) inside the mask is ink; `false` outside it.
    pub fn is_set(&self, x: u32, y: u32) -> bool {
        x < self.width
            && self
                .row(y)
                .and_then(|row| row.get(x as usize / 8))
                .is_some_and(|byte| byte & (0x80 >> (x % 8)) != 0)
    }

    /// The number of ink dots.
    pub fn count_set(&self) -> u32 {
        self.bits.iter().map(|byte| byte.count_ones()).sum()
    }
}

/// Fills `outline` placed with its origin at (`origin_x`, `baseline_y`) dots, scaled by `dots_per_unit`.
pub(crate) fn fill(
    outline: &Outline,
    origin_x: f64,
    baseline_y: f64,
    dots_per_unit: f64,
) -> Result<GlyphMask, FontError> {
    if !(origin_x.is_finite()
        && baseline_y.is_finite()
        && dots_per_unit.is_finite()
        && dots_per_unit > 0.0)
    {
        return Err(FontError::InvalidPlacement {
            origin_x,
            baseline_y,
            dots_per_unit,
        });
    }
    let to_dots = |p: Point| {
        (
            origin_x + f64::from(p.x) * dots_per_unit,
            baseline_y - f64::from(p.y) * dots_per_unit,
        )
    };
    let Some((min_x, min_y, max_x, max_y)) =
        outline.points().map(to_dots).fold(None, |b, (x, y)| {
            Some(match b {
                None => (x, y, x, y),
                Some((x0, y0, x1, y1)) => (
                    f64::min(x0, x),
                    f64::min(y0, y),
                    f64::max(x1, x),
                    f64::max(y1, y),
                ),
            })
        })
    else {
        return Ok(GlyphMask::empty(
            origin_x.floor() as i32,
            baseline_y.floor() as i32,
        ));
    };

    let (left, top) = (min_x.floor(), min_y.floor());
    let (width, height) = (max_x.ceil() - left, max_y.ceil() - top);
    let limit = f64::from(GlyphMask::MAX_SIDE);
    if !(width <= limit && height <= limit && left.abs() < 1e9 && top.abs() < 1e9) {
        return Err(FontError::MaskTooLarge {
            width: width as u64,
            height: height as u64,
            limit: GlyphMask::MAX_SIDE,
        });
    }
    // Both are within 0..=MAX_SIDE and whole, so the casts are exact.
    let (width, height) = (width as usize, height as usize);
    if width == 0 || height == 0 {
        return Ok(GlyphMask::empty(left as i32, top as i32));
    }

    // Two spare columns: the rasterizer accumulates coverage along each row and may add a contribution
    // one column right of the rightmost edge; without the spare column it would spill into the next row.
    let raster_width = width + 2;
    let mut rasterizer = Rasterizer::new(raster_width, height);
    let local = |p: Point| {
        let (x, y) = to_dots(p);
        point((x - left) as f32, (y - top) as f32)
    };
    draw(&mut rasterizer, outline, local);

    let stride = width.div_ceil(8);
    let mut bits = vec![0u8; stride * height];
    let (mut x, mut row) = (0usize, 0usize);
    rasterizer.for_each_pixel(|_, coverage| {
        if x < width && coverage >= 0.5 {
            if let Some(byte) = bits.get_mut(row + x / 8) {
                *byte |= 0x80 >> (x % 8);
            }
        }
        x += 1;
        if x == raster_width {
            x = 0;
            row += stride;
        }
    });
    Ok(GlyphMask {
        left: left as i32,
        top: top as i32,
        width: width as u32,
        height: height as u32,
        bits,
    })
}

/// Draws every contour of `outline`, closing each with a line back to its start (as SVG's `Z` does).
fn draw(rasterizer: &mut Rasterizer, outline: &Outline, local: impl Fn(Point) -> RasterPoint) {
    let mut start: Option<RasterPoint> = None;
    let mut current = point(0.0, 0.0);
    for segment in outline.segments() {
        match segment {
            Segment::Move(p) => {
                if let Some(first) = start {
                    rasterizer.draw_line(current, first);
                }
                current = local(p);
                start = Some(current);
            }
            Segment::Line(p) => {
                let p = local(p);
                rasterizer.draw_line(current, p);
                current = p;
            }
            Segment::Quad(c, p) => {
                let p = local(p);
                rasterizer.draw_quad(current, local(c), p);
                current = p;
            }
            Segment::Cubic(c1, c2, p) => {
                let p = local(p);
                rasterizer.draw_cubic(current, local(c1), local(c2), p);
                current = p;
            }
            Segment::Close => {
                // SVG's Z draws the closing line and leaves the current point at the contour's start.
                if let Some(first) = start.take() {
                    rasterizer.draw_line(current, first);
                    current = first;
                }
            }
        }
    }
    if let Some(first) = start {
        rasterizer.draw_line(current, first);
    }
}

#[cfg(test)]
mod tests {
    use super::super::outline::parse_path;
    use super::super::test_support::{font, found as glyph};
    use super::*;

    /// Runs of consecutive ink dots in row `y`: (first x, length).
    fn runs(mask: &GlyphMask, y: u32) -> Vec<(u32, u32)> {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for x in 0..mask.width() {
            if mask.is_set(x, y) {
                match runs.last_mut() {
                    Some((start, len)) if *start + *len == x => *len += 1,
                    _ => runs.push((x, 1)),
                }
            }
        }
        runs
    }

    /// The ink's bounding box in bitmap dots: (left, top, right, bottom), right and bottom exclusive.
    fn ink_box(mask: &GlyphMask) -> (i32, i32, i32, i32) {
        let set: Vec<(u32, u32)> = (0..mask.height())
            .flat_map(|y| (0..mask.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| mask.is_set(x, y))
            .collect();
        let (x0, x1) = (
            set.iter().map(|p| p.0).min().unwrap(),
            set.iter().map(|p| p.0).max().unwrap(),
        );
        let (y0, y1) = (
            set.iter().map(|p| p.1).min().unwrap(),
            set.iter().map(|p| p.1).max().unwrap(),
        );
        (
            mask.left() + x0 as i32,
            mask.top() + y0 as i32,
            mask.left() + x1 as i32 + 1,
            mask.top() + y1 as i32 + 1,
        )
    }

    // 'H' in the font: stems at x 169..516 and 1027..1373, crossbar at y 633..924, cap height 1493.
    // At 5 mm em size on an 8 dots/mm printer a font unit is 40/2048 dots: stems 6.8 dots wide.
    const DOTS_PER_UNIT: f64 = 40.0 / 2048.0;

    #[test]
    fn capital_h_has_two_stems_and_a_crossbar() {
        let mask = font()
            .glyph_mask(glyph('H'), 10.0, 50.0, DOTS_PER_UNIT)
            .unwrap();
        let row_at = |font_y: f64| (50.0 - font_y * DOTS_PER_UNIT).floor() as i32 - mask.top();
        for font_y in [100.0, 300.0, 1100.0, 1400.0] {
            let stems = runs(&mask, row_at(font_y) as u32);
            assert_eq!(stems.len(), 2, "two stems at font y {font_y}: {stems:?}");
            for (_, width) in &stems {
                assert!((6..=8).contains(width), "a stem is 6.8 dots: {stems:?}");
            }
            let gap = stems[1].0 - (stems[0].0 + stems[0].1);
            assert!((9..=11).contains(&gap), "the counter is 10 dots: {stems:?}");
        }
        let bar = runs(&mask, row_at(780.0) as u32);
        assert_eq!(bar.len(), 1, "the crossbar joins the stems: {bar:?}");
        assert!((23..=25).contains(&bar[0].1), "23.5 dots across: {bar:?}");
    }

    #[test]
    fn ink_matches_the_scaled_glyph_box_within_a_dot() {
        let font = font();
        for (ch, origin_x, baseline_y, dots_per_unit) in [
            ('H', 10.0, 50.0, DOTS_PER_UNIT),
            ('Ж', 3.25, 40.5, 30.0 / 2048.0),
            ('g', 0.0, 20.0, 24.0 / 2048.0),
            ('№', 100.7, 300.2, 71.0 / 2048.0),
        ] {
            let id = glyph(ch);
            let mask = font
                .glyph_mask(id, origin_x, baseline_y, dots_per_unit)
                .unwrap();
            let rect = super::super::test_support::face()
                .glyph_bounding_box(ttf_parser::GlyphId(id.get()))
                .unwrap();
            let expected = (
                origin_x + f64::from(rect.x_min) * dots_per_unit,
                baseline_y - f64::from(rect.y_max) * dots_per_unit,
                origin_x + f64::from(rect.x_max) * dots_per_unit,
                baseline_y - f64::from(rect.y_min) * dots_per_unit,
            );
            let ink = ink_box(&mask);
            let close = |a: i32, b: f64| (f64::from(a) - b).abs() <= 1.0;
            assert!(
                close(ink.0, expected.0)
                    && close(ink.1, expected.1)
                    && close(ink.2, expected.2)
                    && close(ink.3, expected.3),
                "{ch:?}: ink {ink:?}, box {expected:?}"
            );
        }
    }

    /// Whether the point is inside the path (non-zero winding, as SVG fills), with curves flattened.
    fn inside(polygons: &[Vec<(f64, f64)>], x: f64, y: f64) -> bool {
        let mut winding = 0;
        for polygon in polygons {
            for (i, &(x0, y0)) in polygon.iter().enumerate() {
                let (x1, y1) = polygon[(i + 1) % polygon.len()];
                if (y0 <= y) != (y1 <= y) {
                    let cross_x = x0 + (y - y0) / (y1 - y0) * (x1 - x0);
                    if cross_x > x {
                        winding += if y1 > y0 { 1 } else { -1 };
                    }
                }
            }
        }
        winding != 0
    }

    /// The SVG path data flattened into polygons in dots, placed as an SVG `<use>` would place it.
    fn polygons(path: &str, origin_x: f64, baseline_y: f64, scale: f64) -> Vec<Vec<(f64, f64)>> {
        let at = |x: i64, y: i64| (origin_x + x as f64 * scale, baseline_y + y as f64 * scale);
        let mut polygons: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current = (0.0, 0.0);
        for (command, args) in parse_path(path).unwrap() {
            let a: Vec<(f64, f64)> = args.chunks(2).map(|p| at(p[0], p[1])).collect();
            match command {
                'M' => {
                    current = a[0];
                    polygons.push(vec![current]);
                }
                'L' => {
                    current = a[0];
                    polygons.last_mut().unwrap().push(current);
                }
                'Q' | 'C' => {
                    let p0 = current;
                    for step in 1..=32 {
                        let t = f64::from(step) / 32.0;
                        let mt = 1.0 - t;
                        let point = if command == 'Q' {
                            (
                                mt * mt * p0.0 + 2.0 * mt * t * a[0].0 + t * t * a[1].0,
                                mt * mt * p0.1 + 2.0 * mt * t * a[0].1 + t * t * a[1].1,
                            )
                        } else {
                            (
                                mt.powi(3) * p0.0
                                    + 3.0 * mt * mt * t * a[0].0
                                    + 3.0 * mt * t * t * a[1].0
                                    + t.powi(3) * a[2].0,
                                mt.powi(3) * p0.1
                                    + 3.0 * mt * mt * t * a[0].1
                                    + 3.0 * mt * t * t * a[1].1
                                    + t.powi(3) * a[2].1,
                            )
                        };
                        polygons.last_mut().unwrap().push(point);
                    }
                    current = *a.last().unwrap();
                }
                _ => {}
            }
        }
        polygons
    }

    #[test]
    fn mask_agrees_with_the_svg_path_except_at_edges() {
        // The reference samples the SVG path at each dot's centre, as a renderer without antialiasing
        // would; the mask thresholds exact coverage. They may differ only where a dot straddles an edge:
        // where the reference has both ink and paper among the dot's neighbours.
        let font = font();
        for (text, dots_per_unit) in [
            ("ЖШФЁйgQ@&8%₽№", 24.0 / 2048.0),
            ("Ыюя«»ÅçS5", 47.0 / 2048.0),
            ("ьб", 100.0 / 2048.0),
        ] {
            for ch in text.chars() {
                let id = glyph(ch);
                let (origin_x, baseline_y) = (5.3, 120.6);
                let mask = font
                    .glyph_mask(id, origin_x, baseline_y, dots_per_unit)
                    .unwrap();
                let shape = polygons(&font.svg_path(id), origin_x, baseline_y, dots_per_unit);
                let reference =
                    |x: i32, y: i32| inside(&shape, f64::from(x) + 0.5, f64::from(y) + 0.5);
                let (mut ink, mut differ) = (0, 0);
                for y in mask.top() - 2..mask.top() + mask.height() as i32 + 2 {
                    for x in mask.left() - 2..mask.left() + mask.width() as i32 + 2 {
                        let (mx, my) = (x - mask.left(), y - mask.top());
                        let masked = mx >= 0 && my >= 0 && mask.is_set(mx as u32, my as u32);
                        let expected = reference(x, y);
                        ink += i32::from(expected);
                        if masked != expected {
                            differ += 1;
                            let neighbours: Vec<bool> = (-1..=1)
                                .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                                .map(|(dx, dy)| reference(x + dx, y + dy))
                                .collect();
                            assert!(
                                neighbours.contains(&true) && neighbours.contains(&false),
                                "{ch:?} at {dots_per_unit}: dot ({x}, {y}) differs away from any edge"
                            );
                        }
                    }
                }
                assert!(ink > 0);
                assert!(
                    differ * 10 <= ink,
                    "{ch:?}: {differ} of {ink} ink dots differ"
                );
            }
        }
    }

    #[test]
    fn mask_layout_is_packed_rows() {
        let mask = font()
            .glyph_mask(glyph('Ш'), 0.4, 30.0, DOTS_PER_UNIT)
            .unwrap();
        assert_eq!(mask.bits().len(), mask.stride() * mask.height() as usize);
        assert_eq!(mask.stride(), (mask.width() as usize).div_ceil(8));
        let padding = mask.stride() * 8 - mask.width() as usize;
        if padding > 0 {
            for y in 0..mask.height() {
                let last = *mask.row(y).unwrap().last().unwrap();
                assert_eq!(last & ((1u8 << padding) - 1), 0, "padding bits are clear");
            }
        }
        assert!(mask.row(mask.height()).is_none());
        assert!(!mask.is_set(mask.width(), 0));
        assert!(mask.count_set() > 0);
        assert_eq!(
            mask,
            font()
                .glyph_mask(glyph('Ш'), 0.4, 30.0, DOTS_PER_UNIT)
                .unwrap()
        );
    }

    #[test]
    fn space_has_an_empty_mask() {
        let mask = font()
            .glyph_mask(glyph(' '), 7.5, 20.2, DOTS_PER_UNIT)
            .unwrap();
        assert_eq!((mask.width(), mask.height(), mask.count_set()), (0, 0, 0));
        assert!(mask.bits().is_empty());
    }

    #[test]
    fn bad_placements_are_errors() {
        let font = font();
        let h = glyph('H');
        for (x, y, scale) in [
            (f64::NAN, 0.0, 0.01),
            (0.0, f64::INFINITY, 0.01),
            (0.0, 0.0, 0.0),
            (0.0, 0.0, -0.01),
            (0.0, 0.0, f64::NAN),
        ] {
            assert!(
                matches!(
                    font.glyph_mask(h, x, y, scale),
                    Err(FontError::InvalidPlacement { .. })
                ),
                "({x}, {y}, {scale})"
            );
        }
        assert!(matches!(
            font.glyph_mask(h, 0.0, 0.0, 10.0),
            Err(FontError::MaskTooLarge {
                limit: GlyphMask::MAX_SIDE,
                ..
            })
        ));
        assert!(matches!(
            font.glyph_mask(h, 1e300, 0.0, 0.01),
            Err(FontError::MaskTooLarge { .. })
        ));
        assert!(
            font.glyph_mask(h, -5000.0, -5000.0, 0.01).is_ok(),
            "off the bitmap is the caller's to clip"
        );
    }
}
