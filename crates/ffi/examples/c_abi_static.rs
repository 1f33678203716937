//! The C ABI as a static library built by `cargo test`, for the C test program that links
//! statically (see `c_abi_shared.rs`).
pub use pact_mock_server_ffi::*;
