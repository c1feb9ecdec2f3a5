//! How `granska watch` hears about saves: the system's file events, or,
//! where those are unreliable (network shares, OneDrive and other synced
//! folders, WSL's Windows drives), a look at the files twice a second.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::project::{FINDINGS_DIR, FONTS_DIR, TEMPLATES_DIR};
use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt};

/// Saves arriving within this window are handled as one change.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How often polling looks at the files.
const POLL: Duration = Duration::from_millis(500);

/// A running watcher; dropping it stops it.
#[expect(dead_code, reason = "held only to keep the watcher running")]
pub enum Watching {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
}

impl Watching {
    /// Watches `root` recursively, sending debounced events to `tx`. Polling
    /// looks only at the inputs (the project folder's own files, findings,
    /// templates and fonts), and at their contents: a file system may keep
    /// modification times in whole seconds, and `output/` is no input.
    pub fn start(root: &Path, poll: bool, tx: Sender<DebounceEventResult>) -> notify::Result<Watching> {
        if poll {
            let config = notify::Config::default().with_poll_interval(POLL).with_compare_contents(true);
            let mut debouncer = new_debouncer_opt::<_, PollWatcher, _>(DEBOUNCE, None, tx, NoCache, config)?;
            debouncer.watch(root, RecursiveMode::NonRecursive)?;
            for dir in [FINDINGS_DIR, TEMPLATES_DIR, FONTS_DIR].map(|d| root.join(d)).iter().filter(|d| d.is_dir()) {
                debouncer.watch(dir, RecursiveMode::Recursive)?;
            }
            Ok(Watching::Polling(debouncer))
        } else {
            let cache = RecommendedCache::new();
            let config = notify::Config::default();
            let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(DEBOUNCE, None, tx, cache, config)?;
            debouncer.watch(root, RecursiveMode::Recursive)?;
            Ok(Watching::Native(debouncer))
        }
    }

    /// Also polls the project files a build read besides findings,
    /// templates and fonts (`read`, relative to `root`: a logo, say); the
    /// native watcher sees them anyway under the project folder.
    pub fn follow(&mut self, root: &Path, read: &BTreeSet<PathBuf>) {
        if let Watching::Polling(debouncer) = self {
            for file in read {
                let _ = debouncer.watch(root.join(file), RecursiveMode::NonRecursive);
            }
        }
    }
}

/// Why the files under `root` should be polled, if they should: a folder
/// whose changes the system may not report.
pub fn unreliable_events(root: &Path) -> Option<&'static str> {
    unreliable(&crate::diag::shown_path(root), file_system_type(root).as_deref())
}

/// The decision on plain values: the path as shown, and the type of the
/// file system it is on (Linux), when known.
fn unreliable(path: &str, fs_type: Option<&str>) -> Option<&'static str> {
    const NETWORK: [&str; 12] =
        ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "drvfs", "vboxsf", "fuse.sshfs", "fuse.rclone", "davfs", "afs"];
    const SYNCED: [&str; 5] = ["OneDrive", "Dropbox", "Google Drive", "iCloud Drive", "Box"];
    if path.starts_with(r"\\") {
        return Some("en nätverksmapp");
    }
    if fs_type.is_some_and(|t| NETWORK.contains(&t)) {
        return Some("en nätverksmapp");
    }
    let synced = path.split(['/', '\\']).any(|part| {
        SYNCED
            .iter()
            .any(|name| part == *name || part.strip_prefix(name).is_some_and(|rest| rest.starts_with([' ', '-'])))
    });
    synced.then_some("en synkroniserad mapp (som OneDrive)")
}

/// The type of the file system `path` is on, from `/proc/self/mounts`
/// (Linux; elsewhere unknown).
fn file_system_type(path: &Path) -> Option<String> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    mount_type(&mounts, &path.to_string_lossy())
}

/// The type of the longest mount point that contains `path`.
fn mount_type(mounts: &str, path: &str) -> Option<String> {
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (point, kind) = (fields.nth(1)?, fields.next()?);
            // Spaces in mount points are written as \040.
            let point = point.replace("\\040", " ");
            let inside = path == point || point == "/" || path.starts_with(&format!("{point}/"));
            inside.then_some((point.len(), kind.to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_and_synced_folders_are_polled() {
        assert!(unreliable(r"\\server\delad\granska", None).is_some());
        assert!(unreliable(r"C:\Users\anna\OneDrive - Stockholms stad\granska", None).is_some());
        assert!(unreliable(r"C:\Users\anna\OneDrive\granska", None).is_some());
        assert!(unreliable("/home/anna/Dropbox/granska", None).is_some());
        assert!(unreliable("/mnt/projekt/granska", Some("cifs")).is_some());
        assert!(unreliable("/mnt/c/Users/anna/granska", Some("9p")).is_some());
        assert_eq!(unreliable(r"C:\Users\anna\granska", None), None);
        assert_eq!(unreliable("/home/anna/granska", Some("ext4")), None);
        assert_eq!(unreliable("/home/anna/OneDriveAnteckningar/granska", Some("ext4")), None);
    }

    #[test]
    fn the_file_system_is_the_longest_mount_point_above_the_path() {
        let mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/delad /mnt/delad nfs4 rw 0 0\n\
                      //srv/a\\040b /mnt/a\\040b cifs rw 0 0\n";
        assert_eq!(mount_type(mounts, "/mnt/delad/granska").as_deref(), Some("nfs4"));
        assert_eq!(mount_type(mounts, "/mnt/a b/granska").as_deref(), Some("cifs"));
        assert_eq!(mount_type(mounts, "/mnt/delad2/granska").as_deref(), Some("ext4"));
        assert_eq!(mount_type(mounts, "/home/anna").as_deref(), Some("ext4"));
    }
}
