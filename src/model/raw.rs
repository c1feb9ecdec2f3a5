//! The two TOML file kinds exactly as inspectors write them: `granskning.toml`
//! (one per review) and one `<distrikt>.toml` per district.
//!
//! Keys are Swedish in ASCII. Every table denies unknown keys, so a typo is
//! an error rather than a silently missing section. Values keep their byte
//! span in the file, so later checks can point at them.
//!
//! The `schemars(description = …)` texts are user-facing: they become the
//! JSON Schema that editors show while inspectors type, so they are Swedish.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

use super::fill::Fill;
use super::outline::RawChapter;
use super::shape::{RawReportSettings, RawWording};
use super::vocab::{MethodKind, Rating, Standing, Status};

/// A value with its byte span in the file. A transparent wrapper around
/// [`toml::Spanned`] that also describes itself as a JSON Schema (as the
/// inner value).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Spanned<T>(toml::Spanned<T>);

impl<T> Spanned<T> {
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }

    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

pub type Text = Spanned<String>;
/// A count of files, or `"TODO"` while it is not known (see [`Fill`]).
pub type Count = Spanned<Fill<u32>>;

/// A year a key figure may have (as `lint` checks it: 1900–2200), for the
/// schema.
const YEAR_PATTERN: &str = "^(19[0-9]{2}|2[01][0-9]{2}|2200)$";

/// Generates `T`'s JSON Schema (draft 7) as JSON.
pub fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.to_value()
}

/// `granskning.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "granskning.toml",
    description = "Det som är gemensamt för alla distrikt i en granskning (granska)."
)]
pub struct RawReview {
    #[schemars(description = "Rapportens titel, t.ex. \"Granskning av ekonomiskt bistånd\".")]
    pub titel: Text,
    #[schemars(
        description = "Ett kort namn på granskningen, som rubrik i årsrapporten, t.ex. \"Långvarig hemlöshet\". Standard är titeln."
    )]
    #[serde(default)]
    pub kort_titel: Option<Text>,
    #[schemars(description = "Den granskade verksamheten, t.ex. \"Ekonomiskt bistånd\".")]
    pub verksamhet: Text,
    #[schemars(description = "Diarienummer, t.ex. \"3.1-117/2011\". Ingår i rapporternas filnamn.")]
    pub diarienummer: Text,
    #[schemars(description = "När granskningen genomfördes, i ord, t.ex. \"november 2010 – mars 2011\".")]
    pub period: Text,
    #[schemars(
        description = "Publiceringsdatum utan citattecken, t.ex. 2011-04-15. Blir rapportens datum.",
        with = "String",
        extend("format" = "date")
    )]
    pub publiceringsdatum: Spanned<toml::value::Datetime>,
    #[schemars(description = "Utgivare (förvaltning eller avdelning). Blir PDF:ens författare.")]
    pub utgivare: Text,
    #[schemars(description = "Den nämnd rapporten riktas till.")]
    pub mottagare: Text,
    #[schemars(description = "Inspektörerna som genomförde granskningen. Utelämnas om rapporten inte namnger dem.")]
    #[serde(default)]
    pub inspektorer: Vec<Text>,
    #[schemars(description = "Kontaktperson, om någon annan än inspektörerna.")]
    #[serde(default)]
    pub kontaktperson: Option<Text>,
    #[schemars(
        description = "Inledning för alla distrikt: varför granskningen gjordes (Markdown). Ett distrikt kan ha en egen [inledning]."
    )]
    #[serde(default)]
    pub inledning: Option<Text>,
    #[schemars(description = "Metodbeskrivning (Markdown).")]
    pub metod: Text,
    #[schemars(description = "Metoddelar som användes: [[metoddel]].")]
    #[serde(default)]
    pub metoddel: Vec<RawMethodPart>,
    #[schemars(description = "Granskningsfrågor, var och en knuten till ett kvalitetsområde: [[granskningsfraga]].")]
    #[serde(default)]
    pub granskningsfraga: Vec<RawQuestion>,
    #[schemars(description = "Källor för alla distrikt (Markdown, en per rad).")]
    #[serde(default)]
    pub kallor: Vec<Text>,
    #[schemars(
        description = "Mappen för den tidigare granskning som den här följer upp, t.ex. \"2011-ekonomiskt-bistand\", eller en lista med flera mappar."
    )]
    #[serde(default)]
    pub foljer_upp: Option<Spanned<Folders>>,
    #[schemars(
        description = "Tidigare granskningar som den här följer upp men som inte finns i projektet: [[tidigare_granskning]] med titel, diarienummer och år."
    )]
    #[serde(default)]
    pub tidigare_granskning: Vec<RawOutsideReview>,
    #[schemars(description = "Förvaltningens tjänsteutlåtande till nämnden: [tjansteutlatande].")]
    #[serde(default)]
    pub tjansteutlatande: Option<RawMemo>,
    #[schemars(
        description = "Texter till kapitlen i dispositionen för alla rapporter i granskningen, t.ex. [kapitel.forord] med text. En distriktsfil kan ha en egen."
    )]
    #[serde(default)]
    pub kapitel: BTreeMap<String, Spanned<RawSection>>,
    #[schemars(description = "Granskningens egna val, i stället för projektets i granska.toml: [rapport].")]
    #[serde(default)]
    pub rapport: Option<RawReportSettings>,
    #[schemars(
        description = "Granskningens egen disposition, i stället för projektets: [[disposition]], ett kapitel i taget i ordning."
    )]
    #[serde(default)]
    pub disposition: Vec<RawChapter>,
    #[schemars(description = "Granskningens egna ord, i stället för projektets: [ord].")]
    #[serde(default)]
    pub ord: Option<RawWording>,
}

