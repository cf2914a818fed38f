//! The audit log: every state change records who did what to which object, when, and a summary.
//! Rows are append-only and hash-chained, so an edited or deleted row is detected by
//! `passerelle audit verify`; a log cut at its end or rewritten at its tail, by the signed
//! checkpoints of [`checkpoint`].

pub mod actions;
pub mod checkpoint;
pub mod model;
mod store;

pub use actions::{VerifyReport, record, verify};
pub use model::{Actor, Entry};
