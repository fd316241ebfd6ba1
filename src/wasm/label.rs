//! Cargo labels for JS.

use wasm_bindgen::prelude::*;

use super::convert::{core, from_js, to_js, JsResult};
use super::order::optional;
use crate::error::FbsError;
use crate::label::{self, LabelOptions};
use crate::order::Order;

fn label_args(order: JsValue, options: Option<JsValue>) -> JsResult<(Order, LabelOptions)> {
    let order = from_js(
        order,
        "order",
        "order object (as returned by importPosting or applyEvent)",
    )?;
    let options = optional(
        options,
        "options",
        "label options ({ size?, dpi?, cluster?, boxIndex?, boxCount?, utcOffsetMinutes? })",
    )?;
    Ok((order, options))
}

/// The order's cargo label as an SVG document at its physical size (default 75 × 120 mm, 203 dpi).
#[wasm_bindgen(js_name = renderLabel)]
pub fn render_label(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options: Option<JsValue>,
) -> JsResult<String> {
    let (order, options) = label_args(order, options)?;
    core::<_, FbsError>(label::render_svg(&order, &options).map_err(Into::into))
}

/// The geometry the order's label is drawn from: barcode boxes (bars alone, with their quiet zones),
/// text lines and warnings, in mm from the label's top-left corner.
#[wasm_bindgen(js_name = labelLayout, unchecked_return_type = "LabelLayout")]
pub fn label_layout(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let (order, options) = label_args(order, options)?;
    to_js(&core::<_, FbsError>(
        label::label_layout(&order, &options).map_err(Into::into),
    )?)
}
