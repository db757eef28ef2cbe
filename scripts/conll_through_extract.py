#!/usr/bin/env python3
"""CoNLL-2003 NER F1 of what users get: the records of `claimex extract`.

Each CoNLL document becomes one JSONL document whose text is its sentences, one a line,
tokens joined by single spaces. `claimex extract` annotates it like any article (the
cleaner, the sentence splitter, the default model, consolidation), and the entities of
the record are mapped back to CoNLL tokens: a token takes the label of the entity that
covers its first character, B- on the entity's first token. Scored conlleval-style:
exact (type, first token, last token) chunks, micro P/R/F1 over all sentences.

Usage: scripts/conll_through_extract.py --conll ../shared/data/conll2003/test.txt \
           --claimex target/release/claimex [--keep DIR] [-- extra extract flags]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def read_conll(path):
    """Documents as lists of sentences; a sentence is a list of (token, tag)."""
    docs, doc, sent = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
        elif not line.strip():
            if sent:
                doc.append(sent)
                sent = []
        else:
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def chunks(tags):
    """(type, first, last) chunks of an IOB2 tag sequence (conlleval's rules)."""
    out, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            out.append((kind, start, i - 1))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return out


def layout(doc):
    """The document text and each token's (start, end) in code points."""
    text, spans = [], []
    offset = 0
    for sent in doc:
        line_spans = []
        for j, (token, _) in enumerate(sent):
            if j:
                offset += 1
            line_spans.append((offset, offset + len(token)))
            offset += len(token)
        text.append(" ".join(t for t, _ in sent))
        spans.append(line_spans)
        offset += 1
    return "\n".join(text), spans


def predicted_tags(spans, entities):
    """Per sentence, the tags the record's entities give its tokens."""
    ends = sorted((e["start"], e["end"], e["label"]) for e in entities)
    out = []
    for line in spans:
        tags, previous = [], None
        for start, end in line:
            entity = next((e for e in ends if e[0] <= start < e[1]), None)
            if entity is None:
                tags.append("O")
            else:
                tags.append(("I-" if entity == previous else "B-") + entity[2])
            previous = entity
        out.append(tags)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll", required=True)
    ap.add_argument("--claimex", default="target/release/claimex")
    ap.add_argument("--keep", help="directory to keep the input and output JSONL in")
    ap.add_argument("extra", nargs="*", help="extra flags for claimex extract (after --)")
    args = ap.parse_args()
    docs = read_conll(args.conll)
    work = args.keep or tempfile.mkdtemp(prefix="conll-extract-")
    os.makedirs(work, exist_ok=True)
    layouts = [layout(doc) for doc in docs]
    src = os.path.join(work, "conll.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        for i, (text, _) in enumerate(layouts):
            f.write(json.dumps({"id": f"conll-{i:04d}", "text": text}) + "\n")
    out = os.path.join(work, "records.jsonl")
    subprocess.run([args.claimex, "extract", src, "-o", out, *args.extra], check=True)
    records = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert len(records) == len(docs), f"{len(records)} records for {len(docs)} documents"
    tp = fp = fn = 0
    per_type = {}
    for doc, (_, spans), record in zip(docs, layouts, records):
        if record.get("status") != "ok":
            print(f"{record.get('id')}: {record.get('error')}", file=sys.stderr)
        predicted = predicted_tags(spans, record.get("entities") or [])
        for sent, tags in zip(doc, predicted):
            gold = set(chunks([t for _, t in sent]))
            guess = set(chunks(tags))
            tp += len(gold & guess)
            fp += len(guess - gold)
            fn += len(gold - guess)
            for kind in {k for k, _, _ in gold | guess}:
                counts = per_type.setdefault(kind, [0, 0, 0])
                counts[0] += len({c for c in gold & guess if c[0] == kind})
                counts[1] += len({c for c in guess - gold if c[0] == kind})
                counts[2] += len({c for c in gold - guess if c[0] == kind})

    def prf(t, p, n):
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return 100 * precision, 100 * recall, 100 * f1

    print(f"documents {len(docs)}; chunks gold {tp + fn}, predicted {tp + fp}, correct {tp}")
    print("all   P %.2f R %.2f F1 %.2f" % prf(tp, fp, fn))
    for kind in sorted(per_type):
        print(f"{kind:5} " + "P %.2f R %.2f F1 %.2f" % prf(*per_type[kind]))


if __name__ == "__main__":
    main()
