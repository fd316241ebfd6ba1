//! The seller's order lifecycle: Ozon postings imported as orders, events applied by a total
//! transition function, the seller's tabs, shipment deadlines and the drop-off plan. Pure: the
//! caller supplies every time.

mod dropoff;
mod error;
mod event;
pub(crate) mod import;
mod lifecycle;
mod model;
mod status;
mod tab;

pub use dropoff::{drop_off_plan, DropOffGroup, DropOffOptions, DropOffPlan};
pub use error::{OrderError, Refusal};
pub use event::{DisputeOutcome, Event, EventType, PackageItem, PackageSplit};
pub use import::{
    check_json_size, import_posting_str, import_postings_str, MAX_LIST_BYTES, MAX_POSTINGS,
    MAX_POSTING_BYTES, MAX_PRODUCTS, MAX_TEXT,
};
pub use lifecycle::{apply, available_events, check, replay, MAX_EVENT_TEXT, MAX_HISTORY};
pub use model::*;
pub use status::Status;
pub use tab::{deadline, seller_tab, Deadline, DeadlineOptions, DeadlineState, SellerTab};

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) use tests::golden as golden_for_tests;
