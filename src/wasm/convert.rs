//! JS ⇄ Rust conversion and the one place where errors become JS `Error`s.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{ErrorCode, FbsError};

/// Every exported function returns this: a value, or a thrown JS `Error` with `code` and `details`.
pub type JsResult<T> = Result<T, JsValue>;

/// Turns an error into a JS `Error` whose `name` is `FbsError`, `code` a stable SCREAMING_SNAKE
/// string and `details` the error's data as a plain object.
pub(crate) fn js_error(error: FbsError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("FbsError");
    let details = serde_json_to_js(&error.details());
    // Setting properties on a fresh Error object cannot fail; there is nothing to recover if it did.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(&js, &"details".into(), &details);
    js.into()
}

/// Deserializes a JS value, naming the path of the first bad field.
///
/// Values cross the boundary as JSON text (`JSON.stringify` in, `JSON.parse` out): the engine's JSON
/// is fast, and every type then needs only serde_json's code, which the posting import needs anyway.
pub(crate) fn from_js<T: DeserializeOwned>(
    value: JsValue,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<T> {
    let invalid = |path: String, reason: String| {
        js_error(FbsError::InvalidArgument {
            argument,
            expected,
            path,
            reason,
        })
    };
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            invalid(
                ".".into(),
                "not JSON-serializable (a BigInt, a cycle, or undefined)".into(),
            )
        })?;
    serde_json::from_str(&text).map_err(|e| invalid(".".into(), e.to_string()))
}

/// Serializes a result as a plain JSON-compatible JS value.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        js_error(FbsError::Internal {
            reason: e.to_string(),
        })
    })?;
    js_sys::JSON::parse(&text).map_err(|_| {
        js_error(FbsError::Internal {
            reason: "JSON.parse failed".into(),
        })
    })
}

fn serde_json_to_js(value: &serde_json::Value) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// Runs a core operation and maps its error.
pub(crate) fn core<T, E: Into<FbsError>>(result: Result<T, E>) -> JsResult<T> {
    result.map_err(|e| js_error(e.into()))
}
