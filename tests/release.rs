//! Releases as a coalition's volunteer meets them: an archive per machine
//! with its checksum (`.ci/release/package.sh`), and the installer
//! (`.ci/release/install.sh`) fetching one from a release address, here a
//! folder served on 127.0.0.1.
//!
//! The archives hold a small stand-in for the binary: what is tested is
//! the packaging and the installing, and a debug build of haven (300 MB)
//! would spend the time compressing. The release workflow packages the
//! real, stripped binary the same way.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target triple the installer picks on this machine.
fn host_target() -> String {
    let os = match std::env::consts::OS {
        "macos" => "apple-darwin",
        _ => "unknown-linux-musl",
    };
    format!("{}-{os}", std::env::consts::ARCH)
}

/// An executable that answers `--version` as haven does.
fn stand_in_binary(dir: &Path) -> PathBuf {
    let path = dir.join("haven");
    fs::write(&path, format!("#!/bin/sh\necho \"haven {VERSION}\"\n")).expect("write");
    let status = Command::new("chmod")
        .arg("755")
        .arg(&path)
        .status()
        .expect("chmod");
    assert!(status.success());
    path
}

/// A release folder laid out as the installer expects:
/// `<releases>/v<version>/{archive, SHA256SUMS, install.sh}`.
fn packaged_release(work: &Path) -> PathBuf {
    let releases = work.join("releases");
    let folder = releases.join(format!("v{VERSION}"));
    let output = Command::new("bash")
        .arg(repository().join(".ci/release/package.sh"))
        .arg(host_target())
        .arg("--binary")
        .arg(stand_in_binary(work))
        .arg("--out")
        .arg(&folder)
        .output()
        .expect("bash runs");
    assert_success(&output);
    fs::copy(
        repository().join(".ci/release/install.sh"),
        folder.join("install.sh"),
    )
    .expect("copy installer");
    releases
}

fn archive_name() -> String {
    format!("haven-v{VERSION}-{}.tar.gz", host_target())
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn sha256(path: &Path) -> String {
    let output = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum");
    assert_success(&output);
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Serves `root` over HTTP on 127.0.0.1 until the test ends; the address.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Headers until the empty line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let file = root.join(path.trim_start_matches('/'));
            let mut stream = &stream;
            let _ = match fs::read(&file) {
                Ok(body) if !path.contains("..") => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                _ => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    address
}

/// The installed program answers `--version` with this release's.
fn assert_runs_as_this_version(installed: &Path) {
    let version = Command::new(installed)
        .arg("--version")
        .output()
        .expect("the installed haven runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("haven {VERSION}")
    );
}

fn install(releases_address: &str, prefix: &Path) -> Output {
    Command::new("sh")
        .arg(repository().join(".ci/release/install.sh"))
        .args(["--version", VERSION, "--prefix"])
        .arg(prefix)
        .args(["--from", releases_address])
        .env_remove("HAVEN_RELEASES")
        .output()
        .expect("sh runs")
}

#[test]
fn a_package_holds_the_binary_readme_and_licenses_with_its_checksum_listed() {
    let work = tempfile::tempdir().expect("temp");
    let folder = packaged_release(work.path()).join(format!("v{VERSION}"));
    let archive = folder.join(archive_name());
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .expect("tar");
    assert_success(&listing);
    let listing = String::from_utf8_lossy(&listing.stdout);
    let top = format!("haven-v{VERSION}-{}", host_target());
    for file in [
        "haven",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "THIRD-PARTY.md",
    ] {
        assert!(
            listing.lines().any(|line| line == format!("{top}/{file}")),
            "{file} missing from:\n{listing}"
        );
    }
    let sums = fs::read_to_string(folder.join("SHA256SUMS")).expect("SHA256SUMS");
    assert_eq!(
        sums.trim(),
        format!("{}  {}", sha256(&archive), archive_name())
    );
}

#[test]
fn packaging_again_gives_the_same_archive_and_one_checksum_line() {
    let work = tempfile::tempdir().expect("temp");
    let folder = packaged_release(work.path()).join(format!("v{VERSION}"));
    let first = sha256(&folder.join(archive_name()));
    packaged_release(work.path());
    assert_eq!(sha256(&folder.join(archive_name())), first);
    let sums = fs::read_to_string(folder.join("SHA256SUMS")).expect("SHA256SUMS");
    assert_eq!(sums.lines().count(), 1, "{sums}");
}

#[test]
fn the_installer_installs_a_release_it_downloads_and_checks() {
    let work = tempfile::tempdir().expect("temp");
    let releases = packaged_release(work.path());
    let address = serve(releases);
    let prefix = work.path().join("prefix");
    let output = install(&address, &prefix);
    assert_success(&output);
    assert_runs_as_this_version(&prefix.join("bin/haven"));
}

#[test]
fn the_installer_refuses_an_archive_whose_checksum_differs() {
    let work = tempfile::tempdir().expect("temp");
    let releases = packaged_release(work.path());
    let sums = releases.join(format!("v{VERSION}/SHA256SUMS"));
    let listed = fs::read_to_string(&sums).expect("SHA256SUMS");
    fs::write(&sums, format!("{}{}", "0".repeat(64), &listed[64..])).expect("write");
    let address = serve(releases);
    let prefix = work.path().join("prefix");
    let output = install(&address, &prefix);
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("checksum mismatch"), "{said}");
    assert!(said.contains("nothing was installed"), "{said}");
    assert!(!prefix.join("bin/haven").exists());
}

#[test]
fn the_installer_says_when_the_release_does_not_exist() {
    let work = tempfile::tempdir().expect("temp");
    let address = serve(work.path().to_path_buf());
    let output = install(&address, &work.path().join("prefix"));
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("cannot download"), "{said}");
}

