//! Every piece of text in a findings file, with its location, so that rules
//! about text (personal data, placeholders, empty texts, footnotes,
//! printable characters) see all of it and cannot forget a field.

use std::ops::Range;

use std::collections::BTreeMap;

use crate::model::outline::RawChapter;
use crate::model::raw::{
    RawAnnual, RawDistrict, RawFact, RawFileReview, RawMemo, RawReview, RawSection, Spanned, Text, Value,
};
use crate::model::shape::RawWording;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A one-line text: name, title, label.
    Plain,
    /// Markdown.
    Markdown,
    /// A table cell or column name (may be empty).
    Cell,
}

/// One text and where it is.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Dotted key path, e.g. `kvalitetsomraden.tillganglighet.bedomning`.
    pub key: String,
    pub text: &'a str,
    /// Byte span of the value in the file (for cells: the whole row).
    pub span: Range<usize>,
    pub kind: Kind,
    /// Whether the key must be present (an empty value cannot be removed).
    pub required: bool,
}

struct Collector<'a> {
    fields: Vec<Field<'a>>,
}

impl<'a> Collector<'a> {
    fn text(&mut self, key: impl Into<String>, value: &'a Text, kind: Kind, required: bool) {
        self.fields.push(Field { key: key.into(), text: value.get_ref(), span: value.span(), kind, required });
    }

    fn optional(&mut self, key: impl Into<String>, value: &'a Option<Text>, kind: Kind) {
        if let Some(value) = value {
            self.text(key, value, kind, false);
        }
    }

    fn cell(&mut self, key: String, text: &'a str, span: Range<usize>) {
        self.fields.push(Field { key, text, span, kind: Kind::Cell, required: false });
    }

    /// The texts of a cover memo.
    fn memo(&mut self, memo: &'a RawMemo) {
        self.optional("tjansteutlatande.diarienummer", &memo.diarienummer, Kind::Plain);
        self.text("tjansteutlatande.namnd", &memo.namnd, Kind::Plain, true);
        self.optional("tjansteutlatande.rubrik", &memo.rubrik, Kind::Plain);
        for (i, proposal) in memo.forslag.iter().enumerate() {
            self.text(format!("tjansteutlatande.forslag[{}]", i + 1), proposal, Kind::Markdown, false);
        }
        self.optional("tjansteutlatande.sammanfattning", &memo.sammanfattning, Kind::Markdown);
        for (i, section) in memo.avsnitt.iter().enumerate() {
            self.text(format!("tjansteutlatande.avsnitt[{}].rubrik", i + 1), &section.rubrik, Kind::Plain, true);
            let required = section.kapitel.is_empty();
            if let Some(text) = &section.text {
                self.text(format!("tjansteutlatande.avsnitt[{}].text", i + 1), text, Kind::Markdown, required);
            }
            self.optional(
                format!("tjansteutlatande.avsnitt[{}].avslutning", i + 1),
                &section.avslutning,
                Kind::Markdown,
            );
        }
        self.optional("tjansteutlatande.beredning", &memo.beredning, Kind::Markdown);
        for (i, s) in memo.undertecknare.iter().enumerate() {
            self.text(format!("tjansteutlatande.undertecknare[{}].namn", i + 1), &s.namn, Kind::Plain, true);
            self.text(format!("tjansteutlatande.undertecknare[{}].titel", i + 1), &s.titel, Kind::Plain, true);
        }
        for (i, a) in memo.bilaga.iter().enumerate() {
            self.optional(format!("tjansteutlatande.bilaga[{}].titel", i + 1), &a.titel, Kind::Plain);
        }
    }

    /// The texts of `[kapitel.<id>]`.
    fn chapters(&mut self, chapters: &'a BTreeMap<String, Spanned<RawSection>>) {
        for (id, section) in chapters {
            self.text(format!("kapitel.{id}.text"), &section.get_ref().text, Kind::Markdown, true);
        }
    }

    /// The shape's texts: chapter titles and the project's words.
    fn shape(&mut self, outline: &'a [RawChapter], wording: Option<&'a RawWording>) {
        for (i, chapter) in outline.iter().enumerate() {
            self.optional(format!("disposition[{}].rubrik", i + 1), &chapter.rubrik, Kind::Plain);
            self.optional(format!("disposition[{}].id", i + 1), &chapter.id, Kind::Plain);
        }
        if let Some(wording) = wording {
            for (key, word) in wording.words() {
                self.text(format!("ord.{key}"), word, Kind::Plain, true);
            }
        }
    }

