//! A JSON pull reader and the [`FromJson`] trait its readers implement.
//!
//! One small, non-generic reader walks the text; each type's reader (`#[derive(FromJson)]` from
//! `fbskit-derive`, or written by hand) asks it for the next key or value. Nothing is buffered, so a
//! type costs only its own field matching: serde's derive instantiated serde_json's parser inside
//! every field of every type, two thirds of the deserialization code in the module (README, "Size").
//!
//! Errors say what serde said (`missing field`, `unknown field`, `invalid type: …, expected …`) and
//! collect the bad value's path on their way out.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::number::parse_f64;

/// Containers nested deeper than this are refused (about serde_json's limit), so no input can exhaust
/// the stack.
const MAX_DEPTH: u32 = 128;

/// The complaint about a `\uD800`–`\uDFFF` escape that is not half of a pair. `JSON.stringify` writes
/// a JS string's lone surrogate this way; it has no UTF-8 form.
const LONE_SURROGATE: &str =
    "a lone UTF-16 surrogate (\\uD800–\\uDFFF escape), which is not valid Unicode";

/// A value read from JSON text.
pub trait FromJson<'a>: Sized {
    /// Reads one value at the reader's position.
    fn read(r: &mut Reader<'a>) -> ReadResult<Self>;

    /// The value of an object member that is absent: `None` for an `Option`, else there is none (the
    /// member is required).
    fn absent() -> Option<Self> {
        None
    }
}

/// The result of reading a value.
pub type ReadResult<T> = Result<T, ReadError>;

/// Why a value could not be read, and where: its path is collected as the error returns through
/// the containers around it.
#[derive(Debug)]
pub struct ReadError(Box<ErrorInner>);

#[derive(Debug)]
struct ErrorInner {
    reason: String,
    /// Innermost first.
    path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl ReadError {
    /// An error with this reason, at the value being read.
    pub fn new(reason: impl Into<String>) -> ReadError {
        ReadError(Box::new(ErrorInner {
            reason: reason.into(),
            path: Vec::new(),
        }))
    }

    /// The error, inside the member `key` of an object.
    #[cold]
    pub fn at_key(mut self, key: &str) -> ReadError {
        self.0.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// The error, inside the item `index` of an array.
    #[cold]
    pub fn at_index(mut self, index: usize) -> ReadError {
        self.0.path.push(Segment::Index(index));
        self
    }

    /// Why.
    pub fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The bad value's path: keys joined by `.`, indices as `[i]`, `.` for the whole value.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.0.path.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(index) => {
                    let _ = write!(path, "[{index}]");
                }
            }
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }

    /// `missing field `name``.
    #[cold]
    pub fn missing_field(name: &str) -> ReadError {
        ReadError::new(format!("missing field `{name}`"))
    }

    /// `duplicate field `name``.
    #[cold]
    pub fn duplicate_field(name: &str) -> ReadError {
        ReadError::new(format!("duplicate field `{name}`"))
    }

    /// `unknown field `name`, expected …`, placed at the field.
    #[cold]
    pub fn unknown_field(name: &str, fields: &[&str]) -> ReadError {
        let expected = if fields.is_empty() {
            "there are no fields".to_owned()
        } else {
            format!("expected {}", OneOf(fields))
        };
        ReadError::new(format!("unknown field `{name}`, {expected}")).at_key(name)
    }

    /// `unknown variant `name`, expected …`.
    #[cold]
    pub fn unknown_variant(name: &str, variants: &[&str]) -> ReadError {
        ReadError::new(format!(
            "unknown variant `{name}`, expected {}",
            OneOf(variants)
        ))
    }
}

/// serde's list of names: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
pub(crate) struct OneOf<'n>(pub &'n [&'n str]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("nothing"),
            [one] => write!(f, "`{one}`"),
            [a, b] => write!(f, "`{a}` or `{b}`"),
            names => {
                f.write_str("one of ")?;
                for (i, name) in names.iter().enumerate() {
                    write!(f, "{}`{name}`", if i == 0 { "" } else { ", " })?;
                }
                Ok(())
            }
        }
    }
}

