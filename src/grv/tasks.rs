//! What the workspace lists of the Grands Rendez-vous' programme (issue 14, item 4): a
//! participant's own page, and a coach's participants — two statements.

use super::store::programme as pstore;
use crate::{
    db::Tx,
    error::AppResult,
    i18n::{Locale, Localized},
    viewer::{Role, Viewer},
};

/// A participant's page, named for the workspace.
pub struct ProgrammeLink {
    pub candidacy: i64,
    pub edition: i64,
    pub name: String,
    pub edition_title: Localized,
}

impl ProgrammeLink {
    pub fn title(&self, l: Locale) -> &str {
        self.edition_title.get(l)
    }
}

fn link(i: pstore::Involvement) -> ProgrammeLink {
    ProgrammeLink {
        candidacy: i.candidacy_id,
        edition: i.edition_id,
        name: i.name,
        edition_title: Localized::new(i.title_fr, i.title_en),
    }
}

/// The cohorts `user` takes part in, and (for a coach) the participants they follow.
pub async fn programme_links_in(
    tx: &mut Tx,
    user: &Viewer,
) -> AppResult<(Vec<ProgrammeLink>, Vec<ProgrammeLink>)> {
    let own = pstore::participations(tx, user.id).await?;
    let coached = if user.has_role(Role::Coach) {
        pstore::coached(tx, user.id).await?
    } else {
        Vec::new()
    };
    let mut coached: Vec<ProgrammeLink> = coached.into_iter().map(link).collect();
    // By edition (latest first), then by name as a reader sorts it (accents folded).
    coached.sort_by_cached_key(|p| (std::cmp::Reverse(p.edition), crate::i18n::fold(&p.name)));
    Ok((own.into_iter().map(link).collect(), coached))
}
