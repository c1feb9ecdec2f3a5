//! The shape of a project's reports: whether and what it rates, its
//! outline, its heading numbering and contents depth, and its words. Set in
//! `granska.toml` for the whole project; a review may override any of it in
//! its `granskning.toml` (the Stockholm 2011 review rates its areas, the
//! 2014 follow-up in the same project rates nothing).
//!
//! ```toml
//! [rapport]
//! kvalitetsnivaer = "per_konstaterande"   # or "per_omrade" (default), "inga"
//! numrerade_rubriker = false
//! innehall_djup = 3
//!
//! [[disposition]]
//! typ = "metod"
//! rubrik = "Uppföljningens genomförande"
//!
//! [ord]
//! distrikt = "Enhet"
//! inspektorer = "Kvalitetscontroller"
//! ```

use schemars::JsonSchema;
use serde::Deserialize;

use super::outline::{Outline, RawChapter};
use super::raw::{Spanned, Text};
use super::vocab::{Rating, Standing, Status};
use super::words::{Words, word_schema};

/// What a project rates (*kvalitetsnivåer*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Rates {
    /// Every quality area has a level (its own, or its worst statement's);
    /// the summary table lists the areas.
    #[default]
    #[serde(rename = "per_omrade", alias = "per_område")]
    Areas,
    /// Rated statements; an area has a level only if one is written. The
    /// summary table lists the statements, grouped by area.
    #[serde(rename = "per_konstaterande")]
    Statements,
    /// Nothing: no level anywhere, no table of levels, no legend.
    #[serde(rename = "inga")]
    Nothing,
}

impl Words for Rates {
    const ALL: &'static [Self] = &[Rates::Areas, Rates::Statements, Rates::Nothing];
    const DESCRIPTION: &'static str = "Vad rapporterna sätter kvalitetsnivåer på.";
    fn key(self) -> &'static str {
        match self {
            Rates::Areas => "per_omrade",
            Rates::Statements => "per_konstaterande",
            Rates::Nothing => "inga",
        }
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Rates::Areas => &["per_område"],
            _ => &[],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            Rates::Areas => {
                "Varje kvalitetsområde har en nivå (sin egen eller det sämsta konstaterandets). Tabellen först i rapporten visar en rad per område."
            }
            Rates::Statements => {
                "Konstaterandena har nivåer; ett område har bara en nivå om den skrivs. Tabellen först i rapporten visar konstaterandena per område."
            }
            Rates::Nothing => "Inga kvalitetsnivåer: inga nivåtabeller, ingen förklaring och ingen `niva` någonstans.",
        }
    }
}

word_schema!(Rates);

/// `[rapport]`, as written in `granska.toml` or `granskning.toml`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReportSettings {
    #[schemars(
        description = "Vad rapporterna sätter kvalitetsnivåer på: \"per_omrade\" (standard), \"per_konstaterande\" eller \"inga\"."
    )]
    #[serde(default)]
    pub kvalitetsnivaer: Option<Spanned<Rates>>,
    #[schemars(
        description = "true om konstaterandena också ska stå under varje område när tabellen först i rapporten redan visar dem (standard: false, varje konstaterande står en gång)."
    )]
    #[serde(default)]
    pub konstateranden_under_omraden: Option<bool>,
    #[schemars(description = "true (standard) om rubrikerna ska numreras: 1, 1.1, 1.1.1.")]
    #[serde(default)]
    pub numrerade_rubriker: Option<bool>,
    #[schemars(description = "Hur många rubriknivåer innehållsförteckningen visar: 1, 2 (standard) eller 3.")]
    #[serde(default)]
    pub innehall_djup: Option<Spanned<i64>>,
    #[schemars(description = "Förklaringen av nivåerna under tabellen, med organisationens egna ord.")]
    #[serde(default)]
    pub nivaer: Option<RawLegend>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLegend {
    #[schemars(description = "Vad grön betyder, t.ex. \"God kvalitet – ett arbetssätt att sprida till andra.\"")]
    #[serde(default)]
    pub gron: Option<Text>,
    #[schemars(description = "Vad gul betyder, t.ex. \"Behöver utvecklas – brister som bör åtgärdas.\"")]
    #[serde(default)]
    pub gul: Option<Text>,
    #[schemars(description = "Vad röd betyder, t.ex. \"Allvarlig brist – måste åtgärdas.\"")]
    #[serde(default)]
    pub rod: Option<Text>,
}

