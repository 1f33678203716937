//! Java `SimpleDateFormat`/`DateTimeFormatter` patterns (as pact files carry them) checked
//! against values. Converts a pattern to a chrono format once, at compile time of the rules.
//!
//! `crate::model::datetime` (integrator) will own the shared converter; until it lands this
//! local one keeps the matcher self-contained.

use chrono::format::{parse, Parsed, StrftimeItems};

/// Converts a Java date pattern to a chrono format string.
pub(crate) fn java_to_chrono(pattern: &str) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Quoted literal; '' is a single quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                push_literal(&mut out, chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return Err(format!("unterminated quote in date pattern '{pattern}'"));
            }
            i += 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            push_literal(&mut out, c);
            i += 1;
            continue;
        }
        let mut n = 1;
        while i + n < chars.len() && chars[i + n] == c {
            n += 1;
        }
        let spec = match (c, n) {
            ('y' | 'u' | 'Y', 2) => "%y",
            ('y' | 'u' | 'Y', _) => "%Y",
            ('M' | 'L', 1 | 2) => "%m",
            ('M' | 'L', 3) => "%b",
            ('M' | 'L', _) => "%B",
            ('d', _) => "%d",
            ('D', _) => "%j",
            ('H', _) => "%H",
            ('k', _) => "%H",
            ('h', _) => "%I",
            ('K', _) => "%I",
            ('m', _) => "%M",
            ('s', _) => "%S",
            ('S', 1..=3) => "%3f",
            ('S', 4..=6) => "%6f",
            ('S', _) => "%9f",
            ('n', _) => "%9f",
            ('a', _) => "%p",
            ('E', 1..=3) => "%a",
            ('E', _) => "%A",
            ('e', _) => "%u",
            ('w', _) => "%V",
            ('X', 1 | 2) | ('x', 1 | 2) => "%z",
            ('X', _) | ('x', _) => "%:z",
            ('Z', 1..=3) => "%z",
            ('Z', _) => "%:z",
            ('z', _) | ('V', _) => "%Z",
            ('G', _) => "AD",
            _ => {
                return Err(format!(
                    "unsupported letter '{c}' in date pattern '{pattern}'"
                ))
            }
        };
        out.push_str(spec);
        i += n;
    }
    Ok(out)
}

fn push_literal(out: &mut String, c: char) {
    if c == '%' {
        out.push_str("%%");
    } else {
        out.push(c);
    }
}

/// Checks `value` against a chrono format (from `java_to_chrono`).
pub(crate) fn validate(value: &str, chrono_format: &str) -> Result<(), String> {
    let mut parsed = Parsed::new();
    // Java's `X` accepts a literal `Z` for UTC; chrono's `%z` does not.
    let value = if chrono_format.ends_with("%:z") || chrono_format.ends_with("%z") {
        if let Some(stripped) = value.strip_suffix('Z') {
            std::borrow::Cow::Owned(format!(
                "{stripped}{}",
                if chrono_format.ends_with("%:z") {
                    "+00:00"
                } else {
                    "+0000"
                }
            ))
        } else {
            std::borrow::Cow::Borrowed(value)
        }
    } else {
        std::borrow::Cow::Borrowed(value)
    };
    parse(&mut parsed, &value, StrftimeItems::new(chrono_format)).map_err(|e| e.to_string())
}

/// Default formats when a matcher gives none.
pub(crate) const DEFAULT_DATE: &str = "yyyy-MM-dd";
pub(crate) const DEFAULT_TIME: &str = "HH:mm:ss";

/// Validates an ISO-8601 timestamp (used when a timestamp matcher has no format).
pub(crate) fn validate_iso_datetime(value: &str) -> Result<(), String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|_| ())
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f").map(|_| ())
        })
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pattern: &str, value: &str) -> bool {
        validate(value, &java_to_chrono(pattern).unwrap()).is_ok()
    }

    #[test]
    fn converts_common_patterns() {
        assert!(check("yyyy-MM-dd", "2024-02-29"));
        assert!(!check("yyyy-MM-dd", "2024-13-01"));
        assert!(!check("yyyy-MM-dd", "29/02/2024"));
        assert!(check(
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "2024-02-29T10:11:12.123+01:00"
        ));
        assert!(check("yyyy-MM-dd'T'HH:mm:ssXXX", "2024-02-29T10:11:12Z"));
        assert!(check("HH:mm:ss", "23:59:01"));
        assert!(!check("HH:mm:ss", "25:00:00"));
        assert!(check("dd/MM/yyyy hh:mm a", "01/02/2020 03:04 PM"));
        assert!(check("EEE, dd MMM yyyy", "Sat, 01 Feb 2020"));
        assert!(java_to_chrono("yyyy-'T").is_err());
        assert!(java_to_chrono("qqq").is_err());
    }
}
