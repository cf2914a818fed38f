//! Form input → parsed values, with a Fluent key per invalid field. Raw forms keep what the
//! user typed so that a refused form is shown again as it was.

use serde::Deserialize;

use super::{
    actions::SignUp,
    admin::NewAccount,
    model::{Email, Role, password_error},
};
use crate::{error::FieldErrors, i18n::Locale, programmes::Side};

/// Zones offered in the account form; any valid IANA zone is accepted.
pub const TIME_ZONES: [&str; 8] = [
    "Europe/Brussels",
    "America/Toronto",
    "Europe/Paris",
    "America/Halifax",
    "America/Winnipeg",
    "America/Vancouver",
    "Africa/Kinshasa",
    "UTC",
];

fn required(errors: &mut FieldErrors, field: &str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "common-error-required");
    } else if v.chars().count() > max {
        errors.add(field, "common-error-too-long");
    }
    v.to_string()
}

fn email(errors: &mut FieldErrors, value: &str) -> Option<Email> {
    if value.trim().is_empty() {
        errors.add("email", "common-error-required");
        return None;
    }
    let e = Email::parse(value);
    if e.is_none() {
        errors.add("email", "users-error-email");
    }
    e
}

fn side(errors: &mut FieldErrors, value: &str, sides: &[Side]) -> Option<i64> {
    let s = sides.iter().find(|s| s.code == value).map(|s| s.id);
    if s.is_none() {
        errors.add("side", "users-error-side-required");
    }
    s
}

fn locale(errors: &mut FieldErrors, value: &str) -> Locale {
    Locale::parse(value).unwrap_or_else(|| {
        errors.add("locale", "users-error-locale");
        Locale::default()
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignUpForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub side: String,
    pub locale: String,
    /// Where the visitor was going (an open call's "apply"), carried through confirmation.
    pub next: String,
}

impl SignUpForm {
    pub fn parse(&self, sides: &[Side]) -> Result<SignUp, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required(&mut errors, "name", &self.name, 200);
        let email = email(&mut errors, &self.email);
        if let Some(key) = password_error(&self.password) {
            errors.add("password", key);
        }
        let side_id = side(&mut errors, &self.side, sides);
        let locale = locale(&mut errors, &self.locale);
        match (email, side_id) {
            (Some(email), Some(side_id)) if errors.is_empty() => Ok(SignUp {
                name,
                email,
                password: self.password.clone(),
                side_id,
                locale,
                next: safe_next(&self.next).to_string(),
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

impl LoginForm {
    pub fn check(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if self.email.trim().is_empty() {
            errors.add("email", "common-error-required");
        }
        if self.password.is_empty() {
            errors.add("password", "common-error-required");
        }
        errors
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    pub token: String,
    /// Where to go once the token is used (the sign-up's `next`).
    pub next: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub token: String,
    pub password: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub name: String,
    pub locale: String,
    pub time_zone: String,
}

impl AccountForm {
    pub fn parse(&self) -> Result<(String, Locale, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required(&mut errors, "name", &self.name, 200);
        let locale = locale(&mut errors, &self.locale);
        let zone = self.time_zone.trim().to_string();
        if jiff::tz::TimeZone::get(&zone).is_err() {
            errors.add("time_zone", "common-error-time-zone");
        }
        if errors.is_empty() {
            Ok((name, locale, zone))
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub name: String,
    pub locale: String,
    pub role: String,
    pub side: String,
}

fn role_and_side(
    errors: &mut FieldErrors,
    role: &str,
    side_code: &str,
    sides: &[Side],
) -> Option<(Role, Option<i64>)> {
    let Some(role) = Role::parse(role) else {
        errors.add("role", "users-error-role");
        return None;
    };
    let side_id = match (role.is_per_side(), side_code.is_empty()) {
        (true, _) => Some(side(errors, side_code, sides)?),
        (false, true) => None,
        (false, false) => {
            errors.add("side", "users-error-side-forbidden");
            return None;
        }
    };
    Some((role, side_id))
}

impl InviteForm {
    pub fn parse(&self, sides: &[Side]) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required(&mut errors, "name", &self.name, 200);
        let email = email(&mut errors, &self.email);
        let locale = locale(&mut errors, &self.locale);
        let grant = role_and_side(&mut errors, &self.role, &self.side, sides);
        match (email, grant) {
            (Some(email), Some((role, side_id))) if errors.is_empty() => Ok(NewAccount {
                email,
                name,
                locale,
                role,
                side_id,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub role: String,
    pub side: String,
}

impl GrantForm {
    pub fn parse(&self, sides: &[Side]) -> Result<(Role, Option<i64>), FieldErrors> {
        let mut errors = FieldErrors::default();
        match role_and_side(&mut errors, &self.role, &self.side, sides) {
            Some(g) if errors.is_empty() => Ok(g),
            _ => Err(errors),
        }
    }
}

/// A local path to return to after login; anything else goes home.
pub fn safe_next(next: &str) -> &str {
    // A local path only: it starts with one slash, and holds nothing but visible ASCII. Browsers
    // drop tabs and newlines from URLs ("/\t/evil.example" becomes "//evil.example") and read a
    // backslash as a slash; a newline would not even fit in a Location header.
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if local { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_accepts_local_paths() {
        assert_eq!(safe_next("/account"), "/account");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        for odd in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/\u{0}x",
            "/é",
            "",
        ] {
            assert_eq!(safe_next(odd), "/", "{odd:?}");
        }
        assert_eq!(safe_next("/calls/1?x=%09"), "/calls/1?x=%09");
    }

    #[test]
    fn account_form_rejects_an_unknown_zone_and_keeps_the_others() {
        let f = AccountForm {
            name: "Léa".into(),
            locale: "fr-CA".into(),
            time_zone: "Mars/Olympus".into(),
        };
        let e = f.parse().unwrap_err();
        assert_eq!(e.get("time_zone"), Some("common-error-time-zone"));
        assert_eq!(e.get("name"), None);
    }
}
