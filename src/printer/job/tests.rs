//! Print jobs end to end: every language round-trips to the label raster, the raster's barcodes decode,
//! and the raster agrees with the SVG drawn by an independent renderer except at glyph edges.

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorCode;
use crate::label::tests::{decode_all, rasterize_svg};
use crate::label::{label_layout, render_label};
use crate::order::import_posting_str;
use crate::printer::decode::decode_job;
use crate::printer::encode_job;
use crate::printer::Rotation;

const V4: &str = include_str!("../../../tests/fixtures/posting-v4-item.json");

fn order() -> Order {
    import_posting_str(V4).unwrap()
}

fn request(options: Value) -> PrintRequest {
    print_request(&options.to_string()).unwrap()
}

fn luma(bitmap: &Bitmap) -> Vec<u8> {
    let mut out = Vec::with_capacity((bitmap.width() * bitmap.height()) as usize);
    for y in 0..bitmap.height() {
        for x in 0..bitmap.width() {
            out.push(if bitmap.get(x, y) { 0 } else { 255 });
        }
    }
    out
}

#[test]
fn every_language_round_trips_to_the_raster_at_both_dpis_sizes_and_rotations() {
    for language in ["tspl", "zpl", "epl", "escpos"] {
        for dpi in [203, 300] {
            for size in ["75x120", "58x40"] {
                for rotation in [0, 90, 180, 270] {
                    let r = request(
                        json!({ "language": language, "dpi": dpi, "size": size, "rotation": rotation, "cluster": "C" }),
                    );
                    let job = match print_job(&[order(), order()], &r) {
                        Ok(job) => job,
                        // EPL's 104 mm head cannot take a 120 mm-wide (turned) label at 300 dpi: a clear error, not a bad job.
                        Err(e) => {
                            assert_eq!(
                                e.code(),
                                "PRINT_LABEL_TOO_WIDE",
                                "{language} {dpi} {size} {rotation}"
                            );
                            assert!(
                                language == "epl" || language == "escpos",
                                "{language} {dpi} {size} {rotation}"
                            );
                            continue;
                        }
                    };
                    let expected = rasterize(&order(), &r.label).unwrap();
                    let decoded = decode_job(&job, &r.job).unwrap();
                    assert_eq!(decoded.len(), 2, "{language}");
                    for label in decoded {
                        assert!(
                            label.rotate(r.job.rotation.inverse()) == expected,
                            "{language} {dpi} {size} {rotation}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn raster_barcodes_decode_with_a_real_reader() {
    for dpi in [203.0, 300.0] {
        for size in ["75x120", "58x40"] {
            let options: LabelOptions =
                crate::json::from_value(json!({ "size": size, "dpi": dpi })).unwrap();
            let bitmap = rasterize(&order(), &options).unwrap();
            let layout = label_layout(&order(), &options).unwrap();
            let k = options.checked().unwrap().1.dots_per_mm();
            let decoded = decode_all(&luma(&bitmap), bitmap.width(), bitmap.height(), &layout, k);
            assert_eq!(
                decoded,
                ["%101%806044518", "23024930500000"],
                "{size} {dpi}"
            );
        }
    }
}

#[test]
fn the_raster_is_the_exact_label_size_in_dots() {
    let at = |size: &str, dpi: u32| {
        let options: LabelOptions =
            crate::json::from_value(json!({ "size": size, "dpi": dpi })).unwrap();
        let b = rasterize(&order(), &options).unwrap();
        (b.width(), b.height(), b.bytes_per_row())
    };
    assert_eq!(at("75x120", 203), (600, 960, 75));
    assert_eq!(at("75x120", 300), (886, 1417, 111));
    assert_eq!(at("58x40", 203), (464, 320, 58));
}

#[test]
fn raster_and_svg_agree_except_at_glyph_edges() {
    for (size, dpi) in [("75x120", 203.0), ("58x40", 300.0)] {
        let options: LabelOptions =
            crate::json::from_value(json!({ "size": size, "dpi": dpi, "cluster": "A" })).unwrap();
        let bitmap = rasterize(&order(), &options).unwrap();
        let (w, h) = (bitmap.width(), bitmap.height());
        let svg = render_label(&order(), &options).unwrap();
        let k = options.checked().unwrap().1.dots_per_mm();
        let drawn = rasterize_svg(&svg.svg, w, h, k);
        let ours = luma(&bitmap);
        let black = |img: &[u8], x: u32, y: u32| img[(y * w + x) as usize] < 128;
        let mut differing = 0;
        for y in 0..h {
            for x in 0..w {
                if black(&drawn, x, y) == black(&ours, x, y) {
                    continue;
                }
                differing += 1;
                // Inside a barcode box nothing may differ: bars are pixel-exact.
                for b in &svg.layout.barcodes {
                    let (fx, fy) = (f64::from(x) / k, f64::from(y) / k);
                    assert!(
                        !(fx >= b.x_mm
                            && fx < b.x_mm + b.width_mm
                            && fy >= b.y_mm
                            && fy < b.y_mm + b.height_mm),
                        "{size}@{dpi}: bar pixel ({x},{y}) differs"
                    );
                }
                // Elsewhere a difference must sit on an edge of our raster (a neighbour of the other colour).
                let me = black(&ours, x, y);
                let edge = [
                    (-1i64, 0i64),
                    (1, 0),
                    (0, -1),
                    (0, 1),
                    (-1, -1),
                    (1, 1),
                    (-1, 1),
                    (1, -1),
                ]
                .iter()
                .any(|(dx, dy)| {
                    let (nx, ny) = (i64::from(x) + dx, i64::from(y) + dy);
                    nx >= 0
                        && ny >= 0
                        && nx < i64::from(w)
                        && ny < i64::from(h)
                        && black(&ours, nx as u32, ny as u32) != me
                });
                assert!(
                    edge,
                    "{size}@{dpi}: pixel ({x},{y}) differs away from any edge"
                );
            }
        }
        let ink = ours.iter().filter(|&&p| p == 0).count();
        assert!(
            differing * 20 < ink,
            "{size}@{dpi}: {differing} of {ink} ink pixels differ"
        );
    }
}

#[test]
fn golden_jobs_for_one_label_per_language() {
    for (language, file) in [
        ("tspl", "job-tspl.prn"),
        ("zpl", "job-zpl.prn"),
        ("epl", "job-epl.prn"),
        ("escpos", "job-escpos.prn"),
    ] {
        let job = print_job(&[order()], &request(json!({ "language": language }))).unwrap();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(file);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &job).unwrap();
            continue;
        }
        let golden =
            std::fs::read(&path).unwrap_or_else(|_| panic!("{file} missing: UPDATE_GOLDEN=1"));
        assert!(
            golden == job,
            "{file} differs from the golden job; UPDATE_GOLDEN=1 if intended"
        );
    }
    let zpl = print_job(&[order()], &request(json!({ "language": "zpl" }))).unwrap();
    let text = String::from_utf8_lossy(&zpl);
    assert!(
        text.contains("^XA") && text.contains(":Z64:") && text.trim_end().ends_with("^XZ"),
        "{text:.80}"
    );
    let tspl = print_job(&[order()], &request(json!({ "language": "tspl" }))).unwrap();
    assert!(
        tspl.starts_with(b"SIZE 75 mm,120 mm\r\n"),
        "{:?}",
        String::from_utf8_lossy(&tspl[..40])
    );
}

#[test]
fn bad_options_and_bad_orders_give_codes() {
    let code = |options: Value| {
        print_request(&options.to_string())
            .and_then(|r| print_job(&[order()], &r))
            .unwrap_err()
            .code()
    };
    assert_eq!(code(json!({ "dpi": 0 })), "PRINT_INVALID_DPI");
    assert_eq!(code(json!({ "gapMm": -1 })), "PRINT_INVALID_GAP");
    assert_eq!(code(json!({ "density": 40 })), "PRINT_DENSITY_OUT_OF_RANGE");
    assert_eq!(code(json!({ "language": "pcl" })), "PRINT_UNKNOWN_LANGUAGE");
    assert_eq!(code(json!({ "rotation": 45 })), "PRINT_INVALID_ROTATION");
    assert_eq!(code(json!({ "widthMm": 75 })), "PRINT_INVALID_OPTIONS");
    assert_eq!(code(json!({ "size": "A6" })), "PRINT_INVALID_OPTIONS");
    assert_eq!(
        print_job(&[], &request(json!({}))).unwrap_err().code(),
        "PRINT_NO_LABELS"
    );
    let mut bad = order();
    bad.barcodes.upper = Some("Ж".into());
    let err = print_job(&[order(), bad], &request(json!({}))).unwrap_err();
    assert_eq!(err.code(), "BARCODE_UNENCODABLE_CHAR");
    assert!(matches!(err, FbsError::Batch { index: 1, .. }), "{err:?}");
    let _ = Rotation::R0;
}

#[test]
fn a_job_too_large_for_memory_is_refused_before_drawing() {
    // 5,000 standard labels are 360 MB of raster: refused at once, nothing rasterized.
    let many = vec![order(); 5_000];
    let err = print_job(&many, &request(json!({}))).unwrap_err();
    assert_eq!(err.code(), "PRINT_JOB_TOO_LARGE");
    // ESC/POS repeats the raster per copy: 60 labels × 1,000 copies would wrap a 32-bit size.
    let escpos = request(json!({ "language": "escpos", "copies": 1000 }));
    let label = crate::printer::rasterize(&order(), &escpos.label).unwrap();
    let err = encode_job(&vec![label; 60], &escpos.job).unwrap_err();
    assert_eq!(err.code(), "PRINT_JOB_TOO_LARGE");
    // Within the limit, copies are fine.
    let few = request(json!({ "language": "escpos", "copies": 3 }));
    assert!(print_job(&[order()], &few).is_ok());
}

#[test]
fn a_job_written_label_by_label_is_the_encoders_job_of_all_the_bitmaps() {
    // print_job draws and writes one label at a time; the bytes must be those of encoding every
    // bitmap at once, in every language, turned or not, with copies.
    let orders = [order(), order()];
    for language in ["tspl", "zpl", "epl", "escpos"] {
        for rotation in [0, 90] {
            let request =
                request(json!({ "language": language, "rotation": rotation, "copies": 2 }));
            let bitmaps: Vec<Bitmap> = orders
                .iter()
                .map(|o| crate::printer::rasterize(o, &request.label).unwrap())
                .collect();
            match (
                print_job(&orders, &request),
                encode_job(&bitmaps, &request.job),
            ) {
                (Ok(streamed), Ok(whole)) => assert!(streamed == whole, "{language} {rotation}"),
                (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{language} {rotation}"),
                (a, b) => panic!(
                    "{language} {rotation}: {:?} vs {:?}",
                    a.map(|j| j.len()),
                    b.map(|j| j.len())
                ),
            }
        }
    }
}

#[test]
fn a_job_the_language_cannot_take_is_refused_before_any_label_is_drawn() {
    // The job-wide refusal comes first, whatever the orders hold: a turned 75 × 120 label is too wide
    // for EPL's 104 mm head, and the second order has no barcode to draw.
    let mut bad = order();
    bad.barcodes.upper = Some("Ж".into());
    let r = request(json!({ "language": "epl", "rotation": 90 }));
    let err = print_job(&[order(), bad.clone()], &r).unwrap_err();
    assert_eq!(err.code(), "PRINT_LABEL_TOO_WIDE");
    // A job the language takes names the bad order.
    let err = print_job(&[order(), bad], &request(json!({ "language": "epl" }))).unwrap_err();
    assert_eq!(err.code(), "BARCODE_UNENCODABLE_CHAR");
    assert!(matches!(err, FbsError::Batch { index: 1, .. }), "{err:?}");
}
