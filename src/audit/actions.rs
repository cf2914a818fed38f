//! Writing to and checking the audit log.

use super::{
    model::{Actor, Entry, GENESIS, chain_hash},
    store,
};
use crate::db::{Db, Tx};

/// Appends an entry inside the caller's transaction, so the change and its record commit
/// together or not at all.
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    object_type: &str,
    object_id: impl ToString,
    summary: &str,
) -> sqlx::Result<()> {
    let prev = store::last_hash_locked(tx)
        .await?
        .unwrap_or_else(|| GENESIS.to_string());
    let mut e = Entry {
        id: 0,
        at: tx.now_ms(),
        actor_id: actor.id,
        actor_label: actor.label.clone(),
        action: action.to_string(),
        object_type: object_type.to_string(),
        object_id: object_id.to_string(),
        summary: summary.to_string(),
        prev_hash: prev.clone(),
        hash: String::new(),
    };
    e.hash = chain_hash(&prev, &e);
    store::insert(tx, &e).await?;
    Ok(())
}

/// The outcome of `audit verify`.
#[derive(Debug, PartialEq, Eq)]
pub struct VerifyReport {
    pub rows: u64,
    /// The id of the first row whose stored hash or link does not match.
    pub first_broken: Option<i64>,
}

/// Recomputes the whole chain, a page at a time.
pub async fn verify(db: &Db) -> sqlx::Result<VerifyReport> {
    let mut tx = db.read().await?;
    let (mut rows, mut after, mut prev) = (0u64, 0i64, GENESIS.to_string());
    loop {
        let page = store::list_after(&mut tx, after, 1000).await?;
        if page.is_empty() {
            return Ok(VerifyReport {
                rows,
                first_broken: None,
            });
        }
        for e in page {
            rows += 1;
            if e.prev_hash != prev || chain_hash(&prev, &e) != e.hash {
                return Ok(VerifyReport {
                    rows,
                    first_broken: Some(e.id),
                });
            }
            prev = e.hash;
            after = e.id;
        }
    }
}

/// The history of one object, oldest first.
pub async fn history(db: &Db, object_type: &str, object_id: &str) -> sqlx::Result<Vec<Entry>> {
    let mut tx = db.read().await?;
    store::list_for_object(&mut tx, object_type, object_id).await
}
