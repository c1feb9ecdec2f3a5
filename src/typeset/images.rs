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
    check_svg_content(text)?;
    SvgImage::new(Bytes::new(bytes.to_vec()))
        .map(|_| ())
        .map_err(|e| Problem {
            message: "är ingen SVG-bild som går att läsa".into(), detail: Some(load_message(&e))
        })
}

/// The most XML nodes a logo may have.
const MAX_SVG_NODES: u32 = 200_000;

/// What an SVG logo would do beyond being a picture, read as the XML tree a
/// browser builds (so `href = "…"` with spaces, entities and namespaces are
/// seen as the browser sees them): a script, an event handler or foreign
/// HTML would run in every web page that shows it, a link to another file
/// would load it, and its text would be read by everyone.
fn check_svg_content(text: &str) -> Result<(), Problem> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: MAX_SVG_NODES, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| Problem {
            message: "är ingen SVG-bild som går att läsa".into(), detail: Some(e.to_string())
        })?;
    let mut shown = String::new();
    for node in document.descendants() {
        if node.is_text() {
            shown.push_str(node.text().unwrap_or_default());
            shown.push('\n');
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name();
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("foreignObject") {
            return Err(Problem::new(format!(
                "innehåller `<{name}>`, som skulle köras eller visas som webbsida i varje publicerad sida; \
                 spara logotypen på nytt utan den, eller som PNG"
            )));
        }
        for attribute in node.attributes() {
            let key = attribute.name();
            if key.len() > 2 && key[..2].eq_ignore_ascii_case("on") {
                return Err(Problem::new(format!(
                    "har händelsekoden `{key}` på `<{name}>`, som skulle köras i webbläsaren; spara logotypen på nytt utan den"
                )));
            }
            let value = attribute.value().trim();
            let local = key == "href" || key == "src";
            if local && !(value.starts_with('#') || value.to_ascii_lowercase().starts_with("data:")) {
                return Err(Problem::new(format!(
                    "länkar till `{value}`; en logotyp måste vara en fil för sig: bädda in bilderna i SVG-filen eller spara logotypen som PNG"
                )));
            }
            if key == "style" && loads_more(value) {
                return Err(outside_style());
            }
        }
        if name.eq_ignore_ascii_case("style") && loads_more(node.text().unwrap_or_default()) {
            return Err(outside_style());
        }
    }
    if let Some(hit) = crate::guard::scan(&shown).first() {
        return Err(Problem::new(format!(
            "har {} i sin text; ta bort texten ur bilden (rapporterna blir allmänna handlingar)",
            hit.what()
        )));
    }
    Ok(())
}

/// Whether a style would load something from elsewhere.
fn loads_more(style: &str) -> bool {
    let style = style.to_ascii_lowercase();
    style.contains("@import")
        || style.match_indices("url(").any(|(at, _)| {
            let target = style[at + 4..].trim_start_matches([' ', '"', '\'']);
            !(target.starts_with('#') || target.starts_with("data:"))
        })
}

fn outside_style() -> Problem {
    Problem::new("hämtar typsnitt eller bilder från andra filer i sin stil; spara logotypen på nytt som en fil för sig")
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
        assert!(check(linked, true).unwrap_err().message.starts_with("länkar till `foto.png`"));
        assert!(check(b"<svg", true).is_err());
        assert_eq!(check(br#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#, true), Ok(()));
    }

    /// An SVG with its root's namespace around `body`.
    fn svg(body: &str) -> Result<(), Problem> {
        let text = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4">{body}</svg>"#
        );
        check(text.as_bytes(), true)
    }

    #[test]
    fn an_svg_that_would_run_load_or_show_more_than_a_picture_is_refused() {
        let refused = |body: &str, start: &str| {
            let problem = svg(body).expect_err(body);
            assert!(problem.message.starts_with(start), "{body}: {problem:?}");
        };
        refused("<script>alert(1)</script>", "innehåller `<script>`");
        refused(
            r#"<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>"#,
            "innehåller `<foreignObject>`",
        );
        refused(r#"<rect width="1" height="1" onload="alert(1)"/>"#, "har händelsekoden `onload`");
        // The spacing and namespace forms a search for `href=` misses.
        refused(r#"<image href = "https://example.org/a.png"/>"#, "länkar till `https://example.org/a.png`");
        refused(r#"<image xlink:href="foto.png"/>"#, "länkar till `foto.png`");
        refused(
            r#"<a href="javascript:alert(1)"><rect width="1" height="1"/></a>"#,
            "länkar till `javascript:alert(1)`",
        );
        refused(r#"<style>@import url(https://example.org/f.css);</style>"#, "hämtar typsnitt eller bilder");
        refused(r#"<rect style="fill: url('https://example.org/p.svg')"/>"#, "hämtar typsnitt eller bilder");
        refused("<text>Ärende 640823-3234</text>", "har ett personnummer i sin text");
        refused("<title>19640823<tspan>-3234</tspan></title>", "har ett personnummer i sin text");
        // What a drawing program writes is a picture.
        assert_eq!(
            svg(
                r##"<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/><use href="#g"/><text>Solviks kommun 2026</text>"##
            ),
            Ok(())
        );
    }
}
