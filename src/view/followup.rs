//! The template contract of a follow-up (*uppföljning*): ratings then and
//! now per quality area, and what became of each earlier recommendation.
//! Changes are shown with an arrow and a word, never colour alone.

use serde::Serialize;

use super::{RatingView, Rich, plain, rich};

use crate::model::{District, Review};

#[derive(Debug, Serialize)]
pub struct FollowUpView {
    /// The earlier review's title.
    pub granskning: String,
    pub diarienummer: String,
    /// The year of the earlier review and of this one.
    pub ar: i32,
    pub nu_ar: i32,
    pub omraden: Vec<ChangeView>,
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
    pub niva: RatingView,
    /// "Åtgärdad", "Delvis åtgärdad", "Ej åtgärdad", or none given.
    pub status: Option<&'static str>,
    pub kommentar: Option<Rich>,
}

impl FollowUpView {
    pub fn new(earlier: &Review, earlier_district: &District, now: &Review, district: &District) -> FollowUpView {
        let omraden = district
            .areas
            .iter()
            .filter_map(|now| Some((now, earlier_district.areas.iter().find(|a| a.area.id == now.area.id)?)))
            .map(|(now, then)| {
                let (pil, forandring) = match now.rating.rank().cmp(&then.rating.rank()) {
                    std::cmp::Ordering::Greater => ("↑", "Förbättrad"),
                    std::cmp::Ordering::Equal => ("→", "Oförändrad"),
                    std::cmp::Ordering::Less => ("↓", "Försämrad"),
                };
                ChangeView {
                    titel: now.area.name.clone(),
                    da: RatingView::new(then.rating),
                    nu: RatingView::new(now.rating),
                    pil,
                    forandring,
                }
            })
            .collect();
        let rekommendationer = earlier_district
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let status = district.follow_up.iter().find(|f| f.recommendation == i + 1);
                EarlierRecommendationView {
                    nummer: i + 1,
                    text: rich(&r.text),
                    niva: RatingView::new(r.rating),
                    status: status.map(|s| s.status.word()),
                    kommentar: status.and_then(|s| s.comment.as_deref()).map(rich),
                }
            })
            .collect();
        FollowUpView {
            granskning: plain(&earlier.title),
            diarienummer: plain(&earlier.diarienummer),
            ar: earlier.published.year(),
            nu_ar: now.published.year(),
            omraden,
            rekommendationer,
        }
    }
}
