//! Packing rule tests: each rule passing and failing, the geometry (rotation, quiet zones, diagonal
//! fits), several violations at once, malformed input, and profiles as data.

use serde_json::json;

use super::geometry::fits_at_some_angle;
use super::*;
use crate::error::ErrorCode;
use crate::order::{import_posting_str, Order};

const V3: &str = include_str!("../../tests/fixtures/posting-v3.json");

fn order() -> Order {
    import_posting_str(V3).unwrap()
}

/// A parcel that breaks no rule: 300 × 200 × 100 mm box, the 75 × 120 label on top at (20, 20).
fn good() -> serde_json::Value {
    json!({
        "package": { "lengthMm": 300, "widthMm": 200, "heightMm": 100, "weightG": 900, "kind": "box", "color": "brown" },
        "labels": [{ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 20, "yMm": 20 }],
        "printMethod": "thermal",
        "labelSurface": "matte"
    })
}

fn packing(v: serde_json::Value) -> Packing {
    Packing::from_json(&v.to_string()).unwrap()
}

fn check_with(v: serde_json::Value, profile: &PackingProfile) -> Vec<Violation> {
    let p = packing(v);
    validate_packing(
        &order(),
        &p,
        profile,
        &super::barcode_area::standard_label_areas(&p),
    )
    .unwrap()
}

fn check(v: serde_json::Value) -> Vec<Violation> {
    check_with(v, &PackingProfile::standard())
}

fn codes(violations: &[Violation]) -> Vec<&'static str> {
    violations.iter().map(|v| v.code.as_str()).collect()
}

/// The good parcel with the value at one JSON pointer set (an object key is added if missing).
fn with(pointer: &str, value: serde_json::Value) -> serde_json::Value {
    let mut v = good();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        serde_json::Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        other => *other.pointer_mut(&format!("/{key}")).unwrap() = value,
    }
    v
}

fn only(violations: &[Violation], code: &str) -> Violation {
    assert_eq!(codes(violations), [code], "{violations:#?}");
    violations[0].clone()
}

#[test]
fn the_good_parcel_passes_every_profile_with_its_label() {
    assert_eq!(check(good()), []);
    assert_eq!(check_with(good(), &PackingProfile::bulky()), []);
    let small = with(
        "/labels/0",
        json!({ "widthMm": 58, "heightMm": 40, "face": "top", "xMm": 5, "yMm": 5 }),
    );
    assert_eq!(check_with(small, &PackingProfile::small_label()), []);
}

#[test]
fn without_a_carrier_the_label_size_picks_the_profile() {
    let name = |v| PackingProfile::for_packing(&packing(v)).name;
    assert_eq!(name(good()), "standard");
    for (w, h) in [(58.0, 40.0), (40.0, 58.0), (57.5, 40.5)] {
        let small = with(
            "/labels/0",
            json!({ "widthMm": w, "heightMm": h, "face": "top", "xMm": 5, "yMm": 5 }),
        );
        assert_eq!(name(small), "small_label", "{w} × {h}");
    }
    let odd = with(
        "/labels/0",
        json!({ "widthMm": 100, "heightMm": 150, "face": "top", "xMm": 5, "yMm": 5 }),
    );
    assert_eq!(name(odd), "standard");
    assert_eq!(name(with("/labels", json!([]))), "standard");
}

#[test]
fn label_size_must_match_the_profile_within_tolerance_either_way_round() {
    for (w, h) in [(75.0, 120.0), (120.0, 75.0), (75.9, 119.1), (74.0, 121.0)] {
        let v = with(
            "/labels/0",
            json!({ "widthMm": w, "heightMm": h, "face": "top", "xMm": 10, "yMm": 10 }),
        );
        assert_eq!(check(v), [], "{w} × {h}");
    }
    let v = with(
        "/labels/0",
        json!({ "widthMm": 58, "heightMm": 40, "face": "top", "xMm": 10, "yMm": 10 }),
    );
    let bad = only(&check(v), "LABEL_SIZE_MISMATCH");
    assert_eq!(bad.severity, Severity::Error);
    assert_eq!(bad.field, "labels[0].widthMm");
    assert_eq!(
        bad.message.en,
        "The label is 58 × 40 mm; this carrier needs 75 × 120 mm (±1 mm)."
    );
    assert_eq!(
        bad.message.ru,
        "Этикетка размером 58 × 40 мм; этому перевозчику нужна 75 × 120 мм (±1 мм)."
    );
    let v = with("/labels/0/heightMm", json!(121.5));
    assert_eq!(codes(&check(v)), ["LABEL_SIZE_MISMATCH"]);
    // A custom profile: 100 × 150 with 0.5 mm tolerance.
    let mut custom = PackingProfile::standard();
    custom.label = LabelSpec {
        width_mm: 100.0,
        height_mm: 150.0,
        tolerance_mm: 0.5,
    };
    let v = with(
        "/labels/0",
        json!({ "widthMm": 150.4, "heightMm": 100, "face": "top", "xMm": 10, "yMm": 10 }),
    );
    assert_eq!(check_with(v, &custom), []);
    let bad = only(&check_with(good(), &custom), "LABEL_SIZE_MISMATCH");
    assert!(
        bad.message.en.contains("needs 100 × 150 mm (±0.5 mm)"),
        "{}",
        bad.message.en
    );
    assert!(bad.message.ru.contains("(±0,5 мм)"), "{}", bad.message.ru);
}

