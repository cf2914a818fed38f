//! SQL of candidacies and of the consents to a public announcement.

use super::super::candidacy::{Candidacy, CandidacyInput, CandidacyKind, Consent};
use crate::{
    db::{Tx, fetch_all_in, unknown},
    i18n::Locale,
    on_tx_exec,
    submissions::FilingState,
};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    edition_id: i64,
    side_id: i64,
    user_id: i64,
    name: String,
    email: String,
    locale: String,
    kind: String,
    team: String,
    organisation: String,
    idea_title: String,
    idea_summary: String,
    theme: String,
    motivation: String,
    availability: String,
    state: String,
    version: i64,
    submitted_at: Option<i64>,
    updated_at: i64,
    consent_given: Option<i64>,
    consent_wording: Option<String>,
    consent_language: Option<String>,
    consent_at: Option<i64>,
}

impl TryFrom<Row> for Candidacy {
    type Error = sqlx::Error;
    fn try_from(r: Row) -> sqlx::Result<Candidacy> {
        Ok(Candidacy {
            id: r.id,
            edition_id: r.edition_id,
            side_id: r.side_id,
            user_id: r.user_id,
            name: r.name,
            email: r.email,
            locale: Locale::parse(&r.locale).ok_or_else(|| unknown("locale", &r.locale))?,
            input: CandidacyInput {
                // A draft may not have chosen yet: stored empty.
                kind: match r.kind.as_str() {
                    "" => None,
                    k => Some(CandidacyKind::parse(k).ok_or_else(|| unknown("candidacy kind", k))?),
                },
                team: r.team,
                organisation: r.organisation,
                idea_title: r.idea_title,
                idea_summary: r.idea_summary,
                theme: r.theme,
                motivation: r.motivation,
                availability: r.availability,
            },
            state: FilingState::parse(&r.state)
                .ok_or_else(|| unknown("candidacy state", &r.state))?,
            version: r.version,
            submitted_at: r.submitted_at,
            updated_at: r.updated_at,
            consent: match (
                r.consent_given,
                r.consent_wording,
                r.consent_language,
                r.consent_at,
            ) {
                (Some(given), Some(wording), Some(language), Some(at)) => Some(Consent {
                    given: given == 1,
                    wording,
                    language,
                    at,
                }),
                _ => None,
            },
        })
    }
}

/// Candidacies with their candidate and latest consent, `filter` on `c` naming `{ids}`.
fn select(filter: &str) -> String {
    format!(
        "select c.id, c.edition_id, c.side_id, c.user_id, u.name, u.email, u.locale, c.kind, c.team,
                c.organisation, c.idea_title, c.idea_summary, c.theme, c.motivation,
                c.availability, c.state, c.version, c.submitted_at, c.updated_at,
                k.given as consent_given, k.wording as consent_wording,
                k.language as consent_language, k.at as consent_at
         from grv_candidacies c join users u on u.id = c.user_id
         left join grv_consents k on k.id =
             (select max(l.id) from grv_consents l where l.candidacy_id = c.id)
         where {filter} order by c.id"
    )
}

async fn fetch(tx: &mut Tx, filter: &str, ids: &[i64]) -> sqlx::Result<Vec<Candidacy>> {
    let rows: Vec<Row> = fetch_all_in(tx, &select(filter), ids).await?;
    rows.into_iter().map(Candidacy::try_from).collect()
}

pub async fn get(tx: &mut Tx, id: i64) -> sqlx::Result<Option<Candidacy>> {
    Ok(fetch(tx, "c.id in ({ids})", &[id]).await?.pop())
}

/// Every candidacy to these editions (drafts and withdrawn ones too), in one statement.
pub async fn of_editions(tx: &mut Tx, editions: &[i64]) -> sqlx::Result<Vec<Candidacy>> {
    fetch(tx, "c.edition_id in ({ids})", editions).await
}

/// Withdraws the candidacy: 0 when it already was.
pub async fn withdraw(tx: &mut Tx, id: i64, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_candidacies set state = 'withdrawn', updated_at = $2
         where id = $1 and state <> 'withdrawn'"
    )
    .bind(id)
    .bind(now)
    .execute(c)
    .await)
}

/// `user`'s candidacy to `edition`, if any.
pub async fn of_user(tx: &mut Tx, edition: i64, user: i64) -> sqlx::Result<Option<Candidacy>> {
    // `edition` is an integer: nothing typed reaches the statement.
    let filter = format!("c.edition_id = {edition} and c.user_id in ({{ids}})");
    Ok(fetch(tx, &filter, &[user]).await?.pop())
}

/// A new draft whose submission `id` was just made; 0 rows when the person already has one.
pub async fn insert(
    tx: &mut Tx,
    id: i64,
    edition: i64,
    side: i64,
    user: i64,
    now: i64,
) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into grv_candidacies (id, edition_id, side_id, user_id, kind, state, created_at, updated_at)
         values ($1, $2, $3, $4, '', 'draft', $5, $5)
         on conflict (edition_id, user_id) do nothing"
    )
    .bind(id)
    .bind(edition)
    .bind(side)
    .bind(user)
    .bind(now)
    .execute(c)
    .await
    })
}

/// Keeps what the candidate typed; a filed candidacy stays filed (its receipt holds the filed
/// version) until filed again.
pub async fn save(tx: &mut Tx, id: i64, i: &CandidacyInput, now: i64) -> sqlx::Result<u64> {
    on_tx_exec!(tx, |c| sqlx::query(
        "update grv_candidacies set kind = $2, team = $3, organisation = $4, idea_title = $5,
             idea_summary = $6, theme = $7, motivation = $8, availability = $9, updated_at = $10
         where id = $1 and state <> 'withdrawn'"
    )
    .bind(id)
    .bind(i.kind.map_or("", CandidacyKind::as_str))
    .bind(&i.team)
    .bind(&i.organisation)
    .bind(&i.idea_title)
    .bind(&i.idea_summary)
    .bind(&i.theme)
    .bind(&i.motivation)
    .bind(&i.availability)
    .bind(now)
    .execute(c)
    .await)
}

/// Files version `seen + 1`: false when the version moved meanwhile (a second click, a second
/// tab) or the candidacy was withdrawn.
pub async fn file(tx: &mut Tx, id: i64, seen: i64, now: i64) -> sqlx::Result<bool> {
    let n = on_tx_exec!(tx, |c| {
        sqlx::query(
        "update grv_candidacies set state = 'submitted', version = version + 1, submitted_at = $3,
             updated_at = $3
         where id = $1 and version = $2 and state <> 'withdrawn'"
    )
    .bind(id)
    .bind(seen)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(n == 1)
}

/// Records the candidate's choice about a public announcement, with the wording they saw.
pub async fn add_consent(
    tx: &mut Tx,
    id: i64,
    given: bool,
    wording: &str,
    language: &str,
    now: i64,
) -> sqlx::Result<()> {
    on_tx_exec!(tx, |c| {
        sqlx::query(
        "insert into grv_consents (candidacy_id, given, wording, language, at) values ($1, $2, $3, $4, $5)"
    )
    .bind(id)
    .bind(i64::from(given))
    .bind(wording)
    .bind(language)
    .bind(now)
    .execute(c)
    .await
    })?;
    Ok(())
}
