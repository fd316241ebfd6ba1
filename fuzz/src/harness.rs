//! What each fuzz target feeds into fbskit, and what it checks besides "no panic".
//!
//! Every target drives the public API the way the JS binding layer does. Inputs are built from the
//! fuzzer's bytes with `arbitrary`, biased towards the values that break things (hostile strings, NaN,
//! infinities, huge and negative numbers, boundary dates) but able to reach any value. A panic, a failed
//! invariant (an `assert!`) or a hang is a finding. The main crate's `tests/fuzz_replay.rs` includes this
//! file and replays `fuzz/corpus/` and `fuzz/artifacts/` through the same functions on stable.

use arbitrary::{Result, Unstructured};
use fbskit::label::{self, LabelData, LabelOptions, LabelSize, NamedSize};
use fbskit::order::{self, DeadlineOptions, DropOffOptions, Event, EventType, Order};
use fbskit::packing::{
    self, AttachedLabel, BarcodeArea, Face, LabelSpec, LabelSurface, Package, PackageKind, Packing,
    PackingProfile, PrintMethod, ReadDirection, TapeStrip,
};
use fbskit::printer::{self, decode, JobOptions, Language};
use fbskit::timestamp::Timestamp;
use fbskit::ErrorCode;
use serde_json::{json, Map, Value};

const V3: &str = include_str!("../../tests/fixtures/posting-v3.json");
const V4: &str = include_str!("../../tests/fixtures/posting-v4-item.json");

/// Strings that have broken renderers and parsers elsewhere: markup, CDATA ends, controls, bidi
/// overrides, emoji, combining marks, replacement characters, printer-language command bytes.
pub const HOSTILE: &[&str] = &[
    "",
    " ",
    "<script>alert(1)</script>",
    "\"/><svg onload=alert(1)>",
    "' onmouseover='x",
    "]]>",
    "<![CDATA[x]]>",
    "&amp;&lt;&#0;&#xD800;",
    "<!-- -->",
    "<?xml version=\"1.0\"?>",
    "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1b}\u{7f}",
    "\t\r\n",
    "\u{202e}evil\u{202c}\u{2066}\u{2069}",
    "\u{200b}\u{200d}\u{feff}",
    "\u{fffe}\u{ffff}\u{fffd}",
    "👩‍👩‍👧‍👦🇷🇺📦",
    "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
    "Z\u{36b}\u{33f}\u{344}\u{36e}\u{33e}\u{352}\u{33a}\u{349}",
    "%101%806044518",
    "0208194185-0001-1",
    "^XA^FDx^FS^XZ",
    "~JA\nCLS\nPRINT 1\n",
    "\u{1b}@\u{1d}v0",
    "N\nP1\n",
    "Склад на Ленина",
    "\u{10ffff}\u{e000}",
];

/// A string: hostile, long, or anything.
fn text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=5)? {
        0 | 1 => (*u.choose(HOSTILE)?).to_owned(),
        2 => {
            let unit = u.choose(HOSTILE)?;
            let times = u.int_in_range(1..=10_000usize)?;
            unit.repeat(times).chars().take(10_000).collect()
        }
        3 => "x".repeat(u.int_in_range(0..=2100usize)?),
        _ => u.arbitrary()?,
    })
}

/// A number: a troublesome one, a plausible one, or any bit pattern.
fn number(u: &mut Unstructured) -> Result<f64> {
    const SPECIAL: &[f64] = &[
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        1e300,
        -1e300,
        4294967296.0,
        9007199254740993.0,
        0.0005,
        19.9995,
        20.0,
        300.0,
        300.0001,
    ];
    Ok(match u.int_in_range(0..=3)? {
        0 => *u.choose(SPECIAL)?,
        1 => f64::from(u.int_in_range(-100..=3000i32)?),
        2 => f64::from(u.int_in_range(-100_000..=100_000i32)?) / 100.0,
        _ => u.arbitrary()?,
    })
}

