//! Project follow-up on the full demo: the article's scenario — the XIe CMP's mid-term review
//! (progress reports, each side's opinion, year 2 released only after a favourable joint
//! opinion), then a new calendar giving every running project twelve more months: preview,
//! atomic application, history, notifications in each lead's language — and mission costs per
//! side under the funding rule.

use axum::http::StatusCode;

use passerelle::demo::Stage;

use crate::helpers::TestApp;

pub(crate) async fn login(app: &TestApp, email: &str) -> TestApp {
    let mut b = app.browser();
    b.login_demo(email).await;
    b
}

pub(crate) async fn lead(app: &TestApp, funded: i64, side: &str) -> String {
    app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id join funded_projects f on f.project_id = h.project_id where f.id = {funded} and s.code = '{side}'")).await
}

#[tokio::test]
async fn the_mid_term_review_releases_year_two_only_after_a_favourable_joint_opinion() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let xi = app
        .scalar("select id from commissions where number = 11")
        .await;
    let (a, b) = (
        app.scalar("select min(id) from funded_projects").await,
        app.scalar("select max(id) from funded_projects").await,
    );
    // One lead reads English: their email must be in English.
    let a_wb = lead(&app, a, "WB").await;
    app.exec_text(&format!(
        "update users set locale = 'en' where email = '{a_wb}'"
    ))
    .await;
    let mut officer_qc = login(&app, "charge.qc@demo.passerelle.test").await;
    let mut officer_wb = login(&app, "charge.wb@demo.passerelle.test").await;
    // Before the campaign, no report can be filed.
    let mut lead_a = login(&app, &a_wb).await;
    let r = lead_a
        .post(
            &format!("/funded/{a}/progress"),
            &[
                ("progress", "Bien avancé"),
                ("used", "1000"),
                ("forecast", "3000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("No mid-term review is open"), "{}", r.body);

    let r = officer_qc
        .post(
            &format!("/commissions/{xi}/midterm"),
            &[("due_on", "2020-08-31")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.scalar("select count(*) from email_outbox where subject like 'Revue à mi-étape%' or subject like 'Mid-term review%'").await,
        52,
        "both leads of the 26 funded projects"
    );
    let (subject, body) = app.last_email(&a_wb).await;
    assert!(
        subject.starts_with("Mid-term review: progress report due"),
        "{subject}"
    );
    assert!(body.contains("by 31 August 2020"), "{body}");

    // A wrong amount is refused at the form, and what was typed stays.
    let r = lead_a
        .post(
            &format!("/funded/{a}/progress"),
            &[
                ("progress", "Missions réalisées à moitié"),
                ("used", "mille"),
                ("forecast", "3000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Missions réalisées à moitié") && r.body.contains("value=\"mille\""));
    // Reports for both projects, each lead giving their own side's figures.
    for (f, side) in [(a, "WB"), (a, "QC"), (b, "WB"), (b, "QC")] {
        let email = lead(&app, f, side).await;
        let mut l = login(&app, &email).await;
        let r = l
            .post(
                &format!("/funded/{f}/progress"),
                &[
                    ("progress", "Deux missions sur trois réalisées"),
                    ("used", "2500,50"),
                    ("forecast", "4000"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // Opinions: A favourable on both sides, B unfavourable on the Québec side.
    for (side, f, fav) in [
        ("wb", a, "yes"),
        ("qc", a, "yes"),
        ("wb", b, "yes"),
        ("qc", b, "no"),
    ] {
        let browser = if side == "wb" {
            &mut officer_wb
        } else {
            &mut officer_qc
        };
        let r = browser
            .post(
                &format!("/funded/{f}/opinion"),
                &[("favourable", fav), ("comment", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // Before the mid-term session opens, each side sees only its own opinion.
    let page = officer_wb.get(&format!("/funded/{b}")).await;
    assert!(page.contains_text("Wallonie-Bruxelles : favorable"));
    assert!(
        !page.contains_text("Québec : défavorable"),
        "QC's opinion is QC's until the session"
    );
    // Year 2 waits for the mid-term session, where the joint opinion is recorded.
    let r = officer_wb.post(&format!("/funded/{a}/year2"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("une fois la séance de mi-étape ouverte"));
    // The mid-term session opens: both opinions shared with both sides.
    let midterm = app
        .scalar("select id from commission_sessions where kind = 'midterm'")
        .await;
    let mut member = login(&app, "commission.wb@demo.passerelle.test").await;
    member.approve(&format!("/sessions/{midterm}/open")).await;
    app.open_session(midterm).await;
    let session_page = member.get(&format!("/sessions/{midterm}")).await;
    assert!(session_page.contains_text("Résultats de la revue à mi-étape"));
    assert!(session_page.contains_text(
        "<td>Avis conjoint défavorable : la deuxième année n’est pas financée.</td>"
    ));
    let minutes = member
        .get(&format!("/sessions/{midterm}/minutes?lang=en"))
        .await;
    assert!(minutes.contains_text("Mid-term review results"));
    assert!(minutes.contains_text("Unfavourable joint opinion"));
    let page = officer_wb.get(&format!("/funded/{b}")).await;
    assert!(page.contains_text("Québec : défavorable"));
    assert!(page.contains_text("Avis conjoint défavorable"));
    // Year 2: released for A, refused for B.
    assert_eq!(
        officer_wb
            .post(&format!("/funded/{a}/year2"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let r = officer_wb.post(&format!("/funded/{b}/year2"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("qu’après un avis conjoint favorable"));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from year2_releases where funded_id = {b}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.scalar_text_value(&format!("select state from funded_projects where id = {a}"))
            .await,
        "midterm_reviewed"
    );
}

#[tokio::test]
async fn a_new_calendar_gives_every_running_project_twelve_more_months_at_once() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    let midterm = app
        .scalar("select id from commission_sessions where kind = 'midterm'")
        .await;
    let mut wb = login(&app, "commission.wb@demo.passerelle.test").await;
    let mut qc = login(&app, "commission.qc@demo.passerelle.test").await;
    wb.approve(&format!("/sessions/{midterm}/open")).await;
    app.open_session(midterm).await;
    wb.post(
        &format!("/sessions/{midterm}/calendar"),
        &[
            ("months", "12"),
            ("end_on", ""),
            ("note", "Pandémie de COVID-19"),
        ],
    )
    .await;
    let rid = app.scalar("select max(id) from resolutions").await;
    let mut officer = login(&app, "charge.qc@demo.passerelle.test").await;
    // Not applicable while only one side approved it.
    let r = officer
        .post(&format!("/resolutions/{rid}/calendar"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    qc.approve(&format!("/sessions/{midterm}/resolutions/{rid}/approve"))
        .await;
    let before: Vec<String> = {
        let mut v = Vec::new();
        for id in 1..=26 {
            v.push(
                app.scalar_text_value(&format!(
                    "select id || ' ' || ends_on from funded_projects where id = {id}"
                ))
                .await,
            );
        }
        v
    };
    // The preview lists every running project with its old and new end; nothing moves yet.
    let preview = officer.get(&format!("/resolutions/{rid}/calendar")).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.body.matches("<tr><th scope=\"row\">").count(), 26);
    let first = app
        .scalar_text_value("select ends_on from funded_projects where id = 1")
        .await;
    let first_new = first
        .parse::<jiff::civil::Date>()
        .unwrap()
        .checked_add(jiff::Span::new().months(12))
        .unwrap();
    let fmt = |d: jiff::civil::Date| {
        passerelle::i18n::format_civil_date(d, passerelle::i18n::Locale::FrCa)
    };
    assert!(
        preview.contains_text(&format!(
            "<td>{}</td><td>{}</td>",
            fmt(first.parse().unwrap()),
            fmt(first_new)
        )),
        "{}",
        preview.body
    );
    assert_eq!(app.scalar("select count(*) from term_changes").await, 0);

    // One lead reads English.
    let lead_qc = lead(&app, 2, "QC").await;
    app.exec_text(&format!(
        "update users set locale = 'en' where email = '{lead_qc}'"
    ))
    .await;
    let r = officer
        .post(&format!("/resolutions/{rid}/calendar"), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (subject, body) = app.last_email(&lead_qc).await;
    assert!(
        subject.starts_with("New calendar for the project"),
        "{subject}"
    );
    assert!(body.contains("now ends on"), "{body}");
    assert!(r.contains_text("Le nouveau calendrier est appliqué"));
    // Every project moved by exactly twelve months, the old dates kept.
    for row in &before {
        let (id, old) = row.split_once(' ').unwrap();
        let new = app
            .scalar_text_value(&format!(
                "select ends_on from funded_projects where id = {id}"
            ))
            .await;
        let expected = old
            .parse::<jiff::civil::Date>()
            .unwrap()
            .checked_add(jiff::Span::new().months(12))
            .unwrap();
        assert_eq!(new, expected.to_string());
        assert_eq!(
            app.scalar_text_value(&format!(
                "select old_ends_on || '>' || new_ends_on from term_changes where funded_id = {id}"
            ))
            .await,
            format!("{old}>{new}")
        );
    }
    assert_eq!(
        app.scalar("select count(*) from funded_projects where state = 'rescheduled'")
            .await,
        26
    );
    // Each lead is told in their language; the history shows on the project page.
    let lead_wb = lead(&app, 1, "WB").await;
    let (subject, body) = app.last_email(&lead_wb).await;
    assert!(
        subject.starts_with("Nouveau calendrier pour le projet"),
        "{subject}"
    );
    assert!(body.contains("se termine désormais le"), "{body}");
    assert_eq!(
        app.scalar("select count(*) from email_outbox where subject like 'Nouveau calendrier%' or subject like 'New calendar%'")
            .await,
        52
    );
    let mut l = login(&app, &lead_wb).await;
    let page = l.get("/funded/1").await;
    assert!(page.contains_text("reportée au"), "{}", page.body);
    assert!(page.contains_text("Pandémie de COVID-19"));
    // Applying twice changes nothing more.
    let again = officer
        .post(&format!("/resolutions/{rid}/calendar"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(app.scalar("select count(*) from term_changes").await, 26);
    // The audit log says who applied it.
    assert_eq!(
        app.scalar("select count(*) from audit_log where action = 'calendar.apply'")
            .await,
        1
    );
}

#[tokio::test]
async fn mission_costs_follow_the_funding_rule_per_side_and_stop_when_no_one_travels() {
    let app = TestApp::spawn_demo_at(Stage::Selected).await;
    // Project 1's first mission: two travellers from Wallonie-Bruxelles to Québec. The sending
    // side pays travel (2 × 1 200 €), the host the stay (2 × 2 000 $): never summed.
    let mut officer = login(&app, "charge.wb@demo.passerelle.test").await;
    let page = officer.get("/funded/1").await;
    assert!(
        page.contains_text("Wallonie-Bruxelles : 2 400,00 € ; Québec : 4 000,00 $"),
        "{}",
        page.body
    );
    assert!(!page.contains_text("6 400"), "no cross-currency sum");
    assert!(
        page.contains_text("Programme biennal de la XIe Commission mixte permanente (2019–2021)")
    );
    let org = app
        .scalar_text_value("select o.name from organisations o join project_halves h on h.organisation_id = o.id join funded_projects f on f.project_id = h.project_id join sides s on s.id = h.side_id where f.id = 1 and s.code = 'QC'")
        .await;
    assert!(
        page.contains_text(&format!("Québec : {org}")),
        "partners of both sides"
    );
    // What each side commits per project year stops at its yearly cap (here 1 000 € for WB).
    app.exec("update call_sides set cap_per_year = 100000 where side_id = (select id from sides where code = 'WB')").await;
    let capped = officer.get("/funded/1").await;
    assert!(
        capped.contains_text("Wallonie-Bruxelles : engagé 1 000,00 €"),
        "{}",
        capped.body
    );
    assert!(capped.contains_text("plafond annuel atteint"));
    app.exec("update call_sides set cap_per_year = 900000")
        .await;
    let mission = app
        .scalar("select min(id) from funded_missions where funded_id = 1")
        .await
        .to_string();
    let lead = lead(&app, 1, "QC").await;
    let mut l = login(&app, &lead).await;
    let r = l
        .post(
            "/funded/1/missions/status",
            &[("mission", &mission), ("status", "online")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = officer.get("/funded/1").await;
    assert!(page.contains_text("Wallonie-Bruxelles : 0,00 € ; Québec : 0,00 $"));
    // Held online, it still needs its activity report; the officer records real spending.
    assert!(page.contains_text("Rapport d’activité"));
    let r = officer
        .post(
            "/funded/1/missions/spending",
            &[("mission", &mission), ("amount", "-5")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = officer
        .post(
            "/funded/1/missions/spending",
            &[("mission", &mission), ("amount", "150,25")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text(&format!(
            "select amount from mission_spending where mission_id = {mission}"
        ))
        .await,
        15_025
    );
    let r = l
        .post(
            "/funded/1/missions/report",
            &[
                ("mission", &mission),
                ("report", "Ateliers tenus en visioconférence."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        officer
            .get("/funded/1")
            .await
            .contains_text("Ateliers tenus en visioconférence.")
    );
}
