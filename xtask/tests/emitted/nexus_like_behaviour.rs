//! Copied into the crate emitted from `generator/tests/fixtures/nexus-like.openapi.yaml`
//! by `xtask/tests/codegen.rs`, and run there: a name or an id, named by the
//! alternatives' titles, and a union of two object types told apart by
//! their addresses (`format: ipv4` / `ipv6`).

use nexus_like::Operation;
use std::net::{Ipv4Addr, Ipv6Addr};

use nexus_like::models::{IpRange, Ipv4Range, Ipv6Range, NameOrId};
use nexus_like::operations::{InstanceView, IpPoolRangeAdd};
use serde_json::json;

#[test]
fn a_name_or_an_id() {
    let id = uuid::Uuid::from_u128(7);
    assert_eq!(serde_json::from_value::<NameOrId>(json!(id.to_string())).unwrap(), NameOrId::Id(id));
    assert_eq!(serde_json::from_value::<NameOrId>(json!("db-1")).unwrap(), NameOrId::Name("db-1".into()));
    assert_eq!(serde_json::to_value(NameOrId::Id(id)).unwrap(), json!(id.to_string()));
    let mut view = InstanceView::new(NameOrId::from("db-1"));
    view.project = Some(NameOrId::from(id));
    let uri = view.to_request("https://nexus.example.com").unwrap().uri().to_string();
    assert_eq!(uri, format!("https://nexus.example.com/v1/instances/db-1?project={id}"));
}

#[test]
fn a_range_of_either_family() {
    let range = IpRange::from(Ipv4Range::new(Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 9)));
    let request = IpPoolRangeAdd::new(NameOrId::from("pool"), range.clone()).to_request("https://nexus.example.com").unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(request.body()).unwrap(), json!({"first": "10.0.0.1", "last": "10.0.0.9"}));
    assert_eq!(serde_json::from_value::<IpRange>(json!({"first": "10.0.0.1", "last": "10.0.0.9"})).unwrap(), range);
    // An IPv6 range does not read as an IPv4 one.
    let v6 = serde_json::from_value::<IpRange>(json!({"first": "2001:db8::1", "last": "2001:db8::9"})).unwrap();
    assert_eq!(v6, IpRange::from(Ipv6Range::new(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 9))));
}
