//! Starting points for inspectors: a commented review file and a commented
//! district file with every section present and `TODO` where text is
//! missing. `check` warns about every `TODO` left (`--strikt` makes them
//! errors), so nothing half-written is published by mistake.

use crate::model::{Area, Date};

/// A new `granskning.toml`.
pub fn review(title: &str, date: Date, areas: &[Area]) -> String {
    format!(
        r#"# Granskning: det som är gemensamt för alla distrikt.
# Fyll i alla TODO och kör `granska check`. Texter i Markdown: tom rad mellan
# stycken, "- " för punktlistor, fotnoter med [^1] och "[^1]: källa".

titel = "{title}"
verksamhet = "TODO: den granskade verksamheten, t.ex. Ekonomiskt bistånd"
diarienummer = "TODO"
period = "TODO: när granskningen genomfördes, t.ex. januari–mars {year}"
publiceringsdatum = {date}
utgivare = "TODO: förvaltning eller avdelning som ger ut rapporten"
mottagare = "TODO: nämnden som rapporten riktas till"
inspektorer = ["TODO: namn"]
# Följer granskningen upp en tidigare granskning? Ange den granskningens mapp:
# foljer_upp = "2011-ekonomiskt-bistand"

# Källor som gäller alla distrikt (Markdown, en per rad).
kallor = []

metod = """
TODO: Beskriv syftet med granskningen, avgränsningen och hur den genomfördes.
"""

# Metoddelar: typ är aktgranskning, intervju, fokusgrupp, enkat, observation
# eller dokumentgranskning. antal kan utelämnas.
[[metoddel]]
typ = "aktgranskning"
beskrivning = "TODO: hur akterna valdes ut och vad som granskades."
antal = 0

# Granskningsfrågor: distriktens aktgranskning redovisar svaren per fråga.
# kvalitetsomrade är ett av: {areas}.
# Skriv barnratt = true för frågor om barn: de redovisas i barnrättsanalysen.
[[granskningsfraga]]
id = "grundutredning"
fraga = "TODO: t.ex. Finns en grundutredning upprättad?"
kvalitetsomrade = "{first_area}"

# Tjänsteutlåtande till nämnden (valfritt). Ta bort # framför raderna:
# [tjansteutlatande]
# datum = {date}
# namnd = "Socialnämnden"
# forslag = ["Socialnämnden godkänner rapporten."]
# sammanfattning = """Sammanfattning av granskningen."""
# beredning = """Hur ärendet har beretts."""
#
# [[tjansteutlatande.undertecknare]]
# namn = "Namn Namnsson"
# titel = "Förvaltningsdirektör"
"#,
        year = date.year(),
        areas = areas.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", "),
        first_area = areas.first().map_or("", |a| a.id.as_str()),
    )
}

