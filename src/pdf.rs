//! Plain one-page text documents as PDF (receipts, minutes): Helvetica, one of the 14 standard
//! fonts, so nothing is embedded and the files stay a few kilobytes.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// Latin text → WinAnsi bytes (the standard fonts' encoding); what it cannot hold becomes `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            '\u{202f}' | '\u{a0}' => b' ',
            c if (c as u32) < 0x80 || ((c as u32) >= 0xa0 && (c as u32) <= 0xff) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// Cuts `s` into lines of at most `width` characters.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.chunks(width).map(|c| c.iter().collect()).collect()
}

/// A PDF with `title` and then each of `lines` (long lines wrapped).
pub fn render(title: &str, lines: &[String]) -> Vec<u8> {
    let (catalog, tree, page_id, font, content_id) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    let name = Name(b"F1");
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    page.parent(tree);
    page.contents(content_id);
    page.resources().fonts().pair(name, font);
    drop(page);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let mut c = Content::new();
    c.begin_text();
    c.set_font(name, 15.0);
    c.set_leading(15.0);
    c.next_line(56.0, 780.0);
    c.show(Str(&win_ansi(title)));
    c.set_font(name, 9.5);
    c.next_line(0.0, -28.0);
    for line in lines {
        for part in wrap(line, 95) {
            c.show(Str(&win_ansi(&part)));
            c.next_line_using_leading();
        }
    }
    c.end_text();
    pdf.stream(content_id, &c.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_survives_the_standard_encoding() {
        assert_eq!(
            win_ansi("Été – 1\u{202f}234 €"),
            vec![
                0xc9, b't', 0xe9, b' ', 0x96, b' ', b'1', b' ', b'2', b'3', b'4', b' ', 0x80
            ]
        );
        assert_eq!(win_ansi("日本"), b"??".to_vec());
    }
}
