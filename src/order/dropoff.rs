//! The drop-off plan: the orders still the seller's to ship, grouped by warehouse and shipment day,
//! with how many are late and how many are due soon — what to take to the collection point, and when.

use crate::json::{FromJson, ToJson};

use super::model::Order;
use super::tab::{deadline, seller_tab, DeadlineOptions, DeadlineState, SellerTab};
use crate::timestamp::Timestamp;

/// Options for [`drop_off_plan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct DropOffOptions {
    /// How many minutes before its shipment date an order counts as due soon (default 120).
    pub window_minutes: u32,
    /// The seller's offset from UTC in minutes, which decides the day an order is grouped under
    /// (Ozon writes UTC). Default: each shipment date's own offset.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::json::utc_offset"
    )]
    pub utc_offset_minutes: Option<i32>,
}

impl Default for DropOffOptions {
    fn default() -> Self {
        DropOffOptions {
            window_minutes: 120,
            utc_offset_minutes: None,
        }
    }
}

/// The orders to ship, grouped.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DropOffPlan {
    /// One group per warehouse and shipment day, earliest shipment date first.
    pub groups: Vec<DropOffGroup>,
}

/// The orders of one warehouse due on one day.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
pub struct DropOffGroup {
    /// The warehouse id, when the postings carry one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "number"))]
    pub warehouse_id: Option<u64>,
    /// The warehouse name (of the group's first order).
    pub warehouse: String,
    /// The shipment day, `YYYY-MM-DD`, in the shipment date's own offset.
    pub date: String,
    /// The group's earliest shipment date.
    pub first_shipment_date: Timestamp,
    /// The posting numbers, by shipment date, then posting number.
    pub posting_numbers: Vec<String>,
    /// How many orders are past their shipment date.
    pub late: u32,
    /// How many are due within the window (and not late).
    pub due_soon: u32,
}

/// Groups the orders the seller still has to ship ("Ready to be prepared" and "Ready to be
/// shipped") by warehouse and shipment day, counting the late ones and those due within
/// `options.window_minutes` of `now`. Other orders are left out.
pub fn drop_off_plan(orders: &[Order], now: &Timestamp, options: DropOffOptions) -> DropOffPlan {
    let deadline_options = DeadlineOptions {
        due_soon_minutes: options.window_minutes,
    };
    // Key: warehouse id (or, without one, its name) and the day. Grouped by a stable sort on it rather
    // than a map, whose code the module would carry for this alone.
    type Key = (Option<u64>, String, String);
    let mut keyed: Vec<(Key, &Order)> = orders
        .iter()
        .filter(|order| {
            matches!(
                seller_tab(order),
                SellerTab::ReadyToPrepare | SellerTab::ReadyToShip
            )
        })
        .map(|order| {
            let method = &order.delivery_method;
            let name = if method.warehouse_id.is_some() {
                String::new()
            } else {
                method.warehouse.clone()
            };
            (
                (
                    method.warehouse_id,
                    name,
                    day_of(&order.shipment_date, options.utc_offset_minutes),
                ),
                order,
            )
        })
        .collect();
    crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<DropOffGroup> = Vec::new();
    for same_key in keyed.chunk_by(|a, b| a.0 == b.0) {
        let Some(((_, _, day), first)) = same_key.first() else {
            continue;
        };
        let method = &first.delivery_method;
        let mut group = DropOffGroup {
            warehouse_id: method.warehouse_id,
            warehouse: method.warehouse.clone(),
            date: day.clone(),
            first_shipment_date: first.shipment_date.clone(),
            posting_numbers: Vec::new(),
            late: 0,
            due_soon: 0,
        };
        let mut postings: Vec<(i64, String)> = Vec::with_capacity(same_key.len());
        for &(_, order) in same_key {
            if order.shipment_date.unix_seconds() < group.first_shipment_date.unix_seconds() {
                group.first_shipment_date = order.shipment_date.clone();
            }
            match deadline(order, now, deadline_options).state {
                DeadlineState::Overdue => group.late = group.late.saturating_add(1),
                DeadlineState::DueSoon => group.due_soon = group.due_soon.saturating_add(1),
                DeadlineState::OnTime | DeadlineState::NotApplicable => {}
            }
            postings.push((
                order.shipment_date.unix_seconds(),
                order.posting_number.clone(),
            ));
        }
        crate::sort::sort_by(&mut postings, Ord::cmp);
        group.posting_numbers = postings.into_iter().map(|(_, p)| p).collect();
        out.push(group);
    }
    crate::sort::sort_by(&mut out, |a, b| {
        (
            a.first_shipment_date.unix_seconds(),
            &a.warehouse,
            a.warehouse_id,
        )
            .cmp(&(
                b.first_shipment_date.unix_seconds(),
                &b.warehouse,
                b.warehouse_id,
            ))
    });
    DropOffPlan { groups: out }
}

/// The calendar day (`YYYY-MM-DD`) of a date-time at the seller's offset, or in its own.
fn day_of(t: &Timestamp, utc_offset_minutes: Option<i32>) -> String {
    let (y, m, d) = t.date_at(utc_offset_minutes);
    format!("{y:04}-{m:02}-{d:02}")
}
