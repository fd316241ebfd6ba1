//! Physical units. Millimetres, printer dots and printer resolution are distinct types so a bar width in
//! dots can never be mixed up with one in millimetres; every conversion between them lives here.

use serde::{Deserialize, Deserializer, Serialize};

/// A length in millimetres on the label or package.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
#[serde(transparent)]
pub struct Mm(pub f64);

impl<'de> Deserialize<'de> for Mm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::json::exact_f64(deserializer).map(Mm)
    }
}

/// A length in printer dots (one dot is one pixel of the print head).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Dots(pub u32);

/// A printer resolution in dots per inch, as printers are sold ("203 dpi", "300 dpi").
///
/// Printers sold as 152, 203 or 406 dpi are built on a whole number of dots per millimetre
/// (6, 8, 16: 152.4, 203.2 and 406.4 dpi), so their nominal figure is snapped to that grid;
/// any other resolution is taken at its face value (300 dpi is 11.81 dots/mm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Dpi(u32);

impl Dpi {
    /// The lowest resolution accepted; below it a Code 128 module cannot be two dots wide and still scan.
    pub const MIN: u32 = 100;
    /// The highest resolution accepted (600 dpi is the finest thermal head sold; twice that leaves room).
    pub const MAX: u32 = 1200;
    /// The common desktop label printer resolution (8 dots/mm).
    pub const DPI_203: Dpi = Dpi(203);
    /// The common high-resolution label printer resolution.
    pub const DPI_300: Dpi = Dpi(300);

    /// A resolution within [`Dpi::MIN`]..=[`Dpi::MAX`], or `None`.
    pub fn new(dpi: u32) -> Option<Dpi> {
        (Self::MIN..=Self::MAX).contains(&dpi).then_some(Dpi(dpi))
    }

    /// The nominal figure, as given.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Dots per millimetre of the physical print head.
    pub fn dots_per_mm(self) -> f64 {
        let exact = f64::from(self.0) / 25.4;
        let whole = exact.round();
        // 8 dots/mm is 203.2 dpi and is sold as "203 dpi": snap when the nominal figure is the whole grid truncated.
        if (whole * 25.4).floor() == f64::from(self.0) {
            whole
        } else {
            exact
        }
    }

    /// Millimetres to a whole number of dots (rounded to the nearest dot).
    pub fn to_dots(self, mm: Mm) -> Dots {
        let dots = (mm.0 * self.dots_per_mm()).round();
        Dots(if dots.is_finite() && dots > 0.0 {
            dots.min(f64::from(u32::MAX)) as u32
        } else {
            0
        })
    }

    /// The physical length of a number of dots.
    pub fn to_mm(self, dots: Dots) -> Mm {
        Mm(f64::from(dots.0) / self.dots_per_mm())
    }
}

impl Default for Dpi {
    fn default() -> Self {
        Dpi::DPI_203
    }
}

/// `v.round()` (half away from zero) from native instructions: in wasm `f64::round` is a libm call,
/// and it was a tenth of the render time. Exact: `v - v.trunc()` has no rounding error.
pub fn round_half_away(v: f64) -> f64 {
    let whole = v.trunc();
    if (v - whole).abs() >= 0.5 {
        whole + v.signum()
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_half_away_is_f64_round() {
        let mut values = vec![
            0.5,
            -0.5,
            1.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            1e300,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            values.push((x % 2_000_000) as f64 / 1000.0 - 1000.0);
        }
        for v in values {
            let (ours, std) = (round_half_away(v), v.round());
            assert!(
                ours.to_bits() == std.to_bits() || (ours.is_nan() && std.is_nan()),
                "{v:e}: {ours} vs {std}"
            );
        }
    }

    #[test]
    fn nominal_203_is_eight_dots_per_mm() {
        let dpi = Dpi::DPI_203;
        assert_eq!(dpi.dots_per_mm(), 8.0);
        assert_eq!(dpi.to_dots(Mm(75.0)), Dots(600));
        assert_eq!(dpi.to_dots(Mm(120.0)), Dots(960));
    }

    #[test]
    fn nominal_300_is_not_snapped() {
        let dpi = Dpi::DPI_300;
        assert!((dpi.dots_per_mm() - 11.811).abs() < 0.001);
        assert_eq!(dpi.to_dots(Mm(75.0)), Dots(886));
        assert_eq!(dpi.to_dots(Mm(120.0)), Dots(1417));
    }

    #[test]
    fn other_whole_grids_snap() {
        assert_eq!(Dpi::new(152).map(Dpi::dots_per_mm), Some(6.0));
        assert_eq!(Dpi::new(406).map(Dpi::dots_per_mm), Some(16.0));
        assert_eq!(Dpi::new(600).map(|d| d.to_dots(Mm(25.4))), Some(Dots(600)));
    }

    #[test]
    fn out_of_range_is_rejected() {
        assert_eq!(Dpi::new(0), None);
        assert_eq!(Dpi::new(99), None);
        assert_eq!(Dpi::new(1201), None);
    }
}
