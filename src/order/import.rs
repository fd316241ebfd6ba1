//! Orders from Ozon posting JSON: `/v3/posting/fbs/get` (bare or inside `result`), items of
//! `/v3/posting/fbs/list`, and v4 list items (price as a string or `{amount, currency}`).
//! Unknown fields are ignored; a missing required field is an error naming it.

use super::error::OrderError;
use super::model::{Barcodes, DeliveryMethod, Money, Order, Origin, Product, Progress};
use super::status::Status;
use crate::json::{
    check_syntax as json_syntax, from_json, is_array, is_object, FromJson, JsonText, Present, Raw,
    ReadError, ReadResult, Reader,
};
use crate::number::plain_decimal;
use crate::timestamp::Timestamp;

/// Most product lines accepted in one posting.
pub const MAX_PRODUCTS: usize = 1000;
/// Longest text field accepted from a posting, in characters.
pub const MAX_TEXT: usize = 2000;
/// Most postings accepted in one list.
pub const MAX_POSTINGS: usize = 10_000;
/// Largest posting accepted, as JSON text in bytes (a real one is a few KB). In a list, each posting's
/// own text is measured.
pub const MAX_POSTING_BYTES: usize = 1024 * 1024;
/// Largest posting list accepted, as JSON text in bytes.
pub const MAX_LIST_BYTES: usize = 20 * 1024 * 1024;

/// Refuses JSON text longer than `max` bytes before anything parses it. `what` names the input in the
/// error: `posting` or `postings`.
pub fn check_json_size(what: &str, bytes: usize, max: usize) -> Result<(), OrderError> {
    if bytes > max {
        return Err(OrderError::TooLarge {
            field: what.to_owned(),
            bytes,
            max,
        });
    }
    Ok(())
}

/// The posting fields an order keeps, as Ozon sends them.
#[derive(Debug, FromJson)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OzonPosting", optional_fields))]
pub(crate) struct RawPosting {
    posting_number: Option<String>,
    #[cfg_attr(test, ts(type = "number | string"))]
    order_id: Option<Id>,
    order_number: Option<String>,
    status: Option<String>,
    substatus: Option<String>,
    tracking_number: Option<String>,
    delivery_method: Option<RawDeliveryMethod>,
    in_process_at: Option<String>,
    shipment_date: Option<String>,
    products: Option<Vec<RawProduct>>,
    barcodes: Option<RawBarcodes>,
}

#[derive(Debug, FromJson)]
#[cfg_attr(
    test,
    derive(ts_rs::TS),
    ts(rename = "OzonDeliveryMethod", optional_fields)
)]
pub(crate) struct RawDeliveryMethod {
    #[cfg_attr(test, ts(type = "number | string"))]
    id: Option<Id>,
    name: Option<String>,
    #[cfg_attr(test, ts(type = "number | string"))]
    warehouse_id: Option<Id>,
    warehouse: Option<String>,
    tpl_provider: Option<String>,
}

#[derive(Debug, FromJson)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OzonProduct", optional_fields))]
pub(crate) struct RawProduct {
    #[cfg_attr(test, ts(type = "number | string"))]
    sku: Option<Id>,
    name: Option<String>,
    offer_id: Option<String>,
    quantity: Option<u32>,
    #[cfg_attr(
        test,
        ts(type = "string | number | { amount: string | number, currency?: string }")
    )]
    price: Option<RawPrice>,
    currency_code: Option<String>,
}

#[derive(Debug, FromJson)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OzonBarcodes", optional_fields))]
pub(crate) struct RawBarcodes {
    upper_barcode: Option<String>,
    lower_barcode: Option<String>,
}

// Id, RawPrice and Amount read "a number or a string (or an object)" by hand, telling the kinds
// apart by the first character.

/// An int64 id: a JSON number, or a string of digits (some clients quote int64s to keep precision).
#[derive(Debug)]
pub(crate) enum Id {
    Number(u64),
    Text(String),
}

impl<'a> FromJson<'a> for Id {
    fn read(r: &mut Reader<'a>) -> ReadResult<Id> {
        const EXPECTED: &str = "a whole number or a string of digits";
        if r.peek() == Some(b'"') {
            return String::read(r).map(Id::Text);
        }
        let start = r.position();
        match r.integer(&EXPECTED)? {
            (false, n) => Ok(Id::Number(n)),
            (true, _) => {
                r.rewind(start);
                Err(r.invalid_type(&EXPECTED))
            }
        }
    }
}

