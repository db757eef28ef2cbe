"""Reference inference for the shipped NER model, without torch.

Loads model.onnx + tokenizer.json + labels.json from this directory with
onnxruntime + tokenizers and prints the entities found in a sentence, mirroring
what the Rust runtime (ort + tokenizers crates) does:

  1. words = whitespace-delimited pieces of the text;
     case class per word (case.py: the claimex binary's definition).
  2. encode the raw text with tokenizer.json (adds [CLS] ... [SEP], no padding,
     no truncation); every sub-word token takes the case class of the whitespace
     word containing its first character; [CLS]/[SEP]/[PAD] get 0.
  3. run the model: input_ids, attention_mask (all 1), token_type_ids (= case
     class), all int64 [1, seq]; output logits [1, seq, 9].
  4. argmax per sub-word, decode BIO over all sub-words (an I-X that does not
     continue an X entity starts a new one), map spans back via char offsets.

Usage: python -m claimex_recipes.ner_predict_check ["some text"]   (model dir: $NER_DIR, else models/ner)
"""
import json
import os
import re
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from . import NER_DIR
from .case import case_classes

HERE = os.environ.get("NER_DIR") or NER_DIR
DEFAULT = ("US Secretary of State Antony Blinken met Russian Foreign Minister "
           "Sergei Lavrov in Stockholm, the OSCE said.")


def main():
    text = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    labels = json.load(open(os.path.join(HERE, "labels.json")))
    tok = Tokenizer.from_file(os.path.join(HERE, "tokenizer.json"))
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    sess = ort.InferenceSession(os.path.join(HERE, "model.onnx"), so,
                                providers=["CPUExecutionProvider"])

    matches = list(re.finditer(r"\S+", text))
    classes = case_classes(m.group() for m in matches)
    words = [(m.start(), m.end(), c) for m, c in zip(matches, classes)]
    enc = tok.encode(text)
    ids = enc.ids
    offsets = enc.offsets
    special = enc.special_tokens_mask
    tt = []
    for (s, e), sp in zip(offsets, special):
        c = 0
        if not sp:
            for ws, we, wc in words:
                if ws <= s < we:
                    c = wc
                    break
        tt.append(c)
    feeds = {
        "input_ids": np.array([ids], dtype=np.int64),
        "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        "token_type_ids": np.array([tt], dtype=np.int64),
    }
    logits = sess.run(["logits"], feeds)[0][0]
    pred = [labels[i] for i in logits.argmax(-1)]

    print("text:", text)
    print("tokens:")
    for t, i, c, p, sp in zip(enc.tokens, ids, tt, pred, special):
        print(f"  {t:>12} id={i:<6} case={c} pred={'-' if sp else p}")

    ents, cur = [], None
    for k, ((s, e), p, sp) in enumerate(zip(offsets, pred, special)):
        if sp:
            p = "O"
        if p == "O":
            cur = None
            continue
        bio, typ = p.split("-", 1)
        if bio == "B" or cur is None or cur[0] != typ:
            cur = [typ, s, e]
            ents.append(cur)
        else:
            cur[2] = e
    print("entities:")
    for typ, s, e in ents:
        print(f"  {typ}\t{text[s:e]}\t[{s},{e})")


if __name__ == "__main__":
    main()