/// An RFC 3339 time: valid ones at the edges of the calendar, invalid ones, or any text.
fn time_text(u: &mut Unstructured) -> Result<String> {
    const TIMES: &[&str] = &[
        "2026-11-27T09:30:00Z",
        "2026-11-27T12:30:00+03:00",
        "2026-11-28T08:00:00+03:00",
        "2026-11-27T09:31:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-23:59",
        "0000-01-01T00:00:00+23:59",
        "2026-06-30T23:59:60Z",
        "2024-02-29T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "2026-11-27T09:30:00",
        "noon",
        "",
    ];
    if u.ratio(7, 8)? {
        Ok((*u.choose(TIMES)?).to_owned())
    } else {
        text(u)
    }
}

/// Any JSON value, small and shallow, with hostile strings and extreme numbers.
fn json_value(u: &mut Unstructured, depth: u32) -> Result<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => json!(u.arbitrary::<i64>()?),
        3 => json!(u.arbitrary::<u64>()?),
        // NaN and infinities become null, as JSON.stringify makes them.
        4 => json!(number(u)?),
        5 => Value::String(text(u)?),
        6 if depth < 3 => {
            let n = u.int_in_range(0..=4)?;
            Value::Array(
                (0..n)
                    .map(|_| json_value(u, depth + 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ if depth < 3 => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=4)? {
                map.insert(text(u)?, json_value(u, depth + 1)?);
            }
            Value::Object(map)
        }
        _ => Value::Null,
    })
}

/// The code domains an order operation can fail in (events carry packings, labels and replays).
const ORDER_DOMAINS: &[&str] = &[
    "POSTING_",
    "ORDER_",
    "EVENT_",
    "TRANSITION_",
    "REPLAY_",
    "PACKING_",
    "PROFILE_",
    "LABEL_",
    "BARCODE_",
    "FONT_",
];
/// The code domains of a label: its own, its barcodes' and its font's.
const LABEL_DOMAINS: &[&str] = &["LABEL_", "BARCODE_", "FONT_"];
/// The code domains of a print job: the job's and each label's.
const PRINT_DOMAINS: &[&str] = &["PRINT_", "LABEL_", "BARCODE_", "FONT_"];

/// An error is in a domain the call can fail in, and its message is not empty.
fn check_error(e: &(impl ErrorCode + std::fmt::Display), domains: &[&str]) {
    let code = e.code();
    assert!(
        domains.iter().any(|domain| code.starts_with(domain)),
        "{code} is not one of {domains:?}: {e}"
    );
    assert!(!e.to_string().trim().is_empty(), "{code} has no message");
}

/// The two test fixtures as orders: a v3 `get` response and a registered v4 list item.
pub fn fixture(v4: bool) -> Order {
    order::import_posting_str(if v4 { V4 } else { V3 }).expect("the fixtures import")
}

/// What every order the API hands out must satisfy: a lossless JSON round trip, and a replay of its
/// history that gives the same order.
pub fn check_order(order: &Order) {
    let json = fbskit::json::to_json(order);
    let back: Order = fbskit::json::from_json(&json).expect("an order's JSON reads back");
    assert_eq!(&back, order, "JSON round trip is lossless");
    assert_eq!(
        order::replay(order).as_ref(),
        Ok(order),
        "replaying the history gives the same order"
    );
    let source: fbskit::label::LabelSource =
        fbskit::json::from_json(&json).expect("an order's JSON reads as a label source");
    assert_eq!(
        source,
        fbskit::label::label_source(order),
        "renderLabel reads what the Rust API borrows"
    );
}

