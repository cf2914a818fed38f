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
        // Each side's call closes at 17:00 in its own zone.
        (&format!("deadline_{wb}"), "2025-01-15T17:00"),
        (&format!("deadline_{qc}"), "2025-01-15T17:00"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// The fields of the edit form as `b` opens it now (its `seen` included).
async fn edit_fields(b: &mut TestApp, edit: &str) -> Vec<(String, String)> {
    let page = b.get(edit).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    crate::helpers::form_fields(&page.body, edit)
        .into_iter()
        .filter(|(k, _)| k != "csrf")
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
    let mut changed = edit_fields(&mut wb, &format!("/grv/editions/{id}/edit")).await;
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
    ] {
        assert!(text.contains(message), "{message:?} in {text}");
    }
    assert!(
        r.body.contains("id=\"f-title_en-error\""),
        "the English title is required, said at its field"
    );
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

async fn state(app: &TestApp, id: i64) -> String {
    app.scalar_text_value(&format!("select state from grv_editions where id = {id}"))
        .await
}

/// A joint programme moves jointly: each step of a standing edition is taken once every side
/// has asked for it, as its page showed it; a side asking twice, or for a step already taken,
/// changes nothing.
#[tokio::test]
async fn a_standing_edition_takes_a_step_once_both_sides_ask_even_at_the_same_time() {
    let app = TestApp::spawn_demo().await;
    let id = app
        .scalar("select id from grv_editions where number = 3")
        .await;
    let edition = format!("/grv/editions/{id}");
    let advance = format!("/grv/editions/{id}/advance");
    let mut wb = officer(&app, WB).await;
    let mut qc = officer(&app, QC).await;
    assert_eq!(state(&app, id).await, "programme_running");
    let page = wb.get(&edition).await;
    assert!(page.contains_text("Étape suivante : Journée de démonstration"));
    let step = seen(&page, &advance);
    let r = submit(&mut wb, &advance, &[("seen".into(), step.clone())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        state(&app, id).await,
        "programme_running",
        "one side is not enough"
    );
    let page = wb.get(&edition).await;
    assert!(page.contains_text("Wallonie-Bruxelles : demandée"));
    assert!(!page.body.contains(&advance), "WB has asked: no button");
    let r = submit(&mut wb, &advance, &[("seen".into(), step.clone())]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "asking twice");
    assert!(r.contains_text("Votre partie a déjà demandé cette étape"));
    let r = submit(&mut qc, &advance, &[("seen".into(), step.clone())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(state(&app, id).await, "demo_day");
    // A page left open on the step already taken asks for nothing.
    let r = submit(&mut qc, &advance, &[("seen".into(), step)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("L’édition a changé d’étape"));
    assert_eq!(state(&app, id).await, "demo_day");

    // Both sides ask for the last step at once: it is taken once, and nothing skips a step.
    let last = seen(&wb.get(&edition).await, &advance);
    assert_eq!(last, seen(&qc.get(&edition).await, &advance));
    let form = [("seen".to_string(), last)];
    let (a, b) = tokio::join!(
        submit(&mut wb, &advance, &form),
        submit(&mut qc, &advance, &form),
    );
    assert_eq!(
        (a.status, b.status),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    assert_eq!(state(&app, id).await, "completed");
    let page = wb.get(&edition).await;
    assert!(page.contains_text("Terminée"));
    assert!(!page.body.contains(&advance), "nothing after completed");

    // Nobody else has a say: an applicant is refused at the door, a commission member too.
    for email in [
        "demandeur.qc@demo.passerelle.test",
        "commission.wb@demo.passerelle.test",
    ] {
        let mut other = app.browser();
        other.login_demo(email).await;
        assert_eq!(
            other.get(&edition).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
    }
}

/// An edit made from a form opened before someone else's change is refused, with what was
/// typed kept; the approvals of the old content never count for the new.
#[tokio::test]
async fn an_edit_from_a_stale_form_is_refused_and_keeps_what_was_typed() {
    let app = TestApp::spawn_demo().await;
    let id = app
        .scalar("select id from grv_editions where number = 4")
        .await;
    let edit = format!("/grv/editions/{id}/edit");
    let mut wb = officer(&app, WB).await;
    let mut qc = officer(&app, QC).await;
    let mut wb_fields = edit_fields(&mut wb, &edit).await;
    let mut qc_fields = edit_fields(&mut qc, &edit).await;
    for (k, v) in qc_fields.iter_mut() {
        if k == "place" {
            *v = "Québec, Musée de la civilisation".into();
        }
    }
    let r = submit(&mut qc, &edit, &qc_fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    for (k, v) in wb_fields.iter_mut() {
        if k == "theme_fr" {
            *v = "Transition écologique : « économie sociale »".into();
        }
    }
    let r = submit(&mut wb, &edit, &wb_fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("a été modifiée depuis que vous avez ouvert ce formulaire"));
    assert!(
        r.body
            .contains("Transition écologique : « économie sociale »"),
        "what was typed is kept"
    );
    let place = app
        .scalar_text_value(&format!("select place from grv_editions where id = {id}"))
        .await;
    assert_eq!(
        place, "Québec, Musée de la civilisation",
        "QC's change stands"
    );
}
