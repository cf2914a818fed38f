//! The officers' pages for an edition's sessions: the session form (convene or move) and
//! cancelling a session. Each calls one action of [`super::sessions`].

use axum::{
    Form,
    extract::State,
    response::{IntoResponse, Response},
};

use super::{
    forms::{Raw, kind_label, side_label},
    model::{Session, SessionKind, Venue},
    paths,
    sessions::{self, SessionInput},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage},
        see_other,
    },
    ids::{CommissionId, SessionId},
    programmes::Side,
    users::actions::Person,
    viewer::Role,
};

// ---- sessions ------------------------------------------------------------------------------

fn session_raw(s: &SessionInput) -> Raw {
    let mut raw = Raw::default();
    raw.set("kind", s.session.kind.as_str().into());
    raw.set("zone", s.session.time_zone.clone());
    raw.set(
        "starts_at",
        local_input(s.session.starts_at, &s.session.time_zone),
    );
    match &s.session.venue {
        Venue::InPerson { place } => {
            raw.set("mode", "in_person".into());
            raw.set("place", place.clone());
        }
        Venue::Online { meeting_url } => {
            raw.set("mode", "online".into());
            raw.set("meeting_url", meeting_url.clone());
        }
    }
    raw.participants = s.participants.iter().map(|u| u.to_string()).collect();
    raw
}

