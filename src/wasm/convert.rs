//! JS ⇄ Rust conversion and the one place where errors become JS `Error`s.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorCode, FbsError};

/// Every exported function returns this: a value, or a thrown JS `Error` with `code` and `details`.
pub type JsResult<T> = Result<T, JsValue>;

/// Turns an error into a JS `Error` whose `name` is `FbsError`, `code` a stable SCREAMING_SNAKE
/// string and `details` the error's data as a plain object.
///
/// This and the other helpers marked `inline(never)` are kept out of line: inlined into each of the
/// exports they cost 1.4 KB of the gzipped module.
#[inline(never)]
#[cold]
pub(crate) fn js_error(error: FbsError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("FbsError");
    let details = js_sys::JSON::parse(&error.details_json()).unwrap_or(JsValue::NULL);
    // Setting properties on a fresh Error object cannot fail; there is nothing to recover if it did.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(&js, &"details".into(), &details);
    js.into()
}

/// Largest JSON argument accepted (an order, an event, a packing, a batch of orders), in bytes of its
/// `JSON.stringify` text. Posting imports have their own limits (`order::MAX_POSTING_BYTES`, …).
pub const MAX_JSON_ARGUMENT_BYTES: usize = 20 * 1024 * 1024;

fn invalid_argument(argument: &'static str, expected: &'static str, reason: String) -> JsValue {
    js_error(FbsError::InvalidArgument {
        argument,
        expected,
        path: ".".into(),
        reason,
    })
}

/// A JS string's text, refusing a lone UTF-16 surrogate (which has no UTF-8 form: converting it would
/// silently turn it into U+FFFD), and refusing, before it is copied into wasm memory, one longer than
/// `max` UTF-16 units (each is at least one UTF-8 byte): `too_large` gets that length. `None` when the
/// value is not a string.
pub(crate) fn js_string(
    value: &JsValue,
    argument: &'static str,
    expected: &'static str,
    max: usize,
    too_large: impl FnOnce(usize) -> JsValue,
) -> Option<JsResult<String>> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    let units = text.length() as usize;
    Some(if units > max {
        Err(too_large(units))
    } else if text.is_valid_utf16() {
        Ok(String::from(text))
    } else {
        Err(invalid_argument(argument, expected, LONE_SURROGATE.into()))
    })
}

const LONE_SURROGATE: &str = "the text has a lone UTF-16 surrogate, which is not valid Unicode";

/// A JS value as JSON text (`JSON.stringify`, with its `replacer`: an array of the only keys to
/// write, at every depth, or `undefined` for all of them). Text longer than `max` UTF-16 units is
/// refused before it is copied, as in [`js_string`]. A lone surrogate is written as a `\uD800`-style
/// escape, which the JSON reader refuses by name, at its path.
pub(crate) fn json_text(
    value: &JsValue,
    replacer: &JsValue,
    argument: &'static str,
    expected: &'static str,
    max: usize,
    too_large: impl FnOnce(usize) -> JsValue,
) -> JsResult<String> {
    let not_json = || {
        invalid_argument(
            argument,
            expected,
            "not JSON-serializable (a BigInt, a cycle, or undefined)".into(),
        )
    };
    let text = js_sys::JSON::stringify_with_replacer(value, replacer).map_err(|_| not_json())?;
    // `undefined` (and functions) stringify to `undefined`, not to a string.
    if !text.is_string() {
        return Err(not_json());
    }
    let units = text.length() as usize;
    if units > max {
        return Err(too_large(units));
    }
    text.as_string().ok_or_else(not_json)
}

/// Deserializes a JS value of at most [`MAX_JSON_ARGUMENT_BYTES`] as JSON.
///
/// Values cross the boundary as JSON text (`JSON.stringify` in, `JSON.parse` out): the engine's JSON
/// is fast, and every type then needs only its small reader over text (`crate::json`).
pub(crate) fn from_js<T: for<'a> crate::json::FromJson<'a>>(
    value: JsValue,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<T> {
    from_text(
        &bounded_json_text(&value, argument, expected)?,
        argument,
        expected,
    )
}

/// Reads a `T` from an argument's JSON text ([`bounded_json_text`]); `T` may borrow from it.
pub(crate) fn from_text<'a, T: crate::json::FromJson<'a>>(
    text: &'a str,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<T> {
    // Through `json::from_json`, so JS sees the path of the bad field, not a line and column of a
    // `JSON.stringify` text it never saw.
    crate::json::from_json(text).map_err(|e| invalid_json(argument, expected, e))
}

/// A JSON argument that could not be read.
#[inline(never)]
#[cold]
fn invalid_json(
    argument: &'static str,
    expected: &'static str,
    e: crate::json::JsonError,
) -> JsValue {
    js_error(FbsError::InvalidArgument {
        argument,
        expected,
        path: e.path,
        reason: e.reason,
    })
}

/// [`json_text`], refusing more than [`MAX_JSON_ARGUMENT_BYTES`].
pub(crate) fn bounded_json_text(
    value: &JsValue,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<String> {
    bounded_json_text_of(value, &JsValue::UNDEFINED, argument, expected)
}

/// [`bounded_json_text`] of only the keys in `keys` (a JS array of strings), at every depth: what
/// a reader that skips every other key would read, without writing and copying the rest.
#[inline(never)]
pub(crate) fn bounded_json_text_of(
    value: &JsValue,
    keys: &JsValue,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<String> {
    let too_large = |bytes: usize| {
        invalid_argument(
            argument,
            expected,
            format!("{bytes} bytes of JSON; at most {MAX_JSON_ARGUMENT_BYTES} are accepted"),
        )
    };
    let text = json_text(
        value,
        keys,
        argument,
        expected,
        MAX_JSON_ARGUMENT_BYTES,
        too_large,
    )?;
    if text.len() > MAX_JSON_ARGUMENT_BYTES {
        return Err(too_large(text.len()));
    }
    Ok(text)
}

/// Serializes a result as a plain JSON-compatible JS value.
pub(crate) fn to_js<T: crate::json::ToJson + ?Sized>(value: &T) -> JsResult<JsValue> {
    parse_js(&crate::json::to_json(value))
}

/// `JSON.parse` of written JSON text.
#[inline(never)]
fn parse_js(text: &str) -> JsResult<JsValue> {
    js_sys::JSON::parse(text).map_err(|_| {
        js_error(FbsError::Internal {
            reason: "JSON.parse failed".into(),
        })
    })
}

/// Runs a core operation and maps its error.
pub(crate) fn core<T, E: Into<FbsError>>(result: Result<T, E>) -> JsResult<T> {
    result.map_err(|e| js_error(e.into()))
}
