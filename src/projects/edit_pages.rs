//! Applicant forms of a project: the shared project (autosaved), one's own half, missions,
//! inviting the partner and joining as the partner.

use super::paths;
use crate::ids::ProjectId;

use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

use super::{
    actions,
    forms::*,
    model::{SUMMARY_MAX_LINES, save_warnings},
    pages::{applicant_side, organisation_options},
    reads,
};
use crate::{
    calls::Call,
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
};

fn edit_page(
    ctx: &Ctx,
    id: i64,
    f: &ProjectForm,
    call: &Call,
    themes: &[crate::commissions::Theme],
) -> FormPage {
    let theme_options = themes
        .iter()
        .filter(|t| call.theme_ids.contains(&t.id))
        .map(|t| (t.id.to_string(), t.name.get(ctx.locale).to_string()))
        .collect();
    let renewal = vec![
        ("no".to_string(), ctx.t("projects-renewal-no")),
        ("yes".to_string(), ctx.t("projects-renewal-yes")),
    ];
    let renewal_value = if f.get("renewal").is_empty() {
        "no"
    } else {
        f.get("renewal")
    };
    FormPage::new(
        ctx,
        "projects-edit-title",
        &format!("/projects/{id}/edit"),
        "common-save",
    )
    .autosave()
    .field(
        Field::text(ctx, "title", "projects-field-title", f.get("title")).limit(
            ctx,
            max_chars("title"),
            None,
        ),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "summary",
            "projects-field-summary",
            f.get("summary"),
        )
        .limit(ctx, max_chars("summary"), Some(SUMMARY_MAX_LINES))
        .hint(ctx, "projects-summary-hint")
        .needed_to_file(),
    )
    .field(
        Field::checkboxes(
            ctx,
            "themes",
            "projects-field-themes",
            theme_options,
            &f.themes,
        )
        .hint(ctx, "projects-themes-hint")
        .needed_to_file(),
    )
    .field(
        Field::input(
            ctx,
            "number",
            "duration",
            "projects-field-duration",
            f.get("duration"),
        )
        .hint_text(ctx.locale.t_args(
            "projects-duration-hint",
            &[
                ("min", call.min_duration_months.into()),
                ("max", call.max_duration_months.into()),
            ],
        ))
        .needed_to_file(),
    )
    .field(Field::select(
        ctx,
        "renewal",
        "projects-field-renewal",
        renewal,
        renewal_value,
    ))
    .field(
        Field::input(
            ctx,
            "textarea",
            "earlier_results",
            "projects-field-earlier-results",
            f.get("earlier_results"),
        )
        .limit(ctx, max_chars("earlier_results"), None)
        .hint(ctx, "projects-earlier-results-hint")
        .optional(),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "multilateral_links",
            "projects-field-multilateral",
            f.get("multilateral_links"),
        )
        .limit(ctx, max_chars("multilateral_links"), None)
        .optional(),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "context",
            "projects-field-context",
            f.get("context"),
        )
        .limit(ctx, max_chars("context"), None)
        .optional(),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "objectives",
            "projects-field-objectives",
            f.get("objectives"),
        )
        .limit(ctx, max_chars("objectives"), None)
        .needed_to_file(),
    )
    .field(
        Field::input(
            ctx,
            "textarea",
            "plan",
            "projects-field-plan",
            f.get("plan"),
        )
        .limit(ctx, max_chars("plan"), None)
        .optional(),
    )
    .link(&format!("/projects/{id}"), "projects-back")
}

/// `?saved=1`: the form was just saved with rules of the call still broken.
#[derive(Debug, Default, serde::Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// The form with the saved draft, each rule of the call it breaks as a warning at its field.
pub async fn edit_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsEdit { id: ProjectId(id) }: paths::ProjectsEdit,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let reads::ProjectFormView {
        project: p,
        call,
        themes,
    } = reads::project_form(&s.db, ctx.require_user()?, id).await?;
    let mut page = edit_page(&ctx, id, &ProjectForm::from_project(&p), &call, &themes)
        .warnings(&save_warnings(&call, &p));
    if q.saved.is_some() {
        page = page.success("form-autosave-saved");
    }
    Ok(page.respond(&FieldErrors::default()))
}

/// After a save: back to the project, or 204 for an autosave request.
fn saved(headers: &HeaderMap, id: i64) -> Response {
    if headers.contains_key("x-autosave") {
        StatusCode::NO_CONTENT.into_response()
    } else {
        see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )
    }
}

pub async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsEdit { id: ProjectId(id) }: paths::ProjectsEdit,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let f = ProjectForm::from_pairs(pairs);
    match f.parse() {
        Ok(input) => {
            match actions::save_project(&s.db, &s.settings.public_url, u, id, &input).await {
                // Saved with a rule of the call broken: back to the form, the rule at its field.
                Ok(()) if !headers.contains_key("x-autosave") => {
                    let v = reads::project_form(&s.db, u, id).await?;
                    if save_warnings(&v.call, &v.project).is_empty() {
                        Ok(saved(&headers, id))
                    } else {
                        Ok(see_other(&format!(
                            "{}?saved=1",
                            paths::ProjectsEdit::url(id)
                        )))
                    }
                }
                Ok(()) => Ok(saved(&headers, id)),
                // Frozen (filed, deadline passed): the form comes back with what was typed.
                Err(AppError::Conflict(k)) => {
                    let v = reads::project_form(&s.db, u, id).await?;
                    Ok(edit_page(&ctx, id, &f, &v.call, &v.themes)
                        .notice(&k)
                        .respond_with(StatusCode::CONFLICT))
                }
                Err(e) => Err(e),
            }
        }
        Err(e) => {
            let v = reads::project_form(&s.db, u, id).await?;
            Ok(edit_page(&ctx, id, &f, &v.call, &v.themes).respond(&e))
        }
    }
}

