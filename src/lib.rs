//! fbskit: an Ozon FBS seller's parcel logistics — the order lifecycle, packing rules, cargo labels and
//! thermal printer jobs — as plain Rust that compiles to WebAssembly.
//!
//! The domain modules below are pure: plain data in, plain data out, no clock, no I/O, no wasm-bindgen.
//! `wasm` is the one thin binding layer, compiled only for `wasm32`.

pub mod barcode;
pub mod error;
pub mod font;
pub mod handover;
pub mod json;
pub mod label;
mod number;
pub mod order;
pub mod packing;
pub mod printer;
mod sort;
mod text;
pub mod timestamp;
pub mod units;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{ErrorCode, FbsError};

#[cfg(test)]
mod ts_types;
