//! Submissions (issue 14, item 2): what an applicant files with one side's administration
//! before that side's deadline, whatever programme it belongs to — a CMP project's half
//! (`projects`) or a Grands Rendez-vous candidacy (`grv`). What they share lives here once:
//! the deadline model (an instant and a zone per side), the filing states, the signed receipt
//! of each filed version with the exact content it covers, and the identity that evaluation
//! keys its assignments, conflicts and recommendations by (`evaluations`).
//!
//! A half's or a candidacy's id *is* its submission's id: the `submissions` row is created
//! first, and the kind's own table uses the same id.

pub mod actions;
pub mod deadline;
pub mod model;
pub mod receipt;
mod store;

pub use model::{FilingState, SubmissionKind};
pub use store::{FiledReceiptRow, ReceiptRow};
