//! JSON text in: deserializing a value straight from its text, with the path of a bad field
//! (`products[0].price`, `labels[0].face`, `.` for the whole value) for error details.
//!
//! Every type is read by one deserializer, serde_json's over text: a path-tracking wrapper around
//! it, or going through `serde_json::Value`, would compile each type's visitor again. The path is
//! found instead by scanning the text up to the byte where serde_json stopped.

use std::fmt;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
#[cfg(test)]
use serde::Serialize;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// A value that could not be read from JSON text: where in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// Path of the bad field, e.g. `labels[0].face`; `.` for the whole value.
    pub path: String,
    /// serde's message without its line and column, e.g. ``unknown variant `crayon`, expected …``.
    pub reason: String,
}

/// Deserializes `T` from JSON text, naming the bad field's path when it fails.
pub(crate) fn from_json<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| error_at(text, &e))
}

/// A unit enum's variant read from its name, through one visitor shared by every such enum: serde's
/// derive compiles a visitor (and the enum's map form) for each, about a kilobyte of wasm apiece.
/// Used by [`deserialize_by_name!`]; the error for an unknown name is serde's own.
pub(crate) fn variant_index<'de, D: Deserializer<'de>>(
    deserializer: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct Names(&'static [&'static str]);
    impl Visitor<'_> for Names {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("one of")?;
            for (i, name) in self.0.iter().enumerate() {
                write!(f, "{} `{name}`", if i == 0 { "" } else { "," })?;
            }
            Ok(())
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<usize, E> {
            self.0
                .iter()
                .position(|name| *name == v)
                .ok_or_else(|| E::unknown_variant(v, self.0))
        }
    }
    deserializer.deserialize_str(Names(names))
}

/// `Deserialize` for a unit enum by [`variant_index`]: `deserialize_by_name!(Face { Face::Top =>
/// "top", ... })`, with the names `Serialize` writes (the `unit_enums_read_what_they_write` test
/// checks each enum). Leaving out a variant does not compile.
macro_rules! deserialize_by_name {
    ($ty:ty { $($variant:path => $name:literal),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Every variant must be listed: a new one makes this match non-exhaustive.
                const _: fn(&$ty) = |v| match v {
                    $($variant => {})+
                };
                const ALL: &[$ty] = &[$($variant),+];
                let index = $crate::json::variant_index(deserializer, &[$($name),+])?;
                ALL.get(index)
                    .copied()
                    .ok_or_else(|| <D::Error as serde::de::Error>::custom("no such variant"))
            }
        }

        #[cfg(test)]
        impl $crate::json::ByName for $ty {
            fn by_name() -> Vec<(Self, &'static str)> {
                vec![$(($variant, $name)),+]
            }
        }
    };
}
pub(crate) use deserialize_by_name;

/// A unit enum read by [`deserialize_by_name!`], for the test that its names are `Serialize`'s.
#[cfg(test)]
pub(crate) trait ByName:
    Sized + Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug
{
    /// Every variant and its name.
    fn by_name() -> Vec<(Self, &'static str)>;
}

/// Whether JSON text is an object (its first non-blank character is `{`).
pub(crate) fn is_object(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Whether JSON text is an array (its first non-blank character is `[`).
pub(crate) fn is_array(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// Whether a field is there, whatever its value (even `null`).
#[derive(Debug, Default)]
pub(crate) struct Present(pub bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Present(true))
    }
}

/// A field's JSON text when it is there, even when it is `null` (which `Option` reads as absent).
#[derive(Debug, Default)]
pub(crate) struct Raw<'a>(pub Option<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Raw<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&RawValue>::deserialize(deserializer).map(|raw| Raw(Some(raw)))
    }
}

impl<'a> Raw<'a> {
    /// The field's JSON text, if it is there.
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.0.map(RawValue::get)
    }
}

