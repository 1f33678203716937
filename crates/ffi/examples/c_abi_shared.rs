//! The C ABI as a shared library built by `cargo test` (which builds examples, but builds the
//! package's own library only as an rlib for its tests): the C test programs link against it.
//! Its exports are the crate's `#[no_mangle]` functions.
pub use pact_mock_server_ffi::*;