#[test]
fn print_method_must_be_thermal() {
    for ok in ["thermal", "thermal_transfer"] {
        assert_eq!(check(with("/printMethod", json!(ok))), [], "{ok}");
    }
    let bad = only(
        &check(with("/printMethod", json!("inkjet"))),
        "PRINT_METHOD_NOT_THERMAL",
    );
    assert_eq!(
        (bad.severity, bad.field.as_str()),
        (Severity::Error, "printMethod")
    );
    assert!(bad.message.en.contains("inkjet"));
    let bad = only(
        &check(with("/printMethod", json!("laser"))),
        "PRINT_METHOD_NOT_THERMAL",
    );
    assert!(bad.message.ru.contains("лазерном"));
}

#[test]
fn glossy_stock_is_a_warning() {
    assert_eq!(check(with("/labelSurface", json!("semi_gloss"))), []);
    let bad = only(
        &check(with("/labelSurface", json!("glossy"))),
        "LABEL_SURFACE_GLOSSY",
    );
    assert_eq!(
        (bad.severity, bad.field.as_str()),
        (Severity::Warning, "labelSurface")
    );
}

#[test]
fn exactly_one_label() {
    let none = only(&check(with("/labels", json!([]))), "LABEL_COUNT");
    assert_eq!(none.field, "labels");
    assert_eq!(
        none.message.en,
        "The package has no label; it needs exactly one."
    );
    let label = json!({ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 20, "yMm": 20 });
    let other = json!({ "widthMm": 75, "heightMm": 120, "face": "bottom", "xMm": 20, "yMm": 20 });
    let two = only(
        &check(with("/labels", json!([label, other]))),
        "LABEL_COUNT",
    );
    assert_eq!(two.message.ru, "На упаковке 2 этикетки; нужна ровно одна.");
    let five = check(with("/labels", json!([label, label, label, label, label])));
    assert_eq!(
        five[0].message.ru,
        "На упаковке 5 этикеток; нужна ровно одна."
    );
}

#[test]
fn a_label_is_one_piece() {
    assert_eq!(check(with("/labels/0/fragments", json!(1))), []);
    let bad = only(
        &check(with("/labels/0/fragments", json!(3))),
        "LABEL_FRAGMENTED",
    );
    assert_eq!(bad.field, "labels[0].fragments");
    assert!(bad.message.en.contains("3 pieces"));
    // Zero pieces is not a label at all: malformed, not a violation.
    let err = Packing::from_json(&with("/labels/0/fragments", json!(0)).to_string()).unwrap_err();
    assert_eq!(err.code(), "PACKING_MALFORMED");
}

#[test]
fn the_label_goes_on_a_largest_face() {
    assert_eq!(check(with("/labels/0/face", json!("bottom"))), []);
    // On the front (300 × 100), turned 90° so that it fits: x 77.5..197.5, y 12.5..87.5.
    let front = json!({ "widthMm": 75, "heightMm": 120, "face": "front", "xMm": 100, "yMm": -10, "rotationDeg": 90 });
    let bad = only(
        &check(with("/labels/0", front)),
        "LABEL_NOT_ON_LARGEST_FACE",
    );
    assert_eq!(
        (bad.severity, bad.field.as_str()),
        (Severity::Warning, "labels[0].face")
    );
    assert_eq!(
        bad.message.en,
        "The label is on the front face (300 × 100 mm); put it on the largest face: top or bottom (300 × 200 mm)."
    );
    assert!(
        bad.message.ru.contains("на передней грани"),
        "{}",
        bad.message.ru
    );
    // Equal areas all count as largest: in a 250 mm cube every face is.
    let mut cube = with("/labels/0/face", json!("left"));
    cube["package"] =
        json!({ "lengthMm": 250, "widthMm": 250, "heightMm": 250, "weightG": 900, "kind": "box" });
    assert_eq!(check(cube), []);
}

