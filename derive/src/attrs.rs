//! The `#[serde(...)]` attributes both derives read, parsed once. An attribute neither supports is a
//! compile error, not a silent difference from serde.

use syn::{DeriveInput, LitStr, Path, Type};

/// A container's attributes.
#[derive(Default)]
pub(crate) struct Container {
    /// The type's name in messages (`expected struct Order`); no JSON text carries it.
    pub rename: Option<String>,
    pub rename_all: Option<String>,
    pub rename_all_fields: Option<String>,
    pub tag: Option<String>,
    pub untagged: bool,
    pub deny_unknown_fields: bool,
    pub default: bool,
    pub transparent: bool,
    pub from: Option<Type>,
    pub try_from: Option<Type>,
    pub into: Option<Type>,
}

/// A field's or a variant's attributes.
#[derive(Default)]
pub(crate) struct Member {
    pub rename: Option<String>,
    pub rename_all: Option<String>,
    /// `default` (`Some(None)`) or `default = "path"`.
    pub default: Option<Option<Path>>,
    pub deserialize_with: Option<Path>,
    pub skip_serializing: bool,
    pub skip_deserializing: bool,
    pub skip_serializing_if: Option<Path>,
}

fn string(meta: &syn::meta::ParseNestedMeta) -> syn::Result<String> {
    Ok(meta.value()?.parse::<LitStr>()?.value())
}

fn parsed<T: syn::parse::Parse>(meta: &syn::meta::ParseNestedMeta) -> syn::Result<T> {
    meta.value()?.parse::<LitStr>()?.parse()
}

pub(crate) fn container(input: &DeriveInput) -> syn::Result<Container> {
    let mut c = Container::default();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                c.rename = Some(string(&meta)?);
            } else if p.is_ident("rename_all") {
                c.rename_all = Some(string(&meta)?);
            } else if p.is_ident("rename_all_fields") {
                c.rename_all_fields = Some(string(&meta)?);
            } else if p.is_ident("tag") {
                c.tag = Some(string(&meta)?);
            } else if p.is_ident("untagged") {
                c.untagged = true;
            } else if p.is_ident("deny_unknown_fields") {
                c.deny_unknown_fields = true;
            } else if p.is_ident("default") && !meta.input.peek(syn::Token![=]) {
                c.default = true;
            } else if p.is_ident("transparent") {
                c.transparent = true;
            } else if p.is_ident("from") {
                c.from = Some(parsed(&meta)?);
            } else if p.is_ident("try_from") {
                c.try_from = Some(parsed(&meta)?);
            } else if p.is_ident("into") {
                c.into = Some(parsed(&meta)?);
            } else {
                return Err(meta.error("fbskit-derive does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

/// A field's attributes.
pub(crate) fn field(field: &syn::Field) -> syn::Result<Member> {
    let m = member(&field.attrs)?;
    if m.rename_all.is_some() {
        return Err(syn::Error::new_spanned(
            field,
            "`rename_all` belongs on a type or a variant",
        ));
    }
    Ok(m)
}

/// A variant's attributes: names only (skipping a variant is not supported).
pub(crate) fn variant(variant: &syn::Variant) -> syn::Result<Member> {
    let m = member(&variant.attrs)?;
    if m.default.is_some()
        || m.deserialize_with.is_some()
        || m.skip_serializing
        || m.skip_deserializing
        || m.skip_serializing_if.is_some()
    {
        return Err(syn::Error::new_spanned(
            &variant.ident,
            "fbskit-derive supports only `rename` and `rename_all` on a variant",
        ));
    }
    Ok(m)
}

fn member(attrs: &[syn::Attribute]) -> syn::Result<Member> {
    let mut m = Member::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                m.rename = Some(string(&meta)?);
            } else if p.is_ident("rename_all") {
                m.rename_all = Some(string(&meta)?);
            } else if p.is_ident("default") {
                m.default = Some(if meta.input.peek(syn::Token![=]) {
                    Some(parsed(&meta)?)
                } else {
                    None
                });
            } else if p.is_ident("deserialize_with") {
                m.deserialize_with = Some(parsed(&meta)?);
            } else if p.is_ident("skip") {
                m.skip_serializing = true;
                m.skip_deserializing = true;
            } else if p.is_ident("skip_serializing") {
                m.skip_serializing = true;
            } else if p.is_ident("skip_deserializing") {
                m.skip_deserializing = true;
            } else if p.is_ident("skip_serializing_if") {
                m.skip_serializing_if = Some(parsed(&meta)?);
            } else if p.is_ident("borrow") {
                // The reader borrows whatever it can.
            } else {
                return Err(meta.error("fbskit-derive does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(m)
}
