//! `haven serve` on a machine with one core: the thread pool has a single
//! thread. A rebuild runs on it and waits there for the search index,
//! whose own parallel steps need that same thread. (Its own test binary:
//! the size of the process's pool is set once.)

mod common;

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use haven::serve::rebuild::Preview;

use common::*;

#[test]
fn a_rebuild_finishes_with_a_single_thread() {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the first use of the pool in this process");
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let hub = copy_of_example_site();
        let output = tempfile::tempdir().expect("temp dir");
        let mut preview = Preview::new(plan(hub.path(), &output.path().join("site")));
        preview.build_all().expect("the example site builds");
        let file = "partners/casa-de-refugio-riverbend.yaml";
        let text = fs::read_to_string(hub.path().join(file)).expect("read");
        let edited = text.replacen("name: Casa de Refugio Riverbend", "name: Casa Renamed", 1);
        fs::write(hub.path().join(file), edited).expect("write");
        let rebuilt = preview.rebuild(&[PathBuf::from(file)]);
        let page = output
            .path()
            .join("site/partners/casa-de-refugio-riverbend/index.html");
        let shown = fs::read_to_string(page).unwrap_or_default();
        done.send((
            rebuilt.is_some_and(|r| r.is_ok()),
            shown.contains("Casa Renamed"),
        ))
        .expect("the test waits");
    });
    let (rebuilt, shows_the_edit) = finished
        .recv_timeout(Duration::from_secs(120))
        .expect("the rebuild finished within two minutes");
    assert!(rebuilt && shows_the_edit);
}