#[test]
fn the_label_must_not_overhang_its_face() {
    // 75 wide from x = 230 on a 300 mm face: 5 mm over the right edge.
    let bad = only(
        &check(with("/labels/0/xMm", json!(230))),
        "LABEL_OVERHANGS_FACE",
    );
    assert_eq!(bad.field, "labels[0].xMm");
    assert!(bad.message.en.contains("by 5 mm"), "{}", bad.message.en);
    let bad = only(
        &check(with("/labels/0/yMm", json!(90))),
        "LABEL_OVERHANGS_FACE",
    );
    assert_eq!(bad.field, "labels[0].yMm");
    assert!(bad.message.en.contains("by 10 mm"), "{}", bad.message.en);
    assert_eq!(
        check(with("/labels/0/xMm", json!(225))),
        [],
        "touching the edge is fine"
    );
    let bad = only(
        &check(with("/labels/0/xMm", json!(-0.5))),
        "LABEL_OVERHANGS_FACE",
    );
    assert!(bad.message.ru.contains("на 0,5 мм"), "{}", bad.message.ru);
}

#[test]
fn rotation_is_about_the_label_centre() {
    // At (20, 20) turned 90°: centre (57.5, 80), now 120 across and 75 down: x from −2.5.
    let mut v = with("/labels/0/rotationDeg", json!(90));
    let bad = only(&check(v.clone()), "LABEL_OVERHANGS_FACE");
    assert!(bad.message.en.contains("by 2.5 mm"), "{}", bad.message.en);
    // At (100, 40) turned 90°: x 77.5..197.5, y 62.5..137.5 — inside the 300 × 200 face.
    v["labels"][0]["xMm"] = json!(100);
    v["labels"][0]["yMm"] = json!(40);
    assert_eq!(check(v.clone()), []);
    v["labels"][0]["rotationDeg"] = json!(-270);
    assert_eq!(check(v.clone()), [], "−270° is 90°");
    // 45° about the centre (57.5, 80): the corners reach (37.5 + 60) × 0.707 = 68.9 mm either side,
    // so x starts at −11.4.
    v["labels"][0]["rotationDeg"] = json!(45);
    v["labels"][0]["xMm"] = json!(20);
    v["labels"][0]["yMm"] = json!(20);
    assert_eq!(codes(&check(v)), ["LABEL_OVERHANGS_FACE"]);
}

#[test]
fn a_face_too_small_for_the_label_suggests_the_small_label() {
    // A largest face of at least the minimum parcel size (150 × 100) takes the big label, so a
    // face too small for it comes with a parcel under the minimum size.
    let mut v = good();
    v["package"] =
        json!({ "lengthMm": 110, "widthMm": 100, "heightMm": 60, "weightG": 500, "kind": "box" });
    let found = check(v.clone());
    assert_eq!(
        codes(&found),
        [
            "DIMENSIONS_UNDER_MINIMUM",
            "FACE_SMALLER_THAN_LABEL",
            "LABEL_OVERHANGS_FACE"
        ]
    );
    let face = &found[1];
    assert_eq!(
        (face.severity, face.field.as_str()),
        (Severity::Error, "labels[0].widthMm")
    );
    assert_eq!(
        face.message.en,
        "The package's largest face (110 × 100 mm) is smaller than the 75 × 120 mm label at any angle; use the small 58 × 40 mm label."
    );
    assert!(face.message.ru.contains("58 × 40 мм"));
    // The small label fits that face.
    v["labels"][0] = json!({ "widthMm": 58, "heightMm": 40, "face": "top", "xMm": 10, "yMm": 10 });
    assert_eq!(
        codes(&check_with(v.clone(), &PackingProfile::small_label())),
        ["DIMENSIONS_UNDER_MINIMUM"]
    );
    // Even the small label does not fit a 50 × 30 face: the advice is a larger package.
    v["package"] =
        json!({ "lengthMm": 50, "widthMm": 30, "heightMm": 20, "weightG": 100, "kind": "bag" });
    v["labels"][0]["xMm"] = json!(0);
    v["labels"][0]["yMm"] = json!(0);
    let found = check_with(v, &PackingProfile::small_label());
    let face = found
        .iter()
        .find(|x| x.code == ViolationCode::FaceSmallerThanLabel)
        .unwrap();
    assert!(
        face.message.en.ends_with("use a larger package."),
        "{}",
        face.message.en
    );
}

