//! Lifecycle tests: import, the full state × event matrix (golden), walks, deadlines and properties.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::error::ErrorCode;
use crate::timestamp::Timestamp;

const V3: &str = include_str!("../../tests/fixtures/posting-v3.json");
const V4: &str = include_str!("../../tests/fixtures/posting-v4-item.json");

/// A posting built as a JSON value, imported from its text as JS would send it.
fn import_posting(posting: serde_json::Value) -> Result<Order, OrderError> {
    import_posting_str(&posting.to_string())
}

fn import_postings(list: serde_json::Value) -> Result<Vec<Order>, OrderError> {
    import_postings_str(&list.to_string())
}

fn v3() -> Order {
    import_posting_str(V3).unwrap()
}

fn v4() -> Order {
    import_posting_str(V4).unwrap()
}

fn ev(value: serde_json::Value) -> Event {
    crate::json::from_value(value).unwrap()
}

fn packing() -> serde_json::Value {
    json!({
        "package": { "lengthMm": 300, "widthMm": 200, "heightMm": 100, "weightG": 900, "kind": "box" },
        "labels": [{ "widthMm": 75, "heightMm": 120, "face": "top", "xMm": 20, "yMm": 20 }],
        "printMethod": "thermal", "labelSurface": "matte"
    })
}

/// A valid event of every type (data that passes validation for the v3 sample).
fn sample_event(kind: EventType) -> Event {
    let at = "2026-11-27T10:00:00Z";
    ev(match kind {
        EventType::MarkPrepared => json!({ "type": "markPrepared", "at": at }),
        EventType::Registered => {
            json!({ "type": "registered", "at": at, "trackingNumber": "TRK123",
            "barcodes": { "upper": "%101%806044518", "lower": "23024930500000" } })
        }
        EventType::PrintLabel => json!({ "type": "printLabel", "at": at }),
        EventType::Pack => json!({ "type": "pack", "at": at, "packing": packing() }),
        EventType::HandOver => {
            json!({ "type": "handOver", "at": at, "actNumber": "A-1", "collectionPoint": "ПВЗ Ленина 5" })
        }
        EventType::AcceptedByCarrier => json!({ "type": "acceptedByCarrier", "at": at }),
        EventType::RejectedBySortingCenter => {
            json!({ "type": "rejectedBySortingCenter", "at": at, "reason": "not scanned" })
        }
        EventType::OpenDispute => {
            json!({ "type": "openDispute", "at": at, "comment": "handed over, act A-1" })
        }
        EventType::DisputeResolved => {
            json!({ "type": "disputeResolved", "at": at, "outcome": "reship" })
        }
        EventType::Reship => json!({ "type": "reship", "at": at }),
        EventType::Cancel => json!({ "type": "cancel", "at": at, "reasonId": 352 }),
        EventType::CancelledByPlatform => {
            json!({ "type": "cancelledByPlatform", "at": at, "reasonId": 666 })
        }
        EventType::Delivered => json!({ "type": "delivered", "at": at }),
        EventType::StatusUpdate => {
            json!({ "type": "statusUpdate", "at": at, "status": "delivering" })
        }
    })
}

/// Every state the matrix covers: each known status (with the seller's progress steps within
/// "Ready to be shipped") and an unknown status.
fn states() -> Vec<(String, Order)> {
    let mut out = Vec::new();
    for status in Status::KNOWN
        .iter()
        .chain([&Status::Unknown("ship_in_process".into())])
    {
        let mut o = v3();
        o.status = status.clone();
        if *status == Status::AwaitingDeliver {
            let steps: [(&str, bool, bool, bool, bool); 7] = [
                ("unregistered", false, false, false, false),
                ("registered_tracking_only", true, false, false, false),
                ("registered", true, false, false, false),
                ("label_printed", true, true, false, false),
                ("packed", true, false, true, false),
                ("label_printed+packed", true, true, true, false),
                ("handed_over", true, true, true, true),
            ];
            for (name, registered, label, packed, handed) in steps {
                let mut o = o.clone();
                o.progress = Progress {
                    registered,
                    label_printed: label,
                    packed,
                    handed_over: handed,
                };
                // A packed order carries its packing, which the hand-over guard checks.
                if packed {
                    o.packing = Some(crate::json::from_value(packing()).unwrap());
                }
                // A registration brings the barcodes, unless Ozon gave only a tracking number.
                if registered {
                    o.tracking_number = Some("TRK123".into());
                    if name != "registered_tracking_only" {
                        o.barcodes.upper = Some("%101%806044518".into());
                        o.barcodes.lower = Some("23024930500000".into());
                    }
                }
                out.push((format!("{status}/{name}"), o));
            }
        } else {
            out.push((status.to_string(), o));
        }
    }
    out
}

fn outcome(order: &Order, event: Event) -> String {
    match apply(order, event) {
        Ok(next) => {
            let tab = serde_json::to_value(seller_tab(&next)).unwrap();
            format!("-> {} [{}]", next.status, tab.as_str().unwrap())
        }
        Err(e) => format!("!! {}", e.code()),
    }
}

#[test]
fn every_state_event_pair_is_defined_golden() {
    let mut text = String::from(
        "# Every (state, event) pair: `-> status [tab]` or `!! ERROR_CODE`.\n# Regenerate: UPDATE_GOLDEN=1 cargo test --lib order\n",
    );
    for (name, order) in states() {
        text.push_str(&format!("\n{name}\n"));
        for &kind in EventType::ALL {
            // A customer's dispute cannot end in `reship`: it is sampled with `found`.
            let event = if kind == EventType::DisputeResolved
                && order.status == Status::ClientArbitration
            {
                ev(
                    json!({ "type": "disputeResolved", "at": "2026-11-27T10:00:00Z", "outcome": "found" }),
                )
            } else {
                sample_event(kind)
            };
            let result = outcome(&order, event);
            // `check` (what availableEvents lists) must agree with `apply` for valid event data.
            // (A status update on a closed order passes `check` but is refused for moving to another status.)
            let data_refused = kind == EventType::StatusUpdate && order.status.is_terminal();
            if !data_refused {
                assert_eq!(
                    check(&order, kind).is_ok(),
                    result.starts_with("->"),
                    "{name} {kind}: {result}"
                );
            }
            text.push_str(&format!("  {:<24} {result}\n", kind.as_str()));
        }
    }
    golden("transitions.txt", &text);
}

/// Compares `actual` with `tests/golden/<name>`, or rewrites the file when `UPDATE_GOLDEN` is set.
pub(crate) fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b);
        panic!(
            "{name} differs from the golden file at line {:?}; rerun with UPDATE_GOLDEN=1 if the change is intended",
            line.map(|l| l + 1)
        );
    }
}

#[test]
fn imports_a_v3_get_response() {
    let o = v3();
    assert_eq!(o.posting_number, "23713478-0018-3");
    assert_eq!(o.order_number, "23713478-0018");
    assert_eq!(o.order_id, Some(559293114));
    assert_eq!(o.status, Status::AwaitingPackaging);
    assert_eq!(o.substatus.as_deref(), Some("posting_created"));
    assert_eq!(o.tracking_number, None);
    assert_eq!(o.delivery_method.warehouse, "Склад на Ленина");
    assert_eq!(o.delivery_method.tpl_provider, "Ozon Логистика");
    assert_eq!(o.products.len(), 2);
    assert_eq!(
        o.products[0].price,
        Some(Money {
            amount: "1259.00".into(),
            currency: "RUB".into()
        })
    );
    assert_eq!(o.item_count(), 3);
    assert_eq!(o.progress, Progress::default());
    assert_eq!(seller_tab(&o), SellerTab::ReadyToPrepare);
}

