use crate::json::ToJson;

use crate::order::Order;

/// What a cargo label shows, taken from an order: plain text, no layout.
#[derive(Debug, Clone, PartialEq, Eq, ToJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
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
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "number"))]
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
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "string"))]
    pub cluster: Option<char>,
    /// The upper barcode is the posting number because Ozon supplied no barcodes.
    #[serde(default)]
    pub upper_is_fallback: bool,
}

impl LabelData {
    /// The label content of an order, for box `box_index` of `box_count`, its shipment date as the
    /// calendar shows it at `utc_offset_minutes` (the date's own offset when `None`).
    pub fn from_order(
        order: &Order,
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
        let carrier = if order.delivery_method.tpl_provider.is_empty() {
            order.delivery_method.name.clone()
        } else {
            order.delivery_method.tpl_provider.clone()
        };
        let delivery_method = if order.delivery_method.name == carrier {
            String::new()
        } else {
            order.delivery_method.name.clone()
        };
        let contents = match order.products.as_slice() {
            [] => String::new(),
            [only] => only.name.clone(),
            [first, rest @ ..] => format!("{} + ещё {}", first.name, rest.len()),
        };
        let (y, m, d) = order.shipment_date.date_at(utc_offset_minutes);
        LabelData {
            posting_number: order.posting_number.clone(),
            upper_barcode: upper.unwrap_or(&order.posting_number).to_owned(),
            lower_barcode: order
                .barcodes
                .lower
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            tracking_number: order.tracking_number.clone(),
            carrier,
            delivery_method,
            warehouse: order.delivery_method.warehouse.clone(),
            shipment_date: format!("{d:02}.{m:02}.{y:04}"),
            item_count: order.item_count(),
            contents,
            box_index,
            box_count,
            cluster,
            upper_is_fallback: upper.is_none(),
        }
    }
}
