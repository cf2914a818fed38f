//! Each document rendered once per language from data shaped as the application sends it, then
//! read back by third-party parsers: lopdf for the structure (pages, PDF/A identification),
//! poppler's `pdftotext` for the words a reader or a search engine gets.

use passerelle_documents::{Kind, render};
use serde_json::{Value, json};

/// The title the issue files to prove user text is data: Typst markup and a file read.
const HOSTILE: &str = "#read(\"/etc/passwd\") $x$ *y* ]";

/// With `PASSERELLE_DOCUMENTS_OUT=dir`, the rendered PDFs are kept there, to look at after
/// editing a template.
fn keep(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("PASSERELLE_DOCUMENTS_OUT") {
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

fn text_of(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("passerelle-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{:x}.pdf",
        pdf.len() ^ pdf.iter().map(|b| *b as usize).sum::<usize>()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Whitespace of any kind (line ends, no-break spaces) as one space: a title wrapped over two
/// lines is still unbroken, a hyphenated or cut word is not.
fn flat(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{202f}' || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .expect("a valid PDF")
        .get_pages()
        .len()
}

fn minutes(lang: &str) -> (Value, Vec<String>, Vec<String>) {
    let fr = lang == "fr";
    let titles: Vec<String> = (1..=28)
        .map(|i| match i {
            1 => HOSTILE.to_string(),
            2 => "Coopération Wallonie-Bruxelles–Québec pour l’économie sociale et solidaire des régions frontalières".into(),
            3 => "Érosion des berges du Saint-Laurent et de la Meuse : méthodes d’observation partagées".into(),
            _ => format!("Projet conjoint numéro {i} sur l’innovation durable, inclusive et solidaire"),
        })
        .collect();
    let amounts: Vec<String> = (1..=28)
        .map(|i| {
            if fr {
                format!("Wallonie-Bruxelles {}\u{202f}500,00\u{a0}€", 10 + i)
            } else {
                format!("Wallonia-Brussels €{},500.00", 10 + i)
            }
        })
        .collect();
    let data = json!({
        "lang": lang,
        "title": if fr { "Procès-verbal de la séance de la XIe Commission mixte permanente (2019–2021)" } else { "Minutes of the session of the 11th Permanent Joint Commission (2019–2021)" },
        "letterheads": [
            {"logo": "WBI", "administration": "Wallonie-Bruxelles International"},
            {"logo": "Québec", "administration": "Ministère des Relations internationales et de la Francophonie"}
        ],
        "status": null,
        "held": ["14 juin 2021 à 15 h (Bruxelles)", "14 juin 2021 à 9 h (Québec)"],
        "co_chairs": ["Anne Lambert, coprésidente", "François Côté, coprésident"],
        "decisions": titles.iter().zip(&amounts).map(|(t, a)| json!({
            "title": t, "outcome": if fr { "Retenu" } else { "Selected" },
            "amounts": [a, if fr { "Québec 2\u{202f}000,00\u{a0}$\u{a0}CA" } else { "Québec CA$2,000.00" }]
        })).collect::<Vec<_>>(),
        "midterm": null,
        "resolutions": ["Prochain appel : ouverture le 1er septembre 2021"],
        "signatures": [
            {"side": "Wallonie-Bruxelles", "name": "Anne Lambert", "date": "15/06/2021", "text": ""},
            {"side": "Québec", "name": "François Côté", "date": "2021-06-16", "text": ""}
        ],
        "labels": {"held": "Séance", "co_chairs": "Coprésidence", "decisions": "Décisions conjointes",
            "none": "Aucune", "midterm": "Mi-étape", "resolutions": "Autres décisions",
            "signatures": "Signatures", "page": "Page", "signed_by": "Signé par", "pending": "En attente"}
    });
    (data, titles, amounts)
}

#[test]
fn minutes_run_over_pages_with_every_title_and_amount_whole_and_both_signatures() {
    for lang in ["fr", "en"] {
        let (data, titles, amounts) = minutes(lang);
        let pdf = render(Kind::Minutes, &data, (2021, 6, 16)).expect("the minutes render");
        keep(&format!("minutes-{lang}.pdf"), &pdf);
        let n = pages(&pdf);
        assert!(n >= 2, "28 decisions need more than one page ({lang}: {n})");
        let text = flat(&text_of(&pdf));
        for t in &titles {
            assert!(
                text.contains(&flat(t)),
                "{lang}: title {t:?} whole in\n{text}"
            );
        }
        for a in &amounts {
            assert!(text.contains(&flat(a)), "{lang}: amount {a:?} whole");
        }
        assert!(text.contains("Anne Lambert") && text.contains("François Côté"));
        assert!(text.contains(&format!("Page 1/{n}")) && text.contains(&format!("Page {n}/{n}")));
        // User text is printed, not evaluated: no file was read into the document.
        assert!(!text.contains("root:"), "no /etc/passwd in the minutes");
    }
}

#[test]
fn documents_are_archival_pdf_a_2b_dated_by_their_act() {
    let (data, _, _) = minutes("fr");
    let pdf = render(Kind::Minutes, &data, (2021, 6, 16)).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A part 2");
    assert!(
        raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "level B"
    );
    assert!(
        raw.contains("2021-06-16"),
        "created on the day of the act, not of printing"
    );
}

#[test]
fn a_decision_letter_has_letterhead_greeting_and_signature() {
    for (lang, greeting, closing) in [
        ("fr", "Madame, Monsieur,", "salutations distinguées"),
        ("en", "Dear Nadia Benali,", "Yours sincerely,"),
    ] {
        let data = json!({
            "lang": lang, "title": "Lettre de décision",
            "letterheads": [{"logo": "WBI", "administration": "Wallonie-Bruxelles International"}],
            "place_date": "Bruxelles, le 14 juin 2021",
            "recipient": ["Nadia Benali", "Université de Liège"],
            "subject": format!("Décision : « {HOSTILE} »"),
            "greeting": greeting,
            "paragraphs": ["La Commission mixte permanente a examiné le projet.", "Montant : 12\u{202f}500,00\u{a0}€."],
            "closing": if lang == "fr" { "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées." } else { closing },
            "signer": "Claire Dubois", "signer_role": "Pour Wallonie-Bruxelles International",
            "labels": {"page": "Page", "subject": "Objet :"}
        });
        let pdf = render(Kind::DecisionLetter, &data, (2021, 6, 14)).expect("the letter renders");
        keep(&format!("letter-{lang}.pdf"), &pdf);
        assert_eq!(pages(&pdf), 1);
        let text = flat(&text_of(&pdf));
        for part in [
            "WBI",
            "Bruxelles, le 14 juin 2021",
            greeting,
            closing,
            "Claire Dubois",
            "12 500,00 €",
            &flat(HOSTILE),
        ] {
            assert!(text.contains(part), "{lang}: {part:?} in\n{text}");
        }
    }
}

#[test]
fn characters_the_fonts_lack_do_not_break_a_document() {
    // An emoji, Chinese and Arabic in a title: Libertinus has none of them; the letter still
    // renders (archival PDF refuses missing glyphs), with the rest of the words intact.
    let data = json!({
        "lang": "fr", "title": "Lettre de décision",
        "letterheads": [{"logo": "WBI", "administration": "Wallonie-Bruxelles International"}],
        "place_date": "Bruxelles, le 14 juin 2021",
        "recipient": ["Nadia Benali 🌊", "Université 北京 جامعة"],
        "subject": "Décision : « Océans 🌊 partagés »",
        "greeting": "Madame, Monsieur,", "paragraphs": ["Texte ✓ coché."],
        "closing": "Salutations.", "signer": "Claire Dubois", "signer_role": "Pour WBI",
        "labels": {"page": "Page", "subject": "Objet :"}
    });
    let pdf = render(Kind::DecisionLetter, &data, (2021, 6, 14)).expect("still renders");
    let text = flat(&text_of(&pdf));
    for part in ["Nadia Benali", "Océans", "partagés", "Claire Dubois"] {
        assert!(text.contains(part), "{part:?} in {text}");
    }
}
