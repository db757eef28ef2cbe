"""PolNeAR attribution data for the joint model's recipe (joint_train.py).

Reading, labelling, windowing, decoding and scoring of PolNeAR's Source / Cue / Content
annotations; the conventions below are those the shipped model was trained and scored
with.

Case feature through `token_type_ids` (type vocabulary enlarged from 2 to 5 rows); the
class of a sub-word token is the class (case.py: the claimex binary's definition) of the
*whitespace-delimited* word containing its first character; [CLS], [SEP], padding: 0.

Labels (BIO): O B-SOURCE I-SOURCE B-CUE I-CUE B-CONTENT I-CONTENT.

Units: `paragraphs(text)` gives the units to encode (joint_train.py points it at
claimex's sentences). A unit is tokenised without special tokens or truncation and cut
into windows of at most 254 tokens (stride 190), each framed by [CLS] ... [SEP]; each
token takes the window where it is most central, each word its first sub-word, and the
most probable valid BIO sequence is chosen (Viterbi), as src/tagger.rs does.

Gold labels: from ONE .ann file per text (the first in sorted file-name order),
text-bound Source, Cue, Content annotations that take part in an attribution relation
(E lines); discontinuous spans are split into their segments, segments at newlines,
whitespace stripped. Each pre-token word gets the type of the span covering its middle
character, priority CUE > SOURCE > CONTENT (innermost among equals); B- when the
previous word is not in the same segment. Continuation sub-words get I-X (or O).

Scoring (span level, article character offsets): exact match and overlap (any shared
character, one-to-one greedy, largest overlap first) P/R/F1 per type against the gold
segments; selection = mean of CONTENT-overlap F1 and SOURCE-exact F1.
"""
import glob
import os
import re

import numpy as np

from .case import case_classes, runtime_classes
from .encoder import CLS_ID, INNER, SEP_ID, STRIDE
from .ner_train import batches, collate

LABELS = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]


LABEL2ID = {l: i for i, l in enumerate(LABELS)}


TYPES = ["SOURCE", "CUE", "CONTENT"]


ANN_TYPE = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}


PRIORITY = {"CUE": 0, "SOURCE": 1, "CONTENT": 2}  # lower wins




def word_at(text, at):
    """The whitespace-delimited word of `text` containing character `at` (tagger.rs word_at)."""
    s = at
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = at
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e]


def parse_ann(path):
    """Return ({tid: (type, [(s, e), ...], text)}, set of tids used by E relations)."""
    tb, used = {}, set()
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$", line)
            if m:
                tid, typ, rest, txt = m.groups()
                segs = [tuple(int(x) for x in s.split()) for s in rest.split(";")]
                tb[tid] = (typ, segs, txt)
            elif re.match(r"^E\d+\t", line):
                for part in line.split("\t")[1].split():
                    used.add(part.split(":", 1)[1])
    return tb, used


