//! SQL of the Grands Rendez-vous' editions: the edition, its places per side, its approvals.

pub mod candidacies;
pub mod photos;
pub mod programme;
pub mod selection;

use jiff::civil::Date;

use super::model::{Edition, EditionInput, EditionState, Format, Places};
use crate::{
    db::{Fingerprint, SideAct, Tx, fetch_all_in, lock_side_act, record_side_act, unknown},
    i18n::Localized,
    ids::{SideId, UserId},
    on_tx, on_tx_exec,
    submissions::deadline::Deadline,
};

#[derive(sqlx::FromRow)]
struct EditionRow {
    id: i64,
    programme_id: i64,
    number: i64,
    title_fr: String,
    title_en: String,
    theme_fr: String,
    theme_en: String,
    format: String,
    place: String,
    starts_on: String,
    ends_on: String,
    host_side_id: i64,
    state: String,
}

#[derive(sqlx::FromRow)]
struct PlacesRow {
    edition_id: i64,
    side_id: i64,
    places: i64,
    deadline_at: Option<i64>,
    time_zone: String,
}

fn date(s: &str) -> sqlx::Result<Date> {
    s.parse().map_err(|_| unknown("edition date", s))
}

fn edition(r: EditionRow, places: &[PlacesRow]) -> sqlx::Result<Edition> {
    Ok(Edition {
        id: r.id,
        programme_id: r.programme_id,
        state: EditionState::parse(&r.state).ok_or_else(|| unknown("edition state", &r.state))?,
        input: EditionInput {
            number: r.number,
            title: Localized::new(r.title_fr, r.title_en),
            theme: Localized::new(r.theme_fr, r.theme_en),
            format: Format::parse(&r.format).ok_or_else(|| unknown("edition format", &r.format))?,
            place: r.place,
            starts_on: date(&r.starts_on)?,
            ends_on: date(&r.ends_on)?,
            host_side_id: r.host_side_id,
            places: places
                .iter()
                .filter(|p| p.edition_id == r.id)
                .map(|p| Places {
                    side_id: p.side_id,
                    places: p.places,
                    deadline: p.deadline_at.map(|at| Deadline {
                        side_id: p.side_id,
                        at,
                        zone: p.time_zone.clone(),
                    }),
                })
                .collect(),
        },
    })
}

const COLUMNS: &str = "id, programme_id, number, title_fr, title_en, theme_fr, theme_en, format, place, \
     starts_on, ends_on, host_side_id, state";

/// The programme's editions, newest first, with their places: two statements.
pub async fn of_programme(tx: &mut Tx, programme: i64) -> sqlx::Result<Vec<Edition>> {
    let rows: Vec<EditionRow> = fetch_all_in(
        tx,
        &format!(
            "select {COLUMNS} from grv_editions where programme_id in ({{ids}}) order by number desc, id desc"
        ),
        &[programme],
    )
    .await?;
    with_places(tx, rows).await
}

/// Every programme's editions that stand (approved or further), newest first, with their
/// places: two statements.
pub async fn standing(tx: &mut Tx) -> sqlx::Result<Vec<Edition>> {
    let rows: Vec<EditionRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "select id, programme_id, number, title_fr, title_en, theme_fr, theme_en, format, place,
                starts_on, ends_on, host_side_id, state
         from grv_editions where state <> 'draft' order by starts_on desc, id desc"
    )
    .fetch_all(c)
    .await
    })?;
    with_places(tx, rows).await
}

/// One edition with its places.
pub async fn get(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Edition>> {
    let rows: Vec<EditionRow> = fetch_all_in(
        tx,
        &format!("select {COLUMNS} from grv_editions where id in ({{ids}})"),
        &[id],
    )
    .await?;
    Ok(with_places(tx, rows).await?.pop())
}

async fn with_places(tx: &mut Tx, rows: Vec<EditionRow>) -> sqlx::Result<Vec<Edition>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let places: Vec<PlacesRow> = fetch_all_in(
        tx,
        "select edition_id, side_id, places, deadline_at, time_zone from grv_edition_places
         where edition_id in ({ids})
         order by edition_id, side_id",
        &ids,
    )
    .await?;
    rows.into_iter().map(|r| edition(r, &places)).collect()
}

