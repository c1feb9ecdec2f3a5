//! Structural rules: required sections, identifiers and references.

use std::collections::HashSet;

use crate::diag::{Diagnostic, SourceFile, closest};
use std::collections::BTreeMap;

use super::shape::{chapter_text, rating_not_rated};
use crate::model::raw::{RawDistrict, RawFileReview, RawReview, RawSection, Spanned, Text};
use crate::model::shape::{Rates, Shape};
use crate::model::{Area, Date};

pub fn review(source: &SourceFile, raw: &RawReview, areas: &[Area], shape: &Shape, out: &mut Vec<Diagnostic>) {
    chapter_texts(source, &raw.kapitel, shape, out);
    if Date::from_toml(raw.publiceringsdatum.get_ref()).is_none() {
        out.push(
            Diagnostic::error(
                source,
                raw.publiceringsdatum.span(),
                "`publiceringsdatum` ska vara ett datum utan klockslag",
            )
            .with_hint("skriv t.ex. `publiceringsdatum = 2011-04-15` (utan citattecken)"),
        );
    }
    let mut seen = HashSet::new();
    for q in &raw.granskningsfraga {
        area_reference(source, &q.kvalitetsomrade, areas, out);
        let id = q.id.get_ref();
        if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-') {
            out.push(
                Diagnostic::error(source, q.id.span(), format!("ogiltigt id `{id}` för granskningsfrågan")).with_hint(
                    "id skrivs med a–z, 0–9, `_` och `-` (utan å, ä, ö och mellanslag), t.ex. `grundutredning`",
                ),
            );
        }
        if !seen.insert(id.as_str()) {
            out.push(
                Diagnostic::error(source, q.id.span(), format!("granskningsfrågan `{id}` finns redan"))
                    .with_hint("varje granskningsfråga behöver ett eget id"),
            );
        }
    }
}

/// A question's or recommendation's `kvalitetsomrade` must name one of the
/// project's areas.
fn area_reference(source: &SourceFile, value: &Text, areas: &[Area], out: &mut Vec<Diagnostic>) {
    let id = value.get_ref().trim();
    if areas.iter().any(|a| a.id == id) {
        return;
    }
    let mut d = Diagnostic::error(source, value.span(), format!("kvalitetsområdet `{id}` finns inte"));
    if let Some(suggestion) = closest(id, areas.iter().map(|a| a.id.as_str())) {
        d = d.with_hint(format!("menade du `{suggestion}`?"));
    }
    let list: Vec<String> = areas.iter().map(|a| format!("`{}`", a.id)).collect();
    out.push(d.with_hint(format!("projektets kvalitetsområden: {}", list.join(", "))));
}

pub fn district(
    source: &SourceFile,
    raw: &RawDistrict,
    review: &RawReview,
    areas: &[Area],
    shape: &Shape,
    out: &mut Vec<Diagnostic>,
) {
    subject(source, raw, out);
    quality_areas(source, raw, areas, shape.rates, out);
    for recommendation in &raw.rekommendation {
        if let Some(area) = &recommendation.kvalitetsomrade {
            area_reference(source, area, areas, out);
        }
        if let Some(level) = recommendation.niva.as_ref().filter(|_| shape.rates == Rates::Nothing) {
            out.push(rating_not_rated(source, level.span(), "rekommendationen"));
        }
    }
    let units = raw.granskad_enhet.iter().filter_map(|u| u.aktgranskning.as_ref());
    for file_review in raw.aktgranskning.iter().chain(units) {
        results(source, file_review, review, out);
    }
    tables(source, raw, out);
    key_figures(source, raw, out);
    chapter_texts(source, &raw.kapitel, shape, out);
    places(source, raw, areas, shape, out);
}

/// A report is about one district (or unit), or about several units
/// listed in `[[granskad_enhet]]`.
fn subject(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    if raw.distrikt.is_none() && raw.granskad_enhet.is_empty() {
        out.push(
            Diagnostic::error(source, super::first_content(source), "filen säger inte vad rapporten granskar")
                .with_hint("skriv `distrikt = \"Bromma\"` överst i filen för en rapport om ett distrikt eller en enhet")
                .with_hint("eller, för en rapport om flera enheter, en `[[granskad_enhet]]` med `namn` per enhet"),
        );
    }
}

