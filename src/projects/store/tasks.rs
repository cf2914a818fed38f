//! SQL of what applicants and officers have to do with projects (their workspace).

use crate::{db::Tx, on_tx};

/// A half its user leads, with its project, its call and the other side's half.
#[derive(sqlx::FromRow)]
pub struct LedRow {
    pub project_id: i64,
    pub title: String,
    pub call_id: i64,
    pub call_title_fr: String,
    pub call_title_en: String,
    pub side_id: i64,
    pub state: String,
    pub extension_until: Option<i64>,
    /// The other side's half, when its partner joined.
    pub other_state: Option<String>,
}

/// Every half `user` leads, newest project first.
pub async fn led_halves(tx: &mut Tx, user: i64) -> sqlx::Result<Vec<LedRow>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select p.id as project_id, p.title, p.call_id, c.title_fr as call_title_fr,
                c.title_en as call_title_en, h.side_id, h.state, h.extension_until,
                (select o.state from project_halves o
                  where o.project_id = p.id and o.side_id <> h.side_id
                  order by o.id limit 1) as other_state
         from project_halves h join projects p on p.id = h.project_id
         join calls c on c.id = p.call_id
         where h.lead_user_id = $1 order by p.id desc"
    )
    .bind(user)
    .fetch_all(c)
    .await)
}

/// Per published call: the side's filed halves whose admissibility is not decided yet and
/// whose project the commission has not decided on (then it is moot): (call, title FR,
/// title EN, count).
pub async fn awaiting_admissibility(
    tx: &mut Tx,
    side: i64,
) -> sqlx::Result<Vec<(i64, String, String, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select c.id, c.title_fr, c.title_en, count(*) from project_halves h
         join projects p on p.id = h.project_id join calls c on c.id = p.call_id
         where h.side_id = $1 and h.state = 'submitted' and h.admissibility is null
           and c.state = 'published'
           and not exists (select 1 from decisions d
                           where d.project_id = p.id and d.decided_at is not null)
         group by c.id, c.title_fr, c.title_en order by c.id desc"
    )
    .bind(side)
    .fetch_all(c)
    .await)
}