/// The GitHub workflow's install step, as the runner would run it.
fn github_install_step() -> String {
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(haven::scaffold::GITHUB_WORKFLOW).expect("YAML");
    workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .find(|step| step["name"].as_str() == Some("Install haven (only when not cached)"))
        .and_then(|step| step["run"].as_str())
        .expect("the install step")
        .to_string()
}

/// The GitLab pipeline's install script, as the runner would run it.
fn gitlab_install_script() -> String {
    let pipeline: serde_yaml::Value =
        serde_yaml::from_str(haven::scaffold::GITLAB_PIPELINE).expect("YAML");
    pipeline["default"]["before_script"][0]
        .as_str()
        .expect("the install script")
        .to_string()
}

fn run_ci_script(script: &str, releases_address: &str, home: &Path) -> Output {
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(home)
        .env("HOME", home)
        .env("HAVEN_VERSION", VERSION)
        .env("HAVEN_RELEASES", releases_address)
        .env("HAVEN_INSTALL", "release")
        .output()
        .expect("bash runs")
}

#[test]
fn the_ci_files_install_the_pinned_release_through_the_installer() {
    let work = tempfile::tempdir().expect("temp");
    let address = serve(packaged_release(work.path()));
    for (script, installed) in [
        (github_install_step(), ".haven/bin/haven"),
        (gitlab_install_script(), ".haven/bin/haven"),
    ] {
        let home = tempfile::tempdir().expect("temp");
        let output = run_ci_script(&script, &address, home.path());
        assert_success(&output);
        assert_runs_as_this_version(&home.path().join(installed));
    }
}

#[test]
fn the_ci_files_and_the_installer_name_the_same_release_address() {
    let installer =
        fs::read_to_string(repository().join(".ci/release/install.sh")).expect("install.sh");
    let default = installer
        .lines()
        .find_map(|line| line.strip_prefix("RELEASES_DEFAULT=\""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the installer's default release address");
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(haven::scaffold::GITHUB_WORKFLOW).expect("YAML");
    let pipeline: serde_yaml::Value =
        serde_yaml::from_str(haven::scaffold::GITLAB_PIPELINE).expect("YAML");
    assert_eq!(workflow["env"]["HAVEN_RELEASES"].as_str(), Some(default));
    assert_eq!(
        pipeline["variables"]["HAVEN_RELEASES"].as_str(),
        Some(default)
    );
    for doc in ["README.md", "docs/deploy.md"] {
        let text = fs::read_to_string(repository().join(doc)).expect("doc");
        assert!(
            text.contains(default),
            "{doc} shows another release address"
        );
    }
}
