//! `haven serve` on a generated hub: edits one partner file, again and
//! again, and prints the time from the write to the rebuilt site (the
//! state event that makes open pages reload, sent once the files are in
//! place), with the server's own account of each rebuild. Budget: a
//! median of at most 50 ms for a 1,000-partner hub on a 2-core machine
//! (it was 200 ms before issue 31).
//!
//! Run: `cargo bench --bench serve_rebuild` (needs Node for the corpus
//! generator; `HAVEN_BENCH_PARTNERS=N` for another size).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const RUNS: usize = 9;
/// Stages a rebuild reports: load, validate and model (side by side),
/// pages and search index (made alongside them), other files, write. The
/// parts ("· finish and scan") are not counted.
const STAGES: usize = 5;
const PARTNER: &str = "partners/alameda-county-211.yaml";

fn main() {
    let partners: usize = std::env::var("HAVEN_BENCH_PARTNERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let work = std::env::temp_dir().join(format!("haven-serve-bench-{}", std::process::id()));
    let hub = work.join("hub");
    generate(&hub, partners);

    let mut server = Command::new(env!("CARGO_BIN_EXE_haven"))
        .args(["serve", "--verbose", "--port", "0", "--root"])
        .arg(&hub)
        .arg("--output")
        .arg(work.join("site"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| fail(&format!("cannot start haven serve: {error}")));
    let stdout = server.stdout.take().unwrap_or_else(|| fail("no stdout"));
    // With --verbose, each rebuild's stage times go to stderr (among the
    // hub's warnings): "  render     12.3 ms".
    let stderr = server.stderr.take().unwrap_or_else(|| fail("no stderr"));
    let (stage_lines, stages) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // "  search index   12.3 ms   peak memory 80 MB"
            // The open data written after the reload is not part of it.
            let is_stage = line.starts_with("  ")
                && line.contains(" ms")
                && !line.contains("after the reload")
                && line
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_lowercase());
            if is_stage && stage_lines.send(line).is_err() {
                break;
            }
        }
    });
    let (lines, said) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let first_build = said
        .recv_timeout(Duration::from_secs(120))
        .unwrap_or_else(|_| fail("no first build"));
    let serving = said
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| fail("no address"));
    let address = serving
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| fail(&format!("no address in {serving:?}")))
        .to_string();
    let mut events = Events::open(&address);
    events.next();

    println!("haven serve, {partners} partners: {first_build}");
    let file = hub.join(PARTNER);
    let cpu_before = cpu_time(server.id());
    let mut times = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let text = fs::read_to_string(&file).unwrap_or_else(|_| fail("partner file"));
        let edited = edit_description(&text, run);
        let written = Instant::now();
        fs::write(&file, edited).unwrap_or_else(|_| fail("write"));
        let state = events.next();
        let took = written.elapsed();
        if !state.contains("\"problems\":[]") {
            fail(&format!("the edit did not build: {state}"));
        }
        let account = said
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_default();
        println!("  edit {}: {:>6.1} ms  ({account})", run + 1, ms(took));
        times.push(took);
        // Let the file system settle, as between a person's saves.
        std::thread::sleep(Duration::from_millis(300));
    }
    // After the last pause, the open data of the last edit is written too.
    if let (Some(before), Some(after)) = (cpu_before, cpu_time(server.id())) {
        println!(
            "  server CPU per edit, all threads, the open data written after each reload included: {:.0} ms",
            ms(after.saturating_sub(before)) / RUNS as f64
        );
    }
    println!("  stages of the last edit:");
    // Stage lines of the first build and every edit arrived in order.
    let all: Vec<String> = stages.try_iter().collect();
    for line in all.iter().skip(all.len().saturating_sub(STAGES)) {
        println!("  {line}");
    }
    times.sort();
    println!(
        "write → rebuilt site: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({RUNS} edits; budget 50 ms)",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
    let _ = server.kill();
    let _ = server.wait();
    let _ = fs::remove_dir_all(&work);
}

/// The CPU time a process has used, all its threads (those that ended
/// too), from Linux's `/proc`; `None` elsewhere. Steadier than wall time on
/// a shared machine: it tells whether a change made less work.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: the fields follow its ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime and stime, fields 14 and 15, in clock ticks of 1/100 s
    // (USER_HZ, 100 on every Linux port but one old Alpha).
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The first line of the description, with a new sentence in front.
fn edit_description(text: &str, run: usize) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut next_is_first_line = false;
    for line in text.lines() {
        if next_is_first_line {
            let indent = line.len() - line.trim_start().len();
            let (spaces, rest) = line.split_at(indent);
            let rest = rest
                .split_once(" Reviewed. ")
                .map_or(rest, |(_, after)| after);
            out.push_str(&format!("{spaces}Edit {run} Reviewed. {rest}\n"));
            next_is_first_line = false;
            continue;
        }
        next_is_first_line = line.starts_with("description:");
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn generate(hub: &Path, partners: usize) {
    let script: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "benches",
        "corpus",
        "generate.mjs",
    ]
    .iter()
    .collect();
    let status = Command::new("node")
        .arg(script)
        .args([
            "--partners",
            &partners.to_string(),
            "--guides",
            "50",
            "--seed",
            "1",
            "--out",
        ])
        .arg(hub)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|error| fail(&format!("the corpus generator needs Node: {error}")));
    if !status.success() {
        fail("the corpus generator failed");
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap_or_else(|_| fail("connect"));
        let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
        let _ = write!(
            stream,
            "GET /__haven/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
        );
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// The next state event's data.
    fn next(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => fail("the event stream ended"),
                Ok(_) => {}
            }
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim_end().to_string();
            }
        }
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn fail(message: &str) -> ! {
    eprintln!("serve_rebuild: {message}");
    std::process::exit(1);
}
