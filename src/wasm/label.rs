//! Cargo labels for JS.
//!
//! A label reads only the fields of the order it shows ([`LabelSource`]): `JSON.stringify` writes only
//! their keys and the reader skips anything else, which keeps `renderLabel` on the renderer's fast
//! path.

use wasm_bindgen::prelude::*;

use super::convert::{bounded_json_text_of, core, from_text, to_js, JsResult};
use super::order::optional;
use crate::error::FbsError;
use crate::label::{LabelError, LabelOptions, LabelSource, LABEL_SOURCE_KEYS};
use fbskit_render::label as render;

thread_local! {
    /// [`LABEL_SOURCE_KEYS`] as a JS array, made once: `JSON.stringify` then writes only them.
    static KEYS: JsValue = LABEL_SOURCE_KEYS
        .iter()
        .map(|key| JsValue::from_str(key))
        .collect::<js_sys::Array>()
        .into();
}

/// Reads the label's fields of `order` and the options, and draws with `draw`.
fn with_label_args<T>(
    order: JsValue,
    options: Option<JsValue>,
    draw: impl FnOnce(&LabelSource<'_>, &LabelOptions) -> Result<T, LabelError>,
) -> JsResult<T> {
    const EXPECTED: &str = "order object (as returned by importPosting or applyEvent)";
    let text = KEYS.with(|keys| bounded_json_text_of(&order, keys, "order", EXPECTED))?;
    let source: LabelSource<'_> = from_text(&text, "order", EXPECTED)?;
    let options = optional(
        options,
        "options",
        "label options ({ size?, dpi?, cluster?, boxIndex?, boxCount?, utcOffsetMinutes? })",
    )?;
    core::<_, FbsError>(draw(&source, &options).map_err(Into::into))
}

/// The order's cargo label as an SVG document at its physical size (default 75 × 120 mm, 203 dpi).
#[wasm_bindgen(js_name = renderLabel)]
pub fn render_label(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options: Option<JsValue>,
) -> JsResult<String> {
    with_label_args(order, options, render::render_svg)
}

/// The geometry the order's label is drawn from: barcode boxes (bars alone, with their quiet zones),
/// text lines and warnings, in mm from the label's top-left corner.
#[wasm_bindgen(js_name = labelLayout, unchecked_return_type = "LabelLayout")]
pub fn label_layout(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    to_js(&with_label_args(order, options, render::label_layout)?)
}