/// A price: an amount alone, or `{ amount, currency? }` (v4 lists).
#[derive(Debug)]
pub(crate) enum RawPrice {
    Amount(Amount),
    Object {
        amount: Amount,
        currency: Option<String>,
    },
}

/// An amount as Ozon writes it: a decimal string such as `"1259.00"`, or a number, kept as its text
/// (never through a float: prices must not drift).
#[derive(Debug)]
pub(crate) struct Amount(String);

impl<'a> FromJson<'a> for Amount {
    fn read(r: &mut Reader<'a>) -> ReadResult<Amount> {
        amount(r, "a decimal string or a number")
    }
}

/// An amount; `expected` names what the value could have been in the error.
fn amount(r: &mut Reader<'_>, expected: &'static str) -> ReadResult<Amount> {
    match r.peek() {
        Some(b'"') => String::read(r).map(Amount),
        _ => {
            // A number's own digits, an exponent applied exactly (`1e-7` is `0.0000001`).
            let text = r.number(&expected)?;
            match plain_decimal(text, 64) {
                Some(text) => Ok(Amount(text)),
                None => Err(ReadError::new("number out of range")),
            }
        }
    }
}

impl<'a> FromJson<'a> for RawPrice {
    fn read(r: &mut Reader<'a>) -> ReadResult<RawPrice> {
        const EXPECTED: &str = "a decimal string, a number or { amount, currency }";
        if r.peek() != Some(b'{') {
            return amount(r, EXPECTED).map(RawPrice::Amount);
        }
        r.begin_object(&EXPECTED)?;
        let (mut amount, mut currency) = (None, None);
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            match &*key {
                "amount" => r.member(&mut amount, &key)?,
                "currency" => {
                    currency = Option::<String>::read(r).map_err(|e| e.at_key(&key))?;
                }
                _ => r.skip().map_err(|e| e.at_key(&key))?,
            }
        }
        let amount = amount.ok_or_else(|| ReadError::missing_field("amount"))?;
        Ok(RawPrice::Object { amount, currency })
    }
}

/// The fields of a posting's JSON object that say what it is: a bare posting, a `/v3/posting/fbs/get`
/// response (`result`) or a list response (`result.postings`, `postings`).
#[derive(FromJson)]
struct Envelope<'a> {
    #[serde(default)]
    posting_number: Present,
    #[serde(default, borrow)]
    result: Raw<'a>,
    #[serde(default, borrow)]
    postings: Raw<'a>,
}

/// The envelope of JSON text known to be an object.
fn envelope(json: &str) -> Result<Envelope<'_>, OrderError> {
    from_json(json).map_err(|e| OrderError::InvalidField {
        field: "(posting)".into(),
        reason: e.to_string(),
    })
}

/// Refuses JSON text that does not parse, before anything reads it as a posting.
fn check_syntax(json: &str) -> Result<(), OrderError> {
    json_syntax(json).map_err(|e| OrderError::InvalidField {
        field: "(json)".into(),
        reason: format!("not valid JSON: {}", e.reason),
    })
}

/// Builds an order from posting JSON text of at most [`MAX_POSTING_BYTES`]: one posting, bare or as
/// the `/v3/posting/fbs/get` response (inside `result`).
pub fn import_posting_str(json: &str) -> Result<Order, OrderError> {
    check_json_size("posting", json.len(), MAX_POSTING_BYTES)?;
    check_syntax(json)?;
    import_checked(json)
}

/// [`import_posting_str`] for text whose size and syntax the caller has checked (the JS binding
/// refuses text that is not JSON as a bad argument): each pass over a large text costs.
pub(crate) fn import_checked(json: &str) -> Result<Order, OrderError> {
    if is_object(json) {
        let envelope = envelope(json)?;
        if let (false, Some(result)) = (envelope.posting_number.0, envelope.result.text()) {
            if is_object(result) {
                return import_one(result, "");
            }
        }
    }
    import_one(json, "")
}

/// Builds orders from posting list JSON text of at most [`MAX_LIST_BYTES`]: an array, or a
/// `/v3/posting/fbs/list` or v4 list response (`{result: {postings: [...]}}`, `{postings: [...]}`,
/// `{result: [...]}`), or a single posting (bare or a `/v3/posting/fbs/get` response).
pub fn import_postings_str(json: &str) -> Result<Vec<Order>, OrderError> {
    check_json_size("postings", json.len(), MAX_LIST_BYTES)?;
    check_syntax(json)?;
    import_list_checked(json)
}

