//! Packing rule tests.
