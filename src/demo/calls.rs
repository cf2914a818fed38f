//! The demo's calls: the XIe CMP call (deadline 4 March 2019, 17 h 59 Québec time) and a draft
//! call for the XIIe CMP (deadlines in the spring 2022 DST gap weeks).

use super::instant;
use crate::{
    audit::Actor,
    calls::{CallState, SideTerms, TravelPayer, actions::CallInput, actions::seed_call},
    db::Tx,
    error::AppResult,
    i18n::Localized,
    programmes::Side,
};

const GUIDELINES_FR: &str = "## Objet\n\nLa Commission mixte permanente Wallonie-Bruxelles – Québec soutient des projets \
de coopération portés **conjointement** par au moins un partenaire de chaque côté.\n\n## Dépôt\n\n\
- le partenaire québécois dépose son volet auprès du MRIF ;\n- le partenaire de Wallonie-Bruxelles dépose le sien auprès de WBI.\n\n\
Les deux volets forment un seul projet.";
const GUIDELINES_EN: &str = "## Purpose\n\nThe Wallonia-Brussels – Québec Permanent Joint Commission supports cooperation \
projects carried **jointly** by at least one partner on each side.\n\n## Filing\n\n\
- the Québec partner files its half with MRIF;\n- the Wallonia-Brussels partner files its half with WBI.\n\n\
Both halves form one project.";

fn terms(side: &Side, id: i64, deadline_at: i64, caps: (i64, i64, i64)) -> SideTerms {
    SideTerms {
        side_id: id,
        side_code: side.code.clone(),
        side_name: side.name.clone(),
        currency: side.currency.clone(),
        deadline_at,
        time_zone: side.time_zone.clone(),
        cap_per_trip: caps.0,
        cap_per_stay: caps.1,
        cap_per_year: caps.2,
    }
}

/// Loads both calls and returns the XIe call's id; `officer` is recorded as having approved the published one for each side.
pub async fn load(
    tx: &mut Tx,
    actor: &Actor,
    officer: i64,
    xi: (i64, &[i64]),
    xii: (i64, &[i64]),
    wb: (&Side, i64),
    qc: (&Side, i64),
) -> AppResult<i64> {
    let deadline_xi = instant(2019, 3, 4, 17, 59, "America/Toronto");
    let xi_call = CallInput {
        commission_id: xi.0,
        title: Localized::new(
            "Appel à projets de la XIe Commission mixte permanente (2019–2021)",
            "Call for projects of the 11th Permanent Joint Commission (2019–2021)",
        ),
        guidelines: Localized::new(GUIDELINES_FR, GUIDELINES_EN),
        opens_at: instant(2018, 11, 15, 9, 0, "Europe/Brussels"),
        min_duration_months: 12,
        max_duration_months: 24,
        min_partners_per_side: 1,
        travel_paid_by: TravelPayer::Sending,
        theme_ids: xi.1[..3].to_vec(),
        organisation_kinds: vec![],
        sides: vec![
            terms(wb.0, wb.1, deadline_xi, (120_000, 150_000, 900_000)),
            terms(qc.0, qc.1, deadline_xi, (180_000, 200_000, 1_200_000)),
        ],
    };
    let xi_id = seed_call(tx, actor, &xi_call, CallState::Published, officer).await?;
    let draft = CallInput {
        commission_id: xii.0,
        title: Localized::new(
            "Appel à projets de la XIIe Commission mixte permanente (2022–2024)",
            "Call for projects of the 12th Permanent Joint Commission (2022–2024)",
        ),
        opens_at: instant(2021, 12, 1, 9, 0, "Europe/Brussels"),
        theme_ids: xii.1.to_vec(),
        sides: vec![
            terms(
                wb.0,
                wb.1,
                instant(2022, 3, 30, 23, 59, "Europe/Brussels"),
                (120_000, 150_000, 900_000),
            ),
            terms(
                qc.0,
                qc.1,
                instant(2022, 3, 15, 17, 59, "America/Toronto"),
                (180_000, 200_000, 1_200_000),
            ),
        ],

        ..xi_call
    };
    seed_call(tx, actor, &draft, CallState::Draft, officer).await?;
    Ok(xi_id)
}
