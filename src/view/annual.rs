//! The view of the annual report (*årsrapport*): the year's
//! reviews and districts, a matrix of ratings, the quality areas with the
//! districts side by side, and child-rights and gender-equality analyses
//! that add up the file-review counts by sex across districts.

use serde::Serialize;

use super::headings::{ContentsEntry, HeadingView, NoteView, Outliner};
use super::report::{ResultView, result, share_words};
use super::{DocumentView, LegendView, RatingView, Rich, StyleView, plain, rich};
use crate::config::Config;
use crate::model::shape::{Rates, Shape};
use crate::model::{Annual, Answers, Area, BySex, District, Review};

/// A review of the year and its districts.
pub struct ReviewOfYear<'a> {
    pub review: &'a Review,
    pub districts: Vec<&'a District>,
}

#[derive(Debug, Serialize)]
pub struct AnnualView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    /// The chapter headings, numbered by the view.
    pub rubriker: AnnualHeadings,
    pub innehall: Vec<ContentsEntry>,
    pub fotnoter: Vec<NoteView>,
    pub arsrapport: AnnualFields,
    pub granskningar: Vec<ReviewSummary>,
    /// The quality areas' names, for the matrix header.
    pub omradesnamn: Vec<String>,
    pub matris: Vec<MatrixRow>,
    pub omraden: Vec<AreaSummary>,
    pub barnratt: Vec<DistrictText>,
    /// File-review questions about children, summed over districts.
    pub barnratt_resultat: Vec<ResultView>,
    pub jamstalldhet: Vec<DistrictText>,
    /// Every file-review question, summed over districts.
    pub jamstalldhet_resultat: Vec<ResultView>,
    /// The gender chart's alternative text.
    pub jamstalldhet_alt: String,
    pub nivaer: Vec<LegendView>,
}

/// The annual report's chapter headings (the levels table's only where
/// some review rates).
#[derive(Debug, Serialize)]
pub struct AnnualHeadings {
    pub inledning: HeadingView,
    pub granskningar: HeadingView,
    pub nivaer: Option<HeadingView>,
    pub omraden: HeadingView,
    pub barnratt: HeadingView,
    pub jamstalldhet: HeadingView,
    pub planering: HeadingView,
}

#[derive(Debug, Serialize)]
pub struct AnnualFields {
    pub titel: String,
    pub ar: i32,
    pub nasta_ar: i32,
    pub diarienummer: String,
    pub datum: String,
    pub utgivare: String,
    pub mottagare: String,
    pub inledning: Rich,
    pub planering: Rich,
}

#[derive(Debug, Serialize)]
pub struct ReviewSummary {
    pub titel: String,
    pub verksamhet: String,
    pub diarienummer: String,
    pub period: String,
    pub distrikt: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub distrikt: String,
    pub granskning: String,
    pub nivaer: Vec<RatingView>,
}

#[derive(Debug, Serialize)]
pub struct AreaSummary {
    pub rubrik: HeadingView,
    pub rader: Vec<AreaRow>,
}

#[derive(Debug, Serialize)]
pub struct AreaRow {
    pub distrikt: String,
    pub granskning: String,
    pub niva: Option<RatingView>,
    /// The area's one-sentence summary, or else its statements.
    pub sammanfattning: String,
    pub bedomning: Option<Rich>,
}

#[derive(Debug, Serialize)]
pub struct DistrictText {
    pub rubrik: HeadingView,
    pub distrikt: String,
    pub granskning: String,
    pub text: Rich,
}

