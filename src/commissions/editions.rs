//! CMP editions set up by the sides' officers (issue 11): one side drafts an edition — its
//! ordinal, years, host side, a co-chair *account* per side with their title, its priority
//! themes — and every side approves the same content (as calls are). Its sessions:
//! [`super::sessions`].

use super::{
    model::{CoChair, Commission, EditionState, Session, SessionState, Theme},
    policy::{self, Perm},
    store::{self, EditionFields},
};
use crate::{
    audit,
    db::{Db, Fingerprint, Tx, unique_violation},
    error::{AppError, AppResult, FieldErrors},
    i18n::{Locale, Localized},
    programmes::{self, Side},
    users::{self, actions::Person},
    viewer::{Role, Viewer},
};

/// A co-chair as the form gives it: an account of the side, with their title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoChairInput {
    pub side_id: i64,
    pub user_id: i64,
    pub title: Localized,
}

/// What an edition's form gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionInput {
    pub number: i64,
    pub start_year: i64,
    pub end_year: i64,
    pub host_side_id: i64,
    pub co_chairs: Vec<CoChairInput>,
    pub themes: Vec<Localized>,
}

impl EditionInput {
    /// What each side approves: the edition as typed (a change clears the approvals).
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(&serde_json::json!({
            "number": self.number,
            "years": [self.start_year, self.end_year],
            "host": self.host_side_id,
            "co_chairs": self.co_chairs.iter().map(|c| {
                serde_json::json!([c.side_id, c.user_id, c.title.fr, c.title.en])
            }).collect::<Vec<_>>(),
            "themes": self.themes.iter().map(|t| [&t.fr, &t.en]).collect::<Vec<_>>(),
        }))
    }
}

/// Rules of an edition: a period of one to four years in a plausible range, the host one of
/// the programme's sides, exactly one co-chair per side who works for that side (officer or
/// commission member), one to twelve themes.
pub fn check(input: &EditionInput, sides: &[Side], people: &[Person]) -> FieldErrors {
    let mut e = FieldErrors::default();
    if !(1..=999).contains(&input.number) {
        e.add("number", "calls-error-number");
    }
    if !(1900..=2200).contains(&input.start_year) {
        e.add("start_year", "calls-error-number");
    } else if input.end_year < input.start_year || input.end_year > input.start_year + 4 {
        e.add("end_year", "commission-error-period");
    }
    if !sides.iter().any(|s| s.id == input.host_side_id) {
        e.add("host", "common-error-choice");
    }
    for s in sides {
        let chairs: Vec<_> = input
            .co_chairs
            .iter()
            .filter(|c| c.side_id == s.id)
            .collect();
        let field = format!("chair_{}", s.code);
        let fits = |c: &&CoChairInput| {
            people.iter().any(|p| {
                p.id == c.user_id
                    && p.side_id == s.id
                    && p.roles
                        .iter()
                        .any(|r| matches!(r, Role::Officer | Role::CommissionMember))
            })
        };
        if chairs.len() != 1 || !chairs.iter().all(fits) {
            e.add(&field, "editions-error-co-chair");
        } else if chairs[0].title.fr.is_empty() || chairs[0].title.en.is_empty() {
            e.add(&format!("chair_title_{}", s.code), "common-error-required");
        }
    }
    if input.themes.is_empty() || input.themes.len() > 12 {
        e.add("themes", "editions-error-themes");
    }
    e
}

/// The programme the viewer works for (editions belong to it) and its sides.
pub(super) async fn programme_of(tx: &mut Tx, user: &Viewer) -> AppResult<(i64, Vec<Side>)> {
    programmes::actions::programme_of(tx, user, &[Role::Officer, Role::CommissionMember]).await
}

pub(super) fn facts(sides: &[Side], state: EditionState, approved_by: Vec<i64>) -> policy::Facts {
    policy::Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        approved_by,
    }
}