/// `2026-05-12T09:30` in `zone`, as a `datetime-local` input holds it.
fn local_input(ms: i64, zone: &str) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|t| t.in_tz(zone).ok())
        .map(|z| z.strftime("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

fn parse_session(
    raw: &Raw,
    id: i64,
    commission_id: i64,
    sides: &[Side],
) -> Result<SessionInput, FieldErrors> {
    let mut e = FieldErrors::default();
    let kind = SessionKind::parse(raw.get("kind")).unwrap_or_else(|| {
        e.add("kind", "common-error-choice");
        SessionKind::Plenary
    });
    let zone = raw.get("zone").to_string();
    if !sides.iter().any(|s| s.time_zone == zone) {
        e.add("zone", "common-error-choice");
    }
    let starts_at = raw
        .get("starts_at")
        .trim()
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.in_tz(&zone).ok())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or_else(|| {
            e.add("starts_at", "calls-error-datetime");
            0
        });
    let venue = match raw.get("mode") {
        "in_person" => Venue::InPerson {
            place: raw.text(&mut e, "place", 300),
        },
        "online" => {
            let url = raw.get("meeting_url").trim().to_string();
            if !crate::calendar::meeting_url_ok(&url) {
                e.add("meeting_url", "sessions-error-link");
            }
            Venue::Online { meeting_url: url }
        }
        _ => {
            e.add("mode", "common-error-choice");
            Venue::Online {
                meeting_url: String::new(),
            }
        }
    };
    let participants: Vec<i64> = raw
        .participants
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    if e.is_empty() {
        Ok(SessionInput {
            session: Session {
                id,
                commission_id,
                kind,
                starts_at,
                time_zone: zone,
                venue,
                sequence: 0,
                cancelled_at: None,
            },
            participants,
        })
    } else {
        Err(e)
    }
}

fn role_names(ctx: &Ctx, p: &Person) -> String {
    p.roles
        .iter()
        .map(|r| ctx.t(&r.label_key()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn session_form_page(
    ctx: &Ctx,
    action: &str,
    title: &str,
    raw: &Raw,
    sides: &[Side],
    people: &[Person],
) -> FormPage {
    let kinds = [
        SessionKind::Plenary,
        SessionKind::Midterm,
        SessionKind::Themes,
    ]
    .iter()
    .map(|k| (k.as_str().to_string(), kind_label(ctx, *k)))
    .collect();
    let zones = sides
        .iter()
        .map(|s| {
            (
                s.time_zone.clone(),
                format!(
                    "{} ({})",
                    crate::i18n::zone_city(&s.time_zone, ctx.locale),
                    side_label(ctx, s)
                ),
            )
        })
        .collect();
    let modes = vec![
        ("in_person".to_string(), ctx.t("sessions-mode-in-person")),
        ("online".to_string(), ctx.t("sessions-mode-online")),
    ];
    let everyone = people
        .iter()
        .map(|p| {
            let side = sides
                .iter()
                .find(|s| s.id == p.side_id)
                .map(|s| side_label(ctx, s))
                .unwrap_or_default();
            (
                p.id.to_string(),
                format!("{} — {} ({side})", p.name, role_names(ctx, p)),
            )
        })
        .collect();
    // At least one participant: required, though checkboxes are optional by default.
    let mut participants = Field::checkboxes(
        ctx,
        "participants",
        "sessions-field-participants",
        everyone,
        &raw.participants,
    )
    .hint(ctx, "sessions-participants-hint");
    participants.required = true;
    FormPage::new(ctx, title, action, "common-save")
        .intro("sessions-form-intro")
        .field(Field::select(
            ctx,
            "kind",
            "sessions-field-kind",
            kinds,
            raw.get("kind"),
        ))
        .field(Field::input(
            ctx,
            "datetime-local",
            "starts_at",
            "sessions-field-starts",
            raw.get("starts_at"),
        ))
        .field(
            Field::select(ctx, "zone", "sessions-field-zone", zones, raw.get("zone"))
                .hint(ctx, "sessions-zone-hint"),
        )
        .field(Field::select(
            ctx,
            "mode",
            "sessions-field-mode",
            modes,
            raw.get("mode"),
        ))
        .field(
            Field::text(ctx, "place", "sessions-field-place", raw.get("place"))
                .optional()
                .hint(ctx, "sessions-place-hint"),
        )
        .field(
            Field::text(
                ctx,
                "meeting_url",
                "sessions-field-link",
                raw.get("meeting_url"),
            )
            .optional()
            .hint(ctx, "sessions-link-hint"),
        )
        .field(participants)
}

pub async fn new_session_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsSessionsNew {
        id: CommissionId(id),
    }: paths::EditionsSessionsNew,
) -> AppResult<Response> {
    let f = sessions::session_form(&s.db, ctx.require_user()?, Some(id), None).await?;
    let mut raw = Raw::default();
    raw.set("kind", "plenary".into());
    raw.set("mode", "in_person".into());
    let host = f
        .sides
        .iter()
        .find(|s| Some(s.id) == f.commission.host_side_id)
        .or(f.sides.first());
    raw.set(
        "zone",
        host.map(|s| s.time_zone.clone()).unwrap_or_default(),
    );
    // Invited by default: the co-chairs, the officers and the commission members.
    raw.participants = f
        .people
        .iter()
        .filter(|p| {
            p.roles
                .iter()
                .any(|r| matches!(r, Role::Officer | Role::CommissionMember))
                || f.commission
                    .co_chairs
                    .iter()
                    .any(|c| c.user_id == Some(p.id))
        })
        .map(|p| p.id.to_string())
        .collect();
    Ok(session_form_page(
        &ctx,
        &paths::EditionsSessionsNew::url(id),
        "sessions-new-title",
        &raw,
        &f.sides,
        &f.people,
    )
    .respond(&FieldErrors::default()))
}

pub async fn convene(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::EditionsSessionsNew {
        id: CommissionId(id),
    }: paths::EditionsSessionsNew,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let f = sessions::session_form(&s.db, user, Some(id), None).await?;
    let raw = Raw::from_pairs(pairs);
    let action = paths::EditionsSessionsNew::url(id);
    let page = |e: &FieldErrors| {
        session_form_page(
            &ctx,
            &action,
            "sessions-new-title",
            &raw,
            &f.sides,
            &f.people,
        )
        .respond(e)
    };
    let input = match parse_session(&raw, 0, id, &f.sides) {
        Ok(i) => i,
        Err(e) => return Ok(page(&e)),
    };
    match sessions::convene(&s.db, &s.settings.public_url, user, &input).await {
        Ok(_) => Ok(see_other(&paths::EditionsById::url(id))),
        Err(AppError::Invalid(e)) => Ok(page(&e)),
        Err(e) => Err(e),
    }
}

pub async fn move_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsMove { id: SessionId(id) }: paths::SessionsMove,
) -> AppResult<Response> {
    let f = sessions::session_form(&s.db, ctx.require_user()?, None, Some(id)).await?;
    let raw = f.current.as_ref().map(session_raw).unwrap_or_default();
    Ok(session_form_page(
        &ctx,
        &paths::SessionsMove::url(id),
        "sessions-move-title",
        &raw,
        &f.sides,
        &f.people,
    )
    .link(&paths::SessionsCancel::url(id), "sessions-cancel-title")
    .respond(&FieldErrors::default()))
}

pub async fn move_session(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsMove { id: SessionId(id) }: paths::SessionsMove,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let f = sessions::session_form(&s.db, user, None, Some(id)).await?;
    let raw = Raw::from_pairs(pairs);
    let action = paths::SessionsMove::url(id);
    let page = |e: &FieldErrors| {
        session_form_page(
            &ctx,
            &action,
            "sessions-move-title",
            &raw,
            &f.sides,
            &f.people,
        )
        .respond(e)
    };
    let input = match parse_session(&raw, id, f.commission.id, &f.sides) {
        Ok(i) => i,
        Err(e) => return Ok(page(&e)),
    };
    match sessions::move_session(&s.db, &s.settings.public_url, user, &input).await {
        Ok(()) => Ok(see_other(&paths::EditionsById::url(f.commission.id))),
        Err(AppError::Invalid(e)) => Ok(page(&e)),
        Err(e) => Err(e),
    }
}

/// The confirmation before cancelling: a form with one button.
pub async fn cancel_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsCancel { id: SessionId(id) }: paths::SessionsCancel,
) -> AppResult<Response> {
    let f = sessions::session_form(&s.db, ctx.require_user()?, None, Some(id)).await?;
    Ok(FormPage::new(
        &ctx,
        "sessions-cancel-title",
        &paths::SessionsCancel::url(id),
        "sessions-cancel-submit",
    )
    .intro("sessions-cancel-intro")
    .link(&paths::EditionsById::url(f.commission.id), "editions-back")
    .respond(&FieldErrors::default()))
}

pub async fn cancel(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::SessionsCancel { id: SessionId(id) }: paths::SessionsCancel,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let edition = sessions::cancel(&s.db, &s.settings.public_url, user, id).await?;
    Ok(see_other(&paths::EditionsById::url(edition)).into_response())
}
