//! JSON text in: reading a value straight from its text with [`FromJson`] (derived by
//! `fbskit_derive::FromJson` from the type's `#[serde]` attributes), naming the path of a bad field
//! (`products[0].price`, `labels[0].face`, `.` for the whole value) in the error.
//!
//! Values are read by this module's pull reader (`read.rs`) and written by its writer (`write.rs`),
//! both driven by code derived from the types' `#[serde]` attributes (`derive/`): a fraction of the
//! code serde's derives cost in the module (README, "Size"). In tests every type also derives serde's
//! `Serialize`, and [`to_json`] checks its text against serde_json's.

mod read;
mod write;

use std::fmt;

pub use fbskit_derive::{FromJson, ToJson};
pub use read::{FromJson, ReadError, ReadResult, Reader};
pub use write::{ToJson, Writer};

/// A value that could not be read from JSON text: where in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Path of the bad field, e.g. `labels[0].face`; `.` for the whole value.
    pub path: String,
    /// What is wrong, in serde's words, e.g. ``unknown variant `crayon`, expected …``.
    pub reason: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at {})", self.reason, self.path)
    }
}

impl std::error::Error for JsonError {}

impl From<ReadError> for JsonError {
    fn from(error: ReadError) -> JsonError {
        JsonError {
            path: error.path(),
            reason: error.reason().to_owned(),
        }
    }
}

/// Reads a `T` from JSON text (nothing but blanks may follow it), naming the bad field's path when it
/// fails. Orders, events, packings and options all read this way.
pub fn from_json<'a, T: FromJson<'a>>(text: &'a str) -> Result<T, JsonError> {
    Reader::read_all(text).map_err(JsonError::from)
}

/// Reads a `T` from a `serde_json::Value` (by its text), for tests that build JSON with `json!`.
#[cfg(any(test, feature = "testing"))]
pub fn from_value<T: for<'a> FromJson<'a>>(value: serde_json::Value) -> Result<T, JsonError> {
    from_json(&value.to_string())
}

/// A value as JSON text.
#[cfg(not(test))]
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    write::to_json(value)
}

/// A value as JSON text; in tests, checked against serde_json's text for the same value.
#[cfg(test)]
pub fn to_json<T: ToJson + serde::Serialize + ?Sized>(value: &T) -> String {
    let text = write::to_json(value);
    let serde = serde_json::to_string(value).expect("serde_json writes every output type");
    assert_eq!(text, serde, "ToJson and serde_json disagree");
    text
}

/// A unit enum's variant index, read from its name; an unknown name gets serde's message.
#[doc(hidden)] // For derived readers in fbskit.
pub fn variant_index(r: &mut Reader<'_>, names: &'static [&'static str]) -> ReadResult<usize> {
    struct Expected(&'static [&'static str]);
    impl fmt::Display for Expected {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("one of")?;
            for (i, name) in self.0.iter().enumerate() {
                write!(f, "{} `{name}`", if i == 0 { "" } else { "," })?;
            }
            Ok(())
        }
    }
    let name = r.string(&Expected(names))?;
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| ReadError::unknown_variant(&name, names))
}

/// The widest offsets from UTC in use: UTC−12:00 to UTC+14:00, in minutes.
pub const UTC_OFFSET_MINUTES: std::ops::RangeInclusive<i32> = -720..=840;

