//! Who may administer accounts: administrators, never leaving the platform without one.
//! Pure: the viewer, the permission and the facts.

use crate::viewer::{Role, Viewer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// List, invite, grant roles.
    Administer,
    /// Revoke a grant (never the last administrator's).
    Revoke,
}

/// What the policy needs to know of a grant to revoke.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The role of the grant concerned.
    pub grant_role: Option<Role>,
    /// How many administrators the platform has.
    pub administrators: i64,
}

pub fn can(user: &Viewer, perm: Perm, f: &Facts) -> bool {
    let admin = user.is_admin();
    match perm {
        Perm::Administer => admin,
        Perm::Revoke => {
            admin && !(f.grant_role == Some(Role::Administrator) && f.administrators <= 1)
        }
    }
}
