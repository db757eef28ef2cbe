//! `make bench`: throughput of claimex on a fixed slice of a JSONL corpus.
//!
//! Prints documents/s and words/s of the rule stages (clean, sentences, quotes, numbers,
//! claims), then NER words/s and sentences/s and the end-to-end figures, and peak RSS.

use claimex::io::{read_inputs, Input};
use claimex::ner;
use claimex::pipeline::{Options, Pipeline};
use std::path::PathBuf;
use std::time::Instant;

struct Args {
    corpus: PathBuf,
    threads: usize,
    rule_docs: usize,
    ner_docs: usize,
    python: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut args = Args {
        corpus: PathBuf::from("../shared/data/corpora/cnn.jsonl"),
        threads: 2,
        rule_docs: 7039,
        ner_docs: 300,
        python: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => args.corpus = PathBuf::from(value),
            "--threads" => args.threads = value.parse().expect("--threads N"),
            "--rule-docs" => args.rule_docs = value.parse().expect("--rule-docs N"),
            "--ner-docs" => args.ner_docs = value.parse().expect("--ner-docs N"),
            "--python" => args.python = Some(PathBuf::from(value)),
            _ => panic!("unknown flag {flag}"),
        }
    }
    args
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn load(args: &Args, docs: usize) -> Vec<Input> {
    read_inputs(std::slice::from_ref(&args.corpus)).take(docs).collect()
}

/// Annotates `inputs` and prints one line of figures.
fn measure(label: &str, pipeline: &Pipeline, inputs: Vec<Input>) {
    let started = Instant::now();
    let docs = pipeline.annotate(inputs);
    let seconds = started.elapsed().as_secs_f64();
    let ok: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
    let words: usize = ok.iter().map(|d| d.text.split_whitespace().count()).sum();
    let sentences: usize = ok.iter().map(|d| d.sentences.len()).sum();
    let claims: usize = ok.iter().map(|d| d.claims.len()).sum();
    println!(
        "{label:<28} {:>6} docs {:>8.1} docs/s {:>10.0} words/s {:>8.0} sentences/s  ({} claims, {:.2}s)",
        docs.len(),
        docs.len() as f64 / seconds,
        words as f64 / seconds,
        sentences as f64 / seconds,
        claims,
        seconds
    );
}

/// Times the NER model alone on the sentences of `inputs`, as the pipeline batches them,
/// then the Python `transformers` pipeline on the same sentences when `python` is given.
fn measure_ner(model: &ner::Model, rules: &Pipeline, inputs: Vec<Input>, python: Option<&PathBuf>, threads: usize) {
    let docs: Vec<_> = rules.annotate(inputs).into_iter().filter_map(Result::ok).collect();
    let sentences: Vec<&str> = docs.iter().flat_map(|d| d.sentences.iter().map(|&s| d.slice(s))).collect();
    let words: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
    let started = Instant::now();
    let entities: usize = model.predict(&sentences).expect("NER runs").iter().map(Vec::len).sum();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{:<28} {:>6} docs {:>8.1} docs/s {:>10.0} words/s {:>8.0} sentences/s  ({} entities, {:.2}s)",
        "NER model alone",
        docs.len(),
        docs.len() as f64 / seconds,
        words as f64 / seconds,
        sentences.len() as f64 / seconds,
        entities,
        seconds
    );
    if let Some(python) = python {
        compare_with_python(python, &sentences, words as f64 / seconds, threads);
    }
}

/// Runs bench/hf_pipeline.py on the same sentences (one per line) and prints the ratio.
fn compare_with_python(python: &PathBuf, sentences: &[&str], rust_words_per_second: f64, threads: usize) {
    let file = std::env::temp_dir().join(format!("claimex-bench-{}.txt", std::process::id()));
    let lines: Vec<String> = sentences.iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    std::fs::write(&file, lines.join("\n")).expect("temp file");
    let output = std::process::Command::new(python)
        .args(["bench/hf_pipeline.py", &file.to_string_lossy(), "models/ner/pytorch", &threads.to_string()])
        .output();
    let _ = std::fs::remove_file(&file);
    let stdout = match output {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => {
            return println!(
                "python pipeline failed: {}",
                String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
            )
        }
        Err(error) => return println!("python pipeline not run: {error}"),
    };
    let fields: Vec<f64> = stdout.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
    if let [count, words, seconds] = fields[..] {
        let python_words_per_second = words / seconds;
        println!(
            "{:<28} {:>6} sents {:>10.0} words/s {:>8.0} sentences/s  ({:.2}s)",
            "python transformers pipeline",
            count,
            python_words_per_second,
            count / seconds,
            seconds
        );
        println!("NER speed-up over the python pipeline: {:.2}x", rust_words_per_second / python_words_per_second);
    }
}

fn main() {
    let args = parse_args();
    if !args.corpus.exists() {
        eprintln!("bench: corpus {} not found; pass --corpus PATH", args.corpus.display());
        std::process::exit(2);
    }
    println!("corpus {}, {} threads", args.corpus.display(), args.threads);
    let options = Options { threads: args.threads, chunk_size: 256, progress: false };
    let rules = Pipeline::new(None, options.clone()).expect("thread pool");
    measure("rule stages (no NER)", &rules, load(&args, args.rule_docs));
    let model =
        claimex::tagger::init_runtime(None).and_then(|rt| ner::Model::load(rt, &ner::model_dir(None), args.threads));
    match model {
        Ok(model) => {
            measure_ner(&model, &rules, load(&args, args.ner_docs), args.python.as_ref(), args.threads);
            let full = Pipeline::new(Some(model), options).expect("thread pool");
            measure("end to end (with NER)", &full, load(&args, args.ner_docs));
        }
        Err(error) => println!("NER skipped: {error}"),
    }
    println!("peak RSS {:.0} MiB", peak_rss_mib());
}
