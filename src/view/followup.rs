//! The template contract of a follow-up (*uppföljning*): the reviews it
//! follows up (in the project or outside it), and, where the district has
//! an earlier report, ratings then and now per quality area (where both
//! reports state one) and what became of each earlier recommendation.
//! Changes are shown with an arrow and a word, never colour alone.

use serde::Serialize;

use super::headings::{HeadingView, Outliner};
use super::{RatingView, Rich, plain, rich};

use crate::model::fill::PLACEHOLDER;
use crate::model::shape::Wording;
use crate::model::{District, Fill, Review};

/// The follow-up part of a report.
#[derive(Debug, Serialize)]
pub struct FollowUpView {
    /// Every review followed up, in the order the review names them.
    pub tidigare: Vec<EarlierView>,
    /// The comparison with the district's earlier report, when there is
    /// one.
    pub jamforelse: Option<Box<ComparisonView>>,
}

/// A review followed up.
#[derive(Debug, Serialize)]
pub struct EarlierView {
    pub titel: String,
    pub diarienummer: Option<String>,
    pub ar: i32,
}

/// Then and now, for one district.
#[derive(Debug, Serialize)]
pub struct ComparisonView {
    /// The earlier review's title.
    pub granskning: String,
    pub diarienummer: String,
    /// The year of the earlier review and of this one.
    pub ar: i32,
    pub nu_ar: i32,
    /// "Kvalitetsnivåer 2011 och 2014", when both reports rate areas.
    pub omraden_rubrik: Option<HeadingView>,
    pub omraden: Vec<ChangeView>,
    /// "Rekommendationerna från 2011", when there were any.
    pub rekommendationer_rubrik: Option<HeadingView>,
    pub rekommendationer: Vec<EarlierRecommendationView>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub titel: String,
    pub da: RatingView,
    pub nu: RatingView,
    /// "↑", "→" or "↓".
    pub pil: &'static str,
    /// "Förbättrad", "Oförändrad" or "Försämrad".
    pub forandring: &'static str,
}

#[derive(Debug, Serialize)]
pub struct EarlierRecommendationView {
    pub nummer: usize,
    pub text: Rich,
    /// "Åtgärdad", "Delvis åtgärdad", "Ej åtgärdad" (the project's words),
    /// or none given.
    pub status: Option<String>,
    pub kommentar: Option<Rich>,
}

impl FollowUpView {
    /// The follow-up part of `district`'s report in review `now`, which
    /// follows up the reviews `earlier` (and reviews outside the project);
    /// `then` is the district's earlier report, when there is one. Its
    /// sub-headings are at level 2, numbered when `numbered`.
    pub fn new(
        now: &Review,
        district: &District,
        earlier: &[Review],
        then: Option<(&Review, &District)>,
        o: &mut Outliner,
        numbered: bool,
    ) -> FollowUpView {
        FollowUpView {
            tidigare: EarlierView::all(now, earlier),
            jamforelse: then
                .map(|(review, then)| Box::new(ComparisonView::new(review, then, now, district, o, numbered))),
        }
    }
}

impl EarlierView {
    /// Every review `now` follows up: `earlier` (in the project), then
    /// those outside it.
    pub fn all(now: &Review, earlier: &[Review]) -> Vec<EarlierView> {
        let inside = earlier.iter().map(|r| EarlierView {
            titel: plain(&r.title),
            diarienummer: Some(plain(&r.diarienummer)),
            ar: r.published.year(),
        });
        let outside = now.outside.iter().map(|o| EarlierView {
            titel: plain(&o.title),
            diarienummer: o.diarienummer.as_deref().map(plain),
            ar: o.year,
        });
        inside.chain(outside).collect()
    }
}

impl EarlierRecommendationView {
    /// Each recommendation of the earlier report `then`, with the status
    /// and comment the follow-up report `now` gives it.
    pub fn all(then: &District, now: &District, words: &Wording, o: &mut Outliner) -> Vec<EarlierRecommendationView> {
        then.recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let status = now.follow_up.iter().find(|f| f.recommendation == i + 1);
                EarlierRecommendationView {
                    nummer: i + 1,
                    text: o.inline_text(rich(&r.text)),
                    status: status.map(|s| words.status(s.status).to_owned()),
                    kommentar: status.and_then(|s| s.comment.as_deref()).map(|c| o.inline_text(rich(c))),
                }
            })
            .collect()
    }
}

impl ComparisonView {
    fn new(
        earlier: &Review,
        earlier_district: &District,
        now: &Review,
        district: &District,
        o: &mut Outliner,
        numbered: bool,
    ) -> ComparisonView {
        let words = &now.shape.wording;
        let (ar, nu_ar) = (earlier.published.year(), now.published.year());
        let omraden: Vec<ChangeView> = district
            .areas
            .iter()
            .filter_map(|now| {
                let then = earlier_district.areas.iter().find(|a| a.area.id == now.area.id)?;
                Some((now, now.rating?, then.rating?))
            })
            .map(|(now, rating_now, rating_then)| {
                // A level still to set (in a draft) has no change yet.
                let order = rating_now.zip_with(rating_then, |now, then| now.rank().cmp(&then.rank()));
                let (pil, forandring) = match order {
                    Fill::Given(std::cmp::Ordering::Greater) => ("↑", "Förbättrad"),
                    Fill::Given(std::cmp::Ordering::Equal) => ("→", "Oförändrad"),
                    Fill::Given(std::cmp::Ordering::Less) => ("↓", "Försämrad"),
                    Fill::Todo => ("", PLACEHOLDER),
                };
                ChangeView {
                    titel: now.area.name.clone(),
                    da: RatingView::of(rating_then, words),
                    nu: RatingView::of(rating_now, words),
                    pil,
                    forandring,
                }
            })
            .collect();
        let omraden_rubrik =
            (!omraden.is_empty()).then(|| o.heading(2, &format!("Kvalitetsnivåer {ar} och {nu_ar}"), numbered));
        let rekommendationer_rubrik = (!earlier_district.recommendations.is_empty())
            .then(|| o.heading(2, &format!("Rekommendationerna från {ar}"), numbered));
        let rekommendationer = EarlierRecommendationView::all(earlier_district, district, words, o);
        ComparisonView {
            granskning: plain(&earlier.title),
            diarienummer: plain(&earlier.diarienummer),
            ar,
            nu_ar,
            omraden_rubrik,
            omraden,
            rekommendationer_rubrik,
            rekommendationer,
        }
    }
}
