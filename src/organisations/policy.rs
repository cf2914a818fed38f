//! Who may register an organisation: an applicant or an officer of the organisation's side
//! (each side's partners file with their own administration, rule 1). Pure.

use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    Register,
}

/// What the policy needs to know of an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The side the organisation belongs to.
    pub side: i64,
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    match perm {
        Perm::Register => {
            user.has_role_on(Role::Applicant, f.side) || user.has_role_on(Role::Officer, f.side)
        }
    }
}
