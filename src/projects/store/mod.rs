//! SQL of projects, halves, missions, invitations, receipts and the signing key.

use super::model::{Half, HalfState, Mission, Project};
use crate::{
    db::{Tx, fetch_all_in, unknown},
    on_tx, on_tx_exec,
};

/// The shared fields of a project as written.
pub struct ProjectRow<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub duration_months: Option<i64>,
    pub is_renewal: bool,
    pub earlier_results: &'a str,
    pub multilateral_links: &'a str,
    pub context: &'a str,
    pub objectives: &'a str,
    pub plan: &'a str,
}

pub async fn insert_project(
    tx: &mut Tx,
    call_id: i64,
    title: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into projects (call_id, title, summary, created_by, created_at, updated_at) values ($1, $2, '', $3, $4, $4) returning id"
    )
    .bind(call_id)
    .bind(title)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn update_project(
    tx: &mut Tx,
    id: i64,
    p: &ProjectRow<'_>,
    themes: &[i64],
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update projects set title = $2, summary = $3, duration_months = $4, is_renewal = $5, earlier_results = $6,
            multilateral_links = $7, context = $8, objectives = $9, plan = $10, updated_at = $11 where id = $1"
    )
    .bind(id)
    .bind(p.title)
    .bind(p.summary)
    .bind(p.duration_months)
    .bind(i64::from(p.is_renewal))
    .bind(p.earlier_results)
    .bind(p.multilateral_links)
    .bind(p.context)
    .bind(p.objectives)
    .bind(p.plan)
    .bind(now)
    .execute(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from project_themes where project_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    for t in themes {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into project_themes (project_id, theme_id) values ($1, $2)"
        )
        .bind(id)
        .bind(t)
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// A half whose submission `id` was just made (a half's id is its submission's).
pub async fn insert_half(
    tx: &mut Tx,
    id: i64,
    project_id: i64,
    side_id: i64,
    organisation_id: i64,
    lead: i64,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into project_halves (id, project_id, side_id, organisation_id, lead_user_id, state, created_at, updated_at)
         values ($6, $1, $2, $3, $4, 'draft', $5, $5) returning id"
    )
    .bind(project_id)
    .bind(side_id)
    .bind(organisation_id)
    .bind(lead)
    .bind(now)
    .bind(id)
    .fetch_one(c)
    .await
    })
}

pub async fn update_half(
    tx: &mut Tx,
    id: i64,
    organisation_id: i64,
    role: &str,
    partners: &str,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update project_halves set organisation_id = $2, lead_role = $3, associated_partners = $4, updated_at = $5 where id = $1"
    )
    .bind(id)
    .bind(organisation_id)
    .bind(role)
    .bind(partners)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Files a half if it is still at `expected_version`: two tabs or a double click file once.
pub async fn file_half(
    tx: &mut Tx,
    id: i64,
    expected_version: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| {
        sqlx::query(
        "update project_halves set state = 'submitted', version = version + 1, submitted_at = $3, updated_at = $3, changed_at = $3,
           admissibility = null, admissibility_reason = null
         where id = $1 and version = $2 and state = 'draft'"
    )
    .bind(id)
    .bind(expected_version)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(n == 1)
}

/// A filed half back to a draft (its version, the filed one, unchanged); false if it was not
/// that filed version any more.
pub async fn reopen_half(tx: &mut Tx, id: i64, version: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| sqlx::query(
        "update project_halves set state = 'draft', updated_at = $3
         where id = $1 and version = $2 and state = 'submitted'"
    )
    .bind(id)
    .bind(version)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(n == 1)
}

/// Withdraws a half once: false if it already was.
pub async fn withdraw_half(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| sqlx::query(
        "update project_halves set state = 'withdrawn', updated_at = $2, changed_at = $2
         where id = $1 and state <> 'withdrawn'"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(n == 1)
}

pub async fn set_extension(tx: &mut Tx, id: i64, until: i64, now: i64) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update project_halves set extension_until = $2, updated_at = $3, changed_at = $3 where id = $1"
    )
    .bind(id)
    .bind(until)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

pub async fn set_admissibility(
    tx: &mut Tx,
    id: i64,
    decision: &str,
    reason: &str,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "update project_halves set admissibility = $2, admissibility_reason = $3, updated_at = $4, changed_at = $4 where id = $1"
    )
    .bind(id)
    .bind(decision)
    .bind(reason)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

pub async fn insert_mission(
    tx: &mut Tx,
    project_id: i64,
    m: &Mission,
    now: i64,
) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into missions (project_id, from_side_id, to_side_id, travellers, starts_on, days, purpose, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id"
    )
    .bind(project_id)
    .bind(m.from_side_id)
    .bind(m.to_side_id)
    .bind(m.travellers)
    .bind(&m.starts_on)
    .bind(m.days)
    .bind(&m.purpose)
    .bind(now)
    .fetch_one(c)
    .await
    })
}

pub async fn delete_mission(tx: &mut Tx, project_id: i64, id: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from missions where id = $1 and project_id = $2"
    )
    .bind(id)
    .bind(project_id)
    .execute(c)
    .await)
}

#[derive(sqlx::FromRow)]
struct ProjectDbRow {
    id: i64,
    call_id: i64,
    title: String,
    summary: String,
    duration_months: Option<i64>,
    is_renewal: i64,
    earlier_results: String,
    multilateral_links: String,
    context: String,
    objectives: String,
    plan: String,
}

