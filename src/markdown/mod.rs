//! Markdown, as inspectors write it in text fields, parsed into a
//! format-neutral [`Rich`] tree that every output format renders itself.
//!
//! Supported: paragraphs, emphasis, strong, strikethrough, bullet and
//! numbered lists, block quotes, links (http, https, mailto), inline code and
//! code blocks, simple tables, sub-headings (`### Rubrik`, with levels
//! relative to the section the field sits in) and footnotes (`[^1]` …
//! `[^1]: text`), which are stored at the place of their reference. Images
//! become their alt text (text fields never load files), raw HTML and math
//! are shown as text: the tree only ever holds text to show, never code.

pub mod normalize;
mod tree;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

pub use tree::{Align, Block, HeadingLevels, Inline, Placed, Rich};

/// Containers nested deeper than this are flattened into their parent, so
/// pathological input cannot exhaust an output format's parser or our stack.
pub const MAX_DEPTH: usize = 16;

/// Sub-headings may go this many levels below their section.
pub const MAX_HEADING_DEPTH: u8 = 3;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Parses a Markdown text field. The text is first normalised (see
/// [`normalize::block`]).
pub fn parse(markdown: &str) -> Rich {
    let text = normalize::block(markdown);
    let events: Vec<Event> = Parser::new_ext(&text, options()).collect();
    let top = top_heading_level(&events);
    let (body, definitions) = split_footnote_definitions(events);
    let footnotes: HashMap<String, Vec<Block>> = definitions
        .into_iter()
        .map(|(label, events)| (label, Builder::new(&HashMap::new(), top).run(events)))
        .collect();
    Rich { blocks: Builder::new(&footnotes, top).run(body) }
}

/// Parses a one-line field that may use inline Markdown (a recommendation,
/// a source): the same as [`parse`].
pub fn parse_inline(markdown: &str) -> Rich {
    parse(markdown)
}

/// A problem found in a Markdown field, with its byte range in the
/// (unnormalised) field text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `[^label]` is used but no `[^label]: …` defines it.
    UndefinedFootnote(String),
    /// `[^label]: …` is defined but never referenced.
    UnusedFootnote(String),
    /// A sub-heading skips a level: it has `found` `#` where at most
    /// `allowed` fit under the heading before it.
    SkippedHeadingLevel { found: u8, allowed: u8 },
    /// The field's first sub-heading has more `#` than a later one: it
    /// would sit below a heading that does not exist.
    FirstHeadingTooDeep { found: u8, top: u8 },
    /// A sub-heading is more than [`MAX_HEADING_DEPTH`] levels below its
    /// section.
    HeadingTooDeep { found: u8, deepest: u8 },
}

/// Finds footnote references without definitions, definitions without
/// references, and sub-headings that break the heading hierarchy. Offsets
/// refer to `markdown` as given (not normalised), so the caller can point
/// at the source.
pub fn problems(markdown: &str) -> Vec<Problem> {
    let mut defined = HashMap::new();
    let mut used = HashMap::new();
    let mut headings = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.entry(label.to_string()).or_insert(range);
            }
            Event::FootnoteReference(label) => {
                used.entry(label.to_string()).or_insert(range);
            }
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => headings.push((*level as u8, range)),
            _ => {}
        }
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => depth -= 1,
            _ => {}
        }
    }
    let mut problems: Vec<Problem> = Vec::new();
    // pulldown-cmark leaves references to undefined footnotes as plain text,
    // so look for them in the source.
    for (start, label) in footnote_like_references(markdown) {
        if !defined.contains_key(&label) && !problems.iter().any(|p| p.range.start == start) {
            let end = start + label.len() + 3;
            problems.push(Problem { range: start..end, kind: ProblemKind::UndefinedFootnote(label) });
        }
    }
    for (label, range) in defined {
        if !used.contains_key(&label) {
            problems.push(Problem { range, kind: ProblemKind::UnusedFootnote(label) });
        }
    }
    problems.extend(heading_problems(&headings));
    problems.sort_by_key(|p| p.range.start);
    problems
}

