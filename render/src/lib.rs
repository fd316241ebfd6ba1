//! The per-label path of fbskit, a crate of its own so it can be built for speed while the rest of
//! fbskit is built for size: a seller prints labels by the hundred, everything else runs a few times.
//!
//! It holds what rendering a cargo label touches: JSON in and out, units, the label font, Code 128,
//! timestamps and the label renderer. Users depend on `fbskit`, which re-exports these modules under
//! the same paths (`fbskit::label`, `fbskit::json`, …).

pub mod barcode;
pub mod font;
pub mod json;
pub mod label;
pub mod number;
#[doc(hidden)] // Case folding for fbskit's own text checks.
pub mod text;
pub mod timestamp;
pub mod units;

/// A failure with a stable machine-readable code.
pub trait ErrorCode {
    /// The stable SCREAMING_SNAKE code, e.g. `TRANSITION_NOT_ALLOWED`.
    fn code(&self) -> &'static str;
}