/// A JSON object's members' texts, sorted by key, a repeated key's last value kept: what a
/// `BTreeMap<String, &RawValue>` reads, without a B-tree's code in the module.
#[derive(Debug, Default)]
pub(crate) struct Members<'a>(pub Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members: Vec<(String, &'de RawValue)> = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                // A stable sort keeps repeated keys in text order: keep each one's last.
                crate::sort::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
                let mut kept: Vec<(String, &'de RawValue)> = Vec::with_capacity(members.len());
                for member in members {
                    match kept.last_mut() {
                        Some(last) if last.0 == member.0 => *last = member,
                        _ => kept.push(member),
                    }
                }
                Ok(Members(kept))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

impl<'a> Members<'a> {
    /// A member's text.
    pub(crate) fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Takes a member out.
    pub(crate) fn remove(&mut self, key: &str) -> Option<&'a RawValue> {
        let index = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    /// Adds a member, keeping the keys sorted and unique.
    pub(crate) fn insert(&mut self, key: &str, value: &'a RawValue) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(index) => {
                if let Some(member) = self.0.get_mut(index) {
                    member.1 = value;
                }
            }
            Err(index) => self.0.insert(index, (key.to_owned(), value)),
        }
    }

    /// The object's text, members in key order.
    pub(crate) fn object_text(&self) -> String {
        let members: Vec<String> = self
            .0
            .iter()
            // Writing a string as JSON cannot fail.
            .map(|(key, value)| {
                format!(
                    "{}:{}",
                    serde_json::to_string(key).unwrap_or_default(),
                    value.get()
                )
            })
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

/// An `f64` read exactly from its JSON text by core's `str::parse`, which the build has anyway:
/// serde_json's own parser is exact only with its `float_roundtrip` feature (big-number code of its
/// own), and orders must survive a JSON round trip bit for bit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExactF64(pub f64);

impl<'de> Deserialize<'de> for ExactF64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            // JSON's number grammar is a subset of Rust's float syntax.
            return match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(ExactF64(v)),
                _ => Err(D::Error::custom("number out of range")),
            };
        }
        // Not a number: the complaint `f64` itself makes.
        match serde_json::from_str::<f64>(text) {
            Ok(v) => Ok(ExactF64(v)),
            Err(e) => Err(D::Error::custom(reason_of(&e))),
        }
    }
}

/// The widest offsets from UTC in use: UTC−12:00 to UTC+14:00, in minutes.
pub(crate) const UTC_OFFSET_MINUTES: std::ops::RangeInclusive<i32> = -720..=840;

/// `deserialize_with` for an optional offset from UTC in minutes (`utcOffsetMinutes`), refusing
/// one no clock on Earth shows.
pub(crate) fn utc_offset<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    let minutes = Option::<i32>::deserialize(deserializer)?;
    match minutes {
        Some(m) if !UTC_OFFSET_MINUTES.contains(&m) => Err(D::Error::custom(format!(
            "{m} is not an offset from UTC: it must be whole minutes from {} to {}",
            UTC_OFFSET_MINUTES.start(),
            UTC_OFFSET_MINUTES.end()
        ))),
        _ => Ok(minutes),
    }
}

/// `deserialize_with` for an `f64` field: see [`ExactF64`].
pub(crate) fn exact_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    ExactF64::deserialize(deserializer).map(|v| v.0)
}

/// `deserialize_with` for an `Option<f64>` field: see [`ExactF64`].
pub(crate) fn exact_f64_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    Option::<ExactF64>::deserialize(deserializer).map(|v| v.map(|v| v.0))
}

/// `deserialize_with` for an `[f64; 3]` field: see [`ExactF64`].
pub(crate) fn exact_f64_3<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<[f64; 3], D::Error> {
    <[ExactF64; 3]>::deserialize(deserializer).map(|v| v.map(|v| v.0))
}

/// serde's message without the line and column serde_json appends.
fn reason_of(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

fn error_at(text: &str, error: &serde_json::Error) -> JsonError {
    let reason = reason_of(error);
    let path = if error.line() == 0 {
        ".".to_owned()
    } else {
        // A container's own complaints (a field missing, too few items) are reported after its
        // closing bracket; so are conversion errors (`try_from`) of its last member, which serde_json
        // only places when the container ends.
        // An unknown field found only once the object has been read whole (an event's fields before
        // its `type`) is reported after the object: name the field in it.
        let unknown_field = reason
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        let container_error = reason.starts_with("missing field")
            || reason.starts_with("invalid length")
            || unknown_field.is_some();
        let offset = offset_of(text, error.line(), error.column());
        let path = path_at(text, offset, container_error, error.is_data());
        let after_object = offset
            .checked_sub(1)
            .and_then(|before| text.as_bytes().get(before))
            == Some(&b'}');
        match unknown_field {
            Some(key) if after_object && path == "." => key.to_owned(),
            Some(key) if after_object => format!("{path}.{key}"),
            _ => path,
        }
    };
    JsonError { path, reason }
}

/// The byte offset of serde_json's (1-based line, column) position: the column counts the bytes read
/// on that line.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line.checked_sub(2) {
        Some(newlines) => text
            .match_indices('\n')
            .nth(newlines)
            .map_or(0, |(i, _)| i + 1),
        None => 0,
    };
    line_start.saturating_add(column).min(text.len())
}

/// An open container while scanning: an object with the key last read, or an array with the index
/// of the item being read (once it has started).
enum Frame<'a> {
    Object {
        key: Option<&'a str>,
        in_value: bool,
    },
    Array {
        index: usize,
        started: bool,
    },
}

