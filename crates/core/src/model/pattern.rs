//! Compiled regexes: [`PactRegex`], one type for every regex of the core (matching rules, the
//! DSL's checks, generators), compiled once per process by [`cached_regex`].
//!
//! Pact regexes come from JavaScript and Java code, whose engines have look-around and
//! backreferences (pact-js's `ISO8601_DATE_FORMAT` has both); the `regex` crate has neither.
//! A pattern is compiled by `regex` (linear time, fast); only when `regex` refuses it for one
//! of those two reasons is it compiled by `fancy-regex` (a backtracking engine that hands the
//! parts it can to the same automata).

use crate::error::{ErrorCode, PactError, Result};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// A compiled regex; callers need not know which engine runs it.
#[derive(Debug, Clone)]
pub enum PactRegex {
    Fast(regex::Regex),
    /// A pattern with look-around or backreferences.
    Fancy(fancy_regex::Regex),
}

impl PactRegex {
    /// Compiles `pattern` (not cached: see [`cached_regex`]); the error says what is wrong.
    pub fn new(pattern: &str) -> std::result::Result<PactRegex, String> {
        match regex::Regex::new(pattern) {
            Ok(r) => Ok(PactRegex::Fast(r)),
            Err(_) if needs_backtracking(pattern) => fancy_regex::Regex::new(pattern)
                .map(PactRegex::Fancy)
                .map_err(|fancy| fancy.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Whether the regex matches somewhere in `text`. A backtracking match that gives up
    /// (fancy-regex's backtrack limit, hit only by pathological patterns) is no match.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            PactRegex::Fast(r) => r.is_match(text),
            PactRegex::Fancy(r) => r.is_match(text).unwrap_or_else(|e| {
                tracing::debug!("regex '{}' gave up on '{text}': {e}", r.as_str());
                false
            }),
        }
    }

    /// The byte range of the first match in `text` and of its capture group `group` (if that
    /// group took part in the match).
    pub fn find_with_group(
        &self,
        text: &str,
        group: usize,
    ) -> Option<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> {
        match self {
            PactRegex::Fast(r) => {
                let caps = r.captures(text)?;
                Some((caps.get(0)?.range(), caps.get(group).map(|m| m.range())))
            }
            PactRegex::Fancy(r) => {
                let caps = r.captures(text).ok()??;
                Some((caps.get(0)?.range(), caps.get(group).map(|m| m.range())))
            }
        }
    }

    /// The pattern as compiled.
    pub fn as_str(&self) -> &str {
        match self {
            PactRegex::Fast(r) => r.as_str(),
            PactRegex::Fancy(r) => r.as_str(),
        }
    }

    /// True for a pattern with look-around or backreferences, which only a backtracking
    /// engine runs (and no value generator can produce values for).
    pub fn is_fancy(&self) -> bool {
        matches!(self, PactRegex::Fancy(_))
    }
}

/// Whether `regex` refuses `pattern` for its look-around or backreferences (the first error
/// of `regex`'s own parser, so another mistake in the pattern is reported as `regex` says it).
fn needs_backtracking(pattern: &str) -> bool {
    use regex_syntax::ast::ErrorKind;
    match regex_syntax::ast::parse::Parser::new().parse(pattern) {
        Err(e) => matches!(
            e.kind(),
            ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference
        ),
        Ok(_) => false,
    }
}

/// Compiled regexes by pattern, shared by everything in the process.
static REGEX_CACHE: LazyLock<Mutex<HashMap<String, PactRegex>>> = LazyLock::new(Default::default);

/// What a process-wide cache of compiled patterns keeps: the first ones compiled (a suite uses
/// the same few again and again), not every pattern ever seen.
const CACHED_PATTERNS: usize = 1024;

/// `compile(pattern)`, once per process for the first `CACHED_PATTERNS` patterns of `cache`.
/// Compiling happens outside the lock: other threads need not wait for it.
pub(crate) fn compile_cached<T: Clone, E>(
    cache: &Mutex<HashMap<String, T>>,
    pattern: &str,
    compile: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(compiled) = lock().get(pattern) {
        return Ok(compiled.clone());
    }
    let compiled = compile(pattern)?;
    let mut cache = lock();
    if cache.len() < CACHED_PATTERNS {
        cache.insert(pattern.to_string(), compiled.clone());
    }
    Ok(compiled)
}

/// `PactRegex::new(pattern)`, compiled once per process (see `compile_cached`). Compiling is
/// costly (a Unicode `\d{5}` takes tens of microseconds) and the same few patterns come back
/// in every test of a suite: the DSL, the matcher and the generators all compile through here.
pub fn cached_regex(pattern: &str) -> std::result::Result<PactRegex, String> {
    compile_cached(&REGEX_CACHE, pattern, PactRegex::new)
}

/// Checks that a regex compiles, naming the regex and the problem.
pub fn check_regex(regex: &str) -> Result<()> {
    cached_regex(regex).map(|_| ()).map_err(|e| {
        PactError::new(
            ErrorCode::InvalidRegex,
            format!("Invalid regular expression '{regex}': {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_around_and_backreferences_fall_back_to_backtracking() {
        let fast = PactRegex::new(r"^\d+$").unwrap();
        assert!(!fast.is_fancy());
        let ahead = PactRegex::new(r"^a(?!b)").unwrap();
        assert!(ahead.is_fancy());
        assert!(ahead.is_match("ac") && !ahead.is_match("ab"));
        let back = PactRegex::new(r"^(-?)\d\1\d$").unwrap();
        assert!(back.is_match("-1-2") && back.is_match("12") && !back.is_match("-12"));
        let behind = PactRegex::new(r"(?<=x)y").unwrap();
        assert_eq!(behind.find_with_group("xy", 0), Some((1..2, Some(1..2))));
    }

    #[test]
    fn other_errors_are_reported_as_regex_says() {
        let e = PactRegex::new("(unclosed").unwrap_err();
        assert!(e.contains("unclosed group"), "{e}");
        // The first error decides: an unclosed group after a look-ahead is still refused.
        assert!(PactRegex::new("(?=a)(b").is_err());
    }
}
