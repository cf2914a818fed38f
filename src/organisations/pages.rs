//! The organisation profile an applicant registers before filing for it.

use axum::{
    Form,
    extract::{Query, State},
    response::Response,
};
use serde::Deserialize;

use super::{
    actions,
    model::{Organisation, OrganisationKind},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
    users::Role,
};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrganisationForm {
    pub name: String,
    pub kind: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub next: String,
}

fn page(ctx: &Ctx, f: &OrganisationForm) -> FormPage {
    let kinds = OrganisationKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                ctx.t(&format!(
                    "organisation-kind-{}",
                    k.as_str().replace('_', "-")
                )),
            )
        })
        .collect();
    FormPage::new(
        ctx,
        "organisations-new-title",
        "/organisations/new",
        "common-save",
    )
    .intro("organisations-new-intro")
    .hidden("next", crate::users::forms::safe_next(&f.next))
    .field(
        Field::text(ctx, "name", "organisations-field-name", &f.name).autocomplete("organization"),
    )
    .field(Field::select(
        ctx,
        "kind",
        "organisations-field-kind",
        kinds,
        &f.kind,
    ))
    .field(
        Field::text(ctx, "street", "organisations-field-street", &f.street)
            .autocomplete("street-address"),
    )
    .field(
        Field::text(
            ctx,
            "postal_code",
            "organisations-field-postal-code",
            &f.postal_code,
        )
        .autocomplete("postal-code"),
    )
    .field(
        Field::text(ctx, "city", "organisations-field-city", &f.city)
            .autocomplete("address-level2"),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

pub async fn new_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    page(
        &ctx,
        &OrganisationForm {
            next: q.next,
            ..Default::default()
        },
    )
    .respond(&FieldErrors::default())
}

pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<OrganisationForm>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let side_id = user
        .side_as(Role::Applicant)
        .or_else(|| user.side_as(Role::Officer))
        .ok_or(AppError::Forbidden)?;
    let mut e = FieldErrors::default();
    for (k, v, max) in [
        ("name", &f.name, 200),
        ("street", &f.street, 200),
        ("postal_code", &f.postal_code, 20),
        ("city", &f.city, 100),
    ] {
        if v.trim().is_empty() {
            e.add(k, "common-error-required");
        } else if v.trim().chars().count() > max {
            e.add(k, "common-error-too-long");
        }
    }
    let kind = OrganisationKind::parse(&f.kind);
    if kind.is_none() {
        e.add("kind", "calls-error-kinds");
    }
    if !e.is_empty() {
        return Ok(page(&ctx, &f).respond(&e));
    }
    let side = crate::programmes::actions::list_sides(&s.db)
        .await?
        .into_iter()
        .find(|sd| sd.id == side_id);
    let country = match side.map(|sd| sd.currency) {
        Some(c) if c == "CAD" => "CA",
        _ => "BE",
    };
    let o = Organisation {
        id: 0,
        side_id,
        kind: kind.unwrap_or(OrganisationKind::Ngo),
        name: f.name.trim().to_string(),
        street: f.street.trim().to_string(),
        postal_code: f.postal_code.trim().to_string(),
        city: f.city.trim().to_string(),
        country: country.to_string(),
    };
    match actions::register(&s.db, user, &o).await {
        Ok(_) => Ok(see_other(crate::users::forms::safe_next(&f.next))),
        Err(AppError::Invalid(e)) => Ok(page(&ctx, &f).respond(&e)),
        Err(e) => Err(e),
    }
}
