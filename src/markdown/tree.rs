//! The parsed, format-neutral form of an inspector's Markdown text: what
//! view structs carry, and what each output format renders on its own
//! terms. Text nodes hold the characters exactly as the reader should see
//! them; nothing in the tree is markup of any output format.

use serde::{Deserialize, Serialize};

/// A text field parsed from Markdown. Serialised as an object with one key,
/// [`Rich::KEY`], so that a template can tell it from a plain string (see
/// `render`): printing one without its format's `rik` filter shows
/// `[object]`, never unescaped text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rich {
    #[serde(rename = "granska:rik")]
    pub blocks: Vec<Block>,
}

impl Rich {
    /// The key a rich text serialises under.
    pub const KEY: &'static str = "granska:rik";

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// A block of text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "b", content = "c")]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A sub-heading written in the field (`### Rubrik`). `level` is
    /// relative to the section the field sits in: 1 is the first level
    /// below it, whatever number of `#` the inspector used for it.
    /// `placed` is set when a view has placed the text in its document
    /// (see `view::headings`).
    Heading {
        level: u8,
        body: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        placed: Option<Placed>,
    },
    /// `start` is the first number of a numbered list, `None` for bullets.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "i", content = "c")]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Code(String),
    /// Only web and e-mail addresses (`https:`, `http:`, `mailto:`).
    Link {
        url: String,
        body: Vec<Inline>,
    },
    /// A footnote, with its text, at the place of its reference; `number`
    /// is its number in the document once a view has placed the text (0
    /// before).
    Footnote {
        number: u32,
        body: Vec<Block>,
    },
    LineBreak,
}

/// Where a sub-heading stands in its document: its level there and the
/// anchor a link to it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub level: u8,
    pub anchor: String,
}

/// The alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Rich {
    /// The text a reader sees, without any formatting: words of every
    /// block and footnote, separated by spaces (for search, alternative
    /// texts and checks).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        blocks_text(&self.blocks, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn blocks_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Heading { body: inlines, .. } => inlines_text(inlines, out),
            Block::List { items, .. } => items.iter().for_each(|item| blocks_text(item, out)),
            Block::Quote(inner) => blocks_text(inner, out),
            Block::Code(code) => out.push_str(code),
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inlines_text(cell, out);
                    out.push(' ');
                }
            }
            Block::Rule => {}
        }
        out.push(' ');
    }
}

fn inlines_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => inlines_text(inner, out),
            Inline::Link { body, .. } => inlines_text(body, out),
            Inline::Footnote { body, .. } => {
                out.push(' ');
                blocks_text(body, out);
            }
            Inline::LineBreak => out.push(' '),
        }
    }
}

/// The document levels of a text's sub-headings, for any output format:
/// relative level 1 (`###` in Markdown) is `base`, and a heading is never
/// more than one level below the one before it, so levels never skip, even
/// where the lint stage was bypassed.
#[derive(Debug, Clone, Copy)]
pub struct HeadingLevels {
    base: u8,
    /// The relative level of the last heading placed (0 before the first).
    previous: u8,
}

impl HeadingLevels {
    pub fn new(base: u8) -> HeadingLevels {
        HeadingLevels { base, previous: 0 }
    }

    /// The document level of the next heading, written at relative `level`.
    pub fn place(&mut self, level: u8) -> u8 {
        let relative = level.clamp(1, self.previous + 1);
        self.previous = relative;
        self.base.saturating_add(relative - 1)
    }
}
