//! Joint projects (candidatures): one project, one half per side, each half filed with its own
//! administration before its own side's deadline, with a signed receipt for every filing.

pub mod actions;
pub mod application_pages;
pub mod application_read;
pub mod application_view;
pub mod attachments;
mod edit_pages;
pub mod filed;
pub mod filing;
mod filing_pages;
pub mod forms;
pub mod model;
pub mod officer;
mod officer_pages;
pub mod pages;
pub mod partner;
mod partner_pages;
mod receipt_pages;
mod review_pages;
mod store;
pub mod tasks;

pub use crate::submissions::{ReceiptRow, receipt};
pub use model::{Half, HalfState, Mission, Project};
pub use store::AttachmentRow;
pub mod paths;
pub mod policy;
pub mod reads;
pub mod routes;
