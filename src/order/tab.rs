use crate::json::{FromJson, ToJson};

use super::model::Order;
use super::status::Status;
use crate::timestamp::Timestamp;

/// The tab of the seller's order list an order is shown in, as sellers know them from the marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum SellerTab {
    /// "Ready to be prepared".
    ReadyToPrepare,
    /// "Ready to be shipped" (registered or not, label printed or not, packed or not).
    ReadyToShip,
    /// Handed over at the collection point, not yet moving.
    HandedOver,
    /// On its way to the customer.
    InDelivery,
    /// Rejected by the sorting center, or in a dispute.
    Disputed,
    /// Delivered.
    Delivered,
    /// Cancelled.
    Cancelled,
    /// A status this crate does not know and cannot place.
    Other,
}

impl SellerTab {
    /// Every tab, in the order sellers see them.
    pub const ALL: &'static [SellerTab] = &[
        SellerTab::ReadyToPrepare,
        SellerTab::ReadyToShip,
        SellerTab::HandedOver,
        SellerTab::InDelivery,
        SellerTab::Disputed,
        SellerTab::Delivered,
        SellerTab::Cancelled,
        SellerTab::Other,
    ];
}

/// The tab the order is shown in.
pub fn seller_tab(order: &Order) -> SellerTab {
    tab_of(
        &order.status,
        order.substatus.as_deref(),
        order.progress.handed_over,
    )
}

fn tab_of(status: &Status, substatus: Option<&str>, handed_over: bool) -> SellerTab {
    use SellerTab as T;
    match status {
        Status::AwaitingVerification | Status::AwaitingApprove | Status::AwaitingPackaging => {
            T::ReadyToPrepare
        }
        Status::AwaitingRegistration => T::ReadyToShip,
        Status::AwaitingDeliver if handed_over => T::HandedOver,
        Status::AwaitingDeliver => T::ReadyToShip,
        Status::AcceptanceInProgress => T::HandedOver,
        Status::DriverPickup | Status::Delivering | Status::SentBySeller => T::InDelivery,
        Status::NotAccepted | Status::Arbitration | Status::ClientArbitration => T::Disputed,
        Status::Delivered => T::Delivered,
        Status::Cancelled | Status::CancelledFromSplitPending => T::Cancelled,
        // Seen in practice since Ozon's asynchronous assembly: the "ship" request is in progress.
        Status::Unknown(s) if s == "ship_in_process" => T::ReadyToShip,
        Status::Unknown(_) => match substatus.and_then(Status::of_substatus) {
            Some(known) => tab_of(&known, None, handed_over),
            None => T::Other,
        },
    }
}

/// How an order stands against its shipment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DeadlineState {
    /// More than the due-soon window left.
    OnTime,
    /// Within the due-soon window.
    DueSoon,
    /// The shipment date has passed.
    Overdue,
    /// The parcel is no longer the seller's to ship (handed over, in delivery, closed).
    NotApplicable,
}

/// Options for [`deadline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "DeadlineOptionsFields"))]
pub struct DeadlineOptions {
    /// How many minutes before the shipment date an order counts as due soon (default 120).
    pub due_soon_minutes: u32,
}

impl Default for DeadlineOptions {
    fn default() -> Self {
        DeadlineOptions {
            due_soon_minutes: 120,
        }
    }
}

/// An order's shipment deadline against `now`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Deadline {
    /// On time, due soon, overdue, or not applicable.
    pub state: DeadlineState,
    /// Whole minutes left until the shipment date (negative once overdue).
    #[cfg_attr(test, ts(type = "number"))]
    pub minutes_left: i64,
    /// The shipment date.
    pub shipment_date: Timestamp,
}

/// The order's shipment date (`shipment_date`) against `now`.
pub fn deadline(order: &Order, now: &Timestamp, options: DeadlineOptions) -> Deadline {
    let minutes_left = now.minutes_until(&order.shipment_date);
    let seller_must_ship = matches!(
        seller_tab(order),
        SellerTab::ReadyToPrepare | SellerTab::ReadyToShip
    );
    let state = if !seller_must_ship {
        DeadlineState::NotApplicable
    } else if order.shipment_date.unix_seconds() <= now.unix_seconds() {
        DeadlineState::Overdue
    } else if minutes_left < i64::from(options.due_soon_minutes) {
        DeadlineState::DueSoon
    } else {
        DeadlineState::OnTime
    };
    Deadline {
        state,
        minutes_left,
        shipment_date: order.shipment_date.clone(),
    }
}
