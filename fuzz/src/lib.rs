//! The bodies of fbskit's fuzz targets. `harness` is plain Rust on stable (it only needs `arbitrary`),
//! so the main crate's `tests/fuzz_replay.rs` includes the same file to replay the committed corpus and
//! every crash input natively, without libFuzzer.

pub mod harness;
