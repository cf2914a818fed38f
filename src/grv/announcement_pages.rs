//! The public announcement's pages (issue 14, item 5): the cohort's public page (with the tags
//! social networks read to show a link, and share links that load nothing until followed), its
//! photos, and a candidate's photo (given, previewed, removed). Each handler calls one action
//! of [`super::announcement`].

use askama::Template;
use axum::{
    extract::{Multipart, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{announcement, apply_pages::review_template, applying, paths};
use crate::{
    error::{AppError, AppResult},
    http::{AppState, Ctx, render, render_status, see_other},
    i18n::Locale,
    ids::{GrvCandidacyId, GrvEditionId},
};

/// A participant on the public page.
pub struct Card {
    pub name: String,
    pub idea: String,
    pub side: String,
    /// (address, width, height, credit line)
    pub photo: Option<(String, i64, i64, String)>,
}

#[derive(Template)]
#[template(path = "grv/cohort_public.html")]
pub struct CohortPublicTemplate {
    pub ctx: Ctx,
    pub id: i64,
    pub title: String,
    pub description: String,
    /// The page's own address, as shared.
    pub url: String,
    pub og_locale: &'static str,
    pub cards: Vec<Card>,
    /// (network, address of its share form)
    pub shares: Vec<(String, String)>,
}

fn encoded(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Plain links to each network's own share form: nothing of theirs loads on our page, and
/// nothing is sent to them until the reader follows one.
fn shares(l: Locale, title: &str, url: &str) -> Vec<(String, String)> {
    let (t, u) = (encoded(title), encoded(url));
    vec![
        (
            l.t("grv-share-email"),
            // In a mailto: address "+" is a plus sign, not a space.
            format!("mailto:?subject={}&body={u}", t.replace('+', "%20")),
        ),
        (
            "LinkedIn".into(),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        (
            "Bluesky".into(),
            format!("https://bsky.app/intent/compose?text={t}%20{u}"),
        ),
        (
            "Facebook".into(),
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "X".into(),
            format!("https://x.com/intent/post?text={t}&url={u}"),
        ),
    ]
}

pub async fn cohort(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallCohort {
        id: GrvEditionId(id),
    }: paths::CallCohort,
) -> AppResult<Response> {
    let v = announcement::cohort_page(&s.db, id).await?;
    let l = ctx.locale;
    let edition = v.edition.name(l);
    let title = l.t1("grv-cohort-public-title", "edition", edition.clone());
    let url = format!("{}{}", s.settings.public_url, paths::CallCohort::url(id));
    let cards = v
        .people
        .iter()
        .map(|p| Card {
            name: p.name.clone(),
            idea: p.idea.clone(),
            side: v
                .side(p.side_id)
                .map(|s| s.name.get(l).to_string())
                .unwrap_or_default(),
            photo: p.photo.as_ref().map(|ph| {
                (
                    paths::Photo {
                        key: ph.storage_key.clone(),
                    }
                    .to_string(),
                    ph.width,
                    ph.height,
                    ph.credit.clone(),
                )
            }),
        })
        .collect();
    Ok(render(&CohortPublicTemplate {
        id,
        description: l.t1(
            "grv-cohort-public-description",
            "theme",
            v.edition.input.theme.get(l).to_string(),
        ),
        og_locale: match l {
            Locale::En => "en_CA",
            Locale::FrCa => "fr_CA",
            _ => "fr_BE",
        },
        shares: shares(l, &title, &url),
        title,
        url,
        cards,
        ctx,
    }))
}

/// A photo of the public page. Every reader — a browser, a cache in between — asks again
/// before using a copy (`no-cache`, with its key as validator), so a photo whose participant
/// withdrew consent answers 404 everywhere at once.
pub async fn photo(
    State(s): State<AppState>,
    headers: HeaderMap,
    paths::Photo { key }: paths::Photo,
) -> AppResult<Response> {
    let (bytes, content_type) = announcement::photo(&s.db, &s.settings.storage, &key).await?;
    let etag = format!("\"{key}\"");
    let cache = [
        (header::CACHE_CONTROL, "public, no-cache".to_string()),
        (header::ETAG, etag.clone()),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    let mut res = (cache, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        content_type
            .parse()
            .map_err(|e: header::InvalidHeaderValue| AppError::Internal(e.into()))?,
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("inline"),
    );
    Ok(res)
}

/// The author's own photo, before or after it is announced.
pub async fn own_photo(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesPhoto {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesPhoto,
) -> AppResult<Response> {
    let (bytes, content_type) =
        announcement::own_photo(&s.db, &s.settings.storage, ctx.require_user()?, id).await?;
    Ok(crate::http::file_inline("photo", &content_type, bytes))
}

/// Gives a photo (multipart: `photo`, `credit`); refused, the candidacy's page says why at
/// the field, with the credit typed kept.
pub async fn give_photo(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesPhoto {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesPhoto,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let (mut bytes, mut credit) = (Vec::new(), String::new());
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("photo") => bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
            Some("credit") => credit = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    match announcement::give_photo(&s.db, &s.settings.storage, user, id, bytes, &credit).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?photo=1#announcement",
            paths::CandidaciesReview::url(id)
        ))),
        Err(AppError::Invalid(errors)) => {
            let v = applying::candidacy(&s.db, user, id).await?;
            let mut t = review_template(ctx, v, None, None);
            t.photo_error = errors.get("photo").map(|k| t.ctx.t(k));
            t.credit_error = errors.get("credit").map(|k| t.ctx.t(k));
            t.credit = crate::http::form::one_line(&credit);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &t))
        }
        Err(e) => Err(e),
    }
}

pub async fn remove_photo(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CandidaciesPhotoRemove {
        id: GrvCandidacyId(id),
    }: paths::CandidaciesPhotoRemove,
) -> AppResult<Response> {
    announcement::remove_photo(&s.db, &s.settings.storage, ctx.require_user()?, id).await?;
    Ok(see_other(&format!(
        "{}?photo=0#announcement",
        paths::CandidaciesReview::url(id)
    )))
}
