//! The wire formats every emitted crate carries (`src/formats.rs`): dates,
//! times of day, bytes and flag sets, read and written as OData JSON has them.

use msgraph_beta_pfx::formats::{self, EnumValue, Flags};
use serde::{Deserialize, Serialize};
use time::macros::{date, time};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    #[serde(with = "formats::date")]
    day: time::Date,
    #[serde(with = "formats::time_of_day::option", default)]
    at: Option<time::Time>,
    #[serde(with = "formats::base64url")]
    blob: Vec<u8>,
    #[serde(with = "formats::date::option_vec", default)]
    holidays: Option<Vec<time::Date>>,
}

#[test]
fn dates_times_and_bytes_round_trip() {
    let json = r#"{"day":"2024-02-29","at":"13:45:00.1234567","blob":"-_8A","holidays":["2024-12-25","2025-01-01"]}"#;
    let sample: Sample = serde_json::from_str(json).unwrap();
    assert_eq!(sample.day, date!(2024 - 02 - 29));
    assert_eq!(sample.at, Some(time!(13:45:00.1234567)));
    assert_eq!(sample.blob, vec![0xfb, 0xff, 0x00]);
    assert_eq!(sample.holidays, Some(vec![date!(2024 - 12 - 25), date!(2025 - 01 - 01)]));
    assert_eq!(serde_json::to_string(&sample).unwrap(), json);
}

#[test]
fn bytes_are_read_in_either_base64_alphabet_with_or_without_padding() {
    for text in ["+/8A", "-_8A", "+/8A==", "-_8A=="] {
        let json = format!(r#"{{"day":"2024-01-31","blob":"{text}"}}"#);
        let sample: Sample = serde_json::from_str(&json).unwrap();
        assert_eq!(sample.blob, vec![0xfb, 0xff, 0x00], "{text}");
    }
    let bad = r#"{"day":"2024-01-31","blob":"not base64!"}"#;
    assert!(serde_json::from_str::<Sample>(bad).is_err());
}

/// Graph (a Microsoft.OData service) writes and reads standard base64
/// with padding; what the OData JSON format defines is base64url.
#[test]
fn bytes_are_written_in_the_services_own_encoding() {
    #[derive(Serialize, Deserialize)]
    struct Both {
        #[serde(with = "formats::base64")]
        standard: Vec<u8>,
        #[serde(with = "formats::base64url")]
        url_safe: Vec<u8>,
    }
    let both = Both {
        standard: vec![0xfb, 0xff],
        url_safe: vec![0xfb, 0xff],
    };
    let json = serde_json::to_string(&both).unwrap();
    assert_eq!(json, r#"{"standard":"+/8=","url_safe":"-_8"}"#);
    let back: Both = serde_json::from_str(r#"{"standard":"-_8","url_safe":"+/8="}"#).unwrap();
    assert_eq!((back.standard, back.url_safe), (vec![0xfb, 0xff], vec![0xfb, 0xff]));
}

#[test]
fn times_of_day_without_seconds_or_fraction_are_read_and_bad_values_refused() {
    let sample: Sample = serde_json::from_str(r#"{"day":"2024-01-31","at":"08:30","blob":""}"#).unwrap();
    assert_eq!(sample.at, Some(time!(08:30)));
    assert!(serde_json::to_string(&sample).unwrap().contains(r#""at":"08:30:00""#));
    for bad in [r#""25:00:00""#, r#""08:30:00.x""#, r#""noon""#] {
        let json = format!(r#"{{"day":"2024-01-31","at":{bad},"blob":""}}"#);
        assert!(serde_json::from_str::<Sample>(&json).is_err(), "{bad}");
    }
    for bad in ["2024-02-30", "2024-13-01", "31.01.2024"] {
        let json = format!(r#"{{"day":"{bad}","blob":""}}"#);
        assert!(serde_json::from_str::<Sample>(&json).is_err(), "{bad}");
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Purpose {
    Vpn,
    Wifi,
    Unknown(String),
}

impl EnumValue for Purpose {
    fn as_str(&self) -> &str {
        match self {
            Purpose::Vpn => "vpn",
            Purpose::Wifi => "wifi",
            Purpose::Unknown(value) => value,
        }
    }

    fn from_wire(value: &str) -> Self {
        match value {
            "vpn" => Purpose::Vpn,
            "wifi" => Purpose::Wifi,
            other => Purpose::Unknown(other.to_string()),
        }
    }
}

#[test]
fn flag_sets_are_comma_separated_names_and_keep_unknown_members() {
    let flags: Flags<Purpose> = serde_json::from_str(r#""vpn, wifi,smimeSigning""#).unwrap();
    assert_eq!(flags.0, vec![Purpose::Vpn, Purpose::Wifi, Purpose::Unknown("smimeSigning".into())]);
    assert_eq!(serde_json::to_string(&flags).unwrap(), r#""vpn,wifi,smimeSigning""#);

    let empty: Flags<Purpose> = serde_json::from_str(r#""""#).unwrap();
    assert_eq!(empty, Flags::default());
    let built: Flags<Purpose> = [Purpose::Wifi, Purpose::Wifi, Purpose::Vpn].into_iter().collect();
    assert!(built.contains(&Purpose::Vpn));
    assert_eq!(built.to_string(), "wifi,vpn");
}
