//! Errors of the core: one type with a stable machine-readable code and a message a person
//! can act on. Each front end maps it once (JS `Error.code`, C return codes).

use std::fmt;

/// Stable error codes, shown to JS as `error.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The pact JSON could not be parsed or has the wrong shape.
    InvalidPactJson,
    /// A matcher type that no spec version defines.
    UnknownMatcher,
    /// A generator type that no spec version defines.
    UnknownGenerator,
    /// A regular expression that does not compile.
    InvalidRegex,
    /// A specification version other than V1, V1_1, V2, V3, V4.
    InvalidSpecVersion,
    /// An argument of a DSL call is out of range or malformed.
    InvalidArgument,
    /// Reading or writing a file failed.
    Io,
    /// The requested port is already taken.
    PortInUse,
    /// The host is not an address this machine can bind.
    InvalidAddress,
    /// The TLS configuration could not be built.
    Tls,
    /// No mock server runs on the given port.
    NoSuchServer,
    /// An existing pact file belongs to another consumer or provider, or cannot be merged.
    MergeConflict,
    /// The pact's specification version has no place for what was asked (a message below V3,
    /// a synchronous message below V4, HTTP interactions and messages in one V3 file).
    NotInSpecVersion,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidPactJson => "INVALID_PACT_JSON",
            ErrorCode::UnknownMatcher => "UNKNOWN_MATCHER",
            ErrorCode::UnknownGenerator => "UNKNOWN_GENERATOR",
            ErrorCode::InvalidRegex => "INVALID_REGEX",
            ErrorCode::InvalidSpecVersion => "INVALID_SPEC_VERSION",
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::Io => "IO_ERROR",
            ErrorCode::PortInUse => "PORT_IN_USE",
            ErrorCode::InvalidAddress => "INVALID_ADDRESS",
            ErrorCode::Tls => "TLS_ERROR",
            ErrorCode::NoSuchServer => "NO_SUCH_SERVER",
            ErrorCode::MergeConflict => "MERGE_CONFLICT",
            ErrorCode::NotInSpecVersion => "NOT_IN_SPEC_VERSION",
        }
    }
}

/// An error of the core, with its code and a message naming what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PactError {
    pub code: ErrorCode,
    pub message: String,
}

impl PactError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        PactError {
            code,
            message: message.into(),
        }
    }

    pub fn invalid_json(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidPactJson, message)
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, message)
    }

    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Io, message)
    }
}

impl fmt::Display for PactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PactError {}

pub type Result<T, E = PactError> = std::result::Result<T, E>;
