//! `granska watch`: build, then rebuild whenever a findings file, template,
//! font or the configuration is saved.
//!
//! The process stays alive between builds, so Typst's memoisation (comemo)
//! makes a rebuild after a small edit much faster than a cold build (each
//! document's source is reparsed as an edit of its previous version, so
//! the memoised layout of the unchanged rest still applies), and the
//! incremental state skips districts the change did not touch. Errors are
//! shown and the watch goes on.
//!
//! With `--visa`, the web edition is served on 127.0.0.1 ([`crate::preview`])
//! and open pages reload after each build, with its errors at their top.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::DebounceEventResult;
use notify_debouncer_full::notify::EventKind;

use super::build::{print_results, summary};
use super::{Exit, fail_to_open, open, print_diagnostics};
use crate::cli::WatchArgs;
use crate::diag::Diagnostics;
use crate::diag::{Diagnostic, Severity};
use crate::pipeline::{Options, Selection, Session};
use crate::preview::{Preview, StartError};
use crate::project::{CONFIG_FILE, DRAFTS_DIR, FINDINGS_DIR, FONTS_DIR, OUTPUT_DIR, TEMPLATES_DIR};

/// Memoised results unused for this many rebuilds are dropped.
const CACHE_AGE: usize = 10;

pub fn run(args: &WatchArgs) -> Exit {
    let (mut session, selection) = match open(&args.target.path) {
        Ok((session, selection)) => (session.keeping_sources(), selection),
        Err(problems) => return fail_to_open(&problems),
    };
    let options = Options {
        write: true,
        strict: args.target.strict,
        emit_typst: args.emit_typst,
        draft: args.draft.day(),
        ..Options::default()
    };
    let root = session.project.root.clone();

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let reason = super::watching::unreliable_events(&root);
    let poll = args.poll || reason.is_some();
    let mut watching = match super::watching::Watching::start(&root, poll, tx) {
        Ok(watching) => watching,
        Err(e) => return watch_error(&root, &e),
    };

    let preview = match args.show.then(|| start_preview(&root, options.draft.is_some(), args.port)) {
        None => None,
        Some(Ok(preview)) => Some(preview),
        Some(Err(exit)) => return exit,
    };
    let mut read = build(&session, &selection, &options, preview.as_ref());
    watching.follow(&root, &read);
    if let Some(preview) = &preview {
        say!("förhandsvisning: {} (öppna adressen i webbläsaren)", preview.url());
    }
    say!("bevakar {} (avsluta med Ctrl+C)", crate::diag::shown_path(&root));
    if let Some(reason) = reason {
        say!("projektet ligger i {reason}: granska tittar efter ändringar två gånger i sekunden");
    }
    while let Ok(events) = rx.recv() {
        let Ok(events) = events else { continue };
        // Reading a file (as every build does) is not a change.
        let changed: Vec<PathBuf> = events
            .into_iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.event.paths)
            .filter(|p| is_input(&root, p, &read))
            .collect();
        if changed.is_empty() {
            continue;
        }
        // Templates, fonts, configuration and the logo (checked, and
        // embedded in the web edition) are loaded once per session.
        let logo = session.config.logo.as_deref().map(|l| root.join(l.trim_start_matches('/')));
        if changed.iter().any(|p| reloads(&root, p) || logo.as_deref() == Some(p.as_path())) {
            let mut diags = Diagnostics::default();
            match Session::open(session.project.clone(), &mut diags) {
                Ok(fresh) => session = fresh.keeping_sources(),
                Err(_) => {
                    print_diagnostics(diags.iter());
                    say!("fel i mallarna eller granska.toml; väntar på nästa ändring");
                    if let Some(preview) = &preview {
                        preview.built(diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect());
                    }
                    continue;
                }
            }
        }
        read = build(&session, &selection, &options, preview.as_ref());
        watching.follow(&root, &read);
        comemo::evict(CACHE_AGE);
    }
    Exit::Ok
}

