//! Ids of the main entities as newtypes: a project id cannot be passed where a call id is
//! expected. They read and write as plain integers (database, paths, forms, JSON).

macro_rules! id_newtype {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    )+};
}

id_newtype!(
    /// A call for projects.
    CallId,
    /// A joint project.
    ProjectId,
    /// One side's half of a joint project.
    HalfId,
    /// A funded project (a selected project in follow-up).
    FundedId,
    /// A session of a commission.
    SessionId,
    /// A commission (CMP edition).
    CommissionId,
    /// A resolution of a session (a decision not about one project).
    ResolutionId,
    /// A programme.
    ProgrammeId,
    /// A side of a programme (an administration).
    SideId,
    /// An account.
    UserId,
    /// An edition of the Grands Rendez-vous.
    GrvEditionId,
    /// A candidacy to a Grands Rendez-vous edition (also its submission's id).
    GrvCandidacyId,
    /// A session of a Grands Rendez-vous' programme.
    GrvSessionId,
);

/// Anything a template or an email holds an id as: the integer itself or a reference to it
/// (templates hand over references), for the typed paths' `url` constructors.
pub trait RawId {
    fn raw(&self) -> i64;
}

impl RawId for i64 {
    fn raw(&self) -> i64 {
        *self
    }
}

impl<T: RawId + ?Sized> RawId for &T {
    fn raw(&self) -> i64 {
        (**self).raw()
    }
}