/// Declares the project's words: the raw `[ord]` table (every word
/// optional, with its description for the editor) and the checked
/// [`Wording`] with today's words as defaults.
macro_rules! wording {
    ($($key:ident: $default:literal, $doc:literal;)*) => {
        /// `[ord]`: the words reports print, in the organisation's own
        /// language.
        #[derive(Debug, Default, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(description = "Orden rapporterna skriver, med organisationens egna ord. Utan dem gäller standardorden.")]
        pub struct RawWording {
            $(
                #[schemars(description = concat!($doc, " Standard: \"", $default, "\"."))]
                #[serde(default)]
                pub $key: Option<Text>,
            )*
        }

        impl RawWording {
            /// Every word written, with its key.
            pub fn words(&self) -> Vec<(&'static str, &Text)> {
                let mut out = Vec::new();
                $(if let Some(text) = &self.$key { out.push((stringify!($key), text)); })*
                out
            }
        }

        /// The words reports print.
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
        pub struct Wording {
            $(pub $key: String,)*
        }

        impl Default for Wording {
            fn default() -> Self {
                Wording { $($key: $default.to_owned(),)* }
            }
        }

        impl Wording {
            /// `self` with every word `raw` gives in its place; the texts
            /// that are empty, to report.
            pub fn overridden<'a>(&self, raw: &'a RawWording) -> (Wording, Vec<&'a Text>) {
                let mut out = self.clone();
                let mut empty = Vec::new();
                $(
                    if let Some(text) = &raw.$key {
                        let word = text.get_ref().trim();
                        if word.is_empty() { empty.push(text) } else { out.$key = word.to_owned() }
                    }
                )*
                (out, empty)
            }
        }
    };
}

wording! {
    granskningsrapport: "Granskningsrapport", "Dokumentslaget på en rapports försättsblad.";
    uppfoljning: "Uppföljning", "Dokumentslaget på en uppföljnings försättsblad.";
    arsrapport: "Årsrapport", "Dokumentslaget på årsrapportens försättsblad.";
    tjansteutlatande: "Tjänsteutlåtande", "Dokumentslaget i tjänsteutlåtandets sidhuvud.";
    distrikt: "Distrikt", "Vad den granskade enheten kallas på försättsbladet, t.ex. \"Enhet\" eller \"Stadsdelsförvaltning\".";
    granskade_enheter: "Granskade enheter", "Rubriken för enheterna när en rapport omfattar flera.";
    inspektorer: "Inspektörer", "Vad de som granskat kallas, t.ex. \"Kvalitetscontroller\" eller \"Socialtjänstinspektörer\".";
    kontaktperson: "Kontaktperson", "Rubriken för kontaktpersonen på försättsbladet.";
    innehall: "Innehåll", "Innehållsförteckningens rubrik.";
    nivaer_i_korthet: "Kvalitetsnivåer i korthet", "Rubriken för tabellen med nivåerna i sammanfattningen.";
    kvalitetsniva: "Kvalitetsnivå", "Ordet före ett områdes nivå och i tabellernas kolumnrubriker.";
    genomforande: "Granskningens genomförande", "Underrubriken för metodtexten.";
    granskningsfragor: "Granskningsfrågor", "Underrubriken för granskningsfrågorna.";
    granskad_verksamhet: "Den granskade verksamheten", "Underrubriken för beskrivningen av den granskade verksamheten.";
    aktgranskning: "Aktgranskning", "Underrubriken för aktgranskningen.";
    iakttagelser: "Iakttagelser", "Underrubriken för iakttagelserna i ett område som också har en bedömning.";
    bedomning: "Bedömning", "Underrubriken för bedömningen i ett område som också har iakttagelser.";
    konstateranden: "Konstateranden", "Vad de bedömda påståendena kallas i tabellerna.";
    gron: "Grön", "Ordet för nivån grön.";
    gul: "Gul", "Ordet för nivån gul.";
    rod: "Röd", "Ordet för nivån röd.";
    bast: "Bäst", "Ordet för en placering bland de 25 % bästa kommunerna.";
    mellan: "Mellan", "Ordet för en placering bland de mellersta 50 %.";
    samst: "Sämst", "Ordet för en placering bland de 25 % sämsta kommunerna.";
    atgardad: "Åtgärdad", "Status för en genomförd rekommendation vid uppföljning.";
    delvis_atgardad: "Delvis åtgärdad", "Status för en delvis genomförd rekommendation.";
    ej_atgardad: "Ej åtgärdad", "Status för en rekommendation där inget har gjorts.";
    ej_foljd_upp: "Ej följd upp", "Status för en rekommendation som uppföljningen inte har tittat på.";
    forslag_till_beslut: "Förslag till beslut", "Tjänsteutlåtandets rubrik för förslagen, t.ex. \"Förvaltningens förslag till beslut\".";
    sammanfattning: "Sammanfattning", "Tjänsteutlåtandets rubrik för sammanfattningen.";
    beredning: "Ärendets beredning", "Rubriken för `beredning` i tjänsteutlåtandet.";
    bilagor: "Bilagor", "Tjänsteutlåtandets rubrik för bilagorna.";
    bilaga: "Bilaga", "Ordet före en bilagas nummer.";
}

