//! Step 5 of the seller's day: the handover note (акт приёма-передачи) signed at the collection point,
//! and handing a batch of orders over all at once or not at all.
//!
//! The note is an A4 page (210 × 297 mm), several when long, listing every posting with its upper
//! barcode (scannable: whole-dot modules on the office printer's grid, 10-module quiet zones), its box
//! count and weight, then totals and signature lines for the seller and the carrier, in Russian and
//! English. It is drawn as a label [`Scene`] and written by the same SVG writer.

use crate::json::{FromJson, ToJson};

use crate::barcode;
use crate::error::FbsError;
use crate::font::{label_font, LabelFont};
use crate::label::{
    write_svg, BarcodeBox, BarcodeRole, DotRect, LabelError, Scene, QUIET_ZONE_MODULES,
};
use crate::number::Fixed;
use crate::order::{apply, Event, Order, OrderError};
use crate::timestamp::Timestamp;
use crate::units::{Dpi, Mm};
use fbskit_render::label::layout::{glyph_run, line_height, module_dots, round_mm};

/// A4 portrait, mm.
const PAGE: (f64, f64) = (210.0, 297.0);
const MARGIN: f64 = 15.0;
const ROW_HEIGHT: f64 = 17.0;
/// Rows on a page; the last page also holds totals and signatures.
const ROWS_PER_PAGE: usize = 12;
const ROWS_ON_LAST_PAGE: usize = 8;
/// Most orders on one note.
pub const MAX_NOTE_ORDERS: usize = 2000;

/// The act a batch is handed over under.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "HandoverAct"))]
pub struct Act {
    /// The act (handover note) number.
    pub act_number: String,
    /// Where the parcels are handed over.
    pub collection_point: String,
    /// When (ISO 8601 date-time): the note's date and the hand-over time.
    pub date: Timestamp,
    /// The carriage's barcode, as Ozon gives it (`/v2/posting/fbs/act/get-barcode/text`, e.g.
    /// `%303%24276481394`): printed at the top of every page, for the collection point to scan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
}

/// How to draw the note.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "HandoverNoteOptionsFields"))]
pub struct NoteOptions {
    /// The resolution of the printer the note goes to (barcode bars snap to its dots). Default 300.
    pub dpi: u32,
}

impl Default for NoteOptions {
    fn default() -> Self {
        NoteOptions { dpi: 300 }
    }
}

/// A rendered note: one SVG per page, and where each posting's barcode is.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverNote {
    /// The pages, in order.
    pub pages: Vec<String>,
    /// Per page, the barcodes drawn on it (in page mm): the act's carriage barcode first when it has
    /// one, then each posting's.
    pub barcodes: Vec<Vec<BarcodeBox>>,
}

/// Hands every order over under one act, or none: the first order that may not be handed over fails
/// the whole call with its index and reason.
pub fn hand_over_all(orders: &[Order], act: &Act) -> Result<Vec<Order>, FbsError> {
    check_distinct(orders)?;
    orders
        .iter()
        .enumerate()
        .map(|(index, order)| {
            let event = Event::HandOver {
                at: act.date.clone(),
                act_number: act.act_number.clone(),
                collection_point: act.collection_point.clone(),
            };
            apply(order, event).map_err(|e: OrderError| FbsError::Batch {
                index,
                error: Box::new(e.into()),
            })
        })
        .collect()
}

/// Refuses a batch that lists a posting twice (one parcel, one line of the act), naming the repeat.
fn check_distinct(orders: &[Order]) -> Result<(), FbsError> {
    let mut numbers: Vec<(&str, usize)> = orders
        .iter()
        .enumerate()
        .map(|(index, order)| (order.posting_number.as_str(), index))
        .collect();
    crate::sort::sort_by(&mut numbers, |a, b| a.0.cmp(b.0));
    let repeat = numbers
        .windows(2)
        .filter_map(|pair| match pair {
            [(a, first), (b, again)] if a == b => Some((*a, *first, *again)),
            _ => None,
        })
        .min_by_key(|&(_, _, again)| again);
    match repeat {
        Some((number, first, again)) => Err(FbsError::Batch {
            index: again,
            error: Box::new(FbsError::InvalidArgument {
                argument: "batch",
                expected: "list of distinct orders",
                path: ".".into(),
                reason: format!("posting {number} is listed already, as order {}", first + 1),
            }),
        }),
        None => Ok(()),
    }
}

