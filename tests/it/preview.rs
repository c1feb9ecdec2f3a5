//! `granska watch --visa`: the web edition served on 127.0.0.1, reloading
//! after a save and showing the build's errors; nothing outside the
//! output folder, and nothing of the preview in the published files.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::common::{Fixture, REVIEW};
use crate::watch::Watch;

/// A preview being watched, and its address (`127.0.0.1:port`).
fn preview(fixture: &Fixture) -> (Watch, String) {
    let watch = Watch::start_with(fixture, &["--visa"]);
    let lines = watch.expect(&["förhandsvisning: http://127.0.0.1:", "bevakar"]);
    let line = lines.iter().find(|l| l.contains("förhandsvisning:")).unwrap();
    let address = line.split("http://").nth(1).unwrap().split('/').next().unwrap().to_owned();
    (watch, address)
}

/// A request as a browser sends it; the status and the body.
fn request(address: &str, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

fn get(address: &str, path: &str) -> (u16, String) {
    request(address, "GET", path, address)
}

/// Waits until the page at `path` satisfies `ok`.
fn wait_for(address: &str, path: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = get(address, path);
        if ok(&body) {
            return body;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{path} never changed as expected:\n{body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_preview_shows_the_newest_build_and_its_errors() {
    let fixture = Fixture::example();
    let (watch, address) = preview(&fixture);
    let page = format!("/{REVIEW}/3-1-117-2011-bromma.html");

    let (status, first) = get(&address, &page);
    assert_eq!(status, 200);
    assert!(first.contains("<script>") && first.contains("Handläggarna var noga"), "{first}");
    let (_, generation) = get(&address, "/__granska/andring");
    assert!(first.contains(&format!("var shown = \"{generation}\"")), "the page does not know its build");
    let (status, index) = get(&address, "/");
    assert_eq!(status, 200);
    assert!(index.contains("<script>") && index.contains("3-1-117-2011-bromma.html"), "{index}");

    // A save: the build number moves on and the page has the new text.
    fixture.edit_district("bromma", "Handläggarna var noga", "Handläggarna var mycket noga");
    watch.expect(&["1 dokument klart, 2 oförändrade"]);
    let (_, next) = get(&address, "/__granska/andring");
    assert_ne!(next, generation);
    assert!(get(&address, &page).1.contains("Handläggarna var mycket noga"));

    // A mistake: the page says where, in Swedish, at its top.
    fixture.edit_district("bromma", "urval = 10", "urval = 100");
    watch.expect(&["väntar på nästa ändring"]);
    let broken = wait_for(&address, &page, |body| body.contains("role=\"alert\""));
    assert!(broken.contains("Underlaget har ett fel"), "{broken}");
    assert!(
        broken.contains("bromma.toml:") && broken.contains("urvalet (100) är större än populationen (40)"),
        "{broken}"
    );

    // Fixed: the report is back, without the errors.
    fixture.edit_district("bromma", "urval = 100", "urval = 10");
    let fixed = wait_for(&address, &page, |body| !body.contains("role=\"alert\""));
    assert!(fixed.contains("Handläggarna var mycket noga"));

    // Nothing of the preview is in the published files.
    for file in ["output/index.html", &format!("output{page}")] {
        let html = std::fs::read_to_string(fixture.root().join(file)).unwrap();
        assert!(!html.contains("<script") && !html.contains("__granska"), "{file} has the preview's script");
    }
}

#[test]
fn the_preview_serves_only_its_folder_to_its_own_address() {
    let fixture = Fixture::example();
    fixture.write("hemlig.txt", "hemligt");
    let (_watch, address) = preview(&fixture);
    for hostile in ["/../hemlig.txt", "/%2e%2e/hemlig.txt", "/..%2fhemlig.txt", "/%2e%2e%5cgranska.toml"] {
        let (status, body) = get(&address, hostile);
        assert!(status == 403 || status == 404, "{hostile}: {status}");
        assert!(!body.contains("[organisation]") && !body.contains("hemligt"), "{hostile} leaked a file");
    }
    // No listing of a folder.
    let (status, body) = get(&address, &format!("/{REVIEW}/"));
    assert_eq!(status, 404);
    assert!(!body.contains("bromma.html"), "{body}");
    // Only this address, and only reading.
    assert_eq!(request(&address, "GET", "/", "evil.example").0, 403);
    assert_eq!(request(&address, "POST", "/", &address).0, 405);
    // A second client is served like the first.
    assert_eq!(get(&address, "/").0, 200);
}

#[test]
fn a_port_in_use_gets_a_clear_answer() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let fixture = Fixture::example();
    let run = fixture.run(&["watch", "--visa", "--port", &port]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("porten {port} används redan av ett annat program")), "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}
