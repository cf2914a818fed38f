//! Server-rendered SVG bar charts with a text alternative; pages put the data table beside
//! them. Pure.

use crate::followup::iati::escape;

/// One horizontal bar chart: a `<svg role="img">` whose `<title>` names it and whose `<desc>`
/// reads out every bar ("Label : value", punctuated as the language does), so the chart says what the table beside it says.
pub fn bars(
    id: &str,
    title: &str,
    locale: crate::i18n::Locale,
    bars: &[(String, i64, String)],
) -> String {
    const WIDTH: i64 = 640;
    const LABEL: i64 = 260;
    const ROW: i64 = 28;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64 + 8;
    let desc: Vec<String> = bars
        .iter()
        .map(|(label, _, shown)| format!("{label}{} {shown}", locale.colon()))
        .collect();
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(&desc.join(&format!("{} ", locale.semicolon())))
    );
    for (i, (label, value, shown)) in bars.iter().enumerate() {
        let y = 4 + ROW * i as i64;
        let w = (WIDTH - LABEL - 90) * value.max(&0) / max;
        svg.push_str(&format!(
            r##"<text x="{}" y="{}" text-anchor="end" font-size="13" fill="#1b1b1b">{}</text><rect x="{LABEL}" y="{}" width="{w}" height="{}" fill="#005a9c"/><text x="{}" y="{}" font-size="13" fill="#1b1b1b">{}</text>"##,
            LABEL - 8,
            y + 17,
            escape(label),
            y + 4,
            ROW - 10,
            LABEL + w + 6,
            y + 17,
            escape(shown)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_reads_out_its_bars_and_scales_to_the_largest() {
        let svg = bars(
            "c",
            "Projets <par> état",
            crate::i18n::Locale::FrBe,
            &[
                ("En cours".into(), 20, "20".into()),
                ("Clôturé".into(), 5, "5".into()),
            ],
        );
        assert!(svg.contains(r#"<title id="c-title">Projets &lt;par&gt; état</title>"#));
        assert!(svg.contains(
            "<desc id=\"c-desc\">En cours\u{202f}: 20\u{202f}; Clôturé\u{202f}: 5</desc>"
        ));
        let en = bars(
            "c",
            "By state",
            crate::i18n::Locale::En,
            &[("Running".into(), 2, "2".into())],
        );
        assert!(
            en.contains("<desc id=\"c-desc\">Running: 2</desc>"),
            "English: no space before the colon"
        );
        assert!(
            svg.contains(r#"width="290""#),
            "the largest bar takes the full width"
        );
        assert!(svg.contains(r#"width="72""#), "a quarter of it");
    }
}