#[test]
fn imports_a_v4_item_with_price_object_and_barcodes() {
    let o = v4();
    assert_eq!(
        o.products[0].price,
        Some(Money {
            amount: "499.00".into(),
            currency: "RUB".into()
        })
    );
    assert_eq!(o.barcodes.upper.as_deref(), Some("%101%806044518"));
    assert_eq!(o.barcodes.lower.as_deref(), Some("23024930500000"));
    assert!(
        o.progress.registered,
        "barcodes in awaiting_deliver mean registered"
    );
    assert_eq!(available_events(&o)[0], EventType::PrintLabel);
}

#[test]
fn missing_required_fields_are_named() {
    for (field, path) in [
        ("posting_number", "posting_number"),
        ("status", "status"),
        ("shipment_date", "shipment_date"),
        ("products", "products"),
    ] {
        let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
        v.as_object_mut().unwrap().remove(field);
        let err = import_posting(v).unwrap_err();
        assert_eq!(err, OrderError::MissingField { field: path.into() });
        assert_eq!(err.code(), "POSTING_MISSING_FIELD");
    }
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["products"][0].as_object_mut().unwrap().remove("quantity");
    assert_eq!(
        import_posting(v).unwrap_err(),
        OrderError::MissingField {
            field: "products[0].quantity".into()
        }
    );
}

#[test]
fn wrong_types_name_the_field() {
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["products"][0]["quantity"] = json!("many");
    let err = import_posting(v).unwrap_err();
    assert_eq!(err.code(), "POSTING_INVALID_FIELD");
    assert!(
        matches!(&err, OrderError::InvalidField { field, .. } if field == "products[0].quantity"),
        "{err:?}"
    );
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["shipment_date"] = json!("tomorrow");
    assert!(
        matches!(import_posting(v).unwrap_err(), OrderError::InvalidField { field, .. } if field == "shipment_date")
    );
    assert_eq!(
        import_posting(json!([1, 2])).unwrap_err().code(),
        "POSTING_INVALID_FIELD"
    );
    assert_eq!(
        import_posting_str("{").unwrap_err().code(),
        "POSTING_INVALID_FIELD"
    );
}

#[test]
fn unknown_status_and_substatus_are_kept() {
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["status"] = json!("ship_in_process");
    v["substatus"] = json!("posting_packing");
    let o = import_posting(v).unwrap();
    assert_eq!(o.status, Status::Unknown("ship_in_process".into()));
    assert_eq!(o.substatus.as_deref(), Some("posting_packing"));
    assert_eq!(seller_tab(&o), SellerTab::ReadyToShip);
    let back: Order = crate::json::from_json(&crate::json::to_json(&o)).unwrap();
    assert_eq!(back, o);
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["status"] = json!("teleported");
    v.as_object_mut().unwrap().remove("substatus");
    assert_eq!(seller_tab(&import_posting(v).unwrap()), SellerTab::Other);
}

#[test]
fn barcodes_are_imported_trimmed() {
    let mut item: serde_json::Value = serde_json::from_str(V4).unwrap();
    item["barcodes"] =
        json!({ "upper_barcode": " %101%806044518 ", "lower_barcode": "23024930500000\t" });
    let order = import_postings(item).unwrap().remove(0);
    assert_eq!(order.barcodes.upper.as_deref(), Some("%101%806044518"));
    assert_eq!(order.barcodes.lower.as_deref(), Some("23024930500000"));
    assert_eq!(order.origin.barcodes, order.barcodes);
    // An order stored before with padded values still gets labels of the values themselves.
    let mut padded = order.clone();
    padded.barcodes.lower = Some(" 23024930500000 ".into());
    let data = crate::label::label_data(&padded, &Default::default()).unwrap();
    assert_eq!(data.lower_barcode.as_deref(), Some("23024930500000"));
}

#[test]
fn imports_list_responses() {
    let item: serde_json::Value = serde_json::from_str(V4).unwrap();
    let v3_list =
        json!({ "result": { "postings": [item.clone(), item.clone()], "has_next": false } });
    assert_eq!(import_postings(v3_list).unwrap().len(), 2);
    let v4_list = json!({ "postings": [item.clone()], "cursor": "abc", "has_next": false });
    assert_eq!(import_postings(v4_list).unwrap().len(), 1);
    assert_eq!(import_postings(json!([item.clone()])).unwrap().len(), 1);
    assert_eq!(import_postings(item.clone()).unwrap().len(), 1);
    // A `/v3/posting/fbs/get` response is one posting, as `importPosting` reads it.
    assert_eq!(import_postings_str(V3).unwrap(), [v3()]);
    // The list is named `postings` even when it is a bare array.
    let many = format!("[{}]", vec!["0"; MAX_POSTINGS + 1].join(","));
    assert!(matches!(
        import_postings_str(&many).unwrap_err(),
        OrderError::InvalidField { field, .. } if field == "postings"
    ));
    let mut bad = item.clone();
    bad.as_object_mut().unwrap().remove("status");
    let err = import_postings(json!({ "postings": [item, bad] })).unwrap_err();
    assert_eq!(err.code(), "POSTING_MISSING_FIELD");
    assert_eq!(
        err,
        OrderError::InList {
            index: 1,
            error: Box::new(OrderError::MissingField {
                field: "postings[1].status".into()
            })
        }
    );
}

fn walk(mut order: Order, events: &[serde_json::Value]) -> Order {
    for e in events {
        order = apply(&order, ev(e.clone())).unwrap_or_else(|err| panic!("{e}: {err}"));
    }
    order
}

#[test]
fn walks_from_import_to_delivered() {
    let o = walk(
        v3(),
        &[
            json!({ "type": "markPrepared", "at": "2026-11-27T09:30:00Z" }),
            json!({ "type": "registered", "at": "2026-11-27T09:31:00Z", "trackingNumber": "TRK1",
                    "barcodes": { "upper": "%101%806044518", "lower": "23024930500000" } }),
            json!({ "type": "printLabel", "at": "2026-11-27T09:32:00Z" }),
            json!({ "type": "pack", "at": "2026-11-27T09:40:00Z", "packing": packing() }),
            json!({ "type": "handOver", "at": "2026-11-27T12:00:00Z", "actNumber": "A-77", "collectionPoint": "СЦ Хоругвино" }),
            json!({ "type": "acceptedByCarrier", "at": "2026-11-27T13:00:00Z" }),
            json!({ "type": "delivered", "at": "2026-11-29T13:00:00Z" }),
        ],
    );
    assert_eq!(o.status, Status::Delivered);
    assert_eq!(o.history.len(), 7);
    assert_eq!(o.hand_over.as_ref().unwrap().act_number, "A-77");
    assert_eq!(seller_tab(&o), SellerTab::Delivered);
    assert!(available_events(&o)
        .iter()
        .all(|e| *e == EventType::StatusUpdate));
    assert_eq!(replay(&o).unwrap(), o);
}

