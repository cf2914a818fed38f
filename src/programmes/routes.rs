//! The set-up's routes (administrators, on the first run).

use super::setup_pages::{self as setup, SETUP};
use crate::http::{Access::Admin, Registry};

pub fn routes(r: Registry) -> Registry {
    r.get(SETUP, Admin, setup::setup_form)
        .post(SETUP, Admin, setup::set_up)
}
