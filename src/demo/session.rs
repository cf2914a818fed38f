//! The XIe CMP's evaluations and its June 2019 plenary, played through the same actions as the
//! web: each side's grid (Québec scores by criteria with sector ministries, the Wallonie-
//! Bruxelles jury ranks), a declared conflict and an affiliation, the balanced assignment, every
//! evaluation submitted, each side's recommendations; then the session opens, every project on
//! the agenda gets a joint decision, the session closes (selections become funded projects),
//! both co-chairs sign the minutes and both administrations release the letters.

use super::instant;
use crate::{commissions::SessionState, decisions::actions::Seen};
use crate::{
    db::Db,
    decisions::{self, model::Outcome},
    error::AppResult,
    evaluations::{
        actions::{self as side, GridInput},
        assign, evaluate,
        model::{Method, Score, Verdict},
    },
    users::{Email, Role, Viewer, actions::acting_as, admin},
};

/// More evaluators: (email, name, side code). A jury of three for WB, three ministries for QC.
const EVALUATORS: [(&str, &str, &str); 4] = [
    ("jury2.wb@demo.passerelle.test", "Marc Delhaye", "WB"),
    ("jury3.wb@demo.passerelle.test", "Sarah Janssens", "WB"),
    ("economie.qc@demo.passerelle.test", "Mathieu Lavoie", "QC"),
    (
        "culture.qc@demo.passerelle.test",
        "Catherine Pelletier",
        "QC",
    ),
];

const COMMENTS: [&str; 4] = [
    "Partenariat équilibré, objectifs clairs.",
    "Calendrier ambitieux mais réaliste.",
    "Retombées à préciser pour la partie québécoise.",
    "Bonne articulation avec les thèmes prioritaires.",
];

/// A project's hidden merit in the demo (0..41), so that both sides broadly agree.
fn merit(project: i64) -> i64 {
    (project * 37 + 11) % 41
}

async fn user(db: &Db, email: &str) -> AppResult<Viewer> {
    acting_as(db, email).await
}

pub async fn load(
    db: &Db,
    base: &str,
    call: i64,
    (session, starts_at): (i64, i64),
    sides: (i64, i64),
    hash: &str,
) -> AppResult<()> {
    let actor = crate::audit::Actor::system("demo");
    let mut tx = db.write().await?;
    for (email, name, code) in EVALUATORS {
        let a = admin::NewAccount {
            email: Email::parse(email).expect("demo addresses are valid"),
            name: name.into(),
            locale: if code == "WB" {
                crate::i18n::Locale::FrBe
            } else {
                crate::i18n::Locale::FrCa
            },
            role: Role::Evaluator,
            side_id: Some(if code == "WB" { sides.0 } else { sides.1 }),
        };
        admin::seed_user(&mut tx, &actor, &a, hash).await?;
    }
    tx.commit().await?;
    let wb = user(db, "charge.wb@demo.passerelle.test").await?;
    let qc = user(db, "charge.qc@demo.passerelle.test").await?;
    grids(db, &wb, &qc, call).await?;
    conflicts(db, &wb, call).await?;
    assign::propose(db, &wb, call, 2).await?;
    assign::propose(db, &qc, call, 2).await?;
    evaluate_all(db).await?;
    for officer in [&wb, &qc] {
        recommend(db, officer, call).await?;
    }
    // The plenary's decisions, signatures and letters are dated on its day, half an hour
    // after it began: the letters say "Bruxelles, le 18 juin 2019", as they would have.
    let db = &db.replaying_from(starts_at + 30 * 60_000);
    plenary(db, base, session, (&wb, &qc)).await
}

async fn grids(db: &Db, wb: &Viewer, qc: &Viewer, call: i64) -> AppResult<()> {
    let criteria = [
        (
            "Pertinence au regard des thèmes prioritaires",
            "Relevance to the priority themes",
            3,
        ),
        (
            "Qualité et équilibre du partenariat",
            "Quality and balance of the partnership",
            2,
        ),
        (
            "Faisabilité, calendrier et budget",
            "Feasibility, timeline and budget",
            2,
        ),
        ("Retombées attendues", "Expected impact", 3),
    ];
    let qc_grid = GridInput {
        method: Method::Score,
        scale_max: 10,
        due_at: Some(instant(2019, 4, 30, 17, 0, "America/Toronto")),
        criteria: criteria
            .iter()
            .map(|(fr, en, w)| (fr.to_string(), en.to_string(), *w))
            .collect(),
    };
    side::save_grid(db, qc, call, &qc_grid).await?;
    let wb_grid = GridInput {
        method: Method::Rank,
        scale_max: 10,
        due_at: Some(instant(2019, 4, 30, 17, 0, "Europe/Brussels")),
        criteria: Vec::new(),
    };
    side::save_grid(db, wb, call, &wb_grid).await
}

