//! What a running server remembers between requests: which interactions were seen, the
//! results that `mismatches()` reports (and nothing more), and the per-server log.

use super::MatchResult;
use crate::matching::Mismatch;
use crate::model::{file::request_to_json, Request, SpecVersion};
use serde_json::{json, Value};

/// The log stops growing past this size, so that a long-running server under a flood of
/// requests cannot eat memory through its log alone.
const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;

/// One recorded outcome, in arrival order. Matched requests only mark their interaction.
#[derive(Debug)]
enum Recorded {
    Mismatch {
        method: String,
        path: String,
        mismatches: Vec<Mismatch>,
    },
    NotFound(Box<Request>),
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
    ) {
        self.record_match(interaction);
        self.results.push(Recorded::Mismatch {
            method: method.to_string(),
            path: path.to_string(),
            mismatches,
        });
    }

    pub(crate) fn record_not_found(&mut self, request: Request) {
        self.results.push(Recorded::NotFound(Box::new(request)));
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
                } => MatchResult::RequestMismatch {
                    method: method.clone(),
                    path: path.clone(),
                    mismatches: mismatches.clone(),
                },
                Recorded::NotFound(request) => MatchResult::RequestNotFound {
                    request: (**request).clone(),
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
            MatchResult::MissingRequest { request } => json!({
                "type": "missing-request",
                "method": request.method,
                "path": request.path,
                "request": request_to_json(request, SpecVersion::V3),
            }),
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
