//! Rules every text obeys, whatever its field.

use std::collections::BTreeSet;

use unicode_segmentation::UnicodeSegmentation;

use super::fields::{Field, Kind};
use super::{Context, narrow_to};
use crate::diag::{Diagnostic, SourceFile};
use crate::markdown::{self, ProblemKind, normalize};
// The placeholder `granska new` writes: an error, a warning in a draft.
use crate::model::fill::PLACEHOLDER;

/// How every placeholder warning's message ends (used to fold them).
pub const PLACEHOLDER_MESSAGE_END: &str = "innehåller platshållaren TODO";

pub fn check(source: &SourceFile, fields: &[Field], ctx: &Context, out: &mut Vec<Diagnostic>) {
    for field in fields {
        empty(source, field, out);
        too_long(source, field, out);
        placeholder(source, field, out);
        if field.kind == Kind::Markdown {
            markdown_problems(source, field, out);
        }
        characters(source, field, ctx, out);
    }
}

fn empty(source: &SourceFile, field: &Field, out: &mut Vec<Diagnostic>) {
    if field.kind == Kind::Cell || !field.text.trim().is_empty() {
        return;
    }
    let hint = if field.required { "skriv texten" } else { "skriv texten eller ta bort raden" };
    out.push(Diagnostic::error(source, field.span.clone(), format!("texten i `{}` är tom", field.key)).with_hint(hint));
}

/// Where a reader would see `TODO` in `raw`, however it is written: split
/// by a soft hyphen or a zero-width space, by emphasis (`TO**DO**`), or as
/// character references. The range is `raw`'s.
pub fn find_placeholder(raw: &str) -> Option<std::ops::Range<usize>> {
    let visible = crate::guard::Visible::new(raw);
    // The letters as they stand side by side on the page: Markdown's marks
    // between them are not seen.
    let mut letters = String::with_capacity(visible.text.len());
    let mut at: Vec<usize> = Vec::with_capacity(visible.text.len());
    for (i, c) in visible.text.char_indices() {
        if !matches!(c, '*' | '_' | '\\' | '`' | '~') {
            letters.push(c);
            at.extend((0..c.len_utf8()).map(|k| i + k));
        }
    }
    let found = letters.find(PLACEHOLDER)?;
    Some(visible.source_range(at[found]..at[found + PLACEHOLDER.len() - 1] + 1))
}

/// Where a TOML file has a TODO a reader would see: in a string value,
/// never in a comment (the scaffold's comments say "fyll i alla TODO").
pub fn locate_placeholder(source: &SourceFile) -> Option<std::ops::Range<usize>> {
    fn walk(value: &toml::Spanned<toml::de::DeValue>, text: &str) -> Option<std::ops::Range<usize>> {
        match value.get_ref() {
            toml::de::DeValue::String(_) => {
                let span = value.span();
                find_placeholder(&text[span.clone()]).map(|r| span.start + r.start..span.start + r.end)
            }
            toml::de::DeValue::Array(items) => items.iter().find_map(|item| walk(item, text)),
            toml::de::DeValue::Table(table) => table.iter().find_map(|(_, v)| walk(v, text)),
            _ => None,
        }
    }
    let table = toml::de::DeTable::parse(&source.text).ok()?;
    let mut values: Vec<_> = table.get_ref().iter().map(|(_, v)| v).collect();
    values.sort_by_key(|v| v.span().start);
    values.into_iter().find_map(|v| walk(v, &source.text))
}

/// The longest one-line text (a name, a title, a label). The longest in
/// the real reports is a title of 150 characters; a name of 100 000 took
/// Typst 50 s and 1.6 GB to set in every running header.
pub const MAX_PLAIN_CHARS: usize = 300;

fn too_long(source: &SourceFile, field: &Field, out: &mut Vec<Diagnostic>) {
    if field.kind != Kind::Plain {
        return;
    }
    let chars = field.text.chars().count();
    if chars > MAX_PLAIN_CHARS {
        out.push(
            Diagnostic::error(
                source,
                field.span.clone(),
                format!("`{}` har {chars} tecken; en rubrik eller ett namn får ha högst {MAX_PLAIN_CHARS}", field.key),
            )
            .with_hint("korta texten; längre text hör hemma i en beskrivning eller i brödtexten"),
        );
    }
}

/// A TODO left in a text: it stops a final document (a published report
/// must never contain one), not a draft for fact-checking.
fn placeholder(source: &SourceFile, field: &Field, out: &mut Vec<Diagnostic>) {
    if let Some(found) = find_placeholder(field.text) {
        // Located in the file as written (escapes and all), else by the text.
        let raw = source.text.get(field.span.clone()).and_then(find_placeholder);
        let at = raw.map_or_else(
            || narrow_to(source, field.span.clone(), &field.text[found]),
            |r| field.span.start + r.start..field.span.start + r.end,
        );
        out.push(
            Diagnostic::unfinished(source, at, format!("`{}` {PLACEHOLDER_MESSAGE_END}", field.key))
                .with_hint(PLACEHOLDER_HINT),
        );
    }
}

