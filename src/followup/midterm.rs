//! The mid-term review (mi-étape, rule 8): officers open a campaign for a CMP; every funded
//! project files a progress report (progress, objectives, each side's funds used and year-2
//! forecast); each side's officers give an opinion — the other side sees it once the mid-term
//! session opens —; each side releases its year-2 funding only after a favourable joint opinion.

use super::model::FundedState;
use super::{
    actions::require_for_programme,
    actions::{FundedView, load, of_commission, of_commission_in},
    model::{ObjectiveStatus, joint_opinion},
    policy::Perm,
    store,
};
use crate::{
    audit, commissions,
    commissions::SessionKind,
    db::{Db, Tx},
    email::{self, Letter},
    error::{AppError, AppResult, FieldErrors},
    programmes, projects, users,
    users::Viewer,
};

/// The campaign of a commission: (id, mid-term session, due on).
pub use super::model::Campaign;

/// Opens the mid-term campaign of a commission (once) and asks every lead of its funded
/// projects, in their language, for a progress report.
pub async fn open_campaign(
    db: &Db,
    base: &str,
    user: &Viewer,
    commission: i64,
    due_on: &str,
) -> AppResult<usize> {
    if due_on.parse::<jiff::civil::Date>().is_err() {
        return Err(AppError::Invalid(FieldErrors::single(
            "due_on",
            "decisions-error-date",
        )));
    }
    let funded = of_commission(db, user, commission).await?;
    let mut tx = db.write().await?;
    let c = commissions::actions::get(&mut tx, commission).await?;
    let sides = programmes::actions::sides_of(&mut tx, c.programme_id).await?;
    require_for_programme(user, Perm::ManageCommission, &sides)?;
    let session = commissions::actions::sessions_in(&mut tx, commission)
        .await?
        .into_iter()
        .find(|(s, _)| s.kind == SessionKind::Midterm)
        .map(|(s, _)| s.id);
    if store::insert_campaign(&mut tx, commission, session, due_on, user.id, db.now_ms()).await?
        == 0
    {
        return Err(AppError::Conflict("followup-error-campaign-open".into()));
    }
    let mut sent = 0;
    for (f, title) in &funded {
        let p = projects::actions::project_in(&mut tx, f.project_id).await?;
        for h in &p.halves {
            let locale = users::actions::locale_of(&mut tx, h.lead_user_id).await?;
            let due = crate::i18n::format_iso_date(due_on, locale);
            let body = locale.t_args(
                "followup-campaign-body",
                &[("title", title.clone().into()), ("due", due.into())],
            );
            let subject = locale.t1("followup-campaign-subject", "title", title.clone());
            let link = format!("{base}/funded/{}", f.id);
            email::enqueue(
                &mut tx,
                &Letter::new(&h.lead_email, locale, subject, &body, &link)
                    .greet(&h.lead_name)
                    .message(),
            )
            .await?;
            sent += 1;
        }
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "midterm.open",
        "commission",
        commission,
        due_on,
    )
    .await?;
    tx.commit().await?;
    Ok(sent)
}

pub async fn campaign_in(tx: &mut Tx, commission: i64) -> AppResult<Option<Campaign>> {
    Ok(store::campaign_of(tx, commission).await?)
}

/// What a funded project's page shows of the mid-term review.
pub struct Midterm {
    pub campaign: Campaign,
    /// (report id, progress)
    pub report: Option<(i64, String)>,
    /// (side, used, forecast) — each side's own figures.
    pub funds: Vec<(i64, i64, i64)>,
    /// (side, favourable, comment) as the viewer may see them.
    pub opinions: Vec<(i64, bool, String)>,
    /// The joint opinion once every side has given one.
    pub joint: Option<bool>,
    pub year2_released: Vec<i64>,
}

/// Whether the mid-term session has opened (then both sides' opinions are shared).
async fn session_open(tx: &mut Tx, campaign: &Campaign) -> AppResult<bool> {
    Ok(match campaign.session_id {
        Some(s) => {
            commissions::actions::session_in(tx, s).await?.1 != commissions::SessionState::Scheduled
        }
        None => false,
    })
}

