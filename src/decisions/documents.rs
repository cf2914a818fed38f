//! What a session produces for people and calendars: the minutes in each language and the
//! `.ics` event.

use super::{
    actions::{agenda_projects, context},
    model::{CalendarChange, Decision, Resolution, ResolutionBody},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    commissions::SessionState,
    commissions::{self, Commission},
    db::Db,
    error::{AppError, AppResult},
    i18n::{Locale, Localized, format_iso_date},
    pdf::Letterhead,
    users::Viewer,
};

/// The minutes of a session in one language: its date in each side's zone, the co-chairs,
/// every joint decision (only those both sides approved), the other decisions and the
/// co-chairs' signatures. A draft until closed, then unsigned until every side has signed.
/// The same struct is the page's view and the typeset document's data (`crates/documents`).
#[derive(serde::Serialize)]
pub struct Minutes {
    /// `fr` or `en`: the language it is written in (hyphenation, quotes).
    pub lang: &'static str,
    pub title: String,
    /// Each side's letterhead, in the programme's order.
    pub letterheads: Vec<Letterhead>,
    /// Why the minutes are not final yet, in their language, if they are not.
    pub status: Option<String>,
    /// When the session was held, in each side's zone.
    pub held: Vec<String>,
    pub co_chairs: Vec<String>,
    pub decisions: Vec<MinutesDecision>,
    /// The mid-term review's joint opinions (mid-term sessions only).
    pub midterm: Option<Vec<MinutesOpinion>>,
    pub resolutions: Vec<String>,
    pub signatures: Vec<MinutesSignature>,
    pub labels: MinutesLabels,
    /// Sides the reader may sign for now.
    #[serde(skip)]
    pub can_sign: bool,
    /// The fingerprint of what the session decided, carried by the signing form.
    #[serde(skip)]
    pub seen: String,
    /// The day the minutes are dated: the last signature, else the session's day (UTC).
    #[serde(skip)]
    pub dated: (i32, u8, u8),
}

#[derive(serde::Serialize)]
pub struct MinutesDecision {
    pub title: String,
    pub outcome: String,
    /// What each side grants, as "Side amount".
    pub amounts: Vec<String>,
}

#[derive(serde::Serialize)]
pub struct MinutesOpinion {
    pub title: String,
    pub opinion: String,
}

#[derive(serde::Serialize)]
pub struct MinutesSignature {
    pub side: String,
    /// The signer's name as recorded, and the day, in the side's zone.
    pub name: Option<String>,
    pub date: Option<String>,
    /// The whole line ("Pour … : signé par … le …").
    pub text: String,
}

/// Headings and words of the minutes, in their language.
#[derive(serde::Serialize)]
pub struct MinutesLabels {
    pub held: String,
    pub co_chairs: String,
    pub decisions: String,
    pub none: String,
    pub midterm: String,
    pub resolutions: String,
    pub signatures: String,
    pub page: String,
    pub signed_by: String,
    pub pending: String,
}

/// Signs the minutes of a closed session for each side the user is a commission member of
/// (the co-chair or their delegate). Each side signs once.
/// `seen`: the fingerprint of what the session decided, as the minutes page showed it.
pub async fn sign(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (session, state, sides, _) = context(&mut tx, user, id).await?;
    if state != SessionState::Closed {
        return Err(AppError::Conflict("decisions-error-not-closed".into()));
    }
    let co_chairs = commissions::actions::co_chair_accounts(&mut tx, session.commission_id).await?;
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        released_by: Vec::new(),
        // A side already signed is recorded once (the insert does nothing): signing is
        // refused only to someone who is no commission member of either side.
        signed_by: Vec::new(),
        participants: Vec::new(),
        co_chairs: co_chairs.clone(),
    };
    if !policy::can(user, Perm::Sign, &facts) {
        return Err(AppError::Forbidden);
    }
    // Only the co-chair of a side signs for it.
    let signers: Vec<i64> = co_chairs
        .iter()
        .filter(|(_, u)| *u == user.id)
        .map(|(s, _)| *s)
        .collect();
    let decisions = store::list(&mut tx, id).await?;
    let resolutions = store::list_resolutions(&mut tx, id).await?;
    let content = super::model::record_fingerprint(&decisions, &resolutions);
    content.check_seen(seen)?;
    let now = db.now_ms();
    let mut signed = 0;
    for side in signers {
        if store::sign(&mut tx, id, side, (user.id, &user.name), now, &content).await? {
            signed += 1;
            audit::record(
                &mut tx,
                &user.actor(),
                "minutes.sign",
                "commission_session",
                id,
                &format!("side {side}"),
            )
            .await?;
        }
    }
    if signed == 0 {
        return Err(AppError::Conflict("decisions-error-signed".into()));
    }
    tx.commit().await?;
    Ok(())
}

