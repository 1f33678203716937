//! One generated value per generator, and the date expressions (`today +1 day`,
//! `now - 2 hours`) that Date, Time and DateTime generators may carry.

use super::regex_value::ValueRegex;
use super::GeneratorContext;
use crate::error::{PactError, Result};
use crate::model::compile_cached;
use crate::model::datetime::{
    JavaDateFormat, DEFAULT_DATETIME_FORMAT, DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT,
};
use crate::model::Generator;
use chrono::{DateTime, Datelike, Duration, FixedOffset, Local, Months, NaiveTime};
use rand::distributions::{Alphanumeric, Distribution};
use rand::Rng;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;
use std::sync::{Arc, Mutex};

/// A new value for `current` from `generator`, or `None` to keep `current` (consumer-side
/// ProviderState, or a generator that cannot run: that is logged).
pub fn generate_value(
    generator: &Generator,
    current: &Value,
    context: &GeneratorContext,
) -> Option<Value> {
    match try_generate(generator, current, context) {
        Ok(v) => v,
        Err(e) => {
            tracing::warn!("Generator {generator:?} failed, keeping the example: {e}");
            None
        }
    }
}

/// Largest string or digit count a generator produces; bigger requests keep the example
/// rather than exhaust memory.
const MAX_GENERATED_LEN: usize = 100_000;

fn check_len(len: usize, what: &str) -> std::result::Result<usize, String> {
    if len > MAX_GENERATED_LEN {
        Err(format!("{what} {len} is larger than {MAX_GENERATED_LEN}"))
    } else {
        Ok(len)
    }
}

fn try_generate(
    generator: &Generator,
    current: &Value,
    context: &GeneratorContext,
) -> std::result::Result<Option<Value>, String> {
    let mut rng = rand::thread_rng();
    let v = match generator {
        Generator::RandomInt { min, max } => {
            let (min, max) = (min.unwrap_or(0), max.unwrap_or(10));
            if min > max {
                return Err(format!("min {min} is greater than max {max}"));
            }
            Value::from(rng.gen_range(min..=max))
        }
        Generator::RandomDecimal { digits } => {
            let text = random_decimal(check_len(digits.unwrap_or(10), "digits")?, &mut rng);
            if current.is_string() {
                Value::String(text)
            } else {
                text.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .ok_or_else(|| format!("'{text}' is not a number"))?
            }
        }
        Generator::RandomHexadecimal { digits } => {
            const HEX: &[u8] = b"0123456789abcdef";
            Value::String(
                (0..check_len(digits.unwrap_or(10), "digits")?)
                    .map(|_| HEX[rng.gen_range(0..16)] as char)
                    .collect(),
            )
        }
        Generator::RandomString { size } => Value::String(
            Alphanumeric
                .sample_iter(&mut rng)
                .take(check_len(size.unwrap_or(10), "size")?)
                .map(char::from)
                .collect(),
        ),
        Generator::Regex { regex } => match regex_value(regex)? {
            Some(value) => Value::String(value),
            None => {
                tracing::debug!(
                    "Regex generator: '{regex}' has look-around or backreferences, which no \
                     value generator handles; keeping the example"
                );
                return Ok(None);
            }
        },
        Generator::Uuid { format } => {
            let id = uuid::Uuid::new_v4();
            Value::String(match format.as_deref().unwrap_or("lower-case-hyphenated") {
                "simple" => id.simple().to_string(),
                "lower-case-hyphenated" => id.hyphenated().to_string(),
                "upper-case-hyphenated" => id.hyphenated().to_string().to_uppercase(),
                "URN" | "urn" => id.urn().to_string(),
                other => return Err(format!(
                    "unknown UUID format '{other}': use simple, lower-case-hyphenated, upper-case-hyphenated or URN"
                )),
            })
        }
        Generator::Date { format, expression } => {
            Value::String(date_value(format, expression, DEFAULT_DATE_FORMAT)?)
        }
        Generator::Time { format, expression } => {
            Value::String(date_value(format, expression, DEFAULT_TIME_FORMAT)?)
        }
        Generator::DateTime { format, expression } => {
            Value::String(date_value(format, expression, DEFAULT_DATETIME_FORMAT)?)
        }
        Generator::RandomBoolean => Value::Bool(rng.gen()),
        // The provider resolves the expression from its state; the consumer sees the example.
        Generator::ProviderState { .. } => return Ok(None),
        Generator::MockServerURL { example, regex } => {
            let Some(url) = &context.mock_server_url else {
                return Err("no mock server URL in the context".into());
            };
            let re = crate::model::cached_regex(regex).map_err(|e| e.to_string())?;
            let example = if example.is_empty() {
                current.as_str().unwrap_or_default()
            } else {
                example.as_str()
            };
            let Some((whole, tail)) = re.find_with_group(example, 1) else {
                return Err(format!("the example '{example}' does not match '{regex}'"));
            };
            let tail = tail.map(|r| &example[r]).unwrap_or_default();
            let mut out = String::new();
            out.push_str(&example[..whole.start]);
            out.push_str(url.trim_end_matches('/'));
            out.push_str(tail);
            out.push_str(&example[whole.end..]);
            Value::String(out)
        }
    };
    Ok(Some(v))
}

