//! The routes of the Grands Rendez-vous: the officers' editions, the public call for
//! candidates and the candidates' candidacies.

use axum_extra::routing::TypedPath;

use super::{apply_pages, pages, paths};
use crate::http::{
    Access::{AnyOf, Public, SignedIn},
    Registry,
};
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
        // The call for candidates: public; candidacies are their author's (and their side's
        // officers', read only), which the actions check.
        .get(paths::CALLS, Public, apply_pages::calls)
        .get(paths::Call::PATH, Public, apply_pages::call)
        .post(paths::CallApply::PATH, SignedIn, apply_pages::apply)
        .get(paths::Candidacies::PATH, SignedIn, apply_pages::form)
        .post(paths::Candidacies::PATH, SignedIn, apply_pages::save)
        .get(
            paths::CandidaciesReview::PATH,
            SignedIn,
            apply_pages::review,
        )
        .post(paths::CandidaciesFile::PATH, SignedIn, apply_pages::file)
        .post(
            paths::CandidaciesConsent::PATH,
            SignedIn,
            apply_pages::consent,
        )
}