#[test]
fn diagonal_fit_agrees_with_trying_every_angle() {
    // Brute force: turn a p × q rectangle in 0.01° steps and see whether its bounding box fits.
    let brute = |p: f64, q: f64, a: f64, b: f64| {
        (0..=9000).any(|i| {
            let t = (i as f64 / 100.0).to_radians();
            let (s, c) = t.sin_cos();
            p * c + q * s <= a + 1e-3 && p * s + q * c <= b + 1e-3
        })
    };
    let cases = [
        (120.0, 75.0, 300.0, 200.0, true),
        (120.0, 75.0, 100.0, 100.0, false),
        (120.0, 10.0, 100.0, 100.0, true), // across the diagonal
        (140.0, 10.0, 100.0, 100.0, false),
        (58.0, 40.0, 58.0, 40.0, true),
        (58.0, 40.0, 57.0, 60.0, true),
        (100.0, 20.0, 90.0, 50.0, false),
        (95.0, 5.0, 90.0, 45.0, true),
        (100.0, 30.0, 90.0, 40.0, false),
    ];
    for (p, q, a, b, expected) in cases {
        assert_eq!(
            fits_at_some_angle(p, q, a, b),
            expected,
            "{p}×{q} in {a}×{b}"
        );
        assert_eq!(brute(p, q, a, b), expected, "brute {p}×{q} in {a}×{b}");
    }
}

/// Tape across the label, clear of both barcodes (the label sits at (20, 20); the upper code's
/// bars are x 32.5..82.5, y 28..53 on the face, its quiet zones 5 mm either side).
#[test]
fn tape_clear_of_the_barcodes_passes() {
    let v = with(
        "/tape",
        json!([
            { "xMm": 0, "yMm": 60, "widthMm": 300, "heightMm": 40 },
            { "xMm": 0, "yMm": 20, "widthMm": 300, "heightMm": 8 }
        ]),
    );
    assert_eq!(check(v), []);
}

#[test]
fn tape_over_the_bars_fails() {
    let v = with(
        "/tape",
        json!([{ "xMm": 40, "yMm": 0, "widthMm": 5, "heightMm": 200 }]),
    );
    let found = check(v);
    // A vertical strip at x 40..45 crosses both codes.
    assert_eq!(codes(&found), ["TAPE_OVER_BARCODE", "TAPE_OVER_BARCODE"]);
    assert_eq!(found[0].field, "tape[0]");
    assert!(
        found[0].message.en.contains("covers the upper barcode"),
        "{}",
        found[0].message.en
    );
    assert!(
        found[1].message.en.contains("covers the lower barcode"),
        "{}",
        found[1].message.en
    );
}

#[test]
fn tape_over_only_the_quiet_zone_of_the_upper_barcode_fails() {
    // x 28..31 is inside the left quiet zone (27.5..32.5), left of the bars; y 0..60 misses the lower code.
    let v = with(
        "/tape",
        json!([{ "xMm": 28, "yMm": 0, "widthMm": 3, "heightMm": 60 }]),
    );
    let bad = only(&check(v), "TAPE_OVER_BARCODE");
    assert_eq!(bad.severity, Severity::Error);
    assert!(bad.message.en.contains("quiet zone"), "{}", bad.message.en);
    assert!(
        bad.message.en.contains("upper barcode"),
        "{}",
        bad.message.en
    );
    // Just left of the quiet zone is clear.
    let v = with(
        "/tape",
        json!([{ "xMm": 24, "yMm": 0, "widthMm": 3.5, "heightMm": 60 }]),
    );
    assert_eq!(check(v), []);
}

#[test]
fn tape_over_a_turned_label_is_checked_in_its_turned_position() {
    // The label at (100, 40) turned 90°: the upper bars land at x 164.5..189.5, y 75..125, and the
    // quiet zones above and below them (y 70..75 and 125..130).
    let mut v = with(
        "/labels/0",
        json!({ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 100, "yMm": 40, "rotationDeg": 90 }),
    );
    v["tape"] = json!([{ "xMm": 150, "yMm": 71, "widthMm": 50, "heightMm": 3 }]);
    let bad = only(&check(v.clone()), "TAPE_OVER_BARCODE");
    assert!(
        bad.message
            .en
            .contains("(quiet zone) beside the upper barcode"),
        "{}",
        bad.message.en
    );
    // A patch on the turned bars (x 170..180, y 80..90) is over the barcode...
    v["tape"] = json!([{ "xMm": 170, "yMm": 80, "widthMm": 10, "heightMm": 10 }]);
    let bad = only(&check(v.clone()), "TAPE_OVER_BARCODE");
    assert!(
        bad.message.en.contains("covers the upper barcode"),
        "{}",
        bad.message.en
    );
    // ...and clear of it when the label is not turned: the bars then lie at x 112.5..162.5, y 48..73,
    // with quiet zones out to x 107.5 and 167.5.
    v["labels"][0]["rotationDeg"] = json!(0);
    assert_eq!(check(v), []);
}

