//! The programme of a Grands Rendez-vous cohort (issue 14, item 4): "sessions (workshop,
//! coaching, pitch day, demo day) with times shown in both zones, an online meeting link visible
//! to the cohort and coaches only, `.ics` per session and a subscribable calendar feed per
//! participant (secret, revocable URL); coaches assigned to participants; attendance recorded;
//! the coach's notes and milestones, visible to the participant; a participant page" — and its
//! acceptance: "`.ics` and the calendar feed parse with a third-party iCalendar parser, times
//! right across DST in both zones; the feed URL of another participant or a revoked one gives
//! 404". On the demo's 3rd edition, whose programme is under way.

use axum::http::StatusCode;

use crate::grv_candidates::signed_in;
use crate::helpers::{TestApp, hidden_fields, post_owned};

const WB: &str = "charge.wb@demo.passerelle.test";
/// The coaches of Wallonia-Brussels' and of Québec's participants.
const COACH: &str = "coach@demo.passerelle.test";
const COACH_QC: &str = "coach.qc@demo.passerelle.test";
/// Selected, in the cohort (Québec's and Wallonia-Brussels' first).
const PART_QC: &str = "demandeur.qc@demo.passerelle.test";
const PART_WB: &str = "demandeur.wb@demo.passerelle.test";
/// Not in the cohort: not selected, on the waiting list, gave up her place.
const OUTSIDERS: [&str; 3] = [
    "candidat05.wb@demo.passerelle.test",
    "candidat04.qc@demo.passerelle.test",
    "candidat03.wb@demo.passerelle.test",
];
const MEETING: &str = "https://meet.example.org/grv3-programme";

async fn edition(app: &TestApp) -> i64 {
    app.scalar("select id from grv_editions where number = 3")
        .await
}

async fn candidacy_of(app: &TestApp, email: &str) -> i64 {
    app.scalar_text(&format!(
        "select c.id from grv_candidacies c join users u on u.id = c.user_id
         join grv_editions e on e.id = c.edition_id where e.number = 3 and u.email = '{email}'"
    ))
    .await
}

/// A session of the edition by its title's start (the demo's, or one added by a test).
async fn session_titled(app: &TestApp, title: &str) -> i64 {
    app.scalar_text(&format!(
        "select id from grv_sessions where title_fr like '{title}%'"
    ))
    .await
}

/// Whether `text` gives `day` at `hour` sharp in `zone`, as fr-BE ("à 15:00") or fr-CA ("à
/// 15 h") writes it.
fn shows(text: &str, day: &str, hour: u8, zone: &str) -> bool {
    [
        format!("{day} à {hour:02}:00 ({zone})"),
        format!("{day} à {hour} h ({zone})"),
    ]
    .iter()
    .any(|t| text.contains(t.as_str()))
}

/// One VEVENT's properties, by the session's UID.
fn event<'a>(cal: &'a icalendar::parser::Calendar<'a>, session: i64) -> Vec<(String, String)> {
    let uid = format!("grv-session-{session}@passerelle");
    let e = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .find(|c| {
            c.properties
                .iter()
                .any(|p| p.name == "UID" && p.val.to_string() == uid)
        })
        .unwrap_or_else(|| panic!("no event {uid}"));
    e.properties
        .iter()
        .map(|p| (p.name.to_string(), p.val.to_string()))
        .collect()
}

