//! The transition function: every (state, event) pair gives a new order or a typed refusal.
//!
//! `check` decides from the state alone whether an event type may happen (it is what
//! `available_events` lists); `apply` then validates the event's data and produces the new order.

use super::error::{OrderError, Refusal};
use super::event::{DisputeOutcome, Event, EventType, PackageSplit};
use super::model::{Actor, Cancellation, Dispute, HandOver, Order, Prepared, Rejection};
use super::status::Status;
use crate::json::Members;
use crate::packing;

/// Longest free text accepted in an event (act numbers, comments, reasons): generous, but bounded.
pub const MAX_EVENT_TEXT: usize = 1000;
/// Most events an order's history keeps. A real posting sees a dozen; the bound keeps `apply` (which
/// copies the order) and `replay` (which applies every entry) cheap for any order JS hands in.
pub const MAX_HISTORY: usize = 1000;

fn history_fits(order: &Order, extra: usize) -> Result<(), OrderError> {
    let len = order.history.len();
    if len.saturating_add(extra) > MAX_HISTORY {
        return Err(OrderError::HistoryTooLong {
            len,
            max: MAX_HISTORY,
        });
    }
    Ok(())
}

/// Whether an event of this type may happen to the order now, judged from its state alone.
pub fn check(order: &Order, event: EventType) -> Result<(), Refusal> {
    use EventType as E;
    use Status as S;
    let p = order.progress;
    let status = &order.status;
    if status.is_terminal() {
        // A status update may still refine the substatus of a closed order (delivered → received).
        return if event == E::StatusUpdate {
            Ok(())
        } else {
            Err(Refusal::Terminal)
        };
    }
    let ready_to_ship = matches!(status, S::AwaitingDeliver);
    let in_transit = matches!(status, S::AcceptanceInProgress | S::DriverPickup);
    let ok = |allowed: bool| {
        if allowed {
            Ok(())
        } else {
            Err(Refusal::WrongStatus)
        }
    };
    match event {
        E::MarkPrepared => ok(matches!(status, S::AwaitingPackaging)),
        E::Registered => match status {
            S::AwaitingRegistration => Ok(()),
            // Registered by a tracking number alone, the posting may still get its barcodes (until
            // then its label carries the posting number where warehouses scan).
            S::AwaitingDeliver if p.registered && order.barcodes.upper.is_some() => {
                Err(Refusal::AlreadyRegistered)
            }
            // The label on a handed-over parcel cannot be printed again: its barcodes are final.
            S::AwaitingDeliver if p.handed_over => Err(Refusal::AlreadyHandedOver),
            S::AwaitingDeliver => Ok(()),
            _ => Err(Refusal::WrongStatus),
        },
        E::PrintLabel => match status {
            S::AwaitingRegistration => Err(Refusal::NotRegistered),
            S::AwaitingDeliver if !p.registered => Err(Refusal::NotRegistered),
            S::AwaitingDeliver if p.handed_over => Err(Refusal::AlreadyHandedOver),
            _ => ok(ready_to_ship),
        },
        E::Pack => match status {
            S::AwaitingDeliver if p.handed_over => Err(Refusal::AlreadyHandedOver),
            _ => ok(ready_to_ship || matches!(status, S::AwaitingRegistration)),
        },
        E::HandOver => match status {
            S::AwaitingRegistration => Err(Refusal::NotRegistered),
            S::AwaitingDeliver if !p.registered => Err(Refusal::NotRegistered),
            S::AwaitingDeliver if p.handed_over => Err(Refusal::AlreadyHandedOver),
            S::AwaitingDeliver if !p.label_printed => Err(Refusal::LabelNotPrinted),
            S::AwaitingDeliver if !p.packed => Err(Refusal::NotPacked),
            _ => ok(ready_to_ship),
        },
        E::AcceptedByCarrier | E::RejectedBySortingCenter => match status {
            S::AwaitingDeliver if !p.handed_over => Err(Refusal::NotHandedOver),
            _ => ok(ready_to_ship || in_transit),
        },
        E::OpenDispute => ok(matches!(status, S::NotAccepted)),
        E::DisputeResolved => match status {
            S::Arbitration | S::ClientArbitration if dispute_resolution(order).is_some() => {
                Err(Refusal::DisputeResolved)
            }
            _ => ok(matches!(status, S::Arbitration | S::ClientArbitration)),
        },
        E::Reship => ok(matches!(status, S::NotAccepted | S::Arbitration)),
        E::Cancel => match status {
            S::AwaitingDeliver if p.handed_over => Err(Refusal::AlreadyHandedOver),
            _ => ok(matches!(
                status,
                S::AwaitingVerification
                    | S::AwaitingApprove
                    | S::AwaitingPackaging
                    | S::AwaitingRegistration
                    | S::AwaitingDeliver
                    | S::NotAccepted
                    | S::Arbitration
            )),
        },
        E::Delivered => ok(matches!(
            status,
            S::Delivering | S::DriverPickup | S::ClientArbitration | S::SentBySeller
        )),
        E::CancelledByPlatform | E::StatusUpdate => Ok(()),
    }
}

