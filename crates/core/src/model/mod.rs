//! The Pact model: pacts, HTTP interactions, requests and responses, message interactions
//! (`message`), bodies with content types, provider states, spec versions, matching rules and
//! generators, and pact files in and out (`file`): read any V1..V4 file, write each version's
//! exact layout, merge.

mod body;
pub mod datetime;
pub mod file;
mod generators;
mod http;
pub mod message;
mod pact;
mod pattern;
mod rules;

pub(crate) use body::escape_xml;
pub use body::{Body, ContentType};
pub use generators::{Generator, Generators};
pub use http::{Headers, Query, Request, Response};
pub use message::{AsynchronousMessage, Message, MessageContents, SynchronousMessage};
pub use pact::{Interaction, Pact, ProviderState};
pub(crate) use pattern::compile_cached;
pub use pattern::{cached_regex, check_regex, PactRegex};
pub(crate) use rules::indexed_name;
pub use rules::{
    ArrayContainsVariant, MatchingRule, MatchingRules, RuleList, RuleLogic, StatusClass,
};

use crate::error::{ErrorCode, PactError};
use std::fmt;
use std::str::FromStr;

/// A version of the Pact specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SpecVersion {
    V1,
    V1_1,
    V2,
    V3,
    #[default]
    V4,
}

impl SpecVersion {
    /// The version string written in `metadata.pactSpecification.version`.
    pub fn file_version(self) -> &'static str {
        match self {
            SpecVersion::V1 => "1.0.0",
            SpecVersion::V1_1 => "1.1.0",
            SpecVersion::V2 => "2.0.0",
            SpecVersion::V3 => "3.0.0",
            SpecVersion::V4 => "4.0",
        }
    }

    /// The name used in the API (`V1_1`, ...).
    pub fn name(self) -> &'static str {
        match self {
            SpecVersion::V1 => "V1",
            SpecVersion::V1_1 => "V1_1",
            SpecVersion::V2 => "V2",
            SpecVersion::V3 => "V3",
            SpecVersion::V4 => "V4",
        }
    }

    /// Reads a version from a pact file's `metadata.pactSpecification.version` (`"3.0.0"`,
    /// `"4.0"`, `"2"`...).
    pub fn from_file_version(version: &str) -> Option<SpecVersion> {
        let mut parts = version.trim().trim_start_matches(['v', 'V']).split('.');
        let major = parts.next()?.parse::<u32>().ok()?;
        let minor = parts
            .next()
            .and_then(|m| m.parse::<u32>().ok())
            .unwrap_or(0);
        match (major, minor) {
            (1, 0) => Some(SpecVersion::V1),
            (1, _) => Some(SpecVersion::V1_1),
            (2, _) => Some(SpecVersion::V2),
            (3, _) => Some(SpecVersion::V3),
            (4, _) => Some(SpecVersion::V4),
            _ => None,
        }
    }

    /// Whether matching rules apply at all (V1 and V1.1 have none).
    pub fn has_rules(self) -> bool {
        self >= SpecVersion::V2
    }
}

impl FromStr for SpecVersion {
    type Err = PactError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().replace('.', "_").as_str() {
            "V1" | "V1_0" | "1" => Ok(SpecVersion::V1),
            "V1_1" | "1_1" => Ok(SpecVersion::V1_1),
            "V2" | "2" => Ok(SpecVersion::V2),
            "V3" | "3" => Ok(SpecVersion::V3),
            "V4" | "4" => Ok(SpecVersion::V4),
            _ => Err(PactError::new(
                ErrorCode::InvalidSpecVersion,
                format!("Unknown specification version '{s}': use one of V1, V1_1, V2, V3, V4"),
            )),
        }
    }
}

impl fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
