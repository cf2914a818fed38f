//! Creating commissions, sessions and themes; reading a programme's commissions.

use super::{
    model::{CoChair, Commission, EditionState, Session, SessionState, Theme},
    store,
};
use crate::{
    audit::{self, Actor},
    db::{Db, Tx},
    error::{AppError, AppResult, FieldErrors},
    i18n::Localized,
};

/// Records an approved CMP edition with its co-chairs (one per side), inside the caller's
/// transaction (the approved editions of the demo's past; new ones go through
/// [`super::editions`]).
pub async fn create_commission(
    tx: &mut Tx,
    actor: &Actor,
    programme_id: i64,
    number: i64,
    years: (i64, i64),
    co_chairs: &[CoChair],
) -> AppResult<i64> {
    if years.1 < years.0 {
        return Err(AppError::Invalid(FieldErrors::single(
            "end_year",
            "commission-error-period",
        )));
    }
    let now = tx.now_ms();
    let fields = store::EditionFields {
        programme_id,
        number,
        start: years.0,
        end: years.1,
        host_side_id: co_chairs.first().map(|c| c.side_id),
        state: EditionState::Approved,
    };
    let id = store::insert_commission(tx, &fields, now).await?;
    for ch in co_chairs {
        store::insert_co_chair(tx, id, ch).await?;
    }
    audit::record(
        tx,
        actor,
        "commission.create",
        "commission",
        id,
        &format!("CMP {number}"),
    )
    .await?;
    Ok(id)
}

/// Convenes a session of a commission with its participants, inside the caller's transaction
/// (the officers' page goes through [`super::editions::convene`]).
pub async fn add_session(
    tx: &mut Tx,
    actor: &Actor,
    session: &Session,
    participants: &[i64],
) -> AppResult<i64> {
    if jiff::tz::TimeZone::get(&session.time_zone).is_err() {
        return Err(AppError::Invalid(FieldErrors::single(
            "time_zone",
            "common-error-time-zone",
        )));
    }
    let now = tx.now_ms();
    let id = store::insert_session(tx, session, now).await?;
    store::set_participants(tx, id, participants).await?;
    audit::record(
        tx,
        actor,
        "commission_session.create",
        "commission_session",
        id,
        session.kind.as_str(),
    )
    .await?;
    Ok(id)
}

/// Records a priority theme of a commission's call.
pub async fn add_theme(
    tx: &mut Tx,
    actor: &Actor,
    commission_id: i64,
    code: &str,
    name: &Localized,
    position: i64,
) -> AppResult<i64> {
    let id = store::insert_theme(tx, commission_id, code, &name.fr, &name.en, position).await?;
    audit::record(tx, actor, "theme.create", "theme", id, code).await?;
    Ok(id)
}

/// A commission with what the public home page shows of it.
#[derive(Clone, Debug)]
pub struct Overview {
    pub commission: Commission,
    pub sessions: Vec<Session>,
    pub themes: Vec<Theme>,
    /// The sessions' participants: (session, account).
    pub participants: Vec<(i64, i64)>,
}

/// A programme's commissions, newest first.
pub async fn overview(db: &Db, programme_id: i64) -> AppResult<Vec<Overview>> {
    let mut tx = db.read().await?;
    overview_in(&mut tx, &[programme_id]).await
}

/// The commissions of these programmes with their co-chairs, sessions and themes, in a fixed
/// number of statements (one per related table for all of them).
pub async fn overview_in(tx: &mut Tx, programmes: &[i64]) -> AppResult<Vec<Overview>> {
    let mut rows = Vec::new();
    for p in programmes {
        rows.extend(store::list_commissions(tx, *p).await?);
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let co_chairs = store::co_chairs_of(tx, &ids).await?;
    let sessions = store::sessions_of(tx, &ids).await?;
    let themes = store::themes_of(tx, &ids).await?;
    let session_ids: Vec<i64> = sessions.iter().map(|s| s.id).collect();
    let participants = store::participants_of(tx, &session_ids).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Overview {
                participants: participants
                    .iter()
                    .filter(|(s, _)| {
                        sessions
                            .iter()
                            .any(|x| x.id == *s && x.commission_id == r.id)
                    })
                    .copied()
                    .collect(),
                sessions: sessions
                    .iter()
                    .filter(|s| s.commission_id == r.id)
                    .cloned()
                    .collect(),
                themes: themes
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, t)| Theme {
                        id: t.id,
                        code: t.code.clone(),
                        name: Localized::new(t.name_fr.clone(), t.name_en.clone()),
                    })
                    .collect(),
                commission: Commission {
                    co_chairs: co_chairs
                        .iter()
                        .filter(|(c, _)| *c == r.id)
                        .map(|(_, cc)| cc.clone())
                        .collect(),
                    ..commission_of(r)?
                },
            })
        })
        .collect()
}

