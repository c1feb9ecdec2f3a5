//! The generated Typst sources of earlier builds in this process, for
//! `granska watch`.
//!
//! Typst memoises layout by content, and content carries the spans of the
//! markup it came from. A fresh parse numbers every syntax node anew, so an
//! edit that adds markup (an escaped bracket, emphasis) can renumber
//! everything after it, and the rebuild after such an edit then misses the
//! cache for the rest of the document (measured: 94 % of the cold time). Reparsing the new text as an edit of the
//! previous version keeps the spans of the unchanged markup, so the rest of
//! the document is found in the cache.

use std::collections::HashMap;
use std::sync::Mutex;

use typst::syntax::Source;

use super::world::main_id;

/// The last source of each document, by document identifier.
#[derive(Default)]
pub struct Sources {
    last: Mutex<HashMap<String, Source>>,
}

impl Sources {
    /// `text` as the main source of document `ident`: an incremental
    /// reparse of the previous version when there is one.
    pub fn update(&self, ident: &str, text: String) -> Source {
        let Ok(mut last) = self.last.lock() else { return Source::new(main_id(), text) };
        match last.get_mut(ident) {
            Some(source) => {
                source.replace(&text);
                source.clone()
            }
            None => {
                let source = Source::new(main_id(), text);
                last.insert(ident.to_owned(), source.clone());
                source
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_keeps_the_spans_of_the_markup_after_it() {
        let sources = Sources::default();
        let before = "= Rubrik\n\nHandläggarna var noga.\n\nEtt stycke längre ned.\n";
        let after = "= Rubrik\n\nHandläggarna var \\(mycket\\) noga.\n\nEtt stycke längre ned.\n";
        let first = sources.update("a.pdf", before.to_owned());
        let second = sources.update("a.pdf", after.to_owned());
        assert_eq!(second.text(), after);

        let last_span = |s: &Source| s.root().children().last().expect("nodes").span();
        assert_eq!(last_span(&first), last_span(&second), "the paragraph after the edit keeps its span");
        // A fresh parse of the same text numbers it differently.
        assert_ne!(last_span(&Source::new(main_id(), after.to_owned())), last_span(&second));
    }

    #[test]
    fn documents_do_not_share_a_source() {
        let sources = Sources::default();
        sources.update("a.pdf", "A".to_owned());
        assert_eq!(sources.update("b.pdf", "B".to_owned()).text(), "B");
        assert_eq!(sources.update("a.pdf", "A2".to_owned()).text(), "A2");
    }
}
