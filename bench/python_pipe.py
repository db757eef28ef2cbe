"""Words per second and peak RSS of the Python package's `Pipeline.pipe` beside the CLI's
`claimex extract`, on the same documents (the first N of a JSONL corpus), in one run.

Each side runs in a child process of its own, measured by `os.wait4` (peak RSS is the
child's own). Words/s counts the words of the documents (whitespace separated) over the
annotation time: the CLI's from its summary line (the run, without loading the model),
Python's around `pipe` (reading and parsing the JSONL included, as in the CLI's run).
Rounds alternate between the two sides; the best round of each is reported. Usage:

    python bench/python_pipe.py --cli target/release/claimex --corpus cnn.jsonl [--limit 300]

(`make bench-python` runs it in a venv with the wheel installed.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import claimex


def main() -> None:
    """Runs the comparison, or one Python side when called as its worker."""
    args = parse_args()
    if args.worker:
        print(json.dumps(python_pipe(args.worker, args.threads, args.batch_size)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "slice.jsonl"
        documents = first_lines(args.corpus, args.limit, corpus)
        print(f"{documents} documents of {args.corpus}, {args.threads} threads, {args.rounds} rounds")
        print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        results: dict[str, list[dict]] = {"cli": [], "python": []}
        for _ in range(args.rounds):
            results["cli"].append(cli_extract(args.cli, corpus, args.threads))
            results["python"].append(python_worker(corpus, args.threads, args.batch_size))
        print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        for side, runs in results.items():
            rounds = ", ".join(f"{run['words_per_second']:.0f}" for run in runs)
            print(f"{side:>6} words/s by round: {rounds}")
        report({side: max(runs, key=lambda r: r["words_per_second"]) for side, runs in results.items()})


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", type=Path, default=Path("target/release/claimex"), help="the claimex binary")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/data/corpora/cnn.jsonl"))
    parser.add_argument("--limit", type=int, default=300, help="documents taken from the corpus's start")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256, help="pipe's batch_size (its default)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def first_lines(corpus: Path, limit: int, out: Path) -> int:
    """Copies the first `limit` non-blank lines of `corpus` to `out`; returns how many."""
    with corpus.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        lines = [line for line in source if line.strip()][:limit]
        sink.writelines(lines)
    return len(lines)


def measured(command: list[str]) -> tuple[str, float, int]:
    """Runs `command`; its output (stdout, then stderr), wall seconds and peak RSS in MiB
    (its own: `os.wait4` reaps it)."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0), stderr.seek(0)
        output = stdout.read() + stderr.read()
    if child.returncode:
        sys.exit(f"{command[0]} failed ({child.returncode}): {output}")
    return output, wall, round(usage.ru_maxrss / 1024)


def cli_extract(cli: Path, corpus: Path, threads: int) -> dict:
    """`claimex extract` over the corpus (records to a file beside it), with the ONNX
    Runtime library the package uses, from its summary line."""
    records = corpus.with_name("cli-records.jsonl")
    command = [str(cli), "extract", str(corpus), "-o", str(records), "--no-progress", "--threads", str(threads)]
    command += ["--ort-lib", str(claimex.onnxruntime_library())]
    output, wall, rss = measured(command)
    summary = re.search(r"(\d+) words in ([\d.]+)s", output)
    if not summary:
        sys.exit(f"no summary line in the CLI's output: {output}")
    words, seconds = int(summary[1]), float(summary[2])
    return {"words": words, "seconds": seconds, "words_per_second": words / seconds, "wall": wall, "rss_mib": rss}


def python_worker(corpus: Path, threads: int, batch_size: int) -> dict:
    """`python_pipe` in a child process of its own, with its wall time and peak RSS."""
    command = [sys.executable, __file__, "--worker", str(corpus), "--threads", str(threads)]
    output, wall, rss = measured(command + ["--batch-size", str(batch_size)])
    result = json.loads(output.strip().splitlines()[-1])
    return {**result, "words_per_second": result["words"] / result["seconds"], "wall": wall, "rss_mib": rss}


def python_pipe(corpus: Path, threads: int, batch_size: int) -> dict:
    """Loads the pipeline, then pipes the corpus's documents through it: the words of the
    documents, the seconds `pipe` took (reading the JSONL included) and the failures."""
    with corpus.open(encoding="utf-8") as lines:
        words = sum(len(json.loads(line)["text"].split()) for line in lines)
    nlp = claimex.Pipeline(threads=threads)
    started = time.perf_counter()
    with corpus.open(encoding="utf-8") as lines:
        records = nlp.pipe((json.loads(line) for line in lines), batch_size=batch_size)
        failed = sum(record["status"] != "ok" for record in records)
    return {"words": words, "seconds": time.perf_counter() - started, "failed": failed}


def report(best: dict[str, dict]) -> None:
    """Prints both sides and Python's speed against the CLI's."""
    for side, run in best.items():
        print(
            f"{side:>6}: {run['words']} words in {run['seconds']:.2f}s = {run['words_per_second']:.0f} words/s"
            f" (wall {run['wall']:.2f}s with loading), peak RSS {run['rss_mib']} MiB"
        )
    ratio = best["python"]["words_per_second"] / best["cli"]["words_per_second"]
    print(f"python/cli words/s: {ratio:.3f} ({'within' if ratio >= 0.9 else 'NOT within'} 10%)")


if __name__ == "__main__":
    main()
