//! The route registry type: each route is registered together with its access, so the router
//! and the door policy cannot drift apart, and tests can walk every route. Each domain fills it
//! in its own `routes.rs`; `crate::app` assembles them.

use axum::{
    Router,
    handler::Handler,
    http::Method,
    routing::{MethodFilter, on},
};

use super::AppState;
use crate::viewer::Role;

/// Who may reach a route: a coarse, deny-by-default gate in front of the domain policies,
/// which decide on the object itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Everyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users holding one of these roles (on any side; actions narrow to a side).
    AnyOf(&'static [Role]),
    /// Administrators.
    Admin,
}

/// One registered route.
#[derive(Clone, Debug)]
pub struct RouteDef {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// The routes of the application with their access.
pub struct Registry {
    pub router: Router<AppState>,
    pub defs: Vec<RouteDef>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            router: Router::new(),
            defs: Vec::new(),
        }
    }
}

impl Registry {
    fn add<H, T>(mut self, method: Method, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("standard method");
        self.router = self.router.route(path, on(filter, handler));
        self.defs.push(RouteDef {
            method,
            path,
            access,
        });
        self
    }
    pub fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Self {
        self.add(Method::GET, path, access, h)
    }
    pub fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Self {
        self.add(Method::POST, path, access, h)
    }
    /// Adds the routes a domain registers.
    pub fn with(self, routes: fn(Registry) -> Registry) -> Self {
        routes(self)
    }
}