/// The folders a follow-up follows up: one name, or a list of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders(pub Vec<String>);

impl<'de> Deserialize<'de> for Folders {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Folders, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Folders;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("ett mappnamn eller en lista med mappnamn")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Folders, E> {
                Ok(Folders(vec![value.to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Folders, A::Error> {
                let mut out = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    out.push(name);
                }
                Ok(Folders(out))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Folders {
    fn schema_name() -> Cow<'static, str> {
        "Folders".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string", "description": "En mapp i findings/." },
                { "type": "array", "items": { "type": "string" }, "description": "Flera mappar i findings/." }
            ]
        })
    }
}

/// An earlier review outside the project, that a follow-up follows up.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En tidigare granskning som inte finns i projektet.")]
pub struct RawOutsideReview {
    #[schemars(description = "Granskningens titel, t.ex. \"Granskning av förhandsbedömningar\".")]
    pub titel: Text,
    #[schemars(description = "Dess diarienummer, om det finns.")]
    #[serde(default)]
    pub diarienummer: Option<Text>,
    #[schemars(description = "Året den publicerades, t.ex. 2024.")]
    pub ar: Spanned<i32>,
}

/// The administration's cover memo to the committee (*tjänsteutlåtande*).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Tjänsteutlåtande: förvaltningens skrivelse till nämnden med förslag till beslut.")]
pub struct RawMemo {
    #[schemars(description = "Ärendets diarienummer, om det skiljer sig från granskningens.")]
    #[serde(default)]
    pub diarienummer: Option<Text>,
    #[schemars(description = "Datum utan citattecken, t.ex. 2011-05-10.", with = "String", extend("format" = "date"))]
    pub datum: Spanned<toml::value::Datetime>,
    #[schemars(description = "Nämnden som ska besluta, t.ex. \"Socialtjänst- och arbetsmarknadsnämnden\".")]
    pub namnd: Text,
    #[schemars(description = "Ärendets rubrik; standard är granskningens titel.")]
    #[serde(default)]
    pub rubrik: Option<Text>,
    #[schemars(description = "Förslag till beslut, i tur och ordning.")]
    pub forslag: Vec<Text>,
    #[schemars(
        description = "Sammanfattning (Markdown), först efter förslagen. Utelämnas om ett avsnitt med rubriken Sammanfattning skrivs i stället, t.ex. för att ta med kapitel."
    )]
    #[serde(default)]
    pub sammanfattning: Option<Text>,
    #[schemars(
        description = "Utlåtandets avsnitt efter sammanfattningen, i ordning, t.ex. Bakgrund, Ärendet, Förvaltningens synpunkter: [[tjansteutlatande.avsnitt]]."
    )]
    #[serde(default)]
    pub avsnitt: Vec<RawMemoSection>,
    #[schemars(description = "Ärendets beredning (Markdown); blir ett sista avsnitt \"Ärendets beredning\".")]
    #[serde(default)]
    pub beredning: Option<Text>,
    #[schemars(description = "De som undertecknar: [[tjansteutlatande.undertecknare]].")]
    #[serde(default)]
    pub undertecknare: Vec<RawSignatory>,
    #[schemars(
        description = "Bilagorna i ordning: [[tjansteutlatande.bilaga]] med `dokument` (ett dokument som granska gör) eller `titel` (en annan handling). Utan dokument i listan är bilagorna de dokument utlåtandet gäller, följda av de andra handlingarna."
    )]
    #[serde(default)]
    pub bilaga: Vec<RawMemoAttachment>,
}

