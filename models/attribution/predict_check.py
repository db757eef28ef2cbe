#!/usr/bin/env python3
"""Reference inference for the shipped attribution model, without torch.

Loads model.onnx + tokenizer.json + labels.json from this directory with onnxruntime +
tokenizers only and prints the SOURCE / CUE / CONTENT spans found in each paragraph,
mirroring what the Rust runtime (src/tagger.rs: ort + tokenizers crates) does:

  1. input unit = one paragraph (text split on "\\n", blank lines skipped);
  2. tokenise the paragraph without special tokens, padding or truncation; every token
     takes the case class (0 none, 1 lower, 2 Capitalised, 3 UPPER, 4 mixed) of the
     whitespace-delimited word containing its first character;
  3. windows of <= 254 tokens, 64 tokens overlap (stride 190), each framed by
     [CLS] ... [SEP] (case class 0); input_ids / attention_mask (all 1) /
     token_type_ids, int64 [1, seq]; output logits [1, seq, 7];
  4. each token takes the softmax of the window where it is most central; each word
     (pre-token) is scored by its first sub-word; the most probable valid BIO sequence
     is chosen (Viterbi, as src/tagger.rs does); spans mapped back through the offsets.
     Set DECODE=argmax for argmax + BIO repair (the earlier runtime decoding).

Usage: python predict_check.py ["paragraph" ...]   (default: the two check paragraphs)
"""
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

HERE = os.environ.get("ATTRIBUTION_DIR") or os.path.dirname(os.path.abspath(__file__))
DEFAULT = [
    "\u201cThe probability of hostilities in Ukraine still remains high,\u201d he said.",
    "Kremlin spokesman Dmitri Peskov said it was the Ukrainians\u2019 \u201caggressive and "
    "increasingly intensive provocative action\u201d which risked sparking a conflict.",
]
WINDOW_TOKENS, WINDOW_OVERLAP = 256, 64


def case_class(word):
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
    s = at
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = at
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e]


def may_follow(prev, nxt):
    if not nxt.startswith("I-"):
        return True
    return prev is not None and prev[:2] in ("B-", "I-") and prev[2:] == nxt[2:]


def viterbi(labels, P):
    allow = np.array([[may_follow(p, l) for l in labels] for p in labels])
    start = np.array([may_follow(None, l) for l in labels])
    L = np.log(np.maximum(P, 1e-12))
    sc = np.where(start, L[0], -np.inf)
    back = []
    for w in L[1:]:
        cand = np.where(allow, sc[:, None], -np.inf)
        back.append(cand.argmax(0))
        sc = cand.max(0) + w
    b = int(sc.argmax())
    path = [b]
    for frm in reversed(back):
        b = int(frm[b])
        path.append(b)
    return path[::-1]


def tag_paragraph(sess, tok, labels, par, verbose=False):
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    enc = tok.encode(par, add_special_tokens=False)
    ids, offsets, wids = enc.ids, enc.offsets, enc.word_ids
    tt = [case_class(word_at(par, s)) for s, _ in offsets]
    n = len(ids)
    inner = WINDOW_TOKENS - 2
    stride = inner - WINDOW_OVERLAP
    best = [None] * n  # (centrality, probabilities)
    first = 0
    while n:
        last = min(first + inner, n)
        w_ids = [cls] + ids[first:last] + [sep]
        w_tt = [0] + tt[first:last] + [0]
        feeds = {"input_ids": np.array([w_ids], dtype=np.int64),
                 "attention_mask": np.ones((1, len(w_ids)), dtype=np.int64),
                 "token_type_ids": np.array([w_tt], dtype=np.int64)}
        logits = sess.run(["logits"], feeds)[0][0]
        k_inner = last - first
        for k in range(k_inner):
            c = min(k, k_inner - 1 - k)
            if best[first + k] is None or c > best[first + k][0]:
                x = logits[k + 1].astype(np.float64)
                e = np.exp(x - x.max())
                best[first + k] = (c, e / e.sum())
        if last == n:
            break
        first += stride
    pred = [labels[int(b[1].argmax())] for b in best]
    if verbose:
        for t, i, c, p in zip(enc.tokens, ids, tt, pred):
            print(f"  {t:>14} id={i:<6} case={c} pred={p}")
    # word-level decoding
    words = []
    for i, w in enumerate(wids):
        s, e = offsets[i]
        if i > 0 and w is not None and wids[i - 1] == w and words:
            words[-1][1] = e
        else:
            words.append([s, e, pred[i], best[i][1]])
    if words and os.environ.get("DECODE", "viterbi") == "viterbi":
        path = viterbi(labels, np.stack([w[3] for w in words]))
        for w, l in zip(words, path):
            w[2] = labels[l]
    spans, open_ = [], False
    for s, e, tag, _ in words:
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


def main():
    texts = sys.argv[1:] or DEFAULT
    verbose = os.environ.get("VERBOSE") == "1"
    labels = json.load(open(os.path.join(HERE, "labels.json")))
    tok = Tokenizer.from_file(os.path.join(HERE, "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = ort.InferenceSession(os.path.join(HERE, "model.onnx"), so,
                                providers=["CPUExecutionProvider"])
    for text in texts:
        for par in text.split("\n"):
            if not par.strip():
                continue
            print("paragraph:", par)
            for typ, s, e in tag_paragraph(sess, tok, labels, par, verbose):
                print(f"  {typ:<8}\t{par[s:e]}\t[{s},{e})")


if __name__ == "__main__":
    main()
