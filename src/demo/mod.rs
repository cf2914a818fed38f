//! The deterministic demo: the Wallonie-Bruxelles / Québec programme, the XIe CMP (2019–2021)
//! with its June 2019 plenary in Brussels and its online mid-term meeting of September 2020,
//! the 2021 priority themes, a dozen organisations per side, one account per role per side, the
//! XIe CMP's call (closed) and a draft call of the XIIe CMP (2022–2024), and the Grands
//! Rendez-vous' 2nd edition (2016, completed) and 3rd (2021, online, its programme under way).

mod calls;
mod data;
mod grv;
mod grv_programme;
mod projects;
mod session;
mod year2020;

use jiff::civil::date;

use crate::{
    audit::Actor,
    auth::hash_password,
    commissions::{self, CoChair, Session, SessionKind, Venue},
    db::Db,
    error::AppResult,
    i18n::{Locale, Localized},
    organisations::{self, Organisation},
    programmes::{self, FundingDefaults, Side, SideCaps},
    users::{self, Email, Role, admin},
};
use data::{QC_ORGS, WB_ORGS};

/// Every demo account's password, printed by `passerelle demo`.
pub const PASSWORD: &str = "passerelle-demo";

/// (email, name, role, side code)
pub const ACCOUNTS: [(&str, &str, Role, Option<&str>); 11] = [
    (
        "demandeur.wb@demo.passerelle.test",
        "Camille Delvaux",
        Role::Applicant,
        Some("WB"),
    ),
    (
        "demandeur.qc@demo.passerelle.test",
        "Mathieu Bergeron",
        Role::Applicant,
        Some("QC"),
    ),
    (
        "charge.wb@demo.passerelle.test",
        "Sophie Lemaire",
        Role::Officer,
        Some("WB"),
    ),
    (
        "charge.qc@demo.passerelle.test",
        "Isabelle Gagnon",
        Role::Officer,
        Some("QC"),
    ),
    (
        "evaluateur.wb@demo.passerelle.test",
        "Thomas Piron",
        Role::Evaluator,
        Some("WB"),
    ),
    (
        "evaluateur.qc@demo.passerelle.test",
        "Geneviève Roy",
        Role::Evaluator,
        Some("QC"),
    ),
    (
        "commission.wb@demo.passerelle.test",
        "Anne Lambert",
        Role::CommissionMember,
        Some("WB"),
    ),
    (
        "commission.qc@demo.passerelle.test",
        "François Côté",
        Role::CommissionMember,
        Some("QC"),
    ),
    (
        "coach@demo.passerelle.test",
        "Nadia Benali",
        Role::Coach,
        None,
    ),
    // Coaches belong to no side; this one follows the Grands Rendez-vous' Québec participants.
    (
        "coach.qc@demo.passerelle.test",
        "Isabelle Gagnon",
        Role::Coach,
        None,
    ),
    (
        "admin@demo.passerelle.test",
        "Administration Passerelle",
        Role::Administrator,
        None,
    ),
];

const THEMES: [(&str, &str, &str); 5] = [
    (
        "climate",
        "Lutte contre les changements climatiques",
        "Fighting climate change",
    ),
    (
        "science-diplomacy",
        "Diplomatie scientifique",
        "Scientific diplomacy",
    ),
    ("french-language", "Langue française", "French language"),
    (
        "economic-recovery",
        "Relance économique",
        "Economic recovery",
    ),
    (
        "cultural-recovery",
        "Relance culturelle",
        "Cultural recovery",
    ),
];

pub(super) fn instant(y: i16, m: i8, d: i8, h: i8, min: i8, zone: &str) -> i64 {
    date(y, m, d)
        .at(h, min, 0, 0)
        .in_tz(zone)
        .expect("demo dates are valid in their zones")
        .timestamp()
        .as_millisecond()
}

/// How far into the XIe CMP's cycle the demo goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Stage {
    /// The call closed, forty projects filed on both sides: nothing evaluated yet (a session
    /// to run from the start, for training and tests).
    Filed,
    /// Evaluations done, the June 2019 plenary held, decided, signed and announced: 26 funded
    /// projects about to start.
    Selected,
    /// Then 2019–2020: missions (the pandemic's cancelled and online ones), the mid-term review
    /// and the September 2020 session's new calendar, decided and ready to apply.
    #[default]
    Full,
}

impl Stage {
    pub fn parse(s: &str) -> Option<Stage> {
        match s {
            "filed" => Some(Stage::Filed),
            "selected" => Some(Stage::Selected),
            "full" => Some(Stage::Full),
            _ => None,
        }
    }
}

