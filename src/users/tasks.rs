//! What waits for administrators, for their workspace: the number of accounts and the
//! invitations not accepted yet. Two statements.

use super::{policy, store};
use crate::{db::Tx, error::AppResult, viewer::Viewer};

pub struct PendingInvitation {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub expires_at: i64,
}

pub struct AdminTasks {
    pub people: i64,
    pub invitations: Vec<PendingInvitation>,
}

/// The administration's work; `None` for anyone who may not administer accounts.
pub async fn admin_in(tx: &mut Tx, user: &Viewer) -> AppResult<Option<AdminTasks>> {
    if !policy::can(user, policy::Perm::Administer, &policy::Facts::default()) {
        return Ok(None);
    }
    let now = tx.now_ms();
    Ok(Some(AdminTasks {
        people: store::count_users(tx).await?,
        invitations: store::pending_invitations(tx, now)
            .await?
            .into_iter()
            .map(|(user_id, name, email, expires_at)| PendingInvitation {
                user_id,
                name,
                email,
                expires_at,
            })
            .collect(),
    }))
}
