//! `claimex report` writes one self-contained page; headless Chromium loads it, its
//! charts render and its script reports no error. Without Chromium these tests fail,
//! unless CLAIMEX_SKIP_BROWSER=1 (`make chromium` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UKRAINE: &str = "../shared/data/corpora/ukraine-2022.jsonl";

/// Chromium flags for a quiet, offline, headless run.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=3000",
];

fn claimex(args: &[&str]) -> Output {
    let run = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(run.status.success(), "claimex {args:?}: {}", String::from_utf8_lossy(&run.stderr));
    run
}

/// Extracts `input` without NER and writes its report in `dir`, both under the `ukraine`
/// conflict profile.
fn report(input: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let (claims, page) = (dir.join("claims.jsonl"), dir.join("report.html"));
    let claims_path = claims.to_str().unwrap();
    claimex(&[
        "extract",
        input,
        "--no-ner",
        "--profile",
        "ukraine",
        "--threads",
        "2",
        "--no-progress",
        "-o",
        claims_path,
    ]);
    let mut args = vec!["report", claims_path, "--profile", "ukraine", "-o", page.to_str().unwrap()];
    args.extend_from_slice(extra);
    claimex(&args);
    page
}

/// Runs headless Chromium on a page; `None` when the browser is absent and skipping is allowed.
fn chromium(page: &Path, action: &str, profile: &Path) -> Option<Output> {
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let profile = format!("--user-data-dir={}", profile.display());
    match Command::new("chromium").args(CHROMIUM_FLAGS).arg(&profile).arg(action).arg(&url).output() {
        Ok(output) => Some(output),
        Err(_) if std::env::var("CLAIMEX_SKIP_BROWSER").as_deref() == Ok("1") => {
            eprintln!("skipped: chromium is not installed and CLAIMEX_SKIP_BROWSER=1");
            None
        }
        Err(error) => panic!("chromium is needed to test the report ({error}); run `make chromium` (Debian package `chromium`) or set CLAIMEX_SKIP_BROWSER=1"),
    }
}

/// The value of an attribute of the ready marker in a dumped DOM.
fn ready_attribute(dom: &str, name: &str) -> Option<usize> {
    let marker = &dom[dom.find("id=\"claimex-ready\"")?..];
    let at = marker.find(&format!("{name}=\""))? + name.len() + 2;
    marker[at..].split('"').next()?.parse().ok()
}

/// Loads the page in Chromium and checks that every chart drew and no script failed.
fn assert_page_loads(page: &Path, least_charts: usize) {
    let html = std::fs::read_to_string(page).unwrap();
    let without_namespaces = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(
        !without_namespaces.contains("http://") && !without_namespaces.contains("https://"),
        "the page must load nothing from the network"
    );
    let charts = html.matches("<svg class=\"chart\"").count();
    assert!(charts >= least_charts, "{charts} charts, wanted at least {least_charts}");
    let profile = tempfile::tempdir().unwrap();
    let Some(run) = chromium(page, "--dump-dom", profile.path()) else { return };
    let dom = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "chromium failed: {}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(
        ready_attribute(&dom, "data-errors"),
        Some(0),
        "script errors or no ready marker:\n{}",
        &dom[dom.len().saturating_sub(600)..]
    );
    assert_eq!(ready_attribute(&dom, "data-total"), Some(charts));
    assert_eq!(ready_attribute(&dom, "data-charts"), Some(charts), "every chart renders with a box and its claims");
}

#[test]
fn the_fixture_report_opens_in_chromium_with_both_seed_charts() {
    let dir = tempfile::tempdir().unwrap();
    let page = report("fixtures/corpus", dir.path(), &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Killed, people, Ukraine, since 2014"), "the group heading in plain words");
    assert!(html.contains("· 000_"), "each figure names its document");
    assert!(html.contains("<mark>more than 13,000</mark>"));
    assert!(html.contains("a dashed arrow is a bound the text leaves open"), "a legend of the marks");
    let mut colours: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
    for piece in html.split("<i class=\"swatch\" style=\"background:").skip(1) {
        let (colour, rest) = piece.split_once("\"></i>").expect("a swatch names its colour");
        let source = rest.split(['<', ' ']).next().unwrap_or("");
        colours.entry(source).or_default().insert(colour);
    }
    assert!(colours.len() >= 2 && colours.values().all(|c| c.len() == 1), "one colour per source: {colours:?}");
    assert!(html.contains("<mark>almost 100,000</mark>"));
    let contexts: Vec<&str> =
        html.split("<p class=\"context\">").skip(1).map(|p| p.split("</p>").next().unwrap()).collect();
    assert!(
        contexts
            .iter()
            .any(|p| p.contains("with Kiev. “I hope") && p.contains("concentrating <mark>almost 100,000</mark>")),
        "the sentence's paragraph, the figure marked at its own offsets (the second 'almost 100,000'): {contexts:?}"
    );
    assert!(html.contains("Top speakers") && html.contains("Claims per kind and source"));
    assert_page_loads(&page, 2);
}

#[test]
fn the_screenshot_is_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let page = report("fixtures/corpus", dir.path(), &[]);
    let png = dir.path().join("report.png");
    let profile = tempfile::tempdir().unwrap();
    let Some(run) = chromium(&page, &format!("--screenshot={}", png.display()), profile.path()) else { return };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000, "a real PNG, {} bytes", bytes.len());
}

#[test]
fn the_ukraine_2022_report_opens_in_chromium() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(UKRAINE);
    assert!(corpus.exists(), "{} is missing: the shared data sits beside the repository", corpus.display());
    let dir = tempfile::tempdir().unwrap();
    let page = report(UKRAINE, dir.path(), &["--per-document"]);
    assert_page_loads(&page, 10);
    let html = std::fs::read_to_string(&page).unwrap();
    let map = map_of(&html);
    assert!(map.matches("<circle class=\"place\"").count() >= 20, "a dot per place: {map}");
    assert!(map.contains("<title>Ukraine</title>") && map.contains("Mariupol:"), "outlines and named dots");
    assert!(map.contains("<a href=\"#group-"), "dots link to their groups");
}

/// The map's SVG in a report page.
fn map_of(html: &str) -> &str {
    let start = html.find("<svg class=\"map\"").expect("the report has a map");
    &html[start..start + html[start..].find("</svg>").expect("the map's SVG ends")]
}

#[test]
fn the_fixture_map_draws_the_seed_places_and_links_the_toll_group() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(report("fixtures/corpus", dir.path(), &[])).unwrap();
    let map = map_of(&html);
    assert!(map.contains("<a href=\"#group-1\"><circle class=\"place\""), "{map}");
    assert!(map.contains("<title>Ukraine: "), "{map}");
}
