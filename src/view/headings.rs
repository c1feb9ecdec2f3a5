//! The heading structure of a document, made once in the view so that
//! every format shows the same: numbers ("2.1", counted the way Typst
//! counts numbered headings), anchors, the table of contents, and
//! footnotes numbered in reading order.
//!
//! A view builds its document top to bottom and asks the [`Outliner`] for
//! each heading it places, each Markdown text it prints and each numbered
//! table or figure, in that order.
//! The Typst room lets Typst number the PDF itself (by the same rules); the
//! HTML room prints what is here.

use std::collections::HashSet;

use serde::Serialize;

use crate::markdown::{Block, Inline, Placed, Rich};

/// The prefixes of the ids the web templates give tables, diagrams and
/// lists (`tabell-3`, `diagram-1` …): never a heading's.
const TEMPLATE_ID_PREFIXES: [&str; 5] = ["tabell-", "diagram-", "andringar-", "dokument-", "matris-"];

/// A heading as every format shows it.
#[derive(Debug, Clone, Serialize)]
pub struct HeadingView {
    /// 1 for a chapter; HTML shows level N as `<h(N+1)>`.
    pub niva: u8,
    /// "2.1"; `None` for an unnumbered heading.
    pub nummer: Option<String>,
    pub titel: String,
    /// The id a link to it uses, e.g. "avsnitt-2-1" or "sammanfattning".
    pub ankare: String,
}

/// One line of the table of contents, with the lines below it.
#[derive(Debug, Clone, Serialize)]
pub struct ContentsEntry {
    pub niva: u8,
    /// The number and the title, as listed: "2.1 Trygghet och säkerhet".
    pub text: String,
    pub ankare: String,
    /// The entries one level below, up to the next entry at this level.
    pub under: Vec<ContentsEntry>,
}

/// A footnote, for the list of notes (the HTML edition's; Typst places
/// the PDF's itself).
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub nummer: u32,
    pub text: Rich,
}

/// Numbers the headings and footnotes of one document in reading order.
#[derive(Debug)]
pub struct Outliner {
    /// Whether headings that may be numbered are.
    numbering: bool,
    counters: [u32; 8],
    anchors: HashSet<String>,
    contents: Vec<ContentsEntry>,
    notes: Vec<NoteView>,
    tables: u32,
    figures: u32,
}

impl Outliner {
    pub fn new(numbering: bool) -> Outliner {
        Outliner {
            numbering,
            counters: [0; 8],
            anchors: HashSet::new(),
            contents: Vec::new(),
            notes: Vec::new(),
            tables: 0,
            figures: 0,
        }
    }

    /// The number of the next numbered table ("Tabell 3"), counted as
    /// Typst counts table figures.
    pub fn table(&mut self) -> u32 {
        self.tables += 1;
        self.tables
    }

    /// The number of the next numbered figure, a chart ("Figur 2").
    pub fn figure(&mut self) -> u32 {
        self.figures += 1;
        self.figures
    }

    /// The next heading, at `level` (1–6); numbered when `numbered` and
    /// the document numbers headings.
    pub fn heading(&mut self, level: u8, title: &str, numbered: bool) -> HeadingView {
        let level = level.clamp(1, 6);
        let number = (numbered && self.numbering).then(|| {
            let at = usize::from(level);
            self.counters[at] += 1;
            self.counters[at + 1..].fill(0);
            (1..=at).map(|l| self.counters[l].to_string()).collect::<Vec<_>>().join(".")
        });
        let anchor = self.anchor(match &number {
            Some(n) => format!("avsnitt-{}", n.replace('.', "-")),
            None => slug(title),
        });
        let text = match &number {
            Some(n) => format!("{n} {title}"),
            None => title.to_owned(),
        };
        self.contents.push(ContentsEntry { niva: level, text, ankare: anchor.clone(), under: Vec::new() });
        HeadingView { niva: level, nummer: number, titel: title.to_owned(), ankare: anchor }
    }

    /// Places a Markdown text whose sub-headings start at `level`: each
    /// sub-heading gets its level (never skipping one) and an anchor, and
    /// each footnote its number.
    pub fn text(&mut self, mut text: Rich, level: u8) -> Rich {
        let mut previous = 0u8;
        for block in &mut text.blocks {
            if let Block::Heading { level: relative, body, placed } = block {
                let relative_level = (*relative).clamp(1, previous + 1);
                previous = relative_level;
                let absolute = level.saturating_add(relative_level - 1).min(6);
                let title = plain_without_notes(body);
                let anchor = self.anchor(slug(&title));
                self.contents.push(ContentsEntry {
                    niva: absolute,
                    text: title,
                    ankare: anchor.clone(),
                    under: Vec::new(),
                });
                *placed = Some(Placed { level: absolute, anchor });
            }
        }
        self.notes_in(&mut text.blocks);
        text
    }

    /// Numbers the footnotes of a text that has no headings of its own (a
    /// table cell, a note below a table).
    pub fn inline_text(&mut self, mut text: Rich) -> Rich {
        self.notes_in(&mut text.blocks);
        text
    }

