//! The workspace's sections, one per role: each list of the read action named and formatted
//! for the reader, each item with the link where it is done.

use super::reads::Workspace;
use crate::{
    calls,
    commissions::{self, Commission},
    decisions, evaluations,
    followup::{self, paths::ProgrammesDashboard},
    grv,
    http::{Ctx, when_in_zone},
    i18n::format_iso_date,
    projects, users,
};

/// A task: what it is, where it is done, and a detail (counts, dates).
pub struct Line {
    pub href: Option<String>,
    pub text: String,
    pub detail: String,
}

/// A list of tasks of one kind, with the count its heading shows.
pub struct Group {
    pub title: String,
    pub count: i64,
    pub lines: Vec<Line>,
    /// Said when the list is empty.
    pub empty: String,
    /// Shown folded (what is done, kept for reference).
    pub folded: bool,
}

/// One role's part of the workspace.
pub struct Section {
    pub id: &'static str,
    pub title: String,
    /// A link beside the title (the dashboard, the people list).
    pub action: Option<(String, String)>,
    pub groups: Vec<Group>,
    pub note: Option<String>,
}

fn edition_title(ctx: &Ctx, editions: &[Commission], id: i64) -> String {
    editions
        .iter()
        .find(|c| c.id == id)
        .map(|c| commissions::editions::edition_title(c, ctx.locale))
        .unwrap_or_default()
}

pub fn officer_section(ctx: &Ctx, w: &Workspace) -> Option<Section> {
    let o = w.officer.as_ref()?;
    let l = ctx.locale;
    let admissibility = Group {
        title: ctx.t("workspace-admissibility"),
        count: o.admissibility.iter().map(|a| a.halves).sum(),
        lines: o
            .admissibility
            .iter()
            .map(|a| Line {
                href: Some(projects::paths::CallsApplications::url(a.call_id)),
                text: a.call_title.get(l).to_string(),
                detail: ctx.tn("workspace-halves-count", "count", a.halves as usize),
            })
            .collect(),
        empty: ctx.t("workspace-nothing"),
        folded: false,
    };
    let evaluation = Group {
        title: ctx.t("workspace-evaluation"),
        count: o.evaluation.len() as i64,
        lines: o
            .evaluation
            .iter()
            .map(|e| Line {
                href: Some(if e.has_grid {
                    evaluations::paths::CallsEvaluations::url(e.call_id)
                } else {
                    evaluations::paths::CallsGrid::url(e.call_id)
                }),
                text: e.call_title.get(l).to_string(),
                detail: if e.has_grid {
                    l.t_args(
                        "workspace-evaluation-progress",
                        &[
                            ("submitted", e.submitted.into()),
                            ("assigned", e.assigned.into()),
                            ("unassigned", e.unassigned.into()),
                        ],
                    )
                } else {
                    ctx.t("workspace-evaluation-no-grid")
                },
            })
            .collect(),
        empty: ctx.t("workspace-nothing"),
        folded: false,
    };
    let mut approvals: Vec<Line> = Vec::new();
    for c in &o.calls_awaiting {
        approvals.push(Line {
            href: Some(calls::paths::CallsById::url(c.id)),
            text: c.title.get(l).to_string(),
            detail: ctx.t("workspace-await-call"),
        });
    }
    for e in &o.editions_awaiting {
        approvals.push(Line {
            href: Some(commissions::paths::EditionsById::url(e.id)),
            text: commissions::editions::edition_title(e, l),
            detail: ctx.t("workspace-await-edition"),
        });
    }
    for f in &o.followup.awaiting {
        approvals.push(Line {
            href: Some(followup::paths::FundedById::url(f.funded_id)),
            text: f.title.clone(),
            detail: ctx.t(f.what.key()),
        });
    }
    let approvals = Group {
        title: ctx.t("workspace-approvals"),
        count: approvals.len() as i64,
        lines: approvals,
        empty: ctx.t("workspace-nothing"),
        folded: false,
    };
    let overdue = Group {
        title: ctx.t("workspace-overdue"),
        count: o.followup.overdue.iter().map(|r| r.reports as i64).sum(),
        lines: o
            .followup
            .overdue
            .iter()
            .map(|r| Line {
                href: Some(followup::paths::FundedById::url(r.funded_id)),
                text: r.title.clone(),
                detail: l.t_args(
                    "workspace-overdue-detail",
                    &[
                        ("count", (r.reports as i64).into()),
                        ("since", format_iso_date(&r.since.to_string(), l).into()),
                    ],
                ),
            })
            .collect(),
        empty: ctx.t("workspace-nothing"),
        folded: false,
    };
    Some(Section {
        id: "officer",
        title: ctx.t("workspace-officer"),
        action: o
            .dashboard
            .map(|p| (ProgrammesDashboard::url(p), ctx.t("workspace-dashboard"))),
        groups: vec![admissibility, evaluation, approvals, overdue],
        note: None,
    })
}

