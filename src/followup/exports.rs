//! Exports of a commission's funded projects for the officers of one side: a sheet (CSV and
//! `.xlsx`, `crate::sheet`) and IATI activity XML 2.03 with that side
//! as reporting organisation for its own funding, in its own currency.

use super::{
    actions::commission_views,
    iati::{self, Activity, Reporter},
};
use crate::{
    commissions,
    db::Db,
    error::{AppError, AppResult},
    followup::model::FundedState,
    sheet::{Cell, Sheet},
    users::Viewer,
};

/// The organisation reference a side reports under (a registered IATI reference is to be
/// configured per administration; this one is stable and unique within the programme).
fn reference(code: &str) -> String {
    format!("XI-PASSERELLE-{code}")
}

fn status(state: FundedState) -> &'static str {
    match state {
        FundedState::FinalReportDue | FundedState::Completed => "3",
        FundedState::Closed => "4",
        FundedState::Terminated => "5",
        FundedState::Active | FundedState::MidtermReviewed | FundedState::Rescheduled => "2",
    }
}

/// The IATI document of a commission's funded projects as the officer's side reports them.
pub async fn iati(db: &Db, user: &Viewer, commission: i64) -> AppResult<String> {
    let mut tx = db.read().await?;
    let views = commission_views(&mut tx, user, commission).await?;
    let c = commissions::actions::get(&mut tx, commission).await?;
    let mut reporter: Option<Reporter> = None;
    let mut activities = Vec::new();
    for v in views {
        let f = &v.funded;
        let side_id = *v.viewer.officer_of.first().ok_or(AppError::Forbidden)?;
        let side = v
            .sides
            .iter()
            .find(|s| s.id == side_id)
            .ok_or(AppError::NotFound)?;
        let r = reporter.get_or_insert_with(|| Reporter {
            reference: if side.iati_ref.is_empty() {
                reference(&side.code)
            } else {
                side.iati_ref.clone()
            },
            name: side.administration.fr.clone(),
            currency: side.currency.clone(),
        });
        let committed = v
            .money
            .iter()
            .find(|m| m.side_id == side_id)
            .map_or(0, |m| m.committed);
        activities.push(Activity {
            identifier: format!("{}-CMP{}-{}", r.reference, c.number, f.id),
            title: v.project.title.clone(),
            description: v.project.summary.clone(),
            implementers: v
                .project
                .halves
                .iter()
                .map(|h| {
                    (
                        h.organisation_name.clone(),
                        iati::org_type(&h.organisation_kind),
                    )
                })
                .collect(),
            status: status(f.state),
            start: f.starts_on.to_string(),
            end: f.ends_on.to_string(),
            committed,
            committed_on: f.starts_on.to_string(),
            spent: v
                .missions
                .iter()
                .filter_map(|m| {
                    let a = m.spending.iter().find(|(s, _)| *s == side_id)?.1;
                    Some((m.mission.starts_on.clone(), a))
                })
                .collect(),
        });
    }
    let reporter = match reporter {
        Some(r) => r,
        None => return Err(AppError::NotFound),
    };
    let generated = jiff::Timestamp::from_millisecond(db.now_ms())
        .map_err(anyhow::Error::from)?
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    Ok(iati::document(&reporter, &activities, &generated))
}

/// A commission's funded projects as a sheet: one row each, money per side in its currency
/// (never summed), for the officers and members of the programme. Headings in `locale`.
pub async fn sheet(
    db: &Db,
    user: &Viewer,
    commission: i64,
    locale: crate::i18n::Locale,
) -> AppResult<Sheet> {
    let mut tx = db.read().await?;
    let views = commission_views(&mut tx, user, commission).await?;
    let c = commissions::actions::get(&mut tx, commission).await?;
    let mut headers: Vec<String> = [
        "followup-csv-id",
        "projects-csv-title",
        "followup-state",
        "followup-csv-start",
        "followup-ends-on",
    ]
    .iter()
    .map(|k| locale.t(k))
    .collect();
    if let Some(v) = views.first() {
        for s in &v.sides {
            for key in [
                "followup-csv-organisation",
                "followup-csv-committed",
                "followup-csv-spent",
            ] {
                headers.push(locale.t_args(
                    key,
                    &[
                        ("side", s.name.get(locale).to_string().into()),
                        ("currency", s.currency.clone().into()),
                    ],
                ));
            }
        }
    }
    let rows = views
        .iter()
        .map(|v| {
            let f = &v.funded;
            let mut row = vec![
                Cell::Int(f.id),
                Cell::Text(v.project.title.clone()),
                Cell::Text(locale.t(&f.state.key())),
                Cell::Date(f.starts_on),
                Cell::Date(f.ends_on),
            ];
            for s in &v.sides {
                let money = v.money.iter().find(|m| m.side_id == s.id);
                row.push(Cell::Text(
                    v.project
                        .half_of_side(s.id)
                        .map(|h| h.organisation_name.clone())
                        .unwrap_or_default(),
                ));
                for minor in [
                    money.map_or(0, |m| m.committed),
                    money.map_or(0, |m| m.spent),
                ] {
                    row.push(Cell::Money {
                        minor,
                        currency: s.currency.clone(),
                    });
                }
            }
            row
        })
        .collect();
    Ok(Sheet {
        name: locale.t1("followup-sheet-name", "number", c.number.to_string()),
        headers,
        rows,
    })
}