/// Ozon posting import from JSON text, and from fixtures with some fields replaced by anything.
pub fn import_posting(data: &[u8]) {
    if let Some(b'{' | b'[' | b' ') = data.first() {
        let text = String::from_utf8_lossy(data);
        // What `renderLabel` reads of an order, from any text: refused with a path, or drawn.
        if let Ok(source) = fbskit::json::from_json::<fbskit::label::LabelSource>(&text) {
            let _ = fbskit_render::label::render_svg(&source, &Default::default());
        }
        if let Ok(order) = order::import_posting_str(&text) {
            check_order(&order);
        }
        if let Ok(orders) = order::import_postings_str(&text) {
            orders.iter().take(4).for_each(check_order);
        }
        return;
    }
    let _ = edited_posting(&mut Unstructured::new(data));
}

fn edited_posting(u: &mut Unstructured) -> Result<()> {
    const PATHS: &[&[&str]] = &[
        &["posting_number"],
        &["order_id"],
        &["order_number"],
        &["status"],
        &["substatus"],
        &["tracking_number"],
        &["in_process_at"],
        &["shipment_date"],
        &["products"],
        &["products", "0"],
        &["products", "0", "sku"],
        &["products", "0", "name"],
        &["products", "0", "quantity"],
        &["products", "0", "price"],
        &["products", "0", "currency_code"],
        &["products", "0", "offer_id"],
        &["delivery_method"],
        &["delivery_method", "id"],
        &["delivery_method", "warehouse_id"],
        &["delivery_method", "name"],
        &["delivery_method", "warehouse"],
        &["delivery_method", "tpl_provider"],
        &["barcodes"],
        &["barcodes", "upper_barcode"],
        &["barcodes", "lower_barcode"],
        &["result"],
    ];
    let mut posting: Value =
        serde_json::from_str(if u.arbitrary()? { V4 } else { V3 }).expect("the fixtures are JSON");
    if let Some(inner) = posting.get_mut("result").map(Value::take) {
        posting = inner;
    }
    for _ in 0..u.int_in_range(1..=6)? {
        let path = u.choose(PATHS)?;
        let value = if u.ratio(1, 3)? {
            Value::String(if path.last() == Some(&"shipment_date") {
                time_text(u)?
            } else {
                text(u)?
            })
        } else {
            json_value(u, 0)?
        };
        let (key, parent) = path.split_last().expect("paths are not empty");
        let pointer: String = parent.iter().map(|k| format!("/{k}")).collect();
        if let Some(Value::Object(map)) = posting.pointer_mut(&pointer) {
            map.insert((*key).to_owned(), value);
        }
    }
    if u.arbitrary()? {
        posting = json!({ "result": posting });
    }
    let wrapped = u.arbitrary()?;
    let result = if wrapped {
        order::import_postings_str(&json!({ "result": { "postings": [posting] } }).to_string())
            .map(|mut orders| orders.pop())
    } else {
        order::import_posting_str(&posting.to_string()).map(Some)
    };
    match result {
        Ok(Some(order)) => check_order(&order),
        Ok(None) => {}
        Err(e) => check_error(&e, &["POSTING_"]),
    }
    Ok(())
}

