//! `#[derive(FromJson)]`: a JSON reader for fbskit's input types, built from the `#[serde(...)]`
//! attributes their `Serialize` (and the TypeScript types) already read, so the names a type writes
//! and the names it reads come from one place.
//!
//! The generated code calls `crate::json`'s pull reader: per field, one string match and one call.
//! Supported: structs with named fields (`rename_all`, `rename`, `default`, `default = "f"`,
//! `deny_unknown_fields`, `deserialize_with = "f"`, `skip`/`skip_deserializing`), newtypes
//! (`transparent`), conversions (`from`, `try_from`) and unit enums (`rename_all`, `rename`). Anything
//! else is a compile error, not a silent difference from serde.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Error, Fields, GenericParam, LitStr, Path, Type};

/// Implements `crate::json::FromJson` from the type's `#[serde]` attributes.
#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = syn::parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// The container's `#[serde]` attributes that reading depends on.
#[derive(Default)]
struct Container {
    rename_all: Option<String>,
    deny_unknown_fields: bool,
    default: bool,
    transparent: bool,
    from: Option<Type>,
    try_from: Option<Type>,
}

/// A field's `#[serde]` attributes that reading depends on.
#[derive(Default)]
struct Field {
    rename: Option<String>,
    default: Option<Option<Path>>,
    with: Option<Path>,
    skip: bool,
}

