//! The officers' call form: drafting and editing, with every value kept as typed.

use super::paths;
use crate::ids::CallId;

use axum::{
    Form,
    extract::{Query, State},
    response::Response,
};
use serde::Deserialize;

use super::{actions, forms::RawCall, pages::kind_key};
use crate::{
    commissions::Theme,
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, see_other},
    organisations::OrganisationKind,
    programmes::Side,
};

/// The call form for a commission's programme `sides` and `themes`.
fn form_page(
    ctx: &Ctx,
    action: &str,
    title_key: &str,
    raw: &RawCall,
    sides: &[Side],
    themes: &[Theme],
) -> FormPage {
    let l = ctx.locale;
    let theme_options = themes
        .iter()
        .map(|t| (t.id.to_string(), t.name.get(l).to_string()))
        .collect();
    let kind_options = OrganisationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), ctx.t(&kind_key(*k))))
        .collect();
    let travel = vec![
        ("sending".to_string(), ctx.t("calls-funding-sending")),
        ("receiving".to_string(), ctx.t("calls-funding-receiving")),
    ];
    let zone_hint = |zone: &str| l.t1("calls-zone-hint", "city", crate::i18n::zone_city(zone, l));
    let mut page = FormPage::new(ctx, title_key, action, "common-save")
        .hidden("commission", raw.get("commission"))
        .field(Field::text(
            ctx,
            "title_fr",
            "calls-field-title-fr",
            raw.get("title_fr"),
        ))
        .field(Field::text(
            ctx,
            "title_en",
            "calls-field-title-en",
            raw.get("title_en"),
        ))
        .field(
            Field::input(
                ctx,
                "textarea",
                "guidelines_fr",
                "calls-field-guidelines-fr",
                raw.get("guidelines_fr"),
            )
            .hint(ctx, "calls-markdown-hint"),
        )
        .field(
            Field::input(
                ctx,
                "textarea",
                "guidelines_en",
                "calls-field-guidelines-en",
                raw.get("guidelines_en"),
            )
            .hint(ctx, "calls-markdown-hint"),
        )
        .field(Field::checkboxes(
            ctx,
            "themes",
            "calls-field-themes",
            theme_options,
            &raw.themes,
        ))
        .field(
            Field::input(
                ctx,
                "datetime-local",
                "opens_at",
                "calls-field-opens-at",
                raw.get("opens_at"),
            )
            .hint_text(zone_hint(&ctx.time_zone)),
        );
    for s in sides {
        let name = s.name.get(l);
        page = page.field(
            Field::input(
                ctx,
                "datetime-local",
                format!("deadline_{}", s.code),
                "calls-field-deadline",
                raw.get(&format!("deadline_{}", s.code)),
            )
            .label(l.t1("calls-field-deadline", "side", name))
            .hint_text(zone_hint(&s.time_zone)),
        );
        for (part, key) in [
            ("trip", "calls-field-cap-trip"),
            ("stay", "calls-field-cap-stay"),
            ("year", "calls-field-cap-year"),
        ] {
            let field = format!("cap_{part}_{}", s.code);
            let value = raw.get(&field).to_string();
            page = page.field(Field::text(ctx, field, key, &value).label(l.t_args(
                key,
                &[
                    ("side", name.to_string().into()),
                    ("currency", s.currency.clone().into()),
                ],
            )));
        }
    }
    page.field(Field::input(
        ctx,
        "number",
        "min_duration",
        "calls-field-min-duration",
        raw.get("min_duration"),
    ))
    .field(Field::input(
        ctx,
        "number",
        "max_duration",
        "calls-field-max-duration",
        raw.get("max_duration"),
    ))
    .field(Field::input(
        ctx,
        "number",
        "min_partners",
        "calls-field-min-partners",
        raw.get("min_partners"),
    ))
    .field(Field::select(
        ctx,
        "travel",
        "calls-field-travel",
        travel,
        raw.get("travel"),
    ))
    .field(
        Field::checkboxes(ctx, "kinds", "calls-field-kinds", kind_options, &raw.kinds)
            .hint(ctx, "calls-kinds-hint"),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    commission: Option<i64>,
}

pub async fn new_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let actions::CallForm {
        commission_id: commission,
        sides,
        themes,
        defaults,
        next_call,
        ..
    } = actions::call_form(&s.db, ctx.require_user()?, q.commission, None).await?;
    Ok(form_page(
        &ctx,
        "/calls/new",
        "calls-new-title",
        &RawCall::blank(commission, &defaults, &sides, &next_call),
        &sides,
        &themes,
    )
    .respond(&FieldErrors::default()))
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, raw: RawCall) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let commission: i64 = raw
        .get("commission")
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let (sides, themes) = actions::form_options(&s.db, commission).await?;
    let (action, title) = match id {
        Some(id) => (format!("/calls/{id}/edit"), "calls-edit-title"),
        None => ("/calls/new".to_string(), "calls-new-title"),
    };
    let result = match raw.parse(commission, &sides, &ctx.time_zone) {
        Ok(input) => match id {
            Some(id) => actions::update_call(&s.db, user, id, &input)
                .await
                .map(|_| id),
            None => actions::create_call(&s.db, user, &input).await,
        },
        Err(e) => Err(AppError::Invalid(e)),
    };
    match result {
        Ok(id) => Ok(see_other(
            &paths::CallsById {
                id: crate::ids::CallId(id),
            }
            .to_string(),
        )),
        Err(AppError::Invalid(e)) => {
            Ok(form_page(ctx, &action, title, &raw, &sides, &themes).respond(&e))
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&s, &ctx, None, RawCall::from_pairs(pairs)).await
}

pub async fn edit_form(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEdit { id: CallId(id) }: paths::CallsEdit,
) -> AppResult<Response> {
    let actions::CallForm {
        call,
        sides,
        themes,
        ..
    } = actions::call_form(&s.db, ctx.require_user()?, None, Some(id)).await?;
    let call = call.ok_or(AppError::NotFound)?;
    let raw = RawCall::from_call(&call, &ctx.time_zone);
    Ok(form_page(
        &ctx,
        &format!("/calls/{id}/edit"),
        "calls-edit-title",
        &raw,
        &sides,
        &themes,
    )
    .respond(&FieldErrors::default()))
}

pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::CallsEdit { id: CallId(id) }: paths::CallsEdit,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&s, &ctx, Some(id), RawCall::from_pairs(pairs)).await
}
