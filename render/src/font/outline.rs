//! A glyph's outline in integer font units, generated at build time (`build.rs`) and shared by the SVG
//! writer and the rasterizer so both draw exactly the same shape.
//!
//! TrueType coordinates are integers, but the on-curve points TrueType implies between two off-curve
//! points are midpoints and may fall on half units; `build.rs` rounds them (half away from zero), a shift
//! of at most half a unit (0.0007 mm at 3 mm em size), so that both consumers see integers.

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

    /// SVG path data, y negated (pointing down), integers, as short as the path grammar allows: the
    /// first point absolute, everything after it relative (`m l h v q c z`), a repeated command letter
    /// left out, no separator before a minus sign, and no closing line that `z` draws anyway. Glyph
    /// definitions are most of a label's bytes; this form is about a third shorter than absolute
    /// `M L Q C Z` with spaces.
    pub(crate) fn to_svg_path(self) -> String {
        let mut path = PathText {
            text: String::with_capacity(self.ops.len() * 8),
            command: None,
        };
        let (mut start, mut pen) = ((0, 0), (0, 0));
        let mut segments = self.segments().peekable();
        while let Some(segment) = segments.next() {
            let down = |p: Point| (p.x, -p.y);
            let delta = |p: (i32, i32), from: (i32, i32)| [p.0 - from.0, p.1 - from.1];
            match segment {
                Segment::Move(p) => {
                    let p = down(p);
                    if path.text.is_empty() {
                        path.command('M', &[p.0, p.1]);
                    } else {
                        path.command('m', &delta(p, pen));
                    }
                    (start, pen) = (p, p);
                }
                Segment::Line(p) => {
                    let p = down(p);
                    let closes = p == start && matches!(segments.peek(), Some(Segment::Close));
                    if !closes {
                        if p.1 == pen.1 {
                            path.command('h', &[p.0 - pen.0]);
                        } else if p.0 == pen.0 {
                            path.command('v', &[p.1 - pen.1]);
                        } else {
                            path.command('l', &delta(p, pen));
                        }
                    }
                    pen = p;
                }
                Segment::Quad(c, p) => {
                    let (c, p) = (down(c), down(p));
                    let [cx, cy] = delta(c, pen);
                    let [x, y] = delta(p, pen);
                    path.command('q', &[cx, cy, x, y]);
                    pen = p;
                }
                Segment::Cubic(c1, c2, p) => {
                    let (c1, c2, p) = (down(c1), down(c2), down(p));
                    let [ax, ay] = delta(c1, pen);
                    let [bx, by] = delta(c2, pen);
                    let [x, y] = delta(p, pen);
                    path.command('c', &[ax, ay, bx, by, x, y]);
                    pen = p;
                }
                Segment::Close => {
                    path.command('z', &[]);
                    pen = start;
                }
            }
        }
        path.text
    }
}

/// Compact SVG path text being written.
struct PathText {
    text: String,
    /// The last command letter written, which a repeat may leave out.
    command: Option<char>,
}

