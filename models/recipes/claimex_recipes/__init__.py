"""claimex's model recipes: the Python that trains, exports, checks and documents the
transformer models claimex runs (models/ner, models/attribution).

Modules:
    case            the NER case feature, computed by the claimex binary (the one definition)
    encoder         the base encoder's files and its tokenizer (the one loader)
    ner_train       CoNLL-2003 NER: train, score, export, quantise (models/ner/rebuild.sh)
    ner_card        MODEL_CARD.md and metrics.json of the NER model
    ner_predict_check   reference inference of the shipped NER model without torch
    ner_export_pytorch  the NER weights as safetensors for the peer benchmark
    polnear         PolNeAR attribution data: labels, windows, decoding, scoring
    joint_train     the joint NER + attribution model (models/attribution/rebuild.sh)

Model variants and stages are chosen on dev splits only; test scores are reported, never
used to choose.
"""
import os

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
NER_DIR = os.path.join(REPO, "models", "ner")
ATTRIBUTION_DIR = os.path.join(REPO, "models", "attribution")
