//! Handover note: golden two-page note whose barcodes decode; all-or-nothing hand-over.

use serde_json::json;

use super::*;
use crate::error::ErrorCode;
use crate::label::tests::{decode_all, rasterize_svg};
use crate::label::LabelLayout;
use crate::order::import_posting_str;

const V4: &str = include_str!("../../tests/fixtures/posting-v4-item.json");

fn packing() -> serde_json::Value {
    json!({
        "package": { "lengthMm": 300, "widthMm": 200, "heightMm": 100, "weightG": 950, "kind": "box" },
        "labels": [{ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 20, "yMm": 20 }],
        "printMethod": "thermal", "labelSurface": "matte"
    })
}

/// `n` registered, labelled and packed orders with distinct posting numbers and barcodes.
fn ready_orders(n: usize) -> Vec<Order> {
    (0..n)
        .map(|i| {
            let mut o = import_posting_str(V4).unwrap();
            o.posting_number = format!("02081941{:02}-0001-1", i);
            o.barcodes.upper = Some(format!("%101%8060445{:02}", i));
            o.origin.barcodes = o.barcodes.clone();
            let o = apply(
                &o,
                crate::json::from_value(
                    json!({ "type": "printLabel", "at": "2026-11-27T09:00:00Z" }),
                )
                .unwrap(),
            )
            .unwrap();
            apply(
                &o,
                crate::json::from_value(
                    json!({ "type": "pack", "at": "2026-11-27T09:10:00Z", "packing": packing() }),
                )
                .unwrap(),
            )
            .unwrap()
        })
        .collect()
}

fn act() -> Act {
    crate::json::from_value(json!({ "actNumber": "A-2026-1127", "collectionPoint": "ПВЗ Ozon, Казань, ул. Баумана 1", "date": "2026-11-27T12:00:00+03:00" })).unwrap()
}

/// The values the barcodes on a 300-dpi note page decode to, read from its raster as a scanner would.
fn decoded_barcodes(svg: &str, boxes: &[BarcodeBox]) -> Vec<String> {
    let k = Dpi::DPI_300.dots_per_mm();
    let (w, h) = (
        Dpi::DPI_300.to_dots(Mm(210.0)).0,
        Dpi::DPI_300.to_dots(Mm(297.0)).0,
    );
    let luma = rasterize_svg(svg, w, h, k);
    let layout = LabelLayout {
        width_mm: 210.0,
        height_mm: 297.0,
        dpi: 300,
        barcodes: boxes.to_vec(),
        texts: vec![],
        warnings: vec![],
    };
    decode_all(&luma, w, h, &layout, k)
}

