//! Fonts: Typst's embedded fonts (Libertinus Serif, New Computer Modern,
//! DejaVu Sans Mono) plus any font files in the project's `fonts/` folder.
//! Loaded once per process and shared by every compilation.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;
use walkdir::WalkDir;

/// Every font granska may use.
pub struct Fonts {
    store: FontStore,
}

/// The largest font file read (Noto CJK, the largest common one, is 20 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

impl Fonts {
    /// The embedded fonts and those under `project_fonts` (if it exists).
    pub fn load(project_fonts: Option<&Path>) -> Fonts {
        let mut store = FontStore::new();
        // Project fonts first: a family present in both comes from the project.
        if let Some(dir) = project_fonts.filter(|d| d.is_dir()) {
            for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
                let path = entry.path();
                let is_font = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"));
                // Only regular files of a font's size: a named pipe or a link
                // to a device would never end.
                let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_FONT_BYTES);
                if !is_font || !regular {
                    continue;
                }
                if let Ok(data) = std::fs::read(path) {
                    store.extend(Font::iter(Bytes::new(data)).map(|font| {
                        let info = font.info().clone();
                        (font, info)
                    }));
                }
            }
        }
        store.extend(typst_kit::fonts::embedded());
        Fonts { store }
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// The font families available, sorted.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = self.store.book().families().map(|(name, _)| name.to_owned()).collect();
        families.sort();
        families
    }

    /// Whether one font can show every character of `cluster`.
    pub fn covers(&self, cluster: &str) -> bool {
        let book = self.store.book();
        (0..).map_while(|i| book.info(i)).any(|info| cluster.chars().all(|c| info.coverage.contains(c as u32)))
    }
}
