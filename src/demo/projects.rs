//! Forty projects filed by both sides under the XIe CMP call, across its themes, each half led
//! by its own applicant and filed (with a receipt) in the weeks before the deadline.

use crate::{
    audit::Actor,
    calls,
    db::Tx,
    error::AppResult,
    i18n::Locale,
    projects::{
        Mission,
        filing::{SeedProject, seed_filed_project},
    },
    users::{Email, Role, admin},
};

const SUBJECTS: [&str; 8] = [
    "Érosion des berges",
    "Diplomatie scientifique et données ouvertes",
    "Terminologie française de l’intelligence artificielle",
    "Relance des métiers d’art",
    "Tourisme durable en milieu rural",
    "Circuits courts alimentaires",
    "Théâtre jeune public",
    "Francisation des travailleurs qualifiés",
];
const ANGLES: [&str; 5] = [
    "observatoire commun",
    "résidences croisées",
    "école d’été",
    "guide de bonnes pratiques",
    "réseau de chercheurs",
];
const FIRST: [&str; 10] = [
    "Alice", "Benoît", "Chloé", "David", "Élise", "Félix", "Gaëlle", "Hugo", "Inès", "Jules",
];
const LAST: [&str; 8] = [
    "Martin", "Dubois", "Tremblay", "Gagnon", "Lambert", "Côté", "Peeters", "Bouchard",
];

/// Loads the projects; `orgs` lists (side, organisation) as created.
pub async fn load(
    tx: &mut Tx,
    actor: &Actor,
    call_id: i64,
    hash: &str,
    sides: (i64, i64),
    orgs: &[(i64, i64)],
    count: usize,
) -> AppResult<()> {
    let call = calls::actions::get_call_in(tx, call_id).await?;
    let (wb, qc) = sides;
    let wb_orgs: Vec<i64> = orgs.iter().filter(|o| o.0 == wb).map(|o| o.1).collect();
    let qc_orgs: Vec<i64> = orgs.iter().filter(|o| o.0 == qc).map(|o| o.1).collect();
    let deadline = call.sides.iter().map(|s| s.deadline_at).min().unwrap_or(0);
    for i in 0..count {
        let mut leads = Vec::new();
        for (side, code, locale) in [(wb, "wb", Locale::FrBe), (qc, "qc", Locale::FrCa)] {
            let name = format!(
                "{} {}",
                FIRST[(i + code.len() * 3) % FIRST.len()],
                LAST[(i * 3 + code.len()) % LAST.len()]
            );
            let account = admin::NewAccount {
                email: Email::parse(&format!("porteur{:02}.{code}@demo.passerelle.test", i + 1))
                    .expect("valid demo address"),
                name,
                locale,
                role: Role::Applicant,
                side_id: Some(side),
            };
            leads.push(admin::seed_user(tx, actor, &account, hash).await?);
        }
        let title = format!(
            "{} : {}",
            SUBJECTS[i % SUBJECTS.len()],
            ANGLES[i % ANGLES.len()]
        );
        let hours = (i as i64 + 1) * 7;
        let seed = SeedProject {
            title: &title,
            summary: "Deux partenaires, un de chaque côté, mettent en commun leurs méthodes et organisent des missions croisées.",
            objectives: "Partager les méthodes des deux équipes\nFormer de jeunes chercheurs et professionnels\nDiffuser les résultats des deux côtés de l’Atlantique",
            duration_months: 12 + (i as i64 % 3) * 6,
            theme_ids: vec![call.theme_ids[i % call.theme_ids.len()]],
            halves: vec![
                (
                    wb,
                    wb_orgs[i % wb_orgs.len()],
                    leads[0],
                    deadline - hours * 3_600_000,
                ),
                (
                    qc,
                    qc_orgs[(i * 5) % qc_orgs.len()],
                    leads[1],
                    deadline - (hours + 3) * 3_600_000,
                ),
            ],
            missions: vec![
                Mission {
                    id: 0,
                    from_side_id: wb,
                    to_side_id: qc,
                    travellers: 2,
                    starts_on: format!("2019-10-{:02}", 1 + i % 25),
                    days: 7,
                    purpose: "Mission d’échange et de travail à Québec".into(),
                },
                Mission {
                    id: 0,
                    from_side_id: qc,
                    to_side_id: wb,
                    travellers: 1 + (i as i64 % 2),
                    starts_on: format!("2020-04-{:02}", 1 + i % 25),
                    days: 10,
                    purpose: "Mission de restitution en Wallonie-Bruxelles".into(),
                },
            ],
            created_by: leads[1],
        };
        seed_filed_project(tx, actor, &call, &seed).await?;
    }
    Ok(())
}
