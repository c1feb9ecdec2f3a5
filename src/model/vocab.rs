//! The vocabulary of a granskningsrapport: the quality areas
//! (*kvalitetsområden*; by default the six of Socialstyrelsen and SKR 2010,
//! a project may define its own), the three rating levels
//! (*kvalitetsnivåer*), the kinds of method parts and the follow-up
//! statuses.

use serde::{Deserialize, Serialize};

use super::words::{Words, word_schema};

/// A quality area as the project defines it (`[[kvalitetsomrade]]` in
/// `granska.toml`), in the order reports present them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The TOML key (ASCII), e.g. `trygghet_och_sakerhet`.
    pub id: String,
    /// The Swedish name as a report heading.
    pub name: String,
    /// What good quality means in the area, in one sentence, if the
    /// project says.
    pub description: Option<String>,
}

/// The six quality areas of Socialstyrelsen and SKR (2010): the default
/// when a project defines none.
pub fn default_areas() -> Vec<Area> {
    [
        (
            "trygghet_och_sakerhet",
            "Trygghet och säkerhet",
            "Verksamheten är trygg och säker och präglas av rättssäkerhet i myndighetsutövningen.",
        ),
        (
            "sjalvbestammande_och_integritet",
            "Självbestämmande och integritet",
            "Verksamheten bygger på respekt för människors självbestämmande och integritet.",
        ),
        ("tillganglighet", "Tillgänglighet", "Verksamheten är tillgänglig för dem som behöver den."),
        (
            "helhetssyn_och_samordning",
            "Helhetssyn och samordning",
            "Verksamheten utgår från en helhetssyn, är samordnad och präglas av kontinuitet.",
        ),
        (
            "kunskapsbaserad_verksamhet",
            "Kunskapsbaserad verksamhet",
            "Verksamheten bygger på bästa tillgängliga kunskap och personal med lämplig utbildning och erfarenhet.",
        ),
        ("effektivitet", "Effektivitet", "Verksamheten utförs effektivt och når sina mål."),
    ]
    .into_iter()
    .map(|(id, name, description)| Area {
        id: id.to_owned(),
        name: name.to_owned(),
        description: Some(description.to_owned()),
    })
    .collect()
}

/// A rating (*kvalitetsnivå*): green = good practice worth spreading,
/// yellow = needs development, red = a deficiency that must be fixed.
/// Never shown as a colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Rating {
    #[serde(rename = "grön", alias = "gron")]
    Gron,
    #[serde(rename = "gul")]
    Gul,
    #[serde(rename = "röd", alias = "rod")]
    Rod,
}

impl Words for Rating {
    const ALL: &'static [Self] = &Rating::ALL;
    const DESCRIPTION: &'static str = "Kvalitetsnivå.";
    fn key(self) -> &'static str {
        Rating::key(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Rating::Gron => &["gron"],
            Rating::Gul => &[],
            Rating::Rod => &["rod"],
        }
    }
    fn doc(self) -> &'static str {
        self.meaning()
    }
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Gron, Rating::Gul, Rating::Rod];

    /// The rating written `key` (as [`Rating::key`] gives it).
    pub fn from_key(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The value inspectors write in TOML.
    pub fn key(self) -> &'static str {
        match self {
            Rating::Gron => "grön",
            Rating::Gul => "gul",
            Rating::Rod => "röd",
        }
    }

    /// The word printed next to the colour.
    pub fn word(self) -> &'static str {
        match self {
            Rating::Gron => "Grön",
            Rating::Gul => "Gul",
            Rating::Rod => "Röd",
        }
    }

    /// What the level means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Rating::Gron => "God kvalitet – ett arbetssätt att sprida till andra.",
            Rating::Gul => "Behöver utvecklas – brister som bör åtgärdas.",
            Rating::Rod => "Allvarlig brist – måste åtgärdas.",
        }
    }

    /// Fill colour (RGB hex), chosen for contrast with black text.
    pub fn colour(self) -> &'static str {
        match self {
            Rating::Gron => "#4f9a5c",
            Rating::Gul => "#f2c94c",
            Rating::Rod => "#c8433a",
        }
    }
}

/// A part of the review method (*metoddel*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Aktgranskning,
    Intervju,
    Fokusgrupp,
    Enkat,
    Observation,
    Dokumentgranskning,
}

impl Words for MethodKind {
    const ALL: &'static [Self] = &[
        MethodKind::Aktgranskning,
        MethodKind::Intervju,
        MethodKind::Fokusgrupp,
        MethodKind::Enkat,
        MethodKind::Observation,
        MethodKind::Dokumentgranskning,
    ];
    const DESCRIPTION: &'static str = "Slag av metod.";
    fn key(self) -> &'static str {
        match self {
            MethodKind::Aktgranskning => "aktgranskning",
            MethodKind::Intervju => "intervju",
            MethodKind::Fokusgrupp => "fokusgrupp",
            MethodKind::Enkat => "enkat",
            MethodKind::Observation => "observation",
            MethodKind::Dokumentgranskning => "dokumentgranskning",
        }
    }
    fn doc(self) -> &'static str {
        match self {
            MethodKind::Aktgranskning => "Granskning av personakter, t.ex. ett urval ärenden.",
            MethodKind::Intervju => "Intervjuer med chefer, medarbetare eller brukare.",
            MethodKind::Fokusgrupp => "Samtal i grupp kring frågor som förberetts.",
            MethodKind::Enkat => "En enkät till medarbetare eller brukare.",
            MethodKind::Observation => "Inspektörens iakttagelser på plats.",
            MethodKind::Dokumentgranskning => "Granskning av rutiner, riktlinjer och andra styrdokument.",
        }
    }
}

