//! Issue 11, the lifecycle gaps: one definition of committed money — the project page, the
//! dashboard, the CSV export and IATI show the same amounts — and a side's year-2 costs are
//! committed only once it released year 2.

use axum::http::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::TestApp;

/// Minor units of an amount as a page or export writes it ("12 345,67 $", "12345.67").
fn minor(text: &str) -> i64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("an amount in {text:?}"))
}

/// (WB, QC) committed on a funded project's page ("Québec : engagé 1 234,56 $ CA, dépensé …").
async fn page_committed(b: &mut TestApp, funded: i64) -> (i64, i64) {
    let page = b.get(&format!("/funded/{funded}?lang=fr")).await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = Html::parse_document(&page.body);
    let text: String = doc.root_element().text().collect();
    let side = |name: &str| {
        let start = text
            .find(&format!("{name}\u{202f}: engagé "))
            .expect("the money line")
            + name.len()
            + 10;
        let end = start + text[start..].find(", dépensé").unwrap();
        minor(&text[start..end])
    };
    (side("Wallonie-Bruxelles"), side("Québec"))
}

#[tokio::test]
async fn the_same_committed_amounts_on_the_project_page_the_dashboard_the_csv_and_iati() {
    let app = TestApp::spawn_full_demo().await;
    let mut b = app.browser();
    b.login_demo("charge.qc@demo.passerelle.test").await;
    // CSV: one row per funded project, a committed column per side (in its currency).
    let csv = b.get("/commissions/1/funded.csv?lang=fr").await;
    let mut rows = csv.body.split("\r\n").filter(|l| !l.is_empty());
    let header: Vec<String> = crate::helpers::csv_cells(rows.next().unwrap());
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (wb_col, qc_col, id_col) = (
        col(&crate::helpers::fr("Wallonie-Bruxelles : engagé (EUR)")),
        col(&crate::helpers::fr("Québec : engagé (CAD)")),
        0,
    );
    let mut csv_rows = Vec::new();
    for r in rows {
        let cells = crate::helpers::csv_cells(r);
        csv_rows.push((
            cells[id_col].clone(),
            minor(&cells[wb_col]),
            minor(&cells[qc_col]),
        ));
    }
    assert_eq!(csv_rows.len(), 26);
    // IATI (Québec reports its own funding): the commitment of each activity.
    let xml = b.get("/commissions/1/iati.xml").await;
    let doc = Html::parse_document(&xml.body);
    let activity = Selector::parse("iati-activity").unwrap();
    let identifier = Selector::parse("iati-identifier").unwrap();
    let tx = Selector::parse("transaction").unwrap();
    let kind = Selector::parse("transaction-type").unwrap();
    let value = Selector::parse("value").unwrap();
    let mut iati = Vec::new();
    for a in doc.select(&activity) {
        let id: String = a.select(&identifier).next().unwrap().text().collect();
        let funded: i64 = id.rsplit('-').next().unwrap().parse().unwrap();
        let commitment = a
            .select(&tx)
            .find(|t| t.select(&kind).next().and_then(|k| k.value().attr("code")) == Some("2"))
            .expect("a commitment");
        let v: String = commitment.select(&value).next().unwrap().text().collect();
        iati.push((funded, minor(&v)));
    }
    assert_eq!(iati.len(), 26);
    // The project page of every funded project says the same as the CSV and IATI.
    let funded_ids: Vec<i64> = {
        let mut v: Vec<i64> = iati.iter().map(|(f, _)| *f).collect();
        v.sort_unstable();
        v
    };
    let mut totals = (0, 0);
    for (i, f) in funded_ids.iter().enumerate() {
        let (wb, qc) = page_committed(&mut b, *f).await;
        let row = csv_rows
            .iter()
            .find(|(id, _, _)| id == &f.to_string())
            .unwrap_or_else(|| panic!("funded {f} in the CSV (ids {:?})", &csv_rows[..1]));
        assert_eq!((row.1, row.2), (wb, qc), "funded project {f}: page and CSV");
        let in_iati = iati.iter().find(|(id, _)| id == f).unwrap().1;
        assert_eq!(in_iati, qc, "funded project {f}: page and IATI");
        totals = (totals.0 + wb, totals.1 + qc);
        let _ = i;
    }
    // The dashboard's committed totals are the sums of the same amounts.
    let dash = b.get("/commissions/1/dashboard?lang=fr").await;
    let doc = Html::parse_document(&dash.body);
    let th = Selector::parse("tr").unwrap();
    let committed: Vec<i64> = doc
        .select(&th)
        .filter(|tr| tr.text().collect::<String>().starts_with("Engagé"))
        .map(|tr| {
            let td = tr.select(&Selector::parse("td").unwrap()).next().unwrap();
            minor(&td.text().collect::<String>())
        })
        .collect();
    assert_eq!(
        committed,
        vec![totals.0, totals.1],
        "dashboard totals (WB, QC)"
    );
}

