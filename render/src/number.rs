//! Decimal text for `f64`, without core's float formatter and parser.
//!
//! Core's `Display` for floats (Grisu and Dragon, with their tables) and `str::parse` (Eisel-Lemire with
//! a 10 KB table of powers of five) cost 17 KB of the gzipped module for a few measurements in messages
//! and a few numbers read from JSON. Messages go through `zmij`, which the JSON writer carries anyway;
//! numbers are read by `lexical-parse-float` built `compact`: as exact, from a smaller table.

use std::fmt;

use crate::units::round_half_away;

/// Reads a decimal number exactly (correctly rounded, as `str::parse::<f64>` does). Accepts Rust's
/// float syntax, a superset of JSON's; `None` for anything else.
pub fn parse_f64(text: &str) -> Option<f64> {
    use lexical_parse_float::FromLexical;
    f64::from_lexical(text.as_bytes()).ok()
}

/// Shows a number as its shortest decimal that reads back the same (`75`, `0.1`, `2.5`), as `Display`
/// does; very large and very small magnitudes take an exponent (`1e+21`) instead of every digit.
#[derive(Clone, Copy, Debug)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format(self.0);
        f.write_str(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// Shows a number rounded (half away from zero) to at most `decimals` decimals (at most 6), without
/// trailing zeros: `Fixed(2.50, 2)` is `2.5`, `Fixed(-0.001, 2)` is `0`. Beyond 2^53 units of the last
/// decimal, where rounding changes nothing, the number is shown as [`Shortest`].
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let decimals = self.1.min(6);
        let scale = 10u64.pow(decimals);
        let scaled = round_half_away(self.0 * scale as f64);
        if !scaled.is_finite() || scaled.abs() >= 9_007_199_254_740_992.0 {
            return Shortest(self.0).fmt(f);
        }
        let units = scaled as i64;
        let magnitude = units.unsigned_abs();
        write_decimal(
            f,
            units < 0,
            magnitude / scale,
            magnitude % scale,
            decimals as usize,
        )
    }
}

/// Writes `whole.fraction`, where `fraction` holds `decimals` digits, without trailing zeros (and
/// without the point when the fraction is zero); `-` first when `negative`.
pub fn write_decimal(
    out: &mut impl fmt::Write,
    negative: bool,
    whole: u64,
    mut fraction: u64,
    mut decimals: usize,
) -> fmt::Result {
    if negative {
        out.write_str("-")?;
    }
    out.write_str(itoa::Buffer::new().format(whole))?;
    if fraction == 0 {
        return Ok(());
    }
    while fraction % 10 == 0 {
        fraction /= 10;
        decimals -= 1;
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(fraction);
    out.write_str(".")?;
    for _ in digits.len()..decimals {
        out.write_str("0")?;
    }
    out.write_str(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_is_display_for_everyday_magnitudes() {
        for v in [
            0.0, -0.0, 75.0, 120.0, 0.1, 2.5, 0.375, 1259.99, -3.25, 1e15, 123456.789, 1.5e-5,
        ] {
            assert_eq!(Shortest(v).to_string(), v.to_string(), "{v:?}");
        }
        assert_eq!(Shortest(1e21).to_string(), "1e+21");
        assert_eq!(Shortest(1e-7).to_string(), "1e-7");
        assert_eq!(Shortest(f64::NAN).to_string(), "NaN");
        assert_eq!(Shortest(f64::NEG_INFINITY).to_string(), "-inf");
    }

    #[test]
    fn fixed_rounds_and_drops_trailing_zeros() {
        let cases = [
            (75.0, 2, "75"),
            (2.5, 2, "2.5"),
            (2.505, 1, "2.5"),
            (0.125, 3, "0.125"),
            (0.1 + 0.2, 2, "0.3"),
            (1.05, 2, "1.05"),
            (1.005, 2, "1"),
            (3.0004, 3, "3"),
            (0.001, 3, "0.001"),
            (0.0999, 3, "0.1"),
            (-0.001, 2, "0"),
            (-2.25, 1, "-2.3"),
            (1234.5, 0, "1235"),
            (-0.0, 2, "0"),
            (1e300, 2, "1e+300"),
            (f64::NAN, 1, "NaN"),
        ];
        for (v, decimals, text) in cases {
            assert_eq!(Fixed(v, decimals).to_string(), text, "{v:?} to {decimals}");
        }
    }

    /// 20,000 pseudo-random 64-bit values (xorshift), the same on every run.
    fn randoms(mut seed: u64) -> impl Iterator<Item = u64> {
        std::iter::repeat_with(move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        })
        .take(20_000)
    }

    /// Where no tie is involved, `Fixed` gives `{:.N}`'s digits with its trailing zeros dropped.
    #[test]
    fn fixed_agrees_with_core_off_ties() {
        for random in randoms(0x2545_f491_4f6c_dd1d) {
            let v = (random % 2_000_000) as f64 / 997.0 - 1000.0;
            for decimals in 0..4u32 {
                let core = format!("{v:.*}", decimals as usize);
                let core = if core.contains('.') {
                    core.trim_end_matches('0').trim_end_matches('.')
                } else {
                    &core
                };
                let core = if core == "-0" { "0" } else { core };
                assert_eq!(Fixed(v, decimals).to_string(), core, "{v:?} to {decimals}");
            }
        }
    }

    #[test]
    fn parse_is_exact() {
        for random in randoms(0x9e37_79b9_7f4a_7c15) {
            let v = f64::from_bits(random);
            if !v.is_finite() {
                continue;
            }
            for text in [format!("{v:?}"), format!("{v:e}"), format!("{v:.25e}")] {
                assert_eq!(
                    parse_f64(&text).map(f64::to_bits),
                    text.parse::<f64>().ok().map(f64::to_bits),
                    "{text}"
                );
            }
        }
        for text in [
            "0",
            "-0",
            "1e400",
            "2.2250738585072011e-308",
            "9007199254740993",
            "0.30000000000000004",
            "1259.00",
            "7.2057594037927933e16",
        ] {
            assert_eq!(
                parse_f64(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text}"
            );
        }
        for text in ["", "1.2.3", "abc", "1e", "--1"] {
            assert_eq!(parse_f64(text), None, "{text}");
        }
    }
}
