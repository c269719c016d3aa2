//! Copied into the crate emitted from `generator/tests/fixtures/odata-actions.csdl.xml`
//! by `xtask/tests/codegen.rs`, and run there: calling actions and functions
//! (bound, through a singleton, under containment, unbound), their parameters
//! as a JSON body or OData literals in the path, and what they answer; and
//! values of a base type cast to the derived type they say they are; and
//! references (navigation properties that are not containments).

use odata_actions::models::{DateRange, Folder, Importance, Item, Message, MessageProperty, ReferenceCreate, SendRequestBody};
use odata_actions::operations::{
    Delta, MailboxesCreateRefDelegates, MailboxesDeleteRefDelegates, MailboxesMailboxDuring, MailboxesMailboxFind, MeFoldersUnreadCount, MeGetManager,
    MeMailboxSend, MeUpdateRefManager, MessagesCopy, ResetDemo, ServerTime,
};
use odata_actions::prelude::*;
use odata_actions::{Error, Operation, Paged, Polymorphic};
use serde_json::json;

const BASE: &str = "https://mail.example/odata";

fn reply(status: u16, body: serde_json::Value) -> http::Response<Vec<u8>> {
    let bytes = if body.is_null() { Vec::new() } else { serde_json::to_vec(&body).unwrap() };
    http::Response::builder().status(status).body(bytes).unwrap()
}

#[test]
fn an_action_posts_its_parameters_as_a_json_object_and_answers_nothing() {
    // Its key is not one the service computes: the client names it.
    let message = Message::new("draft-1").with_subject("Hello");
    let mut body = SendRequestBody::new(message);
    body.save_to_sent_items = Some(false);
    let request = MeMailboxSend::new(body).to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://mail.example/odata/me/Sample.Mail.send");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, json!({"message": {"id": "draft-1", "subject": "Hello"}, "saveToSentItems": false}));

    assert_eq!(MeMailboxSend::parse_response(reply(204, serde_json::Value::Null)).unwrap(), ());
    let refused = MeMailboxSend::parse_response(reply(403, json!({"error": {"code": "Forbidden", "message": "no"}})));
    assert!(matches!(refused, Err(Error::Api { status, .. }) if status == 403));
}

#[test]
fn function_parameters_are_odata_literals_in_the_path() {
    let since = time::Date::from_calendar_date(2026, time::Month::November, 29).unwrap();
    let find = MailboxesMailboxFind::new("box 1", "it's due", 5, since, Importance::High);
    let request = find.to_request(BASE).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    // Text and enum members in quotes, a quote in the text doubled (and
    // percent-encoded, `%27%27`); numbers and dates bare.
    assert_eq!(
        request.uri().to_string(),
        "https://mail.example/odata/mailboxes('box%201')/Sample.Mail.find(text='it%27%27s%20due',top=5,since=2026-11-29,importance='high')"
    );
    // A collection answers as a page.
    let page = MailboxesMailboxFind::parse_response(reply(
        200,
        json!({"value": [{"id": "m1", "subject": "Due"}], "@odata.nextLink": "https://mail.example/odata/next"}),
    ))
    .unwrap();
    let (items, next) = MailboxesMailboxFind::into_items(page);
    assert_eq!(items[0].subject.as_deref(), Some("Due"));
    assert_eq!(next.as_deref(), Some("https://mail.example/odata/next"));

    // An optional parameter (Core.OptionalParameter) is left out of the call
    // unless it is set.
    let find = find.folder("inbox");
    assert!(find.to_request(BASE).unwrap().uri().path().ends_with(",importance='high',folder='inbox')"));

    // A complex parameter goes in a parameter alias, as JSON in the query;
    // this one is optional (annotated through its overload's target).
    let mut range = DateRange::new();
    range.start = Some(since);
    let request = MailboxesMailboxDuring::new("b1").range(range).to_request(BASE).unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://mail.example/odata/mailboxes('b1')/Sample.Mail.during(range=@range)?@range=%7B%22start%22:%222026-11-29%22%7D"
    );
    let request = MailboxesMailboxDuring::new("b1").to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), "https://mail.example/odata/mailboxes('b1')/Sample.Mail.during()");
}

