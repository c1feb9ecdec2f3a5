//! Markdown (as inspectors write it in text fields) to Typst markup.
//!
//! Supported: paragraphs, emphasis, strong, strikethrough, bullet and
//! numbered lists, block quotes, links (http, https, mailto), inline code and
//! code blocks, simple tables, and footnotes (`[^1]` … `[^1]: text`), which
//! become Typst footnotes. Headings inside a text field become bold
//! paragraphs (the report owns the heading structure), images become their
//! alt text (text fields never load files), raw HTML is shown as text.
//!
//! Every piece of text goes through [`escape::markup`] or
//! [`escape::string_literal`]; the only Typst syntax in the output is what
//! this module writes itself. The report text is data, never code.

pub mod escape;
pub mod normalize;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Containers nested deeper than this are flattened into their parent, so
/// pathological input cannot exhaust Typst's parser or our stack.
const MAX_DEPTH: usize = 16;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Converts a Markdown text field to Typst markup that shows exactly what was
/// written. The text is first normalised (see [`normalize::block`]).
pub fn to_typst(markdown: &str) -> String {
    let text = normalize::block(markdown);
    let events: Vec<Event> = Parser::new_ext(&text, options()).collect();
    let (body, definitions) = split_footnote_definitions(events);
    let footnotes: HashMap<String, String> = definitions
        .into_iter()
        .map(|(label, events)| {
            let markup = Writer::new(&HashMap::new()).run(events);
            (label, markup.trim().to_owned())
        })
        .collect();
    Writer::new(&footnotes).run(body).trim().to_owned()
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
}

/// Finds footnote references without definitions and definitions without
/// references. Offsets refer to `markdown` as given (not normalised), so the
/// caller can point at the source.
pub fn footnote_problems(markdown: &str) -> Vec<Problem> {
    let mut defined = HashMap::new();
    let mut used = HashMap::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.entry(label.to_string()).or_insert(range);
            }
            Event::FootnoteReference(label) => {
                used.entry(label.to_string()).or_insert(range);
            }
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
    problems.sort_by_key(|p| p.range.start);
    problems
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

/// What a container on the writer's stack must write when it ends.
enum Frame {
    /// A content block `[...]` (or the whole field) that began at byte
    /// `start` of the output: blocks inside are separated by blank lines.
    Content { closer: &'static str, start: usize },
    /// A function call whose arguments are content blocks (list, table).
    Args { closer: &'static str },
    /// A container we flattened because it was nested too deep.
    Flattened,
    /// An element whose text we collect verbatim (code block, image alt).
    Collect { kind: Collect, text: String },
}

#[derive(Clone, Copy)]
enum Collect {
    CodeBlock,
    ImageAlt,
}

struct Writer<'f> {
    out: String,
    stack: Vec<Frame>,
    footnotes: &'f HashMap<String, String>,
}

impl<'f> Writer<'f> {
    fn new(footnotes: &'f HashMap<String, String>) -> Self {
        Writer { out: String::new(), stack: vec![Frame::Content { closer: "", start: 0 }], footnotes }
    }