fn prop(e: &[(String, String)], name: &str) -> Option<String> {
    e.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

#[tokio::test]
async fn the_meeting_link_and_calendar_files_are_for_the_cohort_its_coach_and_the_officers_only() {
    let app = TestApp::spawn_demo().await;
    let id = edition(&app).await;
    let programme = format!("/grv/editions/{id}/programme");
    let pitch = session_titled(&app, "Journée de pitch").await;
    let ics = format!("/grv/sessions/{pitch}/ics");
    for who in [
        PART_QC,
        PART_WB,
        COACH,
        WB,
        "charge.qc@demo.passerelle.test",
    ] {
        let mut b = signed_in(&app, who).await;
        let r = b.get(&programme).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert!(r.body.contains(MEETING), "{who} reads the meeting link");
        // Both sides' zones: 15:00 in Brussels is 09:00 in Québec on 4 February 2021 (each
        // reader's own way of writing it).
        assert!(
            shows(&r.text(), "4 février 2021", 15, "heure de Bruxelles"),
            "{who}"
        );
        assert!(
            shows(&r.text(), "4 février 2021", 9, "heure du Québec"),
            "{who}"
        );
        let r = b.get(&ics).await;
        assert_eq!(r.status, StatusCode::OK, "{who}");
        assert!(r.body.contains("BEGIN:VCALENDAR"));
    }
    // The administrator reads the programme, without the link; never its calendar files.
    let mut admin = signed_in(&app, "admin@demo.passerelle.test").await;
    let r = admin.get(&programme).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(MEETING));
    assert_eq!(admin.get(&ics).await.status, StatusCode::NOT_FOUND);
    // Candidates outside the cohort, commission members and evaluators: nothing exists.
    for who in OUTSIDERS.into_iter().chain([
        "commission.wb@demo.passerelle.test",
        "evaluateur.qc@demo.passerelle.test",
    ]) {
        let mut b = signed_in(&app, who).await;
        for path in [&programme, &ics, &format!("/grv/sessions/{pitch}")] {
            let r = b.get(path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} {path}");
            assert!(!r.body.contains(MEETING));
        }
    }
    // An empty attendance form from any of them changes nothing, the audit log included.
    let recorded = "select count(*) from audit_log where action like 'grv.%'";
    let audit = app.scalar(recorded).await;
    for who in OUTSIDERS
        .into_iter()
        .chain(["commission.wb@demo.passerelle.test"])
    {
        let r = signed_in(&app, who)
            .await
            .post(&format!("/grv/sessions/{pitch}"), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
    }
    assert_eq!(app.scalar(recorded).await, audit);
    // Nor before signing in.
    let r = app.browser().get(&ics).await;
    assert!(r.location().unwrap().starts_with("/login"));
}

/// The session form's fields, as the officer types them.
fn session_fields<'a>(title: &'a str, at: &'a str, zone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "workshop"),
        ("title_fr", title),
        ("title_en", title),
        ("starts_at", at),
        ("zone", zone),
        ("minutes", "90"),
        ("meeting_url", "https://meet.example.org/dst"),
    ]
}

