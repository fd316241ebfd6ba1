//! Plane geometry on a package face, in mm, y pointing down: axis-aligned rectangles, a label's
//! placement (rotated about its centre), overlap by separating axes, and whether one rectangle fits
//! inside another at some angle.

/// Lengths closer than this are equal: far below any measurement, far above float noise.
pub(crate) const EPS: f64 = 1e-6;

/// A point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pt {
    pub x: f64,
    pub y: f64,
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn corners(&self) -> [Pt; 4] {
        [
            Pt {
                x: self.x,
                y: self.y,
            },
            Pt {
                x: self.x + self.w,
                y: self.y,
            },
            Pt {
                x: self.x + self.w,
                y: self.y + self.h,
            },
            Pt {
                x: self.x,
                y: self.y + self.h,
            },
        ]
    }
}

/// A label's rectangle placed on a face: its top-left corner at (x, y) before turning, then turned
/// clockwise by the angle about its own centre (as CSS `transform: rotate()` turns an element).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement {
    centre: Pt,
    half_w: f64,
    half_h: f64,
    cos: f64,
    sin: f64,
}

impl Placement {
    pub fn new(x: f64, y: f64, w: f64, h: f64, rotation_deg: f64) -> Placement {
        let (sin, cos) = sin_cos_deg(rotation_deg);
        Placement {
            centre: Pt {
                x: x + w / 2.0,
                y: y + h / 2.0,
            },
            half_w: w / 2.0,
            half_h: h / 2.0,
            cos,
            sin,
        }
    }

    /// A point in label coordinates (mm from the label's top-left corner) on the face.
    pub fn place(&self, p: Pt) -> Pt {
        let (dx, dy) = (p.x - self.half_w, p.y - self.half_h);
        Pt {
            x: self.centre.x + dx * self.cos - dy * self.sin,
            y: self.centre.y + dx * self.sin + dy * self.cos,
        }
    }

    /// A rectangle in label coordinates, on the face.
    pub fn rect_to_face(&self, r: &Rect) -> [Pt; 4] {
        r.corners().map(|p| self.place(p))
    }

    /// The whole label on the face.
    pub fn outline(&self) -> [Pt; 4] {
        self.rect_to_face(&Rect {
            x: 0.0,
            y: 0.0,
            w: 2.0 * self.half_w,
            h: 2.0 * self.half_h,
        })
    }
}

/// Sine and cosine of an angle in degrees, exact at quarter turns (so a 90° label is exactly upright).
fn sin_cos_deg(deg: f64) -> (f64, f64) {
    let d = deg.rem_euclid(360.0);
    if d == 0.0 {
        (0.0, 1.0)
    } else if d == 90.0 {
        (1.0, 0.0)
    } else if d == 180.0 {
        (0.0, -1.0)
    } else if d == 270.0 {
        (-1.0, 0.0)
    } else {
        d.to_radians().sin_cos()
    }
}

/// Whether two convex quadrilaterals overlap with positive area (touching edges do not count).
pub(crate) fn overlaps(a: &[Pt; 4], b: &[Pt; 4]) -> bool {
    let axes = edge_normals(a).into_iter().chain(edge_normals(b));
    for axis in axes {
        let (a_lo, a_hi) = project(a, axis);
        let (b_lo, b_hi) = project(b, axis);
        if a_hi.min(b_hi) - a_lo.max(b_lo) <= EPS {
            return false;
        }
    }
    true
}

fn edge_normals(poly: &[Pt; 4]) -> [Pt; 2] {
    // A rectangle has two edge directions; normalised so the EPS margin is in mm.
    let [p0, p1, _, p3] = *poly;
    let normal = |a: Pt, b: Pt| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = dx.hypot(dy);
        if len > 0.0 {
            Pt {
                x: -dy / len,
                y: dx / len,
            }
        } else {
            Pt { x: 1.0, y: 0.0 }
        }
    };
    [normal(p0, p1), normal(p0, p3)]
}

fn project(poly: &[Pt; 4], axis: Pt) -> (f64, f64) {
    poly.iter()
        .map(|p| p.x * axis.x + p.y * axis.y)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

/// The bounding box of points: (min x, min y, max x, max y).
pub(crate) fn bounds(points: &[Pt; 4]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(x0, y0, x1, y1), p| (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y)),
    )
}

/// Whether a `p × q` rectangle fits inside an `a × b` one at some angle. Square to the edges when it
/// can; otherwise a long thin label may still fit across the diagonal (Carver's condition).
pub(crate) fn fits_at_some_angle(p: f64, q: f64, a: f64, b: f64) -> bool {
    let (p, q) = (p.max(q), p.min(q));
    let (a, b) = (a.max(b), a.min(b));
    if p <= a + EPS && q <= b + EPS {
        return true;
    }
    if q > b + EPS {
        // Whatever the angle, the label is at least q wide in every direction.
        return false;
    }
    // p > a, q <= b.
    let s = p * p + q * q;
    let root = s - a * a;
    if root < 0.0 {
        return false;
    }
    b + EPS >= (2.0 * p * q * a + (p * p - q * q) * root.sqrt()) / s
}
