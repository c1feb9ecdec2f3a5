//! The text on a typeset document's pages, as a reader sees it: runs that
//! touch on a line are joined (so `**6408**23` reads `640823`), everything
//! else is separated by a space. For the personal-data guard.

use typst::layout::{Abs, Frame, FrameItem, Transform};
use typst_layout::PagedDocument;

/// The text of every page, in the order it was laid out.
pub fn page_text(document: &PagedDocument) -> String {
    let mut out = Collector { text: String::new(), last: None };
    for page in document.pages() {
        out.frame(&page.frame, Transform::identity());
        out.text.push('\n');
        out.last = None;
    }
    out.text
}

struct Collector {
    text: String,
    /// Where the previous run ended: its baseline and right edge.
    last: Option<(Abs, Abs)>,
}

/// Runs closer than this many points on the same baseline are one word.
const TOUCHING_PT: f64 = 0.5;

impl Collector {
    fn frame(&mut self, frame: &Frame, transform: Transform) {
        for (pos, item) in frame.items() {
            let at = pos.transform(transform);
            match item {
                FrameItem::Group(group) => {
                    let inner = group.transform.post_concat(Transform::translate(pos.x, pos.y)).post_concat(transform);
                    self.frame(&group.frame, inner);
                }
                FrameItem::Text(run) => {
                    let close = |a: Abs, b: Abs| (a - b).abs().to_pt() < TOUCHING_PT;
                    let joined = self.last.is_some_and(|(y, end)| close(y, at.y) && close(at.x, end));
                    if !joined && !self.text.is_empty() {
                        self.text.push(' ');
                    }
                    self.text.push_str(&run.text);
                    self.last = Some((at.y, at.x + run.width()));
                }
                _ => {}
            }
        }
    }
}