/// A declared conflict on the QC side and an affiliation on the WB side, so the proposal has
/// something to avoid.
async fn conflicts(db: &Db, wb: &Viewer, call: i64) -> AppResult<()> {
    let view = side::side_view(db, wb, call).await?;
    let culture = user(db, "culture.qc@demo.passerelle.test").await?;
    if let Some((_, p)) = view.halves.get(3) {
        assign::declare_conflict(
            db,
            &culture,
            call,
            p.id,
            "Ancienne collaboratrice du porteur québécois",
        )
        .await?;
    }
    let jury3 = user(db, "jury3.wb@demo.passerelle.test").await?;
    if let Some(h) = view
        .halves
        .get(5)
        .and_then(|(_, p)| p.half_of_side(view.side_id))
    {
        side::affiliate(db, wb, call, jury3.id, h.organisation_id).await?;
    }
    Ok(())
}

async fn evaluate_all(db: &Db) -> AppResult<()> {
    let evaluators = [
        "evaluateur.wb@demo.passerelle.test",
        "jury2.wb@demo.passerelle.test",
        "jury3.wb@demo.passerelle.test",
        "evaluateur.qc@demo.passerelle.test",
        "economie.qc@demo.passerelle.test",
        "culture.qc@demo.passerelle.test",
    ];
    for email in evaluators {
        let u = user(db, email).await?;
        let mut mine = evaluate::my_assignments(db, &u).await?;
        // A juror places their projects by merit; ties broken by id.
        mine.sort_by_key(|a| (-merit(a.project), a.id));
        for (place, evaluate::AssignmentLine { id, project, .. }) in mine.iter().enumerate() {
            let ev = evaluate::evaluation(db, &u, *id).await?;
            let comment = COMMENTS[(*id as usize) % COMMENTS.len()];
            if ev.grid.method == Method::Rank {
                evaluate::save_place(db, &u, *id, Some(place as i64 + 1), comment, true).await?;
                continue;
            }
            let scores: Vec<Score> = ev
                .grid
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| Score {
                    criterion_id: c.id,
                    score: Some((merit(*project) / 4 + (*id + i as i64) % 3 - 1).clamp(0, 10)),
                    comment: if i == 0 {
                        comment.to_string()
                    } else {
                        String::new()
                    },
                })
                .collect();
            evaluate::save_evaluation(db, &u, *id, &scores, true).await?;
        }
    }
    Ok(())
}

async fn recommend(db: &Db, officer: &Viewer, call: i64) -> AppResult<()> {
    let view = side::side_view(db, officer, call).await?;
    for (i, (half, _)) in view.ranking.order.iter().enumerate() {
        let (verdict, note) = match i {
            0..10 => (Verdict::Priority, "Classé parmi les meilleurs projets."),
            10..26 => (Verdict::Recommended, "Projet solide."),
            26..33 => (Verdict::Reserved, "Budget des missions à revoir."),
            _ => (Verdict::NotRecommended, "Objectifs insuffisamment définis."),
        };
        side::recommend(db, officer, call, *half, verdict, note).await?;
    }
    Ok(())
}

/// The June 2019 plenary: 26 projects selected, 11 not selected, the rest deferred.
async fn plenary(db: &Db, base: &str, session: i64, officers: (&Viewer, &Viewer)) -> AppResult<()> {
    let wb = user(db, "commission.wb@demo.passerelle.test").await?;
    let qc = user(db, "commission.qc@demo.passerelle.test").await?;
    // Each side asks to open it; it opens with the second.
    for member in [&wb, &qc] {
        let seen = decisions::actions::seen(db, member, session, Seen::Session).await?;
        decisions::actions::advance(db, member, session, SessionState::Open, &seen).await?;
    }
    let view = decisions::agenda::session_view(db, &wb, session).await?;
    for (i, item) in view.agenda.iter().enumerate() {
        let outcome = match i {
            0..26 => Outcome::Selected,
            26..37 => Outcome::NotSelected,
            _ => Outcome::Deferred,
        };
        let amounts: Vec<(i64, i64)> = view
            .sides
            .iter()
            .map(|s| {
                let base = if s.currency == "EUR" { 4_000 } else { 5_500 };
                (s.id, (base + (i as i64 % 5) * 1_000) * 100)
            })
            .collect();
        let d = decisions::actions::propose(db, &wb, session, item.project.id, outcome, &amounts)
            .await?;
        let seen = decisions::actions::seen(db, &qc, session, Seen::Decision(d)).await?;
        decisions::actions::approve(db, &qc, d, &seen).await?;
    }
    decisions::actions::advance(db, &qc, session, SessionState::Closed, "").await?;
    let record = decisions::actions::seen(db, &qc, session, Seen::Record).await?;
    decisions::documents::sign(db, &wb, session, &record).await?;
    decisions::documents::sign(db, &qc, session, &record).await?;
    decisions::actions::release(db, base, officers.0, session, &record).await?;
    decisions::actions::release(db, base, officers.1, session, &record).await?;
    Ok(())
}
