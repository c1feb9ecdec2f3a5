//! The chapters of the annual report, as the outline orders them: built
//! here once, for the annual report and for a memo that includes them.
//!
//! A chapter the year's findings say nothing in is left out: an own
//! chapter without a text, the levels where no review rates, the
//! follow-ups in a year without one. Inside a chapter, a review's part is
//! headed by its short title and, where the review has several reports,
//! each report by what it covers.

use serde::Serialize;

use super::{FollowUpOfYear, ReviewOfYear, Year};
use crate::config::Config;
use crate::model::annual::{AnnualChapter, AnnualKind, Shows};
use crate::model::fill::PLACEHOLDER;
use crate::model::shape::Rates;
use crate::model::{Answers, AreaAssessment, BySex, District, Rating, Review};
use crate::view::followup::{EarlierRecommendationView, EarlierView};
use crate::view::headings::{HeadingView, Outliner};
use crate::view::report::{ResultView, result, share_words};
use crate::view::{LegendView, RatingView, Rich, plain, rich};

/// A chapter as every format shows it; the parts its kind (`typ`) has are
/// filled, the others empty.
#[derive(Debug, Serialize)]
pub struct ChapterView {
    /// The kind's key: "eget", "granskningar", "kvalitetsnivaer", …
    pub typ: &'static str,
    /// `None` where the areas are chapters of their own.
    pub rubrik: Option<HeadingView>,
    pub ny_sida: bool,
    /// The own chapter's text, or the opening text of a built-in one.
    pub text: Option<Rich>,
    pub granskningar: Vec<ReviewEntry>,
    pub nivaer: Option<LevelsView>,
    pub omraden: Vec<AreaSection>,
    pub analys: Option<AnalysisView>,
    pub uppfoljningar: Vec<FollowUpEntry>,
}

impl ChapterView {
    fn new(typ: &'static str, rubrik: Option<HeadingView>, ny_sida: bool, text: Option<Rich>) -> ChapterView {
        ChapterView {
            typ,
            rubrik,
            ny_sida,
            text,
            granskningar: Vec::new(),
            nivaer: None,
            omraden: Vec::new(),
            analys: None,
            uppfoljningar: Vec::new(),
        }
    }

    /// A chapter of text only, under `rubrik`.
    pub fn own(rubrik: HeadingView, text: Rich) -> ChapterView {
        ChapterView::new("eget", Some(rubrik), false, Some(text))
    }
}

/// One of the year's reviews.
#[derive(Debug, Serialize)]
pub struct ReviewEntry {
    pub titel: String,
    pub verksamhet: String,
    pub diarienummer: String,
    pub period: String,
    /// What its reports cover: districts, units.
    pub granskade: Vec<String>,
}

/// The levels of every rated report: a row per quality area (its name
/// may be long), a column per report.
#[derive(Debug, Serialize)]
pub struct LevelsView {
    pub tabell_nr: u32,
    pub tabelltext: String,
    /// What each column is: the report's district or units, and its
    /// review's short title where the year has more than one rated review.
    pub kolumner: Vec<String>,
    pub rader: Vec<LevelRow>,
    pub forklaring: Vec<LegendView>,
}

#[derive(Debug, Serialize)]
pub struct LevelRow {
    pub omrade: String,
    /// One per column; a dash where the report gives the area no level.
    pub nivaer: Vec<RatingView>,
}

/// A quality area, with what each review found in it.
#[derive(Debug, Serialize)]
pub struct AreaSection {
    pub rubrik: HeadingView,
    pub granskningar: Vec<ReviewPart>,
}

/// A review's part of an area or analysis: under its short title, and
/// each report under what it covers where the review has several.
#[derive(Debug, Serialize)]
pub struct ReviewPart {
    pub rubrik: HeadingView,
    pub delar: Vec<ReportPart>,
}

#[derive(Debug, Serialize)]
pub struct ReportPart {
    pub rubrik: Option<HeadingView>,
    /// In the order the outline's `visar` gives.
    pub innehall: Vec<Shown>,
}

/// One thing shown of an area: a level, or a text.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// "niva", "sammanfattning", "iakttagelser", "bedomning" (or "text",
    /// in an analysis).
    pub slag: &'static str,
    /// What it is, where the reader needs to be told: "Kvalitetsnivå",
    /// and "Iakttagelser" or "Bedömning" where a part shows both.
    pub etikett: Option<String>,
    pub niva: Option<RatingView>,
    pub text: Option<Rich>,
}

/// The child-rights or gender-equality analysis: the file review's
/// answers summed over the year's reports, and each review's text.
#[derive(Debug, Serialize)]
pub struct AnalysisView {
    pub resultat: Vec<ResultView>,
    pub tabell_nr: Option<u32>,
    pub tabelltext: String,
    /// The chart (gender equality only).
    pub figur_nr: Option<u32>,
    pub figurtext: String,
    pub alt: String,
    pub granskningar: Vec<ReviewPart>,
}

