//! Findings of the outside test (issue 10), each in the test named after it.

use axum::http::StatusCode;

use crate::helpers::{TestApp, TestResponse, multipart};

/// Finding 5: an open redirect after login with `next` holding a tab, a backslash or other
/// tricks; a newline gave a 500 after the session was created. The language switch uses the
/// same check.
#[tokio::test]
async fn login_and_language_switch_never_redirect_off_site_nor_fail_on_odd_next() {
    let app = TestApp::spawn_demo().await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "//evil.example",
        "https://evil.example",
        "/%09/evil.example",
    ] {
        let mut b = app.browser();
        let r = b
            .post(
                "/login",
                &[
                    ("email", "charge.wb@demo.passerelle.test"),
                    ("password", passerelle::demo::PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login next={next:?}");
        let to = r.location().unwrap_or_default();
        assert!(
            to == passerelle::http::LANDING || to == "/%09/evil.example",
            "login next={next:?} went to {to:?}"
        );
        let r = b
            .post("/language", &[("locale", "en"), ("next", next)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "language next={next:?}");
        let to = r.location().unwrap_or_default();
        assert!(
            to == "/" || to == "/%09/evil.example",
            "language next={next:?} went to {to:?}"
        );
    }
}

/// Finding 9: an online session's meeting link was shown to any signed-in user (home page,
/// the session's `.ics`), self-registered applicants included. Rule 19 and issue 11: only the
/// session's participants (the demo invites both sides' officers and commission members)
/// get the link and the calendar file; anyone else's `.ics` is 404.
#[tokio::test]
async fn the_meeting_link_and_ics_reach_only_the_sessions_participants() {
    let app = TestApp::spawn_full_demo().await;
    let link = app
        .scalar_text_value(
            "select meeting_url from commission_sessions where mode = 'online' order by id limit 1",
        )
        .await;
    let session = app
        .scalar("select min(id) from commission_sessions where mode = 'online'")
        .await;
    assert!(
        link.starts_with("https://"),
        "the demo has an online session"
    );
    for (account, sees) in [
        ("demandeur.wb@demo.passerelle.test", false),
        ("evaluateur.qc@demo.passerelle.test", false),
        ("coach@demo.passerelle.test", false),
        ("admin@demo.passerelle.test", false),
        ("commission.qc@demo.passerelle.test", true),
        ("charge.wb@demo.passerelle.test", true),
    ] {
        let mut b = app.browser();
        b.login_demo(account).await;
        let home = b.get("/").await;
        assert_eq!(home.body.contains(&link), sees, "{account}: home page");
        let ics = b.get(&format!("/sessions/{session}/ics")).await;
        let expected = if sees {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(ics.status, expected, "{account}: .ics");
        assert_eq!(ics.body.contains(&link), sees, "{account}: .ics");
    }
    let anonymous = app.browser().get("/").await;
    assert!(!anonymous.body.contains(&link));
}

/// Finding 8: two spending entries of 92 233 720 368 547 758,07 showed "-0,02 €" and the CSV
/// wrote `0.-2`. An amount is bounded when typed (refused at the field, input kept), so no sum
/// of a programme's amounts can overflow.
#[tokio::test]
async fn an_amount_too_large_to_add_up_is_refused_at_the_field() {
    let app = TestApp::spawn_full_demo().await;
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let huge = "92233720368547758,07";
    for mission in [
        app.scalar("select min(id) from funded_missions where funded_id = 1")
            .await,
        app.scalar("select max(id) from funded_missions where funded_id = 1")
            .await,
    ] {
        let before = app
            .scalar_text(&format!(
                "select count(*) from mission_spending where mission_id = {mission} and amount > 100000000000"
            ))
            .await;
        let r = officer
            .post(
                "/funded/1/missions/spending",
                &[("mission", &mission.to_string()), ("amount", huge)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("Saisissez un montant"),
            "the reason is at the field"
        );
        let after = app
            .scalar_text(&format!(
                "select count(*) from mission_spending where mission_id = {mission} and amount > 100000000000"
            ))
            .await;
        assert_eq!(before, after, "nothing stored");
    }
    let page = officer.get("/funded/1").await;
    assert!(!page.body.contains("-0,0"));
    let csv = officer.get("/commissions/1/funded.csv").await;
    assert!(!csv.body.contains(".-"), "no negative cents in the CSV");
}

/// Finding 8 (second part): whatever bypasses the forms, the database refuses an amount out of
/// bounds in every amount column (a CHECK on each), on both databases.
#[tokio::test]
async fn every_amount_column_refuses_an_amount_out_of_bounds() {
    let app = TestApp::spawn_full_demo().await;
    let too_big = passerelle::money::MAX_MINOR + 1;
    for sql in [
        format!("update call_sides set cap_per_trip = {too_big}"),
        format!("update call_sides set cap_per_stay = {too_big}"),
        format!("update call_sides set cap_per_year = {too_big}"),
        format!("update decision_amounts set amount = {too_big}"),
        "update decision_amounts set amount = -1".to_string(),
        format!("update mission_spending set amount = {too_big}"),
        format!("update progress_funds set used = {too_big}"),
        format!("update progress_funds set forecast = {too_big}"),
    ] {
        let mut tx = app.db.db.write().await.unwrap();
        let r = passerelle::on_tx_exec!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(c)
            .await);
        assert!(r.is_err(), "{sql} was accepted");
    }
}

fn files_under(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}

/// Finding 6: the file was stored before the permission check (any applicant filled the disk
/// with orphan files through other people's projects), and files over ~2 MB were refused with a
/// wrong message although the limit is 10 MB.
#[tokio::test]
async fn uploads_are_refused_before_anything_is_written_and_accepted_up_to_ten_megabytes() {
    let app = TestApp::spawn_demo().await;
    let storage = app.db.dir().join("files");
    // A draft project on the open call (a filed half takes no new file: it is frozen).
    let (mut lead, project) = crate::projects::start(&app, "Annexes").await;
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    pdf.resize(3 * 1024 * 1024, b' ');
    // Someone else's project: refused, and no file on disk.
    let mut other = app.browser();
    other.login_demo("porteur02.wb@demo.passerelle.test").await;
    let csrf = other.csrf().await;
    let (ct, body) = multipart("x.pdf", &pdf);
    let r = other
        .request_bytes(
            axum::http::Method::POST,
            &format!("/projects/{project}/attachments?csrf={csrf}"),
            body,
            &ct,
        )
        .await;
    assert!(matches!(r.status.as_u16(), 403 | 404), "{}", r.status);
    assert_eq!(files_under(&storage), 0, "a refused upload writes nothing");
    // The lead: a 3 MB file is well under the limit.
    let csrf = lead.csrf().await;
    let (ct, body) = multipart("annexe.pdf", &pdf);
    let r = lead
        .request_bytes(
            axum::http::Method::POST,
            &format!("/projects/{project}/attachments?csrf={csrf}"),
            body,
            &ct,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(files_under(&storage), 1);
}

/// Finding 10 (second part): evaluations, recommendations and assignments stayed writable after
/// the joint session opened. Once it has, each side's work is shown and stays as shown.
#[tokio::test]
async fn a_sides_evaluation_is_frozen_once_the_joint_session_opened() {
    let app = TestApp::spawn_full_demo().await;
    let call = app.scalar("select min(id) from calls").await;
    let half = app
        .scalar("select min(h.id) from project_halves h join sides s on s.id = h.side_id where s.code = 'QC' and h.state = 'submitted'")
        .await;
    let evaluator = app
        .scalar("select id from users where email = 'evaluateur.qc@demo.passerelle.test'")
        .await;
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let before = app.scalar("select count(*) from recommendations").await;
    let r = officer
        .post(
            &format!("/calls/{call}/evaluations/recommend"),
            &[
                ("half", &half.to_string()),
                ("verdict", "not_recommended"),
                ("note", "changed after the session"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("La séance conjointe est ouverte"));
    let r = officer
        .post(
            &format!("/calls/{call}/evaluations/assign"),
            &[
                ("half", &half.to_string()),
                ("evaluator", &evaluator.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.scalar("select count(*) from recommendations").await,
        before
    );
    assert_eq!(
        app.scalar("select count(*) from recommendations where note = 'changed after the session'")
            .await,
        0
    );
}

/// Finding 13 (second part): a password reset left the account's other reset links valid.
#[tokio::test]
async fn a_password_reset_ends_every_other_reset_link_of_the_account() {
    let mut app = TestApp::spawn_demo().await;
    let email = "evaluateur.wb@demo.passerelle.test";
    app.post("/password/forgot", &[("email", email)]).await;
    let first = app.emailed_token(email).await;
    app.post("/password/forgot", &[("email", email)]).await;
    let second = app.emailed_token(email).await;
    assert_ne!(first, second);
    let r = app
        .post(
            "/password/reset",
            &[("token", &second), ("password", "nouvelle phrase secrète")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .post(
            "/password/reset",
            &[("token", &first), ("password", "une autre phrase secrète")],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE, "the older link is dead too");
    let mut b = app.browser();
    let r = b.login(email, "nouvelle phrase secrète").await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "the password set with the newer link stays"
    );
}

/// Finding 2 (first part): 40 wrong passwords sent in parallel all got the normal error, none
/// was throttled (failures were counted before, and recorded after, the password check). Each
/// attempt is now counted first, atomically: exactly the allowance (5) is checked, the rest is
/// answered 429 without looking at the password.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn login_throttling_holds_under_forty_parallel_attempts() {
    let app = TestApp::spawn_demo().await;
    let email = "evaluateur.wb@demo.passerelle.test";
    let mut set = tokio::task::JoinSet::new();
    for i in 0..40u8 {
        let mut b = app.browser();
        b.ip = [10, 7, 0, i];
        b.csrf().await;
        set.spawn(async move { b.login(email, "mauvais mot de passe").await.status });
    }
    let (mut refused, mut throttled) = (0, 0);
    while let Some(status) = set.join_next().await {
        match status.unwrap() {
            StatusCode::UNPROCESSABLE_ENTITY => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => throttled += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((refused, throttled), (5, 35));
}

/// Finding 2 (second part): five wrong passwords locked the real owner out for 15 minutes.
/// A browser the owner signed in from before carries a device cookie and is counted apart;
/// a browser without one is still throttled with the attacker.
#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out_of_a_known_device() {
    let app = TestApp::spawn_demo().await;
    let email = "evaluateur.wb@demo.passerelle.test";
    let mut owner = app.browser();
    owner.login_demo(email).await;
    assert!(owner.cookies.contains_key("pa_device"), "a device cookie");
    owner.post("/logout", &[]).await;
    let mut attacker = app.browser();
    attacker.ip = [203, 0, 113, 9];
    for _ in 0..10 {
        attacker.login(email, "devine").await;
    }
    assert_eq!(
        attacker
            .login(email, passerelle::demo::PASSWORD)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS,
        "the attacker is throttled, even with the right password"
    );
    assert_eq!(
        owner.login(email, passerelle::demo::PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the owner's known device is not"
    );
    let mut new_browser = app.browser();
    assert_eq!(
        new_browser
            .login(email, passerelle::demo::PASSWORD)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS,
        "an unknown browser is counted with the account"
    );
    // A forged device cookie is unknown: no way around the throttle.
    new_browser
        .cookies
        .insert("pa_device".into(), "A".repeat(43));
    assert_eq!(
        new_browser
            .login(email, passerelle::demo::PASSWORD)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Finding 7: 30 sign-ups with an existing address queued 31 emails in under 2 s; same for
/// "resend verification" and password reset, each costing an Argon2 hash. One allowance per
/// address covers every form that sends email; the answer stays the same.
#[tokio::test]
async fn mail_volume_to_one_address_is_capped_whichever_form_asks() {
    let app = TestApp::spawn_demo().await;
    let email = "charge.wb@demo.passerelle.test";
    let before = app
        .scalar_text(&format!(
            "select count(*) from email_outbox where to_address = '{email}'"
        ))
        .await;
    let mut b = app.browser();
    for i in 0..30 {
        let r = b
            .post(
                "/signup",
                &[
                    ("name", "Quelqu’un"),
                    ("email", email),
                    ("password", "un mot de passe long"),
                    ("side", "WB"),
                    ("locale", "fr"),
                ],
            )
            .await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{i}: {}",
            r.status
        );
        b.post("/verify-email/resend", &[("email", email)]).await;
        b.post("/password/forgot", &[("email", email)]).await;
    }
    let after = app
        .scalar_text(&format!(
            "select count(*) from email_outbox where to_address = '{email}'"
        ))
        .await;
    assert!(after - before <= 3, "{} emails queued", after - before);
    // Exhausting an address's allowance does not keep its owner from signing up.
    let fresh = "nouvelle.personne@exemple.org";
    let mut other = app.browser();
    other.ip = [10, 3, 3, 3];
    for _ in 0..4 {
        other.post("/password/forgot", &[("email", fresh)]).await;
    }
    other
        .post(
            "/signup",
            &[
                ("name", "Nouvelle Personne"),
                ("email", fresh),
                ("password", "un mot de passe long"),
                ("side", "WB"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from users where email = '{fresh}'"
        ))
        .await,
        1
    );
    // An hour later the address may be written to again.
    app.advance_clock(60 * 60_000 + 1);
    b.post("/password/forgot", &[("email", email)]).await;
    let later = app
        .scalar_text(&format!(
            "select count(*) from email_outbox where to_address = '{email}'"
        ))
        .await;
    assert_eq!(later, after + 1);
}

/// Finding 12 (first part): behind https the `__Host-` prefix was not required: a plain
/// `pa_session` was accepted and a planted `pa_csrf` used.
#[tokio::test]
async fn behind_https_only_host_prefixed_cookies_count() {
    let app = TestApp::spawn_demo().await;
    let mut https = app.behind_https();
    https.login_demo("charge.wb@demo.passerelle.test").await;
    let session = https
        .cookies
        .get("__Host-pa_session")
        .cloned()
        .expect("the session cookie carries the prefix");
    // The same token under the plain name is not a session.
    let mut plain = app.behind_https();
    plain.cookies.insert("pa_session".into(), session.clone());
    assert_eq!(plain.get("/account").await.status, StatusCode::SEE_OTHER);
    // A planted plain CSRF cookie is not the token forms are checked against.
    let mut planted = app.behind_https();
    let token = "B".repeat(43);
    planted.cookies.insert("pa_csrf".into(), token.clone());
    let r = planted
        .post_raw(
            "/login",
            &[
                ("csrf", token.as_str()),
                ("email", "charge.wb@demo.passerelle.test"),
                ("password", passerelle::demo::PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The prefixed session works.
    let mut real = app.behind_https();
    real.cookies.insert("__Host-pa_session".into(), session);
    assert_eq!(real.get("/account").await.status, StatusCode::OK);
}

/// Finding 12 (second part): logging in while holding a stale session cookie left the user
/// logged out (the stale cookie's deletion came after the new session's cookie).
#[tokio::test]
async fn logging_in_over_a_stale_session_cookie_signs_in() {
    let app = TestApp::spawn_demo().await;
    let mut b = app.browser();
    b.cookies.insert("pa_session".into(), "C".repeat(43));
    let r = b
        .login("charge.wb@demo.passerelle.test", passerelle::demo::PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_ne!(b.cookies.get("pa_session"), Some(&"C".repeat(43)));
    assert_eq!(b.get("/account").await.status, StatusCode::OK);
}

/// Finding 11: an evaluator's comment was dropped when its score was still empty (the autosave
/// answered 204 and kept nothing). The comment is kept, the score stays empty, and submitting
/// still needs every score.
#[tokio::test]
async fn an_evaluators_comment_is_kept_while_its_score_is_empty() {
    let app = TestApp::spawn_demo().await;
    crate::evaluations::setup(&app).await;
    let mut ev = app.browser();
    ev.login_demo("evaluateur.wb@demo.passerelle.test").await;
    let id = app.scalar("select max(id) from assignments").await;
    let c1 = app.scalar("select min(id) from grid_criteria").await;
    let csrf = ev.csrf().await;
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf", csrf.as_str()),
            (&format!("score_{c1}"), ""),
            (&format!("comment_{c1}"), "Équipe solide,\tà revoir"),
        ])
        .finish();
    let r = ev
        .request(
            axum::http::Method::POST,
            &format!("/evaluations/{id}"),
            Some(body),
            &[("x-autosave", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let page = ev.get(&format!("/evaluations/{id}")).await;
    assert!(
        page.body.contains("Équipe solide,\tà revoir"),
        "the comment is kept"
    );
    let r = ev
        .post(&format!("/evaluations/{id}"), &[("intent", "submit")])
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "scores still needed"
    );
}

/// Finding 4: one person with roles on both sides completed a joint act alone. A grant that
/// would make an account act for a second side is refused at the field; an account that holds
/// such grants anyway (set up before the rule, or by hand in the database) acts for no side,
/// so its approval of a draft call counts for neither.
#[tokio::test]
async fn one_account_acts_for_one_side() {
    let app = TestApp::spawn_demo().await;
    let mut admin = app.browser();
    admin.login_demo("admin@demo.passerelle.test").await;
    let wb_officer = app
        .scalar("select id from users where email = 'charge.wb@demo.passerelle.test'")
        .await;
    let grants_before = app.scalar("select count(*) from role_grants").await;
    for role in ["officer", "commission_member", "evaluator", "applicant"] {
        let r = admin
            .post(
                &format!("/admin/users/{wb_officer}/grants"),
                &[("role", role), ("side", "QC")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        assert!(
            r.body.contains("Un compte n’agit que pour un côté"),
            "{role}"
        );
    }
    assert_eq!(
        app.scalar("select count(*) from role_grants").await,
        grants_before
    );
    // A role on the person's own side is still granted.
    let r = admin
        .post(
            &format!("/admin/users/{wb_officer}/grants"),
            &[("role", "commission_member"), ("side", "WB")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // A two-sided account made by hand approves for neither side.
    app.exec_text(&format!(
        "insert into role_grants (user_id, role, side_id, created_at)
         select {wb_officer}, 'officer', id, 0 from sides where code = 'QC'"
    ))
    .await;
    let call = app
        .scalar("select id from calls where state = 'draft'")
        .await;
    let mut both = app.browser();
    both.login_demo("charge.wb@demo.passerelle.test").await;
    let r = both.approve(&format!("/calls/{call}/approve")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from call_approvals where call_id = {call}"
        ))
        .await,
        0
    );
}

/// Finding 4, in parallel: two grants on different sides for one person without a side, sent
/// at once, cannot both succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_grants_on_two_sides_cannot_both_succeed() {
    let app = TestApp::spawn_demo().await;
    let coach = app
        .scalar("select id from users where email = 'coach@demo.passerelle.test'")
        .await;
    let mut set = tokio::task::JoinSet::new();
    for side in ["WB", "QC", "WB", "QC", "WB", "QC"] {
        let mut admin = app.browser();
        admin.login_demo("admin@demo.passerelle.test").await;
        admin.csrf().await;
        set.spawn(async move {
            admin
                .post(
                    &format!("/admin/users/{coach}/grants"),
                    &[("role", "officer"), ("side", side)],
                )
                .await
                .status
        });
    }
    while set.join_next().await.is_some() {}
    assert_eq!(
        app.scalar_text(&format!(
            "select count(distinct side_id) from role_grants where user_id = {coach}"
        ))
        .await,
        1
    );
}

/// Finding 10 (first part): one side opened the commission session alone, revealing the other
/// side's ranking. Opening is now every side's act: one side's request leaves the session
/// scheduled and both rankings hidden; it opens with the other side's.
#[tokio::test]
async fn one_side_cannot_open_the_commission_session_alone() {
    let app = TestApp::spawn_demo().await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary' and state = 'scheduled'")
        .await;
    let mut wb = app.browser();
    wb.login_demo("commission.wb@demo.passerelle.test").await;
    assert_eq!(
        wb.approve(&format!("/sessions/{session}/open"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // Asking twice is still one side.
    wb.approve(&format!("/sessions/{session}/open")).await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from commission_sessions where id = {session} and state = 'scheduled'"
        ))
        .await,
        1
    );
    let page = wb.get(&format!("/sessions/{session}")).await;
    assert!(
        page.contains_text("Ouverture demandée par"),
        "{}",
        page.body
    );
    assert!(page.contains_text("Québec : classement visible à l’ouverture de la séance"));
    assert!(
        !page.body.contains("Ouvrir la séance"),
        "WB has asked already"
    );
    let mut qc = app.browser();
    qc.login_demo("commission.qc@demo.passerelle.test").await;
    let page = qc.get(&format!("/sessions/{session}")).await;
    assert!(
        page.contains_text("Wallonie-Bruxelles : classement visible à l’ouverture de la séance")
    );
    assert!(page.body.contains("Ouvrir la séance"));
    qc.approve(&format!("/sessions/{session}/open")).await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from commission_sessions where id = {session} and state = 'open'"
        ))
        .await,
        1
    );
    let page = qc.get(&format!("/sessions/{session}")).await;
    assert!(!page.contains_text("classement visible à l’ouverture de la séance"));
}

/// What an approving form of `page` posts to `action`, as the page shows it now.
async fn form_as_shown(b: &mut TestApp, page: &str, action: &str) -> Vec<(String, String)> {
    let body = b.get(page).await.body;
    let fields = crate::helpers::hidden_fields(&body, action);
    assert!(
        fields.iter().any(|(k, _)| k == "seen"),
        "{action} carries what {page} shows"
    );
    fields
}

async fn post_fields(b: &mut TestApp, action: &str, fields: &[(String, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post_raw(action, &pairs).await
}

const CHANGED: &str = "Ceci a changé depuis que vous avez ouvert la page";

/// Finding 3 (decisions): a decision re-proposed with other amounts kept its id, and the other
/// side's approval posted from the old page recorded it with the new amounts. The approval
/// now carries what the page showed: a stale one is refused with the message and nothing is
/// recorded; reviewed again, it is approved.
#[tokio::test]
async fn approving_a_proposal_changed_since_the_page_was_opened_is_refused() {
    let app = TestApp::spawn_demo().await;
    let session = app
        .scalar("select id from commission_sessions where kind = 'plenary'")
        .await;
    let project = app.scalar("select min(id) from projects").await.to_string();
    let (mut wb, mut qc) =
        crate::decisions::open_and_propose_selection(&app, session, &project).await;
    let decision = app.scalar("select max(id) from decisions").await;
    let action = format!("/sessions/{session}/decisions/{decision}/approve");
    let stale = form_as_shown(&mut qc, &format!("/sessions/{session}"), &action).await;
    // WB proposes other amounts for the same project (same decision id).
    let r = wb
        .post(
            &format!("/sessions/{session}/decisions"),
            &[
                ("project", project.as_str()),
                ("outcome", "selected"),
                ("amount_WB", "9000"),
                ("amount_QC", "9999"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.scalar("select max(id) from decisions").await, decision);
    let r = post_fields(&mut qc, &action, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text(CHANGED), "{}", r.body);
    assert!(
        r.contains_text("9 000,00"),
        "the page shows the new amounts"
    );
    let qc_side = app.scalar("select id from sides where code = 'QC'").await;
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from decision_approvals where decision_id = {decision} and side_id = {qc_side}"
        ))
        .await,
        0,
        "nothing recorded"
    );
    assert_eq!(
        app.scalar("select count(*) from decisions where decided_at is not null")
            .await,
        0
    );
    // Reviewed again: approved, with the amounts QC saw.
    assert_eq!(qc.approve(&action).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from decisions d join decision_amounts a on a.decision_id = d.id
             where d.id = {decision} and d.decided_at is not null and a.amount = 900000"
        ))
        .await,
        1
    );
}

/// Finding 3 (calls): a draft call changed by one side, then approved by the other from a
/// stale page. Each of the call's tables is changed in turn (the call, each side's terms,
/// its themes, its kinds of organisation): every time, the approval from the page opened
/// before is refused and nothing is recorded, and an approval given before the change no
/// longer counts.
#[tokio::test]
async fn approving_a_call_changed_since_the_page_was_opened_is_refused_whatever_changed() {
    let app = TestApp::spawn_demo().await;
    let call = app
        .scalar("select id from calls where state = 'draft'")
        .await;
    let page = format!("/calls/{call}");
    let action = format!("/calls/{call}/approve");
    let mut wb = app.browser();
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    let changes = [
        format!("update calls set title_fr = title_fr || ' (révisé)' where id = {call}"),
        format!("update calls set guidelines_en = guidelines_en || ' Revised.' where id = {call}"),
        format!(
            "update call_sides set deadline_at = deadline_at + 86400000 where call_id = {call}"
        ),
        format!("update call_sides set cap_per_year = cap_per_year + 100 where call_id = {call}"),
        format!(
            "delete from call_themes where call_id = {call}
             and theme_id = (select min(theme_id) from call_themes where call_id = {call})"
        ),
        format!("insert into call_organisation_kinds (call_id, kind) values ({call}, 'cultural')"),
    ];
    for change in &changes {
        // WB approves what it sees; QC has the page open.
        assert_eq!(wb.approve(&action).await.status, StatusCode::SEE_OTHER);
        let stale = form_as_shown(&mut qc, &page, &action).await;
        app.exec_text(change).await;
        let r = post_fields(&mut qc, &action, &stale).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{change}");
        assert!(r.contains_text(CHANGED), "{change}");
        assert_eq!(
            app.scalar_text(&format!(
                "select count(*) from call_approvals a join sides s on s.id = a.side_id
                 where a.call_id = {call} and s.code = 'QC'"
            ))
            .await,
            0,
            "{change}: nothing recorded"
        );
        // WB's approval was of the content before the change: QC alone does not publish.
        assert_eq!(qc.approve(&action).await.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.scalar_text_value(&format!("select state from calls where id = {call}"))
                .await,
            "draft",
            "{change}: an approval of earlier content does not count"
        );
        app.exec_text(&format!(
            "delete from call_approvals where call_id = {call}"
        ))
        .await;
    }
    wb.approve(&action).await;
    qc.approve(&action).await;
    assert_eq!(
        app.scalar_text_value(&format!("select state from calls where id = {call}"))
            .await,
        "published"
    );
}

/// Finding 3 (follow-up and resolutions): an extension whose reason changed, a final report
/// re-filed and a resolution whose themes changed are not approved from a page that showed
/// them before.
#[tokio::test]
async fn approving_an_extension_report_or_resolution_changed_since_is_refused() {
    let app = TestApp::spawn_demo_at(passerelle::demo::Stage::Selected).await;
    let mut wb = app.browser();
    wb.login_demo("charge.wb@demo.passerelle.test").await;
    let mut qc = app.browser();
    qc.login_demo("charge.qc@demo.passerelle.test").await;
    // An extension proposed by WB.
    let r = wb
        .post(
            "/funded/3/extensions",
            &[("new_end", "2022-12-31"), ("reason", "Congé parental")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let ext = app.scalar("select max(id) from extensions").await;
    let action = format!("/funded/3/extensions/{ext}/approve");
    let stale = form_as_shown(&mut qc, "/funded/3", &action).await;
    app.exec_text(&format!(
        "update extensions set new_ends_on = '2023-06-30' where id = {ext}"
    ))
    .await;
    let r = post_fields(&mut qc, &action, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text(CHANGED));
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from extensions where id = {ext} and decided_at is not null"
        ))
        .await,
        0
    );
    // A final report filed by a lead, seen by QC, then re-filed.
    app.exec(
        "insert into final_reports (funded_id, report, submitted_by, submitted_at)
              select 1, 'Objectifs atteints.', lead_user_id, 0 from project_halves
              where project_id = (select project_id from funded_projects where id = 1) limit 1",
    )
    .await;
    let action = "/funded/1/final-report/approve";
    let stale = form_as_shown(&mut qc, "/funded/1", action).await;
    app.exec(
        "update final_reports set report = 'Objectifs atteints, sauf un.' where funded_id = 1",
    )
    .await;
    let r = post_fields(&mut qc, action, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text(CHANGED));
    assert_eq!(
        app.scalar("select count(*) from final_report_approvals")
            .await,
        0
    );
    // A next call's themes proposed at the mid-term session, then changed.
    let midterm = app
        .scalar("select id from commission_sessions where kind = 'midterm'")
        .await;
    app.open_session(midterm).await;
    let xii = app
        .scalar("select id from commissions where number = 12")
        .await;
    let mut mwb = app.browser();
    mwb.login_demo("commission.wb@demo.passerelle.test").await;
    let r = mwb
        .post(
            &format!("/sessions/{midterm}/next-call"),
            &[
                ("commission", xii.to_string().as_str()),
                ("opens_on", "2021-09-15"),
                ("themes", "Océans | Oceans"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rid = app.scalar("select max(id) from resolutions").await;
    let mut mqc = app.browser();
    mqc.login_demo("commission.qc@demo.passerelle.test").await;
    let action = format!("/sessions/{midterm}/resolutions/{rid}/approve");
    let stale = form_as_shown(&mut mqc, &format!("/sessions/{midterm}"), &action).await;
    app.exec_text(&format!(
        "update resolution_themes set name_fr = 'Forêts', name_en = 'Forests' where resolution_id = {rid}"
    ))
    .await;
    let r = post_fields(&mut mqc, &action, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text(CHANGED));
    assert!(
        r.contains_text("Forêts"),
        "the page shows the themes as they are"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from resolutions where id = {rid} and decided_at is not null"
        ))
        .await,
        0
    );
}

/// The QC project `id`'s filed receipts (versions).
async fn receipt_versions(app: &TestApp, id: i64) -> i64 {
    app.scalar_text(&format!(
        "select count(*) from receipts r join project_halves h on h.id = r.submission_id
         where h.project_id = {id}"
    ))
    .await
}

/// Moves the app's clock past the latest deadline of project `id`'s call.
async fn past_the_deadline(app: &TestApp, id: i64) {
    let deadline = app
        .scalar_text(&format!(
            "select max(cs.deadline_at) from call_sides cs join projects p on p.call_id = cs.call_id
             where p.id = {id}"
        ))
        .await;
    let now = app.db.db.now_ms();
    app.advance_clock(deadline - now + 60_000);
}

/// Finding 1: filed halves stayed editable after filing, after the deadline, even once funded
/// (title, objectives, missions, attachments, withdrawal — repeatable), so receipts no longer
/// matched. A filed half is frozen: every change is refused (409, with why), the lead reopens
/// it before the deadline to file version 2 — others read version 1 until then — and after the
/// deadline nothing changes. Withdrawal is once and confirmed.
#[tokio::test]
async fn a_filed_half_is_frozen_and_a_new_version_needs_reopening_before_the_deadline() {
    use crate::projects::{file, pair, post, start};
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Érosion des berges").await;
    pair(&app, &mut qc, id).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    let direction = app
        .scalar_text_value(
            "select cast(q.id as text) || '-' || cast(w.id as text) from sides q, sides w
             where q.code = 'QC' and w.code = 'WB'",
        )
        .await;
    // Every way of changing it is refused, and says why.
    for (path, fields) in [
        (
            format!("/projects/{id}/edit"),
            vec![("title", "Autre titre")],
        ),
        (
            format!("/projects/{id}/half"),
            vec![("organisation", "1"), ("lead_role", "Autre")],
        ),
        (
            format!("/projects/{id}/missions/new"),
            vec![
                ("direction", direction.as_str()),
                ("travellers", "2"),
                ("starts_on", "2027-05-01"),
                ("days", "10"),
                ("purpose", "Terrain"),
            ],
        ),
    ] {
        let r = post(&mut qc, &path, &fields).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
        assert!(r.contains_text("Ce volet est déposé"), "{path}: {}", r.body);
    }
    assert_eq!(
        app.scalar_text_value(&format!("select title from projects where id = {id}"))
            .await,
        "Érosion des berges"
    );
    let page = qc.get(&format!("/projects/{id}")).await;
    assert!(
        page.contains_text("rouvrez-le"),
        "the page says how to change it"
    );
    assert!(
        !page.body.contains(&format!("/projects/{id}/edit\"")),
        "no edit link"
    );
    assert!(!page.body.contains("/missions/new"), "no mission form");
    // Reopened, changed: the QC officer still reads version 1 until version 2 is filed.
    assert_eq!(
        post(&mut qc, &format!("/projects/{id}/reopen"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[
            ("title", "Érosion des berges, version 2"),
            ("summary", "Deux laboratoires."),
            ("duration", "18"),
            ("renewal", "no"),
            ("objectives", "Partager les méthodes."),
            (
                "themes",
                &app.scalar("select min(theme_id) from call_themes where call_id = (select max(id) from calls)")
                    .await
                    .to_string(),
            ),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let seen = officer.get(&format!("/projects/{id}")).await;
    assert!(
        seen.contains_text("<h1>Érosion des berges</h1>"),
        "{}",
        seen.body
    );
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    assert_eq!(receipt_versions(&app, id).await, 2);
    let seen = officer.get(&format!("/projects/{id}")).await;
    assert!(seen.contains_text("<h1>Érosion des berges, version 2</h1>"));
    // After the deadline: no reopening, no change (signed in again: years went by).
    past_the_deadline(&app, id).await;
    qc.login_demo(crate::projects::QC).await;
    let r = post(&mut qc, &format!("/projects/{id}/reopen"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let page = qc.get(&format!("/projects/{id}")).await;
    assert!(!page.body.contains(&format!("/projects/{id}/reopen\"")));
    // Withdrawal: once.
    let r = post(
        &mut qc,
        &format!("/projects/{id}/withdraw"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post(
        &mut qc,
        &format!("/projects/{id}/withdraw"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.scalar("select count(*) from audit_log where action = 'project.withdraw_half'")
            .await,
        1
    );
    assert_eq!(receipt_versions(&app, id).await, 2);
}

/// Finding 1 (the deadline): a half reopened and not filed again by its deadline is dropped —
/// the filed version stands, restored from its receipt.
#[tokio::test]
async fn a_draft_still_open_at_the_deadline_is_dropped_and_the_filed_version_stands() {
    use crate::projects::{file, pair, post, start};
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Version déposée").await;
    pair(&app, &mut qc, id).await;
    // A file filed with version 1…
    let csrf = qc.csrf().await;
    let (ct, body) = multipart("annexe-deposee.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let r = qc
        .request_bytes(
            axum::http::Method::POST,
            &format!("/projects/{id}/attachments?csrf={csrf}"),
            body,
            &ct,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let attachment = app.scalar("select max(id) from attachments").await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    post(&mut qc, &format!("/projects/{id}/reopen"), &[]).await;
    let r = post(
        &mut qc,
        &format!("/projects/{id}/edit"),
        &[("title", "Brouillon jamais déposé"), ("objectives", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // …removed from the reopened draft: gone for the lead, still filed for the officer.
    let r = post(&mut qc, &format!("/attachments/{attachment}/delete"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !qc.get(&format!("/projects/{id}"))
            .await
            .body
            .contains("annexe-deposee.pdf")
    );
    let mut officer = app.browser();
    officer.login_demo("charge.qc@demo.passerelle.test").await;
    let seen = officer.get(&format!("/projects/{id}")).await;
    assert!(
        seen.body.contains("annexe-deposee.pdf"),
        "the filed file stays filed"
    );
    assert!(seen.contains_text("<h1>Version déposée</h1>"));
    assert_eq!(
        officer
            .get(&format!("/attachments/{attachment}"))
            .await
            .status,
        StatusCode::OK
    );
    past_the_deadline(&app, id).await;
    assert_eq!(
        passerelle::projects::filed::drop_open_drafts(&app.db.db, "http://localhost")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.scalar_text_value(&format!(
            "select title || ' / ' || objectives from projects where id = {id}"
        ))
        .await,
        "Version déposée / Partager les méthodes."
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from attachments where id = {attachment} and removed_at is null"
        ))
        .await,
        1,
        "the filed file is back in the half"
    );
    let (subject, _) = app.last_email("demandeur.wb@demo.passerelle.test").await;
    assert!(
        subject.contains("la version déposée reste celle qui compte"),
        "{subject}"
    );
    assert_eq!(
        app.scalar_text(&format!(
            "select count(*) from project_halves where project_id = {id} and state = 'submitted'"
        ))
        .await,
        1
    );
    // Idempotent: a second instance's loop finds nothing to do.
    assert_eq!(
        passerelle::projects::filed::drop_open_drafts(&app.db.db, "http://localhost")
            .await
            .unwrap(),
        0
    );
}

/// Finding 1 (shared content): a change of the shared content after one side filed tells both
/// leads that the filed half must be filed again; the two receipts then differ, and the session
/// takes the project only once they agree again.
#[tokio::test]
async fn a_shared_change_after_one_side_filed_asks_for_filing_again() {
    use crate::projects::{file, pair, post, start};
    let app = TestApp::spawn_demo().await;
    let (mut qc, id) = start(&app, "Projet commun").await;
    let mut wb = pair(&app, &mut qc, id).await;
    assert_eq!(file(&mut qc, id).await.status, StatusCode::SEE_OTHER);
    let r = post(
        &mut wb,
        &format!("/projects/{id}/edit"),
        &[
            ("title", "Projet commun, revu par WB"),
            ("objectives", "Autres objectifs."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for lead in [
        "demandeur.qc@demo.passerelle.test",
        "demandeur.wb@demo.passerelle.test",
    ] {
        let (subject, _) = app.last_email(lead).await;
        assert!(subject.contains("à déposer à nouveau"), "{lead}: {subject}");
    }
    // A second change does not write again.
    let before = app.scalar("select count(*) from email_outbox").await;
    post(
        &mut wb,
        &format!("/projects/{id}/edit"),
        &[("title", "Encore")],
    )
    .await;
    assert_eq!(
        app.scalar("select count(*) from email_outbox").await,
        before
    );
}

/// Finding 13: deleting the last rows of the audit log still verified "intact" (the head was
/// anchored nowhere). A checkpoint signed with a key kept outside the database, in a file the
/// database cannot rewrite, anchors it: cutting the end or rewriting the tail is reported.
#[tokio::test]
async fn audit_verify_detects_a_cut_or_rewritten_tail_against_signed_checkpoints() {
    use crate::cli::passerelle;
    let app = TestApp::spawn_demo().await;
    let dir = app.db.dir();
    let (key, file) = (dir.join("audit.key"), dir.join("checkpoints.jsonl"));
    let (key, file) = (key.to_str().unwrap(), file.to_str().unwrap());
    let out = passerelle(
        &app.db.url,
        &["audit", "checkpoint", "--key", key, "--to", file],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    let public = printed
        .rsplit("public key ")
        .next()
        .unwrap()
        .trim()
        .to_string();
    let verify = |args: &[&str]| {
        let mut all = vec!["audit", "verify"];
        all.extend_from_slice(args);
        passerelle(&app.db.url, &all)
    };
    let out = verify(&["--checkpoints", file, "--key", key]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("anchored by 1 checkpoints"));
    // Whoever checks needs only the public key (they cannot sign).
    let out = verify(&["--checkpoints", file, "--public-key", &public]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Cut the last two rows: the chain alone still looks intact…
    app.exec("delete from audit_log where id > (select max(id) - 2 from audit_log)")
        .await;
    let out = verify(&[]);
    assert_eq!(out.status.code(), Some(0), "the chain alone cannot tell");
    // …the checkpoint tells.
    let out = verify(&["--checkpoints", file, "--key", key]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("audit log truncated"));

    // Rows re-added through the application (so re-chained) to the same count: rewritten.
    let mut b = app.browser();
    b.login_demo("charge.wb@demo.passerelle.test").await;
    b.post("/logout", &[]).await;
    let out = verify(&["--checkpoints", file, "--key", key]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("audit log rewritten"));

    // A forged checkpoint line (not signed by the key) is refused.
    let mut text = std::fs::read_to_string(file).unwrap();
    text = text.replace("\"rows\":", "\"rows\":1");
    std::fs::write(file, text).unwrap();
    let out = verify(&["--checkpoints", file, "--key", key]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not signed by this key"));
}

/// Finding 3 with two sides at once: both officers approve a draft call at the same moment; on
/// PostgreSQL each transaction used not to see the other's approval, and the call stayed a
/// draft with nobody left to approve it. The acts on one object are serialized.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_sides_approving_at_once_publish_the_call() {
    for _ in 0..3 {
        let app = TestApp::spawn_demo().await;
        let call = app
            .scalar("select id from calls where state = 'draft'")
            .await;
        let action = format!("/calls/{call}/approve");
        let mut set = tokio::task::JoinSet::new();
        for email in [
            "charge.wb@demo.passerelle.test",
            "charge.qc@demo.passerelle.test",
        ] {
            let mut b = app.browser();
            b.login_demo(email).await;
            let fields = crate::helpers::hidden_fields(
                &b.get(&format!("/calls/{call}")).await.body,
                &action,
            );
            let action = action.clone();
            set.spawn(async move {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                b.post_raw(&action, &pairs).await.status
            });
        }
        while let Some(status) = set.join_next().await {
            assert_eq!(status.unwrap(), StatusCode::SEE_OTHER);
        }
        assert_eq!(
            app.scalar_text_value(&format!("select state from calls where id = {call}"))
                .await,
            "published"
        );
    }
}
