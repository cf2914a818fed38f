//! Accounts, roles and the rules about them.

use crate::i18n::Locale;
pub use crate::viewer::{Grant, Role, Viewer};

/// A lowercased, syntactically plausible email address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` without spaces, at most 254 characters.
    pub fn parse(s: &str) -> Option<Email> {
        let s = s.trim().to_lowercase();
        let (local, domain) = s.split_once('@')?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && s.len() <= 254
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        ok.then_some(Email(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Password rule: 10 to 256 characters (NIST 800-63B: length, no composition rules).
pub fn password_error(p: &str) -> Option<&'static str> {
    match p.chars().count() {
        0 => Some("common-error-required"),
        n if n < 10 => Some("users-error-password-short"),
        n if n > 256 => Some("users-error-password-long"),
        _ => None,
    }
}

/// Rule: per-side roles need a side, global roles must not have one.
pub fn grant_is_well_formed(role: Role, side_id: Option<i64>) -> bool {
    role.is_per_side() == side_id.is_some()
}

/// A user account as shown in lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub time_zone: String,
    pub side_id: Option<i64>,
    pub email_verified_at: Option<i64>,
    pub disabled_at: Option<i64>,
    pub has_password: bool,
}

/// Why a token is issued, with its lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
    Invitation,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::Invitation => "invitation",
        }
    }
    /// A reset link lives one hour; a verification link two days; an invitation a week.
    pub fn lifetime_ms(self) -> i64 {
        match self {
            TokenPurpose::ResetPassword => 3_600_000,
            TokenPurpose::VerifyEmail => 2 * 86_400_000,
            TokenPurpose::Invitation => 7 * 86_400_000,
        }
    }
}

/// A login session lasts two weeks.
pub const SESSION_LIFETIME_MS: i64 = 14 * 86_400_000;

/// Login throttling: attempts counted over this window (a successful one is taken back)…
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60_000;
/// …at most this many for one account (or one known device of it)…
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// …and this many from one network address (many accounts, one attacker).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// New accounts from one network address per throttling window (each costs a password hash).
pub const MAX_SIGNUPS_PER_ADDRESS: i64 = 10;
/// Emails to one address (verification, reset, "already registered") per window, whichever
/// form asked for them.
pub const MAX_MAILS_PER_ADDRESS: i64 = 3;
pub const MAIL_WINDOW_MS: i64 = 60 * 60_000;
/// A device cookie lasts a year.
pub const DEVICE_LIFETIME_MS: i64 = 365 * 86_400_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Marie.Dubois@WBI.be ").unwrap().as_str(),
            "marie.dubois@wbi.be"
        );
        for bad in ["", "a@b", "a b@c.de", "@c.de", "a@.de", "a@de."] {
            assert_eq!(Email::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert_eq!(password_error("short"), Some("users-error-password-short"));
        assert_eq!(password_error("ten chars!"), None);
    }

    #[test]
    fn per_side_roles_need_a_side_and_global_roles_refuse_one() {
        assert!(grant_is_well_formed(Role::Officer, Some(1)));
        assert!(!grant_is_well_formed(Role::Officer, None));
        assert!(grant_is_well_formed(Role::Administrator, None));
        assert!(!grant_is_well_formed(Role::Coach, Some(1)));
    }
}

/// A kind of notification one may turn off. Emails a procedure requires (receipts, decisions,
/// admissibility, withdrawals, new calendars, convocations, account security) have no topic:
/// they are always sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Reminders before and after a deadline (an evaluation, a mission report).
    Reminders,
    /// The partner on the other side joined or filed the project.
    PartnerActivity,
}

impl Topic {
    pub const ALL: [Topic; 2] = [Topic::Reminders, Topic::PartnerActivity];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Reminders => "reminders",
            Topic::PartnerActivity => "partner_activity",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The footer of such an email: why it arrives (message key).
    pub fn why_key(self) -> &'static str {
        match self {
            Topic::Reminders => "email-why-reminders",
            Topic::PartnerActivity => "email-why-partner-activity",
        }
    }
}
