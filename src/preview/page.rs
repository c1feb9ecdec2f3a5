//! What the preview adds to a page on its way to the browser: the reload
//! script and, after a failed build, the errors. Never written to disk.

use super::CHANGE_PATH;
use crate::render::html::markup::escape;

/// The page as the preview sends it: the script before `</head>`, the
/// errors first in `<body>`.
pub fn decorate(html: &str, generation: u64, errors: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + 2048);
    let script = reload_script(generation);
    let head_end = html.find("</head>");
    let body_start = html.find("<body").and_then(|at| html[at..].find('>').map(|end| at + end + 1));
    match (head_end, body_start) {
        (Some(head), Some(body)) if head < body => {
            out.push_str(&html[..head]);
            out.push_str(&script);
            out.push_str(&html[head..body]);
            out.push_str(&banner(errors));
            out.push_str(&html[body..]);
        }
        // Not a page the build wrote: shown as it is, still reloading.
        _ => {
            out.push_str(html);
            out.push_str(&script);
        }
    }
    out
}

/// The page for an address with nothing (yet): the errors of the last
/// build, if any, and a reload when the next build is done.
pub fn missing(generation: u64, errors: &[String]) -> String {
    let body = if errors.is_empty() {
        "<p>Sidan finns inte (ännu). Den visas här när ett bygge har gjort den.</p>".to_owned()
    } else {
        banner(errors)
    };
    document("Förhandsvisning", &reload_script(generation), &body)
}

/// A short page that says why a request was refused.
pub fn message(why: &str) -> String {
    document("Förhandsvisning", "", &format!("<p>{}</p>", escape(why)))
}

fn document(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>{head}</head><body><main>{body}</main></body></html>\n"
    )
}

/// Asks which build is the newest a few times a second, and reloads when
/// it is not the one this page came from.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function () {{\n\
         var shown = \"{generation}\";\n\
         function poll() {{\n\
         fetch(\"{CHANGE_PATH}\", {{ cache: \"no-store\" }})\n\
         .then(function (r) {{ return r.text(); }})\n\
         .then(function (now) {{ if (now !== shown) {{ location.reload(); }} else {{ setTimeout(poll, 300); }} }})\n\
         .catch(function () {{ setTimeout(poll, 1000); }});\n\
         }}\n\
         setTimeout(poll, 300);\n\
         }})();</script>"
    )
}

/// The last build's errors, located as in the terminal, or nothing.
fn banner(errors: &[String]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let count = if errors.len() == 1 { "ett fel".to_owned() } else { format!("{} fel", errors.len()) };
    let mut out = format!(
        "<section role=\"alert\" aria-labelledby=\"granska-fel\" style=\"border:3px solid #a4000f;\
         background:#fff4f4;color:#1a1a1a;padding:1rem;margin:0 0 1rem\">\
         <h2 id=\"granska-fel\" style=\"margin-top:0\">Underlaget har {count}</h2>\
         <p>Det som visas nedan är från det senaste bygget utan fel. Rätta felen och spara, \
         så uppdateras sidan.</p>"
    );
    for error in errors {
        out.push_str("<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere\">");
        out.push_str(&escape(error));
        out.push_str("</pre>");
    }
    out.push_str("</section>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html lang=\"sv\"><head><title>R</title></head><body class=\"x\"><main>Text</main></body></html>";

    #[test]
    fn a_page_gets_the_script_in_its_head_and_nothing_else_when_all_is_well() {
        let page = decorate(PAGE, 7, &[]);
        let head = &page[..page.find("</head>").unwrap()];
        assert!(head.contains("<script>") && head.contains("var shown = \"7\""), "{page}");
        assert!(page.contains("<body class=\"x\"><main>Text</main>"), "{page}");
        assert!(!page.contains("role=\"alert\""));
    }

    #[test]
    fn errors_come_first_in_the_body_as_text() {
        let error = "findings/g/bromma.toml:3:7: fel: <script>alert(1)</script> & mer".to_owned();
        let page = decorate(PAGE, 2, &[error]);
        let body = &page[page.find("<body").unwrap()..];
        assert!(body.starts_with("<body class=\"x\"><section role=\"alert\""), "{body}");
        assert!(body.contains("Underlaget har ett fel"));
        assert!(body.contains("bromma.toml:3:7: fel: &lt;script&gt;alert(1)&lt;/script&gt; &amp; mer"), "{body}");
        assert_eq!(page.matches("<script>").count(), 1);
    }

    #[test]
    fn a_missing_page_shows_the_errors_and_waits_for_the_next_build() {
        let page = missing(3, &["a.toml:1:1: fel: x".to_owned(), "b.toml:2:1: fel: y".to_owned()]);
        assert!(page.contains("Underlaget har 2 fel") && page.contains("var shown = \"3\""), "{page}");
        assert!(missing(3, &[]).contains("Sidan finns inte (ännu)"));
    }
}
