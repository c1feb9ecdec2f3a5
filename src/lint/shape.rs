//! Rules for the shape of reports (`[rapport]`, `[[disposition]]`, `[ord]`,
//! in `granska.toml` or a review's `granskning.toml`): an outline names
//! known kinds once each, own chapters have ids of their own, and the five
//! fixed sections are always there.

use std::collections::HashSet;

use crate::diag::{Diagnostic, SourceFile};
use crate::model::outline::{Chapter, ChapterKind, Outline, RawChapter};
use crate::model::raw::{Spanned, Text};
use crate::model::shape::{RawShape, Shape};
use crate::model::words::Words;

/// `base` with what `raw` writes in its place, and every problem with it.
pub fn shape(base: &Shape, raw: &RawShape, source: &SourceFile, out: &mut Vec<Diagnostic>) -> Shape {
    let mut shape = base.clone();
    if let Some(settings) = raw.settings {
        if let Some(rates) = &settings.kvalitetsnivaer {
            shape.rates = *rates.get_ref();
        }
        if let Some(under) = settings.konstateranden_under_omraden {
            shape.statements_under_areas = under;
        }
        if let Some(numbered) = settings.numrerade_rubriker {
            shape.numbered = numbered;
        }
        if let Some(depth) = &settings.innehall_djup {
            match u8::try_from(*depth.get_ref()) {
                Ok(depth @ 1..=3) => shape.contents_depth = depth,
                _ => out.push(
                    Diagnostic::error(
                        source,
                        depth.span(),
                        format!("innehållsförteckningen kan inte ha djupet {}", depth.get_ref()),
                    )
                    .with_hint("skriv 1, 2 eller 3 (rubriknivåer i innehållsförteckningen)"),
                ),
            }
        }
        if let Some(legend) = &settings.nivaer {
            for (slot, text) in shape.legend.iter_mut().zip([&legend.gron, &legend.gul, &legend.rod]) {
                match text.as_ref().map(|t| (t, t.get_ref().trim())) {
                    Some((t, "")) => out.push(
                        Diagnostic::error(source, t.span(), "förklaringen av nivån är tom")
                            .with_hint("skriv vad nivån betyder, eller ta bort raden för att använda standardtexten"),
                    ),
                    Some((_, words)) => *slot = words.to_owned(),
                    None => {}
                }
            }
        }
    }
    if !raw.outline.is_empty() {
        shape.outline = outline(raw.outline, source, out);
    }
    if let Some(wording) = raw.wording {
        let (words, empty) = shape.wording.overridden(wording);
        shape.wording = words;
        for text in empty {
            out.push(
                Diagnostic::error(source, text.span(), "ordet är tomt")
                    .with_hint("skriv ordet, eller ta bort raden för att använda standardordet"),
            );
        }
    }
    shape
}