#[test]
fn bound_to_a_collection_under_containment_and_to_a_base_type() {
    let request = Delta::new("box", "inbox").to_request(BASE).unwrap();
    assert_eq!(request.uri(), "https://mail.example/odata/mailboxes('box')/folders('inbox')/messages/Sample.Mail.delta()");
    // A function that answers a collection takes the query options, typed by its entity.
    let request = Delta::new("box", "inbox").select([MessageProperty::Subject]).top(5).to_request(BASE).unwrap();
    assert_eq!(request.uri().query(), Some("$top=5&$select=subject"));
    // A delta function's pages: the last one carries the link for the next round.
    let last = Delta::parse_response(reply(200, json!({"value": [{"id": "m1"}], "@odata.deltaLink": "https://mail.example/odata/delta?$deltatoken=7"}))).unwrap();
    assert_eq!(Delta::delta_link(&last).as_deref(), Some("https://mail.example/odata/delta?$deltatoken=7"));
    assert_eq!(last.odata_delta_link.as_deref(), Some("https://mail.example/odata/delta?$deltatoken=7"));
    let middle = Delta::parse_response(reply(200, json!({"value": [], "@odata.nextLink": "https://mail.example/odata/delta?$skiptoken=2"}))).unwrap();
    assert_eq!(Delta::delta_link(&middle), None);

    // `copy` of a message answers the new message.
    let copy = MessagesCopy::new("box", "inbox", "m1", odata_actions::models::MessageCopyRequestBody::new("archive"));
    let request = copy.to_request(BASE).unwrap();
    assert_eq!(request.uri(), "https://mail.example/odata/mailboxes('box')/folders('inbox')/messages('m1')/Sample.Mail.copy");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(request.body()).unwrap(), json!({"destinationId": "archive"}));
    let copied = MessagesCopy::parse_response(reply(200, json!({"id": "m2", "subject": "Hello"}))).unwrap();
    assert_eq!(copied.map(|m| m.id).as_deref(), Some("m2"));
    // Its result is nullable: a null result is 204 No Content.
    assert_eq!(MessagesCopy::parse_response(reply(204, serde_json::Value::Null)).unwrap(), None);
}

#[test]
fn a_primitive_answer_is_read_from_its_value_wrapper() {
    let request = MeFoldersUnreadCount::new("inbox").to_request(BASE).unwrap();
    assert_eq!(request.uri(), "https://mail.example/odata/me/folders('inbox')/Sample.Mail.unreadCount()");
    let answer = MeFoldersUnreadCount::parse_response(reply(200, json!({"@odata.context": "$metadata#Edm.Int32", "value": 7}))).unwrap();
    assert_eq!(answer.value, Some(7));
}

#[test]
fn unbound_actions_and_functions_are_called_by_their_import_names() {
    let request = ResetDemo::new().to_request(BASE).unwrap();
    assert_eq!((request.method().clone(), request.uri().to_string()), (http::Method::POST, format!("{BASE}/resetDemo")));
    assert!(request.body().is_empty());

    let request = ServerTime::new("W. Europe").to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), format!("{BASE}/serverTime(zone='W.%20Europe')"));
    let answer = ServerTime::parse_response(reply(200, json!({"value": "2026-11-29T10:00:00Z"}))).unwrap();
    assert_eq!(answer.value.unwrap().year(), 2026);
}

#[test]
fn a_base_typed_value_casts_to_the_type_it_says_it_is() {
    let wire = json!({"id": "m1", "@odata.type": "#Sample.Mail.message", "subject": "Hi", "importance": "high"});
    let item: Item = serde_json::from_value(wire).unwrap();
    assert_eq!(item.odata_type(), Some("#Sample.Mail.message"));
    let message: Message = item.cast().unwrap();
    assert_eq!((message.id.as_str(), message.subject.as_deref()), ("m1", Some("Hi")));
    assert_eq!(message.importance, Some(Importance::High));
    assert!(item.cast::<Folder>().is_none());
    // A value that does not say its type is only the base.
    let plain: Item = serde_json::from_value(json!({"id": "x"})).unwrap();
    assert!(plain.cast::<Message>().is_none());
}

#[test]
fn references_are_read_added_set_and_removed() {
    let delegate = ReferenceCreate::new(format!("{BASE}/mailboxes('b2')"));
    let request = MailboxesCreateRefDelegates::new("b1", delegate).to_request(BASE).unwrap();
    assert_eq!((request.method().clone(), request.uri().to_string()), (http::Method::POST, format!("{BASE}/mailboxes('b1')/delegates/$ref")));
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, json!({"@odata.id": "https://mail.example/odata/mailboxes('b2')"}));
    assert_eq!(MailboxesCreateRefDelegates::parse_response(reply(204, serde_json::Value::Null)).unwrap(), ());

    let request = MailboxesDeleteRefDelegates::new("b1", "b2").to_request(BASE).unwrap();
    assert_eq!((request.method().clone(), request.uri().to_string()), (http::Method::DELETE, format!("{BASE}/mailboxes('b1')/delegates('b2')/$ref")));

    let request = MeUpdateRefManager::new(ReferenceCreate::new(format!("{BASE}/mailboxes('boss')"))).to_request(BASE).unwrap();
    assert_eq!((request.method().clone(), request.uri().to_string()), (http::Method::PUT, format!("{BASE}/me/manager/$ref")));

    let request = MeGetManager::new().to_request(BASE).unwrap();
    assert_eq!(request.uri().to_string(), format!("{BASE}/me/manager"));
    let manager = MeGetManager::parse_response(reply(200, json!({"id": "boss", "owner": "Ann"}))).unwrap();
    assert_eq!(manager.owner.as_deref(), Some("Ann"));
}
