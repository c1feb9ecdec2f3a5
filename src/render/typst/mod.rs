//! The Typst room: how `*.typ.tera` templates turn a view into Typst source.
//!
//! The view is format-neutral, so safety is the template engine's job here:
//! - every string a template prints with `{{ … }}` is escaped as Typst
//!   markup by Tera's autoescaping (with [`escape::markup`] as the escape
//!   function), so plain text can never become Typst code;
//! - `{{ x | lit }}` prints a string as a Typst string literal, for code
//!   positions such as `set document(title: …)`;
//! - `{{ x | rik }}` renders a Markdown text ([`Rich`]) as markup, its
//!   sub-headings at the levels the view placed them (`rik(forskjutning=1)`
//!   one level deeper, where the title is a heading); `{{ x | rik(niva=3) }}`
//!   turns the sub-headings of an unplaced text into headings from level 3
//!   down.
//!
//! Numbers print as they are.

pub mod escape;
pub mod markup;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use tera::{Filter, Tera, Value};

use super::{heading_level, kind, rich_value};

/// The suffix of Typst templates.
pub const SUFFIX: &str = ".typ.tera";

/// Sets up a Tera instance for Typst templates.
pub fn configure(tera: &mut Tera) {
    tera.autoescape_on(vec![SUFFIX]);
    tera.set_escape_fn(escape::markup);
    tera.register_filter("lit", Literal);
    tera.register_filter("rik", RichFilter);
}

/// `lit`: a string (or number) as a Typst string literal.
struct Literal;

impl Filter for Literal {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        match value {
            Value::String(text) => Ok(Value::String(escape::string_literal(text))),
            Value::Number(n) => Ok(Value::String(escape::string_literal(&n.to_string()))),
            other => Err(tera::Error::msg(format!("filtret `lit` gäller text, inte {}", kind(other)))),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `rik(niva=N)`: a Markdown text as Typst markup.
struct RichFilter;

impl Filter for RichFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = rich_value(value, "rik")?;
        // `inline` makes no difference here: a paragraph is just its text.
        let shift = match args.get("forskjutning") {
            None => 0,
            Some(value) => value
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .filter(|n| *n <= 5)
                .ok_or_else(|| tera::Error::msg("`forskjutning` i filtret `rik` ska vara ett heltal 0–5"))?,
        };
        Ok(Value::String(markup::rich(&text, heading_level(args)?, shift)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