/// Sub-headings step down one level at a time from the field's top level
/// (the fewest `#` used), and go at most [`MAX_HEADING_DEPTH`] deep.
fn heading_problems(headings: &[(u8, Range<usize>)]) -> Vec<Problem> {
    let Some(top) = headings.iter().map(|(level, _)| *level).min() else { return Vec::new() };
    let mut out = Vec::new();
    let mut previous = top - 1;
    for (index, (level, range)) in headings.iter().enumerate() {
        let relative = level - top + 1;
        if index == 0 && *level > top {
            out.push(Problem { range: range.clone(), kind: ProblemKind::FirstHeadingTooDeep { found: *level, top } });
        } else if *level > previous + 1 {
            let kind = ProblemKind::SkippedHeadingLevel { found: *level, allowed: previous + 1 };
            out.push(Problem { range: range.clone(), kind });
        } else if relative > MAX_HEADING_DEPTH {
            let kind = ProblemKind::HeadingTooDeep { found: *level, deepest: top + MAX_HEADING_DEPTH - 1 };
            out.push(Problem { range: range.clone(), kind });
        }
        previous = *level;
    }
    out
}

/// The level (number of `#`) of the field's top sub-headings: the fewest
/// used outside containers.
fn top_heading_level(events: &[Event]) -> u8 {
    let mut depth = 0usize;
    let mut top = u8::MAX;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => top = top.min(*level as u8),
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    if top == u8::MAX { HeadingLevel::H1 as u8 } else { top }
}

/// `[^label]` occurrences that are not definitions (`[^label]:` at the start
/// of a line).
fn footnote_like_references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("[^") {
        let start = from + pos;
        from = start + 2;
        let Some(len) = text[start + 2..].find(']') else { break };
        let label = &text[start + 2..start + 2 + len];
        if label.is_empty() || label.contains(char::is_whitespace) || label.contains('[') {
            continue;
        }
        let at_line_start = text[..start].rsplit('\n').next().is_some_and(|l| l.trim().is_empty());
        let is_definition = at_line_start && text[start + 3 + len..].starts_with(':');
        if !is_definition {
            found.push((start, label.to_owned()));
        }
    }
    found
}

/// Separates `[^x]: …` definitions from the body events.
fn split_footnote_definitions(events: Vec<Event>) -> (Vec<Event>, Vec<(String, Vec<Event>)>) {
    let mut body = Vec::with_capacity(events.len());
    let mut definitions = Vec::new();
    let mut current: Option<(String, Vec<Event>, usize)> = None;
    for event in events {
        match (&mut current, event) {
            (None, Event::Start(Tag::FootnoteDefinition(label))) => {
                current = Some((label.to_string(), Vec::new(), 0));
            }
            (None, event) => body.push(event),
            (Some((_, _, depth)), Event::End(TagEnd::FootnoteDefinition)) if *depth == 0 => {
                let (label, events, _) = current.take().expect("inside a definition");
                definitions.push((label, events));
            }
            (Some((_, events, depth)), event) => {
                match &event {
                    Event::Start(Tag::FootnoteDefinition(_)) => *depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => *depth -= 1,
                    _ => {}
                }
                events.push(event);
            }
        }
    }
    (body, definitions)
}

/// A container being built.
enum Frame {
    /// Collects blocks: the field itself, a block quote, a list item.
    /// Inline content directly inside (a tight list item) gathers in
    /// `loose` and becomes a paragraph.
    Blocks {
        kind: BlocksKind,
        blocks: Vec<Block>,
        loose: Vec<Inline>,
    },
    /// Collects inline content.
    Inlines {
        kind: InlinesKind,
        inlines: Vec<Inline>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    /// Collects text verbatim (code block, image alt text).
    Collect {
        code: bool,
        text: String,
    },
    /// A container we left out (nested too deep, an unsafe link, a
    /// paragraph inside a flattened item): its content goes to the parent.
    Flattened,
}

enum BlocksKind {
    Root,
    Quote,
    Item,
}

enum InlinesKind {
    Paragraph,
    Heading(u8),
    Emphasis,
    Strong,
    Strikethrough,
    Link(String),
    Cell,
}

struct Builder<'f> {
    stack: Vec<Frame>,
    footnotes: &'f HashMap<String, Vec<Block>>,
    /// The number of `#` of the field's top sub-headings.
    top: u8,
}

impl<'f> Builder<'f> {
    fn new(footnotes: &'f HashMap<String, Vec<Block>>, top: u8) -> Self {
        let root = Frame::Blocks { kind: BlocksKind::Root, blocks: Vec::new(), loose: Vec::new() };
        Builder { stack: vec![root], footnotes, top }
    }

