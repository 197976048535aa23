//! `haven serve` (PRODUCT.md §14): a local preview of the hub that follows
//! every edit. The hub is built into a preview folder, served over HTTP,
//! watched ([`watch`]) and rebuilt ([`crate::rebuild`]); open pages reload
//! or show why a rebuild failed ([`live`]).
//!
//! Only files under the site folder are served: `..`, encoded traversal,
//! absolute paths and symlinks leading out are refused with 404, folders
//! are never listed, and every response says `no-store`.

pub mod live;
pub mod watch;

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

pub use live::Live;

/// Where the server answers for itself rather than for the site.
const EVENTS_PATH: &str = "/__haven/events";
const SCRIPT_PATH: &str = "/__haven/live.js";

/// Added to every HTML page served, never to the built files.
const SCRIPT_TAG: &str = "<script src=\"/__haven/live.js\" defer></script>";

/// What a missing page shows when the site has no 404 page yet (a first
/// build that failed): the errors still appear over it.
const NO_PAGE: &str = "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><title>Not built yet</title><main><h1>There is no page here (yet)</h1><p>haven serve has not built this page. If the site has errors, they are listed below and in the terminal.</p></main></html>";

/// A bound server for one site folder.
pub struct Server {
    listener: TcpListener,
    site: PathBuf,
    live: Arc<Live>,
}

impl Server {
    /// Binds `address`; port 0 picks a free one (tests). The site folder
    /// must exist (it may be empty).
    pub fn bind(site: &Path, address: SocketAddr, live: Arc<Live>) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(address)?,
            site: site.canonicalize()?,
            live,
        })
    }

    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests until the process ends, one thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming().flatten() {
            let site = self.site.clone();
            let live = self.live.clone();
            thread::spawn(move || {
                // A client that stalls or vanishes only ends its own thread.
                let _ = answer(stream, &site, &live);
            });
        }
    }
}

/// Loopback addresses need no flag; anything else is reachable by other
/// devices on the network and must be asked for.
pub fn is_loopback(address: IpAddr) -> bool {
    address.is_loopback()
}

fn answer(stream: TcpStream, site: &Path, live: &Live) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read (and ignore) the headers up to the blank line.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = method == "HEAD";
    let mut out = &stream;
    if method != "GET" && !head {
        return respond(
            &mut out,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            head,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH && !head {
        return live.stream(&mut out);
    }
    if path == SCRIPT_PATH {
        let script = live::SCRIPT.as_bytes();
        return respond(
            &mut out,
            200,
            "text/javascript; charset=utf-8",
            script,
            head,
        );
    }
    match resolve(site, target).and_then(|file| std::fs::read(&file).ok().map(|body| (file, body)))
    {
        Some((file, body)) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                with_live_script(body)
            } else {
                body
            };
            respond(&mut out, 200, kind, &body, head)
        }
        None => {
            let page = std::fs::read(site.join("404.html")).unwrap_or_else(|_| NO_PAGE.into());
            respond(
                &mut out,
                404,
                "text/html; charset=utf-8",
                &with_live_script(page),
                head,
            )
        }
    }
}

/// The page with the live script before `</body>`, or at the end when the
/// minifier left the optional end tags out.
fn with_live_script(mut page: Vec<u8>) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    page.splice(at..at, SCRIPT_TAG.bytes());
    page
}

fn respond(
    out: &mut impl Write,
    status: u16,
    content_type: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}

/// The file a request target names under `site` (canonical), or `None`
/// for anything that is not a plain file inside it.
pub fn resolve(site: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return None;
    }
    let mut file = site.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    // Symlinks are followed, then the result must still be in the site.
    let real = file.canonicalize().ok()?;
    (real.starts_with(site) && real.is_file()).then_some(real)
}

/// `%2e%2E` → `..`; `None` for malformed escapes or non-UTF-8 results.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("partners/a")).expect("mkdir");
        std::fs::write(site.join("index.html"), "home").expect("write");
        std::fs::write(site.join("partners/a/index.html"), "a").expect("write");
        std::fs::create_dir_all(site.join("empty")).expect("mkdir");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        let canonical = site.canonicalize().expect("canonical");
        (dir, canonical)
    }

    #[test]
    fn folders_serve_their_index_page() {
        let (_dir, site) = site();
        assert_eq!(resolve(&site, "/"), Some(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/partners/a/?q=1"),
            Some(site.join("partners/a/index.html"))
        );
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        let (_dir, site) = site();
        for target in [
            "/../secret.txt",
            "/partners/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%5csecret.txt",
            "//etc/passwd",
            "/%00index.html",
            "/%zz",
        ] {
            assert_eq!(resolve(&site, target), None, "{target}");
        }
    }

    #[test]
    fn the_live_script_goes_before_the_end_of_the_body() {
        let page = with_live_script(b"<p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8_lossy(&page),
            format!("<p>x</p>{SCRIPT_TAG}</body></html>")
        );
        let minified = with_live_script(b"<p>x".to_vec());
        assert_eq!(
            String::from_utf8_lossy(&minified),
            format!("<p>x{SCRIPT_TAG}")
        );
    }

    #[test]
    fn folders_without_an_index_are_not_listed() {
        let (_dir, site) = site();
        assert_eq!(resolve(&site, "/empty/"), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused() {
        let (dir, site) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
            .expect("symlink");
        assert_eq!(resolve(&site, "/link.txt"), None);
    }
}
