//! A last guard against a document that needs more memory than any real
//! report could: Typst has no memory limit of its own, and code in a
//! project's template (`#range(1000000000)`, say) would otherwise grow until
//! the system kills the process. The input limits (`load::limits`) keep
//! every report granska accepts far below [`LIMIT`]; this only stops what
//! they cannot foresee, with a Swedish error instead of an abort. Written
//! files are never half-written (they are renamed into place), so stopping
//! loses nothing. The resident memory is read with `memory-stats` (Linux,
//! macOS and Windows).

use std::time::Duration;

/// Resident memory at which the process stops.
pub const LIMIT: u64 = 2 * 1024 * 1024 * 1024;
/// How often memory is looked at.
const EVERY: Duration = Duration::from_millis(50);

/// Starts the watcher thread (for the life of the process).
pub fn watch() {
    if resident().is_none() {
        return;
    }
    let limit = test_limit().map_or(LIMIT, |test| test.min(LIMIT));
    let _ = std::thread::Builder::new().name("minnesvakt".into()).spawn(move || {
        loop {
            std::thread::sleep(EVERY);
            if resident().is_some_and(|bytes| bytes > limit) {
                eprintln!(
                    "granska: fel: bygget använde mer än {} MiB minne och avbröts\n  = tips: det beror nästan alltid på en egen mall i templates/ som skapar mycket stora listor eller sidor; prova utan den\n  = tips: inga filer skrevs till hälften; de som redan var klara finns kvar",
                    limit / (1024 * 1024)
                );
                std::process::exit(1);
            }
        }
    });
}

/// A lower limit for the test that proves the guard works:
/// `GRANSKA_TEST_MINNE_MB`. It can only lower the limit, never raise it.
fn test_limit() -> Option<u64> {
    std::env::var("GRANSKA_TEST_MINNE_MB").ok()?.parse::<u64>().ok().map(|mb| mb * 1024 * 1024)
}

/// The process's resident memory in bytes.
pub fn resident() -> Option<u64> {
    memory_stats::memory_stats().and_then(|stats| u64::try_from(stats.physical_mem).ok())
}

#[cfg(test)]
mod tests {
    #[test]
    fn resident_memory_is_read() {
        let bytes = super::resident().expect("memory-stats knows this platform");
        assert!(bytes > 1024 * 1024 && bytes < super::LIMIT, "{bytes}");
    }
}
