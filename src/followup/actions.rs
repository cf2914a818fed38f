//! Follow-up use cases. Creating funded projects happens inside the transaction that closes
//! the session that selected them.

use super::{
    model::{FundedProject, term},
    store,
};
use crate::{
    db::{Db, Tx, now_ms},
    error::{AppError, AppResult},
};

/// A selection to follow up: (decision, project, duration in months from the application).
pub type Selection = (i64, i64, Option<i64>);

/// Creates a funded project for each selection of a session (once per project); returns how
/// many were created.
pub async fn create_for_session(
    tx: &mut Tx,
    commission_id: i64,
    session_ms: i64,
    zone: &str,
    selections: &[Selection],
) -> AppResult<u64> {
    let now = now_ms();
    let mut n = 0;
    for (decision, project, months) in selections {
        let t = term(session_ms, zone, *months)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no term for project {project}")))?;
        n += store::insert(tx, *project, *decision, commission_id, t, now).await?;
    }
    Ok(n)
}

/// The funded project of an application, if it was selected. Callers check who may see it.
pub async fn of_project(db: &Db, project: i64) -> AppResult<Option<FundedProject>> {
    let mut tx = db.read().await?;
    of_project_in(&mut tx, project).await
}

pub async fn of_project_in(tx: &mut Tx, project: i64) -> AppResult<Option<FundedProject>> {
    Ok(store::find_by_project(tx, project).await?)
}
