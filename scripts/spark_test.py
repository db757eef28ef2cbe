#!/usr/bin/env python3
"""claimex under Apache Spark: runs `claimex extract -` over the partitions of a
corpus slice with PySpark in local mode and checks that the records are the ones a
single `claimex extract SLICE` writes: one per input line, every document once, in
input order, and identical JSON.

    .cache/spark-venv/bin/python scripts/spark_test.py \
        --claimex target/release/claimex --corpus ../shared/data/corpora/cnn.jsonl \
        --out out/spark --limit 200 --partitions 4

Exit status: 0 PASS, 1 FAIL (records differ, missing or out of order), 2 setup error.
See scripts/spark/README.md.
"""

import argparse
import json
import math
import os
import shlex
import struct
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts/spark"))
from claimex_spark import Claimex  # noqa: E402  (shipped to the workers with sc.addPyFile)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--claimex", default=str(ROOT / "target/release/claimex"), help="claimex binary")
    p.add_argument("--corpus", default=str(ROOT.parent / "shared/data/corpora/cnn.jsonl"), help="JSONL corpus")
    p.add_argument("--out", default=str(ROOT / "out/spark"), help="directory for slice, outputs and summary")
    p.add_argument("--partitions", type=int, default=4, help="minPartitions of sc.textFile (default 4)")
    p.add_argument("--limit", type=int, default=200, help="first N non-blank lines of the corpus (default 200)")
    p.add_argument("--no-ner", action="store_true", help="pass --no-ner to claimex")
    p.add_argument("--ner-model", default=os.environ.get("CLAIMEX_NER_MODEL", str(ROOT / "models/ner")))
    p.add_argument(
        "--ort-lib",
        default=os.environ.get("ORT_DYLIB_PATH", str(ROOT / ".cache/onnxruntime/libonnxruntime.so")),
        help="libonnxruntime.so (default $ORT_DYLIB_PATH)",
    )
    p.add_argument("--threads", type=int, default=1, help="claimex --threads, in every process (default 1)")
    p.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    p.add_argument("--chunk-size", type=int, help="claimex --chunk-size, in both runs (default: claimex's)")
    p.add_argument(
        "--pipe",
        choices=["claimex", "plain"],
        default="claimex",
        help="claimex: Claimex.pipe of scripts/spark/claimex_spark.py (skips empty partitions,\n"
        "takes exit 1 = some documents are error records as success, fails on other exits\n"
        "with claimex's stderr); plain: rdd.pipe(cmd, env=..., checkCode=True) as it is",
    )
    return p.parse_args()


def claimex_argv(args, binary):
    """The claimex command of both runs, less its input and output."""
    argv = [binary, "extract", "--no-progress", "--threads", str(args.threads)]
    if args.chunk_size:
        argv += ["--chunk-size", str(args.chunk_size)]
    argv += ["--no-ner"] if args.no_ner else ["--ner-model", args.ner_model]
    return argv


def write_slice(corpus, path, limit):
    """The first `limit` non-blank lines of the corpus; returns their document ids."""
    ids = []
    with open(corpus, "rb") as src, open(path, "wb") as dst:
        for line in src:  # bytes: split on b"\n" only, as Spark's and claimex's readers do
            if not line.strip():
                continue
            ids.append(json.loads(line).get("id"))
            dst.write(line.rstrip(b"\r\n") + b"\n")
            if len(ids) == limit:
                break
    return ids