#[test]
fn a_label_described_landscape_is_the_standard_label_turned() {
    // 120 × 75 at (20, 20): the portrait label turned clockwise, so the upper code is on the right:
    // its bars at x 20 + (120 − 8 − 25) = 107..132, y 20 + 12.5 = 32.5..82.5.
    let mut v = with(
        "/labels/0",
        json!({ "widthMm": 120, "heightMm": 75, "face": "top", "xMm": 20, "yMm": 20 }),
    );
    v["tape"] = json!([{ "xMm": 100, "yMm": 84, "widthMm": 40, "heightMm": 2 }]);
    let bad = only(&check(v.clone()), "TAPE_OVER_BARCODE");
    assert!(
        bad.message.en.contains("(quiet zone) beside the upper"),
        "{}",
        bad.message.en
    );
    v["tape"] = json!([{ "xMm": 100, "yMm": 88.5, "widthMm": 40, "heightMm": 2 }]);
    assert_eq!(check(v), []);
    let areas =
        super::barcode_area::standard_label_areas(&packing(with("/labels/0/widthMm", json!(100))));
    assert!(areas.is_empty(), "no standard layout for a 100 × 120 label");
}

#[test]
fn factory_packaging_is_a_warning() {
    let bad = only(
        &check(with("/package/kind", json!("factory_packaging"))),
        "LABEL_ON_FACTORY_PACKAGING",
    );
    assert_eq!(
        (bad.severity, bad.field.as_str()),
        (Severity::Warning, "package.kind")
    );
    assert_eq!(check(with("/package/kind", json!("bag"))), []);
}

#[test]
fn weight_limits() {
    assert_eq!(check(with("/package/weightG", json!(25000))), []);
    let bad = only(
        &check(with("/package/weightG", json!(26500))),
        "WEIGHT_OVER_LIMIT",
    );
    assert_eq!(bad.field, "package.weightG");
    assert_eq!(
        bad.message.en,
        "The parcel weighs 26.5 kg; this carrier accepts at most 25 kg."
    );
    assert_eq!(
        bad.message.ru,
        "Посылка весит 26,5 кг; этот перевозчик принимает не более 25 кг."
    );
    assert_eq!(
        check_with(
            with("/package/weightG", json!(100_000)),
            &PackingProfile::bulky()
        ),
        []
    );
    let bad = only(
        &check_with(
            with("/package/weightG", json!(160_001)),
            &PackingProfile::bulky(),
        ),
        "WEIGHT_OVER_LIMIT",
    );
    assert!(bad.message.en.contains("160.001 kg"), "{}", bad.message.en);
    let mut min = PackingProfile::standard();
    min.min_weight_g = Some(1000.0);
    let bad = only(&check_with(good(), &min), "WEIGHT_UNDER_MINIMUM");
    assert!(
        bad.message.en.contains("at least 1 kg"),
        "{}",
        bad.message.en
    );
}

#[test]
fn dimensions_are_compared_sorted() {
    let dims = |l: f64, w: f64, h: f64| {
        let mut v = good();
        v["package"]["lengthMm"] = json!(l);
        v["package"]["widthMm"] = json!(w);
        v["package"]["heightMm"] = json!(h);
        v["labels"][0]["face"] = json!("top");
        v
    };
    // 800 × 1800 × 800 is 1800 × 800 × 800 turned; the label on top (800 × 1800) is on a largest face.
    assert_eq!(check(dims(800.0, 1800.0, 800.0)), []);
    let bad = only(&check(dims(1900.0, 300.0, 200.0)), "DIMENSIONS_OVER_LIMIT");
    assert_eq!(bad.field, "package.lengthMm");
    assert_eq!(
        bad.message.en,
        "The package is 1900 × 300 × 200 mm; this carrier accepts at most 1800 × 800 × 800 mm (sides compared largest to largest)."
    );
    // 900 × 900 × 300: the second side, 900, is over the second limit, 800.
    let bad = only(&check(dims(900.0, 900.0, 300.0)), "DIMENSIONS_OVER_LIMIT");
    assert_eq!(bad.field, "package.widthMm");
    let found = check(dims(300.0, 900.0, 900.0));
    assert_eq!(
        codes(&found),
        ["DIMENSIONS_OVER_LIMIT", "LABEL_NOT_ON_LARGEST_FACE"]
    );
    // Sorted: width 900, height 900, length 300; the second side is the height.
    assert_eq!(found[0].field, "package.heightMm");
    assert_eq!(
        check_with(dims(2400.0, 1100.0, 1000.0), &PackingProfile::bulky()),
        []
    );
    // At least 150 × 100 × 10, in any order.
    assert_eq!(check(dims(200.0, 150.0, 10.0)), []);
    let bad = only(&check(dims(200.0, 150.0, 8.0)), "DIMENSIONS_UNDER_MINIMUM");
    assert_eq!(bad.field, "package.heightMm");
    assert!(
        bad.message.en.contains("at least 150 × 100 × 10 mm"),
        "{}",
        bad.message.en
    );
}

