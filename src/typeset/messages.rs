//! Typst's messages in Swedish. Typst speaks English, and what it says is
//! nearly always about a template override; the main message a user reads
//! is Swedish, with Typst's own words kept as a labelled quote beside it.

/// A Swedish sentence for a Typst error or warning message. The common
/// kinds are named; the rest get a general sentence (the original is
/// always quoted with it).
pub fn swedish(english: &str) -> String {
    let quoted = |rest: &str| rest.trim().trim_matches('"').to_owned();
    if let Some(name) = english.strip_prefix("unknown variable: ") {
        return format!("namnet `{}` finns inte i Typst", quoted(name));
    }
    if let Some(rest) = english.strip_prefix("file not found (searched at ") {
        return format!("filen `{}` finns inte", rest.trim_end_matches(')'));
    }
    if english.contains("would escape the project root") {
        return "sökvägen går utanför projektmappen".to_owned();
    }
    if english.starts_with("unknown font family") {
        return format!("typsnittet finns inte ({})", english.trim_start_matches("unknown font family:").trim());
    }
    if english.contains("package") {
        return "mallen vill hämta ett Typst-paket".to_owned();
    }
    if english.starts_with("expected a value") || english.starts_with("cannot ") {
        return "Typst-koden använder ett värde på fel sätt".to_owned();
    }
    if english.starts_with("expected ") || english.starts_with("unclosed ") || english.starts_with("unexpected ") {
        return "syntaxfel i Typst-koden".to_owned();
    }
    if english.contains("maximum") && english.contains("depth") {
        return "Typst-koden anropar sig själv för många gånger".to_owned();
    }
    "Typst kunde inte sätta dokumentet".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_messages_are_named_and_the_rest_said_generally() {
        assert_eq!(swedish("unknown variable: okand-funktion"), "namnet `okand-funktion` finns inte i Typst");
        assert_eq!(swedish("file not found (searched at /etc/passwd)"), "filen `/etc/passwd` finns inte");
        assert_eq!(
            swedish("path `\"../../etc/passwd\"` would escape the project root"),
            "sökvägen går utanför projektmappen"
        );
        assert_eq!(swedish("expected a value that can be negated"), "Typst-koden använder ett värde på fel sätt");
        assert_eq!(swedish("unclosed delimiter"), "syntaxfel i Typst-koden");
        assert_eq!(swedish("something Typst says one day"), "Typst kunde inte sätta dokumentet");
    }
}
