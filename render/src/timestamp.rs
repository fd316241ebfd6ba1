//! Points in time as the caller supplies them. The core has no clock: every time comes in as an
//! ISO 8601 / RFC 3339 string, is checked once, and is kept verbatim so JSON round trips are lossless.

use crate::json::{FromJson, ToJson};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An RFC 3339 date-time (`2026-11-27T09:30:00Z`, `2026-11-27T12:30:00+03:00`), kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ToJson, FromJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(
    all(any(test, feature = "testing"), not(target_arch = "wasm32")),
    derive(ts_rs::TS),
    ts(type = "string")
)]
pub struct Timestamp {
    text: String,
    unix_seconds: i64,
    /// The calendar date in the time's own offset: what a label prints as the shipment date.
    date: (i32, u8, u8),
}

/// A string that is not an RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ISO 8601 date-time with a time zone (e.g. 2026-11-27T09:30:00Z)")]
pub struct InvalidTimestamp(pub String);

impl Timestamp {
    /// Parses an RFC 3339 date-time.
    pub fn parse(text: &str) -> Result<Timestamp, InvalidTimestamp> {
        let parsed =
            OffsetDateTime::parse(text, &Rfc3339).map_err(|_| InvalidTimestamp(text.into()))?;
        let date = (parsed.year(), u8::from(parsed.month()), parsed.day());
        Ok(Timestamp {
            text: text.to_owned(),
            unix_seconds: parsed.unix_timestamp(),
            date,
        })
    }

    /// The text as the caller wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.unix_seconds
    }

    /// Year, month and day in the time's own offset.
    pub fn local_date(&self) -> (i32, u8, u8) {
        self.date
    }

    /// Year, month and day at `utc_offset_minutes` east of UTC (the seller's clock: Ozon writes its
    /// times in UTC), or in the time's own offset when `None`.
    pub fn date_at(&self, utc_offset_minutes: Option<i32>) -> (i32, u8, u8) {
        let Some(minutes) = utc_offset_minutes else {
            return self.date;
        };
        OffsetDateTime::from_unix_timestamp(self.unix_seconds + i64::from(minutes) * 60)
            .map_or(self.date, |t| (t.year(), u8::from(t.month()), t.day()))
    }

    /// Whole minutes from `self` until `later` (negative when `later` is earlier), rounded down.
    pub fn minutes_until(&self, later: &Timestamp) -> i64 {
        (later.unix_seconds - self.unix_seconds).div_euclid(60)
    }
}

impl TryFrom<String> for Timestamp {
    type Error = InvalidTimestamp;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Timestamp::parse(&text)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.text
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_offsets_and_fractions() {
        let a = Timestamp::parse("2026-11-27T09:30:00Z").unwrap();
        let b = Timestamp::parse("2026-11-27T12:30:00+03:00").unwrap();
        let c = Timestamp::parse("2026-11-27T09:31:59.999Z").unwrap();
        assert_eq!(a.unix_seconds(), b.unix_seconds());
        assert_eq!(a.minutes_until(&c), 1);
        assert_eq!(c.minutes_until(&a), -2);
        assert_eq!(b.as_str(), "2026-11-27T12:30:00+03:00");
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for bad in [
            "",
            "yesterday",
            "2026-11-27",
            "2026-11-27T09:30:00",
            "2026-13-01T00:00:00Z",
        ] {
            assert_eq!(
                Timestamp::parse(bad),
                Err(InvalidTimestamp(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn json_round_trip_keeps_the_text() {
        let t = Timestamp::parse("2026-11-27T12:30:00+03:00").unwrap();
        let json = crate::json::to_json(&t);
        assert_eq!(json, "\"2026-11-27T12:30:00+03:00\"");
        assert_eq!(crate::json::from_json::<Timestamp>(&json).unwrap(), t);
        assert!(crate::json::from_json::<Timestamp>("\"soon\"").is_err());
    }
}