pub fn commission_section(ctx: &Ctx, w: &Workspace) -> Option<Section> {
    if !w.commission {
        return None;
    }
    let l = ctx.locale;
    let session_text = |kind: commissions::SessionKind, at: i64, zone: &str| {
        format!(
            "{} — {}",
            commissions::forms::kind_label(ctx, kind),
            when_in_zone(ctx, at, zone)
        )
    };
    let upcoming = Group {
        title: ctx.t("workspace-upcoming"),
        count: w.upcoming.len() as i64,
        lines: w
            .upcoming
            .iter()
            .map(|u| Line {
                href: Some(decisions::paths::SessionsById::url(u.session.id)),
                text: session_text(u.session.kind, u.session.starts_at, &u.session.time_zone),
                detail: format!(
                    "{}{}",
                    commissions::editions::edition_title(&u.edition, l),
                    if u.participant {
                        format!(" — {}", ctx.t("workspace-participant"))
                    } else {
                        String::new()
                    }
                ),
            })
            .collect(),
        empty: ctx.t("workspace-no-upcoming"),
        folded: false,
    };
    let line = |s: &decisions::tasks::SessionWork, detail: String, href: String| Line {
        href: Some(href),
        text: session_text(s.kind, s.starts_at, &s.time_zone),
        detail: format!(
            "{} — {}",
            edition_title(ctx, &w.editions, s.commission_id),
            detail
        ),
    };
    let to_approve: Vec<Line> = w
        .sessions
        .iter()
        .filter(|s| s.to_approve > 0)
        .map(|s| {
            let detail = ctx.tn("workspace-proposals-count", "count", s.to_approve as usize);
            line(s, detail, decisions::paths::SessionsById::url(s.id))
        })
        .collect();
    let to_open: Vec<Line> = w
        .sessions
        .iter()
        .filter(|s| s.to_open)
        .map(|s| {
            let detail = ctx.t("workspace-session-to-open");
            line(s, detail, decisions::paths::SessionsById::url(s.id))
        })
        .collect();
    let to_release: Vec<Line> = w
        .sessions
        .iter()
        .filter(|s| s.to_release)
        .map(|s| {
            line(
                s,
                ctx.t("workspace-session-to-release"),
                decisions::paths::SessionsById::url(s.id),
            )
        })
        .collect();
    let to_sign: Vec<Line> = w
        .sessions
        .iter()
        .filter(|s| s.to_sign)
        .map(|s| {
            line(
                s,
                ctx.t("workspace-minutes-to-sign"),
                decisions::paths::SessionsMinutes::url(s.id),
            )
        })
        .collect();
    let mut groups = vec![
        upcoming,
        Group {
            title: ctx.t("workspace-proposals"),
            count: w.sessions.iter().map(|s| s.to_approve).sum(),
            lines: to_approve,
            empty: ctx.t("workspace-nothing"),
            folded: false,
        },
    ];
    if !to_open.is_empty() {
        groups.insert(
            1,
            Group {
                title: ctx.t("workspace-to-open"),
                count: to_open.len() as i64,
                lines: to_open,
                empty: String::new(),
                folded: false,
            },
        );
    }
    if !to_release.is_empty() {
        groups.push(Group {
            title: ctx.t("workspace-releases"),
            count: to_release.len() as i64,
            lines: to_release,
            empty: String::new(),
            folded: false,
        });
    }
    if !to_sign.is_empty() {
        groups.push(Group {
            title: ctx.t("workspace-minutes"),
            count: to_sign.len() as i64,
            lines: to_sign,
            empty: String::new(),
            folded: false,
        });
    }
    if !w.recent.is_empty() {
        groups.push(Group {
            title: ctx.t("workspace-recent"),
            count: w.recent.len() as i64,
            lines: w
                .recent
                .iter()
                .map(|u| Line {
                    href: Some(decisions::paths::SessionsMinutes::url(u.session.id)),
                    text: session_text(u.session.kind, u.session.starts_at, &u.session.time_zone),
                    detail: format!(
                        "{} — {}",
                        commissions::editions::edition_title(&u.edition, l),
                        ctx.t("workspace-recent-minutes")
                    ),
                })
                .collect(),
            empty: String::new(),
            folded: true,
        });
    }
    Some(Section {
        id: "commission",
        title: ctx.t("workspace-commission"),
        action: Some((
            commissions::paths::EDITIONS.to_string(),
            ctx.t("workspace-editions"),
        )),
        groups,
        note: None,
    })
}

