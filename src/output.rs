//! Writing results: predictable ASCII file names, and files that are either
//! complete or absent (written to a temporary file in the same folder, then
//! renamed over the old one).

use std::io::Write;
use std::path::Path;

/// `<diarienummer>-<distrikt>.pdf`: `/`, `.` and anything else outside
/// ASCII letters and digits become `-`, å/ä/ö become a/a/o.
pub fn report_file_name(diarienummer: &str, district: &str, extension: &str) -> String {
    format!("{}.{extension}", report_stem(diarienummer, district))
}

/// [`report_file_name`] without the extension.
pub fn report_stem(diarienummer: &str, district: &str) -> String {
    format!("{}-{}", slug(diarienummer), slug(district))
}

/// Lower-case ASCII with single dashes: "Skärholmen 2" → "skarholmen-2".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped != '-' || !out.ends_with('-') {
            out.push(mapped);
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() { "x".to_owned() } else { trimmed.to_owned() }
}

/// The prefix of [`write_atomic`]'s temporary files.
const TEMP_PREFIX: &str = ".granska-";

/// Removes temporary files a killed run left in `dir` (not recursive) that
/// are older than `min_age`, so that a run going on at the same time keeps
/// its own.
pub fn remove_stale_temp_files(dir: &Path, min_age: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= min_age));
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically: readers (and a crash) see either the
/// old file or the new one, never a half-written one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    // Readable like any other document (less the umask), not private to the
    // user as temporary files are by default.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_ascii_without_spaces() {
        assert_eq!(report_file_name("3.1-117/2011", "skarholmen", "pdf"), "3-1-117-2011-skarholmen.pdf");
        assert_eq!(report_file_name("SoN 2011/42", "Skärholmen", "pdf"), "son-2011-42-skarholmen.pdf");
        assert_eq!(slug("Hässelby–Vällingby"), "hasselby-vallingby");
        assert_eq!(slug("///"), "x");
    }

    #[test]
    fn stale_temp_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".granska-abc.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("rapport.pdf"), b"pdf").unwrap();
        remove_stale_temp_files(dir.path(), std::time::Duration::ZERO);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["rapport.pdf"]);
    }

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"first version, long").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(entries.len(), 1);
    }
}
