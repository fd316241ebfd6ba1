//! Decimal text for `f64`, without core's float formatter and parser.
//!
//! Core's `Display` for floats (Grisu and Dragon, with their tables) and `str::parse` (Eisel-Lemire with
//! a 10 KB table of powers of five) cost 17 KB of the gzipped module for a few measurements in messages
//! and a few numbers read from JSON. Messages go through `zmij`, which the JSON writer carries anyway;
//! numbers are read by `lexical-parse-float` built `compact`: as exact, from a smaller table.

use std::fmt;

/// Reads a decimal number exactly (correctly rounded, as `str::parse::<f64>` does). Accepts Rust's
/// float syntax, a superset of JSON's; `None` for anything else.
pub fn parse_f64(text: &str) -> Option<f64> {
    use lexical_parse_float::FromLexical;
    f64::from_lexical(text.as_bytes()).ok()
}

/// Shows a number as its shortest decimal that reads back the same (`75`, `0.1`, `2.5`), as `Display`
/// does from 10^-5 to 10^16; beyond, with an exponent (`1e+16`, `1.5e-7`) instead of every digit.
/// Where two decimals that short are equally near, the last digit may differ from `Display`'s.
#[derive(Clone, Copy, Debug)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format(self.0);
        f.write_str(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// Shows a number as `format!("{v:.N}")` does for at most `N = decimals` decimals (at most 6),
/// rounded half to even on its exact binary value, then without trailing zeros: `Fixed(2.50, 2)` is
/// `2.5`, `Fixed(0.125, 2)` is `0.12`, `Fixed(-0.001, 2)` is `0`. A number whose scaled value passes
/// 2^64 (from 1.8 × 10^13 at 6 decimals, 2^53 at the most) is shown as [`Shortest`].
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (v, decimals) = (self.0, self.1.min(6));
        // Below 2^53 × 10^6 < 2^73; the parts fit u64 when the whole does.
        let scaled = scaled_half_even(v, decimals).and_then(|s| u64::try_from(s).ok());
        let Some(scaled) = scaled else {
            return Shortest(v).fmt(f);
        };
        let scale = 10u64.pow(decimals);
        write_decimal(
            f,
            v < 0.0 && scaled != 0,
            scaled / scale,
            scaled % scale,
            decimals as usize,
        )
    }
}

/// A JSON number's text in plain decimal digits, exactly: an exponent is applied by moving the point
/// (`1e-7` is `0.0000001`, `2.5E3` is `2500`); text without one is returned as it is. `None` when the
/// result would be longer than `max_len` characters. For amounts of money, which must not pass
/// through a float.
pub fn plain_decimal(text: &str, max_len: usize) -> Option<String> {
    let Some(at) = text.bytes().position(|b| b == b'e' || b == b'E') else {
        return Some(text.to_owned());
    };
    let (mantissa, exponent) = text.split_at(at);
    let exponent: i64 = exponent.get(1..)?.parse().ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The digits without leading zeros, and where the point falls among them.
    let all = [whole, fraction].concat();
    let digits = all.trim_start_matches('0');
    let point = (whole.len() as i64 - (all.len() - digits.len()) as i64).checked_add(exponent)?;
    if digits.is_empty() {
        return Some("0".to_owned());
    }
    // `unsigned_abs`: an exponent of -2^63 must not wrap into a short length.
    let length = (digits.len() as u64)
        .saturating_add(point.unsigned_abs())
        .saturating_add(3);
    if length > max_len as u64 {
        return None;
    }
    let mut out = String::with_capacity(length as usize);
    out.push_str(sign);
    let zeros = |out: &mut String, n: usize| (0..n).for_each(|_| out.push('0'));
    if point <= 0 {
        out.push_str("0.");
        zeros(&mut out, point.unsigned_abs() as usize);
        out.push_str(digits);
    } else if point as usize >= digits.len() {
        out.push_str(digits);
        zeros(&mut out, point as usize - digits.len());
    } else {
        out.push_str(digits.get(..point as usize)?);
        out.push('.');
        out.push_str(digits.get(point as usize..)?);
    }
    Some(out)
}

/// `|v|` × 10^`decimals` (at most 10) to a whole number, rounded half to even on `v`'s exact binary
/// value, as `format!` rounds; `None` when `v` is not finite or not below 2^53 (whole numbers only).
/// Exact integer arithmetic: the mantissa times the power of ten, shifted right with rounding.
pub(crate) fn scaled_half_even(v: f64, decimals: u32) -> Option<u128> {
    if !v.is_finite() || v.abs() >= 9_007_199_254_740_992.0 {
        return None;
    }
    let bits = v.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    // |v| = mantissa × 2^-shift exactly; below 2^53 the shift is never negative.
    let (mantissa, shift) = if exponent == 0 {
        (fraction, 1074)
    } else {
        (fraction | (1 << 52), (1075 - exponent).unsigned_abs())
    };
    // Below 2^53 × 10^10 < 2^87: no overflow.
    let product = mantissa * 10u128.pow(decimals.min(10));
    Some(match shift {
        0 => product,
        1..=127 => {
            let quotient = product >> shift;
            let remainder = product - (quotient << shift);
            let half = 1u128 << (shift - 1);
            if remainder > half || (remainder == half && quotient % 2 == 1) {
                quotient + 1
            } else {
                quotient
            }
        }
        _ => 0,
    })
}