/// How the order's current dispute was resolved, if it was: the last resolution since the dispute
/// began (opened by the seller, reported by Ozon as a status, or the parcel shipped again).
fn dispute_resolution(order: &Order) -> Option<DisputeOutcome> {
    order.history.iter().rev().find_map(|e| match e {
        Event::DisputeResolved { outcome, .. } => Some(Some(*outcome)),
        Event::OpenDispute { .. } | Event::Reship { .. } => Some(None),
        Event::StatusUpdate {
            status, substatus, ..
        } => {
            let reported = status
                .clone()
                .or_else(|| substatus.as_deref().and_then(Status::of_substatus));
            matches!(
                reported,
                Some(Status::Arbitration | Status::ClientArbitration)
            )
            .then_some(None)
        }
        _ => None,
    })?
}

/// The event types that may happen to the order now, seller actions first.
pub fn available_events(order: &Order) -> Vec<EventType> {
    EventType::ALL
        .iter()
        .copied()
        .filter(|&e| check(order, e).is_ok())
        .collect()
}

/// Applies one event: the new order, with the event appended to its history, or why not.
pub fn apply(order: &Order, event: Event) -> Result<Order, OrderError> {
    admit(order, &event)?;
    let mut next = order.clone();
    change(&mut next, event);
    Ok(next)
}

/// Whether `event` may happen to the order now: room in its history, a transition its status
/// allows, and data that holds. Checked before the order is copied or changed.
fn admit(order: &Order, event: &Event) -> Result<(), OrderError> {
    let kind = event.event_type();
    history_fits(order, 1)?;
    check(order, kind).map_err(|refusal| OrderError::NotAllowed {
        status: order.status.as_str().to_owned(),
        event: kind,
        refusal,
    })?;
    validate(order, event)
}

/// The admitted event's changes, made to the order itself (so [`replay`] needs no copy per step).
fn change(next: &mut Order, event: Event) {
    let at = event.at().clone();
    match &event {
        Event::MarkPrepared { packages, .. } => {
            next.status = Status::AwaitingDeliver;
            next.substatus = None;
            next.prepared = Some(Prepared {
                at,
                packages: packages.clone(),
            });
            next.progress.registered = next.has_registration();
        }
        Event::Registered {
            tracking_number,
            barcodes,
            ..
        } => {
            if let Some(t) = non_empty(tracking_number) {
                next.tracking_number = Some(t.to_owned());
            }
            if let Some(u) = non_empty(&barcodes.upper) {
                // A label printed before the barcodes came carries the posting number instead: it
                // must be printed again.
                if next.progress.registered && next.barcodes.upper.is_none() {
                    next.progress.label_printed = false;
                }
                next.barcodes.upper = Some(u.to_owned());
            }
            if let Some(l) = non_empty(&barcodes.lower) {
                next.barcodes.lower = Some(l.to_owned());
            }
            next.status = Status::AwaitingDeliver;
            next.progress.registered = true;
        }
        Event::PrintLabel { .. } => next.progress.label_printed = true,
        Event::Pack { packing, .. } => {
            next.packing = Some(packing.clone());
            next.progress.packed = true;
        }
        Event::HandOver {
            act_number,
            collection_point,
            ..
        } => {
            next.hand_over = Some(HandOver {
                act_number: act_number.trim().to_owned(),
                collection_point: collection_point.trim().to_owned(),
                at,
            });
            next.progress.handed_over = true;
        }
        Event::AcceptedByCarrier { .. } => {
            next.status = Status::Delivering;
            next.substatus = None;
        }
        Event::RejectedBySortingCenter { reason, .. } => {
            next.status = Status::NotAccepted;
            next.substatus = Some("posting_not_in_sort_center".into());
            next.rejection = Some(Rejection {
                at,
                reason: reason.clone(),
            });
        }
        Event::OpenDispute { comment, .. } => {
            next.status = Status::Arbitration;
            next.substatus = Some("posting_in_arbitration".into());
            next.dispute = Some(Dispute {
                opened_at: at,
                comment: comment.clone(),
                outcome: None,
                resolved_at: None,
            });
        }
        Event::DisputeResolved { outcome, .. } => {
            if let Some(d) = next.dispute.as_mut() {
                d.outcome = Some(*outcome);
                d.resolved_at = Some(at.clone());
            }
            match outcome {
                DisputeOutcome::Found => {
                    next.status = Status::Delivering;
                    next.substatus = None;
                }
                DisputeOutcome::Reship => {}
                DisputeOutcome::Cancelled => cancel(next, Actor::Platform, None, None, at),
            }
        }
        Event::Reship { .. } => ship_again(next),
        Event::Cancel {
            reason_id, message, ..
        } => cancel(next, Actor::Seller, Some(*reason_id), message.clone(), at),
        Event::CancelledByPlatform {
            reason_id, message, ..
        } => cancel(next, Actor::Platform, *reason_id, message.clone(), at),
        Event::Delivered { .. } => {
            next.status = Status::Delivered;
            next.substatus = Some("posting_delivered".into());
        }
        Event::StatusUpdate {
            status,
            substatus,
            shipment_date,
            ..
        } => {
            if let Some(date) = shipment_date {
                next.shipment_date = date.clone();
            }
            let new_status = reported_status(next, status.as_ref(), substatus.as_deref());
            let back_to_shipping = new_status == Status::AwaitingDeliver
                && matches!(next.status, Status::NotAccepted | Status::Arbitration);
            if new_status != next.status {
                next.substatus = None;
            }
            next.status = new_status;
            if let Some(s) = substatus {
                next.substatus = Some(s.clone());
            }
            if back_to_shipping {
                ship_again(next);
            }
            if next.status == Status::Cancelled && next.cancellation.is_none() {
                next.cancellation = Some(Cancellation {
                    by: Actor::Platform,
                    reason_id: None,
                    message: None,
                    at,
                });
            }
            next.progress.registered |= next.has_registration();
        }
    }
    next.history.push(event);
}