/// [`import_postings_str`] for text whose size and syntax the caller has checked.
pub(crate) fn import_list_checked(json: &str) -> Result<Vec<Order>, OrderError> {
    let (list, prefix) = if is_array(json) {
        (json, "")
    } else if is_object(json) {
        let outer = envelope(json)?;
        let result = outer.result.text();
        let inner = match result {
            Some(result) if is_object(result) => envelope(result)?.postings.text(),
            Some(result) if is_array(result) => Some(result),
            _ => None,
        };
        match inner.or(outer.postings.text()) {
            Some(list) if is_array(list) => (list, "postings"),
            Some(_) => {
                return Err(OrderError::InvalidField {
                    field: "postings".into(),
                    reason: "must be an array of postings".into(),
                })
            }
            // A single posting, bare or as `/v3/posting/fbs/get` returns it (`{result: posting}`).
            None => return import_checked(json).map(|o| vec![o]),
        }
    } else {
        return Err(OrderError::InvalidField {
            field: "postings".into(),
            reason: "expected a posting, an array of postings or a posting list response".into(),
        });
    };
    // The list itself is named `postings` even when it is a bare array (whose items are `[i]`).
    let list_field = if prefix.is_empty() {
        "postings"
    } else {
        prefix
    };
    let items: Vec<JsonText> = from_json(list).map_err(|e| OrderError::InvalidField {
        field: list_field.into(),
        reason: e.to_string(),
    })?;
    if items.len() > MAX_POSTINGS {
        return Err(OrderError::InvalidField {
            field: list_field.into(),
            reason: format!("at most {MAX_POSTINGS} postings are accepted at once"),
        });
    }
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            import_one(item.0, &format!("{prefix}[{index}].")).map_err(|error| OrderError::InList {
                index,
                error: Box::new(error),
            })
        })
        .collect()
}

/// One posting from its JSON text (known to be valid JSON); `prefix` goes before every field name in
/// errors (`postings[3].`).
fn import_one(json: &str, prefix: &str) -> Result<Order, OrderError> {
    let field = if prefix.is_empty() {
        "(posting)".to_owned()
    } else {
        prefix.trim_end_matches('.').to_owned()
    };
    if !is_object(json) {
        return Err(OrderError::InvalidField {
            field,
            reason: "a posting must be a JSON object".into(),
        });
    }
    check_json_size(&field, json.len(), MAX_POSTING_BYTES)?;
    let raw: RawPosting = from_json(json).map_err(|e| OrderError::InvalidField {
        field: format!("{prefix}{}", e.path),
        reason: e.reason,
    })?;
    build(raw, prefix)
}

