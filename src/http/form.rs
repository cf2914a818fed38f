//! Generic form pages: a title, fields with their labels, hints, kept values and errors, an
//! error summary linking to the fields, and the CSRF token. Most account pages are one of these.

use askama::Template;
use axum::{http::StatusCode, response::Response};

pub use super::form_rows::{RowCell, Rows};
use super::{Ctx, render_status};
use crate::error::FieldErrors;

#[derive(Clone, Debug)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub label: String,
    /// `text`, `email`, `password`, `number`, `datetime-local`, `textarea`, `select` or
    /// `checkboxes` (one box per option, all named `name`).
    pub kind: &'static str,
    pub value: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub autocomplete: &'static str,
    pub required: bool,
    /// Not needed to save a draft, needed to file it: marked so, never "optional".
    pub needed_to_file: bool,
    /// Neither required nor "optional", unmarked: independent on/off settings (notifications),
    /// or a field required only in the cases its hint states.
    pub settings: bool,
    pub options: Vec<SelectOption>,
    /// A heading that opens a new part of a long form before this field.
    pub heading: Option<String>,
    /// A rule of the call the saved value breaks: saved anyway, refused on filing.
    pub warning: Option<String>,
    /// A limited length: the counter under the field (kept current by `static/forms.js`).
    pub counter: Option<Counter>,
    /// Kind `rows`: one table row per item, one input per column (all named by the column).
    pub rows: Option<Rows>,
}

