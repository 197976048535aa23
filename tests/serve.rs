//! `haven serve`: the example site served on an ephemeral loopback port,
//! fetched over a real socket, with traversal attempts that must all fail.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Mutex, MutexGuard};

use common::*;

struct Serving {
    child: Child,
    address: String,
    // Every `haven serve` of one hub builds into the same preview folder:
    // one at a time.
    _turn: MutexGuard<'static, ()>,
}

static TURN: Mutex<()> = Mutex::new(());

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve() -> Serving {
    let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut child = haven()
        .args([
            "serve", "--quiet", "--port", "0", "--today", TODAY, "--root",
        ])
        .arg(example_site())
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
        _turn: turn,
    }
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
    assert!(body.contains("<html lang=es>"));
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