pub async fn midterm_of(db: &Db, user: &Viewer, id: i64) -> AppResult<Option<Midterm>> {
    let mut tx = db.read().await?;
    let v = load(&mut tx, user, id).await?;
    midterm_in(&mut tx, &v).await
}

pub(super) async fn midterm_in(tx: &mut Tx, v: &FundedView) -> AppResult<Option<Midterm>> {
    let Some(campaign) = store::campaign_of(tx, v.funded.commission_id).await? else {
        return Ok(None);
    };
    let report = store::report_of(tx, campaign.id, v.funded.id).await?;
    let funds = store::report_funds(tx, campaign.id, v.funded.id).await?;
    let all = store::opinions(tx, campaign.id, v.funded.id).await?;
    let ids: Vec<i64> = v.sides.iter().map(|s| s.id).collect();
    let pairs: Vec<(i64, bool)> = all.iter().map(|(s, f, _)| (*s, *f)).collect();
    let shared = session_open(tx, &campaign).await?;
    let opinions = all
        .into_iter()
        .filter(|(s, _, _)| shared || v.viewer.officer_of.contains(s))
        .collect();
    Ok(Some(Midterm {
        // The joint opinion exists once the mid-term session opens (it would reveal the other
        // side's opinion before).
        joint: joint_opinion(&pairs, &ids).filter(|_| shared),
        year2_released: store::year2_released(tx, v.funded.id).await?,
        campaign,
        report: report.map(|(id, p, _)| (id, p)),
        funds,
        opinions,
    }))
}

