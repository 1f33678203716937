//! What a running server remembers between requests: which interactions were seen, the
//! results that `mismatches()` reports (and nothing more), and the per-server log.

use super::MatchResult;
use crate::matching::Mismatch;
use crate::model::file::{request_from_json, request_to_json};
use crate::model::{Request, SpecVersion};
use serde_json::{json, Value};

/// The log stops growing past this size, so that a long-running server under a flood of
/// requests cannot eat memory through its log alone.
const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;

/// One recorded outcome, in arrival order, with its `mismatches_json()` entry serialised when
/// recorded (listing thousands of them is then a join). Matched requests only mark their
/// interaction. A request that matched nothing is kept as that text alone: floods of them are
/// common (a wrong base path) and the text is all `mismatches()` needs.
#[derive(Debug)]
enum Recorded {
    Mismatch {
        method: String,
        path: String,
        mismatches: Vec<Mismatch>,
        text: String,
    },
    NotFound {
        text: String,
    },
}

impl Recorded {
    fn text(&self) -> &str {
        match self {
            Recorded::Mismatch { text, .. } | Recorded::NotFound { text } => text,
        }
    }
}

/// The mutable state of one server, kept behind a short-lived lock.
#[derive(Debug)]
pub(crate) struct State {
    /// Per interaction: did a request match it, fully or in part (then it is not "missing").
    seen: Vec<bool>,
    results: Vec<Recorded>,
    log: String,
    log_truncated: bool,
}

impl State {
    pub(crate) fn new(interactions: usize) -> State {
        State {
            seen: vec![false; interactions],
            results: Vec::new(),
            log: String::new(),
            log_truncated: false,
        }
    }

    pub(crate) fn record_match(&mut self, interaction: usize) {
        if let Some(slot) = self.seen.get_mut(interaction) {
            *slot = true;
        }
    }

    pub(crate) fn record_mismatch(
        &mut self,
        interaction: usize,
        method: &str,
        path: &str,
        mismatches: Vec<Mismatch>,
        text: String,
    ) {
        self.record_match(interaction);
        self.results.push(Recorded::Mismatch {
            method: method.to_string(),
            path: path.to_string(),
            mismatches,
            text,
        });
    }

    /// `text` is `request_not_found_json(request)`.
    pub(crate) fn record_not_found(&mut self, text: String) {
        self.results.push(Recorded::NotFound { text });
    }

    /// Whether further log lines would be dropped (so callers can skip formatting them).
    pub(crate) fn log_full(&self) -> bool {
        self.log_truncated
    }

    /// `mismatches()` as JSON text: the recorded entries as they were serialised, then one
    /// missing request per interaction never seen.
    pub(crate) fn mismatches_json<'a>(
        &self,
        expected: impl IntoIterator<Item = &'a Request>,
    ) -> String {
        let size = self
            .results
            .iter()
            .map(|r| r.text().len() + 1)
            .sum::<usize>();
        let mut out = String::with_capacity(size + 2);
        out.push('[');
        for result in &self.results {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(result.text());
        }
        for (request, _) in expected
            .into_iter()
            .zip(&self.seen)
            .filter(|(_, seen)| !**seen)
        {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&missing_request_json(request).to_string());
        }
        out.push(']');
        out
    }

    pub(crate) fn log_line(&mut self, line: &str) {
        if self.log.len() + line.len() + 1 > MAX_LOG_BYTES {
            if !self.log_truncated {
                self.log_truncated = true;
                self.log
                    .push_str("... log limit reached, further requests are not logged\n");
            }
            return;
        }
        self.log.push_str(line);
        self.log.push('\n');
    }

    pub(crate) fn logs(&self) -> String {
        self.log.clone()
    }

    /// Mismatches in arrival order, then one missing request per interaction never seen.
    pub(crate) fn mismatches<'a>(
        &self,
        expected: impl IntoIterator<Item = &'a Request>,
    ) -> Vec<MatchResult> {
        let mut out: Vec<MatchResult> = self
            .results
            .iter()
            .map(|r| match r {
                Recorded::Mismatch {
                    method,
                    path,
                    mismatches,
                    ..
                } => MatchResult::RequestMismatch {
                    method: method.clone(),
                    path: path.clone(),
                    mismatches: mismatches.clone(),
                },
                Recorded::NotFound { text } => MatchResult::RequestNotFound {
                    request: request_from_text(text),
                },
            })
            .collect();
        out.extend(
            expected
                .into_iter()
                .zip(&self.seen)
                .filter(|(_, seen)| !**seen)
                .map(|(request, _)| MatchResult::MissingRequest {
                    request: request.clone(),
                }),
        );
        out
    }

    /// `matched()` without building the list.
    pub(crate) fn all_matched(&self) -> bool {
        self.results.is_empty() && self.seen.iter().all(|s| *s)
    }
}

/// The `mismatches()` entry of a request that matched an interaction in part.
pub(crate) fn request_mismatch_json(method: &str, path: &str, mismatches: &[Mismatch]) -> String {
    json!({
        "type": "request-mismatch",
        "method": method,
        "path": path,
        "mismatches": mismatches.iter().map(Mismatch::to_json).collect::<Vec<_>>(),
    })
    .to_string()
}

/// The `mismatches()` entry of a request that matched no interaction.
pub(crate) fn request_not_found_json(request: &Request) -> String {
    json!({
        "type": "request-not-found",
        "method": request.method,
        "path": request.path,
        "request": request_to_json(request, SpecVersion::V3),
    })
    .to_string()
}

/// The request of a `request_not_found_json` entry, read back.
fn request_from_text(text: &str) -> Request {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| request_from_json(&v["request"], SpecVersion::V3).ok())
        .unwrap_or_default()
}

fn missing_request_json(request: &Request) -> Value {
    json!({
        "type": "missing-request",
        "method": request.method,
        "path": request.path,
        "request": request_to_json(request, SpecVersion::V3),
    })
}

impl MatchResult {
    /// The entry as libpact_ffi's `mock_server_mismatches` gives it.
    pub fn to_json(&self) -> Value {
        match self {
            MatchResult::RequestMismatch {
                method,
                path,
                mismatches,
            } => json!({
                "type": "request-mismatch",
                "method": method,
                "path": path,
                "mismatches": mismatches.iter().map(Mismatch::to_json).collect::<Vec<_>>(),
            }),
            MatchResult::RequestNotFound { request } => json!({
                "type": "request-not-found",
                "method": request.method,
                "path": request.path,
                "request": request_to_json(request, SpecVersion::V3),
            }),
            MatchResult::MissingRequest { request } => missing_request_json(request),
        }
    }

    /// The `type` of the entry (`request-mismatch`, `request-not-found`, `missing-request`).
    pub fn type_name(&self) -> &'static str {
        match self {
            MatchResult::RequestMismatch { .. } => "request-mismatch",
            MatchResult::RequestNotFound { .. } => "request-not-found",
            MatchResult::MissingRequest { .. } => "missing-request",
        }
    }

    /// One line for people: what went wrong and where.
    pub fn description(&self) -> String {
        match self {
            MatchResult::RequestMismatch {
                method,
                path,
                mismatches,
            } => {
                let details: Vec<String> = mismatches.iter().map(Mismatch::description).collect();
                format!(
                    "Request did not match: {method} {path}: {}",
                    details.join("; ")
                )
            }
            MatchResult::RequestNotFound { request } => format!(
                "Unexpected request: {} {} (no interaction expects it)",
                request.method, request.path
            ),
            MatchResult::MissingRequest { request } => format!(
                "Missing request: {} {} was expected but never received",
                request.method, request.path
            ),
        }
    }
}