pub async fn minutes(
    db: &Db,
    user: &Viewer,
    id: i64,
    locale: crate::i18n::Locale,
) -> AppResult<Minutes> {
    use crate::i18n::{format_datetime, format_long_date, format_money, zone_city};
    let mut tx = db.read().await?;
    let (session, state, sides, _) = context(&mut tx, user, id).await?;
    let commission = commissions::actions::overview_of(&mut tx, session.commission_id).await?;
    let midterm =
        if session.kind == commissions::SessionKind::Midterm && state != SessionState::Scheduled {
            let rows = crate::followup::midterm::overview_in(&mut tx, user, session.commission_id)
                .await?
                .1;
            Some(rows)
        } else {
            None
        };
    let decisions = store::list(&mut tx, id).await?;
    let projects = agenda_projects(&mut tx, &session, &sides).await?;
    let title = locale.t_args(
        "decisions-minutes-title",
        &[
            ("ordinal", commission.ordinal(locale).into()),
            ("start", commission.start_year.to_string().into()),
            ("end", commission.end_year.to_string().into()),
        ],
    );
    let held = sides
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                format_datetime(session.starts_at, &s.time_zone, locale),
                zone_city(&s.time_zone, locale)
            )
        })
        .collect();
    let co_chairs = commission
        .co_chairs
        .iter()
        .map(|ch| {
            let title = if locale == crate::i18n::Locale::En {
                &ch.title_en
            } else {
                &ch.title_fr
            };
            format!("{}, {title}", ch.name)
        })
        .collect();
    let joint = decisions
        .iter()
        .filter(|d| d.decided_at.is_some())
        .map(|d: &Decision| MinutesDecision {
            title: projects
                .iter()
                .find(|(_, p)| p.id == d.project_id)
                .map(|(_, p)| p.title.clone())
                .unwrap_or_default(),
            outcome: locale.t(&d.outcome.key()),
            amounts: d
                .amounts
                .iter()
                .filter_map(|(side, a)| {
                    sides.iter().find(|s| s.id == *side).map(|s| {
                        format!(
                            "{} {}",
                            s.name.get(locale),
                            format_money(*a, &s.currency, locale)
                        )
                    })
                })
                .collect(),
        })
        .collect();
    let midterm = midterm.map(|rows| {
        rows.into_iter()
            .map(|r| MinutesOpinion {
                title: r.title,
                opinion: locale.t(match r.joint_opinion {
                    Some(true) => "followup-joint-favourable",
                    Some(false) => "followup-joint-unfavourable",
                    None => "followup-progress-missing",
                }),
            })
            .collect()
    });
    let resolutions = store::list_resolutions(&mut tx, id).await?;
    let all = commissions::actions::of_programme_in(&mut tx, commission.programme_id).await?;
    let resolution_lines = resolutions
        .iter()
        .filter(|r| r.decided_at.is_some())
        .map(|r| describe(r, &all, locale))
        .collect();
    let signatures = store::signatures(&mut tx, id).await?;
    let signature_lines = sides
        .iter()
        .map(|s| {
            let side = s.name.get(locale).to_string();
            match signatures.iter().find(|(side, _, _)| *side == s.id) {
                Some((_, name, at)) => {
                    let date = format_long_date(*at, &s.time_zone, locale);
                    MinutesSignature {
                        text: locale.t_args(
                            "decisions-minutes-signed",
                            &[
                                ("side", side.clone().into()),
                                ("name", name.clone().into()),
                                ("date", date.clone().into()),
                            ],
                        ),
                        side,
                        name: Some(name.clone()),
                        date: Some(date),
                    }
                }
                None => MinutesSignature {
                    text: locale.t1("decisions-minutes-unsigned-side", "side", side.clone()),
                    side,
                    name: None,
                    date: None,
                },
            }
        })
        .collect();
    let all_signed = sides
        .iter()
        .all(|s| signatures.iter().any(|(side, _, _)| *side == s.id));
    let facts = policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        released_by: Vec::new(),
        signed_by: signatures.iter().map(|(side, _, _)| *side).collect(),
        participants: Vec::new(),
        co_chairs: commission
            .co_chairs
            .iter()
            .filter_map(|c| c.user_id.map(|u| (c.side_id, u)))
            .collect(),
    };
    let can_sign = policy::can(user, Perm::Sign, &facts);
    let dated = signatures
        .iter()
        .map(|(_, _, at)| *at)
        .max()
        .unwrap_or(session.starts_at);
    Ok(Minutes {
        lang: locale.html_lang(),
        title,
        letterheads: sides.iter().map(|s| Letterhead::of(s, locale)).collect(),
        status: if state != SessionState::Closed {
            Some(locale.t("decisions-minutes-draft"))
        } else if !all_signed {
            Some(locale.t("decisions-minutes-unsigned"))
        } else {
            None
        },
        held,
        co_chairs,
        decisions: joint,
        midterm,
        resolutions: resolution_lines,
        signatures: signature_lines,
        labels: MinutesLabels {
            held: locale.t("decisions-minutes-held"),
            co_chairs: locale.t("commission-co-chairs"),
            decisions: locale.t("decisions-minutes-decisions"),
            none: locale.t("decisions-minutes-none"),
            midterm: locale.t("decisions-midterm-results"),
            resolutions: locale.t("decisions-minutes-resolutions"),
            signatures: locale.t("decisions-minutes-signatures"),
            page: locale.t("documents-page"),
            signed_by: locale.t("decisions-minutes-signed-by"),
            pending: locale.t("decisions-minutes-pending"),
        },
        can_sign,
        seen: super::model::record_fingerprint(&decisions, &resolutions).0,
        dated: crate::i18n::ymd(dated, "UTC"),
    })
}

