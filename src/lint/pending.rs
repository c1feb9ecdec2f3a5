//! Counts and levels still to fill in: `"TODO"` where a number or a level
//! belongs (as `granska new` writes them, see `model::fill`). Each is
//! reported like a text's TODO: an error for a final document, a warning in
//! a draft for fact-checking, folded with the others after the first few.

use std::ops::Range;

use super::narrow_to;
use super::text::PLACEHOLDER_MESSAGE_END;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::Fill;
use crate::model::fill::PLACEHOLDER;
use crate::model::raw::{Count, RawDistrict, RawFileReview, RawReview, Spanned};

const COUNT_HINT: &str = "skriv antalet som ett heltal utan citattecken; ett utkast för faktagranskning får ha kvar TODO (`granska build --utkast`)";
const LEVEL_HINT: &str = "skriv nivån: \"grön\", \"gul\" eller \"röd\"; ett utkast för faktagranskning får ha kvar TODO (`granska build --utkast`)";

/// The method parts' counts of `granskning.toml`.
pub fn review(source: &SourceFile, raw: &RawReview, out: &mut Vec<Diagnostic>) {
    for (i, part) in raw.metoddel.iter().enumerate() {
        if let Some(count) = &part.antal {
            count_left(source, &format!("metoddel[{}].antal", i + 1), count, out);
        }
    }
}

/// A district's counts (its own and its units') and levels.
pub fn district(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    if let Some(f) = &raw.aktgranskning {
        file_review(source, "aktgranskning", f, out);
    }
    for (i, unit) in raw.granskad_enhet.iter().enumerate() {
        if let Some(f) = &unit.aktgranskning {
            file_review(source, &format!("granskad_enhet[{}].aktgranskning", i + 1), f, out);
        }
    }
    for (id, area) in raw.kvalitetsomraden.get_ref() {
        let area = area.get_ref();
        level_left(source, &format!("kvalitetsomraden.{id}.niva"), area.niva.as_ref(), out);
        for (i, statement) in area.konstaterande.iter().enumerate() {
            let key = format!("kvalitetsomraden.{id}.konstaterande[{}].niva", i + 1);
            level_left(source, &key, statement.niva.as_ref(), out);
        }
    }
    for (i, recommendation) in raw.rekommendation.iter().enumerate() {
        level_left(source, &format!("rekommendation[{}].niva", i + 1), recommendation.niva.as_ref(), out);
    }
}

fn file_review(source: &SourceFile, prefix: &str, f: &RawFileReview, out: &mut Vec<Diagnostic>) {
    for (key, count) in [
        ("population", &f.population),
        ("urval", &f.urval),
        ("granskade_kvinnor", &f.granskade_kvinnor),
        ("granskade_man", &f.granskade_man),
    ] {
        count_left(source, &format!("{prefix}.{key}"), count, out);
    }
    for (i, result) in f.resultat.iter().enumerate() {
        for (sex, answers) in [("kvinnor", &result.kvinnor), ("man", &result.man)] {
            let a = answers.get_ref();
            // One note per answers table, at its first placeholder.
            if [a.ja, a.nej, a.ej_aktuellt].iter().any(Fill::is_todo) {
                let key = format!("{prefix}.resultat[{}].{sex}", i + 1);
                let at = narrow_to(source, answers.span(), &format!("\"{PLACEHOLDER}\""));
                out.push(left(source, at, &key, COUNT_HINT));
            }
        }
    }
}

fn count_left(source: &SourceFile, key: &str, count: &Count, out: &mut Vec<Diagnostic>) {
    if count.get_ref().is_todo() {
        out.push(left(source, count.span(), key, COUNT_HINT));
    }
}

fn level_left<T>(source: &SourceFile, key: &str, level: Option<&Spanned<Fill<T>>>, out: &mut Vec<Diagnostic>) {
    if let Some(level) = level.filter(|l| l.get_ref().is_todo()) {
        out.push(left(source, level.span(), key, LEVEL_HINT));
    }
}

fn left(source: &SourceFile, at: Range<usize>, key: &str, hint: &str) -> Diagnostic {
    Diagnostic::unfinished(source, at, format!("`{key}` {PLACEHOLDER_MESSAGE_END}")).with_hint(hint)
}
