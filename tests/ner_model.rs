//! The shipped NER model on real sentences: spans, labels and offsets.

use claimex::ner;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

fn model() -> ner::Model {
    let runtime = claimex::tagger::init_runtime(None).expect("ONNX Runtime: run `make runtime` or set ORT_DYLIB_PATH");
    ner::Model::load(runtime, &ner::model_dir(None), 2).expect("models/ner loads")
}

#[test]
fn people_places_and_organisations_in_a_seed_sentence() {
    let sentence = "However in Moscow, Kremlin spokesman Dmitri Peskov said it was the Ukrainians’ “aggressive and increasingly intensive provocative action” which risked sparking a conflict.";
    let entities = &model().predict(&[sentence]).unwrap()[0];
    let found: Vec<(&str, &str)> =
        entities.iter().map(|e| (&sentence[e.span.start..e.span.end], e.label.as_str())).collect();
    assert!(found.contains(&("Moscow", "LOC")), "{found:?}");
    assert!(found.contains(&("Dmitri Peskov", "PER")), "{found:?}");
    assert!(entities.iter().all(|e| sentence.is_char_boundary(e.span.start) && sentence.is_char_boundary(e.span.end)));
    assert!(entities.iter().all(|e| e.score > 0.3 && e.score <= 1.0));
    assert_eq!(found.iter().filter(|(_, l)| *l == "PER").count(), 1, "{found:?}");
}

#[test]
fn a_long_sentence_is_windowed_and_keeps_offsets() {
    let clause = "US Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Geneva, ";
    let sentence = clause.repeat(20);
    let entities = &model().predict(&[sentence.as_str()]).unwrap()[0];
    let people: Vec<&str> =
        entities.iter().filter(|e| e.label == "PER").map(|e| &sentence[e.span.start..e.span.end]).collect();
    assert_eq!(people.len(), 40, "{people:?}");
    assert!(people.iter().all(|p| *p == "Antony Blinken" || *p == "Sergei Lavrov"), "{people:?}");
}

/// Labels per entity text over the fixture stories, from the binary's output.
fn fixture_labels() -> BTreeMap<String, BTreeSet<String>> {
    let output = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", "fixtures/corpus", "--threads", "2"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        for e in record["entities"].as_array().unwrap() {
            labels
                .entry(e["text"].as_str().unwrap().to_string())
                .or_default()
                .insert(e["label"].as_str().unwrap().to_string());
        }
    }
    labels
}

#[test]
fn seed_people_places_and_organisations_get_their_labels() {
    let labels = fixture_labels();
    let people = [
        "Antony Blinken",
        "Dominic Raab",
        "Liz Truss",
        "Sergei Lavrov",
        "Dmitri Peskov",
        "Volodymyr Zelenskiy",
        "Dmytro Kuleba",
        "Ned Price",
        "Recep Tayyip Erdogan",
        "Josep Borrell",
        "Vladimir Putin",
    ];
    for (names, label) in [
        (&people[..], "PER"),
        (&["Russia", "Ukraine", "Crimea", "Donbass", "Moscow", "Kyiv"][..], "LOC"),
        (&["OSCE", "NATO", "State Department", "Kremlin"][..], "ORG"),
    ] {
        for name in names {
            assert!(labels.get(*name).is_some_and(|l| l.contains(label)), "{name}: {:?}", labels.get(*name));
        }
    }
    let kremlin: Vec<&String> = labels["Kremlin"].iter().collect();
    assert_eq!(kremlin, ["ORG"], "every seed Kremlin acts (\"the Kremlin warned\", \"Kremlin-backed\")");
}

/// Entities (text, label) of one text through `claimex extract`, the default pipeline.
fn extracted_entities(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", dir.path().to_str().unwrap(), "--threads", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimex runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let entities = record["entities"].as_array().unwrap().iter();
    entities.map(|e| (e["text"].as_str().unwrap().to_string(), e["label"].as_str().unwrap().to_string())).collect()
}

#[test]
fn entities_are_whole_names_never_cut_at_function_words() {
    let found = extracted_entities(
        "Local news\n\nThe Associated Press and The New York Times reported that the mayor of Barrow and the \
         governor of Alaska met officials from the Dominion of Canada. A spokesman for the Bank of England said the \
         Council of the European Union would meet in The Hague.",
    );
    let has = |text: &str| found.iter().any(|(t, _)| t == text);
    for whole in ["Associated Press", "The New York Times", "Barrow", "Dominion of Canada", "Bank of England"] {
        assert!(has(whole), "{whole:?} not in {found:?}");
    }
    assert!(has("Council of the European Union") && has("The Hague"), "{found:?}");
    let function_words = ["the", "a", "an", "and", "of", "in", "for", "on"];
    let cut = |(t, _): &&(String, String)| {
        let words: Vec<&str> = t.split(' ').collect();
        function_words.contains(&words[0]) || function_words.contains(words.last().unwrap())
    };
    assert_eq!(found.iter().filter(cut).count(), 0, "{found:?}");
}
