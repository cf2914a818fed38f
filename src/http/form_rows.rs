//! The `rows` kind of form field: one table row per item (a grid's criteria), one input per
//! column, a few blank rows to add items without JavaScript, and the cells marked wrong.

use super::{Ctx, form::Field};

/// The items of a `rows` field and which cells are wrong. The page always ends with a few
/// blank rows (so more items can be added without JavaScript); `static/forms.js` adds a button
/// labelled `add` that appends one more.
#[derive(Clone, Debug)]
pub struct Rows {
    /// The column headings.
    pub columns: Vec<String>,
    /// The heading of each row ("Critère"), numbered: it names the row's inputs.
    pub row_label: String,
    pub rows: Vec<Vec<RowCell>>,
    pub add: String,
}

/// One input of a row: named by its column, labelled by the column and the row.
#[derive(Clone, Debug)]
pub struct RowCell {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub invalid: bool,
}

impl Field {
    /// A table of items, one row each, one input per column; `values` holds each row's
    /// values in column order. Empty rows are ignored by the handler, so removing an item is
    /// clearing its row; `add_key` labels the button that adds a row.
    pub fn rows(
        ctx: &Ctx,
        name: impl Into<String>,
        label_key: &str,
        columns: Vec<(String, String, &'static str)>,
        row_label_key: &str,
        values: Vec<Vec<String>>,
        add_key: &str,
    ) -> Field {
        let rows = values
            .into_iter()
            .map(|r| {
                columns
                    .iter()
                    .zip(r.into_iter().chain(std::iter::repeat(String::new())))
                    .map(|((name, label, kind), value)| RowCell {
                        name: name.clone(),
                        label: label.clone(),
                        kind,
                        value,
                        invalid: false,
                    })
                    .collect()
            })
            .collect();
        Field {
            rows: Some(Rows {
                columns: columns.into_iter().map(|c| c.1).collect(),
                row_label: ctx.t(row_label_key),
                rows,
                add: ctx.t(add_key),
            }),
            required: false,
            ..Field::new(ctx, name, label_key, "rows")
        }
    }
    /// Marks a cell (row from 0, column name) as wrong; the error itself is the field's.
    pub fn invalid_cell(mut self, row: usize, column: &str) -> Field {
        if let Some(cell) = self
            .rows
            .as_mut()
            .and_then(|r| r.rows.get_mut(row))
            .and_then(|cells| cells.iter_mut().find(|c| c.name == column))
        {
            cell.invalid = true;
        }
        self
    }
}
