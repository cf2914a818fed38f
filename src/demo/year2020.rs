//! The XIe CMP's funded projects in 2019–2020, played through the actions: the autumn 2019
//! missions done and reported, the spring 2020 missions cancelled or held online because of
//! the pandemic (some reports still overdue), the mid-term campaign with its progress reports
//! and both sides' opinions (one unfavourable), year 2 released where the joint opinion is
//! favourable, and the September 2020 mid-term session, closed and signed, which adopted the
//! next call's themes and a new calendar giving every running project twelve more months —
//! decided, ready to preview and apply.

use crate::{commissions::SessionState, decisions::actions::Seen};
use crate::{
    db::Db,
    decisions::{
        self,
        model::{CalendarChange, CalendarScope, ResolutionBody},
    },
    error::AppResult,
    followup::{self, model::MissionStatus},
    users::actions::acting_as,
};

pub async fn load(
    db: &Db,
    base: &str,
    commission: (i64, i64),
    (midterm, midterm_at): (i64, i64),
) -> AppResult<()> {
    let (xi, xii) = commission;
    let wb = acting_as(db, "charge.wb@demo.passerelle.test").await?;
    let qc = acting_as(db, "charge.qc@demo.passerelle.test").await?;
    let funded = followup::actions::of_commission(db, &wb, xi).await?;
    for (i, (f, _)) in funded.iter().enumerate() {
        let v = followup::actions::view(db, &wb, f.id).await?;
        let lead = |side: &str| {
            v.project
                .halves
                .iter()
                .find(|h| h.side_code == side)
                .map(|h| h.lead_email.clone())
                .unwrap_or_default()
        };
        let lead_wb = acting_as(db, &lead("WB")).await?;
        let lead_qc = acting_as(db, &lead("QC")).await?;
        let costs: Vec<Vec<(i64, i64)>> = v
            .missions
            .iter()
            .map(|m| followup::model::mission_cost(&v.call, m))
            .collect();
        for (k, m) in v.missions.iter().enumerate() {
            let status = match (k, i % 2) {
                (0, _) => MissionStatus::Done,
                (_, 0) => MissionStatus::Cancelled,
                _ => MissionStatus::Online,
            };
            followup::missions::set_status(db, &lead_qc, f.id, m.id, status).await?;
            if status == MissionStatus::Done {
                // Each side spends a little under what the rule commits.
                for (officer, side) in [(&wb, 0), (&qc, 1)] {
                    let amount = costs[k].get(side).map_or(0, |c| c.1 * 9 / 10);
                    followup::missions::record_spending(db, officer, f.id, m.id, amount).await?;
                }
            }
            let reported = status == MissionStatus::Done || i % 3 != 0;
            if status != MissionStatus::Cancelled && reported {
                let text = if status == MissionStatus::Online {
                    "Ateliers tenus en visioconférence ; la mission en présence est reportée."
                } else {
                    "Séminaire commun et visites de terrain ; premiers résultats partagés."
                };
                followup::missions::submit_report(db, &lead_wb, f.id, m.id, text).await?;
            }
        }
    }
    followup::midterm::open_campaign(db, base, &qc, xi, "2020-08-31").await?;
    for (i, (f, _)) in funded.iter().enumerate() {
        if i + 2 >= funded.len() {
            continue; // two reports still missing
        }
        let v = followup::actions::view(db, &wb, f.id).await?;
        let statuses: Vec<_> = v
            .objectives
            .iter()
            .map(|(o, _, _)| (*o, followup::model::ObjectiveStatus::InProgress))
            .collect();
        for side in ["WB", "QC"] {
            let email = v
                .project
                .halves
                .iter()
                .find(|h| h.side_code == side)
                .map(|h| h.lead_email.clone())
                .unwrap_or_default();
            let lead = acting_as(db, &email).await?;
            let (used, forecast) = if side == "WB" {
                (240_000, 420_000)
            } else {
                (380_000, 600_000)
            };
            followup::midterm::file_report(
                db,
                &lead,
                f.id,
                "Les missions de l’automne 2019 ont eu lieu ; celles du printemps 2020 ont été annulées ou tenues à distance à cause de la pandémie.",
                &statuses,
                used,
                forecast,
            )
            .await?;
        }
        for officer in [&wb, &qc] {
            let favourable = !(i == 3 && officer.id == qc.id);
            let comment = if favourable {
                ""
            } else {
                "Objectifs à revoir avant de financer la deuxième année."
            };
            followup::midterm::give_opinion(db, officer, f.id, favourable, comment).await?;
        }
    }
    // The September 2020 mid-term session, online: the joint opinions are recorded there, then
    // each side releases year 2 where it is favourable. Its acts are dated on its day.
    let db = &db.replaying_from(midterm_at + 30 * 60_000);
    let member_wb = acting_as(db, "commission.wb@demo.passerelle.test").await?;
    let member_qc = acting_as(db, "commission.qc@demo.passerelle.test").await?;
    // Each side asks to open it; it opens with the second.
    for member in [&member_qc, &member_wb] {
        let seen = decisions::actions::seen(db, member, midterm, Seen::Session).await?;
        decisions::actions::advance(db, member, midterm, SessionState::Open, &seen).await?;
    }
    for (i, (f, _)) in funded.iter().enumerate() {
        if i != 3 && i + 2 < funded.len() {
            for officer in [&wb, &qc] {
                followup::midterm::release_year2(db, officer, f.id).await?;
            }
        }
    }
    let calendar = ResolutionBody::Calendar(CalendarChange::ByMonths(12));
    let r = decisions::resolutions::propose(
        db,
        &member_qc,
        midterm,
        &calendar,
        "Pandémie de COVID-19 : plus de temps pour mener les missions reportées",
        &CalendarScope {
            projects: Vec::new(),
            move_missions: true,
        },
    )
    .await?;
    let seen = decisions::actions::seen(db, &member_wb, midterm, Seen::Resolution(r)).await?;
    decisions::resolutions::approve(db, &member_wb, r, &seen).await?;
    let next = ResolutionBody::NextCall {
        commission_id: xii,
        opens_on: "2021-12-01".into(),
        themes: vec![
            (
                "Lutte contre les changements climatiques".into(),
                "Fighting climate change".into(),
            ),
            (
                "Diplomatie scientifique".into(),
                "Scientific diplomacy".into(),
            ),
            ("Langue française".into(), "French language".into()),
            ("Relance économique".into(), "Economic recovery".into()),
            ("Relance culturelle".into(), "Cultural recovery".into()),
        ],
    };
    let r = decisions::resolutions::propose(
        db,
        &member_wb,
        midterm,
        &next,
        "",
        &CalendarScope::default(),
    )
    .await?;
    let seen = decisions::actions::seen(db, &member_qc, midterm, Seen::Resolution(r)).await?;
    decisions::resolutions::approve(db, &member_qc, r, &seen).await?;
    decisions::actions::advance(db, &member_wb, midterm, SessionState::Closed, "").await?;
    let record = decisions::actions::seen(db, &member_wb, midterm, Seen::Record).await?;
    decisions::documents::sign(db, &member_wb, midterm, &record).await?;
    decisions::documents::sign(db, &member_qc, midterm, &record).await?;
    Ok(())
}