/// A new district file; `questions` are the review's question ids, each
/// given a zeroed result row to fill in, and `areas` the project's quality
/// areas.
pub fn district(name: &str, questions: &[String], areas: &[Area]) -> String {
    let mut out = format!(
        r#"# Distrikt: {name}. Fyll i alla TODO och kör `granska check`.
# Texter i Markdown: tom rad mellan stycken, "- " för punktlistor, fotnoter med
# [^1] i texten och "[^1]: källa" på en egen rad.
# Nycklar som står efter en [tabellrubrik] hör till den tabellen.

distrikt = "{name}"
forvaltning = "TODO: t.ex. {name} stadsdelsförvaltning"
enhet = "TODO: den granskade enheten"
beskrivning = """
TODO: Om distriktet och enheten: personal, målgrupp, organisation.
"""

# Distriktets egna källor (Markdown, en per rad).
kallor = []

# Områdesfakta (valfritt), en tabell per uppgift:
# [[omradesfakta]]
# uppgift = "Folkmängd"
# varde = 64500
# enhet = "personer"
# ar = 2009
# kalla = "USK, Områdesfakta"

# Nyckeltal per år (valfritt):
# [[nyckeltal]]
# namn = "Hushåll med ekonomiskt bistånd"
# enhet = "hushåll"
# varden = {{ 2010 = 380, 2011 = 405 }}

# Egna tabeller (valfritt):
# [[tabell]]
# rubrik = "Försörjningshinder, januari 2011"
# kolumner = ["Försörjningshinder", "Antal"]
# rader = [["Arbetslös", 224], ["Sjukskriven med läkarintyg", 81]]

[aktgranskning]
population = 0          # akter i gruppen som urvalet drogs ur
urval = 0               # utvalda akter
granskade_kvinnor = 0   # granskade akter som gällde kvinnor
granskade_man = 0       # granskade akter som gällde män
beskrivning = """
TODO: Hur urvalet gjordes och vad som granskades.
"""
"#
    );
    for id in questions {
        out.push_str(&format!(
            "\n# ja + nej + ej_aktuellt = antal granskade akter, för kvinnor och för män.\n\
             [[aktgranskning.resultat]]\nfraga = \"{id}\"\n\
             kvinnor = {{ ja = 0, nej = 0, ej_aktuellt = 0 }}\n\
             man = {{ ja = 0, nej = 0, ej_aktuellt = 0 }}\n"
        ));
    }
    out.push_str("\n# Kvalitetsområden: niva är grön (gott exempel), gul (behöver utvecklas)\n# eller röd (brist som måste åtgärdas).\n");
    for area in areas {
        out.push_str(&format!(
            r#"
[kvalitetsomraden.{key}]   # {title}
niva = "gul"
sammanfattning = "TODO: bedömningen i en mening."
iakttagelser = """
TODO: Vad inspektörerna iakttog.
"""
bedomning = """
TODO: Inspektörernas bedömning.
"""
"#,
            key = area.id,
            title = area.name,
        ));
    }
    out.push_str(
        r#"
[barnrattsanalys]
text = """
TODO: Hur barnens rättigheter och perspektiv beaktas.
"""

[jamstalldhetsanalys]
text = """
TODO: Skillnader mellan kvinnor och män, t.ex. i aktgranskningens resultat.
"""

[slutsatser]
text = """
TODO: Inspektörernas slutsatser.
"""

# Rekommendationer: en tabell per rekommendation.
[[rekommendation]]
text = "TODO: rekommendationen."
niva = "gul"
kvalitetsomrade = "{first_area}"
"#,
    );
    out.replace("{first_area}", areas.first().map_or("", |a| a.id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, SourceFile};
    use crate::load;
    use crate::model::raw::{RawDistrict, RawReview};
    use crate::model::vocab::default_areas;
    use crate::schema::Schemas;

    #[test]
    fn the_review_scaffold_parses() {
        let areas = default_areas();
        let text = review("Granskning av X", Date::new(2026, 11, 23).unwrap(), &areas);
        let schema = Schemas::new(&areas).review;
        let loaded =
            load::parse::<RawReview>(SourceFile::new("g.toml", text), &schema, &mut Diagnostics::default()).unwrap();
        assert_eq!(loaded.raw.titel.get_ref(), "Granskning av X");
    }

    #[test]
    fn the_district_scaffold_parses_with_every_area_and_question() {
        let areas = vec![
            Area { id: "trygghet".into(), name: "Trygghet".into(), description: "T.".into() },
            Area { id: "delaktighet".into(), name: "Delaktighet".into(), description: "D.".into() },
        ];
        let text = district("Hässelby-Vällingby", &["a".into(), "b".into()], &areas);
        let schema = Schemas::new(&areas).district;
        let loaded =
            load::parse::<RawDistrict>(SourceFile::new("d.toml", text), &schema, &mut Diagnostics::default()).unwrap();
        assert_eq!(loaded.raw.aktgranskning.unwrap().resultat.len(), 2);
        let written: Vec<&String> = loaded.raw.kvalitetsomraden.get_ref().keys().collect();
        assert_eq!(written, ["delaktighet", "trygghet"]);
        assert_eq!(loaded.raw.rekommendation[0].kvalitetsomrade.get_ref(), "trygghet");
    }
}