/// A follow-up published in the year.
#[derive(Debug, Serialize)]
pub struct FollowUpEntry {
    pub rubrik: HeadingView,
    pub foljer_upp: Vec<EarlierView>,
    pub delar: Vec<FollowUpPart>,
}

#[derive(Debug, Serialize)]
pub struct FollowUpPart {
    pub rubrik: Option<HeadingView>,
    /// The report's summary, or else its conclusions.
    pub text: Rich,
    /// The earlier recommendations with their statuses, where the earlier
    /// report is in the project.
    pub rekommendationer: Vec<EarlierRecommendationView>,
}

/// The chapters `chapters` of `year`'s annual report, their headings at
/// `level` (below it, where the areas are chapters of their own).
pub fn build(
    year: &Year,
    chapters: &[&AnnualChapter],
    level: u8,
    o: &mut Outliner,
    config: &Config,
) -> Vec<ChapterView> {
    let mut out = Vec::new();
    for chapter in chapters {
        let lead = year.annual.chapters.get(&chapter.id).filter(|t| !t.trim().is_empty());
        let (typ, new_page) = (chapter.kind.key(), chapter.new_page);
        let view = match chapter.kind {
            AnnualKind::Own => lead.map(|text| {
                let rubrik = o.heading(level, &chapter.title, chapter.numbered);
                ChapterView::new(typ, Some(rubrik), new_page, Some(o.text(rich(text), level + 1)))
            }),
            AnnualKind::Reviews => (!year.reviews.is_empty()).then(|| {
                let mut view = heading(chapter, level, lead, o);
                view.granskningar = year.reviews.iter().map(review_entry).collect();
                view
            }),
            AnnualKind::Levels => {
                let rated: Vec<&ReviewOfYear> = year.reviews.iter().filter(|r| rates(r)).collect();
                (!rated.is_empty()).then(|| {
                    let mut view = heading(chapter, level, lead, o);
                    view.nivaer = Some(levels(&rated, year.annual.year, o, config));
                    view
                })
            }
            AnnualKind::Areas => areas(year, chapter, level, lead, o, config),
            AnnualKind::ChildRights | AnnualKind::GenderEquality => analysis(year, chapter, level, lead, o),
            AnnualKind::FollowUps => (!year.follow_ups.is_empty() || lead.is_some()).then(|| {
                let mut view = heading(chapter, level, lead, o);
                view.uppfoljningar = year.follow_ups.iter().map(|f| follow_up(f, level + 1, o)).collect();
                view
            }),
        };
        out.extend(view);
    }
    out
}

/// A built-in chapter's heading and opening text.
fn heading(chapter: &AnnualChapter, level: u8, lead: Option<&String>, o: &mut Outliner) -> ChapterView {
    let rubrik = o.heading(level, &chapter.title, chapter.numbered);
    let text = lead.map(|t| o.text(rich(t), level + 1));
    ChapterView::new(chapter.kind.key(), Some(rubrik), chapter.new_page, text)
}

/// The name a review has in the annual report's headings.
fn short(review: &Review) -> String {
    plain(review.short_title.as_deref().unwrap_or(&review.title))
}

fn review_entry(r: &ReviewOfYear) -> ReviewEntry {
    ReviewEntry {
        titel: plain(&r.review.title),
        verksamhet: plain(&r.review.service),
        diarienummer: plain(&r.review.diarienummer),
        period: plain(&r.review.period),
        granskade: r.reports.iter().map(|d| plain(&d.subject())).collect(),
    }
}

fn rates(r: &ReviewOfYear) -> bool {
    r.review.shape.rates != Rates::Nothing && r.reports.iter().any(|d| d.areas.iter().any(|a| a.rating.is_some()))
}

fn levels(rated: &[&ReviewOfYear], year: i32, o: &mut Outliner, config: &Config) -> LevelsView {
    let dash = || RatingView { nyckel: "", ord: "–".to_owned(), farg: "#ffffff" };
    let words = &rated[0].review.shape.wording;
    let reports: Vec<(&Review, &District)> =
        rated.iter().flat_map(|r| r.reports.iter().map(move |d| (r.review, *d))).collect();
    LevelsView {
        tabell_nr: o.table(),
        tabelltext: format!("{} per kvalitetsområde och rapport {year}", words.kvalitetsniva),
        kolumner: reports
            .iter()
            .map(|(review, d)| match rated.len() {
                1 => plain(&d.subject()),
                _ => plain(&format!("{} ({})", d.subject(), short(review))),
            })
            .collect(),
        rader: config
            .areas
            .iter()
            .map(|area| LevelRow {
                omrade: plain(&area.name),
                nivaer: reports
                    .iter()
                    .map(|(review, d)| {
                        let rating = d.areas.iter().find(|a| a.area.id == area.id).and_then(|a| a.rating);
                        rating.map_or_else(dash, |x| RatingView::of(x, &review.shape.wording))
                    })
                    .collect(),
            })
            .collect(),
        forklaring: LegendView::all(&rated[0].review.shape),
    }
}