#[derive(sqlx::FromRow)]
struct HalfRow {
    project_id: i64,
    id: i64,
    side_id: i64,
    side_code: String,
    organisation_id: i64,
    organisation_name: String,
    organisation_kind: String,
    lead_user_id: i64,
    lead_name: String,
    lead_email: String,
    lead_role: String,
    associated_partners: String,
    state: String,
    version: i64,
    submitted_at: Option<i64>,
    extension_until: Option<i64>,
    admissibility: Option<String>,
    admissibility_reason: Option<String>,
    changed_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct MissionRow {
    project_id: i64,
    id: i64,
    from_side_id: i64,
    to_side_id: i64,
    travellers: i64,
    starts_on: String,
    days: i64,
    purpose: String,
}

pub async fn find_project(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Project>> {
    Ok(find_projects(tx, &[id]).await?.pop())
}

/// Loads these projects (in id order, unknown ids skipped) with four statements whatever
/// their number: the projects, then their themes, halves and missions, each in one query.
pub async fn find_projects(tx: &mut Tx, ids: &[i64]) -> sqlx::Result<Vec<Project>> {
    let rows: Vec<ProjectDbRow> = fetch_all_in(
        tx,
        "select id, call_id, title, summary, duration_months, is_renewal, earlier_results, multilateral_links,
                context, objectives, plan from projects where id in ({ids}) order by id",
        ids,
    )
    .await?;
    let themes: Vec<(i64, i64)> = fetch_all_in(
        tx,
        "select project_id, theme_id from project_themes where project_id in ({ids}) order by project_id, theme_id",
        ids,
    )
    .await?;
    let halves: Vec<HalfRow> = fetch_all_in(
        tx,
        "select h.project_id, h.id, h.side_id, s.code as side_code, h.organisation_id, o.name as organisation_name, o.kind as organisation_kind,
                h.lead_user_id, u.name as lead_name, u.email as lead_email, h.lead_role, h.associated_partners, h.state,
                h.version, h.submitted_at, h.extension_until, h.admissibility, h.admissibility_reason, h.changed_at
         from project_halves h join sides s on s.id = h.side_id join organisations o on o.id = h.organisation_id
              join users u on u.id = h.lead_user_id
         where h.project_id in ({ids}) order by h.project_id, h.side_id",
        ids,
    )
    .await?;
    let missions: Vec<MissionRow> = fetch_all_in(
        tx,
        "select project_id, id, from_side_id, to_side_id, travellers, starts_on, days, purpose from missions
         where project_id in ({ids}) order by project_id, starts_on, id",
        ids,
    )
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut p = Project {
            id: r.id,
            call_id: r.call_id,
            title: r.title,
            summary: r.summary,
            duration_months: r.duration_months,
            is_renewal: r.is_renewal != 0,
            earlier_results: r.earlier_results,
            multilateral_links: r.multilateral_links,
            context: r.context,
            objectives: r.objectives,
            plan: r.plan,
            theme_ids: themes
                .iter()
                .filter(|(p, _)| *p == r.id)
                .map(|(_, t)| *t)
                .collect(),
            halves: Vec::new(),
            missions: missions
                .iter()
                .filter(|m| m.project_id == r.id)
                .map(|m| Mission {
                    id: m.id,
                    from_side_id: m.from_side_id,
                    to_side_id: m.to_side_id,
                    travellers: m.travellers,
                    starts_on: m.starts_on.clone(),
                    days: m.days,
                    purpose: m.purpose.clone(),
                })
                .collect(),
        };
        for h in halves.iter().filter(|h| h.project_id == r.id) {
            p.halves.push(Half {
                id: h.id,
                side_id: h.side_id,
                side_code: h.side_code.clone(),
                organisation_id: h.organisation_id,
                organisation_name: h.organisation_name.clone(),
                organisation_kind: h.organisation_kind.clone(),
                lead_user_id: h.lead_user_id,
                lead_name: h.lead_name.clone(),
                lead_email: h.lead_email.clone(),
                lead_role: h.lead_role.clone(),
                associated_partners: h.associated_partners.clone(),
                state: HalfState::parse(&h.state).ok_or_else(|| unknown("half state", &h.state))?,
                version: h.version,
                submitted_at: h.submitted_at,
                extension_until: h.extension_until,
                admissibility: h.admissibility.clone(),
                admissibility_reason: h.admissibility_reason.clone(),
                changed_at: h.changed_at,
            });
        }
        out.push(p);
    }
    Ok(out)
}

/// Projects of a call that have a half on `side_id`, or every project of the call.
pub async fn list_project_ids(
    tx: &mut Tx,
    call_id: i64,
    side_id: Option<i64>,
) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select distinct p.id from projects p join project_halves h on h.project_id = p.id
         where p.call_id = $1 and ($2 is null or h.side_id = $2) order by p.id"
    )
    .bind(call_id)
    .bind(side_id)
    .fetch_all(c)
    .await)
}

mod files;
mod tasks;
pub use files::*;
pub use tasks::*;

/// A reopened half back to its filed version `version` at the deadline; false if it is not
/// that draft any more (filed again meanwhile).
pub async fn refile_dropped(tx: &mut Tx, id: i64, version: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| sqlx::query(
        "update project_halves set state = 'submitted', updated_at = $3
         where id = $1 and state = 'draft' and version = $2"
    )
    .bind(id)
    .bind(version)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(n == 1)
}

/// Halves reopened after filing (a draft with a filed version): (project, half).
pub async fn reopened_halves(tx: &mut Tx) -> sqlx::Result<Vec<(i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select project_id, id from project_halves where state = 'draft' and version > 0
         order by id"
    )
    .fetch_all(c)
    .await)
}

/// Replaces a project's planned missions (a filed version restored).
pub async fn replace_missions(
    tx: &mut Tx,
    project_id: i64,
    missions: &[Mission],
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from missions where project_id = $1"
    )
    .bind(project_id)
    .execute(c)
    .await)?;
    for m in missions {
        insert_mission(tx, project_id, m, now).await?;
    }
    Ok(())
}
