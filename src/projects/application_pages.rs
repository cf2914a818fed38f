//! The application as filed, whole and printable: every half its reader may read (the same
//! section the evaluator reads beside the form), its files previewed inline.

use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};

use super::{application_read, application_view::ApplicationView, paths};
use crate::{
    error::AppResult,
    http::{AppState, Ctx, file_download, file_inline, render},
    ids::ProjectId,
};

#[derive(Template)]
#[template(path = "projects/application.html")]
pub struct ApplicationPage {
    pub ctx: Ctx,
    pub title: String,
    pub call_title: String,
    pub call_href: String,
    /// The project's own page, for those who may open it.
    pub project_href: Option<String>,
    /// Each readable half's section, rendered.
    pub halves: Vec<String>,
}

pub async fn show(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsApplication { id: ProjectId(id) }: paths::ProjectsApplication,
) -> AppResult<Response> {
    let read = application_read::application(&s.db, ctx.require_user()?, id).await?;
    let halves = read
        .versions
        .iter()
        .map(|v| {
            ApplicationView::of(&ctx, v, &read.call, &read.themes, |file| {
                paths::ProjectsApplicationFile::url(id, file)
            })
            .html()
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(render(&ApplicationPage {
        title: read.title.clone(),
        call_title: read.call.title.get(ctx.locale).to_string(),
        call_href: crate::calls::paths::CallsById::url(read.call.id),
        project_href: read
            .can_view_project
            .then(|| paths::ProjectsById::url(read.project_id)),
        halves,
        ctx,
    }))
}

/// `?view=inline`: shown in the page's preview (PDFs and images); downloaded otherwise.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FileQuery {
    pub view: String,
}

impl FileQuery {
    pub fn respond(&self, filename: &str, content_type: &str, bytes: Vec<u8>) -> Response {
        if self.view == "inline" {
            file_inline(filename, content_type, bytes)
        } else {
            file_download(filename, content_type, bytes)
        }
    }
}

pub async fn file(
    State(s): State<AppState>,
    ctx: Ctx,
    paths::ProjectsApplicationFile {
        id: ProjectId(id),
        file,
    }: paths::ProjectsApplicationFile,
    Query(q): Query<FileQuery>,
) -> AppResult<Response> {
    let (a, bytes) = application_read::application_file(
        &s.db,
        &s.settings.storage,
        ctx.require_user()?,
        id,
        file,
    )
    .await?;
    Ok(q.respond(&a.filename, &a.content_type, bytes))
}
