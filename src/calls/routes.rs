//! Routes of calls for projects: public reading, the officers' form and approval.

use axum_extra::routing::TypedPath;

use super::{form_pages as forms, pages, paths};
use crate::{
    http::{
        Access::{AnyOf, Public},
        Registry,
    },
    viewer::Role,
};

const OFFICERS: &[Role] = &[Role::Officer];

pub fn routes(r: Registry) -> Registry {
    r.get("/calls", Public, pages::list)
        .get("/calls/new", AnyOf(OFFICERS), forms::new_form)
        .post("/calls/new", AnyOf(OFFICERS), forms::create)
        .get(paths::CallsById::PATH, Public, pages::show)
        .get("/calls/{id}/edit", AnyOf(OFFICERS), forms::edit_form)
        .post("/calls/{id}/edit", AnyOf(OFFICERS), forms::update)
        .post(paths::CallsApprove::PATH, AnyOf(OFFICERS), pages::approve)
        .post(paths::CallsArchive::PATH, AnyOf(OFFICERS), pages::archive)
}
