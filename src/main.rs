//! The `claimex` command line: parses arguments and hands them to the library.

use anyhow::Context;
use claimex::io::write::Format;
use claimex::names::{NameIndex, Role};
use claimex::profile::{self, Profile};
use claimex::{compare, eval, pipeline, report};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Turn news text into a checkable file of claims: quotes, entities and numeric claims.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate documents and write one JSON line per document.
    Extract(ExtractArgs),
    /// Group numeric claims that count the same thing and show how the figures move.
    Compare(CompareArgs),
    /// Write a self-contained HTML report with a timeline chart per group.
    Report(ReportArgs),
    /// List the speakers and entities of claimex output under their corpus-wide
    /// canonical names (spelling variants, titles and bare surnames merged).
    Names(NamesArgs),
    /// Serve the web app and the JSON API on this machine (http://127.0.0.1:8000 by
    /// default): paste or drop articles, see their layers, compare, download.
    Serve(ServeArgs),
    /// Score claimex against gold data.
    Eval {
        #[command(subcommand)]
        target: EvalTarget,
    },
    /// Print the NER case class of each word read from stdin (one word a line): the one
    /// definition the model recipes in models/recipes call (hidden: a tool for them).
    #[command(hide = true)]
    CaseClasses {
        /// Read one JSON string (a text) a line instead and print, a line each, the text's
        /// tokens as the runtime cuts them: `[[start, end, class], ...]` in character offsets.
        #[arg(long)]
        texts: bool,
    },
}

/// Where the NER model and ONNX Runtime are.
#[derive(Args, Clone)]
struct ModelArgs {
    /// Skip NER (the entity layer stays empty).
    #[arg(long)]
    no_ner: bool,
    /// NER model directory [env: CLAIMEX_NER_MODEL; default: models/ner]: run it (with
    /// the rules' quotes) in place of the joint model, unless --attribution is given too.
    #[arg(long)]
    ner_model: Option<PathBuf>,
    /// Run the joint NER and attribution model (one pass, both heads) and merge its
    /// attributions with the rules' (scores: see README). The default; the flag stays so
    /// that scripts which pass it keep running.
    #[arg(long, conflicts_with = "no_attribution")]
    attribution: bool,
    /// Run the separate NER model (models/ner) and the rules' quotes alone, without the
    /// attribution head.
    #[arg(long)]
    no_attribution: bool,
    /// Attribution model directory [env: CLAIMEX_ATTRIBUTION_MODEL; default: models/attribution].
    #[arg(long)]
    attribution_model: Option<PathBuf>,
    /// ONNX Runtime shared library [env: ORT_DYLIB_PATH; default: .cache/onnxruntime/libonnxruntime.so].
    #[arg(long)]
    ort_lib: Option<PathBuf>,
    /// Worker threads (rule stages and ONNX Runtime intra-op threads), 1 to 256.
    #[arg(long, default_value_t = default_threads(), value_parser = threads_in_range)]
    threads: usize,
}

/// Which conflict profile the command uses.
#[derive(Args)]
struct ProfileArgs {
    /// Conflict profile (sides, whole countries, gazetteer): a built-in name (default,
    /// ukraine) or a path to a profile JSON file.
    #[arg(long, value_name = "NAME|PATH", default_value = "default")]
    profile: String,
}

impl ProfileArgs {
    /// The profile named, loaded.
    fn load(&self) -> anyhow::Result<Profile> {
        Ok(Profile::load(&self.profile)?)
    }
}

#[derive(Args)]
struct ExtractArgs {
    /// Inputs: .txt, .jsonl, .jsonl.gz files, directories (recursive), or - for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file, or - for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Output format: JSONL records, or the claims layer as Parquet (needs -o FILE).
    /// Without it, the output's extension decides (`.parquet`: Parquet, else JSONL).
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Documents annotated together (NER batches across them), 1 to 100000.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    chunk_size: u32,
    /// Never draw the progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Keep the records already in the output file and annotate only the documents it
    /// lacks (after an interrupted run; a torn last line is cut off).
    #[arg(long)]
    resume: bool,
    /// Take only slice K of N of the input documents (by position: K-1, K-1+N, ...).
    #[arg(long, value_name = "K/N")]
    shard: Option<pipeline::Shard>,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    profile: ProfileArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Parquet,
}

/// Which groups compare and report show.
#[derive(Args)]
struct SelectionArgs {
    /// Show groups with at least this many distinct independent sources (a source that only
    /// reruns another's report does not count; documents with --per-document).
    #[arg(long, default_value_t = 2)]
    min_sources: usize,
    /// Count distinct document ids instead of distinct sources.
    #[arg(long)]
    per_document: bool,
}

#[derive(Args)]
struct CompareArgs {
    /// claimex output: JSONL, .jsonl.gz, the claims Parquet of `extract --format parquet`, or - (JSONL on stdin).
    #[arg(required = true)]
    claims: Vec<PathBuf>,
    /// Write CSV, one row per claim.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Write JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    selection: SelectionArgs,
    #[command(flatten)]
    profile: ProfileArgs,
}

