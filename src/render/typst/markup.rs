//! A [`Rich`] text as Typst markup.
//!
//! Every piece of text goes through [`escape::markup`] or
//! [`escape::string_literal`]; the only Typst syntax in the output is what
//! this module writes itself. The report text is data, never code.

use super::escape;
use crate::markdown::{Align, Block, HeadingLevels, Inline, Rich};

/// Renders `text` as Typst markup. Sub-headings a view placed become real
/// (unnumbered) headings at their level, plus `shift` (where the document's
/// title is itself a heading, as in the memo); so they are tagged and
/// appear in the PDF outline. Unplaced ones become headings from `level`
/// down when it is set, and bold paragraphs otherwise (inside a table
/// cell, say).
pub fn rich(text: &Rich, level: Option<u8>, shift: u8) -> String {
    let mut writer = Writer { out: String::new(), headings: level.map(HeadingLevels::new), in_heading: false, shift };
    writer.blocks(&text.blocks, true);
    writer.out
}

struct Writer {
    out: String,
    /// Where sub-headings go, if headings are allowed.
    headings: Option<HeadingLevels>,
    /// Writing the body of a heading.
    in_heading: bool,
    /// Added to the level of a placed heading.
    shift: u8,
}

impl Writer {
    /// Writes blocks separated by blank lines; `top` is true for the
    /// field's own blocks (not those inside a list, quote or note).
    fn blocks(&mut self, blocks: &[Block], top: bool) {
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                self.out.push_str("\n\n");
            }
            self.block(block, top);
        }
    }

    fn block(&mut self, block: &Block, top: bool) {
        match block {
            // A short paragraph with marked-up words (emphasis, a link, a
            // footnote) is kept on one page: the PDF's structure lists the
            // paragraph's text before the words inside it, so a paragraph
            // that broke after such a word would read, in that order, a
            // page back (reading-order checks flag it).
            Block::Paragraph(inlines) if top && has_structure(inlines) && plain_len(inlines) <= KEEP_TOGETHER => {
                // Marked, so that typesetting can move it to the next page
                // with all its footnote entries (see `typeset::footnotes`).
                let notes = count_footnotes(inlines);
                if notes > 0 {
                    self.out.push_str(&format!("#metadata({notes})<{}>", crate::typeset::FOOTNOTE_MARK));
                }
                self.wrapped("#block(breakable: false, par[", inlines);
                self.out.push(')');
            }
            Block::Paragraph(inlines) => self.inlines(inlines),
            Block::Heading { body, placed: Some(placed), .. } if top => {
                self.heading(placed.level.saturating_add(self.shift).min(6), body)
            }
            Block::Heading { level, body, .. } => match self.headings.as_mut().filter(|_| top).map(|h| h.place(*level))
            {
                Some(level) => self.heading(level, body),
                None => self.wrapped("#strong[", body),
            },
            Block::List { start, items } => {
                match start {
                    Some(n) => self.out.push_str(&format!("#enum(start: {n}, ")),
                    None => self.out.push_str("#list("),
                }
                for item in items {
                    // A tight item is tagged as bare text in its list body;
                    // a footnote's label there would sit directly in the
                    // body. Written as a paragraph, the label sits in it.
                    match item.as_slice() {
                        [Block::Paragraph(inlines)] if has_footnote(inlines) => {
                            // Kept on one page, as a paragraph of the text is
                            // (see `block`).
                            self.wrapped("[#block(breakable: false, par[", inlines);
                            self.out.push(')');
                        }
                        _ => {
                            self.out.push('[');
                            self.blocks(item, false);
                        }
                    }
                    self.out.push_str("], ");
                }
                self.out.push(')');
            }
            Block::Quote(inner) => {
                self.out.push_str("#quote(block: true)[");
                self.blocks(inner, false);
                self.out.push(']');
            }
            Block::Code(code) => {
                self.out.push_str("#raw(block: true, ");
                self.out.push_str(&escape::string_literal(code));
                self.out.push(')');
            }
            Block::Table { align, head, rows } => {
                let aligns: Vec<&str> = align.iter().map(alignment).collect();
                let columns = aligns.len().max(1);
                self.out.push_str(&format!("#table(columns: {columns}, align: ({},), ", aligns.join(", ")));
                self.out.push_str("table.header(");
                for cell in head {
                    self.cell(cell);
                }
                self.out.push_str("), ");
                for row in rows {
                    for cell in row {
                        self.cell(cell);
                    }
                }
                self.out.push(')');
            }
            Block::Rule => self.out.push_str("#line(length: 100%)"),
        }
    }

    /// A sub-heading: tagged and in the outline, never numbered. Its
    /// footnotes are written so that their text stays out of the PDF's
    /// bookmarks (see [`Writer::in_heading`]).
    fn heading(&mut self, level: u8, body: &[Inline]) {
        self.out.push_str(&format!("#heading(level: {level}, numbering: none)["));
        self.in_heading = true;
        self.inlines(body);
        self.in_heading = false;
        self.out.push(']');
    }

    fn cell(&mut self, cell: &[Inline]) {
        self.out.push('[');
        self.inlines(cell);
        self.out.push_str("], ");
    }

    fn wrapped(&mut self, opener: &str, inlines: &[Inline]) {
        self.out.push_str(opener);
        self.inlines(inlines);
        self.out.push(']');
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.out.push_str(&escape::markup(text)),
                Inline::Emphasis(inner) => self.wrapped("#emph[", inner),
                Inline::Strong(inner) => self.wrapped("#strong[", inner),
                Inline::Strikethrough(inner) => self.wrapped("#strike[", inner),
                Inline::Code(code) => {
                    self.out.push_str("#raw(");
                    self.out.push_str(&escape::string_literal(code));
                    self.out.push(')');
                }
                Inline::Link { url, body } => {
                    let opener = format!("#link({})[", escape::string_literal(url));
                    self.wrapped(&opener, body);
                }
                Inline::Footnote { body, .. } => {
                    // A marker right after a number would read as part of
                    // it ("januari 2011⁴" as "20114"): a thin space keeps
                    // them apart, also in extracted text.
                    if self.out.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                        self.out.push('\u{2009}');
                    }
                    // In a heading, the note's text is given through
                    // `context`: a PDF bookmark is the heading's plain
                    // text, which would otherwise include the whole note.
                    self.out.push_str(if self.in_heading { "#footnote(context [" } else { "#footnote[" });
                    let (headings, in_heading) = (self.headings.take(), std::mem::take(&mut self.in_heading));
                    self.blocks(body, false);
                    (self.headings, self.in_heading) = (headings, in_heading);
                    self.out.push_str(if in_heading { "])" } else { "]" });
                }
                Inline::LineBreak => self.out.push_str("#linebreak()"),
            }
        }
    }
}

/// The longest paragraph (in characters, about fifteen lines) kept on one
/// page.
const KEEP_TOGETHER: usize = 1500;

/// Whether inline text holds a word the PDF tags on its own: emphasis,
/// strong text, a link or a footnote.
fn has_structure(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| {
        matches!(inline, Inline::Footnote { .. } | Inline::Emphasis(_) | Inline::Strong(_) | Inline::Link { .. })
    })
}

/// The length of inline text in characters, footnotes not counted.
fn plain_len(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) | Inline::Code(t) => t.chars().count(),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => plain_len(inner),
            Inline::Link { body, .. } => plain_len(body),
            Inline::Footnote { .. } | Inline::LineBreak => 0,
        })
        .sum()
}

/// Whether inline text holds a footnote, at any depth.
fn has_footnote(inlines: &[Inline]) -> bool {
    count_footnotes(inlines) > 0
}

/// The footnotes in inline text, at any depth.
fn count_footnotes(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Footnote { .. } => 1,
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => count_footnotes(inner),
            Inline::Link { body, .. } => count_footnotes(body),
            Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => 0,
        })
        .sum()
}

fn alignment(alignment: &Align) -> &'static str {
    match alignment {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}
