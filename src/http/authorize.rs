//! Authorization at the door: every matched route is looked up in the policy built from the
//! route registry. A route missing from the policy is refused, never allowed by default.
//! Object-level rules (which side's data) are checked again inside the actions.

use axum::{
    extract::{MatchedPath, Request, State},
    http::{Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{AppState, Ctx, registry::Access, see_other};
use crate::error::AppError;

/// What the policy says of a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not signed in: go to the login page and come back.
    SignIn,
    Forbid,
}

/// Whether `access` lets this signed-in person through.
pub fn lets_in(access: Access, user: &crate::viewer::Viewer) -> bool {
    match access {
        Access::Public | Access::SignedIn => true,
        Access::AnyOf(roles) => roles.iter().any(|r| user.has_role(*r)),
        Access::Admin => user.is_admin(),
    }
}

pub fn decide(access: Option<Access>, ctx: &Ctx) -> Decision {
    let Some(access) = access else {
        return Decision::Forbid;
    };
    let Some(user) = &ctx.user else {
        return if access == Access::Public {
            Decision::Allow
        } else {
            Decision::SignIn
        };
    };
    if lets_in(access, user) {
        Decision::Allow
    } else {
        Decision::Forbid
    }
}

pub async fn authorize(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = if req.method() == Method::HEAD {
        Method::GET
    } else {
        req.method().clone()
    };
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let access = path
        .as_deref()
        .and_then(|p| state.policy.get(&(method, p)).copied());
    if access.is_none() {
        // The path is known with other methods: answer 405 rather than reach a handler that
        // has no policy entry for this method.
        if let Some(p) = &path
            && state.policy.keys().any(|(_, known)| known == p)
        {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        tracing::error!(path = ?path, "route without a policy entry refused");
    }
    let Some(ctx) = req.extensions().get::<Ctx>().cloned() else {
        return AppError::Forbidden.into_response();
    };
    match decide(access, &ctx) {
        Decision::Allow => next.run(req).await,
        Decision::SignIn => {
            let next_path: String = form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect();
            see_other(&format!("/login?next={next_path}"))
        }
        Decision::Forbid => AppError::Forbidden.into_response(),
    }
}
