//! The JS binding layer.
