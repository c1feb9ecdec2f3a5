//! The template contract of a follow-up (*uppföljning*): ratings then and
//! now per quality area (where both reports state one), and what became of
//! each earlier recommendation. Changes are shown with an arrow and a word,
//! never colour alone.

use serde::Serialize;

use super::headings::{HeadingView, Outliner};
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
    /// The follow-up part of `district`'s report; its two sub-headings at
    /// level 2, numbered when `numbered`.
    pub fn new(
        earlier: &Review,
        earlier_district: &District,
        now: &Review,
        district: &District,
        o: &mut Outliner,
        numbered: bool,
    ) -> FollowUpView {
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
                let (pil, forandring) = match rating_now.rank().cmp(&rating_then.rank()) {
                    std::cmp::Ordering::Greater => ("↑", "Förbättrad"),
                    std::cmp::Ordering::Equal => ("→", "Oförändrad"),
                    std::cmp::Ordering::Less => ("↓", "Försämrad"),
                };
                ChangeView {
                    titel: now.area.name.clone(),
                    da: RatingView::new(rating_then, words),
                    nu: RatingView::new(rating_now, words),
                    pil,
                    forandring,
                }
            })
            .collect();
        let omraden_rubrik =
            (!omraden.is_empty()).then(|| o.heading(2, &format!("Kvalitetsnivåer {ar} och {nu_ar}"), numbered));
        let rekommendationer_rubrik = (!earlier_district.recommendations.is_empty())
            .then(|| o.heading(2, &format!("Rekommendationerna från {ar}"), numbered));
        let rekommendationer = earlier_district
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let status = district.follow_up.iter().find(|f| f.recommendation == i + 1);
                EarlierRecommendationView {
                    nummer: i + 1,
                    text: o.inline_text(rich(&r.text)),
                    status: status.map(|s| words.status(s.status).to_owned()),
                    kommentar: status.and_then(|s| s.comment.as_deref()).map(|c| o.inline_text(rich(c))),
                }
            })
            .collect();
        FollowUpView {
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
