"""Writes models/ner/pytorch/: the shipped NER model's weights as fp16 safetensors with a
transformers config, for the peer benchmark (bench/hf_pipeline.py) only. claimex itself
runs model.onnx. Usage: python -m claimex_recipes.ner_export_pytorch CHECKPOINT.pt"""
import json
import os
import shutil
import sys

import torch

from . import NER_DIR as HERE
from .encoder import find_base_dir
from .ner_train import build_model


def main() -> None:
    base = find_base_dir()
    labels = json.load(open(os.path.join(HERE, "labels.json")))
    model = build_model(base)
    model.load_state_dict(torch.load(sys.argv[1], map_location="cpu"))
    model.config.id2label = dict(enumerate(labels))
    model.config.label2id = {label: i for i, label in enumerate(labels)}
    out = os.path.join(HERE, "pytorch")
    model.half().save_pretrained(out, safe_serialization=True)
    shutil.copy(os.path.join(HERE, "tokenizer.json"), out)
    for name in ("tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        if os.path.exists(os.path.join(base, name)):
            shutil.copy(os.path.join(base, name), out)


if __name__ == "__main__":
    main()
