//! The account emails (verify address, reset password, invitation, sign-up attempt on an
//! existing address), rendered in the recipient's language as text and HTML.

use askama::Template;

use crate::{email::Message, i18n::Locale};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Verify,
    Reset,
    Invitation,
    AlreadyRegistered,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Verify => "verify",
            Kind::Reset => "reset",
            Kind::Invitation => "invitation",
            Kind::AlreadyRegistered => "already-registered",
        }
    }
}

#[derive(Template)]
#[template(path = "emails/message.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    intro: &'a str,
    action: &'a str,
    link: &'a str,
    outro: &'a str,
    signature: &'a str,
}

#[derive(Template)]
#[template(path = "emails/message.txt")]
struct Text<'a> {
    greeting: &'a str,
    intro: &'a str,
    action: &'a str,
    link: &'a str,
    outro: &'a str,
    signature: &'a str,
}

/// Renders one message for `to`, whose name is `name`, pointing at `link`.
pub fn render(
    kind: Kind,
    locale: Locale,
    to: &str,
    name: &str,
    link: &str,
) -> anyhow::Result<Message> {
    let k = |part: &str| locale.t(&format!("email-{}-{part}", kind.key()));
    let subject = k("subject");
    let greeting = locale.t1("email-greeting", "name", name);
    let (intro, action, outro) = (k("intro"), k("action"), k("outro"));
    let signature = locale.t("email-signature");
    let html = Html {
        lang: locale.html_lang(),
        subject: &subject,
        greeting: &greeting,
        intro: &intro,
        action: &action,
        link,
        outro: &outro,
        signature: &signature,
    }
    .render()?;
    let text = Text {
        greeting: &greeting,
        intro: &intro,
        action: &action,
        link,
        outro: &outro,
        signature: &signature,
    }
    .render()?;
    Ok(Message {
        to: to.to_string(),
        lang: locale.html_lang().to_string(),
        subject,
        text,
        html,
    })
}
