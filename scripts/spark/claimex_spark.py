#!/usr/bin/env python3
"""claimex on Apache Spark: one `claimex extract - -o -` per partition of an RDD of
JSONL lines, records out in input order (see README.md beside this file).

As a library (ship this file with --py-files or sc.addPyFile):

    from claimex_spark import Claimex
    records = Claimex("claimex", ort_lib="libonnxruntime.so", ner_model="ner").pipe(lines)

As a job:

    spark-submit --files target/release/claimex,.cache/onnxruntime/libonnxruntime.so \\
        --archives ner.tar.gz#ner scripts/spark/claimex_spark.py INPUT OUTPUT_DIR \\
        --claimex claimex --ort-lib libonnxruntime.so --ner-model ner

A path that is not absolute is looked up, on each executor, among the files Spark
shipped (SparkFiles: --files, --archives, sc.addFile) and then in the executor's
working directory; an absolute path is used as it is (local mode, shared disks).
"""

import argparse
import os
import shlex
import subprocess
import threading


class ClaimexError(RuntimeError):
    """claimex exited with a status other than 0 (all ok) or 1 (some error records)."""


def locate(path):
    """`path` on this executor: absolute as is, else shipped by Spark, else in the cwd."""
    if path is None or os.path.isabs(path):
        return path
    try:
        from pyspark import SparkFiles

        shipped = os.path.join(SparkFiles.getRootDirectory(), path)
        if os.path.exists(shipped):
            return shipped
    except Exception:  # not inside a Spark task
        pass
    return os.path.abspath(path)


class Claimex:
    """The claimex command of every partition.

    binary, ort_lib, ner_model: paths (see `locate`); ner_model None with ner=False
    skips NER. threads: claimex --threads per process (one process per task slot, so
    spark.task.cpus = threads keeps a machine's cores from being oversubscribed).
    extra: further `claimex extract` options, e.g. ["--attribution"]."""

    def __init__(self, binary, ort_lib, ner_model=None, ner=True, threads=1, extra=()):
        self.binary, self.ort_lib, self.ner_model, self.ner = binary, ort_lib, ner_model, ner
        self.threads, self.extra = threads, list(extra)

    def argv(self):
        """The command on this executor, reading stdin and writing stdout."""
        argv = [locate(self.binary), "extract", "-", "-o", "-", "--no-progress", "--threads", str(self.threads)]
        argv += ["--ner-model", locate(self.ner_model)] if self.ner else ["--no-ner"]
        return argv + self.extra

    def env(self):
        """The whole environment of claimex: PATH and ONNX Runtime's library."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ORT_DYLIB_PATH": locate(self.ort_lib)}
        if self.ner:
            env["CLAIMEX_NER_MODEL"] = locate(self.ner_model)
        return env

    def __call__(self, lines):
        """mapPartitions function: records of a partition's lines, in their order.

        Unlike rdd.pipe, it starts no claimex for an empty partition (empty stdin is an
        error record), takes exit 1 (some documents are error records, which are in the
        output) as success, and fails the task with claimex's stderr on any other exit."""
        first = next(lines, None)
        if first is None:
            return
        argv = self.argv()
        if not os.access(argv[0], os.X_OK) and os.path.exists(argv[0]):
            os.chmod(argv[0], 0o755)  # a shipped file may come without its x bit
        proc = subprocess.Popen(
            argv, env=self.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        stderr = []

        def feed():
            try:
                proc.stdin.write(first.rstrip("\n").encode("utf-8") + b"\n")
                for line in lines:
                    proc.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # claimex died: its exit status says why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        threads = [
            threading.Thread(target=feed, daemon=True),
            threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True),
        ]
        for t in threads:
            t.start()
        for raw in proc.stdout:
            yield raw.rstrip(b"\n").decode("utf-8")
        code = proc.wait()
        for t in threads:
            t.join()
        if code not in (0, 1):
            tail = b"".join(stderr).decode("utf-8", "replace")[-2000:]
            raise ClaimexError(f"{shlex.join(argv)} exited {code}: {tail}")

    def pipe(self, lines):
        """RDD of records, one per line of `lines` (an RDD of JSONL strings), in order."""
        return lines.mapPartitions(self)


def main():
    p = argparse.ArgumentParser(description="claimex extract over a JSONL corpus with Spark")
    p.add_argument("input", help="JSONL file(s) or directory, any Hadoop path (file:, hdfs:, s3a:)")
    p.add_argument("output", help="output directory: part-00000... hold the records in input order")
    p.add_argument("--claimex", default="claimex")
    p.add_argument("--ort-lib", default="libonnxruntime.so")
    p.add_argument("--ner-model", default="ner")
    p.add_argument("--no-ner", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--partitions", type=int, help="minPartitions of textFile")
    args, extra = p.parse_known_args()

    from pyspark import SparkContext

    sc = SparkContext.getOrCreate()
    lines = sc.textFile(args.input, minPartitions=args.partitions).filter(lambda line: line.strip())
    claimex = Claimex(args.claimex, args.ort_lib, args.ner_model, not args.no_ner, args.threads, extra)
    claimex.pipe(lines).saveAsTextFile(args.output)
    sc.stop()


if __name__ == "__main__":
    main()
