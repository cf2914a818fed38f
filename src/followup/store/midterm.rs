//! SQL of the mid-term review: campaigns, progress reports, opinions, year-2 releases.

use crate::db::{Fingerprint, SideAct, record_side_act};
use crate::ids::{SideId, UserId};
use crate::{db::Tx, followup::model::Campaign, on_tx, on_tx_exec};

const YEAR2: SideAct = SideAct::releases("year2_releases", "funded_id");

/// (id, session, due on) of a commission's campaign.
pub async fn campaign_of(tx: &mut Tx, commission: i64) -> sqlx::Result<Option<Campaign>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select id, session_id, due_on from midterm_campaigns where commission_id = $1"
    )
    .bind(commission)
    .fetch_optional(c)
    .await)
}

pub async fn insert_campaign(
    tx: &mut Tx,
    commission: i64,
    session: Option<i64>,
    due_on: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into midterm_campaigns (commission_id, session_id, due_on, opened_by, opened_at) values ($1, $2, $3, $4, $5)
         on conflict (commission_id) do nothing"
    )
    .bind(commission)
    .bind(session)
    .bind(due_on)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })
}

/// A project's report in a campaign: (id, progress, submitted at).
/// The funded projects that filed a progress report in a campaign.
pub async fn filed_reports(tx: &mut Tx, campaign: i64) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select funded_id from progress_reports where campaign_id = $1"
    )
    .bind(campaign)
    .fetch_all(c)
    .await)
}

/// Every opinion given in a campaign: (funded, side, favourable).
pub async fn campaign_opinions(tx: &mut Tx, campaign: i64) -> sqlx::Result<Vec<(i64, i64, bool)>> {
    let rows: Vec<(i64, i64, i64)> = on_tx!(tx, |c| sqlx::query_as(
        "select funded_id, side_id, favourable from midterm_opinions where campaign_id = $1"
    )
    .bind(campaign)
    .fetch_all(c)
    .await)?;
    Ok(rows.into_iter().map(|(f, s, v)| (f, s, v != 0)).collect())
}

pub async fn report_of(
    tx: &mut Tx,
    campaign: i64,
    funded: i64,
) -> sqlx::Result<Option<(i64, String, i64)>> {
    on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, progress, submitted_at from progress_reports where campaign_id = $1 and funded_id = $2"
    )
    .bind(campaign)
    .bind(funded)
    .fetch_optional(c)
    .await
    })
}

/// Files (or re-files) a progress report's joint part; returns its id.
pub async fn save_report(
    tx: &mut Tx,
    campaign: i64,
    funded: i64,
    progress: &str,
    objectives: &[(i64, String)],
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "insert into progress_reports (campaign_id, funded_id, progress, submitted_by, submitted_at) values ($1, $2, $3, $4, $5)
         on conflict (campaign_id, funded_id) do update set progress = excluded.progress,
             submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at
         returning id"
    )
    .bind(campaign)
    .bind(funded)
    .bind(progress)
    .bind(by)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    on_tx_exec!(tx, |c| sqlx::query(
        "delete from progress_objectives where report_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    for (objective, status) in objectives {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into progress_objectives (report_id, objective_id, status) values ($1, $2, $3)"
        )
        .bind(id)
        .bind(objective)
        .bind(status)
        .execute(c)
        .await)?;
    }
    Ok(id)
}

/// A side's funds in a report, in its currency: used so far and the year-2 forecast.
pub async fn save_funds(
    tx: &mut Tx,
    report: i64,
    side: i64,
    used: i64,
    forecast: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into progress_funds (report_id, side_id, used, forecast) values ($1, $2, $3, $4)
         on conflict (report_id, side_id) do update set used = excluded.used, forecast = excluded.forecast"
    )
    .bind(report)
    .bind(side)
    .bind(used)
    .bind(forecast)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// A report's funds: (side, used, year-2 forecast).
/// Each side's funds in a project's progress report of a campaign (none before it is filed):
/// (side, used, forecast).
pub async fn report_funds(
    tx: &mut Tx,
    campaign: i64,
    funded: i64,
) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select f.side_id, f.used, f.forecast from progress_funds f
         join progress_reports r on r.id = f.report_id
         where r.campaign_id = $1 and r.funded_id = $2 order by f.side_id"
    )
    .bind(campaign)
    .bind(funded)
    .fetch_all(c)
    .await)
}

/// One side's opinion on one project in a campaign.
pub struct Opinion<'a> {
    pub campaign: i64,
    pub funded: i64,
    pub side: i64,
    pub favourable: bool,
    pub comment: &'a str,
}

pub async fn save_opinion(tx: &mut Tx, o: &Opinion<'_>, by: i64, now: i64) -> sqlx::Result<()> {
    let (campaign, funded, side, favourable, comment) =
        (o.campaign, o.funded, o.side, o.favourable, o.comment);
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into midterm_opinions (campaign_id, funded_id, side_id, favourable, comment, given_by, given_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (campaign_id, funded_id, side_id) do update set favourable = excluded.favourable,
             comment = excluded.comment, given_by = excluded.given_by, given_at = excluded.given_at"
    )
    .bind(campaign)
    .bind(funded)
    .bind(side)
    .bind(favourable as i64)
    .bind(comment)
    .bind(by)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}

/// Opinions on a project: (side, favourable, comment).
pub async fn opinions(
    tx: &mut Tx,
    campaign: i64,
    funded: i64,
) -> sqlx::Result<Vec<(i64, bool, String)>> {
    let rows: Vec<(i64, i64, String)> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select side_id, favourable, comment from midterm_opinions where campaign_id = $1 and funded_id = $2 order by side_id"
    )
    .bind(campaign)
    .bind(funded)
    .fetch_all(c)
    .await
    })?;
    Ok(rows.into_iter().map(|(s, f, c)| (s, f != 0, c)).collect())
}

/// Records a side's year-2 release; false if it already released.
pub async fn release_year2(
    tx: &mut Tx,
    funded: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<bool> {
    Ok(record_side_act(tx, &YEAR2, funded, SideId(side), UserId(by), now, content).await? == 1)
}

/// Sides that released a project's year-2 funding.
pub async fn year2_released(tx: &mut Tx, funded: i64) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from year2_releases where funded_id = $1 order by side_id"
    )
    .bind(funded)
    .fetch_all(c)
    .await)
}

/// The year-2 releases of these projects: (funded project, side), in one statement.
pub async fn year2_releases_of(tx: &mut Tx, funded: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    crate::db::fetch_all_in(
        tx,
        "select funded_id, side_id from year2_releases where funded_id in ({ids})
         order by funded_id, side_id",
        funded,
    )
    .await
}