/// A new draft edition; its places apart.
pub async fn insert(tx: &mut Tx, programme: i64, e: &EditionInput, now: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| {
        sqlx::query_scalar(
            "insert into grv_editions (programme_id, number, title_fr, title_en, theme_fr, theme_en,
                 format, place, starts_on, ends_on, host_side_id, state, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $12) returning id",
        )
        .bind(programme)
        .bind(e.number)
        .bind(&e.title.fr)
        .bind(&e.title.en)
        .bind(&e.theme.fr)
        .bind(&e.theme.en)
        .bind(e.format.as_str())
        .bind(&e.place)
        .bind(e.starts_on.to_string())
        .bind(e.ends_on.to_string())
        .bind(e.host_side_id)
        .bind(now)
        .fetch_one(c)
        .await
    })
}

/// Changes a draft's content (0 once it stands); its places and approvals apart.
pub async fn update(tx: &mut Tx, id: i64, e: &EditionInput, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_editions set number = $2, title_fr = $3, title_en = $4, theme_fr = $5,
             theme_en = $6, format = $7, place = $8, starts_on = $9, ends_on = $10,
             host_side_id = $11, updated_at = $12
         where id = $1 and state = 'draft'"
    )
    .bind(id)
    .bind(e.number)
    .bind(&e.title.fr)
    .bind(&e.title.en)
    .bind(&e.theme.fr)
    .bind(&e.theme.en)
    .bind(e.format.as_str())
    .bind(&e.place)
    .bind(e.starts_on.to_string())
    .bind(e.ends_on.to_string())
    .bind(e.host_side_id)
    .bind(now)
    .execute(c)
    .await)
}

/// Writes the edition's places per side anew, and forgets the approvals of its old content.
pub async fn replace_places(tx: &mut Tx, id: i64, places: &[Places]) -> sqlx::Result<()> {
    for sql in [
        "delete from grv_edition_places where edition_id = $1",
        "delete from grv_edition_approvals where edition_id = $1",
    ] {
        on_tx_exec!(tx, |c| sqlx::query(sql).bind(id).execute(c).await)?;
    }
    for p in places {
        on_tx_exec!(tx, |c| sqlx::query(
            "insert into grv_edition_places (edition_id, side_id, places, deadline_at, time_zone)
             values ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(p.side_id)
        .bind(p.places)
        .bind(p.deadline.as_ref().map(|d| d.at))
        .bind(p.deadline.as_ref().map_or("", |d| d.zone.as_str()))
        .execute(c)
        .await)?;
    }
    Ok(())
}

/// Moves the edition from `from` to `to`: 0 when it is no longer in `from` (someone moved it
/// meanwhile).
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    from: EditionState,
    to: EditionState,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_editions set state = $3, updated_at = $4 where id = $1 and state = $2"
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(now)
    .execute(c)
    .await)
}

/// Each side's approval of a draft's content, then its asking for the next step (a side's
/// latest act replaces its earlier one).
const APPROVALS: SideAct = SideAct::approvals("grv_edition_approvals", "edition_id");

/// Holds the edition against the other writers until the transaction ends: every write action
/// takes it first.
pub async fn lock(tx: &mut Tx, id: i64) -> sqlx::Result<()> {
    lock_side_act(tx, &APPROVALS, id).await
}

pub async fn approve(
    tx: &mut Tx,
    id: i64,
    side: i64,
    by: i64,
    now: i64,
    content: &Fingerprint,
) -> sqlx::Result<u64> {
    record_side_act(tx, &APPROVALS, id, SideId(side), UserId(by), now, content).await
}

/// The sides whose latest act on the edition is `content` (its content approved, or a step asked
/// for).
pub async fn approvals(tx: &mut Tx, id: i64, content: &str) -> sqlx::Result<Vec<i64>> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select side_id from grv_edition_approvals where edition_id = $1 and content_hash = $2
         order by side_id"
    )
    .bind(id)
    .bind(content)
    .fetch_all(c)
    .await)
}

/// Each side's latest act on the edition: (side, what it approved or asked for).
pub async fn acts(tx: &mut Tx, id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    on_tx!(tx, |c| sqlx::query_as(
        "select side_id, content_hash from grv_edition_approvals where edition_id = $1
         order by side_id"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}

/// The number after the programme's latest edition (1 for the first).
pub async fn next_number(tx: &mut Tx, programme: i64) -> sqlx::Result<i64> {
    on_tx!(tx, |c| sqlx::query_scalar(
        "select coalesce(max(number), 0) + 1 from grv_editions where programme_id = $1"
    )
    .bind(programme)
    .fetch_one(c)
    .await)
}