/// What the counter of a limited field says, and the patterns the script fills in as one
/// types (`{n}` for the number, one pattern per plural category of the page's language).
#[derive(Clone, Debug)]
pub struct Counter {
    pub max_chars: usize,
    pub max_lines: Option<usize>,
    pub text: String,
    pub patterns: Vec<(&'static str, String)>,
}

impl Field {
    pub(super) fn new(
        ctx: &Ctx,
        name: impl Into<String>,
        label_key: &str,
        kind: &'static str,
    ) -> Field {
        Field {
            name: name.into(),
            // Quiet: a label with arguments is set again, formatted, by `label`.
            label: ctx.locale.t_quiet(label_key),
            kind,
            value: String::new(),
            hint: None,
            error: None,
            autocomplete: "off",
            required: true,
            needed_to_file: false,
            settings: false,
            options: Vec::new(),
            heading: None,
            warning: None,
            counter: None,
            rows: None,
        }
    }
    pub fn text(ctx: &Ctx, name: impl Into<String>, label_key: &str, value: &str) -> Field {
        Field {
            value: value.to_string(),
            ..Field::new(ctx, name, label_key, "text")
        }
    }
    /// A field of another input kind (`number`, `datetime-local`, `textarea`).
    pub fn input(
        ctx: &Ctx,
        kind: &'static str,
        name: impl Into<String>,
        label_key: &str,
        value: &str,
    ) -> Field {
        Field {
            value: value.to_string(),
            ..Field::new(ctx, name, label_key, kind)
        }
    }
    /// A group of checkboxes; `checked` holds the values ticked.
    pub fn checkboxes(
        ctx: &Ctx,
        name: impl Into<String>,
        label_key: &str,
        options: Vec<(String, String)>,
        checked: &[String],
    ) -> Field {
        let options = options
            .into_iter()
            .map(|(value, label)| SelectOption {
                selected: checked.contains(&value),
                value,
                label,
            })
            .collect();
        Field {
            options,
            required: false,
            ..Field::new(ctx, name, label_key, "checkboxes")
        }
    }
    /// Replaces the label with an already translated text.
    pub fn label(mut self, text: String) -> Field {
        self.label = text;
        self
    }
    pub fn email(ctx: &Ctx, name: impl Into<String>, label_key: &str, value: &str) -> Field {
        Field {
            value: value.to_string(),
            autocomplete: "email",
            ..Field::new(ctx, name, label_key, "email")
        }
    }
    /// Password fields are never filled back in: the value would sit in the page source.
    pub fn password(
        ctx: &Ctx,
        name: impl Into<String>,
        label_key: &str,
        autocomplete: &'static str,
    ) -> Field {
        Field {
            autocomplete,
            ..Field::new(ctx, name, label_key, "password")
        }
    }
    pub fn select(
        ctx: &Ctx,
        name: impl Into<String>,
        label_key: &str,
        options: Vec<(String, String)>,
        selected: &str,
    ) -> Field {
        let options = options
            .into_iter()
            .map(|(value, label)| SelectOption {
                selected: value == selected,
                value,
                label,
            })
            .collect();
        Field {
            options,
            value: selected.to_string(),
            ..Field::new(ctx, name, label_key, "select")
        }
    }
    pub fn autocomplete(mut self, a: &'static str) -> Field {
        self.autocomplete = a;
        self
    }
    pub fn hint_text(mut self, text: String) -> Field {
        self.hint = Some(text);
        self
    }
    pub fn hint(mut self, ctx: &Ctx, key: &str) -> Field {
        self.hint = Some(ctx.t(key));
        self
    }
    /// Opens a new part of the form (an `<h2>`) before this field.
    pub fn heading(mut self, text: String) -> Field {
        self.heading = Some(text);
        self
    }
    /// Checkboxes that each turn something on or off: no "optional" mark on the group.
    pub fn settings(mut self) -> Field {
        self.settings = true;
        self
    }
    /// Required in some cases only, which its hint states (the place of an edition held in
    /// person): neither marked "optional" nor required by the browser; the server says when.
    pub fn conditional(mut self) -> Field {
        self.required = false;
        self.settings = true;
        self
    }
    pub fn optional(mut self) -> Field {
        self.required = false;
        self
    }
    /// May stay empty in a draft (saved as typed), must be filled to file: the label says
    /// "required to file", the browser does not refuse an incomplete draft.
    pub fn needed_to_file(mut self) -> Field {
        self.required = false;
        self.needed_to_file = true;
        self
    }
    /// A length limit, shown and counted as one types: at most `max_chars` characters (and
    /// `max_lines` non-empty lines). Never `maxlength`: the browser would cut a pasted text
    /// without a word; here the server refuses it with the text kept.
    pub fn limit(mut self, ctx: &Ctx, max_chars: usize, max_lines: Option<usize>) -> Field {
        let l = ctx.locale;
        let chars = self.value.chars().count();
        let lines = self.value.lines().filter(|x| !x.trim().is_empty()).count();
        let count = |key: &str, n: usize, max: usize| {
            let shown = crate::i18n::format_number(n as i64, 0, l);
            l.t_args(
                key,
                &[
                    ("n", n.into()),
                    ("shown", shown.into()),
                    ("max", max.into()),
                ],
            )
        };
        let mut text = if chars > max_chars {
            count("form-counter-over", chars - max_chars, 0)
        } else {
            count("form-counter-left", max_chars - chars, 0)
        };
        if let Some(max) = max_lines {
            text.push_str(" · ");
            text.push_str(&count("form-counter-lines", lines, max));
        }
        // The script's patterns: `{n}` where the number goes, formatted by the browser in the
        // page's language as the server formats it.
        let patterns = [
            "left-one",
            "left-other",
            "over-one",
            "over-other",
            "lines-one",
            "lines-other",
        ]
        .into_iter()
        .map(|k| {
            let max = max_lines.unwrap_or(0);
            let pattern = l.t_args(
                &format!("form-counter-{k}"),
                &[("shown", "{n}".into()), ("max", max.into())],
            );
            (k, pattern)
        })
        .collect();
        self.counter = Some(Counter {
            max_chars,
            max_lines,
            text,
            patterns,
        });
        self
    }
    /// The ids the input is described by: its hint, its counter, its warning and its error.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("f-{}-hint", self.name));
        }
        if self.counter.is_some() {
            ids.push(format!("f-{}-counter", self.name));
        }
        if self.warning.is_some() {
            ids.push(format!("f-{}-warning", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("f-{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// A form page. Build it with [`FormPage::new`], then `field`, `hidden`, `link`, and
/// [`FormPage::respond`] with the errors of the last attempt.
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    pub title: String,
    pub intro: Option<String>,
    pub action: String,
    pub submit: String,
    pub fields: Vec<Field>,
    pub hidden: Vec<(String, String)>,
    pub links: Vec<(String, String)>,
    /// A message for the whole form (not tied to a field), e.g. throttling.
    pub notice: Option<String>,
    /// A confirmation that the last change was saved.
    pub success: Option<String>,
    /// Autosave messages (saved, pending, restored, expired, offline, invalid) when the form
    /// saves drafts as the user types.
    pub autosave: Vec<(String, String)>,
    pub summary: Vec<(String, String)>,
    /// The call's rules the saved values break, each linking to its field: saved anyway.
    pub warnings: Vec<(String, String)>,
}

/// The form itself, without the page around it, so other pages can embed a form.
#[derive(Template)]
#[template(path = "_form.html")]
struct FormBody<'a> {
    form: &'a FormPage,
}

impl FormPage {
    /// The rendered `<form>` with its error summary.
    pub fn body(&self) -> String {
        FormBody { form: self }.render().unwrap_or_default()
    }

    pub fn new(ctx: &Ctx, title_key: &str, action: &str, submit_key: &str) -> FormPage {
        FormPage {
            ctx: ctx.clone(),
            title: ctx.t(title_key),
            intro: None,
            action: action.to_string(),
            submit: ctx.t(submit_key),
            fields: Vec::new(),
            hidden: Vec::new(),
            links: Vec::new(),
            notice: None,
            success: None,
            autosave: Vec::new(),
            summary: Vec::new(),
            warnings: Vec::new(),
        }
    }
    pub fn intro(mut self, key: &str) -> Self {
        self.intro = Some(self.ctx.t(key));
        self
    }
    pub fn field(mut self, f: Field) -> Self {
        self.fields.push(f);
        self
    }
    pub fn hidden(mut self, name: &str, value: &str) -> Self {
        self.hidden.push((name.to_string(), value.to_string()));
        self
    }
    pub fn link(mut self, href: &str, key: &str) -> Self {
        self.links.push((href.to_string(), self.ctx.t(key)));
        self
    }
    /// Turns on autosave (`static/autosave.js`): drafts are kept in the browser and sent to
    /// the form's action with `X-Autosave: 1` as the user types.
    pub fn autosave(mut self) -> Self {
        self.autosave = [
            "saved", "pending", "restored", "expired", "offline", "invalid",
        ]
        .iter()
        .map(|k| (k.to_string(), self.ctx.t(&format!("form-autosave-{k}"))))
        .collect();
        self
    }
    pub fn success(mut self, key: &str) -> Self {
        self.success = Some(self.ctx.t(key));
        self
    }
    /// Places each warning (field name, Fluent key) at its field and in the list of what to
    /// review before filing. A warning for a name that is not a field is listed only.
    pub fn warnings(mut self, warnings: &[(&str, &str)]) -> Self {
        for (name, key) in warnings {
            let msg = self.ctx.t(key);
            let label = match self.fields.iter_mut().find(|f| f.name == *name) {
                Some(f) => {
                    f.warning = Some(msg.clone());
                    f.label.clone()
                }
                None => String::new(),
            };
            let item = if label.is_empty() {
                msg
            } else {
                self.ctx.locale.t_args(
                    "form-error-item",
                    &[("label", label.into()), ("message", msg.into())],
                )
            };
            self.warnings.push((format!("f-{name}"), item));
        }
        self
    }
    /// Whether a field counts its characters or holds rows: the page then loads
    /// `static/forms.js`.
    pub fn has_script(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.counter.is_some() || f.rows.is_some())
    }
    pub fn notice(mut self, key: &str) -> Self {
        self.notice = Some(self.ctx.t(key));
        self
    }

    /// 200 without errors; 422 with each error at its field and in the summary. An error for a
    /// name that is not a field becomes the notice.
    pub fn respond(self, errors: &FieldErrors) -> Response {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        render_status(status, &self.with_errors(errors))
    }

    /// Places each error at its field and in the summary.
    /// The summary lists the errors in the order of the fields on the page.
    pub fn with_errors(mut self, errors: &FieldErrors) -> Self {
        for f in self.fields.iter_mut() {
            if let Some(key) = errors.0.get(&f.name) {
                let msg = self.ctx.t(key);
                let item = self.ctx.locale.t_args(
                    "form-error-item",
                    &[
                        ("label", f.label.clone().into()),
                        ("message", msg.clone().into()),
                    ],
                );
                self.summary.push((format!("f-{}", f.name), item));
                f.error = Some(msg);
            }
        }
        for (name, key) in &errors.0 {
            if !self.fields.iter().any(|f| &f.name == name) {
                self.notice = Some(self.ctx.t(key));
            }
        }
        self
    }

    pub fn respond_with(self, status: StatusCode) -> Response {
        render_status(status, &self)
    }
}

/// A one-line field as typed: what `clean_text` keeps, every run of tabs, line breaks (pasted
/// text) and spaces as one space. No-break spaces stay: French puts a narrow one before ":" and
/// inside « ».
pub fn one_line(s: &str) -> String {
    clean_text(s)
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a person typed, as it is stored: line breaks as `\n` (browsers send a textarea's as
/// `\r\n`, and an HTML parser reads both as `\n`, so a stored `\r` would not be what pages
/// show), no control characters but tabs and line breaks (PostgreSQL refuses a NUL, parsers
/// drop it), no surrounding whitespace.
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_string()
}

/// The `seen` field of an approving form: the fingerprint of the content the page showed
/// (`db::Fingerprint`), so an approval is of what the person saw.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Seen {
    #[serde(default)]
    pub seen: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_one_line_field_joins_tabs_and_line_breaks_but_keeps_no_break_spaces() {
        assert_eq!(
            super::one_line(" Innovation\tet\r\nculture  :\u{202f}« x »\u{a0}! "),
            "Innovation et culture :\u{202f}« x »\u{a0}!"
        );
    }

    use super::clean_text;

    #[test]
    fn typed_text_keeps_tabs_and_line_breaks_as_lf_and_drops_other_controls() {
        assert_eq!(clean_text("  a\r\nb\rc\n\td\u{0}e\u{7}  "), "a\nb\nc\n\tde");
        assert_eq!(clean_text("\r\n\t "), "");
        assert_eq!(clean_text("« où » <b>&</b>"), "« où » <b>&</b>");
    }
}
