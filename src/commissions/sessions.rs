//! The sessions of an approved CMP edition (issue 11), convened, moved or cancelled by the
//! sides' officers with their participants, who are told by email; a move or cancellation
//! raises the session's SEQUENCE (its `.ics` keeps one UID).

use super::{
    editions::{edition_title, facts, programme_of},
    model::{Commission, EditionState, Session, SessionState},
    policy::{self, Perm},
    store,
};
use crate::{
    audit,
    db::{Db, Tx},
    email::{self, Letter},
    error::{AppError, AppResult, FieldErrors},
    i18n::{format_datetime, zone_city},
    programmes::Side,
    users::{self, actions::Person},
    viewer::Viewer,
};

/// What a session's form gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionInput {
    pub session: Session,
    pub participants: Vec<i64>,
}

/// The session form: the edition, the programme's sides and people, and the session being
/// moved (with its participants) if any.
pub struct SessionForm {
    pub commission: Commission,
    pub sides: Vec<Side>,
    pub people: Vec<Person>,
    pub current: Option<SessionInput>,
}

async fn convening(
    tx: &mut Tx,
    user: &Viewer,
    commission_id: i64,
) -> AppResult<(Commission, Vec<Side>)> {
    let (programme, sides) = programme_of(tx, user).await?;
    let c = super::actions::overview_of(tx, commission_id).await?;
    if c.programme_id != programme {
        return Err(AppError::NotFound);
    }
    if !policy::can(user, Perm::Convene, &facts(&sides, c.state, vec![])) {
        return Err(if c.state == EditionState::Draft {
            AppError::Conflict("editions-error-not-approved".into())
        } else {
            AppError::Forbidden
        });
    }
    Ok((c, sides))
}

pub async fn session_form(
    db: &Db,
    user: &Viewer,
    commission_id: Option<i64>,
    session_id: Option<i64>,
) -> AppResult<SessionForm> {
    let mut tx = db.read().await?;
    let (current, commission_id) = match session_id {
        Some(id) => {
            let (s, _) = super::actions::session_in(&mut tx, id).await?;
            let participants = store::participants_of(&mut tx, &[id])
                .await?
                .into_iter()
                .map(|(_, u)| u)
                .collect();
            let c = s.commission_id;
            (
                Some(SessionInput {
                    session: s,
                    participants,
                }),
                c,
            )
        }
        None => (None, commission_id.ok_or(AppError::NotFound)?),
    };
    let (commission, sides) = convening(&mut tx, user, commission_id).await?;
    let people =
        users::actions::people_of_sides(&mut tx, &sides.iter().map(|s| s.id).collect::<Vec<_>>())
            .await?;
    Ok(SessionForm {
        commission,
        sides,
        people,
        current,
    })
}

fn check_session(input: &SessionInput, people: &[Person]) -> FieldErrors {
    let mut e = FieldErrors::default();
    if input.participants.is_empty() {
        e.add("participants", "sessions-error-participants");
    } else if !input
        .participants
        .iter()
        .all(|u| people.iter().any(|p| p.id == *u))
    {
        e.add("participants", "common-error-choice");
    }
    e
}

