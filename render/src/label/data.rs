use std::borrow::Cow;

use crate::json::{FromJson, ToJson};
use crate::timestamp::Timestamp;

/// What a cargo label shows, taken from an order: plain text, no layout.
#[derive(Debug, Clone, PartialEq, Eq, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(optional_fields)
)]
pub struct LabelData {
    /// The posting number.
    pub posting_number: String,
    /// The upper barcode's value: the one warehouses scan.
    pub upper_barcode: String,
    /// The lower barcode's value, for Ozon's internal system, if Ozon supplied one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower_barcode: Option<String>,
    /// The tracking number, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// The carrier's name (e.g. "Ozon Логистика").
    #[serde(default)]
    pub carrier: String,
    /// The delivery method's name.
    #[serde(default)]
    pub delivery_method: String,
    /// The seller's warehouse.
    #[serde(default)]
    pub warehouse: String,
    /// The shipment date as printed, `DD.MM.YYYY`.
    #[serde(default)]
    pub shipment_date: String,
    /// How many items the parcel holds.
    #[cfg_attr(
        all(any(test, feature = "testing"), not(target_arch = "wasm32")),
        ts(type = "number")
    )]
    pub item_count: u64,
    /// What is in the parcel, in one line (the first product, and how many more).
    #[serde(default)]
    pub contents: String,
    /// This box's number, from 1.
    pub box_index: u32,
    /// How many boxes the posting has.
    pub box_count: u32,
    /// The customer's Ozon cluster letter (A–F), shown at the bottom right of the upper barcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        all(any(test, feature = "testing"), not(target_arch = "wasm32")),
        ts(type = "string")
    )]
    pub cluster: Option<char>,
    /// The upper barcode is the posting number because Ozon supplied no barcodes.
    #[serde(default)]
    pub upper_is_fallback: bool,
}

/// What a cargo label is made from: the fields of an order it shows, borrowed from an order or read
/// from the order's JSON. Reading it skips every other field of the order unread, so a label costs
/// no more than what it prints; the names and types are the order's own.
#[derive(Debug, Clone, PartialEq, FromJson)]
#[serde(rename = "Order", rename_all = "camelCase")]
pub struct LabelSource<'a> {
    /// The posting number.
    #[serde(borrow)]
    pub posting_number: Cow<'a, str>,
    /// The carrier's tracking number, once registered.
    #[serde(default, borrow)]
    pub tracking_number: Option<Cow<'a, str>>,
    /// The two barcodes.
    #[serde(default, borrow)]
    pub barcodes: SourceBarcodes<'a>,
    /// The time by which the parcel must be handed over (the label prints its date).
    pub shipment_date: Timestamp,
    /// The delivery method, carrier and warehouse.
    #[serde(default, borrow)]
    pub delivery_method: SourceDeliveryMethod<'a>,
    /// The product lines.
    #[serde(borrow)]
    pub products: Vec<SourceProduct<'a>>,
}

/// Every JSON key [`LabelSource`] reads, at any depth: what a caller holding the whole order needs to
/// pass on (the binding layer has `JSON.stringify` write only these).
pub const LABEL_SOURCE_KEYS: &[&str] = &[
    "postingNumber",
    "trackingNumber",
    "barcodes",
    "upper",
    "lower",
    "shipmentDate",
    "deliveryMethod",
    "name",
    "warehouse",
    "tplProvider",
    "products",
    "quantity",
];

/// An order's barcodes, as a label reads them.
#[derive(Debug, Clone, PartialEq, Default, FromJson)]
#[serde(rename = "Barcodes")]
pub struct SourceBarcodes<'a> {
    /// The upper barcode: the one warehouses scan.
    #[serde(default, borrow)]
    pub upper: Option<Cow<'a, str>>,
    /// The lower barcode: for Ozon's internal system.
    #[serde(default, borrow)]
    pub lower: Option<Cow<'a, str>>,
}

/// An order's delivery method, as a label reads it.
#[derive(Debug, Clone, PartialEq, Default, FromJson)]
#[serde(rename = "DeliveryMethod", rename_all = "camelCase")]
pub struct SourceDeliveryMethod<'a> {
    /// The delivery method's name.
    #[serde(default, borrow)]
    pub name: Cow<'a, str>,
    /// The seller's warehouse.
    #[serde(default, borrow)]
    pub warehouse: Cow<'a, str>,
    /// The carrier.
    #[serde(default, borrow)]
    pub tpl_provider: Cow<'a, str>,
}

/// A product line, as a label reads it.
#[derive(Debug, Clone, PartialEq, FromJson)]
#[serde(rename = "Product")]
pub struct SourceProduct<'a> {
    /// The product name.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// How many items.
    pub quantity: u32,
}

impl LabelData {
    /// The label content of an order, for box `box_index` of `box_count`, its shipment date as the
    /// calendar shows it at `utc_offset_minutes` (the date's own offset when `None`).
    pub fn from_source(
        order: &LabelSource<'_>,
        box_index: u32,
        box_count: u32,
        cluster: Option<char>,
        utc_offset_minutes: Option<i32>,
    ) -> LabelData {
        let upper = order
            .barcodes
            .upper
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let delivery = &order.delivery_method;
        let carrier = if delivery.tpl_provider.is_empty() {
            &delivery.name
        } else {
            &delivery.tpl_provider
        };
        let delivery_method = if delivery.name == *carrier {
            String::new()
        } else {
            delivery.name.to_string()
        };
        let contents = match order.products.as_slice() {
            [] => String::new(),
            [only] => only.name.to_string(),
            [first, rest @ ..] => format!("{} + ещё {}", first.name, rest.len()),
        };
        let (y, m, d) = order.shipment_date.date_at(utc_offset_minutes);
        LabelData {
            posting_number: order.posting_number.to_string(),
            upper_barcode: upper.unwrap_or(&order.posting_number).to_owned(),
            lower_barcode: order
                .barcodes
                .lower
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            tracking_number: order.tracking_number.as_deref().map(str::to_owned),
            carrier: carrier.to_string(),
            delivery_method,
            warehouse: delivery.warehouse.to_string(),
            shipment_date: format!("{d:02}.{m:02}.{y:04}"),
            item_count: order.products.iter().map(|p| u64::from(p.quantity)).sum(),
            contents,
            box_index,
            box_count,
            cluster,
            upper_is_fallback: upper.is_none(),
        }
    }
}
