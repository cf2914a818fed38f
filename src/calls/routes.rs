//! Routes of calls for projects: public reading, the officers' form and approval.

use super::{form_pages as forms, pages};
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
        .get("/calls/{id}", Public, pages::show)
        .get("/calls/{id}/edit", AnyOf(OFFICERS), forms::edit_form)
        .post("/calls/{id}/edit", AnyOf(OFFICERS), forms::update)
        .post("/calls/{id}/approve", AnyOf(OFFICERS), pages::approve)
        .post("/calls/{id}/archive", AnyOf(OFFICERS), pages::archive)
}