/// Convenes a session of an approved edition with its participants, who are told by email.
pub async fn convene(db: &Db, base: &str, user: &Viewer, input: &SessionInput) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (c, sides) = convening(&mut tx, user, input.session.commission_id).await?;
    let people =
        users::actions::people_of_sides(&mut tx, &sides.iter().map(|s| s.id).collect::<Vec<_>>())
            .await?;
    let errors = check_session(input, &people);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let id =
        super::actions::add_session(&mut tx, &user.actor(), &input.session, &input.participants)
            .await?;
    let session = Session {
        id,
        ..input.session.clone()
    };
    notify(
        &mut tx,
        base,
        &c,
        &sides,
        &session,
        &input.participants,
        "sessions-mail-convened",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves a scheduled session (date, place or link, participants): SEQUENCE grows by one and
/// everyone invited before or now is told.
pub async fn move_session(
    db: &Db,
    base: &str,
    user: &Viewer,
    input: &SessionInput,
) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (before, state) = super::actions::session_in(&mut tx, input.session.id).await?;
    let (c, sides) = convening(&mut tx, user, before.commission_id).await?;
    if state != SessionState::Scheduled || before.cancelled_at.is_some() {
        return Err(AppError::Conflict("sessions-error-not-scheduled".into()));
    }
    let people =
        users::actions::people_of_sides(&mut tx, &sides.iter().map(|s| s.id).collect::<Vec<_>>())
            .await?;
    let errors = check_session(input, &people);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let moved = Session {
        commission_id: before.commission_id,
        ..input.session.clone()
    };
    if store::move_session(&mut tx, &moved).await? != 1 {
        return Err(AppError::Conflict("sessions-error-not-scheduled".into()));
    }
    let mut told: Vec<i64> = store::participants_of(&mut tx, &[moved.id])
        .await?
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    store::set_participants(&mut tx, moved.id, &input.participants).await?;
    told.extend(&input.participants);
    told.sort_unstable();
    told.dedup();
    audit::record(
        &mut tx,
        &user.actor(),
        "commission_session.move",
        "commission_session",
        moved.id,
        moved.kind.as_str(),
    )
    .await?;
    notify(
        &mut tx,
        base,
        &c,
        &sides,
        &moved,
        &told,
        "sessions-mail-moved",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels a scheduled session: SEQUENCE grows by one, its calendar file says CANCELLED, and
/// its participants are told. Returns its edition.
pub async fn cancel(db: &Db, base: &str, user: &Viewer, id: i64) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (session, state) = super::actions::session_in(&mut tx, id).await?;
    let (c, sides) = convening(&mut tx, user, session.commission_id).await?;
    if state != SessionState::Scheduled || session.cancelled_at.is_some() {
        return Err(AppError::Conflict("sessions-error-not-scheduled".into()));
    }
    let now = tx.now_ms();
    if store::cancel_session(&mut tx, id, now).await? != 1 {
        return Err(AppError::Conflict("sessions-error-not-scheduled".into()));
    }
    let participants: Vec<i64> = store::participants_of(&mut tx, &[id])
        .await?
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    audit::record(
        &mut tx,
        &user.actor(),
        "commission_session.cancel",
        "commission_session",
        id,
        session.kind.as_str(),
    )
    .await?;
    notify(
        &mut tx,
        base,
        &c,
        &sides,
        &session,
        &participants,
        "sessions-mail-cancelled",
    )
    .await?;
    tx.commit().await?;
    Ok(c.id)
}

/// Writes to each participant, in their language, when and where the session is (in both
/// sides' zones), with the link to its page.
async fn notify(
    tx: &mut Tx,
    base: &str,
    c: &Commission,
    sides: &[Side],
    s: &Session,
    to: &[i64],
    key: &str,
) -> AppResult<()> {
    for u in to {
        let Some((address, name, locale)) = users::actions::contact_of(tx, *u).await? else {
            continue;
        };
        let when: Vec<String> = sides
            .iter()
            .map(|side| {
                format!(
                    "{} ({})",
                    format_datetime(s.starts_at, &side.time_zone, locale),
                    zone_city(&side.time_zone, locale)
                )
            })
            .collect();
        let edition = edition_title(c, locale);
        let subject = locale.t1(&format!("{key}-subject"), "edition", edition.clone());
        let body = locale.t_args(
            &format!("{key}-body"),
            &[
                ("edition", edition.into()),
                ("when", when.join(" / ").into()),
            ],
        );
        let link = format!("{base}/sessions/{}", s.id);
        email::enqueue(
            tx,
            &Letter::new(&address, locale, subject, &body, &link)
                .greet(&name)
                .message(),
        )
        .await?;
    }
    Ok(())
}
