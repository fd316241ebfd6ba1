//! A glyph's outline in integer font units, generated at build time (`build.rs`) and shared by the SVG
//! writer and the rasterizer so both draw exactly the same shape.
//!
//! TrueType coordinates are integers, but the on-curve points TrueType implies between two off-curve
//! points are midpoints and may fall on half units; `build.rs` rounds them (half away from zero), a shift
//! of at most half a unit (0.0007 mm at 3 mm em size), so that both consumers see integers.

use std::fmt::Write;

/// A point in font units, y pointing up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    pub(crate) x: i32,
    pub(crate) y: i32,
}

/// One drawing command of an outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Starts a contour.
    Move(Point),
    /// A straight line to the point.
    Line(Point),
    /// A quadratic Bézier curve: control point, end point.
    Quad(Point, Point),
    /// A cubic Bézier curve: two control points, end point.
    Cubic(Point, Point, Point),
    /// Closes the contour with a straight line back to its start.
    Close,
}

/// A glyph outline: closed contours of integer segments, read from the generated tables. Empty for
/// glyphs without ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outline {
    /// One command byte per segment: `M`, `L`, `Q`, `C` or `Z`.
    ops: &'static [u8],
    /// The segments' points in order: x then y, each the zigzag LEB128 difference from the previous
    /// point's (from 0, 0).
    points: &'static [u8],
}

impl Outline {
    /// A glyph without outline.
    pub(crate) const EMPTY: Outline = Outline {
        ops: &[],
        points: &[],
    };

    /// An outline from its slices of the generated command and point streams.
    pub(crate) fn new(ops: &'static [u8], points: &'static [u8]) -> Outline {
        Outline { ops, points }
    }

    /// The drawing commands in order.
    pub(crate) fn segments(self) -> impl Iterator<Item = Segment> {
        let mut points = self.points();
        let mut next = move || points.next().unwrap_or(Point { x: 0, y: 0 });
        self.ops.iter().map(move |op| match op {
            b'M' => Segment::Move(next()),
            b'L' => Segment::Line(next()),
            b'Q' => Segment::Quad(next(), next()),
            b'C' => Segment::Cubic(next(), next(), next()),
            _ => Segment::Close,
        })
    }

    /// All points of the outline, control points included.
    pub(crate) fn points(self) -> impl Iterator<Item = Point> {
        let mut bytes = self.points.iter().copied();
        let mut at = Point { x: 0, y: 0 };
        std::iter::from_fn(move || {
            let dx = varint(&mut bytes)?;
            let dy = varint(&mut bytes)?;
            at = Point {
                x: at.x.saturating_add(dx),
                y: at.y.saturating_add(dy),
            };
            Some(at)
        })
    }

    /// SVG path data, y negated (pointing down), absolute commands, integers, no trailing space.
    pub(crate) fn to_svg_path(self) -> String {
        let mut path = String::with_capacity(self.ops.len() * 12);
        // Writing to a String cannot fail; the results are ignored for that reason.
        for segment in self.segments() {
            let _ = match segment {
                Segment::Move(p) => write!(path, "M{} {}", p.x, -p.y),
                Segment::Line(p) => write!(path, "L{} {}", p.x, -p.y),
                Segment::Quad(c, p) => write!(path, "Q{} {} {} {}", c.x, -c.y, p.x, -p.y),
                Segment::Cubic(c1, c2, p) => write!(
                    path,
                    "C{} {} {} {} {} {}",
                    c1.x, -c1.y, c2.x, -c2.y, p.x, -p.y
                ),
                Segment::Close => write!(path, "Z"),
            };
        }
        path
    }
}

/// Reads one zigzag LEB128 value (as `build.rs` writes them); `None` at the end of the stream.
fn varint(bytes: &mut impl Iterator<Item = u8>) -> Option<i32> {
    let mut zigzag: u32 = 0;
    for shift in (0..32).step_by(7) {
        let byte = bytes.next()?;
        zigzag |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32));
        }
    }
    None
}

