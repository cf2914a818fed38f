//! The public announcement of a Grands Rendez-vous cohort (issue 14, item 5; DOMAIN.md rule
//! 12: "GRV participants are published only once selected and consenting; withdrawal
//! unpublishes"): "the cohort page shows exactly the selected participants who consented (name,
//! project, side, photo if given, with its credit line ...); withdrawing consent removes them at
//! once from the page and from any cached copy, and their photo's URL answers 404; uploaded
//! photos lose their EXIF/GPS data; Open Graph and Twitter card tags ...; share links without
//! tracking scripts." On the demo's 3rd edition, whose cohort stands.

use axum::http::{Method, StatusCode};

use crate::grv_candidates::signed_in;
use crate::helpers::{TestApp, hidden_fields, post_owned};

/// A selected participant who consents (the demo files her with consent).
const ANNOUNCED: &str = "demandeur.qc@demo.passerelle.test";

async fn edition(app: &TestApp) -> i64 {
    app.scalar("select id from grv_editions where number = 3")
        .await
}

/// The 3rd edition's candidates' names: (announced by the rule, not announced).
async fn by_rule(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let ids = app
        .ids(
            "select c.id from grv_candidacies c join grv_editions e on e.id = c.edition_id
             where e.number = 3 order by c.id",
        )
        .await;
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for id in ids {
        let name = app
            .scalar_text_value(&format!(
                "select u.name from grv_candidacies c join users u on u.id = c.user_id
                 where c.id = {id}"
            ))
            .await;
        // Selected, still in (filed, not withdrawn), and the latest consent given.
        let selected = app
            .scalar_text(&format!(
                "select count(*) from grv_cohort p join grv_candidacies c on c.id = p.candidacy_id
                 where p.candidacy_id = {id} and p.outcome = 'selected' and c.state = 'submitted'"
            ))
            .await
            == 1;
        let consents = app
            .scalar_text(&format!(
                "select coalesce((select given from grv_consents where candidacy_id = {id}
                 order by id desc limit 1), 0)"
            ))
            .await
            == 1;
        if selected && consents {
            yes.push(name);
        } else {
            no.push(name);
        }
    }
    (yes, no)
}

#[tokio::test]
async fn the_public_cohort_page_shows_exactly_the_selected_participants_who_consent() {
    let app = TestApp::spawn_demo().await;
    let id = edition(&app).await;
    let page = format!("/grands-rendez-vous/{id}/cohort");
    let r = app.browser().get(&page).await;
    assert_eq!(r.status, StatusCode::OK);
    let (yes, no) = by_rule(&app).await;
    assert!(yes.len() >= 2 && no.len() >= 4, "the demo has both kinds");
    for name in &yes {
        assert!(r.contains_text(name), "{name} is announced");
    }
    for name in &no {
        assert!(!r.body.contains(name.as_str()), "{name} is not announced");
    }
    // It shares well: Open Graph and Twitter card tags, its canonical address; share links are
    // plain links, and the page loads no script from elsewhere.
    for tag in [
        "property=\"og:title\"",
        "property=\"og:description\"",
        "property=\"og:url\"",
        "name=\"twitter:card\"",
        "rel=\"canonical\"",
    ] {
        assert!(r.body.contains(tag), "{tag}");
    }
    assert!(
        r.body
            .contains(&format!("content=\"http://127.0.0.1:8080{page}\""))
    );
    assert!(
        r.body
            .contains("https://www.linkedin.com/sharing/share-offsite/?url=")
    );
    assert!(!r.body.contains("<script src=\"http"));
    assert!(!r.body.contains("<iframe"));
    // The public call page leads there; an edition whose cohort does not stand has no such
    // page.
    assert!(
        app.browser()
            .get(&format!("/grands-rendez-vous/{id}"))
            .await
            .body
            .contains(&page)
    );
    let drafted = app
        .scalar("select max(id) from grv_editions where state = 'draft'")
        .await;
    let r = app
        .browser()
        .get(&format!("/grands-rendez-vous/{drafted}/cohort"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// A JPEG of `w`×`h` carrying an EXIF block with a GPS position (latitude 50° N), as a phone
/// writes one.
fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&img)
        .unwrap();
    // TIFF, little-endian: IFD0 with one entry (the GPS IFD's offset), then the GPS IFD with
    // GPSLatitudeRef = "N".
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x8825u16.to_le_bytes()); // GPSInfo
    tiff.extend_from_slice(&4u16.to_le_bytes()); // LONG
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes()); // GPS IFD at 26
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes()); // GPSLatitudeRef
    tiff.extend_from_slice(&2u16.to_le_bytes()); // ASCII
    tiff.extend_from_slice(&2u32.to_le_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn has_gps(jpeg: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(jpeg))
        .is_ok_and(|e| e.fields().any(|f| f.tag == exif::Tag::GPSLatitudeRef))
}

