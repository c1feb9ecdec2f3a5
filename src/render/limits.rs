//! What a template (a project's own override, say) may not do: read the
//! environment, count without end, write without end, run without end, or
//! call itself. Tera itself sets none of these limits; a template that
//! broke one would abort or hang the whole build.
//!
//! - `get_env` is replaced by a function that refuses (a published report
//!   must not show the machine's environment), as `now` is already absent
//!   (a report must be reproducible);
//! - `range` gives at most [`MAX_RANGE`] numbers, and one rendering at most
//!   [`MAX_COUNTED`] in all;
//! - the output is written through [`Bounded`], which stops a rendering that
//!   writes more than [`MAX_OUTPUT`] bytes or runs longer than
//!   [`MAX_RENDER_TIME`];
//! - [`recursion`] refuses, when the templates are loaded, any template or
//!   macro that includes or calls itself, directly or through others (the
//!   stack would overflow).

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::time::{Duration, Instant};

use tera::{Tera, Value};

/// Numbers one `range` may give.
pub const MAX_RANGE: u64 = 10_000;
/// Numbers all `range` calls of one rendering may give together.
pub const MAX_COUNTED: u64 = 1_000_000;
/// Bytes one rendering may write (the largest real report's source is
/// about 100 kB).
pub const MAX_OUTPUT: usize = 50 * 1024 * 1024;
/// How long one rendering may take.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(20);

thread_local! {
    /// Numbers `range` may still give in the rendering on this thread.
    static COUNT_LEFT: Cell<u64> = const { Cell::new(MAX_COUNTED) };
}

/// Replaces Tera's `get_env` and `range` in `tera`.
pub fn configure(tera: &mut Tera) {
    tera.register_function("get_env", |_: &HashMap<String, Value>| -> tera::Result<Value> {
        Err(tera::Error::msg(
            "funktionen `get_env` är avstängd: en rapport får inte visa uppgifter från datorn den byggs på",
        ))
    });
    tera.register_function("range", range);
}

/// Starts the count of one rendering on this thread.
pub fn start_rendering() {
    COUNT_LEFT.with(|left| left.set(MAX_COUNTED));
}

/// Tera's `range(end, start=0, step_by=1)`, bounded.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(value) => value
                .as_u64()
                .ok_or_else(|| tera::Error::msg(format!("`{name}` i `range` ska vara ett heltal 0 eller större"))),
            None => default.ok_or_else(|| tera::Error::msg("`range` behöver `end`, t.ex. `range(end=5)`")),
        }
    };
    let (start, end, step) = (number("start", Some(0))?, number("end", None)?, number("step_by", Some(1))?);
    if step == 0 {
        return Err(tera::Error::msg("`step_by` i `range` får inte vara 0"));
    }
    let count = end.saturating_sub(start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "`range` skulle ge {count} tal; en mall får räkna till högst {MAX_RANGE} åt gången"
        )));
    }
    let left = COUNT_LEFT.with(|left| {
        let now = left.get().saturating_sub(count);
        left.set(now);
        now
    });
    if left == 0 {
        return Err(tera::Error::msg(format!(
            "mallens `range` har gett mer än {MAX_COUNTED} tal sammanlagt; mallen räknar troligen i en slinga utan slut"
        )));
    }
    Ok(Value::Array((start..end).step_by(step as usize).map(Value::from).collect()))
}

/// The output of one rendering, bounded in size and time.
pub struct Bounded {
    pub bytes: Vec<u8>,
    started: Instant,
}

impl Bounded {
    pub fn new() -> Bounded {
        start_rendering();
        Bounded { bytes: Vec::new(), started: Instant::now() }
    }
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other(format!(
                "mallen skrev mer än {} MB; den upprepar troligen något utan slut",
                MAX_OUTPUT / (1024 * 1024)
            )));
        }
        if self.started.elapsed() > MAX_RENDER_TIME {
            return Err(std::io::Error::other(format!(
                "mallen tog längre tid än {} sekunder att fylla i; den upprepar troligen något utan slut",
                MAX_RENDER_TIME.as_secs()
            )));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A template or macro that reaches itself: the chain, and the template
/// and line where the chain starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Cycle {
    pub chain: Vec<String>,
    pub template: String,
    pub line: usize,
}

