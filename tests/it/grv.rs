//! Grands Rendez-vous editions (issue 14, item 1): drafted by one side's officers, approved by
//! the other's on what they saw, final once approved, then moved through their lifecycle one
//! step at a time by either side.

use axum::http::StatusCode;

use crate::helpers::{TestApp, TestResponse, hidden_fields};

const WB: &str = "charge.wb@demo.passerelle.test";
const QC: &str = "charge.qc@demo.passerelle.test";

async fn side(app: &TestApp, code: &str) -> String {
    app.scalar_text(&format!("select id from sides where code = '{code}'"))
        .await
        .to_string()
}

/// A 5th edition as typed in the form.
async fn fifth(app: &TestApp) -> Vec<(String, String)> {
    let (wb, qc) = (side(app, "WB").await, side(app, "QC").await);
    [
        ("number", "5"),
        (
            "title_fr",
            "5es Grands Rendez-vous Québec/Wallonie-Bruxelles",
        ),
        (
            "title_en",
            "5th Grands Rendez-vous Québec/Wallonia-Brussels",
        ),
        ("theme_fr", "Innovation numérique\tet culture"),
        ("theme_en", "Digital innovation and culture"),
        ("format", "hybrid"),
        ("place", "Liège, La Cité Miroir"),
        ("starts_on", "2025-02-01"),
        ("ends_on", "2025-06-30"),
        ("host", &wb),
        (&format!("places_{wb}"), "8"),
        (&format!("places_{qc}"), "7"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn officer(app: &TestApp, email: &str) -> TestApp {
    let mut b = app.browser();
    b.login_demo(email).await;
    b
}

async fn submit(b: &mut TestApp, path: &str, fields: &[(String, String)]) -> TestResponse {
    crate::helpers::post_owned(b, path, fields).await
}

/// The hidden `seen` of the form posting to `action` on `page`.
fn seen(page: &TestResponse, action: &str) -> String {
    hidden_fields(&page.body, action)
        .into_iter()
        .find(|(k, _)| k == "seen")
        .map(|(_, v)| v)
        .unwrap_or_default()
}

#[tokio::test]
async fn an_edition_drafted_by_one_side_stands_once_the_other_approves_what_it_saw() {
    let app = TestApp::spawn_demo().await;
    let mut wb = officer(&app, WB).await;
    let r = submit(&mut wb, "/grv/editions/new", &fifth(&app).await).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let edition = r.location().unwrap().to_string();
    let id = edition.rsplit('/').next().unwrap().to_string();
    let page = wb.get(&edition).await;
    assert!(page.contains_text("En préparation"));
    assert!(page.contains_text("du 1er février 2025 au 30 juin 2025"));
    assert!(page.contains_text("Hybride — Liège, La Cité Miroir"));
    // Tabs and newlines typed in a one-line field are spaces.
    assert!(page.contains_text("Innovation numérique et culture"));

    // QC opens the page; WB then changes the places: QC's approval of what it saw is refused
    // and nothing is approved on its behalf.
    let mut qc = officer(&app, QC).await;
    let qc_page = qc.get(&edition).await;
    let approve = format!("/grv/editions/{id}/approve");
    let stale = seen(&qc_page, &approve);
    assert!(!stale.is_empty(), "QC may approve");
    let mut changed = fifth(&app).await;
    for (k, v) in changed.iter_mut() {
        if k.starts_with("places_") && v == "7" {
            *v = "6".into();
        }
    }
    let r = submit(&mut wb, &format!("/grv/editions/{id}/edit"), &changed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = submit(&mut qc, &approve, &[("seen".into(), stale)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("a changé depuis"), "{}", r.text());
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_edition_approvals where edition_id = {id}"
        ))
        .await,
        1,
        "only WB's approval, of the new content"
    );
    // Approved as seen now: the edition stands and no longer changes.
    let fresh = seen(&qc.get(&edition).await, &approve);
    let r = submit(&mut qc, &approve, &[("seen".into(), fresh)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(qc.get(&edition).await.contains_text("Approuvée"));
    let r = submit(
        &mut wb,
        &format!("/grv/editions/{id}/edit"),
        &fifth(&app).await,
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        wb.get(&format!("/grv/editions/{id}/edit")).await.status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn what_the_form_refuses_is_said_at_the_field_and_kept() {
    let app = TestApp::spawn_demo().await;
    let mut wb = officer(&app, WB).await;
    let mut bad = fifth(&app).await;
    for (k, v) in bad.iter_mut() {
        match k.as_str() {
            "place" => v.clear(),
            "ends_on" => *v = "2024-12-31".into(),
            "title_en" => v.clear(),
            k if k.starts_with("places_") => *v = "99999999999999999999".into(),
            _ => {}
        }
    }
    let r = submit(&mut wb, "/grv/editions/new", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Indiquez un nombre entier"), "{}", r.text());
    assert!(r.body.contains("Liège") || r.body.contains("5es Grands Rendez-vous"));
    assert!(
        r.body.contains("value=\"99999999999999999999\""),
        "kept as typed"
    );
    // The numbers read, the rules of the content are checked at their fields.
    for (k, v) in bad.iter_mut() {
        if k.starts_with("places_") {
            *v = "5".into();
        }
    }
    let r = submit(&mut wb, "/grv/editions/new", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = r.text();
    for message in [
        "Indiquez le lieu d’une édition en présence ou hybride",
        "Le dernier jour suit le premier",
        "Titre (anglais)",
    ] {
        assert!(text.contains(message), "{message:?} in {text}");
    }
    assert!(
        r.body
            .contains("5es Grands Rendez-vous Québec/Wallonie-Bruxelles")
    );
    assert_eq!(
        app.scalar("select count(*) from grv_editions where number = 5")
            .await,
        0
    );
    // A number already taken is refused at its field.
    let mut third = fifth(&app).await;
    for (k, v) in third.iter_mut() {
        if k == "number" {
            *v = "3".into();
        }
    }
    let r = submit(&mut wb, "/grv/editions/new", &third).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Une édition porte déjà ce numéro"));
}

#[tokio::test]
async fn a_standing_edition_moves_forward_one_step_even_when_both_sides_click_at_once() {
    let app = TestApp::spawn_demo().await;
    let id = app
        .scalar("select id from grv_editions where number = 3")
        .await;
    let edition = format!("/grv/editions/{id}");
    let advance = format!("/grv/editions/{id}/advance");
    let mut wb = officer(&app, WB).await;
    let mut qc = officer(&app, QC).await;
    let before = app
        .scalar_text_value(&format!("select state from grv_editions where id = {id}"))
        .await;
    let seen_wb = seen(&wb.get(&edition).await, &advance);
    let seen_qc = seen(&qc.get(&edition).await, &advance);
    assert_eq!(seen_wb, before);
    let (form_wb, form_qc) = (
        [("seen".to_string(), seen_wb.clone())],
        [("seen".to_string(), seen_qc)],
    );
    let (a, b) = tokio::join!(
        submit(&mut wb, &advance, &form_wb),
        submit(&mut qc, &advance, &form_qc),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let after = app
        .scalar_text_value(&format!("select state from grv_editions where id = {id}"))
        .await;
    let next = passerelle::grv::model::EditionState::parse(&before)
        .and_then(|s| s.next())
        .unwrap();
    assert_eq!(after, next.as_str(), "one step, not two");
    // The other programme's officers, applicants and commission members have no edition here.
    let mut applicant = app.browser();
    applicant
        .login_demo("demandeur.qc@demo.passerelle.test")
        .await;
    assert_eq!(applicant.get(&edition).await.status, StatusCode::FORBIDDEN);
    // The completed 2nd edition moves no further.
    let second = app
        .scalar("select id from grv_editions where number = 2")
        .await;
    let page = wb.get(&format!("/grv/editions/{second}")).await;
    assert!(page.contains_text("Terminée"));
    assert!(!page.body.contains("/advance"));
    let r = submit(
        &mut wb,
        &format!("/grv/editions/{second}/advance"),
        &[("seen".into(), "completed".into())],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}
