//! Screening and the joint selection of a Grands Rendez-vous cohort (issue 14, item 3): "each
//! side screens its candidates (... confidential to the side until the joint meeting); a joint
//! selection of the cohort with a quota per side, both sides approving what they saw; a waiting
//! list that moves up when someone declines; candidates told in their language" — and DOMAIN.md
//! rule 4 (each side evaluates separately; the other side sees it only at the joint meeting).

use axum::http::{Method, StatusCode};
use passerelle::app::registry;

use crate::grv_candidates::{answers, filing_fields, open_edition_with, signed_in};
use crate::helpers::{TestApp, hidden_fields, post_owned};

const WB: &str = "charge.wb@demo.passerelle.test";
const QC: &str = "charge.qc@demo.passerelle.test";
/// Three candidates per side: (account, idea title).
const WB_PEOPLE: [(&str, &str); 3] = [
    ("demandeur.wb@demo.passerelle.test", "Idée WB un"),
    ("porteur01.wb@demo.passerelle.test", "Idée WB deux"),
    ("porteur02.wb@demo.passerelle.test", "Idée WB trois"),
];
const QC_PEOPLE: [(&str, &str); 3] = [
    ("demandeur.qc@demo.passerelle.test", "Idée QC un"),
    ("porteur01.qc@demo.passerelle.test", "Idée QC deux"),
    ("porteur02.qc@demo.passerelle.test", "Idée QC trois"),
];