/// Writes `whole.fraction`, where `fraction` holds `decimals` digits, without trailing zeros (and
/// without the point when the fraction is zero); `-` first when `negative`.
pub(crate) fn write_decimal(
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

    /// `format!("{v:.N}")` with its trailing zeros (and a point left bare) dropped, `-0` as `0`.
    fn core_fixed(v: f64, decimals: u32) -> String {
        let text = format!("{v:.*}", decimals as usize);
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        };
        if text == "-0" { "0" } else { text }.to_owned()
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

    #[test]
    fn shortest_is_display_from_1e_minus_5_to_1e16() {
        for v in [
            0.0, -0.0, 75.0, 120.0, 0.1, 2.5, 0.375, 1259.99, -3.25, 1e15, 1.5e-5, 123456.789,
        ] {
            assert_eq!(Shortest(v).to_string(), v.to_string(), "{v:?}");
        }
        // As long as `Display`'s and reading back the same. (Where two decimals of that length are
        // equally near, zmij and core may pick different last digits.)
        for random in randoms(0x5851_f42d_4c95_7f2d) {
            let v = f64::from_bits(random);
            let (ours, core) = (Shortest(v).to_string(), v.to_string());
            if (1e-5..1e16).contains(&v.abs()) {
                assert_eq!(ours.len(), core.len(), "{v:?}: {ours}");
            }
            if v.is_finite() {
                assert_eq!(
                    ours.parse::<f64>().map(f64::to_bits),
                    Ok(v.to_bits()),
                    "{ours}"
                );
            }
        }
        assert_eq!(Shortest(1e16).to_string(), "1e+16");
        assert_eq!(Shortest(1e-7).to_string(), "1e-7");
        assert_eq!(Shortest(f64::NAN).to_string(), "NaN");
        assert_eq!(Shortest(f64::NEG_INFINITY).to_string(), "-inf");
    }

    #[test]
    fn plain_decimal_moves_the_point_exactly() {
        for (text, plain) in [
            ("12.50", "12.50"),
            ("-3", "-3"),
            ("1e-7", "0.0000001"),
            ("1E+2", "100"),
            ("2.5e3", "2500"),
            ("2.5e-1", "0.25"),
            ("-12.345e1", "-123.45"),
            ("0.05e1", "0.5"),
            ("0.5e1", "5"),
            ("0e5", "0"),
            ("25000000000000000.5e0", "25000000000000000.5"),
            ("1e20", "100000000000000000000"),
        ] {
            assert_eq!(plain_decimal(text, 64).as_deref(), Some(plain), "{text}");
        }
        assert_eq!(plain_decimal("1e400", 64), None);
        assert_eq!(plain_decimal("1e-400", 64), None);
        assert_eq!(plain_decimal("1e99999999999999999999", 64), None);
        assert_eq!(plain_decimal("0.5e-9223372036854775808", 64), None);
        assert_eq!(plain_decimal("5e9223372036854775807", 64), None);
        // Not a JSON number: whatever comes back, nothing panics.
        let _ = plain_decimal("é.éé5e1", 64);
    }

    #[test]
    fn fixed_rounds_as_format_does_and_drops_trailing_zeros() {
        let cases = [
            (75.0, 2, "75"),
            (2.5, 2, "2.5"),
            (2.5, 0, "2"),
            (3.5, 0, "4"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (0.1 + 0.2, 2, "0.3"),
            (1.005, 2, "1"),
            (0.44999999999999996, 1, "0.4"),
            (-0.001, 2, "0"),
            (-2.25, 1, "-2.2"),
            (-0.0, 2, "0"),
            (1e20, 2, "1e+20"),
            (f64::NAN, 1, "NaN"),
        ];
        for (v, decimals, text) in cases {
            assert_eq!(Fixed(v, decimals).to_string(), text, "{v:?} to {decimals}");
        }
    }

    /// `Fixed` is `format!`'s rounding, ties and their neighbours included.
    #[test]
    fn fixed_agrees_with_format() {
        for random in randoms(0x2545_f491_4f6c_dd1d) {
            let decimals = (random % 7) as u32;
            let scale = 10f64.powi(decimals as i32);
            // A decimal tie (k + ½ units of the last decimal) and the doubles either side of it, a
            // value anywhere, and a large one.
            let tie = ((random >> 8) % 2_000_000) as f64 / 4.0 / scale - 250_000.0 / scale;
            let anywhere = f64::from_bits(random);
            let large = ((random >> 11) as f64) * 4096.0;
            for v in [
                tie,
                f64::from_bits(tie.to_bits() + 1),
                f64::from_bits(tie.to_bits().saturating_sub(1)),
                anywhere,
                large,
            ] {
                if v.abs() < 9e12 {
                    assert_eq!(
                        Fixed(v, decimals).to_string(),
                        core_fixed(v, decimals),
                        "{v:?} to {decimals}"
                    );
                }
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