/// The outline `raw` writes, checked.
fn outline(raw: &[RawChapter], source: &SourceFile, out: &mut Vec<Diagnostic>) -> Outline {
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut seen_ids = HashSet::new();
    for entry in raw {
        let kind = *entry.typ.get_ref();
        let Some(id) = chapter_id(source, &entry.typ, ChapterKind::Own, entry.id.as_ref(), "analys", out) else {
            continue;
        };
        if !seen_ids.insert(id.clone()) {
            let what =
                if kind == ChapterKind::Own { format!("kapitlet med id `{id}`") } else { format!("kapitlet `{id}`") };
            out.push(
                Diagnostic::error(source, entry.typ.span(), format!("{what} står redan i dispositionen"))
                    .with_hint("varje kapitel står en gång; ta bort det ena"),
            );
            continue;
        }
        let title = chapter_title(source, &entry.typ, ChapterKind::Own, entry.rubrik.as_ref(), &id, "Analys", out);
        let areas_heading = entry.omradesrubrik.as_ref().map(|t| t.get_ref().trim().to_owned());
        let areas_as_chapters = entry.omraden_som_kapitel.as_ref().is_some_and(|b| *b.get_ref());
        for (key, span) in [
            ("omradesrubrik", entry.omradesrubrik.as_ref().map(|t| t.span())),
            ("omraden_som_kapitel", entry.omraden_som_kapitel.as_ref().map(|t| t.span())),
        ] {
            if let Some(span) = span.filter(|_| kind != ChapterKind::Areas) {
                out.push(
                    Diagnostic::error(source, span, format!("`{key}` gäller bara kapitlet `kvalitetsomraden`"))
                        .with_hint(
                            "ta bort raden, eller flytta den till `[[disposition]]` med `typ = \"kvalitetsomraden\"`",
                        ),
                );
            }
        }
        if let (Some(heading), true) = (&entry.omradesrubrik, areas_as_chapters) {
            out.push(
                Diagnostic::error(
                    source,
                    heading.span(),
                    "områdena kan inte både ha en rubrik över sig och vara egna kapitel",
                )
                .with_hint("ta bort `omradesrubrik` eller `omraden_som_kapitel`"),
            );
        }
        chapters.push(Chapter {
            kind,
            id,
            title,
            numbered: entry.numrerad.as_ref().map(|n| *n.get_ref()),
            new_page: entry.ny_sida.as_ref().is_some_and(|n| *n.get_ref()),
            areas_heading: areas_heading.filter(|h| !h.is_empty()),
            areas_as_chapters,
        });
    }
    let at = raw.first().map_or(0..0, |c| c.typ.span());
    for fixed in ChapterKind::FIXED {
        if !raw.iter().any(|c| *c.typ.get_ref() == fixed) {
            out.push(
                Diagnostic::error(source, at.clone(), format!("dispositionen saknar kapitlet `{}`", fixed.key()))
                    .with_hint(format!(
                        "varje rapport har metod, kvalitetsområden, barnrättsanalys, jämställdhetsanalys och slutsatser; lägg till `[[disposition]]` med `typ = \"{}\"` (rubriken får vara er egen)",
                        fixed.key()
                    )),
            );
        }
    }
    Outline { chapters }
}

/// A chapter's id in an outline whose own chapters are of kind `own`: an
/// own chapter's `id`, checked, or else its kind's key. `None`, said, for
/// an own chapter without an id; `example` is an id for the hint.
pub(super) fn chapter_id<K: Words + PartialEq>(
    source: &SourceFile,
    typ: &Spanned<K>,
    own: K,
    id: Option<&Text>,
    example: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let kind = *typ.get_ref();
    match (kind == own, id) {
        (true, Some(id)) => Some(own_id(source, id, K::ALL.iter().map(|k| k.key()), out)),
        (true, None) => {
            out.push(Diagnostic::error(source, typ.span(), "ett eget kapitel saknar `id`").with_hint(format!(
                "ge kapitlet ett id, t.ex. `id = \"{example}\"`, och skriv dess text under `[kapitel.{example}]`"
            )));
            None
        }
        (false, Some(id)) => {
            out.push(
                Diagnostic::error(source, id.span(), format!("kapitlet `{}` har inget id", kind.key()))
                    .with_hint("`id` gäller bara egna kapitel (`typ = \"eget\"`); ta bort raden"),
            );
            Some(kind.key().to_owned())
        }
        (false, None) => Some(kind.key().to_owned()),
    }
}

