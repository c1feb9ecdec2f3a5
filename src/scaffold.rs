//! Starting points for inspectors: a commented review file, a commented
//! district file and a commented annual report file, with every section
//! present and `TODO` where text is missing, and the optional parts shown
//! as comments to uncomment. `check` reports every `TODO` left, so nothing
//! half-written is published by mistake. Counts and levels start as
//! `"TODO"` too, never as a 0 or a level nobody chose (see `model::fill`).
//! Every value from the command line is written as a TOML string by the
//! `toml` crate, so the files are always valid TOML.

use crate::model::shape::Rates;
use crate::model::{Area, Date};

/// `text` as a TOML string, quotes and escapes included.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A new `granskning.toml`.
pub fn review(title: &str, date: Date, areas: &[Area]) -> String {
    let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
    format!(
        r#"# Granskning: det som är gemensamt för alla distrikt.
# Fyll i alla TODO och kör `granska check`. Texter i Markdown: tom rad mellan
# stycken, "- " för punktlistor, `### Rubrik` för underrubriker, fotnoter med
# [^1] och "[^1]: källa".

titel = {title}
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

inledning = """
TODO: Varför granskningen gjordes. Ett distrikt kan ha en egen [inledning].
"""

metod = """
TODO: Beskriv syftet med granskningen, avgränsningen och hur den genomfördes.
"""

# Metoddelar: typ är aktgranskning, intervju, fokusgrupp, enkat, observation
# eller dokumentgranskning. antal kan utelämnas; skriv talet utan citattecken.
[[metoddel]]
typ = "aktgranskning"
beskrivning = "TODO: hur akterna valdes ut och vad som granskades."
antal = "TODO"

# Granskningsfrågor: distriktens aktgranskning redovisar svaren per fråga.
# kvalitetsomrade är ett av: {areas}.
# Skriv barnratt = true för frågor om barn: de redovisas i barnrättsanalysen.
[[granskningsfraga]]
id = "grundutredning"
fraga = "TODO: t.ex. Finns en grundutredning upprättad?"
kvalitetsomrade = {first_area}

# Tjänsteutlåtande till nämnden (valfritt). Ta bort # framför raderna:
# [tjansteutlatande]
# datum = {date}
# namnd = "Socialnämnden"
# forslag = ["Socialnämnden godkänner rapporten."]
# sammanfattning = """Sammanfattning av granskningen."""
#
# Avsnitt efter sammanfattningen, i den ordning de ska stå, t.ex. Bakgrund,
# Ärendet, Ärendets beredning, Förvaltningens synpunkter, Ekonomiska
# konsekvenser, Prövning av barnets bästa:
# [[tjansteutlatande.avsnitt]]
# rubrik = "Bakgrund"
# text = """Varför ärendet kommer till nämnden."""
#
# [[tjansteutlatande.avsnitt]]
# rubrik = "Förvaltningens synpunkter"
# text = """Vad förvaltningen anser."""
#
# [[tjansteutlatande.undertecknare]]
# namn = "Namn Namnsson"
# titel = "Förvaltningsdirektör"
"#,
        title = quoted(title),
        year = date.year(),
        areas = ids.join(", "),
        first_area = quoted(ids.first().copied().unwrap_or_default()),
    )
}

/// A new district file; `questions` are the review's question ids, each
/// given a result row of placeholders to fill in, `areas` the project's quality
/// areas, and `rates` what the review's reports rate.
pub fn district(name: &str, questions: &[String], areas: &[Area], rates: Rates) -> String {
    let mut out = district_head(name);
    out.push_str(&file_review(questions));
    out.push_str(match rates {
        Rates::Areas => {
            "\n# Kvalitetsområden: niva är grön (gott exempel), gul (behöver utvecklas)\n\
             # eller röd (brist som måste åtgärdas). Utan niva gäller det sämsta\n\
             # konstaterandets nivå.\n"
        }
        Rates::Statements => {
            "\n# Kvalitetsområden: varje konstaterande har en nivå, grön (gott exempel),\n\
             # gul (behöver utvecklas) eller röd (brist som måste åtgärdas).\n"
        }
        Rates::Nothing => "\n# Kvalitetsområden: iakttagelser och bedömning för varje område.\n",
    });
    for area in areas {
        out.push_str(&area_block(area, rates));
    }
    out.push_str(&district_tail(areas.first().map_or("", |a| a.id.as_str()), rates));
    out
}

