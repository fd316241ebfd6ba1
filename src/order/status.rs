//! Ozon posting statuses and substatuses. Both are open sets: Ozon adds values without notice
//! (`ship_in_process` appeared in 2025), so a value this crate does not know is kept verbatim.

use crate::json::{FromJson, ToJson};

macro_rules! statuses {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// An Ozon posting status (`status` in the posting JSON).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, ToJson, FromJson)]
        #[cfg_attr(test, derive(serde::Serialize))]
        #[serde(from = "String", into = "String")]
        pub enum Status {
            $(#[doc = $doc] $variant,)*
            /// A status this crate does not know, kept exactly as Ozon sent it.
            Unknown(String),
        }

        impl Status {
            /// Every status this crate knows, in lifecycle order.
            pub const KNOWN: &'static [Status] = &[$(Status::$variant),*];

            /// The Ozon API string.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Status::$variant => $name,)*
                    Status::Unknown(s) => s,
                }
            }
        }

        impl From<String> for Status {
            fn from(s: String) -> Status {
                match s.as_str() {
                    $($name => Status::$variant,)*
                    _ => Status::Unknown(s),
                }
            }
        }
    };
}

statuses! {
    AwaitingVerification => "awaiting_verification", "Created, being verified by Ozon.";
    AwaitingApprove => "awaiting_approve", "Waiting for Ozon's approval.";
    AwaitingPackaging => "awaiting_packaging", "Waiting for the seller to prepare it (tab \"Ready to be prepared\").";
    AwaitingRegistration => "awaiting_registration", "Prepared; the carrier is registering it.";
    AwaitingDeliver => "awaiting_deliver", "Prepared, waiting to be handed over (tab \"Ready to be shipped\").";
    AcceptanceInProgress => "acceptance_in_progress", "Being scanned in at the collection point or sorting center.";
    DriverPickup => "driver_pickup", "With the driver.";
    Delivering => "delivering", "In delivery.";
    NotAccepted => "not_accepted", "Rejected by the sorting center (not accepted or not scanned).";
    Arbitration => "arbitration", "In a dispute opened by the seller.";
    ClientArbitration => "client_arbitration", "In a delivery dispute opened by the customer.";
    SentBySeller => "sent_by_seller", "Sent by the seller (rFBS crossborder).";
    Delivered => "delivered", "Delivered. Terminal.";
    Cancelled => "cancelled", "Cancelled. Terminal.";
    CancelledFromSplitPending => "cancelled_from_split_pending", "The parent posting of a split, cancelled. Terminal.";
}

impl From<Status> for String {
    fn from(s: Status) -> String {
        match s {
            Status::Unknown(s) => s,
            known => known.as_str().to_owned(),
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Status {
    /// Delivered and cancelled postings never change status again.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Status::Delivered | Status::Cancelled | Status::CancelledFromSplitPending
        )
    }

    /// The status a substatus belongs to, from Ozon's push-notification table. Push notifications
    /// (`TYPE_STATE_CHANGED`) report only the substatus, so this is how they land on the lifecycle.
    /// `None` for substatuses that do not pin down one status.
    pub fn of_substatus(substatus: &str) -> Option<Status> {
        Some(match substatus {
            "posting_acceptance_in_progress" => Status::AcceptanceInProgress,
            "posting_awaiting_registration" | "posting_registration_error" => {
                Status::AwaitingRegistration
            }
            "posting_in_carriage" | "posting_not_in_carriage" => Status::AwaitingDeliver,
            // Listed under awaiting_deliver in the digest, but Ozon's own `/v3/posting/fbs/get`
            // example pairs it with `awaiting_packaging` and the push table leaves it out: it does
            // not pin down one status, and guessing would skip assembly.
            "posting_awaiting_passport_data" => return None,
            "posting_in_arbitration" => Status::Arbitration,
            "posting_in_client_arbitration" => Status::ClientArbitration,
            "posting_on_way_to_city"
            | "posting_transferred_to_courier_service"
            | "posting_in_courier_service"
            | "posting_on_way_to_pickup_point"
            | "posting_in_pickup_point"
            | "posting_conditionally_delivered" => Status::Delivering,
            "posting_driver_pick_up" => Status::DriverPickup,
            "posting_delivered" | "posting_received" => Status::Delivered,
            "posting_canceled" => Status::Cancelled,
            "posting_not_in_sort_center" => Status::NotAccepted,
            "sent_by_seller" => Status::SentBySeller,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_status_round_trips_through_its_string() {
        assert_eq!(Status::KNOWN.len(), 15);
        for s in Status::KNOWN {
            assert_eq!(&Status::from(s.as_str().to_owned()), s);
            assert!(!matches!(s, Status::Unknown(_)));
        }
    }

    #[test]
    fn unknown_status_is_kept_verbatim() {
        let s: Status = crate::json::from_json("\"ship_in_process\"").unwrap();
        assert_eq!(s, Status::Unknown("ship_in_process".into()));
        assert_eq!(crate::json::to_json(&s), "\"ship_in_process\"");
        assert!(!s.is_terminal());
    }

    #[test]
    fn substatuses_map_onto_statuses() {
        assert_eq!(
            Status::of_substatus("posting_canceled"),
            Some(Status::Cancelled)
        );
        assert_eq!(
            Status::of_substatus("posting_not_in_sort_center"),
            Some(Status::NotAccepted)
        );
        assert_eq!(
            Status::of_substatus("posting_in_pickup_point"),
            Some(Status::Delivering)
        );
        // Used under two statuses, so it does not decide one.
        assert_eq!(
            Status::of_substatus("posting_transferring_to_delivery"),
            None
        );
        assert_eq!(Status::of_substatus("posting_awaiting_passport_data"), None);
        assert_eq!(Status::of_substatus("posting_brand_new"), None);
    }
}