    fn run<'a>(mut self, events: impl IntoIterator<Item = Event<'a>>) -> Vec<Block> {
        for event in events {
            self.event(event);
        }
        while self.stack.len() > 1 {
            self.close();
        }
        match self.stack.pop() {
            Some(Frame::Blocks { mut blocks, loose, .. }) => {
                flush(&mut blocks, loose);
                blocks
            }
            _ => Vec::new(),
        }
    }

    /// The innermost frame that is not flattened.
    fn target(&mut self) -> &mut Frame {
        self.stack.iter_mut().rev().find(|f| !matches!(f, Frame::Flattened)).expect("the root frame is never flattened")
    }

    /// How many real containers are open.
    fn depth(&self) -> usize {
        self.stack.iter().filter(|f| !matches!(f, Frame::Flattened)).count()
    }

    fn inline(&mut self, inline: Inline) {
        match self.target() {
            Frame::Inlines { inlines, .. } | Frame::Blocks { loose: inlines, .. } => push_inline(inlines, inline),
            Frame::Collect { text, .. } => {
                if let Inline::Text(t) | Inline::Code(t) = inline {
                    text.push_str(&t);
                }
            }
            // Text directly in a list or table (not in an item or cell)
            // does not occur in CommonMark; dropping it loses nothing.
            Frame::List { .. } | Frame::Table { .. } | Frame::Flattened => {}
        }
    }

    fn block(&mut self, block: Block) {
        match self.target() {
            Frame::Blocks { blocks, loose, .. } => {
                flush(blocks, std::mem::take(loose));
                blocks.push(block);
            }
            // A block inside inline content (only when flattening): keep
            // its text.
            Frame::Inlines { inlines, .. } => {
                let text = Rich { blocks: vec![block] }.plain_text();
                push_inline(inlines, Inline::Text(format!(" {text} ")));
            }
            Frame::Collect { .. } | Frame::List { .. } | Frame::Table { .. } | Frame::Flattened => {}
        }
    }

    fn collecting(&mut self) -> Option<&mut String> {
        match self.stack.last_mut() {
            Some(Frame::Collect { text, .. }) => Some(text),
            _ => None,
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.inline(Inline::Text(text.into_string())),
            Event::Code(code) => match self.collecting() {
                Some(buffer) => buffer.push_str(&code),
                None => self.inline(Inline::Code(code.into_string())),
            },
            Event::Html(html) | Event::InlineHtml(html) => self.inline(Inline::Text(html.into_string())),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.inline(Inline::Text(math.into_string())),
            Event::FootnoteReference(label) => match self.footnotes.get(label.as_ref()) {
                Some(note) => self.inline(Inline::Footnote { number: 0, body: note.clone() }),
                None => self.inline(Inline::Text(format!("[^{label}]"))),
            },
            Event::SoftBreak => self.inline(Inline::Text(" ".to_owned())),
            Event::HardBreak => match self.collecting() {
                Some(buffer) => buffer.push(' '),
                None => self.inline(Inline::LineBreak),
            },
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => self.inline(Inline::Text((if done { "[x] " } else { "[ ] " }).to_owned())),
        }
    }

    fn start(&mut self, tag: Tag) {
        if self.collecting().is_some() {
            // Only image alt text can contain nested inline tags; keep their text.
            self.stack.push(Frame::Flattened);
            return;
        }
        let deep = self.depth() > MAX_DEPTH;
        let frame = match tag {
            Tag::Paragraph => self.in_blocks(Frame::Inlines { kind: InlinesKind::Paragraph, inlines: Vec::new() }),
            Tag::Heading { level, .. } => {
                let relative = (level as u8).saturating_sub(self.top).saturating_add(1);
                self.in_blocks(Frame::Inlines { kind: InlinesKind::Heading(relative), inlines: Vec::new() })
            }
            Tag::BlockQuote(_) if !deep => {
                self.in_blocks(Frame::Blocks { kind: BlocksKind::Quote, blocks: Vec::new(), loose: Vec::new() })
            }
            Tag::CodeBlock(_) => Frame::Collect { code: true, text: String::new() },
            Tag::List(start) if !deep => self.in_blocks(Frame::List { start, items: Vec::new() }),
            Tag::Item => match self.target() {
                Frame::List { .. } => Frame::Blocks { kind: BlocksKind::Item, blocks: Vec::new(), loose: Vec::new() },
                _ => Frame::Flattened,
            },
            Tag::Table(alignments) if !deep => self.in_blocks(Frame::Table {
                align: alignments.iter().map(alignment).collect(),
                head: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
            }),
            Tag::TableCell => match self.target() {
                Frame::Table { .. } => Frame::Inlines { kind: InlinesKind::Cell, inlines: Vec::new() },
                _ => Frame::Flattened,
            },
            Tag::Emphasis if !deep => Frame::Inlines { kind: InlinesKind::Emphasis, inlines: Vec::new() },
            Tag::Strong if !deep => Frame::Inlines { kind: InlinesKind::Strong, inlines: Vec::new() },
            Tag::Strikethrough if !deep => Frame::Inlines { kind: InlinesKind::Strikethrough, inlines: Vec::new() },
            Tag::Link { link_type, dest_url, .. } if !deep => {
                let url = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                if is_safe_url(&url) {
                    Frame::Inlines { kind: InlinesKind::Link(url), inlines: Vec::new() }
                } else {
                    Frame::Flattened
                }
            }
            Tag::Image { .. } => Frame::Collect { code: false, text: String::new() },
            _ => Frame::Flattened,
        };
        self.stack.push(frame);
    }

    /// `frame` where blocks may go; inside flattened content (no block
    /// container to hold it), the frame is left out and its content flows
    /// into the parent.
    fn in_blocks(&mut self, frame: Frame) -> Frame {
        match self.target() {
            Frame::Blocks { .. } => frame,
            _ => Frame::Flattened,
        }
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else { return };
        match frame {
            Frame::Blocks { kind, mut blocks, loose } => {
                flush(&mut blocks, loose);
                match kind {
                    BlocksKind::Quote => self.block(Block::Quote(blocks)),
                    BlocksKind::Item => {
                        if let Frame::List { items, .. } = self.target() {
                            items.push(blocks);
                        }
                    }
                    BlocksKind::Root => {}
                }
            }
            Frame::Inlines { kind, inlines } => match kind {
                InlinesKind::Paragraph => self.block(Block::Paragraph(inlines)),
                InlinesKind::Heading(level) => {
                    // An empty heading (a lone `#`) has nothing to show, and
                    // an accessible document may not have one.
                    let heading = Rich { blocks: vec![Block::Heading { level, body: inlines, placed: None }] };
                    if !heading.plain_text().is_empty() {
                        self.block(heading.blocks.into_iter().next().expect("one block"));
                    }
                }
                InlinesKind::Emphasis => self.inline(Inline::Emphasis(inlines)),
                InlinesKind::Strong => self.inline(Inline::Strong(inlines)),
                InlinesKind::Strikethrough => self.inline(Inline::Strikethrough(inlines)),
                InlinesKind::Link(url) => self.inline(Inline::Link { url, body: inlines }),
                InlinesKind::Cell => {
                    if let Frame::Table { row, .. } = self.target() {
                        row.push(inlines);
                    }
                }
            },
            Frame::List { start, items } => self.block(Block::List { start, items }),
            Frame::Table { align, head, rows, row } => {
                let (head, mut rows) = (head, rows);
                if !row.is_empty() {
                    rows.push(row);
                }
                self.block(Block::Table { align, head, rows });
            }
            Frame::Collect { code: true, text } => {
                let code = text.strip_suffix('\n').unwrap_or(&text).to_owned();
                self.block(Block::Code(code));
            }
            Frame::Collect { code: false, text } => self.inline(Inline::Text(text)),
            Frame::Flattened => {
                // A flattened item or paragraph ends here: what follows is
                // a new paragraph, not a continuation of this one.
                if let Frame::Blocks { blocks, loose, .. } = self.target() {
                    flush(blocks, std::mem::take(loose));
                }
            }
        }
    }

    /// Closes the innermost container; the header row and body rows of a
    /// table end with their own tags, and their cells were collected in
    /// the table's `row`.
    fn end(&mut self, tag: TagEnd) {
        self.close();
        if let (TagEnd::TableHead | TagEnd::TableRow, Frame::Table { head, rows, row, .. }) = (tag, self.target()) {
            let cells = std::mem::take(row);
            if matches!(tag, TagEnd::TableHead) { *head = cells } else { rows.push(cells) }
        }
    }
}

/// Adds an inline, merging adjacent text.
fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(text)) = (inlines.last_mut(), &inline) {
        last.push_str(text);
        return;
    }
    inlines.push(inline);
}

/// Turns gathered loose inline content into a paragraph.
fn flush(blocks: &mut Vec<Block>, loose: Vec<Inline>) {
    let blank = loose.iter().all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty()));
    if !blank {
        blocks.push(Block::Paragraph(loose));
    }
}

fn alignment(alignment: &Alignment) -> Align {
    match alignment {
        Alignment::None | Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// Links may only point to the web or to an e-mail address: never to a file.
fn is_safe_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests;
