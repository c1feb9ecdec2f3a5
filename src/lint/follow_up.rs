//! Rules for a follow-up review (`foljer_upp`): every status refers to a
//! recommendation of the earlier report of the same district, once, and
//! every earlier recommendation gets a status (`ej_foljd_upp` where the
//! follow-up did not look at it).

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::model::District;
use crate::model::raw::RawDistrict;

/// Checks a district's `[[uppfoljning]]` against its earlier report:
/// `previous` is that report with its review's folder, `None` when none of
/// the reviews followed up (`folders`) has a district with this file name.
pub fn check(
    source: &SourceFile,
    raw: &RawDistrict,
    previous: Option<(&str, &District)>,
    folders: &[&str],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((_, previous)) = previous else {
        if let Some(first) = raw.uppfoljning.first() {
            let which = match folders {
                [] => "granskningen följer inte upp någon granskning i projektet".to_owned(),
                [one] => format!("granskningen `{one}` som följs upp har inget distrikt med samma filnamn"),
                many => format!(
                    "ingen av granskningarna som följs upp ({}) har ett distrikt med samma filnamn",
                    many.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            out.push(
                Diagnostic::error(source, first.rekommendation.span(), which).with_hint(
                    "en status gäller en rekommendation i den tidigare rapporten för samma distrikt: filen ska heta likadant i båda granskningarna, t.ex. `bromma.toml`",
                ),
            );
        }
        return out;
    };
    let count = previous.recommendations.len();
    let mut seen = BTreeSet::new();
    for entry in &raw.uppfoljning {
        let number = *entry.rekommendation.get_ref() as usize;
        if number == 0 || number > count {
            out.push(
                Diagnostic::error(
                    source,
                    entry.rekommendation.span(),
                    format!("rekommendation {number} finns inte i den tidigare rapporten"),
                )
                .with_hint(format!("den tidigare rapporten för {} har rekommendation 1–{count}", previous.subject())),
            );
        } else if !seen.insert(number) {
            out.push(
                Diagnostic::error(
                    source,
                    entry.rekommendation.span(),
                    format!("rekommendation {number} har redan en status"),
                )
                .with_hint("ange en status per rekommendation"),
            );
        }
    }
    let missing: Vec<String> = (1..=count).filter(|n| !seen.contains(n)).map(|n| n.to_string()).collect();
    if !missing.is_empty() {
        out.push(
            Diagnostic::file(
                Severity::Warning,
                &source.path,
                format!("rekommendation {} i den tidigare rapporten saknar status", missing.join(", ")),
            )
            .with_hint(
                "lägg till `[[uppfoljning]]` med `rekommendation`, `status` och `kommentar` för varje rekommendation",
            ),
        );
    }
    out
}
