"""Train claimex's joint transformer: one encoder, two heads (NER and attribution).

One forward pass over a sentence gives both the NER tags (CoNLL-2003 labels, output
`logits`) and the attribution tags (PolNeAR SOURCE / CUE / CONTENT, output
`attribution_logits`), so `claimex extract --attribution` costs little more than NER alone.

    input ids, case types -> MiniLM encoder (6 layers, shared) -> NER head         -> logits
                                                               \\-> attribution head -> attribution_logits

Start: the shipped NER model's PyTorch checkpoint (models/ner, stage 2 `best_cont.pt`:
encoder, case embedding and NER head). The attribution head is new. Training interleaves
PolNeAR train batches (attribution loss) with CoNLL-2003 train batches (NER loss, so the
NER head keeps its accuracy while the shared encoder learns attribution), one epoch of
each, batches shuffled together.

Input unit = one sentence as claimex's segmenter splits it (the NER stage's unit; sentence
spans from `claimex extract --no-ner` over the PolNeAR texts). With `--context N` a
document's consecutive sentences are packed into one input of at most N sub-words
(context.py, the layout src/tagger.rs uses for a model whose config.json sets
`context_tokens`; both are checked on models/recipes/tests/context_layouts.tsv), so each
sentence is read beside its neighbours; labels and scores stay per sentence. PolNeAR gold
segments are clipped to sentences; when scoring, CONTENT spans of neighbouring sentences with only
spaces between them are joined again. Labels, case feature, windows, decoding and
scoring are those of polnear.py (PolNeAR) and ner_train.py (CoNLL), imported. Nothing is
chosen here: the stages are a fixed recipe (models/attribution/rebuild.sh); the CoNLL test
split is only reported.

`--case runtime` gives each sub-word the case class of the claimex token it starts in, as
the runtime does (case.runtime_classes: the stop of "P." has no letters), instead of the
class of its whole word (a CoNLL token, a whitespace-delimited PolNeAR word: `--case
words`, how models/ner and the joint model before were trained). `--dotless-initialisms`
adds a copy of each CoNLL train sentence holding "U.S."-style initialisms, written "US".

`--epochs N` trains N epochs under one schedule, scores dev after each and keeps the best
(NER dev F1 plus the attribution selection score). `--ner-checkpoint` takes the NER
recipe's checkpoint or the committed fp16 weights in models/ner/pytorch.

Usage (see models/attribution/rebuild.sh):
    python -m claimex_recipes.joint_train --polnear DIR --conll DIR --sentences DIR_WITH_{train,dev}.jsonl \
        --ner-checkpoint models/ner/checkpoints/cont/best_cont.pt --out models/attribution
"""
import argparse
import json
import os
import random
import re
import time

import numpy as np

from . import ATTRIBUTION_DIR
from . import ner_train as ner  # CoNLL reading, encoding, batching, scoring
from . import polnear  # PolNeAR loading, labels, windows, decoding, scoring
from .context import model_inputs, per_example
from .encoder import find_base_dir, load_tokenizer


# --------------------------------------------------------------------------- data
def sentence_spans(path):
    """Sentence spans (code point offsets) per document id from a claimex JSONL file."""
    spans = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            spans[record["id"]] = record["sentences"]
    return spans


def clip_to_sentences(gold, sentences, text):
    """Gold segments cut at sentence boundaries, surrounding whitespace stripped."""
    out = set()
    for typ, s, e in gold:
        for a, b in sentences:
            lo, hi = max(s, a), min(e, b)
            while lo < hi and text[lo].isspace():
                lo += 1
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            if lo < hi:
                out.add((typ, lo, hi))
    return sorted(out)


def polnear_split(tok, directory, sentences_file, case):
    """PolNeAR docs (original gold) and sentence windows (gold clipped to sentences)."""
    docs, _ = polnear.load_split(directory)
    spans = sentence_spans(sentences_file)
    clipped, units_of = [], {}
    for d in docs:
        if d["name"] not in spans:
            raise SystemExit(f"{sentences_file}: no sentences for {d['name']}")
        sentences = spans[d["name"]]
        units_of[d["text"]] = [(a, d["text"][a:b]) for a, b in sentences]
        clipped.append(dict(d, gold=clip_to_sentences(d["gold"], sentences, d["text"])))
    polnear.paragraphs = lambda text: units_of[text]  # the unit is a sentence here
    units, examples = polnear.encode_docs(tok, clipped, case)
    for e in examples:
        unit = units[e["par"]]
        e["doc"], e["alone"] = unit["doc"], len(unit["windows"]) > 1
    return docs, units, examples


