//! Label tests: golden SVGs, decoding every barcode with a real reader, the dot grid, fitting errors,
//! hostile text.

use proptest::prelude::*;

use super::*;
use crate::error::ErrorCode;
use crate::order::{import_posting_str, Order};

const V4: &str = include_str!("../../tests/fixtures/posting-v4-item.json");
const V3: &str = include_str!("../../tests/fixtures/posting-v3.json");

fn order() -> Order {
    import_posting_str(V4).unwrap()
}

fn options(size: &str, dpi: f64) -> LabelOptions {
    crate::json::from_value(serde_json::json!({ "size": size, "dpi": dpi, "cluster": "B" }))
        .unwrap()
}

/// Renders an SVG with resvg (an independent renderer) at `dpi`, as 8-bit luma rows.
pub(crate) fn rasterize_svg(svg: &str, width_dots: u32, height_dots: u32, k: f64) -> Vec<u8> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width_dots, height_dots).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    // usvg sizes the document in CSS px (96 per inch); scale it to the printer's dots.
    let _ = k;
    let sx = width_dots as f32 / tree.size().width();
    let sy = height_dots as f32 / tree.size().height();
    let transform = resvg::tiny_skia::Transform::from_scale(sx, sy);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.pixels().iter().map(|p| p.red()).collect()
}

/// Decodes the Code 128 barcode inside a region of a luma image.
pub(crate) fn decode_region(
    luma: &[u8],
    width: u32,
    x0: u32,
    y0: u32,
    w: u32,
    h: u32,
) -> Option<String> {
    let mut crop = Vec::with_capacity((w * h) as usize);
    for y in y0..y0 + h {
        let row = (y * width) as usize;
        crop.extend_from_slice(&luma[row + x0 as usize..row + (x0 + w) as usize]);
    }
    let mut hints = rxing::DecodeHints::default().with(rxing::DecodeHintValue::PossibleFormats(
        [rxing::BarcodeFormat::CODE_128].into_iter().collect(),
    ));
    hints = hints.with(rxing::DecodeHintValue::TryHarder(true));
    rxing::helpers::detect_in_luma_with_hints(
        crop,
        w,
        h,
        Some(rxing::BarcodeFormat::CODE_128),
        &mut hints,
    )
    .ok()
    .map(|r| r.getText().to_owned())
}

/// Decodes every barcode of a layout from a rendered label image.
pub(crate) fn decode_all(
    luma: &[u8],
    width: u32,
    height: u32,
    layout: &LabelLayout,
    k: f64,
) -> Vec<String> {
    layout
        .barcodes
        .iter()
        .map(|b| {
            let x0 = ((b.x_mm - b.quiet_zone_mm) * k).round().max(0.0) as u32;
            let x1 = (((b.x_mm + b.width_mm + b.quiet_zone_mm) * k).round() as u32).min(width);
            let y0 = (b.y_mm * k).round() as u32;
            let y1 = (((b.y_mm + b.height_mm) * k).round() as u32).min(height);
            decode_region(luma, width, x0, y0, x1 - x0, y1 - y0)
                .unwrap_or_else(|| format!("<undecodable {:?}>", b.role))
        })
        .collect()
}

const CASES: [(&str, &str, f64); 4] = [
    ("75x120", "label-75x120-203dpi.svg", 203.0),
    ("75x120", "label-75x120-300dpi.svg", 300.0),
    ("58x40", "label-58x40-203dpi.svg", 203.0),
    ("58x40", "label-58x40-300dpi.svg", 300.0),
];

#[test]
fn golden_labels_match_and_every_barcode_decodes() {
    for (size, file, dpi) in CASES {
        let opts = options(size, dpi);
        let rendered = render_label(&order(), &opts).unwrap();
        crate::order::golden_for_tests(file, &rendered.svg);
        let golden = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/golden")
                .join(file),
        )
        .unwrap();
        let ((w, h), d) = opts.checked().unwrap();
        let k = d.dots_per_mm();
        let (wd, hd) = (
            d.to_dots(crate::units::Mm(w)).0,
            d.to_dots(crate::units::Mm(h)).0,
        );
        let luma = rasterize_svg(&golden, wd, hd, k);
        let decoded = decode_all(&luma, wd, hd, &rendered.layout, k);
        assert_eq!(
            decoded,
            vec!["%101%806044518".to_owned(), "23024930500000".to_owned()],
            "{file}"
        );
    }
}

