//! What changed in one findings file: the two versions are parsed as TOML
//! (with positions) and compared key by key, so a change is named by the
//! section and key an inspector knows, not by a line of text. A changed
//! text is compared word by word (`similar`); each changed passage is its
//! own change, at its line in the current file.
//!
//! The comparison is bounded by a deadline for the whole run: past it,
//! `similar` stops refining and reports what is left as one changed
//! passage. A rewrite of a long text is then one coarse change instead of
//! minutes of work; the list stays true, only less detailed.

use std::ops::Range;
use std::time::Instant;

use similar::{ChangeTag, TextDiff};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::locate;

/// One change in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The line in the current file (for something removed: where its
    /// table is now, or 1).
    pub line: usize,
    /// The TOML key path of the changed value, e.g.
    /// `kvalitetsomraden.trygghet_och_sakerhet.iakttagelser`, with array
    /// items numbered from 1: `rekommendation.2.text`.
    pub key: Vec<String>,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A value or passage that reads differently now.
    Changed { before: String, after: String },
    /// A value that was not there before.
    Added(String),
    /// A value that is gone; `line` is where it was in the earlier version.
    Removed { text: String, line: usize },
}

/// The longest excerpt shown of a text.
const MAX_EXCERPT: usize = 160;
/// Words of unchanged text shown on each side of a changed passage.
const CONTEXT_WORDS: usize = 3;

/// The changes from `before` to `after` (both TOML), worked out in detail
/// until `deadline` and coarsely after it. `None` when either does not
/// parse: then only "the file changed" can be said.
pub fn changes(before: &str, after: &str, deadline: Instant) -> Option<Vec<Change>> {
    let old = DeTable::parse(before).ok()?;
    let new = DeTable::parse(after).ok()?;
    let mut walk = Walk { before, after, deadline, out: Vec::new() };
    walk.table(old.get_ref(), new.get_ref(), &mut Vec::new(), 1);
    Some(walk.out)
}

struct Walk<'a> {
    before: &'a str,
    after: &'a str,
    deadline: Instant,
    out: Vec<Change>,
}

