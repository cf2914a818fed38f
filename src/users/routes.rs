//! Account and administration routes.

use axum_extra::routing::TypedPath;

use super::{admin_pages as admin, pages, paths, token_pages as tokens};
use crate::http::{
    Access::{Admin, Public, SignedIn},
    Registry,
};

pub fn routes(r: Registry) -> Registry {
    r.get("/signup", Public, pages::sign_up_form)
        .post("/signup", Public, pages::sign_up)
        .get("/verify-email", Public, tokens::verify_email_form)
        .post("/verify-email", Public, tokens::verify_email)
        .get("/verify-email/resend", Public, tokens::resend_form)
        .post("/verify-email/resend", Public, tokens::resend)
        .get("/login", Public, pages::login_form)
        .post("/login", Public, pages::login)
        .post("/logout", SignedIn, pages::logout)
        .get("/password/forgot", Public, tokens::forgot_form)
        .post("/password/forgot", Public, tokens::forgot)
        .get("/password/reset", Public, tokens::reset_form)
        .post("/password/reset", Public, tokens::reset)
        .get("/invitation", Public, tokens::invitation_form)
        .post("/invitation", Public, tokens::accept_invitation)
        .get("/account", SignedIn, pages::account_form)
        .post("/account", SignedIn, pages::update_account)
        .get(
            crate::email::letter::SETTINGS_PATH,
            SignedIn,
            pages::notifications_form,
        )
        .post(
            crate::email::letter::SETTINGS_PATH,
            SignedIn,
            pages::save_notifications,
        )
        .get("/admin/users", Admin, admin::admin_list)
        .get("/admin/users/new", Admin, admin::invite_form)
        .post("/admin/users/new", Admin, admin::invite)
        .get(paths::AdminUsersItem::PATH, Admin, admin::admin_user)
        .post(paths::AdminUsersGrants::PATH, Admin, admin::grant)
        .post(paths::AdminUsersGrantsRevoke::PATH, Admin, admin::revoke)
}