#[test]
fn rejected_dispute_reship_then_delivered() {
    let shipped = walk(
        v4(),
        &[
            json!({ "type": "printLabel", "at": "2026-11-27T09:32:00Z" }),
            json!({ "type": "pack", "at": "2026-11-27T09:40:00Z", "packing": packing() }),
            json!({ "type": "handOver", "at": "2026-11-27T12:00:00Z", "actNumber": "A-1", "collectionPoint": "ПВЗ" }),
        ],
    );
    assert_eq!(seller_tab(&shipped), SellerTab::HandedOver);
    let rejected = walk(
        shipped,
        &[json!({ "type": "rejectedBySortingCenter", "at": "2026-11-28T09:00:00Z" })],
    );
    assert_eq!(rejected.status, Status::NotAccepted);
    assert_eq!(seller_tab(&rejected), SellerTab::Disputed);
    let disputed = walk(
        rejected,
        &[json!({ "type": "openDispute", "at": "2026-11-28T10:00:00Z", "comment": "act A-1" })],
    );
    assert_eq!(disputed.status, Status::Arbitration);
    let again = walk(
        disputed,
        &[
            json!({ "type": "disputeResolved", "at": "2026-11-29T10:00:00Z", "outcome": "reship" }),
            json!({ "type": "reship", "at": "2026-11-29T11:00:00Z" }),
        ],
    );
    assert_eq!(again.status, Status::AwaitingDeliver);
    assert_eq!(seller_tab(&again), SellerTab::ReadyToShip);
    assert!(
        again.progress.registered && !again.progress.label_printed && !again.progress.handed_over
    );
    assert_eq!(
        again.dispute.as_ref().unwrap().outcome,
        Some(DisputeOutcome::Reship)
    );
    // The new parcel needs a new label before hand-over.
    let err = apply(&again, sample_event(EventType::HandOver)).unwrap_err();
    assert_eq!(err.code(), "LABEL_NOT_PRINTED");
    assert_eq!(replay(&again).unwrap(), again);
}

#[test]
fn key_rules_have_precise_codes() {
    let prepared = walk(
        v3(),
        &[json!({ "type": "markPrepared", "at": "2026-11-27T09:30:00Z" })],
    );
    assert_eq!(
        apply(&prepared, sample_event(EventType::PrintLabel))
            .unwrap_err()
            .code(),
        "ORDER_NOT_REGISTERED"
    );
    let err = apply(&v3(), sample_event(EventType::OpenDispute)).unwrap_err();
    assert_eq!(err.code(), "TRANSITION_NOT_ALLOWED");
    assert_eq!(
        err,
        OrderError::NotAllowed {
            status: "awaiting_packaging".into(),
            event: EventType::OpenDispute,
            refusal: Refusal::WrongStatus
        }
    );
    let labelled = walk(
        v4(),
        &[json!({ "type": "printLabel", "at": "2026-11-27T09:32:00Z" })],
    );
    assert_eq!(
        apply(&labelled, sample_event(EventType::HandOver))
            .unwrap_err()
            .code(),
        "ORDER_NOT_PACKED"
    );
}

#[test]
fn cancel_reason_402_needs_a_message() {
    let err = apply(
        &v3(),
        ev(json!({ "type": "cancel", "at": "2026-11-27T09:30:00Z", "reasonId": 402 })),
    )
    .unwrap_err();
    assert_eq!(err.code(), "EVENT_INVALID");
    assert!(matches!(&err, OrderError::InvalidEvent { field, .. } if field == "message"));
    let ok = apply(&v3(), ev(json!({ "type": "cancel", "at": "2026-11-27T09:30:00Z", "reasonId": 402, "message": "покупатель передумал" }))).unwrap();
    assert_eq!(ok.status, Status::Cancelled);
    assert_eq!(ok.cancellation.unwrap().by, Actor::Seller);
}

#[test]
fn a_dispute_is_resolved_once_and_only_in_a_way_that_applies() {
    let at = "2026-11-27T09:30:00Z";
    let mut rejected = v3();
    rejected.status = Status::NotAccepted;
    let disputed = walk(
        rejected,
        &[json!({ "type": "openDispute", "at": at, "comment": "act A-1" })],
    );
    let resolved = walk(
        disputed,
        &[json!({ "type": "disputeResolved", "at": at, "outcome": "reship" })],
    );
    let again = ev(json!({ "type": "disputeResolved", "at": at, "outcome": "found" }));
    assert_eq!(
        apply(&resolved, again.clone()).unwrap_err().code(),
        "DISPUTE_ALREADY_RESOLVED"
    );
    assert!(!available_events(&resolved).contains(&EventType::DisputeResolved));
    // A dispute Ozon reports later (a customer's) may be resolved anew.
    let customer_dispute = walk(
        resolved.clone(),
        &[json!({ "type": "statusUpdate", "at": at, "status": "client_arbitration" })],
    );
    assert!(available_events(&customer_dispute).contains(&EventType::DisputeResolved));
    assert!(apply(&customer_dispute, again).is_ok());
    // What follows the resolution still does.
    let shipped = walk(resolved, &[json!({ "type": "reship", "at": at })]);
    assert_eq!(shipped.status, Status::AwaitingDeliver);
    // A customer's dispute has nothing to ship again.
    let mut customer = v3();
    customer.status = Status::ClientArbitration;
    let reship = ev(json!({ "type": "disputeResolved", "at": at, "outcome": "reship" }));
    assert_eq!(
        apply(&customer, reship).unwrap_err().code(),
        "EVENT_INVALID"
    );
}

#[test]
fn barcodes_may_follow_a_registration_by_tracking_number_alone() {
    let at = "2026-11-27T09:30:00Z";
    let prepared = walk(v3(), &[json!({ "type": "markPrepared", "at": at })]);
    let tracked = walk(
        prepared,
        &[
            json!({ "type": "registered", "at": at, "trackingNumber": "TRK1" }),
            json!({ "type": "printLabel", "at": at }),
        ],
    );
    assert!(tracked.progress.registered && tracked.barcodes.upper.is_none());
    // A second registration must bring what is missing.
    let again = ev(json!({ "type": "registered", "at": at, "trackingNumber": "TRK2" }));
    let err = apply(&tracked, again).unwrap_err();
    assert!(
        matches!(&err, OrderError::InvalidEvent { field, .. } if field == "barcodes.upper"),
        "{err:?}"
    );
    let barcodes = json!({ "upper": "%101%806044518", "lower": "23024930500000" });
    let full = apply(
        &tracked,
        ev(json!({ "type": "registered", "at": at, "barcodes": barcodes })),
    )
    .unwrap();
    assert_eq!(full.barcodes.upper.as_deref(), Some("%101%806044518"));
    assert_eq!(full.tracking_number.as_deref(), Some("TRK1"));
    // The label printed before carried the posting number where warehouses scan: print it again.
    assert!(!full.progress.label_printed);
    // Now it is registered for good.
    let third = ev(json!({ "type": "registered", "at": at, "barcodes": barcodes }));
    assert_eq!(
        apply(&full, third.clone()).unwrap_err().code(),
        "ORDER_ALREADY_REGISTERED"
    );
    // Once handed over, the label on the parcel is final: no barcodes come after.
    let handed = walk(
        tracked,
        &[
            json!({ "type": "pack", "at": at, "packing": packing() }),
            json!({ "type": "handOver", "at": at, "actNumber": "A-1", "collectionPoint": "ПВЗ" }),
        ],
    );
    assert!(!available_events(&handed).contains(&EventType::Registered));
    assert_eq!(
        apply(&handed, third).unwrap_err().code(),
        "ORDER_ALREADY_HANDED_OVER"
    );
}