def conll_split(tok, path, case, dotless=False):
    """CoNLL-2003 sentences encoded like the NER recipe does, each with its document.
    With `dotless`, every sentence holding a dotted initialism ("U.S.") is followed by a
    copy written without the stops ("US"), as much of today's news writes them."""
    sentences, documents = ner.read_conll(path), conll_documents(path)
    if dotless:
        sentences, documents = with_dotless_copies(sentences, documents)
    examples, _ = ner.encode(tok, sentences, max_len=256, case=case)
    for example, document in zip(examples, documents):
        example["doc"], example["alone"] = document, False
    return examples


DOTTED_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")


def with_dotless_copies(sentences, documents):
    """The sentences (and their documents), each one holding a dotted initialism followed
    by a copy with the initialisms' stops dropped ("U.S." -> "US"), tags unchanged."""
    out_sentences, out_documents = [], []
    for (words, tags), document in zip(sentences, documents):
        out_sentences.append((words, tags))
        out_documents.append(document)
        if any(DOTTED_INITIALISM.match(w) for w in words):
            out_sentences.append(([w.replace(".", "") if DOTTED_INITIALISM.match(w) else w for w in words], tags))
            out_documents.append(document)
    return out_sentences, out_documents


def conll_documents(path):
    """The document number of each sentence ner.read_conll reads (-DOCSTART- opens one)."""
    documents, document, words = [], 0, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    documents.append(document)
                words = 0
            elif parts[0] == "-DOCSTART-":
                document += 1
            else:
                words += 1
    if words:
        documents.append(document)
    return documents


# --------------------------------------------------------------------------- model
def build_model(ner_checkpoint, joint_checkpoint, seed):
    """The NER model from its checkpoint plus a new linear attribution head, or a joint
    model from an earlier stage's checkpoint."""
    import torch
    model = ner.build_model(find_base_dir(), 5, seed)
    if not joint_checkpoint:
        model.load_state_dict(load_weights(ner_checkpoint))
    torch.manual_seed(seed)
    model.attribution = torch.nn.Linear(model.config.hidden_size, len(polnear.LABELS))
    if joint_checkpoint:
        model.load_state_dict(torch.load(joint_checkpoint, map_location="cpu"))
    return model


def load_weights(path):
    """A state dict from a PyTorch checkpoint (.pt) or a transformers directory (the
    fp16 safetensors of models/ner/pytorch), as float32."""
    import torch
    if os.path.isdir(path):
        from safetensors.torch import load_file
        return {k: v.float() for k, v in load_file(os.path.join(path, "model.safetensors")).items()}
    return torch.load(path, map_location="cpu")


def forward(model, ids, am, tt):
    """(NER logits, attribution logits) for one batch."""
    import torch
    hidden = model.bert(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(am),
                        token_type_ids=torch.from_numpy(tt))[0]
    hidden = model.dropout(hidden)
    return model.classifier(hidden), model.attribution(hidden)


def predict(model, examples, head, max_tokens=8192):
    """Logits of one head (0 NER, 1 attribution) for every example."""
    import torch
    model.eval()
    out = [None] * len(examples)
    with torch.inference_mode():
        for idx in polnear.token_batches(examples, max_tokens):
            ids, am, tt, _ = ner.collate(examples, idx)
            logits = forward(model, ids, am, tt)[head].float().numpy()
            for r, i in enumerate(idx):
                out[i] = logits[r, : len(examples[i]["ids"])]
    return out


def join_contents(text, spans):
    """CONTENT spans with only spaces (no line break) between them become one span."""
    contents = sorted((s, e) for t, s, e in spans if t == "CONTENT")
    merged = []
    for s, e in contents:
        if merged and merged[-1][1] <= s and text[merged[-1][1]:s].strip(" \t") == "":
            merged[-1][1] = e
        else:
            merged.append([s, e])
    return {x for x in spans if x[0] != "CONTENT"} | {("CONTENT", s, e) for s, e in merged}


def score_attribution(docs, units, examples, logits):
    probs = polnear.merge_window_probs(units, examples, logits)
    predicted = polnear.predicted_spans_viterbi(docs, units, probs)
    return polnear.score(docs, [join_contents(d["text"], p) for d, p in zip(docs, predicted)])


def score_ner(examples, logits):
    return ner.conll_score([e["tags"] for e in examples], ner.word_preds(examples, logits))


# --------------------------------------------------------------------------- training
def optimiser_for(model, args):
    import torch
    special = {"bert.embeddings.token_type_embeddings.weight": args.tt_lr}
    groups = {}
    for name, p in model.named_parameters():
        head = name.startswith("classifier.") or name.startswith("attribution.")
        lr = args.head_lr if head else special.get(name, args.lr)
        decay = 0.0 if (name.endswith(".bias") or "LayerNorm" in name) else 0.01
        groups.setdefault((lr, decay), []).append(p)
    return torch.optim.AdamW([{"params": ps, "lr": lr, "weight_decay": wd} for (lr, wd), ps in groups.items()])