/// `email` applies to `edition` and files; returns the candidacy's id.
async fn file(app: &TestApp, email: &str, edition: &str, title: &str) -> i64 {
    let mut c = signed_in(app, email).await;
    let r = c
        .post(&format!("/grands-rendez-vous/{edition}/apply"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{email}: {}", r.text());
    let form = r.location().unwrap().to_string();
    let id: i64 = form.rsplit('/').next().unwrap().parse().unwrap();
    let typed: Vec<(&str, &str)> = answers()
        .into_iter()
        .map(|(k, v)| {
            if k == "idea_title" {
                (k, title)
            } else {
                (k, v)
            }
        })
        .collect();
    let r = c.post(&form, &typed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let button = filing_fields(&mut c, id).await;
    let r = post_owned(&mut c, &format!("/candidacies/{id}/file"), &button).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    id
}

/// An edition with two places per side, three candidacies filed on each side, and screening
/// under way: (edition id, WB candidacies, QC candidacies).
async fn screening(app: &TestApp) -> (String, Vec<i64>, Vec<i64>) {
    let (edition, _) = open_edition_with(app, (2, 2)).await;
    let mut wb = Vec::new();
    for (email, title) in WB_PEOPLE {
        wb.push(file(app, email, &edition, title).await);
    }
    let mut qc = Vec::new();
    for (email, title) in QC_PEOPLE {
        qc.push(file(app, email, &edition, title).await);
    }
    // The call closes, then screening starts: each a step both sides ask for.
    for _ in 0..2 {
        for who in [WB, QC] {
            let r = signed_in(app, who)
                .await
                .approve(&format!("/grv/editions/{edition}/advance"))
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        }
    }
    assert_eq!(state(app, &edition).await, "screening");
    (edition, wb, qc)
}

async fn state(app: &TestApp, edition: &str) -> String {
    app.scalar_text_value(&format!(
        "select state from grv_editions where id = {edition}"
    ))
    .await
}

/// The screening table's fields: a verdict and note per candidacy, with the page's `seen`.
async fn screening_form(
    b: &mut TestApp,
    edition: &str,
    rows: &[(i64, &str, &str)],
) -> Vec<(String, String)> {
    let page = b.get(&format!("/grv/editions/{edition}/screening")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let mut fields: Vec<(String, String)> =
        hidden_fields(&page.body, &format!("/grv/editions/{edition}/screening"))
            .into_iter()
            .filter(|(k, _)| k == "seen")
            .collect();
    for (id, verdict, note) in rows {
        fields.push(("candidacy".into(), id.to_string()));
        fields.push((format!("verdict-{id}"), verdict.to_string()));
        fields.push((format!("note-{id}"), note.to_string()));
    }
    fields
}

/// The cohort table's fields: an outcome and rank per candidacy, with the page's `seen`.
async fn cohort_form(
    b: &mut TestApp,
    edition: &str,
    rows: &[(i64, &str, &str)],
) -> Vec<(String, String)> {
    let page = b.get(&format!("/grv/editions/{edition}/cohort")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let mut fields: Vec<(String, String)> =
        hidden_fields(&page.body, &format!("/grv/editions/{edition}/cohort"))
            .into_iter()
            .filter(|(k, _)| k == "seen")
            .collect();
    for (id, outcome, rank) in rows {
        fields.push(("candidacy".into(), id.to_string()));
        fields.push((format!("outcome-{id}"), outcome.to_string()));
        fields.push((format!("rank-{id}"), rank.to_string()));
    }
    fields
}

/// Both sides screen and send their shortlists (WB's note on its first candidacy is `canary`).
async fn both_screen(app: &TestApp, edition: &str, wb: &[i64], qc: &[i64], canary: &str) {
    for (who, ids) in [(WB, wb), (QC, qc)] {
        let mut o = signed_in(app, who).await;
        let rows: Vec<(i64, &str, &str)> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, "recommended", if i == 0 { canary } else { "" }))
            .collect();
        let fields = screening_form(&mut o, edition, &rows).await;
        let path = format!("/grv/editions/{edition}/screening");
        let r = post_owned(&mut o, &path, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = o.approve(&format!("{path}/send")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
}

#[tokio::test]
async fn each_side_screens_alone_until_both_have_sent_their_shortlists() {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    let path = format!("/grv/editions/{edition}/screening");
    let mut wbo = signed_in(&app, WB).await;
    let mut qco = signed_in(&app, QC).await;

    // Each side's page lists its own side's candidacies, as filed, and nothing of the other's.
    let page = wbo.get(&path).await;
    assert!(WB_PEOPLE.iter().all(|(_, t)| page.contains_text(t)));
    assert!(QC_PEOPLE.iter().all(|(_, t)| !page.contains_text(t)));
    assert!(page.contains_text("Confidentiel à votre partie"));

    // An officer cannot screen the other side's candidacy through their own page.
    let fields = screening_form(&mut wbo, &edition, &[(qc[0], "priority", "")]).await;
    assert_eq!(
        post_owned(&mut wbo, &path, &fields).await.status,
        StatusCode::NOT_FOUND
    );

    // WB screens (a note with a verdict missing is refused at its row, everything kept).
    let fields = screening_form(
        &mut wbo,
        &edition,
        &[
            (wb[0], "priority", "CANARYSCREENWB très solide"),
            (wb[1], "", "Une note sans avis"),
        ],
    )
    .await;
    let r = post_owned(&mut wbo, &path, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.contains_text("Une note sans avis"),
        "what was typed is kept"
    );
    assert!(r.body.contains(&format!("href=\"#verdict-{}\"", wb[1])));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from recommendations where submission_id in ({}, {})",
            wb[0], wb[1]
        ))
        .await,
        0,
        "all or nothing"
    );
    let fields = screening_form(
        &mut wbo,
        &edition,
        &[
            (wb[0], "priority", "CANARYSCREENWB très solide"),
            (wb[1], "reserved", ""),
        ],
    )
    .await;
    let r = post_owned(&mut wbo, &path, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // A page left open on the screening before that save writes nothing over it.
    let stale = fields.clone();
    let r = post_owned(&mut wbo, &path, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("La présélection a changé"));

    // Sending needs a verdict on every candidacy (the page offers no button; a hand-made
    // request carrying what the page showed is refused all the same).
    let seen = screening_form(&mut wbo, &edition, &[]).await;
    let r = post_owned(&mut wbo, &format!("{path}/send"), &seen).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("Chaque candidature doit avoir un avis avant l’envoi"));
    let page = wbo.get(&path).await;
    assert!(page.contains_text("Une candidature n’a pas encore d’avis"));
    let fields = screening_form(&mut wbo, &edition, &[(wb[2], "not_recommended", "")]).await;
    assert_eq!(
        post_owned(&mut wbo, &path, &fields).await.status,
        StatusCode::SEE_OTHER
    );

    // Until both sides have sent: QC reads nothing of WB's screening, anywhere.
    for page in [
        path.clone(),
        format!("/grv/editions/{edition}/cohort"),
        format!("/candidacies/{}/review", wb[0]),
    ] {
        let r = qco.get(&page).await;
        assert!(!r.body.contains("CANARYSCREENWB"), "{page}");
        assert!(!r.contains_text("Idée WB un"), "{page}");
    }
    assert_eq!(
        qco.get(&format!("/candidacies/{}/review", wb[0]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let r = wbo.approve(&format!("{path}/send")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = wbo.get(r.location().unwrap()).await;
    assert!(page.contains_text("Présélection envoyée"));
    // Sent, it stands as sent.
    let fields = vec![
        ("candidacy".to_string(), wb[2].to_string()),
        (format!("verdict-{}", wb[2]), "priority".to_string()),
    ];
    let r = post_owned(&mut wbo, &path, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("La présélection de votre partie est envoyée"));
    // WB's sending does not open the meeting: QC has not sent.
    let r = qco.get(&format!("/grv/editions/{edition}/cohort")).await;
    assert!(r.contains_text("En attente de"));
    assert!(!r.body.contains("CANARYSCREENWB"));
    let r = wbo.get(&format!("/grv/editions/{edition}/cohort")).await;
    assert!(!r.contains_text("Idée QC un"), "nor does WB read QC's");

    // QC screens and sends: the sides have met, and each reads the other's screening.
    let rows: Vec<(i64, &str, &str)> = qc.iter().map(|id| (*id, "recommended", "")).collect();
    let fields = screening_form(&mut qco, &edition, &rows).await;
    assert_eq!(
        post_owned(&mut qco, &path, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        qco.approve(&format!("{path}/send")).await.status,
        StatusCode::SEE_OTHER
    );
    let r = qco.get(&format!("/grv/editions/{edition}/cohort")).await;
    assert!(
        r.body.contains("CANARYSCREENWB"),
        "the joint meeting shows it"
    );
    assert!(r.contains_text("Idée WB un") && r.contains_text("Idée QC trois"));
    let r = qco.get(&format!("/candidacies/{}/review", wb[0])).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "the other side reads what was filed"
    );
    // Applicants never do.
    let mut other = signed_in(&app, "porteur03.wb@demo.passerelle.test").await;
    assert_eq!(
        other
            .get(&format!("/grv/editions/{edition}/cohort"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// The canary sweep (issue 14 acceptance: "the confidentiality sweep covers the GRV screening
/// as it covers CMP evaluations"): while only WB has screened, no GET route of the registry
/// shows WB's note to the other side's people, to its applicants or to candidates, for any id.
#[tokio::test]
async fn a_sides_screening_reaches_no_page_of_the_other_side_or_of_candidates_before_the_meeting() {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    let mut wbo = signed_in(&app, WB).await;
    let rows: Vec<(i64, &str, &str)> = wb
        .iter()
        .map(|id| (*id, "recommended", "CANARYGRVNOTEWB"))
        .collect();
    let fields = screening_form(&mut wbo, &edition, &rows).await;
    let path = format!("/grv/editions/{edition}/screening");
    assert_eq!(
        post_owned(&mut wbo, &path, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        wbo.approve(&format!("{path}/send")).await.status,
        StatusCode::SEE_OTHER
    );
    // Positive control: WB's own page shows it.
    assert!(wbo.get(&path).await.body.contains("CANARYGRVNOTEWB"));
    // Every id that names the edition, a candidacy or a submission of it, and the first few
    // of every table.
    let mut ids: Vec<i64> = (1..=12).collect();
    ids.push(edition.parse().unwrap());
    ids.extend(&wb);
    ids.extend(&qc);
    let mut fetched = 0;
    for email in [
        QC,
        "evaluateur.qc@demo.passerelle.test",
        "commission.qc@demo.passerelle.test",
        "demandeur.qc@demo.passerelle.test",
        "demandeur.wb@demo.passerelle.test",
        "porteur03.wb@demo.passerelle.test",
        "coach@demo.passerelle.test",
        "admin@demo.passerelle.test",
    ] {
        let mut b = signed_in(&app, email).await;
        for d in registry().defs.iter().filter(|d| d.method == Method::GET) {
            let some: &[i64] = if d.path.contains("{id}") { &ids } else { &[0] };
            for i in some {
                let p = d.path.replace("{id}", &i.to_string());
                if p.contains('{') {
                    continue;
                }
                let r = b.get(&p).await;
                fetched += 1;
                assert!(!r.body.contains("CANARYGRVNOTEWB"), "{email} saw it at {p}");
                // Nor, but to their authors, WB's candidacies themselves.
                if !email.ends_with(".wb@demo.passerelle.test") {
                    assert!(!r.body.contains("Idée WB"), "{email} saw a WB idea at {p}");
                }
            }
        }
    }
    assert!(fetched > 1000, "{fetched} responses checked");
    assert_eq!(
        app.scalar_text(
            "select count(*) from email_outbox where body_text like '%CANARYGRVNOTEWB%'
             or body_html like '%CANARYGRVNOTEWB%' or subject like '%CANARYGRVNOTEWB%'"
        )
        .await,
        0,
        "nor any email"
    );
}

#[tokio::test]
async fn the_cohort_keeps_each_sides_quota_stands_once_both_approve_what_they_saw_and_tells_everyone()
 {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    let cohort = format!("/grv/editions/{edition}/cohort");
    let approve = format!("{cohort}/approve");
    // The edition's next step is the cohort's approval, not a step to ask for.
    let mut wbo = signed_in(&app, WB).await;
    let r = wbo
        .post(
            &format!("/grv/editions/{edition}/advance"),
            &[("seen", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("La présélection se termine quand chaque partie approuve la cohorte"));
    // Before the meeting, nobody proposes.
    let r = post_owned(
        &mut wbo,
        &cohort,
        &[("candidacy".into(), wb[0].to_string())],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("La sélection conjointe n’est pas ouverte"));
    both_screen(&app, &edition, &wb, &qc, "").await;
    let mut qco = signed_in(&app, QC).await;

    // Three selected on a side with two places: refused at the side, everything kept.
    let over = cohort_form(
        &mut wbo,
        &edition,
        &[
            (wb[0], "selected", ""),
            (wb[1], "selected", ""),
            (wb[2], "selected", ""),
        ],
    )
    .await;
    let r = post_owned(&mut wbo, &cohort, &over).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Plus de candidatures retenues que de places"));
    let wb_side = app.scalar("select id from sides where code = 'WB'").await;
    assert!(r.body.contains(&format!("href=\"#quota-{wb_side}\"")));
    // Two on one rank of a side's waiting list: refused at the row.
    let twice = cohort_form(
        &mut wbo,
        &edition,
        &[
            (qc[1], "waiting", "1"),
            (qc[2], "waiting", "1"),
            (qc[0], "waiting", "lots"),
        ],
    )
    .await;
    let r = post_owned(&mut wbo, &cohort, &twice).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Indiquez un rang entier"));
    assert!(r.body.contains("value=\"lots\""), "kept as typed");
    assert!(
        !r.body.contains(&format!("action=\"{cohort}/approve\"")),
        "nothing is approved from a table showing unsaved typing"
    );
    let twice = cohort_form(
        &mut wbo,
        &edition,
        &[(qc[1], "waiting", "1"), (qc[2], "waiting", "1")],
    )
    .await;
    let r = post_owned(&mut wbo, &cohort, &twice).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Ce rang est déjà celui d’une autre candidature"));
    assert!(r.body.contains(&format!("href=\"#rank-{}\"", qc[2])));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_cohort where edition_id = {edition}"
        ))
        .await,
        0
    );

    // A proposal within the quotas, with a waiting list on each side.
    let proposal = [
        (wb[0], "selected", ""),
        (wb[1], "selected", ""),
        (wb[2], "waiting", "1"),
        (qc[0], "selected", ""),
        (qc[1], "waiting", "1"),
        (qc[2], "not_selected", ""),
    ];
    let fields = cohort_form(&mut wbo, &edition, &proposal).await;
    let r = post_owned(&mut wbo, &cohort, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // WB approves what it saw; QC then changes the proposal: WB's approval no longer counts.
    assert_eq!(wbo.approve(&approve).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        state(&app, &edition).await,
        "screening",
        "one side is not enough"
    );
    let wb_page = wbo.get(&cohort).await;
    let stale_seen = hidden_fields(&wb_page.body, &cohort);
    let mut changed = proposal;
    changed[5] = (qc[2], "waiting", "2");
    let fields = cohort_form(&mut qco, &edition, &changed).await;
    assert_eq!(
        post_owned(&mut qco, &cohort, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(qco.approve(&approve).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        state(&app, &edition).await,
        "screening",
        "WB approved another cohort"
    );
    let page = qco.get(&cohort).await;
    assert!(page.contains_text("Wallonie-Bruxelles : pas encore approuvé"));
    // A page left open before QC's change approves nothing.
    let stale: Vec<(String, String)> = stale_seen
        .into_iter()
        .filter(|(k, _)| k == "seen")
        .collect();
    let r = post_owned(&mut wbo, &approve, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(state(&app, &edition).await, "screening");

    // One candidate reads English: they are told in English, the others in French.
    app.exec("update users set locale = 'en' where email = 'porteur02.qc@demo.passerelle.test'")
        .await;
    let before = app.scalar("select count(*) from email_outbox").await;
    assert_eq!(wbo.approve(&approve).await.status, StatusCode::SEE_OTHER);
    assert_eq!(state(&app, &edition).await, "cohort_selected");
    assert_eq!(
        app.scalar("select count(*) from email_outbox").await - before,
        6,
        "one letter per candidate"
    );
    let (subject, _) = app.last_email(WB_PEOPLE[0].0).await;
    assert!(
        subject.starts_with("Vous êtes retenu ou retenue"),
        "{subject}"
    );
    let (subject, body) = app.last_email(WB_PEOPLE[2].0).await;
    assert!(subject.starts_with("Liste d’attente"), "{subject}");
    assert!(body.contains("en position 1"), "{body}");
    let (subject, body) = app.last_email(QC_PEOPLE[2].0).await;
    assert!(subject.starts_with("Waiting list"), "{subject}");
    assert!(body.contains("at position 2"), "{body}");
    let page = qco.get(&cohort).await;
    assert!(page.contains_text("La cohorte est arrêtée"));
    assert!(!page.body.contains(&approve), "nothing left to approve");
    // Stood, it no longer changes.
    let r = post_owned(&mut qco, &cohort, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("La cohorte est déjà arrêtée"));
}

#[tokio::test]
async fn a_selected_candidate_who_withdraws_frees_the_place_for_the_first_of_their_sides_waiting_list()
 {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    both_screen(&app, &edition, &wb, &qc, "").await;
    let cohort = format!("/grv/editions/{edition}/cohort");
    let mut wbo = signed_in(&app, WB).await;
    let proposal = [
        (wb[0], "selected", ""),
        (wb[1], "waiting", "7"),
        (wb[2], "waiting", "3"),
        (qc[0], "selected", ""),
        (qc[1], "selected", ""),
        (qc[2], "waiting", "1"),
    ];
    let fields = cohort_form(&mut wbo, &edition, &proposal).await;
    assert_eq!(
        post_owned(&mut wbo, &cohort, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    // Both approve at the same moment: the cohort stands once, and each letter goes once.
    let mut qco = signed_in(&app, QC).await;
    let approve = format!("{cohort}/approve");
    let (a, b) = tokio::join!(wbo.approve(&approve), qco.approve(&approve));
    assert_eq!(
        (a.status, b.status),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    assert_eq!(state(&app, &edition).await, "cohort_selected");
    assert_eq!(
        app.scalar_text(
            "select count(*) from email_outbox where subject like '%5es Grands%' and subject not like 'Candidature déposée%'"
        )
        .await,
        6
    );

    // The second of WB's waiting list reads their place in it (ranks 3 and 7: positions 1, 2).
    let (first_up, second) = (WB_PEOPLE[2].0, WB_PEOPLE[1].0);
    let mut c = signed_in(&app, second).await;
    let page = c.get(&format!("/candidacies/{}/review", wb[1])).await;
    assert!(page.contains_text("en position 2"), "{}", page.text());

    // The selected candidate gives up her place: the box must be ticked.
    let mut selected = signed_in(&app, WB_PEOPLE[0].0).await;
    let review = format!("/candidacies/{}/review", wb[0]);
    let page = selected.get(&review).await;
    assert!(page.contains_text("Vous êtes retenu ou retenue dans la cohorte"));
    assert!(page.contains_text("Renoncer à ma place"));
    let withdraw = format!("/candidacies/{}/withdraw", wb[0]);
    let r = selected.post(&withdraw, &[("shown", "selected")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("Cochez la case pour confirmer"));
    // Nobody else withdraws it for her.
    let r = wbo
        .post(&withdraw, &[("confirm", "yes"), ("shown", "selected")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = confirm_withdrawal(&mut selected, wb[0]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = selected.get(&review).await;
    assert!(page.contains_text("Vous avez renoncé à votre place"));
    let r = selected
        .post(&withdraw, &[("confirm", "yes"), ("shown", "declined")])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "once");

    // The first of WB's waiting list (rank 3) moves up and is told; QC's list does not move.
    let outcome = |id: i64| {
        let app = &app;
        async move {
            app.scalar_text_value(&format!(
                "select outcome from grv_cohort where candidacy_id = {id}"
            ))
            .await
        }
    };
    assert_eq!(outcome(wb[0]).await, "declined");
    assert_eq!(outcome(wb[2]).await, "selected");
    assert_eq!(outcome(wb[1]).await, "waiting");
    assert_eq!(outcome(qc[2]).await, "waiting");
    let (subject, _) = app.last_email(first_up).await;
    assert!(subject.starts_with("Une place s’est libérée"), "{subject}");
    let mut up = signed_in(&app, first_up).await;
    let page = up.get(&format!("/candidacies/{}/review", wb[2])).await;
    assert!(page.contains_text("Vous êtes retenu ou retenue"));
    let page = c.get(&format!("/candidacies/{}/review", wb[1])).await;
    assert!(page.contains_text("en position 1"), "the list closed up");
    // The officers' page says who withdrew, and still reads her candidacy as filed.
    let page = wbo.get(&cohort).await;
    assert!(page.contains_text("Désistement"));
    assert_eq!(wbo.get(&review).await.status, StatusCode::OK);

    // The second of the list, who moved to first, withdraws from a page showing the waiting
    // list: nobody moves up (nobody was selected in her place), she is declined.
    let r = confirm_withdrawal(&mut c, wb[1]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(outcome(wb[1]).await, "declined");
    assert_eq!(outcome(wb[2]).await, "selected");

    // Once the programme runs, a place freed stays free: QC's waiting candidate stays waiting.
    for who in [WB, QC] {
        let r = signed_in(&app, who)
            .await
            .approve(&format!("/grv/editions/{edition}/advance"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    }
    assert_eq!(state(&app, &edition).await, "programme_running");
    let mut q = signed_in(&app, QC_PEOPLE[0].0).await;
    assert_eq!(
        confirm_withdrawal(&mut q, qc[0]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(outcome(qc[0]).await, "declined");
    assert_eq!(outcome(qc[2]).await, "waiting");
}

/// Withdraws `id` as its author's browser does: the page's hidden fields and the box ticked.
async fn confirm_withdrawal(b: &mut TestApp, id: i64) -> crate::helpers::TestResponse {
    let page = b.get(&format!("/candidacies/{id}/review")).await;
    let action = format!("/candidacies/{id}/withdraw");
    let mut fields = hidden_fields(&page.body, &action);
    assert!(!fields.is_empty(), "a withdrawal form: {}", page.text());
    fields.push(("confirm".into(), "yes".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post_raw(&action, &pairs).await
}

#[tokio::test]
async fn a_withdrawal_during_screening_leaves_the_proposal_and_voids_approvals_of_it() {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    both_screen(&app, &edition, &wb, &qc, "").await;
    let cohort = format!("/grv/editions/{edition}/cohort");
    let mut wbo = signed_in(&app, WB).await;
    let proposal = [
        (wb[0], "selected", ""),
        (wb[1], "selected", ""),
        (wb[2], "not_selected", ""),
        (qc[0], "selected", ""),
        (qc[1], "selected", ""),
        (qc[2], "not_selected", ""),
    ];
    let fields = cohort_form(&mut wbo, &edition, &proposal).await;
    assert_eq!(
        post_owned(&mut wbo, &cohort, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        wbo.approve(&format!("{cohort}/approve")).await.status,
        StatusCode::SEE_OTHER
    );
    // A QC candidate withdraws: the proposal no longer holds her, WB's approval was of a
    // cohort with her and no longer counts, and QC's approval alone stands nothing.
    let mut c = signed_in(&app, QC_PEOPLE[1].0).await;
    let page = c.get(&format!("/candidacies/{}/review", qc[1])).await;
    assert!(page.contains_text("Retirer ma candidature"));
    assert_eq!(
        confirm_withdrawal(&mut c, qc[1]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from grv_cohort where candidacy_id = {}",
            qc[1]
        ))
        .await,
        0
    );
    let mut qco = signed_in(&app, QC).await;
    let page = qco.get(&cohort).await;
    assert!(!page.contains_text("Idée QC deux"), "no longer in the pool");
    assert!(page.contains_text("Wallonie-Bruxelles : pas encore approuvé"));
    let before = app.scalar("select count(*) from email_outbox").await;
    assert_eq!(
        qco.approve(&format!("{cohort}/approve")).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, &edition).await, "screening");
    assert_eq!(
        app.scalar("select count(*) from email_outbox").await,
        before,
        "no letter before the cohort stands"
    );
}

/// A candidate who moved up while their page still showed the waiting list is asked again
/// rather than giving up a place they never saw.
#[tokio::test]
async fn a_withdrawal_is_of_the_place_the_page_showed() {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    both_screen(&app, &edition, &wb, &qc, "").await;
    let cohort = format!("/grv/editions/{edition}/cohort");
    let mut wbo = signed_in(&app, WB).await;
    let proposal = [
        (wb[0], "selected", ""),
        (wb[1], "waiting", "1"),
        (wb[2], "not_selected", ""),
        (qc[0], "selected", ""),
        (qc[1], "not_selected", ""),
        (qc[2], "not_selected", ""),
    ];
    let fields = cohort_form(&mut wbo, &edition, &proposal).await;
    assert_eq!(
        post_owned(&mut wbo, &cohort, &fields).await.status,
        StatusCode::SEE_OTHER
    );
    for who in [WB, QC] {
        let r = signed_in(&app, who)
            .await
            .approve(&format!("{cohort}/approve"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    // The waiting candidate opens her page (waiting list), then the selected one gives up.
    let mut waiting = signed_in(&app, WB_PEOPLE[1].0).await;
    let page = waiting.get(&format!("/candidacies/{}/review", wb[1])).await;
    let action = format!("/candidacies/{}/withdraw", wb[1]);
    let mut left_open = hidden_fields(&page.body, &action);
    left_open.push(("confirm".into(), "yes".into()));
    let mut selected = signed_in(&app, WB_PEOPLE[0].0).await;
    assert_eq!(
        confirm_withdrawal(&mut selected, wb[0]).await.status,
        StatusCode::SEE_OTHER
    );
    let r = post_owned(&mut waiting, &action, &left_open).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("Votre place dans la cohorte a changé"));
    assert!(r.contains_text("Renoncer à ma place"), "now she reads it");
    assert_eq!(
        app.scalar_text_value(&format!(
            "select outcome from grv_cohort where candidacy_id = {}",
            wb[1]
        ))
        .await,
        "selected"
    );
}

/// Issue 14, item 7: the 3rd edition's demo has its candidates screened by both sides and a
/// cohort within each side's four places, some without consent; a Walloon candidate gave up
/// her place before the programme and the first of Wallonia-Brussels' waiting list moved up.
#[tokio::test]
async fn the_demo_third_edition_has_its_cohort_within_quotas_and_a_waiting_list_that_moved_up() {
    let app = TestApp::spawn_demo().await;
    let count = |sql: &'static str| app.scalar(sql);
    assert_eq!(
        count("select count(*) from grv_shortlists s join grv_editions e on e.id = s.edition_id where e.number = 3").await,
        2,
        "both sides sent their shortlist"
    );
    for code in ["WB", "QC"] {
        let selected = app
            .scalar_text(&format!(
                "select count(*) from grv_cohort p join grv_candidacies c on c.id = p.candidacy_id
                 join grv_editions e on e.id = c.edition_id join sides s on s.id = c.side_id
                 where e.number = 3 and s.code = '{code}' and p.outcome = 'selected'"
            ))
            .await;
        assert_eq!(selected, 4, "{code}: four places, four selected");
    }
    assert_eq!(
        app.scalar_text_value(
            "select p.outcome from grv_cohort p join grv_candidacies c on c.id = p.candidacy_id
             join users u on u.id = c.user_id where u.email = 'candidat03.wb@demo.passerelle.test'"
        )
        .await,
        "declined"
    );
    assert_eq!(
        app.scalar_text_value(
            "select p.outcome from grv_cohort p join grv_candidacies c on c.id = p.candidacy_id
             join users u on u.id = c.user_id where u.email = 'candidat04.wb@demo.passerelle.test'"
        )
        .await,
        "selected",
        "moved up"
    );
    assert!(
        count(
            "select count(*) from grv_cohort p join grv_candidacies c on c.id = p.candidacy_id
               where p.outcome = 'selected' and not exists (select 1 from grv_consents k
               where k.candidacy_id = c.id and k.given = 1)"
        )
        .await
            > 0,
        "some of the cohort did not consent to an announcement"
    );
    // Every candidate's screening verdict is their side's recommendation on the submission.
    assert_eq!(
        count("select count(*) from recommendations r join grv_candidacies c on c.id = r.submission_id").await,
        12
    );
}

/// House style ("a page is built by a fixed number of set-based queries, whatever the number of
/// rows"): the screening and joint-meeting pages take as many statements for the demo's 3rd
/// edition (six candidacies a side) as for an edition of three a side. (The registry-wide
/// query-count test sizes the CMP, not the GRV.)
#[tokio::test]
async fn the_screening_and_cohort_pages_take_the_same_statements_whatever_the_candidacies() {
    let app = TestApp::spawn_demo().await;
    let (edition, wb, qc) = screening(&app).await;
    both_screen(&app, &edition, &wb, &qc, "").await;
    let third = app
        .scalar("select id from grv_editions where number = 3")
        .await;
    for (who, page) in [(WB, "screening"), (QC, "cohort")] {
        let mut b = signed_in(&app, who).await;
        let mut counts = Vec::new();
        for id in [third.to_string(), edition.clone()] {
            let url = format!("/grv/editions/{id}/{page}");
            let (r, c) = passerelle::db::counted(b.get(&url)).await;
            assert_eq!(r.status, StatusCode::OK, "{url}");
            counts.push(c.statements);
        }
        assert_eq!(counts[0], counts[1], "{page}: 12 candidacies vs 6");
    }
}
