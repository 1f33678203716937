//! The Pact consumer core: pacts and pact files (`model`), the integration-JSON DSL (`dsl`),
//! request and response matching (`matching`), generators (`generate`) and the hyper mock
//! server (`server`). It knows nothing of Node or C: the napi-rs addon and the C ABI are thin
//! front ends over it, so both validate, match and report alike.

pub mod dsl;
pub mod error;
pub mod generate;
pub mod matching;
pub mod model;
pub mod server;

pub use error::{ErrorCode, PactError};
