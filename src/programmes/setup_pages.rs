//! The first run: an administrator sets the installation up in the browser — the programme,
//! its two sides and the funding rules its calls inherit — in one form, created in one
//! transaction. Before that, everyone else is told the installation is being prepared.

use std::collections::HashMap;

use axum::{Form, extract::State, response::Response};

use super::{
    actions::{self, SetUp},
    model::{FundingDefaults, Side, SideCaps, SideCode},
};
use crate::{
    error::{AppError, AppResult, FieldErrors},
    http::{
        AppState, Ctx,
        form::{Field, FormPage, clean_text},
        see_other,
    },
    i18n::{Locale, Localized},
};

/// Where the set-up form lives.
pub const SETUP: &str = "/setup";

/// The form as typed, kept for re-display.
#[derive(Default)]
pub struct RawSetUp(HashMap<String, String>);

impl RawSetUp {
    fn get(&self, k: &str) -> &str {
        self.0.get(k).map(String::as_str).unwrap_or("")
    }

    /// What a new installation is offered: the two sides of the first tenant's programme are
    /// typed by the administrator; only the conventions that every programme starts from are
    /// filled in.
    fn initial() -> RawSetUp {
        let mut m = HashMap::new();
        for (k, v) in [
            ("min_duration", "12"),
            ("max_duration", "24"),
            ("min_partners", "1"),
            ("travel", "sending"),
            ("s0_locale", "fr-BE"),
            ("s1_locale", "fr-CA"),
        ] {
            m.insert(k.to_string(), v.to_string());
        }
        RawSetUp(m)
    }

    fn text(&self, e: &mut FieldErrors, k: &str, max: usize) -> String {
        let v = clean_text(self.get(k));
        if v.is_empty() {
            e.add(k, "common-error-required");
        } else if v.chars().count() > max {
            e.add(k, "common-error-too-long");
        }
        v
    }

    fn optional(&self, e: &mut FieldErrors, k: &str, max: usize) -> String {
        let v = clean_text(self.get(k));
        if v.chars().count() > max {
            e.add(k, "common-error-too-long");
        }
        v
    }

    fn number(&self, e: &mut FieldErrors, k: &str) -> i64 {
        self.get(k).trim().parse().unwrap_or_else(|_| {
            e.add(k, "calls-error-number");
            0
        })
    }

    fn amount(&self, e: &mut FieldErrors, k: &str) -> i64 {
        crate::money::parse(self.get(k)).unwrap_or_else(|| {
            e.add(k, "calls-error-amount");
            0
        })
    }

    fn side(&self, e: &mut FieldErrors, i: usize) -> Side {
        let k = |f: &str| format!("s{i}_{f}");
        let code = SideCode::parse(self.get(&k("code")))
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| {
                e.add(&k("code"), "setup-error-code");
                String::new()
            });
        let zone = self.get(&k("zone")).trim().to_string();
        if zone.is_empty() {
            e.add(&k("zone"), "common-error-required");
        } else if jiff::tz::TimeZone::get(&zone).is_err() {
            e.add(&k("zone"), "common-error-time-zone");
        }
        let currency = self.get(&k("currency")).trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            e.add(&k("currency"), "setup-error-currency");
        }
        let locale = Locale::parse(self.get(&k("locale"))).unwrap_or_else(|| {
            e.add(&k("locale"), "common-error-choice");
            Locale::FrBe
        });
        let iati_ref = self.optional(e, &k("iati"), 60);
        if iati_ref.chars().any(char::is_whitespace) {
            e.add(&k("iati"), "setup-error-iati");
        }
        Side {
            id: 0,
            code,
            name: Localized::new(
                self.text(e, &k("name_fr"), 120),
                self.text(e, &k("name_en"), 120),
            ),
            administration: Localized::new(
                self.text(e, &k("admin_fr"), 200),
                self.text(e, &k("admin_en"), 200),
            ),
            time_zone: zone,
            currency,
            locale,
            acronym: self.text(e, &k("acronym"), 20),
            logo_text: self.optional(e, &k("logo"), 80),
            iati_ref,
        }
    }

    fn parse(&self) -> Result<SetUp, FieldErrors> {
        let mut e = FieldErrors::default();
        let code = SideCode::parse(self.get("code"))
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| {
                e.add("code", "setup-error-code");
                String::new()
            });
        let name = Localized::new(
            self.text(&mut e, "name_fr", 160),
            self.text(&mut e, "name_en", 160),
        );
        let sides: Vec<Side> = (0..2).map(|i| self.side(&mut e, i)).collect();
        if !sides[0].code.is_empty() && sides[0].code == sides[1].code {
            e.add("s1_code", "setup-error-code-taken");
        }
        let caps = (0..2)
            .map(|i| SideCaps {
                side_id: i as i64,
                per_trip: self.amount(&mut e, &format!("s{i}_trip")),
                per_stay: self.amount(&mut e, &format!("s{i}_stay")),
                per_year: self.amount(&mut e, &format!("s{i}_year")),
            })
            .collect();
        let defaults = FundingDefaults {
            min_duration_months: self.number(&mut e, "min_duration"),
            max_duration_months: self.number(&mut e, "max_duration"),
            min_partners_per_side: self.number(&mut e, "min_partners"),
            travel_paid_by: self.get("travel").to_string(),
            caps,
        };
        if e.is_empty() {
            for (field, key) in super::model::check_defaults(&defaults) {
                e.add(field, key);
            }
        }
        if e.is_empty() {
            Ok(SetUp {
                code,
                name,
                sides,
                defaults,
            })
        } else {
            Err(e)
        }
    }
}

