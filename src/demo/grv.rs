//! The Grands Rendez-vous of the demo (issue 14, item 7), set up through the same actions as
//! the web, each act dated when it happened: the 2nd edition (Montréal, 18–21 September 2016,
//! in person), completed; the 3rd (2021, fully online, sustainable, inclusive and solidarity
//! innovation in the pandemic), its programme under way; the 4th drafted by Québec.

use jiff::civil::date;

use super::instant;
use crate::{
    db::Db,
    error::AppResult,
    grv::{
        editions,
        model::{EditionInput, EditionState, Format, Places},
    },
    i18n::Localized,
    users::actions::acting_as,
};

pub async fn load(db: &Db, sides: (i64, i64)) -> AppResult<()> {
    let (wb, qc) = sides;
    let places = |w, q| {
        vec![
            Places {
                side_id: wb,
                places: w,
            },
            Places {
                side_id: qc,
                places: q,
            },
        ]
    };
    let second = EditionInput {
        number: 2,
        title: Localized::new(
            "2es Grands Rendez-vous Québec/Wallonie-Bruxelles",
            "2nd Grands Rendez-vous Québec/Wallonia-Brussels",
        ),
        theme: Localized::new(
            "Industrie 4.0 et entrepreneuriat numérique, villes intelligentes, culture numérique",
            "Industry 4.0 and digital entrepreneurship, smart cities, digital culture",
        ),
        format: Format::InPerson,
        place: "Montréal".into(),
        starts_on: date(2016, 9, 18),
        ends_on: date(2016, 9, 21),
        host_side_id: qc,
        places: places(10, 10),
    };
    let third = EditionInput {
        number: 3,
        title: Localized::new(
            "3es Grands Rendez-vous Québec/Wallonie-Bruxelles",
            "3rd Grands Rendez-vous Québec/Wallonia-Brussels",
        ),
        theme: Localized::new(
            "Innovation durable, inclusive et solidaire en temps de pandémie",
            "Sustainable, inclusive and solidarity innovation in the pandemic",
        ),
        format: Format::Online,
        place: String::new(),
        starts_on: date(2021, 2, 1),
        ends_on: date(2021, 6, 30),
        host_side_id: wb,
        places: places(8, 7),
    };
    let prepared_2016 = instant(2016, 3, 1, 10, 0, "America/Toronto");
    let prepared_2020 = instant(2020, 11, 16, 10, 0, "Europe/Brussels");
    edition(db, prepared_2016, &second, EditionState::Completed).await?;
    edition(db, prepared_2020, &third, EditionState::ProgrammeRunning).await?;
    // The 4th, as Québec's officer drafts it (WBI has yet to approve it).
    let fourth = EditionInput {
        number: 4,
        title: Localized::new(
            "4es Grands Rendez-vous Québec/Wallonie-Bruxelles",
            "4th Grands Rendez-vous Québec/Wallonia-Brussels",
        ),
        theme: Localized::new(
            "Transition écologique et entrepreneuriat social",
            "Ecological transition and social entrepreneurship",
        ),
        format: Format::Hybrid,
        place: "Québec, Espace Saint-Roch".into(),
        starts_on: date(2023, 2, 1),
        ends_on: date(2023, 6, 30),
        host_side_id: qc,
        places: places(8, 8),
    };
    let qc_officer = acting_as(db, "charge.qc@demo.passerelle.test").await?;
    editions::draft(db, &qc_officer, &fourth).await?;
    Ok(())
}

/// Drafted by the host side's officer and approved by the other's on `at`, then moved up to
/// `state` a week per step.
async fn edition(db: &Db, at: i64, input: &EditionInput, state: EditionState) -> AppResult<()> {
    let wb = acting_as(db, "charge.wb@demo.passerelle.test").await?;
    let qc = acting_as(db, "charge.qc@demo.passerelle.test").await?;
    let (host, other) = if wb.has_role_on(crate::viewer::Role::Officer, input.host_side_id) {
        (&wb, &qc)
    } else {
        (&qc, &wb)
    };
    let then = db.replaying_from(at);
    let id = editions::draft(&then, host, input).await?;
    editions::approve(&then, other, id, input.fingerprint().as_str()).await?;
    let mut current = EditionState::Approved;
    let mut day = at;
    while current < state {
        day += 7 * 86_400_000;
        current = editions::advance(&db.replaying_from(day), host, id, current.as_str()).await?;
    }
    Ok(())
}
