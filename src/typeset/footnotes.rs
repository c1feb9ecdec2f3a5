//! Keeping a paragraph's footnotes on its page.
//!
//! Typst keeps a footnote's entry on its marker's page by moving the
//! marker's line (or unbreakable block) to the next page, but only for the
//! first footnote of that line or block. When a short paragraph with
//! several footnotes ends a page, the later entries can go to the next page
//! while the paragraph stays: the entry is read a page after its marker,
//! and the paragraph's tagged text goes back a page after it.
//!
//! The Typst markup marks each such paragraph with `#metadata(n)`, `n`
//! being its number of footnotes, labelled [`MARK`]. After a compilation,
//! [`breaks`] finds the marks whose paragraph lost an entry to a later page;
//! the caller puts a weak column break before each and compiles again, so
//! the paragraph starts the next page with all its notes.

use typst::WorldExt;
use typst::foundations::{Label, NativeElement, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::model::{FootnoteElem, HeadingElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::world::ReportWorld;

/// The label of the mark before a paragraph kept with its footnotes.
pub const MARK: &str = "granska-fotnoter";

/// What is put before a paragraph that must start a new page.
pub const BREAK: &str = "#colbreak(weak: true)";

/// The places in the main source (byte offsets) where a paragraph whose
/// footnote entries did not all stay on its page starts: before the
/// headings right above it, which belong on its page.
pub fn breaks(world: &ReportWorld, document: &PagedDocument) -> Vec<usize> {
    let Some(label) = Label::new(PicoStr::intern(MARK)) else { return Vec::new() };
    let source = world.main_source().text();
    let introspector = document.introspector();
    let selector = Selector::Or(
        [Selector::Label(label), FootnoteElem::ELEM.select(), HeadingElem::ELEM.select()].into_iter().collect(),
    );
    let mut out = Vec::new();
    // The headings right above the paragraph being read: where the first
    // starts and where the last starts.
    let mut top: Option<(usize, usize)> = None;
    // The paragraph being read: where it starts, and how many notes are left.
    let mut open: Option<(usize, i64)> = None;
    for element in introspector.query(&selector) {
        let Some(start) = world.range(element.span()).map(|r| r.start).filter(|s| *s <= source.len()) else {
            continue;
        };
        if element.is::<HeadingElem>() {
            top = match top {
                Some((first, last)) if right_above(source, last, start) => Some((first, start)),
                _ => Some((start, start)),
            };
            continue;
        }
        if let Some(mark) = element.to_packed::<MetadataElem>() {
            let Value::Int(count) = mark.value else { continue };
            let start = match top {
                Some((first, last)) if right_above(source, last, start) => first,
                _ => start,
            };
            open = Some((start, count));
            top = None;
            continue;
        }
        top = None;
        let Some(note) = element.to_packed::<FootnoteElem>() else { continue };
        if note.is_ref() {
            continue;
        }
        let Some((start, left)) = open.as_mut().filter(|(_, left)| *left > 0) else { continue };
        *left -= 1;
        let Some(location) = element.location() else { continue };
        // The entry is located at the note's first derived location.
        let (marker, entry) = (introspector.page(location), introspector.page(location.variant(1)));
        if let (Some(marker), Some(entry)) = (marker, entry)
            && entry > marker
            && out.last() != Some(start)
        {
            out.push(*start);
        }
    }
    out
}

/// Whether the element starting at `above` ends right above the one
/// starting at `below`: only its own line and white space between them.
/// (A call's span may cover only its name, so the rest of its line is
/// taken as part of it.)
fn right_above(source: &str, above: usize, below: usize) -> bool {
    above <= below && {
        let between = &source[above..below];
        let rest = between.find('\n').map_or("", |n| &between[n..]);
        rest.trim_end_matches('#').trim().is_empty()
    }
}

/// `source` with a break before each of `at` (byte offsets, ascending),
/// unless one is already there. `None` when nothing changes.
pub fn insert_breaks(source: &str, at: &[usize]) -> Option<String> {
    let mut out = String::with_capacity(source.len() + at.len() * BREAK.len());
    let (mut from, mut changed) = (0, false);
    for &offset in at {
        // A call's span starts after its `#`.
        let offset = offset - usize::from(source[..offset].ends_with('#'));
        if source[..offset].ends_with(BREAK) {
            continue;
        }
        out.push_str(&source[from..offset]);
        out.push_str(BREAK);
        (from, changed) = (offset, true);
    }
    if !changed {
        return None;
    }
    out.push_str(&source[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_break_goes_before_the_call_once() {
        let source = "a\n\n#metadata(2)<m>#block[x]";
        let at = source.find("metadata").unwrap();
        let once = insert_breaks(source, &[at]).unwrap();
        assert_eq!(once, format!("a\n\n{BREAK}#metadata(2)<m>#block[x]"));
        let again = once.find("metadata").unwrap();
        assert_eq!(insert_breaks(&once, &[again]), None);
    }

    #[test]
    fn headings_right_above_a_paragraph_go_with_it() {
        let source = "#heading(level: 1)[A]\n\n#heading(level: 2)[B]\n\n#metadata(1)";
        let (a, b, m) = (1, source.find("heading(level: 2").unwrap(), source.find("metadata").unwrap());
        assert!(right_above(source, a, b));
        assert!(right_above(source, b, m));
        let with_text = "#heading(level: 2)[B]\n\nText between.\n\n#metadata(1)";
        assert!(!right_above(with_text, 1, with_text.find("metadata").unwrap()));
    }
}