/// An event as JSON, as JS sends it: a type (usually known), a time and fields with plausible or
/// hostile values, sometimes a field too many or too few.
fn event_json(u: &mut Unstructured) -> Result<Value> {
    let kind = *u.choose(EventType::ALL)?;
    let mut e = Map::new();
    e.insert(
        "type".into(),
        if u.ratio(15, 16)? {
            kind.as_str().into()
        } else {
            text(u)?.into()
        },
    );
    if u.ratio(15, 16)? {
        e.insert("at".into(), time_text(u)?.into());
    }
    let s = |u: &mut Unstructured| -> Result<Value> {
        Ok(if u.ratio(3, 4)? {
            Value::String(text(u)?)
        } else {
            json_value(u, 0)?
        })
    };
    match kind {
        EventType::MarkPrepared if u.arbitrary()? => {
            let packages: Vec<Value> = (0..u.int_in_range(0..=3)?)
                .map(|_| -> Result<Value> {
                    let items: Vec<Value> = (0..u.int_in_range(0..=3)?)
                        .map(|_| -> Result<Value> {
                            let sku = *u.choose(&[1_234_567u64, 100_500, 0, u64::MAX])?;
                            Ok(json!({ "sku": sku, "quantity": u.int_in_range(0..=3u32)? }))
                        })
                        .collect::<Result<_>>()?;
                    Ok(json!({ "products": items }))
                })
                .collect::<Result<_>>()?;
            e.insert("packages".into(), packages.into());
        }
        EventType::Registered => {
            if u.arbitrary()? {
                e.insert("trackingNumber".into(), s(u)?);
            }
            e.insert("barcodes".into(), json!({ "upper": s(u)?, "lower": s(u)? }));
        }
        EventType::Pack => {
            let good = json!({"package":{"lengthMm":300,"widthMm":200,"heightMm":100,"weightG":900,"kind":"box"},"labels":[{"widthMm":75,"heightMm":120,"face":"top","xMm":20,"yMm":20}],"printMethod":"thermal","labelSurface":"matte"});
            e.insert(
                "packing".into(),
                if u.ratio(3, 4)? {
                    good
                } else {
                    json_value(u, 0)?
                },
            );
        }
        EventType::HandOver => {
            e.insert("actNumber".into(), s(u)?);
            e.insert("collectionPoint".into(), s(u)?);
        }
        EventType::RejectedBySortingCenter => {
            e.insert("reason".into(), s(u)?);
        }
        EventType::OpenDispute => {
            e.insert("comment".into(), s(u)?);
        }
        EventType::DisputeResolved => {
            let outcome = *u.choose(&["found", "reship", "cancelled", "lost"])?;
            e.insert("outcome".into(), outcome.into());
        }
        EventType::Cancel | EventType::CancelledByPlatform => {
            let id = *u.choose(&[352u64, 400, 401, 402, 0, 4_294_967_296])?;
            e.insert("reasonId".into(), id.into());
            if u.arbitrary()? {
                e.insert("message".into(), s(u)?);
            }
        }
        EventType::StatusUpdate => {
            const STATUSES: &[&str] = &[
                "awaiting_packaging",
                "awaiting_registration",
                "awaiting_deliver",
                "acceptance_in_progress",
                "delivering",
                "not_accepted",
                "arbitration",
                "client_arbitration",
                "delivered",
                "cancelled",
                "cancelled_from_split_pending",
                "ship_in_process",
            ];
            const SUBSTATUSES: &[&str] = &[
                "posting_canceled",
                "posting_received",
                "posting_in_pickup_point",
                "posting_not_in_sort_center",
                "posting_in_carriage",
                "posting_in_arbitration",
                "posting_transferring_to_delivery",
            ];
            if u.arbitrary()? {
                let status = if u.ratio(7, 8)? {
                    (*u.choose(STATUSES)?).to_owned()
                } else {
                    text(u)?
                };
                e.insert("status".into(), status.into());
            }
            if u.arbitrary()? {
                let substatus = if u.ratio(7, 8)? {
                    (*u.choose(SUBSTATUSES)?).to_owned()
                } else {
                    text(u)?
                };
                e.insert("substatus".into(), substatus.into());
            }
        }
        _ => {}
    }
    if u.ratio(1, 32)? {
        e.insert(text(u)?, json_value(u, 0)?);
    }
    Ok(Value::Object(e))
}

/// Arbitrary event sequences applied to an imported order. Each event either applies (the order grows
/// by one history entry and the event was allowed) or is refused with a coded error; a closed order
/// stays closed; the final order replays and round-trips through JSON; tabs, deadlines and the
/// drop-off plan answer for every state.
pub fn apply_events(data: &[u8]) {
    let _ = apply_events_inner(&mut Unstructured::new(data));
}

