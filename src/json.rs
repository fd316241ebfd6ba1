//! JSON text in and out: `fbskit_render::json`, re-exported. In this crate's tests [`to_json`] also
//! checks its text against serde_json's, as the render crate's own tests do.

pub use fbskit_render::json::*;

/// Whether JSON text is an object (its first non-blank character is `{`).
pub(crate) fn is_object(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Whether JSON text is an array (its first non-blank character is `[`).
pub(crate) fn is_array(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// Whether a field is there, whatever its value (even `null`).
#[derive(Debug, Default)]
pub(crate) struct Present(pub bool);

impl<'a> FromJson<'a> for Present {
    fn read(r: &mut Reader<'a>) -> ReadResult<Present> {
        r.skip().map(|()| Present(true))
    }
}

/// A field's JSON text when it is there, even when it is `null` (which `Option` reads as absent).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Raw<'a>(pub Option<&'a str>);

impl<'a> FromJson<'a> for Raw<'a> {
    fn read(r: &mut Reader<'a>) -> ReadResult<Raw<'a>> {
        r.raw().map(|text| Raw(Some(text)))
    }
}

impl<'a> Raw<'a> {
    /// The field's JSON text, if it is there.
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.0
    }
}

/// A value's JSON text, whatever it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonText<'a>(pub &'a str);

impl<'a> FromJson<'a> for JsonText<'a> {
    fn read(r: &mut Reader<'a>) -> ReadResult<JsonText<'a>> {
        r.raw().map(JsonText)
    }
}

/// Checks that text is one JSON value, reading nothing from it.
pub(crate) fn check_syntax(text: &str) -> Result<(), JsonError> {
    from_json::<Present>(text).map(drop)
}

/// A JSON object's members' texts, sorted by key, a repeated key's last value kept.
#[derive(Debug, Default)]
pub(crate) struct Members<'a>(pub Vec<(String, &'a str)>);