/// An attachment a memo lists.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En bilaga till tjänsteutlåtandet: ett dokument som granska gör, eller en annan handling.")]
pub struct RawMemoAttachment {
    #[schemars(
        description = "Ett dokument som granska gör i samma körning: en distriktsfils namn i granskningen, t.ex. \"bromma\", eller årsrapporten, t.ex. \"arsrapport-2025\"."
    )]
    #[serde(default)]
    pub dokument: Option<Text>,
    #[schemars(
        description = "En annan handling som bifogas, med sin titel, t.ex. \"Protokollsutdrag från funktionshinderrådet\"."
    )]
    #[serde(default)]
    pub titel: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett avsnitt i tjänsteutlåtandet.")]
pub struct RawMemoSection {
    #[schemars(description = "Avsnittets rubrik, t.ex. \"Förvaltningens synpunkter\".")]
    pub rubrik: Text,
    #[schemars(description = "Avsnittets text (Markdown). Får utelämnas om avsnittet tar med kapitel.")]
    #[serde(default)]
    pub text: Option<Text>,
    #[schemars(
        description = "Kapitel ur dokumentet som utlåtandet gäller som tas med efter texten, i ordning, med sina id ur dispositionen, t.ex. [\"barnrattsanalys\", \"jamstalldhetsanalys\"]. Så skrivs ingen text två gånger."
    )]
    #[serde(default)]
    pub kapitel: Vec<Text>,
    #[schemars(
        description = "false om kapitlen ska tas med utan sina rubriker, som en fortsättning på avsnittets text (standard: true)."
    )]
    #[serde(default)]
    pub kapitelrubriker: Option<bool>,
    #[schemars(description = "Text efter kapitlen (Markdown), t.ex. ett avslutande förslag.")]
    #[serde(default)]
    pub avslutning: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En som undertecknar tjänsteutlåtandet.")]
