//! File-review counts must add up: reviewed ≤ sample ≤ population, and for
//! each question and sex, yes + no + not applicable = files reviewed.

use crate::diag::{Diagnostic, SourceFile};
use crate::model::raw::RawDistrict;

pub fn district(source: &SourceFile, raw: &RawDistrict, out: &mut Vec<Diagnostic>) {
    let Some(f) = &raw.aktgranskning else { return };
    let (population, sample) = (*f.population.get_ref(), *f.urval.get_ref());
    let (women, men) = (*f.granskade_kvinnor.get_ref(), *f.granskade_man.get_ref());
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
            let sum = a.ja + a.nej + a.ej_aktuellt;
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
