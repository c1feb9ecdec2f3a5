//! The project configuration, `granska.toml` at the project root: the
//! organisation's name, logo, colour and fonts, and the project's quality
//! areas. Everything is optional; the defaults look good without any of it.
//!
//! ```toml
//! [organisation]
//! namn = "Stockholms stad"
//! logotyp = "bilder/logotyp.svg"   # inside the project
//!
//! [stil]
//! accentfarg = "#1f4e79"
//! brodtext = "Libertinus Serif"      # a font family from fonts/ or the built-in ones
//! rubriker = "Libertinus Serif"
//!
//! [rapport]                          # what the reports rate, numbering, contents
//! kvalitetsnivaer = "per_konstaterande"   # or "per_omrade" (default), "inga"
//!
//! [rapport.nivaer]                   # the legend, in the organisation's words
//! gron = "Verksamheten håller god kvalitet."
//!
//! [[disposition]]                    # the outline (see `model::outline`)
//! typ = "sammanfattning"
//!
//! [ord]                              # the organisation's words
//! distrikt = "Enhet"
//!
//! [[kvalitetsomrade]]                # the project's own areas, in order
//! id = "trygghet"                    # (default: the six of Socialstyrelsen and SKR)
//! namn = "Trygghet och säkerhet"
//! beskrivning = "Verksamheten är trygg och säker."   # optional
//! ```
//!
//! The report's shape (`[rapport]`, `[[disposition]]`, `[ord]`) is checked
//! by `lint::shape`; a review may override it.

use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diag::{Checked, Diagnostic, Diagnostics, SourceFile, closest};
use crate::load::{self, Loaded};
use crate::model::outline::RawChapter;
use crate::model::raw::{Text, schema_of};
use crate::model::shape::{RawReportSettings, RawShape, RawWording, Shape};
use crate::model::vocab::{Area, default_areas};
use crate::project::Project;

/// The default accent colour (headings, rules, bars).
pub const DEFAULT_ACCENT: &str = "#1f4e79";
/// The default font family (embedded in granska).
pub const DEFAULT_FONT: &str = "Libertinus Serif";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "granska.toml", description = "Projektets inställningar: organisation, logotyp, färg och typsnitt.")]
pub struct RawConfig {
    #[schemars(description = "Organisationen som ger ut rapporterna.")]
    #[serde(default)]
    pub organisation: Option<RawOrganisation>,
    #[schemars(description = "Rapporternas utseende.")]
    #[serde(default)]
    pub stil: Option<RawStyle>,
    #[schemars(
        description = "Rapporternas innehåll: vad de sätter kvalitetsnivåer på, numrering, innehållsförteckning och förklaringen av nivåerna."
    )]
    #[serde(default)]
    pub rapport: Option<RawReportSettings>,
    #[schemars(
        description = "Rapporternas disposition: [[disposition]], ett kapitel i taget i ordning. Utan den gäller standarddispositionen."
    )]
    #[serde(default)]
    pub disposition: Vec<RawChapter>,
    #[schemars(description = "Orden rapporterna skriver, med organisationens egna ord: [ord].")]
    #[serde(default)]
    pub ord: Option<RawWording>,
    #[schemars(
        description = "Projektets kvalitetsområden i rapportens ordning: [[kvalitetsomrade]]. Utan dem gäller Socialstyrelsens och SKR:s sex områden."
    )]
    #[serde(default)]
    pub kvalitetsomrade: Vec<RawArea>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett kvalitetsområde.")]
pub struct RawArea {
    #[schemars(
        description = "Kort id med a–z, 0–9 och _, t.ex. \"trygghet\". Distriktsfilerna skriver [kvalitetsomraden.<id>].",
        extend("pattern" = r"^\s*[a-z0-9_]+\s*$", "examples" = ["trygghet"])
    )]
    pub id: Text,
    #[schemars(description = "Områdets namn som rubrik, t.ex. \"Trygghet och säkerhet\".")]
    pub namn: Text,
    #[schemars(description = "Vad god kvalitet betyder i området, i en mening (valfritt).")]
    #[serde(default)]
    pub beskrivning: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    #[schemars(description = "Organisationens namn, t.ex. \"Stockholms stad\" eller \"Tyresö kommun\".")]
    pub namn: Text,
    #[schemars(
        description = "Sökväg till logotypen (SVG, PNG eller JPG) inuti projektet, t.ex. \"bilder/logotyp.svg\"."
    )]
    #[serde(default)]
    pub logotyp: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    #[schemars(
        description = "Accentfärg för rubriker och diagram, #rrggbb, t.ex. \"#1f4e79\".",
        extend("pattern" = r"^\s*#[0-9a-fA-F]{6}\s*$", "default" = "#1f4e79")
    )]
    #[serde(default)]
    pub accentfarg: Option<Text>,
    #[schemars(description = "Typsnitt för brödtext: en familj i mappen fonts/ eller \"Libertinus Serif\".")]
    #[serde(default)]
    pub brodtext: Option<Text>,
    #[schemars(description = "Typsnitt för rubriker: en familj i mappen fonts/ eller \"Libertinus Serif\".")]
    #[serde(default)]
    pub rubriker: Option<Text>,
}

