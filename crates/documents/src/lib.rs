//! Passerelle's typeset documents: a Typst template (in `templates/`, editable without touching
//! Rust) laid out with the data of one document and exported as PDF/A-2b.
//!
//! User text reaches Typst only as data: the document's JSON travels in `sys.inputs.data` and
//! the template reads it with `json(bytes(...))`, so a title such as `#read("/etc/passwd")` is a
//! string to print, never markup to evaluate. The templates can read no file but each other
//! (there is no file system behind this world) and no package.

use std::sync::LazyLock;

use typst::{
    Library, LibraryExt, World,
    diag::{FileError, FileResult},
    foundations::{Bytes, Datetime, Dict, IntoValue, Smart},
    syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot},
    text::{Font, FontBook},
    utils::LazyHash,
};
use typst_layout::PagedDocument;

/// The documents Passerelle typesets, each with its template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The minutes of a commission session, with its decisions and the co-chairs' signatures.
    Minutes,
    /// The letter telling one side's applicant the commission's decision on their project.
    DecisionLetter,
    /// The application as filed by one side, with its receipt.
    Application,
}

impl Kind {
    fn template(self) -> &'static str {
        match self {
            Kind::Minutes => "minutes.typ",
            Kind::DecisionLetter => "letter.typ",
            Kind::Application => "application.typ",
        }
    }
}

/// Every template, by the name the others import it with.
const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../templates/common.typ")),
    ("minutes.typ", include_str!("../templates/minutes.typ")),
    ("letter.typ", include_str!("../templates/letter.typ")),
    (
        "application.typ",
        include_str!("../templates/application.typ"),
    ),
];

/// The one family the documents use, regular, bold and italic: it covers all of Latin (Québec
/// and Belgian names), typographic quotes and the narrow no-break space.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = [
        &include_bytes!("../fonts/LibertinusSerif-Regular.otf")[..],
        &include_bytes!("../fonts/LibertinusSerif-Bold.otf")[..],
        &include_bytes!("../fonts/LibertinusSerif-Italic.otf")[..],
    ]
    .into_iter()
    .flat_map(|data| Font::iter(Bytes::new(data)))
    .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

fn file_id(name: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(name).expect("template names are valid paths"),
    )
    .intern()
}

struct DocumentWorld {
    library: LazyHash<Library>,
    main: FileId,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        TEMPLATES
            .iter()
            .find(|(name, _)| file_id(name) == id)
            .map(|(_, text)| Source::new(id, (*text).to_string()))
            .ok_or_else(|| FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_string()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// Documents are dated by the act they record, never by the day they are printed.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets one document from its data. `date` (year, month, day) is the date of the act the
/// document records, written in the PDF's metadata.
pub fn render(
    kind: Kind,
    data: &serde_json::Value,
    date: (i32, u8, u8),
) -> Result<Vec<u8>, String> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), printable(data).to_string().into_value());
    let world = DocumentWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: file_id(kind.template()),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| describe(&errors))?;
    let timestamp = Datetime::from_ymd(date.0, date.1, date.2).map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Auto,
        timestamp,
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .map_err(|e| format!("{e:?}"))?,
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| describe(&errors));
    // Every document has its own data: Typst's memoised results would only pile up in a server
    // that runs for months. Keep what the last few renders can reuse (the templates, the fonts).
    typst::comemo::evict(10);
    pdf
}

/// Whether the embedded fonts can draw `c` (controls and spaces need no glyph).
fn drawable(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || FONTS.1.iter().any(|f| f.info().coverage.contains(c as u32))
}

/// The data with every character the fonts cannot draw (an emoji, a script Libertinus lacks)
/// replaced by a visible "□" (or "?"): archival PDF refuses a missing glyph, and one title must
/// not make the whole minutes fail.
fn printable(data: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let fallback = if drawable('□') { '□' } else { '?' };
    match data {
        Value::String(s) => Value::String(
            s.chars()
                .map(|c| if drawable(c) { c } else { fallback })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(printable).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), printable(v))).collect())
        }
        other => other.clone(),
    }
}

fn describe(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