pub struct RawSignatory {
    pub namn: Text,
    #[schemars(description = "Befattning, t.ex. \"Förvaltningsdirektör\".")]
    pub titel: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En metoddel.")]
pub struct RawMethodPart {
    #[schemars(description = "Slag av metod.")]
    pub typ: Spanned<MethodKind>,
    #[schemars(description = "Hur metoden användes (Markdown).")]
    pub beskrivning: Text,
    #[schemars(description = "Antal (akter, intervjuer, svarande …), om det är relevant; \"TODO\" tills det är känt.")]
    #[serde(default)]
    pub antal: Option<Count>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En granskningsfråga.")]
pub struct RawQuestion {
    #[schemars(
        description = "Kort id med a–z, 0–9, _ och -, t.ex. \"grundutredning\". Distriktens resultat hänvisar till det.",
        extend("pattern" = "^[a-z0-9_-]+$", "examples" = ["grundutredning"])
    )]
    pub id: Text,
    #[schemars(description = "Frågan, t.ex. \"Finns en grundutredning upprättad?\".")]
    pub fraga: Text,
    #[schemars(description = "Kvalitetsområdet frågan hör till (ett id ur projektets lista).")]
    pub kvalitetsomrade: Text,
    #[schemars(description = "true om frågan gäller barn; svaren redovisas då i barnrättsanalysen.")]
    #[serde(default)]
    pub barnratt: bool,
}

/// `findings/arsrapport-<år>.toml`: the annual report's own fields,
/// outline, texts and memo.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "arsrapport-<år>.toml",
    description = "Årsrapportens egna uppgifter, disposition, texter och tjänsteutlåtande; granskningarna hämtas från året i findings/ (granska)."
)]
pub struct RawAnnual {
    #[schemars(description = "Titel; standard är \"Årsrapport <år>\" (med projektets ord för årsrapport).")]
    #[serde(default)]
    pub titel: Option<Text>,
    pub diarienummer: Text,
    #[schemars(description = "Publiceringsdatum utan citattecken, t.ex. 2012-02-15.", with = "String", extend("format" = "date"))]
    pub publiceringsdatum: Spanned<toml::value::Datetime>,
    pub utgivare: Text,
    pub mottagare: Text,
    #[schemars(description = "Inledningen (Markdown); samma som [kapitel.inledning] med text.")]
    #[serde(default)]
    pub inledning: Option<Text>,
    #[schemars(description = "Planeringen för nästa år (Markdown); samma som [kapitel.planering] med text.")]
    #[serde(default)]
    pub planering: Option<Text>,
    #[schemars(
        description = "Texter till kapitlen i dispositionen, t.ex. [kapitel.ovrigt] med text, eller en inledande text till ett kapitel som [kapitel.jamstalldhetsanalys]."
    )]
    #[serde(default)]
    pub kapitel: BTreeMap<String, Spanned<RawSection>>,
    #[schemars(
        description = "Årsrapportens disposition: [[disposition]], ett kapitel i taget i ordning. Utan den: inledning, årets granskningar, kvalitetsnivåer, kvalitetsområden, barnrättsanalys, jämställdhetsanalys, uppföljningar och planering."
    )]
    #[serde(default)]
    pub disposition: Vec<super::annual::RawAnnualChapter>,
    #[schemars(
        description = "Förvaltningens tjänsteutlåtande till nämnden, med årsrapporten som bilaga: [tjansteutlatande]."
    )]
    #[serde(default)]
    pub tjansteutlatande: Option<RawMemo>,
}