def epoch_plan(args, rng, attribution_train, conll_train):
    """One epoch: every PolNeAR and CoNLL batch once, shuffled together ((head, indices))."""
    plan = [(1, idx) for idx in ner.batches(attribution_train, args.batch_size, True, rng)]
    plan += [(0, idx) for idx in ner.batches(conll_train, args.batch_size, True, rng)]
    rng.shuffle(plan)
    return plan


def train(args, model, attribution_train, conll_train, after_epoch):
    """`args.epochs` epochs under one warm-up and linear decay; `after_epoch(epoch)` runs
    after each (the dev scores and a checkpoint)."""
    import torch
    rng = random.Random(args.seed)
    plans = [epoch_plan(args, rng, attribution_train, conll_train) for _ in range(args.epochs)]
    if args.max_steps:
        plans = [plans[0][: args.max_steps]]
    optimiser = optimiser_for(model, args)
    total = sum(len(plan) for plan in plans)
    warmup = max(1, int(0.06 * total))
    schedule = lambda s: min(1.0, s / warmup) * max(0.0, (total - s) / max(1, total - warmup))  # noqa: E731
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule)
    data = {0: conll_train, 1: attribution_train}
    losses = {0: [], 1: []}
    started = time.time()
    step = 0
    for epoch, plan in enumerate(plans, 1):
        model.train()
        for head, idx in plan:
            step += 1
            ids, am, tt, labels = ner.collate(data[head], idx)
            logits = forward(model, ids, am, tt)[head]
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), torch.from_numpy(labels).flatten(),
                                                     ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            losses[head].append(loss.item())
            if step % 50 == 0:
                print(f"step {step}/{total} ner loss {np.mean(losses[0][-50:] or [0]):.4f} "
                      f"attribution loss {np.mean(losses[1][-50:] or [0]):.4f} "
                      f"{(time.time() - started) / 60:.1f} min", flush=True)
        after_epoch(epoch)
    return {"steps": total, "epochs": len(plans), "attribution_batches": sum(h for p in plans for h, _ in p),
            "ner_batches": sum(1 - h for p in plans for h, _ in p), "minutes": round((time.time() - started) / 60, 1)}


# --------------------------------------------------------------------------- export
def export_onnx(model, path):
    """Two outputs: `logits` (NER) and `attribution_logits`; then int8 per channel."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    model.eval()

    class Both(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.m.bert(input_ids=input_ids, attention_mask=attention_mask,
                                 token_type_ids=token_type_ids)[0]
            return self.m.classifier(hidden), self.m.attribution(hidden)

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.int64)
    am = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.int64)
    tt = torch.tensor([[0, 2, 1, 0], [0, 3, 0, 0]], dtype=torch.int64)
    axes = {0: "batch", 1: "seq"}
    names = ["input_ids", "attention_mask", "token_type_ids"]
    outputs = ["logits", "attribution_logits"]
    fp32 = path + ".fp32.onnx"
    torch.onnx.export(Both(model).eval(), (ids, am, tt), fp32, input_names=names, output_names=outputs,
                      dynamic_axes={n: axes for n in names + outputs}, opset_version=14,
                      do_constant_folding=True, dynamo=False)
    onnx.save_model(onnx.load(fp32), fp32, save_as_external_data=False)
    quantize_dynamic(fp32, path, weight_type=QuantType.QInt8, per_channel=True, reduce_range=False)
    os.remove(fp32)


def predict_onnx(path, examples, output, threads):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    out = [None] * len(examples)
    for idx in polnear.token_batches(examples, 8192):
        ids, am, tt, _ = ner.collate(examples, idx)
        logits = sess.run([output], {"input_ids": ids, "attention_mask": am, "token_type_ids": tt})[0]
        for r, i in enumerate(idx):
            out[i] = logits[r, : len(examples[i]["ids"])]
    return out


class Splits:
    """The encoded data: PolNeAR train/dev and CoNLL train/dev/test, each as examples
    (one per unit) and as the model's inputs (packed when `context` is set)."""

    def __init__(self, args, tok, ner_tok):
        self.context = args.context
        _, _, self.attribution_train = polnear_split(tok, os.path.join(args.polnear, "train"),
                                                     os.path.join(args.sentences, "train.jsonl"), args.case)
        self.dev_docs, self.dev_units, self.attribution_dev = polnear_split(
            tok, os.path.join(args.polnear, "dev"), os.path.join(args.sentences, "dev.jsonl"), args.case)
        self.conll = {s: conll_split(ner_tok, os.path.join(args.conll, f"{s}.txt"), args.case,
                                     dotless=args.dotless_initialisms and s == "train")
                      for s in ("train", "dev", "test")}
        self.examples = {"attribution_train": self.attribution_train, "attribution_dev": self.attribution_dev,
                         **{f"conll_{s}": e for s, e in self.conll.items()}}
        self.inputs = {name: model_inputs(examples, self.context) for name, examples in self.examples.items()}

    def scores(self, run, splits=("dev", "test")):
        """NER F1 per CoNLL split and PolNeAR dev attribution scores; `run(inputs, head)`
        gives the logits of the model inputs for head 0 (NER) or 1 (attribution)."""
        def logits(name, head):
            inputs = self.inputs[name]
            return per_example(self.examples[name], inputs, run(inputs, head), self.context)
        return {"ner": {s: score_ner(self.conll[s], logits(f"conll_{s}", 0))["micro"]["f1"] for s in splits},
                "attribution_dev": score_attribution(self.dev_docs, self.dev_units, self.attribution_dev,
                                                     logits("attribution_dev", 1))}


