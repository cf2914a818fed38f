//! Translations (Fluent) and the viewer's locale.
//!
//! French is the reference language; English is complete (a test compares the keys).
//! A locale is a language plus the formatting conventions of a side: `fr-BE`, `fr-CA`, `en`.

mod format;

use std::{borrow::Cow, collections::HashMap};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

pub use format::{
    format_civil_date, format_date, format_datetime, format_iso_date, format_long_date,
    format_money, format_number, format_time, time_in_zone, ymd, zone_city,
};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks would end up inside attributes and e-mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// The language and formatting conventions a page is rendered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// French, Wallonie-Bruxelles conventions: `14/06/2021`, `23:59`, `1 234,00 €`.
    #[default]
    FrBe,
    /// French, Québec conventions: `2021-06-14`, `17 h 59`, `1 234,00 $`.
    FrCa,
    /// English.
    En,
}

/// The two interface languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::FrBe, Locale::FrCa, Locale::En];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::FrBe => "fr-BE",
            Locale::FrCa => "fr-CA",
            Locale::En => "en",
        }
    }

    pub fn parse(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        match tag.as_str() {
            "fr-be" => Some(Locale::FrBe),
            "fr-ca" => Some(Locale::FrCa),
            "fr" => Some(Locale::FrBe),
            t if t == "en" || t.starts_with("en-") => Some(Locale::En),
            t if t.starts_with("fr-") => Some(Locale::FrBe),
            _ => None,
        }
    }

    pub fn lang(self) -> Lang {
        match self {
            Locale::En => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The colon between a label and its value as each language punctuates it: a narrow
    /// no-break space before it in French (never a line break there), none in English.
    pub fn colon(self) -> &'static str {
        match self.lang() {
            Lang::Fr => "\u{202f}:",
            Lang::En => ":",
        }
    }

    /// The semicolon between items of a list, as each language punctuates it.
    pub fn semicolon(self) -> &'static str {
        match self.lang() {
            Lang::Fr => "\u{202f};",
            Lang::En => ";",
        }
    }

    /// The `lang` attribute of a page.
    pub fn html_lang(self) -> &'static str {
        match self.lang() {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The zone used when the viewer has not chosen one.
    pub fn default_time_zone(self) -> &'static str {
        match self {
            Locale::FrCa => "America/Toronto",
            _ => "Europe/Brussels",
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut tags: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        tags.sort_by(|a, b| b.0.total_cmp(&a.0));
        tags.into_iter().find_map(|(_, t)| Locale::parse(t))
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self.lang() {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The message `key` in this locale. A missing key is logged and shown as the key itself,
    /// which the key-coverage test prevents from ever shipping.
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(self.langid(), key).unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            key.to_string()
        })
    }

    /// The message `key`, without logging when it cannot be formatted: for labels that are
    /// replaced at once by the same key formatted with its arguments (form fields labelled
    /// "Side { $n }: …"). The key-coverage test still checks that the key exists.
    pub fn t_quiet(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &map)
            .unwrap_or_else(|| {
                tracing::warn!(key, "missing translation");
                key.to_string()
            })
    }

    /// Shorthand for one string argument.
    pub fn t1(self, key: &str, name: &'static str, value: impl Into<String>) -> String {
        self.t_args(key, &[(name, FluentValue::from(value.into()))])
    }
}

/// A text stored in both languages (`title_fr`/`title_en` columns), read with French fallback.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            fr: fr.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale.lang() {
            Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.fr,
        }
    }
}

/// Lowercase without accents, for searching French text typed without them ("ecole" finds
/// "École").
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'œ' => 'o',
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Every word of `query` appears in `text`, ignoring case and accents.
pub fn matches_query(text: &str, query: &str) -> bool {
    let text = fold(text);
    fold(query).split_whitespace().all(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality_supported_tag() {
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.8,fr-CA;q=0.9"),
            Some(Locale::FrCa)
        );
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("de,nl"), None);
    }

    #[test]
    fn localized_text_falls_back_to_french() {
        let l = Localized::new("Appel", "");
        assert_eq!(l.get(Locale::En), "Appel");
        assert_eq!(Localized::new("Appel", "Call").get(Locale::En), "Call");
    }
}
