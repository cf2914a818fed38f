//! Markdown written by officers (call guidelines), rendered to HTML and sanitized with an
//! allow-list, so that script or markup typed into a field is never executed.

use pulldown_cmark::{Options, Parser, html};

/// Safe HTML for `source`.
pub fn render(source: &str) -> String {
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(
            source,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        ),
    );
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_is_rendered_and_scripts_are_removed() {
        assert_eq!(
            render("**Thèmes** prioritaires"),
            "<p><strong>Thèmes</strong> prioritaires</p>\n"
        );
        let out = render(
            "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(
            !out.contains("<script")
                && !out.contains("href=\"javascript")
                && !out.contains("onerror"),
            "{out}"
        );
    }
}