/// `deserialize_with` for an optional offset from UTC in minutes (`utcOffsetMinutes`), refusing
/// one no clock on Earth shows.
#[doc(hidden)] // A `deserialize_with` of fbskit's option types.
pub fn utc_offset(r: &mut Reader<'_>) -> ReadResult<Option<i32>> {
    let minutes = Option::<i32>::read(r)?;
    match minutes {
        Some(m) if !UTC_OFFSET_MINUTES.contains(&m) => Err(ReadError::new(format!(
            "{m} is not an offset from UTC: it must be whole minutes from {} to {}",
            UTC_OFFSET_MINUTES.start(),
            UTC_OFFSET_MINUTES.end()
        ))),
        _ => Ok(minutes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        size: [f64; 2],
    }

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        at: Option<crate::timestamp::Timestamp>,
    }

    #[derive(Debug, FromJson)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Box,
    }

    fn path(text: &str) -> (String, String) {
        let e = from_json::<Outer>(text).unwrap_err();
        (e.path, e.reason)
    }

    #[test]
    fn paths_name_the_bad_field() {
        assert_eq!(path(r#"{"items":[{"n":1},{"n":"x"}]}"#).0, "items[1].n");
        assert_eq!(
            path("{\n  \"items\": [\n    {\"n\": 1, \"kind\": \"bag\"}\n  ]\n}"),
            (
                "items[0].kind".into(),
                "unknown variant `bag`, expected `box`".into()
            )
        );
        // Missing fields name the object they are missing from.
        assert_eq!(path(r#"{"items":[{"n":1},{}]}"#).0, "items[1]");
        assert_eq!(path(r#"{"size":[1]}"#).0, "size");
        assert_eq!(path(r#"{"size":[1,2]}"#).0, ".");
        // Unknown fields are named.
        assert_eq!(path(r#"{"items":[{"n":1,"m":2}]}"#).0, "items[0].m");
        // A conversion error in an object's last field is placed after the object, but named.
        assert_eq!(
            path(r#"{"items":[{"n":1,"at":"tomorrow"}]}"#).0,
            "items[0].at"
        );
        assert_eq!(path(r#"{"items":[{"n":1}],"x\"y":1}"#).0, "x\"y");
        assert_eq!(path("[]").0, ".");
        // A value of the wrong kind is named, not its first item.
        assert_eq!(path(r#"{"items":[{"n":[1]}]}"#).0, "items[0].n");
        assert_eq!(path(r#"{"items":{"n":1}}"#).0, "items");
    }

    #[derive(Debug, FromJson, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Plain {
        x: f64,
        #[serde(default)]
        y: Vec<f64>,
        #[serde(default)]
        n: Option<u32>,
        #[serde(default)]
        s: Option<String>,
    }

    #[test]
    fn floats_read_as_core_parses_them() {
        for text in [
            "0",
            "-0",
            "3",
            "0.1",
            "0.30000000000000004",
            "1.4046060028955937e-96",
            "1.7976931348623157e308",
            "-2.2250738585072014E-308",
            "5e-324",
            "1e-400",
            "18446744073709551616",
            "123456789012345678901234567890.5",
        ] {
            let read = from_json::<Plain>(&format!(r#"{{"x":{text}}}"#)).unwrap().x;
            assert_eq!(
                read.to_bits(),
                text.parse::<f64>().unwrap().to_bits(),
                "{text}"
            );
        }
    }

    /// serde_json's message without its line and column.
    fn serde_reason(text: &str) -> String {
        let e = serde_json::from_str::<Plain>(text).unwrap_err();
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
    }

    #[test]
    fn errors_say_what_serde_json_says() {
        for (text, path) in [
            (r#"{"x":"1"}"#, "x"),
            (r#"{"x":null}"#, "x"),
            (r#"{"x":true,"y":[]}"#, "x"),
            (r#"{"x":[1]}"#, "x"),
            (r#"{"x":{}}"#, "x"),
            (r#"{"x":1e400}"#, "x"),
            (r#"{"x":-1e999,"y":[]}"#, "x"),
            (r#"{"x":1,"y":[1,"2",3]}"#, "y[1]"),
            (r#"{"x":1,"y":[1,2,false]}"#, "y[2]"),
            (r#"{"x":1,"y":[1e309]}"#, "y[0]"),
            (r#"{"x":01}"#, "x"),
            (r#"{"x":1.}"#, "x"),
            (r#"{"y":[]}"#, "."),
            (r#"{"x":1,"y":[1, null ,3]}"#, "y[1]"),
            (r#"{"x":1,"y":[1,[2]]}"#, "y[1]"),
            (r#"{"x":1,"y":[1, {} ,3]}"#, "y[1]"),
            (r#"{"x":1,"n":-1}"#, "n"),
            (r#"{"x":1,"n":4294967296}"#, "n"),
            (r#"{"x":1,"n":1.5}"#, "n"),
            (r#"{"x":1,"s":5}"#, "s"),
            (r#"{"x":1,"s":"a\qb"}"#, "s"),
            (r#"{"x":1,"x":2}"#, "x"),
            (r#"{"x":1,"z":2}"#, "z"),
            (r#"{"x":1} 2"#, "."),
            (r#"{"x":1"#, "."),
            (r#"{"x" 1}"#, "."),
            (r#"{x:1}"#, "."),
            ("", "."),
            (r#"{"x":tru}"#, "x"),
        ] {
            let ours = from_json::<Plain>(text).unwrap_err();
            assert_eq!(
                (ours.path.as_str(), ours.reason.as_str()),
                (path, serde_reason(text).as_str()),
                "{text}"
            );
        }
        // Where serde_json and this reader differ, on purpose or in wording.
        for (text, path, reason) in [
            // serde_json would also take an object's values as an array.
            (
                r#"[1]"#,
                ".",
                "invalid type: sequence, expected struct Plain",
            ),
            ("[]", ".", "invalid type: sequence, expected struct Plain"),
            (r#"{"x":1,}"#, ".", "trailing comma"),
            // serde_json: "unexpected end of hex escape".
            (
                r#"{"x":1,"s":"\ud800"}"#,
                "s",
                "a lone UTF-16 surrogate (\\uD800–\\uDFFF escape), which is not valid Unicode",
            ),
            (
                r#"{"x":1,"s":"a\udc00"}"#,
                "s",
                "a lone UTF-16 surrogate (\\uD800–\\uDFFF escape), which is not valid Unicode",
            ),
            // An escaped backslash, then the text `uD800`: no escape at all.
            (
                r#"{"x":1,"s":"C:\\uD800","z":0}"#,
                "z",
                "unknown field `z`, expected one of `x`, `y`, `n`, `s`",
            ),
        ] {
            let ours = from_json::<Plain>(text).unwrap_err();
            assert_eq!(
                (ours.path.as_str(), ours.reason.as_str()),
                (path, reason),
                "{text}"
            );
        }
    }

    #[test]
    fn the_writer_writes_what_serde_json_writes() {
        // `to_json` asserts in tests that its text is serde_json's.
        let all_controls: String = (0u8..0x20).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            &all_controls,
            "\u{7f} Жёлтый № 5 — 💡",
        ] {
            to_json(s);
            to_json(&Some(s.to_owned()));
        }
        for v in [
            0.0,
            -0.0,
            1.0,
            75.5,
            0.1 + 0.2,
            1e21,
            1e-7,
            5e-324,
            f64::MAX,
            -1234.5678,
            f64::NAN,
            f64::INFINITY,
        ] {
            to_json(&v);
            to_json(&[v, v]);
        }
        to_json(&(u64::MAX, i64::MIN));
        to_json(&[0u8, 255]);
        to_json(&Vec::<String>::new());
        to_json(&'ж');
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        struct Skipped;
        impl<'a> FromJson<'a> for Skipped {
            fn read(r: &mut Reader<'a>) -> ReadResult<Skipped> {
                r.skip().map(|()| Skipped)
            }
        }
        let Err(e) = from_json::<Skipped>(&deep) else {
            panic!("deep nesting was read");
        };
        assert_eq!(e.reason, "recursion limit exceeded");
    }
}
