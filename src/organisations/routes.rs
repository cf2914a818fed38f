//! Routes of organisations: applicants and officers register one.

use super::pages;
use crate::{
    http::{Access::AnyOf, Registry},
    viewer::Role,
};

const APPLICANTS_AND_OFFICERS: &[Role] = &[Role::Applicant, Role::Officer];

pub fn routes(r: Registry) -> Registry {
    r.get(
        "/organisations/new",
        AnyOf(APPLICANTS_AND_OFFICERS),
        pages::new_form,
    )
    .post(
        "/organisations/new",
        AnyOf(APPLICANTS_AND_OFFICERS),
        pages::create,
    )
}