/// The input an edition's stored content gives back (the form of a draft, its fingerprint).
fn input_of(c: &Commission, themes: &[Theme]) -> EditionInput {
    EditionInput {
        number: c.number,
        start_year: c.start_year,
        end_year: c.end_year,
        host_side_id: c.host_side_id.unwrap_or_default(),
        co_chairs: c
            .co_chairs
            .iter()
            .map(|ch| CoChairInput {
                side_id: ch.side_id,
                user_id: ch.user_id.unwrap_or_default(),
                title: Localized::new(ch.title_fr.clone(), ch.title_en.clone()),
            })
            .collect(),
        themes: themes.iter().map(|t| t.name.clone()).collect(),
    }
}

/// The edition form: the programme's sides, who may co-chair, and what to start from — the
/// draft being edited, or for a new edition the one after the latest: next ordinal, the
/// years that follow, the other side hosting, the same co-chairs, and the themes the latest
/// edition adopted for the next call if it did (else its own).
pub struct EditionForm {
    pub sides: Vec<Side>,
    pub people: Vec<Person>,
    pub input: EditionInput,
}

pub async fn edition_form(db: &Db, user: &Viewer, id: Option<i64>) -> AppResult<EditionForm> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let people =
        users::actions::people_of_sides(&mut tx, &sides.iter().map(|s| s.id).collect::<Vec<_>>())
            .await?;
    let input = match id {
        Some(id) => {
            let c = super::actions::overview_of(&mut tx, id).await?;
            if c.programme_id != programme {
                return Err(AppError::NotFound);
            }
            if !policy::can(user, Perm::Edit, &facts(&sides, c.state, Vec::new())) {
                return Err(AppError::Forbidden);
            }
            let themes = super::actions::themes_of(&mut tx, id).await?;
            input_of(&c, &themes)
        }
        None => {
            if !policy::can(
                user,
                Perm::Draft,
                &facts(&sides, EditionState::Draft, vec![]),
            ) {
                return Err(AppError::Forbidden);
            }
            let latest = super::actions::of_programme_in(&mut tx, programme)
                .await?
                .into_iter()
                .next();
            match latest {
                Some(l) => {
                    let l = super::actions::overview_of(&mut tx, l.id).await?;
                    let themes = super::actions::themes_of(&mut tx, l.id).await?;
                    let start = l.end_year + 1;
                    let host = sides
                        .iter()
                        .find(|s| Some(s.id) != l.host_side_id)
                        .map(|s| s.id)
                        .unwrap_or_default();
                    EditionInput {
                        number: l.number + 1,
                        start_year: start,
                        end_year: start + (l.end_year - l.start_year),
                        host_side_id: host,
                        ..input_of(&l, &themes)
                    }
                }
                None => EditionInput {
                    number: 1,
                    start_year: jiff::Timestamp::from_millisecond(tx.now_ms())
                        .map(|t| i64::from(t.in_tz("UTC").map(|z| z.year()).unwrap_or(2026)))
                        .unwrap_or(2026),
                    end_year: 0,
                    host_side_id: sides.first().map(|s| s.id).unwrap_or_default(),
                    co_chairs: Vec::new(),
                    themes: Vec::new(),
                },
            }
        }
    };
    Ok(EditionForm {
        sides,
        people,
        input,
    })
}