impl<'a> FromJson<'a> for Members<'a> {
    fn read(r: &mut Reader<'a>) -> ReadResult<Members<'a>> {
        r.begin_object(&"a map")?;
        let mut members: Vec<(String, &'a str)> = Vec::new();
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            let value = r.raw().map_err(|e| e.at_key(&key))?;
            members.push((key.into_owned(), value));
        }
        // A stable sort keeps repeated keys in text order: keep each one's last.
        crate::sort::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(String, &'a str)> = Vec::with_capacity(members.len());
        for member in members {
            match kept.last_mut() {
                Some(last) if last.0 == member.0 => *last = member,
                _ => kept.push(member),
            }
        }
        Ok(Members(kept))
    }
}

impl<'a> Members<'a> {
    /// A member's text.
    pub(crate) fn get(&self, key: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// Takes a member out.
    pub(crate) fn remove(&mut self, key: &str) -> Option<&'a str> {
        let index = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    /// Adds a member, keeping the keys sorted and unique.
    pub(crate) fn insert(&mut self, key: &str, value: &'a str) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
            Ok(index) => {
                if let Some(member) = self.0.get_mut(index) {
                    member.1 = value;
                }
            }
            Err(index) => self.0.insert(index, (key.to_owned(), value)),
        }
    }

    /// The object's text, members in key order.
    pub(crate) fn object_text(&self) -> String {
        let members: Vec<String> = self
            .0
            .iter()
            // Writing a string as JSON cannot fail.
            .map(|(key, value)| format!("{}:{}", to_json(key.as_str()), value))
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

/// A value as JSON text; in tests, checked against serde_json's text for the same value.
#[cfg(test)]
pub fn to_json<T: ToJson + serde::Serialize + ?Sized>(value: &T) -> String {
    let text = fbskit_render::json::to_json(value);
    let serde = serde_json::to_string(value).expect("serde_json writes every output type");
    assert_eq!(text, serde, "ToJson and serde_json disagree");
    text
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use super::*;

    /// Each variant reads back from the name it writes; an unknown name is refused listing them all.
    fn reads_what_it_writes<T>(variants: &[T])
    where
        T: ToJson + serde::Serialize + for<'a> FromJson<'a> + PartialEq + fmt::Debug,
    {
        let names: Vec<String> = variants.iter().map(to_json).collect();
        for (variant, name) in variants.iter().zip(&names) {
            assert_eq!(&from_json::<T>(name).unwrap(), variant);
        }
        let err = from_json::<T>("\"crayon\"").unwrap_err();
        assert!(
            err.reason
                .starts_with("unknown variant `crayon`, expected "),
            "{}",
            err.reason
        );
        for name in &names {
            let name = format!("`{}`", name.trim_matches('"'));
            assert!(err.reason.contains(&name), "{}", err.reason);
        }
        let err = from_json::<T>("5").unwrap_err();
        assert!(
            err.reason
                .starts_with("invalid type: integer `5`, expected one of"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn unit_enums_read_what_they_write() {
        use crate::order::{Actor, DisputeOutcome};
        use crate::packing::{
            BarcodeRole, Face, LabelSurface, PackageKind, PrintMethod, ReadDirection,
        };
        use crate::printer::{Language, ZplGraphic};
        reads_what_it_writes(&Language::ALL);
        reads_what_it_writes(&[ZplGraphic::Z64, ZplGraphic::Hex]);
        reads_what_it_writes(&[BarcodeRole::Upper, BarcodeRole::Lower]);
        reads_what_it_writes(&[ReadDirection::LeftToRight, ReadDirection::TopToBottom]);
        reads_what_it_writes(&[
            PackageKind::Box,
            PackageKind::Bag,
            PackageKind::FactoryPackaging,
        ]);
        reads_what_it_writes(&Face::ALL);
        reads_what_it_writes(&[
            PrintMethod::Thermal,
            PrintMethod::ThermalTransfer,
            PrintMethod::Inkjet,
            PrintMethod::Laser,
        ]);
        reads_what_it_writes(&[
            LabelSurface::Matte,
            LabelSurface::SemiGloss,
            LabelSurface::Glossy,
        ]);
        reads_what_it_writes(&[Actor::Seller, Actor::Platform]);
        reads_what_it_writes(&[
            DisputeOutcome::Found,
            DisputeOutcome::Reship,
            DisputeOutcome::Cancelled,
        ]);
        reads_what_it_writes(&[
            crate::label::NamedSize::Standard,
            crate::label::NamedSize::Small,
        ]);
    }

    #[test]
    fn error_details_are_what_serde_json_writes() {
        // Every error's details, through the internally tagged and untagged enums.
        let errors = [
            crate::FbsError::Internal { reason: "x".into() },
            crate::label::LabelError::Font(crate::font::FontError::MaskTooLarge {
                width: 1,
                height: 2,
                limit: 3,
            })
            .into(),
        ];
        for e in &errors {
            assert!(e.details_json().starts_with('{'));
        }
    }

    #[test]
    fn members_read_as_a_sorted_map_does() {
        let text = r#"{"b":1,"a":[2],"c":{"x":3},"a":"last"}"#;
        let mut members: Members = crate::json::from_json(text).unwrap();
        let map: std::collections::BTreeMap<String, &serde_json::value::RawValue> =
            serde_json::from_str(text).unwrap();
        let texts = |m: &Members| {
            m.0.iter()
                .map(|(k, v)| (k.clone(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        let map_texts: Vec<_> = map
            .iter()
            .map(|(k, v)| (k.clone(), v.get().to_owned()))
            .collect();
        assert_eq!(texts(&members), map_texts);
        assert_eq!(members.object_text(), r#"{"a":"last","b":1,"c":{"x":3}}"#);
        let b = members.remove("b").unwrap();
        assert!(members.remove("b").is_none());
        members.insert("0", b);
        members.insert("c", b);
        assert_eq!(members.object_text(), r#"{"0":1,"a":"last","c":1}"#);
        assert_eq!(members.get("a"), Some(r#""last""#));
    }
}
