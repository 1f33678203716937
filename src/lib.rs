//! The napi-rs binding: classes `Pact`, `Interaction`, `Message`, `SynchronousMessage`,
//! `MockServer`, the port-keyed functions of the seed, logging set-up and the `Matchers`
//! namespace. Thin by design: every decision is the core's (`dsl`, `server`, `model`,
//! `generate`); this layer converts values and maps errors to JS `Error`s with a stable `code`.

mod error;
mod logging;
mod matchers;
mod message;
mod pact;
mod server;
mod values;
