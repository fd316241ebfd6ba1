//! Output safety: hostile text from a posting (markup, `]]>`, control characters, bidi overrides,
//! emoji, combining marks, 10,000-character names) goes through every renderer. The label SVG stays
//! well-formed XML with only the writer's own elements and attributes, its title keeps every character
//! XML can carry; print jobs hold exactly the label rasters, in every printer language.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../fuzz/src/harness.rs"]
#[allow(dead_code)]
mod harness;

use fbskit::label::{render_label, LabelOptions};
use fbskit::order::Order;
use fbskit::printer::{self, decode, Language};
use fbskit::ErrorCode;
use serde_json::json;

/// Every hostile string, plus a 10,000-character name and a name of 10,000 combining marks.
fn hostile() -> Vec<String> {
    let mut all: Vec<String> = harness::HOSTILE.iter().map(|s| (*s).to_owned()).collect();
    all.push("Ж".repeat(10_000));
    all.push(format!("a{}", "\u{301}".repeat(9_999)));
    all.push("<g><script>".repeat(1_000));
    all
}

/// The v4 fixture (registered, with barcodes) with `text` in every free-text field a label shows.
fn order_with(text: &str) -> Order {
    let mut order = harness::fixture(true);
    order.posting_number = text.to_owned();
    order.tracking_number = Some(text.to_owned());
    order.delivery_method.name = text.to_owned();
    order.delivery_method.tpl_provider = text.to_owned();
    order.delivery_method.warehouse = text.to_owned();
    for product in &mut order.products {
        product.name = text.to_owned();
    }
    order
}

/// What XML 1.0 can carry of `text`, as the SVG writer escapes it: tabs and line breaks become
/// spaces, other C0 controls and U+FFFE/U+FFFF are dropped.
fn as_xml_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

#[test]
fn label_svg_stays_well_formed_and_keeps_the_text() {
    for text in hostile() {
        let order = order_with(&text);
        let rendered = render_label(&order, &LabelOptions::default())
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        harness::check_svg(&rendered.svg);
        let doc = roxmltree::Document::parse(&rendered.svg).unwrap();
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert_eq!(
            title,
            as_xml_text(&format!("Ozon cargo label {text}")),
            "{text:?}"
        );
        // The layout hands the text to JS as JSON: it must serialize, whatever it holds.
        fbskit::json::to_json(&rendered.layout);
    }
}

#[test]
fn hostile_barcode_values_render_or_fail_with_a_code() {
    for text in hostile() {
        let mut order = harness::fixture(true);
        order.barcodes.upper = Some(text.clone());
        order.barcodes.lower = Some(text.clone());
        match render_label(&order, &LabelOptions::default()) {
            Ok(rendered) => harness::check_svg(&rendered.svg),
            Err(e) => assert!(
                e.code().starts_with("BARCODE_") || e.code().starts_with("LABEL_"),
                "{text:?}: {}",
                e.code()
            ),
        }
    }
}

#[test]
fn print_jobs_hold_only_the_label_rasters() {
    for language in Language::ALL {
        for text in hostile() {
            let orders = [order_with(&text), harness::fixture(false)];
            let request =
                printer::print_request(&json!({ "language": language.name() }).to_string())
                    .unwrap();
            let job = printer::print_job(&orders, &request)
                .unwrap_or_else(|e| panic!("{language} {text:?}: {e}"));
            let labels = decode::decode_job(&job, &request.job).unwrap();
            assert_eq!(labels.len(), orders.len(), "{language} {text:?}");
            for (order, label) in orders.iter().zip(&labels) {
                assert!(*label == printer::rasterize(order, &request.label).unwrap());
            }
            if text.len() >= 6 && text.is_ascii() {
                let found = job.windows(text.len()).any(|w| w == text.as_bytes());
                assert!(
                    !found,
                    "{language}: the order's text {text:?} is in the job"
                );
            }
        }
    }
}