#[test]
fn black_packaging_in_either_language() {
    for black in [
        "black",
        " Black ",
        "чёрный",
        "черный",
        "Чёрная",
        "ЧЕРНОЕ",
        "black matte",
        "Black bag",
        "чёрный матовый",
        "черного цвета",
        "#000000",
        "matte-black",
    ] {
        let bad = only(
            &check(with("/package/color", json!(black))),
            "BLACK_PACKAGING",
        );
        assert_eq!(
            (bad.severity, bad.field.as_str()),
            (Severity::Error, "package.color"),
            "{black}"
        );
    }
    for fine in [
        "brown",
        "white",
        "blackberry",
        "тёмно-синий",
        "черника",
        "#000080",
    ] {
        assert_eq!(check(with("/package/color", json!(fine))), [], "{fine}");
    }
    let mut v = good();
    v["package"].as_object_mut().unwrap().remove("color");
    assert_eq!(check(v), []);
}

#[test]
fn price_limits_come_from_a_drop_off_point() {
    // The sample posting is worth 1259 + 2 × 349 = 1957 RUB.
    let mut profile = PackingProfile::standard();
    profile.max_price_rub = Some(2000.0);
    assert_eq!(check_with(good(), &profile), []);
    profile.max_price_rub = Some(1500.0);
    let bad = only(&check_with(good(), &profile), "PRICE_OVER_LIMIT");
    assert_eq!(bad.field, "order.products");
    assert!(
        bad.message.en.contains("worth 1957 RUB"),
        "{}",
        bad.message.en
    );
    profile.max_price_rub = None;
    profile.min_price_rub = Some(2000.0);
    assert_eq!(
        codes(&check_with(good(), &profile)),
        ["PRICE_UNDER_MINIMUM"]
    );
}

#[test]
fn every_problem_is_returned_at_once() {
    let v = json!({
        "package": { "lengthMm": 1900, "widthMm": 200, "heightMm": 100, "weightG": 30000, "kind": "factory_packaging", "color": "чёрный" },
        "labels": [
            { "widthMm": 58, "heightMm": 40, "face": "front", "xMm": 1870, "yMm": 10, "fragments": 2 },
            { "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 20, "yMm": 20 }
        ],
        "printMethod": "laser",
        "labelSurface": "glossy",
        "tape": [{ "xMm": 40, "yMm": 0, "widthMm": 5, "heightMm": 40 }]
    });
    let found = check(v);
    let mut got = codes(&found);
    got.sort_unstable();
    assert_eq!(
        got,
        [
            "BLACK_PACKAGING",
            "DIMENSIONS_OVER_LIMIT",
            "LABEL_COUNT",
            "LABEL_FRAGMENTED",
            "LABEL_NOT_ON_LARGEST_FACE",
            "LABEL_ON_FACTORY_PACKAGING",
            "LABEL_OVERHANGS_FACE",
            "LABEL_SIZE_MISMATCH",
            "LABEL_SURFACE_GLOSSY",
            "PRINT_METHOD_NOT_THERMAL",
            "TAPE_OVER_BARCODE",
            "WEIGHT_OVER_LIMIT",
        ]
    );
    // Messages name which label when there are several.
    let fragmented = found
        .iter()
        .find(|v| v.code == ViolationCode::LabelFragmented)
        .unwrap();
    assert!(
        fragmented.message.en.starts_with("Label 1 "),
        "{}",
        fragmented.message.en
    );
    assert_eq!(fragmented.field, "labels[0].fragments");
    for v in &found {
        assert!(
            v.message.en.ends_with('.') && v.message.ru.ends_with('.'),
            "{v:?}"
        );
        assert_eq!(v.severity, v.code.severity());
    }
}

#[test]
fn malformed_packing_is_an_error_not_a_violation() {
    let err = |v: serde_json::Value| Packing::from_json(&v.to_string()).unwrap_err();
    let e = err(with("/package/weightG", json!(null))); // what JSON makes of NaN
    assert_eq!(
        (e.code(), e.field_and_reason().0.as_str()),
        ("PACKING_MALFORMED", "package.weightG")
    );
    let e = err(with("/labels/0/face", json!("inside")));
    assert_eq!(e.field_and_reason().0, "labels[0].face");
    let e = err(with("/labels/0/widthMm", json!(-75)));
    assert_eq!(
        e,
        PackingError::Malformed {
            field: "labels[0].widthMm".into(),
            reason: "must not be negative".into()
        }
    );
    assert_eq!(err(json!("a box")).field_and_reason().0, ".");
    // A packing built in Rust with a NaN is caught by validate_packing itself.
    let mut p = packing(good());
    p.tape.push(TapeStrip {
        x_mm: f64::NAN,
        y_mm: 0.0,
        width_mm: 1.0,
        height_mm: 1.0,
    });
    let e = validate_packing(&order(), &p, &PackingProfile::standard(), &[]).unwrap_err();
    assert_eq!(e.field_and_reason().0, "tape[0].xMm");
    // Serialized for JS with a `kind` tag and camelCase fields.
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({ "kind": "malformed", "field": "tape[0].xMm", "reason": "must be a finite number" })
    );
    let e: crate::FbsError = e.into();
    assert_eq!(e.code(), "PACKING_MALFORMED");
}

