//! The filed application as its readers see it: every field of a receipt's content, named and
//! formatted for the reader (instants in each side's zone, the budget in each side's currency),
//! with the receipt that signs it. The markup keeps every value exact and machine-readable
//! (`<data value>`, `<time datetime>`, `data-*` for the ids), so what the page shows can be
//! checked against the receipt's hash (`tests/it/reading.rs` rebuilds the content from it).

use askama::Template;

use super::{filed::FiledVersion, filing::FiledContent, model::Mission, store::AttachmentRow};
use crate::{
    calls::Call,
    commissions::Theme,
    error::{AppError, AppResult},
    http::{Ctx, when_in_zone},
    i18n::{format_iso_date, format_number},
};

/// A mission of the filed version, with its sides named and its date formatted.
pub struct MissionLine {
    pub m: Mission,
    pub from: String,
    pub to: String,
    pub date: String,
}

/// A file of the filed version, with where the reader downloads it.
pub struct FileLine {
    pub a: AttachmentRow,
    pub url: String,
    pub size: String,
    /// Where the browser shows it inline (PDFs and images), for the preview beside it.
    pub preview: Option<String>,
    pub image: bool,
}

/// An instant: exact (`datetime`, RFC 3339 in UTC) and as read on each side.
pub struct Instant {
    pub iso: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "projects/_application.html")]
pub struct ApplicationView {
    pub ctx: Ctx,
    /// The content the receipt's hash covers, shown as is.
    pub c: FiledContent,
    pub receipt_id: i64,
    pub receipt_sha: String,
    pub receipt_payload: String,
    pub receipt_signature: String,
    /// (id, name) of the filed themes.
    pub themes: Vec<(i64, String)>,
    pub side: String,
    /// Which half and version this is.
    pub subtitle: String,
    pub kind: String,
    pub renewal: String,
    /// (field, label, text) of the long texts, in the form's order.
    pub long_texts: Vec<(&'static str, String, String)>,
    pub state: String,
    pub admissibility: String,
    pub duration: String,
    pub filed_at: Option<Instant>,
    pub extension_until: Option<Instant>,
    pub missions: Vec<MissionLine>,
    pub files: Vec<FileLine>,
    pub budget: Vec<String>,
}

impl ApplicationView {
    /// The view of `v` for the reader of `ctx`; `file_url` gives where the reader downloads a
    /// file of it (each reading domain serves the files it lets its readers read).
    pub fn of(
        ctx: &Ctx,
        v: &FiledVersion,
        call: &Call,
        themes: &[Theme],
        file_url: impl Fn(i64) -> String,
    ) -> ApplicationView {
        let l = ctx.locale;
        let c = v.content.clone();
        let side_name = |id: i64| {
            call.side(id)
                .map(|s| s.side_name.get(l).to_string())
                .unwrap_or_default()
        };
        let instant = |ms: i64| Instant {
            iso: jiff::Timestamp::from_millisecond(ms)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            text: call
                .sides
                .iter()
                .map(|s| when_in_zone(ctx, ms, &s.time_zone))
                .collect::<Vec<_>>()
                .join(" · "),
        };
        ApplicationView {
            ctx: ctx.clone(),
            receipt_id: v.receipt.id,
            receipt_sha: v.receipt.content_sha256.clone(),
            receipt_payload: v.receipt.payload.clone(),
            receipt_signature: v.receipt.signature.clone(),
            themes: c
                .theme_ids
                .iter()
                .map(|id| {
                    let name = themes
                        .iter()
                        .find(|t| t.id == *id)
                        .map(|t| t.name.get(l).to_string())
                        .unwrap_or_default();
                    (*id, name)
                })
                .collect(),
            side: side_name(c.half.side_id),
            subtitle: l.t_args(
                "projects-application-version",
                &[
                    ("side", side_name(c.half.side_id).into()),
                    ("version", c.half.version.into()),
                ],
            ),
            kind: ctx.t(&format!(
                "organisation-kind-{}",
                c.half.organisation_kind.replace('_', "-")
            )),
            renewal: ctx.t(if c.is_renewal {
                "projects-renewal-yes"
            } else {
                "projects-renewal-no"
            }),
            long_texts: [
                (
                    "earlier_results",
                    "projects-field-earlier-results",
                    &c.earlier_results,
                ),
                (
                    "multilateral_links",
                    "projects-field-multilateral",
                    &c.multilateral_links,
                ),
                ("context", "projects-field-context", &c.context),
                ("objectives", "projects-field-objectives", &c.objectives),
                ("plan", "projects-field-plan", &c.plan),
            ]
            .into_iter()
            .map(|(field, key, text)| (field, ctx.t(key), text.clone()))
            .collect(),
            state: ctx.t(&c.half.state.key()),
            admissibility: c
                .half
                .admissibility
                .as_ref()
                .map(|a| ctx.t(&format!("projects-{a}")))
                .unwrap_or_default(),
            duration: c
                .duration_months
                .map(|d| format_number(d, 0, l))
                .unwrap_or_default(),
            filed_at: c.half.submitted_at.map(instant),
            extension_until: c.half.extension_until.map(instant),
            missions: c
                .missions
                .iter()
                .map(|m| MissionLine {
                    from: side_name(m.from_side_id),
                    to: side_name(m.to_side_id),
                    date: format_iso_date(&m.starts_on, l),
                    m: m.clone(),
                })
                .collect(),
            files: c
                .attachments
                .iter()
                .map(|a| FileLine {
                    preview: crate::http::previewable(&a.content_type)
                        .then(|| format!("{}?view=inline", file_url(a.id))),
                    image: a.content_type.starts_with("image/"),
                    url: file_url(a.id),
                    size: format_number((a.size + 1023) / 1024, 0, l) + " Kio",
                    a: a.clone(),
                })
                .collect(),
            budget: super::pages::budget_lines(ctx, call, &c.missions),
            c,
        }
    }

    /// The rendered section, for the reading page around it.
    pub fn html(&self) -> AppResult<String> {
        self.render().map_err(|e| AppError::Internal(e.into()))
    }
}
