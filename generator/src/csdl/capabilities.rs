//! What the Capabilities vocabulary says may be done at a path: the
//! restrictions of a set, a singleton or a navigation property (also through
//! the source's NavigationRestrictions), with the summaries they give, and
//! the system query options a request supports.

use roxmltree::Node;

use super::Converter;
use super::conventions::system_query_option;
use super::document::{CAPABILITIES, bool_value, children, record_property, string_value};
use super::paths::{Allowed, Source};
use crate::model::Parameter;

impl<'a, 'input> Converter<'a, 'input> {
    /// The value of a Capabilities term for a request at `source.path`: from
    /// the source's NavigationRestrictions for the navigation path, then on
    /// the navigation property; for a set or singleton, on it. The node is an
    /// `<Annotation>` or a `<PropertyValue>`; either holds the value.
    pub(super) fn capability(
        &self,
        source: &Source<'a, 'input>,
        navigation: Option<Node<'a, 'input>>,
        term: &str,
    ) -> Option<Node<'a, 'input>> {
        let qualified = format!("{CAPABILITIES}.{term}");
        let Some(property) = navigation else {
            return self
                .csdl
                .annotation(source.element, &source.target, &qualified);
        };
        let path = source.navigation.join("/");
        let restricted = self
            .csdl
            .annotation(
                source.element,
                &source.target,
                &format!("{CAPABILITIES}.NavigationRestrictions"),
            )
            .and_then(|a| record_property(a, "RestrictedProperties"))
            .and_then(|p| children(p, "Collection").next())
            .and_then(|c| {
                children(c, "Record").find(|r| {
                    record_property(*r, "NavigationProperty")
                        .and_then(|n| n.attribute("NavigationPropertyPath"))
                        == Some(path.as_str())
                })
            });
        restricted
            .and_then(|r| record_property(r, term))
            .or_else(|| {
                let target = navigation_target(property);
                self.csdl.annotation(property, &target, &qualified)
            })
    }

    /// Whether a Capabilities term (or its `flag` property) allows something; it does unless it says `false`.
    pub(super) fn supports(
        &self,
        source: &Source<'a, 'input>,
        navigation: Option<Node<'a, 'input>>,
        term: &str,
        flag: Option<&str>,
    ) -> bool {
        let node = self.capability(source, navigation, term);
        let node = match flag {
            Some(flag) => node.and_then(|n| record_property(n, flag)),
            None => node,
        };
        node.and_then(bool_value).unwrap_or(true)
    }

    /// What a Read/Insert/Update/DeleteRestrictions term allows, with the
    /// summary and description it gives. `nested` names a record within it
    /// (`ReadByKeyRestrictions`) that decides instead.
    pub(super) fn restriction(
        &self,
        source: &Source<'a, 'input>,
        navigation: Option<Node<'a, 'input>>,
        term: &str,
        flag: &str,
        nested: Option<&str>,
    ) -> Allowed {
        let mut record = self.capability(source, navigation, term);
        if let Some(nested) = nested {
            record = record.and_then(|r| record_property(r, nested));
        }
        // Reading by key is allowed unless its own record says otherwise.
        let allowed = record
            .and_then(|r| record_property(r, flag))
            .and_then(bool_value)
            .unwrap_or(true);
        let text = |name: &str| {
            record
                .and_then(|r| record_property(r, name))
                .and_then(string_value)
        };
        // Converters describe a navigation's operations with what the property says of itself.
        let described = navigation.and_then(|property| {
            self.csdl
                .description(property, &navigation_target(property))
        });
        Allowed {
            allowed,
            summary: text("Description"),
            description: text("LongDescription").or(described),
        }
    }

    /// The system query options a request at `source.path` supports.
    pub(super) fn query_options(
        &self,
        source: &Source<'a, 'input>,
        navigation: Option<Node<'a, 'input>>,
        list: bool,
    ) -> Vec<Parameter> {
        let supports =
            |term: &str, flag: Option<&str>| self.supports(source, navigation, term, flag);
        let mut options = Vec::new();
        if list {
            let candidates = [
                (supports("TopSupported", None), "$top"),
                (supports("SkipSupported", None), "$skip"),
                (
                    supports("SearchRestrictions", Some("Searchable")),
                    "$search",
                ),
                (
                    supports("FilterRestrictions", Some("Filterable")),
                    "$filter",
                ),
                (supports("CountRestrictions", Some("Countable")), "$count"),
                (supports("SortRestrictions", Some("Sortable")), "$orderby"),
            ];
            options.extend(
                candidates
                    .into_iter()
                    .filter(|(supported, _)| *supported)
                    .map(|(_, name)| system_query_option(name)),
            );
        }
        if supports("SelectSupport", Some("Supported")) {
            options.push(system_query_option("$select"));
        }
        if supports("ExpandRestrictions", Some("Expandable")) {
            options.push(system_query_option("$expand"));
        }
        options
    }
}

/// The annotation target of a navigation property: `ns.Type/property`.
fn navigation_target(property: Node) -> String {
    let owner = property
        .parent()
        .and_then(|p| p.attribute("Name"))
        .unwrap_or_default();
    let namespace = property
        .parent()
        .and_then(|p| p.parent())
        .and_then(|s| s.attribute("Namespace"));
    let name = property.attribute("Name").unwrap_or_default();
    format!("{}.{owner}/{name}", namespace.unwrap_or_default())
}
