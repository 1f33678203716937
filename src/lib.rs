//! `pact_mock_server_ffi`: a Pact consumer mock server.
//!
//! A pure core (`model`, `dsl`, `matching`, `generate`, `server`) with two thin front ends:
//! the Node.js addon (`node`, feature `node`) and the C ABI (`ffi`, feature `c-abi`).
//! Only `node` imports napi; only `ffi` has `extern "C"` functions or raw pointers.

pub mod dsl;
pub mod error;
pub mod generate;
pub mod matching;
pub mod model;
pub mod server;

#[cfg(feature = "node")]
mod node;

#[cfg(feature = "c-abi")]
pub mod ffi;

pub use error::{ErrorCode, PactError};