/// The first template or macro that includes or calls itself, if any.
pub fn recursion(sources: &[(String, String)]) -> Option<Cycle> {
    let mut edges: BTreeMap<String, Vec<(String, String, usize)>> = BTreeMap::new();
    for (name, text) in sources {
        scan(name, text, &mut edges);
    }
    let mut done: BTreeMap<String, bool> = BTreeMap::new();
    for start in edges.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(start, &edges, &mut done, &mut path) {
            return Some(cycle);
        }
    }
    None
}

/// Depth-first search; `done[n]` is false while `n` is on the path.
fn visit(
    node: &str,
    edges: &BTreeMap<String, Vec<(String, String, usize)>>,
    done: &mut BTreeMap<String, bool>,
    path: &mut Vec<(String, String, usize)>,
) -> Option<Cycle> {
    match done.get(node) {
        Some(true) => return None,
        Some(false) => {
            let from = path.iter().position(|(n, _, _)| n == node).unwrap_or(0);
            let mut chain: Vec<String> = path[from..].iter().map(|(n, _, _)| n.clone()).collect();
            chain.push(node.to_owned());
            let (_, template, line) = path[from].clone();
            return Some(Cycle { chain, template, line });
        }
        None => {}
    }
    done.insert(node.to_owned(), false);
    for (to, template, line) in edges.get(node).into_iter().flatten() {
        path.push((node.to_owned(), template.clone(), *line));
        if let Some(cycle) = visit(to, edges, done, path) {
            return Some(cycle);
        }
        path.pop();
    }
    done.insert(node.to_owned(), true);
    None
}

/// Adds the includes and macro calls of template `name` to `edges`: from
/// the template (or the macro they are in) to the template included or the
/// macro called (`template::macro`).
fn scan(name: &str, text: &str, edges: &mut BTreeMap<String, Vec<(String, String, usize)>>) {
    let mut imports: HashMap<String, String> = HashMap::new();
    imports.insert("self".into(), name.to_owned());
    let mut current = name.to_owned();
    // Tags come in order, so lines are counted once over the text.
    let (mut line, mut counted) = (1, 0);
    for (tag, offset) in tags(text) {
        line += text[counted..offset].matches('\n').count();
        counted = offset;
        let words: Vec<&str> = tag.split_whitespace().collect();
        match words.first().copied() {
            Some("import") if words.len() >= 4 && words[2] == "as" => {
                imports.insert(words[3].to_owned(), unquote(words[1]));
            }
            Some("macro") => {
                let macro_name = tag["macro".len()..].trim().split('(').next().unwrap_or_default().trim();
                current = format!("{name}::{macro_name}");
            }
            Some("endmacro") => current = name.to_owned(),
            Some("include") => {
                for included in tag["include".len()..].split(',').map(|s| unquote(s.trim())) {
                    if !included.is_empty() && included != "ignore missing" {
                        edges.entry(current.clone()).or_default().push((included, name.to_owned(), line));
                    }
                }
            }
            _ => {}
        }
        // Macro calls: `ns::name(`.
        let mut rest = tag;
        while let Some(at) = rest.find("::") {
            let ns = rest[..at].rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default();
            let after = &rest[at + 2..];
            let called: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if after[called.len()..].trim_start().starts_with('(')
                && let Some(file) = imports.get(ns)
            {
                edges.entry(current.clone()).or_default().push((format!("{file}::{called}"), name.to_owned(), line));
            }
            rest = after;
        }
    }
}

