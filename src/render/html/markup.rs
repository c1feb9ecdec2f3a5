//! A [`Rich`] text as HTML. Every piece of text is escaped; the only markup
//! in the output is what this module writes. Headings and footnotes carry
//! what the view placed them as (`view::headings`): a sub-heading its level
//! and anchor, a footnote its number, written as a marker that links to the
//! document's list of notes (which the template prints from the view).

use crate::markdown::{Align, Block, HeadingLevels, Inline, Rich};

/// The id of the heading of the list of footnotes, which every marker
/// points to as its description.
pub const NOTES_HEADING_ID: &str = "fotnoter-rubrik";

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `text` as HTML. With `level` set, sub-headings become `<hN>`
/// elements from that level down (marked as unnumbered); without it they
/// become bold paragraphs.
pub fn rich(text: &Rich, level: Option<u8>) -> String {
    let mut writer = Writer { out: String::new(), headings: level.map(HeadingLevels::new) };
    writer.blocks(&text.blocks, true);
    writer.out
}

/// Inline content as HTML, without a paragraph around it.
pub fn inline(inlines: &[Inline]) -> String {
    let mut writer = Writer { out: String::new(), headings: None };
    writer.inlines(inlines);
    writer.out
}

struct Writer {
    out: String,
    /// Where sub-headings go, if headings are allowed.
    headings: Option<HeadingLevels>,
}

impl Writer {
    fn blocks(&mut self, blocks: &[Block], top: bool) {
        for block in blocks {
            self.block(block, top);
        }
    }

