//! End-to-end runs of `claimex compare` on the claims of the fixture stories and of the
//! ukraine-2022 corpus in `../shared` (its absence fails the test), under the `ukraine`
//! conflict profile and the `default` one.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const UKRAINE: &str = "../shared/data/corpora/ukraine-2022.jsonl";

fn claimex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs")
}

/// Extracts `input` (without NER) to a JSONL file in `dir`.
fn extract(input: &str, dir: &Path) -> PathBuf {
    let out = dir.join("claims.jsonl");
    let out_path = out.to_str().unwrap();
    let run = claimex(&[
        "extract",
        input,
        "--no-ner",
        "--profile",
        "ukraine",
        "--threads",
        "2",
        "--no-progress",
        "-o",
        out_path,
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

fn compare_json(claims: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["compare", claims.to_str().unwrap(), "--profile", "ukraine", "--json"];
    args.extend_from_slice(extra);
    let run = claimex(&args);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_slice(&run.stdout).expect("compare --json prints JSON");
    json["groups"].as_array().expect("groups").clone()
}

/// The group holding a figure, as (date, figure, asserted_by, versus_previous) rows.
fn group_with(groups: &[Value], figure: &str) -> Vec<(String, String, String, String)> {
    let group = groups
        .iter()
        .find(|g| g["entries"].as_array().unwrap().iter().any(|e| e["figure"] == figure))
        .unwrap_or_else(|| panic!("no group holds {figure}"));
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    group["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (text(&e["date"]), text(&e["figure"]), text(&e["asserted_by"]), text(&e["versus_previous"])))
        .collect()
}

#[test]
fn the_donbas_death_toll_group_holds_the_three_figures_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let groups = compare_json(&extract("fixtures/corpus", dir.path()), &[]);
    let toll = group_with(&groups, "more than 13,000");
    let dated: Vec<(&str, &str)> = toll.iter().map(|(date, figure, _, _)| (date.as_str(), figure.as_str())).collect();
    assert_eq!(
        dated,
        [("2021-04-11", "more than 13,000"), ("2021-11-11", "14,000"), ("2021-12-02", "More than 14,000")]
    );
    assert!(toll[1].2.contains("Kiev"), "14,000 is Kiev's figure: {toll:?}");
    assert!(toll.iter().all(|(_, _, _, verdict)| verdict != "contradictory"), "{toll:?}");
}

#[test]
fn the_troop_group_holds_zelenskiys_figure_and_the_later_higher_one() {
    let dir = tempfile::tempdir().unwrap();
    let groups = compare_json(&extract("fixtures/corpus", dir.path()), &[]);
    let troops = group_with(&groups, "more than 100,000");
    assert!(
        troops.iter().any(|(_, figure, by, _)| figure == "almost 100,000" && by.contains("Zelenskiy")),
        "{troops:?}"
    );
    let last = troops.last().unwrap();
    assert_eq!((last.0.as_str(), last.1.as_str(), last.3.as_str()), ("2022-02-01", "more than 100,000", "rising"));
    assert!(!group_with(&groups, "14,000").iter().any(|(_, figure, _, _)| figure.contains("100,000")));
}

#[test]
fn table_and_csv_show_the_same_claims_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let claims = extract("fixtures/corpus", dir.path());
    let entries: usize = compare_json(&claims, &[]).iter().map(|g| g["entries"].as_array().unwrap().len()).sum();
    let csv = claimex(&["compare", claims.to_str().unwrap(), "--profile", "ukraine", "--csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("group,key,sources,documents,position,doc_id,source,date"));
    assert_eq!(csv.lines().count(), entries + 1);
    let table =
        String::from_utf8(claimex(&["compare", claims.to_str().unwrap(), "--profile", "ukraine"]).stdout).unwrap();
    assert!(table.contains("GROUP 1  Killed, people, Ukraine, since 2014"), "{table}");
    assert!(table.contains("almost 100,000"));
    let widest = table.lines().map(|line| line.chars().count()).max().unwrap_or(0);
    assert!(widest <= 100, "the table fits 100 columns, widest line {widest}:\n{table}");
    assert!(!table.contains("[100000"), "no interval notation in the table: {table}");
}

#[test]
fn a_malformed_line_is_reported_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"a\",\"status\":\"ok\",\"claims\":[]}\nnot json\n").unwrap();
    let run = claimex(&["compare", bad.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("bad.jsonl:2: not a claimex record"), "{stderr}");
}

/// The figures of the group holding a sentence fragment, with their sources.
fn figures_with(groups: &[Value], fragment: &str) -> Vec<(String, String)> {
    let holds = |e: &Value| e["sentence"].as_str().is_some_and(|s| s.contains(fragment));
    groups
        .iter()
        .find(|g| g["entries"].as_array().unwrap().iter().any(holds))
        .map(|g| g["entries"].as_array().unwrap().iter().map(|e| (text(&e["source"]), text(&e["figure"]))).collect())
        .unwrap_or_default()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or("").to_string()
}

#[test]
fn ukraine_2022_groups_reports_of_one_incident_from_both_outlets_and_keeps_others_apart() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join(UKRAINE);
    assert!(corpus.exists(), "{} is missing: the shared data sits beside the repository", corpus.display());
    let dir = tempfile::tempdir().unwrap();
    let claims = extract(UKRAINE, dir.path());
    let by_document = compare_json(&claims, &["--per-document"]);
    assert!(by_document.len() >= 10, "only {} groups with two or more documents", by_document.len());
    let by_outlet = compare_json(&claims, &[]);
    assert!(by_outlet.iter().all(|g| g["sources"].as_u64() >= Some(2)));
    assert!(by_outlet.len() >= 10, "only {} groups with both outlets", by_outlet.len());
    // Olenivka: "captured fighters" (NYT) and "Ukrainian prisoners of war" (Guardian), 40 to 53.
    let olenivka = figures_with(&by_outlet, "At least 40 captured fighters were killed");
    assert!(olenivka.contains(&("guardian".into(), "53".into())), "{olenivka:?}");
    // Vinnytsia's wounded: up to 66 (Guardian) against 140 (NYT) on the same day.
    let wounded = figures_with(&by_outlet, "wounded 140 others");
    assert_eq!(wounded, [("guardian".into(), "up to 66".into()), ("nyt".into(), "140".into())]);
    // A daily rate is not a toll; "hundreds ... every day" meets "up to 100 ... a day".
    let daily = figures_with(&by_outlet, "hundreds of Ukrainian troops were dying every day");
    assert!(daily.contains(&("guardian".into(), "between 100 and 200".into())), "{daily:?}");
    // Belgorod, 3 July: NYT's "a Russian city ... killing four" takes its place from the
    // paragraph ("the attack in Belgorod"), past a bare "in Russia".
    let belgorod = figures_with(&by_outlet, "explosions hit the center of a Russian city");
    assert!(belgorod.contains(&("guardian".into(), "At least three".into())), "{belgorod:?}");
    // Russian dead: Ukraine's 37,000 (Guardian) against the British 25,000 (NYT).
    let russian_dead = figures_with(&by_outlet, "the number of dead Russians at 25,000");
    assert_eq!(russian_dead, [("guardian".into(), "37,000".into()), ("nyt".into(), "25,000".into())]);
    // Serhiivka, 1 July: "in Serhiivka, 50km south of Odesa" (Guardian) and "near Odesa"
    // (NYT, the area around the city, not the city).
    let serhiivka = figures_with(&by_outlet, "missiles crashed into buildings near Odesa");
    assert_eq!(serhiivka, [("guardian".into(), "21".into()), ("nyt".into(), "21".into())]);
    // Reports that met on a big city alone, on a day inside five months, or on a time the
    // count did not state stay apart: Mykolaiv's bus stop (five) and high-rise (one) of one
    // night; Russia's 600 killed overnight and "tens of thousands" over five months;
    // Toretsk's eight on Thursday (the time closes "eight killed and four wounded") and
    // six in Donetsk region the Friday before.
    for (one, other) in [
        ("strike on a bus stop in the city of Mykolaiv", "struck a high-rise building overnight"),
        ("claiming it had killed 600 fighters", "killing tens of thousands of soldiers"),
        ("eastern Ukrainian town of Toretsk", "At least six civilians were killed and 15 others"),
    ] {
        let group = figures_with(&by_outlet, one);
        assert!(group.is_empty() || group != figures_with(&by_outlet, other), "{one} grouped with {other}: {group:?}");
    }
    // Figures that once met through open fields stay apart: one side's dead are not
    // everyone's (37,000 Russian soldiers, Mariupol's 21,000, the Finnish civil war).
    for (one, other) in [
        ("Transnistria", "2,400 Marines"),
        ("Ireland is hosting", "near Bordeaux"),
        ("37,000 dead Russian soldiers", "Finnish civil war"),
        ("37,000 dead Russian soldiers", "killing at least 21,000 people"),
    ] {
        let group = figures_with(&by_document, one);
        let group_of_other = figures_with(&by_document, other);
        assert!(group.is_empty() || group != group_of_other, "{one} grouped with {other}: {group:?}");
    }
}

#[test]
fn places_come_from_geonames_under_any_profile_and_a_profile_file_can_stand_in() {
    let dir = tempfile::tempdir().unwrap();
    let claims = extract("fixtures/corpus", dir.path());
    let table = |profile: &str| {
        let run = claimex(&["compare", claims.to_str().unwrap(), "--profile", profile, "--csv"]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8(run.stdout).unwrap()
    };
    let default = table("default");
    assert!(default.contains("1,killed | people | side=* | region=ukraine | time=since 2014,"), "{default}");
    assert!(default.contains("troops | soldiers | side=russian | region=border"), "{default}");
    let file = dir.path().join("kremlin.json");
    std::fs::write(&file, r#"{"name": "kremlin", "extends": "default", "sides": {"russian": "Kremlin"}}"#).unwrap();
    let renamed = table(file.to_str().unwrap());
    assert!(renamed.contains("troops | soldiers | side=kremlin | region=border"), "{renamed}");
}

#[test]
fn an_unknown_profile_names_the_built_in_ones() {
    let run = claimex(&["compare", "fixtures/corpus", "--profile", "atlantis"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no profile \"atlantis\"") && stderr.contains("default, ukraine"), "{stderr}");
}

/// The groups `compare --json` finds in `input` (a path, or `-` with `stdin` piped in),
/// as (key, date, figure) rows: what every input format must agree on.
fn groups_of(input: &str, stdin: Option<&Path>) -> Vec<(String, String, String)> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimex"));
    command.args(["compare", input, "--profile", "ukraine", "--json"]).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(file) = stdin {
        command.stdin(std::fs::File::open(file).expect("stdin file opens"));
    }
    let run = command.output().expect("claimex runs");
    assert!(run.status.success(), "{input}: {}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_slice(&run.stdout).expect("compare --json prints JSON");
    let mut rows = Vec::new();
    for group in json["groups"].as_array().expect("groups") {
        for entry in group["entries"].as_array().expect("entries") {
            rows.push((text(&group["key"]), text(&entry["date"]), text(&entry["figure"])));
        }
    }
    rows
}

#[test]
fn compare_reads_jsonl_gzip_parquet_and_stdin_alike() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = extract(UKRAINE, dir.path());
    let parquet = dir.path().join("claims.parquet");
    let run = claimex(&[
        "extract",
        UKRAINE,
        "--no-ner",
        "--profile",
        "ukraine",
        "--no-progress",
        "--format",
        "parquet",
        "-o",
        parquet.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let gzip = dir.path().join("claims.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&gzip).unwrap(), flate2::Compression::fast());
    std::io::copy(&mut std::fs::File::open(&jsonl).unwrap(), &mut encoder).unwrap();
    encoder.finish().unwrap();

    let from_jsonl = groups_of(jsonl.to_str().unwrap(), None);
    assert!(from_jsonl.len() >= 20, "ukraine-2022 has cross-outlet groups: {from_jsonl:?}");
    assert_eq!(groups_of(gzip.to_str().unwrap(), None), from_jsonl, "gzip-compressed JSONL");
    assert_eq!(groups_of(parquet.to_str().unwrap(), None), from_jsonl, "Parquet claims");
    assert_eq!(groups_of("-", Some(&jsonl)), from_jsonl, "JSONL on standard input");
}

#[test]
fn totals_name_failed_documents_and_no_groups_says_why_and_what_to_try() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("wire.jsonl");
    let story = "Two soldiers were killed in Kharkiv on Monday, officials said.";
    let lines = [
        serde_json::json!({"id": "first", "source": "wire", "date": "2022-05-02", "text": story}),
        serde_json::json!({"id": "again", "source": "wire", "date": "2022-05-02", "text": story}),
        serde_json::json!({"id": "broken", "source": "wire"}),
    ];
    std::fs::write(&input, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    let claims = dir.path().join("claims.jsonl");
    let run =
        claimex(&["extract", input.to_str().unwrap(), "--no-ner", "--no-progress", "-o", claims.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "one document fails: {}", String::from_utf8_lossy(&run.stderr));

    let run = claimex(&["compare", claims.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(stdout.contains("no groups: a group needs claims from at least 2 independent sources"), "{stdout}");
    assert!(stdout.contains("the input has 1 source and 2 claims"), "{stdout}");
    assert!(stdout.contains("--per-document (distinct documents) shows 1 group"), "{stdout}");
    assert!(stderr.contains("3 documents (1 failed: broken), 1 source, 2 claims; 0 groups"), "{stderr}");
}

#[test]
fn names_merges_spellings_and_surnames_across_stories() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("stories.jsonl");
    let stories = [
        ("a", "wire", "\"We will win,\" President Volodymyr Zelenskiy said on Monday."),
        ("b", "paper", "\"We will not give up,\" Zelensky said. \"The talks are over,\" the Kremlin said."),
        ("c", "paper", "\"Our people are strong,\" Zelenskyy told reporters in Kyiv."),
    ];
    let lines: String = stories
        .iter()
        .map(|(id, source, text)| format!("{}\n", serde_json::json!({"id": id, "source": source, "text": text})))
        .collect();
    std::fs::write(&input, lines).unwrap();
    let claims = extract(input.to_str().unwrap(), dir.path());

    let merged = claimex(&["names", claims.to_str().unwrap()]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    let table = String::from_utf8(merged.stdout).unwrap();
    let first = table.lines().nth(1).unwrap_or_default();
    assert!(first.contains("Volodymyr Zelenskiy") && first.contains(" 3  "), "{table}");
    assert!(first.contains("Zelensky") && first.contains("Zelenskyy"), "{table}");
    assert!(table.lines().any(|l| l.contains("Kremlin") && l.contains("institution")), "{table}");

    let unmerged = claimex(&["names", claims.to_str().unwrap(), "--unmerged", "--json"]);
    let names: serde_json::Value = serde_json::from_slice(&unmerged.stdout).unwrap();
    let written: Vec<&str> = names.as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(written.len(), 4, "each form on its own: {written:?}");

    let absurd = claimex(&["names", claims.to_str().unwrap(), "--top", "0"]);
    assert_eq!(absurd.status.code(), Some(2), "--top 0 is a usage error");
}

#[test]
fn the_table_explains_the_inferred_date_mark() {
    let dir = tempfile::tempdir().unwrap();
    let claims = extract("fixtures/corpus", dir.path());
    let run = claimex(&["compare", "--profile", "ukraine", claims.to_str().unwrap()]);
    let table = String::from_utf8(run.stdout).unwrap();
    assert!(table.contains("2021-11-11~"), "a seed's date is inferred: {table}");
    assert!(table.ends_with("~ after a date: the document gave no date; the latest full date in its text stands in.\n"));
}

/// A wire story about a flood, as one outlet ran it; `edit` rewords a few words.
fn wire_story(edit: &[(&str, &str)]) -> String {
    let mut story = "Floods kill 12 in river valley\n\nAt least 12 people were killed when the Sava river burst its \
                     banks overnight near the town of Brod, flooding hundreds of homes and cutting the main road, \
                     regional officials said on Tuesday. Rescue teams were still searching for survivors in the \
                     worst-hit villages downstream, where the water rose by two metres in under an hour."
        .to_string();
    for (from, to) in edit {
        story = story.replace(from, to);
    }
    story
}

#[test]
fn a_wire_story_rerun_by_three_outlets_counts_as_one_independent_source() {
    let dir = tempfile::tempdir().unwrap();
    let stories = [
        ("wire", wire_story(&[])),
        ("herald", wire_story(&[("overnight", "late on Monday"), ("regional officials", "officials")])),
        ("courier", wire_story(&[("were still searching", "kept searching"), ("worst-hit", "hardest-hit")])),
        ("gazette", wire_story(&[("Floods kill 12", "Twelve dead as floods hit"), ("two metres", "2 metres")])),
        (
            "observer",
            "Valley mourns flood victims\n\nTwelve people died in the flooding near Brod on Monday night, the \
             town's mayor told our reporter at a shelter on Tuesday, adding that her own street was under water."
                .to_string(),
        ),
    ];
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = stories
        .iter()
        .map(|(source, text)| {
            let date = if *source == "wire" { "2024-05-13" } else { "2024-05-14" };
            serde_json::json!({"id": source, "source": source, "date": date, "text": text}).to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let claims = extract(corpus.to_str().unwrap(), dir.path());
    let groups = compare_json(&claims, &["--min-sources", "1"]);
    let flood = groups
        .iter()
        .find(|g| g["entries"].as_array().unwrap().iter().any(|e| e["doc_id"] == "observer"))
        .expect("a group holds the independent report");
    let entries = flood["entries"].as_array().unwrap();
    let docs: BTreeSet<&str> = entries.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 5, "{flood:#}");
    assert_eq!((flood["sources"].as_u64(), flood["independent_sources"].as_u64()), (Some(5), Some(2)), "{flood:#}");
    let copies: BTreeSet<&str> =
        entries.iter().filter(|e| !e["copy_of"].is_null()).map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert_eq!(copies, BTreeSet::from(["courier", "gazette", "herald"]), "{flood:#}");
    // --min-sources counts independent sources: two, not five.
    let at_least =
        |n: &str| compare_json(&claims, &["--min-sources", n]).iter().any(|g| g["sources"].as_u64() == Some(5));
    assert!(at_least("2") && !at_least("3"));
}

#[test]
fn gvdb_groups_one_incident_across_outlets_and_finds_wire_copies() {
    let gvdb = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/gvdb/dev.jsonl");
    let text = std::fs::read_to_string(&gvdb).unwrap_or_else(|e| panic!("{}: {e}", gvdb.display()));
    let dir = tempfile::tempdir().unwrap();
    // Each article's outlet (its URL's host) is its source.
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).unwrap();
            let url = record["url"].as_str().unwrap_or("").to_string();
            let host = url.split('/').nth(2).unwrap_or("unknown").trim_start_matches("www.").to_string();
            record["source"] = Value::String(host);
            record.to_string()
        })
        .collect();
    let corpus = dir.path().join("gvdb.jsonl");
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let claims = extract(corpus.to_str().unwrap(), dir.path());
    let by_outlet = compare_json(&claims, &[]);
    let outlets = |group: &Value| -> BTreeSet<String> {
        group["entries"].as_array().unwrap().iter().map(|e| e["source"].as_str().unwrap().to_string()).collect()
    };
    let san_bernardino = by_outlet
        .iter()
        .find(|g| g["heading"].as_str().unwrap().contains("San Bernardino"))
        .expect("the San Bernardino shooting is one group");
    assert_eq!(outlets(san_bernardino), BTreeSet::from(["kdvr.com".to_string(), "m.krcrtv.com".to_string()]));
    assert!(by_outlet.iter().all(|g| g["independent_sources"].as_u64() >= Some(2)));
    // Two Hearst stations ran one wire story: one independent source, two outlets.
    let by_document = compare_json(&claims, &["--per-document"]);
    let copied = by_document.iter().flat_map(|g| g["entries"].as_array().unwrap()).find(|e| e["doc_id"] == "8488");
    assert!(copied.is_some_and(|e| e["source"] == "wlky.com"), "{copied:?}");
    assert!(by_document.iter().flat_map(|g| g["entries"].as_array().unwrap()).any(|e| e["copy_of"] == "8488"));
}

#[test]
fn reports_of_one_big_city_meet_on_a_stated_day_not_on_the_city_alone() {
    let dir = tempfile::tempdir().unwrap();
    let story = |id: &str, source: &str, date: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "date": date, "text": text}).to_string()
    };
    let corpus = [
        story("day-a", "a.example", "2023-03-08", "Rockets killed 12 civilians in Dnipro on Tuesday, the regional governor said."),
        story("day-b", "b.example", "2023-03-09", "The death toll from Tuesday's strike rose as officials said 30 civilians were killed in Dnipro on Tuesday."),
        story("city-a", "a.example", "2023-04-02", "At least four people were killed in Dnipro when a missile hit a bus station, officials said."),
        story("city-b", "b.example", "2023-04-02", "One civilian was killed in Dnipro when a drone struck a power plant, the mayor said."),
    ];
    let input = dir.path().join("dnipro.jsonl");
    std::fs::write(&input, corpus.join("\n")).unwrap();
    let claims = extract(input.to_str().unwrap(), dir.path());
    let groups = compare_json(&claims, &[]);
    let ids = |g: &Value| -> BTreeSet<String> {
        g["entries"].as_array().unwrap().iter().map(|e| text(&e["doc_id"])).collect()
    };
    let found: Vec<BTreeSet<String>> = groups.iter().map(ids).collect();
    assert_eq!(found, [BTreeSet::from(["day-a".to_string(), "day-b".to_string()])], "{groups:#?}");
}