fn page(ctx: &Ctx, f: &RawSetUp) -> FormPage {
    let locales: Vec<(String, String)> = Locale::ALL
        .iter()
        .map(|l| (l.tag().to_string(), ctx.t(&format!("locale-{}", l.tag()))))
        .collect();
    let mut form = FormPage::new(ctx, "setup-title", SETUP, "setup-submit")
        .intro("setup-intro")
        .field(
            Field::text(ctx, "name_fr", "setup-field-name-fr", f.get("name_fr"))
                .heading(ctx.t("setup-part-programme")),
        )
        .field(Field::text(
            ctx,
            "name_en",
            "setup-field-name-en",
            f.get("name_en"),
        ))
        .field(
            Field::text(ctx, "code", "setup-field-code", f.get("code"))
                .hint(ctx, "setup-code-hint"),
        );
    for i in 0..2 {
        let n = i + 1;
        let part = ctx.locale.t_args("setup-part-side", &[("n", n.into())]);
        let k = |s: &str| format!("s{i}_{s}");
        let label = |key: &str| ctx.locale.t_args(key, &[("n", n.into())]);
        form = form
            .field(
                Field::text(
                    ctx,
                    k("admin_fr"),
                    "setup-field-admin-fr",
                    f.get(&k("admin_fr")),
                )
                .label(label("setup-field-admin-fr"))
                .heading(part)
                .hint(ctx, "setup-admin-hint"),
            )
            .field(
                Field::text(
                    ctx,
                    k("admin_en"),
                    "setup-field-admin-en",
                    f.get(&k("admin_en")),
                )
                .label(label("setup-field-admin-en")),
            )
            .field(
                Field::text(
                    ctx,
                    k("acronym"),
                    "setup-field-acronym",
                    f.get(&k("acronym")),
                )
                .label(label("setup-field-acronym")),
            )
            .field(
                Field::text(
                    ctx,
                    k("name_fr"),
                    "setup-field-side-fr",
                    f.get(&k("name_fr")),
                )
                .label(label("setup-field-side-fr"))
                .hint(ctx, "setup-side-hint"),
            )
            .field(
                Field::text(
                    ctx,
                    k("name_en"),
                    "setup-field-side-en",
                    f.get(&k("name_en")),
                )
                .label(label("setup-field-side-en")),
            )
            .field(
                Field::text(ctx, k("code"), "setup-field-side-code", f.get(&k("code")))
                    .label(label("setup-field-side-code"))
                    .hint(ctx, "setup-code-hint"),
            )
            .field(
                Field::text(ctx, k("zone"), "setup-field-zone", f.get(&k("zone")))
                    .label(label("setup-field-zone"))
                    .hint(ctx, "setup-zone-hint"),
            )
            .field(
                Field::text(
                    ctx,
                    k("currency"),
                    "setup-field-currency",
                    f.get(&k("currency")),
                )
                .label(label("setup-field-currency"))
                .hint(ctx, "setup-currency-hint"),
            )
            .field(
                Field::select(
                    ctx,
                    k("locale"),
                    "setup-field-locale",
                    locales.clone(),
                    f.get(&k("locale")),
                )
                .label(label("setup-field-locale")),
            )
            .field(
                Field::text(ctx, k("logo"), "setup-field-logo", f.get(&k("logo")))
                    .label(label("setup-field-logo"))
                    .optional(),
            )
            .field(
                Field::text(ctx, k("iati"), "setup-field-iati", f.get(&k("iati")))
                    .label(label("setup-field-iati"))
                    .hint(ctx, "setup-iati-hint")
                    .optional(),
            );
    }
    form = form
        .field(
            Field::input(
                ctx,
                "number",
                "min_duration",
                "calls-field-min-duration",
                f.get("min_duration"),
            )
            .heading(ctx.t("setup-part-rules"))
            .hint(ctx, "setup-rules-hint"),
        )
        .field(Field::input(
            ctx,
            "number",
            "max_duration",
            "calls-field-max-duration",
            f.get("max_duration"),
        ))
        .field(Field::input(
            ctx,
            "number",
            "min_partners",
            "calls-field-min-partners",
            f.get("min_partners"),
        ))
        .field(Field::select(
            ctx,
            "travel",
            "calls-field-travel",
            vec![
                ("sending".into(), ctx.t("calls-funding-sending")),
                ("receiving".into(), ctx.t("calls-funding-receiving")),
            ],
            f.get("travel"),
        ));
    for i in 0..2 {
        let n = i + 1;
        let label = |key: &str| ctx.locale.t_args(key, &[("n", n.into())]);
        for (what, key) in [
            ("trip", "setup-field-cap-trip"),
            ("stay", "setup-field-cap-stay"),
            ("year", "setup-field-cap-year"),
        ] {
            let name = format!("s{i}_{what}");
            form = form.field(
                Field::text(ctx, name.clone(), key, f.get(&name))
                    .label(label(key))
                    .hint(ctx, "setup-cap-hint"),
            );
        }
    }
    form
}

pub async fn setup_form(State(s): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if actions::installed(&s.db).await? {
        return Ok(see_other("/admin/users"));
    }
    Ok(page(&ctx, &RawSetUp::initial()).respond(&FieldErrors::default()))
}

pub async fn set_up(
    State(s): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let raw = RawSetUp(pairs.into_iter().collect());
    let input = match raw.parse() {
        Ok(i) => i,
        Err(e) => return Ok(page(&ctx, &raw).respond(&e)),
    };
    match actions::set_up(&s.db, user, &input).await {
        Ok(_) => Ok(see_other("/admin/users?setup=done")),
        Err(AppError::Invalid(e)) => Ok(page(&ctx, &raw).respond(&e)),
        Err(e) => Err(e),
    }
}
