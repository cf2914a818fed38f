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
        model::{EditionInput, Format, Places},
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
    // Each step on its day: prepared, approved, the call open and closed, screening, the
    // cohort, the programme, the demo day, the end.
    let montreal = "America/Toronto";
    let steps_2016 = [
        instant(2016, 3, 1, 10, 0, montreal),
        instant(2016, 4, 4, 9, 0, montreal),
        instant(2016, 6, 15, 17, 0, montreal),
        instant(2016, 6, 20, 9, 0, montreal),
        instant(2016, 7, 15, 9, 0, montreal),
        instant(2016, 9, 18, 9, 0, montreal),
        instant(2016, 9, 21, 9, 0, montreal),
        instant(2016, 9, 22, 9, 0, montreal),
    ];
    edition(db, &second, &steps_2016).await?;
    let brussels = "Europe/Brussels";
    let steps_2021 = [
        instant(2020, 11, 16, 10, 0, brussels),
        instant(2020, 12, 1, 9, 0, brussels),
        instant(2021, 1, 15, 17, 0, brussels),
        instant(2021, 1, 18, 9, 0, brussels),
        instant(2021, 1, 29, 9, 0, brussels),
        instant(2021, 2, 1, 9, 0, brussels),
    ];
    edition(db, &third, &steps_2021).await?;
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

/// Drafted by the host side's officer and approved by the other's on the first day of `days`,
/// then on each following day both sides ask for the next step (so the edition reaches the
/// state after as many steps as there are days left).
async fn edition(db: &Db, input: &EditionInput, days: &[i64]) -> AppResult<()> {
    let wb = acting_as(db, "charge.wb@demo.passerelle.test").await?;
    let qc = acting_as(db, "charge.qc@demo.passerelle.test").await?;
    let (host, other) = if wb.has_role_on(crate::viewer::Role::Officer, input.host_side_id) {
        (&wb, &qc)
    } else {
        (&qc, &wb)
    };
    let then = db.replaying_from(days[0]);
    let id = editions::draft(&then, host, input).await?;
    editions::approve(&then, other, id, input.fingerprint().as_str()).await?;
    for day in &days[1..] {
        let then = db.replaying_from(*day);
        let step = editions::page(&then, host, id).await?.step;
        let Some((_, seen, _)) = step else { break };
        for officer in [host, other] {
            editions::advance(&then, officer, id, &seen).await?;
        }
    }
    Ok(())
}