fn district_head(name: &str) -> String {
    // In a comment the name must stay on its line.
    let shown: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!(
        r#"# Distrikt: {shown}. Fyll i alla TODO och kör `granska check`. Där ett antal
# eller en nivå ska stå står "TODO" tills det är känt: skriv talet utan
# citattecken (population = 120) och nivån inom citattecken (niva = "gul").
# Texter i Markdown: tom rad mellan stycken, "- " för punktlistor, `### Rubrik`
# för underrubriker, fotnoter med [^1] i texten och "[^1]: källa" på en egen rad.
# Nycklar som står efter en [tabellrubrik] hör till den tabellen.

distrikt = {quoted_name}
forvaltning = "TODO: t.ex. stadsdelsförvaltningen eller socialförvaltningen"
enhet = "TODO: den granskade enheten"
beskrivning = """
TODO: Om distriktet och enheten: personal, målgrupp, organisation.
"""

# Distriktets egna källor (Markdown, en per rad).
kallor = []

# Sammanfattning först i rapporten (valfritt):
# [sammanfattning]
# text = """Granskningens viktigaste resultat."""

# En egen inledning, i stället för granskningens (valfritt):
# [inledning]
# text = """Varför granskningen gjordes."""

# Områdesfakta (valfritt), en tabell per uppgift:
# [[omradesfakta]]
# uppgift = "Folkmängd"
# varde = 64500
# enhet = "personer"
# ar = 2009
# kalla = "USK, Områdesfakta"

# Nyckeltal per år (valfritt). jamforelse är kommunens placering bland alla
# kommuner: bast (25 % bästa), mellan (mellersta 50 %) eller samst (25 % sämsta).
# [[nyckeltal]]
# namn = "Väntetid från nybesök till beslut"
# enhet = "dagar"
# varden = {{ 2022 = 9, 2023 = 8 }}
# jamforelse = {{ 2022 = "mellan", 2023 = "bast" }}
# kalla = "Kolada, KKiK"

# Egna tabeller (valfritt):
# [[tabell]]
# rubrik = "Försörjningshinder, januari 2011"
# kolumner = ["Försörjningshinder", "Antal"]
# rader = [["Arbetslös", 224], ["Sjukskriven med läkarintyg", 81]]
"#,
        quoted_name = quoted(name),
    )
}

fn file_review(questions: &[String]) -> String {
    let mut out = String::from(
        r#"
[aktgranskning]
population = "TODO"          # akter i gruppen som urvalet drogs ur
urval = "TODO"               # utvalda akter
granskade_kvinnor = "TODO"   # granskade akter som gällde kvinnor
granskade_man = "TODO"       # granskade akter som gällde män
beskrivning = """
TODO: Hur urvalet gjordes och vad som granskades.
"""
"#,
    );
    for id in questions {
        out.push_str(&format!(
            "\n# ja + nej + ej_aktuellt = antal granskade akter, för kvinnor och för män.\n\
             [[aktgranskning.resultat]]\nfraga = {}\n\
             kvinnor = {{ ja = \"TODO\", nej = \"TODO\", ej_aktuellt = \"TODO\" }}\n\
             man = {{ ja = \"TODO\", nej = \"TODO\", ej_aktuellt = \"TODO\" }}\n",
            quoted(id)
        ));
    }
    out
}

/// One area: with the summary sentence when the summary table lists areas,
/// with a statement to fill in when it lists statements.
fn area_block(area: &Area, rates: Rates) -> String {
    let key = &area.id;
    let statement = format!(
        "[[kvalitetsomraden.{key}.konstaterande]]\nniva = \"TODO\"\ntext = \"TODO: ett konstaterande i en mening.\"\n"
    );
    let (head, statements) = match rates {
        Rates::Areas => (
            "niva = \"TODO\"\nsammanfattning = \"TODO: bedömningen i en mening.\"\n".to_owned(),
            format!("# Konstateranden med egen nivå (valfritt):\n# {}\n", statement.trim_end().replace('\n', "\n# ")),
        ),
        Rates::Statements => (String::new(), statement),
        Rates::Nothing => (String::new(), String::new()),
    };
    format!(
        r#"
[kvalitetsomraden.{key}]   # {title}
{head}iakttagelser = """
TODO: Vad inspektörerna iakttog.
"""
bedomning = """
TODO: Inspektörernas bedömning.
"""
{statements}"#,
        title = area.name,
    )
}

