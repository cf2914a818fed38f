//! The officers' routes for Grands Rendez-vous editions.

use axum_extra::routing::TypedPath;

use super::{pages, paths};
use crate::http::{Access::AnyOf, Registry};
use crate::viewer::Role::{Administrator, Officer};

pub fn routes(r: Registry) -> Registry {
    let readers = AnyOf(&[Officer, Administrator]);
    let officers = AnyOf(&[Officer]);
    r.get(paths::EDITIONS, readers, pages::list)
        .get(paths::EDITIONS_NEW, officers, pages::new_form)
        .post(paths::EDITIONS_NEW, officers, pages::create)
        .get(paths::EditionsById::PATH, readers, pages::show)
        .get(paths::EditionsEdit::PATH, officers, pages::edit_form)
        .post(paths::EditionsEdit::PATH, officers, pages::update)
        .post(paths::EditionsApprove::PATH, officers, pages::approve)
        .post(paths::EditionsAdvance::PATH, officers, pages::advance)
}
