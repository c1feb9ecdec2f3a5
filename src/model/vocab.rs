//! The fixed vocabulary of a granskningsrapport: the six quality areas
//! (*kvalitetsområden*, Socialstyrelsen and SKR 2010), the three rating
//! levels (*kvalitetsnivåer*) and the kinds of method parts.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the six quality areas, in the order reports present them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Ett av de sex kvalitetsområdena.")]
pub enum QualityArea {
    TrygghetOchSakerhet,
    SjalvbestammandeOchIntegritet,
    Tillganglighet,
    HelhetssynOchSamordning,
    KunskapsbaseradVerksamhet,
    Effektivitet,
}

impl QualityArea {
    pub const ALL: [QualityArea; 6] = [
        QualityArea::TrygghetOchSakerhet,
        QualityArea::SjalvbestammandeOchIntegritet,
        QualityArea::Tillganglighet,
        QualityArea::HelhetssynOchSamordning,
        QualityArea::KunskapsbaseradVerksamhet,
        QualityArea::Effektivitet,
    ];

    /// The TOML key (ASCII).
    pub fn key(self) -> &'static str {
        match self {
            QualityArea::TrygghetOchSakerhet => "trygghet_och_sakerhet",
            QualityArea::SjalvbestammandeOchIntegritet => "sjalvbestammande_och_integritet",
            QualityArea::Tillganglighet => "tillganglighet",
            QualityArea::HelhetssynOchSamordning => "helhetssyn_och_samordning",
            QualityArea::KunskapsbaseradVerksamhet => "kunskapsbaserad_verksamhet",
            QualityArea::Effektivitet => "effektivitet",
        }
    }

    /// The Swedish name as a report heading.
    pub fn title(self) -> &'static str {
        match self {
            QualityArea::TrygghetOchSakerhet => "Trygghet och säkerhet",
            QualityArea::SjalvbestammandeOchIntegritet => "Självbestämmande och integritet",
            QualityArea::Tillganglighet => "Tillgänglighet",
            QualityArea::HelhetssynOchSamordning => "Helhetssyn och samordning",
            QualityArea::KunskapsbaseradVerksamhet => "Kunskapsbaserad verksamhet",
            QualityArea::Effektivitet => "Effektivitet",
        }
    }

    /// What good quality means in the area (Socialstyrelsen's wording, short).
    pub fn description(self) -> &'static str {
        match self {
            QualityArea::TrygghetOchSakerhet => {
                "Verksamheten är trygg och säker och präglas av rättssäkerhet i myndighetsutövningen."
            }
            QualityArea::SjalvbestammandeOchIntegritet => {
                "Verksamheten bygger på respekt för människors självbestämmande och integritet."
            }
            QualityArea::Tillganglighet => "Verksamheten är tillgänglig för dem som behöver den.",
            QualityArea::HelhetssynOchSamordning => {
                "Verksamheten utgår från en helhetssyn, är samordnad och präglas av kontinuitet."
            }
            QualityArea::KunskapsbaseradVerksamhet => {
                "Verksamheten bygger på bästa tillgängliga kunskap och personal med lämplig utbildning och erfarenhet."
            }
            QualityArea::Effektivitet => "Verksamheten utförs effektivt och når sina mål.",
        }
    }
}

impl fmt::Display for QualityArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A rating (*kvalitetsnivå*): green = good practice worth spreading,
/// yellow = needs development, red = a deficiency that must be fixed.
/// Never shown as a colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[schemars(description = "Kvalitetsnivå: grön, gul eller röd.")]
pub enum Rating {
    #[schemars(description = "God kvalitet – ett arbetssätt att sprida till andra.")]
    #[serde(rename = "grön", alias = "gron")]
    Gron,
    #[schemars(description = "Behöver utvecklas – brister som bör åtgärdas.")]
    #[serde(rename = "gul")]
    Gul,
    #[schemars(description = "Allvarlig brist – måste åtgärdas.")]
    #[serde(rename = "röd", alias = "rod")]
    Rod,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Gron, Rating::Gul, Rating::Rod];

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Slag av metod.")]
pub enum MethodKind {
    Aktgranskning,
    Intervju,
    Fokusgrupp,
    Enkat,
    Observation,
    Dokumentgranskning,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[schemars(description = "Status för en tidigare rekommendation.")]
pub enum Status {
    #[serde(rename = "atgardad", alias = "åtgärdad")]
    Done,
    #[serde(rename = "delvis_atgardad", alias = "delvis åtgärdad")]
    Partly,
    #[serde(rename = "ej_atgardad", alias = "ej åtgärdad")]
    NotDone,
}

impl Status {
    /// The word printed in the report.
    pub fn word(self) -> &'static str {
        match self {
            Status::Done => "Åtgärdad",
            Status::Partly => "Delvis åtgärdad",
            Status::NotDone => "Ej åtgärdad",
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