def load_split(split_dir):
    """Articles of one split: text + gold segments from the first .ann per text."""
    texts = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(split_dir, "text", "*.txt")))
    anns = sorted(os.path.basename(p) for p in glob.glob(os.path.join(split_dir, "attributions", "*.ann")))
    by_stem = {}
    for a in anns:
        stem = a[:-4].rsplit("_", 1)[0]  # <text stem>_<annotator id>.ann
        if stem not in texts:
            raise SystemExit(f"{a}: no text {stem}.txt")
        by_stem.setdefault(stem, []).append(a)
    docs, stats = [], {"texts": len(texts), "ann_files": len(anns), "multi_annotated": 0,
                       "span_text_ok": 0, "span_text_mismatch": 0, "segments": 0,
                       "unreferenced_skipped": 0}
    for stem in texts:
        if stem not in by_stem:
            raise SystemExit(f"{stem}.txt has no .ann")
        cands = by_stem[stem]
        if len(cands) > 1:
            stats["multi_annotated"] += 1
        ann = cands[0]
        with open(os.path.join(split_dir, "text", stem + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        tb, used = parse_ann(os.path.join(split_dir, "attributions", ann))
        segs = set()
        for tid, (typ, spans, txt) in tb.items():
            if typ not in ANN_TYPE:
                continue
            if tid not in used:
                stats["unreferenced_skipped"] += 1
                continue
            sl = " ".join(text[s:e] for s, e in spans)
            # brat writes a span text containing a newline only up to the newline
            if sl == txt or (("\n" in sl) and sl.startswith(txt)):
                stats["span_text_ok"] += 1
            else:
                stats["span_text_mismatch"] += 1
                print(f"WARNING span text mismatch {ann} {tid}: {txt[:60]!r} vs {sl[:60]!r}", flush=True)
            for s, e in spans:
                # split at newlines (paragraph boundaries), strip whitespace
                for m in re.finditer(r"[^\n]+", text[s:e]):
                    a, b = s + m.start(), s + m.end()
                    while a < b and text[a].isspace():
                        a += 1
                    while b > a and text[b - 1].isspace():
                        b -= 1
                    if a < b:
                        segs.add((ANN_TYPE[typ], a, b))
        stats["segments"] += len(segs)
        docs.append({"name": stem, "ann": ann, "all_anns": cands, "text": text,
                     "gold": sorted(segs, key=lambda x: (x[1], x[2], x[0]))})
    return docs, stats


def paragraphs(text):
    """(offset, paragraph) for each non-blank line (the runtime's input unit)."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def word_labels(words, segs):
    """words: [(start, end)] char ranges; segs: [(type, s, e)] -> list of (tag, seg) per word."""
    out, prev = [], None
    for ws, we in words:
        mid = (ws + we - 1) // 2
        best = None
        for seg in segs:
            typ, s, e = seg
            if s <= mid < e:
                key = (PRIORITY[typ], e - s)
                if best is None or key < best[0]:
                    best = (key, seg)
        if best is None:
            out.append("O")
            prev = None
        else:
            seg = best[1]
            out.append(("I-" if seg == prev else "B-") + seg[0])
            prev = seg
    return out


def encode_docs(tok, docs, case="words"):
    """Encode paragraphs -> (paragraph records, window examples). `case`: "words" gives a
    sub-word the class of its whitespace-delimited word, "runtime" that of its claimex token."""
    pars, examples = [], []
    texts = []
    meta = []
    for di, d in enumerate(docs):
        for off, p in paragraphs(d["text"]):
            texts.append(p)
            meta.append((di, off))
    encs = tok.encode_batch(texts, add_special_tokens=False)
    if case == "runtime":
        classes = iter(c for per_text in runtime_classes(texts, [enc.offsets for enc in encs]) for c in per_text)
    else:
        classes = iter(case_classes(word_at(p, s) for p, enc in zip(texts, encs) for s, _ in enc.offsets))
    for (di, off), p, enc in zip(meta, texts, encs):
        ids = list(enc.ids)
        offsets = [tuple(o) for o in enc.offsets]
        wids = list(enc.word_ids)
        tt = [next(classes) for _ in offsets]
        # gold segments inside this paragraph (paragraph-relative)
        segs = [(t, s - off, e - off) for t, s, e in docs[di]["gold"]
                if s >= off and e <= off + len(p)]
        # words = consecutive tokens with the same word id
        words, wtok = [], []
        for i, w in enumerate(wids):
            if i > 0 and w is not None and wids[i - 1] == w:
                words[-1][1] = offsets[i][1]
            else:
                words.append([offsets[i][0], offsets[i][1]])
                wtok.append(i)
        wl = word_labels(words, segs)
        labels = []
        wi = -1
        for i, w in enumerate(wids):
            if i > 0 and w is not None and wids[i - 1] == w:
                tag = wl[wi]
                labels.append(LABEL2ID["O"] if tag == "O" else LABEL2ID["I-" + tag[2:]])
            else:
                wi += 1
                labels.append(LABEL2ID[wl[wi]])
        pi = len(pars)
        pars.append({"doc": di, "offset": off, "len": len(p), "ids": ids, "offsets": offsets,
                     "wids": wids, "tt": tt, "labels": labels, "windows": []})
        first = 0
        while True:
            last = min(first + INNER, len(ids))
            examples.append({"par": pi, "first": first,
                             "ids": [CLS_ID] + ids[first:last] + [SEP_ID],
                             "tt": [0] + tt[first:last] + [0],
                             "labels": [-100] + labels[first:last] + [-100]})
            pars[pi]["windows"].append(len(examples) - 1)
            if last >= len(ids):
                break
            first += STRIDE
    return pars, examples




def token_batches(examples, max_tokens):
    """Inference batches of at most max_tokens padded tokens (like tagger.rs BATCH_TOKENS)."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    out, cur = [], []
    for i in order:
        w = len(examples[i]["ids"])
        if cur and (len(cur) + 1) * w > max_tokens:
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out




def _softmax(x):
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def _may_follow(prev, nxt):
    """tagger.rs may_follow: I-X only after B-X or I-X (prev None = paragraph start)."""
    if not nxt.startswith("I-"):
        return True
    return prev is not None and prev[:2] in ("B-", "I-") and prev[2:] == nxt[2:]


_ALLOW = np.array([[_may_follow(p, l) for l in LABELS] for p in LABELS])


_START = np.array([_may_follow(None, l) for l in LABELS])


def viterbi(P):
    """tagger.rs viterbi: most probable valid-BIO path (sum of log probabilities)."""
    L = np.log(np.maximum(P, 1e-12))
    sc = np.where(_START, L[0], -np.inf)
    back = []
    for w in L[1:]:
        cand = np.where(_ALLOW, sc[:, None], -np.inf)
        back.append(cand.argmax(0))
        sc = cand.max(0) + w
    b = int(sc.argmax())
    path = [b]
    for frm in reversed(back):
        b = int(frm[b])
        path.append(b)
    return path[::-1]


def merge_window_probs(pars, examples, window_logits):
    """Per paragraph token: softmax of the window where the token is most central."""
    out = []
    for p in pars:
        n = len(p["ids"])
        pr = np.zeros((n, len(LABELS)), dtype=np.float32)
        cen = np.full(n, -1, dtype=np.int64)
        for wi in p["windows"]:
            e = examples[wi]
            inner = len(e["ids"]) - 2
            sm = _softmax(window_logits[wi][1:inner + 1].astype(np.float64))
            for k in range(inner):
                c = min(k, inner - 1 - k)
                if c > cen[e["first"] + k]:
                    cen[e["first"] + k] = c
                    pr[e["first"] + k] = sm[k]
        out.append(pr)
    return out


def decode_spans_viterbi(offsets, wids, probs):
    """tagger.rs decode (current): word = first sub-word probabilities; Viterbi over valid BIO."""
    words = []
    for i, w in enumerate(wids):
        s, e = offsets[i]
        if i > 0 and w is not None and wids[i - 1] == w and words:
            words[-1][1] = e
        else:
            words.append([s, e, i])
    if not words:
        return []
    path = viterbi(np.stack([probs[i] for _, _, i in words]))
    spans, open_ = [], False
    for (s, e, _), l in zip(words, path):
        tag = LABELS[l]
        if tag == "O":
            open_ = False
            continue
        pre, typ = tag.split("-", 1)
        if pre == "I" and open_ and spans[-1][0] == typ:
            spans[-1][2] = e
        else:
            spans.append([typ, s, e])
            open_ = True
    return spans


def predicted_spans_viterbi(docs, pars, probs):
    out = [set() for _ in docs]
    for p, pr in zip(pars, probs):
        for typ, s, e in decode_spans_viterbi(p["offsets"], p["wids"], pr):
            out[p["doc"]].add((typ, p["offset"] + s, p["offset"] + e))
    return out


def _prf(tp, npred, ngold):
    P = 100.0 * tp / npred if npred else 0.0
    R = 100.0 * tp / ngold if ngold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"precision": round(P, 2), "recall": round(R, 2), "f1": round(F, 2),
            "tp": tp, "pred": npred, "gold": ngold}


def score(docs, pred_sets):
    """Exact and overlap (one-to-one greedy, largest overlap first) P/R/F1 per type."""
    res = {}
    for typ in TYPES:
        ex_tp = ov_tp = npred = ngold = 0
        for d, ps in zip(docs, pred_sets):
            g = [(s, e) for t, s, e in d["gold"] if t == typ]
            p = [(s, e) for t, s, e in ps if t == typ]
            ngold += len(g)
            npred += len(p)
            gs = set(g)
            ex_tp += sum(1 for x in set(p) if x in gs)
            pairs = []
            for i, (ps_, pe) in enumerate(p):
                for j, (gs_, ge) in enumerate(g):
                    ov = min(pe, ge) - max(ps_, gs_)
                    if ov > 0:
                        pairs.append((-ov, i, j))
            pairs.sort()
            up, ug = set(), set()
            for _, i, j in pairs:
                if i not in up and j not in ug:
                    up.add(i)
                    ug.add(j)
            ov_tp += len(up)
        res[typ] = {"exact": _prf(ex_tp, npred, ngold), "overlap": _prf(ov_tp, npred, ngold)}
    res["selection"] = round((res["CONTENT"]["overlap"]["f1"] + res["SOURCE"]["exact"]["f1"]) / 2, 2)
    return res


def fmt_scores(res):
    parts = []
    for t in TYPES:
        parts.append(f"{t} exact {res[t]['exact']['f1']:.2f} overlap {res[t]['overlap']['f1']:.2f}")
    out = "; ".join(parts) + f"; selection {res['selection']:.2f}"
    if "argmax" in res:
        out += f" (argmax decoding: selection {res['argmax']['selection']:.2f})"
    return out