fn container_attrs(input: &DeriveInput) -> syn::Result<Container> {
    let mut c = Container::default();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename_all") {
                c.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if p.is_ident("deny_unknown_fields") {
                c.deny_unknown_fields = true;
            } else if p.is_ident("default") {
                if meta.input.peek(syn::Token![=]) {
                    return Err(
                        meta.error("FromJson: container `default = \"…\"` is not supported")
                    );
                }
                c.default = true;
            } else if p.is_ident("transparent") {
                c.transparent = true;
            } else if p.is_ident("from") {
                c.from = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if p.is_ident("try_from") {
                c.try_from = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if p.is_ident("into") || p.is_ident("rename") {
                // Writing only.
                let _ = meta.value()?.parse::<LitStr>()?;
            } else {
                return Err(meta.error("FromJson does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

fn field_attrs(attrs: &[syn::Attribute]) -> syn::Result<Field> {
    let mut f = Field::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                f.rename = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if p.is_ident("default") {
                f.default = Some(if meta.input.peek(syn::Token![=]) {
                    Some(meta.value()?.parse::<LitStr>()?.parse()?)
                } else {
                    None
                });
            } else if p.is_ident("deserialize_with") {
                f.with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if p.is_ident("skip") || p.is_ident("skip_deserializing") {
                f.skip = true;
            } else if p.is_ident("skip_serializing_if") || p.is_ident("serialize_with") {
                let _ = meta.value()?.parse::<LitStr>()?;
            } else if p.is_ident("borrow") || p.is_ident("skip_serializing") {
                // Borrowing is the reader's default; skipping on write does not change reading.
            } else {
                return Err(meta.error("FromJson does not support this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(f)
}

/// `name` (a snake_case field or a PascalCase variant) as `rule` writes it.
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
        None if variant => name.to_owned(),
        None => name.to_owned(),
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { w.clone() } else { capitalized(w) })
            .collect(),
        Some("snake_case") => words.join("_"),
        Some("lowercase") => words.concat(),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_uppercase(),
        Some(other) => {
            return Err(Error::new(
                span,
                format!("FromJson: rename_all = \"{other}\" is not supported"),
            ))
        }
    })
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let c = container_attrs(input)?;
    let name = &input.ident;
    let mut lifetimes = input.generics.params.iter();
    let (impl_lt, ty_generics) = match (lifetimes.next(), lifetimes.next()) {
        (None, _) => (quote!('__a), quote!()),
        (Some(GenericParam::Lifetime(lt)), None) => {
            let lt = &lt.lifetime;
            (quote!(#lt), quote!(<#lt>))
        }
        _ => {
            return Err(Error::new(
                input.generics.span(),
                "FromJson: only types with no generics or one lifetime are supported",
            ))
        }
    };
    let body = if let Some(source) = &c.try_from {
        quote! {
            let value = <#source as crate::json::FromJson<#impl_lt>>::read(r)?;
            <Self as ::core::convert::TryFrom<#source>>::try_from(value)
                .map_err(|e| crate::json::ReadError::new(e.to_string()))
        }
    } else if let Some(source) = &c.from {
        quote! {
            <#source as crate::json::FromJson<#impl_lt>>::read(r).map(<Self as ::core::convert::From<#source>>::from)
        }
    } else {
        match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(fields) => named_struct(input, &c, fields)?,
                Fields::Unnamed(fields) if c.transparent && fields.unnamed.len() == 1 => {
                    quote!(crate::json::FromJson::read(r).map(#name))
                }
                _ => {
                    return Err(Error::new(
                        input.span(),
                        "FromJson: a tuple struct must be `transparent` with one field",
                    ))
                }
            },
            Data::Enum(data) => {
                let mut names = Vec::new();
                let mut arms = Vec::new();
                for (index, variant) in data.variants.iter().enumerate() {
                    if !matches!(variant.fields, Fields::Unit) {
                        return Err(Error::new(
                            variant.span(),
                            "FromJson: only unit variants are supported (write this reader by hand)",
                        ));
                    }
                    let f = field_attrs(&variant.attrs)?;
                    let json = match f.rename {
                        Some(rename) => rename,
                        None => renamed(
                            &variant.ident.to_string(),
                            c.rename_all.as_deref(),
                            true,
                            variant.span(),
                        )?,
                    };
                    let ident = &variant.ident;
                    names.push(json);
                    arms.push(quote!(#index => Self::#ident));
                }
                quote! {
                    const NAMES: &[&str] = &[#(#names),*];
                    Ok(match crate::json::variant_index(r, NAMES)? {
                        #(#arms,)*
                        _ => return Err(crate::json::ReadError::new("no such variant")),
                    })
                }
            }
            Data::Union(_) => {
                return Err(Error::new(
                    input.span(),
                    "FromJson: unions are not supported",
                ))
            }
        }
    };
    Ok(quote! {
        impl<#impl_lt> crate::json::FromJson<#impl_lt> for #name #ty_generics {
            fn read(r: &mut crate::json::Reader<#impl_lt>) -> crate::json::ReadResult<Self> {
                #body
            }
        }
    })
}

fn named_struct(
    input: &DeriveInput,
    c: &Container,
    fields: &syn::FieldsNamed,
) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let expected = format!("struct {name}");
    let mut json_names = Vec::new();
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (i, field) in fields.named.iter().enumerate() {
        let f = field_attrs(&field.attrs)?;
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| Error::new(field.span(), "unnamed"))?;
        let ty = &field.ty;
        if f.skip {
            inits.push(if c.default {
                quote!(#ident: default.#ident)
            } else {
                quote!(#ident: ::core::default::Default::default())
            });
            continue;
        }
        let json = match f.rename {
            Some(rename) => rename,
            None => renamed(
                &ident.to_string(),
                c.rename_all.as_deref(),
                false,
                field.span(),
            )?,
        };
        let slot = format_ident!("f{i}");
        slots.push(quote!(let mut #slot: ::core::option::Option<#ty> = None;));
        arms.push(match &f.with {
            Some(with) => quote!(#json => r.member_with(&mut #slot, &key, #with)?),
            None => quote!(#json => r.member(&mut #slot, &key)?),
        });
        inits.push(match (&f.default, &f.with) {
            (Some(Some(path)), _) => quote!(#ident: #slot.unwrap_or_else(#path)),
            (Some(None), _) => quote!(#ident: #slot.unwrap_or_default()),
            (None, _) if c.default => quote!(#ident: match #slot {
                Some(value) => value,
                None => default.#ident,
            }),
            (None, Some(_)) => quote!(#ident: match #slot {
                Some(value) => value,
                None => return Err(crate::json::ReadError::missing_field(#json)),
            }),
            (None, None) => quote!(#ident: crate::json::required(#slot, #json)?),
        });
        json_names.push(json);
    }
    let deny = c.deny_unknown_fields;
    let default = c
        .default
        .then(|| quote!(let default: Self = ::core::default::Default::default();));
    Ok(quote! {
        const FIELDS: &[&str] = &[#(#json_names),*];
        #(#slots)*
        r.begin_object(&#expected)?;
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            match &*key {
                #(#arms,)*
                _ => r.unknown(&key, FIELDS, #deny)?,
            }
        }
        #default
        Ok(#name { #(#inits),* })
    })
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

mod to_json {
    use super::renamed;
    use proc_macro2::TokenStream;
    use quote::{format_ident, quote};
    use syn::spanned::Spanned;
    use syn::{Data, DeriveInput, Error, Fields, LitStr, Path, Type};

    /// The container's `#[serde]` attributes that writing depends on.
    #[derive(Default)]
    struct Container {
        rename_all: Option<String>,
        rename_all_fields: Option<String>,
        tag: Option<String>,
        untagged: bool,
        transparent: bool,
        into: Option<Type>,
    }

    /// A field's or variant's `#[serde]` attributes that writing depends on.
    #[derive(Default)]
    struct Member {
        rename: Option<String>,
        rename_all: Option<String>,
        skip: bool,
        skip_if: Option<Path>,
    }

    fn container(input: &DeriveInput) -> syn::Result<Container> {
        let mut c = Container::default();
        for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                let value = |meta: &syn::meta::ParseNestedMeta| -> syn::Result<String> {
                    Ok(meta.value()?.parse::<LitStr>()?.value())
                };
                if p.is_ident("rename_all") {
                    c.rename_all = Some(value(&meta)?);
                } else if p.is_ident("rename_all_fields") {
                    c.rename_all_fields = Some(value(&meta)?);
                } else if p.is_ident("tag") {
                    c.tag = Some(value(&meta)?);
                } else if p.is_ident("untagged") {
                    c.untagged = true;
                } else if p.is_ident("transparent") {
                    c.transparent = true;
                } else if p.is_ident("into") {
                    c.into = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if p.is_ident("from") || p.is_ident("try_from") || p.is_ident("rename") {
                    let _ = value(&meta)?;
                } else if p.is_ident("deny_unknown_fields") || p.is_ident("default") {
                    if meta.input.peek(syn::Token![=]) {
                        let _ = value(&meta)?;
                    }
                } else {
                    return Err(meta.error("ToJson does not support this serde attribute"));
                }
                Ok(())
            })?;
        }
        Ok(c)
    }

    fn member(attrs: &[syn::Attribute]) -> syn::Result<Member> {
        let mut m = Member::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                let p = &meta.path;
                if p.is_ident("rename") {
                    m.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if p.is_ident("rename_all") {
                    m.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if p.is_ident("skip") || p.is_ident("skip_serializing") {
                    m.skip = true;
                } else if p.is_ident("skip_serializing_if") {
                    m.skip_if = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else if p.is_ident("default")
                    || p.is_ident("deserialize_with")
                    || p.is_ident("skip_deserializing")
                    || p.is_ident("borrow")
                {
                    if meta.input.peek(syn::Token![=]) {
                        let _ = meta.value()?.parse::<LitStr>()?;
                    }
                } else {
                    return Err(meta.error("ToJson does not support this serde attribute"));
                }
                Ok(())
            })?;
        }
        Ok(m)
    }

    /// `"name":` as a JSON key literal.
    fn key(name: &str) -> String {
        format!("\"{name}\":")
    }

    /// Statements writing named fields (bound to `bindings`) as members of the open object.
    fn members(
        fields: &syn::FieldsNamed,
        rule: Option<&str>,
        access: impl Fn(&syn::Ident) -> TokenStream,
    ) -> syn::Result<Vec<TokenStream>> {
        let mut out = Vec::new();
        for field in &fields.named {
            let m = member(&field.attrs)?;
            if m.skip {
                continue;
            }
            let ident = field
                .ident
                .as_ref()
                .ok_or_else(|| Error::new(field.span(), "unnamed"))?;
            let name = match m.rename {
                Some(rename) => rename,
                None => renamed(&ident.to_string(), rule, false, field.span())?,
            };
            let key = key(&name);
            let value = access(ident);
            out.push(match m.skip_if {
                Some(skip_if) => quote! {
                    if !#skip_if(&#value) {
                        w.key(#key);
                        crate::json::ToJson::write_json(&#value, w);
                    }
                },
                None => quote! {
                    w.key(#key);
                    crate::json::ToJson::write_json(&#value, w);
                },
            });
        }
        Ok(out)
    }

    pub(super) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
        let c = container(input)?;
        let name = &input.ident;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let body = if let Some(into) = &c.into {
            quote! {
                let value: #into = ::core::convert::Into::into(::core::clone::Clone::clone(self));
                crate::json::ToJson::write_json(&value, w);
            }
        } else {
            match &input.data {
                Data::Struct(data) => match &data.fields {
                    Fields::Named(fields) if !c.transparent => {
                        let members =
                            members(fields, c.rename_all.as_deref(), |ident| quote!(self.#ident))?;
                        quote! {
                            w.begin_object();
                            #(#members)*
                            w.end_object();
                        }
                    }
                    Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                        quote!(crate::json::ToJson::write_json(&self.0, w);)
                    }
                    Fields::Named(fields) if fields.named.len() == 1 => {
                        let ident = fields.named.first().and_then(|f| f.ident.as_ref());
                        quote!(crate::json::ToJson::write_json(&self.#ident, w);)
                    }
                    _ => {
                        return Err(Error::new(
                            input.span(),
                            "ToJson: this struct shape is not supported",
                        ))
                    }
                },
                Data::Enum(data) => {
                    let mut arms = Vec::new();
                    for variant in &data.variants {
                        let m = member(&variant.attrs)?;
                        let ident = &variant.ident;
                        let json_name = match m.rename {
                            Some(rename) => rename,
                            None => renamed(
                                &ident.to_string(),
                                c.rename_all.as_deref(),
                                true,
                                variant.span(),
                            )?,
                        };
                        let name_lit = format!("\"{json_name}\"");
                        let field_rule = m.rename_all.as_deref().or(c.rename_all_fields.as_deref());
                        let tag_member =
                            c.tag.as_ref().map(|tag| format!("{}{name_lit}", key(tag)));
                        let arm = match (&variant.fields, &tag_member, c.untagged) {
                            (Fields::Unit, None, false) => {
                                quote!(Self::#ident => w.raw(#name_lit),)
                            }
                            (Fields::Unit, None, true) => quote!(Self::#ident => w.raw("null"),),
                            (Fields::Unit, Some(tag), _) => quote! {
                                Self::#ident => {
                                    w.begin_object();
                                    w.key(#tag);
                                    w.end_object();
                                }
                            },
                            (Fields::Named(fields), tag, untagged) => {
                                if tag.is_none() && !untagged {
                                    return Err(Error::new(
                                        variant.span(),
                                        "ToJson: externally tagged struct variants are not supported",
                                    ));
                                }
                                let bindings: Vec<_> = fields
                                    .named
                                    .iter()
                                    .filter_map(|f| f.ident.clone())
                                    .collect();
                                let members = members(fields, field_rule, |ident| quote!(*#ident))?;
                                let tag = tag.iter();
                                quote! {
                                    #[allow(unused_variables)]
                                    Self::#ident { #(#bindings),* } => {
                                        w.begin_object();
                                        #(w.key(#tag);)*
                                        #(#members)*
                                        w.end_object();
                                    }
                                }
                            }
                            (Fields::Unnamed(fields), None, true) if fields.unnamed.len() == 1 => {
                                quote!(Self::#ident(inner) => crate::json::ToJson::write_json(inner, w),)
                            }
                            (Fields::Unnamed(fields), Some(tag), _)
                                if fields.unnamed.len() == 1 =>
                            {
                                quote! {
                                    Self::#ident(inner) => {
                                        w.begin_object();
                                        w.key(#tag);
                                        w.merge_object(inner);
                                        w.end_object();
                                    }
                                }
                            }
                            _ => {
                                return Err(Error::new(
                                    variant.span(),
                                    "ToJson: this variant shape is not supported",
                                ))
                            }
                        };
                        arms.push(arm);
                    }
                    let _ = format_ident!("unused");
                    quote! {
                        match self {
                            #(#arms)*
                        }
                    }
                }
                Data::Union(_) => {
                    return Err(Error::new(input.span(), "ToJson: unions are not supported"))
                }
            }
        };
        Ok(quote! {
            impl #impl_generics crate::json::ToJson for #name #ty_generics #where_clause {
                #[inline(never)]
                fn write_json(&self, w: &mut crate::json::Writer) {
                    #body
                }
            }
        })
    }
}