/// Serves the folder the watched documents are written to.
fn start_preview(root: &Path, draft: bool, port: Option<u16>) -> Result<Preview, Exit> {
    let dir = root.join(if draft { DRAFTS_DIR } else { OUTPUT_DIR });
    // The build makes it too; the preview needs it to exist to serve it.
    let _ = std::fs::create_dir_all(&dir);
    Preview::start(&dir, port.unwrap_or(0)).map_err(|e| {
        let d = match e {
            StartError::PortInUse(port) => {
                Diagnostic::file(Severity::Error, root, format!("porten {port} används redan av ett annat program"))
                    .with_hint("välj en annan port med `--port`, eller utelämna `--port` så väljs en ledig")
            }
            StartError::Other(why) => {
                Diagnostic::file(Severity::Error, root, format!("förhandsvisningen kunde inte starta: {why}"))
                    .with_hint("kör `granska watch` utan `--visa` och öppna filerna i output/ själv")
            }
        };
        print_diagnostics([&d]);
        Exit::Failed
    })
}

/// One build, with a status line that says how long it took; the preview,
/// if any, learns of it (and its errors, as the terminal shows them) first.
/// Returns the project files the documents read besides findings,
/// templates and fonts.
fn build(session: &Session, selection: &Selection, options: &Options, preview: Option<&Preview>) -> BTreeSet<PathBuf> {
    let started = Instant::now();
    let report = session.build(selection, options, &());
    let took = duration(started.elapsed());
    if let Some(preview) = preview {
        let mut said = std::collections::HashSet::new();
        let errors = report.diagnostics().filter(|d| d.is_error()).map(ToString::to_string);
        preview.built(errors.filter(|e| said.insert(e.clone())).collect());
    }
    print_results(&report);
    let (ok, line) = summary(&report);
    if ok {
        say!("{line} ({took})");
    } else {
        say!("{line} ({took}); väntar på nästa ändring");
    }
    report.documents.iter().flat_map(|d| &d.read).map(PathBuf::from).collect()
}

/// A build's duration the Swedish way: "38 ms", "2,4 s".
fn duration(took: Duration) -> String {
    if took < Duration::from_secs(1) {
        format!("{} ms", took.as_millis())
    } else {
        format!("{:.1} s", took.as_secs_f64()).replace('.', ",")
    }
}

/// Whether a changed path can affect a report: a findings file, template,
/// font, the configuration, or a file a document read (a logo). Our own
/// output, editor backups and anything else (a log file, say) are not.
fn is_input(root: &Path, path: &Path, read: &BTreeSet<PathBuf>) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let backup = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp");
    let known = [FINDINGS_DIR, TEMPLATES_DIR, FONTS_DIR].iter().any(|dir| relative.starts_with(dir))
        || relative == Path::new(CONFIG_FILE)
        || read.contains(relative);
    known && !backup
}

/// Whether a change needs templates, fonts or configuration reloaded.
fn reloads(root: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.starts_with(TEMPLATES_DIR) || relative.starts_with(FONTS_DIR) || relative == Path::new(CONFIG_FILE)
}

fn watch_error(root: &Path, err: &dyn std::fmt::Display) -> Exit {
    let d = Diagnostic::file(Severity::Error, root, format!("mappen kan inte bevakas: {err}"))
        .with_hint("kör `granska build` efter varje ändring i stället");
    print_diagnostics([&d]);
    Exit::Failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_project_inputs_trigger_a_rebuild() {
        let root = Path::new("/p");
        let read = BTreeSet::from([PathBuf::from("bilder/logga.png")]);
        let input = |p: &str| is_input(root, Path::new(p), &read);
        assert!(input("/p/findings/g/bromma.toml"));
        assert!(input("/p/templates/rapport.typ.tera"));
        assert!(input("/p/granska.toml"));
        assert!(input("/p/bilder/logga.png"));
        assert!(!input("/p/bilder/annan.png"));
        assert!(!input("/p/output/g/x.pdf"));
        assert!(!input("/p/watch.log"));
        assert!(!input("/p/.git/index"));
        assert!(!input("/p/findings/g/.bromma.toml.swp"));
        assert!(!input("/p/findings/g/bromma.toml~"));
        assert!(!input("/elsewhere/x.toml"));
    }

    #[test]
    fn durations_read_the_swedish_way() {
        assert_eq!(duration(Duration::from_micros(38_400)), "38 ms");
        assert_eq!(duration(Duration::from_millis(2_449)), "2,4 s");
    }

    #[test]
    fn templates_fonts_and_config_reload_the_pipeline() {
        let root = Path::new("/p");
        assert!(reloads(root, Path::new("/p/templates/stil.typ.tera")));
        assert!(reloads(root, Path::new("/p/fonts/a.otf")));
        assert!(reloads(root, Path::new("/p/granska.toml")));
        assert!(!reloads(root, Path::new("/p/findings/g/bromma.toml")));
    }
}