#[test]
fn nonsense_profiles_and_barcode_areas_are_errors() {
    let p = packing(good());
    let run = |profile: &PackingProfile| validate_packing(&order(), &p, profile, &[]);
    let mut bad = PackingProfile::standard();
    bad.label.width_mm = 0.0;
    assert_eq!(run(&bad).unwrap_err().code(), "PROFILE_INVALID");
    let mut bad = PackingProfile::standard();
    bad.min_dimensions_mm = [2000.0, 10.0, 10.0];
    assert_eq!(
        run(&bad).unwrap_err().field_and_reason().0,
        "minDimensionsMm"
    );
    let mut bad = PackingProfile::standard();
    bad.max_weight_g = f64::INFINITY;
    assert_eq!(run(&bad).unwrap_err().field_and_reason().0, "maxWeightG");
    let mut bad = PackingProfile::standard();
    bad.label.tolerance_mm = 80.0;
    assert_eq!(
        run(&bad).unwrap_err().field_and_reason().0,
        "label.toleranceMm"
    );
    let mut area = BarcodeArea::standard_75x120();
    area[1].quiet_zone_mm = -1.0;
    let e = validate_packing(&order(), &p, &PackingProfile::standard(), &area).unwrap_err();
    assert_eq!(
        (e.code(), e.field_and_reason().0.as_str()),
        ("BARCODE_AREA_INVALID", "barcodes[1].quietZoneMm")
    );
    assert_eq!(
        PackingProfile::builtin("huge").unwrap_err().code(),
        "PROFILE_UNKNOWN"
    );
    let e = PackingProfile::from_json(
        &json!({ "name": "x", "label": { "widthMm": 75, "heightMm": 120 } }).to_string(),
    )
    .unwrap_err();
    assert_eq!(e.field_and_reason().0, "label");
}

#[test]
fn profiles_are_camel_case_data() {
    let standard = serde_json::to_value(PackingProfile::standard()).unwrap();
    assert_eq!(
        standard,
        json!({
            "name": "standard",
            "label": { "widthMm": 75.0, "heightMm": 120.0, "toleranceMm": 1.0 },
            "maxWeightG": 25000.0,
            "maxDimensionsMm": [1800.0, 800.0, 800.0],
            "minDimensionsMm": [150.0, 100.0, 10.0]
        })
    );
    for profile in PackingProfile::builtins() {
        profile.check().unwrap();
        let back = PackingProfile::from_json(&crate::json::to_json(&profile)).unwrap();
        assert_eq!(back, profile);
        assert_eq!(PackingProfile::builtin(&profile.name).unwrap(), profile);
    }
    assert_eq!(
        PackingProfile::builtins()
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        BUILTIN_PROFILES
    );
}

#[test]
fn ozon_restrictions_become_a_profile() {
    // The official example of /v1/posting/fbs/restrictions.
    let response = json!({ "result": { "posting_number": "76673629-0020-1", "max_posting_weight": 40000,
        "min_posting_weight": 0, "width": 50, "height": 40, "length": 60,
        "max_posting_price": 500000, "min_posting_price": 0 } });
    let p = PackingProfile::from_ozon_restrictions(&response.to_string()).unwrap();
    assert_eq!(p.name, "ozon_restrictions 76673629-0020-1");
    assert_eq!(p.max_weight_g, 40000.0);
    assert_eq!(p.min_weight_g, Some(0.0));
    assert_eq!(p.max_dimensions_mm, [600.0, 500.0, 400.0]);
    assert_eq!(p.min_dimensions_mm, [150.0, 100.0, 10.0]);
    assert_eq!(p.max_price_rub, Some(500000.0));
    assert_eq!(p.label, PackingProfile::standard().label);
    // The bare result works too; a side over 60 cm is now over the limit.
    let bare = PackingProfile::from_ozon_restrictions(&response["result"].to_string()).unwrap();
    let mut v = good();
    v["package"]["lengthMm"] = json!(650);
    assert_eq!(codes(&check_with(v, &bare)), ["DIMENSIONS_OVER_LIMIT"]);
    let mut missing = response.clone();
    missing["result"]
        .as_object_mut()
        .unwrap()
        .remove("max_posting_weight");
    let e = PackingProfile::from_ozon_restrictions(&missing.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.field_and_reason().0.as_str()),
        ("PROFILE_INVALID", "max_posting_weight")
    );
    let mut zero = response;
    zero["result"]["width"] = json!(0);
    let e = PackingProfile::from_ozon_restrictions(&zero.to_string()).unwrap_err();
    assert_eq!(e.field_and_reason().0, "length/width/height");
    // Not an object, or not JSON at all: said so, not reported as a missing limit.
    for (json, field) in [
        ("[1]", "."),
        ("{\"width\":", "."),
        (r#"{"result":5}"#, "result"),
        (r#"{"result":{"width":1,"width":2}}"#, "result"),
    ] {
        let e = PackingProfile::from_ozon_restrictions(json).unwrap_err();
        assert_eq!(e.code(), "PROFILE_INVALID", "{json}");
        let (got, reason) = e.field_and_reason();
        assert_eq!(got, field, "{json}");
        assert!(!reason.contains("missing"), "{json}: {reason}");
    }
}

#[test]
fn the_rule_table_documents_every_code_with_its_severity() {
    let source = include_str!("validate.rs");
    let table: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("//! | `"))
        .collect();
    for code in ViolationCode::ALL {
        let row = table
            .iter()
            .find(|row| row.contains(&format!("`{}`", code.as_str())))
            .unwrap_or_else(|| panic!("{code} is not in the rule table"));
        let severity = match code.severity() {
            Severity::Error => "| error |",
            Severity::Warning => "| warning |",
        };
        assert!(row.contains(severity), "{code}: {row}");
    }
}

