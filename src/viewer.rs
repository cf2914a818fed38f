//! Who is signed in: the roles a person holds, per side, and the [`Viewer`] every request
//! carries. A foundation: the HTTP kit and every domain's policy read it; only `users` writes
//! the grants behind it.

use crate::i18n::Locale;

/// What a person may do. The first four are held on one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Applicant,
    Officer,
    Evaluator,
    CommissionMember,
    Coach,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Applicant,
        Role::Officer,
        Role::Evaluator,
        Role::CommissionMember,
        Role::Coach,
        Role::Administrator,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::Evaluator => "evaluator",
            Role::CommissionMember => "commission_member",
            Role::Coach => "coach",
            Role::Administrator => "administrator",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
    /// Applicants, officers, evaluators and commission members act for one side.
    pub fn is_per_side(self) -> bool {
        !matches!(self, Role::Coach | Role::Administrator)
    }
    /// Fluent key of the role's name.
    pub fn label_key(self) -> String {
        format!("role-{}", self.as_str().replace('_', "-"))
    }
}

/// A role held by a user, on a side where the role is per side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub id: i64,
    pub role: Role,
    pub side_id: Option<i64>,
    pub side_code: Option<String>,
    pub programme_id: Option<i64>,
    /// The side's identity as set up (acronym and logo text), shown beside the person's name.
    pub side_acronym: Option<String>,
    pub side_logo: Option<String>,
}

/// The signed-in person of a request, with every role they hold: the one notion of "who is
/// looking" that every policy takes. How they relate to an object (lead of a half, officer of
/// its side…) is a fact the domain computes, never a second viewer type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub time_zone: String,
    pub side_id: Option<i64>,
    pub grants: Vec<Grant>,
}

impl Viewer {
    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Administrator)
    }
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
    /// The one side this person acts for: the side every per-side grant names. None without
    /// a per-side grant, and for an account whose grants span two sides (granting that is
    /// refused; one set up before the rule acts for no side until an administrator fixes it),
    /// so nobody completes an "each side approves" act alone.
    pub fn acting_side(&self) -> Option<i64> {
        let mut sides = self.grants.iter().filter_map(|g| g.side_id);
        let first = sides.next()?;
        sides.all(|s| s == first).then_some(first)
    }
    /// The identity of the side this person acts for: (acronym, logo text), for the layout.
    pub fn side_identity(&self) -> Option<(&str, &str)> {
        let side = self.acting_side()?;
        let g = self.grants.iter().find(|g| g.side_id == Some(side))?;
        Some((
            g.side_acronym.as_deref().unwrap_or_default(),
            g.side_logo.as_deref().unwrap_or_default(),
        ))
    }
    /// Whether the user holds `role` on `side_id`, the side they act for.
    pub fn has_role_on(&self, role: Role, side_id: i64) -> bool {
        self.acting_side() == Some(side_id)
            && self
                .grants
                .iter()
                .any(|g| g.role == role && g.side_id == Some(side_id))
    }
    /// The side on which the user holds `role`, if it is the side they act for.
    pub fn side_as(&self, role: Role) -> Option<i64> {
        self.acting_side().filter(|s| self.has_role_on(role, *s))
    }
    pub fn actor(&self) -> crate::audit::Actor {
        crate::audit::Actor::user(self.id, &self.email)
    }
}
