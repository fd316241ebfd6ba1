//! Replays every committed fuzz input natively, on stable: the minimized corpus (`fuzz/corpus/<target>/`)
//! and every crash the fuzzers found (`fuzz/artifacts/<target>/`, kept after the fix as regressions).
//! The target bodies are the fuzz crate's own (`fuzz/src/harness.rs`), so a replay checks exactly what
//! the fuzzer checked: no panic, and the invariants each target asserts.
#![cfg(not(target_arch = "wasm32"))]
// A failing replay should fail loudly, naming the input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::path::Path;

/// Runs `body` on every file of `fuzz/corpus/<target>` and `fuzz/artifacts/<target>`; returns how many.
fn replay(target: &str, body: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["corpus", "artifacts"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(outcome.is_ok(), "{} fails", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn import_posting_inputs() {
    assert!(replay("import_posting", harness::import_posting) > 0);
}

#[test]
fn apply_events_inputs() {
    assert!(replay("apply_events", harness::apply_events) > 0);
}

#[test]
fn render_label_inputs() {
    assert!(replay("render_label", harness::render_label) > 0);
}

#[test]
fn validate_packing_inputs() {
    assert!(replay("validate_packing", harness::validate_packing) > 0);
}

#[test]
fn print_job_inputs() {
    assert!(replay("print_job", harness::print_job) > 0);
}

#[test]
fn decode_job_inputs() {
    assert!(replay("decode_job", harness::decode_job) > 0);
}
