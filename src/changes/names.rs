//! How a change is named in the list: by the section of the report it is
//! in and the words an inspector uses for the field, never by the TOML key
//! path (`Rekommendation 3`, `Fråga 2, kvinnor: ja`, the project's name
//! of a quality area).

use crate::model::vocab::Area;

/// What kind of findings file a change is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Review,
    District,
    Annual,
}

/// The field names an inspector knows, by TOML key.
fn word(key: &str) -> Option<&'static str> {
    Some(match key {
        "iakttagelser" => "Iakttagelser",
        "bedomning" => "Bedömning",
        "sammanfattning" => "Sammanfattning",
        "niva" => "Nivå",
        "konstaterande" => "Konstaterande",
        "rekommendation" => "Rekommendation",
        "kvalitetsomrade" => "Kvalitetsområde",
        "resultat" => "Fråga",
        "fraga" => "Fråga",
        "granskningsfraga" => "Granskningsfråga",
        "kvinnor" => "kvinnor",
        "man" => "män",
        "ja" => "ja",
        "nej" => "nej",
        "ej_aktuellt" => "ej aktuellt",
        "kommentar" => "Kommentar",
        "uppfoljning" => "Uppföljning",
        "status" => "Status",
        "distrikt" => "Distrikt",
        "forvaltning" => "Förvaltning",
        "enhet" => "Enhet",
        "granskad_enhet" => "Granskad enhet",
        "beskrivning" => "Beskrivning",
        "omradesfakta" => "Områdesfakta",
        "uppgift" => "Uppgift",
        "varde" => "Värde",
        "varden" => "Värden",
        "ar" => "År",
        "kalla" => "Källa",
        "kallor" => "Källa",
        "nyckeltal" => "Nyckeltal",
        "namn" => "Namn",
        "tabell" => "Tabell",
        "rubrik" => "Rubrik",
        "kolumner" => "Kolumner",
        "rader" => "Rad",
        "plats" => "Plats",
        "urval" => "Urval",
        "population" => "Population",
        "antal" => "Antal",
        "granskade_kvinnor" => "Granskade akter, kvinnor",
        "granskade_man" => "Granskade akter, män",
        "jamforelse" => "Jämförelse",
        "titel" => "Titel",
        "kort_titel" => "Kort titel",
        "verksamhet" => "Verksamhet",
        "diarienummer" => "Diarienummer",
        "period" => "Period",
        "publiceringsdatum" => "Publiceringsdatum",
        "utgivare" => "Utgivare",
        "mottagare" => "Mottagare",
        "inspektorer" => "Inspektörer",
        "kontaktperson" => "Kontaktperson",
        "metod" => "Metod",
        "metoddel" => "Metoddel",
        "typ" => "Typ",
        "barnratt" => "Gäller barn",
        "inledning" => "Inledning",
        "planering" => "Planering",
        "datum" => "Datum",
        "namnd" => "Nämnd",
        "forslag" => "Förslag till beslut",
        "avsnitt" => "Avsnitt",
        "beredning" => "Ärendets beredning",
        "undertecknare" => "Undertecknare",
        "bilaga" => "Bilaga",
        "dokument" => "Dokument",
        "avslutning" => "Avslutning",
        "kapitel" => "Kapitel",
        "id" => "Id",
        "foljer_upp" => "Följer upp",
        "tidigare_granskning" => "Tidigare granskning",
        _ => return None,
    })
}

/// A key as a word: the inspector's word, or the key with spaces.
fn said(key: &str) -> String {
    word(key).map_or_else(|| key.replace('_', " "), str::to_owned)
}

