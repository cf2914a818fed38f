//! Organisations and their kinds.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrganisationKind {
    University,
    ResearchCentre,
    Ngo,
    Cultural,
    Company,
    PublicBody,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 6] = [
        OrganisationKind::University,
        OrganisationKind::ResearchCentre,
        OrganisationKind::Ngo,
        OrganisationKind::Cultural,
        OrganisationKind::Company,
        OrganisationKind::PublicBody,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::University => "university",
            OrganisationKind::ResearchCentre => "research_centre",
            OrganisationKind::Ngo => "ngo",
            OrganisationKind::Cultural => "cultural",
            OrganisationKind::Company => "company",
            OrganisationKind::PublicBody => "public_body",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    pub id: i64,
    pub side_id: i64,
    pub kind: OrganisationKind,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(k.as_str()), Some(k));
        }
    }
}
