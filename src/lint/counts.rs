//! File-review counts must be possible and add up: each count at most
//! [`MAX_COUNT`], reviewed ≤ sample ≤ population, and for each question and
//! sex, yes + no + not applicable = files reviewed. Sums are taken in `u64`
//! after the bound is checked, so no arithmetic here can overflow.

use crate::diag::{Diagnostic, SourceFile};
use crate::model::MAX_COUNT;
use crate::model::raw::{Count, RawDistrict, RawFileReview};

/// The district's file review, and each of its units' (whose counts the
/// report adds up, so their sums must be possible too).
pub fn district(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    let units: Vec<&RawFileReview> = raw.granskad_enhet.iter().filter_map(|u| u.aktgranskning.as_ref()).collect();
    for f in raw.aktgranskning.iter().chain(units.iter().copied()) {
        file_review(source, f, out);
    }
    let total: u64 = units.iter().map(|f| u64::from(*f.population.get_ref())).sum();
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
    let value = |c: &Count| u64::from(*c.get_ref());
    let (population, sample) = (value(&f.population), value(&f.urval));
    let (women, men) = (value(&f.granskade_kvinnor), value(&f.granskade_man));
    if sample > population {
        out.push(
            Diagnostic::error(
                source,
                f.urval.span(),
                format!("urvalet ({sample}) är större än populationen ({population})"),
            )
            .with_hint("urvalet dras ur populationen och kan inte vara större"),
        );
    }
    if women + men > sample {
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
            let sum = u64::from(a.ja) + u64::from(a.nej) + u64::from(a.ej_aktuellt);
            if sum != reviewed {
                out.push(
                    Diagnostic::error(
                        source,
                        answers.span(),
                        format!(
                            "svaren för {who} på `{id}` blir {sum} (ja {} + nej {} + ej aktuellt {}), men {reviewed} akter för {who} granskades",
                            a.ja, a.nej, a.ej_aktuellt
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
    let n = *count.get_ref();
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
}
