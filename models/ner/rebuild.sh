#!/usr/bin/env bash
# Rebuild the claimex NER model from scratch:
#   bash models/ner/rebuild.sh /path/to/conll2003
# Sets up the recipes' pinned environment (models/recipes/env.sh; needs the claimex
# binary for the case feature), fine-tunes all-MiniLM-L6-v2 with the recorded settings
# (models/recipes/claimex_recipes/ner_train.py), exports + quantises to ONNX and writes
# model.onnx, tokenizer.json, labels.json, config.json, SHA256SUMS here. Stages and
# variants are chosen on dev only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONLL_DIR="${1:-${CONLL_DIR:-}}"
if [ -z "$CONLL_DIR" ] || [ ! -f "$CONLL_DIR/train.txt" ]; then
  echo "usage: $0 /path/to/conll2003   (dir with train.txt dev.txt test.txt)" >&2
  exit 2
fi
source "$HERE/../recipes/env.sh"
PY="$RECIPES_PYTHON"
mkdir -p "$HERE/logs"
# Recorded recipe (see MODEL_CARD.md).
"$PY" -m claimex_recipes.ner_train --data "$CONLL_DIR" --out "$HERE" \
  --epochs 3 --lr 1e-4 --batch-size 32 --seed 13 --threads 2 --tag main \
  2>&1 | tee "$HERE/logs/main.log"
# Stage 2: continue fine-tuning from the stage-1 best checkpoint (dev F1 was still rising);
# its outputs replace stage 1's only if its dev F1 is higher.
mkdir -p "$HERE/checkpoints/cont_out" "$HERE/checkpoints/cont"
"$PY" -m claimex_recipes.ner_train --data "$CONLL_DIR" --init-from "$HERE/checkpoints/best_main.pt" \
  --epochs 2 --lr 3e-5 --tt-lr 3e-4 --head-lr 3e-4 --batch-size 32 --seed 14 --threads 2 --tag cont \
  --out "$HERE/checkpoints/cont_out" --work "$HERE/checkpoints/cont" 2>&1 | tee "$HERE/logs/cont.log"
FINAL=$("$PY" - "$HERE" <<'PYEOF'
import json, sys
h = sys.argv[1]
m = json.load(open(f"{h}/checkpoints/metrics_main.json"))["torch_dev"]["micro"]["f1"]
c = json.load(open(f"{h}/checkpoints/cont/metrics_cont.json"))["torch_dev"]["micro"]["f1"]
print("cont" if c > m else "main")
PYEOF
)
echo "final stage: $FINAL"
if [ "$FINAL" = "cont" ]; then
  for f in model.onnx tokenizer.json labels.json config.json SHA256SUMS; do
    cp "$HERE/checkpoints/cont_out/$f" "$HERE/$f"
  done
fi
"$PY" -m claimex_recipes.ner_predict_check | tee "$HERE/logs/predict_check.txt"
# Optional case-feature ablation (ABLATION=1): same schedule, no case feature, stopped after epoch 1.
if [ "${ABLATION:-0}" = "1" ]; then
  "$PY" -m claimex_recipes.ner_train --data "$CONLL_DIR" --out "$HERE" \
    --epochs 3 --lr 1e-4 --batch-size 32 --seed 13 --threads 2 \
    --stop-after-epochs 1 --no-case --no-export --tag nocase 2>&1 | tee "$HERE/logs/nocase.log"
fi
"$PY" -m claimex_recipes.ner_card --final "$FINAL"
