//! The order lifecycle.