pub fn evaluator_section(ctx: &Ctx, w: &Workspace) -> Option<Section> {
    let a = w.assignments.as_ref()?;
    let l = ctx.locale;
    let line = |x: &evaluations::tasks::Assignment| Line {
        href: Some(evaluations::paths::EvaluationsById::url(x.id)),
        text: x.title.clone(),
        detail: match (x.submitted, x.due_at) {
            (false, Some(due)) => format!(
                "{} — {}",
                x.call_title.get(l),
                ctx.t1(
                    "workspace-due",
                    "when",
                    when_in_zone(ctx, due, &x.time_zone)
                )
            ),
            _ => x.call_title.get(l).to_string(),
        },
    };
    let todo: Vec<Line> = a
        .iter()
        .filter(|x| !x.submitted && x.open)
        .map(line)
        .collect();
    let done: Vec<Line> = a.iter().filter(|x| x.submitted).map(line).collect();
    // Withdrawn, inadmissible, or a conflict declared: nothing left to do on them.
    let closed: Vec<Line> = a
        .iter()
        .filter(|x| !x.submitted && !x.open)
        .map(line)
        .collect();
    Some(Section {
        id: "evaluator",
        title: ctx.t("workspace-evaluator"),
        action: None,
        groups: vec![
            Group {
                title: ctx.t("workspace-assignments-todo"),
                count: todo.len() as i64,
                lines: todo,
                empty: ctx.t("workspace-nothing"),
                folded: false,
            },
            Group {
                title: ctx.t("workspace-assignments-done"),
                count: done.len() as i64,
                lines: done,
                empty: ctx.t("workspace-none-yet"),
                folded: true,
            },
        ]
        .into_iter()
        .chain((!closed.is_empty()).then(|| Group {
            title: ctx.t("workspace-assignments-closed"),
            count: closed.len() as i64,
            lines: closed,
            empty: String::new(),
            folded: true,
        }))
        .collect(),
        note: None,
    })
}

pub fn admin_section(ctx: &Ctx, w: &Workspace) -> Option<Section> {
    let a = w.admin.as_ref()?;
    let l = ctx.locale;
    let sides: Vec<Line> = w
        .programmes
        .iter()
        .flat_map(|p| p.sides.iter())
        .map(|s| Line {
            href: None,
            text: format!("{} — {}", s.name.get(l), s.administration.get(l)),
            detail: format!("{} · {} · {}", s.time_zone, s.currency, s.locale.tag()),
        })
        .collect();
    Some(Section {
        id: "admin",
        title: ctx.t("workspace-admin"),
        action: Some((
            "/admin/users".to_string(),
            ctx.tn("workspace-people", "count", a.people as usize),
        )),
        groups: vec![
            Group {
                title: ctx.t("workspace-invitations"),
                count: a.invitations.len() as i64,
                lines: a
                    .invitations
                    .iter()
                    .map(|i| Line {
                        href: Some(users::paths::AdminUsersItem::url(i.user_id)),
                        text: format!("{} <{}>", i.name, i.email),
                        detail: ctx.t1(
                            "workspace-invitation-expires",
                            "when",
                            crate::i18n::format_datetime(i.expires_at, &ctx.time_zone, l),
                        ),
                    })
                    .collect(),
                empty: ctx.t("workspace-nothing"),
                folded: false,
            },
            Group {
                title: ctx.t("workspace-sides"),
                count: sides.len() as i64,
                lines: sides,
                empty: ctx.t("workspace-no-sides"),
                folded: false,
            },
        ],
        note: None,
    })
}

/// The Grands Rendez-vous' programme: a participant's own page; a coach's participants (or,
/// before any is assigned, what will come here).
pub fn grv_sections(ctx: &Ctx, w: &Workspace) -> Vec<Section> {
    let l = ctx.locale;
    let mut out = Vec::new();
    if !w.grv_own.is_empty() {
        out.push(Section {
            id: "grv-participant",
            title: ctx.t("workspace-grv-participant"),
            action: None,
            groups: vec![Group {
                title: ctx.t("workspace-grv-programmes"),
                count: w.grv_own.len() as i64,
                lines: w
                    .grv_own
                    .iter()
                    .map(|p| Line {
                        href: Some(grv::paths::Participants::url(p.candidacy)),
                        text: ctx.t("grv-participant-mine"),
                        detail: p.title(l).to_string(),
                    })
                    .collect(),
                empty: String::new(),
                folded: false,
            }],
            note: None,
        });
    }
    if w.coach {
        let lines: Vec<Line> = w
            .grv_coached
            .iter()
            .map(|p| Line {
                href: Some(grv::paths::Participants::url(p.candidacy)),
                text: p.name.clone(),
                detail: p.title(l).to_string(),
            })
            .collect();
        out.push(Section {
            id: "coach",
            title: ctx.t("workspace-coach"),
            action: w.grv_coached.first().map(|p| {
                (
                    grv::paths::EditionsProgramme::url(p.edition),
                    ctx.t("grv-programme-title"),
                )
            }),
            groups: if lines.is_empty() {
                Vec::new()
            } else {
                vec![Group {
                    title: ctx.t("workspace-coach-participants"),
                    count: lines.len() as i64,
                    lines,
                    empty: String::new(),
                    folded: false,
                }]
            },
            note: w
                .grv_coached
                .is_empty()
                .then(|| ctx.t("workspace-coach-note")),
        });
    }
    out
}
