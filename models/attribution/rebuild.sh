#!/usr/bin/env bash
# Rebuild claimex's joint NER + attribution model from scratch:
#   bash models/attribution/rebuild.sh /path/to/polnear /path/to/conll2003
# Needs:
#   * the NER model's committed PyTorch weights, models/ner/pytorch (the start: encoder,
#     case embedding and NER head);
#   * the claimex binary (`cargo build --release`): its segmenter gives the sentence units,
#     and its tokens give every sub-word its case class exactly as the runtime does.
# Uses the recipes' pinned environment (models/recipes/env.sh, shared with the NER
# model; PyPI only, never the Hugging Face hub). CPU, 2 threads: about 45 minutes.
# Writes model.onnx, tokenizer.json, labels.json and attribution_labels.json here, and
# checkpoints/metrics_joint.json (per-epoch dev scores, the epoch chosen on dev, the int8
# scores), then checks SHA256SUMS (torch on another CPU may round differently: a
# mismatch there means compare the metrics, not that the recipe broke).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
POLNEAR_DIR="${1:-${POLNEAR_DIR:-}}"
CONLL_DIR="${2:-${CONLL_DIR:-}}"
if [ ! -d "$POLNEAR_DIR/train/attributions" ] || [ ! -f "$CONLL_DIR/train.txt" ]; then
  echo "usage: $0 /path/to/polnear /path/to/conll2003" >&2
  exit 2
fi
source "$HERE/../recipes/env.sh"
SENTENCES="$HERE/checkpoints/sentences"
mkdir -p "$SENTENCES" "$HERE/logs"
for split in train dev; do
  "$CLAIMEX_BIN" extract --no-ner --no-progress "$POLNEAR_DIR/$split/text" \
    -o "$SENTENCES/$split.jsonl"
done
# Recorded recipe (see MODEL_CARD.md): three epochs under one schedule (PolNeAR and CoNLL
# batches shuffled together), every sub-word with the case class the runtime gives it,
# dotless copies of CoNLL's dotted initialisms ("U.S." -> "US"); dev picks the epoch; the
# chosen epoch's int8 export is model.onnx.
"$RECIPES_PYTHON" -m claimex_recipes.joint_train --polnear "$POLNEAR_DIR" --conll "$CONLL_DIR" \
  --sentences "$SENTENCES" --ner-checkpoint "$ROOT/models/ner/pytorch" --out "$HERE" --tag joint \
  --case runtime --dotless-initialisms --epochs 3 --batch-size 32 --lr 1e-4 --tt-lr 3e-4 --head-lr 1e-3 \
  --seed 13 --threads 2 2>&1 | tee "$HERE/logs/joint.log"
cp "$ROOT/models/ner/tokenizer.json" "$ROOT/models/ner/labels.json" "$HERE/"
"$RECIPES_PYTHON" -c 'import json, sys; from claimex_recipes import polnear; json.dump(polnear.LABELS, open(sys.argv[1] + "/attribution_labels.json", "w"))' "$HERE"
(cd "$HERE" && sha256sum -c SHA256SUMS)