    fn facts(&mut self, prefix: &str, facts: &'a [RawFact]) {
        for (i, f) in facts.iter().enumerate() {
            let key = format!("{prefix}omradesfakta[{}]", i + 1);
            self.text(format!("{key}.uppgift"), &f.uppgift, Kind::Plain, true);
            if let Value::Text(t) = f.varde.get_ref() {
                self.cell(format!("{key}.varde"), t, f.varde.span());
            }
            self.optional(format!("{key}.enhet"), &f.enhet, Kind::Plain);
            self.optional(format!("{key}.kalla"), &f.kalla, Kind::Markdown);
        }
    }

    fn file_review(&mut self, prefix: &str, a: &'a RawFileReview) {
        self.optional(format!("{prefix}aktgranskning.beskrivning"), &a.beskrivning, Kind::Markdown);
        for (i, r) in a.resultat.iter().enumerate() {
            let key = format!("{prefix}aktgranskning.resultat[{}]", i + 1);
            self.text(format!("{key}.fraga"), &r.fraga, Kind::Plain, true);
            self.optional(format!("{key}.kommentar"), &r.kommentar, Kind::Markdown);
        }
    }
}

pub fn review(raw: &RawReview) -> Vec<Field<'_>> {
    let mut c = Collector { fields: Vec::new() };
    c.text("titel", &raw.titel, Kind::Plain, true);
    c.optional("kort_titel", &raw.kort_titel, Kind::Plain);
    c.text("verksamhet", &raw.verksamhet, Kind::Plain, true);
    c.text("diarienummer", &raw.diarienummer, Kind::Plain, true);
    c.text("period", &raw.period, Kind::Plain, true);
    c.text("utgivare", &raw.utgivare, Kind::Plain, true);
    c.text("mottagare", &raw.mottagare, Kind::Plain, true);
    for (i, name) in raw.inspektorer.iter().enumerate() {
        c.text(format!("inspektorer[{}]", i + 1), name, Kind::Plain, false);
    }
    c.optional("kontaktperson", &raw.kontaktperson, Kind::Plain);
    c.optional("inledning", &raw.inledning, Kind::Markdown);
    c.text("metod", &raw.metod, Kind::Markdown, true);
    for (i, part) in raw.metoddel.iter().enumerate() {
        c.text(format!("metoddel[{}].beskrivning", i + 1), &part.beskrivning, Kind::Markdown, true);
    }
    for (i, q) in raw.granskningsfraga.iter().enumerate() {
        c.text(format!("granskningsfraga[{}].id", i + 1), &q.id, Kind::Plain, true);
        c.text(format!("granskningsfraga[{}].fraga", i + 1), &q.fraga, Kind::Plain, true);
    }
    for (i, source) in raw.kallor.iter().enumerate() {
        c.text(format!("kallor[{}]", i + 1), source, Kind::Markdown, false);
    }
    if let Some(folders) = &raw.foljer_upp {
        for name in &folders.get_ref().0 {
            c.fields.push(Field {
                key: "foljer_upp".to_owned(),
                text: name,
                span: folders.span(),
                kind: Kind::Plain,
                required: true,
            });
        }
    }
    for (i, earlier) in raw.tidigare_granskning.iter().enumerate() {
        c.text(format!("tidigare_granskning[{}].titel", i + 1), &earlier.titel, Kind::Plain, true);
        c.optional(format!("tidigare_granskning[{}].diarienummer", i + 1), &earlier.diarienummer, Kind::Plain);
    }
    if let Some(memo) = &raw.tjansteutlatande {
        c.memo(memo);
    }
    c.chapters(&raw.kapitel);
    c.shape(&raw.disposition, raw.ord.as_ref());
    if let Some(legend) = raw.rapport.as_ref().and_then(|r| r.nivaer.as_ref()) {
        for (key, text) in [("gron", &legend.gron), ("gul", &legend.gul), ("rod", &legend.rod)] {
            c.optional(format!("rapport.nivaer.{key}"), text, Kind::Plain);
        }
    }
    c.fields
}

