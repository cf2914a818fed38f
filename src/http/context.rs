//! The request context: who is signed in, in which locale, with which CSRF token; and the
//! middleware that builds it, refuses forged or oversize posts, and turns bare error responses
//! into localized pages.

use std::{collections::HashMap, net::SocketAddr};

use axum::{
    body::{Body, to_bytes},
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{AppState, error_pages};
use crate::{
    auth::{random_token, secure_eq},
    error::{AppError, ErrorPage},
    i18n::Locale,
    viewer::Viewer,
};

pub const SESSION_COOKIE: &str = "pa_session";
pub const CSRF_COOKIE: &str = "pa_csrf";
/// Given at a successful login: this browser signed in to the account before (login throttling
/// spares it).
pub const DEVICE_COOKIE: &str = "pa_device";
pub const LANG_COOKIE: &str = "pa_lang";

/// What every handler and template knows about the request.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub locale: Locale,
    pub user: Option<Viewer>,
    /// The token every form of the page carries in its `csrf` field.
    pub csrf: String,
    /// Path and query of the request, where the language switch comes back to.
    pub path: String,
    pub session_token: Option<String>,
    /// The device cookie's token, if the request carries a well-formed one.
    pub device_token: Option<String>,
    pub client_ip: String,
    /// The viewer's zone: their own choice, else their locale's.
    pub time_zone: String,
    /// Which links the layout's navigation shows.
    pub nav: Nav,
}

/// The layout's navigation: booleans for the template. A link is shown exactly when the door
/// lets the person through to it (the registry's access, which the access sweep holds to each
/// domain's policy table): nobody sees a link that answers 403.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    pub evaluations: bool,
    /// The commission's editions and sessions (officers, commission members, administrators).
    pub editions: bool,
    /// The Grands Rendez-vous' editions (officers, administrators).
    pub grv: bool,
    pub admin: bool,
}

impl Nav {
    fn of(user: Option<&Viewer>, policy: &super::DoorPolicy) -> Nav {
        let Some(u) = user else {
            return Nav::default();
        };
        let open = |path: &'static str| {
            policy
                .get(&(Method::GET, path))
                .is_some_and(|a| super::authorize::lets_in(*a, u))
        };
        Nav {
            evaluations: open(NAV_EVALUATIONS),
            editions: open(NAV_EDITIONS),
            grv: open(NAV_GRV),
            admin: open(NAV_ADMIN),
        }
    }
}

/// The pages the navigation links to (the layout names the same paths).
const NAV_EVALUATIONS: &str = "/evaluations";
const NAV_EDITIONS: &str = "/commissions";
const NAV_GRV: &str = "/grv/editions";
const NAV_ADMIN: &str = "/admin/users";

impl Ctx {
    /// Translates `key` (used by templates: `{{ ctx.t("home-title") }}`).
    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }
    pub fn t1(&self, key: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        self.locale.t1(key, name, value.to_string())
    }
    /// The signed-in user, or "authentication required" (routes behind a policy always have one).
    pub fn require_user(&self) -> Result<&Viewer, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }
    /// Translates `key` with a number, so plural forms apply (`{ $count -> [one] … }`).
    pub fn tn(&self, key: &str, name: &'static str, n: usize) -> String {
        self.locale.t_args(key, &[(name, (n as i64).into())])
    }
    /// The language the switch offers.
    pub fn other_locale(&self) -> Locale {
        if self.locale == Locale::En {
            Locale::FrBe
        } else {
            Locale::En
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Ctx, AppError> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("context middleware missing")))
    }
}

/// The request's cookies by name. Behind TLS only `__Host-` cookies count (the browser
/// guarantees they were set by this host, over https, for the whole site): a plain `pa_session`
/// or a `pa_csrf` planted by a sibling domain or over http is ignored.
fn parse_cookies(headers: &HeaderMap, secure: bool) -> HashMap<String, String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            let k = if secure {
                k.strip_prefix("__Host-")?
            } else {
                k
            };
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, and `Secure` with the `__Host-` prefix
/// behind TLS. `max_age` 0 deletes the cookie.
pub fn cookie_header(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let prefix = if secure { "__Host-" } else { "" };
    let mut c = format!("{prefix}{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are URL-safe")
}

