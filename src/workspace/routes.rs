//! The workspace's route: every signed-in person has one.

use super::{PATH, pages};
use crate::http::{Access::SignedIn, Registry};

pub fn routes(r: Registry) -> Registry {
    r.get(PATH, SignedIn, pages::show)
}