fn apply_events_inner(u: &mut Unstructured) -> Result<()> {
    let mut order = fixture(u.arbitrary()?);
    let mut closed = None;
    let steps = u.int_in_range(0..=64)?;
    for _ in 0..steps {
        let json = event_json(u)?;
        let event = match fbskit::json::from_json::<Event>(&json.to_string()) {
            Ok(event) => event,
            Err(_) => continue,
        };
        let kind = event.event_type();
        // What `availableEvents` lists is what `apply` lets through (data checks aside).
        let listed = order::available_events(&order).contains(&kind);
        match order::apply(&order, event) {
            Ok(next) => {
                assert!(listed, "{kind} applied but availableEvents leaves it out");
                assert_eq!(next.history.len(), order.history.len() + 1);
                order = next;
            }
            Err(e) => {
                // A status update on a closed order is listed (it may refine the substatus) and
                // refused only when its data would move the order: a data check, too.
                let data_refused = kind == EventType::StatusUpdate && order.status.is_terminal();
                if let order::OrderError::NotAllowed { .. } = e {
                    assert!(
                        !listed || data_refused,
                        "{kind} refused as not allowed but availableEvents lists it"
                    );
                }
                check_error(&e, ORDER_DOMAINS);
            }
        }
        match &closed {
            Some(status) => assert_eq!(&order.status, status, "a closed order stays closed"),
            None if order.status.is_terminal() => closed = Some(order.status.clone()),
            None => {}
        }
    }
    check_order(&order);
    let _ = order::available_events(&order);
    let _ = order::seller_tab(&order);
    if let Ok(now) = Timestamp::parse(&time_text(u)?) {
        let minutes = u.arbitrary()?;
        let d = order::deadline(
            &order,
            &now,
            DeadlineOptions {
                due_soon_minutes: minutes,
            },
        );
        let _ = fbskit::json::to_json(&d);
        let plan = order::drop_off_plan(
            &[order.clone(), fixture(true)],
            &now,
            DropOffOptions {
                window_minutes: minutes,
                utc_offset_minutes: *u.choose(&[
                    None,
                    Some(180),
                    Some(i32::MIN),
                    Some(i32::MAX),
                ])?,
            },
        );
        let _ = fbskit::json::to_json(&plan);
    }
    Ok(())
}

/// Label data with hostile text, drawn with arbitrary options. A label either renders as well-formed
/// SVG that only uses the writer's own elements and attributes, or fails with a coded error.
pub fn render_label(data: &[u8]) {
    let _ = render_label_inner(&mut Unstructured::new(data));
}

fn barcode_value(u: &mut Unstructured) -> Result<String> {
    const VALUES: &[&str] = &[
        "%101%806044518",
        "23024930500000",
        "0208194185-0001-1",
        "1",
        "",
        "\u{7f}\u{0}",
    ];
    if u.ratio(3, 4)? {
        Ok((*u.choose(VALUES)?).to_owned())
    } else {
        text(u)
    }
}

fn label_options(u: &mut Unstructured) -> Result<LabelOptions> {
    const DPIS: &[f64] = &[
        203.0, 300.0, 100.0, 600.0, 99.0, 1200.0, 1201.0, 203.5, -203.0,
    ];
    Ok(LabelOptions {
        size: match u.int_in_range(0..=3)? {
            0 => LabelSize::Named(NamedSize::Standard),
            1 => LabelSize::Named(NamedSize::Small),
            _ => LabelSize::Custom {
                width_mm: number(u)?,
                height_mm: number(u)?,
            },
        },
        dpi: if u.ratio(3, 4)? {
            *u.choose(DPIS)?
        } else {
            number(u)?
        },
        cluster: if u.arbitrary()? { Some(text(u)?) } else { None },
        box_index: *u.choose(&[1, 1, 2, 0, u32::MAX])?,
        box_count: *u.choose(&[1, 2, 3, 0, u32::MAX])?,
        // Out-of-range offsets are refused when read from JSON; from Rust they still must not panic.
        utc_offset_minutes: *u.choose(&[
            None,
            Some(180),
            Some(-720),
            Some(840),
            Some(i32::MIN),
            Some(i32::MAX),
        ])?,
    })
}

