//! The Grands Rendez-vous of the demo (issue 14, item 7), set up through the same actions as
//! the web, each act dated when it happened: the 2nd edition (Montréal, 18–21 September 2016,
//! in person), completed; the 3rd (2021, fully online, sustainable, inclusive and solidarity
//! innovation in the pandemic), its programme under way; the 4th drafted by Québec.

use jiff::civil::date;

use super::instant;
use crate::{
    db::Db,
    error::AppResult,
    evaluations::model::Verdict,
    grv::{
        applying,
        candidacy::{CandidacyInput, CandidacyKind},
        cohort::{self, ProposalRow},
        editions,
        model::{EditionInput, EditionState, Format, Places},
        screening::{self, ScreenRow},
        selection::Outcome,
    },
    i18n::{Locale, Localized},
    submissions::deadline::Deadline,
    users::{Email, Role, actions::acting_as, admin},
    viewer::Viewer,
};

pub async fn load(db: &Db, hash: &str, sides: (i64, i64)) -> AppResult<()> {
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
        places: places(4, 4, (2021, 1, 14)),
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
    edition(
        db,
        &second,
        &steps_2016,
        &[],
        &|_| (Verdict::Recommended, Outcome::Selected, None),
        &[],
    )
    .await?;
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
    // Twelve candidates, six per side: the two demo applicants and five more each (one of
    // Québec's writes in English). The cohort takes four per side; one of each side waits, one
    // is not selected; after the cohort stands a Walloon candidate gives up her place and the
    // first of Wallonia-Brussels' waiting list moves up.
    let people = seed_candidates(db, hash, sides).await?;
    let mut candidates: Vec<Candidate<'_>> = vec![
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
    for (i, (email, _, _)) in people.iter().enumerate() {
        let (title, summary, theme) = IDEAS[i % IDEAS.len()];
        let kind = if i % 3 == 1 {
            CandidacyKind::Team
        } else {
            CandidacyKind::Individual
        };
        let team = if kind == CandidacyKind::Team {
            "Inès Haddad\nSamuel Tremblay"
        } else {
            ""
        };
        // Most consent to the announcement; some do not (item 7).
        candidates.push((
            email.as_str(),
            idea(kind, team, title, summary, theme),
            i % 4 != 2,
        ));
    }
    let seed_at = instant(2020, 12, 10, 10, 0, brussels);
    let plan = |email: &str| -> (Verdict, Outcome, Option<i64>) {
        let n: usize = email
            .strip_prefix("candidat0")
            .and_then(|s| s[..1].parse().ok())
            .unwrap_or(0);
        match n {
            0 => (Verdict::Priority, Outcome::Selected, None),
            1..=3 => (Verdict::Recommended, Outcome::Selected, None),
            4 => (Verdict::Reserved, Outcome::Waiting, Some(1)),
            _ => (Verdict::NotRecommended, Outcome::NotSelected, None),
        }
    };
    // The day after the cohort stood, a selected Walloon candidate gives up her place: the
    // first of Wallonia-Brussels' waiting list moves up before the programme starts.
    let declines = [(
        instant(2021, 1, 30, 11, 0, brussels),
        "candidat03.wb@demo.passerelle.test",
    )];
    let third_id = edition(
        db,
        &third,
        &steps_2021,
        &[(seed_at, &candidates)],
        &plan,
        &declines,
    )
    .await?;
    super::grv_programme::load(db, third_id).await?;
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

/// What becomes of a candidate, by email: their side's verdict, their outcome in the cohort and
/// (waiting) their rank.
type Plan = dyn Fn(&str) -> (Verdict, Outcome, Option<i64>);

/// A candidate as the demo files them: (account, answers, consents to an announcement).
type Candidate<'a> = (&'a str, CandidacyInput, bool);