/// The contents of every `{% … %}` and `{{ … }}` of a template, with their
/// offsets; comments and `raw` blocks are skipped.
fn tags(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = text[i..].find('{').map(|o| i + o) {
        let close = match text.get(open + 1..open + 2) {
            Some("%") => "%}",
            Some("{") => "}}",
            Some("#") => "#}",
            _ => {
                i = open + 1;
                continue;
            }
        };
        let Some(end) = text[open + 2..].find(close).map(|e| open + 2 + e) else { break };
        let inner = text[open + 2..end].trim_matches('-').trim();
        i = end + 2;
        if close == "#}" {
            continue;
        }
        if close == "%}" && inner == "raw" {
            match text[i..].find("endraw") {
                Some(e) => i += e,
                None => break,
            }
            continue;
        }
        out.push((inner, open));
    }
    out
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches(['[', ']']).trim().trim_matches(['"', '\'']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect()
    }

    #[test]
    fn self_inclusion_and_recursive_macros_are_found_with_their_line() {
        let direct = sources(&[("a.typ.tera", "Rubrik\n{% include \"a.typ.tera\" %}\n")]);
        let cycle = recursion(&direct).unwrap();
        assert_eq!(cycle.chain, ["a.typ.tera", "a.typ.tera"]);
        assert_eq!((cycle.template.as_str(), cycle.line), ("a.typ.tera", 2));
        let through = sources(&[
            ("a.html.tera", "{% include \"b.html.tera\" %}"),
            ("b.html.tera", "{# {% include \"x\" %} #}\n{% include \"a.html.tera\" %}"),
        ]);
        assert_eq!(recursion(&through).unwrap().chain, ["a.html.tera", "b.html.tera", "a.html.tera"]);
        let macros = sources(&[(
            "d.html.tera",
            "{% macro ner(n) %}{{ self::ner(n=n) }}{% endmacro ner %}\n{% macro ok() %}x{% endmacro %}",
        )]);
        assert_eq!(recursion(&macros).unwrap().chain, ["d.html.tera::ner", "d.html.tera::ner"]);
        let imported = sources(&[
            ("d.html.tera", "{% import \"e.html.tera\" as e %}{% macro a() %}{{ e::b() }}{% endmacro a %}"),
            ("e.html.tera", "{% import \"d.html.tera\" as d %}{% macro b() %}{{ d::a() }}{% endmacro b %}"),
        ]);
        assert!(recursion(&imported).is_some());
    }

    #[test]
    fn the_default_templates_do_not_recurse() {
        let defaults = super::super::Templates::defaults();
        assert_eq!(recursion(defaults.sources()), None);
    }

    #[test]
    fn range_is_bounded_per_call_and_per_rendering() {
        let args = |end: u64| HashMap::from([("end".to_owned(), Value::from(end))]);
        start_rendering();
        assert_eq!(range(&args(3)).unwrap(), Value::from(vec![0, 1, 2]));
        assert!(range(&args(MAX_RANGE + 1)).unwrap_err().to_string().contains("högst 10000"));
        let calls = MAX_COUNTED / MAX_RANGE;
        let results: Vec<bool> = (0..=calls).map(|_| range(&args(MAX_RANGE)).is_ok()).collect();
        assert!(results[..calls as usize - 1].iter().all(|ok| *ok));
        assert!(!results[calls as usize], "the rendering's budget ran out");
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::super::super::{Format, Templates};

        /// Pieces a careless or hostile template is made of.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("text ".to_owned()),
                Just("{{ x }}".to_owned()),
                (0u64..1_000_000_000).prop_map(|n| format!("{{% for i in range(end={n}) %}}")),
                Just("{% for i in range(end=10000) %}".to_owned()),
                Just("{% endfor %}".to_owned()),
                Just("{% if true %}".to_owned()),
                Just("{% endif %}".to_owned()),
                Just("{% include \"rapport.typ.tera\" %}".to_owned()),
                Just("{% include \"stil.typ.tera\" %}".to_owned()),
                Just("{% macro m() %}{{ self::m() }}{% endmacro m %}".to_owned()),
                Just("{{ self::m() }}".to_owned()),
                Just("{{ get_env(name=\"HOME\") }}".to_owned()),
                Just("{% set s = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" %}{{ s }}".to_owned()),
                Just("{% raw %}".to_owned()),
                Just("{% endraw %}".to_owned()),
                Just("{{".to_owned()),
                Just("%}".to_owned()),
                Just("{# ".to_owned()),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
            /// Whatever a template override holds, loading and rendering it
            /// ends (with an error or not): no panic, no overflow, no hang.
            #[test]
            fn any_template_ends(pieces in prop::collection::vec(piece(), 0..12)) {
                let mut sources: Vec<(String, String)> = Templates::defaults().sources().to_vec();
                sources.retain(|(n, _)| n != "rapport.typ.tera");
                sources.push(("rapport.typ.tera".to_owned(), pieces.concat()));
                if let Ok(templates) = Templates::from_sources(sources) {
                    let _ = templates.render(Format::Typst, "rapport", &serde_json::json!({ "x": 1 }));
                }
            }
        }
    }
}