fn render_label_inner(u: &mut Unstructured) -> Result<()> {
    let data = LabelData {
        posting_number: text(u)?,
        upper_barcode: barcode_value(u)?,
        lower_barcode: if u.arbitrary()? {
            Some(barcode_value(u)?)
        } else {
            None
        },
        tracking_number: if u.arbitrary()? { Some(text(u)?) } else { None },
        carrier: text(u)?,
        delivery_method: text(u)?,
        warehouse: text(u)?,
        shipment_date: text(u)?,
        item_count: u.arbitrary()?,
        contents: text(u)?,
        box_index: u.arbitrary()?,
        box_count: u.arbitrary()?,
        cluster: u.arbitrary()?,
        upper_is_fallback: u.arbitrary()?,
    };
    let options = label_options(u)?;
    match label::render_data(&data, &options) {
        Ok(rendered) => check_svg(&rendered.svg),
        Err(e) => check_error(&e, LABEL_DOMAINS),
    }
    Ok(())
}

/// The elements the label writer emits; anything else in the output was injected.
pub const SVG_ELEMENTS: &[&str] = &["svg", "title", "rect", "defs", "path", "g", "use"];
/// The attributes the label writer emits.
pub const SVG_ATTRIBUTES: &[&str] = &[
    "width",
    "height",
    "viewBox",
    "fill",
    "id",
    "d",
    "shape-rendering",
    "transform",
    "href",
    "x",
];

/// The SVG parses as XML, and has only the writer's own elements and attributes.
pub fn check_svg(svg: &str) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("the label SVG is not well-formed XML: {e}"),
    };
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(SVG_ELEMENTS.contains(&name), "unexpected element <{name}>");
        for attribute in node.attributes() {
            assert!(
                SVG_ATTRIBUTES.contains(&attribute.name()),
                "unexpected attribute {} on <{name}>",
                attribute.name()
            );
        }
    }
}

/// Packing validation with arbitrary geometry, profiles and barcode areas; and the same packing
/// through the `pack` and `handOver` events.
pub fn validate_packing(data: &[u8]) {
    let _ = validate_packing_inner(&mut Unstructured::new(data));
}