def selection_score(scores):
    """What picks the epoch (dev only): NER dev F1 plus the attribution selection score
    (mean of CONTENT overlap and SOURCE exact F1)."""
    return scores["ner"]["dev"] + scores["attribution_dev"]["selection"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", required=True, help="PolNeAR dir with train/ and dev/")
    ap.add_argument("--conll", required=True, help="CoNLL-2003 dir with train.txt dev.txt test.txt")
    ap.add_argument("--sentences", required=True, help="dir with train.jsonl and dev.jsonl from claimex")
    ap.add_argument("--ner-checkpoint", required=True,
                    help="the NER model's weights: a PyTorch state dict or models/ner/pytorch")
    ap.add_argument("--init-joint", default=None, help="continue from this joint checkpoint (stage 2)")
    ap.add_argument("--tag", default="joint", help="name of the checkpoint and metrics files")
    ap.add_argument("--out", default=ATTRIBUTION_DIR)
    ap.add_argument("--context", type=int, default=0,
                    help="pack a document's sentences into inputs of up to N sub-words (0: one sentence)")
    ap.add_argument("--case", choices=("words", "runtime"), default="words",
                    help="a sub-word's case class: its word's (CoNLL token, whitespace word; how "
                         "models/ner was trained) or its claimex token's, as the runtime gives it (case.py)")
    ap.add_argument("--dotless-initialisms", action="store_true",
                    help='train on a copy of each CoNLL train sentence with a dotted initialism, '
                         'written without the stops ("U.S." -> "US")')
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--tt-lr", type=float, default=3e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=None, help="smoke test: stop after N steps")
    args = ap.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    ner_tok, _ = load_tokenizer(find_base_dir())
    data = Splits(args, ner_tok.backend_tokenizer, ner_tok)
    print(f"polnear train {len(data.attribution_train)} units, dev {len(data.attribution_dev)}; "
          f"conll train {len(data.conll['train'])}; model inputs "
          + ", ".join(f"{k} {len(v)}" for k, v in data.inputs.items()), flush=True)

    model = build_model(args.ner_checkpoint, args.init_joint, args.seed)
    work = os.path.join(args.out, "checkpoints")
    os.makedirs(work, exist_ok=True)
    metrics = {"args": vars(args), "epochs": {}}
    torch_run = lambda inputs, head: predict(model, inputs, head)  # noqa: E731

    def after_epoch(epoch):
        scores = data.scores(torch_run, splits=("dev",))
        metrics["epochs"][epoch] = scores
        print(f"epoch {epoch} torch: NER dev {scores['ner']['dev']:.2f}",
              polnear.fmt_scores(scores["attribution_dev"]), flush=True)
        torch.save(model.state_dict(), os.path.join(work, f"{args.tag}_epoch{epoch}.pt"))

    metrics["training"] = train(args, model, data.inputs["attribution_train"], data.inputs["conll_train"],
                                after_epoch)
    best = max(metrics["epochs"], key=lambda e: selection_score(metrics["epochs"][e]))
    metrics["selected_epoch"] = best
    model.load_state_dict(torch.load(os.path.join(work, f"{args.tag}_epoch{best}.pt"), map_location="cpu"))
    torch.save(model.state_dict(), os.path.join(work, f"{args.tag}.pt"))
    metrics["torch"] = data.scores(torch_run)
    print(f"selected epoch {best}; torch:", json.dumps(metrics["torch"]["ner"]),
          polnear.fmt_scores(metrics["torch"]["attribution_dev"]), flush=True)
    path = os.path.join(args.out, "model.onnx")
    export_onnx(model, path)
    outputs = ("logits", "attribution_logits")
    metrics["onnx_int8"] = data.scores(lambda inputs, head: predict_onnx(path, inputs, outputs[head], args.threads))
    print("onnx int8:", json.dumps(metrics["onnx_int8"]["ner"]),
          polnear.fmt_scores(metrics["onnx_int8"]["attribution_dev"]), flush=True)
    with open(os.path.join(work, f"metrics_{args.tag}.json"), "w") as f:
        json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