/// The JSON Schema of `granska.toml`.
pub fn schema() -> serde_json::Value {
    schema_of::<RawConfig>()
}

/// The checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `granska.toml` as read, when the project has one: a source of what
    /// documents print (the personal-data guard looks there too).
    pub source: Option<Arc<SourceFile>>,
    pub organisation: Option<String>,
    /// The logo's path inside the project, with a leading slash (as Typst
    /// addresses project files).
    pub logo: Option<String>,
    /// The logo as a `data:` URI, for documents that must be one file (the
    /// web edition).
    pub logo_data: Option<String>,
    pub accent: String,
    pub body_font: String,
    pub heading_font: String,
    /// The quality areas, in report order.
    pub areas: Vec<Area>,
    /// The shape of the project's reports (a review may override it).
    pub shape: Shape,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: None,
            organisation: None,
            logo: None,
            logo_data: None,
            accent: DEFAULT_ACCENT.to_owned(),
            body_font: DEFAULT_FONT.to_owned(),
            heading_font: DEFAULT_FONT.to_owned(),
            areas: default_areas(),
            shape: Shape::default(),
        }
    }
}

const LOGO_EXTENSIONS: [&str; 4] = ["svg", "png", "jpg", "jpeg"];

impl Config {
    /// Loads `granska.toml` if the project has one. `families` lists the
    /// font families available, to check the chosen ones.
    pub fn load(project: &Project, families: &dyn Fn() -> Vec<String>, diags: &mut Diagnostics) -> Checked<Config> {
        let path = project.config();
        if !path.exists() {
            return Ok(Config::default());
        }
        let loaded: Loaded<RawConfig> = load::load(project, &path, &schema(), diags)?;
        let mark = diags.mark();
        let mut config = Config { source: Some(loaded.source.clone()), ..Config::default() };
        let source = &loaded.source;
        if let Some(org) = &loaded.raw.organisation {
            config.organisation = Some(org.namn.get_ref().trim().to_owned());
            if let Some(logo) = &org.logotyp {
                match check_logo(project, source, logo) {
                    Ok((path, data)) => {
                        config.logo = Some(path);
                        config.logo_data = Some(data);
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        if let Some(style) = &loaded.raw.stil {
            if let Some(colour) = &style.accentfarg {
                let value = colour.get_ref().trim();
                if is_hex_colour(value) {
                    config.accent = value.to_owned();
                } else {
                    diags.push(
                        Diagnostic::error(source, colour.span(), format!("`{value}` är ingen färg"))
                            .with_hint("skriv färgen som #rrggbb, t.ex. \"#1f4e79\""),
                    );
                }
            }
            for (font, slot) in [(&style.brodtext, &mut config.body_font), (&style.rubriker, &mut config.heading_font)]
            {
                let Some(font) = font else { continue };
                let family = font.get_ref().trim();
                let known = families();
                if known.iter().any(|k| k.eq_ignore_ascii_case(family)) {
                    *slot = family.to_owned();
                } else {
                    diags.push(
                        Diagnostic::error(source, font.span(), format!("typsnittet `{family}` finns inte"))
                            .with_hint("lägg typsnittsfilerna (.otf eller .ttf) i projektets mapp `fonts/`")
                            .with_hint(format!("tillgängliga typsnitt: {}", known.join(", "))),
                    );
                }
            }
        }
        let raw_shape = RawShape {
            settings: loaded.raw.rapport.as_ref(),
            outline: &loaded.raw.disposition,
            wording: loaded.raw.ord.as_ref(),
        };
        let mut problems = Vec::new();
        config.shape = crate::lint::shape(&Shape::default(), &raw_shape, source, &mut problems);
        let _ = diags.all(problems);
        if !loaded.raw.kvalitetsomrade.is_empty() {
            config.areas = areas(source, &loaded.raw.kvalitetsomrade, diags);
        }
        diags.since(mark)?;
        Ok(config)
    }
}

/// The project's own areas, checked: ids are unique ASCII keys, names are
/// given.
fn areas(source: &SourceFile, raw: &[RawArea], diags: &mut Diagnostics) -> Vec<Area> {
    let mut out: Vec<Area> = Vec::new();
    for area in raw {
        let id = area.id.get_ref().trim();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            diags.push(
                Diagnostic::error(source, area.id.span(), format!("ogiltigt id `{id}` för kvalitetsområdet"))
                    .with_hint("id skrivs med a–z, 0–9 och `_` (utan å, ä, ö och mellanslag), t.ex. `trygghet`"),
            );
        } else if let Some(twin) = out.iter().find(|a| a.id == id) {
            let d = Diagnostic::error(source, area.id.span(), format!("kvalitetsområdet `{id}` finns redan"))
                .with_hint(format!("varje område behöver ett eget id; det första heter ”{}”", twin.name));
            diags.push(d);
        }
        for (key, text) in [("namn", Some(&area.namn)), ("beskrivning", area.beskrivning.as_ref())] {
            let Some(text) = text else { continue };
            if text.get_ref().trim().is_empty() {
                diags.push(
                    Diagnostic::error(source, text.span(), format!("`kvalitetsomrade.{key}` är tom"))
                        .with_hint("skriv texten"),
                );
            }
        }
        out.push(Area {
            id: id.to_owned(),
            name: area.namn.get_ref().trim().to_owned(),
            description: area.beskrivning.as_ref().map(|d| d.get_ref().trim().to_owned()),
        });
    }
    out
}

impl Config {
    /// The area with `id`, or the closest id as a suggestion.
    pub fn area(&self, id: &str) -> Result<&Area, Option<&str>> {
        self.areas.iter().find(|a| a.id == id).ok_or_else(|| closest(id, self.areas.iter().map(|a| a.id.as_str())))
    }
}

/// The largest logo file granska embeds.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

/// The logo must be an image file inside the project, of reasonable size.
/// Returns its project path (for Typst) and its bytes as a `data:` URI.
fn check_logo(project: &Project, source: &SourceFile, logo: &Text) -> Result<(String, String), Diagnostic> {
    let written = logo.get_ref().trim();
    let error = |message: String| Diagnostic::error(source, logo.span(), message);
    let extension = Path::new(written).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !extension.as_deref().is_some_and(|e| LOGO_EXTENSIONS.contains(&e)) {
        return Err(error(format!("`{written}` är ingen bildfil"))
            .with_hint("logotypen ska vara en SVG-, PNG- eller JPG-fil inuti projektet"));
    }
    let path = project.root.join(written.trim_start_matches('/'));
    let canonical = path.canonicalize().map_err(|_| {
        error(format!("logotypen `{written}` finns inte"))
            .with_hint("ange sökvägen från projektmappen, t.ex. \"bilder/logotyp.svg\"")
    })?;
    if !canonical.starts_with(&project.root) {
        return Err(error(format!("logotypen `{written}` ligger utanför projektmappen"))
            .with_hint("kopiera in bilden i projektet, t.ex. i mappen `bilder/`"));
    }
    let size = std::fs::metadata(&canonical).map(|m| m.len()).unwrap_or(0);
    if !canonical.is_file() || size > MAX_LOGO_BYTES {
        return Err(error(format!("logotypen `{written}` är ingen bildfil på högst 2 MB"))
            .with_hint("spara logotypen som en mindre SVG-, PNG- eller JPG-fil"));
    }
    let bytes = std::fs::read(&canonical).map_err(|e| {
        let os = crate::diag::os_error(Path::new(written), "", &e);
        error(format!("logotypen `{written}` kunde inte läsas{}", os.message)).with_hint(os.hints.join("; "))
    })?;
    if let Err(problem) = crate::typeset::images::check(&bytes, extension.as_deref() == Some("svg")) {
        let mut d = error(format!("logotypen `{written}` {}", problem.message))
            .with_hint("spara logotypen på nytt som SVG, PNG eller JPG, t.ex. från organisationens grafiska profil");
        if let Some(detail) = problem.detail {
            d = d.with_hint(format!("bildläsarens meddelande: {detail}"));
        }
        return Err(d);
    }
    let mime = match extension.as_deref() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "image/jpeg",
    };
    let data = format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(&bytes));
    let relative = canonical.strip_prefix(&project.root).unwrap_or(&canonical);
    Ok((format!("/{}", relative.to_string_lossy().replace('\\', "/")), data))
}

fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with(config: &str, files: &[&str]) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("findings")).unwrap();
        std::fs::write(dir.path().join("granska.toml"), config).unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
        }
        let project = Project::discover(dir.path()).unwrap();
        (dir, project)
    }

    fn families() -> Vec<String> {
        vec!["Libertinus Serif".into(), "DejaVu Sans Mono".into()]
    }

    fn load(project: &Project) -> Result<Config, Vec<Diagnostic>> {
        let mut diags = Diagnostics::default();
        Config::load(project, &families, &mut diags).map_err(|_| diags.into_vec())
    }

    #[test]
    fn no_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("findings")).unwrap();
        let project = Project::discover(dir.path()).unwrap();
        assert_eq!(load(&project).unwrap(), Config::default());
        assert_eq!(Config::default().areas.len(), 6);
    }

    #[test]
    fn a_full_configuration_is_read() {
        let (_dir, project) = project_with(
            "[organisation]\nnamn = \"Tyresö kommun\"\nlogotyp = \"bilder/logga.svg\"\n\n[stil]\naccentfarg = \"#006633\"\nrubriker = \"DejaVu Sans Mono\"\n",
            &["bilder/logga.svg"],
        );
        let config = load(&project).unwrap();
        assert_eq!(config.organisation.as_deref(), Some("Tyresö kommun"));
        assert_eq!(config.logo.as_deref(), Some("/bilder/logga.svg"));
        assert_eq!(config.accent, "#006633");
        assert_eq!(config.heading_font, "DejaVu Sans Mono");
        assert_eq!(config.body_font, DEFAULT_FONT);
    }

    #[test]
    fn a_project_defines_its_own_quality_areas_in_order() {
        let (_dir, project) = project_with(
            "[[kvalitetsomrade]]\nid = \"trygghet\"\nnamn = \"Trygghet\"\nbeskrivning = \"Tryggt.\"\n\n[[kvalitetsomrade]]\nid = \"delaktighet\"\nnamn = \"Delaktighet\"\nbeskrivning = \"Delaktigt.\"\n",
            &[],
        );
        let config = load(&project).unwrap();
        let ids: Vec<&str> = config.areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["trygghet", "delaktighet"]);
        assert_eq!(config.area("delaktghet").unwrap_err(), Some("delaktighet"));
    }

    #[test]
    fn area_ids_are_unique_ascii_keys() {
        let (_dir, project) = project_with(
            "[[kvalitetsomrade]]\nid = \"Trygghet och säkerhet\"\nnamn = \"A\"\nbeskrivning = \"a\"\n\n[[kvalitetsomrade]]\nid = \"b\"\nnamn = \"B\"\nbeskrivning = \"b\"\n\n[[kvalitetsomrade]]\nid = \"b\"\nnamn = \"\"\nbeskrivning = \"b\"\n",
            &[],
        );
        let errors = load(&project).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ogiltigt id `Trygghet och säkerhet` för kvalitetsområdet",
                "kvalitetsområdet `b` finns redan",
                "`kvalitetsomrade.namn` är tom"
            ]
        );
    }

    #[test]
    fn a_logo_outside_the_project_is_refused() {
        let (_dir, project) = project_with("[organisation]\nnamn = \"X\"\nlogotyp = \"../../etc/passwd.png\"\n", &[]);
        let errors = load(&project).unwrap_err();
        assert!(errors[0].message.contains("finns inte") || errors[0].message.contains("utanför"), "{errors:?}");
        let (_dir, project) = project_with("[organisation]\nnamn = \"X\"\nlogotyp = \"../../etc/passwd\"\n", &[]);
        assert_eq!(load(&project).unwrap_err()[0].message, "`../../etc/passwd` är ingen bildfil");
    }

    #[test]
    fn bad_colours_and_unknown_fonts_are_located_errors() {
        let (_dir, project) = project_with("[stil]\naccentfarg = \"blå\"\nbrodtext = \"Comic Sans\"\n", &[]);
        let errors = load(&project).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message, "`blå` är ingen färg");
        assert_eq!(errors[1].message, "typsnittet `Comic Sans` finns inte");
        assert_eq!(errors[1].location.as_ref().unwrap().line, 3);
    }
}