impl Walk<'_> {
    fn line_after(&self, span: Range<usize>) -> usize {
        locate(self.after, span).line
    }

    fn line_before(&self, span: Range<usize>) -> usize {
        locate(self.before, span).line
    }

    fn table(&mut self, old: &DeTable, new: &DeTable, path: &mut Vec<String>, anchor: usize) {
        for (key, value) in new.iter() {
            path.push(key.get_ref().to_string());
            let old_value = old.iter().find(|(k, _)| k.get_ref() == key.get_ref()).map(|(_, v)| v);
            match old_value {
                Some(old_value) => self.value(old_value, value, path),
                None => self.added(value, path),
            }
            path.pop();
        }
        for (key, value) in old.iter() {
            if !new.iter().any(|(k, _)| k.get_ref() == key.get_ref()) {
                path.push(key.get_ref().to_string());
                let line = self.line_before(value.span());
                self.out.push(Change {
                    line: anchor,
                    key: path.clone(),
                    what: What::Removed { text: excerpt(&flatten(value.get_ref())), line },
                });
                path.pop();
            }
        }
    }

    fn value(&mut self, old: &Spanned<DeValue>, new: &Spanned<DeValue>, path: &mut Vec<String>) {
        let line = self.line_after(new.span());
        match (old.get_ref(), new.get_ref()) {
            (DeValue::Table(old), DeValue::Table(new)) => self.table(old, new, path, line),
            (DeValue::Array(old_items), DeValue::Array(new_items))
                if new_items.iter().chain(old_items.iter()).any(|i| matches!(i.get_ref(), DeValue::Table(_))) =>
            {
                self.items(old_items, new_items, path, line);
            }
            (DeValue::String(old_text), DeValue::String(new_text)) => {
                if old_text != new_text {
                    self.text(old_text, new_text, new.span(), path);
                }
            }
            (old_value, new_value) => {
                let (before, after) = (flatten(old_value), flatten(new_value));
                if before != after {
                    let what = What::Changed { before: excerpt(&before), after: excerpt(&after) };
                    self.out.push(Change { line, key: path.clone(), what });
                }
            }
        }
    }

    /// The items of an array of tables (recommendations, questions,
    /// results), aligned by content: an item inserted before others is
    /// new, not "every later item changed"; an item taken out is removed.
    /// Items that differ in place are compared key by key. New items are
    /// numbered as they are now, removed ones as they were.
    fn items(&mut self, old: &[Spanned<DeValue>], new: &[Spanned<DeValue>], path: &mut Vec<String>, line: usize) {
        let (old_text, new_text): (Vec<String>, Vec<String>) =
            (old.iter().map(|i| flatten(i.get_ref())).collect(), new.iter().map(|i| flatten(i.get_ref())).collect());
        for op in
            similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &old_text, &new_text, Some(self.deadline))
        {
            let (olds, news) = (op.old_range(), op.new_range());
            let paired = if op.tag() == similar::DiffTag::Replace { olds.len().min(news.len()) } else { 0 };
            if op.tag() == similar::DiffTag::Equal {
                continue;
            }
            for k in 0..paired {
                path.push((news.start + k + 1).to_string());
                self.value(&old[olds.start + k], &new[news.start + k], path);
                path.pop();
            }
            for (j, item) in new.iter().enumerate().take(news.end).skip(news.start + paired) {
                path.push((j + 1).to_string());
                self.added(item, path);
                path.pop();
            }
            for (i, item) in old.iter().enumerate().take(olds.end).skip(olds.start + paired) {
                path.push((i + 1).to_string());
                let text = excerpt(&flatten(item.get_ref()));
                let was = self.line_before(item.span());
                self.out.push(Change { line, key: path.clone(), what: What::Removed { text, line: was } });
                path.pop();
            }
        }
    }

    fn added(&mut self, value: &Spanned<DeValue>, path: &[String]) {
        let line = self.line_after(value.span());
        self.out.push(Change { line, key: path.to_vec(), what: What::Added(excerpt(&flatten(value.get_ref()))) });
    }

    /// A changed text: one change per changed passage, with a few words
    /// around it, at the passage's own line.
    fn text(&mut self, old: &str, new: &str, span: Range<usize>, path: &[String]) {
        let diff = TextDiff::configure().deadline(self.deadline).diff_words(old, new);
        let first_line = self.line_after(span.clone()) + usize::from(opens_multiline(&self.after[span.start..]));
        let new_tokens = diff.new_slices();
        for group in diff.grouped_ops(CONTEXT_WORDS * 2) {
            let (mut before, mut after) = (String::new(), String::new());
            for op in &group {
                for change in diff.iter_changes(op) {
                    match change.tag() {
                        ChangeTag::Equal => {
                            before.push_str(change.value());
                            after.push_str(change.value());
                        }
                        ChangeTag::Delete => before.push_str(change.value()),
                        ChangeTag::Insert => after.push_str(change.value()),
                    }
                }
            }
            let start = group.first().map_or(0, |op| op.new_range().start);
            // The line is the first changed word's, not the context's.
            let changed =
                group.iter().find(|op| op.tag() != similar::DiffTag::Equal).map_or(start, |op| op.new_range().start);
            let offset: usize = new_tokens[..changed].iter().map(|t| t.len()).sum();
            let line = first_line + new[..offset.min(new.len())].matches('\n').count();
            let (before_cut, after_cut) =
                (start > 0, group.last().is_some_and(|op| op.new_range().end < new_tokens.len()));
            let what = What::Changed {
                before: excerpt(&ellipsis(&before, before_cut, after_cut)),
                after: excerpt(&ellipsis(&after, before_cut, after_cut)),
            };
            self.out.push(Change { line, key: path.to_vec(), what });
        }
    }
}

/// Whether a string value's source opens a multi-line string whose first
/// line break is not part of the text.
fn opens_multiline(source: &str) -> bool {
    (source.starts_with("\"\"\"") || source.starts_with("'''"))
        && (source[3..].starts_with('\n') || source[3..].starts_with("\r\n"))
}

fn ellipsis(text: &str, before: bool, after: bool) -> String {
    let text = text.trim();
    format!("{}{text}{}", if before { "…" } else { "" }, if after { "…" } else { "" })
}

/// A value as one line of text.
fn flatten(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().replace('_', ""),
        DeValue::Float(f) => f.as_str().replace('_', ""),
        DeValue::Boolean(b) => if *b { "ja" } else { "nej" }.to_owned(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(items) => items.iter().map(|i| flatten(i.get_ref())).collect::<Vec<_>>().join("; "),
        // A whole table (a new recommendation, say): its values in the
        // order they are written.
        DeValue::Table(table) => {
            let mut values: Vec<_> = table.iter().map(|(_, v)| v).collect();
            values.sort_by_key(|v| v.span().start);
            values.iter().map(|v| flatten(v.get_ref())).collect::<Vec<_>>().join("; ")
        }
    }
}