/// `<distrikt>.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "distriktsfil", description = "Ett distrikts iakttagelser och bedömningar (granska).")]
pub struct RawDistrict {
    #[schemars(
        description = "Distriktets (eller enhetens) namn, t.ex. \"Bromma\". Utelämnas i en rapport som omfattar flera enheter: [[granskad_enhet]]."
    )]
    #[serde(default)]
    pub distrikt: Option<Text>,
    #[schemars(description = "Förvaltningen, t.ex. \"Bromma stadsdelsförvaltning\".")]
    #[serde(default)]
    pub forvaltning: Option<Text>,
    #[schemars(description = "Den granskade enheten.")]
    #[serde(default)]
    pub enhet: Option<Text>,
    #[schemars(
        description = "När rapporten omfattar flera enheter (en stadsövergripande granskning): en [[granskad_enhet]] per enhet, med dess uppgifter."
    )]
    #[serde(default)]
    pub granskad_enhet: Vec<RawUnit>,
    #[schemars(description = "Sammanfattning av rapporten, först i rapporten: [sammanfattning] med text.")]
    #[serde(default)]
    pub sammanfattning: Option<RawSection>,
    #[schemars(
        description = "Inledning, om distriktet behöver en egen i stället för granskningens: [inledning] med text."
    )]
    #[serde(default)]
    pub inledning: Option<RawSection>,
    #[schemars(description = "Om distriktet och enheten (Markdown).")]
    #[serde(default)]
    pub beskrivning: Option<Text>,
    #[schemars(description = "Områdesfakta: [[omradesfakta]].")]
    #[serde(default)]
    pub omradesfakta: Vec<RawFact>,
    #[schemars(description = "Nyckeltal per år: [[nyckeltal]].")]
    #[serde(default)]
    pub nyckeltal: Vec<RawKeyFigure>,
    #[schemars(description = "Egna tabeller, t.ex. försörjningshinder: [[tabell]].")]
    #[serde(default)]
    pub tabell: Vec<RawTable>,
    #[schemars(description = "Aktgranskningen: [aktgranskning].")]
    #[serde(default)]
    pub aktgranskning: Option<RawFileReview>,
    #[schemars(description = "Kvalitetsområdena, ett per område i projektet: [kvalitetsomraden.<område>].")]
    pub kvalitetsomraden: Spanned<BTreeMap<String, Spanned<RawArea>>>,
    #[schemars(description = "Barnrättsanalys: [barnrattsanalys] med text.")]
    pub barnrattsanalys: RawSection,
    #[schemars(description = "Jämställdhetsanalys: [jamstalldhetsanalys] med text.")]
    pub jamstalldhetsanalys: RawSection,
    #[schemars(description = "Slutsatser: [slutsatser] med text.")]
    pub slutsatser: RawSection,
    #[schemars(description = "Rekommendationer: [[rekommendation]].")]
    #[serde(default)]
    pub rekommendation: Vec<RawRecommendation>,
    #[schemars(description = "Distriktets egna källor (Markdown, en per rad).")]
    #[serde(default)]
    pub kallor: Vec<Text>,
    #[schemars(
        description = "Vid en uppföljning: vad som hänt med varje rekommendation i den tidigare rapporten: [[uppfoljning]]."
    )]
    #[serde(default)]
    pub uppfoljning: Vec<RawFollowUp>,
    #[schemars(
        description = "Texter till kapitlen i dispositionen, t.ex. [kapitel.analys] med text, eller en inledande text till rekommendationerna: [kapitel.rekommendationer]."
    )]
    #[serde(default)]
    pub kapitel: BTreeMap<String, Spanned<RawSection>>,
}

/// One of the units a report covers, when it covers several.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En granskad enhet i en rapport som omfattar flera.")]
pub struct RawUnit {
    #[schemars(description = "Enhetens namn, t.ex. \"Bromma stadsdelsförvaltning\" eller \"Enheten för hemlösa\".")]
    pub namn: Text,
    #[schemars(description = "Förvaltningen, om den inte framgår av namnet.")]
    #[serde(default)]
    pub forvaltning: Option<Text>,
    #[schemars(description = "Om enheten (Markdown).")]
    #[serde(default)]
    pub beskrivning: Option<Text>,
    #[schemars(description = "Enhetens fakta: [[granskad_enhet.omradesfakta]].")]
    #[serde(default)]
    pub omradesfakta: Vec<RawFact>,
    #[schemars(description = "Enhetens aktgranskning: [granskad_enhet.aktgranskning].")]
    #[serde(default)]
    pub aktgranskning: Option<RawFileReview>,
}

