//! The napi-rs binding: classes Pact, Interaction, MockServer, the port-keyed functions and the Matchers namespace.
