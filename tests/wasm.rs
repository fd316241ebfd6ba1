//! The JS API as compiled to wasm, called through wasm-bindgen in Node and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`). Values go in and out as JS objects, exactly as a page passes them.
#![cfg(target_arch = "wasm32")]
// A failing test should fail loudly; clippy does not see `#[wasm_bindgen_test]` functions as tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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
