//! The photo a participant gives for the public announcement (issue 14, item 5), cleaned
//! before it is stored: decoded, turned upright by its EXIF orientation, shrunk to at most
//! [`MAX_SIDE`] pixels a side, and encoded anew — so nothing of the file as sent survives but
//! its pixels (no EXIF, GPS position, camera, XMP or comment). Pure: bytes in, bytes out.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest file accepted, before cleaning.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1200;
/// The largest image decoded, a side, and in all (a bigger one is refused before its pixels
/// are decoded: a small file can announce a huge image).
const MAX_DECODED: u32 = 12_000;
const MAX_PIXELS: u64 = 40_000_000;
/// The longest credit line, in characters.
pub const MAX_CREDIT: usize = 120;

/// A photo as stored: its bytes, type and size.
#[derive(Debug)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Cleans a JPEG or PNG; the error is the Fluent key of what is wrong with it.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, &'static str> {
    if bytes.is_empty() {
        return Err("grv-error-photo-missing");
    }
    if bytes.len() > MAX_BYTES {
        return Err("grv-error-photo-size");
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "grv-error-photo-type")?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err("grv-error-photo-type"),
    };
    // A JPEG cut short decodes with its missing part grey: it must end (its end-of-image
    // marker near the end of the file).
    if format == ImageFormat::Jpeg {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err("grv-error-photo-type");
        }
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED);
    limits.max_image_height = Some(MAX_DECODED);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| "grv-error-photo-type")?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err("grv-error-photo-dimensions");
    }
    let orientation = decoder.orientation().map_err(|_| "grv-error-photo-type")?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| "grv-error-photo-type")?;
    image.apply_orientation(orientation);
    if image.width() > MAX_SIDE || image.height() > MAX_SIDE {
        image = image.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    // Photographs stay JPEG; a PNG (a drawing, a logo, transparency) stays PNG.
    let content_type = match format {
        ImageFormat::Png => {
            image
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| "grv-error-photo-type")?;
            "image/png"
        }
        _ => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
                .encode_image(&rgb)
                .map_err(|_| "grv-error-photo-type")?;
            "image/jpeg"
        }
    };
    Ok(Cleaned {
        bytes: out,
        content_type,
        width: image.width(),
        height: image.height(),
    })
}

/// Rules of a credit line: given with every photo (whose it is: "© Antoine Hin"), one line,
/// at most [`MAX_CREDIT`] characters.
pub fn credit_error(credit: &str) -> Option<&'static str> {
    let c = credit.trim();
    if c.is_empty() {
        Some("grv-error-photo-credit")
    } else if c.chars().count() > MAX_CREDIT || c.chars().any(|ch| ch.is_control() || invisible(ch))
    {
        Some("grv-error-photo-credit-line")
    } else if !c.chars().any(char::is_alphanumeric) {
        Some("grv-error-photo-credit")
    } else {
        None
    }
}

/// Characters that print nothing or reorder what follows (zero-width, bidirectional
/// overrides): a credit line must read as it is shown.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 255) as u8, 80, 160]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn a_large_photo_is_shrunk_to_the_longest_side_allowed() {
        let c = clean(&jpeg(2400, 1600)).unwrap();
        assert_eq!((c.width, c.height), (1200, 800));
        assert_eq!(c.content_type, "image/jpeg");
        assert!(c.bytes.starts_with(&[0xFF, 0xD8]));
    }

    #[test]
    fn only_jpeg_and_png_are_photos() {
        assert_eq!(clean(b"GIF89a....").unwrap_err(), "grv-error-photo-type");
        assert_eq!(clean(b"%PDF-1.7").unwrap_err(), "grv-error-photo-type");
        assert_eq!(clean(b"").unwrap_err(), "grv-error-photo-missing");
        // A JPEG cut short decodes to nothing.
        let j = jpeg(64, 64);
        assert_eq!(
            clean(&j[..j.len() / 2]).unwrap_err(),
            "grv-error-photo-type"
        );
    }

    #[test]
    fn a_credit_line_is_one_line_given_with_the_photo() {
        assert_eq!(credit_error("© Antoine Hin"), None);
        assert_eq!(credit_error("  \t"), Some("grv-error-photo-credit"));
        assert_eq!(
            credit_error("\u{200B}"),
            Some("grv-error-photo-credit-line")
        );
        assert_eq!(
            credit_error("\u{202E}niH eniotnA ©"),
            Some("grv-error-photo-credit-line")
        );
        assert_eq!(credit_error("© —"), Some("grv-error-photo-credit"));
        assert_eq!(credit_error("a\nb"), Some("grv-error-photo-credit-line"));
        assert_eq!(
            credit_error(&"x".repeat(121)),
            Some("grv-error-photo-credit-line")
        );
    }
}
