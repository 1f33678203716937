//! What a running server remembers between requests: which interactions were seen, the
//! results that `mismatches()` reports (and nothing more), and the per-server log.

use super::MatchResult;
use crate::matching::Mismatch;
use crate::model::file::{request_from_json, request_to_json};
use crate::model::{Request, SpecVersion};
use indexmap::IndexSet;
use serde_json::{json, Value};

/// The log stops growing past this size, so that a long-running server under a flood of
/// requests cannot eat memory through its log alone.
const MAX_LOG_BYTES: usize = 4 * 1024 * 1024;

/// One recorded outcome, in arrival order. Matched requests only mark their interaction.
#[derive(Debug)]
enum Recorded {
    /// A request that matched an interaction in part, with its `mismatches()` entry as JSON.
    Mismatch(Box<RecordedMismatch>),
    /// A request that matched nothing, kept compactly: floods of them are common (a wrong base
    /// path), and then both their memory and the time to list them count. Its method and path
    /// are `State::heads[start..]`, back to back; the rest of the request (query, headers,
    /// body) is `State::rests[entry.rest]`, a JSON object text shared by the requests that
    /// have the same rest (clients tend to send the same headers every time).
    NotFound { start: usize, entry: NotFoundEntry },
}

#[derive(Debug)]
struct RecordedMismatch {
    method: String,
    path: String,
    mismatches: Vec<Mismatch>,
    text: String,
}

/// A request that matched nothing, as `State` keeps it and `CompactMismatches` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotFoundEntry {
    /// Byte lengths of the method and the path, which follow each other in `heads`.
    pub method_len: u32,
    pub path_len: u32,
    /// Index into `rests`.
    pub rest: u32,
}

/// `mismatches()` with the requests that matched nothing kept compact, for front ends that
/// build the entries themselves (the Node binding does, in JS: far faster than parsing
/// thousands of near-identical JSON entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactMismatches {
    /// Every entry in order: a request that matched nothing, or `None` for the next of `others`.
    pub entries: Vec<Option<NotFoundEntry>>,
    /// The methods and paths of the requests that matched nothing, back to back.
    pub heads: String,
    /// JSON array of the distinct rests (query, headers, body) of those requests, as objects.
    pub rests: String,
    /// JSON array of every other entry (partial matches, missing requests), in order.
    pub others: String,
}

/// The mutable state of one server, kept behind a short-lived lock.
#[derive(Debug)]
pub(crate) struct State {
    /// Per interaction: did a request match it, fully or in part (then it is not "missing").
    seen: Vec<bool>,
    results: Vec<Recorded>,
    /// Methods and paths of the requests that matched nothing (see `Recorded::NotFound`).
    heads: String,
    /// The distinct rests of those requests, as JSON object texts.
    rests: IndexSet<String>,
    log: String,
    log_truncated: bool,
}