impl MethodKind {
    pub fn title(self) -> &'static str {
        match self {
            MethodKind::Aktgranskning => "Aktgranskning",
            MethodKind::Intervju => "Intervjuer",
            MethodKind::Fokusgrupp => "Fokusgrupper",
            MethodKind::Enkat => "Enkäter",
            MethodKind::Observation => "Observation",
            MethodKind::Dokumentgranskning => "Dokumentgranskning",
        }
    }
}

/// What became of an earlier recommendation (*status vid uppföljning*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Status {
    #[serde(rename = "atgardad", alias = "åtgärdad")]
    Done,
    #[serde(rename = "delvis_atgardad", alias = "delvis åtgärdad")]
    Partly,
    #[serde(rename = "ej_atgardad", alias = "ej åtgärdad")]
    NotDone,
    /// The follow-up did not look at it.
    #[serde(rename = "ej_foljd_upp", alias = "ej följd upp")]
    NotFollowedUp,
}

impl Words for Status {
    const ALL: &'static [Self] = &[Status::Done, Status::Partly, Status::NotDone, Status::NotFollowedUp];
    const DESCRIPTION: &'static str = "Vad som hänt med en tidigare rekommendation.";
    fn key(self) -> &'static str {
        match self {
            Status::Done => "atgardad",
            Status::Partly => "delvis_atgardad",
            Status::NotDone => "ej_atgardad",
            Status::NotFollowedUp => "ej_foljd_upp",
        }
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Status::Done => &["åtgärdad"],
            Status::Partly => &["delvis åtgärdad"],
            Status::NotDone => &["ej åtgärdad"],
            Status::NotFollowedUp => &["ej följd upp"],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            Status::Done => "Rekommendationen är genomförd.",
            Status::Partly => "Arbete pågår eller en del är genomförd.",
            Status::NotDone => "Inget har gjorts ännu.",
            Status::NotFollowedUp => "Uppföljningen har inte tittat på rekommendationen.",
        }
    }
}

impl Status {
    /// The word printed in the report.
    pub fn word(self) -> &'static str {
        match self {
            Status::Done => "Åtgärdad",
            Status::Partly => "Delvis åtgärdad",
            Status::NotDone => "Ej åtgärdad",
            Status::NotFollowedUp => "Ej följd upp",
        }
    }
}

impl Rating {
    /// Higher is better: röd 0, gul 1, grön 2.
    pub fn rank(self) -> u8 {
        match self {
            Rating::Rod => 0,
            Rating::Gul => 1,
            Rating::Gron => 2,
        }
    }
}

/// A key figure's standing among all municipalities (*jämförelse*), as KKiK
/// reports it: among the best quarter, the middle half, or the worst
/// quarter. Never shown as a colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Standing {
    #[serde(rename = "bast", alias = "bäst")]
    Best,
    #[serde(rename = "mellan")]
    Middle,
    #[serde(rename = "samst", alias = "sämst")]
    Worst,
}

impl Words for Standing {
    const ALL: &'static [Self] = &Standing::ALL;
    const DESCRIPTION: &'static str = "Kommunens placering bland alla kommuner.";
    fn key(self) -> &'static str {
        Standing::key(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Standing::Best => &["bäst"],
            Standing::Middle => &[],
            Standing::Worst => &["sämst"],
        }
    }
    fn doc(self) -> &'static str {
        match self {
            Standing::Best => "Bland de 25 % bästa kommunerna.",
            Standing::Middle => "Bland de mellersta 50 % av kommunerna.",
            Standing::Worst => "Bland de 25 % sämsta kommunerna.",
        }
    }
}

impl Standing {
    pub const ALL: [Standing; 3] = [Standing::Best, Standing::Middle, Standing::Worst];

    /// The value inspectors write in TOML.
    pub fn key(self) -> &'static str {
        match self {
            Standing::Best => "bast",
            Standing::Middle => "mellan",
            Standing::Worst => "samst",
        }
    }

    /// The word printed next to the colour, short enough for a table cell.
    pub fn word(self) -> &'static str {
        match self {
            Standing::Best => "Bäst",
            Standing::Middle => "Mellan",
            Standing::Worst => "Sämst",
        }
    }

    /// What it means, for the legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Standing::Best => "bland de 25 % bästa kommunerna",
            Standing::Middle => "bland de mellersta 50 % av kommunerna",
            Standing::Worst => "bland de 25 % sämsta kommunerna",
        }
    }

    /// The colour of its marker: the rating colours, best as green.
    pub fn colour(self) -> &'static str {
        match self {
            Standing::Best => Rating::Gron.colour(),
            Standing::Middle => Rating::Gul.colour(),
            Standing::Worst => Rating::Rod.colour(),
        }
    }
}

word_schema!(Rating, MethodKind, Status, Standing);
