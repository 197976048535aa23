//! `haven serve`: a copy of the example site served on an ephemeral
//! loopback port and fetched over a real socket; edits reload open pages,
//! errors show while the last good site stays, traversal always fails.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use common::*;

struct Serving {
    child: Child,
    address: String,
    hub: tempfile::TempDir,
    output: tempfile::TempDir,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `haven serve` of a fresh copy of the example site, each with its own
/// preview folder, so tests run side by side.
fn serve() -> Serving {
    let hub = copy_of_example_site();
    let output = tempfile::tempdir().expect("temp dir");
    let mut child = haven()
        .args([
            "serve", "--quiet", "--port", "0", "--today", TODAY, "--root",
        ])
        .arg(hub.path())
        .arg("--output")
        .arg(output.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start haven serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Serving {
        child,
        address,
        hub,
        output,
    }
}

/// An open `/__haven/events` stream, as a page's live script holds it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        write!(
            stream,
            "GET /__haven/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .expect("send");
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// The next state event's data.
    fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            let read = self
                .reader
                .read_line(&mut line)
                .expect("an event before the timeout");
            assert!(read > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data).expect("JSON event data");
            }
        }
    }
}

const PARTNER_FILE: &str = "partners/casa-de-refugio-riverbend.yaml";
const PARTNER_PAGE: &str = "/partners/casa-de-refugio-riverbend/";

fn edit(hub: &Path, file: &str, from: &str, to: &str) {
    let path = hub.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// Sends a raw request target (no client-side normalisation) and returns
/// the status code and body.
fn get(address: &str, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn pages_of_the_built_site_are_served_with_their_types() {
    let server = serve();
    let (status, body) = get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(body.contains("Juniper County Survivor Resource Hub"));
    let (status, body) = get(&server.address, "/es/partners/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"es\""), "Spanish, not minified");
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    write!(stream, "HEAD /robots.txt HTTP/1.1\r\n\r\n").expect("send");
    let mut head = String::new();
    stream.read_to_string(&mut head).expect("read");
    assert!(head.contains("Content-Type: text/plain"), "{head}");
    assert!(head.contains("Cache-Control: no-store"), "{head}");
}

#[test]
fn traversal_attempts_all_fail() {
    let server = serve();
    for target in [
        "/../hub.yaml",
        "/../../etc/passwd",
        "/%2e%2e/hub.yaml",
        "/%2e%2e%2fhub.yaml",
        "/partners/..%2f..%2fhub.yaml",
        "/..%5chub.yaml",
        "//etc/passwd",
        "/assets/",
    ] {
        let (status, body) = get(&server.address, target);
        assert_eq!(status, 404, "{target}");
        assert!(
            !body.contains("base_url:") && !body.contains("root:"),
            "{target} leaked a file"
        );
    }
}

#[test]
fn an_address_other_devices_can_reach_needs_a_flag() {
    let output = haven()
        .args(["serve", "--bind", "0.0.0.0", "--root"])
        .arg(example_site())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--allow-remote"));
}

#[test]
fn pages_carry_the_live_script_only_when_served() {
    let server = serve();
    let (status, body) = get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/__haven/live.js\" defer></script>"));
    let (status, script) = get(&server.address, "/__haven/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource('/__haven/events')"));
    let built = fs::read_to_string(server.output.path().join("index.html")).expect("built page");
    assert!(
        !built.contains("__haven"),
        "the built file has the live script"
    );
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_content() {
    let server = serve();
    let mut events = Events::open(&server.address);
    let first = events.next();
    assert_eq!(first["build"], 1);
    edit(
        server.hub.path(),
        PARTNER_FILE,
        "name: Casa de Refugio Riverbend",
        "name: Casa Riverbend Renamed",
    );
    let next = events.next();
    assert_eq!(next["build"], 2, "{next}");
    assert_eq!(next["problems"], serde_json::json!([]));
    let (status, page) = get(&server.address, PARTNER_PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("Casa Riverbend Renamed"));
}

#[test]
fn a_broken_file_shows_its_errors_while_the_last_good_site_is_served() {
    let server = serve();
    let mut events = Events::open(&server.address);
    events.next();
    edit(
        server.hub.path(),
        PARTNER_FILE,
        "name: Casa de Refugio Riverbend",
        "name: \"\"",
    );
    let broken = events.next();
    assert_eq!(broken["build"], 1, "no new build is served: {broken}");
    let problem = &broken["problems"][0];
    assert_eq!(problem["location"], format!("{PARTNER_FILE}:6:1"));
    assert!(problem["text"]
        .as_str()
        .is_some_and(|text| text.starts_with("error[E011]") && text.contains("help:")));
    let (status, page) = get(&server.address, PARTNER_PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("Casa de Refugio Riverbend"),
        "the last good page"
    );

    edit(
        server.hub.path(),
        PARTNER_FILE,
        "name: \"\"",
        "name: Casa de Refugio Riverbend",
    );
    let fixed = events.next();
    assert_eq!(fixed["build"], 2, "{fixed}");
    assert_eq!(fixed["problems"], serde_json::json!([]));
}
