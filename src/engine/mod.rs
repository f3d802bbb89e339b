//! The engine: one trial, from its random draws to its daily capacity and its figures.
//!
//! [`rng`] gives each (trial, component) its own stream; [`intervals`] are the spans events
//! cover; [`series`] keeps a day-by-day quantity as runs of days (a value, or a line while a
//! site is built); `events` draws a trial's figures and its shocks, outages and distress;
//! [`trial`] applies them to the sites and yields the trial's capacity and figures.
//! `reference` (tests only) is the old day-by-day engine the trial must match: it draws the
//! same events and turns them into days one at a time.

mod events;
pub mod intervals;
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod reference;
pub mod rng;
pub mod series;
pub mod trial;