/// The photo form's body: the file and its credit line.
fn photo_form(bytes: &[u8], credit: &str) -> (String, Vec<u8>) {
    let boundary = "passerellephotoboundary9XK";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"credit\"\r\n\r\n{credit}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"moi.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn send_photo(
    b: &mut TestApp,
    candidacy: i64,
    bytes: &[u8],
    credit: &str,
) -> crate::helpers::TestResponse {
    let csrf = b.csrf().await;
    let (content_type, body) = photo_form(bytes, credit);
    b.request_bytes(
        Method::POST,
        &format!("/candidacies/{candidacy}/photo?csrf={csrf}"),
        body,
        &content_type,
    )
    .await
}

/// The photo's address on the public page.
fn photo_src(html: &str) -> Option<String> {
    let start = html.find("/grands-rendez-vous/photos/")?;
    Some(html[start..].chars().take_while(|c| *c != '"').collect())
}

#[tokio::test]
async fn a_photo_loses_its_gps_position_and_answers_only_while_its_participant_consents() {
    let app = TestApp::spawn_demo().await;
    let id = edition(&app).await;
    let page = format!("/grands-rendez-vous/{id}/cohort");
    let candidacy = app
        .scalar_text(&format!(
            "select c.id from grv_candidacies c join users u on u.id = c.user_id
             where c.edition_id = {id} and u.email = '{ANNOUNCED}'"
        ))
        .await;
    let name = app
        .scalar_text_value(&format!(
            "select name from users where email = '{ANNOUNCED}'"
        ))
        .await;
    let sent = jpeg_with_gps(2000, 1500);
    assert!(has_gps(&sent), "the test photo carries a GPS position");
    let mut p = signed_in(&app, ANNOUNCED).await;
    // Refused at its field, the credit typed kept: no credit line; not a photo.
    let r = send_photo(&mut p, candidacy, &sent, " ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"f-credit-error\""));
    let r = send_photo(&mut p, candidacy, b"%PDF-1.7 not a photo", "© Antoine Hin").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"f-photo-error\""));
    assert!(r.body.contains("value=\"© Antoine Hin\""));
    // Nobody else gives her photo.
    let mut other = signed_in(&app, "demandeur.wb@demo.passerelle.test").await;
    let r = send_photo(&mut other, candidacy, &sent, "© X").await;
    assert!(matches!(
        r.status,
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ));
    assert_eq!(app.scalar("select count(*) from grv_photos").await, 0);

    let r = send_photo(&mut p, candidacy, &sent, "© Antoine Hin").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let public = app.browser().get(&page).await;
    assert!(public.contains_text("© Antoine Hin"));
    let src = photo_src(&public.body).expect("the photo on the page");
    let served = app.browser().get_bytes(&src).await;
    assert!(served.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(!has_gps(&served), "no GPS position survives");
    assert!(
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(&served))
            .is_err(),
        "no EXIF at all"
    );
    let decoded = image::load_from_memory(&served).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1200, 900));
    // Every cache asks again before using its copy.
    let r = app.browser().get(&src).await;
    assert_eq!(r.header("cache-control"), Some("public, no-cache"));
    let etag = r.header("etag").unwrap().to_string();
    let r = app
        .browser()
        .request(Method::GET, &src, None, &[("if-none-match", &etag)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);

    // She withdraws her consent: off the page at once, the photo's address 404 (a cache
    // revalidating its copy included), the photo deleted.
    let review = p.get(&format!("/candidacies/{candidacy}/review")).await;
    let mut fields = hidden_fields(&review.body, &format!("/candidacies/{candidacy}/consent"));
    assert!(fields.iter().any(|(k, v)| k == "given" && v == "no"));
    fields.retain(|(k, _)| k == "csrf" || k == "given");
    let r = post_owned(
        &mut p,
        &format!("/candidacies/{candidacy}/consent"),
        &fields,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let public = app.browser().get(&page).await;
    assert!(!public.body.contains(name.as_str()));
    assert!(photo_src(&public.body).is_none());
    assert_eq!(app.browser().get(&src).await.status, StatusCode::NOT_FOUND);
    let r = app
        .browser()
        .request(Method::GET, &src, None, &[("if-none-match", &etag)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.scalar("select count(*) from grv_photos").await, 0);
    // Without consent, no photo is taken.
    let r = send_photo(&mut p, candidacy, &sent, "© Antoine Hin").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}
