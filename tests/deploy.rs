//! The ready-to-copy CI files (docs/ci/, written by `haven init`) and the
//! deploy guide, checked the way a coalition would use them: parsed as
//! their CI reads them, and their haven commands run on a new hub.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
use haven::scaffold::{self, Ci};
use serde_yaml::Value;

fn github_workflow() -> Value {
    serde_yaml::from_str(scaffold::GITHUB_WORKFLOW).expect("the GitHub workflow is YAML")
}

fn gitlab_pipeline() -> Value {
    serde_yaml::from_str(scaffold::GITLAB_PIPELINE).expect("the GitLab pipeline is YAML")
}

fn steps(job: &Value) -> Vec<&Value> {
    job["steps"].as_sequence().expect("steps").iter().collect()
}

fn step_running<'a>(job: &'a Value, command: &str) -> &'a Value {
    steps(job)
        .into_iter()
        .find(|step| {
            step["run"]
                .as_str()
                .is_some_and(|run| run.starts_with(command))
        })
        .unwrap_or_else(|| panic!("no step runs {command}"))
}

fn step_using<'a>(job: &'a Value, action: &str) -> &'a Value {
    steps(job)
        .into_iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with(action))
        })
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

fn condition(step: &Value) -> &str {
    step["if"].as_str().unwrap_or_default()
}

#[test]
fn the_github_workflow_checks_pull_requests_with_annotations_and_keeps_a_preview() {
    let workflow = github_workflow();
    assert!(
        workflow["on"]["pull_request"].is_null() || workflow["on"]["pull_request"].is_mapping()
    );
    let build = &workflow["jobs"]["build"];
    let check = step_running(build, "haven check --format github --since");
    assert_eq!(condition(check), "github.event_name == 'pull_request'");
    assert!(check["run"]
        .as_str()
        .unwrap_or_default()
        .contains("origin/$GITHUB_BASE_REF"));
    // --since needs the base branch in the clone.
    assert_eq!(
        step_using(build, "actions/checkout")["with"]["fetch-depth"].as_i64(),
        Some(0)
    );
    let preview = step_running(build, "haven build --portable");
    assert_eq!(
        condition(preview),
        "github.ref != 'refs/heads/main'",
        "pull requests are built too"
    );
    let kept = step_using(build, "actions/upload-artifact");
    assert_eq!(condition(kept), "github.event_name == 'pull_request'");
    assert_eq!(kept["with"]["path"].as_str(), Some("public"));
}

#[test]
fn the_github_workflow_deploys_main_to_pages_at_the_pages_address() {
    let workflow = github_workflow();
    assert_eq!(workflow["on"]["push"]["branches"][0].as_str(), Some("main"));
    let build = &workflow["jobs"]["build"];
    let pages_build = step_running(build, "haven build --base-url \"$PAGES_URL/\"");
    assert_eq!(condition(pages_build), "github.ref == 'refs/heads/main'");
    assert_eq!(
        pages_build["env"]["PAGES_URL"].as_str(),
        Some("${{ steps.pages.outputs.base_url }}")
    );
    assert_eq!(
        step_using(build, "actions/configure-pages")["id"].as_str(),
        Some("pages")
    );
    let upload = step_using(build, "actions/upload-pages-artifact");
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    assert_eq!(condition(upload), "github.ref == 'refs/heads/main'");

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(deploy["permissions"]["id-token"].as_str(), Some("write"));
    assert!(step_using(deploy, "actions/deploy-pages").is_mapping());
    // Nothing else may write to the repository.
    assert_eq!(workflow["permissions"]["contents"].as_str(), Some("read"));
}

#[test]
fn the_github_workflow_installs_the_pinned_release_once_and_caches_it() {
    let workflow = github_workflow();
    assert_eq!(
        workflow["env"]["HAVEN_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION")),
        "docs/ci/github-pages.yml pins another haven than this one"
    );
    let build = &workflow["jobs"]["build"];
    let cache = step_using(build, "actions/cache");
    assert!(cache["with"]["key"]
        .as_str()
        .unwrap_or_default()
        .contains("env.HAVEN_VERSION"));
    assert_eq!(cache["with"]["path"].as_str(), Some("~/.haven"));
    assert!(cache["with"]["key"]
        .as_str()
        .unwrap_or_default()
        .contains("env.HAVEN_INSTALL"));
    let install = steps(build)
        .into_iter()
        .find(|step| {
            step["run"]
                .as_str()
                .is_some_and(|run| run.contains("install.sh"))
        })
        .expect("an install step");
    assert_eq!(
        condition(install),
        "steps.cache.outputs.cache-hit != 'true'"
    );
    let command = install["run"].as_str().unwrap_or_default();
    // The release binary, through the installer that checks its checksum.
    assert!(command.contains("$HAVEN_RELEASES/v$HAVEN_VERSION/install.sh"));
    assert!(command.contains("--version \"$HAVEN_VERSION\" --prefix ~/.haven"));
    // Compiling only when told to, and then with the locked versions.
    assert!(command.contains("if [ \"$HAVEN_INSTALL\" = source ]"));
    assert!(command
        .contains("cargo install --locked --root ~/.haven --version \"$HAVEN_VERSION\" haven-hub"));
    // No repository variable is needed.
    assert!(!scaffold::GITHUB_WORKFLOW.contains("vars."));
    assert!(workflow["env"]["HAVEN_RELEASES"]
        .as_str()
        .is_some_and(|address| address.starts_with("https://")));
}

