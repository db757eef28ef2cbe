"""Document context for the joint model: a document's consecutive sentences packed into
one model input, as src/tagger.rs packs them for a model whose config.json sets
`context_tokens` (both are checked on models/recipes/tests/context_layouts.tsv).
Standard library only (numpy where logits are handled)."""
from .encoder import CLS_ID, SEP_ID


def pack(examples, budget):
    """Model inputs with document context, built as src/tagger.rs builds them for a model
    whose config.json sets `context_tokens`: the sub-words of consecutive units (sentences)
    of one document joined in one [CLS] ... [SEP] input while they fit in `budget` tokens
    between the frame; a unit cut into several windows keeps them, each alone. Each input
    lists its parts: (example, where its sub-words start in the input, how many)."""
    packed = []
    for i, e in enumerate(examples):
        n = len(e["ids"]) - 2
        last = packed[-1] if packed else None
        joins = (last is not None and last["doc"] == e["doc"] and last["open"] and not e["alone"]
                 and len(last["ids"]) - 1 + n <= budget)
        if not joins:
            last = {"ids": [CLS_ID], "tt": [0], "labels": [-100], "parts": [], "doc": e["doc"],
                    "open": not e["alone"]}
            packed.append(last)
        last["parts"].append((i, len(last["ids"]), n))
        last["ids"] += e["ids"][1:-1]
        last["tt"] += e["tt"][1:-1]
        last["labels"] += e["labels"][1:-1]
    for p in packed:
        p["ids"].append(SEP_ID)
        p["tt"].append(0)
        p["labels"].append(-100)
    return packed


def unpack(examples, packed, logits):
    """The logits of each example (its frame rows zero) from those of the packed inputs."""
    import numpy as np
    out = [None] * len(examples)
    for p, rows in zip(packed, logits):
        for i, at, n in p["parts"]:
            own = np.zeros((n + 2, rows.shape[-1]), dtype=rows.dtype)
            own[1:n + 1] = rows[at:at + n]
            out[i] = own
    return out


def model_inputs(examples, context):
    """What the model reads: the examples themselves (sentence unit) or packed ones."""
    return pack(examples, context) if context else examples


def per_example(examples, inputs, logits, context):
    """The logits of each example from those of the model inputs."""
    return unpack(examples, inputs, logits) if context else logits