/// The JSON text being read and the position in it.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    /// Reads the whole text as one `T`: nothing but blanks may follow it.
    pub fn read_all<T: FromJson<'a>>(text: &'a str) -> ReadResult<T> {
        let mut r = Reader::new(text);
        let value = T::read(&mut r)?;
        match r.peek() {
            None => Ok(value),
            Some(_) => Err(ReadError::new("trailing characters")),
        }
    }

    /// The position, to read a value again from it ([`Reader::rewind`]).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Goes back to a [`Reader::position`].
    pub fn rewind(&mut self, position: usize) {
        self.pos = position;
    }

    fn byte_at(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    /// The next byte that is not a blank, without taking it.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(b) = self.byte_at(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Takes `byte` if it is next (after blanks).
    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Takes `null` if it is next.
    pub fn null(&mut self) -> ReadResult<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal("null").map(|()| true)
    }

    fn literal(&mut self, word: &str) -> ReadResult<()> {
        let end = self.pos + word.len();
        match self.text.get(self.pos..end) {
            Some(found) if found == word => {
                self.pos = end;
                Ok(())
            }
            _ if end > self.text.len() => Err(ReadError::new("EOF while parsing a value")),
            _ => Err(ReadError::new("expected ident")),
        }
    }

    fn enter(&mut self) -> ReadResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ReadError::new("recursion limit exceeded"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Opens an object, or fails with `invalid type: …, expected {expected}`.
    pub fn begin_object(&mut self, expected: &dyn fmt::Display) -> ReadResult<()> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.enter()
    }

    /// The next key of the object opened last, or `None` at its end. `first` is `true` before the
    /// first key and is cleared here.
    pub fn next_key(&mut self, first: &mut bool) -> ReadResult<Option<Cow<'a, str>>> {
        let is_first = std::mem::replace(first, false);
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !is_first => {
                self.pos += 1;
                if self.peek() == Some(b'}') {
                    return Err(ReadError::new("trailing comma"));
                }
            }
            None => return Err(ReadError::new("EOF while parsing an object")),
            Some(_) if !is_first => return Err(ReadError::new("expected `,` or `}`")),
            Some(_) => {}
        }
        match self.peek() {
            Some(b'"') => {}
            None => return Err(ReadError::new("EOF while parsing an object")),
            Some(_) => return Err(ReadError::new("key must be a string")),
        }
        self.pos += 1;
        let key = self.string_body()?;
        if !self.eat(b':') {
            return Err(ReadError::new(if self.peek().is_none() {
                "EOF while parsing an object"
            } else {
                "expected `:`"
            }));
        }
        Ok(Some(key))
    }

    /// An object's members, for a derived reader: each key the type reads is handed to `member` by its
    /// index in `fields`; any other is skipped, or refused when `deny`. Every derived type shares this
    /// loop, and `member` only borrows the type's slots, so an error drops them once, in the caller.
    pub fn members(
        &mut self,
        expected: &dyn fmt::Display,
        fields: &[&str],
        deny: bool,
        member: &mut dyn FnMut(&mut Reader<'a>, usize) -> ReadResult<()>,
    ) -> ReadResult<()> {
        self.begin_object(expected)?;
        let mut first = true;
        while let Some(key) = self.next_key(&mut first)? {
            match fields.iter().position(|name| *name == key) {
                Some(index) => member(self, index)?,
                None => self.unknown(&key, fields, deny)?,
            }
        }
        Ok(())
    }

    /// Opens an array, or fails with `invalid type: …, expected {expected}`.
    pub fn begin_array(&mut self, expected: &dyn fmt::Display) -> ReadResult<()> {
        if self.peek() != Some(b'[') {
            return Err(self.invalid_type(expected));
        }
        self.enter()
    }

    /// Whether the array opened last has another item (the reader is then at it). `first` as in
    /// [`Reader::next_key`].
    pub fn next_item(&mut self, first: &mut bool) -> ReadResult<bool> {
        let is_first = std::mem::replace(first, false);
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !is_first => {
                self.pos += 1;
                if self.peek() == Some(b']') {
                    return Err(ReadError::new("trailing comma"));
                }
                Ok(true)
            }
            None => Err(ReadError::new("EOF while parsing a list")),
            Some(_) if !is_first => Err(ReadError::new("expected `,` or `]`")),
            Some(_) => Ok(true),
        }
    }

    /// A string, or `invalid type: …, expected {expected}`.
    pub fn string(&mut self, expected: &dyn fmt::Display) -> ReadResult<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.invalid_type(expected));
        }
        self.pos += 1;
        self.string_body()
    }

    /// The rest of a string whose opening quote was taken.
    fn string_body(&mut self) -> ReadResult<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        loop {
            // The plain run up to the next quote, backslash or control character, in one scan.
            let start = self.pos;
            let rest = bytes.get(start..).unwrap_or_default();
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or_else(|| ReadError::new("EOF while parsing a string"))?;
            self.pos = start + run;
            // The stop bytes are ASCII, so the run ends on a character boundary.
            let plain = self.text.get(start..self.pos).unwrap_or_default();
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(plain),
                        Some(mut s) => {
                            s.push_str(plain);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(plain);
                    self.pos += 1;
                    let ch = self.escape()?;
                    s.push(ch);
                }
                _ => {
                    return Err(ReadError::new(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
            }
        }
    }

    /// The character of an escape whose backslash was taken.
    fn escape(&mut self) -> ReadResult<char> {
        let Some(b) = self.byte_at(self.pos) else {
            return Err(ReadError::new("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.text.get(self.pos..self.pos + 2) != Some("\\u") {
                            return Err(ReadError::new(LONE_SURROGATE));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(ReadError::new(LONE_SURROGATE));
                        }
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(code)
                            .ok_or_else(|| ReadError::new("invalid unicode code point"))?
                    }
                    0xDC00..=0xDFFF => return Err(ReadError::new(LONE_SURROGATE)),
                    _ => char::from_u32(first)
                        .ok_or_else(|| ReadError::new("invalid unicode code point"))?,
                }
            }
            _ => return Err(ReadError::new("invalid escape")),
        })
    }

    fn hex4(&mut self) -> ReadResult<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| ReadError::new("EOF while parsing a string"))?;
        let value = u32::from_str_radix(digits, 16)
            .ok()
            .filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| ReadError::new("invalid escape"))?;
        self.pos += 4;
        Ok(value)
    }

    /// A number's text (JSON's grammar), or `invalid type: …, expected {expected}`.
    pub fn number(&mut self, expected: &dyn fmt::Display) -> ReadResult<&'a str> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return Err(self.invalid_type(expected)),
        }
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = start;
        if bytes.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let leading_zero = bytes.get(pos) == Some(&b'0');
        if !digits(&mut pos) {
            return Err(ReadError::new("invalid number"));
        }
        if leading_zero && pos - start > 1 + usize::from(bytes.get(start) == Some(&b'-')) {
            return Err(ReadError::new("invalid number"));
        }
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                return Err(ReadError::new("invalid number"));
            }
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            if !digits(&mut pos) {
                return Err(ReadError::new("invalid number"));
            }
        }
        self.pos = pos;
        Ok(self.text.get(start..pos).unwrap_or_default())
    }

    /// An integer, as its sign and magnitude, or `invalid type: …, expected {expected}`.
    pub fn integer(&mut self, expected: &dyn fmt::Display) -> ReadResult<(bool, u64)> {
        let start = self.pos;
        let text = self.number(expected)?;
        let negative = text.starts_with('-');
        let magnitude = text.trim_start_matches('-');
        if magnitude.contains(['.', 'e', 'E']) {
            self.pos = start;
            return Err(self.invalid_type(expected));
        }
        magnitude
            .parse::<u64>()
            .map(|m| (negative, m))
            .map_err(|_| ReadError::new("number out of range"))
    }

    /// Skips one value of any kind.
    pub fn skip(&mut self) -> ReadResult<()> {
        match self.peek() {
            Some(b'{') => {
                self.enter()?;
                let mut first = true;
                while self.next_key(&mut first)?.is_some() {
                    self.skip()?;
                }
                Ok(())
            }
            Some(b'[') => {
                self.enter()?;
                let mut first = true;
                while self.next_item(&mut first)? {
                    self.skip()?;
                }
                Ok(())
            }
            Some(b'"') => {
                self.pos += 1;
                self.string_body().map(drop)
            }
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number(&"a number").map(drop),
            Some(_) => Err(ReadError::new("expected value")),
            None => Err(ReadError::new("EOF while parsing a value")),
        }
    }

    /// One value's text, as it is written.
    pub fn raw(&mut self) -> ReadResult<&'a str> {
        self.peek();
        let start = self.pos;
        self.skip()?;
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    /// `invalid type: {what is next}, expected {expected}`: the value is not read.
    #[cold]
    pub fn invalid_type(&mut self, expected: &dyn fmt::Display) -> ReadError {
        let start = self.pos;
        let found = match self.peek() {
            None => return ReadError::new("EOF while parsing a value"),
            Some(b'"') => {
                self.pos += 1;
                match self.string_body() {
                    Ok(s) => format!("string {s:?}"),
                    Err(e) => return e,
                }
            }
            Some(b'{') => "map".to_owned(),
            Some(b'[') => "sequence".to_owned(),
            Some(b't') => match self.literal("true") {
                Ok(()) => "boolean `true`".to_owned(),
                Err(e) => return e,
            },
            Some(b'f') => match self.literal("false") {
                Ok(()) => "boolean `false`".to_owned(),
                Err(e) => return e,
            },
            Some(b'n') => match self.literal("null") {
                Ok(()) => "null".to_owned(),
                Err(e) => return e,
            },
            Some(b'-' | b'0'..=b'9') => match self.number(&"") {
                Ok(text) if text.contains(['.', 'e', 'E']) => format!("floating point `{text}`"),
                Ok(text) => format!("integer `{text}`"),
                Err(e) => return e,
            },
            Some(_) => return ReadError::new("expected value"),
        };
        self.pos = start;
        ReadError::new(format!("invalid type: {found}, expected {expected}"))
    }

    /// Reads an object member's value into its slot, refusing a second one; errors are placed at
    /// `key`.
    pub fn member<T: FromJson<'a>>(&mut self, slot: &mut Option<T>, key: &str) -> ReadResult<()> {
        self.member_with(slot, key, T::read)
    }

    /// [`Reader::member`] with a reader of its own.
    pub fn member_with<T>(
        &mut self,
        slot: &mut Option<T>,
        key: &str,
        read: impl FnOnce(&mut Reader<'a>) -> ReadResult<T>,
    ) -> ReadResult<()> {
        if slot.is_some() {
            return Err(ReadError::duplicate_field(key).at_key(key));
        }
        *slot = Some(read(self).map_err(|e| e.at_key(key))?);
        Ok(())
    }

    /// An unknown key's value: refused when `deny`, else skipped.
    pub fn unknown(&mut self, key: &str, fields: &[&str], deny: bool) -> ReadResult<()> {
        if deny {
            return Err(ReadError::unknown_field(key, fields));
        }
        self.skip().map_err(|e| e.at_key(key))
    }
}

