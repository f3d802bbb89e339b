//! The compute-shock scenario: its format ([`scenario`]), reading it from JSON with every
//! error naming its field ([`read`]), and checking and compiling it into the [`model::Model`]
//! the engine (the `compute-shock` crate) runs; with the chip catalogue, dates and the
//! lognormal durations the model holds.
//!
//! A crate of its own so that the page's WebAssembly builds it for size: this code runs once
//! per run, the engine's once per trial and day (Cargo.toml, `[profile.release.package]`).

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod catalogue;
pub mod date;
pub mod lognormal;
pub mod model;
pub mod read;
pub mod scenario;
pub mod uncertain;

pub use model::Model;
pub use scenario::{Scenario, ScenarioError};