/// What `shows` picks of an area of a report.
fn shown(area: &AreaAssessment, shows: &[Shows], review: &Review, o: &mut Outliner) -> Vec<Shown> {
    let words = &review.shape.wording;
    let has = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
    let both = shows.contains(&Shows::Observations)
        && shows.contains(&Shows::Assessment)
        && has(&area.findings)
        && has(&area.assessment);
    let mut out = Vec::new();
    for show in shows {
        let (slag, niva, text) = match show {
            Shows::Level => match area.rating.filter(|_| review.shape.rates != Rates::Nothing) {
                Some(r) => ("niva", Some(RatingView::of(r, &review.shape.wording)), None),
                None => continue,
            },
            Shows::Summary => match summary(area) {
                Some(s) => ("sammanfattning", None, Some(o.inline_text(rich(&s)))),
                None => continue,
            },
            Shows::Observations => match area.findings.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(t) => ("iakttagelser", None, Some(o.inline_text(rich(t)))),
                None => continue,
            },
            Shows::Assessment => match area.assessment.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(t) => ("bedomning", None, Some(o.inline_text(rich(t)))),
                None => continue,
            },
        };
        let etikett = match slag {
            "niva" => Some(plain(&words.kvalitetsniva)),
            "iakttagelser" if both => Some(plain(&words.iakttagelser)),
            "bedomning" if both => Some(plain(&words.bedomning)),
            _ => None,
        };
        out.push(Shown { slag, etikett, niva, text });
    }
    out
}