/// The path of the value being read at byte `offset` of JSON text, written as serde_path_to_error
/// wrote it: keys joined by `.`, indices as `[i]`, `.` for the whole value. Right after a closing
/// bracket the path is the closed container's when `container_error`, else its last member's.
/// Right after an array's comma, a `data_error` (a value read whole, then refused, e.g. an
/// [`ExactF64`]) is the item before it: serde_json places it once it has read on.
fn path_at(text: &str, offset: usize, container_error: bool, data_error: bool) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The container closed last, while nothing but blanks followed it.
    let mut closed: Option<Frame> = None;
    let mut i = 0;
    while i < offset {
        let Some(&b) = bytes.get(i) else { break };
        if !b.is_ascii_whitespace() {
            closed = None;
            if let Some(Frame::Array { started, .. }) = stack.last_mut() {
                *started |= !matches!(b, b']' | b',');
            }
        }
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Frame::Object {
                    key,
                    in_value: false,
                }) = stack.last_mut()
                {
                    *key = text.get(i + 1..end.saturating_sub(1));
                }
                i = end;
                continue;
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                in_value: false,
            }),
            b'[' => stack.push(Frame::Array {
                index: 0,
                started: false,
            }),
            b'}' | b']' => closed = stack.pop(),
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { in_value, .. }) => *in_value = false,
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    if let Some(Frame::Array { index, started }) = stack.last_mut() {
        // A refused value at an item's start (`[` or `{` where a number belongs) is that item's.
        let next = bytes
            .get(offset..)
            .and_then(|rest| rest.iter().find(|b| !b.is_ascii_whitespace()));
        if data_error && !*started && *index > 0 && !matches!(next, Some(b'[' | b'{')) {
            *index -= 1;
            *started = true;
        }
    }
    let mut path = String::new();
    let last_member = closed.filter(|_| !container_error);
    for frame in stack.iter().chain(last_member.iter()) {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&unescape(key));
            }
            Frame::Object { key: None, .. } | Frame::Array { started: false, .. } => {}
            Frame::Array {
                index,
                started: true,
            } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The index just past the string that starts (with its quote) at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A key as its text reads, with JSON escapes resolved.
fn unescape(raw: &str) -> String {
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
    } else {
        raw.to_owned()
    }
}