#[cfg(test)]
/// Checks path data against the grammar the SVG writer relies on: absolute M/L/Q/C/Z, each with its
/// number of integer arguments, starting with M and closing every contour. Returns the commands.
pub(crate) fn parse_path(path: &str) -> Result<Vec<(char, Vec<i64>)>, String> {
    let mut commands: Vec<(char, Vec<i64>)> = Vec::new();
    let mut number = String::new();
    let flush = |number: &mut String, commands: &mut Vec<(char, Vec<i64>)>| -> Result<(), String> {
        if !number.is_empty() {
            let value: i64 = number
                .parse()
                .map_err(|_| format!("bad number {number:?}"))?;
            commands
                .last_mut()
                .ok_or("number before command")?
                .1
                .push(value);
            number.clear();
        }
        Ok(())
    };
    for ch in path.chars() {
        match ch {
            'M' | 'L' | 'Q' | 'C' | 'Z' => {
                flush(&mut number, &mut commands)?;
                commands.push((ch, Vec::new()));
            }
            ' ' => flush(&mut number, &mut commands)?,
            '-' if number.is_empty() => number.push(ch),
            '0'..='9' => number.push(ch),
            other => return Err(format!("unexpected {other:?}")),
        }
    }
    flush(&mut number, &mut commands)?;
    let mut open = false;
    for (command, args) in &commands {
        let arity = match command {
            'M' => 2,
            'L' => 2,
            'Q' => 4,
            'C' => 6,
            _ => 0,
        };
        if args.len() != arity {
            return Err(format!("{command} takes {arity} numbers, got {args:?}"));
        }
        match command {
            'M' => {
                if open {
                    return Err("contour not closed before M".into());
                }
                open = true;
            }
            'Z' => open = false,
            _ if !open => return Err(format!("{command} outside a contour")),
            _ => {}
        }
    }
    if open {
        return Err("last contour not closed".into());
    }
    Ok(commands)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{face, font};
    use super::super::{CharGlyph, GlyphId};
    use super::{parse_path, Point, Segment};

    /// The outline read from the font file with `ttf-parser`, rounded to integers the way the tables
    /// should be: an independent reading to hold the generated tables against.
    #[derive(Default)]
    struct Reference(Vec<Segment>);

    fn point(x: f32, y: f32) -> Point {
        Point {
            x: x.round() as i32,
            y: y.round() as i32,
        }
    }

    impl ttf_parser::OutlineBuilder for Reference {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push(Segment::Move(point(x, y)));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push(Segment::Line(point(x, y)));
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0.push(Segment::Quad(point(x1, y1), point(x, y)));
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0
                .push(Segment::Cubic(point(x1, y1), point(x2, y2), point(x, y)));
        }
        fn close(&mut self) {
            self.0.push(Segment::Close);
        }
    }

    #[test]
    fn generated_outlines_are_the_font_files_outlines() {
        let (face, font) = (face(), font());
        assert_eq!(face.number_of_glyphs(), font.glyph_count());
        for id in 0..font.glyph_count() {
            let mut reference = Reference::default();
            if face
                .outline_glyph(ttf_parser::GlyphId(id), &mut reference)
                .is_none()
            {
                reference.0.clear();
            }
            let generated: Vec<Segment> = font.outline(GlyphId(id)).segments().collect();
            assert_eq!(generated, reference.0, "glyph {id}");
        }
        assert_eq!(
            font.outline(GlyphId(font.glyph_count())).segments().count(),
            0
        );
    }

    fn path_of(ch: char) -> String {
        match font().glyph(ch) {
            CharGlyph::Found(glyph) => font().svg_path(glyph),
            other => panic!("{ch:?}: {other:?}"),
        }
    }

    #[test]
    fn svg_paths_are_the_outlines_the_rasterizer_fills() {
        let font = font();
        for id in 0..font.glyph_count() {
            let mut path = String::new();
            for segment in font.outline(GlyphId(id)).segments() {
                let (command, points) = match segment {
                    Segment::Move(p) => ('M', vec![p]),
                    Segment::Line(p) => ('L', vec![p]),
                    Segment::Quad(c, p) => ('Q', vec![c, p]),
                    Segment::Cubic(c1, c2, p) => ('C', vec![c1, c2, p]),
                    Segment::Close => ('Z', vec![]),
                };
                path.push(command);
                let numbers: Vec<String> =
                    points.iter().map(|p| format!("{} {}", p.x, -p.y)).collect();
                path.push_str(&numbers.join(" "));
            }
            assert_eq!(font.svg_path(GlyphId(id)), path, "glyph {id}");
        }
    }

    #[test]
    fn point_stream_decodes_zigzag_leb128_differences() {
        let decode = |bytes: &[u8]| {
            let mut bytes = bytes.iter().copied();
            std::iter::from_fn(|| super::varint(&mut bytes)).collect::<Vec<i32>>()
        };
        assert_eq!(decode(&[0, 1, 2, 0x7f]), [0, -1, 1, -64]);
        assert_eq!(decode(&[0x80, 0x01, 0xff, 0xff, 0x03]), [64, -32768]);
        assert_eq!(decode(&[0x80]), [0; 0], "a cut-off value is the end");
    }

    #[test]
    fn hyphen_path_is_exact() {
        // A golden value: the same bytes on every platform. The hyphen is a rectangle at y 444..735.
        assert_eq!(
            path_of('-'),
            "M100 -735L665 -735L665 -444L100 -444L100 -735Z"
        );
    }

    #[test]
    fn every_glyph_path_is_valid_integer_path_data() {
        let font = font();
        let mut non_empty = 0;
        for id in 0..font.glyph_count() {
            let glyph = GlyphId(id);
            let path = font.svg_path(glyph);
            assert_eq!(path, font.svg_path(glyph), "deterministic");
            let commands = parse_path(&path).unwrap_or_else(|e| panic!("glyph {id}: {e}: {path}"));
            if !commands.is_empty() {
                non_empty += 1;
            }
        }
        assert!(non_empty > 300);
    }

    #[test]
    fn path_is_y_down_within_the_font_box() {
        let font = font();
        let commands = parse_path(&path_of('Ж')).unwrap();
        let ys: Vec<i64> = commands
            .iter()
            .flat_map(|(_, args)| args.iter().skip(1).step_by(2).copied())
            .collect();
        let top = ys.iter().copied().min().unwrap();
        let bottom = ys.iter().copied().max().unwrap();
        assert_eq!(
            top,
            -i64::from(font.cap_height()),
            "cap height is up, so negative"
        );
        assert_eq!(bottom, 0, "sits on the baseline");
        // 'р' descends below the baseline: positive y in SVG.
        let descent = parse_path(&path_of('р'))
            .unwrap()
            .iter()
            .flat_map(|(_, args)| args.iter().skip(1).step_by(2).copied().collect::<Vec<_>>())
            .max()
            .unwrap();
        assert!(descent > 0 && descent <= -i64::from(font.descender()));
    }

    #[test]
    fn space_and_unknown_ids_have_empty_paths() {
        let font = font();
        assert_eq!(path_of(' '), "");
        assert_eq!(font.svg_path(GlyphId(u16::MAX)), "");
    }

    #[test]
    fn grammar_check_rejects_bad_paths() {
        assert!(parse_path("M0 0L1 1Z").is_ok());
        assert!(parse_path("M0 0L1.5 1Z").is_err());
        assert!(parse_path("M0 0L1 1").is_err());
        assert!(parse_path("M0 0H1Z").is_err());
        assert!(parse_path("M0 0Q1 1Z").is_err());
    }
}
