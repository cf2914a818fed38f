//! Administration pages: the list of accounts, invitations, one account with its roles.

use super::paths;
use crate::http::sort::{Header, Sort};

use askama::Template;
use axum::{Form, extract::State, http::StatusCode, response::Response};

use super::{
    admin,
    forms::{GrantForm, InviteForm},
    model::{Grant, Role, User},
    pages::{locale_options, side_options},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{AppState, Ctx, form::*, render, render_status, see_other},
    programmes::{self, Side},
};

/// One row of the accounts table, already rendered for the viewer.
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub roles: String,
    pub status: String,
}

fn roles_text(ctx: &Ctx, grants: &[Grant]) -> String {
    grants
        .iter()
        .map(|g| match &g.side_code {
            Some(code) => format!("{} ({code})", ctx.t(&g.role.label_key())),
            None => ctx.t(&g.role.label_key()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn status_text(ctx: &Ctx, u: &User) -> String {
    ctx.t(match (u.disabled_at, u.email_verified_at, u.has_password) {
        (Some(_), _, _) => "users-status-disabled",
        (None, _, false) => "users-status-invited",
        (None, None, true) => "users-status-unverified",
        (None, Some(_), true) => "users-status-active",
    })
}

#[derive(Template)]
#[template(path = "users/admin_list.html")]
pub struct AdminListPage {
    pub ctx: Ctx,
    pub rows: Vec<UserRow>,
    /// Just after the set-up: what to do next.
    pub setup_done: bool,
    /// The search as typed, kept in its field.
    pub q: String,
    /// How many match, and which page this is when there are several.
    pub caption: String,
    /// The previous and next pages' links, when there are.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The sortable column headings (name, address).
    pub headers: Vec<Header>,
    /// The order, kept by the search form.
    pub sort: String,
    pub dir: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AdminListQuery {
    pub setup: String,
    /// Searched in names and email addresses.
    pub q: String,
    /// 1-based; anything else is the first page.
    pub page: String,
    /// The column sorted by (`name`, `email`) and `asc` or `desc`.
    pub sort: String,
    pub dir: String,
}

/// The columns the accounts list sorts by.
const SORTABLE: [(&str, &str); 2] = [("name", "users-field-name"), ("email", "users-field-email")];

fn caption(ctx: &Ctx, total: i64, page: i64, pages: i64) -> String {
    let count = ctx.tn("users-admin-count", "count", total as usize);
    if pages > 1 {
        format!(
            "{count} — {}",
            ctx.t1("users-admin-page", "page", format!("{page}/{pages}"))
        )
    } else {
        count
    }
}

/// The list's other parameters (the search), kept by the sort links and the pages.
fn search_query(q: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !q.is_empty() {
        query.append_pair("q", q);
    }
    query.finish()
}

fn list_url(q: &str, sort: &Sort, page: i64) -> String {
    let search = search_query(q);
    let sep = if search.is_empty() { "" } else { "&" };
    format!("/admin/users?{search}{sep}{}&page={page}", sort.query())
}

pub async fn admin_list(
    State(s): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<AdminListQuery>,
) -> AppResult<Response> {
    let admin = ctx.require_user()?;
    let search = q.q.trim().to_string();
    let columns: Vec<&'static str> = SORTABLE.iter().map(|(c, _)| *c).collect();
    let sort = Sort::parse(&q.sort, &q.dir, &columns, "name");
    let list = admin::list_users(&s.db, admin, &search, q.page.parse().unwrap_or(1), &sort).await?;
    let rows = list
        .users
        .into_iter()
        .map(|(u, g)| UserRow {
            id: u.id,
            roles: roles_text(&ctx, &g),
            status: status_text(&ctx, &u),
            name: u.name,
            email: u.email,
        })
        .collect();
    let caption = caption(&ctx, list.total, list.page, list.pages);
    let headers = sort.headers(&ctx, "/admin/users", &search_query(&search), &SORTABLE);
    Ok(render(&AdminListPage {
        ctx,
        rows,
        setup_done: q.setup == "done",
        prev: (list.page > 1).then(|| list_url(&search, &sort, list.page - 1)),
        next: (list.page < list.pages).then(|| list_url(&search, &sort, list.page + 1)),
        headers,
        sort: sort.column.to_string(),
        dir: if sort.descending { "desc" } else { "asc" }.to_string(),
        q: search,
        caption,
    }))
}

fn role_options(ctx: &Ctx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_string(), ctx.t(&r.label_key())))
        .collect()
}

fn invite_page(ctx: &Ctx, sides: &[Side], f: &InviteForm) -> FormPage {
    let locale = if f.locale.is_empty() {
        ctx.locale.tag()
    } else {
        &f.locale
    };
    FormPage::new(
        ctx,
        "users-invite-title",
        "/admin/users/new",
        "users-invite-submit",
    )
    .intro("users-invite-intro")
    .field(Field::text(ctx, "name", "users-field-name", &f.name))
    .field(Field::email(ctx, "email", "users-field-email", &f.email).autocomplete("off"))
    .field(Field::select(
        ctx,
        "role",
        "users-field-role",
        role_options(ctx),
        &f.role,
    ))
    .field(
        Field::select(
            ctx,
            "side",
            "users-field-side",
            side_options(ctx, sides, Some("users-side-none")),
            &f.side,
        )
        .hint(ctx, "users-grant-side-hint"),
    )
    .field(Field::select(
        ctx,
        "locale",
        "users-field-locale",
        locale_options(ctx),
        locale,
    ))
    .link("/admin/users", "users-admin-title")
}

pub async fn invite_form(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let sides = programmes::actions::list_sides(&s.db).await?;
    Ok(invite_page(&ctx, &sides, &InviteForm::default()).respond(&FieldErrors::default()))
}

pub async fn invite(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(f): Form<InviteForm>,
) -> AppResult<Response> {
    let admin = ctx.require_user()?;
    let sides = programmes::actions::list_sides(&s.db).await?;
    let account = match f.parse(&sides) {
        Ok(a) => a,
        Err(e) => return Ok(invite_page(&ctx, &sides, &f).respond(&e)),
    };
    match admin::invite_user(&s.db, &s.settings.public_url, admin, account).await {
        Ok(id) => Ok(see_other(&paths::AdminUsersItem { id }.to_string())),
        Err(AppError::Invalid(e)) => Ok(invite_page(&ctx, &sides, &f).respond(&e)),
        Err(e) => Err(e),
    }
}

pub struct GrantRow {
    pub id: i64,
    pub label: String,
}

#[derive(Template)]
#[template(path = "users/admin_user.html")]
pub struct AdminUserPage {
    pub ctx: Ctx,
    pub user: UserRow,
    pub grants: Vec<GrantRow>,
    /// The grant form, posted to `/admin/users/{id}/grants`.
    pub form: FormPage,
}

async fn user_page(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    f: &GrantForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let admin = ctx.require_user()?;
    let admin::UserPage {
        user: u,
        grants,
        sides,
    } = admin::user_page(&s.db, admin, id).await?;
    let form = FormPage::new(
        ctx,
        "users-grant-title",
        &format!("/admin/users/{id}/grants"),
        "users-grant-submit",
    )
    .field(Field::select(
        ctx,
        "role",
        "users-field-role",
        role_options(ctx),
        &f.role,
    ))
    .field(
        Field::select(
            ctx,
            "side",
            "users-field-side",
            side_options(ctx, &sides, Some("users-side-none")),
            &f.side,
        )
        .hint(ctx, "users-grant-side-hint"),
    );
    let mut form = form.with_errors(errors);
    if status == StatusCode::CONFLICT {
        form.notice = Some(ctx.t("users-error-last-admin"));
    }
    let page = AdminUserPage {
        ctx: ctx.clone(),
        grants: grants
            .iter()
            .map(|g| GrantRow {
                id: g.id,
                label: roles_text(ctx, std::slice::from_ref(g)),
            })
            .collect(),
        user: UserRow {
            id: u.id,
            roles: roles_text(ctx, &grants),
            status: status_text(ctx, &u),
            name: u.name,
            email: u.email,
        },
        form,
    };
    Ok(render_status(status, &page))
}

pub async fn admin_user(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::AdminUsersItem { id }: paths::AdminUsersItem,
) -> AppResult<Response> {
    user_page(
        &s,
        &ctx,
        id,
        &GrantForm::default(),
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn grant(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::AdminUsersGrants { id }: paths::AdminUsersGrants,
    Form(f): Form<GrantForm>,
) -> AppResult<Response> {
    let admin = ctx.require_user()?;
    let sides = programmes::actions::list_sides(&s.db).await?;
    let result = match f.parse(&sides) {
        Ok((role, side_id)) => admin::grant_role(&s.db, admin, id, role, side_id)
            .await
            .map(|_| ()),
        Err(e) => Err(AppError::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(see_other(&paths::AdminUsersItem { id }.to_string())),
        Err(AppError::Invalid(e)) => {
            user_page(&s, &ctx, id, &f, &e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e),
    }
}

pub async fn revoke(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::AdminUsersGrantsRevoke { id, grant_id }: paths::AdminUsersGrantsRevoke,
) -> AppResult<Response> {
    let admin = ctx.require_user()?;
    match admin::revoke_role(&s.db, admin, id, grant_id).await {
        Ok(()) => Ok(see_other(&paths::AdminUsersItem { id }.to_string())),
        Err(AppError::Conflict(_)) => {
            user_page(
                &s,
                &ctx,
                id,
                &GrantForm::default(),
                &FieldErrors::default(),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
