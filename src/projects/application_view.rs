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
    pdf::{Field, Letterhead},
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

/// The application as filed with its receipt, as the typeset document's data: what the page
/// shows, in the reader's language, opened by the receipt in sentences.
#[derive(serde::Serialize)]
pub struct ApplicationDocument {
    pub lang: &'static str,
    pub title: String,
    pub letterheads: Vec<Letterhead>,
    pub project: String,
    pub subtitle: String,
    /// The receipt for people: what was filed, by whom, where, when, what comes next.
    pub receipt: Vec<String>,
    pub facts: Vec<Field>,
    pub half_heading: String,
    pub half: Vec<Field>,
    pub missions_heading: String,
    /// Column headings, then one row per mission.
    pub mission_columns: Vec<String>,
    pub missions: Vec<Vec<String>>,
    pub no_missions: String,
    pub budget_heading: String,
    pub budget: Vec<String>,
    pub files_heading: String,
    pub files: Vec<Field>,
    pub no_files: String,
    pub verification_heading: String,
    pub verification: Vec<Field>,
    pub labels: DocumentLabels,
}

#[derive(serde::Serialize)]
pub struct DocumentLabels {
    pub page: String,
}

impl ApplicationView {
    /// The document of this filed version: `side` is the administration it was filed with,
    /// `receipt` the sentences saying so, `key_url` where the public key is published.
    pub fn document(
        &self,
        side: &crate::programmes::Side,
        receipt: Vec<String>,
        key_url: &str,
    ) -> ApplicationDocument {
        let ctx = &self.ctx;
        let t = |k: &str| ctx.t(k);
        let given = |s: &str| {
            if s.is_empty() {
                t("projects-not-given")
            } else {
                s.to_string()
            }
        };
        let field = |label: String, value: String| Field { label, value };
        let c = &self.c;
        let mut facts = vec![
            field(t("projects-field-summary"), given(&c.summary)),
            field(
                t("projects-field-themes"),
                self.themes
                    .iter()
                    .map(|(_, n)| n.clone())
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
            field(t("projects-field-duration"), given(&self.duration)),
            field(t("projects-field-renewal"), self.renewal.clone()),
        ];
        facts.extend(
            self.long_texts
                .iter()
                .map(|(_, label, text)| field(label.clone(), given(text))),
        );
        let mut half = vec![
            field(
                t("projects-field-organisation"),
                format!("{} ({})", c.half.organisation_name, self.kind),
            ),
            field(
                t("projects-lead"),
                format!("{}, {}", c.half.lead_name, c.half.lead_email),
            ),
            field(t("projects-field-lead-role"), given(&c.half.lead_role)),
            field(
                t("projects-field-partners"),
                given(&c.half.associated_partners),
            ),
        ];
        if let Some(at) = &self.filed_at {
            half.push(field(t("projects-field-filed"), at.text.clone()));
        }
        ApplicationDocument {
            lang: ctx.locale.html_lang(),
            title: format!("{} — {}", t("projects-receipt-title"), c.title),
            letterheads: vec![Letterhead::of(side, ctx.locale)],
            project: c.title.clone(),
            subtitle: self.subtitle.clone(),
            receipt,
            facts,
            half_heading: format!("{} — {}", t("projects-application-half"), self.side),
            half,
            missions_heading: t("projects-missions"),
            mission_columns: [
                "projects-mission-from",
                "projects-mission-to",
                "projects-field-travellers",
                "projects-field-starts-on",
                "projects-field-days",
                "projects-field-purpose",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            missions: self
                .missions
                .iter()
                .map(|l| {
                    vec![
                        l.from.clone(),
                        l.to.clone(),
                        format_number(l.m.travellers, 0, ctx.locale),
                        l.date.clone(),
                        format_number(l.m.days, 0, ctx.locale),
                        l.m.purpose.clone(),
                    ]
                })
                .collect(),
            no_missions: t("projects-application-no-missions"),
            budget_heading: t("projects-budget"),
            budget: self.budget.clone(),
            files_heading: t("projects-application-attachments"),
            files: self
                .files
                .iter()
                .map(|f| {
                    field(
                        f.a.filename.clone(),
                        format!(
                            "{}, {} — {} {}",
                            f.a.content_type,
                            f.size,
                            t("projects-file-sha"),
                            f.a.sha256
                        ),
                    )
                })
                .collect(),
            no_files: t("projects-application-no-attachments"),
            verification_heading: t("projects-receipt-verification"),
            verification: vec![
                field(
                    t("projects-application-receipt-sha"),
                    self.receipt_sha.clone(),
                ),
                field(t("projects-receipt-payload"), self.receipt_payload.clone()),
                field(
                    t("projects-receipt-signature"),
                    self.receipt_signature.clone(),
                ),
                field(t("projects-receipt-key"), key_url.to_string()),
            ],
            labels: DocumentLabels {
                page: t("documents-page"),
            },
        }
    }
}