fn commission_of(r: store::CommissionRow) -> AppResult<Commission> {
    Ok(Commission {
        id: r.id,
        programme_id: r.programme_id,
        number: r.number,
        start_year: r.start_year,
        end_year: r.end_year,
        co_chairs: Vec::new(),
        state: EditionState::parse(&r.state)
            .ok_or_else(|| crate::db::unknown("edition state", &r.state))?,
        host_side_id: r.host_side_id,
    })
}

/// One commission (without co-chairs), inside the caller's transaction.
pub async fn get(tx: &mut Tx, id: i64) -> AppResult<Commission> {
    commission_of(
        store::find_commission(tx, id)
            .await?
            .ok_or(AppError::NotFound)?,
    )
}

/// Every commission of every programme, newest first within a programme.
pub async fn list_all(db: &Db) -> AppResult<Vec<Commission>> {
    let mut tx = db.read().await?;
    list_all_in(&mut tx).await
}

/// Every commission, inside the caller's transaction.
pub async fn list_all_in(tx: &mut Tx) -> AppResult<Vec<Commission>> {
    store::list_all_commissions(tx)
        .await?
        .into_iter()
        .map(commission_of)
        .collect()
}

/// The priority themes recorded for a commission, in their order.
pub async fn themes_of(tx: &mut Tx, commission_id: i64) -> AppResult<Vec<Theme>> {
    Ok(store::list_themes(tx, commission_id)
        .await?
        .into_iter()
        .map(|t| Theme {
            id: t.id,
            code: t.code,
            name: Localized::new(t.name_fr, t.name_en),
        })
        .collect())
}

/// A session and its state (`scheduled`, `open`, `closed`), inside the caller's transaction.
pub async fn session_in(tx: &mut Tx, id: i64) -> AppResult<(Session, SessionState)> {
    store::find_session(tx, id).await?.ok_or(AppError::NotFound)
}

/// Moves a session from one state to the next; false if it was not in `from`.
pub async fn set_session_state(
    tx: &mut Tx,
    id: i64,
    from: SessionState,
    to: SessionState,
) -> AppResult<bool> {
    Ok(store::set_session_state(tx, id, from, to).await? == 1)
}

/// A commission with its co-chairs, inside the caller's transaction.
pub async fn overview_of(tx: &mut Tx, id: i64) -> AppResult<Commission> {
    let mut c = get(tx, id).await?;
    c.co_chairs = store::list_co_chairs(tx, id).await?;
    Ok(c)
}

/// A programme's commissions (without co-chairs), inside the caller's transaction.
pub async fn of_programme_in(tx: &mut Tx, programme_id: i64) -> AppResult<Vec<Commission>> {
    store::list_commissions(tx, programme_id)
        .await?
        .into_iter()
        .map(commission_of)
        .collect()
}

/// A commission's sessions with their states, inside the caller's transaction.
pub async fn sessions_in(
    tx: &mut Tx,
    commission_id: i64,
) -> AppResult<Vec<(Session, SessionState)>> {
    let mut out = Vec::new();
    for s in store::list_sessions(tx, commission_id).await? {
        out.push(session_in(tx, s.id).await?);
    }
    Ok(out)
}

/// The co-chairs of an edition who have an account: (side, account).
pub async fn co_chair_accounts(tx: &mut Tx, commission_id: i64) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::list_co_chairs(tx, commission_id)
        .await?
        .into_iter()
        .filter_map(|c| c.user_id.map(|u| (c.side_id, u)))
        .collect())
}

/// The participants of these sessions: (session, account), in one statement.
pub async fn participants_in(tx: &mut Tx, sessions: &[i64]) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::participants_of(tx, sessions).await?)
}

/// What a session adopted for an edition's next call: the date it opens (ISO) and the themes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextCall {
    pub opens_on: Option<String>,
    pub theme_ids: Vec<i64>,
}

/// Records a decided "next call" resolution on its edition: the opening date, and its themes
/// (added to the edition when it does not have them yet, by French name), marked adopted.
pub async fn adopt_next_call(
    tx: &mut Tx,
    actor: &Actor,
    commission: i64,
    resolution: i64,
    opens_on: &str,
    themes: &[(String, String)],
) -> AppResult<()> {
    let existing = themes_of(tx, commission).await?;
    let mut position = existing.len() as i64;
    let mut adopted = Vec::new();
    for (i, (fr, en)) in themes.iter().enumerate() {
        if let Some(t) = existing.iter().find(|t| t.name.fr.eq_ignore_ascii_case(fr)) {
            adopted.push(t.id);
            continue;
        }
        position += 1;
        let code = format!("R{resolution}-{}", i + 1);
        adopted.push(
            add_theme(
                tx,
                actor,
                commission,
                &code,
                &Localized::new(fr.clone(), en.clone()),
                position,
            )
            .await?,
        );
    }
    store::adopt_next_call(tx, commission, opens_on, &adopted).await?;
    Ok(())
}

/// The next call adopted for an edition, if a session adopted one.
pub async fn next_call_in(tx: &mut Tx, commission: i64) -> AppResult<NextCall> {
    let (opens_on, theme_ids) = store::next_call(tx, commission).await?;
    Ok(NextCall {
        opens_on,
        theme_ids,
    })
}