/// One resolution as a sentence (minutes and session page); `commissions` names the target CMP.
pub fn describe(r: &Resolution, commissions: &[Commission], locale: Locale) -> String {
    let text = match &r.body {
        ResolutionBody::NextCall {
            commission_id,
            opens_on,
            themes,
        } => {
            let names: Vec<String> = themes
                .iter()
                .map(|(fr, en)| {
                    Localized::new(fr.clone(), en.clone())
                        .get(locale)
                        .to_string()
                })
                .collect();
            locale.t_args(
                "decisions-minutes-next-call",
                &[
                    (
                        "ordinal",
                        commissions
                            .iter()
                            .find(|c| c.id == *commission_id)
                            .map(|c| c.ordinal(locale))
                            .unwrap_or_default()
                            .into(),
                    ),
                    ("date", format_iso_date(opens_on, locale).into()),
                    (
                        "themes",
                        names.join(&format!("{} ", locale.semicolon())).into(),
                    ),
                ],
            )
        }
        ResolutionBody::Calendar(CalendarChange::ByMonths(m)) => locale.t_args(
            "decisions-minutes-calendar-months",
            &[("months", (*m).into())],
        ),
        ResolutionBody::Calendar(CalendarChange::To(d)) => locale.t1(
            "decisions-minutes-calendar-date",
            "date",
            format_iso_date(d, locale),
        ),
    };
    let text = if r.move_missions
        && matches!(
            r.body,
            ResolutionBody::Calendar(CalendarChange::ByMonths(_))
        ) {
        format!(
            "{text}{} {}",
            locale.semicolon(),
            locale.t("decisions-minutes-missions-moved")
        )
    } else {
        text
    };
    let text = if r.scope.is_empty() {
        text
    } else {
        format!(
            "{text} ({})",
            locale.t_args(
                "decisions-scope",
                &[("count", (r.scope.len() as i64).into())]
            )
        )
    };
    if r.note.is_empty() {
        text
    } else {
        format!("{text} — {}", r.note)
    }
}

/// The session as an iCalendar event (two hours), for its participants.
pub async fn ics(db: &Db, user: &Viewer, id: i64, title: &str, base: &str) -> AppResult<String> {
    use icalendar::{Component, Event, EventLike};
    let mut tx = db.read().await?;
    let (session, state) = commissions::actions::session_in(&mut tx, id).await?;
    let programme = commissions::actions::get(&mut tx, session.commission_id)
        .await?
        .programme_id;
    let facts = policy::Facts {
        sides: crate::programmes::actions::sides_of(&mut tx, programme)
            .await?
            .iter()
            .map(|s| s.id)
            .collect(),
        state,
        released_by: Vec::new(),
        signed_by: Vec::new(),
        participants: commissions::actions::participants_in(&mut tx, &[id])
            .await?
            .into_iter()
            .map(|(_, u)| u)
            .collect(),
        co_chairs: Vec::new(),
    };
    // The calendar file carries the meeting's time and link: only its participants get it.
    if !policy::can(user, Perm::JoinMeeting, &facts) {
        return Err(AppError::NotFound);
    }
    let start = crate::calendar::utc(session.starts_at)?;
    let end = crate::calendar::utc(session.starts_at + 2 * 3_600_000)?;
    let mut event = Event::new();
    // One UID for the session's life; SEQUENCE grows each time it is moved or cancelled, so
    // calendars replace the event they hold instead of adding another.
    event
        .uid(&format!("commission-session-{id}@passerelle"))
        .sequence(session.sequence as u32)
        .summary(title)
        .starts(start)
        .ends(end);
    if session.cancelled_at.is_some() {
        event.status(icalendar::EventStatus::Cancelled);
    }
    match &session.venue {
        commissions::Venue::InPerson { place } => {
            event.location(place);
        }
        commissions::Venue::Online { meeting_url } => {
            event.location(meeting_url).url(meeting_url);
        }
    }
    event.description(&format!("{base}/sessions/{id}"));
    let mut cal = icalendar::Calendar::new();
    cal.push(event.done());
    Ok(crate::calendar::finish(cal.done(), "Commission sessions"))
}
