//! The notifications one chooses to receive: topics turned off per person, read by the
//! senders of optional emails (reminders, the partner's activity) through [`wants`].

use super::{model::Topic, store};
use crate::{audit, db::Db, error::AppResult, users::Viewer};

/// One kind of notification and whether the user receives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotificationSetting {
    pub topic: Topic,
    pub on: bool,
}

/// The notification topics `user` receives (every topic not turned off).
pub async fn notification_settings(db: &Db, user: &Viewer) -> AppResult<Vec<NotificationSetting>> {
    let mut tx = db.read().await?;
    let off = store::opt_outs(&mut tx, user.id).await?;
    Ok(Topic::ALL
        .into_iter()
        .map(|topic| NotificationSetting {
            topic,
            on: !off.iter().any(|o| o == topic.as_str()),
        })
        .collect())
}

/// Keeps the topics `user` wants; the others are turned off.
pub async fn save_notification_settings(db: &Db, user: &Viewer, wanted: &[Topic]) -> AppResult<()> {
    let mut tx = db.write().await?;
    let off: Vec<&str> = Topic::ALL
        .into_iter()
        .filter(|t| !wanted.contains(t))
        .map(Topic::as_str)
        .collect();
    store::set_opt_outs(&mut tx, user.id, &off, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "user.notification_settings",
        "user",
        user.id,
        &off.join(" "),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `user` receives notifications about `topic`.
pub async fn wants(tx: &mut crate::db::Tx, user: i64, topic: Topic) -> AppResult<bool> {
    Ok(store::opted_out_of(tx, &[user], topic.as_str())
        .await?
        .is_empty())
}