/// Every text of a district file; `summary_required` when the summary table
/// lists areas, so that each area's `sammanfattning` is needed.
pub fn district(raw: &RawDistrict, summary_required: bool) -> Vec<Field<'_>> {
    let mut c = Collector { fields: Vec::new() };
    c.optional("distrikt", &raw.distrikt, Kind::Plain);
    c.optional("forvaltning", &raw.forvaltning, Kind::Plain);
    c.optional("enhet", &raw.enhet, Kind::Plain);
    for (i, unit) in raw.granskad_enhet.iter().enumerate() {
        let key = format!("granskad_enhet[{}].", i + 1);
        c.text(format!("{key}namn"), &unit.namn, Kind::Plain, true);
        c.optional(format!("{key}forvaltning"), &unit.forvaltning, Kind::Plain);
        c.optional(format!("{key}beskrivning"), &unit.beskrivning, Kind::Markdown);
        c.facts(&key, &unit.omradesfakta);
        if let Some(a) = &unit.aktgranskning {
            c.file_review(&key, a);
        }
    }
    for (key, section) in [("sammanfattning", &raw.sammanfattning), ("inledning", &raw.inledning)] {
        if let Some(section) = section {
            c.text(format!("{key}.text"), &section.text, Kind::Markdown, true);
        }
    }
    c.optional("beskrivning", &raw.beskrivning, Kind::Markdown);
    c.facts("", &raw.omradesfakta);
    for (i, k) in raw.nyckeltal.iter().enumerate() {
        let key = format!("nyckeltal[{}]", i + 1);
        c.text(format!("{key}.namn"), &k.namn, Kind::Plain, true);
        c.optional(format!("{key}.enhet"), &k.enhet, Kind::Plain);
        c.optional(format!("{key}.kalla"), &k.kalla, Kind::Markdown);
        c.optional(format!("{key}.plats"), &k.plats, Kind::Plain);
    }
    for (i, t) in raw.tabell.iter().enumerate() {
        let key = format!("tabell[{}]", i + 1);
        c.text(format!("{key}.rubrik"), &t.rubrik, Kind::Plain, true);
        for column in t.kolumner.get_ref() {
            c.cell(format!("{key}.kolumner"), column, t.kolumner.span());
        }
        for (r, row) in t.rader.iter().enumerate() {
            for value in row.get_ref() {
                if let Value::Text(text) = value {
                    c.cell(format!("{key}.rader[{}]", r + 1), text, row.span());
                }
            }
        }
        c.optional(format!("{key}.kalla"), &t.kalla, Kind::Markdown);
        c.optional(format!("{key}.plats"), &t.plats, Kind::Plain);
    }
    if let Some(a) = &raw.aktgranskning {
        c.file_review("", a);
    }
    for (id, a) in raw.kvalitetsomraden.get_ref() {
        let a = a.get_ref();
        let key = format!("kvalitetsomraden.{id}");
        if let Some(summary) = &a.sammanfattning {
            c.text(format!("{key}.sammanfattning"), summary, Kind::Plain, summary_required);
        }
        c.optional(format!("{key}.iakttagelser"), &a.iakttagelser, Kind::Markdown);
        c.optional(format!("{key}.bedomning"), &a.bedomning, Kind::Markdown);
        for (i, statement) in a.konstaterande.iter().enumerate() {
            c.text(format!("{key}.konstaterande[{}].text", i + 1), &statement.text, Kind::Markdown, true);
        }
    }
    c.text("barnrattsanalys.text", &raw.barnrattsanalys.text, Kind::Markdown, true);
    c.text("jamstalldhetsanalys.text", &raw.jamstalldhetsanalys.text, Kind::Markdown, true);
    c.text("slutsatser.text", &raw.slutsatser.text, Kind::Markdown, true);
    for (i, r) in raw.rekommendation.iter().enumerate() {
        c.text(format!("rekommendation[{}].text", i + 1), &r.text, Kind::Markdown, true);
        c.optional(format!("rekommendation[{}].kvalitetsomrade", i + 1), &r.kvalitetsomrade, Kind::Plain);
    }
    for (i, source) in raw.kallor.iter().enumerate() {
        c.text(format!("kallor[{}]", i + 1), source, Kind::Markdown, false);
    }
    for (i, f) in raw.uppfoljning.iter().enumerate() {
        c.optional(format!("uppfoljning[{}].kommentar", i + 1), &f.kommentar, Kind::Markdown);
    }
    c.chapters(&raw.kapitel);
    c.fields
}

pub fn annual(raw: &RawAnnual) -> Vec<Field<'_>> {
    let mut c = Collector { fields: Vec::new() };
    c.optional("titel", &raw.titel, Kind::Plain);
    c.text("diarienummer", &raw.diarienummer, Kind::Plain, true);
    c.text("utgivare", &raw.utgivare, Kind::Plain, true);
    c.text("mottagare", &raw.mottagare, Kind::Plain, true);
    c.optional("inledning", &raw.inledning, Kind::Markdown);
    c.optional("planering", &raw.planering, Kind::Markdown);
    c.chapters(&raw.kapitel);
    for (i, chapter) in raw.disposition.iter().enumerate() {
        c.optional(format!("disposition[{}].rubrik", i + 1), &chapter.rubrik, Kind::Plain);
    }
    if let Some(memo) = &raw.tjansteutlatande {
        c.memo(memo);
    }
    c.fields
}