/// Drafted by the host side's officer and approved by the other's on the first day of `days`,
/// then on each following day both sides ask for the next step (so the edition reaches the
/// state after as many steps as there are days left); on the day screening is under way, the
/// sides screen and select after `plan`, and the candidates of `declines` then withdraw, each
/// at its instant.
async fn edition(
    db: &Db,
    input: &EditionInput,
    days: &[i64],
    candidates: &[(i64, &[Candidate<'_>])],
    plan: &Plan,
    declines: &[(i64, &str)],
) -> AppResult<i64> {
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
        if editions::page(&then, host, id).await?.edition.state == EditionState::Screening {
            select(&then, [host, other], id, plan).await?;
            for (at, email) in declines {
                let then = db.replaying_from(*at);
                let who = acting_as(&then, email).await?;
                let c = applying::call_page(&then, Some(&who), id)
                    .await?
                    .mine
                    .ok_or(crate::error::AppError::NotFound)?
                    .id;
                let shown = applying::outcome_code(&applying::candidacy(&then, &who, c).await?);
                applying::withdraw(&then, None, &who, c, shown).await?;
            }
            continue;
        }
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
    Ok(id)
}

/// Screening and the joint selection, as the officers do it on their pages: each side gives
/// its verdicts and sends its shortlist, then one side proposes the cohort after `plan` (by
/// candidate's email) and both approve it as shown. Nobody is written to (the demo replays).
async fn select(db: &Db, officers: [&Viewer; 2], id: i64, plan: &Plan) -> AppResult<()> {
    for officer in officers {
        let v = screening::screening_page(db, officer, id).await?;
        let rows: Vec<ScreenRow> = v
            .entries
            .iter()
            .map(|e| {
                let (verdict, _, _) = plan(&e.filed.email);
                ScreenRow {
                    candidacy: e.candidacy,
                    verdict: Some(verdict),
                    note: note(verdict).into(),
                }
            })
            .collect();
        screening::save_screening(db, officer, id, &v.seen, &rows).await?;
        let seen = screening::screening_page(db, officer, id).await?.seen;
        screening::send_shortlist(db, officer, id, &seen).await?;
    }
    let v = cohort::cohort_page(db, officers[0], id).await?;
    let rows: Vec<ProposalRow> = v
        .sides
        .iter()
        .flat_map(|s| s.entries.iter())
        .map(|e| {
            let (_, outcome, rank) = plan(&e.filed.email);
            ProposalRow {
                candidacy: e.candidacy,
                outcome: Some(outcome),
                rank,
            }
        })
        .collect();
    cohort::save_cohort(db, officers[0], id, &v.seen, &rows).await?;
    for officer in officers {
        let seen = cohort::cohort_page(db, officer, id).await?.seen;
        cohort::approve_cohort(db, None, officer, id, &seen).await?;
    }
    Ok(())
}

/// The side's note on a candidacy, as officers write one with each verdict.
fn note(v: Verdict) -> &'static str {
    match v {
        Verdict::Priority => {
            "Idée claire, besoin réel ; l’accompagnement l’aidera à chiffrer son modèle."
        }
        Verdict::Recommended => "Motivation forte, disponibilité confirmée.",
        Verdict::Reserved => {
            "Bonne connaissance du terrain, marché à préciser ; en liste d’attente."
        }
        Verdict::NotRecommended => "Projet encore très tôt ; à revoir à une prochaine édition.",
    }
}

/// (title, summary, theme) of the demo candidates' ideas.
const IDEAS: [(&str, &str, &str); 5] = [
    (
        "Repair café en ligne",
        "Des réparateurs bénévoles guident par vidéo ceux qui veulent réparer eux-mêmes leurs objets.",
        "Économie circulaire",
    ),
    (
        "Cuisine solidaire de quartier",
        "Une cuisine partagée où des restaurateurs au chômage forcé préparent des repas pour les aînés isolés.",
        "Solidarité",
    ),
    (
        "Tiers-lieu numérique rural",
        "Un espace de travail partagé avec connexion rapide et formation, dans un village sans service.",
        "Inclusion numérique",
    ),
    (
        "Vélos-cargos de livraison locale",
        "Une coopérative de livraison à vélo-cargo pour les commerces indépendants de centre-ville.",
        "Mobilité durable",
    ),
    (
        "Jardins partagés sur les toits",
        "Des potagers sur les toits d’immeubles de bureaux vidés par le télétravail.",
        "Agriculture urbaine",
    ),
];

/// Five more candidates per side (`candidat01.wb` … `candidat05.qc`), as accounts their
/// owners made; the fifth of Québec writes in English. Returns (email, name, side).
async fn seed_candidates(
    db: &Db,
    hash: &str,
    (wb, qc): (i64, i64),
) -> AppResult<Vec<(String, String, i64)>> {
    const NAMES: [&str; 10] = [
        "Elise Mertens",
        "Julien Dubois",
        "Chloé Lambotte",
        "Nicolas Renard",
        "Laura Vandamme",
        "Émilie Pelletier",
        "Olivier Gauthier",
        "Maude Lavoie",
        "Karim Belkacem",
        "Hannah Clarke",
    ];
    let actor = crate::audit::Actor::system("demo");
    let mut tx = db.write().await?;
    let mut out = Vec::new();
    for (k, (side, code, locale)) in [(wb, "wb", Locale::FrBe), (qc, "qc", Locale::FrCa)]
        .into_iter()
        .enumerate()
    {
        for i in 1..=5 {
            let email = format!("candidat0{i}.{code}@demo.passerelle.test");
            let name = NAMES[k * 5 + i - 1].to_string();
            let account = admin::NewAccount {
                email: Email::parse(&email).expect("valid demo address"),
                name: name.clone(),
                locale: if code == "qc" && i == 5 {
                    Locale::En
                } else {
                    locale
                },
                role: Role::Applicant,
                side_id: Some(side),
            };
            admin::seed_user(&mut tx, &actor, &account, hash).await?;
            out.push((email, name, side));
        }
    }
    tx.commit().await?;
    Ok(out)
}