impl<'a> FromJson<'a> for bool {
    fn read(r: &mut Reader<'a>) -> ReadResult<bool> {
        match r.peek() {
            Some(b't') => r.literal("true").map(|()| true),
            Some(b'f') => r.literal("false").map(|()| false),
            _ => Err(r.invalid_type(&"a boolean")),
        }
    }
}

impl<'a> FromJson<'a> for Cow<'a, str> {
    fn read(r: &mut Reader<'a>) -> ReadResult<Cow<'a, str>> {
        r.string(&"a string")
    }
}

impl<'a> FromJson<'a> for String {
    fn read(r: &mut Reader<'a>) -> ReadResult<String> {
        r.string(&"a string").map(Cow::into_owned)
    }
}

impl<'a> FromJson<'a> for f64 {
    /// Read exactly (JSON's number grammar is a subset of what [`parse_f64`] reads): orders must
    /// survive a JSON round trip bit for bit.
    fn read(r: &mut Reader<'a>) -> ReadResult<f64> {
        let text = r.number(&"f64")?;
        match parse_f64(text) {
            Some(v) if v.is_finite() => Ok(v),
            _ => Err(ReadError::new("number out of range")),
        }
    }
}

/// `invalid value: integer `-1`, expected u32`.
#[cold]
fn out_of_range(negative: bool, magnitude: u64, expected: &str) -> ReadError {
    let sign = if negative { "-" } else { "" };
    ReadError::new(format!(
        "invalid value: integer `{sign}{magnitude}`, expected {expected}"
    ))
}