impl PathText {
    fn command(&mut self, letter: char, args: &[i32]) {
        let repeats = self.command == Some(letter) && matches!(letter, 'l' | 'h' | 'v' | 'q' | 'c');
        if repeats {
            // The arguments go on; a separator is needed unless a minus sign starts them.
            if args.first().is_some_and(|&v| v >= 0) {
                self.text.push(' ');
            }
        } else {
            self.text.push(letter);
        }
        for (index, &value) in args.iter().enumerate() {
            if index > 0 && value >= 0 {
                self.text.push(' ');
            }
            self.text.push_str(itoa::Buffer::new().format(value));
        }
        self.command = Some(letter);
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
/// Checks path data against the grammar the SVG writer uses — `M` first, then relative `m l h v q c z`
/// (a repeated letter may be left out), integer arguments only, every contour closed — and returns it as
/// absolute `M`/`L`/`Q`/`C`/`Z` commands, so tests can read coordinates.
pub(crate) fn parse_path(path: &str) -> Result<Vec<(char, Vec<i64>)>, String> {
    // Tokens: a command letter and the numbers after it.
    let mut groups: Vec<(char, Vec<i64>)> = Vec::new();
    let mut number = String::new();
    let flush = |number: &mut String, groups: &mut Vec<(char, Vec<i64>)>| -> Result<(), String> {
        if !number.is_empty() {
            let value: i64 = number
                .parse()
                .map_err(|_| format!("bad number {number:?}"))?;
            groups
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
            'M' | 'm' | 'l' | 'h' | 'v' | 'q' | 'c' | 'z' => {
                flush(&mut number, &mut groups)?;
                groups.push((ch, Vec::new()));
            }
            ' ' => flush(&mut number, &mut groups)?,
            '-' => {
                flush(&mut number, &mut groups)?;
                number.push(ch);
            }
            '0'..='9' => number.push(ch),
            other => return Err(format!("unexpected {other:?}")),
        }
    }
    flush(&mut number, &mut groups)?;

    let mut commands: Vec<(char, Vec<i64>)> = Vec::new();
    let (mut pen, mut start) = ((0_i64, 0_i64), (0_i64, 0_i64));
    let mut open = false;
    for (index, (letter, args)) in groups.iter().enumerate() {
        let arity = match letter {
            'M' | 'm' | 'l' => 2,
            'h' | 'v' => 1,
            'q' => 4,
            'c' => 6,
            _ => 0,
        };
        if (*letter == 'M') != (index == 0) {
            return Err("M must come first, and only first".into());
        }
        let repeats = matches!(letter, 'l' | 'h' | 'v' | 'q' | 'c');
        let valid = if arity == 0 {
            args.is_empty()
        } else if repeats {
            !args.is_empty() && args.len() % arity == 0
        } else {
            args.len() == arity
        };
        if !valid {
            return Err(format!("{letter} takes {arity} numbers, got {args:?}"));
        }
        match letter {
            'M' | 'm' => {
                if open {
                    return Err("contour not closed before a move".into());
                }
                open = true;
            }
            _ if !open => return Err(format!("{letter} outside a contour")),
            _ => {}
        }
        if *letter == 'z' {
            commands.push(('Z', Vec::new()));
            pen = start;
            open = false;
            continue;
        }
        for chunk in args.chunks(arity) {
            let at = |dx: i64, dy: i64| (pen.0 + dx, pen.1 + dy);
            let (command, points) = match (letter, chunk) {
                ('M', [x, y]) => ('M', vec![(*x, *y)]),
                ('m', [dx, dy]) => ('M', vec![at(*dx, *dy)]),
                ('l', [dx, dy]) => ('L', vec![at(*dx, *dy)]),
                ('h', [dx]) => ('L', vec![at(*dx, 0)]),
                ('v', [dy]) => ('L', vec![at(0, *dy)]),
                ('q', [a, b, x, y]) => ('Q', vec![at(*a, *b), at(*x, *y)]),
                ('c', [a, b, c, d, x, y]) => ('C', vec![at(*a, *b), at(*c, *d), at(*x, *y)]),
                _ => return Err(format!("bad {letter} arguments {chunk:?}")),
            };
            pen = *points.last().ok_or("no point")?;
            if command == 'M' {
                start = pen;
            }
            commands.push((command, points.iter().flat_map(|&(x, y)| [x, y]).collect()));
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
            // The segments as absolute commands, y down, without a closing line `z` draws anyway.
            let mut expected: Vec<(char, Vec<i64>)> = Vec::new();
            let mut start = Point { x: 0, y: 0 };
            let segments: Vec<Segment> = font.outline(GlyphId(id)).segments().collect();
            for (index, segment) in segments.iter().enumerate() {
                let (command, points) = match *segment {
                    Segment::Move(p) => {
                        start = p;
                        ('M', vec![p])
                    }
                    Segment::Line(p)
                        if p == start && segments.get(index + 1) == Some(&Segment::Close) =>
                    {
                        continue
                    }
                    Segment::Line(p) => ('L', vec![p]),
                    Segment::Quad(c, p) => ('Q', vec![c, p]),
                    Segment::Cubic(c1, c2, p) => ('C', vec![c1, c2, p]),
                    Segment::Close => ('Z', vec![]),
                };
                let numbers = points
                    .iter()
                    .flat_map(|p| [i64::from(p.x), -i64::from(p.y)])
                    .collect();
                expected.push((command, numbers));
            }
            let path = font.svg_path(GlyphId(id));
            assert_eq!(parse_path(&path).unwrap(), expected, "glyph {id}: {path}");
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
        assert_eq!(path_of('-'), "M100-735h565v291h-565z");
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
        assert_eq!(
            parse_path("M10-5l1 1 2-2h3v-4q1 1 2 2zm1 1h1z").unwrap(),
            vec![
                ('M', vec![10, -5]),
                ('L', vec![11, -4]),
                ('L', vec![13, -6]),
                ('L', vec![16, -6]),
                ('L', vec![16, -10]),
                ('Q', vec![17, -9, 18, -8]),
                ('Z', vec![]),
                ('M', vec![11, -4]),
                ('L', vec![12, -4]),
                ('Z', vec![]),
            ]
        );
        assert!(parse_path("M0 0l1.5 1z").is_err());
        assert!(parse_path("M0 0l1 1").is_err(), "not closed");
        assert!(
            parse_path("M0 0H1z").is_err(),
            "absolute H is not in the grammar"
        );
        assert!(parse_path("M0 0q1 1z").is_err(), "q takes 4");
        assert!(parse_path("m0 0l1 1z").is_err(), "starts with M");
        assert!(parse_path("M0 0l1 1zM2 2l1 1z").is_err(), "M only first");
    }
}