/// The status of one earlier recommendation, in a follow-up review.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Status för en rekommendation i den granskning som följs upp.")]
pub struct RawFollowUp {
    #[schemars(description = "Rekommendationens nummer i den tidigare rapporten (1, 2, …).")]
    pub rekommendation: Spanned<u32>,
    #[schemars(description = "atgardad, delvis_atgardad, ej_atgardad eller ej_foljd_upp.")]
    pub status: Spanned<Status>,
    #[schemars(description = "Vad som har gjorts (Markdown).")]
    #[serde(default)]
    pub kommentar: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En uppgift om distriktet.")]
pub struct RawFact {
    #[schemars(description = "Uppgiften, t.ex. \"Folkmängd\".")]
    pub uppgift: Text,
    #[schemars(description = "Värdet: ett tal (punkt som decimaltecken) eller en text.")]
    pub varde: Spanned<Value>,
    #[schemars(description = "Enhet, t.ex. \"%\" eller \"personer\".")]
    #[serde(default)]
    pub enhet: Option<Text>,
    #[schemars(description = "Året uppgiften gäller.")]
    #[serde(default)]
    pub ar: Option<Spanned<i32>>,
    #[schemars(description = "Källa (blir en fotnot).")]
    #[serde(default)]
    pub kalla: Option<Text>,
}

/// A number or a text, as a table cell or fact value.
#[derive(Debug, Clone, Deserialize, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Value {
    Integer(i64),
    Decimal(f64),
    Text(String),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett nyckeltal, t.ex. en KKiK-indikator.")]
pub struct RawKeyFigure {
    #[schemars(description = "Nyckeltalets namn.")]
    pub namn: Text,
    #[schemars(description = "Enhet, t.ex. \"%\".")]
    #[serde(default)]
    pub enhet: Option<Text>,
    #[schemars(
        description = "Värden per år, t.ex. { 2010 = 380, 2011 = 405 }. År som saknas visas som –.",
        extend("propertyNames" = { "pattern": YEAR_PATTERN })
    )]
    pub varden: Spanned<BTreeMap<String, f64>>,
    #[schemars(
        description = "Kommunens placering bland alla kommuner per år, t.ex. { 2022 = \"bast\", 2023 = \"mellan\" }: bast (25 % bästa), mellan (mellersta 50 %) eller samst (25 % sämsta).",
        extend("propertyNames" = { "pattern": YEAR_PATTERN })
    )]
    #[serde(default)]
    pub jamforelse: Option<Spanned<BTreeMap<String, Standing>>>,
    #[schemars(description = "Källa (blir en fotnot).")]
    #[serde(default)]
    pub kalla: Option<Text>,
    #[schemars(description = PLACE)]
    #[serde(default)]
    pub plats: Option<Text>,
}

