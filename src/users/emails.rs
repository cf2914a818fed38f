//! The account emails (verify address, reset password, invitation, sign-up attempt on an
//! existing address), rendered in the recipient's language as text and HTML.

use crate::{
    email::{Letter, Message},
    i18n::Locale,
};

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

/// Renders one message for `to`, whose name is `name`, pointing at `link`.
pub fn render(
    kind: Kind,
    locale: Locale,
    to: &str,
    name: &str,
    link: &str,
) -> anyhow::Result<Message> {
    let k = |part: &str| locale.t(&format!("email-{}-{part}", kind.key()));
    Ok(Letter::new(to, locale, k("subject"), &k("intro"), link)
        .greet(name)
        .action(k("action"))
        .then(k("outro"))
        .message())
}
