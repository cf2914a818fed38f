//! Queueing and delivering email.

use std::time::Duration;

use lettre::message::Mailbox;

use super::{
    model::{LEASE_MS, MAX_ATTEMPTS, Message, retry_delay_ms},
    store,
    transport::Transport,
};
use crate::db::{Db, Tx};

/// Queues a message in the caller's transaction: it is sent only if the action commits.
pub async fn enqueue(tx: &mut Tx, m: &Message) -> sqlx::Result<i64> {
    let now = tx.now_ms();
    store::insert(tx, m, now).await
}

/// Delivers what is due now; returns how many were sent. Claims in one short transaction and
/// sends outside it, so a slow mail server never holds a database lock.
pub async fn deliver_due(db: &Db, transport: &Transport, from: &Mailbox) -> anyhow::Result<usize> {
    let now = db.now_ms();
    let mut tx = db.write().await?;
    let batch = store::claim_due(&mut tx, now, LEASE_MS, BATCH, MAX_ATTEMPTS).await?;
    tx.commit().await?;
    let mut sent = 0;
    for m in batch {
        let result = transport.send(from, &m).await;
        let mut tx = db.write().await?;
        match result {
            Ok(()) => {
                store::mark_sent(&mut tx, m.id, db.now_ms()).await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = m.id, error = %e, "email delivery failed; will retry");
                store::mark_failed(
                    &mut tx,
                    m.id,
                    db.now_ms() + retry_delay_ms(m.attempts),
                    &e.to_string(),
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// How many emails one claim takes.
const BATCH: i64 = 20;

/// The background loop of `serve`: polls the outbox every `every`, and goes on at once while
/// full batches go out (a session's letters should not trickle out over minutes).
pub async fn run_worker(db: Db, transport: Transport, from: Mailbox, every: Duration) {
    loop {
        match deliver_due(&db, &transport, &from).await {
            Ok(n) if n as i64 >= BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox worker"),
        }
        tokio::time::sleep(every).await;
    }
}
