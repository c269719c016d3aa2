//! `Serialize` and `Deserialize` of the model structs, written out rather
//! than derived. serde's derive, with `#[serde(flatten)]` for the properties
//! the SDK does not know, expands to several times this code per field (an
//! identifier enum, a visitor for it, a duplicate check, a buffer of every
//! value for the flattened map), and that expansion was most of the time a
//! crate of models took to compile; it also buffered each object before
//! decoding it. Here a property is one element of a table for writing and
//! one match arm for reading, and an unknown property goes straight into the
//! map that keeps it. Measured on 300 structs of 60 optional fields (debug,
//! rustc alone, derives of Clone, Debug, Default and PartialEq included):
//! serde's derive 27.4 s for reading; a local and a `?` per field 11.4 s;
//! this 4.5 s; writing, derived 8.1 s, a `?` per field 6.2 s, the table 3.1 s.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::shapes::Adapter;

/// A struct field as it travels.
pub struct WireField {
    pub ident: Ident,
    /// The property's name in JSON.
    pub wire: String,
    /// The `formats` adapter module for the field's type, if it needs one
    /// (`crate::formats::rfc3339::option`).
    pub adapter: Option<Adapter>,
    /// An `Option` that may be left out of the object (else it must be there).
    pub optional: bool,
    /// Written as `null` when `None` (a required but nullable property).
    pub write_null: bool,
}

// impl serde::Serialize for Issuer {
//     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//         crate::wire::write_object(serializer, &[
//             ("code", &crate::wire::Present(&self.code)),
//             ("validFrom", &crate::formats::rfc3339::option::Wire(&self.valid_from)),
//             ("name", &self.name),
//         ], &self.additional_data)
//     }
// }
/// A table of entries for the runtime's `write_object`: per property an
/// element, no code; an `Option` entry is left out when `None`.
pub fn serialize_impl(name: &Ident, fields: &[WireField], additional: &Ident) -> TokenStream {
    let entries = fields.iter().map(|field| {
        let (ident, wire) = (&field.ident, &field.wire);
        let value = match &field.adapter {
            Some(adapter) => quote! { #adapter::Wire(&self.#ident) },
            None => quote! { self.#ident },
        };
        if field.optional && !field.write_null {
            quote! { (#wire, &#value) }
        } else {
            quote! { (#wire, &crate::wire::Present(&#value)) }
        }
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::wire::write_object(serializer, &[#(#entries),*], &self.#additional)
            }
        }
    }
}

// impl<'de> serde::Deserialize<'de> for Issuer {
//     fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//         struct Fields;
//         impl<'de> serde::de::Visitor<'de> for Fields {
//             type Value = Issuer;
//             fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Issuer, A::Error> {
//                 let mut code = None;
//                 let mut valid_from = None;
//                 let mut additional_data = std::collections::BTreeMap::new();
//                 while let Some(key) = map.next_key::<crate::wire::Key<'de>>()? {
//                     match key.as_str() {
//                         "code" => crate::wire::read_required(&mut map, &mut code),
//                         "validFrom" => crate::formats::rfc3339::option::read(&mut map, &mut valid_from),
//                         _ => crate::wire::read_unknown(&mut map, &mut additional_data, key),
//                     }?;
//                 }
//                 Ok(Issuer { code: code.ok_or_else(|| serde::de::Error::missing_field("code"))?, valid_from, additional_data })
//             }
//         }
//         deserializer.deserialize_map(Fields)
//     }
// }
/// A struct of optional fields only (all of Graph's) is filled in place,
/// `read(&mut map, &mut object.valid_from)`; otherwise each field is a local
/// until all are read. One `?` for the whole match and a read function per
/// field keep the function's control flow and borrows few: with a `?` and a
/// borrow of the map per arm, the borrow checker took most of the time.
/// The locals take their types from the struct they fill, so no field type
/// is named inside the impl, where a generic or the visitor could hide it.
pub fn deserialize_impl(name: &Ident, fields: &[WireField], additional: &Ident) -> TokenStream {
    let in_place = fields.iter().all(|f| f.optional);
    // Locals and generics beside the fields and the struct's own name.
    let taken = |candidate: &Ident| {
        (!in_place && fields.iter().any(|f| f.ident == *candidate))
            || additional == candidate
            || name == candidate
    };
    let (map, key, object) = (
        free_name("map", &taken),
        free_name("key", &taken),
        free_name("object", &taken),
    );
    let (d, a, visitor) = (
        free_name("D", &taken),
        free_name("A", &taken),
        free_name("Fields", &taken),
    );
    let slot = |ident: &Ident| {
        if in_place {
            quote! { &mut #object.#ident }
        } else {
            quote! { &mut #ident }
        }
    };
    let arms = fields.iter().map(|field| {
        let wire = &field.wire;
        let module = match &field.adapter {
            Some(adapter) => quote! { #adapter },
            None => quote! { crate::wire },
        };
        let slot = slot(&field.ident);
        if field.optional {
            quote! { #wire => #module::read(&mut #map, #slot), }
        } else {
            quote! { #wire => #module::read_required(&mut #map, #slot), }
        }
    });
    let unknown = slot(additional);
    let (start, end) = if in_place {
        (
            quote! { let mut #object = <#name as Default>::default(); },
            quote! { Ok(#object) },
        )
    } else {
        locals_and_struct(name, fields, additional)
    };
    let expecting = format!("a {name} object");
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<#d: serde::Deserializer<'de>>(deserializer: #d) -> Result<Self, #d::Error> {
                struct #visitor;
                impl<'de> serde::de::Visitor<'de> for #visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<#a: serde::de::MapAccess<'de>>(self, mut #map: #a) -> Result<#name, #a::Error> {
                        #start
                        while let Some(#key) = #map.next_key::<crate::wire::Key<'de>>()? {
                            match #key.as_str() {
                                #(#arms)*
                                _ => crate::wire::read_unknown(&mut #map, #unknown, #key),
                            }?;
                        }
                        #end
                    }
                }
                deserializer.deserialize_map(#visitor)
            }
        }
    }
}

/// A `Deserialize` that cannot fill a `Default` in place (a field is
/// required): a local per field before the loop, and the struct made from
/// them after it, a missing required field an error.
fn locals_and_struct(
    name: &Ident,
    fields: &[WireField],
    additional: &Ident,
) -> (TokenStream, TokenStream) {
    let locals = fields.iter().map(|field| {
        let ident = &field.ident;
        quote! { let mut #ident = None; }
    });
    let inits = fields.iter().map(|field| {
        let (ident, wire) = (&field.ident, &field.wire);
        if field.optional {
            quote! { #ident, }
        } else {
            quote! { #ident: #ident.ok_or_else(|| serde::de::Error::missing_field(#wire))?, }
        }
    });
    (
        quote! {
            #(#locals)*
            let mut #additional = std::collections::BTreeMap::new();
        },
        quote! { Ok(#name { #(#inits)* #additional }) },
    )
}

/// `base`, or `base_`, `base__`... : the first that `taken` does not hold.
fn free_name(base: &str, taken: &dyn Fn(&Ident) -> bool) -> Ident {
    let mut name = format_ident!("{base}");
    while taken(&name) {
        name = format_ident!("{name}_");
    }
    name
}
