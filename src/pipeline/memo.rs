//! Cover memos for any document: a review's (its reports attached) and an
//! annual report's (the annual report attached). A memo lists only what
//! was made in the same run: its attachments are numbered from the
//! documents the run made, in the order the memo lists them.

use std::sync::Arc;

use super::document::{DocumentKind, Made};
use crate::config::Config;
use crate::diag::SourceFile;
use crate::incremental::Attached;
use crate::model::Memo;
use crate::model::memo::Attachment;
use crate::view::View;
use crate::view::annual::chapters::ChapterView;
use crate::view::headings::Outliner;
use crate::view::memo::{AttachmentView, Covered, MemoView};

/// A document a memo can attach: made (or unchanged) in this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The name a memo gives it (`dokument = "…"`).
    pub name: String,
    pub title: String,
    /// Its PDF's file name.
    pub file: String,
    /// Its PDF relative to `output/`.
    pub path: String,
}

/// The memo's attachments, numbered: the documents it lists by name, in
/// its order with the other documents it lists; or, when it names none,
/// every document it `covers`, then the other documents. `find` gives a
/// document the memo names that it does not cover. `Err` names a listed
/// document this run did not make.
pub fn attachments(
    memo: &Memo,
    covers: &[Doc],
    find: &dyn Fn(&str) -> Option<Doc>,
) -> Result<Vec<(Option<Doc>, String)>, String> {
    let names_documents = memo.attachments.iter().any(|a| matches!(a, Attachment::Document(_)));
    let mut out: Vec<(Option<Doc>, String)> = Vec::new();
    if !names_documents {
        out.extend(covers.iter().map(|d| (Some(d.clone()), d.title.clone())));
    }
    for attachment in &memo.attachments {
        match attachment {
            Attachment::Document(name) => {
                let doc = covers.iter().find(|d| &d.name == name).cloned().or_else(|| find(name));
                let doc = doc.ok_or_else(|| name.clone())?;
                let title = doc.title.clone();
                out.push((Some(doc), title));
            }
            Attachment::Other(title) => out.push((None, title.clone())),
        }
    }
    Ok(out)
}

/// The memo as a document to render, written to output folder `folder`.
/// `owner` is the title of what it covers; `include` places a chapter of
/// it (see [`MemoView::new`]).
#[allow(clippy::too_many_arguments)]
pub fn made(
    folder: &str,
    memo: &Memo,
    covered: &Covered,
    owner: &str,
    listed: &[(Option<Doc>, String)],
    include: &mut dyn FnMut(&str, u8, &mut Outliner) -> Option<ChapterView>,
    sources: Vec<Arc<SourceFile>>,
    config: &Config,
) -> Made {
    let bilagor = listed
        .iter()
        .enumerate()
        .map(|(i, (doc, title))| AttachmentView {
            nummer: i + 1,
            titel: crate::view::plain(title),
            fil: doc.as_ref().map(|d| d.file.clone()),
            lank: doc.as_ref().map(|d| match d.path.strip_prefix(&format!("{folder}/")) {
                Some(same) => same.to_owned(),
                None => format!("../{}", d.path),
            }),
        })
        .collect();
    let attachments = listed
        .iter()
        .enumerate()
        .map(|(i, (doc, title))| Attached {
            number: i + 1,
            title: title.clone(),
            path: doc.as_ref().map(|d| d.path.clone()),
        })
        .collect();
    Made {
        kind: DocumentKind::Memo,
        view: View::Memo(Box::new(MemoView::new(memo, covered, bilagor, include, config))),
        date: memo.date,
        review: owner.to_owned(),
        district: String::new(),
        diarienummer: memo.diarienummer.clone(),
        ratings: Vec::new(),
        label: covered.words.tjansteutlatande.clone(),
        sources,
        attachments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn doc(name: &str) -> Doc {
        Doc {
            name: name.into(),
            title: format!("Rapport {name}"),
            file: format!("{name}.pdf"),
            path: format!("g/{name}.pdf"),
        }
    }

    fn memo(attachments: Vec<Attachment>) -> Memo {
        Memo {
            diarienummer: "1".into(),
            date: Date::new(2025, 1, 1).unwrap(),
            committee: "Nämnden".into(),
            heading: "Ärendet".into(),
            proposals: vec!["Godkänn.".into()],
            summary: Some("Text.".into()),
            sections: Vec::new(),
            signatories: Vec::new(),
            attachments,
        }
    }

    fn titles(listed: &[(Option<Doc>, String)]) -> Vec<&str> {
        listed.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn without_a_list_the_covered_documents_come_first_then_the_other_documents() {
        let m = memo(vec![Attachment::Other("Protokollsutdrag".into())]);
        let listed = attachments(&m, &[doc("a"), doc("b")], &|_| None).unwrap();
        assert_eq!(titles(&listed), ["Rapport a", "Rapport b", "Protokollsutdrag"]);
        assert!(listed[2].0.is_none());
    }

    #[test]
    fn a_list_that_names_documents_is_the_order_and_the_whole_list() {
        let m = memo(vec![
            Attachment::Document("b".into()),
            Attachment::Other("Karta".into()),
            Attachment::Document("x".into()),
        ]);
        let listed = attachments(&m, &[doc("a"), doc("b")], &|name| (name == "x").then(|| doc("x"))).unwrap();
        assert_eq!(titles(&listed), ["Rapport b", "Karta", "Rapport x"]);
        assert_eq!(attachments(&m, &[doc("a"), doc("b")], &|_| None), Err("x".to_owned()));
    }

    #[test]
    fn a_memo_with_nothing_to_attach_lists_nothing() {
        assert!(attachments(&memo(Vec::new()), &[], &|_| None).unwrap().is_empty());
    }
}