struct Page<'a> {
    font: &'a LabelFont,
    k: f64,
    scene: Scene,
    barcodes: Vec<BarcodeBox>,
}

impl Page<'_> {
    fn text(&mut self, text: &str, x: f64, top: f64, size: f64, max_width: f64, align_right: bool) {
        let fitted = self.font.fit(text, Mm(max_width), Mm(size), Mm(size * 0.7));
        let x = if align_right {
            x + max_width - fitted.width.0
        } else {
            x
        };
        let run = glyph_run(self.font, &fitted, x, top, size);
        if !run.glyphs.is_empty() {
            self.scene.runs.push(run);
        }
    }

    /// A horizontal rule, `t` mm thick, on the dot grid.
    fn rule(&mut self, x: f64, y: f64, w: f64, t: f64) {
        let d = |v: f64| (v * self.k).round() as u32;
        self.scene.rects.push(DotRect {
            x: d(x),
            y: d(y),
            w: d(w),
            h: d(t).max(1),
        });
    }

    /// A barcode whose bars start at `x` (mm), top at `y`, `height` mm tall, bars within `max_width`.
    fn barcode(
        &mut self,
        value: &str,
        x: f64,
        y: f64,
        height: f64,
        max_width: f64,
    ) -> Result<(), FbsError> {
        let code = barcode::encode(value).map_err(|error| LabelError::Barcode {
            role: "upper".into(),
            error,
        })?;
        let modules = code.module_count();
        // The label's module rule: 15 mil where it fits (5 dots at 300 dpi, not 4), 10 mil at least.
        let total = modules + 2 * QUIET_ZONE_MODULES;
        let available = (max_width * self.k).floor() as u32;
        let m =
            module_dots(self.k, total, available).map_err(|min_dots| LabelError::DoesNotFit {
                element: "handoverNoteBarcode".into(),
                needed_mm: round_mm(f64::from(total.saturating_mul(min_dots)) / self.k),
                available_mm: round_mm(max_width),
            })?;
        let x0 = (x * self.k).round() as u32 + QUIET_ZONE_MODULES * m;
        let y0 = (y * self.k).ceil() as u32;
        let h = (height * self.k).floor() as u32;
        for bar in code.bars() {
            self.scene.rects.push(DotRect {
                x: x0 + bar.start * m,
                y: y0,
                w: bar.width * m,
                h,
            });
        }
        self.barcodes.push(BarcodeBox {
            role: BarcodeRole::Upper,
            value: value.to_owned(),
            x_mm: round_mm(f64::from(x0) / self.k),
            y_mm: round_mm(f64::from(y0) / self.k),
            width_mm: round_mm(f64::from(modules * m) / self.k),
            height_mm: round_mm(f64::from(h) / self.k),
            module_dots: m,
            quiet_zone_mm: round_mm(f64::from(QUIET_ZONE_MODULES * m) / self.k),
        });
        Ok(())
    }
}

