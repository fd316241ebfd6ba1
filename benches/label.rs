//! Native hot paths of a label: Code 128 encoding, layout, and the whole SVG render.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use fbskit::label::{label_data, layout, render_label, LabelOptions};
use fbskit::order::import_posting_str;

fn benches(c: &mut Criterion) {
    let order = import_posting_str(include_str!("../tests/fixtures/posting-v4-item.json")).unwrap();
    let options = LabelOptions::default();
    c.bench_function("code128 encode %101%806044518", |b| {
        b.iter(|| fbskit::barcode::encode(std::hint::black_box("%101%806044518")).unwrap())
    });
    let data = label_data(&order, &options).unwrap();
    c.bench_function("label layout 75x120 203dpi", |b| {
        b.iter(|| layout(std::hint::black_box(&data), &options).unwrap())
    });
    c.bench_function("label render svg 75x120 203dpi", |b| {
        b.iter(|| render_label(std::hint::black_box(&order), &options).unwrap())
    });
}

criterion_group!(label, benches);
criterion_main!(label);
