//! What a running server remembers between requests: which interactions were seen, the
//! results that `mismatches()` reports (and nothing more), and the per-server log.

use super::MatchResult;
use crate::matching::Mismatch;
use crate::model::file::{request_from_json, request_to_json};
use crate::model::{Request, SpecVersion};
use serde_json::{json, Value};
use std::ops::Range;

/// The log stops growing past this size, so that a long-running server under a flood of
/// requests cannot eat memory through its log alone.
const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;

/// One recorded outcome, in arrival order, with its `mismatches_json()` entry serialised when
/// recorded (listing thousands of them is then a join). Matched requests only mark their
/// interaction. A request that matched nothing is kept as that text alone: floods of them are
/// common (a wrong base path) and the text is all `mismatches()` needs.
/// The texts live back to back in one buffer (`State::texts`): one growing allocation instead
/// of one small allocation kept per request, which fragmented the heap under floods.
#[derive(Debug)]
enum Recorded {
    Mismatch {
        method: String,
        path: String,
        mismatches: Vec<Mismatch>,
        text: Range<usize>,
    },
    NotFound {
        text: Range<usize>,
    },
}

impl Recorded {
    fn text(&self) -> Range<usize> {
        match self {
            Recorded::Mismatch { text, .. } | Recorded::NotFound { text } => text.clone(),
        }
    }
}

/// The mutable state of one server, kept behind a short-lived lock.
#[derive(Debug)]
pub(crate) struct State {
    /// Per interaction: did a request match it, fully or in part (then it is not "missing").
    seen: Vec<bool>,
    results: Vec<Recorded>,
    /// Every result's JSON text, back to back (see `Recorded`).
    texts: String,
    log: String,
    log_truncated: bool,
}

impl State {
    pub(crate) fn new(interactions: usize) -> State {
        State {
            seen: vec![false; interactions],
            results: Vec::new(),
            texts: String::new(),
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
        let text = self.push_text(&text);
        self.results.push(Recorded::Mismatch {
            method: method.to_string(),
            path: path.to_string(),
            mismatches,
            text,
        });
    }

    /// `text` is `request_not_found_json(request)`.
    pub(crate) fn record_not_found(&mut self, text: String) {
        let text = self.push_text(&text);
        self.results.push(Recorded::NotFound { text });
    }

    fn push_text(&mut self, text: &str) -> Range<usize> {
        let start = self.texts.len();
        self.texts.push_str(text);
        start..self.texts.len()
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
        let mut out = String::with_capacity(self.texts.len() + self.results.len() + 2);
        out.push('[');
        for result in &self.results {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&self.texts[result.text()]);
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
                    request: request_from_text(&self.texts[text.clone()]),
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

thread_local! {
    /// Serialisation scratch space, reused so that each recorded text is one exact-size
    /// allocation: texts grown by doubling leave a trail of freed chunks that, under a flood
    /// of unmatched requests, made glibc's malloc spend more time than everything else.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// JSON text written by `write` into the scratch buffer, copied out at its exact size.
pub(crate) fn json_text(write: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>) -> String {
    SCRATCH.with(|scratch| {
        let mut buf = scratch.try_borrow_mut().ok();
        let mut fresh = Vec::new();
        let out = buf.as_deref_mut().unwrap_or(&mut fresh);
        out.clear();
        // Writing JSON values into memory cannot fail; a failure would leave valid JSON anyway.
        if write(out).is_err() {
            return "null".to_string();
        }
        let text = String::from_utf8_lossy(out).into_owned();
        // Large one-off texts (a huge unexpected body) do not stay allocated here.
        if out.capacity() > 64 * 1024 {
            *out = Vec::new();
        }
        text
    })
}

/// The `mismatches()` entry of a request that matched an interaction in part.
pub(crate) fn request_mismatch_json(method: &str, path: &str, mismatches: &[Mismatch]) -> String {
    json_text(|out| {
        serde_json::to_writer(
            out,
            &json!({
                "type": "request-mismatch",
                "method": method,
                "path": path,
                "mismatches": mismatches.iter().map(Mismatch::to_json).collect::<Vec<_>>(),
            }),
        )
    })
}

/// The `mismatches()` entry of a request that matched no interaction.
pub(crate) fn request_not_found_json(request: &Request) -> String {
    json_text(|out| {
        out.extend_from_slice(br#"{"type":"request-not-found","method":"#);
        serde_json::to_writer(&mut *out, &request.method)?;
        out.extend_from_slice(br#","path":"#);
        serde_json::to_writer(&mut *out, &request.path)?;
        out.extend_from_slice(br#","request":"#);
        serde_json::to_writer(&mut *out, &request_to_json(request, SpecVersion::V3))?;
        out.push(b'}');
        Ok(())
    })
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
