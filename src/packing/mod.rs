//! What the seller did when packing a parcel: the package, the labels stuck on it, the printer and
//! label stock used, and tape strips. The `pack` event carries this description.

mod model;

pub use model::*;
