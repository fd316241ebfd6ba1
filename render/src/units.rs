//! Physical units. Millimetres, printer dots and printer resolution are distinct types so a bar width in
//! dots can never be mixed up with one in millimetres; every conversion between them lives here.

use crate::json::{FromJson, ToJson};
use crate::number::{parse_f64, scaled_half_even, write_decimal};

/// A length in millimetres on the label or package.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(transparent)]
pub struct Mm(pub f64);

/// A length in printer dots (one dot is one pixel of the print head).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(transparent)]
pub struct Dots(pub u32);

/// A printer resolution in dots per inch, as printers are sold ("203 dpi", "300 dpi").
///
/// Printers sold as 152, 203 or 406 dpi are built on a whole number of dots per millimetre
/// (6, 8, 16: 152.4, 203.2 and 406.4 dpi), so their nominal figure is snapped to that grid;
/// any other resolution is taken at its face value (300 dpi is 11.81 dots/mm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
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

/// `v` as written in a `scale(…)`: at most 10 decimals (rounded half to even, as `format!("{v:.10}")`
/// rounds), no trailing zeros, "0" for zero, non-finite or huge values; and the number that text
/// states. Exact integer arithmetic on the binary value instead of `format!` and `parse`, which cost
/// several microseconds per label in wasm.
pub(crate) fn scale_text(v: f64) -> (String, f64) {
    const DECIMALS: u128 = 10_000_000_000;
    // Below 2^40 (far beyond any glyph scale) the whole part fits a u64 below.
    if v.abs() >= (1u64 << 40) as f64 {
        return ("0".to_owned(), 0.0);
    }
    let Some(scaled) = scaled_half_even(v, 10) else {
        return ("0".to_owned(), 0.0);
    };
    if scaled == 0 {
        return ("0".to_owned(), 0.0);
    }
    let mut text = String::with_capacity(16);
    // Both parts fit u64 (the whole part is below 2^40, the fraction below 10^10): u128 formatting is
    // slower in wasm. Writing to a `String` cannot fail.
    let _ = write_decimal(
        &mut text,
        v < 0.0,
        (scaled / DECIMALS) as u64,
        (scaled % DECIMALS) as u64,
        10,
    );
    // Below 2^53 both are exact doubles, so the quotient is the double nearest the text's value,
    // which is what parsing the text gives; above, parse (no glyph scale gets there).
    let value = if scaled < 1 << 53 {
        let value = scaled as f64 / DECIMALS as f64;
        if v < 0.0 {
            -value
        } else {
            value
        }
    } else {
        parse_f64(&text).unwrap_or(0.0)
    };
    (text, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `scale_text` replaces: `format!` with 10 decimals, trimmed, then parsed back.
    fn reference(v: f64) -> (String, f64) {
        let v = if v.is_finite() { v } else { 0.0 };
        let text = format!("{v:.10}");
        let text = match text.trim_end_matches('0').trim_end_matches('.') {
            "" | "-" | "-0" => "0".to_owned(),
            trimmed => trimmed.to_owned(),
        };
        let value = text.parse().unwrap();
        (text, value)
    }

    #[test]
    fn scale_text_matches_format_and_parse() {
        let mut values: Vec<f64> = (0..=100_000)
            .map(|steps| f64::from(steps) / 100.0 / 2048.0)
            .collect();
        values.extend([
            0.0,
            -0.0,
            1.0,
            10.0,
            0.5,
            1e-11,
            5e-11,
            1.5e-10,
            2.5e-10,
            -0.001,
            123456.0000000001,
            4.9e-324,
        ]);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() && v.abs() < 1e6 {
                values.push(v);
            }
            values.push((x % 10_000_000) as f64 / 3.0e7);
        }
        for v in values {
            let (text, value) = scale_text(v);
            let (want_text, want_value) = reference(v);
            assert_eq!(text, want_text, "{v:e}");
            // Bit for bit, sign included; only a zero may differ in sign ("0" is written for -0).
            if want_value == 0.0 {
                assert_eq!(value, 0.0, "{v:e}");
            } else {
                assert_eq!(value.to_bits(), want_value.to_bits(), "{v:e}");
            }
        }
    }

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