fn validate_packing_inner(u: &mut Unstructured) -> Result<()> {
    let mut labels = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        labels.push(AttachedLabel {
            width_mm: number(u)?,
            height_mm: number(u)?,
            fragments: *u.choose(&[1, 1, 2, 0, u32::MAX])?,
            face: *u.choose(&Face::ALL)?,
            x_mm: number(u)?,
            y_mm: number(u)?,
            rotation_deg: number(u)?,
        });
    }
    let mut tape = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        tape.push(TapeStrip {
            x_mm: number(u)?,
            y_mm: number(u)?,
            width_mm: number(u)?,
            height_mm: number(u)?,
        });
    }
    let packing = Packing {
        package: Package {
            length_mm: number(u)?,
            width_mm: number(u)?,
            height_mm: number(u)?,
            weight_g: number(u)?,
            kind: *u.choose(&[
                PackageKind::Box,
                PackageKind::Bag,
                PackageKind::FactoryPackaging,
            ])?,
            color: if u.arbitrary()? { Some(text(u)?) } else { None },
        },
        labels,
        print_method: *u.choose(&[
            PrintMethod::Thermal,
            PrintMethod::ThermalTransfer,
            PrintMethod::Inkjet,
            PrintMethod::Laser,
        ])?,
        label_surface: *u.choose(&[
            LabelSurface::Matte,
            LabelSurface::SemiGloss,
            LabelSurface::Glossy,
        ])?,
        tape,
    };
    let profile = if u.ratio(1, 2)? {
        PackingProfile::builtin(u.choose(&packing::BUILTIN_PROFILES)?)
            .expect("built-in profiles exist")
    } else {
        let option = |u: &mut Unstructured| -> Result<Option<f64>> {
            Ok(if u.arbitrary()? {
                Some(number(u)?)
            } else {
                None
            })
        };
        PackingProfile {
            name: text(u)?,
            label: LabelSpec {
                width_mm: number(u)?,
                height_mm: number(u)?,
                tolerance_mm: number(u)?,
            },
            max_weight_g: number(u)?,
            min_weight_g: option(u)?,
            max_dimensions_mm: [number(u)?, number(u)?, number(u)?],
            min_dimensions_mm: [number(u)?, number(u)?, number(u)?],
            max_price_rub: option(u)?,
            min_price_rub: option(u)?,
        }
    };
    let order = fixture(true);
    let areas = if u.ratio(2, 3)? {
        packing::label_barcode_areas(&order, &packing)
    } else {
        let mut areas = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            areas.push(BarcodeArea {
                role: *u.choose(&[packing::BarcodeRole::Upper, packing::BarcodeRole::Lower])?,
                x_mm: number(u)?,
                y_mm: number(u)?,
                width_mm: number(u)?,
                height_mm: number(u)?,
                quiet_zone_mm: number(u)?,
                reads: *u.choose(&[ReadDirection::LeftToRight, ReadDirection::TopToBottom])?,
            });
        }
        areas
    };
    match packing::validate_packing(&order, &packing, &profile, &areas) {
        Ok(violations) => {
            for v in &violations {
                assert!(
                    !v.field.is_empty() && !v.message.en.is_empty() && !v.message.ru.is_empty()
                );
            }
            fbskit::json::to_json(&violations);
        }
        Err(e) => check_error(&e, &["PACKING_", "PROFILE_", "BARCODE_"]),
    }
    // The same packing through the lifecycle: pack, then hand over (which re-checks it).
    let at = Timestamp::parse("2026-11-27T10:00:00Z").expect("a valid time");
    let labelled = order::apply(&order, Event::PrintLabel { at: at.clone() })
        .expect("the fixture is registered");
    if let Ok(packed) = order::apply(
        &labelled,
        Event::Pack {
            at: at.clone(),
            packing,
        },
    ) {
        check_order(&packed);
        let hand_over = Event::HandOver {
            at,
            act_number: "A-1".into(),
            collection_point: "ПВЗ".into(),
        };
        match order::apply(&packed, hand_over) {
            Ok(handed) => check_order(&handed),
            Err(e) => check_error(&e, ORDER_DOMAINS),
        }
    }
    Ok(())
}

/// Print jobs with arbitrary options (as JS sends them) for orders with hostile text. A job either
/// fails with a coded error, or decodes back to exactly the labels `rasterize` draws: nothing from the
/// orders' text leaks into the printer commands.
pub fn print_job(data: &[u8]) {
    let _ = print_job_inner(&mut Unstructured::new(data));
}

