//! The funded project page's views of what changes a project after selection: a proposal to
//! end it early, missions added, moved or cancelled, and the options of the change form.

use super::{
    actions::FundedView, mission_changes::ChangeLine, model::MissionStatus,
    termination::TerminationLine,
};
use crate::{http::Ctx, i18n::format_iso_date};

/// A mission change as the page lists it.
pub struct MissionChangeView {
    pub id: i64,
    pub text: String,
    pub status: String,
    pub needs_my_approval: bool,
    pub seen: String,
}

/// A proposal to end the project early, as its page shows it.
pub struct TerminationView {
    pub reason: String,
    /// "Wallonie-Bruxelles, Québec"
    pub approved: String,
    pub seen: String,
}

/// What [`build`] gives the page.
pub struct ChangeViews {
    pub termination: Option<TerminationView>,
    pub mission_changes: Vec<MissionChangeView>,
    /// (value, label) of the planned missions a change may move or cancel.
    pub changeable_missions: Vec<(String, String)>,
    /// (value `FROM-TO`, label) of the directions a new mission may take.
    pub directions: Vec<(String, String)>,
}

pub(super) fn build(
    ctx: &Ctx,
    v: &FundedView,
    termination: Option<TerminationLine>,
    mission_changes: Vec<ChangeLine>,
    side_name: &dyn Fn(i64) -> String,
) -> ChangeViews {
    let l = ctx.locale;
    let termination = termination.map(|t| TerminationView {
        approved: t
            .approved_by
            .iter()
            .map(|s| side_name(*s))
            .collect::<Vec<_>>()
            .join(", "),
        reason: t.reason,
        seen: t.seen,
    });
    let mission_changes = mission_changes
        .into_iter()
        .map(|c| {
            let m = &c.change.mission;
            let what = l.t_args(
                &format!("followup-change-{}", c.change.kind.as_str()),
                &[
                    (
                        "direction",
                        format!(
                            "{} → {}",
                            side_name(m.from_side_id),
                            side_name(m.to_side_id)
                        )
                        .into(),
                    ),
                    ("date", format_iso_date(&m.starts_on, l).into()),
                    ("days", m.days.into()),
                    ("purpose", m.purpose.clone().into()),
                ],
            );
            let decided = c.change.decided_at.is_some();
            MissionChangeView {
                id: c.change.id,
                text: what,
                status: ctx.t(if decided {
                    "decisions-decided"
                } else {
                    "decisions-awaiting"
                }),
                needs_my_approval: !decided
                    && v.viewer
                        .officer_of
                        .iter()
                        .any(|s| !c.approved_by.contains(s)),
                seen: c.seen,
            }
        })
        .collect();
    let changeable_missions = v
        .missions
        .iter()
        .filter(|m| m.status == MissionStatus::Planned)
        .map(|m| {
            (
                m.id.to_string(),
                format!(
                    "{} → {}, {} — {}",
                    side_name(m.mission.from_side_id),
                    side_name(m.mission.to_side_id),
                    format_iso_date(&m.mission.starts_on, l),
                    m.mission.purpose
                ),
            )
        })
        .collect();
    let directions = v
        .sides
        .iter()
        .flat_map(|a| {
            v.sides
                .iter()
                .filter(move |b| b.id != a.id)
                .map(move |b| (a, b))
        })
        .map(|(a, b)| {
            (
                format!("{}-{}", a.id, b.id),
                format!("{} → {}", side_name(a.id), side_name(b.id)),
            )
        })
        .collect();
    ChangeViews {
        termination,
        mission_changes,
        changeable_missions,
        directions,
    }
}
