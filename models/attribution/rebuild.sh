#!/usr/bin/env bash
# Rebuild claimex's joint NER + attribution model from scratch:
#   bash models/attribution/rebuild.sh /path/to/polnear /path/to/conll2003
# Needs:
#   * the NER model's stage-2 PyTorch checkpoint, models/ner/checkpoints/cont/best_cont.pt,
#     which `bash models/ner/rebuild.sh /path/to/conll2003` leaves behind (the shipped
#     models/ner/model.onnx is its export);
#   * the claimex binary (`cargo build --release`): its segmenter gives the sentence units,
#     and it computes the case feature.
# Uses the recipes' pinned environment (models/recipes/env.sh, shared with the NER
# model; PyPI only, never the Hugging Face hub). Writes model.onnx, tokenizer.json, labels.json,
# attribution_labels.json and checkpoints/metrics_joint{,2,3}.json here, then checks SHA256SUMS.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
POLNEAR_DIR="${1:-${POLNEAR_DIR:-}}"
CONLL_DIR="${2:-${CONLL_DIR:-}}"
if [ ! -d "$POLNEAR_DIR/train/attributions" ] || [ ! -f "$CONLL_DIR/train.txt" ]; then
  echo "usage: $0 /path/to/polnear /path/to/conll2003" >&2
  exit 2
fi
CHECKPOINT="$ROOT/models/ner/checkpoints/cont/best_cont.pt"
if [ ! -f "$CHECKPOINT" ]; then
  echo "$CHECKPOINT missing: run models/ner/rebuild.sh first" >&2
  exit 2
fi
source "$HERE/../recipes/env.sh"
SENTENCES="$HERE/checkpoints/sentences"
mkdir -p "$SENTENCES" "$HERE/logs"
for split in train dev; do
  "$CLAIMEX_BIN" extract --no-ner --no-progress "$POLNEAR_DIR/$split/text" \
    -o "$SENTENCES/$split.jsonl"
done
# Recorded recipe (see MODEL_CARD.md): three stages of one epoch each (PolNeAR and
# CoNLL batches shuffled together), each from the last, with a falling learning rate.
# Each stage exports model.onnx; the third stage's is the shipped one.
stage() {
  "$RECIPES_PYTHON" -m claimex_recipes.joint_train --polnear "$POLNEAR_DIR" --conll "$CONLL_DIR" \
    --sentences "$SENTENCES" --ner-checkpoint "$CHECKPOINT" --out "$HERE" --batch-size 32 --threads 2 "$@"
}
stage --tag joint --lr 1e-4 --tt-lr 3e-4 --head-lr 1e-3 --seed 13 2>&1 | tee "$HERE/logs/joint.log"
stage --tag joint2 --init-joint "$HERE/checkpoints/joint.pt" --lr 3e-5 --tt-lr 3e-4 --head-lr 3e-4 --seed 14 \
  2>&1 | tee "$HERE/logs/joint2.log"
stage --tag joint3 --init-joint "$HERE/checkpoints/joint2.pt" --lr 2e-5 --tt-lr 2e-4 --head-lr 2e-4 --seed 15 \
  2>&1 | tee "$HERE/logs/joint3.log"
cp "$ROOT/models/ner/tokenizer.json" "$ROOT/models/ner/labels.json" "$HERE/"
"$RECIPES_PYTHON" -c 'import json, sys; from claimex_recipes import polnear; json.dump(polnear.LABELS, open(sys.argv[1] + "/attribution_labels.json", "w"))' "$HERE"
(cd "$HERE" && sha256sum -c SHA256SUMS)