macro_rules! integers {
    ($($ty:ty),*) => {$(
        impl<'a> FromJson<'a> for $ty {
            fn read(r: &mut Reader<'a>) -> ReadResult<$ty> {
                let name = stringify!($ty);
                let (negative, magnitude) = r.integer(&name)?;
                let value = if negative {
                    i64::try_from(magnitude).ok().and_then(|m| <$ty>::try_from(-m).ok())
                } else {
                    <$ty>::try_from(magnitude).ok()
                };
                value.ok_or_else(|| out_of_range(negative, magnitude, name))
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, i32, i64);

impl<'a, T: FromJson<'a>> FromJson<'a> for Option<T> {
    fn read(r: &mut Reader<'a>) -> ReadResult<Option<T>> {
        if r.null()? {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }

    fn absent() -> Option<Option<T>> {
        Some(None)
    }
}

impl<'a, T: FromJson<'a>> FromJson<'a> for Vec<T> {
    fn read(r: &mut Reader<'a>) -> ReadResult<Vec<T>> {
        r.begin_array(&"a sequence")?;
        let mut items = Vec::new();
        let mut first = true;
        while r.next_item(&mut first)? {
            let index = items.len();
            items.push(T::read(r).map_err(|e| e.at_index(index))?);
        }
        Ok(items)
    }
}

impl<'a, T: FromJson<'a>, const N: usize> FromJson<'a> for [T; N] {
    fn read(r: &mut Reader<'a>) -> ReadResult<[T; N]> {
        let items = Vec::<T>::read(r)?;
        let len = items.len();
        items.try_into().map_err(|_| {
            ReadError::new(format!(
                "invalid length {len}, expected an array of length {N}"
            ))
        })
    }
}