/// Each `[kapitel.<id>]` text has a chapter of the outline to go in.
fn chapter_texts(
    source: &SourceFile,
    chapters: &BTreeMap<String, Spanned<RawSection>>,
    shape: &Shape,
    out: &mut Vec<Diagnostic>,
) {
    for (id, section) in chapters {
        if let Some((message, hint)) = chapter_text(&shape.outline, id) {
            let at = key_span(source, section.span(), id);
            out.push(Diagnostic::error(source, at, message).with_hint(hint));
        }
    }
}

/// Where `[kapitel.<id>]` names `id`: the table header before `span`, or
/// else the section itself.
pub(super) fn key_span(source: &SourceFile, span: std::ops::Range<usize>, id: &str) -> std::ops::Range<usize> {
    let before = &source.text[..span.start.min(source.text.len())];
    let header = format!("kapitel.{id}");
    before.rfind(&header).map_or(span, |at| at + "kapitel.".len()..at + header.len())
}

/// Key figures and tables stand in an area, a chapter of the outline, or
/// under the method.
fn places(source: &SourceFile, raw: &RawDistrict, areas: &[Area], shape: &Shape, out: &mut Vec<Diagnostic>) {
    let chapters = shape.outline.chapters.iter().map(|c| c.id.as_str());
    let known: Vec<&str> = areas.iter().map(|a| a.id.as_str()).chain(chapters).collect();
    let places =
        raw.nyckeltal.iter().filter_map(|k| k.plats.as_ref()).chain(raw.tabell.iter().filter_map(|t| t.plats.as_ref()));
    for place in places {
        let id = place.get_ref().trim();
        if known.contains(&id) {
            continue;
        }
        let mut d = Diagnostic::error(source, place.span(), format!("platsen `{id}` finns inte"));
        if let Some(suggestion) = closest(id, known.iter().copied()) {
            d = d.with_hint(format!("menade du `{suggestion}`?"));
        }
        let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        out.push(d.with_hint(format!("ange ett kvalitetsområde eller ett kapitel: {}", list.join(", "))));
    }
}

/// Every area of the project is there, and each has a level where the
/// project rates areas (and none where it rates nothing), and something
/// to say.
fn quality_areas(source: &SourceFile, raw: &RawDistrict, areas: &[Area], rates: Rates, out: &mut Vec<Diagnostic>) {
    let written = raw.kvalitetsomraden.get_ref();
    for area in areas {
        let Some(assessment) = written.get(&area.id) else {
            out.push(
                Diagnostic::error(
                    source,
                    raw.kvalitetsomraden.span(),
                    format!("kvalitetsområdet `{}` saknas", area.id),
                )
                .with_hint(format!(
                    "lägg till `[kvalitetsomraden.{}]` med `niva`, `sammanfattning`, `iakttagelser` och `bedomning`",
                    area.id
                )),
            );
            continue;
        };
        let (span, a) = (assessment.span(), assessment.get_ref());
        if rates == Rates::Areas && a.niva.is_none() && a.konstaterande.iter().all(|s| s.niva.is_none()) {
            out.push(
                Diagnostic::error(source, span.clone(), format!("kvalitetsområdet `{}` saknar nivå", area.id))
                    .with_hint("skriv `niva = \"gul\"` (grön, gul eller röd), eller lägg till `[[kvalitetsomraden.<område>.konstaterande]]`: då gäller det sämsta konstaterandets nivå"),
            );
        }
        if rates == Rates::Nothing
            && let Some(level) = &a.niva
        {
            out.push(rating_not_rated(source, level.span(), &format!("kvalitetsområdet `{}`", area.id)));
        }
        for statement in &a.konstaterande {
            match (&statement.niva, rates) {
                (Some(level), Rates::Nothing) => out.push(rating_not_rated(source, level.span(), "konstaterandet")),
                (None, Rates::Areas | Rates::Statements) => out.push(
                    Diagnostic::error(source, statement.text.span(), "konstaterandet saknar nivå")
                        .with_hint("skriv `niva = \"gul\"` (grön, gul eller röd) före `text`"),
                ),
                _ => {}
            }
        }
        if a.iakttagelser.is_none() && a.bedomning.is_none() && a.konstaterande.is_empty() {
            out.push(
                Diagnostic::error(source, span.clone(), format!("kvalitetsområdet `{}` har ingen text", area.id))
                    .with_hint("skriv `iakttagelser`, `bedomning` eller konstateranden för området"),
            );
        }
        if rates == Rates::Areas && a.sammanfattning.is_none() {
            out.push(
                Diagnostic::error(source, span, format!("kvalitetsområdet `{}` saknar `sammanfattning`", area.id))
                    .with_hint("sammanfattningstabellen visar en mening per område: skriv `sammanfattning = \"…\"`")
                    .with_hint("eller låt tabellen visa konstaterandena: `kvalitetsnivaer = \"per_konstaterande\"` under `[rapport]` i granska.toml"),
            );
        }
    }
}

