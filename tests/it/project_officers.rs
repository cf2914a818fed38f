//! Joint projects seen by officers: their side's list, search, admissibility and CSV export;
//! withdrawal; each side's budget in its own currency.

use axum::http::StatusCode;

use crate::{
    helpers::TestApp,
    projects::{QC, file, pair, post, start},
};

#[tokio::test]
async fn officers_list_search_decide_and_export_with_formulas_neutralised() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "=HYPERLINK(\"http://evil.example\")").await;
    pair(&app, &mut qc, id).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    let call = app.scalar("select max(id) from calls").await;
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let list = officer
        .get(&format!("/calls/{call}/applications?q=hyperlink"))
        .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("1 volet"));
    assert!(
        officer
            .get(&format!("/calls/{call}/applications?q=introuvable"))
            .await
            .body
            .contains("0 volet")
    );
    let csv = officer
        .get(&format!("/calls/{call}/applications.csv"))
        .await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{}",
        csv.body
    );

    let half = app.scalar("select h.id from project_halves h join sides s on s.id = h.side_id where s.code = 'QC' and h.project_id = (select max(id) from projects)").await.to_string();
    let r = post(
        &mut officer,
        &format!("/halves/{half}/admissibility"),
        &[("decision", "inadmissible"), ("reason", "")],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refusal needs a reason"
    );
    // Irreversible for the applicant: the officer confirms on a page that says what follows,
    // the reason carried as typed; nothing is decided until then.
    let r = post(
        &mut officer,
        &format!("/halves/{half}/admissibility"),
        &[("decision", "inadmissible"), ("reason", "Budget incomplet")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.contains_text("Déclarer ce volet irrecevable ?"));
    assert!(
        r.body
            .contains("name=\"reason\" value=\"Budget incomplet\"")
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from project_halves where id = {half} and admissibility is not null"
        ))
        .await,
        0,
        "nothing decided before the confirmation"
    );
    let r = post(
        &mut officer,
        &format!("/halves/{half}/admissibility"),
        &[
            ("decision", "inadmissible"),
            ("reason", "Budget incomplet"),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (subject, _) = app.last_email(QC).await;
    assert!(subject.contains("non admissible"));
}

#[tokio::test]
async fn withdrawing_a_half_tells_the_other_lead() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Retrait").await;
    let mut wb = pair(&app, &mut qc, id).await;
    app.exec_text(&format!(
        "update users set locale = 'en' where email = '{QC}'"
    ))
    .await;
    // Irreversible: refused without the confirmation box ticked.
    assert_eq!(
        post(&mut wb, &format!("/projects/{id}/withdraw"), &[])
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        post(
            &mut wb,
            &format!("/projects/{id}/withdraw"),
            &[("confirm", "yes")]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    // Told in the recipient's language, not the sender's.
    let (subject, _) = app.last_email(QC).await;
    assert_eq!(subject, "A half of the project “Retrait” was withdrawn");
    assert!(
        qc.get(&format!("/projects/{id}"))
            .await
            .body
            .contains("Withdrawn"),
        "the lead now reads English"
    );
}

#[tokio::test]
async fn missions_give_each_side_its_budget_in_its_own_currency() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Missions").await;
    let wb_side = app.scalar("select id from sides where code = 'WB'").await;
    let qc_side = app.scalar("select id from sides where code = 'QC'").await;
    let direction = format!("{qc_side}-{wb_side}");
    let r = post(
        &mut qc,
        &format!("/projects/{id}/missions/new"),
        &[
            ("direction", &direction),
            ("travellers", "2"),
            ("starts_on", "2030-05-04"),
            ("days", "7"),
            ("purpose", "Atelier"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = qc.get(&format!("/projects/{id}")).await;
    // Québec sends two travellers: it pays their travel in CAD; Wallonia-Brussels pays the stay in EUR.
    assert!(
        page.body.contains(&crate::helpers::fr(
            "Québec : transport 3\u{202f}600,00\u{202f}$, séjour 0,00\u{202f}$"
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains(&crate::helpers::fr(
        "Wallonie-Bruxelles : transport 0,00\u{202f}€, séjour 3\u{202f}000,00\u{202f}€"
    )));
    let r = post(
        &mut qc,
        &format!("/projects/{id}/missions/new"),
        &[
            ("direction", &direction),
            ("travellers", "0"),
            ("starts_on", "demain"),
            ("days", "7"),
            ("purpose", "Atelier <b>"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("value=\"demain\"") && r.body.contains("value=\"Atelier &#60;b&#62;\"")
    );
}

/// The titles of the list's rows, in page order.
fn listed_titles(html: &str) -> Vec<String> {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(html);
    let sel = Selector::parse("tbody th[scope=row] > a:first-child").unwrap();
    doc.select(&sel).map(|a| a.text().collect()).collect()
}

/// Lists are sorted by the server on any column, either way, ties in a fixed order: the
/// heading says which (aria-sort) and links to the reverse order; the filters keep the order,
/// and the exports follow it.
#[tokio::test]
async fn the_officers_list_sorts_on_any_column_on_the_server() {
    let app = TestApp::spawn_full_demo().await;
    let call = app
        .scalar("select min(c.id) from calls c where exists (select 1 from projects p where p.call_id = c.id)")
        .await;
    let mut officer = app.browser();
    officer.login_demo("charge.wb@demo.passerelle.test").await;
    let base = format!("/calls/{call}/applications");
    let fold = passerelle::i18n::fold;

    // By default, titles A→Z without regard to case or accents.
    let page = officer.get(&base).await;
    assert_eq!(page.status, StatusCode::OK);
    let titles = listed_titles(&page.body);
    assert!(titles.len() > 5, "{titles:?}");
    assert!(
        titles.windows(2).all(|w| fold(&w[0]) <= fold(&w[1])),
        "{titles:?}"
    );
    assert!(
        page.body
            .contains("aria-sort=\"ascending\"><a class=\"sort\" href=\"/calls/")
    );
    let link = {
        use scraper::{Html, Selector};
        let doc = Html::parse_document(&page.body);
        let sel = Selector::parse("th[aria-sort=ascending] a.sort").unwrap();
        doc.select(&sel)
            .next()
            .and_then(|a| a.value().attr("href").map(str::to_string))
    };
    assert_eq!(
        link.as_deref(),
        Some(format!("{base}?sort=title&dir=desc&q=&theme=&state=&kind=&paired=").as_str())
    );

    // Reversed: the same rows, in the reverse order.
    let page = officer.get(&format!("{base}?sort=title&dir=desc")).await;
    let mut reversed = listed_titles(&page.body);
    reversed.reverse();
    let mut by_fold = titles.clone();
    by_fold.sort_by_key(|t| fold(t));
    assert_eq!(
        reversed.iter().map(|t| fold(t)).collect::<Vec<_>>(),
        by_fold.iter().map(|t| fold(t)).collect::<Vec<_>>()
    );
    assert!(page.body.contains("aria-sort=\"descending\""));

    // By filing date, newest first: filed halves in that order, the others after.
    let page = officer.get(&format!("{base}?sort=filed&dir=desc")).await;
    assert!(
        page.body
            .contains("aria-sort=\"descending\"><a class=\"sort\" href=\"/calls/")
    );
    // (filed at or -1, title) of the side's halves, from the database.
    let filed: Vec<(String, i64)> = app
        .amounts(&format!(
            "select coalesce(h.submitted_at, -1), p.title from projects p join project_halves h on h.project_id = p.id join sides s on s.id = h.side_id where p.call_id = {call} and s.code = 'WB'"
        ))
        .await
        .into_iter()
        .map(|(at, title)| (title, at))
        .collect();
    let at = |title: &str| {
        filed
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, at)| *at)
            .unwrap()
    };
    let order: Vec<i64> = listed_titles(&page.body).iter().map(|t| at(t)).collect();
    let mut expected = order.clone();
    expected.sort_by_key(|at| if *at < 0 { (1, 0) } else { (0, -*at) });
    assert_eq!(order, expected);

    // The filter form keeps the order; an unknown column falls back to the titles.
    assert!(page.body.contains("name=\"sort\" value=\"filed\""));
    let page = officer
        .get(&format!("{base}?sort=%27%3Bdrop&dir=desc"))
        .await;
    assert_eq!(page.status, StatusCode::OK);

    // The export follows the list's order.
    let csv = officer
        .get(&format!(
            "/calls/{call}/applications.csv?sort=title&dir=desc"
        ))
        .await;
    let first_csv_title = csv
        .body
        .lines()
        .nth(1)
        .unwrap()
        .split(';')
        .nth(1)
        .unwrap()
        .trim_matches('"')
        .to_string();
    let page = officer.get(&format!("{base}?sort=title&dir=desc")).await;
    assert_eq!(first_csv_title, listed_titles(&page.body)[0]);
}

/// Lists say what matters at a glance (issue 13): the officers' list has a "last change" column
/// that moves with what officers see of a half — its filing, its admissibility — and never with
/// a lead editing a reopened draft, which officers do not see.
#[tokio::test]
async fn the_last_change_moves_with_what_officers_see_never_with_a_draft_edit() {
    const DAY: i64 = 86_400_000;
    let app = TestApp::spawn_demo().await;
    let (mut qc, a) = start(&app, "Zèbre d’abord").await;
    pair(&app, &mut qc, a).await;
    assert_eq!(file(&mut qc, a).await.status, StatusCode::SEE_OTHER);
    app.advance_clock(3 * DAY);
    let call = app.scalar("select max(id) from calls").await;
    let (mut qc_b, b) = crate::projects::start_in(&app, call, "Antilope ensuite").await;
    pair(&app, &mut qc_b, b).await;
    assert_eq!(file(&mut qc_b, b).await.status, StatusCode::SEE_OTHER);
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let oldest_first = format!("/calls/{call}/applications?sort=changed&dir=asc");
    let order = |html: &str| {
        listed_titles(html)
            .into_iter()
            .filter(|t| t == "Zèbre d’abord" || t == "Antilope ensuite")
            .collect::<Vec<_>>()
    };
    let page = officer.get(&oldest_first).await;
    assert!(page.contains_text("Dernière modification"));
    assert_eq!(
        order(&page.body),
        ["Zèbre d’abord", "Antilope ensuite"],
        "filed first, changed first"
    );

    // The lead of the first project reopens it and edits the draft three days later: officers
    // still read the filed version, and the list does not tell them someone is editing.
    app.advance_clock(3 * DAY);
    assert_eq!(
        post(&mut qc, &format!("/projects/{a}/reopen"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let org = app
        .scalar_text(&format!(
            "select h.organisation_id from project_halves h join sides s on s.id = h.side_id
             where h.project_id = {a} and s.code = 'QC'"
        ))
        .await
        .to_string();
    let r = post(
        &mut qc,
        &format!("/projects/{a}/half"),
        &[
            ("organisation", &org),
            ("lead_role", "Directrice du laboratoire"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let edited = app
        .scalar_text(&format!(
            "select count(*) from project_halves h join sides s on s.id = h.side_id
             where h.project_id = {a} and s.code = 'QC' and h.lead_role = 'Directrice du laboratoire'"
        ))
        .await;
    assert_eq!(edited, 1, "the draft was edited");
    let page = officer.get(&oldest_first).await;
    assert_eq!(
        order(&page.body),
        ["Zèbre d’abord", "Antilope ensuite"],
        "a draft's edit is not a change officers see"
    );

    // Back to the filed version; the officer decides its admissibility: now it changed last.
    let half = app
        .scalar_text(&format!(
            "select h.id from project_halves h join sides s on s.id = h.side_id
             where s.code = 'QC' and h.project_id = {a}"
        ))
        .await
        .to_string();
    app.exec_text(&format!(
        "update project_halves set state = 'submitted' where id = {half}"
    ))
    .await;
    let r = post(
        &mut officer,
        &format!("/halves/{half}/admissibility"),
        &[("decision", "admissible"), ("reason", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = officer.get(&oldest_first).await;
    assert_eq!(
        order(&page.body),
        ["Antilope ensuite", "Zèbre d’abord"],
        "the admissibility decision is a change officers see"
    );
    // The column and the exports give the day of that decision, in the side's zone.
    let locale = app
        .scalar_text_value(
            "select locale from users where email = 'charge.qc@demo.passerelle.test'",
        )
        .await;
    let today = passerelle::i18n::format_date(
        app.scalar_text(&format!(
            "select changed_at from project_halves where id = {half}"
        ))
        .await,
        "America/Toronto",
        passerelle::i18n::Locale::parse(&locale).unwrap_or(passerelle::i18n::Locale::FrCa),
    );
    assert!(page.contains_text(&today), "{today}");
}
