//! File-review counts must be possible and add up: each count at most
//! [`MAX_COUNT`], reviewed ≤ sample ≤ population, and for each question and
//! sex, yes + no + not applicable = files reviewed. Sums are taken in `u64`
//! after the bound is checked, so no arithmetic here can overflow. A count
//! still to fill in (`"TODO"`, reported with the other placeholders) takes
//! no part: the relations it is part of are checked once it is written.

use crate::diag::{Diagnostic, SourceFile};
use crate::model::raw::{Count, RawDistrict, RawFileReview};
use crate::model::{Fill, MAX_COUNT};

/// The district's file review, and each of its units' (whose counts the
/// report adds up, so their sums must be possible too).
pub fn district(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    let units: Vec<&RawFileReview> = raw.granskad_enhet.iter().filter_map(|u| u.aktgranskning.as_ref()).collect();
    for f in raw.aktgranskning.iter().chain(units.iter().copied()) {
        file_review(source, f, out);
    }
    let total: u64 = units.iter().filter_map(|f| f.population.get_ref().given()).map(u64::from).sum();
    if let Some(last) = units.last().filter(|_| total > u64::from(MAX_COUNT)) {
        out.push(
            Diagnostic::error(
                source,
                last.population.span(),
                format!("enheternas akter är tillsammans {total}, orimligt många"),
            )
            .with_hint(format!("granska räknar med högst {MAX_COUNT} akter i en rapport; kontrollera talen")),
        );
    }
}

fn file_review(source: &SourceFile, f: &RawFileReview, out: &mut Vec<Diagnostic>) {
    let counts = [
        ("population", &f.population),
        ("urval", &f.urval),
        ("granskade_kvinnor", &f.granskade_kvinnor),
        ("granskade_man", &f.granskade_man),
    ];
    let mut impossible = false;
    for (key, count) in counts {
        impossible |= too_large(source, key, count, out);
    }
    for result in &f.resultat {
        for answers in [&result.kvinnor, &result.man] {
            let a = answers.get_ref();
            for (key, n) in [("ja", a.ja), ("nej", a.nej), ("ej_aktuellt", a.ej_aktuellt)] {
                let Fill::Given(n) = n else { continue };
                if n > MAX_COUNT {
                    impossible = true;
                    out.push(impossible_count(source, answers.span(), key, n));
                }
            }
        }
    }
    if impossible {
        // The sums below would only repeat the same mistake.
        return;
    }
    let value = |c: &Count| c.get_ref().given().map(u64::from);
    let (population, sample) = (value(&f.population), value(&f.urval));
    let (women, men) = (value(&f.granskade_kvinnor), value(&f.granskade_man));
    if let (Some(sample), Some(population)) = (sample, population)
        && sample > population
    {
        out.push(
            Diagnostic::error(
                source,
                f.urval.span(),
                format!("urvalet ({sample}) är större än populationen ({population})"),
            )
            .with_hint("urvalet dras ur populationen och kan inte vara större"),
        );
    }
    if let (Some(women), Some(men), Some(sample)) = (women, men, sample)
        && women + men > sample
    {
        out.push(
            Diagnostic::error(
                source,
                f.granskade_kvinnor.span().start..f.granskade_man.span().end.max(f.granskade_kvinnor.span().end),
                format!("{} granskade akter ({women} kvinnor + {men} män) är fler än urvalet ({sample})", women + men),
            )
            .with_hint("granskade akter kan inte vara fler än de utvalda"),
        );
    }
    for result in &f.resultat {
        let id = result.fraga.get_ref();
        for (answers, reviewed, who, key) in
            [(&result.kvinnor, women, "kvinnor", "granskade_kvinnor"), (&result.man, men, "män", "granskade_man")]
        {
            let a = answers.get_ref();
            let (Some(reviewed), Fill::Given(yes), Fill::Given(no), Fill::Given(not_applicable)) =
                (reviewed, a.ja, a.nej, a.ej_aktuellt)
            else {
                continue;
            };
            let sum = u64::from(yes) + u64::from(no) + u64::from(not_applicable);
            if sum != reviewed {
                out.push(
                    Diagnostic::error(
                        source,
                        answers.span(),
                        format!(
                            "svaren för {who} på `{id}` blir {sum} (ja {} + nej {} + ej aktuellt {}), men {reviewed} akter för {who} granskades",
                            yes, no, not_applicable
                        ),
                    )
                    .with_hint(format!("varje granskad akt räknas en gång: ja + nej + ej_aktuellt = {key}")),
                );
            }
        }
    }
}

