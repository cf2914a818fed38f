//! The workspace page: the applicant's projects and the open calls, then each role's section
//! (`sections.rs`), from the one read action.

use askama::Template;
use axum::{extract::State, response::Response};

use super::{
    reads::{self, MyProject},
    sections::{
        Section, admin_section, commission_section, evaluator_section, grv_sections,
        officer_section,
    },
};
use crate::{
    calls,
    error::AppResult,
    http::{AppState, Ctx, render, see_other},
    projects,
};

/// A line of the applicant's projects table.
pub struct ProjectRow {
    pub href: String,
    pub title: String,
    pub call: String,
    pub mine: String,
    pub other: String,
    pub step: String,
    pub step_href: Option<String>,
    pub deadline: Option<String>,
}

/// An open call with its deadlines, read in each side's zone.
pub struct OpenCall {
    pub href: String,
    /// The new project's form, for an applicant on one of the call's sides.
    pub apply: Option<String>,
    pub title: String,
    pub deadlines: Vec<String>,
}

#[derive(Template)]
#[template(path = "workspace/show.html")]
pub struct WorkspacePage {
    pub ctx: Ctx,
    pub projects: Option<Vec<ProjectRow>>,
    pub open_calls: Vec<OpenCall>,
    /// Whether the reader is an applicant (the open calls are theirs to see).
    pub can_apply: bool,
    pub sections: Vec<Section>,
}

fn project_row(ctx: &Ctx, p: &MyProject) -> ProjectRow {
    let h = &p.half;
    let id = h.project_id;
    let step_href = match p.step {
        super::model::NextStep::File => Some(projects::paths::ProjectsById::url(id)),
        super::model::NextStep::InvitePartner => Some(projects::paths::ProjectsInvite::url(id)),
        super::model::NextStep::FollowUp | super::model::NextStep::Decided(_) => {
            Some(projects::paths::ProjectsById::url(id))
        }
        _ => None,
    };
    ProjectRow {
        href: projects::paths::ProjectsById::url(id),
        title: if h.title.trim().is_empty() {
            ctx.t("workspace-untitled")
        } else {
            h.title.clone()
        },
        call: h.call_title.get(ctx.locale).to_string(),
        mine: ctx.t(&h.state.key()),
        other: h
            .other_state
            .map(|s| ctx.t(&s.key()))
            .unwrap_or_else(|| ctx.t("projects-state-missing")),
        step: ctx.t(p.step.key()),
        step_href,
        deadline: (p.step.has_deadline())
            .then(|| {
                p.call
                    .as_ref()
                    .map(|c| calls::pages::side_deadline(ctx, c, h.side_id, p.deadline))
            })
            .flatten(),
    }
}

pub async fn show(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let w = reads::workspace(&s.db, user).await?;
    if w.programmes.is_empty() && w.admin.is_some() {
        // Nothing to do before the programme exists: the set-up comes first.
        return Ok(see_other(crate::programmes::setup_pages::SETUP));
    }
    let mut sections: Vec<Section> = [
        officer_section(&ctx, &w),
        commission_section(&ctx, &w),
        evaluator_section(&ctx, &w),
        admin_section(&ctx, &w),
    ]
    .into_iter()
    .flatten()
    .collect();
    sections.extend(grv_sections(&ctx, &w));
    Ok(render(&WorkspacePage {
        projects: w
            .projects
            .as_ref()
            .map(|ps| ps.iter().map(|p| project_row(&ctx, p)).collect()),
        open_calls: w
            .open_calls
            .iter()
            .map(|(c, can_apply)| OpenCall {
                href: calls::paths::CallsById::url(c.id),
                apply: can_apply.then(|| projects::paths::CallsApply::url(c.id)),
                title: c.title.get(ctx.locale).to_string(),
                deadlines: calls::pages::deadline_lines(&ctx, c),
            })
            .collect(),
        can_apply: w.projects.is_some(),
        sections,
        ctx,
    }))
}