/// Loads the full demo into an empty, migrated database (email links point at `base`).
pub async fn load(db: &Db) -> AppResult<()> {
    load_stage(db, Stage::Full, "http://127.0.0.1:8080").await
}

/// Loads the demo up to `stage` into an empty, migrated database.
pub async fn load_stage(db: &Db, stage: Stage, base: &str) -> AppResult<()> {
    load_sized(db, stage, base, PROJECTS).await
}

/// How many joint projects the XIe call receives in the demo.
pub const PROJECTS: usize = 40;

/// The demo with `projects` joint projects instead of forty (tests render every page at one
/// and at several rows to check that its number of queries does not grow with the data).
pub async fn load_sized(db: &Db, stage: Stage, base: &str, projects: usize) -> AppResult<()> {
    let actor = Actor::system("demo");
    let hash = hash_password(PASSWORD.to_string()).await?;
    let mut tx = db.write().await?;
    let wb = Side {
        id: 0,
        code: "WB".into(),
        name: Localized::new("Wallonie-Bruxelles", "Wallonia-Brussels"),
        administration: Localized::new(
            "Wallonie-Bruxelles International (WBI)",
            "Wallonia-Brussels International (WBI)",
        ),
        time_zone: "Europe/Brussels".into(),
        currency: "EUR".into(),
        locale: Locale::FrBe,
        acronym: "WBI".into(),
        logo_text: "Wallonie-Bruxelles International".into(),
        iati_ref: String::new(),
    };
    let qc = Side {
        id: 0,
        code: "QC".into(),
        name: Localized::new("Québec", "Québec"),
        administration: Localized::new(
            "Ministère des Relations internationales et de la Francophonie (MRIF)",
            "Ministère des Relations internationales et de la Francophonie (MRIF)",
        ),
        time_zone: "America/Toronto".into(),
        currency: "CAD".into(),
        locale: Locale::FrCa,
        acronym: "MRIF".into(),
        logo_text: "Québec".into(),
        iati_ref: String::new(),
    };
    let name = Localized::new(
        "Coopération Wallonie-Bruxelles – Québec",
        "Wallonia-Brussels – Québec cooperation",
    );
    // Built through the set-up an administrator runs on a new installation.
    let caps = |side_id, (per_trip, per_stay, per_year)| SideCaps {
        side_id,
        per_trip,
        per_stay,
        per_year,
    };
    let programme = programmes::actions::set_up_in(
        &mut tx,
        &actor,
        &programmes::actions::SetUp {
            code: "WBQC".into(),
            name,
            sides: vec![wb.clone(), qc.clone()],
            defaults: FundingDefaults {
                min_duration_months: 12,
                max_duration_months: 24,
                min_partners_per_side: 1,
                travel_paid_by: "sending".into(),
                caps: vec![
                    caps(0, (120_000, 150_000, 900_000)),
                    caps(1, (180_000, 200_000, 1_200_000)),
                ],
            },
        },
    )
    .await?;
    let sides = programmes::actions::sides_of(&mut tx, programme).await?;
    let (wb_id, qc_id) = (sides[0].id, sides[1].id);
    let mut officer = 0;
    // The commission members are the demo's co-chairs (WB, then QC).
    let mut chairs = Vec::new();
    let mut staff = Vec::new();
    for (email, name, role, side) in ACCOUNTS {
        let side_id = side.map(|s| if s == "WB" { wb_id } else { qc_id });
        let locale = if side == Some("QC") {
            Locale::FrCa
        } else {
            Locale::FrBe
        };
        let a = admin::NewAccount {
            email: Email::parse(email).expect("demo addresses are valid"),
            name: name.into(),
            locale,
            role,
            side_id,
        };
        let id = admin::seed_user(&mut tx, &actor, &a, &hash).await?;
        if email.starts_with("charge.wb") {
            officer = id;
        }
        if email.starts_with("commission.") {
            chairs.push(id);
        }
        if matches!(role, Role::Officer | Role::CommissionMember) {
            staff.push(id);
        }
    }
    let co_chairs = [
        CoChair {
            side_id: wb_id,
            name: "Anne Lambert".into(),
            title_fr: "Administratrice générale adjointe, WBI".into(),
            title_en: "Deputy Director General, WBI".into(),
            user_id: Some(chairs[0]),
        },
        CoChair {
            side_id: qc_id,
            name: "François Côté".into(),
            title_fr: "Sous-ministre adjoint, MRIF".into(),
            title_en: "Assistant Deputy Minister, MRIF".into(),
            user_id: Some(chairs[1]),
        },
    ];
    let cmp = commissions::actions::create_commission(
        &mut tx,
        &actor,
        programme,
        11,
        (2019, 2021),
        &co_chairs,
    )
    .await?;
    let plenary = Session {
        id: 0,
        commission_id: cmp,
        kind: SessionKind::Plenary,
        starts_at: instant(2019, 6, 18, 9, 30, "Europe/Brussels"),
        time_zone: "Europe/Brussels".into(),
        venue: Venue::InPerson {
            place: "Bruxelles, Wallonie-Bruxelles International, place Sainctelette 2".into(),
        },
        sequence: 0,
        cancelled_at: None,
    };
    let midterm = Session {
        id: 0,
        commission_id: cmp,
        kind: SessionKind::Midterm,
        starts_at: instant(2020, 9, 23, 9, 0, "America/Toronto"),
        time_zone: "America/Toronto".into(),
        venue: Venue::Online {
            meeting_url: "https://visio.demo.passerelle.test/cmp-xi-mi-etape".into(),
        },
        sequence: 0,
        cancelled_at: None,
    };
    // The sessions' acts are recorded on the sessions' days (`Db::replaying_from`).
    let (plenary_at, midterm_at) = (plenary.starts_at, midterm.starts_at);
    // The demo's sessions are attended by both sides' officers and commission members.
    let plenary = commissions::actions::add_session(&mut tx, &actor, &plenary, &staff).await?;
    let midterm = commissions::actions::add_session(&mut tx, &actor, &midterm, &staff).await?;
    let mut xi_themes = Vec::new();
    for (i, (code, fr, en)) in THEMES.iter().enumerate() {
        let id = commissions::actions::add_theme(
            &mut tx,
            &actor,
            cmp,
            code,
            &Localized::new(*fr, *en),
            i as i64,
        )
        .await?;
        xi_themes.push(id);
    }
    let mut orgs = Vec::new();
    for (side_id, side_orgs, country) in [(wb_id, &WB_ORGS, "BE"), (qc_id, &QC_ORGS, "CA")] {
        for (kind, name, street, postal_code, city) in side_orgs.iter() {
            let o = Organisation {
                id: 0,
                side_id,
                kind: *kind,
                name: name.to_string(),
                street: street.to_string(),
                postal_code: postal_code.to_string(),
                city: city.to_string(),
                country: country.into(),
            };
            let id = organisations::actions::create_organisation(&mut tx, &actor, &o).await?;
            orgs.push((side_id, id));
        }
    }
    let xii = commissions::actions::create_commission(
        &mut tx,
        &actor,
        programme,
        12,
        (2022, 2024),
        &co_chairs,
    )
    .await?;
    let mut xii_themes = Vec::new();
    for (i, (code, fr, en)) in THEMES.iter().enumerate() {
        xii_themes.push(
            commissions::actions::add_theme(
                &mut tx,
                &actor,
                xii,
                code,
                &Localized::new(*fr, *en),
                i as i64,
            )
            .await?,
        );
    }
    let xi_call = calls::load(
        &mut tx,
        &actor,
        officer,
        (cmp, &xi_themes),
        (xii, &xii_themes),
        (&wb, wb_id),
        (&qc, qc_id),
    )
    .await?;
    projects::load(
        &mut tx,
        &actor,
        xi_call,
        &hash,
        (wb_id, qc_id),
        &orgs,
        projects,
    )
    .await?;
    tx.commit().await?;
    grv::load(db, &hash, (wb_id, qc_id)).await?;
    if stage != Stage::Filed {
        session::load(
            db,
            base,
            xi_call,
            (plenary, plenary_at),
            (wb_id, qc_id),
            &hash,
        )
        .await?;
    }
    if stage == Stage::Full {
        year2020::load(db, base, (cmp, xii), (midterm, midterm_at)).await?;
        draft_next_edition(db, &co_chairs).await?;
    }
    Ok(())
}

/// The XIIIe edition as WBI's officer prepares it on the officers' page (MRIF has yet to
/// approve it): the form's suggestion — the edition after the XIIe, hosted by the other side,
/// the same co-chairs and themes — as drafted through the same action.
async fn draft_next_edition(db: &Db, co_chairs: &[CoChair]) -> AppResult<()> {
    use commissions::editions::{self, CoChairInput, EditionInput};
    let officer = users::actions::acting_as(db, "charge.wb@demo.passerelle.test").await?;
    let suggested = editions::edition_form(db, &officer, None).await?.input;
    let input = EditionInput {
        co_chairs: co_chairs
            .iter()
            .map(|c| CoChairInput {
                side_id: c.side_id,
                user_id: c.user_id.unwrap_or_default(),
                title: Localized::new(c.title_fr.clone(), c.title_en.clone()),
            })
            .collect(),
        ..suggested
    };
    editions::draft(db, &officer, &input).await?;
    Ok(())
}
