//! Checks an image (the organisation's logo) once, before any document is
//! built, with the same decoder Typst will use: a broken or oversized image
//! is then one clear error against `granska.toml`, not a failure in every
//! document. Raster sizes are read from the header before anything is
//! decoded, so an image that claims 60 000 × 60 000 pixels (or a
//! decompression bomb) is refused without allocating for it.

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

/// The widest or tallest raster image accepted, in pixels.
pub const MAX_SIDE: usize = 8_000;
/// The most pixels a raster image may have (about 160 MB decoded).
pub const MAX_PIXELS: usize = 40_000_000;

/// What is wrong with an image: a Swedish sentence, and the decoder's own
/// words when it said something.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub detail: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>) -> Problem {
        Problem { message: message.into(), detail: None }
    }
}

/// Whether `bytes` is an image Typst can embed: an SVG (`svg`) or a PNG or
/// JPEG of reasonable size.
pub fn check(bytes: &[u8], svg: bool) -> Result<(), Problem> {
    if svg {
        return check_svg(bytes);
    }
    let size =
        imagesize::blob_size(bytes).map_err(|_| Problem::new("är ingen PNG- eller JPG-bild som går att läsa"))?;
    if size.width > MAX_SIDE || size.height > MAX_SIDE || size.width * size.height > MAX_PIXELS {
        return Err(Problem::new(format!(
            "är {} × {} bildpunkter; en logotyp får vara högst {MAX_SIDE} × {MAX_SIDE} (och {} miljoner bildpunkter)",
            size.width,
            size.height,
            MAX_PIXELS / 1_000_000
        )));
    }
    let format = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => ExchangeFormat::Png,
        Ok(imagesize::ImageType::Jpeg) => ExchangeFormat::Jpg,
        _ => return Err(Problem::new("är varken PNG eller JPG")),
    };
    RasterImage::plain(Bytes::new(bytes.to_vec()), format)
        .map(|_| ())
        .map_err(|e| Problem { message: "är skadad och går inte att läsa".into(), detail: Some(e.to_string()) })
}

fn check_svg(bytes: &[u8]) -> Result<(), Problem> {
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::new("är ingen SVG-bild (filen är inte text)"))?;
    // An SVG that links to other image files cannot be embedded on its own.
    let linked = text.match_indices("<image").any(|(at, _)| {
        let tag = &text[at..text[at..].find('>').map_or(text.len(), |e| at + e)];
        tag.split("href=").skip(1).any(|value| !value.trim_start_matches(['"', '\'']).starts_with("data:"))
    });
    if linked {
        return Err(Problem::new(
            "länkar till andra bildfiler; bädda in bilderna i SVG-filen eller spara logotypen som PNG",
        ));
    }
    SvgImage::new(Bytes::new(bytes.to_vec()))
        .map(|_| ())
        .map_err(|e| Problem {
            message: "är ingen SVG-bild som går att läsa".into(), detail: Some(load_message(&e))
        })
}

/// The message of Typst's `LoadError` (its field is private; its debug form
/// carries it as `message: "…"`).
fn load_message(error: &impl std::fmt::Debug) -> String {
    let debug = format!("{error:?}");
    debug
        .split_once("message: \"")
        .and_then(|(_, rest)| rest.rsplit_once('"'))
        .map_or(debug.clone(), |(message, _)| message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) claiming `width` × `height`.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(width.to_be_bytes());
        png.extend(height.to_be_bytes());
        png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        png
    }

    #[test]
    fn huge_claims_broken_files_and_linked_images_are_refused_before_decoding() {
        let huge = check(&png_header(60_000, 60_000), false).unwrap_err();
        assert!(huge.message.starts_with("är 60000 × 60000 bildpunkter"), "{huge:?}");
        let broken = check(&png_header(10, 10), false).unwrap_err();
        assert_eq!(broken.message, "är skadad och går inte att läsa");
        assert!(broken.detail.is_some());
        assert!(check(b"inte en bild", false).is_err());
        let linked = br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="foto.png"/></svg>"#;
        assert!(check(linked, true).unwrap_err().message.starts_with("länkar till andra bildfiler"));
        assert!(check(b"<svg", true).is_err());
        assert_eq!(check(br#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#, true), Ok(()));
    }
}
