//! SQL of the follow-up work waiting for a side (its people's workspace).

use crate::{
    db::{Tx, fetch_all_in},
    on_tx,
};

/// What waits for `side`'s approval, across its programmes' funded projects not closed (the
/// side's officers act until closing):
/// (kind, funded project, project title). Kinds: extension, final_report, termination,
/// mission_change.
pub async fn approvals_awaiting(
    tx: &mut Tx,
    side: i64,
) -> sqlx::Result<Vec<(String, i64, String)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select w.kind, w.funded_id, p.title from (
           select 'extension' as kind, e.funded_id from extensions e
            where e.decided_at is null and not exists (select 1 from extension_approvals a
                  where a.extension_id = e.id and a.side_id = $1)
           union all
           select 'final_report', r.funded_id from final_reports r
             join funded_projects f on f.id = r.funded_id
            where f.state = 'final_report_due' and not exists (select 1 from final_report_approvals a
                  where a.funded_id = r.funded_id and a.side_id = $1)
           union all
           select 'termination', t.funded_id from terminations t
             join funded_projects f on f.id = t.funded_id
            where f.state <> 'terminated' and not exists (select 1 from termination_approvals a
                  where a.funded_id = t.funded_id and a.side_id = $1)
           union all
           select 'mission_change', m.funded_id from mission_changes m
            where m.decided_at is null and not exists (select 1 from mission_change_approvals a
                  where a.change_id = m.id and a.side_id = $1)
         ) w
         join funded_projects f on f.id = w.funded_id join projects p on p.id = f.project_id
         where f.state <> 'closed'
           and exists (select 1 from project_halves h where h.project_id = p.id and h.side_id = $1)
         order by w.funded_id, w.kind"
    )
    .bind(side)
    .fetch_all(c)
    .await
    })
}

/// The funded projects with a half on `side` not closed yet (reports may still be owed,
/// as the dashboard counts them): (funded, title).
pub async fn running_of_side(tx: &mut Tx, side: i64) -> sqlx::Result<Vec<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select f.id, p.title from funded_projects f join projects p on p.id = f.project_id
         where f.state <> 'closed'
           and exists (select 1 from project_halves h where h.project_id = p.id and h.side_id = $1)
         order by f.id"
    )
    .bind(side)
    .fetch_all(c)
    .await)
}

/// The funded project of each of these projects that has one: (project, funded).
pub async fn funded_of_projects(tx: &mut Tx, projects: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    fetch_all_in(
        tx,
        "select project_id, id from funded_projects where project_id in ({ids})",
        projects,
    )
    .await
}