/// One line, at most [`MAX_EXCERPT`] characters.
fn excerpt(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_EXCERPT {
        return line;
    }
    let cut: String = line.chars().take(MAX_EXCERPT - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The changes with all the time in the world.
    fn detailed(before: &str, after: &str) -> Option<Vec<Change>> {
        changes(before, after, Instant::now() + Duration::from_secs(3600))
    }

    fn keys(changes: &[Change]) -> Vec<String> {
        changes.iter().map(|c| format!("{}:{}", c.line, c.key.join("."))).collect()
    }

    #[test]
    fn a_changed_word_is_found_on_its_line_with_a_few_words_around_it() {
        let before = "distrikt = \"Norr\"\n\n[slutsatser]\ntext = \"\"\"\nFörsta raden är oförändrad.\nHandläggarna var noga med att informera den sökande om\nrätten att överklaga beslutet.\n\"\"\"\n";
        let after = before.replace("var noga", "var mycket noga");
        let changes = detailed(before, &after).unwrap();
        assert_eq!(keys(&changes), ["6:slutsatser.text"]);
        assert_eq!(
            changes[0].what,
            What::Changed {
                before: "…oförändrad. Handläggarna var noga med att…".into(),
                after: "…oförändrad. Handläggarna var mycket noga med att…".into()
            }
        );
    }

    #[test]
    fn added_removed_and_renumbered_values_are_named_by_their_keys() {
        let before = "a = 1\nb = \"x\"\n\n[[rekommendation]]\ntext = \"Ett\"\n\n[[rekommendation]]\ntext = \"Två\"\n";
        let after = "a = 2\nc = true\n\n[[rekommendation]]\ntext = \"Ett\"\n";
        let changes = detailed(before, after).unwrap();
        assert_eq!(keys(&changes), ["1:a", "2:c", "4:rekommendation.2", "1:b"]);
        assert_eq!(changes[0].what, What::Changed { before: "1".into(), after: "2".into() });
        assert_eq!(changes[1].what, What::Added("ja".into()));
        assert_eq!(changes[2].what, What::Removed { text: "Två".into(), line: 7 });
        assert_eq!(changes[3].what, What::Removed { text: "x".into(), line: 2 });
    }

    #[test]
    fn an_inserted_recommendation_is_new_and_the_others_unchanged() {
        let before = "[[rekommendation]]\ntext = \"Ett\"\n\n[[rekommendation]]\ntext = \"Två\"\n\n[[rekommendation]]\ntext = \"Tre\"\n";
        let after = "[[rekommendation]]\ntext = \"Ett\"\n\n[[rekommendation]]\ntext = \"Ny\"\n\n[[rekommendation]]\ntext = \"Två\"\n\n[[rekommendation]]\ntext = \"Tre\"\n";
        let changes = detailed(before, after).unwrap();
        assert_eq!(keys(&changes), ["4:rekommendation.2"]);
        assert_eq!(changes[0].what, What::Added("Ny".into()));
        // Taken out again: the one removed, numbered as it was.
        let changes = detailed(after, before).unwrap();
        assert_eq!(keys(&changes), ["1:rekommendation.2"]);
        assert!(matches!(&changes[0].what, What::Removed { text, line: 4 } if text == "Ny"), "{:?}", changes[0].what);
        // Changed in place: compared key by key.
        let changed = before.replace("Två", "Två, nu ändrad");
        let changes = detailed(before, &changed).unwrap();
        assert_eq!(keys(&changes), ["5:rekommendation.2.text"]);
    }

    #[test]
    fn the_same_values_written_differently_are_no_change() {
        let before = "a = 1000\nb = 'text'\n[t]\nc = [1, 2]\n";
        let after = "a = 1_000\nb = \"text\"\n\n[t]\nc = [ 1, 2 ]\n";
        assert_eq!(detailed(before, after).unwrap(), []);
    }

    #[test]
    fn unparsable_versions_give_no_key_changes() {
        assert!(detailed("a = ", "a = 1").is_none());
    }

    #[test]
    fn past_the_deadline_a_rewritten_text_is_one_coarse_change_that_is_still_true() {
        let text = |seed: usize| (0..2000).map(|i| format!("ord{}", (i * 7 + seed) % 13)).collect::<Vec<_>>().join(" ");
        let before = format!("[slutsatser]\ntext = \"\"\"\n{}\nSlutet är detsamma.\n\"\"\"\n", text(1));
        let after = format!("[slutsatser]\ntext = \"\"\"\n{}\nSlutet är detsamma.\n\"\"\"\n", text(5));
        let in_detail = detailed(&before, &after).unwrap();
        assert!(in_detail.len() > 1, "{in_detail:?}");
        let coarse = changes(&before, &after, Instant::now()).unwrap();
        assert_eq!(keys(&coarse), ["3:slutsatser.text"]);
        let What::Changed { before: was, after: is } = &coarse[0].what else { panic!("{:?}", coarse[0].what) };
        assert!(was.starts_with("ord1 ord8") && is.starts_with("ord5 ord12"), "{was} / {is}");
    }
}
