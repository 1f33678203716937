//! What a running server remembers between requests: which interactions were seen, the
//! results that `mismatches()` reports (typed, in arrival order), the CORS pre-flights it could
//! not answer, and the per-server log.

use super::MatchResult;
use crate::matching::Mismatch;
use crate::model::file::request_to_json;
use crate::model::{Request, SpecVersion};
use serde_json::{json, Value};

/// The log stops growing past this size, so that a long-running server under a flood of
/// requests cannot eat memory through its log alone.
const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;

/// Distinct unanswered pre-flights kept per server: enough to name the cause of a failed
/// browser test, bounded so that a page retrying forever cannot grow the state.
const MAX_PREFLIGHTS: usize = 16;

/// A CORS pre-flight (`OPTIONS` with `Origin`) that arrived while the server answers no
/// pre-flights (`cors` off): the browser then never sends the real request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnansweredPreflight {
    pub path: String,
    pub origin: Option<String>,
    /// The method the browser asked to send (`Access-Control-Request-Method`).
    pub requested_method: Option<String>,
}

/// The mutable state of one server, kept behind a short-lived lock.
#[derive(Debug)]
pub(crate) struct State {
    /// Per interaction: did a request match it, fully or in part (then it is not "missing").
    seen: Vec<bool>,
    /// Partial matches and requests that matched nothing, in arrival order.
    results: Vec<MatchResult>,
    preflights: Vec<UnansweredPreflight>,
    log: String,
    log_truncated: bool,
}

impl State {
    pub(crate) fn new(interactions: usize) -> State {
        State {
            seen: vec![false; interactions],
            results: Vec::new(),
            preflights: Vec::new(),
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
        self.results.push(MatchResult::RequestMismatch {
            method: method.to_string(),
            path: path.to_string(),
            mismatches,
        });
    }

    pub(crate) fn record_not_found(&mut self, request: Request) {
        self.results.push(MatchResult::RequestNotFound { request });
    }

    pub(crate) fn record_unanswered_preflight(&mut self, preflight: UnansweredPreflight) {
        if self.preflights.len() < MAX_PREFLIGHTS && !self.preflights.contains(&preflight) {
            self.preflights.push(preflight);
        }
    }

    pub(crate) fn unanswered_preflights(&self) -> Vec<UnansweredPreflight> {
        self.preflights.clone()
    }

    /// Whether further log lines would be dropped (so callers can skip formatting them).
    pub(crate) fn log_full(&self) -> bool {
        self.log_truncated
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
        let missing = expected
            .into_iter()
            .zip(&self.seen)
            .filter(|(_, seen)| !**seen)
            .map(|(request, _)| MatchResult::MissingRequest {
                request: request.clone(),
            });
        self.results.iter().cloned().chain(missing).collect()
    }

    /// `matched()` without building the list.
    pub(crate) fn all_matched(&self) -> bool {
        self.results.is_empty() && self.seen.iter().all(|s| *s)
    }
}

/// A list of results as libpact_ffi's `mock_server_mismatches` JSON text.
pub fn results_json(results: &[MatchResult]) -> String {
    Value::Array(results.iter().map(MatchResult::to_json).collect()).to_string()
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Headers;

    fn get(path: &str, accept: &str) -> Request {
        let mut headers = Headers::default();
        headers.insert("accept".into(), vec![accept.into()]);
        Request {
            method: "GET".into(),
            path: path.into(),
            headers: Some(headers),
            ..Request::default()
        }
    }

    #[test]
    fn results_come_in_arrival_order_then_the_missing_requests() {
        let mut state = State::new(2);
        let (a, b) = (get("/a", "text/plain"), get("/bé", "*/*"));
        state.record_not_found(a.clone());
        state.record_mismatch(1, "GET", "/c", Vec::new());
        state.record_not_found(b.clone());
        let expected = [get("/x", "*/*"), get("/c", "*/*")];
        let results = state.mismatches(&expected);
        assert_eq!(results.len(), 4);
        assert_eq!(results[0], MatchResult::RequestNotFound { request: a });
        assert_eq!(results[2], MatchResult::RequestNotFound { request: b });
        assert_eq!(
            results[3],
            MatchResult::MissingRequest {
                request: expected[0].clone()
            }
        );
        let json: Value = serde_json::from_str(&results_json(&results)).unwrap();
        assert_eq!(
            json[2],
            json!({"type": "request-not-found", "method": "GET", "path": "/bé",
                   "request": {"method": "GET", "path": "/bé", "headers": {"accept": "*/*"}}})
        );
        assert!(!state.all_matched());
    }

    #[test]
    fn unanswered_preflights_are_kept_once_and_bounded() {
        let mut state = State::new(0);
        for n in 0..100 {
            let preflight = UnansweredPreflight {
                path: format!("/p{}", n % 20),
                origin: Some("http://localhost:3000".into()),
                requested_method: Some("POST".into()),
            };
            state.record_unanswered_preflight(preflight);
        }
        let kept = state.unanswered_preflights();
        assert_eq!(kept.len(), MAX_PREFLIGHTS);
        assert_eq!(kept[1].path, "/p1");
    }
}
