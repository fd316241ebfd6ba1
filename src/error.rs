//! The one error type the API returns. Each domain has its own error enum carrying data; `FbsError`
//! wraps them and gives every failure a stable SCREAMING_SNAKE `code` that JS can switch on.

/// A failure with a stable machine-readable code.
pub trait ErrorCode {
    /// The stable SCREAMING_SNAKE code, e.g. `TRANSITION_NOT_ALLOWED`.
    fn code(&self) -> &'static str;
}

/// Any failure of the fbskit API.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FbsError {}
