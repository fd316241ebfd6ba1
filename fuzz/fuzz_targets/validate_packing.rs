#![no_main]
//! See `fbskit_fuzz::harness::validate_packing` for what this target feeds in and what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fbskit_fuzz::harness::validate_packing(data));
