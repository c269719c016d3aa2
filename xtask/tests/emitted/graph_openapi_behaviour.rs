//! Copied into the SDK `cargo xtask corpus --apis-guru` makes from Microsoft's
//! own Graph v1.0 OpenAPI (APIs.guru's `microsoft.com/graph.json`, the users
//! and messages paths), and run there: answers as Graph's documentation shows
//! them (no `@odata.type` on values of the type named, `@odata.etag`, nulls)
//! decode, and the API has the surface the CSDL gives (one property enum per
//! entity for `$select` and `$orderby`, numbers for `Edm.Double`).

use graph_openapi::Operation;
use graph_openapi::models::{BodyType, UserProperty};
use graph_openapi::operations::{ListMessages, ListUser};
use graph_openapi::prelude::*;
use serde_json::json;

fn answer(body: serde_json::Value) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).unwrap())
        .unwrap()
}

#[test]
fn a_page_of_users_without_odata_type_decodes() {
    let page = ListUser::parse_response(answer(json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
        "value": [
            {
                "businessPhones": ["+1 425 555 0109"],
                "displayName": "Adele Vance",
                "givenName": "Adele",
                "jobTitle": "Retail Manager",
                "mail": "AdeleV@contoso.example",
                "mobilePhone": null,
                "officeLocation": "18/2111",
                "preferredLanguage": "en-US",
                "surname": "Vance",
                "userPrincipalName": "AdeleV@contoso.example",
                "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
            },
            {"displayName": "Alex Wilber", "id": "6e7b768e-07e2-4810-8459-485f84f8f204", "accountEnabled": true}
        ]
    })))
    .unwrap();
    let users = page.value.as_ref().unwrap();
    assert_eq!(users[0].display_name.as_deref(), Some("Adele Vance"));
    assert!(users[0].odata_type.is_none());
    assert_eq!(users[1].account_enabled, Some(true));
    assert!(page.odata_next_link.is_some());
}

#[test]
fn a_page_of_messages_decodes() {
    let page = ListMessages::parse_response(answer(json!({
        "value": [{
            "@odata.etag": "W/\"CQAAABYAAAC4ofQHEIqCSbQPot83AFcbAAAw1rN+\"",
            "id": "AAMkAGUAAAwTW09AAA=",
            "createdDateTime": "2024-03-01T09:00:00Z",
            "subject": "Quarterly plan",
            "importance": "normal",
            "isRead": false,
            "body": {"contentType": "html", "content": "<html><body>Hi</body></html>"},
            "from": {"emailAddress": {"name": "Megan Bowen", "address": "MeganB@contoso.example"}},
            "toRecipients": [{"emailAddress": {"name": "Adele Vance", "address": "AdeleV@contoso.example"}}],
            "categories": []
        }]
    })))
    .unwrap();
    let message = &page.value.as_ref().unwrap()[0];
    assert_eq!(message.subject.as_deref(), Some("Quarterly plan"));
    assert_eq!(
        message.body.as_ref().unwrap().content_type,
        Some(BodyType::Html)
    );
}

#[test]
fn select_and_orderby_take_the_entity_s_properties() {
    let request = ListUser::new()
        .select([UserProperty::DisplayName, UserProperty::Mail])
        .top(5)
        .to_request("https://graph.microsoft.com/v1.0")
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users?$top=5&$select=displayName,mail"
    );
}

#[test]
fn doubles_are_numbers() {
    let format: graph_openapi::models::WorkbookRangeFormat =
        serde_json::from_value(json!({"columnWidth": 48.5, "rowHeight": "NaN"})).unwrap();
    assert_eq!(format.column_width, Some(48.5));
    assert!(format.row_height.unwrap().is_nan());
}
