//! `#[derive(FromJson, ToJson)]`: a JSON reader and writer for fbskit's types, built from the
//! `#[serde(...)]` attributes the TypeScript types (and, in tests, serde's `Serialize`) read too, so
//! the names a type writes and reads come from one place.
//!
//! The generated code calls `crate::json`: per field, one string match and one call to read it, one
//! append of its key and one call to write it. Supported: structs with named fields (`rename_all`,
//! `rename`, `default`, `default = "f"`, `deny_unknown_fields`, `deserialize_with = "f"`, `skip…`),
//! newtypes (`transparent`), conversions (`from`, `try_from`, `into`), unit enums, and for writing
//! internally tagged (`tag`, `rename_all_fields`) and untagged enums. Anything else is a compile
//! error, not a silent difference from serde.

mod attrs;
mod from_json;
mod to_json;

use proc_macro2::Span;
use syn::{DeriveInput, Error};

/// Implements `crate::json::FromJson` from the type's `#[serde]` attributes.
#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    from_json::expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Implements `crate::json::ToJson` from the type's `#[serde]` attributes, writing what serde's
/// `Serialize` derive would write with serde_json.
#[proc_macro_derive(ToJson, attributes(serde))]
pub fn derive_to_json(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    to_json::expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// A field's or variant's JSON name: its `rename`, else its Rust name (a snake_case field or a
/// PascalCase variant) as `rule` writes it.
fn json_name(
    rename: Option<String>,
    name: &str,
    rule: Option<&str>,
    variant: bool,
    span: Span,
) -> syn::Result<String> {
    let name = match rename {
        Some(rename) => rename,
        None => renamed(name, rule, variant, span)?,
    };
    // Written into the generated code as a ready-made JSON key.
    if name.contains(|c: char| c == '"' || c == '\\' || c.is_control()) {
        return Err(Error::new(span, "a JSON name here must not need escaping"));
    }
    Ok(name)
}

/// `name` as serde's `rename_all = rule` writes it.
fn renamed(name: &str, rule: Option<&str>, variant: bool, span: Span) -> syn::Result<String> {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let words: Vec<String> = if variant {
        let mut words = Vec::new();
        for ch in name.chars() {
            if ch.is_uppercase() || words.is_empty() {
                words.push(String::new());
            }
            if let Some(word) = words.last_mut() {
                word.extend(ch.to_lowercase());
            }
        }
        words
    } else {
        name.split('_').map(str::to_owned).collect()
    };
    let capitalized = |w: &String| {
        let mut chars = w.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    Ok(match rule {
        None => name.to_owned(),
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { capitalized(w) })
            .collect(),
        Some("snake_case") => words.join("_"),
        // serde lower-cases variant names; field names are lower case already.
        Some("lowercase") if variant => words.concat(),
        Some("lowercase") => name.to_owned(),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_uppercase(),
        Some(other) => {
            return Err(Error::new(
                span,
                format!("FromJson: rename_all = \"{other}\" is not supported"),
            ))
        }
    })
}
