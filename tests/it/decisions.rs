//! The joint session: rankings appear only once it is open; a decision needs both sides; the
//! session's `.ics` parses.

use axum::http::StatusCode;

use crate::helpers::{TestApp, flat};

async fn plenary(app: &TestApp) -> i64 {
    app.scalar("select id from commission_sessions where kind = 'plenary'")
        .await
}

async fn first_project(app: &TestApp) -> i64 {
    app.scalar("select min(id) from projects").await
}

/// Both sides' members signed in; WB opens the session and proposes selecting `project` with
/// 1 500 € and 2 000 $ (approved by WB only). Returns (wb, qc).
pub(crate) async fn open_and_propose_selection(
    app: &TestApp,
    session: i64,
    project: &str,
) -> (TestApp, TestApp) {
    let mut wb = app.browser();
    wb.login_demo("commission.wb@demo.passerelle.test").await;
    wb.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    let fields = [
        ("project", project),
        ("outcome", "selected"),
        ("amount_WB", "1500"),
        ("amount_QC", "2000"),
    ];
    assert_eq!(
        wb.post(&format!("/sessions/{session}/decisions"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut qc = app.browser();
    qc.login_demo("commission.qc@demo.passerelle.test").await;
    (wb, qc)
}

#[tokio::test]
async fn a_decision_approved_by_one_side_only_is_not_a_decision() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let project = first_project(&app).await.to_string();
    let mut wb = app.browser();
    wb.login_demo("commission.wb@demo.passerelle.test").await;
    let fields = [
        ("project", project.as_str()),
        ("outcome", "selected"),
        ("amount_WB", "1500"),
        ("amount_QC", "2000"),
    ];
    // Nothing can be decided before the session opens.
    assert_eq!(
        wb.post(&format!("/sessions/{session}/decisions"), &fields)
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        wb.approve(&format!("/sessions/{session}/open"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    app.open_session(session).await;
    assert_eq!(
        wb.post(&format!("/sessions/{session}/decisions"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.scalar("select count(*) from decisions where decided_at is not null")
            .await,
        0,
        "one side is not enough"
    );
    let page = wb.get(&format!("/sessions/{session}")).await;
    assert!(
        page.contains_text(
            "Retenu (1 500,00 € ; 2 000,00 $\u{a0}CA) — en attente de l’approbation de l’autre partie"
        ),
        "{}",
        page.body
    );

    let mut qc = app.browser();
    qc.login_demo("commission.qc@demo.passerelle.test").await;
    let decision = app.scalar("select max(id) from decisions").await;
    let r = qc
        .approve(&format!("/sessions/{session}/decisions/{decision}/approve"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar("select count(*) from decisions where decided_at is not null")
            .await,
        1
    );
    assert!(
        qc.get(&format!("/sessions/{session}"))
            .await
            .body
            .contains("décision conjointe enregistrée")
    );

    // A new proposal replaces the decision and needs both sides again.
    let fields = [("project", project.as_str()), ("outcome", "deferred")];
    assert_eq!(
        qc.post(&format!("/sessions/{session}/decisions"), &fields)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.scalar("select count(*) from decisions where decided_at is not null")
            .await,
        0
    );
    // A selection without each side's amount is refused.
    let fields = [
        ("project", project.as_str()),
        ("outcome", "selected"),
        ("amount_WB", "1500"),
    ];
    assert_eq!(
        qc.post(&format!("/sessions/{session}/decisions"), &fields)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Other roles cannot take part.
    let mut applicant = app.browser();
    applicant
        .login_demo("demandeur.wb@demo.passerelle.test")
        .await;
    assert_eq!(
        applicant.get(&format!("/sessions/{session}")).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn each_sides_ranking_is_shown_to_the_other_only_once_the_session_opens() {
    let app = TestApp::spawn_demo().await;
    let call = app
        .scalar("select id from calls where state = 'published'")
        .await;
    // Side WB grades one half.
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    officer
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("criterion_fr", "Pertinence"),
                ("criterion_en", "Relevance"),
                ("criterion_weight", "1"),
            ],
        )
        .await;
    let half = app.scalar("select min(h.id) from project_halves h join sides s on s.id = h.side_id where s.code = 'WB'").await.to_string();
    let evaluator = app
        .scalar("select id from users where email = 'evaluateur.wb@demo.passerelle.test'")
        .await
        .to_string();
    officer
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[("half", &half), ("evaluator", &evaluator)],
        )
        .await;
    let mut ev = app.browser();
    ev.login_demo("evaluateur.wb@demo.passerelle.test").await;
    let assignment = app.scalar("select max(id) from assignments").await;
    let criterion = format!(
        "score_{}",
        app.scalar("select min(id) from grid_criteria").await
    );
    ev.post(
        &format!("/evaluations/{assignment}"),
        &[(criterion.as_str(), "9"), ("intent", "submit")],
    )
    .await;
    officer
        .post(
            &format!("/calls/{call}/evaluations/recommend"),
            &[
                ("half", &half),
                ("verdict", "priority"),
                ("note", "Porté par deux équipes solides"),
            ],
        )
        .await;

    let session = plenary(&app).await;
    let mut qc = app.browser();
    qc.login_demo("commission.qc@demo.passerelle.test").await;
    let before = qc.get(&format!("/sessions/{session}")).await;
    assert!(
        !before.body.contains("note 90") && !before.body.contains("deux équipes solides"),
        "WB's score and recommendation are hidden before the session opens"
    );
    assert!(before.body.contains(&crate::helpers::fr(
        "Wallonie-Bruxelles : classement visible à l’ouverture de la séance"
    )));
    qc.approve(&format!("/sessions/{session}/open")).await;
    app.open_session(session).await;
    let after = qc.get(&format!("/sessions/{session}")).await;
    assert!(
        after.contains_text(
            "Wallonie-Bruxelles : rang 1 (note 90,0 / 100) — Prioritaire : Porté par deux équipes solides"
        ),
        "{}",
        after.body
    );
}

#[tokio::test]
async fn the_session_ics_parses_with_an_icalendar_parser() {
    let mut app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    app.login_demo("charge.qc@demo.passerelle.test").await;
    let r = app.get(&format!("/sessions/{session}/ics")).await;
    assert_eq!(
        r.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let unfolded = icalendar::parser::unfold(&r.body);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let event = calendar
        .components
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("an event");
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
    };
    // 18 June 2019, 09:30 in Brussels (summer time) is 07:30 UTC.
    assert_eq!(prop("DTSTART").as_deref(), Some("20190618T073000Z"));
    assert_eq!(
        prop("SUMMARY").as_deref(),
        Some("Séance de la Commission mixte permanente")
    );
    assert!(prop("LOCATION").unwrap().contains("Bruxelles"));
    assert!(
        r.body
            .contains("PRODID:-//Passerelle//Commission sessions//FR")
    );
}

#[tokio::test]
async fn applicants_learn_the_outcome_only_when_their_side_releases_it_after_closing() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let project = first_project(&app).await;
    let p = project.to_string();
    let (_wb, mut qc) = open_and_propose_selection(&app, session, &p).await;
    let decision = app.scalar("select max(id) from decisions").await;
    qc.approve(&format!("/sessions/{session}/decisions/{decision}/approve"))
        .await;

    let mut officer_wb = app.browser();
    officer_wb
        .login_demo("charge.wb@demo.passerelle.test")
        .await;
    let r = officer_wb
        .approve(&format!("/sessions/{session}/release"))
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "not before the session is closed"
    );
    qc.post(&format!("/sessions/{session}/close"), &[]).await;

    let wb_lead = app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id where h.project_id = {project} and s.code = 'WB'")).await;
    let qc_lead = app.scalar_text_value(&format!("select u.email from users u join project_halves h on h.lead_user_id = u.id join sides s on s.id = h.side_id where h.project_id = {project} and s.code = 'QC'")).await;
    let mut lead = app.browser();
    lead.login_demo(&wb_lead).await;
    assert!(
        !lead
            .get(&format!("/projects/{project}"))
            .await
            .body
            .contains("Décision de la commission"),
        "held until released"
    );

    assert_eq!(
        officer_wb
            .approve(&format!("/sessions/{session}/release"))
            .await
            .status,
        StatusCode::OK
    );
    let (subject, text) = app.last_email(&wb_lead).await;
    assert!(subject.starts_with("Décision de la Commission mixte permanente"));
    assert!(text.contains("Retenu 1\u{202f}500,00\u{202f}€"), "{text}");
    assert!(
        lead.get(&format!("/projects/{project}"))
            .await
            .contains_text("Décision de la commission : Retenu — 1 500,00 €")
    );
    assert_eq!(app.scalar_text(&format!("select count(*) from email_outbox where to_address = '{qc_lead}' and subject like 'Décision%'")).await, 0, "the other side releases on its own");
    assert_eq!(
        officer_wb
            .approve(&format!("/sessions/{session}/release"))
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn minutes_list_the_joint_decisions_in_french_and_english() {
    let app = TestApp::spawn_demo().await;
    let session = plenary(&app).await;
    let p = first_project(&app).await.to_string();
    let (_wb, mut qc) = open_and_propose_selection(&app, session, &p).await;
    let draft = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    assert!(
        draft
            .body
            .contains("Aucune décision conjointe enregistrée."),
        "a proposal approved by one side is not in the minutes"
    );
    let decision = app.scalar("select max(id) from decisions").await;
    qc.approve(&format!("/sessions/{session}/decisions/{decision}/approve"))
        .await;
    qc.post(&format!("/sessions/{session}/close"), &[]).await;
    let en = qc
        .get(&format!("/sessions/{session}/minutes?lang=en"))
        .await;
    assert!(
        en.body
            .contains("Minutes of the session of the 11th Permanent Joint Commission (2019–2021)")
    );
    let en_text = flat(&en.text());
    assert!(
        en_text.contains("Selected Wallonia-Brussels €1,500.00 Québec CA$2,000.00"),
        "{en_text}"
    );
    assert!(!en.body.contains("Draft minutes"));
    // In French; the PDF is set from the same struct (typeset in `documents.rs`).
    let fr = qc
        .get(&format!("/sessions/{session}/minutes?lang=fr"))
        .await;
    let text = flat(&fr.text());
    assert!(
        text.contains("Procès-verbal de la séance de la XIe Commission mixte permanente"),
        "{text}"
    );
    assert!(text.contains("Retenu"));
    assert!(
        // The demo's co-chairs are the accounts of its two commission members.
        text.contains("Anne Lambert") && text.contains("François Côté"),
        "both co-chairs"
    );
}
