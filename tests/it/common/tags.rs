//! The tag tree of a PDF, read with lopdf: every structure element with its
//! role, its table scope and the text of its marked content, in order. This
//! is what a screen reader reads.

use std::collections::HashMap;
use std::path::Path;

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// A structure element.
#[derive(Debug, Clone)]
pub struct Elem {
    /// "H1", "P", "Table", "TH" …
    pub role: String,
    /// A table header cell's /Scope ("Row", "Column", "Both").
    pub scope: Option<String>,
    /// The element's /ID (table header cells have one).
    pub id: Option<String>,
    /// A table cell's /Headers: the IDs of the header cells it belongs to.
    pub headers: Vec<String>,
    pub kids: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Elem(Elem),
    /// The text of one marked-content sequence.
    Text(String),
}

impl Elem {
    /// All text below, in reading order, words separated by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect(&mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn collect(&self, out: &mut String) {
        for kid in &self.kids {
            match kid {
                Node::Elem(e) => {
                    e.collect(out);
                    out.push(' ');
                }
                Node::Text(t) => out.push_str(t),
            }
        }
    }

    /// Every element below, depth first, each with its ancestors' roles.
    pub fn descendants(&self) -> Vec<(&Elem, Vec<&str>)> {
        let mut out = Vec::new();
        self.walk(&mut Vec::new(), &mut out);
        out
    }

    fn walk<'a>(&'a self, path: &mut Vec<&'a str>, out: &mut Vec<(&'a Elem, Vec<&'a str>)>) {
        for kid in &self.kids {
            if let Node::Elem(e) = kid {
                out.push((e, path.clone()));
                path.push(&e.role);
                e.walk(path, out);
                path.pop();
            }
        }
    }

    /// Every element with `role`.
    pub fn all(&self, role: &str) -> Vec<&Elem> {
        self.descendants().into_iter().filter(|(e, _)| e.role == role).map(|(e, _)| e).collect()
    }

    /// The direct children that are elements.
    pub fn children(&self) -> impl Iterator<Item = &Elem> {
        self.kids.iter().filter_map(|k| match k {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }
}

/// The tag tree of the PDF at `path`, under a root element "StructTreeRoot".
pub fn tag_tree(path: &Path) -> Elem {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let texts: HashMap<(ObjectId, i64), String> = doc
        .get_pages()
        .values()
        .flat_map(|&page| page_texts(&doc, page).into_iter().map(move |(m, t)| ((page, m), t)))
        .collect();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let root = doc.dereference(root).unwrap().1.as_dict().unwrap();
    let mut elem = Elem { role: "StructTreeRoot".into(), scope: None, id: None, headers: Vec::new(), kids: Vec::new() };
    if let Ok(kids) = root.get(b"K") {
        kids_of(&doc, kids, None, &texts, &mut elem.kids);
    }
    elem
}

fn kids_of(
    doc: &Document,
    k: &Object,
    page: Option<ObjectId>,
    texts: &HashMap<(ObjectId, i64), String>,
    out: &mut Vec<Node>,
) {
    match k {
        Object::Array(items) => items.iter().for_each(|item| kids_of(doc, item, page, texts, out)),
        Object::Integer(mcid) => {
            if let Some(text) = page.and_then(|p| texts.get(&(p, *mcid))) {
                out.push(Node::Text(text.clone()));
            }
        }
        Object::Reference(_) | Object::Dictionary(_) => {
            let dict = match doc.dereference(k) {
                Ok((_, Object::Dictionary(d))) => d,
                _ => return,
            };
            match dict.get(b"Type").and_then(Object::as_name) {
                Ok(b"MCR") => {
                    let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    if let Ok(mcid) = dict.get(b"MCID").and_then(Object::as_i64) {
                        kids_of(doc, &Object::Integer(mcid), page, texts, out);
                    }
                }
                Ok(b"OBJR") => {}
                _ => out.push(Node::Elem(elem(doc, dict, page, texts))),
            }
        }
        _ => {}
    }
}

fn elem(doc: &Document, dict: &Dictionary, page: Option<ObjectId>, texts: &HashMap<(ObjectId, i64), String>) -> Elem {
    let role =
        dict.get(b"S").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
    let scope = dict.get(b"A").ok().and_then(|a| scope_of(doc, a));
    let headers = dict.get(b"A").ok().map(|a| headers_of(doc, a)).unwrap_or_default();
    let id = dict.get(b"ID").ok().and_then(|i| string(doc, i));
    let mut kids = Vec::new();
    if let Ok(k) = dict.get(b"K") {
        kids_of(doc, k, page, texts, &mut kids);
    }
    Elem { role, scope, id, headers, kids }
}

fn string(doc: &Document, object: &Object) -> Option<String> {
    match doc.dereference(object).ok()?.1 {
        Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    }
}

fn headers_of(doc: &Document, attributes: &Object) -> Vec<String> {
    match doc.dereference(attributes).map(|(_, o)| o) {
        Ok(Object::Array(items)) => items.iter().flat_map(|a| headers_of(doc, a)).collect(),
        Ok(Object::Dictionary(d)) => match d.get(b"Headers").and_then(Object::as_array) {
            Ok(ids) => ids.iter().filter_map(|i| string(doc, i)).collect(),
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn scope_of(doc: &Document, attributes: &Object) -> Option<String> {
    match doc.dereference(attributes).ok()?.1 {
        Object::Array(items) => items.iter().find_map(|a| scope_of(doc, a)),
        Object::Dictionary(d) => {
            d.get(b"Scope").and_then(Object::as_name).ok().map(|n| String::from_utf8_lossy(n).into_owned())
        }
        _ => None,
    }
}

/// The text of each marked-content sequence (by MCID) on a page.
fn page_texts(doc: &Document, page: ObjectId) -> HashMap<i64, String> {
    let encodings: HashMap<Vec<u8>, Encoding> = doc
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding(doc).ok()?)))
        .collect();
    let mut out: HashMap<i64, String> = HashMap::new();
    let Ok(content) = doc.get_and_decode_page_content(page) else { return out };
    let mut stack: Vec<Option<i64>> = Vec::new();
    let mut font: Option<Vec<u8>> = None;
    for op in content.operations {
        let mut text = String::new();
        match op.operator.as_str() {
            "BDC" => stack.push(
                op.operands
                    .get(1)
                    .and_then(|p| doc.dereference(p).ok())
                    .and_then(|(_, p)| p.as_dict().ok()?.get(b"MCID").ok()?.as_i64().ok()),
            ),
            "BMC" => stack.push(None),
            "EMC" => {
                stack.pop();
            }
            "Tf" => font = op.operands.first().and_then(|f| f.as_name().ok()).map(<[u8]>::to_vec),
            "Tj" | "'" | "\"" => {
                if let Some(Object::String(bytes, _)) = op.operands.last() {
                    text.push_str(&decode(&encodings, font.as_deref(), bytes));
                }
            }
            "TJ" => {
                for item in op.operands.first().and_then(|a| a.as_array().ok()).into_iter().flatten() {
                    match item {
                        Object::String(bytes, _) => text.push_str(&decode(&encodings, font.as_deref(), bytes)),
                        // A wide gap inside a run is a space between words.
                        Object::Integer(n) if *n < -200 => text.push(' '),
                        Object::Real(n) if *n < -200.0 => text.push(' '),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if let (false, Some(mcid)) = (text.is_empty(), stack.iter().rev().find_map(|m| *m)) {
            out.entry(mcid).or_default().push_str(&text);
        }
    }
    out
}

fn decode(encodings: &HashMap<Vec<u8>, Encoding>, font: Option<&[u8]>, bytes: &[u8]) -> String {
    font.and_then(|f| encodings.get(f)).and_then(|e| Document::decode_text(e, bytes).ok()).unwrap_or_default()
}
