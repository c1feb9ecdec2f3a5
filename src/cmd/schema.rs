//! `granska schema`: the project's JSON Schemas of the file kinds, for
//! editor completion and checking (Even Better TOML / taplo with
//! `#:schema`): printed one at a time, or all written to `schema/`.

use std::path::Path;

use super::{Exit, print_diagnostics};
use crate::cli::{SchemaArgs, SchemaKind};
use crate::diag::{Diagnostic, Severity};
use crate::model::vocab::default_areas;
use crate::output;
use crate::project::Project;
use crate::schema::{self, Schemas};

/// The schemas of the project around `start`; outside a project, those of
/// a project with the default quality areas.
pub fn project_schemas(start: &Path) -> Result<(Option<Project>, Schemas), Vec<Diagnostic>> {
    let Ok(project) = Project::discover(start) else {
        return Ok((None, Schemas::new(&default_areas())));
    };
    let config = super::config(&project)?;
    let (questions, _) = schema::questions(&project, &config.areas);
    let chapters = schema::chapters(&project, &config);
    let schemas = Schemas::for_project(&config.areas, &questions, &chapters);
    Ok((Some(project), schemas))
}

pub fn run(args: &SchemaArgs) -> Exit {
    let (project, schemas) = match project_schemas(Path::new(".")) {
        Ok(found) => found,
        Err(problems) => return super::fail_to_open(&problems),
    };
    let files = schemas.files();
    let Some(kind) = args.kind else {
        let Some(project) = project else {
            let d = Diagnostic::file(Severity::Error, Path::new("."), "här finns inget projekt att skriva scheman för")
                .with_hint("gå till projektmappen (den med `findings/` eller `granska.toml`) och kör kommandot där");
            print_diagnostics([&d]);
            return Exit::Failed;
        };
        return match write(&project, &files) {
            Ok(0) => {
                say!("schemana i {}/ är redan aktuella", schema::DIR);
                Exit::Ok
            }
            Ok(_) => Exit::Ok,
            Err(exit) => exit,
        };
    };
    let index = match kind {
        SchemaKind::Granskning => 0,
        SchemaKind::Distrikt => 1,
        SchemaKind::Projekt => 2,
        SchemaKind::Arsrapport => 3,
    };
    super::say_text(&files[index].1);
    Exit::Ok
}

/// Brings `schema/` of the project at `root` up to date.
pub fn refresh(root: &Path) -> Exit {
    match project_schemas(root) {
        Ok((Some(project), schemas)) => write(&project, &schemas.files()).err().unwrap_or(Exit::Ok),
        Ok((None, _)) => Exit::Ok,
        Err(problems) => super::fail_to_open(&problems),
    }
}

/// Writes the schemas that changed into `schema/`, atomically; how many.
fn write(project: &Project, files: &[(&str, String)]) -> Result<usize, Exit> {
    let dir = project.root.join(schema::DIR);
    let mut changed = 0;
    for (name, text) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Err(d) = project.check_write(&path) {
            print_diagnostics([&d]);
            return Err(Exit::Failed);
        }
        let created = std::fs::create_dir_all(&dir);
        if let Err(e) = created.and_then(|()| output::write_atomic(&path, text.as_bytes())) {
            let d = crate::diag::os_error(&project.shown(&path), "filen kunde inte skrivas", &e);
            print_diagnostics([&d]);
            return Err(Exit::Failed);
        }
        say!("skrev {}", project.shown(&path).display());
        changed += 1;
    }
    Ok(changed)
}