/// The description of `plats`, for key figures and tables.
const PLACE: &str = "Var tabellen står: ett kvalitetsområdes id (efter områdets iakttagelser), ett kapitels id ur dispositionen (efter kapitlets text), eller \"metod\" (standard, under den granskade verksamheten). Nyckeltal med samma plats bildar en tabell.";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En tabell.")]
pub struct RawTable {
    #[schemars(description = "Tabellens rubrik.")]
    pub rubrik: Text,
    #[schemars(description = "Kolumnrubriker, t.ex. [\"Försörjningshinder\", \"Antal\"].")]
    pub kolumner: Spanned<Vec<String>>,
    #[schemars(description = "Rader, en lista per rad, t.ex. [\"Arbetslös\", 224].")]
    pub rader: Vec<Spanned<Vec<Value>>>,
    #[schemars(description = "Källa (blir en fotnot).")]
    #[serde(default)]
    pub kalla: Option<Text>,
    #[schemars(description = PLACE)]
    #[serde(default)]
    pub plats: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Aktgranskningen.")]
pub struct RawFileReview {
    #[schemars(description = "Antal akter i gruppen som urvalet drogs ur; \"TODO\" tills det är känt.")]
    pub population: Count,
    #[schemars(description = "Antal utvalda akter; \"TODO\" tills det är känt.")]
    pub urval: Count,
    #[schemars(description = "Antal granskade akter som gällde kvinnor; \"TODO\" tills det är känt.")]
    pub granskade_kvinnor: Count,
    #[schemars(description = "Antal granskade akter som gällde män; \"TODO\" tills det är känt.")]
    pub granskade_man: Count,
    #[schemars(description = "Hur urvalet gjordes och vad som granskades (Markdown).")]
    #[serde(default)]
    pub beskrivning: Option<Text>,
    #[schemars(description = "Resultat per granskningsfråga: [[aktgranskning.resultat]].")]
    #[serde(default)]
    pub resultat: Vec<RawResult>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Svaren på en granskningsfråga i de granskade akterna.")]
pub struct RawResult {
    #[schemars(description = "id för en [[granskningsfraga]] i granskning.toml.")]
    pub fraga: Text,
    #[schemars(description = "Akter som gällde kvinnor: { ja = …, nej = …, ej_aktuellt = … }.")]
    pub kvinnor: Spanned<RawAnswers>,
    #[schemars(description = "Akter som gällde män: { ja = …, nej = …, ej_aktuellt = … }.")]
    pub man: Spanned<RawAnswers>,
    #[schemars(description = "Kommentar till resultatet (Markdown).")]
    #[serde(default)]
    pub kommentar: Option<Text>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Antal akter per svar; summan ska vara antalet granskade akter. \"TODO\" där ett antal inte är känt än."
)]
pub struct RawAnswers {
    pub ja: Fill<u32>,
    pub nej: Fill<u32>,
    pub ej_aktuellt: Fill<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett kvalitetsområdes iakttagelser, bedömning och konstateranden.")]
pub struct RawArea {
    #[schemars(
        description = "Kvalitetsnivå: grön (gott exempel), gul (behöver utvecklas) eller röd (brist som måste åtgärdas), om projektet sätter nivåer. Utan niva gäller det sämsta konstaterandets nivå. \"TODO\" tills nivån är bestämd."
    )]
    #[serde(default)]
    pub niva: Option<Spanned<Fill<Rating>>>,
    #[schemars(description = "Bedömningen i en mening, till sammanfattningstabellen.")]
    #[serde(default)]
    pub sammanfattning: Option<Text>,
    #[schemars(description = "Vad inspektörerna iakttog (Markdown; ### ger underrubriker).")]
    #[serde(default)]
    pub iakttagelser: Option<Text>,
    #[schemars(description = "Inspektörernas bedömning (Markdown; ### ger underrubriker).")]
    #[serde(default)]
    pub bedomning: Option<Text>,
    #[schemars(
        description = "Bedömda påståenden, vart och ett med sin nivå: [[kvalitetsomraden.<område>.konstaterande]]."
    )]
    #[serde(default)]
    pub konstaterande: Vec<RawStatement>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett konstaterande: en mening, med en kvalitetsnivå om projektet sätter nivåer.")]
pub struct RawStatement {
    #[schemars(
        description = "Kvalitetsnivå: grön, gul eller röd (när projektet sätter nivåer per konstaterande); \"TODO\" tills nivån är bestämd."
    )]
    #[serde(default)]
    pub niva: Option<Spanned<Fill<Rating>>>,
    #[schemars(description = "Konstaterandet i en mening (Markdown).")]
    pub text: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett avsnitt med en text.")]
pub struct RawSection {
    #[schemars(description = "Avsnittets text (Markdown).")]
    pub text: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En rekommendation.")]
pub struct RawRecommendation {
    #[schemars(description = "Rekommendationen (Markdown).")]
    pub text: Text,
    #[schemars(
        description = "Hur allvarlig: grön, gul eller röd (om projektet sätter nivåer); \"TODO\" tills nivån är bestämd."
    )]
    #[serde(default)]
    pub niva: Option<Spanned<Fill<Rating>>>,
    #[schemars(description = "Kvalitetsområdet den gäller (ett id ur projektets lista), om någon.")]
    #[serde(default)]
    pub kvalitetsomrade: Option<Text>,
}
