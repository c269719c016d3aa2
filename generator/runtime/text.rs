//! Values as text: timestamps, dates, times of day and bytes in their
//! fixed formats, and numbers as OData's IEEE754Compatible format writes
//! them. What `formats.rs`'s serde adapters, parameters and batches call.
//!
//! This file is the same in every crate sdkgen emits.

use std::fmt;

pub(crate) fn write_i64<S: serde::Serializer>(
    value: i64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(value)
}

pub(crate) fn parse_i64(text: &str) -> Result<i64, String> {
    text.parse()
        .map_err(|e| format!("`{text}` is not a 64-bit integer: {e}"))
}

pub(crate) fn write_f64<S: serde::Serializer>(
    value: f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match non_finite_text(value) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.serialize_f64(value),
    }
}

pub(crate) fn parse_f64(text: &str) -> Result<f64, String> {
    match text {
        "INF" => Ok(f64::INFINITY),
        "-INF" => Ok(f64::NEG_INFINITY),
        "NaN" => Ok(f64::NAN),
        _ => text
            .parse()
            .map_err(|e| format!("`{text}` is not a number: {e}")),
    }
}

pub(crate) fn write_f32<S: serde::Serializer>(
    value: f32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match non_finite_text(f64::from(value)) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.serialize_f32(value),
    }
}

pub(crate) fn parse_f32(text: &str) -> Result<f32, String> {
    // Through f64: the text of a single-precision value reads back the same.
    parse_f64(text).map(|value| value as f32)
}

/// OData's text for the floats a JSON number cannot be.
fn non_finite_text(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("INF")
    } else if value == f64::NEG_INFINITY {
        Some("-INF")
    } else {
        None
    }
}

pub(crate) fn format_rfc3339(value: &time::OffsetDateTime) -> Result<String, String> {
    value
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| e.to_string())
}

pub(crate) fn parse_rfc3339(text: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|e| format!("`{text}` is not an RFC 3339 timestamp: {e}"))
}

pub(crate) fn format_date(value: &time::Date) -> Result<String, String> {
    Ok(format!(
        "{:04}-{:02}-{:02}",
        value.year(),
        u8::from(value.month()),
        value.day()
    ))
}

pub(crate) fn parse_date(text: &str) -> Result<time::Date, String> {
    let invalid =
        |reason: &dyn fmt::Display| format!("`{text}` is not a date (YYYY-MM-DD): {reason}");
    let mut parts = text.splitn(3, '-');
    let mut next = |what: &str| -> Result<i32, String> {
        let part = parts.next().ok_or_else(|| invalid(&format!("no {what}")))?;
        part.parse::<i32>().map_err(|e| invalid(&e))
    };
    let (year, month, day) = (next("year")?, next("month")?, next("day")?);
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(|| invalid(&"month"))?;
    let day = u8::try_from(day).map_err(|e| invalid(&e))?;
    time::Date::from_calendar_date(year, month, day).map_err(|e| invalid(&e))
}

pub(crate) fn format_time_of_day(value: &time::Time) -> Result<String, String> {
    let mut text = format!(
        "{:02}:{:02}:{:02}",
        value.hour(),
        value.minute(),
        value.second()
    );
    if value.nanosecond() != 0 {
        let fraction = format!("{:09}", value.nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    Ok(text)
}

pub(crate) fn parse_time_of_day(text: &str) -> Result<time::Time, String> {
    let invalid = |reason: &dyn fmt::Display| {
        format!("`{text}` is not a time of day (hh:mm:ss.fffffff): {reason}")
    };
    let (clock, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut parts = clock.splitn(3, ':');
    let mut next = |optional: bool| -> Result<u8, String> {
        match parts.next() {
            Some(part) => part.parse::<u8>().map_err(|e| invalid(&e)),
            None if optional => Ok(0),
            None => Err(invalid(&"too few parts")),
        }
    };
    let (hour, minute, second) = (next(false)?, next(false)?, next(true)?);
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(&"bad fraction of a second"));
    }
    let nanosecond = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<9}")
            .parse::<u32>()
            .map_err(|e| invalid(&e))?
    };
    time::Time::from_hms_nano(hour, minute, second, nanosecond).map_err(|e| invalid(&e))
}

pub(crate) fn format_base64url(value: &Vec<u8>) -> Result<String, String> {
    use ::base64::Engine as _;
    Ok(::base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value))
}

pub(crate) fn format_base64(value: &Vec<u8>) -> Result<String, String> {
    use ::base64::Engine as _;
    Ok(::base64::engine::general_purpose::STANDARD.encode(value))
}

/// Either alphabet, with or without padding.
pub(crate) fn parse_base64(text: &str) -> Result<Vec<u8>, String> {
    use ::base64::Engine as _;
    let url_safe: String = text
        .chars()
        .filter(|c| *c != '=' && !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    ::base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(url_safe)
        .map_err(|e| format!("not base64: {e}"))
}