    fn run<'a>(mut self, events: impl IntoIterator<Item = Event<'a>>) -> String {
        for event in events {
            self.event(event);
        }
        while self.stack.len() > 1 {
            self.close();
        }
        self.out
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    /// Separates a new block from whatever precedes it in the innermost
    /// content frame.
    fn begin_block(&mut self) {
        if let Some(Frame::Content { start, .. }) = self.stack.iter().rev().find(|f| !matches!(f, Frame::Flattened))
            && self.out.len() > *start
        {
            self.out.push_str("\n\n");
        }
    }

    /// Whether the innermost real container is a function call's argument
    /// list (code mode), where only content blocks may appear.
    fn in_args(&self) -> bool {
        matches!(self.stack.iter().rev().find(|f| !matches!(f, Frame::Flattened)), Some(Frame::Args { .. }))
    }

    fn open(&mut self, opener: &str, frame: Frame) {
        if self.depth() > MAX_DEPTH && !self.in_args() {
            self.stack.push(Frame::Flattened);
            return;
        }
        self.out.push_str(opener);
        self.stack.push(frame);
    }

    fn open_content(&mut self, opener: &str) {
        let start = self.out.len() + opener.len();
        self.open(opener, Frame::Content { closer: "]", start });
    }

    fn close(&mut self) {
        match self.stack.pop() {
            Some(Frame::Content { closer, .. } | Frame::Args { closer }) => self.out.push_str(closer),
            Some(Frame::Collect { kind: Collect::CodeBlock, text }) => {
                let code = text.strip_suffix('\n').unwrap_or(&text);
                self.out.push_str("#raw(block: true, ");
                self.out.push_str(&escape::string_literal(code));
                self.out.push(')');
            }
            Some(Frame::Collect { kind: Collect::ImageAlt, text }) => self.out.push_str(&escape::markup(&text)),
            Some(Frame::Flattened) | None => {}
        }
    }

    fn collecting(&mut self) -> Option<&mut String> {
        match self.stack.last_mut() {
            Some(Frame::Collect { text, .. }) => Some(text),
            _ => None,
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(buffer) = self.collecting() {
            buffer.push_str(text);
        } else {
            self.out.push_str(&escape::markup(text));
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                if let Some(buffer) = self.collecting() {
                    buffer.push_str(&code);
                } else {
                    self.out.push_str("#raw(");
                    self.out.push_str(&escape::string_literal(&code));
                    self.out.push(')');
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
            Event::FootnoteReference(label) => match self.footnotes.get(label.as_ref()) {
                Some(note) => {
                    self.out.push_str("#footnote[");
                    self.out.push_str(note);
                    self.out.push(']');
                }
                None => self.text(&format!("[^{label}]")),
            },
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                if let Some(buffer) = self.collecting() {
                    buffer.push(' ');
                } else {
                    self.out.push_str("#linebreak()");
                }
            }
            Event::Rule => {
                self.begin_block();
                self.out.push_str("#line(length: 100%)");
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag) {
        if self.collecting().is_some() {
            // Only image alt text can contain nested inline tags; keep their text.
            self.stack.push(Frame::Flattened);
            return;
        }
        match tag {
            Tag::Paragraph => {
                self.begin_block();
                self.stack.push(Frame::Flattened);
            }
            Tag::Heading { .. } => {
                self.begin_block();
                self.open_content("#strong[");
            }
            Tag::BlockQuote(_) => {
                self.begin_block();
                self.open_content("#quote(block: true)[");
            }
            Tag::CodeBlock(_) => {
                self.begin_block();
                self.stack.push(Frame::Collect { kind: Collect::CodeBlock, text: String::new() });
            }
            Tag::HtmlBlock => {
                self.begin_block();
                self.stack.push(Frame::Flattened);
            }
            Tag::List(start) => {
                self.begin_block();
                let opener = match start {
                    Some(n) => format!("#enum(start: {n}, "),
                    None => "#list(".to_owned(),
                };
                self.open(&opener, Frame::Args { closer: ")" });
            }
            Tag::Item => self.open_item(),
            Tag::Table(alignments) => {
                self.begin_block();
                let aligns: Vec<&str> = alignments.iter().map(alignment).collect();
                let opener = format!("#table(columns: {}, align: ({},), ", aligns.len().max(1), aligns.join(", "));
                self.open(&opener, Frame::Args { closer: ")" });
            }
            Tag::TableHead => self.open("table.header(", Frame::Args { closer: "), " }),
            Tag::TableRow => self.stack.push(Frame::Flattened),
            Tag::TableCell => self.open_item(),
            Tag::Emphasis => self.open_content("#emph["),
            Tag::Strong => self.open_content("#strong["),
            Tag::Strikethrough => self.open_content("#strike["),
            Tag::Superscript => self.open_content("#super["),
            Tag::Subscript => self.open_content("#sub["),
            Tag::Link { link_type, dest_url, .. } => {
                let url = match link_type {
                    LinkType::Email if !dest_url.starts_with("mailto:") => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                if is_safe_url(&url) {
                    self.open_content(&format!("#link({})[", escape::string_literal(&url)));
                } else {
                    self.stack.push(Frame::Flattened);
                }
            }
            Tag::Image { .. } => self.stack.push(Frame::Collect { kind: Collect::ImageAlt, text: String::new() }),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.stack.push(Frame::Flattened),
        }
    }

    /// Opens a list item or table cell: a content block argument of the
    /// enclosing call, or (when that call was flattened) a separated block.
    fn open_item(&mut self) {
        if self.in_args() {
            self.out.push('[');
            self.stack.push(Frame::Content { closer: "], ", start: self.out.len() });
        } else {
            self.begin_block();
            self.stack.push(Frame::Flattened);
        }
    }

    fn end(&mut self, _tag: TagEnd) {
        self.close();
    }
}

fn alignment(alignment: &Alignment) -> &'static str {
    match alignment {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// Links may only point to the web or to an e-mail address: never to a file.
fn is_safe_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests;
