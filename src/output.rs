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
    // Fault injection for the test that proves the rename is what makes a
    // file appear: the process dies here, written but not renamed, when
    // `GRANSKA_TEST_KRASCH` names the file (it does nothing otherwise).
    if std::env::var_os("GRANSKA_TEST_KRASCH").is_some_and(|name| path.file_name() == Some(name.as_os_str())) {
        std::process::abort();
    }
    retry_while_locked(temp, |temp| temp.persist(path).map(drop).map_err(|e| (e.error, e.file)), &RENAME_WAITS)
}

/// How long to wait before each new try of a rename another program
/// blocks (on Windows, a PDF viewer holds its open file): two seconds in all.
const RENAME_WAITS: [std::time::Duration; 8] = [std::time::Duration::from_millis(250); 8];

/// Runs `attempt` until it succeeds, fails for another reason than a lock,
/// or `waits` run out; a lock that stays is then said as such
/// ([`std::io::ErrorKind::ResourceBusy`], "used by another program").
fn retry_while_locked<T>(
    mut value: T,
    mut attempt: impl FnMut(T) -> Result<(), (std::io::Error, T)>,
    waits: &[std::time::Duration],
) -> std::io::Result<()> {
    let mut waits = waits.iter();
    loop {
        match attempt(value) {
            Ok(()) => return Ok(()),
            Err((err, back)) if is_locked(&err) => match waits.next() {
                Some(wait) => {
                    std::thread::sleep(*wait);
                    value = back;
                }
                None => return Err(std::io::Error::new(std::io::ErrorKind::ResourceBusy, err)),
            },
            Err((err, _)) => return Err(err),
        }
    }
}

/// Whether an error means that another program has the file open.
fn is_locked(err: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION; a file open in a
    // viewer can also be refused as ERROR_ACCESS_DENIED.
    let windows = cfg!(windows)
        && (matches!(err.raw_os_error(), Some(32 | 33)) || err.kind() == std::io::ErrorKind::PermissionDenied);
    windows || err.kind() == std::io::ErrorKind::ResourceBusy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_blocked_for_a_while_is_tried_again() {
        let busy = || std::io::Error::new(std::io::ErrorKind::ResourceBusy, "locked");
        let waits = [std::time::Duration::ZERO; 3];
        let mut tries = 0;
        let result = retry_while_locked(
            (),
            |()| {
                tries += 1;
                if tries < 3 { Err((busy(), ())) } else { Ok(()) }
            },
            &waits,
        );
        assert!(result.is_ok());
        assert_eq!(tries, 3);
    }

    #[test]
    fn a_rename_blocked_for_good_says_another_program_has_the_file() {
        let waits = [std::time::Duration::ZERO; 3];
        let mut tries = 0;
        let err = retry_while_locked(
            (),
            |()| {
                tries += 1;
                Err((std::io::Error::new(std::io::ErrorKind::ResourceBusy, "locked"), ()))
            },
            &waits,
        )
        .unwrap_err();
        assert_eq!(tries, 4, "one try and one per wait");
        assert_eq!(err.kind(), std::io::ErrorKind::ResourceBusy);
        let said = crate::diag::os_error(Path::new("output/g/r.pdf"), "filen kunde inte skrivas", &err).to_string();
        assert!(said.contains("den används av ett annat program"), "{said}");
        assert!(said.contains("stäng filen i PDF-läsaren"), "{said}");
        // Any other failure is said at once.
        let mut tries = 0;
        let err = retry_while_locked(
            (),
            |()| {
                tries += 1;
                Err((std::io::Error::new(std::io::ErrorKind::StorageFull, "full"), ()))
            },
            &waits,
        )
        .unwrap_err();
        assert_eq!((tries, err.kind()), (1, std::io::ErrorKind::StorageFull));
    }

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
