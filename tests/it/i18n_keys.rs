//! French is the reference; English must define exactly the same keys, and every key the code
//! uses must exist.

use std::{collections::BTreeMap, fs, path::Path};

use passerelle::{i18n::Locale, users::Role};

/// key → message of every `.ftl` file of one language (first line of multi-line messages).
pub fn messages(lang: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let starts_key = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
            if let (true, Some((k, v))) = (starts_key, line.split_once(" = ")) {
                let dup = out.insert(k.trim().to_string(), v.trim().to_string());
                assert!(dup.is_none(), "{lang}: {k} defined twice");
            }
        }
    }
    out
}

#[test]
fn french_and_english_define_the_same_keys() {
    let fr: Vec<_> = messages("fr").into_keys().collect();
    let en: Vec<_> = messages("en").into_keys().collect();
    let only_fr: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
    let only_en: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
    assert_eq!((only_fr, only_en), (vec![], vec![]));
    assert!(fr.len() > 150);
}

/// String literals in the code and templates that look like message keys.
fn literals() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    let mut stack = vec![root.join("src"), root.join("templates")];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p)
            } else {
                files.push(p)
            }
        }
    }
    let prefixes = [
        "layout-",
        "common-",
        "form-",
        "home-",
        "commission-",
        "error-",
        "users-",
        "email-",
        "programme-",
        "organisation-",
        "calls-",
        "projects-",
        "organisations-",
        "evaluations-",
        "decisions-",
        "followup-",
    ];
    let mut out = vec![];
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for lit in text.split('"').skip(1).step_by(2) {
            let shaped = lit
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if shaped && prefixes.iter().any(|p| lit.starts_with(p)) {
                out.push((f.display().to_string(), lit.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_key_used_by_the_code_exists() {
    let fr = messages("fr");
    let has = |k: &str| fr.contains_key(k);
    let mut missing = vec![];
    for (file, lit) in literals() {
        // Message pages use a prefix: `<prefix>-title` and `<prefix>-message`.
        // Emails use `<prefix>-subject` and `<prefix>-body`.
        let ok = has(&lit)
            || (has(&format!("{lit}-title")) && has(&format!("{lit}-message")))
            || (has(&format!("{lit}-subject")) && has(&format!("{lit}-body")));
        if !ok {
            missing.push(format!("{file}: {lit}"));
        }
    }
    // Keys the code builds at run time.
    for code in [400, 401, 403, 404, 405, 409, 413, 422, 429, 500] {
        for part in ["title", "message"] {
            if !has(&format!("error-{code}-{part}")) {
                missing.push(format!("error-{code}-{part}"));
            }
        }
    }
    for role in Role::ALL {
        if !has(&role.label_key()) {
            missing.push(role.label_key());
        }
    }
    for l in Locale::ALL {
        if !has(&format!("locale-{}", l.tag())) {
            missing.push(format!("locale-{}", l.tag()));
        }
    }
    for purpose in ["verify-email", "reset-password", "invitation"] {
        for part in ["title", "message"] {
            let k = format!("users-token-expired-{purpose}-{part}");
            if !has(&k) {
                missing.push(k);
            }
        }
    }
    // Keys built from the follow-up and evaluation enums and states.
    use passerelle::{evaluations::model as ev, followup::model as fu};
    let mut built: Vec<String> = fu::ObjectiveStatus::ALL.iter().map(|s| s.key()).collect();
    built.extend(fu::MissionStatus::ALL.iter().map(|s| s.key()));
    built.extend(ev::Verdict::ALL.iter().map(|v| v.key()));
    for m in [ev::Method::Score, ev::Method::Rank] {
        built.push(format!("evaluations-method-{}", m.as_str()));
    }
    for r in [ev::Reminder::DueSoon, ev::Reminder::Overdue] {
        for part in ["subject", "body"] {
            built.push(format!(
                "evaluations-reminder-{}-{part}",
                r.as_str().replace('_', "-")
            ));
        }
    }
    for st in [
        "active",
        "midterm-reviewed",
        "rescheduled",
        "terminated",
        "final-report-due",
        "completed",
        "closed",
    ] {
        built.push(format!("followup-state-{st}"));
    }
    for k in built {
        if !has(&k) {
            missing.push(k);
        }
    }
    for k in passerelle::organisations::OrganisationKind::ALL {
        let key = passerelle::calls::pages::kind_key(k);
        if !has(&key) {
            missing.push(key);
        }
    }
    for k in [
        "submissions-state-draft",
        "submissions-state-submitted",
        "submissions-state-withdrawn",
        "projects-email-admissible-subject",
        "projects-email-admissible-body",
        "projects-email-inadmissible-subject",
        "projects-email-inadmissible-body",
    ] {
        if !has(k) {
            missing.push(k.to_string());
        }
    }
    for p in ["draft", "published", "open", "closed", "archived"] {
        if !has(&format!("calls-phase-{p}")) {
            missing.push(format!("calls-phase-{p}"));
        }
    }
    for kind in ["verify", "reset", "invitation", "already-registered"] {
        for part in ["subject", "intro", "action", "outro"] {
            let k = format!("email-{kind}-{part}");
            if !has(&k) {
                missing.push(k);
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn messages_render_with_their_arguments_in_both_languages() {
    assert_eq!(
        Locale::FrCa.t_args("users-admin-count", &[("count", 1.into())]),
        "1 compte"
    );
    assert_eq!(
        Locale::FrCa.t_args("users-admin-count", &[("count", 0.into())]),
        "0 compte"
    );
    assert_eq!(
        Locale::En.t_args("users-admin-count", &[("count", 3.into())]),
        "3 accounts"
    );
    assert_eq!(
        Locale::FrBe.t1("email-greeting", "name", "Léa"),
        "Bonjour Léa,"
    );
}

/// Rule (issue 13, words): French is typeset with a narrow no-break space before `:` `;` `!`
/// `?` and inside « » (so no line ever starts with a colon); English has no space before them.
#[test]
fn french_and_english_punctuation_are_each_their_own() {
    for lang in ["fr", "en"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let value = line.split_once(" = ").map_or(line, |(_, v)| v);
                for p in [':', ';', '!', '?'] {
                    assert!(
                        !value.contains(&format!(" {p}")),
                        "{}:{}: a plain space before {p:?}: {line}",
                        path.display(),
                        n + 1
                    );
                    if lang == "en" {
                        assert!(
                            !value.contains(&format!("\u{202f}{p}"))
                                && !value.contains(&format!("\u{a0}{p}")),
                            "{}:{}: French spacing in English: {line}",
                            path.display(),
                            n + 1
                        );
                    }
                }
                assert!(
                    !value.contains("« ") && !value.contains(" »"),
                    "{}:{}: a plain space inside « »: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}
