//! Printer jobs for JS: the label raster, whole jobs, and (in `fbskit/inspect`) the decoder that reads
//! jobs back.

use crate::json::ToJson;
use wasm_bindgen::prelude::*;

use super::convert::{bounded_json_text, core, js_error, to_js, JsResult};
use super::order::{optional, order_arg};
use crate::error::FbsError;
use crate::label::LabelOptions;
use crate::printer::{self, Bitmap, Language};

/// A bitmap as JS sees it: 1 bit per dot, 1 = black, MSB leftmost, rows padded to whole bytes.
fn bitmap_to_js(bitmap: &Bitmap) -> JsResult<JsValue> {
    #[derive(ToJson)]
    #[cfg_attr(test, derive(serde::Serialize))]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        width_dots: u32,
        height_dots: u32,
        bytes_per_row: u32,
    }
    let object = to_js(&Shape {
        width_dots: bitmap.width(),
        height_dots: bitmap.height(),
        bytes_per_row: bitmap.bytes_per_row(),
    })?;
    let data = js_sys::Uint8Array::from(bitmap.data());
    js_sys::Reflect::set(&object, &"data".into(), &data).map_err(|_| {
        js_error(FbsError::Internal {
            reason: "cannot attach bitmap data".into(),
        })
    })?;
    Ok(object)
}

/// The order's label as a 1-bit bitmap at the printer's dpi: `{ widthDots, heightDots, bytesPerRow, data }`.
#[wasm_bindgen(js_name = rasterize, unchecked_return_type = "Bitmap")]
pub fn rasterize(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LabelOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let order = order_arg(order)?;
    let options: LabelOptions =
        optional(options, "options", "label options ({ size?, dpi?, ... })")?;
    bitmap_to_js(&core(printer::rasterize(&order, &options))?)
}

/// One print job with every order's label, in order, in `options.language` (TSPL, ZPL, EPL or ESC/POS).
/// A bad order fails the whole job with its index in `details.index`; no partial job is returned.
#[wasm_bindgen(js_name = printJob)]
pub fn print_job(
    #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PrintOptions")] options: JsValue,
) -> JsResult<Vec<u8>> {
    let orders = super::order::orders_arg(orders)?;
    let options = bounded_json_text(&options, "options", "print options object")?;
    let request = core(printer::print_request(&options))?;
    core(printer::print_job(&orders, &request))
}

/// Reads a print job back into its label bitmaps (upright, as `rasterize` gives them): for checking what
/// a printer will get, and for tests. Only in the `fbskit/inspect` module (feature `inspect`).
#[cfg(feature = "inspect")]
#[wasm_bindgen(js_name = decodeJob, unchecked_return_type = "Bitmap[]")]
pub fn decode_job(
    job: &[u8],
    #[wasm_bindgen(unchecked_param_type = "PrintOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let options = bounded_json_text(&options, "options", "print options object")?;
    let request = core(printer::print_request(&options))?;
    let bitmaps = core(printer::decode::decode_job(job, &request.job))?;
    let upright = request.job.rotation.inverse();
    let out = js_sys::Array::new();
    for bitmap in bitmaps {
        out.push(&bitmap_to_js(&bitmap.rotate(upright))?);
    }
    Ok(out.into())
}

/// The printer languages jobs can be written in.
#[wasm_bindgen(js_name = printerLanguages, unchecked_return_type = "PrintLanguage[]")]
pub fn printer_languages() -> JsResult<JsValue> {
    to_js(&Language::ALL)
}
