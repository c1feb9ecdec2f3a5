//! Rules for an annual report's file (`findings/arsrapport-<år>.toml`):
//! its date, its outline (known kinds once each, own chapters with ids and
//! titles of their own), that each text has a chapter to go in, and its
//! cover memo.

use std::collections::HashSet;

use super::shape::{chapter_id, chapter_title};
use crate::diag::{Diagnostic, SourceFile};
use crate::model::annual::{AnnualChapter, AnnualKind, AnnualOutline, RawAnnualChapter, Shows};
use crate::model::raw::RawAnnual;
use crate::model::words::Words;

/// The outline the file writes (or the default one), checked.
pub fn outline(raw: &RawAnnual, year: i32, source: &SourceFile, out: &mut Vec<Diagnostic>) -> AnnualOutline {
    if raw.disposition.is_empty() {
        return AnnualOutline::default_for(year);
    }
    let mut chapters = Vec::new();
    let mut seen = HashSet::new();
    for entry in &raw.disposition {
        if let Some(chapter) = chapter(entry, source, out) {
            if seen.insert(chapter.id.clone()) {
                chapters.push(chapter);
            } else {
                out.push(
                    Diagnostic::error(
                        source,
                        entry.typ.span(),
                        format!("kapitlet `{}` står redan i dispositionen", chapter.id),
                    )
                    .with_hint("varje kapitel står en gång; ta bort det ena"),
                );
            }
        }
    }
    AnnualOutline { chapters }
}

/// One entry of the outline, checked; `None` for an own chapter without
/// an id.
fn chapter(entry: &RawAnnualChapter, source: &SourceFile, out: &mut Vec<Diagnostic>) -> Option<AnnualChapter> {
    let kind = *entry.typ.get_ref();
    let id = chapter_id(source, &entry.typ, AnnualKind::Own, entry.id.as_ref(), "planering", out)?;
    let written = chapter_title(source, &entry.typ, AnnualKind::Own, entry.rubrik.as_ref(), &id, "Övrigt arbete", out);
    // An empty or missing own title was said; the kind's title otherwise.
    let title = match (written, &entry.rubrik) {
        (Some(title), _) => title,
        (None, None) if kind != AnnualKind::Own => kind.default_title().to_owned(),
        (None, _) => String::new(),
    };
    let areas_only = |key: &str, span: std::ops::Range<usize>| {
        Diagnostic::error(source, span, format!("`{key}` gäller bara kapitlet `kvalitetsomraden`"))
            .with_hint("ta bort raden, eller flytta den till `[[disposition]]` med `typ = \"kvalitetsomraden\"`")
    };
    let mut shows = Shows::DEFAULT.to_vec();
    if let Some(list) = &entry.visar {
        if kind != AnnualKind::Areas {
            out.push(areas_only("visar", list.span()));
        } else if list.get_ref().is_empty() {
            out.push(
                Diagnostic::error(source, list.span(), "`visar` är tom")
                    .with_hint("skriv vad som visas, t.ex. `visar = [\"bedomning\"]`, eller ta bort raden"),
            );
        } else {
            shows = Vec::new();
            for item in list.get_ref() {
                if shows.contains(item.get_ref()) {
                    out.push(
                        Diagnostic::error(
                            source,
                            item.span(),
                            format!("`{}` står redan i listan", item.get_ref().key()),
                        )
                        .with_hint("ta bort den ena"),
                    );
                } else {
                    shows.push(*item.get_ref());
                }
            }
        }
    }
    let areas_as_chapters = entry.omraden_som_kapitel.as_ref().is_some_and(|b| *b.get_ref());
    if let Some(flag) = entry.omraden_som_kapitel.as_ref().filter(|_| kind != AnnualKind::Areas) {
        out.push(areas_only("omraden_som_kapitel", flag.span()));
    }
    Some(AnnualChapter {
        kind,
        id,
        title,
        numbered: entry.numrerad.as_ref().is_none_or(|n| *n.get_ref()),
        new_page: entry.ny_sida.as_ref().is_none_or(|n| *n.get_ref()),
        shows,
        areas_as_chapters,
    })
}

/// Each text has a chapter of `outline` to go in, and is written once.
pub fn texts(raw: &RawAnnual, outline: &AnnualOutline, source: &SourceFile, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = outline.chapters.iter().map(|c| c.id.as_str()).collect();
    let missing = |id: &str| {
        let mut hint =
            format!("årsrapportens kapitel: {}", ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "));
        if let Some(suggestion) = crate::diag::closest(id, ids.iter().copied()) {
            hint = format!("menade du `{suggestion}`? {hint}");
        }
        (format!("dispositionen har inget kapitel `{id}`"), hint)
    };
    for (id, section) in &raw.kapitel {
        if !ids.contains(&id.as_str()) {
            let (message, hint) = missing(id);
            let at = super::structure::key_span(source, section.span(), id);
            out.push(Diagnostic::error(source, at, message).with_hint(hint).with_hint(format!(
                "ett eget kapitel läggs till med `[[disposition]]`, `typ = \"eget\"`, `id = \"{id}\"` och en `rubrik`"
            )));
        }
    }
    for (key, text) in [("inledning", &raw.inledning), ("planering", &raw.planering)] {
        let Some(text) = text else { continue };
        if raw.kapitel.contains_key(key) {
            out.push(Diagnostic::error(source, text.span(), format!("texten till `{key}` står två gånger")).with_hint(
                format!("skriv den en gång: antingen `{key} = \"\"\"…\"\"\"` eller under `[kapitel.{key}]`"),
            ));
        } else if !ids.contains(&key) {
            let (message, hint) = missing(key);
            out.push(Diagnostic::error(source, text.span(), message).with_hint(hint));
        }
    }
}
