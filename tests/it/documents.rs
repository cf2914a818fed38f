//! The typeset documents of the demo, read back by third-party parsers (poppler's `pdftotext`
//! for the words, lopdf for the pages): the June 2019 plenary's minutes hold every joint
//! decision with its amounts, both co-chairs' signatures and page numbers, in each language.

use passerelle::i18n::{Locale, format_money};

use crate::helpers::{TestApp, flat, pdf_pages, pdf_text};

#[tokio::test]
async fn the_demo_minutes_hold_every_joint_decision_whole_both_signatures_and_page_numbers() {
    let app = TestApp::spawn_demo_at(passerelle::demo::Stage::Selected).await;
    // The session with the most joint decisions: the June 2019 plenary.
    let session = app
        .scalar(
            "select session_id from decisions where decided_at is not null
             group by session_id order by count(*) desc, session_id limit 1",
        )
        .await;
    let decided = app
        .scalar_text(&format!(
            "select count(*) from decisions where session_id = {session} and decided_at is not null"
        ))
        .await;
    assert!(decided > 20, "the plenary decided on the demo's projects");
    let mut co_chair = app.browser();
    co_chair
        .login_demo("commission.wb@demo.passerelle.test")
        .await;
    let decided_ids = app
        .ids(&format!(
            "select project_id from decisions where session_id = {session} and decided_at is not null"
        ))
        .await;
    // The demo replays the plenary on its day (18 June 2019 in Brussels): its decisions and
    // signatures are dated then, not when the demo was loaded.
    for column in [
        "select min(decided_at) from decisions where session_id = {session}",
        "select max(decided_at) from decisions where session_id = {session}",
        "select min(signed_at) from minutes_signatures where session_id = {session}",
        "select max(signed_at) from minutes_signatures where session_id = {session}",
    ] {
        let at = app
            .scalar_text(&column.replace("{session}", &session.to_string()))
            .await;
        assert_eq!(
            passerelle::i18n::format_long_date(at, "Europe/Brussels", Locale::FrBe),
            "18 juin 2019",
            "{column}"
        );
    }
    for (lang, locale, signed, day) in [
        ("fr", Locale::FrBe, "Signé par", "18 juin 2019"),
        ("en", Locale::En, "Signed by", "18 June 2019"),
    ] {
        // The data, on both databases: the page shows the same `Minutes` the PDF is set from.
        let page = co_chair
            .get(&format!("/sessions/{session}/minutes?lang={lang}"))
            .await;
        let mut texts = vec![("page", flat(&page.text()))];
        // The typesetting, once per language (see `typesets`).
        let mut pages = 0;
        if crate::helpers::typesets() {
            let pdf = co_chair
                .get_bytes(&format!("/sessions/{session}/minutes.pdf?lang={lang}"))
                .await;
            crate::helpers::keep_document(&format!("demo-minutes-{lang}.pdf"), &pdf);
            pages = pdf_pages(&pdf);
            assert!(
                pages >= 2,
                "{decided} decisions run over more than one page"
            );
            texts.push(("pdf", pdf_text(&pdf)));
        }
        for (what, text) in &texts {
            // Every decided project's title, whole (not hyphenated, not cut), and each amount
            // granted, formatted as its side's currency is written.
            let mut checked = 0;
            for id in &decided_ids {
                let title = app
                    .scalar_text_value(&format!("select title from projects where id = {id}"))
                    .await;
                assert!(
                    text.contains(&flat(&title)),
                    "{lang} {what}: {title:?} whole in {text}"
                );
                for (amount, currency) in app
                    .amounts(&format!(
                        "select a.amount, s.currency from decision_amounts a
                         join decisions d on d.id = a.decision_id join sides s on s.id = a.side_id
                         where d.project_id = {id} and d.session_id = {session}"
                    ))
                    .await
                {
                    let money = flat(&format_money(amount, &currency, locale));
                    assert!(text.contains(&money), "{lang} {what}: {money:?} whole");
                    checked += 1;
                }
            }
            assert!(checked > 0, "amounts were granted");
            assert!(text.contains(day), "{lang} {what}: signed on the day");
            for name in ["Anne Lambert", "François Côté"] {
                // "Signé par …" in the PDF, "… : signé par …" on the page.
                assert!(
                    text.to_lowercase()
                        .contains(&format!("{signed} {name}").to_lowercase()),
                    "{lang} {what}: {name} signed"
                );
            }
        }
        if pages > 0 {
            let (_, text) = &texts[1];
            assert!(text.contains(&format!("Page 1/{pages}")));
            assert!(text.contains(&format!("Page {pages}/{pages}")));
        }
    }
}

/// The title the issue files to prove user text reaches the typesetter only as data.
const HOSTILE: &str = "#read(\"/etc/passwd\") $x$ *y* ]";

#[tokio::test]
async fn a_title_written_in_typst_markup_is_printed_literally_in_the_filed_application() {
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = crate::projects::start(&app, HOSTILE).await;
    let _wb = crate::projects::pair(&app, &mut qc, id).await;
    let r = crate::projects::file(&mut qc, id).await;
    let receipt = r.location().expect("filed: to the receipt").to_string();
    // The receipt says in sentences what was filed, by whom, with whom and what comes next.
    let page = qc.get(&receipt).await;
    let words = flat(&page.text());
    for part in [
        &format!("« {HOSTILE} »"),
        "auprès de son administration",
        "vérifie d’abord que ce volet est recevable",
        "c’est la dernière version déposée qui est examinée",
    ] {
        assert!(
            words.contains(part),
            "{part:?} on the receipt page: {words}"
        );
    }
    let sha = app
        .scalar_text_value(&format!(
            "select content_sha256 from receipts where id = {}",
            receipt.rsplit('/').next().unwrap()
        ))
        .await;
    assert!(words.contains(&sha), "the hash on the page: {words}");
    // The typesetting, once (see `typesets`).
    if !crate::helpers::typesets() {
        return;
    }
    let pdf = qc.get_bytes(&format!("{receipt}/pdf")).await;
    crate::helpers::keep_document("hostile-receipt.pdf", &pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains(HOSTILE), "printed as typed: {text}");
    assert!(!text.contains("root:x:0"), "no file was read");
    assert!(
        text.contains(&sha),
        "the receipt's hash is printed for verification"
    );
}
