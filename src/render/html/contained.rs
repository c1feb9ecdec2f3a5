//! The last look at a finished web page: it stays one file that runs
//! nothing and loads nothing from elsewhere, whoever wrote the template.
//!
//! The default templates never break this, and inspector text is always
//! escaped; but a project may override a template, and an override can add
//! a script from a CDN, an iframe, or print text with `| safe`. The page is
//! read as a browser would tokenise it (`html5gum`), and every element and
//! attribute that would run code or fetch something is named:
//!
//! - `script`, `iframe`, `frame`, `object`, `embed`, `applet`, `base`, and
//!   `meta http-equiv="refresh"`;
//! - event handler attributes (`onload=…`) and `javascript:` URLs;
//! - `src`, `srcset`, `poster`, `data`, `background` or a stylesheet,
//!   font or icon `link` pointing outside the page (anything but `data:`,
//!   a fragment or a relative path inside `output/`);
//! - CSS `@import` and `url(…)` pointing outside, in `<style>` or `style=`.
//!
//! Plain links (`<a href="https://…">`) are navigation, not loads, and stay.

use html5gum::{Token, Tokenizer};

/// What in `html` breaks self-containment, each as a Swedish phrase
/// ("ett `<script>`-element"); empty when the page is clean.
pub fn breaches(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_style = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(key.as_bytes()))
                        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
                };
                in_style = name == "style";
                if ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"]
                    .contains(&name.as_str())
                {
                    out.push(format!("ett `<{name}>`-element"));
                }
                if name == "meta" && attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) {
                    out.push("en `<meta http-equiv=\"refresh\">` som leder vidare".to_owned());
                }
                if name == "link" && attr("href").is_some_and(|h| outside(&h)) {
                    out.push(format!("en `<link>` som hämtar {}", attr("href").unwrap_or_default()));
                }
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(value);
                    if key.starts_with("on") {
                        out.push(format!("attributet `{key}` på `<{name}>` (kör skript)"));
                    } else if value.trim_start().to_ascii_lowercase().starts_with("javascript:") {
                        out.push(format!("en `javascript:`-adress i `{key}` på `<{name}>`"));
                    } else if ["src", "srcset", "poster", "data", "background"].contains(&key.as_str())
                        && value.split(',').any(|part| outside(part.split_whitespace().next().unwrap_or_default()))
                    {
                        out.push(format!("`{key}` på `<{name}>` hämtar {value}"));
                    } else if key == "style" && css_loads(&value) {
                        out.push(format!("stilen på `<{name}>` hämtar något utifrån"));
                    }
                }
            }
            Token::EndTag(_) => in_style = false,
            Token::String(text) if in_style && css_loads(&String::from_utf8_lossy(&text)) => {
                out.push("stilmallen hämtar något utifrån (`@import` eller `url(…)`)".to_owned());
            }
            _ => {}
        }
    }
    out.dedup();
    out
}

/// Whether a URL loads from outside the page and its folder.
fn outside(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    if url.is_empty() || url.starts_with('#') || url.starts_with("data:") {
        return false;
    }
    // A scheme ("https:", "file:") or a network path ("//cdn…").
    let scheme = url.split_once(':').is_some_and(|(s, _)| !s.is_empty() && !s.contains(['/', '?', '#']));
    scheme || url.starts_with("//") || url.starts_with('/') || url.starts_with('\\')
}

/// Whether CSS text imports or loads anything from outside.
fn css_loads(css: &str) -> bool {
    let css = css.to_ascii_lowercase();
    if css.contains("@import") {
        return true;
    }
    css.match_indices("url(").any(|(at, _)| {
        let rest = &css[at + 4..];
        let inner = rest[..rest.find(')').unwrap_or(rest.len())].trim().trim_matches(['"', '\'']);
        outside(inner)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_text_inline_styles_and_data_images_is_clean() {
        let page = r##"<!DOCTYPE html><html lang="sv"><head><style>h1 { color: #123; background: url("data:image/png;base64,AA") }</style></head>
<body><a href="https://www.stockholm.se">länk</a> <a href="#fotnot-1">1</a> <a href="../index.html">alla</a>
<img src="data:image/svg+xml;base64,AA" alt=""><svg><rect width="1" height="1"/></svg></body></html>"##;
        assert_eq!(breaches(page), Vec::<String>::new());
    }

    #[test]
    fn scripts_frames_handlers_and_outside_loads_are_named() {
        let found = |html: &str| breaches(html);
        assert_eq!(
            found(r#"<script src="https://cdn.example/x.js"></script>"#),
            ["ett `<script>`-element", "`src` på `<script>` hämtar https://cdn.example/x.js"]
        );
        assert_eq!(found("<SCRIPT>alert(1)</SCRIPT>"), ["ett `<script>`-element"]);
        assert_eq!(found(r#"<iframe src="x.html"></iframe>"#), ["ett `<iframe>`-element"]);
        assert_eq!(found(r#"<img src=x onerror="alert(1)">"#), ["attributet `onerror` på `<img>` (kör skript)"]);
        assert_eq!(found(r#"<a href="javascript:alert(1)">x</a>"#), ["en `javascript:`-adress i `href` på `<a>`"]);
        assert_eq!(
            found(r#"<img src="https://spår.example/p.gif">"#),
            ["`src` på `<img>` hämtar https://spår.example/p.gif"]
        );
        assert_eq!(found(r#"<img src="//cdn.example/p.gif">"#).len(), 1);
        assert_eq!(found(r#"<img srcset="a.png 1x, https://x.example/b.png 2x">"#).len(), 1);
        assert_eq!(found(r#"<link rel="stylesheet" href="https://fonts.example/css">"#).len(), 1);
        assert_eq!(found("<style>@import 'https://x.example/a.css';</style>").len(), 1);
        assert_eq!(found("<style>body { background: url(https://x.example/a.png) }</style>").len(), 1);
        assert_eq!(found(r#"<p style="background:url('//x.example/a.png')">x</p>"#).len(), 1);
        assert_eq!(found(r#"<meta http-equiv="refresh" content="0;url=https://x.example">"#).len(), 1);
        assert_eq!(found(r#"<object data="https://x.example/a.swf"></object>"#).len(), 2);
    }
}