/// A chapter's title as written (`rubrik`), checked: `None` when there is
/// none, or an empty one (said); an own chapter (of kind `own`, with `id`)
/// must have one, `example` in the hint.
pub(super) fn chapter_title<K: Words + PartialEq>(
    source: &SourceFile,
    typ: &Spanned<K>,
    own: K,
    rubrik: Option<&Text>,
    id: &str,
    example: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    match rubrik {
        Some(title) if title.get_ref().trim().is_empty() => {
            out.push(
                Diagnostic::error(source, title.span(), "rubriken är tom")
                    .with_hint("skriv kapitlets rubrik, eller ta bort raden för att använda standardrubriken"),
            );
            None
        }
        Some(title) => Some(title.get_ref().trim().to_owned()),
        None if *typ.get_ref() == own => {
            out.push(
                Diagnostic::error(source, typ.span(), format!("det egna kapitlet `{id}` saknar `rubrik`"))
                    .with_hint(format!("skriv kapitlets rubrik, t.ex. `rubrik = \"{example}\"`")),
            );
            None
        }
        None => None,
    }
}

/// An own chapter's id, checked: a–z, 0–9 and `_`, and not the name of
/// one of the `kinds` of chapter.
fn own_id<'a>(
    source: &SourceFile,
    id: &Text,
    mut kinds: impl Iterator<Item = &'a str>,
    out: &mut Vec<Diagnostic>,
) -> String {
    let value = id.get_ref().trim();
    if value.is_empty() || !value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        out.push(
            Diagnostic::error(source, id.span(), format!("ogiltigt id `{value}` för kapitlet"))
                .with_hint("id skrivs med a–z, 0–9 och `_` (utan å, ä, ö och mellanslag), t.ex. `analys`"),
        );
    } else if kinds.any(|k| k == value) {
        out.push(
            Diagnostic::error(source, id.span(), format!("`{value}` är redan namnet på en typ av kapitel"))
                .with_hint(format!("skriv `typ = \"{value}\"` utan id, eller välj ett annat id")),
        );
    }
    value.to_owned()
}

/// A problem with a text under `[kapitel.<id>]`, if it has no chapter to
/// go in: the id is not in the outline, or the chapter's text has a key
/// of its own.
pub fn chapter_text(outline: &Outline, id: &str) -> Option<(String, String)> {
    let hint_ids = || {
        let ids: Vec<String> =
            outline.chapters.iter().filter(|c| takes_text(c.kind)).map(|c| format!("`{}`", c.id)).collect();
        if ids.is_empty() {
            "dispositionen har inga kapitel som tar en text här".to_owned()
        } else {
            format!("kapitel som tar en text här: {}", ids.join(", "))
        }
    };
    match outline.chapter(id) {
        None => {
            let mut hint = hint_ids();
            if let Some(suggestion) = crate::diag::closest(id, outline.text_ids()) {
                hint = format!("menade du `{suggestion}`? {hint}");
            }
            let own = format!(
                "ett eget kapitel läggs till i dispositionen med `[[disposition]]`, `typ = \"eget\"`, `id = \"{id}\"` och en `rubrik`"
            );
            Some((format!("dispositionen har inget kapitel `{id}`"), format!("{hint}; {own}")))
        }
        Some(chapter) if !takes_text(chapter.kind) => Some((
            format!("kapitlet `{id}` har sin egen nyckel"),
            format!("skriv texten under `[{id}]` med `text = \"\"\"…\"\"\"`"),
        )),
        Some(_) => None,
    }
}

/// Whether a chapter's text is written under `[kapitel.<id>]`: own
/// chapters, and an opening text for the chapters that are otherwise made
/// of parts (areas, recommendations, key figures, sources, follow-up).
fn takes_text(kind: ChapterKind) -> bool {
    use ChapterKind as K;
    matches!(kind, K::Own | K::Areas | K::Recommendations | K::KeyFigures | K::Sources | K::FollowUp)
}

/// A located error for a rating in a project (or review) that does not
/// rate what it stands on.
pub fn rating_not_rated(source: &SourceFile, span: std::ops::Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::error(source, span, format!("{what} har en nivå, men rapporterna sätter inga nivåer på det"))
        .with_hint("ta bort `niva`; vad som får en nivå bestäms av `kvalitetsnivaer` under `[rapport]` i granska.toml eller granskning.toml")
}
