//! The JS API as compiled to wasm, called through wasm-bindgen in Node and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`). Values go in and out as JS objects, exactly as a page passes them.
#![cfg(target_arch = "wasm32")]
// A failing test should fail loudly; clippy does not see `#[wasm_bindgen_test]` functions as tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use fbskit::wasm;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const V3: &str = include_str!("fixtures/posting-v3.json");
const V4: &str = include_str!("fixtures/posting-v4-item.json");

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn code(error: JsValue) -> String {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "errors are JS Error objects"
    );
    get(&error, "code").as_string().unwrap()
}

fn apply(order: &JsValue, event: &str) -> JsValue {
    wasm::apply_event(order.clone(), js(event))
        .unwrap_or_else(|e| panic!("{event}: {:?}", get(&e, "message")))
}

#[wasm_bindgen_test]
fn imports_a_posting_object_and_json_text() {
    let from_object = wasm::import_posting(js(V3)).unwrap();
    let from_text = wasm::import_posting(JsValue::from_str(V3)).unwrap();
    assert_eq!(
        JSON::stringify(&from_object).unwrap(),
        JSON::stringify(&from_text).unwrap()
    );
    assert_eq!(
        get(&from_object, "postingNumber").as_string().unwrap(),
        "23713478-0018-3"
    );
    assert_eq!(
        get(&from_object, "status").as_string().unwrap(),
        "awaiting_packaging"
    );
    assert_eq!(
        wasm::seller_tab(from_object).unwrap().as_string().unwrap(),
        "ready_to_prepare"
    );
}

#[wasm_bindgen_test]
fn walks_an_order_to_delivered() {
    let mut order = wasm::import_posting(js(V3)).unwrap();
    for event in [
        r#"{"type":"markPrepared","at":"2026-11-27T09:30:00Z"}"#,
        r#"{"type":"registered","at":"2026-11-27T09:31:00Z","trackingNumber":"TRK1","barcodes":{"upper":"%101%806044518","lower":"23024930500000"}}"#,
        r#"{"type":"printLabel","at":"2026-11-27T09:32:00Z"}"#,
        r#"{"type":"pack","at":"2026-11-27T09:40:00Z","packing":{"package":{"lengthMm":300,"widthMm":200,"heightMm":100,"weightG":900,"kind":"box"},"labels":[{"widthMm":75,"heightMm":120,"face":"top","xMm":20,"yMm":20}],"printMethod":"thermal","labelSurface":"matte"}}"#,
        r#"{"type":"handOver","at":"2026-11-27T12:00:00Z","actNumber":"A-77","collectionPoint":"СЦ"}"#,
        r#"{"type":"acceptedByCarrier","at":"2026-11-27T13:00:00Z"}"#,
        r#"{"type":"delivered","at":"2026-11-29T13:00:00Z"}"#,
    ] {
        order = apply(&order, event);
    }
    assert_eq!(get(&order, "status").as_string().unwrap(), "delivered");
    assert_eq!(Array::from(&get(&order, "history")).length(), 7);
    let replayed = wasm::replay(order.clone()).unwrap();
    assert_eq!(
        JSON::stringify(&replayed).unwrap(),
        JSON::stringify(&order).unwrap()
    );
}

