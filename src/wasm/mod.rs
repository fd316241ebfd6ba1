//! The JS API: a thin layer that converts JS values to the core's plain data and back, and turns every
//! error into a JS `Error` with a stable `code`. No domain logic lives here.

mod convert;
mod handover;
mod label;
mod order;
mod packing;
mod printer;

pub use convert::JsResult;
pub use handover::*;
pub use label::*;
pub use order::*;
pub use packing::*;
pub use printer::*;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// The package version (equal to the crate version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
