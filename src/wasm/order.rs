//! The order lifecycle for JS: import, events, tabs, deadlines, replay.

use crate::json::FromJson;
use wasm_bindgen::prelude::*;

use super::convert::{core, from_js, js_error, js_string, json_text, to_js, JsResult};
use crate::error::FbsError;
use crate::order::{self, Actor, DeadlineOptions, EventType, Order};
use crate::timestamp::Timestamp;

pub(crate) fn order_arg(value: JsValue) -> JsResult<Order> {
    from_js(
        value,
        "order",
        "order object (as returned by importPosting or applyEvent)",
    )
}

/// The caller's "now" (the core has no clock).
pub(crate) fn now_arg(now_iso: &str) -> JsResult<Timestamp> {
    Timestamp::parse(now_iso).map_err(|e| {
        js_error(FbsError::InvalidArgument {
            argument: "now",
            expected: "ISO 8601 date-time",
            path: ".".into(),
            reason: e.to_string(),
        })
    })
}

/// An array of orders; a bad one is reported with its index (`details.index`).
pub(crate) fn orders_arg(value: JsValue) -> JsResult<Vec<Order>> {
    // Each order is read from its own slice of the text, so one error names the order's index.
    let text = super::convert::bounded_json_text(&value, "orders", "array of orders")?;
    let items: Vec<crate::json::JsonText> = crate::json::from_json(&text).map_err(|e| {
        js_error(FbsError::InvalidArgument {
            argument: "orders",
            expected: "array of orders",
            path: e.path,
            reason: e.reason,
        })
    })?;
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            crate::json::from_json(item.0).map_err(|e| {
                js_error(FbsError::Batch {
                    index,
                    error: Box::new(FbsError::InvalidArgument {
                        argument: "order",
                        expected: "order object (as returned by importPosting or applyEvent)",
                        path: e.path,
                        reason: e.reason,
                    }),
                })
            })
        })
        .collect()
}

/// Posting JSON text, given as an object or as text (which keeps int64 ids exact), of at most `max`
/// bytes; `what` names it in a size error (`posting` or `postings`). Text that is not JSON is an
/// invalid argument, not a bad posting.
fn posting_json(value: JsValue, what: &'static str, max: usize) -> JsResult<String> {
    // Measured in UTF-16 units (a lower bound of the bytes) before the text is copied, exactly after.
    let too_large = |units: usize| {
        js_error(FbsError::from(order::OrderError::TooLarge {
            field: what.to_owned(),
            bytes: units,
            max,
        }))
    };
    let text = match js_string(&value, what, "posting JSON", max, too_large) {
        Some(text) => text?,
        None => json_text(
            &value,
            &JsValue::UNDEFINED,
            what,
            "posting object",
            max,
            too_large,
        )?,
    };
    core(order::check_json_size(what, text.len(), max))?;
    crate::json::check_syntax(&text).map_err(|e| {
        js_error(FbsError::InvalidArgument {
            argument: what,
            expected: "posting JSON",
            path: ".".into(),
            reason: format!("not valid JSON: {}", e.reason),
        })
    })?;
    Ok(text)
}

/// Builds an order from Ozon posting JSON (`/v3/posting/fbs/get`, an item of the v3 or v4 list),
/// given as an object or as JSON text.
#[wasm_bindgen(js_name = importPosting, unchecked_return_type = "Order")]
pub fn import_posting(
    #[wasm_bindgen(unchecked_param_type = "OzonPosting | { result: OzonPosting } | string")]
    posting: JsValue,
) -> JsResult<JsValue> {
    // Size and syntax are checked by `posting_json`; the core reads the text once more, as postings.
    let order = core(order::import::import_checked(&posting_json(
        posting,
        "posting",
        order::MAX_POSTING_BYTES,
    )?))?;
    to_js(&order)
}

/// Builds orders from a posting list: an array, a `/v3/posting/fbs/list` or v4 list response, or one
/// posting; as an object or JSON text. One bad posting fails the call, naming its index.
#[wasm_bindgen(js_name = importPostings, unchecked_return_type = "Order[]")]
pub fn import_postings(
    #[wasm_bindgen(unchecked_param_type = "OzonPostingList | string")] postings: JsValue,
) -> JsResult<JsValue> {
    let orders = core(order::import::import_list_checked(&posting_json(
        postings,
        "postings",
        order::MAX_LIST_BYTES,
    )?))?;
    to_js(&orders)
}

/// Applies an event to an order: the new order (with the event in its history), or an `FbsError`.
#[wasm_bindgen(js_name = applyEvent, unchecked_return_type = "Order")]
pub fn apply_event(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OrderEvent")] event: JsValue,
) -> JsResult<JsValue> {
    let order = order_arg(order)?;
    let event = from_js(event, "event", "event object ({ type, at, ...data })")?;
    to_js(&core(order::apply(&order, event))?)
}

#[derive(FromJson, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AvailableOptions {
    actor: Option<Actor>,
}

/// The event types that may happen to the order now, seller actions first; optionally only the
/// seller's or only the platform's.
#[wasm_bindgen(js_name = availableEvents, unchecked_return_type = "EventType[]")]
pub fn available_events(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ actor?: Actor }")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let order = order_arg(order)?;
    let options: AvailableOptions =
        optional(options, "options", "{ actor?: \"seller\" | \"platform\" }")?;
    let events: Vec<EventType> = order::available_events(&order)
        .into_iter()
        .filter(|e| options.actor.is_none_or(|a| e.actor() == a))
        .collect();
    to_js(&events)
}

/// The seller tab the order is shown in.
#[wasm_bindgen(js_name = sellerTab, unchecked_return_type = "SellerTab")]
pub fn seller_tab(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
) -> JsResult<JsValue> {
    to_js(&order::seller_tab(&order_arg(order)?))
}

/// The order's shipment date against `nowIso`: on time, due soon (window configurable) or overdue.
#[wasm_bindgen(js_name = deadline, unchecked_return_type = "Deadline")]
pub fn deadline(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(js_name = nowIso)] now_iso: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "DeadlineOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let order = order_arg(order)?;
    let now = now_arg(now_iso)?;
    let options: DeadlineOptions = optional(options, "options", "{ dueSoonMinutes?: number }")?;
    to_js(&order::deadline(&order, &now, options))
}

/// Rebuilds the order from its imported state and history; throws `REPLAY_MISMATCH` when the result
/// differs from the order given: its status, progress or what its events set (tracking number,
/// barcodes, packing, hand-over, dispute, cancellation) was edited by hand. Product lines, delivery
/// method and dates are not in the imported state, so edits to them are not caught.
#[wasm_bindgen(js_name = replay, unchecked_return_type = "Order")]
pub fn replay(#[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue) -> JsResult<JsValue> {
    to_js(&core(order::replay(&order_arg(order)?))?)
}

/// An options object that may be left out (`undefined` or `null` mean the defaults).
pub(crate) fn optional<T: Default + for<'a> crate::json::FromJson<'a>>(
    value: Option<JsValue>,
    argument: &'static str,
    expected: &'static str,
) -> JsResult<T> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            from_js(value, argument, expected)
        }
        _ => Ok(T::default()),
    }
}
