#![no_main]
//! See `fbskit_fuzz::harness::decode_job` for what this target feeds in and what it checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| fbskit_fuzz::harness::decode_job(data));
