//! The workspace's one read action: every role's task list, in one read transaction, each
//! domain's list in a fixed number of statements.

use super::model::{NextStep, next_step};
use crate::{
    calls::{self, Call, model::Phase},
    commissions::{
        self, Commission,
        tasks::{CommissionTasks, UpcomingSession},
    },
    db::Db,
    decisions::{self, tasks::SessionWork},
    error::AppResult,
    evaluations::{
        self,
        tasks::{Assignment, CallProgress},
    },
    followup::{self, tasks::FollowupTasks},
    grv,
    programmes::{self, Programme},
    projects::{
        self,
        tasks::{LedHalf, PendingAdmissibility},
    },
    users::{self, tasks::AdminTasks},
    viewer::{Role, Viewer},
};

/// One of the applicant's projects, with where it stands.
pub struct MyProject {
    pub half: LedHalf,
    pub step: NextStep,
    /// The side's deadline (its extension included) and the call, for the zones it is read in.
    pub deadline: i64,
    pub call: Option<Call>,
}

/// What an officer's side has to do.
pub struct OfficerWork {
    pub admissibility: Vec<PendingAdmissibility>,
    pub evaluation: Vec<CallProgress>,
    pub calls_awaiting: Vec<Call>,
    pub editions_awaiting: Vec<Commission>,
    pub followup: FollowupTasks,
    /// The programme whose dashboard is one click away.
    pub dashboard: Option<i64>,
}

pub struct Workspace {
    /// The applicant's projects, when they hold the role.
    pub projects: Option<Vec<MyProject>>,
    /// Calls open for filing now, each with whether the reader may apply to it (the calls
    /// policy: an applicant on one of its sides).
    pub open_calls: Vec<(Call, bool)>,
    pub officer: Option<OfficerWork>,
    pub assignments: Option<Vec<Assignment>>,
    /// The sessions with something for the reader to do (officers, commission members).
    pub sessions: Vec<SessionWork>,
    pub upcoming: Vec<UpcomingSession>,
    pub recent: Vec<UpcomingSession>,
    /// Every edition, to name the sessions of the lists above.
    pub editions: Vec<Commission>,
    /// Whether the reader takes part in the commission's work (officer or member).
    pub commission: bool,
    pub admin: Option<AdminTasks>,
    pub programmes: Vec<Programme>,
    pub coach: bool,
    /// The Grands Rendez-vous cohorts the reader takes part in, and a coach's participants.
    pub grv_own: Vec<grv::tasks::ProgrammeLink>,
    pub grv_coached: Vec<grv::tasks::ProgrammeLink>,
}

/// `user`'s workspace: each section for a role they hold, nothing else.
pub async fn workspace(db: &Db, user: &Viewer) -> AppResult<Workspace> {
    let mut tx = db.read().await?;
    let now = tx.now_ms();
    let side = user.acting_side();
    let calls = calls::actions::all_calls_in(&mut tx).await?;
    let programmes = programmes::actions::list_programmes_in(&mut tx).await?;

    let projects = if user.has_role(Role::Applicant) {
        let halves = projects::tasks::led_halves_in(&mut tx, user.id).await?;
        let ids: Vec<i64> = halves.iter().map(|h| h.project_id).collect();
        let outcomes = decisions::tasks::released_outcomes_in(&mut tx, &ids).await?;
        let funded = followup::tasks::funded_of_projects_in(&mut tx, &ids).await?;
        Some(
            halves
                .into_iter()
                .map(|half| {
                    let call = calls.iter().find(|c| c.id == half.call_id).cloned();
                    let deadline = call
                        .as_ref()
                        .and_then(|c| c.side(half.side_id))
                        .map(|s| s.deadline_at)
                        .unwrap_or(0)
                        .max(half.extension_until.unwrap_or(0));
                    let outcome = outcomes
                        .iter()
                        .find(|(p, s, _)| *p == half.project_id && *s == half.side_id)
                        .map(|(_, _, o)| *o);
                    let is_funded = funded.iter().any(|(p, _)| *p == half.project_id);
                    MyProject {
                        step: next_step(
                            half.state,
                            half.other_state,
                            deadline,
                            now,
                            outcome,
                            is_funded,
                        ),
                        deadline,
                        call,
                        half,
                    }
                })
                .collect(),
        )
    } else {
        None
    };

    let officer_side = side.filter(|s| user.has_role_on(Role::Officer, *s));
    let member_side = side.filter(|s| user.has_role_on(Role::CommissionMember, *s));
    let officer = match officer_side {
        Some(s) => Some(OfficerWork {
            admissibility: projects::tasks::awaiting_admissibility_in(&mut tx, s).await?,
            evaluation: evaluations::tasks::progress_in(&mut tx, s).await?,
            calls_awaiting: calls
                .iter()
                // What the calls policy lets this officer approve now.
                .filter(|c| {
                    calls::policy::can(
                        Some(user),
                        calls::policy::Perm::Approve,
                        &calls::policy::Facts::of(c, now),
                    )
                })
                .cloned()
                .collect(),
            editions_awaiting: Vec::new(),
            followup: followup::tasks::tasks_in(&mut tx, s, &user.time_zone).await?,
            dashboard: programmes
                .iter()
                .find(|p| p.sides.iter().any(|ps| ps.id == s))
                .map(|p| p.id),
        }),
        None => None,
    };
    let commission_side = officer_side.or(member_side);
    let (sessions, tasks) = match commission_side {
        Some(s) => (
            decisions::tasks::session_work_in(&mut tx, user, s).await?,
            Some(commissions::tasks::tasks_in(&mut tx, user, s).await?),
        ),
        None => (Vec::new(), None),
    };
    let CommissionTasks {
        editions,
        editions_awaiting,
        upcoming,
        recent,
    } = tasks.unwrap_or(CommissionTasks {
        editions: Vec::new(),
        editions_awaiting: Vec::new(),
        upcoming: Vec::new(),
        recent: Vec::new(),
    });
    let officer = officer.map(|o| OfficerWork {
        editions_awaiting,
        ..o
    });
    let assignments = if user.has_role(Role::Evaluator) {
        Some(evaluations::tasks::assignments_in(&mut tx, user).await?)
    } else {
        None
    };
    let admin = users::tasks::admin_in(&mut tx, user).await?;
    let mut open_calls: Vec<Call> = calls
        .into_iter()
        .filter(|c| c.phase(now) == Phase::Open)
        .collect();
    open_calls.sort_by_key(Call::last_deadline);
    let open_calls = open_calls
        .into_iter()
        .map(|c| {
            let apply = calls::policy::can(
                Some(user),
                calls::policy::Perm::Apply,
                &calls::policy::Facts::of(&c, now),
            );
            (c, apply)
        })
        .collect();
    let (grv_own, grv_coached) = grv::tasks::programme_links_in(&mut tx, user).await?;
    Ok(Workspace {
        grv_own,
        grv_coached,
        projects,
        open_calls,
        officer,
        assignments,
        sessions,
        upcoming,
        recent,
        editions,
        commission: commission_side.is_some(),
        admin,
        programmes,
        coach: user.has_role(Role::Coach),
    })
}
