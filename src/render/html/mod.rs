//! The HTML room: how `*.html.tera` templates turn a view into a web page.
//!
//! - Tera's own HTML autoescaping escapes every string a template prints,
//!   so an inspector's text can never become markup;
//! - `{{ x | rik }}` renders a Markdown text ([`Rich`]) as HTML, its
//!   sub-headings and footnotes as the view placed them (see
//!   `view::headings`); `{{ x | rik(niva=3) }}` turns the sub-headings of
//!   an unplaced text into `<h3>` and below; `{{ x | rik(inline=true) }}`
//!   leaves out the `<p>` around a text of one paragraph, for use inside a
//!   line.
//!
//! Nothing is done to a page after its template: numbers, anchors, the
//! contents and the notes are all in the view.

pub mod contained;
mod draft;
pub mod markup;

use std::collections::HashMap;

use tera::{Filter, Tera, Value};

pub use draft::mark_placeholders;

use super::{heading_level, rich_value};

/// The suffix of HTML templates.
pub const SUFFIX: &str = ".html.tera";

/// Sets up a Tera instance for HTML templates.
pub fn configure(tera: &mut Tera) {
    tera.autoescape_on(vec![SUFFIX]);
    tera.register_filter("rik", RichFilter);
}

/// `rik(niva=N)`: a Markdown text as HTML.
struct RichFilter;

impl Filter for RichFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = rich_value(value, "rik")?;
        let inline = matches!(args.get("inline"), Some(Value::Bool(true)));
        let html = match (inline, text.blocks.as_slice()) {
            (true, [crate::markdown::Block::Paragraph(inlines)]) => markup::inline(inlines),
            _ => markup::rich(&text, heading_level(args)?),
        };
        Ok(Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