    fn block(&mut self, block: &Block, top: bool) {
        match block {
            Block::Paragraph(inlines) => self.wrapped("<p>", inlines, "</p>\n"),
            Block::Heading { body, placed: Some(placed), .. } if top => {
                // Document level N is <h(N+1)>: the title is the only <h1>.
                let level = (placed.level + 1).min(6);
                let open = format!("<h{level} id=\"{}\">", escape(&placed.anchor));
                self.wrapped(&open, body, &format!("</h{level}>\n"));
            }
            Block::Heading { level, body, .. } => match self.headings.as_mut().filter(|_| top).map(|h| h.place(*level))
            {
                Some(level) => {
                    let level = level.min(6);
                    self.wrapped(&format!("<h{level}>"), body, &format!("</h{level}>\n"));
                }
                None => {
                    self.out.push_str("<p><strong>");
                    self.inlines(body);
                    self.out.push_str("</strong></p>\n");
                }
            },
            Block::List { start, items } => {
                let (open, close) = match start {
                    Some(1) => ("<ol>\n".to_owned(), "</ol>\n"),
                    Some(n) => (format!("<ol start=\"{n}\">\n"), "</ol>\n"),
                    None => ("<ul>\n".to_owned(), "</ul>\n"),
                };
                self.out.push_str(&open);
                for item in items {
                    self.out.push_str("<li>");
                    // A tight item is one paragraph: no <p> around it.
                    match item.as_slice() {
                        [Block::Paragraph(inlines)] => self.inlines(inlines),
                        blocks => self.blocks(blocks, false),
                    }
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(close);
            }
            Block::Quote(inner) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(inner, false);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                self.out.push_str("<pre><code>");
                self.out.push_str(&escape(code));
                self.out.push_str("</code></pre>\n");
            }
            Block::Table { align, head, rows } => self.table(align, head, rows),
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    fn table(&mut self, align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        let class = |i: usize| match align.get(i) {
            Some(Align::Right) => " class=\"tal\"",
            Some(Align::Center) => " class=\"mitt\"",
            _ => "",
        };
        self.out.push_str(
            "<div class=\"tabell\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\"><table>\n<thead><tr>",
        );
        for (i, cell) in head.iter().enumerate() {
            self.wrapped(&format!("<th scope=\"col\"{}>", class(i)), cell, "</th>");
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.wrapped(&format!("<td{}>", class(i)), cell, "</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table></div>\n");
    }

    fn wrapped(&mut self, open: &str, inlines: &[Inline], close: &str) {
        self.out.push_str(open);
        self.inlines(inlines);
        self.out.push_str(close);
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.out.push_str(&escape(text)),
                Inline::Emphasis(inner) => self.wrapped("<em>", inner, "</em>"),
                Inline::Strong(inner) => self.wrapped("<strong>", inner, "</strong>"),
                Inline::Strikethrough(inner) => self.wrapped("<s>", inner, "</s>"),
                Inline::Code(code) => {
                    self.out.push_str("<code>");
                    self.out.push_str(&escape(code));
                    self.out.push_str("</code>");
                }
                Inline::Link { url, body } => {
                    self.wrapped(&format!("<a href=\"{}\">", escape(url)), body, "</a>");
                }
                Inline::Footnote { number: 0, body } => {
                    // A text no view placed (never in granska's own
                    // documents): the note's text stays where it is.
                    self.out.push_str(" (");
                    let headings = self.headings.take();
                    match body.as_slice() {
                        [Block::Paragraph(inlines)] => self.inlines(inlines),
                        blocks => self.blocks(blocks, false),
                    }
                    self.headings = headings;
                    self.out.push(')');
                }
                Inline::Footnote { number, .. } => self.out.push_str(&format!(
                    "<sup class=\"fotnot\"><a id=\"fotnotsref-{number}\" href=\"#fotnot-{number}\" aria-describedby=\"{NOTES_HEADING_ID}\">{number}</a></sup>"
                )),
                Inline::LineBreak => self.out.push_str("<br>"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn html(text: &str) -> String {
        rich(&markdown::parse(text), None)
    }

    #[test]
    fn text_is_escaped_and_raw_html_stays_text() {
        assert_eq!(
            html("<script>alert('x')</script> & <b>fet</b>"),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;</p>\n"
        );
        assert_eq!(
            html("<div onclick=\"x\">\nblock\n</div>"),
            "<p>&lt;div onclick=&quot;x&quot;&gt;\nblock\n&lt;/div&gt;</p>\n"
        );
    }

    #[test]
    fn markdown_becomes_the_matching_elements() {
        assert_eq!(html("*a* **b** ~~c~~ `d`"), "<p><em>a</em> <strong>b</strong> <s>c</s> <code>d</code></p>\n");
        assert_eq!(html("- ett\n- två"), "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n");
        assert_eq!(html("3. tre"), "<ol start=\"3\">\n<li>tre</li>\n</ol>\n");
        assert_eq!(
            html("[Stockholm](https://stockholm.se/?a=1&b=\"2\")"),
            "<p><a href=\"https://stockholm.se/?a=1&amp;b=&quot;2&quot;\">Stockholm</a></p>\n"
        );
        assert_eq!(html("[fil](file:///etc/passwd)"), "<p>fil</p>\n");
    }

    #[test]
    fn tables_have_column_headers_with_scope() {
        let table = html("| Hinder | Antal |\n|---|--:|\n| Arbetslös | 224 |");
        assert!(table.contains("<th scope=\"col\">Hinder</th><th scope=\"col\" class=\"tal\">Antal</th>"), "{table}");
        assert!(table.contains("<td>Arbetslös</td><td class=\"tal\">224</td>"), "{table}");
    }

    #[test]
    fn footnotes_are_marked_in_place_and_headings_follow_the_level() {
        assert_eq!(html("Text[^1].\n\n[^1]: Källa."), "<p>Text (Källa.).</p>\n");
        let mut outliner = crate::view::headings::Outliner::new(true);
        let placed = outliner.text(markdown::parse("### Fakta[^1]\n\nText[^2].\n\n[^1]: A.\n[^2]: B."), 2);
        assert_eq!(
            rich(&placed, None),
            "<h3 id=\"fakta\">Fakta<sup class=\"fotnot\"><a id=\"fotnotsref-1\" href=\"#fotnot-1\" aria-describedby=\"fotnoter-rubrik\">1</a></sup></h3>\n<p>Text<sup class=\"fotnot\"><a id=\"fotnotsref-2\" href=\"#fotnot-2\" aria-describedby=\"fotnoter-rubrik\">2</a></sup>.</p>\n"
        );
        let headed = rich(&markdown::parse("### Dokumentation\n\nText\n\n#### Journaler"), Some(3));
        assert_eq!(headed, "<h3>Dokumentation</h3>\n<p>Text</p>\n<h4>Journaler</h4>\n");
        assert_eq!(html("# Rubrik"), "<p><strong>Rubrik</strong></p>\n");
    }
}
