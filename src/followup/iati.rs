//! IATI activity XML 2.03 for funded projects: each side reports its own funding, in its own
//! currency, as reporting organisation (rule 6 and 7). Pure: the caller gathers the data.

use std::fmt::Write;

/// One funded project as one side reports it.
pub struct Activity {
    pub identifier: String,
    pub title: String,
    pub description: String,
    /// (name, IATI organisation type code) of each implementing lead organisation.
    pub implementers: Vec<(String, &'static str)>,
    /// IATI activity status: 2 implementation, 3 finalisation, 4 closed.
    pub status: &'static str,
    pub start: String,
    pub end: String,
    /// The side's commitment (minor units) and its date.
    pub committed: i64,
    pub committed_on: String,
    /// The side's expenditure: (date, minor units).
    pub spent: Vec<(String, i64)>,
}

/// The reporting side.
pub struct Reporter {
    pub reference: String,
    pub name: String,
    pub currency: String,
}

/// `&`, `<`, `>`, `"` and `'` escaped for text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Minor units as an IATI decimal value: 700000 → `7000.00`.
fn decimal(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, (minor % 100).abs())
}

/// The organisation type code IATI uses for a kind of partner.
pub fn org_type(kind: &str) -> &'static str {
    match kind {
        "university" | "research_centre" => "80",
        "ngo" | "cultural" => "22",
        "company" => "70",
        _ => "10",
    }
}

/// An `iati-activities` document with one activity per project, in French.
pub fn document(reporter: &Reporter, activities: &[Activity], generated: &str) -> String {
    let mut x = String::new();
    let r = reporter;
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        x,
        r#"<iati-activities version="2.03" generated-datetime="{generated}">"#
    );
    let org = |role: &str| {
        format!(
            r#"<participating-org ref="{}" type="10" role="{role}"><narrative>{}</narrative></participating-org>"#,
            escape(&r.reference),
            escape(&r.name)
        )
    };
    let value = |minor: i64, date: &str| {
        format!(
            r#"<value currency="{}" value-date="{date}">{}</value>"#,
            escape(&r.currency),
            decimal(minor)
        )
    };
    for a in activities {
        let _ = writeln!(
            x,
            r#" <iati-activity xml:lang="fr" default-currency="{}" last-updated-datetime="{generated}">"#,
            escape(&r.currency)
        );
        let _ = writeln!(
            x,
            "  <iati-identifier>{}</iati-identifier>",
            escape(&a.identifier)
        );
        let _ = writeln!(
            x,
            r#"  <reporting-org ref="{}" type="10"><narrative>{}</narrative></reporting-org>"#,
            escape(&r.reference),
            escape(&r.name)
        );
        let _ = writeln!(
            x,
            "  <title><narrative>{}</narrative></title>",
            escape(&a.title)
        );
        let _ = writeln!(
            x,
            r#"  <description type="1"><narrative>{}</narrative></description>"#,
            escape(&a.description)
        );
        let _ = writeln!(x, "  {}", org("1"));
        let _ = writeln!(x, "  {}", org("3"));
        for (name, kind) in &a.implementers {
            let _ = writeln!(
                x,
                r#"  <participating-org type="{kind}" role="4"><narrative>{}</narrative></participating-org>"#,
                escape(name)
            );
        }
        let _ = writeln!(x, r#"  <activity-status code="{}"/>"#, a.status);
        let _ = writeln!(x, r#"  <activity-date type="1" iso-date="{}"/>"#, a.start);
        let _ = writeln!(x, r#"  <activity-date type="3" iso-date="{}"/>"#, a.end);
        let _ = writeln!(
            x,
            r#"  <transaction><transaction-type code="2"/><transaction-date iso-date="{}"/>{}</transaction>"#,
            a.committed_on,
            value(a.committed, &a.committed_on)
        );
        for (date, minor) in &a.spent {
            let _ = writeln!(
                x,
                r#"  <transaction><transaction-type code="4"/><transaction-date iso-date="{date}"/>{}</transaction>"#,
                value(*minor, date)
            );
        }
        let _ = writeln!(x, " </iati-activity>");
    }
    let _ = writeln!(x, "</iati-activities>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_amounts_are_decimals() {
        assert_eq!(
            escape(r#"R&D <"ok"> l'été"#),
            "R&amp;D &lt;&quot;ok&quot;&gt; l&apos;été"
        );
        assert_eq!(decimal(700_005), "7000.05");
        assert_eq!(decimal(0), "0.00");
    }
}