#[test]
fn the_tape_check_uses_the_real_label_layout() {
    let p = packing(with("/tape", json!([])));
    let areas = label_barcode_areas(&order(), &p);
    // The label may have been printed at 203 or at 300 dpi: each area covers the bars and quiet
    // zones of both, and no more.
    let at = |dpi: f64| {
        let options = crate::label::LabelOptions {
            dpi,
            ..Default::default()
        };
        crate::label::label_layout(&order(), &options).unwrap()
    };
    let (low, high) = (at(203.0), at(300.0));
    assert_eq!(areas.len(), low.barcodes.len());
    let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
    for (area, (a, b)) in areas.iter().zip(low.barcodes.iter().zip(&high.barcodes)) {
        let span = |x: &crate::label::BarcodeBox| {
            (
                x.x_mm - x.quiet_zone_mm,
                x.x_mm + x.width_mm + x.quiet_zone_mm,
            )
        };
        let (a_span, b_span) = (span(a), span(b));
        assert!(near(area.x_mm, a.x_mm.min(b.x_mm)));
        assert!(near(area.y_mm, a.y_mm.min(b.y_mm)));
        assert!(near(
            area.x_mm + area.width_mm,
            (a.x_mm + a.width_mm).max(b.x_mm + b.width_mm)
        ));
        assert!(near(
            area.y_mm + area.height_mm,
            (a.y_mm + a.height_mm).max(b.y_mm + b.height_mm)
        ));
        let (left, right) = (
            area.x_mm - area.quiet_zone_mm,
            area.x_mm + area.width_mm + area.quiet_zone_mm,
        );
        assert!(left <= a_span.0.min(b_span.0) + 1e-9 && right >= a_span.1.max(b_span.1) - 1e-9);
        assert!(near(left, a_span.0.min(b_span.0)) || near(right, a_span.1.max(b_span.1)));
    }
    // A strip over only the left quiet zone of either print's upper barcode, as stuck at (20, 20),
    // fails.
    for layout in [&low, &high] {
        let upper = &layout.barcodes[0];
        let strip = json!([{ "xMm": 20.0 + upper.x_mm - upper.quiet_zone_mm + 0.2, "yMm": 20.0 + upper.y_mm, "widthMm": upper.quiet_zone_mm - 0.4, "heightMm": 5 }]);
        let v = packing(with("/tape", strip));
        let found = validate_order_packing(&order(), &v, &PackingProfile::standard()).unwrap();
        assert!(
            found
                .iter()
                .any(|f| f.code == ViolationCode::TapeOverBarcode),
            "{} dpi: {found:?}",
            layout.dpi
        );
    }
}

#[test]
fn without_tape_the_label_is_not_laid_out_and_nothing_changes() {
    // Only the tape rule reads the barcode areas: a packing without tape gets the same answer.
    let p = packing(with("/tape", json!([])));
    let laid_out = label_barcode_areas(&order(), &p);
    assert!(!laid_out.is_empty());
    for profile in PackingProfile::builtins() {
        assert_eq!(
            validate_order_packing(&order(), &p, &profile).unwrap(),
            validate_packing(&order(), &p, &profile, &laid_out).unwrap(),
            "{}",
            profile.name
        );
    }
}
