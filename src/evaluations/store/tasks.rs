//! SQL of the evaluation work waiting for officers and evaluators (their workspace).

use crate::{db::Tx, on_tx};

/// A published call's evaluation on one side, counted.
#[derive(sqlx::FromRow)]
pub struct ProgressRow {
    pub call_id: i64,
    pub title_fr: String,
    pub title_en: String,
    /// The side's filed halves.
    pub filed: i64,
    /// Of them, those without any evaluator yet.
    pub unassigned: i64,
    pub assigned: i64,
    pub submitted: i64,
    pub has_grid: i64,
    pub due_at: Option<i64>,
}

/// Per published call with filed halves on `side`: how far the side's evaluation is (an
/// inadmissible half is not evaluated, as on the side's evaluation page).
pub async fn progress(tx: &mut Tx, side: i64) -> sqlx::Result<Vec<ProgressRow>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select c.id as call_id, c.title_fr, c.title_en,
                count(distinct h.id) as filed,
                count(distinct h.id) - count(distinct a.submission_id) as unassigned,
                count(a.id) as assigned,
                coalesce(sum(case when a.state = 'submitted' then 1 else 0 end), 0) as submitted,
                (select count(*) from grids g where g.call_id = c.id and g.side_id = $1) as has_grid,
                (select g.due_at from grids g where g.call_id = c.id and g.side_id = $1) as due_at
         from project_halves h join projects p on p.id = h.project_id
         join calls c on c.id = p.call_id
         left join assignments a on a.submission_id = h.id
         where h.side_id = $1 and h.state = 'submitted' and c.state = 'published'
           and (h.admissibility is null or h.admissibility <> 'inadmissible')
         group by c.id, c.title_fr, c.title_en order by c.id desc"
    )
    .bind(side)
    .fetch_all(c)
    .await
    })
}

/// An evaluator's assignment with its call and due date.
#[derive(sqlx::FromRow)]
pub struct AssignmentRow {
    pub id: i64,
    pub project_id: i64,
    pub state: String,
    pub call_title_fr: String,
    pub call_title_en: String,
    pub due_at: Option<i64>,
    pub time_zone: String,
    /// Whether the half is still to be evaluated: filed, not inadmissible, and no conflict
    /// declared by the evaluator on the project.
    pub open: i64,
}

/// `evaluator`'s assignments, the ones still to do first, by due date.
pub async fn assignments(tx: &mut Tx, evaluator: i64) -> sqlx::Result<Vec<AssignmentRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select a.id, p.id as project_id, a.state, c.title_fr as call_title_fr,
                c.title_en as call_title_en, g.due_at, s.time_zone,
                cast(case when h.state = 'submitted'
                      and (h.admissibility is null or h.admissibility <> 'inadmissible')
                      and not exists (select 1 from conflicts k
                                      where k.evaluator_id = a.evaluator_id
                                        and k.submission_id = a.submission_id)
                     then 1 else 0 end as bigint) as open
         from assignments a join project_halves h on h.id = a.submission_id
         join projects p on p.id = h.project_id join calls c on c.id = p.call_id
         join sides s on s.id = h.side_id
         left join grids g on g.call_id = p.call_id and g.side_id = h.side_id
         where a.evaluator_id = $1
         order by case when a.state = 'assigned' then 0 else 1 end, g.due_at, a.id"
    )
    .bind(evaluator)
    .fetch_all(c)
    .await)
}