/// Reports a count above [`MAX_COUNT`]; true if it was.
fn too_large(source: &SourceFile, key: &str, count: &Count, out: &mut Vec<Diagnostic>) -> bool {
    let Fill::Given(n) = *count.get_ref() else { return false };
    if n > MAX_COUNT {
        out.push(impossible_count(source, count.span(), key, n));
    }
    n > MAX_COUNT
}

fn impossible_count(source: &SourceFile, span: std::ops::Range<usize>, key: &str, n: u32) -> Diagnostic {
    Diagnostic::error(source, span, format!("`{key}` = {n} är orimligt många akter"))
        .with_hint(format!("en granskning omfattar högst {} akter; kontrollera siffran", MAX_COUNT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::load;
    use crate::model::raw::RawDistrict;

    fn problems(file_review: &str) -> Vec<String> {
        let text = format!(
            "distrikt = \"D\"\nforvaltning = \"F\"\nenhet = \"E\"\n[kvalitetsomraden]\n[barnrattsanalys]\ntext = \"t\"\n[jamstalldhetsanalys]\ntext = \"t\"\n[slutsatser]\ntext = \"t\"\n{file_review}"
        );
        let schema = crate::schema::Schemas::new(&crate::model::vocab::default_areas()).district;
        let mut diags = Diagnostics::default();
        let loaded = load::parse::<RawDistrict>(SourceFile::new("d.toml", text), &schema, &mut diags).unwrap();
        let mut out = Vec::new();
        district(&loaded.source, &loaded.raw, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn counts_that_would_overflow_a_sum_are_impossible_not_wrapped() {
        let found = problems(
            "[aktgranskning]\npopulation = 10\nurval = 5\ngranskade_kvinnor = 4294967295\ngranskade_man = 1\n",
        );
        assert_eq!(found, ["`granskade_kvinnor` = 4294967295 är orimligt många akter"]);
    }

    #[test]
    fn answers_that_would_overflow_are_impossible_too() {
        let found = problems(
            "[aktgranskning]\npopulation = 10\nurval = 5\ngranskade_kvinnor = 1\ngranskade_man = 1\n[[aktgranskning.resultat]]\nfraga = \"x\"\nkvinnor = { ja = 4294967295, nej = 1, ej_aktuellt = 0 }\nman = { ja = 1, nej = 0, ej_aktuellt = 4294967295 }\n",
        );
        assert_eq!(
            found,
            ["`ja` = 4294967295 är orimligt många akter", "`ej_aktuellt` = 4294967295 är orimligt många akter"]
        );
    }

    #[test]
    fn the_largest_possible_counts_add_up_without_overflow() {
        let m = MAX_COUNT;
        let found = problems(&format!(
            "[aktgranskning]\npopulation = {m}\nurval = {m}\ngranskade_kvinnor = {m}\ngranskade_man = {m}\n[[aktgranskning.resultat]]\nfraga = \"x\"\nkvinnor = {{ ja = {m}, nej = {m}, ej_aktuellt = {m} }}\nman = {{ ja = {m}, nej = 0, ej_aktuellt = 0 }}\n"
        ));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("2000000 granskade akter"), "{found:?}");
        assert!(found[1].starts_with("svaren för kvinnor på `x` blir 3000000"), "{found:?}");
    }

    #[test]
    fn a_count_to_fill_in_takes_no_part_in_the_sums() {
        let found = problems(
            "[aktgranskning]\npopulation = \"TODO\"\nurval = 5\ngranskade_kvinnor = \"TODO\"\ngranskade_man = 9\n[[aktgranskning.resultat]]\nfraga = \"x\"\nkvinnor = { ja = 1, nej = \"TODO\", ej_aktuellt = 0 }\nman = { ja = 1, nej = 0, ej_aktuellt = 0 }\n",
        );
        // Only what is written is compared: 9 men's files, 1 answer.
        assert_eq!(
            found,
            ["svaren för män på `x` blir 1 (ja 1 + nej 0 + ej aktuellt 0), men 9 akter för män granskades"]
        );
    }
}
