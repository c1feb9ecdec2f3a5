//! The last step of an HTML document, after its template: what Typst does
//! for the PDF by itself.
//!
//! - Headings in `<main>` get ids, and those written `<hN data-nr>` get
//!   numbers ("2.1"), counted the way Typst counts numbered headings, so
//!   the HTML and the PDF are numbered alike.
//! - `<!-- granska:innehall -->` becomes the table of contents: every `<h2>`
//!   and `<h3>` of `<main>`, linked.
//! - Footnotes (`<granska-fotnot>` elements left by the `rik` filter) are
//!   numbered in reading order, replaced by a linked marker, and listed at
//!   `<!-- granska:fotnoter -->` with links back.
//! - Every table's container (`<div class="tabell">`, which scrolls
//!   sideways on a narrow screen) can be reached with the keyboard and is
//!   named by the table's caption.
//!
//! In a draft, [`mark_placeholders`] then highlights every TODO.

use super::markup::{NOTE_CLOSE, NOTE_OPEN};

/// Where the table of contents goes.
pub const CONTENTS: &str = "<!-- granska:innehall -->";
/// Where the footnotes go.
pub const NOTES: &str = "<!-- granska:fotnoter -->";

/// Finishes a rendered HTML document.
pub fn finish(html: &str) -> String {
    let (html, notes) = footnotes(html);
    let (html, headings) = headings(&html);
    let html = table_regions(&html);
    html.replacen(CONTENTS, &contents(&headings), 1).replacen(NOTES, &notes, 1)
}

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

/// The container of each table, as templates and the `rik` filter write it.
const TABLE: &str = "<div class=\"tabell\">";