#[test]
fn event_data_is_validated() {
    let at = "2026-11-27T09:30:00Z";
    let registered_without_ids =
        ev(json!({ "type": "registered", "at": at, "trackingNumber": " " }));
    let prepared = walk(v3(), &[json!({ "type": "markPrepared", "at": at })]);
    assert_eq!(
        apply(&prepared, registered_without_ids).unwrap_err().code(),
        "EVENT_INVALID"
    );
    // A barcode no label can encode (a Cyrillic `О` typed for a zero) is refused where it is typed.
    for (field, barcodes) in [
        ("barcodes.upper", json!({ "upper": "%101%8О6044518" })),
        (
            "barcodes.lower",
            json!({ "upper": "%101%806044518", "lower": "1234567890123€" }),
        ),
    ] {
        let err = apply(
            &prepared,
            ev(json!({ "type": "registered", "at": at, "barcodes": barcodes })),
        )
        .unwrap_err();
        assert_eq!(err.code(), "EVENT_INVALID");
        assert!(
            matches!(&err, OrderError::InvalidEvent { field: f, reason, .. } if f == field && reason.contains("Code 128")),
            "{err:?}"
        );
    }
    let good = json!({ "upper": "%101%806044518", "lower": "12345678901234" });
    assert!(apply(
        &prepared,
        ev(json!({ "type": "registered", "at": at, "barcodes": good }))
    )
    .is_ok());
    let mut bad_packing = packing();
    bad_packing["package"]["weightG"] = json!(-5);
    let err = apply(
        &prepared,
        ev(json!({ "type": "pack", "at": at, "packing": bad_packing })),
    )
    .unwrap_err();
    assert!(
        matches!(&err, OrderError::InvalidEvent { field, .. } if field == "packing.package.weightG"),
        "{err:?}"
    );
    let labelled = walk(
        v4(),
        &[
            json!({ "type": "printLabel", "at": at }),
            json!({ "type": "pack", "at": at, "packing": packing() }),
        ],
    );
    let err = apply(
        &labelled,
        ev(json!({ "type": "handOver", "at": at, "actNumber": "", "collectionPoint": "x" })),
    )
    .unwrap_err();
    assert!(matches!(&err, OrderError::InvalidEvent { field, .. } if field == "actNumber"));
    assert!(crate::json::from_value::<Event>(json!({ "type": "teleport", "at": at })).is_err());
    assert!(
        crate::json::from_value::<Event>(json!({ "type": "printLabel", "at": "noon" })).is_err()
    );
}

#[test]
fn package_split_must_cover_every_item() {
    let at = "2026-11-27T09:30:00Z";
    let split = |packages: serde_json::Value| {
        apply(
            &v3(),
            ev(json!({ "type": "markPrepared", "at": at, "packages": packages })),
        )
    };
    let ok = split(json!([
        { "products": [{ "sku": 140048123, "quantity": 1 }] },
        { "products": [{ "sku": 150211876, "quantity": 2 }] }
    ]))
    .unwrap();
    assert_eq!(ok.prepared.unwrap().packages.unwrap().len(), 2);
    let short = split(json!([{ "products": [{ "sku": 140048123, "quantity": 1 }] }])).unwrap_err();
    assert_eq!(short.code(), "EVENT_INVALID");
    let stranger = split(json!([{ "products": [{ "sku": 1, "quantity": 1 }] }])).unwrap_err();
    assert!(
        matches!(&stranger, OrderError::InvalidEvent { field, .. } if field == "packages[0].products[0].sku")
    );
}

#[test]
fn push_substatus_lands_on_its_status() {
    let at = "2026-11-27T09:30:00Z";
    let o = apply(
        &v4(),
        ev(json!({ "type": "statusUpdate", "at": at, "substatus": "posting_canceled" })),
    )
    .unwrap();
    assert_eq!(o.status, Status::Cancelled);
    assert_eq!(o.cancellation.as_ref().unwrap().by, Actor::Platform);
    // Terminal stays terminal: a later update to another status is refused, a substatus refinement is not.
    let err = apply(
        &o,
        ev(json!({ "type": "statusUpdate", "at": at, "status": "delivering" })),
    )
    .unwrap_err();
    assert_eq!(err.code(), "ORDER_CLOSED");
    let unknown = apply(
        &v4(),
        ev(json!({ "type": "statusUpdate", "at": at, "substatus": "posting_teleported" })),
    )
    .unwrap();
    assert_eq!(unknown.status, Status::AwaitingDeliver);
    assert_eq!(unknown.substatus.as_deref(), Some("posting_teleported"));
}

#[test]
fn deadlines() {
    let o = v3(); // shipment_date 2026-11-27T14:00:00Z
    let at = |s: &str| Timestamp::parse(s).unwrap();
    let d = deadline(&o, &at("2026-11-27T10:00:00Z"), DeadlineOptions::default());
    assert_eq!((d.state, d.minutes_left), (DeadlineState::OnTime, 240));
    let d = deadline(&o, &at("2026-11-27T12:30:00Z"), DeadlineOptions::default());
    assert_eq!((d.state, d.minutes_left), (DeadlineState::DueSoon, 90));
    let d = deadline(
        &o,
        &at("2026-11-27T12:30:00Z"),
        DeadlineOptions {
            due_soon_minutes: 60,
        },
    );
    assert_eq!(d.state, DeadlineState::OnTime);
    let d = deadline(&o, &at("2026-11-27T14:00:30Z"), DeadlineOptions::default());
    assert_eq!((d.state, d.minutes_left), (DeadlineState::Overdue, -1));
    // Ozon moves the shipment date (TYPE_CUTOFF_DATE_CHANGED): the deadline follows, and replay
    // comes out the same.
    let moved = apply(
        &o,
        ev(json!({ "type": "statusUpdate", "at": "2026-11-27T13:00:00Z", "shipmentDate": "2026-11-28T14:00:00Z" })),
    )
    .unwrap();
    assert_eq!(moved.status, o.status);
    let d = deadline(
        &moved,
        &at("2026-11-27T14:00:30Z"),
        DeadlineOptions::default(),
    );
    assert_eq!((d.state, d.minutes_left), (DeadlineState::OnTime, 1439));
    assert_eq!(replay(&moved).unwrap(), moved);
    let nothing = ev(json!({ "type": "statusUpdate", "at": "2026-11-27T13:00:00Z" }));
    assert_eq!(apply(&o, nothing).unwrap_err().code(), "EVENT_INVALID");
    // After assembly Ozon's moved dates are to be ignored: refused, naming the field.
    let prepared = walk(
        o.clone(),
        &[json!({ "type": "markPrepared", "at": "2026-11-27T12:00:00Z" })],
    );
    let late = ev(
        json!({ "type": "statusUpdate", "at": "2026-11-27T13:00:00Z", "shipmentDate": "2026-11-28T14:00:00Z" }),
    );
    let err = apply(&prepared, late).unwrap_err();
    assert!(
        matches!(&err, OrderError::InvalidEvent { field, .. } if field == "shipmentDate"),
        "{err:?}"
    );
    let delivered = Order {
        status: Status::Delivered,
        ..o
    };
    assert_eq!(
        deadline(
            &delivered,
            &at("2026-12-27T14:00:30Z"),
            DeadlineOptions::default()
        )
        .state,
        DeadlineState::NotApplicable
    );
}

#[test]
fn replay_catches_hand_edits() {
    let mut o = walk(
        v4(),
        &[json!({ "type": "printLabel", "at": "2026-11-27T09:32:00Z" })],
    );
    o.progress.packed = true;
    assert_eq!(
        replay(&o).unwrap_err(),
        OrderError::ReplayMismatch {
            field: "progress".into()
        }
    );
}

