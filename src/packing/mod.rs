//! What the seller did when packing a parcel (the package, the labels stuck on it, the printer and
//! label stock used, tape strips; the `pack` event carries this description) and the rules it is
//! checked against: carrier profiles as data, and [`validate_packing`], which lists every broken
//! rule (the rule table is in the `validate` module's documentation).

mod barcode_area;
mod error;
mod geometry;
mod model;
mod profile;
mod validate;

pub use barcode_area::{label_barcode_areas, BarcodeArea, BarcodeRole, ReadDirection};
pub use error::PackingError;
pub use model::*;
pub use profile::{LabelSpec, PackingProfile, BUILTIN_PROFILES};
pub use validate::{
    validate_order_packing, validate_packing, Message, Severity, Violation, ViolationCode,
};

#[cfg(test)]
mod tests;