fn print_options(u: &mut Unstructured) -> Result<Value> {
    let mut map = Map::new();
    let plausible: [(&str, &[Value]); 13] = [
        (
            "language",
            &[
                json!("tspl"),
                json!("zpl"),
                json!("epl"),
                json!("escpos"),
                json!("pcl"),
            ],
        ),
        (
            "dpi",
            &[
                json!(203),
                json!(300),
                json!(100),
                json!(99),
                json!(1200),
                json!(203.5),
            ],
        ),
        (
            "gapMm",
            &[json!(0), json!(3), json!(20), json!(-1), json!(20.5)],
        ),
        ("density", &[json!(0), json!(8), json!(15), json!(16)]),
        ("speed", &[json!(1), json!(4), json!(12), json!(0)]),
        ("copies", &[json!(1), json!(2), json!(0), json!(1001)]),
        (
            "rotation",
            &[
                json!(0),
                json!(90),
                json!(180),
                json!(270),
                json!(45),
                json!(4294967296u64),
            ],
        ),
        ("xOffset", &[json!(0), json!(16), json!(2000), json!(2001)]),
        ("zplGraphic", &[json!("z64"), json!("hex"), json!("b64")]),
        (
            "size",
            &[
                json!("75x120"),
                json!("58x40"),
                json!({"widthMm": 40, "heightMm": 30}),
                json!({"widthMm": 20, "heightMm": 300}),
                json!("A4"),
            ],
        ),
        ("cluster", &[json!("B"), json!("f"), json!("G"), json!("")]),
        ("boxIndex", &[json!(1), json!(2), json!(0)]),
        ("boxCount", &[json!(1), json!(2), json!(0)]),
    ];
    for (key, values) in plausible {
        if u.ratio(1, 3)? {
            let value = if u.ratio(7, 8)? {
                u.choose(values)?.clone()
            } else {
                json_value(u, 0)?
            };
            map.insert(key.into(), value);
        }
    }
    if u.ratio(1, 16)? {
        map.insert(text(u)?, json_value(u, 0)?);
    }
    Ok(if u.ratio(31, 32)? {
        Value::Object(map)
    } else {
        json_value(u, 0)?
    })
}

fn print_job_inner(u: &mut Unstructured) -> Result<()> {
    let options = print_options(u)?;
    let mut orders = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let mut order = fixture(u.arbitrary()?);
        if u.arbitrary()? {
            order.posting_number = text(u)?;
            order.delivery_method.warehouse = text(u)?;
            order.delivery_method.name = text(u)?;
            if let Some(product) = order.products.first_mut() {
                product.name = text(u)?;
            }
        }
        if u.arbitrary()? {
            order.barcodes.upper = Some(barcode_value(u)?);
            order.tracking_number = Some(text(u)?);
        }
        orders.push(order);
    }
    let request = match printer::print_request(&options.to_string()) {
        Ok(request) => request,
        Err(e) => {
            check_error(&e, &["PRINT_"]);
            return Ok(());
        }
    };
    let job = match printer::print_job(&orders, &request) {
        Ok(job) => job,
        Err(e) => {
            check_error(&e, PRINT_DOMAINS);
            return Ok(());
        }
    };
    let labels = decode::decode_job(&job, &request.job).expect("a job this crate wrote decodes");
    let per_order = if request.job.language == Language::Escpos {
        request.job.copies as usize
    } else {
        1
    };
    assert_eq!(
        labels.len(),
        orders.len() * per_order,
        "one label per order (and copy)"
    );
    for (order, decoded) in orders.iter().zip(labels.iter().step_by(per_order)) {
        let upright = printer::rasterize(order, &request.label).expect("the job rasterized it");
        assert!(
            decoded == &upright.rotate(request.job.rotation),
            "the job decodes to the label raster"
        );
    }
    Ok(())
}

/// The job decoders on arbitrary bytes: labels or a coded error, never a panic or a runaway allocation.
pub fn decode_job(data: &[u8]) {
    let [language, width_mode, rest @ ..] = data else {
        return;
    };
    let language = Language::ALL[usize::from(*language) % Language::ALL.len()];
    let (width, job) = match (width_mode % 3, rest) {
        (0, _) => (None, rest),
        (1, [a, b, job @ ..]) => (Some(u32::from(u16::from_le_bytes([*a, *b]))), job),
        (2, [a, b, c, d, job @ ..]) => (Some(u32::from_le_bytes([*a, *b, *c, *d])), job),
        _ => (None, rest),
    };
    match decode::decode(language, job, width) {
        Ok(labels) => {
            for label in labels {
                assert!(label.bitmap.width() > 0 && label.bitmap.height() > 0);
            }
        }
        Err(e) => check_error(&e, &["PRINT_"]),
    }
    let options = JobOptions {
        language,
        ..JobOptions::default()
    };
    if let Err(e) = decode::decode_job(job, &options) {
        check_error(&e, &["PRINT_"]);
    }
}
