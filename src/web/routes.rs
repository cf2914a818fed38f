//! The route registry: each route is registered together with its access policy, so the
//! router and the policy cannot drift apart, and tests can walk every route. The commission's
//! routes (evaluation, sessions, follow-up) are in `routes_cmp.rs`.

use axum::{
    Router,
    handler::Handler,
    http::Method,
    routing::{MethodFilter, on},
};

use super::{AppState, pages};
use crate::{
    calls::pages as calls,
    organisations::pages as organisations,
    projects::pages as projects,
    users::{Role, pages as users},
};

/// Who may reach a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Everyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users holding one of these roles (on any side; actions narrow to a side).
    AnyOf(&'static [Role]),
    /// Administrators.
    Admin,
}

/// One registered route.
#[derive(Clone, Debug)]
pub struct RouteDef {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

pub struct Registry {
    pub router: Router<AppState>,
    pub defs: Vec<RouteDef>,
}

impl Registry {
    fn add<H, T>(mut self, method: Method, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("standard method");
        self.router = self.router.route(path, on(filter, handler));
        self.defs.push(RouteDef {
            method,
            path,
            access,
        });
        self
    }
    pub(super) fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Self {
        self.add(Method::GET, path, access, h)
    }
    pub(super) fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Self {
        self.add(Method::POST, path, access, h)
    }
}

pub(super) const OFFICERS: &[Role] = &[Role::Officer];
pub(super) const APPLICANTS: &[Role] = &[Role::Applicant];
pub(super) const EVALUATORS: &[Role] = &[Role::Evaluator];
/// Who takes part in a commission session (the action narrows to the programme's sides).
pub(super) const SESSION_MEMBERS: &[Role] =
    &[Role::CommissionMember, Role::Officer, Role::Administrator];
pub(super) const COMMISSION_MEMBERS: &[Role] = &[Role::CommissionMember];
/// Who may open a funded project's page; the action narrows to its leads and the programme's
/// officers and members.
pub(super) const FOLLOWUP_VIEWERS: &[Role] = &[
    Role::Applicant,
    Role::Officer,
    Role::CommissionMember,
    Role::Administrator,
];
pub(super) const APPLICANTS_AND_OFFICERS: &[Role] = &[Role::Applicant, Role::Officer];
/// Who may open a project page; the action then narrows to its leads and its sides' officers.
pub(super) const PROJECT_VIEWERS: &[Role] = &[Role::Applicant, Role::Officer, Role::Administrator];

/// Every route of the application with its policy.
pub fn registry() -> Registry {
    use Access::*;
    let r = Registry {
        router: Router::new(),
        defs: Vec::new(),
    }
    .get("/", Public, pages::home)
    .get("/health", Public, pages::health)
    .get("/static/app.css", Public, pages::stylesheet)
    .get("/static/autosave.js", Public, pages::autosave_script)
    .post("/language", Public, pages::switch_language)
    .get("/signup", Public, users::sign_up_form)
    .post("/signup", Public, users::sign_up)
    .get("/verify-email", Public, users::verify_email_form)
    .post("/verify-email", Public, users::verify_email)
    .get("/verify-email/resend", Public, users::resend_form)
    .post("/verify-email/resend", Public, users::resend)
    .get("/login", Public, users::login_form)
    .post("/login", Public, users::login)
    .post("/logout", SignedIn, users::logout)
    .get("/password/forgot", Public, users::forgot_form)
    .post("/password/forgot", Public, users::forgot)
    .get("/password/reset", Public, users::reset_form)
    .post("/password/reset", Public, users::reset)
    .get("/invitation", Public, users::invitation_form)
    .post("/invitation", Public, users::accept_invitation)
    .get("/account", SignedIn, users::account_form)
    .post("/account", SignedIn, users::update_account)
    .get("/admin/users", Admin, users::admin_list)
    .get("/admin/users/new", Admin, users::invite_form)
    .post("/admin/users/new", Admin, users::invite)
    .get("/admin/users/{id}", Admin, users::admin_user)
    .post("/admin/users/{id}/grants", Admin, users::grant)
    .post(
        "/admin/users/{id}/grants/{grant_id}/revoke",
        Admin,
        users::revoke,
    )
    .get("/calls", Public, calls::list)
    .get("/calls/new", AnyOf(OFFICERS), calls::new_form)
    .post("/calls/new", AnyOf(OFFICERS), calls::create)
    .get("/calls/{id}", Public, calls::show)
    .get("/calls/{id}/edit", AnyOf(OFFICERS), calls::edit_form)
    .post("/calls/{id}/edit", AnyOf(OFFICERS), calls::update)
    .post("/calls/{id}/approve", AnyOf(OFFICERS), calls::approve)
    .post("/calls/{id}/archive", AnyOf(OFFICERS), calls::archive)
    .get(
        "/organisations/new",
        AnyOf(APPLICANTS_AND_OFFICERS),
        organisations::new_form,
    )
    .post(
        "/organisations/new",
        AnyOf(APPLICANTS_AND_OFFICERS),
        organisations::create,
    );
    super::routes_cmp::add(r)
        .get("/calls/{id}/apply", AnyOf(APPLICANTS), projects::start_form)
        .post("/calls/{id}/apply", AnyOf(APPLICANTS), projects::start)
        .get(
            "/calls/{id}/applications",
            AnyOf(OFFICERS),
            projects::officer_list,
        )
        .get(
            "/calls/{id}/applications.csv",
            AnyOf(OFFICERS),
            projects::officer_csv,
        )
        .get("/projects", AnyOf(APPLICANTS), projects::mine)
        .get("/projects/join", AnyOf(APPLICANTS), projects::join_form)
        .post("/projects/join", AnyOf(APPLICANTS), projects::join)
        .get("/projects/{id}", AnyOf(PROJECT_VIEWERS), projects::show)
        .get(
            "/projects/{id}/edit",
            AnyOf(APPLICANTS),
            projects::edit_form,
        )
        .post("/projects/{id}/edit", AnyOf(APPLICANTS), projects::edit)
        .get(
            "/projects/{id}/half",
            AnyOf(APPLICANTS),
            projects::half_form,
        )
        .post("/projects/{id}/half", AnyOf(APPLICANTS), projects::half)
        .get(
            "/projects/{id}/missions/new",
            AnyOf(APPLICANTS),
            projects::mission_form,
        )
        .post(
            "/projects/{id}/missions/new",
            AnyOf(APPLICANTS),
            projects::add_mission,
        )
        .post(
            "/projects/{id}/missions/{mission_id}/delete",
            AnyOf(APPLICANTS),
            projects::delete_mission,
        )
        .get(
            "/projects/{id}/invite",
            AnyOf(APPLICANTS),
            projects::invite_form,
        )
        .post("/projects/{id}/invite", AnyOf(APPLICANTS), projects::invite)
        .post("/projects/{id}/file", AnyOf(APPLICANTS), projects::file)
        .post(
            "/projects/{id}/withdraw",
            AnyOf(APPLICANTS),
            projects::withdraw,
        )
        .post(
            "/projects/{id}/attachments",
            AnyOf(APPLICANTS),
            projects::upload,
        )
        .get(
            "/attachments/{id}",
            AnyOf(PROJECT_VIEWERS),
            projects::download,
        )
        .post(
            "/attachments/{id}/delete",
            AnyOf(APPLICANTS),
            projects::remove_attachment,
        )
        .get("/receipts/public-key", Public, projects::public_key)
        .get(
            "/receipts/{id}/pdf",
            AnyOf(PROJECT_VIEWERS),
            projects::receipt_pdf,
        )
        .get("/receipts/{id}", AnyOf(PROJECT_VIEWERS), projects::receipt)
        .post(
            "/halves/{id}/admissibility",
            AnyOf(OFFICERS),
            projects::admissibility,
        )
        .post(
            "/halves/{id}/extension",
            AnyOf(OFFICERS),
            projects::extension,
        )
}