/// File-review results name questions of the review, once each.
fn results(source: &SourceFile, file_review: &RawFileReview, review: &RawReview, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = review.granskningsfraga.iter().map(|q| q.id.get_ref().as_str()).collect();
    let mut seen = HashSet::new();
    for result in &file_review.resultat {
        let id = result.fraga.get_ref().as_str();
        if !ids.contains(&id) {
            let mut d = Diagnostic::error(
                source,
                result.fraga.span(),
                format!("granskningsfrågan `{id}` finns inte i granskning.toml"),
            );
            if let Some(suggestion) = closest(id, ids.iter().copied()) {
                d = d.with_hint(format!("menade du `{suggestion}`?"));
            }
            d = d.with_hint(if ids.is_empty() {
                "granskning.toml har inga `[[granskningsfraga]]`; lägg till frågan där".to_owned()
            } else {
                format!(
                    "frågor i granskning.toml: {}",
                    ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
                )
            });
            out.push(d);
        } else if !seen.insert(id) {
            out.push(
                Diagnostic::error(
                    source,
                    result.fraga.span(),
                    format!("resultatet för granskningsfrågan `{id}` finns redan"),
                )
                .with_hint("slå ihop resultaten till ett `[[aktgranskning.resultat]]` per fråga"),
            );
        }
    }
}

/// Every row of a table has one cell per column.
fn tables(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    for table in &raw.tabell {
        let columns = table.kolumner.get_ref().len();
        if columns == 0 {
            out.push(
                Diagnostic::error(source, table.kolumner.span(), "tabellen har inga kolumner")
                    .with_hint("skriv t.ex. `kolumner = [\"Försörjningshinder\", \"Antal\"]`"),
            );
        }
        for row in &table.rader {
            let cells = row.get_ref().len();
            if cells != columns {
                out.push(
                    Diagnostic::error(
                        source,
                        row.span(),
                        format!("raden har {cells} celler men tabellen har {columns} kolumner"),
                    )
                    .with_hint("varje rad ska ha en cell per kolumn"),
                );
            }
        }
    }
}

/// Whether a key figure's value prints exactly: a number, and no larger
/// than the largest integer a 64-bit float holds exactly (2⁵³ − 1).
fn printable(value: f64) -> bool {
    const LARGEST_EXACT: f64 = 9_007_199_254_740_991.0;
    value.is_finite() && value.abs() <= LARGEST_EXACT
}

/// Key figures are given per year, with values that print exactly, and a
/// standing only for a year with a value.
fn key_figures(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    let is_year = |year: &str| year.parse::<i32>().is_ok_and(|y| (1900..=2200).contains(&y));
    for figure in &raw.nyckeltal {
        let values = figure.varden.get_ref();
        for year in values.keys().filter(|y| !is_year(y)) {
            out.push(
                Diagnostic::error(source, figure.varden.span(), format!("`{year}` är inte ett årtal"))
                    .with_hint("skriv värdena per år, t.ex. `varden = { 2010 = 380, 2011 = 405 }`"),
            );
        }
        for (year, value) in values.iter().filter(|(_, v)| !printable(**v)) {
            out.push(
                Diagnostic::error(source, figure.varden.span(), format!("värdet för {year} ({value}) är för stort för att skrivas ut exakt"))
                    .with_hint("ett nyckeltal kan vara högst 9 007 199 254 740 991; ange det i en större enhet, t.ex. miljoner kronor med `enhet = \"mnkr\"`"),
            );
        }
        let Some(standings) = &figure.jamforelse else { continue };
        for year in standings.get_ref().keys() {
            if !is_year(year) {
                out.push(
                    Diagnostic::error(source, standings.span(), format!("`{year}` är inte ett årtal"))
                        .with_hint("skriv jämförelsen per år, t.ex. `jamforelse = { 2022 = \"bast\" }`"),
                );
            } else if !values.contains_key(year) {
                out.push(
                    Diagnostic::error(source, standings.span(), format!("jämförelsen för {year} saknar ett värde"))
                        .with_hint(format!(
                            "lägg till värdet för {year} i `varden`, eller ta bort {year} ur `jamforelse`"
                        )),
                );
            }
        }
    }
}