#[test]
fn a_two_page_note_matches_its_golden_files_and_every_barcode_decodes() {
    let orders = ready_orders(14);
    let note = render_handover_note(&orders, &act(), NoteOptions::default()).unwrap();
    assert_eq!(note.pages.len(), 2);
    assert_eq!(note.barcodes.iter().map(Vec::len).sum::<usize>(), 14);
    for (i, (svg, boxes)) in note.pages.iter().zip(&note.barcodes).enumerate() {
        crate::order::golden_for_tests(&format!("handover-note-page{}.svg", i + 1), svg);
        assert!(svg.contains(r#"width="210mm" height="297mm" viewBox="0 0 210 297""#));
        let decoded = decoded_barcodes(svg, boxes);
        let expected: Vec<String> = boxes.iter().map(|b| b.value.clone()).collect();
        assert_eq!(decoded, expected, "page {}", i + 1);
        for b in boxes {
            assert!(b.module_dots >= 3, "at least 0.25 mm modules at 300 dpi");
        }
    }
}

#[test]
fn a_short_note_is_one_page_with_totals_and_signatures() {
    let note = render_handover_note(&ready_orders(3), &act(), NoteOptions::default()).unwrap();
    assert_eq!(note.pages.len(), 1);
    let doc = roxmltree::Document::parse(&note.pages[0]).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("210mm"));
    // Bars of 15 mil, as on the label: 3 dots at 203 dpi, 5 at 300 (4 would be 13 mil).
    for (dpi, dots) in [(203, 3), (300, 5)] {
        let note = render_handover_note(&ready_orders(1), &act(), NoteOptions { dpi }).unwrap();
        assert_eq!(note.barcodes[0][0].module_dots, dots, "{dpi} dpi");
    }
}

#[test]
fn the_carriage_barcode_heads_every_page_and_decodes() {
    let mut with_barcode = act();
    with_barcode.barcode = Some("%303%24276481394".into());
    let note =
        render_handover_note(&ready_orders(3), &with_barcode, NoteOptions::default()).unwrap();
    let boxes = &note.barcodes[0];
    assert_eq!(boxes.len(), 4);
    assert_eq!(boxes[0].value, "%303%24276481394");
    // Above the table: the first posting's barcode starts below it.
    assert!(boxes[0].y_mm + boxes[0].height_mm < boxes[1].y_mm);
    let decoded = decoded_barcodes(&note.pages[0], boxes);
    assert_eq!(
        decoded,
        boxes.iter().map(|b| b.value.clone()).collect::<Vec<_>>()
    );

    // On every page of a long note, and everything still on the page.
    let long =
        render_handover_note(&ready_orders(20), &with_barcode, NoteOptions::default()).unwrap();
    assert!(long.pages.len() >= 2);
    for boxes in &long.barcodes {
        assert_eq!(boxes[0].value, "%303%24276481394");
        assert!(boxes.iter().all(|b| b.y_mm + b.height_mm < 297.0 - 10.0));
    }

    let mut bad = act();
    bad.barcode = Some("%303%2427648139О".into());
    let err = render_handover_note(&ready_orders(1), &bad, NoteOptions::default()).unwrap_err();
    assert_eq!(err.code(), "INVALID_ACT");
    // Encodable but too long for its place: still the act's field at fault.
    bad.barcode = Some("%303%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh".into());
    let err = render_handover_note(&ready_orders(1), &bad, NoteOptions::default()).unwrap_err();
    assert_eq!(err.code(), "INVALID_ACT");
    assert!(matches!(&err, FbsError::InvalidArgument { path, .. } if path == "barcode"));
}

#[test]
fn bad_notes_are_refused_with_codes() {
    assert_eq!(
        render_handover_note(&[], &act(), NoteOptions::default())
            .unwrap_err()
            .code(),
        "INVALID_BATCH"
    );
    let mut blank = act();
    blank.act_number = " ".into();
    assert_eq!(
        render_handover_note(&ready_orders(1), &blank, NoteOptions::default())
            .unwrap_err()
            .code(),
        "INVALID_ACT"
    );
    assert_eq!(
        render_handover_note(&ready_orders(1), &act(), NoteOptions { dpi: 5 })
            .unwrap_err()
            .code(),
        "LABEL_INVALID_DPI"
    );
    // One parcel, one line: a posting listed twice is refused by its second place, in the note and
    // in the hand-over alike.
    let mut twice = ready_orders(3);
    twice[2] = twice[0].clone();
    for err in [
        render_handover_note(&twice, &act(), NoteOptions::default()).unwrap_err(),
        hand_over_all(&twice, &act()).unwrap_err(),
    ] {
        assert_eq!(err.code(), "INVALID_BATCH");
        assert!(matches!(err, FbsError::Batch { index: 2, .. }), "{err:?}");
        assert!(
            err.to_string().contains("listed already, as order 1"),
            "{err}"
        );
    }
    // A barcode that cannot be drawn names its order.
    let mut bad = ready_orders(3);
    bad[1].barcodes.upper = Some("%101%8О6044518".into());
    let err = render_handover_note(&bad, &act(), NoteOptions::default()).unwrap_err();
    assert_eq!(err.code(), "BARCODE_UNENCODABLE_CHAR");
    assert!(matches!(err, FbsError::Batch { index: 1, .. }), "{err:?}");
}

#[test]
fn hand_over_is_all_or_nothing() {
    let orders = ready_orders(3);
    let done = hand_over_all(&orders, &act()).unwrap();
    assert!(done.iter().all(
        |o| o.progress.handed_over && o.hand_over.as_ref().unwrap().act_number == "A-2026-1127"
    ));
    let mut mixed = ready_orders(3);
    mixed[1] = import_posting_str(V4).unwrap(); // registered but no label printed
    let err = hand_over_all(&mixed, &act()).unwrap_err();
    assert_eq!(err.code(), "LABEL_NOT_PRINTED");
    assert!(matches!(err, FbsError::Batch { index: 1, .. }));
}

/// Every value the JS API hands back, written by `json::to_json`, which in tests checks its text
/// against serde_json's for the same value.
#[test]
fn every_js_output_is_written_as_serde_json_writes_it() {
    use crate::json::to_json;
    use crate::order::{available_events, deadline, drop_off_plan, seller_tab};
    use crate::packing::{validate_order_packing, PackingProfile};

    let orders = ready_orders(3);
    let now = Timestamp::parse("2026-11-27T11:00:00+03:00").unwrap();
    to_json(&orders);
    for order in &orders {
        to_json(&available_events(order));
        to_json(&seller_tab(order));
        to_json(&deadline(order, &now, Default::default()));
        to_json(&crate::label::label_layout(order, &Default::default()).unwrap());
        let packing = order.packing.clone().unwrap();
        for profile in PackingProfile::builtins() {
            to_json(&validate_order_packing(order, &packing, &profile).unwrap());
        }
    }
    to_json(&PackingProfile::builtins());
    to_json(&drop_off_plan(&orders, &now, Default::default()));
    to_json(
        &render_handover_note(&orders, &act(), Default::default())
            .unwrap()
            .pages,
    );
    let handed = hand_over_all(&orders, &act()).unwrap();
    to_json(&handed);
    to_json(&crate::order::replay(&handed[0]).unwrap());
    to_json(&crate::printer::Language::ALL);
    // Errors' details, one of each domain.
    let errors: Vec<crate::FbsError> = vec![
        hand_over_all(&handed, &act()).unwrap_err(),
        crate::label::label_layout(&orders[0], &crate::json::from_json(r#"{"dpi":5}"#).unwrap())
            .unwrap_err()
            .into(),
    ];
    for e in &errors {
        e.details_json();
    }
}
