//! A side's jury ranking instead of scoring, automatic exclusion of evaluators affiliated with
//! a partner organisation, due-date reminders, and the side's consolidated recommendation.

use axum::http::StatusCode;
use passerelle::evaluations::{model::REMINDER_LEAD_MS, reminders};

use crate::helpers::{TestApp, form_fields};

const WB_OFFICER: &str = "charge.wb@demo.passerelle.test";
const WB_EVALUATOR: &str = "evaluateur.wb@demo.passerelle.test";

async fn call(app: &TestApp) -> i64 {
    app.scalar("select id from calls where state = 'published'")
        .await
}

/// The n-th (from 0) filed WB half of the demo.
async fn wb_half(app: &TestApp, n: i64) -> String {
    app.scalar_text(&format!("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'WB' order by h.id limit 1 offset {n}")).await.to_string()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    app.scalar_text(&format!("select id from users where email = '{email}'"))
        .await
        .to_string()
}

async fn officer(app: &TestApp) -> TestApp {
    let mut b = app.browser();
    b.login_demo(WB_OFFICER).await;
    b
}

#[tokio::test]
async fn a_jury_ranks_instead_of_scoring_each_place_once_and_the_side_follows_mean_places() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    // A ranking grid needs no criteria.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[("method", "rank"), ("scale_max", "10")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Two jury members, each with the same two halves.
    app.exec("insert into role_grants (user_id, role, side_id, created_at) select id, 'evaluator', side_id, 0 from users where email = 'commission.wb@demo.passerelle.test'").await;
    let (h1, h2) = (wb_half(&app, 0).await, wb_half(&app, 1).await);
    let jurors = [WB_EVALUATOR, "commission.wb@demo.passerelle.test"];
    for j in jurors {
        let e = user_id(&app, j).await;
        for h in [&h1, &h2] {
            let r = off
                .post(
                    &format!("/calls/{call}/evaluations/assign"),
                    &[("half", h), ("evaluator", &e)],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
    }
    let assignment = |j: &'static str, h: &String| {
        format!(
            "select a.id from assignments a join users u on u.id = a.evaluator_id where u.email = '{j}' and a.submission_id = {h}"
        )
    };
    for (j, first_place_half) in jurors.into_iter().zip([&h2, &h2]) {
        let mut b = app.browser();
        b.login_demo(j).await;
        let a1 = app.scalar_text(&assignment(j, &h1)).await;
        let a2 = app.scalar_text(&assignment(j, &h2)).await;
        let form = b.get(&format!("/evaluations/{a1}")).await;
        assert!(form.contains_text("Place de ce projet (1 = le meilleur, jusqu’à 2)"));
        // Out of range: refused at the field, comment kept.
        let r = b
            .post(
                &format!("/evaluations/{a1}"),
                &[("place", "3"), ("comment", "Solide"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.contains_text("entre 1 et le nombre de vos projets") && r.body.contains("Solide")
        );
        let (best, other) = if first_place_half == &h2 {
            (a2, a1)
        } else {
            (a1, a2)
        };
        let r = b
            .post(
                &format!("/evaluations/{best}"),
                &[
                    ("place", "1"),
                    ("comment", "Excellent"),
                    ("intent", "submit"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The same place twice in one call is refused.
        let r = b
            .post(
                &format!("/evaluations/{other}"),
                &[("place", "1"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.contains_text("déjà donné cette place"));
        let r = b
            .post(
                &format!("/evaluations/{other}"),
                &[("place", "2"), ("intent", "submit")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let page = off.get(&format!("/calls/{call}/evaluations")).await;
    assert!(page.contains_text("Classement par un jury"));
    let title = |h: &String| {
        format!(
            "select p.title from projects p join project_halves h on h.project_id = p.id where h.id = {h}"
        )
    };
    let (t1, t2) = (
        app.scalar_text_value(&title(&h1)).await,
        app.scalar_text_value(&title(&h2)).await,
    );
    let (p1, p2) = (page.body.find(&t1).unwrap(), page.body.find(&t2).unwrap());
    assert!(p2 < p1, "the half placed first by both jurors comes first");
    assert!(page.contains_text("place moyenne 1,00") && page.contains_text("place moyenne 2,00"));
    // Once places are given the grid cannot change.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("criterion_fr", "A"),
                ("criterion_en", "A"),
                ("criterion_weight", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_evaluator_belonging_to_a_partner_organisation_is_excluded_automatically() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    let half = wb_half(&app, 0).await;
    // The evaluator belongs to the organisation leading the *other* side's half of the project.
    let org = app.scalar_text(&format!("select q.organisation_id from project_halves q join project_halves h on h.project_id = q.project_id where h.id = {half} and q.id <> h.id")).await.to_string();
    let evaluator = user_id(&app, WB_EVALUATOR).await;
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/affiliations"),
            &[("evaluator", &evaluator), ("organisation", &org)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[("half", &half), ("evaluator", &evaluator)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("conflit d’intérêts"));
    // The proposal skips the excluded pair too (one WB evaluator).
    off.post(&format!("/calls/{call}/evaluations/propose"), &[])
        .await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from assignments where submission_id = {half}"
        ))
        .await,
        0
    );
    // Every project that organisation leads a half of is skipped; every other WB half is assigned.
    let led = app
        .scalar_text(&format!(
            "select count(distinct project_id) from project_halves where organisation_id = {org}"
        ))
        .await;
    assert!(led >= 1);
    assert_eq!(
        app.scalar("select count(*) from assignments").await,
        40 - led
    );
    // The lead of a half is never assigned to their own project either.
    let lead = app
        .scalar_text(&format!(
            "select lead_user_id from project_halves where id = {}",
            wb_half(&app, 1).await
        ))
        .await
        .to_string();
    app.exec("insert into role_grants (user_id, role, side_id, created_at) select lead_user_id, 'evaluator', side_id, 0 from project_halves where id = (select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'WB' order by h.id limit 1 offset 1)").await;
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[("half", &wb_half(&app, 1).await), ("evaluator", &lead)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn reminders_go_three_days_before_the_due_date_and_once_overdue_each_only_once() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    // Typed in Brussels time: 15 April 2019, 17:00 = 15:00 UTC.
    let r = off
        .post(
            &format!("/calls/{call}/grid"),
            &[
                ("method", "score"),
                ("scale_max", "10"),
                ("due_at", "2019-04-15T17:00"),
                ("criterion_fr", "Pertinence"),
                ("criterion_en", "Relevance"),
                ("criterion_weight", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let due = app.scalar("select due_at from grids").await;
    assert_eq!(due, 1_555_340_400_000);
    let page = off.get(&format!("/calls/{call}/evaluations")).await;
    assert!(page.contains_text("15 avril 2019 à 17:00"), "{}", page.body);
    let evaluator = user_id(&app, WB_EVALUATOR).await;
    off.post(
        &format!("/calls/{call}/evaluations/assign"),
        &[("half", &wb_half(&app, 0).await), ("evaluator", &evaluator)],
    )
    .await;
    let db = &app.db.db;
    let base = "https://passerelle.example";
    assert_eq!(
        reminders::send_due(db, base, due - REMINDER_LEAD_MS - 1)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        reminders::send_due(db, base, due - REMINDER_LEAD_MS)
            .await
            .unwrap(),
        1
    );
    let (subject, body) = app.last_email(WB_EVALUATOR).await;
    assert!(
        subject.starts_with(&crate::helpers::fr("Rappel : évaluation à remettre")),
        "{subject}"
    );
    assert!(body.contains("15 avril 2019 à 17:00"), "{body}");
    assert!(body.contains("https://passerelle.example/evaluations/"));
    // A second instance running the same sweep sends nothing more.
    assert_eq!(reminders::send_due(db, base, due - 1000).await.unwrap(), 0);
    assert_eq!(reminders::send_due(db, base, due).await.unwrap(), 1);
    assert!(
        app.last_email(WB_EVALUATOR)
            .await
            .0
            .starts_with("Évaluation en retard")
    );
    assert_eq!(
        reminders::send_due(db, base, due + 86_400_000)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_side_writes_one_recommendation_per_half_and_rewrites_it() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    let half = wb_half(&app, 0).await;
    for (verdict, note) in [
        ("recommended", "Bon projet"),
        ("priority", "Très bon projet"),
    ] {
        let r = off
            .post(
                &format!("/calls/{call}/evaluations/recommend"),
                &[("half", &half), ("verdict", verdict), ("note", note)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    assert_eq!(
        app.scalar_text_value(&format!(
            "select verdict || ':' || note from recommendations where submission_id = {half}"
        ))
        .await,
        "priority:Très bon projet"
    );
    // Not on the other side's half.
    let qc_half = app.scalar_text("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'QC' order by h.id limit 1").await.to_string();
    let r = off
        .post(
            &format!("/calls/{call}/evaluations/recommend"),
            &[("half", &qc_half), ("verdict", "priority"), ("note", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// The grid editor has one row per criterion: a row missing a label or with a weight outside
/// 1–100 is refused with every typed row kept and the wrong cells marked; blank rows are
/// ignored (clearing a row removes its criterion); the saved grid comes back one row each.
#[tokio::test]
async fn the_grid_editor_has_one_row_per_criterion_and_keeps_what_was_typed() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let mut off = officer(&app).await;
    let page = off.get(&format!("/calls/{call}/grid")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"f-criterion_fr-1\""));
    assert!(!page.body.contains("<textarea"));
    let rows = [
        ("Pertinence", "Relevance", "3"),
        ("", "", ""),
        ("Faisabilité | pratique", "", "200"),
    ];
    let mut fields = vec![("method", "score"), ("scale_max", "10")];
    for (fr, en, w) in &rows {
        fields.extend([
            ("criterion_fr", *fr),
            ("criterion_en", *en),
            ("criterion_weight", *w),
        ]);
    }
    let r = off.post(&format!("/calls/{call}/grid"), &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Typed rows kept in order, the blank one dropped: the bad row is now row 2.
    assert!(
        r.body
            .contains("id=\"f-criterion_fr-1\" name=\"criterion_fr\" value=\"Pertinence\"")
    );
    assert!(r.body.contains(
        "id=\"f-criterion_fr-2\" name=\"criterion_fr\" value=\"Faisabilité | pratique\""
    ));
    assert!(r.body.contains(
        "id=\"f-criterion_en-2\" name=\"criterion_en\" value=\"\" aria-invalid=\"true\""
    ));
    assert!(r.body.contains(
        "id=\"f-criterion_weight-2\" name=\"criterion_weight\" value=\"200\" inputmode=\"numeric\" aria-invalid=\"true\""
    ));
    assert!(!r.body.contains(
        "id=\"f-criterion_en-1\" name=\"criterion_en\" value=\"Relevance\" aria-invalid"
    ));
    assert!(r.body.contains("<a href=\"#f-criteria\">"));
    // Fixed: saved, a label may hold a "|" now that rows are not split on it.
    let fixed = [
        ("method", "score"),
        ("scale_max", "10"),
        ("criterion_fr", "Pertinence"),
        ("criterion_en", "Relevance"),
        ("criterion_weight", "3"),
        ("criterion_fr", "Faisabilité | pratique"),
        ("criterion_en", "Feasibility | practice"),
        ("criterion_weight", "2"),
        ("criterion_fr", ""),
        ("criterion_en", ""),
        ("criterion_weight", ""),
    ];
    let r = off.post(&format!("/calls/{call}/grid"), &fixed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.scalar_text_value(&format!(
            "select string_agg(c.label_en || '=' || c.weight, ';' order by c.position) from grid_criteria c join grids g on g.id = c.grid_id where g.call_id = {call} and g.side_id = (select id from sides where code = 'WB')"
        ))
        .await,
        "Relevance=3;Feasibility | practice=2"
    );
    let page = off.get(&format!("/calls/{call}/grid")).await;
    assert!(page.body.contains(
        "id=\"f-criterion_en-2\" name=\"criterion_en\" value=\"Feasibility | practice\""
    ));
    // Three blank rows after the two criteria, to add more without JavaScript.
    assert!(
        page.body
            .contains("id=\"f-criterion_fr-5\" name=\"criterion_fr\" value=\"\"")
    );
    assert!(!page.body.contains("id=\"f-criterion_fr-6\""));
}

/// The value of the first field named `name`.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// Replaces (or adds) a field's value.
fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_string(),
        None => fields.push((name.to_string(), value.to_string())),
    }
}

/// The officers' evaluation page is one table with one save: every row's recommendation and
/// added evaluator are written together or not at all; a save from a page opened before
/// another officer's change is refused, nothing written, what was typed kept beside what is
/// now saved.
#[tokio::test]
async fn the_officers_table_saves_at_once_and_refuses_a_stale_page() {
    let app = TestApp::spawn_demo().await;
    let call = call(&app).await;
    let path = format!("/calls/{call}/evaluations");
    let mut off = officer(&app).await;
    let (h1, h2) = (wb_half(&app, 0).await, wb_half(&app, 1).await);
    let evaluator = user_id(&app, WB_EVALUATOR).await;
    let recommendations = || async {
        app.scalar_text(&format!(
            "select count(*) from recommendations where submission_id in ({h1}, {h2})"
        ))
        .await
    };
    let assignments = || async {
        app.scalar_text(&format!(
            "select count(*) from assignments where submission_id in ({h1}, {h2})"
        ))
        .await
    };
    let (recs0, assigned0) = (recommendations().await, assignments().await);

    // Two pages opened on the same table.
    let page = off.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let first = form_fields(&page.body, &path);
    let mut second = first.clone();
    assert!(!field(&first, "seen").is_empty());
    // Nothing chosen is nothing written.
    assert_eq!(field(&first, &format!("verdict-{h1}")), "");

    // All or nothing: a wrong evaluator on one row, and the other row's verdict is not saved.
    let mut wrong = first.clone();
    set(&mut wrong, &format!("verdict-{h1}"), "priority");
    set(&mut wrong, &format!("note-{h1}"), "Solide");
    set(&mut wrong, &format!("evaluator-{h2}"), "999999");
    let r = crate::helpers::post_owned(&mut off, &path, &wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(recommendations().await, recs0);
    assert!(r.body.contains(&format!("<a href=\"#evaluator-{h2}\">")));
    assert!(r.body.contains(&format!(
        "id=\"evaluator-{h2}\" name=\"evaluator-{h2}\" aria-invalid=\"true\""
    )));
    assert!(r.body.contains(">Solide</textarea>"), "typed note kept");

    // One save: a recommendation on one row, an evaluator on the other.
    let mut one = first.clone();
    set(&mut one, &format!("verdict-{h1}"), "priority");
    set(&mut one, &format!("note-{h1}"), "Solide");
    set(&mut one, &format!("evaluator-{h2}"), &evaluator);
    let r = crate::helpers::post_owned(&mut off, &path, &one).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(recommendations().await, recs0 + 1);
    assert_eq!(assignments().await, assigned0 + 1);

    // The second page, opened before that save, is stale: refused, nothing written, the typed
    // choice kept and what was saved meanwhile shown beside it.
    set(&mut second, &format!("verdict-{h1}"), "reserved");
    set(&mut second, &format!("note-{h1}"), "Fragile");
    let r = crate::helpers::post_owned(&mut off, &path, &second).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body
            .contains("Le tableau a changé depuis que vous l’avez ouvert")
    );
    assert!(r.body.contains(">Fragile</textarea>"));
    assert!(r.body.contains("value=\"reserved\" selected"));
    assert!(r.body.contains(&crate::helpers::fr(
        "Enregistré entre-temps par une autre personne : Prioritaire — « Solide »"
    )));
    assert_eq!(
        app.scalar_text_value(&format!(
            "select verdict from recommendations where submission_id = {h1}"
        ))
        .await,
        "priority"
    );
    // Saved again from the refreshed page, it goes through.
    let refreshed = form_fields(&r.body, &path);
    assert_eq!(field(&refreshed, &format!("note-{h1}")), "Fragile");
    let r = crate::helpers::post_owned(&mut off, &path, &refreshed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.scalar_text_value(&format!(
            "select verdict || ':' || note from recommendations where submission_id = {h1}"
        ))
        .await,
        "reserved:Fragile"
    );
}