fn district_tail(first_area: &str, rates: Rates) -> String {
    let level = if rates == Rates::Nothing { "" } else { "niva = \"TODO\"\n" };
    format!(
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
{level}kvalitetsomrade = {first_area}
"#,
        first_area = quoted(first_area),
    )
}

/// A new `arsrapport-<år>.toml` for `year`: every part of the default
/// outline written out, its own texts and the memo with `TODO`, and the
/// memo's Ärendet taking the areas and analyses from the reviews.
pub fn annual(year: i32, date: Date) -> String {
    format!(
        r#"# Årsrapport {year}: rapportens egna texter, disposition och tjänsteutlåtande.
# Granskningarna hämtas av sig själva: alla i findings/ som publicerades
# {year}. Uppföljningar står i ett eget kapitel. Fyll i alla TODO och kör
# `granska check`; `granska build` gör årsrapporten och utlåtandet.

# titel = "Årsrapport {year}"
diarienummer = "TODO"
publiceringsdatum = {date}
utgivare = "TODO: förvaltning eller avdelning som ger ut årsrapporten"
mottagare = "TODO: nämnden som årsrapporten riktas till"

# Dispositionen: kapitlen i ordning. Egna kapitel (typ = "eget") har ett id
# och en rubrik, och texten under [kapitel.<id>]. Kapitel som saknar innehåll
# utelämnas (kvalitetsnivåer när ingen granskning sätter nivåer,
# uppföljningar när det inte finns några).
[[disposition]]
typ = "eget"
id = "inledning"
rubrik = "Inledning"

[[disposition]]
typ = "granskningar"

[[disposition]]
typ = "kvalitetsnivaer"

# visar: vad som står för varje granskning i varje område, i ordning:
# "niva", "sammanfattning", "iakttagelser", "bedomning".
[[disposition]]
typ = "kvalitetsomraden"
visar = ["niva", "sammanfattning", "bedomning"]

[[disposition]]
typ = "barnrattsanalys"

[[disposition]]
typ = "jamstalldhetsanalys"

[[disposition]]
typ = "uppfoljningar"

[[disposition]]
typ = "eget"
id = "planering"
rubrik = "Planering för {next}"

[kapitel.inledning]
text = """
TODO: Vad socialtjänstinspektörerna granskade under {year} och vad
granskningarna visar i stort.
"""

[kapitel.planering]
text = """
TODO: Vilka granskningar som planeras för {next}.
"""

# Tjänsteutlåtandet till nämnden. Dess bilaga är årsrapporten (Bilaga 1).
# Avsnitten kan ta med årsrapportens kapitel med kapitel = [...], så att
# ingen text skrivs två gånger.
[tjansteutlatande]
datum = {date}
namnd = "TODO: nämnden som beslutar"
forslag = ["TODO: t.ex. Nämnden godkänner årsrapporten."]
sammanfattning = """
TODO: Sammanfattning av året.
"""

[[tjansteutlatande.avsnitt]]
rubrik = "Bakgrund"
text = """
TODO: Socialtjänstinspektörernas uppdrag och hur granskningarna planeras.
"""

[[tjansteutlatande.avsnitt]]
rubrik = "Ärendet"
text = """
TODO: En inledande mening, t.ex. Nedan följer en analys av
granskningsresultatet utifrån kvalitetsområdena samt analyser utifrån
barnrättsperspektiv och jämställdhet.
"""
kapitel = ["kvalitetsomraden", "barnrattsanalys", "jamstalldhetsanalys"]

[[tjansteutlatande.avsnitt]]
rubrik = "Ärendets beredning"
text = """
TODO: Hur ärendet har beretts.
"""

[[tjansteutlatande.undertecknare]]
namn = "TODO: namn"
titel = "TODO: befattning"
"#,
        next = year + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, SourceFile};
    use crate::load;
    use crate::model::raw::{RawAnnual, RawDistrict, RawReview, Spanned};
    use crate::model::vocab::default_areas;
    use crate::model::{Fill, Rating};
    use crate::schema::Schemas;

    #[test]
    fn the_annual_scaffold_parses_with_its_outline_texts_and_memo() {
        let areas = default_areas();
        let text = annual(2026, Date::new(2027, 1, 15).unwrap());
        let schema = Schemas::new(&areas).annual;
        let loaded =
            load::parse::<RawAnnual>(SourceFile::new("a.toml", text), &schema, &mut Diagnostics::default()).unwrap();
        assert_eq!(loaded.raw.disposition.len(), 8);
        assert!(loaded.raw.kapitel.contains_key("inledning") && loaded.raw.kapitel.contains_key("planering"));
        let memo = loaded.raw.tjansteutlatande.as_ref().unwrap();
        assert_eq!(memo.avsnitt[1].kapitel.len(), 3);
    }

    #[test]
    fn the_review_scaffold_parses() {
        let areas = default_areas();
        let text = review("Granskning av \"X\" \\ Y", Date::new(2026, 11, 23).unwrap(), &areas);
        let schema = Schemas::new(&areas).review;
        let loaded =
            load::parse::<RawReview>(SourceFile::new("g.toml", text), &schema, &mut Diagnostics::default()).unwrap();
        assert_eq!(loaded.raw.titel.get_ref(), "Granskning av \"X\" \\ Y");
        assert!(loaded.raw.inledning.is_some());
        assert_eq!(loaded.raw.metoddel[0].antal.as_ref().map(|a| *a.get_ref()), Some(Fill::Todo));
    }

    #[test]
    fn the_district_scaffold_parses_with_every_area_and_question_in_both_table_modes() {
        let areas = vec![
            Area { id: "trygghet".into(), name: "Trygghet".into(), description: Some("T.".into()) },
            Area { id: "delaktighet".into(), name: "Delaktighet".into(), description: Some("D.".into()) },
        ];
        let schema = Schemas::new(&areas).district;
        for mode in [Rates::Areas, Rates::Statements, Rates::Nothing] {
            let text = district("Bro\"mma \\ Öst", &["a".into(), "b\"c".into()], &areas, mode);
            let loaded =
                load::parse::<RawDistrict>(SourceFile::new("d.toml", text), &schema, &mut Diagnostics::default())
                    .unwrap();
            assert_eq!(loaded.raw.distrikt.as_ref().unwrap().get_ref(), "Bro\"mma \\ Öst");
            assert_eq!(loaded.raw.aktgranskning.as_ref().unwrap().resultat[1].fraga.get_ref(), "b\"c");
            let written: Vec<&String> = loaded.raw.kvalitetsomraden.get_ref().keys().collect();
            assert_eq!(written, ["delaktighet", "trygghet"]);
            let trygghet = loaded.raw.kvalitetsomraden.get_ref()["trygghet"].get_ref();
            match mode {
                Rates::Areas => assert!(trygghet.sammanfattning.is_some() && trygghet.konstaterande.is_empty()),
                Rates::Statements => assert!(trygghet.niva.is_none() && trygghet.konstaterande.len() == 1),
                Rates::Nothing => assert!(trygghet.niva.is_none() && trygghet.konstaterande.is_empty()),
            }
            assert_eq!(loaded.raw.rekommendation[0].kvalitetsomrade.as_ref().unwrap().get_ref(), "trygghet");

            // No count or level passes for a decision: each is the placeholder.
            let f = loaded.raw.aktgranskning.as_ref().unwrap();
            let counts = [&f.population, &f.urval, &f.granskade_kvinnor, &f.granskade_man];
            assert!(counts.iter().all(|c| c.get_ref().is_todo()));
            for answers in f.resultat.iter().flat_map(|r| [r.kvinnor.get_ref(), r.man.get_ref()]) {
                assert!([answers.ja, answers.nej, answers.ej_aktuellt].iter().all(Fill::is_todo));
            }
            let level = |n: &Option<Spanned<Fill<Rating>>>| n.as_ref().map(|n| *n.get_ref());
            let todo = (mode != Rates::Nothing).then_some(Fill::Todo);
            assert_eq!(level(&loaded.raw.rekommendation[0].niva), todo);
            let first = trygghet.konstaterande.first().map(|s| level(&s.niva));
            match mode {
                Rates::Areas => assert_eq!(level(&trygghet.niva), todo),
                Rates::Statements => assert_eq!(first, Some(todo)),
                Rates::Nothing => assert_eq!(first, None),
            }
        }
    }
}