#[wasm_bindgen_test]
fn available_events_and_deadline() {
    let order = wasm::import_posting(js(V4)).unwrap();
    let all = Array::from(&wasm::available_events(order.clone(), None).unwrap());
    assert_eq!(all.get(0).as_string().unwrap(), "printLabel");
    let platform = Array::from(
        &wasm::available_events(order.clone(), Some(js(r#"{"actor":"platform"}"#))).unwrap(),
    );
    assert!(platform
        .iter()
        .all(|e| e.as_string().unwrap() != "printLabel"));
    let d = wasm::deadline(order.clone(), "2026-11-28T04:30:00Z", None).unwrap();
    assert_eq!(get(&d, "state").as_string().unwrap(), "due_soon");
    assert_eq!(get(&d, "minutesLeft").as_f64().unwrap(), 30.0);
    let d = wasm::deadline(
        order,
        "2026-11-28T04:30:00Z",
        Some(js(r#"{"dueSoonMinutes":10}"#)),
    )
    .unwrap();
    assert_eq!(get(&d, "state").as_string().unwrap(), "on_time");
}

#[wasm_bindgen_test]
fn bad_input_throws_coded_errors_and_the_module_keeps_working() {
    let order = wasm::import_posting(js(V3)).unwrap();
    assert_eq!(
        code(wasm::import_posting(js(r#"{"status":"delivered"}"#)).unwrap_err()),
        "POSTING_MISSING_FIELD"
    );
    assert_eq!(
        code(wasm::import_posting(JsValue::from_str("{not json")).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        code(wasm::import_posting(JsValue::from_f64(f64::NAN)).unwrap_err()),
        "POSTING_INVALID_FIELD"
    );
    assert_eq!(
        code(
            wasm::apply_event(
                order.clone(),
                js(r#"{"type":"teleport","at":"2026-11-27T09:30:00Z"}"#)
            )
            .unwrap_err()
        ),
        "INVALID_EVENT"
    );
    assert_eq!(
        code(
            wasm::apply_event(order.clone(), js(r#"{"type":"printLabel","at":"noon"}"#))
                .unwrap_err()
        ),
        "INVALID_EVENT"
    );
    let refused = wasm::apply_event(
        order.clone(),
        js(r#"{"type":"openDispute","at":"2026-11-27T09:30:00Z"}"#),
    )
    .unwrap_err();
    assert_eq!(code(refused.clone()), "TRANSITION_NOT_ALLOWED");
    let details = get(&refused, "details");
    assert_eq!(
        get(&details, "status").as_string().unwrap(),
        "awaiting_packaging"
    );
    assert_eq!(get(&details, "event").as_string().unwrap(), "openDispute");
    assert_eq!(
        code(wasm::apply_event(JsValue::from_f64(3.0), js("{}")).unwrap_err()),
        "INVALID_ORDER"
    );
    assert_eq!(
        code(wasm::deadline(order.clone(), "later", None).unwrap_err()),
        "INVALID_TIME"
    );
    assert_eq!(
        code(wasm::seller_tab(JsValue::UNDEFINED).unwrap_err()),
        "INVALID_ORDER"
    );
    // After every rejected call the same instance still answers.
    let prepared = apply(
        &order,
        r#"{"type":"markPrepared","at":"2026-11-27T09:30:00Z"}"#,
    );
    assert_eq!(
        get(&prepared, "status").as_string().unwrap(),
        "awaiting_deliver"
    );
}

const GOLDEN_75X120_203: &str = include_str!("golden/label-75x120-203dpi.svg");
const GOLDEN_75X120_300: &str = include_str!("golden/label-75x120-300dpi.svg");
const GOLDEN_58X40_203: &str = include_str!("golden/label-58x40-203dpi.svg");
const GOLDEN_58X40_300: &str = include_str!("golden/label-58x40-300dpi.svg");

#[wasm_bindgen_test]
fn render_label_is_byte_identical_to_the_native_golden_files() {
    let order = wasm::import_posting(js(V4)).unwrap();
    for (options, golden) in [
        (
            r#"{"size":"75x120","dpi":203,"cluster":"B"}"#,
            GOLDEN_75X120_203,
        ),
        (
            r#"{"size":"75x120","dpi":300,"cluster":"B"}"#,
            GOLDEN_75X120_300,
        ),
        (
            r#"{"size":"58x40","dpi":203,"cluster":"B"}"#,
            GOLDEN_58X40_203,
        ),
        (
            r#"{"size":"58x40","dpi":300,"cluster":"B"}"#,
            GOLDEN_58X40_300,
        ),
    ] {
        let svg = wasm::render_label(order.clone(), Some(js(options))).unwrap();
        assert!(
            svg == golden,
            "{options}: wasm output differs from the native golden file"
        );
    }
}

#[wasm_bindgen_test]
fn label_layout_and_label_errors() {
    let order = wasm::import_posting(js(V4)).unwrap();
    let layout = wasm::label_layout(order.clone(), None).unwrap();
    assert_eq!(get(&layout, "widthMm").as_f64().unwrap(), 75.0);
    let barcodes = Array::from(&get(&layout, "barcodes"));
    assert_eq!(barcodes.length(), 2);
    assert_eq!(get(&barcodes.get(0), "role").as_string().unwrap(), "upper");
    assert_eq!(get(&barcodes.get(0), "moduleDots").as_f64().unwrap(), 3.0);
    let too_narrow = js(r#"{"size":{"widthMm":30,"heightMm":60}}"#);
    let err = wasm::render_label(order.clone(), Some(too_narrow)).unwrap_err();
    assert_eq!(code(err.clone()), "LABEL_DOES_NOT_FIT");
    assert_eq!(
        get(&get(&err, "details"), "element").as_string().unwrap(),
        "upperBarcode"
    );
    assert_eq!(
        code(wasm::render_label(order.clone(), Some(js(r#"{"dpi":0}"#))).unwrap_err()),
        "LABEL_INVALID_DPI"
    );
    assert_eq!(
        code(wasm::render_label(order.clone(), Some(js(r#"{"size":"A4"}"#))).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert!(wasm::render_label(order, None).unwrap().starts_with("<svg"));
}

const GOOD_PACKING: &str = r#"{"package":{"lengthMm":300,"widthMm":200,"heightMm":100,"weightG":900,"kind":"box"},"labels":[{"widthMm":75,"heightMm":120,"face":"top","xMm":20,"yMm":20}],"printMethod":"thermal","labelSurface":"matte"}"#;

fn packing_with(pointer_edits: &[(&str, &str, JsValue)]) -> JsValue {
    let packing = js(GOOD_PACKING);
    for (object, key, value) in pointer_edits {
        let target = object
            .split('.')
            .filter(|s| !s.is_empty())
            .fold(packing.clone(), |v, k| get(&v, k));
        Reflect::set(&target, &(*key).into(), value).unwrap();
    }
    packing
}

fn violation_codes(violations: &JsValue) -> Vec<String> {
    Array::from(violations)
        .iter()
        .map(|v| get(&v, "code").as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn validate_packing_lists_every_violation() {
    let order = wasm::import_posting(js(V3)).unwrap();
    let good = wasm::validate_packing(order.clone(), js(GOOD_PACKING), None).unwrap();
    assert!(Array::is_array(&good));
    assert_eq!(Array::from(&good).length(), 0);
    let bad = packing_with(&[
        ("", "printMethod", "inkjet".into()),
        ("", "labelSurface", "glossy".into()),
        ("package", "color", "Чёрный".into()),
    ]);
    let found = wasm::validate_packing(order.clone(), bad, None).unwrap();
    assert_eq!(
        violation_codes(&found),
        [
            "BLACK_PACKAGING",
            "PRINT_METHOD_NOT_THERMAL",
            "LABEL_SURFACE_GLOSSY"
        ]
    );
    let first = Array::from(&found).get(0);
    assert_eq!(get(&first, "severity").as_string().unwrap(), "error");
    assert_eq!(get(&first, "field").as_string().unwrap(), "package.color");
    let message = get(&first, "message");
    assert!(get(&message, "en").as_string().unwrap().contains("black"));
    assert!(get(&message, "ru").as_string().unwrap().contains("чёрн"));
    let glossy = Array::from(&found).get(2);
    assert_eq!(get(&glossy, "severity").as_string().unwrap(), "warning");
}

#[wasm_bindgen_test]
fn validate_packing_takes_a_profile_name_or_object() {
    let order = wasm::import_posting(js(V3)).unwrap();
    let small = packing_with(&[
        ("labels.0", "widthMm", 58.into()),
        ("labels.0", "heightMm", 40.into()),
    ]);
    // Without a profile, the hand-over check's: small_label for this label.
    assert!(
        violation_codes(&wasm::validate_packing(order.clone(), small.clone(), None).unwrap())
            .is_empty()
    );
    assert_eq!(
        violation_codes(
            &wasm::validate_packing(order.clone(), small.clone(), Some("standard".into())).unwrap()
        ),
        ["LABEL_SIZE_MISMATCH"]
    );
    let by_name =
        wasm::validate_packing(order.clone(), small.clone(), Some("small_label".into())).unwrap();
    assert_eq!(Array::from(&by_name).length(), 0);
    let profiles = Array::from(&wasm::packing_profiles().unwrap());
    let names: Vec<String> = profiles
        .iter()
        .map(|p| get(&p, "name").as_string().unwrap())
        .collect();
    assert_eq!(names, ["standard", "small_label", "bulky"]);
    // A profile object, e.g. from packingProfiles() or profileFromOzonRestrictions().
    let by_object = wasm::validate_packing(order.clone(), small, Some(profiles.get(1))).unwrap();
    assert_eq!(Array::from(&by_object).length(), 0);
    let restricted = wasm::profile_from_ozon_restrictions(js(
        r#"{"result":{"max_posting_weight":500,"width":50,"height":50,"length":50}}"#,
    ))
    .unwrap();
    assert_eq!(
        violation_codes(
            &wasm::validate_packing(order, js(GOOD_PACKING), Some(restricted)).unwrap()
        ),
        ["WEIGHT_OVER_LIMIT"]
    );
}

#[wasm_bindgen_test]
fn malformed_packing_and_profiles_throw_coded_errors() {
    let order = wasm::import_posting(js(V3)).unwrap();
    let nan = packing_with(&[("package", "weightG", JsValue::from_f64(f64::NAN))]);
    let error = wasm::validate_packing(order.clone(), nan, None).unwrap_err();
    assert_eq!(code(error.clone()), "PACKING_MALFORMED");
    assert_eq!(
        get(&get(&error, "details"), "field").as_string().unwrap(),
        "package.weightG"
    );
    let crayon = packing_with(&[("", "printMethod", "crayon".into())]);
    assert_eq!(
        code(wasm::validate_packing(order.clone(), crayon, None).unwrap_err()),
        "PACKING_MALFORMED"
    );
    assert_eq!(
        code(
            wasm::validate_packing(order.clone(), js(GOOD_PACKING), Some("huge".into()))
                .unwrap_err()
        ),
        "PROFILE_UNKNOWN"
    );
    let nonsense = js(
        r#"{"name":"x","label":{"widthMm":0,"heightMm":120,"toleranceMm":1},"maxWeightG":1,"maxDimensionsMm":[1,1,1],"minDimensionsMm":[0,0,0]}"#,
    );
    assert_eq!(
        code(wasm::validate_packing(order.clone(), js(GOOD_PACKING), Some(nonsense)).unwrap_err()),
        "PROFILE_INVALID"
    );
    assert_eq!(
        code(wasm::validate_packing(JsValue::NULL, js(GOOD_PACKING), None).unwrap_err()),
        "INVALID_ORDER"
    );
}

#[wasm_bindgen_test]
fn hand_over_is_refused_for_a_bad_packing() {
    let order = apply(
        &wasm::import_posting(js(V4)).unwrap(),
        r#"{"type":"printLabel","at":"2026-11-27T09:32:00Z"}"#,
    );
    let hand_over = js(
        r#"{"type":"handOver","at":"2026-11-27T12:00:00Z","actNumber":"A-1","collectionPoint":"ПВЗ"}"#,
    );
    let pack = |packing: JsValue| {
        let event = js(r#"{"type":"pack","at":"2026-11-27T09:40:00Z"}"#);
        Reflect::set(&event, &"packing".into(), &packing).unwrap();
        wasm::apply_event(order.clone(), event).unwrap()
    };
    let bad = pack(packing_with(&[("", "printMethod", "laser".into())]));
    let error = wasm::apply_event(bad, hand_over.clone()).unwrap_err();
    assert_eq!(code(error.clone()), "PACKING_VIOLATIONS");
    let codes = Array::from(&get(&get(&error, "details"), "codes"));
    assert_eq!(codes.length(), 1);
    assert_eq!(
        codes.get(0).as_string().unwrap(),
        "PRINT_METHOD_NOT_THERMAL"
    );
    let good = pack(js(GOOD_PACKING));
    let handed = wasm::apply_event(good, hand_over).unwrap();
    assert!(get(&get(&handed, "progress"), "handedOver")
        .as_bool()
        .unwrap());
}

#[wasm_bindgen_test]
fn drop_off_plan_groups_orders() {
    let ready = wasm::import_posting(js(V4)).unwrap(); // Казань Главный, 2026-11-28T08:00:00+03:00
    let prepare = wasm::import_posting(js(V3)).unwrap(); // Склад на Ленина, 2026-11-27T14:00:00Z
    let orders = Array::of2(&ready, &prepare);
    let plan = wasm::drop_off_plan(orders.clone().into(), "2026-11-28T04:30:00Z", None).unwrap();
    let groups = Array::from(&get(&plan, "groups"));
    assert_eq!(groups.length(), 2);
    let first = groups.get(0);
    assert_eq!(
        get(&first, "warehouse").as_string().unwrap(),
        "Склад на Ленина"
    );
    assert_eq!(get(&first, "date").as_string().unwrap(), "2026-11-27");
    assert_eq!(get(&first, "late").as_f64().unwrap(), 1.0);
    let second = groups.get(1);
    assert_eq!(get(&second, "date").as_string().unwrap(), "2026-11-28");
    assert_eq!(get(&second, "dueSoon").as_f64().unwrap(), 1.0);
    assert_eq!(
        Array::from(&get(&second, "postingNumbers"))
            .get(0)
            .as_string()
            .unwrap(),
        "0208194185-0001-1"
    );
    let narrow = wasm::drop_off_plan(
        orders.clone().into(),
        "2026-11-28T04:30:00Z",
        Some(js(r#"{"windowMinutes":10}"#)),
    )
    .unwrap();
    let second = Array::from(&get(&narrow, "groups")).get(1);
    assert_eq!(get(&second, "dueSoon").as_f64().unwrap(), 0.0);
    assert_eq!(
        code(wasm::drop_off_plan(orders.into(), "soon", None).unwrap_err()),
        "INVALID_TIME"
    );
    assert_eq!(
        code(wasm::drop_off_plan(js("[1]"), "2026-11-28T04:30:00Z", None).unwrap_err()),
        "INVALID_ORDER"
    );
}

const GOLDEN_TSPL: &[u8] = include_bytes!("golden/job-tspl.prn");
const GOLDEN_ZPL: &[u8] = include_bytes!("golden/job-zpl.prn");
const GOLDEN_EPL: &[u8] = include_bytes!("golden/job-epl.prn");
const GOLDEN_ESCPOS: &[u8] = include_bytes!("golden/job-escpos.prn");

#[wasm_bindgen_test]
fn print_jobs_are_byte_identical_to_native_and_decode_to_the_raster() {
    let order = wasm::import_posting(js(V4)).unwrap();
    let orders = Array::of1(&order);
    let tspl = wasm::print_job(orders.clone().into(), js(r#"{"language":"tspl"}"#)).unwrap();
    assert!(
        tspl == GOLDEN_TSPL,
        "TSPL job differs from the native golden job"
    );
    let zpl = wasm::print_job(orders.clone().into(), js(r#"{"language":"zpl"}"#)).unwrap();
    assert!(
        zpl == GOLDEN_ZPL,
        "ZPL job differs from the native golden job"
    );
    let epl = wasm::print_job(orders.clone().into(), js(r#"{"language":"epl"}"#)).unwrap();
    assert!(
        epl == GOLDEN_EPL,
        "EPL job differs from the native golden job"
    );
    let escpos = wasm::print_job(orders.clone().into(), js(r#"{"language":"escpos"}"#)).unwrap();
    assert!(
        escpos == GOLDEN_ESCPOS,
        "ESC/POS job differs from the native golden job"
    );
    let raster = wasm::rasterize(order.clone(), None).unwrap();
    assert_eq!(get(&raster, "widthDots").as_f64().unwrap(), 600.0);
    assert_eq!(get(&raster, "bytesPerRow").as_f64().unwrap(), 75.0);
    let data = js_sys::Uint8Array::new(&get(&raster, "data")).to_vec();
    let rotated = js(r#"{"language":"epl","rotation":90,"size":"58x40"}"#);
    let job = wasm::print_job(orders.into(), rotated.clone()).unwrap();
    let decoded = Array::from(&wasm::decode_job(&job, rotated).unwrap());
    assert_eq!(decoded.length(), 1);
    let small = wasm::rasterize(order.clone(), Some(js(r#"{"size":"58x40"}"#))).unwrap();
    let small_data = js_sys::Uint8Array::new(&get(&small, "data")).to_vec();
    let decoded_data = js_sys::Uint8Array::new(&get(&decoded.get(0), "data")).to_vec();
    assert!(
        decoded_data == small_data,
        "the EPL job decodes back to the upright raster"
    );
    assert_eq!(data.len(), 600 / 8 * 960);
    let bad =
        wasm::print_job(Array::of2(&order, &js(r#"{"nope":1}"#)).into(), js("{}")).unwrap_err();
    assert_eq!(code(bad), "INVALID_ORDER");
    assert_eq!(
        code(wasm::print_job(Array::of1(&order).into(), js(r#"{"language":"pcl"}"#)).unwrap_err()),
        "PRINT_UNKNOWN_LANGUAGE"
    );
}

const GOLDEN_NOTE_PAGE_1: &str = include_str!("golden/handover-note-page1.svg");
const GOLDEN_NOTE_PAGE_2: &str = include_str!("golden/handover-note-page2.svg");

#[wasm_bindgen_test]
fn handover_note_and_batch_hand_over() {
    let act = js(
        r#"{"actNumber":"A-2026-1127","collectionPoint":"ПВЗ Ozon, Казань, ул. Баумана 1","date":"2026-11-27T12:00:00+03:00"}"#,
    );
    let orders = Array::new();
    for i in 0..14 {
        let mut posting: serde_json::Value = serde_json::from_str(V4).unwrap();
        posting["posting_number"] = format!("02081941{i:02}-0001-1").into();
        posting["barcodes"]["upper_barcode"] = format!("%101%8060445{i:02}").into();
        let mut order = wasm::import_posting(JsValue::from_str(&posting.to_string())).unwrap();
        order = apply(
            &order,
            r#"{"type":"printLabel","at":"2026-11-27T09:00:00Z"}"#,
        );
        order = apply(
            &order,
            r#"{"type":"pack","at":"2026-11-27T09:10:00Z","packing":{"package":{"lengthMm":300,"widthMm":200,"heightMm":100,"weightG":950,"kind":"box"},"labels":[{"widthMm":75,"heightMm":120,"face":"top","xMm":20,"yMm":20}],"printMethod":"thermal","labelSurface":"matte"}}"#,
        );
        orders.push(&order);
    }
    let pages =
        Array::from(&wasm::render_handover_note(orders.clone().into(), act.clone(), None).unwrap());
    assert_eq!(pages.length(), 2);
    assert!(
        pages.get(0).as_string().unwrap() == GOLDEN_NOTE_PAGE_1,
        "page 1 differs from the native golden file"
    );
    assert!(
        pages.get(1).as_string().unwrap() == GOLDEN_NOTE_PAGE_2,
        "page 2 differs from the native golden file"
    );
    let done = Array::from(&wasm::hand_over(orders.clone().into(), act.clone()).unwrap());
    assert!(done
        .iter()
        .all(|o| get(&get(&o, "progress"), "handedOver").as_bool().unwrap()));
    // Handing over again fails for the whole batch, naming the first order.
    let err = wasm::hand_over(done.into(), act).unwrap_err();
    assert_eq!(code(err.clone()), "ORDER_ALREADY_HANDED_OVER");
    assert_eq!(get(&get(&err, "details"), "index").as_f64().unwrap(), 0.0);
}

#[wasm_bindgen_test]
fn lone_surrogates_from_js_are_refused_with_a_code() {
    // A lone high surrogate: valid in a JS string, not valid Unicode.
    let lone = JSON::parse(r#""\ud800""#).unwrap();
    assert_eq!(js_sys::JsString::from(lone.clone()).length(), 1);
    // In a posting object: JSON.stringify escapes it and the parser refuses it, naming no wrong value.
    let posting = js(V3);
    Reflect::set(&posting, &"posting_number".into(), &lone).unwrap();
    let error = wasm::import_posting(posting).unwrap_err();
    assert_eq!(code(error.clone()), "INVALID_ARGUMENT");
    assert!(get(&get(&error, "details"), "reason")
        .as_string()
        .unwrap()
        .contains("surrogate"));
    // In posting JSON text: refused before any conversion could turn it into U+FFFD.
    let text = js_sys::JsString::from(r#"{"posting_number":""#)
        .concat(&lone)
        .concat(&r#"","status":"awaiting_packaging"}"#.into());
    let error = wasm::import_posting(text.into()).unwrap_err();
    assert_eq!(code(error.clone()), "INVALID_ARGUMENT");
    assert!(get(&get(&error, "details"), "reason")
        .as_string()
        .unwrap()
        .contains("surrogate"));
    // In an event's text.
    let order = wasm::import_posting(js(V3)).unwrap();
    let cancel = |message: &JsValue| {
        let event = js(r#"{"type":"cancel","at":"2026-11-27T10:00:00Z","reasonId":402}"#);
        Reflect::set(&event, &"message".into(), message).unwrap();
        wasm::apply_event(order.clone(), event)
    };
    assert_eq!(code(cancel(&lone).unwrap_err()), "INVALID_EVENT");
    // A surrogate pair is a real character and goes through unchanged.
    let parcel = JSON::parse(r#""\ud83d\udce6""#).unwrap();
    let cancelled = cancel(&parcel).unwrap();
    assert_eq!(
        get(&get(&cancelled, "cancellation"), "message")
            .as_string()
            .unwrap(),
        "📦"
    );
    // A backslash followed by the text "uD800" is no escape: stringify writes `\\uD800`, kept as is.
    let text = JsValue::from_str(r"C:\uD800\\uDBFF");
    let kept = cancel(&text).unwrap();
    assert_eq!(
        get(&get(&kept, "cancellation"), "message")
            .as_string()
            .unwrap(),
        r"C:\uD800\\uDBFF"
    );
}

#[wasm_bindgen_test]
fn oversized_postings_are_refused_before_parsing() {
    let big = format!(
        r#"{{"posting_number":"1-1","pad":"{}"}}"#,
        "x".repeat(1024 * 1024)
    );
    let error = wasm::import_posting(JsValue::from_str(&big)).unwrap_err();
    assert_eq!(code(error.clone()), "POSTING_TOO_LARGE");
    assert_eq!(
        get(&get(&error, "details"), "max").as_f64().unwrap(),
        1048576.0
    );
    // Refused on its UTF-16 length before it is copied: for ASCII that is its byte count.
    assert_eq!(
        get(&get(&error, "details"), "bytes").as_f64().unwrap(),
        big.len() as f64
    );
    // The same posting as an object is measured as JSON text too.
    assert_eq!(
        code(wasm::import_posting(js(&big)).unwrap_err()),
        "POSTING_TOO_LARGE"
    );
    // Cyrillic: fewer UTF-16 units than the limit but more UTF-8 bytes, refused on the exact bytes.
    let cyrillic = format!(
        r#"{{"posting_number":"1-1","pad":"{}"}}"#,
        "ж".repeat(600 * 1024)
    );
    let error = wasm::import_posting(JsValue::from_str(&cyrillic)).unwrap_err();
    assert_eq!(code(error.clone()), "POSTING_TOO_LARGE");
    assert_eq!(
        get(&get(&error, "details"), "bytes").as_f64().unwrap(),
        cyrillic.len() as f64
    );
    assert!(wasm::import_postings(JsValue::from_str(&format!("[{V4}]"))).is_ok());
}

#[wasm_bindgen_test]
fn rejected_label_print_and_packing_calls_leave_the_module_working() {
    let order = wasm::import_posting(js(V4)).unwrap();
    let orders: JsValue = Array::of1(&order).into();
    let svg = wasm::render_label(order.clone(), None).unwrap();
    let job = wasm::print_job(orders.clone(), js(r#"{"language":"zpl"}"#)).unwrap();

    let nan_dpi = js("{}");
    Reflect::set(&nan_dpi, &"dpi".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    assert_eq!(
        code(wasm::render_label(order.clone(), Some(nan_dpi)).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        code(
            wasm::render_label(
                order.clone(),
                Some(js(r#"{"size":{"widthMm":1e308,"heightMm":-1}}"#))
            )
            .unwrap_err()
        ),
        "LABEL_INVALID_SIZE"
    );
    assert_eq!(
        code(wasm::render_label(JsValue::from_str("<svg>"), None).unwrap_err()),
        "INVALID_ORDER"
    );
    assert_eq!(
        code(wasm::print_job(js("[]"), js("{}")).unwrap_err()),
        "PRINT_NO_LABELS"
    );
    assert_eq!(
        code(wasm::print_job(orders.clone(), js(r#"{"copies":0}"#)).unwrap_err()),
        "PRINT_COPIES_OUT_OF_RANGE"
    );
    assert_eq!(
        code(wasm::print_job(orders.clone(), js(r#"{"rotation":45}"#)).unwrap_err()),
        "PRINT_INVALID_ROTATION"
    );
    assert_eq!(
        code(
            wasm::decode_job(
                b"^XA^GFA,99999999,1,1,:Z64:!!:0000^XZ",
                js(r#"{"language":"zpl"}"#)
            )
            .unwrap_err()
        ),
        "PRINT_CHECKSUM_MISMATCH"
    );
    let infinite = packing_with(&[("package", "lengthMm", JsValue::from_f64(f64::INFINITY))]);
    assert_eq!(
        code(wasm::validate_packing(order.clone(), infinite, None).unwrap_err()),
        "PACKING_MALFORMED"
    );
    let negative = packing_with(&[("labels.0", "widthMm", JsValue::from_f64(-75.0))]);
    assert_eq!(
        code(wasm::validate_packing(order.clone(), negative, None).unwrap_err()),
        "PACKING_MALFORMED"
    );

    // The same instance answers exactly as before.
    assert!(wasm::render_label(order.clone(), None).unwrap() == svg);
    assert!(wasm::print_job(orders, js(r#"{"language":"zpl"}"#)).unwrap() == job);
    let ok = wasm::validate_packing(order, js(GOOD_PACKING), None).unwrap();
    assert_eq!(Array::from(&ok).length(), 0);
}

#[wasm_bindgen_test]
fn a_bad_argument_names_the_field_at_fault() {
    let order = wasm::import_posting(js(V3)).unwrap();
    let event = js(r#"{"type":"cancel","at":"2026-11-27T10:00:00Z","reasonId":"x"}"#);
    let error = wasm::apply_event(order, event).unwrap_err();
    assert_eq!(code(error.clone()), "INVALID_EVENT");
    let details = get(&error, "details");
    assert_eq!(get(&details, "path").as_string().unwrap(), "reasonId");
    let reason = get(&details, "reason").as_string().unwrap();
    assert!(!reason.contains("line 1"), "{reason}");
}
