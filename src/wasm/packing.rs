//! Packing checks, carrier profiles and the drop-off plan for JS.

use wasm_bindgen::prelude::*;

use super::convert::{bounded_json_text, core, to_js, JsResult};
use super::order::{optional, order_arg};
use crate::order::{self, DropOffOptions};
use crate::packing::{self, Packing, PackingProfile};

/// A JS value as JSON text, for the core's own checked parsers (which name the bad field).
fn json_arg(value: JsValue, argument: &'static str, expected: &'static str) -> JsResult<String> {
    bounded_json_text(&value, argument, expected)
}

/// The profile argument; without one, the profile the hand-over guard would use for this packing.
fn profile_arg(value: Option<JsValue>, packing: &Packing) -> JsResult<PackingProfile> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => match v.as_string() {
            Some(name) => core(PackingProfile::builtin(&name)),
            None => core(PackingProfile::from_json(&json_arg(
                v,
                "profile",
                "profile name or profile object",
            )?)),
        },
        _ => Ok(PackingProfile::for_packing(packing)),
    }
}

/// Checks a packed parcel against a carrier profile (a built-in name, a profile object, or by
/// default the one the hand-over check uses: `small_label` for a 58 × 40 mm label, else `standard`): every broken rule, errors and warnings. Throws `PACKING_MALFORMED`,
/// `PROFILE_INVALID` or `PROFILE_UNKNOWN` when the input itself is unusable.
#[wasm_bindgen(js_name = validatePacking, unchecked_return_type = "Violation[]")]
pub fn validate_packing(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Packing")] packing: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PackingProfileName | PackingProfile")] profile: Option<
        JsValue,
    >,
) -> JsResult<JsValue> {
    let order = order_arg(order)?;
    let packing = core(Packing::from_json(&json_arg(
        packing,
        "packing",
        "packing object",
    )?))?;
    let profile = profile_arg(profile, &packing)?;
    to_js(&core(packing::validate_order_packing(
        &order, &packing, &profile,
    ))?)
}

/// The built-in carrier profiles: `standard`, `small_label`, `bulky`.
#[wasm_bindgen(js_name = packingProfiles, unchecked_return_type = "PackingProfile[]")]
pub fn packing_profiles() -> JsResult<JsValue> {
    to_js(&PackingProfile::builtins())
}

/// A profile from a drop-off point's limits as `/v1/posting/fbs/restrictions` returns them (the
/// whole response or its `result`).
#[wasm_bindgen(
    js_name = profileFromOzonRestrictions,
    unchecked_return_type = "PackingProfile"
)]
pub fn profile_from_ozon_restrictions(
    #[wasm_bindgen(unchecked_param_type = "OzonRestrictions | { result: OzonRestrictions }")]
    restrictions: JsValue,
) -> JsResult<JsValue> {
    let json = json_arg(restrictions, "restrictions", "restrictions object")?;
    to_js(&core(PackingProfile::from_ozon_restrictions(&json))?)
}

/// The orders still to ship, grouped by warehouse and shipment day, with late and due-soon counts.
#[wasm_bindgen(js_name = dropOffPlan, unchecked_return_type = "DropOffPlan")]
pub fn drop_off_plan(
    #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
    #[wasm_bindgen(js_name = nowIso)] now_iso: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "DropOffOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let orders = super::order::orders_arg(orders)?;
    let now = super::order::now_arg(now_iso)?;
    let options: DropOffOptions = optional(
        options,
        "options",
        "{ windowMinutes?: number, utcOffsetMinutes?: number }",
    )?;
    to_js(&order::drop_off_plan(&orders, &now, options))
}
