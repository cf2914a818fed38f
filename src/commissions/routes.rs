//! The officers' routes for CMP editions and their sessions.

use axum_extra::routing::TypedPath;

use super::{pages, paths};
use crate::http::{Access::AnyOf, Registry};
use crate::viewer::Role::{Administrator, CommissionMember, Officer};

pub fn routes(r: Registry) -> Registry {
    let readers = AnyOf(&[Officer, CommissionMember, Administrator]);
    let officers = AnyOf(&[Officer]);
    r.get(paths::EDITIONS, readers, pages::list)
        .get(paths::EDITIONS_NEW, officers, pages::new_form)
        .post(paths::EDITIONS_NEW, officers, pages::create)
        .get(paths::EditionsById::PATH, readers, pages::show)
        .get(paths::EditionsEdit::PATH, officers, pages::edit_form)
        .post(paths::EditionsEdit::PATH, officers, pages::update)
        .post(paths::EditionsApprove::PATH, officers, pages::approve)
        .get(
            paths::EditionsSessionsNew::PATH,
            officers,
            pages::new_session_form,
        )
        .post(paths::EditionsSessionsNew::PATH, officers, pages::convene)
        .get(paths::SessionsMove::PATH, officers, pages::move_form)
        .post(paths::SessionsMove::PATH, officers, pages::move_session)
        .get(paths::SessionsCancel::PATH, officers, pages::cancel_form)
        .post(paths::SessionsCancel::PATH, officers, pages::cancel)
}
