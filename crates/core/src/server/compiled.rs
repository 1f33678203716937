//! The pact compiled once at start for the request path: a matcher and a response source per
//! interaction, and an index from method + literal path to the interactions that can match,
//! so that a request looks only at its few candidates instead of every interaction.

use crate::error::{PactError, Result};
use crate::generate::ResponseGenerator;
use crate::matching::RequestMatcher;
use crate::model::Pact;
use bytes::Bytes;
use hyper::header::HeaderMap;
use hyper::StatusCode;
use std::collections::HashMap;

/// A response that is the same for every request (no generators, nothing to warn about),
/// built once: per request only the CORS origin may change.
#[derive(Debug)]
pub(crate) struct FixedResponse {
    pub status: StatusCode,
    /// CORS headers (origin `*`) and the interaction's headers, in the order they are sent.
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The interaction sets `Access-Control-Allow-Origin` itself: keep it as is.
    pub own_origin: bool,
}

/// Where a matched interaction's response comes from.
#[derive(Debug)]
pub(crate) enum Responder {
    Fixed(FixedResponse),
    /// Generators run per request (or building it logs warnings, which must repeat per request).
    Generated(Box<ResponseGenerator>),
}

#[derive(Debug)]
pub(crate) struct Compiled {
    pub matchers: Vec<RequestMatcher>,
    pub responders: Vec<Responder>,
    /// Literal path to the interactions expecting exactly that path, with their upper-case
    /// method, in pact order.
    routes: HashMap<String, Vec<(String, usize)>>,
    /// Interactions whose path has a matching rule or percent-escapes: always candidates.
    unrouted: Vec<usize>,
}

impl Compiled {
    pub(crate) fn new(
        pact: &Pact,
        build_fixed: impl Fn(&crate::model::Interaction) -> Option<FixedResponse>,
    ) -> Result<Compiled> {
        let mut matchers = Vec::with_capacity(pact.interactions.len());
        let mut responders = Vec::with_capacity(pact.interactions.len());
        let mut routes: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        let mut unrouted = Vec::new();
        for (i, interaction) in pact.interactions.iter().enumerate() {
            let matcher = RequestMatcher::new(&interaction.request, pact.spec).map_err(|e| {
                PactError::new(
                    e.code,
                    format!("Interaction '{}': {}", interaction.description, e.message),
                )
            })?;
            let request = &interaction.request;
            if routable(request) {
                routes
                    .entry(request.path.clone())
                    .or_default()
                    .push((request.method.to_ascii_uppercase(), i));
            } else {
                unrouted.push(i);
            }
            matchers.push(matcher);
            let responder = match build_fixed(interaction) {
                Some(fixed) => Responder::Fixed(fixed),
                None => {
                    Responder::Generated(Box::new(ResponseGenerator::new(&interaction.response)))
                }
            };
            responders.push(responder);
        }
        Ok(Compiled {
            matchers,
            responders,
            routes,
            unrouted,
        })
    }

    /// The interactions that can fully match a request with this method and (decoded) path,
    /// in pact order; `None` when the index cannot tell (then every interaction is a candidate).
    pub(crate) fn candidates(&self, method: &str, path: &str) -> Option<Vec<usize>> {
        // A '%' left after decoding could decode again in the path comparison.
        if path.contains('%') {
            return None;
        }
        let mut out: Vec<usize> = self
            .routes
            .get(path)
            .into_iter()
            .flatten()
            .filter(|(m, _)| m.eq_ignore_ascii_case(method))
            .map(|(_, i)| *i)
            .collect();
        if !self.unrouted.is_empty() {
            out.extend_from_slice(&self.unrouted);
            out.sort_unstable();
        }
        Some(out)
    }
}

/// Whether an expected request can only match a request with its exact method and path: no
/// path rule and nothing to percent-decode.
fn routable(request: &crate::model::Request) -> bool {
    !request.path.contains('%') && request.matching_rules.category("path").is_none()
}