fn half_page(ctx: &Ctx, id: i64, f: &HalfForm, orgs: Vec<(String, String)>) -> FormPage {
    FormPage::new(
        ctx,
        "projects-half-title",
        &format!("/projects/{id}/half"),
        "common-save",
    )
    .autosave()
    .field(Field::select(
        ctx,
        "organisation",
        "projects-field-organisation",
        orgs,
        &f.organisation,
    ))
    .field(Field::text(ctx, "lead_role", "projects-field-lead-role", &f.lead_role).optional())
    .field(
        Field::input(
            ctx,
            "textarea",
            "associated_partners",
            "projects-field-partners",
            &f.associated_partners,
        )
        .optional(),
    )
    .link(&format!("/projects/{id}"), "projects-back")
}

pub async fn half_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsHalf { id: ProjectId(id) }: paths::ProjectsHalf,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let reads::HalfFormView {
        half: h,
        organisations,
    } = reads::half_form(&s.db, u, id).await?;
    let orgs = organisations
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let f = HalfForm {
        organisation: h.organisation_id.to_string(),
        lead_role: h.lead_role.clone(),
        associated_partners: h.associated_partners.clone(),
    };
    Ok(half_page(&ctx, id, &f, orgs).respond(&FieldErrors::default()))
}

pub async fn half(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsHalf { id: ProjectId(id) }: paths::ProjectsHalf,
    headers: HeaderMap,
    Form(f): Form<HalfForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let org = f.organisation.parse().unwrap_or(0);
    match actions::save_half(
        &s.db,
        u,
        id,
        org,
        &clean_text(&f.lead_role),
        &clean_text(&f.associated_partners),
    )
    .await
    {
        Ok(()) => Ok(saved(&headers, id)),
        Err(AppError::Invalid(e)) => Ok(half_page(
            &ctx,
            id,
            &f,
            organisation_options(&s, applicant_side(u)?).await?,
        )
        .respond(&e)),
        Err(AppError::Conflict(k)) => Ok(half_page(
            &ctx,
            id,
            &f,
            organisation_options(&s, applicant_side(u)?).await?,
        )
        .notice(&k)
        .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

fn mission_page(ctx: &Ctx, id: i64, call: &Call, f: &MissionForm) -> FormPage {
    let mut directions = Vec::new();
    for a in &call.sides {
        for b in call.sides.iter().filter(|b| b.side_id != a.side_id) {
            directions.push((
                format!("{}-{}", a.side_id, b.side_id),
                format!(
                    "{} → {}",
                    a.side_name.get(ctx.locale),
                    b.side_name.get(ctx.locale)
                ),
            ));
        }
    }
    FormPage::new(
        ctx,
        "projects-mission-title",
        &format!("/projects/{id}/missions/new"),
        "common-save",
    )
    .field(Field::select(
        ctx,
        "direction",
        "projects-field-direction",
        directions,
        &f.direction,
    ))
    .field(Field::input(
        ctx,
        "number",
        "travellers",
        "projects-field-travellers",
        &f.travellers,
    ))
    .field(Field::input(
        ctx,
        "date",
        "starts_on",
        "projects-field-starts-on",
        &f.starts_on,
    ))
    .field(Field::input(
        ctx,
        "number",
        "days",
        "projects-field-days",
        &f.days,
    ))
    .field(Field::text(
        ctx,
        "purpose",
        "projects-field-purpose",
        &f.purpose,
    ))
    .link(&format!("/projects/{id}"), "projects-back")
}

pub async fn mission_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsMissionsNew { id: ProjectId(id) }: paths::ProjectsMissionsNew,
) -> AppResult<Response> {
    let (_, call, _) = actions::view_project(&s.db, ctx.require_user()?, id).await?;
    Ok(mission_page(&ctx, id, &call, &MissionForm::default()).respond(&FieldErrors::default()))
}

pub async fn add_mission(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsMissionsNew { id: ProjectId(id) }: paths::ProjectsMissionsNew,
    Form(f): Form<MissionForm>,
) -> AppResult<Response> {
    let u = ctx.require_user()?;
    let (_, call, _) = actions::view_project(&s.db, u, id).await?;
    let result = match f.parse() {
        Ok(m) => actions::add_mission(&s.db, &s.settings.public_url, u, id, &m)
            .await
            .map(|_| ()),
        Err(e) => Err(AppError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(see_other(
            &paths::ProjectsById {
                id: crate::ids::ProjectId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => Ok(mission_page(&ctx, id, &call, &f).respond(&e)),
        Err(AppError::Conflict(k)) => Ok(mission_page(&ctx, id, &call, &f)
            .notice(&k)
            .respond_with(StatusCode::CONFLICT)),
        Err(e) => Err(e),
    }
}

pub async fn delete_mission(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsMissionsDelete {
        id: ProjectId(id),
        mission_id: mission,
    }: paths::ProjectsMissionsDelete,
) -> AppResult<Response> {
    let base = &s.settings.public_url;
    match actions::delete_mission(&s.db, base, ctx.require_user()?, id, mission).await {
        Ok(()) => {}
        Err(AppError::Conflict(k)) => {
            return super::pages::show_with_notice(&s, &ctx, id, &k, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(e),
    }
    Ok(see_other(
        &paths::ProjectsById {
            id: crate::ids::ProjectId(id),
        }
        .to_string(),
    ))
}