fn any_event() -> impl Strategy<Value = Event> {
    let kinds = prop::sample::select(EventType::ALL.to_vec());
    let statuses = prop::sample::select(vec![
        "awaiting_packaging",
        "awaiting_deliver",
        "delivering",
        "not_accepted",
        "arbitration",
        "delivered",
        "cancelled",
        "ship_in_process",
        "",
    ]);
    (kinds, statuses, 0u32..500, any::<bool>(), 0i64..100_000).prop_map(
        |(kind, status, reason, flag, minute)| {
            let at = format!(
                "2026-11-27T{:02}:{:02}:00Z",
                (minute / 60) % 24,
                minute % 60
            );
            let mut e = serde_json::to_value(sample_event(kind)).unwrap();
            e["at"] = json!(at);
            match kind {
                EventType::StatusUpdate if status.is_empty() => {
                    e.as_object_mut().unwrap().remove("status");
                    e["substatus"] = json!("posting_in_pickup_point");
                }
                EventType::StatusUpdate => e["status"] = json!(status),
                EventType::Cancel => {
                    e["reasonId"] = json!(reason);
                    if flag {
                        e["message"] = json!("причина");
                    }
                }
                EventType::DisputeResolved => {
                    e["outcome"] = json!(["found", "reship", "cancelled"][reason as usize % 3])
                }
                EventType::Registered if flag => {
                    e.as_object_mut().unwrap().remove("trackingNumber");
                }
                _ => {}
            }
            crate::json::from_value(e).unwrap()
        },
    )
}

proptest! {
    #[test]
    fn random_event_sequences_never_panic_and_replay(events in prop::collection::vec(any_event(), 0..40), start in 0usize..2) {
        let mut order = if start == 0 { v3() } else { v4() };
        let mut closed_status = None;
        for event in events {
            let kind = event.event_type();
            match apply(&order, event) {
                Ok(next) => {
                    prop_assert!(check(&order, kind).is_ok());
                    prop_assert_eq!(next.history.len(), order.history.len() + 1);
                    order = next;
                }
                Err(e) => prop_assert!(!e.code().is_empty()),
            }
            if let Some(closed) = &closed_status {
                prop_assert_eq!(&order.status, closed, "terminal states stay terminal");
            } else if order.status.is_terminal() {
                closed_status = Some(order.status.clone());
            }
        }
        prop_assert_eq!(replay(&order).unwrap(), order.clone());
        let json = crate::json::to_json(&order);
        // What `renderLabel` reads of an order's JSON is what the Rust API borrows from the order,
        // also when `JSON.stringify` writes only `LABEL_SOURCE_KEYS`.
        let source = crate::label::label_source(&order);
        prop_assert_eq!(
            &crate::json::from_json::<crate::label::LabelSource>(&json).unwrap(),
            &source
        );
        let keyed =
            only_keys(serde_json::from_str(&json).unwrap(), crate::label::LABEL_SOURCE_KEYS).to_string();
        prop_assert_eq!(
            &crate::json::from_json::<crate::label::LabelSource>(&keyed).unwrap(),
            &source
        );
        prop_assert_eq!(crate::json::from_json::<Order>(&json).unwrap(), order);
    }
}

/// `value` as `JSON.stringify(value, keys)` writes it: objects at every depth keep only `keys`.
fn only_keys(value: serde_json::Value, keys: &[&str]) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(key, _)| keys.contains(&key.as_str()))
            .map(|(key, value)| (key, only_keys(value, keys)))
            .collect(),
        serde_json::Value::Array(items) => items.into_iter().map(|v| only_keys(v, keys)).collect(),
        other => other,
    }
}

/// Text from anywhere: hostile, long, or any string.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "<b>&amp;",
            "]]>",
            "\u{0}\u{1b}",
            "\u{202e}x",
            "👩‍👩‍👧",
            "e\u{301}\u{302}",
            "%101%806044518",
            "\u{fffd}",
        ])
        .prop_map(str::to_owned),
        ".{0,40}",
        (0usize..1100).prop_map(|n| "я".repeat(n)),
    ]
}

/// An event as JS might send it: a known or unknown type, a valid or invalid time, fields with any
/// text and numbers, sometimes a field too many.
fn any_event_json() -> impl Strategy<Value = serde_json::Value> {
    let kind = prop_oneof![
        4 => prop::sample::select(EventType::ALL.to_vec()).prop_map(|k| k.as_str().to_owned()),
        1 => any_text(),
    ];
    let at = prop::sample::select(vec![
        "2026-11-27T10:00:00Z",
        "2026-11-27T13:00:00+03:00",
        "9999-12-31T23:59:59Z",
        "2026-13-01T00:00:00Z",
        "later",
    ]);
    let statuses = prop::sample::select(vec![
        "delivered",
        "cancelled",
        "awaiting_deliver",
        "not_accepted",
        "arbitration",
        "x",
    ]);
    (
        kind,
        at,
        any_text(),
        any_text(),
        statuses,
        any::<u32>(),
        any::<bool>(),
    )
        .prop_map(|(kind, at, a, b, status, n, flag)| {
            let mut e = json!({ "type": kind, "at": at });
            let fields: &[(&str, serde_json::Value)] = &[
                ("trackingNumber", json!(a)),
                ("barcodes", json!({ "upper": b, "lower": a })),
                (
                    "packing",
                    if flag {
                        packing()
                    } else {
                        json!({ "package": a })
                    },
                ),
                ("actNumber", json!(a)),
                ("collectionPoint", json!(b)),
                ("reason", json!(a)),
                ("comment", json!(b)),
                (
                    "outcome",
                    json!(["found", "reship", "cancelled", "lost"][n as usize % 4]),
                ),
                ("reasonId", json!(n % 1000)),
                ("message", json!(b)),
                ("status", json!(status)),
                ("substatus", json!(a)),
            ];
            // Each field goes on about half the events; unknown fields are refused by `type`.
            for (i, (name, value)) in fields.iter().enumerate() {
                if (n >> (i % 32)) & 1 == 1 {
                    e[*name] = value.clone();
                }
            }
            e
        })
}

