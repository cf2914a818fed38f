//! The commission dashboard on the full demo: charts (SVG with a text alternative) and the same
//! figures in tables; each side's money in its own currency, never summed.

use axum::http::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_dashboard_shows_states_missions_and_each_sides_money_apart() {
    let app = TestApp::spawn_full_demo().await;
    let mut b = app.browser();
    b.login_demo("charge.wb@demo.passerelle.test").await;
    let r = b.get("/commissions/1/dashboard").await;
    assert_eq!(r.status, StatusCode::OK);
    // Missions: 26 done, 13 cancelled, 13 held online (the pandemic spring of 2020).
    assert!(r.contains_text(r#"<desc id="missions-desc">Prévue : 0 ; Réalisée : 26 ; Annulée : 13 ; Tenue à distance : 13</desc>"#), "{}", r.body);
    assert!(r.contains_text("<th scope=\"row\">Réalisée</th><td>26</td>"));
    // Each side's committed money is the sum of its own commitments (issue 11: one definition
    // for the project page, the dashboard, the CSV and IATI — `lifecycle.rs` checks them row by
    // row), in its own currency.
    let csv = b.get("/commissions/1/funded.csv?lang=fr").await.body;
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    let header = crate::helpers::csv_cells(lines.next().unwrap());
    let col = |name: &str| header.iter().position(|h| h.contains(name)).unwrap();
    let (wb_col, qc_col) = (
        col(&crate::helpers::fr("Wallonie-Bruxelles : engagé")),
        col(&crate::helpers::fr("Québec : engagé")),
    );
    let (mut eur, mut cad) = (0i64, 0i64);
    for l in lines {
        let cells = crate::helpers::csv_cells(l);
        let minor = |c: &str| {
            c.chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
                .parse::<i64>()
                .unwrap()
        };
        eur += minor(&cells[wb_col]);
        cad += minor(&cells[qc_col]);
    }
    let fmt = |m: i64, c: &str| {
        passerelle::i18n::format_money(m, c, passerelle::i18n::Locale::FrBe)
            .replace('\u{202f}', " ")
    };
    assert!(
        r.contains_text(&format!(
            "<th scope=\"row\">Engagé</th><td>{}</td>",
            fmt(eur, "EUR")
        )),
        "{}",
        r.body
    );
    assert!(r.contains_text(&format!(
        "<th scope=\"row\">Engagé</th><td>{}</td>",
        fmt(cad, "CAD")
    )));
    assert!(
        !r.contains_text(&fmt(eur + cad, "EUR")) && !r.contains_text(&fmt(eur + cad, "CAD")),
        "never summed"
    );
    assert_eq!(
        r.body.matches("<svg ").count(),
        5,
        "state, theme, missions, one per side"
    );
    // Applicants have no dashboard.
    let mut applicant = app.browser();
    applicant
        .login_demo("porteur01.wb@demo.passerelle.test")
        .await;
    assert_eq!(
        applicant.get("/commissions/1/dashboard").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_programme_dashboard_adds_up_its_commissions_per_side() {
    let app = TestApp::spawn_full_demo().await;
    let mut b = app.browser();
    b.login_demo("commission.qc@demo.passerelle.test").await;
    let commission = b.get("/commissions/1/dashboard").await;
    let programme = b.get("/programmes/1/dashboard").await;
    assert_eq!(programme.status, StatusCode::OK);
    assert!(
        programme.contains_text(
            "Tableau de bord du programme : Coopération Wallonie-Bruxelles – Québec"
        )
    );
    // The XIIe CMP has no funded project yet: the programme's figures are the XIe's.
    let desc = |r: &crate::helpers::TestResponse, id: &str| {
        let start = r.body.find(&format!("<desc id=\"{id}-desc\">")).unwrap();
        r.body[start..].split("</desc>").next().unwrap().to_string()
    };
    for id in ["missions", "money-wb", "money-qc", "by-state"] {
        assert_eq!(desc(&programme, id), desc(&commission, id), "{id}");
    }
    assert!(programme.contains_text("XIe — Relance culturelle"));
    assert!(programme.contains_text("XIIe — Relance culturelle"));
    assert_eq!(
        b.get("/programmes/99/dashboard").await.status,
        StatusCode::NOT_FOUND
    );
}