/// The section a change is in, and its name within the section. `key` is
/// the TOML key path with array items numbered from 1.
pub fn name(kind: Kind, key: &[String], areas: &[Area]) -> (String, String) {
    let first = key.first().map(String::as_str).unwrap_or_default();
    if kind == Kind::District && first == "kvalitetsomraden" && key.len() > 1 {
        let area = areas.iter().find(|a| a.id == key[1]).map_or_else(|| key[1].replace('_', " "), |a| a.name.clone());
        return (area, label(&key[2..]));
    }
    if matches!(kind, Kind::District | Kind::Review | Kind::Annual) && first == "kapitel" && key.len() > 1 {
        return (format!("Kapitel {}", key[1]), label(&key[2..]));
    }
    let title = match (kind, first) {
        (Kind::District, "distrikt" | "forvaltning" | "enhet" | "beskrivning" | "granskad_enhet") => "Om distriktet",
        (Kind::District, "omradesfakta" | "nyckeltal" | "tabell") => "Fakta och nyckeltal",
        (Kind::District, "aktgranskning") => "Aktgranskning",
        (Kind::District, "barnrattsanalys") => "Barnrättsanalys",
        (Kind::District, "jamstalldhetsanalys") => "Jämställdhetsanalys",
        (Kind::District, "slutsatser") => "Slutsatser",
        (Kind::District, "rekommendation") => "Rekommendationer",
        (Kind::District, "uppfoljning") => "Uppföljning",
        (_, "sammanfattning") => "Sammanfattning",
        (_, "inledning") => "Inledning",
        (_, "kallor") => "Källor",
        (_, "tjansteutlatande") => "Tjänsteutlåtande",
        (Kind::Review, "metod" | "metoddel") => "Metod",
        (Kind::Review, "granskningsfraga") => "Granskningsfrågor",
        (Kind::Review, _) => "Uppgifter om granskningen",
        (Kind::Annual, _) => "Årsrapporten",
        (Kind::District, _) => "Övrigt",
    };
    // Sections named after a key ("Slutsatser") do not repeat it; the
    // general ones name the field.
    let general = matches!(
        title,
        "Om distriktet" | "Fakta och nyckeltal" | "Uppgifter om granskningen" | "Årsrapporten" | "Övrigt" | "Metod"
    );
    let rest =
        if general || matches!(first, "rekommendation" | "granskningsfraga" | "uppfoljning") { key } else { &key[1..] };
    let named = label(rest);
    (title.to_owned(), if named.is_empty() { title.to_owned() } else { named })
}

/// A key path within its section as words: `rekommendation.3.text` is
/// "Rekommendation 3", `aktgranskning.resultat.2.kvinnor.ja` (within
/// "Aktgranskning") "Fråga 2, kvinnor: ja".
fn label(key: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in key {
        if part.chars().all(|c| c.is_ascii_digit()) {
            match parts.last_mut() {
                Some(last) => *last = format!("{last} {part}"),
                None => parts.push(part.clone()),
            }
        } else if part == "text" {
            // A table's text is the table itself: "Rekommendation 2",
            // "Slutsatser".
        } else {
            parts.push(said(part));
        }
    }
    // The last part is what the value is ("kvinnor: ja").
    match parts.len() {
        0 => String::new(),
        1 => capitalised(&parts[0]),
        n => {
            let (head, last) = parts.split_at(n - 1);
            let head = head.iter().map(String::as_str).collect::<Vec<_>>().join(", ");
            let last = &last[0];
            if last.chars().next().is_some_and(char::is_lowercase) {
                capitalised(&format!("{head}: {last}"))
            } else {
                capitalised(&format!("{head}, {}", last.to_lowercase()))
            }
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::default_areas;

    fn key(k: &str) -> Vec<String> {
        k.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn keys_are_named_in_the_inspectors_words_in_the_sections_of_the_report() {
        let areas = default_areas();
        let d = |k: &str| name(Kind::District, &key(k), &areas);
        assert_eq!(
            d("kvalitetsomraden.trygghet_och_sakerhet.iakttagelser"),
            ("Trygghet och säkerhet".into(), "Iakttagelser".into())
        );
        assert_eq!(d("rekommendation.2.text"), ("Rekommendationer".into(), "Rekommendation 2".into()));
        assert_eq!(d("rekommendation.3"), ("Rekommendationer".into(), "Rekommendation 3".into()));
        assert_eq!(d("rekommendation.2.niva"), ("Rekommendationer".into(), "Rekommendation 2, nivå".into()));
        assert_eq!(d("aktgranskning.resultat.2.kvinnor.ja"), ("Aktgranskning".into(), "Fråga 2, kvinnor: ja".into()));
        assert_eq!(d("aktgranskning.urval"), ("Aktgranskning".into(), "Urval".into()));
        assert_eq!(d("slutsatser.text"), ("Slutsatser".into(), "Slutsatser".into()));
        assert_eq!(d("enhet"), ("Om distriktet".into(), "Enhet".into()));
        assert_eq!(d("uppfoljning.1.status"), ("Uppföljning".into(), "Uppföljning 1, status".into()));
        let r = name(Kind::Review, &key("granskningsfraga.3.fraga"), &areas);
        assert_eq!(r, ("Granskningsfrågor".into(), "Granskningsfråga 3, fråga".into()));
        let r = name(Kind::Review, &key("tjansteutlatande.forslag"), &areas);
        assert_eq!(r, ("Tjänsteutlåtande".into(), "Förslag till beslut".into()));
    }
}
