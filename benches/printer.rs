//! Native hot paths of printing: rasterizing a label and each language's encoder.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion};
use fbskit::label::LabelOptions;
use fbskit::order::import_posting_str;
use fbskit::printer::{encode_job, print_job, print_request, rasterize};

fn benches(c: &mut Criterion) {
    let order = import_posting_str(include_str!("../tests/fixtures/posting-v4-item.json")).unwrap();
    let options = LabelOptions::default();
    c.bench_function("rasterize 75x120 203dpi", |b| {
        b.iter(|| rasterize(std::hint::black_box(&order), &options).unwrap())
    });
    let bitmap = rasterize(&order, &options).unwrap();
    for language in ["tspl", "zpl", "epl", "escpos"] {
        let request =
            print_request(&serde_json::json!({ "language": language }).to_string()).unwrap();
        c.bench_function(&format!("encode {language} 75x120 203dpi"), |b| {
            b.iter(|| {
                encode_job(
                    std::hint::black_box(std::slice::from_ref(&bitmap)),
                    &request.job,
                )
                .unwrap()
            })
        });
    }
    let tspl = print_request(r#"{ "language": "tspl" }"#).unwrap();
    c.bench_function("rasterize + encode tspl 75x120 203dpi", |b| {
        b.iter(|| print_job(std::slice::from_ref(std::hint::black_box(&order)), &tspl).unwrap())
    });
}

criterion_group!(printer, benches);
criterion_main!(printer);