async fn write_content(
    tx: &mut Tx,
    id: i64,
    input: &EditionInput,
    people: &[Person],
) -> AppResult<()> {
    for c in &input.co_chairs {
        let name = people
            .iter()
            .find(|p| p.id == c.user_id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        store::insert_co_chair(
            tx,
            id,
            &CoChair {
                side_id: c.side_id,
                name,
                title_fr: c.title.fr.clone(),
                title_en: c.title.en.clone(),
                user_id: Some(c.user_id),
            },
        )
        .await?;
    }
    for (i, t) in input.themes.iter().enumerate() {
        store::insert_theme(tx, id, &format!("t{}", i + 1), &t.fr, &t.en, i as i64).await?;
    }
    Ok(())
}

/// The programme's people, once `input` is checked against them (refused at the fields if not).
async fn checked_people(
    tx: &mut Tx,
    input: &EditionInput,
    sides: &[Side],
) -> AppResult<Vec<Person>> {
    let ids: Vec<i64> = sides.iter().map(|s| s.id).collect();
    let people = users::actions::people_of_sides(tx, &ids).await?;
    let errors = check(input, sides, &people);
    if errors.is_empty() {
        Ok(people)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The stored fields of a draft edition as typed.
fn draft_fields(programme: i64, input: &EditionInput) -> EditionFields {
    EditionFields {
        programme_id: programme,
        number: input.number,
        start: input.start_year,
        end: input.end_year,
        host_side_id: Some(input.host_side_id),
        state: EditionState::Draft,
    }
}

fn number_taken(e: &sqlx::Error) -> Option<AppError> {
    unique_violation(e)
        .map(|_| AppError::Invalid(FieldErrors::single("number", "editions-error-number-taken")))
}

/// Records the acting officer's approval of `content` for their sides; the edition stands
/// once every side approved it. Returns whether it now stands.
async fn approve_in(
    tx: &mut Tx,
    user: &Viewer,
    id: i64,
    sides: &[Side],
    content: &Fingerprint,
) -> AppResult<bool> {
    let now = tx.now_ms();
    for s in sides
        .iter()
        .filter(|s| user.has_role_on(Role::Officer, s.id))
    {
        store::approve(tx, id, s.id, user.id, now, content).await?;
        audit::record(
            tx,
            &user.actor(),
            "commission.approve",
            "commission",
            id,
            &format!("side {}", s.id),
        )
        .await?;
    }
    let approved = store::approvals(tx, id, content.as_str()).await?;
    let all = sides.iter().all(|s| approved.contains(&s.id));
    if all {
        store::set_commission_state(tx, id, EditionState::Approved).await?;
        audit::record(
            tx,
            &user.actor(),
            "commission.stand",
            "commission",
            id,
            "approved by every side",
        )
        .await?;
    }
    Ok(all)
}

/// Drafts an edition; the drafting officer's side approves it at once, the other side then
/// approves the same content.
pub async fn draft(db: &Db, user: &Viewer, input: &EditionInput) -> AppResult<i64> {
    let mut tx = db.write().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    if !policy::can(
        user,
        Perm::Draft,
        &facts(&sides, EditionState::Draft, vec![]),
    ) {
        return Err(AppError::Forbidden);
    }
    let people = checked_people(&mut tx, input, &sides).await?;
    let fields = draft_fields(programme, input);
    let now = tx.now_ms();
    let id = match store::insert_commission(&mut tx, &fields, now).await {
        Ok(id) => id,
        Err(e) => return Err(number_taken(&e).unwrap_or(e.into())),
    };
    write_content(&mut tx, id, input, &people).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "commission.draft",
        "commission",
        id,
        &format!("CMP {}", input.number),
    )
    .await?;
    approve_in(&mut tx, user, id, &sides, &input.fingerprint()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a draft edition: the approvals given are cleared, the editing side approves anew.
pub async fn update(db: &Db, user: &Viewer, id: i64, input: &EditionInput) -> AppResult<()> {
    let mut tx = db.write().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let current = super::actions::get(&mut tx, id).await?;
    if current.programme_id != programme {
        return Err(AppError::NotFound);
    }
    if !policy::can(user, Perm::Edit, &facts(&sides, current.state, vec![])) {
        return Err(if current.state == EditionState::Draft {
            AppError::Forbidden
        } else {
            AppError::Conflict("editions-error-not-draft".into())
        });
    }
    let people = checked_people(&mut tx, input, &sides).await?;
    let fields = draft_fields(programme, input);
    let now = tx.now_ms();
    match store::update_commission(&mut tx, id, &fields, now).await {
        Ok(1) => {}
        Ok(_) => return Err(AppError::Conflict("editions-error-not-draft".into())),
        Err(e) => return Err(number_taken(&e).unwrap_or(e.into())),
    }
    store::clear_draft(&mut tx, id).await?;
    write_content(&mut tx, id, input, &people).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        "commission.update",
        "commission",
        id,
        &format!("CMP {}", input.number),
    )
    .await?;
    approve_in(&mut tx, user, id, &sides, &input.fingerprint()).await?;
    tx.commit().await?;
    Ok(())
}

/// Approves a draft edition as `seen` on the officer's page (refused if it changed since).
pub async fn approve(db: &Db, user: &Viewer, id: i64, seen: &str) -> AppResult<bool> {
    let mut tx = db.write().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let c = super::actions::overview_of(&mut tx, id).await?;
    if c.programme_id != programme {
        return Err(AppError::NotFound);
    }
    let themes = super::actions::themes_of(&mut tx, id).await?;
    let content = input_of(&c, &themes).fingerprint();
    let approved_by = store::approvals(&mut tx, id, content.as_str()).await?;
    if !policy::can(user, Perm::Approve, &facts(&sides, c.state, approved_by)) {
        return Err(if c.state == EditionState::Draft {
            AppError::Forbidden
        } else {
            AppError::Conflict("editions-error-not-draft".into())
        });
    }
    content.check_seen(seen)?;
    let stands = approve_in(&mut tx, user, id, &sides, &content).await?;
    tx.commit().await?;
    Ok(stands)
}

/// A session as its edition's page lists it.
pub struct SessionLine {
    pub session: Session,
    pub state: SessionState,
    pub participants: Vec<String>,
}

/// An edition's page: its content, who approved it, its sessions with their participants,
/// and what the viewer may do — one read transaction.
pub struct EditionPage {
    pub commission: Commission,
    pub sides: Vec<Side>,
    pub themes: Vec<Theme>,
    pub sessions: Vec<SessionLine>,
    pub approved_by: Vec<i64>,
    pub fingerprint: String,
    pub can_edit: bool,
    pub can_approve: bool,
    pub can_convene: bool,
}

pub async fn page(db: &Db, user: &Viewer, id: i64) -> AppResult<EditionPage> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    let commission = super::actions::overview_of(&mut tx, id).await?;
    if commission.programme_id != programme {
        return Err(AppError::NotFound);
    }
    let themes = super::actions::themes_of(&mut tx, id).await?;
    let content = input_of(&commission, &themes).fingerprint();
    let approved_by = store::approvals(&mut tx, id, content.as_str()).await?;
    let f = facts(&sides, commission.state, approved_by.clone());
    if !policy::can(user, Perm::View, &f) {
        return Err(AppError::Forbidden);
    }
    let sessions = super::actions::sessions_in(&mut tx, id).await?;
    let ids: Vec<i64> = sessions.iter().map(|(s, _)| s.id).collect();
    let participants = store::participants_of(&mut tx, &ids).await?;
    let people =
        users::actions::people_of_sides(&mut tx, &sides.iter().map(|s| s.id).collect::<Vec<_>>())
            .await?;
    let name = |u: i64| {
        people
            .iter()
            .find(|p| p.id == u)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| format!("#{u}"))
    };
    Ok(EditionPage {
        can_edit: policy::can(user, Perm::Edit, &f),
        can_approve: policy::can(user, Perm::Approve, &f),
        can_convene: policy::can(user, Perm::Convene, &f),
        sessions: sessions
            .into_iter()
            .map(|(session, state)| SessionLine {
                participants: participants
                    .iter()
                    .filter(|(s, _)| *s == session.id)
                    .map(|(_, u)| name(*u))
                    .collect(),
                session,
                state,
            })
            .collect(),
        commission,
        sides,
        themes,
        approved_by,
        fingerprint: content.0,
    })
}

/// The programme's editions, newest first, for the officers' list.
pub async fn list(db: &Db, user: &Viewer) -> AppResult<(Vec<Commission>, bool)> {
    let mut tx = db.read().await?;
    let (programme, sides) = programme_of(&mut tx, user).await?;
    if !policy::can(
        user,
        Perm::View,
        &facts(&sides, EditionState::Approved, vec![]),
    ) {
        return Err(AppError::Forbidden);
    }
    let can_draft = policy::can(
        user,
        Perm::Draft,
        &facts(&sides, EditionState::Draft, vec![]),
    );
    Ok((
        super::actions::of_programme_in(&mut tx, programme).await?,
        can_draft,
    ))
}

/// "XIIe Commission mixte permanente (2022–2024)".
pub fn edition_title(c: &Commission, locale: Locale) -> String {
    locale.t_args(
        "commission-title",
        &[
            ("ordinal", c.ordinal(locale).into()),
            ("start", c.start_year.to_string().into()),
            ("end", c.end_year.to_string().into()),
        ],
    )
}
