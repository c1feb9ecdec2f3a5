//! Swedish wording for the errors the TOML parser and serde produce.
//!
//! Both libraries speak English with a small, stable set of message shapes
//! (`unknown field`, `missing field`, `invalid type` …). We recognise those
//! shapes and say the same thing in Swedish, with a hint on how to fix it.
//! Anything unrecognised is still reported, prefixed in Swedish.

use crate::model::fill::{COUNT_OR_PLACEHOLDER, PLACEHOLDER};

/// A translated message and its hints.
#[derive(Debug, PartialEq, Eq)]
pub struct Translated {
    pub message: String,
    pub hints: Vec<String>,
}

impl Translated {
    fn new(message: impl Into<String>) -> Self {
        Translated { message: message.into(), hints: Vec::new() }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// Required keys that are written as `[tables]`.
const TABLES: [&str; 4] = ["kvalitetsomraden", "barnrattsanalys", "jamstalldhetsanalys", "slutsatser"];

/// Translates `english`. `canonical` tells which values are real names
/// (aliases such as `gron` for `grön` are accepted but not advertised).
pub fn translate(english: &str, canonical: &dyn Fn(&str) -> bool) -> Translated {
    let english = english.trim();
    if let Some(rest) = english.strip_prefix("unknown field ") {
        let (field, allowed) = split_expected(rest);
        return with_suggestion(
            Translated::new(format!("okänd nyckel `{field}`")),
            &field,
            &allowed,
            "tillåtna nycklar här",
        );
    }
    if let Some(rest) = english.strip_prefix("unknown variant ") {
        let (value, mut allowed) = split_expected(rest);
        if allowed.iter().any(|a| canonical(a)) {
            allowed.retain(|a| canonical(a));
        }
        return with_suggestion(Translated::new(format!("okänt värde `{value}`")), &value, &allowed, "tillåtna värden");
    }
    if let Some(rest) = english.strip_prefix("missing field ") {
        let field = rest.trim_matches('`');
        let example = if TABLES.contains(&field) { format!("[{field}]") } else { format!("{field} = …") };
        return Translated::new(format!("nyckeln `{field}` saknas"))
            .hint(format!("lägg till `{example}` (se exemplen i findings/ eller kör `granska new`)"));
    }
    if let Some(rest) = english.strip_prefix("duplicate field ") {
        let field = rest.trim_matches('`');
        return Translated::new(format!("nyckeln `{field}` förekommer två gånger")).hint("ta bort den ena");
    }
    if english == "duplicate key" {
        return Translated::new("nyckeln förekommer två gånger").hint("ta bort den ena eller byt namn på den");
    }
    if let Some(rest) = english.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let t = Translated::new(format!(
            "fel sorts värde: {}, men här ska det vara {}",
            found_sv(found),
            expected_sv(expected)
        ));
        // A count written as a text: the quotes are the mistake.
        let quoted = found.strip_prefix("string \"").and_then(|f| f.strip_suffix('"'));
        if expected == COUNT_OR_PLACEHOLDER && quoted.is_some_and(|q| q.trim().parse::<f64>().is_ok()) {
            return t.hint(format!("skriv talet utan citattecken: {}", quoted.unwrap_or_default().trim()));
        }
        // A report section (`[sammanfattning]`, `[slutsatser]` …) written
        // as `key = "text"`: show the table form.
        if expected == "struct RawSection" && found.starts_with("string") {
            return t.hint("ett avsnitt skrivs som en tabell: rubriken inom hakparenteser på en egen rad, och texten under den")
                .hint("t.ex. `[sammanfattning]` och på nästa rad `text = \"\"\"…\"\"\"`");
        }
        return t;
    }
    if let Some(rest) = english.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Translated::new(format!(
            "ogiltigt värde: {}, men här ska det vara {}",
            found_sv(found),
            expected_sv(expected)
        ));
    }
    if english.starts_with("data did not match any variant of untagged enum") {
        return Translated::new("värdet ska vara ett tal eller en text inom citattecken");
    }
    if let Some(rest) = english.strip_prefix("invalid length ") {
        return Translated::new(format!("fel antal element: {rest}"));
    }
    syntax(english)
}

