//! Generates the TypeScript declarations of every type that crosses the JS boundary, from the Rust
//! types themselves (ts-rs, test-only), into `src/wasm/types.d.ts`, which the binding layer embeds in
//! the package's `.d.ts`. The test fails when the file is stale; `UPDATE_GOLDEN=1` rewrites it.

use ts_rs::{Config, TS};

use crate::order::{self, import};
use crate::packing;

fn declarations() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        crate::timestamp::Timestamp::decl(&cfg),
        order::Order::decl(&cfg),
        order::Barcodes::decl(&cfg),
        order::DeliveryMethod::decl(&cfg),
        order::Product::decl(&cfg),
        order::Money::decl(&cfg),
        order::Progress::decl(&cfg),
        order::Prepared::decl(&cfg),
        order::HandOver::decl(&cfg),
        order::Rejection::decl(&cfg),
        order::Dispute::decl(&cfg),
        order::Cancellation::decl(&cfg),
        order::Actor::decl(&cfg),
        order::Origin::decl(&cfg),
        order::Event::decl(&cfg),
        order::EventType::decl(&cfg),
        order::DisputeOutcome::decl(&cfg),
        order::PackageSplit::decl(&cfg),
        order::PackageItem::decl(&cfg),
        order::SellerTab::decl(&cfg),
        order::DeadlineState::decl(&cfg),
        order::DeadlineOptions::decl(&cfg),
        order::Deadline::decl(&cfg),
        import::RawPosting::decl(&cfg),
        import::RawDeliveryMethod::decl(&cfg),
        import::RawProduct::decl(&cfg),
        import::RawBarcodes::decl(&cfg),
        crate::label::LabelOptions::decl(&cfg),
        crate::label::LabelSize::decl(&cfg),
        crate::label::NamedSize::decl(&cfg),
        crate::label::LabelLayout::decl(&cfg),
        crate::label::BarcodeBox::decl(&cfg),
        crate::label::BarcodeRole::decl(&cfg),
        crate::label::TextBox::decl(&cfg),
        crate::label::LabelWarning::decl(&cfg),
        crate::label::LabelData::decl(&cfg),
        crate::handover::Act::decl(&cfg),
        crate::handover::NoteOptions::decl(&cfg),
        packing::Packing::decl(&cfg),
        packing::Package::decl(&cfg),
        packing::PackageKind::decl(&cfg),
        packing::AttachedLabel::decl(&cfg),
        packing::Face::decl(&cfg),
        packing::PrintMethod::decl(&cfg),
        packing::LabelSurface::decl(&cfg),
        packing::TapeStrip::decl(&cfg),
        packing::PackingProfile::decl(&cfg),
        packing::LabelSpec::decl(&cfg),
        packing::Violation::decl(&cfg),
        packing::ViolationCode::decl(&cfg),
        packing::Severity::decl(&cfg),
        packing::Message::decl(&cfg),
        order::DropOffOptions::decl(&cfg),
        order::DropOffPlan::decl(&cfg),
        order::DropOffGroup::decl(&cfg),
    ];
    let statuses: Vec<String> = order::Status::KNOWN
        .iter()
        .map(|s| format!("\"{}\"", s.as_str()))
        .collect();
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test --lib ts_types`; do not edit.\n\
         // Regenerate: UPDATE_GOLDEN=1 cargo test --lib ts_types\n\n",
    );
    out.push_str(&format!(
        "/** An Ozon posting status; statuses Ozon adds later arrive verbatim as other strings. */\n\
         export type OzonStatus = {} | (string & {{}});\n\n",
        statuses.join(" | ")
    ));
    out.push_str(
        "/** Posting JSON accepted by `importPostings`: one posting, an array, or a list response. */\n\
         export type OzonPostingList = OzonPosting | OzonPosting[] | { result: { postings: OzonPosting[] } | OzonPosting[] | OzonPosting } | { postings: OzonPosting[] };\n\n",
    );
    out.push_str(
        "/** Options of `deadline`; every field may be left out. */\n\
         export type DeadlineOptions = Partial<DeadlineOptionsFields>;\n\n\
         /** Options of `renderLabel` and `labelLayout`; every field may be left out. */\n\
         export type LabelOptions = Partial<LabelOptionsFields>;\n\n\
         /** Options of `renderHandoverNote`; every field may be left out. */\n\
         export type HandoverNoteOptions = Partial<HandoverNoteOptionsFields>;\n\n",
    );
    let profile_names: Vec<String> = packing::BUILTIN_PROFILES
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect();
    out.push_str(&format!(
        "/** The name of a built-in packing profile. */\n\
         export type PackingProfileName = {};\n\n",
        profile_names.join(" | ")
    ));
    out.push_str(
        "/** A drop-off point's limits as `/v1/posting/fbs/restrictions` returns them: grams, centimetres, roubles. */\n\
         export type OzonRestrictions = { posting_number?: string, max_posting_weight: number, min_posting_weight?: number, width: number, length: number, height: number, max_posting_price?: number, min_posting_price?: number };\n\n",
    );
    let languages: Vec<String> = crate::printer::Language::ALL
        .iter()
        .map(|l| format!("\"{}\"", l.name()))
        .collect();
    out.push_str(&format!(
        "/** A thermal printer language. */\n\
         export type PrintLanguage = {};\n\n\
         /** A 1-bit label raster: 1 = black, most significant bit leftmost, rows padded to whole bytes. */\n\
         export type Bitmap = {{ widthDots: number, heightDots: number, bytesPerRow: number, data: Uint8Array }};\n\n\
         /** Options of `printJob` and `decodeJob`: the printer job and the label design. Defaults: tspl, 203 dpi, 75x120, gap 3 mm, density 8 (0–15), speed 4 ips, 1 copy, rotation 0. */\n\
         export type PrintOptions = {{ language?: PrintLanguage, dpi?: number, size?: LabelSize, gapMm?: number, density?: number, speed?: number, copies?: number, rotation?: 0 | 90 | 180 | 270, xOffset?: number, zplGraphic?: \"z64\" | \"hex\", cluster?: string, boxIndex?: number, boxCount?: number, utcOffsetMinutes?: number }};\n\n",
        languages.join(" | ")
    ));
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn typescript_declarations_are_current() {
    let actual = declarations();
    let code = actual
        .lines()
        .filter(|l| !l.trim_start().starts_with(['*', '/']));
    let uses_any = code
        .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
        .any(|w| w == "any");
    assert!(!uses_any, "the generated types must not use `any`");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wasm/types.d.ts");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "src/wasm/types.d.ts is stale: rerun with UPDATE_GOLDEN=1"
    );
}
