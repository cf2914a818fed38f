//! List exports as a table of typed cells, written as `.xlsx` (dates as dates, amounts as numbers
//! formatted in their currency, never a formula) or as CSV for French and Belgian Excel (a BOM so
//! it reads UTF-8, `;` between cells, decimal commas in French, formulas neutralised).

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::{
    error::{AppError, AppResult},
    i18n::Locale,
};

/// One cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// An amount in minor units (cents) of its currency (ISO code).
    Money {
        minor: i64,
        currency: String,
    },
    Date(jiff::civil::Date),
    Empty,
}

/// A list as exported: a sheet name, column headings and rows of typed cells.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Neutralises a text cell a spreadsheet would run as a formula.
pub fn neutral(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

fn decimal(minor: i64, locale: Locale) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let (units, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    let sep = if locale == Locale::En { '.' } else { ',' };
    format!("{sign}{units}{sep}{cents:02}")
}

impl Sheet {
    /// CSV as French and Belgian Excel opens it: BOM, `;`, CRLF, every text cell quoted.
    pub fn csv(&self, locale: Locale) -> String {
        let text = |v: &str| format!("\"{}\"", neutral(v).replace('"', "\"\""));
        let mut out = String::from("\u{feff}");
        let line = |cells: Vec<String>| cells.join(";") + "\r\n";
        out.push_str(&line(self.headers.iter().map(|h| text(h)).collect()));
        for row in &self.rows {
            out.push_str(&line(
                row.iter()
                    .map(|c| match c {
                        Cell::Text(s) => text(s),
                        Cell::Int(n) => n.to_string(),
                        Cell::Money { minor, .. } => decimal(*minor, locale),
                        Cell::Date(d) => d.to_string(),
                        Cell::Empty => String::new(),
                    })
                    .collect(),
            ));
        }
        out
    }

    /// The `.xlsx` workbook: a bold, frozen heading row with filters, typed cells.
    pub fn xlsx(&self, locale: Locale) -> AppResult<Vec<u8>> {
        self.workbook(locale)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))
    }

    fn workbook(&self, locale: Locale) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format(match locale {
            Locale::FrCa => "yyyy-mm-dd",
            Locale::FrBe => "dd/mm/yyyy",
            Locale::En => "d mmm yyyy",
        });
        let money = |currency: &str| {
            Format::new().set_num_format(match currency {
                "EUR" => "#,##0.00\\ \"€\"",
                "CAD" => "#,##0.00\\ \"$ CA\"",
                other => return Format::new().set_num_format(format!("#,##0.00\\ \"{other}\"")),
            })
        };
        let sheet = book.add_worksheet();
        // Excel refuses some characters and more than 31 in a sheet name.
        let name: String = self
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(name)?;
        for (col, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, h, &bold)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    // Written as strings: never evaluated, so nothing to neutralise.
                    Cell::Text(s) => {
                        sheet.write_string(r, col, s)?;
                    }
                    Cell::Int(n) => {
                        sheet.write_number(r, col, *n as f64)?;
                    }
                    Cell::Money { minor, currency } => {
                        sheet.write_number_with_format(
                            r,
                            col,
                            *minor as f64 / 100.0,
                            &money(currency),
                        )?;
                    }
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            u16::try_from(d.year()).unwrap_or(1900),
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(r, col, &day, &date)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        let last_col = self.headers.len().saturating_sub(1) as u16;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, self.rows.len() as u32, last_col)?;
        sheet.set_autofit_max_width(400);
        sheet.autofit();
        book.save_to_buffer()
    }
}

/// The sheet as a download: `name.csv` or `name.xlsx`.
pub fn download(
    sheet: &Sheet,
    name: &str,
    format: SheetFile,
    locale: Locale,
) -> AppResult<Response> {
    let (content_type, body, ext) = match format {
        SheetFile::Csv => (
            "text/csv; charset=utf-8",
            sheet.csv(locale).into_bytes(),
            "csv",
        ),
        SheetFile::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            sheet.xlsx(locale)?,
            "xlsx",
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// The two files a list is exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFile {
    Csv,
    Xlsx,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_in_csv_cells() {
        assert_eq!(neutral("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutral("+1"), "'+1");
        assert_eq!(neutral("-1"), "'-1");
        assert_eq!(neutral("@SUM"), "'@SUM");
        assert_eq!(neutral("Université Laval"), "Université Laval");
    }

    #[test]
    fn csv_for_french_excel_has_a_bom_semicolons_and_decimal_commas() {
        let s = Sheet {
            name: "x".into(),
            headers: vec!["Titre".into(), "Montant".into(), "Début".into()],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::Money {
                    minor: -150_005,
                    currency: "EUR".into(),
                },
                Cell::Date(jiff::civil::date(2019, 7, 1)),
            ]],
        };
        let csv = s.csv(Locale::FrBe);
        assert_eq!(
            csv,
            "\u{feff}\"Titre\";\"Montant\";\"Début\"\r\n\"'=HYPERLINK(\"\"x\"\")\";-1500,05;2019-07-01\r\n"
        );
        assert!(s.csv(Locale::En).contains(";-1500.05;"));
    }
}
