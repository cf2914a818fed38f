//! The 3rd Grands Rendez-vous' programme in the demo (issue 14, item 7): set up by WBI's
//! officer through the same actions as the web, each act on its day — the pitch day, workshops,
//! coaching sessions (one workshop cancelled), the demo day; a coach assigned to each side's
//! participants records their attendance and writes notes and milestones as the weeks go.

use super::instant;
use crate::{
    db::Db,
    error::{AppError, AppResult},
    grv::{
        participants,
        programme::{self, AttendanceRow},
        sessions::{self, Attendance, SessionForm},
    },
    users::actions::acting_as,
};

const BRUSSELS: &str = "Europe/Brussels";
const MONTREAL: &str = "America/Toronto";

/// (kind, title fr, title en, local start, zone, minutes, cancelled)
type Plan = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const SESSIONS: [Plan; 7] = [
    (
        "pitch_day",
        "Journée de pitch : trois minutes pour convaincre",
        "Pitch day: three minutes to convince",
        "2021-02-04T15:00",
        BRUSSELS,
        "180",
        false,
    ),
    (
        "workshop",
        "Atelier : valider son marché en dix entretiens",
        "Workshop: testing your market in ten interviews",
        "2021-02-16T15:00",
        BRUSSELS,
        "120",
        false,
    ),
    (
        "coaching",
        "Coaching individuel — premier point d’étape",
        "One-to-one coaching — first check-in",
        "2021-03-09T15:00",
        BRUSSELS,
        "60",
        false,
    ),
    // Typed in Montréal's zone, in the two weeks when the sides are five hours apart.
    (
        "workshop",
        "Atelier : un modèle d’affaires solidaire",
        "Workshop: a solidarity business model",
        "2021-03-23T10:00",
        MONTREAL,
        "120",
        false,
    ),
    (
        "workshop",
        "Atelier : financer son projet",
        "Workshop: funding your project",
        "2021-04-06T15:00",
        BRUSSELS,
        "120",
        true,
    ),
    (
        "coaching",
        "Coaching individuel — deuxième point d’étape",
        "One-to-one coaching — second check-in",
        "2021-04-13T15:00",
        BRUSSELS,
        "60",
        false,
    ),
    (
        "demo_day",
        "Journée de démonstration",
        "Demo day",
        "2021-06-22T15:00",
        BRUSSELS,
        "240",
        false,
    ),
];

/// A coach's note: (which participant of the cohort, the day, the text, a milestone's date).
type Note = (usize, (i16, i8, i8), &'static str, Option<&'static str>);

pub async fn load(db: &Db, edition: i64) -> AppResult<()> {
    let officer = acting_as(db, "charge.wb@demo.passerelle.test").await?;
    let window = programme::session_form(db, &officer, edition)
        .await?
        .0
        .session_window();
    // One coach per side's participants: Wallonia-Brussels' and Québec's.
    let coach_wb = acting_as(db, "coach@demo.passerelle.test").await?;
    let coach_qc = acting_as(db, "coach.qc@demo.passerelle.test").await?;
    let wb_side = officer.acting_side();
    let zones = vec![BRUSSELS.to_string(), MONTREAL.to_string()];
    // The week after the programme started, WBI sets up its sessions and assigns the coaches.
    let set_up = db.replaying_from(instant(2021, 2, 2, 10, 0, BRUSSELS));
    let mut ids = Vec::new();
    for (kind, fr, en, at, zone, minutes, _) in SESSIONS {
        let input = sessions::check(
            &SessionForm {
                kind,
                title_fr: fr,
                title_en: en,
                starts_at: at,
                zone,
                minutes,
                meeting_url: "https://meet.example.org/grv3-programme",
            },
            &zones,
            window,
        )
        .map_err(AppError::Invalid)?;
        ids.push((
            programme::add_session(&set_up, &officer, edition, &input).await?,
            input.starts_at,
        ));
    }
    let cohort: Vec<(i64, bool)> = programme::programme_page(&set_up, &officer, edition)
        .await?
        .participants
        .iter()
        .map(|(p, _, _)| (p.candidacy.id, Some(p.candidacy.side_id) == wb_side))
        .collect();
    let coach_of = |wb: bool| if wb { &coach_wb } else { &coach_qc };
    for (c, wb) in &cohort {
        programme::assign_coach(&set_up, &officer, *c, Some(coach_of(*wb).id), None).await?;
    }
    // The financing workshop is cancelled a week ahead.
    for ((id, _), plan) in ids.iter().zip(SESSIONS) {
        if plan.6 {
            let then = db.replaying_from(instant(2021, 3, 30, 9, 0, BRUSSELS));
            programme::cancel_session(&then, &officer, *id).await?;
        }
    }
    // After each session held so far, the coach records who attended: everyone, except one
    // participant excused at the second workshop and one absent from the first check-in.
    for (n, ((id, at), plan)) in ids.iter().zip(SESSIONS).enumerate() {
        if plan.6 || plan.0 == "demo_day" {
            continue;
        }
        let then = db.replaying_from(at + 4 * 3_600_000);
        // Each coach records their own participants'.
        for wb in [true, false] {
            let rows: Vec<AttendanceRow> = cohort
                .iter()
                .enumerate()
                .filter(|(_, (_, side_wb))| *side_wb == wb)
                .map(|(i, (c, _))| AttendanceRow {
                    candidacy: *c,
                    shown: None,
                    status: match (n, i) {
                        (1, 2) => Attendance::Excused,
                        (2, 5) => Attendance::Absent,
                        _ => Attendance::Present,
                    },
                })
                .collect();
            programme::record_attendance(&then, coach_of(wb), *id, &rows).await?;
        }
    }
    // The coach's follow-up of the first participants: a note after the pitch day, milestones
    // (one reached on time, one still ahead).
    let notes: [Note; 4] = [
        (
            0,
            (2021, 2, 5),
            "Pitch clair et chaleureux. Prochaine étape\u{202f}: parler à dix clientes et clients potentiels avant le premier point d’étape.",
            None,
        ),
        (
            0,
            (2021, 2, 5),
            "Dix entretiens avec des clientes et clients potentiels",
            Some("2021-03-05"),
        ),
        (
            0,
            (2021, 3, 10),
            "Prototype du parcours de livraison testé dans un quartier",
            Some("2021-05-15"),
        ),
        (
            1,
            (2021, 2, 17),
            "Bonne intuition du besoin\u{202f}; estimer combien d’échanges par mois font vivre la plateforme avant l’atelier sur le modèle d’affaires.",
            None,
        ),
    ];
    for (who, (y, m, d), body, due) in notes {
        let Some((c, wb)) = cohort.get(who) else {
            continue;
        };
        let then = db.replaying_from(instant(y, m, d, 18, 0, BRUSSELS));
        participants::add_note(
            &then,
            coach_of(*wb),
            *c,
            body,
            due.is_some(),
            due.unwrap_or_default(),
        )
        .await?;
    }
    // The first milestone is reached the day before it was due.
    if let Some((c, wb)) = cohort.first() {
        let then = db.replaying_from(instant(2021, 3, 4, 18, 0, BRUSSELS));
        let coach = coach_of(*wb);
        let v = participants::participant_page(&then, coach, *c).await?;
        if let Some(m) = v.open_milestones().first() {
            participants::reach_milestone(&then, coach, *c, m.id).await?;
        }
    }
    Ok(())
}