impl AnnualView {
    pub fn new(annual: &Annual, reviews: &[ReviewOfYear], config: &Config) -> AnnualView {
        let areas = &config.areas;
        let shape = &config.shape;
        let each = || reviews.iter().flat_map(|r| r.districts.iter().map(move |d| (r.review, *d)));
        let all = sums(reviews, |_| true);
        let gender_alt = format!(
            "Stapeldiagram: andel ja per granskningsfråga för kvinnor och män, alla distrikt {}. {}.",
            annual.year,
            all.iter()
                .map(|(q, _, a)| format!("”{q}”: kvinnor {}, män {}", share_words(a.women), share_words(a.men)))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let to_views = |list: Vec<(String, Area, BySex<Answers>)>| -> Vec<ResultView> {
            list.into_iter().map(|(q, area, answers)| result(&q, &area.name, &area.id, answers, None)).collect()
        };
        let rated = reviews.iter().any(|r| r.review.shape.rates != Rates::Nothing);
        let mut o = Outliner::new(true);
        // In reading order.
        let inledning = o.heading(1, "Inledning", true);
        let intro = o.text(rich(&annual.introduction), 2);
        let granskningar = o.heading(1, "Årets granskningar", true);
        let nivaer = rated.then(|| o.heading(1, "Kvalitetsnivåer", true));
        let omraden_rubrik = o.heading(1, "Kvalitetsområden", true);
        let omraden = areas.iter().map(|area| area_summary(area, reviews, &mut o)).collect();
        let barnratt = o.heading(1, "Barnrättsanalys", true);
        let barnratt_texter = texts(reviews, |d| &d.child_rights, &mut o);
        let jamstalldhet = o.heading(1, "Jämställdhetsanalys", true);
        let jamstalldhet_texter = texts(reviews, |d| &d.gender_equality, &mut o);
        let planering = o.heading(1, &format!("Planering för {}", annual.year + 1), true);
        let plan = o.text(rich(&annual.plan), 2);
        let (innehall, fotnoter) = o.finish(2);
        AnnualView {
            stil: StyleView::new(config),
            dokument: DocumentView::new(
                &annual.title,
                &annual.publisher,
                &format!("{}, diarienummer {}", annual.title, annual.diarienummer),
                &[&annual.year.to_string(), &annual.diarienummer, "årsrapport"],
            ),
            rubriker: AnnualHeadings {
                inledning,
                granskningar,
                nivaer,
                omraden: omraden_rubrik,
                barnratt,
                jamstalldhet,
                planering,
            },
            innehall,
            fotnoter,
            arsrapport: AnnualFields::new(annual, intro, plan),
            granskningar: reviews
                .iter()
                .map(|r| ReviewSummary {
                    titel: plain(&r.review.title),
                    verksamhet: plain(&r.review.service),
                    diarienummer: plain(&r.review.diarienummer),
                    period: plain(&r.review.period),
                    distrikt: r.districts.iter().map(|d| plain(&d.subject())).collect(),
                })
                .collect(),
            omradesnamn: areas.iter().map(|a| a.name.clone()).collect(),
            matris: if rated {
                each()
                    .map(|(review, d)| MatrixRow {
                        distrikt: plain(&d.subject()),
                        granskning: plain(&review.title),
                        nivaer: d.areas.iter().map(|a| level(a.rating, &review.shape)).collect(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            omraden,
            barnratt: barnratt_texter,
            barnratt_resultat: to_views(sums(reviews, |q| q.child_rights)),
            jamstalldhet: jamstalldhet_texter,
            jamstalldhet_resultat: to_views(all),
            jamstalldhet_alt: gender_alt,
            nivaer: if rated { LegendView::all(shape) } else { Vec::new() },
        }
    }
}

/// A level in the matrix: the rating, or a dash where the area has none.
fn level(rating: Option<crate::model::Rating>, shape: &Shape) -> RatingView {
    match rating {
        Some(r) => RatingView::new(r, &shape.wording),
        None => RatingView { nyckel: "", ord: "–".to_owned(), farg: "#ffffff" },
    }
}

/// One text per district of the year, each under its district's heading.
fn texts(reviews: &[ReviewOfYear], pick: fn(&District) -> &str, o: &mut Outliner) -> Vec<DistrictText> {
    reviews
        .iter()
        .flat_map(|r| r.districts.iter().map(move |d| (r.review, *d)))
        .map(|(review, d)| {
            let rubrik = o.heading(2, &plain(&d.subject()), true);
            DistrictText {
                rubrik,
                distrikt: plain(&d.subject()),
                granskning: plain(&review.title),
                text: o.text(rich(pick(d)), 3),
            }
        })
        .collect()
}

impl AnnualFields {
    fn new(annual: &Annual, inledning: Rich, planering: Rich) -> AnnualFields {
        AnnualFields {
            titel: plain(&annual.title),
            ar: annual.year,
            nasta_ar: annual.year + 1,
            diarienummer: plain(&annual.diarienummer),
            datum: annual.published.long(),
            utgivare: plain(&annual.publisher),
            mottagare: plain(&annual.recipient),
            inledning,
            planering,
        }
    }
}

/// One area across every district of the year.
fn area_summary(area: &Area, reviews: &[ReviewOfYear], o: &mut Outliner) -> AreaSummary {
    let rubrik = o.heading(2, &area.name, true);
    let each = reviews.iter().flat_map(|r| r.districts.iter().map(move |d| (r.review, *d)));
    AreaSummary {
        rubrik,
        rader: each
            .filter_map(|(review, d)| {
                let assessment = d.areas.iter().find(|a| a.area.id == area.id)?;
                Some(AreaRow {
                    distrikt: plain(&d.subject()),
                    granskning: plain(&review.title),
                    niva: assessment.rating.map(|r| RatingView::new(r, &review.shape.wording)),
                    sammanfattning: match &assessment.summary {
                        Some(summary) => plain(summary),
                        None => statements_text(assessment),
                    },
                    bedomning: assessment.assessment.as_deref().map(|t| o.inline_text(rich(t))),
                })
            })
            .collect(),
    }
}

/// An area's statements as one line of text: "Grön: …; Gul: …".
fn statements_text(assessment: &crate::model::AreaAssessment) -> String {
    let parts: Vec<String> = assessment
        .statements
        .iter()
        .map(|s| {
            let text = crate::markdown::parse(&s.text).plain_text();
            match s.rating {
                Some(r) => format!("{}: {text}", r.word()),
                None => text,
            }
        })
        .collect();
    parts.join("; ")
}

/// The answers to each selected question of each review, summed over the
/// review's districts, by sex.
fn sums(reviews: &[ReviewOfYear], keep: fn(&crate::model::Question) -> bool) -> Vec<(String, Area, BySex<Answers>)> {
    let mut out = Vec::new();
    for r in reviews {
        for question in r.review.questions.iter().filter(|q| keep(q)) {
            let mut total = BySex { women: Answers::default(), men: Answers::default() };
            let mut any = false;
            for district in &r.districts {
                let results = district.file_review.iter().flat_map(|f| &f.results);
                for result in results.filter(|res| res.question == question.id) {
                    total = BySex { women: total.women + result.answers.women, men: total.men + result.answers.men };
                    any = true;
                }
            }
            if any {
                out.push((question.text.clone(), question.area.clone(), total));
            }
        }
    }
    out
}
