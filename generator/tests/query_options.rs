//! OData's system query options: those an operation takes with their usual
//! types live in the runtime's `QueryOptions` and get one trait each; any
//! other parameter (or an option typed some other way) stays a field with a
//! setter of its own.

use sdkgen::CrateOptions;

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /items:
    get:
      operationId: items.ListItems
      parameters:
        - { name: $top, in: query, schema: { type: integer, format: int32 } }
        - { name: $skip, in: query, schema: { type: string } }
        - { name: $filter, in: query, schema: { type: string } }
        - name: $select
          in: query
          style: form
          explode: false
          schema: { type: array, items: { type: string } }
        - { name: options, in: query, schema: { type: string } }
        - { name: top, in: query, schema: { type: string } }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "#/components/schemas/itemCollectionResponse" }
  /items/{item-id}:
    get:
      operationId: items.GetItem
      parameters:
        - { name: item-id, in: path, required: true, schema: { type: string } }
        - { name: $top, in: query, schema: { type: integer, format: int32 } }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "#/components/schemas/item" }
components:
  schemas:
    item:
      type: object
      properties:
        id: { type: string }
        name: { type: string }
    itemCollectionResponse:
      type: object
      properties:
        value: { type: array, items: { $ref: "#/components/schemas/item" } }
        "@odata.nextLink": { type: string }
"##;

fn operations_rs() -> String {
    let api = sdkgen::parse("shop.yaml", SPEC).unwrap();
    let files = sdkgen::emit_sources(&api, &CrateOptions { package_name: "shop".into(), ..Default::default() }).unwrap();
    files["src/operations.rs"].clone()
}

/// The text of the item that starts with `start`, up to the next blank line at depth 0.
fn item<'a>(text: &'a str, start: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}` in:\n{text}"));
    let rest = &text[from..];
    &rest[..rest.find("\n}\n").map_or(rest.len(), |end| end + 3)]
}

#[test]
fn usual_options_share_query_options_and_get_a_trait_each() {
    let text = operations_rs();
    let list = item(&text, "pub struct ListItems");
    assert!(list.contains("pub options: crate::query::QueryOptions<crate::models::ItemProperty>,"), "{list}");
    // `$skip` as text is not the option the runtime knows: a field of its own,
    // as is a parameter that happens to be called `options`.
    assert!(list.contains("pub skip: Option<String>,"), "{list}");
    assert!(list.contains("pub options_2: Option<String>,"), "{list}");
    // A parameter named like an option the type has is renamed: its setter
    // would hide the option trait's method.
    assert!(list.contains("pub set_top: Option<String>,"), "{list}");
    for option in ["TopOption", "FilterOption", "SelectOption"] {
        assert!(text.contains(&format!("impl crate::query::{option} for ListItems {{}}")), "{option}");
    }
    assert!(!text.contains("impl crate::query::SkipOption for ListItems"));
    assert!(text.contains("impl crate::query::HasQueryOptions for ListItems {"));
    let setters = item(&text, "impl ListItems {");
    assert!(setters.contains("pub fn skip(") && setters.contains("pub fn options_2("), "{setters}");
    assert!(setters.contains("pub fn set_top("), "{setters}");
    let request = item(&text, "impl Operation for ListItems");
    assert!(request.contains(".query_options(&self.options)"), "{request}");
    assert!(request.contains(r#".query("$skip", &self.skip, true)"#), "{request}");
}

#[test]
fn an_operation_about_no_entity_with_property_names_keeps_plain_fields() {
    // `GET /items/{id}` has no `$select`, so there is no property enum to be generic over.
    let text = operations_rs();
    let get = item(&text, "pub struct GetItem");
    assert!(get.contains("pub top: Option<i32>,"), "{get}");
    assert!(!text.contains("for GetItem {}"));
}