/// Rebuilds the order from its imported state by applying its history again; it must come out
/// identical, so a hand edit of what events decide (status, progress, tracking number, barcodes,
/// packing, hand-over, dispute, cancellation) is caught. `origin` keeps only those, so edits to
/// products, delivery method or dates are not.
pub fn replay(order: &Order) -> Result<Order, OrderError> {
    history_fits(order, 0)?;
    let mut rebuilt = order.clone();
    rebuilt.reset_to_origin();
    for (index, event) in order.history.iter().enumerate() {
        admit(&rebuilt, event).map_err(|error| OrderError::ReplayFailed {
            index,
            error: Box::new(error),
        })?;
        change(&mut rebuilt, event.clone());
    }
    if let Some(field) = first_difference(order, &rebuilt) {
        return Err(OrderError::ReplayMismatch { field });
    }
    Ok(rebuilt)
}

/// The first top-level JSON field (by name) in which two orders differ. Compared as JSON texts
/// rather than `serde_json::Value`s, which would compile the order's serializer a second time.
fn first_difference(a: &Order, b: &Order) -> Option<String> {
    if a == b {
        return None;
    }
    let (a_text, b_text) = (crate::json::to_json(a), crate::json::to_json(b));
    let (Ok(a), Ok(b)) = (
        crate::json::from_json::<Members>(&a_text),
        crate::json::from_json::<Members>(&b_text),
    ) else {
        return Some("order".to_owned());
    };
    let differs = |k: &str| a.get(k) != b.get(k);
    let found = a.0.iter().chain(&b.0).find(|(k, _)| differs(k));
    found.map(|(k, _)| k.clone())
}

/// The status a status update lands on: the reported status, else the one its substatus
/// implies, else unchanged. A closed order keeps its status.
fn reported_status(order: &Order, status: Option<&Status>, substatus: Option<&str>) -> Status {
    status
        .cloned()
        .or_else(|| substatus.and_then(Status::of_substatus))
        .unwrap_or_else(|| order.status.clone())
}

fn cancel(
    order: &mut Order,
    by: Actor,
    reason_id: Option<u32>,
    message: Option<String>,
    at: crate::timestamp::Timestamp,
) {
    order.status = Status::Cancelled;
    order.substatus = Some("posting_canceled".into());
    order.cancellation = Some(Cancellation {
        by,
        reason_id,
        message,
        at,
    });
}

