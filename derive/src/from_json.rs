//! `#[derive(FromJson)]`: a slot per field, filled through `crate::json::Reader::members` by the
//! field's index among the names the type reads.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Error, Fields, GenericParam};

use crate::attrs::{self, Container};
use crate::json_name;

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let c = attrs::container(input)?;
    if c.tag.is_some() || c.untagged || c.rename_all_fields.is_some() {
        return Err(Error::new(
            input.span(),
            "FromJson: tagged and untagged enums are not supported (write this reader by hand)",
        ));
    }
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
                Fields::Named(fields) if !c.transparent => named_struct(input, &c, fields)?,
                Fields::Unnamed(fields) if c.transparent && fields.unnamed.len() == 1 => {
                    quote!(crate::json::FromJson::read(r).map(#name))
                }
                _ => return Err(Error::new(
                    input.span(),
                    "FromJson: a struct needs named fields, or `transparent` and one unnamed field",
                )),
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
                    let f = attrs::variant(variant)?;
                    let json = json_name(
                        f.rename,
                        &variant.ident.to_string(),
                        c.rename_all.as_deref(),
                        true,
                        variant.span(),
                    )?;
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
    let expected = format!(
        "struct {}",
        c.rename.clone().unwrap_or_else(|| name.to_string())
    );
    let mut json_names = Vec::new();
    let mut slots = Vec::new();
    let mut slot_types = Vec::new();
    let mut arms = Vec::new();
    let mut absent = Vec::new();
    let mut required = Vec::new();
    let mut inits = Vec::new();
    for (i, field) in fields.named.iter().enumerate() {
        let f = attrs::field(field)?;
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| Error::new(field.span(), "unnamed"))?;
        let ty = &field.ty;
        if f.skip_deserializing {
            inits.push(if c.default {
                quote!(#ident: default.#ident)
            } else {
                quote!(#ident: ::core::default::Default::default())
            });
            continue;
        }
        let json = json_name(
            f.rename,
            &ident.to_string(),
            c.rename_all.as_deref(),
            false,
            field.span(),
        )?;
        let slot = format_ident!("f{i}");
        let index = json_names.len();
        let place = syn::Index::from(index);
        slot_types.push(quote!(::core::option::Option<#ty>));
        slots.push(slot.clone());
        arms.push(match &f.deserialize_with {
            Some(with) => quote!(#index => r.member_with(&mut slots.#place, #json, #with)),
            None => quote!(#index => r.member(&mut slots.#place, #json)),
        });
        inits.push(match (&f.default, &f.deserialize_with) {
            (Some(Some(path)), _) => quote!(#ident: #slot.unwrap_or_else(#path)),
            (Some(None), _) => quote!(#ident: #slot.unwrap_or_default()),
            (None, _) if c.default => quote!(#ident: match #slot {
                Some(value) => value,
                None => default.#ident,
            }),
            (None, with) => {
                // Required: taken from the one match below. A missing field may still have a value
                // of its own (`Option` is `None`) unless a `deserialize_with` reads it.
                if with.is_none() {
                    absent.push(
                        quote!(let #slot = #slot.or_else(<#ty as crate::json::FromJson>::absent);),
                    );
                }
                let value = format_ident!("v{i}");
                required.push((slot.clone(), value.clone(), json.clone()));
                quote!(#ident: #value)
            }
        });
        json_names.push(json);
    }
    let deny = c.deny_unknown_fields;
    let default = c
        .default
        .then(|| quote!(let default: Self = ::core::default::Default::default();));
    // The slots are one tuple, only borrowed while the members are read: an error drops them all
    // with one call, where separate locals each needed their own drop on every `?`.
    let nones = slots.iter().map(|_| quote!(::core::option::Option::None));
    let read_members = if slots.is_empty() {
        quote!(r.members(&#expected, FIELDS, #deny, &mut |_, _| Ok(()))?;)
    } else {
        quote! {
            let mut slots: (#(#slot_types,)*) = (#(#nones,)*);
            r.members(&#expected, FIELDS, #deny, &mut |r, index| match index {
                #(#arms,)*
                // `members` gives no index past FIELDS.
                _ => Ok(()),
            })?;
            let (#(#slots,)*) = slots;
        }
    };
    // Every required field in one match, so a missing one drops the slots once, and names the first
    // missing field as serde does.
    let build = quote!(Ok(#name { #(#inits),* }));
    let build = match required.split_last() {
        None => build,
        Some(((_, _, last), rest)) => {
            let (slots, values): (Vec<_>, Vec<_>) = required.iter().map(|(s, v, _)| (s, v)).unzip();
            let checks = rest
                .iter()
                .map(|(slot, _, json)| quote!(if #slot.is_none() { #json } else));
            quote! {
                match (#(#slots,)*) {
                    (#(::core::option::Option::Some(#values),)*) => #build,
                    (#(#slots,)*) => Err(crate::json::ReadError::missing_field(
                        #(#checks)* { #last },
                    )),
                }
            }
        }
    };
    Ok(quote! {
        const FIELDS: &[&str] = &[#(#json_names),*];
        #read_members
        #(#absent)*
        #default
        #build
    })
}
