//! SQL of the notification topics each person turned off.

use crate::{
    db::{Tx, fetch_all_in},
    on_tx, on_tx_exec,
};

/// The topics `user` turned off.
pub async fn opt_outs(tx: &mut Tx, user: i64) -> sqlx::Result<Vec<String>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select topic from notification_opt_outs where user_id = $1 order by topic"
    )
    .bind(user)
    .fetch_all(c)
    .await)
}

/// Of `users`, those who turned `topic` off (one statement).
pub async fn opted_out_of(tx: &mut Tx, users: &[i64], topic: &str) -> sqlx::Result<Vec<i64>> {
    let rows: Vec<(i64, String)> = fetch_all_in(
        tx,
        "select user_id, topic from notification_opt_outs where user_id in ({ids})",
        users,
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, t)| t == topic)
        .map(|(u, _)| u)
        .collect())
}

/// Replaces `user`'s turned-off topics with `topics`.
pub async fn set_opt_outs(tx: &mut Tx, user: i64, topics: &[&str], now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from notification_opt_outs where user_id = $1"
    )
    .bind(user)
    .execute(c)
    .await)?;
    for t in topics {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into notification_opt_outs (user_id, topic, created_at) values ($1, $2, $3)"
        )
        .bind(user)
        .bind(*t)
        .bind(now)
        .execute(c)
        .await)?;
    }
    Ok(())
}