impl State {
    pub(crate) fn new(interactions: usize) -> State {
        State {
            seen: vec![false; interactions],
            results: Vec::new(),
            heads: String::new(),
            rests: IndexSet::new(),
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
        self.results
            .push(Recorded::Mismatch(Box::new(RecordedMismatch {
                method: method.to_string(),
                path: path.to_string(),
                mismatches,
                text,
            })));
    }

    /// `rest` is `request_rest_json(request)`.
    pub(crate) fn record_not_found(&mut self, method: &str, path: &str, rest: String) {
        // The id of an equal rest already recorded, or of this one, added.
        let (rest, _) = self.rests.insert_full(rest);
        let start = self.heads.len();
        self.heads.push_str(method);
        self.heads.push_str(path);
        // Both are bounded far below 4 GB by hyper's limits on the request line.
        let entry = NotFoundEntry {
            method_len: method.len() as u32,
            path_len: path.len() as u32,
            rest: rest as u32,
        };
        self.results.push(Recorded::NotFound { start, entry });
    }

    /// Method, path and rest text of a `Recorded::NotFound`.
    fn not_found_parts(&self, start: usize, entry: NotFoundEntry) -> [&str; 3] {
        let path_start = start + entry.method_len as usize;
        [
            &self.heads[start..path_start],
            &self.heads[path_start..path_start + entry.path_len as usize],
            self.rests
                .get_index(entry.rest as usize)
                .map_or("{}", String::as_str),
        ]
    }

    /// Whether further log lines would be dropped (so callers can skip formatting them).
    pub(crate) fn log_full(&self) -> bool {
        self.log_truncated
    }

    /// `mismatches()` as JSON text: the recorded entries, then one missing request per
    /// interaction never seen.
    pub(crate) fn mismatches_json<'a>(
        &self,
        expected: impl IntoIterator<Item = &'a Request>,
    ) -> String {
        let mut out = String::with_capacity(self.heads.len() * 2 + self.results.len() * 64 + 2);
        out.push('[');
        for result in &self.results {
            if out.len() > 1 {
                out.push(',');
            }
            match *result {
                Recorded::Mismatch(ref m) => out.push_str(&m.text),
                Recorded::NotFound { start, entry } => {
                    let [method, path, rest] = self.not_found_parts(start, entry);
                    push_not_found_json(&mut out, method, path, rest);
                }
            }
        }
        for request in self.missing(expected) {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&missing_request_json(request).to_string());
        }
        out.push(']');
        out
    }

    /// `mismatches()` with the requests that matched nothing kept compact.
    pub(crate) fn compact_mismatches<'a>(
        &self,
        expected: impl IntoIterator<Item = &'a Request>,
    ) -> CompactMismatches {
        let mut entries = Vec::with_capacity(self.results.len());
        let mut others = String::from("[");
        let mut push_other = |text: &str, entries: &mut Vec<Option<NotFoundEntry>>| {
            if others.len() > 1 {
                others.push(',');
            }
            others.push_str(text);
            entries.push(None);
        };
        for result in &self.results {
            match *result {
                Recorded::Mismatch(ref m) => push_other(&m.text, &mut entries),
                Recorded::NotFound { entry, .. } => entries.push(Some(entry)),
            }
        }
        for request in self.missing(expected) {
            push_other(&missing_request_json(request).to_string(), &mut entries);
        }
        others.push(']');
        let rests: Vec<&str> = self.rests.iter().map(String::as_str).collect();
        let rests = format!("[{}]", rests.join(","));
        CompactMismatches {
            entries,
            heads: self.heads.clone(),
            rests,
            others,
        }
    }

    /// The expected requests of the interactions never seen.
    fn missing<'a>(&self, expected: impl IntoIterator<Item = &'a Request>) -> Vec<&'a Request> {
        expected
            .into_iter()
            .zip(&self.seen)
            .filter(|(_, seen)| !**seen)
            .map(|(request, _)| request)
            .collect()
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
            .map(|r| match *r {
                Recorded::Mismatch(ref m) => MatchResult::RequestMismatch {
                    method: m.method.clone(),
                    path: m.path.clone(),
                    mismatches: m.mismatches.clone(),
                },
                Recorded::NotFound { start, entry } => {
                    let [method, path, rest] = self.not_found_parts(start, entry);
                    MatchResult::RequestNotFound {
                        request: request_from_parts(method, path, rest),
                    }
                }
            })
            .collect();
        out.extend(
            self.missing(expected)
                .into_iter()
                .map(|request| MatchResult::MissingRequest {
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

/// The parts of a request other than its method and path (query, headers, body) as the JSON
/// object that `mismatches()` shows inside the entry of a request that matched nothing.
pub(crate) fn request_rest_json(request: &Request) -> String {
    let mut value = request_to_json(request, SpecVersion::V3);
    if let Value::Object(members) = &mut value {
        members.shift_remove("method");
        members.shift_remove("path");
    }
    json_text(|out| serde_json::to_writer(out, &value))
}

/// The `mismatches()` entry of a request that matched nothing, from its parts.
fn push_not_found_json(out: &mut String, method: &str, path: &str, rest: &str) {
    let method = Value::from(method).to_string();
    let path = Value::from(path).to_string();
    for part in [
        r#"{"type":"request-not-found","method":"#,
        &method,
        r#","path":"#,
        &path,
        r#","request":{"method":"#,
        &method,
        r#","path":"#,
        &path,
    ] {
        out.push_str(part);
    }
    // `rest` is an object: its members follow method and path.
    match rest.strip_prefix('{') {
        Some(members) if members != "}" => {
            out.push(',');
            out.push_str(members);
        }
        _ => out.push('}'),
    }
    out.push('}');
}

/// A request that matched nothing, read back from its parts.
fn request_from_parts(method: &str, path: &str, rest: &str) -> Request {
    let mut members = serde_json::Map::new();
    members.insert("method".into(), method.into());
    members.insert("path".into(), path.into());
    if let Ok(Value::Object(rest)) = serde_json::from_str::<Value>(rest) {
        members.extend(rest);
    }
    request_from_json(&Value::Object(members), SpecVersion::V3).unwrap_or_default()
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

    fn record(state: &mut State, request: &Request) {
        state.record_not_found(&request.method, &request.path, request_rest_json(request));
    }

    #[test]
    fn unmatched_requests_share_equal_rests_and_read_back_whole() {
        let mut state = State::new(1);
        let (a, b, c) = (
            get("/a", "text/plain"),
            get("/bé", "text/plain"),
            get("/c", "*/*"),
        );
        for request in [&a, &b, &c] {
            record(&mut state, request);
        }
        let expected = Request {
            method: "POST".into(),
            path: "/expected".into(),
            ..Request::default()
        };

        let compact = state.compact_mismatches([&expected]);
        let rest_ids: Vec<_> = compact.entries.iter().map(|e| e.map(|e| e.rest)).collect();
        assert_eq!(rest_ids, [Some(0), Some(0), Some(1), None]);
        assert_eq!(compact.heads, "GET/aGET/béGET/c");
        assert_eq!(compact.entries[1].unwrap().path_len, "/bé".len() as u32);
        assert_eq!(
            compact.rests,
            r#"[{"headers":{"accept":"text/plain"}},{"headers":{"accept":"*/*"}}]"#
        );
        assert!(compact.others.contains(r#""type":"missing-request""#));

        let text: Value = serde_json::from_str(&state.mismatches_json([&expected])).unwrap();
        assert_eq!(
            text[1],
            json!({"type": "request-not-found", "method": "GET", "path": "/bé",
                   "request": {"method": "GET", "path": "/bé", "headers": {"accept": "text/plain"}}})
        );
        let results = state.mismatches([&expected]);
        assert_eq!(results[2], MatchResult::RequestNotFound { request: c });
        assert_eq!(
            results[3],
            MatchResult::MissingRequest { request: expected }
        );
    }
}