/// The handover note for these orders under `act`, as A4 pages.
pub fn render_handover_note(
    orders: &[Order],
    act: &Act,
    options: NoteOptions,
) -> Result<HandoverNote, FbsError> {
    if orders.is_empty() || orders.len() > MAX_NOTE_ORDERS {
        return Err(FbsError::InvalidArgument {
            argument: "batch",
            expected: "list of 1 to 2000 orders",
            path: ".".into(),
            reason: format!("{} orders given", orders.len()),
        });
    }
    for (field, value) in [
        ("actNumber", &act.act_number),
        ("collectionPoint", &act.collection_point),
    ] {
        if value.trim().is_empty() || value.chars().count() > 1000 {
            return Err(FbsError::InvalidArgument {
                argument: "act",
                expected: "handover act ({ actNumber, collectionPoint, date })",
                path: field.into(),
                reason: "must be non-empty text of at most 1000 characters".into(),
            });
        }
    }
    check_distinct(orders)?;
    let carriage = act
        .barcode
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty());
    let dpi = Dpi::new(options.dpi).ok_or(LabelError::InvalidDpi {
        dpi: f64::from(options.dpi),
        min: Dpi::MIN,
        max: Dpi::MAX,
    })?;
    let font = label_font();
    let k = dpi.dots_per_mm();

    // Split rows into pages so the last page has room for totals and signatures.
    let mut chunks: Vec<&[Order]> = Vec::new();
    let mut rest = orders;
    while rest.len() > ROWS_ON_LAST_PAGE {
        let take = rest.len().min(ROWS_PER_PAGE);
        let (page, tail) = rest.split_at(if rest.len() - take == 0 {
            rest.len() - 1
        } else {
            take
        });
        chunks.push(page);
        rest = tail;
    }
    chunks.push(rest);

    let (y, m, d) = act.date.local_date();
    let date = format!("{d:02}.{m:02}.{y:04}");
    let total_pages = chunks.len();
    let total_weight: f64 = orders.iter().filter_map(weight_g).sum();
    let weighed = orders.iter().filter(|o| weight_g(o).is_some()).count();
    let mut note = HandoverNote {
        pages: Vec::new(),
        barcodes: Vec::new(),
    };
    let mut number = 0;
    let content_w = PAGE.0 - 2.0 * MARGIN;
    let cols = [
        MARGIN,
        MARGIN + 10.0,
        MARGIN + 62.0,
        MARGIN + 140.0,
        MARGIN + 158.0,
    ];
    for (page_index, rows) in chunks.iter().enumerate() {
        let mut page = Page {
            font,
            k,
            scene: Scene {
                width_mm: PAGE.0,
                height_mm: PAGE.1,
                dots_per_mm: k,
                rects: Vec::new(),
                runs: Vec::new(),
            },
            barcodes: Vec::new(),
        };
        let mut top = MARGIN;
        page.text(
            &format!(
                "Акт приёма-передачи отправлений № {} от {date}",
                act.act_number
            ),
            MARGIN,
            top,
            5.0,
            content_w,
            false,
        );
        top += line_height(font, 5.0) + 1.0;
        page.text(
            &format!("Handover note No. {} of {date}", act.act_number),
            MARGIN,
            top,
            3.6,
            content_w,
            false,
        );
        top += line_height(font, 3.6) + 1.0;
        page.text(
            &format!("Пункт приёма / Collection point: {}", act.collection_point),
            MARGIN,
            top,
            3.4,
            content_w,
            false,
        );
        top += line_height(font, 3.4) + 3.0;
        // The carriage barcode under the heading, its value beside it.
        if let Some(code) = carriage {
            let box_w = 90.0;
            // A value no barcode can carry, or too long for its place, is the act's fault (found on
            // the first page, before anything is returned).
            page.barcode(code, MARGIN - 1.0, top, 9.0, box_w)
                .map_err(|e| FbsError::InvalidArgument {
                    argument: "act",
                    expected: "handover act ({ actNumber, collectionPoint, date, barcode? })",
                    path: "barcode".into(),
                    reason: e.to_string(),
                })?;
            page.text(
                &format!("Перевозка / Carriage: {code}"),
                MARGIN + box_w + 2.0,
                top + (9.0 - line_height(font, 3.0)) / 2.0,
                3.0,
                content_w - box_w - 2.0,
                false,
            );
            top += 9.0 + 3.0;
        }
        let headers = [
            "№",
            "Отправление / Posting",
            "Штрихкод / Barcode",
            "Мест / Boxes",
            "Вес, г / Weight, g",
        ];
        for (i, h) in headers.iter().enumerate() {
            let width = cols.get(i + 1).copied().unwrap_or(PAGE.0 - MARGIN)
                - cols.get(i).copied().unwrap_or(MARGIN)
                - 2.0;
            page.text(
                h,
                cols.get(i).copied().unwrap_or(MARGIN),
                top,
                3.0,
                width,
                false,
            );
        }
        top += line_height(font, 3.0) + 1.0;
        page.rule(MARGIN, top, content_w, 0.3);
        top += 1.0;
        for order in rows.iter() {
            number += 1;
            let text_top = top + (ROW_HEIGHT - line_height(font, 3.6)) / 2.0;
            page.text(&number.to_string(), cols[0], text_top, 3.6, 9.0, false);
            page.text(
                &order.posting_number,
                cols[1],
                text_top,
                3.6,
                cols[2] - cols[1] - 3.0,
                false,
            );
            let value = order
                .barcodes
                .upper
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(&order.posting_number);
            page.barcode(
                value,
                cols[2] - 3.0,
                top + 1.5,
                ROW_HEIGHT - 3.0,
                cols[3] - cols[2] + 1.0,
            )
            .map_err(|e| FbsError::Batch {
                index: number - 1,
                error: Box::new(e),
            })?;
            page.text("1", cols[3], text_top, 3.6, cols[4] - cols[3] - 3.0, false);
            let weight =
                weight_g(order).map_or_else(|| "—".to_owned(), |w| Fixed(w, 0).to_string());
            page.text(
                &weight,
                cols[4],
                text_top,
                3.6,
                PAGE.0 - MARGIN - cols[4],
                false,
            );
            top += ROW_HEIGHT;
            page.rule(MARGIN, top, content_w, 0.15);
        }
        if page_index + 1 == total_pages {
            top += 4.0;
            let weight = if weighed == orders.len() {
                format!("{} г / g", Fixed(total_weight, 0))
            } else {
                format!(
                    "{} г / g ({weighed} of {} weighed)",
                    Fixed(total_weight, 0),
                    orders.len()
                )
            };
            page.text(
                &format!(
                    "Итого отправлений / Postings: {}   мест / boxes: {}   вес / weight: {weight}",
                    orders.len(),
                    orders.len()
                ),
                MARGIN,
                top,
                3.6,
                content_w,
                false,
            );
            top += line_height(font, 3.6) + 12.0;
            for who in [
                "Сдал (продавец) / Handed over (seller)",
                "Принял (перевозчик) / Accepted (carrier)",
            ] {
                page.text(who, MARGIN, top, 3.4, 80.0, false);
                page.rule(MARGIN + 82.0, top + line_height(font, 3.4), 50.0, 0.2);
                page.rule(
                    MARGIN + 138.0,
                    top + line_height(font, 3.4),
                    content_w - 138.0,
                    0.2,
                );
                top += line_height(font, 3.4) + 1.0;
                page.text("подпись / signature", MARGIN + 82.0, top, 2.6, 50.0, false);
                page.text(
                    "ФИО / name",
                    MARGIN + 138.0,
                    top,
                    2.6,
                    content_w - 138.0,
                    false,
                );
                top += 12.0;
            }
        }
        page.text(
            &format!(
                "Страница {} из {total_pages} / Page {} of {total_pages}",
                page_index + 1,
                page_index + 1
            ),
            MARGIN,
            PAGE.1 - MARGIN - line_height(font, 2.8),
            2.8,
            content_w,
            true,
        );
        let title = format!("Handover note {} page {}", act.act_number, page_index + 1);
        note.pages.push(write_svg(&page.scene, font, &title));
        note.barcodes.push(page.barcodes);
    }
    Ok(note)
}

/// The parcel's weight in grams, from its packing description.
fn weight_g(order: &Order) -> Option<f64> {
    order
        .packing
        .as_ref()
        .map(|p| p.package.weight_g)
        .filter(|w| w.is_finite())
}

#[cfg(test)]
mod tests;