/// TOML syntax errors.
fn syntax(english: &str) -> Translated {
    let known: &[(&str, &str, &str)] = &[
        (
            "invalid basic string",
            "texten saknar avslutande citattecken `\"`",
            "avsluta texten med `\"` på samma rad, eller använd `\"\"\"` för text över flera rader",
        ),
        ("invalid literal string", "texten saknar avslutande apostrof `'`", "avsluta texten med `'` på samma rad"),
        (
            "invalid multi-line basic string",
            "flerradstexten saknar avslutande `\"\"\"`",
            "avsluta texten med `\"\"\"` på en egen rad",
        ),
        (
            "invalid multi-line literal string",
            "flerradstexten saknar avslutande `'''`",
            "avsluta texten med `'''` på en egen rad",
        ),
        (
            "missing escaped value",
            "ogiltig `\\`-sekvens i texten",
            "skriv `\\\\` för ett omvänt snedstreck, eller skriv texten inom apostrofer: '…'",
        ),
        ("string values must be quoted", "texten måste stå inom citattecken", "skriv t.ex. `namn = \"Bromma\"`"),
        ("key with no value", "nyckeln saknar värde", "skriv `nyckel = värde` på samma rad"),
        ("unexpected key or value", "oväntat innehåll efter värdet", "varje `nyckel = värde` ska stå på en egen rad"),
        ("unclosed table", "tabellrubriken saknar `]`", "skriv t.ex. `[aktgranskning]`"),
        ("unclosed array of tables", "tabellrubriken saknar `]]`", "skriv t.ex. `[[rekommendation]]`"),
        ("unclosed array", "listan saknar avslutande `]`", "avsluta listan med `]`"),
        ("unquoted keys cannot be empty", "nyckel saknas före `=`", "skriv nyckelns namn före `=`"),
        ("invalid unquoted key", "ogiltig nyckel", "nycklar skrivs med a–z, 0–9, `_` och `-`, utan å, ä och ö"),
        (
            "invalid escape sequence",
            "ogiltig `\\`-sekvens i texten",
            "skriv `\\\\` för ett omvänt snedstreck eller använd '…' (apostrofer)",
        ),
        ("invalid date", "ogiltigt datum", "skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2011-04-15"),
        ("invalid time", "ogiltig tid", "skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2011-04-15"),
        ("extra comma in array", "extra kommatecken i listan", "ta bort kommatecknet"),
        ("missing comma", "kommatecken saknas mellan elementen", "skilj elementen åt med `,`"),
        (
            "invalid inline table",
            "ogiltig tabell på en rad",
            "skriv t.ex. `kvinnor = { ja = 1, nej = 0, ej_aktuellt = 0 }`",
        ),
        (
            "invalid number",
            "ogiltigt tal",
            "skriv tal utan mellanslag och med punkt som decimaltecken, t.ex. 3051 eller 2.5",
        ),
        ("invalid integer", "ogiltigt heltal", "skriv heltal utan mellanslag, t.ex. 3051"),
        ("invalid float", "ogiltigt decimaltal", "skriv decimaltal med punkt, t.ex. 2.5"),
        ("invalid string", "ogiltig text", "texter skrivs inom citattecken, t.ex. \"Bromma\""),
        ("invalid table header", "ogiltig tabellrubrik", "skriv t.ex. `[aktgranskning]`"),
        (
            "invalid value, expected unicode",
            "`\\u`-sekvensen anger inget tecken (t.ex. ett ensamt surrogat som `\\uD800`)",
            "skriv tecknet som det är, eller med ett riktigt teckennummer, t.ex. `\\u00E5` för å",
        ),
    ];
    // A bare word such as `Norr` starts like the float `nan` or `inf`.
    if english.starts_with("invalid float, expected `nan`") || english.starts_with("invalid float, expected `inf`") {
        return Translated::new("texten måste stå inom citattecken").hint("skriv t.ex. `namn = \"Bromma\"`");
    }
    for (prefix, message, hint) in known {
        if english.starts_with(prefix) {
            return Translated::new(*message).hint(*hint);
        }
    }
    if english.contains("duplicate key") || english.starts_with("duplicate") {
        return Translated::new("nyckeln eller tabellen förekommer två gånger").hint("ta bort den ena");
    }
    Translated::new("ogiltig TOML på raden")
        .hint("kontrollera citattecken, hakparenteser och likhetstecken på raden")
        .hint(format!("TOML-läsarens eget meddelande: {english}"))
}

/// Splits "`x`, expected one of `a`, `b`" into ("x", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = name.trim_matches('`').to_owned();
    let allowed = expected.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    (name, allowed)
}

fn with_suggestion(t: Translated, wrong: &str, allowed: &[String], label: &str) -> Translated {
    if allowed.is_empty() {
        return t.hint("inga nycklar är tillåtna här");
    }
    let t = match crate::diag::closest(wrong, allowed.iter().map(String::as_str)) {
        Some(suggestion) => t.hint(format!("menade du `{suggestion}`?")),
        None => t,
    };
    let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    t.hint(format!("{label}: {}", list.join(", ")))
}