    fn notes_in(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(inlines) | Block::Heading { body: inlines, .. } => self.notes_inline(inlines),
                Block::List { items, .. } => items.iter_mut().for_each(|item| self.notes_in(item)),
                Block::Quote(inner) => self.notes_in(inner),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                        self.notes_inline(cell);
                    }
                }
                Block::Code(_) | Block::Rule => {}
            }
        }
    }

    fn notes_inline(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                    self.notes_inline(inner)
                }
                Inline::Link { body, .. } => self.notes_inline(body),
                Inline::Footnote { number, body } => {
                    *number = self.notes.len() as u32 + 1;
                    self.notes.push(NoteView { nummer: *number, text: Rich { blocks: body.clone() } });
                    // A note inside a note is not a thing Markdown makes.
                }
                Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => {}
            }
        }
    }

    /// `id`, or `id-2`, `id-3` … if already taken. The templates' own ids
    /// (tables, diagrams, lists) have prefixes of their own; a heading
    /// whose id would start with one gets `avsnitt-` before it.
    fn anchor(&mut self, id: String) -> String {
        let id = if TEMPLATE_ID_PREFIXES.iter().any(|p| id.starts_with(p)) { format!("avsnitt-{id}") } else { id };
        let mut candidate = id.clone();
        let mut n = 1;
        while self.anchors.contains(&candidate) {
            n += 1;
            candidate = format!("{id}-{n}");
        }
        self.anchors.insert(candidate.clone());
        candidate
    }

    /// The table of contents down to `depth`, as a tree, and the
    /// footnotes.
    pub fn finish(self, depth: u8) -> (Vec<ContentsEntry>, Vec<NoteView>) {
        let mut roots: Vec<ContentsEntry> = Vec::new();
        for entry in self.contents.into_iter().filter(|e| e.niva <= depth) {
            insert(&mut roots, entry);
        }
        (roots, self.notes)
    }
}

/// Puts `entry` under the last entry of a higher level, or at this level
/// when there is none (a heading before any chapter stays at the top).
fn insert(list: &mut Vec<ContentsEntry>, entry: ContentsEntry) {
    match list.last_mut() {
        Some(last) if last.niva < entry.niva => insert(&mut last.under, entry),
        _ => list.push(entry),
    }
}

/// The words of inline text without its footnotes, for a heading's entry
/// in the contents.
fn plain_without_notes(inlines: &[Inline]) -> String {
    let mut out = String::new();
    fn walk(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => walk(inner, out),
                Inline::Link { body, .. } => walk(body, out),
                Inline::LineBreak => out.push(' '),
                Inline::Footnote { .. } => {}
            }
        }
    }
    walk(inlines, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An id from text: lower-case ASCII letters and digits with dashes,
/// starting with a letter.
fn slug(text: &str) -> String {
    let slug = crate::output::slug(text);
    if slug.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) { slug } else { format!("a-{slug}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_headings_count_like_typst() {
        let mut o = Outliner::new(true);
        let summary = o.heading(1, "Sammanfattning", false);
        let method = o.heading(1, "Metod", true);
        let questions = o.heading(2, "Frågor", true);
        let areas = o.heading(1, "Kvalitetsområden", true);
        let first = o.heading(2, "Trygghet & säkerhet", true);
        let second = o.heading(2, "Effektivitet", true);
        assert_eq!(summary.nummer, None);
        assert_eq!(summary.ankare, "sammanfattning");
        assert_eq!(method.nummer.as_deref(), Some("1"));
        assert_eq!(questions.ankare, "avsnitt-1-1");
        assert_eq!(areas.nummer.as_deref(), Some("2"));
        assert_eq!(first.nummer.as_deref(), Some("2.1"));
        assert_eq!(second.nummer.as_deref(), Some("2.2"));
        let (contents, _) = o.finish(1);
        let listed: Vec<&str> = contents.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(listed, ["Sammanfattning", "1 Metod", "2 Kvalitetsområden"]);
        assert!(contents.iter().all(|c| c.under.is_empty()));
    }

    #[test]
    fn without_numbering_nothing_is_numbered() {
        let mut o = Outliner::new(false);
        assert_eq!(o.heading(1, "Metod", true).nummer, None);
    }

    #[test]
    fn sub_headings_never_skip_and_notes_count_in_reading_order() {
        let mut o = Outliner::new(true);
        o.heading(1, "Metod", true);
        let text = o.text(crate::markdown::parse("Ett[^a].\n\n#### Djup\n\nTvå[^b].\n\n[^a]: A.\n[^b]: B."), 2);
        let placed: Vec<(u8, String)> = text
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { placed: Some(p), .. } => Some((p.level, p.anchor.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(placed, [(2, "djup".to_owned())]);
        let (contents, notes) = o.finish(3);
        assert_eq!(contents.len(), 1);
        assert_eq!(contents[0].under[0].text, "Djup");
        assert_eq!(notes.iter().map(|n| n.nummer).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(notes[1].text.plain_text(), "B.");
    }

    #[test]
    fn repeated_titles_get_distinct_anchors() {
        let mut o = Outliner::new(false);
        assert_eq!(o.heading(2, "Iakttagelser", true).ankare, "iakttagelser");
        assert_eq!(o.heading(2, "Iakttagelser", true).ankare, "iakttagelser-2");
        // A heading never takes a table's id.
        assert_eq!(o.heading(2, "Tabell 1", true).ankare, "avsnitt-tabell-1");
    }
}