#[derive(Args)]
struct ReportArgs {
    /// claimex output: JSONL, .jsonl.gz, the claims Parquet of `extract --format parquet`, or - (JSONL on stdin).
    #[arg(required = true)]
    claims: Vec<PathBuf>,
    /// The HTML page to write.
    #[arg(short, long, default_value = "report.html")]
    output: PathBuf,
    #[command(flatten)]
    selection: SelectionArgs,
    #[command(flatten)]
    profile: ProfileArgs,
}

#[derive(Args)]
struct NamesArgs {
    /// claimex output: JSONL, .jsonl.gz, the claims Parquet of `extract --format parquet`, or - (JSONL on stdin).
    #[arg(required = true)]
    claims: Vec<PathBuf>,
    /// How many names to list, 1 to 100000.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    top: u32,
    /// List entities (counted in mentions) instead of speakers (counted in quotes).
    #[arg(long)]
    entities: bool,
    /// Every written form on its own, nothing merged (the view before merging).
    #[arg(long)]
    unmerged: bool,
    /// Write JSON: each name with its kind, counts and every written form.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 opens the
    /// unauthenticated API to the network.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Port to listen on (0: any free port; the URL is printed at start-up).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Largest request body accepted, in MiB, 1 to 1024; a larger one gets 413.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024))]
    max_body_mb: u32,
    /// Requests worked on at once (extract, compare, export), 1 to 256; one more gets
    /// 503 at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=256))]
    max_concurrent: u32,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    profile: ProfileArgs,
}

