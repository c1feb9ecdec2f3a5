//! The live preview of `granska watch --visa`: a small HTTP server on the
//! loopback interface that serves the web edition being watched.
//!
//! - It serves files from one folder (`output/`, or `utkast/` for drafts)
//!   and nothing else: no path outside it, no directory listing, only
//!   `GET` and `HEAD`, and only to a browser that asked for this address
//!   (the `Host` header is checked, so a web page elsewhere cannot reach it
//!   through a look-alike name).
//! - Every page it sends carries a short script that asks
//!   [`CHANGE_PATH`] a few times a second which build it is showing, and
//!   reloads the page when a newer one has finished; after a failed build,
//!   the page carries the located errors at its top. The script and the
//!   errors exist only in what the server sends ([`page`]): the files on
//!   disk, which are published, stay free of scripts.
//!
//! The build loop (in `cmd::watch`) calls [`Preview::built`] after each
//! build; the server runs on its own thread.

mod page;
mod route;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use route::Route;

/// Where a page asks which build it is showing.
pub const CHANGE_PATH: &str = "/__granska/andring";

/// The running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    address: SocketAddr,
}

/// What the server thread and the build loop share.
struct Shared {
    /// The folder served (canonical).
    dir: PathBuf,
    port: u16,
    status: Mutex<Status>,
}

/// The last build.
#[derive(Default)]
struct Status {
    /// Counts finished builds; a page reloads when it changes.
    generation: u64,
    /// The last build's errors, each as the terminal shows it.
    errors: Vec<String>,
}

/// Why the preview could not start.
#[derive(Debug)]
pub enum StartError {
    /// The port asked for is taken by another program.
    PortInUse(u16),
    /// Any other failure to listen.
    Other(String),
}

impl Preview {
    /// Starts serving `dir` on 127.0.0.1 and `port` (0: any free port).
    pub fn start(dir: &Path, port: u16) -> Result<Preview, StartError> {
        let server = Server::http(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).map_err(|e| {
            match e.downcast_ref::<io::Error>().map(io::Error::kind) {
                Some(io::ErrorKind::AddrInUse) => StartError::PortInUse(port),
                _ => StartError::Other(e.to_string()),
            }
        })?;
        let address = server.server_addr().to_ip().ok_or_else(|| StartError::Other("ingen IP-adress".to_owned()))?;
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
        let shared = Arc::new(Shared { dir, port: address.port(), status: Mutex::new(Status::default()) });
        let serving = Arc::clone(&shared);
        thread::Builder::new()
            .name("förhandsvisning".to_owned())
            .spawn(move || {
                for request in server.incoming_requests() {
                    respond(&serving, request);
                }
            })
            .map_err(|e| StartError::Other(e.to_string()))?;
        Ok(Preview { shared, address })
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Records a finished build and its errors (empty when it succeeded);
    /// open pages reload.
    pub fn built(&self, errors: Vec<String>) {
        let mut status = self.shared.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.generation += 1;
        status.errors = errors;
    }
}

/// Answers one request. A failure to send (the browser went away) is no
/// concern of the build.
fn respond(shared: &Shared, request: Request) {
    let (generation, errors) = {
        let status = shared.status.lock().unwrap_or_else(PoisonError::into_inner);
        (status.generation, status.errors.clone())
    };
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_owned());
    let route = route::route(request.method(), host.as_deref(), request.url(), shared.port, &shared.dir);
    let (status, content_type, body) = match route {
        Route::Change => (200, "text/plain; charset=utf-8", generation.to_string().into_bytes()),
        Route::File(path) => match std::fs::read(&path) {
            Ok(bytes) if is_html(&path) => {
                let html = String::from_utf8_lossy(&bytes);
                (200, "text/html; charset=utf-8", page::decorate(&html, generation, &errors).into_bytes())
            }
            Ok(bytes) => (200, route::content_type(&path), bytes),
            Err(_) => missing(generation, &errors),
        },
        Route::Missing => missing(generation, &errors),
        Route::Refused(status, why) => (status, "text/html; charset=utf-8", page::message(why).into_bytes()),
    };
    let headers = [
        ("Content-Type", content_type),
        // Always the newest build; nothing for another site to frame.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
    ];
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for (field, value) in headers {
        if let Ok(header) = Header::from_bytes(field.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    let _ = request.respond(response);
}

/// A page that is not there (yet): the build's errors, if any, and the
/// reload script, so it turns into the page once a build makes it.
fn missing(generation: u64, errors: &[String]) -> (u16, &'static str, Vec<u8>) {
    (404, "text/html; charset=utf-8", page::missing(generation, errors).into_bytes())
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}