def run_reference(argv, slice_path, ref_path):
    started = time.monotonic()
    proc = subprocess.run(argv + [str(slice_path), "-o", str(ref_path)], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if proc.returncode not in (0, 1):
        print(f"spark_test: reference run failed ({proc.returncode}): {proc.stderr.strip()}", file=sys.stderr)
        sys.exit(2)
    return elapsed, proc.stderr.strip()


def run_spark(args, claimex, slice_path):
    """Returns (records, partition sizes, context start seconds, job seconds)."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    started = time.monotonic()
    conf = (
        SparkConf()
        .setMaster(args.master)
        .setAppName("claimex-spark-test")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    sc.addPyFile(str(ROOT / "scripts/spark/claimex_spark.py"))
    context_s = time.monotonic() - started
    try:
        started = time.monotonic()
        if args.chunk_size:
            # Partitions of whole claimex chunks, for comparing runs chunk by chunk; NER
            # output no longer needs them (claimex batches one document per model call).
            documents = slice_path.read_bytes().decode("utf-8").split("\n")
            documents = [d for d in documents if d.strip()]
            slices = -(-len(documents) // args.chunk_size)
            lines = sc.parallelize(documents, slices)
        else:
            lines = sc.textFile(slice_path.resolve().as_uri(), minPartitions=args.partitions)
        if args.pipe == "plain":
            records = lines.pipe(shlex.join(claimex.argv()), env=claimex.env(), checkCode=True).collect()
        else:
            records = claimex.pipe(lines).collect()
        job_s = time.monotonic() - started
        sizes = lines.glom().map(len).collect()
    finally:
        sc.stop()
    return records, sizes, context_s, job_s


def f32_ulps(a, b):
    """Distance of two floats in float32 units in the last place."""
    ia, ib = (struct.unpack("<i", struct.pack("<f", x))[0] for x in (a, b))
    ia, ib = (i if i >= 0 else -(i & 0x7FFFFFFF) for i in (ia, ib))
    return abs(ia - ib)


def diff(ref, got, path=""):
    """Leaf differences between two parsed JSON values: (path, ref, got)."""
    if isinstance(ref, dict) and isinstance(got, dict):
        for key in sorted(set(ref) | set(got)):
            sub = f"{path}.{key}" if path else key
            if key not in ref or key not in got:
                yield sub, ref.get(key, "<absent>"), got.get(key, "<absent>")
            else:
                yield from diff(ref[key], got[key], sub)
    elif isinstance(ref, list) and isinstance(got, list):
        if len(ref) != len(got):
            yield f"{path}.len", len(ref), len(got)
            return  # index by index would only show the shift (entities: see describe_entities)
        for i, (r, g) in enumerate(zip(ref, got)):
            yield from diff(r, g, f"{path}[{i}]")
    elif ref != got or type(ref) is not type(got):
        yield path, ref, got


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def compare(ids, ref_lines, spark_lines):
    """Checks and their findings; returns (ok, report lines)."""
    report, ok = [], True

    def check(name, passed, detail=""):
        nonlocal ok
        ok &= passed
        report.append(f"  [{'ok' if passed else 'FAIL'}] {name}{': ' + detail if detail else ''}")

    n = len(ids)
    check("reference has one record per input line", len(ref_lines) == n, f"{len(ref_lines)} records, {n} lines")
    check("spark has one record per input line", len(spark_lines) == n, f"{len(spark_lines)} records, {n} lines")
    ref = [json.loads(line) for line in ref_lines]
    try:
        got = [json.loads(line) for line in spark_lines]
    except json.JSONDecodeError as error:
        check("spark records are JSON", False, str(error))
        return False, report
    spark_ids = [r.get("id") for r in got]
    counts = Counter(spark_ids)
    missing = [i for i in ids if i not in counts]
    repeated = sorted(i for i, c in counts.items() if c > 1)
    foreign = sorted(str(i) for i in counts if i not in set(ids))
    check(
        "every document exactly once",
        not missing and not repeated and not foreign,
        f"{len(missing)} missing, {len(repeated)} repeated, {len(foreign)} unknown ids",
    )
    check("spark records in input order", spark_ids == ids)
    check("reference records in input order", [r.get("id") for r in ref] == ids)
    errors = sum(r.get("status") != "ok" for r in got)
    report.append(f"  [info] {errors} error records in the spark output")

    by_id = {r.get("id"): (line, r) for line, r in zip(spark_lines, got)}
    identical = same_json = 0
    differing = []
    for line, r in zip(ref_lines, ref):
        other = by_id.get(r.get("id"))
        if other is None:
            continue
        if other[0] == line:
            identical += 1
        elif other[1] == r:
            same_json += 1
        else:
            differing.append((r, other[1]))
    check(
        "records identical to the reference",
        not differing,
        f"{identical} byte-identical, {same_json} equal as JSON only, {len(differing)} differ",
    )
    if differing:
        report += describe(differing)
        report += describe_entities(differing)
    return ok, report


def describe(differing):
    """Which fields differ, how often and by how much."""
    fields = defaultdict(lambda: {"docs": set(), "n": 0, "max_abs": 0.0, "max_ulps": 0, "numeric": True, "example": None})
    for ref, got in differing:
        for path, a, b in diff(ref, got):
            key = "".join("[]" if part.endswith("]") else part for part in _split_indices(path))
            f = fields[key]
            f["docs"].add(ref.get("id"))
            f["n"] += 1
            if is_number(a) and is_number(b) and math.isfinite(a) and math.isfinite(b) and key.endswith("score"):
                f["max_abs"] = max(f["max_abs"], abs(a - b))
                f["max_ulps"] = max(f["max_ulps"], f32_ulps(a, b))
            else:
                f["numeric"] = False
            if f["example"] is None:
                f["example"] = f"{ref.get('id')} {path}: reference {json.dumps(a)[:80]} spark {json.dumps(b)[:80]}"
    lines = ["  differing fields (path with [] for any index):"]
    for key, f in sorted(fields.items()):
        size = f"max |diff| {f['max_abs']:.3g}, max {f['max_ulps']} float32 ulp" if f["numeric"] else "not float noise"
        lines.append(f"    {key}: {f['n']} values in {len(f['docs'])} documents; {size}")
        lines.append(f"      e.g. {f['example']}")
    return lines


def describe_entities(differing):
    """The entity layers of differing records matched by span, not by list index."""
    n_ref = n_got = same = score_only = relabelled = only_ref = only_got = 0
    deltas, docs_same_spans = [], 0
    for ref, got in differing:
        a = {(e["start"], e["end"]): e for e in ref.get("entities", [])}
        b = {(e["start"], e["end"]): e for e in got.get("entities", [])}
        n_ref, n_got = n_ref + len(a), n_got + len(b)
        docs_same_spans += {k: e["label"] for k, e in a.items()} == {k: e["label"] for k, e in b.items()}
        for span in a.keys() & b.keys():
            if a[span] == b[span]:
                same += 1
            elif a[span]["label"] != b[span]["label"]:
                relabelled += 1
            else:
                score_only += 1
                deltas.append(abs(a[span]["score"] - b[span]["score"]))
        only_ref += len(a.keys() - b.keys())
        only_got += len(b.keys() - a.keys())
    deltas.sort()
    lines = [
        f"  entities of the {len(differing)} differing records, matched by span: {n_ref} reference, {n_got} spark;"
        f" {same} identical, {score_only} same label with another score, {relabelled} relabelled,"
        f" {only_ref} only in the reference, {only_got} only in spark;"
        f" {docs_same_spans} records with the same spans and labels"
    ]
    if deltas:
        median = deltas[len(deltas) // 2]
        lines.append(f"  score |diff| of same-label entities: median {median:.2g}, max {deltas[-1]:.2g}")
    return lines


def _split_indices(path):
    """'entities[3].score' -> ['entities', '[3]', '.score']."""
    parts, current = [], ""
    for ch in path:
        if ch == "[":
            parts.append(current)
            current = "["
        elif ch == "]":
            parts.append(current + "]")
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p for p in parts if p]


def main():
    args = parse_args()
    binary = str(Path(args.claimex).resolve())
    args.ner_model = str(Path(args.ner_model).resolve())
    args.ort_lib = str(Path(args.ort_lib).resolve())
    for what, path in [("claimex", binary), ("corpus", args.corpus), ("ONNX Runtime", args.ort_lib)] + (
        [] if args.no_ner else [("NER model", args.ner_model)]
    ):
        if not Path(path).exists():
            print(f"spark_test: {what} not found: {path}", file=sys.stderr)
            return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    slice_path, ref_path, spark_path = out / "slice.jsonl", out / "ref.jsonl", out / "spark.jsonl"

    ids = write_slice(args.corpus, slice_path, args.limit)
    if None in ids or len(set(ids)) != len(ids):
        print("spark_test: every document of the slice needs a distinct \"id\"", file=sys.stderr)
        return 2
    argv = claimex_argv(args, binary)
    os.environ["ORT_DYLIB_PATH"] = args.ort_lib
    extra = ["--chunk-size", str(args.chunk_size)] if args.chunk_size else []
    claimex = Claimex(binary, args.ort_lib, args.ner_model, not args.no_ner, args.threads, extra)

    print(f"slice: {len(ids)} documents of {args.corpus} -> {slice_path}")
    print(f"claimex: {shlex.join(argv)} ({'no NER' if args.no_ner else 'NER'})")
    ref_s, ref_summary = run_reference(argv, slice_path, ref_path)
    print(f"single process: {ref_s:.2f} s  ({ref_summary.splitlines()[-1] if ref_summary else ''})")

    records, sizes, context_s, job_s = run_spark(args, claimex, slice_path)
    spark_path.write_text("".join(r + "\n" for r in records), encoding="utf-8")
    print(
        f"spark {args.master}, {len(sizes)} partitions of {'/'.join(map(str, sizes))} documents, pipe={args.pipe}: "
        f"job {job_s:.2f} s, context start {context_s:.2f} s"
    )

    ref_lines = ref_path.read_bytes().decode("utf-8").split("\n")  # not splitlines(): U+2028 may be in a record
    ok, report = compare(ids, ref_lines[:-1] if ref_lines[-1] == "" else ref_lines, records)
    print("\n".join(report))
    summary = {
        "result": "PASS" if ok else "FAIL",
        "documents": len(ids),
        "ner": not args.no_ner,
        "partitions": sizes,
        "master": args.master,
        "pipe": args.pipe,
        "single_process_s": round(ref_s, 3),
        "spark_job_s": round(job_s, 3),
        "spark_context_s": round(context_s, 3),
        "load_average": os.getloadavg(),
        "checks": report,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(
        f"{summary['result']}: {len(ids)} documents, {len(records)} spark records, "
        f"{'no NER' if args.no_ner else 'NER'}; single {ref_s:.2f} s, spark job {job_s:.2f} s "
        f"(+{context_s:.2f} s context start); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
