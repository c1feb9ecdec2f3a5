//! The template contract of the annual report (*årsrapport*): the year's
//! reviews and districts, a matrix of ratings, the quality areas with the
//! districts side by side, and child-rights and gender-equality analyses
//! that add up the file-review counts by sex across districts.

use serde::Serialize;

use super::view::{
    DocumentView, Literal, Markup, RatingView, ResultView, StyleView, literal, plain, result, rich, share_words,
};
use crate::config::Config;
use crate::model::{Annual, Answers, BySex, District, QualityArea, Rating, Review};

/// A review of the year and its districts.
pub struct ReviewOfYear<'a> {
    pub review: &'a Review,
    pub districts: Vec<&'a District>,
}

#[derive(Debug, Serialize)]
pub struct AnnualView {
    pub stil: StyleView,
    pub dokument: DocumentView,
    pub arsrapport: AnnualFields,
    pub granskningar: Vec<ReviewSummary>,
    /// The six quality areas' names, for the matrix header.
    pub omradesnamn: Vec<Markup>,
    pub matris: Vec<MatrixRow>,
    pub omraden: Vec<AreaSummary>,
    pub barnratt: Vec<DistrictText>,
    /// File-review questions about children, summed over districts.
    pub barnratt_resultat: Vec<ResultView>,
    pub jamstalldhet: Vec<DistrictText>,
    /// Every file-review question, summed over districts.
    pub jamstalldhet_resultat: Vec<ResultView>,
    /// Literal: the gender chart's alternative text.
    pub jamstalldhet_alt: Literal,
    pub nivaer: Vec<RatingView>,
}

#[derive(Debug, Serialize)]
pub struct AnnualFields {
    pub titel: Markup,
    pub ar: i32,
    pub nasta_ar: i32,
    pub diarienummer: Markup,
    pub datum: Markup,
    pub utgivare: Markup,
    pub mottagare: Markup,
    pub inledning: Markup,
    pub planering: Markup,
}

#[derive(Debug, Serialize)]
pub struct ReviewSummary {
    pub titel: Markup,
    pub verksamhet: Markup,
    pub diarienummer: Markup,
    pub period: Markup,
    pub distrikt: Vec<Markup>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub distrikt: Markup,
    pub granskning: Markup,
    pub nivaer: Vec<RatingView>,
}

#[derive(Debug, Serialize)]
pub struct AreaSummary {
    pub titel: Markup,
    pub rader: Vec<AreaRow>,
}

#[derive(Debug, Serialize)]
pub struct AreaRow {
    pub distrikt: Markup,
    pub granskning: Markup,
    pub niva: RatingView,
    pub sammanfattning: Markup,
    pub bedomning: Markup,
}

#[derive(Debug, Serialize)]
pub struct DistrictText {
    pub distrikt: Markup,
    pub granskning: Markup,
    pub text: Markup,
}

impl AnnualView {
    pub fn new(annual: &Annual, reviews: &[ReviewOfYear], config: &Config) -> AnnualView {
        let each = || reviews.iter().flat_map(|r| r.districts.iter().map(move |d| (r.review, *d)));
        let texts = |pick: fn(&District) -> &str| -> Vec<DistrictText> {
            each()
                .map(|(review, d)| DistrictText {
                    distrikt: plain(&d.name),
                    granskning: plain(&review.title),
                    text: rich(pick(d)),
                })
                .collect()
        };
        let all = sums(reviews, |_| true);
        let gender_alt = format!(
            "Stapeldiagram: andel ja per granskningsfråga för kvinnor och män, alla distrikt {}. {}.",
            annual.year,
            all.iter()
                .map(|(q, _, a)| format!("”{q}”: kvinnor {}, män {}", share_words(a.women), share_words(a.men)))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let to_views = |list: Vec<(String, QualityArea, BySex<Answers>)>| -> Vec<ResultView> {
            list.into_iter().map(|(q, area, answers)| result(&q, area, answers, None)).collect()
        };
        AnnualView {
            stil: StyleView::new(config),
            dokument: DocumentView {
                titel: literal(&annual.title),
                forfattare: literal(&annual.publisher),
                amne: literal(&format!("{}, diarienummer {}", annual.title, annual.diarienummer)),
                nyckelord: format!(
                    "({},)",
                    [annual.year.to_string(), annual.diarienummer.clone(), "årsrapport".to_owned()]
                        .map(|k| literal(&k))
                        .join(", ")
                ),
            },
            arsrapport: AnnualFields {
                titel: plain(&annual.title),
                ar: annual.year,
                nasta_ar: annual.year + 1,
                diarienummer: plain(&annual.diarienummer),
                datum: plain(&annual.published.long()),
                utgivare: plain(&annual.publisher),
                mottagare: plain(&annual.recipient),
                inledning: rich(&annual.introduction),
                planering: rich(&annual.plan),
            },
            granskningar: reviews
                .iter()
                .map(|r| ReviewSummary {
                    titel: plain(&r.review.title),
                    verksamhet: plain(&r.review.service),
                    diarienummer: plain(&r.review.diarienummer),
                    period: plain(&r.review.period),
                    distrikt: r.districts.iter().map(|d| plain(&d.name)).collect(),
                })
                .collect(),
            omradesnamn: QualityArea::ALL.iter().map(|a| plain(a.title())).collect(),
            matris: each()
                .map(|(review, d)| MatrixRow {
                    distrikt: plain(&d.name),
                    granskning: plain(&review.title),
                    nivaer: d.areas.iter().map(|a| RatingView::new(a.rating)).collect(),
                })
                .collect(),
            omraden: QualityArea::ALL
                .iter()
                .enumerate()
                .map(|(i, area)| AreaSummary {
                    titel: plain(area.title()),
                    rader: each()
                        .map(|(review, d)| AreaRow {
                            distrikt: plain(&d.name),
                            granskning: plain(&review.title),
                            niva: RatingView::new(d.areas[i].rating),
                            sammanfattning: plain(&d.areas[i].summary),
                            bedomning: rich(&d.areas[i].assessment),
                        })
                        .collect(),
                })
                .collect(),
            barnratt: texts(|d| &d.child_rights),
            barnratt_resultat: to_views(sums(reviews, |q| q.child_rights)),
            jamstalldhet: texts(|d| &d.gender_equality),
            jamstalldhet_resultat: to_views(all),
            jamstalldhet_alt: literal(&gender_alt),
            nivaer: Rating::ALL.into_iter().map(RatingView::new).collect(),
        }
    }
}

/// The answers to each selected question of each review, summed over the
/// review's districts, by sex.
fn sums(
    reviews: &[ReviewOfYear],
    keep: fn(&crate::model::Question) -> bool,
) -> Vec<(String, QualityArea, BySex<Answers>)> {
    let add = |a: Answers, b: Answers| Answers {
        yes: a.yes + b.yes,
        no: a.no + b.no,
        not_applicable: a.not_applicable + b.not_applicable,
    };
    let mut out = Vec::new();
    for r in reviews {
        for question in r.review.questions.iter().filter(|q| keep(q)) {
            let mut total = BySex { women: Answers::default(), men: Answers::default() };
            let mut any = false;
            for district in &r.districts {
                let results = district.file_review.iter().flat_map(|f| &f.results);
                for result in results.filter(|res| res.question == question.id) {
                    total = BySex {
                        women: add(total.women, result.answers.women),
                        men: add(total.men, result.answers.men),
                    };
                    any = true;
                }
            }
            if any {
                out.push((question.text.clone(), question.area, total));
            }
        }
    }
    out
}