#[tokio::test]
async fn year_two_costs_are_committed_only_once_the_side_released_year_two() {
    let app = TestApp::spawn_full_demo().await;
    let mut b = app.browser();
    b.login_demo("charge.qc@demo.passerelle.test").await;
    // A project that started on 1 July 2019, Québec's year 2 not released.
    let f = app
        .scalar(
            "select min(f.id) from funded_projects f where not exists
             (select 1 from year2_releases r join sides s on s.id = r.side_id
              where r.funded_id = f.id and s.code = 'QC')",
        )
        .await;
    let (qc, wb) = (
        app.scalar("select id from sides where code = 'QC'").await,
        app.scalar("select id from sides where code = 'WB'").await,
    );
    let (_, before) = page_committed(&mut b, f).await;
    // A Québec mission planned in the project's second year (October 2020).
    app.exec_text(&format!(
        "insert into funded_missions (funded_id, from_side_id, to_side_id, travellers, starts_on, days, purpose, status, created_at)
         values ({f}, {qc}, {wb}, 1, '2020-10-05', 5, 'Atelier de l’année 2', 'planned', 0)"
    ))
    .await;
    let (_, planned) = page_committed(&mut b, f).await;
    assert_eq!(
        planned, before,
        "a year-2 cost is not committed before year 2 is released"
    );
    let officer = app
        .scalar("select id from users where email = 'charge.qc@demo.passerelle.test'")
        .await;
    app.exec_text(&format!(
        "insert into year2_releases (funded_id, side_id, released_by, released_at, content_hash)
         values ({f}, {qc}, {officer}, 0, '')"
    ))
    .await;
    let (_, released) = page_committed(&mut b, f).await;
    assert!(
        released > before,
        "released, year 2's cost is committed ({before} → {released})"
    );
}

