//! What a preview request asks for, and whether it may have it.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::Method;

use super::CHANGE_PATH;

/// The answer to a request, before it is read from disk.
#[derive(Debug, PartialEq)]
pub enum Route {
    /// Which build is the newest.
    Change,
    /// A file inside the served folder (canonical path).
    File(PathBuf),
    /// Nothing there (yet), or a folder: no listings.
    Missing,
    /// Refused, with a status and a sentence for the browser.
    Refused(u16, &'static str),
}

/// Routes a request for `url` to a file inside `dir` (canonical).
pub fn route(method: &Method, host: Option<&str>, url: &str, port: u16, dir: &Path) -> Route {
    if !matches!(method, Method::Get | Method::Head) {
        return Route::Refused(405, "Förhandsvisningen kan bara visas, inte ändras.");
    }
    // A page elsewhere may point a look-alike name at 127.0.0.1; only a
    // browser that asked for this very address is answered.
    let local = host.is_some_and(|host| {
        let host = host.to_ascii_lowercase();
        host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
    });
    if !local {
        return Route::Refused(403, "Förhandsvisningen svarar bara på sin egen adress på den här datorn.");
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if path == CHANGE_PATH {
        return Route::Change;
    }
    let Ok(path) = percent_decode_str(path).decode_utf8() else {
        return Route::Refused(400, "Adressen går inte att läsa.");
    };
    let mut file = dir.to_owned();
    let mut segments = 0;
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        // No way up or out, and no hidden files (the build's own state).
        if segment.starts_with('.') || segment.contains(['\\', ':', '\0']) {
            return Route::Refused(403, "Förhandsvisningen visar bara rapporterna i sin egen mapp.");
        }
        file.push(segment);
        segments += 1;
    }
    if segments == 0 {
        file.push("index.html");
    }
    // A link inside the folder may not lead out of it either.
    match file.canonicalize() {
        Ok(real) if !real.starts_with(dir) => {
            Route::Refused(403, "Förhandsvisningen visar bara rapporterna i sin egen mapp.")
        }
        Ok(real) if real.is_file() => Route::File(real),
        _ => Route::Missing,
    }
}

/// The media type of a file the web edition links to.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "css" => "text/css; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: u16 = 4711;
    const HOST: Option<&str> = Some("127.0.0.1:4711");

    fn served() -> (tempfile::TempDir, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("output");
        std::fs::create_dir_all(dir.join("granskning")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>index</p>").unwrap();
        std::fs::write(dir.join("granskning/rapport.html"), "<p>rapport</p>").unwrap();
        std::fs::write(dir.join("granskning/.state.json"), "{}").unwrap();
        std::fs::write(temp.path().join("hemlig.txt"), "nej").unwrap();
        let dir = dir.canonicalize().unwrap();
        (temp, dir)
    }

    #[test]
    fn pages_inside_the_folder_are_served() {
        let (_temp, dir) = served();
        let get = |url: &str| route(&Method::Get, HOST, url, PORT, &dir);
        assert_eq!(get("/"), Route::File(dir.join("index.html")));
        assert_eq!(get("/granskning/rapport.html?x=1"), Route::File(dir.join("granskning/rapport.html")));
        assert_eq!(get("/granskning/rapp%6Frt.html"), Route::File(dir.join("granskning/rapport.html")));
        assert_eq!(get(CHANGE_PATH), Route::Change);
        assert_eq!(route(&Method::Head, Some("localhost:4711"), "/", PORT, &dir), Route::File(dir.join("index.html")));
        // A folder is not listed; a page not (yet) made is missing.
        assert_eq!(get("/granskning/"), Route::Missing);
        assert_eq!(get("/granskning/annan.html"), Route::Missing);
    }

    #[test]
    fn nothing_outside_the_folder_and_no_hidden_files() {
        let (_temp, dir) = served();
        let get = |url: &str| route(&Method::Get, HOST, url, PORT, &dir);
        for hostile in [
            "/../hemlig.txt",
            "/%2e%2e/hemlig.txt",
            "/granskning/%2E%2E/%2E%2E/hemlig.txt",
            "/..%2fhemlig.txt",
            "/..%5chemlig.txt",
            "/granskning/.state.json",
            "/C:%5cWindows",
        ] {
            assert!(matches!(get(hostile), Route::Refused(403, _)), "{hostile} was not refused");
        }
        assert!(matches!(get("/%ff"), Route::Refused(400, _)));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let (temp, dir) = served();
        std::os::unix::fs::symlink(temp.path().join("hemlig.txt"), dir.join("ut.txt")).unwrap();
        assert!(matches!(route(&Method::Get, HOST, "/ut.txt", PORT, &dir), Route::Refused(403, _)));
    }

    #[test]
    fn only_reading_and_only_this_address() {
        let (_temp, dir) = served();
        assert!(matches!(route(&Method::Post, HOST, "/", PORT, &dir), Route::Refused(405, _)));
        for host in [None, Some("evil.example:4711"), Some("127.0.0.1:80"), Some("127.0.0.1")] {
            assert!(matches!(route(&Method::Get, host, "/", PORT, &dir), Route::Refused(403, _)), "{host:?}");
        }
    }
}
