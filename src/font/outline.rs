//! A glyph's outline in integer font units, read once from the font and shared by the SVG writer and the
//! rasterizer so both draw exactly the same shape.
//!
//! TrueType coordinates are integers, but the on-curve points TrueType implies between two off-curve
//! points are midpoints and may fall on half units; they are rounded (half away from zero) here, a shift
//! of at most half a unit (0.0007 mm at 3 mm em size), so that both consumers see integers.

use std::fmt::Write;

use ttf_parser::{Face, OutlineBuilder};

use super::GlyphId;

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

/// A glyph outline: closed contours of integer segments. Empty for glyphs without ink.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    pub(crate) segments: Vec<Segment>,
}

impl Outline {
    /// A glyph without outline.
    pub(crate) const EMPTY: Outline = Outline {
        segments: Vec::new(),
    };

    /// The outline of `glyph`, empty if the glyph has none or the font does not have the glyph.
    pub(crate) fn of(face: &Face<'_>, glyph: GlyphId) -> Outline {
        let mut outline = Outline::default();
        if face.outline_glyph(glyph.ttf(), &mut outline).is_none() {
            outline.segments.clear();
        }
        outline
    }

    /// All points of the outline, control points included.
    pub(crate) fn points(&self) -> impl Iterator<Item = Point> + '_ {
        self.segments.iter().flat_map(|segment| {
            let (points, count): ([Point; 3], usize) = match *segment {
                Segment::Move(p) | Segment::Line(p) => ([p, p, p], 1),
                Segment::Quad(c, p) => ([c, p, p], 2),
                Segment::Cubic(c1, c2, p) => ([c1, c2, p], 3),
                Segment::Close => ([Point { x: 0, y: 0 }; 3], 0),
            };
            points.into_iter().take(count)
        })
    }

    /// The leftmost and rightmost x of the outline's points, or `None` if it is empty. Control points
    /// bound their curves, so the ink lies within.
    pub(crate) fn x_range(&self) -> Option<(i32, i32)> {
        self.points().fold(None, |range, p| match range {
            None => Some((p.x, p.x)),
            Some((min, max)) => Some((min.min(p.x), max.max(p.x))),
        })
    }

    /// SVG path data, y negated (pointing down), absolute commands, integers, no trailing space.
    pub(crate) fn to_svg_path(&self) -> String {
        let mut path = String::with_capacity(self.segments.len() * 12);
        // Writing to a String cannot fail; the results are ignored for that reason.
        for segment in &self.segments {
            let _ = match *segment {
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

/// A font coordinate to an integer: TrueType coordinates are integers already, implied midpoints round.
fn unit(v: f32) -> i32 {
    // `as` saturates and maps NaN to 0; outlines never hold either.
    v.round() as i32
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: unit(x),
        y: unit(y),
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.segments.push(Segment::Move(point(x, y)));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.segments.push(Segment::Line(point(x, y)));
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.segments
            .push(Segment::Quad(point(x1, y1), point(x, y)));
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.segments
            .push(Segment::Cubic(point(x1, y1), point(x2, y2), point(x, y)));
    }

    fn close(&mut self) {
        self.segments.push(Segment::Close);
    }
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
    use super::super::test_support::font;
    use super::super::CharGlyph;
    use super::parse_path;

    fn path_of(ch: char) -> String {
        match font().glyph(ch) {
            CharGlyph::Found(glyph) => font().svg_path(glyph),
            other => panic!("{ch:?}: {other:?}"),
        }
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
            let glyph = super::super::GlyphId(id);
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
        assert_eq!(font.svg_path(super::super::GlyphId(u16::MAX)), "");
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