#[test]
fn the_gitlab_pipeline_checks_merge_requests_and_publishes_the_default_branch() {
    let pipeline = gitlab_pipeline();
    assert_eq!(
        pipeline["variables"]["HAVEN_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION")),
        "docs/ci/gitlab-pages.yml pins another haven than this one"
    );
    assert_eq!(
        pipeline["default"]["cache"]["key"].as_str(),
        Some("haven-$HAVEN_VERSION-$HAVEN_INSTALL")
    );
    assert_eq!(
        pipeline["default"]["cache"]["paths"][0].as_str(),
        Some(".haven/")
    );

    let check = &pipeline["check"];
    assert_eq!(
        check["rules"][0]["if"].as_str(),
        Some("$CI_PIPELINE_SOURCE == \"merge_request_event\"")
    );
    let script = lines(&check["script"]);
    assert!(script
        .iter()
        .any(|line| line.starts_with("haven check --since")));
    assert!(script.contains(&"haven build --portable".to_string()));
    assert_eq!(check["artifacts"]["paths"][0].as_str(), Some("public/"));
    // GitLab publishes only a job called pages, from its public/ artifact.
    let pages = &pipeline["pages"];
    assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
    assert!(
        lines(&pages["script"]).contains(&"haven build --base-url \"$CI_PAGES_URL/\"".to_string())
    );
    assert_eq!(
        pages["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
}

fn lines(script: &Value) -> Vec<String> {
    script
        .as_sequence()
        .expect("a script")
        .iter()
        .filter_map(|line| line.as_str().map(str::to_string))
        .collect()
}

/// Every shell snippet of both files, as the CI would hand it to a shell.
fn shell_snippets() -> Vec<String> {
    let workflow = github_workflow();
    let mut snippets: Vec<String> = workflow["jobs"]
        .as_mapping()
        .expect("jobs")
        .values()
        .flat_map(steps)
        .filter_map(|step| step["run"].as_str().map(str::to_string))
        .collect();
    let pipeline = gitlab_pipeline();
    snippets.extend(lines(&pipeline["default"]["before_script"]));
    for job in ["check", "pages"] {
        snippets.extend(lines(&pipeline[job]["script"]));
    }
    snippets
}

#[test]
fn every_shell_snippet_of_the_ci_files_is_valid_shell() {
    for snippet in shell_snippets() {
        assert_valid_shell(&snippet);
    }
}

/// Fails the test when bash cannot parse `snippet` (`bash -n`).
fn assert_valid_shell(snippet: &str) {
    let output = Command::new("bash")
        .args(["-n", "-c", snippet])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{snippet}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The haven commands of both CI files, run as CI runs them in a new hub
/// that is a git repository with a base branch: a flag haven does not
/// know, or a check that fails on `haven init`'s output, fails here.
#[test]
fn the_haven_commands_of_the_ci_files_pass_on_a_new_hub() {
    let dir = tempfile::tempdir().expect("temp");
    let hub = &dir.path().join("hub");
    scaffold::init(hub, Ci::Github, today()).expect("init");
    git(hub, &["init", "-q", "-b", "main"]);
    git(hub, &["add", "."]);
    git(hub, &["commit", "-q", "-m", "first"]);
    let origin = dir.path().join("origin.git");
    let origin_url = format!("file://{}", origin.display());
    git(
        hub,
        &["clone", "-q", "--bare", ".", &origin.display().to_string()],
    );
    git(hub, &["remote", "add", "origin", &origin_url]);
    git(hub, &["fetch", "-q", "origin"]);

    let haven = Path::new(env!("CARGO_BIN_EXE_haven"));
    let path = format!(
        "{}:{}",
        haven.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let commands: Vec<String> = shell_snippets()
        .into_iter()
        .filter(|snippet| snippet.starts_with("haven ") || snippet.starts_with("git fetch"))
        .collect();
    assert!(commands.len() >= 7, "{commands:?}");
    for command in &commands {
        let output = Command::new("bash")
            .args(["-c", command])
            .current_dir(hub)
            .env("PATH", &path)
            .env("GITHUB_BASE_REF", "main")
            .env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")
            .env("PAGES_URL", "https://coalition.github.io/hub")
            .env("CI_PAGES_URL", "https://coalition.gitlab.io/hub")
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "{command}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let sitemap = fs::read_to_string(hub.join("public/sitemap.xml")).expect("built");
    assert!(
        // The example partner is a draft: the guide shows the base address.
        sitemap.contains("https://coalition.gitlab.io/hub/guides/welcome/"),
        "{sitemap}"
    );
}

#[test]
fn init_writes_the_chosen_ci_file_only() {
    let dir = tempfile::tempdir().expect("temp");
    let github = dir.path().join("github");
    let gitlab = dir.path().join("gitlab");
    let none = dir.path().join("none");
    scaffold::init(&github, Ci::Github, today()).expect("init");
    scaffold::init(&gitlab, Ci::Gitlab, today()).expect("init");
    scaffold::init(&none, Ci::None, today()).expect("init");

    let written = fs::read_to_string(github.join(".github/workflows/haven.yml")).expect("workflow");
    assert!(written.contains("actions/deploy-pages"));
    assert!(!github.join(".gitlab-ci.yml").exists());
    let written = fs::read_to_string(gitlab.join(".gitlab-ci.yml")).expect("pipeline");
    assert!(written.contains("$CI_PAGES_URL"));
    assert!(!gitlab.join(".github").exists());
    assert!(!none.join(".github").exists() && !none.join(".gitlab-ci.yml").exists());
}

#[test]
fn a_new_hub_keeps_private_records_and_the_built_site_out_of_git() {
    let dir = tempfile::tempdir().expect("temp");
    scaffold::init(dir.path(), Ci::None, today()).expect("init");
    fs::create_dir_all(dir.path().join("private")).expect("mkdir");
    fs::write(
        dir.path().join("private/example-partner.yaml"),
        "internal: {}\n",
    )
    .expect("private");
    git(dir.path(), &["init", "-q"]);
    haven()
        .args(["build", "--quiet", "--root"])
        .arg(dir.path())
        .output()
        .expect("builds");
    git(dir.path(), &["add", "."]);
    let tracked = Command::new("git")
        .arg("-C")
        .arg(dir.path())
        .args(["ls-files"])
        .output()
        .expect("git runs");
    let tracked = String::from_utf8_lossy(&tracked.stdout);
    assert!(
        tracked.contains("partners/example-partner.yaml"),
        "{tracked}"
    );
    assert!(!tracked.contains("private/"), "{tracked}");
    assert!(!tracked.contains("public/"), "{tracked}");
}

/// The fenced blocks of a Markdown file in the given language.
fn fenced_blocks(markdown: &str, language: &str) -> Vec<String> {
    let opening = format!("```{language}");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            None if line.trim() == opening => current = Some(String::new()),
            Some(_) if line.trim() == "```" => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn the_deploy_guide_steps_for_other_hosts_are_workflow_steps() {
    let guide = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"))
        .expect("docs/deploy.md");
    let blocks = fenced_blocks(&guide, "yaml");
    assert!(blocks.len() >= 3, "the Netlify, Cloudflare and S3 steps");
    for block in blocks {
        let steps: Value = serde_yaml::from_str(&block).expect("a YAML step list");
        for step in steps.as_sequence().expect("a list of steps") {
            assert!(step["name"].is_string(), "{block}");
            assert_eq!(
                condition(step),
                "github.ref == 'refs/heads/main'",
                "{block}"
            );
            assert_valid_shell(step["run"].as_str().expect("a run step"));
        }
    }
}

fn size_warning(report: &haven::BuildReport) -> Option<&haven::diagnostics::Diagnostic> {
    report
        .warnings
        .iter()
        .find(|d| d.code == haven::diagnostics::rules::LARGE_SITE)
}

#[test]
fn a_build_reports_the_bytes_and_files_a_host_will_count() {
    let output = tempfile::tempdir().expect("tempdir");
    let site = output.path().join("public");
    let report = haven::build(&plan(&example_site(), &site)).expect("the example site builds");
    let files = read_tree(&site);
    assert_eq!(report.files, files.len());
    let bytes: usize = files.values().map(Vec::len).sum();
    assert_eq!(report.bytes, bytes as u64);
    assert!(
        size_warning(&report).is_none(),
        "a small hub is far from any host's limit"
    );
}

/// The example site built into `site` for a host that publishes a
/// twentieth more than it weighs.
fn built_near_the_publish_limit(site: &Path) -> haven::BuildReport {
    let mut plan = plan(&example_site(), site);
    let size = haven::build(&plan).expect("builds").bytes;
    plan.publish_limit = size + size / 20;
    haven::build(&plan).expect("builds")
}

#[test]
fn a_site_near_the_publish_limit_is_warned_about_with_what_it_could_leave_out() {
    let output = tempfile::tempdir().expect("tempdir");
    let site = output.path().join("public");
    let report = built_near_the_publish_limit(&site);
    let size = report.bytes;
    let warning = size_warning(&report).expect("W088 within a tenth of the limit");
    assert_eq!(warning.path, Path::new("hub.yaml"));
    assert!(
        warning
            .message
            .contains(&haven::pipeline::size::readable(size)),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("near the"), "{}", warning.message);
    let export: u64 = fs::read_dir(site.join("data/hsds"))
        .expect("the HSDS export")
        .map(|entry| entry.expect("entry").metadata().expect("metadata").len())
        .sum();
    let help = warning.help.as_deref().expect("help");
    assert!(help.contains("hsds.export: false"), "{help}");
    assert!(
        help.contains(&haven::pipeline::size::readable(export)),
        "{help}"
    );
}

#[test]
fn a_site_over_the_publish_limit_is_told_its_deployment_fails_and_still_builds() {
    let output = tempfile::tempdir().expect("tempdir");
    let site = output.path().join("public");
    let mut plan = plan(&example_site(), &site);
    plan.publish_limit = 100_000;
    let report = haven::build(&plan).expect("a warning, not an error: other hosts publish it");
    let warning = size_warning(&report).expect("W088 over the limit");
    assert!(
        warning.message.contains("more than the 100.0 KB"),
        "{}",
        warning.message
    );
    assert!(site.join("index.html").is_file());
}

#[test]
fn check_weighs_the_site_a_build_would_write() {
    let output = tempfile::tempdir().expect("tempdir");
    let report =
        haven::build(&plan(&example_site(), &output.path().join("public"))).expect("builds");
    // A limit the built site is within a tenth of: check says the same
    // size, so a pull request that would pass the limit is told before
    // it is merged.
    let limit = report.bytes + report.bytes / 20;
    let diagnostics =
        haven::pipeline::build::check(&example_site(), today(), None, limit).expect("check runs");
    let warning = diagnostics
        .iter()
        .find(|d| d.code == haven::diagnostics::rules::LARGE_SITE)
        .expect("W088 from check");
    let said = format!(
        "{} in {} files",
        haven::pipeline::size::readable(report.bytes),
        report.files
    );
    assert!(
        warning.message.contains(&said),
        "{} lacks {said}",
        warning.message
    );
}

/// A size as `size::readable` writes it, back in bytes.
fn bytes_of(readable: &str) -> f64 {
    let (number, unit) = readable.split_once(' ').expect("a number and a unit");
    let number: f64 = number.parse().expect("a number");
    match unit {
        "KB" => number * 1e3,
        "MB" => number * 1e6,
        "GB" => number * 1e9,
        other => panic!("unit {other}"),
    }
}

#[test]
fn a_site_near_the_publish_limit_is_told_what_github_pages_weighs_zipped() {
    let output = tempfile::tempdir().expect("tempdir");
    let site = output.path().join("public");
    let report = built_near_the_publish_limit(&site);
    let message = &size_warning(&report).expect("W088").message;
    assert!(message.contains("GitLab.com Pages"), "{message}");
    let said = message
        .split_once("GitHub Pages weighs the upload zipped instead, about ")
        .and_then(|(_, rest)| rest.split_once(" here, under its 1 GB"))
        .map(|(figure, _)| bytes_of(figure))
        .unwrap_or_else(|| panic!("no zipped size in {message}"));
    // What GitHub Pages' upload step sends: the folder as a tar archive,
    // deflated at the default level.
    let tar = std::process::Command::new("sh")
        .arg("-c")
        .arg("tar -cf - . | gzip -6 | wc -c")
        .current_dir(&site)
        .output()
        .expect("tar and gzip");
    let zipped: f64 = String::from_utf8_lossy(&tar.stdout)
        .trim()
        .parse()
        .expect("a byte count");
    assert!(
        (said - zipped).abs() < zipped / 10.0,
        "said {said} bytes, tar | gzip gives {zipped}"
    );
}
