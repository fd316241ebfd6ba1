#![no_main]
//! See `fbskit_fuzz::harness::import_posting` for what this target feeds in and what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fbskit_fuzz::harness::import_posting(data));
