//! Outgoing email. Every message is first written to the `email_outbox` table inside the
//! transaction of the action that sends it; a background worker delivers it and retries on
//! failure, so nothing is lost when the mail server is down. Any instance may deliver: rows are
//! claimed with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL).

pub mod actions;
pub mod letter;
pub mod model;
mod store;
pub mod transport;

pub use actions::{deliver_due, enqueue, run_worker};
pub use letter::Letter;
pub use model::{Message, Outgoing};
pub use transport::Transport;
