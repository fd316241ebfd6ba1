//! fbskit: an Ozon FBS seller's parcel logistics — the order lifecycle, packing rules, cargo labels and
//! thermal printer jobs — as plain Rust that compiles to WebAssembly.
//!
//! The domain modules below are pure: plain data in, plain data out, no clock, no I/O, no wasm-bindgen.
//! `wasm` is the one thin binding layer, compiled only for `wasm32`.

// The per-label path is a crate of its own, `fbskit-render` (render/), built for speed while this one
// is built for size; its modules are re-exported here under their own names.
pub use fbskit_render::{barcode, font, timestamp, units};
use fbskit_render::{number, text};

pub mod error;
pub mod handover;
pub mod json;
pub mod label;
pub mod order;
pub mod packing;
pub mod printer;
mod sort;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{ErrorCode, FbsError};

#[cfg(test)]
mod ts_types;