proptest! {
    /// Events straight from untrusted JSON: each one is unreadable, refused with a code, or applied;
    /// after every applied event, replaying the whole history from the imported state gives the same
    /// order (not only at the end, as in `random_event_sequences_never_panic_and_replay`).
    #[test]
    fn untrusted_event_json_never_panics_and_every_prefix_replays(
        events in prop::collection::vec(any_event_json(), 0..30),
        start in 0usize..2,
    ) {
        let mut order = if start == 0 { v3() } else { v4() };
        for json in events {
            let Ok(event) = crate::json::from_value::<Event>(json) else { continue };
            let kind = event.event_type();
            let listed = available_events(&order).contains(&kind);
            match apply(&order, event) {
                Ok(next) => {
                    prop_assert!(listed, "{} applied but not listed", kind);
                    prop_assert_eq!(&replay(&next).unwrap(), &next);
                    order = next;
                }
                // Refused as not allowed exactly when availableEvents leaves it out.
                Err(e) => prop_assert_eq!(matches!(e, OrderError::NotAllowed { .. }), !listed, "{}: {}", kind, e),
            }
        }
    }

    /// A closed order refuses every event with `ORDER_CLOSED`, except status updates that keep its
    /// status (a substatus refinement such as delivered → received).
    #[test]
    fn terminal_orders_refuse_everything_but_refinements(
        closing in prop::sample::select(vec![
            json!({ "type": "cancel", "at": "2026-11-27T10:00:00Z", "reasonId": 352 }),
            json!({ "type": "cancelledByPlatform", "at": "2026-11-27T10:00:00Z" }),
            json!({ "type": "statusUpdate", "at": "2026-11-27T10:00:00Z", "status": "delivered" }),
            json!({ "type": "statusUpdate", "at": "2026-11-27T10:00:00Z", "substatus": "posting_canceled" }),
        ]),
        events in prop::collection::vec(prop_oneof![any_event().prop_map(Ok), any_event_json().prop_map(Err)], 1..20),
    ) {
        let closed = apply(&v4(), ev(closing)).unwrap();
        prop_assert!(closed.status.is_terminal());
        let mut order = closed.clone();
        for event in events {
            let event = match event {
                Ok(event) => event,
                Err(json) => match crate::json::from_value::<Event>(json) {
                    Ok(event) => event,
                    Err(_) => continue,
                },
            };
            let kind = event.event_type();
            match apply(&order, event) {
                Ok(next) => {
                    prop_assert_eq!(kind, EventType::StatusUpdate);
                    prop_assert_eq!(&next.status, &closed.status);
                    order = next;
                }
                Err(e) if kind != EventType::StatusUpdate => prop_assert_eq!(e.code(), "ORDER_CLOSED"),
                // A status update that would move a closed order, or one whose data is bad.
                Err(e) => prop_assert!(matches!(e.code(), "ORDER_CLOSED" | "EVENT_INVALID"), "{}", e),
            }
        }
    }

    /// Import is deterministic and lossless: any posting that imports gives an order whose JSON reads
    /// back as the same order, and which replays (with its empty history) to itself.
    #[test]
    fn imported_orders_round_trip_through_json(
        number in any_text(),
        status in prop::sample::select(vec!["awaiting_packaging", "awaiting_deliver", "delivered", "ship_in_process", ""]),
        name in any_text(),
        quantity in 0u32..5,
        price in prop_oneof![
            any::<f64>().prop_map(|f| json!(f)),
            any_text().prop_map(|s| json!(s)),
            (any::<f64>(), any_text()).prop_map(|(a, c)| json!({ "amount": a, "currency": c })),
        ],
        sku in prop_oneof![any::<u64>().prop_map(|n| json!(n)), any_text().prop_map(|s| json!(s))],
        shipment in prop::sample::select(vec!["2026-11-28T08:00:00+03:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "x"]),
        upper in prop::option::of(any_text()),
    ) {
        let posting = json!({
            "posting_number": number, "status": status, "shipment_date": shipment,
            "products": [{ "sku": sku, "name": name, "quantity": quantity, "price": price }],
            "barcodes": { "upper_barcode": upper },
        });
        let first = import_posting(posting.clone());
        prop_assert_eq!(&first, &import_posting(posting));
        if let Ok(order) = first {
            let text = crate::json::to_json(&order);
            prop_assert_eq!(&crate::json::from_json::<Order>(&text).unwrap(), &order);
            prop_assert_eq!(&replay(&order).unwrap(), &order);
        }
    }
}

#[test]
fn posting_json_sizes_are_bounded() {
    let big = format!(
        r#"{{"posting_number":"1-1","pad":"{}"}}"#,
        "x".repeat(MAX_POSTING_BYTES)
    );
    let e = import_posting_str(&big).unwrap_err();
    assert_eq!(e.code(), "POSTING_TOO_LARGE");
    assert!(
        matches!(e, OrderError::TooLarge { ref field, max, .. } if field == "posting" && max == MAX_POSTING_BYTES)
    );
    // Inside a list each posting is measured on its own, as compact JSON.
    let mut item: serde_json::Value = serde_json::from_str(V4).unwrap();
    item["pad"] = json!("x".repeat(MAX_POSTING_BYTES));
    let list =
        json!({ "postings": [serde_json::from_str::<serde_json::Value>(V4).unwrap(), item] });
    let e = import_postings(list.clone()).unwrap_err();
    assert!(
        matches!(&e, OrderError::InList { index: 1, error } if matches!(error.as_ref(), OrderError::TooLarge { field, .. } if field == "postings[1]")),
        "{e:?}"
    );
    let text = serde_json::to_string(&list).unwrap();
    assert_eq!(import_postings_str(&text).unwrap_err(), e);
    let huge = format!("[{}]", vec![V4; MAX_LIST_BYTES / V4.len() + 1].join(","));
    let e = import_postings_str(&huge).unwrap_err();
    assert!(
        matches!(e, OrderError::TooLarge { ref field, max, .. } if field == "postings" && max == MAX_LIST_BYTES)
    );
    // Exactly at the limits still imports; a byte more does not (padding is JSON whitespace).
    let padded = |open: &str, close: &str, len: usize| {
        let mut text = format!("{open}{V4}");
        text.push_str(&" ".repeat(len - text.len() - close.len()));
        text.push_str(close);
        text
    };
    assert!(import_postings_str(&padded("[", "]", MAX_LIST_BYTES)).is_ok());
    assert_eq!(
        import_postings_str(&padded("[", "]", MAX_LIST_BYTES + 1))
            .unwrap_err()
            .code(),
        "POSTING_TOO_LARGE"
    );
    assert!(import_posting_str(&padded("", "", MAX_POSTING_BYTES)).is_ok());
    assert_eq!(
        import_posting_str(&padded("", "", MAX_POSTING_BYTES + 1))
            .unwrap_err()
            .code(),
        "POSTING_TOO_LARGE"
    );
}

#[test]
fn history_length_is_bounded() {
    let mut order = v4();
    let refine = ev(
        json!({ "type": "statusUpdate", "at": "2026-11-27T10:00:00Z", "substatus": "posting_in_carriage" }),
    );
    for _ in 0..MAX_HISTORY {
        order = apply(&order, refine.clone()).unwrap();
    }
    assert_eq!(replay(&order).unwrap(), order);
    let e = apply(&order, refine.clone()).unwrap_err();
    assert_eq!(e.code(), "ORDER_HISTORY_TOO_LONG");
    order.history.push(refine);
    assert_eq!(replay(&order).unwrap_err().code(), "ORDER_HISTORY_TOO_LONG");
}

/// An order ready for hand-over but for its packing: registered, label printed.
fn labelled() -> Order {
    walk(
        v4(),
        &[json!({ "type": "printLabel", "at": "2026-11-27T09:32:00Z" })],
    )
}

fn pack_and_hand_over(packing: serde_json::Value) -> Result<Order, OrderError> {
    let packed = apply(
        &labelled(),
        ev(json!({ "type": "pack", "at": "2026-11-27T09:40:00Z", "packing": packing })),
    )?;
    apply(&packed, sample_event(EventType::HandOver))
}

#[test]
fn the_table_sample_packing_passes_validation() {
    let p: crate::packing::Packing = crate::json::from_value(packing()).unwrap();
    let found = crate::packing::validate_packing(
        &v3(),
        &p,
        &crate::packing::PackingProfile::standard(),
        &crate::packing::label_barcode_areas(&v3(), &p),
    )
    .unwrap();
    assert_eq!(found, []);
}

#[test]
fn hand_over_with_a_good_packing_works() {
    let o = pack_and_hand_over(packing()).unwrap();
    assert!(o.progress.handed_over);
    // Warnings do not block: glossy stock on the front face (turned to fit) still goes.
    let mut warned = packing();
    warned["labelSurface"] = json!("glossy");
    warned["labels"][0] = json!({ "widthMm": 75, "heightMm": 120, "face": "front", "xMm": 100, "yMm": -10, "rotationDeg": 90 });
    assert!(pack_and_hand_over(warned).unwrap().progress.handed_over);
}

#[test]
fn hand_over_with_a_bad_packing_is_refused_with_the_violation_codes() {
    let mut bad = packing();
    bad["printMethod"] = json!("inkjet");
    bad["package"]["color"] = json!("чёрный");
    bad["labelSurface"] = json!("glossy"); // a warning: not listed
    bad["tape"] = json!([{ "xMm": 40, "yMm": 0, "widthMm": 5, "heightMm": 60 }]);
    let err = pack_and_hand_over(bad).unwrap_err();
    assert_eq!(err.code(), "PACKING_VIOLATIONS");
    let details: serde_json::Value =
        serde_json::from_str(&crate::FbsError::from(err.clone()).details_json()).unwrap();
    assert_eq!(details["kind"], "packingViolations");
    assert_eq!(
        details["codes"],
        json!([
            "BLACK_PACKAGING",
            "PRINT_METHOD_NOT_THERMAL",
            "TAPE_OVER_BARCODE"
        ])
    );
    assert_eq!(details["violations"][0]["severity"], "error");
    assert_eq!(details["violations"][0]["field"], "package.color");
    assert!(details["violations"][0]["message"]["ru"].is_string());
    assert_eq!(
        err.to_string(),
        "The parcel cannot be handed over: its packing breaks BLACK_PACKAGING, PRINT_METHOD_NOT_THERMAL, TAPE_OVER_BARCODE."
    );
    // A label of a size no Ozon profile uses blocks too (the 58 × 40 label is judged by its own profile).
    let mut odd = packing();
    odd["labels"][0]["widthMm"] = json!(100);
    odd["labels"][0]["heightMm"] = json!(150);
    let err = pack_and_hand_over(odd).unwrap_err();
    assert!(
        matches!(&err, OrderError::PackingViolations { codes, .. } if codes == &[crate::packing::ViolationCode::LabelSizeMismatch]),
        "{err:?}"
    );
}

#[test]
fn a_hand_edited_malformed_packing_is_an_invalid_field() {
    let mut o = apply(
        &labelled(),
        ev(json!({ "type": "pack", "at": "2026-11-27T09:40:00Z", "packing": packing() })),
    )
    .unwrap();
    if let Some(p) = o.packing.as_mut() {
        p.labels[0].width_mm = f64::NAN;
    }
    let err = apply(&o, sample_event(EventType::HandOver)).unwrap_err();
    assert_eq!(
        err,
        OrderError::InvalidField {
            field: "packing.labels[0].widthMm".into(),
            reason: "must be a finite number".into()
        }
    );
}

fn order_at(posting: &str, warehouse: (u64, &str), shipment: &str, status: &str) -> Order {
    let mut v: serde_json::Value = serde_json::from_str(V4).unwrap();
    v["posting_number"] = json!(posting);
    v["delivery_method"]["warehouse_id"] = json!(warehouse.0);
    v["delivery_method"]["warehouse"] = json!(warehouse.1);
    v["shipment_date"] = json!(shipment);
    v["status"] = json!(status);
    import_posting(v).unwrap()
}

#[test]
fn drop_off_plan_groups_by_warehouse_and_day() {
    let kazan = (22, "Казань Главный");
    let moscow = (7, "Москва Север");
    let orders = [
        // Kazan, 28 Nov (+03:00): one late, one due within 2 h, one later that day.
        order_at(
            "1-1",
            kazan,
            "2026-11-28T08:00:00+03:00",
            "awaiting_deliver",
        ),
        order_at(
            "1-2",
            kazan,
            "2026-11-28T06:30:00+03:00",
            "awaiting_packaging",
        ),
        order_at(
            "1-3",
            kazan,
            "2026-11-28T18:00:00+03:00",
            "awaiting_deliver",
        ),
        // 23:30 on the 28th at +03:00 is 20:30Z: still the 28th in its own offset.
        order_at(
            "1-4",
            kazan,
            "2026-11-28T23:30:00+03:00",
            "awaiting_deliver",
        ),
        // 01:00 on the 29th at +03:00 is 22:00Z on the 28th: the 29th in its own offset.
        order_at(
            "1-5",
            kazan,
            "2026-11-29T01:00:00+03:00",
            "awaiting_deliver",
        ),
        // Moscow, 28 Nov.
        order_at("2-1", moscow, "2026-11-28T05:00:00Z", "awaiting_deliver"),
        // Not the seller's to ship any more: left out.
        order_at("3-1", kazan, "2026-11-28T08:00:00+03:00", "delivering"),
        order_at("3-2", kazan, "2026-11-28T08:00:00+03:00", "cancelled"),
    ];
    let now = Timestamp::parse("2026-11-28T04:00:00Z").unwrap(); // 07:00 in Kazan
    let plan = drop_off_plan(&orders, &now, DropOffOptions::default());
    let summary: Vec<(String, String, Vec<String>, u32, u32)> = plan
        .groups
        .iter()
        .map(|g| {
            (
                g.warehouse.clone(),
                g.date.clone(),
                g.posting_numbers.clone(),
                g.late,
                g.due_soon,
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        [
            // Earliest shipment first: Kazan's 06:30+03:00 (03:30Z) before Moscow's 05:00Z.
            (
                "Казань Главный".into(),
                "2026-11-28".into(),
                s(&["1-2", "1-1", "1-3", "1-4"]),
                1,
                1
            ),
            (
                "Москва Север".into(),
                "2026-11-28".into(),
                s(&["2-1"]),
                0,
                1
            ),
            (
                "Казань Главный".into(),
                "2026-11-29".into(),
                s(&["1-5"]),
                0,
                0
            ),
        ]
    );
    assert_eq!(plan.groups[0].warehouse_id, Some(22));
    assert_eq!(
        plan.groups[0].first_shipment_date.as_str(),
        "2026-11-28T06:30:00+03:00"
    );
    // A wider window counts more as due soon; a narrow one fewer.
    let wide = drop_off_plan(
        &orders,
        &now,
        DropOffOptions {
            window_minutes: 24 * 60,
            ..Default::default()
        },
    );
    assert_eq!(wide.groups[0].due_soon, 3);
    assert_eq!(wide.groups[2].due_soon, 1);
    let narrow = drop_off_plan(
        &orders,
        &now,
        DropOffOptions {
            window_minutes: 30,
            ..Default::default()
        },
    );
    assert_eq!(narrow.groups[0].due_soon, 0);
    assert_eq!(narrow.groups[1].due_soon, 0);
    assert_eq!(
        drop_off_plan(&[], &now, DropOffOptions::default()).groups,
        []
    );
    // Plain camelCase data.
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["groups"][1]["postingNumbers"], json!(["2-1"]));
    assert_eq!(json["groups"][1]["dueSoon"], 1);
    assert_eq!(
        json["groups"][1]["firstShipmentDate"],
        "2026-11-28T05:00:00Z"
    );
    assert_eq!(
        crate::json::from_value::<DropOffOptions>(json!({})).unwrap(),
        DropOffOptions {
            window_minutes: 120,
            utc_offset_minutes: None
        }
    );
    // The seller's day: at +03:00 the 22:00Z order (1-5) and Moscow's are on the 29th and 28th as
    // before, but at UTC 1-5 falls on the 28th, and at +05:00 1-4 (20:30Z) on the 29th.
    let days = |offset: i32| {
        let plan = drop_off_plan(
            &orders,
            &now,
            DropOffOptions {
                utc_offset_minutes: Some(offset),
                ..Default::default()
            },
        );
        plan.groups
            .iter()
            .map(|g| (g.date.clone(), g.posting_numbers.clone()))
            .collect::<Vec<_>>()
    };
    assert!(days(0).contains(&("2026-11-28".into(), s(&["1-2", "1-1", "1-3", "1-4", "1-5"]))));
    assert!(days(300).contains(&("2026-11-29".into(), s(&["1-4", "1-5"]))));
    let err = crate::json::from_json::<DropOffOptions>(r#"{"utcOffsetMinutes":900}"#).unwrap_err();
    assert_eq!(err.path, "utcOffsetMinutes");
    assert!(err.reason.contains("-720 to 840"), "{}", err.reason);
}

#[test]
fn a_parcel_with_the_small_label_can_be_handed_over() {
    let at = "2026-11-27T09:30:00Z";
    let mut small = packing();
    small["labels"][0]["widthMm"] = json!(58);
    small["labels"][0]["heightMm"] = json!(40);
    let packed = walk(
        v4(),
        &[
            json!({ "type": "printLabel", "at": at }),
            json!({ "type": "pack", "at": at, "packing": small }),
        ],
    );
    let handed = apply(&packed, sample_event(EventType::HandOver)).unwrap();
    assert!(handed.progress.handed_over);
}

#[test]
fn bad_ids_prices_and_barcodes_name_the_field() {
    let posting = |extra: &str| {
        format!(
            r#"{{"posting_number":"1-1","status":"x","shipment_date":"2026-01-01T00:00:00Z","products":[{{"sku":1,"name":"a","quantity":1{extra}}}]}}"#
        )
    };
    let field = |json: &str| match import_posting_str(json).unwrap_err() {
        OrderError::InvalidField { field, reason } => (field, reason),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(&posting(r#","price":{"amount":true}"#)),
        (
            "products[0].price.amount".into(),
            "invalid type: boolean `true`, expected a decimal string or a number".into()
        )
    );
    assert_eq!(field(&posting(r#","price":[1]"#)).0, "products[0].price");
    assert_eq!(field(&posting(r#","price":{}"#)).0, "products[0].price");
    // An exponent that would spell out endless zeros is refused, not written.
    assert_eq!(
        field(&posting(r#","price":0.5e-9223372036854775808"#)),
        ("products[0].price".into(), "number out of range".into())
    );
    assert_eq!(
        field(&posting("").replace(r#""sku":1"#, r#""sku":-1"#)),
        (
            "products[0].sku".into(),
            "invalid type: integer `-1`, expected a whole number or a string of digits".into()
        )
    );
    let list = format!(
        r#"{{"postings":[{}]}}"#,
        posting("").replace(r#""status""#, r#""barcodes":{"upper_barcode":5},"status""#)
    );
    assert_eq!(
        import_postings_str(&list).unwrap_err(),
        OrderError::InList {
            index: 0,
            error: Box::new(OrderError::InvalidField {
                field: "postings[0].barcodes.upper_barcode".into(),
                reason: "invalid type: integer `5`, expected a string".into()
            })
        }
    );
    // Amounts as text or numbers, alone or in an object, with or without a currency.
    for (price, amount) in [
        (r#""12.50""#, "12.50"),
        ("12.5", "12.5"),
        (r#"{"amount":"7","currency":"USD"}"#, "7"),
        (r#"{"amount":3}"#, "3"),
        ("12345678901234567891", "12345678901234567891"),
        (r#""-0.5""#, "-0.5"),
        // A number's own digits, never through a float; an exponent applied exactly.
        ("0.000001", "0.000001"),
        ("1e-7", "0.0000001"),
        ("1e20", "100000000000000000000"),
        ("50000000000000000000", "50000000000000000000"),
        ("25000000000000000.5", "25000000000000000.5"),
        ("1.25E2", "125"),
    ] {
        let order = import_posting_str(&posting(&format!(r#","price":{price}"#))).unwrap();
        assert_eq!(order.products[0].price.as_ref().unwrap().amount, amount);
    }
    // Not decimals: refused, never stored to be skipped by the price rules later.
    for bad in [
        r#""-""#,
        r#"".""#,
        r#""-.""#,
        r#""--5""#,
        r#""5.""#,
        r#"".5""#,
        r#""1.2.3""#,
        r#""""#,
    ] {
        let (path, reason) = field(&posting(&format!(r#","price":{bad}"#)));
        assert_eq!(path, "products[0].price", "{bad}");
        assert!(
            reason.starts_with("must be a decimal amount"),
            "{bad}: {reason}"
        );
    }
    // A delivery method id that is no id is an error, as for the order id and skus.
    for key in ["id", "warehouse_id"] {
        let json = posting("").replace(
            r#""status""#,
            &format!(r#""delivery_method":{{"{key}":"x1"}},"status""#),
        );
        assert_eq!(field(&json).0, format!("delivery_method.{key}"));
    }
}

#[test]
fn events_read_in_any_key_order_with_clear_errors() {
    let read = |json: &str| crate::json::from_json::<Event>(json).map_err(|e| e.to_string());
    let prepared = read(r#"{"at":"2026-11-27T09:30:00Z","type":"markPrepared"}"#).unwrap();
    assert_eq!(
        prepared,
        read(r#"{"type":"markPrepared","at":"2026-11-27T09:30:00Z"}"#).unwrap()
    );
    let error = |json: &str| read(json).unwrap_err();
    assert!(error(r#"{"type":"teleport"}"#)
        .starts_with("unknown variant `teleport`, expected one of `markPrepared`, `printLabel`"));
    assert!(error(r#"{"type":"markPrepared"}"#).starts_with("missing field `at`"));
    assert!(error(r#"{"at":"2026-11-27T09:30:00Z"}"#).starts_with("missing field `type`"));
    assert!(
        error(r#"{"type":"handOver","at":"2026-11-27T09:30:00Z","actNumber":"A"}"#)
            .starts_with("missing field `collectionPoint`")
    );
    // A field another type has is unknown to this one, wherever `type` comes.
    for json in [
        r#"{"type":"markPrepared","at":"2026-11-27T09:30:00Z","reasonId":1}"#,
        r#"{"reasonId":1,"type":"markPrepared","at":"2026-11-27T09:30:00Z"}"#,
    ] {
        assert!(
            error(json).starts_with("unknown field `reasonId`, expected `at` or `packages`"),
            "{json}"
        );
    }
    assert!(
        error(r#"{"type":"cancel","at":"2026-11-27T09:30:00Z","reasonId":"x"}"#)
            .starts_with("invalid type: string \"x\", expected u32")
    );

    // Error paths name the field at fault, before or after `type`.
    let at = |json: &str| {
        let error = crate::json::from_json::<Event>(json).unwrap_err();
        (error.path, error.reason)
    };
    for (json, path, reason) in [
        (
            r#"{"type":"printLabel","at":"2026-11-27T09:30:00Z","foo":1,"bar":2}"#,
            "foo",
            "unknown field `foo`",
        ),
        (
            r#"{"type":"printLabel","foo":1,"at":"2026-11-27T09:30:00Z"}"#,
            "foo",
            "unknown field `foo`",
        ),
        (
            r#"{"status":"x","type":"cancel","at":"2026-11-27T09:30:00Z","reasonId":1}"#,
            "status",
            "unknown field `status`",
        ),
        // `null` where `cancel` needs a reason is a missing reason, wherever `type` comes.
        (
            r#"{"type":"cancel","at":"2026-11-27T09:30:00Z","reasonId":null}"#,
            ".",
            "missing field `reasonId`",
        ),
        (
            r#"{"reasonId":null,"type":"cancel","at":"2026-11-27T09:30:00Z"}"#,
            ".",
            "missing field `reasonId`",
        ),
        (
            r#"{"type":"cancel","at":"2026-11-27T09:30:00Z","reasonId":1,"reasonId":2}"#,
            "reasonId",
            "duplicate field `reasonId`",
        ),
        (
            r#"{"type":"registered","at":"2026-11-27T09:30:00Z","trackingNumber":"A","trackingNumber":null}"#,
            "trackingNumber",
            "duplicate field `trackingNumber`",
        ),
    ] {
        let (got_path, got_reason) = at(json);
        assert_eq!(got_path, path, "{json}");
        assert!(got_reason.starts_with(reason), "{json}: {got_reason}");
    }
}