#[derive(Subcommand)]
enum EvalTarget {
    /// Score claims, quotes and entities against a fixtures directory's gold files.
    Fixtures {
        /// Directory holding corpus/ and gold/.
        #[arg(default_value = "fixtures")]
        dir: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Score the quotes layer on PolNeAR (cue, source, content: exact and overlap) and the
    /// fixtures' speakers.
    Quotes {
        /// A PolNeAR split directory holding text/ and attributions/.
        #[arg(long)]
        polnear: PathBuf,
        /// Fixtures directory (corpus/ and gold/) for quote speaker accuracy.
        #[arg(long, default_value = "fixtures")]
        fixtures: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Score the per-article tally against GVDB-style victim counts (`killed`, `injured`
    /// per JSONL line), with the always-0 and always-1 baselines.
    Victims {
        /// GVDB-style JSONL: `id`, `text`, `killed`, `injured` per line.
        file: PathBuf,
        /// Also print the articles whose counts are wrong (id, gold, tallied) to stdout.
        #[arg(long)]
        misses: bool,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Score NER on a CoNLL-2003 file (conlleval-compatible exact spans).
    Ner {
        /// CoNLL file: `token POS chunk NER` lines, blank lines between sentences.
        #[arg(long)]
        conll: PathBuf,
        #[command(flatten)]
        model: ModelArgs,
    },
}

/// The most worker threads accepted: more only exhaust memory and stacks on any machine
/// claimex runs on.
const MAX_THREADS: usize = 256;

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).min(MAX_THREADS)
}

/// Parses `--threads`: a whole number from 1 to [`MAX_THREADS`].
fn threads_in_range(value: &str) -> Result<usize, String> {
    let threads: usize = value.parse().map_err(|_| format!("{value:?} is not a whole number"))?;
    if (1..=MAX_THREADS).contains(&threads) {
        Ok(threads)
    } else {
        Err(format!("{threads} threads is outside 1..={MAX_THREADS}"))
    }
}

/// The output format: `--format` when given (and not contradicted by the output's
/// extension), else the extension's.
fn output_format(format: Option<OutputFormat>, output: &std::path::Path) -> anyhow::Result<Format> {
    let parquet_name = output.extension().is_some_and(|e| e.eq_ignore_ascii_case("parquet"));
    match (format, parquet_name) {
        (Some(OutputFormat::Jsonl), true) => {
            anyhow::bail!("--format jsonl contradicts the output name {}: drop one of them", output.display())
        }
        (Some(OutputFormat::Parquet), _) | (None, true) => Ok(Format::Parquet),
        (Some(OutputFormat::Jsonl), false) | (None, false) => Ok(Format::Jsonl),
    }
}

impl ModelArgs {
    /// The models these flags choose.
    fn choice(&self) -> pipeline::ModelChoice {
        pipeline::ModelChoice {
            no_ner: self.no_ner,
            attribution: self.attribution || !(self.no_attribution || self.no_ner || self.ner_model.is_some()),
            ner_dir: self.ner_model.clone(),
            attribution_dir: self.attribution_model.clone(),
            ort_lib: self.ort_lib.clone(),
        }
    }
}

/// The pipeline with the models `args` asks for, under a conflict profile.
fn build_pipeline(
    args: &ModelArgs,
    chunk_size: usize,
    progress: bool,
    profile: Arc<Profile>,
) -> anyhow::Result<pipeline::Pipeline> {
    let options = pipeline::Options { threads: args.threads, chunk_size, progress, profile };
    Ok(pipeline::Pipeline::new(pipeline::Transformer::load(&args.choice(), args.threads)?, options)?)
}

fn selection(args: &SelectionArgs) -> compare::Selection {
    compare::Selection { min_sources: args.min_sources, per_document: args.per_document }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => {
            let format = output_format(args.format, &args.output)?;
            let profile = Arc::new(args.profile.load()?);
            let pipeline = build_pipeline(&args.model, args.chunk_size as usize, !args.no_progress, profile)?;
            let output = pipeline::Output { path: args.output.clone(), format, resume: args.resume };
            let summary = pipeline::extract(&pipeline, &args.inputs, &output, args.shard)
                .with_context(|| format!("writing {}", args.output.display()))?;
            eprintln!("{}", summary.line());
            Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Compare(args) => {
            let (profile, selection) = (args.profile.load()?, selection(&args.selection));
            let records = compare::read_records(&args.claims)?;
            let groups = compare::compare_records(&records, selection, &profile);
            let summary = compare::InputSummary::of(&records);
            match (args.csv, args.json) {
                (true, _) => print!("{}", compare::csv(&groups)),
                (_, true) => println!("{}", compare::json(&groups)?),
                _ => print!("{}", compare::table(&groups)),
            }
            eprintln!("compare: {}; {}", summary.line(), compare::counted(groups.len(), "group", "groups"));
            if groups.is_empty() {
                let hint = compare::no_groups_hint(&records, selection, &profile, &summary);
                if args.csv || args.json {
                    eprintln!("{hint}")
                } else {
                    println!("{hint}")
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(args) => {
            let profile = args.profile.load()?;
            let summary = report::report_files(&args.claims, selection(&args.selection), &profile, &args.output)?;
            let groups = compare::counted(summary.groups, "group", "groups");
            eprintln!("{}: {}; {groups}", args.output.display(), summary.inputs.line());
            Ok(ExitCode::SUCCESS)
        }
        Command::Names(args) => {
            let records = compare::read_records(&args.claims)?;
            let index = if args.unmerged { NameIndex::unmerged(&records) } else { NameIndex::of(&records) };
            let role = if args.entities { Role::Entity } else { Role::Speaker };
            if args.json {
                let top: Vec<_> = index.ranked(role).into_iter().take(args.top as usize).collect();
                println!("{}", serde_json::to_string_pretty(&top)?);
            } else {
                print!("{}", index.table(role, args.top as usize));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let profile = Arc::new(args.profile.load()?);
            let pipeline = build_pipeline(&args.model, 256, false, profile.clone())?;
            let limits = claimex::serve::Limits {
                max_body_mb: args.max_body_mb as usize,
                max_concurrent: args.max_concurrent as usize,
            };
            let config = claimex::serve::Config { address: (args.host, args.port).into(), limits };
            claimex::serve::run(pipeline, profile, config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { target: EvalTarget::Fixtures { dir, model } } => {
            let pipeline = build_pipeline(&model, 256, false, profile::default_profile())?;
            print!("{}", eval::fixtures(&pipeline, &dir)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { target: EvalTarget::Quotes { polnear, fixtures, model } } => {
            let pipeline = build_pipeline(&model, 64, false, profile::default_profile())?;
            print!("{}", eval::quotes(&pipeline, &polnear, &fixtures)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { target: EvalTarget::Victims { file, misses, model } } => {
            let pipeline = build_pipeline(&model, 256, false, profile::default_profile())?;
            let report = eval::victims(&pipeline, &file)?;
            print!("{report}");
            if misses {
                print!("{}", report.misses_table());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { target: EvalTarget::Ner { conll, model } } => {
            let choice = model.choice().ner_head_only();
            let pipeline::Transformer::Ner(model) = pipeline::Transformer::load(&choice, model.threads)? else {
                anyhow::bail!("eval ner needs the NER model (drop --no-ner)");
            };
            print!("{}", eval::conll(&model, &conll)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::CaseClasses { texts } => {
            print_case_classes(texts)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `case-classes`: each stdin word's class, or with `texts` each stdin text's token classes.
fn print_case_classes(texts: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lines() {
        let line = line?;
        if texts {
            let text: String =
                serde_json::from_str(&line).context("case-classes --texts: a line is not a JSON string")?;
            writeln!(out, "{}", serde_json::to_string(&claimex::tokens::case_spans(&text))?)?;
        } else {
            writeln!(out, "{}", claimex::tokens::CaseClass::of(&line).id())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("claimex: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Lets a closed stdout end the process the way it ends other Unix tools (`claimex
/// compare ... | head`): quietly, killed by SIGPIPE (status 141 in the shell), instead of
/// Rust's default of failing the write with a panic or an error.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread starts; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
