//! The handover note and batch hand-over for JS.

use wasm_bindgen::prelude::*;

use super::convert::{core, from_js, to_js, JsResult};
use super::order::optional;
use crate::handover::{self, Act, NoteOptions};
use crate::order::Order;

fn batch_args(orders: JsValue, act: JsValue) -> JsResult<(Vec<Order>, Act)> {
    let orders = super::order::orders_arg(orders)?;
    let act = from_js(
        act,
        "act",
        "handover act ({ actNumber, collectionPoint, date, barcode? })",
    )?;
    Ok((orders, act))
}

/// The handover note for these orders: A4 pages (210 × 297 mm) as SVG strings, each posting with its
/// scannable upper barcode, box count and weight, then totals and signature lines, in Russian and English.
#[wasm_bindgen(js_name = renderHandoverNote, unchecked_return_type = "string[]")]
pub fn render_handover_note(
    #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HandoverAct")] act: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HandoverNoteOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let (orders, act) = batch_args(orders, act)?;
    let options: NoteOptions = optional(options, "options", "{ dpi?: number }")?;
    to_js(&core(handover::render_handover_note(&orders, &act, options))?.pages)
}

/// Hands every order over under one act, or none: one order that may not be handed over fails the
/// whole call, with its index in `details.index`.
#[wasm_bindgen(js_name = handOver, unchecked_return_type = "Order[]")]
pub fn hand_over(
    #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HandoverAct")] act: JsValue,
) -> JsResult<JsValue> {
    let (orders, act) = batch_args(orders, act)?;
    to_js(&core(handover::hand_over_all(&orders, &act))?)
}
