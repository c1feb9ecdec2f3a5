//! Web pages read back as a browser would parse them (html5ever, the
//! parser of Servo), with a few ways to walk the tree: elements by name,
//! by a test on each, their attributes and their text.

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// A parsed page.
pub struct Page {
    root: El,
}

/// An element (or the document) of a page.
#[derive(Clone)]
pub struct El(Handle);

impl Page {
    pub fn parse(html: &str) -> Page {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        Page { root: El(dom.document) }
    }

    /// Every element named `name`, in document order.
    pub fn all(&self, name: &str) -> Vec<El> {
        self.root.all(name)
    }

    /// The first element named `name`; panics if there is none.
    pub fn first(&self, name: &str) -> El {
        self.root.first(name)
    }

    /// Every element for which `test` holds, in document order.
    pub fn find(&self, test: impl Fn(&El) -> bool) -> Vec<El> {
        self.root.find(test)
    }
}

impl El {
    /// The element's name ("h2"); empty for anything but an element.
    pub fn name(&self) -> String {
        match &self.0.data {
            NodeData::Element { name, .. } => name.local.to_string(),
            _ => String::new(),
        }
    }

    pub fn attr(&self, attribute: &str) -> Option<String> {
        match &self.0.data {
            NodeData::Element { attrs, .. } => {
                attrs.borrow().iter().find(|a| &*a.name.local == attribute).map(|a| a.value.to_string())
            }
            _ => None,
        }
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    /// Its text, the text of every descendant joined by spaces, with runs
    /// of white space made one space.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        walk(&self.0, &mut |node| {
            if let NodeData::Text { contents } = &node.data {
                parts.push(contents.borrow().to_string());
            }
        });
        parts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The descendants for which `test` holds, in document order.
    pub fn find(&self, test: impl Fn(&El) -> bool) -> Vec<El> {
        let mut out = Vec::new();
        for child in self.0.children.borrow().iter() {
            walk(child, &mut |node| {
                let el = El(Rc::clone(node));
                if matches!(node.data, NodeData::Element { .. }) && test(&el) {
                    out.push(el);
                }
            });
        }
        out
    }

    pub fn all(&self, name: &str) -> Vec<El> {
        self.find(|e| e.name() == name)
    }

    pub fn first(&self, name: &str) -> El {
        self.all(name).into_iter().next().unwrap_or_else(|| panic!("no <{name}>"))
    }

    /// The element children named `name`.
    pub fn children(&self, name: &str) -> Vec<El> {
        self.0.children.borrow().iter().map(|c| El(Rc::clone(c))).filter(|e| e.name() == name).collect()
    }
}

/// Visits `node` and its descendants, in document order.
fn walk(node: &Handle, visit: &mut impl FnMut(&Handle)) {
    visit(node);
    for child in node.children.borrow().iter() {
        walk(child, visit);
    }
}
