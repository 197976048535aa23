//! `haven serve` (docs/serve.md): a local preview of the hub that follows
//! every edit. The hub is built into a preview folder, served over HTTP,
//! watched ([`watch`]) and rebuilt ([`crate::serve::rebuild`]); open pages reload
//! or show why a rebuild failed ([`live`]).
//!
//! Only files under the site folder are served: `..`, encoded traversal,
//! absolute paths and symlinks leading out are refused with 404, folders
//! are never listed, and every response says `no-store`.

pub mod live;
pub mod preview;
pub mod rebuild;
pub mod watch;

use std::io::{BufRead, BufReader, Read, Write};
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

/// Longest request line or header line read, and most header lines: far
/// above what a browser sends, far below what would tie up memory.
const MAX_LINE_BYTES: u64 = 8 * 1024;
const MAX_HEADER_LINES: usize = 100;

/// A bound server for one site folder.
pub struct Server {
    listener: TcpListener,
    site: PathBuf,
    live: Arc<Live>,
    hosts: Arc<AllowedHosts>,
}

/// The host names a request may be addressed to. A page on another site
/// can make the browser send requests to the preview through a name that
/// resolves to 127.0.0.1 (DNS rebinding); such a request names the other
/// site in its `Host` header and is refused.
#[derive(Debug, Clone, Default)]
pub struct AllowedHosts {
    names: Vec<String>,
}

impl AllowedHosts {
    /// `localhost`, the loopback addresses, the bound address and `extra`
    /// names (`--allow-remote NAME`).
    pub fn new(bound: IpAddr, extra: &[String]) -> Self {
        let mut names: Vec<String> = vec!["localhost".into(), "127.0.0.1".into(), "::1".into()];
        names.push(bound.to_string());
        names.extend(extra.iter().map(|name| name.to_ascii_lowercase()));
        AllowedHosts { names }
    }

    /// Whether a `Host` header value (with or without a port) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
            None => host.rsplit_once(':').map_or(host.as_str(), |(name, port)| {
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    name
                } else {
                    host.as_str()
                }
            }),
        };
        let name = name.trim_end_matches('.');
        self.names.iter().any(|allowed| allowed == name)
    }
}

impl Server {
    /// Binds `address`; port 0 picks a free one (tests). The site folder
    /// must exist (it may be empty).
    pub fn bind(site: &Path, address: SocketAddr, live: Arc<Live>) -> std::io::Result<Server> {
        Server::bind_for(site, address, live, &[])
    }

    /// [`Server::bind`], answering requests addressed to `extra_hosts`
    /// as well as to this computer.
    pub fn bind_for(
        site: &Path,
        address: SocketAddr,
        live: Arc<Live>,
        extra_hosts: &[String],
    ) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(address)?,
            site: site.canonicalize()?,
            live,
            hosts: Arc::new(AllowedHosts::new(address.ip(), extra_hosts)),
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
            let hosts = self.hosts.clone();
            thread::spawn(move || {
                // A client that stalls or vanishes only ends its own thread.
                let _ = answer(stream, &site, &live, &hosts);
            });
        }
    }
}

/// Loopback addresses need no flag; anything else is reachable by other
/// devices on the network and must be asked for.
pub fn is_loopback(address: IpAddr) -> bool {
    address.is_loopback()
}

/// The request line and the `Host` header of a request, read within
/// the limits; `Err(status)` for a request too large to read.
fn read_request(
    reader: &mut impl BufRead,
) -> std::io::Result<Result<(String, Option<String>), u16>> {
    let Some(request_line) = read_line(reader)? else {
        return Ok(Err(414));
    };
    let mut host = None;
    for _ in 0..MAX_HEADER_LINES {
        let Some(header) = read_line(reader)? else {
            return Ok(Err(431));
        };
        if header.trim().is_empty() {
            return Ok(Ok((request_line, host)));
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = Some(value.trim().to_string());
            }
        }
    }
    Ok(Err(431))
}

/// One line of at most [`MAX_LINE_BYTES`], or `None` when it is longer.
fn read_line(reader: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    (&mut *reader)
        .take(MAX_LINE_BYTES)
        .read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") && line.len() as u64 >= MAX_LINE_BYTES {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

fn answer(
    stream: TcpStream,
    site: &Path,
    live: &Live,
    hosts: &AllowedHosts,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(&stream);
    let mut out = &stream;
    let (request_line, host) = match read_request(&mut reader)? {
        Ok(request) => request,
        Err(status) => {
            return respond(
                &mut out,
                status,
                "text/plain; charset=utf-8",
                b"request too large",
                false,
            );
        }
    };
    if !host.as_deref().is_some_and(|host| hosts.allows(host)) {
        return respond(
            &mut out,
            421,
            "text/plain; charset=utf-8",
            b"this preview answers only to localhost; see haven serve --help (--allow-remote)",
            false,
        );
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = method == "HEAD";
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
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        _ => "Request Header Fields Too Large",
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