/// A lead files the progress report: progress, their own side's funds used and year-2 forecast
/// (in its currency), and a snapshot of each objective's status — `objectives` lists the
/// statuses that change with this report (none: as they stand).
pub async fn file_report(
    db: &Db,
    user: &Viewer,
    id: i64,
    progress: &str,
    objectives: &[(i64, ObjectiveStatus)],
    used: i64,
    forecast: i64,
) -> AppResult<()> {
    let mut e = FieldErrors::default();
    if progress.trim().is_empty() {
        e.add("progress", "common-error-required");
    }
    if used < 0 {
        e.add("used", "followup-error-amount");
    }
    if forecast < 0 {
        e.add("forecast", "followup-error-amount");
    }
    e.into_result()?;
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::Report)?;
    let side = v.viewer.lead_of.ok_or(AppError::Forbidden)?;
    let Campaign { id: campaign, .. } = store::campaign_of(&mut tx, v.funded.commission_id)
        .await?
        .ok_or(AppError::Conflict("followup-error-no-campaign".into()))?;
    let now = db.now_ms();
    let changed = |o: &i64| objectives.iter().find(|(id, _)| id == o).map(|(_, s)| *s);
    let statuses: Vec<(i64, String)> = v
        .objectives
        .iter()
        .map(|(o, _, current)| (*o, changed(o).unwrap_or(*current).as_str().to_string()))
        .collect();
    let report = store::save_report(
        &mut tx,
        campaign,
        id,
        progress.trim(),
        &statuses,
        user.id,
        now,
    )
    .await?;
    store::save_funds(&mut tx, report, side, used, forecast).await?;
    for (o, _, current) in &v.objectives {
        if let Some(st) = changed(o).filter(|st| st != current) {
            store::set_objective_status(&mut tx, *o, st, now).await?;
        }
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "midterm.report",
        "funded_project",
        id,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An officer gives their side's opinion on a project whose report is filed (the other side
/// sees it once the mid-term session opens).
pub async fn give_opinion(
    db: &Db,
    user: &Viewer,
    id: i64,
    favourable: bool,
    comment: &str,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    let Campaign { id: campaign, .. } = store::campaign_of(&mut tx, v.funded.commission_id)
        .await?
        .ok_or(AppError::Conflict("followup-error-no-campaign".into()))?;
    if store::report_of(&mut tx, campaign, id).await?.is_none() {
        return Err(AppError::Conflict("followup-error-no-report".into()));
    }
    let opinion = store::Opinion {
        campaign,
        funded: id,
        side,
        favourable,
        comment: comment.trim(),
    };
    store::save_opinion(&mut tx, &opinion, user.id, db.now_ms()).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "midterm.opinion",
        "funded_project",
        id,
        &format!(
            "side {side} {}",
            if favourable {
                "favourable"
            } else {
                "unfavourable"
            }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An officer releases their side's year-2 funding — refused until the mid-term session has
/// opened and the joint opinion is favourable (rule 8); the project is then mid-term reviewed.
pub async fn release_year2(db: &Db, user: &Viewer, id: i64) -> AppResult<()> {
    let mut tx = db.write().await?;
    let v = load(&mut tx, user, id).await?;
    v.require(user, Perm::ActForSide)?;
    let side = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
    let Campaign { id: campaign, .. } = store::campaign_of(&mut tx, v.funded.commission_id)
        .await?
        .ok_or(AppError::Conflict("followup-error-no-campaign".into()))?;
    let pairs: Vec<(i64, bool)> = store::opinions(&mut tx, campaign, id)
        .await?
        .into_iter()
        .map(|(s, f, _)| (s, f))
        .collect();
    let ids: Vec<i64> = v.sides.iter().map(|s| s.id).collect();
    let c = store::campaign_of(&mut tx, v.funded.commission_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !session_open(&mut tx, &c).await? {
        return Err(AppError::Conflict("followup-error-year2-session".into()));
    }
    if joint_opinion(&pairs, &ids) != Some(true) {
        return Err(AppError::Conflict("followup-error-year2-blocked".into()));
    }
    let content = super::model::year2_fingerprint(id, &pairs);
    if !store::release_year2(&mut tx, id, side, user.id, db.now_ms(), &content).await? {
        return Err(AppError::Conflict("followup-error-year2-released".into()));
    }
    if v.funded.state == FundedState::Active {
        store::set_state(&mut tx, id, FundedState::MidtermReviewed).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        "midterm.year2",
        "funded_project",
        id,
        &format!("side {side}"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A commission's funded projects with their mid-term status, for its officers and members:
/// (funded, title, report filed, joint opinion as the user may know it).
pub async fn overview(
    db: &Db,
    user: &Viewer,
    commission: i64,
) -> AppResult<(Option<Campaign>, Vec<FundedRow>)> {
    let mut tx = db.read().await?;
    overview_in(&mut tx, user, commission).await
}

/// A funded project in a commission's list.
pub struct FundedRow {
    pub funded: super::FundedProject,
    pub title: String,
    /// Whether its progress report of the campaign is filed.
    pub report_filed: bool,
    /// The joint mid-term opinion, once shared at the mid-term session.
    pub joint_opinion: Option<bool>,
}

/// [`overview`] inside the caller's transaction, in a fixed number of statements.
pub async fn overview_in(
    tx: &mut Tx,
    user: &Viewer,
    commission: i64,
) -> AppResult<(Option<Campaign>, Vec<FundedRow>)> {
    let funded = of_commission_in(tx, user, commission).await?;
    let campaign = store::campaign_of(tx, commission).await?;
    let (filed, opinions, shared, sides) = match &campaign {
        Some(c) => {
            let programme = commissions::actions::get(tx, commission)
                .await?
                .programme_id;
            let sides: Vec<i64> = programmes::actions::sides_of(tx, programme)
                .await?
                .iter()
                .map(|s| s.id)
                .collect();
            (
                store::filed_reports(tx, c.id).await?,
                store::campaign_opinions(tx, c.id).await?,
                session_open(tx, c).await?,
                sides,
            )
        }
        None => Default::default(),
    };
    let out = funded
        .into_iter()
        .map(|(f, title)| {
            let pairs: Vec<(i64, bool)> = opinions
                .iter()
                .filter(|(funded, _, _)| *funded == f.id)
                .map(|(_, side, fav)| (*side, *fav))
                .collect();
            FundedRow {
                joint_opinion: joint_opinion(&pairs, &sides).filter(|_| shared),
                report_filed: filed.contains(&f.id),
                funded: f,
                title,
            }
        })
        .collect();
    Ok((campaign, out))
}