fn found_sv(found: &str) -> String {
    let value = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`').to_owned());
    if let Some(v) = value("integer ") {
        format!("heltalet {v}")
    } else if let Some(v) = value("floating point ") {
        format!("decimaltalet {v}")
    } else if let Some(v) = value("string ") {
        format!("texten {v}")
    } else if let Some(v) = value("boolean ") {
        format!("sanningsvärdet {v}")
    } else if found == "sequence" {
        "en lista".to_owned()
    } else if found == "map" {
        "en tabell".to_owned()
    } else {
        found.to_owned()
    }
}

fn expected_sv(expected: &str) -> String {
    match expected {
        "a string" => "en text inom citattecken, t.ex. \"Bromma\"".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "ett heltal som är 0 eller större".to_owned(),
        COUNT_OR_PLACEHOLDER => {
            format!("ett heltal som är 0 eller större, eller \"{PLACEHOLDER}\" så länge antalet inte är känt")
        }
        "i8" | "i16" | "i32" | "i64" => "ett heltal".to_owned(),
        "f32" | "f64" => "ett tal".to_owned(),
        "a boolean" => "`true` eller `false`".to_owned(),
        "a sequence" => "en lista inom hakparenteser, t.ex. [\"a\", \"b\"]".to_owned(),
        "a map" => "en tabell".to_owned(),
        "a TOML datetime" => "ett datum utan citattecken, t.ex. 2011-04-15".to_owned(),
        e if e.starts_with("struct ") => "en tabell (t.ex. `[namn]` eller `{ … }`)".to_owned(),
        e if e.starts_with("enum ") => "ett av de tillåtna värdena".to_owned(),
        e => e.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translate_all(english: &str) -> Translated {
        translate(english, &|v| !["gron", "rod"].contains(&v))
    }

    #[test]
    fn a_count_in_quotes_is_told_to_lose_them() {
        let t = translate_all("invalid type: string \"20\", expected a count or TODO");
        assert_eq!(t.hints, ["skriv talet utan citattecken: 20"]);
        let t = translate_all("invalid type: string \"tolv\", expected a count or TODO");
        assert!(t.hints.is_empty() && t.message.contains("eller \"TODO\""), "{t:?}");
    }

    #[test]
    fn unknown_field_suggests_the_closest_key() {
        let t = translate_all(
            "unknown field `bedomnig`, expected one of `niva`, `sammanfattning`, `iakttagelser`, `bedomning`",
        );
        assert_eq!(t.message, "okänd nyckel `bedomnig`");
        assert_eq!(t.hints[0], "menade du `bedomning`?");
        assert!(t.hints[1].contains("`iakttagelser`"));
    }

    #[test]
    fn unknown_variant_lists_the_allowed_values() {
        let t = translate_all("unknown variant `grå`, expected one of `grön`, `gron`, `gul`, `röd`, `rod`");
        assert_eq!(t.message, "okänt värde `grå`");
        assert!(t.hints.iter().any(|h| h == "tillåtna värden: `grön`, `gul`, `röd`"), "{:?}", t.hints);
    }

    #[test]
    fn diacritics_do_not_hide_a_suggestion() {
        let t = translate_all("unknown field `bedömning`, expected `bedomning` or `niva`");
        assert_eq!(t.hints[0], "menade du `bedomning`?");
    }

    #[test]
    fn type_errors_name_both_sides_in_swedish() {
        let t = translate_all("invalid type: integer `1`, expected a string");
        assert_eq!(
            t.message,
            "fel sorts värde: heltalet 1, men här ska det vara en text inom citattecken, t.ex. \"Bromma\""
        );
        let t = translate_all("invalid value: integer `-1`, expected u32");
        assert_eq!(t.message, "ogiltigt värde: heltalet -1, men här ska det vara ett heltal som är 0 eller större");
    }

    #[test]
    fn missing_field_and_syntax_errors_are_swedish() {
        assert_eq!(translate_all("missing field `titel`").message, "nyckeln `titel` saknas");
        assert_eq!(
            translate_all("invalid basic string, expected `\"`").message,
            "texten saknar avslutande citattecken `\"`"
        );
        let unknown = translate_all("something new");
        assert_eq!(unknown.message, "ogiltig TOML på raden");
        assert!(
            unknown.hints.iter().any(|h| h == "TOML-läsarens eget meddelande: something new"),
            "{:?}",
            unknown.hints
        );
        let surrogate = translate_all("invalid value, expected unicode hexadecimal value");
        assert!(surrogate.message.contains("ensamt surrogat"), "{}", surrogate.message);
    }
}
