//! The session's agenda: paired, filed projects with each side's ranked recommendation side
//! by side — hidden from everyone until the session opens (rule 4).

use super::{
    actions::{agenda_projects, context},
    model::{Decision, Resolution},
    policy::{self, Facts, Perm},
    store,
};
use crate::{
    commissions::SessionState,
    commissions::{self, Commission, Session},
    db::Db,
    error::AppResult,
    evaluations::{
        self,
        model::{Method, SideRanking, Verdict},
    },
    programmes::Side,
    projects::Project,
    users::Viewer,
};

/// A side's view of one project, shown to both sides once the session is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// Place in the side's ranking, from 1.
    pub rank: usize,
    /// Mean weighted score (thousandths) or mean jury place (hundredths), per `method`.
    pub value: Option<i64>,
    pub method: Method,
    pub recommendation: Option<(Verdict, String)>,
}

/// One project on the agenda, with each side's standing when the session is open.
pub struct AgendaItem {
    pub project: Project,
    /// (side, standing) — `None` while hidden.
    pub standings: Vec<(i64, Option<Standing>)>,
    pub decision: Option<Decision>,
}

pub struct SessionView {
    pub session: Session,
    pub state: SessionState,
    pub sides: Vec<Side>,
    pub my_sides: Vec<i64>,
    pub agenda: Vec<AgendaItem>,
    pub resolutions: Vec<Resolution>,
    /// The programme's commissions (to name a resolution's target).
    pub commissions: Vec<Commission>,
    /// A mid-term session's results once it has opened.
    pub midterm: Option<Vec<crate::followup::midterm::FundedRow>>,
    /// What the viewer may do here (the policy).
    pub can_take_part: bool,
    pub can_release: bool,
    /// A participant: the calendar file (and an online session's link) is theirs.
    pub can_join: bool,
    /// The sides that asked to open the session (it opens once every side has).
    pub opening_asked_by: Vec<i64>,
    /// Fingerprints carried by the forms: of the session (opening), of what it decided
    /// (release).
    pub session_seen: String,
    pub record_seen: String,
}

/// A side's ranking and recommendations on one call.
struct SideCall {
    call: i64,
    side: i64,
    ranking: SideRanking,
    recommendations: Vec<(i64, Verdict, String)>,
}

/// The session as `user` may see it. Each side's ranking and recommendations appear only once
/// the session is open; the agenda then follows the sides' combined places.
pub async fn session_view(db: &Db, user: &Viewer, id: i64) -> AppResult<SessionView> {
    let mut tx = db.read().await?;
    let (session, state, sides, my_sides) = context(&mut tx, user, id).await?;
    // Only a plenary decides on applications; a mid-term or themes session has other business.
    let projects = if session.kind == commissions::SessionKind::Plenary {
        agenda_projects(&mut tx, &session, &sides).await?
    } else {
        Vec::new()
    };
    let decisions = store::list(&mut tx, id).await?;
    let mut known: Vec<SideCall> = Vec::new();
    if state != SessionState::Scheduled {
        for (call, _) in &projects {
            if known.iter().any(|k| k.call == call.id) {
                continue;
            }
            for s in &sides {
                known.push(SideCall {
                    call: call.id,
                    side: s.id,
                    ranking: evaluations::actions::ranking_in(&mut tx, call.clone(), s.id).await?,
                    recommendations: evaluations::actions::recommendations_in(&mut tx, s.id)
                        .await?,
                });
            }
        }
    }
    let mut agenda: Vec<AgendaItem> = projects
        .into_iter()
        .map(|(call, p)| {
            let standings = sides
                .iter()
                .map(|s| {
                    let half = p.half_of_side(s.id).map(|h| h.id);
                    let standing = known
                        .iter()
                        .find(|k| k.call == call.id && k.side == s.id)
                        .and_then(|k| {
                            let i = k.ranking.order.iter().position(|(h, _)| Some(*h) == half)?;
                            Some(Standing {
                                rank: i + 1,
                                value: k.ranking.order[i].1,
                                method: k.ranking.method,
                                recommendation: k
                                    .recommendations
                                    .iter()
                                    .find(|(h, _, _)| Some(*h) == half)
                                    .map(|(_, v, n)| (*v, n.clone())),
                            })
                        });
                    (s.id, standing)
                })
                .collect();
            let decision = decisions.iter().find(|d| d.project_id == p.id).cloned();
            AgendaItem {
                project: p,
                standings,
                decision,
            }
        })
        .collect();
    // Once open, projects both sides placed high come first (sum of places, unevaluated last;
    // stable otherwise).
    agenda.sort_by_key(|a| {
        a.standings
            .iter()
            .map(|(_, s)| match s {
                Some(s) if s.value.is_some() => s.rank,
                Some(_) => 1000,
                None => 0,
            })
            .sum::<usize>()
    });
    let resolutions = store::list_resolutions(&mut tx, id).await?;
    let programme = commissions::actions::get(&mut tx, session.commission_id)
        .await?
        .programme_id;
    let commissions = commissions::actions::of_programme_in(&mut tx, programme).await?;
    let facts = Facts {
        sides: sides.iter().map(|s| s.id).collect(),
        state,
        released_by: store::releases(&mut tx, id).await?,
        signed_by: Vec::new(),
        participants: commissions::actions::participants_in(&mut tx, &[id])
            .await?
            .into_iter()
            .map(|(_, u)| u)
            .collect(),
        co_chairs: Vec::new(),
    };
    let midterm =
        if session.kind == commissions::SessionKind::Midterm && state != SessionState::Scheduled {
            let (_, rows) =
                crate::followup::midterm::overview_in(&mut tx, user, session.commission_id).await?;
            Some(rows)
        } else {
            None
        };
    let session_seen = super::model::session_fingerprint(&session);
    let opening_asked_by = if state == SessionState::Scheduled {
        store::openings_of(&mut tx, id, &session_seen).await?
    } else {
        Vec::new()
    };
    Ok(SessionView {
        session_seen: session_seen.0,
        record_seen: super::model::record_fingerprint(&decisions, &resolutions).0,
        opening_asked_by,
        midterm,
        can_take_part: policy::can(user, Perm::TakePart, &facts),
        can_release: policy::can(user, Perm::Release, &facts),
        can_join: policy::can(user, Perm::JoinMeeting, &facts),
        session,
        state,
        sides,
        my_sides,
        agenda,
        resolutions,
        commissions,
    })
}