/// An area's one sentence, or else its statements in a line.
fn summary(area: &AreaAssessment) -> Option<String> {
    if let Some(s) = area.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        return Some(s.to_owned());
    }
    let parts: Vec<String> = area
        .statements
        .iter()
        .map(|s| {
            let text = crate::markdown::parse(&s.text).plain_text();
            match s.rating {
                Some(r) => format!("{}: {text}", r.map(Rating::word).given().unwrap_or(PLACEHOLDER)),
                None => text,
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Whether `shows` picks anything of the area in some report of the year.
fn has_content(area: &AreaAssessment, shows: &[Shows], review: &Review) -> bool {
    shows.iter().any(|show| match show {
        Shows::Level => area.rating.is_some() && review.shape.rates != Rates::Nothing,
        Shows::Summary => summary(area).is_some(),
        Shows::Observations => area.findings.as_deref().is_some_and(|t| !t.trim().is_empty()),
        Shows::Assessment => area.assessment.as_deref().is_some_and(|t| !t.trim().is_empty()),
    })
}

fn areas(
    year: &Year,
    chapter: &AnnualChapter,
    level: u8,
    lead: Option<&String>,
    o: &mut Outliner,
    config: &Config,
) -> Option<ChapterView> {
    let shows = &chapter.shows;
    let area_of = |d: &'_ District, id: &str| d.areas.iter().find(|a| a.area.id == id).cloned();
    let with_content: Vec<_> = config
        .areas
        .iter()
        .filter(|area| {
            year.reviews.iter().any(|r| {
                r.reports.iter().any(|d| area_of(d, &area.id).is_some_and(|a| has_content(&a, shows, r.review)))
            })
        })
        .collect();
    if with_content.is_empty() {
        return None;
    }
    let mut view = if chapter.areas_as_chapters {
        ChapterView::new(chapter.kind.key(), None, chapter.new_page, None)
    } else {
        heading(chapter, level, lead, o)
    };
    let area_level = if chapter.areas_as_chapters { level } else { level + 1 };
    for area in with_content {
        let rubrik = o.heading(area_level, &area.name, chapter.numbered);
        let mut granskningar = Vec::new();
        for r in &year.reviews {
            let reports: Vec<(&District, AreaAssessment)> = r
                .reports
                .iter()
                .filter_map(|d| area_of(d, &area.id).map(|a| (*d, a)))
                .filter(|(_, a)| has_content(a, shows, r.review))
                .collect();
            if reports.is_empty() {
                continue;
            }
            let part_heading = o.heading(area_level + 1, &short(r.review), false);
            let several = r.reports.len() > 1;
            let delar = reports
                .iter()
                .map(|(d, a)| {
                    let rubrik = several.then(|| o.heading(area_level + 2, &plain(&d.subject()), false));
                    ReportPart { rubrik, innehall: shown(a, shows, r.review, o) }
                })
                .collect();
            granskningar.push(ReviewPart { rubrik: part_heading, delar });
        }
        view.omraden.push(AreaSection { rubrik, granskningar });
    }
    Some(view)
}

fn analysis(
    year: &Year,
    chapter: &AnnualChapter,
    level: u8,
    lead: Option<&String>,
    o: &mut Outliner,
) -> Option<ChapterView> {
    let child = chapter.kind == AnnualKind::ChildRights;
    let pick = |d: &District| if child { d.child_rights.clone() } else { d.gender_equality.clone() };
    let any_text = year.reviews.iter().any(|r| r.reports.iter().any(|d| !pick(d).trim().is_empty()));
    let sums = sums(&year.reviews, child);
    if !any_text && sums.is_empty() && lead.is_none() {
        return None;
    }
    let mut view = heading(chapter, level, lead, o);
    let resultat: Vec<ResultView> =
        sums.iter().map(|(q, area, answers)| result(q, &area.name, &area.id, *answers, None)).collect();
    let tabell_nr = (!resultat.is_empty()).then(|| o.table());
    let figur_nr = (!child && !resultat.is_empty()).then(|| o.figure());
    let ar = year.annual.year;
    let alt = format!(
        "Stapeldiagram: andel ja per granskningsfråga för kvinnor och män i årets granskningar {ar}. {}.",
        sums.iter()
            .map(|(q, _, a)| format!("”{q}”: kvinnor {}, män {}", share_words(a.women), share_words(a.men)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut granskningar = Vec::new();
    for r in &year.reviews {
        let texts: Vec<(&District, String)> =
            r.reports.iter().map(|d| (*d, pick(d))).filter(|(_, t)| !t.trim().is_empty()).collect();
        if texts.is_empty() {
            continue;
        }
        let rubrik = o.heading(level + 1, &short(r.review), false);
        let several = r.reports.len() > 1;
        let delar = texts
            .iter()
            .map(|(d, t)| {
                let rubrik = several.then(|| o.heading(level + 2, &plain(&d.subject()), false));
                let text = o.text(rich(t), level + if several { 3 } else { 2 });
                ReportPart {
                    rubrik,
                    innehall: vec![Shown { slag: "text", etikett: None, niva: None, text: Some(text) }],
                }
            })
            .collect();
        granskningar.push(ReviewPart { rubrik, delar });
    }
    let tabelltext = if child {
        format!("Aktgranskningens frågor om barn, årets granskningar {ar} (andel ja av bedömda akter)")
    } else {
        format!("Aktgranskningens resultat för kvinnor och män, årets granskningar {ar} (andel ja av bedömda akter)")
    };
    view.analys = Some(AnalysisView {
        resultat,
        tabell_nr,
        tabelltext,
        figur_nr,
        figurtext: format!("Andel ja per granskningsfråga för kvinnor och män, årets granskningar {ar}"),
        alt,
        granskningar,
    });
    Some(view)
}

/// The answers to each question of each review (only those about children,
/// when `child`), summed over the review's reports, by sex.
fn sums(reviews: &[ReviewOfYear], child: bool) -> Vec<(String, crate::model::Area, BySex<Answers>)> {
    let mut out = Vec::new();
    for r in reviews {
        for question in r.review.questions.iter().filter(|q| !child || q.child_rights) {
            let mut total = BySex { women: Answers::default(), men: Answers::default() };
            let mut any = false;
            for district in &r.reports {
                let units = district.units.iter().filter_map(|u| u.file_review.as_ref());
                for f in district.file_review.iter().chain(units) {
                    for result in f.results.iter().filter(|res| res.question == question.id) {
                        total =
                            BySex { women: total.women + result.answers.women, men: total.men + result.answers.men };
                        any = true;
                    }
                }
            }
            if any {
                out.push((question.text.clone(), question.area.clone(), total));
            }
        }
    }
    out
}

fn follow_up(f: &FollowUpOfYear, level: u8, o: &mut Outliner) -> FollowUpEntry {
    let rubrik = o.heading(level, &short(f.review), false);
    let several = f.reports.len() > 1;
    let delar = f
        .reports
        .iter()
        .map(|(now, then)| {
            let rubrik = several.then(|| o.heading(level + 1, &plain(&now.subject()), false));
            let text = now.summary.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&now.conclusions);
            let text = o.text(rich(text), level + if several { 2 } else { 1 });
            let rekommendationer = then
                .map(|then| EarlierRecommendationView::all(then, now, &f.review.shape.wording, o))
                .unwrap_or_default();
            FollowUpPart { rubrik, text, rekommendationer }
        })
        .collect();
    FollowUpEntry { rubrik, foljer_upp: EarlierView::all(f.review, f.earlier), delar }
}
