//! The one shape every email has: a greeting, what happened (one or more paragraphs), the one
//! link to act on as a button and as a plain address, what follows, a signature, and — for
//! notifications one may turn off — why this arrives and where to stop it. Rendered in the
//! recipient's language as plain text and HTML (both escaped by the templates).

use askama::Template;

use super::model::Message;
use crate::i18n::Locale;

#[derive(Template)]
#[template(path = "emails/message.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    action: &'a str,
    link: &'a str,
    after: &'a [String],
    signature: &'a str,
    footer: Option<&'a Footer>,
}

#[derive(Template)]
#[template(path = "emails/message.txt")]
struct Text<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    action: &'a str,
    link: &'a str,
    after: &'a [String],
    signature: &'a str,
    footer: Option<&'a Footer>,
}

/// Why an optional notification arrives, and the page where it can be turned off.
struct Footer {
    why: String,
    manage: String,
    link: String,
}

/// An email being written; [`Letter::message`] renders it.
pub struct Letter {
    to: String,
    locale: Locale,
    subject: String,
    name: Option<String>,
    paragraphs: Vec<String>,
    link: String,
    action: Option<String>,
    after: Vec<String>,
    footer: Option<Footer>,
}

impl Letter {
    /// A message to `to` in `locale`: `body` says what happened (blank lines separate its
    /// paragraphs) and `link` is where to act.
    pub fn new(to: &str, locale: Locale, subject: String, body: &str, link: &str) -> Letter {
        Letter {
            to: to.to_string(),
            locale,
            subject,
            name: None,
            paragraphs: paragraphs(body),
            link: link.to_string(),
            action: None,
            after: Vec::new(),
            footer: None,
        }
    }

    /// Greets the recipient by name (otherwise "Bonjour," alone).
    pub fn greet(mut self, name: &str) -> Letter {
        let name = name.trim();
        if !name.is_empty() {
            self.name = Some(name.to_string());
        }
        self
    }

    /// The button's words (otherwise "Ouvrir dans Passerelle").
    pub fn action(mut self, label: String) -> Letter {
        self.action = Some(label);
        self
    }

    /// A paragraph after the link (how long it is valid, what to do if unexpected).
    pub fn then(mut self, text: String) -> Letter {
        self.after.extend(paragraphs(&text));
        self
    }

    /// Marks a notification the recipient chose to receive: the footer says why it arrives
    /// (`why_key`) and links to the notification settings under `base`.
    pub fn optional(mut self, why_key: &str, base: &str) -> Letter {
        self.footer = Some(Footer {
            why: self.locale.t(why_key),
            manage: self.locale.t("email-manage-notifications"),
            link: format!("{base}{SETTINGS_PATH}"),
        });
        self
    }

    pub fn message(self) -> Message {
        let l = self.locale;
        let greeting = match &self.name {
            Some(n) => l.t1("email-greeting", "name", n.clone()),
            None => l.t("email-greeting-anonymous"),
        };
        let action = self
            .action
            .clone()
            .unwrap_or_else(|| l.t("email-open-action"));
        let signature = l.t("email-signature");
        let html = Html {
            lang: l.html_lang(),
            subject: &self.subject,
            greeting: &greeting,
            paragraphs: &self.paragraphs,
            action: &action,
            link: &self.link,
            after: &self.after,
            signature: &signature,
            footer: self.footer.as_ref(),
        }
        .render()
        .unwrap_or_default();
        let text = Text {
            greeting: &greeting,
            paragraphs: &self.paragraphs,
            action: &action,
            link: &self.link,
            after: &self.after,
            signature: &signature,
            footer: self.footer.as_ref(),
        }
        .render()
        .unwrap_or_default();
        Message {
            to: self.to,
            lang: l.html_lang().to_string(),
            subject: self.subject,
            text,
            html,
            unsubscribe: self.footer.map(|f| f.link),
        }
    }
}

/// Where one chooses which notifications to receive (the account's notification settings).
pub const SETTINGS_PATH: &str = "/account/notifications";

fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rule (issue 13, emails): a greeting, what happened, the one link, a signature — in the
    /// recipient's language; user text is escaped in the HTML part.
    #[test]
    fn a_letter_greets_says_what_happened_and_gives_one_link() {
        let m = Letter::new(
            "a@example.org",
            Locale::FrBe,
            "Sujet".into(),
            "Le projet <b>Rivières</b> a été déposé.\n\nSuite.",
            "https://p.example/projects/1",
        )
        .greet("Élise Tremblay")
        .message();
        assert!(m.text.starts_with("Bonjour Élise Tremblay,\n\n"));
        assert!(
            m.text
                .contains("Le projet <b>Rivières</b> a été déposé.\n\nSuite.")
        );
        assert_eq!(m.text.matches("https://p.example/projects/1").count(), 1);
        assert!(m.html.contains("&#60;b&#62;Rivières") || m.html.contains("&lt;b&gt;Rivières"));
        assert!(!m.html.contains("<b>"));
        assert_eq!(m.unsubscribe, None);
        let en = Letter::new(
            "a@example.org",
            Locale::En,
            "S".into(),
            "Done.",
            "https://x/",
        )
        .message();
        assert!(en.text.starts_with("Hello,\n\n"));
        assert!(en.text.contains("Open in Passerelle"));
    }

    /// Rule (issue 13, emails): a notification one may turn off says why it arrives and where
    /// to turn it off; the same address goes in List-Unsubscribe.
    #[test]
    fn an_optional_notification_links_to_the_settings() {
        let m = Letter::new(
            "a@example.org",
            Locale::En,
            "S".into(),
            "Done.",
            "https://x/p",
        )
        .optional("email-why-reminders", "https://x")
        .message();
        assert!(m.text.contains("https://x/account/notifications"));
        assert_eq!(
            m.unsubscribe.as_deref(),
            Some("https://x/account/notifications")
        );
    }
}