fn client_ip(req: &Request, trust_forwarded: bool) -> String {
    if trust_forwarded
        && let Some(last) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
    {
        return last.trim().to_string();
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn is_token(v: &str) -> bool {
    v.len() == 43
        && v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// Builds the [`Ctx`], enforces CSRF and the body limit on state-changing requests, and
/// renders localized error pages.
pub async fn context(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cookies = parse_cookies(req.headers(), state.settings.secure);
    let session_token = cookies.get(SESSION_COOKIE).filter(|t| is_token(t)).cloned();
    let session = match &session_token {
        Some(t) => match (state.sessions)(&state.db, t).await {
            Ok(s) => s,
            Err(e) => return e.into_response(),
        },
        None => None,
    };
    let has_session = session.is_some();
    let mut new_csrf_cookie = None;
    let (user, csrf) = match session {
        Some((u, csrf)) => (Some(u), csrf),
        None => match cookies.get(CSRF_COOKIE).filter(|t| is_token(t)) {
            Some(t) => (None, t.clone()),
            None => {
                let t = random_token();
                new_csrf_cookie = Some(t.clone());
                (None, t)
            }
        },
    };
    let locale = user
        .as_ref()
        .map(|u| u.locale)
        .or_else(|| cookies.get(LANG_COOKIE).and_then(|l| Locale::parse(l)))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    let time_zone = user
        .as_ref()
        .map(|u| u.time_zone.clone())
        .unwrap_or_else(|| locale.default_time_zone().into());
    let ctx = Ctx {
        locale,
        user: user.clone(),
        csrf: csrf.clone(),
        path: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into()),
        session_token: if has_session {
            session_token.clone()
        } else {
            None
        },
        device_token: cookies.get(DEVICE_COOKIE).filter(|t| is_token(t)).cloned(),
        client_ip: client_ip(&req, state.settings.trust_forwarded),
        time_zone,
        nav: Nav::of(user.as_ref(), &state.policy),
    };
    let session_is_stale = session_token.is_some() && ctx.session_token.is_none();

    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        match check_post(req, &state, &csrf).await {
            Ok(r) => req = r,
            Err((status, detail)) => return error_pages::error_page(&ctx, status, detail),
        }
    }
    req.extensions_mut().insert(ctx.clone());
    let mut res = next.run(req).await;

    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    if let Some(ErrorPage(status)) = res.extensions().get::<ErrorPage>().copied() {
        let headers = res.headers().clone();
        res = error_pages::error_page(&ctx, status, None);
        res.headers_mut().extend(
            headers
                .into_iter()
                .filter(|(k, _)| k.as_ref() == Some(&header::SET_COOKIE)),
        );
    } else if res.status().as_u16() >= 400 && plain {
        // Rejections from axum itself (405, malformed forms…) come as English plain text.
        res = error_pages::error_page(&ctx, res.status(), None);
    }
    let secure = state.settings.secure;
    if let Some(t) = new_csrf_cookie {
        res.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(CSRF_COOKIE, &t, None, secure),
        );
    }
    // A stale session cookie is deleted, unless the response sets a new one (a login).
    let sets_session = res.headers().get_all(header::SET_COOKIE).iter().any(|v| {
        let v = v.as_bytes();
        v.starts_with(format!("{SESSION_COOKIE}=").as_bytes())
            || v.starts_with(format!("__Host-{SESSION_COOKIE}=").as_bytes())
    });
    if session_is_stale && !sets_session {
        res.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(SESSION_COOKIE, "", Some(0), secure),
        );
    }
    res
}

/// Refuses a state-changing request whose body is too large or whose `csrf` field does not
/// match the session's (or, before login, the CSRF cookie's) token; returns the request with
/// its body buffered for the handler.
async fn check_post(
    req: Request,
    state: &AppState,
    expected: &str,
) -> Result<Request, (StatusCode, Option<&'static str>)> {
    let (parts, body) = req.into_parts();
    // Uploads are multipart: a larger limit, and the token comes in the query string (a
    // multipart body cannot be read here without buffering and parsing the whole upload).
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
    let (limit, too_large) = if multipart {
        (state.settings.upload_limit, Some("error-413-upload"))
    } else {
        (state.settings.body_limit, None)
    };
    // Checked before buffering: an announced oversize body is refused unread.
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, too_large));
    }
    // Defence in depth: a browser always says where a form comes from.
    if let Some(origin) = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let same = origin == state.settings.origin()
            || origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host);
        if !same {
            return Err((StatusCode::FORBIDDEN, Some("error-csrf")));
        }
    }
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, too_large))?;
    let fields = if multipart {
        parts.uri.query().unwrap_or("").as_bytes()
    } else {
        &bytes[..]
    };
    let token = form_urlencoded::parse(fields)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    if !token.is_some_and(|t| secure_eq(&t, expected)) {
        return Err((StatusCode::FORBIDDEN, Some("error-csrf")));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Security headers on every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let framable = res.extensions().get::<super::Framable>().is_some();
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    if framable {
        // A previewed file: only our own pages frame it; `object-src 'self'` lets the
        // browser's PDF viewer embed the document it is showing.
        set(
            h,
            "content-security-policy",
            "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
        );
        set(h, "x-frame-options", "SAMEORIGIN");
    } else {
        set(
            h,
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        );
        set(h, "x-frame-options", "DENY");
    }
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    );
    if state.settings.secure {
        set(
            h,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages carry CSRF tokens and personal data: never stored by shared caches.
        set(h, "cache-control", "no-store");
    }
    res
}

/// "18 juin 2019 à 09:30 (heure de Bruxelles)", in the reader's language.
pub fn when_in_zone(ctx: &Ctx, ms: i64, zone: &str) -> String {
    crate::i18n::time_in_zone(ms, zone, ctx.locale)
}