/// Whether JSON text has a `\uD800`–`\uDFFF` escape. `JSON.stringify` writes surrogate pairs as the
/// characters themselves, so in its output such an escape is always a lone surrogate.
// Only the wasm binding layer calls it; native builds test it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn has_surrogate_escape(json: &str) -> bool {
    // memchr's word-at-a-time search for backslashes: this runs on every argument, escapes are rare.
    let bytes = json.as_bytes();
    // A backslash before this offset is the second of a `\\` pair, not an escape of its own.
    let mut escaped_until = 0;
    memchr::memchr_iter(b'\\', bytes).any(|at| {
        if at < escaped_until {
            return false;
        }
        escaped_until = at + 2;
        matches!(bytes.get(at + 1..at + 4), Some([b'u', d, second])
            if d.eq_ignore_ascii_case(&b'd')
                && matches!(second.to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_what_it_writes<T: ByName>() {
        let pairs = T::by_name();
        for (variant, name) in &pairs {
            assert_eq!(
                serde_json::to_string(variant).unwrap(),
                format!("\"{name}\"")
            );
            assert_eq!(&from_json::<T>(&format!("\"{name}\"")).unwrap(), variant);
        }
        let names: Vec<String> = pairs.iter().map(|(_, n)| format!("`{n}`")).collect();
        let err = from_json::<T>("\"crayon\"").unwrap_err();
        assert!(
            err.reason
                .starts_with("unknown variant `crayon`, expected "),
            "{}",
            err.reason
        );
        assert!(
            names.iter().all(|n| err.reason.contains(n.as_str())),
            "{}",
            err.reason
        );
        let err = from_json::<T>("5").unwrap_err();
        assert!(
            err.reason
                .starts_with("invalid type: integer `5`, expected one of"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn unit_enums_read_what_they_write() {
        reads_what_it_writes::<crate::printer::Language>();
        reads_what_it_writes::<crate::printer::ZplGraphic>();
        reads_what_it_writes::<crate::packing::BarcodeRole>();
        reads_what_it_writes::<crate::packing::ReadDirection>();
        reads_what_it_writes::<crate::packing::PackageKind>();
        reads_what_it_writes::<crate::packing::Face>();
        reads_what_it_writes::<crate::packing::PrintMethod>();
        reads_what_it_writes::<crate::packing::LabelSurface>();
        reads_what_it_writes::<crate::order::Actor>();
        reads_what_it_writes::<crate::order::DisputeOutcome>();
        reads_what_it_writes::<crate::label::NamedSize>();
    }

    #[test]
    fn surrogate_escapes_are_found_and_escaped_backslashes_are_not_escapes() {
        assert!(has_surrogate_escape(r#""\ud800""#));
        assert!(
            has_surrogate_escape(r#""a\\\uDBFF""#),
            "an escaped backslash, then an escape"
        );
        assert!(
            !has_surrogate_escape(r#""C:\\uD800""#),
            "a backslash, then the text uD800"
        );
        assert!(!has_surrogate_escape(r#""\u00e9\n\\""#));
        assert!(
            !has_surrogate_escape(r#""\uD7FF\uE000""#),
            "just outside the surrogates"
        );
        assert!(!has_surrogate_escape("\\"));
        // A long run of backslashes is linear work (it was quadratic: seconds for a 160 KB string).
        let long = format!("\"{}uD800\"", "\\".repeat(2_000_000));
        assert!(!has_surrogate_escape(&long));
        let long = format!("\"{}\\uD800\"", "\\".repeat(2_000_000));
        assert!(has_surrogate_escape(&long));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        size: [f64; 2],
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        at: Option<crate::timestamp::Timestamp>,
    }

    #[derive(Debug, Deserialize)]
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Plain {
        x: f64,
        #[serde(default)]
        y: Vec<f64>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Exact {
        #[serde(deserialize_with = "exact_f64")]
        x: f64,
        #[serde(default)]
        y: Vec<ExactF64>,
    }

    #[test]
    fn exact_floats_read_as_core_parses_them() {
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
            let exact = from_json::<Exact>(&format!(r#"{{"x":{text}}}"#)).unwrap().x;
            assert_eq!(
                exact.to_bits(),
                text.parse::<f64>().unwrap().to_bits(),
                "{text}"
            );
        }
    }

    #[test]
    fn exact_floats_fail_as_plain_ones_do() {
        for text in [
            r#"{"x":"1"}"#,
            r#"{"x":null}"#,
            r#"{"x":true,"y":[]}"#,
            r#"{"x":[1]}"#,
            r#"{"x":{}}"#,
            r#"{"x":1e400}"#,
            r#"{"x":-1e999,"y":[]}"#,
            r#"{"x":1,"y":[1,"2",3]}"#,
            r#"{"x":1,"y":[1,2,false]}"#,
            r#"{"x":1,"y":[1e309]}"#,
            r#"{"x":01}"#,
            r#"{"x":1.}"#,
            r#"{"y":[]}"#,
            r#"{"x":1,"y":[1, null ,3]}"#,
            r#"{"x":1,"y":[1, 2e400 ,3]}"#,
            r#"{"x":1,"y":[1,2,]}"#,
        ] {
            let plain = from_json::<Plain>(text).unwrap_err();
            let exact = from_json::<Exact>(text).unwrap_err();
            assert_eq!(
                (exact.path, exact.reason),
                (plain.path, plain.reason),
                "{text}"
            );
        }
        // Where a plain `f64` item names only its array, an exact one names the item.
        for (text, path) in [
            (r#"{"x":1,"y":[1,[2]]}"#, "y[1]"),
            (r#"{"x":1,"y":[1, {} ,3]}"#, "y[1]"),
        ] {
            assert_eq!(from_json::<Plain>(text).unwrap_err().path, "y");
            assert_eq!(from_json::<Exact>(text).unwrap_err().path, path);
        }
    }

    #[test]
    fn members_read_as_a_sorted_map_does() {
        let text = r#"{"b":1,"a":[2],"c":{"x":3},"a":"last"}"#;
        let mut members: Members = serde_json::from_str(text).unwrap();
        let map: std::collections::BTreeMap<String, &RawValue> =
            serde_json::from_str(text).unwrap();
        let texts = |m: &Members| {
            m.0.iter()
                .map(|(k, v)| (k.clone(), v.get().to_owned()))
                .collect::<Vec<_>>()
        };
        let map_texts: Vec<_> = map
            .iter()
            .map(|(k, v)| (k.clone(), v.get().to_owned()))
            .collect();
        assert_eq!(texts(&members), map_texts);
        assert_eq!(members.object_text(), r#"{"a":"last","b":1,"c":{"x":3}}"#);
        let b = members.remove("b").unwrap();
        assert!(members.remove("b").is_none());
        members.insert("0", b);
        members.insert("c", b);
        assert_eq!(members.object_text(), r#"{"0":1,"a":"last","c":1}"#);
        assert_eq!(members.get("a").map(RawValue::get), Some(r#""last""#));
    }
}