/// The order a posting describes. Fields are taken out of `raw` rather than moved, so a refusal drops
/// what is left of it at once.
fn build(mut raw: RawPosting, prefix: &str) -> Result<Order, OrderError> {
    let missing = |field: &str| OrderError::MissingField {
        field: format!("{prefix}{field}"),
    };
    let invalid = |field: &str, reason: &str| OrderError::InvalidField {
        field: format!("{prefix}{field}"),
        reason: reason.to_owned(),
    };
    let text = |field: &str, value: Option<String>| -> Result<Option<String>, OrderError> {
        match value {
            Some(s) if s.chars().count() > MAX_TEXT => Err(invalid(
                field,
                &format!("longer than {MAX_TEXT} characters"),
            )),
            other => Ok(other),
        }
    };
    let posting_number = text("posting_number", raw.posting_number.take())?
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing("posting_number"))?;
    let status = text("status", raw.status.take())?
        .filter(|s| !s.trim().is_empty())
        .map(Status::from)
        .ok_or_else(|| missing("status"))?;
    let shipment_date = raw
        .shipment_date
        .take()
        .ok_or_else(|| missing("shipment_date"))?;
    let shipment_date =
        Timestamp::parse(&shipment_date).map_err(|e| invalid("shipment_date", &e.to_string()))?;
    let in_process_at = match raw.in_process_at.take().filter(|s| !s.is_empty()) {
        Some(s) => {
            Some(Timestamp::parse(&s).map_err(|e| invalid("in_process_at", &e.to_string()))?)
        }
        None => None,
    };
    let raw_products = raw.products.take().ok_or_else(|| missing("products"))?;
    if raw_products.len() > MAX_PRODUCTS {
        return Err(invalid(
            "products",
            &format!("at most {MAX_PRODUCTS} products are accepted"),
        ));
    }
    let mut products = Vec::with_capacity(raw_products.len());
    for (i, p) in raw_products.into_iter().enumerate() {
        let field = |name: &str| format!("products[{i}].{name}");
        let sku = p.sku.ok_or_else(|| missing(&field("sku")))?;
        let sku = id(sku)
            .ok_or_else(|| invalid(&field("sku"), "must be a whole number up to 2^53 - 1"))?;
        let name = text(&field("name"), p.name)?.ok_or_else(|| missing(&field("name")))?;
        let quantity = p.quantity.ok_or_else(|| missing(&field("quantity")))?;
        if quantity == 0 {
            return Err(invalid(&field("quantity"), "must be at least 1"));
        }
        let price = match p.price {
            Some(price) => {
                Some(money(price, p.currency_code).map_err(|r| invalid(&field("price"), r))?)
            }
            None => None,
        };
        let offer_id = text(&field("offer_id"), p.offer_id)?.unwrap_or_default();
        products.push(Product {
            sku,
            name,
            offer_id,
            quantity,
            price,
        });
    }
    // An optional id: absent, or a whole number JS can hold exactly.
    let optional_id = |field: &str, raw: Option<Id>| {
        raw.map(|raw| {
            id(raw).ok_or_else(|| invalid(field, "must be a whole number up to 2^53 - 1"))
        })
        .transpose()
    };
    let order_id = optional_id("order_id", raw.order_id.take())?;
    let order_number = text("order_number", raw.order_number.take())?
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| order_number_of(&posting_number));
    let delivery_method = match raw.delivery_method.take() {
        Some(d) => DeliveryMethod {
            id: optional_id("delivery_method.id", d.id)?,
            name: text("delivery_method.name", d.name)?.unwrap_or_default(),
            warehouse_id: optional_id("delivery_method.warehouse_id", d.warehouse_id)?,
            warehouse: text("delivery_method.warehouse", d.warehouse)?.unwrap_or_default(),
            tpl_provider: text("delivery_method.tpl_provider", d.tpl_provider)?.unwrap_or_default(),
        },
        None => DeliveryMethod::default(),
    };
    let barcodes = match raw.barcodes.take() {
        Some(b) => Barcodes {
            // Trimmed as the `registered` event trims them: the label and the note encode the value
            // itself, and a stray space in a barcode forces a code-set switch and a wider symbol.
            upper: text("barcodes.upper_barcode", b.upper_barcode)?
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
            lower: text("barcodes.lower_barcode", b.lower_barcode)?
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
        },
        None => Barcodes::default(),
    };
    let tracking_number =
        text("tracking_number", raw.tracking_number.take())?.filter(|s| !s.trim().is_empty());
    let substatus = text("substatus", raw.substatus.take())?.filter(|s| !s.is_empty());
    let origin = Origin {
        status: status.clone(),
        substatus: substatus.clone(),
        tracking_number: tracking_number.clone(),
        barcodes: barcodes.clone(),
    };
    let mut order = Order {
        posting_number,
        order_number,
        order_id,
        status,
        substatus,
        tracking_number,
        barcodes,
        shipment_date,
        in_process_at,
        delivery_method,
        products,
        progress: Progress::default(),
        prepared: None,
        packing: None,
        hand_over: None,
        rejection: None,
        dispute: None,
        cancellation: None,
        origin,
        history: Vec::new(),
    };
    order.reset_to_origin();
    Ok(order)
}

/// Ids above 2^53 - 1 cannot round-trip through a JS number, so they are refused rather than rounded.
const MAX_SAFE_ID: u64 = (1 << 53) - 1;

fn id(raw: Id) -> Option<u64> {
    let n = match raw {
        Id::Number(n) => n,
        Id::Text(s) => s.trim().parse().ok()?,
    };
    (n <= MAX_SAFE_ID).then_some(n)
}

fn money(price: RawPrice, currency_code: Option<String>) -> Result<Money, &'static str> {
    let (amount, currency) = match price {
        RawPrice::Amount(amount) => (amount, currency_code),
        RawPrice::Object { amount, currency } => (amount, currency.or(currency_code)),
    };
    let amount = amount.0.trim().to_owned();
    // At most one leading minus, digits, and optionally a point with digits after it.
    let unsigned = amount.strip_prefix('-').unwrap_or(&amount);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let is_decimal = amount.len() <= 32 && digits(whole) && digits(fraction);
    if !is_decimal {
        return Err("must be a decimal amount such as \"1259.00\"");
    }
    Ok(Money {
        amount,
        currency: currency.unwrap_or_else(|| "RUB".into()),
    })
}

/// Ozon's order number is the posting number without its last `-N` part.
fn order_number_of(posting_number: &str) -> String {
    match posting_number.rsplit_once('-') {
        Some((order, _)) if !order.is_empty() => order.to_owned(),
        _ => posting_number.to_owned(),
    }
}
