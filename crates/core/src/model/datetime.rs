//! Java `SimpleDateFormat` patterns (the date/time formats of Pact matchers and generators),
//! compiled to chrono format items: one form to check that a string matches the pattern, one to
//! format a date in it.

use crate::error::{PactError, Result};
use chrono::format::{Fixed, Item, Numeric, Pad, Parsed, StrftimeItems};
use chrono::{DateTime, FixedOffset};

/// The pattern of a `DateTime` generator without a format, and of the example made for a
/// `datetime` matcher without one: ISO 8601 with milliseconds and a numeric offset, as the
/// reference generates them (`2026-12-01T20:53:35.421+00:00`; `xxx` never writes `Z`). A
/// `timestamp` matcher without a format accepts any ISO 8601 date-time instead.
pub const DEFAULT_DATETIME_FORMAT: &str = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";
/// The default pattern of `date` matchers and generators.
pub const DEFAULT_DATE_FORMAT: &str = "yyyy-MM-dd";
/// The default pattern of `time` matchers and generators.
pub const DEFAULT_TIME_FORMAT: &str = "HH:mm:ss";

/// A compiled Java date pattern.
#[derive(Debug, Clone)]
pub struct JavaDateFormat {
    pattern: String,
    parse_items: Vec<Item<'static>>,
    format_items: Vec<Item<'static>>,
}

/// An item chrono exposes only through its strftime syntax (`%3f`, `%#z`).
fn strftime_item(spec: &'static str) -> Item<'static> {
    StrftimeItems::new(spec)
        .next()
        .expect("a valid strftime specifier")
}

fn numeric(n: Numeric, count: usize) -> Item<'static> {
    Item::Numeric(n, if count >= 2 { Pad::Zero } else { Pad::None })
}

