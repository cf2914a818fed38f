//! The public portal's routes: home, health, static assets, the language switch.

use super::pages;
use crate::http::{Access::Public, Registry};

pub fn routes(r: Registry) -> Registry {
    r.get("/", Public, pages::home)
        .get("/health", Public, pages::health)
        .get("/static/app.css", Public, pages::stylesheet)
        .get("/static/autosave.js", Public, pages::autosave_script)
        .get("/static/forms.js", Public, pages::forms_script)
        .get("/static/menu.js", Public, pages::menu_script)
        .get("/static/favicon.svg", Public, pages::favicon)
        .get("/accessibility", Public, pages::accessibility)
        .get("/privacy", Public, pages::privacy)
        .post("/language", Public, pages::switch_language)
}
