//! What a session produces for people and calendars: the minutes in each language and the
//! `.ics` event.

use super::{
    actions::{agenda_projects, context},
    model::Decision,
    store,
};
use crate::{
    commissions,
    db::Db,
    error::{AppError, AppResult},
    users::CurrentUser,
};

/// The minutes of a session in one language: its date in each side's zone, the co-chairs, and
/// every joint decision (only those both sides approved). Marked as a draft until closed.
pub struct Minutes {
    pub title: String,
    pub draft: bool,
    pub lines: Vec<String>,
}

pub async fn minutes(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    locale: crate::i18n::Locale,
) -> AppResult<Minutes> {
    use crate::i18n::{format_datetime, format_money, zone_city};
    let mut tx = db.read().await?;
    let (session, state, sides, _) = context(&mut tx, user, id).await?;
    let commission = commissions::actions::overview_of(&mut tx, session.commission_id).await?;
    let decisions = store::list(&mut tx, id).await?;
    let projects = agenda_projects(&mut tx, session.commission_id, &sides).await?;
    let title = locale.t_args(
        "decisions-minutes-title",
        &[
            ("ordinal", commission.ordinal(locale).into()),
            ("start", commission.start_year.to_string().into()),
            ("end", commission.end_year.to_string().into()),
        ],
    );
    let mut lines = Vec::new();
    for s in &sides {
        lines.push(format!(
            "{} ({})",
            format_datetime(session.starts_at, &s.time_zone, locale),
            zone_city(&s.time_zone, locale)
        ));
    }
    lines.push(String::new());
    lines.push(locale.t("commission-co-chairs"));
    for ch in &commission.co_chairs {
        lines.push(format!(
            "{}, {}",
            ch.name,
            if locale == crate::i18n::Locale::En {
                &ch.title_en
            } else {
                &ch.title_fr
            }
        ));
    }
    lines.push(String::new());
    lines.push(locale.t("decisions-minutes-decisions"));
    let decided: Vec<&Decision> = decisions
        .iter()
        .filter(|d| d.decided_at.is_some())
        .collect();
    if decided.is_empty() {
        lines.push(locale.t("decisions-minutes-none"));
    }
    for d in decided {
        let title = projects
            .iter()
            .find(|(_, p)| p.id == d.project_id)
            .map(|(_, p)| p.title.clone())
            .unwrap_or_default();
        let amounts: Vec<String> = d
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
            .collect();
        let amounts = if amounts.is_empty() {
            String::new()
        } else {
            format!(" — {}", amounts.join(" ; "))
        };
        lines.push(format!(
            "{} : {}{amounts}",
            title,
            locale.t(&d.outcome.key())
        ));
    }
    Ok(Minutes {
        title,
        draft: state != "closed",
        lines,
    })
}

/// The session as an iCalendar event (two hours), for signed-in users.
pub async fn ics(db: &Db, id: i64, title: &str, base: &str) -> AppResult<String> {
    use icalendar::{Component, Event, EventLike};
    let mut tx = db.read().await?;
    let (session, _) = commissions::actions::session_in(&mut tx, id).await?;
    let start = chrono_utc(session.starts_at)?;
    let end = chrono_utc(session.starts_at + 2 * 3_600_000)?;
    let mut event = Event::new();
    event
        .uid(&format!("commission-session-{id}@passerelle"))
        .summary(title)
        .starts(start)
        .ends(end);
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
    // Our own PRODID rather than the library's.
    Ok(cal.done().to_string().replacen(
        "PRODID:ICALENDAR-RS",
        "PRODID:-//Passerelle//Commission sessions//FR",
        1,
    ))
}

fn chrono_utc(ms: i64) -> AppResult<icalendar::CalendarDateTime> {
    let t = jiff::Timestamp::from_millisecond(ms).map_err(anyhow::Error::from)?;
    let dt = t.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    let naive = icalendar_naive(dt)?;
    Ok(icalendar::CalendarDateTime::Utc(naive.and_utc()))
}

fn icalendar_naive(dt: jiff::civil::DateTime) -> AppResult<chrono::NaiveDateTime> {
    chrono::NaiveDate::from_ymd_opt(dt.year().into(), dt.month() as u32, dt.day() as u32)
        .and_then(|d| d.and_hms_opt(dt.hour() as u32, dt.minute() as u32, dt.second() as u32))
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("invalid session time")))
}
