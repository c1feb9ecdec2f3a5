//! Rules for a cover memo (`[tjansteutlatande]`), in a review's
//! `granskning.toml` or an annual report's file: it proposes something,
//! its date is a date, each section has a text or includes chapters that
//! exist, and each attachment is one thing granska knows.

use crate::diag::{Diagnostic, Severity, SourceFile, closest};
use crate::model::Date;
use crate::model::raw::RawMemo;

/// What a memo may refer to.
pub struct Scope<'a> {
    /// The chapter ids a section may include (`kapitel = [...]`).
    pub chapters: &'a [String],
    /// The documents an attachment may name (`dokument = "..."`).
    pub documents: &'a [String],
}

/// Every problem with `memo`, located in `source`.
pub fn check(source: &SourceFile, memo: &RawMemo, scope: &Scope, out: &mut Vec<Diagnostic>) {
    if Date::from_toml(memo.datum.get_ref()).is_none() {
        out.push(
            Diagnostic::error(source, memo.datum.span(), "`tjansteutlatande.datum` ska vara ett datum utan klockslag")
                .with_hint("skriv t.ex. `datum = 2011-05-10` (utan citattecken)"),
        );
    }
    if memo.forslag.is_empty() {
        out.push(
            Diagnostic::file(Severity::Error, &source.path, "tjänsteutlåtandet saknar förslag till beslut")
                .with_hint("skriv t.ex. `forslag = [\"Nämnden godkänner rapporten.\"]` i `[tjansteutlatande]`"),
        );
    }
    let summary_section = memo.avsnitt.iter().any(|s| s.rubrik.get_ref().trim().eq_ignore_ascii_case("sammanfattning"));
    if memo.sammanfattning.is_none() && !summary_section {
        out.push(
            Diagnostic::file(Severity::Error, &source.path, "tjänsteutlåtandet saknar sammanfattning")
                .with_hint("skriv `sammanfattning = \"\"\"…\"\"\"` i `[tjansteutlatande]`, eller ett avsnitt med `rubrik = \"Sammanfattning\"`"),
        );
    }
    for section in &memo.avsnitt {
        if section.text.is_none() && section.kapitel.is_empty() {
            out.push(
                Diagnostic::error(source, section.rubrik.span(), "avsnittet har varken text eller kapitel")
                    .with_hint("skriv avsnittets `text`, eller ta med kapitel ur dokumentet med `kapitel = [\"…\"]`"),
            );
        }
        for id in &section.kapitel {
            let value = id.get_ref().trim();
            if scope.chapters.iter().any(|c| c == value) {
                continue;
            }
            out.push(unknown(
                source,
                id.span(),
                &format!("dokumentet har inget kapitel `{value}`"),
                value,
                scope.chapters,
                "kapitel som kan tas med",
            ));
        }
    }
    for (i, attachment) in memo.bilaga.iter().enumerate() {
        match (&attachment.dokument, &attachment.titel) {
            (Some(name), None) => {
                let value = name.get_ref().trim();
                if !scope.documents.iter().any(|d| d == value) {
                    let message = format!("bilagan `{value}` är inget dokument som görs här");
                    out.push(unknown(source, name.span(), &message, value, scope.documents, "dokument som kan bifogas"));
                }
            }
            (None, Some(_)) => {}
            (Some(name), Some(_)) => out.push(
                Diagnostic::error(source, name.span(), "bilagan har både `dokument` och `titel`")
                    .with_hint("`dokument` är ett dokument som granska gör; `titel` är en annan handling; ta bort det ena"),
            ),
            (None, None) => out.push(
                Diagnostic::file(Severity::Error, &source.path, format!("bilaga {} saknar `dokument` och `titel`", i + 1))
                    .with_hint("skriv `dokument = \"…\"` för ett dokument som granska gör, eller `titel = \"…\"` för en annan handling"),
            ),
        }
    }
    let mut named: Vec<&str> = Vec::new();
    for name in memo.bilaga.iter().filter_map(|a| a.dokument.as_ref()) {
        let value = name.get_ref().trim();
        if named.contains(&value) {
            out.push(
                Diagnostic::error(source, name.span(), format!("dokumentet `{value}` står redan bland bilagorna"))
                    .with_hint("varje dokument är bilaga en gång; ta bort den ena"),
            );
        }
        named.push(value);
    }
}

/// An unknown name, with the closest known one and the list.
fn unknown(
    source: &SourceFile,
    at: std::ops::Range<usize>,
    message: &str,
    value: &str,
    known: &[String],
    what: &str,
) -> Diagnostic {
    let mut d = Diagnostic::error(source, at, message);
    if let Some(suggestion) = closest(value, known.iter().map(String::as_str)) {
        d = d.with_hint(format!("menade du `{suggestion}`?"));
    }
    let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    if list.is_empty() {
        d.with_hint(format!("här finns inga {what}"))
    } else {
        d.with_hint(format!("{what}: {}", list.join(", ")))
    }
}