impl JavaDateFormat {
    /// Compiles a pattern such as `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`; an unknown pattern letter or an
    /// unterminated quote is an error that names it.
    pub fn new(pattern: &str) -> Result<JavaDateFormat> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut parse_items = Vec::new();
        let mut format_items = Vec::new();
        let mut i = 0;
        let mut push = |parse: Item<'static>, format: Item<'static>| {
            parse_items.push(parse);
            format_items.push(format);
        };
        while i < chars.len() {
            let c = chars[i];
            if c == '\'' {
                // Quoted literal; '' is a literal quote.
                if chars.get(i + 1) == Some(&'\'') {
                    push(Item::Literal("'"), Item::Literal("'"));
                    i += 2;
                    continue;
                }
                let mut literal = String::new();
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err(PactError::invalid_argument(format!(
                                "Invalid date/time pattern '{pattern}': unterminated quote"
                            )))
                        }
                        Some('\'') if chars.get(j + 1) == Some(&'\'') => {
                            literal.push('\'');
                            j += 2;
                        }
                        Some('\'') => break,
                        Some(ch) => {
                            literal.push(*ch);
                            j += 1;
                        }
                    }
                }
                let item = Item::OwnedLiteral(literal.into_boxed_str());
                push(item.clone(), item);
                i = j + 1;
                continue;
            }
            if !c.is_ascii_alphabetic() {
                let item = if c.is_whitespace() {
                    Item::OwnedSpace(c.to_string().into_boxed_str())
                } else {
                    Item::OwnedLiteral(c.to_string().into_boxed_str())
                };
                push(item.clone(), item);
                i += 1;
                continue;
            }
            let mut count = 1;
            while chars.get(i + count) == Some(&c) {
                count += 1;
            }
            i += count;
            let (parse, format) = match c {
                'G' => (Item::Literal("AD"), Item::Literal("AD")),
                'y' if count == 2 => (
                    numeric(Numeric::YearMod100, 2),
                    numeric(Numeric::YearMod100, 2),
                ),
                'y' => (numeric(Numeric::Year, count), numeric(Numeric::Year, count)),
                'Y' if count == 2 => (
                    numeric(Numeric::IsoYearMod100, 2),
                    numeric(Numeric::IsoYearMod100, 2),
                ),
                'Y' => (
                    numeric(Numeric::IsoYear, count),
                    numeric(Numeric::IsoYear, count),
                ),
                'M' | 'L' if count >= 4 => (
                    Item::Fixed(Fixed::LongMonthName),
                    Item::Fixed(Fixed::LongMonthName),
                ),
                'M' | 'L' if count == 3 => (
                    Item::Fixed(Fixed::ShortMonthName),
                    Item::Fixed(Fixed::ShortMonthName),
                ),
                'M' | 'L' => (
                    numeric(Numeric::Month, count),
                    numeric(Numeric::Month, count),
                ),
                'w' => (
                    numeric(Numeric::IsoWeek, count),
                    numeric(Numeric::IsoWeek, count),
                ),
                'W' | 'F' => (
                    numeric(Numeric::WeekFromMon, count),
                    numeric(Numeric::WeekFromMon, count),
                ),
                'D' => (
                    numeric(Numeric::Ordinal, count),
                    numeric(Numeric::Ordinal, count),
                ),
                'd' => (numeric(Numeric::Day, count), numeric(Numeric::Day, count)),
                'E' if count >= 4 => (
                    Item::Fixed(Fixed::LongWeekdayName),
                    Item::Fixed(Fixed::LongWeekdayName),
                ),
                'E' => (
                    Item::Fixed(Fixed::ShortWeekdayName),
                    Item::Fixed(Fixed::ShortWeekdayName),
                ),
                'u' => (
                    numeric(Numeric::WeekdayFromMon, count),
                    numeric(Numeric::WeekdayFromMon, count),
                ),
                'a' => (Item::Fixed(Fixed::UpperAmPm), Item::Fixed(Fixed::UpperAmPm)),
                'H' | 'k' => (numeric(Numeric::Hour, count), numeric(Numeric::Hour, count)),
                'h' | 'K' => (
                    numeric(Numeric::Hour12, count),
                    numeric(Numeric::Hour12, count),
                ),
                'm' => (
                    numeric(Numeric::Minute, count),
                    numeric(Numeric::Minute, count),
                ),
                's' => (
                    numeric(Numeric::Second, count),
                    numeric(Numeric::Second, count),
                ),
                'S' => {
                    let item = strftime_item(match count {
                        6 => "%6f",
                        9 => "%9f",
                        _ => "%3f",
                    });
                    (item.clone(), item)
                }
                'z' => (
                    Item::Fixed(Fixed::TimezoneName),
                    Item::Fixed(Fixed::TimezoneName),
                ),
                'Z' => (strftime_item("%#z"), Item::Fixed(Fixed::TimezoneOffset)),
                'X' => (
                    strftime_item("%#z"),
                    Item::Fixed(if count >= 3 {
                        Fixed::TimezoneOffsetColonZ
                    } else {
                        Fixed::TimezoneOffsetZ
                    }),
                ),
                // As `X`, but a zero offset is written `+00:00` (`+0000`), not `Z`.
                'x' => (
                    strftime_item("%#z"),
                    Item::Fixed(if count >= 3 {
                        Fixed::TimezoneOffsetColon
                    } else {
                        Fixed::TimezoneOffset
                    }),
                ),
                other => {
                    return Err(PactError::invalid_argument(format!(
                        "Invalid date/time pattern '{pattern}': unknown pattern letter '{other}'"
                    )))
                }
            };
            push(parse, format);
        }
        Ok(JavaDateFormat {
            pattern: pattern.to_string(),
            parse_items,
            format_items,
        })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Checks that `value` is written in this pattern; the error says why not.
    pub fn check(&self, value: &str) -> std::result::Result<(), String> {
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, value, self.parse_items.iter())
            .map_err(|e| e.to_string())
    }

    /// Formats a date-time in this pattern.
    pub fn format(&self, at: &DateTime<FixedOffset>) -> String {
        at.format_with_items(self.format_items.iter()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn default_datetime_pattern_checks_and_formats() {
        let f = JavaDateFormat::new(DEFAULT_DATETIME_FORMAT).unwrap();
        assert!(f.check("2015-06-10T20:41:37.123+10:00").is_ok());
        assert!(f.check("2015-06-10T20:41:37.123+00:00").is_ok());
        assert!(f.check("2015-06-10T20:41:37+10:00").is_err());
        assert!(f.check("2015-06-10 20:41:37.123").is_err());
        let utc = FixedOffset::east_opt(0).unwrap();
        let at = utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap()
            + chrono::Duration::milliseconds(421);
        assert_eq!(f.format(&at), "2020-01-02T03:04:05.421+00:00");
        let east = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(
            f.format(&at.with_timezone(&east)),
            "2020-01-02T08:34:05.421+05:30"
        );
    }

    #[test]
    fn offsets_with_and_without_z() {
        let at = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 2, 3, 4, 5)
            .unwrap();
        let format = |p: &str| JavaDateFormat::new(p).unwrap().format(&at);
        assert_eq!(format("XXX"), "Z");
        assert_eq!(format("xxx"), "+00:00");
        assert_eq!(format("xx"), "+0000");
        assert_eq!(format("Z"), "+0000");
    }

    #[test]
    fn quoted_literals_and_fractions() {
        let f = JavaDateFormat::new("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").unwrap();
        assert!(f.check("2020-12-31T23:59:59.123Z").is_ok());
        assert!(f.check("2020-12-31T23:59:59Z").is_err());
        let d = JavaDateFormat::new("dd/MM/yyyy").unwrap();
        assert!(d.check("06/10/2015").is_ok());
        assert!(d.check("2015-10-06").is_err());
        let q = JavaDateFormat::new("h 'o''clock' a").unwrap();
        let at = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 2, 15, 0, 0)
            .unwrap();
        assert_eq!(q.format(&at), "3 o'clock PM");
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        let e = JavaDateFormat::new("yyyy-qq").unwrap_err();
        assert!(
            e.message.contains("unknown pattern letter 'q'"),
            "{}",
            e.message
        );
        let e = JavaDateFormat::new("yyyy'T").unwrap_err();
        assert!(e.message.contains("unterminated quote"), "{}", e.message);
    }
}