/// Checks a generator's settings (date format and expression, UUID format, integer range)
/// when it is defined, so a mistake shows up in the DSL call rather than as a warning on
/// every response. A regex this generator cannot produce values for is only logged: the
/// matcher still works and the example is sent unchanged.
pub fn validate_generator(generator: &Generator) -> Result<()> {
    let invalid = |what: String| PactError::invalid_argument(what);
    match generator {
        Generator::RandomInt {
            min: Some(min),
            max: Some(max),
        } if min > max => Err(invalid(format!(
            "RandomInt: min {min} is greater than max {max}"
        ))),
        Generator::Uuid {
            format: Some(format),
        } if !matches!(
            format.as_str(),
            "simple" | "lower-case-hyphenated" | "upper-case-hyphenated" | "URN" | "urn"
        ) =>
        {
            Err(invalid(format!(
                "Uuid: unknown format '{format}': use simple, lower-case-hyphenated, upper-case-hyphenated or URN"
            )))
        }
        Generator::Date { format, expression }
        | Generator::Time { format, expression }
        | Generator::DateTime { format, expression } => {
            if let Some(f) = format.as_deref().filter(|f| !f.is_empty()) {
                JavaDateFormat::new(f)?;
            }
            if let Some(e) = expression.as_deref().filter(|e| !e.trim().is_empty()) {
                parse_date_expression(e, Local::now().fixed_offset())?;
            }
            Ok(())
        }
        Generator::Regex { regex } => {
            if let Err(e) = regex_value(regex) {
                tracing::warn!("{e}; the example will be sent as given");
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `digits` decimal digits with a point somewhere inside; the first and last digits are not
/// zero so that the number reads back with exactly `digits` digits.
fn random_decimal(digits: usize, rng: &mut impl Rng) -> String {
    match digits {
        0 | 1 => rng.gen_range(1..10).to_string(),
        _ => {
            let mut s: Vec<char> = (0..digits)
                .map(|i| {
                    let low = if i == 0 || i == digits - 1 { 1 } else { 0 };
                    char::from(b'0' + rng.gen_range(low..10u8))
                })
                .collect();
            let point = rng.gen_range(1..digits);
            s.insert(point, '.');
            s.into_iter().collect()
        }
    }
}

/// Compiled value generators by pattern, so a response does not re-compile its regexes.
static REGEX_CACHE: LazyLock<Mutex<HashMap<String, Arc<ValueRegex>>>> =
    LazyLock::new(Default::default);

/// A value matching `pattern`, as the `Regex` generator makes one (ASCII where it can); `None`
/// when the pattern has look-around or backreferences (no generator for those: the example is
/// kept).
pub fn regex_value(pattern: &str) -> std::result::Result<Option<String>, String> {
    let compiled = compile_cached(&REGEX_CACHE, pattern, |p| {
        ValueRegex::compile(p).map(Arc::new)
    })?;
    compiled.sample(&mut rand::thread_rng())
}

fn date_value(
    format: &Option<String>,
    expression: &Option<String>,
    default_format: &str,
) -> std::result::Result<String, String> {
    let pattern = format
        .as_deref()
        .filter(|f| !f.is_empty())
        .unwrap_or(default_format);
    let f = JavaDateFormat::new(pattern).map_err(|e| e.message)?;
    let now = Local::now().fixed_offset();
    let at = match expression.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(e) => parse_date_expression(e, now).map_err(|e| e.message)?,
        None => now,
    };
    Ok(f.format(&at))
}

/// The current date/time in a Java pattern, for examples made on the spot; an empty format
/// means the default of `kind` (`DateTime`, `Date` or `Time`).
pub fn format_now(format: &str, kind: &str) -> Result<String> {
    let default = match kind {
        "Date" => DEFAULT_DATE_FORMAT,
        "Time" => DEFAULT_TIME_FORMAT,
        _ => DEFAULT_DATETIME_FORMAT,
    };
    let pattern = if format.is_empty() { default } else { format };
    Ok(JavaDateFormat::new(pattern)?.format(&Local::now().fixed_offset()))
}

/// `midnight` or `noon` at the start of an expression part, and the rest.
fn named_time(text: &str) -> Option<(NaiveTime, &str)> {
    if let Some(rest) = text.strip_prefix("midnight") {
        return Some((NaiveTime::MIN, rest));
    }
    let rest = text.strip_prefix("noon")?;
    Some((NaiveTime::from_hms_opt(12, 0, 0)?, rest))
}

/// Evaluates a date/time expression relative to `now`, as Pact generators write them:
/// a date part — a base (`now`, `today`, `tomorrow`, `yesterday`, `next <unit or weekday>`,
/// `last <unit or weekday>`; default `now`) and offsets such as `+ 1 day`, `-2 weeks` — then
/// optionally `@` and a time part — a base (`now`, `midnight`, `noon`, `3 o'clock pm`) and
/// offsets such as `+ 2 hours`, `- 30 minutes`.
pub fn parse_date_expression(
    expression: &str,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>> {
    let bad = |what: String| {
        PactError::invalid_argument(format!(
            "Invalid date expression '{expression}': {what} (use e.g. 'today + 1 day', 'now - 2 hours' or 'tomorrow @ 10 o'clock')"
        ))
    };
    let lower = expression.trim().to_ascii_lowercase();
    let (date_part, time_part) = match lower.split_once('@') {
        Some((d, t)) => (d.trim(), Some(t.trim())),
        None => (lower.as_str(), None),
    };
    let mut at = now;
    let mut rest = date_part;
    if let Some(r) = rest.strip_prefix("now") {
        rest = r;
    } else if let Some(r) = rest.strip_prefix("today") {
        rest = r;
    } else if let Some(r) = rest.strip_prefix("tomorrow") {
        at = shift(at, 1, "day").ok_or_else(|| bad("the date is out of range".into()))?;
        rest = r;
    } else if let Some(r) = rest.strip_prefix("yesterday") {
        at = shift(at, -1, "day").ok_or_else(|| bad("the date is out of range".into()))?;
        rest = r;
    } else if let Some((time, r)) = named_time(rest) {
        at = with_time(at, time);
        rest = r;
    } else {
        for (word, sign) in [("next", 1i64), ("last", -1)] {
            if let Some(r) = rest.strip_prefix(word) {
                let r = r.trim_start();
                let unit: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
                if unit.is_empty() {
                    return Err(bad(format!("expected a unit or weekday after '{word}'")));
                }
                at = match weekday(&unit) {
                    Some(day) => {
                        let today = at.weekday().num_days_from_monday() as i64;
                        let target = day.num_days_from_monday() as i64;
                        let days = if sign > 0 {
                            (target - today + 6).rem_euclid(7) + 1
                        } else {
                            -((today - target + 6).rem_euclid(7) + 1)
                        };
                        shift(at, days, "day")
                    }
                    None => shift(at, sign, &unit),
                }
                .ok_or_else(|| {
                    bad(format!(
                        "'{unit}' is not a unit or weekday, or the date is out of range"
                    ))
                })?;
                rest = &r[unit.len()..];
                break;
            }
        }
    }
    at = apply_offsets(rest, at).map_err(bad)?;
    if let Some(time) = time_part {
        let mut rest = time;
        if let Some(r) = rest.strip_prefix("now") {
            at = with_time(at, now.time());
            rest = r;
        } else if let Some((time, r)) = named_time(rest) {
            at = with_time(at, time);
            rest = r;
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let mut hour: u32 = digits.parse().map_err(|_| bad("invalid hour".into()))?;
            let mut r = rest[digits.len()..].trim_start();
            r = r.strip_prefix("o'clock").unwrap_or(r).trim_start();
            let half_day = |h: u32| {
                if (1..=12).contains(&h) {
                    Ok(h % 12)
                } else {
                    Err(bad(format!("{h} is not an hour on a 12-hour clock")))
                }
            };
            if let Some(after) = r.strip_prefix("pm") {
                hour = half_day(hour)? + 12;
                r = after;
            } else if let Some(after) = r.strip_prefix("am") {
                hour = half_day(hour)?;
                r = after;
            }
            let t = NaiveTime::from_hms_opt(hour, 0, 0)
                .ok_or_else(|| bad(format!("{hour} is not an hour of the day")))?;
            at = with_time(at, t);
            rest = r;
        }
        at = apply_offsets(rest, at).map_err(bad)?;
    }
    Ok(at)
}

fn weekday(name: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    Some(match name {
        "monday" | "mon" => Mon,
        "tuesday" | "tue" => Tue,
        "wednesday" | "wed" => Wed,
        "thursday" | "thu" => Thu,
        "friday" | "fri" => Fri,
        "saturday" | "sat" => Sat,
        "sunday" | "sun" => Sun,
        _ => return None,
    })
}

/// The same day at another time of day.
fn with_time(at: DateTime<FixedOffset>, time: NaiveTime) -> DateTime<FixedOffset> {
    at.date_naive()
        .and_time(time)
        .and_local_timezone(*at.offset())
        .single()
        .unwrap_or(at)
}

/// `at` moved by `n` units; `None` for an unknown unit or a date out of range.
fn shift(at: DateTime<FixedOffset>, n: i64, unit: &str) -> Option<DateTime<FixedOffset>> {
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    let delta = match unit {
        "millisecond" | "milli" | "ms" => Duration::try_milliseconds(n),
        "second" | "sec" => Duration::try_seconds(n),
        "minute" | "min" => Duration::try_minutes(n),
        "hour" | "hr" => Duration::try_hours(n),
        "day" => Duration::try_days(n),
        "week" => Duration::try_weeks(n),
        "fortnight" => n.checked_mul(2).and_then(Duration::try_weeks),
        "month" | "year" => {
            let months = if unit == "year" {
                n.checked_mul(12)?
            } else {
                n
            };
            let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
            return if months >= 0 {
                at.checked_add_months(m)
            } else {
                at.checked_sub_months(m)
            };
        }
        _ => None,
    };
    delta.and_then(|d| at.checked_add_signed(d))
}

/// Applies offsets like `+ 1 day - 2 hours` to `at`.
fn apply_offsets(
    mut rest: &str,
    mut at: DateTime<FixedOffset>,
) -> std::result::Result<DateTime<FixedOffset>, String> {
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(at);
        }
        let sign = match rest.chars().next() {
            Some('+') => 1i64,
            Some('-') => -1,
            _ => return Err(format!("expected '+' or '-' before '{rest}'")),
        };
        rest = rest[1..].trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let n: i64 = digits
            .parse()
            .map_err(|_| format!("expected a number before '{rest}'"))?;
        rest = rest[digits.len()..].trim_start();
        let unit: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        rest = &rest[unit.len()..];
        if unit.is_empty() {
            return Err(format!("missing unit after {n}"));
        }
        at = shift(at, sign * n, &unit).ok_or_else(|| {
            format!(
                "unknown unit '{unit}' (use milliseconds, seconds, minutes, hours, days, weeks, months or years) or a date out of range"
            )
        })?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn base() -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2024, 1, 31, 10, 30, 0)
            .unwrap()
    }

    #[test]
    fn date_expressions() {
        let b = base();
        assert_eq!(
            parse_date_expression("today +1 day", b).unwrap(),
            b + Duration::days(1)
        );
        assert_eq!(
            parse_date_expression("now - 2 hours", b).unwrap(),
            b - Duration::hours(2)
        );
        assert_eq!(
            parse_date_expression("tomorrow", b).unwrap(),
            b + Duration::days(1)
        );
        assert_eq!(
            parse_date_expression("+1 month", b)
                .unwrap()
                .format("%Y-%m-%d")
                .to_string(),
            "2024-02-29"
        );
        assert_eq!(
            parse_date_expression("midnight + 2 hours", b)
                .unwrap()
                .format("%H:%M")
                .to_string(),
            "02:00"
        );
        assert!(parse_date_expression("today * 2", b).is_err());
        assert!(parse_date_expression("today + 2 lightyears", b).is_err());
        // Far out of range: an error, not a panic.
        assert!(parse_date_expression("now + 9223372036854775807 days", b).is_err());
        assert!(parse_date_expression("now + 922337203685477580 years", b).is_err());
        assert!(parse_date_expression("now - 99999999999 weeks", b).is_err());
        // 2024-01-31 is a Wednesday.
        let day = |e: &str| {
            parse_date_expression(e, b)
                .unwrap()
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        assert_eq!(day("next monday"), "2024-02-05 10:30");
        assert_eq!(day("next wednesday"), "2024-02-07 10:30");
        assert_eq!(day("last wednesday"), "2024-01-24 10:30");
        assert_eq!(day("last friday"), "2024-01-26 10:30");
        assert_eq!(day("next week"), "2024-02-07 10:30");
        assert_eq!(day("last month"), "2023-12-31 10:30");
        assert_eq!(day("tomorrow @ 3 o'clock pm"), "2024-02-01 15:00");
        assert_eq!(day("today @ midnight + 90 minutes"), "2024-01-31 01:30");
        assert_eq!(day("yesterday @ noon - 1 hour"), "2024-01-30 11:00");
        assert_eq!(day("@ 12 am"), "2024-01-31 00:00");
        assert!(parse_date_expression("next", b).is_err());
        assert!(parse_date_expression("next blue moon", b).is_err());
        assert!(parse_date_expression("today @ 25 o'clock", b).is_err());
        assert!(parse_date_expression("today @ 4294967295 pm", b).is_err());
        assert!(parse_date_expression("today @ 13 am", b).is_err());
        assert_eq!(day("@ 12 pm"), "2024-01-31 12:00");
    }

    #[test]
    fn decimal_has_digit_count() {
        let mut rng = rand::thread_rng();
        for _ in 0..50 {
            let s = random_decimal(10, &mut rng);
            assert_eq!(s.chars().filter(char::is_ascii_digit).count(), 10, "{s}");
            let f: f64 = s.parse().unwrap();
            assert_eq!(f.to_string(), s);
        }
    }
}