/// What to do about a TODO.
pub const PLACEHOLDER_HINT: &str =
    "ersätt TODO med den riktiga texten; ett utkast för faktagranskning får ha kvar TODO (`granska build --utkast`)";

/// Footnotes without text or use, and sub-headings that break the heading
/// hierarchy.
fn markdown_problems(source: &SourceFile, field: &Field, out: &mut Vec<Diagnostic>) {
    for problem in markdown::problems(field.text) {
        let written = &field.text[problem.range.clone()];
        let span = narrow_to(source, field.span.clone(), written.lines().next().unwrap_or(written));
        out.push(match problem.kind {
            ProblemKind::UndefinedFootnote(label) => {
                Diagnostic::error(source, span, format!("fotnoten `[^{label}]` i `{}` saknar förklaring", field.key))
                    .with_hint(format!("lägg till en egen rad `[^{label}]: källan …` i samma text"))
            }
            ProblemKind::UnusedFootnote(label) => Diagnostic::warning(
                source,
                span,
                format!("fotnoten `[^{label}]` i `{}` används aldrig i texten", field.key),
            )
            .with_hint(format!("hänvisa till den med `[^{label}]` i texten eller ta bort förklaringen")),
            ProblemKind::SkippedHeadingLevel { found, allowed } => Diagnostic::error(
                source,
                span,
                format!(
                    "underrubriken i `{}` hoppar över en nivå: {} efter en rubrik med {}",
                    field.key,
                    hashes(found),
                    hashes(allowed - 1)
                ),
            )
            .with_hint(format!("skriv underrubriken med {} (en nivå under rubriken före)", hashes(allowed)))
            .with_hint("underrubriker går en nivå i taget, så att skärmläsare och innehållsförteckningen hittar dem"),
            ProblemKind::FirstHeadingTooDeep { found, top } => Diagnostic::error(
                source,
                span,
                format!(
                    "den första underrubriken i `{}` har {} men en senare har {}",
                    field.key,
                    hashes(found),
                    hashes(top)
                ),
            )
            .with_hint(format!("börja med {}: textens första rubriknivå är den översta", hashes(top))),
            ProblemKind::HeadingTooDeep { found, deepest } => Diagnostic::error(
                source,
                span,
                format!("underrubriken i `{}` ligger för djupt ({})", field.key, hashes(found)),
            )
            .with_hint(format!(
                "en text kan ha underrubriker i högst {} nivåer; använd högst {}",
                markdown::MAX_HEADING_DEPTH,
                hashes(deepest)
            )),
        });
    }
}

/// `###` for a heading level, as written in Markdown.
fn hashes(level: u8) -> String {
    format!("`{}`", "#".repeat(usize::from(level)))
}

fn characters(source: &SourceFile, field: &Field, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let normalized = match field.kind {
        Kind::Markdown => normalize::block(field.text),
        Kind::Plain | Kind::Cell => normalize::inline(field.text),
    };
    // Each distinct cluster is judged once per field.
    let mut seen = BTreeSet::new();
    for cluster in normalized.graphemes(true) {
        if matches!(cluster, " " | "\n") || !seen.insert(cluster) {
            continue;
        }
        let control = cluster.chars().any(char::is_control);
        // Private-use characters mean something only in the font they came
        // from (often Word's Symbol font); any glyph ours have there is wrong.
        let private = cluster.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c));
        // After NFC, a cluster of several characters is a letter with a
        // combining mark no precomposed character exists for (or an emoji
        // sequence); Typst cannot always shape those with our fonts.
        let combined = cluster.chars().count() > 1;
        if !control && !private && !combined && ctx.coverage.covers(cluster) {
            continue;
        }
        let first = cluster.chars().next().unwrap_or(' ');
        let span = narrow_to(source, field.span.clone(), &first.to_string());
        let code: Vec<String> = cluster.chars().map(|c| format!("U+{:04X}", c as u32)).collect();
        let code = code.join(" ");
        let d = if control {
            Diagnostic::error(source, span, format!("`{}` innehåller ett osynligt styrtecken ({code})", field.key))
                .with_hint("ta bort tecknet; det kommer ofta med text som klistrats in från andra program")
        } else {
            let d = Diagnostic::error(
                source,
                span,
                format!("tecknet ”{cluster}” ({code}) i `{}` kan inte visas med rapportens typsnitt", field.key),
            );
            if combined {
                d.with_hint("tecknet är en kombination med ett kombinerande tecken; ta bort det eller skriv tecknet utan tillägg")
            } else if private {
                d.with_hint("tecknet kommer troligen från ett symboltypsnitt i Word; skriv om texten utan det (punktlistor skrivs med `- ` i början av raden)")
            } else {
                d.with_hint("ersätt tecknet med ett vanligt tecken eller ta bort det")
                    .with_hint("behövs tecknet, lägg ett typsnitt som har det i projektets mapp `fonts/`")
            }
        };
        out.push(d);
    }
}
