"""The NER case feature: one class per word, fed to the model as `token_type_ids`.

    0 none        no letters (punctuation, digits); also [CLS], [SEP], padding
    1 lower       all letters lowercase
    2 capitalised first letter uppercase, no other uppercase letter ("I", "A")
    3 upper       >= 2 letters, no lowercase letter ("U.S.", "NATO")
    4 mixed       anything else ("McDonald", "iPhone")

The definition lives in one place, claimex's Rust code (`claimex::tokens::CaseClass::of`),
which the runtime uses; the recipes ask the claimex binary (`claimex case-classes`: one
word a line on stdin, its class a line on stdout) instead of defining it again. The
binary is `$CLAIMEX_BIN`, else target/release/claimex of this repository.

Two ways to give a sub-word its class. `case_classes` classes whole words (a CoNLL token,
a whitespace-delimited word), as models/ner was trained. `runtime_classes` gives the class
of the claimex token the sub-word starts in, exactly what the runtime feeds (`claimex
case-classes --texts`: the stop of "P." is a token of its own, with no letters), as
models/attribution was trained.
"""
import bisect
import json
import os
import subprocess

from . import REPO

CASE_CLASSES = ["none", "lower", "capitalised", "upper", "mixed"]


def claimex_binary(explicit=None):
    """The claimex binary: `explicit`, else $CLAIMEX_BIN, else target/release/claimex."""
    path = explicit or os.environ.get("CLAIMEX_BIN") or os.path.join(REPO, "target", "release", "claimex")
    if not os.access(path, os.X_OK):
        raise SystemExit(f"{path}: no claimex binary (build it: cargo build --release, or set CLAIMEX_BIN)")
    return path


def case_classes(words, claimex=None):
    """The case class of each word, from one run of `claimex case-classes`."""
    words = list(words)
    for word in words:
        if "\n" in word or "\r" in word:
            raise ValueError(f"a word holds a line break: {word!r}")
    run = subprocess.run([claimex_binary(claimex), "case-classes"], input="".join(w + "\n" for w in words),
                         capture_output=True, text=True, encoding="utf-8", check=True)
    classes = [int(line) for line in run.stdout.splitlines()]
    if len(classes) != len(words):
        raise SystemExit(f"claimex case-classes gave {len(classes)} classes for {len(words)} words")
    return classes


def runtime_classes(texts, offsets, claimex=None):
    """Per text, the class of each sub-word as claimex's runtime gives it: the class of
    the claimex token holding the sub-word's first character, 0 outside every token.
    `offsets[i]` are the (start, end) character offsets of text i's sub-words."""
    texts = list(texts)
    lines = "".join(json.dumps(t) + "\n" for t in texts)
    run = subprocess.run([claimex_binary(claimex), "case-classes", "--texts"], input=lines,
                         capture_output=True, text=True, encoding="utf-8", check=True)
    spans = [json.loads(line) for line in run.stdout.splitlines()]
    if len(spans) != len(texts):
        raise SystemExit(f"claimex case-classes --texts gave {len(spans)} lines for {len(texts)} texts")
    return [classes_at(token_spans, [start for start, _ in subwords]) for token_spans, subwords in zip(spans, offsets)]


def classes_at(token_spans, positions):
    """For each character position, the class of the token (start, end, class) holding
    it, else 0."""
    starts = [s for s, _, _ in token_spans]
    classes = []
    for at in positions:
        i = bisect.bisect_right(starts, at) - 1
        classes.append(token_spans[i][2] if i >= 0 and at < token_spans[i][1] else 0)
    return classes