/// Makes each table container a focusable region named by its caption (a
/// scrolling region must be reachable by keyboard, WCAG 2.1.1).
fn table_regions(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    let mut n = 0;
    while let Some(at) = rest.find(TABLE) {
        n += 1;
        out.push_str(&rest[..at]);
        let after = &rest[at + TABLE.len()..];
        let caption = after.find("<caption>").filter(|c| after[..*c].trim() == "<table>");
        match caption {
            Some(c) => {
                let id = format!("tabell-{n}");
                out.push_str(&format!(
                    "<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}\">{}<caption id=\"{id}\">",
                    &after[..c]
                ));
                rest = &after[c + "<caption>".len()..];
            }
            None => {
                out.push_str("<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\">");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A heading of `<main>`.
struct Heading {
    level: u8,
    id: String,
    /// The number and the text, as shown in the contents.
    label: String,
}

/// Numbers and names the headings of `<main>`.
fn headings(html: &str) -> (String, Vec<Heading>) {
    let Some(start) = html.find("<main") else { return (html.to_owned(), Vec::new()) };
    let end = html.find("</main>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + 1024);
    out.push_str(&html[..start]);
    let mut found = Vec::new();
    let mut counters = [0u32; 7];
    let mut ids: Vec<String> = Vec::new();
    let mut rest = &html[start..end];
    while let Some(at) = next_heading(rest) {
        out.push_str(&rest[..at]);
        let level = rest.as_bytes()[at + 2] - b'0';
        let open_end = at + rest[at..].find('>').expect("a heading tag ends");
        let attributes = &rest[at + 3..open_end];
        let close = format!("</h{level}>");
        let body_end = open_end + rest[open_end..].find(&close).unwrap_or(rest.len() - open_end);
        let body = &rest[open_end + 1..body_end];
        let numbered = attributes.contains("data-nr");
        let number = numbered.then(|| {
            counters[usize::from(level)] += 1;
            counters[usize::from(level) + 1..].fill(0);
            (2..=usize::from(level)).map(|l| counters[l].to_string()).collect::<Vec<_>>().join(".")
        });
        let id = unique(
            &mut ids,
            match &number {
                Some(n) => format!("avsnitt-{}", n.replace('.', "-")),
                None => slug(&strip_tags(body)),
            },
        );
        let shown = match &number {
            Some(n) => format!("<span class=\"nr\">{n}</span> {body}"),
            None => body.to_owned(),
        };
        out.push_str(&format!("<h{level} id=\"{id}\">{shown}</h{level}>"));
        let text = strip_tags(body);
        found.push(Heading { level, id, label: number.map_or(text.clone(), |n| format!("{n} {text}")) });
        rest = &rest[(body_end + close.len()).min(rest.len())..];
    }
    out.push_str(rest);
    out.push_str(&html[end..]);
    (out, found)
}

/// The next `<h1>`…`<h6>` start tag without an id of its own.
fn next_heading(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = html[from..].find("<h") {
        let at = from + pos;
        let bytes = html.as_bytes();
        let is_heading = bytes.get(at + 2).is_some_and(|b| (b'1'..=b'6').contains(b))
            && bytes.get(at + 3).is_some_and(|b| *b == b'>' || *b == b' ');
        if is_heading {
            let tag_end = html[at..].find('>').map_or(html.len(), |e| at + e);
            if !html[at..tag_end].contains(" id=") {
                return Some(at);
            }
        }
        from = at + 2;
    }
    None
}

/// The table of contents: `<h2>` entries with their `<h3>` below them.
fn contents(headings: &[Heading]) -> String {
    let mut out = String::from("<ol class=\"innehall\">\n");
    let (mut item_open, mut sub_open) = (false, false);
    for h in headings.iter().filter(|h| h.level == 2 || h.level == 3) {
        let link = format!("<a href=\"#{}\">{}</a>", h.id, h.label);
        // An <h3> before any <h2> has nothing to sit under: it goes first.
        if h.level == 3 && item_open {
            if !sub_open {
                out.push_str("\n<ol>\n");
                sub_open = true;
            }
            out.push_str(&format!("<li>{link}</li>\n"));
            continue;
        }
        if sub_open {
            out.push_str("</ol>");
            sub_open = false;
        }
        if item_open {
            out.push_str("</li>\n");
        }
        out.push_str(&format!("<li>{link}"));
        item_open = true;
    }
    if sub_open {
        out.push_str("</ol>");
    }
    if item_open {
        out.push_str("</li>\n");
    }
    out.push_str("</ol>");
    out
}

/// Replaces each footnote by a numbered marker and returns the list of
/// notes (empty when there are none).
fn footnotes(html: &str) -> (String, String) {
    let mut out = String::with_capacity(html.len());
    let mut notes = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(NOTE_OPEN) {
        out.push_str(&rest[..at]);
        let body_start = at + NOTE_OPEN.len();
        let body_end = body_start + rest[body_start..].find(NOTE_CLOSE).unwrap_or(rest.len() - body_start);
        notes.push(rest[body_start..body_end].to_owned());
        let n = notes.len();
        out.push_str(&format!(
            "<sup class=\"fotnot\"><a id=\"fotnotsref-{n}\" href=\"#fotnot-{n}\" aria-describedby=\"fotnoter-rubrik\">{n}</a></sup>"
        ));
        rest = &rest[(body_end + NOTE_CLOSE.len()).min(rest.len())..];
    }
    out.push_str(rest);
    if notes.is_empty() {
        return (out, String::new());
    }
    let mut list = String::from(
        "<section class=\"fotnoter\" aria-labelledby=\"fotnoter-rubrik\">\n<h2 id=\"fotnoter-rubrik\">Fotnoter</h2>\n<ol>\n",
    );
    for (i, note) in notes.iter().enumerate() {
        let n = i + 1;
        list.push_str(&format!(
            "<li id=\"fotnot-{n}\">{note} <a href=\"#fotnotsref-{n}\" class=\"tillbaka\" aria-label=\"Tillbaka till hänvisning {n}\">↩</a></li>\n"
        ));
    }
    list.push_str("</ol>\n</section>");
    (out, list)
}

/// The text of some HTML, tags removed (entities kept: it goes back into
/// HTML).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An id from text: lower-case ASCII letters and digits with dashes.
fn slug(text: &str) -> String {
    let slug = crate::output::slug(text);
    if slug.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { slug } else { format!("a-{slug}") }
}

/// `id`, or `id-2`, `id-3` … if already taken.
fn unique(taken: &mut Vec<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_headings_count_like_typst_and_fill_the_contents() {
        let html = format!(
            "<nav>{CONTENTS}</nav><main><h2>Sammanfattning</h2><h3>Kvalitetsnivåer</h3><h2 data-nr>Metod</h2><h3 data-nr>Frågor</h3><h4>Underrubrik</h4><h2 data-nr>Kvalitetsområden</h2><h3 data-nr>Trygghet &amp; säkerhet</h3><h3 data-nr>Effektivitet</h3></main>"
        );
        let done = finish(&html);
        assert!(done.contains("<h2 id=\"avsnitt-1\"><span class=\"nr\">1</span> Metod</h2>"), "{done}");
        assert!(
            done.contains("<h3 id=\"avsnitt-2-1\"><span class=\"nr\">2.1</span> Trygghet &amp; säkerhet</h3>"),
            "{done}"
        );
        assert!(done.contains("<h4 id=\"underrubrik\">Underrubrik</h4>"), "{done}");
        assert!(done.contains("<h2 id=\"sammanfattning\">Sammanfattning</h2>"), "{done}");
        let contents = &done[done.find("<nav>").unwrap()..done.find("</nav>").unwrap()];
        assert_eq!(
            contents,
            "<nav><ol class=\"innehall\">\n<li><a href=\"#sammanfattning\">Sammanfattning</a>\n<ol>\n<li><a href=\"#kvalitetsnivaer\">Kvalitetsnivåer</a></li>\n</ol></li>\n<li><a href=\"#avsnitt-1\">1 Metod</a>\n<ol>\n<li><a href=\"#avsnitt-1-1\">1.1 Frågor</a></li>\n</ol></li>\n<li><a href=\"#avsnitt-2\">2 Kvalitetsområden</a>\n<ol>\n<li><a href=\"#avsnitt-2-1\">2.1 Trygghet &amp; säkerhet</a></li>\n<li><a href=\"#avsnitt-2-2\">2.2 Effektivitet</a></li>\n</ol></li>\n</ol>"
        );
    }

    #[test]
    fn footnotes_are_numbered_in_order_and_linked_both_ways() {
        let html = format!(
            "<main><p>A<granska-fotnot>Första.</granska-fotnot> B<granska-fotnot>Andra.</granska-fotnot></p>{NOTES}</main>"
        );
        let done = finish(&html);
        assert!(done.contains("A<sup class=\"fotnot\"><a id=\"fotnotsref-1\" href=\"#fotnot-1\""), "{done}");
        assert!(done.contains("<li id=\"fotnot-2\">Andra. <a href=\"#fotnotsref-2\""), "{done}");
        assert!(!done.contains("granska-fotnot"));
        assert_eq!(finish(&format!("<main><p>Inga noter.</p>{NOTES}</main>")), "<main><p>Inga noter.</p></main>");
    }

    #[test]
    fn table_containers_are_focusable_regions_named_by_their_caption() {
        let done = finish(
            "<div class=\"tabell\"><table>\n<caption>Tabell 1: Fakta</caption></table></div><div class=\"tabell\"><table></table></div>",
        );
        assert!(done.contains("<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-labelledby=\"tabell-1\"><table>\n<caption id=\"tabell-1\">Tabell 1: Fakta</caption>"), "{done}");
        assert!(
            done.contains("<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\"><table></table>"),
            "{done}"
        );
    }

    #[test]
    fn placeholders_are_marked_in_text_only() {
        let html =
            "<title>TODO</title><body><p title=\"TODO\">Skriv TODO här</p><svg><title>TODO</title></svg>TODO</body>";
        assert_eq!(
            mark_placeholders(html),
            "<title>TODO</title><body><p title=\"TODO\">Skriv <mark class=\"todo\">TODO</mark> här</p><svg><title>TODO</title></svg><mark class=\"todo\">TODO</mark></body>"
        );
    }

    #[test]
    fn repeated_heading_texts_get_distinct_ids() {
        let done = finish("<main><h3>Iakttagelser</h3><h3>Iakttagelser</h3></main>");
        assert!(done.contains("id=\"iakttagelser\"") && done.contains("id=\"iakttagelser-2\""), "{done}");
    }
}