impl Wording {
    /// The project's word for a level.
    pub fn rating(&self, rating: Rating) -> &str {
        match rating {
            Rating::Gron => &self.gron,
            Rating::Gul => &self.gul,
            Rating::Rod => &self.rod,
        }
    }

    /// The project's word for a standing among municipalities.
    pub fn standing(&self, standing: Standing) -> &str {
        match standing {
            Standing::Best => &self.bast,
            Standing::Middle => &self.mellan,
            Standing::Worst => &self.samst,
        }
    }

    /// The project's word for a follow-up status.
    pub fn status(&self, status: Status) -> &str {
        match status {
            Status::Done => &self.atgardad,
            Status::Partly => &self.delvis_atgardad,
            Status::NotDone => &self.ej_atgardad,
            Status::NotFollowedUp => &self.ej_foljd_upp,
        }
    }
}

/// The shape of a review's reports: the project's, with the review's
/// overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub rates: Rates,
    /// Statements are listed under their areas even when the summary table
    /// lists them.
    pub statements_under_areas: bool,
    pub numbered: bool,
    /// 1–3.
    pub contents_depth: u8,
    /// What each level means (grön, gul, röd).
    pub legend: [String; 3],
    pub outline: Outline,
    pub wording: Wording,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            rates: Rates::default(),
            statements_under_areas: false,
            numbered: true,
            contents_depth: 2,
            legend: Rating::ALL.map(|r| r.meaning().to_owned()),
            outline: Outline::default(),
            wording: Wording::default(),
        }
    }
}

impl Shape {
    /// What `rating` means, for the legend.
    pub fn meaning(&self, rating: Rating) -> &str {
        &self.legend[usize::from(2 - rating.rank())]
    }

    /// Whether the summary table lists the statements (so they are not
    /// repeated under each area unless asked for).
    pub fn statements_in_summary(&self) -> bool {
        self.rates == Rates::Statements
    }

    /// Whether an area lists its statements itself.
    pub fn statements_in_areas(&self) -> bool {
        !self.statements_in_summary() || self.statements_under_areas
    }
}

/// The parts of the shape a file writes (`granska.toml` or
/// `granskning.toml`).
pub struct RawShape<'a> {
    pub settings: Option<&'a RawReportSettings>,
    pub outline: &'a [RawChapter],
    pub wording: Option<&'a RawWording>,
}