/// Back to "Ready to be shipped" for a new parcel: it needs a new label, packing and hand-over.
fn ship_again(order: &mut Order) {
    order.status = Status::AwaitingDeliver;
    order.substatus = None;
    order.progress.label_printed = false;
    order.progress.packed = false;
    order.progress.handed_over = false;
    order.packing = None;
    order.hand_over = None;
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Checks the event's own data against the order.
fn validate(order: &Order, event: &Event) -> Result<(), OrderError> {
    let kind = event.event_type();
    let invalid = |field: &str, reason: &str| OrderError::InvalidEvent {
        event: kind,
        field: field.to_owned(),
        reason: reason.to_owned(),
    };
    let text = |field: &str, value: &str, required: bool| {
        if required && value.trim().is_empty() {
            Err(invalid(field, "must not be empty"))
        } else if value.chars().count() > MAX_EVENT_TEXT {
            Err(invalid(
                field,
                &format!("must be at most {MAX_EVENT_TEXT} characters"),
            ))
        } else {
            Ok(())
        }
    };
    match event {
        Event::MarkPrepared {
            packages: Some(packages),
            ..
        } => validate_split(order, packages).map_err(|(f, r)| invalid(&f, &r)),
        Event::Registered {
            tracking_number,
            barcodes,
            ..
        } => {
            if non_empty(tracking_number).is_none() && non_empty(&barcodes.upper).is_none() {
                return Err(invalid(
                    "trackingNumber",
                    "a registration needs a tracking number or an upper barcode",
                ));
            }
            if order.progress.registered && non_empty(&barcodes.upper).is_none() {
                return Err(invalid(
                    "barcodes.upper",
                    "the posting is registered already; a later registration brings its barcodes",
                ));
            }
            text(
                "trackingNumber",
                tracking_number.as_deref().unwrap_or(""),
                false,
            )?;
            text(
                "barcodes.upper",
                barcodes.upper.as_deref().unwrap_or(""),
                false,
            )?;
            text(
                "barcodes.lower",
                barcodes.lower.as_deref().unwrap_or(""),
                false,
            )?;
            // A barcode the label cannot encode (a typed Cyrillic `О` for a zero) would leave the
            // order registered with a label that can never print: refused here, where it is typed.
            for (field, value) in [
                ("barcodes.upper", non_empty(&barcodes.upper)),
                ("barcodes.lower", non_empty(&barcodes.lower)),
            ] {
                if let Some(Err(e)) = value.map(crate::barcode::encode) {
                    return Err(invalid(field, &e.to_string()));
                }
            }
            Ok(())
        }
        Event::Pack { packing, .. } => packing
            .check_well_formed()
            .map_err(|m| invalid(&format!("packing.{}", m.field), m.reason)),
        Event::HandOver {
            act_number,
            collection_point,
            ..
        } => {
            text("actNumber", act_number, true)?;
            text("collectionPoint", collection_point, true)?;
            packing_allows_hand_over(order)
        }
        Event::RejectedBySortingCenter { reason, .. } => {
            text("reason", reason.as_deref().unwrap_or(""), false)
        }
        Event::OpenDispute { comment, .. } => text("comment", comment, false),
        Event::DisputeResolved { outcome, .. } => {
            // A customer's dispute is about a parcel already delivered: there is nothing to ship
            // again, and accepting `reship` would change nothing.
            if *outcome == DisputeOutcome::Reship && order.status == Status::ClientArbitration {
                return Err(invalid(
                    "outcome",
                    "reship does not apply to a customer's dispute (client_arbitration)",
                ));
            }
            Ok(())
        }
        Event::Cancel {
            reason_id, message, ..
        } => {
            if *reason_id == 0 {
                return Err(invalid(
                    "reasonId",
                    "must be an Ozon cancel reason id (e.g. 352, 402)",
                ));
            }
            let message = message.as_deref().unwrap_or("");
            text("message", message, *reason_id == 402)
        }
        Event::CancelledByPlatform { message, .. } => {
            text("message", message.as_deref().unwrap_or(""), false)
        }
        Event::StatusUpdate {
            status,
            substatus,
            shipment_date,
            ..
        } => {
            if status.is_none() && substatus.is_none() && shipment_date.is_none() {
                return Err(invalid(
                    "status",
                    "a status update needs a status, a substatus or a shipment date",
                ));
            }
            // Ozon's own rule for TYPE_CUTOFF_DATE_CHANGED: a new date arriving after assembly is
            // to be ignored.
            let before_assembly = matches!(
                order.status,
                Status::AwaitingVerification | Status::AwaitingApprove | Status::AwaitingPackaging
            );
            if shipment_date.is_some() && !before_assembly {
                return Err(invalid(
                    "shipmentDate",
                    "the shipment date is fixed once the order is assembled (Ozon's moved dates are then ignored)",
                ));
            }
            if let Some(s) = status {
                text("status", s.as_str(), true)?;
            }
            if let Some(s) = substatus {
                text("substatus", s, true)?;
            }
            let target = reported_status(order, status.as_ref(), substatus.as_deref());
            if order.status.is_terminal() && target != order.status {
                return Err(OrderError::NotAllowed {
                    status: order.status.as_str().to_owned(),
                    event: kind,
                    refusal: Refusal::Terminal,
                });
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The hand-over guard: the stored packing, checked against the profile for its label
/// ([`packing::PackingProfile::for_packing`]) with the barcode
/// areas of the label on it ([`packing::label_barcode_areas`], the seam to the label layout), must
/// break no rule of `error` severity. An order without a stored packing has nothing to check (`check`
/// already refuses hand-over before packing). A stored packing that cannot be checked at all was
/// edited by hand (`pack` refuses malformed ones) and is reported as an invalid field of the order.
fn packing_allows_hand_over(order: &Order) -> Result<(), OrderError> {
    let Some(packed) = &order.packing else {
        return Ok(());
    };
    // The lifecycle knows no carrier: a label of a size Ozon uses is judged by that size's profile.
    let profile = packing::PackingProfile::for_packing(packed);
    let violations = packing::validate_order_packing(order, packed, &profile).map_err(|e| {
        let (field, reason) = e.field_and_reason();
        OrderError::InvalidField {
            field: format!("packing.{field}"),
            reason,
        }
    })?;
    let blocking: Vec<packing::Violation> = violations
        .into_iter()
        .filter(|v| v.severity == packing::Severity::Error)
        .collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(OrderError::PackingViolations {
            codes: blocking.iter().map(|v| v.code).collect(),
            violations: blocking,
        })
    }
}

/// Item counts by SKU, sorted by SKU (a sorted `Vec` needs no B-tree code).
struct SkuCounts(Vec<(u64, u64)>);

impl SkuCounts {
    /// Sums the quantities of each SKU: sorted once, then equal SKUs merged, so a crafted order with
    /// very many products costs n log n, not the n² of sorted inserts.
    fn new(items: impl Iterator<Item = (u64, u32)>) -> SkuCounts {
        let mut items: Vec<(u64, u64)> = items.map(|(sku, n)| (sku, u64::from(n))).collect();
        crate::sort::sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        let mut counts: Vec<(u64, u64)> = Vec::with_capacity(items.len());
        for (sku, quantity) in items {
            match counts.last_mut() {
                Some((last, count)) if *last == sku => *count += quantity,
                _ => counts.push((sku, quantity)),
            }
        }
        SkuCounts(counts)
    }

    fn get(&self, sku: u64) -> Option<u64> {
        let index = self.0.binary_search_by_key(&sku, |&(s, _)| s).ok()?;
        self.0.get(index).map(|&(_, count)| count)
    }
}

/// A split must put every ordered item into exactly one package.
fn validate_split(order: &Order, packages: &[PackageSplit]) -> Result<(), (String, String)> {
    if packages.is_empty() {
        return Err((
            "packages".into(),
            "a split needs at least one package".into(),
        ));
    }
    let ordered = SkuCounts::new(order.products.iter().map(|p| (p.sku, p.quantity)));
    for (i, package) in packages.iter().enumerate() {
        if package.products.is_empty() {
            return Err((
                format!("packages[{i}].products"),
                "a package cannot be empty".into(),
            ));
        }
        for (j, item) in package.products.iter().enumerate() {
            if ordered.get(item.sku).is_none() {
                return Err((
                    format!("packages[{i}].products[{j}].sku"),
                    format!("SKU {} is not in this posting", item.sku),
                ));
            }
            if item.quantity == 0 {
                return Err((
                    format!("packages[{i}].products[{j}].quantity"),
                    "must be at least 1".into(),
                ));
            }
        }
    }
    let packed = SkuCounts::new(
        packages
            .iter()
            .flat_map(|package| package.products.iter())
            .map(|item| (item.sku, item.quantity)),
    );
    for &(sku, want) in &ordered.0 {
        let got = packed.get(sku).unwrap_or(0);
        if got != want {
            return Err((
                "packages".into(),
                format!("SKU {sku} is ordered {want} times but packed {got} times"),
            ));
        }
    }
    Ok(())
}