#[test]
fn the_svg_states_its_physical_size() {
    let svg = render_label(&order(), &LabelOptions::default())
        .unwrap()
        .svg;
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="75mm" height="120mm" viewBox="0 0 75 120">"#), "{}", &svg[..120]);
    let small = render_label(&order(), &options("58x40", 203.0))
        .unwrap()
        .svg;
    assert!(small.contains(r#"width="58mm" height="40mm" viewBox="0 0 58 40""#));
}

/// Every bar edge of the label's bar path, as absolute mm: the path's relative moves added up the way a
/// viewer adds them (`z` returns to the subpath's start).
fn bar_coordinates(svg: &str) -> Vec<f64> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let bars = doc
        .descendants()
        .find(|n| n.attribute("shape-rendering") == Some("crispEdges"))
        .unwrap();
    let d = bars.attribute("d").unwrap();
    // Tokens: command letters and numbers (a minus sign starts a new number).
    let mut tokens: Vec<String> = Vec::new();
    for c in d.chars() {
        match c {
            'm' | 'h' | 'v' | 'z' => tokens.extend([c.to_string(), String::new()]),
            ' ' => tokens.push(String::new()),
            '-' if tokens.last().is_some_and(String::is_empty) => {
                tokens.last_mut().unwrap().push(c)
            }
            '-' => tokens.push("-".into()),
            _ => tokens.last_mut().unwrap().push(c),
        }
    }
    let mut numbers = tokens.iter().filter(|t| !t.is_empty());
    let (mut pen, mut start) = ((0.0, 0.0), (0.0, 0.0));
    let mut edges = Vec::new();
    while let Some(command) = numbers.next() {
        let mut number = || numbers.next().unwrap().parse::<f64>().unwrap();
        match command.as_str() {
            "m" => {
                pen = (pen.0 + number(), pen.1 + number());
                start = pen;
            }
            "h" => pen.0 += number(),
            "v" => pen.1 += number(),
            "z" => pen = start,
            other => panic!("unexpected {other:?} in the bar path"),
        }
        edges.extend([pen.0, pen.1]);
    }
    edges
}

#[test]
fn every_bar_edge_lies_on_the_dot_grid() {
    for (size, _, dpi) in CASES {
        let opts = options(size, dpi);
        let k = opts.checked().unwrap().1.dots_per_mm();
        let rendered = render_label(&order(), &opts).unwrap();
        let coords = bar_coordinates(&rendered.svg);
        assert!(coords.len() > 100);
        for v in coords {
            let dots = v * k;
            assert!(
                (dots - dots.round()).abs() < 0.01,
                "{size}@{dpi}: {v} mm is {dots} dots"
            );
        }
        for b in &rendered.layout.barcodes {
            assert!(b.module_dots >= 2);
            assert!(b.quiet_zone_mm * k >= f64::from(10 * b.module_dots) - 0.01);
            assert!(
                b.x_mm - b.quiet_zone_mm >= -0.001,
                "quiet zone inside the label"
            );
            assert!(b.x_mm + b.width_mm + b.quiet_zone_mm <= opts.size.mm().0 + 0.001);
            assert!(
                b.height_mm >= 0.15 * (b.width_mm + 2.0 * b.quiet_zone_mm),
                "bar height ≥ 15 % of the symbol"
            );
        }
    }
    // 3 dots (0.375 mm) at 203 dpi where it fits.
    let layout = label_layout(&order(), &LabelOptions::default()).unwrap();
    assert_eq!(layout.barcodes[0].module_dots, 3);
}

#[test]
fn layout_reports_barcode_boxes_in_label_coordinates() {
    let layout = label_layout(&order(), &LabelOptions::default()).unwrap();
    assert_eq!(
        (layout.width_mm, layout.height_mm, layout.dpi),
        (75.0, 120.0, 203)
    );
    let upper = &layout.barcodes[0];
    let lower = &layout.barcodes[1];
    assert_eq!(
        (upper.role, lower.role),
        (BarcodeRole::Upper, BarcodeRole::Lower)
    );
    assert!(
        upper.y_mm + upper.height_mm < lower.y_mm,
        "upper above lower"
    );
    assert!(lower.y_mm + lower.height_mm <= 120.0);
    for t in &layout.texts {
        assert!(t.x_mm >= 0.0 && t.x_mm + t.width_mm <= 75.0, "{t:?}");
        assert!(t.baseline_mm > 0.0 && t.baseline_mm < 120.0, "{t:?}");
    }
    assert!(layout
        .texts
        .iter()
        .any(|t| t.role == "postingNumber" && t.text == "0208194185-0001-1"));
    assert!(
        !layout.texts.iter().any(|t| t.role == "cluster"),
        "no cluster unless asked"
    );
}

#[test]
fn missing_barcodes_fall_back_to_the_posting_number_with_a_warning() {
    let order = import_posting_str(V3).unwrap();
    let rendered = render_label(&order, &LabelOptions::default()).unwrap();
    assert_eq!(rendered.layout.barcodes.len(), 1);
    assert_eq!(rendered.layout.barcodes[0].value, "23713478-0018-3");
    assert_eq!(rendered.layout.warnings[0].code, "UPPER_BARCODE_FALLBACK");
}

#[test]
fn content_that_cannot_fit_is_an_error_naming_the_element() {
    let narrow = LabelOptions {
        size: LabelSize::Custom {
            width_mm: 30.0,
            height_mm: 60.0,
        },
        ..LabelOptions::default()
    };
    let err = render_label(&order(), &narrow).unwrap_err();
    assert_eq!(err.code(), "LABEL_DOES_NOT_FIT");
    match err {
        LabelError::DoesNotFit {
            element,
            needed_mm,
            available_mm,
        } => {
            assert_eq!(element, "upperBarcode");
            assert_eq!(available_mm, 30.0);
            assert!(needed_mm > 30.0 && needed_mm < 50.0, "{needed_mm}");
        }
        other => panic!("{other:?}"),
    }
    let flat = LabelOptions {
        size: LabelSize::Custom {
            width_mm: 100.0,
            height_mm: 20.0,
        },
        ..LabelOptions::default()
    };
    assert_eq!(
        render_label(&order(), &flat).unwrap_err().code(),
        "LABEL_DOES_NOT_FIT"
    );
    let tiny = LabelOptions {
        size: LabelSize::Custom {
            width_mm: 5.0,
            height_mm: 60.0,
        },
        ..LabelOptions::default()
    };
    assert_eq!(
        render_label(&order(), &tiny).unwrap_err().code(),
        "LABEL_INVALID_SIZE"
    );
    let dpi = LabelOptions {
        dpi: 0.0,
        ..LabelOptions::default()
    };
    assert_eq!(
        render_label(&order(), &dpi).unwrap_err().code(),
        "LABEL_INVALID_DPI"
    );
    let nan = LabelOptions {
        dpi: f64::NAN,
        ..LabelOptions::default()
    };
    assert_eq!(
        render_label(&order(), &nan).unwrap_err().code(),
        "LABEL_INVALID_DPI"
    );
    let cluster = LabelOptions {
        cluster: Some("Z".into()),
        ..LabelOptions::default()
    };
    assert_eq!(
        render_label(&order(), &cluster).unwrap_err().code(),
        "LABEL_INVALID_OPTION"
    );
}

#[test]
fn cyrillic_in_a_barcode_is_an_error_naming_the_character() {
    let mut order = order();
    order.barcodes.upper = Some("%101%Ж1".into());
    let err = render_label(&order, &LabelOptions::default()).unwrap_err();
    assert_eq!(err.code(), "BARCODE_UNENCODABLE_CHAR");
    assert!(
        err.to_string().contains("'Ж'") && err.to_string().contains("position 5"),
        "{err}"
    );
}

#[test]
fn hostile_text_stays_data() {
    let mut order = order();
    order.posting_number = "</title><script>alert(1)</script>\u{202E}\u{0007}]]>".into();
    order.products[0].name = format!("</text><script>alert(1)</script>{}", "Ж".repeat(10_000));
    order.delivery_method.warehouse = "\"'&<>\u{0}".into();
    for (size, _, dpi) in CASES {
        let rendered = render_label(&order, &options(size, dpi)).unwrap();
        let doc = roxmltree::Document::parse(&rendered.svg).expect("well-formed XML");
        let names: std::collections::BTreeSet<&str> = doc
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(
            names,
            ["defs", "g", "path", "rect", "svg", "title", "use"]
                .into_iter()
                .collect()
        );
        for node in doc.descendants().filter(|n| n.is_element()) {
            for a in node.attributes() {
                assert!(
                    [
                        "xmlns",
                        "width",
                        "height",
                        "viewBox",
                        "fill",
                        "id",
                        "d",
                        "shape-rendering",
                        "transform",
                        "href",
                        "x"
                    ]
                    .contains(&a.name()),
                    "{}",
                    a.name()
                );
            }
        }
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text()
            .unwrap();
        assert!(
            title.contains("<script>"),
            "the title keeps the text, as text"
        );
        assert!(
            rendered
                .layout
                .warnings
                .iter()
                .any(|w| w.code == "TEXT_SHORTENED")
                || size == "58x40"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let a = render_label(&order(), &LabelOptions::default())
        .unwrap()
        .svg;
    let b = render_label(&order(), &LabelOptions::default())
        .unwrap()
        .svg;
    assert_eq!(a, b);
}

/// Draws a scene's rectangles (the bars) into a luma image, as a printer would.
fn bars_image(scene: &Scene, w: u32, h: u32) -> Vec<u8> {
    let mut img = vec![255u8; (w * h) as usize];
    for r in &scene.rects {
        for y in r.y..(r.y + r.h).min(h) {
            for x in r.x..(r.x + r.w).min(w) {
                img[(y * w + x) as usize] = 0;
            }
        }
    }
    img
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_values_render_and_decode(value in "[ -~]{1,48}", dpi in prop::sample::select(vec![203.0, 300.0])) {
        let mut order = order();
        order.barcodes.upper = Some(value.clone());
        order.barcodes.lower = None;
        let opts = LabelOptions { size: LabelSize::Custom { width_mm: 200.0, height_mm: 120.0 }, dpi, ..LabelOptions::default() };
        let data = label_data(&order, &opts).unwrap();
        let (layout, scene) = layout(&data, &opts).unwrap();
        let ((w, h), d) = opts.checked().unwrap();
        let (wd, hd) = (d.to_dots(crate::units::Mm(w)).0, d.to_dots(crate::units::Mm(h)).0);
        let img = bars_image(&scene, wd, hd);
        let decoded = decode_all(&img, wd, hd, &layout, d.dots_per_mm());
        prop_assert_eq!(decoded, vec![value.trim().to_owned()]);
    }
}

#[test]
fn a_warehouse_named_as_one_is_not_prefixed_twice() {
    let mut o = order();
    o.delivery_method.warehouse = "Склад на Ленина".into();
    let layout = label_layout(&o, &LabelOptions::default()).unwrap();
    let line = layout.texts.iter().find(|t| t.role == "warehouse").unwrap();
    assert_eq!(line.text, "Склад на Ленина");
}

#[test]
fn drawing_without_the_layout_boxes_draws_the_same() {
    // renderLabel and the printer take the scene-only path; it must not differ from the full layout.
    let mut orders = vec![order()];
    let mut fallback = order();
    fallback.barcodes.upper = None;
    orders.push(fallback);
    for order in &orders {
        for (size, _, dpi) in CASES {
            let opts = options(size, dpi);
            let full = render_label(order, &opts).unwrap();
            assert_eq!(render_svg(order, &opts).unwrap(), full.svg, "{size}@{dpi}");
            let data = label_data(order, &opts).unwrap();
            assert_eq!(
                scene(&data, &opts).unwrap(),
                layout(&data, &opts).unwrap().1
            );
            assert_eq!(
                label_scene(order, &opts).unwrap(),
                layout(&data, &opts).unwrap().1
            );
        }
    }
}

#[test]
fn nothing_else_is_drawn_on_a_barcode_or_its_quiet_zones() {
    // The cluster frame once ran into the lower barcode of a 58 × 40 label.
    for size in ["75x120", "58x40"] {
        for dpi in [203.0, 300.0] {
            let opts = options(size, dpi);
            let (layout, scene) = layout(&label_data(&order(), &opts).unwrap(), &opts).unwrap();
            let k = scene.dots_per_mm;
            for code in &layout.barcodes {
                let (left, right) = (
                    code.x_mm - code.quiet_zone_mm,
                    code.x_mm + code.width_mm + code.quiet_zone_mm,
                );
                let (top, bottom) = (code.y_mm, code.y_mm + code.height_mm);
                for r in &scene.rects {
                    let (x0, x1) = (f64::from(r.x) / k, f64::from(r.x + r.w) / k);
                    let (y0, y1) = (f64::from(r.y) / k, f64::from(r.y + r.h) / k);
                    // The layout states positions rounded to 0.001 mm.
                    let eps = 0.001;
                    let is_bar = x0 >= code.x_mm - eps
                        && x1 <= code.x_mm + code.width_mm + eps
                        && y0 >= top - eps
                        && y1 <= bottom + eps;
                    let meets = x0 < right && x1 > left && y0 < bottom && y1 > top;
                    assert!(
                        is_bar || !meets,
                        "{size} {dpi} dpi: {r:?} is drawn on the {:?} barcode",
                        code.role
                    );
                }
            }
            assert!(
                layout.texts.iter().any(|t| t.role == "cluster"),
                "{size} {dpi}"
            );
        }
    }
}

#[test]
fn the_shipment_date_is_the_sellers_day_when_asked() {
    // 21:30 UTC on the 27th is already the 28th in Moscow.
    let mut o = order();
    o.shipment_date = crate::timestamp::Timestamp::parse("2026-11-27T21:30:00Z").unwrap();
    let date = |offset: Option<i32>| {
        let opts = LabelOptions {
            utc_offset_minutes: offset,
            ..LabelOptions::default()
        };
        label_data(&o, &opts).unwrap().shipment_date
    };
    assert_eq!(date(None), "27.11.2026");
    assert_eq!(date(Some(180)), "28.11.2026");
    assert_eq!(date(Some(-600)), "27.11.2026");
    let err = crate::json::from_json::<LabelOptions>(r#"{"utcOffsetMinutes":-721}"#).unwrap_err();
    assert_eq!(err.path, "utcOffsetMinutes");
}

#[test]
fn a_cluster_letter_is_drawn_legibly_or_refused() {
    let with_cluster = |height: f64| {
        let opts: LabelOptions = crate::json::from_value(serde_json::json!({
            "size": { "widthMm": 58, "heightMm": height }, "cluster": "B"
        }))
        .unwrap();
        label_layout(&order(), &opts)
    };
    let standard = with_cluster(40.0).unwrap();
    assert!(standard.warnings.is_empty(), "{:?}", standard.warnings);
    // Shorter labels leave less room between the barcodes: first a warning, then a refusal.
    let outcomes: Vec<Result<bool, LabelError>> = (300..400)
        .step_by(5)
        .map(|tenths| {
            with_cluster(f64::from(tenths) / 10.0)
                .map(|l| l.warnings.iter().any(|w| w.code == "CLUSTER_LETTER_SMALL"))
        })
        .collect();
    assert!(outcomes.iter().any(|o| matches!(o, Ok(true))));
    assert!(outcomes
        .iter()
        .any(|o| matches!(o, Err(LabelError::DoesNotFit { element, .. }) if element == "cluster")));
}

#[test]
fn label_source_errors_name_the_orders_types() {
    let reason = |json: &str| {
        crate::json::from_json::<LabelSource>(json)
            .unwrap_err()
            .reason
    };
    assert_eq!(
        reason("[]"),
        "invalid type: sequence, expected struct Order"
    );
    assert_eq!(
        reason(r#"{"postingNumber":"1","shipmentDate":"2026-11-27T09:30:00Z","products":[5]}"#),
        "invalid type: integer `5`, expected struct Product"
    );
}