#[tokio::test]
async fn a_project_enters_final_report_due_when_its_term_ends_and_its_leads_are_told_once() {
    use passerelle::followup::closing::enter_final_report_due;
    let app = TestApp::spawn_full_demo().await;
    let f = app
        .scalar(
            "select min(id) from funded_projects
             where state in ('active', 'midterm_reviewed', 'rescheduled')",
        )
        .await;
    let ends: jiff::civil::Date = app
        .scalar_text_value(&format!(
            "select ends_on from funded_projects where id = {f}"
        ))
        .await
        .parse()
        .unwrap();
    let state_sql = format!("select state from funded_projects where id = {f}");
    let db = &app.db.db;
    // On its last day the term has not ended.
    enter_final_report_due(db, "http://x", ends).await.unwrap();
    assert_ne!(app.scalar_text_value(&state_sql).await, "final_report_due");
    // The day after: final report due, both leads told when it is due (three months later).
    let next = ends.tomorrow().unwrap();
    let sent = enter_final_report_due(db, "http://x", next).await.unwrap();
    assert!(sent >= 2, "both leads of each ended project are told");
    assert_eq!(app.scalar_text_value(&state_sql).await, "final_report_due");
    let lead = app
        .scalar_text_value(&format!(
            "select u.email from funded_projects f join project_halves h on h.project_id = f.project_id
             join users u on u.id = h.lead_user_id where f.id = {f} order by h.id limit 1"
        ))
        .await;
    let (subject, body) = app.last_email(&lead).await;
    assert!(subject.starts_with("Rapport final attendu"), "{subject}");
    let due = ends.checked_add(jiff::Span::new().months(3)).unwrap();
    assert!(
        body.contains(&passerelle::i18n::format_civil_date(
            due,
            passerelle::i18n::Locale::FrBe
        )) || body.contains(&passerelle::i18n::format_civil_date(
            due,
            passerelle::i18n::Locale::FrCa
        )),
        "{body}"
    );
    // Once: another pass (another instance, the next tick) sends nothing more.
    assert_eq!(
        enter_final_report_due(db, "http://x", next).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_project_is_terminated_after_an_unfavourable_mid_term_opinion_once_both_sides_approve() {
    let app = TestApp::spawn_full_demo().await;
    let unfavourable = app
        .scalar("select min(funded_id) from midterm_opinions where favourable = 0")
        .await;
    let favourable = app
        .scalar(
            "select min(f.id) from funded_projects f where not exists
             (select 1 from midterm_opinions o where o.funded_id = f.id and o.favourable = 0)",
        )
        .await;
    let (mut wb, mut qc) = (app.browser(), app.browser());
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    // Not for a project the mid-term review found favourable.
    let r = wb
        .post(
            &format!("/funded/{favourable}/terminate"),
            &[("termination_reason", "Essai")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // An empty reason is refused at the field, the page kept.
    let r = wb
        .post(
            &format!("/funded/{unfavourable}/terminate"),
            &[("termination_reason", " \t ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Indiquez le motif"));
    // WB proposes; the project runs on until QC approves the same reason.
    let reason = "Objectifs de mi-étape non atteints ; le partenaire québécois s’est retiré.";
    let r = wb
        .post(
            &format!("/funded/{unfavourable}/terminate"),
            &[("termination_reason", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let state = format!("select state from funded_projects where id = {unfavourable}");
    assert_ne!(app.scalar_text_value(&state).await, "terminated");
    let page = qc.get(&format!("/funded/{unfavourable}")).await;
    assert!(
        page.contains_text(reason),
        "the other side reads the reason"
    );
    // A stale approval (the reason changed since QC's page was shown) is refused.
    let stale = qc
        .post(
            &format!("/funded/{unfavourable}/terminate/approve"),
            &[("seen", "0000")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let r = qc
        .approve(&format!("/funded/{unfavourable}/terminate/approve"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.scalar_text_value(&state).await, "terminated");
    let lead = app
        .scalar_text_value(&format!(
            "select u.email from funded_projects f join project_halves h on h.project_id = f.project_id
             join users u on u.id = h.lead_user_id where f.id = {unfavourable} order by h.id limit 1"
        ))
        .await;
    let (subject, body) = app.last_email(&lead).await;
    assert!(subject.starts_with("Fin anticipée"), "{subject}");
    assert!(body.contains("retiré"), "{body}");
    // Terminated: nothing more to terminate.
    let again = wb
        .post(
            &format!("/funded/{unfavourable}/terminate"),
            &[("termination_reason", reason)],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_mission_is_moved_or_added_after_selection_once_both_sides_approve() {
    let app = TestApp::spawn_demo_at(passerelle::demo::Stage::Selected).await;
    let f = app.scalar("select min(id) from funded_projects").await;
    let m = app
        .scalar_text(&format!(
            "select min(id) from funded_missions where funded_id = {f} and status = 'planned'"
        ))
        .await;
    let lead_email = app
        .scalar_text_value(&format!(
            "select u.email from funded_projects f join project_halves h on h.project_id = f.project_id
             join users u on u.id = h.lead_user_id where f.id = {f} order by h.id limit 1"
        ))
        .await;
    let mut lead = app.browser();
    lead.login(&lead_email, passerelle::demo::PASSWORD).await;
    let (mut wb, mut qc) = (app.browser(), app.browser());
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    let start = format!("select starts_on || ' ' || days from funded_missions where id = {m}");
    let before = app.scalar_text_value(&start).await;
    // The lead proposes to move it; nothing changes until both sides approved.
    let m_text = m.to_string();
    let r = lead
        .post(
            &format!("/funded/{f}/mission-changes"),
            &[
                ("kind", "move"),
                ("mission", &m_text),
                ("direction", ""),
                ("travellers", ""),
                ("starts_on", "2020-11-16"),
                ("days", "6"),
                ("purpose", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = wb.get(&format!("/funded/{f}")).await;
    assert!(
        page.contains_text("reportée au 16 novembre 2020 pour 6 jours"),
        "{}",
        page.body
    );
    let change = app.scalar("select max(id) from mission_changes").await;
    let action = format!("/funded/{f}/mission-changes/{change}/approve");
    assert_eq!(wb.approve(&action).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text_value(&start).await,
        before,
        "one side is not both"
    );
    // Approving twice for one side changes nothing.
    assert_eq!(
        wb.post(&action, &[("seen", "x")]).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(qc.approve(&action).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.scalar_text_value(&start).await, "2020-11-16 6");
    // An officer adds a mission: their side approves at once, the other side then.
    let (wb_side, qc_side) = (
        app.scalar("select id from sides where code = 'WB'").await,
        app.scalar("select id from sides where code = 'QC'").await,
    );
    let direction = format!("{qc_side}-{wb_side}");
    let missions = format!("select count(*) from funded_missions where funded_id = {f}");
    let count = app.scalar_text(&missions).await;
    let r = wb
        .post(
            &format!("/funded/{f}/mission-changes"),
            &[
                ("kind", "add"),
                ("mission", ""),
                ("direction", &direction),
                ("travellers", "2"),
                ("starts_on", "2021-02-08"),
                ("days", "5"),
                ("purpose", "Atelier de restitution à Liège"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.scalar_text(&missions).await, count);
    let change = app.scalar("select max(id) from mission_changes").await;
    assert_eq!(
        qc.approve(&format!("/funded/{f}/mission-changes/{change}/approve"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.scalar_text(&missions).await, count + 1);
    // Bad input keeps what was typed.
    let r = wb
        .post(
            &format!("/funded/{f}/mission-changes"),
            &[
                ("kind", "add"),
                ("direction", &direction),
                ("travellers", "2"),
                ("starts_on", "pas une date"),
                ("days", "5"),
                ("purpose", "Atelier gardé"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Atelier gardé"));
}
