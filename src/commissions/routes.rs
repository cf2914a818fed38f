//! The officers' routes for CMP editions and their sessions.

use axum_extra::routing::TypedPath;

use super::{edition_pages as editions, paths, session_pages as sessions};
use crate::http::{Access::AnyOf, Registry};
use crate::viewer::Role::{Administrator, CommissionMember, Officer};

pub fn routes(r: Registry) -> Registry {
    let readers = AnyOf(&[Officer, CommissionMember, Administrator]);
    let officers = AnyOf(&[Officer]);
    r.get(paths::EDITIONS, readers, editions::list)
        .get(paths::EDITIONS_NEW, officers, editions::new_form)
        .post(paths::EDITIONS_NEW, officers, editions::create)
        .get(paths::EditionsById::PATH, readers, editions::show)
        .get(paths::EditionsEdit::PATH, officers, editions::edit_form)
        .post(paths::EditionsEdit::PATH, officers, editions::update)
        .post(paths::EditionsApprove::PATH, officers, editions::approve)
        .get(
            paths::EditionsSessionsNew::PATH,
            officers,
            sessions::new_session_form,
        )
        .post(
            paths::EditionsSessionsNew::PATH,
            officers,
            sessions::convene,
        )
        .get(paths::SessionsMove::PATH, officers, sessions::move_form)
        .post(paths::SessionsMove::PATH, officers, sessions::move_session)
        .get(paths::SessionsCancel::PATH, officers, sessions::cancel_form)
        .post(paths::SessionsCancel::PATH, officers, sessions::cancel)
}