#[tokio::test]
async fn session_files_and_the_feed_parse_and_keep_their_time_across_daylight_saving_in_both_zones()
{
    let app = TestApp::spawn_demo().await;
    let id = edition(&app).await;
    let new = format!("/grv/editions/{id}/sessions/new");
    let qc_zone = app
        .scalar_text_value("select time_zone from sides where code = 'QC'")
        .await;
    let mut wb = signed_in(&app, WB).await;
    // Brussels moves to summer time on 28 March 2021, Québec on 14 March: the same local hour
    // is another UTC hour on each side of the change, and the weeks between are five hours
    // apart instead of six.
    let typed = [
        (
            "DST Bruxelles avant",
            "2021-03-27T10:00",
            "Europe/Brussels",
            "20210327T090000Z",
        ),
        (
            "DST Bruxelles après",
            "2021-03-29T10:00",
            "Europe/Brussels",
            "20210329T080000Z",
        ),
        (
            "DST Québec avant",
            "2021-03-13T10:00",
            qc_zone.as_str(),
            "20210313T150000Z",
        ),
        (
            "DST Québec après",
            "2021-03-15T10:00",
            qc_zone.as_str(),
            "20210315T140000Z",
        ),
    ];
    for (title, at, zone, _) in typed {
        let r = wb.post(&new, &session_fields(title, at, zone)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{title}: {}", r.text());
    }
    // A mistyped year is refused at its field (every calendar must hold the session).
    let r = wb
        .post(
            &new,
            &session_fields("Année 9999", "9999-12-30T16:00", "Europe/Brussels"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.contains_text("un an avant le début de l’édition"));
    // A time the change skips is refused at its field, with everything typed kept.
    let r = wb
        .post(
            &new,
            &session_fields("Heure inexistante", "2021-03-28T02:30", "Europe/Brussels"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"Heure inexistante\""));
    assert!(r.body.contains("value=\"2021-03-28T02:30\""));
    assert!(r.body.contains("id=\"f-starts_at-error\""), "{}", r.text());

    // Each session's file, as the participant downloads it.
    let mut p = signed_in(&app, PART_QC).await;
    let mut sessions = Vec::new();
    for (title, _, _, utc) in typed {
        let s = session_titled(&app, title).await;
        let r = p.get(&format!("/grv/sessions/{s}/ics")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.header("content-type"),
            Some("text/calendar; charset=utf-8")
        );
        let unfolded = icalendar::parser::unfold(&r.body);
        let cal = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
        let e = event(&cal, s);
        assert_eq!(prop(&e, "DTSTART").as_deref(), Some(utc), "{title}");
        assert!(prop(&e, "SUMMARY").unwrap().contains(title));
        assert_eq!(
            prop(&e, "URL").as_deref(),
            Some("https://meet.example.org/dst")
        );
        sessions.push((s, utc));
    }
    // The Brussels session after the change: 10:00 there, 04:00 in Québec (six hours apart
    // again after 28 March).
    let after = session_titled(&app, "DST Bruxelles après").await;
    let page = p.get(&format!("/grv/sessions/{after}")).await;
    assert!(shows(
        &page.text(),
        "29 mars 2021",
        10,
        "heure de Bruxelles"
    ));
    assert!(shows(&page.text(), "29 mars 2021", 4, "heure du Québec"));

    // The feed: every session of the programme, the cancelled one marked so.
    let participant = candidacy_of(&app, PART_QC).await;
    let r = p
        .post(
            &format!("/grv/participants/{participant}/feed"),
            &[("action", "renew")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let url = feed_url(&r.body);
    let r = app.browser().get(&url).await;
    assert_eq!(r.status, StatusCode::OK, "{url}");
    let unfolded = icalendar::parser::unfold(&r.body);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let events = cal.components.iter().filter(|c| c.name == "VEVENT").count() as i64;
    assert_eq!(
        events,
        app.scalar("select count(*) from grv_sessions").await
    );
    for (s, utc) in sessions {
        assert_eq!(prop(&event(&cal, s), "DTSTART").as_deref(), Some(utc));
    }
    let cancelled = session_titled(&app, "Atelier : financer").await;
    let e = event(&cal, cancelled);
    assert_eq!(prop(&e, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(prop(&e, "SEQUENCE").as_deref(), Some("1"));
    // Secret: no shared cache keeps it.
    assert_eq!(r.header("cache-control"), Some("private, no-store"));
}

/// The feed's address on the page that issues it.
fn feed_url(html: &str) -> String {
    let start = html.find("/grv/calendar/").expect("a feed address");
    let token: String = html[start + "/grv/calendar/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_eq!(token.len(), 43, "256 random bits");
    format!("/grv/calendar/{token}")
}

#[tokio::test]
async fn a_feed_answers_at_its_own_secret_address_only_until_renewed_revoked_or_its_place_given_up()
{
    let app = TestApp::spawn_demo().await;
    let (qc, wb) = (
        candidacy_of(&app, PART_QC).await,
        candidacy_of(&app, PART_WB).await,
    );
    let mut pq = signed_in(&app, PART_QC).await;
    let mut pw = signed_in(&app, PART_WB).await;
    let feed = |c: i64| format!("/grv/participants/{c}/feed");
    let issue = |r: crate::helpers::TestResponse| {
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        feed_url(&r.body)
    };
    let first = issue(pq.post(&feed(qc), &[("action", "renew")]).await);
    let theirs = issue(pw.post(&feed(wb), &[("action", "renew")]).await);
    assert_ne!(first, theirs);
    let public = || app.browser();
    assert_eq!(public().get(&first).await.status, StatusCode::OK);
    // An address nobody was given, or one a letter off.
    let mut guessed = first.clone();
    guessed.pop();
    guessed.push(if first.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(public().get(&guessed).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        public().get("/grv/calendar/x").await.status,
        StatusCode::NOT_FOUND
    );
    // Nobody issues, renews or revokes another's feed.
    let r = pw.post(&feed(qc), &[("action", "renew")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = pw.post(&feed(qc), &[("action", "revoke")]).await;
    assert!(r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND);
    let mut coach = signed_in(&app, COACH).await;
    let r = coach.post(&feed(qc), &[("action", "renew")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(public().get(&first).await.status, StatusCode::OK);
    // Renewed: the old address answers 404, the new one the feed.
    let second = issue(pq.post(&feed(qc), &[("action", "renew")]).await);
    assert_eq!(public().get(&first).await.status, StatusCode::NOT_FOUND);
    assert_eq!(public().get(&second).await.status, StatusCode::OK);
    // Revoked: 404, and the page says so.
    let r = pq.post(&feed(qc), &[("action", "revoke")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(public().get(&second).await.status, StatusCode::NOT_FOUND);
    let page = pq.get(r.location().unwrap()).await;
    assert!(page.contains_text("Abonnement désactivé"));
    // The other participant's feed is untouched until they give up their place.
    assert_eq!(public().get(&theirs).await.status, StatusCode::OK);
    let review = pw.get(&format!("/candidacies/{wb}/review")).await;
    let mut fields = hidden_fields(&review.body, &format!("/candidacies/{wb}/withdraw"));
    fields.push(("confirm".into(), "yes".into()));
    let r = post_owned(&mut pw, &format!("/candidacies/{wb}/withdraw"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(public().get(&theirs).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        pw.get(&format!("/grv/participants/{wb}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The attendance form of a session as the page shows it to `b`, with `choices` made.
async fn attendance_fields(
    b: &mut TestApp,
    session: i64,
    choices: &[(i64, &str)],
) -> Vec<(String, String)> {
    let action = format!("/grv/sessions/{session}");
    let page = b.get(&action).await;
    assert_eq!(page.status, StatusCode::OK);
    let mut fields: Vec<(String, String)> = hidden_fields(&page.body, &action)
        .into_iter()
        .filter(|(k, _)| k == "csrf" || choices.iter().any(|(c, _)| *k == format!("shown-{c}")))
        .collect();
    for (c, status) in choices {
        fields.push((format!("attendance-{c}"), status.to_string()));
    }
    fields
}

#[tokio::test]
async fn the_coach_records_attendance_and_writes_notes_the_participant_reads_and_no_one_else() {
    let app = TestApp::spawn_demo().await;
    // Two Québec participants, both coached by Québec's coach.
    let (me, other) = (
        candidacy_of(&app, PART_QC).await,
        candidacy_of(&app, "candidat01.qc@demo.passerelle.test").await,
    );
    let workshop = session_titled(&app, "Atelier : valider").await;
    let mut coach = signed_in(&app, COACH_QC).await;
    // Attendance: the coach marks the participant absent at the workshop.
    let fields = attendance_fields(&mut coach, workshop, &[(me, "absent")]).await;
    let r = post_owned(&mut coach, &format!("/grv/sessions/{workshop}"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    // A page left open: the same form again, showing "present", is refused at the row, and
    // what is recorded stands.
    let r = post_owned(
        &mut coach,
        &format!("/grv/sessions/{workshop}"),
        &fields
            .iter()
            .map(|(k, v)| {
                if k.starts_with("attendance-") {
                    (k.clone(), "excused".to_string())
                } else {
                    (k.clone(), v.clone())
                }
            })
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("Quelqu’un d’autre a noté cette présence entre-temps"));
    assert!(r.body.contains("value=\"excused\" checked"), "typed kept");
    // A note and a milestone: written by the coach, read by the participant.
    let canary = "Canari-note-4b1e";
    let notes = format!("/grv/participants/{me}/notes");
    let r = coach
        .post(&notes, &[("kind", "note"), ("body", canary)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = coach
        .post(
            &notes,
            &[
                ("kind", "milestone"),
                ("body", "Maquette testée"),
                ("due_on", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Maquette testée"), "typed kept");
    let mut p = signed_in(&app, PART_QC).await;
    let page = p.get(&format!("/grv/participants/{me}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.contains_text(canary));
    assert!(page.contains_text("Absent ou absente"));
    // The participant reads, does not write; nobody else reads.
    let r = p.post(&notes, &[("kind", "note"), ("body", "moi")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut o = signed_in(&app, PART_WB).await;
    let r = o.get(&format!("/grv/participants/{me}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains(canary));
    for who in OUTSIDERS.into_iter().chain(["admin@demo.passerelle.test"]) {
        let r = signed_in(&app, who)
            .await
            .get(&format!("/grv/participants/{me}"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{who}");
    }
    // The officer takes the coach off: a stale choice is refused, then the coach no longer
    // reads nor writes about the participant.
    let coach_id = app
        .scalar_text(&format!(
            "select coach_id from grv_coaching where candidacy_id = {me}"
        ))
        .await;
    let mut wb = signed_in(&app, WB).await;
    let assign = format!("/grv/participants/{me}/coach");
    let r = wb.post(&assign, &[("coach", ""), ("shown", "")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.contains_text("Le coach de cette personne a changé"));
    let r = wb
        .post(&assign, &[("coach", ""), ("shown", &coach_id.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(
        coach.get(&format!("/grv/participants/{me}")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = coach.post(&notes, &[("kind", "note"), ("body", "x")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let session = coach.get(&format!("/grv/sessions/{workshop}")).await;
    assert!(!session.body.contains(&format!("attendance-{me}")));
    assert!(session.body.contains(&format!("attendance-{other}")));
    // Attendance waits for a session to start.
    let new = format!("/grv/editions/{}/sessions/new", edition(&app).await);
    let r = wb
        .post(
            &new,
            &session_fields("Plus tard", "2021-06-29T10:00", "Europe/Brussels"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let later = session_titled(&app, "Plus tard").await;
    // (The demo's edition stands in 2021: the session is moved to next year by hand.)
    app.exec_text(&format!(
        "update grv_sessions set starts_at = {} where id = {later}",
        jiff::Timestamp::now().as_millisecond() + 365 * 86_400_000
    ))
    .await;
    let r = wb
        .post(
            &format!("/grv/sessions/{later}"),
            &[(&format!("attendance-{other}") as &str, "present")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_demo_programme_is_under_way_with_its_coaches_and_each_participant_lands_on_it() {
    let app = TestApp::spawn_demo().await;
    let id = edition(&app).await;
    // Seven sessions, one cancelled; every participant coached; attendance at the five held.
    assert_eq!(app.scalar("select count(*) from grv_sessions").await, 7);
    assert_eq!(
        app.scalar("select count(*) from grv_sessions where cancelled_at is not null")
            .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from grv_coaching").await,
        app.scalar("select count(*) from grv_cohort where outcome = 'selected'")
            .await
    );
    assert_eq!(
        app.scalar("select count(distinct session_id) from grv_attendance")
            .await,
        5
    );
    // The participant's workspace leads to their page; the coach's lists the people coached.
    let mut p = signed_in(&app, PART_QC).await;
    let me = p.get("/me").await;
    let mine = candidacy_of(&app, PART_QC).await;
    assert!(me.body.contains(&format!("/grv/participants/{mine}")));
    // Each side's participants have their coach; each coach's workspace lists exactly theirs.
    for (coach, side) in [(COACH, "WB"), (COACH_QC, "QC")] {
        let mut b = signed_in(&app, coach).await;
        let me = b.get("/me").await;
        assert!(me.body.contains(&format!("/grv/editions/{id}/programme")));
        let theirs = app
            .scalar_text(&format!(
                "select count(*) from grv_coaching g join users u on u.id = g.coach_id
                 join grv_candidacies c on c.id = g.candidacy_id join sides s on s.id = c.side_id
                 where u.email = '{coach}' and s.code = '{side}'"
            ))
            .await;
        assert!(theirs >= 4, "{coach} coaches {side}'s participants");
        assert_eq!(me.body.matches("/grv/participants/").count() as i64, theirs);
    }
}

#[tokio::test]
async fn a_participant_starts_a_cmp_project_from_the_idea_prefilled() {
    // Item 6: "a participant starts a CMP application from the idea, prefilled".
    let app = TestApp::spawn_demo().await;
    let call = crate::projects::open_call(&app).await;
    let me = candidacy_of(&app, PART_QC).await;
    let idea = |column: &str| format!("select {column} from grv_candidacies where id = {me}");
    let title = app.scalar_text_value(&idea("idea_title")).await;
    let summary = app.scalar_text_value(&idea("idea_summary")).await;
    let motivation = app.scalar_text_value(&idea("motivation")).await;
    let mut p = signed_in(&app, PART_QC).await;
    let page = p.get(&format!("/grv/participants/{me}")).await;
    let start = page
        .body
        .split("href=\"")
        .find(|h| h.starts_with(&format!("/calls/{call}/apply?")))
        .and_then(|h| h.split('"').next())
        .expect("a link to start a project in the open call")
        // As a browser reads the attribute.
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#x3D;", "=");
    let form = p.get(&start).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains(&format!("value=\"{title}\"")),
        "the idea's name as title"
    );
    let organisation = app
        .scalar("select min(o.id) from organisations o join sides s on s.id = o.side_id where s.code = 'QC'")
        .await
        .to_string();
    let mut fields: Vec<(String, String)> =
        hidden_fields(&form.body, &format!("/calls/{call}/apply"));
    fields.push(("title".into(), title.clone()));
    fields.push(("organisation".into(), organisation));
    let r = post_owned(&mut p, &format!("/calls/{call}/apply"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let project: i64 = r
        .location()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = |column: &str| format!("select {column} from projects where id = {project}");
    assert_eq!(app.scalar_text_value(&stored("title")).await, title);
    assert_eq!(app.scalar_text_value(&stored("summary")).await, summary);
    assert_eq!(app.scalar_text_value(&stored("context")).await, motivation);
    // Only the participant's own page offers it.
    let officer_view = signed_in(&app, WB)
        .await
        .get(&format!("/grv/participants/{me}"))
        .await;
    assert!(!officer_view.body.contains(&format!("/calls/{call}/apply")));
}
