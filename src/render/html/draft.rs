//! Drafts for fact-checking: every TODO placeholder in the text of a web
//! page is highlighted, so the unit head sees what is not written yet.

/// Highlights every TODO placeholder in the text of `<body>` (not in tags,
/// and not inside SVG, whose text is not HTML), for a draft.
pub fn mark_placeholders(html: &str) -> String {
    const TODO: &str = "TODO";
    let Some(body) = html.find("<body") else { return html.to_owned() };
    let mut out = String::with_capacity(html.len() + 256);
    out.push_str(&html[..body]);
    let mut rest = &html[body..];
    let mut in_svg = false;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            if tag.starts_with("<svg") {
                in_svg = true;
            } else if tag.starts_with("</svg") {
                in_svg = false;
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        if in_svg {
            out.push_str(text);
        } else {
            out.push_str(&text.replace(TODO, "<mark class=\"todo\">TODO</mark>"));
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_marked_in_text_only() {
        let html =
            "<title>TODO</title><body><p title=\"TODO\">Skriv TODO här</p><svg><title>TODO</title></svg>TODO</body>";
        assert_eq!(
            mark_placeholders(html),
            "<title>TODO</title><body><p title=\"TODO\">Skriv <mark class=\"todo\">TODO</mark> här</p><svg><title>TODO</title></svg><mark class=\"todo\">TODO</mark></body>"
        );
    }
}
