//! The Typst `World` a report compiles in.
//!
//! - The main file is the generated Typst source, held in memory.
//! - Other files (a logo, say) are served only from inside the project root,
//!   checked after resolving symbolic links.
//! - Packages (`@preview/…`) are never available: no network, no cache.
//! - "Today" is the review's publication date, so output never depends on
//!   the wall clock.
//!
//! The standard library and the fonts live in an [`Environment`] that is
//! built once and shared by every compilation (and every thread).

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use super::fonts::Fonts;
use crate::model::Date;

/// What every compilation shares: library, fonts, project root.
pub struct Environment {
    library: LazyHash<Library>,
    pub fonts: Fonts,
    /// Canonical project root; the only place files are read from.
    root: PathBuf,
}

impl Environment {
    pub fn new(root: &Path, fonts: Fonts) -> Environment {
        // `a11y-extras` gives templates `pdf.header-cell`, to tag a table's
        // row labels as row headers.
        let library = Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build();
        Environment { library: LazyHash::new(library), fonts, root: root.to_owned() }
    }
}

/// The virtual path of the generated main source.
pub const MAIN_PATH: &str = "/rapport.typ";

/// The id of the generated main source (interned once; ids are never freed).
pub fn main_id() -> FileId {
    static ID: LazyLock<FileId> = LazyLock::new(|| {
        RootedPath::new(VirtualRoot::Project, VirtualPath::new(MAIN_PATH).expect("valid virtual path")).intern()
    });
    *ID
}

/// One document's world.
pub struct ReportWorld<'e> {
    env: &'e Environment,
    main: Source,
    today: Datetime,
    /// Project files read while compiling (for watching).
    accessed: Mutex<Vec<PathBuf>>,
}

impl<'e> ReportWorld<'e> {
    /// `main` must have the id [`main_id`].
    pub fn new(env: &'e Environment, main: Source, today: Date) -> Self {
        debug_assert_eq!(main.id(), main_id());
        let today = Datetime::from_ymd(today.year(), today.month(), today.day()).expect("a checked date");
        ReportWorld { env, main, today, accessed: Mutex::new(Vec::new()) }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// Project files the compilation read.
    pub fn accessed(&self) -> Vec<PathBuf> {
        self.accessed.lock().map(|a| a.clone()).unwrap_or_default()
    }

    fn read(&self, id: FileId) -> FileResult<Vec<u8>> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::NotFound(spec.clone())));
        }
        // Messages name the path as the project sees it, never the real one.
        let shown = std::path::PathBuf::from(id.vpath().get_with_slash());
        let path = id.vpath().realize(&self.env.root).map_err(|_| FileError::AccessDenied)?;
        let canonical = path.canonicalize().map_err(|e| FileError::from_io(e, &shown))?;
        if !canonical.starts_with(&self.env.root) {
            return Err(FileError::AccessDenied);
        }
        if canonical.is_dir() {
            return Err(FileError::IsDirectory);
        }
        let data = std::fs::read(&canonical).map_err(|e| FileError::from_io(e, &shown))?;
        if let Ok(mut accessed) = self.accessed.lock() {
            accessed.push(canonical);
        }
        Ok(data)
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.env.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.env.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let text = String::from_utf8(self.read(id)?).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.read(id).map(Bytes::new)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.env.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
