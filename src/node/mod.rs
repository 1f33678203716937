//! The napi-rs binding: classes `Pact`, `Interaction`, `MockServer`, the port-keyed functions
//! of the seed, logging set-up and the `Matchers` namespace. Thin by design: every decision is
//! the core's (`dsl`, `server`, `model`); this layer converts values and maps errors to JS
//! `Error`s with a stable `code`.

// napi-derive registers exports only outside `cfg(test)`, so in the lib's unit-test build
// every export looks unused.
#![cfg_attr(test, allow(dead_code))]

mod error;
mod logging;
mod matchers;
mod pact;
mod server;
mod values;
