//! `granska new`, `granska new-granskning` and `granska new-arsrapport`:
//! write commented starting files. Never overwrites anything.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Exit, print_diagnostics};
use crate::cli::{NewAnnualArgs, NewDistrictArgs, NewReviewArgs};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::raw::RawReview;
use crate::model::shape::Rates;
use crate::model::vocab::default_areas;
use crate::model::{Area, Date};
use crate::output::slug;
use crate::project::{FINDINGS_DIR, Project, REVIEW_FILE};
use crate::scaffold;
use crate::schema::Schemas;

pub fn run_review(args: &NewReviewArgs) -> Exit {
    let (root, areas) = match Project::discover(Path::new(".")) {
        Ok(project) => match super::config(&project) {
            Ok(config) => (project.root, config.areas),
            Err(problems) => return fail(problems),
        },
        // A first review in an empty folder starts a project here.
        Err(_) => (PathBuf::from("."), default_areas()),
    };
    let Some(folder) = file_name(&args.name) else { return fail(vec![nameless(&args.name)]) };
    let dir = root.join(FINDINGS_DIR).join(folder);
    let date = Date::today();
    let title = "TODO: rapportens titel, t.ex. Granskning av ekonomiskt bistånd";
    let text = with_schema("granskning", scaffold::review(title, date, &areas));
    finish(create(&dir.join(REVIEW_FILE), &root, &text), &root)
}

pub fn run_annual(args: &NewAnnualArgs) -> Exit {
    let project = match Project::discover(Path::new(".")) {
        Ok(project) => project,
        Err(d) => {
            print_diagnostics([&d]);
            return Exit::Failed;
        }
    };
    let path = project.annual(args.year);
    // The annual file is in findings/ itself, one level above a review's.
    let text = format!(
        "#:schema ../{}/arsrapport.schema.json\n{}",
        crate::schema::DIR,
        scaffold::annual(args.year, Date::today())
    );
    finish(create(&path, &project.root, &text), &project.root)
}

/// A name as a file or folder name (`Södermalm` → `sodermalm`), if it
/// has a letter or digit to make one of.
fn file_name(name: &str) -> Option<String> {
    // The slug of a name without letters or digits is a stand-in ("x").
    if !name.chars().any(char::is_alphanumeric) {
        return None;
    }
    let slug = slug(name);
    let slug = slug.trim_matches('-');
    (!slug.is_empty()).then(|| slug.to_owned())
}

fn nameless(name: &str) -> Diagnostic {
    Diagnostic::file(
        Severity::Error,
        Path::new(FINDINGS_DIR),
        format!("namnet `{}` behöver minst en bokstav eller siffra", name.escape_default()),
    )
    .with_hint("filnamnet görs av namnet, t.ex. `Södermalm` → `sodermalm.toml`")
}

fn fail(problems: Vec<Diagnostic>) -> Exit {
    print_diagnostics(&problems);
    Exit::Failed
}

pub fn run_district(args: &NewDistrictArgs) -> Exit {
    let project = match Project::discover(Path::new(".")) {
        Ok(project) => project,
        Err(d) => {
            print_diagnostics([&d]);
            return Exit::Failed;
        }
    };
    // The review is named by its folder in findings/: one plain folder
    // name, so nothing is ever written outside (a path like
    // `../../elsewhere` is refused). `findings/x/` is accepted as `x`.
    let review = args.review.trim().trim_start_matches("findings/").trim_end_matches(['/', '\\']);
    let plain = !review.is_empty() && !review.starts_with('.') && !review.contains(['/', '\\', ':']);
    if !plain {
        let d = Diagnostic::file(
            Severity::Error,
            Path::new(&args.review),
            "granskningen ska anges med sin mapps namn i `findings/`",
        )
        .with_hint("t.ex. `granska new 2011-ekonomiskt-bistand Bromma`; mappen måste ligga i projektets `findings/`");
        print_diagnostics([&d]);
        return Exit::Failed;
    }
    let dir = project.findings().join(review);
    let review_file = dir.join(REVIEW_FILE);
    if !review_file.is_file() {
        let d = Diagnostic::file(Severity::Error, project.shown(&dir), "granskningen finns inte").with_hint(format!(
            "skapa den först med `granska new-granskning {review}`, eller ange en befintlig mapp i `findings/`"
        ));
        print_diagnostics([&d]);
        return Exit::Failed;
    }
    // The review's questions get one result row each; a review file with
    // errors just gives a district file without them.
    let (areas, rates): (Vec<Area>, Rates) = match super::config(&project) {
        Ok(config) => (config.areas, config.shape.rates),
        Err(problems) => return fail(problems),
    };
    let schema = Schemas::new(&areas).review;
    let review = load::load::<RawReview>(&project, &review_file, &schema, &mut Diagnostics::default()).ok();
    let questions: Vec<String> = review
        .as_ref()
        .map(|r| r.raw.granskningsfraga.iter().map(|q| q.id.get_ref().clone()).collect())
        .unwrap_or_default();
    // The review may rate otherwise than the project.
    let rates = review
        .as_ref()
        .and_then(|r| r.raw.rapport.as_ref()?.kvalitetsnivaer.as_ref().map(|k| *k.get_ref()))
        .unwrap_or(rates);
    let Some(stem) = file_name(&args.district) else { return fail(vec![nameless(&args.district)]) };
    let path = dir.join(format!("{stem}.toml"));
    let text = with_schema("distrikt", scaffold::district(&args.district, &questions, &areas, rates));
    finish(create(&path, &project.root, &text), &project.root)
}

/// Points editors to the project's JSON Schema (taplo / Even Better TOML);
/// [`finish`] writes it.
fn with_schema(kind: &str, text: String) -> String {
    format!("#:schema ../../{}/{kind}.schema.json\n{text}", crate::schema::DIR)
}

/// Creates `path` with `text`, refusing to replace an existing file.
fn create(path: &Path, root: &Path, text: &str) -> Result<PathBuf, Diagnostic> {
    crate::project::Project { root: root.to_owned() }.check_write(path)?;
    let shown = path.strip_prefix(root).unwrap_or(path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::diag::os_error(dir, "mappen kunde inte skapas", &e))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::file(Severity::Error, shown, "filen finns redan och skrivs inte över")
                .with_hint("välj ett annat namn, eller ta bort filen själv om du verkligen vill börja om")
        } else {
            crate::diag::os_error(shown, "filen kunde inte skapas", &e)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| crate::diag::os_error(shown, "filen kunde inte skrivas", &e))?;
    Ok(path.to_owned())
}

fn finish(result: Result<PathBuf, Diagnostic>, root: &Path) -> Exit {
    match result {
        Ok(path) => {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            say!("skapade {}", shown.display());
            // The editor reads the project's schemas from schema/; the new
            // file may add questions to them.
            let schemas = super::schema::refresh(root);
            say!("fyll i alla TODO och kör `granska check`");
            schemas
        }
        Err(d) => {
            print_diagnostics([&d]);
            Exit::Failed
        }
    }
}
