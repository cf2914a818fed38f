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
        applying,
        candidacy::{CandidacyInput, CandidacyKind},
        editions,
        model::{EditionInput, EditionState, Format, Places},
    },
    i18n::Localized,
    submissions::deadline::Deadline,
    users::actions::acting_as,
};

pub async fn load(db: &Db, sides: (i64, i64)) -> AppResult<()> {
    let (wb, qc) = sides;
    // Each side's call closes at 17:00 in its own zone on the same day.
    let places = |w, q, (y, m, d): (i16, i8, i8)| {
        [(wb, w, "Europe/Brussels"), (qc, q, "America/Toronto")]
            .into_iter()
            .map(|(side_id, places, zone)| Places {
                side_id,
                places,
                deadline: Some(Deadline {
                    side_id,
                    at: instant(y, m, d, 17, 0, zone),
                    zone: zone.into(),
                }),
            })
            .collect()
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
        places: places(10, 10, (2016, 6, 14)),
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
        places: places(8, 7, (2021, 1, 14)),
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
    edition(db, &second, &steps_2016, &[]).await?;
    let brussels = "Europe/Brussels";
    let steps_2021 = [
        instant(2020, 11, 16, 10, 0, brussels),
        instant(2020, 12, 1, 9, 0, brussels),
        instant(2021, 1, 15, 17, 0, brussels),
        instant(2021, 1, 18, 9, 0, brussels),
        instant(2021, 1, 29, 9, 0, brussels),
        instant(2021, 2, 1, 9, 0, brussels),
    ];
    // Candidates filed during the call (it ran from 1 December 2020 to 14 January 2021).
    let idea = |kind, team: &str, title: &str, summary: &str, theme: &str| CandidacyInput {
        kind: Some(kind),
        team: team.into(),
        organisation: String::new(),
        idea_title: title.into(),
        idea_summary: summary.into(),
        theme: theme.into(),
        motivation: "Passer de l’idée au projet avec un accompagnement professionnel.".into(),
        availability: "Les mardis et jeudis en fin de journée, heure locale.".into(),
    };
    let candidates = [
        (
            "demandeur.qc@demo.passerelle.test",
            idea(
                CandidacyKind::Team,
                "Awa Diallo\nLéo Martin",
                "Épicerie zéro déchet mobile",
                "Une épicerie itinérante sans emballage pour les quartiers privés de commerces de proximité pendant la pandémie.",
                "Économie circulaire",
            ),
            true,
        ),
        (
            "demandeur.wb@demo.passerelle.test",
            idea(
                CandidacyKind::Individual,
                "",
                "Plateforme de troc de compétences",
                "Une plateforme où les habitants d’une commune échangent des heures de compétences, sans argent.",
                "Innovation sociale",
            ),
            false,
        ),
    ];
    let seed_at = instant(2020, 12, 10, 10, 0, brussels);
    edition(db, &third, &steps_2021, &[(seed_at, &candidates)]).await?;
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
        places: places(8, 8, (2022, 11, 30)),
    };
    let qc_officer = acting_as(db, "charge.qc@demo.passerelle.test").await?;
    editions::draft(db, &qc_officer, &fourth).await?;
    Ok(())
}

/// Drafted by the host side's officer and approved by the other's on the first day of `days`,
/// then on each following day both sides ask for the next step (so the edition reaches the
/// state after as many steps as there are days left).
/// A candidate as the demo files them: (account, answers, consents to an announcement).
type Candidate<'a> = (&'a str, CandidacyInput, bool);

async fn edition(
    db: &Db,
    input: &EditionInput,
    days: &[i64],
    candidates: &[(i64, &[Candidate<'_>])],
) -> AppResult<()> {
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
        // While the call is open, its candidates apply and file.
        for (at, people) in candidates.iter().filter(|(at, _)| at > day) {
            let then = db.replaying_from(*at);
            if editions::page(&then, host, id).await?.edition.state != EditionState::CallOpen {
                continue;
            }
            for (email, answers, consents) in people.iter() {
                let who = acting_as(&then, email).await?;
                let c = applying::apply(&then, &who, id).await?;
                applying::save(&then, &who, c, answers).await?;
                let reviewed = applying::candidacy(&then, &who, c).await?.fingerprint();
                applying::file(&then, None, &who, c, 0, reviewed.as_str()).await?;
                if *consents {
                    applying::consent(&then, &who, c, true).await?;
                }
            }
        }
    }
    Ok(())
}
