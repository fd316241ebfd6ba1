//! JSON text out: the [`ToJson`] trait and the writer its impls call.
//!
//! Written byte for byte as serde_json writes (the same string escapes, floats by the same `zmij`
//! shortest form, `null` for a float that is not finite): a test checks each output type against
//! serde_json. serde's derived serializers cost 20 KB of the gzipped module; this writes each field
//! with one append of its key and one call.

use std::borrow::Cow;

/// A value that writes itself as JSON text.
pub trait ToJson {
    /// Appends the value's JSON text.
    fn write_json(&self, w: &mut Writer);
}

/// JSON text being written.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer {
            out: String::with_capacity(256),
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Appends text that is already JSON (a literal, a `"key":`).
    #[inline(never)]
    pub fn raw(&mut self, json: &str) {
        self.out.push_str(json);
    }

    /// Opens an object.
    #[inline(never)]
    pub fn begin_object(&mut self) {
        self.out.push('{');
    }

    /// Starts a member: `key` is its `"name":`, written as it is, after a comma unless it is the
    /// first.
    #[inline(never)]
    pub fn key(&mut self, key: &str) {
        if !self.out.ends_with('{') {
            self.out.push(',');
        }
        self.out.push_str(key);
    }

    /// Closes an object.
    #[inline(never)]
    pub fn end_object(&mut self) {
        self.out.push('}');
    }

    /// Writes `inner` (an object) inside the object being written, after the members written so
    /// far: how serde writes a newtype variant of an internally tagged enum.
    #[inline(never)]
    pub fn merge_object(&mut self, inner: &dyn ToJson) {
        let at = self.out.len();
        inner.write_json(self);
        match self.out.get(at..) {
            Some("{}") => self.out.truncate(at),
            Some(text) if text.starts_with('{') => {
                self.out.replace_range(at..at + 1, ",");
                // Its closing brace is taken off: the caller closes the object.
                self.out.pop();
            }
            // Not an object: serde refuses it; nothing in this crate does that.
            _ => {}
        }
    }

    /// A string, escaped as serde_json escapes it.
    #[inline(never)]
    pub fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(plain..i).unwrap_or_default());
            if escape.is_empty() {
                self.out.push_str("\\u00");
                for digit in [b >> 4, b & 0xf] {
                    self.out
                        .push(char::from_digit(u32::from(digit), 16).unwrap_or('0'));
                }
            } else {
                self.out.push_str(escape);
            }
            plain = i + 1;
        }
        self.out.push_str(s.get(plain..).unwrap_or_default());
        self.out.push('"');
    }

    /// A float in its shortest form that reads back exactly; `null` when not finite.
    #[inline(never)]
    pub fn f64(&mut self, v: f64) {
        if v.is_finite() {
            self.out.push_str(zmij::Buffer::new().format_finite(v));
        } else {
            self.out.push_str("null");
        }
    }

    /// An unsigned integer (every unsigned type is written through this one copy of the code).
    #[inline(never)]
    pub fn unsigned(&mut self, v: u64) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }

    /// A signed integer.
    #[inline(never)]
    pub fn signed(&mut self, v: i64) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }

    /// Opens an array.
    #[inline(never)]
    pub fn begin_array(&mut self) {
        self.out.push('[');
    }

    /// Starts an item, after a comma unless it is the first.
    #[inline(never)]
    pub fn item(&mut self) {
        if !self.out.ends_with('[') {
            self.out.push(',');
        }
    }

    /// Closes an array.
    #[inline(never)]
    pub fn end_array(&mut self) {
        self.out.push(']');
    }

    /// Items of any kind as an array.
    pub fn array<T: ToJson>(&mut self, items: &[T]) {
        self.begin_array();
        for item in items {
            self.item();
            item.write_json(self);
        }
        self.end_array();
    }
}

/// The value as JSON text.
pub fn to_json<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::new();
    value.write_json(&mut w);
    w.finish()
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for Cow<'_, str> {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for char {
    fn write_json(&self, w: &mut Writer) {
        w.string(self.encode_utf8(&mut [0; 4]));
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for f64 {
    fn write_json(&self, w: &mut Writer) {
        w.f64(*self);
    }
}

macro_rules! integers {
    ($($ty:ty => $method:ident $wide:ty),*) => {$(
        impl ToJson for $ty {
            fn write_json(&self, w: &mut Writer) {
                // Lossless: `usize` is at most 64 bits on every target this builds for.
                w.$method(*self as $wide);
            }
        }
    )*};
}

integers!(
    u8 => unsigned u64, u16 => unsigned u64, u32 => unsigned u64, u64 => unsigned u64,
    usize => unsigned u64, i8 => signed i64, i16 => signed i64, i32 => signed i64, i64 => signed i64
);

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write_json(w),
            None => w.raw("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, w: &mut Writer) {
        w.begin_array();
        w.item();
        self.0.write_json(w);
        w.item();
        self.1.write_json(w);
        w.end_array();
    }
}
