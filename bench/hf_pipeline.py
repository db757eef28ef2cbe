"""Peer benchmark: the Python `transformers` token-classification pipeline on claimex's
NER model (PyTorch weights in models/ner/pytorch), same sentences, same threads.

Usage: python bench/hf_pipeline.py SENTENCES.txt MODEL_DIR THREADS
Warms up on the first 32 sentences (untimed), then prints one line:
`BENCH {json}` with sentences, words, seconds and peak_rss_mib (`ru_maxrss`).
"""
import json
import os
import resource
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline  # noqa: E402


def main() -> None:
    sentences_path, model_dir, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(threads)
    sentences = [line.rstrip("\n") for line in open(sentences_path, encoding="utf-8") if line.strip()]
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForTokenClassification.from_pretrained(model_dir, torch_dtype=torch.float32).eval()
    tagger = pipeline("token-classification", model=model, tokenizer=tokenizer, aggregation_strategy="first", device=-1)
    words = sum(len(s.split()) for s in sentences)
    with torch.inference_mode():
        tagger(sentences[:32], batch_size=32)
        started = time.perf_counter()
        tagger(sentences, batch_size=32)
        seconds = time.perf_counter() - started
    result = {
        "system": "python-pipeline",
        "sentences": len(sentences),
        "input_words": words,
        "seconds": round(seconds, 4),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print("BENCH " + json.dumps(result))


if __name__ == "__main__":
    main()
