//! What a run yields: trials' days and figures gathered into streaming, mergeable histograms
//! ([`aggregate`]), the summary a front end reads ([`summary`]) and the daily bands as CSV
//! ([`csv`]).

pub mod aggregate;
pub mod csv;
pub mod summary;
