//! `#[derive(ToJson)]`: what serde's `Serialize` derive would write with serde_json, as calls to
//! `crate::json::Writer`.

use crate::attrs::{self, Container};
use crate::json_name;
use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Error, Fields};

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
        let m = attrs::field(field)?;
        if m.skip_serializing {
            continue;
        }
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| Error::new(field.span(), "unnamed"))?;
        let name = json_name(m.rename, &ident.to_string(), rule, false, field.span())?;
        let key = key(&name);
        let value = access(ident);
        out.push(match m.skip_serializing_if {
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

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let c: Container = attrs::container(input)?;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let body = if let Some(into) = &c.into {
        quote! {
            let value: #into = ::core::convert::Into::into(::core::clone::Clone::clone(self));
            crate::json::ToJson::write_json(&value, w);
        }
    } else {
        match &input.data {
            Data::Struct(_) if c.tag.is_some() || c.untagged => {
                return Err(Error::new(
                    input.span(),
                    "ToJson: `tag` and `untagged` are supported on enums only",
                ))
            }
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
                    let m = attrs::variant(variant)?;
                    let ident = &variant.ident;
                    let variant_name = json_name(
                        m.rename,
                        &ident.to_string(),
                        c.rename_all.as_deref(),
                        true,
                        variant.span(),
                    )?;
                    let name_lit = format!("\"{variant_name}\"");
                    let field_rule = m.rename_all.as_deref().or(c.rename_all_fields.as_deref());
                    let tag_member = c.tag.as_ref().map(|tag| format!("{}{name_lit}", key(tag)));
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
                        (Fields::Unnamed(fields), Some(tag), _) if fields.unnamed.len() == 1 => {
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
