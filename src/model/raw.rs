//! The two TOML file kinds exactly as inspectors write them: `granskning.toml`
//! (one per review) and one `<distrikt>.toml` per district.
//!
//! Keys are Swedish in ASCII. Every table denies unknown keys, so a typo is
//! an error rather than a silently missing section. Values keep their byte
//! span in the file, so later checks can point at them.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::vocab::{MethodKind, QualityArea, Rating};

pub type Text = Spanned<String>;
pub type Count = Spanned<u32>;

/// `granskning.toml`: what is common to every district of a review.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    /// Report title, e.g. "Granskning av ekonomiskt bistånd".
    pub titel: Text,
    /// The service reviewed (*verksamhet*), e.g. "Ekonomiskt bistånd".
    pub verksamhet: Text,
    /// Registration number in the diarium, e.g. "3.1-117/2011".
    pub diarienummer: Text,
    /// When the review was carried out, in words.
    pub period: Text,
    /// Publication date (a TOML date, `2011-04-15`).
    pub publiceringsdatum: Spanned<toml::value::Datetime>,
    /// Who publishes the report (administration or department).
    pub utgivare: Text,
    /// The committee the report is addressed to.
    pub mottagare: Text,
    /// The inspectors who carried out the review.
    pub inspektorer: Vec<Text>,
    /// Contact person, if other than the inspectors.
    #[serde(default)]
    pub kontaktperson: Option<Text>,
    /// The method text (Markdown).
    pub metod: Text,
    /// The method parts used.
    #[serde(default)]
    pub metoddel: Vec<RawMethodPart>,
    /// The review questions, each tied to a quality area.
    #[serde(default)]
    pub granskningsfraga: Vec<RawQuestion>,
    /// Sources common to all districts (Markdown, one per entry).
    #[serde(default)]
    pub kallor: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMethodPart {
    pub typ: Spanned<MethodKind>,
    pub beskrivning: Text,
    /// How many (files, interviews, respondents …), when it applies.
    #[serde(default)]
    pub antal: Option<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Short ASCII identifier used by the districts' file-review results.
    pub id: Text,
    pub fraga: Text,
    pub kvalitetsomrade: Spanned<QualityArea>,
}

/// `<distrikt>.toml`: one district's findings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDistrict {
    /// District name as printed, e.g. "Bromma".
    pub distrikt: Text,
    /// The administration, e.g. "Bromma stadsdelsförvaltning".
    pub forvaltning: Text,
    /// The unit reviewed.
    pub enhet: Text,
    /// About the district and the unit (Markdown).
    #[serde(default)]
    pub beskrivning: Option<Text>,
    #[serde(default)]
    pub omradesfakta: Vec<RawFact>,
    #[serde(default)]
    pub nyckeltal: Vec<RawKeyFigure>,
    #[serde(default)]
    pub tabell: Vec<RawTable>,
    #[serde(default)]
    pub aktgranskning: Option<RawFileReview>,
    pub kvalitetsomraden: Spanned<RawAreas>,
    pub barnrattsanalys: RawSection,
    pub jamstalldhetsanalys: RawSection,
    pub slutsatser: RawSection,
    #[serde(default)]
    pub rekommendation: Vec<RawRecommendation>,
    #[serde(default)]
    pub kallor: Vec<Text>,
}

/// One district fact (*områdesfakta*).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub uppgift: Text,
    pub varde: Spanned<Value>,
    #[serde(default)]
    pub enhet: Option<Text>,
    #[serde(default)]
    pub ar: Option<Spanned<i32>>,
    #[serde(default)]
    pub kalla: Option<Text>,
}

/// A number or a text, as a table cell or fact value.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Value {
    Integer(i64),
    Decimal(f64),
    Text(String),
}

/// A key figure by year (*nyckeltal*), e.g. a KKiK indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyFigure {
    pub namn: Text,
    #[serde(default)]
    pub enhet: Option<Text>,
    /// Year → value, e.g. `{ 2010 = 380, 2011 = 405 }`.
    pub varden: Spanned<BTreeMap<String, f64>>,
    #[serde(default)]
    pub kalla: Option<Text>,
}

/// A free table, e.g. *försörjningshinder*.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub rubrik: Text,
    pub kolumner: Spanned<Vec<String>>,
    pub rader: Vec<Spanned<Vec<Value>>>,
    #[serde(default)]
    pub kalla: Option<Text>,
}

/// The file review (*aktgranskning*).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFileReview {
    /// Files in the population the sample was drawn from.
    pub population: Count,
    /// Files drawn.
    pub urval: Count,
    /// Files actually reviewed, by sex.
    pub granskade_kvinnor: Count,
    pub granskade_man: Count,
    #[serde(default)]
    pub beskrivning: Option<Text>,
    #[serde(default)]
    pub resultat: Vec<RawResult>,
}

/// Answers to one review question across the reviewed files.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    /// The `id` of a `[[granskningsfraga]]` in granskning.toml.
    pub fraga: Text,
    pub kvinnor: Spanned<RawAnswers>,
    pub man: Spanned<RawAnswers>,
    #[serde(default)]
    pub kommentar: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    pub ja: u32,
    pub nej: u32,
    pub ej_aktuellt: u32,
}

/// The six quality areas; each must be present (checked later, so that all
/// missing ones are reported at once).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAreas {
    pub trygghet_och_sakerhet: Option<RawArea>,
    pub sjalvbestammande_och_integritet: Option<RawArea>,
    pub tillganglighet: Option<RawArea>,
    pub helhetssyn_och_samordning: Option<RawArea>,
    pub kunskapsbaserad_verksamhet: Option<RawArea>,
    pub effektivitet: Option<RawArea>,
}

impl RawAreas {
    pub fn get(&self, area: QualityArea) -> Option<&RawArea> {
        match area {
            QualityArea::TrygghetOchSakerhet => self.trygghet_och_sakerhet.as_ref(),
            QualityArea::SjalvbestammandeOchIntegritet => self.sjalvbestammande_och_integritet.as_ref(),
            QualityArea::Tillganglighet => self.tillganglighet.as_ref(),
            QualityArea::HelhetssynOchSamordning => self.helhetssyn_och_samordning.as_ref(),
            QualityArea::KunskapsbaseradVerksamhet => self.kunskapsbaserad_verksamhet.as_ref(),
            QualityArea::Effektivitet => self.effektivitet.as_ref(),
        }
    }
}

/// One quality area's findings and assessment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub niva: Spanned<Rating>,
    /// The assessment in one line, for the summary table.
    pub sammanfattning: Text,
    /// What the inspectors found (Markdown).
    pub iakttagelser: Text,
    /// The inspectors' assessment (Markdown).
    pub bedomning: Text,
}

/// A section that is one Markdown text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub text: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub text: Text,
    pub niva: Spanned<Rating>,
    pub kvalitetsomrade: Spanned<QualityArea>,
}
